/*-------------------------------------------------------------------------
 *
 * fingerprint_sql.c
 *	  SQL interface of the fingerprint type: input/output, send/receive,
 *	  construction from text, estimators, operators, same_story and
 *	  shared_passages.
 *
 * The algorithms live in fp_core.c; this file checks arguments, turns the
 * core's error messages into ereport() calls and converts between the
 * on-disk NpFingerprint and the core's NpSketch.
 *
 * src/fingerprint/fingerprint_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "distributed.h"
#include "fingerprint/fingerprint.h"
#include "fingerprint/fp_core.h"
#include "text/clean.h"

StaticAssertDecl(NP_FP_VERSION == NP_FP_CORE_VERSION,
				 "fingerprint.h and fp_core.h disagree on the format version");

/*
 * Copy a sketch into a newly palloc'd fingerprint datum.
 */
static NpFingerprint *
fp_from_sketch(const NpSketch *sk)
{
	Size		size = NP_FP_HDRSZ + (Size) sk->nhashes * sizeof(uint32);
	NpFingerprint *fp = (NpFingerprint *) palloc(size);

	SET_VARSIZE(fp, size);
	fp->version = (uint8) sk->version;
	fp->shingle_words = (uint8) sk->shingle_words;
	fp->sketch_size = (uint16) sk->sketch_size;
	fp->nshingles = sk->nshingles;
	if (sk->nhashes > 0)
		memcpy(fp->hashes, sk->hashes, (Size) sk->nhashes * sizeof(uint32));
	return fp;
}

/*
 * Fill a sketch that points into a fingerprint datum (no copy).
 */
static void
fp_to_sketch(const NpFingerprint *fp, NpSketch *sk)
{
	sk->version = fp->version;
	sk->shingle_words = fp->shingle_words;
	sk->sketch_size = fp->sketch_size;
	sk->nshingles = fp->nshingles;
	sk->nhashes = NpFingerprintNHashes(fp);
	sk->hashes = (np_uint32 *) fp->hashes;
}

/*
 * Error out unless a and b were made with the same parameters and version.
 */
void
NpFingerprintCheckCompatible(const NpFingerprint *a, const NpFingerprint *b)
{
	if (a->version != b->version)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare fingerprints of different format versions"),
				 errdetail("One fingerprint has format version %d, the other %d.",
						   a->version, b->version),
				 errhint("Recompute both fingerprints with this version of newsprint.")));
	if (a->shingle_words != b->shingle_words)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare fingerprints made with different shingle lengths"),
				 errdetail("One fingerprint uses %d-word shingles, the other %d-word shingles.",
						   a->shingle_words, b->shingle_words),
				 errhint("Recompute both fingerprints with the same parameters.")));
}

/*
 * Compute the overlap counts of a and b below their common threshold.
 */
void
NpFingerprintOverlapOf(const NpFingerprint *a, const NpFingerprint *b,
					   NpFingerprintOverlap *ov)
{
	NpFingerprintCheckCompatible(a, b);
	NpFpCompare(a->hashes, NpFingerprintNHashes(a), NpFingerprintIsTruncated(a),
				b->hashes, NpFingerprintNHashes(b), NpFingerprintIsTruncated(b),
				&ov->inter, &ov->uni, &ov->a_count, &ov->b_count);
}

/*
 * Estimate the Jaccard index of a's and b's shingle sets.
 */
double
NpFingerprintSimilarity(const NpFingerprint *a, const NpFingerprint *b)
{
	NpFingerprintOverlap ov;

	NpFingerprintOverlapOf(a, b, &ov);
	return ov.uni > 0 ? (double) ov.inter / ov.uni : 0.0;
}

/*
 * Estimate the share of a's shingles found in b.
 */
double
NpFingerprintContainment(const NpFingerprint *a, const NpFingerprint *b)
{
	NpFingerprintOverlap ov;

	NpFingerprintOverlapOf(a, b, &ov);
	return ov.a_count > 0 ? (double) ov.inter / ov.a_count : 0.0;
}

/*
 * Decide same_story(a, b, threshold): |A' n B'| / min(|A'|, |B'|) >= t.
 */
