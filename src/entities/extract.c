/*-------------------------------------------------------------------------
 *
 * extract.c
 *	  Rule-based named-entity extraction for news text.
 *
 * Design
 * ------
 * News names are capitalised, so the extractor is a cascade of rules over
 * runs of capitalised words, in the spirit of the classic gazetteer-and-rules
 * systems of the MUC era (e.g. Mikheev, Moens and Grover, "Named Entity
 * Recognition without Gazetteers", EACL 1999, whose "document-centred"
 * resolution of sentence-initial words is used here).  No model, no
 * training, a few hash lookups per word: it runs at tens of MB/s.
 *
 * 1. Tokenise (UTF-8): words keep internal apostrophes ("O'Brien"), the
 *    possessive "'s" becomes a token of its own, letter-dot abbreviations
 *    ("U.S.", "J.K.") and the abbreviations of abbrev.c ("Mr.", "Inc.")
 *    are single tokens, every other punctuation mark is a token.  Sentence
 *    starts are marked after . ! ? (not after a title's period, nor after
 *    "Inc." unless a sentence opener follows) and blank lines, and after an
 *    opening quote; title-case lines (headlines) are marked too.
 * 2. Collect the article's evidence: which words appear capitalised away
 *    from a sentence start.
 * 3. Walk runs of capitalised words ("Russian Foreign Minister Sergei
 *    Lavrov"; connectors such as "of", "von der", "al-" and hyphens are
 *    allowed inside, "and" when an organisation head follows) and segment
 *    each run, trying in order:
 *      a. a span ending in a head: organisation ("Russian Foreign Ministry",
 *         "Bank of England", "Acme Corp"), place ("Baltic Sea", "Gulf of
 *         Mexico") or event/award ("Booker Prize"); a city and a plural is a
 *         team ("Los Angeles Dodgers");
 *      b. a given name and the capitals after it ("Paul Lynch", even when a
 *         word is also a place: "Jordan Bardella");
 *      c. a title chain ("Foreign Minister", "Secretary of State"): dropped,
 *         and the words after it are a person;
 *      d. the longest gazetteer key (user dictionary first; all-capital
 *         words are also tried in title case: "NEW YORK");
 *      e. otherwise an unknown group, kept for step 4.
 *    A capitalised common word (lexicon) at a sentence or line start, in a
 *    headline or in capitals is taken as lowercase unless the article
 *    capitalises it elsewhere on its own, or a name follows it.
 * 4. Resolve within the article: unknown groups get a kind from evidence on
 *    any of their occurrences (a title before, a locative preposition or
 *    "the city of" before, a place noun after, a place coordinated with
 *    them), else from their shape (acronym: ORG; several uncommon words:
 *    PER; joiners or common words: ORG; one word: ORG).  Then short forms:
 *    a word that is the first or last word of a longer person's name is that
 *    person ("Lavrov" -> "Sergei Lavrov", "Mao" -> "Mao Ning"), the first
 *    word of an organisation is that organisation, an acronym in
 *    parentheses after a name is that name; a generic body ("Foreign
 *    Ministry") takes the longer name the article uses for it or the
 *    nationality of a possessive place before it ("Moscow's Foreign
 *    Ministry" -> "Russian Foreign Ministry").
 *    Before 4, the context layer (context.c) decides the kind of every name
 *    once per article from the words around all its mentions (a results
 *    line makes "Leverkusen" a club, "shares in X" makes X a company), after
 *    marking the article's kind and lines (datelines, all-capital lines,
 *    tables) before 3, and adds the teams of tables as mentions during 3.
 * 5. Group mentions into entities by (kind, canonical name).
 *
 * Cost: O(n) in the input, with a bounded number of hash lookups per token
 * (at most NP_GAZ_MAX_TOKENS where a multi-word key may start).
 *
 * src/entities/extract.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "entities/entities.h"
#include "text/abbrev.h"
#include "text/clean.h"
#include "text/unicode.h"
#include "np_tables.h"

#include "entities/extract_int.h"

/* Longest span, in tokens, that a head can close */
#define NP_HEAD_SPAN_MAX 16


/* ----------------------------------------------------------------
 * Tokens
 * ---------------------------------------------------------------- */

/* What the period after a word means (period_after) */
#define PERIOD_ENDS		0		/* the end of a sentence */
#define PERIOD_ABBR		1		/* part of the word; the sentence goes on */
#define PERIOD_BOTH		2		/* part of the word, and the end of a sentence */

/*
 * Classify the period after the word s[i, j) (s[j] is '.') with the
 * abbreviations of abbrev.c: titles never end a sentence ("Gen."), "No."
 * and the months do not before a number, and "Inc." and the like do only
 * before a sentence opener.  A listed word keeps its period either way.
 */
static int
period_after(const char *s, size_t len, size_t i, size_t j)
{
	int			kind = NpAbbreviation(s + i, j - i);
	size_t		k = j + 1;
	size_t		e;

	if (kind == 0)
		return PERIOD_ENDS;
	if (kind & NP_ABBR_TITLE)
		return PERIOD_ABBR;
	while (k < len && s[k] == ' ')
		k++;
	if (kind & NP_ABBR_NUMBER)
		return (k < len && s[k] >= '0' && s[k] <= '9') ? PERIOD_ABBR : PERIOD_BOTH;
	e = k;
	while (e < len && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z')))
		e++;
	return NpIsSentenceOpener(s + k, e - k) ? PERIOD_BOTH : PERIOD_ABBR;
}

/*
 * Append a token.
 */
static Tok *
add_tok(Extractor *x, size_t start, size_t end, uint16_t flags)
{
	Tok		   *t;

	if (x->ntoks == x->captoks)
	{
		x->captoks = x->captoks ? x->captoks * 2 : 256;
		x->toks = np_realloc(x->toks, sizeof(Tok) * (size_t) x->captoks);
	}
	t = &x->toks[x->ntoks++];
	t->start = (uint32_t) start;
	t->end = (uint32_t) end;
	t->flags = flags;
	t->roles = 0;
	t->ctx = 0;
	t->ent = NULL;
	return t;
}

/*
 * Split the text into tokens and mark sentence starts.
 */
static void
tokenize(Extractor *x)
{
	const char *s = x->text;
	size_t		len = x->len;
	size_t		i = 0;
	bool		pending = true; /* next word starts a sentence */
	bool		space = false;
	bool		nl = false;
	int			newlines = 0;
	int			linestart = 0;	/* first token of the current line */

	while (i < len)
	{
		uint32_t	cp;
		int			n = NpUtf8Decode((const unsigned char *) s + i, len - i, &cp);

		NP_CHECK_FOR_INTERRUPTS();

		if (NpUniIsSpace(cp) || NpUniIsIgnorable(cp))
		{
			if (cp == '\n')
			{
				newlines++;
				nl = true;
				if (newlines >= 2)
					pending = true;
			}
			space = true;
			i += n;
			continue;
		}
		if (NpUniIsLetter(cp) || NpUniIsDigit(cp))
		{
			size_t		j = i;
			uint16_t	flags = TK_WORD;
			int			upper = 0,
						lower = 0;
			bool		poss = false;
			int			period = PERIOD_ENDS;
			Tok		   *t;

			if (NpUniIsDigit(cp))
				flags |= TK_DIGIT;
			else if (NpUniIsUpper(cp))
				flags |= TK_CAP;
			else if (NpUniIsLower(cp))
				flags |= TK_LOWER;
			while (j < len)
			{
				uint32_t	c2;
				int			n2 = NpUtf8Decode((const unsigned char *) s + j, len - j, &c2);

				if (NpUniIsLetter(c2) || NpUniIsDigit(c2))
				{
					if (NpUniIsUpper(c2))
						upper++;
					else if (NpUniIsLetter(c2))
						lower++;
					j += n2;
					continue;
				}
				if (NpUniIsApostrophe(c2) && j + n2 < len)
				{
					uint32_t	c3;
					int			n3 = NpUtf8Decode((const unsigned char *) s + (j + n2), len - (j + n2), &c3);

					if (NpUniIsLetter(c3))
					{
						uint32_t	c4 = ' ';

						if (j + n2 + n3 < len)
							(void) NpUtf8Decode((const unsigned char *) s + (j + n2 + n3), len - (j + n2 + n3), &c4);
						if ((c3 == 's' || c3 == 'S') && !NpUniIsLetter(c4) && !NpUniIsDigit(c4))
						{
							poss = true;
							break;
						}
						j += n2;
						continue;
					}
				}
				break;
			}
			/* letter-dot abbreviations: U.S., U.K., J.K. */
			if (j - i == 1 && (flags & TK_CAP) && j < len && s[j] == '.')
			{
				size_t		k = j;

				while (k + 2 < len && s[k] == '.' && s[k + 1] >= 'A' && s[k + 1] <= 'Z' &&
					   (k + 3 >= len || s[k + 2] == '.'))
					k += 2;
				if (k > j)
				{
					j = k + 1;	/* final dot */
					flags |= TK_INITIALS | TK_ABBR;
					upper = 2;
					lower = 0;
				}
				else
				{
					j++;		/* a middle initial: "John F. Kennedy" */
					flags |= TK_ABBR;
				}
			}
			else if (j < len && s[j] == '.' &&
					 (period = period_after(s, len, i, j)) != PERIOD_ENDS)
			{
				j++;
				flags |= TK_ABBR;
			}
			if (upper >= 1 && lower == 0 && (flags & TK_CAP) && (upper >= 2 || (flags & TK_INITIALS)))
				flags |= TK_ALLCAPS;
			if (space)
				flags |= TK_SPACE;
			if (nl)
				flags |= TK_NL;
			if (nl || x->ntoks == 0)
				linestart = x->ntoks;
			if (pending)
				flags |= TK_SENT;
			t = add_tok(x, i, j, flags);
			(void) t;
			pending = (period == PERIOD_BOTH);
			space = nl = false;
			newlines = 0;
			i = j;
			if (poss)
			{
				uint32_t	ap;
				int			na = NpUtf8Decode((const unsigned char *) s + i, len - i, &ap);

				add_tok(x, i, i + na + 1, TK_POSS);
				i += na + 1;
			}
			continue;
		}
		/* punctuation: one character */
		{
			uint16_t	flags = 0;

			if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
			{
				flags |= TK_ENDER;
				pending = true;
			}
			else if ((cp == '-' || cp == 0x2013 || cp == 0x2014) && space &&
					 i + n < len && (s[i + n] == ' ' || s[i + n] == '\n'))
				pending = true; /* "NEW YORK (Reuters) - Shares rose" */
			else if ((cp == '"' || cp == 0x201C || cp == 0xAB || cp == 0x2018) &&
					 (space || x->ntoks == 0))
			{
				flags |= TK_OPENQ;
				pending = true;
			}
			/*
			 * a speaker's tag opening a line of a transcript: "((Andy)) On
			 * match day", "(PG) Sounds good", "Q: What...", "PG: Sounds..."
			 */
			else if (cp == ')' && !nl && x->ntoks > linestart &&
					 x->ntoks - linestart <= 6 &&
					 x->text[x->toks[linestart].start] == '(')
				pending = true;
			else if (cp == ':' && !nl && x->ntoks > linestart &&
					 x->ntoks - linestart <= 3 &&
					 (x->text[x->toks[linestart].start] == '(' ||
					  (x->ntoks - linestart == 1 &&
					   (x->toks[linestart].flags & (TK_ALLCAPS | TK_CAP)) &&
					   x->toks[linestart].end - x->toks[linestart].start <= 2)))
				pending = true;
			if (space)
				flags |= TK_SPACE;
			if (nl)
				flags |= TK_NL;
			if (nl || x->ntoks == 0)
				linestart = x->ntoks;
			add_tok(x, i, i + n, flags);
			space = nl = false;
			newlines = 0;
			i += n;
		}
	}
}

/*
 * Mark the words of title-case lines ("Trump Floats Controversial Plan to End
 * Ukraine War"): on such lines capitals say nothing.
 */
static void
mark_headlines(Extractor *x)
{
	int			a = 0;

	while (a < x->ntoks)
	{
		int			b = a + 1;
		int			words = 0,
					caps = 0,
					k;
		int			all = 0;
		bool		period;

		NP_CHECK_FOR_INTERRUPTS();
		while (b < x->ntoks && !(x->toks[b].flags & TK_NL))
			b++;
		for (k = a; k < b; k++)
		{
			Tok		   *t = &x->toks[k];

			if (t->flags & TK_WORD)
				all++;
			if ((t->flags & TK_WORD) && t->end - t->start > 3)
			{
				words++;
				if (t->flags & TK_CAP)
					caps++;
			}
		}
		/* headlines are short and end without a full stop */
		period = (x->toks[b - 1].flags & TK_ENDER) && x->text[x->toks[b - 1].start] == '.';
		if (words >= 3 && all <= 30 && !period && caps * 4 >= words * 3)
			for (k = a; k < b; k++)
				x->toks[k].flags |= TK_HEAD;
		a = b;
	}
}

/* ----------------------------------------------------------------
 * Lookups
 * ---------------------------------------------------------------- */

/*
 * Look a key up in the user dictionary, then the built-in gazetteer; merge
 * the roles of both.  Returns the entity entry (or NULL) and sets *roles.
 */
static const NpGazEntry *
lookup(Extractor *x, const char *key, size_t len, uint16_t *roles)
{
	uint16_t	uroles = 0;
	const NpGazEntry *u = x->user ? NpGazTableLookupRoles(x->user, key, len, &uroles) : NULL;
	const NpGazEntry *b = NpGazTableLookup(x->builtin, key, len);

	*roles = uroles | (b ? b->roles : 0);
	if (u && u->kind != NP_KIND_NONE)
		return u;
	if (b && b->kind != NP_KIND_NONE)
		return b;
	return NULL;
}

static bool is_connector(const Extractor *x, int k);

/*
 * Is word a common lowercase word?  British spellings are tried in their
 * American form, which is what the lexicon has ("Organisers").
 */
static bool
is_common_word(const char *w, size_t len)
{
	char		buf[64];
	size_t		i;

	if (NpLexiconContains(w, len))
		return true;
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, w, len);
	for (i = 1; i + 1 < len; i++)
	{
		if (buf[i] == 'i' && buf[i + 1] == 's')
		{
			buf[i + 1] = 'z';
			if (NpLexiconContains(buf, len))
				return true;
			buf[i + 1] = 's';
		}
	}
	for (i = 1; i + 2 < len; i++)
	{
		/* "Neighbours" -> "neighbors" */
		if (buf[i] == 'o' && buf[i + 1] == 'u' && buf[i + 2] == 'r')
		{
			char		b2[64];

			memcpy(b2, buf, i + 1);
			memcpy(b2 + i + 1, buf + i + 2, len - i - 2);
			if (NpLexiconContains(b2, len - 1))
				return true;
		}
	}
	return false;
}

