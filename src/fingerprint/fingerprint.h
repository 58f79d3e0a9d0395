/*-------------------------------------------------------------------------
 *
 * fingerprint.h
 *	  The newsprint.fingerprint type: on-disk layout and the estimators the
 *	  SQL operators and the index access method share.
 *
 * A fingerprint is a consistent sample of the article's set of word-shingle
 * hashes: the (up to) sketch_size smallest distinct 32-bit hash values, in
 * ascending order, plus the exact number of distinct shingles.  When the
 * article has fewer shingles than sketch_size the sample is the whole set.
 * Version 2 samples only the shingles that can be evidence of copying
 * (fp_evidence.h).
 *
 * Samples are compared below a common threshold (the index relies on these
 * exact definitions; see the design essay in src/index/):
 *	 limit(a) = max(hashes(a)) if nshingles(a) > nhashes(a), else +infinity
 *	 tau = min(limit(a), limit(b))
 *	 A' = {x in hashes(a): x <= tau}, B' likewise
 *
 * Because A' and B' are the hashes of a and b below one common threshold,
 * ratios of their counts are unbiased-in-the-limit estimates of the Jaccard
 * index and of the containment of a in b (Broder 1997; Cohen and Kaplan
 * 2007, bottom-k).
 *
 * src/fingerprint/fingerprint.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_FINGERPRINT_H
#define NP_FINGERPRINT_H

#include "postgres.h"

#include "fmgr.h"

#include "fingerprint/fp_evidence.h"

/*
 * Format versions.  Version 1 (newsprint 0.1) samples every shingle.
 * Version 2, the default since 0.2, samples the article's evidence shingles
 * (fp_evidence.h); its layout is version 1's.  Both are read and compared;
 * a version 1 and a version 2 fingerprint cannot be compared with each other
 * (NpFingerprintCheckCompatible).
 */
#define NP_FP_VERSION_1		1
#define NP_FP_VERSION_2		2
#define NP_FP_VERSION		NP_FP_VERSION_2 /* of new fingerprints */

typedef struct NpFingerprint
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;		/* NP_FP_VERSION_1 or NP_FP_VERSION_2 */
	uint8		shingle_words;	/* words per shingle */
	uint16		sketch_size;	/* capacity k of the sample */
	uint32		nshingles;		/* exact count of distinct sampled-set shingles
								 * (v1: all shingles; v2: evidence shingles) */
	uint32		hashes[FLEXIBLE_ARRAY_MEMBER];	/* ascending, distinct */
} NpFingerprint;

#define NP_FP_HDRSZ			offsetof(NpFingerprint, hashes)

/*
 * A version 2 fingerprint of a text with a subject, or that holds a name
 * or a figure, keeps, after its hashes, the names the text holds
 * (NP_FP_NAMES_WORDS words: fp_evidence.h, "The names a text holds").  A sample always holds the smaller of
 * nshingles and sketch_size hashes (NpFpValidate), so the names are there
 * exactly when the datum is longer than that; the index, the estimators
 * and every other reader of the sample see the hashes alone.
 */
static inline int
NpFingerprintSampleSize(const NpFingerprint *fp)
{
	return (int) Min(fp->nshingles, (uint32) fp->sketch_size);
}

#define NpFingerprintHasNames(fp) \
	((VARSIZE(fp) - NP_FP_HDRSZ) / sizeof(uint32) > \
	 (Size) NpFingerprintSampleSize(fp))

#define NpFingerprintNHashes(fp) \
	(NpFingerprintHasNames(fp) ? NpFingerprintSampleSize(fp) : \
	 (int) ((VARSIZE(fp) - NP_FP_HDRSZ) / sizeof(uint32)))
/* the names of a fingerprint that has them */
#define NpFingerprintNames(fp) \
	((const uint32 *) ((fp)->hashes + NpFingerprintNHashes(fp)))

/*
 * After the names, a fingerprint made since the twenty-third session may
 * keep optional sections in a fixed order (fp_core.h, "The sections after
 * the names"): the figures its text holds (NP_FP_FIGURES_TAG), then where
 * each hash stands (NP_FP_PLACES_TAG).  Each opens with its tag word, and
 * a reader finds it by its tag, not by the datum's length.
 */