bool
NpFingerprintSameStory(const NpFingerprint *a, const NpFingerprint *b,
					   double threshold)
{
	NpFingerprintOverlap ov;
	int			smaller;

	NpFingerprintOverlapOf(a, b, &ov);
	smaller = Min(ov.a_count, ov.b_count);
	if (smaller == 0 || ov.inter == 0)
		return false;
	return (double) ov.inter / smaller >= threshold;
}

/*
 * The fewest shared hashes |A' n B'| with which pred(a, b, t) can hold when
 * |A'| >= a_min and |B'| >= b_min (at least 1: every predicate needs a
 * shared hash).  Rounded down by a hair, so that the operators' floating
 * point never accepts a pair this says is impossible.
 */
int
NpFingerprintMinShared(NpPredicate pred, double t, int a_min, int b_min)
{
	double		x;

	a_min = Max(a_min, 1);
	b_min = Max(b_min, 1);
	switch (pred)
	{
		case NP_PRED_SIMILAR:
			/* I / (|A'| + |B'| - I) >= t  <=>  I >= t (|A'| + |B'|) / (1 + t) */
			x = t * ((double) a_min + b_min) / (1.0 + t);
			break;
		case NP_PRED_CONTAINS:
			x = t * a_min;
			break;
		case NP_PRED_CONTAINED:
			x = t * b_min;
			break;
		case NP_PRED_SAME_STORY:
		default:
			x = t * Min(a_min, b_min);
			break;
	}
	x = ceil(x - 1e-6);
	return x < 1.0 ? 1 : (x > (double) PG_INT32_MAX ? PG_INT32_MAX : (int) x);
}

/*
 * An upper bound of similarity(a, b) when |A' n B'| <= inter_max,
 * |A'| >= a_min and |B'| >= b_min.  For I shared hashes the union has at
 * least max(a_min, I) + max(b_min, I) - I members, and I / that grows with
 * I, so the bound is its value at inter_max.
 */
double
NpFingerprintMaxSimilarity(int inter_max, int a_min, int b_min)
{
	double		i = inter_max;

	if (inter_max <= 0)
		return 0.0;
	return i / (Max((double) a_min, i) + Max((double) b_min, i) - i);
}

/* An upper bound of containment(a, b) = I / |A'| likewise */
double
NpFingerprintMaxContainment(int inter_max, int a_min)
{
	a_min = Max(a_min, 1);
	if (inter_max <= 0)
		return 0.0;
	return inter_max >= a_min ? 1.0 : (double) inter_max / a_min;
}

/*
 * Reject a threshold outside (0, 1], NaN included, showing the value given
 * exactly (%g would show 1.0000001 as 1).
 */
void
NpFingerprintCheckThreshold(const char *name, double t)
{
	if (!(t > 0.0 && t <= 1.0))
	{
		char		given[DOUBLE_SHORTEST_DECIMAL_LEN];

		double_to_shortest_decimal_buf(t, given);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be greater than 0 and at most 1", name),
				 errdetail("The %s given was %s.", name, given)));
	}
}

/* ---------------------------------------------------------------------
 * Input and output
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(fingerprint_in);

/*
 * Parse the text literal v1:w3:k160:n913:<hex>.
 */
Datum
fingerprint_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	NpSketch	sk;
	const char *msg;
	NpFingerprint *fp;

	msg = NpFpParseLiteral(str, strlen(str), &sk);
	if (msg != NULL)
	{
		/* fingerprint('some article') parses as a cast of the literal */
		bool		looks_like_text = !(str[0] == 'v' && str[1] >= '0' && str[1] <= '9');

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type fingerprint: \"%.60s%s\"",
						str, strlen(str) > 60 ? "..." : ""),
				 errdetail("%s.", msg),
				 looks_like_text ?
				 errhint("To fingerprint an article given as a literal, cast it to text: fingerprint('...'::text).") : 0));
	}
	fp = fp_from_sketch(&sk);
	if (sk.hashes)
		np_free(sk.hashes);
	PG_RETURN_NP_FINGERPRINT_P(fp);
}

PG_FUNCTION_INFO_V1(fingerprint_out);

/*
 * Format a fingerprint as its text literal.
 */
