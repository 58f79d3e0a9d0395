/*-------------------------------------------------------------------------
 *
 * stories.h
 *	  Stories: leader clustering of articles by their fingerprints, in
 *	  batch (cluster_stories) and at insert time (assign_story).
 *
 * The rule (doc/stories.md).  Articles are taken in publication order.
 * Each one is compared with the leaders of the stories found so far (a
 * story's leader is its first article) and joins the leader that it
 * matches best; when it matches none, it becomes the leader of a new story,
 * named by its own id.  Members never attract articles, so no chain of
 * weak links can merge two stories.  An article x matches a leader L when
 * their samples share at least StoryMinShared() hashes (min_shared, and
 * never fewer than the minimum evidence of is_same_story in the pair's
 * format: 5 in version 2, which, as there, counts no subject hash) and
 *	 tiny pair (either has fewer than tiny_shingles shingles):
 *		similarity(x, L) >= tiny_similarity, or, when a time test applies
 *		to the pair (and it passed) and both have fewer than
 *		STORY_BRIEF_SHINGLES shingles, the smaller sample nearly wholly in
 *		the other (the shared hashes at least STORY_TINY_WHOLE of it: a
 *		trimmed copy, an update that keeps its short first take); and in
 *		format version 2, with
 *		min_named above 0, of the two samples' hashes that hold a name
 *		(NP_FP_NAME_BIT) the side with fewer has at least tiny_similarity
 *		in the other: another company's notice in the same formula shares
 *		the formula, not the name and the figures;
 *	 otherwise:
 *		is_same_story(x, L, threshold), and either containment(x, L) >=
 *		threshold (x is a version of L) or containment(L, x) >=
 *		max(threshold, STORY_CARRIED_SHARE) (x carries most of L); and in
 *		format version 2, when the shared hashes are under
 *		STORY_LOW_SHARE of both samples (a low link), or under
 *		STORY_CARRIED_SHARE of both when no time test applies to the
 *		pair, at least min_named of them hold a name (NP_FP_NAME_BIT),
 *		unless a low link within the window agrees in its figures
 *		(STORY_LOW_FIGURES); and, when neither is mostly in the other
 *		(under STORY_CARRIED_SHARE both ways), at least
 *		STORY_PARTIAL_NAMED of them hold a name whatever the time (two
 *		companies' items in one house formula share its running text
 *		alone), or, a low link, its figures agree, and under
 *		STORY_ROWS_SHARE of the shared hashes hold a name, and not both
 *		samples have that share (rows of names and figures, as two tables
 *		in one format share, are no version); and, when no time test
 *		applies to the pair and both have fewer than STORY_BRIEF_SHINGLES
 *		shingles, the side with fewer named hashes finds at least
 *		tiny_similarity of them in the other or misses fewer than
 *		STORY_BRIEF_CHANGED (the days of a recurring item differ there);
 *		and not a follow-up (NpFingerprintIsFollowUp: under half of each
 *		shared, in one or two paragraphs of each and neither lead, or a
 *		phrase of the two leads at most), unless
 *		the pair is within the window and STORY_PARTIAL_REACH, and shares
 *		STORY_PARTIAL_SHARED hashes or more (a partial version);
 *	 and, for both kinds of pair, when no time test applies and both have
 *	 fewer than STORY_BRIEF_SHINGLES shingles, not: the side with fewer
 *	 named hashes misses STORY_BRIEF_CHANGED or more, finds under
 *	 STORY_BRIEF_KEPT of them, and at least STORY_BRIEF_FIGURES of the
 *	 hashes the two do not share hold a name (the same frame with other
 *	 figures).
 * threshold may be NP_FP_AUTO_THRESHOLD (a NULL argument while
 * newsprint.same_story_threshold is at its default, -1): the default of
 * the pair's format, as for the operators (StoryThreshold()).
 * The best match has the highest max(containment(x, L), containment(L, x)),
 * then the highest similarity, then the earliest leader.
 *
 * Round-ups.  x does not join its best match L when it also matches another
 * leader M within the window and, of x's sampled hashes, L and M hold fewer
 * than is_same_story's minimum evidence in common (StoryRoundUp): x carries
 * two stories in separate passages, as a digest or a summary of the day's
 * news carries the leads of the stories it quotes.  M may also be out of
 * the window, up to STORY_ROUNDUP_REACH windows from x (a leader that x
 * matches by the rule as if it were within it): a summary quotes the day
 * before's stories too.  Such an x starts a
 * story of its own that it does not lead: no later article is compared with
 * it (a brief of one of the leads it quotes would resemble it as much as
 * that lead's own story), and a re-send of it is a round-up too.  A copy of
 * L holds nothing of M's that L does not hold; an update that carries L
 * holds L's passage only; two versions of one story hold the same passage
 * of x.  It is not asked of late copies (a late copy holds 0.9 of x in its
 * leader, a next-day copy 0.55).  story_match() answers for one pair and
 * knows nothing of it.
 *
 * The time window (cluster_stories, assign_story, and story_match when
 * given the pair's times).  With a window w, x may join L only
 * when |time(x) - time(L)| <= w; when either time is unknown (NULL or
 * infinite) or there is no window (NULL), there is no time test, and two
 * short items must agree in their names and figures (above).  A
 * writer's template or a recurring item (race reports a week apart, a
 * daily market report) shares as much evidence as a copy does; what tells
 * them apart is when they were published.  But an article that no leader
 * within the window takes still joins a leader out of it of which it is a
 * copy (STORY_LATE_COPY): a republication a day later is the same text, not
 * another day's item; within the round-up reach, one that holds 0.55 of
 * its own evidence in the leader (STORY_NEXT_DAY_COPY): a morning paper's
 * copy of the day before's wire story.  Times are microseconds of
 * timestamptz; the window an interval counted as the server compares
 * intervals (a month 30 days, a day 24 hours).
 *
 * Every decision goes through fingerprint.h: one NpFingerprintOverlapOf per
 * pair, the estimators as the ratios of its counts that fingerprint.h
 * defines, and NpFingerprintHolds for is_same_story.  The pruning bounds of
 * story_rule.c follow the same definitions.
 *
 * src/stories/stories.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_STORIES_H
#define NP_STORIES_H

#include "postgres.h"

#include "common/int.h"
#include "datatype/timestamp.h"
#include "fmgr.h"

#include "fingerprint/fingerprint.h"

/* Defaults of the rule's parameters (the SQL functions repeat them) */
#define STORY_DEFAULT_MIN_SHARED		16
#define STORY_DEFAULT_TINY_SHINGLES		40
#define STORY_DEFAULT_TINY_SIMILARITY	0.6
#define STORY_DEFAULT_MIN_NAMED			3

