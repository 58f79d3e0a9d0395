/*-------------------------------------------------------------------------
 *
 * npidx_scan.c
 *	  Index scans of npidx: threshold predicates (bitmap and plain scans)
 *	  and the best-first scan for ORDER BY fp <-> q / fp <->> q.
 *
 * Every returned TID is a candidate that the executor rechecks with the
 * operator itself; which postings must be read, and which rows can be left
 * out, is proven in the design essay of npidx.c.  In short: the query's keys
 * are read rarest first, every row met is counted (how many of the query's
 * keys it holds), a row is only counted at all if it could still meet the
 * predicate with the keys left to read, and a row is a candidate only if its
 * count can reach the fewest shared hashes the predicate needs for a row of
 * its class (NpFingerprintMinShared, fingerprint.h).  The pending list's
 * rows are compared whole.
 *
 * src/index/npidx_scan.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/relscan.h"
#include "lib/binaryheap.h"
#include "miscadmin.h"
#include "nodes/tidbitmap.h"
#include "port/pg_bitutils.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "distributed.h"
#include "fingerprint/fp_core.h"
#include "index/npidx.h"

/*
 * SSE2 compares of posting residues (NpidxPageMatches).  A residue starts
 * every posting, so among the byte-mask bits of 48 bytes of compact
 * postings those at bytes 0, 6, ..., 42 start one, and among those of
 * 32 bytes of wide postings bytes 0, 8, 16 and 24.
 */
#if defined(__SSE2__)
#include <emmintrin.h>
#define NPIDX_USE_SSE2
#define NPIDX_COMPACT_STARTS	UINT64CONST(0x041041041041)
#define NPIDX_WIDE_STARTS		0x01010101U
StaticAssertDecl(sizeof(NpidxCompactEntry) == 6 && sizeof(NpidxEntry) == 8 &&
				 offsetof(NpidxCompactEntry, resid) == 0 &&
				 offsetof(NpidxEntry, resid) == 0,
				 "the SSE2 residue compare assumes 6- and 8-byte postings starting with the residue");
#endif

#ifdef NPIDX_USE_SSE2
/* The byte mask of the 16-bit lanes of 48 bytes at p equal to key */
static pg_attribute_always_inline uint64
NpidxEqualMask48(const char *p, __m128i key)
{
	return (uint64) (uint32) _mm_movemask_epi8(_mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *) p), key)) |
		((uint64) (uint32) _mm_movemask_epi8(_mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *) (p + 16)), key)) << 16) |
		((uint64) (uint32) _mm_movemask_epi8(_mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *) (p + 32)), key)) << 32);
}

/* Nonzero lanes where some 16-bit lane of the 96 bytes at p equals key */
static pg_attribute_always_inline __m128i
NpidxAnyEqual96(const char *p, __m128i key)
{
	const __m128i *v = (const __m128i *) p;

	return _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(_mm_loadu_si128(v), key),
												  _mm_cmpeq_epi16(_mm_loadu_si128(v + 1), key)),
									 _mm_or_si128(_mm_cmpeq_epi16(_mm_loadu_si128(v + 2), key),
												  _mm_cmpeq_epi16(_mm_loadu_si128(v + 3), key))),
						_mm_or_si128(_mm_cmpeq_epi16(_mm_loadu_si128(v + 4), key),
									 _mm_cmpeq_epi16(_mm_loadu_si128(v + 5), key)));
}
#endif

/* A TID packed into 48 bits, the key of the candidate table */
static inline uint64
PackTid(ItemPointer tid)
{
	return ((uint64) ItemPointerGetBlockNumberNoCheck(tid) << 16) |
		ItemPointerGetOffsetNumberNoCheck(tid);
}

static inline void
UnpackTid(uint64 key, ItemPointer tid)
{
	ItemPointerSet(tid, (BlockNumber) (key >> 16), (OffsetNumber) (key & 0xFFFF));
}

/*
 * Hash a packed TID: the high half of its product with 2^64 / phi
 * (Fibonacci hashing).  Every bit of the key reaches the high half, and it
 * costs one multiplication where two rounds of murmurhash32 cost four; the
 * counting pass hashes every posting it reads (hundreds of thousands for a
 * long query at a million rows).
 */
static inline uint32
HashTidKey(uint64 key)
{
	return (uint32) ((key * UINT64CONST(0x9E3779B97F4A7C15)) >> 32);
}

/* Hint the CPU to fetch the cache line at p (no effect elsewhere) */
#if defined(__GNUC__) || defined(__clang__)
#define NpidxPrefetch(p)	__builtin_prefetch(p)
#else
#define NpidxPrefetch(p)	((void) (p))
#endif

/*
 * A row met by the scan: how many query keys it holds, how many of those
 * carry the name bit (counted only when the scan asks for named keys), and
 * its class
 */
typedef struct NpidxCand
{
	uint64		key;			/* packed TID */
	uint32		count;			/* query keys holding it */
	uint16		named;			/* of them, keys with the name bit */
	uint8		cls;			/* row class (npidx.h) */
	char		status;			/* simplehash */
} NpidxCand;

#define SH_PREFIX		npcand
#define SH_ELEMENT_TYPE NpidxCand
#define SH_KEY_TYPE		uint64
#define SH_KEY			key
#define SH_HASH_KEY(tb, k) HashTidKey(k)
#define SH_EQUAL(tb, a, b) ((a) == (b))
#define SH_SCOPE		static inline
#define SH_USE_NONDEFAULT_ALLOCATOR
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/*
 * Scratch memory of the counting pass: the count table's array and the
 * filter of counted rows.  A long query counts tens of thousands of rows,
 * so the table doubles ten times or more and ends at a megabyte; allocated
 * anew by every scan and freed with its context, such blocks go back to
 * the operating system, and the next scan pays a page fault per 4 kB (a
 * sixth of the backend's time for the slowest same_story lookups at a
 * million rows, in a virtual machine).  So blocks of NPIDX_SPARE_MIN bytes
 * or more come from TopMemoryContext, and when a table or filter lets go
 * of one (it grew, or the scan's context is reset or deleted, on error
 * too: a reset callback) it is kept for the next request that fits, up to
 * NPIDX_SPARE_SLOTS blocks of at most NPIDX_SPARE_MAX bytes per backend.
 */
#define NPIDX_SPARE_MIN		(64 * 1024)
#define NPIDX_SPARE_MAX		(2 * 1024 * 1024)
#define NPIDX_SPARE_SLOTS	3
#define NPIDX_LENT_MAX		4

typedef struct NpidxBlock
{
	void	   *ptr;
	Size		size;			/* bytes allocated */
} NpidxBlock;

/* Blocks kept for reuse (in TopMemoryContext) */
static NpidxBlock npidx_spare[NPIDX_SPARE_SLOTS];

/*
 * The large blocks a scan's tables hold, in the scan's memory context; its
 * reset callback gives them back
 */
typedef struct NpidxScratch
{
	MemoryContext cxt;			/* for blocks under NPIDX_SPARE_MIN */
	NpidxBlock	lent[NPIDX_LENT_MAX];
	MemoryContextCallback cb;
} NpidxScratch;

/* Keep a block for reuse if it is worth keeping, or free it */
static void
NpidxSpareKeep(NpidxBlock b)
{
	int			slot = -1,
				i;

	if (b.size <= NPIDX_SPARE_MAX)
	{
		/* an empty slot, or else the smallest block if b is larger */
		for (i = 0; i < NPIDX_SPARE_SLOTS; i++)
		{
			if (npidx_spare[i].ptr == NULL)
			{
				slot = i;
				break;
			}
			if (npidx_spare[i].size < b.size &&
				(slot < 0 || npidx_spare[i].size < npidx_spare[slot].size))
				slot = i;
		}
	}
	if (slot < 0)
	{
		pfree(b.ptr);
		return;
	}
	if (npidx_spare[slot].ptr != NULL)
		pfree(npidx_spare[slot].ptr);
	npidx_spare[slot] = b;
}

/* Reset callback of a scan's scratch: keep or free what is still lent */
static void
NpidxScratchRelease(void *arg)
{
	NpidxScratch *sc = (NpidxScratch *) arg;
	int			i;

	for (i = 0; i < NPIDX_LENT_MAX; i++)
		if (sc->lent[i].ptr != NULL)
		{
			NpidxBlock	b = sc->lent[i];

			sc->lent[i].ptr = NULL;
			NpidxSpareKeep(b);
		}
}

/* Scratch for the tables of a scan whose memory is CurrentMemoryContext */
static NpidxScratch *
NpidxScratchCreate(void)
{
	NpidxScratch *sc = palloc0(sizeof(NpidxScratch));

	sc->cxt = CurrentMemoryContext;
	sc->cb.func = NpidxScratchRelease;
	sc->cb.arg = sc;
	MemoryContextRegisterResetCallback(sc->cxt, &sc->cb);
	return sc;
}

/* size zeroed bytes */
static void *
NpidxScratchAlloc(NpidxScratch *sc, Size size)
{
	int			best = -1,
				slot,
				i;
	NpidxBlock	b;

	if (size < NPIDX_SPARE_MIN)
		return MemoryContextAllocExtended(sc->cxt, size,
										  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	for (slot = 0; slot < NPIDX_LENT_MAX; slot++)
		if (sc->lent[slot].ptr == NULL)
			break;
	if (slot == NPIDX_LENT_MAX)
		elog(ERROR, "npidx: too many scratch blocks");
	/* the smallest kept block that fits */
	for (i = 0; i < NPIDX_SPARE_SLOTS; i++)
		if (npidx_spare[i].ptr != NULL && npidx_spare[i].size >= size &&
			(best < 0 || npidx_spare[i].size < npidx_spare[best].size))
			best = i;
	if (best >= 0)
	{
		b = npidx_spare[best];
		npidx_spare[best].ptr = NULL;
	}
	else
	{
		b.ptr = MemoryContextAllocExtended(TopMemoryContext, size,
										   MCXT_ALLOC_HUGE);
		b.size = size;
	}
	sc->lent[slot] = b;
	memset(b.ptr, 0, size);
	return b.ptr;
}

static void
NpidxScratchFree(NpidxScratch *sc, void *ptr)
{
	int			i;

	for (i = 0; i < NPIDX_LENT_MAX; i++)
		if (sc->lent[i].ptr == ptr)
		{
			NpidxBlock	b = sc->lent[i];

			sc->lent[i].ptr = NULL;
			NpidxSpareKeep(b);
			return;
		}
	pfree(ptr);
}

/* simplehash's allocator of the count table (private_data: the scratch) */
static inline void *
npcand_allocate(npcand_hash *tb, Size size)
{
	return NpidxScratchAlloc((NpidxScratch *) tb->private_data, size);
}

static inline void
npcand_free(npcand_hash *tb, void *pointer)
{
	NpidxScratchFree((NpidxScratch *) tb->private_data, pointer);
}

/* The counters of the last scan in this backend (npidx_scan_stats()) */
NpidxScanStats npidx_last_scan;

/* A cap on the keys of the next threshold scan asking for it (npidx.h) */
NpidxKeyCap *npidx_key_cap = NULL;

/* One query key and what its bucket head told about it */
typedef struct KeyProbe
{
	int			pos;			/* 0-based position in the query */
	double		cost;			/* estimated postings */
	bool		complete;		/* the chain was the head page alone, and
								 * nothing of it spilled */
	bool		skipped;
	bool		capped;			/* skipped for the scan's cap (NpidxKeyCap):
								 * read back only within a limit */
	bool		named;			/* a key with the name bit, of a scan that
								 * asks for named keys */
	int			first;			/* its head page's matches: entries first .. */
	int			nhits;			/* first + nhits - 1 of the scan's head hits */
	bool		kept;			/* they are kept there (else read again) */
	bool		read;			/* the key was read, and passed postings
								 * passed (NpidxKeyCap's holders) */
	int64		passed;
	int			head;			/* its head page's matches */
} KeyProbe;

/*
 * Start an npidx scan.
 */
IndexScanDesc
npidxbeginscan(Relation r, int nkeys, int norderbys)
{
	IndexScanDesc scan = RelationGetIndexScan(r, nkeys, norderbys);
	NpidxScanOpaque so = palloc0(sizeof(NpidxScanOpaqueData));

	so->cxt = AllocSetContextCreate(CurrentMemoryContext,
									"npidx scan context",
									ALLOCSET_DEFAULT_SIZES);
	scan->opaque = so;
	if (norderbys > 0)
	{
		scan->xs_orderbyvals = palloc0(sizeof(Datum) * norderbys);
		scan->xs_orderbynulls = palloc(sizeof(bool) * norderbys);
		memset(scan->xs_orderbynulls, true, sizeof(bool) * norderbys);
	}
	return scan;
}

/*
 * (Re)start a scan with new keys.
 */
void
npidxrescan(IndexScanDesc scan, ScanKey scankey, int nscankeys,
			ScanKey orderbys, int norderbys)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;
	MemoryContext cxt = so->cxt;

	if (scankey && scan->numberOfKeys > 0)
		memmove(scan->keyData, scankey, scan->numberOfKeys * sizeof(ScanKeyData));
	if (orderbys && scan->numberOfOrderBys > 0)
		memmove(scan->orderByData, orderbys,
				scan->numberOfOrderBys * sizeof(ScanKeyData));

	MemoryContextReset(cxt);
	memset(so, 0, sizeof(NpidxScanOpaqueData));
	so->cxt = cxt;
}

