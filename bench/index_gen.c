/*-------------------------------------------------------------------------
 *
 * index_gen.c
 *	  Generate synthetic news articles with planted families of republished
 *	  copies, as COPY text rows "id, family, variant, body", for the npidx
 *	  benchmarks.
 *
 * Usage: index_gen ROWS [FIRST [STEP [common]]] > rows.tsv
 *	 Writes rows id = FIRST, FIRST + STEP, ... < ROWS (default 0 and 1), so
 *	 several processes can generate one table.  Deterministic.
 *	 "common" is a stand-in for news phrase reuse until the realistic corpus
 *	 generator lands: lengths from 20-word briefs to 1,200-word features,
 *	 and 2,000 three-word formulas of Zipf popularity (the most common in
 *	 about 12% of articles, the 200th in about 1%) planted between
 *	 sentences, so that some index keys have posting lists of 1-12% of the
 *	 table.
 *
 * Text model: words drawn from a 40,000-word vocabulary with a Zipf-like
 * (log-uniform rank) law, so that frequent trigrams ("the of a") occur in
 * many articles as real function-word trigrams do; sentences of 12-25
 * words, paragraphs of 60, articles of 250-700 words, a headline and an
 * outlet's boilerplate footer.
 * Families: in every block of ten ids, id % 10 = 0 is a family's base
 * article and the next 1 to 5 ids are its copies, each after one of the
 * edits of the fingerprint issue: 0 exact copy under another outlet's
 * boilerplate, 1 light paraphrase (8% of words replaced), 2 lead-only
 * excerpt (first 35%), 3 a paragraph dropped and another added, 4 second
 * half moved first, 5 a new headline and re-wrapped lines.  The other ids
 * of the block are unrelated articles.
 *
 * bench/index_gen.c
 *
 *-------------------------------------------------------------------------
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOCAB 40000

static char words[VOCAB][8];

/* Mix a 64-bit value (splitmix64 finaliser) */
static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Build the pseudo-words: short strings for frequent ranks */
static void
init_words(void)
{
	for (int r = 0; r < VOCAB; r++)
	{
		int			n = 0,
					v = r;
		uint64_t	h = mix64(r);

		/* 1-7 letters, frequent words shorter */
		int			len = 1 + (r >= 20) + (r >= 300) + (r >= 3000) + (int) (h % 3);

		for (n = 0; n < len && n < 7; n++)
		{
			words[r][n] = 'a' + (char) ((v + (h >> (n * 5))) % 26);
			v /= 26;
		}
		words[r][n] = '\0';
	}
}

/* The word of rank floor(VOCAB^u) for seed */
static const char *
word(uint64_t seed)
{
	double		u = (double) (mix64(seed) >> 11) / 9007199254740992.0;
	int			r = (int) floor(exp(u * log((double) VOCAB))) - 1;

	if (r < 0)
		r = 0;
	if (r >= VOCAB)
		r = VOCAB - 1;
	return words[r];
}

static int	common_mode = 0;

/* Print formula r (0-based popularity rank): three pseudo-words */
static void
formula(int r)
{
	printf("%s %s %s ", word(777000000ULL + r * 3), word(777000001ULL + r * 3),
		   word(777000002ULL + r * 3));
}

/* Plant the formulas an article draws (Zipf: rank r in 12% / (r+1)^0.8) */
static void
formulas(uint64_t f, int pos)
{
	for (int r = 0; r < 2000; r++)
	{
		double		p = 0.12 / pow(r + 1, 0.8);
		uint64_t	h = mix64(f * 2000 + r);

		/* each drawn formula goes at one sentence of the article */
		if ((double) (h >> 11) / 9007199254740992.0 < p && (int) ((h >> 3) % 8) == pos % 8)
			formula(r);
	}
}

static const char *footers[] = {
	"Read more at the Daily Courier.",
	"Subscribe to the Morning Post newsletter for more.",
	"Copyright Northern Wire Service. All rights reserved.",
	"Follow us for updates.",
};

/* Print base article f after edit e for outlet o, COPY-escaped */
static void
article(uint64_t f, int e, int o)
{
	int			len = 250 + (int) (mix64(f) % 450);
	int			sent = 12 + (int) (f % 14);
	int			pos;

	if (common_mode)
	{
		uint64_t	h = mix64(f * 3 + 1) % 100;

		/* 20% briefs, 60% ordinary stories, 20% long features */
		len = h < 20 ? 20 + (int) (mix64(f) % 30) :
			h < 80 ? 100 + (int) (mix64(f) % 250) : 500 + (int) (mix64(f) % 700);
	}

	printf("Headline %s %s\\n\\n", word(f * 7 + (e == 5 ? (uint64_t) o : 0)),
		   word(f * 11 + 1));
	for (int k = 1; k <= len; k++)
	{
		const char *w;

		pos = (e == 4) ? (k + len / 2) % len + 1 : k;
		if (e == 2 && pos > len * 35 / 100)
			continue;
		if (e == 3 && pos >= 60 && pos < 120)
			continue;
		if (e == 1 && mix64(f * 1000003 + pos * 31 + o) % 100 < 8)
			w = word(f * 77777 + pos * 13 + o);
		else if (e == 3 && pos >= 120 && pos <= 180)
			w = word(f * 99991 + pos * 17 + o);
		else
			w = word(f * 1000 + pos);
		if (common_mode && k % sent == 1)
			formulas(f, k / sent);
		fputs(w, stdout);
		if (pos % 60 == 0)
			fputs(".\\n\\n", stdout);
		else if (pos % sent == 0)
			fputs(". ", stdout);
		else if (e == 5 && pos % 9 == 0)
			fputs("\\n", stdout);
		else
			fputc(' ', stdout);
	}
	printf(".\\n\\n%s", footers[o % 4]);
}

int
main(int argc, char **argv)
{
	long		rows,
				first = 0,
				step = 1;

	if (argc < 2)
	{
		fprintf(stderr, "usage: %s ROWS [FIRST [STEP]]\n", argv[0]);
		return 2;
	}
	rows = atol(argv[1]);
	if (argc > 2)
		first = atol(argv[2]);
	if (argc > 3)
		step = atol(argv[3]);
	if (step < 1)
		step = 1;
	if (argc > 4 && strcmp(argv[4], "common") == 0)
		common_mode = 1;
	init_words();

	for (long id = first; id < rows; id += step)
	{
		long		block = id / 10;
		int			slot = (int) (id % 10);
		int			members = 1 + (int) (block % 5);

		if (slot <= members)
		{
			printf("%ld\t%ld\t%d\t", id, block, slot);
			if (slot == 0)
				article(1000000000ULL + block, 0, 0);
			else
				article(1000000000ULL + block, (int) ((slot + block) % 6), slot);
		}
		else
		{
			printf("%ld\t\\N\t\\N\t", id);
			article((uint64_t) id, 0, (int) (id % 4));
		}
		putchar('\n');
	}
	return 0;
}
