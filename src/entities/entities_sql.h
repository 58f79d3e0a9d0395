/*-------------------------------------------------------------------------
 *
 * entities_sql.h
 *	  Server-side helpers of the entities module's SQL layer.
 *
 * src/entities/entities_sql.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_ENTITIES_SQL_H
#define NP_ENTITIES_SQL_H

#include "postgres.h"

#include "fmgr.h"

#include "entities/entities.h"

/* entities_sql.c: a dictionary name or alias as UTF-8 in NFC, in cxt */
extern char *NpEntityDictString(MemoryContext cxt, Datum d, size_t *len);

/* entities_sql.c: add a name or alias to a dictionary being read */
extern void NpEntityDictAddKey(NpGazKeyList *keys, const char *key, size_t keylen,
							   const char *canon, size_t canonlen,
							   NpEntityKind kind);

/* entities_dict_sql.c: the dictionary given as argument argno, or NULL if empty */
extern const NpGazTable *NpEntityDictionaryArg(FunctionCallInfo fcinfo, int argno);

#endif							/* NP_ENTITIES_SQL_H */
