/*-------------------------------------------------------------------------
 *
 * doc.c
 *	  The document buffer of the article cleaner: a growing list of units
 *	  (candidate paragraphs) and the text they point into, with the white
 *	  space normalisation every front end relies on (see doc.h).
 *
 * src/text/doc.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "text/doc.h"
#include "text/unicode.h"

/*
 * Prepare an empty unit list; sizehint is the expected text size.
 */
void
NpDocInit(NpDoc *doc, size_t sizehint)
{
	memset(doc, 0, sizeof(NpDoc));
	doc->cap = sizehint + 16;
	doc->text = np_alloc(doc->cap);
	doc->capunits = 64;
	doc->units = np_alloc(doc->capunits * sizeof(NpUnit));
}

/*
 * Empty a unit list for another text of about sizehint bytes, keeping its
 * buffers (a list of NULL buffers, as NpDocFree leaves it, is made anew).
 * Text read block by block reuses one list, so that each block does not
 * allocate and fault in its buffers again: glibc gives freed blocks of that
 * size back to the kernel.
 */
void
NpDocReuse(NpDoc *doc, size_t sizehint)
{
	char	   *text = doc->text;
	size_t		cap = doc->cap;
	NpUnit	   *units = doc->units;
	int			capunits = doc->capunits;

	if (text == NULL || units == NULL)
	{
		NpDocFree(doc);
		NpDocInit(doc, sizehint);
		return;
	}
	memset(doc, 0, sizeof(NpDoc));
	if (cap < sizehint + 16)
	{
		np_free(text);
		cap = sizehint + 16;
		text = np_alloc(cap);
	}
	doc->text = text;
	doc->cap = cap;
	doc->units = units;
	doc->capunits = capunits;
}

/*
 * Release a unit list.
 */
void
NpDocFree(NpDoc *doc)
{
	if (doc->text)
		np_free(doc->text);
	if (doc->units)
		np_free(doc->units);
	doc->text = NULL;
	doc->units = NULL;
}

/*
 * Make room for n more bytes of text.
 */
static inline void
doc_reserve(NpDoc *doc, size_t n)
{
	if (doc->len + n + 1 > doc->cap)
	{
		size_t		newcap = doc->cap * 2;

		if (newcap < doc->len + n + 1)
			newcap = doc->len + n + 1;
		doc->text = np_realloc(doc->text, newcap);
		doc->cap = newcap;
	}
}

/*
 * Append already-normalised text to the current unit.
 */
void
NpDocAppendRaw(NpDoc *doc, const char *s, size_t len)
{
	doc_reserve(doc, len);
	memcpy(doc->text + doc->len, s, len);
	doc->len += len;
}

/*
 * Ask for a space before the next visible character of the current unit.
 */
void
NpDocSpace(NpDoc *doc)
{
	doc->cur_space = true;
}

/*
 * Does the current unit have any text yet?
 */
bool
NpDocPending(const NpDoc *doc)
{
	return doc->len > doc->cur_start;
}

/*
 * Is u[0..len) already normal: printable ASCII, single spaces, none at the
 * edges?  Checked eight bytes at a time; most lines of most articles are.
 */
static bool
ascii_clean_run(const unsigned char *u, size_t len)
{
	const uint64_t hi = UINT64_C(0x8080808080808080);
	const uint64_t lo7 = UINT64_C(0x7F7F7F7F7F7F7F7F);
	const uint64_t ones = UINT64_C(0x0101010101010101);
	uint64_t	prev_space = 0;
	size_t		i;

	if (len == 0 || u[0] == ' ' || u[len - 1] == ' ')
		return false;
	for (i = 0; i + 8 <= len; i += 8)
	{
		uint64_t	v;
		uint64_t	x;
		uint64_t	sp;

		if ((i & (NP_CHECK_BYTES - 1)) == 0)
			NP_CHECK_FOR_INTERRUPTS();

		memcpy(&v, u + i, 8);

		/*
		 * One test for a byte outside 0x20-0x7E: bit 7 of a byte of v is
		 * set (non-ASCII), or its low seven bits t are under 0x20 (t + 0x60
		 * has bit 7 clear: a control character) or are 0x7F (t + 1 has it
		 * set: DEL).  No sum carries into the next byte.
		 */
		x = v & lo7;
		if ((v | ~(x + ones * 0x60) | (x + ones)) & hi)
			return false;
		x = v ^ (ones * 0x20);
		sp = ~(((x & lo7) + lo7) | x) & hi;		/* one bit per space */
		if ((sp & (sp << 8)) || (prev_space && (sp & 0x80)))
			return false;		/* two spaces in a row */
		prev_space = sp >> 63;
	}
	for (; i < len; i++)
	{
		if (u[i] < 0x20 || u[i] >= 0x7F)
			return false;
		if (u[i] == ' ' && (prev_space || u[i - 1] == ' '))
			return false;
		prev_space = 0;
	}
	return true;
}

