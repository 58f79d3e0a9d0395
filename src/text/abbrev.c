/*-------------------------------------------------------------------------
 *
 * abbrev.c
 *	  Abbreviations and sentence openers, one list of each (see abbrev.h).
 *
 * The sentence splitter asks whether the period after a word ends a
 * sentence; the entity extractor asks the same while it tokenizes, and
 * whether a capitalised word at a sentence start is a function word rather
 * than a name.  Both read these lists, so that they agree.  The lists are
 * sorted (checked at first use in assert-enabled builds) and searched by
 * bisection.
 *
 * src/text/abbrev.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "text/abbrev.h"

typedef struct Abbreviation
{
	const char *word;			/* lower case, without the period */
	int			kind;			/* NP_ABBR_* */
} Abbreviation;

static const Abbreviation abbreviations[] = {
	{"adm", NP_ABBR_TITLE},
	{"amb", NP_ABBR_TITLE},
	{"approx", NP_ABBR_TITLE},
	{"apr", NP_ABBR_NUMBER},
	{"art", NP_ABBR_NUMBER},
	{"atty", NP_ABBR_TITLE},
	{"aug", NP_ABBR_NUMBER},
	{"ave", NP_ABBR_MAYBE},
	{"blvd", NP_ABBR_MAYBE},
	{"brig", NP_ABBR_TITLE},
	{"bros", NP_ABBR_MAYBE},
	{"capt", NP_ABBR_TITLE},
	{"ch", NP_ABBR_NUMBER},
	{"cmdr", NP_ABBR_TITLE},
	{"co", NP_ABBR_MAYBE},
	{"col", NP_ABBR_TITLE},
	{"corp", NP_ABBR_MAYBE},
	{"cpl", NP_ABBR_TITLE},
	{"dec", NP_ABBR_NUMBER},
	{"dept", NP_ABBR_TITLE},
	{"det", NP_ABBR_TITLE},
	{"dr", NP_ABBR_TITLE},
	{"etc", NP_ABBR_MAYBE},
	{"feb", NP_ABBR_NUMBER},
	{"fig", NP_ABBR_NUMBER},
	{"fr", NP_ABBR_TITLE},
	{"ft", NP_ABBR_MAYBE},	/* feet, or Fort before a name */
	{"gen", NP_ABBR_TITLE},
	{"gov", NP_ABBR_TITLE},
	{"hon", NP_ABBR_TITLE},
	{"inc", NP_ABBR_MAYBE},
	{"insp", NP_ABBR_TITLE},
	{"jan", NP_ABBR_NUMBER},
	{"jr", NP_ABBR_MAYBE},
	{"jul", NP_ABBR_NUMBER},
	{"jun", NP_ABBR_NUMBER},
	{"lt", NP_ABBR_TITLE},
	{"ltd", NP_ABBR_MAYBE},
	{"maj", NP_ABBR_TITLE},
	{"mar", NP_ABBR_NUMBER},
	{"messrs", NP_ABBR_TITLE},
	{"mlle", NP_ABBR_TITLE},
	{"mme", NP_ABBR_TITLE},
	{"mr", NP_ABBR_TITLE},
	{"mrs", NP_ABBR_TITLE},
	{"ms", NP_ABBR_TITLE},
	{"mt", NP_ABBR_TITLE},
	{"mx", NP_ABBR_TITLE},
	{"no", NP_ABBR_NUMBER},
	{"nos", NP_ABBR_NUMBER},
	{"nov", NP_ABBR_NUMBER},
	{"oct", NP_ABBR_NUMBER},
	{"p", NP_ABBR_NUMBER},
	{"pp", NP_ABBR_NUMBER},
	{"pres", NP_ABBR_TITLE},
	{"prof", NP_ABBR_TITLE},
	{"pvt", NP_ABBR_TITLE},
	{"rep", NP_ABBR_TITLE},
	{"reps", NP_ABBR_TITLE},
	{"rev", NP_ABBR_TITLE},
	{"sec", NP_ABBR_NUMBER},
	{"sen", NP_ABBR_TITLE},
	{"sens", NP_ABBR_TITLE},
	{"sep", NP_ABBR_NUMBER},
	{"sept", NP_ABBR_NUMBER},
	{"sgt", NP_ABBR_TITLE},
	{"sr", NP_ABBR_MAYBE},
	{"st", NP_ABBR_MAYBE},
	{"supt", NP_ABBR_TITLE},
	{"univ", NP_ABBR_TITLE},
	{"v", NP_ABBR_TITLE},
	{"vol", NP_ABBR_NUMBER},
	{"vs", NP_ABBR_TITLE},
};

/* Common first words of sentences, lower case */
static const char *const openers[] = {
	"a", "after", "against", "all", "also", "although", "amid", "among",
	"an", "and", "as", "at", "because", "before", "both", "but", "by",
	"despite", "dozens", "during", "each", "earlier", "even", "every", "few",
	"for", "from", "he", "her", "here", "his", "how", "however", "hundreds",
	"i", "if", "in", "instead", "it", "its", "last", "later", "less", "like",
	"many", "meanwhile", "millions", "more", "most", "my", "neither", "next",
	"no", "not", "now", "of", "on", "once", "one", "only", "or", "other",
	"our", "over", "several", "she", "since", "so", "some", "still", "such",
	"than", "that", "the", "their", "then", "there", "these", "they", "this",
	"those", "though", "thousands", "to", "under", "unlike", "until", "we",
	"what", "when", "where", "which", "while", "who", "why", "with",
	"without", "yet", "you", "your"
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Copy w[0, len) lower-cased (ASCII) into buf of size bytes; false if it
 * does not fit.
 */
static bool
lower_key(const char *w, size_t len, char *buf, size_t size)
{
	size_t		i;

	if (len == 0 || len >= size)
		return false;
	for (i = 0; i < len; i++)
		buf[i] = (w[i] >= 'A' && w[i] <= 'Z') ? w[i] - 'A' + 'a' : w[i];
	buf[len] = '\0';
	return true;
}

/*
 * Find key in a sorted array of n entries of size bytes whose first member
 * is a string; -1 if absent.
 */
static int
find_word(const void *array, size_t n, size_t size, const char *key)
{
	size_t		lo = 0;
	size_t		hi = n;

	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;
		int			c = strcmp(key, *(const char *const *) ((const char *) array + mid * size));

		if (c == 0)
			return (int) mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

#ifdef USE_ASSERT_CHECKING
/*
 * Are the lists sorted (the bisection needs it)?
 */
static bool
lists_sorted(void)
{
	size_t		i;

	for (i = 1; i < NELEM(abbreviations); i++)
		if (strcmp(abbreviations[i - 1].word, abbreviations[i].word) >= 0)
			return false;
	for (i = 1; i < NELEM(openers); i++)
		if (strcmp(openers[i - 1], openers[i]) >= 0)
			return false;
	return true;
}
#endif

/*
 * The abbreviation kind of a word, 0 if it is none.
 */
int
NpAbbreviation(const char *w, size_t len)
{
	char		key[16];
	int			i;

	Assert(lists_sorted());
	if (!lower_key(w, len, key, sizeof(key)))
		return 0;
	i = find_word(abbreviations, NELEM(abbreviations), sizeof(Abbreviation), key);
	return i >= 0 ? abbreviations[i].kind : 0;
}

/*
 * Is the word a common sentence opener?
 */
bool
NpIsSentenceOpener(const char *w, size_t len)
{
	char		key[16];

	if (!lower_key(w, len, key, sizeof(key)))
		return false;
	return find_word(openers, NELEM(openers), sizeof(const char *), key) >= 0;
}
