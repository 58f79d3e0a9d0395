/*-------------------------------------------------------------------------
 *
 * fp_evidence.c
 *	  Fingerprint format version 2: which shingles are evidence of copying,
 *	  the v2 sketch, and the overlap counts behind both versions'
 *	  estimators.
 *
 * Design
 * ------
 * "Does this article carry that wire copy?" is not "do they share
 * shingles?".  Two reporters at one hearing share the defendant's name and
 * age, the court, the charge, the figures, the formulas of their trade ("the
 * court heard", "pleaded not guilty to", "in line with expectations") and
 * every quote they both wrote down; a sub-editor who rewrites the wire keeps
 * some of the wire's own running sentences.  On the labelled rewrite set
 * (test/data/rewrites) the share of an article's 3-gram shingles found in the
 * wire separates the two poorly once independent reports quote the same
 * statements (AUC 0.91 on the development split), while the share of its
 * *narrative* shingles, those outside quotation marks that are neither a
 * common phrase nor made of names and numbers only, separates them well
 * (0.97).  Weighting the remaining shingles by rarity, by the number of
 * content words, adding word unigrams or bigrams, or longer shingles, did not
 * help further there (doc/fingerprint.md has the figures).
 *
 * So a version 2 fingerprint is a version 1 sample of another set: the
 * article's narrative shingles, those outside quotation marks that are
 * neither common nor made of names and numbers only.
 *
 * 1. Common shingles are left out: those made only of function words
 *	  (data/stopwords.txt, or single letters) and those in the phrase table
 *	  (data/phrases.txt: word 3-grams in at least 0.5% of 2,312 Wikinews
 *	  articles, plus hand-listed agency formulas).  They are no evidence, and
 *	  leaving them out keeps the index's posting lists short.
 * 2. Fact shingles (every word capitalised, a number or a function word) and
 *	  quoted shingles (any word inside quotation marks) are left out too,
 *	  unless the article has no narrative shingle at all: then its quoted
 *	  shingles are its evidence, or failing those its fact shingles, so that
 *	  a statement or a table still finds its copies.  When an article has
 *	  fewer narrative than fact shingles (a table or results list whose only
 *	  running text is its heading), its fact shingles are evidence as well,
 *	  so that two tables under one heading match only when their rows do.
 *	  A text with fewer than 5 evidence shingles (NP_FP_FACTS_BELOW: it
 *	  could match nothing, not even its copy) adds its fact shingles that
 *	  hold the first word of a name, with the name bit: a one-line notice
 *	  whose running text is a formula and whose name is in facts.  One
 *	  that still has fewer (NP_FP_EVERY_BELOW) takes every shingle it has,
 *	  the common ones last, its quoted ones hashed apart while it has
 *	  running text, so that every text of 5 shingles finds itself.
 *	  A run of numbers alone (every word of the shingle a number) says
 *	  little: runs of small numbers recur by chance between unrelated
 *	  tables.  Its hash covers the two words before it as well, so that it
 *	  matches only where a five-word run does (the same row of the same
 *	  table); its class is unchanged.
 * 3. The default sample is 256 hashes instead of 160: the evidence is what
 *	  is compared, and the decision threshold is low (a partial rewrite
 *	  shares an eighth of its evidence with the wire), so it needs a finer
 *	  estimate.  On the development split 256 is as good as the exact sets.
 *
 * Keeping the quoted and fact shingles in the sample with a class byte each,
 * so that the other side's quotes could match this side's narrative, was
 * tried: it gained nothing measurable and cost a byte per hash and a third
 * of the sample.
 *
 * Quotation marks are tracked between the words the tokenizer reports:
 * straight and curly double quotes, guillemets, typewriter ``...'', and
 * single quotes (straight, curly or `) that open before a word and close
 * after one, so that apostrophes (Mellor's, couples') do not count.  A blank
 * line ends every open quotation, as a new paragraph does in print.
 *
 * The tables are hashed with the tokenizer itself on first use, so they
 * normalise exactly as article text does.  The stop-word list, the phrase
 * table, the classes and the quotation rules are part of format version 2:
 * once 0.2 is released, changing any of them requires a new version.  (The
 * quoted class changed once before that: doc/fingerprint.md, "Quotes and
 * their edges".)
 *
 * src/fingerprint/fp_evidence.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "fingerprint/fp_core.h"
#include "fingerprint/fp_evidence.h"
#include "fingerprint/fp_tokenize.h"
#include "text/unicode.h"

/* np_fp_stopwords_txt, np_fp_phrases_txt: generated from data/ */
#include "fingerprint/phrases_data.inc"

/* Classes of a kept shingle, best first (see fp_evidence.h) */
#define FP_NARRATIVE		0
#define FP_QUOTED			1
#define FP_FACT				2
#define FP_NCLASSES			3

/*
 * A fact shingle that holds no start of a name: its capitalised words all
 * continue a name begun before it ("Corp said it" of "Dufy Corp said it").
 * A fact in every test of the evidence, but not among the facts a text
 * under the floor adds (NP_FP_FACTS_BELOW): "Corp said it" is in every
 * Corp's notice.  A key's class, not a tier.
 */
#define FP_FACT_PART		3
#define FP_NKEYCLASSES		4

/*
 * Open-addressing sets of word hashes and shingle hashes, built once.  The
 * word set holds the function words and the months and weekdays
 * (fp_calendar_txt), each with its kind: what fp_ev_flags does with a word
 * of the set, found with one look-up.
 */
#define FP_STOP_BITS		10
#define FP_PHRASE_BITS		13
#define FP_STOP_SLOTS		(1 << FP_STOP_BITS)
#define FP_PHRASE_SLOTS		(1 << FP_PHRASE_BITS)

static np_uint64 fp_stop_set[FP_STOP_SLOTS];
static unsigned char fp_stop_kind[FP_STOP_SLOTS];
static np_uint32 fp_phrase_set[FP_PHRASE_SLOTS];
static unsigned char fp_stop_zero_kind;
static bool fp_phrase_has_zero;
static bool fp_tables_ready = false;

/*
 * Bitmaps in front of the sets, indexed by the top bits of a key: a key
 * whose bit is clear is not in the set.  Most words are not function words
 * and nearly no shingle is a common phrase, so most look-ups end with one
 * bit of a table that stays in the cache (the phrase set alone is 32 kB).
 */
#define FP_STOP_FILTER_BITS		12
#define FP_PHRASE_FILTER_BITS	16

static np_uint64 fp_stop_filter[(1 << FP_STOP_FILTER_BITS) / 64];
static np_uint64 fp_phrase_filter[(1 << FP_PHRASE_FILTER_BITS) / 64];

#define FP_FILTER_SET(filter, bit) \
	((filter)[(bit) >> 6] |= UINT64_C(1) << ((bit) & 63))
#define FP_FILTER_HAS(filter, bit) \
	(((filter)[(bit) >> 6] >> ((bit) & 63)) & 1)
#define FP_STOP_FILTER_BIT(h)	((size_t) ((h) >> (64 - FP_STOP_FILTER_BITS)))
#define FP_PHRASE_FILTER_BIT(h) ((size_t) ((h) >> (32 - FP_PHRASE_FILTER_BITS)))

/*
 * Slot of a 64-bit key in a table of 2^bits slots (Fibonacci hashing).
 */
static inline size_t
fp_slot(np_uint64 key, int bits)
{
	return (size_t) ((key * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - bits));
}

/*
 * Kinds of the word set (or'ed when a word is both): a function word, a
 * month or weekday, or a verb of speech.  FP_WORD_STOP is the flag
 * fp_ev_flags adds, and FP_WORD_CALENDAR and FP_WORD_SPEECH no flag of a
 * word.
 */
#define FP_WORD_STOP		NP_FP_WORD_STOP
#define FP_WORD_SPEECH		0x40
#define FP_WORD_CALENDAR	0x80

static void
fp_stop_add(np_uint64 h, unsigned char kind)
{
	size_t		i;

	FP_FILTER_SET(fp_stop_filter, FP_STOP_FILTER_BIT(h));
	if (h == 0)
	{
		fp_stop_zero_kind |= kind;
		return;
	}
	for (i = fp_slot(h, FP_STOP_BITS);; i = (i + 1) & (FP_STOP_SLOTS - 1))
	{
		if (fp_stop_set[i] == h || fp_stop_set[i] == 0)
		{
			fp_stop_set[i] = h;
			fp_stop_kind[i] |= kind;
			return;
		}
	}
}

/*
 * The kinds of word hash h in the word set (FP_WORD_*), 0 when it is not
 * there.
 */
static inline unsigned char
fp_stop_kind_of(np_uint64 h)
{
	size_t		i;

	if (!FP_FILTER_HAS(fp_stop_filter, FP_STOP_FILTER_BIT(h)))
		return 0;
	if (h == 0)
		return fp_stop_zero_kind;
	for (i = fp_slot(h, FP_STOP_BITS);; i = (i + 1) & (FP_STOP_SLOTS - 1))
	{
		if (fp_stop_set[i] == h)
			return fp_stop_kind[i];
		if (fp_stop_set[i] == 0)
			return 0;
	}
}

static void
fp_phrase_add(np_uint32 h)
{
	size_t		i;

	FP_FILTER_SET(fp_phrase_filter, FP_PHRASE_FILTER_BIT(h));
	if (h == 0)
	{
		fp_phrase_has_zero = true;
		return;
	}
	for (i = fp_slot(h, FP_PHRASE_BITS);; i = (i + 1) & (FP_PHRASE_SLOTS - 1))
	{
		if (fp_phrase_set[i] == h)
			return;
		if (fp_phrase_set[i] == 0)
		{
			fp_phrase_set[i] = h;
			return;
		}
	}
}

static inline bool
fp_is_phrase_hash(np_uint32 h)
{
	size_t		i;

	if (!FP_FILTER_HAS(fp_phrase_filter, FP_PHRASE_FILTER_BIT(h)))
		return false;
	if (h == 0)
		return fp_phrase_has_zero;
	for (i = fp_slot(h, FP_PHRASE_BITS);; i = (i + 1) & (FP_PHRASE_SLOTS - 1))
	{
		if (fp_phrase_set[i] == h)
			return true;
		if (fp_phrase_set[i] == 0)
			return false;
	}
}

/*
 * Months and weekdays: capitalised, but no proper names (the name bit of
 * NP_FP_NAME_BIT).  "May" is a function word already.
 */
static const char fp_calendar_txt[] =
	"January February March April June July August September October "
	"November December Monday Tuesday Wednesday Thursday Friday Saturday "
	"Sunday";

/*
 * Verbs of speech and report after a sentence's capitalised opener, which
 * then names who says it: "Vossberg said it had won the order" (the names
 * a text holds, fp_ev_note_name)
 */
static const char fp_speech_txt[] =
	"said says told added reported announced";

/* Word collector for the tables: up to 4 word hashes of one line */
typedef struct FpLineWords
{
	np_uint64	w[4];
	int			n;
} FpLineWords;

/* arg: the kind (FP_WORD_*) of the words */
static void
fp_table_stop_word(np_uint64 hash, size_t start, size_t end, void *arg)
{
	(void) start;
	(void) end;
	fp_stop_add(hash, *(const unsigned char *) arg);
}

static void
fp_table_line_word(np_uint64 hash, size_t start, size_t end, void *arg)
{
	FpLineWords *lw = (FpLineWords *) arg;

	(void) start;
	(void) end;
	if (lw->n < 4)
		lw->w[lw->n] = hash;
	lw->n++;
}

/*
 * Hash the stop-word list and the phrase table with the tokenizer (once per
 * process; the tables are constant).
 */
static void
fp_tables_init(void)
{
	const char *p;
	unsigned char stop_kind = FP_WORD_STOP;
	unsigned char calendar_kind = FP_WORD_CALENDAR;
	unsigned char speech_kind = FP_WORD_SPEECH;

	if (fp_tables_ready)
		return;
	memset(fp_stop_set, 0, sizeof(fp_stop_set));
	memset(fp_stop_kind, 0, sizeof(fp_stop_kind));
	memset(fp_phrase_set, 0, sizeof(fp_phrase_set));
	memset(fp_stop_filter, 0, sizeof(fp_stop_filter));
	memset(fp_phrase_filter, 0, sizeof(fp_phrase_filter));
	fp_stop_zero_kind = 0;
	fp_phrase_has_zero = false;

	NpFpTokenize(np_fp_stopwords_txt, strlen(np_fp_stopwords_txt),
				 fp_table_stop_word, &stop_kind);
	NpFpTokenize(fp_calendar_txt, strlen(fp_calendar_txt),
				 fp_table_stop_word, &calendar_kind);
	NpFpTokenize(fp_speech_txt, strlen(fp_speech_txt),
				 fp_table_stop_word, &speech_kind);

	p = np_fp_phrases_txt;
	while (*p)
	{
		const char *eol = strchr(p, '\n');
		size_t		n = eol ? (size_t) (eol - p) : strlen(p);
		FpLineWords lw;

		lw.n = 0;
		NpFpTokenize(p, n, fp_table_line_word, &lw);
		if (lw.n == 3)
			fp_phrase_add(NpFpShingleHash(lw.w, 3));
		p += n;
		if (*p == '\n')
			p++;
	}
	fp_tables_ready = true;
}

/* ---------------------------------------------------------------------
 * Word flags: quotation, names, function words
 * ---------------------------------------------------------------------
 */

/*
 * Decode the UTF-8 code point at s[i] (i < len) with the text module's
 * decoder; set *n to its length.  Invalid bytes decode as U+FFFD, one byte.
 */
static inline np_uint32
fp_ev_decode(const unsigned char *s, size_t len, size_t i, int *n)
{
	uint32		cp;

	*n = (int) NpUtf8Decode(s + i, len - i, &cp);
	return cp;
}

/*
 * Could this code point be part of a word (a letter or digit)?  Coarse: it
 * only decides whether a quotation mark touches a word.
 */
static inline bool
fp_ev_wordlike(np_uint32 cp)
{
	return NpUniIsLetter(cp) || NpUniIsDigit(cp);
}

/*
 * Is this code point a decimal digit of any script (ASCII, Arabic-Indic,
 * Devanagari, fullwidth...: unicode.h, NpUniDigitValue)?
 */
static inline bool
fp_ev_digit(np_uint32 cp)
{
	return NpUniDigitValue(cp) >= 0;
}

/*
 * Does the word starting with this code point look like a name or a
 * number: an upper-case letter (unicode.h's classes) or a digit?
 */
static inline bool
fp_ev_namelike(np_uint32 cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	return NpUniIsUpper(cp) || fp_ev_digit(cp);
}

/* State of the word scan */
typedef struct FpEvScan
{
	const unsigned char *s;
	size_t		len;
	size_t		prev_end;		/* end of the previous word */
	bool		dq;				/* inside a double quotation */
	bool		sq;				/* inside a single quotation */
	size_t		prev_start;		/* start of the previous word */
	size_t		opens_at;		/* start of the last word that opens a
								 * sentence (fp_ev_opens_sentence) */
	bool		newline;		/* a line break since the build's last
								 * word (fp_ev_note_place clears it) */
} FpEvScan;

/*
 * Start the word scan of text.  The text's first word opens a sentence:
 * fp_ev_gap notes its start, unless it is called for no gap before it (the
 * word starts the text, or follows one space).
 */
static void
fp_ev_scan_init(FpEvScan *sc, const char *text, size_t len)
{
	memset(sc, 0, sizeof(*sc));
	sc->s = (const unsigned char *) text;
	sc->len = len;
	sc->opens_at = (len > 0 && text[0] == ' ') ? 1 : 0;
}

/*
 * Is the code point just before byte position pos a word character?
 */
static bool
fp_ev_word_before(const FpEvScan *sc, size_t pos)
{
	size_t		i = pos;
	int			n;

	if (pos == 0)
		return false;
	/* step back to the lead byte (at most 3 continuation bytes) */
	i--;
	while (i > 0 && pos - i < 4 && (sc->s[i] & 0xC0) == 0x80)
		i--;
	return fp_ev_wordlike(fp_ev_decode(sc->s, sc->len, i, &n));
}

/*
 * Is the code point that ends at byte position end (0 < end <= len) of s a
 * digit?
 */
static bool
fp_ev_digit_ending(const unsigned char *s, size_t len, size_t end)
{
	size_t		i = end - 1;
	int			n;

	if (s[i] < 0x80)
		return s[i] >= '0' && s[i] <= '9';
	while (i > 0 && end - i < 4 && (s[i] & 0xC0) == 0x80)
		i--;
	return fp_ev_digit(fp_ev_decode(s, len, i, &n));
}

/*
 * Is the last code point of the word ending at byte position end (> 0) a
 * digit?
 */
static inline bool
fp_ev_digit_before(const FpEvScan *sc, size_t end)
{
	return fp_ev_digit_ending(sc->s, sc->len, end);
}

/*
 * Is the code point at byte position pos a word character?
 */
static bool
fp_ev_word_at(const FpEvScan *sc, size_t pos)
{
	int			n;

	if (pos >= sc->len)
		return false;
	return fp_ev_wordlike(fp_ev_decode(sc->s, sc->len, pos, &n));
}

