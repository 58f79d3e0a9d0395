/*-------------------------------------------------------------------------
 *
 * npidx_vacuum.c
 *	  VACUUM for npidx: remove the postings and row-list entries of dead
 *	  rows, unlink emptied pages and give them to the free space map.
 *
 * The pending list is merged first; then the bulk-delete callback is asked
 * once per indexed row, while walking the row list, and the dead TIDs found
 * there are removed from every bucket chain.  Readers of a bucket chain
 * hold no lock between two pages and are ready for a page unlinked under
 * them (see the design essay in npidx.c and NpidxProbeChain); readers of
 * the row list use lock coupling.
 *
 * src/index/npidx_vacuum.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "commands/vacuum.h"
#include "postmaster/autovacuum.h"
#include "miscadmin.h"
#include "storage/indexfsm.h"
#include "storage/lmgr.h"
#include "utils/rel.h"

#include "index/npidx.h"

/* A sorted array of dead TIDs */
typedef struct DeadTids
{
	ItemPointerData *tids;
	int			n;
	int			max;
} DeadTids;

/* Is tid in the sorted dead set? */
static inline bool
IsDead(const DeadTids *d, ItemPointer tid)
{
	int			lo = 0,
				hi = d->n - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			c = ItemPointerCompare(&d->tids[mid], tid);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

/*
 * Unlink page cur (exclusively locked, empty) from its chain: prev is the
 * exclusively locked predecessor page, or the metapage when prev_is_meta
 * (cur is then the head of the row list).  Marks cur deleted and records it
 * in the free space map.
 */
static void
NpidxUnlink(Relation index, Buffer prev, bool prev_is_meta, Buffer cur,
			Buffer head)
{
	GenericXLogState *state = GenericXLogStart(index);
	Page		ppage = GenericXLogRegisterBuffer(state, prev, 0);
	Page		cpage = GenericXLogRegisterBuffer(state, cur, 0);
	BlockNumber next = NpidxPageGetOpaque(cpage)->next;

	/* a bucket head counts the pages of its chain */
	if (BufferIsValid(head))
	{
		Page		hpage = (head == prev) ? ppage :
			GenericXLogRegisterBuffer(state, head, 0);

		if (NpidxPageGetOpaque(hpage)->chain_pages > 1)
			NpidxPageGetOpaque(hpage)->chain_pages--;
	}

	if (prev_is_meta)
		NpidxPageGetMeta(ppage)->rowHead = next;
	else
		NpidxPageGetOpaque(ppage)->next = next;
	NpidxPageGetOpaque(cpage)->flags = NPIDX_DELETED;
	NpidxPageGetOpaque(cpage)->chain_pages = 0;
	NpidxPageGetOpaque(cpage)->bucket = NPIDX_NO_BUCKET;
	NpidxSetPageCount(cpage, 0, 1);
	GenericXLogFinish(state);

	RecordFreeIndexPage(index, BufferGetBlockNumber(cur));
}

/*
 * Walk the row list, asking the callback about every TID; remove the dead
 * ones (collecting them in *dead) and unlink emptied pages other than the
 * tail.  Returns the number of live rows.
 */
static double
NpidxVacuumRows(Relation index, IndexBulkDeleteCallback callback,
				void *callback_state, DeadTids *dead,
				IndexBulkDeleteResult *stats)
{
	Buffer		metabuf;
	Buffer		prev = InvalidBuffer;
	BlockNumber blk;
	double		live = 0;
	ItemPointerData *keep = palloc(NPIDX_ROWS_PER_PAGE * sizeof(ItemPointerData));

	metabuf = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);
	blk = NpidxPageGetMeta(BufferGetPage(metabuf))->rowHead;

	while (blk != InvalidBlockNumber)
	{
		Buffer		buffer = ReadBuffer(index, blk);
		Page		page;
		ItemPointerData *rows;
		int			n,
					nkeep = 0,
					i;
		BlockNumber next;

		vacuum_delay_point();
		LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
		page = BufferGetPage(buffer);
		rows = NpidxPageRows(page);
		n = NpidxPageNRows(page);
		next = NpidxPageGetOpaque(page)->next;

		for (i = 0; i < n; i++)
		{
			if (callback(&rows[i], callback_state))
			{
				if (dead->n >= dead->max)
				{
					dead->max = Max(dead->max * 2, 1024);
					dead->tids = dead->tids ?
						repalloc_huge(dead->tids, (Size) dead->max * sizeof(ItemPointerData)) :
						palloc(dead->max * sizeof(ItemPointerData));
				}
				dead->tids[dead->n++] = rows[i];
			}
			else
				keep[nkeep++] = rows[i];
		}
		live += nkeep;

		if (nkeep == 0 && next != InvalidBlockNumber)
		{
			/* empty and not the tail: unlink, keep prev */
			NpidxUnlink(index, BufferIsValid(prev) ? prev : metabuf,
						!BufferIsValid(prev), buffer, InvalidBuffer);
			UnlockReleaseBuffer(buffer);
			blk = next;
			continue;
		}
		if (nkeep < n)
		{
			GenericXLogState *state = GenericXLogStart(index);

			page = GenericXLogRegisterBuffer(state, buffer, 0);
			memcpy(NpidxPageRows(page), keep, nkeep * sizeof(ItemPointerData));
			NpidxSetPageCount(page, nkeep, sizeof(ItemPointerData));
			GenericXLogFinish(state);
		}
		if (BufferIsValid(prev))
			UnlockReleaseBuffer(prev);
		prev = buffer;
		blk = next;
	}
	if (BufferIsValid(prev))
		UnlockReleaseBuffer(prev);
	UnlockReleaseBuffer(metabuf);
	pfree(keep);
	return live;
}

