/*-------------------------------------------------------------------------
 *
 * clean_sql.c
 *	  SQL interface of article cleaning: clean(), paragraphs(), sentences().
 *
 * The cleaning core (clean.c, clean_html.c, segment.c) works on UTF-8
 * bytes and knows nothing of the server.  This file checks the input
 * (valid UTF-8, size), converts from and to the database encoding when it
 * is not UTF-8, applies Unicode NFC normalisation to the cleaned text (in
 * UTF-8 databases, with the server's own tables), and turns the core's byte
 * spans into 0-based character offsets, end exclusive, so that
 * substr(cleaned, start + 1, "end" - start) is the piece.
 *
 * src/text/clean_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/unicode_norm.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "compat.h"
#include "text/clean.h"
#include "text/clean_int.h"
#include "text/unicode.h"

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
 * Get the argument's bytes as UTF-8, converting from the database
 * encoding if needed, and reject invalid UTF-8 with the offending offset.
 */
static const char *
np_input_utf8(text *t, size_t *len)
{
	const char *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);

	if (GetDatabaseEncoding() != PG_UTF8)
	{
		s = pg_server_to_any(s, n, PG_UTF8);
		n = strlen(s);
	}
	if (!pg_verify_mbstr(PG_UTF8, s, n, true))
	{
		size_t		off = 0;

		/* find the first bad sequence for the message */
		while (off < (size_t) n)
		{
			uint32_t	cp;
			size_t		l = NpUtf8Decode((const unsigned char *) s + off, n - off, &cp);

			if (s[off] == '\0' ||
				(cp == 0xFFFD && !(l == 3 && (unsigned char) s[off] == 0xEF)))
				break;
			off += l;
		}
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("invalid UTF-8 in article text"),
				 errdetail("The byte sequence at byte offset %zu (0x%02x) is not valid UTF-8.",
						   off, off < (size_t) n ? (unsigned char) s[off] : 0)));
	}
	*len = n;
	return s;
}

/*
 * Return the offset of the first non-ASCII byte of s, or len; eight bytes
 * at a time.
 */
static size_t
np_first_non_ascii(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i + 8 <= len; i += 8)
	{
		uint64		v;

		memcpy(&v, s + i, 8);
		if (v & UINT64CONST(0x8080808080808080))
			break;
	}
	for (; i < len; i++)
		if ((unsigned char) s[i] >= 0x80)
			break;
	return i;
}

/*
 * Normalise one UTF-8 paragraph to NFC, appending it to buf.
 */
static void
np_nfc_piece(StringInfo buf, const char *s, size_t len)
{
	size_t		i;
	pg_wchar   *w;
	pg_wchar   *norm;
	int			nw;

	if (np_first_non_ascii(s, len) == len)
	{
		appendBinaryStringInfo(buf, s, len);
		return;
	}
	w = palloc((len + 1) * sizeof(pg_wchar));
	nw = pg_encoding_mb2wchar_with_len(PG_UTF8, s, w, (int) len);
	w[nw] = 0;
	if (unicode_is_normalized_quickcheck(UNICODE_NFC, w) == UNICODE_NORM_QC_YES)
	{
		appendBinaryStringInfo(buf, s, len);
		pfree(w);
		return;
	}
	norm = unicode_normalize(UNICODE_NFC, w);
	for (i = 0; norm[i]; i++)
	{
		unsigned char u[8];

		unicode_to_utf8(norm[i], u);
		appendBinaryStringInfo(buf, (char *) u, pg_utf_mblen(u));
	}
	pfree(norm);
	pfree(w);
}

/*
 * Clean a text datum; the result is UTF-8 (NFC in UTF-8 databases).
 */
static char *
np_clean_utf8(text *t, const NpCleanOptions *opts, size_t *outlen)
{
	size_t		len;
	const char *s = np_input_utf8(t, &len);
	char	   *out;
	size_t		olen;
	StringInfoData buf;
	size_t		p = 0;

	out = NpCleanText(s, len, opts, &olen);
	if (GetDatabaseEncoding() != PG_UTF8)
	{
		*outlen = olen;
		return out;
	}
	/* NFC, one paragraph at a time to bound the wide-character copies */
	if (np_first_non_ascii(out, olen) == olen)
	{
		*outlen = olen;
		return out;
	}
	if (olen >= MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("cleaned article too large")));
	initStringInfo(&buf);
	p = 0;
	while (p < olen)
	{
		const char *nl = memchr(out + p, '\n', olen - p);
		size_t		e = nl ? (size_t) (nl - out) : olen;

		np_nfc_piece(&buf, out + p, e - p);
		if (nl)
			appendStringInfoChar(&buf, '\n');
		p = nl ? e + 1 : olen;
	}
	np_free(out);
	*outlen = buf.len;
	return buf.data;
}

