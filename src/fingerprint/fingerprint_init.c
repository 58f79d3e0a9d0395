/*-------------------------------------------------------------------------
 *
 * fingerprint_init.c
 *	  GUCs and other process-wide set-up of the fingerprint module (placeholder).
 *
 * src/fingerprint/fingerprint_init.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "newsprint.h"

/*
 * Register the fingerprint module's GUCs.
 */
void
NpFingerprintInit(void)
{
}
