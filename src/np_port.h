/*-------------------------------------------------------------------------
 *
 * np_port.h
 *	  Memory allocation for the server-independent core (text, fingerprint
 *	  and entity code), so that it also builds into plain C test and fuzz
 *	  harnesses without a running server.
 *
 * Inside the server (the default) these map to palloc and friends, so the
 * memory belongs to the current memory context and an out-of-memory failure
 * raises an ordinary ERROR.  With -DNP_STANDALONE they map to malloc and
 * abort on failure.
 *
 * src/np_port.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_PORT_H
#define NP_PORT_H

#ifdef NP_STANDALONE

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#else							/* in the server */

#include "postgres.h"

/* huge allocations: a 100 MB article may need more than MaxAllocSize */
static inline void *
np_alloc(size_t size)
{
	return MemoryContextAllocHuge(CurrentMemoryContext, size > 0 ? size : 1);
}

static inline void *
np_alloc0(size_t size)
{
	return MemoryContextAllocExtended(CurrentMemoryContext, size > 0 ? size : 1,
									  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
}

static inline void *
np_realloc(void *ptr, size_t size)
{
	return repalloc_huge(ptr, size > 0 ? size : 1);
}

static inline void
np_free(void *ptr)
{
	pfree(ptr);
}

#endif							/* NP_STANDALONE */

/*
 * Check for query cancel, statement_timeout and backend termination: use it
 * in every loop over input.  A no-op in the standalone builds.
 */
#ifdef NP_STANDALONE
#define NP_CHECK_FOR_INTERRUPTS()	((void) 0)
#else
#include "miscadmin.h"
#define NP_CHECK_FOR_INTERRUPTS()	CHECK_FOR_INTERRUPTS()
#endif

#endif							/* NP_PORT_H */
