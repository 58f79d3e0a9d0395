/*-------------------------------------------------------------------------
 *
 * story_rule.c
 *	  When an article joins a story: the rule of stories.h, its parameters,
 *	  the SQL function story_match(), and the bounds the batch form prunes
 *	  with.
 *
 * Pruning bounds.  The batch form counts, for each leader it meets, how
 * many of x's sample hashes the leader's sample holds, and compares a
 * leader only when that count can reach the fewest shared hashes the rule
 * needs.  The bounds follow fingerprint.h's definitions: with limit(a) the
 * largest hash of a truncated sample (+infinity otherwise), tau the smaller
 * limit of the pair and A', B' the samples cut at tau, a shared hash is at
 * most both limits, so the count of shared hashes is |A' n B'| (the count
 * the estimators use) and:
 *	 every pair			|A' n B'| >= StoryMinShared (min_shared, at least
 *						the format's minimum evidence, which counts no
 *						subject hash: a tighter need than this bound)
 *	 tiny pairs:		similarity >= s	 =>	 |A' n B'| >= s |A' u B'| >= s max(|A'|, |B'|)
 *						or the smaller nearly whole in the other (STORY_TINY_WHOLE
 *						W, asked only with a time test and of two short items)
 *						=>  |A' n B'| >= W min(|A'|, |B'|), so the lesser of
 *						the two bounds when both are short
 *	 other pairs:		is_same_story(t)  =>  |A' n B'| >= t min(|A'|, |B'|)
 * with t the threshold resolved for the pair's format (StoryThreshold).
 * Each bound grows with |A'| and |B'|, so lower bounds of the two give a
 * lower bound (StoryNeedPairBound).  For any leader at all (StoryNeedAny)
 * only StoryMinShared is left: a tiny leader of StoryMinShared hashes
 * wholly in x needs no more.  A pair's format is x's (a leader of another
 * format is an error when compared).  A new fingerprint format changes these bounds with the
 * estimators; test/sql/stories.sql compares the pruned batch with the rule
 * applied to every pair.
 *
 * src/stories/story_rule.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

#include "distributed.h"
#include "newsprint.h"
#include "stories/stories.h"

PG_FUNCTION_INFO_V1(story_match);

int			story_common_holders = STORY_COMMON_HOLDERS;

/* Register the story rule's settings (from _PG_init) */
void
NpStoriesInit(void)
{
	DefineCustomIntVariable("newsprint.story_common_holders",
							"Sets how many story leaders must hold a shared hash for it to be no evidence.",
							"cluster_stories() and assign_story() count the leaders that hold each shared hash of a pair; "
							"a pair must share is_same_story's minimum evidence among the hashes fewer leaders hold. "
							"0 turns the test off.",
							&story_common_holders,
							STORY_COMMON_HOLDERS, 0, PG_INT32_MAX,
							PGC_USERSET, 0,
							NULL, NULL, NULL);
}

/* Rounded down by a hair, so that floating point never loses a match */
static int
need_at_least(double x)
{
	double		c = ceil(x - 1e-9);

	if (c < 1.0)
		return 1;
	if (c > (double) PG_INT32_MAX)
		return PG_INT32_MAX;
	return (int) c;
}

void
StoryRuleFromArgs(FunctionCallInfo fcinfo, int first, StoryRule *rule)
{
	/*
	 * A NULL threshold is the setting's (read through NpSettingValue, which
	 * refuses on a Citus worker): a valid threshold, or -1 for the default
	 * of each pair's format (StoryThreshold).  An argument must be valid.
	 */
	if (PG_ARGISNULL(first))
		rule->threshold = NpSettingValue(NP_SETTING_SAME_STORY);
	else
	{
		rule->threshold = PG_GETARG_FLOAT8(first);
		NpFingerprintCheckThreshold("threshold", rule->threshold);
	}
	rule->min_shared = PG_ARGISNULL(first + 1) ? STORY_DEFAULT_MIN_SHARED
		: PG_GETARG_INT32(first + 1);
	rule->tiny_shingles = PG_ARGISNULL(first + 2) ? STORY_DEFAULT_TINY_SHINGLES
		: PG_GETARG_INT32(first + 2);
	rule->tiny_similarity = PG_ARGISNULL(first + 3) ? STORY_DEFAULT_TINY_SIMILARITY
		: PG_GETARG_FLOAT8(first + 3);
	rule->min_named = PG_ARGISNULL(first + 4) ? STORY_DEFAULT_MIN_NAMED
		: PG_GETARG_INT32(first + 4);

	NpFingerprintCheckThreshold("tiny_similarity", rule->tiny_similarity);
	if (rule->min_shared < 1 || rule->min_shared > 65535)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_shared must be between 1 and 65535"),
				 errdetail("The min_shared given was %d.", rule->min_shared)));
	if (rule->tiny_shingles < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tiny_shingles must not be negative"),
				 errdetail("The tiny_shingles given was %d.", rule->tiny_shingles)));
	if (rule->min_named < 0 || rule->min_named > 65535)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_named must be between 0 and 65535"),
				 errdetail("The min_named given was %d.", rule->min_named)));
}

