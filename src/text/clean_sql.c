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
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "compat.h"
#include "text/clean.h"
#include "text/textio.h"

PG_FUNCTION_INFO_V1(newsprint_clean);
PG_FUNCTION_INFO_V1(newsprint_headline);

/*
 * headline() reads this many bytes of the text at most.  A headline sits
 * at the top: in plain text and wire copy within the first few lines (a
 * slug, a header block, then the headline); in HTML after the head
 * (styles, scripts, JSON-LD) and the navigation, which on news pages
 * commonly run to a few tens of kB.  64 kB covers that while keeping the
 * cost of one call that of cleaning 64 kB, whatever the article's length.
 */
#define NP_HEADLINE_PREFIX	((size_t) 64 * 1024)
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
 * newsprint.headline(body) -> text
 *
 * The headline clean(body, keep_headline => true) puts first, read from the
 * first NP_HEADLINE_PREFIX bytes of the text only (cut at the last line
 * break in them, or else at a character boundary), so that its cost does
 * not grow with the article: only that slice is fetched from TOAST.  NULL
 * when the text has no headline.
 */
Datum
newsprint_headline(PG_FUNCTION_ARGS)
{
	text	   *arg = DatumGetTextPSlice(PG_GETARG_DATUM(0), 0, NP_HEADLINE_PREFIX + 1);
	const char *raw = VARDATA_ANY(arg);
	size_t		n = VARSIZE_ANY_EXHDR(arg);
	NpCleanOptions opts;
	NpText		in;
	char	   *out;
	size_t		olen;
	const char *nfc;
	size_t		nlen;

	if (n > NP_HEADLINE_PREFIX)
	{
		/*
		 * The text goes on.  A newline byte is a whole character in every
		 * server encoding (and in SQL_ASCII's UTF-8), so cut after the last
		 * one in the second half of the prefix; failing that (a page on a
		 * few long lines) cut at a character boundary.  The slice is our own
		 * copy, with a 4-byte header.
		 */
		size_t		cut = NP_HEADLINE_PREFIX;

		while (cut > NP_HEADLINE_PREFIX / 2 && raw[cut - 1] != '\n')
			cut--;
		if (cut == NP_HEADLINE_PREFIX / 2)
		{
			cut = pg_mbcliplen(raw, (int) n, NP_HEADLINE_PREFIX);
			/* SQL_ASCII text is read as UTF-8: drop a partial sequence */
			if (GetDatabaseEncoding() == PG_SQL_ASCII)
			{
				size_t		back = 0;
				unsigned char lead;
				size_t		need;

				while (back < 3 && back < cut &&
					   ((unsigned char) raw[cut - 1 - back] & 0xC0) == 0x80)
					back++;
				lead = back < cut ? (unsigned char) raw[cut - 1 - back] : 0;
				need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
				if ((lead & 0xC0) == 0xC0 && back + 1 < need)
					cut -= back + 1;
			}
		}
		SET_VARSIZE(arg, VARHDRSZ + cut);
	}
	CHECK_FOR_INTERRUPTS();

	NpCleanOptionsInit(&opts);
	NpTextGet(arg, &in);
	out = NpHeadline(in.data, in.len, &opts, &olen);
	if (out == NULL)
		PG_RETURN_NULL();
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

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
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