/*
 * Append raw text to the current unit, normalising white space (collapsed
 * to single spaces, none at the unit's edges), dropping invisible
 * characters and replacing invalid UTF-8 with U+FFFD.
 */
void
NpDocAppend(NpDoc *doc, const char *s, size_t len, bool in_link)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		i = 0;
	size_t		next_check = 0;

	/* the common case: nothing to normalise */
	if (ascii_clean_run(u, len))
	{
		doc_reserve(doc, len + 1);
		if (doc->cur_space && doc->len > doc->cur_start)
		{
			doc->text[doc->len++] = ' ';
			if (in_link)
				doc->cur_link++;
		}
		doc->cur_space = false;
		memcpy(doc->text + doc->len, s, len);
		doc->len += len;
		if (in_link)
			doc->cur_link += len;
		return;
	}

	/* worst case: every byte becomes a 3-byte U+FFFD, plus spaces */
	doc_reserve(doc, len * 3 + 1);
	while (i < len)
	{
		uint32_t	c;
		size_t		n;

		NP_CHECK_AT(i, next_check);

		if (u[i] == ' ')
		{
			doc->cur_space = true;
			i++;
			continue;
		}
		if (u[i] >= 0x21 && u[i] < 0x7F)
		{
			/* fast path for ASCII runs */
			size_t		j = i;

			while (j < len && u[j] >= 0x21 && u[j] < 0x7F)
				j++;
			if (doc->cur_space && doc->len > doc->cur_start)
			{
				doc->text[doc->len++] = ' ';
				if (in_link)
					doc->cur_link++;
			}
			doc->cur_space = false;
			memcpy(doc->text + doc->len, s + i, j - i);
			doc->len += j - i;
			if (in_link)
				doc->cur_link += j - i;
			i = j;
			continue;
		}
		n = NpUtf8Decode(u + i, len - i, &c);
		if (NpUniIsSpace(c))
			doc->cur_space = true;
		else if (!NpUniIsIgnorable(c))
		{
			if (doc->cur_space && doc->len > doc->cur_start)
			{
				doc->text[doc->len++] = ' ';
				if (in_link)
					doc->cur_link++;
			}
			doc->cur_space = false;
			if (c == 0xFFFD && !(n == 3 && u[i] == 0xEF))
			{
				memcpy(doc->text + doc->len, "\xEF\xBF\xBD", 3);
				doc->len += 3;
				if (in_link)
					doc->cur_link += 3;
			}
			else
			{
				memcpy(doc->text + doc->len, s + i, n);
				doc->len += n;
				if (in_link)
					doc->cur_link += n;
			}
		}
		i += n;
	}
}

/*
 * End the current unit.  An empty unit is not stored but counted, so that
 * the next unit knows it follows a blank line.
 */
void
NpDocFlush(NpDoc *doc, uint32_t flags)
{
	if (doc->len > doc->cur_start)
	{
		NpUnit	   *u;

		if (doc->nunits == doc->capunits)
		{
			doc->capunits *= 2;
			doc->units = np_realloc(doc->units, doc->capunits * sizeof(NpUnit));
		}
		u = &doc->units[doc->nunits++];
		u->off = doc->cur_start;
		u->len = doc->len - doc->cur_start;
		u->flags = flags | (doc->blanks > 0 ? NPU_BLANK : 0);
		u->linkbytes = doc->cur_link;
		u->cls = CLS_SHORT;
		u->seg = -1;
		doc->blanks = 0;
	}
	else
		doc->blanks++;
	doc->cur_start = doc->len;
	doc->cur_link = 0;
	doc->cur_space = false;
}

/*
 * End the current unit at byte pos of the text (cur_start < pos < len),
 * linkbytes of its link text before pos, and go on with the rest as the
 * current unit (its first space dropped): the HTML front end's cells of a
 * row, once a later cell turns out to be a layout table's column.
 * space_link says whether the space at pos, if there is one, was counted
 * as link text (NpDocAppend counts the space before a link's text as the
 * link's): the column then counts one byte of link less.
 */
void
NpDocFlushBefore(NpDoc *doc, size_t pos, size_t linkbytes, bool space_link,
				 uint32_t flags)
{
	size_t		end = doc->len;
	size_t		link = doc->cur_link;
	bool		space = doc->cur_space;

	Assert(pos > doc->cur_start && pos < end && linkbytes <= link);
	doc->len = pos;
	doc->cur_link = linkbytes;
	NpDocFlush(doc, flags);
	doc->len = end;
	doc->cur_link = link - linkbytes;
	doc->cur_space = space;
	if (doc->text[doc->cur_start] == ' ')
	{
		if (space_link && doc->cur_link > 0)
			doc->cur_link--;
		doc->cur_start++;
	}
	/* never more link than text, whatever the front end counted */
	if (doc->cur_link > end - doc->cur_start)
		doc->cur_link = end - doc->cur_start;
}
