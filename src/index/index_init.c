/*-------------------------------------------------------------------------
 *
 * index_init.c
 *	  Process-wide set-up of the index module: the npidx reloptions, and
 *	  the executor hook that hands a transaction's kept rows to the index
 *	  before a parallel query (npidx_local.c).
 *
 * src/index/index_init.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "newsprint.h"
#include "index/npidx.h"

/*
 * Register the index module's reloptions and executor hook.
 */
void
NpIndexInit(void)
{
	NpidxRegisterReloptions();
	NpidxLocalInit();
}
