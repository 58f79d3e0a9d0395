/*-------------------------------------------------------------------------
 *
 * npidx_insert.c
 *	  aminsert for npidx: new rows go to the pending list (npidx_pending.c),
 *	  which is merged into the buckets in bulk; and the bulk helpers that
 *	  append rows to the row list and postings to bucket chains (the merge's
 *	  NpidxInsertRows), each change a generic WAL record.
 *
 * Locking: the metapage is locked exclusively while the row list's tail is
 * extended; a bucket's head page is locked exclusively while postings are
 * added to its chain, which serialises writers per bucket; readers hold
 * one page's lock at a time (see npidx.c).
 *
 * src/index/npidx_insert.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "storage/bufmgr.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "index/npidx.h"

/*
 * Append n TIDs to the row list, filling the tail page and adding pages as
 * needed, and lower the metapage's sample bounds for their fingerprints
 * (fps may be NULL, and so may any of its members).
 */
void
NpidxAppendRows(Relation index, const ItemPointerData *tids, int n,
				const NpFingerprint *const *fps)
{
	Buffer		metabuf;
	int			done = 0;
	int			i;

	metabuf = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);

	/* the sample bounds first (they only ever go down) */
	for (i = 0; fps != NULL && i < n; i++)
	{
		if (NpidxMetaNeedsNote(NpidxPageGetMeta(BufferGetPage(metabuf)), fps[i]))
		{
			GenericXLogState *state = GenericXLogStart(index);
			NpidxMetaPage meta = NpidxPageGetMeta(GenericXLogRegisterBuffer(state, metabuf, 0));

			for (; i < n; i++)
				(void) NpidxMetaNoteSample(meta, fps[i]);
			GenericXLogFinish(state);
		}
	}

	while (done < n)
	{
		NpidxMetaPage meta = NpidxPageGetMeta(BufferGetPage(metabuf));
		Buffer		tailbuf = InvalidBuffer;
		GenericXLogState *state;
		Page		page;
		int			have = NPIDX_ROWS_PER_PAGE,
					take;

		if (meta->rowTail != InvalidBlockNumber)
		{
			tailbuf = ReadBuffer(index, meta->rowTail);
			LockBuffer(tailbuf, BUFFER_LOCK_EXCLUSIVE);
			have = NpidxPageNRows(BufferGetPage(tailbuf));
		}
		if (have < NPIDX_ROWS_PER_PAGE)
		{
			take = Min(NPIDX_ROWS_PER_PAGE - have, n - done);
			state = GenericXLogStart(index);
			page = GenericXLogRegisterBuffer(state, tailbuf, 0);
			memcpy(NpidxPageRows(page) + have, tids + done, take * sizeof(ItemPointerData));
			NpidxSetPageCount(page, have + take, sizeof(ItemPointerData));
			GenericXLogFinish(state);
		}
		else
		{
			/* a new tail page */
			Buffer		newbuf = NpidxNewBuffer(index);

			take = Min(NPIDX_ROWS_PER_PAGE, n - done);
			state = GenericXLogStart(index);
			page = GenericXLogRegisterBuffer(state, newbuf, GENERIC_XLOG_FULL_IMAGE);
			NpidxInitPage(page, NPIDX_ROWS, NPIDX_NO_BUCKET);
			memcpy(NpidxPageRows(page), tids + done, take * sizeof(ItemPointerData));
			NpidxSetPageCount(page, take, sizeof(ItemPointerData));
			if (BufferIsValid(tailbuf))
				NpidxPageGetOpaque(GenericXLogRegisterBuffer(state, tailbuf, 0))->next =
					BufferGetBlockNumber(newbuf);
			meta = NpidxPageGetMeta(GenericXLogRegisterBuffer(state, metabuf, 0));
			if (meta->rowHead == InvalidBlockNumber)
				meta->rowHead = BufferGetBlockNumber(newbuf);
			meta->rowTail = BufferGetBlockNumber(newbuf);
			GenericXLogFinish(state);
			UnlockReleaseBuffer(newbuf);
		}
		if (BufferIsValid(tailbuf))
			UnlockReleaseBuffer(tailbuf);
		done += take;
	}
	UnlockReleaseBuffer(metabuf);
}

