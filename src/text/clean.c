/*-------------------------------------------------------------------------
 *
 * clean.c
 *	  Article cleaning core: reduce a plain-text or HTML news page to the
 *	  article body, as paragraphs separated by one blank line.
 *
 * How it works
 * ------------
 * Cleaning runs in three stages over a list of "units" (candidate
 * paragraphs, see clean_int.h):
 *
 * 1. A front end turns the input into units.  HTML goes through libxml2's
 *	  HTML parser (clean_html.c): every block element becomes a unit, with
 *	  flags from the markup (heading, caption, furniture containers such as
 *	  nav/aside/footer or class="share-bar") and the share of its text that
 *	  sits inside links.  Plain text is split into lines, and lines are
 *	  re-joined into paragraphs when the document is hard-wrapped (PDF and
 *	  e-mail extraction) or when a line ends mid-sentence and the next begins
 *	  in lower case.  A word hyphenated across a break is repaired, keeping
 *	  the hyphen when the second part is capitalised ("Asia-" "Pacific") or
 *	  when the document itself spells the compound with a hyphen, and
 *	  dropping it when the parts form one word.  A sentence interrupted by a
 *	  pasted URL, a page number or a running header continues across it.
 *
 * 2. Every unit gets a verdict from structural evidence only, in the spirit
 *	  of jusText (Pomikálek, "Removing Boilerplate and Duplicate Content from
 *	  Web Corpora", 2011) and Boilerpipe (Kohlschütter et al., "Boilerplate
 *	  Detection using Shallow Text Features", WSDM 2010): length in words,
 *	  sentence-final punctuation, link density, byline and timestamp shapes
 *	  ("By X", "13 minutes ago", "Updated 10:15 GMT"), URLs alone on a line,
 *	  navigation arrows and pipes, all-capital labels, lines repeated within
 *	  the page, labelled teasers ("Related: ...", "Read more: ..."), photo
 *	  credits, and the vocabulary of page widgets (share, comments,
 *	  subscribe, sponsored, advertisement, cookies...) when it dominates a
 *	  short unit.  No site's phrases are listed.
 *
 * 3. The body is chosen by position.  Content units (sentence-like ones)
 *	  form segments separated by runs of three or more furniture boxes or by
 *	  section markers ("Related articles", "More stories", "Comments (3)",
 *	  "About the author").  The segment with the most good text is the
 *	  body; other segments join it when they hold a comparable amount of
 *	  good text and no comment-section marker separates them.  Inside the
 *	  kept segments furniture units are dropped and subheadings that lead
 *	  into text kept; short sentences cut off from the body by furniture, an
 *	  author bio ("Jane Doe is ...", matched against the byline) and an
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

#include "text/clean.h"
#include "text/clean_int.h"
#include "text/unicode.h"
#include "np_hash.h"

/* locale-independent ASCII classes (bytes >= 0x80 are never matched) */
#define A_DIGIT(c)	((c) >= '0' && (c) <= '9')
#define A_ALPHA(c)	(((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define A_ALNUM(c)	(A_ALPHA(c) || A_DIGIT(c))

/* Classifier verdicts */
#define CLS_BAD		0			/* furniture */
#define CLS_GOOD	1			/* long sentence-like text */
#define CLS_NEAR	2			/* short sentence-like text */
#define CLS_SHORT	3			/* short, not a sentence: heading, label */
#define CLS_HEADING 4			/* markup subheading */
#define CLS_CAPTION 5			/* photo caption or credit */
#define CLS_HEADLINE 6			/* markup headline */

/* Section markers */
#define MARK_NONE	0
#define MARK_SOFT	1			/* related/most read/sponsored box */
#define MARK_HARD	2			/* comment section */

#define IS_CONTENT(c) ((c) == CLS_GOOD || (c) == CLS_NEAR)

/* ----------------------------------------------------------------
 * Character helpers (the classes themselves live in unicode.c)
 * ----------------------------------------------------------------
 */

/*
 * Is c a closing quote or bracket that may follow a sentence's end?
 */
static bool
cp_is_closer(uint32_t c)
{
	return NpUniIsClosingPunct(c) || c == '*';	/* a footnote star */
}

/*
 * Decode the code point that ends just before position end (> start).
 */
static uint32_t
last_cp(const char *s, size_t start, size_t end, size_t *cpstart)
{
	size_t		p = end - 1;
	uint32_t	c;

	while (p > start && ((unsigned char) s[p] & 0xC0) == 0x80 && end - p < 4)
		p--;
	NpUtf8Decode((const unsigned char *) s + p, end - p, &c);
	if (cpstart)
		*cpstart = p;
	return c;
}

/* ----------------------------------------------------------------
 * The unit list
 * ----------------------------------------------------------------
 */

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

		memcpy(&v, u + i, 8);
		if (v & hi)
			return false;		/* non-ASCII */
		if ((v - ones * 0x20) & ~v & hi)
			return false;		/* a control character */
		x = v ^ lo7;
		if (~(((x & lo7) + lo7) | x) & hi)
			return false;		/* DEL */
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

/* ----------------------------------------------------------------
 * Word lists.  These describe page widgets and photo credits in general,
 * not any site's wording.  Each list is sorted at first use.
 * ----------------------------------------------------------------
 */

/* words of page widgets: share bars, comment boxes, menus, promotions */
static const char *widget_words[] = {
	"ad", "ads", "advert", "advertisement", "advertisements", "advertising",
	"app", "apps", "bookmark", "bookmarks", "click", "comment", "comments",
	"contact",
	"continue", "cookie", "cookies", "copyright", "download", "e-mail",
	"email", "facebook", "feedback", "follow", "gallery", "instagram",
	"likes", "linkedin", "listen", "loading", "login", "logout", "menu",
	"more", "navigation", "newest", "newsletter", "newsletters", "next",
	"oldest", "photos", "pinterest", "podcast", "podcasts", "popular",
	"premium", "previous", "print", "privacy", "promoted", "read",
	"recommended", "reddit", "register", "related", "replies", "reply",
	"reserved", "rss", "save", "search", "share", "shares", "sharing",
	"sign", "signup", "skip", "sponsored", "subscribe", "subscribers",
	"subscription", "tags", "terms", "tiktok", "top", "topics", "trending",
	"tweet", "twitter", "unsubscribe", "video", "videos", "viber", "vk",
	"watch", "whatsapp", "youtube"
};

/* words that mark consent banners and sign-up prompts wherever they occur */
static const char *strong_words[] = {
	"adblock", "adblocker", "cookie", "cookies", "copyright", "inbox",
	"javascript",
	"newsletter", "newsletters", "paywall", "privacy", "sign-up", "subscribe",
	"subscribed", "subscriber", "subscribers", "subscription",
	"subscriptions", "unsubscribe"
};

/* words of comment sections */
static const char *comment_words[] = {
	"comment", "commenting", "comments", "conversation", "discussion",
	"replies", "reply", "responses"
};

/* words of "more stories" boxes that end an article */
static const char *section_words[] = {
	"latest", "popular", "promoted", "read", "recommended", "related",
	"sponsored", "stories", "trending"
};

