/*-------------------------------------------------------------------------
 *
 * textio_sql.c
 *	  Text in and out of every SQL-callable text function: encoding
 *	  conversion, verification, the input limit, NFC normalisation,
 *	  representable results and character offsets (see textio.h).
 *
 * Encodings.  The core works on UTF-8.  An argument in another database
 * encoding is converted in chunks of CONVERT_CHUNK bytes cut at character
 * boundaries, so that the conversion never needs more than the result plus
 * a chunk.  pg_server_to_any() returns its input itself, unterminated, when
 * there is nothing to convert (an empty string, a SQL_ASCII or UTF-8
 * database), so its result is only measured when it is a new string, which
 * is NUL-terminated and, text holding no NUL byte, exactly as long as
 * strlen says.  In a SQL_ASCII database the bytes are taken as UTF-8 and
 * must be valid UTF-8.
 *
 * Results go back the same way, through the conversion function with its
 * noError flag (compat.h), chunk by chunk: where it stops, the character it
 * stopped at is one the database encoding lacks, and is replaced by an ASCII
 * equivalent (a table of typographic punctuation and symbols, then the
 * letters of its compatibility decomposition that the encoding has: "ź" is
 * "z", "ﬁ" is "fi") or dropped.
 *
 * NFC.  Text is normalised in runs that start where NFC cannot join a
 * character to the one before it: before ASCII, Latin letters below U+0300,
 * basic Greek and Cyrillic, Hebrew and Arabic letters, kana, CJK ideographs
 * and Hangul syllables (all of combining class 0 and NFC quick check other
 * than Maybe, which was checked against PostgreSQL's tables).  A run of one
 * such character that NFC maps to itself is skipped without a look-up, so
 * text in those scripts costs a pass over its bytes; other runs go through
 * the quick check and, if needed, unicode_normalize().  A run without such
 * a boundary in NFC_MAX_RUN characters (combining marks and nothing else)
 * is cut there: its normal form may then be imperfect, but its memory is
 * bounded.  The runs that change are recorded, so that offsets into the
 * normalised text can be mapped back to the argument as given.
 *
 * src/text/textio_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "common/unicode_norm.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "compat.h"
#include "text/clean.h"
#include "text/textio.h"
#include "text/unicode.h"

/* Bytes converted at a time (a character boundary at or before it) */
#define CONVERT_CHUNK	65536

/* Longest run NFC normalises at once, in characters */
#define NFC_MAX_RUN		4096

/* A growing buffer; huge allocations allowed */
typedef struct NpBuf
{
	char	   *data;
	size_t		len;
	size_t		cap;
} NpBuf;

/*
 * Make room for n more bytes (and a NUL).
 */
static void
buf_reserve(NpBuf *b, size_t n)
{
	if (b->len + n + 1 > b->cap)
	{
		size_t		cap = Max(b->cap + b->cap / 2, b->len + n + 1);

		cap = Max(cap, 64);
		b->data = b->data ? repalloc_huge(b->data, cap) :
			MemoryContextAllocHuge(CurrentMemoryContext, cap);
		b->cap = cap;
	}
}

/*
 * Append s[0, n).
 */
static void
buf_append(NpBuf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/*
 * Error out if a text of len bytes (in UTF-8, or as the database holds it)
 * is over the limit.
 */
void
NpCheckTextLength(size_t len, bool utf8)
{
	if (len > NP_TEXT_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("article text too long"),
				 errdetail("The text takes %zu bytes%s; newsprint accepts at most %zu bytes (128 MB).",
						   len, utf8 ? " in UTF-8" : "", NP_TEXT_MAX_BYTES)));
}

/*
 * Convert text in the database encoding to UTF-8.  Returns s itself when
 * there is nothing to convert.
 */
