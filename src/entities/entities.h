/*-------------------------------------------------------------------------
 *
 * entities.h
 *	  Named-entity extraction core: gazetteer lookup and the rule-based
 *	  extractor.  Server-independent (see np_port.h), so the same code runs
 *	  in the SQL functions, the scoring tool and the fuzz harness.
 *
 * The extractor works on valid UTF-8 and reports byte offsets; the SQL layer
 * turns them into character offsets.
 *
 * src/entities/entities.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_ENTITIES_H
#define NP_ENTITIES_H

#include "np_port.h"

#include "np_hash.h"

/* Entity kinds: the CoNLL-2003 classes */
typedef enum NpEntityKind
{
	NP_KIND_NONE = 0,
	NP_KIND_PER,
	NP_KIND_ORG,
	NP_KIND_LOC,
	NP_KIND_MISC
} NpEntityKind;

/* Word roles a gazetteer key can have besides being an entity */
#define NP_ROLE_TITLE		0x0001	/* "Minister": a title head */
#define NP_ROLE_TMOD		0x0002	/* "Foreign": part of a title or body */
#define NP_ROLE_ORGHEAD		0x0004	/* "Ministry": ends an organisation */
#define NP_ROLE_ORGSUF		0x0008	/* "Inc": company suffix */
#define NP_ROLE_LOCHEAD		0x0010	/* "River": ends a place */
#define NP_ROLE_STOP		0x0020	/* "Monday": never an entity */
#define NP_ROLE_PREFIX		0x0040	/* first word of a longer key */
#define NP_ROLE_MISCHEAD	0x0080	/* "Prize", "Cup": ends an event, award... */
#define NP_ROLE_GIVEN		0x0100	/* "Paul": a given name */
/* context words (data/hand/context.txt), lowercase */
#define NP_ROLE_SPORT		0x0200	/* "innings": a sports word */
#define NP_ROLE_BIZ			0x0400	/* "dividend": a business word */
#define NP_ROLE_TEAMCUE		0x0800	/* "beat": next to a team */
#define NP_ROLE_TEAMAFTER	0x1000	/* "coach": after a team */
#define NP_ROLE_FIRM		0x2000	/* "brewer": before a company */
#define NP_ROLE_FIRMAFTER	0x4000	/* "shares": after a company */
#define NP_ROLE_CONTEXT		0x7E00	/* all of the context words */
#define NP_ROLE_MORE		0x8000	/* a longer key goes on after this one */

/* Longest key, in tokens, the matcher tries */
#define NP_GAZ_MAX_TOKENS	12

/*
 * Longest user dictionary key, in bytes of UTF-8; longer names and aliases
 * are ignored.  Adding a key hashes each of its prefixes that ends before a
 * space or punctuation mark, which costs the square of its length: the
 * longest built-in key takes 73 bytes, and 1,024 keeps the cost of any
 * dictionary under 512 hashed bytes per byte.
 */
#define NP_GAZ_MAX_KEY_BYTES	1024

/*
 * Most prefixes of one key stored for the matcher (those ending before its
 * first 64 spaces or punctuation marks).  A key of 1,024 dots stored 1,023:
 * 16,000 such keys in a dictionary value (320 kB once compressed) took 27 s
 * and 3 GB to load.  The matcher reads at most three tokens a word of 12
 * words; the built-in gazetteer's keys have at most 9 such marks.
 */
#define NP_GAZ_MAX_KEY_BREAKS	64

/* One gazetteer key and what it means (an entry of a simplehash table) */
typedef struct NpGazEntry
{
	NpStrKey	key;			/* surface form; not owned by the table */
	uint32		hash;
	const char *canon;			/* canonical name (entities only) */
	const char *subtype;		/* "country", "city"... or NULL */
	const char *link;			/* related name: country's demonym, city's country */
	uint32_t	canonlen;
	uint16_t	subtypelen;
	uint16_t	linklen;
	uint16_t	roles;			/* NP_ROLE_* bits */
	uint8_t		kind;			/* NpEntityKind, NONE for roles only */
	uint8_t		weak;			/* also a common lowercase word */
	char		status;			/* simplehash's */
} NpGazEntry;

