/*-------------------------------------------------------------------------
 *
 * fp_profile.c
 *	  The work of fingerprint(body) and fingerprint(body, false) without a
 *	  server, on the articles of bench/fingerprint_bench.sh, for profiling
 *	  (valgrind --tool=callgrind) and for comparing two builds.
 *
 * Usage: fp_profile [-r] [-n N] EVAL_DOCS_TSV
 *	  Builds the articles of bench/fingerprint_bench.sh from
 *	  test/data/fingerprint/eval_docs.tsv (article i joins documents
 *	  1 + (7i + 31j) mod D, j = 0..2, with blank lines), N of them (default
 *	  1,000), and for each computes the version 2 fingerprint of its cleaned
 *	  text (or, with -r, of the text as given), as fingerprint() does after
 *	  reading its argument.  The server's NFC pass and encoding conversion
 *	  are not included.  Prints one line: the articles, their bytes and a
 *	  digest of every cleaned text and every sketch, which must not change
 *	  when only speed changes.
 *
 * Build: scripts/core_cc.sh -o /tmp/fp_profile bench/fp_profile.c
 * (bench/README.md, "Identity of the text core").
 *
 * bench/fp_profile.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "fingerprint/fp_core.h"
#include "fingerprint/fp_evidence.h"
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

/* A document: its body, unescaped from COPY's text format */
typedef struct Doc
{
	char	   *body;
	size_t		len;
}			Doc;

/*
 * Unescape field s[0, n) of a COPY text-format line into a new string.
 */
static char *
copy_unescape(const char *s, size_t n, size_t *outlen)
{
	char	   *r = np_alloc(n + 1);
	size_t		i,
				o = 0;

	for (i = 0; i < n; i++)
	{
		if (s[i] == '\\' && i + 1 < n)
		{
			char		c = s[++i];

			r[o++] = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
		}
		else
			r[o++] = s[i];
	}
	r[o] = '\0';
	*outlen = o;
	return r;
}

/*
 * Read the fifth column of every line of the evaluation set.
 */
static Doc *
read_docs(const char *path, int *ndocs)
{
	FILE	   *f = fopen(path, "rb");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	Doc		   *docs = NULL;
	int			nd = 0;

	if (f == NULL)
	{
		perror(path);
		exit(1);
	}
	while ((n = getline(&line, &cap, f)) > 0)
	{
		char	   *p = line;
		int			col;

		if (line[n - 1] == '\n')
			line[--n] = '\0';
		for (col = 0; col < 4 && p; col++)
		{
			p = strchr(p, '\t');
			if (p)
				p++;
		}
		if (p == NULL)
			continue;
		docs = np_realloc(docs, (nd + 1) * sizeof(Doc));
		docs[nd].body = copy_unescape(p, strlen(p), &docs[nd].len);
		nd++;
	}
	free(line);
	fclose(f);
	*ndocs = nd;
	return docs;
}

int
main(int argc, char **argv)
{
	bool		raw = false;
	int			narticles = 1000;
	const char *path = NULL;
	Doc		   *docs;
	int			nd;
	int			i;
	uint64_t	h = UINT64_C(0xCBF29CE484222325);
	size_t		bytes = 0;
	NpCleanOptions opts;

	for (i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "-r") == 0)
			raw = true;
		else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			narticles = atoi(argv[++i]);
		else
			path = argv[i];
	}
	if (path == NULL)
	{
		fprintf(stderr, "usage: fp_profile [-r] [-n N] EVAL_DOCS_TSV\n");
		return 2;
	}
	docs = read_docs(path, &nd);
	if (nd == 0)
	{
		fprintf(stderr, "no documents in %s\n", path);
		return 1;
	}
	NpCleanOptionsInit(&opts);
	for (i = 1; i <= narticles; i++)
	{
		char	   *art;
		size_t		alen = 0;
		int			j;
		NpSketch	sk;

		for (j = 0; j < 3; j++)
			alen += docs[(i * 7 + j * 31) % nd].len + 2;
		art = np_alloc(alen);
		alen = 0;
		for (j = 0; j < 3; j++)
		{
			const Doc  *d = &docs[(i * 7 + j * 31) % nd];

			if (j > 0)
			{
				memcpy(art + alen, "\n\n", 2);
				alen += 2;
			}
			memcpy(art + alen, d->body, d->len);
			alen += d->len;
		}
		bytes += alen;
		if (raw)
			NpFpBuildSketchV2(art, alen, NP_FP_DEFAULT_SHINGLE_WORDS,
							  NP_FP_V2_DEFAULT_SKETCH_SIZE, &sk);
		else
		{
			size_t		clen;
			char	   *c = NpCleanText(art, alen, &opts, &clen);

			h = digest(h, &clen, sizeof(clen));
			h = digest(h, c, clen);
			NpFpBuildSketchV2(c, clen, NP_FP_DEFAULT_SHINGLE_WORDS,
							  NP_FP_V2_DEFAULT_SKETCH_SIZE, &sk);
			np_free(c);
		}
		h = digest(h, &sk.nshingles, sizeof(sk.nshingles));
		h = digest(h, &sk.nhashes, sizeof(sk.nhashes));
		if (sk.nhashes > 0)
			h = digest(h, sk.hashes, sk.nhashes * sizeof(np_uint32));
		if (sk.hashes)
			np_free(sk.hashes);
		if (sk.places)
			np_free(sk.places);
		np_free(art);
	}
	printf("%s: %d articles, %zu bytes, digest %016llx\n",
		   raw ? "fingerprint(body, false)" : "fingerprint(body)",
		   narticles, bytes, (unsigned long long) h);
	return 0;
}
