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
	bool		ends_hyphen;	/* ends "letter-" */
	bool		starts_lower;	/* begins with a lower-case letter */
	bool		starts_letter;
	bool		junk;			/* URL alone, page number, running header */
	int			nwords;
} LineInfo;

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

	if (len > 24)
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
		/* continuation bytes: bit 7 set, bit 6 clear */
		chars += 8 - NpCountHighBits(v & ~(v << 1) & UINT64_C(0x8080808080808080));
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
	bool		has_cr;
	bool		has_ff;

	/*
	 * Split into lines; blank lines become NPU_BLANK on the next line.  Most
	 * texts have neither carriage returns nor form feeds: look for them in
	 * each line only if the text has some.
	 */
	has_cr = memchr(s, '\r', len) != NULL;
	has_ff = memchr(s, '\f', len) != NULL;
	NpDocInit(&L, len);
	for (;;)
	{
		/* the next line break: \n, \r\n, a lone \r, or a form feed */
		const char *nl = memchr(s + ls, '\n', len - ls);
		size_t		brk = nl ? (size_t) (nl - s) : len;
		const char *cr = has_cr ? memchr(s + ls, '\r', brk - ls) : NULL;
		const char *ff = has_ff ? memchr(s + ls, '\f', brk - ls) : NULL;
		char		kind = '\n';

		NP_CHECK_FOR_INTERRUPTS();

		if (cr != NULL)
		{
			brk = cr - s;
			kind = '\r';
		}
		if (ff != NULL && (size_t) (ff - s) < brk)
		{
			brk = ff - s;
			kind = '\f';
		}
		NpDocAppend(&L, s + ls, brk - ls, false);
		NpDocFlush(&L, 0);
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
		NP_CHECK_FOR_INTERRUPTS();
		line_info(L.text + L.units[k].off, L.units[k].len, &tf.li[k]);
	}

	/*
	 * Short lines that recur are running headers or repeated labels, junk
	 * for the joining rules.  Lines ending a sentence are not: the last line
	 * of two wrapped paragraphs may well read "rights." both times.
	 */
#define RUNNING_HEADER_SHAPE(l) ((l).nwords >= 2 && (l).nwords <= 8 && \
								 (l).chars >= 8 && !(l).ends_term)
	dups = NpHashSetCreate(16);
	{
		NpHashSet *seen = NpHashSetCreate(n / 4 + 16);

		for (k = 0; k < n; k++)
		{
			if ((k & 0xFFF) == 0)
				NP_CHECK_FOR_INTERRUPTS();
			if (RUNNING_HEADER_SHAPE(tf.li[k]))
			{
				uint64		h = NpHashBytes64(L.text + L.units[k].off, L.units[k].len);

				if (NpHashSetAdd(seen, h))
					NpHashSetAdd(dups, h);
			}
		}
		NpHashSetFree(seen);
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
	/* the 90th percentile of line lengths, by a histogram (linear time) */
	if (inner >= 3 && lowernext * 4 >= inner)
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
	wrapped = inner >= 3 && lowernext * 4 >= inner && width >= 30 && width <= 300;

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

			if (nx >= n)
				break;
			if (!(L.units[nx].flags & NPU_BLANK) && !tf.li[last].junk &&
				!tf.li[nx].junk)
			{
				/* adjacent lines */
				if (tf.li[last].ends_hyphen && tf.li[nx].starts_letter)
					join = true;
				else if (wrapped && tf.li[last].chars * 2 >= width &&
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

				while (m < n && tf.li[m].junk && skipped < 4)
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
		NpDocFlush(out, flags);
		/* lines skipped over by a continuation become units of their own */
		for (i = 0; i < (size_t) ndeferred; i++)
		{
			NpUnit	   *u = &L.units[deferred[i]];

			NpDocAppendRaw(out, L.text + u->off, u->len);
			NpDocFlush(out, NPU_BLANK);
		}
		k = last + 1;
	}

	np_free(deferred);
	NpHashSetFree(dups);
	if (tf.have_evidence)
		NpHashSetFree(tf.evidence);
	np_free(lens);
	np_free(tf.li);
	NpDocFree(&L);
}