/*
 * A single quotation mark at [at, after): it opens before a word (and not
 * after one), and closes an open single quotation when no word follows.
 * A right single quote (U+2019) opens only when no single quotation is open,
 * since it mostly closes one.
 */
static void
fp_ev_single(FpEvScan *sc, size_t at, size_t after, bool right_quote)
{
	bool		prev_word = fp_ev_word_before(sc, at);
	bool		next_word = fp_ev_word_at(sc, after);

	if (!prev_word && next_word && (!right_quote || !sc->sq))
		sc->sq = true;
	else if (sc->sq && !next_word)
		sc->sq = false;
}

/*
 * The ASCII bytes between words that can change the quotation state (line
 * feeds and quotation marks), end a sentence, or end a line (a lone
 * carriage return or a form feed, as plaintext.c splits lines: they end a
 * paragraph, fp_ev_paragraph); every other ASCII byte is passed over.
 */
static const bool fp_ev_gap_ascii[128] = {
	['\n'] = true, ['\r'] = true, ['\f'] = true,
	['"'] = true, ['`'] = true, ['\''] = true,
	['.'] = true, ['!'] = true, ['?'] = true,
};

/*
 * Update the quotation state with the characters between two words, and
 * note whether the word at to opens a sentence: the text's first word, or
 * the first after ".", "!" or "?", unless that mark follows a short
 * capitalised word ("Mr.", "Dr.", the "S" of "U.S.").
 */
