/*-------------------------------------------------------------------------
 *
 * newsprint.h
 *	  Declarations shared by the newsprint modules.
 *
 * Each module (text, fingerprint, entities, index) registers its GUCs and
 * reloptions from an init function that _PG_init() calls.
 *
 * src/newsprint.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NEWSPRINT_H
#define NEWSPRINT_H

#define NEWSPRINT_VERSION_STR "0.2"

/* Module initialisers, called once from _PG_init() */
extern void NpFingerprintInit(void);
extern void NpEntitiesInit(void);
extern void NpIndexInit(void);
extern void NpStoriesInit(void);

#endif							/* NEWSPRINT_H */
