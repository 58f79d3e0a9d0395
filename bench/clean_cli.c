/*-------------------------------------------------------------------------
 *
 * clean_cli.c
 *	  Command-line front end of the cleaning core, for scoring and quick
 *	  experiments without a server.
 *
 * Usage: clean_cli [-h] [-c] [-t|-H] [-p|-s] [FILE]
 *	 -h keep the headline, -c keep captions, -t / -H force text / HTML,
 *	 -p print paragraphs, -s print sentences (with byte spans).
 * Built by scripts/score_clean.sh into /tmp; see doc/clean.md.
 *
 * bench/clean_cli.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "text/clean.h"

/*
 * Read a whole stream into memory.
 */
static char *
read_all(FILE *f, size_t *len)
{
	size_t		cap = 1 << 16;
	size_t		n = 0;
	size_t		r;
	char	   *buf = np_alloc(cap);

	while ((r = fread(buf + n, 1, cap - n, f)) > 0)
	{
		n += r;
		if (n == cap)
		{
			cap *= 2;
			buf = np_realloc(buf, cap);
		}
	}
	*len = n;
	return buf;
}

/*
 * Clean a file (or stdin) and print the result.
 */
int
main(int argc, char **argv)
{
	NpCleanOptions opts;
	int			mode = 0;
	const char *path = NULL;
	FILE	   *f;
	char	   *buf;
	size_t		len;
	char	   *out;
	size_t		outlen;
	int			i;

	NpCleanOptionsInit(&opts);
	for (i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "-h") == 0)
			opts.keep_headline = true;
		else if (strcmp(argv[i], "-c") == 0)
			opts.keep_captions = true;
		else if (strcmp(argv[i], "-t") == 0)
			opts.format = NP_FORMAT_TEXT;
		else if (strcmp(argv[i], "-H") == 0)
			opts.format = NP_FORMAT_HTML;
		else if (strcmp(argv[i], "-p") == 0)
			mode = 1;
		else if (strcmp(argv[i], "-s") == 0)
			mode = 2;
		else
			path = argv[i];
	}
	f = path ? fopen(path, "rb") : stdin;
	if (f == NULL)
	{
		perror(path);
		return 1;
	}
	buf = read_all(f, &len);
	if (path)
		fclose(f);
	out = NpCleanText(buf, len, &opts, &outlen);
	if (mode == 0)
	{
		fwrite(out, 1, outlen, stdout);
		putchar('\n');
	}
	else
	{
		NpSpan	   *sp;
		int			n = mode == 1 ? NpSplitParagraphs(out, outlen, &sp) :
			NpSplitSentences(out, outlen, &sp);

		for (i = 0; i < n; i++)
			printf("%d\t%zu\t%zu\t%.*s\n", i + 1, sp[i].start, sp[i].end,
				   (int) (sp[i].end - sp[i].start), out + sp[i].start);
		np_free(sp);
	}
	np_free(out);
	np_free(buf);
	return 0;
}
