/*-------------------------------------------------------------------------
 *
 * context.c
 *	  The context layer of the entity extractor: the kind of a name comes from
 *	  how the article uses it, decided once per article.
 *
 * The rule cascade of extract.c finds names and gives each a first kind from
 * the gazetteer, a head word or its shape.  That is not enough for news:
 * "Leverkusen" is a city in a dateline and a club in a results table, an
 * unknown "Marroway" is a company when its shares fall and a footballer when
 * he scores.  This layer adds what the article says around the names, in
 * three passes:
 *
 * 1. NpCtxScan (after the word lookups): what kind of article this is (a
 *	  sports section label such as "SOCCER -", or many sports words; many
 *	  business words), and what its lines are: datelines ("WASHINGTON
 *	  1996-08-22", "LONDON, March 3 (Reuters) -"), all-capital headlines,
 *	  results lines ("Arsenal 3 Tottenham 0", "Hartford 4 BOSTON 2"),
 *	  standings rows ("BUFFALO 24 15 6 135 116 54"), scorers in brackets
 *	  ("(Kirsten 23, Meijer 67)"), cricket dismissals ("c Stewart b Cork")
 *	  and ranked result lists ("1. Erik Zabel (Germany) Telekom").  It also
 *	  collects the names the article writes in mixed case, so that in
 *	  all-capital lines a capitalised common word is kept only when the
 *	  article uses it as a name elsewhere ("RANGERS" after "Rangers fans").
 * 2. NpCtxCandidates (during the candidate walk): a team of a results or
 *	  standings line is one mention ("NY RANGERS"), whatever the gazetteer
 *	  says of its words; an agency in a dateline is an organisation.
 * 3. NpCtxDecide (before the article-level resolution): every mention gets
 *	  votes from its neighbours (a title or sports role before it, "coach"
 *	  or "fans" after it, "beat", "shares in", "gold miner", a ticker, "said
 *	  it", an age, a locative preposition, a dateline, an event or product
 *	  noun such as "meeting" or "models"...), the votes of all
 *	  mentions of the same name (case folded) are added up, and the name's
 *	  kind is decided once from them and from what the gazetteer or a head
 *	  word said: in a sports article a city with team votes is a club, a
 *	  country stays a place (national sides are LOC), an unknown name takes
 *	  the kind of its strongest votes or else the article's default (a
 *	  player in sport, a company in business).  Mentions with a decisive
 *	  local cue keep it ("in Leverkusen", a dateline).  Short mentions then
 *	  inherit: a word of a team's name used alone is that team ("Leverkusen"
 *	  for "Bayer Leverkusen"), an all-capital surname is that person
 *	  ("ZABEL" for "Erik Zabel").  Some mentions are decided on their own:
 *	  an index ("the Nikkei average", "the FTSE 100 index"), members of a
 *	  party ("opposition from Republicans"), a division ("NFC North").
 *
 * Everything is linear in the input: fixed windows around each mention, one
 * pass per line, hash maps keyed by folded text.
 *
 * src/entities/context.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "entities/extract_int.h"

/* Tok.ctx marks */
#define CTX_DATELINE	0x0001	/* the place of a dateline */
#define CTX_AGENCY		0x0002	/* "(Reuters)" after a dateline */
#define CTX_TEAM		0x0004	/* inside a team of a results/standings line */
#define CTX_TEAMSTART	0x0008	/* first token of such a team */
#define CTX_CAPSLINE	0x0010	/* on an all-capital line */
#define CTX_SCORER		0x0020	/* a name before a minute in brackets */
#define CTX_CRICKET		0x0040	/* a name after "c", "b", "lbw", "st" */
#define CTX_STANDING	0x0080	/* "Bayern 23," "Yorkshire 412 (" */
#define CTX_RANKED		0x0100	/* the name after a rank: "1. Erik Zabel" */
#define CTX_RANKTEAM	0x0200	/* the name after "(Country)" in such a line */
#define CTX_SKIP		0x0400	/* no name: a section label, "Group G", a table header */
#define CTX_TABULAR		0x0800	/* (first token of a line) a number or a colon in it */

/* votes */
enum
{
	V_PER,
	V_ORG,
	V_TEAM,
	V_LOC,
	V_MISC,
	NVOTES
};

typedef struct NpCtx
{
	bool		sport;
	bool		business;
	char	   *fold;			/* the text, ASCII letters lowercased */
	NpStrMap   *names;			/* folded names written in mixed case */
	NpStrMap   *lastwords;		/* folded last words of such names */
	NpStrMap   *acronyms;		/* acronyms defined in brackets: "(RIM)" */
} NpCtx;

/* a company's sites: "its Tanami mine" */
static const char *const site_words[] = {
	"mine", "mines", "plant", "plants", "factory", "refinery", "smelter", "brewery",
	"field", "site", "project", "operation", "operations", "shaft", "terminal", "port",
	"deposit", "concession", NULL
};

/*
 * lowercase words after an event's name: "the Weltklasse meeting", "the
 * Bridgegate scandal", "the Erasmus programme"
 */
static const char *const event_nouns[] = {
	"festival", "summit", "awards", "expo", "scandal", "programme", "campaign", NULL
};
static const char *const sport_event_nouns[] = {
	"meeting", "meet", "tournament", "championships", "regatta", "rally", "invitational",
	NULL
};

/*
 * lowercase words after a product's name: "Gundam models", "Dairy Milk
 * chocolates", "Javelin missiles"
 */
static const char *const product_nouns[] = {
	"branded", "chocolates", "chocolate", "biscuits", "sweets", "drinks", "beers",
	"cigarettes", "smartphones", "smartphone", "handsets", "tablets", "laptops",
	"consoles", "models", "airliners", "jets", "vaccine", "vaccines", "missiles", "missile",
	"rockets", "tanks", "drones", "helicopters", NULL
};

/* an index after a name: "the Nikkei average", "the Dow Jones industrial average" */
static const char *const index_nouns[] = {
	"index", "indices", "indexes", "average", NULL
};
static const char *const index_modifiers[] = {
	"industrial", "industrials", "composite", "benchmark", "all-share", "share", "stock",
	NULL
};

/* compass words before a nationality: "Central European", "North African" */
static const char *const compass_words[] = {
	"north", "south", "east", "west", "northern", "southern", "eastern", "western",
	"central", "northeast", "northwest", "southeast", "southwest", "north-east",
	"north-west", "south-east", "south-west", NULL
};

/* words that end the names of grounds */
static const char *const venue_words[] = {
	"stadium", "arena", "center", "centre", "club", "reserve", "ground", "park", "oval",
	"field", "course", "circuit", "dome", "gardens", "velodrome", NULL
};

/* ----------------------------------------------------------------
 * Small helpers
 * ---------------------------------------------------------------- */

static inline bool
is_word(const Extractor *x, int k)
{
	return k >= 0 && k < x->ntoks && (x->toks[k].flags & TK_WORD);
}

static inline bool
is_num(const Extractor *x, int k)
{
	return is_word(x, k) && (x->toks[k].flags & TK_DIGIT);
}

/* a capitalised word (raw capitals: before annotate lowercases any) */
static inline bool
is_cap(const Extractor *x, int k)
{
	return is_word(x, k) && (x->toks[k].flags & (TK_CAP | TK_ALLCAPS)) &&
		!(x->toks[k].flags & TK_DIGIT);
}

/* the one-character punctuation token c */
static inline bool
is_punct(const Extractor *x, int k, char c)
{
	return k >= 0 && k < x->ntoks && !(x->toks[k].flags & TK_WORD) &&
		x->toks[k].end - x->toks[k].start == 1 && x->text[x->toks[k].start] == c;
}

static inline size_t
tok_len(const Extractor *x, int k)
{
	return x->toks[k].end - x->toks[k].start;
}

/* is token k a score "2-1" (a number, a hyphen, a number)? */
static inline bool
is_score(const Extractor *x, int k)
{
	return is_num(x, k) && is_punct(x, k + 1, '-') && is_num(x, k + 2) &&
		!(x->toks[k + 1].flags & TK_SPACE);
}

/* does token k start a new line? */
static inline bool
line_start(const Extractor *x, int k)
{
	return k == 0 || (x->toks[k].flags & TK_NL);
}

/*
 * Context roles of token k: its own for a lowercase word, those of its
 * lowercase form for a capitalised one ("Shares in ...", "COACH").
 */
static uint16_t
word_roles(const Extractor *x, int k)
{
	const Tok  *t;
	const NpGazEntry *e;

	if (!is_word(x, k))
		return 0;
	t = &x->toks[k];
	if (!(t->flags & (TK_CAP | TK_ALLCAPS)))
		return t->roles & NP_ROLE_CONTEXT;
	/* a capital inside a sentence is a name's, not a context word's */
	if (!(t->flags & (TK_SENT | TK_HEAD | TK_NL | TK_ALLCAPS)) &&
		!(k > 0 && (x->toks[k - 1].flags & TK_OPENQ)))
		return 0;
	e = NpGazTableLookup(x->builtin, x->ctx->fold + t->start, tok_len(x, k));
	return e ? (e->roles & NP_ROLE_CONTEXT) : 0;
}

/* is token k one of the words (lowercase compare)? */
static bool
word_in(const Extractor *x, int k, const char *const *words)
{
	size_t		l;
	const char *w;
	int			i;

	if (!is_word(x, k))
		return false;
	l = tok_len(x, k);
	w = x->ctx->fold + x->toks[k].start;
	for (i = 0; words[i] != NULL; i++)
	{
		const char *c = words[i];
		size_t		j;

		if (c[0] != w[0])
			continue;			/* most words fail here */
		for (j = 1; j < l && c[j] != '\0' && c[j] == w[j]; j++)
			;
		if (j == l && c[j] == '\0')
			return true;
	}
	return false;
}

/* is s[0, len) the word w? */
static inline bool
strcmp_tail(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && memcmp(s, w, len) == 0;
}

/* the gazetteer entry for token range [a, b) exactly, or NULL */
static const NpGazEntry *
exact_entry(Extractor *x, int a, int b)
{
	const NpGazEntry *e = NULL;

	if (NpExLongestMatch(x, a, b, &e) == b)
		return e;
	return NULL;
}

static inline bool
subtype_is(const char *st, size_t len, const char *want)
{
	return st != NULL && len == strlen(want) && memcmp(st, want, len) == 0;
}

/* is a place of this kind and subtype a country or continent (never a club)? */
static inline bool
place_is_country(int kind, const char *st, size_t len)
{
	return kind == NP_KIND_LOC &&
		(subtype_is(st, len, "country") || subtype_is(st, len, "continent"));
}

static inline bool
entry_is_country(const NpGazEntry *e)
{
	return e != NULL && place_is_country(e->kind, e->subtype, e->subtypelen);
}