/*
 * Most names, aliases and prefixes (those mark_prefix stores, repeats
 * counted) one user dictionary may store; a larger one is refused.  At the
 * limit it takes at most about 2.7 GB: 64 bytes a slot of the keys' table,
 * sized to a power of two, and 32 bytes a key while they are read, or 21
 * bytes a prefix.  A million rows of a three-word name and two two-word
 * aliases store about 7 million.
 */
#define NP_GAZ_MAX_USER_ENTRIES	((uint64_t) 1 << 24)

/* A prefix of a user table's keys and the matcher's roles (gazetteer.c) */
typedef struct NpGazHint NpGazHint;

/*
 * A table of gazetteer entries keyed by surface form.  The built-in table
 * stores the prefixes of its keys as entries of their own; a user table
 * (NpGazTableBuildUser) stores them in a set of 16-byte records beside it,
 * sized once for all of them.
 */
typedef struct NpGazTable
{
	struct npgaz_hash *entries; /* simplehash table (gazetteer.c) */
	uint32_t	count;			/* keys */
	int			maxtokens;		/* longest key, in words */
	uint64_t   *bloom;			/* optional filter of the keys, or NULL */
	uint32_t	bloommask;		/* bits - 1 */
	NpGazHint  *hints;			/* user table: its prefixes, or NULL */
	size_t		hintslots;		/* slots of hints */
} NpGazTable;

/* One name or alias of a user dictionary, read before its table is built */
typedef struct NpGazUserKey
{
	const char *key;
	const char *canon;
	uint32_t	keylen;
	uint32_t	canonlen;
	NpEntityKind kind;
} NpGazUserKey;

/* The names and aliases of a user dictionary, and what they will store */
typedef struct NpGazKeyList
{
	NpGazUserKey *keys;
	size_t		n;
	size_t		cap;
	uint64_t	prefixes;		/* prefixes to store, repeats counted */
	uint64_t	entries;		/* n + prefixes */
} NpGazKeyList;

/* One mention found in the text */
typedef struct NpMention
{
	size_t		start;			/* byte offsets, end exclusive */
	size_t		end;
	int			entity;			/* index into NpEntityResult.entities */
} NpMention;

/* One distinct entity of an article */
typedef struct NpEntity
{
	char	   *name;			/* canonical name, NUL-terminated */
	const char *subtype;		/* NUL-terminated or NULL */
	NpEntityKind kind;
	int			mentions;
	size_t		first;			/* byte offset of the first mention */
} NpEntity;

typedef struct NpEntityResult
{
	NpMention  *mentions;		/* in text order */
	int			nmentions;
	NpEntity   *entities;		/* in order of first mention */
	int			nentities;
} NpEntityResult;

/* gazetteer.c */
extern const NpGazTable *NpGazetteerBuiltin(void);
extern bool NpLexiconContains(const char *word, size_t len);
extern void NpGazTableInit(NpGazTable *t, uint32_t expected);
extern NpGazEntry *NpGazTableInsert(NpGazTable *t, const char *key, size_t keylen);
extern const NpGazEntry *NpGazTableLookup(const NpGazTable *t, const char *key, size_t keylen);
extern void NpGazTableFree(NpGazTable *t);
extern const NpGazEntry *NpGazTableLookupRoles(const NpGazTable *t,
											   const char *key, size_t keylen,
											   uint16_t *roles);
extern void NpGazTableAddEntity(NpGazTable *t, const char *key, size_t keylen,
								const char *canon, size_t canonlen,
								NpEntityKind kind, const char *subtype);
extern void NpGazKeyListAdd(NpGazKeyList *l, const char *key, size_t keylen,
							const char *canon, size_t canonlen, NpEntityKind kind);
extern void NpGazTableBuildUser(NpGazTable *t, NpGazKeyList *l, const char *subtype);
extern int	NpGazCountWords(const char *key, size_t len);
extern const char *NpEntityKindName(NpEntityKind kind);
extern NpEntityKind NpEntityKindFromName(const char *name, size_t len);

/* entities_sql.c */
extern void NpEntitiesRegisterCallbacks(void);

/* extract.c */
extern void NpExtractEntities(const char *text, size_t len,
							  const NpGazTable *user, NpEntityResult *result);
extern void NpEntityResultFree(NpEntityResult *result);

#endif							/* NP_ENTITIES_H */