/* labels before a colon that introduce a teaser or a credit */
static const char *teaser_labels[] = {
	"also", "analysis", "gallery", "latest", "listen", "more", "photos",
	"podcast", "popular", "read", "recommended", "related", "see", "source",
	"sources", "tags", "topics", "trending", "video", "videos", "watch"
};

/* labels before a colon that introduce a caption */
static const char *caption_labels[] = {
	"above", "caption", "credit", "credits", "file", "illustration", "image",
	"main", "photo", "photograph", "photos", "picture", "pictured", "top"
};

/* words of photo credits */
static const char *credit_words[] = {
	"afp", "alamy", "anadolu", "ap", "courtesy", "dpa", "epa", "file",
	"getty", "handout", "images", "photo", "photograph", "photos", "pool",
	"reuters", "shutterstock", "sipa", "tass", "via", "xinhua"
};

/* month and weekday names and abbreviations */
static const char *date_words[] = {
	"apr", "april", "aug", "august", "dec", "december", "feb", "february",
	"fri", "friday", "jan", "january", "jul", "july", "jun", "june", "mar",
	"march", "may", "mon", "monday", "nov", "november", "oct", "october",
	"sat", "saturday", "sep", "sept", "september", "sun", "sunday", "thu",
	"thur", "thurs", "thursday", "today", "tue", "tues", "tuesday", "wed",
	"wednesday", "yesterday"
};

/* words that may surround a date in a timestamp line */
static const char *time_words[] = {
	"a.m", "ago", "am", "aest", "at", "bst", "cest", "cet", "d", "day",
	"days", "edt", "eest", "eet", "est", "et", "gmt", "h", "hour", "hours",
	"hr", "hrs", "ist", "jst", "just", "last", "m", "min", "mins", "minute",
	"minutes", "modified", "month", "months", "msk", "now", "of", "on",
	"p.m", "pdt", "pm", "posted", "pst", "pt", "published", "updated",
	"utc", "week", "weeks", "year", "years"
};

/* prefixes that form hyphenated compounds rather than split words */
static const char *compound_prefixes[] = {
	"all", "anti", "co", "cross", "eight", "ex", "far", "first", "five",
	"four", "full", "half", "high", "ill", "long", "low", "mid", "multi",
	"near", "nine", "non", "one", "post", "pre", "pro", "quasi", "second",
	"self", "semi", "seven", "short", "six", "ten", "third", "three", "two",
	"well", "wide"
};

/* second parts that form hyphenated compounds */
static const char *compound_suffixes[] = {
	"backed", "based", "born", "free", "friendly", "led", "level", "like",
	"linked", "long", "made", "minded", "old", "owned", "related", "run",
	"scale", "style", "term", "time", "up", "wide", "year"
};

/* common first words of sentences, to tell "U.S. The" from "U.S. Army" */
static const char *sentence_starters[] = {
	"a", "after", "also", "an", "and", "as", "at", "both", "but", "by",
	"earlier", "for", "he", "her", "his", "however", "i", "if", "in", "it",
	"its", "later", "many", "meanwhile", "most", "no", "on", "one", "our",
	"she", "so", "some", "that", "the", "their", "there", "these", "they",
	"this", "those", "we", "what", "when", "while", "who", "why", "yet",
	"you"
};

/* Word classes: a word may belong to several */
#define V_WIDGET	0x0001
#define V_STRONG	0x0002
#define V_COMMENT	0x0004
#define V_SECTION	0x0008
#define V_TEASER	0x0010
#define V_CAPTION	0x0020
#define V_CREDIT	0x0040
#define V_DATE		0x0080
#define V_TIME		0x0100
#define V_CPREFIX	0x0200
#define V_CSUFFIX	0x0400
#define V_STARTER	0x0800
#define V_SECOND	0x1000		/* you, your */

/* Words the classifier looks at one by one (phrases, bylines, navigation) */
enum
{
	W_NONE = 0, W_BY, W_SIGN, W_UP, W_IN, W_LOG, W_PRIVACY, W_POLICY,
	W_RIGHTS, W_RESERVED, W_TERMS, W_OF, W_AND, W_AD, W_BLOCKER,
	W_CONTRIBUTED, W_TO, W_REPORTING, W_EDITING, W_WRITING, W_COMPILED,
	W_WRITTEN, W_REPORTED, W_WORDS, W_STORY, W_TEXT, W_POSTED, W_PHOTOS,
	W_VIDEO, W_AUTHOR, W_AUTHORS, W_PREVIOUS, W_NEXT, W_PREV, W_OLDER,
	W_NEWER, W_AGO, W_ABOUT, W_NUM_IDS
};

static const char *const special_words[W_NUM_IDS] = {
	"", "by", "sign", "up", "in", "log", "privacy", "policy", "rights",
	"reserved", "terms", "of", "and", "ad", "blocker", "contributed", "to",
	"reporting", "editing", "writing", "compiled", "written", "reported",
	"words", "story", "text", "posted", "photos", "video", "author",
	"authors", "previous", "next", "prev", "older", "newer", "ago", "about"
};

static const char *const second_person[] = {"you", "your", "you're", "you'll"};

/*
 * All lists go into one hash table, built once per process, so that
 * classifying a word costs one hash and one probe instead of a binary
 * search per list.
 */
typedef struct VocabEntry
{
	NpStrKey	key;			/* a listed word */
	uint32		hash;
	uint16		flags;			/* V_* */
	uint8		id;				/* W_* */
	char		status;
} VocabEntry;

#define SH_PREFIX		vocab
#define SH_ELEMENT_TYPE VocabEntry
#define SH_RAW_ALLOCATOR	np_alloc0_permanent
#include "np_strtable.h"

static vocab_hash *vocab = NULL;

/* bit L of vocab_shape[c] is set if some listed word starts with c and has L bytes */
static uint32_t vocab_shape[128];

/* the same for the words that matter in long units, and in long sentences */
static uint32_t vocab_shape_long[128];
static uint32_t vocab_shape_light[128];

/*
 * Bit L of vocab_pair[x][y] is set if some listed word of L bytes starts with
 * the letters 'a' + x, 'a' + y, and of vocab_ends[x][z] if one starts with
 * 'a' + x and ends with 'a' + z: finer filters for the words whose lookup
 * can only count as a hit or as an ordinary word.
 */
static uint32_t vocab_pair[26][26];
static uint32_t vocab_ends[26][26];

/* letters that token_is_numeric accepts ("1st", "2nd", "3rd", "4th") */
#define NUMERIC_LETTER(c) ((c) == 's' || (c) == 't' || (c) == 'n' || \
						   (c) == 'd' || (c) == 'r' || (c) == 'h')

#define LONG_FLAGS (V_STRONG | V_CREDIT | V_SECOND)

/* first words of the phrases unit_facts looks for */
#define PHRASE_FIRST(id) ((id) == W_SIGN || (id) == W_LOG || (id) == W_PRIVACY || \
						  (id) == W_RIGHTS || (id) == W_TERMS || (id) == W_AD || \
						  (id) == W_CONTRIBUTED || (id) == W_REPORTING || \
						  (id) == W_EDITING || (id) == W_WRITING || (id) == W_COMPILED)

