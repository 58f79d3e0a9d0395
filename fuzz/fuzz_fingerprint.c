/*-------------------------------------------------------------------------
 *
 * fuzz_fingerprint.c
 *	  libFuzzer targets of the fingerprint core: the text-to-fingerprint
 *	  path (tokenizer, shingles, sketch, estimators, passage matching), the
 *	  type's text literal parser, and shared_passages() on cleaned text.
 *
 * Properties checked (abort on violation):
 *	 fp_text:	 sketches validate; similarity and containment lie in [0, 1];
 *				 a text compared with itself scores 1 (or 0 when empty);
 *				 similarity is symmetric; the literal of a sketch parses back
 *				 to the same sketch; passage matches lie inside their texts.
 *	 fp_literal: a literal that parses validates, formats and reparses to
 *				 the same fields and hashes.
 *	 shared_passages: both texts are cleaned, fingerprinted (valid sketches
 *				 that round-trip) and split into paragraphs and sentences as
 *				 fingerprint_sql.c does; matches of a with b lie inside the
 *				 texts with scores in [min_score, 1], and every sentence of a
 *				 matched with a itself scores 1.
 *
 * fuzz/fuzz_fingerprint.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "fingerprint/fp_core.h"
#include "fingerprint/fp_evidence.h"
#include "fuzz.h"
#include "text/clean.h"

/*
 * Abort unless the two sketches are field-for-field identical.
 */
static void
check_same(const NpSketch *a, const NpSketch *b)
{
	if (a->version != b->version || a->shingle_words != b->shingle_words ||
		a->sketch_size != b->sketch_size || a->nshingles != b->nshingles ||
		a->nhashes != b->nhashes ||
		(a->nhashes > 0 && memcmp(a->hashes, b->hashes, a->nhashes * sizeof(np_uint32)) != 0) ||
		a->has_names != b->has_names ||
		(a->has_names && memcmp(a->names, b->names, sizeof(a->names)) != 0) ||
		(a->places == NULL) != (b->places == NULL) ||
		(a->places != NULL &&
		 memcmp(a->places, b->places,
				NP_FP_PLACES_WORDS(a->nhashes) * sizeof(np_uint32)) != 0) ||
		a->nfigure_words != b->nfigure_words ||
		memcmp(a->figures, b->figures,
			   (size_t) a->nfigure_words * sizeof(np_uint32)) != 0)
		abort();
}

/* Free what a parsed or built sketch holds */
static void
free_sketch(NpSketch *sk)
{
	if (sk->hashes)
		np_free(sk->hashes);
	if (sk->places)
		np_free(sk->places);
	sk->hashes = NULL;
	sk->places = NULL;
}

/*
 * Format a sketch, parse it back and compare; and write its sections after
 * the names as the binary forms hold them, read them back and compare.
 */
static void
check_roundtrip(const NpSketch *sk)
{
	char	   *lit = NpFpFormatLiteral(sk);
	NpSketch	back;
	int			nw = NpFpSectionsWords(sk);
	np_uint32  *words = np_alloc((size_t) (nw + 1) * sizeof(np_uint32));

	if (NpFpParseLiteral(lit, strlen(lit), &back) != NULL)
		abort();
	check_same(sk, &back);
	free_sketch(&back);
	np_free(lit);

	NpFpWriteSections(sk, words);
	back = *sk;					/* back.places will point into words */
	if (NpFpReadSections(sk->nhashes, words, nw, &back) != NULL)
		abort();
	check_same(sk, &back);
	np_free(words);
}

/*
 * Split sentences on '.' for the matcher (the real splitter is the text
 * module's; here any ranges inside the text will do).
 */
static int
dot_ranges(const char *s, size_t len, size_t **out)
{
	size_t	   *r = np_alloc((len + 1) * 2 * sizeof(size_t));
	size_t		start = 0;
	size_t		i;
	int			n = 0;

	for (i = 0; i <= len; i++)
		if (i == len || s[i] == '.')
		{
			if (i > start)
			{
				r[2 * n] = start;
				r[2 * n + 1] = i;
				n++;
			}
			start = i + 1;
		}
	*out = r;
	return n;
}