const char *
NpServerToUtf8(const char *s, size_t len, size_t *outlen)
{
	int			enc = GetDatabaseEncoding();
	NpBuf		out = {0};
	size_t		p = 0;

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII || len == 0)
	{
		*outlen = len;
		return s;
	}
	buf_reserve(&out, len + len / 8);
	while (p < len)
	{
		int			n = pg_encoding_mbcliplen(enc, s + p, (int) Min(len - p, CONVERT_CHUNK),
											  CONVERT_CHUNK);
		const char *conv;

		if (n <= 0)
			n = (int) Min(len - p, CONVERT_CHUNK);	/* can't happen with valid text */
		conv = pg_server_to_any(s + p, n, PG_UTF8);
		if (conv == s + p)
			buf_append(&out, conv, n);	/* returned as is: not terminated */
		else
		{
			buf_append(&out, conv, strlen(conv));
			pfree((char *) conv);
		}
		NpCheckTextLength(out.len, true);
		p += n;
		CHECK_FOR_INTERRUPTS();
	}
	*outlen = out.len;
	return out.data;
}

/*
 * Error out unless s[0, len) is valid UTF-8, naming the first bad byte and
 * what the text is ("article text", "entity dictionary entry").
 */
static void
verify_utf8(const char *s, size_t len, const char *what)
{
	size_t		off;
	size_t		p = 0;

	/*
	 * One slice at a time, each ending before a byte that starts a
	 * character, with an interrupt check between slices: 126 MB of Cyrillic
	 * took 163 ms in one call.
	 */
	while (p < len)
	{
		size_t		end = Min(len, p + CONVERT_CHUNK);

		while (end < len && end > p + 1 && ((unsigned char) s[end] & 0xC0) == 0x80)
			end--;
		if (!pg_verify_mbstr(PG_UTF8, s + p, (int) (end - p), true))
			break;
		p = end;
		CHECK_FOR_INTERRUPTS();
	}
	if (p >= len)
		return;
	off = p;					/* all before p is valid */
	while (off < len)
	{
		uint32		cp;
		size_t		l = NpUtf8Decode((const unsigned char *) s + off, len - off, &cp);

		if (s[off] == '\0' ||
			(cp == 0xFFFD && !(l == 3 && (unsigned char) s[off] == 0xEF)))
			break;
		off += l;
	}
	ereport(ERROR,
			(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
			 errmsg("invalid UTF-8 in %s", what),
			 errdetail("The byte sequence at byte offset %zu (0x%02x) is not valid UTF-8.",
					   off, off < len ? (unsigned char) s[off] : 0),
			 GetDatabaseEncoding() == PG_SQL_ASCII ?
			 errhint("In a SQL_ASCII database newsprint reads text as UTF-8.") : 0));
}

/*
 * Read a text argument for the core: UTF-8, valid, within the limit, NFC;
 * what names it in errors.  With want_edits, also the runs that NFC
 * changed, which only a function reporting positions in the argument
 * needs: they take 16 bytes per run changed, so decomposed text (an accent
 * every few bytes) would otherwise cost several times its size for nothing.
 */
static void
text_get(text *arg, const char *what, bool want_edits, NpText *t)
{
	const char *raw = VARDATA_ANY(arg);
	size_t		n = VARSIZE_ANY_EXHDR(arg);
	const char *u;
	size_t		ulen;

	NpCheckTextLength(n, GetDatabaseEncoding() == PG_UTF8);
	u = NpServerToUtf8(raw, n, &ulen);
	NpCheckTextLength(ulen, true);
	verify_utf8(u, ulen, what);
	t->edits = NULL;
	t->nedits = 0;
	t->data = NpNfc(u, ulen, &t->len,
					want_edits ? &t->edits : NULL,
					want_edits ? &t->nedits : NULL);
	if (t->data != u && u != raw)
		pfree((char *) u);
}

/*
 * Read a text argument for the core: UTF-8, valid, within the limit, NFC
 * (no edits).
 */
void
NpTextGet(text *arg, NpText *t)
{
	text_get(arg, "article text", false, t);
}

/*
 * NpTextGet for a text that is not an article (what names it in errors):
 * the user dictionary's names and aliases are read this way, so that they
 * are looked up in the form the article's text has.
 */
void
NpTextGetAs(text *arg, const char *what, NpText *t)
{
	text_get(arg, what, false, t);
}