/*
 * Record a listed word in vocab_pair.
 */
static void
vocab_pair_add(const char *word)
{
	size_t		len = strlen(word);

	if (len >= 2 && len < 32 && word[0] >= 'a' && word[0] <= 'z' &&
		word[1] >= 'a' && word[1] <= 'z')
	{
		vocab_pair[word[0] - 'a'][word[1] - 'a'] |= UINT32_C(1) << len;
		if (word[len - 1] >= 'a' && word[len - 1] <= 'z')
			vocab_ends[word[0] - 'a'][word[len - 1] - 'a'] |= UINT32_C(1) << len;
	}
}

/*
 * Can the key of len bytes starting with c0 (lower case) and c1 and ending
 * with cl be ruled out: not listed, and not a numeric token ("2nd") either?
 */
static inline bool
vocab_pair_excludes(unsigned char c0, unsigned char c1, unsigned char cl, size_t len)
{
	bool		cl_letter;

	if (c1 >= 'A' && c1 <= 'Z')
		c1 = c1 - 'A' + 'a';
	if (cl >= 'A' && cl <= 'Z')
		cl = cl - 'A' + 'a';
	if (c0 < 'a' || c0 > 'z' || c1 < 'a' || c1 > 'z' || len >= 32)
		return false;
	cl_letter = cl >= 'a' && cl <= 'z';
	/* a numeric token has only digits, "stndrh" and ":./-" */
	if (NUMERIC_LETTER(c0) && NUMERIC_LETTER(c1) && cl < 0x80 &&
		!(cl_letter && !NUMERIC_LETTER(cl)))
		return false;
	if (((vocab_pair[c0 - 'a'][c1 - 'a'] >> len) & 1) == 0)
		return true;
	return cl_letter && ((vocab_ends[c0 - 'a'][cl - 'a'] >> len) & 1) == 0;
}

/*
 * Add a word to the table, or find it there; note its shape for the
 * filters.
 */
static VocabEntry *
vocab_enter(const char *word)
{
	size_t		len = strlen(word);
	bool		found;
	VocabEntry *e = vocab_insert(vocab, NpStrKeyMake(word, len), &found);

	NP_SH_NEW_ENTRY(VocabEntry, e, found);
	vocab_pair_add(word);
	vocab_shape[(unsigned char) word[0] & 0x7F] |= UINT32_C(1) << (len & 31);
	return e;
}

/*
 * Add words to the table with the given class flags.
 */
static void
vocab_add(const char *const *words, size_t n, uint16_t flags)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		size_t		len = strlen(words[i]);

		vocab_enter(words[i])->flags |= flags;
		if (flags & LONG_FLAGS)
			vocab_shape_long[(unsigned char) words[i][0] & 0x7F] |= UINT32_C(1) << (len & 31);
		if (flags & (V_STRONG | V_SECOND))
			vocab_shape_light[(unsigned char) words[i][0] & 0x7F] |= UINT32_C(1) << (len & 31);
	}
}

#define VOCAB_ADD(a, f) vocab_add(a, sizeof(a) / sizeof(a[0]), f)

static void ascii_cls_init(void);

/*
 * Build the vocabulary table (idempotent).
 */
static void
vocab_init(void)
{
	int			i;

	if (vocab != NULL)
		return;
	ascii_cls_init();
	vocab = vocab_create(512, NULL);
	VOCAB_ADD(widget_words, V_WIDGET);
	VOCAB_ADD(strong_words, V_STRONG);
	VOCAB_ADD(comment_words, V_COMMENT);
	VOCAB_ADD(section_words, V_SECTION);
	VOCAB_ADD(teaser_labels, V_TEASER);
	VOCAB_ADD(caption_labels, V_CAPTION);
	VOCAB_ADD(credit_words, V_CREDIT);
	VOCAB_ADD(date_words, V_DATE);
	VOCAB_ADD(time_words, V_TIME);
	VOCAB_ADD(compound_prefixes, V_CPREFIX);
	VOCAB_ADD(compound_suffixes, V_CSUFFIX);
	VOCAB_ADD(second_person, V_SECOND);
	for (i = 1; i < W_NUM_IDS; i++)
	{
		size_t		len = strlen(special_words[i]);

		vocab_enter(special_words[i])->id = (uint8_t) i;
		if (PHRASE_FIRST(i))
		{
			vocab_shape_long[(unsigned char) special_words[i][0] & 0x7F] |= UINT32_C(1) << (len & 31);
			vocab_shape_light[(unsigned char) special_words[i][0] & 0x7F] |= UINT32_C(1) << (len & 31);
		}
	}
}

/*
 * Look a lower-case key up; NULL if it is in no list.
 */
static inline const VocabEntry *
vocab_find(const char *key, size_t klen)
{
	return vocab_lookup(vocab, NpStrKeyMake(key, klen));
}

/*
 * The class flags of a key (0 if unknown).
 */
static inline uint16_t
vocab_flags(const char *key)
{
	const VocabEntry *e = vocab_find(key, strlen(key));

	return e ? e->flags : 0;
}

/*
 * Is the lower-case word a common first word of sentences (segment.c)?
 */
bool
NpIsSentenceStarter(const char *key)
{
	size_t		i;

	for (i = 0; i < sizeof(sentence_starters) / sizeof(sentence_starters[0]); i++)
		if (strcmp(key, sentence_starters[i]) == 0)
			return true;
	return false;
}

/*
 * Make a lookup key from a word: ASCII-lower-cased, stripped of surrounding
 * punctuation (a trailing period is kept out, internal ones kept in).
 * Returns the key length, 0 if the word does not fit or has no letter.
 */
static size_t
word_key(const char *w, size_t len, char *key, size_t keysize)
{
	size_t		s = 0;
	size_t		e = len;
	size_t		i;
	size_t		k = 0;
	bool		letter = false;

	while (s < e && !A_ALNUM((unsigned char) w[s]) && (unsigned char) w[s] < 0x80)
		s++;
	while (e > s && !A_ALNUM((unsigned char) w[e - 1]) && (unsigned char) w[e - 1] < 0x80)
		e--;
	if (e - s == 0 || e - s >= keysize)
		return 0;
	for (i = s; i < e; i++)
	{
		unsigned char c = (unsigned char) w[i];

		if (c >= 'A' && c <= 'Z')
			c = c - 'A' + 'a';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			letter = true;
		key[k++] = (char) c;
	}
	key[k] = '\0';
	return letter ? k : 0;
}

/* ----------------------------------------------------------------
 * Sets of 64-bit hashes (word evidence, repeated lines)
 * ----------------------------------------------------------------
 */

typedef struct HashSetEntry
{
	uint64		key;			/* a hash (NpHashBytes64) */
	char		status;
} HashSetEntry;

#define SH_PREFIX		hashset
#define SH_ELEMENT_TYPE HashSetEntry
#define SH_KEY_TYPE		uint64
#define SH_KEY			key
#define SH_HASH_KEY(tb, k)	((uint32) (k))
#define SH_EQUAL(tb, a, b)	((a) == (b))
#define SH_RAW_ALLOCATOR	np_alloc0
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"
#undef SH_RAW_ALLOCATOR		/* simplehash.h leaves it defined */

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