int64
StoryWindowOf(const Interval *window)
{
	int64		months;
	int64		days;
	int64		span;

	/*
	 * As the server compares intervals (interval_cmp_value): a month is 30
	 * days, a day 24 hours.  Exactly when it fits in int64; beyond, only
	 * the sign matters, and the sum in double has the right one.
	 */
	if (pg_mul_s64_overflow((int64) window->month, DAYS_PER_MONTH * USECS_PER_DAY, &months) ||
		pg_mul_s64_overflow((int64) window->day, USECS_PER_DAY, &days) ||
		pg_add_s64_overflow(months, days, &span) ||
		pg_add_s64_overflow(span, window->time, &span))
	{
		double		approx = (double) window->month * DAYS_PER_MONTH * USECS_PER_DAY +
		(double) window->day * USECS_PER_DAY + (double) window->time;

		span = approx < 0 ? -1 : PG_INT64_MAX;
	}
	if (span < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time_window must not be negative"),
				 errdetail("The time_window given was %s.",
						   DatumGetCString(DirectFunctionCall1(interval_out,
															   PointerGetDatum(window)))),
				 errhint("For no time window, pass NULL (in story_trigger's arguments, '').")));
	/* beyond int64 (292,000 years): as good as none */
	if (span == PG_INT64_MAX)
		return STORY_NO_WINDOW;
	return span;
}

bool
StoryIsTimeType(Oid typid)
{
	Oid			base = getBaseType(typid);

	return base == TIMESTAMPTZOID || base == TIMESTAMPOID || base == DATEOID;
}

int64
StoryWindowFromArg(FunctionCallInfo fcinfo, int arg)
{
	if (PG_NARGS() <= arg || PG_ARGISNULL(arg))
		return STORY_NO_WINDOW;
	return StoryWindowOf(PG_GETARG_INTERVAL_P(arg));
}

/*
 * The name counts of a pair, among the hashes the estimators compare (at
 * most the smaller limit): how many hashes that carry the name bit both
 * hold, and how many each sample holds.  Merged at most once per pair
 * (pair_names).
 */
typedef struct StoryPairNames
{
	bool		done;
	int			shared;
	int			x_named;
	int			l_named;
} StoryPairNames;

/*
 * One merge of the two samples; only low links and tiny pairs that
 * resemble or are nearly whole in each other, a few per article, pairs
 * under STORY_CARRIED_SHARE both ways and pairs of short items without a
 * time test (stories.h) come here.
 */
static const StoryPairNames *
pair_names(const NpFingerprint *a, const NpFingerprint *b, StoryPairNames *pn)
{
	uint64		tau;
	int			na = NpFingerprintNHashes(a);
	int			nb = NpFingerprintNHashes(b);
	int			i;
	int			j;
	int			named = 0;
	int			a_only = 0;
	int			b_only = 0;

	if (pn->done)
		return pn;
	tau = Min(StorySampleLimit(a), StorySampleLimit(b));
	/* not the subject hashes, the first: is_same_story tests them */
	i = NpFingerprintSubjectCount(a, na);
	j = NpFingerprintSubjectCount(b, nb);
	while (i < na && j < nb && (uint64) a->hashes[i] <= tau &&
		   (uint64) b->hashes[j] <= tau)
	{
		if (a->hashes[i] < b->hashes[j])
			a_only += a->hashes[i++] & NP_FP_NAME_BIT;
		else if (a->hashes[i] > b->hashes[j])
			b_only += b->hashes[j++] & NP_FP_NAME_BIT;
		else
		{
			named += a->hashes[i] & NP_FP_NAME_BIT;
			i++;
			j++;
		}
	}
	/* the rest of the sample that the merge did not finish */
	while (i < na && (uint64) a->hashes[i] <= tau)
		a_only += a->hashes[i++] & NP_FP_NAME_BIT;
	while (j < nb && (uint64) b->hashes[j] <= tau)
		b_only += b->hashes[j++] & NP_FP_NAME_BIT;
	pn->shared = named;
	pn->x_named = a_only + named;
	pn->l_named = b_only + named;
	pn->done = true;
	return pn;
}

/*
 * The names of a tiny pair (format version 2, min_named above 0): of the
 * sampled hashes that hold a name or a figure, the side with fewer must
 * find at least tiny_similarity in the other (nothing is asked when it
 * has none).  Another company's notice in the same formula differs from a
 * notice's copy in the company's name and the figures, where the named
 * hashes are; a copy, shortened or not, keeps them (doc/stories.md,
 * "Names in a tiny pair").
 */
static bool
tiny_names_agree(const StoryRule *rule, const StoryPairNames *pn)
{
	return (double) pn->shared >=
		rule->tiny_similarity * Min(pn->x_named, pn->l_named);
}

/*
 * May a tiny pair of articles with these shingle counts match as nearly
 * whole in each other (stories.h, STORY_TINY_WHOLE)? Only when the longer
 * is short too.
 */
