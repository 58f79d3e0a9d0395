/*-------------------------------------------------------------------------
 *
 * fp_core.c
 *	  Tokens, shingles, bottom-k sketches, estimators, the text literal and
 *	  sentence matching: everything the fingerprint type computes, without
 *	  the server.
 *
 * Design
 * ------
 * An article is reduced to the set S of its w-word shingles (w consecutive
 * normalised words, w = 3 by default).  Resemblance of two articles is the
 * Jaccard index |S_a n S_b| / |S_a u S_b| and containment of a in b is
 * |S_a n S_b| / |S_a| (Broder, "On the resemblance and containment of
 * documents", 1997).  Containment matters for news: a republished copy with
 * a paragraph cut and two added shares most of the shorter text's shingles
 * although its Jaccard index can be as low as 0.3.
 *
 * Each shingle is hashed to 32 bits and the fingerprint keeps the k smallest
 * distinct hashes (a bottom-k sketch, Cohen and Kaplan, "Summarizing data
 * using bottom-k sketches", PODC 2007) plus the exact count of distinct
 * shingles.  Bottom-k beats k independent min-hashes here: one hash function
 * instead of k, the sample is a set so both estimators come from one merge of
 * two sorted arrays, and an article with at most k shingles is stored
 * exactly, so the short articles typical of wire copy compare without any
 * sampling error.  Comparing two sketches restricts both to the hashes at or
 * below the smaller of their largest kept values (the common threshold), so
 * the two samples are drawn from the same uniformly random slice of the hash
 * space and |A' n B'| / |A' u B'| and |A' n B'| / |A'| are consistent
 * estimates of the two ratios.  The standard error of a ratio p estimated
 * from m sampled shingles is about sqrt(p (1 - p) / m); with k = 160 and
 * p = 0.5 that is 0.04 at worst, and 0 for articles of fewer than k shingles.
 *
 * Normalisation decides which reworded copies still share shingles: case is
 * folded, accents of Latin-1 letters and combining marks are dropped,
 * apostrophes inside a word vanish (Russia's = Russias, and the curly and
 * straight apostrophes agree), every other punctuation mark, quote and dash
 * separates words, and thousands or decimal separators inside numbers are
 * dropped (1,000 = 1000).  Hyphenated words split, so "Asia-" at a line or
 * page break followed by "Pacific" still makes "asia pacific".
 *
 * Hashing: each word is hashed with 64-bit FNV-1a over its folded code
 * points, and a shingle's hash chains its words through the splitmix64
 * finaliser, which is order-sensitive and mixes well enough that the top 32
 * bits behave as uniform for sampling.  The hash function is part of format
 * version 1: changing it requires a new version number.
 *
 * src/fingerprint/fp_core.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "fingerprint/fp_core.h"
#include "fingerprint/fp_evidence.h"
#include "fingerprint/fp_tokenize.h"
#include "text/unicode.h"

#define NP_INFINITE_LIMIT	((np_uint64) 1 << 32)

#define fp_mix64(x) np_fp_mix64(x)

/*
 * Call fn for each normalised word of text (the loop is in fp_tokenize.h).
 */
size_t
NpFpTokenize(const char *text, size_t len, NpWordCallback fn, void *arg)
{
	return np_fp_tokenize_inline(text, len, fn, arg);
}

/* State of NpFpShingleSet's word callback */
typedef struct FpShingleState
{
	int			w;				/* words per shingle */
	np_uint64	ring[NP_FP_MAX_SHINGLE_WORDS];
	size_t		nwords;
	np_uint32  *hashes;
	size_t		n;
	size_t		cap;
} FpShingleState;

/*
 * Hash the last m words (m <= w) in the ring into a shingle hash.
 */
static inline np_uint32
fp_shingle_hash(const FpShingleState *st, int m)
{
	np_uint64	h = UINT64_C(0x6A09E667F3BCC908) ^ (np_uint64) m;
	int			j;

	for (j = m; j >= 1; j--)
		h = fp_mix64(h ^ st->ring[(st->nwords - j) % st->w]);
	return (np_uint32) (h >> 32);
}

/*
 * Append a hash to the state's array.
 */
static inline void
fp_push(FpShingleState *st, np_uint32 h)
{
	if (st->n == st->cap)
	{
		st->cap = st->cap ? st->cap * 2 : 256;
		st->hashes = np_realloc(st->hashes, st->cap * sizeof(np_uint32));
	}
	st->hashes[st->n++] = h;
}

/*
 * Word callback: record the word, emit a shingle once w words are in.
 */
static void
fp_shingle_word(np_uint64 hash, size_t start, size_t end, void *arg)
{
	FpShingleState *st = (FpShingleState *) arg;

	(void) start;
	(void) end;
	st->ring[st->nwords % st->w] = hash;
	st->nwords++;
	if (st->nwords >= (size_t) st->w)
		fp_push(st, fp_shingle_hash(st, st->w));
}

/*
 * FP_RADIX_SORT(name, type, key) defines "static void name(type *v, size_t n)",
 * which sorts v by the 32-bit value key(x) in place: a stable LSD radix sort,
 * 4 passes of 8 bits (insertion sort for short arrays), with a check for
 * interrupts before each pass.
 */
