/*-------------------------------------------------------------------------
 *
 * html_feed.c
 *	  Feed untrusted HTML to libxml2's HTML parser in linear time, with
 *	  bounded memory and interrupt checks.
 *
 * libxml2's error-tolerant HTML parser gives us what we want from it: the
 * entity table, and the tag-soup repair that decides which elements an
 * implied end tag closes (<p> inside <p>, <li> after <li>, a block closing
 * an open paragraph...).  Its tokenizer, on the other hand, is slow or
 * quadratic on several shapes of hostile input (libxml2 2.9):
 *
 *	- every attribute is compared with all earlier ones of the same tag
 *	  (40,000 attributes on one tag take seconds, a million take hours);
 *	- every end tag that matches no open element scans the whole stack of
 *	  open elements, so stray end tags after deep nesting are quadratic;
 *	- every malformed construct (a control character, an unknown entity, a
 *	  stray end tag...) formats an error message with malloc;
 *	- element and entity names are interned for the life of the parse, so
 *	  a page of distinct made-up names grows the dictionary without bound;
 *	- one text run, comment or attribute value is parsed in one go, with no
 *	  way to stop it in the middle.
 *
 * So we never give libxml2 the page itself.  A linear tokenizer rewrites it
 * into a small canonical HTML that holds only what the cleaner reads, and
 * pushes it to libxml2's push parser in slices of at most FEED_CHUNK bytes,
 * checking for interrupts between slices:
 *
 *	- start tags keep only the attributes element_state() reads (class, id,
 *	  style, role, hidden, aria-hidden, itemprop), each once and at most
 *	  NP_HTML_MAX_ATTR_VALUE bytes long; quoting is made regular;
 *	- comments, doctypes, processing instructions, CDATA sections and the
 *	  contents of <script> and <style> are dropped (the cleaner never shows
 *	  them), and a '<' that starts no tag becomes "&lt;";
 *	- entity references that libxml2 would not decode are escaped, and
 *	  malformed character references are dropped (as libxml2 drops them),
 *	  so that libxml2 reports no error and interns no name for them;
 *	- control characters (which libxml2 drops, with an error each) are
 *	  dropped, invalid UTF-8 becomes U+FFFD;
 *	- long text runs get an empty comment every FEED_TEXT_SPLIT bytes, so
 *	  that libxml2 parses them slice by slice;
 *	- at most NP_HTML_MAX_DEPTH elements are open at once: we read
 *	  libxml2's own stack of open elements between slices, and drop start
 *	  tags that would go deeper (their text is kept);
 *	- an end tag that cannot close anything (its element is not open, or
 *	  an element of higher end priority stands in the way) is dropped
 *	  before libxml2 scans its stack for it;
 *	- at most FEED_MAX_UNKNOWN distinct unknown element names reach
 *	  libxml2; later ones share FEED_ALIASES alias names.
 *
 * The page is wrapped in one <html> element that is never closed, because
 * libxml2's push parser stops reading once its stack of open elements is
 * empty; the page's own <html> tags are dropped.
 *
 * Everything libxml2 allocates (with malloc: we leave its global allocator
 * alone, as the server's own XML support does, so that other users of
 * libxml2 in the same process are not disturbed) belongs to the parser
 * context, which is freed on every path out of NpHtmlFeed(), errors and
 * cancellation included.  We never long-jump across libxml2's frames: an
 * ERROR raised by a callback is caught at the callback, the rest of the
 * slice is ignored, and the error is re-thrown once libxml2 has returned.
 * What libxml2 holds is bounded: its input buffer (one slice, shrunk as it
 * goes), a stack of at most NP_HTML_MAX_DEPTH names, and a dictionary of
 * at most a few hundred names.
 *
 * src/text/html_feed.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include <limits.h>
#include <stdint.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "np_hash.h"
#include "text/html_feed.h"
#include "text/unicode.h"

#ifndef NP_STANDALONE
#include "utils/memutils.h"
#endif

/* (overridable, to test that answers do not depend on where slices end) */
#ifndef FEED_CHUNK
#define FEED_CHUNK			(64 * 1024) /* staged bytes per slice */
#endif
#ifndef FEED_TEXT_SPLIT
#define FEED_TEXT_SPLIT		(32 * 1024) /* text bytes between two breaks */
#endif
#ifndef FEED_MAX_ENDS
#define FEED_MAX_ENDS		32		/* end tags staged while the stack is unknown */
#endif
#define FEED_CHECK_EVERY	(256 * 1024)	/* input bytes between interrupt checks */
#define FEED_MAX_NAME		100		/* libxml2 reads at most 100 bytes of a name */
#define FEED_MAX_UNKNOWN	512
#define FEED_ALIASES		16
#define FEED_MAX_NAMES		1024	/* >= known names + unknown + aliases */
#define FEED_NAME_SLOTS		2048	/* hash slots, a power of two */
#define FEED_MAX_BODY		16		/* <body> start tags passed on */
#define FEED_MAX_ENTITY		32		/* longer names are not entities */