/*
 * Read the text a function works on: the argument (NpTextGet), or with
 * clean its cleaned text, in NFC and, if representable, made representable
 * in the database encoding, so that it is exactly what clean() returns.
 * Offsets into a cleaned text need no edits: they are offsets into it.
 */
void
NpTextRead(text *arg, bool clean, bool representable, NpText *t)
{
	NpCleanOptions opts;
	char	   *out;
	size_t		olen;
	const char *nfc;
	size_t		nlen;

	/* positions in the argument itself need the runs NFC changed */
	text_get(arg, "article text", !clean && representable, t);
	if (!clean)
		return;
	NpCleanOptionsInit(&opts);
	out = NpCleanText(t->data, t->len, &opts, &olen);
	nfc = NpNfc(out, olen, &nlen, NULL, NULL);
	if (nfc != out)
		np_free(out);
	t->edits = NULL;
	t->nedits = 0;
	t->data = nfc;
	t->len = nlen;
	if (representable)
	{
		const char *r = NpTextRepresentable(nfc, nlen, &t->len);

		if (r != nfc)
			pfree((char *) nfc);
		t->data = r;
	}
}

/*
 * Is there an NFC boundary before c: combining class 0 and quick check
 * other than Maybe?  A conservative list of scripts, checked against
 * PostgreSQL's tables (see the top of this file).
 */
static inline bool
nfc_boundary_before(uint32 c)
{
	return c < 0x300 ||
		(c >= 0x370 && c < 0x483) ||	/* Greek, Cyrillic letters */
		(c >= 0x5D0 && c <= 0x5EA) ||	/* Hebrew letters */
		(c >= 0x621 && c <= 0x64A) ||	/* Arabic letters */
		(c >= 0x3041 && c <= 0x3096) || /* hiragana */
		(c >= 0x30A1 && c <= 0x30FA) || /* katakana */
		(c >= 0x4E00 && c <= 0x9FFF) || /* CJK ideographs */
		(c >= 0xAC00 && c <= 0xD7A3);	/* Hangul syllables */
}

/*
 * Is c, alone, its own NFC?  True for the boundary characters above except
 * three Greek ones that NFC replaces.
 */
static inline bool
nfc_stable_alone(uint32 c)
{
	return nfc_boundary_before(c) && c != 0x374 && c != 0x37E && c != 0x387;
}

/* State of NpNfc */
typedef struct NfcState
{
	const char *s;
	NpBuf		out;			/* the normalised text, once it differs */
	size_t		copied;			/* bytes of s already in out */
	bool		want_edits;
	NpTextEdit *edits;
	int			nedits;
	int			capedits;
} NfcState;

/*
 * Normalise the run s[run, end) of nchars characters (a run starts at an
 * NFC boundary and ends before one) into st->out if NFC changes it.
 */
static void
nfc_run(NfcState *st, size_t run, size_t end, int64 nchars)
{
	pg_wchar   *w = palloc((nchars + 1) * sizeof(pg_wchar));
	pg_wchar   *norm;
	int			nw;
	int			k;
	size_t		start;

	nw = pg_encoding_mb2wchar_with_len(PG_UTF8, st->s + run, w, (int) (end - run));
	w[nw] = 0;
	if (unicode_is_normalized_quickcheck(UNICODE_NFC, w) == UNICODE_NORM_QC_YES)
	{
		pfree(w);
		return;
	}
	norm = unicode_normalize(UNICODE_NFC, w);
	for (k = 0; norm[k] && norm[k] == w[k]; k++)
		;
	if (norm[k] == 0 && w[k] == 0)
	{
		pfree(norm);
		pfree(w);
		return;					/* already normal after all */
	}
	buf_append(&st->out, st->s + st->copied, run - st->copied);
	start = st->out.len;
	for (k = 0; norm[k]; k++)
	{
		unsigned char u[8];

		unicode_to_utf8(norm[k], u);
		buf_append(&st->out, (char *) u, pg_utf_mblen(u));
	}
	st->copied = end;
	if (st->want_edits)
	{
		NpTextEdit *e;

		if (st->nedits == st->capedits)
		{
			st->capedits = st->capedits ? st->capedits * 2 : 16;
			st->edits = st->edits ?
				repalloc_huge(st->edits, st->capedits * sizeof(NpTextEdit)) :
				palloc(st->capedits * sizeof(NpTextEdit));
		}
		e = &st->edits[st->nedits++];
		e->start = (uint32) start;
		e->end = (uint32) st->out.len;
		e->chars_in = (uint32) nchars;
		e->bytes_in = (uint32) (end - run);
	}
	pfree(norm);
	pfree(w);
}

