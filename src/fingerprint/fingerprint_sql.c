/*-------------------------------------------------------------------------
 *
 * fingerprint_sql.c
 *	  SQL interface of the fingerprint type: input/output, send/receive,
 *	  construction from text, estimators, operators, same_story and
 *	  shared_passages.
 *
 * The algorithms live in fp_core.c; this file checks arguments, turns the
 * core's error messages into ereport() calls and converts between the
 * on-disk NpFingerprint and the core's NpSketch.
 *
 * src/fingerprint/fingerprint_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "distributed.h"
#include "fingerprint/fingerprint.h"
#include "fingerprint/fp_core.h"
#include "compat.h"
#include "text/clean.h"
#include "text/textio.h"

StaticAssertDecl(NP_FP_VERSION_1 == NP_FP_CORE_VERSION &&
				 NP_FP_VERSION_2 == NP_FP_V2_VERSION,
				 "fingerprint.h and the core disagree on the format versions");

/*
 * Copy a sketch into a newly palloc'd fingerprint datum.
 */
static NpFingerprint *
fp_from_sketch(const NpSketch *sk)
{
	int			nnames = sk->has_names ? NP_FP_NAMES_WORDS : 0;
	int			nafter = NpFpSectionsWords(sk);
	Size		size = NP_FP_HDRSZ +
		(Size) (sk->nhashes + nnames + nafter) * sizeof(uint32);
	NpFingerprint *fp = (NpFingerprint *) palloc(size);

	SET_VARSIZE(fp, size);
	fp->version = (uint8) sk->version;
	fp->shingle_words = (uint8) sk->shingle_words;
	fp->sketch_size = (uint16) sk->sketch_size;
	fp->nshingles = sk->nshingles;
	if (sk->nhashes > 0)
		memcpy(fp->hashes, sk->hashes, (Size) sk->nhashes * sizeof(uint32));
	/* the names after the hashes (NpFingerprintHasNames) */
	if (nnames > 0)
		memcpy(fp->hashes + sk->nhashes, sk->names, sizeof(sk->names));
	/* and its sections after them: figures, places (NpFingerprintSection) */
	if (nafter > 0)
		NpFpWriteSections(sk, fp->hashes + sk->nhashes + nnames);
	Assert(NpFingerprintNHashes(fp) == sk->nhashes &&
		   NpFingerprintHasNames(fp) == sk->has_names &&
		   NpFingerprintWordsAfterNames(fp) == nafter &&
		   NpFingerprintHasPlaces(fp) == (sk->places != NULL));
	return fp;
}

/*
 * Fill a sketch that points into a fingerprint datum (no copy).
 */
static void
fp_to_sketch(const NpFingerprint *fp, NpSketch *sk)
{
	sk->version = fp->version;
	sk->shingle_words = fp->shingle_words;
	sk->sketch_size = fp->sketch_size;
	sk->nshingles = fp->nshingles;
	sk->nhashes = NpFingerprintNHashes(fp);
	sk->hashes = (np_uint32 *) fp->hashes;
	sk->has_names = NpFingerprintHasNames(fp);
	if (sk->has_names)
		memcpy(sk->names, NpFingerprintNames(fp), sizeof(sk->names));
	/*
	 * Its sections, by their tags.  A value stored by a development build
	 * between the places and their tag word holds untagged place words
	 * (whose top bits are 0, so no tag): they are no section and are read
	 * as none, so the value keeps its hashes and names and loses its places
	 * until recomputed (doc/fingerprint.md, the upgrade note).
	 */
	sk->nfigure_words = 0;
	sk->places = NULL;
	if (NpFingerprintWordsAfterNames(fp) > 0)
		(void) NpFpReadSections(sk->nhashes,
								NpFingerprintNames(fp) + NP_FP_NAMES_WORDS,
								NpFingerprintWordsAfterNames(fp), sk);
}

/*
 * Error out unless a and b were made with the same parameters and version.
 */
void
NpFingerprintCheckCompatible(const NpFingerprint *a, const NpFingerprint *b)
{
	if (a->version != b->version)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare fingerprints of different format versions"),
				 errdetail("One fingerprint has format version %d, the other %d.",
						   a->version, b->version),
				 errhint("Recompute stored fingerprints with fingerprint(body), which makes version %d, "
						 "and REINDEX their npidx indexes; fingerprint(body, clean, sketch_size, 1) "
						 "makes version 1 fingerprints meanwhile.",
						 NP_FP_VERSION)));
	if (a->shingle_words != b->shingle_words)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare fingerprints made with different shingle lengths"),
				 errdetail("One fingerprint uses %d-word shingles, the other %d-word shingles.",
						   a->shingle_words, b->shingle_words),
				 errhint("Recompute both fingerprints with the same parameters.")));
}

/*
 * Count the hashes with the name bit among the compared ones (the first
 * na of a, nb of b: both samples cut at their common threshold), and
 * those the two share, into ov, the subject hashes aside.  Only for pairs
 * with a brief, so at most a few hundred steps.
 */
static void
fp_count_named(const NpFingerprint *fa, int na, const NpFingerprint *fb,
			   int nb, NpFingerprintOverlap *ov)
{
	const uint32 *a = fa->hashes;
	const uint32 *b = fb->hashes;

	/* not the subject hashes, the first: they have a test of their own */
	int			i = NpFingerprintSubjectCount(fa, na),
				j = NpFingerprintSubjectCount(fb, nb),
				shared = 0,
				an = 0,
				bn = 0;

	while (i < na && j < nb)
	{
		if (a[i] < b[j])
			an += a[i++] & NP_FP_NAME_BIT;
		else if (a[i] > b[j])
			bn += b[j++] & NP_FP_NAME_BIT;
		else
		{
			shared += a[i] & NP_FP_NAME_BIT;
			an += a[i++] & NP_FP_NAME_BIT;
			bn += b[j++] & NP_FP_NAME_BIT;
		}
	}
	while (i < na)
		an += a[i++] & NP_FP_NAME_BIT;
	while (j < nb)
		bn += b[j++] & NP_FP_NAME_BIT;
	ov->names = true;
	ov->inter_named = shared;
	ov->a_named = an;
	ov->b_named = bn;
}

/* Does the pair hold a brief (fewer than NP_FP_BRIEF_SHINGLES shingles)? */
static inline bool
fp_pair_has_brief(const NpFingerprint *a, const NpFingerprint *b)
{
	return a->nshingles < NP_FP_BRIEF_SHINGLES ||
		b->nshingles < NP_FP_BRIEF_SHINGLES;
}

/*
 * The subject hashes of a and b (version 2), the first of their samples:
 * how many the two share, into *shared; returns whether both hold some.
 */
static bool
fp_subjects(const NpFingerprint *a, const NpFingerprint *b, int *shared)
{
	int			na = NpFingerprintSubjectCount(a, NpFingerprintNHashes(a));
	int			nb = NpFingerprintSubjectCount(b, NpFingerprintNHashes(b));
	int			i = 0;
	int			j = 0;

	*shared = 0;
	while (i < na && j < nb)
	{
		if (a->hashes[i] == b->hashes[j])
		{
			(*shared)++;
			i++;
			j++;
		}
		else if (a->hashes[i] < b->hashes[j])
			i++;
		else
			j++;
	}
	return na > 0 && nb > 0;
}

/*
 * Is name hash h (a subject hash) among the names of fp, which has them:
 * are all its bits set?
 */
static inline bool
fp_names_hold(const NpFingerprint *fp, uint32 h)
{
	const uint32 *names = NpFingerprintNames(fp);
	int			k;

	for (k = 0; k < NP_FP_NAMES_PROBES; k++)
	{
		uint32		bit = NP_FP_NAMES_BIT_OF(h, k);

		if (((names[bit / 32] >> (bit % 32)) & 1) == 0)
			return false;
	}
	return true;
}

/*
 * The subject hashes of a (version 2) that b does not share: how many, into
 * *own; returns whether one of them is among b's names.  A word the two
 * subjects share ("Insurance" of "Kirkandrews Insurance" and "Mawgan
 * Insurance") is the common part of two names and says nothing of the
 * pair: the names judge the words that differ.  Both subject samples are
 * ascending.
 */