/*
 * The time window: STORY_NO_WINDOW is none (a NULL window), STORY_NO_TIME
 * an unknown time (NULL or infinite).  The default window, 20 hours, in
 * microseconds (the SQL functions' default repeats it; doc/stories.md, "The
 * time window", says why this width).
 */
#define STORY_NO_WINDOW					INT64CONST(-1)
#define STORY_NO_TIME					PG_INT64_MIN
#define STORY_DEFAULT_WINDOW			(INT64CONST(20) * USECS_PER_HOUR)

/*
 * A late copy: an article that no leader within the window takes joins a
 * leader further from it in time than the window when at least this share
 * of its own evidence is in the leader (containment(x, L)) and the rule of
 * a pair without a time test accepts the pair (StoryLateCopy).  The window
 * keeps apart items that share a frame with other figures (the days of a
 * recurring series, a writer's template); such items keep under 0.87 of
 * their evidence in each other on the development data, while a
 * republication a day or two later (an aggregator's copy, a regional
 * site's) is wholly in its source (doc/stories.md, "Late copies").
 */
#define STORY_LATE_COPY					0.9

/*
 * A next-day copy: within the round-up reach (StoryWithinReach: out of the
 * window, at most STORY_ROUNDUP_REACH windows away) a late copy needs only
 * this share of its own evidence in the leader, the rest of StoryLateCopy
 * unchanged.  A morning paper's trimmed or rewritten copy of a wire story
 * sent the day before lies mostly inside its leader (0.58-0.81 of its own
 * evidence on the development data), while the next day's item of a
 * recurring series shares its frame with other figures (refused by the
 * rule without a time test), and a next-day follow-up repeats the story as
 * background under a story of its own, so that most of its evidence is
 * not in the leader (doc/stories.md, "Next-day copies").  0.55, not a
 * half: a sentencing's story of the next day holds 0.54 of itself in the
 * verdict's, whose background it repeats.
 */