static inline bool
cand_is_country(const Cand *c)
{
	return place_is_country(c->kind, c->subtype, c->subtypelen);
}

/* the context roles of token k's lowercase form, wherever it stands */
static uint16_t
lower_roles(const Extractor *x, int k)
{
	const NpGazEntry *e;

	if (!is_word(x, k))
		return 0;
	if (!(x->toks[k].flags & (TK_CAP | TK_ALLCAPS)))
		return x->toks[k].roles & NP_ROLE_CONTEXT;
	e = NpGazTableLookup(x->builtin, x->ctx->fold + x->toks[k].start, tok_len(x, k));
	return e ? (e->roles & NP_ROLE_CONTEXT) : 0;
}

/* a nationality or language of the gazetteer ("English Premier League") */
static inline bool
cand_is_demonym(const Cand *c)
{
	return c->kind == NP_KIND_MISC &&
		(subtype_is(c->subtype, c->subtypelen, "nationality") ||
		 subtype_is(c->subtype, c->subtypelen, "language"));
}

/*
 * Does an index follow token b ("average", "100 index", "composite index",
 * "industrial average")?  Returns the end of the index's name (past its
 * number), or -1.
 */
static int
index_end(const Extractor *x, int b)
{
	int			k = b,
				end = b;

	if (is_num(x, k) && !is_punct(x, k + 1, '-') && (x->toks[k].flags & TK_SPACE))
		end = ++k;
	if (word_in(x, k, index_modifiers) && (x->toks[k].flags & TK_LOWER))
		k++;
	if (word_in(x, k, index_nouns) && (x->toks[k].flags & TK_LOWER))
		return end;
	return -1;
}

/* ----------------------------------------------------------------
 * Lines
 * ---------------------------------------------------------------- */

/*
 * End (exclusive) of a team name in a table line starting at token k: one or
 * more capitalised words, with "of", "&", "de" and glued hyphens and dots
 * inside ("Queens Park Rangers", "Paris St Germain", "1860 Munich").  Returns
 * k if there is none.
 */
static int
row_name_end(const Extractor *x, int k, int e)
{
	int			b = k;

	/* "1860 Munich": a four-digit number before a capitalised word */
	if (is_num(x, k) && tok_len(x, k) == 4 && k + 1 < e && is_cap(x, k + 1))
		b = k + 1;
	if (!is_cap(x, b))
		return k;
	b++;
	while (b < e)
	{
		if (is_cap(x, b))
		{
			b++;
			continue;
		}
		/* "Wolverhampton Wanderers", "Hispano-Suiza", "Brighton & Hove" */
		if ((is_punct(x, b, '-') || is_punct(x, b, '&') || is_punct(x, b, '.')) &&
			b + 1 < e && is_cap(x, b + 1))
		{
			b += 2;
			continue;
		}
		if (is_word(x, b) && NpExIsConnector(x, b) && b + 1 < e && is_cap(x, b + 1))
		{
			b += 2;
			continue;
		}
		/* "Schalke 04": a number with a leading zero */
		if (is_num(x, b) && x->text[x->toks[b].start] == '0' && tok_len(x, b) == 2)
		{
			b++;
			continue;
		}
		break;
	}
	return b;
}

/* skip a bracketed group starting at k (a "(" token); returns past ")" */
static int
skip_parens(const Extractor *x, int k, int e)
{
	int			j;

	if (!is_punct(x, k, '('))
		return k;
	for (j = k + 1; j < e && j < k + 64; j++)
		if (is_punct(x, j, ')'))
			return j + 1;
	return k;
}

/* is token k a delimiter of table items (":", ";", ",", a full stop)? */
static inline bool
is_delim(const Extractor *x, int k)
{
	return is_punct(x, k, ':') || is_punct(x, k, ';') || is_punct(x, k, ',') ||
		(is_punct(x, k, '.') && (x->toks[k].flags & TK_ENDER));
}

/* mark tokens [a, b) as one team */
static void
mark_team(Extractor *x, int a, int b)
{
	int			k;

	for (k = a; k < b; k++)
		x->toks[k].ctx |= CTX_TEAM;
	x->toks[a].ctx |= CTX_TEAMSTART;
}

/*
 * Scorers in brackets: "(Kirsten 23, Meijer 67)", "(Simao 8, 16)",
 * "(D. Lehmann 187, M. Lumb 75; G. Chapple 4-96)": a name before a number.
 */
static void
mark_scorers(Extractor *x, int a, int e)
{
	int			k;

	for (k = a + 1; k < e && !is_punct(x, k, ')'); k++)
	{
		int			b;
		int			j;

		if (!(is_punct(x, k - 1, '(') || is_punct(x, k - 1, ',') || is_punct(x, k - 1, ';')))
			continue;
		b = row_name_end(x, k, e);
		if (b == k || !is_num(x, b))
			continue;
		for (j = k; j < b; j++)
			x->toks[j].ctx |= CTX_SCORER;
		k = b;
	}
}

/*
 * Look at one line [a, e) for results items ("Arsenal 3 Tottenham 0",
 * "Denmark 1 (Poulsen 78) Sweden 0", several a line between delimiters),
 * a standings row ("Arsenal 14 9 2 3 31 15 29"), standings items ("Bayern
 * 23,"), ranked lists ("1. Erik Zabel (Germany) Telekom"), scorers and
 * cricket dismissals.  Returns the number of results items.
 */
static int
scan_table_line(Extractor *x, int a, int e, bool mark)
{
	int			k = a;
	int			results = 0;

	/* a standings row: a name at the line start, then three numbers or more */
	{
		int			b = row_name_end(x, a, e);
		int			nums = 0,
					j;

		if (b > a)
		{
			for (j = b; j < e; j++)
			{
				if (is_num(x, j))
					nums++;
				else if (!(is_punct(x, j, '.') || is_punct(x, j, '-') ||
						   is_punct(x, j, '/') || is_punct(x, j, '+')))
					break;
			}
			if (j == e && nums >= 3)
			{
				/* earnings tables have rows too: only results lines make sport */
				if (mark)
					mark_team(x, a, b);
				return mark ? 1 : 0;
			}
		}
	}

	/* a line-up: "Sheffield Wednesday: Grant; Simek, Spurr, Bullen, Wood; ..." */
	{
		int			b = row_name_end(x, a, e);

		if (b > a && is_punct(x, b, ':') && mark && x->ctx->sport)
		{
			int			j = b + 1,
						items = 0;

			while (j < e)
			{
				int			q = row_name_end(x, j, e);

				if (q == j || q - j > 3)
					break;
				items++;
				j = q;
				if (j < e && !(is_punct(x, j, ',') || is_punct(x, j, ';') || is_punct(x, j, '.')))
					break;
				j++;
			}
			if (items >= 4 && j >= e)
			{
				mark_team(x, a, b);
				for (j = b + 1; j < e; j++)
					if (is_word(x, j))
						x->toks[j].ctx |= CTX_SCORER;
				return 0;
			}
		}
	}

	if (!mark)
	{
		/* count the results items only */
		while (k < e)
		{
			int			s = k,
						b1,
						n1,
						b2;

			while (k < e && !is_delim(x, k))
				k = is_punct(x, k, '(') && skip_parens(x, k, e) > k ? skip_parens(x, k, e) : k + 1;
			b1 = row_name_end(x, s, k);
			if (b1 > s && is_num(x, b1))
			{
				n1 = b1 + 1;
				if (is_punct(x, n1, '('))
					n1 = skip_parens(x, n1, k);
				b2 = row_name_end(x, n1, k);
				if (b2 > n1 && is_num(x, b2) &&
					(b2 + 1 == k || (is_punct(x, b2 + 1, '(') && skip_parens(x, b2 + 1, k) == k)))
					results++;
			}
			k++;
		}
		return results;
	}

	/* a ranked line: "1. Name (Country) Team ..." or "198 Name 67 66 65" */
	if (is_num(x, a))
	{
		int			p = a + 1;
		int			b;

		if (is_punct(x, p, '.'))
			p++;
		b = row_name_end(x, p, e);
		if (b > p && !(x->toks[p].flags & TK_NL))
		{
			int			j;

			for (j = p; j < b; j++)
				x->toks[j].ctx |= CTX_RANKED;
			if (is_punct(x, b, '('))
			{
				int			q = skip_parens(x, b, e);
				int			c = row_name_end(x, q, e);

				if (q > b && c > q)
					for (j = q; j < c; j++)
						x->toks[j].ctx |= CTX_RANKTEAM;
			}
		}
	}

	while (k < e)
	{
		int			s = k;
		int			b1,
					n1,
					b2,
					n2;

		/* the item runs to the next delimiter outside brackets */
		while (k < e && !is_delim(x, k))
		{
			if (is_punct(x, k, '('))
			{
				int			q = skip_parens(x, k, e);

				if (q > k)
				{
					mark_scorers(x, k, q);
					k = q;
					continue;
				}
			}
			/* cricket: "c Stewart b Cork", "lbw b Mullally", "st Rashid" */
			if (is_word(x, k) && (x->toks[k].flags & TK_LOWER) && tok_len(x, k) <= 2 &&
				(x->text[x->toks[k].start] == 'c' || x->text[x->toks[k].start] == 'b' ||
				 tok_is(x, k, "st")) && is_cap(x, k + 1) && k + 1 < e)
			{
				int			b = row_name_end(x, k + 1, e);
				int			j;

				if (tok_len(x, k) == 1 || tok_is(x, k, "st"))
					for (j = k + 1; j < b; j++)
						x->toks[j].ctx |= CTX_CRICKET;
			}
			k++;
		}
		/* a results item: NAME NUM [(...)] NAME NUM [(...)] */
		b1 = row_name_end(x, s, k);
		/* a fixture: "Florida at NY ISLANDERS", "Bath at Leicester 10-41" */
		if (b1 > s && tok_is(x, b1, "at") && x->ctx->sport)
		{
			int			b3 = row_name_end(x, b1 + 1, k);

			if (b3 > b1 + 1 && (b3 == k || is_score(x, b3)))
			{
				mark_team(x, s, b1);
				mark_team(x, b1 + 1, b3);
			}
		}
		if (b1 > s && is_num(x, b1))
		{
			n1 = b1 + 1;
			if (is_punct(x, n1, '('))
				n1 = skip_parens(x, n1, k);
			b2 = row_name_end(x, n1, k);
			if (b2 > n1 && is_num(x, b2))
			{
				n2 = b2 + 1;
				if (is_punct(x, n2, '('))
					n2 = skip_parens(x, n2, k);
				if (n2 == k)
				{
					mark_team(x, s, b1);
					mark_team(x, n1, b2);
					results++;
				}
			}
			/* standings items: "Bayern 23,", "Yorkshire 412 (", "Lancashire 98-3." */
			if (!(x->toks[s].ctx & CTX_TEAM))
			{
				int			n = b1 + 1;

				if (is_punct(x, n, '-') && is_num(x, n + 1) && !is_punct(x, n + 2, '-'))
					n += 2;
				if (n == k || is_punct(x, n, '(') || word_in(x, n, (const char *const[])
															 {"points", "pts", "games", "in", NULL}))
					x->toks[s].ctx |= CTX_STANDING;
			}
		}
		k++;					/* past the delimiter */
	}
	return results;
}