static bool
fp_own_subject_named(const NpFingerprint *a, const NpFingerprint *b, int *own)
{
	int			na = NpFingerprintSubjectCount(a, NpFingerprintNHashes(a));
	int			nb = NpFingerprintSubjectCount(b, NpFingerprintNHashes(b));
	int			i;
	int			j = 0;
	bool		named = false;

	*own = 0;
	for (i = 0; i < na; i++)
	{
		while (j < nb && b->hashes[j] < a->hashes[i])
			j++;
		if (j < nb && b->hashes[j] == a->hashes[i])
			continue;
		(*own)++;
		named |= fp_names_hold(b, a->hashes[i]);
	}
	return named;
}

/*
 * Are a and b (version 2, both with subject hashes) apart by their names:
 * do both hold their names, does each hold a subject hash the other does
 * not share, and is none of those among the other's names?  A version of
 * an item names the item's subject (a rewrite's new lead opens with
 * another name, and names the wire's further down); another company's
 * item in the formula never does, though the two subjects may share a
 * word.
 */
static bool
fp_names_apart(const NpFingerprint *a, const NpFingerprint *b)
{
	int			own_a = 0;
	int			own_b = 0;

	if (!NpFingerprintHasNames(a) || !NpFingerprintHasNames(b))
		return false;
	if (fp_own_subject_named(a, b, &own_a) ||
		fp_own_subject_named(b, a, &own_b))
		return false;
	return own_a > 0 && own_b > 0;
}

/*
 * Do NP_FP_FOLLOW_CONCENTRATION of shared hashes, at[p] of them at place p,
 * lie in NP_FP_FOLLOW_PARAGRAPHS places or fewer (the lead's among them)?
 */
static bool
fp_places_hold(const int *at, int shared)
{
	int			top[NP_FP_FOLLOW_PARAGRAPHS] = {0};
	int			in_top = 0;
	int			p,
				k;

	for (p = 0; p < (1 << NP_FP_PLACE_BITS); p++)
	{
		int			c = at[p];

		/* keep the largest counts, in descending order */
		for (k = 0; k < NP_FP_FOLLOW_PARAGRAPHS && c > 0; k++)
			if (c > top[k])
			{
				int			t = top[k];

				top[k] = c;
				c = t;
			}
	}
	for (k = 0; k < NP_FP_FOLLOW_PARAGRAPHS; k++)
		in_top += top[k];
	return in_top >= NP_FP_FOLLOW_CONCENTRATION * shared;
}

/*
 * Where the compared samples of a pair stand (fp_places_walk): for each
 * place, how many of each side's compared hashes, and how many of the
 * shared ones, the subject hashes aside.  The follow-up and the lead-quoted
 * tests read the one walk.
 */
typedef struct FpPlaceCounts
{
	int			shared;
	int			leads;			/* shared hashes in both leads */
	int			all_a[1 << NP_FP_PLACE_BITS];
	int			all_b[1 << NP_FP_PLACE_BITS];
	int			at_a[1 << NP_FP_PLACE_BITS];
	int			at_b[1 << NP_FP_PLACE_BITS];
} FpPlaceCounts;

/*
 * Count where the compared samples of a and b (the first na and nb hashes,
 * the subject hashes aside) stand, from their places pa and pb
 * (NpFingerprintPlaces), into *w: one merge of the two samples.
 */
static void
fp_places_walk(const NpFingerprint *a, const uint32 *pa, int na,
			   const NpFingerprint *b, const uint32 *pb, int nb,
			   FpPlaceCounts *w)
{
	int			i = NpFingerprintSubjectCount(a, na);
	int			j = NpFingerprintSubjectCount(b, nb);

	memset(w, 0, sizeof(*w));
	while (i < na && j < nb)
	{
		uint32		x = a->hashes[i];
		uint32		y = b->hashes[j];

		if (x <= y)
			w->all_a[NP_FP_PLACE_OF(pa, i)]++;
		if (y <= x)
			w->all_b[NP_FP_PLACE_OF(pb, j)]++;
		if (x == y)
		{
			int			place_a = NP_FP_PLACE_OF(pa, i);
			int			place_b = NP_FP_PLACE_OF(pb, j);

			w->at_a[place_a]++;
			w->at_b[place_b]++;
			w->leads += (place_a == 0 && place_b == 0);
			w->shared++;
		}
		i += (x <= y);
		j += (y <= x);
	}
	for (; i < na; i++)
		w->all_a[NP_FP_PLACE_OF(pa, i)]++;
	for (; j < nb; j++)
		w->all_b[NP_FP_PLACE_OF(pb, j)]++;
}

/*
 * Walk the compared samples of a and b that ov (NpFingerprintOverlapOf)
 * counted into *w (fp_places_walk), when both are of format version 2 or
 * later and keep where their hashes stand; false, with *w untouched, when
 * one does not.
 */
static bool
fp_pair_places(const NpFingerprint *a, const NpFingerprint *b,
			   const NpFingerprintOverlap *ov, FpPlaceCounts *w)
{
	const uint32 *pa;
	const uint32 *pb;

	if (a->version < NP_FP_VERSION_2 || b->version < NP_FP_VERSION_2)
		return false;
	pa = NpFingerprintPlaces(a);
	pb = pa != NULL ? NpFingerprintPlaces(b) : NULL;
	if (pb == NULL)
		return false;
	fp_places_walk(a, pa, ov->a_count, b, pb, ov->b_count, w);
	return true;
}

/*
 * Is a lead whose compared hashes are known (all of them, at shared with
 * the other side, leads of those in both leads) its text's own
 * (fp_evidence.h, NP_FP_LEAD_PHRASE)?  It shares fewer than
 * NP_FP_LEAD_SHARED hashes, or a phrase with the other's lead: under
 * NP_FP_LEAD_PHRASE of its hashes, NP_FP_FOLLOW_CONCENTRATION of them in
 * the other's lead.  A reaction's lead names the event again ("after
 * the Court of Session ruled that the salmon farmer ..."), in a phrase of
 * the story's lead; a trimmed copy or an update keeps most of the lead,
 * and a newspaper's version that works the story's lead into its second
 * paragraph shares it outside its own lead.
 */
static inline bool
fp_lead_own(int at, int all, int leads)
{
	return at < NP_FP_LEAD_SHARED ||
		((double) at < NP_FP_LEAD_PHRASE * all &&
		 (double) leads >= NP_FP_FOLLOW_CONCENTRATION * at);
}

/*
 * Do the shared hashes of a pair, counted by fp_places_walk, lie as a
 * follow-up's do (fp_evidence.h, NP_FP_FOLLOW_SHARE): a phrase at most in
 * either lead, whose compared hashes are known, and mostly in one or two
 * places of each side?  The caller has checked that the pair shares under
 * NP_FP_FOLLOW_SHARE of each side.
 */
static bool
fp_follow_up(const FpPlaceCounts *w)
{
	/* each lead known, and each its text's own */
	if (w->shared == 0 ||
		w->all_a[0] < NP_FP_LEAD_KNOWN || w->all_b[0] < NP_FP_LEAD_KNOWN ||
		!fp_lead_own(w->at_a[0], w->all_a[0], w->leads) ||
		!fp_lead_own(w->at_b[0], w->all_b[0], w->leads))
		return false;
	return fp_places_hold(w->at_a, w->shared) &&
		fp_places_hold(w->at_b, w->shared);
}

/*
 * Is the shared part of one side, counted by fp_places_walk (the first
 * side's counts all and at, the other's at_other and all_other), that
 * side's lead, its text going on after it, quoted in one paragraph of the
 * other, whose compared hashes stand in NP_FP_QUOTE_PLACES places or more?
 */
static bool
fp_lead_quoted_in(const int *all, const int *at, const int *all_other,
				  const int *at_other, int shared)
{
	bool		after_lead = false;
	int			top_other = 0,
				places_other = 0;
	int			p;

	if (at[0] < NP_FP_FOLLOW_CONCENTRATION * shared)
		return false;
	for (p = 0; p < (1 << NP_FP_PLACE_BITS); p++)
	{
		after_lead |= (p > 0 && all[p] > 0);
		top_other = Max(top_other, at_other[p]);
		places_other += (all_other[p] > 0);
	}
	return after_lead &&
		top_other >= NP_FP_FOLLOW_CONCENTRATION * shared &&
		places_other >= NP_FP_QUOTE_PLACES;
}