/*
 * Is w a roman numeral of a regnal name (II to XXX)?
 */
static bool
is_roman(const char *w, size_t len)
{
	size_t		i;

	if (len < 2 || len > 5)
		return false;
	for (i = 0; i < len; i++)
		if (w[i] != 'I' && w[i] != 'V' && w[i] != 'X')
			return false;
	return true;
}

/*
 * Is token k a function word ("The", "However") that starts sentences?
 */
static bool
is_function_word(const Extractor *x, int k)
{
	const Tok  *t = &x->toks[k];

	return NpIsSentenceOpener(x->text + t->start, t->end - t->start);
}

/*
 * Does a run of capitals from token k end in an organisation, place or event
 * head before any title word?
 */
static bool
heads_follow(const Extractor *x, int k)
{
	int			n = 0;

	for (; k < x->ntoks && n < 6; k++, n++)
	{
		const Tok  *t = &x->toks[k];

		if (!(t->flags & TK_WORD))
			return false;
		if (!(t->flags & TK_CAP) && !is_connector(x, k))
			return false;
		if ((t->roles & NP_ROLE_TITLE) && !(t->roles & NP_ROLE_ORGHEAD))
			return false;
		if (t->roles & (NP_ROLE_ORGHEAD | NP_ROLE_ORGSUF | NP_ROLE_LOCHEAD | NP_ROLE_MISCHEAD))
			return true;
	}
	return false;
}

/*
 * Was this word seen capitalised away from a sentence start?
 */
static inline bool
seen_midcap(const Extractor *x, const Tok *t)
{
	const Tok  *n = t + 1;

	if (NpStrMapGet(x->midcap, x->text + t->start, t->end - t->start) >= 0)
		return true;
	/* the pair it starts was seen inside a name */
	return n < x->toks + x->ntoks && (n->flags & TK_CAP) &&
		NpStrMapGet(x->midcap, x->text + t->start, n->end - t->start) >= 0;
}

/*
 * Look every word up on its own and collect the evidence bitmap.
 */
static void
annotate(Extractor *x)
{
	int			k;

	x->midcap = NpStrMapCreate();
	for (k = 0; k < x->ntoks; k++)
	{
		Tok		   *t = &x->toks[k];
		uint16_t	roles = 0;

		NP_CHECK_FOR_INTERRUPTS();

		if (!(t->flags & TK_WORD))
			continue;
		t->ent = lookup(x, x->text + t->start, t->end - t->start, &roles);
		t->roles = roles & ~NP_ROLE_MORE;	/* only the matcher needs it */
		/* "BEIJING (Reuters) -": an all-capital word in title case */
		if (t->ent == NULL && (t->flags & TK_ALLCAPS) && !(t->flags & TK_INITIALS) &&
			t->end - t->start >= 3 && t->end - t->start < 40)
		{
			char		buf[40];
			uint16_t	r2 = 0;
			const NpGazEntry *e2;
			size_t		l = t->end - t->start,
						i;

			memcpy(buf, x->text + t->start, l);
			for (i = 1; i < l; i++)
				if (buf[i] >= 'A' && buf[i] <= 'Z')
					buf[i] += 'a' - 'A';
			e2 = lookup(x, buf, l, &r2);
			if (e2 != NULL && !e2->weak)
				t->ent = e2;
			t->roles |= r2 & (NP_ROLE_PREFIX | NP_ROLE_STOP);	/* "SUNDAY" */
		}
	}
	/* the article's kind and lines (context.c) */
	NpCtxScan(x);

	/*
	 * Evidence: a word capitalised away from a sentence start on its own,
	 * not inside a longer name ("Health" in "Ministry of Health" says
	 * nothing about "Health authorities").
	 */
	for (k = 0; k < x->ntoks; k++)
	{
		Tok		   *t = &x->toks[k];
		bool		alone = true;

		NP_CHECK_FOR_INTERRUPTS();

		if (!(t->flags & TK_CAP) || (t->flags & (TK_SENT | TK_HEAD | TK_NL | TK_ALLCAPS)))
			continue;
		if (k > 0 && (x->toks[k - 1].flags & TK_CAP))
			alone = false;
		if (k + 1 < x->ntoks && (x->toks[k + 1].flags & TK_CAP) && !(x->toks[k + 1].flags & TK_SENT))
			alone = false;
		if (k > 1 && (x->toks[k - 2].flags & TK_CAP) && is_connector(x, k - 1))
			alone = false;
		if (alone)
			NpStrMapPut(x->midcap, x->text + t->start, t->end - t->start, 1);
		else if (k + 1 < x->ntoks && (x->toks[k + 1].flags & TK_CAP))
		{
			/* a pair inside a name: "Capital One" vouches for itself */
			NpStrMapPut(x->midcap, x->text + t->start, x->toks[k + 1].end - t->start, 1);
		}
	}

	/*
	 * A capitalised common word where capitals say nothing (sentence or line
	 * start, headline, all-capitals banner) is taken as lowercase, unless the
	 * article capitalises it elsewhere or the gazetteer knows it.
	 */
	for (k = 0; k < x->ntoks; k++)
	{
		Tok		   *t = &x->toks[k];

		NP_CHECK_FOR_INTERRUPTS();

		if (!(t->flags & TK_CAP) || (t->flags & TK_INITIALS))
			continue;
		if (!(t->flags & (TK_SENT | TK_HEAD | TK_NL | TK_ALLCAPS)))
			continue;
		if (is_roman(x->text + t->start, t->end - t->start))
			continue;			/* "Mohammed VI" */
		if (NpCtxKeepCaps(x, k))
			continue;			/* a team, a dateline, a name used elsewhere */
		if ((t->roles & ~NP_ROLE_PREFIX) != 0 || (t->ent != NULL && !t->ent->weak))
			continue;
		if (!is_common_word(x->text + t->start, t->end - t->start))
			continue;
		if (!is_function_word(x, k))
		{
			const Tok  *n = k + 1 < x->ntoks ? &x->toks[k + 1] : NULL;

			if (seen_midcap(x, t) && !(t->flags & TK_ALLCAPS))
				continue;
			/* "International Olympic Committee": a name that ends in a head */
			if (n != NULL && (n->flags & TK_CAP) && heads_follow(x, k + 1))
				continue;
			/* "Hector Daer": a name goes on with an uncommon capital */
			if (n != NULL && (n->flags & TK_WORD) && (n->flags & TK_CAP) &&
				!(n->flags & (TK_SENT | TK_ALLCAPS)) && n->roles == 0 && n->ent == NULL &&
				!is_common_word(x->text + n->start, n->end - n->start))
				continue;
		}
		t->flags &= ~TK_CAP;	/* TK_ALLCAPS stays: "NEW YORK" */
		t->flags |= TK_LOWER;
		t->ent = NULL;
	}
}



/*
 * Is token k a lowercase connector allowed inside a name ("Bank of England",
 * "Ursula von der Leyen")?
 */
static bool
is_connector(const Extractor *x, int k)
{
	static const char *const conn[] = {
		"of", "for", "de", "du", "des", "la", "le", "da", "do", "dos", "das",
		"del", "della", "van", "von", "der", "den", "ter", "al", "el", "bin",
		"ibn", "bint", "y", "&", "the", "on", NULL
	};
	const Tok  *t = &x->toks[k];
	size_t		l = t->end - t->start;
	const char *w = x->text + t->start;
	int			i;

	/* connectors are short and lowercase (or "&") */
	if (l > 4 || (w[0] != '&' && (w[0] < 'a' || w[0] > 'y')))
		return false;
	for (i = 0; conn[i] != NULL; i++)
		if (conn[i][0] == w[0] && strlen(conn[i]) == l && memcmp(conn[i], w, l) == 0)
			return true;
	return false;
}

/*
 * Is the "on" at k inside a body's name: "Committee on Infractions",
 * "Office on Drugs and Crime",
 * "Council on Foreign Relations" (not "the Council on Monday", "the
 * Commission on Brussels' plan")?
 */
static bool
committee_on(const Extractor *x, int k)
{
	const Tok  *n;

	if (k < 1 || k + 1 >= x->ntoks)
		return false;
	if (!(tok_is(x, k - 1, "Committee") || tok_is(x, k - 1, "Commission") ||
		  tok_is(x, k - 1, "Council") || tok_is(x, k - 1, "Conference") ||
		  tok_is(x, k - 1, "Subcommittee") || tok_is(x, k - 1, "Panel") ||
		  tok_is(x, k - 1, "Office")))
		return false;
	n = &x->toks[k + 1];
	return !(n->roles & NP_ROLE_STOP) && !(n->ent != NULL && !n->ent->weak);
}

/*
 * Is token k, after the capitalised word b - 1 of a run starting at a, a
 * possessive inside a name: "'s" or a bare apostrophe after a plural, after a
 * capitalised common word (a title or a plural) that is no name itself and
 * is the run's only word, with an organisation, place or event head in the
 * capitals after it?
 */