/*
 * End a scan.
 */
void
npidxendscan(IndexScanDesc scan)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;

	MemoryContextDelete(so->cxt);
	pfree(so);
	scan->opaque = NULL;
}

/*
 * Call fn for every posting of one page whose residue is resid; return how
 * many.  A bucket page holds about 1,350 postings and a key matches a
 * handful of them, so this comparison is most of what a lookup costs on a
 * table of some thousands of rows (doc/index.md, "Lookups at 20,000
 * articles").  With SSE2 (every x86-64 CPU) the residues, the first 16 bits
 * of every posting, are compared eight compact postings (48 bytes) or four
 * wide ones (32 bytes) at a time: equal 16-bit lanes set two bits each in
 * the byte mask, and only the lanes where a posting starts are kept.
 * Elsewhere, and for the last few postings of a page, one at a time.  The
 * callbacks see the postings in page order either way.
 */
static pg_attribute_always_inline int
NpidxPageMatches(Page page, uint16 resid, NpidxHitCallback fn, void *arg)
{
	int			n = NpidxPageNEntries(page);
	int			i = 0,
				found = 0;
	ItemPointerData tid;
	uint8		cls;
#ifdef NPIDX_USE_SSE2
	const __m128i key = _mm_set1_epi16((short) resid);
#endif

	if (NpidxPageIsWide(page))
	{
		NpidxEntry *e = (NpidxEntry *) PageGetContents(page);

#ifdef NPIDX_USE_SSE2
		for (; i + 4 <= n; i += 4)
		{
			const char *p = (const char *) &e[i];
			uint32		m;

			m = (uint32) _mm_movemask_epi8(_mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *) p), key)) |
				((uint32) _mm_movemask_epi8(_mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *) (p + 16)), key)) << 16);
			m &= NPIDX_WIDE_STARTS;
			while (m != 0)
			{
				int			j = i + pg_rightmost_one_pos32(m) / (int) sizeof(NpidxEntry);

				NpidxWideDecode(&e[j], &tid, &cls);
				fn(&tid, cls, arg);
				found++;
				m &= m - 1;
			}
		}
#endif
		for (; i < n; i++)
		{
			if (e[i].resid == resid)
			{
				NpidxWideDecode(&e[i], &tid, &cls);
				fn(&tid, cls, arg);
				found++;
			}
		}
	}
	else
	{
		NpidxCompactEntry *e = (NpidxCompactEntry *) PageGetContents(page);

#ifdef NPIDX_USE_SSE2
		for (; i + 8 <= n; i += 8)
		{
			const char *p = (const char *) &e[i];
			uint64		m;

			/*
			 * Most runs of sixteen postings hold no match at all: one test
			 * of all 96 bytes first.  (The lanes that do not start a
			 * posting may match too; the exact test below drops them.)
			 */
			if ((i & 8) == 0 && i + 16 <= n &&
				_mm_movemask_epi8(NpidxAnyEqual96(p, key)) == 0)
			{
				i += 8;
				continue;
			}
			m = NpidxEqualMask48(p, key) & NPIDX_COMPACT_STARTS;
			while (m != 0)
			{
				int			j = i + pg_rightmost_one_pos64(m) / (int) sizeof(NpidxCompactEntry);

				NpidxCompactDecode(&e[j], &tid, &cls);
				fn(&tid, cls, arg);
				found++;
				m &= m - 1;
			}
		}
#endif
		for (; i < n; i++)
		{
			if (e[i].resid == resid)
			{
				NpidxCompactDecode(&e[i], &tid, &cls);
				fn(&tid, cls, arg);
				found++;
			}
		}
	}
	return found;
}

/*
 * Call fn for every posting with residue resid on the head page of bucket
 * + spill, where the build or a merge put the tail of bucket's chain.
 * That head's own postings that share the residue are passed too, like
 * postings of other keys in a bucket (the recheck drops them; a row
 * counted once too often only stays a candidate longer, see the design
 * essay).  Reading it after the chain, with no lock held in between, is
 * safe because postings never move between pages (see NpidxProbeHead).
 */
static int64
NpidxProbeSpill(Relation index, uint32 nbuckets, uint32 bucket, uint32 spill,
				uint16 resid, Buffer *hints, NpidxHitCallback fn, void *arg)
{
	BlockNumber blk;
	Buffer		buffer;
	int64		found;

	if (spill >= nbuckets - bucket)
		elog(ERROR, "npidx index \"%s\": bucket %u spills past the last bucket",
			 RelationGetRelationName(index), bucket);
	blk = NpidxBucketBlock(bucket + spill);
	buffer = NpidxReadBufferHinted(index, blk,
								   hints ? &hints[2 * (bucket + spill)] : NULL);
	LockBuffer(buffer, BUFFER_LOCK_SHARE);
	NpidxCheckBucketPage(index, BufferGetPage(buffer), blk, bucket + spill);
	found = NpidxPageMatches(BufferGetPage(buffer), resid, fn, arg);
	UnlockReleaseBuffer(buffer);
	return found;
}

/* Whether page (locked) is a page of bucket's chain */
static inline bool
NpidxPageInBucket(Page page, uint32 bucket)
{
	NpidxPageOpaque opaque = NpidxPageGetOpaque(page);

	return opaque->page_id == NPIDX_PAGE_ID && opaque->bucket == bucket &&
		(opaque->flags & NPIDX_BUCKET) != 0;
}

/*
 * Call fn for every posting of hash: read the bucket's chain, then the head
 * that holds its spilled tail, if any.  Postings of other keys that share
 * bucket and residue (only in indexes with fewer than NPIDX_EXACT_BUCKETS
 * buckets), or the spill head's own postings with the residue, are returned
 * too; the recheck drops them.  With skip_head, the head page is only
 * passed through (its matches were taken before: see NpidxProbeHead).
 * The walk stops after the page where more than limit postings have been
 * passed (the spilled tail is then not read).  Returns the number of
 * postings passed to fn.  Inlined into the scan's counting pass, so that
 * the per-posting callback is a direct, inlined call there.
 *
 * A chain is read a page at a time, with no lock held between two pages
 * and an interrupt check there: a chain has no length bound (one key of
 * every row, or a table grown far past what its build saw: two million
 * rows of one key are a chain of 1,470 pages, whose postings a lookup
 * counted for about 0.1 s), and a buffer lock holds off cancels.  The
 * page just read stays pinned until the next one is locked, but a pin
 * keeps no page in its chain: VACUUM may unlink the next page (emptied),
 * or the pinned one, and a merge reuse it, in this chain or another,
 * before it is locked.  A page locked that is not of the bucket is thus
 * taken for one unlinked under the reader: the page before it is read
 * again, and the walk goes on from its new link, or from the head when
 * that page left too, or, when its link is the same (both were reused in
 * this chain), from that page locked under it, as VACUUM locks them.
 * A page reused in the same chain was linked right after the head (a merge
 * adds pages only there), so the walk goes on through the rest of the
 * chain from it.  Either way no page of the chain is missed, and some may
 * be read twice: their rows are counted once too often, which only keeps
 * them candidates longer (see the design essay in npidx.c).  Postings
 * added meanwhile belong to rows the scan met in the pending list, read
 * first, or that its snapshot cannot see, as for the head page read
 * before the rest.  This holds on a standby too, where WAL replay takes
 * no cleanup locks that could keep a pinned page in place.
 */
static pg_attribute_always_inline int64
NpidxProbeChain(Relation index, uint32 nbuckets, uint32 hash, bool skip_head,
				int64 limit, Buffer *hints, NpidxHitCallback fn, void *arg)
{
	uint32		mix = NpidxMix(hash);
	uint32		bucket = NpidxBucketOf(mix, nbuckets);
	uint16		resid = NpidxResidOf(mix);
	BlockNumber headblk = NpidxBucketBlock(bucket);
	BlockNumber blk = headblk;
	Buffer		buffer;
	int64		found = 0;
	uint32		spill;
	int			depth = 0;

	buffer = NpidxReadBufferHinted(index, blk, hints ? &hints[2 * bucket] : NULL);
	LockBuffer(buffer, BUFFER_LOCK_SHARE);
	NpidxCheckBucketPage(index, BufferGetPage(buffer), blk, bucket);
	spill = NpidxPageSpill(BufferGetPage(buffer));
	for (;;)
	{
		Page		page = BufferGetPage(buffer);
		Buffer		nbuf;

		if (!skip_head)
			found += NpidxPageMatches(page, resid, fn, arg);
		skip_head = false;
		blk = NpidxPageGetOpaque(page)->next;
		LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
		if (blk == InvalidBlockNumber || found > limit)
			break;
		CHECK_FOR_INTERRUPTS();

		/* the page after the head has a hint of its own */
		nbuf = NpidxReadBufferHinted(index, blk, (hints && depth++ == 0) ?
									 &hints[2 * bucket + 1] : NULL);
		LockBuffer(nbuf, BUFFER_LOCK_SHARE);
		if (!NpidxPageInBucket(BufferGetPage(nbuf), bucket))
		{
			/* unlinked under us: go on from the page before it, or the head */
			elog(DEBUG2, "npidx index \"%s\": block %u left bucket %u during a lookup",
				 RelationGetRelationName(index), blk, bucket);
			UnlockReleaseBuffer(nbuf);
			LockBuffer(buffer, BUFFER_LOCK_SHARE);
			page = BufferGetPage(buffer);
			if (!NpidxPageInBucket(page, bucket))
			{
				UnlockReleaseBuffer(buffer);
				buffer = ReadBuffer(index, headblk);
				LockBuffer(buffer, BUFFER_LOCK_SHARE);
				NpidxCheckBucketPage(index, BufferGetPage(buffer), headblk,
									 bucket);
			}
			else if (NpidxPageGetOpaque(page)->next == blk)
			{
				/*
				 * Still linked to it: both pages were unlinked and reused
				 * in this chain, blk first, between our two locks.  Now
				 * that the page before is locked, blk cannot go: lock it
				 * (in chain order, as VACUUM does) and read on from it,
				 * unless the chain is broken.
				 */
				nbuf = ReadBuffer(index, blk);
				LockBuffer(nbuf, BUFFER_LOCK_SHARE);
				NpidxCheckBucketPage(index, BufferGetPage(nbuf), blk, bucket);
				UnlockReleaseBuffer(buffer);
				buffer = nbuf;
				continue;		/* skip_head is false: blk is read */
			}
			skip_head = true;	/* its postings were passed already */
			continue;
		}
		ReleaseBuffer(buffer);
		buffer = nbuf;
	}
	ReleaseBuffer(buffer);
	if (spill != 0 && found <= limit)
		found += NpidxProbeSpill(index, nbuckets, bucket, spill, resid, hints,
								 fn, arg);
	return found;
}

int64
NpidxProbe(Relation index, uint32 nbuckets, uint32 hash,
		   NpidxHitCallback fn, void *arg)
{
	return NpidxProbeChain(index, nbuckets, hash, false, PG_INT64_MAX, NULL,
						   fn, arg);
}

/*
 * Read the TIDs of the whole row list (with lock coupling).
 */
