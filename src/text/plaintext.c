/*-------------------------------------------------------------------------
 *
 * plaintext.c
 *	  The plain-text front end of the article cleaner: split the text into
 *	  lines, mark junk lines (URLs alone, page numbers, running headers),
 *	  decide whether the text is hard-wrapped, and re-join lines into units
 *	  (candidate paragraphs), repairing words hyphenated across a break.
 *
 * src/text/plaintext.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "np_tables.h"
#include "text/clean_int.h"
#include "text/unicode.h"
#include "text/wire.h"

/* Longest word the hyphenation evidence indexes (and looks up) */
#define EVIDENCE_WORD_MAX 128

/*
 * Hash a word of fewer than EVIDENCE_WORD_MAX bytes, ASCII-lower-cased.
 */
static uint64
hash_folded(const char *s, size_t len)
{
	char		buf[EVIDENCE_WORD_MAX];
	size_t		i;

	for (i = 0; i < len; i++)
		buf[i] = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i];
	return NpHashBytes64(buf, len);
}

/* Line lengths above this all count as "very long" in the wrap test */
#define WIDTH_BUCKETS 512

/* Only this much text is indexed for hyphenation evidence */
#define EVIDENCE_BYTES	(4 * 1024 * 1024)

/* Line facts used by the joining rules */
typedef struct LineInfo
{
	size_t		chars;			/* length in characters */
	size_t		firstword;		/* characters in the first word */
	bool		ends_term;		/* ends a sentence */
	bool		ends_colon;		/* ends with ':' or ';' (introduces a list) */
	bool		ends_hyphen;	/* ends "letter-" */
	bool		starts_lower;	/* begins with a lower-case letter */
	bool		starts_letter;
	bool		junk;			/* URL alone, page number, running header */
	int			nwords;
	/* from the raw line, before white space is collapsed (LineLayout) */
	int			indent;			/* leading spaces (a tab counts 4) */
	bool		marked;			/* ended with a paragraph mark '<' */
	bool		columns;		/* a gap of spaces inside: a table row */
	bool		bullet;			/* begins with a bullet or a list number */
	int			wire;			/* NPW_*: a line of wire furniture */
	bool		rows;			/* in a block of list or table rows */
	bool		headtail;		/* the second line of a wrapped Reuters
								 * headline: joined to the line above */
} LineInfo;

/* What the raw line says about layout, kept until LineInfo is filled */
typedef struct LineLayout
{
	int			indent;
	bool		marked;
	bool		columns;
	bool		bullet;
} LineLayout;

/*
 * Is every word of the unit a URL or address?
 */
static bool
text_is_url_only(const char *s, size_t len)
{
	size_t		i = 0;
	int			nurl = 0;

	while (i < len)
	{
		size_t		j = i;

		while (j < len && s[j] != ' ')
			j++;
		if (!NpWordIsUrl(s + i, j - i))
			return false;
		nurl++;
		i = j + 1;
	}
	return nurl > 0;
}

/*
 * Does the line look like a page number ("12", "Page 3", "- 4 -", "3 of 9")?
 */
static bool
text_is_page_number(const char *s, size_t len)
{
	size_t		i;
	bool		digit = false;

	/* a number that ends a sentence ("late\n2021.") is not a page number */
	if (len > 24 || (len > 0 && s[len - 1] == '.'))
		return false;
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= '0' && c <= '9')
			digit = true;
		else if (!(c == ' ' || c == '-' || c == '/' || c == '|' ||
				   c == 'p' || c == 'P' || c == 'a' || c == 'g' ||
				   c == 'e' || c == 'o' || c == 'f' || c == '.'))
			return false;
	}
	return digit;
}


/*
 * Return the offset of the first of two spaces in a row in s[i..len), or
 * len.  Eight bytes at a time where the compiler allows (most lines have
 * none).
 */
static size_t
next_double_space(const char *s, size_t i, size_t len)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t	carry = 0;		/* bit 7: the byte before the chunk is a space */

	for (; i + 8 <= len; i += 8)
	{
		uint64_t	v;
		uint64_t	m;
		uint64_t	pair;

		memcpy(&v, s + i, 8);
		m = NpBytesEqual(v, NP_SPACES);
		/* bit 7 of byte k: bytes k - 1 and k are both spaces */
		pair = m & ((m << 8) | carry);
		if (pair)
			return i + (size_t) (__builtin_ctzll(pair) >> 3) - 1;
		carry = m >> 56;
	}
	if (carry && i < len && s[i] == ' ')
		return i - 1;
