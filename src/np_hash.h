/*-------------------------------------------------------------------------
 *
 * np_hash.h
 *	  The one way the text, fingerprint and entity code hash bytes, and the
 *	  key type of their string-keyed hash tables.
 *
 * Hashing to 32 bits is PostgreSQL's hash_bytes() (Bob Jenkins' lookup3,
 * the hash of hash indexes), from common/hashfn.h, which the server and
 * libpgcommon both provide.  Hashing to 64 bits, for the sets of hashes
 * that find repeated lines and words in the cleaner, reads eight bytes at a
 * time (NpHashBytes64): those sets hash every line of every article, and
 * lookup3 took five instructions a byte.  Its values live only as long as
 * the call that computes them; nothing stores them.  Hash tables are PostgreSQL's lib/simplehash.h, with
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
 * Mix a 64-bit value (the splitmix64 finaliser).
 */
static inline uint64
NpHashMix64(uint64 x)
{
	x += UINT64CONST(0x9E3779B97F4A7C15);
	x = (x ^ (x >> 30)) * UINT64CONST(0xBF58476D1CE4E5B9);
	x = (x ^ (x >> 27)) * UINT64CONST(0x94D049BB133111EB);
	return x ^ (x >> 31);
}

/*
 * Hash s[0, len) to 64 bits (for sets of hashes, where a collision would
 * merge two keys): eight bytes at a time, each multiplied, rotated and
 * multiplied into the state (as a lane of xxHash64 does), the last 1-7
 * bytes as one more word, then the length and a final mix.  Every bit of
 * the result depends on every byte; the low 32 bits, which the hash sets
 * index by, as much as the others.
 */
static inline uint64
NpHashBytes64(const void *s, size_t len)
{
	const unsigned char *p = (const unsigned char *) s;
	const uint64 k1 = UINT64CONST(0x9E3779B185EBCA87);
	const uint64 k2 = UINT64CONST(0xC2B2AE3D27D4EB4F);
	uint64		h = UINT64CONST(0x27D4EB2F165667C5);
	size_t		i = 0;

	for (; i + 8 <= len; i += 8)
	{
		uint64		v;

		memcpy(&v, p + i, 8);
		v *= k2;
		v = (v << 31) | (v >> 33);
		h = (h ^ (v * k1));
		h = ((h << 27) | (h >> 37)) * k1 + k2;
	}
	if (i < len)
	{
		uint64		v = 0;

		memcpy(&v, p + i, len - i);
		v *= k2;
		v = (v << 31) | (v >> 33);
		h = (h ^ (v * k1));
		h = ((h << 27) | (h >> 37)) * k1 + k2;
	}
	return NpHashMix64(h ^ (uint64) len);
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