/* FeedName.flags */
#define FN_KNOWN	0x01		/* an element libxml2 knows */
#define FN_EMPTY	0x02		/* a void element (br, img...): never open */
#define FN_RAW		0x04		/* script or style: content is not markup */

typedef struct FeedName
{
	char		name[FEED_MAX_NAME + 1];
	uint8_t		len;
	uint8_t		flags;
	int16_t		prio;			/* libxml2's end-tag priority */
	int32_t		count;			/* copies possibly on libxml2's stack */
	bool		blocked;		/* an end tag for it would be a no-op */
} FeedName;

typedef struct Feed
{
	htmlParserCtxtPtr ctxt;
	const NpHtmlEvents *ev;
	void	   *arg;
	bool		failed;			/* a callback raised an error */
#ifndef NP_STANDALONE
	ErrorData  *error;
#endif

	/* canonical HTML staged for the next slice */
	char	   *out;
	size_t		out_len;
	size_t		out_cap;
	size_t		text_run;		/* text bytes staged since the last break */
	size_t		next_check;		/* input offset of the next interrupt check */

	/* element names */
	FeedName   *names;
	int			nnames;
	int			nunknown;
	int16_t    *slots;			/* name id + 1, 0 = free */
	int		   *touched;		/* ids with count > 0 */
	int			ntouched;
	int			id_html;
	int			id_body;
	int			id_head;
	int			id_p;

	/* libxml2's state at the last slice, and what was staged since */
	int			depth;			/* its stack of open elements */
	int			misplaced;		/* its count of ignored html/body/head tags */
	int			staged_starts;	/* start tags that may push */
	int			staged_ends;
	bool		stack_changed;	/* a tag was staged since */
	bool		text_since;		/* text was staged (may imply a <p>) */
	bool		text_last;		/* the staged bytes end with text */
	bool		depth_dirty;	/* a <body> or <head> was staged */
	int			bodies;
} Feed;

/* The attributes element_state() reads; all others are dropped */
static const char *const kept_attrs[] = {
	"class", "id", "style", "role", "hidden", "aria-hidden", "itemprop"
};

#define NKEPT (sizeof(kept_attrs) / sizeof(kept_attrs[0]))

/* Byte classes */
#define CH_PLAIN	0x01		/* text copied as is */
#define CH_BLANK	0x02		/* HTML white space */
#define CH_NAME		0x04		/* libxml2 HTML name character */
#define CH_ALPHA	0x08
#define CH_ENTNAME	0x10		/* libxml2 name character after the first */
#define CH_ENTSTART 0x20		/* libxml2 name start character */

static uint8_t ch_class[256];
static bool ch_ready = false;

/*
 * Fill the byte class table once per process.
 */
static void
init_classes(void)
{
	int			c;

	if (ch_ready)
		return;
	for (c = 0; c < 256; c++)
	{
		uint8_t		k = 0;
		bool		alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		bool		digit = c >= '0' && c <= '9';

		if ((c >= 0x20 && c < 0x7F && c != '<' && c != '&') ||
			c == '\t' || c == '\n' || c == '\r' || c == 0x7F)
			k |= CH_PLAIN;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
			k |= CH_BLANK;
		if (alpha || digit || c == ':' || c == '-' || c == '_' || c == '.')
			k |= CH_NAME | CH_ENTNAME;
		if (alpha)
			k |= CH_ALPHA;
		if (alpha || c == '_' || c == ':')
			k |= CH_ENTSTART;
		ch_class[c] = k;
	}
	ch_ready = true;
}

#define IS(c, k) ((ch_class[(unsigned char) (c)] & (k)) != 0)

/* ---------------------------------------------------------------------
 * Staged output
 * ---------------------------------------------------------------------
 */

/*
 * Make room for n more staged bytes.
 */
static inline void
out_reserve(Feed *f, size_t n)
{
	if (f->out_len + n > f->out_cap)
	{
		size_t		cap = f->out_cap * 2;

		if (cap < f->out_len + n)
			cap = f->out_len + n;
		f->out = np_realloc(f->out, cap);
		f->out_cap = cap;
	}
}

static inline void
out_put(Feed *f, const char *s, size_t n)
{
	out_reserve(f, n);
	memcpy(f->out + f->out_len, s, n);
	f->out_len += n;
}

#define OUT_LIT(f, lit) out_put((f), (lit), sizeof(lit) - 1)

/* ---------------------------------------------------------------------
 * Element names
 * ---------------------------------------------------------------------
 */

/*
 * libxml2's end-tag priority (HTMLparser.c, htmlEndPriority): an end tag
 * cannot close an element of higher priority that stands above its own.
 */