/*
 * Drop the postings of dead TIDs from page (exclusively locked); returns the
 * number of postings left.  WAL-logs the change if there is one.
 */
static int
NpidxVacuumBucketPage(Relation index, Buffer buffer, const DeadTids *dead,
					  NpidxPosting *keep, bool log_if_empty)
{
	Page		page = BufferGetPage(buffer);
	int			n = NpidxPageNEntries(page);
	int			nkeep = 0,
				i;

	for (i = 0; i < n; i++)
	{
		NpidxPageGetEntry(page, i, &keep[nkeep].resid, &keep[nkeep].tid,
						  &keep[nkeep].cls);
		if (!IsDead(dead, &keep[nkeep].tid))
			nkeep++;
	}
	if (nkeep < n && (nkeep > 0 || log_if_empty))
	{
		GenericXLogState *state = GenericXLogStart(index);

		page = GenericXLogRegisterBuffer(state, buffer, 0);
		for (i = 0; i < nkeep; i++)
			NpidxPageSetEntry(page, i, keep[i].resid, &keep[i].tid, keep[i].cls);
		NpidxPageSetNEntries(page, nkeep);
		GenericXLogFinish(state);
	}
	return nkeep;
}

/*
 * Chain pages vacuumed under one hold of their head's lock: a chain has no
 * length bound (see NpidxProbeChain), and a lock holds off cancels.
 */
#define NPIDX_VACUUM_LOCKED_PAGES	32

/*
 * Remove the postings of dead TIDs from every bucket chain.  A chain is
 * walked under an exclusive lock on its head and on the page before the
 * one being vacuumed, so that an emptied page can be unlinked; every
 * NPIDX_VACUUM_LOCKED_PAGES pages both locks are let go for an interrupt
 * check (and the cost delay), their pins kept, and the walk goes on from
 * the page before.  That page is still in the chain, since only VACUUM
 * unlinks pages, one at a time per index; pages a merge linked after the
 * head meanwhile hold no dead TID (a dead row's postings were all written
 * before: its inserter ended before the heap was scanned, and the merge
 * above waited for any merge in progress; a merge appends to the row list
 * before the buckets, so its rows' presence in the row list proves
 * nothing).  Readers in the chain meanwhile follow NpidxProbeChain's
 * rules for pages unlinked under them.
 */
static void
NpidxVacuumBuckets(Relation index, uint32 nbuckets, const DeadTids *dead)
{
	NpidxPosting *keep = palloc(NPIDX_COMPACT_PER_PAGE * sizeof(NpidxPosting));
	uint32		b;

	for (b = 0; b < nbuckets; b++)
	{
		Buffer		head = ReadBuffer(index, NpidxBucketBlock(b));
		Buffer		prev;
		BlockNumber blk;
		int			locked = 0;

		vacuum_delay_point();
		LockBuffer(head, BUFFER_LOCK_EXCLUSIVE);
		NpidxVacuumBucketPage(index, head, dead, keep, true);
		prev = head;
		blk = NpidxPageGetOpaque(BufferGetPage(head))->next;
		while (blk != InvalidBlockNumber)
		{
			Buffer		buffer;
			BlockNumber next;
			int			left;

			if (++locked >= NPIDX_VACUUM_LOCKED_PAGES)
			{
				if (prev != head)
					LockBuffer(prev, BUFFER_LOCK_UNLOCK);
				LockBuffer(head, BUFFER_LOCK_UNLOCK);
				vacuum_delay_point();
				LockBuffer(head, BUFFER_LOCK_EXCLUSIVE);
				if (prev != head)
					LockBuffer(prev, BUFFER_LOCK_EXCLUSIVE);
				blk = NpidxPageGetOpaque(BufferGetPage(prev))->next;
				locked = 0;
				if (blk == InvalidBlockNumber)
					break;
			}
			buffer = ReadBuffer(index, blk);
			LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
			next = NpidxPageGetOpaque(BufferGetPage(buffer))->next;
			left = NpidxVacuumBucketPage(index, buffer, dead, keep, false);
			if (left == 0)
			{
				NpidxUnlink(index, prev, false, buffer, head);
				UnlockReleaseBuffer(buffer);
			}
			else
			{
				if (prev != head)
					UnlockReleaseBuffer(prev);
				prev = buffer;
			}
			blk = next;
		}
		if (prev != head)
			UnlockReleaseBuffer(prev);
		UnlockReleaseBuffer(head);
	}
	pfree(keep);
}

