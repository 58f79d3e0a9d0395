/*-------------------------------------------------------------------------
 *
 * newsprint.c
 *	  Module entry point: PG_MODULE_MAGIC, _PG_init and version reporting.
 *
 * src/newsprint.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "compat.h"
#include "distributed.h"
#include "newsprint.h"

PG_MODULE_MAGIC;

extern PGDLLEXPORT void _PG_init(void);

/*
 * Register every module's GUCs and reloptions, and the planner hook.
 */
void
_PG_init(void)
{
	NpFingerprintInit();
	NpEntitiesInit();
	NpIndexInit();
	NpStoriesInit();
	NpDistributedInit();
	NpMarkGUCPrefixReserved("newsprint");
}

PG_FUNCTION_INFO_V1(newsprint_version);

/*
 * Return the library's version string.
 */
Datum
newsprint_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(NEWSPRINT_VERSION_STR));
}