static inline int
NpFingerprintWordsAfterNames(const NpFingerprint *fp)
{
	int			all = (int) ((VARSIZE(fp) - NP_FP_HDRSZ) / sizeof(uint32));

	return NpFingerprintHasNames(fp) ?
		all - NpFingerprintSampleSize(fp) - NP_FP_NAMES_WORDS : 0;
}

/*
 * The section of fp that opens with tag, its tag word first (NULL if there
 * is none; *nwords its length, the tag word included).
 */
static inline const uint32 *
NpFingerprintSection(const NpFingerprint *fp, uint32 tag, int *nwords)
{
	int			rest = NpFingerprintWordsAfterNames(fp);
	const uint32 *sec = NpFingerprintNames(fp) + NP_FP_NAMES_WORDS;

	while (rest > 0)
	{
		int			len = NP_FP_SECTION_WORDS(sec[0]);

		if (len <= 0 || len > rest)
			break;				/* not a datum NpFpReadSections accepts */
		if ((sec[0] >> 24) == tag)
		{
			*nwords = len;
			return sec;
		}
		sec += len;
		rest -= len;
	}
	*nwords = 0;
	return NULL;
}

/* the figures section of fp, its tag word first, or NULL */
#define NpFingerprintFigures(fp, nwords) \
	NpFingerprintSection((fp), NP_FP_FIGURES_TAG, (nwords))

/* the places of fp, after their tag word (NP_FP_PLACE_OF reads one), or NULL */
static inline const uint32 *
NpFingerprintPlaces(const NpFingerprint *fp)
{
	int			nwords;
	const uint32 *sec = NpFingerprintSection(fp, NP_FP_PLACES_TAG, &nwords);

	return sec != NULL ? sec + 1 : NULL;
}
#define NpFingerprintHasPlaces(fp) (NpFingerprintPlaces(fp) != NULL)

#define NpFingerprintIsTruncated(fp) \
	((fp)->nshingles > (uint32) NpFingerprintNHashes(fp))

/*
 * How many of the first n hashes of fp's sample are subject hashes
 * (fp_evidence.h, NP_FP_SUBJECT_LIMIT), which are the first of a version 2
 * sample: a count of evidence or of names starts after them, and the
 * subjects' own test reads them alone.  0 in version 1, whose hashes below
 * the limit are ordinary ones.
 */
static inline int
NpFingerprintSubjectCount(const NpFingerprint *fp, int n)
{
	int			i = 0;

	if (fp->version < NP_FP_VERSION_2)
		return 0;
	while (i < n && fp->hashes[i] < NP_FP_SUBJECT_LIMIT)
		i++;
	return i;
}

#define DatumGetNpFingerprintP(X)	((NpFingerprint *) PG_DETOAST_DATUM(X))
#define PG_GETARG_NP_FINGERPRINT_P(n) DatumGetNpFingerprintP(PG_GETARG_DATUM(n))
#define PG_RETURN_NP_FINGERPRINT_P(x) PG_RETURN_POINTER(x)

