/*-------------------------------------------------------------------------
 *
 * clean.c
 *	  Article cleaning core: reduce a plain-text or HTML news page to the
 *	  article body, as paragraphs separated by one blank line.  This file
 *	  selects the body and holds the entry points; the stages before it
 *	  live in their own files.
 *
 * How it works
 * ------------
 * Cleaning runs in three stages over a list of "units" (candidate
 * paragraphs; the document buffer, doc.c):
 *
 * 1. A front end turns the input into units.  HTML goes through libxml2's
 *	  HTML parser (clean_html.c): every block element becomes a unit, with
 *	  flags from the markup (heading, caption, furniture containers such as
 *	  nav/aside/footer or class="share-bar") and the share of its text that
 *	  sits inside links.  Plain text (plaintext.c) is split into lines, and
 *	  lines are re-joined into paragraphs when the document is hard-wrapped
 *	  (PDF and e-mail extraction) or when a line ends mid-sentence and the
 *	  next begins in lower case.  A word hyphenated across a break is
 *	  repaired, keeping the hyphen when the second part is capitalised
 *	  ("Asia-" "Pacific") or when the document itself spells the compound
 *	  with a hyphen, and dropping it when the parts form one word.  A
 *	  sentence interrupted by a pasted URL, a page number or a running
 *	  header continues across it.
 *
 * 2. Every unit gets a verdict (classify.c, with the word lists of
 *	  vocab.c) from structural evidence only, in the spirit of jusText
 *	  (Pomikálek, "Removing Boilerplate and Duplicate Content from Web
 *	  Corpora", 2011) and Boilerpipe (Kohlschütter et al., "Boilerplate
 *	  Detection using Shallow Text Features", WSDM 2010): length in words,
 *	  sentence-final punctuation, link density, byline and timestamp shapes
 *	  ("By X", "13 minutes ago", "Updated 10:15 GMT"), URLs alone on a line,
 *	  navigation arrows and pipes, all-capital labels, lines repeated within
 *	  the page, labelled teasers ("Related: ...", "Read more: ..."), photo
 *	  credits, and the vocabulary of page widgets (share, comments,
 *	  subscribe, sponsored, advertisement, cookies...) when it dominates a
 *	  short unit.  No site's phrases are listed.
 *
 * 3. The body is chosen by position (this file).  Content units
 *	  (sentence-like ones) form segments separated by runs of three or
 *	  more furniture boxes or by
 *	  section markers ("Related articles", "More stories", "Comments (3)",
 *	  "About the author").  The segment with the most good text is the
 *	  body; other segments join it when they hold a comparable amount of
 *	  good text and no comment-section marker separates them.  Inside the
 *	  kept segments furniture units are dropped and subheadings that lead
 *	  into text kept, and the rows of a table sent as the item itself
 *	  beside its one line of prose (keep_item_table); short sentences cut
 *	  off from the body by furniture, an author bio ("Jane Doe is ...",
 *	  matched against the byline) and an
 *	  appeal to the reader closing the body are dropped.  Markup hints are
 *	  distrusted when the units they mark hold most of the page's good text
 *	  (a page wrapped in one form, body class="has-sidebar").
 *
 * Every stage is linear in the input: per-unit facts come from one pass
 * over its words (vocabulary in one hash table, ruled out early by first
 * letter and length), repeated lines are found with hash sets, the wrap
 * width with a histogram.  A 50 MB article costs a few copies of itself.
 *
 * src/text/clean.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "np_tables.h"
#ifndef NP_STANDALONE
#include "mb/pg_wchar.h"
#endif
#include "text/clean.h"
#include "text/clean_int.h"
#include "text/unicode.h"
#include "text/wire.h"

/*
 * Copy the author's name out of a byline ("By Jane Doe, Reuters" -> "Jane
 * Doe"): the capitalised words after "By", at most three.
 */
static size_t
byline_name(const char *s, size_t len, char *name, size_t size)
{
	size_t		i = 0;
	size_t		start;
	size_t		end;
	int			words = 0;

	while (i < len && s[i] != ' ')
		i++;					/* "By" */
	if (i + 1 >= len)
		return 0;
	if (len - i > 4 && memcmp(s + i, " by ", 4) == 0)
		i += 3;					/* "Written by" */
	start = ++i;
	end = start;
	while (i < len && words < 3)
	{
		size_t		j = i;
		uint32_t	c;

		NpUtf8Decode((const unsigned char *) s + i, len - i, &c);
		if (!NpUniIsUpper(c))
			break;
		while (j < len && s[j] != ' ' && s[j] != ',')
			j++;
		end = j;
		words++;
		if (j >= len || s[j] == ',')
			break;
		i = j + 1;
	}
	if (words < 2 || end - start >= size)
		return 0;
	memcpy(name, s + start, end - start);
	name[end - start] = '\0';
	return end - start;
}

/*
 * Does s[0..len) hold a quotation mark ('"' or U+201C)?  A memchr for the
 * lead byte of U+201C, not a comparison at every byte.
 */
static bool
holds_quote(const char *s, size_t len)
{
	const char *p = s;
	const char *e = s + len;

	if (memchr(s, '"', len) != NULL)
		return true;
	while ((p = memchr(p, 0xE2, e - p)) != NULL)
	{
		if (e - p >= 3 && memcmp(p, "\xE2\x80\x9C", 3) == 0)
			return true;
		p++;
	}
	return false;
}

/*
 * Does the unit speak to the reader on the publisher's behalf ("you" and
 * "our"/"us" in a short unquoted text)?
 */
static bool
reader_appeal(const NpDoc *doc, int i, const unsigned char *hints)
{
	const NpUnit *u = &doc->units[i];
	const char *s = doc->text + u->off;
	size_t		k;
	bool		our = false;

	/* "you" in at most 30 words (noted by NpClassifyUnit), no quotation */
	if (u->len > 300 || !(hints[i] & NP_HINT_APPEAL) || holds_quote(s, u->len))
		return false;
	for (k = 0; k + 4 <= u->len; k++)
		if ((k == 0 || s[k - 1] == ' ') &&
			(memcmp(s + k, "our ", 4) == 0 || memcmp(s + k, "us ", 3) == 0 ||
			 (k + 3 == u->len - 0 && memcmp(s + k, "us.", 3) == 0)))
			our = true;
	return our;
}

/* a publisher's note is at most this long (about 130 words) */
#define NOTE_MAX_BYTES 900

/* words of the publisher's trade, for publisher_note */
static const char *const trade_words[] = {
	"article", "contribution", "corrections", "coverage", "editor", "editorial",
	"editors", "journalism", "newsroom", "page", "reporters", "reporting",
	"website"
};

/* the longest of trade_words */
#define TRADE_WORD_MAX 12

/*
 * Which of trade_words is the word s[0..len) (in lower case, or
 * capitalised)?  -1 when none.  Most words of a note are none: the first
 * letter rules out most of the list before a length is measured.
 */
static int
trade_word(const char *s, size_t len)
{
	char		c = (char) (s[0] | 0x20);
	int			k;

	if (len > TRADE_WORD_MAX)
		return -1;
	for (k = 0; k < (int) lengthof(trade_words); k++)
		if (c == trade_words[k][0] &&
			strlen(trade_words[k]) == len &&
			memcmp(s + 1, trade_words[k] + 1, len - 1) == 0)
			return k;
	return -1;
}