static bool is_capword(const Extractor *x, int k);

/* Is token t an apostrophe (ASCII or curly) on its own? */
static bool
apostrophe_token(const Extractor *x, const Tok *t)
{
	uint32_t	c;
	int			n = NpUtf8Decode((const unsigned char *) x->text + t->start,
								 t->end - t->start, &c);

	return n > 0 && (uint32_t) n == t->end - t->start && NpUniIsApostrophe(c);
}

static bool
poss_inside(const Extractor *x, int a, int b, int k)
{
	const Tok  *w = &x->toks[b - 1];
	const Tok  *p = &x->toks[k];

	if (b - 1 != a || k != b || k + 1 >= x->ntoks)
		return false;
	if ((w->flags & TK_ALLCAPS) || (w->ent != NULL && !w->ent->weak) ||
		(w->roles & NP_ROLE_GIVEN) ||
		!is_common_word(x->text + w->start, w->end - w->start))
		return false;
	/*
	 * a title or a plural noun ("President's", "Drivers'", "Women's"), not a
	 * surname that is also a word ("Bush's Heisman Trophy")
	 */
	if (!(w->roles & NP_ROLE_TITLE) && x->text[w->end - 1] != 's' &&
		!tok_is(x, b - 1, "Women") && !tok_is(x, b - 1, "Men") &&
		!tok_is(x, b - 1, "People") && !tok_is(x, b - 1, "Children"))
		return false;
	if (!(p->flags & TK_POSS))
	{
		/* "Drivers'": an apostrophe right after a plural, a space after it */
		if ((p->flags & (TK_WORD | TK_SPACE)) || p->end - p->start > 3 ||
			!apostrophe_token(x, p) ||
			x->text[w->end - 1] != 's' || !(x->toks[k + 1].flags & TK_SPACE))
			return false;
	}
	if (!is_capword(x, k + 1) || (x->toks[k + 1].flags & TK_SENT))
		return false;
	return heads_follow(x, k + 1);
}

/*
 * Can token k be part of a capitalised run?
 */
static bool
is_capword(const Extractor *x, int k)
{
	return k < x->ntoks && (x->toks[k].flags & TK_WORD) &&
		((x->toks[k].flags & TK_CAP) ||
		 ((x->toks[k].flags & TK_DIGIT) && x->toks[k].ent != NULL));
}

/*
 * Are tokens l and r, on both sides of an "and", alike enough to be one
 * name's coordinated words: two places the gazetteer knows, or two common
 * words that are no names, titles or given names?
 */
static bool
and_pair(const Extractor *x, int l, int r)
{
	const Tok  *tl = &x->toks[l];
	const Tok  *tr = &x->toks[r];

	if (tl->ent != NULL && !tl->ent->weak && tl->ent->kind == NP_KIND_LOC)
	{
		/* the place on the right may be longer: "New Jersey" */
		return (tr->ent != NULL && !tr->ent->weak && tr->ent->kind == NP_KIND_LOC) ||
			((tr->roles & NP_ROLE_PREFIX) && tr->ent == NULL);
	}
	if ((tl->roles | tr->roles) & (NP_ROLE_TITLE | NP_ROLE_GIVEN | NP_ROLE_STOP))
		return false;
	if ((tl->ent != NULL && !tl->ent->weak) || (tr->ent != NULL && !tr->ent->weak))
		return false;
	if (r + 1 < x->ntoks && is_capword(x, r + 1))
		return false;			/* a longer name follows: "and Barclays Bank" */
	return (tl->flags & TK_CAP) && (tr->flags & TK_CAP) &&
		!(tl->flags & TK_ALLCAPS) && !(tr->flags & TK_ALLCAPS) &&
		is_common_word(x->text + tl->start, tl->end - tl->start) &&
		is_common_word(x->text + tr->start, tr->end - tr->start);
}

/*
 * Does the "of" at k begin a person's name at m, a given name and a
 * surname ("the McLarens of Lewis Hamilton"), rather than a body's name
 * going on ("Bank of America", "Order of Saint John")?
 */
static bool
of_person(const Extractor *x, int k, int m)
{
	const Tok  *g = &x->toks[m];

	/* a given name may also be a place, and so may a surname: "Hamilton" */
	return tok_is(x, k, "of") && (g->roles & NP_ROLE_GIVEN) && m + 1 < x->ntoks &&
		(x->toks[m + 1].flags & TK_CAP) && (x->toks[m + 1].flags & TK_WORD) &&
		!(x->toks[m + 1].flags & TK_ALLCAPS) &&
		!(x->toks[m + 1].roles & (NP_ROLE_ORGHEAD | NP_ROLE_LOCHEAD | NP_ROLE_MISCHEAD |
								  NP_ROLE_ORGSUF | NP_ROLE_TITLE));
}

/*
 * Return the end (exclusive) of the capitalised run that starts at token a.
 */
static int
run_end(const Extractor *x, int a)
{
	int			b = a + 1;
	bool		headof = false; /* an organisation head and "of" or "on" */

	for (;;)
	{
		int			k = b;

		if (k >= x->ntoks || (x->toks[k].flags & TK_SENT))
			break;				/* a name does not run into the next sentence */
		if (is_capword(x, k))
		{
			b = k + 1;
			continue;
		}
		/* "Tsai Ing-wen", "Moon Jae-in": a lowercase syllable after a hyphen */
		if (!(x->toks[k].flags & (TK_WORD | TK_SPACE)) && x->text[x->toks[k].start] == '-' &&
			k + 1 < x->ntoks && (x->toks[k + 1].flags & TK_WORD) &&
			(x->toks[k + 1].flags & TK_LOWER) && !(x->toks[k + 1].flags & TK_SPACE) &&
			x->toks[b - 1].ent == NULL && x->toks[b - 1].roles == 0 &&
			b - 1 > a && x->toks[k + 1].end - x->toks[k + 1].start <= 4 &&
			(k + 2 >= x->ntoks || x->text[x->toks[k + 2].start] != '-'))
		{
			b = k + 2;
			continue;
		}
		/*
		 * hyphenated capitals: Asia-Pacific, Vice-President; not two
		 * acronyms, which are two names ("the TMX-LSE merger", "EU-US
		 * talks"; a key such as "ITAR-TASS" is still found)
		 */
		if (!(x->toks[k].flags & (TK_WORD | TK_SPACE)) &&
			x->text[x->toks[k].start] == '-' && is_capword(x, k + 1) &&
			!(x->toks[k + 1].flags & TK_SPACE) &&
			!((x->toks[b - 1].flags & (TK_ALLCAPS | TK_INITIALS)) &&
			  (x->toks[k + 1].flags & (TK_ALLCAPS | TK_INITIALS)) &&
			  !(x->toks[k + 1].flags & TK_DIGIT)))
		{
			b = k + 2;
			continue;
		}
		/* "al-Burhan", "bin-Salman" */
		if (is_connector(x, k) && k + 2 < x->ntoks &&
			!(x->toks[k + 1].flags & (TK_WORD | TK_SPACE)) &&
			x->text[x->toks[k + 1].start] == '-' && is_capword(x, k + 2) &&
			!(x->toks[k + 2].flags & TK_SPACE))
		{
			b = k + 3;
			continue;
		}
		/*
		 * a possessive inside a body's or an event's name after a capitalised
		 * common word: "President's Economic Recovery Advisory Board",
		 * "Workers' Party", "Drivers' Championship" (not "Moscow's Foreign
		 * Ministry", "Obama's Justice Department")
		 */
		if (poss_inside(x, a, b, k))
		{
			b = k + 2;
			continue;
		}
		/* "and" inside organisations: "Justice and Development Party" (not teams) */
		if (tok_is(x, k, "and") && is_capword(x, k + 1) && heads_follow(x, k + 1) &&
			!NpCtxIsSport(x) && !(x->toks[k + 1].roles & NP_ROLE_PREFIX) &&
			!(x->toks[k + 1].ent != NULL && !x->toks[k + 1].ent->weak))
		{
			b = k + 2;
			continue;
		}
		/*
		 * "and" between two places or two common words after an
		 * organisation's head and "of": "Port Authority of New York and New
		 * Jersey", "Office on Drugs and Crime", "Ministry of Trade and
		 * Industry" (not "the Bank of England and Barclays")
		 */
		if (headof && tok_is(x, k, "and") && is_capword(x, k + 1) &&
			!(x->toks[k + 1].flags & TK_SENT) && !NpCtxIsSport(x) &&
			and_pair(x, b - 1, k + 1))
		{
			b = k + 2;
			continue;
		}
		/* connectors, possibly two ("von der"), then a capital */
		if (is_connector(x, k))
		{
			int			m = k + 1;

			if ((tok_is(x, k, "of") || tok_is(x, k, "on")) &&
				(x->toks[b - 1].roles & NP_ROLE_ORGHEAD))
				headof = true;
			if (m < x->ntoks && is_connector(x, m))
				m++;
			if (is_capword(x, m) && !(x->toks[m].flags & TK_SENT) &&
				!tok_is(x, k, "the") && (!tok_is(x, k, "on") || committee_on(x, k)) &&
				!of_person(x, k, m))
			{
				/* "of the": only after "of" */
				b = m + 1;
				continue;
			}
			if (tok_is(x, k, "of") && m < x->ntoks && tok_is(x, m, "the") &&
				is_capword(x, m + 1))
			{
				b = m + 2;
				continue;
			}
		}
		break;
	}
	return b;
}

static size_t build_key_case(Extractor *x, int a, int b, bool titlecase);

/*
 * Build the lookup key for tokens [a, b): their text with one space where the
 * input has whitespace.  Returns its length; the key is in x->keybuf.
 */
static size_t
build_key(Extractor *x, int a, int b)
{
	return build_key_case(x, a, b, false);
}

/*
 * build_key, optionally turning all-capital words into title case
 * ("NEW YORK" -> "New York"), for datelines and banners.
 */
static size_t
build_key_case(Extractor *x, int a, int b, bool titlecase)
{
	size_t		need = 0;
	size_t		o = 0;
	int			k;

	for (k = a; k < b; k++)
		need += x->toks[k].end - x->toks[k].start + 1;
	if (need > x->keycap)
	{
		x->keycap = need * 2;
		x->keybuf = np_realloc(x->keybuf, x->keycap);
	}
	for (k = a; k < b; k++)
	{
		const Tok  *t = &x->toks[k];

		if (k > a && (t->flags & TK_SPACE))
			x->keybuf[o++] = ' ';
		memcpy(x->keybuf + o, x->text + t->start, t->end - t->start);
		if (titlecase && (t->flags & TK_ALLCAPS) && !(t->flags & TK_INITIALS))
		{
			uint32_t	i;

			for (i = 1; i < t->end - t->start; i++)
			{
				char		c = x->keybuf[o + i];

				if (c >= 'A' && c <= 'Z')
					x->keybuf[o + i] = c + ('a' - 'A');
			}
		}
		o += t->end - t->start;
	}
	return o;
}

static int	longest_match_case(Extractor *x, int a, int limit,
							   const NpGazEntry **entp, bool titlecase);

/*
 * Find the longest gazetteer entity that starts at token a and ends by token
 * limit (also in title case for all-capital words).  Returns its end
 * (exclusive), or a if none; *entp gets the entry.
 */
static int
longest_match(Extractor *x, int a, int limit, const NpGazEntry **entp)
{
	int			end = longest_match_case(x, a, limit, entp, false);

	/* "NEW YORK (AP) --": try all-capital words in title case */
	if (end == a && (x->toks[a].flags & TK_ALLCAPS) && !(x->toks[a].flags & TK_INITIALS))
		end = longest_match_case(x, a, limit, entp, true);
	return end;
}

/*
 * longest_match, with all-capital words in title case if titlecase.
 */
