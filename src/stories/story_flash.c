/*-------------------------------------------------------------------------
 *
 * story_flash.c
 *	  The subject-and-figures join of the story rule: an URGENT or FLASH
 *	  one-liner, or a short table, and the write-through that carries its
 *	  subject and its figures.
 *
 * A one-liner ("URGENT - Garrick Steel Q2 net loss 48 mln dlrs vs profit
 * 12 mln") and the full story sent minutes later ("Garrick Steel Corp
 * reported a second-quarter net loss of 48 mln dlrs ...") share facts, not
 * words: a handful of sampled hashes at most, so neither the tiny rule nor
 * is_same_story links them, and the one-liner, the first item of its
 * story, leads a story of its own that the write-through does not join.
 * What they share is the company and the figures.  So a pair that the
 * rule refuses (stories.h), within the time window, is one story when the
 * article F is tiny (fewer than tiny_shingles shingles) and the leader S
 * carries F's subject and every one of F's figures (StoryFlashMatches):
 *
 *	 - both are version 2 fingerprints that keep their names and figures,
 *	   and min_named is above 0 (the name tests are on);
 *	 - F holds subject hashes, one of them is among S's subject hashes (S's
 *	   lead names F's subject), and all of them are among the names S holds
 *	   (fp_evidence.h, NP_FP_NAMES_BITS);
 *	 - F keeps all its figures (not more than NP_FP_FIGURES_KEEP), at least
 *	   STORY_FLASH_FIGURES of them are specific (not round:
 *	   NpFpFigureIsRound; years, days and counts under 10 are no figures),
 *	   and every one of them, round or not, is among S's figures (below
 *	   S's largest kept figure when S held more than it keeps).
 *
 * What it keeps apart: one company's two announcements of a day (a job
 * cut after the results, a placing's pricing after its launch) have other
 * figures, or share one or two round ones; two days' reports of one market
 * have other figures, and the window parts them too; two companies'
 * notices in one formula have other subjects.  A dividend notice whose
 * amount the results' write-through repeats ("raised its quarterly
 * dividend to 20 cents from 18 cents") shares one specific figure: 20 is
 * round.
 *
 * Only the tiny side joins: x is F, the later article, and the leader S.
 * The other order (a one-liner that leads, its write-through joining it)
 * was built and measured first, and not kept: the write-through, joined,
 * no longer attracts its own copies (a paper's rewrite without the
 * figures then starts a story, or joins another leader it matches), and a
 * results' write-through that names the dividend carries the dividend
 * notice's figures, and would join the notice's story when the notice
 * came first (doc/stories.md, "URGENT one-liners and tables").  A
 * one-liner that leads keeps its own story, as before.
 *
 * Where it hooks in: the rule's answer is unchanged (StoryRuleMatches);
 * the join is asked only of an article that no leader takes by the rule,
 * within the window or as a late copy, in both forms (StoryIndexFindFlash
 * in story_index.c, search_flash in story_assign.c) and by story_match()
 * for a pair with both times within the window: only of a tiny x.  Among
 * the leaders it joins, the one with the most of F's figures compared,
 * then the highest similarity, then the earliest.  Its candidates are found by the subject
 * hash the two share, a key of the sample like any other: the batch form
 * reads the posting lists of x's subject hashes from the first leader
 * within the window on, and assign_story() asks its index for the leaders
 * that hold one of x's subject hashes (doc/stories.md, "URGENT one-liners
 * and tables").
 *
 * src/stories/story_flash.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fingerprint/fp_core.h"
#include "stories/stories.h"

/*
 * The figures of fp's figures section into figs (ascending; at most
 * NP_FP_FIGURES_KEEP): their number, -1 when fp keeps none, *truncated
 * when the text held more than it keeps.
 */