/*
 * Is what a pair shares, counted by fp_places_walk, one side's lead quoted
 * in one paragraph of the other (NpFingerprintOverlap.lead_quoted)?  A
 * brief or an URGENT of a story's lead is all lead, and is the story's.
 * The caller has checked that the pair shares under NP_FP_FOLLOW_SHARE of
 * each side.
 */
static bool
fp_lead_quoted(const FpPlaceCounts *w)
{
	if (w->shared == 0)
		return false;
	return fp_lead_quoted_in(w->all_a, w->at_a, w->all_b, w->at_b,
							 w->shared) ||
		fp_lead_quoted_in(w->all_b, w->at_b, w->all_a, w->at_a, w->shared);
}

/*
 * Count the figures a and b hold in common (fp_evidence.h, "The figures a
 * text holds"), their two samples of figures cut at their common threshold
 * as the hashes are (a truncated sample is known up to its largest
 * figure): returns the figures both hold and sets *ca and *cb to each
 * side's compared figures, or returns -1 when either keeps no figures
 * section (a text that holds no figure, or one under the floor).
 */
static int
fp_figures_compare(const NpFingerprint *a, const NpFingerprint *b,
				   int *ca, int *cb)
{
	const uint32 *fa;
	const uint32 *fb;
	int			wa;
	int			wb;
	int			na;
	int			nb;
	uint32		tau = 0xFFFF;
	int			i = 0;
	int			j = 0;
	int			shared = 0;

	*ca = *cb = 0;
	if (a->version < NP_FP_VERSION_2 || b->version < NP_FP_VERSION_2)
		return -1;
	fa = NpFingerprintFigures(a, &wa);
	fb = NpFingerprintFigures(b, &wb);
	if (fa == NULL || fb == NULL)
		return -1;
	na = NP_FP_FIGURES_COUNT(fa[0]);
	nb = NP_FP_FIGURES_COUNT(fb[0]);
	if (fa[0] & NP_FP_FIGURES_TRUNCATED)
		tau = Min(tau, NP_FP_FIGURE_OF(fa, na - 1));
	if (fb[0] & NP_FP_FIGURES_TRUNCATED)
		tau = Min(tau, NP_FP_FIGURE_OF(fb, nb - 1));
	while (i < na || j < nb)
	{
		uint32		x = i < na ? NP_FP_FIGURE_OF(fa, i) : 0x10000;
		uint32		y = j < nb ? NP_FP_FIGURE_OF(fb, j) : 0x10000;

		if (Min(x, y) > tau)
			break;
		if (x <= y)
		{
			(*ca)++;
			i++;
		}
		if (y <= x)
		{
			(*cb)++;
			j++;
		}
		shared += (x == y);
	}
	return shared;
}

/*
 * The figures a and b both hold (fp_figures_compare), with *fewer the
 * compared figures of the side with fewer; -1 when either keeps no figures
 * section.
 */
int
NpFingerprintFiguresShared(const NpFingerprint *a, const NpFingerprint *b,
						   int *fewer)
{
	int			ca;
	int			cb;
	int			shared = fp_figures_compare(a, b, &ca, &cb);

	*fewer = Min(ca, cb);
	return shared;
}

/*
 * The compared figures a holds that b lacks (fp_figures_compare); -1 when
 * either keeps no figures section.
 */
int
NpFingerprintFiguresOwn(const NpFingerprint *a, const NpFingerprint *b)
{
	int			ca;
	int			cb;
	int			shared = fp_figures_compare(a, b, &ca, &cb);

	return shared < 0 ? -1 : ca - shared;
}

/*
 * The figures a pair holds in common (NpFingerprintFiguresShared), compared
 * at most once per overlap: the names' lower share and the figures' test
 * may both ask for them.
 */
typedef struct FpPairFigures
{
	bool		done;
	int			shared;			/* -1: either keeps no figures section */
	int			fewer;
} FpPairFigures;

/*
 * Does the side of a and b with fewer compared figures hold
 * NP_FP_FIGURES_MIN of them and share under share of them?  Both must keep
 * their figures; pf holds the comparison once made.
 */
static bool
fp_figures_below(const NpFingerprint *a, const NpFingerprint *b,
				 FpPairFigures *pf, double share)
{
	if (!pf->done)
	{
		pf->shared = NpFingerprintFiguresShared(a, b, &pf->fewer);
		pf->done = true;
	}
	return pf->shared >= 0 && pf->fewer >= NP_FP_FIGURES_MIN &&
		pf->shared < share * pf->fewer;
}

/*
 * Are a and b apart by their figures (NpFingerprintOverlap.figures_differ,
 * fp_evidence.h, "The figures a text holds")?  The pair shares under
 * NP_FP_FIGURES_LOW of each side's compared hashes (ov's counts are set),
 * and its figures are under NP_FP_FIGURES_SHARE (fp_figures_below).
 */
static bool
fp_figures_apart(const NpFingerprint *a, const NpFingerprint *b,
				 const NpFingerprintOverlap *ov, FpPairFigures *pf)
{
	if (ov->inter >= NP_FP_FIGURES_LOW * ov->a_count ||
		ov->inter >= NP_FP_FIGURES_LOW * ov->b_count)
		return false;
	return fp_figures_below(a, b, pf, NP_FP_FIGURES_SHARE);
}

/*
 * The rest of an overlap whose counts (inter, uni, a_count, b_count) are
 * set: the shingle counts, and the named hashes of a version 2 pair that
 * holds a brief among the samples cut to a_count and b_count.
 */
static void
fp_overlap_names(const NpFingerprint *a, const NpFingerprint *b,
				 NpFingerprintOverlap *ov)
{
	FpPairFigures figures = {false, -1, 0};

	ov->a_shingles = a->nshingles;
	ov->b_shingles = b->nshingles;
	ov->names = false;
	ov->inter_named = ov->a_named = ov->b_named = 0;
	ov->subjects_differ = false;
	ov->subjects_shared = 0;
	if (a->version >= NP_FP_VERSION_2 &&
		fp_subjects(a, b, &ov->subjects_shared))
	{
		/*
		 * Subjects that differ part a pair with a brief only of comparable
		 * lengths: a brief inside a text many times its length is an
		 * excerpt (a story's second paragraph), whose lead is not the
		 * story's.
		 */
		bool		brief = fp_pair_has_brief(a, b) &&
			(uint64) Max(a->nshingles, b->nshingles) <=
			(uint64) NP_FP_SUBJECT_RATIO * Min(a->nshingles, b->nshingles);

		if (brief)
			ov->subjects_differ = (ov->subjects_shared == 0);

		/*
		 * Any other pair, when each side shares NP_FP_NAMES_SHARE of its
		 * compared hashes with the other (a version of one item, not a
		 * rewrite that keeps a few of its passages under a new lead), and
		 * neither's subject, the words the two share aside, is among the
		 * other's names: another company's item in the formula.  A
		 * version keeps its item's name.
		 */
		else if (ov->inter >= NP_FP_NAMES_SHARE * ov->a_count &&
				 ov->inter >= NP_FP_NAMES_SHARE * ov->b_count)
			ov->subjects_differ = fp_names_apart(a, b);

		/*
		 * A pair sharing less, down to NP_FP_NAMES_LOW of each side, only
		 * when its figures disagree as well: two companies' results in one
		 * formula share its sentences ("Net income for the quarter ended
		 * ... million dollars, or ... cents a share") around figures of
		 * their own, where a rewrite that keeps a few passages under a new
		 * lead keeps the story's figures.
		 */
		else if (ov->inter >= NP_FP_NAMES_LOW * ov->a_count &&
				 ov->inter >= NP_FP_NAMES_LOW * ov->b_count &&
				 fp_figures_below(a, b, &figures, NP_FP_NAMES_FIGURES))
			ov->subjects_differ = fp_names_apart(a, b);
	}
	if (a->version >= NP_FP_VERSION_2 && fp_pair_has_brief(a, b))
		fp_count_named(a, ov->a_count, b, ov->b_count, ov);
	ov->figures_differ = (a->version >= NP_FP_VERSION_2 &&
						  fp_figures_apart(a, b, ov, &figures));

	/*
	 * A lead quoted and a follow-up, in a pair that shares under
	 * NP_FP_FOLLOW_SHARE of each side and enough to hold otherwise (the walk
	 * is for those alone): one walk of the two samples' places for both.
	 * The story rule asks for a follow-up (NpFingerprintIsFollowUp) only of
	 * a pair that is_same_story accepts, which meets these conditions; a
	 * pair apart by its subjects or figures is refused whatever the walk
	 * would say (NpFingerprintHolds), so it is not walked.
	 */
	ov->lead_quoted = false;
	ov->follow_up = false;
	if (a->version >= NP_FP_VERSION_2 &&
		!ov->figures_differ && !ov->subjects_differ &&
		ov->inter - ov->subjects_shared >= NP_FP_MIN_EVIDENCE &&
		ov->inter < NP_FP_FOLLOW_SHARE * ov->a_count &&
		ov->inter < NP_FP_FOLLOW_SHARE * ov->b_count)
	{
		FpPlaceCounts w;

		if (fp_pair_places(a, b, ov, &w))
		{
			ov->lead_quoted = fp_lead_quoted(&w);
			/*
			 * A follow-up only between two texts with a subject: a
			 * newspaper's own piece under a lead without a name that works
			 * in a wire paragraph is a partial version as often (the demo
			 * sample's 496 and 624), and the test was set on subjects.
			 */
			ov->follow_up = fp_follow_up(&w) &&
				NpFingerprintSubjectCount(a, ov->a_count) > 0 &&
				NpFingerprintSubjectCount(b, ov->b_count) > 0;
		}
	}
}

