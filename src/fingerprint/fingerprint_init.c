/*-------------------------------------------------------------------------
 *
 * fingerprint_init.c
 *	  GUCs of the fingerprint module: the default thresholds of the %, <%,
 *	  %> operators and of same_story().
 *
 * Every threshold lies in [0.01, 1] (same_story's may also be -1, the
 * format's own default, which is positive): a positive threshold makes each
 * predicate imply that the two samples share a hash, which the index access
 * method relies on (see fingerprint.h).
 *
 * src/fingerprint/fingerprint_init.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/guc.h"

#include "distributed.h"
#include "newsprint.h"
#include "fingerprint/fingerprint.h"

/* Defaults chosen on the evaluation sets (bench/eval_fingerprint.sh, eval_reuse.sh) */
double		np_similarity_threshold = 0.5;
double		np_containment_threshold = NP_FP_AUTO_THRESHOLD;
double		np_same_story_threshold = NP_FP_AUTO_THRESHOLD;

/*
 * newsprint.containment_threshold and newsprint.same_story_threshold are -1
 * (the format's default) or in [0.01, 1].
 */
static bool
check_auto_threshold(double *newval, void **extra, GucSource source)
{
	(void) extra;
	(void) source;
	if (*newval == NP_FP_AUTO_THRESHOLD || *newval >= 0.01)
		return true;
	GUC_check_errdetail("Use -1 for the default of the fingerprints' format, or a value from 0.01 to 1.");
	return false;
}

/*
 * Assign hooks: plans hold the thresholds as constants (src/distributed.c),
 * so a change drops the cached ones.
 */
static void
assign_similarity(double newval, void *extra)
{
	(void) extra;
	NpSettingAssigned(np_similarity_threshold, newval);
}

static void
assign_containment(double newval, void *extra)
{
	(void) extra;
	NpSettingAssigned(np_containment_threshold, newval);
}

static void
assign_same_story(double newval, void *extra)
{
	(void) extra;
	NpSettingAssigned(np_same_story_threshold, newval);
}

/*
 * Register the fingerprint module's GUCs.
 */
void
NpFingerprintInit(void)
{
	DefineCustomRealVariable("newsprint.similarity_threshold",
							 "Sets the similarity threshold of the fingerprint % operator.",
							 "A pair matches when similarity(a, b) is at least this value.",
							 &np_similarity_threshold,
							 0.5, 0.01, 1.0,
							 PGC_USERSET, 0,
							 NULL, assign_similarity, NULL);
	DefineCustomRealVariable("newsprint.containment_threshold",
							 "Sets the containment threshold of the fingerprint <% and %> operators.",
							 "a <% b matches when containment(a, b) is at least this value; "
							 "-1 uses the default of the fingerprints' format (0.6 for version 1, 0.5 for version 2).",
							 &np_containment_threshold,
							 NP_FP_AUTO_THRESHOLD, NP_FP_AUTO_THRESHOLD, 1.0,
							 PGC_USERSET, 0,
							 check_auto_threshold, assign_containment, NULL);
	DefineCustomRealVariable("newsprint.same_story_threshold",
							 "Sets the threshold of is_same_story(fingerprint, fingerprint) and same_story().",
							 "Two articles are one story when the share of either one's evidence found in the other is at least this value; "
							 "-1 uses the default of the fingerprints' format (0.6 for version 1, 0.12 for version 2).",
							 &np_same_story_threshold,
							 NP_FP_AUTO_THRESHOLD, NP_FP_AUTO_THRESHOLD, 1.0,
							 PGC_USERSET, 0,
							 check_auto_threshold, assign_same_story, NULL);
}
