/*-------------------------------------------------------------------------
 *
 * distributed.h
 *	  newsprint in distributed queries (Citus, postgres_fdw): the settings
 *	  and the user dictionary travel with the query, or the call refuses.
 *
 * See distributed.c for the design and doc/scale-out.md for what a user
 * sees.
 *
 * src/distributed.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_DISTRIBUTED_H
#define NP_DISTRIBUTED_H

#include "postgres.h"

#include "nodes/supportnodes.h"

/* The settings that change the answer of a predicate */
typedef enum NpSetting
{
	NP_SETTING_SIMILARITY,		/* newsprint.similarity_threshold */
	NP_SETTING_CONTAINMENT,		/* newsprint.containment_threshold */
	NP_SETTING_SAME_STORY		/* newsprint.same_story_threshold */
} NpSetting;

/*
 * The value of a setting, for a function that is about to use it.  Refuses
 * in a shard query of a Citus coordinator unless the coordinator sent the
 * value (SET LOCAL with citus.propagate_set_commands = 'local').
 */
extern double NpSettingValue(NpSetting setting);

/* Called by the settings' assign hooks: cached plans hold the old value */
extern void NpSettingAssigned(double oldval, double newval);

/* Is this backend running a shard query for a Citus coordinator? */
extern bool NpInCitusShardQuery(void);

/*
 * Refuse to read this node's entity_dictionary for a Citus coordinator's
 * query (fname names the function, for the message).
 */
extern void NpCheckDictionaryTravels(const char *fname);

/*
 * SupportRequestSimplify for the functions that read a setting: the same
 * call with the setting's current value as a constant (see distributed.c).
 */
extern Node *NpSimplifySettings(SupportRequestSimplify *req);

/* Install the planner hook (from _PG_init) */
extern void NpDistributedInit(void);

#endif							/* NP_DISTRIBUTED_H */
