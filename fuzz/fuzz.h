/*-------------------------------------------------------------------------
 *
 * fuzz.h
 *	  The libFuzzer targets of newsprint's server-independent core.
 *
 * One binary (fuzz/fuzz_main.c plus the fuzz_*.c files, built by
 * "make fuzz-build", see mk/fuzz.mk) holds every target; the environment
 * variable NP_FUZZ_TARGET picks the one a run exercises.  Each target
 * takes arbitrary bytes (not only the valid UTF-8 in NFC that the SQL layer
 * passes in), runs one text entry point of the core, and aborts when a
 * property the SQL layer relies on does not hold.
 *
 * fuzz/fuzz.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_FUZZ_H
#define NP_FUZZ_H

#include "np_port.h"

typedef int (*NpFuzzTarget) (const uint8_t *data, size_t size);

/* fuzz_text.c */
extern int	NpFuzzCleanPlain(const uint8_t *data, size_t size);
extern int	NpFuzzCleanHtml(const uint8_t *data, size_t size);
extern int	NpFuzzSegment(const uint8_t *data, size_t size);
extern int	NpFuzzHeadline(const uint8_t *data, size_t size);

/* fuzz_entities.c */
extern int	NpFuzzEntities(const uint8_t *data, size_t size);

/* fuzz_fingerprint.c */
extern int	NpFuzzFpText(const uint8_t *data, size_t size);
extern int	NpFuzzFpLiteral(const uint8_t *data, size_t size);
extern int	NpFuzzSharedPassages(const uint8_t *data, size_t size);

#endif							/* NP_FUZZ_H */