/*
 * Is line [a, e) a dateline?  Mark its place ("WASHINGTON 1996-08-22",
 * "LONDON, March 3 (Reuters) -", "BEIRUT (AP) -", "SYDNEY -", "ESSEN,
 * Germany, Nov 14 -") and its agency.
 */
static void
scan_dateline(Extractor *x, int a, int e)
{
	int			b = a;
	int			n = 0;
	int			k;
	bool		dated = false;

	while (b < e && n < 4 && is_word(x, b) && (x->toks[b].flags & TK_ALLCAPS) &&
		   !(x->toks[b].flags & TK_DIGIT))
		b++, n++;
	if (n == 0 || b >= e)
		return;
	k = b;
	if (is_num(x, k) && tok_len(x, k) == 4)
		dated = true;			/* 1996-08-22 */
	else if (is_punct(x, k, ','))
	{
		/* ", Germany, Nov 14 -", ", March 3 (Reuters) -" */
		int			j;

		for (j = k + 1; j < e && j < k + 12; j++)
		{
			if (is_punct(x, j, '-') || is_punct(x, j, '(') || (is_num(x, j) && tok_len(x, j) == 4))
			{
				dated = true;
				break;
			}
			if (!(is_word(x, j) || is_punct(x, j, ',') || is_punct(x, j, '.')))
				break;
		}
	}
	else if (is_punct(x, k, '('))
		dated = true;			/* "BEIRUT (AP) -" */
	else if ((is_punct(x, k, '-') || (!(x->toks[k].flags & TK_WORD) &&
									  (x->text[x->toks[k].start] & 0x80))) &&
			 k + 1 < e && is_word(x, k + 1) && !(x->toks[k + 1].flags & TK_ALLCAPS))
		dated = true;			/* "SYDNEY - The ..." (not "SOCCER - LEEDS WIN") */
	if (!dated)
		return;
	/* a sports label is no place: "SOCCER - ..." */
	if (word_roles(x, a) & NP_ROLE_SPORT)
		return;
	for (k = a; k < b; k++)
		x->toks[k].ctx |= CTX_DATELINE;
	/* ", Jan 3 (Reuters) -": the date is no name */
	for (k = b; k < e && k < b + 12 && !is_punct(x, k, '-'); k++)
		if (word_in(x, k, (const char *const[]) {"jan", "feb", "mar", "apr", "may", "jun", "jul",
					"aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march",
					"april", "june", "july", "august", "september", "october", "november",
					"december", NULL}))
			x->toks[k].ctx |= CTX_SKIP;
	/* the agency: "(Reuters)", "(AP)" */
	for (k = b; k < e && k < b + 16; k++)
		if (is_punct(x, k, '(') && is_word(x, k + 1) && is_punct(x, k + 2, ')') &&
			(x->toks[k + 1].flags & (TK_CAP | TK_ALLCAPS)) && !(x->toks[k + 1].flags & TK_DIGIT))
		{
			x->toks[k + 1].ctx |= CTX_AGENCY;
			break;
		}
}

/*
 * Table furniture on an all-capital line [a, e): a header of short words
 * ("W L PCT GB"), a division heading ("EASTERN DIVISION", "NORTHEAST
 * DIVISION").  Its words are no names.
 */
static void
scan_caps_line(Extractor *x, int a, int e)
{
	int			k,
				words = 0,
				shortw = 0;
	bool		heading = false;

	for (k = a; k < e; k++)
		if (is_word(x, k))
		{
			words++;
			if (tok_len(x, k) <= 3)
				shortw++;
			if (word_in(x, k, (const char *const[]) {"division", "conference", NULL}))
				heading = true;
		}
	if ((words >= 3 && shortw == words) || (heading && words <= 3))
		for (k = a; k < e; k++)
			x->toks[k].ctx |= CTX_SKIP;
}

/*
 * Record the names the article writes in mixed case (folded): whole runs of
 * two to four capitalised words ("Real Madrid", "World Cup"), single words
 * away from a sentence start ("Rangers"), and apart the last words of runs
 * ("Forest" of "Nottingham Forest").
 */
static void
collect_names(Extractor *x, int a, int e)
{
	NpCtx	   *c = x->ctx;
	int			k = a;

	while (k < e)
	{
		int			b;

		if (!is_cap(x, k) || (x->toks[k].flags & TK_ALLCAPS))
		{
			k++;
			continue;
		}
		b = k + 1;
		while (b < e && is_cap(x, b) && !(x->toks[b].flags & (TK_ALLCAPS | TK_SENT)))
			b++;
		if (b - k == 1)
		{
			if (!(x->toks[k].flags & (TK_SENT | TK_HEAD)))
				NpStrMapPut(c->names, c->fold + x->toks[k].start, tok_len(x, k), 1);
		}
		else if (b - k <= 4)
		{
			NpStrMapPut(c->names, c->fold + x->toks[k].start,
					   x->toks[b - 1].end - x->toks[k].start, 1);
			NpStrMapPut(c->lastwords, c->fold + x->toks[b - 1].start, tok_len(x, b - 1), 1);
		}
		k = b;
	}
}

/*
 * Look at the article: its kind, its lines, its names.  Runs after the word
 * lookups and before capitalised common words are lowercased.
 */
void
NpCtxScan(Extractor *x)
{
	NpCtx	   *c = np_alloc0(sizeof(NpCtx));
	int			k,
				a;
	int			words = 0,
				sportw = 0,
				bizw = 0,
				results = 0;
	bool		section = false;
	bool		capslines = false;
	bool		tabular[2];
	size_t		i;

	x->ctx = c;
	/* the text with the capitals of its capitalised words lowercased */
	c->fold = np_alloc(x->len + 1);
	memcpy(c->fold, x->text, x->len);
	c->fold[x->len] = '\0';
	for (k = 0; k < x->ntoks; k++)
		if (x->toks[k].flags & (TK_CAP | TK_ALLCAPS))
			for (i = x->toks[k].start; i < x->toks[k].end; i++)
				if (c->fold[i] >= 'A' && c->fold[i] <= 'Z')
					c->fold[i] += 'a' - 'A';
	c->names = NpStrMapCreate();
	c->lastwords = NpStrMapCreate();
	c->acronyms = NpStrMapCreate();

	for (k = 0; k < x->ntoks; k++)
	{
		const Tok  *t = &x->toks[k];
		uint16_t	r;

		NP_CHECK_FOR_INTERRUPTS();
		if (!(t->flags & TK_WORD))
			continue;
		words++;
		/* capitalised words count where capitals say nothing: "SOCCER", "Shares" */
		r = (t->flags & TK_LOWER) ? (t->roles & NP_ROLE_CONTEXT) :
			(t->flags & (TK_SENT | TK_HEAD | TK_NL | TK_ALLCAPS)) ? word_roles(x, k) : 0;
		if (r & NP_ROLE_SPORT)
			sportw++;
		/* a league or a governing body: "NBA", "FIFA" (worth a few words) */
		else if (t->ent != NULL && !t->ent->weak && t->ent->kind == NP_KIND_ORG &&
				 t->ent->subtypelen == 5 && memcmp(t->ent->subtype, "sport", 5) == 0)
			sportw += 5;
		if (r & NP_ROLE_BIZ)
			bizw++;
	}

	/* line by line */
	a = 0;
	while (a < x->ntoks)
	{
		int			e = a + 1;
		int			letters = 0,
					caps = 0;

		NP_CHECK_FOR_INTERRUPTS();
		while (e < x->ntoks && !(x->toks[e].flags & TK_NL))
			e++;
		for (k = a; k < e; k++)
		{
			const Tok  *t = &x->toks[k];

			if ((t->flags & TK_WORD) && !(t->flags & TK_DIGIT))
			{
				letters++;
				if ((t->flags & TK_ALLCAPS) || ((t->flags & TK_CAP) && t->end - t->start == 1))
					caps++;
			}
		}
		if (letters > 0 && caps == letters)
		{
			for (k = a; k < e; k++)
				x->toks[k].ctx |= CTX_CAPSLINE;
			/* "SOCCER - ...", "ICE HOCKEY - ...", "SPORTS BRIEFS" */
			for (k = a; k < e && k < a + 3 && is_word(x, k); k++)
				if (word_roles(x, k) & NP_ROLE_SPORT)
				{
					int			j;

					section = true;
					for (j = a; j <= k; j++)
						x->toks[j].ctx |= CTX_SKIP;
					break;
				}
			scan_caps_line(x, a, e);
			capslines = true;
		}
		tabular[0] = tabular[1] = false;
		for (k = a; k < e; k++)
		{
			if (is_num(x, k))
				tabular[0] = true;
			else if (is_punct(x, k, ':'))
				tabular[1] = true;
		}
		if (tabular[0])
		{
			scan_dateline(x, a, e);
			results += scan_table_line(x, a, e, false);
		}
		else if (x->toks[a].flags & TK_ALLCAPS)
			scan_dateline(x, a, e);
		if (tabular[0] || tabular[1])
			x->toks[a].ctx |= CTX_TABULAR;
		a = e;
	}

	c->sport = section || results >= 2 ||
		(sportw >= 5 && sportw * 30 >= words && sportw > bizw * 2);
	c->business = !c->sport && bizw >= 4 && bizw * 50 >= words;

	/* names in mixed case: for all-capital lines, and clubs' last words in sport */
	if (capslines || c->sport)
		for (a = 0; a < x->ntoks;)
		{
			int			e = a + 1;

			NP_CHECK_FOR_INTERRUPTS();
			while (e < x->ntoks && !(x->toks[e].flags & TK_NL))
				e++;
			if (!(x->toks[a].ctx & CTX_CAPSLINE))
				collect_names(x, a, e);
			a = e;
		}

	/* tables: teams only in sport */
	if (c->sport)
		for (a = 0; a < x->ntoks;)
		{
			int			e = a + 1;

			NP_CHECK_FOR_INTERRUPTS();
			while (e < x->ntoks && !(x->toks[e].flags & TK_NL))
				e++;
			if (x->toks[a].ctx & CTX_TABULAR)
				(void) scan_table_line(x, a, e, true);
			a = e;
		}

	/*
	 * acronyms the article defines in brackets in mixed-case text, after a
	 * name: "Research in Motion (RIM)"; such a word is a name also where it
	 * is a common word ("rim")
	 */
	for (k = 1; k + 1 < x->ntoks; k++)
	{
		const Tok  *t = &x->toks[k];

		NP_CHECK_FOR_INTERRUPTS();
		if ((t->flags & TK_ALLCAPS) && !(t->flags & TK_INITIALS) &&
			!(t->ctx & CTX_CAPSLINE) && is_punct(x, k - 1, '(') && is_punct(x, k + 1, ')') &&
			k >= 2 && is_cap(x, k - 2) && !(x->toks[k - 2].flags & TK_ALLCAPS))
			NpStrMapPut(c->acronyms, x->text + t->start, tok_len(x, k), 1);
	}
}

