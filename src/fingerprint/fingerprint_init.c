/*-------------------------------------------------------------------------
 *
 * fingerprint_init.c
 *	  GUCs of the fingerprint module: the default thresholds of the %, <%,
 *	  %> operators and of same_story().
 *
 * Every threshold lies in [0.01, 1]: a positive threshold makes each
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

/* Defaults chosen on the evaluation set (bench/eval_fingerprint.sh) */
double		np_similarity_threshold = 0.5;
double		np_containment_threshold = 0.6;
double		np_same_story_threshold = 0.6;

/*
 * Assign hooks: plans hold the thresholds as constants (src/distributed.c),
 * so a change drops the cached ones.
 */
static void
assign_similarity(double newval, void *extra)
{
	NpSettingAssigned(np_similarity_threshold, newval);
}

static void
assign_containment(double newval, void *extra)
{
	NpSettingAssigned(np_containment_threshold, newval);
}

static void
assign_same_story(double newval, void *extra)
{
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
							 "a <% b matches when containment(a, b) is at least this value.",
							 &np_containment_threshold,
							 0.6, 0.01, 1.0,
							 PGC_USERSET, 0,
							 NULL, assign_containment, NULL);
	DefineCustomRealVariable("newsprint.same_story_threshold",
							 "Sets the threshold of is_same_story(fingerprint, fingerprint) and same_story().",
							 "Two articles are one story when the share of the smaller sample found in the other is at least this value.",
							 &np_same_story_threshold,
							 0.6, 0.01, 1.0,
							 PGC_USERSET, 0,
							 NULL, assign_same_story, NULL);
}
