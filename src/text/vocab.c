/*-------------------------------------------------------------------------
 *
 * vocab.c
 *	  The vocabulary of the article cleaner and the shapes of words: the
 *	  word lists of page furniture, one hash table over them with the
 *	  filters that rule most words out before a lookup, lookup keys, and
 *	  the word-level tests (sentence ends, URLs, space counts) that the
 *	  plain-text front end and the classifier share.
 *
 * src/text/vocab.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "text/clean_int.h"
#include "text/unicode.h"

/* ----------------------------------------------------------------
 * Word lists.  These describe page widgets and photo credits in general,
 * not any site's wording.  NpVocabInit puts them all in one hash table.
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

static const char *const special_words[W_NUM_IDS] = {
	"", "by", "sign", "up", "in", "log", "privacy", "policy", "rights",
	"reserved", "terms", "of", "and", "ad", "blocker", "contributed", "to",
	"reporting", "editing", "writing", "compiled", "written", "reported",
	"words", "story", "text", "posted", "photos", "video", "author",
	"authors", "previous", "next", "prev", "older", "newer", "ago", "about"
};

static const char *const second_person[] = {"you", "your", "you're", "you'll"};

/* ----------------------------------------------------------------
 * The table and its filters
 *
 * All lists go into one hash table, built once per process, so that
 * classifying a word costs one hash and one probe instead of a search per
 * list; the filters (clean_int.h) rule most words out before that.
 * ----------------------------------------------------------------
 */

uint32		NpVocabShape[128];
uint32		NpVocabShapeLong[128];
uint32		NpVocabShapeLight[128];
uint32		NpVocabPair[26][26];
uint32		NpVocabEnds[26][26];

#define SH_PREFIX		vocab
#define SH_ELEMENT_TYPE NpVocabEntry
#define SH_RAW_ALLOCATOR	np_alloc0_permanent
#include "np_strtable.h"

static vocab_hash *vocab = NULL;

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
		NpVocabPair[word[0] - 'a'][word[1] - 'a'] |= UINT32_C(1) << len;
		if (word[len - 1] >= 'a' && word[len - 1] <= 'z')
			NpVocabEnds[word[0] - 'a'][word[len - 1] - 'a'] |= UINT32_C(1) << len;
	}
}

/*
 * Add a word to the table, or find it there; note its shape for the
 * filters.
 */
static NpVocabEntry *
vocab_enter(const char *word)
{
	size_t		len = strlen(word);
	bool		found;
	NpVocabEntry *e = vocab_insert(vocab, NpStrKeyMake(word, len), &found);

	NP_SH_NEW_ENTRY(NpVocabEntry, e, found);
	vocab_pair_add(word);
	NpVocabShape[(unsigned char) word[0] & 0x7F] |= UINT32_C(1) << (len & 31);
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
			NpVocabShapeLong[(unsigned char) words[i][0] & 0x7F] |= UINT32_C(1) << (len & 31);
		if (flags & (V_STRONG | V_SECOND))
			NpVocabShapeLight[(unsigned char) words[i][0] & 0x7F] |= UINT32_C(1) << (len & 31);
	}
}

#define VOCAB_ADD(a, f) vocab_add(a, sizeof(a) / sizeof(a[0]), f)

/*
 * Build the vocabulary table (idempotent).
 */
void
NpVocabInit(void)
{
	int			i;

	if (vocab != NULL)
		return;
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
			NpVocabShapeLong[(unsigned char) special_words[i][0] & 0x7F] |= UINT32_C(1) << (len & 31);
			NpVocabShapeLight[(unsigned char) special_words[i][0] & 0x7F] |= UINT32_C(1) << (len & 31);
		}
	}
}

/*
 * Look a lower-case key up; NULL if it is in no list.
 */
const NpVocabEntry *
NpVocabFind(const char *key, size_t klen)
{
	return vocab_lookup(vocab, NpStrKeyMake(key, klen));
}

/*
 * The class flags of a key (0 if unknown).
 */
uint16
NpVocabFlags(const char *key)
{
	const NpVocabEntry *e = NpVocabFind(key, strlen(key));

	return e ? e->flags : 0;
}

/*
 * Make a lookup key from a word: ASCII-lower-cased, stripped of surrounding
 * punctuation (a trailing period is kept out, internal ones kept in).
 * Returns the key length, 0 if the word does not fit or has no letter.
 */
size_t
NpWordKey(const char *w, size_t len, char *key, size_t keysize)
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
 * Word shapes
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
 * Does the text end a sentence (.!?… or a colon, before closing quotes)?
 */
bool
NpEndsSentence(const char *s, size_t len, bool colon_ok)
{
	size_t		end = len;

	while (end > 0)
	{
		size_t		p;
		uint32_t	c = NpUtf8DecodeLast(s, 0, end, &p);

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
bool
NpWordIsUrl(const char *w, size_t len)
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
	/*
	 * An address: an '@' (not first nor last) with a '.' after it.  The
	 * first '@' has the most text after it: one search, not one per '@'
	 * (a word of a million "a@" would take quadratic time).
	 */
	if (len > 2)
	{
		const char *at = memchr(w + 1, '@', len - 2);

		if (at != NULL && memchr(at, '.', w + len - at) != NULL)
			return true;
	}
	for (i = 1; i + 1 < len; i++)
		if (w[i] == '/' && w[i - 1] == '.')
			return true;
	/* domain.tld/path */
	for (i = 1; i + 4 < len; i++)
		if (w[i] == '.' && (memcmp(w + i, ".com/", 5) == 0 ||
							memcmp(w + i, ".org/", 5) == 0))
			return true;
	return false;
}

/*
 * The sum of the eight bytes of v (at most 8 * 255): added in pairs into
 * 16-bit lanes first, so that no partial sum overflows.
 */
static inline int
sum_byte_lanes(uint64_t v)
{
	uint64_t	pairs = (v & UINT64_C(0x00FF00FF00FF00FF)) +
		((v >> 8) & UINT64_C(0x00FF00FF00FF00FF));

	return (int) ((pairs * UINT64_C(0x0001000100010001)) >> 48);
}

/*
 * Count the spaces of s, and tell whether s is pure ASCII without a '|'.
 * Eight bytes at a time: each byte lane of "lanes" counts the spaces seen
 * at its position (emptied into n before it can reach 256), and the high
 * bits of all bytes are or'ed together; only an ASCII text is searched for
 * a '|', by memchr.
 */
int
NpCountSpaces(const char *s, size_t len, bool *plain)
{
	const uint64_t hi = UINT64_C(0x8080808080808080);
	uint64_t	high = 0;
	uint64_t	lanes;
	int			n = 0;
	size_t		i;

	for (i = 0; i + 8 <= len;)
	{
		/* 255 rounds at most between two emptyings of the lanes */
		size_t		stop = i + Min((len - i) & ~(size_t) 7, (size_t) 255 * 8);

		lanes = 0;
		for (; i < stop; i += 8)
		{
			uint64_t	v;

			memcpy(&v, s + i, 8);
			high |= v;
			lanes += NpBytesEqual(v, NP_SPACES) >> 7;
		}
		n += sum_byte_lanes(lanes);
	}
	for (; i < len; i++)
	{
		unsigned char b = (unsigned char) s[i];

		n += b == ' ';
		high |= b;
	}
	*plain = (high & hi) == 0 && memchr(s, '|', len) == NULL;
	return n;
}