ItemPointerData *
NpidxReadRowList(Relation index, int *nrows)
{
	Buffer		buffer;
	BlockNumber blk;
	ItemPointerData *rows;
	int			n = 0,
				max = 1024;

	rows = palloc(max * sizeof(ItemPointerData));
	buffer = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	LockBuffer(buffer, BUFFER_LOCK_SHARE);
	blk = NpidxPageGetMeta(BufferGetPage(buffer))->rowHead;
	while (blk != InvalidBlockNumber)
	{
		Buffer		nbuf = ReadBuffer(index, blk);
		Page		page;
		int			cnt;

		LockBuffer(nbuf, BUFFER_LOCK_SHARE);
		UnlockReleaseBuffer(buffer);
		buffer = nbuf;
		page = BufferGetPage(buffer);
		if (!(NpidxPageGetOpaque(page)->flags & NPIDX_ROWS))
			elog(ERROR, "npidx index \"%s\": block %u is not a row-list page",
				 RelationGetRelationName(index), blk);
		cnt = NpidxPageNRows(page);
		if (n + cnt > max)
		{
			while (n + cnt > max)
				max *= 2;
			rows = repalloc_huge(rows, (Size) max * sizeof(ItemPointerData));
		}
		memcpy(rows + n, NpidxPageRows(page), cnt * sizeof(ItemPointerData));
		n += cnt;
		blk = NpidxPageGetOpaque(page)->next;
		CHECK_FOR_INTERRUPTS();
	}
	UnlockReleaseBuffer(buffer);
	*nrows = n;
	return rows;
}

/* A growable array of postings */
typedef struct HitArray
{
	NpidxHit   *hits;
	int			n;
	int			max;
} HitArray;

/*
 * The head pages' matches of the keys of a scan being counted
 * (NpidxCountRows).  Up to NPIDX_HEAD_HITS_KEEP entries they are kept in an
 * array of the backend, in TopMemoryContext, from one scan to the next:
 * allocated and freed by every scan, this array and the scan's other memory
 * made the backend's heap grow and shrink (brk, page faults, TLB flushes)
 * on most lookups of a small table, which cost about as much as the
 * lookup's page reads on the bench machine (doc/index.md, "Lookups at
 * 20,000 articles").  That array grows in place (repalloc keeps its
 * context), so an error between two uses leaves it valid.  A scan that
 * needs more moves its matches into an array of its own memory context,
 * freed when the scan ends, is rescanned or fails (a cancel, a timeout):
 * kept in TopMemoryContext, up to 8 MB stayed there after a cancelled
 * scan until the next one.
 */
#define NPIDX_HEAD_HITS_INIT	4096	/* 32 kB */
/*
 * The most head-page matches a scan keeps (8 MB).  A head page holds up to
 * about 1,360 postings, so a query of 65,535 keys against rows that share
 * them would keep 700 MB (a 15,872-key query against 1,300 copies of one
 * text allocated 79 MB); the keys probed after the array is full keep none
 * and have their whole chains read when they are counted.
 */
#define NPIDX_HEAD_HITS_MAX		(1 << 20)
#define NPIDX_HEAD_HITS_KEEP	32768	/* 256 kB */
static HitArray npidx_head_hits;

/*
 * Make room for max head-page matches in heads: the backend's array
 * (npidx_head_hits) while max is at most NPIDX_HEAD_HITS_KEEP, else an
 * array of the scan's memory (CurrentMemoryContext).
 */
static void
HeadHitsGrow(HitArray *heads, int max)
{
	if (max <= NPIDX_HEAD_HITS_KEEP)
	{
		Assert(heads->hits == npidx_head_hits.hits);
		npidx_head_hits.hits = repalloc(npidx_head_hits.hits,
										(Size) max * sizeof(NpidxHit));
		npidx_head_hits.max = max;
		heads->hits = npidx_head_hits.hits;
	}
	else if (heads->hits == npidx_head_hits.hits)
	{
		NpidxHit   *hits = MemoryContextAllocHuge(CurrentMemoryContext,
												  (Size) max * sizeof(NpidxHit));

		memcpy(hits, heads->hits, (Size) heads->n * sizeof(NpidxHit));
		heads->hits = hits;
	}
	else
		heads->hits = repalloc_huge(heads->hits, (Size) max * sizeof(NpidxHit));
	heads->max = max;
}

/* Probe callback: collect a posting */
static void
HitArrayAdd(ItemPointer tid, uint8 cls, void *arg)
{
	HitArray   *a = (HitArray *) arg;

	if (a->n >= a->max)
	{
		a->max = Max(a->max * 2, 64);
		a->hits = a->hits ? repalloc_huge(a->hits, (Size) a->max * sizeof(NpidxHit)) :
			palloc(a->max * sizeof(NpidxHit));
	}
	a->hits[a->n].tid = *tid;
	a->hits[a->n].cls = cls;
	a->n++;
}

/* Probe callback: collect a posting where room was made for it */
static pg_attribute_always_inline void
HitArrayPush(ItemPointer tid, uint8 cls, void *arg)
{
	HitArray   *a = (HitArray *) arg;

	a->hits[a->n].tid = *tid;
	a->hits[a->n].cls = cls;
	a->n++;
}

/* Probe callback: only count (NpidxPageMatches returns how many) */
static pg_attribute_always_inline void
HitIgnore(ItemPointer tid, uint8 cls, void *arg)
{
}

/*
 * Read the head page of hash's bucket: its matches, appended to heads, and
 * the chain length.  The counting pass takes the head's postings from heads
 * and reads only the rest of a longer chain, from the head's link (see
 * NpidxProbeChain).  Reading the head page and the rest at
 * different times is safe for the same reason as reading a chain page by
 * page: postings never move between pages (a merge appends, VACUUM removes
 * the postings of dead rows in place and unlinks emptied pages), and a
 * posting added in between belongs to a row that the scan met in the
 * pending list, read before, or that its snapshot cannot see.  Once heads
 * is full (NPIDX_HEAD_HITS_MAX), a key's head matches are only counted, for
 * its cost, and the counting pass reads its chain from the head, as it would
 * read the head only then.
 */
static void
NpidxProbeHead(Relation index, uint32 nbuckets, uint32 hash, KeyProbe *kp,
			   HitArray *heads, Buffer *hints)
{
	uint32		mix = NpidxMix(hash);
	uint32		bucket = NpidxBucketOf(mix, nbuckets);
	uint16		resid = NpidxResidOf(mix);
	BlockNumber blk = NpidxBucketBlock(bucket);
	Buffer		buffer = NpidxReadBufferHinted(index, blk,
											   hints ? &hints[2 * bucket] : NULL);
	Page		page;
	int			found;

	LockBuffer(buffer, BUFFER_LOCK_SHARE);
	page = BufferGetPage(buffer);
	NpidxCheckBucketPage(index, page, blk, bucket);
	kp->complete = NpidxPageGetOpaque(page)->next == InvalidBlockNumber &&
		NpidxPageSpill(page) == 0;
	kp->first = heads->n;
	kp->kept = heads->n + NpidxPageNEntries(page) <= NPIDX_HEAD_HITS_MAX;
	if (!kp->kept)
		found = NpidxPageMatches(page, resid, HitIgnore, NULL);
	else
	{
		if (heads->n + NpidxPageNEntries(page) > heads->max)
		{
			HeadHitsGrow(heads, Min(Max(heads->n + NpidxPageNEntries(page),
										heads->max * 2),
									NPIDX_HEAD_HITS_MAX));
		}
		found = NpidxPageMatches(page, resid, HitArrayPush, heads);
	}
	kp->nhits = kp->kept ? found : 0;
	kp->head = found;
	kp->cost = (double) found * Max(1, NpidxPageGetOpaque(page)->chain_pages);
	UnlockReleaseBuffer(buffer);
}

/*
 * Work out, for one scan key, the query fingerprint, the predicate and its
 * threshold.  Returns false if the key can match nothing (NULL query).
 */
static bool
NpidxKeyPlan(ScanKey key, NpFingerprint **query, NpPredicate *pred,
			 double *threshold)
{
	NpFingerprint *q;
	double		t = 0.0;
	bool		tnull = true;

	if (key->sk_flags & SK_ISNULL)
		return false;

	switch (key->sk_strategy)
	{
		case NPIDX_SIMILAR_STRATEGY:
			q = DatumGetNpFingerprintP(key->sk_argument);
			*pred = NP_PRED_SIMILAR;
			t = NpSettingValue(NP_SETTING_SIMILARITY);
			break;
		case NPIDX_CONTAINED_STRATEGY:
			q = DatumGetNpFingerprintP(key->sk_argument);
			*pred = NP_PRED_CONTAINED;
			t = NpSettingValue(NP_SETTING_CONTAINMENT);
			break;
		case NPIDX_CONTAINS_STRATEGY:
			q = DatumGetNpFingerprintP(key->sk_argument);
			*pred = NP_PRED_CONTAINS;
			t = NpSettingValue(NP_SETTING_CONTAINMENT);
			break;
		case NPIDX_SIMILAR_Q_STRATEGY:
		case NPIDX_CONTAINED_Q_STRATEGY:
		case NPIDX_CONTAINS_Q_STRATEGY:
		case NPIDX_SAME_STORY_Q_STRATEGY:
			if (!NpidxQueryDecode(key->sk_argument, &q, &t, &tnull))
				return false;
			if (key->sk_strategy == NPIDX_SIMILAR_Q_STRATEGY)
			{
				*pred = NP_PRED_SIMILAR;
				if (tnull)
					t = NpSettingValue(NP_SETTING_SIMILARITY);
			}
			else if (key->sk_strategy == NPIDX_SAME_STORY_Q_STRATEGY)
			{
				*pred = NP_PRED_SAME_STORY;
				if (tnull)
					t = NpSettingValue(NP_SETTING_SAME_STORY);
			}
			else
			{
				*pred = key->sk_strategy == NPIDX_CONTAINED_Q_STRATEGY ?
					NP_PRED_CONTAINED : NP_PRED_CONTAINS;
				if (tnull)
					t = NpSettingValue(NP_SETTING_CONTAINMENT);
			}
			/* the GUCs hold valid values; an argument is checked */
			if (!tnull)
				NpFingerprintCheckThreshold("threshold", t);
			break;
		default:
			elog(ERROR, "npidx: unrecognized strategy number %d",
				 key->sk_strategy);
			return false;		/* keep compiler quiet */
	}
	/*
	 * A GUC at -1 stands for the default of the fingerprints' format, the
	 * query's: a row of another format is an error for the operator, and
	 * the scan returns such rows for the recheck to raise it (see
	 * NpidxFormatsMatch).
	 */
	*query = q;
	*threshold = NpFingerprintResolveThreshold(*pred, t, q->version);
	return true;
}

/*
 * Pick the scan key to drive the scan: any key's candidates are a superset
 * of the conjunction's answer; prefer the key whose predicate needs the
 * most shared hashes of an average row.  Returns false if no key can match.
 * *formats_ok is false if some row may be of another format than a key's
 * query (NpidxFormatsMatch).
 */
static bool
NpidxChooseDriver(IndexScanDesc scan, const NpidxMetaPageData *meta,
				  NpFingerprint **query, NpPredicate *pred,
				  double *threshold, bool *formats_ok)
{
	int			i,
				best = -1;

	*query = NULL;
	*formats_ok = true;
	for (i = 0; i < scan->numberOfKeys; i++)
	{
		NpFingerprint *q;
		NpPredicate p;
		double		t;
		int			need;

		if (!NpidxKeyPlan(&scan->keyData[i], &q, &p, &t))
			return false;
		if (!NpidxFormatsMatch(meta, q))
			*formats_ok = false;
		need = NpFingerprintMinShared(p, t, q->version, NpFingerprintNHashes(q), 1,
									  NpFingerprintIsBrief(q));
		if (*query == NULL || need > best)
		{
			*query = q;
			*pred = p;
			*threshold = t;
			best = need;
		}
	}
	return true;
}

/*
 * Read the metapage's sample bounds (see npidx.h) and pending-list heads.
 */
void
NpidxReadMetaState(Relation index, NpidxMetaPageData *out)
{
	Buffer		buffer = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);

	LockBuffer(buffer, BUFFER_LOCK_SHARE);
	memcpy(out, NpidxPageGetMeta(BufferGetPage(buffer)), sizeof(NpidxMetaPageData));
	UnlockReleaseBuffer(buffer);
}