static int16_t
end_priority(const char *name)
{
	static const struct
	{
		const char *name;
		int16_t		prio;
	}			prio[] = {
		{"div", 150}, {"td", 160}, {"th", 160}, {"tr", 170}, {"thead", 180},
		{"tbody", 180}, {"tfoot", 180}, {"table", 190}, {"head", 200},
		{"body", 200}, {"html", 220}
	};
	size_t		i;

	for (i = 0; i < sizeof(prio) / sizeof(prio[0]); i++)
		if (strcmp(name, prio[i].name) == 0)
			return prio[i].prio;
	return 100;
}

/* Names are hashed the one way the core hashes bytes (np_hash.h) */
static inline uint32_t
name_hash(const char *s, size_t n)
{
	return NpHashBytes(s, n);
}

/*
 * Look a name up; returns its id, or -1 and in *slotp the free slot where
 * it would go.
 */
static int
name_lookup(Feed *f, const char *s, size_t n, uint32_t *slotp)
{
	uint32_t	slot = name_hash(s, n) & (FEED_NAME_SLOTS - 1);

	for (;;)
	{
		int			id = f->slots[slot] - 1;

		if (id < 0)
			break;
		if (f->names[id].len == n && memcmp(f->names[id].name, s, n) == 0)
			return id;
		slot = (slot + 1) & (FEED_NAME_SLOTS - 1);
	}
	*slotp = slot;
	return -1;
}

/*
 * Add a name (absent, at most FEED_MAX_NAME bytes) at a free slot.
 */
static int
name_insert(Feed *f, const char *s, size_t n, uint32_t slot,
			const htmlElemDesc *desc)
{
	FeedName   *fn;

	if (f->nnames >= FEED_MAX_NAMES)
		return -1;				/* cannot happen with the budgets above */
	fn = &f->names[f->nnames];
	memcpy(fn->name, s, n);
	fn->name[n] = '\0';
	fn->len = (uint8_t) n;
	fn->flags = 0;
	if (desc != NULL)
	{
		fn->flags |= FN_KNOWN;
		if (desc->empty)
			fn->flags |= FN_EMPTY;
	}
	if (strcmp(fn->name, "script") == 0 || strcmp(fn->name, "style") == 0)
		fn->flags |= FN_RAW;
	fn->prio = end_priority(fn->name);
	fn->count = 0;
	fn->blocked = false;
	f->slots[slot] = (int16_t) (f->nnames + 1);
	return f->nnames++;
}

/*
 * The id of a (lower-case) name; with add, a new name gets one.  Unknown
 * names past the budget share FEED_ALIASES alias names.  Returns -1 if the
 * name is absent and add is not set.
 */
static int
name_id(Feed *f, const char *s, size_t n, bool add)
{
	uint32_t	slot;
	int			id = name_lookup(f, s, n, &slot);
	char		buf[FEED_MAX_NAME + 1];
	const htmlElemDesc *desc;

	if (id >= 0 || !add || n > FEED_MAX_NAME)
		return id;
	memcpy(buf, s, n);
	buf[n] = '\0';
	desc = htmlTagLookup((const xmlChar *) buf);
	if (desc == NULL)
	{
		if (f->nunknown >= FEED_MAX_UNKNOWN)
		{
			snprintf(buf, sizeof(buf), "np-alias-%u",
					 (unsigned) (name_hash(s, n) % FEED_ALIASES));
			n = strlen(buf);
			id = name_lookup(f, buf, n, &slot);
			return id >= 0 ? id : name_insert(f, buf, n, slot, NULL);
		}
		f->nunknown++;
	}
	return name_insert(f, s, n, slot, desc);
}

/* ---------------------------------------------------------------------
 * Slices
 * ---------------------------------------------------------------------
 */

/*
 * Re-throw an error a callback caught.
 */
static void
feed_rethrow(Feed *f)
{
	if (!f->failed)
		return;
#ifndef NP_STANDALONE
	ReThrowError(f->error);
#endif
}

/*
 * Read libxml2's stack of open elements: which names are open, and which
 * end tags would be no-ops because an element of higher end priority
 * stands above the name's topmost copy.
 */
static void
feed_resync(Feed *f)
{
	htmlParserCtxtPtr ctxt = f->ctxt;
	int			maxprio = 0;
	int			i;

	for (i = 0; i < f->ntouched; i++)
	{
		f->names[f->touched[i]].count = 0;
		f->names[f->touched[i]].blocked = false;
	}
	f->ntouched = 0;
	for (i = ctxt->nameNr - 1; i >= 0; i--)
	{
		const char *nm = (const char *) ctxt->nameTab[i];
		int			id;
		FeedName   *fn;

		if (nm == NULL)
			continue;
		id = name_id(f, nm, strlen(nm), true);
		if (id < 0)
			continue;
		fn = &f->names[id];
		if (fn->count++ == 0)
		{
			fn->blocked = maxprio > fn->prio;
			f->touched[f->ntouched++] = id;
		}
		if (fn->prio > maxprio)
			maxprio = fn->prio;
	}
	f->depth = ctxt->nameNr;
	f->misplaced = ctxt->depth;
	f->staged_starts = 0;
	f->staged_ends = 0;
	f->stack_changed = false;
	/* libxml2 parses a text run only once it sees the '<' after it */
	f->text_since = f->text_last;
	f->depth_dirty = false;
}