/*
 * Normalise UTF-8 text s[0, len) to NFC.  Returns s itself when it is
 * already normal; otherwise a new string, and (if edits is not NULL) the
 * runs that changed, in order.
 */
const char *
NpNfc(const char *s, size_t len, size_t *outlen, NpTextEdit **edits, int *nedits)
{
	NfcState	st;
	size_t		run = 0;		/* start of the current run */
	int64		runchars = 0;	/* its characters */
	uint32		first = 0;		/* its first character */
	size_t		i = 0;

	memset(&st, 0, sizeof(st));
	st.s = s;
	st.want_edits = edits != NULL;
	while (i < len)
	{
		uint32		c;
		size_t		n;

		if ((unsigned char) s[i] < 0x80)
		{
			/* a run of ASCII: each character is a stable run of its own */
			size_t		j = i + 1;

			/* at most CONVERT_CHUNK bytes at once: each piece is still such runs */
			size_t		lim = Min(len, i + CONVERT_CHUNK);

			/* eight bytes at a time, then byte by byte to the first non-ASCII */
			while (j + 8 <= lim)
			{
				uint64		v;

				memcpy(&v, s + j, 8);
				if (v & UINT64CONST(0x8080808080808080))
					break;
				j += 8;
			}
			while (j < lim && (unsigned char) s[j] < 0x80)
				j++;
			if (runchars > 1 || (runchars == 1 && !nfc_stable_alone(first)))
				nfc_run(&st, run, i, runchars);
			run = j - 1;
			runchars = 1;
			first = (unsigned char) s[j - 1];
			i = j;
			CHECK_FOR_INTERRUPTS();
			continue;
		}
		n = NpUtf8Decode((const unsigned char *) s + i, len - i, &c);
		if (runchars > 0 && !nfc_boundary_before(c) && runchars < NFC_MAX_RUN)
		{
			runchars++;			/* c may combine with what comes before */
			i += n;
			continue;
		}
		if (runchars > 1 || (runchars == 1 && !nfc_stable_alone(first)))
			nfc_run(&st, run, i, runchars);
		run = i;
		runchars = 1;
		first = c;
		i += n;
		CHECK_FOR_INTERRUPTS();
	}
	if (runchars > 1 || (runchars == 1 && !nfc_stable_alone(first)))
		nfc_run(&st, run, len, runchars);

	if (edits)
	{
		*edits = st.edits;
		*nedits = st.nedits;
	}
	if (st.out.data == NULL)
	{
		*outlen = len;
		return s;
	}
	buf_append(&st.out, s + st.copied, len - st.copied);
	*outlen = st.out.len;
	return st.out.data;
}

/* ----------------------------------------------------------------
 * Results in the database encoding
 * ----------------------------------------------------------------
 */

/* ASCII stand-ins for characters a database encoding may lack */
typedef struct Translit
{
	uint32		c;
	const char *ascii;
} Translit;