Datum
fingerprint_out(PG_FUNCTION_ARGS)
{
	NpFingerprint *fp = PG_GETARG_NP_FINGERPRINT_P(0);
	NpSketch	sk;

	fp_to_sketch(fp, &sk);
	PG_RETURN_CSTRING(NpFpFormatLiteral(&sk));
}

PG_FUNCTION_INFO_V1(fingerprint_recv);

/* The binary form's header: version, words, size, shingles, count */
#define FP_SEND_HDRSZ	(1 + 1 + 2 + 4 + 4)

/*
 * Read the binary form: version, words, size, shingles, count, hashes.
 */
Datum
fingerprint_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	NpSketch	sk;
	int64		nhashes;
	const char *msg;
	NpFingerprint *fp;
	int			i;

	/* pq_getmsg* would call a short message a protocol violation (08P01) */
	if (buf->len - buf->cursor < FP_SEND_HDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fingerprint"),
				 errdetail("The message holds %d bytes; the header alone takes %d.",
						   buf->len - buf->cursor, FP_SEND_HDRSZ)));
	sk.version = pq_getmsgbyte(buf);
	sk.shingle_words = pq_getmsgbyte(buf);
	sk.sketch_size = (uint16) pq_getmsgint(buf, 2);
	sk.nshingles = (uint32) pq_getmsgint(buf, 4);
	nhashes = (uint32) pq_getmsgint(buf, 4);
	if (nhashes > NP_FP_MAX_SKETCH_SIZE ||
		nhashes * (int64) sizeof(uint32) != (int64) (buf->len - buf->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fingerprint"),
				 errdetail("The message announces %lld hashes but holds %d bytes of them.",
						   (long long) nhashes, buf->len - buf->cursor)));
	sk.nhashes = (int) nhashes;
	sk.hashes = palloc(Max(nhashes, 1) * sizeof(uint32));
	for (i = 0; i < sk.nhashes; i++)
		sk.hashes[i] = (uint32) pq_getmsgint(buf, 4);
	msg = NpFpValidate(sk.version, sk.shingle_words, sk.sketch_size,
					   sk.nshingles, sk.nhashes, sk.hashes);
	if (msg != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fingerprint"),
				 errdetail("%s.", msg)));
	fp = fp_from_sketch(&sk);
	pfree(sk.hashes);
	PG_RETURN_NP_FINGERPRINT_P(fp);
}

PG_FUNCTION_INFO_V1(fingerprint_send);

/*
 * Write the binary form.
 */
Datum
fingerprint_send(PG_FUNCTION_ARGS)
{
	NpFingerprint *fp = PG_GETARG_NP_FINGERPRINT_P(0);
	int			n = NpFingerprintNHashes(fp);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, fp->version);
	pq_sendbyte(&buf, fp->shingle_words);
	pq_sendint16(&buf, fp->sketch_size);
	pq_sendint32(&buf, fp->nshingles);
	pq_sendint32(&buf, (uint32) n);
	for (i = 0; i < n; i++)
		pq_sendint32(&buf, fp->hashes[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(fingerprint_eq);

/*
 * a = b: the two fingerprints are identical (same parameters and sample).
 */
Datum
fingerprint_eq(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) &&
				   memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0);
}

PG_FUNCTION_INFO_V1(fingerprint_ne);

/*
 * a <> b: the two fingerprints differ.
 */
Datum
fingerprint_ne(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_BOOL(!(VARSIZE(a) == VARSIZE(b) &&
					 memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0));
}

/* ---------------------------------------------------------------------
 * Construction
 * ---------------------------------------------------------------------
 */

/*
 * Fingerprint a text value, cleaning it first if asked.
 */
