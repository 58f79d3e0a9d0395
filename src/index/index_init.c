/*-------------------------------------------------------------------------
 *
 * index_init.c
 *	  GUCs and other process-wide set-up of the index module (placeholder).
 *
 * src/index/index_init.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "newsprint.h"

/*
 * Register the index module's GUCs.
 */
void
NpIndexInit(void)
{
}