/* Sorted by code point */
static const Translit translits[] = {
	{0x00A0, " "}, {0x00A9, "(c)"}, {0x00AB, "\""}, {0x00AD, ""},
	{0x00AE, "(R)"}, {0x00B7, "*"}, {0x00BB, "\""}, {0x00C6, "AE"},
	{0x00D0, "D"}, {0x00D8, "O"}, {0x00DE, "Th"}, {0x00DF, "ss"},
	{0x00E6, "ae"}, {0x00F0, "d"}, {0x00F8, "o"}, {0x00FE, "th"},
	{0x0110, "D"}, {0x0111, "d"}, {0x0131, "i"}, {0x0141, "L"},
	{0x0142, "l"}, {0x014A, "NG"}, {0x014B, "ng"}, {0x0152, "OE"},
	{0x0153, "oe"}, {0x2010, "-"}, {0x2011, "-"}, {0x2012, "-"},
	{0x2013, "-"}, {0x2014, "--"}, {0x2015, "--"}, {0x2018, "'"},
	{0x2019, "'"}, {0x201A, "'"}, {0x201B, "'"}, {0x201C, "\""},
	{0x201D, "\""}, {0x201E, "\""}, {0x201F, "\""}, {0x2022, "*"},
	{0x2026, "..."}, {0x2032, "'"}, {0x2033, "\""}, {0x2039, "'"},
	{0x203A, "'"}, {0x20AC, "EUR"}, {0x20BD, "RUB"}, {0x20B9, "INR"},
	{0x2122, "TM"}, {0x2212, "-"}, {0x2248, "~"}, {0x2260, "!="},
	{0x2264, "<="}, {0x2265, ">="},
};

/*
 * The ASCII stand-in for c from the table, or NULL.
 */