static NpFingerprint *
fp_make(text *body, bool clean, int sketch_size)
{
	const char *s = VARDATA_ANY(body);
	size_t		len = VARSIZE_ANY_EXHDR(body);
	NpSketch	sk;
	NpFingerprint *fp;

	if (len > NP_FP_MAX_INPUT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("article too long to fingerprint"),
				 errdetail("The text is %zu bytes; the limit is %zu bytes.",
						   len, NP_FP_MAX_INPUT)));
	/* raises ERRCODE_CHARACTER_NOT_IN_REPERTOIRE on a bad byte sequence */
	(void) pg_verify_mbstr(GetDatabaseEncoding(), s, (int) len, false);

	if (clean)
	{
		NpCleanOptions opts;
		size_t		clen;
		char	   *cleaned;

		NpCleanOptionsInit(&opts);
		cleaned = NpCleanText(s, len, &opts, &clen);
		NpFpBuildSketch(cleaned, clen, NP_FP_DEFAULT_SHINGLE_WORDS,
						sketch_size, &sk);
		np_free(cleaned);
	}
	else
		NpFpBuildSketch(s, len, NP_FP_DEFAULT_SHINGLE_WORDS, sketch_size, &sk);

	fp = fp_from_sketch(&sk);
	if (sk.hashes)
		np_free(sk.hashes);
	return fp;
}

PG_FUNCTION_INFO_V1(fingerprint_from_text);

/*
 * fingerprint(body text, clean boolean DEFAULT true)
 */
Datum
fingerprint_from_text(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	bool		clean = PG_GETARG_BOOL(1);

	PG_RETURN_NP_FINGERPRINT_P(fp_make(body, clean, NP_FP_DEFAULT_SKETCH_SIZE));
}

PG_FUNCTION_INFO_V1(fingerprint_from_text_sized);

/*
 * fingerprint(body text, clean boolean, sketch_size integer)
 */
Datum
fingerprint_from_text_sized(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	bool		clean = PG_GETARG_BOOL(1);
	int32		k = PG_GETARG_INT32(2);

	if (k < 1 || k > NP_FP_MAX_SKETCH_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sketch size must be between 1 and %d", NP_FP_MAX_SKETCH_SIZE),
				 errdetail("The sketch size given was %d.", k)));
	PG_RETURN_NP_FINGERPRINT_P(fp_make(body, clean, k));
}

/* ---------------------------------------------------------------------
 * Accessors
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(fingerprint_shingle_count);

/*
 * Return the exact number of distinct shingles of the article.
 */
Datum
fingerprint_shingle_count(PG_FUNCTION_ARGS)
{
	NpFingerprint *fp = PG_GETARG_NP_FINGERPRINT_P(0);

	PG_RETURN_INT64((int64) fp->nshingles);
}

PG_FUNCTION_INFO_V1(fingerprint_sample_size);

/*
 * Return the number of hashes the fingerprint keeps.
 */
Datum
fingerprint_sample_size(PG_FUNCTION_ARGS)
{
	NpFingerprint *fp = PG_GETARG_NP_FINGERPRINT_P(0);

	PG_RETURN_INT32(NpFingerprintNHashes(fp));
}

/* ---------------------------------------------------------------------
 * Estimators, operators and predicates
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(fingerprint_similarity);

/*
 * similarity(a, b): estimated Jaccard index.
 */
Datum
fingerprint_similarity(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_FLOAT8(NpFingerprintSimilarity(a, b));
}

PG_FUNCTION_INFO_V1(fingerprint_containment);

/*
 * containment(a, b): estimated share of a found in b.
 */
Datum
fingerprint_containment(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_FLOAT8(NpFingerprintContainment(a, b));
}

PG_FUNCTION_INFO_V1(fingerprint_distance);

/*
 * a <-> b: 1 - similarity(a, b).
 */
Datum
fingerprint_distance(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_FLOAT8(1.0 - NpFingerprintSimilarity(a, b));
}

PG_FUNCTION_INFO_V1(fingerprint_containment_distance);

/*
 * a <<-> b: 1 - containment(a, b).
 */
Datum
fingerprint_containment_distance(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_FLOAT8(1.0 - NpFingerprintContainment(a, b));
}

PG_FUNCTION_INFO_V1(fingerprint_containment_distance_commutator);

/*
 * a <->> b: 1 - containment(b, a).
 */
Datum
fingerprint_containment_distance_commutator(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_FLOAT8(1.0 - NpFingerprintContainment(b, a));
}

PG_FUNCTION_INFO_V1(fingerprint_similar_op);

/*
 * a % b: similarity(a, b) >= newsprint.similarity_threshold.
 */