/*
 * fp_text: the input is two texts separated by the first NUL.
 */
int
NpFuzzFpText(const uint8_t *data, size_t size)
{
	const char *a = (const char *) data;
	const char *nul = memchr(data, 0, size);
	size_t		alen = nul ? (size_t) (nul - a) : size;
	const char *b = nul ? nul + 1 : a;
	size_t		blen = nul ? size - alen - 1 : size;
	int			w = 1 + (size % 5);
	int			k = 1 + (int) (size % 37);
	NpSketch	sa,
				sb;
	double		s1,
				s2,
				c1,
				c2;
	size_t	   *ra,
			   *rb;
	int			na,
				nb,
				nm,
				i;
	NpPassageMatch *m;
	const char *msg;

	NpFpBuildSketch(a, alen, w, k, &sa);
	NpFpBuildSketch(b, blen, w, k + 3, &sb);
	msg = NpFpValidate(sa.version, sa.shingle_words, sa.sketch_size,
					   sa.nshingles, sa.nhashes, sa.hashes);
	if (msg)
		abort();
	msg = NpFpValidate(sb.version, sb.shingle_words, sb.sketch_size,
					   sb.nshingles, sb.nhashes, sb.hashes);
	if (msg)
		abort();

	s1 = NpFpSimilarity(sa.hashes, sa.nhashes, sa.nshingles > (np_uint32) sa.nhashes,
						sb.hashes, sb.nhashes, sb.nshingles > (np_uint32) sb.nhashes);
	s2 = NpFpSimilarity(sb.hashes, sb.nhashes, sb.nshingles > (np_uint32) sb.nhashes,
						sa.hashes, sa.nhashes, sa.nshingles > (np_uint32) sa.nhashes);
	c1 = NpFpContainment(sa.hashes, sa.nhashes, sa.nshingles > (np_uint32) sa.nhashes,
						 sb.hashes, sb.nhashes, sb.nshingles > (np_uint32) sb.nhashes);
	c2 = NpFpContainment(sa.hashes, sa.nhashes, sa.nshingles > (np_uint32) sa.nhashes,
						 sa.hashes, sa.nhashes, sa.nshingles > (np_uint32) sa.nhashes);
	if (s1 != s2 || s1 < 0 || s1 > 1 || c1 < 0 || c1 > 1)
		abort();
	if (c2 != (sa.nhashes > 0 ? 1.0 : 0.0))
		abort();
	check_roundtrip(&sa);

	na = dot_ranges(a, alen, &ra);
	nb = dot_ranges(b, blen, &rb);
	nm = NpFpMatchPassages(a, ra, na, b, rb, nb, 0.5, &m);
	for (i = 0; i < nm; i++)
		if (m[i].a_end > alen || m[i].b_end > blen || m[i].score < 0.5 || m[i].score > 1)
			abort();
	/* the evidence filter of shared_passages keeps a subset, rescored */
	nm = NpFpFilterPassages(a, alen, b, blen, m, nm, 0.5);
	for (i = 0; i < nm; i++)
		if (m[i].a_end > alen || m[i].b_end > blen || m[i].score < 0.5 || m[i].score > 1)
			abort();
	np_free(m);
	np_free(ra);
	np_free(rb);
	free_sketch(&sa);
	free_sketch(&sb);

	/* format version 2: a valid sketch of evidence, a literal round trip */
	NpFpBuildSketchV2(a, alen, w, k, &sa);
	msg = NpFpValidate(sa.version, sa.shingle_words, sa.sketch_size,
					   sa.nshingles, sa.nhashes, sa.hashes);
	if (msg || sa.version != NP_FP_V2_VERSION)
		abort();
	if (sa.places != NULL &&
		NpFpValidatePlaces(sa.nhashes, sa.places) != NULL)
		abort();
	check_roundtrip(&sa);
	free_sketch(&sa);
	return 0;
}

/*
 * fp_literal: the fingerprint type's input function, without the server.
 */