static const char *
translit_lookup(uint32 c)
{
	int			lo = 0;
	int			hi = lengthof(translits);

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (translits[mid].c == c)
			return translits[mid].ascii;
		if (translits[mid].c < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The conversion function from UTF-8 to the database encoding */
static Oid	to_server_proc = InvalidOid;

/*
 * Convert UTF-8 s[0, len) (whole characters) into the database encoding as
 * far as it goes; dst has room for len * MAX_CONVERSION_GROWTH + 1 bytes.
 * Returns the bytes of s converted and sets *dstlen.
 */
static size_t
convert_some(const char *s, size_t len, char *dst, size_t *dstlen)
{
	int			enc = GetDatabaseEncoding();
	int			done;

	if (!OidIsValid(to_server_proc))
	{
		to_server_proc = FindDefaultConversionProc(PG_UTF8, enc);
		if (!OidIsValid(to_server_proc))
			elog(ERROR, "no conversion from UTF8 to %s", GetDatabaseEncodingName());
	}
	done = NpConvertNoError(to_server_proc, PG_UTF8, enc, s, (int) len, dst,
							(int) (len * MAX_CONVERSION_GROWTH + 1));
	*dstlen = strlen(dst);		/* the converter terminates its output */
	return (size_t) done;
}

/* Is UTF-8 character u[0, n) representable in the database encoding? */
static bool
representable(const char *u, size_t n)
{
	char		dst[4 * MAX_CONVERSION_GROWTH + 1];
	size_t		dlen;

	return convert_some(u, n, dst, &dlen) == n;
}

/*
 * Append to out (UTF-8) what stands for character c, which the database
 * encoding lacks: its ASCII stand-in, or the characters of its
 * compatibility decomposition that the encoding has, combining marks
 * dropped; nothing if neither helps.
 */
static void
transliterate(uint32 c, NpBuf *out)
{
	const char *a = translit_lookup(c);
	pg_wchar	in[2];
	pg_wchar   *d;
	int			k;

	if (a != NULL)
	{
		buf_append(out, a, strlen(a));
		return;
	}
	in[0] = c;
	in[1] = 0;
	d = unicode_normalize(UNICODE_NFKD, in);
	if (!(d[0] == c && d[1] == 0))
		for (k = 0; d[k]; k++)
		{
			unsigned char u[8];
			int			n;

			if (d[k] >= 0x300 && d[k] <= 0x36F)
				continue;		/* a combining accent */
			unicode_to_utf8(d[k], u);
			n = pg_utf_mblen(u);
			if (d[k] < 0x80 || representable((char *) u, n))
				buf_append(out, (char *) u, n);
		}
	pfree(d);
}

/*
 * Convert UTF-8 s[0, len) to the database encoding (not UTF-8 nor
 * SQL_ASCII), replacing what it lacks (transliterate).  Appends the result
 * to srv if not NULL; appends to u8, if not NULL, the UTF-8 text that
 * converts to it, but only once something had to be replaced (*changed).
 */
static void
to_server(const char *s, size_t len, NpBuf *srv, NpBuf *u8, bool *changed)
{
	char	   *dst = palloc(CONVERT_CHUNK * MAX_CONVERSION_GROWTH + 1);
	size_t		p = 0;

	*changed = false;
	while (p < len)
	{
		size_t		n = Min(len - p, CONVERT_CHUNK);
		size_t		done;
		size_t		dlen;

		/* cut at a character boundary */
		while (p + n < len && n > 0 && ((unsigned char) s[p + n] & 0xC0) == 0x80)
			n--;
		done = convert_some(s + p, n, dst, &dlen);
		if (srv)
			buf_append(srv, dst, dlen);
		if (u8 && *changed)
			buf_append(u8, s + p, done);
		p += done;
		if (done < n)
		{
			/* s[p] is a character the encoding lacks */
			uint32		c;
			size_t		cl = NpUtf8Decode((const unsigned char *) s + p, len - p, &c);
			NpBuf		t = {0};

			if (u8 && !*changed)
				buf_append(u8, s, p);
			*changed = true;
			transliterate(c, &t);
			if (t.len > 0)
			{
				if (u8)
					buf_append(u8, t.data, t.len);
				if (srv)
				{
					done = convert_some(t.data, t.len, dst, &dlen);
					buf_append(srv, dst, dlen);
				}
				pfree(t.data);
			}
			p += cl;
		}
		CHECK_FOR_INTERRUPTS();
	}
	pfree(dst);
}

/*
 * Return UTF-8 text whose characters the database encoding all has: s
 * itself when that is so already (always in UTF-8 and SQL_ASCII databases),
 * otherwise a copy with the others replaced as NpTextResult would.
 */
const char *
NpTextRepresentable(const char *s, size_t len, size_t *outlen)
{
	int			enc = GetDatabaseEncoding();
	NpBuf		u8 = {0};
	bool		changed;

	*outlen = len;
	if (enc == PG_UTF8 || enc == PG_SQL_ASCII || len == 0)
		return s;
	to_server(s, len, NULL, &u8, &changed);
	if (!changed)
	{
		if (u8.data)
			pfree(u8.data);
		return s;
	}
	*outlen = u8.len;
	return u8.data;
}

/*
 * Make a text datum in the database encoding from UTF-8 s[0, len).
 */
text *
NpTextResult(const char *s, size_t len)
{
	int			enc = GetDatabaseEncoding();
	NpBuf		srv = {0};
	bool		changed;
	text	   *t;

	if (len > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("result text too long"),
				 errdetail("The result would take %zu bytes; a text value holds at most %zu.",
						   len, (size_t) (MaxAllocSize - VARHDRSZ))));
	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
	{
		size_t		p;

		/* copied a slice at a time: a long copy into new memory is slow */
		t = (text *) palloc(VARHDRSZ + len);
		SET_VARSIZE(t, VARHDRSZ + len);
		for (p = 0; p < len; p += CONVERT_CHUNK)
		{
			memcpy(VARDATA(t) + p, s + p, Min(CONVERT_CHUNK, len - p));
			CHECK_FOR_INTERRUPTS();
		}
		return t;
	}
	/* build the datum in place: a header, then the converted bytes */
	buf_reserve(&srv, VARHDRSZ + len);
	srv.len = VARHDRSZ;
	to_server(s, len, &srv, NULL, &changed);
	if (srv.len > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("result text too long")));
	t = (text *) srv.data;
	SET_VARSIZE(t, srv.len);
	return t;
}

/* ----------------------------------------------------------------
 * Character offsets
 * ----------------------------------------------------------------
 */

/*
 * Prepare to count the characters of data[0, len); with edits, positions
 * are mapped back through those runs (NpNfc's) to the text before them.
 */