/* The number of q's hashes at most limit */
static int
CountUpTo(const NpFingerprint *q, uint32 limit)
{
	int			lo = 0,
				hi = NpFingerprintNHashes(q);

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (q->hashes[mid] <= limit)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Bounds of |A'| (query side) and |B'| (row side) for a row of each class,
 * from the query and the metapage's sample bounds: see npidx.h and the
 * design essay.  Also M0, a bound of |A'| for any row at all.
 */
static void
NpidxClassBounds(const NpFingerprint *q, const NpidxMetaPageData *meta,
				 int *a_min, int *b_min, int *b_max, int *m0)
{
	int			n = NpFingerprintNHashes(q);
	bool		qtrunc = NpFingerprintIsTruncated(q);
	uint32		lq = qtrunc ? q->hashes[n - 1] : PG_UINT32_MAX;
	bool		cuts = meta->version >= NPIDX_CUT_CLASSES_VERSION;
	int			c;

	for (c = 0; c < NPIDX_NCLASSES; c++)
	{
		b_max[c] = 0;
		if (c < NPIDX_FIRST_TRUNC_CLASS && cuts)
		{
			int			i;

			/* as below; B' holds b's hashes up to every cut <= limit(q) */
			a_min[c] = n;
			b_max[c] = NpidxClass5MaxHashes[c];
			if (!qtrunc)
				b_min[c] = NpidxClass5MinHashes[c];
			else
			{
				b_min[c] = 1;
				for (i = 0; i < NPIDX_NCUTS; i++)
					if (lq >= NpidxCuts[i])
						b_min[c] = Max(b_min[c], NpidxClass5MinCut[c][i]);
			}
		}
		else if (c < NPIDX_FIRST_TRUNC_CLASS)
		{
			/* the row's limit is infinite: tau = limit(q), A' = A */
			a_min[c] = n;
			/* B' = B when q is not truncated either; else B' holds b's
			 * hashes up to limit(q), all of its low ones if that is higher */
			if (!qtrunc)
				b_min[c] = NpidxClassMinHashes[c];
			else if (lq >= NPIDX_LOW_LIMIT)
				b_min[c] = Max(1, NpidxClassMinLow[c]);
			else
				b_min[c] = 1;
		}
		else
		{
			/* the row's limit lies in [lb, ub) */
			uint32		lb = NpidxClassMinLimit[c];
			uint32		ub = NpidxClassMaxLimit[c];

			if (meta->hasLimit)
				lb = Max(lb, meta->minLimit);
			/* tau >= min(limit(q), lb) */
			a_min[c] = Max(1, CountUpTo(q, Min(lq, lb)));
			if ((!qtrunc || (ub <= lq && ub != PG_UINT32_MAX)) &&
				meta->minTruncHashes != PG_UINT32_MAX)
			{
				/* limit(b) < limit(q): tau = limit(b), B' = B */
				b_min[c] = (int) Min(meta->minTruncHashes, (uint32) PG_INT32_MAX);
			}
			else if (lq >= NPIDX_LOW_LIMIT && lb >= NPIDX_LOW_LIMIT)
			{
				/* tau >= NPIDX_LOW_LIMIT: B' holds the row's low hashes */
				b_min[c] = Max(1, NpidxClassMinLow[c]);
			}
			else if (lq >= NPIDX_LOW_LIMIT && ub <= NPIDX_LOW_LIMIT &&
					 meta->minTruncHashes != PG_UINT32_MAX)
			{
				/* limit(b) < NPIDX_LOW_LIMIT <= limit(q): B' = B */
				b_min[c] = (int) Min(meta->minTruncHashes, (uint32) PG_INT32_MAX);
			}
			else
				b_min[c] = 1;
		}
	}
	/* any row: tau >= min(limit(q), smallest limit ever indexed) */
	*m0 = Max(1, meta->hasLimit ? CountUpTo(q, Min(lq, meta->minLimit)) : n);
}

/*
 * |A n B| of two ascending hash arrays.  NpFpShared binary-searches the
 * larger side when one is 16 times the other: a pending row of one hash
 * compared with a query of 65,535 cost the whole query, for each such row
 * of the pending list, when the arrays were merged.
 */
static inline int
SharedHashes(const NpFingerprint *a, const NpFingerprint *b)
{
	return NpFpShared(a->hashes, NpFingerprintNHashes(a),
					  b->hashes, NpFingerprintNHashes(b));
}

/* State of one counting pass over the query's keys */
typedef struct CountState
{
	npcand_hash *table;
	uint64	   *seenbits;		/* a row maybe in table (see CountRow) */
	uint32		seenmask;		/* bits in seenbits, less 1 */
	const int  *need;			/* per class: fewest shared keys, or NULL */
	const int  *need_named;		/* per class: fewest shared named keys, or
								 * NULL (then named counts are not kept) */
	int			remaining;		/* keys not yet read, this one included,
								 * plus skipped keys */
	int			remaining_named;	/* named keys among them */
	bool		key_named;		/* the key being read is named */
	bool		key_subject;	/* it is a subject hash (not side-counted) */
	const NpFingerprint *q;		/* the query */
	int64		postings;
	NpidxHit   *batch;			/* postings queued for CountHits */
	int			nbatch;
	NpidxScratch *scratch;		/* of table and seenbits */
	int64		inserted;		/* rows counted */
	int64		met;			/* postings of rows already counted */
	npcand_hash *side;			/* rows of side_classes, every one counted
								 * (NpidxKeyCap's side request), or NULL */
	uint32		side_classes;
	bool		side_only;		/* count those alone */
} CountState;

/*
 * The filter of counted rows.  Most postings of a common key belong to rows
 * that are not counted (met too late to qualify), so the filter answers most
 * of them without a table lookup.  It starts small (so that it stays in the
 * L1 cache while bucket pages stream through, and is cheap to clear) and
 * grows to keep at most one bit set in NPIDX_SEEN_SPARSITY, up to
 * NPIDX_SEEN_MAX_BITS.
 */
#define NPIDX_SEEN_MIN_BITS		(1 << 13)
#define NPIDX_SEEN_MAX_BITS		(1 << 21)
#define NPIDX_SEEN_SPARSITY		16
/* Tables of fewer rows are not worth pruning (CountPrune) */
#define NPIDX_PRUNE_MIN_ROWS	2048

/* (Re)build the filter with nbits bits, from the rows counted so far */
static void
CountFilterResize(CountState *cs, uint32 nbits)
{
	npcand_iterator it;
	NpidxCand  *c;

	if (cs->seenbits != NULL)
		NpidxScratchFree(cs->scratch, cs->seenbits);
	cs->seenbits = NpidxScratchAlloc(cs->scratch, nbits / 8);
	cs->seenmask = nbits - 1;
	npcand_start_iterate(cs->table, &it);
	while ((c = npcand_iterate(cs->table, &it)) != NULL)
	{
		uint32		h = HashTidKey(c->key) & cs->seenmask;

		cs->seenbits[h >> 6] |= UINT64_C(1) << (h & 63);
	}
}

/*
 * Drop the counted rows that can no longer qualify, if that is most of
 * them.  A row counted x times shares at most x + remaining keys with the
 * query (the keys not yet read and the skipped ones), so once that is below
 * its class's need (or its named count likewise) it cannot be a candidate,
 * and no later key can count it again: met anew, it would be a row first
 * met that cannot qualify (its need exceeds remaining, x being at least 1),
 * which CountRow drops.  A long query's table holds tens of thousands of
 * rows that shared one or two rare keys, and its last keys are its costliest
 * (hundreds of thousands of postings at a million rows, each a filter test
 * and mostly a cache miss); with only the live rows left, filter and table
 * are small enough to stay in the CPU's caches.  Called between keys; costs
 * a pass over the table, so the caller calls it only after reading about as
 * many postings as the table has slots.
 */
static pg_attribute_always_inline bool
CountRowLive(const CountState *cs, const NpidxCand *c)
{
	if ((int64) c->count + cs->remaining < cs->need[c->cls])
		return false;
	if (cs->need_named != NULL &&
		(int64) c->named + cs->remaining_named < cs->need_named[c->cls])
		return false;
	return true;
}

static void
CountPrune(CountState *cs)
{
	npcand_iterator it;
	NpidxCand  *c;
	npcand_hash *live;
	uint32		nlive = 0,
				nbits;

	npcand_start_iterate(cs->table, &it);
	while ((c = npcand_iterate(cs->table, &it)) != NULL)
	{
		CHECK_FOR_INTERRUPTS();
		if (CountRowLive(cs, c))
			nlive++;
	}
	if (nlive > cs->table->members / 2)
		return;
	live = npcand_create(cs->scratch->cxt, Max(nlive, 64), cs->scratch);
	npcand_start_iterate(cs->table, &it);
	while ((c = npcand_iterate(cs->table, &it)) != NULL)
	{
		CHECK_FOR_INTERRUPTS();
		if (CountRowLive(cs, c))
		{
			bool		found;
			NpidxCand  *d = npcand_insert(live, c->key, &found);

			d->count = c->count;
			d->named = c->named;
			d->cls = c->cls;
		}
	}
	npcand_destroy(cs->table);
	cs->table = live;
	nbits = NPIDX_SEEN_MIN_BITS;
	while (nbits < NPIDX_SEEN_MAX_BITS &&
		   (uint64) nlive * NPIDX_SEEN_SPARSITY > nbits)
		nbits *= 4;
	CountFilterResize(cs, nbits);
}

/*
 * Count a posting's row, or drop it if it cannot qualify: the row's packed
 * TID key, its hash (HashTidKey) and its class
 */
static pg_attribute_always_inline void
CountRow(CountState *cs, uint64 key, uint32 hash, uint8 cls)
{
	uint32		h = hash & cs->seenmask;
	uint64		bit = UINT64_C(1) << (h & 63);
	bool		found;
	NpidxCand  *c;

	if (cs->seenbits[h >> 6] & bit)
	{
		c = npcand_lookup_hash(cs->table, key, hash);
		if (c != NULL)
		{
			cs->met++;
			c->count++;
			if (cs->key_named && c->named < PG_UINT16_MAX)
				c->named++;
			return;
		}
	}

	/*
	 * First met now: the row holds none of the keys read so far, so it
	 * shares at most "remaining" keys with the query, and at most
	 * "remaining_named" named ones.
	 */
	if (cs->need != NULL && cs->need[cls] > cs->remaining)
		return;
	if (cs->need_named != NULL && cs->need_named[cls] > cs->remaining_named)
		return;
	c = npcand_insert_hash(cs->table, key, hash, &found);
	cs->inserted++;
	c->count = 1;
	c->named = cs->key_named ? 1 : 0;
	c->cls = cls;
	cs->seenbits[h >> 6] |= bit;
	if (unlikely((uint64) cs->table->members * NPIDX_SEEN_SPARSITY > cs->seenmask + 1) &&
		cs->seenmask + 1 < NPIDX_SEEN_MAX_BITS)
		CountFilterResize(cs, (cs->seenmask + 1) * 4);
}

/*
 * Count a posting's row in the side table (NpidxKeyCap's side request):
 * every row of the classes asked, whatever it needs, so that the table
 * stays exact over the keys read.
 */
static pg_attribute_always_inline void
CountSide(CountState *cs, uint64 key, uint32 hash, uint8 cls)
{
	bool		found;
	NpidxCand  *c = npcand_insert_hash(cs->side, key, hash, &found);

	if (!found)
	{
		c->count = 0;
		c->named = 0;
		c->cls = cls;
	}
	c->count++;
}

/*
 * Count n postings, in order (CountRow).  A long query's postings belong
 * to tens of thousands of rows, so the filter word and the table slot of
 * each are mostly cache misses; their addresses are known ahead (the
 * TIDs are), so the filter words are fetched NPIDX_AHEAD_SEEN postings
 * ahead and, where the filter says the row may be counted, the table slot
 * NPIDX_AHEAD_TABLE ahead.  A prefetch is only a hint: the filter and the
 * table may grow meanwhile, and each posting is then looked up where it
 * is.
 */
#define NPIDX_COUNT_BATCH	256
#define NPIDX_AHEAD_SEEN	16
#define NPIDX_AHEAD_TABLE	6

static void
CountHits(CountState *cs, const NpidxHit *hits, int n)
{
	uint64		keys[NPIDX_COUNT_BATCH];
	uint32		hashes[NPIDX_COUNT_BATCH];

	while (n > 0)
	{
		int			m = Min(n, NPIDX_COUNT_BATCH);
		int			i;

		CHECK_FOR_INTERRUPTS();
		for (i = 0; i < m; i++)
		{
			keys[i] = PackTid((ItemPointer) &hits[i].tid);
			hashes[i] = HashTidKey(keys[i]);
		}
		for (i = 0; i < m && i < NPIDX_AHEAD_SEEN; i++)
			NpidxPrefetch(&cs->seenbits[(hashes[i] & cs->seenmask) >> 6]);
		for (i = 0; i < m; i++)
		{
			if (i + NPIDX_AHEAD_SEEN < m)
				NpidxPrefetch(&cs->seenbits[(hashes[i + NPIDX_AHEAD_SEEN] & cs->seenmask) >> 6]);
			if (i + NPIDX_AHEAD_TABLE < m)
			{
				uint32		a = hashes[i + NPIDX_AHEAD_TABLE];
				uint32		h = a & cs->seenmask;

				if (cs->seenbits[h >> 6] & (UINT64_C(1) << (h & 63)))
					NpidxPrefetch(&cs->table->data[a & cs->table->sizemask]);
			}
			if (!cs->side_only)
				CountRow(cs, keys[i], hashes[i], hits[i].cls);
			if (cs->side != NULL && !cs->key_subject &&
				((cs->side_classes >> hits[i].cls) & 1))
				CountSide(cs, keys[i], hashes[i], hits[i].cls);
		}
		cs->postings += m;
		hits += m;
		n -= m;
	}
}

/* Probe callback: queue a posting; CountHits takes a full batch */
static pg_attribute_always_inline void
CountPush(ItemPointer tid, uint8 cls, void *arg)
{
	CountState *cs = (CountState *) arg;

	cs->batch[cs->nbatch].tid = *tid;
	cs->batch[cs->nbatch].cls = cls;
	if (++cs->nbatch == NPIDX_COUNT_BATCH)
	{
		CountHits(cs, cs->batch, cs->nbatch);
		cs->nbatch = 0;
	}
}

/*
 * Count the postings of one query key: the head page's matches kept by
 * NpidxProbeHead, then the rest of the chain if the head was not all of it.
 */
static pg_attribute_always_inline void
CountKey(Relation index, uint32 nbuckets, const NpFingerprint *q,
		 const KeyProbe *k, const HitArray *heads, Buffer *hints,
		 CountState *cs)
{
	cs->key_named = k->named;
	cs->key_subject = q->hashes[k->pos] < NP_FP_SUBJECT_LIMIT;
	CountHits(cs, heads->hits + k->first, k->nhits);
	if (!k->complete || !k->kept)
	{
		NpidxProbeChain(index, nbuckets, q->hashes[k->pos], k->kept,
						PG_INT64_MAX, hints, CountPush, cs);
		CountHits(cs, cs->batch, cs->nbatch);
		cs->nbatch = 0;
	}
	npidx_last_scan.keys_read++;
}

/*
 * A key of a capped scan (NpidxKeyCap) read, not yet counted: its postings
 * beyond those of its head page (kept in the scan's head hits) are held in
 * hits.
 */
typedef struct HeldKey
{
	KeyProbe   *k;
	int64		found;			/* postings passed, the head's included */
	HitArray	hits;
} HeldKey;

/*
 * Read a key of a capped scan into *h, a page at a time, until more than
 * limit of its postings have passed (then h->found > limit and the rest
 * of the chain is not read).  What is held is bounded by limit and a
 * page's postings (two with the spilled tail).
 */
static void
HoldKey(Relation index, uint32 nbuckets, const NpFingerprint *q,
		KeyProbe *k, Buffer *hints, int64 limit, HeldKey *h)
{
	memset(h, 0, sizeof(HeldKey));
	h->k = k;
	h->found = k->nhits;
	if (h->found <= limit && (!k->complete || !k->kept))
		h->found += NpidxProbeChain(index, nbuckets, q->hashes[k->pos],
									k->kept, limit - h->found, hints,
									HitArrayAdd, &h->hits);
}

/* Count a held key (HoldKey) and let go of its postings */
static void
CountHeldKey(CountState *cs, const HitArray *heads, HeldKey *h)
{
	cs->key_named = h->k->named;
	cs->key_subject = cs->q->hashes[h->k->pos] < NP_FP_SUBJECT_LIMIT;
	CountHits(cs, heads->hits + h->k->first, h->k->nhits);
	CountHits(cs, h->hits.hits, h->hits.n);
	if (h->hits.hits != NULL)
		pfree(h->hits.hits);
	h->hits.hits = NULL;
	npidx_last_scan.keys_read++;
	cs->remaining--;
	if (h->k->named)
		cs->remaining_named--;
}

/*
 * Leave a held key out of a capped scan, as a skipped key: it stays among
 * the remaining keys (rows met later may hold it) and it is slack for every
 * row counted, unless it is read back at the end to complete their counts
 * (NpidxCountRows).  Its postings were read all the same; what passed is
 * the least it costs, which its bucket head may have estimated at far less.
 */
static void
LeaveOutHeldKey(CountState *cs, HeldKey *h)
{
	h->k->skipped = h->k->capped = true;
	h->k->cost = Max(h->k->cost, (double) h->found);
	cs->postings += h->found;
	if (h->hits.hits != NULL)
		pfree(h->hits.hits);
	h->hits.hits = NULL;
}

/*
 * Read back a key that a capped scan left out, to complete the counts of
 * the rows already counted (cs->remaining is 0: no row is counted anew),
 * if it has at most limit postings.  Returns the postings read, and in
 * *counted whether the key was counted; a key longer than limit is read up
 * to it, then dropped, and stays slack.  A key read back counts for no
 * side request (NpidxKeyCap): the side rows are those of the keys the scan
 * read before its cap, whatever the reading back reaches, which depends on
 * the rows counted for the candidates.
 */
static int64
ReadBackCappedKey(Relation index, uint32 nbuckets, const NpFingerprint *q,
				  KeyProbe *k, const HitArray *heads, Buffer *hints,
				  int64 limit, CountState *cs, bool *counted)
{
	HeldKey		h;

	HoldKey(index, nbuckets, q, k, hints, limit, &h);
	*counted = h.found <= limit;
	if (*counted)
	{
		npcand_hash *side = cs->side;

		cs->key_named = k->named;
		cs->side = NULL;
		CountHits(cs, heads->hits + k->first, k->nhits);
		CountHits(cs, h.hits.hits, h.hits.n);
		cs->side = side;
		npidx_last_scan.keys_read++;
	}
	else
		cs->postings += h.found;
	if (h.hits.hits != NULL)
		pfree(h.hits.hits);
	return h.found;
}

/*
 * Note the postings a key has passed, called with the scan's count of
 * postings before and after it reads the key (holders of NpidxKeyCap)
 */
static inline void
KeyPassed(KeyProbe *k, int64 postings)
{
	if (!k->read)
	{
		k->read = true;
		k->passed = -postings;
	}
	else
		k->passed += postings;
}

/*
 * Add to holders (one count per query hash) the postings of each key: those
 * passed when it was read (a capped key's up to where it stopped, at least
 * the larger of them when read back), else those of its head page, at
 * least what it holds: the estimate (the head's times the chain's pages)
 * counted a key of one posting in a long chain as held by many, and after
 * a merge assign_story() refused copies the batch joins.
 */
static void
KeyHolders(const KeyProbe *kp, int n, uint32 *holders)
{
	int			i;

	for (i = 0; i < n; i++)
		holders[kp[i].pos] += kp[i].read ?
			(uint32) Min(kp[i].passed, (int64) PG_UINT32_MAX) :
			(uint32) kp[i].head;
}

/*
 * Order key probes: named keys first (of a scan that asks for them: after
 * them no new row can qualify), then by estimated cost, cheapest first
 */
static int
KeyProbeCostCmp(const void *a, const void *b)
{
	const KeyProbe *x = (const KeyProbe *) a;
	const KeyProbe *y = (const KeyProbe *) b;

	if (x->named != y->named)
		return x->named ? -1 : 1;
	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	return x->pos - y->pos;
}

/* Order positions into kp (arg) by cost, the costliest first, then by position */
static int
KeyPosCostlierCmp(const void *a, const void *b, void *arg)
{
	const KeyProbe *kp = (const KeyProbe *) arg;
	int			x = *(const int *) a;
	int			y = *(const int *) b;

	if (kp[x].cost != kp[y].cost)
		return kp[x].cost > kp[y].cost ? -1 : 1;
	return (x > y) - (x < y);
}

/*
 * Choose the keys to skip: the costliest ones that no row meeting the
 * predicate can depend on.  A row b with m = |A'| shares only hashes among
 * q's first m; if at most need(m, 1) - 1 of those are skipped, b still shares
 * a key that is read (pigeonhole).  Every m >= M0 must hold.  With
 * named_from <= n (a scan that asks for named keys), named keys are never
 * skipped, and a row with m >= named_from shares one (NpFingerprintMinShared-
 * Named: the query's first m hashes hold a named one): such rows are met
 * whatever unnamed keys are skipped, and only the smaller m count.
 * Returns the number skipped.
 */
static int
NpidxChooseSkips(KeyProbe *kp, int n, NpPredicate pred, double t,
				 int version, bool brief, int m0, int named_from)
{
	int		   *slack;
	int		   *byCost;
	int			ncostly = 0;
	int			i,
				m,
				nskip = 0;

	if (named_from > n &&
		NpFingerprintMinShared(pred, t, version, n, 1, brief) <= 1)
		return 0;				/* every query key may be a row's only one */

	/* slack[m] = need(m, 1) - 1 - (skipped positions among the first m) */
	slack = palloc((n + 1) * sizeof(int));
	for (m = 1; m <= n; m++)
		slack[m] = (m < m0 || m >= named_from) ? PG_INT32_MAX :
			NpFingerprintMinShared(pred, t, version, m, 1, brief) - 1;

	/*
	 * The positions of the keys worth skipping (kp is in position order
	 * here), costliest first, ties in position order.  A query has up to
	 * NP_FP_MAX_SKETCH_SIZE keys: sorted by insertion, a long query's keys
	 * of varied costs took seconds, with no check for interrupts.
	 */
	byCost = palloc(n * sizeof(int));
	for (i = 0; i < n; i++)
		if (kp[i].cost > NPIDX_COMMON_KEY_COST)
			byCost[ncostly++] = i;
	qsort_arg(byCost, ncostly, sizeof(int), KeyPosCostlierCmp, kp);

	for (i = 0; i < ncostly && i < NPIDX_MAX_SKIP_TRIES; i++)
	{
		int			p = byCost[i];
		bool		ok = true;

		if (named_from <= n && kp[p].named)
			continue;
		for (m = p + 1; m <= n; m++)
			if (slack[m] < 1)
			{
				ok = false;
				break;
			}
		if (!ok)
			continue;
		for (m = p + 1; m <= n; m++)
			slack[m]--;
		kp[p].skipped = true;
		nskip++;
	}
	pfree(slack);
	pfree(byCost);
	return nskip;
}

/*
 * Count, for the query q, the rows holding its keys: read the bucket heads
 * of every key (their cost), skip what pred allows (need == NULL: nothing),
 * read the rest cheapest first, counting rows that can still qualify.
 * With need_named (a brief query: see NpidxNamedNeeds), the named keys of
 * q are read first and counted apart, and a row must be able to reach
 * need_named[class] of them; the keys skipped are those of the pigeonhole
 * alone or those of the named keys' argument (unnamed keys only), which
 * ever leave the more postings unread.  Returns the table; *nskip is the
 * number of skipped keys, *nskip_named the named ones among them (the
 * slack of the named counts).
 */
static npcand_hash *
NpidxCountRows(Relation index, const NpFingerprint *q, uint32 nbuckets,
			   const int *need, const int *need_named, NpPredicate pred,
			   double t, int m0, const NpidxKeyCap *cap, int *nskip,
			   int *nskip_named, int *ncapped, int *nleftout,
			   uint32 side_classes, npcand_hash **side)
{
	int			n = NpFingerprintNHashes(q);
	KeyProbe   *kp = palloc0(n * sizeof(KeyProbe));
	HitArray	headsbuf;
	HitArray   *heads = &headsbuf;
	Buffer	   *hints = NpidxBucketHints(index, nbuckets);
	CountState	cs;
	int			named_from = n + 1;
	int			nnamed = 0;
	int64		pruned_at = 0;
	bool		capping = false;	/* a capped scan (NpidxKeyCap) */
	bool		over = false;	/* it is over its budget */
	int64		budget = 0;
	int64		keycap = 0;
	int64		nread = 0;		/* postings it has read */
	HeldKey    *held = NULL;	/* keys it holds, not yet counted */
	int			nheld = 0;
	int			i;

	if (npidx_head_hits.hits == NULL)
	{
		npidx_head_hits.hits = MemoryContextAlloc(TopMemoryContext,
												  NPIDX_HEAD_HITS_INIT * sizeof(NpidxHit));
		npidx_head_hits.max = NPIDX_HEAD_HITS_INIT;
	}
	*heads = npidx_head_hits;
	heads->n = 0;
	for (i = 0; i < n; i++)
	{
		kp[i].pos = i;
		kp[i].named = need_named != NULL &&
			(q->hashes[i] & NP_FP_NAME_BIT) != 0 &&
			q->hashes[i] >= NP_FP_SUBJECT_LIMIT;
		if (kp[i].named)
		{
			nnamed++;
			named_from = Min(named_from, i + 1);
		}
		/* the head page two keys on, where the hint says it is */
		if (hints != NULL && i + 2 < n)
		{
			uint32		b = NpidxBucketOf(NpidxMix(q->hashes[i + 2]), nbuckets);

			if (BufferIsValid(hints[2 * b]))
			{
				const char *page = (const char *) BufferGetBlock(hints[2 * b]);

				NpidxPrefetch(page);
				NpidxPrefetch(page + BLCKSZ - sizeof(NpidxPageOpaqueData));
			}
		}
		NpidxProbeHead(index, nbuckets, q->hashes[i], &kp[i], heads, hints);
		/* a page read per key, up to 65,535 of them: cancel between two */
		CHECK_FOR_INTERRUPTS();
	}
	*nskip = 0;
	*nskip_named = 0;
	*ncapped = 0;
	*nleftout = 0;
	if (need != NULL)
	{
		bool		brief = NpFingerprintIsBrief(q);

		*nskip = NpidxChooseSkips(kp, n, pred, t, q->version, brief, m0,
								  n + 1);
		if (nnamed > 0)
		{
			/* the pigeonhole's skips against the named keys' argument */
			bool	   *plain = palloc(n * sizeof(bool));
			double		plain_cost = 0.0,
						named_cost = 0.0;
			int			plain_skip = *nskip;

			for (i = 0; i < n; i++)
			{
				plain[i] = kp[i].skipped;
				if (kp[i].skipped)
					plain_cost += kp[i].cost;
				kp[i].skipped = false;
			}
			*nskip = NpidxChooseSkips(kp, n, pred, t, q->version, brief, m0,
									  named_from);
			for (i = 0; i < n; i++)
				if (kp[i].skipped)
					named_cost += kp[i].cost;
			if (plain_cost > named_cost)
			{
				for (i = 0; i < n; i++)
					kp[i].skipped = plain[i];
				*nskip = plain_skip;
			}
			pfree(plain);
		}

		/*
		 * A capped scan (see the counting loop below) is over its budget
		 * from the start when the bucket heads' estimate of its keys says
		 * so: it then reads no key past the cap.
		 */
		if (cap != NULL)
		{
			double		toread = 0.0;

			capping = true;
			budget = (int64) cap->budget;
			keycap = (int64) cap->postings;
			for (i = 0; i < n; i++)
				if (!kp[i].skipped)
					toread += kp[i].cost;
			over = toread > cap->budget;
		}
		*nleftout = *nskip;
		for (i = 0; i < n; i++)
			if (kp[i].skipped && kp[i].named)
				(*nskip_named)++;
	}
	qsort(kp, n, sizeof(KeyProbe), KeyProbeCostCmp);

	memset(&cs, 0, sizeof(cs));
	cs.batch = palloc(NPIDX_COUNT_BATCH * sizeof(NpidxHit));
	cs.scratch = NpidxScratchCreate();
	cs.table = npcand_create(CurrentMemoryContext, 64, cs.scratch);
	CountFilterResize(&cs, NPIDX_SEEN_MIN_BITS);
	cs.need = need;
	cs.need_named = nnamed > 0 ? need_named : NULL;
	cs.remaining = n;
	cs.remaining_named = nnamed;
	cs.q = q;
	if (side != NULL)
	{
		cs.side = npcand_create(CurrentMemoryContext, 64, cs.scratch);
		cs.side_classes = side_classes;
		cs.side_only = cap->side_only;
		*side = cs.side;
	}
	for (i = 0; i < n; i++)
	{
		if (kp[i].skipped)
			continue;
		if (need != NULL && cs.table->members >= NPIDX_PRUNE_MIN_ROWS &&
			cs.postings - pruned_at >= (int64) cs.table->size)
		{
			CountPrune(&cs);
			pruned_at = cs.postings;
		}
		if (!capping)
		{
			KeyPassed(&kp[i], cs.postings);
			CountKey(index, nbuckets, q, &kp[i], heads, hints, &cs);
			KeyPassed(&kp[i], cs.postings);
			cs.remaining--;
			if (kp[i].named)
				cs.remaining_named--;
			CHECK_FOR_INTERRUPTS();
			continue;
		}

		/*
		 * A capped scan (NpidxKeyCap) reads its keys, named or not, as any
		 * other, but for those of which it has counted more than keycap
		 * postings (a page at a time, never on the estimate: a key whose
		 * postings sit on its head page, the oldest, passes it many times
		 * over, and one merged after its head page filled is estimated at
		 * nothing).  While it is within its budget, it holds such keys
		 * back, uncounted, to count them at the end; once the postings it
		 * has read pass the budget (or from the start, when the estimate
		 * is over it), it is over: it leaves them out, and reads every
		 * later key only until more than keycap of its postings have
		 * passed, then leaves that one out too (capped).  So it reads at
		 * most its budget, keycap and a page before it is over (the key
		 * during which it passes the budget is read to the larger of
		 * keycap and what was left of it), and keycap and a page of each
		 * key (two with the spilled tail) after.  A scan that its
		 * estimate and its reading both keep within the budget is exact.
		 */
		{
			HeldKey		h;
			int64		limit = over ? keycap : Max(keycap, budget - nread);

			HoldKey(index, nbuckets, q, &kp[i], hints, limit, &h);
			kp[i].read = true;
			kp[i].passed = h.found;
			nread += h.found;
			if (!over && nread > budget)
			{
				int			j;

				over = true;
				for (j = 0; j < nheld; j++)
					LeaveOutHeldKey(&cs, &held[j]);
				nheld = 0;
			}
			if (h.found <= keycap)
				CountHeldKey(&cs, heads, &h);
			else if (over)
				LeaveOutHeldKey(&cs, &h);
			else
			{
				/*
				 * Read whole: a key stopped past its limit puts the scan
				 * over, as limit is at least what was left of the budget.
				 */
				Assert(h.found <= limit);
				if (held == NULL)
					held = palloc(n * sizeof(HeldKey));
				held[nheld++] = h;
			}
		}
		CHECK_FOR_INTERRUPTS();
	}
	/* within the budget to the end: the keys held are counted after all */
	for (i = 0; i < nheld; i++)
	{
		CountHeldKey(&cs, heads, &held[i]);
		CHECK_FOR_INTERRUPTS();
	}
	if (held != NULL)
		pfree(held);
	for (i = 0; i < n; i++)
		if (kp[i].capped)
		{
			(*nskip)++;
			(*ncapped)++;
			(*nleftout)++;
			if (kp[i].named)
				(*nskip_named)++;
		}
	if (*ncapped == 0)
		*nleftout = 0;			/* the scan is exact (npidx.h) */

	/*
	 * The skipped keys leave every counted row a slack of nskip shared
	 * hashes: a row that shares one rare key with the query is a candidate
	 * if the skipped keys could make up the rest, and costs a heap recheck.
	 * Reading r of the skipped keys after all, the cheapest first, but only
	 * to complete the counts of rows already counted (with remaining at 0 no
	 * new row is counted: every need is at least 1), leaves a slack of
	 * nskip - r: a counted row whose count is g short of its need stays a
	 * candidate only if g <= nskip - r (it may gain from the keys read, but
	 * that makes it a better candidate, not a worse one).  So choose the r
	 * that costs least, in postings: the r keys' postings plus
	 * NPIDX_RECHECK_POSTINGS for each row still resting on the slack (those
	 * with 1 <= g <= nskip - r, counted now).  Most such rows are far from
	 * their need, so reading the cheapest skipped key or two often removes
	 * most of them.  The counts are then exact over the keys read and the
	 * slack is the number of skipped keys left.  A row not counted stays out
	 * for the reason it was left out (it could not reach its need with every
	 * key left, the skipped ones included); a row met only in skipped keys
	 * cannot qualify (the pigeonhole argument of the skip).
	 *
	 * The keys a capped scan left out may be read back so too: the rows
	 * that they alone hold stay out (the scan's leftout is unchanged), but
	 * the rows already counted lose the slack of each key read.  Their
	 * cost is what passed before they were left out, at least, and may be
	 * far more (a key merged after its head page filled is estimated at
	 * nothing), so each is read only up to what the reading back may still
	 * spend: the rechecks that the plan saves, in postings, less what it
	 * has read so far.  A key longer than that is dropped, stays slack, and
	 * the next one is tried.  The plan counts on the rows not holding the
	 * keys read, which holds for rows met through one rare key, not for
	 * the items of a recurring template, which hold every key left out:
	 * once a capped key read back is held by more than half of the rows
	 * counted, no other is read (bench/story_series.sh at 8,000 items read
	 * them to the limit, for nothing, and cost twice as much).  At a
	 * million leaders the longest searches of
	 * assign_story() left some 40 keys out of 256, and every row they
	 * counted, some 1,700, rested on that slack and was read from the heap
	 * and compared; most of those keys have a thousand postings or so.
	 */
	if (*nskip > 0 && need != NULL)
	{
		int			ns = *nskip;
		int			nsk = ns;	/* those that may be read back: all */
		int		   *sk = palloc(Max(nsk, 1) * sizeof(int));
		double	   *short_by = palloc0((ns + 1) * sizeof(double));
		double		readcost = 0.0,
					resting = 0.0,
					resting_all,
					best_resting,
					bestcost;
		double		spend;		/* what reading capped keys back may cost */
		bool		own = false;	/* a capped key read back was the rows' own */
		int			r,
					best = 0,
					got = 0,
					j = 0;
		npcand_iterator it;
		NpidxCand  *cand;

		/* the skipped keys, cheapest first */
		for (i = 0; i < n; i++)
			if (kp[i].skipped)
			{
				int			k = j++;

				while (k > 0 && kp[sk[k - 1]].cost > kp[i].cost)
				{
					sk[k] = sk[k - 1];
					k--;
				}
				sk[k] = i;
			}
		Assert(j == nsk);
		npcand_start_iterate(cs.table, &it);
		while ((cand = npcand_iterate(cs.table, &it)) != NULL)
		{
			int			g = need[cand->cls] - (int) cand->count;

			/* a row short of named keys, skipped ones included, is none */
			if (cs.need_named != NULL &&
				(int) cand->named + *nskip_named < cs.need_named[cand->cls])
				continue;
			if (g >= 1 && g <= ns)
				short_by[g] += 1.0;
		}
		for (r = 1; r <= ns; r++)
			resting += short_by[r];
		resting_all = best_resting = resting;
		bestcost = resting * NPIDX_RECHECK_POSTINGS;
		for (r = 1; r <= nsk; r++)
		{
			double		c;

			readcost += kp[sk[r - 1]].cost;
			resting -= short_by[ns - r + 1];
			c = readcost + resting * NPIDX_RECHECK_POSTINGS;
			if (c < bestcost)
			{
				bestcost = c;
				best = r;
				best_resting = resting;
			}
		}
		cs.remaining = 0;
		spend = (resting_all - best_resting) * NPIDX_RECHECK_POSTINGS;
		for (r = 0; r < nsk && got < best; r++)
		{
			KeyProbe   *k = &kp[sk[r]];

			if (!k->capped)
			{
				int64		before = cs.postings;

				KeyPassed(k, before);
				CountKey(index, nbuckets, q, k, heads, hints, &cs);
				KeyPassed(k, cs.postings);
				spend -= (double) (cs.postings - before);
			}
			else
			{
				bool		counted;
				int64		met = cs.met;
				int64		back;

				if (spend < 1.0 || own)
					continue;
				back = ReadBackCappedKey(index, nbuckets, q, k, heads, hints,
										 (int64) spend, &cs, &counted);
				k->passed = Max(k->passed, back);
				spend -= (double) back;
				if (!counted)
					continue;
				/* held by most rows counted: the rest are theirs too */
				own = (cs.met - met) * 2 > (int64) cs.table->members;
			}
			got++;
			if (k->named)
				(*nskip_named)--;
			CHECK_FOR_INTERRUPTS();
		}
		*nskip = ns - got;
		pfree(sk);
		pfree(short_by);
	}
	if (cap != NULL && cap->holders != NULL)
		KeyHolders(kp, n, cap->holders);
	if (heads->hits != npidx_head_hits.hits)
		pfree(heads->hits);
	npidx_last_scan.keys_skipped += *nskip;
	npidx_last_scan.postings += cs.postings;
	npidx_last_scan.rows_counted += cs.inserted;
	return cs.table;
}

/*
 * Bits of the filter of the query's hashes that pending rows are tested
 * against before their shared hashes are counted: with the low bits of the
 * hashes (uniform, unlike the high bits of a bottom-k sample) and a query
 * of k hashes, a hash of an unrelated row hits it with probability
 * k / 2^16, so most unrelated rows are dismissed with one bit test per
 * hash instead of a merge of two sorted arrays.
 */
#define NPIDX_QFILTER_BITS	(1 << 16)
#define QFilterBit(h)		((h) & (NPIDX_QFILTER_BITS - 1))

/* The pending rows of a scan: TIDs with their shared-key counts */
typedef struct PendingRows
{
	const NpFingerprint *q;		/* NULL: every row goes to nulls */
	uint64	   *qfilter;		/* NPIDX_QFILTER_BITS, the query's hashes;
								 * made at the first pending row */
	HitArray	rows;			/* cls field: the row's class */
	int		   *counts;
	int			max;
	HitArray	nulls;			/* with q NULL: every row */
	uint32		version;		/* the index's (NpidxRowClass) */
	uint32	   *holders;		/* per query key, rows holding it, or NULL
								 * (NpidxKeyCap) */
} PendingRows;

/* Start collecting the pending rows sharing a hash with q (or all: NULL) */
static void
PendingRowsInit(PendingRows *pr, const NpFingerprint *q, Relation index)
{
	memset(pr, 0, sizeof(PendingRows));
	pr->q = q;
	pr->version = NpidxGetMeta(index)->version;
}

/*
 * Make the filter of the query's hashes.  Only when a pending row is met:
 * most lookups find the list empty, and its 8 kB, with the rest of a scan's
 * memory, made the backend's heap grow and shrink (brk, page faults) on
 * every lookup.
 */
static void
PendingFilterMake(PendingRows *pr)
{
	int			n = NpFingerprintNHashes(pr->q);
	int			i;

	pr->qfilter = palloc0(NPIDX_QFILTER_BITS / 8);
	for (i = 0; i < n; i++)
	{
		uint32		b = QFilterBit(pr->q->hashes[i]);

		pr->qfilter[b >> 6] |= UINT64CONST(1) << (b & 63);
	}
}

/* Count fp as a holder of each of q's hashes it holds (NpidxKeyCap) */
static void
PendingHolders(const NpFingerprint *q, const NpFingerprint *fp,
			   uint32 *holders)
{
	int			nq = NpFingerprintNHashes(q);
	int			n = NpFingerprintNHashes(fp);
	int			i = 0;
	int			j = 0;

	while (i < nq && j < n)
	{
		if (q->hashes[i] < fp->hashes[j])
			i++;
		else if (q->hashes[i] > fp->hashes[j])
			j++;
		else
		{
			holders[i++]++;
			j++;
		}
	}
}

/* Pending-list callback: keep rows that share a hash with the query */
static void
PendingRowAdd(ItemPointer tid, const NpFingerprint *fp, void *arg)
{
	PendingRows *pr = (PendingRows *) arg;
	int			x,
				n,
				i;

	npidx_last_scan.pending_rows++;
	if (pr->q == NULL)
	{
		HitArrayAdd(tid, 0, &pr->nulls);
		return;
	}
	if (fp == NULL || (n = NpFingerprintNHashes(fp)) == 0)
		return;
	if (pr->qfilter == NULL)
		PendingFilterMake(pr);
	for (i = 0; i < n; i++)
	{
		uint32		b = QFilterBit(fp->hashes[i]);

		if (pr->qfilter[b >> 6] & (UINT64CONST(1) << (b & 63)))
			break;
	}
	if (i == n)
		return;					/* no hash of fp is in the query */
	x = SharedHashes(pr->q, fp);
	if (x == 0)
		return;
	if (pr->holders != NULL)
		PendingHolders(pr->q, fp, pr->holders);
	HitArrayAdd(tid, NpidxRowClass(fp, pr->version), &pr->rows);
	if (pr->rows.n > pr->max)
	{
		pr->max = pr->rows.max;
		pr->counts = pr->counts ? repalloc_huge(pr->counts, (Size) pr->max * sizeof(int)) :
			palloc(pr->max * sizeof(int));
	}
	pr->counts[pr->rows.n - 1] = x;
}

/*
 * The fewest shared hashes pred(q, row, t) needs of a row of each class
 * (NpFingerprintMinShared on the class's bounds of |A'| and |B'|), or
 * NPIDX_NEED_NONE for a class whose rows cannot meet it.  A class with an
 * upper bound of the row's hashes (b_max, version 5) below
 * NP_FP_BRIEF_SHINGLES holds briefs (an untruncated sample's hash count is
 * its nshingles), so the pair holds a brief whatever the query; and a row
 * shares at most its b_max hashes with any query.
 */
#define NPIDX_NEED_NONE		PG_INT32_MAX

static void
NpidxClassNeeds(const NpFingerprint *q, NpPredicate pred, double t,
				const int *a_min, const int *b_min, const int *b_max,
				int *need)
{
	bool		qbrief = NpFingerprintIsBrief(q);
	int			c;

	for (c = 0; c < NPIDX_NCLASSES; c++)
	{
		bool		brief = qbrief ||
			(b_max[c] > 0 && b_max[c] < NP_FP_BRIEF_SHINGLES);

		need[c] = NpFingerprintMinShared(pred, t, q->version,
										 a_min[c], b_min[c], brief);
		if (b_max[c] > 0 && need[c] > b_max[c])
			need[c] = NPIDX_NEED_NONE;
	}
}

/*
 * The fewest named keys (hashes with the name bit) a row of each class must
 * share with q for pred to hold (NpFingerprintMinSharedNamed): q's hashes
 * compared with a row of class c include its first a_min[c], so their
 * named ones are a lower bound of q's named compared hashes.  Returns false
 * (need_named all 0) when no class has such a need: q is no brief of
 * format version 2, pred is similarity, or q has no named hash.
 */
static bool
NpidxNamedNeeds(const NpFingerprint *q, NpPredicate pred, const int *a_min,
				int *need_named)
{
	int			n = NpFingerprintNHashes(q);
	bool		brief = NpFingerprintIsBrief(q);
	bool		any = false;
	int			c;

	for (c = 0; c < NPIDX_NCLASSES; c++)
	{
		int			upto = Min(a_min[c], n);
		int			named = 0;
		int			i;

		if (NpFingerprintMinSharedNamed(pred, q->version, brief, n) == 0)
		{
			need_named[c] = 0;
			continue;
		}
		/* the subject hashes are no names here (NpFingerprintNamesAgree) */
		for (i = 0; i < upto; i++)
			named += (q->hashes[i] & NP_FP_NAME_BIT) != 0 &&
				q->hashes[i] >= NP_FP_SUBJECT_LIMIT;
		need_named[c] = NpFingerprintMinSharedNamed(pred, q->version, brief,
													named);
		if (need_named[c] > 0)
			any = true;
	}
	return any;
}

/*
 * Hand the rows of the side request (NpidxKeyCap) to its caller: those of
 * its classes, in the buckets (side) or the pending list (pr), that share
 * side_need of the keys read with the query.
 */
/* Append tid to the side rows of cap (NpidxSideRows) */
static void
NpidxSideAdd(NpidxKeyCap *cap, int *max, const ItemPointerData *tid)
{
	if (cap->side_ntids == *max)
	{
		*max *= 2;
		cap->side_tids = repalloc(cap->side_tids,
								  *max * sizeof(ItemPointerData));
	}
	cap->side_tids[cap->side_ntids++] = *tid;
}

static void
NpidxSideRows(NpidxKeyCap *cap, npcand_hash *side, uint32 side_classes,
			  const PendingRows *pr)
{
	npcand_iterator it;
	NpidxCand  *cand;
	int			max = 16;
	int			i;

	cap->side_ntids = 0;
	cap->side_tids = MemoryContextAlloc(cap->side_cxt,
										max * sizeof(ItemPointerData));
	npcand_start_iterate(side, &it);
	while ((cand = npcand_iterate(side, &it)) != NULL)
	{
		ItemPointerData tid;

		if ((int) cand->count < cap->side_need)
			continue;
		UnpackTid(cand->key, &tid);
		NpidxSideAdd(cap, &max, &tid);
	}
	for (i = 0; i < pr->rows.n; i++)
		if (((side_classes >> pr->rows.hits[i].cls) & 1) != 0 &&
			pr->counts[i] >= cap->side_need)
			NpidxSideAdd(cap, &max, &pr->rows.hits[i].tid);
}

/*
 * Candidates of a threshold predicate, in a sorted, duplicate-free array.
 */
static ItemPointerData *
NpidxThresholdCandidates(Relation index, const NpFingerprint *q,
						 NpPredicate pred, double t, NpidxKeyCap *cap,
						 int *ncapped, int *nleftout, int *ncand)
{
	NpidxMetaPageData meta;
	int			n = NpFingerprintNHashes(q);
	int			a_min[NPIDX_NCLASSES],
				b_min[NPIDX_NCLASSES],
				b_max[NPIDX_NCLASSES],
				need[NPIDX_NCLASSES],
				need_named[NPIDX_NCLASSES];
	bool		named;
	int			m0,
				nskip,
				nskip_named,
				i,
				nout = 0;
	PendingRows pr;
	npcand_hash *table;
	npcand_hash *side = NULL;
	uint32		side_classes = 0;
	npcand_iterator it;
	NpidxCand  *cand;
	ItemPointerData *out;

	*ncand = 0;
	*ncapped = 0;
	*nleftout = 0;
	if (n == 0)
		return NULL;			/* no predicate holds without a shared hash */

	/* the pending list first, then the buckets: see npidx_pending.c */
	PendingRowsInit(&pr, q, index);
	if (cap != NULL && cap->holders != NULL)
	{
		memset(cap->holders, 0, n * sizeof(uint32));
		pr.holders = cap->holders;
	}
	NpidxPendingScan(index, PendingRowAdd, &pr);

	NpidxReadMetaState(index, &meta);
	NpidxClassBounds(q, &meta, a_min, b_min, b_max, &m0);
	NpidxClassNeeds(q, pred, t, a_min, b_min, b_max, need);
	named = NpidxNamedNeeds(q, pred, a_min, need_named);

	/*
	 * The classes of the side request: those whose rows may hold at most
	 * side_max_hashes hashes in all (whole samples of so few; a truncated
	 * one has at least minTruncHashes)
	 */
	if (cap != NULL && cap->side_need > 0)
		for (i = 0; i < NPIDX_NCLASSES; i++)
		{
			int			fewest;

			if (i >= NPIDX_FIRST_TRUNC_CLASS)
				fewest = (int) Min(meta.minTruncHashes, (uint32) PG_INT32_MAX);
			else if (meta.version >= NPIDX_CUT_CLASSES_VERSION)
				fewest = NpidxClass5MinHashes[i];
			else
				fewest = NpidxClassMinHashes[i];
			if (cap->side_max_hashes == 0 || fewest <= cap->side_max_hashes)
				side_classes |= (uint32) 1 << i;
		}

	table = NpidxCountRows(index, q, NpidxGetMeta(index)->nbuckets, need,
						   named ? need_named : NULL, pred, t, m0, cap, &nskip,
						   &nskip_named, ncapped, nleftout, side_classes,
						   side_classes != 0 ? &side : NULL);
	if (side != NULL)
		NpidxSideRows(cap, side, side_classes, &pr);
	if (cap != NULL && cap->side_only)
	{
		/* the side rows are all that was asked: no candidate */
		return NULL;
	}

	out = palloc_extended(Max(1, (Size) table->members + pr.rows.n) * sizeof(ItemPointerData),
						  MCXT_ALLOC_HUGE);
	npcand_start_iterate(table, &it);
	while ((cand = npcand_iterate(table, &it)) != NULL)
	{
		if ((int) cand->count + nskip >= need[cand->cls] &&
			(int) cand->named + nskip_named >= need_named[cand->cls])
			UnpackTid(cand->key, &out[nout++]);
	}
	for (i = 0; i < pr.rows.n; i++)
		if (pr.counts[i] >= need[pr.rows.hits[i].cls])
			out[nout++] = pr.rows.hits[i].tid;

	nout = NpidxSortTids(out, nout);
	npidx_last_scan.candidates += nout;
	*ncand = nout;
	return out;
}

/* A row of the ordered scan and the lower bound of its distance */
typedef struct OrderedRow
{
	ItemPointerData tid;
	double		bound;
} OrderedRow;

static int
OrderedRowCmp(Datum a, Datum b, void *arg)
{
	const OrderedRow *rows = (const OrderedRow *) arg;
	double		x = rows[DatumGetInt32(a)].bound;
	double		y = rows[DatumGetInt32(b)].bound;

	/* binaryheap keeps the largest first: invert for the smallest bound */
	return x < y ? 1 : (x > y ? -1 : 0);
}

/* Margin kept below distance bounds, against rounding in the operators */
#define NPIDX_BOUND_SLACK	1e-9

/* The lower bound of the distance of a row sharing at most x keys */
static inline double
DistanceBound(bool containment, int x, int a_min, int b_min)
{
	double		s = containment ? NpFingerprintMaxContainment(x, a_min) :
		NpFingerprintMaxSimilarity(x, a_min, b_min);

	return Max(0.0, 1.0 - s - NPIDX_BOUND_SLACK);
}

/*
 * Set up the ordered (best-first) scan: count every row holding a key of
 * the ORDER BY argument (all keys: no row can be skipped when every
 * distance counts), bound each row's distance from its count and class,
 * and put the rows in a heap, smallest bound first.  Rows holding no key
 * come last, from the row list, at distance 1 (or NULL).
 */
static void
NpidxPrepareOrdered(IndexScanDesc scan)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;
	Relation	index = scan->indexRelation;
	ScanKey		ob = &scan->orderByData[0];
	NpFingerprint *kq = NULL;
	NpPredicate kpred = NP_PRED_SIMILAR;
	double		kt = 0.0;
	bool		containment = ob->sk_strategy == NPIDX_CONTAINS_DIST_STRATEGY;
	NpidxMetaPageData meta;
	int			a_min[NPIDX_NCLASSES],
				b_min[NPIDX_NCLASSES],
				b_max[NPIDX_NCLASSES],
				need[NPIDX_NCLASSES],
				need_named[NPIDX_NCLASSES];
	bool		filter = false;
	bool		named = false;
	int			m0,
				nskip,
				nskip_named,
				ncapped,
				nleftout,
				i,
				nrows = 0;
	PendingRows pr;
	npcand_hash *table;
	npcand_iterator it;
	NpidxCand  *cand;

	bool		formats_ok = true;

	NpidxReadMetaState(index, &meta);
	if (scan->numberOfKeys > 0 &&
		!NpidxChooseDriver(scan, &meta, &kq, &kpred, &kt, &formats_ok))
	{
		so->empty = true;
		return;
	}
	so->tail = true;

	/*
	 * A row of the tail holds no key of the query, so its distance is
	 * exactly 1 (1 - 0/x, no rounding): a bound of exactly 1, not 1 less
	 * the slack, lets the executor return each such row as soon as it has
	 * it.  With a bound below 1 it held them all back until the scan ended,
	 * so ORDER BY ... LIMIT 10 of a query sharing keys with fewer than ten
	 * rows rechecked the whole table.
	 */
	so->tail_bound = 1.0;
	if (ob->sk_flags & SK_ISNULL)
	{
		/* every distance is NULL: return the rows unordered */
		so->bound_null = true;
		return;
	}
	so->oquery = DatumGetNpFingerprintP(ob->sk_argument);
	if (!formats_ok || !NpidxFormatsMatch(&meta, so->oquery))
	{
		/*
		 * Rows of another format may be there: every row goes to the tail
		 * with no bound, for the executor to order (or to raise the
		 * operators' error on the first visible one).
		 */
		so->tail_bound = 0.0;
		return;
	}
	if (NpFingerprintNHashes(so->oquery) == 0)
		return;					/* nothing shared: all in the tail */

	PendingRowsInit(&pr, so->oquery, index);
	NpidxPendingScan(index, PendingRowAdd, &pr);
	NpidxReadMetaState(index, &meta);
	NpidxClassBounds(so->oquery, &meta, a_min, b_min, b_max, &m0);

	/*
	 * A WHERE key on the same query bounds the search: only rows that can
	 * meet it are wanted, so count only those, and skip the tail.
	 */
	if (kq != NULL && VARSIZE(kq) == VARSIZE(so->oquery) &&
		memcmp(kq, so->oquery, VARSIZE(kq)) == 0)
	{
		filter = true;
		so->tail = false;
		NpidxClassNeeds(kq, kpred, kt, a_min, b_min, b_max, need);
		named = NpidxNamedNeeds(kq, kpred, a_min, need_named);
	}

	table = NpidxCountRows(index, so->oquery, NpidxGetMeta(index)->nbuckets,
						   filter ? need : NULL, named ? need_named : NULL,
						   kpred, kt, m0, NULL, &nskip, &nskip_named, &ncapped,
						   &nleftout, 0, NULL);
	/*
	 * Pending rows were compared whole.  A row being merged may also be in
	 * the buckets, partly (the merge may be going on): keep its larger
	 * count.
	 */
	for (i = 0; i < pr.rows.n; i++)
	{
		bool		found;

		cand = npcand_insert(table, PackTid(&pr.rows.hits[i].tid), &found);
		if (!found || (int) cand->count < pr.counts[i])
		{
			cand->count = pr.counts[i];
			cand->cls = pr.rows.hits[i].cls;
		}
		/* its named keys were not counted: no named need applies to it */
		cand->named = PG_UINT16_MAX;
	}

	so->seen = table;
	so->rows = palloc_extended(Max(1, (Size) table->members) * sizeof(OrderedRow),
							   MCXT_ALLOC_HUGE);
	npcand_start_iterate(table, &it);
	while ((cand = npcand_iterate(table, &it)) != NULL)
	{
		int			x = (int) cand->count + nskip;

		if (filter && (x < need[cand->cls] ||
					   (named && (int) cand->named + nskip_named <
						need_named[cand->cls])))
			continue;
		UnpackTid(cand->key, &so->rows[nrows].tid);
		so->rows[nrows].bound = DistanceBound(containment, x, a_min[cand->cls],
											  b_min[cand->cls]);
		nrows++;
	}
	so->nrows = nrows;
	npidx_last_scan.candidates += nrows;

	so->heap = binaryheap_allocate(Max(nrows, 1), OrderedRowCmp, so->rows);
	for (i = 0; i < nrows; i++)
		binaryheap_add_unordered(so->heap, Int32GetDatum(i));
	binaryheap_build(so->heap);
}

