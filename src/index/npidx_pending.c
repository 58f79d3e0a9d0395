/*-------------------------------------------------------------------------
 *
 * npidx_pending.c
 *	  The pending list of npidx: fast insertion, as GIN's fastupdate.
 *
 * A new row costs 1 + k page changes in the buckets (k hashes, each in a
 * random bucket), each a generic WAL record.  Instead, aminsert appends the
 * row whole (TID and fingerprint) to the pending list, one page change; the
 * list is merged into the buckets in bulk once it holds pending_list_limit
 * kilobytes, by the inserting backend, by VACUUM (also autovacuum, after
 * inserts) and by npidx_clean_pending_list().  A merge groups the rows'
 * postings by bucket (NpidxInsertRows, a counting sort) and changes each
 * touched page once, whatever the number of postings it takes; a list
 * larger than maintenance_work_mem is merged in several such batches.
 *
 * WAL.  A row added to a page with room, postings appended to a bucket page
 * and a pending page freed after a merge are logged as generic WAL records
 * holding only the bytes that changed (NpidxLogInPlace), a new bucket page as
 * its image and its head's special space (NpidxLogNewChainPage); pages that
 * change otherwise (a new pending or row-list page, the metapage) go through
 * GenericXLog.  New pages a merge needs beyond the free ones come from runs
 * of blocks added in bulk (NpidxReserveBegin in npidx_util.c).
 *
 * Every scan reads the pending list, comparing its rows' fingerprints with
 * the query whole, before it reads the buckets.
 *
 * Concurrency.  The metapage holds two lists: pendingHead .. pendingTail,
 * where inserters append (under a share lock on the metapage and an
 * exclusive one on the tail page; exclusive on the metapage to link a new
 * tail page), and
 * mergingHead, a list being merged.  A merge (one at a time: a heavyweight
 * lock on the metapage, taken conditionally by inserters) moves the pending
 * list to mergingHead and starts an empty one; adds the rows to the row list
 * and their postings to the buckets; clears mergingHead; and only then frees
 * the list's pages, in chain order.  Scans read the pending list, then the
 * merging list, then the buckets, each list a page at a time from the
 * metapage (no lock held between pages, so that a cancel is heard).  A row
 * is thus always where a scan still looks: in the list the scan reads, or
 * already in the buckets the scan reads after it; a scan that finds its
 * next page freed stops reading that list, whose rows are all in the
 * buckets by then (NpidxPendingScanList).
 *
 * A merge interrupted by an error leaves mergingHead set; the next merge
 * finishes it, which may add some postings and row-list entries twice:
 * harmless (scans deduplicate, VACUUM removes every copy of a dead row).
 *
 * src/index/npidx_pending.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "catalog/pg_class.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/indexfsm.h"
#include "storage/lmgr.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "index/npidx.h"

PG_FUNCTION_INFO_V1(npidx_clean_pending_list);
PG_FUNCTION_INFO_V1(npidx_scan_stats);

/* A pending row as stored: TID, flags, then the fingerprint */
typedef struct NpidxPendingItem
{
	ItemPointerData tid;
	uint16		flags;			/* NPIDX_PENDING_NULL */
	/* the fingerprint varlena follows, unless NULL */
} NpidxPendingItem;

#define NPIDX_PENDING_NULL	1
#define NPIDX_PENDING_HDRSZ MAXALIGN(sizeof(NpidxPendingItem))
/* Larger rows (over ~500 hashes) go straight to the buckets */
#define NPIDX_PENDING_MAX_ITEM (BLCKSZ / 4)

/* Can fp (detoasted) be kept in the pending list? */
bool
NpidxPendingFits(const NpFingerprint *fp)
{
	return NPIDX_PENDING_HDRSZ + VARSIZE(fp) <= NPIDX_PENDING_MAX_ITEM;
}

/* Room a row takes on a pending-list page, its line pointer included */
Size
NpidxPendingItemBytes(const NpFingerprint *fp)
{
	return MAXALIGN(NPIDX_PENDING_HDRSZ + (fp ? VARSIZE(fp) : 0)) + sizeof(ItemIdData);
}

static Size NpidxPendingLimit(Relation index, const NpidxMetaPageData *meta);