void
NpCharCounterInit(NpCharCounter *cc, const char *data, size_t len,
				  const NpTextEdit *edits, int nedits)
{
	memset(cc, 0, sizeof(NpCharCounter));
	cc->data = data;
	cc->len = len;
	cc->edits = nedits > 0 ? edits : NULL;
	cc->nedits = nedits;
	cc->bytes = GetDatabaseEncoding() == PG_SQL_ASCII;
}

/* The units (characters, or bytes in SQL_ASCII) of s[0, n) */
static inline int64
units(const NpCharCounter *cc, const char *s, size_t n)
{
	return cc->bytes ? (int64) n : (int64) NpUtf8Chars(s, n);
}

/*
 * The 0-based character position in the text before the edits of byte
 * offset byte (a character boundary): for an offset inside a run that NFC
 * changed, the start of the run, or its end if is_end.
 */
int32
NpCharPos(NpCharCounter *cc, size_t byte, bool is_end)
{
	int64		pos;

	Assert(byte <= cc->len);
	if (byte < cc->byte)
	{
		cc->byte = 0;
		cc->units = 0;
		cc->edit = 0;
		cc->shift = 0;
	}
	cc->units += units(cc, cc->data + cc->byte, byte - cc->byte);
	cc->byte = byte;
	while (cc->edit < cc->nedits && cc->edits[cc->edit].end <= byte)
	{
		const NpTextEdit *e = &cc->edits[cc->edit++];

		cc->shift += (cc->bytes ? e->bytes_in : e->chars_in) -
			units(cc, cc->data + e->start, e->end - e->start);
	}
	pos = cc->units + cc->shift;
	if (cc->edit < cc->nedits && cc->edits[cc->edit].start < byte)
	{
		const NpTextEdit *e = &cc->edits[cc->edit];

		pos -= units(cc, cc->data + e->start, byte - e->start);
		if (is_end)
			pos += cc->bytes ? e->bytes_in : e->chars_in;
	}
	return (int32) Min(pos, (int64) PG_INT32_MAX);
}

/*
 * The 1-based position and the length, in characters, of bytes
 * [start, end), for substr(text, pos, length).
 */
void
NpCharSpan(NpCharCounter *cc, size_t start, size_t end, int32 *pos, int32 *length)
{
	int32		a = NpCharPos(cc, start, false);
	int32		b = NpCharPos(cc, end, true);

	*pos = a + 1;
	*length = b - a;
}

/* ----------------------------------------------------------------
 * Pieces of an argument as the database holds it
 * ----------------------------------------------------------------
 */

/*
 * Prepare to cut pieces out of arg.
 */
void
NpSlicerInit(NpSlicer *sl, text *arg)
{
	sl->raw = VARDATA_ANY(arg);
	sl->len = VARSIZE_ANY_EXHDR(arg);
	sl->encoding = GetDatabaseEncoding();
	sl->byte = 0;
	sl->chars = 0;
}

/*
 * Advance sl to 0-based character position pos (or the end).
 */
static void
slicer_seek(NpSlicer *sl, int64 pos)
{
	if (pos < sl->chars)
	{
		sl->byte = 0;
		sl->chars = 0;
	}
	if (sl->encoding == PG_SQL_ASCII)
	{
		size_t		step = (size_t) Min(pos - sl->chars, (int64) (sl->len - sl->byte));

		sl->byte += step;
		sl->chars += step;
		return;
	}
	while (sl->chars < pos && sl->byte < sl->len)
	{
		sl->byte += pg_encoding_mblen(sl->encoding, sl->raw + sl->byte);
		if ((++sl->chars & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	if (sl->byte > sl->len)
		sl->byte = sl->len;		/* a truncated last character */
}

/*
 * The piece of length characters at 1-based position pos, as a text datum
 * in the database encoding.
 */
text *
NpSlice(NpSlicer *sl, int32 pos, int32 length)
{
	size_t		start;

	slicer_seek(sl, (int64) pos - 1);
	start = sl->byte;
	slicer_seek(sl, (int64) pos - 1 + length);
	return cstring_to_text_with_len(sl->raw + start, (int) (sl->byte - start));
}