/*
 * Estimators and predicates.  Every SQL function and operator of the type,
 * the index's query operators and rechecks, and the index's counting and
 * pruning go through the functions below, so that the definitions live in
 * one place.  A' and B' are the two samples cut at their common threshold
 * (in version 2, samples of evidence shingles only), I = |A' n B'|:
 *
 *	 similarity(a, b)		I / |A' u B'|			(0 when both are empty)
 *	 containment(a, b)		I / |A'|				(0 when A' is empty)
 *
 * The predicates, NpPredicate pred(a, b, t):
 *
 *	 SIMILAR(a, b, t)		similarity(a, b) >= t
 *	 CONTAINS(a, b, t)		b contains a: containment(a, b) >= t'
 *							and I >= min_evidence, and in version 2
 *							I >= full_evidence or containment(a, b) >= T
 *	 CONTAINED(a, b, t)		b is contained in a: CONTAINS(b, a, t)
 *	 SAME_STORY(a, b, t)	CONTAINS(a, b, t) or CONTAINED(a, b, t)
 *							(false if either sample is empty)
 *
 * min_evidence (NpFingerprintMinEvidence) is 1 in version 1, where these
 * are the 0.1 definitions unchanged (t' = t, no full_evidence), and
 * NP_FP_MIN_EVIDENCE (5) for the containment predicates and same_story of
 * version 2: a five-word phrase is not "contained" in every article that
 * repeats it.  Similarity needs 1 and has no other condition.
 *
 * Briefs (version 2; fp_evidence.h): T = NP_FP_BRIEF_SHARE (0.7),
 * full_evidence = NP_FP_FULL_EVIDENCE (12).  t' is max(t, T) when a or b
 * is a brief (nshingles < NP_FP_BRIEF_SHINGLES, 40, NpFingerprintIsBrief),
 * else t.  So a pair with a brief holds only if most of the smaller side's
 * evidence is shared, and any other pair needs 12 shared evidence hashes
 * (or T of a side compared on fewer than 18).  The brief test reads the
 * exact nshingles of a and b, carried in NpFingerprintOverlap.
 *
 * Names in a brief (version 2; fp_evidence.h, NP_FP_BRIEF_NAMES_SHARE): a
 * pair that holds a brief also needs its names to agree.  Let An, Bn be
 * the hashes of A' and B' with the name bit and In those of A' n B' (the
 * subject hashes aside): with f = min(|An|, |Bn|) >= 1, In >= max(1,
 * 0.25 f); with f = 0, the side with named hashes, if any, must not be a
 * brief.  And when both samples hold subject hashes (fp_evidence.h,
 * NP_FP_SUBJECT_BITS: the first name of the lead, the first hashes of a
 * sample), they share one.
 *
 * Names a text holds (version 2; fp_evidence.h, NP_FP_NAMES_BITS): any
 * other pair whose samples both hold subject hashes that the other does
 * not share, and whose fingerprints both keep their names, with I >=
 * NP_FP_NAMES_SHARE |A'| and I >= NP_FP_NAMES_SHARE |B'| (or with
 * NP_FP_NAMES_LOW for both, when the side with fewer compared figures
 * holds NP_FP_FIGURES_MIN and shares under NP_FP_NAMES_FIGURES of them),
 * fails when none of those is among the other's names (a subject hash
 * both share, the common word of two names, is set aside).  Both tests
 * hold for CONTAINS, CONTAINED and SAME_STORY alike (so SAME_STORY is
 * still CONTAINS or CONTAINED), not for SIMILAR, and only turn pairs down:
 * the index's bounds below stand.
 *
 * The SQL surface:
 *	 a %  b					SIMILAR(a, b, newsprint.similarity_threshold)
 *	 is_similar(a, b, t)	SIMILAR(a, b, t)
 *	 a <% b					CONTAINS(a, b, newsprint.containment_threshold)
 *	 a %> b					CONTAINED(a, b, newsprint.containment_threshold)
 *	 is_contained(a, b, t)	CONTAINS(a, b, t)
 *	 is_same_story(a, b)	SAME_STORY(a, b, newsprint.same_story_threshold)
 *	 is_same_story(a, b, t)	SAME_STORY(a, b, t)
 *	 same_story(a, b[, t])	another name of is_same_story
 * where a GUC at -1 (NP_FP_AUTO_THRESHOLD, the default of
 * containment_threshold and same_story_threshold) stands for the default
 * of the fingerprints' format: containment 0.6 in version 1 and 0.5 in
 * version 2, same_story 0.6 and 0.12 (NpFingerprintResolveThreshold).
 *
 * Distances: a <-> b = 1 - similarity(a, b); a <<-> b = 1 - containment(a, b);
 * a <->> b = 1 - containment(b, a).
 *
 * Compatibility: a and b must have the same version and shingle_words
 * (NpFingerprintCheckCompatible raises ERRCODE_INVALID_PARAMETER_VALUE
 * otherwise, for every estimator, predicate and distance).  Their sketch
 * sizes may differ: the common threshold makes the estimators valid for any
 * pair of sizes.  So the format of a pair is the format of either member,
 * and an index scan knows it from its query.
 *
 * For the index ("a" is the query, "b" the row): every resolved threshold t
 * is in (0, 1] (the SQL functions reject other values, the GUCs cannot hold
 * them), so every predicate implies I >= 1, and more precisely
 * I >= NpFingerprintMinShared(pred, t, version, |A'|, |B'|, brief), the
 * fewest shared hashes with which it can hold given lower bounds of the two
 * sample sizes (minimum and full evidence included), where brief says that
 * the pair is known to hold a brief (the query is one, or the row is: npidx
 * format 5 classes whole samples of fewer than NP_FP_BRIEF_SHINGLES hashes
 * apart; false when unknown).  The shared hashes a side compared on n hashes needs,
 * max(min_evidence, t' n, min(full_evidence, T n)), grow with n, so
 * NpFingerprintMinShared is nondecreasing in the size bounds (and in
 * brief), and NpFingerprintMaxSimilarity / NpFingerprintMaxContainment
 * nonincreasing; the index relies on that.  Likewise every pair for which
 * pred holds shares at least NpFingerprintMinSharedNamed(pred, version,
 * a_brief, a_named_min) hashes with the name bit, where a_brief says that
 * a is a brief and a_named_min is a lower bound of |An| (the named hashes
 * of A'): 1 for a containment predicate or same_story when a is a brief
 * of version 2 with a named hash among those compared (the names rule
 * above: b must have a named hash too, and share one), else 0.  The index
 * knows which of its query's keys are named from their lowest bit, so a
 * brief query's candidates are the rows holding one of its named keys.
 * A new format or a new rule changes NpFingerprintHolds and these bounds
 * together, and the index follows.
 */