#define STORY_NEXT_DAY_COPY				0.55

/*
 * Round-ups beyond the window: the other leader M of a round-up (above) may
 * be up to STORY_ROUNDUP_REACH windows from x in time, though x joins only
 * a leader within the window.  A summary of the day's news quotes stories
 * of the day before too, whose leaders are further than the window from
 * it: with the window alone it joined the one story of the day it quoted
 * (doc/stories.md, "Round-ups").
 */
#define STORY_ROUNDUP_REACH				2

/*
 * Formulas: the batch form's search leaves out a key of the article's held
 * by more than STORY_STOP_POSTINGS leaders from the first within the
 * window on, so that a search does not read a phrase or a recurring
 * template as many times as the leaders that hold it; a leader that shares
 * only such keys with the article is not found.  Its late search, which
 * reads whole lists whatever the window, leaves out a key held by more
 * than STORY_LATE_POSTINGS leaders.  assign_story(), whose index cannot
 * tell the leaders' times, leaves out a key held by more than
 * STORY_LATE_POSTINGS leaders of its whole table (the index counts the
 * postings of its chain, other keys of its bucket and residue included,
 * until they pass that) in a search that would otherwise read
 * many postings (story_assign.c; doc/stories.md, "Cost: what a search
 * reads").
 */
#define STORY_STOP_POSTINGS				1024
#define STORY_LATE_POSTINGS				256

/*
 * A low link: a pair that is not tiny, whose shared hashes are less than
 * this share of either sample (containment under it both ways).  In
 * version 2 a low link needs min_named shared hashes with the name bit
 * (NP_FP_NAME_BIT): two stories written in the same sentence frames with
 * other names share evidence as a partial rewrite does, but not the names.
 * Without a time test every pair under STORY_CARRIED_SHARE both ways needs
 * them (doc/stories.md, "A partial version without a time test").
 */
#define STORY_LOW_SHARE					0.35

/*
 * A low link within the time window that shares fewer than min_named
 * hashes with the name bit still holds its story's particulars when it
 * agrees in its figures (version 2; fp_evidence.h, "The figures a text
 * holds"): the side with fewer compared figures holds at least
 * STORY_LOW_FIGURES and finds at least STORY_LOW_FIGURES_SHARE of them in
 * the other.  A tabloid's or a regional paper's rewrite of a wire story
 * keeps its quotes, names and figures in sentences of its own, so the
 * shingles around them, which the sample holds, differ while the figures
 * themselves do not; two stories in one run of sentence frames share the
 * frames and have other figures (doc/stories.md, "Figures in a low
 * link").
 */
#define STORY_LOW_FIGURES				4
#define STORY_LOW_FIGURES_SHARE			0.8

/*
 * The share of a leader's evidence that an article must carry to join it
 * when its own share in the leader is below the threshold (stories.h's
 * rule; never below the threshold itself).
 */
#define STORY_CARRIED_SHARE				0.5

/*
 * A partial version (a pair that is not tiny, neither mostly in the other:
 * shared hashes under STORY_CARRIED_SHARE of both samples) needs at least
 * this many shared hashes with the name bit in version 2 (min_named above
 * 0), with a time test too, where a low link needs min_named and a pair
 * in the band between STORY_LOW_SHARE and STORY_CARRIED_SHARE needed none.
 * Two companies' items written in one house formula ("said it has agreed
 * in principle to sell its ... which is subject to a definitive agreement
 * ... had sales of about ... mln dlrs last year") share 0.35-0.45 of their
 * evidence within an hour, and all of it is the formula's running text:
 * the subject's name stands before "said", which is no evidence, and the
 * names and figures in the formula's slots differ.  A partial version of
 * one story keeps at least one of its particulars.  One, not min_named:
 * within the window a day's items are the only candidates, and on the
 * development data asking three lost partial versions that one keeps
 * (doc/stories.md, "House formulas in a partial version").
 */