/*
 * Is the pair a follow-up and the story it repeats (fingerprint.h)?  Under
 * half of each side shared, in one or two of its paragraphs and no lead
 * (a phrase of the two leads at most): read from ov, which
 * fp_overlap_names set in the walk of the lead quoted.
 */
bool
NpFingerprintIsFollowUp(const NpFingerprintOverlap *ov)
{
	return ov->follow_up;
}

/*
 * Does a carry b's lead below a lead of its own (fingerprint.h)?  Both keep
 * where their hashes stand, each lead has NP_FP_LEAD_KNOWN compared hashes
 * or more, a's lead shares under NP_FP_FOLLOW_SHARE of its hashes with b,
 * b's lead shares NP_FP_LEAD_PHRASE of its hashes or more with a, and
 * NP_FP_FOLLOW_SHARE of those or more stand in a outside a's lead.  ov is
 * NpFingerprintOverlapOf(a, b); one walk of the two samples' places.
 */
bool
NpFingerprintLeadBelow(const NpFingerprint *a, const NpFingerprint *b,
					   const NpFingerprintOverlap *ov)
{
	FpPlaceCounts w;

	if (!fp_pair_places(a, b, ov, &w))
		return false;
	if (w.all_a[0] < NP_FP_LEAD_KNOWN || w.all_b[0] < NP_FP_LEAD_KNOWN)
		return false;
	return (double) w.at_a[0] < NP_FP_FOLLOW_SHARE * w.all_a[0] &&
		(double) w.at_b[0] >= NP_FP_LEAD_PHRASE * w.all_b[0] &&
		(double) (w.at_b[0] - w.leads) >= NP_FP_FOLLOW_SHARE * w.at_b[0];
}

/*
 * Do the last NP_FP_FOLLOW_PARAGRAPHS places of one side that hold any of
 * its compared hashes (all[p] at place p), the lead left out, hold at
 * least NP_FP_FOLLOW_CONCENTRATION of the hashes it shares (at[p] at place
 * p)?  Past the seventh paragraph the places come round again
 * (fp_evidence.h, "Where a hash stands"): in a text that long the highest
 * places that hold hashes stand for its last paragraphs all the same, a
 * test that may miss a block there but does not take a paragraph above
 * the end for one in a shorter text.
 */
static bool
fp_tail_holds(const int *all, const int *at, int shared)
{
	int			last = (1 << NP_FP_PLACE_BITS) - 1;
	int			held = 0;
	int			k;

	while (last > 0 && all[last] == 0)
		last--;
	for (k = 0; k < NP_FP_FOLLOW_PARAGRAPHS && last - k > 0; k++)
		held += at[last - k];
	return (double) held >= NP_FP_FOLLOW_CONCENTRATION * shared;
}

/*
 * Is what a and b share a block under both texts (fingerprint.h)?  Both
 * keep where their hashes stand, each lead has NP_FP_LEAD_KNOWN compared
 * hashes or more and shares fewer than NP_FP_LEAD_SHARED with the other
 * side, and on each side at least NP_FP_FOLLOW_CONCENTRATION of the shared
 * hashes (the subject hashes aside) lie in its last
 * NP_FP_FOLLOW_PARAGRAPHS places (fp_tail_holds).  A block over every
 * item is in the lead (fp_evidence.h folds the short lines before it in)
 * and is not this.  ov is NpFingerprintOverlapOf(a, b); one walk of the
 * two samples' places.
 */
bool
NpFingerprintStandingBlock(const NpFingerprint *a, const NpFingerprint *b,
						   const NpFingerprintOverlap *ov)
{
	FpPlaceCounts w;

	if (!fp_pair_places(a, b, ov, &w))
		return false;
	if (w.shared == 0 ||
		w.all_a[0] < NP_FP_LEAD_KNOWN || w.all_b[0] < NP_FP_LEAD_KNOWN ||
		w.at_a[0] >= NP_FP_LEAD_SHARED || w.at_b[0] >= NP_FP_LEAD_SHARED)
		return false;
	return fp_tail_holds(w.all_a, w.at_a, w.shared) &&
		fp_tail_holds(w.all_b, w.at_b, w.shared);
}

/*
 * Compute the overlap counts of a and b below their common threshold.
 */
void
NpFingerprintOverlapOf(const NpFingerprint *a, const NpFingerprint *b,
					   NpFingerprintOverlap *ov)
{
	NpFingerprintCheckCompatible(a, b);
	NpFpCompare(a->hashes, NpFingerprintNHashes(a), NpFingerprintIsTruncated(a),
				b->hashes, NpFingerprintNHashes(b), NpFingerprintIsTruncated(b),
				&ov->inter, &ov->uni, &ov->a_count, &ov->b_count);
	fp_overlap_names(a, b, ov);
}

/*
 * Estimate the Jaccard index of a's and b's shingle sets.
 */
double
NpFingerprintSimilarity(const NpFingerprint *a, const NpFingerprint *b)
{
	NpFingerprintOverlap ov;

	NpFingerprintOverlapOf(a, b, &ov);
	return ov.uni > 0 ? (double) ov.inter / ov.uni : 0.0;
}

/*
 * Estimate the share of a's shingles (v2: evidence shingles) found in b.
 */
double
NpFingerprintContainment(const NpFingerprint *a, const NpFingerprint *b)
{
	NpFingerprintOverlap ov;

	NpFingerprintOverlapOf(a, b, &ov);
	return ov.a_count > 0 ? (double) ov.inter / ov.a_count : 0.0;
}

/*
 * The threshold pred uses in format version: t itself, or for
 * NP_FP_AUTO_THRESHOLD (any t <= 0: the GUCs hold no other) the format's
 * default.
 */
double
NpFingerprintResolveThreshold(NpPredicate pred, double t, int version)
{
	if (t > 0.0)
		return t;
	switch (pred)
	{
		case NP_PRED_SIMILAR:
			return np_similarity_threshold; /* has no format default */
		case NP_PRED_CONTAINS:
		case NP_PRED_CONTAINED:
			return version >= NP_FP_VERSION_2 ?
				NP_FP_V2_CONTAINMENT_DEFAULT : NP_FP_V1_CONTAINMENT_DEFAULT;
		case NP_PRED_SAME_STORY:
		default:
			return version >= NP_FP_VERSION_2 ?
				NP_FP_V2_SAME_STORY_DEFAULT : NP_FP_V1_SAME_STORY_DEFAULT;
	}
}

/*
 * The fewest shared hashes pred needs in format version, whatever the
 * sample sizes: the minimum evidence of version 2's containment predicates
 * and same_story, 1 otherwise (a threshold above 0 needs a shared hash).
 */
int
NpFingerprintMinEvidence(NpPredicate pred, int version)
{
	if (pred != NP_PRED_SIMILAR && version >= NP_FP_VERSION_2)
		return NP_FP_MIN_EVIDENCE;
	return 1;
}

