/*-------------------------------------------------------------------------
 *
 * story_index.c
 *	  The batch form's in-memory index of story leaders.
 *
 * Leaders are numbered in arrival order.  For each, the index keeps a copy
 * of its fingerprint (in a bump arena) and, for every hash of its sample, a
 * posting (hash -> leader number) in an open-addressing table of 8-byte
 * slots (key, data), at most 80% full.  A key with one posting keeps it in
 * its slot; a longer posting list lives in a pool of uint32, in a block of
 * a power of two whose first word is the list's length, and moves to a
 * block twice as big when full (the old block is garbage until the next
 * rebuild).  The top bit of data tells a pool offset from a leader.
 *
 * Finding x's story (StoryIndexFind) is a counting scan with prefix
 * filtering (Chaudhuri, Ganti and Kaushik 2006; Xiao, Wang, Lin and Yu
 * 2008): x's keys are read rarest first; the costliest keys, as many as
 * the rule allows (StoryNeedAny - 1: a leader that shares enough hashes
 * shares one of the others), are not read at all; a leader first met when
 * fewer keys remain than the hashes it would need to share is not counted
 * (a bound from a few bytes kept per leader, StoryNeedPairBound);
 * a counted leader is compared (StoryRuleMatches) only when its count plus
 * the skipped keys reaches its exact need (StoryNeedPair).  None of this
 * can lose a leader that the rule accepts, with one exception: keys held by
 * more than STORY_STOP_POSTINGS (1024) leaders are never read, so a leader
 * that shares nothing with x but such formulas is not found.  Such a pair
 * is two texts that share only phrases hundreds of stories use; issue 10
 * counts that as no evidence of copying.  assign_story(), through an
 * index, does see them: the two forms can differ there (doc/stories.md).
 *
 * Memory: about 18 bytes per sample hash (its key slot, its posting when
 * the key is shared, its copy in the fingerprint), i.e. 1.5-3 kB per
 * leader.  When the
 * total passes the budget, the older half of the leaders is dropped and
 * the index rebuilt from the newer half: old stories then stop attracting
 * articles (the caller reports it).
 *
 * src/stories/story_index.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/memutils.h"

#include "stories/stories.h"

typedef struct StorySlot
{
	uint32		key;
	uint32		data;			/* STORY_EMPTY, a leader, or STORY_POOL | offset */
} StorySlot;

#define STORY_EMPTY		PG_UINT32_MAX
#define STORY_POOL		((uint32) 1 << 31)
#define STORY_ARENA_CHUNK	((Size) 1 << 20)

/* keys held by more leaders than this are formulas, never read */
#define STORY_STOP_POSTINGS	1024

/* x's keys present in the index, with their posting counts */
typedef struct StoryKey
{
	StorySlot  *slot;
	uint32		n;
} StoryKey;

/* What a probe reads of a leader it meets */
typedef struct StoryLeaderState
{
	uint32		stamp;			/* probe number of the last meeting */
	int32		count;			/* shared keys counted; -1: cannot match */
	int32		need;			/* StoryNeedPairBound at the first meeting */
	StoryLeaderMeta meta;
} StoryLeaderState;

struct StoryIndex
{
	StoryRule	rule;
	Size		budget;
	MemoryContext cxt;			/* arrays, table and pool */
	MemoryContext fpcxt;		/* fingerprint copies, in chunks */
	char	   *arena;			/* the current chunk */
	Size		arena_used;

	/* leaders */
	int			nleaders;		/* at most STORY_POOL - 1 */
	int			maxleaders;
	int64	   *ids;
	NpFingerprint **fps;
	StoryLeaderState *state;	/* one cache line serves a first meeting */
	uint32		min_trunc;		/* fewest hashes of a truncated leader */
	int64		evicted;
	bool		rebuilding;		/* no eviction while evicting */

	/* keys */
	StorySlot  *slots;
	uint64		nslots;			/* a power of 2 */
	uint64		nused;
	uint32	   *pool;
	uint64		poolsize;
	uint64		poolused;

	/* probing */
	uint32		probe;
	StoryKey   *keys;			/* scratch: x's keys present */
	int		   *cands;			/* scratch: counted leaders */
	int			maxcands;
};