/*
 * End of the name the article writes in mixed case that starts at token k of
 * an all-capital line ("REAL MADRID" for "Real Madrid", "RANGERS" for
 * "Rangers"), trying the longest first; k if there is none.
 */
static int
caps_name_end(const Extractor *x, int k)
{
	const NpCtx *c = x->ctx;
	int			n;

	for (n = 4; n >= 1; n--)
	{
		int			j = k + n - 1;
		int			i;
		bool		ok = true;

		if (j >= x->ntoks)
			continue;
		for (i = k; i <= j; i++)
			if (!is_cap(x, i) || !(x->toks[i].ctx & CTX_CAPSLINE) ||
				(i > k && (x->toks[i].flags & TK_NL)))
				ok = false;
		if (ok && NpStrMapGet(c->names, c->fold + x->toks[k].start,
							 x->toks[j].end - x->toks[k].start) >= 0)
			return j + 1;
	}
	return k;
}

/*
 * Keep token k capitalised (annotate would take it as a common word)?  Teams
 * of tables, datelines, and in all-capital lines the words the article uses
 * as names elsewhere.
 */
bool
NpCtxKeepCaps(const Extractor *x, int k)
{
	const Tok  *t = &x->toks[k];
	const NpCtx *c = x->ctx;

	if (t->ctx & CTX_SKIP)
		return false;
	if (t->ctx & (CTX_TEAM | CTX_DATELINE | CTX_AGENCY))
		return true;
	if ((t->ctx & CTX_CAPSLINE) && (t->flags & TK_ALLCAPS))
		return caps_name_end(x, k) > k;
	/* "RIM is best known", "which RIM bought": a defined acronym */
	if ((t->flags & TK_ALLCAPS) && NpStrMapCount(c->acronyms) > 0 &&
		NpStrMapGet(c->acronyms, x->text + t->start, tok_len(x, k)) >= 0)
		return true;
	/* "Forest, who had not lost since October, led": a club's last word */
	if (c->sport && (t->flags & TK_SENT) && !(t->flags & TK_ALLCAPS) &&
		!(t->roles & NP_ROLE_STOP) &&
		NpStrMapGet(c->lastwords, c->fold + t->start, tok_len(x, k)) >= 0 &&
		!is_cap(x, k + 1))
		return true;
	return false;
}

/*
 * At token k of the candidate walk: add the team that starts there (one
 * mention, "NY RANGERS"), or the agency of a dateline.  Returns where the
 * walk goes on, or k when there is nothing here.
 */
int
NpCtxCandidates(Extractor *x, int k)
{
	const Tok  *t = &x->toks[k];

	if (t->ctx & CTX_TEAMSTART)
	{
		int			b = k + 1;
		const NpGazEntry *e;

		while (b < x->ntoks && (x->toks[b].ctx & CTX_TEAM) && !(x->toks[b].ctx & CTX_TEAMSTART))
			b++;
		e = exact_entry(x, k, b);
		if (entry_is_country(e))
			NpExAddCand(x, k, b, NP_KIND_LOC, e, 0);
		else if (e != NULL && e->kind == NP_KIND_ORG)
			NpExAddCand(x, k, b, NP_KIND_ORG, e, MF_TEAM);
		else
			NpExAddCand(x, k, b, NP_KIND_ORG, NULL, MF_TEAM);
		return b;
	}
	if (t->ctx & CTX_AGENCY)
	{
		NpExAddCand(x, k, k + 1, NP_KIND_ORG, NULL, 0);
		return k + 1;
	}
	if (t->ctx & CTX_SKIP)
		return k + 1;
	if (!(t->flags & (TK_CAP | TK_ALLCAPS)) || (t->flags & TK_DIGIT))
		return k;				/* everything below starts with a capital */
	/* a single capital: "A$41 million", "V" for versus on a headline */
	if (is_cap(x, k) && tok_len(x, k) == 1 && !(t->flags & TK_ABBR) &&
		((t->ctx & CTX_CAPSLINE) || is_punct(x, k + 1, '$')))
		return k + 1;
	/* "Steelmaker Voestalpine", "Coach Geoff Ingram": a context word starts the sentence */
	if ((t->flags & (TK_SENT | TK_NL)) && (t->flags & TK_CAP) && !(t->flags & TK_ALLCAPS) &&
		is_cap(x, k + 1) &&
		((word_roles(x, k) & (NP_ROLE_FIRM | NP_ROLE_TEAMAFTER)) ||
		 word_in(x, k, (const char *const[]) {"rival", "rivals", "fellow", "former", "veteran", NULL})))
		return k + 1;
	/* "We're", "I've", "They'll": no names */
	if (is_cap(x, k) && !(t->flags & TK_ALLCAPS) && tok_len(x, k) <= 8)
	{
		const char *w = x->text + t->start;
		size_t		l = tok_len(x, k),
					i;

		for (i = 1; i + 1 < l; i++)
			if (w[i] == '\'' && (strcmp_tail(w + i + 1, l - i - 1, "re") ||
								  strcmp_tail(w + i + 1, l - i - 1, "ve") ||
								  strcmp_tail(w + i + 1, l - i - 1, "ll") ||
								  strcmp_tail(w + i + 1, l - i - 1, "m") ||
								  strcmp_tail(w + i + 1, l - i - 1, "d") ||
								  strcmp_tail(w + i + 1, l - i - 1, "t")))
				return k + 1;
	}
	/* "Member of Parliament", "Members of Congress": a title */
	if (word_in(x, k, (const char *const[]) {"member", "members", NULL}) && tok_is(x, k + 1, "of") &&
		word_in(x, k + 2, (const char *const[]) {"parliament", "congress", NULL}))
		return k + 3;
	/* "Group G", "Pool One", "Game 2", "Round 4": no name */
	if (is_cap(x, k) && is_word(x, k + 1) &&
		word_in(x, k, (const char *const[]) {"group", "pool", "game", "round", "leg", "heat",
					  "stage", "match", "week", "day", NULL}) &&
		((x->toks[k + 1].flags & TK_DIGIT) ||
		 ((x->toks[k + 1].flags & TK_CAP) && tok_len(x, k + 1) == 1) ||
		 word_in(x, k + 1, (const char *const[]) {"one", "two", "three", "four", "five", "six",
					  "seven", "eight", "nine", "ten", NULL})))
		return k + 2;
	/* an all-capital line: the names the article writes in mixed case */
	if ((t->ctx & CTX_CAPSLINE) && (t->flags & TK_ALLCAPS) && !(t->ctx & CTX_DATELINE))
	{
		int			b = caps_name_end(x, k);

		if (b > k)
		{
			NpExAddCand(x, k, b, KIND_UNKNOWN, NULL, 0);
			return b;
		}
	}
	return k;
}

/* ----------------------------------------------------------------
 * Votes and the decision
 * ---------------------------------------------------------------- */

/*
 * Weight of a locative word before token a: 2 for "in", "near", "outside"...,
 * 1 for the words that also come before people ("from", "at", "between"),
 * 0 otherwise.  "shares in X" is no place.
 */
static int
locative(const Extractor *x, int a)
{
	int			p = a - 1;

	if (p >= 0 && tok_is(x, p, "the"))
		p--;
	if (!is_word(x, p))
		return 0;
	if (word_in(x, p, (const char *const[]) {"in", "near", "outside", "inside", "across",
				"throughout", "into", "via", "around", NULL}))
	{
		if (word_in(x, p - 1, (const char *const[]) {"shares", "share", "stake", "stakes",
					"invest", "invested", "investment", "interest", "shareholders",
					"stockholders", NULL}))
			return 0;
		return 2;
	}
	if (word_in(x, p, (const char *const[]) {"from", "at", "between", "towards", "toward", NULL}))
		return 1;
	/* "the city of X" */
	if (tok_is(x, p, "of") && word_in(x, p - 1, (const char *const[]) {"city", "town",
				"village", "province", "region", "state", "capital", "port", "district",
				"county", "island", NULL}))
		return 3;
	return 0;
}

/*
 * Does a cue next to candidate c make this mention a place whatever the
 * article says of the name ("in Leverkusen", "Chicago, United States")?
 */
static bool
strong_place(const Extractor *x, const Cand *c)
{
	if (locative(x, c->a) >= 2)
		return true;
	return is_punct(x, c->b, ',') && is_word(x, c->b + 1) &&
		entry_is_country(x->toks[c->b + 1].ent) &&
		!(c->b + 2 < x->ntoks && (x->toks[c->b + 2].flags & TK_POSS));
}


/*
 * The kind of an unknown name without decisive votes, from the article's
 * kind and the name's shape: in sport a single word is a player and a name
 * with a place in it a team; in business a single word is a company and so
 * is a longer name unless it looks like a person's.
 */
static int
default_kind(Extractor *x, const Cand *c, const int *v)
{
	int			k;
	bool		place = false,
				given = (x->toks[c->a].roles & NP_ROLE_GIVEN) != 0,
				spaced = false,
				joiner = false,
				acronym = false;

	for (k = c->a; k < c->b; k++)
	{
		const Tok  *t = &x->toks[k];

		if (k > c->a && (t->flags & TK_SPACE))
			spaced = true;
		if (is_word(x, k) && NpExIsConnector(x, k))
			joiner = true;
		if ((t->flags & TK_ALLCAPS) || (t->flags & TK_DIGIT))
			acronym = true;
		if (t->ent && t->ent->kind == NP_KIND_LOC && !entry_is_country(t->ent))
			place = true;
	}
	if (c->b - c->a == 1)
		return x->ctx->sport && !acronym ? NP_KIND_PER : NP_KIND_ORG;
	if (joiner || acronym || !spaced)
		return NP_KIND_ORG;
	if (x->ctx->sport)
		return place && !given && v[V_PER] == 0 ? NP_KIND_ORG : NP_KIND_PER;
	return KIND_UNKNOWN;		/* the shape rules of extract.c decide */
}

static const char *const club_words[];