static int
longest_match_case(Extractor *x, int a, int limit, const NpGazEntry **entp,
				   bool titlecase)
{
	int			best = a;
	const Tok  *t = &x->toks[a];
	int			k;
	int			words = 1;

	*entp = NULL;
	if (titlecase)
	{
		uint16_t	r = 0;
		size_t		l = build_key_case(x, a, a + 1, true);
		const NpGazEntry *e = lookup(x, x->keybuf, l, &r);

		if (e != NULL && !e->weak)
		{
			best = a + 1;
			*entp = e;
		}
		if (!(r & NP_ROLE_PREFIX))
			return best;
	}
	else
	{
		if (t->ent != NULL)
		{
			best = a + 1;
			*entp = t->ent;
		}
		if (!(t->roles & NP_ROLE_PREFIX))
			return best;
	}
	for (k = a + 1; k < limit && k < x->ntoks; k++)
	{
		const Tok  *u = &x->toks[k];
		const NpGazEntry *e;
		uint16_t	roles;
		size_t		l;

		if (u->flags & (TK_ENDER | TK_NL))
		{
			if (!(u->flags & TK_WORD))
				break;
		}
		if (!(u->flags & (TK_WORD | TK_POSS)) && x->text[u->start] != '-' &&
			x->text[u->start] != '&' && x->text[u->start] != '.' &&
			!(x->text[u->start] == '+' && !(u->flags & TK_SPACE)))
			break;
		if (u->flags & TK_WORD)
			words++;
		if (words > x->maxtokens)
			break;

		/*
		 * a key's words are joined by one or two punctuation tokens at most
		 * ("AT&T", "Ben & Jerry's"): without this bound a run of them ("New
		 * -&-&-&...") grew the key one token at a time, in quadratic time
		 */
		if (k - a >= 3 * x->maxtokens)
			break;
		l = build_key_case(x, a, k + 1, titlecase);
		e = lookup(x, x->keybuf, l, &roles);
		if (e != NULL && ((u->flags & TK_WORD) || x->text[u->start] == '+'))
		{
			best = k + 1;
			*entp = e;
		}
		/* no longer key starts with this one */
		if ((u->flags & (TK_WORD | TK_POSS)) && !(roles & NP_ROLE_MORE))
			break;
	}
	return best;
}

/* ----------------------------------------------------------------
 * Candidates
 * ---------------------------------------------------------------- */

/*
 * Record a mention candidate over tokens [a, b).
 */
static Cand *
add_cand(Extractor *x, int a, int b, int kind, const NpGazEntry *e, uint8_t flags)
{
	Cand	   *c;

	if (x->ncands == x->capcands)
	{
		x->capcands = x->capcands ? x->capcands * 2 : 64;
		x->cands = np_realloc(x->cands, sizeof(Cand) * (size_t) x->capcands);
	}
	c = &x->cands[x->ncands++];
	memset(c, 0, sizeof(Cand));
	c->a = a;
	c->b = b;
	c->kind = (uint8_t) kind;
	c->flags = flags;
	if (e != NULL)
	{
		c->canon = e->canon;
		c->canonlen = e->canonlen;
		c->subtype = e->subtype;
		c->subtypelen = e->subtypelen;
		c->link = e->link;
		c->linklen = e->linklen;
		c->flags |= MF_GAZ;
	}
	return c;
}

/*
 * Trim connectors and dashes from both ends of [*a, *b).
 */
static void
trim_range(const Extractor *x, int *a, int *b)
{
	while (*a < *b && !is_capword(x, *a))
		(*a)++;
	while (*b > *a && !is_capword(x, *b - 1) &&
		   !(x->toks[*b - 1].flags & TK_WORD && x->toks[*b - 1].flags & TK_DIGIT) &&
		   !((x->toks[*b - 1].flags & TK_LOWER) && *b - 2 > *a &&
			 x->text[x->toks[*b - 2].start] == '-' && !(x->toks[*b - 1].flags & TK_SPACE) &&
			 !(x->toks[*b - 2].flags & TK_SPACE)))
		(*b)--;
}

/*
 * Is token k followed, within the run, by a title word ("Energy Minister")?
 */
static bool
title_follows(const Extractor *x, int k, int re)
{
	return k + 1 < re && (x->toks[k + 1].flags & TK_WORD) &&
		(x->toks[k + 1].roles & NP_ROLE_TITLE) != 0;
}

/*
 * Is token k a one-character punctuation token c?
 */
static bool
punct_is(const Extractor *x, int k, char c)
{
	return k >= 0 && k < x->ntoks && !(x->toks[k].flags & TK_WORD) &&
		x->toks[k].end - x->toks[k].start == 1 && x->text[x->toks[k].start] == c;
}

/*
 * If token k starts a ticker symbol in brackets, after its exchange
 * ("(TSX:X)", "(NYSE: NYX)", "(TSX:AC.B)") or with an exchange's suffix
 * ("(BHP.AX)"), return the end of the symbol (the closing bracket), else k.
 * The symbol is no name; the exchange before the colon is.
 */
static int
ticker_end(const Extractor *x, int k)
{
	const Tok  *t = &x->toks[k];
	int			e;

	if (!(t->flags & TK_WORD) || t->end - t->start > 6 ||
		!((t->flags & TK_ALLCAPS) || t->end - t->start == 1 ||
		  ((t->flags & TK_CAP) && x->text[t->end - 1] >= '0' && x->text[t->end - 1] <= '9')))
		return k;
	if (punct_is(x, k - 1, ':') && k >= 3 && (x->toks[k - 2].flags & TK_WORD) &&
		punct_is(x, k - 3, '('))
	{
		/* the symbol, possibly with a class or market: "AC.B" */
		for (e = k + 1; e < x->ntoks && e <= k + 3; e++)
		{
			NP_CHECK_FOR_INTERRUPTS();
			if (punct_is(x, e, ')'))
				return e;
			if (x->toks[e].flags & TK_SPACE)
				break;
		}
		return k;
	}
	/* "(BHP.AX)": a market suffix of one to three capitals */
	if (punct_is(x, k - 1, '(') && punct_is(x, k + 1, '.') && k + 3 < x->ntoks &&
		(x->toks[k + 2].flags & TK_ALLCAPS) && !(x->toks[k + 2].flags & TK_SPACE) &&
		x->toks[k + 2].end - x->toks[k + 2].start <= 3 && punct_is(x, k + 3, ')'))
		return k + 3;
	return k;
}

/*
 * Is token k a cardinal number word ("Sixteen", "Twenty")?
 */
static bool
is_number_word(const Extractor *x, int k)
{
	static const char *const nums[] = {
		"Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
		"Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen",
		"Seventeen", "Eighteen", "Nineteen", "Twenty", "Thirty", "Forty",
		"Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundreds",
		"Thousands", "Dozens", NULL
	};

	return tok_in(x, k, nums);
}

/*
 * Is token k one of the newspaper heads that are also surnames or words of
 * people's names ("Sun", "Post", "Star")?
 */
static bool
is_media_head(const Extractor *x, int k)
{
	static const char *const heads[] = {
		"Sun", "Post", "Star", "Times", "Journal", "Mail", "Telegraph", "Herald",
		"Tribune", "Gazette", "Chronicle", "Observer", "Examiner", "Courier",
		"Inquirer", "Sentinel", "Guardian", "Independent", "Mirror", "Express",
		NULL
	};

	return tok_in(x, k, heads);
}

/*
 * Span at a within run [a, re) that ends with a head of the given role:
 * "Russian Foreign Ministry", "Bank of England" (ORGHEAD or ORGSUF), "Baltic
 * Sea", "Gulf of Mexico" (LOCHEAD), "Booker Prize" (MISCHEAD).  Returns its
 * end, or a if there is none.  A head alone is not enough: it needs a word
 * before it or an "of"/"for" phrase after it.
 */
static int
head_span(const Extractor *x, int a, int re, uint16_t headroles)
{
	int			k;
	int			end = a;
	int			words = 0,
				wordsat = 0;
	uint16_t	stoproles = (headroles & NP_ROLE_MISCHEAD) ? 0 : NP_ROLE_STOP;

	/* names are short; bounding the scan keeps long runs linear */
	if (re > a + NP_HEAD_SPAN_MAX)
		re = a + NP_HEAD_SPAN_MAX;
	/*
	 * A place or an event does not run through an organisation's suffix,
	 * but may contain an organisation head: "College World Series", "Auto
	 * Club Speedway", "Parliament Square".
	 */
	if (!(headroles & NP_ROLE_ORGHEAD))
		stoproles |= NP_ROLE_ORGSUF;
	for (k = a; k < re; k++)
	{
		const Tok  *t = &x->toks[k];

		if (!(t->flags & TK_WORD))
			continue;
		/* "Rahul Gandhi of the Congress": "of" joins only after a head */
		if (end == a && (tok_is(x, k, "of") || tok_is(x, k, "for")))
			break;
		if ((t->roles & NP_ROLE_TITLE) && !(t->roles & (headroles | NP_ROLE_TMOD)) &&
			!(k == a && heads_follow(x, k + 1)) &&
			!(k == a && k + 2 < re && (x->toks[k + 1].flags & TK_POSS) &&
			  heads_follow(x, k + 2)))
			break;
		if (t->roles & stoproles)
			break;
		if (!is_connector(x, k))
			words++;
		if (t->roles & headroles)
		{
			/* a modifier of a title is no head: "Energy Minister" */
			if ((t->roles & NP_ROLE_TMOD) && title_follows(x, k, re))
				continue;
			/*
			 * "World" ends a company's name only as the last capital after
			 * a name: "Dubai World", not "World Cup", "Third World", "Arab
			 * World"
			 */
			/* a newspaper: "the Naperville Sun", not "Justin Sun" */
			if (k > a && is_media_head(x, k) &&
				((x->toks[k - 1].roles & NP_ROLE_GIVEN) ||
				 ((tok_is(x, k, "Sun") || tok_is(x, k, "Mail")) &&
				  is_common_word(x->text + x->toks[k - 1].start,
								 x->toks[k - 1].end - x->toks[k - 1].start))))
				continue;
			if (tok_is(x, k, "World") &&
				((k + 1 < re && is_capword(x, k + 1)) || k == a ||
				 is_common_word(x->text + x->toks[k - 1].start,
								x->toks[k - 1].end - x->toks[k - 1].start) ||
				 (x->toks[k - 1].ent != NULL && x->toks[k - 1].ent->kind == NP_KIND_MISC)))
				continue;
			end = k + 1;
			wordsat = words;
		}
	}
	if (end == a)
		return a;
	/*
	 * "Ministry of Foreign Affairs", "Institute for the Study of War",
	 * "Committee on Infractions" (an organisation's head only)
	 */
	if (end < re && (tok_is(x, end, "of") ||
					 (tok_is(x, end, "for") && (headroles & NP_ROLE_ORGHEAD)) ||
					 (tok_is(x, end, "on") && (headroles & NP_ROLE_ORGHEAD) &&
					  (x->toks[end - 1].roles & NP_ROLE_ORGHEAD))))
	{
		for (k = end + 1; k < re; k++)
		{
			const Tok  *t = &x->toks[k];

			if ((t->flags & TK_WORD) && (t->roles & NP_ROLE_TITLE) && !(t->roles & NP_ROLE_TMOD))
				break;
			if ((t->flags & TK_WORD) && (t->roles & NP_ROLE_TMOD) && title_follows(x, k, re))
				break;
		}
		{
			int			aa = end + 1,
						bb = k;

			trim_range(x, &aa, &bb);
			if (bb > aa)
				return bb;
		}
	}
	return wordsat >= 2 ? end : a;
}

/*
 * Title chain at a within run [a, re) ("Foreign Minister", "Secretary of
 * State"): its end, or a if there is none.
 */
