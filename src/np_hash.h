/*-------------------------------------------------------------------------
 *
 * np_hash.h
 *	  The one way the text, fingerprint and entity code hash bytes, and the
 *	  key type of their string-keyed hash tables.
 *
 * Hashing is PostgreSQL's hash_bytes() (Bob Jenkins' lookup3, the hash of
 * hash indexes), from common/hashfn.h, which the server and libpgcommon
 * both provide.  Hash tables are PostgreSQL's lib/simplehash.h, with
 * SH_RAW_ALLOCATOR set to np_alloc0 (or np_alloc0_permanent for tables
 * built once per process), so that the same code runs in the server and in
 * the standalone harnesses.  Tables keyed by strings are instantiated
 * through np_strtable.h; np_tables.h has a string-to-int map and a
 * set of hashes built on it.
 *
 * simplehash moves entries when it inserts: pointers to entries are valid
 * until the next insertion, and a new entry's members other than the key
 * hold garbage until the caller sets them (NP_SH_NEW_ENTRY clears them).
 *
 * The fingerprint's word and shingle hashes are not here: they are part of
 * its stored format (fp_core.c).
 *
 * src/np_hash.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_HASH_H
#define NP_HASH_H

#include "np_port.h"

#include "common/hashfn.h"

#ifdef NP_STANDALONE
#include "common/logging.h"		/* simplehash reports errors through it */
#endif

/*
 * Hash s[0, len) to 32 bits.
 */
static inline uint32
NpHashBytes(const void *s, size_t len)
{
	return hash_bytes((const unsigned char *) s, (int) len);
}

/*
 * Hash s[0, len) to 64 bits (for sets of hashes, where a collision would
 * merge two keys).
 */
static inline uint64
NpHashBytes64(const void *s, size_t len)
{
	return hash_bytes_extended((const unsigned char *) s, (int) len, 0);
}

/* Bytes used as a hash table key; the table does not own them */
typedef struct NpStrKey
{
	const char *str;
	uint32		len;
} NpStrKey;

static inline NpStrKey
NpStrKeyMake(const char *str, size_t len)
{
	NpStrKey	k;

	k.str = str;
	k.len = (uint32) len;
	return k;
}

static inline uint32
NpStrKeyHash(NpStrKey k)
{
	return NpHashBytes(k.str, k.len);
}

static inline bool
NpStrKeyEqual(NpStrKey a, NpStrKey b)
{
	return a.len == b.len && memcmp(a.str, b.str, a.len) == 0;
}

/*
 * After <prefix>_insert(..., &found) returned entry, a new one (!found) of
 * element type "type", clear everything but its key, hash and status
 * (simplehash leaves the rest as it was).
 */
#define NP_SH_NEW_ENTRY(type, entry, found) \
	do { \
		if (!(found)) \
		{ \
			type		np_sh_saved_ = *(entry); \
			memset((entry), 0, sizeof(type)); \
			(entry)->key = np_sh_saved_.key; \
			(entry)->hash = np_sh_saved_.hash; \
			(entry)->status = np_sh_saved_.status; \
		} \
	} while (0)


#endif							/* NP_HASH_H */