static inline bool
tiny_whole_sizes(uint32 x_shingles, uint32 l_shingles)
{
	return Max(x_shingles, l_shingles) < STORY_BRIEF_SHINGLES;
}

/*
 * Is the smaller of a tiny pair's samples wholly in the other, or nearly,
 * the other being short too (stories.h, STORY_TINY_WHOLE)? A trimmed copy
 * of a short story in its source, or a short first take in its update:
 * they may resemble little, being of other sizes.
 */
static inline bool
tiny_whole(const NpFingerprint *x, const NpFingerprint *leader,
		   const NpFingerprintOverlap *ov)
{
	return tiny_whole_sizes(x->nshingles, leader->nshingles) &&
		(double) ov->inter >= STORY_TINY_WHOLE * Min(ov->a_count, ov->b_count);
}

/*
 * Do two short items without a time test differ in their names and
 * figures (stories.h, STORY_BRIEF_SHINGLES)? The side with fewer named
 * hashes misses STORY_BRIEF_CHANGED or more of them in the other (more than
 * a correction of one figure changes), and finds under tiny_similarity of
 * them, or under STORY_BRIEF_KEPT while at least STORY_BRIEF_FIGURES of the
 * hashes the two do not share carry the name bit: the same frame with
 * other names and figures, as the next day's item of a recurring series is
 * (doc/stories.md, "Without a time test").  Counted on the samples as the
 * estimators cut them (ov).
 */
static bool
short_names_differ(const StoryRule *rule, const StoryPairNames *pn,
				   const NpFingerprintOverlap *ov)
{
	int			shared = pn->shared;
	int			fewer = Min(pn->x_named, pn->l_named);
	int			differ = ov->a_count + ov->b_count - 2 * ov->inter;
	int			named_differ = pn->x_named + pn->l_named - 2 * shared;

	if (fewer - shared < STORY_BRIEF_CHANGED)
		return false;
	if ((double) shared < rule->tiny_similarity * fewer)
		return true;
	return (double) shared < STORY_BRIEF_KEPT * fewer &&
		(double) named_differ >= STORY_BRIEF_FIGURES * differ;
}

/*
 * Does a low link agree in its figures (stories.h, STORY_LOW_FIGURES)? The
 * side with fewer compared figures holds STORY_LOW_FIGURES or more and
 * finds STORY_LOW_FIGURES_SHARE of them in the other; a text that keeps
 * no figures (none in it, or under the fingerprint's floor) agrees in
 * none.
 */
static bool
low_figures_agree(const NpFingerprint *x, const NpFingerprint *leader)
{
	int			fewer;
	int			shared = NpFingerprintFiguresShared(x, leader, &fewer);

	return shared >= 0 && fewer >= STORY_LOW_FIGURES &&
		(double) shared >= STORY_LOW_FIGURES_SHARE * fewer;
}

/*
 * Is what a pair shares a standing block of one outlet under its items
 * (doc/stories.md, "Outlet boilerplate"): the shared hashes in the last
 * paragraphs of both sides and in neither lead
 * (NpFingerprintStandingBlock)?  An outlet's about-us paragraph, tip line,
 * station line or registration footer under every item is that, at any
 * share: unrelated items share it and nothing of their leads, and on a
 * short item it is most of the sample.  Copies, updates and newspapers'
 * versions of a story share its lead or paragraphs above their ends.  Two
 * short items (under STORY_BRIEF_SHINGLES) that share a subject hash are
 * spared: a brief whose lead was rewritten over the same last paragraphs
 * is a copy of the story in the generated corpus (bench/story_quality.sh,
 * stress).  Asked only of a pair that the rest of the rule accepts.
 */
static bool
standing_block(const NpFingerprint *x, const NpFingerprint *leader,
			   const NpFingerprintOverlap *ov)
{
	if (ov->subjects_shared > 0 && x->nshingles < STORY_BRIEF_SHINGLES &&
		leader->nshingles < STORY_BRIEF_SHINGLES)
		return false;
	return NpFingerprintStandingBlock(x, leader, ov);
}

/*
 * The features of a one-liner (small) against a longer article (big) that
 * the URGENT join reads (StoryUrgentJoins): shared hashes (the subject
 * hashes aside) and small's compared hashes, small's figures and those big
 * lacks (-1: either keeps no figures), small's named hashes and those big
 * shares, and whether the subjects part them.
 */
typedef struct StoryUrgentPair
{
	int			shared;
	int			count;
	int			figures;
	int			own;
	int			named;
	int			named_shared;
	int			subjects;
	int			subjects_shared;
	bool		subjects_differ;
} StoryUrgentPair;

