/*-------------------------------------------------------------------------
 *
 * core_digest.c
 *	  Print a digest of everything the server-independent text core computes
 *	  for each input file, so that two builds of the core (two commits) can
 *	  be compared on the same texts without a server.
 *
 * Usage: core_digest FILE...
 *	  One line per file, tab-separated:
 *		file
 *		fp_raw		fingerprint literal (k = 160) of the text as given
 *		fp_clean	fingerprint literal (k = 160) of the cleaned text
 *		set_raw		count and 64-bit digest of the text's whole shingle set
 *		set_clean	the same for the cleaned text
 *		clean		length and digest of the cleaned text
 *		paras		count and digest of the cleaned text's paragraph spans
 *		sents		count and digest of its sentence spans
 *		ents		count and digest of the mentions (offsets, kind, name) in
 *					the cleaned text
 *		fp2_raw		format version 2 literal (k = 256) of the text as given
 *		fp2_clean	the same for the cleaned text
 *		words2		count and digest of the cleaned text's words with their
 *					evidence flags (what shared_passages() filters on)
 *	  The fingerprint columns must be identical between builds that claim
 *	  the same format version (bench/core_identity.sh checks them).
 *
 * Only entry points that every version of the core has had are used, so
 * that the same file builds against old and new trees; the format version 2
 * columns print "-" for a tree without fingerprint/fp_evidence.h.
 *
 * bench/core_digest.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "entities/entities.h"
#include "fingerprint/fp_core.h"
#if __has_include("fingerprint/fp_evidence.h")
#include "fingerprint/fp_evidence.h"
#endif
#include "text/clean.h"

/*
 * Mix bytes into a 64-bit FNV-1a digest.
 */
static uint64_t
digest(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		h ^= s[i];
		h *= UINT64_C(0x100000001B3);
	}
	return h;
}

#define DIGEST_INIT UINT64_C(0xCBF29CE484222325)

/*
 * Read a whole file; NULL on failure.
 */
static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	size_t		cap = 65536,
				n = 0,
				r;

	if (f == NULL)
		return NULL;
	buf = np_alloc(cap + 1);
	while ((r = fread(buf + n, 1, cap - n, f)) > 0)
	{
		n += r;
		if (n == cap)
		{
			cap *= 2;
			buf = np_realloc(buf, cap + 1);
		}
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * Print the k = 160 literal and the whole-set digest of a text.
 */
static void
print_fp(const char *t, size_t len)
{
	NpSketch	sk;
	char	   *lit;
	np_uint32  *all;
	size_t		n;

	NpFpBuildSketch(t, len, NP_FP_DEFAULT_SHINGLE_WORDS,
					NP_FP_DEFAULT_SKETCH_SIZE, &sk);
	lit = NpFpFormatLiteral(&sk);
	printf("\t%s", lit);
	np_free(lit);
	if (sk.hashes)
		np_free(sk.hashes);
	n = NpFpShingleSet(t, len, NP_FP_DEFAULT_SHINGLE_WORDS, &all);
	printf("\t%zu:%016llx", n,
		   (unsigned long long) digest(DIGEST_INIT, all, n * sizeof(np_uint32)));
	if (all)
		np_free(all);
}

/*
 * Print the format version 2 literal (k = 256) of a text, and with words
 * the digest of its words and their evidence flags.
 */
static void
print_fp2(const char *t, size_t len, bool words)
{
#ifdef NP_FP_V2_VERSION
	NpSketch	sk;
	char	   *lit;

	NpFpBuildSketchV2(t, len, NP_FP_DEFAULT_SHINGLE_WORDS,
					  NP_FP_V2_DEFAULT_SKETCH_SIZE, &sk);
	lit = NpFpFormatLiteral(&sk);
	printf("\t%s", lit);
	np_free(lit);
	if (sk.hashes)
		np_free(sk.hashes);
	if (words)
	{
		NpFpWord   *w;
		size_t		n = NpFpEvidenceWords(t, len, &w);
		uint64_t	h = DIGEST_INIT;
		size_t		i;

		for (i = 0; i < n; i++)
		{
			/* (a word's end is not kept since the name bit) */
			uint64_t	v[3] = {w[i].hash, w[i].start, w[i].flags};

			h = digest(h, v, sizeof(v));
		}
		printf("\t%zu:%016llx", n, (unsigned long long) h);
		if (w)
			np_free(w);
	}
#else
	printf(words ? "\t-\t-" : "\t-");
#endif
}

/*
 * Print the count and digest of a span array.
 */
static void
print_spans(const NpSpan *s, int n)
{
	uint64_t	h = DIGEST_INIT;
	int			i;

	for (i = 0; i < n; i++)
	{
		uint64_t	v[2] = {s[i].start, s[i].end};

		h = digest(h, v, sizeof(v));
	}
	printf("\t%d:%016llx", n, (unsigned long long) h);
}

/*
 * Print the digests of every file named on the command line.
 */
int
main(int argc, char **argv)
{
	int			i;

	for (i = 1; i < argc; i++)
	{
		size_t		len;
		char	   *text = slurp(argv[i], &len);
		NpCleanOptions opts;
		char	   *c;
		size_t		clen;
		NpSpan	   *spans;
		int			n;
		NpEntityResult r;
		uint64_t	h = DIGEST_INIT;
		int			m;

		if (text == NULL)
		{
			fprintf(stderr, "cannot read %s\n", argv[i]);
			return 1;
		}
		NpCleanOptionsInit(&opts);
		c = NpCleanText(text, len, &opts, &clen);
		printf("%s", argv[i]);
		print_fp(text, len);
		print_fp(c, clen);
		printf("\t%zu:%016llx", clen, (unsigned long long) digest(DIGEST_INIT, c, clen));
		n = NpSplitParagraphs(c, clen, &spans);
		print_spans(spans, n);
		np_free(spans);
		n = NpSplitSentences(c, clen, &spans);
		print_spans(spans, n);
		np_free(spans);
		NpExtractEntities(c, clen, NULL, &r);
		for (m = 0; m < r.nmentions; m++)
		{
			const NpEntity *e = &r.entities[r.mentions[m].entity];
			uint64_t	v[3] = {r.mentions[m].start, r.mentions[m].end, (uint64_t) e->kind};

			h = digest(h, v, sizeof(v));
			h = digest(h, e->name, strlen(e->name) + 1);
		}
		printf("\t%d:%016llx", r.nmentions, (unsigned long long) h);
		print_fp2(text, len, false);
		print_fp2(c, clen, true);
		printf("\n");
		NpEntityResultFree(&r);
		np_free(c);
		np_free(text);
	}
	return 0;
}