#define STORY_PARTIAL_NAMED				1

/*
 * A pair within the time window that shares at least this many sampled
 * hashes (the subject hashes aside) is not refused as a follow-up
 * (NpFingerprintIsFollowUp): a newspaper's own story that works two
 * paragraphs of the wire under its own lead (a partial version) has a
 * follow-up's shape, and only the amount shared tells them apart.  On the
 * development data the partial versions the follow-up test refused shared
 * 34-57 hashes with their wire items, and the follow-ups within 20 hours
 * of their story 16-27; the follow-ups that share 33-44 (two paragraphs
 * repeated) were all 27 hours or more after their story, so a pair
 * without a time test keeps the test whatever it shares, and so does a
 * leader out of the window that the round-up test asks (doc/stories.md,
 * "Follow-ups").
 */
#define STORY_PARTIAL_SHARED			30

/*
 * A pair sharing STORY_PARTIAL_SHARED hashes is spared the follow-up test
 * only when its times are at most this far apart, whatever the window:
 * the follow-ups that share as much as a partial version came 27 hours or
 * more after their story, those within 20 hours shared 16-27 (the
 * measured bound; doc/stories.md, "Follow-ups").  A window wider than 20
 * hours (say '2 days') lets such follow-ups pass the time test; they keep
 * the follow-up test.
 */
#define STORY_PARTIAL_REACH				(INT64CONST(20) * USECS_PER_HOUR)

/*
 * A company's next announcement (the pricing after a placing's launch, the
 * market debut after the IPO) repeats the first as background: its own
 * lead carries the new facts, the first item's lead stands in one of its
 * later paragraphs, and most of its text is the first item's.  A
 * newspaper's own lead over the wire's lead has that shape too, and
 * restates the wire's facts.  So a pair that is not tiny and shares a
 * subject hash (one company's items), where x carries STORY_CARRIED_SHARE
 * or more of its compared hashes from the leader and the leader's lead
 * below a lead of its own (NpFingerprintLeadBelow), and holds at least
 * this many compared figures that the leader lacks
 * (NpFingerprintFiguresOwn), is two stories.  On the development data the
 * two such announcements held 3 and 5, the newspaper versions of that
 * shape none, and two corrections of a table one (doc/stories.md, "A
 * company's next announcement").
 */
#define STORY_NEWS_FIGURES				2

/*
 * Rows: a pair that is not tiny and where neither is mostly in the other
 * (shared hashes under STORY_CARRIED_SHARE of both samples) is refused in
 * version 2 (min_named above 0) when at least this share of its shared
 * hashes carry the name bit, or of each sample's hashes (two tables: runs
 * of numbers alone carry no name bit, so two league tables may share some
 * unnamed hashes).  Two companies' earnings tables in one format, or two
 * days' price tables of one exchange, share the labels of their rows and
 * some figures, up to 0.45 of either, and every shingle of a row holds a
 * name or a figure; a partial version shares running text.
 */
#define STORY_ROWS_SHARE				0.8

/*
 * Short items without a time test: a pair that is not tiny, where both
 * sides have fewer evidence shingles than STORY_BRIEF_SHINGLES (briefs,
 * short tables, wire items of a few paragraphs), and to which no time test
 * applies (no window, or either time unknown), must agree in its names and
 * figures (version 2, min_named above 0): of the sampled hashes with the
 * name bit, the side with fewer is refused when it finds under
 * tiny_similarity of them in the other and misses STORY_BRIEF_CHANGED or
 * more.  A recurring item (a central bank's daily operation, a weekly
 * auction, a daily price table) shares its frame with the next day's item
 * and changes its figures, and two short stories in one writer's sentence
 * frames share the frames, not the names; a re-send, a correction of a
 * figure (at most three shingles) or a relay keeps them.  Within a time
 * window the window keeps the days of a series apart, and the test is not
 * asked.  150: on the rewrite set, newspaper versions first lose their wire
 * item to the test when it is 152 shingles long (doc/stories.md,
 * "Recurring items").
 */
#define STORY_BRIEF_SHINGLES			150
#define STORY_BRIEF_CHANGED				5

