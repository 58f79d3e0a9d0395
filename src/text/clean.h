/*-------------------------------------------------------------------------
 *
 * clean.h
 *	  Article cleaning core: body extraction, normalisation, paragraph and
 *	  sentence segmentation.  Server-independent (see np_port.h).
 *
 * All offsets are byte offsets into the cleaned text; the SQL layer turns
 * them into character offsets.  Input must be valid UTF-8 (callers verify it
 * with the server's encoding routines before calling in).
 *
 * src/text/clean.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_CLEAN_H
#define NP_CLEAN_H

#include "np_port.h"

typedef enum NpInputFormat
{
	NP_FORMAT_AUTO = 0,			/* detect HTML by its markup */
	NP_FORMAT_TEXT,
	NP_FORMAT_HTML
} NpInputFormat;

typedef struct NpCleanOptions
{
	NpInputFormat format;
	bool		keep_headline;	/* keep a leading headline line */
	bool		keep_captions;	/* keep photo captions and credits */
	bool		pound_sign;		/* may write U+00A3 for PA's '#' (see wire.c) */
} NpCleanOptions;

/* A [start, end) byte range */
typedef struct NpSpan
{
	size_t		start;
	size_t		end;
} NpSpan;

/* Fill opts with the defaults the SQL functions use */
extern void NpCleanOptionsInit(NpCleanOptions *opts);

/*
 * Clean an article.  Returns a newly allocated NUL-terminated string holding
 * the body as paragraphs separated by one blank line; *outlen gets its length.
 */
extern char *NpCleanText(const char *input, size_t len,
						 const NpCleanOptions *opts, size_t *outlen);

/*
 * The headline that NpCleanText with keep_headline puts first, as a newly
 * allocated NUL-terminated string, or NULL when the text has none.
 */
extern char *NpHeadline(const char *input, size_t len,
						const NpCleanOptions *opts, size_t *outlen);

/*
 * Split cleaned text into paragraphs / sentences.  Returns the count and sets
 * *spans to a newly allocated array of byte ranges (trimmed of whitespace).
 */
extern int	NpSplitParagraphs(const char *text, size_t len, NpSpan **spans);
extern int	NpSplitSentences(const char *text, size_t len, NpSpan **spans);

/*
 * Long texts are processed in blocks of about NP_TEXT_BLOCK bytes cut at
 * paragraph boundaries (NpBlockEnd gives the end of the block that starts
 * at start), so that the working memory of cleaning and entity extraction
 * is bounded whatever the input's length.
 */
#define NP_TEXT_BLOCK	((size_t) 1 << 20)
extern size_t NpBlockEnd(const char *text, size_t len, size_t start, size_t target);

#endif							/* NP_CLEAN_H */