/*
 * The rows holding no key of the ORDER BY argument, in TID order: the row
 * list and the pending list, less those already returned.
 */
static void
NpidxOrderedTail(IndexScanDesc scan)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;
	PendingRows pr;
	ItemPointerData *rows;
	int			n,
				i,
				j = 0;

	PendingRowsInit(&pr, NULL, scan->indexRelation);
	NpidxPendingScan(scan->indexRelation, PendingRowAdd, &pr);
	rows = NpidxReadRowList(scan->indexRelation, &n);
	if (pr.nulls.n > 0)
	{
		rows = repalloc_huge(rows, (Size) (n + pr.nulls.n) * sizeof(ItemPointerData));
		for (i = 0; i < pr.nulls.n; i++)
			rows[n + i] = pr.nulls.hits[i].tid;
		n += pr.nulls.n;
	}
	for (i = 0; i < n; i++)
	{
		/* rows returned from the heap were all in the count table */
		CHECK_FOR_INTERRUPTS();
		if (so->seen != NULL && npcand_lookup(so->seen, PackTid(&rows[i])) != NULL)
			continue;
		rows[j++] = rows[i];
	}
	so->tids = rows;
	so->ntids = NpidxSortTids(rows, j);
	so->next = 0;
}

/*
 * Set up candidate generation on the first call after a rescan.
 */
