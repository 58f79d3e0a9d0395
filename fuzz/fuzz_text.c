/*-------------------------------------------------------------------------
 *
 * fuzz_text.c
 *	  libFuzzer targets of the text module: cleaning of plain text,
 *	  cleaning of HTML, and segmentation into paragraphs and sentences.
 *
 * For the two cleaning targets the first input byte picks the options
 * (keep headline, keep captions; for clean_plain also text or auto
 * detection) and the rest is the article.  Every run checks the invariants
 * the SQL layer relies on: the output is NUL-terminated and holds no NUL
 * byte, and the paragraphs and sentences of the output are spans inside it,
 * ordered and disjoint.
 *
 * fuzz/fuzz_text.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "fuzz.h"
#include "text/clean.h"

/*
 * Check that spans lie inside text[0..len) in increasing order.
 */
static void
check_spans(const NpSpan *s, int n, size_t len)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		if (s[i].start > s[i].end || s[i].end > len)
			abort();
		if (i > 0 && s[i].start < s[i - 1].end)
			abort();
	}
}

/*
 * Split text into paragraphs, each paragraph into sentences (as the SQL
 * layer does for shared_passages), and the whole text into sentences.
 */
static void
check_segments(const char *text, size_t len)
{
	NpSpan	   *paras = NULL;
	NpSpan	   *spans = NULL;
	int			np;
	int			n;
	int			i;

	np = NpSplitParagraphs(text, len, &paras);
	check_spans(paras, np, len);
	for (i = 0; i < np; i++)
	{
		size_t		plen = paras[i].end - paras[i].start;

		n = NpSplitSentences(text + paras[i].start, plen, &spans);
		check_spans(spans, n, plen);
		if (spans)
			np_free(spans);
		spans = NULL;
	}
	if (paras)
		np_free(paras);
	n = NpSplitSentences(text, len, &spans);
	check_spans(spans, n, len);
	if (spans)
		np_free(spans);
}

/*
 * Clean one article with the given format and check the result.
 */
static int
clean_one(const uint8_t *data, size_t size, NpInputFormat format)
{
	NpCleanOptions opts;
	char	   *out;
	size_t		outlen;

	if (size < 1)
		return 0;
	NpCleanOptionsInit(&opts);
	opts.format = format;
	opts.keep_headline = (data[0] & 1) != 0;
	opts.keep_captions = (data[0] & 2) != 0;

	out = NpCleanText((const char *) data + 1, size - 1, &opts, &outlen);
	if (out[outlen] != '\0' || memchr(out, '\0', outlen) != NULL)
		abort();
	check_segments(out, outlen);
	np_free(out);
	return 0;
}

/*
 * clean_plain: clean() of plain text, with the format given (text) or
 * detected (auto, which may still take the input for HTML).
 */
int
NpFuzzCleanPlain(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	return clean_one(data, size, (data[0] & 4) ? NP_FORMAT_AUTO : NP_FORMAT_TEXT);
}

/*
 * clean_html: clean() of HTML, through libxml2 and html_feed.c.
 */
int
NpFuzzCleanHtml(const uint8_t *data, size_t size)
{
	return clean_one(data, size, NP_FORMAT_HTML);
}

/*
 * segment: paragraphs() and sentences() of the text as given (clean =>
 * false), which need not look like anything the cleaner writes.
 */
int
NpFuzzSegment(const uint8_t *data, size_t size)
{
	check_segments((const char *) data, size);
	return 0;
}

/*
 * headline: headline() of the text (first byte: format auto, or html).  A
 * headline found is NUL-terminated with no NUL inside, and is what clean()
 * with keep_headline puts first: the whole output or its first paragraph.
 */
int
NpFuzzHeadline(const uint8_t *data, size_t size)
{
	NpCleanOptions opts;
	char	   *head;
	char	   *out;
	size_t		hlen = 0;
	size_t		outlen;

	if (size < 1)
		return 0;
	NpCleanOptionsInit(&opts);
	opts.format = (data[0] & 1) ? NP_FORMAT_HTML : NP_FORMAT_AUTO;
	head = NpHeadline((const char *) data + 1, size - 1, &opts, &hlen);
	if (head == NULL)
		return 0;
	if (head[hlen] != '\0' || memchr(head, '\0', hlen) != NULL)
		abort();
	opts.keep_headline = true;
	out = NpCleanText((const char *) data + 1, size - 1, &opts, &outlen);
	if (outlen < hlen || memcmp(out, head, hlen) != 0 ||
		(outlen > hlen && out[hlen] != '\n'))
		abort();
	np_free(out);
	np_free(head);
	return 0;
}