static int
flash_figures(const NpFingerprint *fp, uint16 *figs, bool *truncated)
{
	int			nwords;
	const uint32 *sec;
	int			n;
	int			j;

	if (!NpFingerprintHasNames(fp))
		return -1;
	sec = NpFingerprintFigures(fp, &nwords);
	if (sec == NULL)
		return -1;
	n = Min(NP_FP_FIGURES_COUNT(sec[0]), NP_FP_FIGURES_KEEP);
	if (NP_FP_FIGURES_WORDS(n) > nwords)
		return -1;				/* not a section NpFpValidateFigures accepts */
	for (j = 0; j < n; j++)
		figs[j] = (uint16) NP_FP_FIGURE_OF(sec, j);
	*truncated = (sec[0] & NP_FP_FIGURES_TRUNCATED) != 0;
	return n;
}

/* How many of the n figures of figs are specific (not round) */
static int
flash_specific(const uint16 *figs, int n)
{
	int			k = 0;
	int			j;

	for (j = 0; j < n; j++)
		k += !NpFpFigureIsRound(figs[j]);
	return k;
}

bool
StoryFlashMayJoin(const StoryRule *rule, const NpFingerprint *x)
{
	uint16		figs[NP_FP_FIGURES_KEEP];
	bool		truncated;
	int			n;

	if (rule->min_named <= 0 || rule->tiny_shingles <= 0 ||
		x->version != NP_FP_V2_VERSION ||
		NpFingerprintSubjectCount(x, NpFingerprintNHashes(x)) == 0)
		return false;
	n = flash_figures(x, figs, &truncated);

	/*
	 * As F, x has that many specific figures; as S, it holds F's, which are
	 * at least that many and below its largest kept figure.
	 */
	return n > 0 && flash_specific(figs, n) >= STORY_FLASH_FIGURES;
}

/*
 * Does s carry tiny f's subject and figures (the file header)?  The number
 * of f's figures compared, or 0.
 */
static int
flash_carries(const NpFingerprint *f, const NpFingerprint *s)
{
	uint16		ff[NP_FP_FIGURES_KEEP];
	uint16		sf[NP_FP_FIGURES_KEEP];
	bool		f_trunc;
	bool		s_trunc;
	int			nf;
	int			ns;
	int			nfs = NpFingerprintSubjectCount(f, NpFingerprintNHashes(f));
	int			shared;
	int			i;
	int			j;
	int			compared = 0;
	int			specific = 0;

	if (!NpFingerprintHasNames(s) ||
		!NpFingerprintSubjectsShared(f, s, &shared) || shared == 0)
		return 0;
	for (i = 0; i < nfs; i++)
	{
		if (!NpFingerprintNamesHold(s, f->hashes[i]))
			return 0;
	}

	nf = flash_figures(f, ff, &f_trunc);
	ns = flash_figures(s, sf, &s_trunc);
	if (nf <= 0 || f_trunc || ns <= 0)
		return 0;

	/* both ascending: f's figures up to s's largest kept when s held more */
	j = 0;
	for (i = 0; i < nf; i++)
	{
		if (s_trunc && ff[i] > sf[ns - 1])
			break;
		while (j < ns && sf[j] < ff[i])
			j++;
		if (j == ns || sf[j] != ff[i])
			return 0;
		compared++;
		specific += !NpFpFigureIsRound(ff[i]);
	}
	return specific >= STORY_FLASH_FIGURES ? compared : 0;
}

bool
StoryFlashMatches(const StoryRule *rule, const NpFingerprint *x,
				  const NpFingerprint *leader, int *figures, double *score,
				  double *similarity)
{
	int			n;
	NpFingerprintOverlap ov;

	NpFingerprintCheckCompatible(x, leader);

	/*
	 * Only the tiny article joins: a longer x that carried a tiny leader's
	 * figures would no longer attract its own copies (the file header,
	 * "Only the tiny side joins").
	 */
	if (rule->min_named <= 0 || x->version != NP_FP_V2_VERSION ||
		x->nshingles >= (uint32) rule->tiny_shingles)
		return false;
	n = flash_carries(x, leader);
	if (n == 0)
		return false;
	NpFingerprintOverlapOf(x, leader, &ov);
	*figures = n;
	*score = Max(ov.a_count > 0 ? (double) ov.inter / ov.a_count : 0.0,
				 ov.b_count > 0 ? (double) ov.inter / ov.b_count : 0.0);
	*similarity = ov.uni > 0 ? (double) ov.inter / ov.uni : 0.0;
	return true;
}