/*
 * Add h to the set; returns true if it was already there.
 */
static inline bool
hs_add(hashset_hash *hs, uint64 h)
{
	bool		found;

	hashset_insert(hs, h, &found);
	return found;
}

/*
 * Is h in the set?
 */
static inline bool
hs_has(hashset_hash *hs, uint64 h)
{
	return hashset_lookup(hs, h) != NULL;
}

/* ----------------------------------------------------------------
 * Plain-text front end
 * ----------------------------------------------------------------
 */

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
 * Does the text end a sentence (.!?… or a colon, before closing quotes)?
 */
static bool
ends_sentence(const char *s, size_t len, bool colon_ok)
{
	size_t		end = len;

	while (end > 0)
	{
		size_t		p;
		uint32_t	c = last_cp(s, 0, end, &p);

		if (cp_is_closer(c))
		{
			end = p;
			continue;
		}
		return NpUniIsSentenceEnd(c) || (colon_ok && c == ':');
	}
	return false;
}

/*
 * Is the word a URL, e-mail address or bare domain?
 */
static bool
word_is_url(const char *w, size_t len)
{
	size_t		i;

	if (memchr(w, '/', len) == NULL && memchr(w, '@', len) == NULL &&
		!(len >= 4 && memcmp(w, "www.", 4) == 0))
		return false;

	if (len >= 7 && (memcmp(w, "http://", 7) == 0 ||
					 (len >= 8 && memcmp(w, "https://", 8) == 0)))
		return true;
	if (len >= 4 && memcmp(w, "www.", 4) == 0)
		return true;
	for (i = 1; i + 1 < len; i++)
	{
		if (w[i] == '@' && memchr(w + i, '.', len - i) != NULL)
			return true;
		if (w[i] == '/' && w[i - 1] == '.' )
			return true;
	}
	/* domain.tld/path */
	for (i = 1; i + 4 < len; i++)
		if (w[i] == '.' && (memcmp(w + i, ".com/", 5) == 0 ||
							memcmp(w + i, ".org/", 5) == 0))
			return true;
	return false;
}

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
		if (!word_is_url(s + i, j - i))
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
 * Count the bytes of m whose top bit is set (m has no other bits set).
 * A multiply sums the bytes, with no need for a popcount instruction.
 */
static inline int
count_high_bits(uint64_t m)
{
	return (int) (((m >> 7) * UINT64_C(0x0101010101010101)) >> 56);
}

/*
 * Mark the bytes of v equal to the byte repeated in pat: bit 7 of each such
 * byte is set, nothing else.  Exact (no carry crosses a byte).
 */
static inline uint64_t
bytes_equal(uint64_t v, uint64_t pat)
{
	const uint64_t lo7 = UINT64_C(0x7F7F7F7F7F7F7F7F);
	uint64_t	x = v ^ pat;

	return ~(((x & lo7) + lo7) | x | lo7);
}

#define NP_SPACES	UINT64_C(0x2020202020202020)
#define NP_PIPES	UINT64_C(0x7C7C7C7C7C7C7C7C)

/*
 * Return the offset of the first space in s[i..len), or len.  On
 * little-endian GCC-compatible compilers, eight bytes at a time (words are
 * short, so this beats a call to memchr).
 */
static inline size_t
next_space(const char *s, size_t i, size_t len)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; i + 8 <= len; i += 8)
	{
		uint64_t	v;
		uint64_t	m;

		memcpy(&v, s + i, 8);
		m = bytes_equal(v, NP_SPACES);
		if (m)
			return i + (size_t) (__builtin_ctzll(m) >> 3);
	}
	while (i < len && s[i] != ' ')
		i++;
	return i;
#else
	const char *sp = memchr(s + i, ' ', len - i);

	return sp ? (size_t) (sp - s) : len;
#endif
}

/*
 * Count the spaces of s, and tell whether s is pure ASCII without a '|';
 * one pass, eight bytes at a time.
 */