static int
title_chain(const Extractor *x, int a, int re)
{
	int			k = a;
	bool		head = false;
	int			end = a;

	if (re > a + NP_HEAD_SPAN_MAX)
		re = a + NP_HEAD_SPAN_MAX;	/* titles are short: stay linear */
	while (k < re)
	{
		const Tok  *t = &x->toks[k];

		if ((t->flags & TK_WORD) && (t->roles & (NP_ROLE_TITLE | NP_ROLE_TMOD)))
		{
			if (t->roles & NP_ROLE_TITLE)
				head = true;
			k++;
			end = k;
			continue;
		}
		if (head && k + 1 < re && (tok_is(x, k, "of") || tok_is(x, k, "the")) &&
			(x->toks[k + 1].roles & (NP_ROLE_TITLE | NP_ROLE_TMOD)))
		{
			k++;
			continue;
		}
		if (!(t->flags & (TK_WORD | TK_SPACE)) && x->text[t->start] == '-' && k + 1 < re)
		{
			k++;
			continue;
		}
		break;
	}
	return head ? end : a;
}

/*
 * Segment the capitalised run [a, re) into candidates.  titlectx says a title
 * precedes the run ("spokesperson Mao Ning").  Returns the token where the
 * caller goes on (past re when a gazetteer key ran past it).
 */
static int
segment_run(Extractor *x, int a, int re, bool titlectx)
{
	int			pos = a;
	int			last = re;

	while (pos < re)
	{
		const Tok  *t = &x->toks[pos];
		const NpGazEntry *e;
		int			gend,
					oend,
					lend,
					mend,
					tend;
		int			hkind;
		int			k2;

		if (!is_capword(x, pos))
		{
			pos++;
			continue;
		}
		/* a currency's country code: "US$100", "A$5", "HK$2" */
		if (pos + 1 < x->ntoks && x->toks[pos + 1].start == t->end &&
			x->text[t->end] == '$' && (t->flags & TK_ALLCAPS) && t->end - t->start <= 3)
		{
			pos++;
			continue;
		}
		/* a ticker in brackets: "(TSX:X)", "(NYSE: NYX)", "(BHP.AX)" */
		if ((k2 = ticker_end(x, pos)) > pos)
		{
			pos = k2;
			continue;
		}
		/* a ship: "RMS Queen Elizabeth 2", "HMS Victory", "USS Cole" */
		if (pos + 1 < re && is_capword(x, pos + 1) &&
			(tok_is(x, pos, "RMS") || tok_is(x, pos, "HMS") || tok_is(x, pos, "USS") ||
			 tok_is(x, pos, "HMAS") || tok_is(x, pos, "HMCS") || tok_is(x, pos, "USNS")))
		{
			int			k = pos + 1;

			while (k < re && (is_capword(x, k) || is_connector(x, k)) &&
				   !(x->toks[k].roles & NP_ROLE_TITLE && k > pos + 1 &&
					 !(x->toks[k].roles & NP_ROLE_TMOD)))
				k++;
			/* "Queen Elizabeth 2": a number ends the name */
			if (k < x->ntoks && (x->toks[k].flags & TK_DIGIT) && (x->toks[k].flags & TK_SPACE) &&
				x->toks[k].end - x->toks[k].start <= 2)
				k++;
			add_cand(x, pos, k, NP_KIND_MISC, NULL, 0);
			pos = k;
			if (k > last)
				last = k;
			continue;
		}
		/* a cardinal opening a sentence is no part of a name: "Sixteen Wheaton fans" */
		if ((t->flags & TK_SENT) && is_number_word(x, pos) &&
			longest_match(x, pos, x->ntoks, &e) <= pos)
		{
			uint16_t	heads = NP_ROLE_ORGHEAD | NP_ROLE_ORGSUF | NP_ROLE_LOCHEAD |
				NP_ROLE_MISCHEAD;
			int			hs = head_span(x, pos, re, heads);

			if (hs == pos || (pos + 1 < re && head_span(x, pos + 1, re, heads) == hs))
			{
				pos++;
				continue;
			}
		}
		oend = head_span(x, pos, re, NP_ROLE_ORGHEAD | NP_ROLE_ORGSUF);
		lend = head_span(x, pos, re, NP_ROLE_LOCHEAD);
		mend = head_span(x, pos, re, NP_ROLE_MISCHEAD);
		tend = title_chain(x, pos, re);
		gend = longest_match(x, pos, x->ntoks, &e);
		hkind = NP_KIND_ORG;
		if (lend > oend)
		{
			oend = lend;
			hkind = NP_KIND_LOC;
		}
		if (mend > oend)
		{
			oend = mend;
			hkind = NP_KIND_MISC;
		}
		/* a nationality before a known organisation: "Iranian Red Crescent" */
		if (e != NULL && gend == pos + 1 && e->kind == NP_KIND_MISC && gend < re)
		{
			const NpGazEntry *e2;
			int			g2 = longest_match(x, gend, re, &e2);

			if (e2 != NULL && e2->kind == NP_KIND_ORG && g2 > oend &&
				!title_follows(x, g2 - 1, re))
			{
				oend = g2;
				hkind = NP_KIND_ORG;
			}
		}
		/* a team: a city and a plural ("Los Angeles Dodgers"; not "Paul Wellens") */
		if (e != NULL && e->kind == NP_KIND_LOC && gend < re && oend == pos &&
			!(t->roles & NP_ROLE_GIVEN) &&
			is_capword(x, gend) && x->toks[gend].roles == 0 &&
			(x->toks[gend].ent == NULL || x->toks[gend].ent->weak) &&
			x->toks[gend].end - x->toks[gend].start > 3 &&
			x->text[x->toks[gend].end - 1] == 's' &&
			!(e->subtypelen == 7 && memcmp(e->subtype, "country", 7) == 0))
		{
			oend = gend + 1;
			hkind = NP_KIND_ORG;
			e = NULL;
			gend = pos;
		}
		/*
		 * an organisation the gazetteer knows before a title: "European
		 * Central Bank President Jean-Claude Trichet", whose words are also
		 * title modifiers
		 */
		if (tend > gend && e != NULL && gend > pos + 1 && oend <= gend &&
			e->kind == NP_KIND_ORG && !e->weak && title_chain(x, gend, re) == tend)
		{
			add_cand(x, pos, gend, e->kind, e, 0);
			pos = gend;
			continue;
		}
		/* a given name and more capitals: "Paul Lynch", "Jordan Bardella" */
		if ((t->roles & NP_ROLE_GIVEN) && oend == pos && pos + 1 < re)
		{
			int			k = pos + 1;
			int			end = pos + 1;
			int			n = 0;

			while (k < re && n < 4)
			{
				const Tok  *u = &x->toks[k];

				if (!(u->flags & (TK_WORD | TK_SPACE)) && x->text[u->start] == '-' &&
					k + 1 < re && is_capword(x, k + 1) && !(x->toks[k + 1].flags & TK_SPACE))
				{
					k++;		/* "Sam Bankman-Fried" */
					continue;
				}
				if (!(u->flags & TK_WORD))
					break;
				if (is_connector(x, k))
				{
					if (tok_is(x, k, "of") || tok_is(x, k, "for") || tok_is(x, k, "the") ||
						tok_is(x, k, "on") || tok_is(x, k, "&"))
						break;
					k++;
					continue;
				}
				/* a title word can end a name: "Stephanie Pope" */
				if (is_capword(x, k) && (u->roles & NP_ROLE_TITLE) && k + 1 >= re &&
					!(u->roles & (NP_ROLE_ORGHEAD | NP_ROLE_LOCHEAD)))
				{
					k++;
					n++;
					end = k;
					break;
				}
				if (!is_capword(x, k) ||
					(u->roles & (NP_ROLE_TITLE | NP_ROLE_ORGHEAD | NP_ROLE_ORGSUF |
								 NP_ROLE_LOCHEAD | NP_ROLE_MISCHEAD | NP_ROLE_STOP)) ||
					(u->ent != NULL && u->ent->kind != NP_KIND_PER && u->ent->kind != NP_KIND_LOC) ||
					(u->ent != NULL && u->ent->kind == NP_KIND_LOC && u->ent->subtypelen == 7 &&
					 memcmp(u->ent->subtype, "country", 7) == 0 &&
					 k + 1 < re && is_capword(x, k + 1)))
					break;		/* "Michael Jordan" ends in a country's name */
				k++;
				n++;
				end = k;
			}
			if (end > pos + 1 && !(gend > end && e != NULL))
			{
				const NpGazEntry *pe = NULL;
				int			pend = longest_match(x, pos, end, &pe);

				add_cand(x, pos, end, NP_KIND_PER,
						 (pend == end && pe && pe->kind == NP_KIND_PER) ? pe : NULL, 0);
				pos = end;
				continue;
			}
		}
		/* a place-like word in a person's name: "Jordan Bardella" */
		if (e != NULL && gend == pos + 1 && e->kind == NP_KIND_LOC && pos + 1 < re &&
			is_capword(x, pos + 1) && x->toks[pos + 1].ent == NULL &&
			x->toks[pos + 1].roles == 0 &&
			!is_common_word(x->text + x->toks[pos + 1].start,
							x->toks[pos + 1].end - x->toks[pos + 1].start) &&
			oend == pos && tend == pos)
		{
			e = NULL;
			gend = pos;
		}

		/* a sentence-initial common role word that starts nothing is no name */
		if ((t->flags & (TK_SENT | TK_HEAD)) && oend == pos && tend == pos &&
			((t->roles & ~NP_ROLE_PREFIX) != 0 || (e != NULL && e->weak)) &&
			(e == NULL || (e->weak && gend == pos + 1)) &&
			is_common_word(x->text + t->start, t->end - t->start) &&
			!seen_midcap(x, t))
		{
			pos++;
			continue;
		}
		/* a weak gazetteer word inside a longer name: "Capital One" */
		if (e != NULL && e->weak && gend == pos + 1 && pos + 1 < re &&
			is_capword(x, pos + 1) && x->toks[pos + 1].ent == NULL &&
			x->toks[pos + 1].roles == 0)
			e = NULL, gend = pos;
		/* a weak gazetteer word ("Reading") needs support away from starts */
		if (e != NULL && e->weak && gend == pos + 1 && (t->flags & (TK_SENT | TK_HEAD)))
			e = NULL, gend = pos;

		if (oend > pos && oend >= gend)
		{
			bool		generic = true;
			int			k;

			for (k = pos; k < oend; k++)
				if ((x->toks[k].flags & TK_WORD) && !is_connector(x, k) &&
					!(x->toks[k].roles & (NP_ROLE_TMOD | NP_ROLE_ORGHEAD)))
					generic = false;
			if (gend == oend && e != NULL)
				add_cand(x, pos, oend, e->kind, e, 0);
			else
				add_cand(x, pos, oend, hkind,
						 NULL, generic && hkind == NP_KIND_ORG ? MF_GENERIC : 0);
			pos = oend;
			continue;
		}
		if (tend > pos && !(gend > tend))
		{
			int			k = tend;
			int			nend;

			/* the name after the title runs to the next title or the end */
			while (k < re && !is_capword(x, k))
				k++;
			nend = k;
			while (nend < re && !((x->toks[nend].flags & TK_WORD) &&
								  (x->toks[nend].roles & (NP_ROLE_TITLE | NP_ROLE_ORGHEAD)) &&
								  !(x->toks[nend].ent && x->toks[nend].ent->kind == NP_KIND_PER)))
			{
				/* "Senator Elizabeth Warren of Massachusetts" */
				if (nend > k && (tok_is(x, nend, "of") || tok_is(x, nend, "for") ||
								 tok_is(x, nend, "the") || tok_is(x, nend, "on") ||
								 tok_is(x, nend, "&")))
					break;
				nend++;
			}
			if (k < re && tok_is(x, tend, "of"))
			{
				/* "Mayor of London": the place is segmented on its own */
				pos = tend;
				continue;
			}
			{
				int			aa = k,
							bb = nend;

				trim_range(x, &aa, &bb);
				if (bb > aa)
				{
					const NpGazEntry *pe = NULL;
					int			pend = longest_match(x, aa, bb, &pe);

					if (pend == bb && pe && pe->kind == NP_KIND_PER)
						add_cand(x, aa, bb, NP_KIND_PER, pe, MF_TITLECTX);
					else
						add_cand(x, aa, bb, NP_KIND_PER, NULL, MF_TITLECTX);
				}
				pos = nend > tend ? nend : tend;
			}
			continue;
		}
		if (gend > pos && e != NULL)
		{
			add_cand(x, pos, gend, e->kind, e, titlectx && e->kind == NP_KIND_PER ? MF_TITLECTX : 0);
			pos = gend;
			if (gend > last)
				last = gend;	/* a key may run past the capitals */
			continue;
		}
		if (t->roles & NP_ROLE_STOP)
		{
			pos++;
			continue;
		}
		/*
		 * a storm: "Typhoon Megi", "Hurricane Katrina", "Tropical Storm
		 * Agatha" (its name may be a given name)
		 */
		{
			int			sn = pos + 1;	/* the storm's name */

			if (tok_is(x, pos, "Tropical") && sn < re && tok_is(x, sn, "Storm"))
				sn++;
			else if (!(tok_is(x, pos, "Typhoon") || tok_is(x, pos, "Hurricane") ||
					   tok_is(x, pos, "Cyclone")))
				sn = re;
			if (sn < re && is_capword(x, sn) &&
				(x->toks[sn].roles & ~NP_ROLE_GIVEN) == 0 &&
				(x->toks[sn].ent == NULL || x->toks[sn].ent->kind == NP_KIND_PER) &&
				(sn + 1 >= re || !is_capword(x, sn + 1)))
			{
				add_cand(x, pos, sn + 1, NP_KIND_MISC, NULL, 0);
				pos = sn + 1;
				continue;
			}
		}
		/* "Port Rashid", "Mount Sinjar", "Fort Hood": a place prefix and a name */
		if (pos + 1 < re && is_capword(x, pos + 1) && x->toks[pos + 1].roles == 0 &&
			(tok_is(x, pos, "Port") || tok_is(x, pos, "Mount") || tok_is(x, pos, "Fort") ||
			 tok_is(x, pos, "Lake")) &&
			(x->toks[pos + 1].ent == NULL || x->toks[pos + 1].ent->kind == NP_KIND_LOC) &&
			(pos + 2 >= re || !is_capword(x, pos + 2)))
		{
			add_cand(x, pos, pos + 2, NP_KIND_LOC, NULL, 0);
			pos += 2;
			continue;
		}
		/* an unknown group: up to the next known word */
		{
			int			k = pos + 1;
			int			aa = pos,
						bb;
			int			kind = KIND_UNKNOWN;

			while (k < re)
			{
				const Tok  *u = &x->toks[k];

				/*
				 * "Liam Miller of Hibernian": a name, then where he is from;
				 * "Nico Rosberg for Mercedes": for whom he plays
				 */
				if ((tok_is(x, k, "of") || tok_is(x, k, "for")) && k - pos >= 2)
					break;
				if ((u->flags & TK_WORD) &&
					((u->roles & (NP_ROLE_TITLE | NP_ROLE_STOP)) ||
					 ((u->roles & NP_ROLE_TMOD) && title_chain(x, k, re) > k)))
					break;
				if ((u->flags & TK_WORD) && u->ent != NULL && !u->ent->weak &&
					u->ent->kind != NP_KIND_PER)
				{
					/* "Jorge Medina": a place-like last word of a name */
					bool		last = k + 1 >= re || !is_capword(x, k + 1);

					if (!(last && u->ent->kind == NP_KIND_LOC &&
						  !(u->ent->subtypelen == 7 && memcmp(u->ent->subtype, "country", 7) == 0)))
						break;
				}
				k++;
			}
			bb = k;
			trim_range(x, &aa, &bb);
			if (bb <= aa)
			{
				pos++;
				continue;
			}
			/*
			 * a lone generic head is a reference, not a name: "being in
			 * Government", "the Ministry said" (newspapers aside: "the
			 * Sun"; and clubs: "University", "Racing" in sport)
			 */
			if (bb - aa == 1 && (x->toks[aa].roles & NP_ROLE_ORGHEAD) && !NpCtxIsSport(x) &&
				x->toks[aa].ent == NULL && !is_media_head(x, aa) &&
				is_common_word(x->text + x->toks[aa].start,
							   x->toks[aa].end - x->toks[aa].start))
			{
				pos = bb;
				continue;
			}
			if (x->toks[bb - 1].roles & NP_ROLE_LOCHEAD && bb - aa > 1)
				kind = NP_KIND_LOC;
			add_cand(x, aa, bb, kind, NULL, titlectx ? MF_TITLECTX : 0);
			pos = bb;
		}
	}
	return last;
}

