/*-------------------------------------------------------------------------
 *
 * clean_html.c
 *	  HTML front end of the article cleaner: parse a page with libxml2's
 *	  error-tolerant HTML parser and turn its block elements into units.
 *
 * Elements that never hold the story (script, style, nav, footer, aside,
 * form, iframe, svg, buttons...) are skipped with their subtree, as are
 * elements hidden with the hidden attribute, aria-hidden or an ARIA role
 * of navigation, banner, contentinfo, complementary or search.  A header
 * element and elements whose class or id names page furniture ("share",
 * "related", "newsletter", "comments", "ad"...) are walked, but their
 * units are flagged as furniture, except an h1, which is the headline.
 * Text inside links is counted, so the classifier can see link density.
 *
 * The page reaches libxml2 through html_feed.c, which rewrites it into a
 * canonical form libxml2 parses in linear time, in slices with interrupt
 * checks between them, and we receive libxml2's SAX events: no document
 * tree is built, so memory stays a small multiple of the text kept.  A
 * stack of element states (one entry per open element, at most
 * NP_HTML_MAX_DEPTH deep) tells what leaving an element undoes.
 *
 * src/text/clean_html.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"


#include <libxml/HTMLparser.h>
#include <libxml/xmlstring.h>

#include "text/clean.h"
#include "text/doc.h"
#include "text/html_feed.h"
#include "text/unicode.h"

/* What the walk does with an element */
#define EL_SKIP		0x01		/* drop with its subtree */
#define EL_BLOCK	0x02		/* starts and ends a unit */
#define EL_LINK		0x04		/* text inside counts as link text */
#define EL_BOILER	0x08		/* units inside are furniture */
#define EL_CAPTION	0x10		/* units inside are captions */
#define EL_HEADING	0x20		/* h2..h6 */
#define EL_HEADLINE 0x40		/* h1 */
#define EL_LIST		0x80		/* li */
#define EL_BR		0x100		/* line break */
#define EL_ARTICLE	0x200		/* article body container */
#define EL_PRE		0x400		/* pre: its short lines are units */
#define EL_CELL		0x800		/* td, th: a cell of a table's row */
#define EL_PARA		0x1000		/* p, div: a paragraph */
#define EL_CELLTEXT 0x2000		/* a block that opens a cell: the cell's text
								 * (walk_cell_text), not a block */

/*
 * A line of a pre element shorter than this (not counting blanks) is a
 * row of a table or list under another, or a wrapped paragraph's last
 * line under a longer one; longer ones are hard-wrapped prose, which
 * agencies wrap at 64 to 80 characters.
 */
#define PRE_ROW_MAX_BYTES 48

/*
 * A table's cell of more than this many bytes of text, or one that holds a
 * block (a paragraph, a heading, a list's item, a table's row) besides the
 * one that opens it (walk_cell_text), is a layout table's column, not a
 * datum: its text is a unit of its own.
 */
#define CELL_MAX_BYTES 80

static const char *skip_tags[] = {
	"applet", "aside", "audio", "button", "canvas", "datalist", "dialog",
	"embed", "footer", "frame", "frameset", "head", "iframe",
	"input", "label", "map", "math", "menu", "meter", "nav", "noembed",
	"noframes", "noscript", "object", "option", "output", "picture",
	"progress", "script", "select", "source", "style", "svg", "template",
	"textarea", "title", "track", "video"
};

static const char *block_tags[] = {
	"address", "article", "blockquote", "body", "caption", "center", "dd",
	"details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
	"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
	"main", "ol", "p", "pre", "section", "summary", "table", "tbody",
	"tfoot", "thead", "tr", "ul"
};

/* class/id tokens that name page furniture (exact tokens) */
static const char *boiler_tokens[] = {
	"ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising",
	"aside", "author", "authors", "banner", "bio", "breadcrumb",
	"breadcrumbs", "byline", "bylines", "comment", "comments", "consent",
	"cookie", "cookies", "cta", "dateline", "disqus", "donate", "footer",
	"gdpr", "header", "hidden", "login", "masthead", "menu", "meta",
	"modal", "more", "nav", "navbar", "navigation", "newsletter", "outbrain",
	"pagination", "pager", "paywall", "popular", "popup", "print", "promo",
	"promoted", "recirc", "recommendations", "recommended", "related",
	"share", "sharebar", "sharing", "sidebar", "signup", "skip", "social",
	"sponsor", "sponsored", "subscribe", "subscription", "taboola", "tags",
	"teaser", "teasers", "tiktok", "timestamp", "toolbar", "trending",
	"tweet", "twitter", "widget", "widgets", "embed", "fb", "instagram"
};