/*
 * Short items without a time test, tiny pairs too: the same frame with
 * other figures.  Missing STORY_BRIEF_CHANGED or more named hashes (more
 * than a correction of one figure changes), a pair is also refused when the
 * side with fewer named hashes finds under STORY_BRIEF_KEPT of them in the
 * other and at least STORY_BRIEF_FIGURES of the hashes the two do not
 * share carry the name bit: they differ mostly in names and figures, as
 * the weeks of a rig count whose constant names (the city, the services
 * company, a background record) keep 0.6-0.75 of its named hashes do.  A
 * copy that rewrote its lead or other words differs in running text as
 * well.  Within a time window the test is not asked (doc/stories.md,
 * "Without a time test").
 */
#define STORY_BRIEF_KEPT				0.8
#define STORY_BRIEF_FIGURES				0.5

/*
 * StoryIndexFind's answer for a round-up (the file header): it starts a
 * story that it does not lead.
 */
#define STORY_FIND_ROUNDUP				(-2)

/*
 * A tiny pair whose smaller side is wholly in the other, or nearly: when a
 * time test applies to the pair and it passed, and the longer has fewer
 * than STORY_BRIEF_SHINGLES shingles too, the pair matches whatever its
 * similarity if the shared hashes are at least this share of the smaller
 * sample (as the estimators cut them); the tiny rule's name tests are
 * then asked as of any tiny pair.  A newspaper's trimmed copy of a
 * short story, or an update, a correction or a write-through that keeps a
 * short first take and adds to it, resembles its partner little
 * (similarity 0.31-0.58 on the hand-written wire day) while holding it
 * nearly whole (0.86-0.97); two companies' notices in one formula and two
 * tables in one format differ in the names and figures the smaller side
 * holds.  The days of a recurring item differ only in a few figures and
 * dates, and one day's short item is nearly whole in the next week's
 * longer one (0.81-0.91 in test/data/stories/recurring.tsv): so only
 * within the time window, which keeps the days apart.  A brief wholly in
 * a long text (a market report or a round-up that lists it among others)
 * is no copy of it, and the pruning bounds of story_rule.c keep pruning a
 * tiny pair with a long side as before.  Not below
 * NP_FP_BRIEF_SHARE, so that every pair it accepts passes is_same_story
 * at this share (the index search of assign_story()); at it, since an
 * update that rewrites one sentence of a short first take keeps 0.72-0.77
 * of it (wire set 4's quake update), and is_same_story takes such a pair
 * at that share.  Out of the window but within the round-up reach, a tiny
 * pair joins as a next-day copy when this share of x's own evidence is in
 * the leader and the two share the lead's subject (StoryLateCopy): a
 * morning paper's trimmed copy of the day before's short story.
 * doc/stories.md, "Trimmed copies and updates of short items".
 */
#define STORY_TINY_WHOLE				0.7

typedef struct StoryRule
{
	double		threshold;		/* is_same_story threshold, or
								 * NP_FP_AUTO_THRESHOLD */
	int			min_shared;		/* fewest shared sample hashes asked for */
	int			tiny_shingles;	/* below this an article is tiny */
	double		tiny_similarity;	/* what a tiny pair must resemble */
	int			min_named;		/* shared hashes with a name a low link needs;
								 * 0 turns the name tests off */
} StoryRule;

/*
 * Read the rule's five arguments from fcinfo, starting at argument first
 * (threshold, min_shared, tiny_shingles, tiny_similarity, min_named; a NULL threshold
 * means newsprint.same_story_threshold, which may be NP_FP_AUTO_THRESHOLD,
 * other NULLs their defaults), and check them.
 */
extern void StoryRuleFromArgs(FunctionCallInfo fcinfo, int first,
							  StoryRule *rule);

/*
 * The window of argument arg of fcinfo (an interval; NULL or absent:
 * STORY_NO_WINDOW), and of an interval: microseconds, a month counted as
 * 30 days and a day as 24 hours; a negative window is an error
 * (INVALID_PARAMETER_VALUE), one beyond int64 no window.
 */
extern int64 StoryWindowFromArg(FunctionCallInfo fcinfo, int arg);

/*
 * Is a column of type typid (or of a domain over it) a time for the
 * window: timestamptz, timestamp or date, read cast to timestamptz?
 * cluster_stories()'s order column and story_trigger()'s time column.
 */