/*
 * Walk the tokens and segment every capitalised run.
 */
static void
find_candidates(Extractor *x)
{
	int			k = 0;

	while (k < x->ntoks)
	{
		const Tok  *t = &x->toks[k];
		int			re;
		bool		titlectx;

		NP_CHECK_FOR_INTERRUPTS();

		if (!(t->flags & TK_WORD))
		{
			k++;
			continue;
		}
		/* teams of results lines, agencies of datelines (context.c) */
		if (t->ctx != 0 || (t->flags & (TK_CAP | TK_ALLCAPS)))
		{
			re = NpCtxCandidates(x, k);
			if (re > k)
			{
				k = re;
				continue;
			}
		}
		if (!is_capword(x, k))
		{
			/* lowercase-initial keys such as "iPhone", "al-Qaeda" */
			if (t->ent != NULL && (t->flags & TK_LOWER) && t->ent->kind != NP_KIND_NONE &&
				t->ent->canonlen > 0 && t->ent->canon[0] >= 'A' && t->ent->canon[0] <= 'Z' &&
				t->ent->canonlen == t->end - t->start &&
				memcmp(t->ent->canon, x->text + t->start, t->ent->canonlen) != 0)
			{
				/* lowercase alias of a capitalised name ("bitcoin") */
			}
			else if ((t->roles & NP_ROLE_PREFIX) || t->ent != NULL)
			{
				const NpGazEntry *e;
				int			gend = longest_match(x, k, x->ntoks, &e);

				/*
				 * "The" opening a sentence is the article, not part of a
				 * name the gazetteer also knows without it: "The
				 * Netherlands were forced"
				 */
				if (e != NULL && gend > k + 1 && (t->flags & TK_SENT) && tok_is(x, k, "The"))
				{
					const NpGazEntry *e2;

					if (longest_match(x, k + 1, x->ntoks, &e2) == gend && e2 != NULL &&
						e2->kind == e->kind)
						e = NULL;
				}
				if (e != NULL && gend > k && e->canonlen > 0)
				{
					bool		hascap = false;
					uint32_t	i;

					for (i = t->start; i < x->toks[gend - 1].end; i++)
						if (x->text[i] >= 'A' && x->text[i] <= 'Z')
							hascap = true;
					if (hascap)
					{
						add_cand(x, k, gend, e->kind, e, 0);
						k = gend;
						continue;
					}
				}
			}
			/*
			 * a product named in Apple's way that the gazetteer does not
			 * know: "iPod", "iTunes", "iPads" ("iPhone" is a key)
			 */
			else if ((t->flags & TK_WORD) && t->end - t->start >= 4 &&
					 x->text[t->start] == 'i' &&
					 x->text[t->start + 1] >= 'A' && x->text[t->start + 1] <= 'Z' &&
					 x->text[t->start + 2] >= 'a' && x->text[t->start + 2] <= 'z')
			{
				int			pe = k + 1;

				/* its model: "iPod Touch", "iPad 2" */
				if (pe < x->ntoks && is_capword(x, pe) && !(x->toks[pe].flags & TK_SENT) &&
					x->toks[pe].ent == NULL && x->toks[pe].roles == 0)
					pe++;
				if (pe < x->ntoks && (x->toks[pe].flags & TK_DIGIT) &&
					(x->toks[pe].flags & TK_WORD) && x->toks[pe].end - x->toks[pe].start <= 2)
					pe++;
				add_cand(x, k, pe, NP_KIND_MISC, NULL, 0);
				k = pe;
				continue;
			}
			k++;
			continue;
		}
		/*
		 * "The" inside a sentence before a name is the article, outside the
		 * name ("quoted by The Independent", "The Valley News later..."),
		 * unless the gazetteer's name has it ("The Hague")
		 */
		if (tok_is(x, k, "The") && !(t->flags & (TK_SENT | TK_NL | TK_HEAD | TK_ALLCAPS)) &&
			k + 1 < x->ntoks && is_capword(x, k + 1))
		{
			const NpGazEntry *e;
			int			gend = longest_match(x, k, x->ntoks, &e);

			if (!(e != NULL && gend > k + 1))
			{
				k++;
				continue;
			}
		}
		re = run_end(x, k);
		titlectx = false;
		if (k > 0)
		{
			int			p = k - 1;

			if ((x->toks[p].flags & TK_WORD) && (x->toks[p].roles & NP_ROLE_TITLE) &&
				(x->toks[p].flags & TK_LOWER))
				titlectx = true;
		}
		k = segment_run(x, k, re, titlectx);
	}
}

/* ----------------------------------------------------------------
 * Resolution
 * ---------------------------------------------------------------- */

/*
 * Text of token k.
 */
static inline const char *
tok_text(const Extractor *x, int k, size_t *len)
{
	*len = x->toks[k].end - x->toks[k].start;
	return x->text + x->toks[k].start;
}

/*
 * Count the word tokens of a candidate, connectors aside.
 */
static int
cand_words(const Extractor *x, const Cand *c)
{
	int			n = 0,
				k;

	for (k = c->a; k < c->b; k++)
		if ((x->toks[k].flags & TK_WORD) && !is_connector(x, k))
			n++;
	return n;
}

/*
 * Is token k a generational suffix of a name ("Jr.", "Sr.", "III")?
 */
bool
NpExIsGeneration(const Extractor *x, int k)
{
	return tok_is(x, k, "Jr.") || tok_is(x, k, "Sr.") || tok_is(x, k, "Jr") ||
		tok_is(x, k, "Sr") || tok_is(x, k, "II") || tok_is(x, k, "III") ||
		tok_is(x, k, "IV");
}

/*
 * Is the lowercase word before token a a locative preposition?
 */
static bool
after_locative(const Extractor *x, int a)
{
	static const char *const preps[] = {
		"in", "at", "near", "from", "outside", "across", "into", "towards",
		"toward", "around", "throughout", "via", "between", "inside", NULL
	};
	static const char *const places[] = {
		"city", "town", "village", "province", "region", "state", "capital",
		"island", "port", "district", "county", "suburb", "area", "islands",
		"neighbourhood", "neighborhood", "municipality", "oblast", "settlement",
		"prefecture", "territory", "republic", NULL
	};
	int			p = a - 1;

	if (p < 0 || !(x->toks[p].flags & TK_WORD))
		return false;
	/* "the city of X", "the town of X" */
	if (tok_is(x, p, "of") && p >= 1)
	{
		if (tok_in(x, p - 1, places))
			return true;
	}
	/* "in the Atlantic", "on the Seine" */
	if (tok_is(x, p, "the") && p >= 1)
	{
		if (tok_is(x, p - 1, "on"))
			return true;
		p--;
	}
	return tok_in(x, p, preps);
}

/*
 * Is candidate c an acronym after a preposition that people and
 * organisations follow as often as places ("at USC", "from NAR")?  Such an
 * acronym is no place on that evidence.
 */
static bool
acronym_after_weak(const Extractor *x, const Cand *c)
{
	int			p = c->a - 1;

	if (c->b - c->a != 1 || !(x->toks[c->a].flags & TK_ALLCAPS))
		return false;
	if (p >= 1 && tok_is(x, p, "the"))
		p--;
	return p >= 0 && (tok_is(x, p, "at") || tok_is(x, p, "from") ||
					  tok_is(x, p, "between") || tok_is(x, p, "towards") ||
					  tok_is(x, p, "toward"));
}