#define FP_RADIX_SORT(name, type, key) \
static void \
name(type *v, size_t n) \
{ \
	type	   *tmp; \
	type	   *src = v; \
	type	   *dst; \
	int			pass; \
 \
	if (n < 64) \
	{ \
		size_t		i; \
 \
		for (i = 1; i < n; i++) \
		{ \
			type		x = v[i]; \
			size_t		j = i; \
 \
			while (j > 0 && key(v[j - 1]) > key(x)) \
			{ \
				v[j] = v[j - 1]; \
				j--; \
			} \
			v[j] = x; \
		} \
		return; \
	} \
	tmp = np_alloc(n * sizeof(type)); \
	dst = tmp; \
	for (pass = 0; pass < 4; pass++) \
	{ \
		size_t		count[256]; \
		size_t		i; \
		size_t		sum = 0; \
		int			shift = pass * 8; \
		type	   *t; \
 \
		NP_CHECK_FOR_INTERRUPTS(); \
		memset(count, 0, sizeof(count)); \
		for (i = 0; i < n; i++) \
			count[(key(src[i]) >> shift) & 0xFF]++; \
		for (i = 0; i < 256; i++) \
		{ \
			size_t		c = count[i]; \
 \
			count[i] = sum; \
			sum += c; \
		} \
		for (i = 0; i < n; i++) \
			dst[count[(key(src[i]) >> shift) & 0xFF]++] = src[i]; \
		t = src; \
		src = dst; \
		dst = t; \
	} \
	/* after 4 passes the sorted data is back in v */ \
	np_free(tmp); \
}

#define FP_KEY_SELF(x) (x)

/* Sort 32-bit values */
FP_RADIX_SORT(fp_sort_u32, np_uint32, FP_KEY_SELF)

/*
 * Compute the sorted distinct shingle hashes of text.
 */
size_t
NpFpShingleSet(const char *text, size_t len, int shingle_words,
			   np_uint32 **hashes)
{
	FpShingleState st;
	size_t		i;
	size_t		o;

	memset(&st, 0, sizeof(st));
	st.w = shingle_words;
	NpFpTokenize(text, len, fp_shingle_word, &st);
	if (st.nwords > 0 && st.nwords < (size_t) st.w)
		fp_push(&st, fp_shingle_hash(&st, (int) st.nwords));
	if (st.n == 0)
	{
		*hashes = NULL;
		return 0;
	}
	fp_sort_u32(st.hashes, st.n);
	o = 1;
	for (i = 1; i < st.n; i++)
		if (st.hashes[i] != st.hashes[o - 1])
			st.hashes[o++] = st.hashes[i];
	*hashes = st.hashes;
	return o;
}

/*
 * Hash a shingle given as word hashes in text order (the same value
 * fp_shingle_hash computes from the ring).
 */
np_uint32
NpFpShingleHash(const np_uint64 *words, int m)
{
	return np_fp_shingle_hash(words, m);
}

/*
 * Build the bottom-k sketch of text.
 */
void
NpFpBuildSketch(const char *text, size_t len, int shingle_words,
				int sketch_size, NpSketch *sk)
{
	np_uint32  *all;
	size_t		n = NpFpShingleSet(text, len, shingle_words, &all);

	sk->version = NP_FP_CORE_VERSION;
	sk->shingle_words = shingle_words;
	sk->sketch_size = sketch_size;
	sk->nshingles = (n > (size_t) 0xFFFFFFFFu) ? 0xFFFFFFFFu : (np_uint32) n;
	sk->nhashes = (n < (size_t) sketch_size) ? (int) n : sketch_size;
	sk->hashes = all;			/* the first nhashes are the sample */
	sk->has_names = false;
	sk->places = NULL;
	sk->nfigure_words = 0;
}

/*
 * The first position in v[lo..hi) whose value is at least x (v ascending),
 * hi if there is none.
 */
