/*
 * bench/index_layout.c -- how full npidx's bucket pages would be, and how
 * many pages a lookup reads per key, for a given set of keys, at several
 * bucket counts, with and without spilled chain tails (doc/index.md,
 * "Index size")
 *
 * Usage:
 *   gcc -O2 -o index_layout bench/index_layout.c -lm
 *   psql -At -c "COPY (SELECT unnest(newsprint.npidx_keys(fp)) FROM t) TO STDOUT" > keys.txt
 *   psql -At -c "COPY (SELECT unnest(newsprint.npidx_keys(fp)) FROM queries) TO STDOUT" > qkeys.txt
 *   ./index_layout keys.txt qkeys.txt ROWS COLUMN_MB
 *
 * keys.txt holds every posting's key (an int4 a line, as npidx_keys()
 * prints them), qkeys.txt the keys of the query rows; ROWS is the table's
 * row count (for the row list), COLUMN_MB the fingerprint column's size in
 * MB (for the ratio).  It mixes each key as npidx does (murmur3 fmix32),
 * counts postings per bucket for bucket counts of postings / (1358 x
 * target), and lays the chains out as the build does: the head filled to
 * its 1358 compact postings, then full overflow pages, the tail (what is
 * left) on a page of its own, or, with spills, in the room left in the
 * first of the next W heads that has enough.  Prints per target and W the
 * index size, its ratio to the column, the bucket pages' fill and the
 * average chain pages a query key's lookup reads.  Compact postings only
 * (no wide pages); the build's later batches are not modelled.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define PER_PAGE 1358			/* compact postings on a page */

static uint32_t
mix(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6b;
	h ^= h >> 13;
	h *= 0xc2b2ae35;
	h ^= h >> 16;
	return h;
}

static uint32_t *
read_keys(const char *path, size_t *n)
{
	FILE	   *f = fopen(path, "r");
	size_t		max = 1 << 20,
				m = 0;
	uint32_t   *a = malloc(max * sizeof(uint32_t));
	char		line[64];

	if (f == NULL || a == NULL)
	{
		perror(path);
		exit(1);
	}
	while (fgets(line, sizeof(line), f))
	{
		if (m == max)
		{
			max *= 2;
			a = realloc(a, max * sizeof(uint32_t));
			if (a == NULL)
			{
				perror("realloc");
				exit(1);
			}
		}
		a[m++] = mix((uint32_t) strtol(line, NULL, 10));
	}
	fclose(f);
	*n = m;
	return a;
}

int
main(int argc, char **argv)
{
	static const double targets[] = {0.9, 1.0, 1.1, 1.25, 1.5, 2.0};
	static const int windows[] = {0, 1, 4, 16, 255};
	size_t		n,
				nq;
	uint32_t   *keys,
			   *qkeys;
	long		rows;
	double		column_mb;
	long		row_pages;

	if (argc != 5)
	{
		fprintf(stderr, "usage: %s KEYS QUERY_KEYS ROWS COLUMN_MB\n", argv[0]);
		return 2;
	}
	keys = read_keys(argv[1], &n);
	qkeys = read_keys(argv[2], &nq);
	rows = atol(argv[3]);
	column_mb = atof(argv[4]);
	row_pages = (rows + 1357) / 1358;
	printf("%zu postings, %zu query keys\n", n, nq);
	printf("%8s %8s %4s %10s %7s %6s %8s %16s\n", "target", "buckets", "W",
		   "index MB", "x col", "fill", "spills", "key chain pages");
	for (size_t t = 0; t < sizeof(targets) / sizeof(*targets); t++)
	{
		uint32_t	nb = (uint32_t) ceil(n / (double) (int) (PER_PAGE * targets[t]));
		uint64_t   *count = calloc(nb, sizeof(uint64_t));
		int64_t    *room = calloc(nb, sizeof(int64_t));
		uint32_t   *chain = calloc(nb, sizeof(uint32_t));

		for (size_t i = 0; i < n; i++)
			count[keys[i] % nb]++;
		for (size_t w = 0; w < sizeof(windows) / sizeof(*windows); w++)
		{
			int			W = windows[w];
			uint64_t	pages = 0;
			long		spills = 0;
			double		qpages = 0,
						mb;

			for (uint32_t b = 0; b < nb; b++)
				room[b] = count[b] < PER_PAGE ? PER_PAGE - count[b] : 0;
			for (uint32_t b = 0; b < nb; b++)
			{
				uint64_t	past = count[b] > PER_PAGE ? count[b] - PER_PAGE : 0;
				uint64_t	tail = past % PER_PAGE;
				uint64_t	p = 1 + past / PER_PAGE;
				int			spilled = 0;

				if (tail > 0)
				{
					for (int d = 1; d <= W && b + d < nb; d++)
						if (room[b + d] >= (int64_t) tail)
						{
							room[b + d] -= tail;
							spilled = 1;
							break;
						}
					if (!spilled)
						p++;
				}
				spills += spilled;
				pages += p;
				chain[b] = p + spilled;
			}
			for (size_t i = 0; i < nq; i++)
				qpages += chain[qkeys[i] % nb];
			mb = (pages + 1 + row_pages) * 8192.0 / 1048576;
			printf("%7.0f%% %8u %4d %10.1f %7.3f %6.3f %8ld %16.2f\n",
				   targets[t] * 100, nb, W, mb, mb / column_mb,
				   (double) n / ((double) pages * PER_PAGE), spills, qpages / nq);
		}
		free(count);
		free(room);
		free(chain);
	}
	return 0;
}