/*
 * Make a text datum in the database encoding from UTF-8 bytes.
 */
static text *
np_result_text(const char *s, size_t len)
{
	if (len > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("cleaned article too large"),
				 errdetail("The result would be %zu bytes; the limit is %zu.",
						   len, (size_t) (MaxAllocSize - VARHDRSZ))));
	if (GetDatabaseEncoding() != PG_UTF8)
	{
		char	   *conv = pg_any_to_server(s, (int) len, PG_UTF8);

		return cstring_to_text(conv);
	}
	return cstring_to_text_with_len(s, (int) len);
}

/*
 * newsprint.clean(body, keep_headline, keep_captions, format) -> text
 */
Datum
newsprint_clean(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	NpCleanOptions opts;
	char	   *out;
	size_t		olen;

	NpCleanOptionsInit(&opts);
	opts.keep_headline = PG_GETARG_BOOL(1);
	opts.keep_captions = PG_GETARG_BOOL(2);
	opts.format = np_parse_format(PG_GETARG_TEXT_PP(3));

	out = np_clean_utf8(body, &opts, &olen);
	PG_RETURN_TEXT_P(np_result_text(out, olen));
}

/*
 * Return spans of text as rows (ordinal, text, start, "end") with
 * character offsets, in materialize mode.
 */
static Datum
np_spans_srf(FunctionCallInfo fcinfo, bool sentences)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *body = PG_GETARG_TEXT_PP(0);
	bool		do_clean = PG_GETARG_BOOL(1);
	TupleDesc	tupdesc;
	Tuplestorestate *store;
	MemoryContext oldcxt;
	const char *s;
	size_t		len;
	NpSpan	   *spans;
	int			n;
	int			i;
	size_t		bytepos = 0;
	size_t		charpos = 0;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("materialize mode required, but it is not allowed in this context")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");

	if (do_clean)
	{
		NpCleanOptions opts;

		NpCleanOptionsInit(&opts);
		s = np_clean_utf8(body, &opts, &len);
	}
	else
		s = np_input_utf8(body, &len);

	n = sentences ? NpSplitSentences(s, len, &spans) : NpSplitParagraphs(s, len, &spans);

	oldcxt = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	tupdesc = CreateTupleDescCopy(tupdesc);
	store = tuplestore_begin_heap(rsinfo->allowedModes & SFRM_Materialize_Random,
								  false, work_mem);
	MemoryContextSwitchTo(oldcxt);

	for (i = 0; i < n; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		size_t		cstart;
		text	   *piece;

		/* spans are increasing: count characters incrementally */
		while (bytepos < spans[i].start)
			if (((unsigned char) s[bytepos++] & 0xC0) != 0x80)
				charpos++;
		cstart = charpos;
		while (bytepos < spans[i].end)
			if (((unsigned char) s[bytepos++] & 0xC0) != 0x80)
				charpos++;

		piece = np_result_text(s + spans[i].start, spans[i].end - spans[i].start);
		values[0] = Int32GetDatum(i + 1);
		values[1] = PointerGetDatum(piece);
		values[2] = Int32GetDatum((int32) cstart);
		values[3] = Int32GetDatum((int32) charpos);
		tuplestore_putvalues(store, tupdesc, values, nulls);
		pfree(piece);
		CHECK_FOR_INTERRUPTS();
	}
	np_free(spans);

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = tupdesc;
	return (Datum) 0;
}

/*
 * newsprint.paragraphs(body, clean) -> setof (ordinal, text, start, "end")
 */
Datum
newsprint_paragraphs(PG_FUNCTION_ARGS)
{
	return np_spans_srf(fcinfo, false);
}

/*
 * newsprint.sentences(body, clean) -> setof (ordinal, text, start, "end")
 */
Datum
newsprint_sentences(PG_FUNCTION_ARGS)
{
	return np_spans_srf(fcinfo, true);
}