static void
urgent_pair_of(const NpFingerprint *small, const NpFingerprint *big,
			   StoryUrgentPair *u)
{
	NpFingerprintOverlap ov;
	StoryPairNames pn = {0};
	int			fewer;

	NpFingerprintOverlapOf(small, big, &ov);
	u->shared = ov.inter - ov.subjects_shared;
	u->count = ov.a_count - NpFingerprintSubjectCount(small, NpFingerprintNHashes(small));
	u->own = NpFingerprintFiguresOwn(small, big);
	u->figures = NpFingerprintFiguresShared(small, big, &fewer) < 0 ? -1 :
		u->own + NpFingerprintFiguresShared(small, big, &fewer);
	pair_names(small, big, &pn);
	u->named = pn.x_named;
	u->named_shared = pn.shared;
	u->subjects = NpFingerprintSubjectCount(small, NpFingerprintNHashes(small));
	u->subjects_shared = ov.subjects_shared;
	u->subjects_differ = ov.subjects_differ;
}

/*
 * Is small, a one-liner (an URGENT, FLASH or BULLETIN line: fewer sample
 * hashes than the rule asks any pair to share, StoryMinShared), the first
 * take of big, an article that is not tiny, published within
 * STORY_URGENT_REACH of it (stories.h)?  Of small's hashes (the subject
 * hashes aside) STORY_URGENT_SHARE, and at least STORY_URGENT_SHARED, are
 * in big; all its figures are (none that big lacks); STORY_URGENT_NAMED
 * of its named hashes or more are; and, when small has a subject, big
 * shares one of its subject hashes (another company's one-liner in the
 * same words and figures shares the figures, not the subject).
 */
bool
StoryUrgentJoins(const StoryRule *rule, const NpFingerprint *small,
				 const NpFingerprint *big, int64 small_t, int64 big_t,
				 double *score)
{
	StoryUrgentPair u;

	if (small->version != NP_FP_V2_VERSION ||
		small_t == STORY_NO_TIME || big_t == STORY_NO_TIME ||
		!StoryWithinWindow(STORY_URGENT_REACH, small_t, big_t) ||
		NpFingerprintNHashes(small) >= StoryMinShared(rule, small->version) ||
		big->nshingles < (uint32) rule->tiny_shingles)
		return false;
	NpFingerprintCheckCompatible(small, big);
	urgent_pair_of(small, big, &u);
	if (u.shared < STORY_URGENT_SHARED ||
		(double) u.shared < STORY_URGENT_SHARE * u.count ||
		u.subjects_differ || (u.subjects > 0 && u.subjects_shared == 0) ||
		u.own > 0 ||
		u.named_shared < STORY_URGENT_NAMED)
		return false;
	*score = u.count > 0 ? (double) u.shared / u.count : 0.0;
	return true;
}

