/*-------------------------------------------------------------------------
 *
 * np_tables.h
 *	  Two small tables on simplehash.h: NpStrMap, a map from strings to
 *	  ints, and NpHashSet, a set of 64-bit hashes.
 *
 * NpStrMap keeps the first value put for a key, and does not copy keys; the
 * entity extractor's per-article passes use it to stay linear however many
 * mentions an article has.  NpHashSet holds NpHashBytes64 values (the
 * cleaner's repeated lines and hyphenation evidence); a collision would
 * merge two keys, with a probability of about n^2 / 2^65.
 *
 * src/np_tables.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_TABLES_H
#define NP_TABLES_H

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

/* NpHashSet: a set of 64-bit hashes */
typedef struct NpHashSetEntry
{
	uint64		key;
	char		status;
} NpHashSetEntry;

#define SH_PREFIX		nphashset
#define SH_ELEMENT_TYPE NpHashSetEntry
#define SH_KEY_TYPE		uint64
#define SH_KEY			key
#define SH_HASH_KEY(tb, k)	((uint32) (k))	/* the key is a hash already */
#define SH_EQUAL(tb, a, b)	((a) == (b))
#define SH_RAW_ALLOCATOR	np_alloc0
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"
#undef SH_RAW_ALLOCATOR

typedef nphashset_hash NpHashSet;

/* An empty set with room for about n hashes */
static inline NpHashSet *
NpHashSetCreate(size_t n)
{
	return nphashset_create((uint32) Min(n, PG_UINT32_MAX / 2), NULL);
}

/* Release a set */
static inline void
NpHashSetFree(NpHashSet *s)
{
	nphashset_destroy(s);
}

/* Add h; return true if it was there already */
static inline bool
NpHashSetAdd(NpHashSet *s, uint64 h)
{
	bool		found;

	nphashset_insert(s, h, &found);
	return found;
}

/* Is h in the set? */
static inline bool
NpHashSetHas(NpHashSet *s, uint64 h)
{
	return nphashset_lookup(s, h) != NULL;
}

#endif							/* NP_TABLES_H */