/*
 * Hand the staged bytes to libxml2, then check for interrupts and read
 * libxml2's state back.
 */
static void
feed_flush(Feed *f)
{
	NP_CHECK_FOR_INTERRUPTS();
	if (f->out_len == 0)
		return;					/* libxml2's state is what we read last */
	if (!f->failed)
		htmlParseChunk(f->ctxt, f->out, (int) f->out_len, 0);
	f->out_len = 0;
	feed_rethrow(f);
	feed_resync(f);
}

/*
 * Check for interrupts now and then while reading input that produces no
 * output (a long comment, a dropped tag).
 */
static inline void
feed_progress(Feed *f, size_t pos)
{
	if (pos >= f->next_check)
	{
		NP_CHECK_FOR_INTERRUPTS();
		f->next_check = pos + FEED_CHECK_EVERY;
	}
}

/*
 * Find byte c in s[from..len); len if absent.
 */
static size_t
feed_find(Feed *f, const unsigned char *s, size_t from, size_t len, int c)
{
	while (from < len)
	{
		size_t		n = len - from;
		const unsigned char *p;

		if (n > FEED_CHECK_EVERY)
			n = FEED_CHECK_EVERY;
		p = memchr(s + from, c, n);
		if (p != NULL)
			return p - s;
		from += n;
		feed_progress(f, from);
	}
	return len;
}

/* ---------------------------------------------------------------------
 * Text
 * ---------------------------------------------------------------------
 */

/*
 * Length of the valid UTF-8 sequence at s (2 to 4; s[0] >= 0x80), 0 if
 * invalid; *cp gets its code point.  The one decoder of unicode.h takes an
 * invalid sequence as U+FFFD in one byte, a valid one (U+FFFD itself
 * included) in two or more.
 */
static inline size_t
utf8_seq(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32		v;
	size_t		n = NpUtf8Decode(s, len, &v);

	if (n < 2)
		return 0;
	*cp = v;
	return n;
}

/*
 * Is the code point a character libxml2 accepts (XML's Char)?
 */
static inline bool
xml_char_ok(uint32_t v)
{
	return v == 0x9 || v == 0xA || v == 0xD ||
		(v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) ||
		(v >= 0x10000 && v <= 0x10FFFF);
}

/*
 * Is name[0..n) an entity libxml2 decodes?  htmlEntityLookup() scans its
 * table of 253 names, so the names found are remembered in a small
 * process-wide hash set (only known names enter it, so it cannot fill up).
 */
#define ENTITY_SLOTS 1024

static bool
known_entity(const unsigned char *name, size_t n)
{
	static char known[ENTITY_SLOTS][FEED_MAX_ENTITY + 1];
	char		buf[FEED_MAX_ENTITY + 1];
	uint32_t	slot;

	if (n > FEED_MAX_ENTITY)
		return false;
	memcpy(buf, name, n);
	buf[n] = '\0';
	for (slot = name_hash(buf, n) & (ENTITY_SLOTS - 1); known[slot][0] != '\0';
		 slot = (slot + 1) & (ENTITY_SLOTS - 1))
		if (strcmp(known[slot], buf) == 0)
			return true;
	if (htmlEntityLookup((const xmlChar *) buf) == NULL)
		return false;
	memcpy(known[slot], buf, n + 1);
	return true;
}

/*
 * An entity or character reference at s[i] == '&'.  Emits what libxml2
 * would show, in a form it parses without error, and returns the input
 * position after it.
 *
 * libxml2 decodes a known named entity only when a ';' follows; otherwise
 * it shows the '&' and the name as they are.  A character reference
 * ("&#" or "&#x", digits, an optional ';') is decoded if its value is a
 * valid character and dropped otherwise.
 */
