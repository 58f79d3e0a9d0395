/*-------------------------------------------------------------------------
 *
 * np_strmap.h
 *	  NpStrMap: a map from strings to ints, on simplehash.h.
 *
 * The first value put for a key stays.  Keys are not copied.  Used by the
 * per-article passes of the entity extractor, which must stay linear
 * however many mentions an article has.
 *
 * src/np_strmap.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_STRMAP_H
#define NP_STRMAP_H

#include "np_hash.h"

typedef struct NpStrMapEntry
{
	NpStrKey	key;
	uint32		hash;
	int			val;
	char		status;
} NpStrMapEntry;

#define SH_PREFIX		npstrmap
#define SH_ELEMENT_TYPE NpStrMapEntry
#define SH_RAW_ALLOCATOR	np_alloc0
#include "np_strtable.h"

typedef npstrmap_hash NpStrMap;

/* An empty map */
static inline NpStrMap *
NpStrMapCreate(void)
{
	return npstrmap_create(64, NULL);
}

/* Release a map (not its keys) */
static inline void
NpStrMapFree(NpStrMap *m)
{
	npstrmap_destroy(m);
}

/* The number of keys */
static inline uint32
NpStrMapCount(const NpStrMap *m)
{
	return m->members;
}

/* Return key's value, or -1 */
static inline int
NpStrMapGet(NpStrMap *m, const char *key, size_t len)
{
	NpStrMapEntry *e = npstrmap_lookup(m, NpStrKeyMake(key, len));

	return e ? e->val : -1;
}

/* Set key's value unless it has one; the key must outlive the map */
static inline void
NpStrMapPut(NpStrMap *m, const char *key, size_t len, int val)
{
	bool		found;
	NpStrMapEntry *e = npstrmap_insert(m, NpStrKeyMake(key, len), &found);

	if (!found)
		e->val = val;
}

#endif							/* NP_STRMAP_H */