/* StoryRuleMatches on the pair's overlap, computed by the caller */
static bool
rule_matches_overlap(const StoryRule *rule, const NpFingerprint *x,
					 const NpFingerprint *leader,
					 const NpFingerprintOverlap *ov,
					 StoryPairTime pt, double *score, double *similarity)
{
	bool		timed = pt != STORY_PAIR_UNTIMED;
	StoryPairNames pn = {0};
	bool		names = rule->min_named > 0 && x->version == NP_FP_V2_VERSION;
	double		sim;

	if (ov->inter == 0 || ov->inter < StoryMinShared(rule, x->version))
		return false;

	/*
	 * is_same_story's minimum evidence counts no subject hash (fingerprint.h,
	 * "Names in a brief"): nor does the rule's, tiny pairs included, so that
	 * every pair it accepts passes is_same_story and assign_story()'s index
	 * search finds every leader that cluster_stories() would join.
	 */
	if (ov->inter - ov->subjects_shared <
		NpFingerprintMinEvidence(NP_PRED_SAME_STORY, x->version))
		return false;
	sim = (double) ov->inter / ov->uni;
	if (StoryTinyPair(rule, x->nshingles, leader->nshingles))
	{
		if (!(sim >= rule->tiny_similarity) &&
			!(timed && tiny_whole(x, leader, ov)))
			return false;

		/*
		 * A tiny pair must agree in its names and figures too, resembling or
		 * wholly in the other: notices of two companies in one formula share
		 * the formula, not the names.
		 */
		if (names && !tiny_names_agree(rule, pair_names(x, leader, &pn)))
			return false;

		/*
		 * And a pair holding a brief, whatever min_named, meets is_same_story's
		 * names rule (fingerprint.h, "Names in a brief"), and no tiny pair
		 * is two items by its subjects (fp_evidence.h, NP_FP_SUBJECT_BITS:
		 * two companies' notices in one formula) or by the names each text
		 * holds (NP_FP_NAMES_SHARE: a pair with no brief, tiny only for a
		 * tiny_shingles above NP_FP_BRIEF_SHINGLES): assign_story() finds
		 * the leaders of an article with is_same_story, so a tiny pair that
		 * rule rejects (a named brief against a side without any named
		 * hash) must not join here either.
		 */
		if (ov->subjects_differ ||
			(ov->names && !NpFingerprintNamesAgree(ov)))
			return false;
	}
	else
	{
		double		t = StoryThreshold(rule, x->version);

		if (!NpFingerprintHolds(NP_PRED_SAME_STORY, t, x->version, ov))
			return false;

		/*
		 * The story's direction: x must be a version of the leader (t of
		 * x's own evidence found in it), or carry the leader (most of the
		 * leader's evidence found in x).  is_same_story accepts either
		 * share at t, so a later article that repeats a leader's background
		 * paragraph (a follow-up) would join it on the leader's share.
		 */
		if (!((double) ov->inter >= t * ov->a_count ||
			  (double) ov->inter >= Max(t, STORY_CARRIED_SHARE) * ov->b_count))
			return false;

		/*
		 * A follow-up (the sentencing after a verdict, the target's reply
		 * to a bid) repeats one or two background paragraphs of the story
		 * under a lead of its own: it carries some of the leader's copy,
		 * as same_story says, but is another piece of journalism.  Shared
		 * text in neither lead (a phrase of the two leads at most), in one
		 * or two paragraphs of each, under half of each (fingerprint.h,
		 * NpFingerprintIsFollowUp; a tiny pair, similar or nearly whole in
		 * the other, shares more).  But a newspaper's partial version of a
		 * wire story has that shape too: within the window and
		 * STORY_PARTIAL_REACH, one that shares STORY_PARTIAL_SHARED hashes
		 * or more (the subject hashes aside, as the test counts them) is
		 * kept; follow-ups that share as much came a day or more later.
		 */
		if (NpFingerprintIsFollowUp(ov) &&
			!(pt == STORY_PAIR_NEAR &&
			  ov->inter - ov->subjects_shared >= STORY_PARTIAL_SHARED))
			return false;

		/*
		 * Unrelated items of one outlet under its standing block share the
		 * block alone, in neither lead (standing_block).
		 */
		if (standing_block(x, leader, ov))
			return false;

		/*
		 * A company's next announcement (stories.h, STORY_NEWS_FIGURES):
		 * the leader's subject, mostly the leader's text, the leader's lead
		 * below a lead of its own, and figures the leader lacks.  The
		 * figures before the places: a copy holds none of its own, and the
		 * walk is the dearer.
		 */
		if (ov->subjects_shared > 0 &&
			(double) ov->inter >= STORY_CARRIED_SHARE * ov->a_count &&
			NpFingerprintFiguresOwn(x, leader) >= STORY_NEWS_FIGURES &&
			NpFingerprintLeadBelow(x, leader, ov))
			return false;

		/*
		 * Neither mostly in the other (under STORY_CARRIED_SHARE both ways):
		 * a partial version, whose shared evidence must be more than shared
		 * names and figures, and hold some of them: min_named when low or
		 * without a time test, STORY_PARTIAL_NAMED otherwise.
		 */
		if (names &&
			(double) ov->inter < STORY_CARRIED_SHARE * ov->a_count &&
			(double) ov->inter < STORY_CARRIED_SHARE * ov->b_count)
		{
			const StoryPairNames *n = pair_names(x, leader, &pn);
			int			x_named = n->x_named;
			int			l_named = n->l_named;
			int			named = n->shared;
			bool		low = (double) ov->inter < STORY_LOW_SHARE * ov->a_count &&
				(double) ov->inter < STORY_LOW_SHARE * ov->b_count;
			bool		figures;

			/*
			 * A low link must share names: two stories written in the same
			 * sentence frames with other names share evidence spread as
			 * widely as a partial rewrite's (doc/stories.md, "Names in a low
			 * link").  Without a time test every earlier story is a
			 * candidate, so a partial version (under STORY_CARRIED_SHARE both
			 * ways) must share them too: a brief whose agency formula is
			 * half of its evidence meets that formula in other companies'
			 * stories (doc/stories.md, "A partial version without a time
			 * test").  But within the window a low link whose figures agree
			 * holds the story's particulars all the same, and needs no
			 * shared name: a rewrite keeps the wire's figures in sentences
			 * of its own, so few of the sampled shingles around them are
			 * shared (stories.h, STORY_LOW_FIGURES; doc/stories.md,
			 * "Figures in a low link").
			 */
			figures = timed && low && named < rule->min_named &&
				low_figures_agree(x, leader);
			if (named < rule->min_named && (!timed || low) && !figures)
				return false;

			/*
			 * With a time test too, the shared evidence of a partial version
			 * must hold some of the story's particulars: two companies' items
			 * in one house formula share its running text and none of their
			 * names and figures (stories.h, STORY_PARTIAL_NAMED;
			 * doc/stories.md, "House formulas in a partial version"); a
			 * low link whose figures agree holds them.
			 */
			if (named < STORY_PARTIAL_NAMED && !figures)
				return false;

			/*
			 * Rows: when nearly all that the two share is names and figures,
			 * or both samples are (two tables in one format share the labels
			 * of their rows and a few figures that agree by chance), one
			 * must be mostly in the other (doc/stories.md, "Two tables").
			 * Counted on the samples as the estimators cut them.
			 */
			if ((double) named >= STORY_ROWS_SHARE * ov->inter ||
				((double) x_named >= STORY_ROWS_SHARE * ov->a_count &&
				 (double) l_named >= STORY_ROWS_SHARE * ov->b_count))
				return false;
		}
	}

	/*
	 * Two short items with no time test, tiny or not, must not be the same
	 * frame with other names and figures: two days of one recurring item
	 * share its frame, not its figures (stories.h).  Within a window, the
	 * window parts them.
	 */
	if (!timed && names &&
		x->nshingles < STORY_BRIEF_SHINGLES &&
		leader->nshingles < STORY_BRIEF_SHINGLES &&
		short_names_differ(rule, pair_names(x, leader, &pn), ov))
		return false;

	*score = Max(ov->a_count > 0 ? (double) ov->inter / ov->a_count : 0.0,
				 ov->b_count > 0 ? (double) ov->inter / ov->b_count : 0.0);
	*similarity = sim;
	return true;
}