/*
 * The threshold of a containment predicate or same_story of format version
 * on a pair that holds a brief (brief) or not: t, raised to
 * NP_FP_BRIEF_SHARE for a brief in version 2.
 */
static inline double
fp_pair_threshold(double t, int version, bool brief)
{
	if (brief && version >= NP_FP_VERSION_2)
		return Max(t, NP_FP_BRIEF_SHARE);
	return t;
}

/*
 * One direction of containment on computed counts: the side of size
 * compared hashes shares shared of them (subjects of them subject hashes),
 * at least min_shared besides the subjects and a share of at least t; in
 * version 2 also NP_FP_FULL_EVIDENCE of them or a share of
 * NP_FP_BRIEF_SHARE.
 */
static inline bool
fp_contained(int shared, int subjects, int size, int min_shared, double t,
			 int version)
{
	double		share;

	/* the minimum evidence is running text: no subject hash counts */
	if (size <= 0 || shared - subjects < min_shared)
		return false;
	share = (double) shared / size;
	if (version >= NP_FP_VERSION_2 &&
		shared < NP_FP_FULL_EVIDENCE && !(share >= NP_FP_BRIEF_SHARE))
		return false;
	return share >= t;
}

/*
 * Do the names of a pair that holds a brief agree (version 2; fp_evidence.h,
 * NP_FP_BRIEF_NAMES_SHARE)?  Of the compared hashes with the name bit, the
 * side with fewer finds a quarter of them, and at least one, in the other;
 * a side with none agrees with a side with none, and with a side that is
 * not a brief (a one-line item without a name in its running text,
 * inside the story it announces).
 */
bool
NpFingerprintNamesAgree(const NpFingerprintOverlap *ov)
{
	int			fewer = Min(ov->a_named, ov->b_named);

	if (ov->a_named == 0 && ov->b_named == 0)
		return true;
	if (fewer == 0)
		return (ov->a_named > 0 ? ov->a_shingles : ov->b_shingles) >=
			NP_FP_BRIEF_SHINGLES;
	return ov->inter_named >= 1 &&
		(double) ov->inter_named >= NP_FP_BRIEF_NAMES_SHARE * fewer;
}

/*
 * Decide pred on the overlap counts of a pair of format version, with t
 * resolved here if it is NP_FP_AUTO_THRESHOLD.
 */
bool
NpFingerprintHolds(NpPredicate pred, double t, int version,
				   const NpFingerprintOverlap *ov)
{
	int			m = NpFingerprintMinEvidence(pred, version);
	bool		brief = ov->a_shingles < NP_FP_BRIEF_SHINGLES ||
		ov->b_shingles < NP_FP_BRIEF_SHINGLES;

	t = NpFingerprintResolveThreshold(pred, t, version);
	if (pred != NP_PRED_SIMILAR)
	{
		t = fp_pair_threshold(t, version, brief);
		/* subjects that differ, figures, or a lead quoted: two items */
		if (version >= NP_FP_VERSION_2 &&
			(ov->subjects_differ || ov->figures_differ || ov->lead_quoted))
			return false;
		/* a pair with a brief: the names must agree too */
		if (brief && version >= NP_FP_VERSION_2 && ov->names &&
			!NpFingerprintNamesAgree(ov))
			return false;
	}
	switch (pred)
	{
		case NP_PRED_SIMILAR:
			return ov->uni > 0 && ov->inter >= m &&
				(double) ov->inter / ov->uni >= t;
		case NP_PRED_CONTAINS:
			return fp_contained(ov->inter, ov->subjects_shared, ov->a_count,
								m, t, version);
		case NP_PRED_CONTAINED:
			return fp_contained(ov->inter, ov->subjects_shared, ov->b_count,
								m, t, version);
		case NP_PRED_SAME_STORY:
		default:
			return fp_contained(ov->inter, ov->subjects_shared, ov->a_count,
								m, t, version) ||
				fp_contained(ov->inter, ov->subjects_shared, ov->b_count,
							 m, t, version);
	}
}

/*
 * Decide pred(a, b, t); an error if a and b cannot be compared.
 *
 * The samples cut at their common threshold give |A'| and |B'| before any
 * hash is compared, and with them the fewest shared hashes pred can hold
 * with (NpFingerprintMinShared on the exact sizes, the pair's brief status
 * known from the shingle counts): the count stops as soon as the rest of
 * the samples cannot make that up (NpFpSharedAtLeast), and the pair fails.
 * Most pairs an index scan rechecks fail so.  Otherwise the count is
 * exact and NpFingerprintHolds decides as always.
 */
bool
NpFingerprintTest(NpPredicate pred, const NpFingerprint *a,
				  const NpFingerprint *b, double t)
{
	NpFingerprintOverlap ov;
	int			na = NpFingerprintNHashes(a),
				nb = NpFingerprintNHashes(b);
	int			need;

	NpFingerprintCheckCompatible(a, b);
	NpFpCut(a->hashes, &na, NpFingerprintIsTruncated(a),
			b->hashes, &nb, NpFingerprintIsTruncated(b));
	need = NpFingerprintMinShared(pred, t, a->version, na, nb,
								  fp_pair_has_brief(a, b));
	ov.inter = NpFpSharedAtLeast(a->hashes, na, b->hashes, nb, need);
	if (ov.inter < need)
		return false;
	ov.uni = na + nb - ov.inter;
	ov.a_count = na;
	ov.b_count = nb;
	fp_overlap_names(a, b, &ov);
	return NpFingerprintHolds(pred, t, a->version, &ov);
}

/* ceil(x) less a hair, so that the operators' floating point never accepts
 * a pair a bound says is impossible; capped at PG_INT32_MAX */
static int
fp_need(double x)
{
	x = ceil(x - 1e-6);
	if (x > (double) PG_INT32_MAX)
		return PG_INT32_MAX;
	return (int) x;
}

/*
 * The shared hashes one direction of containment needs (fp_contained) when
 * the contained side has n compared hashes: it grows with n.
 */
static int
fp_direction_need(int n, int m, double t, int version)
{
	int			need = Max(m, fp_need(t * n));

	if (version >= NP_FP_VERSION_2)
		need = Max(need, Min(NP_FP_FULL_EVIDENCE, fp_need(NP_FP_BRIEF_SHARE * n)));
	return need;
}

/*
 * The fewest shared hashes I with which pred(a, b, t) can hold in format
 * version when |A'| >= a_min and |B'| >= b_min, and, if brief, the pair
 * holds a brief: the count the direction(s) need at the smallest sizes
 * (NpFingerprintHolds' needs grow with the sizes), never below the minimum
 * evidence.  Without brief the pair may hold one or not: the lower need
 * (threshold t) is the bound.
 */
int
NpFingerprintMinShared(NpPredicate pred, double t, int version,
					   int a_min, int b_min, bool brief)
{
	int			m = NpFingerprintMinEvidence(pred, version);

	t = NpFingerprintResolveThreshold(pred, t, version);
	a_min = Max(a_min, 1);
	b_min = Max(b_min, 1);
	if (pred == NP_PRED_SIMILAR)
	{
		/* I / (|A'| + |B'| - I) >= t  <=>  I >= t (|A'| + |B'|) / (1 + t) */
		return Max(m, fp_need(t * ((double) a_min + b_min) / (1.0 + t)));
	}
	t = fp_pair_threshold(t, version, brief);
	switch (pred)
	{
		case NP_PRED_CONTAINS:
			return fp_direction_need(a_min, m, t, version);
		case NP_PRED_CONTAINED:
			return fp_direction_need(b_min, m, t, version);
		case NP_PRED_SAME_STORY:
		default:
			return Min(fp_direction_need(a_min, m, t, version),
					   fp_direction_need(b_min, m, t, version));
	}
}

/*
 * The fewest shared hashes with the name bit with which pred(a, b, t) can
 * hold in format version when a is a brief (a_brief) and at least
 * a_named_min of A' carry the bit: a pair with a brief needs its names to
 * agree (NpFingerprintNamesAgree), and when a has named hashes and is a brief, that
 * takes a named hash of b too (the side with fewer, b or a, has at least
 * one), and at least one of them shared.  0 when nothing is known.  The
 * bound does not depend on t, and grows with a_named_min.
 */