/* Would bytes more of pending rows leave the list under its limit? */
bool
NpidxPendingRoomFor(Relation index, Size bytes)
{
	NpidxMetaPageData meta;

	NpidxReadMetaState(index, &meta);
	return (Size) meta.pendingPages * BLCKSZ + bytes < NpidxPendingLimit(index, &meta);
}

/*
 * Insert a row now: into the pending list, or, too large for a pending
 * page, straight into the row list and the buckets.  Returns true when the
 * list has grown past its limit (the caller should merge).
 */
bool
NpidxPendingInsertRow(Relation index, ItemPointer tid, const NpFingerprint *fp)
{
	if (fp == NULL || NpidxPendingFits(fp))
		return NpidxPendingInsert(index, tid, fp);
	NpidxInsertRowsAll(index, tid, &fp, 1);
	return false;
}

/*
 * The pending list limit of an index, in bytes.  When the index does not
 * set pending_list_limit (the reloption's default is -1, below its range,
 * as GIN's is, so that a value set explicitly is told from it), the limit
 * is NPIDX_DEFAULT_PENDING_KB, capped at NPIDX_PENDING_BYTES_PER_BUCKET per
 * bucket (and no lower than NPIDX_MIN_PENDING_KB): a merge changes about one
 * page per bucket, so a small index merges a short list as cheaply per row
 * as a large one merges 4 MB, and its lookups, which compare every pending
 * row with the query, do not pay for thousands of rows (an index created on
 * an empty table and loaded: 1024 buckets, 72 kB).  A value set explicitly is
 * used as given, 4096 too (a bulk load raises it; see doc/index.md).
 */
static Size
NpidxPendingLimit(Relation index, const NpidxMetaPageData *meta)
{
	NpidxOptions *opts = (NpidxOptions *) index->rd_options;
	int			kb = opts ? opts->pending_list_limit : -1;
	Size		limit;
	Size		cap;

	if (kb >= 0)
		return (Size) kb * 1024;
	limit = (Size) NPIDX_DEFAULT_PENDING_KB * 1024;
	cap = (Size) meta->nbuckets * NPIDX_PENDING_BYTES_PER_BUCKET;
	cap = Max(cap, (Size) NPIDX_MIN_PENDING_KB * 1024);
	return Min(limit, cap);
}

/*
 * Add a row to a pending-list page that has room for it (checked by the
 * caller, who holds the buffer's exclusive lock), WAL-logging only the new
 * line pointer, the row and the page header (NpidxLogInPlace).  Rows are
 * never removed from a pending page one by one, so the new line pointer is
 * the last.
 */
static void
NpidxPendingAddItem(Relation index, Buffer buffer, Item item, Size itemsz)
{
	Page		page = BufferGetPage(buffer);
	int			old_lower = ((PageHeader) page)->pd_lower,
				old_upper = ((PageHeader) page)->pd_upper;

	Assert(PageGetFreeSpace(page) >= MAXALIGN(itemsz));
	START_CRIT_SECTION();
	if (PageAddItem(page, item, itemsz, InvalidOffsetNumber,
					false, false) == InvalidOffsetNumber)
		elog(ERROR, "npidx: could not add a row to the pending list");
	MarkBufferDirty(buffer);
	NpidxLogInPlace(index, buffer, old_lower, old_upper, false);
	END_CRIT_SECTION();
}

/*
 * Append a row to the pending list.  Returns true when the list has grown
 * past the index's pending_list_limit (the caller should merge).
 *
 * The common case, room on the tail page, changes that page alone (one
 * single-page WAL record) under a share lock on the metapage, so that
 * concurrent inserters only queue on the tail page; the metapage is locked
 * exclusively and changed only when a new tail page is linked in or the
 * row lowers the sample bounds (NpidxMetaNoteSample).  The metapage's
 * pendingRows therefore counts the rows of the pages before the tail.
 */
