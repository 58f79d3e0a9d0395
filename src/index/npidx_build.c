/*-------------------------------------------------------------------------
 *
 * npidx_build.c
 *	  CREATE INDEX for npidx: collect postings, sort them by bucket, write
 *	  each page once, WAL-log all pages at the end; and the empty index of
 *	  an unlogged table.
 *
 * The build algorithm is described in the design essay of npidx.c.
 *
 * src/index/npidx_build.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "access/tableam.h"
#include "access/xloginsert.h"
#include "catalog/index.h"
#include "commands/progress.h"
#include "miscadmin.h"
#include "pgstat.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "fingerprint/fp_core.h"
#include "index/npidx.h"

typedef struct NpidxBuildState
{
	Relation	heap;
	Relation	index;
	int			fillfactor;
	uint32		nbuckets;		/* 0 until chosen */
	int			reloption_buckets;
	bool		wide;			/* 8-byte postings (heap over 32 GB) */
	uint16		pageflags;		/* flags of new bucket pages */

	/* the current batch: postings (mix << 32 | row number) and rows */
	uint64	   *entries;
	Size		nentries;
	Size		maxentries;
	ItemPointerData *rows;
	uint8	   *rowcls;			/* class of each row (npidx.h) */
	uint32		nrows;
	uint32		maxrows;
	Size		memlimit;
	double		hintRows;		/* pg_class.reltuples, to size the batch */

	/* progress of the table scan, for estimating the total */
	BlockNumber heapblocks;
	BlockNumber blocks_seen;
	BlockNumber last_block;
	double		entries_total;	/* postings flushed so far */
	double		indtuples;		/* rows indexed */
	bool		flushed;		/* heads written? */

	/* the smallest limit and fewest hashes of a truncated sample */
	NpidxMetaPageData metaNotes;

	/* room left in each head page for spilled tails (NPIDX_SPILL_SHIFT) */
	uint16	   *headroom;

	/* the row list */
	BlockNumber rowHead;
	BlockNumber rowTail;

	MemoryContext tmpcxt;
} NpidxBuildState;

/*
 * Extend the index by one page and return it, exclusively locked.  During a
 * build nobody else can extend the relation.
 */
static Buffer
NpidxBuildNewBuffer(Relation index, BlockNumber expect)
{
	Buffer		buffer = ReadBufferExtended(index, MAIN_FORKNUM, P_NEW,
											RBM_NORMAL, NULL);

	if (expect != InvalidBlockNumber && BufferGetBlockNumber(buffer) != expect)
		elog(ERROR, "npidx build: got block %u, expected %u",
			 BufferGetBlockNumber(buffer), expect);
	LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
	return buffer;
}

/*
 * Append the batch's rows to the row list.
 */
static void
NpidxBuildWriteRows(NpidxBuildState *st)
{
	uint32		done = 0;

	while (done < st->nrows)
	{
		Buffer		buffer;
		Page		page;
		int			have,
					take;

		if (st->rowTail != InvalidBlockNumber)
		{
			buffer = ReadBuffer(st->index, st->rowTail);
			LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
			page = BufferGetPage(buffer);
			if (NpidxPageNRows(page) >= NPIDX_ROWS_PER_PAGE)
			{
				Buffer		nbuf = NpidxBuildNewBuffer(st->index, InvalidBlockNumber);

				NpidxInitPage(BufferGetPage(nbuf), NPIDX_ROWS, NPIDX_NO_BUCKET);
				NpidxPageGetOpaque(page)->next = BufferGetBlockNumber(nbuf);
				MarkBufferDirty(buffer);
				UnlockReleaseBuffer(buffer);
				buffer = nbuf;
				st->rowTail = BufferGetBlockNumber(nbuf);
				page = BufferGetPage(buffer);
			}
		}
		else
		{
			buffer = NpidxBuildNewBuffer(st->index, InvalidBlockNumber);
			page = BufferGetPage(buffer);
			NpidxInitPage(page, NPIDX_ROWS, NPIDX_NO_BUCKET);
			st->rowHead = st->rowTail = BufferGetBlockNumber(buffer);
		}

		have = NpidxPageNRows(page);
		take = Min((uint32) (NPIDX_ROWS_PER_PAGE - have), st->nrows - done);
		memcpy(NpidxPageRows(page) + have, st->rows + done,
			   take * sizeof(ItemPointerData));
		NpidxSetPageCount(page, have + take, sizeof(ItemPointerData));
		done += take;
		MarkBufferDirty(buffer);
		UnlockReleaseBuffer(buffer);
	}
}