extern bool StoryIsTimeType(Oid typid);

/* The OID of newsprint.fingerprint (story_batch.c) */
extern Oid	StoryFingerprintType(void);
extern int64 StoryWindowOf(const Interval *window);

/* A timestamptz as a story time: STORY_NO_TIME when infinite */
static inline int64
StoryTimeOf(TimestampTz t)
{
	return TIMESTAMP_NOT_FINITE(t) ? STORY_NO_TIME : (int64) t;
}

/*
 * May articles of times a and b be one story under window? Yes when the
 * window or either time is unknown; otherwise when they are at most window
 * apart (the absolute difference: articles assigned at insert time may
 * arrive out of order).  Finite timestamps may be further apart than
 * int64 holds, not than uint64.
 */
static inline bool
StoryWithinWindow(int64 window, int64 a, int64 b)
{
	uint64		diff;

	if (window < 0 || a == STORY_NO_TIME || b == STORY_NO_TIME)
		return true;
	diff = a >= b ? (uint64) a - (uint64) b : (uint64) b - (uint64) a;
	return diff <= (uint64) window;
}

/*
 * How far from x in time a round-up's other leader may be
 * (STORY_ROUNDUP_REACH windows): STORY_NO_WINDOW for no window.
 */
static inline int64
StoryRoundUpReach(int64 window)
{
	int64		reach;

	if (window < 0)
		return window;
	if (pg_mul_s64_overflow(window, STORY_ROUNDUP_REACH, &reach))
		return PG_INT64_MAX;
	return reach;
}

/*
 * Is a leader of time b, out of the window of x (time a), near enough for
 * the round-up test (StoryRoundUpReach)?  Both times are then known.
 */
static inline bool
StoryWithinReach(int64 window, int64 a, int64 b)
{
	return !StoryWithinWindow(window, a, b) &&
		StoryWithinWindow(StoryRoundUpReach(window), a, b);
}

/*
 * Does a time test apply to articles of times a and b under window (and
 * did they pass it, StoryWithinWindow)? Only when the window and both
 * times are known.
 */
static inline bool
StoryTimeTested(int64 window, int64 a, int64 b)
{
	return window >= 0 && a != STORY_NO_TIME && b != STORY_NO_TIME;
}

/*
 * How a pair stands in time for the rule (StoryRuleMatches).  A pair in
 * reach (StoryWithinReach) is matched as if within the window, for the
 * round-up test, but did not pass the time test: a follow-up that shares
 * STORY_PARTIAL_SHARED hashes stays a follow-up.  So does a pair that
 * passed it further apart than STORY_PARTIAL_REACH; only STORY_PAIR_NEAR
 * has the partial versions' exemption.
 */
typedef enum StoryPairTime
{
	STORY_PAIR_UNTIMED,			/* no time test applies */
	STORY_PAIR_IN_REACH,		/* out of the window, in a round-up's reach */
	STORY_PAIR_WITHIN,			/* passed the time test, further apart than
								 * STORY_PARTIAL_REACH */
	STORY_PAIR_NEAR				/* passed it, at most STORY_PARTIAL_REACH
								 * apart */
} StoryPairTime;

/*
 * How a pair of times a and b, within window (StoryWithinWindow), stands:
 * STORY_PAIR_UNTIMED when no time test applies (StoryTimeTested), else
 * STORY_PAIR_NEAR when at most STORY_PARTIAL_REACH apart, else
 * STORY_PAIR_WITHIN.  cluster_stories, assign_story and story_match all
 * ask this.
 */
static inline StoryPairTime
StoryPairTimeOf(int64 window, int64 a, int64 b)
{
	if (!StoryTimeTested(window, a, b))
		return STORY_PAIR_UNTIMED;
	return StoryWithinWindow(STORY_PARTIAL_REACH, a, b) ? STORY_PAIR_NEAR :
		STORY_PAIR_WITHIN;
}

/*
 * Does x match leader? If so, set *score (max containment either way) and
 * *similarity.  pt: how the pair stands in time; without a time test
 * (STORY_PAIR_UNTIMED) two short items must also agree in their names and
 * figures (STORY_BRIEF_SHINGLES).
 */
