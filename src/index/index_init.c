/*-------------------------------------------------------------------------
 *
 * index_init.c
 *	  Process-wide set-up of the index module: the npidx reloptions.
 *
 * src/index/index_init.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "newsprint.h"
#include "index/npidx.h"

/*
 * Register the index module's reloptions.
 */
void
NpIndexInit(void)
{
	NpidxRegisterReloptions();
}
