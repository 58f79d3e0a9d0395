/*-------------------------------------------------------------------------
 *
 * np_port.h
 *	  What the server-independent core (text, fingerprint and entity code)
 *	  needs from its surroundings: PostgreSQL's basic types and macros,
 *	  memory allocation, and the interrupt check, so that the same code
 *	  builds into the extension and into plain C test, fuzz and benchmark
 *	  harnesses without a running server.
 *
 * Inside the server (the default) the core sees postgres.h: allocations map
 * to palloc and friends in the current memory context (huge allocations
 * allowed, since a 100 MB article may need more than MaxAllocSize), an
 * out-of-memory failure raises an ordinary ERROR, and
 * NP_CHECK_FOR_INTERRUPTS() is CHECK_FOR_INTERRUPTS().
 *
 * With -DNP_STANDALONE the core sees postgres_fe.h, PostgreSQL's frontend
 * environment (c.h, and through libpgcommon and libpgport the same hashing,
 * Unicode and hash-table code as the server); allocations map to malloc and
 * abort on failure, and NP_CHECK_FOR_INTERRUPTS() does nothing.  Harnesses
 * link with -lpgcommon -lpgport (see mk/standalone.mk).
 *
 * Every loop over input calls NP_CHECK_FOR_INTERRUPTS() at least once per
 * unit of work that takes well under a millisecond (a line, a unit, a token,
 * or NP_CHECK_BYTES bytes of a loop over bytes), so that a cancel or
 * statement_timeout stops any function at once.
 *
 * src/np_port.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_PORT_H
#define NP_PORT_H

/* A loop over bytes checks for interrupts once per this many bytes */
#define NP_CHECK_BYTES		((size_t) 1 << 16)

/* In a loop over bytes at offset pos: check when pos reaches next */
#define NP_CHECK_AT(pos, next) \
	do { \
		if ((pos) >= (next)) \
		{ \
			NP_CHECK_FOR_INTERRUPTS(); \
			(next) = (pos) + NP_CHECK_BYTES; \
		} \
	} while (0)

#ifdef NP_STANDALONE

#include "postgres_fe.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NP_CHECK_FOR_INTERRUPTS()	((void) 0)

static inline void *
np_alloc(size_t size)
{
	void	   *p = malloc(size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

static inline void *
np_alloc0(size_t size)
{
	void	   *p = calloc(1, size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

static inline void *
np_realloc(void *ptr, size_t size)
{
	void	   *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

static inline void
np_free(void *ptr)
{
	free(ptr);
}

/* Zeroed memory that lives as long as the process (tables built once) */
static inline void *
np_alloc0_permanent(size_t size)
{
	return np_alloc0(size);
}

#else							/* in the server */

#include "postgres.h"

#include "miscadmin.h"
#include "utils/memutils.h"

#define NP_CHECK_FOR_INTERRUPTS()	CHECK_FOR_INTERRUPTS()

static inline void *
np_alloc(size_t size)
{
	return MemoryContextAllocHuge(CurrentMemoryContext, size > 0 ? size : 1);
}

/*
 * Zeroed memory.  A large block is zeroed NP_ZERO_CHUNK bytes at a time with
 * an interrupt check between (zeroing 300 MB took a tenth of a second in
 * one step).
 */
#define NP_ZERO_CHUNK		((size_t) 1 << 24)

static inline void *
np_alloc0(size_t size)
{
	char	   *p;
	size_t		done;

	if (size <= NP_ZERO_CHUNK)
		return MemoryContextAllocExtended(CurrentMemoryContext, size > 0 ? size : 1,
										  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	p = MemoryContextAllocHuge(CurrentMemoryContext, size);
	for (done = 0; done < size; done += NP_ZERO_CHUNK)
	{
		CHECK_FOR_INTERRUPTS();
		memset(p + done, 0, Min(NP_ZERO_CHUNK, size - done));
	}
	return p;
}

/* Like realloc, np_realloc(NULL, size) allocates */
static inline void *
np_realloc(void *ptr, size_t size)
{
	if (ptr == NULL)
		return np_alloc(size);
	return repalloc_huge(ptr, size > 0 ? size : 1);
}

static inline void
np_free(void *ptr)
{
	pfree(ptr);
}

/* Zeroed memory that lives as long as the backend (tables built once) */
static inline void *
np_alloc0_permanent(size_t size)
{
	return MemoryContextAllocExtended(TopMemoryContext, size > 0 ? size : 1,
									  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
}

#endif							/* NP_STANDALONE */

/* A NUL-terminated copy of s[0, len) */
static inline char *
np_strndup(const char *s, size_t len)
{
	char	   *r = np_alloc(len + 1);

	memcpy(r, s, len);
	r[len] = '\0';
	return r;
}

#endif							/* NP_PORT_H */
