/*-------------------------------------------------------------------------
 *
 * corpus_gen.c
 *	  Generate a realistic bench corpus of news articles: wire formulas,
 *	  dividend notices, earnings, price and results tables, briefs, stories
 *	  and features, with planted families of republished copies and
 *	  independent reports of the same events.  See bench/README.md.
 *
 * Usage: corpus_gen [options] N > corpus.tsv
 *	 -m FILE	the sentence model (default data/corpus_model.txt)
 *	 -s SEED	seed (default 1); the same seed and N give the same corpus
 *	 -p I/K		write only part I of K (blocks b with b % K == I), so that
 *				K processes can generate one corpus; parts concatenate
 *	 -d DAYS	days the publication times spread over (default 90)
 *	 -t FILE	write the truth: one line per family member and round-up
 *	 -a			with -t: a truth line for every article (role single for
 *				the others), so that every article's form is known
 *	 -c			CSV with a header instead of COPY text format
 *	 -r			readable output: a header line, then the body as text
 *	 -f FRAC	share of articles in planted families (default 0.25)
 *
 * Columns: id, outlet, published_at, kind, family, body.  kind is brief,
 * table, story, feature or round-up; family is the planted family (an event)
 * or NULL.  The truth file has id, family, role (original, copy,
 * independent, roundup), source (the article a copy was made from; the
 * quoted originals of a round-up), edits (the edits that made a copy) and
 * form (dividend, earnings, prices, results, standings, company, market,
 * court, sport, general).
 *
 * Articles are made in blocks of 4096 ids; a family's members all lie in
 * one block, in random positions.  Memory is bounded by one block.
 *
 * bench/corpus_gen.c
 *
 *-------------------------------------------------------------------------
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus_formulas.h"

#define NELEM(a) ((int) (sizeof(a) / sizeof((a)[0])))
#define BLOCK 4096

/* ------------------------------------------------------------------ */
/* random numbers: splitmix64 */

typedef struct Rng
{
	uint64_t	s;
} Rng;

static uint64_t
mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t
rnext(Rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix64(r->s);
}

static double
runif(Rng *r)
{
	return (double) (rnext(r) >> 11) / 9007199254740992.0;
}

static int
rint_(Rng *r, int n)
{
	return n <= 1 ? 0 : (int) (rnext(r) % (uint64_t) n);
}

static int
chance(Rng *r, double p)
{
	return runif(r) < p;
}

static Rng
rng_for(uint64_t a, uint64_t b, uint64_t c)
{
	Rng			r;

	r.s = mix64(mix64(mix64(a) ^ b) ^ c);
	return r;
}

/* rank in [0, n) with weight about 1 / (rank + k): Zipf with an offset */
static long
zipf_rank(Rng *r, long n, double k)
{
	double		u = runif(r);
	long		x = (long) (k * exp(u * log((n + k) / k)) - k);

	return x < 0 ? 0 : x >= n ? n - 1 : x;
}

/* entry of a popularity-ordered list: weight 1 / (rank + 3) */
static int
pick(Rng *r, int n)
{
	return (int) zipf_rank(r, n, 3.0);
}

/* ------------------------------------------------------------------ */
/* memory: a bump arena, reset after every block */

typedef struct Chunk
{
	struct Chunk *next;
	size_t		used,
				size;
	char		data[];
} Chunk;

static Chunk *arena;

static void *
aalloc(size_t n)
{
	n = (n + 15) & ~(size_t) 15;
	if (!arena || arena->used + n > arena->size)
	{
		size_t		sz = n > (8u << 20) ? n : (8u << 20);
		Chunk	   *c = malloc(sizeof(Chunk) + sz);

		if (!c)
		{
			fprintf(stderr, "corpus_gen: out of memory\n");
			exit(1);
		}
		c->next = arena;
		c->used = 0;
		c->size = sz;
		arena = c;
	}
	arena->used += n;
	return arena->data + arena->used - n;
}

static void
areset(void)
{
	while (arena)
	{
		Chunk	   *n = arena->next;

		free(arena);
		arena = n;
	}
}