/* class/id tokens that name captions */
static const char *caption_tokens[] = {
	"caption", "credit", "credits", "figcaption", "photo-credit", "wp-caption-text"
};

/*
 * Compare C strings for qsort.
 */
static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

#define NELEM(l) (sizeof(l) / sizeof(l[0]))

static bool tags_sorted = false;

/*
 * Sort the name lists once per process, for binary search.
 */
static void
sort_tags(void)
{
	if (tags_sorted)
		return;
	qsort(skip_tags, NELEM(skip_tags), sizeof(char *), cmp_cstr);
	qsort(block_tags, NELEM(block_tags), sizeof(char *), cmp_cstr);
	qsort(boiler_tokens, NELEM(boiler_tokens), sizeof(char *), cmp_cstr);
	qsort(caption_tokens, NELEM(caption_tokens), sizeof(char *), cmp_cstr);
	tags_sorted = true;
}

/*
 * Is s (lower case) in the sorted list?
 */
static bool
in_tags(const char **list, size_t n, const char *s)
{
	size_t		lo = 0;
	size_t		hi = n;

	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		int			c = strcmp(s, list[mid]);

		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

#define IN_TAGS(l, s) in_tags(l, NELEM(l), s)

/*
 * Scan a class or id attribute value for furniture or caption tokens.
 * Tokens are split at non-alphanumerics and at lower-to-upper camel-case
 * transitions ("relatedStories" -> "related", "stories").  On a table's
 * header cell (th true) "header" names the table's header, not the page's
 * (<th class="header">, as jQuery's tablesorter and MediaWiki's
 * "headerSort" mark a results table's column titles); a td so named may
 * be a layout table's masthead.  Nor does a caption or credit class on a
 * header cell name a photo's caption: it names its column (<th
 * class="credit">Credit</th> over a statement's figures).
 */
static int
scan_names(const char *v, bool th)
{
	char		tok[32];
	size_t		k = 0;
	int			result = 0;
	const char *p;

	for (p = v;; p++)
	{
		char		c = *p;
		bool		alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9');
		bool		camel = k > 0 && c >= 'A' && c <= 'Z' &&
			tok[k - 1] >= 'a' && tok[k - 1] <= 'z';

		if (!alnum || camel)
		{
			if (k > 0 && k < sizeof(tok))
			{
				tok[k] = '\0';
				if (IN_TAGS(boiler_tokens, tok) &&
					!(th && strcmp(tok, "header") == 0))
					result |= EL_BOILER;
				if (IN_TAGS(caption_tokens, tok) && !th)
					result |= EL_CAPTION;
			}
			k = 0;
			if (c == '\0')
				break;
			if (!alnum)
				continue;
		}
		if (k < sizeof(tok) - 1)
			tok[k++] = (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
		else
			k = sizeof(tok);	/* too long to match anything */
	}
	return result;
}

/*
 * The value of attribute name in libxml2's attribute array ("" for an
 * attribute without a value), NULL if absent.
 */
static const xmlChar *
att_value(const xmlChar **atts, const char *name)
{
	if (atts == NULL)
		return NULL;
	for (; atts[0] != NULL; atts += 2)
		if (strcmp((const char *) atts[0], name) == 0)
			return atts[1] ? atts[1] : (const xmlChar *) "";
	return NULL;
}

/*
 * Work out what to do with an element.
 */
static int
element_state(const char *n, const xmlChar **atts)
{
	char		name[16];
	size_t		i;
	int			st = 0;
	const xmlChar *v;

	if (n == NULL)
		return EL_SKIP;
	for (i = 0; n[i] && i < sizeof(name) - 1; i++)
		name[i] = (n[i] >= 'A' && n[i] <= 'Z') ? n[i] - 'A' + 'a' : n[i];
	name[i] = '\0';
	if (n[i] != '\0')
		return 0;				/* an unknown long name: inline */

	if (IN_TAGS(skip_tags, name))
		return EL_SKIP;
	if (IN_TAGS(block_tags, name))
		st |= EL_BLOCK;
	if (strcmp(name, "br") == 0)
		return EL_BR;
	if (strcmp(name, "a") == 0)
		st |= EL_LINK;
	else if (strcmp(name, "h1") == 0)
		st |= EL_HEADLINE;
	else if (name[0] == 'h' && name[1] >= '2' && name[1] <= '6' && name[2] == '\0')
		st |= EL_HEADING;
	else if (strcmp(name, "li") == 0)
		st |= EL_LIST;
	else if (strcmp(name, "figcaption") == 0 || strcmp(name, "caption") == 0)
		st |= EL_CAPTION;
	else if (strcmp(name, "header") == 0 || strcmp(name, "form") == 0)
		st |= EL_BOILER;		/* usually furniture; whole-page forms exist */
	else if (strcmp(name, "article") == 0)
		st |= EL_ARTICLE;
	else if (strcmp(name, "pre") == 0)
		st |= EL_PRE;
	else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		st |= EL_CELL;
	else if (strcmp(name, "p") == 0 || strcmp(name, "div") == 0)
		st |= EL_PARA;

	/* attributes (html_feed.c passes on only the ones read here) */
	if (att_value(atts, "hidden"))
		return EL_SKIP;
	v = att_value(atts, "aria-hidden");
	if (v && xmlStrcasecmp(v, (const xmlChar *) "true") == 0)
		return EL_SKIP;
	v = att_value(atts, "role");
	if (v && (xmlStrcasecmp(v, (const xmlChar *) "navigation") == 0 ||
			  xmlStrcasecmp(v, (const xmlChar *) "banner") == 0 ||
			  xmlStrcasecmp(v, (const xmlChar *) "contentinfo") == 0 ||
			  xmlStrcasecmp(v, (const xmlChar *) "complementary") == 0 ||
			  xmlStrcasecmp(v, (const xmlChar *) "search") == 0 ||
			  xmlStrcasecmp(v, (const xmlChar *) "dialog") == 0 ||
			  xmlStrcasecmp(v, (const xmlChar *) "alertdialog") == 0))
		return EL_SKIP;
	v = att_value(atts, "style");
	if (v && (xmlStrstr(v, (const xmlChar *) "display:none") != NULL ||
			  xmlStrstr(v, (const xmlChar *) "display: none") != NULL))
		return EL_SKIP;
	v = att_value(atts, "itemprop");
	if (v && xmlStrcasecmp(v, (const xmlChar *) "articleBody") == 0)
		st |= EL_ARTICLE;

	/*
	 * class and id name the part of the page; an article body wins, and
	 * the classes of html, body and main describe the page, not a part
	 */
	if (!(st & EL_ARTICLE) && strcmp(name, "body") != 0 &&
		strcmp(name, "html") != 0 && strcmp(name, "main") != 0)
	{
		bool		th = strcmp(name, "th") == 0;

		v = att_value(atts, "class");
		if (v)
			st |= scan_names((const char *) v, th);
		v = att_value(atts, "id");
		if (v)
			st |= scan_names((const char *) v, th);
	}
	/* a block that names itself a caption is not furniture */
	if (st & EL_CAPTION)
		st &= ~EL_BOILER;
	return st;
}

/*
 * Does the text look like HTML: a doctype, or several known tags near
 * the start?
 */
bool
NpLooksLikeHtml(const char *s, size_t len)
{
	static const char *const tags[] = {
		"html", "head", "body", "p", "div", "span", "a", "br", "article",
		"section", "h1", "h2", "h3", "script", "style", "meta", "link",
		"table", "ul", "li", "img", "title", "header", "footer", "nav",
		"main", "figure", "em", "strong", "b", "i"
	};
	size_t		lim = len < 65536 ? len : 65536;
	size_t		i;
	int			hits = 0;

	for (i = 0; i + 1 < lim; i++)
	{
		size_t		j;
		char		name[12];
		size_t		k = 0;
		const char *lt = memchr(s + i, '<', lim - 1 - i);

		if (lt == NULL)
			break;
		i = lt - s;
		j = i + 1;
		if (s[j] == '!')
		{
			if (lim - j >= 8 && (strncmp(s + j, "!DOCTYPE", 8) == 0 ||
								 strncmp(s + j, "!doctype", 8) == 0))
				return true;
			if (lim - j >= 3 && strncmp(s + j, "!--", 3) == 0)
				hits++;
			continue;
		}
		if (s[j] == '/')
			j++;
		while (j < lim && k < sizeof(name) - 1 &&
			   ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
				(s[j] >= '1' && s[j] <= '6')))
		{
			name[k++] = (s[j] >= 'A' && s[j] <= 'Z') ? s[j] - 'A' + 'a' : s[j];
			j++;
		}
		name[k] = '\0';
		if (k == 0 || j >= lim || !(s[j] == '>' || s[j] == ' ' || s[j] == '/' ||
									s[j] == '\n' || s[j] == '\t'))
			continue;
		if (strcmp(name, "html") == 0 || strcmp(name, "body") == 0)
			return true;
		for (k = 0; k < NELEM(tags); k++)
			if (strcmp(tags[k], name) == 0)
				break;
		if (k < NELEM(tags) && ++hits >= 2)
			return true;
	}
	return false;
}

/* An open element: what the walk does with it, and where a cell began */
typedef struct WalkEl
{
	int			st;				/* EL_* */
	/* a cell: the document at its start, and the cell it is in (or -1) */
	int			nunits;			/* units */
	size_t		len;			/* bytes of text */
	size_t		link;			/* link bytes of the unit being built */
	bool		space_link;		/* the space at len, once written, is a
								 * link's (walk_append) */
	int			outer;
	uint32_t	row_flags;		/* the unit flags where the cell opened */
	/*
	 * the unit flags of the heading or list item that opened the cell
	 * (walk_cell_text), once it has ended, and the text's length then: the
	 * cell's text, if a later block makes the cell a column (walk_flush)
	 */
	uint32_t	text_flags;
	size_t		text_end;
} WalkEl;

/* Walk state: counters of enclosing elements of each kind */
typedef struct Walk
{
	NpDoc	   *doc;
	int			in_link;
	int			in_boiler;
	int			in_caption;
	int			in_heading;
	int			in_headline;
	int			in_list;
	int			in_article;
	int			in_pre;
	size_t		pre_ink;		/* non-blank bytes of the pre's line so far */
	bool		pre_short;		/* the pre's line before was short */
	bool		pre_end;		/* it ended a sentence: break if no lower case */
	uint32		pre_tail;		/* the last three non-blank bytes of the line */
	bool		after_br;		/* a <br> with no text since */
	int			cell;			/* the innermost open cell in stack, or -1 */
	WalkEl	   *stack;			/* the open elements */
	int			depth;
	int			cap;
	int			skip;			/* open elements inside a skipped one */
} Walk;

/*
 * The unit flags of the enclosing elements.
 */
static uint32_t
walk_flags(const Walk *w)
{
	uint32_t	flags = NPU_HTML;

	if (w->in_headline)
		flags |= NPU_HEADLINE;
	else if (w->in_boiler)
		flags |= NPU_BOILER;
	if (w->in_caption)
		flags |= NPU_CAPTION;
	if (w->in_heading)
		flags |= NPU_HEADING;
	if (w->in_list)
		flags |= NPU_LISTITEM;
	if (w->in_article)
		flags |= NPU_ARTICLE;
	return flags;
}

/*
 * End the current unit with flags from the enclosing elements.  Inside a
 * table's cell, the cells before it in its row, if the unit holds them,
 * are a unit of their own, with the flags of the row: the cell is a layout
 * table's column.  The cell's text is then a heading or a list's item if
 * it is all the text of the one that opened the cell (WalkEl.text_flags).
 */
static void
walk_flush(Walk *w)
{
	uint32_t	flags = walk_flags(w);
	WalkEl	   *cell = (w->cell >= 0 && w->cell <= w->depth) ?
		&w->stack[w->cell] : NULL;

	if (cell && cell->len > w->doc->cur_start && cell->len < w->doc->len)
		NpDocFlushBefore(w->doc, cell->len, cell->link, cell->space_link,
						 cell->row_flags);
	if (cell && cell->text_flags != 0)
	{
		if (w->doc->len == cell->text_end)
			flags |= cell->text_flags;
		cell->text_flags = 0;
	}
	NpDocFlush(w->doc, flags);
	w->after_br = false;
}

/*
 * Update the counters on entering (delta 1) or leaving (-1) an element.
 */
static void
walk_count(Walk *w, int st, int delta)
{
	if (st & EL_LINK)
		w->in_link += delta;
	if (st & EL_BOILER)
		w->in_boiler += delta;
	if (st & EL_CAPTION)
		w->in_caption += delta;
	if (st & EL_HEADING)
		w->in_heading += delta;
	if (st & EL_HEADLINE)
		w->in_headline += delta;
	if (st & EL_LIST)
		w->in_list += delta;
	if (st & EL_ARTICLE)
		w->in_article += delta;
	if (st & EL_PRE)
	{
		w->in_pre += delta;
		w->pre_ink = 0;
		w->pre_short = true;
		w->pre_end = false;
	}
}

/*
 * Is the element just entered (st, on top of the stack) a block that opens
 * a table's cell: a paragraph ("<td><p>Net</p></td>", as word processors
 * write every cell), a heading ("<td><h3>Arsenal</h3>"), a list or its
 * item ("<td><ul><li>"), a table or its row (a table nested in the cell),
 * or any other block with no part to play but to be one (no headline, no
 * pre, no class that names furniture, a caption or the article), directly
 * inside the cell or inside such a block, before any text of the cell?
 * Its text is the cell's, a datum of its row, unless the cell's content
 * makes it a layout table's column (walk_end): a second block in the cell
 * (the paragraphs under a column's heading, a list's second item, a nested
 * table's second row), or long text.
 */
static bool
walk_cell_text(const Walk *w, int st)
{
	const WalkEl *cell;
	int			parent = w->depth - 2;

	if ((st & ~(EL_PARA | EL_HEADING | EL_LIST)) != EL_BLOCK ||
		w->cell < 0 || parent < w->cell)
		return false;
	if (parent != w->cell && !(w->stack[parent].st & EL_CELLTEXT))
		return false;
	cell = &w->stack[w->cell];
	return w->doc->len == cell->len && w->doc->nunits == cell->nunits;
}

/*
 * Is the innermost open cell a layout table's column: a block inside it
 * has ended a unit, or it holds more than CELL_MAX_BYTES of text?
 */
static bool
walk_cell_is_column(const Walk *w, const WalkEl *cell)
{
	return w->doc->nunits != cell->nunits ||
		w->doc->len - cell->len > CELL_MAX_BYTES;
}

/*
 * Drop the text of a table's cell (el, just left) whose own class or id
 * names furniture ("<td class=\"promo\">") and that is no layout table's
 * column: its text is still in the unit of its row, where the row's flags,
 * not the cell's, would mark it.  The other cells of the row stay one unit,
 * as if the cell were not there; a furniture unit of its own between them
 * would cut a table's row, and its rows, in two.  A column (walk_end) is a
 * unit marked as furniture, as a <div class="promo"> is.
 */
static void
walk_drop_cell(Walk *w, const WalkEl *el)
{
	NpDoc	   *doc = w->doc;
	int			c;

	if (doc->len <= el->len)
		return;
	Assert(el->len >= doc->cur_start && el->link <= doc->cur_link);
	doc->len = el->len;
	doc->cur_link = el->link;
	doc->cur_space = NpDocPending(doc);

	/*
	 * the enclosing cells that opened with this one's text hold none now:
	 * the space a link wrote at their start is gone (walk_append)
	 */
	for (c = el->outer; c >= 0 && w->stack[c].len == el->len &&
		 w->stack[c].space_link; c = w->stack[c].outer)
		w->stack[c].space_link = false;
}

/*
 * Is the text of a table's cell (el, just left) words alone: a letter and
 * no digit?  A cell whose own class names a caption or a credit is a
 * photo's caption or credit ("<td class=\"credit\">Photo: Reuters</td>")
 * when it is; one that holds a figure or no word is a datum of its row: a
 * statement's "credit" column ("<td class=\"credit\">1,250.00</td>", a
 * nil "-"), or a caption with a year, which stays as it did.  The cell is
 * no column (walk_cell_is_column): CELL_MAX_BYTES of text at most.
 */
static bool
walk_cell_is_words(const Walk *w, const WalkEl *el)
{
	const unsigned char *s = (const unsigned char *) w->doc->text;
	size_t		i = el->len;
	bool		letter = false;

	while (i < w->doc->len)
	{
		uint32		cp;

		i += NpUtf8Decode(s + i, w->doc->len - i, &cp);
		if (NpUniIsDigit(cp))
			return false;
		letter |= NpUniIsLetter(cp);
	}
	return letter;
}

/*
 * Entering an element.
 */
static void
walk_start(void *arg, const char *name, const xmlChar **atts)
{
	Walk	   *w = (Walk *) arg;
	WalkEl	   *el;
	int			st;

	if (w->skip > 0)
	{
		w->skip++;
		return;
	}
	st = element_state(name, atts);
	if (w->depth == w->cap)
	{
		w->cap *= 2;
		w->stack = np_realloc(w->stack, w->cap * sizeof(WalkEl));
	}
	el = &w->stack[w->depth++];
	el->st = st;
	if (st & EL_CELL)
	{
		/*
		 * A row's cells are one unit, a space between two, as the columns
		 * of a plain-text table's row are ("Arsenal 2 Chelsea 1"); a row
		 * (tr) is a block.  A cell that turns out to be a layout table's
		 * column ends its unit when it ends (walk_end).
		 */
		if (NpDocPending(w->doc))
			NpDocSpace(w->doc);
		el->nunits = w->doc->nunits;
		el->len = w->doc->len;
		el->link = w->doc->cur_link;
		el->space_link = false;
		el->outer = w->cell;
		el->row_flags = walk_flags(w);
		el->text_flags = 0;
		el->text_end = 0;
		w->cell = w->depth - 1;
	}
	if (st & EL_BR)
	{
		/* one <br> is a space, two in a row end a paragraph */
		if (w->after_br)
			walk_flush(w);
		else if (NpDocPending(w->doc))
		{
			NpDocSpace(w->doc);
			w->after_br = true;
		}
	}
	else if (st & EL_SKIP)
		w->skip = 1;
	else
	{
		if (walk_cell_text(w, st))
			el->st = st = (st & ~EL_BLOCK) | EL_CELLTEXT;
		if (st & EL_BLOCK)
			walk_flush(w);
		walk_count(w, st, 1);
	}
}

/*
 * Leaving an element: undo what entering it did.
 */
static void
walk_end(void *arg, const char *name)
{
	Walk	   *w = (Walk *) arg;
	const WalkEl *el;
	int			st;

	(void) name;
	if (w->skip > 1)
	{
		w->skip--;
		return;
	}
	if (w->depth == 0)
		return;					/* libxml2 balances its events; be safe */
	el = &w->stack[--w->depth];
	st = el->st;
	if (w->skip == 1)
	{
		w->skip = 0;
		return;
	}
	if (st & EL_BR)
		return;
	if (st & EL_CELLTEXT)
	{
		/* the cell's text, or a block of a layout table's column */
		WalkEl	   *cell = w->cell >= 0 ? &w->stack[w->cell] : NULL;

		if (cell && walk_cell_is_column(w, cell))
			walk_flush(w);
		else
		{
			if (cell && (st & (EL_HEADING | EL_LIST)))
			{
				/* a heading or an item: the cell's text is one, so far */
				if (cell->text_end != w->doc->len)
					cell->text_flags = 0;
				cell->text_flags |=
					(st & EL_HEADING) ? NPU_HEADING : NPU_LISTITEM;
				cell->text_end = w->doc->len;
			}
			if (NpDocPending(w->doc))
				NpDocSpace(w->doc);
		}
	}
	if (st & EL_CELL)
	{
		/*
		 * a layout table's column: a block inside it, or long text; a cell
		 * that names itself furniture, or a caption or credit of words
		 * alone, is dropped from its row (in the row's unit its text would
		 * carry the row's marks, not a caption's)
		 */
		if (walk_cell_is_column(w, el))
			walk_flush(w);
		else if ((st & EL_BOILER) ||
				 ((st & EL_CAPTION) && walk_cell_is_words(w, el)))
			walk_drop_cell(w, el);
		w->cell = el->outer;
	}
	if (st & EL_BLOCK)
		walk_flush(w);
	walk_count(w, st, -1);
}

/*
 * Append text to the document.  The space that a link's text writes first,
 * at the start of open cells (a row's cells are joined by a space), is
 * counted as the link's (NpDocAppend): note it in those cells, for
 * NpDocFlushBefore, which drops that space when a cell turns out to be a
 * layout table's column.  Each cell is noted once at most, and once more
 * after each furniture cell inside it that is dropped (walk_drop_cell):
 * the loop is linear in the cells of the text, times their depth at most.
 */
static void
walk_append(Walk *w, const char *s, size_t len)
{
	size_t		before = w->doc->len;
	int			c;

	NpDocAppend(w->doc, s, len, w->in_link > 0);
	if (w->in_link == 0 || w->doc->len == before || w->doc->text[before] != ' ')
		return;
	for (c = w->cell; c >= 0 && w->stack[c].len == before; c = w->stack[c].outer)
		w->stack[c].space_link = true;
}

/*
 * Text, outside skipped elements.
 */
static void
walk_text(void *arg, const char *s, size_t len)
{
	Walk	   *w = (Walk *) arg;
	size_t		before;

	if (w->skip > 0)
		return;

	/*
	 * Preformatted text keeps its rows: a table or a list sent in a pre
	 * element ("Brazil v Argentina", "France v Spain") has a short line a
	 * row, as in plain text, and a blank line ends a paragraph.  A long
	 * line is a line of hard-wrapped prose (an agency's story in a pre
	 * element), which runs on into the next, its paragraph's last line
	 * too, which is short, unless it ends a sentence (then a credit such
	 * as "(Reporting by ...)" under the last paragraph stays apart) and the
	 * next line does not go on in lower case (a line that ends on an
	 * abbreviation, "the U.S.", over "embassy in ...").  The break after a
	 * sentence's end waits for the next line's first visible byte.
	 */
	while (w->in_pre > 0)
	{
		const char *nl = memchr(s, '\n', len);
		size_t		n = nl ? (size_t) (nl - s) : len;
		size_t		k;
		bool		is_short;
		uint32		last;

		NP_CHECK_FOR_INTERRUPTS();
		for (k = 0; k < n; k++)
			if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
			{
				if (w->pre_end)
				{
					if (s[k] >= 'a' && s[k] <= 'z')
						NpDocSpace(w->doc);
					else
						walk_flush(w);
					w->pre_end = false;
				}
				w->pre_ink++;
				w->pre_tail = ((w->pre_tail << 8) | (unsigned char) s[k]) & 0xFFFFFF;
			}
		if (nl == NULL)
			break;
		walk_append(w, s, n);
		is_short = w->pre_ink < PRE_ROW_MAX_BYTES;
		last = w->pre_tail & 0xFF;
		if (w->pre_ink == 0 || (is_short && w->pre_short))
		{
			walk_flush(w);
			w->pre_end = false;
		}
		else if (last == '.' || last == '!' || last == '?' || last == '"' ||
				 w->pre_tail == 0xE2809D)	/* U+201D, a closing quotation mark */
			w->pre_end = true;
		else
			NpDocSpace(w->doc);
		w->pre_short = is_short;
		w->pre_ink = 0;
		s += n + 1;
		len -= n + 1;
	}
	before = w->doc->len;
	walk_append(w, s, len);
	if (w->doc->len > before)
		w->after_br = false;
}

/*
 * Parse HTML and append its blocks to doc as units.
 */
void
NpHtmlToUnits(const char *s, size_t len, NpDoc *doc)
{
	static const NpHtmlEvents events = {walk_start, walk_end, walk_text};
	Walk		w;

	sort_tags();
	memset(&w, 0, sizeof(w));
	w.doc = doc;
	w.cell = -1;
	w.cap = 64;
	w.stack = np_alloc(w.cap * sizeof(WalkEl));

	NpHtmlFeed(s, len, &events, &w);
	walk_flush(&w);
	np_free(w.stack);
}