int
NpFingerprintMinSharedNamed(NpPredicate pred, int version, bool a_brief,
							int a_named_min)
{
	if (pred == NP_PRED_SIMILAR || version < NP_FP_VERSION_2 || !a_brief ||
		a_named_min < 1)
		return 0;
	return 1;
}

/*
 * An upper bound of similarity(a, b) when |A' n B'| <= inter_max,
 * |A'| >= a_min and |B'| >= b_min.  For I shared hashes the union has at
 * least max(a_min, I) + max(b_min, I) - I members, and I / that grows with
 * I, so the bound is its value at inter_max.
 */
double
NpFingerprintMaxSimilarity(int inter_max, int a_min, int b_min)
{
	double		i = inter_max;

	if (inter_max <= 0)
		return 0.0;
	return i / (Max((double) a_min, i) + Max((double) b_min, i) - i);
}

/* An upper bound of containment(a, b) = I / |A'| likewise */
double
NpFingerprintMaxContainment(int inter_max, int a_min)
{
	a_min = Max(a_min, 1);
	if (inter_max <= 0)
		return 0.0;
	return inter_max >= a_min ? 1.0 : (double) inter_max / a_min;
}

/*
 * Reject a threshold outside (0, 1], NaN included, showing the value given
 * exactly (%g would show 1.0000001 as 1).
 */
void
NpFingerprintCheckThreshold(const char *name, double t)
{
	if (!(t > 0.0 && t <= 1.0))
	{
		char		given[DOUBLE_SHORTEST_DECIMAL_LEN];

		double_to_shortest_decimal_buf(t, given);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be greater than 0 and at most 1", name),
				 errdetail("The %s given was %s.", name, given)));
	}
}

/* ---------------------------------------------------------------------
 * Input and output
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(fingerprint_in);

/*
 * Parse the text literal v1:w3:k160:n913:<hex>.
 */
Datum
fingerprint_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	NpSketch	sk;
	const char *msg;
	NpFingerprint *fp;

	msg = NpFpParseLiteral(str, strlen(str), &sk);
	if (msg != NULL)
	{
		/* fingerprint('some article') parses as a cast of the literal */
		bool		looks_like_text = !(str[0] == 'v' && str[1] >= '0' && str[1] <= '9');
		int			len = strlen(str);

		/*
		 * Show at most 60 bytes, cut between characters: half a character
		 * would make the message invalid in the server encoding, and a
		 * client in another encoding would get a conversion error instead.
		 */
		int			shown = pg_mbcliplen(str, len, 60);

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type fingerprint: \"%.*s%s\"",
						shown, str, shown < len ? "..." : ""),
				 errdetail("%s.", msg),
				 looks_like_text ?
				 errhint("To fingerprint an article given as a literal, cast it to text: fingerprint('...'::text).") : 0));
	}
	fp = fp_from_sketch(&sk);
	if (sk.hashes)
		np_free(sk.hashes);
	if (sk.places)
		np_free(sk.places);
	PG_RETURN_NP_FINGERPRINT_P(fp);
}

PG_FUNCTION_INFO_V1(fingerprint_out);

/*
 * Format a fingerprint as its text literal.
 */
Datum
fingerprint_out(PG_FUNCTION_ARGS)
{
	NpFingerprint *fp = PG_GETARG_NP_FINGERPRINT_P(0);
	NpSketch	sk;

	fp_to_sketch(fp, &sk);
	PG_RETURN_CSTRING(NpFpFormatLiteral(&sk));
}

PG_FUNCTION_INFO_V1(fingerprint_recv);

/* The binary form's header: version, words, size, shingles, count */
#define FP_SEND_HDRSZ	(1 + 1 + 2 + 4 + 4)

/*
 * Read the binary form: version, words, size, shingles, count, hashes, and
 * the names of a version 2 text that has them (NP_FP_NAMES_WORDS words).
 */
Datum
fingerprint_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	NpSketch	sk;
	int64		nhashes;
	int64		rest;
	int			nplaces;
	int			nafter;
	uint32	   *after;
	const char *msg;
	NpFingerprint *fp;
	int			i;

	/* pq_getmsg* would call a short message a protocol violation (08P01) */
	if (buf->len - buf->cursor < FP_SEND_HDRSZ)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fingerprint"),
				 errdetail("The message holds %d bytes; the header alone takes %d.",
						   buf->len - buf->cursor, FP_SEND_HDRSZ)));
	sk.version = pq_getmsgbyte(buf);
	sk.shingle_words = pq_getmsgbyte(buf);
	sk.sketch_size = (uint16) pq_getmsgint(buf, 2);
	sk.nshingles = (uint32) pq_getmsgint(buf, 4);
	nhashes = (uint32) pq_getmsgint(buf, 4);
	/*
	 * the hashes, then a version 2 text's names if it has them, and the
	 * sections after them (its figures, where its hashes stand) if it has
	 * those, each with its tag word
	 */
	rest = (int64) (buf->len - buf->cursor) - nhashes * (int64) sizeof(uint32);
	nplaces = (nhashes > 0 && nhashes <= NP_FP_MAX_SKETCH_SIZE) ?
		NP_FP_PLACES_WORDS(nhashes) : 0;
	if (nhashes > NP_FP_MAX_SKETCH_SIZE ||
		(rest != 0 && (rest < (int64) sizeof(sk.names) ||
					   rest > (int64) (sizeof(sk.names) + sizeof(sk.figures) +
									   (1 + nplaces) * sizeof(uint32)) ||
					   rest % sizeof(uint32) != 0)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fingerprint"),
				 errdetail("The message announces %lld hashes but holds %d bytes of them.",
						   (long long) nhashes, buf->len - buf->cursor)));
	sk.nhashes = (int) nhashes;
	sk.hashes = palloc(Max(nhashes, 1) * sizeof(uint32));
	for (i = 0; i < sk.nhashes; i++)
		sk.hashes[i] = (uint32) pq_getmsgint(buf, 4);
	sk.has_names = (rest != 0);
	for (i = 0; sk.has_names && i < NP_FP_NAMES_WORDS; i++)
		sk.names[i] = (uint32) pq_getmsgint(buf, 4);
	nafter = sk.has_names ?
		(int) ((rest - (int64) sizeof(sk.names)) / sizeof(uint32)) : 0;
	after = palloc(Max(nafter, 1) * sizeof(uint32));
	for (i = 0; i < nafter; i++)
		after[i] = (uint32) pq_getmsgint(buf, 4);
	sk.nfigure_words = 0;
	sk.places = NULL;
	if (nafter > 0 &&
		(msg = NpFpReadSections(sk.nhashes, after, nafter, &sk)) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fingerprint"),
				 errdetail("%s.", msg)));
	if (sk.has_names && sk.version != NP_FP_VERSION_2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fingerprint"),
				 errdetail("Only a version 2 fingerprint holds names.")));
	msg = NpFpValidate(sk.version, sk.shingle_words, sk.sketch_size,
					   sk.nshingles, sk.nhashes, sk.hashes);
	if (msg != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fingerprint"),
				 errdetail("%s.", msg)));
	fp = fp_from_sketch(&sk);
	pfree(sk.hashes);
	pfree(after);
	PG_RETURN_NP_FINGERPRINT_P(fp);
}

PG_FUNCTION_INFO_V1(fingerprint_send);

/*
 * Write the binary form.
 */