typedef enum NpPredicate
{
	NP_PRED_SIMILAR,			/* similarity(a, b) >= t */
	NP_PRED_CONTAINS,			/* containment(a, b) >= t: a is in b */
	NP_PRED_CONTAINED,			/* containment(b, a) >= t: b is in a */
	NP_PRED_SAME_STORY			/* same_story(a, b, t) */
} NpPredicate;

/* GUCs (fingerprint_init.c) */
extern double np_similarity_threshold;
extern double np_containment_threshold; /* NP_FP_AUTO_THRESHOLD or (0, 1] */
extern double np_same_story_threshold;	/* NP_FP_AUTO_THRESHOLD or (0, 1] */

/*
 * newsprint.containment_threshold and newsprint.same_story_threshold = -1
 * (their defaults) mean: the default of the fingerprints' format.  Version
 * 1 keeps the 0.1 defaults; version 2's measure the share of narrative
 * evidence, which a rewrite changes more than a copy (doc/fingerprint.md).
 */
#define NP_FP_AUTO_THRESHOLD			(-1.0)
#define NP_FP_V1_CONTAINMENT_DEFAULT	0.6
#define NP_FP_V2_CONTAINMENT_DEFAULT	0.5
#define NP_FP_V1_SAME_STORY_DEFAULT		0.6
#define NP_FP_V2_SAME_STORY_DEFAULT		0.12