static pg_noinline void
fp_ev_gap(FpEvScan *sc, size_t from, size_t to)
{
	const unsigned char *s = sc->s;
	size_t		i = from;

	if (sc->prev_end == 0)
		sc->opens_at = to;
	while (i < to)
	{
		unsigned char c = s[i];
		np_uint32	cp;
		int			n;

		if (c < 0x80 && !fp_ev_gap_ascii[c])
		{
			i++;
			continue;
		}
		/* the commonest marks between words first */
		if (c == '.' || c == '!' || c == '?')
		{
			if (!(sc->prev_end - sc->prev_start <= 3 &&
				  s[sc->prev_start] >= 'A' && s[sc->prev_start] <= 'Z'))
				sc->opens_at = to;
			i++;
			continue;
		}
		if (c == '\n')
		{
			size_t		j = i + 1;

			sc->newline = true;

			/* a blank line ends every open quotation */
			while (j < to && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
				j++;
			if (j < to && s[j] == '\n')
			{
				sc->dq = sc->sq = false;
				i = j + 1;
			}
			else
				i++;
			continue;
		}
		if (c == '\r' || c == '\f')
		{
			/* a line's end for the places only: \r\n is one at its \n */
			sc->newline = true;
			i++;
			continue;
		}
		if (c == '"')
		{
			sc->dq = !sc->dq;
			i++;
			continue;
		}
		if (c == '`' || c == '\'')
		{
			if (i + 1 < to && s[i + 1] == c)
			{
				/* typewriter quotes: `` opens, '' closes */
				sc->dq = (c == '`');
				i += 2;
				continue;
			}
			fp_ev_single(sc, i, i + 1, false);
			i++;
			continue;
		}
		if (c < 0x80)
		{
			i++;
			continue;
		}
		cp = fp_ev_decode(s, sc->len, i, &n);
		if (cp == 0x201C || cp == 0xAB || cp == 0x201E)
			sc->dq = true;
		else if (cp == 0x201D || cp == 0xBB)
			sc->dq = false;
		else if (cp == 0x2018)
			fp_ev_single(sc, i, i + n, false);
		else if (cp == 0x2019)
			fp_ev_single(sc, i, i + n, true);
		else if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
			sc->newline = true; /* a line or paragraph separator, NEL */
		i += n;
	}
}

/*
 * Flags of a word by its first byte, when ASCII: fp_ev_namelike() accepts
 * capitals and digits, and a word that starts with a digit is a number if
 * it also ends with one (fp_ev_ascii_last), and a figure (NP_FP_WORD_PROPER)
 * in any case.
 */
#define FP_EV_N		NP_FP_WORD_NAME
#define FP_EV_D		(NP_FP_WORD_NAME | NP_FP_WORD_NUMBER | NP_FP_WORD_PROPER)
static const unsigned char fp_ev_ascii_first[128] = {
	['0'] = FP_EV_D, ['1'] = FP_EV_D, ['2'] = FP_EV_D, ['3'] = FP_EV_D,
	['4'] = FP_EV_D, ['5'] = FP_EV_D, ['6'] = FP_EV_D, ['7'] = FP_EV_D,
	['8'] = FP_EV_D, ['9'] = FP_EV_D,
	['A'] = FP_EV_N, ['B'] = FP_EV_N, ['C'] = FP_EV_N, ['D'] = FP_EV_N,
	['E'] = FP_EV_N, ['F'] = FP_EV_N, ['G'] = FP_EV_N, ['H'] = FP_EV_N,
	['I'] = FP_EV_N, ['J'] = FP_EV_N, ['K'] = FP_EV_N, ['L'] = FP_EV_N,
	['M'] = FP_EV_N, ['N'] = FP_EV_N, ['O'] = FP_EV_N, ['P'] = FP_EV_N,
	['Q'] = FP_EV_N, ['R'] = FP_EV_N, ['S'] = FP_EV_N, ['T'] = FP_EV_N,
	['U'] = FP_EV_N, ['V'] = FP_EV_N, ['W'] = FP_EV_N, ['X'] = FP_EV_N,
	['Y'] = FP_EV_N, ['Z'] = FP_EV_N,
};

/*
 * NP_FP_WORD_NUMBER for a word's last byte that is an ASCII digit: a word
 * that starts with a digit is a number when it ends with one ("26",
 * "1,200", "3.5"; not "3rd" or "5m").
 */
static const unsigned char fp_ev_ascii_last[256] = {
	['0'] = NP_FP_WORD_NUMBER, ['1'] = NP_FP_WORD_NUMBER,
	['2'] = NP_FP_WORD_NUMBER, ['3'] = NP_FP_WORD_NUMBER,
	['4'] = NP_FP_WORD_NUMBER, ['5'] = NP_FP_WORD_NUMBER,
	['6'] = NP_FP_WORD_NUMBER, ['7'] = NP_FP_WORD_NUMBER,
	['8'] = NP_FP_WORD_NUMBER, ['9'] = NP_FP_WORD_NUMBER,
};

/*
 * Does the word at start open a sentence (fp_ev_gap)?  Asked after the gap
 * before the word.
 */
static inline bool
fp_ev_opens_sentence(const FpEvScan *sc, size_t start)
{
	return sc->opens_at == start;
}

/*
 * Flags of the word at [start, end), given the quotation state before it.
 *
 * NP_FP_WORD_PROPER (the name bit of fp_evidence.h): a capitalised word
 * that does not open a sentence, or a word that starts with a digit; not a
 * function word (so not a single digit), a month or a weekday.
 */
static pg_attribute_always_inline unsigned char
fp_ev_flags(FpEvScan *sc, np_uint64 hash, size_t start, size_t end)
{
	const unsigned char *s = sc->s;
	unsigned char flags = 0;
	unsigned char c0 = s[start];
	unsigned char c1;
	bool		single;
	unsigned char kind;
	int			n;

	/* the gap is most often one space, which changes nothing */
	if (start > sc->prev_end &&
		!(start == sc->prev_end + 1 && s[sc->prev_end] == ' '))
		fp_ev_gap(sc, sc->prev_end, start);
	if (sc->dq || sc->sq)
		flags |= NP_FP_WORD_QUOTED;
	if (c0 < 0x80)
	{
		unsigned char f0 = fp_ev_ascii_first[c0];

		flags |= f0 & (NP_FP_WORD_NAME | NP_FP_WORD_PROPER |
					   fp_ev_ascii_last[s[end - 1]]);
		if (f0 == FP_EV_N && !fp_ev_opens_sentence(sc, start))
			flags |= NP_FP_WORD_PROPER;
	}
	else
	{
		np_uint32	cp = fp_ev_decode(s, sc->len, start, &n);

		if (fp_ev_namelike(cp))
		{
			flags |= NP_FP_WORD_NAME;
			if (fp_ev_digit(cp))
			{
				flags |= NP_FP_WORD_PROPER;
				if (fp_ev_digit_before(sc, end))
					flags |= NP_FP_WORD_NUMBER;
			}
			else if (!fp_ev_opens_sentence(sc, start))
				flags |= NP_FP_WORD_PROPER;
		}
	}
	sc->prev_start = start;
	sc->prev_end = end;

	/*
	 * Single letters ("s" of "U.S.") count as function words: a word of one
	 * character, apostrophes aside.  A word starts with a character that is
	 * neither an apostrophe nor a continuation byte, so an ASCII second byte
	 * other than an apostrophe makes two.
	 */
	c1 = start + 1 < end ? s[start + 1] : 0;
	if (c1 != 0 && c1 < 0x80 && c1 != '\'')
		single = false;
	else
	{
		size_t		i;
		int			chars = 0;

		for (i = start; i < end && chars < 2; i++)
			if ((s[i] & 0xC0) != 0x80 && s[i] != '\'')
				chars++;
		single = chars < 2;
	}
	kind = single ? FP_WORD_STOP : fp_stop_kind_of(hash);

	/*
	 * A function word, a month or a weekday is no name; a verb of speech
	 * alone ("the director Added that") keeps its flags.
	 */
	if (kind & (FP_WORD_STOP | FP_WORD_CALENDAR))
		flags = (flags | (kind & FP_WORD_STOP)) & ~NP_FP_WORD_PROPER;
	return flags;
}

/* ---------------------------------------------------------------------
 * Shingle classes and the v2 sketch
 * ---------------------------------------------------------------------
 */

/*
 * Is the shingle of these m words no evidence at all: function words only,
 * or (m = 3) a phrase of the table?  hash is the shingle's hash.
 */
static inline bool
fp_ev_common(np_uint32 hash, const unsigned char *flags, int m)
{
	int			j;

	for (j = 0; j < m; j++)
		if (!(flags[j] & NP_FP_WORD_STOP))
			break;
	if (j == m)
		return true;
	return m == 3 && fp_is_phrase_hash(hash);
}

/*
 * The class of a kept shingle from its words' flags.
 */
static inline int
fp_ev_class(const unsigned char *flags, int m)
{
	int			quoted = 0;
	bool		fact = true;
	int			j;

	for (j = 0; j < m; j++)
	{
		if (flags[j] & NP_FP_WORD_QUOTED)
			quoted++;
		if (!(flags[j] & (NP_FP_WORD_NAME | NP_FP_WORD_STOP)))
			fact = false;
	}
	if (fact)
		return FP_FACT;

	/*
	 * Any quoted word makes the shingle quoted, not only a majority: a
	 * shingle that runs into a quote or out of it (the attribution and the
	 * quote's first or last words) is what every reporter who took the
	 * statement down writes too.  On the development split of the rewrite
	 * set this rule gave same_story macro-F1 0.905 against 0.893 for "most
	 * words quoted" (doc/fingerprint.md, "Quotes and their edges").
	 */
	if (quoted > 0)
		return FP_QUOTED;
	return FP_NARRATIVE;
}

/*
 * Is the shingle of these m words a run of numbers alone ("14 2 12")?
 *
 * Such a run says little: in a table of small counts the same three numbers
 * recur by chance, and two league tables of different leagues under one
 * heading shared three of them, enough with their heading to make one story
 * (doc/fingerprint.md, "Runs of numbers").  A 3-word run of numbers alone is
 * therefore hashed with the FP_EV_WIDE_WORDS - 3 words before it: it matches
 * only where the five words do, as in a copy of the same row.  Its class
 * stays what fp_ev_class says (a fact), so that a table's size and the test
 * of its rows against its running text are unchanged.
 */
#define FP_EV_WIDE_WORDS	5

static inline bool
fp_ev_numbers_only(const unsigned char *flags, int m)
{
	int			j;

	for (j = 0; j < m; j++)
		if (!(flags[j] & NP_FP_WORD_NUMBER))
			return false;
	return true;
}

bool
NpFpIsNarrativeShingle(const np_uint64 *words, const unsigned char *flags, int m)
{
	fp_tables_init();
	return !fp_ev_common(NpFpShingleHash(words, m), flags, m) &&
		fp_ev_class(flags, m) == FP_NARRATIVE;
}

/*
 * The 3-word shingles (the default and only width) take a shorter path:
 *
 * - the shingle hash starts mix(seed ^ 3 ^ first word), which depends on the
 *	 first word only: it is computed once per word, when the word comes in,
 *	 and the shingle that word opens adds the two others (NpFpShingleHash
 *	 gives the same value);
 * - the class (or "function words only") of a shingle and its name bit are
 *	 looked up by its three words' flags, 4 bits each (fp_ev3_code), in a
 *	 table that fp_ev_class, fp_ev_common and fp_ev_numbers_only themselves
 *	 fill;
 * - a run of numbers alone, rare outside tables, takes the widened hash
 *	 from the last FP_EV_WIDE_WORDS word hashes, kept in a ring of four.
 */
#define FP_EV3_SEED		(UINT64_C(0x6A09E667F3BCC908) ^ UINT64_C(3))
#define FP_EV3_NAME		4		/* fp_ev3_class: or'ed to a class when a word
								 * is a name or a figure (the key's name bit) */
#define FP_EV3_WIDE		8		/* fp_ev3_class: or'ed to a run of numbers'
								 * class; no kept shingle's entry is as large */
#define FP_EV3_ALLSTOP	(FP_EV3_WIDE | FP_NCLASSES) /* fp_ev3_class: function
													 * words only */
#define FP_EV3_PART_IF	16		/* fp_ev3_class: or'ed to a fact whose first
								 * word is its only first word of a name: a
								 * part (FP_FACT_PART) if the word before it
								 * is a name word too */
#define FP_EV3_BITS		4

StaticAssertDecl(FP_NKEYCLASSES <= 4, "a class must fit in 2 bits of a key");
StaticAssertDecl(FP_FACT_PART == (FP_FACT | 1), "a fact becomes a part by its lowest bit");
StaticAssertDecl(FP_EV3_NAME == NP_FP_NAME_BIT << 2,
				 "FP_EV3_NAME must be the name bit of a key");
StaticAssertDecl(FP_EV_WIDE_WORDS == 5, "fp_ev_push_wide reads 4 words of last");

/*
 * Every set of flags a word can have, in FP_EV3_BITS bits: a word's code
 * (fp_ev3_code) is the index of its flags here, so that the codes of three
 * words index fp_ev3_class.  NP_FP_WORD_NUMBER and NP_FP_WORD_PROPER come
 * only with NP_FP_WORD_NAME, and NP_FP_WORD_PROPER never with
 * NP_FP_WORD_STOP, so with or without NP_FP_WORD_QUOTED a word has one of
 * eight sets.  Those without NP_FP_WORD_PROPER fit in the low four bits and
 * are their own code; the two with it (a name, a figure) take the codes of
 * NP_FP_WORD_NUMBER without NP_FP_WORD_NAME, which no word has.
 */
#define FP_EV_Q		NP_FP_WORD_QUOTED
#define FP_EV_S		NP_FP_WORD_STOP
#define FP_EV_P		(NP_FP_WORD_NAME | NP_FP_WORD_PROPER)
#define FP_EV_F		(FP_EV_D & ~NP_FP_WORD_PROPER)	/* a number, not a figure */
static const unsigned char fp_ev3_flags[1 << FP_EV3_BITS] = {
	0, FP_EV_Q, FP_EV_N, FP_EV_Q | FP_EV_N,
	FP_EV_S, FP_EV_Q | FP_EV_S, FP_EV_N | FP_EV_S, FP_EV_Q | FP_EV_N | FP_EV_S,
	FP_EV_P, FP_EV_Q | FP_EV_P, FP_EV_F, FP_EV_Q | FP_EV_F,
	FP_EV_D, FP_EV_Q | FP_EV_D, FP_EV_F | FP_EV_S, FP_EV_Q | FP_EV_F | FP_EV_S,
};

/* the code of each word flags (the inverse of fp_ev3_flags) */
static unsigned char fp_ev3_code[NP_FP_WORD_PROPER << 1];
static unsigned char fp_ev3_class[1 << (3 * FP_EV3_BITS)];
/* the same, a fact that continues a name marked (the second pass of a text
 * under NP_FP_FACTS_BELOW) */
static unsigned char fp_ev3_class_parts[1 << (3 * FP_EV3_BITS)];
/* bit c: a word of code c is a name word (capitalised, not a function word
 * nor a number) */
static unsigned fp_ev3_name_words;
static bool fp_ev3_ready = false;

#define FP_EV3_CODE_MASK	((1u << FP_EV3_BITS) - 1)
#define FP_EV3_NAME_WORD(c)	((fp_ev3_name_words >> (c)) & 1u)

/*
 * Fill fp_ev3_code and fp_ev3_class (once; they are constant).
 */
static void
fp_ev3_init(void)
{
	int			idx;

	if (fp_ev3_ready)
		return;
	fp_ev3_name_words = 0;
	for (idx = 0; idx < (1 << FP_EV3_BITS); idx++)
	{
		unsigned char f = fp_ev3_flags[idx];

		fp_ev3_code[f] = (unsigned char) idx;
		if ((f & NP_FP_WORD_NAME) &&
			!(f & (NP_FP_WORD_STOP | NP_FP_WORD_NUMBER)))
			fp_ev3_name_words |= 1u << idx;
	}
	for (idx = 0; idx < (1 << (3 * FP_EV3_BITS)); idx++)
	{
		unsigned char flags[3];
		bool		name = false;
		int			j;

		for (j = 0; j < 3; j++)
		{
			flags[j] = fp_ev3_flags[(idx >> (FP_EV3_BITS * j)) & ((1 << FP_EV3_BITS) - 1)];
			if (flags[j] & NP_FP_WORD_PROPER)
				name = true;
		}
		/*
		 * Function words only: fp_ev_common's test of the words (with m < 3
		 * it does not look in the phrase table, which needs the hash).
		 */
		if (fp_ev_common(0, flags, 2) && fp_ev_common(0, flags + 2, 1))
			fp_ev3_class[idx] = FP_EV3_ALLSTOP;
		else if (fp_ev_numbers_only(flags, 3))
			fp_ev3_class[idx] = (unsigned char) (fp_ev_class(flags, 3) | FP_EV3_WIDE);
		else
		{
			int			cls = fp_ev_class(flags, 3);
			unsigned	r = 0;	/* bit j: word j is a name word */

			for (j = 0; j < 3; j++)
				r |= FP_EV3_NAME_WORD((idx >> (FP_EV3_BITS * j)) & FP_EV3_CODE_MASK) << j;

			fp_ev3_class[idx] = (unsigned char) (cls | (name ? FP_EV3_NAME : 0));

			/*
			 * For fp_ev3_class_parts: a fact that holds no first word of a
			 * name (a name word after one that is none) is a part of a name
			 * begun before it; one whose only such word is its first is a
			 * part if the word before it is a name word
			 * (fp_ev_build_word_body).
			 */
			if (cls == FP_FACT && (r & ~(r << 1) & 6u) == 0)
				cls = (r & 1u) ? (cls | FP_EV3_PART_IF) : FP_FACT_PART;
			fp_ev3_class_parts[idx] = (unsigned char) (cls | (name ? FP_EV3_NAME : 0));
		}
		if (fp_ev3_class[idx] >= FP_EV3_WIDE)
			fp_ev3_class_parts[idx] = fp_ev3_class[idx];
	}
	fp_ev3_ready = true;
}

/*
 * The first FP_SUBJ_WORDS words of a text with their flags, noted by the
 * first scan for the subject ("The subject" below).
 */
#define FP_SUBJ_WORDS		48

typedef struct FpSubjWord
{
	np_uint64	hash;
	np_uint32	start;
	np_uint32	end;
	unsigned char flags;
	bool		opens;			/* opens a sentence */
} FpSubjWord;

typedef struct FpSubjScan
{
	const unsigned char *s;
	size_t		len;
	int			n;
	FpSubjWord	w[FP_SUBJ_WORDS];
} FpSubjScan;

/*
 * Can a digit (unicode.h, NpUniDigitValue) start with this byte: an ASCII
 * digit, or the lead byte of a block that holds digits (Arabic-Indic,
 * Persian and NKo; 3-byte Indic and other scripts, fullwidth; 4-byte)?
 * One look-up a word, as the test for an ASCII digit was.  A word it lets
 * through has its first code point decoded (fp_ev_note_figure): rare in
 * Latin, Greek or Cyrillic text, every word in Arabic or Indic text, whose
 * letters share their lead bytes with the digits.  test/sql/fp_figures.sql
 * has a digit of every lead byte here.
 */
static const bool fp_fig_first_byte[256] = {
	['0'] = true,['1'] = true,['2'] = true,['3'] = true,['4'] = true,
	['5'] = true,['6'] = true,['7'] = true,['8'] = true,['9'] = true,
	[0xD9] = true,[0xDB] = true,[0xDF] = true,
	[0xE0] = true,[0xE1] = true,[0xEA] = true,[0xEF] = true,[0xF0] = true
};

/*
 * The figures a text holds (fp_evidence.h, "The figures a text holds"), as
 * the scan meets them: a number waits for the word after it (a scale, a
 * percent, a month), and the figures kept are the NP_FP_FIGURES_KEEP + 1
 * smallest 16-bit hashes (one more than a fingerprint keeps, to know that
 * there were more).
 */
typedef struct FpFigures
{
	np_uint64	mant;			/* the waiting number: mant * 10^exp */
	int			exp;
	bool		pending;		/* a number waits */
	bool		whole;			/* no decimals, scale nor percent */
	bool		grouped;		/* written with a thousands separator */
	np_uint32	start;			/* where it starts in the text */
	np_uint32	end;			/* and where it ends */
	/*
	 * a number the tokenizer cut at a separator (Arabic-Indic 3 U+066B 5,
	 * Devanagari 1 '.' 5): the word at cont_at goes on with it
	 * (fp_fig_begin); 0 when none
	 */
	np_uint32	cont_at;
	bool		cont_void;		/* it is no figure, whatever follows */
	int			cont_digits;	/* its digits so far, */
	int			cont_decimals;	/* those after its point (-1: none yet), */
	int			cont_chars;		/* and its characters */
	/*
	 * the line of the last "May" after a day (fp_fig_title_line): its
	 * bytes [line_from, line_to), and whether it is in Title Case
	 */
	size_t		line_from;
	size_t		line_to;		/* 0: none yet */
	bool		line_title;
	int			n;
	np_uint32	h[NP_FP_FIGURES_KEEP + 1];	/* ascending, distinct */
} FpFigures;

/*
 * State of NpFpBuildSketchV2's word callback.  The last w words are kept
 * twice over in ring (slot k at k and k + w), so that ring + pos holds them
 * in text order without a copy; the 3-word path keeps its last four words
 * in last instead.
 */
typedef struct FpEvBuild
{
	FpEvScan	scan;
	int			w;
	int			pos;			/* slot of the next word: nwords mod w */
	np_uint64	ring[2 * NP_FP_MAX_SHINGLE_WORDS];
	unsigned char rflags[2 * NP_FP_MAX_SHINGLE_WORDS];
	/* w = 3: the flags of the last three words, oldest in the low bits */
	unsigned	flags3;
	/* w = 3: mix(FP_EV3_SEED ^ word) of the word two before the next */
	np_uint64	head3[2];
	/* w = 3: the hashes of the last four words, word i at i & 3 */
	np_uint64	last[FP_EV_WIDE_WORDS - 1];
	size_t		nwords;
	FpSubjScan	lead;			/* the first words (FP_SCAN_PLAIN only) */
	/* the names the text holds (FP_SCAN_PLAIN only; fp_ev_note_name) */
	np_uint32	names[NP_FP_NAMES_WORDS];
	np_uint32	opener_start;	/* a capitalised sentence opener, */
	np_uint32	opener_end;		/* a name if a name word follows it */
	bool		opener;
	/* the figures it holds (FP_SCAN_PLAIN only; fp_ev_note_figure) */
	FpFigures	fig;
	np_uint64  *items;			/* hash << 2 | class (the hash's lowest bit
								 * is its name bit) */
	size_t		n;
	size_t		cap;
	/* where the keys stand (FP_SCAN_PLAIN only; fp_ev_note_place) */
	np_uint32	para;			/* the paragraph of the next key, 0: lead */
	size_t		para_start;		/* its first word */
	size_t		para_limit;		/* the word that ends it without a break */
	np_uint32  *bounds;			/* bounds[p]: the first key of paragraph
								 * p + 1, in the order of items */
	size_t		nbounds;
	size_t		bounds_cap;
	/*
	 * after the sort, for each kept key: the paragraph of its first
	 * occurrence of its best class (para_best), and of its first occurrence
	 * of class FP_NARRATIVE or FP_FACT (para_nf; FP_EV_NO_PARA: none)
	 */
	np_uint32  *para_best;
	np_uint32  *para_nf;
} FpEvBuild;

/*
 * Keys below this hold a hash below NP_FP_SUBJECT_LIMIT, which only the
 * subject's hashes may have (fp_evidence.h): a shingle's key there is
 * moved up by that bit, the same for every occurrence of the shingle (the
 * name bit, below it, is not read).
 */
#define FP_EV_SUBJECT_KEYS	((np_uint64) NP_FP_SUBJECT_LIMIT << 2)

static pg_attribute_always_inline np_uint64
fp_ev_out_of_subjects(np_uint64 key)
{
	return unlikely(key < FP_EV_SUBJECT_KEYS) ? (key | FP_EV_SUBJECT_KEYS) : key;
}

/*
 * Keep a shingle's key: its hash (with the name bit in place of its lowest
 * bit) << 2 | its class.
 */
static pg_attribute_always_inline void
fp_ev_push_key(FpEvBuild *st, np_uint64 key)
{
	key = fp_ev_out_of_subjects(key);
	if (unlikely(st->n == st->cap))
	{
		st->cap = st->cap ? st->cap * 2 : 256;
		st->items = st->items ? np_realloc(st->items, st->cap * sizeof(np_uint64))
			: np_alloc(st->cap * sizeof(np_uint64));
	}
	st->items[st->n++] = key;
}

static pg_attribute_always_inline void
fp_ev_push(FpEvBuild *st, np_uint32 h, int cls)
{
	fp_ev_push_key(st, ((np_uint64) h << 2) | (np_uint64) cls);
}

/*
 * Keep the run of numbers alone that word k (hash, k >= 2; the words before
 * it in st->last) ends, unless it is a common phrase: hashed as the
 * FP_EV_WIDE_WORDS words that end with it (all the words so far at the
 * start of a text).  cls is its fp_ev3_class entry.  Out of line: runs of
 * numbers alone are rare outside tables.
 */
static pg_noinline void
fp_ev_push_wide(FpEvBuild *st, size_t k, np_uint64 hash, int cls)
{
	np_uint64	w[FP_EV_WIDE_WORDS];
	int			m = k + 1 < FP_EV_WIDE_WORDS ? (int) (k + 1) : FP_EV_WIDE_WORDS;
	int			j;

	for (j = 0; j < m - 1; j++)
		w[j] = st->last[(k - (size_t) (m - 1) + (size_t) j) & 3];
	w[m - 1] = hash;
	if (fp_is_phrase_hash(np_fp_shingle_hash(w + m - 3, 3)))
		return;
	/* numbers alone hold no name */
	fp_ev_push(st, np_fp_shingle_hash(w, m) & ~NP_FP_NAME_BIT,
			   cls - FP_EV3_WIDE);
}

/*
 * Classify the shingle of these m words (in text order) and keep it unless
 * it is common.  (Only the 3-word path widens a run of numbers: this one
 * serves texts of fewer than three words, which have no words before the
 * run, and other widths, which no caller asks for.)
 */
static pg_attribute_always_inline void
fp_ev_emit(FpEvBuild *st, const np_uint64 *words, const unsigned char *flags,
		   int m)
{
	np_uint32	h = np_fp_shingle_hash(words, m);
	np_uint32	name = 0;
	int			j;

	if (fp_ev_common(h, flags, m))
		return;
	for (j = 0; j < m; j++)
		if (flags[j] & NP_FP_WORD_PROPER)
			name = NP_FP_NAME_BIT;
	fp_ev_push(st, (h & ~NP_FP_NAME_BIT) | name, fp_ev_class(flags, m));
}

/*
 * Keep the shingle of function words only that word k (hash) ends, as a
 * part without a name (FP_SCAN_EVERY alone); head is mix(FP_EV3_SEED ^ the
 * word two before).  Hashed as the 3-word path hashes every shingle.
 */
static pg_noinline void
fp_ev_push_every_stop(FpEvBuild *st, size_t k, np_uint64 head, np_uint64 hash)
{
	np_uint32	h = (np_uint32) (np_fp_mix64(np_fp_mix64(head ^ st->last[(k - 1) & 3]) ^
											 hash) >> 32);

	fp_ev_push_key(st, ((np_uint64) (h >> 1) << 3) | (np_uint64) FP_FACT_PART);
}

/*
 * What a scan keeps (a constant of each caller of fp_ev_build_word_body):
 * the shingles of every text (FP_SCAN_PLAIN); the same with the facts that
 * continue a name marked (fp_ev3_class_parts), for the second pass of a
 * text under NP_FP_FACTS_BELOW (FP_SCAN_PARTS), so that the first pass of
 * every text does no more than before; and the same with the common
 * shingles kept too, as parts (FP_SCAN_EVERY: a text that is still under
 * the floor with every other shingle taken, NP_FP_EVERY_BELOW).
 */
#define FP_SCAN_PLAIN	0
#define FP_SCAN_PARTS	1
#define FP_SCAN_EVERY	2

static void fp_ev_note_name(FpEvBuild *st, np_uint64 hash, unsigned char flags,
							size_t start, size_t end);
static void fp_ev_note_figure(FpEvBuild *st, size_t start, size_t end);

/*
 * Note the paragraph of the word just read, after a line break or at
 * NP_FP_PARAGRAPH_WORDS words (fp_evidence.h, "Where a hash stands"): a
 * line break ends the lead once it holds NP_FP_LEAD_WORDS words (a title,
 * a dateline's line or a bullet before it is of the lead), any later
 * paragraph at once; NP_FP_PARAGRAPH_WORDS words without a break end
 * either.  A new paragraph starts at the next key.  Out of line: called
 * once a line or a paragraph (fp_ev_note_place).
 */
static pg_noinline void
fp_ev_paragraph(FpEvBuild *st)
{
	bool		brk = st->scan.newline;
	size_t		words = st->nwords - st->para_start;

	st->scan.newline = false;
	if (!((brk && (st->para > 0 || words >= NP_FP_LEAD_WORDS)) ||
		  words >= NP_FP_PARAGRAPH_WORDS))
		return;
	if (st->nbounds == st->bounds_cap)
	{
		st->bounds_cap = st->bounds_cap ? st->bounds_cap * 2 : 16;
		st->bounds = st->bounds ?
			np_realloc(st->bounds, st->bounds_cap * sizeof(np_uint32)) :
			np_alloc(st->bounds_cap * sizeof(np_uint32));
	}
	st->bounds[st->nbounds++] = (np_uint32) st->n;
	st->para++;
	st->para_start = st->nwords;
	st->para_limit = st->nwords + NP_FP_PARAGRAPH_WORDS;
}

/* Before each word of the first scan (st->nwords: the words before it) */
static pg_attribute_always_inline void
fp_ev_note_place(FpEvBuild *st)
{
	if (unlikely(st->scan.newline || st->nwords >= st->para_limit))
		fp_ev_paragraph(st);
}

static pg_attribute_always_inline void
fp_ev_build_word_body(np_uint64 hash, size_t start, size_t end, void *arg,
					  int mode)
{
	bool		parts = (mode != FP_SCAN_PLAIN);
	FpEvBuild  *st = (FpEvBuild *) arg;
	unsigned char flags = fp_ev_flags(&st->scan, hash, start, end);

	/* the names it holds */
	if (mode == FP_SCAN_PLAIN && ((flags & NP_FP_WORD_NAME) || st->opener))
		fp_ev_note_name(st, hash, flags, start, end);
	/* and its figures: a number, or the word after one */
	if (mode == FP_SCAN_PLAIN &&
		(unlikely(st->fig.pending) || fp_fig_first_byte[st->scan.s[start]]))
		fp_ev_note_figure(st, start, end);

	/* its paragraph */
	if (mode == FP_SCAN_PLAIN)
		fp_ev_note_place(st);

	/* the first words, for the subject */
	if (mode == FP_SCAN_PLAIN && unlikely(st->lead.n < FP_SUBJ_WORDS))
	{
		FpSubjWord *w = &st->lead.w[st->lead.n++];

		w->hash = hash;
		w->start = (np_uint32) start;
		w->end = (np_uint32) end;
		w->flags = flags;
		w->opens = fp_ev_opens_sentence(&st->scan, start);
	}

	if (st->w == 3)
	{
		/*
		 * last: the words before this one (word i at i & 3); rflags: the
		 * flags of the first two words of the text
		 */
		np_uint64	head = st->head3[0];
		unsigned	old3 = st->flags3;	/* its lowest code: the word before
										 * this word's shingle (0 at first) */
		unsigned	f3 = (old3 >> FP_EV3_BITS) |
			((unsigned) fp_ev3_code[flags] << (2 * FP_EV3_BITS));
		size_t		k = st->nwords++;	/* this word's number */

		st->flags3 = f3;
		st->head3[0] = st->head3[1];
		st->head3[1] = np_fp_mix64(FP_EV3_SEED ^ hash);
		if (k >= 2)
		{
			int			cls = parts ? fp_ev3_class_parts[f3] : fp_ev3_class[f3];

			if (likely(cls < FP_EV3_WIDE) || (parts && (cls & FP_EV3_PART_IF)))
			{
				np_uint32	h = (np_uint32) (np_fp_mix64(np_fp_mix64(head ^ st->last[(k - 1) & 3]) ^
														 hash) >> 32);

				/*
				 * A fact whose first word is its only first word of a name:
				 * a part of a name (FP_FACT_PART = FP_FACT | 1) if the word
				 * before it is a name word too ("Corp said it" after "Dufy")
				 */
				if (parts && (cls & FP_EV3_PART_IF))
					cls = (cls & ~FP_EV3_PART_IF) |
						(int) FP_EV3_NAME_WORD(old3 & FP_EV3_CODE_MASK);
				/*
				 * the hash's lowest bit is the name bit of cls; a common
				 * phrase is kept only by FP_SCAN_EVERY, as a part
				 */
				if (!fp_is_phrase_hash(h))
					fp_ev_push_key(st, ((np_uint64) (h >> 1) << 3) | (np_uint64) cls);
				else if (mode == FP_SCAN_EVERY)
					fp_ev_push_key(st, ((np_uint64) (h >> 1) << 3) |
								   (np_uint64) ((cls & FP_EV3_NAME) | FP_FACT_PART));
			}
			else if (cls != FP_EV3_ALLSTOP)
				fp_ev_push_wide(st, k, hash, cls);
			else if (mode == FP_SCAN_EVERY)
				fp_ev_push_every_stop(st, k, head, hash);
		}
		else
			st->rflags[k] = flags;
		st->last[k & 3] = hash;
		return;
	}
	{
		int			k = st->pos;

		st->ring[k] = st->ring[k + st->w] = hash;
		st->rflags[k] = st->rflags[k + st->w] = flags;
		if (++k == st->w)
			k = 0;
		st->pos = k;
		st->nwords++;
		if (st->nwords >= (size_t) st->w)
			fp_ev_emit(st, st->ring + k, st->rflags + k, st->w);
	}
}

static pg_attribute_always_inline void
fp_ev_build_word(np_uint64 hash, size_t start, size_t end, void *arg)
{
	fp_ev_build_word_body(hash, start, end, arg, FP_SCAN_PLAIN);
}

static pg_attribute_always_inline void
fp_ev_build_word_parts(np_uint64 hash, size_t start, size_t end, void *arg)
{
	fp_ev_build_word_body(hash, start, end, arg, FP_SCAN_PARTS);
}

static pg_attribute_always_inline void
fp_ev_build_word_every(np_uint64 hash, size_t start, size_t end, void *arg)
{
	fp_ev_build_word_body(hash, start, end, arg, FP_SCAN_EVERY);
}

/* Keys of the sketch's items: hash << 2 | class, below 2^34 */
#define FP_EV_KEY_BITS		34

/*
 * Sort keys by insertion (short arrays).
 */
static inline void
fp_ev_insertion_sort(np_uint64 *v, size_t n)
{
	size_t		i;

	for (i = 1; i < n; i++)
	{
		np_uint64	x = v[i];
		size_t		j = i;

		while (j > 0 && v[j - 1] > x)
		{
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

/*
 * Sort v[0, n) by bits base to base + 34 (a key) by LSD radix sort in 4
 * passes of 8, 8, 9 and 9 bits, the four histograms counted in one read
 * (buckets of fp_ev_sort_unique that are not small).  The bits below base
 * are carried along, not sorted.
 */
#define FP_EV_SORT_PASSES	4

static void
fp_ev_radix_sort(np_uint64 *v, size_t n, int base)
{
	static const int shift[FP_EV_SORT_PASSES] = {0, 8, 16, 25};
	static const int width[FP_EV_SORT_PASSES] = {8, 8, 9, 9};
	uint32		count[FP_EV_SORT_PASSES][512];	/* n < 2^32: the text is
												 * at most 128 MB */
	np_uint64  *tmp;
	np_uint64  *src = v;
	np_uint64  *dst;
	size_t		i;
	int			pass;

	memset(count, 0, sizeof(count));
	for (i = 0; i < n; i++)
	{
		np_uint64	x = v[i] >> base;

		count[0][x & 0xFF]++;
		count[1][(x >> 8) & 0xFF]++;
		count[2][(x >> 16) & 0x1FF]++;
		count[3][(x >> 25) & 0x1FF]++;
	}
	tmp = np_alloc(n * sizeof(np_uint64));
	dst = tmp;
	for (pass = 0; pass < FP_EV_SORT_PASSES; pass++)
	{
		uint32	   *c = count[pass];
		uint32		sum = 0;
		int			sh = base + shift[pass];
		np_uint64	mask = ((np_uint64) 1 << width[pass]) - 1;
		int			b;

		NP_CHECK_FOR_INTERRUPTS();
		for (b = 0; b < (1 << width[pass]); b++)
		{
			uint32		t = c[b];

			c[b] = sum;
			sum += t;
		}
		for (i = 0; i < n; i++)
			dst[c[(src[i] >> sh) & mask]++] = src[i];
		{
			np_uint64  *t = src;

			src = dst;
			dst = t;
		}
	}
	/* an even number of passes leaves the sorted keys in v */
	Assert(src == v);
	np_free(tmp);
}

/* Buckets of fp_ev_sort_unique up to this size are sorted by insertion */
#define FP_EV_SMALL_BUCKET	32
/* and they are sorted and made unique in slices of about this many keys */
#define FP_EV_SORT_SLICE	65536

/*
 * The first scan's sort carries each key's paragraph (0: the lead) in the
 * FP_EV_PARA_BITS bits below it: a text has fewer keys than 2^30 (one at
 * most for each word, a varlena is under 1 GB), so fewer paragraphs.
 */
#define FP_EV_PARA_BITS		30
#define FP_EV_PARA_MASK		((((np_uint64) 1) << FP_EV_PARA_BITS) - 1)
#define FP_EV_NO_PARA		((np_uint32) 0xFFFFFFFFu)
/* the classes of para_nf */
#define FP_EV_NF_CLASSES	(1u << FP_NARRATIVE | 1u << FP_FACT)

/*
 * Merge key x into last, the kept key of the same shingle (their hashes
 * differ at most in the name bit): the best class of the two and the name
 * bit if either has it.  Moves the kept key's count to its new class.  With
 * pbest and pnf (last's paragraphs, fp_ev_unique; first: x is the second
 * key of the run) x's paragraph para is kept in them when it is of a
 * first occurrence.  Out of line: most shingles of a text occur once.
 */
static pg_noinline np_uint64
fp_ev_merge(np_uint64 last, np_uint64 x, size_t *count, bool first,
			np_uint32 para, np_uint32 *pbest, np_uint32 *pnf)
{
	int			c = (int) (x & 3);
	int			lc = (int) (last & 3);
	np_uint64	cls = c < lc ? c : lc;

	count[lc]--;
	count[cls]++;
	if (pbest)
	{
		/* last's one occurrence so far gave *pnf whatever its class */
		if (first && !(FP_EV_NF_CLASSES & (1u << lc)))
			*pnf = FP_EV_NO_PARA;
		if (c < lc || (c == lc && para < *pbest))
			*pbest = para;
		if ((FP_EV_NF_CLASSES & (1u << c)) && para < *pnf)
			*pnf = para;
	}
	return ((last | x) & ~(np_uint64) 3) | cls;
}

/*
 * Append the sorted keys v[0, n) (each with its paragraph in the low
 * FP_EV_PARA_BITS when placed) to out[*o, ...), one for each run of keys
 * whose hashes differ at most in the name bit (fp_ev_merge), without
 * their paragraphs; when placed, the paragraphs of their first
 * occurrences go to pbest and pnf at the same index.  Counts the kept keys
 * by class.  *prev is the hash, name bit dropped, of the last key appended
 * (~0 for none).  out may be v: it is written behind the reads.
 */
static pg_attribute_always_inline void
fp_ev_unique(const np_uint64 *v, size_t n, np_uint64 *out, size_t *o,
			 np_uint64 *prev, size_t *count, bool placed,
			 np_uint32 *pbest, np_uint32 *pnf)
{
	np_uint64	last = *prev;	/* locals: out may alias *prev and *o */
	size_t		k = *o;
	size_t		i;
	bool		merged = true;	/* out[k - 1] has taken a key already */

	for (i = 0; i < n; i++)
	{
		np_uint64	x = placed ? v[i] >> FP_EV_PARA_BITS : v[i];
		np_uint64	h = x >> 3;

		if (unlikely(h == last))
		{
			if (placed)
				out[k - 1] = fp_ev_merge(out[k - 1], x, count, !merged,
										 (np_uint32) (v[i] & FP_EV_PARA_MASK),
										 &pbest[k - 1], &pnf[k - 1]);
			else
				out[k - 1] = fp_ev_merge(out[k - 1], x, count, false, 0,
										 NULL, NULL);
			merged = true;
			continue;
		}
		last = h;
		merged = false;
		count[x & 3]++;
		if (placed)
		{
			np_uint32	para = (np_uint32) (v[i] & FP_EV_PARA_MASK);

			/* para_nf: fp_ev_merge sets it right for a key of another class */
			pbest[k] = para;
			pnf[k] = para;
		}
		out[k++] = x;
	}
	*prev = last;
	*o = k;
}

/*
 * Write each key of v[0, n) with its paragraph below it (key <<
 * FP_EV_PARA_BITS | paragraph; bounds[p], nbounds of them: the first key
 * of paragraph p + 1) into out: in place when bstart is NULL (out may be
 * v), else into bucket v[i] >> shift at bstart's next slot (the scatter of
 * fp_ev_sort_unique_body).
 */
static pg_attribute_always_inline void
fp_ev_add_paras(np_uint64 *v, np_uint64 *out, size_t n,
				const np_uint32 *bounds, size_t nbounds,
				uint32 *bstart, int shift)
{
	size_t		i = 0;
	size_t		p;

	for (p = 0; p <= nbounds; p++)
	{
		size_t		end = (p < nbounds) ? bounds[p] : n;

		NP_CHECK_FOR_INTERRUPTS();
		for (; i < end; i++)
		{
			np_uint64	x = v[i] << FP_EV_PARA_BITS | (np_uint64) p;

			if (bstart)
				out[bstart[v[i] >> shift]++] = x;
			else
				out[i] = x;
		}
	}
}

/*
 * Sort keys below 2^34 (hash << 2 | class) in place, keep each hash once
 * (fp_ev_unique: name bit aside) with its best class, count the kept keys
 * by class into count[] and return how many are kept.  With bounds (the
 * first scan's: where each paragraph after the lead begins among the keys,
 * nbounds of them), the paragraphs of each kept key's first occurrences
 * go to the new arrays *pbest and *pnf (FpEvBuild's para_best, para_nf).
 *
 * The hashes are uniform, so one pass that spreads the keys over about
 * n / 4 buckets by their top bits leaves buckets of a few keys, each sorted
 * by insertion; a bucket that is not small (many copies of one shingle, or
 * a text built to fill one bucket) is radix sorted, so that the time stays
 * linear.  Copies of a hash fall in one bucket: each bucket is made unique
 * as it is written back.
 */
static pg_attribute_always_inline size_t
fp_ev_sort_unique_body(np_uint64 *v, size_t n, size_t *count, bool placed,
					   const np_uint32 *bounds, size_t nbounds,
					   np_uint32 **pbest, np_uint32 **pnf)
{
	int			bits = 8;
	size_t		nb;
	int			shift;
	uint32	   *bstart;
	np_uint64  *tmp;
	np_uint64	prev = ~UINT64_C(0);
	np_uint32  *best = NULL;
	np_uint32  *nf = NULL;
	size_t		o = 0;
	size_t		i;
	size_t		b;
	size_t		lo;
	size_t		blo;

	if (placed)
	{
		Assert(n < ((size_t) 1 << FP_EV_PARA_BITS));
		best = np_alloc((n > 0 ? n : 1) * sizeof(np_uint32));
		nf = np_alloc((n > 0 ? n : 1) * sizeof(np_uint32));
		*pbest = best;
		*pnf = nf;
	}
	if (n <= FP_EV_SMALL_BUCKET)
	{
		if (placed)
			fp_ev_add_paras(v, v, n, bounds, nbounds, NULL, 0);
		fp_ev_insertion_sort(v, n);
		fp_ev_unique(v, n, v, &o, &prev, count, placed, best, nf);
		return o;
	}
	while (bits < 16 && ((size_t) 1 << (bits + 2)) < n)
		bits++;
	nb = (size_t) 1 << bits;
	shift = FP_EV_KEY_BITS - bits;
	bstart = np_alloc0((nb + 1) * sizeof(uint32));
	NP_CHECK_FOR_INTERRUPTS();
	for (i = 0; i < n; i++)
		bstart[(v[i] >> shift) + 1]++;
	for (b = 1; b <= nb; b++)
		bstart[b] += bstart[b - 1];
	/* bstart[b]: where bucket b starts; after the scatter, where it ends */
	tmp = np_alloc(n * sizeof(np_uint64));
	if (placed)
		fp_ev_add_paras(v, tmp, n, bounds, nbounds, bstart, shift);
	else
		for (i = 0; i < n; i++)
			tmp[bstart[v[i] >> shift]++] = v[i];
	NP_CHECK_FOR_INTERRUPTS();

	/*
	 * The buckets that are not small are radix sorted; then each slice of
	 * whole buckets (FP_EV_SORT_SLICE keys or more, the last one less) is
	 * sorted by one insertion sort and made unique by one pass.  No key
	 * moves out of its bucket, nor does a copy of a hash straddle two
	 * slices, so that is the work of a sort and a pass a bucket without
	 * their rounds, whose numbers of keys (a few, at random) no processor
	 * foresees.
	 */
	lo = 0;
	blo = 0;
	for (b = 0; b < nb; b++)
	{
		size_t		hi = bstart[b];

		if (hi - blo > FP_EV_SMALL_BUCKET)
			fp_ev_radix_sort(tmp + blo, hi - blo,
							 placed ? FP_EV_PARA_BITS : 0);
		blo = hi;
		if (hi - lo >= FP_EV_SORT_SLICE || b == nb - 1)
		{
			NP_CHECK_FOR_INTERRUPTS();
			fp_ev_insertion_sort(tmp + lo, hi - lo);
			fp_ev_unique(tmp + lo, hi - lo, v, &o, &prev, count, placed,
						 best, nf);
			lo = hi;
		}
	}
	np_free(tmp);
	np_free(bstart);
	return o;
}

/* fp_ev_sort_unique_body without the paragraphs */
static pg_noinline size_t
fp_ev_sort_unique(np_uint64 *v, size_t n, size_t *count)
{
	return fp_ev_sort_unique_body(v, n, count, false, NULL, 0, NULL, NULL);
}

/* fp_ev_sort_unique_body with them: the first scan's keys */
static pg_noinline size_t
fp_ev_sort_unique_placed(np_uint64 *v, size_t n, size_t *count,
						 const np_uint32 *bounds, size_t nbounds,
						 np_uint32 **pbest, np_uint32 **pnf)
{
	return fp_ev_sort_unique_body(v, n, count, true, bounds, nbounds,
								  pbest, pnf);
}

/*
 * Scan text into st (its keys sorted, each hash once, counted by class into
 * count[]), keeping what mode says (FP_SCAN_*: a constant of each caller,
 * fp_ev_collect, fp_ev_collect_parts, fp_ev_collect_every).
 */
static pg_attribute_always_inline void
fp_ev_collect_body(FpEvBuild *st, const char *text, size_t len,
				   int shingle_words, int mode, size_t *count)
{
	memset(st, 0, sizeof(*st));
	st->para_limit = NP_FP_PARAGRAPH_WORDS;
	fp_ev_scan_init(&st->scan, text, len);
	st->lead.s = (const unsigned char *) text;
	st->lead.len = len;
	st->w = shingle_words;
	/* callers pass NP_FP_DEFAULT_SHINGLE_WORDS; no other width has shingles */
	if (st->w >= 1 && st->w <= NP_FP_MAX_SHINGLE_WORDS)
	{
		if (mode == FP_SCAN_EVERY)
			np_fp_tokenize_inline(text, len, fp_ev_build_word_every, st);
		else if (mode == FP_SCAN_PARTS)
			np_fp_tokenize_inline(text, len, fp_ev_build_word_parts, st);
		else
			np_fp_tokenize_inline(text, len, fp_ev_build_word, st);
	}
	/* a text of fewer than w words has one shingle: all its words */
	if (st->nwords > 0 && st->nwords < (size_t) st->w)
		fp_ev_emit(st, st->w == 3 ? st->last : st->ring, st->rflags, (int) st->nwords);

	/*
	 * Sort by hash, then class; keep each hash once (name bit aside) with
	 * its best class and its name bit if any occurrence has it, and count
	 * the distinct hashes of each class; the first scan keeps where each
	 * stands too, for the places of the sample (fp_ev_places).
	 */
	if (mode == FP_SCAN_PLAIN)
		st->n = fp_ev_sort_unique_placed(st->items, st->n, count,
										 st->bounds, st->nbounds,
										 &st->para_best, &st->para_nf);
	else
		st->n = fp_ev_sort_unique(st->items, st->n, count);
}

/* Free what a scan kept for the places of its keys */
static void
fp_ev_free_places(FpEvBuild *st)
{
	if (st->para_best)
		np_free(st->para_best);
	if (st->para_nf)
		np_free(st->para_nf);
	if (st->bounds)
		np_free(st->bounds);
	st->para_best = NULL;
	st->para_nf = NULL;
	st->bounds = NULL;
}

static pg_attribute_always_inline void
fp_ev_collect(FpEvBuild *st, const char *text, size_t len, int shingle_words,
			  size_t *count)
{
	fp_ev_collect_body(st, text, len, shingle_words, FP_SCAN_PLAIN, count);
}

/* Out of line: only a text under NP_FP_FACTS_BELOW is scanned again */
static pg_noinline void
fp_ev_collect_parts(FpEvBuild *st, const char *text, size_t len,
					int shingle_words, size_t *count)
{
	fp_ev_collect_body(st, text, len, shingle_words, FP_SCAN_PARTS, count);
}

/* Out of line: only a text under NP_FP_EVERY_BELOW is scanned a third time */
static pg_noinline void
fp_ev_collect_every(FpEvBuild *st, const char *text, size_t len,
					int shingle_words, size_t *count)
{
	fp_ev_collect_body(st, text, len, shingle_words, FP_SCAN_EVERY, count);
}

/*
 * Hash the quoted shingles of st apart (a text under NP_FP_EVERY_BELOW that
 * has running text): each quoted key's hash, name bit aside, is mixed with
 * FP_EV_QUOTED_APART, so that it meets only the quoted shingles of another
 * such text, never the same words in another text's running text (the
 * quote rule: two reports of one statement share its words).  The keys
 * are sorted and made unique again and counted anew into count[].
 */
#define FP_EV_QUOTED_APART	UINT64_C(0x5851F42D4C957F2D)

static pg_noinline void
fp_ev_quoted_apart(FpEvBuild *st, size_t *count)
{
	size_t		i;

	for (i = 0; i < st->n; i++)
	{
		np_uint64	x = st->items[i];

		if ((i & 0xFFFF) == 0)
			NP_CHECK_FOR_INTERRUPTS();
		if ((x & 3) == FP_QUOTED)
		{
			np_uint32	h = (np_uint32) (x >> 2);
			np_uint32	m = (np_uint32) (np_fp_mix64(FP_EV_QUOTED_APART ^ h) >> 32);

			st->items[i] = fp_ev_out_of_subjects(((np_uint64) ((m & ~NP_FP_NAME_BIT) |
															   (h & NP_FP_NAME_BIT)) << 2) |
												 FP_QUOTED);
		}
	}
	memset(count, 0, FP_NKEYCLASSES * sizeof(size_t));
	st->n = fp_ev_sort_unique(st->items, st->n, count);
}

/* ---------------------------------------------------------------------
 * The subject: the first name of the lead
 * ---------------------------------------------------------------------
 *
 * On a financial wire two companies' items in one house formula ("Dufy
 * Corp said it has agreed in principle to sell its castings unit ...",
 * "Hobart Inc said it has agreed ...") share all their running text; the
 * company's name, before "said", is in fact shingles, which are no
 * evidence.  So the samples of the two are the formula's, and no test of
 * their names can tell them apart.  The subject puts the lead's first name
 * in the sample (fp_evidence.h, NP_FP_SUBJECT_BITS):
 *
 * - the lead starts after a lead-in: the words before the last dash or
 *	 colon among the first FP_SUBJ_LEADIN words, when they are all names,
 *	 numbers or function words (a dateline, "LONDON, Sept 16 (Reuters) -";
 *	 an agency's flag, "URGENT:", "CORRECTED -"; or a title and a
 *	 dateline);
 * - its subject is the first run of name words (capitalised, but not a
 *	 function word, a number, a month or a weekday) in its first sentence,
 *	 the run ending at any mark between two words; the sentence's opener
 *	 counts only when a name word follows it ("Dufy Corp said", not
 *	 "Police said" nor "Jurors heard", which are as often common words);
 * - so is the first run of a title line that opens the text (a line of
 *	 names, numbers and function words ended by a line break before any
 *	 dash or colon: the title of a table or a notice, the only place it
 *	 names its company), so that a re-send that puts a dateline under the
 *	 title keeps the title's subject; and so is the first run of a lead-in
 *	 with a ticker before its dash ("Evansville Ltd <EVAN.O> - Semi-annual
 *	 div 37 cts"), which names the company, not a place;
 * - a run gives the hashes of its first words: the first of a run of one,
 *	 the first one or two of a run of two or three (a company's last word
 *	 is often "Corp", "Inc" or "Co", which every company has); each is the
 *	 hash of the word's first character and its length, so that the
 *	 correction of a misspelt name ("Chieean" to "Chilean", "Lena" to
 *	 "Luna") keeps it, and a possessive ("Portugal's") is left out;
 * - a run of the text's source gives way to the next run of the sentence:
 *	 a tag in parentheses ("Nov 23 (Fitch) ...") and a run that opens with
 *	 a tag's word ("Fitch Ratings has affirmed Dufy Corp ..."), so that a
 *	 rating agency's items about two companies have two subjects.
 *
 * Only the first FP_SUBJ_WORDS words are read, as the sketch's first scan
 * notes them (no second pass over the text).
 */
#define FP_SUBJ_LEADIN		16
#define FP_SUBJ_RUN			3
#define FP_SUBJ_SEED		UINT64_C(0xBB67AE8584CAA73B)

/* What separates two words (fp_subj_gap), read in gaps up to this long */
#define FP_SUBJ_GAP_MAX		256

/*
 * A subject word's length is counted up to this many characters (a longer
 * word counts one more), so that a word of megabytes is not read again
 */
#define FP_SUBJ_CHARS_MAX	64

#define FP_GAP_DASH			0x01	/* a dash or a colon */
#define FP_GAP_MARK			0x02	/* any other mark */
#define FP_GAP_LINE			0x04	/* a line break */
#define FP_GAP_TICKER		0x08	/* "<", before a ticker: "Dufy Corp <DUF.N>" */
#define FP_GAP_COLON		0x10	/* a colon (with FP_GAP_DASH) */

/* The hash of the first word the tokenizer reports */
static void
fp_subj_first_hash(np_uint64 hash, size_t start, size_t end, void *arg)
{
	np_uint64  *h = (np_uint64 *) arg;

	(void) start;
	(void) end;
	if (h[1] == 0)
	{
		h[0] = hash;
		h[1] = 1;
	}
}

/*
 * The word hash the tokenizer gives the one-character word c (ASCII; 0 for
 * a character that is no word), from a table filled on first use: a subject
 * hash is asked of every name word of a text (fp_ev_note_name).
 */
static inline np_uint64
fp_subj_ascii_hash(unsigned char c)
{
	static np_uint64 table[128];
	static bool ready = false;

	if (unlikely(!ready))
	{
		int			k;

		for (k = 0; k < 128; k++)
		{
			char		one = (char) k;
			np_uint64	h[2] = {0, 0};

			NpFpTokenize(&one, 1, fp_subj_first_hash, h);
			table[k] = h[0];
		}
		ready = true;
	}
	return table[c & 0x7F];
}

/*
 * What separates words i and i + 1 of the scan (FP_GAP_* or'ed; 0 for
 * spaces alone).
 */
static int
fp_subj_gap_between(const unsigned char *s, np_uint32 from, np_uint32 to)
{
	np_uint32	k;
	int			r = 0;

	/* a gap longer than layout between words is a mark (and no work) */
	if (to - from > FP_SUBJ_GAP_MAX)
		return FP_GAP_MARK;
	for (k = from; k < to; k++)
	{
		unsigned char c = s[k];

		if (c == '-')
			r |= FP_GAP_DASH;
		else if (c == ':')
			r |= FP_GAP_DASH | FP_GAP_COLON;
		/* U+2013 and U+2014, en and em dash */
		else if (c == 0xE2 && k + 2 < to && s[k + 1] == 0x80 &&
				 (s[k + 2] == 0x93 || s[k + 2] == 0x94))
			r |= FP_GAP_DASH;
		else if (c == '\n')
			r |= FP_GAP_LINE;
		else if (c == '<')
			r |= FP_GAP_TICKER | FP_GAP_MARK;
		else if (c != ' ' && c != '\t' && c != '\r')
			r |= FP_GAP_MARK;
	}
	return r;
}

static int
fp_subj_gap(const FpSubjScan *st, int i)
{
	return fp_subj_gap_between(st->s, st->w[i].end, st->w[i + 1].start);
}

/* Is word i of the scan a name, a number or a function word? */
static inline bool
fp_subj_fact_word(const FpSubjScan *st, int i)
{
	return (st->w[i].flags & (NP_FP_WORD_NAME | NP_FP_WORD_STOP)) != 0;
}

/* The longest ASCII word that fp_ascii_word_in() looks up */
#define FP_ASCII_WORD_MAX	9

/*
 * Which of the lower-case words of set is the word of these n bytes, in
 * any case (ASCII letters; at most FP_ASCII_WORD_MAX of them, a NUL ends
 * it)?  -1 if none.  The word is read into a 64-bit key (its first 8 bytes,
 * letters in lower case, then zeros) and its ninth byte, and looked up in
 * set's open addressing table of FP_WORDSET_SLOTS slots, built at the first
 * look-up from set's list (FP_WORDSET).
 */
#define FP_WORDSET_SLOTS	64	/* more than twice the longest list */

typedef struct FpWordSet
{
	const char *const *list;	/* lower-case words, 1 to FP_ASCII_WORD_MAX
								 * bytes each */
	int			nlist;
	bool		ready;
	np_uint64	key[FP_WORDSET_SLOTS];	/* 0: an empty slot */
	unsigned char ninth[FP_WORDSET_SLOTS];
	signed char index[FP_WORDSET_SLOTS];	/* in list */
} FpWordSet;

/* A static word set of the list of words words */
#define FP_WORDSET(words)	{(words), lengthof(words), false, {0}, {0}, {0}}

/*
 * The key of the word of these n bytes and its ninth byte (*ninth): false
 * if it is empty, too long or not ASCII.
 */
static inline bool
fp_wordset_key(const unsigned char *w, size_t n, np_uint64 *key,
			   unsigned char *ninth)
{
	np_uint64	k = 0;
	size_t		i;
	bool		ended = false;	/* after a NUL, as in a C string */

	*key = 0;
	*ninth = 0;
	if (n == 0 || n > FP_ASCII_WORD_MAX)
		return false;
	for (i = 0; i < n; i++)
	{
		unsigned char c = w[i];

		if (c >= 0x80)
			return false;
		ended |= (c == 0);
		if (ended)
			continue;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (i < 8)
			k |= (np_uint64) c << (8 * i);
		else
			*ninth = c;
	}
	*key = k;
	return k != 0;
}

/* The first slot of the key and ninth byte */
static inline int
fp_wordset_slot(np_uint64 key, unsigned char ninth)
{
	return (int) (((key ^ ninth) * UINT64_C(0x9E3779B97F4A7C15)) >> 58);
}

/* The index in set's list of the word of these n bytes, or -1 (above) */
static int
fp_ascii_word_in(const unsigned char *w, size_t n, FpWordSet *set)
{
	np_uint64	key;
	unsigned char ninth;
	int			k;

	StaticAssertStmt(FP_WORDSET_SLOTS == 64, "fp_wordset_slot keeps 6 bits");
	if (unlikely(!set->ready))
	{
		int			i;

		for (i = 0; i < set->nlist; i++)
		{
			bool		ok PG_USED_FOR_ASSERTS_ONLY;

			ok = fp_wordset_key((const unsigned char *) set->list[i],
								strlen(set->list[i]), &key, &ninth);
			Assert(ok && 2 * set->nlist <= FP_WORDSET_SLOTS);
			for (k = fp_wordset_slot(key, ninth); set->key[k] != 0;
				 k = (k + 1) & (FP_WORDSET_SLOTS - 1))
				;
			set->key[k] = key;
			set->ninth[k] = ninth;
			set->index[k] = (signed char) i;
		}
		set->ready = true;
	}
	if (!fp_wordset_key(w, n, &key, &ninth))
		return -1;
	for (k = fp_wordset_slot(key, ninth); set->key[k] != 0;
		 k = (k + 1) & (FP_WORDSET_SLOTS - 1))
		if (set->key[k] == key && set->ninth[k] == ninth)
			return set->index[k];
	return -1;
}

/*
 * Is the word of these n bytes (n <= 4) a month's abbreviation ("Sept 30",
 * "Jan 5"), in any case?
 */
static bool
fp_subj_month_abbrev(const unsigned char *w, np_uint32 n)
{
	static const char *const abbrev[] = {
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec"
	};
	static FpWordSet set = FP_WORDSET(abbrev);

	return fp_ascii_word_in(w, n, &set) >= 0;
}

/*
 * Is word i of the scan a name word: capitalised, not a function word, a
 * number, a month or a weekday (nor a month's abbreviation), nor a word
 * that starts with a digit ("3rd")?
 */
static bool
fp_subj_name_word(const FpSubjScan *st, int i)
{
	const FpSubjWord *w = &st->w[i];
	int			n;

	if ((w->flags & (NP_FP_WORD_NAME | NP_FP_WORD_STOP | NP_FP_WORD_NUMBER)) !=
		NP_FP_WORD_NAME)
		return false;
	if (fp_ev_digit(fp_ev_decode(st->s, st->len, w->start, &n)))
		return false;
	if (w->end - w->start <= 4 && fp_subj_month_abbrev(st->s + w->start,
													   w->end - w->start))
		return false;
	return (fp_stop_kind_of(w->hash) & FP_WORD_CALENDAR) == 0;
}

/*
 * The subject hash of the word s[start, end): the hash of its first
 * character and its length in characters (apostrophes and a possessive
 * "'s" aside; FP_SUBJ_CHARS_MAX + 1 for a longer word), below
 * NP_FP_SUBJECT_LIMIT, with the name bit.
 */
static np_uint32
fp_subj_hash(const unsigned char *s, np_uint32 start, np_uint32 end)
{
	np_uint32	k;
	np_uint32	first_end = end;
	np_uint64	chars = 0;
	np_uint64	first[2] = {0, 0};

	/* a possessive: "Portugal's", "Portugal’s" (U+2019) */
	if (end - start > 2 && (s[end - 1] == 's' || s[end - 1] == 'S'))
	{
		if (s[end - 2] == '\'')
			end -= 2;
		else if (end - start > 4 && s[end - 4] == 0xE2 && s[end - 3] == 0x80 &&
				 s[end - 2] == 0x99)
			end -= 4;
	}
	/* a word of ASCII letters and digits alone, the most: its bytes */
	{
		const unsigned char *p = s + start;
		const unsigned char *stop = s + Min(end, start + FP_SUBJ_CHARS_MAX + 1);

		while (p < stop && *p < 0x80 && *p != '\'')
			p++;
		k = (np_uint32) (p - s);
	}
	if (k == end || k - start > FP_SUBJ_CHARS_MAX)
	{
		chars = k - start;
		first_end = start + 1;
	}
	else
		k = start;
	for (; k < end && chars <= FP_SUBJ_CHARS_MAX; k++)
	{
		if ((s[k] & 0xC0) == 0x80 || s[k] == '\'')
			continue;
		if (s[k] == 0xE2 && k + 2 < end && s[k + 1] == 0x80 && s[k + 2] == 0x99)
		{
			k += 2;
			continue;
		}
		if (chars++ == 1)
			first_end = k;
	}
	/* the first character's word hash: an ASCII letter's from a table */
	if (first_end - start == 1 && s[start] < 0x80)
		first[0] = fp_subj_ascii_hash(s[start]);
	else
		NpFpTokenize((const char *) s + start, first_end - start,
					 fp_subj_first_hash, first);
	return ((np_uint32) (np_fp_mix64(FP_SUBJ_SEED ^ first[0] ^
									 (chars * UINT64_C(0x9E3779B97F4A7C15))) >>
						 (64 - NP_FP_SUBJECT_BITS))) | NP_FP_NAME_BIT;
}

/*
 * Is s[start, end), a word of 1 to 16 bytes inside s[0, len), ASCII without
 * an apostrophe, so that fp_subj_hash takes its bytes as its characters
 * and no possessive off it?  Read in one or two loads of eight bytes that
 * stay inside s[0, len) (so not for a text under eight bytes); false when
 * it cannot tell.
 */
static pg_attribute_always_inline bool
fp_subj_plain_word(const unsigned char *s, size_t len, size_t start, size_t end)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const np_uint64 hi = UINT64_C(0x8080808080808080);
	const np_uint64 lo7 = UINT64_C(0x7F7F7F7F7F7F7F7F);
	const np_uint64 apos = UINT64_C(0x2727272727272727);
	size_t		n = end - start;
	np_uint64	a;
	np_uint64	b;
	np_uint64	x;
	np_uint64	y;

	if (n == 0 || n > 16 || len < 8)
		return false;
	if (n >= 8)
	{
		memcpy(&a, s + start, 8);
		memcpy(&b, s + end - 8, 8);
	}
	else if (start + 8 <= len)
	{
		memcpy(&a, s + start, 8);
		a &= ~UINT64_C(0) >> (64 - 8 * n);	/* the word's n bytes, then zeros */
		b = a;
	}
	else if (end >= 8)
	{
		memcpy(&a, s + end - 8, 8);
		a &= ~UINT64_C(0) << (64 - 8 * n);	/* zeros, then the word's n bytes */
		b = a;
	}
	else
		return false;			/* no eight bytes around it */
	/* bit 7 of a byte: set in the byte, or the byte is an apostrophe */
	x = a ^ apos;
	y = b ^ apos;
	return ((a | b | ~(((x & lo7) + lo7) | x | lo7) |
			 ~(((y & lo7) + lo7) | y | lo7)) & hi) == 0;
#else
	return false;
#endif
}

/*
 * fp_subj_hash of the word s[start, end) of the text s[0, len): at once
 * for a short ASCII word without an apostrophe (fp_subj_plain_word), most
 * name words, whose hash is then that of its first byte and its length.
 */
static inline np_uint32
fp_subj_hash_in(const unsigned char *s, size_t len, np_uint32 start, np_uint32 end)
{
	if (fp_subj_plain_word(s, len, start, end))
		return ((np_uint32) (np_fp_mix64(FP_SUBJ_SEED ^ fp_subj_ascii_hash(s[start]) ^
										 ((np_uint64) (end - start) *
										  UINT64_C(0x9E3779B97F4A7C15))) >>
							 (64 - NP_FP_SUBJECT_BITS))) | NP_FP_NAME_BIT;
	return fp_subj_hash(s, start, end);
}

/*
 * Add to out[0, *n) (ascending, distinct) the subject hash of word i
 * (fp_subj_hash), unless out holds NP_FP_SUBJECT_KEYS already.
 */
static void
fp_subj_add(const FpSubjScan *st, int i, np_uint32 *out, int *n)
{
	np_uint32	h = fp_subj_hash(st->s, st->w[i].start, st->w[i].end);
	int			j;

	for (j = *n; j > 0 && out[j - 1] > h; j--)
		;
	if ((j > 0 && out[j - 1] == h) || *n >= NP_FP_SUBJECT_KEYS)
		return;
	memmove(out + j + 1, out + j, (size_t) (*n - j) * sizeof(np_uint32));
	out[j] = h;
	(*n)++;
}

/*
 * Is byte at of s[0, len), quotation marks skipped in the direction step
 * (-1 or 1), the mark c?
 */
static bool
fp_subj_mark_at(const unsigned char *s, size_t len, np_uint32 at, int step,
				unsigned char c)
{
	int			k;

	/* at wraps past the top when it steps back from 0 */
	for (k = 0; k < 4 && at < len; k++)
	{
		if (s[at] == c)
			return true;
		if (s[at] != '"' && s[at] != '\'')
			return false;
		at += step;
	}
	return false;
}

/*
 * The word after the whole run of name words that word i opens, however
 * long: a source's run is skipped whole ("Fitch Ratings Singapore Pte Ltd
 * has affirmed ..."), where a subject's is capped at FP_SUBJ_RUN words.
 */
static int
fp_subj_run_end(const FpSubjScan *st, int i)
{
	while (i + 1 < st->n && fp_subj_gap(st, i) == 0 &&
		   fp_subj_name_word(st, i + 1))
		i++;
	return i + 1;
}

/*
 * Is word i of the scan a tag: a run of name words alone in parentheses,
 * quotation marks aside: "(Fitch)", ("Moody's"), "(DBRS Morningstar)";
 * word i its first?  A dateline's or a definition's tag names the text's
 * source, not its subject.
 */
static bool
fp_subj_tag(const FpSubjScan *st, int i)
{
	if (st->w[i].start == 0 ||
		!fp_subj_mark_at(st->s, st->len, st->w[i].start - 1, -1, '('))
		return false;
	return fp_subj_mark_at(st->s, st->len,
						   st->w[fp_subj_run_end(st, i) - 1].end, 1, ')');
}

/*
 * Is the run of name words that word i opens, in the sentence of words
 * [from, end), its source's: a tag, or opening with the first word of a
 * tag of that sentence ("Nov 23 (Fitch) Fitch Ratings has affirmed Dufy
 * Corp ...", "Moody's Investors Service ("Moody's") has downgraded
 * ...")?  A rating agency's or a column's items open with the source
 * whatever company they are about.
 */
static bool
fp_subj_source(const FpSubjScan *st, int from, int end, int i)
{
	int			k;

	if (fp_subj_tag(st, i))
		return true;
	for (k = from; k < end; k++)
		if (k != i && st->w[k].hash == st->w[i].hash &&
			fp_subj_name_word(st, k) && fp_subj_tag(st, k))
			return true;
	return false;
}

/*
 * The first run of name words in the sentence of words [from, ...), from
 * word at on: its first word, or -1 for none; its length into *run.
 */
static int
fp_subj_find_run(const FpSubjScan *st, int from, int at, int *run)
{
	int			i;

	for (i = at; i < st->n; i++)
	{
		if (i > from && st->w[i].opens)
			return -1;
		if (!fp_subj_name_word(st, i))
			continue;
		/* a sentence's opener alone ("Police said") is as often no name */
		if ((i > from && !st->w[i].opens) ||
			(i + 1 < st->n && fp_subj_gap(st, i) == 0 &&
			 fp_subj_name_word(st, i + 1)))
			break;
	}
	if (i >= st->n)
		return -1;
	for (*run = 1; *run < FP_SUBJ_RUN && i + *run < st->n; (*run)++)
		if (fp_subj_gap(st, i + *run - 1) != 0 ||
			!fp_subj_name_word(st, i + *run))
			break;
	return i;
}

/*
 * Add the subject hashes of the first run of name words in the sentence
 * that word from is in, from that word on; a run of the text's source
 * (fp_subj_source) gives way, whole, to the next run of the sentence, if
 * it has one, so that two companies' ratings by one agency have two
 * subjects.
 */
static void
fp_subj_run(const FpSubjScan *st, int from, np_uint32 *out, int *n)
{
	int			i;
	int			run;
	int			keys;
	int			end;
	int			next;
	int			next_run;

	i = fp_subj_find_run(st, from, from, &run);
	if (i < 0)
		return;
	for (end = from + 1; end < st->n && !st->w[end].opens; end++)
		;
	next = i;
	next_run = run;
	while (next >= 0 && fp_subj_source(st, from, end, next))
		next = fp_subj_find_run(st, from, fp_subj_run_end(st, next),
								&next_run);
	if (next >= 0)
	{
		i = next;
		run = next_run;
	}
	for (keys = (run == 1 ? 1 : run - 1); keys > 0; keys--, i++)
		fp_subj_add(st, i, out, n);
}

/* the layout of the names bitmap (fp_evidence.h, NP_FP_NAMES_BIT_OF) */
StaticAssertDecl(NP_FP_NAMES_BITS == 1 << NP_FP_NAMES_BIT_WIDTH,
				 "a probe's run of hash bits must index the whole names bitmap");
StaticAssertDecl(NP_FP_NAME_BIT == 1,
				 "the probes skip bit 0 of a subject hash, its name bit");
StaticAssertDecl(1 + NP_FP_NAMES_PROBES * NP_FP_NAMES_BIT_WIDTH <= NP_FP_SUBJECT_BITS,
				 "the probes' runs must lie in the subject hash's mixed bits");
StaticAssertDecl(NP_FP_NAMES_BIT_OF(UINT32_C(0xFE), 0) == 127 &&
				 NP_FP_NAMES_BIT_OF(UINT32_C(0xFE), 1) == 0 &&
				 NP_FP_NAMES_BIT_OF(UINT32_C(0x7F00), 0) == 0 &&
				 NP_FP_NAMES_BIT_OF(UINT32_C(0x7F00), 1) == 127,
				 "stored names read bits 1-7 and 8-14 of a subject hash (and so do "
				 "bench/index_decide.py and test/sql/fingerprint.sql)");

/*
 * The names a text holds (fp_evidence.h, NP_FP_NAMES_BITS)
 *
 * The subject parts two items of comparable length, a brief among them
 * (fingerprint.h), but a longer pair is no brief: a newspaper's rewrite
 * often opens with another name than the wire ("Shares of Dufy ...",
 * "Substitute Mikkel Tolland ..."), so that two longer items whose
 * subjects differ may well be one story.  A rewrite names the original's
 * subject somewhere, though, and another company's item in one formula
 * does not.  So the scan notes every name word of the text in a bitmap,
 * each by the bit of its subject hash (its first character and length):
 * a word that starts with a capital letter inside a sentence and is no
 * function word, month or weekday, and a sentence's capitalised opener
 * when a name word follows it after spaces alone ("Dufy Corp said", as
 * the subject takes it) or a verb of speech does ("Vossberg said it had
 * won the order": a rewrite's way to name the company it follows).  Each
 * word sets the bits of NP_FP_NAMES_BIT_OF (fp_evidence.h); a word whose
 * bits are all set is "maybe named" (another word of that initial and
 * length, or others on those bits), one with a bit clear "not named".
 */
static void
fp_names_set(np_uint32 *names, np_uint32 h)
{
	int			k;

	for (k = 0; k < NP_FP_NAMES_PROBES; k++)
	{
		np_uint32	bit = NP_FP_NAMES_BIT_OF(h, k);

		names[bit / 32] |= (np_uint32) 1 << (bit % 32);
	}
}

/* Note word [start, end) (hash, flags) among the names of the text */
static void
fp_ev_note_name(FpEvBuild *st, np_uint64 hash, unsigned char flags,
				size_t start, size_t end)
{
	const unsigned char *s = st->scan.s;
	bool		opener = st->opener;
	int			n;

	st->opener = false;
	/* an opener followed by a verb of speech names who speaks */
	if (opener && (fp_stop_kind_of(hash) & FP_WORD_SPEECH) != 0 &&
		fp_subj_gap_between(s, st->opener_end, (np_uint32) start) == 0)
		fp_names_set(st->names, fp_subj_hash(s, st->opener_start,
											 st->opener_end));
	if ((flags & (NP_FP_WORD_NAME | NP_FP_WORD_STOP | NP_FP_WORD_NUMBER)) !=
		NP_FP_WORD_NAME)
		return;
	/* not a figure ("3rd") */
	if (s[start] < 0x80 ? (s[start] >= '0' && s[start] <= '9') :
		fp_ev_digit(fp_ev_decode(s, st->scan.len, start, &n)))
		return;
	if (flags & NP_FP_WORD_PROPER)
	{
		fp_names_set(st->names, fp_subj_hash_in(s, st->scan.len, (np_uint32) start,
												(np_uint32) end));
		if (opener && fp_subj_gap_between(s, st->opener_end, (np_uint32) start) == 0)
			fp_names_set(st->names, fp_subj_hash(s, st->opener_start,
												 st->opener_end));
	}
	else if ((fp_stop_kind_of(hash) & FP_WORD_CALENDAR) == 0 &&
			 fp_ev_opens_sentence(&st->scan, start))
	{
		st->opener = true;
		st->opener_start = (np_uint32) start;
		st->opener_end = (np_uint32) end;
	}
}

/*
 * The figures a text holds (fp_evidence.h, "The figures a text holds").
 *
 * A figure is a word of decimal digits of any script, each read by its
 * value (unicode.h, NpUniDigitValue: Arabic-Indic "200" is 200), with '.'
 * or ',' or U+066B and U+066C, the Arabic decimal and thousands separators,
 * between digits (one number where the tokenizer cuts it: fp_fig_begin)
 * and perhaps a scale after them ("1.2bn", "5m"), or followed by a scale
 * word ("1.2 billion", "2,400 mln") or a percent ("41 percent", "0.4
 * pct"); its value
 * is the number times its scale, written as mant * 10^exp with mant not a
 * multiple of 10, so that "2.4 bln", "2,400 mln" and "2.4bn" are one
 * figure.  Not figures: a time of day (digits on both sides of a colon),
 * and a whole number (no decimals, scale nor percent) that is a year
 * (1900-2100 without a separator), a day next to a month ("Nov 19", "19
 * November": spaces alone between them, and "May" capitalised, as "25 may
 * lose their jobs" is a verb), or under NP_FP_FIGURES_SMALL (counts of
 * anything); nor a number of more than 17 digits or with a suffix that is
 * no scale ("3rd", "1990s", "10am").
 * Currencies and units are not read: "$3.0 billion" and "3 bln stg" agree.
 */

/*
 * The value of the digit of any script at s[i] (i < len), or -1; *n is the
 * bytes of its code point.
 */
static inline int
fp_fig_digit_at(const unsigned char *s, size_t len, size_t i, int *n)
{
	if (s[i] < 0x80)
	{
		*n = 1;
		return (s[i] >= '0' && s[i] <= '9') ? s[i] - '0' : -1;
	}
	return NpUniDigitValue(fp_ev_decode(s, len, i, n));
}

/* The power of ten of a scale word or suffix, FP_FIG_PERCENT, or 0 */
#define FP_FIG_PERCENT	100
/*
 * The longest word read as a figure, in characters (code points), not
 * bytes: "000,000,000,000.000000bln" is 25, and a 17-digit number grouped
 * in thousands is 22 characters in any script (73 bytes in 4-byte
 * digits).  It bounds the work of a word of digits, which has no buffer:
 * the suffix goes to fp_ascii_word_in, which refuses more than
 * FP_ASCII_WORD_MAX bytes.
 */
#define FP_FIG_CHARS	40

static int
fp_fig_scale(const unsigned char *w, size_t n)
{
	static const char *const words[] = {
		"k", "thousand", "m", "mn", "mln", "million", "b", "bn", "bln",
		"billion", "tn", "trn", "trillion", "pct", "percent"
	};
	static const int scales[lengthof(words)] = {
		3, 3, 6, 6, 6, 6, 9, 9, 9, 9, 12, 12, 12, FP_FIG_PERCENT, FP_FIG_PERCENT
	};
	static FpWordSet set = FP_WORDSET(words);
	int			i;

	/* most words after a number are none: their first letter says so */
	if (n == 0 || strchr("bBkKmMpPtT", w[0]) == NULL || w[0] == '\0')
		return 0;
	i = fp_ascii_word_in(w, n, &set);
	return i >= 0 ? scales[i] : 0;
}

/*
 * Is the word of these n bytes a month, or a month's abbreviation?  "May"
 * only capitalised: "may" is as often the verb ("5 may rise"); "MAY" in
 * capitals, and "May" on a line in Title Case, may be either
 * (fp_fig_may_verb).
 */
static bool
fp_fig_month(const unsigned char *w, size_t n)
{
	static const char *const months[] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"
	};
	static FpWordSet set = FP_WORDSET(months);
	const int	may = 4;		/* months[may] is "may" */
	int			i;

	if (n <= 4 && fp_subj_month_abbrev(w, (np_uint32) n))
		return true;
	i = fp_ascii_word_in(w, n, &set);
	if (i == may)
		return w[0] == 'M';
	return i >= 0;
}

/*
 * Is the line of s[pos] in Title Case: do more of its words open with a
 * capital than with a small letter ("Up To 25 May Lose Their Jobs", "Up
 * to 25 May Lose Their Jobs at Dufy")?  A word opens at an ASCII letter
 * after a byte that is no letter, digit, apostrophe nor part of a
 * multibyte character ("Britain's", "3rd" and "Zürich" are one word
 * each).  The answer is kept for the line (fig->line_from, line_to): the
 * scan asks in text order, so each line is read once at most, however
 * long it is and however many times it is asked about.
 */
static bool
fp_fig_title_line(FpFigures *fig, const unsigned char *s, size_t len,
				  size_t pos)
{
	const unsigned char *nl;
	size_t		from = pos;
	size_t		to;
	size_t		i;
	size_t		next_check = 0;
	size_t		ncap = 0;
	size_t		nsmall = 0;

	if (pos >= fig->line_from && pos < fig->line_to)
		return fig->line_title;
	while (from > 0 && s[from - 1] != '\n')
	{
		NP_CHECK_AT(pos - from, next_check);
		from--;
	}
	nl = memchr(s + pos, '\n', len - pos);
	to = nl ? (size_t) (nl - s) : len;
	next_check = 0;
	for (i = from; i < to; i++)
	{
		unsigned char c = s[i];
		unsigned char b = i > from ? s[i - 1] : ' ';

		NP_CHECK_AT(i - from, next_check);
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			continue;
		if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
			(b >= '0' && b <= '9') || b == '\'' || b >= 0x80)
			continue;
		if (c <= 'Z')
			ncap++;
		else
			nsmall++;
	}
	fig->line_from = from;
	fig->line_to = to;
	fig->line_title = ncap > nsmall;
	return fig->line_title;
}

/*
 * Can the number at s[at] be the subject of a verb after it: a count that
 * opens its line or its clause (after a line's start, a colon, a sentence's
 * end), or follows a word of quantity, or a verb of report or fear whose
 * clause it opens ("Up To 25", "As Many As 25", "Some 25", "More Than 25",
 * "SAID 25", "Union Fears 25", "Officials Warn 25")?  A day follows any
 * other word ("For 25 May", "Sets 25 May", "Resume 25 May") or mark
 * ("LONDON, 25 MAY").  Reads back over at most 8 blanks and two words.
 */
static bool
fp_fig_count_opens(const unsigned char *s, size_t at)
{
	static const char *const before_count[] = {
		"about", "almost", "another", "around", "as", "fear", "feared",
		"fears", "least", "nearly", "roughly", "said", "say", "says", "some",
		"than", "to", "warn", "warned", "warns"
	};
	static FpWordSet set = FP_WORDSET(before_count);
	size_t		p = at;
	size_t		from;
	unsigned char c;
	int			i;

	while (p > 0 && at - p < 8 &&
		   (s[p - 1] == ' ' || s[p - 1] == '\t' ||
			(s[p - 1] == 0xA0 && p > 1 && s[p - 2] == 0xC2)))
		p -= (s[p - 1] == 0xA0) ? 2 : 1;
	if (p == 0 || s[p - 1] == '\n' || s[p - 1] == '\r')
		return true;			/* the line's start */
	c = s[p - 1];
	if (c == ':' || c == '.' || c == '!' || c == '?' || c == ';')
		return p < at;			/* a clause's start ("10:25" is no count) */
	from = p;
	while (from > 0 && p - from <= FP_ASCII_WORD_MAX && A_ALPHA(s[from - 1]))
		from--;
	if (from == p || (from > 0 && A_ALPHA(s[from - 1])))
		return false;
	i = fp_ascii_word_in(s + from, p - from, &set);
	if (i < 0 || strcmp(before_count[i], "to") != 0)
		return i >= 0;
	/* "to" only in "up to": "Moved To 25 May" is a day */
	return from >= 3 && s[from - 1] == ' ' &&
		(s[from - 3] | 0x20) == 'u' && (s[from - 2] | 0x20) == 'p' &&
		(from == 3 || !A_ALPHA(s[from - 4]));
}

/*
 * Is the word s[start, end) "May" the verb after a number ("25 MAY LOSE
 * JOBS", "Up To 25 May Lose Their Jobs"), not the month ("TALKS RESUME 25
 * MAY", "Talks Resume 25 May")?  In capitals, and on a line in Title Case
 * (fp_fig_title_line), case says nothing: the words around it do.  (In
 * sentence case "May" capitalised is the month, "may" the verb.)  The
 * verb's number is a count that can be its subject (fp_fig_count_opens):
 * after any other word the number is a day, whatever follows ("Strike Set
 * For 25 May Over Pay", "UNION SETS 25 MAY STRIKE").  And the verb is
 * followed by a verb on its line ("LOSE", "BE", "NOT"); the month by the
 * line's or the text's end, a punctuation mark, a year, or a word that
 * never follows the verb ("25 MAY IN GENEVA", "25 MAY TO DECIDE", "25 MAY
 * LAST YEAR", "25 MAY THE UNION SAID", "ON 25 MAY SAID").
 */
static bool
fp_fig_may_verb(FpFigures *fig, const unsigned char *s, size_t len,
				size_t start, size_t end)
{
	static const char *const after_date[] = {
		"after", "and", "as", "at", "before", "but", "by", "for", "from",
		"in", "last", "next", "of", "on", "or", "said", "that", "the",
		"this", "to", "until", "when", "with"
	};
	static FpWordSet set = FP_WORDSET(after_date);
	size_t		k = end;
	size_t		w;

	if (end - start != 3 ||
		(memcmp(s + start, "MAY", 3) != 0 &&
		 (memcmp(s + start, "May", 3) != 0 ||
		  !fp_fig_title_line(fig, s, len, start))) ||
		!fp_fig_count_opens(s, fig->start))
		return false;
	while (k < len && (s[k] == ' ' || s[k] == '\t' ||
					   (s[k] == 0xC2 && k + 1 < len && s[k + 1] == 0xA0)))
		k += (s[k] == 0xC2) ? 2 : 1;
	if (k == end)
		return false;			/* "25 MAY," "25 MAY." */
	for (w = k; w < len && w - k <= FP_ASCII_WORD_MAX &&
		 ((s[w] >= 'A' && s[w] <= 'Z') || (s[w] >= 'a' && s[w] <= 'z')); w++)
		;
	if (w == k)
		return false;			/* a line's end, a year, a mark */
	return fp_ascii_word_in(s + k, w - k, &set) < 0;
}

/*
 * Is s[from, to) spaces alone (a space, a tab, a no-break space), as
 * between a day and its month?
 */
static bool
fp_fig_spaces(const unsigned char *s, size_t from, size_t to)
{
	size_t		i;

	if (from >= to)
		return false;
	for (i = from; i < to; i++)
	{
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (s[i] == 0xC2 && i + 1 < to && s[i + 1] == 0xA0)
		{
			i++;
			continue;
		}
		return false;
	}
	return true;
}

/*
 * Is the word before s[start] a month ("Nov 19", "November 19,")?  Read
 * back over at most a space or two and 9 letters.
 */
static bool
fp_fig_month_before(const unsigned char *s, size_t start)
{
	size_t		end = start;
	size_t		from;

	while (end > 0 && start - end < 2 && (s[end - 1] == ' ' || s[end - 1] == '.'))
		end--;
	if (end == start)
		return false;
	from = end;
	while (from > 0 && end - from < 10 &&
		   ((s[from - 1] >= 'a' && s[from - 1] <= 'z') ||
			(s[from - 1] >= 'A' && s[from - 1] <= 'Z')))
		from--;
	if (from > 0 && ((s[from - 1] >= 'a' && s[from - 1] <= 'z') ||
					 (s[from - 1] >= 'A' && s[from - 1] <= 'Z')))
		return false;
	return fp_fig_month(s + from, end - from);
}

/* Keep figure hash h among the smallest of fig (ascending, distinct) */
static void
fp_fig_keep(FpFigures *fig, np_uint32 h)
{
	int			i = fig->n;

	if (i == NP_FP_FIGURES_KEEP + 1 && h >= fig->h[i - 1])
		return;
	while (i > 0 && fig->h[i - 1] > h)
		i--;
	if (i > 0 && fig->h[i - 1] == h)
		return;
	if (fig->n < NP_FP_FIGURES_KEEP + 1)
		fig->n++;
	memmove(fig->h + i + 1, fig->h + i, (size_t) (fig->n - 1 - i) * sizeof(np_uint32));
	fig->h[i] = h;
}

/*
 * Settle the waiting number of fig with the word after it, s[start, end),
 * or with none (start == end): a scale or a percent, a month after a day.
 */
static void
fp_fig_settle(FpFigures *fig, const unsigned char *s, size_t len,
			  size_t start, size_t end)
{
	int			scale = (start < end) ? fp_fig_scale(s + start, end - start) : 0;
	np_uint64	m = fig->mant;
	int			e = fig->exp;

	fig->pending = false;
	if (scale > 0)
	{
		if (scale != FP_FIG_PERCENT)
			e += scale;			/* "1.2 billion" */
		fig->whole = false;
	}
	if (fig->whole)
	{
		if (!fig->grouped && e == 0 && m >= 1900 && m <= 2100)
			return;				/* a year */
		if (e == 0 && m <= 31 &&
			((start < end && fp_fig_month(s + start, end - start) &&
			  fp_fig_spaces(s, fig->end, start) &&
			  !fp_fig_may_verb(fig, s, len, start, end)) ||
			 fp_fig_month_before(s, fig->start)))
			return;				/* a day of a month */
		if (e == 0 && m < NP_FP_FIGURES_SMALL)
			return;				/* a count */
	}
	while (m != 0 && m % 10 == 0)
	{
		m /= 10;
		e++;
	}
	if (m == 0)
		e = 0;
	fp_fig_keep(fig, (np_uint32) (np_fp_mix64(np_fp_mix64(m) ^ (np_uint64) (e + 64)) >> 48));
}

/*
 * The separator of a number at s[i] (i < len) that ends a word of the
 * tokenizer, if a digit follows it: U+066B ARABIC DECIMAL SEPARATOR or
 * U+066C ARABIC THOUSANDS SEPARATOR (3.5 and 12,500 written so in
 * Arabic-Indic digits), which it reads as punctuation, or '.' or ',',
 * which it keeps in a word only between digits it folds to ASCII (1.5 in
 * Devanagari or mathematical bold digits is two words).  '.' for a point,
 * ',' for a thousands separator, 0 for none; *n is its bytes.
 */
static int
fp_fig_separator(const unsigned char *s, size_t len, size_t i, int *n)
{
	int			sep;
	int			dn;

	if (s[i] == '.' || s[i] == ',')
	{
		sep = s[i];
		*n = 1;
	}
	else if (s[i] == 0xD9 && i + 1 < len && (s[i + 1] == 0xAB || s[i + 1] == 0xAC))
	{
		sep = (s[i + 1] == 0xAB) ? '.' : ',';
		*n = 2;
	}
	else
		return 0;
	if (i + *n >= len || fp_fig_digit_at(s, len, i + *n, &dn) < 0)
		return 0;
	return sep;
}

/*
 * Read word s[start, end) as a number waiting for the word after it, if it
 * is one.  A number the tokenizer cut at a separator (fp_fig_separator)
 * is read across its words, as one word of ASCII digits is: its first
 * word notes where the next starts (fig->cont_at), and that word goes on
 * with the reading.
 */
static void
fp_fig_begin(FpFigures *fig, const unsigned char *s, size_t len,
			 size_t start, size_t end)
{
	np_uint64	m = 0;
	int			digits = 0;
	int			chars = 0;		/* characters read */
	int			decimals = -1;	/* digits after the point, once one is met */
	bool		grouped = false;
	bool		nofigure = false;
	size_t		first = start;	/* where the number starts */
	size_t		i = start;
	int			n;
	int			sep;
	int			scale = 0;

	if (fig->cont_at != 0 && fig->cont_at == start)
	{
		/* the number goes on from the word before */
		m = fig->mant;
		digits = fig->cont_digits;
		decimals = fig->cont_decimals;
		chars = fig->cont_chars;
		grouped = fig->grouped;
		nofigure = fig->cont_void;
		first = fig->start;
	}
	else if (start >= 2 && s[start - 1] == ':' && fp_ev_digit_ending(s, len, start - 1))
		return;					/* a time of day: digits on both sides of a colon */
	fig->cont_at = 0;
	if (end + 1 < len && s[end] == ':' && fp_fig_digit_at(s, len, end + 1, &n) >= 0)
		return;
	for (; i < end && !nofigure; i += n)
	{
		int			d = fp_fig_digit_at(s, end, i, &n);

		/* a word of more than FP_FIG_CHARS characters is no figure */
		if (++chars > FP_FIG_CHARS)
			nofigure = true;
		else if (d >= 0)
		{
			if (m == 0 && d == 0 && decimals < 0)
				continue;		/* leading zeros */
			if (++digits > 17)
			{
				nofigure = true;
				continue;
			}
			m = m * 10 + (np_uint64) d;
			if (decimals >= 0)
				decimals++;
		}
		else if (s[i] == '.' && decimals < 0)
			decimals = 0;
		else if (s[i] == ',' && decimals < 0)
			grouped = true;
		else
			break;
	}
	/* a separator after the word's last digit: the number goes on */
	if ((i == end || nofigure) && end < len && fp_ev_digit_ending(s, len, end) &&
		(sep = fp_fig_separator(s, len, end, &n)) != 0)
	{
		if (decimals >= 0 || ++chars > FP_FIG_CHARS)
			nofigure = true;	/* a second point, or too long */
		else if (sep == '.')
			decimals = 0;
		else
			grouped = true;
		fig->cont_at = (np_uint32) (end + n);
		fig->cont_void = nofigure;
		fig->cont_digits = digits;
		fig->cont_decimals = decimals;
		fig->cont_chars = chars;
		fig->mant = m;
		fig->grouped = grouped;
		fig->start = (np_uint32) first;
		return;
	}
	if (nofigure)
		return;
	/*
	 * a suffix: a scale ("1.2bn") or no figure ("3rd", "1990s"); chars
	 * counted its first letter, and a scale is ASCII, a byte a letter
	 */
	if (i < end)
	{
		scale = fp_fig_scale(s + i, end - i);
		if (scale == 0 || scale == FP_FIG_PERCENT ||
			(size_t) chars - 1 + (end - i) > FP_FIG_CHARS)
			return;
	}
	fig->pending = true;
	fig->mant = m;
	fig->exp = scale - (decimals > 0 ? decimals : 0);
	fig->whole = (decimals <= 0 && scale == 0);
	fig->grouped = grouped;
	fig->start = (np_uint32) first;
	fig->end = (np_uint32) end;
}

/*
 * Note word [start, end) among the figures of the text: a number, or the
 * word after one (its caller asks only of those)
 */
static void
fp_ev_note_figure(FpEvBuild *st, size_t start, size_t end)
{
	FpFigures  *fig = &st->fig;
	const unsigned char *s = st->scan.s;
	int			n;

	if (fig->pending)
		fp_fig_settle(fig, s, st->scan.len, start, end);
	if (fp_fig_digit_at(s, st->scan.len, start, &n) >= 0)
		fp_fig_begin(fig, s, st->scan.len, start, end);
}

/*
 * The figures section of fig once the scan is over (fp_core.h,
 * NP_FP_FIGURES_TAG) into sec; returns its length in words, 0 when the text
 * holds no figure.
 */
static int
fp_ev_figures_section(FpFigures *fig, const unsigned char *s, np_uint32 *sec)
{
	int			n;
	int			j;

	if (fig->pending)
		fp_fig_settle(fig, s, 0, 0, 0);
	n = Min(fig->n, NP_FP_FIGURES_KEEP);
	if (n == 0)
		return 0;
	memset(sec, 0, NP_FP_FIGURES_WORDS(n) * sizeof(np_uint32));
	sec[0] = (np_uint32) NP_FP_FIGURES_TAG << 24 | (np_uint32) n |
		(fig->n > NP_FP_FIGURES_KEEP ? NP_FP_FIGURES_TRUNCATED : 0);
	for (j = 0; j < n; j++)
		sec[1 + j / 2] |= fig->h[j] << (16 * (j % 2));
	return NP_FP_FIGURES_WORDS(n);
}

/*
 * Does the last line of s[from, to) (a gap between two words that holds a
 * line break) open with a bullet ("*", "-", U+2022), spaces aside?
 */
static bool
fp_subj_bullet_line(const unsigned char *s, np_uint32 from, np_uint32 to)
{
	np_uint32	k = to;

	while (k > from && s[k - 1] != '\n')
		k--;
	while (k < to && (s[k] == ' ' || s[k] == '\t'))
		k++;
	if (k < to && (s[k] == '*' || s[k] == '-'))
		return true;
	return k + 2 < to && s[k] == 0xE2 && s[k + 1] == 0x80 && s[k + 2] == 0xA2;
}

/*
 * Is word i of the scan in capitals: a letter, and no lower-case letter?
 */
static bool
fp_subj_capitals(const FpSubjScan *st, int i)
{
	np_uint32	k;
	int			n;
	bool		letter = false;

	for (k = st->w[i].start; k < st->w[i].end; k += n)
	{
		np_uint32	cp = fp_ev_decode(st->s, st->len, k, &n);

		if (NpUniIsLower(cp))
			return false;
		letter |= NpUniIsUpper(cp);
	}
	return letter;
}

/*
 * Are words from to last of the scan (a part of a lead-in, last + 1 < n) a
 * brief's heading: two or more name words, with spaces alone between them,
 * ended by a colon at the end of their line, over a bullet point ("Nov 19
 * - Nethercott Utilities Inc:" over "* Files for mixed shelf offering")?
 * A flag ("URGENT:") is one word, a dateline holds a number or a comma.
 * Other headings name no company but a source or a section, the same over
 * every item under it, and are no subject:
 *	 - a heading whose first word opens the next line: "Fitch Ratings:" over
 *	   "* Fitch affirms Dufy Corp at 'BBB'";
 *	 - a heading in capitals, as a source's or a desk's is ("FITCH RATINGS:",
 *	   "MARKET TALK:"), where a company's is written as its name is;
 *	 - a heading over a line that is no bullet point: a section's over its
 *	   reports or results ("Premier League:" over "Arsenal beat Chelsea
 *	   2-1 ...", the first line of a text that fingerprint(body, false)
 *	   reads and clean() drops).
 */
static bool
fp_subj_heading(const FpSubjScan *st, int from, int last)
{
	int			gap = fp_subj_gap(st, last);
	bool		capitals = true;
	int			i;

	if (last <= from || (gap & (FP_GAP_COLON | FP_GAP_LINE)) !=
		(FP_GAP_COLON | FP_GAP_LINE) ||
		st->w[last + 1].hash == st->w[from].hash ||
		!fp_subj_bullet_line(st->s, st->w[last].end, st->w[last + 1].start))
		return false;
	for (i = from; i <= last; i++)
	{
		if (!fp_subj_name_word(st, i) || (i < last && fp_subj_gap(st, i) != 0))
			return false;
		capitals = capitals && fp_subj_capitals(st, i);
	}
	return !capitals;
}

/*
 * Is the gap after word i of the scan a hyphen that joins two words of one
 * compound ("second-quarter", "year-on-year"), not a dash that ends a
 * lead-in?  A hyphen alone between two words, after the text's second word
 * or later: "Dufy Corp said its second-quarter profit rose" has no
 * lead-in, and its lead's subject is Dufy (the lead-in ended at the
 * hyphen, and the lead "quarter profit rose ..." had no name); an agency's
 * flag joined to the lead ("URGENT-UK CPI ...", "REFILE-Dufy ...") is the
 * first word.
 */
static bool
fp_subj_hyphen(const FpSubjScan *st, int i)
{
	np_uint32	at = st->w[i].end;

	return i > 0 && st->w[i + 1].start == at + 1 && st->s[at] == '-';
}

/*
 * The subject hashes of a text (fp_evidence.h), from its first words as
 * its first scan noted them, ascending and distinct, into
 * out[NP_FP_SUBJECT_KEYS]; returns how many (0 when neither the lead's
 * first sentence nor a title line has a name).
 */
static int
fp_subject(const FpSubjScan *st, np_uint32 *out)
{
	int			lead = 0;
	bool		title = false;
	bool		dash = false;
	int			n = 0;
	int			i;

	/*
	 * The lead-in: names, numbers and function words up to the last dash
	 * or colon; a title line if a line break comes before any dash.  A
	 * brief's heading (fp_subj_heading, after a dateline or at the top)
	 * names the company, and its first sentence ("* Files for mixed shelf
	 * offering ... - SEC filing") is the formula's: the heading is where
	 * the lead starts.
	 */
	for (i = 0; i + 1 < st->n && i < FP_SUBJ_LEADIN; i++)
	{
		int			gap;

		if (!fp_subj_fact_word(st, i))
			break;
		gap = fp_subj_gap(st, i);
		if (fp_subj_heading(st, lead, i))
			break;
		if ((gap & FP_GAP_DASH) && !fp_subj_hyphen(st, i))
		{
			lead = i + 1;
			dash = true;
		}
		else if ((gap & (FP_GAP_LINE | FP_GAP_TICKER)) && !dash)
			title = true;
	}
	if (title && lead > 0)
		fp_subj_run(st, 0, out, &n);
	fp_subj_run(st, lead, out, &n);
	return n;
}

/* ---------------------------------------------------------------------
 * Where a hash stands (fp_evidence.h, NP_FP_LEAD_WORDS)
 *
 * A follow-up (the sentencing after a verdict, the target's reply to a
 * bid) repeats the earlier story's background paragraph word for word
 * under a lead of its own, so that same_story linked the two; an update,
 * a newspaper's trimmed copy and its rewrite share the lead or most of
 * the body.  The sample is ordered by hash, not by place, so the scan
 * notes where each paragraph's keys begin (fp_ev_note_place), the sort
 * carries each key's paragraph (fp_ev_sort_unique_placed), and for each
 * hash of the sample the paragraph of its shingle's first occurrence is
 * kept: 0 for the lead, 1 to 7 for the later ones in turn.
 * fingerprint_sql.c reads them for the pairs that share under half of
 * each side.
 * ---------------------------------------------------------------------
 */

/*
 * The place of each hash of sk's sample (the first nsubject, the
 * subject's, are of the lead) into a new sk->places: the paragraph of its
 * shingle's first occurrence of a class that keep holds, which the sort
 * kept for st's keys (keep is one class, or FP_EV_NF_CLASSES: a key's
 * best class is in keep, so of the occurrences that keep holds the first
 * of its best class, or the first of either).  The sample's other hashes
 * are st's first keys of a class in keep, in turn, as
 * NpFpBuildSketchV2 took them.
 */
static void
fp_ev_places(const FpEvBuild *st, int nsubject, unsigned keep, NpSketch *sk)
{
	int			n = sk->nhashes;
	const np_uint32 *para = (keep == FP_EV_NF_CLASSES) ? st->para_nf : st->para_best;
	size_t		i;
	int			j;
	np_uint32  *word;			/* sample j's word of places */
	int			shift;			/* and its place in it */

	Assert(keep == FP_EV_NF_CLASSES || (keep & (keep - 1)) == 0);
	sk->places = np_alloc0((size_t) NP_FP_PLACES_WORDS(n) * sizeof(np_uint32));
	if (para == NULL)
		return;
	word = sk->places + nsubject / NP_FP_PLACES_PER_WORD;
	shift = (nsubject % NP_FP_PLACES_PER_WORD) * NP_FP_PLACE_BITS;
	/*
	 * Whether a key is sampled would be a branch on its class, which the
	 * processor cannot foresee: a key that is not adds nothing and does not
	 * step (kept is 0 or 1).
	 */
	for (i = 0, j = nsubject; j < n; i++)
	{
		np_uint32	p;
		unsigned	kept;

		Assert(i < st->n);
		kept = (keep >> (st->items[i] & 3)) & 1;
		p = para[i];
		Assert(!kept || p != FP_EV_NO_PARA);
		Assert(word == sk->places + j / NP_FP_PLACES_PER_WORD &&
			   shift == (j % NP_FP_PLACES_PER_WORD) * NP_FP_PLACE_BITS);
		if (p > 0)
			*word |= (kept * (1 + (p - 1) % ((1u << NP_FP_PLACE_BITS) - 1))) << shift;
		j += kept;
		shift += kept * NP_FP_PLACE_BITS;
		if (shift == NP_FP_PLACES_PER_WORD * NP_FP_PLACE_BITS)
		{
			word++;
			shift = 0;
		}
	}
}

/*
 * Build the version 2 sketch of text.
 */
void
NpFpBuildSketchV2(const char *text, size_t len, int shingle_words,
				  int sketch_size, NpSketch *sk)
{
	FpEvBuild	st;
	size_t		i;
	size_t		o;
	size_t		count[FP_NKEYCLASSES] = {0};
	int			tier;
	bool		with_facts;
	unsigned	keep;			/* bit c: the keys of class c are sampled */
	np_uint32	name = 0;		/* or'ed to the sampled facts' hashes */
	np_uint32	subject[NP_FP_SUBJECT_KEYS];
	int			nsubject;
	bool		floor;			/* under NP_FP_FACTS_BELOW: scanned again */
	bool		named;			/* the first scan noted a name */

	fp_tables_init();
	fp_ev3_init();
	fp_ev_collect(&st, text, len, shingle_words, count);
	/* the figures it holds, kept below with its names */
	sk->nfigure_words = fp_ev_figures_section(&st.fig, (const unsigned char *) text,
											  sk->figures);

	/* the evidence: the best class the article has */
	for (tier = 0; tier < FP_NCLASSES - 1 && count[tier] == 0; tier++)
		;

	/*
	 * An article whose rows of names and numbers outweigh its running text
	 * (a table, a results list) is told apart from another under the same
	 * heading by those rows: they are its evidence too.
	 */
	with_facts = (tier == FP_NARRATIVE &&
				  count[FP_NARRATIVE] < count[FP_FACT]);
	keep = 1u << tier | (with_facts ? 1u << FP_FACT : 0);

	/* the evidence shingles: how many, and the smallest sketch_size */
	o = count[tier] + (with_facts ? count[FP_FACT] : 0);

	/*
	 * The subject's hashes, below every other: the sample's first.  Not for
	 * a text under the floor: the floors below sample its names already,
	 * and a subject would take a fragment of a formula over the minimum
	 * evidence ("nine mths to Sept 30: Shr" of two companies' tables).
	 */
	nsubject = (o >= NP_FP_FACTS_BELOW) ? fp_subject(&st.lead, subject) : 0;
	/* the smallest of them, the same ones in every text with that subject */
	if (nsubject > sketch_size / NP_FP_SUBJECT_SHARE)
		nsubject = sketch_size / NP_FP_SUBJECT_SHARE;

	/*
	 * Too little evidence to match anything (minimum evidence): a one-line
	 * notice whose name is in fact shingles and whose running text is a
	 * formula.  Its fact shingles join its evidence, with the name bit (the
	 * name may open the sentence), but not the facts that only continue a
	 * name ("Corp said it"): a re-send shares the lot, two companies'
	 * notices the formula alone (fp_evidence.h, NP_FP_FACTS_BELOW).
	 * Quoted shingles stay out while there is running text: two reports of
	 * one statement share them.
	 */
	floor = (o < NP_FP_FACTS_BELOW);
	named = false;
	for (i = 0; i < NP_FP_NAMES_WORDS; i++)
		named |= (st.names[i] != 0);
	if (floor)
	{
		/* again, with the facts that continue a name marked (no tier moves) */
		if (st.items)
			np_free(st.items);
		fp_ev_free_places(&st);
		memset(count, 0, sizeof(count));
		fp_ev_collect_parts(&st, text, len, shingle_words, count);
		keep = 1u << tier | 1u << FP_FACT;
		name = NP_FP_NAME_BIT;
		o = count[tier] + (tier != FP_FACT ? count[FP_FACT] : 0);

		/*
		 * Still too little (a card or table of names and figures, whose
		 * facts mostly continue a name, or a text of quotes and formulas):
		 * every other shingle it has joins, the facts that continue a name
		 * and the quoted ones, then the common ones too, so that a text of
		 * NP_FP_MIN_EVIDENCE shingles finds itself (fp_evidence.h,
		 * NP_FP_EVERY_BELOW).  They keep their own name bit: the facts
		 * that begin a name carry it, a formula does not.
		 */
		if (o < NP_FP_EVERY_BELOW)
		{
			keep = (1u << FP_NKEYCLASSES) - 1;
			o = count[FP_NARRATIVE] + count[FP_QUOTED] + count[FP_FACT] +
				count[FP_FACT_PART];
		}
		if (o < NP_FP_EVERY_BELOW)
		{
			if (st.items)
				np_free(st.items);
			memset(count, 0, sizeof(count));
			fp_ev_collect_every(&st, text, len, shingle_words, count);
		}

		/*
		 * Its quoted shingles, when it has running text, are hashed apart:
		 * a re-send shares them, a report that carries the quotation in its
		 * own running text does not.
		 */
		if (keep == (1u << FP_NKEYCLASSES) - 1)
		{
			if (tier != FP_QUOTED && count[FP_QUOTED] > 0)
				fp_ev_quoted_apart(&st, count);
			o = count[FP_NARRATIVE] + count[FP_QUOTED] + count[FP_FACT] +
				count[FP_FACT_PART];
		}
	}
	o += (size_t) nsubject;

	/*
	 * A text with a subject keeps its names, the subject's among them, and
	 * so does one without a subject that holds a name or a figure (its lead
	 * opens with none, "Police have ...", or a page header): its figures and
	 * places serve the tests that read them, and its names are never looked
	 * up, having no subject hash (fp_names_apart).  Not a text under the
	 * floor, whose second scan noted nothing: its names are in its sample.
	 */
	sk->has_names = (nsubject > 0 ||
					 (!floor && (named || sk->nfigure_words > 0)));
	memcpy(sk->names, st.names, sizeof(sk->names));
	if (!sk->has_names)
		sk->nfigure_words = 0;
	for (i = 0; i < (size_t) nsubject; i++)
		fp_names_set(sk->names, subject[i]);

	sk->version = NP_FP_V2_VERSION;
	sk->shingle_words = shingle_words;
	sk->sketch_size = sketch_size;
	sk->nshingles = (o > (size_t) 0xFFFFFFFFu) ? 0xFFFFFFFFu : (np_uint32) o;
	sk->nhashes = (o < (size_t) sketch_size) ? (int) o : sketch_size;
	sk->hashes = NULL;
	if (sk->nhashes > 0)
	{
		int			j = 0;

		sk->hashes = np_alloc((size_t) sk->nhashes * sizeof(np_uint32));
		for (; j < nsubject && j < sk->nhashes; j++)
			sk->hashes[j] = subject[j];
		/* as in fp_ev_places, a key not sampled is written over */
		for (i = 0; j < sk->nhashes; i++)
		{
			int			cls = (int) (st.items[i] & 3);

			Assert(i < st.n);
			sk->hashes[j] = (np_uint32) (st.items[i] >> 2) |
				(cls == FP_FACT ? name : 0);
			j += (keep >> cls) & 1;
		}
	}

	/* a text that keeps its names keeps where its hashes stand */
	sk->places = NULL;
	if (sk->has_names && sk->nhashes > 0)
		fp_ev_places(&st, nsubject, keep, sk);
	fp_ev_free_places(&st);
	if (st.items)
		np_free(st.items);
}

/*
 * The words of a text with their evidence flags.
 */
typedef struct FpEvWords
{
	FpEvScan	scan;
	NpFpWord   *words;
	size_t		n;
	size_t		cap;
} FpEvWords;

static void
fp_ev_collect_word(np_uint64 hash, size_t start, size_t end, void *arg)
{
	FpEvWords  *st = (FpEvWords *) arg;

	if (st->n == st->cap)
	{
		st->cap = st->cap ? st->cap * 2 : 64;
		st->words = st->words ? np_realloc(st->words, st->cap * sizeof(NpFpWord))
			: np_alloc(st->cap * sizeof(NpFpWord));
	}
	st->words[st->n].hash = hash;
	st->words[st->n].start = (np_uint32) start;
	st->words[st->n].flags = fp_ev_flags(&st->scan, hash, start, end);
	st->n++;
}

size_t
NpFpEvidenceWords(const char *text, size_t len, NpFpWord **words)
{
	FpEvWords	st;

	fp_tables_init();
	memset(&st, 0, sizeof(st));
	fp_ev_scan_init(&st.scan, text, len);
	NpFpTokenize(text, len, fp_ev_collect_word, &st);
	*words = st.words;
	return st.n;
}

/* ---------------------------------------------------------------------
 * Evidence of shared_passages() matches
 * ---------------------------------------------------------------------
 */

/*
 * Hash of the word pair (x, y), order-sensitive.
 */
static inline np_uint64
fp_ev_pair(np_uint64 x, np_uint64 y)
{
	np_uint64	h = x * UINT64_C(0x9E3779B97F4A7C15) ^ (y + UINT64_C(0x632BE59BD9B4E019));

	return h ^ (h >> 29);
}

/*
 * Is the word pair (x, y) evidence: not both quoted, not both names,
 * numbers or function words?
 */
static inline bool
fp_ev_pair_is_evidence(const NpFpWord *x, const NpFpWord *y)
{
	if ((x->flags & NP_FP_WORD_QUOTED) && (y->flags & NP_FP_WORD_QUOTED))
		return false;
	return !((x->flags & (NP_FP_WORD_NAME | NP_FP_WORD_STOP)) &&
			 (y->flags & (NP_FP_WORD_NAME | NP_FP_WORD_STOP)));
}

/*
 * Index of the first word starting at or after byte position pos.
 */
static size_t
fp_ev_first_word(const NpFpWord *w, size_t n, size_t pos)
{
	size_t		lo = 0,
				hi = n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (w[mid].start < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
fp_ev_u64_cmp(const void *x, const void *y)
{
	np_uint64	a = *(const np_uint64 *) x;
	np_uint64	b = *(const np_uint64 *) y;

	return (a > b) - (a < b);
}

int
NpFpFilterPassages(const char *a, size_t alen, const char *b, size_t blen,
				   NpPassageMatch *matches, int nmatches, double min_score)
{
	NpFpWord   *wa = NULL;
	NpFpWord   *wb = NULL;
	size_t		na,
				nb;
	bool		a_narrative = false;
	size_t		i;
	int			k;
	int			kept = 0;
	int			maxb = -1;
	np_uint64 **bpairs;			/* sorted pair hashes of each b-sentence */
	size_t	   *bcount;

	if (nmatches == 0)
		return 0;
	na = NpFpEvidenceWords(a, alen, &wa);
	nb = NpFpEvidenceWords(b, blen, &wb);
	for (i = 0; i + 1 < na && !a_narrative; i++)
		a_narrative = fp_ev_pair_is_evidence(&wa[i], &wa[i + 1]);
	for (k = 0; k < nmatches; k++)
		if (matches[k].b_sentence > maxb)
			maxb = matches[k].b_sentence;
	bpairs = np_alloc0((size_t) (maxb + 1) * sizeof(np_uint64 *));
	bcount = np_alloc0((size_t) (maxb + 1) * sizeof(size_t));

	for (k = 0; k < nmatches; k++)
	{
		NpPassageMatch *m = &matches[k];
		int			sb = m->b_sentence;
		size_t		lo,
					hi;
		int			ev = 0;
		int			found = 0;

		NP_CHECK_FOR_INTERRUPTS();

		/* the b-sentence's word pairs, once per sentence */
		if (bpairs[sb] == NULL)
		{
			size_t		c = 0;

			lo = fp_ev_first_word(wb, nb, m->b_start);
			hi = fp_ev_first_word(wb, nb, m->b_end);
			bpairs[sb] = np_alloc((hi > lo ? hi - lo : 1) * sizeof(np_uint64));
			for (i = lo; i + 1 < hi; i++)
				bpairs[sb][c++] = fp_ev_pair(wb[i].hash, wb[i + 1].hash);
			if (c > 1)
				qsort(bpairs[sb], c, sizeof(np_uint64), fp_ev_u64_cmp);
			bcount[sb] = c;
		}

		/* the a-sentence's evidence pairs found among them */
		lo = fp_ev_first_word(wa, na, m->a_start);
		hi = fp_ev_first_word(wa, na, m->a_end);
		for (i = lo; i + 1 < hi; i++)
		{
			np_uint64	p;

			if (a_narrative && !fp_ev_pair_is_evidence(&wa[i], &wa[i + 1]))
				continue;
			ev++;
			p = fp_ev_pair(wa[i].hash, wa[i + 1].hash);
			if (bcount[sb] > 0 &&
				bsearch(&p, bpairs[sb], bcount[sb], sizeof(np_uint64), fp_ev_u64_cmp))
				found++;
		}
		if (ev >= 2 && (double) found / ev >= min_score)
		{
			m->score = (double) found / ev;
			matches[kept++] = *m;
		}
	}

	for (k = 0; k <= maxb; k++)
		if (bpairs[k])
			np_free(bpairs[k]);
	np_free(bpairs);
	np_free(bcount);
	if (wa)
		np_free(wa);
	if (wb)
		np_free(wb);
	return kept;
}