/* murmur3's finaliser: spreads the bottom-k sample's crowded low values */
static inline uint32
mix32(uint32 h)
{
	h ^= h >> 16;
	h *= 0x85ebca6b;
	h ^= h >> 13;
	h *= 0xc2b2ae35;
	h ^= h >> 16;
	return h;
}

static StorySlot *
slot_for(StoryIndex *si, uint32 key, bool create)
{
	uint64		mask = si->nslots - 1;
	uint64		i = mix32(key) & mask;

	for (;;)
	{
		StorySlot  *s = &si->slots[i];

		if (s->data == STORY_EMPTY)
		{
			if (!create)
				return NULL;
			s->key = key;
			si->nused++;
			return s;
		}
		if (s->key == key)
			return s;
		i = (i + 1) & mask;
	}
}

static StorySlot *
alloc_slots(StoryIndex *si, uint64 n)
{
	StorySlot  *slots = MemoryContextAllocHuge(si->cxt, n * sizeof(StorySlot));
	uint64		i;

	for (i = 0; i < n; i++)
		slots[i].data = STORY_EMPTY;
	return slots;
}

static void
grow_slots(StoryIndex *si)
{
	StorySlot  *old = si->slots;
	uint64		oldn = si->nslots;
	uint64		i;

	si->nslots = oldn * 2;
	si->slots = alloc_slots(si, si->nslots);
	si->nused = 0;
	for (i = 0; i < oldn; i++)
		if (old[i].data != STORY_EMPTY)
			slot_for(si, old[i].key, true)->data = old[i].data;
	pfree(old);
}

static uint32
pool_alloc(StoryIndex *si, uint32 n)
{
	uint64		off = si->poolused;

	if (off + n > si->poolsize)
	{
		uint64		newsize = Max(si->poolsize * 2, off + n);

		if (newsize >= (uint64) STORY_POOL)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many story leaders for one clustering run")));
		si->pool = repalloc_huge(si->pool, newsize * sizeof(uint32));
		si->poolsize = newsize;
	}
	si->poolused = off + n;
	return (uint32) off;
}

static void
add_posting(StoryIndex *si, uint32 key, uint32 leader)
{
	StorySlot  *s;
	uint32		off;
	uint32		n;

	if ((si->nused + 1) * 5 > si->nslots * 4)
		grow_slots(si);
	s = slot_for(si, key, true);
	if (s->data == STORY_EMPTY)
	{
		s->data = leader;
		return;
	}
	if ((s->data & STORY_POOL) == 0)
	{
		/* a second posting: a block of 4 (length, 2 postings, room for 1) */
		off = pool_alloc(si, 4);
		si->pool[off] = 2;
		si->pool[off + 1] = s->data;
		si->pool[off + 2] = leader;
		s->data = STORY_POOL | off;
		return;
	}
	off = s->data & ~STORY_POOL;
	n = si->pool[off];
	/* the block holds the length and n postings in a power of 2 words */
	if (((n + 1) & n) == 0)
	{
		uint32		newoff = pool_alloc(si, (n + 1) * 2);

		memcpy(si->pool + newoff, si->pool + off, (n + 1) * sizeof(uint32));
		off = newoff;
		s->data = STORY_POOL | off;
	}
	si->pool[off + 1 + n] = leader;
	si->pool[off] = n + 1;
}

/* the postings of a slot: *n of them at the result */
static inline const uint32 *
postings(StoryIndex *si, StorySlot *s, uint32 *n)
{
	if ((s->data & STORY_POOL) == 0)
	{
		*n = 1;
		return &s->data;
	}
	*n = si->pool[s->data & ~STORY_POOL];
	return si->pool + (s->data & ~STORY_POOL) + 1;
}

static inline uint32
posting_count(StoryIndex *si, StorySlot *s)
{
	return (s->data & STORY_POOL) ? si->pool[s->data & ~STORY_POOL] : 1;
}

/* a copy of x in the arena */
static NpFingerprint *
arena_copy(StoryIndex *si, const NpFingerprint *x)
{
	Size		len = MAXALIGN(VARSIZE(x));
	char	   *p;

	if (len > STORY_ARENA_CHUNK / 4)
		p = MemoryContextAllocHuge(si->fpcxt, len);
	else
	{
		if (si->arena == NULL || si->arena_used + len > STORY_ARENA_CHUNK)
		{
			si->arena = MemoryContextAlloc(si->fpcxt, STORY_ARENA_CHUNK);
			si->arena_used = 0;
		}
		p = si->arena + si->arena_used;
		si->arena_used += len;
	}
	memcpy(p, x, VARSIZE(x));
	return (NpFingerprint *) p;
}