static size_t
feed_entity(Feed *f, const unsigned char *s, size_t len, size_t i)
{
	size_t		j = i + 1;

	if (j < len && s[j] == '#')
	{
		bool		hex = false;
		uint32_t	v = 0;
		size_t		k = j + 1;
		char		num[16];

		if (k < len && (s[k] == 'x' || s[k] == 'X'))
		{
			hex = true;
			k++;
		}
		for (; k < len; k++)
		{
			unsigned char c = s[k];
			int			d;

			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				break;
			if (v < 0x110000)
				v = v * (hex ? 16 : 10) + d;
			if ((k & 0xFFFF) == 0)
				feed_progress(f, k);
		}
		if (k < len && s[k] == ';')
			k++;
		if (xml_char_ok(v))
		{
			snprintf(num, sizeof(num), "&#%u;", (unsigned) v);
			out_put(f, num, strlen(num));
			f->text_run += strlen(num);
		}
		return k;
	}
	if (j < len && IS(s[j], CH_ENTSTART))
	{
		size_t		k = j + 1;

		while (k < len && k - j <= FEED_MAX_ENTITY && IS(s[k], CH_ENTNAME))
			k++;
		if (k < len && s[k] == ';' && k - j <= FEED_MAX_ENTITY)
		{
			if (known_entity(s + j, k - j))
			{
				out_put(f, (const char *) s + i, k + 1 - i);
				f->text_run += k + 1 - i;
				return k + 1;
			}
		}
	}
	OUT_LIT(f, "&amp;");
	f->text_run += 5;
	return i + 1;
}

/*
 * Text from s[i] up to the next '<'.  Returns the position reached.
 */
static size_t
feed_text(Feed *f, const unsigned char *s, size_t len, size_t i)
{
	f->text_since = true;
	f->text_last = true;
	while (i < len && s[i] != '<')
	{
		unsigned char c = s[i];

		if (f->text_run >= FEED_TEXT_SPLIT)
		{
			/* a break libxml2 can parse up to; the cleaner ignores comments */
			OUT_LIT(f, "<!---->");
			f->text_run = 0;
			f->text_last = false;
			if (f->out_len >= FEED_CHUNK)
				feed_flush(f);
			f->text_since = true;
			f->text_last = true;
		}
		if (IS(c, CH_PLAIN))
		{
			size_t		start = i;
			size_t		stop = len;

			if (stop - i > FEED_TEXT_SPLIT - f->text_run)
				stop = i + (FEED_TEXT_SPLIT - f->text_run);
			while (i < stop && IS(s[i], CH_PLAIN))
				i++;
			out_put(f, (const char *) s + start, i - start);
			f->text_run += i - start;
		}
		else if (c == '&')
			i = feed_entity(f, s, len, i);
		else if (c < 0x80)
			i++;				/* NUL and control characters */
		else
		{
			uint32_t	cp;
			size_t		n = utf8_seq(s + i, len - i, &cp);

			if (n == 0)
			{
				OUT_LIT(f, "\xEF\xBF\xBD");
				f->text_run += 3;
				i++;
			}
			else
			{
				if (xml_char_ok(cp))
				{
					out_put(f, (const char *) s + i, n);
					f->text_run += n;
				}
				i += n;
			}
		}
	}
	return i;
}

/*
 * An attribute value, canonicalised like text and double-quoted.
 */
static void
feed_attr_value(Feed *f, const unsigned char *s, size_t len)
{
	size_t		i = 0;
	size_t		saved_run = f->text_run;

	if (len > NP_HTML_MAX_ATTR_VALUE)
	{
		len = NP_HTML_MAX_ATTR_VALUE;
		while (len > 0 && (s[len] & 0xC0) == 0x80)
			len--;				/* do not cut a character */
	}
	OUT_LIT(f, "=\"");
	while (i < len)
	{
		unsigned char c = s[i];

		if (c == '"')
		{
			OUT_LIT(f, "&quot;");
			i++;
		}
		else if (c == '&')
			i = feed_entity(f, s, len, i);
		else if (IS(c, CH_PLAIN))
		{
			out_put(f, (const char *) s + i, 1);
			i++;
		}
		else if (c < 0x80)
			i++;
		else
		{
			uint32_t	cp;
			size_t		n = utf8_seq(s + i, len - i, &cp);

			if (n == 0)
			{
				OUT_LIT(f, "\xEF\xBF\xBD");
				i++;
			}
			else
			{
				if (xml_char_ok(cp))
					out_put(f, (const char *) s + i, n);
				i += n;
			}
		}
	}
	OUT_LIT(f, "\"");
	f->text_run = saved_run;
}

/* ---------------------------------------------------------------------
 * Markup
 * ---------------------------------------------------------------------
 */

/*
 * Read a tag name at s[*pos] into buf (lower case, at most FEED_MAX_NAME
 * bytes kept, as libxml2 does); returns its kept length.
 */
static size_t
read_name(const unsigned char *s, size_t len, size_t *pos, char *buf)
{
	size_t		j = *pos;
	size_t		n = 0;

	while (j < len && IS(s[j], CH_NAME))
	{
		if (n < FEED_MAX_NAME)
		{
			unsigned char c = s[j];

			buf[n++] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
		}
		j++;
	}
	*pos = j;
	return n;
}

/* One attribute kept from a start tag */
typedef struct KeptAttr
{
	int			which;			/* index in kept_attrs */
	const unsigned char *value; /* NULL: no value */
	size_t		vlen;
} KeptAttr;

/*
 * Which kept attribute is s[0..n), case-insensitively; -1 if none.
 */
