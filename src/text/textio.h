/*-------------------------------------------------------------------------
 *
 * textio.h
 *	  The one way every SQL-callable text function of newsprint reads its
 *	  text arguments and writes its text results (textio_sql.c).
 *
 * In: the argument is converted from the database encoding to UTF-8 (in
 * SQL_ASCII databases its bytes are taken as UTF-8), verified, held to
 * NP_TEXT_MAX_BYTES, and normalised to NFC.  The core (cleaning,
 * segmentation, fingerprints, entities) only ever sees that.
 *
 * Out: UTF-8 results are converted back to the database encoding.  A
 * character the database encoding lacks (a euro sign decoded from "&euro;"
 * in a LATIN1 database) never raises an error: it becomes an ASCII
 * equivalent ("EUR", "--" for an em dash, "z" for "ź") or is dropped.
 * Functions that report where a piece of text lies first make their whole
 * text representable (NpTextRepresentable), so that the offsets they
 * report are offsets into exactly the text the user gets back.
 *
 * Offsets: NpCharCounter turns byte offsets of the UTF-8 text into 1-based
 * character positions of the text as the server holds it: the argument as
 * given (through the runs that NFC changed), or a result.
 *
 * Server only (includes postgres.h).
 *
 * src/text/textio.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_TEXTIO_H
#define NP_TEXTIO_H

#include "postgres.h"

#include "fmgr.h"

/*
 * The longest text a function accepts, in bytes: both as the database holds
 * it and in UTF-8.  Longer input fails with PROGRAM_LIMIT_EXCEEDED (54000).
 */
#define NP_TEXT_MAX_BYTES	((size_t) 128 * 1024 * 1024)

/*
 * A run of the UTF-8 text that NFC normalisation changed.  32 bits are
 * enough: the text is at most NP_TEXT_MAX_BYTES before NFC, which at most
 * triples it.  Decomposed text has one per accented letter, so the record
 * is kept small.
 */
typedef struct NpTextEdit
{
	uint32		start;			/* bytes [start, end) of the normalised text */
	uint32		end;
	uint32		chars_in;		/* characters the run had before */
	uint32		bytes_in;		/* and bytes */
} NpTextEdit;

/* A text argument, ready for the core */
typedef struct NpText
{
	const char *data;			/* UTF-8 in NFC; not NUL-terminated */
	size_t		len;			/* bytes */
	NpTextEdit *edits;			/* the runs NFC changed, in order (only from
								 * NpTextRead without clean, for positions) */
	int			nedits;
} NpText;

extern void NpTextGet(text *arg, NpText *t);
extern void NpTextGetAs(text *arg, const char *what, NpText *t);
extern void NpTextRead(text *arg, bool clean, bool representable, NpText *t);
extern void NpCheckTextLength(size_t len, bool utf8);
extern const char *NpNfc(const char *s, size_t len, size_t *outlen,
						 NpTextEdit **edits, int *nedits);
extern const char *NpServerToUtf8(const char *s, size_t len, size_t *outlen);
extern const char *NpTextRepresentable(const char *s, size_t len, size_t *outlen);
extern text *NpTextResult(const char *s, size_t len);

/*
 * Counts the server's characters from the start of a UTF-8 text as offsets
 * increase (an offset smaller than the last one asked for costs a count
 * from the start again).  In a SQL_ASCII database a character is a byte,
 * as for substr() there.
 */
typedef struct NpCharCounter
{
	const char *data;
	size_t		len;
	const NpTextEdit *edits;	/* runs to map back through, or NULL */
	int			nedits;
	bool		bytes;			/* count bytes (SQL_ASCII) */
	size_t		byte;			/* offset reached */
	int64		units;			/* characters (bytes) of the text before it */
	int			edit;			/* first edit not wholly before byte */
	int64		shift;			/* what the edits before it changed */
} NpCharCounter;

extern void NpCharCounterInit(NpCharCounter *cc, const char *data, size_t len,
							  const NpTextEdit *edits, int nedits);
extern int32 NpCharPos(NpCharCounter *cc, size_t byte, bool is_end);
extern void NpCharSpan(NpCharCounter *cc, size_t start, size_t end,
					   int32 *pos, int32 *length);

/*
 * Cuts pieces out of a text argument as the database holds it, by
 * character position, for results that are pieces of the argument (the
 * clean => false case); positions must mostly increase, as for
 * NpCharCounter.
 */
typedef struct NpSlicer
{
	const char *raw;
	size_t		len;
	int			encoding;
	size_t		byte;			/* offset reached */
	int64		chars;			/* characters before it */
} NpSlicer;

extern void NpSlicerInit(NpSlicer *sl, text *arg);
extern text *NpSlice(NpSlicer *sl, int32 pos, int32 length);

#endif							/* NP_TEXTIO_H */