/* verbs of a result between two sides: "Leicestershire beat Somerset" */
static const char *const result_verbs[] = {
	"beat", "beats", "beating", "defeated", "defeats", "drew", "lost", "thrashed",
	"routed", "edged", "hammered", "crushed", "overcame", "trounced", "stunned",
	"eliminated", "outclassed", "outplayed", "whitewashed", NULL
};

/*
 * Add the votes of the context of candidate c to v.
 */
static void
vote(Extractor *x, const Cand *c, int *v)
{
	const NpCtx *ctx = x->ctx;
	int			a = c->a,
				b = c->b;
	int			p = a - 1;		/* the word before */
	int			n = b;			/* the word after, past a possessive */
	const Tok  *ta = &x->toks[a];
	uint16_t	rp,
				rn;
	bool		poss = false;

	if (n < x->ntoks && (x->toks[n].flags & TK_POSS))
	{
		n++;
		poss = true;
	}
	/* "the Gunners": skip the article */
	if (p >= 0 && tok_is(x, p, "the"))
		p--;
	rp = word_roles(x, p);
	rn = word_roles(x, n);

	/* tables and lines */
	if (ta->ctx & CTX_TEAM)
		v[V_TEAM] += 5;
	if (ta->ctx & CTX_STANDING)
		v[V_TEAM] += 2;
	if (ta->ctx & (CTX_SCORER | CTX_CRICKET))
		v[V_PER] += 3;
	if (ta->ctx & CTX_RANKED)
		v[V_PER] += 2;
	if (ta->ctx & CTX_RANKTEAM)
		v[V_ORG] += 3;

	/* persons */
	if (c->flags & MF_TITLECTX)
		v[V_PER] += 3;
	if ((ta->roles & NP_ROLE_GIVEN) && b - a >= 2)
		v[V_PER] += 2;
	/* "X, chief executive of", "X, an analyst at", "X, the coach" */
	if (is_punct(x, b, ','))
	{
		int			j;

		for (j = b + 1; j < x->ntoks && j < b + 4; j++)
		{
			if (is_word(x, j) && (x->toks[j].flags & TK_LOWER) && (x->toks[j].roles & NP_ROLE_TITLE))
			{
				v[V_PER] += 2;
				break;
			}
			if (!(is_word(x, j) && (x->toks[j].flags & TK_LOWER)))
				break;
		}
	}
	/*
	 * "Barneys New York, a luxury retailer", "X, an investment bank",
	 * "Morrison, Britain's fourth-largest supermarket chain"
	 */
	if (is_punct(x, b, ','))
	{
		int			j,
					first = b + 1;	/* the first word after the determiner */

		if (word_in(x, b + 1, (const char *const[]) {"a", "an", "the", NULL}))
			first = b + 2;
		else if (is_cap(x, b + 1) && b + 2 < x->ntoks && (x->toks[b + 2].flags & TK_POSS))
			first = b + 3;
		for (j = b + 1; j < x->ntoks && j < first + 6; j++)
		{
			/* the appositive's head noun, not "a company director" */
			if (j >= first && is_word(x, j) && (x->toks[j].flags & TK_LOWER) &&
				(x->toks[j].roles & NP_ROLE_FIRM) &&
				(!(is_word(x, j + 1) && (x->toks[j + 1].flags & TK_LOWER)) ||
				 word_in(x, j + 1, (const char *const[]) {"based", "owned", "that", "which",
							 "with", "in", "of", "from", "whose", "listed", NULL})))
			{
				if (first > b + 1)
					v[V_ORG] += 3;
				break;
			}
			if (j < first)
				continue;		/* the determiner */
			/* "fourth-largest": a hyphen inside the words */
			if (is_punct(x, j, '-') && !(x->toks[j].flags & TK_SPACE) && j > first)
				continue;
			if (!(is_word(x, j) && (x->toks[j].flags & TK_LOWER)))
				break;
		}
	}
	/* an age: "Sinner, 22," */
	if (is_punct(x, b, ',') && is_num(x, b + 1) && tok_len(x, b + 1) == 2 &&
		is_punct(x, b + 2, ','))
		v[V_PER] += 3;

	/* companies */
	if (rp & NP_ROLE_FIRM)
		v[V_ORG] += 3;
	/* "another US firm, Hershey," */
	else if (is_punct(x, a - 1, ',') && (word_roles(x, a - 2) & NP_ROLE_FIRM))
		v[V_ORG] += 2;
	/*
	 * a plural verb after a name in the singular: a team or a company (not
	 * the last of a coordination: "Hamilton and Alonso are third")
	 */
	if (!poss && b - a <= 3 && x->text[x->toks[b - 1].end - 1] != 's' &&
		word_in(x, n, (const char *const[]) {"are", "were", "have", NULL}) &&
		!(a >= 1 && (tok_is(x, a - 1, "and") || is_punct(x, a - 1, ','))))
	{
		if (ctx->sport)
			v[V_TEAM] += 2;
		else
			v[V_ORG] += 1;
	}
	/* "its Tanami mine", "the Red Lake operation": a site, not the owner */
	if (!poss && word_in(x, p, (const char *const[]) {"its", "their", "the", NULL}) &&
		word_in(x, n, site_words))
		v[V_LOC] += 3;
	else if (rn & NP_ROLE_FIRMAFTER)
		v[V_ORG] += 2;
	/* a ticker: "Nissan Motor Co <7201.T>", "(Nasdaq: VRDN)" */
	if (is_punct(x, b, '<') ||
		(is_punct(x, b, '(') && is_word(x, b + 1) && is_punct(x, b + 2, ':') &&
		 (x->toks[b + 1].flags & TK_ALLCAPS || tok_is(x, b + 1, "Nasdaq"))))
		v[V_ORG] += 3;
	/* "shares in X", "a stake in X" */
	if (p >= 1 && (tok_is(x, p, "in") || tok_is(x, p, "of")) &&
		word_in(x, p - 1, (const char *const[]) {"shares", "share", "stake", "stakes", NULL}))
		v[V_ORG] += 3;
	/* "X said on Tuesday its profit...", "X said it would"; "Knut Giesler said" */
	if (!poss && word_in(x, n, (const char *const[]) {"said", "says", "told", "added", NULL}))
	{
		int			j;
		bool		it = false;

		for (j = n + 1; j < x->ntoks && j < n + 5; j++)
		{
			if (tok_is(x, j, "it") || tok_is(x, j, "its"))
			{
				it = true;
				break;
			}
			if (tok_is(x, j, "he") || tok_is(x, j, "she") || tok_is(x, j, "his") ||
				tok_is(x, j, "her") || is_cap(x, j))
				break;
		}
		if (it)
			v[V_ORG] += ctx->business ? 3 : 1;
		else if (b - a >= 2)
			v[V_PER] += 1;
	}

	/* teams */
	if (ctx->sport)
	{
		/*
		 * a place next to a verb of result is a team ("Leicestershire beat
		 * Somerset"): a place has no other reading there, so it counts twice
		 * (not other cues: "the host West Chicago school", "their Yorkshire
		 * neighbours")
		 */
		bool		place = c->kind == NP_KIND_LOC && !cand_is_country(c);

		if (rp & NP_ROLE_TEAMCUE)
			v[V_TEAM] += (place && word_in(x, p, result_verbs)) ? 2 : 1;
		if (!poss && (rn & NP_ROLE_TEAMCUE))
			v[V_TEAM] += (place && word_in(x, n, result_verbs)) ? 2 : 1;
		/* "drew with X", "drew 1-1 with X", "tied with X" */
		if (p >= 1 && tok_is(x, p, "with"))
		{
			int			q = p - 1;

			if (q >= 3 && is_num(x, q) && is_punct(x, q - 1, '-') && is_num(x, q - 2))
				q -= 3;
			if (word_in(x, q, (const char *const[]) {"drew", "draw", "draws", "drawn",
							"tied", NULL}))
				v[V_TEAM] += 2;
		}
		/* "lost at home to X", "at home to X" */
		if (a >= 2 && tok_is(x, a - 1, "to") && tok_is(x, a - 2, "home"))
			v[V_TEAM] += 2;
		/* "X signed defender Y": the club signs a player */
		if (!poss && word_in(x, n, (const char *const[]) {"signed", "signs", "sign",
					"signing", "recalled", "released", "sacked", "appointed", NULL}) &&
			is_word(x, n + 1) && (x->toks[n + 1].flags & TK_LOWER) &&
			(x->toks[n + 1].roles & NP_ROLE_TITLE))
			v[V_TEAM] += 2;
		/* a transfer: "joined Celta from X", "signed Y from X" */
		if (p >= 1 && tok_is(x, p, "from"))
		{
			int			j;

			for (j = p - 1; j >= 0 && j >= p - 6; j--)
			{
				if (is_punct(x, j, '.') || is_punct(x, j, ';'))
					break;
				if (word_in(x, j, (const char *const[]) {"joined", "joins", "join",
								"signed", "signs", "sign", "signing", "bought", "loan",
								"loaned", "moved", "transfer", "recruited", NULL}))
				{
					v[V_TEAM] += 2;
					break;
				}
			}
		}
		/* "Rosberg's teammate": a team-mate is a person's */
		if (poss && word_in(x, n, (const char *const[]) {"teammate", "team-mate",
					"teammates", "team-mates", NULL}))
			v[V_PER] += 2;
		else if (rn & NP_ROLE_TEAMAFTER)
			v[V_TEAM] += 2;
		/* "Kamui Kobayashi's Sauber", "Robert Kubica's Renault": his team's car */
		if (b - a == 1 && a >= 3 && (x->toks[a - 1].flags & TK_POSS) && is_cap(x, a - 2) &&
			is_cap(x, a - 3) && !is_cap(x, b))
			v[V_TEAM] += 2;
		/*
		 * "Ferrari's Fernando Alonso", "Chicago's Troy Brouwer", "Watford's
		 * Ismaila Sarr": his team (two words that are no title or body)
		 */
		if (poss && is_cap(x, n) && is_cap(x, n + 1) && !is_cap(x, n + 2) &&
			!(x->toks[n].flags & (TK_SENT | TK_ALLCAPS)) &&
			(x->toks[n].roles & ~NP_ROLE_GIVEN) == 0 && (x->toks[n + 1].roles & ~NP_ROLE_GIVEN) == 0 &&
			(x->toks[n].ent == NULL || x->toks[n].ent->kind == NP_KIND_PER) &&
			(x->toks[n + 1].ent == NULL || x->toks[n + 1].ent->kind == NP_KIND_PER))
			v[V_TEAM] += 2;
		/*
		 * "Felipe Massa of Ferrari", "Liam Miller of Hibernian": a person's
		 * two words, then where he plays
		 */
		if (a >= 4 && tok_is(x, a - 1, "of") && is_cap(x, a - 2) && is_cap(x, a - 3) &&
			!is_cap(x, a - 4) && !(x->toks[a - 3].flags & TK_ALLCAPS) &&
			!((x->toks[a - 2].roles | x->toks[a - 3].roles) &
			  (NP_ROLE_ORGHEAD | NP_ROLE_LOCHEAD | NP_ROLE_MISCHEAD | NP_ROLE_TITLE |
			   NP_ROLE_ORGSUF | NP_ROLE_STOP)))
			v[V_TEAM] += 2;
		/* "a 2-0 defeat to X", "a 49-point victory over X", "lost to X" */
		if (a >= 2 && word_in(x, a - 1, (const char *const[]) {"to", "over", "against", NULL}) &&
			word_in(x, a - 2, (const char *const[]) {"defeat", "defeats", "loss", "losses",
						"lost", "victory", "victories", "win", "wins", "triumph", "draw",
						"drew", "lose", "losing", "fell", NULL}))
			v[V_TEAM] += 2;
		/* "drive for X", "Nico Rosberg for Mercedes" */
		if (p >= 1 && tok_is(x, p, "for") &&
			(word_in(x, p - 1, (const char *const[]) {"drive", "drives", "drove", "driving",
						"ride", "rides", "rode", "riding", "race", "races", "raced", "racing",
						"signed", "signs", "sign", "competes", "competed", "plays", "place",
						"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
						"ninth", "tenth", "points", NULL}) ||
			 (is_cap(x, p - 1) && !(x->toks[p - 1].flags & TK_SENT))))
			v[V_TEAM] += 1;
		/* "X 2-1", "won 2-1 at X", "lost 2-0 to X" */
		if (is_score(x, n))
			v[V_TEAM] += 2;
		if (a >= 4 && word_in(x, a - 1, (const char *const[]) {"at", "to", "against", "over", NULL}) &&
			is_num(x, a - 2) && is_punct(x, a - 3, '-') && is_num(x, a - 4))
		{
			/*
			 * "beat Rangers 3-1 at Molineux", "held 0-0 at Carrow Road": a
			 * ground; "won 2-1 at Metz": a team
			 */
			if (tok_is(x, a - 1, "at") &&
				(is_cap(x, a - 5) || word_in(x, b - 1, venue_words) ||
				 word_in(x, b - 1, (const char *const[]) {"road", "lane", "street", NULL})))
				v[V_LOC] += 2;
			else
				v[V_TEAM] += 2;
		}
		else if (tok_is(x, a - 1, "at"))
			v[V_LOC] += 2;		/* "at Hillsborough", "at the Nou Camp" */
		else if (a >= 2 && tok_is(x, a - 1, "the") && tok_is(x, a - 2, "at"))
			v[V_LOC] += 2;
		/* "his former club Gimnasia y Esgrima", "Argentine teams X" */
		if (word_in(x, p, (const char *const[]) {"club", "clubs", "team", "teams", NULL}))
			v[V_TEAM] += 2;
		/* an unknown name with a club word in it: "Boca Juniors" */
		if (c->kind == KIND_UNKNOWN && b - a >= 2)
		{
			int			k;

			for (k = a; k < b; k++)
				if (is_word(x, k) && word_in(x, k, club_words))
				{
					v[V_TEAM] += 2;
					break;
				}
		}
		/* "scored for X", "played for X" */
		if (p >= 1 && tok_is(x, p, "for") && (word_roles(x, p - 1) & NP_ROLE_SPORT))
			v[V_TEAM] += 1;
		/* "the Gunners", "the Green Bay Packers": a plural nickname */
		if (b - a <= 3 && a >= 1 && tok_is(x, a - 1, "the") &&
			x->text[x->toks[b - 1].end - 1] == 's' && tok_len(x, b - 1) > 3 &&
			!(x->toks[b - 1].ent && x->toks[b - 1].ent->kind == NP_KIND_MISC) &&
			c->kind != NP_KIND_MISC)
			v[V_TEAM] += 2;
		/* "Lyon won 2-1", "Nantes drew 1-1" */
		if (!poss && (rn & NP_ROLE_TEAMCUE) && is_score(x, n + 1))
			v[V_TEAM] += 2;
	}

	/* events and products: "the Weltklasse meeting", "Gundam models" */
	if (!poss && n < x->ntoks && (x->toks[n].flags & TK_LOWER))
	{
		if (word_in(x, n, event_nouns) || (ctx->sport && word_in(x, n, sport_event_nouns)))
			v[V_MISC] += 4;
		else if (word_in(x, n, product_nouns) ||
				 (tok_is(x, n, "operating") && tok_is(x, n + 1, "system")))
			v[V_MISC] += 2;
	}
	if (is_punct(x, b, '-') && !(x->toks[b].flags & TK_SPACE) && tok_is(x, b + 1, "branded"))
		v[V_MISC] += 2;

	/* places */
	if (ta->ctx & CTX_DATELINE)
		v[V_LOC] += 5;
	if (!(ctx->sport && a >= 1 && tok_is(x, a - 1, "at")))
		v[V_LOC] += locative(x, a);
	if (NpExBeforePlaceNoun(x, b))
		v[V_LOC] += 2;
	/*
	 * "Kilmarnock, Scotland", "Chicago, United States" (not "Halifax,
	 * Britain's biggest lender")
	 */
	if (is_punct(x, b, ',') && is_word(x, b + 1) && entry_is_country(x->toks[b + 1].ent) &&
		!entry_is_country(ta->ent) &&
		!(b + 2 < x->ntoks && (x->toks[b + 2].flags & TK_POSS)))
		v[V_LOC] += 3;
	/* "Denmark-based", "San Jose, California-based" */
	if (is_punct(x, b, '-') && is_word(x, b + 1) && tok_is(x, b + 1, "based"))
		v[V_LOC] += 3;
}