bool
StoryRuleMatches(const StoryRule *rule, const NpFingerprint *x,
				 const NpFingerprint *leader, StoryPairTime pt, double *score,
				 double *similarity)
{
	NpFingerprintOverlap ov;

	NpFingerprintOverlapOf(x, leader, &ov);
	return rule_matches_overlap(rule, x, leader, &ov, pt, score, similarity);
}

/*
 * Is x, of a tiny pair within the round-up reach, a next-day copy of
 * leader (stories.h, STORY_TINY_WHOLE)? A morning paper's trimmed copy of
 * the day before's short story: both short (under STORY_BRIEF_SHINGLES),
 * STORY_TINY_WHOLE or more of x's own evidence in the leader, the leader's
 * subject kept (a copy keeps the lead's name; another company's notice in
 * the formula has its own), the tiny rule's name tests passed as within
 * the window, and the two not the same frame with other names and figures
 * (short_names_differ, as without a time test: the next day's item of a
 * recurring series).  If so, set *score and *similarity as
 * StoryRuleMatches does.
 */
static bool
tiny_next_day_copy(const StoryRule *rule, const NpFingerprint *x,
				   const NpFingerprint *leader, double *score,
				   double *similarity)
{
	NpFingerprintOverlap ov;
	StoryPairNames pn = {0};

	if (!tiny_whole_sizes(x->nshingles, leader->nshingles))
		return false;
	NpFingerprintOverlapOf(x, leader, &ov);
	if (ov.a_count == 0 || ov.subjects_shared == 0 ||
		(double) ov.inter < STORY_TINY_WHOLE * ov.a_count)
		return false;
	if (rule->min_named > 0 && x->version == NP_FP_V2_VERSION &&
		short_names_differ(rule, pair_names(x, leader, &pn), &ov))
		return false;
	return rule_matches_overlap(rule, x, leader, &ov, STORY_PAIR_IN_REACH,
								score, similarity);
}

/*
 * A late copy (stories.h, STORY_LATE_COPY): at least that share of x's own
 * evidence is in the leader, and the rule of a pair without a time test
 * (which asks short items to agree in their names and figures) accepts
 * the pair.  Another day's item of a recurring series shares its frame,
 * not its figures, so less of it is in the leader; a republication keeps
 * the text.  Within the round-up reach (in_reach) 0.55 of x's evidence is
 * enough (STORY_NEXT_DAY_COPY): a morning paper's trimmed copy of the day
 * before's wire story; a next-day follow-up, which carries some of the
 * story as background, has most of its evidence elsewhere.
 */
bool
StoryLateCopy(const StoryRule *rule, const NpFingerprint *x,
			  const NpFingerprint *leader, bool in_reach, double *score,
			  double *similarity)
{
	NpFingerprintOverlap ov;
	double		share = in_reach ? STORY_NEXT_DAY_COPY : STORY_LATE_COPY;

	/*
	 * Fingerprints that cannot be compared are an error whatever their
	 * times, as within the window (StoryRuleMatches), tiny or not.
	 */
	NpFingerprintCheckCompatible(x, leader);

	/*
	 * A tiny pair only as a next-day copy that keeps the leader's subject
	 * (tiny_next_day_copy): two companies' one-line notices in one formula
	 * with the same figures are one text to the sample but for their
	 * subjects (a company's name before "said" is no evidence), and beyond
	 * the reach only the window parts them.
	 */
	if (StoryTinyPair(rule, x->nshingles, leader->nshingles))
		return in_reach &&
			tiny_next_day_copy(rule, x, leader, score, similarity);
	NpFingerprintOverlapOf(x, leader, &ov);
	if (ov.a_count == 0 || (double) ov.inter < share * ov.a_count)
		return false;
	return rule_matches_overlap(rule, x, leader, &ov, STORY_PAIR_UNTIMED,
								score, similarity);
}