static void
NpidxPrepare(IndexScanDesc scan)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;
	MemoryContext oldcxt = MemoryContextSwitchTo(so->cxt);

	so->prepared = true;
	memset(&npidx_last_scan, 0, sizeof(npidx_last_scan));
	if (scan->numberOfOrderBys > 0)
		NpidxPrepareOrdered(scan);
	else
	{
		NpFingerprint *q;
		NpPredicate pred;
		double		t;
		bool		formats_ok;
		NpidxMetaPageData meta;

		NpidxReadMetaState(scan->indexRelation, &meta);
		if (!NpidxChooseDriver(scan, &meta, &q, &pred, &t, &formats_ok))
			so->empty = true;
		else if (q == NULL || !formats_ok)
		{
			/*
			 * No keys at all, or rows of another format than a query may
			 * be there (the recheck raises the operators' error on the
			 * first visible one): every row.
			 */
			PendingRows pr;
			int			i;

			PendingRowsInit(&pr, NULL, scan->indexRelation);
			NpidxPendingScan(scan->indexRelation, PendingRowAdd, &pr);
			so->tids = NpidxReadRowList(scan->indexRelation, &so->ntids);
			if (pr.nulls.n > 0)
			{
				so->tids = repalloc_huge(so->tids, (Size) (so->ntids + pr.nulls.n) *
										 sizeof(ItemPointerData));
				for (i = 0; i < pr.nulls.n; i++)
					so->tids[so->ntids++] = pr.nulls.hits[i].tid;
			}
			so->ntids = NpidxSortTids(so->tids, so->ntids);
			npidx_last_scan.candidates += so->ntids;
		}
		else
		{
			NpidxKeyCap *kc = npidx_key_cap;
			NpidxKeyCap *cap = NULL;
			int			ncapped,
						nleftout;

			/* the request of assign_story()'s search, taken once (npidx.h) */
			if (kc != NULL && !kc->used &&
				scan->indexRelation->rd_index->indrelid == kc->heap &&
				VARSIZE(q) == VARSIZE(kc->query) &&
				memcmp(q, kc->query, VARSIZE(q)) == 0)
			{
				kc->used = true;
				cap = kc;
			}
			so->tids = NpidxThresholdCandidates(scan->indexRelation, q, pred, t,
												cap, &ncapped, &nleftout,
												&so->ntids);
			if (cap != NULL)
			{
				cap->capped = ncapped;
				cap->leftout = nleftout;
			}
		}
	}
	MemoryContextSwitchTo(oldcxt);
}