static void
alloc_structures(StoryIndex *si, int maxleaders)
{
	si->maxleaders = maxleaders;
	si->ids = MemoryContextAllocHuge(si->cxt, sizeof(int64) * maxleaders);
	si->fps = MemoryContextAllocHuge(si->cxt, sizeof(NpFingerprint *) * maxleaders);
	si->state = MemoryContextAllocExtended(si->cxt, sizeof(StoryLeaderState) * maxleaders,
										   MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	si->nslots = 1024;
	si->nused = 0;
	si->slots = alloc_slots(si, si->nslots);
	si->arena = NULL;
	si->arena_used = 0;
	si->poolsize = 1024;
	si->poolused = 0;
	si->pool = MemoryContextAllocHuge(si->cxt, si->poolsize * sizeof(uint32));
}

StoryIndex *
StoryIndexCreate(const StoryRule *rule, Size budget)
{
	StoryIndex *si = palloc0(sizeof(StoryIndex));

	si->rule = *rule;
	si->budget = budget;
	si->cxt = AllocSetContextCreate(CurrentMemoryContext, "story index",
									ALLOCSET_DEFAULT_SIZES);
	si->fpcxt = AllocSetContextCreate(CurrentMemoryContext, "story leaders",
									  ALLOCSET_DEFAULT_SIZES);
	si->min_trunc = PG_UINT32_MAX;
	alloc_structures(si, 1024);
	si->keys = palloc(sizeof(StoryKey) * 65536);
	si->maxcands = 1024;
	si->cands = palloc(sizeof(int) * si->maxcands);
	return si;
}

static Size
index_bytes(StoryIndex *si)
{
	return MemoryContextMemAllocated(si->cxt, true) +
		MemoryContextMemAllocated(si->fpcxt, true);
}

/* Keep the newer half of the leaders; rebuild everything from them */
static void
evict_older_half(StoryIndex *si)
{
	MemoryContext oldcxt = si->cxt;
	MemoryContext oldfp = si->fpcxt;
	int			keep_from = si->nleaders / 2;
	int			n = si->nleaders - keep_from;
	int64	   *ids = si->ids;
	NpFingerprint **fps = si->fps;
	int			i;

	si->cxt = AllocSetContextCreate(MemoryContextGetParent(oldcxt), "story index",
									ALLOCSET_DEFAULT_SIZES);
	si->fpcxt = AllocSetContextCreate(MemoryContextGetParent(oldfp), "story leaders",
									  ALLOCSET_DEFAULT_SIZES);
	alloc_structures(si, Max(si->maxleaders, 1024));
	si->nleaders = 0;
	si->min_trunc = PG_UINT32_MAX;
	si->evicted += keep_from;
	si->rebuilding = true;
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		StoryIndexAdd(si, ids[keep_from + i], fps[keep_from + i]);
	}
	si->rebuilding = false;
	MemoryContextDelete(oldcxt);
	MemoryContextDelete(oldfp);
}

void
StoryIndexAdd(StoryIndex *si, int64 id, const NpFingerprint *x)
{
	int			leader;
	int			n = NpFingerprintNHashes(x);
	int			i;

	if (si->nleaders == (int) (STORY_POOL - 1))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many story leaders for one clustering run")));
	if (si->nleaders == si->maxleaders)
	{
		int			m = si->maxleaders * 2;

		si->ids = repalloc_huge(si->ids, sizeof(int64) * m);
		si->fps = repalloc_huge(si->fps, sizeof(NpFingerprint *) * m);
		si->state = repalloc_huge(si->state, sizeof(StoryLeaderState) * m);
		si->maxleaders = m;
	}
	leader = si->nleaders++;
	si->ids[leader] = id;
	si->fps[leader] = arena_copy(si, x);
	StoryLeaderMetaOf(x, &si->state[leader].meta);
	si->state[leader].stamp = 0;
	if (NpFingerprintIsTruncated(x))
		si->min_trunc = Min(si->min_trunc, (uint32) n);
	for (i = 0; i < n; i++)
		add_posting(si, x->hashes[i], (uint32) leader);

	/* checked every 128 leaders: MemoryContextMemAllocated walks blocks */
	if ((si->nleaders & 127) == 0 && !si->rebuilding &&
		index_bytes(si) > si->budget)
		evict_older_half(si);
}

