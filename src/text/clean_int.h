/*-------------------------------------------------------------------------
 *
 * clean_int.h
 *	  Internals shared by the files of the article cleaner: the vocabulary
 *	  and word shapes (vocab.c) and the unit classifier (classify.c).  The
 *	  unit list is in doc.h, the plain-text front end in plaintext.c, the
 *	  body selection in clean.c.
 *
 * src/text/clean_int.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_CLEAN_INT_H
#define NP_CLEAN_INT_H

#include "np_port.h"

#include "np_hash.h"
#include "text/clean.h"
#include "text/doc.h"
#include "text/unicode.h"

/* ----------------------------------------------------------------
 * The vocabulary (vocab.c)
 * ----------------------------------------------------------------
 */

/* Word classes: a word may belong to several */
#define V_WIDGET	0x0001
#define V_STRONG	0x0002
#define V_COMMENT	0x0004
#define V_SECTION	0x0008
#define V_TEASER	0x0010
#define V_CAPTION	0x0020
#define V_CREDIT	0x0040
#define V_DATE		0x0080
#define V_TIME		0x0100
#define V_CPREFIX	0x0200
#define V_CSUFFIX	0x0400
#define V_SECOND	0x1000		/* you, your */

/* Words the classifier looks at one by one (phrases, bylines, navigation) */
enum
{
	W_NONE = 0, W_BY, W_SIGN, W_UP, W_IN, W_LOG, W_PRIVACY, W_POLICY,
	W_RIGHTS, W_RESERVED, W_TERMS, W_OF, W_AND, W_AD, W_BLOCKER,
	W_CONTRIBUTED, W_TO, W_REPORTING, W_EDITING, W_WRITING, W_COMPILED,
	W_WRITTEN, W_REPORTED, W_WORDS, W_STORY, W_TEXT, W_POSTED, W_PHOTOS,
	W_VIDEO, W_AUTHOR, W_AUTHORS, W_PREVIOUS, W_NEXT, W_PREV, W_OLDER,
	W_NEWER, W_AGO, W_ABOUT, W_NUM_IDS
};

/* A listed word and its classes */
typedef struct NpVocabEntry
{
	NpStrKey	key;			/* the word, lower case */
	uint32		hash;
	uint16		flags;			/* V_* */
	uint8		id;				/* W_* */
	char		status;
} NpVocabEntry;

/*
 * Filters that rule most words out before a lookup (vocab.c fills them):
 * bit L of NpVocabShape[c] is set if some listed word starts with c and has
 * L bytes; NpVocabShapeLong and NpVocabShapeLight hold the same for the
 * words that matter in long units and in long sentences.  Bit L of
 * NpVocabPair[x][y] is set if some listed word of L bytes starts with the
 * letters 'a' + x, 'a' + y, and of NpVocabEnds[x][z] if one starts with
 * 'a' + x and ends with 'a' + z: finer filters for the words whose lookup
 * can only count as a hit or as an ordinary word.
 */
extern uint32 NpVocabShape[128];
extern uint32 NpVocabShapeLong[128];
extern uint32 NpVocabShapeLight[128];
extern uint32 NpVocabPair[26][26];
extern uint32 NpVocabEnds[26][26];

/*
 * The letters that the numeric token test (classify.c) accepts ("1st",
 * "2nd", "3rd", "4th"): bit c - 'a' for letter c.
 */
#define NUMERIC_LETTERS (1u << ('s' - 'a') | 1u << ('t' - 'a') | 1u << ('n' - 'a') | \
						 1u << ('d' - 'a') | 1u << ('r' - 'a') | 1u << ('h' - 'a'))

#define LONG_FLAGS (V_STRONG | V_CREDIT | V_SECOND)

/* first words of the phrases NpGetUnitFacts looks for */
#define PHRASE_FIRST(id) ((id) == W_SIGN || (id) == W_LOG || (id) == W_PRIVACY || \
						  (id) == W_RIGHTS || (id) == W_TERMS || (id) == W_AD || \
						  (id) == W_CONTRIBUTED || (id) == W_REPORTING || \
						  (id) == W_EDITING || (id) == W_WRITING || (id) == W_COMPILED)