extern bool StoryRuleMatches(const StoryRule *rule, const NpFingerprint *x,
							 const NpFingerprint *leader, StoryPairTime pt,
							 double *score, double *similarity);

/*
 * Passages many stories carry (doc/stories.md): a shared hash that
 * STORY_COMMON_HOLDERS (the default of newsprint.story_common_holders) or
 * more leaders hold (its leader frequency, counted
 * when x is decided) is an outlet's or a trade's template, whatever its
 * shape, and no evidence that x copies a leader.  A story's copies join it
 * and lead nothing, so its own hashes stay rare however often it is
 * republished.
 */
#define STORY_COMMON_HOLDERS			5

/*
 * A pair that shares such a hash must share with it the minimum evidence
 * among the others, or this share of x's own hashes (x's compared hashes
 * that fewer leaders hold): a brief's copy under its outlet's template
 * keeps its few own hashes (bench/story_scale_quality.sh 20000: 0.3 and
 * 0.7 were tried, doc/log/stories.md)
 */
#define STORY_COMMON_KEPT				0.5

/* newsprint.story_common_holders: that count; 0 turns the rule off */
extern int	story_common_holders;

/*
 * How many leaders hold key, x's hash at position pos of its sample (arg:
 * the caller's count of them)
 */
typedef uint32 (*StoryHoldersFn) (void *arg, int pos, uint32 key);

/*
 * Does x, which the rule matches with leader and shares with it a hash
 * that story_common_holders or more leaders hold (holders), share fewer
 * than is_same_story's minimum evidence of the others, and under
 * STORY_COMMON_KEPT of its own?
 */
extern bool StoryCommonOnly(const NpFingerprint *x,
							const NpFingerprint *leader,
							StoryHoldersFn holders, void *arg);

/*
 * Is x, which matches leaders a and b, a round-up that quotes them in
 * separate passages (the file header)?
 */
extern bool StoryRoundUp(const NpFingerprint *x, const NpFingerprint *a,
						 const NpFingerprint *b);

/*
 * Is x a late copy of leader (STORY_LATE_COPY, or STORY_NEXT_DAY_COPY when
 * in_reach: the pair is within the round-up reach, StoryWithinReach; asked
 * of a pair whose times are known and further apart than the window, when
 * no leader within the window matches x)? A tiny pair only in reach, as a
 * next-day copy (STORY_TINY_WHOLE).  If so, set *score and *similarity as
 * StoryRuleMatches does.
 */
extern bool StoryLateCopy(const StoryRule *rule, const NpFingerprint *x,
						  const NpFingerprint *leader, bool in_reach,
						  double *score, double *similarity);

/*
 * The is_same_story threshold of the rule for a pair of fingerprints of
 * format version: the rule's, or the format's default (fingerprint.h's
 * NpFingerprintResolveThreshold, as the operators resolve the GUC).
 */
static inline double
StoryThreshold(const StoryRule *rule, int version)
{
	return NpFingerprintResolveThreshold(NP_PRED_SAME_STORY, rule->threshold,
										 version);
}

/*
 * The fewest sample hashes a pair of format version must share: min_shared,
 * raised to is_same_story's minimum evidence in that format, so that every
 * pair the rule accepts (tiny pairs too) passes is_same_story(x, L, t) for
 * t at most the rule's threshold and tiny similarity: assign_story's index
 * search finds every leader the rule can accept.
 */
static inline int
StoryMinShared(const StoryRule *rule, int version)
{
	return Max(rule->min_shared,
			   NpFingerprintMinEvidence(NP_PRED_SAME_STORY, version));
}

/* Is a pair of articles with these shingle counts tiny? */
static inline bool
StoryTinyPair(const StoryRule *rule, uint32 x_shingles, uint32 l_shingles)
{
	return Min(x_shingles, l_shingles) < (uint32) rule->tiny_shingles;
}

/*
 * May x, tiny, be a next-day copy of some leader (StoryLateCopy)?  Only
 * under a window with a round-up reach beyond it, when x is short
 * (STORY_BRIEF_SHINGLES) and its sample holds a subject hash, which the
 * copy must share with its leader.  The searches for a tiny x's late
 * leader are not run otherwise (assign_story(), cluster_stories()).
 */
