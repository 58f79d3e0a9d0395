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
 * shares one of the others), are not read at all; the scan only counts,
 * for each leader met, the read keys it shares (8 bytes a leader, so that
 * it stays in cache).  Then each leader met is bounded: it shares at most
 * its count plus the skipped keys whose bit is set in its signature (a
 * one-hash Bloom filter of its sample, 384 bits kept beside a few bytes of
 * metadata in one cache line); it is compared (StoryRuleMatches) only when
 * that bound reaches the hashes it would need to share, first bounded from
 * the metadata (StoryNeedPairBound), then exactly (StoryNeedPair).  The
 * signature is what makes this cheap: with only the count and the number
 * of skipped keys as the bound, nearly every leader met (one that shares a
 * single read key, when 15 are skipped) had its sample merged with x's,
 * about 600 merges for each one that matched, most of the batch's time.
 * None of this can lose a leader that the rule accepts, with one
 * exception: keys held by more than STORY_STOP_POSTINGS (1024) leaders are
 * never read, so a leader that shares nothing with x but such formulas is
 * not found.  Such a pair is two texts that share only phrases hundreds of
 * stories use; issue 10 counts that as no evidence of copying.
 * assign_story() leaves such keys out too, but counts a key's holders
 * among every leader of its table (its index does not know their times):
 * the two forms can differ there (stories.h, doc/stories.md).  With a time
 * window, a key's holders are counted here from window_from on (below):
 * the leaders before it can join no article from then on, so a phrase
 * becomes a formula only when more than 1024 leaders within reach hold it,
 * not as the table grows.
 *
 * Round-ups (stories.h): the leaders the rule accepts are kept, and x is
 * then merged with its best leader and each other one, at most once each
 * (StoryRoundUp); an article matches one leader or a few.  An x that has
 * a best leader is then looked for among the leaders out of the window but
 * within the round-up reach (roundup_beyond): those are kept in the index,
 * and dropped for memory before any within the window.
 *
 * The time window: each leader keeps its time (8 bytes), and a leader
 * whose count and signature pass the first bound is compared only when it
 * is within the window of x (StoryWithinWindow), before its fingerprint
 * is read.  The caller reads articles in time order, so the leaders more
 * than the window before x are, but for a few, the oldest ones: the index
 * keeps where the prefix of leaders known to be so ends (window_from,
 * checked leader by leader), and the scan of a posting list, whose leaders
 * are in arrival order, starts after them.  That changes no answer (they
 * could not join x), only what the scan reads: with a window of hours over
 * months of articles, most of each list.  The keys are ordered, and the
 * formulas told, by the postings from there on; a key none of them holds
 * is left out (no leader that may join x shares it).  A leader without a
 * time (an infinite one: -infinity is read first) ends the prefix, since
 * it may join any article: behind one, no list is skipped and every
 * holder counts (the answers are the same, the scan slower).  An article
 * that no leader within the window takes is then looked for as a next-day
 * copy of a leader within the round-up reach (nextday_find: the lists'
 * stretch of those leaders, as StoryIndexFind reads the window's) and as a
 * late copy of an older leader (StoryIndexFindLate): the whole lists of a
 * fifth of its keys, its smallest hashes, and only the leaders that hold
 * most of them compared.
 *
 * Memory: about 18 bytes per sample hash (its key slot, its posting when
 * the key is shared, its copy in the fingerprint) and 96 bytes per leader
 * (its id, its time, its fingerprint's address, its count and its cache
 * line of bounds), i.e. 1.5-3 kB per leader.  When the total passes the
 * budget, the older half of the leaders is dropped and the index rebuilt
 * from the newer half: old stories then stop attracting articles (the
 * caller reports it).  With a window, the leaders more than the window
 * before the latest time read are dropped first, however many they are
 * and wherever they are (the oldest of the others too, up to half, when
 * they are fewer): the caller reads articles in time order, so no later
 * article with a time can join them; only articles without a time, which
 * the caller reads last, could.  A leader without a time (an infinite one,
 * read first) is kept with the others in the window, and leaves the
 * leaders after it free to go.
 *
 * src/stories/story_index.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "common/int.h"
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

/*
 * A leader's signature: one bit of STORY_SIG_BITS set for each hash of its
 * sample (a Bloom filter with one hash function), so that how many of a
 * set of keys the leader may hold is bounded without reading its sample.
 */
#define STORY_SIG_WORDS		6
#define STORY_SIG_BITS		(STORY_SIG_WORDS * 64)

/* skipped keys tested against a signature (the rest count as held) */
#define STORY_SIG_TESTS		64

typedef struct StorySig
{
	uint64		w[STORY_SIG_WORDS];
} StorySig;

/*
 * x's keys present in the index, with their posting counts: of the leaders
 * that may be within the window of x, those of the list from first on
 */
typedef struct StoryKey
{
	StorySlot  *slot;
	uint32		first;			/* the first posting from window_from */
	uint32		n;				/* postings from first on */
} StoryKey;

/*
 * What a probe counts of every leader it meets: 8 bytes a leader, so that
 * the posting lists' scan reads little memory.
 */
typedef struct StoryMeeting
{
	uint32		stamp;			/* probe number of the last meeting */
	uint32		count;			/* read keys it shares */
} StoryMeeting;

/*
 * What bounds a leader's shared keys once the posting lists are read: one
 * cache line (the array is aligned to STORY_STATE_ALIGN).
 */
typedef struct StoryLeaderState
{
	StoryLeaderMeta meta;
	StorySig	sig;
} StoryLeaderState;

#define STORY_STATE_ALIGN	64

/*
 * A probe's reads are scattered over memory much larger than the caches:
 * ask for what the next steps read before reading it.
 */
#if defined(__GNUC__) || defined(__clang__)
#define STORY_PREFETCH(p)	__builtin_prefetch(p)
#else
#define STORY_PREFETCH(p)	((void) 0)
#endif
#define STORY_AHEAD			8

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
	int64	   *times;			/* STORY_NO_TIME when unknown */
	NpFingerprint **fps;
	StoryMeeting *meet;
	StoryLeaderState *state;	/* one cache line per leader */
	void	   *state_alloc;	/* the allocation that holds state */
	int64		evicted;
	int64		evicted_live;	/* of them, those still within the window */
	bool		rebuilding;		/* no eviction while evicting */

	/* the time window */
	int64		window;			/* STORY_NO_WINDOW for none */
	int64		latest;			/* latest time read, or STORY_NO_TIME */
	int			window_from;	/* leaders before it are out of the window
								 * of any time >= window_cut */
	int64		window_cut;		/* the earliest time in the window of the
								 * last probe */
	int64		reach;			/* StoryRoundUpReach(window) */
	int			reach_from;		/* as window_from, for the reach */
	int64		reach_cut;
	int			nextday_to;		/* the timed leaders before it are more than
								 * the window before any time >= nextday_cut */
	int64		nextday_cut;
	int64		last_timed;		/* the latest time of a leader added */
	bool		unordered;		/* a timed leader was added before one of
								 * an earlier time */

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
	uint16	   *skip_bits;		/* scratch: signature bits of skipped keys */
	int		   *cands;			/* scratch: counted leaders */
	int			maxcands;
	int		   *matched;		/* scratch: the leaders x matches */
	int			maxmatched;

	/*
	 * The one-liner leaders (StoryUrgentJoins), for the write-throughs that
	 * follow them: their leader numbers in arrival order (-1 once handed
	 * over or dropped), and a table of their keys, the subject hashes
	 * aside: key << 32 | position in urg, STORY_URG_EMPTY for none.
	 */
	int		   *urg;
	int			nurg;
	int			maxurg;
	int			urg_compact;	/* compact urg when nurg reaches it */
	uint64	   *urg_slots;
	uint32		urg_nslots;		/* a power of 2, at most half full */
	uint32		urg_used;
	uint64	   *urg_filter;		/* a bit for the keys in urg_slots
								 * (STORY_URG_FILTER_BITS, urg_filter_bit) */
};