int
NpFuzzFpLiteral(const uint8_t *data, size_t size)
{
	NpSketch	sk;
	const char *msg = NpFpParseLiteral((const char *) data, size, &sk);

	if (msg != NULL)
		return 0;
	if (NpFpValidate(sk.version, sk.shingle_words, sk.sketch_size,
					 sk.nshingles, sk.nhashes, sk.hashes) != NULL)
		abort();
	check_roundtrip(&sk);
	free_sketch(&sk);
	return 0;
}

/*
 * Clean a text, fingerprint it, and split it into sentence ranges within
 * paragraphs as fingerprint_sql.c's fp_sentences() does.  Returns the
 * sentence count; *ranges gets [start, end) pairs.
 */
static int
passage_ranges(const char *data, size_t size, char **clean, size_t *clen,
			   size_t **ranges)
{
	NpCleanOptions opts;
	NpSketch	sk;
	NpSpan	   *paras = NULL;
	int			np,
				i,
				n = 0;
	size_t	   *r;

	NpCleanOptionsInit(&opts);
	*clean = NpCleanText(data, size, &opts, clen);
	NpFpBuildSketch(*clean, *clen, NP_FP_DEFAULT_SHINGLE_WORDS,
					NP_FP_DEFAULT_SKETCH_SIZE, &sk);
	if (NpFpValidate(sk.version, sk.shingle_words, sk.sketch_size,
					 sk.nshingles, sk.nhashes, sk.hashes) != NULL)
		abort();
	check_roundtrip(&sk);
	if (sk.hashes)
		np_free(sk.hashes);

	np = NpSplitParagraphs(*clean, *clen, &paras);
	r = np_alloc((*clen + 1) * 2 * sizeof(size_t));
	for (i = 0; i < np; i++)
	{
		NpSpan	   *spans = NULL;
		int			ns = NpSplitSentences(*clean + paras[i].start,
										  paras[i].end - paras[i].start, &spans);
		int			j;

		for (j = 0; j < ns; j++)
		{
			if ((size_t) n >= *clen + 1)
				abort();
			r[2 * n] = paras[i].start + spans[j].start;
			r[2 * n + 1] = paras[i].start + spans[j].end;
			if (r[2 * n + 1] > *clen || r[2 * n] > r[2 * n + 1])
				abort();
			n++;
		}
		if (spans)
			np_free(spans);
	}
	if (paras)
		np_free(paras);
	*ranges = r;
	return n;
}

/*
 * shared_passages: two articles separated by the first NUL (or the same
 * article twice); the first byte picks min_score.
 */
int
NpFuzzSharedPassages(const uint8_t *data, size_t size)
{
	const char *a;
	const char *b;
	const char *nul;
	size_t		alen,
				blen;
	double		min_score;
	char	   *ca,
			   *cb;
	size_t		calen,
				cblen;
	size_t	   *ra,
			   *rb;
	int			na,
				nb,
				nm,
				i;
	NpPassageMatch *m;

	if (size < 1)
		return 0;
	min_score = (data[0] % 11) / 10.0;	/* 0, 0.1, ..., 1 */
	a = (const char *) data + 1;
	nul = memchr(a, 0, size - 1);
	alen = nul ? (size_t) (nul - a) : size - 1;
	b = nul ? nul + 1 : a;
	blen = nul ? size - 1 - alen - 1 : size - 1;

	na = passage_ranges(a, alen, &ca, &calen, &ra);
	nb = passage_ranges(b, blen, &cb, &cblen, &rb);

	nm = NpFpMatchPassages(ca, ra, na, cb, rb, nb, min_score, &m);
	for (i = 0; i < nm; i++)
		if (m[i].a_sentence < 0 || m[i].a_sentence >= na ||
			m[i].b_sentence < 0 || m[i].b_sentence >= nb ||
			m[i].a_end > calen || m[i].b_end > cblen ||
			m[i].score < min_score || m[i].score > 1)
			abort();
	np_free(m);

	nm = NpFpMatchPassages(ca, ra, na, ca, ra, na, 1.0, &m);
	for (i = 0; i < nm; i++)
		if (m[i].score != 1.0 || m[i].a_end > calen || m[i].b_end > calen)
			abort();
	np_free(m);

	np_free(ra);
	np_free(rb);
	np_free(ca);
	np_free(cb);
	return 0;
}