static inline bool
StoryTinyNextDayPossible(int64 window, const NpFingerprint *x)
{
	return window >= 0 && StoryRoundUpReach(window) > window &&
		x->nshingles < STORY_BRIEF_SHINGLES &&
		NpFingerprintSubjectCount(x, NpFingerprintNHashes(x)) > 0;
}

/*
 * Pruning bounds (story_rule.c): the fewest sample hashes x and leader must
 * share for the rule to accept them, exactly for this pair
 * (StoryNeedPair), and for any leader whatever (StoryNeedAny).
 */
extern int	StoryNeedPair(const StoryRule *rule, const NpFingerprint *x,
						  const NpFingerprint *leader);
extern int	StoryNeedAny(const StoryRule *rule, const NpFingerprint *x);

/*
 * What the batch form keeps of each leader beside its fingerprint, so that
 * a lower bound of StoryNeedPair costs no visit to the fingerprint.
 */
typedef struct StoryLeaderMeta
{
	uint32		nshingles;
	uint32		limit;			/* largest hash when truncated */
	uint16		nhashes;		/* capped at 65535 */
	uint8		truncated;
	uint8		below[4];		/* hashes below 2^28, 2^29, 2^30, 2^31 (capped
								 * at 255) */
} StoryLeaderMeta;

extern void StoryLeaderMetaOf(const NpFingerprint *fp, StoryLeaderMeta *m);

/*
 * The largest hash of a truncated sample, or +infinity (as uint64): a pair
 * is compared below the smaller of its two limits.  StoryMetaLimit reads it
 * from a leader's metadata.
 */
static inline uint64
StorySampleLimit(const NpFingerprint *fp)
{
	int			n = NpFingerprintNHashes(fp);

	return (NpFingerprintIsTruncated(fp) && n > 0) ? (uint64) fp->hashes[n - 1]
		: (uint64) PG_UINT32_MAX + 1;
}

static inline uint64
StoryMetaLimit(const StoryLeaderMeta *m)
{
	return m->truncated ? (uint64) m->limit : (uint64) PG_UINT32_MAX + 1;
}
extern int	StoryNeedPairBound(const StoryRule *rule, const NpFingerprint *x,
							   const StoryLeaderMeta *leader);

/*
 * The URGENT join (story_rule.c, StoryUrgentJoins): a one-liner and its
 * write-through, at most STORY_URGENT_REACH apart, STORY_URGENT_SHARE of
 * the one-liner's hashes (STORY_URGENT_SHARED at least) in the other, all
 * its figures, STORY_URGENT_NAMED of its named hashes or more.
 */
#define STORY_URGENT_REACH				(INT64CONST(4) * USECS_PER_HOUR)
#define STORY_URGENT_SHARED				3
#define STORY_URGENT_SHARE				0.3
#define STORY_URGENT_NAMED				1

extern bool StoryUrgentJoins(const StoryRule *rule, const NpFingerprint *small,
							 const NpFingerprint *big, int64 small_t,
							 int64 big_t, double *score);

/* The in-memory leader index of the batch form (story_index.c) */
typedef struct StoryIndex StoryIndex;

extern StoryIndex *StoryIndexCreate(const StoryRule *rule, Size budget,
									int64 window);
extern int	StoryIndexFind(StoryIndex *si, const NpFingerprint *x, int64 t,
						   double *score);
extern int	StoryIndexFindLate(StoryIndex *si, const NpFingerprint *x,
							   int64 t, double *score);
extern void StoryIndexAdd(StoryIndex *si, int64 id, const NpFingerprint *x,
						  int64 t);
extern int	StoryIndexFindUrgent(StoryIndex *si, const NpFingerprint *x,
								 int64 t, double *score, int *urg_pos);
extern void StoryIndexHandOff(StoryIndex *si, int pos, const NpFingerprint *x,
							  int64 t);
extern int64 StoryIndexLeaderId(StoryIndex *si, int leader);
extern void StoryIndexStats(StoryIndex *si, int64 *leaders, int64 *evicted,
							int64 *evicted_live, Size *bytes);

#endif							/* NP_STORIES_H */