static int
count_spaces(const char *s, size_t len, bool *plain)
{
	const uint64_t hi = UINT64_C(0x8080808080808080);
	uint64_t	bad = 0;
	int			n = 0;
	size_t		i;

	for (i = 0; i + 8 <= len; i += 8)
	{
		uint64_t	v;

		memcpy(&v, s + i, 8);
		bad |= (v & hi) | bytes_equal(v, NP_PIPES);
		n += count_high_bits(bytes_equal(v, NP_SPACES));
	}
	for (; i < len; i++)
	{
		unsigned char b = (unsigned char) s[i];

		n += b == ' ';
		if (b >= 0x80 || b == '|')
			bad = 1;
	}
	*plain = bad == 0;
	return n;
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
		chars += 8 - count_high_bits(v & ~(v << 1) & UINT64_C(0x8080808080808080));
		/* zero bytes of v ^ "        " are spaces */
		x = v ^ UINT64_C(0x2020202020202020);
		t = ((x & UINT64_C(0x7F7F7F7F7F7F7F7F)) + UINT64_C(0x7F7F7F7F7F7F7F7F)) | x;
		spaces += count_high_bits(~t & UINT64_C(0x8080808080808080));
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
	li->ends_term = ends_sentence(s, len, false);
	if (len >= 2 && s[len - 1] == '-')
	{
		c = last_cp(s, 0, len - 1, &p);
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
	hashset_hash *evidence;		/* hashes of words, lower-cased */
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

	tf->evidence = hashset_create((L->len < EVIDENCE_BYTES ? L->len : EVIDENCE_BYTES) / 8 + 16, NULL);
	/* lines are stored back to back: tokenise each one on its own */
	for (u = 0; u < L->nunits && budget > 0; u++)
	{
		const char *s = L->text + L->units[u].off;
		size_t		len = L->units[u].len < budget ? L->units[u].len : budget;
		size_t		i = 0;

		budget -= len;
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
				hs_add(tf->evidence, hash_folded(s + i, j - i));
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
	if (hs_has(tf->evidence, hash_folded(buf, n1 + n2)))
		return false;
	memcpy(buf, a + ws, n1 + 1);
	memcpy(buf + n1 + 1, b, n2);
	if (hs_has(tf->evidence, hash_folded(buf, n1 + n2 + 1)))
		return true;
	if (word_key(a + ws, n1, key, sizeof(key)) && (vocab_flags(key) & V_CPREFIX))
		return true;
	if (word_key(b, n2, key, sizeof(key)) && (vocab_flags(key) & V_CSUFFIX))
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
static void
text_to_units(const char *s, size_t len, NpDoc *out)
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
	hashset_hash *dups;
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
		line_info(L.text + L.units[k].off, L.units[k].len, &tf.li[k]);

	/*
	 * Short lines that recur are running headers or repeated labels, junk
	 * for the joining rules.  Lines ending a sentence are not: the last line
	 * of two wrapped paragraphs may well read "rights." both times.
	 */
#define RUNNING_HEADER_SHAPE(l) ((l).nwords >= 2 && (l).nwords <= 8 && \
								 (l).chars >= 8 && !(l).ends_term)
	dups = hashset_create(16, NULL);
	{
		hashset_hash *seen = hashset_create(n / 4 + 16, NULL);

		for (k = 0; k < n; k++)
			if (RUNNING_HEADER_SHAPE(tf.li[k]))
			{
				uint64		h = NpHashBytes64(L.text + L.units[k].off, L.units[k].len);

				if (hs_add(seen, h))
					hs_add(dups, h);
			}
		hashset_destroy(seen);
		for (k = 0; k < n; k++)
			if (RUNNING_HEADER_SHAPE(tf.li[k]) &&
				hs_has(dups, NpHashBytes64(L.text + L.units[k].off, L.units[k].len)))
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
	hashset_destroy(dups);
	if (tf.have_evidence)
		hashset_destroy(tf.evidence);
	np_free(lens);
	np_free(tf.li);
	NpDocFree(&L);
}

/* ----------------------------------------------------------------
 * Classifier
 * ----------------------------------------------------------------
 */

/* Facts about a unit, gathered in one pass over its words */
typedef struct UnitFacts
{
	int			nwords;
	int			nletters;
	int			nupper;			/* upper-case letters */
	int			ncapwords;		/* words starting with a capital */
	int			nlongwords;		/* words of 4+ characters */
	int			nlongcap;		/* ... of which capitalised */
	int			widget;			/* widget vocabulary hits */
	int			strong;			/* banner vocabulary hits */
	int			comment;		/* comment-section words */
	int			section;		/* more-stories words */
	int			second;			/* you, your */
	int			credit;			/* photo credit words */
	int			datetok;		/* date/time tokens */
	int			datestrong;		/* numbers, months, "ago" */
	int			nondate;		/* other tokens */
	int			arrows;			/* navigation arrows */
	int			guil_open;		/* guillemets: quotes in pairs, arrows alone */
	int			guil_close;
	int			pipes;			/* | separators */
	int			urls;
	bool		ends_term;
	bool		ends_colon;
	bool		byline;
	bool		wirecredit;		/* "Reporting by", "Editing by" */
	bool		contributed;	/* "... contributed to ..." */
	bool		about;			/* begins with "About" */
	bool		teaser_label;	/* "Related: ...", "Read more: ..." */
	bool		caption_label;	/* "Photo: ..." */
	bool		credit_tail;	/* ends with "Name / Agency" or a credit */
	bool		nav_start;		/* "Previous ...", "Next ..." */
	bool		phrase;			/* "sign up", "privacy policy" ... */
	bool		quoted;			/* begins with a quotation mark */
	bool		label_colon;	/* a colon ends one of the first 3 words */
	int			label_words;	/* words up to that colon */
} UnitFacts;

/* ASCII character classes for unit_facts */
#define AC_LETTER	0x01
#define AC_UPPER	0x02
#define AC_DIGIT	0x04
#define AC_URL		0x08		/* '/' and '@' */
#define AC_PIPE		0x10

static unsigned char ascii_cls[128];

/*
 * Fill the ASCII class table (idempotent, called from vocab_init).
 */
static void
ascii_cls_init(void)
{
	int			c;

	for (c = 0; c < 128; c++)
	{
		unsigned char v = 0;

		if (A_ALPHA(c))
			v |= AC_LETTER;
		if (c >= 'A' && c <= 'Z')
			v |= AC_UPPER;
		if (A_DIGIT(c))
			v |= AC_DIGIT;
		if (c == '/' || c == '@')
			v |= AC_URL;
		if (c == '|')
			v |= AC_PIPE;
		ascii_cls[c] = v;
	}
}

/*
 * Is the word a date or time token ("12:30", "2024", "8th", "13")?
 */
static bool
token_is_numeric(const char *k)
{
	bool		digit = false;

	for (; *k; k++)
	{
		if (A_DIGIT((unsigned char) *k))
			digit = true;
		else if (!(*k == ':' || *k == '.' || *k == '/' || *k == '-' ||
				   *k == 's' || *k == 't' || *k == 'n' || *k == 'd' ||
				   *k == 'r' || *k == 'h'))
			return false;
	}
	return digit;
}

/*
 * Gather the facts about one unit.
 */
static void
unit_facts(const char *s, size_t len, UnitFacts *f)
{
	size_t		i = 0;
	int			w = 0;
	char		key[48];
	int			prev_id = W_NONE;
	uint16_t	prev_flags = 0;
	bool		label_done = false;
	size_t		last_sentence_word = 0;
	int			total_words = 1;
	bool		short_unit;
	bool		mid_unit;
	bool		light;
	bool		plain;

	memset(f, 0, sizeof(UnitFacts));
	f->ends_term = ends_sentence(s, len, false);
	if (len > 0)
	{
		uint32_t	c0;

		NpUtf8Decode((const unsigned char *) s, len, &c0);
		f->quoted = c0 == '"' || c0 == 0x201C || c0 == 0xAB || c0 == 0x2018 || c0 == '\'';
	}
	f->ends_colon = !f->ends_term && ends_sentence(s, len, true);

	/*
	 * Most vocabulary only matters in short units (timestamps, labels,
	 * widgets); in long ones only banner words, credits and phrases count,
	 * and beyond 80 words only the first three words.  Knowing the word
	 * count first lets us skip the lookups that cannot matter.
	 */
	total_words += count_spaces(s, len, &plain);
	short_unit = total_words <= 14;
	mid_unit = total_words <= 80;

	/*
	 * A long ASCII sentence with no '|' can only be furniture through its
	 * first words (labels) or its vocabulary (banners, wire credits):
	 * after the third word, skip the character classes and go straight to
	 * the vocabulary filter.
	 */
	light = f->ends_term && total_words >= 15 && plain;

	while (i < len)
	{
		size_t		j = i;
		size_t		k;
		size_t		klen;
		size_t		nchars;
		bool		first_upper;
		bool		first_seen;
		bool		has_url_char;
		bool		ascii_word;
		bool		key_digit = false;
		size_t		core_a;
		size_t		core_z;

		/*
		 * One pass over the word's characters finds its end and counts
		 * letters and capitals (the first letter or digit decides whether
		 * the word is capitalised), arrows, separators and URL characters.
		 * ASCII words, nearly all of them, take a table-driven path.
		 */
		first_seen = false;
		first_upper = false;
		nchars = 0;
		core_a = core_z = 0;
		if (light && w >= 3)
		{
			j = next_space(s, i, len);
			if (j == i)
			{
				i++;
				continue;
			}
			w++;
			ascii_word = false;
			goto vocabulary;
		}
		{
			unsigned	acc = 0;
			int			nl = 0;
			int			nu = 0;
			bool		have_core = false;

			for (k = i; k < len; k++)
			{
				unsigned char b = (unsigned char) s[k];
				unsigned	c;

				if (b == ' ' || (b & 0x80))
					break;
				c = ascii_cls[b];
				acc |= c;
				nl += c & AC_LETTER;
				nu += (c >> 1) & 1;
				if (c & (AC_LETTER | AC_DIGIT))
				{
					if (!have_core)
					{
						have_core = true;
						core_a = k;
						first_upper = (c & AC_UPPER) != 0;
					}
					core_z = k + 1;
				}
			}
			if (k == i && k < len && s[k] == ' ')
			{
				i = k + 1;		/* an empty word */
				continue;
			}
			w++;
			if (k == len || s[k] == ' ')
			{
				j = k;
				f->nletters += nl;
				f->nupper += nu;
				nchars = j - i;
				has_url_char = (acc & AC_URL) ||
					(j - i >= 4 && memcmp(s + i, "www.", 4) == 0);
				if (acc & AC_PIPE)
					for (k = i; k < j; k++)
						f->pipes += s[k] == '|';
				ascii_word = true;
				goto word_done;
			}
			/* not ASCII: find the end, then the general path */
			{
				const char *sp = memchr(s + k, ' ', len - k);

				j = sp ? (size_t) (sp - s) : len;
			}
			has_url_char = j - i >= 4 && memcmp(s + i, "www.", 4) == 0;
			ascii_word = false;
		}
		for (k = i; k < j;)
		{
			unsigned char b = (unsigned char) s[k];
			uint32_t	d;

			nchars++;
			if (b < 0x80)
			{
				k++;
				if (A_ALPHA(b))
				{
					bool		up = b <= 'Z';

					f->nletters++;
					if (up)
						f->nupper++;
					if (!first_seen)
					{
						first_seen = true;
						first_upper = up;
					}
				}
				else if (A_DIGIT(b))
					first_seen = true;
				else if (b == '/' || b == '@')
					has_url_char = true;
				else if (b == '|')
					f->pipes++;
				continue;
			}
			k += NpUtf8Decode((const unsigned char *) s + k, j - k, &d);
			if (NpUniIsLetter(d))
			{
				bool		up = NpUniIsUpper(d);

				f->nletters++;
				if (up)
					f->nupper++;
				if (!first_seen)
				{
					first_seen = true;
					first_upper = up;
				}
			}
			else if (d == 0x2190 || d == 0x2192 || d == 0x2039 || d == 0x203A ||
					 d == 0x25B6 || d == 0x25C0 || d == 0x276F || d == 0x276E)
				f->arrows++;
			else if (d == 0xAB)
				f->guil_open++;
			else if (d == 0xBB)
				f->guil_close++;
			else if (d == 0xA9)
				f->strong++;	/* copyright sign */
			else if (d == 0xB7 || d == 0x2022)
				f->pipes++;
		}
word_done:
		if (first_upper)
			f->ncapwords++;
		if (nchars >= 4)
		{
			f->nlongwords++;
			if (first_upper)
				f->nlongcap++;
		}
		if (has_url_char && word_is_url(s + i, j - i))
			f->urls++;
		if (j - i == 1 && (s[i] == '/' || s[i] == '|'))
			f->credit++;

vocabulary:

		/*
		 * No listed word is longer than 13 letters; and most words can be
		 * ruled out by their first letter and length before building a key.
		 */
		klen = 0;
		if (j - i <= 16)
		{
			size_t		a = i;
			size_t		z = j;
			unsigned char c0;
			bool		look;

			if (ascii_word)
			{
				a = core_a;
				z = core_a < core_z ? core_z : core_a;
			}
			else
			{
				while (a < z && (unsigned char) s[a] < 0x80 && !A_ALNUM((unsigned char) s[a]))
					a++;
				while (z > a && (unsigned char) s[z - 1] < 0x80 && !A_ALNUM((unsigned char) s[z - 1]))
					z--;
			}
			c0 = a < z ? (unsigned char) s[a] : 0;
			if (c0 >= 'A' && c0 <= 'Z')
				c0 = c0 - 'A' + 'a';
			look = a < z && c0 < 0x80 &&
				(w <= 3 || short_unit || PHRASE_FIRST(prev_id) ?
				 (A_DIGIT(c0) || (z - a < 32 && ((vocab_shape[c0] >> (z - a)) & 1))) :
				 (mid_unit && z - a < 32 &&
				  (((light ? vocab_shape_light : vocab_shape_long)[c0] >> (z - a)) & 1)));

			/*
			 * A word that is not listed (and not a numeric token) counts
			 * like a word that was not looked up, unless it may end a label
			 * ("Read more:") among the first three words.
			 */
			if (look && (w > 3 || s[j - 1] != ':') && z - a >= 2 &&
				vocab_pair_excludes(c0, (unsigned char) s[a + 1],
									(unsigned char) s[z - 1], z - a))
				look = false;
			if (look)
			{
				/*
				 * The key is the core a..z lower-cased (what word_key would
				 * make of the word, without stripping it again).
				 */
				size_t		q;

				for (q = a; q < z; q++)
				{
					unsigned char c = (unsigned char) s[q];

					if (c >= 'A' && c <= 'Z')
						c = c - 'A' + 'a';
					key_digit |= A_DIGIT(c);
					key[q - a] = (char) c;
				}
				key[z - a] = '\0';
				klen = z - a;
			}
			else if (a < z && c0 < 0x80 && A_ALNUM(c0))
				klen = 99;		/* a word, but not a listed one */
		}
		if (klen > 0 && klen <= 14)
		{
			const VocabEntry *e = vocab_find(key, klen);
			uint16_t	vf = e ? e->flags : 0;
			int			id = e ? e->id : W_NONE;
			bool		isdate = false;

			if (vf & V_WIDGET)
				f->widget++;
			if (vf & V_COMMENT)
				f->comment++;
			if (vf & V_SECTION)
				f->section++;
			if (vf & V_CREDIT)
				f->credit++;
			if (vf & V_SECOND)
				f->second++;
			if (len < 600 && (vf & V_STRONG))
				f->strong++;
			if (id != W_NONE)
			{
				if ((prev_id == W_SIGN && (id == W_UP || id == W_IN)) ||
					(prev_id == W_LOG && id == W_IN) ||
					(prev_id == W_PRIVACY && id == W_POLICY) ||
					(prev_id == W_RIGHTS && id == W_RESERVED) ||
					(prev_id == W_TERMS && (id == W_OF || id == W_AND)) ||
					(prev_id == W_AD && id == W_BLOCKER))
					f->phrase = true;
				if (prev_id == W_CONTRIBUTED && id == W_REPORTING)
					f->wirecredit = true;
				if (prev_id == W_CONTRIBUTED && id == W_TO)
					f->contributed = true;	/* "X contributed to this report" */
				if (w == 1 && id == W_ABOUT && s[i] == 'A')
					f->about = true;
				if (id == W_BY && (prev_id == W_REPORTING || prev_id == W_EDITING ||
								   prev_id == W_WRITING || prev_id == W_COMPILED))
					f->wirecredit = true;
				if (w == 1 && ((id == W_BY && j - i == 2 && s[i] == 'B') ||
							   id == W_AUTHOR || id == W_AUTHORS))
					f->byline = true;
				if (w == 2 && id == W_BY &&
					(prev_id == W_WRITTEN || prev_id == W_REPORTED ||
					 prev_id == W_WORDS || prev_id == W_STORY ||
					 prev_id == W_TEXT || prev_id == W_POSTED ||
					 prev_id == W_PHOTOS || prev_id == W_VIDEO))
					f->byline = true;
				if (w <= 2 && (id == W_PREVIOUS || id == W_NEXT || id == W_PREV ||
							   id == W_OLDER || id == W_NEWER))
					f->nav_start = true;
			}
			if ((vf & V_DATE) || (key_digit && token_is_numeric(key)))
			{
				isdate = true;
				f->datestrong++;
			}
			else if (vf & V_TIME)
			{
				isdate = true;
				if (id == W_AGO)
					f->datestrong++;
			}
			if (isdate)
				f->datetok++;
			else
				f->nondate++;
			/* "Image caption, ..." */
			if (w <= 2 && (vf & V_CAPTION) && s[j - 1] == ',')
				f->caption_label = true;
			/* "Label:" or "Two words:" at the start */
			if (!label_done && w <= 3 && s[j - 1] == ':')
			{
				if ((vf | prev_flags) & V_TEASER)
					f->teaser_label = true;
				if ((vf | prev_flags) & V_CAPTION)
					f->caption_label = true;
				label_done = true;
			}
			prev_id = id;
			prev_flags = vf;
		}
		else
		{
			f->nondate++;
			prev_id = W_NONE;
			prev_flags = 0;
		}
		if (w <= 3 && j > i && s[j - 1] == ':' && !f->label_colon)
		{
			label_done = true;
			f->label_colon = true;
			f->label_words = w;
		}
		/* remember where the last sentence ended, for credit tails */
		if (j > i && (s[j - 1] == '.' || s[j - 1] == '!' || s[j - 1] == '?') && j < len)
			last_sentence_word = w;
		i = j + 1;
	}
	f->nwords = w;
	if (f->guil_open != f->guil_close)
		f->arrows += f->guil_open + f->guil_close;

	/*
	 * A credit tail: the words after the last full stop are few, do not end
	 * a sentence, and hold a slash or a credit word ("... Reuters / Getty").
	 */
	if (!f->ends_term && f->nwords - (int) last_sentence_word <= 8 && f->credit > 0)
	{
		/* recount credit evidence within the tail only */
		size_t		p = 0;
		int			ww = 0;
		int			cred = 0;

		while (p < len)
		{
			size_t		q = p;

			while (q < len && s[q] != ' ')
				q++;
			ww++;
			if (ww > (int) last_sentence_word)
			{
				if ((q - p == 1 && s[p] == '/') || memchr(s + p, '/', q - p) != NULL)
					cred++;
				else if (word_key(s + p, q - p, key, sizeof(key)) && (vocab_flags(key) & V_CREDIT))
					cred++;
			}
			p = q + 1;
		}
		f->credit_tail = cred > 0;
	}
}

/*
 * Give one unit its verdict and section-marker kind.
 */
static int
classify_unit(const NpDoc *doc, int idx, bool duplicate, int *mark, bool *byline)
{
	const NpUnit *u = &doc->units[idx];
	const char *s = doc->text + u->off;
	UnitFacts	f;
	bool		allcaps;
	bool		heading = (u->flags & NPU_HEADING) != 0;
	double		linkdens = u->len ? (double) u->linkbytes / (double) u->len : 0.0;

	*mark = MARK_NONE;
	unit_facts(s, u->len, &f);
	*byline = f.byline && f.nwords <= 12;
	allcaps = f.nletters >= 2 && f.nupper == f.nletters;

	/* markup evidence first */
	if ((u->flags & NPU_BOILER) && !doc->ignore_boiler)
		return CLS_BAD;
	if (u->flags & NPU_CAPTION)
		return CLS_CAPTION;
	if ((u->flags & NPU_HEADLINE) && f.nwords <= 30 && !(f.ends_term && f.nwords >= 10))
		return CLS_HEADLINE;
	if ((u->flags & (NPU_HEADING | NPU_HEADLINE)) && f.nwords > 30)
		heading = false;

	/* section markers: short labels that open comments or teaser boxes */
	if (f.nwords <= 8 && !f.ends_term && f.comment > 0)
	{
		*mark = MARK_HARD;
		return CLS_BAD;
	}
	if (f.nwords <= 8 && f.comment > 0 && f.widget * 3 >= f.nwords)
	{
		*mark = MARK_HARD;
		return CLS_BAD;
	}
	if (f.nwords <= 6 && !f.ends_term && !f.ends_colon && f.section > 0 &&
		(f.section + f.widget) * 2 >= f.nwords)
	{
		*mark = MARK_SOFT;
		return CLS_BAD;
	}
	/* "About the author", "About Acme Corp": the boilerplate section */
	if (f.about && f.nwords >= 2 && f.nwords <= 5 && !f.ends_term && !f.ends_colon)
	{
		*mark = MARK_SOFT;
		return CLS_BAD;
	}

	if (u->flags & NPU_HTML)
	{
		if (linkdens >= 0.5)
			return CLS_BAD;
		/* a real sentence may link a name or two; a teaser is mostly link */
		if (linkdens >= 0.3 && f.nwords < 25 && !(f.ends_term && f.nwords >= 10))
			return CLS_BAD;
	}
	if (f.urls > 0 && (f.urls == f.nwords || f.nwords <= 3))
		return CLS_BAD;
	if (f.caption_label || (f.credit_tail && f.nwords <= 80))
		return CLS_CAPTION;
	if (f.teaser_label && !heading)
		return CLS_BAD;
	if (f.label_colon && !f.ends_term && f.nwords <= 20 && !heading &&
		f.nwords - f.label_words >= 3)
		return CLS_BAD;			/* "See also: Some headline" */
	if (f.byline && f.nwords <= 12 && !f.ends_term)
		return CLS_BAD;
	if ((f.wirecredit && f.nwords <= 40) || (f.contributed && f.nwords <= 15))
		return CLS_BAD;
	if (f.datestrong > 0 && f.nwords <= 14 && f.nondate <= f.nwords / 5)
		return CLS_BAD;
	if ((f.arrows > 0 || f.pipes >= 2 || (f.nav_start && !f.ends_term)) && f.nwords <= 30 &&
		!(f.ends_term && f.nwords >= 12 && f.arrows == 0 && f.pipes < 2))
		return CLS_BAD;
	if ((f.strong > 0 || f.phrase) && f.nwords <= 80 &&
		(f.second > 0 || f.nwords < 15 || f.strong + (f.phrase ? 1 : 0) >= 2))
		return CLS_BAD;
	if (f.nwords <= 8 && f.widget > 0 && f.widget * 3 >= f.nwords)
		return CLS_BAD;
	if (allcaps && f.nwords <= 4 && !f.ends_term)
		return CLS_BAD;
	if (duplicate && f.nwords <= 20)
		return CLS_BAD;

	if ((f.ends_term || f.ends_colon) && f.nwords >= 10)
		return CLS_GOOD;
	if (f.nwords >= 30 && !(f.nlongwords > 0 && f.nlongcap * 10 >= f.nlongwords * 8))
		return CLS_GOOD;
	if (heading)
		return CLS_HEADING;
	/* short sentences, quoted answers ("No."), list introductions */
	if (f.ends_term && (f.nwords >= 3 || f.quoted))
		return CLS_NEAR;
	if (f.ends_colon && f.nwords >= 3 && f.nwords - f.ncapwords >= 2)
		return CLS_NEAR;
	return CLS_SHORT;
}

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
 * Does the unit speak to the reader on the publisher's behalf ("you" and
 * "our"/"us" in a short unquoted text)?
 */
static bool
reader_appeal(const NpDoc *doc, int i)
{
	const NpUnit *u = &doc->units[i];
	const char *s = doc->text + u->off;
	UnitFacts	f;
	size_t		k;
	bool		our = false;

	if (u->len > 300 || memchr(s, '"', u->len) != NULL)
		return false;
	for (k = 0; k + 3 <= u->len; k++)
		if (memcmp(s + k, "\xE2\x80\x9C", 3) == 0)
			return false;		/* a quotation */
	unit_facts(s, u->len, &f);
	if (f.second == 0 || f.nwords > 30)
		return false;
	for (k = 0; k + 4 <= u->len; k++)
		if ((k == 0 || s[k - 1] == ' ') &&
			(memcmp(s + k, "our ", 4) == 0 || memcmp(s + k, "us ", 3) == 0 ||
			 (k + 3 == u->len - 0 && memcmp(s + k, "us.", 3) == 0)))
			our = true;
	return our;
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
is_subheading(const NpDoc *doc, int i)
{
	const NpUnit *u = &doc->units[i];
	UnitFacts	f;

	if (u->cls == CLS_HEADING)
		return true;
	if (u->cls != CLS_SHORT || (u->flags & NPU_HTML))
		return false;
	unit_facts(doc->text + u->off, u->len, &f);
	return f.nwords >= 2 && f.nwords <= 14 && f.widget == 0 && !f.ends_colon;
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

	*headline = -1;

	/* short units repeated within the page (only short ones can matter) */
	{
		hashset_hash *seen = hashset_create(n / 4 + 16, NULL);
		hashset_hash *twice = hashset_create(16, NULL);

		for (i = 0; i < n; i++)
			if (doc->units[i].len <= DUP_MAX_BYTES)
			{
				hashes[i] = NpHashBytes64(doc->text + doc->units[i].off, doc->units[i].len);
				if (hs_add(seen, hashes[i]))
					hs_add(twice, hashes[i]);
			}
		for (i = 0; i < n; i++)
			dup[i] = doc->units[i].len <= DUP_MAX_BYTES && hs_has(twice, hashes[i]);
		hashset_destroy(seen);
		hashset_destroy(twice);
	}

	for (i = 0; i < n; i++)
	{
		doc->units[i].cls = classify_unit(doc, i, dup[i], &marks[i], &bylines[i]);
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

				if (classify_unit(doc, i, dup[i], &m, &b) == CLS_GOOD)
					hidden_good += doc->units[i].len;
			}
		doc->ignore_boiler = hidden_good > 2 * good;
		if (doc->ignore_boiler)
			for (i = 0; i < n; i++)
				doc->units[i].cls = classify_unit(doc, i, dup[i], &marks[i], &bylines[i]);
	}
	for (i = 0; i < n; i++)
		if (IS_CONTENT(doc->units[i].cls))
			ncontent++;

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
	 * not furniture.
	 */
	if (ncontent == 0)
	{
		for (i = 0; i < n; i++)
			if (doc->units[i].cls == CLS_SHORT || doc->units[i].cls == CLS_HEADING ||
				(doc->units[i].cls == CLS_HEADLINE && opts->keep_headline) ||
				(doc->units[i].cls == CLS_CAPTION && opts->keep_captions))
				doc->units[i].seg = 0;
		goto done;
	}

	/* cut the content units into segments */
	for (i = 0; i < n; i++)
	{
		int			c = doc->units[i].cls;

		if (marks[i] != MARK_NONE)
		{
			new_seg = true;
			if (marks[i] == MARK_HARD && nsegs > 0)
				hard++;
			if (marks[i] == MARK_SOFT)
				soft_pending = true;
			continue;
		}
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
			if (is_subheading(doc, j) && j + 1 <= segs[i].last &&
				IS_CONTENT(doc->units[j + 1].cls))
				u->seg = i;
		}
	}

	/*
	 * An author bio ("Jane Doe is a ...") or an appeal to the reader ("Do
	 * you have an opinion? Write to us") closing the body.
	 */
	while (lastkept > firstkept && reader_appeal(doc, lastkept))
	{
		doc->units[lastkept].seg = -1;
		do
			lastkept--;
		while (lastkept > firstkept && doc->units[lastkept].seg < 0);
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

	/* the headline: a markup h1, or a short first line of text */
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
				UnitFacts	f;

				if (u->cls != CLS_SHORT && u->cls != CLS_HEADING && u->cls != CLS_NEAR)
					continue;
				unit_facts(doc->text + u->off, u->len, &f);
				if (f.nwords >= 2 && f.nwords <= 25 &&
					!(f.ends_term && doc->text[u->off + u->len - 1] == '.'))
				{
					*headline = i;
					break;
				}
			}
		if (*headline >= 0)
			doc->units[*headline].seg = -1;
	}