static int
kept_attr(const unsigned char *s, size_t n)
{
	size_t		a;

	for (a = 0; a < NKEPT; a++)
	{
		const char *k = kept_attrs[a];
		size_t		i;

		if (strlen(k) != n)
			continue;
		for (i = 0; i < n; i++)
		{
			unsigned char c = s[i];

			if (c >= 'A' && c <= 'Z')
				c += 32;
			if (c != (unsigned char) k[i])
				break;
		}
		if (i == n)
			return (int) a;
	}
	return -1;
}

/*
 * Skip the content of a <script> or <style> element: libxml2 2.9 ends it
 * at the first "</" followed by the element's name, in any case.  Returns
 * the position of that end tag, or len.
 */
static size_t
skip_raw(Feed *f, const unsigned char *s, size_t len, size_t i,
		 const char *name, size_t n)
{
	for (;;)
	{
		size_t		k;
		size_t		m;

		i = feed_find(f, s, i, len, '<');
		if (i + 1 >= len)
			return len;
		if (s[i + 1] != '/' || len - i - 2 < n)
		{
			i++;
			continue;
		}
		for (m = 0; m < n; m++)
		{
			unsigned char c = s[i + 2 + m];

			if (c >= 'A' && c <= 'Z')
				c += 32;
			if (c != (unsigned char) name[m])
				break;
		}
		if (m == n)
			return i;
		k = i + 1;
		i = k;
	}
}

/*
 * A start tag at s[i] == '<', s[i + 1] a letter.  Returns the position
 * after it (and after a raw element's content).
 */
static size_t
feed_start_tag(Feed *f, const unsigned char *s, size_t len, size_t i)
{
	char		name[FEED_MAX_NAME + 1];
	size_t		nlen;
	size_t		j = i + 1;
	KeptAttr	kept[NKEPT];
	int			nkept = 0;
	bool		closed = false;
	bool		selfclose = false;
	int			id;
	FeedName   *fn;
	int			a;

	nlen = read_name(s, len, &j, name);
	name[nlen] = '\0';

	/* attributes, as the HTML standard tokenizes them */
	while (j < len)
	{
		unsigned char c = s[j];
		size_t		an;
		size_t		anlen;
		const unsigned char *value = NULL;
		size_t		vlen = 0;
		int			which;

		feed_progress(f, j);
		if (IS(c, CH_BLANK))
		{
			j++;
			continue;
		}
		if (c == '>')
		{
			j++;
			closed = true;
			break;
		}
		if (c == '/')
		{
			if (j + 1 < len && s[j + 1] == '>')
			{
				selfclose = true;
				closed = true;
				j += 2;
				break;
			}
			j++;
			continue;
		}
		an = j++;				/* a first '=' belongs to the name */
		while (j < len && !IS(s[j], CH_BLANK) && s[j] != '/' &&
			   s[j] != '>' && s[j] != '=')
			j++;
		anlen = j - an;
		while (j < len && IS(s[j], CH_BLANK))
			j++;
		if (j < len && s[j] == '=')
		{
			j++;
			while (j < len && IS(s[j], CH_BLANK))
				j++;
			if (j < len && (s[j] == '"' || s[j] == '\''))
			{
				size_t		e = feed_find(f, s, j + 1, len, s[j]);

				value = s + j + 1;
				vlen = e - (j + 1);
				j = e < len ? e + 1 : len;
			}
			else
			{
				size_t		v = j;

				while (j < len && !IS(s[j], CH_BLANK) && s[j] != '>')
				{
					j++;
					if ((j & 0xFFFF) == 0)
						feed_progress(f, j);
				}
				value = s + v;
				vlen = j - v;
			}
		}
		which = kept_attr(s + an, anlen);
		if (which >= 0)
		{
			for (a = 0; a < nkept; a++)
				if (kept[a].which == which)
					break;
			if (a == nkept)		/* the first copy wins, as in libxml2 */
			{
				kept[nkept].which = which;
				kept[nkept].value = value;
				kept[nkept].vlen = vlen;
				nkept++;
			}
		}
	}
	if (!closed)
		return len;				/* end of input inside a tag: dropped */

	id = name_id(f, name, nlen, true);
	if (id < 0 || id == f->id_html)
		return j;
	fn = &f->names[id];

	if ((fn->flags & FN_RAW) && !selfclose)
		j = skip_raw(f, s, len, j, fn->name, fn->len);

	if (!(fn->flags & FN_EMPTY) && !selfclose)
	{
		/* keep libxml2's stack of open elements shallow */
		if (f->depth + 2 + f->staged_starts >= NP_HTML_MAX_DEPTH)
		{
			feed_flush(f);
			if (f->depth + 2 >= NP_HTML_MAX_DEPTH)
				return j;
		}
	}
	if (id == f->id_body)
	{
		if (++f->bodies > FEED_MAX_BODY)
			return j;
		f->depth_dirty = true;
	}
	else if (id == f->id_head)
		f->depth_dirty = true;

	out_put(f, "<", 1);
	out_put(f, fn->name, fn->len);
	for (a = 0; a < nkept; a++)
	{
		out_put(f, " ", 1);
		out_put(f, kept_attrs[kept[a].which], strlen(kept_attrs[kept[a].which]));
		if (kept[a].value != NULL)
			feed_attr_value(f, kept[a].value, kept[a].vlen);
	}
	if (selfclose)
		OUT_LIT(f, "/>");
	else
		out_put(f, ">", 1);
	f->text_run = 0;
	f->text_last = false;

	if (!(fn->flags & FN_EMPTY) && !selfclose)
	{
		if (fn->count++ == 0)
			f->touched[f->ntouched++] = id;
		f->staged_starts++;
	}
	f->stack_changed = true;	/* even a void element can close others */
	return j;
}