Datum
fingerprint_send(PG_FUNCTION_ARGS)
{
	NpFingerprint *fp = PG_GETARG_NP_FINGERPRINT_P(0);
	int			n = NpFingerprintNHashes(fp);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, fp->version);
	pq_sendbyte(&buf, fp->shingle_words);
	pq_sendint16(&buf, fp->sketch_size);
	pq_sendint32(&buf, fp->nshingles);
	pq_sendint32(&buf, (uint32) n);
	for (i = 0; i < n; i++)
		pq_sendint32(&buf, fp->hashes[i]);
	for (i = 0; NpFingerprintHasNames(fp) && i < NP_FP_NAMES_WORDS; i++)
		pq_sendint32(&buf, NpFingerprintNames(fp)[i]);
	/* the sections after the names, as fingerprint_out writes them */
	if (NpFingerprintWordsAfterNames(fp) > 0)
	{
		NpSketch	sk;
		uint32	   *after;
		int			nafter;

		fp_to_sketch(fp, &sk);
		nafter = NpFpSectionsWords(&sk);
		after = palloc(Max(nafter, 1) * sizeof(uint32));
		NpFpWriteSections(&sk, after);
		for (i = 0; i < nafter; i++)
			pq_sendint32(&buf, after[i]);
		pfree(after);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(fingerprint_eq);

/*
 * a = b: the two fingerprints are identical (same parameters and sample).
 */
Datum
fingerprint_eq(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_BOOL(VARSIZE(a) == VARSIZE(b) &&
				   memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0);
}

PG_FUNCTION_INFO_V1(fingerprint_ne);

/*
 * a <> b: the two fingerprints differ.
 */
Datum
fingerprint_ne(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_BOOL(!(VARSIZE(a) == VARSIZE(b) &&
					 memcmp(VARDATA(a), VARDATA(b), VARSIZE(a) - VARHDRSZ) == 0));
}

/* ---------------------------------------------------------------------
 * Construction
 * ---------------------------------------------------------------------
 */

/*
 * Build the sketch of one format version.
 */
static void
fp_build(const char *s, size_t len, int version, int sketch_size, NpSketch *sk)
{
	if (version == NP_FP_VERSION_1)
		NpFpBuildSketch(s, len, NP_FP_DEFAULT_SHINGLE_WORDS, sketch_size, sk);
	else
		NpFpBuildSketchV2(s, len, NP_FP_DEFAULT_SHINGLE_WORDS, sketch_size, sk);
}

/*
 * Fingerprint a text value, cleaning it first if asked.  The text read is
 * UTF-8 in NFC, and the cleaned text is not narrowed to the database
 * encoding, so that a fingerprint does not depend on the database.
 */
static NpFingerprint *
fp_make(text *body, bool clean, int sketch_size, int version)
{
	NpText		t;
	NpSketch	sk;
	NpFingerprint *fp;

	NpTextRead(body, clean, false, &t);
	fp_build(t.data, t.len, version, sketch_size, &sk);
	fp = fp_from_sketch(&sk);
	if (sk.hashes)
		np_free(sk.hashes);
	if (sk.places)
		np_free(sk.places);
	return fp;
}

PG_FUNCTION_INFO_V1(fingerprint_from_text);

/*
 * fingerprint(body text, clean boolean DEFAULT true): the current format
 * with its default sketch size.
 */
Datum
fingerprint_from_text(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	bool		clean = PG_GETARG_BOOL(1);

	PG_RETURN_NP_FINGERPRINT_P(fp_make(body, clean, NP_FP_V2_DEFAULT_SKETCH_SIZE,
									   NP_FP_VERSION));
}

/*
 * Reject a sketch size outside 1-65535.
 */
static void
fp_check_sketch_size(int32 k)
{
	if (k < 1 || k > NP_FP_MAX_SKETCH_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sketch size must be between 1 and %d", NP_FP_MAX_SKETCH_SIZE),
				 errdetail("The sketch size given was %d.", k)));
}

PG_FUNCTION_INFO_V1(fingerprint_from_text_sized);

/*
 * fingerprint(body text, clean boolean, sketch_size integer)
 */
Datum
fingerprint_from_text_sized(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	bool		clean = PG_GETARG_BOOL(1);
	int32		k = PG_GETARG_INT32(2);

	fp_check_sketch_size(k);
	PG_RETURN_NP_FINGERPRINT_P(fp_make(body, clean, k, NP_FP_VERSION));
}

PG_FUNCTION_INFO_V1(fingerprint_from_text_versioned);

/*
 * fingerprint(body text, clean boolean, sketch_size integer,
 *			   format_version integer): also version 1, to compare new text
 * with stored version 1 fingerprints until they are recomputed.
 */
Datum
fingerprint_from_text_versioned(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	bool		clean = PG_GETARG_BOOL(1);
	int32		k = PG_GETARG_INT32(2);
	int32		version = PG_GETARG_INT32(3);

	fp_check_sketch_size(k);
	if (version != NP_FP_VERSION_1 && version != NP_FP_VERSION_2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fingerprint format version must be %d or %d",
						NP_FP_VERSION_1, NP_FP_VERSION_2),
				 errdetail("The version given was %d.", version)));
	PG_RETURN_NP_FINGERPRINT_P(fp_make(body, clean, k, version));
}

/* ---------------------------------------------------------------------
 * Accessors
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(fingerprint_shingle_count);

/*
 * Return the exact number of distinct shingles of the article.
 */
Datum
fingerprint_shingle_count(PG_FUNCTION_ARGS)
{
	NpFingerprint *fp = PG_GETARG_NP_FINGERPRINT_P(0);

	PG_RETURN_INT64((int64) fp->nshingles);
}

PG_FUNCTION_INFO_V1(fingerprint_sample_size);

/*
 * Return the number of hashes the fingerprint keeps.
 */
Datum
fingerprint_sample_size(PG_FUNCTION_ARGS)
{
	NpFingerprint *fp = PG_GETARG_NP_FINGERPRINT_P(0);

	PG_RETURN_INT32(NpFingerprintNHashes(fp));
}

/* ---------------------------------------------------------------------
 * Estimators, operators and predicates
 * ---------------------------------------------------------------------
 */

PG_FUNCTION_INFO_V1(fingerprint_similarity);

/*
 * similarity(a, b): estimated Jaccard index.
 */
Datum
fingerprint_similarity(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_FLOAT8(NpFingerprintSimilarity(a, b));
}

PG_FUNCTION_INFO_V1(fingerprint_containment);

/*
 * containment(a, b): estimated share of a found in b.
 */
Datum
fingerprint_containment(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_FLOAT8(NpFingerprintContainment(a, b));
}

PG_FUNCTION_INFO_V1(fingerprint_distance);

/*
 * a <-> b: 1 - similarity(a, b).
 */
Datum
fingerprint_distance(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_FLOAT8(1.0 - NpFingerprintSimilarity(a, b));
}

PG_FUNCTION_INFO_V1(fingerprint_containment_distance);

/*
 * a <<-> b: 1 - containment(a, b).
 */
Datum
fingerprint_containment_distance(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_FLOAT8(1.0 - NpFingerprintContainment(a, b));
}

PG_FUNCTION_INFO_V1(fingerprint_containment_distance_commutator);

/*
 * a <->> b: 1 - containment(b, a).
 */
Datum
fingerprint_containment_distance_commutator(PG_FUNCTION_ARGS)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_FLOAT8(1.0 - NpFingerprintContainment(b, a));
}

/*
 * The predicates' SQL forms, fmgr calls of NpFingerprintTest: a and b are
 * the first two arguments, the threshold the predicate's setting
 * (predicate_at_setting: the operators and the two-argument forms) or the
 * third argument, checked (predicate_at_threshold).
 */
static Datum
predicate_at_setting(FunctionCallInfo fcinfo, NpPredicate pred,
					 NpSetting setting)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);

	PG_RETURN_BOOL(NpFingerprintTest(pred, a, b, NpSettingValue(setting)));
}

static Datum
predicate_at_threshold(FunctionCallInfo fcinfo, NpPredicate pred)
{
	NpFingerprint *a = PG_GETARG_NP_FINGERPRINT_P(0);
	NpFingerprint *b = PG_GETARG_NP_FINGERPRINT_P(1);
	float8		t = PG_GETARG_FLOAT8(2);

	NpFingerprintCheckThreshold("threshold", t);
	PG_RETURN_BOOL(NpFingerprintTest(pred, a, b, t));
}

PG_FUNCTION_INFO_V1(fingerprint_similar_op);

/*
 * a % b: similarity(a, b) >= newsprint.similarity_threshold.
 */
Datum
fingerprint_similar_op(PG_FUNCTION_ARGS)
{
	return predicate_at_setting(fcinfo, NP_PRED_SIMILAR, NP_SETTING_SIMILARITY);
}

PG_FUNCTION_INFO_V1(fingerprint_contained_op);

/*
 * a <% b: contained(a, b, newsprint.containment_threshold).
 */
Datum
fingerprint_contained_op(PG_FUNCTION_ARGS)
{
	return predicate_at_setting(fcinfo, NP_PRED_CONTAINS, NP_SETTING_CONTAINMENT);
}

PG_FUNCTION_INFO_V1(fingerprint_contains_op);

/*
 * a %> b: contained(b, a, newsprint.containment_threshold).
 */
