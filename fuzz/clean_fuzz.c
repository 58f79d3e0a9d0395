/*-------------------------------------------------------------------------
 *
 * clean_fuzz.c
 *	  libFuzzer harness for the article cleaning core (no server needed).
 *
 * The first input byte picks the options (format auto/text/html, keep
 * headline, keep captions); the rest is the article.  Every run cleans the
 * article, splits the result into paragraphs and sentences, and checks
 * the invariants the SQL layer relies on: output no longer than needed,
 * no NUL bytes, spans inside the text, ordered and non-overlapping.
 * Build and run with "make fuzz-clean" (see mk/clean.mk, doc/clean.md).
 *
 * fuzz/clean_fuzz.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "text/clean.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
 * Run the cleaner and the splitters on one input.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	NpCleanOptions opts;
	char	   *out;
	size_t		outlen;
	NpSpan	   *spans;
	int			n;

	if (size < 1)
		return 0;
	NpCleanOptionsInit(&opts);
	opts.format = (NpInputFormat) (data[0] % 3);
	opts.keep_headline = (data[0] & 4) != 0;
	opts.keep_captions = (data[0] & 8) != 0;

	out = NpCleanText((const char *) data + 1, size - 1, &opts, &outlen);
	if (out[outlen] != '\0' || memchr(out, '\0', outlen) != NULL)
		abort();

	n = NpSplitParagraphs(out, outlen, &spans);
	check_spans(spans, n, outlen);
	np_free(spans);
	n = NpSplitSentences(out, outlen, &spans);
	check_spans(spans, n, outlen);
	np_free(spans);

	/* the splitters must also survive raw, uncleaned bytes */
	n = NpSplitSentences((const char *) data + 1, size - 1, &spans);
	check_spans(spans, n, size - 1);
	np_free(spans);

	np_free(out);
	return 0;
}