Datum
fingerprint_similar_op(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_BOOL(NpFingerprintSimilarity(a, b) >= NpSettingValue(NP_SETTING_SIMILARITY));
}

PG_FUNCTION_INFO_V1(fingerprint_contained_op);

/*
 * a <% b: containment(a, b) >= newsprint.containment_threshold.
 */
Datum
fingerprint_contained_op(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_BOOL(NpFingerprintContainment(a, b) >= NpSettingValue(NP_SETTING_CONTAINMENT));
}

PG_FUNCTION_INFO_V1(fingerprint_contains_op);

/*
 * a %> b: containment(b, a) >= newsprint.containment_threshold.
 */
Datum
fingerprint_contains_op(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_BOOL(NpFingerprintContainment(b, a) >= NpSettingValue(NP_SETTING_CONTAINMENT));
}

PG_FUNCTION_INFO_V1(fingerprint_is_similar);

/*
 * is_similar(a, b, threshold): similarity(a, b) >= threshold.
 */
Datum
fingerprint_is_similar(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);
	float8		t = PG_GETARG_FLOAT8(2);

	NpFingerprintCheckThreshold("threshold", t);
	PG_RETURN_BOOL(NpFingerprintSimilarity(a, b) >= t);
}

PG_FUNCTION_INFO_V1(fingerprint_is_contained);

/*
 * is_contained(a, b, threshold): containment(a, b) >= threshold.
 */
Datum
fingerprint_is_contained(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);
	float8		t = PG_GETARG_FLOAT8(2);

	NpFingerprintCheckThreshold("threshold", t);
	PG_RETURN_BOOL(NpFingerprintContainment(a, b) >= t);
}

PG_FUNCTION_INFO_V1(fingerprint_same_story);

/*
 * same_story(a, b): same_story(a, b, newsprint.same_story_threshold).
 */
Datum
fingerprint_same_story(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_BOOL(NpFingerprintSameStory(a, b, NpSettingValue(NP_SETTING_SAME_STORY)));
}

PG_FUNCTION_INFO_V1(fingerprint_same_story_threshold);

/*
 * same_story(a, b, threshold): overlap of the smaller sample >= threshold.
 */
Datum
fingerprint_same_story_threshold(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);
	float8		t = PG_GETARG_FLOAT8(2);

	NpFingerprintCheckThreshold("threshold", t);
	PG_RETURN_BOOL(NpFingerprintSameStory(a, b, t));
}

/* ---------------------------------------------------------------------
 * shared_passages
 * ---------------------------------------------------------------------
 */

/* Precomputed result rows of shared_passages() */
typedef struct FpPassageState
{
	int			nrows;
	Datum	   *passage_a;
	Datum	   *passage_b;
	double	   *score;
	int32	   *position_a;
	int32	   *position_b;
} FpPassageState;

/*
 * Split text into paragraphs and those into sentences; return the count, the
 * [start, end) byte ranges (2 per sentence) and the 1-based character
 * position of each start.
 */
static int
fp_sentences(const char *s, size_t len, size_t **ranges, int32 **positions)
{
	NpSpan	   *paras = NULL;
	int			np = NpSplitParagraphs(s, len, &paras);
	int			cap = Max(np, 1) * 4;
	int			n = 0;
	size_t	   *r = palloc(cap * 2 * sizeof(size_t));
	int32	   *p = palloc(cap * sizeof(int32));
	size_t		byte = 0;
	int64		chars = 0;
	int			i;

	for (i = 0; i < np; i++)
	{
		NpSpan	   *spans = NULL;
		int			ns = NpSplitSentences(s + paras[i].start,
										  paras[i].end - paras[i].start, &spans);
		int			j;

		for (j = 0; j < ns; j++)
		{
			size_t		start = paras[i].start + spans[j].start;

			if (n == cap)
			{
				cap *= 2;
				r = repalloc(r, cap * 2 * sizeof(size_t));
				p = repalloc(p, cap * sizeof(int32));
			}
			r[2 * n] = start;
			r[2 * n + 1] = paras[i].start + spans[j].end;
			/* spans are in text order; count characters incrementally */
			if (start >= byte)
				chars += pg_mbstrlen_with_len(s + byte, (int) (start - byte));
			else
				chars = pg_mbstrlen_with_len(s, (int) start);
			byte = start;
			p[n] = (int32) Min(chars + 1, PG_INT32_MAX);
			n++;
		}
		if (spans)
			np_free(spans);
	}
	if (paras)
		np_free(paras);
	*ranges = r;
	*positions = p;
	return n;
}

