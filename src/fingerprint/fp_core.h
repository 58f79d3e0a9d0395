/*-------------------------------------------------------------------------
 *
 * fp_core.h
 *	  Server-independent core of the fingerprint module: token
 *	  normalisation, shingle hashing, bottom-k sketches, the estimators on
 *	  raw hash arrays, the text literal, and sentence matching for
 *	  shared_passages().
 *
 * The code sees the server only through np_port.h, so the same code builds
 * into the extension and into plain C harnesses (fuzzers, evaluation tools)
 * with -DNP_STANDALONE.  Errors are returned, not raised: the SQL layer
 * (fingerprint_sql.c) turns them into ereport() calls.
 *
 * src/fingerprint/fp_core.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_FP_CORE_H
#define NP_FP_CORE_H

#include "np_port.h"

typedef uint32 np_uint32;
typedef uint64 np_uint64;

/* Parameters of format version 1 (version 2: fp_evidence.h) */
#define NP_FP_CORE_VERSION			1
#define NP_FP_DEFAULT_SHINGLE_WORDS	3
#define NP_FP_DEFAULT_SKETCH_SIZE	160
#define NP_FP_MAX_SKETCH_SIZE		65535
#define NP_FP_MAX_SHINGLE_WORDS		16

/*
 * The names a version 2 text holds anywhere, as a bitmap of
 * NP_FP_NAMES_WORDS 32-bit words (fp_evidence.h, "The names a text
 * holds"): kept after the sample by a text with a subject or that holds
 * a name or a figure (not one under the floor).
 */
#define NP_FP_NAMES_WORDS			4

/*
 * The sections after the names (doc/fingerprint.md, "The layout"): a
 * version 2 fingerprint that keeps its names may keep, after them, optional
 * sections in a fixed order, the figures (NP_FP_FIGURES_TAG) and then the
 * places (NP_FP_PLACES_TAG), each opening with a tag word whose top byte
 * says what it is and whose low bits give its length, so that a reader
 * finds each by its tag and never by the datum's length.
 *
 * The figures a version 2 text holds (fp_evidence.h, "The figures a text
 * holds"): only in a text that keeps its names and holds a figure.  Its
 * first word is NP_FP_FIGURES_TAG << 24, the NP_FP_FIGURES_TRUNCATED bit
 * when the text held more figures than are kept, and the number n of
 * figures kept in its low 8 bits; then n 16-bit figure hashes, ascending
 * and distinct, two a word (figure 2i in the low half of word 1 + i,
 * 2i + 1 in the high half; an odd n leaves the last high half 0).  Other
 * bits are 0.
 */
#define NP_FP_FIGURES_TAG			0x46	/* 'F' */
#define NP_FP_FIGURES_KEEP			16
#define NP_FP_FIGURES_TRUNCATED		0x100
#define NP_FP_FIGURES_WORDS(n)		(1 + ((n) + 1) / 2)
#define NP_FP_FIGURES_MAX_WORDS		NP_FP_FIGURES_WORDS(NP_FP_FIGURES_KEEP)
#define NP_FP_FIGURES_COUNT(w0)		((int) ((w0) & 0xFF))
#define NP_FP_FIGURE_OF(sec, j) \
	((np_uint32) (((sec)[1 + (j) / 2] >> (16 * ((j) % 2))) & 0xFFFF))

/*
 * Where each hash of a version 2 sample stands in its text (fp_evidence.h,
 * "Where a hash stands"): a place of NP_FP_PLACE_BITS bits a hash, 0 for
 * the lead and 1 to 7 for the later paragraphs in turn, packed
 * NP_FP_PLACES_PER_WORD to a 32-bit word (hash j in word j / 10 at bit
 * 3 (j % 10); the top two bits of a word, and the places after the last
 * hash, are 0).  Kept only by a text that keeps its names, as the last
 * section: a tag word NP_FP_PLACES_TAG << 24 with the number of place
 * words, NP_FP_PLACES_WORDS(nhashes), in its low 24 bits, then the place
 * words.  The literal writes the place words alone after ':p'.
 */