/*
 * Does unit i speak about the publication on the publisher's behalf: an
 * outlet's standing paragraph that scraped pages carry under (or over)
 * every story, longer than a brief and so the same evidence in every
 * article of the outlet ("We are an independent, reader-funded newsroom",
 * "If you believe we have made an error in this article, please contact
 * our standards editor", "Follow our rolling coverage ... This page is
 * updated", "Our journalism ... a single contribution")?  An unquoted
 * unit of prose that says "we", "our" or "us" and names the trade twice,
 * in two words (journalism, the newsroom, its reporters, editors and
 * coverage, this article or page: a story's last paragraph that says "we"
 * and "website", an interview's "we launched our website", or a live
 * blog's first post, "welcome to our coverage of the summit", names one),
 * or that opens "About <Name>:" (the outlet's about-us line).  The
 * caller asks it only of the units at the edges of the body: an editorial's
 * "we" inside it stays.
 */
static bool
publisher_note(const NpDoc *doc, int i)
{
	const NpUnit *u = &doc->units[i];
	const char *s = doc->text + u->off;
	size_t		k = 0;
	bool		we = false;
	uint32_t	trade = 0;		/* the trade words seen, one bit each */
	int			ntrade = 0;

	if (u->len > NOTE_MAX_BYTES || u->len < 20 || holds_quote(s, u->len))
		return false;			/* too long or short, or a quotation */
	/* "About the Capital Courier: ..." */
	if (memcmp(s, "About ", 6) == 0 &&
		((s[6] >= 'A' && s[6] <= 'Z') ||
		 (memcmp(s + 6, "the ", 4) == 0 && s[10] >= 'A' && s[10] <= 'Z')))
	{
		for (k = 6; k < u->len && k < 60 && s[k] != '.'; k++)
			if (s[k] == ':')
				return true;
	}
	k = 0;
	while (k < u->len && !(we && ntrade >= 2))
	{
		size_t		w = k;

		while (w < u->len && ((s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z'))
			w++;
		if (w > k)
		{
			size_t		len = w - k;

			/* "US" is a country; "us" in lower case the publisher */
			if ((len == 2 && ((s[k] | 0x20) == 'w' && s[k + 1] == 'e')) ||
				(len == 2 && s[k] == 'u' && s[k + 1] == 's') ||
				(len == 3 && (s[k] | 0x20) == 'o' && s[k + 1] == 'u' && s[k + 2] == 'r'))
				we = true;
			else if (len >= 4)
			{
				int			t = trade_word(s + k, len);

				if (t >= 0 && !(trade & ((uint32_t) 1 << t)))
				{
					trade |= (uint32_t) 1 << t;
					ntrade++;
				}
			}
			k = w;
		}
		else
			k++;
	}
	return we && ntrade >= 2;
}

/* units longer than this are never dropped as duplicates (20 words) */
#define DUP_MAX_BYTES 200

/* Facts the body selection needs per segment */
typedef struct Segment
{
	int			first;			/* first content unit */
	int			last;			/* last content unit */
	size_t		goodbytes;
	int			ngood;
	bool		after_soft;		/* directly after a more-stories marker */
	bool		html;			/* made of HTML units */
	int			hard_before;	/* comment markers seen before it */
} Segment;

/*
 * Is unit i a text subheading worth keeping: a few words, no widget
 * vocabulary, not a label?
 */
static bool
is_subheading(const NpDoc *doc, int i, const unsigned char *hints)
{
	const NpUnit *u = &doc->units[i];

	if (u->cls == CLS_HEADING)
		return true;
	if (u->cls != CLS_SHORT || (u->flags & NPU_HTML))
		return false;
	/* the shape of a subheading, noted by NpClassifyUnit */
	return (hints[i] & NP_HINT_SUBHEAD) != 0;
}

/*
 * Does unit i end with a colon (a list introduction: "The figures were:")?
 */
static bool
ends_with_colon(const NpDoc *doc, int i)
{
	const NpUnit *u = &doc->units[i];

	return NpEndsSentence(doc->text + u->off, u->len, true) &&
		!NpEndsSentence(doc->text + u->off, u->len, false);
}

/* rows of a list or table are at most this long (40 words or so) */
#define ROW_MAX_BYTES 300

/*
 * Can unit i be a row of a list or table: short, and neither clear
 * furniture (a byline, a credit, a widget, a section marker) nor long
 * prose?  Agency copy has no photo captions in the text: a label such as
 * "Best picture:" opens a row there.
 */
static bool
is_row(const NpDoc *doc, int i, const int *marks)
{
	const NpUnit *u = &doc->units[i];

	return marks[i] == MARK_NONE && u->len <= ROW_MAX_BYTES &&
		!(u->flags & NPU_FURNITURE) &&
		(u->cls == CLS_SHORT || u->cls == CLS_ROW || u->cls == CLS_NEAR ||
		 u->cls == CLS_HEADING || (doc->wire && u->cls == CLS_CAPTION));
}

/*
 * Lists and tables inside the body: the rows after a kept unit that
 * introduces them with a colon ("The full list of winners was:", a
 * results list, a table of figures, bullets) are kept, however little they
 * look like sentences, up to the first unit that is neither a row nor
 * kept.  In agency copy a short label may introduce a list too ("Leading
 * positions:", "Scoreboard:") when it follows the body.  Wire furniture
 * lines in between are passed over.
 */
static void
keep_lists(NpDoc *doc, const int *marks)
{
	int			list_seg = -1;	/* in a list, kept with this segment */
	int			prev_seg = -1;	/* the last unit was kept, in this segment */
	int			i;

	for (i = 0; i < doc->nunits; i++)
	{
		NpUnit	   *u = &doc->units[i];

		NP_CHECK_FOR_INTERRUPTS();
		if (u->flags & NPU_FURNITURE)
			continue;
		if (u->seg >= 0)
		{
			list_seg = ends_with_colon(doc, i) ? u->seg : -1;
			prev_seg = u->seg;
			continue;
		}
		if (list_seg >= 0 && is_row(doc, i, marks))
		{
			u->seg = list_seg;
			continue;
		}
		if (doc->wire && prev_seg >= 0 && u->cls == CLS_SHORT &&
			ends_with_colon(doc, i))
		{
			int			j = i + 1;

			while (j < doc->nunits && (doc->units[j].flags & NPU_FURNITURE))
				j++;
			if (j < doc->nunits && is_row(doc, j, marks))
			{
				u->seg = prev_seg;
				list_seg = prev_seg;
				continue;
			}
		}
		list_seg = prev_seg = -1;
	}
}

/*
 * Find the first and the last kept unit (-1 when none is kept); return the
 * bytes of all the kept units.
 */
static size_t
kept_span(const NpDoc *doc, int *first, int *last)
{
	size_t		bytes = 0;
	int			i;

	*first = *last = -1;
	for (i = 0; i < doc->nunits; i++)
		if (doc->units[i].seg >= 0)
		{
			if (*first < 0)
				*first = i;
			*last = i;
			bytes += doc->units[i].len;
		}
	return bytes;
}

/*
 * Agency copy has no page widgets: once its furniture is known (wire.c),
 * a short line inside the story or right after it is the story's too
 * ("Att: 22,184" under a match report, a subhead, a one-line paragraph).
 * Keep the short units between the first and the last kept unit, and those
 * that follow the last one up to the first unit of other furniture.
 */
static void
keep_wire_gaps(NpDoc *doc, const int *marks)
{
	int			first;
	int			last;
	int			seg = 0;
	int			i;

	kept_span(doc, &first, &last);
	if (first < 0)
		return;
	for (i = first + 1; i < doc->nunits; i++)
	{
		NpUnit	   *u = &doc->units[i];
		bool		shortish = marks[i] == MARK_NONE &&
			(u->cls == CLS_SHORT || u->cls == CLS_NEAR || u->cls == CLS_HEADING);

		NP_CHECK_FOR_INTERRUPTS();
		if (u->seg >= 0)
		{
			seg = u->seg;
			continue;
		}
		if (u->flags & NPU_FURNITURE)
			continue;
		if (shortish)
			u->seg = seg;
		else if (i > last)
			break;
	}
}

/*
 * Is unit i a row of figures: a row (is_row) holding a digit beside more
 * words than dates ("Net 9,113,000 vs 7,402,000", "Lab: Priya Nair 1,204
 * (48.1%)"), not a timestamp ("Updated 14 May 2024 10:32 BST")?  The
 * words and dates were counted when it was classified (hints).
 */
static bool
is_figures_row(const NpDoc *doc, int i, const unsigned char *hints)
{
	const NpUnit *u = &doc->units[i];
	size_t		k;

	for (k = 0; k < u->len; k++)
		if (A_DIGIT((unsigned char) doc->text[u->off + k]))
			break;
	if (k == u->len)
		return false;
	return (hints[i] & NP_HINT_FIGURES) != 0;
}

/*
 * Does a unit open with a list bullet ("* ", "- ", "-- " or a bullet sign
 * and a space), as the points under an agency headline do?
 */
static bool
opens_with_bullet(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	s += i;
	len -= i;
	return (len >= 2 && (s[0] == '*' || s[0] == '-') && s[1] == ' ') ||
		(len >= 3 && s[0] == '-' && s[1] == '-' && s[2] == ' ') ||
		(len >= 4 && memcmp(s, "\xE2\x80\xA2 ", 4) == 0);
}

/*
 * Has unit i the shape of a headline: 2 to 25 words, not a sentence ending
 * in a full stop (NP_HINT_HEADLINE, noted when it was classified), not a
 * list item opening with a bullet (the points under an agency headline)?
 */
static bool
headline_shape(const NpDoc *doc, int i, const unsigned char *hints)
{
	const NpUnit *u = &doc->units[i];

	if (opens_with_bullet(doc->text + u->off, u->len))
		return false;
	return (hints[i] & NP_HINT_HEADLINE) != 0;
}

/*
 * Can unit i be a row of a table or list under a title (keep_titled_rows):
 * a row of at least min_words (1 or 2) and at most NP_TITLED_ROW_WORDS
 * words that is no sentence (NP_HINT_ROW, NP_HINT_ROW2)?
 */
static bool
is_titled_row(const NpDoc *doc, int i, const int *marks,
			  const unsigned char *hints, int min_words)
{
	const NpUnit *u = &doc->units[i];

	Assert(min_words == 1 || min_words == 2);
	if (!is_row(doc, i, marks) || (u->cls != CLS_SHORT && u->cls != CLS_ROW))
		return false;
	return (hints[i] & (min_words == 2 ? NP_HINT_ROW2 : NP_HINT_ROW)) != 0;
}

/*
 * The end of a table under a title at unit t (keep_titled_rows): the
 * title, a row of two words or more that is no sentence, no list
 * introduction, and has few figures and no price's change among them
 * (NpFiguresWeigh: not a ticker's row; "QUARTERFINAL LINEUP", "The draw
 * produced the following matches"), then two rows or more in one block
 * (in plain text no blank line between them; in HTML each row is an
 * element of its own, a paragraph or a line of a pre element).  Returns
 * the unit after the last row, or -1 when there is no such table at t.
 */
static int
titled_rows_end(const NpDoc *doc, int t, const int *marks,
				const unsigned char *hints)
{
	int			n = doc->nunits;
	int			i;
	bool		change;

	if (t >= n || !is_titled_row(doc, t, marks, hints, 2) || ends_with_colon(doc, t) ||
		NpFiguresWeigh(doc->text + doc->units[t].off, doc->units[t].len, &change) ||
		change)
		return -1;
	for (i = t + 1; i < n && is_titled_row(doc, i, marks, hints, 1) &&
		 (i == t + 1 || (doc->units[i].flags & NPU_HTML) ||
		  !(doc->units[i].flags & NPU_BLANK)); i++)
		NP_CHECK_FOR_INTERRUPTS();
	return i - t - 1 >= 2 ? i : -1;
}

/*
 * Is the text agency copy: recognised as such in plain text (wire.c), or
 * an HTML page whose story opens with an agency's dateline ("ZURICH, Dec
 * 6 (Reuters) - ...", an agency's story as a web site carries it)?
 */
static bool
agency_copy(const NpDoc *doc)
{
	int			i;

	if (doc->wire)
		return true;
	for (i = 0; i < doc->nunits && doc->units[i].seg < 0; i++)
		NP_CHECK_FOR_INTERRUPTS();
	return i < doc->nunits && (doc->units[i].flags & NPU_HTML) &&
		NpWireHasDateline(doc->text + doc->units[i].off, doc->units[i].len);
}

/*
 * Is unit i of an HTML page an agency's sign-off or credit ("Reuters",
 * "(Reporting by Jane Doe; Editing by John Roe)"), which plain text marks
 * as wire furniture?
 */
static bool
html_signoff(const NpDoc *doc, int i)
{
	const NpUnit *u;
	NpUnitFacts f;

	if (i >= doc->nunits || !(doc->units[i].flags & NPU_HTML))
		return false;
	u = &doc->units[i];
	if (NpWireIsSignoff(doc->text + u->off, u->len))
		return true;
	NpGetUnitFacts(doc->text + u->off, u->len, &f);
	return f.wirecredit;
}

/*
 * A table or list under a title that introduces it without a colon
 * ("QUARTERFINAL LINEUP" or "The draw produced the following matches",
 * then "Brazil v Argentina", "France v Spain"...), right under a kept unit
 * of plain text: the title and the rows are the story's, where neither
 * reads as a sentence and the list rule (keep_lists) needs a colon.  Only
 * where the story ends with the table or goes on after it: the rows (and
 * the tables that follow it so, each under its title) run to the agency's
 * sign-off or other wire furniture, or, in agency copy, to the end of the
 * text or to a kept unit.  A box of teasers under a page's story ends at
 * more furniture; under a label that no list of section markers holds
 * ("OTHER NEWS", "You might also like", then headlines) it has the shape
 * of a titled table, and a page has such boxes between its paragraphs and
 * at its end, so a text that is not agency copy must show the sign-off.
 */
static void
keep_titled_rows(NpDoc *doc, const int *marks, const unsigned char *hints)
{
	int			n = doc->nunits;
	int			seg = -1;		/* the last unit was kept, in this segment */
	bool		agency = agency_copy(doc);
	int			i;

	for (i = 0; i < n; i++)
	{
		int			end;
		int			last;
		int			body = seg;
		int			j;

		NP_CHECK_FOR_INTERRUPTS();
		if (doc->units[i].flags & NPU_FURNITURE)
			continue;
		seg = doc->units[i].seg;
		if (seg >= 0 || body < 0)
			continue;
		/* the tables under their titles, one after another */
		last = i;
		while ((end = titled_rows_end(doc, last, marks, hints)) >= 0)
		{
			last = end;
			while (last < n && (doc->units[last].flags & NPU_FURNITURE))
				last++;
		}
		if (last == i ||
			(!(doc->units[last - 1].flags & NPU_FURNITURE) &&
			 !html_signoff(doc, last) &&
			 (!agency || (last < n && doc->units[last].seg < 0))))
			continue;
		for (j = i; j < last; j++)
			if (!(doc->units[j].flags & NPU_FURNITURE))
				doc->units[j].seg = seg = body;
		i = last - 1;
	}
}

/*
 * Is unit i one of two or more rows of prices in a row (a ticker, a table
 * of prices): figures weigh in it and in a unit beside it?
 */
static bool
in_price_rows(const NpDoc *doc, int i)
{
	const NpUnit *u = &doc->units[i];
	bool		change;

	if (!NpFiguresWeigh(doc->text + u->off, u->len, &change))
		return false;
	return (i > 0 && NpFiguresWeigh(doc->text + u[-1].off, u[-1].len, &change)) ||
		(i + 1 < doc->nunits && NpFiguresWeigh(doc->text + u[1].off, u[1].len, &change));
}

/*
 * Does unit i quote a price and its change, a figure followed by a signed
 * one ("FTSE All-Share Index 4,170.21 -0.1%", "Brent 82.10 +0.45", "Gold
 * 2,031.40 (-0.4%)", a minus sign U+2212 too), as a ticker's row does
 * however long its name?  A signed figure alone ("ECB cuts deposit rate
 * to -0.5%") is not one.
 */
static bool
quotes_change(const NpDoc *doc, int i)
{
	const char *s = doc->text + doc->units[i].off;
	size_t		len = doc->units[i].len;
	size_t		k;
	size_t		next_check = 0;
	bool		figure = false;	/* the word before held a digit */
	bool		digit = false;	/* this word holds one */

	for (k = 0; k < len; k++)
	{
		size_t		j = k;	/* where the sign starts */

		NP_CHECK_AT(k, next_check);
		if (s[k] == ' ' || s[k] == '\t')
		{
			if (k > 0 && s[k - 1] != ' ' && s[k - 1] != '\t')
			{
				figure = digit;
				digit = false;
			}
			continue;
		}
		if (!A_DIGIT((unsigned char) s[k]))
			continue;
		digit = true;
		if (!figure)
			continue;
		if (j >= 1 && (s[j - 1] == '+' || s[j - 1] == '-'))
			j--;
		else if (j >= 3 && (unsigned char) s[j - 3] == 0xE2 &&
				 (unsigned char) s[j - 2] == 0x88 && (unsigned char) s[j - 1] == 0x92)
			j -= 3;
		else
			continue;
		if (j >= 1 && s[j - 1] == '(')
			j--;
		if (j == 0 || s[j - 1] == ' ' || s[j - 1] == '\t')
			return true;
	}
	return false;
}

/*
 * Is unit i the title line of an item sent as a table ("ARDMORE GAS CO
 * <ARDG> SETS QUARTERLY", "TAMSIN OIL AND GAS CO <TOG> 4TH QTR LOSS",
 * "MILLBROOK COUNCIL ELECTION - FULL RESULTS"): a row that opens the text
 * (nothing but wire furniture before it) with a headline's shape, few
 * figures and no change among them, no list introduction?  A row of
 * prices at the top of a page (a ticker) is not.
 */
static bool
is_item_title(const NpDoc *doc, int i, const int *marks,
			  const unsigned char *hints)
{
	const NpUnit *u = &doc->units[i];
	bool		change;

	return is_row(doc, i, marks) && NpOpensDoc(doc, i) &&
		!NpFiguresWeigh(doc->text + u->off, u->len, &change) && !change &&
		!ends_with_colon(doc, i) && headline_shape(doc, i, hints);
}

/*
 * Is unit t an item's title line (is_item_title) over a kept row of
 * figures?
 */
static bool
titles_kept_figures(const NpDoc *doc, int t, const int *marks,
					const unsigned char *hints)
{
	int			i;

	if (!is_item_title(doc, t, marks, hints))
		return false;
	for (i = t + 1; i < doc->nunits; i++)
	{
		NP_CHECK_FOR_INTERRUPTS();
		if (doc->units[i].seg >= 0 && is_figures_row(doc, i, hints))
			return true;
	}
	return false;
}

/*
 * The title line of a text with no sentence, kept whole (a dividend
 * notice, an earnings table with no note): the first kept unit, if it is
 * an item's title and a row of figures is kept under it; else -1.
 */
static int
table_title(const NpDoc *doc, const int *marks, const unsigned char *hints)
{
	int			first;

	for (first = 0; first < doc->nunits && doc->units[first].seg < 0; first++)
		NP_CHECK_FOR_INTERRUPTS();
	return first < doc->nunits && titles_kept_figures(doc, first, marks, hints) ?
		first : -1;
}

/*
 * Does unit lo open the item: before it nothing but wire furniture and
 * bylines, or an item's title line above them ("Copper firms as the dollar
 * weakens", "By Jane Okafor", then the lead)?  A page's menu, or any other
 * text above, is not an item's opening.
 */
static bool
opens_item(const NpDoc *doc, int lo, const int *marks, const bool *bylines,
		   const unsigned char *hints)
{
	int			j = lo - 1;

	while (j >= 0 && ((doc->units[j].flags & NPU_FURNITURE) || bylines[j]))
	{
		NP_CHECK_FOR_INTERRUPTS();
		j--;
	}
	return j < 0 || is_item_title(doc, j, marks, hints);
}

/*
 * A table sent as the item itself: an earnings table under its header
 * with a note ("NOTE: Nine months ended January 31."), a results card
 * closed by one line ("Lab hold. Majority 392."), prices under a one-line
 * lead.  The body selection keeps the prose line alone, and the rows, which
 * are the item's body, are lost.  When the rows that touch the kept units
 * (above the first, below the last, passing over wire furniture; a header
 * row or a label among them) hold at least as many bytes as everything
 * kept, and at least two of them, half or more, are rows of figures, they
 * are kept.  The item opens with them: the rows and the kept units start
 * the text (nothing but wire furniture or a byline before them, or a title
 * line above the byline: opens_item) with the item's title line or with
 * its lead.  Furniture beside an article (a stock ticker,
 * "Most read" lists, a menu) is outweighed by the article, or is cut off
 * from it by a unit of other furniture or a section marker, which ends the
 * rows; rows of figures at the top of a page or under its menu, above a
 * one-sentence brief, have no title line: a ticker.  Returns the title
 * line when the rows are kept under one, else -1.
 */
static int
keep_item_table(NpDoc *doc, const int *marks, const bool *bylines,
				const unsigned char *hints)
{
	int			first;
	int			last;
	int			lo;
	int			hi;
	size_t		kept = kept_span(doc, &first, &last);
	size_t		rowbytes = 0;
	int			nrows = 0;
	int			nfigures = 0;
	int			i;

	if (first < 0)
		return -1;
	for (lo = first; lo > 0; lo--)
	{
		NP_CHECK_FOR_INTERRUPTS();
		if (!(doc->units[lo - 1].flags & NPU_FURNITURE) && !is_row(doc, lo - 1, marks))
			break;
	}
	for (hi = last; hi + 1 < doc->nunits; hi++)
	{
		NP_CHECK_FOR_INTERRUPTS();
		if (!(doc->units[hi + 1].flags & NPU_FURNITURE) && !is_row(doc, hi + 1, marks))
			break;
	}
	while (lo < first && (doc->units[lo].flags & NPU_FURNITURE))
		lo++;					/* a feed's header, a slug */
	if (!opens_item(doc, lo, marks, bylines, hints) ||
		(lo < first && !is_item_title(doc, lo, marks, hints)))
		return -1;
	for (i = lo; i <= hi; i++)
	{
		NP_CHECK_FOR_INTERRUPTS();
		if (i == first)
			i = last;			/* the kept units themselves */
		else if (!(doc->units[i].flags & NPU_FURNITURE))
		{
			rowbytes += doc->units[i].len;
			nrows++;
			nfigures += is_figures_row(doc, i, hints);
		}
	}
	if (rowbytes < kept || nfigures < 2 || nfigures * 2 < nrows)
		return -1;
	for (i = lo; i <= hi; i++)
	{
		NP_CHECK_FOR_INTERRUPTS();
		if (!(doc->units[i].flags & NPU_FURNITURE) && doc->units[i].seg < 0 &&
			(i < first || i > last))
			doc->units[i].seg = doc->units[i < first ? first : last].seg;
	}
	return lo < first ? lo : -1;
}

/*
 * Does the text end a sentence after a word somewhere: a '.', '!' or '?'
 * after a letter, then closing quotes or brackets (or a stray paragraph
 * mark '<'), then a space or the end?
 */
static bool
holds_sentence_end(const char *s, size_t len)
{
	size_t		i;

	for (i = 1; i < len; i++)
	{
		size_t		j = i + 1;

		if (s[i] != '.' && s[i] != '!' && s[i] != '?')
			continue;
		if (!A_ALPHA((unsigned char) s[i - 1]))
			continue;
		while (j < len && (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == '<'))
			j++;
		if (j == len || s[j] == ' ')
			return true;
	}
	return false;
}

/*
 * Count the letters of s[0..len) and the upper-case ones among them, over
 * every word.  NpGetUnitFacts counts them only in a unit's first three
 * words once the unit is a long sentence, which says nothing about the
 * case of the whole (a dateline, "NEW YORK, July 26 (PA) - ...", is mostly
 * capitals).
 */
static void
count_case(const char *s, size_t len, int *nletters, int *nupper)
{
	size_t		i = 0;
	size_t		next_check = 0;

	*nletters = *nupper = 0;
	while (i < len)
	{
		unsigned char b = (unsigned char) s[i];
		uint32		c;

		NP_CHECK_AT(i, next_check);
		if (b < 0x80)
		{
			i++;
			if (A_ALPHA(b))
			{
				(*nletters)++;
				*nupper += b <= 'Z';
			}
			continue;
		}
		i += NpUtf8Decode((const unsigned char *) s + i, len - i, &c);
		if (NpUniIsLetter(c))
		{
			(*nletters)++;
			*nupper += NpUniIsUpper(c);
		}
	}
}

/*
 * Is unit i a sentence of prose: a few words, mostly lower case (counted
 * over all its letters) and not dates, ending a sentence; not a byline,
 * credit, widget label ("Subscribe to our newsletter.") or line of wire
 * furniture; and, if strict, without the vocabulary of banners and
 * copyright lines ("cookies", "all rights reserved")?
 */
static bool
is_prose(const NpDoc *doc, int i, bool strict)
{
	const NpUnit *u = &doc->units[i];
	NpUnitFacts	f;

	if (u->flags & NPU_FURNITURE)
		return false;
	NpGetUnitFacts(doc->text + u->off, u->len, &f);
	if (strict && (f.strong > 0 || f.phrase))
		return false;
	if (f.widget * 3 >= f.nwords || (f.second > 0 && f.nwords <= 14))
		return false;
	if (f.nwords > NP_SHORT_UNIT_WORDS)
		count_case(doc->text + u->off, u->len, &f.nletters, &f.nupper);
	return f.nwords >= 3 && f.nletters >= 10 && f.nondate * 2 > f.nwords &&
		(f.ends_term || holds_sentence_end(doc->text + u->off, u->len)) &&
		f.nupper * 2 < f.nletters && f.urls == 0 &&
		!f.byline && !f.wirecredit && !f.contributed;
}

/*
 * Is unit i a Reuters headline line ("UPDATE 2-UK inflation falls ...",
 * wire furniture as a line of the body) whose headline, behind the
 * prefixes, has 2 to 30 words?  If so, cut the prefixes off the unit: it
 * is then only ever written out as the headline.
 */
static bool
wire_headline_at(NpDoc *doc, int i)
{
	NpUnit	   *u = &doc->units[i];
	size_t		skip;
	NpUnitFacts f;

	if (!(u->flags & NPU_WIREHEAD))
		return false;
	skip = NpWireHeadlineStart(doc->text + u->off, u->len);
	if (skip == 0 || skip >= u->len)
		return false;
	NpGetUnitFacts(doc->text + u->off + skip, u->len - skip, &f);
	if (f.nwords < 2 || f.nwords > 30)
		return false;
	u->off += skip;
	u->len -= skip;
	return true;
}

/*
 * Is unit i a label in capitals to the classifier (a row of two to four
 * words, all capitals, no sentence end, no date or time: "HOLLIS CORP
 * OMITS DIVIDEND", "UP NEXT")?  A word alone ("HOME", "SPORT", "LIVE") is
 * a menu's or a section's, never an item's title.
 */
static bool
is_caps_label(const NpDoc *doc, int i, const int *marks)
{
	const NpUnit *u = &doc->units[i];
	NpUnitFacts f;

	if (u->cls != CLS_ROW || marks[i] != MARK_NONE || (u->flags & NPU_FURNITURE))
		return false;
	NpGetUnitFacts(doc->text + u->off, u->len, &f);
	return f.nwords >= 2 && f.nwords <= 4 && f.nletters >= 2 && f.nupper == f.nletters &&
		!f.ends_term && f.datestrong == 0 && !f.label_colon;
}

/*
 * Is unit i an agency's name alone ("Reuters", "AP"; not a sign-off's form,
 * "-- Reuters", "(AP)"), classed as a photo credit, that is the last row of
 * a list of names rather than a credit: a line of plain text right under
 * (no blank line between) a short row of at most four words ("BBC News",
 * "SKY NEWS" in capitals too) or a list introduction?  A caption above a
 * credit is longer.  (The last line of a text is the sign-off's case, in
 * plaintext.c: under a line in capitals it is the sign-off.)
 */
static bool
agency_ends_list(const NpDoc *doc, int i)
{
	const NpUnit *u = &doc->units[i];
	const NpUnit *p;
	NpUnitFacts f;

	if (i == 0)
		return false;
	p = &doc->units[i - 1];
	if (u->cls != CLS_CAPTION ||
		(u->flags & (NPU_HTML | NPU_BLANK | NPU_CAPTION)) ||
		(p->flags & (NPU_HTML | NPU_FURNITURE)) ||
		!NpWireIsSignoff(doc->text + u->off, u->len) ||
		NpWireIsSignoffForm(doc->text + u->off, u->len))
		return false;
	if (ends_with_colon(doc, i - 1))
		return true;
	if (p->cls != CLS_SHORT && p->cls != CLS_ROW)
		return false;
	NpGetUnitFacts(doc->text + p->off, p->len, &f);
	/* a row in capitals ("SKY NEWS") is a label row to the classifier */
	return f.nwords <= 4 &&
		(p->cls == CLS_SHORT || (f.nletters >= 2 && f.nupper == f.nletters));
}

/*
 * Run the classifier and the body selection; on return every unit to
 * keep has seg >= 0 (and *headline is the headline unit to keep, or -1).
 */
static void
select_body(NpDoc *doc, const NpCleanOptions *opts, int *headline)
{
	int			n = doc->nunits;
	int		   *marks = np_alloc((n + 1) * sizeof(int));
	uint64_t   *hashes = np_alloc((n + 1) * sizeof(uint64_t));
	bool	   *dup = np_alloc0((n + 1) * sizeof(bool));
	bool	   *bylines = np_alloc0((n + 1) * sizeof(bool));
	unsigned char *hints = np_alloc((n + 1) * sizeof(unsigned char));
	Segment    *segs = np_alloc((n + 1) * sizeof(Segment));
	int			nsegs = 0;
	int			i;
	int			gap = 0;
	int			hard = 0;
	bool		soft_pending = false;
	bool		new_seg = true;
	int			best = -1;
	int			ncontent = 0;
	int			lastkept = -1;
	int			firstkept = n;
	int			title = -1;

	*headline = -1;

	/* short units repeated within the page (only short ones can matter) */
	{
		NpHashSet *seen = NpHashSetCreate(n / 4 + 16);
		NpHashSet *twice = NULL;	/* made at the first repeat */

		for (i = 0; i < n; i++)
		{
			if ((i & 0xFFF) == 0)
				NP_CHECK_FOR_INTERRUPTS();
			if (doc->units[i].len <= DUP_MAX_BYTES)
			{
				hashes[i] = NpHashBytes64(doc->text + doc->units[i].off, doc->units[i].len);
				if (NpHashSetAdd(seen, hashes[i]))
				{
					if (twice == NULL)
						twice = NpHashSetCreate(16);
					NpHashSetAdd(twice, hashes[i]);
				}
			}
		}
		/* dup[] is all false until then */
		if (twice)
		{
			for (i = 0; i < n; i++)
				dup[i] = doc->units[i].len <= DUP_MAX_BYTES && NpHashSetHas(twice, hashes[i]);
			NpHashSetFree(twice);
		}
		NpHashSetFree(seen);
	}

	for (i = 0; i < n; i++)
	{
		doc->units[i].cls = NpClassifyUnit(doc, i, dup[i], &marks[i], &bylines[i],
										   &hints[i]);
		doc->units[i].seg = -1;
	}

	/*
	 * Markup hints are only hints: a page whose whole content sits in a
	 * container with a furniture-like class (body class="has-sidebar", an
	 * ASP.NET page wrapped in one form) would lose its story.  If the units
	 * marked as furniture hold far more good text than the others, ignore
	 * the marks.
	 */
	{
		size_t		good = 0;
		size_t		hidden_good = 0;

		for (i = 0; i < n; i++)
			if (doc->units[i].cls == CLS_GOOD)
				good += doc->units[i].len;
		doc->ignore_boiler = true;
		for (i = 0; i < n; i++)
			if (doc->units[i].flags & NPU_BOILER)
			{
				int			m;
				bool		b;
				unsigned char h;

				if (NpClassifyUnit(doc, i, dup[i], &m, &b, &h) == CLS_GOOD)
					hidden_good += doc->units[i].len;
			}
		doc->ignore_boiler = hidden_good > 2 * good;
		if (doc->ignore_boiler)
			for (i = 0; i < n; i++)
				doc->units[i].cls = NpClassifyUnit(doc, i, dup[i], &marks[i], &bylines[i],
										   &hints[i]);
	}
	for (i = 0; i < n; i++)
	{
		if (IS_CONTENT(doc->units[i].cls))
			ncontent++;
		if (agency_ends_list(doc, i))
			doc->units[i].cls = CLS_SHORT;
	}

	/* a unit after a labelled teaser box opener is a teaser too */
	for (i = 0; i + 1 < n; i++)
		if (marks[i] == MARK_SOFT)
		{
			int			j = i + 1;

			while (j < n && (doc->units[j].cls == CLS_SHORT ||
							 doc->units[j].cls == CLS_HEADING) && j <= i + 6)
				doc->units[j++].cls = CLS_BAD;
		}

	/*
	 * No sentence-like unit at all (a headline, a list): keep whatever is
	 * not furniture.  Agency copy made of a list (election results) keeps
	 * its rows from the list's introduction on, if it has one.
	 */
	if (ncontent == 0)
	{
		int			from = 0;

		if (doc->wire)
			for (i = 0; i < n; i++)
				if (!(doc->units[i].flags & NPU_FURNITURE) && doc->units[i].cls == CLS_SHORT &&
					ends_with_colon(doc, i))
				{
					from = i;
					break;
				}
		for (i = from; i < n; i++)
			if (doc->units[i].cls == CLS_SHORT || doc->units[i].cls == CLS_HEADING ||
				(doc->wire && is_row(doc, i, marks)) ||
				(doc->units[i].cls == CLS_HEADLINE && opts->keep_headline) ||
				(doc->units[i].cls == CLS_CAPTION && opts->keep_captions))
				doc->units[i].seg = 0;

		/*
		 * The title line over them, which the loop drops when it is a label
		 * in capitals ("COPPER PRICES", "LONDON GOLD FIXING"): kept when it
		 * opens the item and a row of figures is kept under it, as it is
		 * when it reads as a line of text.
		 */
		for (i = from; i < n && (doc->units[i].flags & NPU_FURNITURE); i++)
			NP_CHECK_FOR_INTERRUPTS();
		if (i < n && doc->units[i].seg < 0 && titles_kept_figures(doc, i, marks, hints))
			doc->units[i].seg = 0;
		/* a Reuters headline behind its prefixes, which the loop drops */
		if (opts->keep_headline)
			for (i = 0; i < n && *headline < 0; i++)
				if (wire_headline_at(doc, i))
					*headline = i;
		/* else a table's title line, which stays body too */
		if (opts->keep_headline && *headline < 0)
			*headline = table_title(doc, marks, hints);
		goto done;
	}

	/* cut the content units into segments */
	for (i = 0; i < n; i++)
	{
		int			c = doc->units[i].cls;

		if ((i & 0xFFF) == 0)
			NP_CHECK_FOR_INTERRUPTS();
		if (marks[i] != MARK_NONE)
		{
			new_seg = true;
			if (marks[i] == MARK_HARD && nsegs > 0)
				hard++;
			if (marks[i] == MARK_SOFT)
				soft_pending = true;
			continue;
		}
		if (doc->units[i].flags & NPU_FURNITURE)
			continue;			/* known wire furniture separates nothing */
		if (!IS_CONTENT(c))
		{
			/*
			 * A box of furniture counts once: consecutive list items, or
			 * lines of text not separated by a blank line.
			 */
			bool		same_box = i > 0 && !IS_CONTENT(doc->units[i - 1].cls) &&
				(((doc->units[i].flags & NPU_LISTITEM) &&
				  (doc->units[i - 1].flags & NPU_LISTITEM)) ||
				 (!(doc->units[i].flags & (NPU_BLANK | NPU_HTML)) &&
				  !(doc->units[i - 1].flags & NPU_HTML)));

			if (!same_box)
				gap++;
			if (gap >= 3)
				new_seg = true;
			continue;
		}
		if (new_seg)
		{
			Segment    *sg = &segs[nsegs++];

			sg->first = i;
			sg->goodbytes = 0;
			sg->ngood = 0;
			sg->after_soft = soft_pending;
			sg->html = (doc->units[i].flags & NPU_HTML) != 0;
			sg->hard_before = hard;
			new_seg = false;
			soft_pending = false;
		}
		segs[nsegs - 1].last = i;
		doc->units[i].seg = nsegs - 1;
		if (c == CLS_GOOD)
		{
			segs[nsegs - 1].goodbytes += doc->units[i].len;
			segs[nsegs - 1].ngood++;
		}
		gap = 0;
	}

	for (i = 0; i < nsegs; i++)
		if (best < 0 || segs[i].goodbytes > segs[best].goodbytes)
			best = i;

	/* keep the best segment and its comparable neighbours */
	for (i = 0; i < nsegs; i++)
	{
		bool		keep;
		int			j;

		if (i == best)
			keep = true;
		else if (segs[i].ngood == 0 && segs[best].ngood > 0)
			keep = false;
		else if (segs[i].hard_before != segs[best].hard_before)
			keep = false;
		else if (i > best && segs[i].after_soft && !segs[i].html &&
				 !(segs[i].ngood >= 2 && segs[i].goodbytes * 2 >= segs[best].goodbytes))
			keep = false;
		else
			keep = segs[i].goodbytes * 4 >= segs[best].goodbytes &&
				(segs[i].ngood >= 2 || segs[best].ngood < 2);
		if (!keep)
		{
			for (j = segs[i].first; j <= segs[i].last; j++)
				if (doc->units[j].seg == i)
					doc->units[j].seg = -1;
			continue;
		}
		/*
		 * Short sentences after the segment's last good unit belong to it
		 * only if nothing else comes between ("Our standards: ..." after a
		 * wire credit does not).
		 */
		{
			int			lastgood = -1;

			for (j = segs[i].first; j <= segs[i].last; j++)
				if (doc->units[j].seg == i && doc->units[j].cls == CLS_GOOD)
					lastgood = j;
			if (lastgood >= 0)
			{
				bool		broken = false;

				for (j = lastgood + 1; j <= segs[i].last; j++)
				{
					if (doc->units[j].flags & NPU_FURNITURE)
						continue;	/* "more", a page header: the story goes on */
					if (!IS_CONTENT(doc->units[j].cls))
						broken = true;
					else if (broken && doc->units[j].seg == i)
						doc->units[j].seg = -1;
				}
				while (segs[i].last > lastgood && doc->units[segs[i].last].seg != i)
					segs[i].last--;
			}
		}
		if (segs[i].first < firstkept)
			firstkept = segs[i].first;
		if (segs[i].last > lastkept)
			lastkept = segs[i].last;
		/* subheadings between content units of the segment */
		for (j = segs[i].first; j <= segs[i].last; j++)
		{
			NpUnit	   *u = &doc->units[j];

			if (u->seg >= 0 || marks[j] != MARK_NONE)
				continue;
			/* a subheading leads straight into text */
			if (is_subheading(doc, j, hints) && j + 1 <= segs[i].last &&
				IS_CONTENT(doc->units[j + 1].cls))
				u->seg = i;
		}
	}

	keep_lists(doc, marks);
	keep_titled_rows(doc, marks, hints);
	if (doc->wire)
		keep_wire_gaps(doc, marks);
	title = keep_item_table(doc, marks, bylines, hints);
	for (i = 0; i < n; i++)
		if (doc->units[i].seg >= 0)
		{
			if (i < firstkept)
				firstkept = i;
			if (i > lastkept)
				lastkept = i;
		}

	/*
	 * An author bio ("Jane Doe is a ...") or an appeal to the reader ("Do
	 * you have an opinion? Write to us") closing the body, or a
	 * publisher's note (publisher_note).
	 */
	while (lastkept > firstkept &&
		   (reader_appeal(doc, lastkept, hints) || publisher_note(doc, lastkept)))
	{
		doc->units[lastkept].seg = -1;
		do
			lastkept--;
		while (lastkept > firstkept && doc->units[lastkept].seg < 0);
	}
	/* and a publisher's note over it (a live page's standing header) */
	while (firstkept < lastkept && doc->units[firstkept].seg >= 0 &&
		   publisher_note(doc, firstkept))
	{
		doc->units[firstkept].seg = -1;
		do
			firstkept++;
		while (firstkept < lastkept && doc->units[firstkept].seg < 0);
	}
	if (lastkept >= 0)
	{
		for (i = 0; i < n; i++)
		{
			char		name[96];
			size_t		nl;

			if (!bylines[i])
				continue;
			nl = byline_name(doc->text + doc->units[i].off, doc->units[i].len,
							 name, sizeof(name));
			if (nl > 0 && doc->units[lastkept].len > nl + 1 &&
				memcmp(doc->text + doc->units[lastkept].off, name, nl) == 0 &&
				doc->text[doc->units[lastkept].off + nl] == ' ' &&
				doc->units[lastkept].cls == CLS_GOOD && lastkept > firstkept)
			{
				const char *rest = doc->text + doc->units[lastkept].off + nl + 1;
				size_t		restlen = doc->units[lastkept].len - nl - 1;

				if ((restlen > 3 && memcmp(rest, "is ", 3) == 0) ||
					(restlen > 4 && memcmp(rest, "was ", 4) == 0) ||
					(restlen > 7 && memcmp(rest, "writes ", 7) == 0))
				{
					doc->units[lastkept].seg = -1;
					do
						lastkept--;
					while (lastkept > firstkept && doc->units[lastkept].seg < 0);
				}
				break;
			}
		}
	}

	/* captions before the end of the body, if wanted */
	if (opts->keep_captions)
		for (i = 0; i <= lastkept && i < n; i++)
			if (doc->units[i].cls == CLS_CAPTION)
				doc->units[i].seg = 0;

	/*
	 * The headline: a markup h1, or a short first line of text (a Reuters
	 * headline line without its prefixes)
	 */
	if (opts->keep_headline)
	{
		int			bestw = 0;

		for (i = 0; i < firstkept && i < n; i++)
		{
			NpUnit	   *u = &doc->units[i];

			if (u->cls == CLS_HEADLINE)
			{
				int			w = (int) NpUtf8Chars(doc->text + u->off, u->len);

				if (w > bestw)
				{
					bestw = w;
					*headline = i;
				}
			}
		}
		if (*headline < 0)
			for (i = 0; i < firstkept && i < n; i++)
			{
				NpUnit	   *u = &doc->units[i];

				/* a Reuters headline behind its prefixes ("UPDATE 2-") */
				if (wire_headline_at(doc, i))
				{
					*headline = i;
					break;
				}
				if (u->cls != CLS_SHORT && u->cls != CLS_HEADING && u->cls != CLS_NEAR)
					continue;
				/*
				 * not a list item under it ("* FTSE 100 down 0.6%"), nor a
				 * row of a ticker above it ("Dow Jones 38,104.22 -0.2%"),
				 * one row or several, short names or long
				 */
				if (headline_shape(doc, i, hints) && !in_price_rows(doc, i) &&
					!quotes_change(doc, i))
				{
					*headline = i;
					break;
				}
			}
		if (*headline >= 0)
			doc->units[*headline].seg = -1;
		else if (title >= 0 && title == firstkept)
			*headline = title;	/* the table's title: it stays body too */
	}

done:

	/*
	 * The safety net: clean() never empties a text that holds a sentence of
	 * prose.  If nothing was kept, keep the sentences; if none is free of
	 * banner vocabulary, keep those that have some (when unsure, keep).
	 */
	{
		bool		any = false;
		int			pass;

		for (i = 0; i < n && !any; i++)
			any = doc->units[i].seg >= 0 && i != *headline;
		for (pass = 0; pass < 2 && !any; pass++)
		{
			/* a sentence repeated in the text is kept once */
			NpHashSet  *kept = NpHashSetCreate(16);

			for (i = 0; i < n; i++)
			{
				NP_CHECK_FOR_INTERRUPTS();
				if (i == *headline || (dup[i] && NpHashSetHas(kept, hashes[i])) ||
					!is_prose(doc, i, pass == 0))
					continue;
				doc->units[i].seg = 0;
				any = true;
				if (dup[i])
					NpHashSetAdd(kept, hashes[i]);
			}
			NpHashSetFree(kept);
		}
	}

	/*
	 * A text that holds no sentence and keeps nothing else: its labels in
	 * capitals ("HOLLIS CORP OMITS DIVIDEND", a one-line item's only line)
	 * are kept rather than return nothing.  A headline or a caption kept
	 * at the caller's request does not count, so that the options change
	 * no body.  (Other rows alone, a timestamp or "Best album: X", still
	 * give ''.)
	 */
	for (i = 0; i < n; i++)
		if (doc->units[i].seg >= 0 && i != *headline &&
			doc->units[i].cls != CLS_HEADLINE && doc->units[i].cls != CLS_CAPTION)
			break;
	if (i == n)
		for (i = 0; i < n; i++)
		{
			NP_CHECK_FOR_INTERRUPTS();
			if (i != *headline && is_caps_label(doc, i, marks))
				doc->units[i].seg = 0;
		}

#ifdef NP_STANDALONE
	if (getenv("NP_CLEAN_DEBUG"))
		for (i = 0; i < n; i++)
			fprintf(stderr, "%3d cls=%d mark=%d seg=%d fl=%02x |%.*s\n", i,
					doc->units[i].cls, marks[i], doc->units[i].seg,
					(unsigned) doc->units[i].flags,
					(int) (doc->units[i].len < 90 ? doc->units[i].len : 90),
					doc->text + doc->units[i].off);
#endif
	np_free(marks);
	np_free(hashes);
	np_free(dup);
	np_free(bylines);
	np_free(hints);
	np_free(segs);
}

/* ----------------------------------------------------------------
 * Entry points
 * ----------------------------------------------------------------
 */

/*
 * Can the text we return hold U+00A3 POUND SIGN?  In the server the result
 * goes back to the database encoding; only these encodings have the sign
 * (SQL_ASCII takes the UTF-8 bytes as they are).  Elsewhere, PA copy keeps
 * its '#' rather than fail the conversion.
 */
static bool
output_has_pound_sign(void)
{
#ifdef NP_STANDALONE
	return true;
#else
	switch (GetDatabaseEncoding())
	{
		case PG_UTF8:
		case PG_SQL_ASCII:
		case PG_LATIN1:
		case PG_LATIN3:
		case PG_LATIN5:
		case PG_LATIN7:
		case PG_LATIN8:
		case PG_LATIN9:
		case PG_ISO_8859_7:
		case PG_ISO_8859_8:
		case PG_WIN1252:
		case PG_WIN1253:
		case PG_WIN1254:
		case PG_WIN1255:
		case PG_WIN1256:
		case PG_WIN1257:
		case PG_WIN1258:
			return true;
		default:
			return false;
	}
#endif
}

/*
 * Fill opts with the defaults.
 */
void
NpCleanOptionsInit(NpCleanOptions *opts)
{
	opts->format = NP_FORMAT_AUTO;
	opts->keep_headline = false;
	opts->keep_captions = false;
	opts->pound_sign = output_has_pound_sign();
}

/*
 * Is the text HTML, as opts->format says or, for 'auto', as its markup
 * shows?
 */
static bool
clean_is_html(const char *input, size_t len, const NpCleanOptions *opts)
{
	if (opts->format == NP_FORMAT_HTML)
		return true;
	if (opts->format == NP_FORMAT_TEXT)
		return false;
	return NpLooksLikeHtml(input, len);
}

/*
 * Read input[0..len) into doc's units through the HTML or text front end;
 * doc's buffers, if any, are reused (NpDocReuse).
 */
static void
clean_read(NpDoc *doc, const char *input, size_t len, bool html,
		   const NpCleanOptions *opts)
{
	NpDocReuse(doc, len);
	doc->pound_sign = opts->pound_sign;
	if (html)
		NpHtmlToUnits(input, len, doc);
	else
		NpTextToUnits(input, len, doc);
}

/*
 * Clean one piece of text into doc (its buffers reused): build units with
 * the right front end, select the body and append the kept units to
 * *out (of *cap bytes, *olen used, grown as needed) as paragraphs
 * separated by a blank line, after a blank line when *olen > 0.
 */
static void
clean_piece(NpDoc *doc, const char *input, size_t len, bool html,
			const NpCleanOptions *opts, char **out, size_t *olen, size_t *cap)
{
	size_t		o = *olen;
	int			headline;
	int			i;

	clean_read(doc, input, len, html, opts);
	select_body(doc, opts, &headline);

	if (o + doc->len + 2 * (size_t) doc->nunits + 3 > *cap)
	{
		*cap = Max(*cap * 2, o + doc->len + 2 * (size_t) doc->nunits + 3);
		*out = *out ? np_realloc(*out, *cap) : np_alloc(*cap);
	}
	if (headline >= 0)
	{
		if (o > 0)
		{
			(*out)[o++] = '\n';
			(*out)[o++] = '\n';
		}
		memcpy(*out + o, doc->text + doc->units[headline].off,
			   doc->units[headline].len);
		o += doc->units[headline].len;
	}
	for (i = 0; i < doc->nunits; i++)
	{
		NpUnit	   *u = &doc->units[i];

		if (u->seg < 0 || i == headline)
			continue;
		if (o > 0)
		{
			(*out)[o++] = '\n';
			(*out)[o++] = '\n';
		}
		memcpy(*out + o, doc->text + u->off, u->len);
		o += u->len;
	}
	(*out)[o] = '\0';
	*olen = o;
}

/*
 * The headline clean() with keep_headline puts first, or NULL when the
 * text has none: the same front ends and body selection, run on the text
 * (of plain text longer than NP_TEXT_BLOCK, its first block, where clean()
 * seeks the headline).  Returns a newly allocated NUL-terminated string.
 */
char *
NpHeadline(const char *input, size_t len, const NpCleanOptions *opts,
		   size_t *outlen)
{
	NpCleanOptions o = *opts;
	NpDoc		doc = {0};
	bool		html;
	int			headline;
	char	   *out = NULL;

	NpVocabInit();
	NpClassifyInit();
	html = clean_is_html(input, len, &o);
	if (!html && len > NP_TEXT_BLOCK)
		len = NpBlockEnd(input, len, 0, NP_TEXT_BLOCK);
	o.keep_headline = true;

	clean_read(&doc, input, len, html, &o);
	select_body(&doc, &o, &headline);
	if (headline >= 0)
	{
		NpUnit	   *u = &doc.units[headline];

		out = np_alloc(u->len + 1);
		memcpy(out, doc.text + u->off, u->len);
		out[u->len] = '\0';
		*outlen = u->len;
	}
	NpDocFree(&doc);
	return out;
}

/*
 * Clean an article.  Plain text longer than NP_TEXT_BLOCK is cleaned block
 * by block (each block is read as a page of its own, the headline sought in
 * the first only), so that the working memory stays that of one block: no
 * article is that long, and a text that is (a whole feed, an archive) is
 * better read as several pages anyway.
 */
char *
NpCleanText(const char *input, size_t len, const NpCleanOptions *opts,
			size_t *outlen)
{
	bool		html;
	NpCleanOptions o;
	NpDoc		doc = {0};
	char	   *out = NULL;
	size_t		olen = 0;
	size_t		cap = 0;
	size_t		start = 0;

	NpVocabInit();
	NpClassifyInit();
	html = clean_is_html(input, len, opts);
	if (html || len <= NP_TEXT_BLOCK)
	{
		clean_piece(&doc, input, len, html, opts, &out, &olen, &cap);
		NpDocFree(&doc);
		*outlen = olen;
		return out;
	}

	o = *opts;
	cap = len + len / 2 + 16;
	out = np_alloc(cap);
	while (start < len)
	{
		size_t		end = NpBlockEnd(input, len, start, NP_TEXT_BLOCK);

		clean_piece(&doc, input + start, end - start, false, &o, &out, &olen,
					&cap);
		o.keep_headline = false;
		start = end;
		NP_CHECK_FOR_INTERRUPTS();
	}
	NpDocFree(&doc);
	out[olen] = '\0';
	*outlen = olen;
	return out;
}