/*
 * Does candidate c contain a joining word ("of", "for", "&") that person
 * names do not have?
 */
static bool
has_joiner(const Extractor *x, const Cand *c)
{
	int			k;

	for (k = c->a; k < c->b; k++)
		if (tok_is(x, k, "of") || tok_is(x, k, "for") || tok_is(x, k, "&") ||
			tok_is(x, k, "the") || tok_is(x, k, "on"))
			return true;
	return false;
}

/*
 * Does candidate c have whitespace inside (more than one hyphenated word)?
 */
static bool
has_space(const Extractor *x, const Cand *c)
{
	int			k;

	for (k = c->a + 1; k < c->b; k++)
		if (x->toks[k].flags & TK_SPACE)
			return true;
	return false;
}

/*
 * Is the word after the candidate a lowercase place noun ("the Guaiba
 * river", "Kherson region")?
 */
static bool
before_place_noun(const Extractor *x, int b)
{
	static const char *const nouns[] = {
		"river", "province", "region", "state", "county", "valley", "mountains",
		"island", "islands", "peninsula", "oblast", "district", "lake", "sea",
		"desert", "coast", "bay", "strait", "prefecture", "governorate",
		"municipality", "village", "town", "city", NULL
	};
	int			i;

	if (b >= x->ntoks || !(x->toks[b].flags & TK_WORD) || !(x->toks[b].flags & TK_LOWER))
		return false;
	for (i = 0; nouns[i] != NULL; i++)
		if (nouns[i][0] == x->text[x->toks[b].start] && tok_is(x, b, nouns[i]))
			return true;
	return false;
}


/*
 * Kind of candidate p, or the kind its text has been given so far.
 */
static int
prev_kind(const Extractor *x, NpStrMap *kinds, const Cand *p)
{
	const char *w;
	size_t		l;

	if (p->kind != KIND_UNKNOWN)
		return p->kind;
	w = cand_text(x, p, &l);
	return NpStrMapGet(kinds, w, l);
}


/*
 * Resolve unknown kinds and canonical names within the article.
 */
static void
resolve(Extractor *x)
{
	int			i;
	NpStrMap   *people,
			   *orgs,
			   *acronyms,
			   *kinds;
	char	   *inibuf;

	/* 0. one kind per name from the article's context (context.c) */
	NpCtxDecide(x);

	/*
	 * 1. unknown groups by context.  Evidence (a title before, a locative
	 * preposition before) from any occurrence decides for all occurrences of
	 * the same text; otherwise the shape decides.
	 */
	kinds = NpStrMapCreate();
	for (i = 0; i < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];
		const char *w;
		size_t		l;

		NP_CHECK_FOR_INTERRUPTS();

		w = cand_text(x, c, &l);
		if (c->kind != KIND_UNKNOWN)
			NpStrMapPut(kinds, w, l, c->kind);
		else if (c->flags & MF_TITLECTX)
			NpStrMapPut(kinds, w, l, NP_KIND_PER);
		else if ((after_locative(x, c->a) && !acronym_after_weak(x, c)) ||
				 before_place_noun(x, c->b))
			NpStrMapPut(kinds, w, l, NP_KIND_LOC);
		else if (i > 0 && c->a == x->cands[i - 1].b + 1 &&
				 prev_kind(x, kinds, &x->cands[i - 1]) == NP_KIND_LOC &&
				 (tok_is(x, c->a - 1, "and") || tok_is(x, c->a - 1, "or") ||
				  tok_is(x, c->a - 1, ",")))
			NpStrMapPut(kinds, w, l, NP_KIND_LOC); /* "Dusseldorf and Lodz" */
	}
	for (i = 0; i < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];
		int			kind;
		int			words;
		const char *w;
		size_t		l;

		NP_CHECK_FOR_INTERRUPTS();

		if (c->kind != KIND_UNKNOWN)
			continue;
		w = cand_text(x, c, &l);
		kind = NpStrMapGet(kinds, w, l);
		if (kind < 0)
		{
			words = cand_words(x, c);
			if (words >= 2)
			{
				bool		digits = false;
				bool		allcommon = true;
				int			k;

				for (k = c->a; k < c->b; k++)
				{
					const Tok  *t = &x->toks[k];

					if (!(t->flags & TK_WORD) || is_connector(x, k))
						continue;
					if (t->flags & (TK_DIGIT | TK_ALLCAPS))
						digits = true;
					if (!is_common_word(x->text + t->start, t->end - t->start))
						allcommon = false;
				}
				if (digits)
					kind = NP_KIND_MISC;
				else if (allcommon || has_joiner(x, c) || !has_space(x, c))
					kind = NP_KIND_ORG; /* "Capital One", "Hapag-Lloyd" */
				else
					kind = NP_KIND_PER;
			}
			else if (c->b - c->a == 1 && (x->toks[c->a].roles & NP_ROLE_GIVEN) &&
					 !(x->toks[c->a].flags & TK_ALLCAPS))
				kind = NP_KIND_PER; /* a known given name alone: "Zoe, 14," */
			else
				kind = NP_KIND_ORG;
			NpStrMapPut(kinds, w, l, kind);
		}
		c->kind = (uint8_t) kind;
	}
	NpStrMapFree(kinds);

	/* 2. short forms of people: "Lavrov" -> "Sergei Lavrov" */
	people = NpStrMapCreate();
	for (i = 0; i < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];
		const char *w;
		size_t		l;
		size_t		p;

		NP_CHECK_FOR_INTERRUPTS();
		if (c->kind != NP_KIND_PER || !has_space(x, c))
			continue;
		/* first and last space-separated words: "Sam Bankman-Fried" */
		w = cand_text(x, c, &l);
		for (p = l; p > 0 && !(w[p - 1] == ' ' || w[p - 1] == '\n' || w[p - 1] == '\t'); p--)
			;
		/* the surname before "Jr." or "Sr.": "Jack Diesing Sr." -> "Diesing" */
		if (c->b - c->a >= 3 && NpExIsGeneration(x, c->b - 1))
		{
			int			k = c->b - 2;

			if (x->text[x->toks[k].start] == ',')
				k--;
			if (k > c->a && (x->toks[k].flags & TK_WORD))
			{
				size_t		len;
				const char *sw = tok_text(x, k, &len);

				NpStrMapPut(people, sw, len, i);
			}
		}
		else
			NpStrMapPut(people, w + p, l - p, i);
		for (p = 0; p < l && !(w[p] == ' ' || w[p] == '\n' || w[p] == '\t'); p++)
			;
		NpStrMapPut(people, w, p, i);
	}
	/* organisations by their first word: "Zorblatt" -> "Zorblatt Industries" */
	orgs = NpStrMapCreate();
	for (i = 0; i < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];
		const char *w;
		size_t		l;

		NP_CHECK_FOR_INTERRUPTS();

		if (c->kind != NP_KIND_ORG || cand_words(x, c) < 2 || (c->flags & MF_GENERIC) ||
			x->toks[c->a].ent != NULL || x->toks[c->a].roles != 0 ||
			!(x->toks[c->a].flags & TK_CAP))
			continue;
		w = tok_text(x, c->a, &l);
		NpStrMapPut(orgs, w, l, i);
	}
	for (i = 0; i < x->ncands && NpStrMapCount(orgs) > 0; i++)
	{
		Cand	   *c = &x->cands[i];
		const char *w;
		size_t		l;
		int			j;

		NP_CHECK_FOR_INTERRUPTS();

		if (c->b - c->a != 1 || (c->flags & MF_GAZ) || c->kind == NP_KIND_PER)
			continue;
		w = tok_text(x, c->a, &l);
		j = NpStrMapGet(orgs, w, l);
		if (j >= 0 && j != i)
			link_to(c, &x->cands[j], NP_KIND_ORG);
	}
	NpStrMapFree(orgs);

	for (i = 0; i < x->ncands && NpStrMapCount(people) > 0; i++)
	{
		Cand	   *c = &x->cands[i];
		const char *w;
		size_t		l;
		int			j;

		NP_CHECK_FOR_INTERRUPTS();

		if (has_space(x, c) || c->kind == NP_KIND_MISC ||
			(c->kind == NP_KIND_ORG && (c->flags & MF_GAZ)) ||
			(c->kind == NP_KIND_LOC && c->subtypelen == 7 && memcmp(c->subtype, "country", 7) == 0))
			continue;
		w = cand_text(x, c, &l);
		j = NpStrMapGet(people, w, l);
		if (j >= 0 && j != i)
			link_to(c, &x->cands[j], NP_KIND_PER);
	}
	NpStrMapFree(people);

	/* 3. acronyms in parentheses: "Islamic Revolutionary Guard Corps (IRGC)" */
	acronyms = NpStrMapCreate();
	for (i = 0; i + 1 < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];
		Cand	   *d = &x->cands[i + 1];

		NP_CHECK_FOR_INTERRUPTS();

		if (cand_words(x, c) >= 2 && d->b - d->a == 1 && (x->toks[d->a].flags & TK_ALLCAPS) &&
			!(d->flags & MF_GAZ) &&	/* "Andre Agassi (U.S.)" */
			(d->a == c->b + 1 ||	/* "RMS Queen Elizabeth 2 (the QE2)" */
			 (d->a == c->b + 2 && tok_is(x, c->b + 1, "the"))) &&
			d->b < x->ntoks &&
			x->text[x->toks[c->b].start] == '(' && x->text[x->toks[d->b].start] == ')' &&
			c->linklen != (size_t) -1)
		{
			const char *w;
			size_t		l;

			if (c->kind == KIND_UNKNOWN)
				c->kind = NP_KIND_ORG;
			w = tok_text(x, d->a, &l);
			NpStrMapPut(acronyms, w, l, i);
		}
	}
	for (i = 0; i < x->ncands && NpStrMapCount(acronyms) > 0; i++)
	{
		Cand	   *c = &x->cands[i];
		const char *w;
		size_t		l;
		int			j;

		NP_CHECK_FOR_INTERRUPTS();

		if (c->b - c->a != 1 || !(x->toks[c->a].flags & TK_ALLCAPS))
			continue;
		w = tok_text(x, c->a, &l);
		j = NpStrMapGet(acronyms, w, l);
		if (j >= 0 && j < i)
			link_to(c, &x->cands[j], x->cands[j].kind);
	}
	NpStrMapFree(acronyms);

	/*
	 * 4. acronyms of a longer name the article uses, without parentheses:
	 * "College World Series" ... "the CWS".  Three to six capitals, the
	 * initials of the name's capitalised words.
	 */
	acronyms = NpStrMapCreate();
	inibuf = np_alloc((size_t) x->ncands * 6 + 1);
	for (i = 0; i < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];
		char	   *ini = inibuf + (size_t) i * 6;	/* keys outlive the map */
		int			n = 0;
		int			k;

		NP_CHECK_FOR_INTERRUPTS();
		if (c->kind == NP_KIND_PER || c->b - c->a < 3 || c->b - c->a > 12 ||
			c->linklen == (size_t) -1)
			continue;
		for (k = c->a; k < c->b && n <= 6; k++)
		{
			const Tok  *t = &x->toks[k];

			if (!(t->flags & TK_WORD) || is_connector(x, k))
				continue;
			if (!(t->flags & TK_CAP) || (t->flags & TK_ALLCAPS))
			{
				n = 7;			/* only names of capitalised words */
				break;
			}
			if (n < 6)
				ini[n] = x->text[t->start];
			n++;
		}
		if (n >= 3 && n <= 6)
			NpStrMapPut(acronyms, ini, (size_t) n, i);
	}
	for (i = 0; i < x->ncands && NpStrMapCount(acronyms) > 0; i++)
	{
		Cand	   *c = &x->cands[i];
		const char *w;
		size_t		l;
		int			j;

		NP_CHECK_FOR_INTERRUPTS();
		if (c->b - c->a != 1 || !(x->toks[c->a].flags & TK_ALLCAPS) ||
			(c->flags & MF_GAZ) || c->linklen == (size_t) -1 || x->toks[c->a].ent != NULL)
			continue;
		w = tok_text(x, c->a, &l);
		j = NpStrMapGet(acronyms, w, l);
		if (j >= 0 && j < i)
			link_to(c, &x->cands[j], x->cands[j].kind);
	}
	NpStrMapFree(acronyms);
	np_free(inibuf);
}