/*
 * An end tag at s[i] == '<', s[i + 1] == '/', s[i + 2] a letter.
 */
static size_t
feed_end_tag(Feed *f, const unsigned char *s, size_t len, size_t i)
{
	char		name[FEED_MAX_NAME + 1];
	size_t		nlen;
	size_t		j = i + 2;
	int			id;
	FeedName   *fn;

	nlen = read_name(s, len, &j, name);
	name[nlen] = '\0';
	/* libxml2 skips whatever follows the name, up to '>' */
	j = feed_find(f, s, j, len, '>');
	if (j >= len)
		return len;				/* end of input inside a tag: dropped */
	j++;

	id = name_id(f, name, nlen, f->nunknown >= FEED_MAX_UNKNOWN);
	if (id < 0 || id == f->id_html)
		return j;				/* never opened, or our own root */
	fn = &f->names[id];

	if ((id == f->id_body || id == f->id_head) &&
		(f->misplaced > 0 || f->depth_dirty))
		;						/* libxml2 may count it off: pass it on */
	else if (id == f->id_p && f->text_since)
		;						/* text may have implied a <p> */
	else if (fn->count == 0)
		return j;				/* not open: libxml2 would ignore it */
	else if (fn->blocked && !f->stack_changed)
		return j;				/* cannot close: libxml2 would ignore it */

	OUT_LIT(f, "</");
	out_put(f, fn->name, fn->len);
	out_put(f, ">", 1);
	f->text_run = 0;
	f->text_last = false;
	f->staged_ends++;
	f->stack_changed = true;
	if (f->staged_ends >= FEED_MAX_ENDS)
		feed_flush(f);
	return j;
}

/*
 * Markup at s[i] == '<'.  Returns the position after it.
 */
static size_t
feed_markup(Feed *f, const unsigned char *s, size_t len, size_t i)
{
	unsigned char c = i + 1 < len ? s[i + 1] : 0;

	if (IS(c, CH_ALPHA))
		return feed_start_tag(f, s, len, i);
	if (c == '/')
	{
		if (i + 2 < len && IS(s[i + 2], CH_ALPHA))
			return feed_end_tag(f, s, len, i);
		/* "</>" and "</" + other: a bogus comment, up to '>' */
		if (i + 2 >= len)
			return len;
		return feed_find(f, s, i + 2, len, '>') + 1;
	}
	if (c == '!')
	{
		size_t		k = i + 4;

		if (i + 3 < len && s[i + 2] == '-' && s[i + 3] == '-')
		{
			/* a comment: "<!-->", "<!--->", or up to "-->" or "--!>" */
			if (k < len && s[k] == '>')
				return k + 1;
			if (k + 1 < len && s[k] == '-' && s[k + 1] == '>')
				return k + 2;
			for (;;)
			{
				k = feed_find(f, s, k, len, '-');
				if (k + 2 >= len)
					return len;
				if (s[k + 1] == '-' &&
					(s[k + 2] == '>' ||
					 (s[k + 2] == '!' && k + 3 < len && s[k + 3] == '>')))
					return k + (s[k + 2] == '>' ? 3 : 4);
				k++;
			}
		}
		/* doctype, CDATA section or bogus comment: up to '>' */
		return feed_find(f, s, i + 2, len, '>') + 1;
	}
	if (c == '?')
		return feed_find(f, s, i + 2, len, '>') + 1;

	/* a '<' that starts nothing is text */
	OUT_LIT(f, "&lt;");
	f->text_run += 4;
	f->text_since = true;
	f->text_last = true;
	return i + 1;
}

/*
 * Tokenize the page and push it to libxml2 slice by slice.
 */
