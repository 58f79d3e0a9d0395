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

/* Error out unless a and b were made with the same parameters and version */
extern void NpFingerprintCheckCompatible(const NpFingerprint *a,
										 const NpFingerprint *b);

/* The estimators defined above */
extern double NpFingerprintSimilarity(const NpFingerprint *a,
									  const NpFingerprint *b);
extern double NpFingerprintContainment(const NpFingerprint *a,
									   const NpFingerprint *b);

#endif							/* NP_FINGERPRINT_H */