/*
 * Can the key of len bytes starting with c0 (lower case) and c1 and ending
 * with cl be ruled out: not listed, and not a numeric token ("2nd") either?
 */
static inline bool
NpVocabPairExcludes(unsigned char c0, unsigned char c1, unsigned char cl, size_t len)
{
	bool		cl_letter;

	if (c1 >= 'A' && c1 <= 'Z')
		c1 = c1 - 'A' + 'a';
	if (cl >= 'A' && cl <= 'Z')
		cl = cl - 'A' + 'a';
	if (c0 < 'a' || c0 > 'z' || c1 < 'a' || c1 > 'z' || len >= 32)
		return false;
	cl_letter = cl >= 'a' && cl <= 'z';

	/*
	 * A numeric token has only digits, "stndrh" and ":./-".  One branch,
	 * not one a letter: whether a word's letters are among those six is
	 * not foreseeable.
	 */
	if ((NUMERIC_LETTERS >> (c0 - 'a')) & (NUMERIC_LETTERS >> (c1 - 'a')) &
		(cl < 0x80) & (cl_letter ? NUMERIC_LETTERS >> (cl - 'a') : 1) & 1)
		return false;
	if (((NpVocabPair[c0 - 'a'][c1 - 'a'] >> len) & 1) == 0)
		return true;
	return cl_letter && ((NpVocabEnds[c0 - 'a'][cl - 'a'] >> len) & 1) == 0;
}

extern void NpVocabInit(void);
extern const NpVocabEntry *NpVocabFind(const char *key, size_t klen);
extern uint16 NpVocabFlags(const char *key);
extern size_t NpWordKey(const char *w, size_t len, char *key, size_t keysize);

/* ----------------------------------------------------------------
 * Word shapes (vocab.c)
 * ----------------------------------------------------------------
 */

extern bool NpEndsSentence(const char *s, size_t len, bool colon_ok);
extern bool NpWordIsUrl(const char *w, size_t len);
extern int	NpCountSpaces(const char *s, size_t len, bool *plain);

/*
 * Count the bytes of m whose top bit is set (m has no other bits set).
 * A multiply sums the bytes, with no need for a popcount instruction.
 */
static inline int
NpCountHighBits(uint64_t m)
{
	return (int) (((m >> 7) * UINT64_C(0x0101010101010101)) >> 56);
}


/*
 * Mark the bytes of v equal to the byte repeated in pat: bit 7 of each such
 * byte is set, nothing else.  Exact (no carry crosses a byte).
 */
static inline uint64_t
NpBytesEqual(uint64_t v, uint64_t pat)
{
	const uint64_t lo7 = UINT64_C(0x7F7F7F7F7F7F7F7F);
	uint64_t	x = v ^ pat;

	return ~(((x & lo7) + lo7) | x | lo7);
}


#define NP_SPACES	UINT64_C(0x2020202020202020)
#define NP_PIPES	UINT64_C(0x7C7C7C7C7C7C7C7C)

/*
 * Return the offset of the first space in s[i..len), or len.  On
 * little-endian GCC-compatible compilers, eight bytes at a time (words are
 * short, so this beats a call to memchr).
 */
static inline size_t
NpNextSpace(const char *s, size_t i, size_t len)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; i + 8 <= len; i += 8)
	{
		uint64_t	v;
		uint64_t	m;

		memcpy(&v, s + i, 8);
		m = NpBytesEqual(v, NP_SPACES);
		if (m)
			return i + (size_t) (__builtin_ctzll(m) >> 3);
	}
	while (i < len && s[i] != ' ')
		i++;
	return i;
#else
	const char *sp = memchr(s + i, ' ', len - i);

	return sp ? (size_t) (sp - s) : len;
#endif
}


/* ----------------------------------------------------------------
 * The classifier (classify.c)
 * ----------------------------------------------------------------
 */

/* Section markers */
#define MARK_NONE	0
#define MARK_SOFT	1			/* related/most read/sponsored box */
#define MARK_HARD	2			/* comment section */

#define IS_CONTENT(c) ((c) == CLS_GOOD || (c) == CLS_NEAR)

