/*-------------------------------------------------------------------------
 *
 * segment.c
 *	  Paragraph and sentence segmentation of (usually cleaned) text.
 *
 * Paragraphs are separated by blank lines.  Sentences end at '.', '!', '?'
 * or an ellipsis, after any closing quotes and brackets, when white space
 * and then a capital, a digit or an opening quote follow.  A single period
 * does not end a sentence after an initial ("J. K. Rowling"), a title
 * ("Mr.", "Gen."), a month before a day ("Jan. 5"), "No." before a number,
 * or an abbreviation with inner periods ("U.S.", "a.m.") unless the next
 * word is a common sentence opener ("... in the U.S. The talks ...");
 * the abbreviations and openers are abbrev.c's.
 * Decimals ("3.5") and domains never qualify because no space follows the
 * period.  One pass, linear in the text.
 *
 * src/text/segment.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "text/clean.h"
#include "text/abbrev.h"
#include "text/unicode.h"

/*
 * Append a span, growing the array.
 */
static void
add_span(NpSpan **s, int *n, int *cap, size_t start, size_t end)
{
	if (*n == *cap)
	{
		*cap *= 2;
		*s = np_realloc(*s, (size_t) *cap * sizeof(NpSpan));
	}
	(*s)[*n].start = start;
	(*s)[*n].end = end;
	(*n)++;
}

/*
 * Is the byte white space?
 */
