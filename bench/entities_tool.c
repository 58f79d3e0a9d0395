/*-------------------------------------------------------------------------
 *
 * entities_tool.c
 *	  Command-line driver of the entity extractor, built without a server
 *	  (-DNP_STANDALONE): prints the mentions of each file, for the scoring
 *	  script, and times the extractor for quick checks.
 *
 * Usage: entities_tool [--clean] [--entities | --time] FILE...
 *	  Prints one mention a line: file, start, stop (character offsets, stop
 *	  exclusive), kind, surface, name; with --entities prints the entities
 *	  (file, kind, name, subtype, mentions, first) instead; with --time the
 *	  extraction throughput.
 *
 * bench/entities_tool.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include <time.h>

#include "entities/entities.h"
#include "text/clean.h"

/*
 * Count the UTF-8 characters of s[0, n).
 */
static size_t
chars(const char *s, size_t n)
{
	size_t		c = 0,
				i;

	for (i = 0; i < n; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/*
 * Print s[0, n) with tabs and newlines as spaces.
 */
static void
put_clean(const char *s, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		putchar(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
}

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
	buf = np_alloc(cap);
	while ((r = fread(buf + n, 1, cap - n, f)) > 0)
	{
		n += r;
		if (n == cap)
		{
			cap *= 2;
			buf = np_realloc(buf, cap);
		}
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * Extract from every file named on the command line.
 */
int
main(int argc, char **argv)
{
	bool		clean = false;
	bool		entities = false;
	bool		timing = false;
	int			i;

	for (i = 1; i < argc; i++)
	{
		size_t		len;
		char	   *text;
		const char *t;
		size_t		tlen;
		char	   *cleaned = NULL;
		NpEntityResult r;
		int			m;

		if (strcmp(argv[i], "--clean") == 0)
		{
			clean = true;
			continue;
		}
		if (strcmp(argv[i], "--time") == 0)
		{
			timing = true;
			continue;
		}
		if (strcmp(argv[i], "--entities") == 0)
		{
			entities = true;
			continue;
		}
		text = slurp(argv[i], &len);
		if (text == NULL)
		{
			fprintf(stderr, "cannot read %s\n", argv[i]);
			return 1;
		}
		t = text;
		tlen = len;
		if (clean)
		{
			NpCleanOptions opts;

			NpCleanOptionsInit(&opts);
			cleaned = NpCleanText(text, len, &opts, &tlen);
			t = cleaned;
		}
		if (timing)
		{
			clock_t		c0 = clock();
			int			rep;
			double		secs;

			for (rep = 0; rep < 5; rep++)
			{
				NpExtractEntities(t, tlen, NULL, &r);
				NpEntityResultFree(&r);
			}
			secs = (double) (clock() - c0) / CLOCKS_PER_SEC / 5;
			printf("%s\t%zu bytes\t%.3f s\t%.1f MB/s\n", argv[i], tlen, secs, tlen / secs / 1e6);
		}
		NpExtractEntities(t, tlen, NULL, &r);
		if (timing)
			;
		else if (entities)
		{
			for (m = 0; m < r.nentities; m++)
				printf("%s\t%s\t%s\t%s\t%d\t%zu\n", argv[i], NpEntityKindName(r.entities[m].kind),
					   r.entities[m].name, r.entities[m].subtype ? r.entities[m].subtype : "",
					   r.entities[m].mentions, chars(t, r.entities[m].first));
		}
		else
		{
			size_t		pos = 0,
						nch = 0;

			for (m = 0; m < r.nmentions; m++)
			{
				NpMention  *mm = &r.mentions[m];
				size_t		cs;

				if (mm->start < pos)
					pos = nch = 0;
				nch += chars(t + pos, mm->start - pos);
				pos = mm->start;
				cs = nch;
				printf("%s\t%zu\t%zu\t%s\t", argv[i], cs, cs + chars(t + mm->start, mm->end - mm->start),
					   NpEntityKindName(r.entities[mm->entity].kind));
				put_clean(t + mm->start, mm->end - mm->start);
				printf("\t%s\n", r.entities[mm->entity].name);
			}
		}
		NpEntityResultFree(&r);
		if (cleaned)
			np_free(cleaned);
		np_free(text);
	}
	return 0;
}
