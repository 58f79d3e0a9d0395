/*-------------------------------------------------------------------------
 *
 * corpus_stats.c
 *	  Phrase statistics of a corpus, beside those of the real wire corpus of
 *	  issue 11 (19,779 stories): distinct word 3-shingles, shingles common to
 *	  many stories and their share of all occurrences, stories that hold a
 *	  common shingle, words per story and their distribution.
 *
 * Usage: corpus_stats [-c COLUMN] [-n MAXDOCS] FILE
 *	 Exits with 3 when a figure is not within a factor of 2 of the real one.
 *	 FILE is COPY text (tab-separated, with \n escapes) as bench/corpus_gen.c
 *	 writes it; the body is column COLUMN (1-based, default 6).  Use -c 1
 *	 for a file of one document per line.  The file is read twice.
 *
 * Shingles are runs of 3 tokens, a token being a maximal run of letters and
 * digits (bytes >= 0x80 count as letters), lower-cased; "U.S." gives "u s".
 * A shingle's document frequency counts the stories that hold it; its
 * occurrences count every position.  Shingles are kept as 64-bit hashes.
 *
 * bench/corpus_stats.c
 *
 *-------------------------------------------------------------------------
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Ent
{
	uint64_t	key;			/* 0 = empty */
	uint32_t	df,
				last;			/* last document that counted it */
	uint64_t	occ;
} Ent;

static Ent *tab;
static uint64_t tabsize,
			nkeys;

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

static void
grow(void)
{
	uint64_t	oldsize = tabsize;
	Ent		   *old = tab;

	tabsize = tabsize ? tabsize * 2 : (1 << 20);
	tab = calloc(tabsize, sizeof(Ent));
	if (!tab)
	{
		fprintf(stderr, "corpus_stats: out of memory at %llu shingles\n", (unsigned long long) nkeys);
		exit(1);
	}
	for (uint64_t i = 0; i < oldsize; i++)
		if (old[i].key)
		{
			uint64_t	j = mix64(old[i].key) & (tabsize - 1);

			while (tab[j].key)
				j = (j + 1) & (tabsize - 1);
			tab[j] = old[i];
		}
	free(old);
}

static Ent *
lookup(uint64_t key, int add)
{
	uint64_t	j;

	if (add && (nkeys + 1) * 10 > tabsize * 7)
		grow();
	j = mix64(key) & (tabsize - 1);
	while (tab[j].key)
	{
		if (tab[j].key == key)
			return &tab[j];
		j = (j + 1) & (tabsize - 1);
	}
	if (!add)
		return NULL;
	tab[j].key = key;
	nkeys++;
	return &tab[j];
}

/* the body of a line: column col, COPY escapes undone, into buf */
static size_t
body_of(char *line, size_t len, int col, char *buf)
{
	size_t		i = 0,
				n = 0;

	for (int c = 1; c < col && i < len; i++)
		if (line[i] == '\t')
			c++;
	for (; i < len && line[i] != '\t' && line[i] != '\n'; i++)
	{
		if (line[i] == '\\' && i + 1 < len)
		{
			char		e = line[++i];

			buf[n++] = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
		}
		else
			buf[n++] = line[i];
	}
	buf[n] = '\0';
	return n;
}

#define MAXTOK 200000
#define TOPN 25

/* token hashes of a text; returns the count; words = whitespace words */
static int	tok_start[MAXTOK],
			tok_end[MAXTOK];

static int
tokens(const char *s, size_t n, uint64_t *out, int *words)
{
	int			k = 0,
				in = 0,
				w = 0;
	size_t		i = 0;

	for (size_t j = 0; j < n; j++)
	{
		int			sp = isspace((unsigned char) s[j]);

		if (!sp && !in)
			w++;
		in = !sp;
	}
	*words = w;
	while (i < n && k < MAXTOK)
	{
		unsigned char ch = (unsigned char) s[i];

		if (isalnum(ch) || ch >= 0x80)
		{
			uint64_t	h = 1469598103934665603ULL;

			tok_start[k] = (int) i;
			while (i < n && (isalnum((unsigned char) s[i]) || (unsigned char) s[i] >= 0x80))
			{
				h = (h ^ (unsigned char) tolower((unsigned char) s[i])) * 1099511628211ULL;
				i++;
			}
			tok_end[k] = (int) i;
			out[k++] = h;
		}
		else
			i++;
	}
	return k;
}

static uint64_t
shingle(const uint64_t *t)
{
	uint64_t	h = mix64(t[0] * 3 + 1) ^ mix64(t[1] * 5 + 2) * 31 ^ mix64(t[2] * 7 + 3) * 131;

	return h ? h : 1;
}

