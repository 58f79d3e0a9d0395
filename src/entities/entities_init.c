/*-------------------------------------------------------------------------
 *
 * entities_init.c
 *	  Process-wide set-up of the entities module.
 *
 * The module has no GUCs.  It registers the relcache callback that keeps the
 * user dictionary cache fresh (see entities_sql.c); the built-in gazetteer is
 * parsed lazily on first use, so backends that never extract pay nothing.
 *
 * src/entities/entities_init.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "newsprint.h"
#include "entities/entities.h"

/*
 * Register the entities module's callbacks.
 */
void
NpEntitiesInit(void)
{
	NpEntitiesRegisterCallbacks();
}