bool
NpidxPendingInsert(Relation index, ItemPointer tid, const NpFingerprint *fp)
{
	Size		datasz = fp ? VARSIZE(fp) : 0;
	Size		itemsz = NPIDX_PENDING_HDRSZ + datasz;
	char	   *item = palloc0(itemsz);
	NpidxPendingItem *pi = (NpidxPendingItem *) item;
	Buffer		metabuf,
				tailbuf = InvalidBuffer;
	GenericXLogState *state;
	NpidxMetaPage meta;
	Page		page;
	bool		full;

	pi->tid = *tid;
	pi->flags = fp ? 0 : NPIDX_PENDING_NULL;
	if (fp)
		memcpy(item + NPIDX_PENDING_HDRSZ, fp, datasz);

	metabuf = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);

	/* fast path: room on the tail page, metapage unchanged */
	LockBuffer(metabuf, BUFFER_LOCK_SHARE);
	meta = NpidxPageGetMeta(BufferGetPage(metabuf));
	if (meta->pendingTail != InvalidBlockNumber &&
		!NpidxMetaNeedsNote(meta, fp))
	{
		tailbuf = ReadBuffer(index, meta->pendingTail);
		LockBuffer(tailbuf, BUFFER_LOCK_EXCLUSIVE);
		if (PageGetFreeSpace(BufferGetPage(tailbuf)) >= MAXALIGN(itemsz))
		{
			NpidxPendingAddItem(index, tailbuf, (Item) item, itemsz);
			full = (Size) meta->pendingPages * BLCKSZ >= NpidxPendingLimit(index, meta);
			UnlockReleaseBuffer(tailbuf);
			UnlockReleaseBuffer(metabuf);
			pfree(item);
			return full;
		}
		UnlockReleaseBuffer(tailbuf);
		tailbuf = InvalidBuffer;
	}
	LockBuffer(metabuf, BUFFER_LOCK_UNLOCK);

	/* slow path: the metapage changes (the list may have changed meanwhile) */
	LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);
	meta = NpidxPageGetMeta(BufferGetPage(metabuf));
	if (meta->pendingTail != InvalidBlockNumber)
	{
		tailbuf = ReadBuffer(index, meta->pendingTail);
		LockBuffer(tailbuf, BUFFER_LOCK_EXCLUSIVE);
		if (PageGetFreeSpace(BufferGetPage(tailbuf)) >= MAXALIGN(itemsz))
		{
			state = GenericXLogStart(index);
			page = GenericXLogRegisterBuffer(state, tailbuf, 0);
			if (PageAddItem(page, (Item) item, itemsz, InvalidOffsetNumber,
							false, false) == InvalidOffsetNumber)
				elog(ERROR, "npidx: could not add a row to the pending list");
			meta = NpidxPageGetMeta(GenericXLogRegisterBuffer(state, metabuf, 0));
			(void) NpidxMetaNoteSample(meta, fp);
			full = (Size) meta->pendingPages * BLCKSZ >= NpidxPendingLimit(index, meta);
			GenericXLogFinish(state);
			UnlockReleaseBuffer(tailbuf);
			UnlockReleaseBuffer(metabuf);
			pfree(item);
			return full;
		}
	}

	/* a new tail page */
	{
		Buffer		newbuf = NpidxNewBuffer(index);

		state = GenericXLogStart(index);
		page = GenericXLogRegisterBuffer(state, newbuf, GENERIC_XLOG_FULL_IMAGE);
		NpidxInitPage(page, NPIDX_PENDING, NPIDX_NO_BUCKET);
		if (PageAddItem(page, (Item) item, itemsz, InvalidOffsetNumber,
						false, false) == InvalidOffsetNumber)
			elog(ERROR, "npidx: could not add a row to the pending list");
		meta = NpidxPageGetMeta(GenericXLogRegisterBuffer(state, metabuf, 0));
		if (BufferIsValid(tailbuf))
		{
			meta->pendingRows += PageGetMaxOffsetNumber(BufferGetPage(tailbuf));
			NpidxPageGetOpaque(GenericXLogRegisterBuffer(state, tailbuf, 0))->next =
				BufferGetBlockNumber(newbuf);
		}
		if (meta->pendingHead == InvalidBlockNumber)
			meta->pendingHead = BufferGetBlockNumber(newbuf);
		meta->pendingTail = BufferGetBlockNumber(newbuf);
		meta->pendingPages++;
		(void) NpidxMetaNoteSample(meta, fp);
		full = (Size) meta->pendingPages * BLCKSZ >= NpidxPendingLimit(index, meta);
		GenericXLogFinish(state);
		UnlockReleaseBuffer(newbuf);
	}
	if (BufferIsValid(tailbuf))
		UnlockReleaseBuffer(tailbuf);
	UnlockReleaseBuffer(metabuf);
	pfree(item);
	return full;
}