static inline size_t
fp_lower_bound(const np_uint32 *v, size_t lo, size_t hi, np_uint32 x)
{
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The number of values two ascending arrays of distinct values share.
 *
 * This is the inner loop of every comparison, and an index scan runs it once
 * per candidate row: a merge whose branches follow the data mispredicts
 * about once per step, so the merge advances both sides without branching
 * (the step's comparisons become additions).  When one side is much the
 * smaller (a brief against a long story), each of its values is looked up
 * in the rest of the larger side by binary search instead.
 */
int
NpFpShared(const np_uint32 *a, int na, const np_uint32 *b, int nb)
{
	int			i = 0;
	int			j = 0;
	int			common = 0;

	if (na > nb)
	{
		const np_uint32 *t = a;
		int			tn = na;

		a = b;
		na = nb;
		b = t;
		nb = tn;
	}
	if (na * 16 < nb)
	{
		/* a is the small side: lower bound of each a[i] in b[j..nb) */
		for (i = 0; i < na && j < nb; i++)
		{
			j = (int) fp_lower_bound(b, j, nb, a[i]);
			if (j < nb && b[j] == a[i])
			{
				common++;
				j++;
			}
		}
		return common;
	}
	while (i < na && j < nb)
	{
		np_uint32	x = a[i];
		np_uint32	y = b[j];

		common += (x == y);
		i += (x <= y);
		j += (y <= x);
	}
	return common;
}

/*
 * NpFpShared, or less than need as soon as the rest of the arrays cannot
 * bring the count to need: a test that asks for need shared values knows
 * early that most pairs fail (an index scan's rechecks are mostly such
 * pairs).  The count returned is exact when it is at least need.  The merge
 * runs in stretches of at most 16 steps that cannot pass the end of either
 * array (a step advances each side by at most one), and between stretches
 * asks whether the shorter rest can still make up the difference.
 */
int
NpFpSharedAtLeast(const np_uint32 *a, int na, const np_uint32 *b, int nb,
				  int need)
{
	int			i = 0;
	int			j = 0;
	int			common = 0;

	if (need <= 1 || na * 16 < nb || nb * 16 < na)
		return NpFpShared(a, na, b, nb);
	for (;;)
	{
		int			rest = (na - i < nb - j) ? na - i : nb - j;
		int			steps;

		if (rest == 0 || common + rest < need)
			return common;
		steps = rest < 16 ? rest : 16;
		while (steps-- > 0)
		{
			np_uint32	x = a[i];
			np_uint32	y = b[j];

			common += (x == y);
			i += (x <= y);
			j += (y <= x);
		}
	}
}

/*
 * Cut two samples at their common threshold: *na and *nb become |A'| and
 * |B'| (see fingerprint.h).
 */
void
NpFpCut(const np_uint32 *a, int *na, int a_truncated,
		const np_uint32 *b, int *nb, int b_truncated)
{
	np_uint64	la = (a_truncated && *na > 0) ? a[*na - 1] : NP_INFINITE_LIMIT;
	np_uint64	lb = (b_truncated && *nb > 0) ? b[*nb - 1] : NP_INFINITE_LIMIT;
	np_uint64	tau = (la < lb) ? la : lb;

	/* both arrays are ascending: keep the values up to tau */
	if (*na > 0 && a[*na - 1] > tau)
		*na = (int) fp_lower_bound(a, 0, (size_t) *na, (np_uint32) tau + 1);
	if (*nb > 0 && b[*nb - 1] > tau)
		*nb = (int) fp_lower_bound(b, 0, (size_t) *nb, (np_uint32) tau + 1);
}

/*
 * Count the intersection and union of the two samples below the common
 * threshold.
 */
void
NpFpCompare(const np_uint32 *a, int na, int a_truncated,
			const np_uint32 *b, int nb, int b_truncated,
			int *inter, int *uni, int *a_count, int *b_count)
{
	int			common;

	NpFpCut(a, &na, a_truncated, b, &nb, b_truncated);
	common = NpFpShared(a, na, b, nb);
	*inter = common;
	*uni = na + nb - common;
	*a_count = na;
	*b_count = nb;
}

/*
 * Estimate the Jaccard index of the two articles' shingle sets.
 */
double
NpFpSimilarity(const np_uint32 *a, int na, int a_truncated,
			   const np_uint32 *b, int nb, int b_truncated)
{
	int			inter,
				uni,
				ca,
				cb;

	NpFpCompare(a, na, a_truncated, b, nb, b_truncated, &inter, &uni, &ca, &cb);
	return uni > 0 ? (double) inter / uni : 0.0;
}

/*
 * Estimate the share of a's shingles found in b.
 */
double
NpFpContainment(const np_uint32 *a, int na, int a_truncated,
				const np_uint32 *b, int nb, int b_truncated)
{
	int			inter,
				uni,
				ca,
				cb;

	NpFpCompare(a, na, a_truncated, b, nb, b_truncated, &inter, &uni, &ca, &cb);
	return ca > 0 ? (double) inter / ca : 0.0;
}

/*
 * Check a sketch's fields for consistency.
 */
const char *
NpFpValidate(int version, int shingle_words, int sketch_size,
			 np_uint32 nshingles, int nhashes, const np_uint32 *hashes)
{
	int			i;

	if (version != NP_FP_CORE_VERSION && version != NP_FP_V2_VERSION)
		return "Unsupported fingerprint format version";
	if (shingle_words < 1 || shingle_words > NP_FP_MAX_SHINGLE_WORDS)
		return "Shingle length must be between 1 and 16 words";
	if (sketch_size < 1 || sketch_size > NP_FP_MAX_SKETCH_SIZE)
		return "Sketch size must be between 1 and 65535";
	if (nhashes < 0 ||
		(np_uint64) nhashes != ((nshingles < (np_uint32) sketch_size) ?
								(np_uint64) nshingles : (np_uint64) sketch_size))
		return "The number of hashes must be the smaller of the shingle count and the sketch size";
	for (i = 1; i < nhashes; i++)
		if (hashes[i] <= hashes[i - 1])
			return "Hashes must be distinct and in ascending order";
	return NULL;
}

/*
 * Check a figures section (fp_core.h, NP_FP_FIGURES_TAG).
 */
const char *
NpFpValidateFigures(const np_uint32 *sec, int nwords)
{
	int			n;
	int			j;

	if (nwords < 1 || (sec[0] >> 24) != NP_FP_FIGURES_TAG ||
		(sec[0] & ~((np_uint32) NP_FP_FIGURES_TAG << 24 |
					NP_FP_FIGURES_TRUNCATED | 0xFF)) != 0)
		return "The figures must open with their tag word";
	n = NP_FP_FIGURES_COUNT(sec[0]);
	if (n < 1 || n > NP_FP_FIGURES_KEEP ||
		((sec[0] & NP_FP_FIGURES_TRUNCATED) && n != NP_FP_FIGURES_KEEP))
		return "The number of figures is out of range";
	if (nwords != NP_FP_FIGURES_WORDS(n))
		return "The figures' length does not match their number";
	for (j = 1; j < n; j++)
		if (NP_FP_FIGURE_OF(sec, j) <= NP_FP_FIGURE_OF(sec, j - 1))
			return "Figures must be distinct and in ascending order";
	if (n % 2 == 1 && (sec[nwords - 1] >> 16) != 0)
		return "The figures' unused bits must be 0";
	return NULL;
}

/*
 * Parse an unsigned decimal field of at most 10 digits at str[*i].
 */
static bool
fp_parse_uint(const char *str, size_t len, size_t *i, np_uint64 *out)
{
	np_uint64	v = 0;
	size_t		start = *i;

	while (*i < len && str[*i] >= '0' && str[*i] <= '9')
	{
		if (*i - start >= 10)
			return false;
		v = v * 10 + (np_uint64) (str[*i] - '0');
		(*i)++;
	}
	if (*i == start)
		return false;
	*out = v;
	return true;
}

/*
 * Return the value of a hex digit, or -1.
 */
static inline int
fp_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The 32-bit word written as the 8 hex digits at p (a hash, or a word of
 * the names), into *v; false if one of them is no hex digit.
 */
static bool
fp_read_word(const char *p, np_uint32 *v)
{
	int			d;

	*v = 0;
	for (d = 0; d < 8; d++)
	{
		int			x = fp_hexval(p[d]);

		if (x < 0)
			return false;
		*v = (*v << 4) | (np_uint32) x;
	}
	return true;
}

/* Write word v as 8 lower-case hex digits at out (no terminator) */
static void
fp_write_word(char *out, np_uint32 v)
{
	static const char hex[] = "0123456789abcdef";
	int			d;

	for (d = 0; d < 8; d++)
		out[d] = hex[(v >> ((7 - d) * 4)) & 0xF];
}

/*
 * Parse a fingerprint literal.
 */
const char *
NpFpParseLiteral(const char *str, size_t len, NpSketch *sk)
{
	static const char tags[4] = {'v', 'w', 'k', 'n'};
	np_uint64	field[4];
	size_t		i = 0;
	size_t		hexstart;
	size_t		hexend;
	size_t		nh;
	size_t		full = len;
	size_t		check = 0;
	size_t		placestart = 0;
	int			f;
	const char *msg;
	np_uint32  *hashes;

	/*
	 * A literal may be up to 1 GB (of blanks, or of digits beyond the 65,535
	 * hashes a sketch holds, refused only once read): the loops over it
	 * check for interrupts.
	 */
	memset(sk, 0, sizeof(*sk));
	while (i < len && (str[i] == ' ' || str[i] == '\t' || str[i] == '\n' || str[i] == '\r'))
	{
		i++;
		NP_CHECK_AT(i, check);
	}
	check = 0;
	while (len > i && (str[len - 1] == ' ' || str[len - 1] == '\t' ||
					   str[len - 1] == '\n' || str[len - 1] == '\r'))
	{
		len--;
		NP_CHECK_AT(full - len, check);
	}
	for (f = 0; f < 4; f++)
	{
		if (i >= len || str[i] != tags[f])
			return "Expected the form v<version>:w<words>:k<size>:n<shingles>:<hex hashes>";
		i++;
		if (!fp_parse_uint(str, len, &i, &field[f]))
			return "Expected the form v<version>:w<words>:k<size>:n<shingles>:<hex hashes>";
		if (i >= len || str[i] != ':')
			return "Expected the form v<version>:w<words>:k<size>:n<shingles>:<hex hashes>";
		i++;
	}
	if (field[0] != NP_FP_CORE_VERSION && field[0] != NP_FP_V2_VERSION)
		return "Unsupported fingerprint format version";
	if (field[1] < 1 || field[1] > NP_FP_MAX_SHINGLE_WORDS)
		return "Shingle length must be between 1 and 16 words";
	if (field[2] < 1 || field[2] > NP_FP_MAX_SKETCH_SIZE)
		return "Sketch size must be between 1 and 65535";
	if (field[3] > 0xFFFFFFFFu)
		return "Shingle count is out of range";
	hexstart = i;
	hexend = len;
	check = 0;
	for (i = hexstart; i < hexend; i++)
	{
		/* the names of a version 2 text, after the hashes: ":m<hex>" */
		if (str[i] == ':')
		{
			hexend = i;
			break;
		}
		if (fp_hexval(str[i]) < 0)
			return "Hashes must be written as hexadecimal digits, 8 per hash";
		NP_CHECK_AT(i, check);
	}
	if (hexend < len)
	{
		size_t		m = hexend + 2;
		size_t		mend = m + NP_FP_NAMES_WORDS * 8;
		int			w;

		if (m > len || str[hexend + 1] != 'm' || len < mend ||
			(len > mend && str[mend] != ':'))
			return "Names must be written as m and 32 hexadecimal digits after the hashes";
		if (field[0] != NP_FP_V2_VERSION)
			return "Only a version 2 fingerprint holds names";
		for (w = 0; w < NP_FP_NAMES_WORDS; w++)
			if (!fp_read_word(str + m + w * 8, &sk->names[w]))
				return "Names must be written as m and 32 hexadecimal digits after the hashes";
		sk->has_names = true;
		m = mend;
		/* the figures after the names: ":f<hex>", 8 digits a word */
		if (m + 1 < len && str[m + 1] == 'f')
		{
			size_t		fend = m + 2;
			size_t		nd;

			while (fend < len && str[fend] != ':' &&
				   fend - m - 2 <= NP_FP_FIGURES_MAX_WORDS * 8)
				fend++;
			nd = fend - m - 2;
			if (nd % 8 != 0 || nd == 0 || nd / 8 > NP_FP_FIGURES_MAX_WORDS)
				return "Figures must be written as f and 8 hexadecimal digits a word after the names";
			sk->nfigure_words = (int) (nd / 8);
			for (w = 0; w < sk->nfigure_words; w++)
				if (!fp_read_word(str + m + 2 + w * 8, &sk->figures[w]))
					return "Figures must be written as f and 8 hexadecimal digits a word after the names";
			msg = NpFpValidateFigures(sk->figures, sk->nfigure_words);
			if (msg != NULL)
				return msg;
			m = fend;
		}
		/* where the hashes stand, after them: ":p<hex>" */
		if (m < len)
		{
			placestart = m + 2;
			if (placestart > len || str[m + 1] != 'p')
				return "Places must be written as p and 8 hexadecimal digits for every 10 hashes after the names";
		}
	}
	if ((hexend - hexstart) % 8 != 0)
		return "Hashes must be written as hexadecimal digits, 8 per hash";
	nh = (hexend - hexstart) / 8;
	if (nh > NP_FP_MAX_SKETCH_SIZE)
		return "The number of hashes must be the smaller of the shingle count and the sketch size";
	if (placestart > 0)
	{
		size_t		nw = NP_FP_PLACES_WORDS(nh);
		size_t		w;

		if (nh == 0 || len - placestart != nw * 8)
			return "Places must be written as p and 8 hexadecimal digits for every 10 hashes after the names";
		sk->places = np_alloc(nw * sizeof(np_uint32));
		for (w = 0; w < nw; w++)
			if (!fp_read_word(str + placestart + w * 8, &sk->places[w]))
			{
				np_free(sk->places);
				sk->places = NULL;
				return "Places must be written as p and 8 hexadecimal digits for every 10 hashes after the names";
			}
		msg = NpFpValidatePlaces((int) nh, sk->places);
		if (msg != NULL)
		{
			np_free(sk->places);
			sk->places = NULL;
			return msg;
		}
	}
	hashes = nh > 0 ? np_alloc(nh * sizeof(np_uint32)) : NULL;
	for (i = 0; i < nh; i++)
		(void) fp_read_word(str + hexstart + i * 8, &hashes[i]);	/* checked above */
	msg = NpFpValidate((int) field[0], (int) field[1], (int) field[2],
					   (np_uint32) field[3], (int) nh, hashes);
	if (msg != NULL)
	{
		if (hashes)
			np_free(hashes);
		if (sk->places)
			np_free(sk->places);
		sk->places = NULL;
		sk->has_names = false;
		sk->nfigure_words = 0;
		return msg;
	}
	sk->version = (int) field[0];
	sk->shingle_words = (int) field[1];
	sk->sketch_size = (int) field[2];
	sk->nshingles = (np_uint32) field[3];
	sk->nhashes = (int) nh;
	sk->hashes = hashes;
	return NULL;
}

/*
 * Check the places of a sample of nhashes hashes: each word's top bits,
 * and the places after the last hash, are 0.
 */
const char *
NpFpValidatePlaces(int nhashes, const np_uint32 *places)
{
	int			nw = NP_FP_PLACES_WORDS(nhashes);
	int			last = nhashes - (nw - 1) * NP_FP_PLACES_PER_WORD;
	int			w;

	for (w = 0; w < nw; w++)
	{
		int			used = (w == nw - 1) ? last : NP_FP_PLACES_PER_WORD;
		np_uint32	mask = (np_uint32) ((UINT64_C(1) << (NP_FP_PLACE_BITS * used)) - 1);

		if ((places[w] & ~mask) != 0)
			return "Places must leave the bits after the last hash of each word 0";
	}
	return NULL;
}

/*
 * Read the sections after the names of a sample of nhashes hashes: the
 * figures, then the places, each optional and each opening with its tag.
 */
const char *
NpFpReadSections(int nhashes, const np_uint32 *words, int nwords,
				 NpSketch *sk)
{
	int			o = 0;
	const char *msg;

	sk->nfigure_words = 0;
	sk->places = NULL;
	if (o < nwords && (words[o] >> 24) == NP_FP_FIGURES_TAG)
	{
		int			n = NP_FP_FIGURES_WORDS(NP_FP_FIGURES_COUNT(words[o]));

		if (n > nwords - o || n > NP_FP_FIGURES_MAX_WORDS)
			return "The figures' length does not match their number";
		msg = NpFpValidateFigures(words + o, n);
		if (msg != NULL)
			return msg;
		memcpy(sk->figures, words + o, (size_t) n * sizeof(np_uint32));
		sk->nfigure_words = n;
		o += n;
	}
	if (o < nwords)
	{
		int			n = NP_FP_PLACES_WORDS(nhashes);

		if ((words[o] >> 24) != NP_FP_PLACES_TAG)
			return "A section after the names must open with the tag of the figures or, after them, of the places";
		if (nhashes == 0 || words[o] != ((np_uint32) NP_FP_PLACES_TAG << 24 | (np_uint32) n) ||
			nwords - o - 1 != n)
			return "The places must open with their tag word and number one word for every 10 hashes, last";
		msg = NpFpValidatePlaces(nhashes, words + o + 1);
		if (msg != NULL)
			return msg;
		sk->places = (np_uint32 *) words + o + 1;
	}
	return NULL;
}

/*
 * The words of a sketch's sections after the names (NpFpReadSections).
 */
int
NpFpSectionsWords(const NpSketch *sk)
{
	if (!sk->has_names)
		return 0;
	return sk->nfigure_words +
		(sk->places != NULL ? 1 + NP_FP_PLACES_WORDS(sk->nhashes) : 0);
}

/*
 * Write a sketch's sections after the names into out
 * (NpFpSectionsWords(sk) words).
 */
void
NpFpWriteSections(const NpSketch *sk, np_uint32 *out)
{
	int			n = NP_FP_PLACES_WORDS(sk->nhashes);

	if (!sk->has_names)
		return;
	memcpy(out, sk->figures, (size_t) sk->nfigure_words * sizeof(np_uint32));
	out += sk->nfigure_words;
	if (sk->places != NULL)
	{
		out[0] = (np_uint32) NP_FP_PLACES_TAG << 24 | (np_uint32) n;
		memcpy(out + 1, sk->places, (size_t) n * sizeof(np_uint32));
	}
}

/*
 * Format a sketch as its literal.
 */
char *
NpFpFormatLiteral(const NpSketch *sk)
{
	size_t		cap = 64 + (size_t) (sk->nhashes + NP_FP_NAMES_WORDS +
									 NP_FP_FIGURES_MAX_WORDS +
									 NP_FP_PLACES_WORDS(sk->nhashes)) * 8;
	char	   *out = np_alloc(cap);
	int			o;
	int			i;

	o = snprintf(out, cap, "v%d:w%d:k%d:n%u:", sk->version, sk->shingle_words,
				 sk->sketch_size, (unsigned) sk->nshingles);
	for (i = 0; i < sk->nhashes; i++, o += 8)
		fp_write_word(out + o, sk->hashes[i]);
	if (sk->has_names)
	{
		out[o++] = ':';
		out[o++] = 'm';
		for (i = 0; i < NP_FP_NAMES_WORDS; i++, o += 8)
			fp_write_word(out + o, sk->names[i]);
		if (sk->nfigure_words > 0)
		{
			out[o++] = ':';
			out[o++] = 'f';
			for (i = 0; i < sk->nfigure_words; i++, o += 8)
				fp_write_word(out + o, sk->figures[i]);
		}
		if (sk->places != NULL)
		{
			out[o++] = ':';
			out[o++] = 'p';
			for (i = 0; i < NP_FP_PLACES_WORDS(sk->nhashes); i++, o += 8)
				fp_write_word(out + o, sk->places[i]);
		}
	}
	out[o] = '\0';
	return out;
}

/* Word collector for sentence matching */
typedef struct FpWordList
{
	np_uint64  *words;
	size_t		n;
	size_t		cap;
} FpWordList;

/*
 * Word callback: append the word's hash.
 */
static void
fp_collect_word(np_uint64 hash, size_t start, size_t end, void *arg)
{
	FpWordList *wl = (FpWordList *) arg;

	(void) start;
	(void) end;
	if (wl->n == wl->cap)
	{
		wl->cap = wl->cap ? wl->cap * 2 : 64;
		wl->words = np_realloc(wl->words, wl->cap * sizeof(np_uint64));
	}
	wl->words[wl->n++] = hash;
}

/*
 * Return the sorted distinct word-pair hashes of one sentence in *out
 * (np_alloc'ed); a one-word sentence yields its word.
 */
static size_t
fp_sentence_pairs(const char *text, size_t start, size_t end, np_uint32 **out)
{
	FpWordList	wl;
	np_uint32  *v;
	size_t		n;
	size_t		i;
	size_t		o;

	memset(&wl, 0, sizeof(wl));
	NpFpTokenize(text + start, end - start, fp_collect_word, &wl);
	if (wl.n == 0)
	{
		*out = NULL;
		return 0;
	}
	n = (wl.n == 1) ? 1 : wl.n - 1;
	v = np_alloc(n * sizeof(np_uint32));
	if (wl.n == 1)
		v[0] = (np_uint32) (fp_mix64(wl.words[0]) >> 32);
	else
		for (i = 0; i + 1 < wl.n; i++)
			v[i] = (np_uint32) (fp_mix64(fp_mix64(wl.words[i]) ^ wl.words[i + 1]) >> 32);
	np_free(wl.words);
	fp_sort_u32(v, n);
	o = 1;
	for (i = 1; i < n; i++)
		if (v[i] != v[o - 1])
			v[o++] = v[i];
	*out = v;
	return o;
}

/*
 * Passage matching
 * ----------------
 * Each sentence of a is matched with the sentence of b that shares most of
 * its distinct word pairs (ties go to the earlier sentence of b), through an
 * inverted index of b: pair hash -> sentences of b holding it.  Two things
 * keep this linear in the size of the texts:
 *
 *	- sentences of b with the same set of pairs (a repeated sentence) enter
 *	  the index once, as their first copy: the copies would tie, and the
 *	  first copy wins a tie anyway, so the answer does not change;
 *	- a pair held by more than FP_PASSAGE_MAX_POSTINGS different sentences
 *	  of b is not counted, like a stop word.  No article of fewer sentences
 *	  is affected; without the cap, a text of n near-identical sentences
 *	  would cost n * n.
 *
 * The work is then at most FP_PASSAGE_MAX_POSTINGS steps per word pair of a.
 * A pair of a is looked up among the index's sorted keys through a
 * directory of their top bits (about one key per entry), so that the lookup
 * reads two or three cache lines however large b is: a binary search over
 * all the keys missed the cache at most of its steps, and took a third of
 * the time on 64 MB of text.
 */
#define FP_PASSAGE_MAX_POSTINGS	1024

/* The largest directory of the index's keys: 2^22 entries (32 MB) */
#define FP_PASSAGE_DIR_MAX_BITS	22

/* Word pairs of a examined between two checks for interrupts */
#define FP_PASSAGE_CHECK_EVERY	4096

/* One entry of b's inverted index: a pair hash and its sentence */
typedef struct FpPosting
{
	np_uint32	hash;
	int			sentence;
} FpPosting;

#define FP_KEY_HASH(p) ((p).hash)

/*
 * Sort postings by hash, keeping sentence order within a hash (the sort is
 * stable and the postings are built in sentence order).
 */
FP_RADIX_SORT(fp_sort_postings, FpPosting, FP_KEY_HASH)

/*
 * Hash a sorted pair set, to find repeated sentences.
 */
static np_uint64
fp_set_hash(const np_uint32 *v, size_t n)
{
	np_uint64	h = fp_mix64((np_uint64) n);
	size_t		i;

	for (i = 0; i < n; i++)
		h = fp_mix64(h ^ v[i]);
	return h;
}

/*
 * Match each sentence of a to the sentence of b sharing most word pairs.
 */
int
NpFpMatchPassages(const char *a, const size_t *a_ranges, int na,
				  const char *b, const size_t *b_ranges, int nb,
				  double min_score, NpPassageMatch **matches)
{
	np_uint32  *bpairs = NULL;	/* pair sets of b's sentences, end to end */
	size_t		nbpairs = 0;
	size_t		capbpairs = 0;
	size_t	   *boff;			/* sentence s holds bpairs[boff[s]..boff[s+1]) */
	int		   *slots;			/* hash table of b's distinct pair sets */
	np_uint64  *slothash;
	size_t		nslots = 16;
	FpPosting  *post;
	size_t		npost = 0;
	np_uint32  *keys;			/* distinct pair hashes of the index */
	size_t	   *keystart;		/* their postings: sent[keystart[k]..keystart[k+1]) */
	int		   *sent;			/* the postings' sentences, in key order */
	size_t		nkeys = 0;
	size_t	   *dir;			/* keys with top bits d: keys[dir[d]..dir[d+1]) */
	int			dbits = 1;
	int		   *count;
	int		   *touched;
	NpPassageMatch *res;
	int			nres = 0;
	int			s;
	size_t		i;

	/* the pair sets of b */
	boff = np_alloc(((size_t) nb + 1) * sizeof(size_t));
	for (s = 0; s < nb; s++)
	{
		np_uint32  *v;
		size_t		n = fp_sentence_pairs(b, b_ranges[2 * s], b_ranges[2 * s + 1], &v);

		NP_CHECK_FOR_INTERRUPTS();
		boff[s] = nbpairs;
		if (n == 0)
			continue;
		if (nbpairs + n > capbpairs)
		{
			capbpairs = capbpairs * 2 > nbpairs + n ? capbpairs * 2 : nbpairs + n;
			bpairs = bpairs ? np_realloc(bpairs, capbpairs * sizeof(np_uint32))
				: np_alloc(capbpairs * sizeof(np_uint32));
		}
		memcpy(bpairs + nbpairs, v, n * sizeof(np_uint32));
		nbpairs += n;
		np_free(v);
	}
	boff[nb] = nbpairs;

	/* the index: postings of the first copy of each distinct pair set */
	while (nslots < (size_t) nb * 2)
		nslots *= 2;
	slots = np_alloc(nslots * sizeof(int));
	slothash = np_alloc(nslots * sizeof(np_uint64));
	for (i = 0; i < nslots; i++)
		slots[i] = -1;
	post = np_alloc((nbpairs > 0 ? nbpairs : 1) * sizeof(FpPosting));
	for (s = 0; s < nb; s++)
	{
		size_t		n = boff[s + 1] - boff[s];
		np_uint64	h;
		size_t		slot;
		bool		repeat = false;

		if (n == 0)
			continue;
		h = fp_set_hash(bpairs + boff[s], n);
		for (slot = h & (nslots - 1); slots[slot] >= 0; slot = (slot + 1) & (nslots - 1))
		{
			int			t = slots[slot];

			if (slothash[slot] == h && boff[t + 1] - boff[t] == n &&
				memcmp(bpairs + boff[t], bpairs + boff[s], n * sizeof(np_uint32)) == 0)
			{
				repeat = true;
				break;
			}
		}
		if (repeat)
			continue;
		slots[slot] = s;
		slothash[slot] = h;
		for (i = boff[s]; i < boff[s + 1]; i++)
		{
			post[npost].hash = bpairs[i];
			post[npost].sentence = s;
			npost++;
		}
	}
	np_free(slots);
	np_free(slothash);
	if (bpairs)
		np_free(bpairs);
	np_free(boff);
	fp_sort_postings(post, npost);

	keys = np_alloc((npost > 0 ? npost : 1) * sizeof(np_uint32));
	keystart = np_alloc(((npost > 0 ? npost : 1) + 1) * sizeof(size_t));
	sent = np_alloc((npost > 0 ? npost : 1) * sizeof(int));
	for (i = 0; i < npost; i++)
	{
		if (i == 0 || post[i].hash != post[i - 1].hash)
		{
			keys[nkeys] = post[i].hash;
			keystart[nkeys] = i;
			nkeys++;
		}
		sent[i] = post[i].sentence;
	}
	keystart[nkeys] = npost;
	np_free(post);

	/* the directory: 2^dbits entries, at least as many as the keys */
	while (dbits < FP_PASSAGE_DIR_MAX_BITS && ((size_t) 1 << dbits) < nkeys)
		dbits++;
	dir = np_alloc((((size_t) 1 << dbits) + 1) * sizeof(size_t));
	{
		size_t		k = 0;
		size_t		d;

		for (d = 0; d < ((size_t) 1 << dbits); d++)
		{
			while (k < nkeys && (size_t) (keys[k] >> (32 - dbits)) < d)
				k++;
			dir[d] = k;
			if (d % FP_PASSAGE_CHECK_EVERY == 0)
				NP_CHECK_FOR_INTERRUPTS();
		}
		dir[d] = nkeys;
	}

	count = np_alloc0((size_t) (nb > 0 ? nb : 1) * sizeof(int));
	touched = np_alloc((size_t) (nb > 0 ? nb : 1) * sizeof(int));
	res = np_alloc((size_t) (na > 0 ? na : 1) * sizeof(NpPassageMatch));

	for (s = 0; s < na; s++)
	{
		np_uint32  *v;
		size_t		n = fp_sentence_pairs(a, a_ranges[2 * s], a_ranges[2 * s + 1], &v);
		int			ntouched = 0;
		int			best = -1;
		int			t;

		NP_CHECK_FOR_INTERRUPTS();

		/* sentences of fewer than three words match too easily */
		if (n < 2)
		{
			if (v)
				np_free(v);
			continue;
		}
		for (i = 0; i < n; i++)
		{
			size_t		lo;
			size_t		p;
			size_t		d;

			if (i % FP_PASSAGE_CHECK_EVERY == FP_PASSAGE_CHECK_EVERY - 1)
				NP_CHECK_FOR_INTERRUPTS();
			d = v[i] >> (32 - dbits);
			lo = fp_lower_bound(keys, dir[d], dir[d + 1], v[i]);
			if (lo == dir[d + 1] || keys[lo] != v[i] ||
				keystart[lo + 1] - keystart[lo] > FP_PASSAGE_MAX_POSTINGS)
				continue;
			for (p = keystart[lo]; p < keystart[lo + 1]; p++)
			{
				int			sb = sent[p];

				if (count[sb]++ == 0)
					touched[ntouched++] = sb;
			}
		}
		for (t = 0; t < ntouched; t++)
		{
			int			sb = touched[t];

			if (best < 0 || count[sb] > count[best] ||
				(count[sb] == count[best] && sb < best))
				best = sb;
		}
		if (best >= 0 && (double) count[best] / (double) n >= min_score)
		{
			res[nres].a_start = a_ranges[2 * s];
			res[nres].a_end = a_ranges[2 * s + 1];
			res[nres].b_start = b_ranges[2 * best];
			res[nres].b_end = b_ranges[2 * best + 1];
			res[nres].a_sentence = s;
			res[nres].b_sentence = best;
			res[nres].score = (double) count[best] / (double) n;
			nres++;
		}
		for (t = 0; t < ntouched; t++)
			count[touched[t]] = 0;
		np_free(v);
	}
	np_free(sent);
	np_free(keys);
	np_free(keystart);
	np_free(dir);
	np_free(count);
	np_free(touched);
	*matches = res;
	return nres;
}