/*
 * Word limits that NpGetUnitFacts and the rules reading its facts share.
 * In a unit of at most NP_SHORT_UNIT_WORDS words every word is looked up in
 * the vocabulary (labels, timestamps, widget words); in one of at most
 * NP_MID_UNIT_WORDS words only banner words, credits, "you" and phrases;
 * beyond that only the first three words.  A rule may only read a fact
 * under the limit within which it is gathered.
 */
#define NP_SHORT_UNIT_WORDS 14
#define NP_MID_UNIT_WORDS	80

/* Facts about a unit, gathered in one pass over its words */
typedef struct NpUnitFacts
{
	int			nwords;
	int			nletters;
	int			nupper;			/* upper-case letters */
	int			ncapwords;		/* words starting with a capital */
	int			nlongwords;		/* words of 4+ characters */
	int			nlongcap;		/* ... of which capitalised */
	int			widget;			/* widget vocabulary hits */
	int			strong;			/* banner vocabulary hits */
	int			comment;		/* comment-section words */
	int			section;		/* more-stories words */
	int			second;			/* you, your */
	int			credit;			/* photo credit words */
	int			datetok;		/* date/time tokens */
	int			datestrong;		/* numbers, months, "ago" */
	int			nondate;		/* other tokens */
	int			arrows;			/* navigation arrows */
	int			guil_open;		/* guillemets: quotes in pairs, arrows alone */
	int			guil_close;
	int			pipes;			/* | separators */
	int			urls;
	bool		ends_term;
	bool		ends_colon;
	bool		byline;
	bool		wirecredit;		/* "Reporting by", "Editing by" */
	bool		contributed;	/* "... contributed to ..." */
	bool		about;			/* begins with "About" */
	bool		teaser_label;	/* "Related: ...", "Read more: ..." */
	bool		caption_label;	/* "Photo: ..." */
	bool		credit_tail;	/* ends with "Name / Agency" or a credit */
	bool		nav_start;		/* "Previous ...", "Next ..." */
	bool		phrase;			/* "sign up", "privacy policy" ... */
	bool		quoted;			/* begins with a quotation mark */
	bool		label_colon;	/* a colon ends one of the first 3 words */
	int			label_words;	/* words up to that colon */
} NpUnitFacts;

extern void NpClassifyInit(void);
extern void NpGetUnitFacts(const char *s, size_t len, NpUnitFacts *f);
/*
 * What the body selection asks later about a unit's facts, noted when it is
 * classified (so that they are not gathered twice): NP_HINT_SUBHEAD, a
 * subheading's shape (a few words, no widget vocabulary unless all capitals
 * in agency copy, no final colon); NP_HINT_APPEAL, "you" in at most 30
 * words (a possible appeal to the reader); NP_HINT_HEADLINE, a headline's
 * words (2 to 25, not a sentence ending in a full stop); NP_HINT_FIGURES,
 * more words than dates (a row of figures, not a timestamp);
 * NP_HINT_ROW and NP_HINT_ROW2, 1 (2) to NP_TITLED_ROW_WORDS words and no
 * sentence (a row of a table under a title).
 */
#define NP_HINT_SUBHEAD		0x01
#define NP_HINT_APPEAL		0x02
#define NP_HINT_HEADLINE	0x04
#define NP_HINT_FIGURES		0x08
#define NP_HINT_ROW			0x10
#define NP_HINT_ROW2		0x20

/* a row of a titled table (clean.c, keep_titled_rows) has at most this many words */
#define NP_TITLED_ROW_WORDS 10

/*
 * Does unit idx open the document: only wire furniture before it (a slug,
 * a feed's header, a sign-off)?
 */
extern bool NpOpensDoc(const NpDoc *doc, int idx);

/*
 * Do figures weigh in s[0..len) (one digit or more to four letters, a year
 * one digit), and is one of them signed, a price's change (*change)?
 */
extern bool NpFiguresWeigh(const char *s, size_t len, bool *change);

/*
 * Is s[0..len) a row of prices: figures weigh, and one is a change or is
 * grouped or has decimals ("FTSE 100 7,512.30 +0.4"; not a date)?
 */
extern bool NpPriceRow(const char *s, size_t len);

extern int	NpClassifyUnit(const NpDoc *doc, int idx, bool duplicate, int *mark,
						   bool *byline, unsigned char *hints);

#endif							/* NP_CLEAN_INT_H */