/*
 * Call fn for every row of pending-list page blk (locked by the caller);
 * returns the next page of its list.
 */
static BlockNumber
NpidxPendingPageRows(Relation index, Page page, BlockNumber blk,
					 NpidxPendingCallback fn, void *arg)
{
	OffsetNumber off,
				max;

	if (NpidxPageGetOpaque(page)->page_id != NPIDX_PAGE_ID ||
		!(NpidxPageGetOpaque(page)->flags & NPIDX_PENDING))
		elog(ERROR, "npidx index \"%s\": block %u is not a pending-list page",
			 RelationGetRelationName(index), blk);
	max = PageGetMaxOffsetNumber(page);
	for (off = FirstOffsetNumber; off <= max; off++)
	{
		NpidxPendingItem *pi = (NpidxPendingItem *)
			PageGetItem(page, PageGetItemId(page, off));

		fn(&pi->tid, (pi->flags & NPIDX_PENDING_NULL) ? NULL :
		   (const NpFingerprint *) ((char *) pi + NPIDX_PENDING_HDRSZ), arg);
	}
	return NpidxPageGetOpaque(page)->next;
}

/* Whether page (locked) is a pending-list page */
static inline bool
NpidxIsPendingPage(Page page)
{
	return NpidxPageGetOpaque(page)->page_id == NPIDX_PAGE_ID &&
		(NpidxPageGetOpaque(page)->flags & NPIDX_PENDING) != 0;
}

/*
 * Call fn for every row of the list starting at the metapage's field.  A
 * page at a time, with no lock held between two pages and an interrupt
 * check there: a list may hold up to pending_list_limit (a reloption of up
 * to 2 GB), and a buffer lock holds off a cancel (2,000,000 one-hash rows,
 * about 80 MB, held the list's locks for 0.7 s at load 10).  The page just
 * read stays pinned until the next is locked.  A merge frees a list's
 * pages only once its rows are in the buckets, which the scan reads after
 * the lists: so when the next page is no longer a pending-list page, the
 * rest of the list was merged and the walk stops there, unless the link
 * to it is still in place: the page was then freed and reused in a list
 * between the two locks, and is locked again under its link (as the walk
 * did before it let go of locks), or the list is broken.  A freed page
 * reused in a pending list again holds rows inserted after the scan
 * began, read as well and harmless, as are rows passed twice.
 */
static void
NpidxPendingScanList(Relation index, bool merging, NpidxPendingCallback fn,
					 void *arg)
{
	Buffer		buffer = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	NpidxMetaPage meta;
	BlockNumber blk;

	LockBuffer(buffer, BUFFER_LOCK_SHARE);
	meta = NpidxPageGetMeta(BufferGetPage(buffer));
	blk = merging ? meta->mergingHead : meta->pendingHead;
	LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
	while (blk != InvalidBlockNumber)
	{
		Buffer		nbuf;

		CHECK_FOR_INTERRUPTS();
		nbuf = ReadBuffer(index, blk);
		LockBuffer(nbuf, BUFFER_LOCK_SHARE);
		if (!NpidxIsPendingPage(BufferGetPage(nbuf)))
		{
			Page		page;
			BlockNumber link;

			UnlockReleaseBuffer(nbuf);
			LockBuffer(buffer, BUFFER_LOCK_SHARE);
			page = BufferGetPage(buffer);
			if (BufferGetBlockNumber(buffer) == NPIDX_METAPAGE_BLKNO)
				link = merging ? NpidxPageGetMeta(page)->mergingHead :
					NpidxPageGetMeta(page)->pendingHead;
			else if (NpidxIsPendingPage(page))
				link = NpidxPageGetOpaque(page)->next;
			else
				link = InvalidBlockNumber;
			if (link != blk)
			{
				LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
				break;
			}

			/*
			 * Still linked to it: it was freed and came back into a list
			 * (a new pending list's first page, or linked after this one)
			 * between our two locks.  With the link locked it cannot go:
			 * lock it under the link, as before this walk let go of locks,
			 * and read on from it, unless the list is broken.
			 */
			nbuf = ReadBuffer(index, blk);
			LockBuffer(nbuf, BUFFER_LOCK_SHARE);
			if (!NpidxIsPendingPage(BufferGetPage(nbuf)))
				elog(ERROR, "npidx index \"%s\": block %u is not a pending-list page",
					 RelationGetRelationName(index), blk);
			LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
		}
		ReleaseBuffer(buffer);
		buffer = nbuf;
		blk = NpidxPendingPageRows(index, BufferGetPage(buffer), blk, fn, arg);
		LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
	}
	ReleaseBuffer(buffer);
}

