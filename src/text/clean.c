/*-------------------------------------------------------------------------
 *
 * clean.c
 *	  Article cleaning core (PLACEHOLDER: collapses whitespace only, splits
 *	  paragraphs on blank lines and sentences on ". ").
 *
 * src/text/clean.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "text/clean.h"

/*
 * Fill opts with the defaults.
 */
void
NpCleanOptionsInit(NpCleanOptions *opts)
{
	opts->format = NP_FORMAT_AUTO;
	opts->keep_headline = false;
	opts->keep_captions = false;
}

/*
 * Clean an article (placeholder: normalise line breaks and spaces).
 */
char *
NpCleanText(const char *input, size_t len, const NpCleanOptions *opts,
			size_t *outlen)
{
	char	   *out = np_alloc(len + 1);
	size_t		o = 0;
	size_t		i;
	int			newlines = 0;
	bool		space = false;

	(void) opts;
	for (i = 0; i < len; i++)
	{
		char		c = input[i];

		if (c == '\n')
		{
			newlines++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r')
		{
			space = true;
			continue;
		}
		if (o > 0)
		{
			if (newlines >= 2)
			{
				out[o++] = '\n';
				out[o++] = '\n';
			}
			else if (newlines == 1 || space)
				out[o++] = ' ';
		}
		newlines = 0;
		space = false;
		out[o++] = c;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/*
 * Split text into ranges separated by the given separator.
 */
static int
split_on(const char *text, size_t len, const char *sep, size_t seplen,
		 size_t keep, NpSpan **spans)
{
	int			n = 0;
	int			cap = 16;
	size_t		start = 0;
	size_t		i;
	NpSpan	   *s = np_alloc(cap * sizeof(NpSpan));

	for (i = 0; i <= len; i++)
	{
		if (i == len || (i + seplen <= len && memcmp(text + i, sep, seplen) == 0))
		{
			size_t		end = (i == len) ? len : i + keep;

			while (start < end && (text[start] == ' ' || text[start] == '\n'))
				start++;
			if (end > start)
			{
				if (n == cap)
				{
					cap *= 2;
					s = np_realloc(s, cap * sizeof(NpSpan));
				}
				s[n].start = start;
				s[n].end = end;
				n++;
			}
			start = (i == len) ? len : i + seplen;
		}
	}
	*spans = s;
	return n;
}

/*
 * Split cleaned text into paragraphs.
 */
int
NpSplitParagraphs(const char *text, size_t len, NpSpan **spans)
{
	return split_on(text, len, "\n\n", 2, 0, spans);
}

/*
 * Split cleaned text into sentences.
 */
int
NpSplitSentences(const char *text, size_t len, NpSpan **spans)
{
	return split_on(text, len, ". ", 2, 1, spans);
}