static int
cmp_int(const void *a, const void *b)
{
	int			x = *(const int *) a,
				y = *(const int *) b;

	return (x > y) - (x < y);
}

/*
 * Read the next document of f: its tokens into tok (returns their count, or
 * -1 at the end of the file), its whitespace words into *words, its body
 * into *buf (grown as needed).
 */
static int
next_doc(FILE *f, char **line, size_t *cap, int col, char **buf, uint64_t *tok, int *words)
{
	ssize_t		len;

	while ((len = getline(line, cap, f)) > 0)
	{
		size_t		bl;

		if ((*line)[0] == '#' || (col > 1 && !memchr(*line, '\t', len)))
			continue;
		*buf = realloc(*buf, len + 1);
		bl = body_of(*line, len, col, *buf);
		return tokens(*buf, bl, tok, words);
	}
	return -1;
}

int
main(int argc, char **argv)
{
	int			col = 6;
	long		maxdocs = -1;
	const char *path = NULL;
	FILE	   *f;
	char	   *line = NULL,
			   *buf = NULL;
	size_t		cap = 0;
	uint64_t   *tok = malloc(sizeof(uint64_t) * MAXTOK);
	long		ndocs = 0;
	uint64_t	occ_total = 0,
				tok_total = 0,
				words_total = 0;
	int		   *lens = NULL;
	long		lcap = 0;
	long		checkpoints[64];
	uint64_t	distinct_at[64];
	int			ncheck = 0;
	int			exit_code = 0;

	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			col = atoi(argv[++i]);
		else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			maxdocs = atol(argv[++i]);
		else
			path = argv[i];
	}
	if (!path || col < 1)
	{
		fprintf(stderr, "usage: %s [-c COLUMN] [-n MAXDOCS] FILE\n", argv[0]);
		return 2;
	}
	if (!(f = fopen(path, "r")))
	{
		perror(path);
		return 2;
	}
	grow();

	/* pass 1: document frequencies and occurrences */
	while (maxdocs < 0 || ndocs < maxdocs)
	{
		int			w,
					nt = next_doc(f, &line, &cap, col, &buf, tok, &w);

		if (nt < 0)
			break;
		ndocs++;
		if (ndocs > lcap)
		{
			lcap = lcap ? lcap * 2 : 65536;
			lens = realloc(lens, sizeof(int) * lcap);
		}
		lens[ndocs - 1] = w;
		words_total += w;
		tok_total += nt;
		for (int i = 0; i + 2 < nt; i++)
		{
			Ent		   *e = lookup(shingle(tok + i), 1);

			e->occ++;
			occ_total++;
			if (e->last != (uint32_t) ndocs)
			{
				e->last = (uint32_t) ndocs;
				e->df++;
			}
		}
		if ((ndocs & (ndocs - 1)) == 0 && ndocs >= 1000 && ncheck < 64)
		{
			checkpoints[ncheck] = ndocs;
			distinct_at[ncheck++] = nkeys;
		}
	}
	if (ndocs == 0)
	{
		fprintf(stderr, "corpus_stats: no documents\n");
		return 1;
	}

	/* thresholds */
	{
		double		th[3] = {0.05, 0.01, 0.001};
		uint64_t	cnt[3] = {0},
					occ[3] = {0};
		uint64_t	min_df[3];
		long		with_common = 0;
		Ent			top[TOPN];
		char		toptext[TOPN][64] = {{0}};
		int			ntop = 0;

		for (int k = 0; k < 3; k++)
			min_df[k] = (uint64_t) ceil(th[k] * ndocs);
		for (uint64_t i = 0; i < tabsize; i++)
		{
			Ent		   *e = &tab[i];

			if (!e->key)
				continue;
			for (int k = 0; k < 3; k++)
				if (e->df >= min_df[k])
				{
					cnt[k]++;
					occ[k] += e->occ;
				}
			if (ntop < TOPN || e->df > top[ntop - 1].df)
			{
				int			j = ntop < TOPN ? ntop++ : TOPN - 1;

				while (j > 0 && top[j - 1].df < e->df)
				{
					top[j] = top[j - 1];
					j--;
				}
				top[j] = *e;
			}
		}

		/* pass 2: stories holding a shingle in >= 0.1% of stories */
		rewind(f);
		{
			long		d = 0;

			while (d < ndocs)
			{
				int			w,
							nt = next_doc(f, &line, &cap, col, &buf, tok, &w);

				if (nt < 0)
					break;
				d++;
				for (int i = 0, found = 0; i + 2 < nt; i++)
				{
					uint64_t	key = shingle(tok + i);
					Ent		   *e = lookup(key, 0);

					if (e && e->df >= min_df[2] && !found)
					{
						with_common++;
						found = 1;
					}
					for (int t = 0; t < ntop && e && e->df >= min_df[1]; t++)
						if (top[t].key == key && !toptext[t][0])
						{
							int			l = 0;

							for (int p = tok_start[i]; p < tok_end[i + 2] && l < 63; p++)
							{
								int			word = isalnum((unsigned char) buf[p]) || (unsigned char) buf[p] >= 0x80;

								if (word)
									toptext[t][l++] = (char) tolower((unsigned char) buf[p]);
								else if (l > 0 && toptext[t][l - 1] != ' ')
									toptext[t][l++] = ' ';
							}
							toptext[t][l] = '\0';
						}
				}
			}
		}

		qsort(lens, ndocs, sizeof(int), cmp_int);
#define PCTL(p) lens[(long) ((ndocs - 1) * (p))]
		{
			/* this corpus against the real one (issue 11), within a factor of 2? */
			struct
			{
				const char *what;
				double		v,
							real;
				int			pct;
			}			row[] = {
				{"mean words per story (whitespace)", (double) words_total / ndocs, 131, 0},
				{"distinct 3-shingles", (double) nkeys, 1530000, 0},
				{"shingles in >= 5% of stories", (double) cnt[0], 6, 0},
				{"shingles in >= 1% of stories", (double) cnt[1], 199, 0},
				{"  their share of all shingle occurrences", 100.0 * occ[1] / occ_total, 2.8, 1},
				{"shingles in >= 0.1% of stories", (double) cnt[2], 7776, 0},
				{"  their share of all shingle occurrences", 100.0 * occ[2] / occ_total, 15, 1},
				{"stories with a shingle in >= 0.1% of stories", 100.0 * with_common / ndocs, 98, 1},
			};
			int			all = 1;

			printf("%-46s %13s %13s %7s\n", "statistic", "this corpus", "real", "ratio");
			printf("%-46s %13ld %13s %7s\n", "stories", ndocs, "19779", "");
			for (int i = 0; i < (int) (sizeof(row) / sizeof(row[0])); i++)
			{
				double		q = row[i].v / row[i].real;

				if (q > 2 || q < 0.5)
					all = 0;
				if (row[i].pct)
					printf("%-46s %12.1f%% %12.1f%% %7.2f\n", row[i].what, row[i].v, row[i].real, q);
				else if (i == 0)
					printf("%-46s %13.1f %13.0f %7.2f\n", row[i].what, row[i].v, row[i].real, q);
				else
					printf("%-46s %13.0f %13.0f %7.2f\n", row[i].what, row[i].v, row[i].real, q);
			}
			printf("%-46s %13.1f %13s\n", "mean tokens per story (letters and digits)", (double) tok_total / ndocs, "-");
			printf("every figure within a factor of 2 of the real corpus: %s%s\n", all ? "yes" : "NO",
				   ndocs < 15000 || ndocs > 25000 ? " (the real corpus has 19,779 stories; counts depend on size)" : "");
			exit_code = all ? 0 : 3;
		}
		printf("\nwords per story: min %d, p10 %d, p25 %d, median %d, p75 %d, p90 %d, p99 %d, max %d\n",
			   lens[0], PCTL(0.10), PCTL(0.25), PCTL(0.5), PCTL(0.75), PCTL(0.90), PCTL(0.99), lens[ndocs - 1]);
		{
			long		b[5] = {0};

			for (long i = 0; i < ndocs; i++)
				b[lens[i] < 50 ? 0 : lens[i] < 100 ? 1 : lens[i] < 300 ? 2 : lens[i] < 1000 ? 3 : 4]++;
			printf("share of stories: < 50 words %.1f%%, 50-99 %.1f%%, 100-299 %.1f%%, 300-999 %.1f%%, >= 1000 %.1f%%\n",
				   100.0 * b[0] / ndocs, 100.0 * b[1] / ndocs, 100.0 * b[2] / ndocs, 100.0 * b[3] / ndocs, 100.0 * b[4] / ndocs);
		}
		printf("most common shingles (share of stories):");
		for (int i = 0; i < ntop; i++)
			printf("%s\"%s\" %.1f%%", i % 5 ? ", " : "\n  ", toptext[i], 100.0 * top[i].df / ndocs);
		printf("\ndistinct shingles as the corpus grows:");
		for (int i = 0; i < ncheck; i++)
			printf(" %ld:%llu", checkpoints[i], (unsigned long long) distinct_at[i]);
		printf(" %ld:%llu", ndocs, (unsigned long long) nkeys);
		if (ncheck > 0)
			printf(" (growth exponent %.2f)",
				   log((double) nkeys / distinct_at[0]) / log((double) ndocs / checkpoints[0]));
		printf("\n");
	}
	return exit_code;
}