/*
 * Call fn for every pending row: the rows this transaction keeps in the
 * backend (npidx_local.c), the pending list, then the list being merged
 * (see the header comment for why in this order).  A row may be passed
 * twice.
 */
void
NpidxPendingScan(Relation index, NpidxPendingCallback fn, void *arg)
{
	NpidxLocalScan(index, fn, arg);
	NpidxPendingScanList(index, false, fn, arg);
	NpidxPendingScanList(index, true, fn, arg);
}

/* Rows collected from the list being merged */
typedef struct MergeRows
{
	ItemPointerData *tids;
	const NpFingerprint **fps;
	int			n;
	int			max;
	Size		bytes;			/* memory the batch will take */
	uint64		nhashes;
} MergeRows;

static void
MergeRowAdd(ItemPointer tid, const NpFingerprint *fp, void *arg)
{
	MergeRows  *m = (MergeRows *) arg;

	if (m->n >= m->max)
	{
		m->max = Max(m->max * 2, 256);
		m->tids = m->tids ? repalloc_huge(m->tids, (Size) m->max * sizeof(ItemPointerData)) :
			palloc(m->max * sizeof(ItemPointerData));
		m->fps = m->fps ? repalloc_huge(m->fps, (Size) m->max * sizeof(NpFingerprint *)) :
			palloc(m->max * sizeof(NpFingerprint *));
	}
	m->tids[m->n] = *tid;
	m->bytes += sizeof(ItemPointerData) + sizeof(NpFingerprint *) + 1;
	/* fp points into MergeCollect's copy of its page */
	m->fps[m->n] = fp;
	if (fp)
		m->nhashes += NpFingerprintNHashes(fp);
	m->n++;
}

/*
 * Collect the rows of the list being merged from block blk on, page by
 * page, until they would take more than budget bytes (at least one page);
 * returns the block to go on from (Invalid at the end of the list).  Each
 * page is copied whole and its rows' fingerprints used in the copy (one
 * copy a page instead of an allocation and a copy a row).  The merging
 * list changes only under the merge lock, which the caller holds.
 */
static BlockNumber
MergeCollect(Relation index, BlockNumber blk, MergeRows *m, Size budget)
{
	while (blk != InvalidBlockNumber &&
		   (m->n == 0 || (m->bytes < budget && m->nhashes < PG_INT32_MAX)))
	{
		Buffer		buffer = ReadBuffer(index, blk);
		Page		copy = palloc(BLCKSZ);

		LockBuffer(buffer, BUFFER_LOCK_SHARE);
		memcpy(copy, BufferGetPage(buffer), BLCKSZ);
		UnlockReleaseBuffer(buffer);
		m->bytes += BLCKSZ;
		blk = NpidxPendingPageRows(index, copy, blk, MergeRowAdd, m);
		CHECK_FOR_INTERRUPTS();
	}
	return blk;
}

/* Set mergingHead (and, when starting, empty the pending list) */
static BlockNumber
NpidxPendingSwitch(Relation index, bool start)
{
	Buffer		metabuf = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	NpidxMetaPage meta;
	BlockNumber head;

	LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);
	meta = NpidxPageGetMeta(BufferGetPage(metabuf));
	head = meta->mergingHead;
	if (start && head == InvalidBlockNumber && meta->pendingHead != InvalidBlockNumber)
	{
		GenericXLogState *state = GenericXLogStart(index);

		meta = NpidxPageGetMeta(GenericXLogRegisterBuffer(state, metabuf, 0));
		head = meta->mergingHead = meta->pendingHead;
		meta->pendingHead = meta->pendingTail = InvalidBlockNumber;
		meta->pendingRows = 0;
		meta->pendingPages = 0;
		GenericXLogFinish(state);
	}
	else if (!start && head != InvalidBlockNumber)
	{
		GenericXLogState *state = GenericXLogStart(index);

		meta = NpidxPageGetMeta(GenericXLogRegisterBuffer(state, metabuf, 0));
		meta->mergingHead = InvalidBlockNumber;
		GenericXLogFinish(state);
	}
	UnlockReleaseBuffer(metabuf);
	return head;
}