static int
cmp_key_len(const void *a, const void *b)
{
	uint32		x = ((const StoryKey *) a)->n;
	uint32		y = ((const StoryKey *) b)->n;

	return (x > y) - (x < y);
}

int
StoryIndexFind(StoryIndex *si, const NpFingerprint *x, double *score)
{
	int			n = NpFingerprintNHashes(x);
	int			nkeys = 0;
	int			nskip;
	int			nread;
	int			ncands = 0;
	int			best = -1;
	double		best_score = 0.0;
	double		best_sim = 0.0;
	int			r;
	int			c;
	uint32		probe;

	if (si->nleaders == 0 || n == 0)
		return -1;
	if (++si->probe == 0)
	{
		int			l;

		/* wrapped: forget every stamp */
		for (l = 0; l < si->nleaders; l++)
			si->state[l].stamp = 0;
		si->probe = 1;
	}
	probe = si->probe;

	for (r = 0; r < n; r++)
	{
		StorySlot  *s = slot_for(si, x->hashes[r], false);

		if (s != NULL)
		{
			si->keys[nkeys].slot = s;
			si->keys[nkeys].n = posting_count(si, s);
			nkeys++;
		}
	}
	if (nkeys == 0)
		return -1;
	qsort(si->keys, nkeys, sizeof(StoryKey), cmp_key_len);

	/*
	 * Skip the costliest keys the rule allows, and beyond that every key held
	 * by more than STORY_STOP_POSTINGS leaders: a formula ("said its board
	 * declared a"), which is no evidence of copying.  A leader that shares
	 * only such keys with x is not found (see the file header).
	 */
	nskip = Min(StoryNeedAny(&si->rule, x, si->min_trunc) - 1, nkeys);
	while (nskip < nkeys && si->keys[nkeys - nskip - 1].n > STORY_STOP_POSTINGS)
		nskip++;
	nread = nkeys - nskip;

	for (r = 0; r < nread; r++)
	{
		uint32		np;
		const uint32 *p = postings(si, si->keys[r].slot, &np);
		int			most = nread - r + nskip;	/* keys a new leader can share */
		uint32		i;

		for (i = 0; i < np; i++)
		{
			StoryLeaderState *st = &si->state[p[i]];

			if (st->stamp == probe)
			{
				if (st->count >= 0)
					st->count++;
				continue;
			}
			st->stamp = probe;
			/* a leader first met here shares at most "most" keys */
			if (most < si->rule.min_shared ||
				(st->need = StoryNeedPairBound(&si->rule, x, &st->meta)) > most)
			{
				st->count = -1;
				continue;
			}
			st->count = 1;
			if (ncands == si->maxcands)
			{
				si->maxcands *= 2;
				si->cands = repalloc_huge(si->cands, sizeof(int) * si->maxcands);
			}
			si->cands[ncands++] = (int) p[i];
		}
		CHECK_FOR_INTERRUPTS();
	}

	for (c = 0; c < ncands; c++)
	{
		int			l = si->cands[c];
		double		sc;
		double		sim;

		if (si->state[l].count + nskip < si->state[l].need ||
			si->state[l].count + nskip < StoryNeedPair(&si->rule, x, si->fps[l]))
			continue;
		if (!StoryRuleMatches(&si->rule, x, si->fps[l], &sc, &sim))
			continue;
		if (best < 0 || sc > best_score ||
			(sc == best_score && (sim > best_sim ||
								  (sim == best_sim && l < best))))
		{
			best = l;
			best_score = sc;
			best_sim = sim;
		}
	}
	if (best >= 0)
		*score = best_score;
	return best;
}

int64
StoryIndexLeaderId(StoryIndex *si, int leader)
{
	return si->ids[leader];
}

void
StoryIndexStats(StoryIndex *si, int64 *leaders, int64 *evicted, Size *bytes)
{
	*leaders = si->nleaders;
	*evicted = si->evicted;
	*bytes = index_bytes(si);
}