/*
 * Does x share with leader too little beyond the passages many stories
 * carry (stories.h, STORY_COMMON_HOLDERS)?  Of the hashes the estimators
 * compare (at most the smaller limit), the subject hashes aside, those that
 * story_common_holders or more leaders hold (holders) are no evidence when
 * x shares one of them with the leader: the others it shares must then be
 * is_same_story's minimum evidence, or STORY_COMMON_KEPT of x's own (the
 * compared hashes of x that fewer leaders hold), so that a brief's copy
 * under its outlet's template, which has only a few hashes of its own,
 * keeps them and joins.  An outlet's standing paragraph, wherever it
 * stands, is held by every item of the outlet that leads a story; a
 * story's own text is held by its leader alone, however often it is
 * copied, since its copies join it and lead nothing.  Asked only of a pair
 * that the rest of the rule accepts, and only x's hashes are looked up:
 * assign_story()'s search knows the leaders of x's keys alone.
 */
bool
StoryCommonOnly(const NpFingerprint *x, const NpFingerprint *leader,
				StoryHoldersFn holders, void *arg)
{
	uint64		tau = Min(StorySampleLimit(x), StorySampleLimit(leader));
	int			na = NpFingerprintNHashes(x);
	int			nb = NpFingerprintNHashes(leader);
	int			i = NpFingerprintSubjectCount(x, na);
	int			j = NpFingerprintSubjectCount(leader, nb);
	int			rare = 0;		/* shared, held by fewer leaders */
	int			own = 0;		/* x's, held by fewer leaders */
	bool		common = false; /* a shared hash many leaders hold */

	if (story_common_holders <= 0)
		return false;
	/* both samples ascend */
	for (; i < na && (uint64) x->hashes[i] <= tau; i++)
	{
		uint32		h = x->hashes[i];
		bool		many = holders(arg, i, h) >= (uint32) story_common_holders;

		own += many ? 0 : 1;
		while (j < nb && leader->hashes[j] < h)
			j++;
		if (j < nb && leader->hashes[j] == h)
		{
			j++;
			if (many)
				common = true;
			else
				rare++;
		}
	}
	return common &&
		rare < NpFingerprintMinEvidence(NP_PRED_SAME_STORY, x->version) &&
		(double) rare < STORY_COMMON_KEPT * own;
}

/*
 * Is x, which matches leaders a and b, a round-up of them (stories.h,
 * "Round-ups")? Yes when, of x's hashes, a and b hold fewer than
 * is_same_story's minimum evidence in common: x carries them in separate
 * passages, which share nothing that is evidence.  Counted on x's sample
 * cut at the smallest of the three limits, so that a hash missing from a
 * or b is missing from its sample, not cut off, and, as the minimum
 * evidence of the rule and of is_same_story, without x's subject hashes:
 * a digest and the two stories it quotes may open with one name.  Two
 * versions of one story hold the same passages of x; so do a story and
 * the update that carries it, and an article that repeats another's
 * background beside its own story holds some of that background in its
 * own first version too.
 *
 * The minimum evidence, not the rule's min_shared: x shares at least
 * StoryMinShared hashes with each of a and b, and what they hold in common
 * is at most the lesser share; asked to reach min_shared itself, a copy of
 * a that matches b by a margin of one or two hashes would be a round-up
 * whenever one of them is missing from a's sample.  With min_shared under
 * the minimum evidence the two are one (StoryMinShared raises it).
 */
bool
StoryRoundUp(const NpFingerprint *x, const NpFingerprint *a,
			 const NpFingerprint *b)
{
	uint64		tau = Min(StorySampleLimit(x), Min(StorySampleLimit(a), StorySampleLimit(b)));
	int			n = NpFingerprintNHashes(x);
	int			na = NpFingerprintNHashes(a);
	int			nb = NpFingerprintNHashes(b);
	int			most = NpFingerprintMinEvidence(NP_PRED_SAME_STORY, x->version);
	int			i;
	int			j = 0;
	int			k = 0;
	int			both = 0;

	for (i = NpFingerprintSubjectCount(x, n);
		 i < n && (uint64) x->hashes[i] <= tau; i++)
	{
		uint32		h = x->hashes[i];

		while (j < na && a->hashes[j] < h)
			j++;
		while (k < nb && b->hashes[k] < h)
			k++;
		if (j < na && a->hashes[j] == h && k < nb && b->hashes[k] == h &&
			++both >= most)
			return false;
	}
	return true;
}