/* The sizes behind the estimators: both samples cut at their common tau */
typedef struct NpFingerprintOverlap
{
	int			inter;			/* |A' n B'| */
	int			uni;			/* |A' u B'| */
	int			a_count;		/* |A'| */
	int			b_count;		/* |B'| */
	uint32		a_shingles;		/* nshingles(a): is a a brief? */
	uint32		b_shingles;		/* nshingles(b) */

	/*
	 * The name bit (NP_FP_NAME_BIT) among the compared hashes, counted only
	 * for a pair of format version 2 that holds a brief (names is true
	 * then; the counts are 0 otherwise): hashes with the bit in A' n B',
	 * in A' and in B'.
	 */
	bool		names;
	int			inter_named;
	int			a_named;
	int			b_named;

	/*
	 * Version 2: both samples hold subject hashes (fp_evidence.h,
	 * NP_FP_SUBJECT_BITS), and either the pair holds a brief of
	 * comparable length and they share none, or the names part it (each
	 * side holds a subject hash the other does not share, none of those
	 * among the other's names, NP_FP_NAMES_SHARE of each side shared, or
	 * NP_FP_NAMES_LOW when the figures disagree too): the pair is two
	 * items.
	 */
	bool		subjects_differ;

	/*
	 * Version 2: both fingerprints keep their figures, the pair shares
	 * under NP_FP_FIGURES_LOW of each side's compared hashes, and the side
	 * with fewer compared figures holds NP_FP_FIGURES_MIN or more and
	 * shares under NP_FP_FIGURES_SHARE of them: another day's report or
	 * another company's item in the formula (fp_evidence.h, "The figures a
	 * text holds").  The pair is two items.
	 */
	bool		figures_differ;

	/*
	 * Version 2: both fingerprints keep their places, the pair shares under
	 * NP_FP_FOLLOW_SHARE of each side's compared hashes, and what it shares
	 * is one side's lead, quoted in one paragraph of the other among others
	 * that share nothing (fp_evidence.h, NP_FP_QUOTE_PLACES): a round-up
	 * or a follow-up and the story it quotes.  same_story is false for it.
	 */
	bool		lead_quoted;

	/*
	 * Version 2: as lead_quoted, and the pair is a follow-up and the story
	 * it repeats (NpFingerprintIsFollowUp), subjects_differ false; set by
	 * the same walk of the places, under the same conditions.
	 */
	bool		follow_up;
	int			subjects_shared;	/* subject hashes in A' n B' (version 2),
									 * which count for no minimum evidence */
} NpFingerprintOverlap;

/* Compute the overlap counts (after checking compatibility) */
extern void NpFingerprintOverlapOf(const NpFingerprint *a,
								   const NpFingerprint *b,
								   NpFingerprintOverlap *ov);

/*
 * Error out unless t, the value of the argument or setting called name, is a
 * valid threshold: greater than 0 and at most 1 (NaN is not).  The one check
 * of every threshold argument: the functions, the index's query operators
 * and story_clusters() (which calls is_same_story()).
 */
extern void NpFingerprintCheckThreshold(const char *name, double t);

/* Error out unless a and b were made with the same parameters and version */
extern void NpFingerprintCheckCompatible(const NpFingerprint *a,
										 const NpFingerprint *b);

/* The estimators defined above */
extern double NpFingerprintSimilarity(const NpFingerprint *a,
									  const NpFingerprint *b);
extern double NpFingerprintContainment(const NpFingerprint *a,
									   const NpFingerprint *b);

/* The threshold pred uses in format version: t, or the format's default */
extern double NpFingerprintResolveThreshold(NpPredicate pred, double t,
											int version);

/* The fewest shared hashes pred needs in format version, whatever the sizes */
extern int	NpFingerprintMinEvidence(NpPredicate pred, int version);

/* Is fp a brief (format version 2, fewer than NP_FP_BRIEF_SHINGLES)? */
static inline bool
NpFingerprintIsBrief(const NpFingerprint *fp)
{
	return fp->version >= NP_FP_VERSION_2 &&
		fp->nshingles < NP_FP_BRIEF_SHINGLES;
}

/* Decide pred on the overlap counts of a pair of format version */
extern bool NpFingerprintHolds(NpPredicate pred, double t, int version,
							   const NpFingerprintOverlap *ov);

/*
 * Decide pred(a, b, t) (an error if a and b cannot be compared); t may be
 * NP_FP_AUTO_THRESHOLD.
 */
extern bool NpFingerprintTest(NpPredicate pred, const NpFingerprint *a,
							  const NpFingerprint *b, double t);

/* Names in a brief, as defined above (ov->names must be true) */
extern bool NpFingerprintNamesAgree(const NpFingerprintOverlap *ov);

/*
 * The figures a and b both hold, their samples of figures cut at their
 * common threshold (fp_evidence.h, "The figures a text holds"), with
 * *fewer the compared figures of the side with fewer; -1 when either keeps
 * no figures.
 */