#define NP_FP_PLACES_TAG			0x50	/* 'P' */
#define NP_FP_PLACE_BITS			3
#define NP_FP_PLACES_PER_WORD		10
#define NP_FP_PLACES_WORDS(n)		(((n) + NP_FP_PLACES_PER_WORD - 1) / NP_FP_PLACES_PER_WORD)
#define NP_FP_PLACES_COUNT(w0)		((int) ((w0) & 0xFFFFFF))
#define NP_FP_PLACE_OF(places, j) \
	(((places)[(j) / NP_FP_PLACES_PER_WORD] >> \
	  (NP_FP_PLACE_BITS * ((j) % NP_FP_PLACES_PER_WORD))) & \
	 ((1u << NP_FP_PLACE_BITS) - 1))

/*
 * The length in words of the section that opens with tag word w0, the tag
 * word included, or 0 when w0 opens no known section.
 */
#define NP_FP_SECTION_WORDS(w0) \
	(((w0) >> 24) == NP_FP_FIGURES_TAG ? \
	 NP_FP_FIGURES_WORDS(NP_FP_FIGURES_COUNT(w0)) : \
	 ((w0) >> 24) == NP_FP_PLACES_TAG ? 1 + NP_FP_PLACES_COUNT(w0) : 0)

/*
 * A sketch held in ordinary memory: the same fields as the on-disk
 * NpFingerprint, without the varlena header.
 */
typedef struct NpSketch
{
	int			version;
	int			shingle_words;
	int			sketch_size;
	np_uint32	nshingles;
	int			nhashes;
	np_uint32  *hashes;			/* ascending, distinct; np_alloc'ed */
	bool		has_names;		/* version 2: names[] is known */
	np_uint32	names[NP_FP_NAMES_WORDS];	/* its names (if has_names) */
	int			nfigure_words;	/* version 2, with names: the words of its
								 * figures section, 0 when it has none */
	np_uint32	figures[NP_FP_FIGURES_MAX_WORDS];
	np_uint32  *places;			/* version 2, a text with names: where its
								 * hashes stand (NP_FP_PLACES_WORDS(nhashes)
								 * words, np_alloc'ed), or NULL */
} NpSketch;

/*
 * Call fn for each normalised word of text (UTF-8), in order.  A word is a
 * run of letters and digits, case-folded (ASCII, Latin-1, Latin Extended-A,
 * Greek, Cyrillic), with apostrophes inside it and separators inside numbers
 * (1,000 / 3.5) dropped.  fn receives the word's 64-bit hash and its byte
 * range [start, end) in text.  Returns the number of words.
 */
typedef void (*NpWordCallback) (np_uint64 hash, size_t start, size_t end,
								void *arg);
extern size_t NpFpTokenize(const char *text, size_t len,
						   NpWordCallback fn, void *arg);

/*
 * Compute the distinct shingle hashes of text, sorted ascending.  Returns
 * their count and sets *hashes (np_alloc'ed; NULL when the count is 0).
 * A text with fewer words than shingle_words yields a single shingle of all
 * its words; an empty text yields none.
 */
extern size_t NpFpShingleSet(const char *text, size_t len, int shingle_words,
							 np_uint32 **hashes);

/*
 * Hash of a shingle of m words (word hashes in text order), as the shingles
 * of NpFpShingleSet are hashed.  Part of both format versions.
 */
extern np_uint32 NpFpShingleHash(const np_uint64 *words, int m);

/* Build the bottom-k sketch of text into *sk (hashes np_alloc'ed) */
extern void NpFpBuildSketch(const char *text, size_t len, int shingle_words,
							int sketch_size, NpSketch *sk);

/*
 * Count |A' n B'| and |A' u B'| for the two samples under the common
 * threshold (see fingerprint.h).  truncated_x says whether sample x is a
 * strict subset of its article's shingle set.  Sets *a_count to |A'|.
 */
extern void NpFpCompare(const np_uint32 *a, int na, int a_truncated,
						const np_uint32 *b, int nb, int b_truncated,
						int *inter, int *uni, int *a_count, int *b_count);