/* number of fp's hashes at most tau */
static int
sample_cut(const NpFingerprint *fp, uint64 tau)
{
	int			lo = 0;
	int			hi = NpFingerprintNHashes(fp);

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if ((uint64) fp->hashes[mid] <= tau)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The fewest shared hashes the rule asks of x and a leader of lshingles
 * shingles whose samples, cut at the smaller limit, hold a and b hashes
 * (the file header); nondecreasing in a and b.
 */
static int
need_for_pair(const StoryRule *rule, const NpFingerprint *x,
			  uint32 lshingles, int a, int b)
{
	int			need;

	if (StoryTinyPair(rule, x->nshingles, lshingles))
	{
		need = need_at_least(rule->tiny_similarity * Max(a, b));
		if (tiny_whole_sizes(x->nshingles, lshingles))
			need = Min(need, need_at_least(STORY_TINY_WHOLE * Min(a, b)));
	}
	else
		need = need_at_least(StoryThreshold(rule, x->version) * Min(a, b));
	return Max(StoryMinShared(rule, x->version), need);
}

int
StoryNeedPair(const StoryRule *rule, const NpFingerprint *x,
			  const NpFingerprint *leader)
{
	uint64		tau = Min(StorySampleLimit(x), StorySampleLimit(leader));

	return need_for_pair(rule, x, leader->nshingles, sample_cut(x, tau),
						 sample_cut(leader, tau));
}

int
StoryNeedAny(const StoryRule *rule, const NpFingerprint *x)
{
	return StoryMinShared(rule, x->version);
}

void
StoryLeaderMetaOf(const NpFingerprint *fp, StoryLeaderMeta *m)
{
	int			n = NpFingerprintNHashes(fp);
	int			k;

	m->nshingles = fp->nshingles;
	m->truncated = NpFingerprintIsTruncated(fp) && n > 0;
	m->limit = m->truncated ? fp->hashes[n - 1] : PG_UINT32_MAX;
	m->nhashes = (uint16) Min(n, 65535);
	for (k = 0; k < 4; k++)
		m->below[k] = (uint8) Min(sample_cut(fp, ((uint64) 1 << (28 + k)) - 1), 255);
}

/*
 * A lower bound of StoryNeedPair(rule, x, leader) from the leader's
 * metadata alone: exact unless x's limit is below the leader's, where the
 * leader's cut sample is bounded by its count of hashes below the largest
 * power of 2 under x's limit.
 */
int
StoryNeedPairBound(const StoryRule *rule, const NpFingerprint *x,
				   const StoryLeaderMeta *leader)
{
	uint64		lx = StorySampleLimit(x);
	uint64		ll = StoryMetaLimit(leader);
	int			a;
	int			b;

	if (ll <= lx)
	{
		/* tau = limit(leader): the leader's whole sample, x cut there */
		b = leader->nhashes;
		a = (ll > PG_UINT32_MAX) ? NpFingerprintNHashes(x) : sample_cut(x, ll);
	}
	else
	{
		int			k;

		/* tau = limit(x) < limit(leader): x whole, the leader at least... */
		a = NpFingerprintNHashes(x);
		b = 0;
		for (k = 3; k >= 0; k--)
			if ((((uint64) 1 << (28 + k)) - 1) <= lx)
			{
				b = leader->below[k];
				break;
			}
	}
	return need_for_pair(rule, x, leader->nshingles, a, b);
}

/* Argument arg of fcinfo as a story time: STORY_NO_TIME when NULL or absent */
static int64
story_time_arg(FunctionCallInfo fcinfo, int arg)
{
	if (PG_NARGS() <= arg || PG_ARGISNULL(arg))
		return STORY_NO_TIME;
	return StoryTimeOf(PG_GETARG_TIMESTAMPTZ(arg));
}

/*
 * story_match(a, b, threshold, min_shared, tiny_shingles, tiny_similarity,
 *			   min_named, a_time, b_time, time_window)
 * returns the evidence (max containment either way) with which article a
 * would join the story led by b, or NULL when the rule says it would not.
 * The times and the window are assign_story()'s: a pair further apart than
 * the window joins only as a late copy (StoryLateCopy, a next-day copy
 * within the round-up reach: assign_story() and cluster_stories() ask it
 * only when no leader within the window matches a); an unknown time or no
 * window, no time test,
 * and then the rule of a pair without one (two short items must agree in
 * their names and figures).  Not STRICT: NULL times are unknown times, not a NULL answer.
 */
Datum
story_match(PG_FUNCTION_ARGS)
{
	NpFingerprint *a;
	NpFingerprint *b;
	StoryRule	rule;
	int64		window;
	int64		a_time;
	int64		b_time;
	double		score;
	double		sim;

	StoryRuleFromArgs(fcinfo, 2, &rule);
	window = StoryWindowFromArg(fcinfo, 9);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	a_time = story_time_arg(fcinfo, 7);
	b_time = story_time_arg(fcinfo, 8);
	a = PG_GETARG_NP_FINGERPRINT_P(0);
	b = PG_GETARG_NP_FINGERPRINT_P(1);

	/*
	 * Further apart than the window: only as a late copy (within the
	 * round-up reach, a next-day copy), which a story takes when no leader
	 * within the window does.
	 */
	if (!StoryWithinWindow(window, a_time, b_time))
	{
		if (!StoryLateCopy(&rule, a, b,
						   StoryWithinReach(window, a_time, b_time),
						   &score, &sim))
			PG_RETURN_NULL();
		PG_RETURN_FLOAT8(score);
	}
	if (!StoryRuleMatches(&rule, a, b, StoryPairTimeOf(window, a_time, b_time),
						  &score, &sim) &&
		!StoryUrgentJoins(&rule, a, b, a_time, b_time, &score) &&
		!StoryUrgentJoins(&rule, b, a, b_time, a_time, &score))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score);
}
