/*-------------------------------------------------------------------------
 *
 * entities_init.c
 *	  GUCs and other process-wide set-up of the entities module (placeholder).
 *
 * src/entities/entities_init.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "newsprint.h"

/*
 * Register the entities module's GUCs.
 */
void
NpEntitiesInit(void)
{
}