Datum
fingerprint_contains_op(PG_FUNCTION_ARGS)
{
	return predicate_at_setting(fcinfo, NP_PRED_CONTAINED, NP_SETTING_CONTAINMENT);
}

PG_FUNCTION_INFO_V1(fingerprint_is_similar);

/*
 * is_similar(a, b, threshold): similarity(a, b) >= threshold.
 */
Datum
fingerprint_is_similar(PG_FUNCTION_ARGS)
{
	return predicate_at_threshold(fcinfo, NP_PRED_SIMILAR);
}

PG_FUNCTION_INFO_V1(fingerprint_is_contained);

/*
 * is_contained(a, b, threshold): contained(a, b, threshold).
 */
Datum
fingerprint_is_contained(PG_FUNCTION_ARGS)
{
	return predicate_at_threshold(fcinfo, NP_PRED_CONTAINS);
}

PG_FUNCTION_INFO_V1(fingerprint_same_story);

/*
 * same_story(a, b): same_story(a, b, newsprint.same_story_threshold), where
 * the GUC's default -1 stands for the format's own default.
 */
Datum
fingerprint_same_story(PG_FUNCTION_ARGS)
{
	return predicate_at_setting(fcinfo, NP_PRED_SAME_STORY, NP_SETTING_SAME_STORY);
}

PG_FUNCTION_INFO_V1(fingerprint_same_story_threshold);

/*
 * same_story(a, b, threshold): either article's evidence is contained in
 * the other (see fingerprint.h).
 */
Datum
fingerprint_same_story_threshold(PG_FUNCTION_ARGS)
{
	return predicate_at_threshold(fcinfo, NP_PRED_SAME_STORY);
}

PG_FUNCTION_INFO_V1(fingerprint_default_threshold);

/*
 * default_threshold(fp, predicate): the threshold predicate ('containment'
 * or 'same_story') uses for fingerprints of fp's format when its setting is
 * -1, the format's default.  It reads no setting, so it is IMMUTABLE: the
 * planner writes it into a query in place of such a setting
 * (src/distributed.c), and a caller may write it too, e.g.
 * is_same_story(a, b, default_threshold(b, 'same_story')).  Similarity has
 * no format default.
 */
Datum
fingerprint_default_threshold(PG_FUNCTION_ARGS)
{
	NpFingerprint *fp = PG_GETARG_NP_FINGERPRINT_P(0);
	char	   *predicate = text_to_cstring(PG_GETARG_TEXT_PP(1));
	NpPredicate pred;

	if (strcmp(predicate, "containment") == 0)
		pred = NP_PRED_CONTAINS;
	else if (strcmp(predicate, "same_story") == 0)
		pred = NP_PRED_SAME_STORY;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("predicate must be \"containment\" or \"same_story\""),
				 errdetail("The predicate given was \"%s\".", predicate),
				 errhint("Similarity has no default per format: newsprint.similarity_threshold is its default.")));
	PG_RETURN_FLOAT8(NpFingerprintResolveThreshold(pred, NP_FP_AUTO_THRESHOLD,
												   fp->version));
}

/* ---------------------------------------------------------------------
 * shared_passages
 * ---------------------------------------------------------------------
 */

/* The sentences of one argument of shared_passages() */
typedef struct FpSentences
{
	NpText		text;			/* the text read (textio) */
	int			n;
	size_t	   *ranges;			/* [start, end) bytes, two per sentence */
	int32	   *start;			/* 1-based character position */
	int32	   *length;			/* characters */
} FpSentences;

/*
 * Read one argument of shared_passages() and split it into paragraphs and
 * those into sentences, with each sentence's byte range and character
 * position and length (counted in one pass, sentences being in order).
 */
static void
fp_sentences(text *arg, bool clean, FpSentences *fs)
{
	NpSpan	   *paras = NULL;
	int			np;
	int			cap;
	NpCharCounter cc;
	int			i;

	NpTextRead(arg, clean, true, &fs->text);
	np = NpSplitParagraphs(fs->text.data, fs->text.len, &paras);
	cap = Max(np, 1) * 4;
	fs->n = 0;
	fs->ranges = palloc(cap * 2 * sizeof(size_t));
	fs->start = palloc(cap * sizeof(int32));
	fs->length = palloc(cap * sizeof(int32));
	NpCharCounterInit(&cc, fs->text.data, fs->text.len, fs->text.edits,
					  fs->text.nedits);
	for (i = 0; i < np; i++)
	{
		NpSpan	   *spans = NULL;
		int			ns = NpSplitSentences(fs->text.data + paras[i].start,
										  paras[i].end - paras[i].start, &spans);
		int			j;

		for (j = 0; j < ns; j++)
		{
			size_t		start = paras[i].start + spans[j].start;
			size_t		end = paras[i].start + spans[j].end;

			if (fs->n == cap)
			{
				cap *= 2;
				fs->ranges = repalloc_huge(fs->ranges, cap * 2 * sizeof(size_t));
				fs->start = repalloc_huge(fs->start, cap * sizeof(int32));
				fs->length = repalloc_huge(fs->length, cap * sizeof(int32));
			}
			fs->ranges[2 * fs->n] = start;
			fs->ranges[2 * fs->n + 1] = end;
			NpCharSpan(&cc, start, end, &fs->start[fs->n], &fs->length[fs->n]);
			fs->n++;
		}
		if (spans)
			np_free(spans);
		CHECK_FOR_INTERRUPTS();
	}
	if (paras)
		np_free(paras);
}

/*
 * A matched sentence as a text datum: a piece of the cleaned text, or of
 * the argument itself without cleaning.
 */
static Datum
fp_passage(FpSentences *fs, NpSlicer *sl, bool clean, int sentence)
{
	if (clean)
		return PointerGetDatum(NpTextResult(fs->text.data + fs->ranges[2 * sentence],
											fs->ranges[2 * sentence + 1] -
											fs->ranges[2 * sentence]));
	return PointerGetDatum(NpSlice(sl, fs->start[sentence], fs->length[sentence]));
}

PG_FUNCTION_INFO_V1(fingerprint_shared_passages);

/*
 * shared_passages(a text, b text, clean boolean, min_score float8):
 * sentences of a with their best-matching sentence of b, as rows
 * (passage_a, passage_b, score, start_a, length_a, start_b, length_b).
 */
Datum
fingerprint_shared_passages(PG_FUNCTION_ARGS)
{
	text	   *ta = PG_GETARG_TEXT_PP(0);
	text	   *tb = PG_GETARG_TEXT_PP(1);
	bool		clean = PG_GETARG_BOOL(2);
	float8		min_score = PG_GETARG_FLOAT8(3);
	ReturnSetInfo *rsinfo;
	FpSentences a;
	FpSentences b;
	NpSlicer	sla;
	NpSlicer	slb;
	NpPassageMatch *m;
	int			nm;
	int			i;

	NpFingerprintCheckThreshold("min_score", min_score);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	fp_sentences(ta, clean, &a);
	fp_sentences(tb, clean, &b);
	nm = NpFpMatchPassages(a.text.data, a.ranges, a.n, b.text.data, b.ranges, b.n,
						   min_score, &m);
	/* keep the pairs that share running text, not only quotes or names */
	nm = NpFpFilterPassages(a.text.data, a.text.len, b.text.data, b.text.len,
							m, nm, min_score);
	NpSlicerInit(&sla, ta);
	NpSlicerInit(&slb, tb);
	for (i = 0; i < nm; i++)
	{
		Datum		values[7];
		bool		nulls[7] = {false, false, false, false, false, false, false};
		int			sa = m[i].a_sentence;
		int			sb = m[i].b_sentence;

		values[0] = fp_passage(&a, &sla, clean, sa);
		values[1] = fp_passage(&b, &slb, clean, sb);
		values[2] = Float8GetDatum(m[i].score);
		values[3] = Int32GetDatum(a.start[sa]);
		values[4] = Int32GetDatum(a.length[sa]);
		values[5] = Int32GetDatum(b.start[sb]);
		values[6] = Int32GetDatum(b.length[sb]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		pfree(DatumGetPointer(values[0]));
		pfree(DatumGetPointer(values[1]));
		CHECK_FOR_INTERRUPTS();
	}
	np_free(m);
	return (Datum) 0;
}