static inline bool
is_ws(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * Split text into paragraphs: runs of non-blank lines, trimmed.
 */
int
NpSplitParagraphs(const char *text, size_t len, NpSpan **spans)
{
	int			n = 0;
	int			cap = 16;
	NpSpan	   *s = np_alloc(cap * sizeof(NpSpan));
	size_t		i = 0;
	bool		open = false;
	size_t		pstart = 0;
	size_t		pend = 0;

	while (i < len)
	{
		size_t		ls = i;
		size_t		le;
		size_t		a,
					b;

		const char *nl = memchr(text + i, '\n', len - i);

		NP_CHECK_FOR_INTERRUPTS();
		i = nl ? (size_t) (nl - text) : len;
		le = i;
		if (i < len)
			i++;				/* the newline */
		a = ls;
		b = le;
		while (a < b && is_ws(text[a]))
			a++;
		while (b > a && is_ws(text[b - 1]))
			b--;
		if (a == b)
		{
			if (open)
				add_span(&s, &n, &cap, pstart, pend);
			open = false;
			continue;
		}
		if (!open)
		{
			pstart = a;
			open = true;
		}
		pend = b;
	}
	if (open)
		add_span(&s, &n, &cap, pstart, pend);
	*spans = s;
	return n;
}

/*
 * Copy the ASCII-lower-cased word at text[a..b) into key, without
 * surrounding quotes/brackets; false if it does not fit.
 */
static bool
make_key(const char *text, size_t a, size_t b, char *key, size_t keysize)
{
	size_t		k = 0;

	while (a < b && ((unsigned char) text[a] < 0x80) &&
		   !((text[a] >= 'a' && text[a] <= 'z') || (text[a] >= 'A' && text[a] <= 'Z') ||
			 (text[a] >= '0' && text[a] <= '9')))
		a++;
	/* skip a leading typographic quote (3 bytes) */
	while (b - a >= 3 && (unsigned char) text[a] == 0xE2 &&
		   (unsigned char) text[a + 1] == 0x80)
		a += 3;
	while (b > a && ((unsigned char) text[b - 1] < 0x80) &&
		   !((text[b - 1] >= 'a' && text[b - 1] <= 'z') ||
			 (text[b - 1] >= 'A' && text[b - 1] <= 'Z') ||
			 (text[b - 1] >= '0' && text[b - 1] <= '9') || text[b - 1] == '.'))
		b--;
	if (b - a == 0 || b - a >= keysize)
		return false;
	for (; a < b; a++)
	{
		char		c = text[a];

		if (c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		key[k++] = c;
	}
	key[k] = '\0';
	return true;
}

/*
 * Decide whether the single period at text[dot] (inside the sentence that
 * began at ss) ends a sentence, given the next word at text[m..].
 */
static bool
period_ends_sentence(const char *text, size_t ss, size_t dot, size_t m, size_t pe)
{
	size_t		ws = dot;
	char		word[32];
	char		next[32];
	size_t		ne = m;
	bool		next_digit;
	bool		inner_dots = false;
	int			kind;
	size_t		i;

	while (ws > ss && !is_ws(text[ws - 1]))
		ws--;
	while (ne < pe && !is_ws(text[ne]))
		ne++;
	next_digit = text[m] >= '0' && text[m] <= '9';
	if (!make_key(text, ws, dot, word, sizeof(word)))
		return true;
	if (!make_key(text, m, ne, next, sizeof(next)))
		next[0] = '\0';
	/* drop a trailing period from the next word for the opener test */
	if (next[0] && next[strlen(next) - 1] == '.')
		next[strlen(next) - 1] = '\0';

	for (i = 0; word[i]; i++)
		if (word[i] == '.')
			inner_dots = true;

	/* a list number opening the sentence: "1. The first point" */
	if (ws == ss && dot - ws <= 2 && text[ws] >= '0' && text[ws] <= '9')
		return false;
	/* an initial: "J. K. Rowling", "George W. Bush" */
	if (word[1] == '\0' && text[dot - 1] >= 'A' && text[dot - 1] <= 'Z')
		return false;
	kind = NpAbbreviation(word, strlen(word));
	if (kind & NP_ABBR_TITLE)
		return false;
	if (next_digit && (kind & NP_ABBR_NUMBER))
		return false;
	if (inner_dots || (kind & NP_ABBR_MAYBE))
		return NpIsSentenceOpener(next, strlen(next));
	return true;
}

/*
 * Split text into sentences, never across paragraphs.
 */
int
NpSplitSentences(const char *text, size_t len, NpSpan **spans)
{
	NpSpan	   *paras;
	int			np = NpSplitParagraphs(text, len, &paras);
	int			n = 0;
	int			cap = 16;
	NpSpan	   *s = np_alloc(cap * sizeof(NpSpan));
	int			p;

	for (p = 0; p < np; p++)
	{
		size_t		ps = paras[p].start;
		size_t		pe = paras[p].end;
		size_t		ss = ps;
		size_t		i = ps;
		size_t		next_check = ps;

		while (i < pe)
		{
			unsigned char c = (unsigned char) text[i];
			size_t		j;
			size_t		k;
			size_t		m;
			uint32_t	cp;
			bool		single_dot;

			NP_CHECK_AT(i, next_check);
			if (c == '.' || c == '!' || c == '?')
				j = i + 1;
			else if (c == 0xE2 && i + 2 < pe && (unsigned char) text[i + 1] == 0x80 &&
					 (unsigned char) text[i + 2] == 0xA6)
				j = i + 3;		/* ellipsis */
			else
			{
				i++;
				continue;
			}
			/* the rest of a run of terminators */
			while (j < pe)
			{
				if (text[j] == '.' || text[j] == '!' || text[j] == '?')
					j++;
				else if (j + 2 < pe && (unsigned char) text[j] == 0xE2 &&
						 (unsigned char) text[j + 1] == 0x80 &&
						 (unsigned char) text[j + 2] == 0xA6)
					j += 3;
				else
					break;
			}
			single_dot = (c == '.' && j == i + 1);
			/* closing quotes and brackets belong to the sentence */
			k = j;
			while (k < pe)
			{
				size_t		l = NpUtf8Decode((const unsigned char *) text + k, pe - k, &cp);

				if (!NpUniIsClosingPunct(cp))
					break;
				k += l;
			}
			if (k >= pe)
				break;
			if (!is_ws(text[k]))
			{
				i = j;
				continue;
			}
			m = k;
			while (m < pe && is_ws(text[m]))
				m++;
			if (m >= pe)
				break;
			NpUtf8Decode((const unsigned char *) text + m, pe - m, &cp);
			if (NpUniIsLower(cp) ||
				!(NpUniIsUpper(cp) || (cp >= '0' && cp <= '9') || NpUniIsOpeningPunct(cp) ||
				  cp >= 0x250))
			{
				i = j;
				continue;
			}
			if (single_dot && !period_ends_sentence(text, ss, i, m, pe))
			{
				i = j;
				continue;
			}
			add_span(&s, &n, &cap, ss, k);
			ss = m;
			i = m;
		}
		if (pe > ss)
			add_span(&s, &n, &cap, ss, pe);
	}
	np_free(paras);
	*spans = s;
	return n;
}

/*
 * Where should the block of text that starts at start and holds about
 * target bytes end?  After the last blank line in its second half if there
 * is one, else after the last line break there, else after the last
 * sentence end (". "), else after the last space, else at a character
 * boundary; len when the rest fits.  Long texts are
 * processed block by block so that memory stays bounded (NpCleanText,
 * NpExtractEntities); the search costs at most target / 2 bytes per block.
 */
size_t
NpBlockEnd(const char *text, size_t len, size_t start, size_t target)
{
	size_t		limit;
	size_t		lo;
	size_t		p;

	if (len - start <= target)
		return len;
	limit = start + target;
	lo = start + target / 2;
	for (p = limit; p > lo + 1; p--)
		if (text[p - 1] == '\n' &&
			(text[p - 2] == '\n' || (text[p - 2] == '\r' && p - 3 > lo && text[p - 3] == '\n')))
			return p;
	for (p = limit; p > lo; p--)
		if (text[p - 1] == '\n')
			return p;
	for (p = limit; p > lo + 1; p--)
		if (text[p - 1] == ' ' &&
			(text[p - 2] == '.' || text[p - 2] == '!' || text[p - 2] == '?'))
			return p;
	for (p = limit; p > lo; p--)
		if (text[p - 1] == ' ')
			return p;
	p = limit;
	while (p > start && ((unsigned char) text[p] & 0xC0) == 0x80)
		p--;
	return p;
}