/*
 * Text of tokens [a, b) with whitespace runs folded to one space.
 */
static char *
span_text(Extractor *x, int a, int b)
{
	size_t		l = build_key(x, a, b);

	return np_strndup(x->keybuf, l);
}

/*
 * Build the canonical name of every candidate.
 */
static void
name_candidates(Extractor *x)
{
	int			i;
	NpStrMap   *suffixes;

	for (i = 0; i < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];

		NP_CHECK_FOR_INTERRUPTS();

		if (c->linklen == (size_t) -1)
			continue;			/* takes another candidate's name, below */
		if (c->flags & MF_GAZ && c->canonlen > 0)
			c->name = np_strndup(c->canon, c->canonlen);
		else
		{
			const NpGazEntry *e = NULL;

			/* "Apple Inc." is the gazetteer's "Apple" */
			if (c->kind == NP_KIND_ORG && c->b - c->a >= 2 &&
				(x->toks[c->b - 1].roles & NP_ROLE_ORGSUF) &&
				longest_match(x, c->a, c->b - 1, &e) == c->b - 1 &&
				e != NULL && e->kind == NP_KIND_ORG)
				c->name = np_strndup(e->canon, e->canonlen);
			else
				c->name = span_text(x, c->a, c->b);
		}
	}

	/* generic bodies: "Foreign Ministry" -> "Russian Foreign Ministry" */
	suffixes = NpStrMapCreate();
	for (i = 0; i < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];
		const char *p;
		size_t		l;
		int			n = 0;

		NP_CHECK_FOR_INTERRUPTS();
		if (c->kind != NP_KIND_ORG || c->name == NULL || (c->flags & MF_GENERIC))
			continue;
		/* the last few words only: generic bodies are short */
		l = strlen(c->name);
		for (p = c->name + l; p > c->name && n < 6; p--)
			if (p[-1] == ' ')
			{
				NpStrMapPut(suffixes, p, l - (p - c->name), i);
				n++;
			}
	}
	for (i = 0; i < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];
		size_t		l;
		int			j;

		NP_CHECK_FOR_INTERRUPTS();

		if (!(c->flags & MF_GENERIC) || c->name == NULL)
			continue;
		l = strlen(c->name);
		j = NpStrMapGet(suffixes, c->name, l);
		if (j >= 0)
		{
			np_free(c->name);
			c->name = np_strndup(x->cands[j].name, strlen(x->cands[j].name));
			continue;
		}
		/* a possessive place before it: "Moscow's Foreign Ministry" */
		if (i > 0 && c->a >= 1 && (x->toks[c->a - 1].flags & TK_POSS))
		{
			Cand	   *p = &x->cands[i - 1];

			if (p->b == c->a - 1 && p->kind == NP_KIND_LOC && p->link != NULL &&
				p->linklen != (size_t) -1 && p->linklen > 0)
			{
				char	   *n = np_alloc(p->linklen + 1 + l + 1);

				memcpy(n, p->link, p->linklen);
				n[p->linklen] = ' ';
				memcpy(n + p->linklen + 1, c->name, l + 1);
				np_free(c->name);
				c->name = n;
			}
		}
	}
	NpStrMapFree(suffixes);

	/* names taken from another candidate (short forms, acronyms) */
	for (i = 0; i < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];

		NP_CHECK_FOR_INTERRUPTS();

		if (c->linklen == (size_t) -1)
		{
			const Cand *d = (const Cand *) c->link;
			int			hops = 0;

			while (d->linklen == (size_t) -1 && hops++ < 4)
				d = (const Cand *) d->link;
			c->name = (d->name && d->linklen != (size_t) -1) ?
				np_strndup(d->name, strlen(d->name)) : span_text(x, c->a, c->b);
		}
	}
	for (i = 0; i < x->ncands; i++)
		if (x->cands[i].linklen == (size_t) -1)
		{
			x->cands[i].link = NULL;
			x->cands[i].linklen = 0;
		}
}

/*
 * Group candidates into the result's mentions and entities.
 */
static void
build_result(Extractor *x, NpEntityResult *r)
{
	int			i;
	int			n = 0;
	NpStrMap   *byname[5];

	for (i = 0; i < 5; i++)
		byname[i] = NpStrMapCreate();
	r->mentions = np_alloc(sizeof(NpMention) * (size_t) (x->ncands + 1));
	r->entities = np_alloc(sizeof(NpEntity) * (size_t) (x->ncands + 1));
	r->nmentions = 0;
	r->nentities = 0;
	for (i = 0; i < x->ncands; i++)
	{
		Cand	   *c = &x->cands[i];
		int			ent;

		NP_CHECK_FOR_INTERRUPTS();

		if (c->kind < NP_KIND_PER || c->kind > NP_KIND_MISC || c->name == NULL || c->b <= c->a)
			continue;
		ent = NpStrMapGet(byname[c->kind], c->name, strlen(c->name));
		if (ent < 0)
		{
			NpEntity   *e = &r->entities[n];

			e->name = c->name;
			c->name = NULL;
			e->kind = (NpEntityKind) c->kind;
			e->mentions = 0;
			e->first = x->toks[c->a].start;
			e->subtype = c->subtype ? np_strndup(c->subtype, c->subtypelen) : NULL;
			ent = n++;
			NpStrMapPut(byname[e->kind], e->name, strlen(e->name), ent);
		}
		r->entities[ent].mentions++;
		r->mentions[r->nmentions].start = x->toks[c->a].start;
		r->mentions[r->nmentions].end = x->toks[c->b - 1].end;
		r->mentions[r->nmentions].entity = ent;
		r->nmentions++;
	}
	r->nentities = n;
	for (i = 0; i < 5; i++)
		NpStrMapFree(byname[i]);
}

/* ----------------------------------------------------------------
 * Helpers of the context layer (context.c)
 * ---------------------------------------------------------------- */

bool
NpExIsCommonWord(const char *w, size_t len)
{
	return is_common_word(w, len);
}

int
NpExLongestMatch(Extractor *x, int a, int limit, const NpGazEntry **entp)
{
	return longest_match(x, a, limit, entp);
}

Cand *
NpExAddCand(Extractor *x, int a, int b, int kind, const NpGazEntry *e, uint8_t flags)
{
	return add_cand(x, a, b, kind, e, flags);
}

bool
NpExIsConnector(const Extractor *x, int k)
{
	return is_connector(x, k);
}

bool
NpExBeforePlaceNoun(const Extractor *x, int b)
{
	return before_place_noun(x, b);
}

/*
 * Extract the named entities of one block of text.
 */
static void
extract_block(const char *text, size_t len, const NpGazTable *user,
			  NpEntityResult *result)
{
	Extractor	x;
	int			i;

	memset(&x, 0, sizeof(x));
	x.text = text;
	x.len = len;
	x.builtin = NpGazetteerBuiltin();
	x.user = user;
	x.maxtokens = x.builtin->maxtokens;
	if (user && user->maxtokens > x.maxtokens)
		x.maxtokens = user->maxtokens;
	if (x.maxtokens > NP_GAZ_MAX_TOKENS)
		x.maxtokens = NP_GAZ_MAX_TOKENS;

	tokenize(&x);
	mark_headlines(&x);
	annotate(&x);
	find_candidates(&x);
	resolve(&x);
	name_candidates(&x);
	build_result(&x, result);

	for (i = 0; i < x.ncands; i++)
		if (x.cands[i].name)
			np_free(x.cands[i].name);
	if (x.cands)
		np_free(x.cands);
	if (x.toks)
		np_free(x.toks);
	if (x.keybuf)
		np_free(x.keybuf);
	NpStrMapFree(x.midcap);
	NpCtxFree(&x);
}

/*
 * Extract the named entities of text (valid UTF-8, len bytes), looking names
 * up in the user dictionary user (may be NULL) before the built-in gazetteer.
 *
 * A text longer than NP_TEXT_BLOCK is read block by block, cut at paragraph
 * boundaries (NpBlockEnd), so that the extractor's working memory is that of
 * one block; the blocks' entities are merged by kind and name.  Within a
 * block short forms resolve against long ones ("Lavrov" -> "Sergei
 * Lavrov") and the context layer (context.c) weighs the evidence of the
 * whole block; across blocks they do not, which no article is long enough
 * to notice.
 */
void
NpExtractEntities(const char *text, size_t len, const NpGazTable *user,
				  NpEntityResult *result)
{
	NpStrMap   *byname[NP_KIND_MISC + 1];
	int			capm = 0;
	int			cape = 0;
	size_t		start = 0;
	int			k;

	if (len <= NP_TEXT_BLOCK)
	{
		extract_block(text, len, user, result);
		return;
	}
	memset(result, 0, sizeof(NpEntityResult));
	for (k = 0; k <= NP_KIND_MISC; k++)
		byname[k] = NpStrMapCreate();
	while (start < len)
	{
		size_t		end = NpBlockEnd(text, len, start, NP_TEXT_BLOCK);
		NpEntityResult r;
		int		   *map;
		int			i;

		extract_block(text + start, end - start, user, &r);
		map = np_alloc(sizeof(int) * (size_t) (r.nentities + 1));
		for (i = 0; i < r.nentities; i++)
		{
			NpEntity   *e = &r.entities[i];
			int			j = NpStrMapGet(byname[e->kind], e->name, strlen(e->name));

			if (j < 0)
			{
				if (result->nentities == cape)
				{
					cape = Max(cape * 2, 64);
					result->entities = np_realloc(result->entities, sizeof(NpEntity) * cape);
				}
				j = result->nentities++;
				result->entities[j] = *e;	/* takes over its name and subtype */
				result->entities[j].mentions = 0;
				result->entities[j].first = e->first + start;
				NpStrMapPut(byname[e->kind], result->entities[j].name,
							strlen(result->entities[j].name), j);
				e->name = NULL;
				e->subtype = NULL;
			}
			result->entities[j].mentions += e->mentions;
			map[i] = j;
		}
		for (i = 0; i < r.nmentions; i++)
		{
			NpMention  *m;

			if (result->nmentions == capm)
			{
				capm = Max(capm * 2, 256);
				result->mentions = np_realloc(result->mentions, sizeof(NpMention) * capm);
			}
			m = &result->mentions[result->nmentions++];
			m->start = r.mentions[i].start + start;
			m->end = r.mentions[i].end + start;
			m->entity = map[r.mentions[i].entity];
		}
		np_free(map);
		NpEntityResultFree(&r);
		start = end;
		NP_CHECK_FOR_INTERRUPTS();
	}
	for (k = 0; k <= NP_KIND_MISC; k++)
		NpStrMapFree(byname[k]);
	if (result->entities == NULL)
		result->entities = np_alloc(sizeof(NpEntity));
	if (result->mentions == NULL)
		result->mentions = np_alloc(sizeof(NpMention));
}

/*
 * Release what NpExtractEntities allocated.
 */
void
NpEntityResultFree(NpEntityResult *result)
{
	int			i;

	for (i = 0; i < result->nentities; i++)
	{
		if (result->entities[i].name)
			np_free(result->entities[i].name);
		if (result->entities[i].subtype)
			np_free((void *) result->entities[i].subtype);
	}
	np_free(result->entities);
	np_free(result->mentions);
	result->entities = NULL;
	result->mentions = NULL;
	result->nentities = result->nmentions = 0;
}