static char *
astrdup(const char *s, int len)
{
	char	   *p = aalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* growable string */
typedef struct Buf
{
	char	   *s;
	int			len,
				cap;
} Buf;

static void
bput(Buf *b, const char *s, int n)
{
	if (b->len + n + 1 > b->cap)
	{
		b->cap = (b->len + n + 1) * 2 + 64;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			exit(1);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
bputs(Buf *b, const char *s)
{
	bput(b, s, (int) strlen(s));
}

static void
bprintf(Buf *b, const char *fmt,...)
{
	char		tmp[512];
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	bput(b, tmp, n < (int) sizeof(tmp) ? n : (int) sizeof(tmp) - 1);
}

/* ------------------------------------------------------------------ */
/* the sentence model: word pools and frames */

typedef struct Pool
{
	char		name[64];
	char		sig[64];		/* the WordNet readings of a word pool: "N+V" */
	int			n;
	char	  **w;
	double	   *cum;			/* cumulative weights */
} Pool;

#define MAXPOOLS 64
static Pool pools[MAXPOOLS];
static int	npools;
static int	P_GIVEN = -1,
			P_SUR = -1,
			P_LOC = -1,
			P_ORG = -1,
			P_NAM = -1,
			P_W0 = -1;
static char **frames;
static char *frame_mark;		/* 'A' new article, 'P' new paragraph, 'S' */
static char *frame_dom;			/* 0 business, 1 courts, 2 sport, 3 general */
static int *dom_start[4];		/* first frames of the articles of a domain */
static int	ndom_start[4];
static int	nframes;

/* word -> pool, for substitutions in copies */
static char **wmap_key;
static int *wmap_pool;
static size_t wmap_size;

static uint64_t
hash_str(const char *s, int n)
{
	uint64_t	h = 1469598103934665603ULL;

	for (int i = 0; i < n; i++)
		h = (h ^ (unsigned char) s[i]) * 1099511628211ULL;
	return h;
}

static void
wmap_put(const char *w, int pool)
{
	size_t		i = hash_str(w, (int) strlen(w)) & (wmap_size - 1);

	while (wmap_key[i])
	{
		if (strcmp(wmap_key[i], w) == 0)
			return;
		i = (i + 1) & (wmap_size - 1);
	}
	wmap_key[i] = (char *) w;
	wmap_pool[i] = pool;
}

static int
wmap_get(const char *w, int n)
{
	size_t		i = hash_str(w, n) & (wmap_size - 1);

	while (wmap_key[i])
	{
		if ((int) strlen(wmap_key[i]) == n && memcmp(wmap_key[i], w, n) == 0)
			return wmap_pool[i];
		i = (i + 1) & (wmap_size - 1);
	}
	return -1;
}

static double alpha_words = 0.85;	/* pool weight = count ^ alpha */
static double alpha_names = 0.7;

static void
load_model(const char *path)
{
	FILE	   *f = fopen(path, "r");
	char		line[8192];
	Pool	   *cur = NULL;
	int			k = 0;
	int			fcap = 0;
	size_t		nwords = 0;

	if (!f)
	{
		fprintf(stderr, "corpus_gen: cannot open %s (run from the top of the tree or give -m)\n", path);
		exit(2);
	}
	while (fgets(line, sizeof(line), f))
	{
		int			len = (int) strlen(line);

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (line[0] == '#' || len == 0)
			continue;
		if (strncmp(line, "%pool ", 6) == 0)
		{
			int			n;
			char		name[64],
						sig[64] = "";

			if (sscanf(line + 6, "%63s %d %63s", name, &n, sig) < 2 || npools >= MAXPOOLS)
				goto bad;
			cur = &pools[npools];
			snprintf(cur->name, sizeof(cur->name), "%s", name);
			snprintf(cur->sig, sizeof(cur->sig), "%s", sig);
			cur->n = n;
			cur->w = malloc(sizeof(char *) * n);
			cur->cum = malloc(sizeof(double) * n);
			k = 0;
			if (strcmp(name, "GIVEN") == 0)
				P_GIVEN = npools;
			else if (strcmp(name, "SUR") == 0)
				P_SUR = npools;
			else if (strcmp(name, "LOC") == 0)
				P_LOC = npools;
			else if (strcmp(name, "ORG") == 0)
				P_ORG = npools;
			else if (strcmp(name, "NAM") == 0)
				P_NAM = npools;
			else if (strcmp(sig, "N") == 0)
				P_W0 = npools;
			npools++;
			continue;
		}
		if (strncmp(line, "%frames ", 8) == 0)
		{
			fcap = atoi(line + 8);
			frames = malloc(sizeof(char *) * (fcap + 1));
			frame_mark = malloc(fcap + 1);
			frame_dom = malloc(fcap + 1);
			for (int d = 0; d < 4; d++)
				dom_start[d] = malloc(sizeof(int) * (fcap + 1));
			cur = NULL;
			continue;
		}
		if (cur)
		{
			char	   *tab = strchr(line, '\t');
			double		c;

			if (!tab || k >= cur->n)
				goto bad;
			*tab = '\0';
			c = atof(tab + 1);
			cur->w[k] = strdup(line);
			c = pow(c < 1 ? 1 : c, cur->name[0] == 'w' ? alpha_words : alpha_names);
			cur->cum[k] = (k ? cur->cum[k - 1] : 0) + c;
			k++;
			if (cur->name[0] == 'w')
				nwords++;
			continue;
		}
		if (frames && nframes < fcap && len > 3 && line[2] == ' ')
		{
			int			d = line[1] == 'b' ? 0 : line[1] == 'c' ? 1 : line[1] == 's' ? 2 : 3;

			frame_mark[nframes] = line[0];
			frame_dom[nframes] = (char) d;
			if (line[0] == 'A')
				dom_start[d][ndom_start[d]++] = nframes;
			frames[nframes++] = strdup(line + 3);
			continue;
		}
bad:
		fprintf(stderr, "corpus_gen: bad model line: %.80s\n", line);
		exit(2);
	}
	fclose(f);
	if (P_GIVEN < 0 || P_SUR < 0 || P_LOC < 0 || P_ORG < 0 || P_NAM < 0 || P_W0 < 0 || nframes < 100 ||
		!ndom_start[0] || !ndom_start[1] || !ndom_start[2] || !ndom_start[3])
	{
		fprintf(stderr, "corpus_gen: incomplete model %s\n", path);
		exit(2);
	}
	wmap_size = 1;
	while (wmap_size < nwords * 2 + 16)
		wmap_size <<= 1;
	wmap_key = calloc(wmap_size, sizeof(char *));
	wmap_pool = calloc(wmap_size, sizeof(int));
	for (int p = 0; p < npools; p++)
		if (pools[p].name[0] == 'w')
			for (int i = 0; i < pools[p].n; i++)
				wmap_put(pools[p].w[i], p);
}

static const char *
pool_draw(int p, Rng *r)
{
	Pool	   *pl = &pools[p];
	double		x = runif(r) * pl->cum[pl->n - 1];
	int			lo = 0,
				hi = pl->n - 1;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (pl->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return pl->w[lo];
}

static int
pool_index(const char *name, int n)
{
	for (int p = 0; p < npools; p++)
		if ((int) strlen(pools[p].name) == n && memcmp(pools[p].name, name, n) == 0)
			return p;
	return -1;
}

static int
pool_by_sig(const char *sig, int n)
{
	for (int p = 0; p < npools; p++)
		if (pools[p].name[0] == 'w' && (int) strlen(pools[p].sig) == n && memcmp(pools[p].sig, sig, n) == 0)
			return p;
	return -1;
}

/* ------------------------------------------------------------------ */
/* outlets and their house styles */

typedef struct Outlet
{
	const char *name;
	const char *code;			/* agency code in datelines, or NULL */
	int			pct;			/* 0 "percent", 1 "per cent", 2 "%" */
	int			money;			/* 0 "$5 million", 1 "5 million dollars", 2 "5 mln dlrs" */
	int			signoff;		/* 0 none, 1 "(Reporting by ...)", 2 "end" */
} Outlet;

static const Outlet outlets[] = {
	{"Northern Wire Service", "NWS", 0, 0, 1},
	{"Continental Press Agency", "CPA", 1, 1, 2},
	{"Capital Business Wire", "CBW", 0, 2, 0},
	{"Daily Courier", NULL, 1, 0, 0},
	{"Morning Post", NULL, 1, 0, 0},
	{"The Financial Ledger", NULL, 0, 0, 0},
	{"Metro News Online", NULL, 2, 0, 0},
	{"Pacific Newswire", "PNW", 0, 0, 1},
	{"The Evening Standard-Times", NULL, 1, 0, 0},
	{"Market Watchdog", NULL, 2, 0, 0},
	{"The National Herald", NULL, 1, 0, 0},
	{"Eastern Press Association", "EPA", 1, 1, 2},
	{"Business Daily", NULL, 0, 0, 0},
	{"Riverside Gazette", NULL, 1, 0, 0},
	{"The Sunday Chronicle", NULL, 1, 0, 0},
	{"Citywire Digest", NULL, 2, 0, 0},
	{"Valley Tribune", NULL, 0, 0, 0},
	{"The Northern Echo-Journal", NULL, 1, 0, 0},
	{"Atlantic Times", NULL, 0, 0, 0},
	{"Sports Desk", NULL, 1, 0, 0},
	{"Westland Examiner", NULL, 0, 0, 0},
	{"The Harbour Mail", NULL, 1, 0, 0},
	{"Lakeshore Record", NULL, 0, 0, 0},
	{"Newsroom Aggregator", NULL, 2, 0, 0},
	{"The Weekly Observer", NULL, 1, 0, 0},
	{"Highland Press", NULL, 1, 0, 0},
	{"Southern Dispatch", NULL, 0, 0, 0},
	{"The Investor Journal", NULL, 0, 2, 0},
	{"County Advertiser", NULL, 1, 0, 0},
	{"Global Markets Report", NULL, 2, 0, 0},
};

static int
pick_outlet(Rng *r)
{
	return (int) zipf_rank(r, NELEM(outlets), 2.0);
}

/* ------------------------------------------------------------------ */
/* the cast of an event: shared by the original, its copies and the
 * independent reports of the same event */

enum Form
{
	F_DIVIDEND, F_EARNINGS, F_PRICES, F_RESULTS, F_STANDINGS,
	F_COMPANY, F_MARKET, F_COURT, F_SPORT, F_GENERAL, NFORMS
};
static const char *form_name[] = {
	"dividend", "earnings", "prices", "results", "standings",
	"company", "market", "court", "sport", "general"
};

enum Kind
{
	K_BRIEF, K_TABLE, K_STORY, K_FEATURE, K_ROUNDUP
};
static const char *kind_name[] = {"brief", "table", "story", "feature", "round-up"};

#define NCOMPANIES 60000L
#define NTEAMS 3000L

typedef struct Cast
{
	uint64_t	seed;
	long		co[2];
	char		given[3][48],
				sur[3][48];
	int			role[3];
	const char *city,
			   *town,
			   *town2;
	int			day;			/* 0 = Monday */
	int			age,
				male;
	int			offence;
	long		team[3];
	int			s1,
				s2;
	double		pct1,
				usd;			/* millions */
	int			cts,
				cts0;
	double		price;
	int			quarter;
} Cast;

static const char *weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
static const char *months[] = {"January", "February", "March", "April", "May", "June", "July",
"August", "September", "October", "November", "December"};
static const char *quarters[] = {"first", "second", "third", "fourth"};
static const char *ordinals[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
"eighth", "ninth", "10th", "11th", "12th", "13th", "14th", "15th", "16th", "17th", "18th"};

static void
person(Rng *r, char *given, char *sur)
{
	snprintf(given, 48, "%s", pool_draw(P_GIVEN, r));
	/* surnames: half by their Wikinews counts, half from the whole list */
	if (chance(r, 0.5))
		snprintf(sur, 48, "%s", pool_draw(P_SUR, r));
	else
		snprintf(sur, 48, "%s", pools[P_SUR].w[rint_(r, pools[P_SUR].n)]);
}

static void
make_cast(Cast *c, uint64_t seed)
{
	Rng			r = rng_for(seed, 11, 0);

	memset(c, 0, sizeof(*c));
	c->seed = seed;
	c->co[0] = zipf_rank(&r, NCOMPANIES, 40.0);
	do
		c->co[1] = zipf_rank(&r, NCOMPANIES, 40.0);
	while (c->co[1] == c->co[0]);
	for (int i = 0; i < 3; i++)
	{
		person(&r, c->given[i], c->sur[i]);
		c->role[i] = pick(&r, NELEM(roles));
	}
	c->city = pool_draw(P_LOC, &r);
	c->town = towns[zipf_rank(&r, NELEM(towns), 8.0)];
	c->town2 = chance(&r, 0.5) ? c->town : towns[zipf_rank(&r, NELEM(towns), 8.0)];
	c->day = rint_(&r, 7);
	c->age = 17 + rint_(&r, 60);
	c->male = chance(&r, 0.75);
	c->offence = pick(&r, NELEM(offences));
	for (int i = 0; i < 3; i++)
		c->team[i] = zipf_rank(&r, NTEAMS, 20.0);
	c->s1 = 1 + rint_(&r, 4);
	c->s2 = rint_(&r, c->s1);
	c->pct1 = 0.1 * (1 + rint_(&r, 400));
	c->usd = chance(&r, 0.7) ? 1 + rint_(&r, 900) : 0.1 * (10 + rint_(&r, 400));
	c->cts = 3 + rint_(&r, 80);
	c->cts0 = 1 + rint_(&r, c->cts - 1);	/* a lower prior dividend */
	c->price = 0.25 * (8 + rint_(&r, 400));
	c->quarter = rint_(&r, 4);
}

/* a company's name, from its number alone (the same company everywhere) */
static void
company_name(long id, char *out, int outlen, int with_suffix)
{
	Rng			r = rng_for(0xc0ffee, (uint64_t) id, 1);
	char		stem[96];
	int			how = rint_(&r, 10);

	if (how < 4)
		snprintf(stem, sizeof(stem), "%s", pools[P_SUR].w[rint_(&r, pools[P_SUR].n)]);
	else if (how < 6)
		snprintf(stem, sizeof(stem), "%s", pools[P_LOC].w[rint_(&r, pools[P_LOC].n < 3000 ? pools[P_LOC].n : 3000)]);
	else if (how < 8)
	{
		const char *w = pools[P_W0].w[rint_(&r, pools[P_W0].n < 1500 ? pools[P_W0].n : 1500)];

		snprintf(stem, sizeof(stem), "%c%s", toupper((unsigned char) w[0]), w + 1);
	}
	else if (how < 9)
		snprintf(stem, sizeof(stem), "%s and %s", pools[P_SUR].w[rint_(&r, pools[P_SUR].n)],
				 pools[P_SUR].w[rint_(&r, pools[P_SUR].n)]);
	else
	{
		const char *a = pools[P_SUR].w[rint_(&r, pools[P_SUR].n)];
		const char *b = pools[P_W0].w[rint_(&r, 800)];

		snprintf(stem, sizeof(stem), "%s %c%s", a, toupper((unsigned char) b[0]), b + 1);
	}
	if (with_suffix)
		snprintf(out, outlen, "%s %s", stem, co_suffix[rint_(&r, NELEM(co_suffix))]);
	else
		snprintf(out, outlen, "%s", stem);
}

static void
ticker(long id, char *out)
{
	char		name[128];
	int			n = 0;

	company_name(id, name, sizeof(name), 0);
	for (int i = 0; name[i] && n < 4; i++)
		if (isalpha((unsigned char) name[i]))
			out[n++] = (char) toupper((unsigned char) name[i]);
	out[n++] = '.';
	out[n++] = "NOLK"[id % 4];
	out[n] = '\0';
}

static void
team_name(long id, char *out, int outlen)
{
	Rng			r = rng_for(0x7ea3, (uint64_t) id, 2);

	snprintf(out, outlen, "%s %s", pools[P_LOC].w[rint_(&r, pools[P_LOC].n < 4000 ? pools[P_LOC].n : 4000)],
			 team_suffix[rint_(&r, NELEM(team_suffix))]);
}

/* ------------------------------------------------------------------ */
/* articles: a list of units (sentences, or a table as one unit) */

typedef struct Unit
{
	char	   *s;
	int			len;
	uint8_t		brk;			/* starts a paragraph */
	uint8_t		table;			/* lines of a table: no edits inside */
} Unit;

typedef struct Art
{
	Unit	   *u;
	int			n,
				cap;
	int			kind,
				form,
				outlet;
	long		family;			/* 0 = none */
	int			role;			/* 0 single, 1 original, 2 copy, 3 independent, 4 roundup */
	long		source;			/* id of the copied article */
	long		sources[3];
	char		edits[64];
	const char *place;			/* the dateline's place */
	double		when;			/* days since the start */
	long		id;
	int			words;
} Art;

static void
art_add(Art *a, const char *s, int len, int brk, int table)
{
	if (a->n == a->cap)
	{
		int			nc = a->cap ? a->cap * 2 : 16;
		Unit	   *nu = aalloc(sizeof(Unit) * nc);

		if (a->n)
			memcpy(nu, a->u, sizeof(Unit) * a->n);
		a->u = nu;
		a->cap = nc;
	}
	a->u[a->n].s = astrdup(s, len);
	a->u[a->n].len = len;
	a->u[a->n].brk = (uint8_t) (brk || a->n == 0);
	a->u[a->n].table = (uint8_t) table;
	a->n++;
}

static int
count_words(const char *s, int n)
{
	int			w = 0,
				in = 0;

	for (int i = 0; i < n; i++)
	{
		int			sp = isspace((unsigned char) s[i]);

		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

/* ------------------------------------------------------------------ */
/* filling templates */

typedef struct Ctx
{
	Rng		   *r;
	const Cast *c;
	const Outlet *o;
	int			mentioned[3];
	int			quote_used;
	int			fpos;			/* position in the frames */
	int			dom;			/* frames of this domain */
	int			date_m;			/* month of {DATE2}, {DATE} the month after; -1 unset */
	int			depth;
} Ctx;

static void render(Ctx *x, Buf *b, const char *t, int n);
static void frame_sentence(Ctx *x, Buf *b, int mode);

static void
money(Ctx *x, Buf *b, double m)
{
	char		num[64];

	if (m >= 1000)
		snprintf(num, sizeof(num), "%.1f billion", m / 1000);
	else if (m >= 10 || m == floor(m))
		snprintf(num, sizeof(num), "%.0f million", m);
	else
		snprintf(num, sizeof(num), "%.1f million", m);
	switch (x->o->money)
	{
		case 0:
			bprintf(b, "$%s", num);
			break;
		case 1:
			bprintf(b, "%s dollars", num);
			break;
		default:
			{
				char	   *sp = strchr(num, ' ');

				*sp = '\0';
				bprintf(b, "%s %s dlrs", num, strcmp(sp + 1, "million") == 0 ? "mln" : "billion");
			}
	}
}

static void
percent(Ctx *x, Buf *b, double v)
{
	char		num[32];

	if (v >= 10)
		snprintf(num, sizeof(num), "%.0f", v);
	else
		snprintf(num, sizeof(num), "%.1f", v);
	bprintf(b, x->o->pct == 0 ? "%s percent" : x->o->pct == 1 ? "%s per cent" : "%s%%", num);
}

static void
digits(Ctx *x, Buf *b, const char *shape, int n)
{
	int			first = 1;

	for (int i = 0; i < n; i++)
	{
		char		ch = shape[i];

		if (ch == '9')
		{
			ch = (char) ('0' + (first ? 1 + rint_(x->r, 9) : rint_(x->r, 10)));
			first = 0;
		}
		else if (ch == '.' || ch == ',' || ch == ':' || ch == '/')
			;
		else
			first = 1;
		bput(b, &ch, 1);
	}
}

static void
person_ref(Ctx *x, Buf *b, int i, int full)
{
	if (full || !x->mentioned[i])
		bprintf(b, "%s %s", x->c->given[i], x->c->sur[i]);
	else
		bputs(b, x->c->sur[i]);
	x->mentioned[i] = 1;
}

/* a word of pool p: now and then one of the story's own topic words */
static const char *
pool_word(Ctx *x, int p)
{
	if (pools[p].name[0] == 'w' && chance(x->r, 0.3))
	{
		Rng			t = rng_for(x->c->seed, (uint64_t) p, (uint64_t) rint_(x->r, 3));

		return pool_draw(p, &t);
	}
	return pool_draw(p, x->r);
}

static int
slot_is(const char *s, int n, const char *name)
{
	return (int) strlen(name) == n && memcmp(s, name, n) == 0;
}

static void
slot(Ctx *x, Buf *b, const char *s, int n)
{
	char		tmp[160];
	Rng		   *r = x->r;
	const Cast *c = x->c;

	/* alternatives at the top level */
	{
		int			depth = 0,
					nalt = 1;
		const char *alt[16];
		int			altlen[16];

		alt[0] = s;
		for (int i = 0; i < n; i++)
		{
			if (s[i] == '{')
				depth++;
			else if (s[i] == '}')
				depth--;
			else if (s[i] == '|' && depth == 0 && nalt < 16)
			{
				altlen[nalt - 1] = (int) (s + i - alt[nalt - 1]);
				alt[nalt++] = s + i + 1;
			}
		}
		if (nalt > 1)
		{
			int			k = rint_(r, nalt);

			altlen[nalt - 1] = (int) (s + n - alt[nalt - 1]);
			render(x, b, alt[k], altlen[k]);
			return;
		}
	}
	if (n > 2 && s[0] == 'D' && s[1] == ':')
	{
		int			k = n - 2;

		/* an ordinal: the suffix follows the number */
		if (k > 2 && s[n - 3] == '9' && (memcmp(s + n - 2, "th", 2) == 0 || memcmp(s + n - 2, "st", 2) == 0 ||
										 memcmp(s + n - 2, "nd", 2) == 0 || memcmp(s + n - 2, "rd", 2) == 0))
		{
			int			start = b->len,
						v;

			digits(x, b, s + 2, k - 2);
			v = atoi(b->s + start);
			bputs(b, (v % 100) / 10 == 1 ? "th" : v % 10 == 1 ? "st" : v % 10 == 2 ? "nd" : v % 10 == 3 ? "rd" : "th");
		}
		else
			digits(x, b, s + 2, k);
		return;
	}
	if (n >= 2 && s[0] == 'w' && (isdigit((unsigned char) s[1]) || s[1] == ':'))
	{
		int			p = s[1] == ':' ? pool_by_sig(s + 2, n - 2) : pool_index(s, n);

		if (p < 0)
		{
			fprintf(stderr, "corpus_gen: no word pool {%.*s} in the model\n", n, s);
			exit(2);
		}
		bputs(b, pool_word(x, p));
		return;
	}
	if (slot_is(s, n, "PER"))
	{
		if (chance(r, 0.55))
			person_ref(x, b, rint_(r, 3), 0);
		else
		{
			char		g[48],
						sn[48];

			person(r, g, sn);
			bprintf(b, "%s %s", g, sn);
		}
	}
	else if (slot_is(s, n, "LOC"))
		bputs(b, chance(r, 0.4) ? c->city : pool_draw(P_LOC, r));
	else if (slot_is(s, n, "ORG"))
		bputs(b, pool_word(x, P_ORG));
	else if (slot_is(s, n, "NAM"))
	{
		if (chance(r, 0.15))
		{
			company_name(c->co[rint_(r, 2)], tmp, sizeof(tmp), 0);
			bputs(b, tmp);
		}
		else
			bputs(b, pool_draw(P_NAM, r));
	}
	else if (slot_is(s, n, "DAY"))
		bputs(b, weekdays[chance(r, 0.7) ? c->day : rint_(r, 7)]);
	else if (slot_is(s, n, "DN"))
		bprintf(b, "%d", 1 + rint_(r, 28));
	else if (slot_is(s, n, "TIME"))
		bprintf(b, "%d:%02d", rint_(r, 24), rint_(r, 60));
	else if (slot_is(s, n, "MON"))
		bputs(b, months[rint_(r, 12)]);
	else if (slot_is(s, n, "Y") || slot_is(s, n, "YEAR"))
		bprintf(b, "%d", chance(r, 0.6) ? 2024 - rint_(r, 2) : 1960 + rint_(r, 64));
	else if (slot_is(s, n, "CO") || slot_is(s, n, "CO2"))
	{
		company_name(c->co[n == 3], tmp, sizeof(tmp), 1);
		bputs(b, tmp);
	}
	else if (slot_is(s, n, "COS"))
	{
		company_name(c->co[0], tmp, sizeof(tmp), 0);
		bputs(b, tmp);
	}
	else if (slot_is(s, n, "SUBJ"))
	{
		int			k = rint_(r, 20);

		if (k < 8)
			bputs(b, "The company");
		else if (k < 12)
			bputs(b, "It");
		else if (k < 17)
		{
			company_name(c->co[0], tmp, sizeof(tmp), 0);
			bputs(b, tmp);
		}
		else
			bputs(b, k == 17 ? "The group" : "The firm");
	}
	else if (slot_is(s, n, "TICK"))
	{
		ticker(c->co[0], tmp);
		bputs(b, tmp);
	}
	else if (n == 2 && s[0] == 'P' && s[1] >= '1' && s[1] <= '3')
		person_ref(x, b, s[1] - '1', 0);
	else if (n == 3 && s[0] == 'P' && s[1] >= '1' && s[1] <= '3' && s[2] == 'F')
		person_ref(x, b, s[1] - '1', 1);
	else if (n == 5 && memcmp(s, "ROLE", 4) == 0)
		bputs(b, roles[c->role[(s[4] - '1') % 3]]);
	else if (slot_is(s, n, "CITY"))
		bputs(b, c->city);
	else if (slot_is(s, n, "TOWN"))
		bputs(b, c->town);
	else if (slot_is(s, n, "TOWN2"))
		bputs(b, c->town2);
	else if (slot_is(s, n, "DATE") || slot_is(s, n, "DATE2"))
	{
		/* a record date ({DATE2}) comes before the payment ({DATE}) */
		if (x->date_m < 0)
			x->date_m = 1 + rint_(r, 10);
		bprintf(b, "%s %d", months[x->date_m + (n == 4)], 1 + rint_(r, 28));
	}
	else if (slot_is(s, n, "Q"))
		bputs(b, quarters[c->quarter]);
	else if (slot_is(s, n, "PCT"))
		percent(x, b, 0.1 * (1 + rint_(r, 300)));
	else if (slot_is(s, n, "PCT1"))
		percent(x, b, c->pct1);
	else if (slot_is(s, n, "USD"))
		money(x, b, c->usd);
	else if (slot_is(s, n, "USDR"))
		money(x, b, chance(r, 0.6) ? 1 + rint_(r, 900) : 0.1 * (10 + rint_(r, 400)));
	else if (slot_is(s, n, "PRICE"))
		bprintf(b, x->o->money == 0 ? "$%.2f" : "%.2f dollars", c->price + 0.25 * (rint_(r, 9) - 4));
	else if (slot_is(s, n, "PENCE"))
		bprintf(b, "%d", 20 + rint_(r, 2000));
	else if (slot_is(s, n, "CTS"))
		bprintf(b, "%d", c->cts);
	else if (slot_is(s, n, "CTS0"))
		bprintf(b, "%d", c->cts0);
	else if (slot_is(s, n, "CTSP"))
		bprintf(b, "%d", chance(r, 0.6) ? c->cts : c->cts0);
	else if (slot_is(s, n, "AGE"))
		bprintf(b, "%d", c->age);
	else if (slot_is(s, n, "OFF"))
		bputs(b, offences[c->offence]);
	else if (n == 5 && memcmp(s, "TEAM", 4) == 0)
	{
		team_name(c->team[(s[4] - '1') % 3], tmp, sizeof(tmp));
		bputs(b, tmp);
	}
	else if (slot_is(s, n, "S1"))
		bprintf(b, "%d", c->s1);
	else if (slot_is(s, n, "S2"))
		bprintf(b, "%d", c->s2);
	else if (slot_is(s, n, "MIN"))
		bprintf(b, "%dth", 4 + rint_(r, 86));
	else if (slot_is(s, n, "ORD"))
		bputs(b, ordinals[rint_(r, NELEM(ordinals))]);
	else if (slot_is(s, n, "He"))
		bputs(b, c->male ? "He" : "She");
	else if (slot_is(s, n, "CLAUSE"))
		frame_sentence(x, b, 1);
	else if (slot_is(s, n, "QUOTE"))
		frame_sentence(x, b, 2);
	else if (slot_is(s, n, "EQUOTE"))
		frame_sentence(x, b, 3);
	else
	{
		fprintf(stderr, "corpus_gen: unknown slot {%.*s}\n", n, s);
		exit(2);
	}
}

/* render template t[0..n) into b */
static void
render(Ctx *x, Buf *b, const char *t, int n)
{
	int			i = 0;

	if (++x->depth > 20)
	{
		x->depth--;
		return;
	}
	while (i < n)
	{
		if (t[i] == '{')
		{
			int			depth = 1,
						j = i + 1;

			while (j < n && depth)
			{
				if (t[j] == '{')
					depth++;
				else if (t[j] == '}')
					depth--;
				j++;
			}
			slot(x, b, t + i + 1, j - i - 2);
			i = j;
		}
		else
		{
			int			j = i;

			while (j < n && t[j] != '{')
				j++;
			bput(b, t + i, j - i);
			i = j;
		}
	}
	x->depth--;
}

/* fix "a" / "an" before the next word, capitalise the start */
static void
tidy(Buf *b, int start, int cap)
{
	char	   *s = b->s + start;
	int			n = b->len - start;

	for (int i = 0; i + 3 < n; i++)
	{
		if ((i == 0 || s[i - 1] == ' ') && (s[i] == 'a' || s[i] == 'A'))
		{
			int			is_an = (s[i + 1] == 'n' && s[i + 2] == ' ');
			int			is_a = (s[i + 1] == ' ');
			char		nx;

			if (!is_an && !is_a)
				continue;
			nx = s[i + (is_an ? 3 : 2)];
			if (is_a && strchr("aeiou", nx) && i + 2 < n)
			{
				/* "a" -> "an": insert one character */
				bput(b, " ", 1);
				s = b->s + start;
				memmove(s + i + 2, s + i + 1, n - i - 1);
				s[i + 1] = 'n';
				n++;
			}
			else if (is_an && isalpha((unsigned char) nx) && !strchr("aeiouAEIOUhH", nx) && islower((unsigned char) nx))
			{
				memmove(s + i + 1, s + i + 2, n - i - 2);
				n--;
				b->len--;
				b->s[b->len] = '\0';
			}
		}
	}
	if (cap && n > 0)
	{
		int			i = 0;

		while (i < n && (s[i] == '"' || s[i] == '('))
			i++;
		if (i < n)
			s[i] = (char) toupper((unsigned char) s[i]);
	}
}

/*
 * One sentence of prose from the frames, the story's next one.
 * mode 0: a sentence; 1: run on as a clause (lower-case start); 2: a quotation
 * ending in a comma (its opening quote mark is in the template); 3: the
 * event's own quotation.
 */
static void
frame_sentence(Ctx *x, Buf *b, int mode)
{
	const char *f = NULL;
	int			start = b->len;

	/*
	 * The first quotation of an article is now and then the event's own quote,
	 * the same words in every report of it (a press conference's sound bite).
	 */
	if ((mode == 2 && !x->quote_used && chance(x->r, 0.4)) || mode == 3)
	{
		Rng			qr = rng_for(x->c->seed, 0x9007e, 0);
		Ctx			q = *x;

		x->quote_used = 1;
		q.r = &qr;
		q.fpos = -1;
		q.quote_used = 1;
		memset(q.mentioned, 0, sizeof(q.mentioned));
		frame_sentence(&q, b, 2);
		return;
	}

	for (int tries = 0; tries < 8; tries++)
	{
		if (x->fpos < 0 || x->fpos + 1 >= nframes || frame_mark[x->fpos + 1] == 'A' || tries > 0)
		{
			/* a new run: the start of an article of the domain, or a random place in it */
			int			d = chance(x->r, 0.8) ? x->dom : 3;
			int			k = dom_start[d][rint_(x->r, ndom_start[d])];

			x->fpos = k;
			while (x->fpos + 1 < nframes && frame_mark[x->fpos + 1] != 'A' && chance(x->r, 0.7))
				x->fpos++;
		}
		else
			x->fpos++;
		f = frames[x->fpos];
		if (mode == 0 || (!strchr(f, '"') && f[strlen(f) - 1] == '.' && strlen(f) < 200))
			break;
		f = NULL;
	}
	if (!f)
		f = "The {w:N} was {w:Vd} on {DAY}.";
	render(x, b, f, (int) strlen(f));
	tidy(b, start, mode != 1);
	if (mode == 1)
	{
		char	   *s = b->s + start;

		/* lower-case a leading common word ("The" but not "U.S." or a name) */
		if (isupper((unsigned char) s[0]) && b->len - start > 3 && islower((unsigned char) s[1]))
		{
			static const char *const fw[] = {"The", "A", "An", "In", "It", "This", "There", "He", "She",
			"They", "On", "At", "Some", "Its", "His", "Her", "Their", "We", "That", "These", "Many", "Most",
			"According", "After", "As", "For", "However", "Other", "When", "While", "If", "One", "Two", NULL};
			char		low[64];
			int			wl = 0;

			while (wl < 63 && isalpha((unsigned char) s[wl]))
			{
				low[wl] = (char) tolower((unsigned char) s[wl]);
				wl++;
			}
			for (int k = 0; fw[k]; k++)
				if ((int) strlen(fw[k]) == wl && strncmp(s, fw[k], wl) == 0)
					wl = -wl;
			if (wl < 0 || wmap_get(low, wl) >= 0)
				s[0] = (char) tolower((unsigned char) s[0]);
		}
	}
	else if (mode == 2 && b->len > start && b->s[b->len - 1] == '.')
		b->s[b->len - 1] = ',';
}

/* ------------------------------------------------------------------ */
/* article forms */

/*
 * The lead formula of an article: the event's own choice (from its cast), so
 * that variant 0 (the original) and every other variant (an independent
 * report of the same event) always start differently.
 */
static int
lead_index(Ctx *x, int n, int variant)
{
	Rng			r = rng_for(x->c->seed, (uint64_t) n, 0x1ead);
	int			base = pick(&r, n);

	if (variant == 0 || n < 2)
		return base;
	return (base + 1 + (variant - 1) % (n - 1)) % n;
}

static void
add_rendered(Art *a, Ctx *x, const char *tpl, int brk)
{
	Buf			b = {0};

	render(x, &b, tpl, (int) strlen(tpl));
	tidy(&b, 0, 1);
	art_add(a, b.s, b.len, brk, 0);
	a->words += count_words(b.s, b.len);
	free(b.s);
}

/* a sentence of prose, now and then with an agency attribution run on */
static void
add_prose(Art *a, Ctx *x, int brk, double p_attr)
{
	Buf			b = {0};

	frame_sentence(x, &b, 0);
	if (b.len > 1 && b.s[b.len - 1] == '.' && b.s[b.len - 2] != '"' && chance(x->r, p_attr))
	{
		const char *t = attribution[pick(x->r, NELEM(attribution))];
		int			start;

		b.len--;
		start = b.len;
		render(x, &b, t, (int) strlen(t));
		tidy(&b, start, 0);
	}
	art_add(a, b.s, b.len, brk, 0);
	a->words += count_words(b.s, b.len);
	free(b.s);
}

static void
add_table(Art *a, Buf *b)
{
	art_add(a, b->s, b->len, 1, 1);
	a->words += count_words(b->s, b->len);
	free(b->s);
	memset(b, 0, sizeof(*b));
}

static int
target_words(Rng *r, int kind)
{
	if (kind == K_FEATURE)
		return 500 + rint_(r, 500);
	/* stories: log-normal, median 150, 100 to 1,000 words */
	{
		double		g = sqrt(-2 * log(runif(r) + 1e-12)) * cos(6.283185307 * runif(r));
		int			w = (int) (150 * exp(0.5 * g));

		return w < 100 ? 100 + rint_(r, 30) : w > 1000 ? 1000 : w;
	}
}

static void
gen_story(Art *a, Ctx *x, int form, int kind, int variant)
{
	Rng		   *r = x->r;
	int			target = kind == K_BRIEF ? 15 + rint_(r, 45) : target_words(r, kind);
	const char *const *body = biz_body;
	int			nbody = NELEM(biz_body);
	double		p_formula = 0.12,
				p_gen = 0.04,
				p_attr = 0.1;

	/* the lead */
	switch (form)
	{
		case F_COMPANY:
			add_rendered(a, x, biz_lead[lead_index(x, NELEM(biz_lead), variant)], 1);
			break;
		case F_MARKET:
			body = market_body;
			nbody = NELEM(market_body);
			add_rendered(a, x, market_body[lead_index(x, NELEM(market_body), variant)], 1);
			p_formula = 0.25;
			break;
		case F_COURT:
			body = court_body;
			nbody = NELEM(court_body);
			add_rendered(a, x, court_lead[lead_index(x, NELEM(court_lead), variant)], 1);
			p_formula = 0.2;
			break;
		case F_SPORT:
			body = sport_body;
			nbody = NELEM(sport_body);
			add_rendered(a, x, sport_lead[lead_index(x, NELEM(sport_lead), variant)], 1);
			p_formula = 0.2;
			break;
		default:
			body = gen_body;
			nbody = NELEM(gen_body);
			if (kind == K_BRIEF || chance(r, 0.3))
				add_rendered(a, x, brief_lead[lead_index(x, NELEM(brief_lead), variant)], 1);
			else
				add_prose(a, x, 1, 0.5);
			p_formula = 0.12;
			p_gen = 0.0;
			p_attr = 0.15;
			break;
	}
	/* the event's sound bite, in some of the reports of it */
	if (kind != K_BRIEF && chance(r, 0.4))
		add_rendered(a, x, "\"{EQUOTE}\" {P1} {said|told reporters|said on {DAY}}.", 1);
	while (a->words < target)
	{
		int			brk = chance(r, kind == K_FEATURE ? 0.4 : 0.6);
		double		u = runif(r);

		if (u < p_formula)
			add_rendered(a, x, body[pick(r, nbody)], brk);
		else if (u < p_formula + p_gen)
			add_rendered(a, x, gen_body[pick(r, NELEM(gen_body))], brk);
		else
			add_prose(a, x, brk, p_attr);
	}
}

static void
gen_dividend(Art *a, Ctx *x, int variant)
{
	add_rendered(a, x, dividend[lead_index(x, NELEM(dividend), variant)], 1);
	if (chance(x->r, 0.2))
		add_rendered(a, x, dividend_tail[pick(x->r, NELEM(dividend_tail))], 0);
}

static void
gen_earnings(Art *a, Ctx *x, int variant)
{
	Rng		   *r = x->r;
	Rng			cr = rng_for(x->c->seed, 0xea5, 0);	/* the event's figures */
	Buf			b = {0};
	char		name[128],
				tick[16];
	double		shr = 0.01 * (1 + rint_(&cr, 300)),
				net = 0.1 * (1 + rint_(&cr, 3000)),
				rev = net * (3 + rint_(&cr, 20));
	static const char *periods[] = {"1st qtr", "2nd qtr", "3rd qtr", "4th qtr", "Year", "Nine mths", "Six mths"};

	if (variant != 0 || chance(r, 0.25))
	{
		/* prose form: also every independent report of the same results */
		add_rendered(a, x, "{CO} {on {DAY} |}reported {Q}-quarter net income of {USD}, or {D:9} cents {a share|per share|per diluted share}, compared with {USDR}, or {D:99} cents{ a share|}, {a year earlier|in the same period last year}.", 1);
		add_rendered(a, x, "{Revenue|Sales} {rose|fell} {PCT} to {USDR}.", chance(r, 0.5));
		if (chance(r, 0.5))
			add_rendered(a, x, biz_body[pick(r, NELEM(biz_body))], 1);
		a->kind = K_BRIEF;
		return;
	}
	company_name(x->c->co[0], name, sizeof(name), 1);
	ticker(x->c->co[0], tick);
	bprintf(&b, "%s <%s> %s%s", name, tick, periods[x->c->quarter],
			rint_(r, 3) == 0 ? " oper net" : rint_(r, 2) ? " net" : "");
	for (int per = 0; per < 1 + (chance(&cr, 0.4) ? 1 : 0); per++)
	{
		if (per)
			bprintf(&b, "\n%s", periods[4 + rint_(&cr, 3)]);
		if (chance(&cr, 0.15))
			bprintf(&b, "\nShr loss %.0f cts vs profit %.0f cts", shr * 100, shr * 80 + 1);
		else
			bprintf(&b, "\nShr %.0f cts vs %.0f cts", shr * 100 * (per + 1), shr * 90 * (per + 1) + 1);
		bprintf(&b, "\nNet %.1f mln vs %.1f mln", net * (per + 1), net * (0.7 + runif(&cr) * 0.6) * (per + 1));
		bprintf(&b, "\nRevs %.1f mln vs %.1f mln", rev * (per + 1), rev * (0.8 + runif(&cr) * 0.4) * (per + 1));
		if (chance(&cr, 0.4))
			bprintf(&b, "\nAvg shrs %.1f mln vs %.1f mln", net / shr, net / shr * (0.95 + runif(&cr) * 0.1));
	}
	add_table(a, &b);
	if (chance(r, 0.3))
	{
		Buf			nb = {0};

		bputs(&nb, "NOTE: ");
		frame_sentence(x, &nb, 0);
		art_add(a, nb.s, nb.len, 1, 0);
		a->words += count_words(nb.s, nb.len);
		free(nb.s);
	}
}

static void
gen_prices(Art *a, Ctx *x)
{
	Rng		   *r = x->r;
	Buf			b = {0};
	int			n = 5 + rint_(r, 10);

	if (chance(r, 0.5))
	{
		bprintf(&b, "%s %s prices (%s):", exchanges[pick(r, NELEM(exchanges))],
				chance(r, 0.5) ? "closing" : "official",
				chance(r, 0.5) ? "dollars per tonne" : "U.S. dollars");
		for (int i = 0; i < n; i++)
		{
			double		p = 10 + rint_(r, 9000) + 0.25 * rint_(r, 4);
			double		ch = 0.25 * (rint_(r, 80) - 40);

			bprintf(&b, "\n%s %s %.2f %s %.2f", metals[rint_(r, NELEM(metals))],
					chance(r, 0.5) ? "cash" : "3-month", p, ch >= 0 ? "up" : "down", fabs(ch));
		}
	}
	else
	{
		bprintf(&b, "Exchange rates %s on %s (units per U.S. dollar):",
				chance(r, 0.5) ? "at midday" : "at close", weekdays[x->c->day]);
		for (int i = 0; i < n; i++)
			bprintf(&b, "\n%s %.4f (%.4f)", currencies[rint_(r, NELEM(currencies))],
					0.5 + runif(r) * 150, 0.5 + runif(r) * 150);
	}
	add_table(a, &b);
}

static void
gen_results(Art *a, Ctx *x, int standings)
{
	Rng		   *r = x->r;
	Buf			b = {0};
	char		t1[128],
				t2[128];
	const char *league = leagues[pick(r, NELEM(leagues))];

	if (!standings)
	{
		int			n = 3 + rint_(r, 8);

		bprintf(&b, "%s results on %s:", league, weekdays[x->c->day]);
		team_name(x->c->team[0], t1, sizeof(t1));
		team_name(x->c->team[1], t2, sizeof(t2));
		bprintf(&b, "\n%s %d %s %d", t1, x->c->s1, t2, x->c->s2);
		for (int i = 1; i < n; i++)
		{
			team_name(zipf_rank(r, NTEAMS, 20.0), t1, sizeof(t1));
			team_name(zipf_rank(r, NTEAMS, 20.0), t2, sizeof(t2));
			bprintf(&b, "\n%s %d %s %d", t1, rint_(r, 5), t2, rint_(r, 4));
		}
	}
	else
	{
		int			n = 6 + rint_(r, 15),
					pts = 30 + rint_(r, 50);

		bprintf(&b, "%s table after %s's matches (played, won, drawn, lost, goals for, against, points):",
				league, weekdays[x->c->day]);
		for (int i = 0; i < n; i++)
		{
			int			p = 20 + rint_(r, 10),
						w = pts / 3,
						d = pts - 3 * w,
						l = p - w - d;

			team_name(i < 3 ? x->c->team[i] : zipf_rank(r, NTEAMS, 20.0), t1, sizeof(t1));
			bprintf(&b, "\n%s %d %d %d %d %d %d %d", t1, p, w, d, l < 0 ? 0 : l,
					20 + rint_(r, 50), 15 + rint_(r, 40), pts);
			pts -= rint_(r, 4);
			if (pts < 0)
				pts = 0;
		}
	}
	add_table(a, &b);
}

/* the form and kind of a new article */
static void
choose_form(Rng *r, int *form, int *kind)
{
	double		u = runif(r);

	if (u < 0.13)
		*form = F_DIVIDEND, *kind = K_BRIEF;
	else if (u < 0.21)
		*form = F_EARNINGS, *kind = K_TABLE;
	else if (u < 0.26)
		*form = F_PRICES, *kind = K_TABLE;
	else if (u < 0.28)
		*form = F_RESULTS, *kind = K_TABLE;
	else if (u < 0.29)
		*form = F_STANDINGS, *kind = K_TABLE;
	else
	{
		double		v = runif(r);

		*form = v < 0.45 ? F_COMPANY : v < 0.55 ? F_MARKET : v < 0.65 ? F_COURT : v < 0.75 ? F_SPORT : F_GENERAL;
		v = runif(r);
		*kind = v < 0.35 ? K_BRIEF : v < 0.94 ? K_STORY : K_FEATURE;
		if (*form == F_MARKET && *kind == K_FEATURE)
			*kind = K_STORY;
	}
}

static void
gen_article(Art *a, Cast *c, uint64_t text_seed, int form, int kind, int variant)
{
	Rng			r = rng_for(text_seed, 0x5eed, 3);
	Ctx			x;

	memset(&x, 0, sizeof(x));
	x.r = &r;
	x.c = c;
	x.o = &outlets[a->outlet];
	x.fpos = -1;
	x.date_m = -1;
	x.dom = form == F_COURT ? 1 : form == F_SPORT ? 2 : form == F_GENERAL ? 3 : 0;
	a->form = form;
	a->place = form == F_COURT ? c->town2 : c->city;
	a->kind = kind;
	switch (form)
	{
		case F_DIVIDEND:
			gen_dividend(a, &x, variant);
			break;
		case F_EARNINGS:
			gen_earnings(a, &x, variant);
			break;
		case F_PRICES:
			gen_prices(a, &x);
			break;
		case F_RESULTS:
			gen_results(a, &x, 0);
			break;
		case F_STANDINGS:
			gen_results(a, &x, 1);
			break;
		default:
			gen_story(a, &x, form, kind, variant);
	}
}

/* ------------------------------------------------------------------ */
/* edits that make a copy */

static void
copy_units(Art *dst, const Art *src)
{
	for (int i = 0; i < src->n; i++)
		art_add(dst, src->u[i].s, src->u[i].len, src->u[i].brk, src->u[i].table);
	dst->words = src->words;
}

static void
add_edit(Art *a, const char *e)
{
	size_t		n = strlen(a->edits);

	if (n + strlen(e) + 2 < sizeof(a->edits))
		snprintf(a->edits + n, sizeof(a->edits) - n, "%s%s", n ? "," : "", e);
}

/* replace some content words by others of the same pool; house style */
static char *
substitute(Rng *r, const Unit *u, double rate, const Outlet *o, int *outlen)
{
	Buf			b = {0};
	const char *s = u->s;
	int			i = 0,
				n = u->len;

	while (i < n)
	{
		if (isalpha((unsigned char) s[i]))
		{
			int			j = i;
			int			p;

			while (j < n && isalpha((unsigned char) s[j]))
				j++;
			if (islower((unsigned char) s[i]) && chance(r, rate) && (p = wmap_get(s + i, j - i)) >= 0)
				bputs(&b, pool_draw(p, r));
			else if (j - i == 7 && memcmp(s + i, "percent", 7) == 0 && o->pct == 1)
				bputs(&b, "per cent");
			else if (j - i == 3 && memcmp(s + i, "per", 3) == 0 && j + 4 < n && memcmp(s + j, " cent", 5) == 0 && o->pct == 0)
			{
				bputs(&b, "percent");
				j += 5;
			}
			else
				bput(&b, s + i, j - i);
			i = j;
		}
		else
		{
			bput(&b, s + i, 1);
			i++;
		}
	}
	*outlen = b.len;
	{
		char	   *res = astrdup(b.s ? b.s : "", b.len);

		free(b.s);
		return res;
	}
}

static void
make_copy(Art *dst, const Art *src, Cast *c, uint64_t seed, Art *other)
{
	Rng			r = rng_for(seed, 0xc0b1, 5);
	int			nedits = 0;

	dst->form = src->form;
	dst->kind = src->kind;
	dst->place = src->place;
	copy_units(dst, src);
	if (chance(&r, 0.15))
	{
		add_edit(dst, "exact");
		return;
	}
	/* a new lead */
	if (dst->n > 2 && chance(&r, 0.3) && !dst->u[0].table)
	{
		Art			lead = {0};

		lead.outlet = dst->outlet;
		gen_article(&lead, c, seed ^ 0x1ead, dst->form, K_BRIEF, 1 + rint_(&r, 5));
		dst->u[0] = lead.u[0];
		dst->u[0].brk = 1;
		if (dst->n > 1)
			dst->u[1].brk = 1;
		add_edit(dst, "lead");
		nedits++;
	}
	/* reorder: move a run of later units up or down */
	if (dst->n > 4 && chance(&r, 0.3))
	{
		int			from = 1 + rint_(&r, dst->n - 2);
		int			len = 1 + rint_(&r, 2);
		int			to;
		Unit		tmp[3];

		if (from + len > dst->n)
			len = dst->n - from;
		memcpy(tmp, dst->u + from, sizeof(Unit) * len);
		memmove(dst->u + from, dst->u + from + len, sizeof(Unit) * (dst->n - from - len));
		to = 1 + rint_(&r, dst->n - len - 1);
		memmove(dst->u + to + len, dst->u + to, sizeof(Unit) * (dst->n - len - to));
		memcpy(dst->u + to, tmp, sizeof(Unit) * len);
		dst->u[to].brk = 1;
		add_edit(dst, "reorder");
		nedits++;
	}
	/* cut: keep the top 40-85% */
	if (dst->n > 3 && chance(&r, 0.45))
	{
		int			keep = (int) ceil(dst->n * (0.4 + 0.45 * runif(&r)));

		dst->n = keep < 2 ? 2 : keep;
		add_edit(dst, "cut");
		nedits++;
	}
	/* drop single sentences */
	if (dst->n > 4 && chance(&r, 0.25))
	{
		int			k = 1;

		for (int i = 1; i < dst->n; i++)
			if (!chance(&r, 0.2))
				dst->u[k++] = dst->u[i];
		dst->n = k;
		add_edit(dst, "trim");
		nedits++;
	}
	/* merged with other material */
	if (other && other->n > 0 && chance(&r, 0.2))
	{
		int			take = 1 + rint_(&r, other->n < 4 ? other->n : 4);
		int			at = chance(&r, 0.5) ? dst->n : 1 + rint_(&r, dst->n);

		for (int i = 0; i < take; i++)
		{
			art_add(dst, "", 0, 1, 0);
			memmove(dst->u + at + i + 1, dst->u + at + i, sizeof(Unit) * (dst->n - 1 - at - i));
			dst->u[at + i] = other->u[i];
			dst->u[at + i].brk = 1;
		}
		add_edit(dst, "merge");
		nedits++;
	}
	/* word substitutions and house style */
	if (nedits == 0 || chance(&r, 0.45))
	{
		double		rate = 0.03 + 0.07 * runif(&r);

		for (int i = 0; i < dst->n; i++)
			if (!dst->u[i].table)
				dst->u[i].s = substitute(&r, &dst->u[i], rate, &outlets[dst->outlet], &dst->u[i].len);
		add_edit(dst, "words");
	}
	dst->words = 0;
	for (int i = 0; i < dst->n; i++)
		dst->words += count_words(dst->u[i].s, dst->u[i].len);
}

/* ------------------------------------------------------------------ */
/* output */

static time_t epoch_start = 1704067200;	/* 2024-01-01 00:00 UTC, a Monday */
static int	opt_csv = 0,
			opt_readable = 0,
			opt_truth_all = 0;
static double opt_days = 90;
static FILE *truth;

static void
put_escaped(FILE *f, const char *s, int n)
{
	for (int i = 0; i < n; i++)
	{
		char		ch = s[i];

		if (opt_csv)
		{
			if (ch == '"')
				fputs("\"\"", f);
			else
				fputc(ch, f);
		}
		else if (ch == '\\')
			fputs("\\\\", f);
		else if (ch == '\t')
			fputs("\\t", f);
		else if (ch == '\n')
			fputs("\\n", f);
		else if (ch == '\r')
			fputs("\\r", f);
		else
			fputc(ch, f);
	}
}

static void
body_text(const Art *a, Buf *b)
{
	const Outlet *o = &outlets[a->outlet];
	Rng			r = rng_for((uint64_t) a->id, 0xf00d, 7);

	for (int i = 0; i < a->n; i++)
	{
		if (i > 0)
			bputs(b, a->u[i].brk || a->u[i].table || a->u[i - 1].table ? "\n\n" : " ");
		if (i == 0 && o->code && !a->u[0].table && a->kind != K_ROUNDUP)
		{
			const char *city = a->place ? a->place : pools[P_LOC].w[rint_(&r, 200)];

			for (const char *p = city; *p; p++)
				bput(b, &(char) {(char) toupper((unsigned char) *p)}, 1);
			time_t		t = epoch_start + (time_t) (a->when * 86400);
			struct tm	tm;

			gmtime_r(&t, &tm);
			bprintf(b, ", %s %d (%s) - ", months[tm.tm_mon], tm.tm_mday, o->code);
		}
		bput(b, a->u[i].s, a->u[i].len);
	}
	if (o->signoff == 1 && a->kind != K_TABLE && a->n > 2)
	{
		char		g[48],
					s[48],
					g2[48],
					s2[48];

		person(&r, g, s);
		person(&r, g2, s2);
		bprintf(b, "\n\n(Reporting by %s %s; Editing by %s %s)", g, s, g2, s2);
	}
	else if (o->signoff == 2 && a->n > 2)
		bputs(b, chance(&r, 0.5) ? "\n\nend" : "\n\nmore");
}

static void
emit(const Art *a, time_t epoch0)
{
	Buf			b = {0};
	time_t		t = epoch0 + (time_t) (a->when * 86400);
	struct tm	tm;
	char		ts[40];

	body_text(a, &b);
	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%d %H:%M:%S+00", &tm);
	if (opt_readable)
	{
		printf("=== %ld | %s | %s | %s | family %ld | %s\n%s\n\n", a->id, outlets[a->outlet].name, ts,
			   kind_name[a->kind], a->family, form_name[a->form], b.s);
	}
	else if (opt_csv)
	{
		printf("%ld,\"%s\",%s,%s,", a->id, outlets[a->outlet].name, ts, kind_name[a->kind]);
		if (a->family)
			printf("%ld", a->family);
		fputs(",\"", stdout);
		put_escaped(stdout, b.s, b.len);
		fputs("\"\n", stdout);
	}
	else
	{
		printf("%ld\t%s\t%s\t%s\t", a->id, outlets[a->outlet].name, ts, kind_name[a->kind]);
		if (a->family)
			printf("%ld", a->family);
		else
			fputs("\\N", stdout);
		fputc('\t', stdout);
		put_escaped(stdout, b.s, b.len);
		fputc('\n', stdout);
	}
	if (truth && (a->family || a->role == 4 || opt_truth_all))
	{
		static const char *role_name[] = {"single", "original", "copy", "independent", "roundup"};

		fprintf(truth, "%ld\t", a->id);
		if (a->family)
			fprintf(truth, "%ld", a->family);
		else
			fputs("\\N", truth);
		fprintf(truth, "\t%s\t", role_name[a->role]);
		if (a->role == 2)
			fprintf(truth, "%ld", a->source);
		else if (a->role == 4)
			fprintf(truth, "%ld,%ld,%ld", a->sources[0], a->sources[1], a->sources[2]);
		else
			fputs("\\N", truth);
		fprintf(truth, "\t%s\t%s\n", a->edits[0] ? a->edits : "\\N", form_name[a->form]);
	}
	free(b.s);
}

/* ------------------------------------------------------------------ */
/* blocks */

static double opt_family_share = 0.25;

static double
daytime(Rng *r)
{
	/* most copy between 6:00 and 22:00, fewer items at weekends */
	double		h = 6 + 16 * runif(r);

	if (chance(r, 0.1))
		h = 24 * runif(r);
	return h / 24.0;
}

static double
pick_day(Rng *r)
{
	for (;;)
	{
		int			d = rint_(r, (int) opt_days);

		/* the corpus starts on a Monday */
		if (d % 7 >= 5 && chance(r, 0.6))
			continue;
		return d + daytime(r);
	}
}

/* members of a family: 2 to 50, P(size > x) = (2 / x) ^ 2 */
static int
family_size(Rng *r)
{
	int			s = (int) (2.0 / sqrt(1.0 - runif(r)));

	return s > 50 ? 50 : s;
}

static void
gen_block(long block, long n, uint64_t seed, time_t epoch0)
{
	long		first = block * BLOCK + 1;
	int			size = (int) (n - block * BLOCK < BLOCK ? n - block * BLOCK : BLOCK);
	Rng			r = rng_for(seed, (uint64_t) block, 0xb10c);
	Art		   *arts = aalloc(sizeof(Art) * size);
	long	   *pos = aalloc(sizeof(long) * size);
	int			used = 0;
	long		fam_orig[BLOCK];
	int			nfam = 0;
	/* a unit is a family with probability pf, for opt_family_share of articles */
	double		mean_size = 3.5;	/* of family_size() */
	double		pf = (opt_family_share / mean_size) /
		(opt_family_share / mean_size + (1 - opt_family_share));

	memset(arts, 0, sizeof(Art) * size);
	for (int i = 0; i < size; i++)
		pos[i] = i;
	for (int i = size - 1; i > 0; i--)
	{
		int			j = rint_(&r, i + 1);
		long		t = pos[i];

		pos[i] = pos[j];
		pos[j] = t;
	}
	while (used < size)
	{
		uint64_t	useed = mix64(seed ^ ((uint64_t) block << 20) ^ (uint64_t) used);
		int			form,
					kind;

		if (chance(&r, 0.01) && nfam >= 3)
		{
			/* a round-up: filled in after the block's families exist */
			Art		   *a = &arts[pos[used]];

			a->id = first + pos[used];
			a->role = 4;
			a->kind = K_ROUNDUP;
			a->form = F_GENERAL;
			a->outlet = pick_outlet(&r);
			a->when = pick_day(&r);
			for (int k = 0; k < 3; k++)
				a->sources[k] = fam_orig[rint_(&r, nfam)];
			used++;
			continue;
		}
		choose_form(&r, &form, &kind);
		if (chance(&r, pf) && size - used >= 2)
		{
			int			fs = family_size(&r);
			Cast		c;
			Art		   *orig;
			long		fam = first + used;

			if (fs > size - used)
				fs = size - used;
			if (form == F_PRICES || form == F_STANDINGS)
				form = F_COMPANY, kind = K_STORY;
			make_cast(&c, useed);
			orig = &arts[pos[used]];
			orig->id = first + pos[used];
			orig->outlet = pick_outlet(&r);
			orig->family = fam;
			orig->role = 1;
			orig->when = pick_day(&r);
			gen_article(orig, &c, useed, form, kind, 0);
			fam_orig[nfam++] = orig->id;
			for (int m = 1; m < fs; m++)
			{
				Art		   *a = &arts[pos[used + m]];
				uint64_t	mseed = mix64(useed + (uint64_t) m);

				a->id = first + pos[used + m];
				a->outlet = pick_outlet(&r);
				a->family = fam;
				if (chance(&r, 0.22))
				{
					/* the same event, reported independently */
					a->role = 3;
					a->when = orig->when + 0.15 * runif(&r) - 0.05;
					gen_article(a, &c, mseed, form, kind == K_TABLE ? K_TABLE : chance(&r, 0.5) ? K_BRIEF : K_STORY, 1 + rint_(&r, 7));
				}
				else
				{
					/* a copy of the original or of an earlier copy */
					const Art  *src = orig;
					Art			other = {0};
					int			back = rint_(&r, m);

					if (back > 0 && arts[pos[used + back]].role == 2 && chance(&r, 0.3))
						src = &arts[pos[used + back]];
					if (chance(&r, 0.25))
					{
						Cast		oc;
						int			of,
									ok;

						make_cast(&oc, mseed ^ 0x07e1);
						choose_form(&r, &of, &ok);
						other.outlet = a->outlet;
						gen_article(&other, &oc, mseed ^ 0x07e2, of, K_STORY, 0);
					}
					a->role = 2;
					a->source = src->id;
					a->when = src->when + (-log(runif(&r) + 1e-9)) * 0.25;
					make_copy(a, src, &c, mseed, other.n ? &other : NULL);
				}
				if (a->when < 0)
					a->when = 0;
			}
			used += fs;
		}
		else
		{
			Cast		c;
			Art		   *a = &arts[pos[used]];

			make_cast(&c, useed);
			a->id = first + pos[used];
			a->outlet = pick_outlet(&r);
			a->when = pick_day(&r);
			gen_article(a, &c, useed, form, kind, 0);
			used++;
		}
	}
	/* round-ups: the leads of three stories of the block */
	for (int i = 0; i < size; i++)
	{
		Art		   *a = &arts[i];
		Rng			rr = rng_for(seed, (uint64_t) a->id, 0x40d);

		if (a->role != 4)
			continue;
		{
			const char *h = roundup_head[pick(&rr, NELEM(roundup_head))];

			art_add(a, h, (int) strlen(h), 1, 1);
		}
		a->when = 0;
		for (int k = 0; k < 3; k++)
		{
			const Art  *src = &arts[a->sources[k] - first];
			int			take = src->n < 2 ? src->n : 1 + rint_(&rr, 2);

			/* published after the last of the stories it sums up */
			if (src->when + 0.1 > a->when)
				a->when = src->when + 0.1 + 0.3 * runif(&rr);

			for (int j = 0; j < take; j++)
				art_add(a, src->u[j].s, src->u[j].len, j == 0, src->u[j].table);
		}
	}
	for (int i = 0; i < size; i++)
		emit(&arts[i], epoch0);
	areset();
}

int
main(int argc, char **argv)
{
	const char *model = "data/corpus_model.txt";
	uint64_t	seed = 1;
	long		n,
				part = 0,
				parts = 1;
	time_t		epoch0 = epoch_start;
	int			i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
	{
		const char *opt = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(opt, "-c") == 0)
			opt_csv = 1;
		else if (strcmp(opt, "-r") == 0)
			opt_readable = 1;
		else if (strcmp(opt, "-a") == 0)
			opt_truth_all = 1;
		else if (!val)
			break;
		else if (strcmp(opt, "-m") == 0)
			model = val, i++;
		else if (strcmp(opt, "-s") == 0)
			seed = strtoull(val, NULL, 10), i++;
		else if (strcmp(opt, "-d") == 0)
			opt_days = atof(val), i++;
		else if (strcmp(opt, "-f") == 0)
			opt_family_share = atof(val), i++;
		else if (strcmp(opt, "-t") == 0)
		{
			truth = fopen(val, "w");
			if (!truth)
			{
				perror(val);
				return 2;
			}
			i++;
		}
		else if (strcmp(opt, "-p") == 0)
		{
			if (sscanf(val, "%ld/%ld", &part, &parts) != 2 || parts < 1 || part < 0 || part >= parts)
				break;
			i++;
		}
		else
			break;
	}
	if (i != argc - 1 || (n = atol(argv[i])) < 1 || opt_days < 1 || opt_family_share < 0 || opt_family_share > 0.9)
	{
		fprintf(stderr, "usage: %s [-m MODEL] [-s SEED] [-p I/K] [-d DAYS] [-f FAMILY_SHARE] [-t TRUTH [-a]] [-c | -r] N\n", argv[0]);
		return 2;
	}
	if (getenv("CORPUS_ALPHA_WORDS"))
		alpha_words = atof(getenv("CORPUS_ALPHA_WORDS"));
	if (getenv("CORPUS_ALPHA_NAMES"))
		alpha_names = atof(getenv("CORPUS_ALPHA_NAMES"));
	load_model(model);
	if (opt_csv && part == 0)
		puts("id,outlet,published_at,kind,family,body");
	if (truth && part == 0)
		fputs("id\tfamily\trole\tsource\tedits\tform\n", truth);
	for (long b = part; b * BLOCK < n; b += parts)
		gen_block(b, n, seed, epoch0);
	if (truth)
		fclose(truth);
	return fflush(stdout) == 0 ? 0 : 1;
}