/*
 * Bulk-delete the rows the callback reports dead.
 */
IndexBulkDeleteResult *
npidxbulkdelete(IndexVacuumInfo *info, IndexBulkDeleteResult *stats,
				IndexBulkDeleteCallback callback, void *callback_state)
{
	Relation	index = info->index;
	const NpidxMetaPageData *meta = NpidxGetMeta(index);
	DeadTids	dead = {0};
	double		live;

	if (stats == NULL)
		stats = (IndexBulkDeleteResult *) palloc0(sizeof(IndexBulkDeleteResult));

	/* dead rows may be in the pending list: merge it first */
	(void) NpidxPendingMerge(index, true);
	live = NpidxVacuumRows(index, callback, callback_state, &dead, stats);
	if (dead.n > 0)
	{
		dead.n = NpidxSortTids(dead.tids, dead.n);
		NpidxVacuumBuckets(index, meta->nbuckets, &dead);
	}

	stats->num_index_tuples = live;
	stats->tuples_removed += dead.n;
	stats->estimated_count = false;
	stats->num_pages = RelationGetNumberOfBlocks(index);
	if (dead.tids)
		pfree(dead.tids);
	return stats;
}

/*
 * Post-VACUUM cleanup: count rows and pages, put free pages into the FSM.
 */
IndexBulkDeleteResult *
npidxvacuumcleanup(IndexVacuumInfo *info, IndexBulkDeleteResult *stats)
{
	Relation	index = info->index;
	BlockNumber npages,
				blkno;

	/*
	 * Merge the pending list, also on autovacuum's ANALYZE (as GIN does), so
	 * that insert-only tables get their rows merged.
	 */
	if (info->analyze_only)
	{
		if (IsAutoVacuumWorkerProcess())
			(void) NpidxPendingMerge(index, true);
		return stats;
	}
	(void) NpidxPendingMerge(index, true);

	if (stats == NULL)
	{
		int			n;
		ItemPointerData *rows;

		stats = (IndexBulkDeleteResult *) palloc0(sizeof(IndexBulkDeleteResult));
		rows = NpidxReadRowList(index, &n);
		pfree(rows);
		stats->num_index_tuples = n;
		stats->estimated_count = false;
	}

	/*
	 * The relation's size is read under the merge lock.  A merge hands out
	 * never-written blocks that only it knows (NpidxReserveBegin), which must
	 * not be found new below and given to someone else: those of a merge
	 * that ended before are written or were abandoned by an error, and a
	 * merge that starts later takes them past the size read here (the index
	 * is never truncated).
	 */
	LockPage(index, NPIDX_METAPAGE_BLKNO, ExclusiveLock);
	npages = RelationGetNumberOfBlocks(index);
	UnlockPage(index, NPIDX_METAPAGE_BLKNO, ExclusiveLock);
	stats->num_pages = npages;
	stats->pages_free = 0;
	stats->pages_deleted = 0;
	for (blkno = NPIDX_METAPAGE_BLKNO + 1; blkno < npages; blkno++)
	{
		Buffer		buffer;
		Page		page;

		vacuum_delay_point();
		buffer = ReadBufferExtended(index, MAIN_FORKNUM, blkno, RBM_NORMAL,
									info->strategy);
		LockBuffer(buffer, BUFFER_LOCK_SHARE);
		page = BufferGetPage(buffer);
		if (PageIsNew(page) || (NpidxPageGetOpaque(page)->flags & NPIDX_DELETED))
		{
			RecordFreeIndexPage(index, blkno);
			stats->pages_free++;
			stats->pages_deleted++;
		}
		UnlockReleaseBuffer(buffer);
	}
	IndexFreeSpaceMapVacuum(index);
	return stats;
}