static void
feed_run(Feed *f, const unsigned char *s, size_t len)
{
	size_t		i = 0;

	OUT_LIT(f, "<html>");
	if (f->names[f->id_html].count++ == 0)
		f->touched[f->ntouched++] = f->id_html;
	f->staged_starts++;
	while (i < len)
	{
		if (s[i] == '<')
		{
			i = feed_markup(f, s, len, i);
			if (i > len)
				i = len;
		}
		else
			i = feed_text(f, s, len, i);
		if (f->out_len >= FEED_CHUNK)
			feed_flush(f);
		feed_progress(f, i);
	}
	feed_flush(f);
	if (!f->failed)
		htmlParseChunk(f->ctxt, NULL, 0, 1);
	feed_rethrow(f);
}

/* ---------------------------------------------------------------------
 * libxml2 callbacks
 * ---------------------------------------------------------------------
 */

#ifdef NP_STANDALONE
#define FEED_GUARD(f, call) \
	do { \
		if (!(f)->failed) \
			call; \
	} while (0)
#else
/*
 * Run a callback; an ERROR it raises is kept for feed_rethrow() instead of
 * unwinding through libxml2, and later events are ignored.
 */
#define FEED_GUARD(f, call) \
	do { \
		if (!(f)->failed) \
		{ \
			MemoryContext guard_cxt = CurrentMemoryContext; \
			PG_TRY(); \
			{ \
				call; \
			} \
			PG_CATCH(); \
			{ \
				MemoryContextSwitchTo(guard_cxt); \
				(f)->error = CopyErrorData(); \
				FlushErrorState(); \
				(f)->failed = true; \
			} \
			PG_END_TRY(); \
		} \
	} while (0)
#endif

static void
sax_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
	Feed	   *f = (Feed *) ud;

	FEED_GUARD(f, f->ev->start(f->arg, (const char *) name, atts));
}

static void
sax_end(void *ud, const xmlChar *name)
{
	Feed	   *f = (Feed *) ud;

	FEED_GUARD(f, f->ev->end(f->arg, (const char *) name));
}

static void
sax_text(void *ud, const xmlChar *ch, int len)
{
	Feed	   *f = (Feed *) ud;

	if (len > 0)
		FEED_GUARD(f, f->ev->text(f->arg, (const char *) ch, (size_t) len));
}

/*
 * libxml2 reports an error for every oddity of tag soup; we ignore them.
 */
static void
sax_silent_structured(void *ctx, xmlErrorPtr err)
{
	(void) ctx;
	(void) err;
}

static void
sax_silent(void *ctx, const char *msg,...)
{
	(void) ctx;
	(void) msg;
}

/*
 * Parse s[0..len) and deliver its events to ev (see html_feed.h).
 */
void
NpHtmlFeed(const char *s, size_t len, const NpHtmlEvents *ev, void *arg)
{
	htmlSAXHandler sax;
	Feed		f;
	htmlParserCtxtPtr ctxt;
	int			options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED |
		HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;

	init_classes();
	memset(&f, 0, sizeof(f));
	f.ev = ev;
	f.arg = arg;
	f.out_cap = FEED_CHUNK + 1024;
	f.out = np_alloc(f.out_cap);
	f.names = np_alloc(FEED_MAX_NAMES * sizeof(FeedName));
	f.slots = np_alloc0(FEED_NAME_SLOTS * sizeof(int16_t));
	f.touched = np_alloc(FEED_MAX_NAMES * sizeof(int));
	f.next_check = FEED_CHECK_EVERY;
	f.id_html = name_id(&f, "html", 4, true);
	f.id_body = name_id(&f, "body", 4, true);
	f.id_head = name_id(&f, "head", 4, true);
	f.id_p = name_id(&f, "p", 1, true);

	memset(&sax, 0, sizeof(sax));
	sax.startElement = sax_start;
	sax.endElement = sax_end;
	sax.characters = sax_text;
	sax.cdataBlock = sax_text;
	sax.warning = sax_silent;
	sax.error = sax_silent;
	sax.fatalError = sax_silent;
	sax.serror = sax_silent_structured;
	sax.initialized = XML_SAX2_MAGIC;	/* so that serror is used */

	xmlInitParser();
	ctxt = htmlCreatePushParserCtxt(&sax, &f, NULL, 0, NULL,
									XML_CHAR_ENCODING_UTF8);
	if (ctxt == NULL)
	{
#ifdef NP_STANDALONE
		abort();
#else
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory"),
				 errdetail("Could not create an HTML parser.")));
#endif
	}
	htmlCtxtUseOptions(ctxt, options);
	f.ctxt = ctxt;

#ifdef NP_STANDALONE
	feed_run(&f, (const unsigned char *) s, len);
	htmlFreeParserCtxt(ctxt);
#else
	PG_TRY();
	{
		feed_run(&f, (const unsigned char *) s, len);
	}
	PG_FINALLY();
	{
		htmlFreeParserCtxt(ctxt);
	}
	PG_END_TRY();
#endif

	np_free(f.out);
	np_free(f.names);
	np_free(f.slots);
	np_free(f.touched);
}