/*
 * Run work(index, arg) with new blocks handed out in runs (NpidxReserveBegin;
 * the caller holds the merge lock), and make what is left of the last run
 * free pages.
 */
static void
NpidxUnderReserve(Relation index, void (*work) (Relation, void *), void *arg)
{
	NpidxReserveBegin(index);
	PG_TRY();
	{
		work(index, arg);
	}
	PG_CATCH();
	{
		NpidxReserveEnd(index, false);
		PG_RE_THROW();
	}
	PG_END_TRY();
	NpidxReserveEnd(index, true);
}

/* The list being merged, and the rows merged so far */
typedef struct MergeListState
{
	BlockNumber head;
	int64		merged;
} MergeListState;

/* Merge the list from ml->head on, in batches of maintenance_work_mem */
static void
MergeList(Relation index, void *arg)
{
	MergeListState *ml = (MergeListState *) arg;
	BlockNumber blk = ml->head;
	MemoryContext cxt,
				oldcxt;

	cxt = AllocSetContextCreate(CurrentMemoryContext, "npidx merge",
								ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(cxt);
	while (blk != InvalidBlockNumber)
	{
		MergeRows	m;

		memset(&m, 0, sizeof(m));
		blk = MergeCollect(index, blk, &m, (Size) maintenance_work_mem * 1024);
		if (m.n > 0)
			NpidxInsertRowsAll(index, m.tids, m.fps, m.n);
		ml->merged += m.n;
		MemoryContextReset(cxt);
	}
	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(cxt);
}

/* Rows written in one sweep, without the pending list */
typedef struct BulkRows
{
	const ItemPointerData *tids;
	const NpFingerprint *const *fps;
	int			n;
} BulkRows;

static void
BulkInsertWork(Relation index, void *arg)
{
	BulkRows   *br = (BulkRows *) arg;

	NpidxInsertRowsAll(index, br->tids, br->fps, br->n);
}

/*
 * Write n rows (a transaction's, npidx_local.c) into the row list and the
 * buckets in one sweep, as a merge of a pending list holding them would,
 * without writing them to the list first.
 */
void
NpidxBulkInsert(Relation index, const ItemPointerData *tids,
				const NpFingerprint *const *fps, int n)
{
	BulkRows	br;

	br.tids = tids;
	br.fps = fps;
	br.n = n;
	LockPage(index, NPIDX_METAPAGE_BLKNO, ExclusiveLock);
	NpidxUnderReserve(index, BulkInsertWork, &br);
	UnlockPage(index, NPIDX_METAPAGE_BLKNO, ExclusiveLock);
	/* the blocks left of the last run: see NpidxPendingMerge */
	IndexFreeSpaceMapVacuum(index);
}

/*
 * Merge the pending list into the row list and the buckets.  With wait,
 * wait for a merge in progress (VACUUM); without, leave it to that merge.
 * Returns the number of rows merged.
 */
int64
NpidxPendingMerge(Relation index, bool wait)
{
	BlockNumber head,
				blk;
	MergeListState ml;
	int64		merged;

	if (wait)
		LockPage(index, NPIDX_METAPAGE_BLKNO, ExclusiveLock);
	else if (!ConditionalLockPage(index, NPIDX_METAPAGE_BLKNO, ExclusiveLock))
		return 0;

	head = NpidxPendingSwitch(index, true);
	if (head == InvalidBlockNumber)
	{
		UnlockPage(index, NPIDX_METAPAGE_BLKNO, ExclusiveLock);
		return 0;
	}

	/*
	 * Nobody else changes the merging list: read it in batches that fit in
	 * maintenance_work_mem (a list of the default 4 MB is one batch; a list
	 * of gigabytes takes several passes over the buckets instead of as much
	 * memory), and add each batch's rows to the row list (first, as
	 * everywhere: vacuum finds dead rows there) and their postings to the
	 * buckets.
	 */
	ml.head = head;
	ml.merged = 0;
	NpidxUnderReserve(index, MergeList, &ml);
	merged = ml.merged;

	/* published in the buckets: drop the list, then free its pages */
	(void) NpidxPendingSwitch(index, false);
	blk = head;
	while (blk != InvalidBlockNumber)
	{
		Buffer		buffer = ReadBuffer(index, blk);
		Page		page;
		PageHeader	ph;
		BlockNumber next;

		LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
		page = BufferGetPage(buffer);
		ph = (PageHeader) page;
		next = NpidxPageGetOpaque(page)->next;
		/* only the special space changes: log just that */
		START_CRIT_SECTION();
		NpidxPageGetOpaque(page)->flags = NPIDX_DELETED;
		NpidxPageGetOpaque(page)->bucket = NPIDX_NO_BUCKET;
		NpidxPageGetOpaque(page)->next = InvalidBlockNumber;
		MarkBufferDirty(buffer);
		NpidxLogInPlace(index, buffer, ph->pd_lower, ph->pd_upper, true);
		END_CRIT_SECTION();
		UnlockReleaseBuffer(buffer);
		RecordFreeIndexPage(index, blk);
		blk = next;
	}
	UnlockPage(index, NPIDX_METAPAGE_BLKNO, ExclusiveLock);

	/*
	 * Make the freed pages findable: the free space map's upper levels are
	 * only brought up to date by a vacuum of the map, and without one the
	 * next pending-list and overflow pages would all extend the relation
	 * (as GIN does after its pending-list cleanup).
	 */
	IndexFreeSpaceMapVacuum(index);
	return merged;
}

/*
 * npidx_clean_pending_list(index regclass) returns bigint: merge the
 * pending list of an npidx index now; the number of rows merged.  Needs
 * ownership of the index, like VACUUM.
 */
Datum
npidx_clean_pending_list(PG_FUNCTION_ARGS)
{
	Oid			indexoid = PG_GETARG_OID(0);
	Relation	index;
	int64		n;

	if (RecoveryInProgress())
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("recovery is in progress"),
				 errhint("The pending list cannot be merged during recovery.")));

	/*
	 * A regclass given as a number may name nothing: not an internal error.
	 * Lock first and look after, so that a relation dropped in between is
	 * seen here too (the lock processes the invalidations of the drop).
	 */
	LockRelationOid(indexoid, RowExclusiveLock);
	if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(indexoid)))
	{
		UnlockRelationOid(indexoid, RowExclusiveLock);
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", indexoid)));
	}
	index = index_open(indexoid, NoLock);
	if (index->rd_rel->relkind != RELKIND_INDEX ||
		index->rd_indam->amgettuple != npidxgettuple)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("\"%s\" is not an npidx index",
						RelationGetRelationName(index))));
	if (RELATION_IS_OTHER_TEMP(index))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot access temporary indexes of other sessions")));
	if (!NpRelationOwnerCheck(indexoid, GetUserId()))
		aclcheck_error(ACLCHECK_NOT_OWNER, OBJECT_INDEX,
					   RelationGetRelationName(index));

	NpidxLocalWrite(index);
	n = NpidxPendingMerge(index, true);
	index_close(index, RowExclusiveLock);
	PG_RETURN_INT64(n);
}

/*
 * npidx_scan_stats() returns record: what the last npidx index scan of this
 * session did (keys read and skipped, postings read, rows counted, pending
 * rows compared, candidates, TIDs returned to the executor).
 */
Datum
npidx_scan_stats(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Datum		values[7];
	bool		nulls[7] = {0};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	values[0] = Int64GetDatum(npidx_last_scan.keys_read);
	values[1] = Int64GetDatum(npidx_last_scan.keys_skipped);
	values[2] = Int64GetDatum(npidx_last_scan.postings);
	values[3] = Int64GetDatum(npidx_last_scan.rows_counted);
	values[4] = Int64GetDatum(npidx_last_scan.pending_rows);
	values[5] = Int64GetDatum(npidx_last_scan.candidates);
	values[6] = Int64GetDatum(npidx_last_scan.returned);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