done:
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
	np_free(segs);
}

/* ----------------------------------------------------------------
 * Entry points
 * ----------------------------------------------------------------
 */

/*
 * Fill opts with the defaults.
 */
void
NpCleanOptionsInit(NpCleanOptions *opts)
{
	opts->format = NP_FORMAT_AUTO;
	opts->keep_headline = false;
	opts->keep_captions = false;
}

/*
 * Clean an article: build units with the right front end, select the body
 * and write the kept units out as paragraphs separated by a blank line.
 */
char *
NpCleanText(const char *input, size_t len, const NpCleanOptions *opts,
			size_t *outlen)
{
	NpDoc		doc;
	bool		html;
	char	   *out;
	size_t		o = 0;
	int			headline;
	int			i;

	vocab_init();
	if (opts->format == NP_FORMAT_HTML)
		html = true;
	else if (opts->format == NP_FORMAT_TEXT)
		html = false;
	else
		html = NpLooksLikeHtml(input, len);

	NpDocInit(&doc, len);
	if (html)
		NpHtmlToUnits(input, len, &doc);
	else
		text_to_units(input, len, &doc);

	select_body(&doc, opts, &headline);

	out = np_alloc(doc.len + 2 * (size_t) doc.nunits + 1);
	if (headline >= 0)
	{
		memcpy(out, doc.text + doc.units[headline].off, doc.units[headline].len);
		o = doc.units[headline].len;
	}
	for (i = 0; i < doc.nunits; i++)
	{
		NpUnit	   *u = &doc.units[i];

		if (u->seg < 0 || i == headline)
			continue;
		if (o > 0)
		{
			out[o++] = '\n';
			out[o++] = '\n';
		}
		memcpy(out + o, doc.text + u->off, u->len);
		o += u->len;
	}
	out[o] = '\0';
	*outlen = o;
	NpDocFree(&doc);
	return out;
}
