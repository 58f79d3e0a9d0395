/*-------------------------------------------------------------------------
 *
 * clean_sql.c
 *	  SQL interface of article cleaning: clean(), paragraphs(), sentences().
 *
 * Arguments come in and results go out through textio (conversion, limit,
 * NFC, representable results); the cleaning core (clean.c and the files
 * around it, segment.c) works on UTF-8.  paragraphs() and sentences()
 * report each piece's 1-based character position and length in the text
 * they read, so that substr(text, start, length) is the piece: the cleaned
 * text (what clean() returns) by default, the body as given with
 * clean => false.
 *
 * src/text/clean_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "compat.h"
#include "text/clean.h"
#include "text/textio.h"

PG_FUNCTION_INFO_V1(newsprint_clean);
PG_FUNCTION_INFO_V1(newsprint_paragraphs);
PG_FUNCTION_INFO_V1(newsprint_sentences);

/*
 * Parse the format argument.
 */
static NpInputFormat
np_parse_format(text *fmt)
{
	char	   *s = text_to_cstring(fmt);

	if (pg_strcasecmp(s, "auto") == 0)
		return NP_FORMAT_AUTO;
	if (pg_strcasecmp(s, "text") == 0)
		return NP_FORMAT_TEXT;
	if (pg_strcasecmp(s, "html") == 0)
		return NP_FORMAT_HTML;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid format \"%s\"", s),
			 errhint("Valid formats are \"auto\", \"text\" and \"html\".")));
	return NP_FORMAT_AUTO;		/* keep compiler quiet */
}

/*
 * newsprint.clean(body, keep_headline, keep_captions, format) -> text
 */
Datum
newsprint_clean(PG_FUNCTION_ARGS)
{
	NpCleanOptions opts;
	NpText		in;
	char	   *out;
	size_t		olen;
	const char *nfc;
	size_t		nlen;

	NpCleanOptionsInit(&opts);
	opts.keep_headline = PG_GETARG_BOOL(1);
	opts.keep_captions = PG_GETARG_BOOL(2);
	opts.format = np_parse_format(PG_GETARG_TEXT_PP(3));

	NpTextGet(PG_GETARG_TEXT_PP(0), &in);
	out = NpCleanText(in.data, in.len, &opts, &olen);
	nfc = NpNfc(out, olen, &nlen, NULL, NULL);
	PG_RETURN_TEXT_P(NpTextResult(nfc, nlen));
}

/*
 * Return the paragraphs or sentences of the text read as rows
 * (ordinal, text, start, length).
 */
static Datum
np_spans_srf(FunctionCallInfo fcinfo, bool sentences)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	bool		do_clean = PG_GETARG_BOOL(1);
	ReturnSetInfo *rsinfo;
	NpText		t;
	NpSpan	   *spans;
	NpCharCounter cc;
	NpSlicer	sl;
	int			n;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	NpTextRead(body, do_clean, true, &t);
	n = sentences ? NpSplitSentences(t.data, t.len, &spans) :
		NpSplitParagraphs(t.data, t.len, &spans);

	NpCharCounterInit(&cc, t.data, t.len, t.edits, t.nedits);
	NpSlicerInit(&sl, body);
	for (i = 0; i < n; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		int32		start;
		int32		length;
		text	   *piece;

		NpCharSpan(&cc, spans[i].start, spans[i].end, &start, &length);
		/* without cleaning the piece is the argument's own */
		piece = do_clean ?
			NpTextResult(t.data + spans[i].start, spans[i].end - spans[i].start) :
			NpSlice(&sl, start, length);
		values[0] = Int32GetDatum(i + 1);
		values[1] = PointerGetDatum(piece);
		values[2] = Int32GetDatum(start);
		values[3] = Int32GetDatum(length);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		pfree(piece);
		CHECK_FOR_INTERRUPTS();
	}
	np_free(spans);
	return (Datum) 0;
}

/*
 * newsprint.paragraphs(body, clean) -> setof (ordinal, text, start, length)
 */
Datum
newsprint_paragraphs(PG_FUNCTION_ARGS)
{
	return np_spans_srf(fcinfo, false);
}

/*
 * newsprint.sentences(body, clean) -> setof (ordinal, text, start, length)
 */
Datum
newsprint_sentences(PG_FUNCTION_ARGS)
{
	return np_spans_srf(fcinfo, true);
}