/* The number of values two ascending arrays of distinct values share */
extern int	NpFpShared(const np_uint32 *a, int na, const np_uint32 *b, int nb);

/* The same, or any count below need once need cannot be reached */
extern int	NpFpSharedAtLeast(const np_uint32 *a, int na, const np_uint32 *b,
							  int nb, int need);

/* Cut two samples at their common threshold (*na, *nb: |A'|, |B'|) */
extern void NpFpCut(const np_uint32 *a, int *na, int a_truncated,
					const np_uint32 *b, int *nb, int b_truncated);

/* The two estimators on raw samples (definitions in fingerprint.h) */
extern double NpFpSimilarity(const np_uint32 *a, int na, int a_truncated,
							 const np_uint32 *b, int nb, int b_truncated);
extern double NpFpContainment(const np_uint32 *a, int na, int a_truncated,
							  const np_uint32 *b, int nb, int b_truncated);

/*
 * Parse a text literal "v1:w3:k160:n913:<8 hex digits per hash>" (or v2:,
 * the same layout for format version 2, which may end in ":m" and the
 * names' NP_FP_NAMES_WORDS words, 8 hex digits each).  On
 * success returns NULL and fills *sk; on failure returns a static message
 * (sentence, no trailing period) and leaves *sk without allocated memory.
 */
extern const char *NpFpParseLiteral(const char *str, size_t len, NpSketch *sk);

/*
 * Check a sketch's fields for consistency (the same rules the literal
 * parser and binary receive apply).  Returns NULL or a static message.
 */
extern const char *NpFpValidate(int version, int shingle_words, int sketch_size,
								np_uint32 nshingles, int nhashes,
								const np_uint32 *hashes);

/*
 * Check a figures section of nwords words (NP_FP_FIGURES_TAG): its tag,
 * count and length agree, its figures ascend, unused bits are 0, so that
 * one set of figures has one form.  Returns NULL or a static message.
 */
extern const char *NpFpValidateFigures(const np_uint32 *sec, int nwords);

/*
 * Check the places of a sample of nhashes hashes (NP_FP_PLACES_WORDS(nhashes)
 * words, without their tag word): the unused bits are 0, so that one sample
 * has one form.  Returns NULL or a static message.
 */
extern const char *NpFpValidatePlaces(int nhashes, const np_uint32 *places);

/*
 * The sections after the names of a sample of nhashes hashes, as the binary
 * forms hold them (nwords words: the figures, then the places, each with
 * its tag word, each optional).  NpFpReadSections checks them and sets
 * sk->nfigure_words, sk->figures and sk->places (pointing into words);
 * anything else, out of order or malformed, returns a static message.
 * NpFpSectionsWords and NpFpWriteSections give a sketch's sections back.
 */
extern const char *NpFpReadSections(int nhashes, const np_uint32 *words,
									int nwords, NpSketch *sk);
extern int	NpFpSectionsWords(const NpSketch *sk);
extern void NpFpWriteSections(const NpSketch *sk, np_uint32 *out);

/* Format a sketch as its literal; returns a np_alloc'ed NUL-terminated string */
extern char *NpFpFormatLiteral(const NpSketch *sk);

/* One matched sentence pair, for shared_passages() */
typedef struct NpPassageMatch
{
	size_t		a_start;		/* byte range in text a */
	size_t		a_end;
	size_t		b_start;		/* byte range in text b */
	size_t		b_end;
	int			a_sentence;		/* index of the sentence in a's ranges */
	int			b_sentence;		/* index of the sentence in b's ranges */
	double		score;			/* share of a's sentence found in b's */
} NpPassageMatch;

/*
 * Match each sentence of a (given as byte ranges) to the sentence of b that
 * contains most of its word pairs; keep matches scoring at least min_score.
 * Returns the count and sets *matches (np_alloc'ed), in a's order.
 */
extern int	NpFpMatchPassages(const char *a, const size_t *a_ranges, int na,
							  const char *b, const size_t *b_ranges, int nb,
							  double min_score, NpPassageMatch **matches);

#endif							/* NP_FP_CORE_H */
