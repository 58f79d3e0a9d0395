/*-------------------------------------------------------------------------
 *
 * np_strtable.h
 *	  Instantiate a simplehash.h table keyed by strings (NpStrKey).
 *
 * Define SH_PREFIX, SH_ELEMENT_TYPE (a struct with the members NpStrKey key,
 * uint32 hash and char status) and SH_RAW_ALLOCATOR (np_alloc0, or
 * np_alloc0_permanent for a table that lives as long as the process), then
 * include this file; like simplehash.h it may be included several times.
 * The table's functions are static inline: <prefix>_create(n, NULL),
 * <prefix>_insert(tb, key, &found) (clear a new entry's other members with
 * NP_SH_NEW_ENTRY), <prefix>_lookup(tb, key), <prefix>_destroy(tb)...
 *
 * src/np_strtable.h
 *
 *-------------------------------------------------------------------------
 */
#include "np_hash.h"

#define SH_KEY_TYPE		NpStrKey
#define SH_KEY			key
#define SH_HASH_KEY(tb, k)	NpStrKeyHash(k)
#define SH_EQUAL(tb, a, b)	NpStrKeyEqual(a, b)
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a)	((a)->hash)
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"
#undef SH_RAW_ALLOCATOR			/* simplehash.h leaves it defined */