#define STORY_URG_EMPTY		PG_UINT64_MAX

/*
 * The bits of the one-liners' key filter: 8 kB, in the first-level cache.
 * A few thousand keys set a few percent of them, so nearly every hash of
 * an article misses there and does not walk the table's slots.
 */
#define STORY_URG_FILTER_BITS	65536

/*
 * murmur3's finaliser (PostgreSQL's murmurhash32): spreads the bottom-k
 * sample's crowded low values
 */
static inline uint32
mix32(uint32 h)
{
	return murmurhash32(h);
}

/*
 * A key's bit in a signature: the mix scaled to STORY_SIG_BITS, which
 * takes its top bits (the slots take the low ones).
 */
static inline uint16
sig_bit(uint32 key)
{
	return (uint16) (((uint64) mix32(key) * STORY_SIG_BITS) >> 32);
}

static inline void
sig_set(StorySig *sig, uint32 key)
{
	uint16		b = sig_bit(key);

	sig->w[b >> 6] |= (uint64) 1 << (b & 63);
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

	/* every byte 0xFF: data is STORY_EMPTY (and the key unused) */
	StaticAssertStmt(STORY_EMPTY == PG_UINT32_MAX, "an empty slot is all ones");
	memset(slots, 0xFF, n * sizeof(StorySlot));
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

/* A state array for n leaders, keeping the first nleaders of the old one */
static void
alloc_state(StoryIndex *si, int n)
{
	void	   *old = si->state_alloc;
	StoryLeaderState *oldstate = si->state;
	void	   *p;

	StaticAssertStmt(sizeof(StoryLeaderState) == STORY_STATE_ALIGN,
					 "a leader's state is one cache line");
	p = MemoryContextAllocExtended(si->cxt,
								   sizeof(StoryLeaderState) * n + STORY_STATE_ALIGN,
								   MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	si->state_alloc = p;
	si->state = (StoryLeaderState *) TYPEALIGN(STORY_STATE_ALIGN, p);
	if (old != NULL)
	{
		memcpy(si->state, oldstate, sizeof(StoryLeaderState) * si->nleaders);
		pfree(old);
	}
}

static void
alloc_structures(StoryIndex *si, int maxleaders)
{
	si->maxleaders = maxleaders;
	si->ids = MemoryContextAllocHuge(si->cxt, sizeof(int64) * maxleaders);
	si->times = MemoryContextAllocHuge(si->cxt, sizeof(int64) * maxleaders);
	si->fps = MemoryContextAllocHuge(si->cxt, sizeof(NpFingerprint *) * maxleaders);
	si->meet = MemoryContextAllocHuge(si->cxt, sizeof(StoryMeeting) * maxleaders);
	alloc_state(si, maxleaders);
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
StoryIndexCreate(const StoryRule *rule, Size budget, int64 window)
{
	StoryIndex *si = palloc0(sizeof(StoryIndex));

	si->rule = *rule;
	si->budget = budget;
	si->window = window;
	si->latest = STORY_NO_TIME;
	si->window_cut = PG_INT64_MIN;
	si->reach = StoryRoundUpReach(window);
	si->reach_cut = PG_INT64_MIN;
	si->nextday_cut = PG_INT64_MIN;
	si->last_timed = STORY_NO_TIME;
	si->cxt = AllocSetContextCreate(CurrentMemoryContext, "story index",
									ALLOCSET_DEFAULT_SIZES);
	si->fpcxt = AllocSetContextCreate(CurrentMemoryContext, "story leaders",
									  ALLOCSET_DEFAULT_SIZES);
	alloc_structures(si, 1024);
	si->keys = palloc(sizeof(StoryKey) * 65536);
	si->skip_bits = palloc(sizeof(uint16) * STORY_SIG_TESTS);
	si->maxcands = 1024;
	si->cands = palloc(sizeof(int) * si->maxcands);
	si->maxmatched = 16;
	si->matched = palloc(sizeof(int) * si->maxmatched);
	si->maxurg = 64;
	si->urg = palloc(sizeof(int) * si->maxurg);
	si->urg_compact = 64;
	si->urg_nslots = 1024;
	si->urg_slots = palloc(sizeof(uint64) * si->urg_nslots);
	memset(si->urg_slots, 0xFF, sizeof(uint64) * si->urg_nslots);
	si->urg_filter = palloc0(STORY_URG_FILTER_BITS / 8);
	return si;
}

static Size
index_bytes(StoryIndex *si)
{
	return MemoryContextMemAllocated(si->cxt, true) +
		MemoryContextMemAllocated(si->fpcxt, true);
}

/* Note t as read: the latest time, for eviction */
static inline void
note_time(StoryIndex *si, int64 t)
{
	if (t != STORY_NO_TIME && (si->latest == STORY_NO_TIME || t > si->latest))
		si->latest = t;
}

/*
 * Is leader i more than span (the window, or the round-up reach) before the
 * latest time read? In time order no later article with a time can join
 * it (the window), nor be a round-up of it (the reach).
 */
static inline bool
leader_out_of(StoryIndex *si, int i, int64 span)
{
	return si->window >= 0 && si->latest != STORY_NO_TIME &&
		si->times[i] != STORY_NO_TIME && si->times[i] < si->latest &&
		!StoryWithinWindow(span, si->latest, si->times[i]);
}

static void urg_renumber(StoryIndex *si, const bool *drop, int nold);
static void urg_note(StoryIndex *si, int leader);

/*
 * Drop every leader out of the round-up reach, wherever it is (a leader
 * without a time, e.g. of a -infinity article, read first, stays and does
 * not hold the others back); when they are fewer than half of the
 * leaders, every leader out of the window too (which only the round-up
 * test still asks); and when those are fewer than half, the oldest of the
 * others up to half; rebuild everything from the rest, in their order
 * (which breaks ties).
 */
static void
evict_leaders(StoryIndex *si)
{
	MemoryContext oldcxt = si->cxt;
	MemoryContext oldfp = si->fpcxt;
	int			nold = si->nleaders;
	int			out = 0;
	int			more;
	int64	   *ids = si->ids;
	int64	   *times = si->times;
	NpFingerprint **fps = si->fps;
	bool	   *drop;
	int			i;

	drop = MemoryContextAllocHuge(CurrentMemoryContext, sizeof(bool) * Max(nold, 1));
	for (i = 0; i < nold; i++)
	{
		CHECK_FOR_INTERRUPTS();
		drop[i] = leader_out_of(si, i, si->reach);
		out += drop[i] ? 1 : 0;
	}
	/* then those the round-up test alone asks */
	for (i = 0; i < nold && out < nold / 2; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (!drop[i] && leader_out_of(si, i, si->window))
		{
			drop[i] = true;
			out++;
		}
	}
	/* then the oldest of the others, up to half */
	more = Max(nold / 2 - out, 0);
	for (i = 0; i < nold && more > 0; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (!drop[i])
		{
			drop[i] = true;
			more--;
		}
	}

	si->cxt = AllocSetContextCreate(MemoryContextGetParent(oldcxt), "story index",
									ALLOCSET_DEFAULT_SIZES);
	si->fpcxt = AllocSetContextCreate(MemoryContextGetParent(oldfp), "story leaders",
									  ALLOCSET_DEFAULT_SIZES);
	si->state_alloc = NULL;
	alloc_structures(si, Max(si->maxleaders, 1024));
	si->nleaders = 0;
	si->window_from = 0;		/* numbers change: find it again */
	si->reach_from = 0;
	si->nextday_to = 0;
	si->last_timed = STORY_NO_TIME;
	si->unordered = false;
	si->rebuilding = true;
	for (i = 0; i < nold; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (!drop[i])
			StoryIndexAdd(si, ids[i], fps[i], times[i]);
	}
	si->rebuilding = false;
	urg_renumber(si, drop, nold);
	si->evicted += nold - si->nleaders;
	si->evicted_live += nold - si->nleaders - out;
	pfree(drop);
	MemoryContextDelete(oldcxt);
	MemoryContextDelete(oldfp);
}

void
StoryIndexAdd(StoryIndex *si, int64 id, const NpFingerprint *x, int64 t)
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
		si->times = repalloc_huge(si->times, sizeof(int64) * m);
		si->fps = repalloc_huge(si->fps, sizeof(NpFingerprint *) * m);
		si->meet = repalloc_huge(si->meet, sizeof(StoryMeeting) * m);
		alloc_state(si, m);
		si->maxleaders = m;
	}
	leader = si->nleaders++;
	si->ids[leader] = id;
	if (t != STORY_NO_TIME)
	{
		if (si->last_timed != STORY_NO_TIME && t < si->last_timed)
			si->unordered = true;
		else
			si->last_timed = t;
	}
	si->times[leader] = t;
	note_time(si, t);
	si->fps[leader] = arena_copy(si, x);
	StoryLeaderMetaOf(x, &si->state[leader].meta);
	si->meet[leader].stamp = 0;
	memset(&si->state[leader].sig, 0, sizeof(StorySig));
	for (i = 0; i < n; i++)
	{
		add_posting(si, x->hashes[i], (uint32) leader);
		sig_set(&si->state[leader].sig, x->hashes[i]);
	}
	if (!si->rebuilding)
		urg_note(si, leader);

	/* checked every 128 leaders: MemoryContextMemAllocated walks blocks */
	if ((si->nleaders & 127) == 0 && !si->rebuilding &&
		index_bytes(si) > si->budget)
		evict_leaders(si);
}

/*
 * The first leader that may be within span (the window or the reach) of a
 * time t (known), all before it being more than span before t; the leaders
 * before *from were for the previous probe (*cut, t - span then), and still
 * are when t is no earlier than its time.
 */
static int
leaders_within_from(StoryIndex *si, int64 t, int64 span, int *from,
					int64 *cut)
{
	int64		c;

	/* t - span, or no leader is that early */
	if (pg_sub_s64_overflow(t, span, &c))
		return 0;
	if (c < *cut)
		*from = 0;
	*cut = c;
	while (*from < si->nleaders &&
		   si->times[*from] != STORY_NO_TIME &&
		   si->times[*from] < c)
	{
		CHECK_FOR_INTERRUPTS();
		(*from)++;
	}
	return *from;
}

/* The first of the np leaders of a posting list p that is at least from */
static inline uint32
postings_from(const uint32 *p, uint32 np, int from)
{
	uint32		lo = 0;
	uint32		hi = np;

	if (np == 0 || p[0] >= (uint32) from)
		return 0;
	while (lo < hi)
	{
		uint32		mid = lo + (hi - lo) / 2;

		if (p[mid] < (uint32) from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
cmp_key_len(const void *a, const void *b)
{
	uint32		x = ((const StoryKey *) a)->n;
	uint32		y = ((const StoryKey *) b)->n;

	return (x > y) - (x < y);
}

/*
 * A new probe number, which no leader's stamp holds; when the numbers wrap,
 * every stamp is forgotten first
 */
static uint32
next_probe(StoryIndex *si)
{
	if (++si->probe == 0)
	{
		int			l;

		for (l = 0; l < si->nleaders; l++)
			si->meet[l].stamp = 0;
		si->probe = 1;
	}
	return si->probe;
}

/*
 * Count for this probe the leaders of the postings p[from .. np): a leader
 * met for the first time becomes a candidate.  Returns the new number of
 * candidates.
 */
static inline int
meet_postings(StoryIndex *si, const uint32 *p, uint32 from, uint32 np,
			  uint32 probe, int ncands)
{
	uint32		i;

	for (i = from; i < np; i++)
	{
		StoryMeeting *m = &si->meet[p[i]];

		if (i + STORY_AHEAD < np)
			STORY_PREFETCH(&si->meet[p[i + STORY_AHEAD]]);
		if (m->stamp == probe)
		{
			m->count++;
			continue;
		}
		m->stamp = probe;
		m->count = 1;
		if (ncands == si->maxcands)
		{
			si->maxcands *= 2;
			si->cands = repalloc_huge(si->cands, sizeof(int) * si->maxcands);
		}
		si->cands[ncands++] = (int) p[i];
	}
	return ncands;
}

/*
 * How many of the skipped keys (their bits in skip_bits, the first
 * nbits of nskip tested) a leader's signature may hold: every key it holds
 * has its bit set, and the keys not tested are counted as held.
 */
static inline int
sig_held(const StorySig *sig, const uint16 *skip_bits, int nbits, int nskip)
{
	int			held = nskip - nbits;
	int			i;

	for (i = 0; i < nbits; i++)
		held += (int) ((sig->w[skip_bits[i] >> 6] >> (skip_bits[i] & 63)) & 1);
	return held;
}

/*
 * The best leader a search of the leader index has met so far: best
 * evidence, then resemblance, then the lowest leader number (the earliest
 * leader), so that the answer does not depend on the order of candidates.
 */
typedef struct StoryPick
{
	int			leader;			/* -1: none yet */
	double		score;
	double		sim;
} StoryPick;

static inline void
pick_offer(StoryPick *p, int l, double sc, double sim)
{
	if (p->leader < 0 || sc > p->score ||
		(sc == p->score && (sim > p->sim ||
							(sim == p->sim && l < p->leader))))
	{
		p->leader = l;
		p->score = sc;
		p->sim = sim;
	}
}

/*
 * Add to x's keys (si->keys, *nkeys of them) the key of slot s with the
 * postings [first, last) of its list, unless there are none.
 */
static inline void
key_add(StoryIndex *si, int *nkeys, StorySlot *s, uint32 first, uint32 last)
{
	if (first < last)
	{
		si->keys[*nkeys].slot = s;
		si->keys[*nkeys].first = first;
		si->keys[*nkeys].n = last - first;
		(*nkeys)++;
	}
}

/*
 * Order x's nkeys keys (si->keys) rarest first and choose those a search
 * skips: the costliest keys the rule allows, and beyond that every key held
 * by more than STORY_STOP_POSTINGS of the leaders the search reads (from
 * window_from on, or the next-day stretch): a formula ("said its board
 * declared a"), which is no evidence of copying.  A leader that shares only
 * such keys with x is not found (see the file header).  Which keys are
 * skipped does not matter to the bounds: a leader's count covers the keys
 * read, its signature the keys skipped, whatever they are.  Returns how
 * many are skipped (the last ones), with the signature bits of the first
 * *nbits of them, the rarest first, in si->skip_bits.
 */
static int
skip_costliest(StoryIndex *si, const NpFingerprint *x, int nkeys, int *nbits)
{
	int			nskip;
	int			nread;
	int			r;

	qsort(si->keys, nkeys, sizeof(StoryKey), cmp_key_len);
	nskip = Min(StoryNeedAny(&si->rule, x) - 1, nkeys);
	while (nskip < nkeys && si->keys[nkeys - nskip - 1].n > STORY_STOP_POSTINGS)
		nskip++;
	nread = nkeys - nskip;
	*nbits = Min(nskip, STORY_SIG_TESTS);
	for (r = 0; r < *nbits; r++)
		si->skip_bits[r] = sig_bit(si->keys[nread + r].slot->key);
	return nskip;
}

/*
 * How many leaders of the index hold key (StoryHoldersFn): its whole
 * posting list, whatever the leaders' times, as assign_story() counts the
 * holders among every leader of its table.
 */
static uint32
index_holders(void *arg, int pos, uint32 key)
{
	StoryIndex *si = (StoryIndex *) arg;
	StorySlot  *s = slot_for(si, key, false);
	uint32		np = 0;

	if (s != NULL)
		(void) postings(si, s, &np);
	return np;
}

/*
 * Is x, whose best leader within the window is best, a round-up of it and
 * a leader out of the window but within the reach (StoryWithinReach)?
 * Such a leader M shares at least StoryNeedPair hashes with x, and fewer
 * than the minimum evidence of them (but x's subject hashes) are in best's
 * sample too (StoryRoundUp): so only the posting lists of x's keys that
 * best does not hold are read, subject hashes included, from the first
 * leader within the reach on, and a leader met is compared only when its
 * count, the formulas left out (each counted as held) and the minimum
 * evidence less one reach what the pair needs.  A copy of best, which
 * holds little that best does not, reads few lists.
 */
static bool
roundup_beyond(StoryIndex *si, const NpFingerprint *x, int64 t, int best)
{
	const NpFingerprint *l = si->fps[best];
	int			n = NpFingerprintNHashes(x);
	int			nl = NpFingerprintNHashes(l);
	int			nsubj = NpFingerprintSubjectCount(x, n);
	int			held = NpFingerprintMinEvidence(NP_PRED_SAME_STORY,
												x->version) - 1;
	int			from;
	int			ncands = 0;
	int			j = 0;
	int			r;
	int			c;
	uint32		probe;

	if (si->window < 0 || t == STORY_NO_TIME || si->reach <= si->window)
		return false;
	from = leaders_within_from(si, t, si->reach, &si->reach_from,
							   &si->reach_cut);
	probe = next_probe(si);
	for (r = 0; r < n; r++)
	{
		uint32		h = x->hashes[r];
		StorySlot  *s;
		const uint32 *p;
		uint32		np;
		uint32		first;

		CHECK_FOR_INTERRUPTS();
		/* both samples ascend */
		while (j < nl && l->hashes[j] < h)
			j++;
		if (r >= nsubj && j < nl && l->hashes[j] == h)
			continue;
		s = slot_for(si, h, false);
		if (s == NULL)
			continue;
		p = postings(si, s, &np);
		first = postings_from(p, np, from);
		if (np - first > STORY_STOP_POSTINGS)
		{
			/* a formula: not read, counted as held by every leader */
			held++;
			continue;
		}
		ncands = meet_postings(si, p, first, np, probe, ncands);
	}
	for (c = 0; c < ncands; c++)
	{
		int			m = si->cands[c];
		int			most = (int) si->meet[m].count + held;
		double		sc;
		double		sim;

		CHECK_FOR_INTERRUPTS();
		if (m == best || !StoryWithinReach(si->window, t, si->times[m]) ||
			most < StoryNeedPairBound(&si->rule, x, &si->state[m].meta) ||
			most < StoryNeedPair(&si->rule, x, si->fps[m]))
			continue;
		if (StoryRuleMatches(&si->rule, x, si->fps[m], STORY_PAIR_IN_REACH,
							 &sc, &sim) &&
			!StoryCommonOnly(x, si->fps[m], index_holders, si) &&
			StoryRoundUp(x, l, si->fps[m]))
			return true;
	}
	return false;
}

int
StoryIndexFind(StoryIndex *si, const NpFingerprint *x, int64 t, double *score)
{
	int			n = NpFingerprintNHashes(x);
	int			nkeys = 0;
	int			nskip;
	int			nread;
	int			nbits;
	int			ncands = 0;
	int			nmatched = 0;
	StoryPick	best = {-1, 0.0, 0.0};
	int			r;
	int			c;
	uint32		probe;
	int			from = 0;

	note_time(si, t);
	if (si->nleaders == 0 || n == 0)
		return -1;
	if (si->window >= 0 && t != STORY_NO_TIME)
		from = leaders_within_from(si, t, si->window, &si->window_from,
								   &si->window_cut);
	probe = next_probe(si);

	for (r = 0; r < Min(n, STORY_AHEAD); r++)
		STORY_PREFETCH(&si->slots[mix32(x->hashes[r]) & (si->nslots - 1)]);
	for (r = 0; r < n; r++)
	{
		StorySlot  *s;

		if (r + STORY_AHEAD < n)
			STORY_PREFETCH(&si->slots[mix32(x->hashes[r + STORY_AHEAD]) & (si->nslots - 1)]);
		s = slot_for(si, x->hashes[r], false);

		if (s != NULL)
		{
			uint32		np;
			const uint32 *p = postings(si, s, &np);
			uint32		first = postings_from(p, np, from);

			/*
			 * Only the holders from window_from on count: the others cannot
			 * join x, and are never read.  A key that none of them holds is
			 * no key of x's here.
			 */
			key_add(si, &nkeys, s, first, np);
		}
	}
	if (nkeys == 0)
		return -1;
	nskip = skip_costliest(si, x, nkeys, &nbits);
	nread = nkeys - nskip;

	/*
	 * Count, for every leader met, the read keys it shares.  Only the
	 * counts are touched here (StoryMeeting), not the leaders.
	 */
	for (r = 0; r < nread; r++)
	{
		uint32		np;
		const uint32 *p = postings(si, si->keys[r].slot, &np);

		/* the leaders of a list are in arrival order: skip those out of the window */
		ncands = meet_postings(si, p, si->keys[r].first, np, probe, ncands);
		CHECK_FOR_INTERRUPTS();
	}

	/*
	 * A leader shares at most its count of read keys and the skipped keys
	 * its signature may hold: compare it only when that reaches the fewest
	 * shared keys the rule needs, first bounded from the leader's metadata,
	 * then exactly from its sample; and only when it is within the window
	 * of x (its time is read after the cheap bound, and before its sample).
	 */
	for (c = 0; c < ncands; c++)
	{
		int			l = si->cands[c];
		StoryLeaderState *st = &si->state[l];
		double		sc;
		double		sim;
		int			most;

		if (c + STORY_AHEAD < ncands)
			STORY_PREFETCH(&si->state[si->cands[c + STORY_AHEAD]]);
		most = (int) si->meet[l].count +
			sig_held(&st->sig, si->skip_bits, nbits, nskip);
		if (most < StoryNeedPairBound(&si->rule, x, &st->meta) ||
			!StoryWithinWindow(si->window, t, si->times[l]) ||
			most < StoryNeedPair(&si->rule, x, si->fps[l]))
			continue;
		if (!StoryRuleMatches(&si->rule, x, si->fps[l],
							  StoryPairTimeOf(si->window, t, si->times[l]),
							  &sc, &sim) ||
			StoryCommonOnly(x, si->fps[l], index_holders, si))
			continue;
		pick_offer(&best, l, sc, sim);
		if (nmatched == si->maxmatched)
		{
			si->maxmatched *= 2;
			si->matched = repalloc_huge(si->matched, sizeof(int) * si->maxmatched);
		}
		si->matched[nmatched++] = l;
		CHECK_FOR_INTERRUPTS();
	}

	/* a round-up of the best leader and another starts its own story */
	for (c = 0; c < nmatched; c++)
	{
		CHECK_FOR_INTERRUPTS();
		if (si->matched[c] != best.leader &&
			StoryRoundUp(x, si->fps[best.leader], si->fps[si->matched[c]]))
			return STORY_FIND_ROUNDUP;
	}
	if (best.leader >= 0 && roundup_beyond(si, x, t, best.leader))
		return STORY_FIND_ROUNDUP;
	if (best.leader >= 0)
		*score = best.score;
	return best.leader;
}

/* how many of the ascending h[0..n) are at most tau */
static int
count_upto(const uint32 *h, int n, uint64 tau)
{
	int			lo = 0;
	int			hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if ((uint64) h[mid] <= tau)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The most hashes of a samples' cut of a that a late copy may miss in the
 * leader: a - ceil(STORY_LATE_COPY a), with one more for rounding.
 */
static inline int
late_misses(int a)
{
	return (int) ((1.0 - STORY_LATE_COPY) * a) + 1;
}

/*
 * The end of the leaders that may be a next-day copy's (a time t known):
 * when the timed leaders came in time order (the caller reads articles in
 * that order), every one from there on is within the window of t or
 * later, and every timed one before it more than the window before t (the
 * leaders without a time are in no reach: skipped); otherwise, all of
 * them.  Kept from probe to probe as leaders_within_from keeps its prefix.
 */
static int
nextday_end(StoryIndex *si, int64 t)
{
	int64		c;

	if (si->unordered)
		return si->nleaders;
	if (pg_sub_s64_overflow(t, si->window, &c))
		return 0;
	if (c < si->nextday_cut)
		si->nextday_to = 0;
	si->nextday_cut = c;
	while (si->nextday_to < si->nleaders &&
		   (si->times[si->nextday_to] == STORY_NO_TIME ||
			si->times[si->nextday_to] < c))
	{
		CHECK_FOR_INTERRUPTS();
		si->nextday_to++;
	}
	return si->nextday_to;
}

/*
 * Offer best leader l, which shares at most most of x's hashes, when x is a
 * next-day copy of it (nextday_find): the bounds first, from the leader's
 * metadata, its time, 0.55 of x's sample cut at the pair's limit and the
 * rule's need, then StoryLateCopy.
 */
static void
nextday_offer(StoryIndex *si, const NpFingerprint *x, int64 t, int l,
			  int most, StoryPick *best)
{
	const StoryLeaderMeta *meta = &si->state[l].meta;
	int			n = NpFingerprintNHashes(x);
	uint64		tau;
	double		sc;
	double		sim;

	if (most < StoryNeedPairBound(&si->rule, x, meta) ||
		!StoryWithinReach(si->window, t, si->times[l]))
		return;
	tau = Min(StorySampleLimit(x), StoryMetaLimit(meta));
	if ((double) most < STORY_NEXT_DAY_COPY * count_upto(x->hashes, n, tau) ||
		most < StoryNeedPair(&si->rule, x, si->fps[l]) ||
		!StoryLateCopy(&si->rule, x, si->fps[l], true, &sc, &sim))
		return;
	pick_offer(best, l, sc, sim);
}

/*
 * Offer best the leaders out of x's window but within the round-up reach
 * of which x is a next-day copy (stories.h, STORY_NEXT_DAY_COPY), for an x
 * that no leader within the window takes.  As StoryIndexFind, on the
 * posting lists' stretch of those leaders alone (from the reach's first
 * leader to nextday_end): x's keys rarest first, the costliest that the
 * rule allows and the formulas (more than STORY_STOP_POSTINGS leaders of
 * the stretch) left out and bounded by the leaders' signatures; a leader
 * met is compared only when it may share what the rule needs and
 * STORY_NEXT_DAY_COPY of x's sample as the estimators cut it.  Keys held by more than
 * STORY_STOP_POSTINGS of those leaders hide a next-day copy that shares
 * nothing else, as formulas do within the window.
 */
static void
nextday_find(StoryIndex *si, const NpFingerprint *x, int64 t, StoryPick *best)
{
	int			n = NpFingerprintNHashes(x);
	int			from;
	int			to;
	int			nkeys = 0;
	int			nskip;
	int			nread;
	int			nbits;
	int			ncands = 0;
	int			r;
	int			c;
	uint32		probe;

	if (si->reach <= si->window)
		return;
	from = leaders_within_from(si, t, si->reach, &si->reach_from,
							   &si->reach_cut);
	to = nextday_end(si, t);
	if (from >= to)
		return;
	for (r = 0; r < n; r++)
	{
		StorySlot  *s = slot_for(si, x->hashes[r], false);
		uint32		np;
		const uint32 *p;
		uint32		first;
		uint32		last;

		if (s == NULL)
			continue;
		p = postings(si, s, &np);
		first = postings_from(p, np, from);
		last = postings_from(p, np, to);
		key_add(si, &nkeys, s, first, last);
	}
	if (nkeys == 0)
		return;
	nskip = skip_costliest(si, x, nkeys, &nbits);
	nread = nkeys - nskip;
	probe = next_probe(si);
	for (r = 0; r < nread; r++)
	{
		uint32		np;
		const uint32 *p = postings(si, si->keys[r].slot, &np);

		ncands = meet_postings(si, p, si->keys[r].first,
							   si->keys[r].first + si->keys[r].n, probe, ncands);
		CHECK_FOR_INTERRUPTS();
	}

	for (c = 0; c < ncands; c++)
	{
		CHECK_FOR_INTERRUPTS();
		nextday_offer(si, x, t, si->cands[c],
					  (int) si->meet[si->cands[c]].count +
					  sig_held(&si->state[si->cands[c]].sig, si->skip_bits,
							   nbits, nskip),
					  best);
	}
}

/*
 * The leader out of x's window of which x is a late copy (stories.h,
 * STORY_LATE_COPY), for an x that no leader within the window takes
 * (StoryIndexFind found none); -1 when none is.  A late copy L holds at
 * least STORY_LATE_COPY of x's sample as the estimators cut it (the a
 * smallest of x's hashes, those at most the smaller limit of the two
 * samples), so it misses at most late_misses(a) of them: the posting lists
 * of x's smallest hashes are read, whole (the window does not apply), about
 * twice as many as x may miss, and a leader met is compared only when it
 * holds all but late_misses(a) of the read hashes within its cut, so the
 * search costs a fifth of x's posting lists and few comparisons.  A common
 * key (held by more than STORY_LATE_POSTINGS leaders, of any time) is not
 * read, and the next key is read instead: as for the formulas of
 * StoryIndexFind, a leader whose shared keys among those read would all be
 * such keys is not found.  The next-day copies of the reach come first
 * (nextday_find), and the best of both is taken.
 */
int
StoryIndexFindLate(StoryIndex *si, const NpFingerprint *x, int64 t,
				   double *score)
{
	int			n = NpFingerprintNHashes(x);
	uint64		x_limit;
	uint32	   *readh;
	int			want;
	int			nread = 0;
	int			ncands = 0;
	StoryPick	best = {-1, 0.0, 0.0};
	int			r;
	int			c;
	uint32		probe;

	if (si->window < 0 || t == STORY_NO_TIME || si->nleaders == 0 || n == 0)
		return -1;
	/*
	 * The next-day copies first, then the late copies of any time.  Every
	 * pair of a tiny x is tiny: a next-day copy at most (StoryLateCopy), and
	 * only of a leader whose subject it keeps.
	 */
	if (x->nshingles >= (uint32) si->rule.tiny_shingles ||
		StoryTinyNextDayPossible(si->window, x))
		nextday_find(si, x, t, &best);
	if (x->nshingles < (uint32) si->rule.tiny_shingles)
	{
		if (best.leader >= 0)
			*score = best.score;
		return best.leader;
	}
	x_limit = StorySampleLimit(x);
	want = Min(n, 2 * late_misses(n) + 1);
	readh = palloc(sizeof(uint32) * want);
	probe = next_probe(si);

	for (r = 0; r < n && nread < want; r++)
	{
		StorySlot  *s = slot_for(si, x->hashes[r], false);
		uint32		np = 0;
		const uint32 *p = NULL;

		if (s != NULL)
		{
			p = postings(si, s, &np);
			if (np > STORY_LATE_POSTINGS)
				continue;
		}
		/* read (a key no leader holds is read too: every leader misses it) */
		readh[nread++] = x->hashes[r];
		ncands = meet_postings(si, p, 0, np, probe, ncands);
		CHECK_FOR_INTERRUPTS();
	}

	/*
	 * The leaders out of the window only (StoryIndexFind had the others),
	 * that hold enough of the read hashes within the pair's cut.
	 */
	for (c = 0; c < ncands; c++)
	{
		int			l = si->cands[c];
		const StoryLeaderMeta *meta = &si->state[l].meta;
		uint64		tau;
		int			a;
		double		sc;
		double		sim;

		if (StoryWithinWindow(si->window, t, si->times[l]))
			continue;
		tau = Min(x_limit, StoryMetaLimit(meta));
		a = count_upto(x->hashes, n, tau);
		if ((int) si->meet[l].count < count_upto(readh, nread, tau) - late_misses(a) ||
			!StoryLateCopy(&si->rule, x, si->fps[l],
						   StoryWithinReach(si->window, t, si->times[l]),
						   &sc, &sim))
			continue;
		pick_offer(&best, l, sc, sim);
		CHECK_FOR_INTERRUPTS();
	}
	pfree(readh);
	if (best.leader >= 0)
		*score = best.score;
	return best.leader;
}

/*
 * The URGENT join (StoryUrgentJoins) in the batch.  A one-liner (fewer
 * sample hashes than any pair must share, StoryMinShared) joins no leader
 * by the rule, and no article joins it; it may only be the first take of
 * a write-through within STORY_URGENT_REACH, or follow one.  Either way
 * the pair shares STORY_URGENT_SHARED hashes or more beside the subject's,
 * under min_shared, so the prefix filter of StoryIndexFind never meets
 * it.  The one-liner leaders are few (7% of the bench corpus's articles,
 * some 260 within four hours at a million) and short: their keys, the
 * subject hashes aside, go to a table of their own (urg_slots), which an
 * article that found no leader probes with each of its hashes: a few
 * thousand entries, in the cache, instead of the posting lists of its
 * keys.  The table is compacted (handed over, dropped and out-of-reach
 * one-liners out) when urg has doubled since the last compaction.
 */

/* Is leader l a one-liner? */
static inline bool
leader_one_liner(StoryIndex *si, int l)
{
	return si->state[l].meta.nhashes <
		StoryMinShared(&si->rule, si->fps[l]->version);
}

/*
 * The bit of the one-liners' key filter for a key's mix32 value m: its
 * high bits, where the table's slot takes the low ones
 */
static inline uint32
urg_filter_bit(uint32 m)
{
	return m >> (32 - pg_leftmost_one_pos32(STORY_URG_FILTER_BITS));
}

/* Put key (of the one-liner at position pos of urg) in the table */
static inline void
urg_put(StoryIndex *si, uint32 key, uint32 pos)
{
	uint32		mask = si->urg_nslots - 1;
	uint32		m = mix32(key);
	uint32		i = m & mask;
	uint32		b = urg_filter_bit(m);

	si->urg_filter[b >> 6] |= UINT64CONST(1) << (b & 63);

	while (si->urg_slots[i] != STORY_URG_EMPTY)
		i = (i + 1) & mask;
	si->urg_slots[i] = ((uint64) key << 32) | pos;
	si->urg_used++;
}

/* Put the keys of the one-liner at position pos, its subject's aside */
static void
urg_put_keys(StoryIndex *si, int pos)
{
	const NpFingerprint *x = si->fps[si->urg[pos]];
	int			n = NpFingerprintNHashes(x);
	int			r;

	for (r = NpFingerprintSubjectCount(x, n); r < n; r++)
		urg_put(si, x->hashes[r], (uint32) pos);
}

/*
 * Keep of urg the one-liners still live and within reach of the latest
 * time read, and build the table again for them, at most a quarter full
 */
static void
urg_rebuild(StoryIndex *si)
{
	int			n = 0;
	int			i;
	uint32		keys = 0;
	uint32		size = 1024;

	for (i = 0; i < si->nurg; i++)
	{
		int			l = si->urg[i];

		if (l < 0 || leader_out_of(si, l, STORY_URGENT_REACH))
			continue;
		si->urg[n++] = l;
		keys += NpFingerprintNHashes(si->fps[l]);
	}
	si->nurg = n;
	while (size < 4 * keys)
		size *= 2;
	if (size != si->urg_nslots)
	{
		pfree(si->urg_slots);
		si->urg_slots = palloc(sizeof(uint64) * size);
		si->urg_nslots = size;
	}
	memset(si->urg_slots, 0xFF, sizeof(uint64) * size);
	memset(si->urg_filter, 0, STORY_URG_FILTER_BITS / 8);
	si->urg_used = 0;
	for (i = 0; i < n; i++)
		urg_put_keys(si, i);
	si->urg_compact = 2 * n + 64;
}

/* Note a new leader: a timed one-liner of format 2 goes to urg */
static void
urg_note(StoryIndex *si, int leader)
{
	const NpFingerprint *x = si->fps[leader];

	if (x->version != NP_FP_V2_VERSION || si->times[leader] == STORY_NO_TIME ||
		!leader_one_liner(si, leader))
		return;
	if (si->nurg == si->maxurg)
	{
		si->maxurg *= 2;
		si->urg = repalloc(si->urg, sizeof(int) * si->maxurg);
	}
	si->urg[si->nurg++] = leader;
	if (si->nurg >= si->urg_compact ||
		2 * (si->urg_used + NpFingerprintNHashes(x)) > si->urg_nslots)
		urg_rebuild(si);
	else
		urg_put_keys(si, si->nurg - 1);
}

/* The leaders were renumbered without those dropped (evict_leaders) */
static void
urg_renumber(StoryIndex *si, const bool *drop, int nold)
{
	int		   *num = palloc(sizeof(int) * Max(nold, 1));
	int			next = 0;
	int			i;

	for (i = 0; i < nold; i++)
		num[i] = drop[i] ? -1 : next++;
	for (i = 0; i < si->nurg; i++)
		if (si->urg[i] >= 0)
			si->urg[i] = num[si->urg[i]];
	pfree(num);
	urg_rebuild(si);
}

/* Add leader l to the candidates of probe */
static inline int
urg_meet(StoryIndex *si, int l, uint32 probe, int ncands)
{
	StoryMeeting *m = &si->meet[l];

	if (m->stamp == probe)
	{
		m->count++;
		return ncands;
	}
	m->stamp = probe;
	m->count = 1;
	if (ncands == si->maxcands)
	{
		si->maxcands *= 2;
		si->cands = repalloc_huge(si->cands, sizeof(int) * si->maxcands);
	}
	si->cands[ncands++] = l;
	return ncands;
}

/*
 * Find the story of x, which found no leader (StoryIndexFind,
 * StoryIndexFindLate), by the URGENT join: when x is a one-liner, the
 * leader not tiny that it is the late first take of (x's keys past its
 * subject hashes read in the leader index, none held by more than
 * STORY_STOP_POSTINGS leaders within STORY_URGENT_REACH); when x is not
 * tiny, the one-liner leader of which it is the write-through (the
 * one-liners' table).  The best by its share of the one-liner, ties to
 * the earliest leader (pick_offer); -1 when none.  *urg_pos: the one-liner's position
 * in urg when x is its write-through (StoryIndexHandOff), else -1.
 */
int
StoryIndexFindUrgent(StoryIndex *si, const NpFingerprint *x, int64 t,
					 double *score, int *urg_pos)
{
	int			n = NpFingerprintNHashes(x);
	int			ncands = 0;
	int			r;
	int			c;
	uint32		probe;
	bool		small;
	StoryPick	best = {-1, 0.0, 0.0};

	*urg_pos = -1;
	if (si->nleaders == 0 || t == STORY_NO_TIME || si->window < 0 ||
		x->version != NP_FP_V2_VERSION)
		return -1;
	small = n < StoryMinShared(&si->rule, x->version);
	if (!small && x->nshingles < (uint32) si->rule.tiny_shingles)
		return -1;
	probe = next_probe(si);
	if (small)
	{
		int			from = si->window_from;
		int64		cut = si->window_cut;

		from = leaders_within_from(si, t, STORY_URGENT_REACH, &from, &cut);
		for (r = NpFingerprintSubjectCount(x, n); r < n; r++)
		{
			StorySlot  *s = slot_for(si, x->hashes[r], false);
			const uint32 *p;
			uint32		np;
			uint32		first;

			if (s == NULL)
				continue;
			p = postings(si, s, &np);
			first = postings_from(p, np, from);
			if (np - first > STORY_STOP_POSTINGS)
				continue;
			ncands = meet_postings(si, p, first, np, probe, ncands);
		}
	}
	else if (si->nurg > 0)
	{
		uint32		mask = si->urg_nslots - 1;

		for (r = 0; r < n; r++)
		{
			uint32		m = mix32(x->hashes[r]);
			uint32		b = urg_filter_bit(m);
			uint32		i = m & mask;
			uint64		e;

			/* most hashes are no one-liner's key: the filter says so */
			if ((si->urg_filter[b >> 6] & (UINT64CONST(1) << (b & 63))) == 0)
				continue;
			while ((e = si->urg_slots[i]) != STORY_URG_EMPTY)
			{
				if ((uint32) (e >> 32) == x->hashes[r] &&
					si->urg[(uint32) e] >= 0)
					ncands = urg_meet(si, si->urg[(uint32) e], probe, ncands);
				i = (i + 1) & mask;
			}
		}
	}
	for (c = 0; c < ncands; c++)
	{
		int			l = si->cands[c];
		double		sc;

		CHECK_FOR_INTERRUPTS();
		if (si->meet[l].count < STORY_URGENT_SHARED)
			continue;
		if (small ?
			(si->state[l].meta.nshingles < (uint32) si->rule.tiny_shingles ||
			 !StoryUrgentJoins(&si->rule, x, si->fps[l], t, si->times[l], &sc)) :
			!StoryUrgentJoins(&si->rule, si->fps[l], x, si->times[l], t, &sc))
			continue;
		pick_offer(&best, l, sc, 0.0);
	}
	if (best.leader < 0)
		return -1;
	*score = best.score;
	if (!small)
	{
		for (r = 0; r < si->nurg; r++)
			if (si->urg[r] == best.leader)
				*urg_pos = r;
	}
	return best.leader;
}

/*
 * x, the write-through of the one-liner at position pos of urg (found by
 * StoryIndexFindUrgent), takes over its story: x becomes the story's
 * leader, under the one-liner's id, and the one-liner leads no more (out
 * of urg: nothing else could join it), as assign_story() replaces the
 * one-liner's row of its leaders table.
 */
void
StoryIndexHandOff(StoryIndex *si, int pos, const NpFingerprint *x, int64 t)
{
	int			l = si->urg[pos];

	si->urg[pos] = -1;
	StoryIndexAdd(si, si->ids[l], x, t);
}

int64
StoryIndexLeaderId(StoryIndex *si, int leader)
{
	return si->ids[leader];
}

void
StoryIndexStats(StoryIndex *si, int64 *leaders, int64 *evicted,
				int64 *evicted_live, Size *bytes)
{
	*leaders = si->nleaders;
	*evicted = si->evicted;
	*evicted_live = si->evicted_live;
	*bytes = index_bytes(si);
}
