/*-------------------------------------------------------------------------
 *
 * fuzz_main.c
 *	  libFuzzer entry points: pick the target named by NP_FUZZ_TARGET.
 *
 * Targets (see fuzz.h and doc/testing.md):
 *	 clean_plain	 clean() of plain text (NP_FORMAT_TEXT or AUTO)
 *	 clean_html		 clean() of HTML (libxml2 through html_feed.c)
 *	 segment		 paragraphs() and sentences() of raw text
 *	 headline		 headline(), checked against clean() with keep_headline
 *	 entities		 entity extraction, raw and cleaned, with a user dictionary
 *	 fp_text		 fingerprint of text, the estimators, passage matching
 *	 fp_literal		 the fingerprint type's text literal parser
 *	 shared_passages shared_passages() of two texts, cleaned
 *
 * fuzz/fuzz_main.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct
{
	const char *name;
	NpFuzzTarget fn;
}			targets[] =
{
	{"clean_plain", NpFuzzCleanPlain},
	{"clean_html", NpFuzzCleanHtml},
	{"segment", NpFuzzSegment},
	{"headline", NpFuzzHeadline},
	{"entities", NpFuzzEntities},
	{"fp_text", NpFuzzFpText},
	{"fp_literal", NpFuzzFpLiteral},
	{"shared_passages", NpFuzzSharedPassages},
};

static NpFuzzTarget target = NULL;

/*
 * Read NP_FUZZ_TARGET once, before the first input.
 */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *name = getenv("NP_FUZZ_TARGET");
	size_t		i;

	for (i = 0; name != NULL && i < lengthof(targets); i++)
		if (strcmp(name, targets[i].name) == 0)
			target = targets[i].fn;
	if (target == NULL)
	{
		fprintf(stderr, "set NP_FUZZ_TARGET to one of:");
		for (i = 0; i < lengthof(targets); i++)
			fprintf(stderr, " %s", targets[i].name);
		fprintf(stderr, "\n");
		exit(2);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return target(data, size);
}