/* a disjoint-set forest over the candidates */
static int
find_root(int *parent, int i)
{
	while (parent[i] != i)
	{
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

/*
 * Can candidate c be part of a team's name ("Nottingham" of "Nottingham
 * Forest", "St Germain" of "Paris St Germain")?
 */
static bool
team_part(const Extractor *x, const Cand *c)
{
	if (c->kind == NP_KIND_MISC || cand_is_country(c) || (c->flags & MF_TITLECTX))
		return false;
	if (c->kind == NP_KIND_PER && (x->toks[c->a].roles & NP_ROLE_GIVEN))
		return false;
	return c->kind == NP_KIND_LOC || c->kind == NP_KIND_ORG || c->kind == KIND_UNKNOWN;
}

/* words that end or start football clubs' names */
static const char *const club_words[] = {
	"united", "city", "town", "county", "rovers", "wanderers", "athletic", "albion",
	"rangers", "hotspur", "villa", "palace", "forest", "wednesday", "thistle", "celtic",
	"argyle", "orient", "vale", "juniors", "real", "racing", "sporting", "olympique",
	"borussia", "werder", "hertha", "eintracht", "fortuna", "bayer", "dynamo", "dinamo",
	"lokomotiv", "spartak", "hapoel", "maccabi", "partizan", "slavia", "sparta", "rapid",
	"deportivo", "atletico", "inter", "fc", "sc", "sv", "cf", "ac", "as", "vfb", "vfl",
	"cska", "sc", "afc", NULL
};

/*
 * In a sports article, do p and its neighbour c make one team ("Nottingham
 * Forest", "Utah Jazz", "Bayer Leverkusen", "Paris St Germain")?  A place
 * and one uncommon word may be a person ("Troy Brouwer"): that needs team
 * votes for the pair.
 */
static bool
team_pair(Extractor *x, const Cand *p, const Cand *c)
{
	int			k;
	bool		club = false;

	if (!x->ctx->sport || !team_part(x, p) || !team_part(x, c))
		return false;
	if (p->kind == NP_KIND_LOC && c->kind == NP_KIND_LOC)
		return false;
	for (k = p->a; k < c->b; k++)
		if (word_in(x, k, club_words))
			club = true;
	if (club || (p->flags & MF_TEAM) || (c->flags & MF_TEAM) ||
		subtype_is(p->subtype, p->subtypelen, "sport") ||
		subtype_is(c->subtype, c->subtypelen, "sport"))
		return true;
	/*
	 * "Utah Jazz", "Green Bay Packers": a place and a nickname, with team
	 * votes or after "the"
	 */
	if (p->kind == NP_KIND_LOC && c->b - c->a == 1 && c->kind != NP_KIND_LOC)
	{
		Cand		pair = *p;
		int			v[NVOTES] = {0};

		pair.b = c->b;
		pair.kind = KIND_UNKNOWN;
		pair.flags = 0;
		vote(x, &pair, v);
		/* "the Miami Heat": no person's name follows "the" */
		return (v[V_TEAM] >= 2 || (p->a >= 1 && tok_is(x, p->a - 1, "the"))) &&
			v[V_PER] == 0;
	}
	/* "Paris St Germain", "Bayer Leverkusen", "Hertha Berlin" */
	return (p->kind == NP_KIND_LOC || p->kind == NP_KIND_ORG || p->kind == KIND_UNKNOWN) &&
		(c->kind == NP_KIND_LOC || c->kind == KIND_UNKNOWN || c->kind == NP_KIND_ORG) &&
		(p->kind == KIND_UNKNOWN || c->kind == KIND_UNKNOWN || p->b - p->a + c->b - c->a >= 3);
}

/*
 * Do p and its neighbour c make one company ("Tesco Polska", "Netto Poland",
 * "BBC Sport")?  A company (or an unknown name in a business article) and
 * one more word: a country or an unknown name.
 */
static bool
firm_pair(Extractor *x, const Cand *p, const Cand *c)
{
	bool		firm = (p->kind == NP_KIND_ORG &&
						(subtype_is(p->subtype, p->subtypelen, "company") ||
						 subtype_is(p->subtype, p->subtypelen, "media"))) ||
		(p->kind == KIND_UNKNOWN && p->b - p->a == 1 && x->ctx->business &&
		 !NpExIsCommonWord(x->text + x->toks[p->a].start, tok_len(x, p->a)));

	if (!firm || c->b - c->a != 1 || (x->toks[c->a].flags & TK_ALLCAPS))
		return false;
	return cand_is_country(c) || c->kind == KIND_UNKNOWN;
}

/*
 * Make candidate c cover tokens [c->a, b) as a name of the given kind and
 * flags, dropping what a gazetteer entry had resolved for it (canonical
 * name, subtype, link).
 */
static void
cand_retype(Cand *c, int b, int kind, int flags)
{
	c->b = b;
	c->kind = (uint8_t) kind;
	c->flags = (uint8_t) flags;
	c->canon = NULL;
	c->canonlen = 0;
	c->subtype = NULL;
	c->subtypelen = 0;
	c->link = NULL;
	c->linklen = 0;
}

/*
 * "the Aarons 499", "the 2011 Auto Club 400", "Indianapolis 500": a name and
 * a three-digit number after "the" or a year is a race, the number inside.
 * Not a number of something ("the Boston 203 points"), nor a score.
 */
static void
race_number(Extractor *x, Cand *c)
{
	int			b = c->b;
	int			p = c->a - 1;
	const char *w;

	if (b >= x->ntoks || !is_num(x, b) || tok_len(x, b) != 3 ||
		!(x->toks[b].flags & TK_SPACE) || c->kind == NP_KIND_MISC)
		return;
	w = x->text + x->toks[b].start;
	if (w[0] == '0' || !(w[1] >= '0' && w[1] <= '9') || !(w[2] >= '0' && w[2] <= '9'))
		return;
	/* the number ends the phrase: "Auto Club 400.", "Aarons 499 in" */
	if (b + 1 < x->ntoks && !(x->toks[b + 1].flags & TK_SPACE) &&
		!is_punct(x, b + 1, '.') && !is_punct(x, b + 1, ',') && !is_punct(x, b + 1, ')'))
		return;
	if (b + 1 < x->ntoks && is_word(x, b + 1) && (x->toks[b + 1].flags & TK_LOWER) &&
		!word_in(x, b + 1, (const char *const[]) {"in", "at", "on", "that", "which",
					"was", "is", "will", "race", "and", NULL}))
		return;
	if (!(p >= 0 && (tok_is(x, p, "the") ||
					 (is_num(x, p) && tok_len(x, p) == 4))))
		return;
	cand_retype(c, b + 1, NP_KIND_MISC, 0);
}

/*
 * Join neighbouring candidates of one capitalised run that make one name: in
 * a sports article a place and more capitals are a team ("Nottingham
 * Forest", "Utah Jazz", "Bayer Leverkusen"); a nationality before an event
 * is one event ("English Premier League").
 */
static void
merge_neighbours(Extractor *x)
{
	int			r,
				w = 0;

	for (r = 0; r < x->ncands; r++)
	{
		Cand	   *c = &x->cands[r];

		NP_CHECK_FOR_INTERRUPTS();
		race_number(x, c);
		if (w > 0)
		{
			Cand	   *p = &x->cands[w - 1];
			const Tok  *t = &x->toks[c->a];
			bool		adjacent = c->a == p->b && (t->flags & TK_SPACE) && !(t->flags & TK_NL) &&
				!(t->flags & TK_SENT) && c->b - p->a <= 4;

			/* "Dale Earnhardt, Jr.": a generational suffix after a comma */
			if ((p->kind == NP_KIND_PER || (p->kind == KIND_UNKNOWN && p->b - p->a >= 2)) &&
				c->b - c->a == 1 && c->a == p->b + 1 &&
				is_punct(x, p->b, ',') && NpExIsGeneration(x, c->a) &&
				!(t->flags & TK_NL))
			{
				p->b = c->b;
				p->kind = NP_KIND_PER;
				continue;
			}
			/* "G. Hick", "K.J. Choi", "D. Cork": initials and a surname */
			if (adjacent && p->b - p->a == 1 && c->kind != NP_KIND_MISC &&
				((x->toks[p->a].flags & TK_INITIALS) ||
				 ((x->toks[p->a].flags & TK_ABBR) && tok_len(x, p->a) == 2)))
			{
				cand_retype(p, c->b, NP_KIND_PER, 0);
				continue;
			}
			if (adjacent && (team_pair(x, p, c) || firm_pair(x, p, c)))
			{
				cand_retype(p, c->b, NP_KIND_ORG, x->ctx->sport ? MF_TEAM : 0);
				continue;
			}
			/* "S&P/ASX 200 index": two names of one index */
			if (c->a == p->b + 1 && is_punct(x, p->b, '/') && !(t->flags & TK_SPACE) &&
				!(x->toks[p->b].flags & TK_SPACE) && index_end(x, c->b) >= 0 &&
				p->kind != NP_KIND_PER && c->kind != NP_KIND_PER)
			{
				cand_retype(p, c->b, NP_KIND_ORG, 0);	/* made an index below */
				continue;
			}
			/* "West Chicago", "Southern Poland": a compass word and a place */
			if (adjacent && p->b - p->a == 1 && c->kind == NP_KIND_LOC &&
				(x->toks[p->a].flags & TK_CAP) && !(x->toks[p->a].flags & TK_ALLCAPS) &&
				word_in(x, p->a, compass_words) && !(p->flags & MF_TITLECTX))
			{
				cand_retype(p, c->b, NP_KIND_LOC, 0);
				continue;
			}
			/* "Central European", "North African": one nationality */
			if (adjacent && p->b - p->a == 1 && cand_is_demonym(c) &&
				(x->toks[p->a].flags & TK_CAP) && !(x->toks[p->a].flags & TK_ALLCAPS) &&
				word_in(x, p->a, compass_words))
			{
				cand_retype(p, c->b, NP_KIND_MISC, 0);
				p->subtype = c->subtype;
				p->subtypelen = c->subtypelen;
				continue;
			}
			/* "Magnus Norman": an unknown word and a nationality ending the run */
			if (adjacent && p->kind == KIND_UNKNOWN && p->b - p->a == 1 && c->b - c->a == 1 &&
				(c->flags & MF_GAZ) && subtype_is(c->subtype, c->subtypelen, "nationality") &&
				x->text[x->toks[c->a].end - 1] != 's' && !is_cap(x, c->b) &&
				(x->toks[p->a].flags & TK_CAP) && !(x->toks[p->a].flags & TK_ALLCAPS) &&
				x->toks[p->a].roles == 0 &&
				!NpExIsCommonWord(x->text + x->toks[p->a].start, tok_len(x, p->a)))
			{
				p->b = c->b;
				p->kind = NP_KIND_PER;
				p->flags = 0;
				continue;
			}
			if (adjacent && p->kind == NP_KIND_MISC && c->kind == NP_KIND_MISC &&
				p->b - p->a == 1 && cand_is_demonym(p) &&
				subtype_is(c->subtype, c->subtypelen, "event"))
			{
				p->b = c->b;
				p->flags &= ~MF_GAZ;
				p->canon = NULL;
				p->canonlen = 0;
				p->subtype = c->subtype;
				p->subtypelen = c->subtypelen;
				continue;
			}
		}
		if (w != r)
			x->cands[w] = *c;
		w++;
	}
	x->ncands = w;
}

/*
 * Decide the kind of every name once per article from the votes of all its
 * mentions, then let short mentions inherit.  Runs before the article-level
 * resolution of extract.c, which resolves what is left unknown.
 */
void
NpCtxDecide(Extractor *x)
{
	NpCtx	   *ctx = x->ctx;
	int			n;
	int		   *parent;
	int		   *votes;
	int		   *decided;
	int		   *known;			/* per group: its first mention with a kind */
	bool	   *hard;
	NpStrMap   *bytext;
	int			i;

	merge_neighbours(x);
	n = x->ncands;
	if (n == 0)
		return;
	parent = np_alloc(sizeof(int) * (size_t) n);
	votes = np_alloc0(sizeof(int) * (size_t) n * NVOTES);
	decided = np_alloc(sizeof(int) * (size_t) n);
	known = np_alloc(sizeof(int) * (size_t) n);
	hard = np_alloc0(sizeof(bool) * (size_t) n);
	bytext = NpStrMapCreate();

	/* 1. mentions of the same name (case folded) form one group */
	for (i = 0; i < n; i++)
	{
		const Cand *c = &x->cands[i];
		const char *w;
		size_t		l;
		int			j;

		NP_CHECK_FOR_INTERRUPTS();
		parent[i] = i;
		l = x->toks[c->b - 1].end - x->toks[c->a].start;
		w = ctx->fold + x->toks[c->a].start;
		j = NpStrMapGet(bytext, w, l);
		if (j < 0)
			NpStrMapPut(bytext, w, l, i);
		else
			parent[i] = find_root(parent, j);
	}

	/* 2. votes, added up per group (nationalities and countries need none) */
	for (i = 0; i < n; i++)
	{
		int			v[NVOTES] = {0};
		int			r = find_root(parent, i);
		int			j;

		NP_CHECK_FOR_INTERRUPTS();
		if (x->cands[i].kind == NP_KIND_MISC || cand_is_country(&x->cands[i]))
			continue;
		vote(x, &x->cands[i], v);
		for (j = 0; j < NVOTES; j++)
			votes[r * NVOTES + j] += v[j];
	}

	/* 3. one kind per group */
	for (i = 0; i < n; i++)
		decided[i] = known[i] = -1;
	for (i = n - 1; i >= 0; i--)
		if (x->cands[i].kind != KIND_UNKNOWN)
			known[find_root(parent, i)] = i;
	for (i = 0; i < n; i++)
	{
		const Cand *c = &x->cands[i];
		int			r = find_root(parent, i);
		const int  *v = &votes[r * NVOTES];
		int			prior = c->kind;
		int			kind = prior;
		int			org = v[V_ORG] + v[V_TEAM];

		NP_CHECK_FOR_INTERRUPTS();
		if (decided[r] >= 0)
			continue;
		/* the group's prior: its first mention with a kind */
		if (prior == KIND_UNKNOWN && known[r] >= 0)
		{
			c = &x->cands[known[r]];
			prior = kind = c->kind;
		}
		if (prior == NP_KIND_LOC && cand_is_country(c))
			kind = NP_KIND_LOC; /* countries, also as national sides */
		/* an event or a product the gazetteer does not know */
		else if (v[V_MISC] >= 2 && v[V_MISC] > org && v[V_MISC] > v[V_PER] &&
				 v[V_MISC] > v[V_LOC] && prior != NP_KIND_MISC && !(c->flags & MF_GAZ))
			kind = NP_KIND_MISC;
		else if (ctx->sport && v[V_TEAM] >= 2 && v[V_TEAM] > v[V_LOC] &&
				 v[V_TEAM] >= v[V_PER] && prior != NP_KIND_MISC &&
				 !(prior == NP_KIND_PER && v[V_PER] > 0))
			kind = NP_KIND_ORG;
		else if (((v[V_ORG] >= 3 && v[V_ORG] > v[V_LOC]) || (v[V_ORG] >= 2 && v[V_LOC] == 0)) &&
				 v[V_ORG] > v[V_PER] &&
				 (prior == KIND_UNKNOWN || prior == NP_KIND_LOC ||
				  (prior == NP_KIND_PER && v[V_PER] == 0)))
			kind = NP_KIND_ORG;
		/* "b Cork", "c Salisbury": a person with a place's name */
		else if ((prior == NP_KIND_LOC || (prior == NP_KIND_ORG && (c->flags & MF_GAZ))) &&
				 c->b - c->a == 1 && v[V_PER] >= 3 && v[V_PER] > v[V_LOC] + org)
			kind = NP_KIND_PER;
		/* a ground: "at the Wachovia Center", "at Firestone Country Club" */
		else if (prior == NP_KIND_ORG && ctx->sport && !(c->flags & MF_GAZ) &&
				 v[V_LOC] >= 2 && v[V_LOC] > org && word_in(x, c->b - 1, venue_words))
			kind = NP_KIND_LOC;
		else if (prior == KIND_UNKNOWN)
		{
			/* "D.K. Shivakumar": initials and a surname */
			if ((x->toks[c->a].flags & TK_INITIALS) && c->b - c->a >= 2 && c->b - c->a <= 3 &&
				is_cap(x, c->b - 1) && !(x->toks[c->b - 1].flags & TK_ALLCAPS) &&
				org < 2 && v[V_LOC] < 2)
				kind = NP_KIND_PER;
			else if (v[V_PER] >= 2 && v[V_PER] > org && v[V_PER] > v[V_LOC])
				kind = NP_KIND_PER;
			else if (v[V_LOC] >= 2 && v[V_LOC] > org && v[V_LOC] > v[V_PER])
				kind = NP_KIND_LOC;
			else if (org >= 2 && org > v[V_PER] && org > v[V_LOC])
				kind = NP_KIND_ORG;
			else if (ctx->sport && v[V_TEAM] >= 1 && v[V_PER] == 0 && v[V_LOC] == 0 &&
					 c->b - c->a == 1)
				kind = NP_KIND_ORG;
			else if (ctx->sport || ctx->business)
				kind = default_kind(x, c, v);
		}
		decided[r] = kind;
	}

#if defined(NP_STANDALONE) && defined(NP_CTX_DEBUG)
	fprintf(stderr, "ctx: sport %d business %d\n", ctx->sport, ctx->business);
	for (i = 0; i < n; i++)
		if (find_root(parent, i) == i)
		{
			const int  *v = &votes[i * NVOTES];
			size_t		l = x->toks[x->cands[i].b - 1].end - x->toks[x->cands[i].a].start;

			fprintf(stderr, "ctx: %-30.*s prior %2d -> %2d  per %d org %d team %d loc %d\n",
					(int) l, x->text + x->toks[x->cands[i].a].start, x->cands[i].kind,
					decided[i], v[V_PER], v[V_ORG], v[V_TEAM], v[V_LOC]);
		}
#endif

	/* 4. every mention takes its group's kind, but for decisive local cues */
	for (i = 0; i < n; i++)
	{
		Cand	   *c = &x->cands[i];
		int			kind = decided[find_root(parent, i)];
		const Tok  *ta = &x->toks[c->a];

		NP_CHECK_FOR_INTERRUPTS();
		if (ta->ctx & CTX_DATELINE)
			kind = NP_KIND_LOC, hard[i] = true;
		else if (ta->ctx & CTX_AGENCY)
			kind = NP_KIND_ORG, hard[i] = true;
		else if ((c->flags & MF_TEAM) && !cand_is_country(c))
			kind = NP_KIND_ORG;
		else if (kind == NP_KIND_ORG && c->kind == NP_KIND_LOC && strong_place(x, c))
			kind = NP_KIND_LOC, hard[i] = true; /* "in Leverkusen" stays a place */
		/*
		 * "22 Republicans", "52 Democrats", "opposition from Republicans":
		 * members, not the party ("the Democrats", "Liberals, which...")
		 */
		if (kind == NP_KIND_ORG && subtype_is(c->subtype, c->subtypelen, "party") &&
			c->b - c->a == 1 && c->a >= 1 &&
			(is_num(x, c->a - 1) || word_in(x, c->a - 1, (const char *const[]) {"many",
						"some", "most", "two", "three", "several", "few", "other", NULL})))
			kind = NP_KIND_MISC;
		else if (kind == NP_KIND_ORG && subtype_is(c->subtype, c->subtypelen, "party") &&
				 c->b - c->a == 1 && tok_len(x, c->a) > 4 &&
				 x->text[x->toks[c->a].end - 1] == 's' && !(x->toks[c->a].flags & TK_ALLCAPS) &&
				 !(c->a >= 1 && (tok_is(x, c->a - 1, "the") || tok_is(x, c->a - 1, "The") ||
								 (x->toks[c->a - 1].flags & TK_POSS))) &&
				 !(is_punct(x, c->b, ',') && tok_is(x, c->b + 1, "which")) &&
				 !tok_is(x, c->b, "which"))
			kind = NP_KIND_MISC;
		/* a competition in sport: "Premier League", not "Football League" */
		if (kind == NP_KIND_ORG && ctx->sport && c->b - c->a >= 2 && !(c->flags & MF_GAZ) &&
			word_in(x, c->b - 1, (const char *const[]) {"league", NULL}) &&
			!(lower_roles(x, c->b - 2) & NP_ROLE_SPORT))
			kind = NP_KIND_MISC;
		/* a division in sport: "NFC North", "AL EAST" */
		if (ctx->sport && c->b - c->a == 2 && (x->toks[c->a].flags & TK_ALLCAPS) &&
			tok_len(x, c->a) <= 4 && word_in(x, c->a + 1, compass_words))
			kind = NP_KIND_MISC;
		/* "14th in the Championship", "won the Open": the competition */
		if (ctx->sport && c->b - c->a == 1 && (x->toks[c->a].roles & NP_ROLE_MISCHEAD) &&
			!(x->toks[c->a].flags & TK_ALLCAPS) && c->a >= 1 && tok_is(x, c->a - 1, "the"))
			kind = NP_KIND_MISC;
		if (kind >= 0 && kind != c->kind)
		{
			c->kind = (uint8_t) kind;
			if (kind != NP_KIND_LOC && (c->flags & MF_GAZ))
			{
				/* the gazetteer's place is not this club */
				c->flags &= ~MF_GAZ;
				c->subtype = NULL;
				c->subtypelen = 0;
				c->link = NULL;
				c->linklen = 0;
			}
		}
	}

	/* an index: "the Nikkei average", "the FTSE 100 index" */
	for (i = 0; i < n; i++)
	{
		Cand	   *c = &x->cands[i];
		int			e;

		const NpGazEntry *ge;

		if (c->kind == NP_KIND_PER || c->kind == NP_KIND_LOC || c->b - c->a > 6 || hard[i] ||
			(e = index_end(x, c->b)) < 0 ||
			(i + 1 < n && x->cands[i + 1].a < e))
			continue;
		/* not a place: "the Tokyo stock index" */
		ge = exact_entry(x, c->a, c->b);
		if (ge != NULL && ge->kind == NP_KIND_LOC)
			continue;
		c->b = e > c->b ? e : c->b;
		c->kind = NP_KIND_MISC;
		c->flags &= ~MF_GAZ;
		c->canon = NULL;
		c->canonlen = 0;
		c->subtype = "index";
		c->subtypelen = 5;
		c->link = NULL;
		c->linklen = 0;
	}

	/* 5. short mentions inherit: a word of a team's name alone is the team */
	if (ctx->sport)
	{
		NpStrMap   *words;

		words = NpStrMapCreate();
		for (i = 0; i < n; i++)
		{
			const Cand *c = &x->cands[i];

			NP_CHECK_FOR_INTERRUPTS();
			if (c->kind != NP_KIND_ORG || c->b - c->a < 2 || c->linklen == (size_t) -1)
				continue;
			NpStrMapPut(words, ctx->fold + x->toks[c->a].start, tok_len(x, c->a), i);
			NpStrMapPut(words, ctx->fold + x->toks[c->b - 1].start, tok_len(x, c->b - 1), i);
		}
		for (i = 0; i < n && NpStrMapCount(words) > 0; i++)
		{
			Cand	   *c = &x->cands[i];
			int			j;
			const int  *v = &votes[find_root(parent, i) * NVOTES];

			NP_CHECK_FOR_INTERRUPTS();
			if (c->b - c->a != 1 || c->kind == NP_KIND_ORG || c->kind == NP_KIND_MISC ||
				cand_is_country(c) || hard[i] || v[V_PER] > 0 || v[V_LOC] > v[V_TEAM])
				continue;
			j = NpStrMapGet(words, ctx->fold + x->toks[c->a].start, tok_len(x, c->a));
			if (j >= 0 && j != i)
				link_to(c, &x->cands[j], NP_KIND_ORG);
		}
		NpStrMapFree(words);
	}

	/*
	 * 6. surnames: "ZABEL" is "Erik Zabel", "Jordan" is "Michael Jordan" when
	 * nothing says it is a place
	 */
	{
		NpStrMap   *people;

		people = NpStrMapCreate();
		for (i = 0; i < n; i++)
		{
			const Cand *c = &x->cands[i];

			NP_CHECK_FOR_INTERRUPTS();
			if (c->kind != NP_KIND_PER || c->b - c->a < 2 ||
				(x->toks[c->a].flags & TK_ALLCAPS) || c->linklen == (size_t) -1)
				continue;
			NpStrMapPut(people, ctx->fold + x->toks[c->b - 1].start, tok_len(x, c->b - 1), i);
		}
		for (i = 0; i < n && NpStrMapCount(people) > 0; i++)
		{
			Cand	   *c = &x->cands[i];
			int			j;
			const int  *v = &votes[find_root(parent, i) * NVOTES];

			NP_CHECK_FOR_INTERRUPTS();
			if (c->b - c->a != 1 || c->kind == NP_KIND_MISC || c->kind == NP_KIND_PER || hard[i])
				continue;
			/* a headline's verbs say nothing ("WOODS LEADS"), the text's do */
			if (!(x->toks[c->a].ctx & CTX_CAPSLINE) && (v[V_LOC] > 0 || v[V_ORG] + v[V_TEAM] > 0))
				continue;
			j = NpStrMapGet(people, ctx->fold + x->toks[c->a].start, tok_len(x, c->a));
			if (j >= 0 && j != i)
				link_to(c, &x->cands[j], NP_KIND_PER);
		}
		NpStrMapFree(people);
	}

	NpStrMapFree(bytext);
	np_free(parent);
	np_free(votes);
	np_free(decided);
	np_free(known);
	np_free(hard);
}

/*
 * Is this a sports article?
 */
bool
NpCtxIsSport(const Extractor *x)
{
	return x->ctx != NULL && x->ctx->sport;
}

/*
 * Release the context layer's state.
 */
void
NpCtxFree(Extractor *x)
{
	if (x->ctx == NULL)
		return;
	NpStrMapFree(x->ctx->names);
	NpStrMapFree(x->ctx->lastwords);
	NpStrMapFree(x->ctx->acronyms);
	np_free(x->ctx->fold);
	np_free(x->ctx);
	x->ctx = NULL;
}