/* Order postings by bucket (the order within a bucket does not matter) */
static int
PostingBucketCmp(const void *a, const void *b)
{
	uint32		x = ((const NpidxPosting *) a)->bucket;
	uint32		y = ((const NpidxPosting *) b)->bucket;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/*
 * Add postings (bucket, resid, class, TID) to their bucket chains, one
 * bucket at a time in block order: each touched page is changed once, with
 * one generic WAL record, whatever the number of postings it takes.  A
 * merge's postings are grouped by bucket with a counting sort (one pass to
 * count, one to place: linear, where a comparison sort of a few million
 * postings cost more than writing the pages); a few postings are sorted.
 */
void
NpidxInsertPostings(Relation index, uint32 nbuckets, NpidxPosting *p, int n)
{
	NpidxPosting *sorted = p;
	Buffer	   *hints;
	int			i = 0;

	if (n <= 0)
		return;
	if ((uint32) n < nbuckets / 8 || n < 1024)
		qsort(p, n, sizeof(NpidxPosting), PostingBucketCmp);
	else
	{
		uint32	   *start = palloc_extended(((Size) nbuckets + 1) * sizeof(uint32),
											MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		uint32		b;

		sorted = palloc_extended((Size) n * sizeof(NpidxPosting), MCXT_ALLOC_HUGE);
		for (i = 0; i < n; i++)
			start[p[i].bucket + 1]++;
		for (b = 0; b < nbuckets; b++)
			start[b + 1] += start[b];
		for (i = 0; i < n; i++)
			sorted[start[p[i].bucket]++] = p[i];
		pfree(start);
		i = 0;
	}

	hints = NpidxBucketHints(index, nbuckets);
	while (i < n)
	{
		int			j = i;
		uint32		b = sorted[i].bucket;
		Buffer		head;

		while (j < n && sorted[j].bucket == b)
			j++;
		head = NpidxReadBufferHinted(index, NpidxBucketBlock(b),
									 hints ? &hints[2 * b] : NULL);
		LockBuffer(head, BUFFER_LOCK_EXCLUSIVE);
		NpidxChainAppend(index, head, sorted + i, j - i, true,
						 hints ? &hints[2 * b + 1] : NULL, NULL, NULL);
		UnlockReleaseBuffer(head);
		i = j;
		CHECK_FOR_INTERRUPTS();
	}
	if (sorted != p)
		pfree(sorted);
}

/*
 * Prefetch the cache lines of a bucket chain page that an append touches:
 * with at_lower false its header and special space, with at_lower true the
 * place where postings go (pd_lower, read from the header brought in by the
 * first call).  buf is a buffer hint (NpidxBucketHints): the page is not
 * pinned, and may by now hold another block, so what is read is used only
 * as an address within the buffer, and a wrong one costs a useless
 * prefetch.  A merge's appends touch about two pages per bucket, each a
 * cache (and TLB) miss on every line; fetched a few buckets ahead, while
 * the postings of the ones before are written, they wait less.
 */
#define NPIDX_PREFETCH_AHEAD	4

static inline void
PrefetchChainPage(Buffer buf, bool at_lower)
{
#if defined(__GNUC__) || defined(__clang__)
	char	   *page;

	if (!BufferIsValid(buf) || BufferIsLocal(buf))
		return;
	page = (char *) BufferGetBlock(buf);
	if (!at_lower)
	{
		__builtin_prefetch(page);
		__builtin_prefetch(page + BLCKSZ - sizeof(NpidxPageOpaqueData));
	}
	else
	{
		uint16		lower = ((volatile PageHeaderData *) page)->pd_lower;

		if (lower < BLCKSZ)
			__builtin_prefetch(page + lower, 1);
	}
#endif
}

/*
 * What a merge knows for spilling chain tails (SweepSpillTail): the counting
 * sort's bucket boundaries and, per bucket, the room its head has to spare
 * beyond the merge's own postings for it, learnt when a spill first looks
 * at that head (-1 until then).  The page itself decides, under its lock;
 * spare only says where to look.
 */
typedef struct SweepSpill
{
	uint32		nbuckets;
	const uint32 *start;		/* NpidxInsertRows's; see SweepOwn */
	uint32		placed;			/* end of the bucket range placed */
	int16	   *spare;
	Buffer	   *hints;
} SweepSpill;

/*
 * The merge's postings for bucket x, a bucket after the one being written:
 * start[x] begins them until x's range is placed, and ends them after.
 */
static inline uint32
SweepOwn(const SweepSpill *s, uint32 x)
{
	if (x < s->placed)
		return s->start[x] - s->start[x - 1];
	return s->start[x + 1] - s->start[x];
}

/*
 * What the head of bucket x (page) has to spare beyond the merge's own
 * postings for x: its free room for compact postings (none on a wide
 * head), less SweepOwn, at least 0.
 */
static inline int16
SweepSpare(const SweepSpill *s, uint32 x, Page page)
{
	int			room = NpidxPageIsWide(page) ? 0 :
		NPIDX_COMPACT_PER_PAGE - NpidxPageNEntries(page);

	return (int16) Max(0, room - (int) SweepOwn(s, x));
}

/*
 * Put the n postings at p (bucket b's tail) into the head of bucket b + d
 * if that head is compact and has room for them beyond reserve postings,
 * and with link set the distance d in b's head (locked exclusively by the
 * caller), both in one WAL record.  Returns whether it did; notes what the
 * head of b + d has to spare either way.
 */
static bool
SweepSpillInto(Relation index, SweepSpill *s, Buffer head, uint32 b,
			   uint32 d, const NpidxPosting *p, int n, uint32 reserve,
			   bool link)
{
	uint32		x = b + d;
	BlockNumber blk = NpidxBucketBlock(x);
	Buffer		buffer;
	Page		page,
				hpage = BufferGetPage(head);
	int			have,
				i;
	bool		done;

	buffer = NpidxReadBufferHinted(index, blk, s->hints ? &s->hints[2 * x] : NULL);
	LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
	page = BufferGetPage(buffer);
	NpidxCheckBucketPage(index, page, blk, x);
	have = NpidxPageNEntries(page);
	done = !NpidxPageIsWide(page) &&
		NPIDX_COMPACT_PER_PAGE - have >= n + (int) reserve;
	if (done)
	{
		int			old_lower = ((PageHeader) page)->pd_lower;

		START_CRIT_SECTION();
		for (i = 0; i < n; i++)
			NpidxPageSetEntry(page, have + i, p[i].resid,
							  (ItemPointer) &p[i].tid, p[i].cls);
		NpidxPageSetNEntries(page, have + n);
		MarkBufferDirty(buffer);
		if (link)
		{
			NpidxPageGetOpaque(hpage)->flags |= (uint16) (d << NPIDX_SPILL_SHIFT);
			NpidxPageGetOpaque(hpage)->chain_pages++;
			MarkBufferDirty(head);
			NpidxLogSpill(index, buffer, old_lower, head);
		}
		else
			NpidxLogInPlace(index, buffer, old_lower,
							((PageHeader) page)->pd_upper, false);
		END_CRIT_SECTION();
	}
	s->spare[x] = SweepSpare(s, x, page);
	UnlockReleaseBuffer(buffer);
	return done;
}

/*
 * A merge's NpidxSpillFn: put bucket b's part-page tail, which would take a
 * new page of its own (on a million-row index right after its build, one
 * for each of about a quarter of the buckets, for some 120 postings each),
 * into a later head's room, as the build does (see the design essay in
 * npidx.c): the head that already takes b's spilled tail, if it has room,
 * or else, for a bucket without one, the first of the next NPIDX_SPILL_MAX
 * heads with room to spare beyond the merge's own postings for it; that
 * distance is then set in b's head.  Compact heads only, as in the build.
 * Heads are locked in block order (b's, then a later one), as every writer
 * on the primary locks them.  Replay of the record locks its blocks in the
 * order they were registered (the later head first); on a standby that
 * cannot deadlock, for the startup process is the only writer and a reader
 * holds at most one head and one page of its chain.
 */
static bool
SweepSpillTail(Relation index, Buffer head, const NpidxPosting *p, int n,
			   void *arg)
{
	SweepSpill *s = (SweepSpill *) arg;
	Page		hpage = BufferGetPage(head);
	uint32		b = NpidxPageGetOpaque(hpage)->bucket,
				d = NpidxPageSpill(hpage),
				last;

	if (NpidxPageIsWide(hpage) || b >= s->nbuckets)
		return false;
	if (d != 0)
		return d < s->nbuckets - b &&
			SweepSpillInto(index, s, head, b, d, p, n, 0, false);
	last = Min(NPIDX_SPILL_MAX, s->nbuckets - 1 - b);
	for (d = 1; d <= last; d++)
	{
		uint32		x = b + d;

		if (s->spare[x] < 0)
		{
			/* a head not looked at yet: what it can spare */
			BlockNumber blk = NpidxBucketBlock(x);
			Buffer		buffer = NpidxReadBufferHinted(index, blk,
													   s->hints ? &s->hints[2 * x] : NULL);
			Page		page;

			LockBuffer(buffer, BUFFER_LOCK_SHARE);
			page = BufferGetPage(buffer);
			NpidxCheckBucketPage(index, page, blk, x);
			s->spare[x] = SweepSpare(s, x, page);
			UnlockReleaseBuffer(buffer);
		}
		if (s->spare[x] >= n &&
			SweepSpillInto(index, s, head, b, d, p, n, SweepOwn(s, x), true))
			return true;
	}
	return false;
}

/* A posting of a merge, grouped by bucket: the row (an index into the
 * merge's arrays) and the key residue; the bucket is its place */
typedef struct NpidxRowPosting
{
	uint32		row;
	uint16		resid;
} NpidxRowPosting;

/*
 * Add the postings of n rows (TIDs and fingerprints; a NULL fingerprint has
 * none) to their bucket chains, each touched page changed once.  This is
 * the merge's path: the postings are grouped by bucket with a counting sort
 * straight from the fingerprints (one pass to count, one to place) into
 * 8-byte (row, residue) pairs, and each bucket's postings are expanded to
 * full ones only when its chain is written, so that the merge's memory is
 * one array of 8 bytes a posting (two arrays of 12 bytes before: their
 * first touch alone was a tenth of a merge's time in page faults).  When
 * that array would take more than maintenance_work_mem, the buckets are
 * written in ranges, in order, each range's postings placed by a pass of
 * its own over the rows: still one change of each touched page, for what a
 * merge costs is mostly the pages it touches, about one of every bucket.
 * Few postings take the sorting path of NpidxInsertPostings.  The caller
 * bounds n so that the postings' count fits in 32 bits.
 */
void
NpidxInsertRows(Relation index, uint32 nbuckets, const ItemPointerData *tids,
				const NpFingerprint *const *fps, int n)
{
	uint64		total = 0,
				cap;
	uint32	   *start;
	uint8	   *cls;
	NpidxRowPosting *sorted;
	NpidxPosting *buf;
	Buffer	   *hints;
	SweepSpill	spill;
	uint32		maxcount = 0,
				blo,
				b,
				version;
	int			i,
				j;

	for (i = 0; i < n; i++)
		if (fps[i] != NULL)
			total += NpFingerprintNHashes(fps[i]);
	if (total == 0)
		return;
	version = NpidxGetMeta(index)->version;
	if (total < nbuckets / 8 || total < 1024)
	{
		NpidxPosting *p = palloc(total * sizeof(NpidxPosting));
		int			np = 0;

		for (i = 0; i < n; i++)
			if (fps[i] != NULL)
				NpidxRowPostings(fps[i], (ItemPointer) &tids[i], nbuckets,
								 version, p, &np);
		NpidxInsertPostings(index, nbuckets, p, np);
		pfree(p);
		return;
	}
	if (total >= PG_UINT32_MAX)
		elog(ERROR, "npidx: too many postings in one merge");

	/* count the postings of every bucket, and note every row's class */
	cls = palloc(n);
	start = palloc_extended(((Size) nbuckets + 1) * sizeof(uint32),
							MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	for (i = 0; i < n; i++)
	{
		const NpFingerprint *fp = fps[i];
		int			k;

		if (fp == NULL || (k = NpFingerprintNHashes(fp)) == 0)
			continue;
		cls[i] = NpidxRowClass(fp, version);
		for (j = 0; j < k; j++)
			start[NpidxBucketOf(NpidxMix(fp->hashes[j]), nbuckets) + 1]++;
		CHECK_FOR_INTERRUPTS();
	}
	for (b = 0; b < nbuckets; b++)
	{
		maxcount = Max(maxcount, start[b + 1]);
		start[b + 1] += start[b];
	}

	/* postings placed at once: what maintenance_work_mem holds, or a bucket */
	cap = Max((uint64) maintenance_work_mem * 1024 / sizeof(NpidxRowPosting),
			  maxcount);
	sorted = NpidxAllocScattered(Min(total, cap) * sizeof(NpidxRowPosting));
	buf = palloc_extended((Size) maxcount * sizeof(NpidxPosting), MCXT_ALLOC_HUGE);
	hints = NpidxBucketHints(index, nbuckets);
	spill.nbuckets = nbuckets;
	spill.start = start;
	spill.hints = hints;
	spill.spare = NULL;
	if (version >= NPIDX_SPILL_VERSION)
	{
		spill.spare = palloc_extended((Size) nbuckets * sizeof(int16), MCXT_ALLOC_HUGE);
		memset(spill.spare, 0xFF, (Size) nbuckets * sizeof(int16));
	}

	for (blo = 0; blo < nbuckets;)
	{
		uint32		bhi = blo,
					base = start[blo],
					lo;

		/* the range [blo, bhi): as many buckets as cap postings allow */
		while (bhi < nbuckets && start[bhi + 1] - base <= cap)
			bhi++;
		spill.placed = bhi;

		/* place its postings: start[b] then ends bucket b's range */
		for (i = 0; i < n; i++)
		{
			const NpFingerprint *fp = fps[i];
			int			k;

			if (fp == NULL || (k = NpFingerprintNHashes(fp)) == 0)
				continue;
			for (j = 0; j < k; j++)
			{
				uint32		mix = NpidxMix(fp->hashes[j]);
				uint32		bk = NpidxBucketOf(mix, nbuckets);
				NpidxRowPosting *e;

				if (bk < blo || bk >= bhi)
					continue;
				e = &sorted[start[bk]++ - base];
				e->row = (uint32) i;
				e->resid = NpidxResidOf(mix);
			}
			CHECK_FOR_INTERRUPTS();
		}

		/* write its buckets in block order */
		lo = base;
		for (b = blo; b < bhi; b++)
		{
			uint32		hi = start[b],
						x;
			Buffer		head;

			if (hints != NULL)
			{
				/* the pages of the buckets coming next, in two steps */
				if (b + NPIDX_PREFETCH_AHEAD < nbuckets)
				{
					PrefetchChainPage(hints[2 * (b + NPIDX_PREFETCH_AHEAD)], false);
					PrefetchChainPage(hints[2 * (b + NPIDX_PREFETCH_AHEAD) + 1], false);
				}
				if (b + NPIDX_PREFETCH_AHEAD / 2 < nbuckets)
				{
					PrefetchChainPage(hints[2 * (b + NPIDX_PREFETCH_AHEAD / 2)], true);
					PrefetchChainPage(hints[2 * (b + NPIDX_PREFETCH_AHEAD / 2) + 1], true);
				}
			}
			if (hi == lo)
				continue;
			for (x = lo; x < hi; x++)
			{
				NpidxPosting *e = &buf[x - lo];
				const NpidxRowPosting *r = &sorted[x - base];

				e->bucket = b;
				e->resid = r->resid;
				e->cls = cls[r->row];
				e->tid = tids[r->row];
			}
			head = NpidxReadBufferHinted(index, NpidxBucketBlock(b),
										 hints ? &hints[2 * b] : NULL);
			LockBuffer(head, BUFFER_LOCK_EXCLUSIVE);
			NpidxChainAppend(index, head, buf, (int) (hi - lo), true,
							 hints ? &hints[2 * b + 1] : NULL,
							 spill.spare ? SweepSpillTail : NULL, &spill);
			UnlockReleaseBuffer(head);
			lo = hi;
			CHECK_FOR_INTERRUPTS();
		}
		blo = bhi;
	}
	if (spill.spare)
		pfree(spill.spare);
	pfree(buf);
	pfree(sorted);
	pfree(start);
	pfree(cls);
}

/*
 * Add n rows to the row list (first, as everywhere: vacuum finds dead rows
 * there) and their postings to the buckets.
 */
void
NpidxInsertRowsAll(Relation index, const ItemPointerData *tids,
				   const NpFingerprint *const *fps, int n)
{
	NpidxAppendRows(index, tids, n, fps);
	NpidxInsertRows(index, NpidxGetMeta(index)->nbuckets, tids, fps, n);
}

/* The postings of one row, appended to p[*n...] (p has room) */
void
NpidxRowPostings(const NpFingerprint *fp, ItemPointer tid, uint32 nbuckets,
				 uint32 version, NpidxPosting *p, int *n)
{
	int			k = NpFingerprintNHashes(fp);
	uint8		cls;
	int			i;

	if (k == 0)
		return;
	cls = NpidxRowClass(fp, version);
	for (i = 0; i < k; i++)
	{
		uint32		mix = NpidxMix(fp->hashes[i]);
		NpidxPosting *e = &p[(*n)++];

		e->bucket = NpidxBucketOf(mix, nbuckets);
		e->resid = NpidxResidOf(mix);
		e->cls = cls;
		e->tid = *tid;
	}
}

/*
 * Insert one row into an npidx index: kept in the backend until the
 * transaction commits or keeps too many (npidx_local.c), or else into the
 * pending list, merged into the buckets once it passes pending_list_limit.
 * A fingerprint too large for a pending-list page goes straight to the
 * buckets.
 */
bool
npidxinsert(Relation index, Datum *values, bool *isnull,
			ItemPointer ht_ctid, Relation heapRel,
			IndexUniqueCheck checkUnique
			NP_AMINSERT_EXTRA_ARGS,
			IndexInfo *indexInfo)
{
	MemoryContext cxt,
				oldcxt;
	NpFingerprint *fp = NULL;
	bool		merge;

	cxt = AllocSetContextCreate(CurrentMemoryContext,
								"npidx insert temporary context",
								ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(cxt);

	if (!isnull[0])
		fp = DatumGetNpFingerprintP(values[0]);

	merge = !NpidxLocalInsert(index, ht_ctid, fp, indexInfo) &&
		NpidxPendingInsertRow(index, ht_ctid, fp);
	if (merge)
		(void) NpidxPendingMerge(index, false);

	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(cxt);
	return false;
}