/*
 * Batch entries are collected as (mix << 32 | row number); once the bucket
 * count is known they are recoded as (bucket << 40 | residue << 24 | row
 * number), which sorts by bucket as plain integers.  Hence at most
 * NPIDX_BATCH_ROWS rows per batch (bucket numbers fit in 24 bits anyway).
 */
#define NPIDX_BATCH_ROWS	(1 << 24)
#define EntryBucket(e)		((uint32) ((e) >> 40))
#define EntryResid(e)		((uint16) ((e) >> 24))
#define EntryRow(e)			((uint32) ((e) & 0xFFFFFF))

#define NPIDX_RADIX_BITS	11

/*
 * Sort the batch's postings by bucket: recode them, then an LSD radix sort
 * on the bucket number, 11 bits a pass, through a scratch array (sequential
 * reads and 2048 sequential write streams: cache-friendly, unlike an
 * in-place permutation of a multi-gigabyte array).  Returns the bucket
 * start offsets (nbuckets + 1 entries).
 */
static Size *
NpidxBuildSortByBucket(NpidxBuildState *st)
{
	uint32		nb = st->nbuckets;
	Size		n = st->nentries;
	Size	   *start = palloc_extended((nb + 1) * sizeof(Size), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	uint64	   *src = st->entries;
	uint64	   *dst;
	Size		i;
	uint32		b;
	int			bits = 0;
	int			shift;

	/*
	 * No postings (every row NULL or without hashes): every bucket is empty.
	 * The passes below would swap the batch array with a NULL scratch array
	 * and pass NULL to memcpy, after which the compiler may take the NULL
	 * for a pointer to free.
	 */
	if (n == 0)
		return start;
	for (i = 0; i < n; i++)
	{
		uint64		e = src[i];
		uint32		mix = (uint32) (e >> 32);

		src[i] = ((uint64) NpidxBucketOf(mix, nb) << 40) |
			((uint64) NpidxResidOf(mix) << 24) | (e & 0xFFFFFF);
	}
	while (bits < 32 && ((uint64) 1 << bits) < nb)
		bits++;

	dst = n > 0 ? palloc_extended(n * sizeof(uint64), MCXT_ALLOC_HUGE) : NULL;
	for (shift = 0; shift < bits; shift += NPIDX_RADIX_BITS)
	{
		Size		count[1 << NPIDX_RADIX_BITS];
		Size		sum = 0;
		uint64	   *t;

		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[(EntryBucket(src[i]) >> shift) & ((1 << NPIDX_RADIX_BITS) - 1)]++;
		for (b = 0; b < (1 << NPIDX_RADIX_BITS); b++)
		{
			Size		c = count[b];

			count[b] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[(EntryBucket(src[i]) >> shift) & ((1 << NPIDX_RADIX_BITS) - 1)]++] = src[i];
		t = src;
		src = dst;
		dst = t;
		CHECK_FOR_INTERRUPTS();
	}
	if (src != st->entries)
	{
		memcpy(st->entries, src, n * sizeof(uint64));
		dst = src;
	}
	if (dst)
		pfree(dst);

	for (i = 0; i < n; i++)
		start[EntryBucket(st->entries[i]) + 1]++;
	for (b = 0; b < nb; b++)
		start[b + 1] += start[b];
	return start;
}

/* Fill page with postings entries[from, to) of the batch */
static void
NpidxBuildFill(NpidxBuildState *st, Page page, Size from, Size to)
{
	int			n = NpidxPageNEntries(page);
	Size		i;

	for (i = from; i < to; i++, n++)
	{
		uint64		e = st->entries[i];
		ItemPointer tid = &st->rows[EntryRow(e)];

		Assert(NpidxPageIsWide(page) || NpidxTidIsCompact(tid));
		NpidxPageSetEntry(page, n, EntryResid(e), tid, st->rowcls[EntryRow(e)]);
	}
	NpidxPageSetNEntries(page, n);
}

/* Does any posting of entries[from, to) need a wide page? */
static bool
NpidxBuildNeedsWide(NpidxBuildState *st, Size from, Size to)
{
	Size		i;

	if (st->wide)
		return true;
	for (i = from; i < to; i++)
		if (!NpidxTidIsCompact(&st->rows[EntryRow(st->entries[i])]))
			return true;
	return false;
}

/*
 * The layout of the first batch's chains, planned before anything is
 * written: per bucket, whether it takes wide pages, and the distance to the
 * later head page that takes its spilled tail (0: none).
 */
typedef struct NpidxBuildPlan
{
	bool	   *wide;
	uint8	   *spill;
} NpidxBuildPlan;

/* Postings per page of bucket b */
static inline Size
PlanPerPage(const NpidxBuildPlan *plan, uint32 b)
{
	return plan->wide[b] ? NPIDX_WIDE_PER_PAGE : NPIDX_COMPACT_PER_PAGE;
}

/*
 * The postings of a bucket past its head that do not fill a page: the tail
 * that would take a page of its own.
 */
static inline Size
PlanTail(Size cnt, Size perpage)
{
	return cnt > perpage ? (cnt - perpage) % perpage : 0;
}

/*
 * Pages of bucket b's own chain: the head, the full pages after it, and a
 * page for the tail unless the tail is spilled.
 */
static inline Size
PlanPages(const NpidxBuildPlan *plan, uint32 b, Size cnt)
{
	Size		perpage = PlanPerPage(plan, b);

	if (cnt <= perpage)
		return 1;
	return 1 + (cnt - perpage) / perpage +
		(PlanTail(cnt, perpage) > 0 && plan->spill[b] == 0 ? 1 : 0);
}

/*
 * Plan the first batch.  Bucket sizes vary far more than a Poisson spread
 * on real text (a few keys hold thousands of postings), so that, one page
 * per bucket at least, many heads stay part empty while longer chains end
 * in part-empty pages: on a million articles of the bench corpus a quarter
 * of the bucket pages' room.  The tail of a chain (the postings past its
 * last full page) therefore goes, where it fits, into the room left in the
 * first of the next NPIDX_SPILL_MAX compact heads that has enough, after
 * that head's own postings and the tails already put there.  A lookup of
 * the bucket then reads that head instead of a page of its own: as many
 * pages as before.  Wide buckets neither spill nor take spills.
 */
static NpidxBuildPlan
NpidxBuildPlanChains(NpidxBuildState *st, Size *start)
{
	uint32		nb = st->nbuckets;
	NpidxBuildPlan plan;
	Size	   *room = palloc_extended(nb * sizeof(Size), MCXT_ALLOC_HUGE);
	uint32		b;

	plan.wide = palloc_extended(nb * sizeof(bool), MCXT_ALLOC_HUGE);
	plan.spill = palloc_extended(nb, MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	for (b = 0; b < nb; b++)
	{
		Size		cnt = start[b + 1] - start[b];

		plan.wide[b] = NpidxBuildNeedsWide(st, start[b], start[b + 1]);
		room[b] = (plan.wide[b] || cnt >= NPIDX_COMPACT_PER_PAGE) ? 0 :
			NPIDX_COMPACT_PER_PAGE - cnt;
		if ((b & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	for (b = 0; b < nb; b++)
	{
		Size		tail;
		uint32		d;

		if ((b & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		if (plan.wide[b])
			continue;
		tail = PlanTail(start[b + 1] - start[b], NPIDX_COMPACT_PER_PAGE);
		if (tail == 0)
			continue;
		for (d = 1; d <= NPIDX_SPILL_MAX && d < nb - b; d++)
		{
			if (room[b + d] >= tail)
			{
				room[b + d] -= tail;
				plan.spill[b] = (uint8) d;
				break;
			}
		}
	}
	/* kept for the later batches' spills */
	st->headroom = palloc_extended(nb * sizeof(uint16), MCXT_ALLOC_HUGE);
	for (b = 0; b < nb; b++)
		st->headroom[b] = (uint16) room[b];
	pfree(room);
	return plan;
}

/*
 * First batch: write every bucket head page in block order (its own
 * postings, then the tails spilled into it), then the overflow pages, whose
 * block numbers are assigned in advance; each page is written exactly once.
 * A bucket holding a TID that does not fit a compact posting (offset over
 * 63) gets wide pages throughout.
 */
static void
NpidxBuildWriteFirst(NpidxBuildState *st, Size *start)
{
	uint32		nb = st->nbuckets;
	NpidxBuildPlan plan = NpidxBuildPlanChains(st, start);
	BlockNumber ovf = nb + 1;
	Size		written = 0;
	uint32		b;

	/* heads */
	for (b = 0; b < nb; b++)
	{
		Size		cnt = start[b + 1] - start[b];
		Size		perpage = PlanPerPage(&plan, b);
		Size		npages = PlanPages(&plan, b, cnt);
		Buffer		buffer = NpidxBuildNewBuffer(st->index, NpidxBucketBlock(b));
		Page		page = BufferGetPage(buffer);
		uint32		d;

		NpidxInitPage(page, NPIDX_BUCKET | (plan.wide[b] ? NPIDX_WIDE : 0), b);
		NpidxBuildFill(st, page, start[b], start[b] + Min(cnt, perpage));
		written += Min(cnt, perpage);
		/* the tails of earlier buckets that spill here */
		for (d = 1; d <= NPIDX_SPILL_MAX && d <= b; d++)
		{
			uint32		src = b - d;

			if (plan.spill[src] == d)
			{
				Size		tail = PlanTail(start[src + 1] - start[src],
											NPIDX_COMPACT_PER_PAGE);

				Assert(!plan.wide[b] && !plan.wide[src]);
				NpidxBuildFill(st, page, start[src + 1] - tail, start[src + 1]);
				written += tail;
			}
		}
		Assert(NpidxPageNEntries(page) <= (int) perpage);
		NpidxPageGetOpaque(page)->flags |= (uint16) plan.spill[b] << NPIDX_SPILL_SHIFT;
		/* the spilled tail is one more page for a lookup to read */
		NpidxPageGetOpaque(page)->chain_pages =
			(uint32) npages + (plan.spill[b] != 0 ? 1 : 0);
		if (npages > 1)
		{
			NpidxPageGetOpaque(page)->next = ovf;
			ovf += npages - 1;
		}
		MarkBufferDirty(buffer);
		UnlockReleaseBuffer(buffer);
		if ((b & 255) == 0)
		{
			pgstat_progress_update_param(PROGRESS_CREATEIDX_TUPLES_DONE, written);
			CHECK_FOR_INTERRUPTS();
		}
	}

	/* overflow pages, same order; all full when the tail was spilled */
	ovf = nb + 1;
	for (b = 0; b < nb; b++)
	{
		Size		cnt = start[b + 1] - start[b];
		Size		perpage = PlanPerPage(&plan, b);
		Size		npages = PlanPages(&plan, b, cnt);
		Size		j;

		for (j = 1; j < npages; j++)
		{
			Buffer		buffer = NpidxBuildNewBuffer(st->index, ovf);
			Page		page = BufferGetPage(buffer);
			Size		from = start[b] + j * perpage;
			Size		to = Min(from + perpage, start[b + 1]);

			NpidxInitPage(page, NPIDX_BUCKET | (plan.wide[b] ? NPIDX_WIDE : 0), b);
			NpidxBuildFill(st, page, from, to);
			NpidxPageGetOpaque(page)->chain_pages = 0;
			if (j + 1 < npages)
				NpidxPageGetOpaque(page)->next = ovf + 1;
			ovf++;
			MarkBufferDirty(buffer);
			UnlockReleaseBuffer(buffer);
			written += to - from;
		}
		if ((b & 255) == 0)
		{
			pgstat_progress_update_param(PROGRESS_CREATEIDX_TUPLES_DONE, written);
			CHECK_FOR_INTERRUPTS();
		}
	}
	pfree(plan.wide);
	pfree(plan.spill);
}

/*
 * Room that NpidxChainAppend would find for compact postings in the chain
 * of the (locked) head: in the head and the next pages it visits.
 */
static Size
NpidxBuildChainRoom(NpidxBuildState *st, Buffer head)
{
	Page		hpage = BufferGetPage(head);
	Size		room = NpidxPageCapacity(hpage) - NpidxPageNEntries(hpage);
	BlockNumber blk = NpidxPageGetOpaque(hpage)->next;
	int			visited = 1;

	while (blk != InvalidBlockNumber && visited < NPIDX_APPEND_VISIT)
	{
		Buffer		buffer = ReadBuffer(st->index, blk);
		Page		page;

		LockBuffer(buffer, BUFFER_LOCK_SHARE);
		page = BufferGetPage(buffer);
		room += NpidxPageCapacity(page) - NpidxPageNEntries(page);
		blk = NpidxPageGetOpaque(page)->next;
		UnlockReleaseBuffer(buffer);
		visited++;
	}
	return room;
}

/*
 * Put the last n postings of p into the head of bucket b + d if that head is
 * compact and has room for them beyond reserve more postings (its own, still
 * to come in this batch).  Returns whether it did.
 */
static bool
NpidxBuildSpillInto(NpidxBuildState *st, uint32 b, uint32 d,
					const NpidxPosting *p, int n, Size reserve)
{
	Buffer		buffer = ReadBuffer(st->index, NpidxBucketBlock(b + d));
	Page		page;
	int			have;
	int			i;
	bool		done = false;

	LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
	page = BufferGetPage(buffer);
	have = NpidxPageNEntries(page);
	if (!NpidxPageIsWide(page) &&
		(Size) (NPIDX_COMPACT_PER_PAGE - have) >= (Size) n + reserve)
	{
		for (i = 0; i < n; i++)
			NpidxPageSetEntry(page, have + i, p[i].resid,
							  (ItemPointer) &p[i].tid, p[i].cls);
		NpidxPageSetNEntries(page, have + n);
		MarkBufferDirty(buffer);
		done = true;
	}
	UnlockReleaseBuffer(buffer);
	return done;
}

/*
 * Later batches: add each bucket's postings to its existing chain.  The
 * postings that would open a last, part-filled page of their own are
 * spilled instead, as in the first batch: into the head that already takes
 * the bucket's spilled tail if it has room, or else, for a bucket without
 * one, into the first of the next NPIDX_SPILL_MAX heads with room to spare
 * beyond their own postings of this batch.  (Appending every later batch
 * through NpidxChainAppend alone gave a new, nearly empty page to every
 * bucket whose pages were full.)
 */
static void
NpidxBuildWriteMore(NpidxBuildState *st, Size *start)
{
	uint32		b;
	NpidxPosting *p = NULL;
	Size		maxp = 0;

	for (b = 0; b < st->nbuckets; b++)
	{
		Size		cnt = start[b + 1] - start[b];
		Buffer		head;
		Page		hpage;
		Size		i;
		Size		tail = 0;
		bool		compact = true;

		if (cnt == 0)
			continue;
		if (cnt > maxp)
		{
			maxp = Max(cnt, 1024);
			p = p ? repalloc_huge(p, maxp * sizeof(NpidxPosting)) :
				palloc_extended(maxp * sizeof(NpidxPosting), MCXT_ALLOC_HUGE);
		}
		for (i = 0; i < cnt; i++)
		{
			uint64		e = st->entries[start[b] + i];

			p[i].resid = EntryResid(e);
			p[i].cls = st->rowcls[EntryRow(e)];
			p[i].tid = st->rows[EntryRow(e)];
			if (!NpidxTidIsCompact(&p[i].tid))
				compact = false;
		}
		head = ReadBuffer(st->index, NpidxBucketBlock(b));
		LockBuffer(head, BUFFER_LOCK_EXCLUSIVE);
		hpage = BufferGetPage(head);
		if (compact && !NpidxPageIsWide(hpage))
		{
			Size		room = NpidxBuildChainRoom(st, head);

			if (cnt > room)
				tail = (cnt - room) % NPIDX_COMPACT_PER_PAGE;
		}
		if (tail > 0)
		{
			uint32		d = NpidxPageSpill(hpage);

			if (d != 0)
			{
				if (st->headroom[b + d] < tail ||
					!NpidxBuildSpillInto(st, b, d, p + cnt - tail, (int) tail, 0))
					tail = 0;
			}
			else
			{
				/* headroom[] tells where to look; the page itself decides */
				for (d = 1; d <= NPIDX_SPILL_MAX && d < st->nbuckets - b; d++)
				{
					Size		own = start[b + d + 1] - start[b + d];

					if (st->headroom[b + d] >= tail + own &&
						NpidxBuildSpillInto(st, b, d, p + cnt - tail, (int) tail, own))
					{
						NpidxPageGetOpaque(hpage)->flags |=
							(uint16) d << NPIDX_SPILL_SHIFT;
						NpidxPageGetOpaque(hpage)->chain_pages++;
						MarkBufferDirty(head);
						break;
					}
				}
				if (d > NPIDX_SPILL_MAX || d >= st->nbuckets - b)
					tail = 0;
			}
			if (tail > 0)
				st->headroom[b + d] -= (uint16) Min(tail, st->headroom[b + d]);
		}
		NpidxChainAppend(st->index, head, p, (int) (cnt - tail), false, NULL,
						 NULL, NULL);
		st->headroom[b] = (uint16) (NpidxPageCapacity(hpage) - NpidxPageNEntries(hpage));
		if (NpidxPageIsWide(hpage))
			st->headroom[b] = 0;
		UnlockReleaseBuffer(head);
		if ((b & 255) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	if (p)
		pfree(p);
}

/*
 * Write the current batch into the index and empty it.
 */
static void
NpidxBuildFlush(NpidxBuildState *st, bool final)
{
	Size	   *start;

	if (st->nbuckets == 0)
	{
		double		expected = (double) st->nentries;

		/*
		 * Memory ran out first: extrapolate from the share scanned.  (Until
		 * 0.2 this asked for 10% more, which left heads emptier than a
		 * build in one batch: 5-6% more index for the same table.)
		 */
		if (!final && st->blocks_seen > 0 && st->heapblocks > st->blocks_seen)
			expected = expected * st->heapblocks / st->blocks_seen;
		st->nbuckets = NpidxChooseBuckets(expected, st->fillfactor, st->wide);

		/*
		 * An index built on an empty table is about to be loaded through
		 * inserts, and its bucket count never changes: sixteen buckets would
		 * make every chain as long as a sixteenth of the index.  Presize it
		 * as a buckets = NPIDX_PRESIZE_BUCKETS reloption may (8 MB).
		 */
		if (final && st->nentries == 0 && st->reloption_buckets == 0)
			st->nbuckets = Max(st->nbuckets, NPIDX_PRESIZE_BUCKETS);
		if (st->reloption_buckets > 0)
			st->nbuckets = NpidxCapBuckets(st->reloption_buckets, st->nbuckets,
										   st->heapblocks);
	}

	pgstat_progress_update_param(PROGRESS_CREATEIDX_SUBPHASE, NPIDX_PHASE_SORT);
	start = NpidxBuildSortByBucket(st);

	pgstat_progress_update_param(PROGRESS_CREATEIDX_SUBPHASE, NPIDX_PHASE_WRITE);
	pgstat_progress_update_param(PROGRESS_CREATEIDX_TUPLES_TOTAL, st->nentries);
	pgstat_progress_update_param(PROGRESS_CREATEIDX_TUPLES_DONE, 0);
	if (!st->flushed)
		NpidxBuildWriteFirst(st, start);
	else
		NpidxBuildWriteMore(st, start);
	st->flushed = true;
	NpidxBuildWriteRows(st);
	pfree(start);

	st->entries_total += st->nentries;
	st->nentries = 0;
	st->nrows = 0;
	if (!final)
		pgstat_progress_update_param(PROGRESS_CREATEIDX_SUBPHASE, NPIDX_PHASE_SCAN);
}

/* Bytes the batch would use with the given capacities (and the sort's scratch) */
static inline Size
BatchBytes(Size maxentries, Size maxrows)
{
	return maxentries * 2 * sizeof(uint64) +
		maxrows * (sizeof(ItemPointerData) + sizeof(uint8));
}

/*
 * Grow the batch arrays so that they hold nentries more postings and one more
 * row; returns false when that would exceed maintenance_work_mem.
 */
static bool
NpidxBuildReserve(NpidxBuildState *st, int nentries)
{
	Size		needE = st->nentries + nentries;
	Size		needR = st->nrows + 1;
	Size		newE = st->maxentries,
				newR = st->maxrows;

	if (needR > NPIDX_BATCH_ROWS)
		return false;
	if (needE <= st->maxentries && needR <= st->maxrows)
		return true;
	/* the first time, room for the rows the planner expects */
	if (newE == 0 && st->hintRows > 0)
	{
		newR = (Size) Min(st->hintRows * 1.05 + 1024, (double) NPIDX_BATCH_ROWS);
		newE = (Size) (newR * (double) NP_FP_DEFAULT_SKETCH_SIZE);
	}
	while (newE < needE)
		newE = Max(newE * 2, 1024);
	while (newR < needR)
		newR = Max(newR * 2, 1024);
	if (BatchBytes(newE, newR) > st->memlimit)
	{
		Size		rowbytes = newR * (sizeof(ItemPointerData) + 1);

		/*
		 * Shrink the growth to what fits, if the need itself fits.  The rows
		 * alone may take more than the limit (the planner's row count of a
		 * large table, or a small maintenance_work_mem): then the postings
		 * get only what they need, and so do the rows below.  (Subtracting
		 * regardless wrapped around, and the wrapped product passed the
		 * check: an "out of memory" for 2^63 bytes.)
		 */
		if (BatchBytes(needE, needR) > st->memlimit)
			return false;
		newE = rowbytes < st->memlimit ?
			Max(needE, (st->memlimit - rowbytes) / (2 * sizeof(uint64))) : needE;
		if (BatchBytes(newE, newR) > st->memlimit)
		{
			newR = needR;
			newE = needE;
		}
	}
	if (newE != st->maxentries)
	{
		st->entries = st->entries ?
			repalloc_huge(st->entries, newE * sizeof(uint64)) :
			palloc_extended(newE * sizeof(uint64), MCXT_ALLOC_HUGE);
		st->maxentries = newE;
	}
	if (newR != st->maxrows)
	{
		st->rows = st->rows ?
			repalloc_huge(st->rows, newR * sizeof(ItemPointerData)) :
			palloc_extended(newR * sizeof(ItemPointerData), MCXT_ALLOC_HUGE);
		st->rowcls = st->rowcls ?
			repalloc_huge(st->rowcls, newR) :
			palloc_extended(newR, MCXT_ALLOC_HUGE);
		st->maxrows = newR;
	}
	return true;
}

/*
 * Table scan callback: add the row and one posting per sample hash.
 */
static void
NpidxBuildCallback(Relation index, ItemPointer tid, Datum *values,
				   bool *isnull, bool tupleIsAlive, void *state)
{
	NpidxBuildState *st = (NpidxBuildState *) state;
	MemoryContext oldcxt;
	NpFingerprint *fp = NULL;
	int			n = 0;
	int			i;

	if (ItemPointerGetBlockNumber(tid) != st->last_block)
	{
		st->last_block = ItemPointerGetBlockNumber(tid);
		st->blocks_seen++;
	}

	oldcxt = MemoryContextSwitchTo(st->tmpcxt);
	if (!isnull[0])
	{
		fp = DatumGetNpFingerprintP(values[0]);
		n = NpFingerprintNHashes(fp);
		(void) NpidxMetaNoteSample(&st->metaNotes, fp);
	}

	MemoryContextSwitchTo(oldcxt);
	if (!NpidxBuildReserve(st, n))
	{
		if (st->nentries == 0 && st->nrows == 0)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("maintenance_work_mem is too small to build npidx index \"%s\"",
							RelationGetRelationName(index)),
					 errhint("Increase maintenance_work_mem.")));
		NpidxBuildFlush(st, false);
		if (!NpidxBuildReserve(st, n))
			elog(ERROR, "npidx build: cannot reserve memory for one row");
	}

	st->rows[st->nrows] = *tid;
	st->rowcls[st->nrows] = n > 0 ? NpidxRowClass(fp, NPIDX_VERSION) : 0;
	for (i = 0; i < n; i++)
		st->entries[st->nentries++] =
			((uint64) NpidxMix(fp->hashes[i]) << 32) | st->nrows;
	st->nrows++;
	st->indtuples += 1;

	MemoryContextReset(st->tmpcxt);
}

/*
 * Build a new npidx index.
 */
IndexBuildResult *
npidxbuild(Relation heap, Relation index, IndexInfo *indexInfo)
{
	IndexBuildResult *result;
	NpidxBuildState st;
	NpidxOptions *opts = (NpidxOptions *) index->rd_options;
	Buffer		metabuf;
	Page		metapage;
	NpidxMetaPage meta;
	double		reltuples;

	if (RelationGetNumberOfBlocks(index) != 0)
		elog(ERROR, "index \"%s\" already contains data",
			 RelationGetRelationName(index));
	/* a TRUNCATE in place: the rows this transaction kept are gone */
	NpidxLocalForget(index);

	memset(&st, 0, sizeof(st));
	st.heap = heap;
	st.index = index;
	st.fillfactor = opts ? opts->fillfactor : NPIDX_DEFAULT_FILLFACTOR;
	st.reloption_buckets = opts ? opts->buckets : 0;
	st.memlimit = (Size) maintenance_work_mem * 1024;
	st.heapblocks = RelationGetNumberOfBlocks(heap);
	st.hintRows = heap->rd_rel->reltuples > 0 ? heap->rd_rel->reltuples : 0;
	/* leave the heap room to grow before compact postings run out */
	st.wide = st.heapblocks >= NPIDX_COMPACT_MAX_BLOCK - NPIDX_COMPACT_MAX_BLOCK / 8;
	st.pageflags = NPIDX_BUCKET | (st.wide ? NPIDX_WIDE : 0);
	st.metaNotes.minLimit = PG_UINT32_MAX;
	st.metaNotes.minTruncHashes = PG_UINT32_MAX;
	st.last_block = InvalidBlockNumber;
	st.rowHead = st.rowTail = InvalidBlockNumber;
	st.tmpcxt = AllocSetContextCreate(CurrentMemoryContext,
									  "npidx build temporary context",
									  ALLOCSET_DEFAULT_SIZES);

	/* the metapage first, so that it is block 0 */
	metabuf = NpidxBuildNewBuffer(index, NPIDX_METAPAGE_BLKNO);
	NpidxInitMetaPage(BufferGetPage(metabuf), 0, st.fillfactor);
	MarkBufferDirty(metabuf);
	UnlockReleaseBuffer(metabuf);

	pgstat_progress_update_param(PROGRESS_CREATEIDX_SUBPHASE, NPIDX_PHASE_SCAN);
	reltuples = table_index_build_scan(heap, index, indexInfo, true, true,
									   NpidxBuildCallback, (void *) &st, NULL);

	NpidxBuildFlush(&st, true);

	/* freeze the options and the row list into the metapage */
	metabuf = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);
	metapage = BufferGetPage(metabuf);
	meta = NpidxPageGetMeta(metapage);
	meta->nbuckets = st.nbuckets;
	meta->rowHead = st.rowHead;
	meta->rowTail = st.rowTail;
	meta->minLimit = st.metaNotes.minLimit;
	meta->hasLimit = st.metaNotes.hasLimit;
	meta->minTruncHashes = st.metaNotes.minTruncHashes;
	meta->fpVersion = st.metaNotes.fpVersion;
	meta->fpShingleWords = st.metaNotes.fpShingleWords;
	meta->fpMixed = st.metaNotes.fpMixed;
	MarkBufferDirty(metabuf);
	UnlockReleaseBuffer(metabuf);

	if (RelationNeedsWAL(index))
	{
		pgstat_progress_update_param(PROGRESS_CREATEIDX_SUBPHASE, NPIDX_PHASE_WAL);
		log_newpage_range(index, MAIN_FORKNUM, 0,
						  RelationGetNumberOfBlocks(index), true);
	}

	if (st.entries)
		pfree(st.entries);
	if (st.rows)
		pfree(st.rows);
	if (st.rowcls)
		pfree(st.rowcls);
	if (st.headroom)
		pfree(st.headroom);
	MemoryContextDelete(st.tmpcxt);

	result = (IndexBuildResult *) palloc(sizeof(IndexBuildResult));
	result->heap_tuples = reltuples;
	result->index_tuples = st.indtuples;
	return result;
}

/*
 * Build the empty index of an unlogged table into the init fork: the
 * metapage and the bucket head pages, each WAL-logged.
 */
void
npidxbuildempty(Relation index)
{
	NpidxOptions *opts = (NpidxOptions *) index->rd_options;
	int			fillfactor = opts ? opts->fillfactor : NPIDX_DEFAULT_FILLFACTOR;
	uint32		nbuckets = (opts && opts->buckets > 0) ?
		NpidxCapBuckets(opts->buckets, NPIDX_MIN_BUCKETS, 0) :
		NPIDX_PRESIZE_BUCKETS;	/* an empty table: see NpidxBuildFlush */
	uint32		b;
	Buffer		buffer;

	buffer = ReadBufferExtended(index, INIT_FORKNUM, P_NEW, RBM_NORMAL, NULL);
	LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
	START_CRIT_SECTION();
	NpidxInitMetaPage(BufferGetPage(buffer), nbuckets, fillfactor);
	MarkBufferDirty(buffer);
	log_newpage_buffer(buffer, true);
	END_CRIT_SECTION();
	UnlockReleaseBuffer(buffer);

	for (b = 0; b < nbuckets; b++)
	{
		buffer = ReadBufferExtended(index, INIT_FORKNUM, P_NEW, RBM_NORMAL, NULL);
		LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
		START_CRIT_SECTION();
		NpidxInitPage(BufferGetPage(buffer), NPIDX_BUCKET, b);
		MarkBufferDirty(buffer);
		log_newpage_buffer(buffer, true);
		END_CRIT_SECTION();
		UnlockReleaseBuffer(buffer);
	}
}
