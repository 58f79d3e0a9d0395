/*-------------------------------------------------------------------------
 *
 * classify.c
 *	  The classifier of the article cleaner: gather facts about each unit in
 *	  one pass over its words, and give it a verdict (good text, short text,
 *	  heading, caption, furniture) and a section-marker kind.
 *
 * src/text/classify.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "text/clean_int.h"
#include "text/unicode.h"
#include "text/wire.h"


/* ASCII character classes for NpGetUnitFacts */
#define AC_LETTER	0x01
#define AC_UPPER	0x02
#define AC_DIGIT	0x04
#define AC_URL		0x08		/* '/' and '@' */
#define AC_PIPE		0x10

static unsigned char ascii_cls[128];
static bool ascii_cls_ready = false;

/*
 * For an ASCII letter or digit, NpVocabShapeLight of it lower-cased with
 * bit 0 set (no listed word has no letters); 0 for any other byte
 * (light_word_may_look).
 */
static uint32 light_first[128];

/*
 * Fill the ASCII class table (once; the table is constant).
 */
void
NpClassifyInit(void)
{
	int			c;

	if (ascii_cls_ready)
		return;
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
	/* NpVocabInit has filled NpVocabShapeLight (clean.c calls it first) */
	for (c = 0; c < 128; c++)
		if (ascii_cls[c] & (AC_LETTER | AC_DIGIT))
			light_first[c] = NpVocabShapeLight[A_UPPER(c) ? c - 'A' + 'a' : c] | 1;
	ascii_cls_ready = true;
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
 * In a plain unit (ASCII, no '|') that ends a sentence and has more than
 * NP_SHORT_UNIT_WORDS words, may the word s[i, j) past the third be looked
 * up in the vocabulary (when the word before it does not open a phrase)?
 * The same test as NpGetUnitFacts makes at "vocabulary" in that case: its
 * core (without the punctuation around it) is a listed length for its
 * first letter among the banner and second-person words, in a unit of at
 * most NP_MID_UNIT_WORDS words.
 */
static inline bool
light_word_may_look(const char *s, size_t i, size_t j, bool mid_unit)
{
	size_t		a = i;
	size_t		z = j;
	uint32		shape;

	if (!mid_unit || j - i > 16)
		return false;

	/*
	 * Most words begin and end with a letter or digit: the word is its
	 * core, and its first letter and length tell at once.
	 */
	shape = light_first[(unsigned char) s[i] & 0x7F];
	if (shape != 0)
	{
		if (shape == 1)
			return false;
		if (light_first[(unsigned char) s[j - 1] & 0x7F] != 0)
			return (shape >> (j - i)) & 1;
	}
	while (a < z && !(ascii_cls[(unsigned char) s[a] & 0x7F] & (AC_LETTER | AC_DIGIT)))
		a++;
	if (a >= z)
		return false;

	/*
	 * s[a] is an ASCII letter or digit (the unit is plain), so setting bit
	 * 5 lower-cases it.  Most first letters rule the word out whatever its
	 * length: then its end need not be found.
	 */
	Assert((unsigned char) s[a] < 0x80);
	shape = NpVocabShapeLight[(unsigned char) s[a] | 0x20];
	if (shape == 0)
		return false;
	while (z > a && !(ascii_cls[(unsigned char) s[z - 1] & 0x7F] & (AC_LETTER | AC_DIGIT)))
		z--;
	return z - a < 32 && ((shape >> (z - a)) & 1);
}

/*
 * In a plain unit that ends a sentence and has more than
 * NP_SHORT_UNIT_WORDS words, past its third word and not after the first
 * word of a phrase: count the words from s[i] on that light_word_may_look
 * rules out, as NpGetUnitFacts's loop would count each (*w, *nondate, and
 * in *last_sentence_word the last of them that ends a sentence before len),
 * and return where the first word it does not rule out begins, or len
 * (the word's end in *end).
 * One tight loop, with the counts in registers.
 */
static inline size_t
light_skip(const char *s, size_t i, size_t len, bool mid_unit, int *w,
		   int *nondate, size_t *last_sentence_word, size_t *next_check,
		   size_t *end)
{
	int			ww = *w;
	int			nd = 0;
	size_t		lsw = *last_sentence_word;

	while (i < len)
	{
		size_t		j;
		unsigned char c;

		NP_CHECK_AT(i, *next_check);
		j = NpNextSpace(s, i, len);
		if (j == i)
		{
			i++;
			continue;
		}
		if (light_word_may_look(s, i, j, mid_unit))
		{
			*end = j;
			break;
		}
		ww++;
		nd++;
		c = (unsigned char) s[j - 1];
		if ((c == '.' || c == '!' || c == '?') && j < len)
			lsw = (size_t) ww;
		i = j + 1;
	}
	*w = ww;
	*nondate += nd;
	*last_sentence_word = lsw;
	return i;
}

/*
 * Gather the facts about one unit.
 */
void
NpGetUnitFacts(const char *s, size_t len, NpUnitFacts *f)
{
	size_t		i = 0;
	int			w = 0;
	char		key[48];
	int			prev_id = W_NONE;
	bool		prev_credit_start = false;	/* the previous word may open a credit */
	uint16_t	prev_flags = 0;
	bool		label_done = false;
	size_t		last_sentence_word = 0;
	int			total_words = 1;
	bool		short_unit;
	bool		mid_unit;
	bool		light;
	bool		plain;
	size_t		next_check = 0;

	memset(f, 0, sizeof(NpUnitFacts));
	f->ends_term = NpEndsSentence(s, len, false);
	if (len > 0)
	{
		uint32_t	c0;

		NpUtf8Decode((const unsigned char *) s, len, &c0);
		f->quoted = c0 == '"' || c0 == 0x201C || c0 == 0xAB || c0 == 0x2018 || c0 == '\'';
	}
	f->ends_colon = !f->ends_term && NpEndsSentence(s, len, true);

	/*
	 * Most vocabulary only matters in short units (timestamps, labels,
	 * widgets); in long ones only banner words, credits and phrases count,
	 * and beyond NP_MID_UNIT_WORDS only the first three words.  Knowing the word
	 * count first lets us skip the lookups that cannot matter.
	 */
	total_words += NpCountSpaces(s, len, &plain);
	short_unit = total_words <= NP_SHORT_UNIT_WORDS;
	mid_unit = total_words <= NP_MID_UNIT_WORDS;

	/*
	 * A long ASCII sentence with no '|' can only be furniture through its
	 * first words (labels) or its vocabulary (banners, wire credits):
	 * after the third word, skip the character classes and go straight to
	 * the vocabulary filter.
	 */
	light = f->ends_term && !short_unit && plain;

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
		NP_CHECK_AT(i, next_check);
		first_seen = false;
		first_upper = false;
		nchars = 0;
		core_a = core_z = 0;
		if (light && w >= 3)
		{
			/*
			 * Most words here cannot be looked up: light_skip counts them
			 * as the code after the test at "vocabulary" would (a plain
			 * unit, past its third word, not after the first word of a
			 * phrase) and stops at one that may be, s[i, j).
			 */
			if (prev_id == W_NONE || !PHRASE_FIRST(prev_id))
			{
				int			w0 = w;

				i = light_skip(s, i, len, mid_unit, &w, &f->nondate,
							   &last_sentence_word, &next_check, &j);
				if (w > w0)
				{
					/* as the words it counted leave them */
					prev_id = W_NONE;
					prev_flags = 0;
				}
				if (i >= len)
					break;
			}
			else
			{
				j = NpNextSpace(s, i, len);
				if (j == i)
				{
					i++;
					continue;
				}
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
				unsigned char b;
				unsigned	c;

				/*
				 * A run of lower-case ASCII letters, most of a word's
				 * bytes, eight bytes at a time: the high bit of each byte
				 * of "lower" tells whether it is one.
				 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
				if (k + 8 <= len)
				{
					uint64_t	v;
					uint64_t	x;
					uint64_t	lower;
					size_t		run;

					memcpy(&v, s + k, 8);
					x = v & UINT64_C(0x7F7F7F7F7F7F7F7F);
					lower = (x + UINT64_C(0x1F1F1F1F1F1F1F1F)) &
						~(x + UINT64_C(0x0505050505050505)) & ~v &
						UINT64_C(0x8080808080808080);
					run = lower == UINT64_C(0x8080808080808080) ? 8 :
						(size_t) (__builtin_ctzll(~lower & UINT64_C(0x8080808080808080)) >> 3);
					if (run > 0)
					{
						/* as the byte-by-byte code below does for each */
						acc |= AC_LETTER;
						nl += (int) run;
						if (!have_core)
						{
							have_core = true;
							core_a = k;
							first_upper = false;
						}
						core_z = k + run;
						k += run - 1;
						continue;
					}
				}
#endif
				b = (unsigned char) s[k];
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
		if (has_url_char && NpWordIsUrl(s + i, j - i))
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
				 (A_DIGIT(c0) || (z - a < 32 && ((NpVocabShape[c0] >> (z - a)) & 1))) :
				 (mid_unit && z - a < 32 &&
				  (((light ? NpVocabShapeLight : NpVocabShapeLong)[c0] >> (z - a)) & 1)));

			/*
			 * A word that is not listed (and not a numeric token) counts
			 * like a word that was not looked up, unless it may end a label
			 * ("Read more:") among the first three words.
			 */
			if (look && (w > 3 || s[j - 1] != ':') && z - a >= 2 &&
				NpVocabPairExcludes(c0, (unsigned char) s[a + 1],
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
			const NpVocabEntry *e = NpVocabFind(key, klen);
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
				/*
				 * "(Reporting by ...; Editing by ...)", "Additional reporting
				 * by": the verb opens the credit or is capitalised, unlike
				 * "a poll compiled by the company".
				 */
				if (id == W_BY && prev_credit_start &&
					(prev_id == W_REPORTING || prev_id == W_EDITING ||
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
			prev_credit_start = w <= 2 || A_UPPER(s[i]) || s[i] == '(';
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
				else if (NpWordKey(s + p, q - p, key, sizeof(key)) && (NpVocabFlags(key) & V_CREDIT))
					cred++;
			}
			p = q + 1;
		}
		f->credit_tail = cred > 0;
	}
}

/*
 * Does unit idx open the document: is it the first unit, or are those
 * before it all wire furniture (a slug, a feed's header)?  An alert's line
 * ("URGENT: ...") is its headline there; further down the same line is a
 * teaser of another story, a label row like "See also: ...".  The scan
 * stops at the nearest unit that is not furniture, so over a document's
 * units it reads each furniture unit once at most.
 */
bool
NpOpensDoc(const NpDoc *doc, int idx)
{
	int			i;

	for (i = idx - 1; i >= 0; i--)
		if (!(doc->units[i].flags & NPU_FURNITURE))
			return false;
	return true;
}

/*
 * Do figures weigh in s[0..len): one digit or more to four letters (a
 * year counted as one digit)?  *change
 * tells whether one of them is signed, a price's change ("FTSE 100
 * 7,512.30   +0.4%", "Platinum   912.00   -3.50").  A title line may hold
 * a decimal or a per cent ("KESTREL FOODS CORP <KSF> 2ND QTR NET UP 13.8
 * PCT", "GOLD EDGES UP 0.1% IN LONDON"), not a sign before a figure.
 */
bool
NpFiguresWeigh(const char *s, size_t len, bool *change)
{
	size_t		k;
	size_t		digits = 0;
	size_t		letters = 0;
	size_t		next_check = 0;

	*change = false;
	for (k = 0; k < len; k++)
	{
		unsigned char c = (unsigned char) s[k];

		NP_CHECK_AT(k, next_check);
		if (A_DIGIT(c))
		{
			/*
			 * A year ("MAY 2026 COUNCIL VOTE", "1987 2ND QTR") is one figure:
			 * four digits from 1900 to 2099 standing alone.
			 */
			if (k + 4 <= len &&
				((c == '1' && s[k + 1] == '9') || (c == '2' && s[k + 1] == '0')) &&
				A_DIGIT((unsigned char) s[k + 2]) &&
				A_DIGIT((unsigned char) s[k + 3]) &&
				(k == 0 || s[k - 1] == ' ') &&
				(k + 4 == len || s[k + 4] == ' '))
			{
				digits++;
				k += 3;
				continue;
			}
			digits++;
			if (k > 0 && (s[k - 1] == '+' || s[k - 1] == '-') &&
				(k == 1 || s[k - 2] == ' '))
				*change = true;
		}
		else if (A_ALPHA(c) || c >= 0xC0)
			letters++;
	}
	return digits > 0 && digits * 4 >= letters;
}

/*
 * Is s[0..len) a row of prices: figures weigh in it (NpFiguresWeigh), and
 * one is a price's change or written as a price, grouped or with decimals
 * ("FTSE 100 7,512.30 +0.4", "DAX 16,751.64", "WTI 78.20")?  A date
 * ("LONDON 1996-08-30") or a year is none.
 */
bool
NpPriceRow(const char *s, size_t len)
{
	size_t		k;
	size_t		next_check = 0;
	bool		change;

	if (!NpFiguresWeigh(s, len, &change))
		return false;
	if (change)
		return true;
	for (k = 1; k + 1 < len; k++)
	{
		NP_CHECK_AT(k, next_check);
		if ((s[k] == '.' || s[k] == ',') &&
			A_DIGIT((unsigned char) s[k - 1]) && A_DIGIT((unsigned char) s[k + 1]))
			return true;
	}
	return false;
}

/*
 * Is s[0..len) a row of prices with a price's change: figures weigh in it
 * and one is signed (NpFiguresWeigh)?
 */
static bool
price_change_row(const char *s, size_t len)
{
	bool		change;
	const char *signs = "+-";
	int			i;

	/*
	 * Most units have no sign before a digit, which change needs: look for
	 * one first (memchr), so that they are not counted letter by letter
	 */
	for (i = 0; i < 2; i++)
	{
		const char *p = s;
		const char *end = s + len;

		while ((p = memchr(p, signs[i], end - p)) != NULL)
		{
			if (p + 1 < end && A_DIGIT((unsigned char) p[1]) &&
				(p == s || p[-1] == ' '))
				return NpFiguresWeigh(s, len, &change) && change;
			p++;
		}
	}
	return false;
}

/* Families of quotation marks: straight and typographic, double and single */
#define QM_DOUBLE	1			/* " */
#define QM_SINGLE	2			/* ' */
#define QM_CURLY2	3			/* U+201C and U+201D */
#define QM_CURLY1	4			/* U+2018 and U+2019 */

/*
 * The quotation mark at s[k] (k < len): return its bytes, or 0 when there
 * is none; *family is its QM_ family and *closing tells a typographic
 * closing mark from an opening one (a straight mark is both).
 */
static size_t
quote_mark_at(const char *s, size_t len, size_t k, int *family, bool *closing)
{
	*closing = false;
	if (s[k] == '"' || s[k] == '\'')
	{
		*family = s[k] == '"' ? QM_DOUBLE : QM_SINGLE;
		return 1;
	}
	if (k + 3 <= len && (unsigned char) s[k] == 0xE2 &&
		(unsigned char) s[k + 1] == 0x80 &&
		(unsigned char) s[k + 2] >= 0x98 && (unsigned char) s[k + 2] <= 0x9D &&
		(unsigned char) s[k + 2] != 0x9A && (unsigned char) s[k + 2] != 0x9B)
	{
		unsigned char c = (unsigned char) s[k + 2];

		*family = c >= 0x9C ? QM_CURLY2 : QM_CURLY1;
		*closing = c == 0x99 || c == 0x9D;
		return 3;
	}
	return 0;
}

/*
 * Is the mark of this family at s[k] an opening one: a typographic opening
 * mark, or a straight mark at a word's start (after a space or a bracket,
 * before a letter, a digit or a space-free word: not an apostrophe)?
 */
static bool
quote_opens_at(const char *s, size_t len, size_t k, int family)
{
	int			f;
	bool		closing;
	size_t		n = quote_mark_at(s, len, k, &f, &closing);

	if (n == 0 || f != family || closing)
		return false;
	if (family == QM_CURLY2 || family == QM_CURLY1)
		return true;
	return (k == 0 || s[k - 1] == ' ' || s[k - 1] == '(') &&
		k + 1 < len && s[k + 1] != ' ';
}

/*
 * Verbs that attribute a quotation ("... ," she said), and those in the
 * present tense, which are never the attribution's first word ("says
 * coach" is a headline's)
 */
static const char *const speech_verbs[] = {
	"said", "told", "added", "asked", "explained", "insisted", "warned",
	"wrote", "replied", "recalled", "declared", "noted", "stated",
	"continued", "admitted", "concluded", "argued", "conceded", "joked",
	"predicted", "tweeted", "shouted", "acknowledged", "cautioned",
	"complained", "commented", "remarked", "announced", "confirmed",
	"pleaded", "vowed", "promised", "agreed", NULL
};
static const char *const speech_verbs_present[] = {
	"says", "tells", "adds", NULL
};

/*
 * Is the word s[i..j) a verb of speech (its letters, in any case), one in
 * the present tense only if present is true?
 */
static bool
is_speech_verb(const char *s, size_t i, size_t j, bool present)
{
	char		key[16];
	const char *const *list;
	size_t		k;

	while (i < j && !A_ALPHA((unsigned char) s[i]))
		i++;
	while (j > i && !A_ALPHA((unsigned char) s[j - 1]))
		j--;
	if (j == i || j - i >= sizeof(key))
		return false;
	for (k = i; k < j; k++)
		key[k - i] = (char) (A_ALPHA((unsigned char) s[k]) ? s[k] | 0x20 : s[k]);
	key[j - i] = '\0';
	for (list = speech_verbs; *list != NULL; list++)
		if (strcmp(key, *list) == 0)
			return true;
	for (list = speech_verbs_present; present && *list != NULL; list++)
		if (strcmp(key, *list) == 0)
			return true;
	return false;
}

/*
 * Is the word s[i..j) a verb in the past tense by its ending: five letters
 * or more in lower case, ending in "ed" ("stressed", "urged", "countered",
 * "emphasised"; not "Ted"), a comma at most after it ("pictured:" opens a
 * caption)?
 */
static bool
past_tense(const char *s, size_t i, size_t j)
{
	size_t		k;

	if (j > i && s[j - 1] == ',')
		j--;					/* "urged," */
	if (j - i < 5 || s[j - 2] != 'e' || s[j - 1] != 'd')
		return false;
	for (k = i; k < j; k++)
		if (!A_LOWER((unsigned char) s[k]))
			return false;
	return true;
}

/*
 * Is s[0..len) the attribution of a quotation: one to six words, one of
 * them a verb of speech ("she said", "said coach Maria Lopez", "Lopez told
 * reporters after the match"), no quotation mark?  After a quotation
 * closed by a comma (comma), whose sentence goes on, any verb in the past
 * tense is one of speech ("she stressed", "the police urged"), unless "by"
 * follows it, a passive's agent ("posted by reader Sam", "reviewed by the
 * Times": page furniture), and so is "according to" ("according to the
 * report").  Without the comma a quotation is a headline's or a teaser's
 * ("\"Bins plan, explained\" updated 3 hours ago").
 */
static bool
is_attribution(const char *s, size_t len, bool comma)
{
	size_t		i = 0;
	int			words = 0;
	bool		verb = false;

	while (i < len)
	{
		size_t		j = NpNextSpace(s, i, len);
		size_t		k;

		NP_CHECK_FOR_INTERRUPTS();
		if (j == i)
		{
			i++;
			continue;
		}
		if (++words > 6)
			return false;
		for (k = i; k < j; k++)
		{
			int			f;
			bool		closing;

			if (quote_mark_at(s, len, k, &f, &closing) > 0 && f != QM_SINGLE)
				return false;
		}
		if (is_speech_verb(s, i, j, words > 1))
			verb = true;
		else if (comma &&
				 ((past_tense(s, i, j) &&
				   !(len - j >= 3 && memcmp(s + j, " by", 3) == 0 &&
					 (len - j == 3 || s[j + 3] == ' '))) ||
				  (j - i == 9 && memcmp(s + i, "according", 9) == 0 &&
				   len - j > 3 && memcmp(s + j, " to ", 4) == 0)))
			verb = true;
		i = j;
	}
	return verb;
}

/*
 * Does unit idx, not the text's first, follow a unit that holds a double
 * quotation mark, straight or typographic?  A paragraph that is all
 * quotation goes on with what a speaker said in the paragraph before; under
 * a paragraph with no quotation it is a pull quote or a reader's comment.
 */
static bool
follows_quotation(const NpDoc *doc, int idx)
{
	const NpUnit *p;
	size_t		k;
	size_t		next_check = 0;

	if (idx == 0 || NpOpensDoc(doc, idx))
		return false;
	p = &doc->units[idx - 1];
	for (k = 0; k < p->len; k++)
	{
		int			f;
		bool		closing;

		NP_CHECK_AT(k, next_check);
		if (quote_mark_at(doc->text + p->off, p->len, k, &f, &closing) > 0 &&
			(f == QM_DOUBLE || f == QM_CURLY2))
			return true;
	}
	return false;
}

/* a paragraph that ends on a quotation is at most this long (80 words) */
#define QUOTE_UNIT_MAX_BYTES 4096

/*
 * Does the unit end a sentence on a quotation that has no full stop, as a
 * story's paragraph may: a quotation closing the unit ("Asked about the
 * future, the captain told reporters: \"We will be back\"", a quotation
 * that runs on into the next paragraph, "... granted earlier today,\"", or
 * a unit that is all quotation), or a quotation opening it followed by its
 * attribution ("\"We will be back,\" she said")?  Before a quotation that
 * closes the unit stand nothing or words of prose that introduce it (two
 * in lower case at least, a verb of speech among them), not a name and a
 * colon ("Coach: \"We will be back\"", a headline).  The quotation holds
 * two words or more.  A unit that is all quotation counts only under one
 * that holds a quotation (follows_quotation: not at the text's top, where
 * it is a headline, nor a pull quote).  s[0..len) is unit idx's text.
 */
static bool
ends_on_quotation(const NpDoc *doc, int idx, const char *s, size_t len)
{
	size_t		a = 0;
	size_t		end = len;
	size_t		k;
	size_t		q;
	size_t		open = len;
	size_t		n;
	int			family;
	int			f;
	bool		closing;
	size_t		next_check = 0;

	if (len > QUOTE_UNIT_MAX_BYTES)
		return false;
	while (end > 0 && s[end - 1] == ' ')
		end--;
	while (a < end && s[a] == ' ')
		a++;
	if (end - a < 6)
		return false;

	/* a quotation that closes the unit */
	q = s[end - 1] == '"' || s[end - 1] == '\'' ? end - 1 : end - 3;
	n = quote_mark_at(s, end, q, &family, &closing);
	if (n > 0 && q + n == end && q > a &&
		(family == QM_DOUBLE || family == QM_SINGLE || closing))
	{
		size_t		p;
		uint32		c = NpUtf8DecodeLast(s, a, q, &p);
		int			ndouble = 0;

		if (!(NpUniIsLetter(c) || NpUniIsDigit(c) || c == ','))
			return false;
		/* its opening mark: the last before it (straight double marks paired) */
		for (k = a; k < q; k++)
		{
			NP_CHECK_AT(k, next_check);
			if (quote_opens_at(s, q, k, family) &&
				(family != QM_DOUBLE || ndouble % 2 == 0))
				open = k;
			ndouble += s[k] == '"';
		}
		if (open == len || memchr(s + open, ' ', q - open) == NULL)
			return false;
		if (open == a)
			return follows_quotation(doc, idx);

		/*
		 * words of prose before it that introduce it: a verb of speech
		 * among them, and a colon, a comma, a sentence's end, such a verb
		 * or "that" right before the mark; not a name and a colon
		 * ("Lottery winner: 'I'll just have a nicer kitchen'", a headline)
		 * nor a title ("channel \"human claw\"")
		 */
		{
			int			lower = 0;
			bool		verb = false;
			size_t		b = open;
			size_t		w;

			for (k = a; k < open; k = w + 1)
			{
				w = NpNextSpace(s, k, open);
				lower += A_LOWER((unsigned char) s[k]);
				verb |= is_speech_verb(s, k, w, true);
			}
			while (b > a && (s[b - 1] == ' ' || s[b - 1] == '('))
				b--;
			if (lower < 2 || !verb || b == a)
				return false;
			if (s[b - 1] == ':' || s[b - 1] == ',' || s[b - 1] == '.')
				return true;
			w = b;
			while (w > a && s[w - 1] != ' ')
				w--;
			return is_speech_verb(s, w, b, true) ||
				(b - w == 4 && memcmp(s + w, "that", 4) == 0);
		}
	}

	/* a quotation that opens the unit, then its attribution */
	n = quote_mark_at(s, end, a, &family, &closing);
	if (n == 0 || !quote_opens_at(s, end, a, family))
		return false;
	q = len;
	for (k = a + n; k < end; k++)
	{
		size_t		m;

		NP_CHECK_AT(k, next_check);
		m = quote_mark_at(s, end, k, &f, &closing);
		if (m == 0 || f != family)
			continue;
		/* a closing mark before a space, not an apostrophe ("don't") */
		if ((family == QM_DOUBLE || family == QM_CURLY2 || closing) &&
			k + m < end && s[k + m] == ' ' && s[k - 1] != ' ')
			q = k;
		k += m - 1;
	}
	if (q == len || memchr(s + a, ' ', q - a) == NULL ||
		!(A_ALPHA((unsigned char) s[q - 1]) || s[q - 1] == ',' ||
		  s[q - 1] == '!' || s[q - 1] == '?' || ((unsigned char) s[q - 1] & 0x80)))
		return false;
	n = quote_mark_at(s, end, q, &f, &closing);
	return is_attribution(s + q + n, end - q - n, s[q - 1] == ',');
}

/*
 * Give one unit its verdict and section-marker kind.
 */
int
NpClassifyUnit(const NpDoc *doc, int idx, bool duplicate, int *mark, bool *byline,
			   unsigned char *hints)
{
	const NpUnit *u = &doc->units[idx];
	const char *s = doc->text + u->off;
	NpUnitFacts	f;
	bool		allcaps;
	bool		quotation;
	bool		heading = (u->flags & NPU_HEADING) != 0;
	double		linkdens = u->len ? (double) u->linkbytes / (double) u->len : 0.0;

	NP_CHECK_FOR_INTERRUPTS();
	*mark = MARK_NONE;
	NpGetUnitFacts(s, u->len, &f);
	*byline = f.byline && f.nwords <= 12;
	/*
	 * In agency copy an all-capital subhead may hold any word ("UP NEXT").
	 * A row of prices with its change ("CAC 40 7,401.12 +0.1", "Dow Jones
	 * 38,104.22 -0.2") is no subhead: a ticker's last row between two
	 * paragraphs was kept as one.
	 */
	*hints = ((f.nwords >= 2 && f.nwords <= NP_SHORT_UNIT_WORDS &&
			   (f.widget == 0 || (doc->wire && f.nupper == f.nletters)) &&
			   !f.ends_colon && !price_change_row(s, u->len)) ? NP_HINT_SUBHEAD : 0) |
		((f.second != 0 && f.nwords <= 30) ? NP_HINT_APPEAL : 0) |
		((f.nwords >= 2 && f.nwords <= 25 &&
		  !(f.ends_term && s[u->len - 1] == '.')) ? NP_HINT_HEADLINE : 0) |
		(f.nondate > f.datetok ? NP_HINT_FIGURES : 0) |
		((f.nwords >= 1 && f.nwords <= NP_TITLED_ROW_WORDS && !f.ends_term) ?
		 NP_HINT_ROW : 0) |
		((f.nwords >= 2 && f.nwords <= NP_TITLED_ROW_WORDS && !f.ends_term) ?
		 NP_HINT_ROW2 : 0);
	allcaps = f.nletters >= 2 && f.nupper == f.nletters;

	/* wire furniture (wire.c), then markup evidence */
	if (u->flags & NPU_FURNITURE)
		return CLS_BAD;
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
	if (f.caption_label ||
		(f.credit_tail && f.nwords <= NP_MID_UNIT_WORDS &&
		 !(doc->wire && NpWireHasDateline(s, u->len))))
		return CLS_CAPTION;
	if (f.teaser_label && !heading)
		return CLS_BAD;
	if (f.label_colon && !f.ends_term && f.nwords <= 20 && !heading &&
		f.nwords - f.label_words >= 3 &&
		!(NpWireIsAlert(s, u->len) && NpOpensDoc(doc, idx)))
		return CLS_ROW;			/* "See also: Some headline", or "Best album: X" */
	if (f.byline && f.nwords <= 12 && !f.ends_term)
		return CLS_BAD;
	if ((f.wirecredit && f.nwords <= 40) || (f.contributed && f.nwords <= 15))
		return CLS_BAD;
	if (f.datestrong > 0 && f.nwords <= NP_SHORT_UNIT_WORDS && f.nondate <= f.nwords / 5)
		return CLS_ROW;		/* a timestamp, or a row of figures */
	/* in agency copy an all-capital line is a subhead ("UP NEXT"), see below */
	if (doc->wire && allcaps && f.nwords <= 4 && !f.ends_term)
		return CLS_SHORT;
	if ((f.arrows > 0 || f.pipes >= 2 || (f.nav_start && !f.ends_term)) && f.nwords <= 30 &&
		!(f.ends_term && f.nwords >= 12 && f.arrows == 0 && f.pipes < 2))
		return CLS_BAD;
	/*
	 * Banner vocabulary: a short unit, one that addresses the reader, or
	 * one dense with banner words.  A story about a paywall or a newsletter
	 * ("... visitors who do not subscribe ... A digital subscription ...")
	 * names two such words in sixty of prose; and agency copy, whose
	 * furniture wire.c has marked, has no banners at all.
	 */
	if ((f.strong > 0 || f.phrase) && f.nwords <= NP_MID_UNIT_WORDS &&
		(f.second > 0 || f.nwords <= NP_SHORT_UNIT_WORDS ||
		 (f.strong + (f.phrase ? 1 : 0) >= 2 && !doc->wire &&
		  (f.strong + (f.phrase ? 1 : 0)) * 10 >= f.nwords)))
		return CLS_BAD;
	if (f.nwords <= 8 && f.widget > 0 && f.widget * 3 >= f.nwords)
		return CLS_BAD;
	/*
	 * An all-capital label; not a row of prices whose name is in capitals
	 * ("FTSE 100 7,512.30 +0.4", "DAX 16,751.64", "WTI 78.20 -0.5"), which
	 * is a row as one in mixed case ("Dow Jones 38,104.22 -0.2") is: a list
	 * of prices lost its rows named by an acronym.  A date in capitals
	 * ("LONDON 1996-08-30") stays a label.
	 */
	if (allcaps && f.nwords <= 4 && !f.ends_term && !NpPriceRow(s, u->len))
		return CLS_ROW;
	if (duplicate && f.nwords <= 20)
		return CLS_BAD;

	/* a sentence that ends on a quotation without a full stop */
	quotation = !f.ends_term && !f.ends_colon && f.nwords >= 3 &&
		f.nwords <= NP_MID_UNIT_WORDS && f.nupper * 2 < f.nletters &&
		ends_on_quotation(doc, idx, s, u->len);
	if ((f.ends_term || f.ends_colon || quotation) && f.nwords >= 10)
		return CLS_GOOD;
	if (f.nwords >= 30 && !(f.nlongwords > 0 && f.nlongcap * 10 >= f.nlongwords * 8))
		return CLS_GOOD;
	if (heading)
		return CLS_HEADING;
	/* short sentences, quoted answers ("No."), list introductions */
	if ((f.ends_term && (f.nwords >= 3 || f.quoted)) || quotation)
		return CLS_NEAR;
	if (f.ends_colon && f.nwords >= 3 && f.nwords - f.ncapwords >= 2)
		return CLS_NEAR;
	return CLS_SHORT;
}