/*
 * Return the next candidate TID.
 */
bool
npidxgettuple(IndexScanDesc scan, ScanDirection dir)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;

	if (dir != ForwardScanDirection)
		elog(ERROR, "npidx only supports forward scans");

	if (!so->prepared)
		NpidxPrepare(scan);
	if (so->empty)
		return false;

	if (scan->numberOfOrderBys > 0)
	{
		int			i;
		double		bound;

		if (so->heap != NULL && !binaryheap_empty(so->heap))
		{
			int			r = DatumGetInt32(binaryheap_remove_first(so->heap));

			scan->xs_heaptid = so->rows[r].tid;
			bound = so->rows[r].bound;
		}
		else
		{
			if (!so->tail)
				return false;
			if (!so->tail_done)
			{
				MemoryContext oldcxt = MemoryContextSwitchTo(so->cxt);

				NpidxOrderedTail(scan);
				so->tail_done = true;
				MemoryContextSwitchTo(oldcxt);
			}
			if (so->next >= so->ntids)
				return false;
			scan->xs_heaptid = so->tids[so->next++];
			/* no shared hash at all: distance exactly 1 (or NULL) */
			bound = so->tail_bound;
		}
		npidx_last_scan.returned++;
		scan->xs_recheck = true;
		scan->xs_recheckorderby = true;
		scan->xs_orderbyvals[0] = Float8GetDatum(bound);
		scan->xs_orderbynulls[0] = so->bound_null;
		/* further ORDER BY distances: 0 is a valid lower bound */
		for (i = 1; i < scan->numberOfOrderBys; i++)
		{
			scan->xs_orderbyvals[i] = Float8GetDatum(0.0);
			scan->xs_orderbynulls[i] = false;
		}
		return true;
	}

	if (so->next >= so->ntids)
		return false;
	scan->xs_heaptid = so->tids[so->next++];
	scan->xs_recheck = true;
	npidx_last_scan.returned++;
	return true;
}

/*
 * Add every candidate TID to a bitmap; returns the number of candidates.
 */
int64
npidxgetbitmap(IndexScanDesc scan, TIDBitmap *tbm)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;
	MemoryContext oldcxt;

	if (!so->prepared)
	{
		oldcxt = MemoryContextSwitchTo(so->cxt);
		NpidxPrepare(scan);
		MemoryContextSwitchTo(oldcxt);
	}
	if (so->empty || so->ntids == 0)
		return 0;
	tbm_add_tuples(tbm, so->tids, so->ntids, true);
	npidx_last_scan.returned += so->ntids;
	return so->ntids;
}
