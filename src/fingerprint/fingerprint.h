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
 *
 * Estimators (the index relies on these exact definitions; see the design
 * essay in src/index/):
 *	 limit(a) = max(hashes(a)) if nshingles(a) > nhashes(a), else +infinity
 *	 tau = min(limit(a), limit(b))
 *	 A' = {x in hashes(a): x <= tau}, B' likewise
 *	 similarity(a, b)  = |A' n B'| / |A' u B'|		(0 when both are empty)
 *	 containment(a, b) = |A' n B'| / |A'|			(0 when A' is empty)
 *
 * Because A' and B' are the hashes of a and b below one common threshold,
 * both are unbiased-in-the-limit estimates of the Jaccard index and of the
 * containment of a in b (Broder 1997; Cohen and Kaplan 2007, bottom-k).
 *
 * src/fingerprint/fingerprint.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_FINGERPRINT_H
#define NP_FINGERPRINT_H

#include "postgres.h"

#include "fmgr.h"

#define NP_FP_VERSION		1

typedef struct NpFingerprint
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	uint8		version;		/* NP_FP_VERSION */
	uint8		shingle_words;	/* words per shingle */
	uint16		sketch_size;	/* capacity k of the sample */
	uint32		nshingles;		/* exact count of distinct shingles */
	uint32		hashes[FLEXIBLE_ARRAY_MEMBER];	/* ascending, distinct */
} NpFingerprint;

#define NP_FP_HDRSZ			offsetof(NpFingerprint, hashes)
#define NpFingerprintNHashes(fp) \
	((int) ((VARSIZE(fp) - NP_FP_HDRSZ) / sizeof(uint32)))
#define NpFingerprintIsTruncated(fp) \
	((fp)->nshingles > (uint32) NpFingerprintNHashes(fp))

#define DatumGetNpFingerprintP(X)	((NpFingerprint *) PG_DETOAST_DATUM(X))
#define PG_GETARG_NP_FINGERPRINT_P(n) DatumGetNpFingerprintP(PG_GETARG_DATUM(n))
#define PG_RETURN_NP_FINGERPRINT_P(x) PG_RETURN_POINTER(x)

/*
 * Predicates (all SQL boolean functions and operators of the type; the index
 * may rely on these exact definitions).  Every threshold t is in (0, 1]; the
 * SQL functions reject other values and the GUCs cannot hold them.  Hence
 * each predicate implies |A' n B'| >= 1: it is false whenever the two
 * samples share no hash below the common threshold tau.
 *
 *	 a %  b					similarity(a, b) >= newsprint.similarity_threshold
 *	 is_similar(a, b, t)	similarity(a, b) >= t
 *	 a <% b					containment(a, b) >= newsprint.containment_threshold
 *	 a %> b					containment(b, a) >= newsprint.containment_threshold
 *	 is_contained(a, b, t)	containment(a, b) >= t
 *	 is_same_story(a, b, t)	|A' n B'| / min(|A'|, |B'|) >= t
 *							(= max(containment(a, b), containment(b, a)) >= t;
 *							 false when A' or B' is empty)
 *	 is_same_story(a, b)	is_same_story(a, b, newsprint.same_story_threshold)
 *	 same_story(a, b[, t])	another name of is_same_story
 *
 * Distances: a <-> b = 1 - similarity(a, b); a <<-> b = 1 - containment(a, b);
 * a <->> b = 1 - containment(b, a).
 *
 * Compatibility: a and b must have the same version and shingle_words
 * (NpFingerprintCheckCompatible raises ERRCODE_INVALID_PARAMETER_VALUE
 * otherwise).  Their sketch sizes may differ: the common threshold makes the
 * estimators valid for any pair of sizes.
 */

/*
 * What an index needs to know about the predicates, in one place: the
 * fewest hashes that a pair must share for a predicate to hold, given lower
 * bounds of |A'| and |B'|, and upper bounds of the estimators given an upper
 * bound of |A' n B'|.  "a" is the query, "b" the row.  Every function is
 * nondecreasing (NpFingerprintMinShared) or nonincreasing (the bounds) in
 * a_min and b_min, and the index relies on that.  A new fingerprint format
 * or a new rule (minimum evidence, say) changes these functions and the
 * predicates together; the index follows.
 */
typedef enum NpPredicate
{
	NP_PRED_SIMILAR,			/* similarity(a, b) >= t */
	NP_PRED_CONTAINS,			/* containment(a, b) >= t: a is in b */
	NP_PRED_CONTAINED,			/* containment(b, a) >= t: b is in a */
	NP_PRED_SAME_STORY			/* same_story(a, b, t) */
} NpPredicate;

extern int	NpFingerprintMinShared(NpPredicate pred, double t,
								   int a_min, int b_min);
extern double NpFingerprintMaxSimilarity(int inter_max, int a_min, int b_min);
extern double NpFingerprintMaxContainment(int inter_max, int a_min);

/* GUCs (fingerprint_init.c) */
extern double np_similarity_threshold;
extern double np_containment_threshold;
extern double np_same_story_threshold;

/* The sizes behind the estimators: both samples cut at their common tau */
typedef struct NpFingerprintOverlap
{
	int			inter;			/* |A' n B'| */
	int			uni;			/* |A' u B'| */
	int			a_count;		/* |A'| */
	int			b_count;		/* |B'| */
} NpFingerprintOverlap;

/* Compute the overlap counts (after checking compatibility) */
extern void NpFingerprintOverlapOf(const NpFingerprint *a,
								   const NpFingerprint *b,
								   NpFingerprintOverlap *ov);

/* same_story(a, b, threshold) as defined above */
extern bool NpFingerprintSameStory(const NpFingerprint *a,
								   const NpFingerprint *b,
								   double threshold);

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

#endif							/* NP_FINGERPRINT_H */
