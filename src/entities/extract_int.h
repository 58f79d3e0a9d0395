/*-------------------------------------------------------------------------
 *
 * extract_int.h
 *	  Internal types of the entity extractor, shared by the rule cascade
 *	  (extract.c) and the context layer (context.c).  Not part of the
 *	  module's interface: include entities.h for that.
 *
 * src/entities/extract_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_EXTRACT_INT_H
#define NP_EXTRACT_INT_H

#include "entities/entities.h"
#include "np_tables.h"

/* token flags */
#define TK_WORD		0x0001
#define TK_CAP		0x0002		/* starts with an uppercase letter */
#define TK_ALLCAPS	0x0004		/* two or more letters, all uppercase */
#define TK_LOWER	0x0008		/* starts with a lowercase letter */
#define TK_SENT		0x0010		/* first word of a sentence */
#define TK_POSS		0x0020		/* the possessive 's */
#define TK_ABBR		0x0040		/* ends with a dot that ends no sentence */
#define TK_SPACE	0x0080		/* whitespace before it */
#define TK_DIGIT	0x0100		/* starts with a digit */
#define TK_HEAD		0x0200		/* on a title-case (headline) line */
#define TK_NL		0x0400		/* a line break before it */
#define TK_INITIALS 0x0800		/* "U.S.", "J.K." */
#define TK_ENDER	0x1000		/* . ! ? */
#define TK_OPENQ	0x2000		/* opening quote or bracket */

#define KIND_UNKNOWN 15			/* unresolved group (internal) */

/* mention flags */
#define MF_TITLECTX 0x01		/* a title precedes it */
#define MF_GAZ		0x02		/* kind and name from the gazetteer */
#define MF_GENERIC	0x04		/* organisation of generic words only */
#define MF_TEAM		0x08		/* a team of a results or standings line */

typedef struct Tok
{
	uint32_t	start;
	uint32_t	end;
	uint16_t	flags;
	uint16_t	roles;			/* roles of the word on its own */
	uint16_t	ctx;			/* CTX_* marks of the context layer */
	const NpGazEntry *ent;		/* entity of the word on its own, or NULL */
} Tok;

typedef struct Cand
{
	int			a;				/* token range [a, b) */
	int			b;
	uint8_t		kind;
	uint8_t		flags;
	const char *canon;			/* gazetteer name, or NULL: built later */
	size_t		canonlen;
	const char *subtype;
	size_t		subtypelen;
	const char *link;			/* gazetteer link of the entry */
	size_t		linklen;
	char	   *name;			/* resolved canonical name (allocated) */
} Cand;

struct NpCtx;

typedef struct Extractor
{
	const char *text;
	size_t		len;
	const NpGazTable *builtin;
	const NpGazTable *user;
	int			maxtokens;
	Tok		   *toks;
	int			ntoks;
	int			captoks;
	Cand	   *cands;
	int			ncands;
	int			capcands;
	/* words seen capitalised away from a sentence start */
	NpStrMap   *midcap;
	char	   *keybuf;
	size_t		keycap;
	struct NpCtx *ctx;			/* the context layer's state (context.c) */
} Extractor;

/*
 * Does token k's text equal the given word?  (False outside the tokens.)
 */
static inline bool
tok_is(const Extractor *x, int k, const char *w)
{
	size_t		l = strlen(w);
	const Tok  *t;

	if (k < 0 || k >= x->ntoks)
		return false;
	t = &x->toks[k];
	return t->end - t->start == l && memcmp(x->text + t->start, w, l) == 0;
}

/*
 * Does token k's text equal one of the words of a NULL-terminated list?
 */
static inline bool
tok_in(const Extractor *x, int k, const char *const *words)
{
	int			i;

	for (i = 0; words[i] != NULL; i++)
		if (tok_is(x, k, words[i]))
			return true;
	return false;
}

/*
 * Raw text of candidate c (a key for the article-level maps).
 */
static inline const char *
cand_text(const Extractor *x, const Cand *c, size_t *len)
{
	*len = x->toks[c->b - 1].end - x->toks[c->a].start;
	return x->text + x->toks[c->a].start;
}

/*
 * Make candidate c a short form of candidate d (its name is d's).
 */
static inline void
link_to(Cand *c, const Cand *d, int kind)
{
	c->kind = (uint8_t) kind;
	c->flags &= ~MF_GAZ;
	c->subtype = d->subtype;
	c->subtypelen = d->subtypelen;
	c->link = (const char *) d;
	c->linklen = (size_t) -1;
}

/* extract.c */
extern bool NpExIsCommonWord(const char *w, size_t len);
extern int	NpExLongestMatch(Extractor *x, int a, int limit, const NpGazEntry **entp);
extern Cand *NpExAddCand(Extractor *x, int a, int b, int kind,
						 const NpGazEntry *e, uint8_t flags);
extern bool NpExIsConnector(const Extractor *x, int k);
extern bool NpExIsGeneration(const Extractor *x, int k);
extern bool NpExBeforePlaceNoun(const Extractor *x, int b);

/* context.c */
extern void NpCtxScan(Extractor *x);
extern bool NpCtxKeepCaps(const Extractor *x, int k);
extern int	NpCtxCandidates(Extractor *x, int k);
extern void NpCtxDecide(Extractor *x);
extern bool NpCtxIsSport(const Extractor *x);
extern void NpCtxFree(Extractor *x);

#endif							/* NP_EXTRACT_INT_H */