#endif
	for (; i + 1 < len; i++)
		if (s[i] == ' ' && s[i + 1] == ' ')
			return i;
	return len;
}

/*
 * Read the layout of a raw line: its indentation, whether a gap of spaces
 * inside it separates columns (three spaces or more, or two not after a
 * sentence end, as typists put them), and whether it opens with a bullet
 * ("* ", "- ", "-- ", "• ") or a list number ("1. ", "12) ").
 */
static void
line_layout(const char *s, size_t len, LineLayout *ly)
{
	size_t		i = 0;
	size_t		g;

	memset(ly, 0, sizeof(LineLayout));
	while (i < len && (s[i] == ' ' || s[i] == '\t' || (unsigned char) s[i] < 0x20))
	{
		ly->indent += s[i] == '\t' ? 4 : s[i] == ' ';
		i++;
	}
	while (len > i && ((unsigned char) s[len - 1] <= 0x20))
		len--;
	if (i >= len)
		return;
	if (len - i >= 2 && (s[i] == '*' || s[i] == '-') && s[i + 1] == ' ')
		ly->bullet = true;
	else if (len - i >= 3 && s[i] == '-' && s[i + 1] == '-' && s[i + 2] == ' ')
		ly->bullet = true;
	else if (len - i >= 4 && memcmp(s + i, "\xE2\x80\xA2 ", 4) == 0)
		ly->bullet = true;
	else if (A_DIGIT((unsigned char) s[i]))
	{
		size_t		j = i;

		while (j < len && j - i < 3 && A_DIGIT((unsigned char) s[j]))
			j++;
		if (j - i <= 2 && j + 1 < len && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ')
			ly->bullet = true;
	}
	for (g = next_double_space(s, i, len); g < len; g = next_double_space(s, g + 2, len))
	{
		unsigned char before = (unsigned char) s[g - 1];

		if ((g + 2 < len && s[g + 2] == ' ') ||
			!(before == '.' || before == '?' || before == '!' || before == ':' ||
			  before == ';' || before == '"' || before == '\''))
		{
			ly->columns = true;
			break;
		}
	}
}

/*
 * Fill in the facts about one line.
 */
static void
line_info(const char *s, size_t len, LineInfo *li)
{
	size_t		i;
	uint32_t	c;
	size_t		p;

	const char *sp = memchr(s, ' ', len);
	size_t		chars = 0;
	int			spaces = 0;

	memset(li, 0, sizeof(LineInfo));
	/* eight bytes at a time: spaces, and UTF-8 continuation bytes */
	for (i = 0; i + 8 <= len; i += 8)
	{
		uint64_t	v;
		uint64_t	x;
		uint64_t	t;

		memcpy(&v, s + i, 8);
		/* continuation bytes: bit 7 set, bit 6 clear (none in ASCII) */
		chars += 8;
		if (unlikely(v & UINT64_C(0x8080808080808080)))
			chars -= NpCountHighBits(v & ~(v << 1) & UINT64_C(0x8080808080808080));
		/* zero bytes of v ^ "        " are spaces */
		x = v ^ UINT64_C(0x2020202020202020);
		t = ((x & UINT64_C(0x7F7F7F7F7F7F7F7F)) + UINT64_C(0x7F7F7F7F7F7F7F7F)) | x;
		spaces += NpCountHighBits(~t & UINT64_C(0x8080808080808080));
	}
	for (; i < len; i++)
	{
		unsigned char b = (unsigned char) s[i];

		chars += (b & 0xC0) != 0x80;
		spaces += b == ' ';
	}
	li->chars = chars;
	li->nwords = spaces + 1;
	li->firstword = NpUtf8Chars(s, sp ? (size_t) (sp - s) : len);
	li->ends_term = NpEndsSentence(s, len, false);
	li->ends_colon = len > 0 && (s[len - 1] == ':' || s[len - 1] == ';');
	if (len >= 2 && s[len - 1] == '-')
	{
		c = NpUtf8DecodeLast(s, 0, len - 1, &p);
		li->ends_hyphen = NpUniIsLetter(c);
	}
	NpUtf8Decode((const unsigned char *) s, len, &c);
	li->starts_lower = NpUniIsLower(c);
	li->starts_letter = NpUniIsLetter(c) || (c >= '0' && c <= '9');
	li->junk = text_is_url_only(s, len) || text_is_page_number(s, len);
}

/*
 * Are the letters of a line (the first max_letters of them) all capitals?
 * 1: yes (six at least), 0: a lower-case one among them, -1: too few
 * letters to tell.
 */
static int
caps_line(const char *s, size_t len, int max_letters)
{
	size_t		i;
	int			letters = 0;

	for (i = 0; i < len && letters < max_letters; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (A_LOWER(c))
			return 0;
		letters += A_UPPER(c);
	}
	return letters >= 6 ? 1 : -1;
}

/*
 * Can the line s[0..len) end an item, so that an agency's name under it is
 * the item's sign-off: a line of furniture or a note in brackets
 * ("(Reporting by ...; Editing by ...)"), the end of a sentence, a row of
 * figures ("Record March 27") or a title in capitals, the one line of an
 * item ("ORIEL CHEMICAL <ORC> OMITS DIVIDEND")?  A name in mixed case with
 * no figure ("BBC News") is a row of a list, whose last row may be an
 * agency's name.
 */
static bool
ends_item(const char *s, size_t len, const LineInfo *li)
{
	size_t		i;
	size_t		next_check = 0;

	if (li->wire != NPW_NONE || li->ends_term ||
		(len >= 2 && s[0] == '(' && s[len - 1] == ')'))
		return true;
	for (i = 0; i < len; i++)
	{
		NP_CHECK_AT(i, next_check);
		if (A_DIGIT((unsigned char) s[i]))
			return true;
	}
	return caps_line(s, len, PG_INT32_MAX) == 1;
}

/*
 * Does the layout put a paragraph break between adjacent lines a and b
 * (width: the wrap width, 0 if the text is not hard-wrapped)?
 *
 * - Table rows: a line with a gap of spaces between columns is a row of
 *	 its own.
 * - A line in capitals is a headline, not wrapped with the text under it.
 * - A bullet or list number opens an item, after a sentence, a colon or
 *	 semicolon, another item or a short line.
 * - Indented paragraphs without blank lines (typewriter and ANPA copy): a
 *	 line indented deeper than the one before opens a paragraph when that
 *	 one ends a sentence or a list introduction, or is short.
 */
static bool
layout_break(const NpDoc *L, int ia, int ib, const LineInfo *a, const LineInfo *b,
			 size_t width)
{
	bool		a_short = width > 0 && a->chars * 5 < width * 4;

	if (a->columns || b->columns)
		return true;
	/* a headline in capitals over the first line of text */
	if (caps_line(L->text + L->units[ib].off, L->units[ib].len, 12) == 0 &&
		caps_line(L->text + L->units[ia].off, L->units[ia].len, PG_INT32_MAX) == 1)
		return true;
	if (b->bullet && (a->ends_term || a->ends_colon || a->bullet || a_short))
		return true;
	if (b->indent > a->indent && (a->ends_term || a->ends_colon || a_short))
		return true;
	return false;
}

/* Unit flags for a line of wire furniture */
static inline uint32_t
wire_flags(int kind)
{
	if (kind == NPW_SEPARATOR)
		return NPU_FURNITURE | NPU_SEPARATOR;
	if (kind == NPW_HEADLINE)
		return NPU_FURNITURE | NPU_WIREHEAD;
	return kind != NPW_NONE ? NPU_FURNITURE : 0;
}

/* State of the plain-text front end */
typedef struct TextFront
{
	NpDoc	   *lines;			/* one unit per non-blank line */
	LineInfo   *li;
	NpHashSet *evidence;		/* hashes of words, lower-cased */
	bool		have_evidence;
	NpDoc	   *out;
} TextFront;

/*
 * Index the words of the document, so that hyphenation repair can ask
 * whether "inter-national" or "international" occurs elsewhere.
 */
static void
build_evidence(TextFront *tf)
{
	const NpDoc *L = tf->lines;
	size_t		budget = EVIDENCE_BYTES;
	int			u;

	tf->evidence = NpHashSetCreate((L->len < EVIDENCE_BYTES ? L->len : EVIDENCE_BYTES) / 8 + 16);
	/* lines are stored back to back: tokenise each one on its own */
	for (u = 0; u < L->nunits && budget > 0; u++)
	{
		const char *s = L->text + L->units[u].off;
		size_t		len = L->units[u].len < budget ? L->units[u].len : budget;
		size_t		i = 0;

		budget -= len;
		NP_CHECK_FOR_INTERRUPTS();
		while (i < len)
		{
			size_t		j;

			while (i < len && !A_ALPHA((unsigned char) s[i]) && (unsigned char) s[i] < 0x80)
				i++;
			j = i;
			while (j < len && (A_ALPHA((unsigned char) s[j]) || s[j] == '-' ||
							   (unsigned char) s[j] >= 0x80))
				j++;
			/* a line-final "con-" is half a word, not evidence */
			if (j > i && j - i < EVIDENCE_WORD_MAX && !(j == len && s[j - 1] == '-'))
				NpHashSetAdd(tf->evidence, hash_folded(s + i, j - i));
			i = j;
		}
	}
	tf->have_evidence = true;
}

/*
 * Should the hyphen between "a-" (end of one line) and b (start of the
 * next) be kept?  Capitalised or numeric second parts make compounds
 * ("Asia-Pacific", "Covid-19"); otherwise ask the document, then the
 * lists of compound-forming prefixes and suffixes.
 */
static bool
keep_hyphen(TextFront *tf, const char *a, size_t alen, const char *b, size_t blen)
{
	size_t		ws = alen - 1;	/* index of '-' */
	size_t		we = 0;
	uint32_t	c;
	char		buf[EVIDENCE_WORD_MAX];
	char		key[64];
	size_t		n1,
				n2;

	NpUtf8Decode((const unsigned char *) b, blen, &c);
	if (!NpUniIsLower(c))
		return true;
	while (ws > 0 && a[ws - 1] != ' ')
		ws--;
	while (we < blen && b[we] != ' ')
		we++;
	/* trim trailing punctuation of the second part */
	while (we > 0 && (unsigned char) b[we - 1] < 0x80 && !A_ALNUM((unsigned char) b[we - 1]))
		we--;
	n1 = alen - 1 - ws;
	n2 = we;
	if (n1 == 0 || n2 == 0 || n1 + n2 + 1 >= sizeof(buf))
		return false;
	if (!tf->have_evidence)
		build_evidence(tf);
	memcpy(buf, a + ws, n1);
	memcpy(buf + n1, b, n2);
	if (NpHashSetHas(tf->evidence, hash_folded(buf, n1 + n2)))
		return false;
	memcpy(buf, a + ws, n1 + 1);
	memcpy(buf + n1 + 1, b, n2);
	if (NpHashSetHas(tf->evidence, hash_folded(buf, n1 + n2 + 1)))
		return true;
	if (NpWordKey(a + ws, n1, key, sizeof(key)) && (NpVocabFlags(key) & V_CPREFIX))
		return true;
	if (NpWordKey(b, n2, key, sizeof(key)) && (NpVocabFlags(key) & V_CSUFFIX))
		return true;
	return false;
}

/*
 * Append line b to the unit being built, after line a: with a space, or
 * repairing a hyphenated word.
 */
static void
join_line(TextFront *tf, int a, int b)
{
	NpDoc	   *L = tf->lines;
	const char *at = L->text + L->units[a].off;
	const char *bt = L->text + L->units[b].off;
	size_t		alen = L->units[a].len;
	size_t		blen = L->units[b].len;

	if (tf->li[a].ends_hyphen && tf->li[b].starts_letter)
	{
		if (!keep_hyphen(tf, at, alen, bt, blen))
			tf->out->len--;		/* drop the '-' just written */
	}
	else
		NpDocAppendRaw(tf->out, " ", 1);
	NpDocAppendRaw(tf->out, bt, blen);
}

/*
 * The offset of the first byte c in s[from, len), or len if there is none.
 */
static inline size_t
next_byte(const char *s, size_t len, size_t from, char c)
{
	const char *p = memchr(s + from, c, len - from);

	return p ? (size_t) (p - s) : len;
}

/*
 * Turn plain text into units: split lines, mark junk lines, decide whether
 * the text is hard-wrapped, and re-join wrapped lines into paragraphs.
 */
void
NpTextToUnits(const char *s, size_t len, NpDoc *out)
{
	NpDoc		L;
	TextFront	tf;
	size_t		i = 0;
	size_t		ls = 0;
	int			n;
	int			k;
	size_t	   *lens;
	int			nlens = 0;
	size_t		width = 0;
	int			inner = 0;
	int			lowernext = 0;
	bool		wrapped;
	int		   *deferred;
	int			ndeferred;
	NpHashSet *dups;
	size_t		nl_at;
	size_t		cr_at;
	size_t		ff_at;
	NpWire		w;
	bool		edits;
	char	   *edit = NULL;
	size_t		editcap = 0;
	LineLayout *layout;
	int			caplayout = 64;

	/* agency wire copy: its conventions and furniture (wire.c) */
	NpWireDetect(s, len, out->pound_sign, &w);
	out->wire = w.active;
	out->wire_feed = w.feed;
	edits = NpWireEdits(&w);

	/*
	 * Split into lines; blank lines become NPU_BLANK on the next line.  The
	 * layout of each line (indentation, columns, bullets, the paragraph
	 * mark) is read before its white space is collapsed.  nl_at, cr_at and
	 * ff_at are the next \n, \r and \f at or after ls (len if none), each
	 * looked for again only once ls has passed it: looking for a \n from
	 * each line to the end of a text whose lines end in lone \r (or for a
	 * \r or \f beyond the next \n) made splitting quadratic.
	 */
	nl_at = next_byte(s, len, 0, '\n');
	cr_at = next_byte(s, len, 0, '\r');
	ff_at = next_byte(s, len, 0, '\f');
	NpDocInit(&L, len);
	layout = np_alloc(caplayout * sizeof(LineLayout));
	for (;;)
	{
		/* the next line break: \n, \r\n, a lone \r, or a form feed */
		size_t		brk;
		char		kind = '\n';
		LineLayout	ly;
		int			before = L.nunits;

		NP_CHECK_FOR_INTERRUPTS();

		if (nl_at < ls)
			nl_at = next_byte(s, len, ls, '\n');
		if (cr_at < ls)
			cr_at = next_byte(s, len, ls, '\r');
		if (ff_at < ls)
			ff_at = next_byte(s, len, ls, '\f');
		brk = nl_at;
		if (cr_at < brk)
		{
			brk = cr_at;
			kind = '\r';
		}
		if (ff_at < brk)
		{
			brk = ff_at;
			kind = '\f';
		}
		NP_CHECK_FOR_INTERRUPTS();
		line_layout(s + ls, brk - ls, &ly);
		if (edits)
		{
			if (2 * (brk - ls) + 1 > editcap)
			{
				editcap = 2 * (brk - ls) + 64;
				edit = np_realloc(edit, editcap);
			}
			NpDocAppend(&L, edit, NpWireEditLine(&w, s + ls, brk - ls, edit, &ly.marked),
						false);
		}
		else
			NpDocAppend(&L, s + ls, brk - ls, false);
		NpDocFlush(&L, 0);
		if (L.nunits > before)
		{
			if (L.nunits > caplayout)
			{
				caplayout *= 2;
				layout = np_realloc(layout, caplayout * sizeof(LineLayout));
			}
			layout[L.nunits - 1] = ly;
		}
		if (brk >= len)
			break;
		if (kind == '\f')
			L.blanks++;			/* a page break is a paragraph break */
		i = brk + 1;
		if (kind == '\r' && i < len && s[i] == '\n')
			i++;
		ls = i;
	}
	n = L.nunits;
	memset(&tf, 0, sizeof(tf));
	tf.lines = &L;
	tf.out = out;
	tf.li = np_alloc((n + 1) * sizeof(LineInfo));
	lens = np_alloc(WIDTH_BUCKETS * sizeof(size_t));
	for (k = 0; k < n; k++)
	{
		LineInfo   *li = &tf.li[k];

		NP_CHECK_FOR_INTERRUPTS();
		line_info(L.text + L.units[k].off, L.units[k].len, li);
		li->indent = layout[k].indent;
		li->marked = layout[k].marked;
		li->columns = layout[k].columns;
		li->bullet = layout[k].bullet;
		li->wire = NpWireLineKind(&w, L.text + L.units[k].off, L.units[k].len, k);
		if (li->wire != NPW_NONE)
			li->junk = true;	/* never part of a paragraph */
	}
	np_free(layout);
	if (edit)
		np_free(edit);

	/*
	 * The agency's sign-off closing the text ("Reuter", "-- Reuters",
	 * "AFP") is furniture in any text, agency copy recognised or not: a
	 * table or a one-line item kept it, where a story's body selection
	 * left it out as a short line after the story.  Not under a list
	 * introduction or a line of one word, nor under another agency's name
	 * (a list whose last row is "AP"), nor when it is all the text holds;
	 * an agency's name alone only under the end of an item (ends_item),
	 * not under a name ("BBC News"), where a form no row takes ("Reuter",
	 * "-- Reuters", "(AP)") closes any table.
	 */
	if (n >= 2 && tf.li[n - 1].wire == NPW_NONE &&
		!tf.li[n - 2].ends_colon && tf.li[n - 2].nwords >= 2 &&
		NpWireIsSignoff(L.text + L.units[n - 1].off, L.units[n - 1].len) &&
		!NpWireIsSignoff(L.text + L.units[n - 2].off, L.units[n - 2].len) &&
		(NpWireIsSignoffForm(L.text + L.units[n - 1].off, L.units[n - 1].len) ||
		 ends_item(L.text + L.units[n - 2].off, L.units[n - 2].len, &tf.li[n - 2])))
	{
		tf.li[n - 1].wire = NPW_FURNITURE;
		tf.li[n - 1].junk = true;
	}
	/* a note to editors wrapped onto the next lines ("Eds: UPDATES ...,\nadds ...") */
	for (k = 0; k + 1 < n; k++)
	{
		NP_CHECK_FOR_INTERRUPTS();
		if (tf.li[k].wire == NPW_NOTE && !tf.li[k].ends_term &&
			tf.li[k + 1].wire == NPW_NONE && tf.li[k + 1].starts_lower &&
			!(L.units[k + 1].flags & NPU_BLANK))
		{
			tf.li[k + 1].wire = NPW_NOTE;
			tf.li[k + 1].junk = true;
		}
	}

	/*
	 * A Reuters headline wrapped onto a second line, with a break under that
	 * one: a blank line, furniture (a note, a byline), a dateline, or the end
	 * of the text (NpWireHeadlineWraps).  The second line is junk for the
	 * joining rules, and joins only the headline.
	 */
	for (k = 0; k + 1 < n; k++)
	{
		NP_CHECK_FOR_INTERRUPTS();
		if (tf.li[k].wire == NPW_HEADLINE &&
			tf.li[k + 1].wire == NPW_NONE && !(L.units[k + 1].flags & NPU_BLANK) &&
			!tf.li[k + 1].bullet && !tf.li[k + 1].columns &&
			(k + 2 >= n || (L.units[k + 2].flags & NPU_BLANK) ||
			 tf.li[k + 2].wire != NPW_NONE ||
			 NpWireHasDateline(L.text + L.units[k + 2].off, L.units[k + 2].len)) &&
			NpWireHeadlineWraps(L.text + L.units[k].off, L.units[k].len,
								L.text + L.units[k + 1].off, L.units[k + 1].len))
		{
			tf.li[k + 1].headtail = true;
			tf.li[k + 1].junk = true;
		}
	}

	/*
	 * Short lines that recur are running headers or repeated labels, junk
	 * for the joining rules.  Lines ending a sentence are not: the last line
	 * of two wrapped paragraphs may well read "rights." both times.
	 */
#define RUNNING_HEADER_SHAPE(l) ((l).nwords >= 2 && (l).nwords <= 8 && \
								 (l).chars >= 8 && !(l).ends_term)
	dups = NULL;				/* the sets are made when a line needs them */
	{
		NpHashSet *seen = NULL;

		for (k = 0; k < n; k++)
		{
			if ((k & 0xFFF) == 0)
				NP_CHECK_FOR_INTERRUPTS();
			if (RUNNING_HEADER_SHAPE(tf.li[k]))
			{
				uint64		h = NpHashBytes64(L.text + L.units[k].off, L.units[k].len);

				if (seen == NULL)
					seen = NpHashSetCreate(n / 4 + 16);
				if (NpHashSetAdd(seen, h))
				{
					if (dups == NULL)
						dups = NpHashSetCreate(16);
					NpHashSetAdd(dups, h);
				}
			}
		}
		if (seen)
			NpHashSetFree(seen);
		if (dups)
			for (k = 0; k < n; k++)
				if (RUNNING_HEADER_SHAPE(tf.li[k]) &&
					NpHashSetHas(dups, NpHashBytes64(L.text + L.units[k].off, L.units[k].len)))
					tf.li[k].junk = true;
	}

	/*
	 * Hard-wrapped text has many lines that end mid-sentence and continue in
	 * lower case on the next line; its wrap width is a high percentile of
	 * the line lengths.
	 */
	for (k = 0; k + 1 < n; k++)
	{
		if (L.units[k + 1].flags & NPU_BLANK)
			continue;
		inner++;
		if (!tf.li[k].ends_term && tf.li[k + 1].starts_lower)
			lowernext++;
	}
	/*
	 * The 90th percentile of line lengths, by a histogram (linear time).
	 * Text with paragraph marks is hard-wrapped: its marks say where
	 * paragraphs end, so every other line is wrapped unless short.  Agency
	 * copy full of names may have few lines that continue in lower case:
	 * it is wrapped too if most of its lines that end mid-sentence come
	 * close to the width.
	 */
	if ((inner >= 3 && (lowernext * 4 >= inner || w.active)) || w.marks)
	{
		memset(lens, 0, WIDTH_BUCKETS * sizeof(size_t));
		for (k = 0; k < n; k++)
			if (tf.li[k].chars >= 20)
			{
				lens[tf.li[k].chars < WIDTH_BUCKETS ? tf.li[k].chars : WIDTH_BUCKETS - 1]++;
				nlens++;
			}
		if (nlens > 0)
		{
			size_t		rank = (size_t) (nlens * 9) / 10;
			size_t		seen = 0;

			for (width = 0; width < WIDTH_BUCKETS; width++)
			{
				seen += lens[width];
				if (seen > rank)
					break;
			}
		}
	}
	if (w.active && !w.marks && inner >= 3 && lowernext * 4 < inner && width > 0)
	{
		/*
		 * Of the lines of the story (not wire furniture) that end
		 * mid-sentence with another line under them, most must come close
		 * to the width and lead, line after line, to a sentence end: the
		 * rows of a list ("Best actor: Jon Hale, ...") end in none.  One
		 * backward pass notes for each line whether the run of lines from
		 * it reaches a sentence end.
		 */
		int			midline = 0;
		int			full = 0;
		bool		toend = false;	/* line k + 1 leads to a sentence end */

		for (k = n - 1; k >= 0; k--)
		{
			bool		inner_k = k + 1 < n && !(L.units[k + 1].flags & NPU_BLANK);

			NP_CHECK_FOR_INTERRUPTS();
			if (tf.li[k].wire != NPW_NONE)
			{
				toend = false;
				continue;
			}
			if (inner_k && !tf.li[k].ends_term)
			{
				midline++;
				if (toend && tf.li[k].chars * 20 >= width * 17)
					full++;
			}
			toend = tf.li[k].ends_term || (inner_k && toend);
		}
		if (midline < 3 || full * 10 < midline * 7)
			width = 0;			/* not hard-wrapped */
	}
	else if (!((inner >= 3 && lowernext * 4 >= inner) || w.marks))
		width = 0;
	wrapped = width >= 30 && width <= 300;

	/*
	 * A block of lines (between blank lines) that are mostly short, with no
	 * paragraph mark, is a list or a table (a results list, a scoreboard):
	 * its long lines are rows too, not wrapped prose.
	 */
	if (wrapped)
		for (k = 0; k < n;)
		{
			int			e = k + 1;
			int			nshort = 0;
			int			nmarked = 0;
			int			q;

			NP_CHECK_FOR_INTERRUPTS();
			while (e < n && !(L.units[e].flags & NPU_BLANK))
				e++;
			for (q = k; q < e && e - k >= 3; q++)
			{
				nshort += tf.li[q].chars * 5 < width * 3;
				nmarked += tf.li[q].marked;
			}
			if (e - k >= 3 && nmarked == 0 && nshort * 2 > e - k)
				for (q = k; q < e; q++)
					tf.li[q].rows = true;
			k = e;
		}

	deferred = np_alloc((n + 1) * sizeof(int));
	k = 0;
	while (k < n)
	{
		int			last = k;	/* last line in the unit */
		int			nwords = tf.li[k].nwords;
		uint32_t	flags = (L.units[k].flags & NPU_BLANK);

		NP_CHECK_FOR_INTERRUPTS();
		ndeferred = 0;
		NpDocAppendRaw(out, L.text + L.units[k].off, L.units[k].len);
		for (;;)
		{
			int			nx = last + 1;
			bool		join = false;

			if (nx >= n || tf.li[last].marked)
				break;			/* the paragraph mark '<' ends a paragraph */
			if (tf.li[nx].headtail)
				join = true;	/* under its headline line */
			else if (!(L.units[nx].flags & NPU_BLANK) && !tf.li[last].junk &&
				!tf.li[nx].junk)
			{
				/* adjacent lines */
				if (layout_break(&L, last, nx, &tf.li[last], &tf.li[nx], wrapped ? width : 0))
					join = false;
				else if (tf.li[last].ends_hyphen && tf.li[nx].starts_letter)
					join = true;
				else if (wrapped && !tf.li[last].rows && tf.li[last].chars * 2 >= width &&
						 tf.li[last].chars + 1 + tf.li[nx].firstword > (width * 4) / 5)
					join = true;
				else if (!tf.li[last].ends_term && tf.li[nx].starts_lower)
					join = true;
			}
			else if (!tf.li[last].junk &&
					 (tf.li[last].ends_hyphen || (!tf.li[last].ends_term && nwords >= 6)))
			{
				/*
				 * The unit ends mid-sentence: look past blank lines, URLs,
				 * page numbers and running headers for its continuation.
				 */
				int			m = nx;
				int			skipped = 0;

				while (m < n && tf.li[m].junk && tf.li[m].wire == NPW_NONE && skipped < 4)
				{
					m++;
					skipped++;
				}
				/*
				 * Continue when the next line starts in lower case, or after
				 * a hyphen, or when real page furniture (not just blank
				 * lines) interrupts the sentence.
				 */
				if (m < n && !tf.li[m].junk &&
					((tf.li[last].ends_hyphen && tf.li[m].starts_letter) ||
					 tf.li[m].starts_lower ||
					 (skipped > 0 && tf.li[m].starts_letter && nwords >= 8 &&
					  tf.li[m].nwords >= 4)))
				{
					int			q;

					for (q = nx; q < m; q++)
						deferred[ndeferred++] = q;
					nx = m;
					join = true;
				}
			}
			if (!join)
				break;
			join_line(&tf, last, nx);
			nwords += tf.li[nx].nwords;
			last = nx;
		}
		NpDocFlush(out, flags | wire_flags(tf.li[k].wire));
		/* lines skipped over by a continuation become units of their own */
		for (i = 0; i < (size_t) ndeferred; i++)
		{
			NpUnit	   *u = &L.units[deferred[i]];

			NpDocAppendRaw(out, L.text + u->off, u->len);
			NpDocFlush(out, NPU_BLANK | wire_flags(tf.li[deferred[i]].wire));
		}
		k = last + 1;
	}
	NpWireMarkTrailer(&w, out);

	np_free(deferred);
	if (dups)
		NpHashSetFree(dups);
	if (tf.have_evidence)
		NpHashSetFree(tf.evidence);
	np_free(lens);
	np_free(tf.li);
	NpDocFree(&L);
}