/*
 * Verify and optionally clean one argument of shared_passages().
 */
static char *
fp_passage_text(text *t, bool clean, size_t *outlen)
{
	const char *s = VARDATA_ANY(t);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	char	   *out;

	if (len > NP_FP_MAX_INPUT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("article too long to compare"),
				 errdetail("The text is %zu bytes; the limit is %zu bytes.",
						   len, NP_FP_MAX_INPUT)));
	(void) pg_verify_mbstr(GetDatabaseEncoding(), s, (int) len, false);
	if (clean)
	{
		NpCleanOptions opts;

		NpCleanOptionsInit(&opts);
		return NpCleanText(s, len, &opts, outlen);
	}
	out = palloc(len + 1);
	memcpy(out, s, len);
	out[len] = '\0';
	*outlen = len;
	return out;
}

PG_FUNCTION_INFO_V1(fingerprint_shared_passages);

/*
 * shared_passages(a text, b text, clean boolean, min_score float8):
 * sentences of a with their best-matching sentence of b.
 */
Datum
fingerprint_shared_passages(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	FpPassageState *st;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcxt;
		TupleDesc	tupdesc;
		text	   *ta = PG_GETARG_TEXT_PP(0);
		text	   *tb = PG_GETARG_TEXT_PP(1);
		bool		clean = PG_GETARG_BOOL(2);
		float8		min_score = PG_GETARG_FLOAT8(3);
		char	   *a,
				   *b;
		size_t		alen,
					blen;
		size_t	   *ar,
				   *br;
		int32	   *ap,
				   *bp;
		int			na,
					nb;
		NpPassageMatch *m;
		int			nm;
		int			i;

		NpFingerprintCheckThreshold("min_score", min_score);
		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);

		a = fp_passage_text(ta, clean, &alen);
		b = fp_passage_text(tb, clean, &blen);
		na = fp_sentences(a, alen, &ar, &ap);
		nb = fp_sentences(b, blen, &br, &bp);
		nm = NpFpMatchPassages(a, ar, na, b, br, nb, min_score, &m);

		st = palloc0(sizeof(FpPassageState));
		st->nrows = nm;
		st->passage_a = palloc(Max(nm, 1) * sizeof(Datum));
		st->passage_b = palloc(Max(nm, 1) * sizeof(Datum));
		st->score = palloc(Max(nm, 1) * sizeof(double));
		st->position_a = palloc(Max(nm, 1) * sizeof(int32));
		st->position_b = palloc(Max(nm, 1) * sizeof(int32));
		for (i = 0; i < nm; i++)
		{
			st->passage_a[i] = PointerGetDatum(
				cstring_to_text_with_len(a + m[i].a_start, (int) (m[i].a_end - m[i].a_start)));
			st->passage_b[i] = PointerGetDatum(
				cstring_to_text_with_len(b + m[i].b_start, (int) (m[i].b_end - m[i].b_start)));
			st->score[i] = m[i].score;
			st->position_a[i] = ap[m[i].a_sentence];
			st->position_b[i] = bp[m[i].b_sentence];
		}
		np_free(m);
		funcctx->user_fctx = st;
		funcctx->max_calls = nm;
		MemoryContextSwitchTo(oldcxt);
	}

	funcctx = SRF_PERCALL_SETUP();
	st = (FpPassageState *) funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		int			i = (int) funcctx->call_cntr;
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		HeapTuple	tuple;

		values[0] = st->passage_a[i];
		values[1] = st->passage_b[i];
		values[2] = Float8GetDatum(st->score[i]);
		values[3] = Int32GetDatum(st->position_a[i]);
		values[4] = Int32GetDatum(st->position_b[i]);
		tuple = heap_form_tuple(funcctx->tuple_desc, values, nulls);
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(tuple));
	}
	SRF_RETURN_DONE(funcctx);
}