extern int	NpFingerprintFiguresShared(const NpFingerprint *a,
									   const NpFingerprint *b, int *fewer);

/*
 * The figures a holds that b lacks, their samples of figures cut as above;
 * -1 when either keeps no figures.
 */
extern int	NpFingerprintFiguresOwn(const NpFingerprint *a,
									const NpFingerprint *b);

/*
 * Is the pair a, b (overlap ov) a follow-up and the story it repeats
 * (fp_evidence.h, NP_FP_FOLLOW_SHARE)?  Both fingerprints keep where their
 * hashes stand (version 2), both have a subject, the pair shares under
 * NP_FP_FOLLOW_SHARE of each side's compared hashes, each lead has
 * NP_FP_LEAD_KNOWN compared hashes or more and shares fewer than
 * NP_FP_LEAD_SHARED or a phrase with the other's lead (NP_FP_LEAD_PHRASE),
 * and on each side NP_FP_FOLLOW_CONCENTRATION of the shared hashes (the
 * subject hashes aside) lie in NP_FP_FOLLOW_PARAGRAPHS of its places or
 * fewer.  Not a test of the containment predicates nor of
 * same_story, which answer whether one text carries the other's copy (a
 * follow-up does carry a paragraph of it): the story rule asks it
 * (stories.h), and only turns pairs down.  ov is NpFingerprintOverlapOf's
 * (NpFingerprintOverlap.follow_up), for a pair that NpFingerprintHolds
 * accepts as same_story: the walk that finds a follow-up runs with the
 * lead quoted's, only for a pair that shares NP_FP_MIN_EVIDENCE hashes
 * besides its subject hashes and is not apart by its figures.
 */
extern bool NpFingerprintIsFollowUp(const NpFingerprintOverlap *ov);

/*
 * Does a carry b's lead below a lead of its own: b's lead shared in a
 * paragraph of a after a's lead, which shares little with b (a's lead under
 * NP_FP_FOLLOW_SHARE of its compared hashes shared, b's lead
 * NP_FP_LEAD_PHRASE or more, NP_FP_FOLLOW_SHARE of those outside a's lead;
 * each lead with NP_FP_LEAD_KNOWN compared hashes or more)?  A newspaper's
 * own lead over the wire's lead has that shape, and so has a company's
 * next announcement, which repeats the first as background: the story rule
 * tells them apart by the figures (stories.h, STORY_NEWS_FIGURES).  False
 * unless both fingerprints keep where their hashes stand.  ov is
 * NpFingerprintOverlapOf(a, b).
 */
extern bool NpFingerprintLeadBelow(const NpFingerprint *a,
								   const NpFingerprint *b,
								   const NpFingerprintOverlap *ov);

/*
 * Is what a and b share a block under both texts: the shared hashes mostly
 * in the last paragraphs of each side (NP_FP_FOLLOW_CONCENTRATION of them
 * in the last NP_FP_FOLLOW_PARAGRAPHS places that hold hashes) and fewer
 * than NP_FP_LEAD_SHARED in either lead, each lead with NP_FP_LEAD_KNOWN
 * compared hashes or more?  An outlet's standing block under its items
 * has that shape (the story rule, stories.h).  False unless both
 * fingerprints keep where their hashes stand.  ov is
 * NpFingerprintOverlapOf(a, b).
 */
extern bool NpFingerprintStandingBlock(const NpFingerprint *a,
									   const NpFingerprint *b,
									   const NpFingerprintOverlap *ov);

/* The index's bounds, as defined above */
extern int	NpFingerprintMinShared(NpPredicate pred, double t, int version,
								   int a_min, int b_min, bool brief);
extern int	NpFingerprintMinSharedNamed(NpPredicate pred, int version,
										bool a_brief, int a_named_min);
extern double NpFingerprintMaxSimilarity(int inter_max, int a_min, int b_min);
extern double NpFingerprintMaxContainment(int inter_max, int a_min);

#endif							/* NP_FINGERPRINT_H */
