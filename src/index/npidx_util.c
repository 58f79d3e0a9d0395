/*-------------------------------------------------------------------------
 *
 * npidx_util.c
 *	  Page initialisation, page allocation, bucket chains, metapage cache,
 *	  row classes and sizing rules shared by the npidx build, insert, scan
 *	  and vacuum code.
 *
 * src/index/npidx_util.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>
#ifndef WIN32
#include <sys/mman.h>
#endif

#include "access/xloginsert.h"
#include "miscadmin.h"
#include "storage/freespace.h"
#include "storage/indexfsm.h"
#include "storage/lmgr.h"
#include "storage/smgr.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "index/npidx.h"

/*
 * Row classes (see npidx.h).  Untruncated: fewest hashes, and fewest of
 * them at most NPIDX_LOW_LIMIT, about a fifth (a quarter is expected).
 */
const uint16 NpidxClassMinHashes[NPIDX_FIRST_TRUNC_CLASS] = {
	1, 2, 3, 5, 8, 12, 16, 20, 24, 32, 40, 48, 64, 80, 96, 128
};

#define L30		(UINT32_C(1) << 30)
#define L31		(UINT32_C(1) << 31)
#define L3Q		(UINT32_C(3) << 30)
#define LMAX	PG_UINT32_MAX

const uint16 NpidxClassMinLow[NPIDX_NCLASSES] = {
	0, 0, 0, 0, 1, 2, 3, 4, 4, 6, 8, 9, 12, 15, 18, 24,
	/* truncated: limit below NPIDX_LOW_LIMIT, then 3 limit ranges x 5 */
	0,
	0, 16, 32, 48, 64,
	0, 16, 32, 48, 64,
	0, 16, 32, 48, 64
};

/* Truncated classes: the range of the sample's limit (unused below 16) */
const uint32 NpidxClassMinLimit[NPIDX_NCLASSES] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0,
	L30, L30, L30, L30, L30,
	L31, L31, L31, L31, L31,
	L3Q, L3Q, L3Q, L3Q, L3Q
};
const uint32 NpidxClassMaxLimit[NPIDX_NCLASSES] = {
	LMAX, LMAX, LMAX, LMAX, LMAX, LMAX, LMAX, LMAX,
	LMAX, LMAX, LMAX, LMAX, LMAX, LMAX, LMAX, LMAX,
	L30,
	L31, L31, L31, L31, L31,
	L3Q, L3Q, L3Q, L3Q, L3Q,
	LMAX, LMAX, LMAX, LMAX, LMAX
};

/*
 * Untruncated classes of version 5 (NPIDX_CUT_CLASSES_VERSION; see
 * npidx.h).  Class 0 is the fallback of samples of 40 hashes or more,
 * classes 1 to 10 are briefs (at most 39 hashes: in format version 2 an
 * untruncated sample's hash count is its nshingles, so these rows are
 * briefs, and a pair with one needs a share of 0.7), 11 to 15 longer
 * samples.  A truncated query's limit cuts the row's sample there: its
 * counts of hashes at most 2^30, 2^31 and 3 2^30 bound |B'| for a query
 * whose limit is at least that cut (the old classes knew only the first,
 * a quarter of the sample, while a query of 256 to 512 evidence shingles
 * keeps half to all of it).  The counts required are about the binomial
 * expectation at the class's fewest hashes less two standard deviations,
 * so that most rows fit the class of their size.
 */
const uint32 NpidxCuts[NPIDX_NCUTS] = {L30, L31, L3Q};

const uint16 NpidxClass5MinHashes[NPIDX_FIRST_TRUNC_CLASS] = {
	40, 1, 2, 3, 5, 8, 12, 16, 20, 24, 32, 40, 64, 96, 144, 200
};

const uint16 NpidxClass5MaxHashes[NPIDX_FIRST_TRUNC_CLASS] = {
	0, 39, 39, 39, 39, 39, 39, 39, 39, 39, 39, 0, 0, 0, 0, 0
};

const uint16 NpidxClass5MinCut[NPIDX_FIRST_TRUNC_CLASS][NPIDX_NCUTS] = {
	{0, 0, 0},
	{0, 0, 0}, {0, 0, 0}, {0, 0, 1}, {0, 1, 2}, {1, 2, 4},
	{1, 4, 7}, {2, 5, 10}, {3, 7, 13}, {4, 9, 16}, {5, 12, 21},
	{6, 14, 25}, {10, 25, 42}, {17, 39, 64}, {27, 61, 99}, {39, 87, 139}
};

StaticAssertDecl(NP_FP_BRIEF_SHINGLES == 40,
				 "the version 5 classes put briefs (under 40) apart");

/*
 * Initialise an empty bucket, row-list or meta page.
 */
void
NpidxInitPage(Page page, uint16 flags, uint32 bucket)
{
	NpidxPageOpaque opaque;

	PageInit(page, BLCKSZ, sizeof(NpidxPageOpaqueData));
	opaque = NpidxPageGetOpaque(page);
	opaque->next = InvalidBlockNumber;
	opaque->bucket = bucket;
	opaque->flags = flags;
	opaque->page_id = NPIDX_PAGE_ID;
	opaque->chain_pages = (flags & NPIDX_BUCKET) ? 1 : 0;
}

/*
 * Initialise a metapage with the given frozen options and an empty row list.
 */
void
NpidxInitMetaPage(Page page, uint32 nbuckets, int fillfactor)
{
	NpidxMetaPage meta;

	NpidxInitPage(page, NPIDX_META, NPIDX_NO_BUCKET);
	meta = NpidxPageGetMeta(page);
	memset(meta, 0, sizeof(NpidxMetaPageData));
	meta->magic = NPIDX_MAGIC;
	meta->version = NPIDX_VERSION;
	meta->nbuckets = nbuckets;
	meta->fillfactor = fillfactor;
	meta->rowHead = InvalidBlockNumber;
	meta->rowTail = InvalidBlockNumber;
	meta->minLimit = PG_UINT32_MAX;
	meta->hasLimit = false;
	meta->minTruncHashes = PG_UINT32_MAX;
	meta->pendingHead = InvalidBlockNumber;
	meta->pendingTail = InvalidBlockNumber;
	meta->pendingRows = 0;
	meta->pendingPages = 0;
	meta->mergingHead = InvalidBlockNumber;
	((PageHeader) page)->pd_lower =
		((char *) meta + sizeof(NpidxMetaPageData)) - (char *) page;
}

/*
 * WAL-log a change made in place to a page, as a generic WAL record
 * (RM_GENERIC_ID) whose delta holds exactly the bytes that changed, so that
 * neither a copy of the page nor a byte-by-byte comparison of its old and
 * new images is needed (GenericXLogRegisterBuffer copies the page and
 * GenericXLogFinish compares and copies it back: in a profile of a COPY
 * into an indexed table that was about a fifth of the backend's time, for
 * changes of a few dozen bytes).
 *
 * The caller has locked the buffer exclusively, changed the page inside a
 * critical section, marked the buffer dirty and calls this before leaving
 * the critical section.  The change may only have appended data: line
 * pointers or postings from old_lower up to the page's pd_lower, item data
 * from its pd_upper up to old_upper, and with special, the special space;
 * page header fields after pd_checksum are always logged.  Nothing else on
 * the page may have changed.
 *
 * The record is in the format generic_redo() replays (see generic_xlog.c:
 * per block, fragments of an OffsetNumber offset, an OffsetNumber length
 * and that many bytes; redo applies them, zeroes the hole between pd_lower
 * and pd_upper and sets the LSN), the format every release since 9.6 has
 * used.  It takes a full-page image instead when the page's first change
 * after a checkpoint needs one, as every record does.  Tested under
 * wal_consistency_checking = 'generic' (test/t/001_npidx_replica.pl).
 *
 * NpidxRegisterInPlace registers one such page as block block_id of the
 * record being built; frag receives the fragments' offsets and lengths,
 * and must live until XLogInsert.
 */
static void
NpidxRegisterInPlace(uint8 block_id, Buffer buffer, int old_lower,
					 int old_upper, bool special, OffsetNumber frag[4][2])
{
	Page		page = BufferGetPage(buffer);
	PageHeader	ph = (PageHeader) page;
	int			nfrag = 0,
				i;

	Assert(ph->pd_lower >= old_lower && ph->pd_upper <= old_upper);
	XLogRegisterBuffer(block_id, buffer, REGBUF_STANDARD);
	/* the header after the checksum: flags, lower, upper, special, ... */
	frag[nfrag][0] = offsetof(PageHeaderData, pd_flags);
	frag[nfrag][1] = SizeOfPageHeaderData - offsetof(PageHeaderData, pd_flags);
	nfrag++;
	if (ph->pd_lower > old_lower)
	{
		frag[nfrag][0] = old_lower;
		frag[nfrag][1] = ph->pd_lower - old_lower;
		nfrag++;
	}
	if (ph->pd_upper < old_upper)
	{
		frag[nfrag][0] = ph->pd_upper;
		frag[nfrag][1] = old_upper - ph->pd_upper;
		nfrag++;
	}
	if (special)
	{
		frag[nfrag][0] = ph->pd_special;
		frag[nfrag][1] = BLCKSZ - ph->pd_special;
		nfrag++;
	}
	for (i = 0; i < nfrag; i++)
	{
		XLogRegisterBufData(block_id, (char *) frag[i], sizeof(frag[i]));
		XLogRegisterBufData(block_id, (char *) page + frag[i][0], frag[i][1]);
	}
}

/* WAL-log a change made in place to one page (see above) */
void
NpidxLogInPlace(Relation index, Buffer buffer, int old_lower, int old_upper,
				bool special)
{
	OffsetNumber frag[4][2];
	XLogRecPtr	lsn;

	Assert(CritSectionCount > 0);
	if (!RelationNeedsWAL(index))
		return;
	XLogBeginInsert();
	NpidxRegisterInPlace(0, buffer, old_lower, old_upper, special, frag);
	lsn = XLogInsert(RM_GENERIC_ID, 0);
	PageSetLSN(BufferGetPage(buffer), lsn);
}

/*
 * WAL-log a chain's tail spilled into another bucket's head for the first
 * time (see NpidxChainAppend): the postings appended to target since
 * old_lower and the special space of head, where the spill's distance was
 * set, in one record, so that no replay can have the postings without the
 * link to them.  Called as NpidxLogInPlace is.
 */
void
NpidxLogSpill(Relation index, Buffer target, int old_lower, Buffer head)
{
	OffsetNumber frag[2][4][2];
	XLogRecPtr	lsn;

	Assert(CritSectionCount > 0);
	if (!RelationNeedsWAL(index))
		return;
	XLogBeginInsert();
	NpidxRegisterInPlace(0, target, old_lower,
						 ((PageHeader) BufferGetPage(target))->pd_upper, false,
						 frag[0]);
	NpidxRegisterInPlace(1, head, ((PageHeader) BufferGetPage(head))->pd_lower,
						 ((PageHeader) BufferGetPage(head))->pd_upper, true,
						 frag[1]);
	lsn = XLogInsert(RM_GENERIC_ID, 0);
	PageSetLSN(BufferGetPage(target), lsn);
	PageSetLSN(BufferGetPage(head), lsn);
}

/*
 * New blocks for a merge, added to the relation in bulk.  A merge links in
 * new bucket pages by the thousand (about one per bucket whose head fills),
 * and ReadBuffer(P_NEW) extends the file by one zeroed block each time: a
 * write system call and a size check a page, in perf of a COPY into an
 * indexed table a tenth of the backend's time.  Instead, while a merge
 * runs (NpidxReserveBegin .. NpidxReserveEnd, under the merge lock), the
 * relation is extended by a run of blocks at once, writing only the run's
 * last block so that the others read as zeroes (as the hash AM allocates its
 * split points), and NpidxNewBuffer hands the run out with RBM_ZERO_AND_LOCK,
 * which neither reads nor writes the file.  Runs are NPIDX_RESERVE_RUN
 * blocks: the write and the size check are shared by that many pages, and
 * what a merge leaves of its last run (below) stays small, for those blocks
 * cost a buffer and a WAL record each.
 *
 * Only this backend knows the run's blocks, and nothing else may hand them
 * out: the one other way to a block that was never written, VACUUM's search
 * for new pages (npidxvacuumcleanup), reads the relation's size under the
 * merge lock and looks only below it.  Blocks left at
 * the end are made deleted pages, WAL-logged (so that they exist on a standby
 * too) and given to the free space map; after an error they stay all-zero
 * until VACUUM finds them.  Replay needs nothing: every block taken gets a
 * full-page image in its first WAL record, and redo extends the relation up
 * to it.
 */
#define NPIDX_RESERVE_RUN	32

static struct
{
	Oid			relid;			/* the merging index, or InvalidOid */
	BlockNumber next;			/* next block of the run to hand out */
	BlockNumber end;			/* end of the run */
}			npidx_reserve;

/*
 * Start handing out new blocks in runs for index (the caller holds its
 * merge lock, until NpidxReserveEnd).  Not for temporary indexes.
 */
void
NpidxReserveBegin(Relation index)
{
	npidx_reserve.relid = InvalidOid;
	if (RelationUsesLocalBuffers(index))
		return;
	npidx_reserve.next = npidx_reserve.end = InvalidBlockNumber;
	npidx_reserve.relid = RelationGetRelid(index);
}

/*
 * Stop handing out runs.  With ok, turn the blocks left of the run into
 * deleted pages in the free space map (the caller vacuums the map); without
 * (error cleanup), only forget them.
 */
void
NpidxReserveEnd(Relation index, bool ok)
{
	if (npidx_reserve.relid != RelationGetRelid(index))
		return;
	npidx_reserve.relid = InvalidOid;
	if (!ok)
		return;
	for (; npidx_reserve.next < npidx_reserve.end; npidx_reserve.next++)
	{
		BlockNumber blkno = npidx_reserve.next;
		Buffer		buffer = ReadBufferExtended(index, MAIN_FORKNUM, blkno,
												RBM_ZERO_AND_LOCK, NULL);

		START_CRIT_SECTION();
		NpidxInitPage(BufferGetPage(buffer), NPIDX_DELETED, NPIDX_NO_BUCKET);
		MarkBufferDirty(buffer);
		if (RelationNeedsWAL(index))
			log_newpage_buffer(buffer, true);
		END_CRIT_SECTION();
		UnlockReleaseBuffer(buffer);
		RecordFreeIndexPage(index, blkno);
	}
}

/*
 * A new block from the merge's run, extending the relation by a new run
 * when the last is used up; exclusively locked, zeroed, not read.
 */
static Buffer
NpidxReserveBuffer(Relation index)
{
	if (npidx_reserve.next >= npidx_reserve.end ||
		npidx_reserve.next == InvalidBlockNumber)
	{
		PGAlignedBlock zero;
		BlockNumber nblocks,
					run = NPIDX_RESERVE_RUN;

		memset(zero.data, 0, BLCKSZ);
		LockRelationForExtension(index, ExclusiveLock);
		nblocks = RelationGetNumberOfBlocks(index);
		if (nblocks >= MaxBlockNumber - run)
			elog(ERROR, "npidx index \"%s\" cannot grow further",
				 RelationGetRelationName(index));
		/* a run stays within a segment file */
		run = Min(run, RELSEG_SIZE - nblocks % RELSEG_SIZE);
		smgrextend(NpRelationGetSmgr(index), MAIN_FORKNUM, nblocks + run - 1,
				   zero.data, false);
		UnlockRelationForExtension(index, ExclusiveLock);
		npidx_reserve.next = nblocks;
		npidx_reserve.end = nblocks + run;
	}
	return ReadBufferExtended(index, MAIN_FORKNUM, npidx_reserve.next++,
							  RBM_ZERO_AND_LOCK, NULL);
}

/*
 * Return a new, exclusively locked buffer: a recycled page from the free
 * space map if one is free, else a block of the merge's run (above) during
 * a merge, else a new block at the end of the relation.  The caller
 * initialises it.
 */
Buffer
NpidxNewBuffer(Relation index)
{
	Buffer		buffer;
	bool		needLock;

	for (;;)
	{
		BlockNumber blkno = GetFreeIndexPage(index);

		if (blkno == InvalidBlockNumber)
			break;

		buffer = ReadBuffer(index, blkno);

		/* Somebody else may have the page; then try another one */
		if (ConditionalLockBuffer(buffer))
		{
			Page		page = BufferGetPage(buffer);

			if (PageIsNew(page))
				return buffer;
			if (NpidxPageGetOpaque(page)->page_id == NPIDX_PAGE_ID &&
				(NpidxPageGetOpaque(page)->flags & NPIDX_DELETED))
				return buffer;
			LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
		}
		ReleaseBuffer(buffer);
	}

	if (npidx_reserve.relid == RelationGetRelid(index) &&
		OidIsValid(npidx_reserve.relid))
		return NpidxReserveBuffer(index);

	needLock = !RELATION_IS_LOCAL(index);
	if (needLock)
		LockRelationForExtension(index, ExclusiveLock);
	buffer = ReadBuffer(index, P_NEW);
	LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
	if (needLock)
		UnlockRelationForExtension(index, ExclusiveLock);

	return buffer;
}

/*
 * Buffer hints for the bucket chains of the index this backend merged into
 * last: for each bucket, the buffer its head page was found in and the
 * buffer of the page after the head, where appends go once the head is full.
 * A merge pins about two pages per bucket, each a lookup in the shared
 * buffer mapping table (a tenth of a COPY's backend time in perf, mostly
 * cache misses in that large table); ReadRecentBuffer pins a hinted buffer
 * after checking that it still holds the block, and a stale hint costs only
 * the lookup it saves.  One index at a time, kept for the backend's life in
 * TopMemoryContext (8 bytes a bucket, at most NPIDX_HINT_MAX_BUCKETS);
 * temporary indexes (local buffers) go without.
 */
static struct
{
	Oid			relid;
	uint32		nbuckets;
	Buffer	   *bufs;			/* per bucket: head, page after the head */
}			npidx_hints;

/*
 * palloc_extended(size, MCXT_ALLOC_HUGE) for a large array that a merge
 * fills at scattered places (its counting sort's output), with the kernel
 * asked to back the 2 MB-aligned part of it with transparent huge pages
 * (madvise(MADV_HUGEPAGE): Linux, where
 * /sys/kernel/mm/transparent_hugepage/enabled is "madvise", as on Debian,
 * or "always").  Each 4 kB page of fresh memory costs the backend a page
 * fault at its first touch and each scattered store into tens of MB a TLB
 * miss, both dear on a virtual machine: at 7.3 million postings this array
 * is 58 MB, 14,000 faults in 4 kB pages (doc/index.md, "Ingestion: huge
 * pages").  The advice is a hint; where it is refused or unknown, nothing
 * changes.
 */
#define NPIDX_THP_SIZE		((uintptr_t) 2 * 1024 * 1024)

void *
NpidxAllocScattered(Size size)
{
	void	   *p = palloc_extended(size, MCXT_ALLOC_HUGE);

#ifdef MADV_HUGEPAGE
	if (size >= 4 * NPIDX_THP_SIZE)
	{
		uintptr_t	lo = TYPEALIGN(NPIDX_THP_SIZE, (uintptr_t) p),
					hi = TYPEALIGN_DOWN(NPIDX_THP_SIZE, (uintptr_t) p + size);

		if (hi > lo)
			(void) madvise((void *) lo, hi - lo, MADV_HUGEPAGE);
	}
#endif
	return p;
}

/*
 * The hints of index (two per bucket: NpidxBucketHints(...)[2 * b] for the
 * head of bucket b, [2 * b + 1] for the page after it), or NULL if it gets
 * none.  Zeroed, i.e. InvalidBuffer, when first made.
 */
Buffer *
NpidxBucketHints(Relation index, uint32 nbuckets)
{
	if (RelationUsesLocalBuffers(index) || nbuckets > NPIDX_HINT_MAX_BUCKETS)
		return NULL;
	if (npidx_hints.bufs == NULL || npidx_hints.relid != RelationGetRelid(index) ||
		npidx_hints.nbuckets != nbuckets)
	{
		if (npidx_hints.bufs != NULL)
			pfree(npidx_hints.bufs);
		npidx_hints.bufs = NULL;
		npidx_hints.bufs = MemoryContextAllocExtended(TopMemoryContext,
													  (Size) nbuckets * 2 * sizeof(Buffer),
													  MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
		npidx_hints.relid = RelationGetRelid(index);
		npidx_hints.nbuckets = nbuckets;
	}
	return npidx_hints.bufs;
}

/*
 * ReadBuffer(index, blkno), trying *hint first (hint may be NULL); the
 * buffer found becomes the hint.
 */
Buffer
NpidxReadBufferHinted(Relation index, BlockNumber blkno, Buffer *hint)
{
	Buffer		buffer;

	if (hint != NULL && BufferIsValid(*hint) &&
		NpReadRecentBuffer(index, blkno, *hint))
		return *hint;
	buffer = ReadBuffer(index, blkno);
	if (hint != NULL)
		*hint = buffer;
	return buffer;
}

/*
 * WAL-log a new bucket page linked in after its chain's head: the new page
 * as a full image (its empty middle left out) and the head's special space
 * (next, chain_pages) as a delta, one generic WAL record for generic_redo().
 * GenericXLog would copy both pages in and out and compare the head's old
 * and new images.  Called in the critical section that made the change.
 */
static void
NpidxLogNewChainPage(Relation index, Buffer newbuf, Buffer head)
{
	Page		page = BufferGetPage(newbuf),
				hpage = BufferGetPage(head);
	OffsetNumber frag[2];
	XLogRecPtr	lsn;

	Assert(CritSectionCount > 0);
	if (!RelationNeedsWAL(index))
		return;
	XLogBeginInsert();
	XLogRegisterBuffer(0, newbuf, REGBUF_FORCE_IMAGE | REGBUF_STANDARD);
	XLogRegisterBuffer(1, head, REGBUF_STANDARD);
	frag[0] = ((PageHeader) hpage)->pd_special;
	frag[1] = BLCKSZ - frag[0];
	XLogRegisterBufData(1, (char *) frag, sizeof(frag));
	XLogRegisterBufData(1, (char *) hpage + frag[0], frag[1]);
	lsn = XLogInsert(RM_GENERIC_ID, 0);
	PageSetLSN(page, lsn);
	PageSetLSN(hpage, lsn);
}

/*
 * Add postings to the chain of a bucket whose head page is locked
 * exclusively by the caller: into the head and the first pages after it
 * while they have room (a compact page takes only compact TIDs), then into
 * new pages linked right after the head.  With wal, every change is a
 * generic WAL record; without (CREATE INDEX), pages are only marked dirty.
 * next_hint, if not NULL, is the buffer hint of the page after the head
 * (NpidxBucketHints), used and kept up to date.
 *
 * With spill not NULL, the postings that would open a last, part-filled
 * new page (all compact, fewer than a page's worth after the room found)
 * are offered to spill(index, head, postings, count, spill_arg) first,
 * which may put them into another bucket's head and returns whether it
 * did (a merge's NpidxInsertRows: see there).
 */
void
NpidxChainAppend(Relation index, Buffer head, const NpidxPosting *p, int n,
				 bool wal, Buffer *next_hint, NpidxSpillFn spill,
				 void *spill_arg)
{
	uint32		bucket = NpidxPageGetOpaque(BufferGetPage(head))->bucket;
	int		   *order = NULL;	/* NULL: all compact, in p's order */
	int			ncompact = 0,
				nwide = 0,
				ci = 0,
				wi = 0,
				i;
	BlockNumber blk = BufferGetBlockNumber(head);
	int			visited = 0;

	/* compact postings first, wide ones after them (rare: see npidx.h) */
	while (ncompact < n && NpidxTidIsCompact((ItemPointer) &p[ncompact].tid))
		ncompact++;
	if (ncompact < n)
	{
		order = palloc(n * sizeof(int));
		ncompact = 0;
		for (i = 0; i < n; i++)
			if (NpidxTidIsCompact((ItemPointer) &p[i].tid))
				order[ncompact++] = i;
		for (i = 0; i < n; i++)
			if (!NpidxTidIsCompact((ItemPointer) &p[i].tid))
				order[ncompact + nwide++] = i;
	}

	/* pages with room: the head and the next few (new pages go there) */
	while (blk != InvalidBlockNumber && visited < NPIDX_APPEND_VISIT &&
		   (ci < ncompact || wi < nwide))
	{
		Buffer		buffer = (blk == BufferGetBlockNumber(head)) ? head :
			NpidxReadBufferHinted(index, blk, visited == 1 ? next_hint : NULL);
		Page		page;
		int			room;

		if (buffer != head)
			LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
		page = BufferGetPage(buffer);
		NpidxCheckBucketPage(index, page, blk, bucket);
		room = NpidxPageCapacity(page) - NpidxPageNEntries(page);
		if (room > 0 && (ci < ncompact || (wi < nwide && NpidxPageIsWide(page))))
		{
			int			k = NpidxPageNEntries(page);
			int			old_lower = ((PageHeader) page)->pd_lower;

			/* postings appended in place, and only they WAL-logged */
			START_CRIT_SECTION();
			if (NpidxPageIsWide(page))
				for (; wi < nwide && room > 0; wi++, room--, k++)
				{
					const NpidxPosting *e = &p[order[ncompact + wi]];

					NpidxPageSetEntry(page, k, e->resid, (ItemPointer) &e->tid, e->cls);
				}
			for (; ci < ncompact && room > 0; ci++, room--, k++)
			{
				const NpidxPosting *e = &p[order ? order[ci] : ci];

				NpidxPageSetEntry(page, k, e->resid, (ItemPointer) &e->tid, e->cls);
			}
			NpidxPageSetNEntries(page, k);
			MarkBufferDirty(buffer);
			if (wal)
				NpidxLogInPlace(index, buffer, old_lower,
								((PageHeader) page)->pd_upper, false);
			END_CRIT_SECTION();
		}
		blk = NpidxPageGetOpaque(page)->next;
		if (buffer != head)
			UnlockReleaseBuffer(buffer);
		visited++;
	}

	/* the part-page tail of what is left: into another head, if it fits */
	if (spill != NULL && order == NULL && ci < ncompact)
	{
		int			tail = (ncompact - ci) % NPIDX_COMPACT_PER_PAGE;

		if (tail > 0 && spill(index, head, p + ncompact - tail, tail, spill_arg))
			ncompact -= tail;
	}

	/* new pages right after the head: wide ones first */
	while (ci < ncompact || wi < nwide)
	{
		bool		wide = wi < nwide;
		Buffer		buffer = NpidxNewBuffer(index);
		Page		page = BufferGetPage(buffer),
					hpage = BufferGetPage(head);
		int			k = 0,
					room;

		START_CRIT_SECTION();
		NpidxInitPage(page, NPIDX_BUCKET | (wide ? NPIDX_WIDE : 0), bucket);
		room = NpidxPageCapacity(page);
		for (; wide && wi < nwide && room > 0; wi++, room--, k++)
		{
			const NpidxPosting *e = &p[order[ncompact + wi]];

			NpidxPageSetEntry(page, k, e->resid, (ItemPointer) &e->tid, e->cls);
		}
		for (; ci < ncompact && room > 0; ci++, room--, k++)
		{
			const NpidxPosting *e = &p[order ? order[ci] : ci];

			NpidxPageSetEntry(page, k, e->resid, (ItemPointer) &e->tid, e->cls);
		}
		NpidxPageSetNEntries(page, k);
		NpidxPageGetOpaque(page)->next = NpidxPageGetOpaque(hpage)->next;
		NpidxPageGetOpaque(page)->chain_pages = 0;
		NpidxPageGetOpaque(hpage)->next = BufferGetBlockNumber(buffer);
		NpidxPageGetOpaque(hpage)->chain_pages++;
		MarkBufferDirty(buffer);
		MarkBufferDirty(head);
		if (wal)
			NpidxLogNewChainPage(index, buffer, head);
		END_CRIT_SECTION();
		if (next_hint != NULL)
			*next_hint = buffer;
		UnlockReleaseBuffer(buffer);
	}
	if (order)
		pfree(order);
}

/*
 * Return the metapage contents, cached in the relcache entry.  Only the
 * fields frozen at build (nbuckets, fillfactor) may be used from the cache.
 */
const NpidxMetaPageData *
NpidxGetMeta(Relation index)
{
	if (index->rd_amcache == NULL)
	{
		Buffer		buffer;
		Page		page;
		NpidxMetaPage meta;
		NpidxMetaPageData *copy;

		buffer = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
		LockBuffer(buffer, BUFFER_LOCK_SHARE);
		page = BufferGetPage(buffer);
		meta = NpidxPageGetMeta(page);
		if (NpidxPageGetOpaque(page)->page_id != NPIDX_PAGE_ID ||
			meta->magic != NPIDX_MAGIC)
			ereport(ERROR,
					(errcode(ERRCODE_INDEX_CORRUPTED),
					 errmsg("index \"%s\" is not an npidx index",
							RelationGetRelationName(index))));
		if (meta->version < NPIDX_MIN_VERSION || meta->version > NPIDX_VERSION)
			ereport(ERROR,
					(errcode(ERRCODE_INDEX_CORRUPTED),
					 errmsg("index \"%s\" has npidx version %u, expected %u to %u",
							RelationGetRelationName(index), meta->version,
							NPIDX_MIN_VERSION, NPIDX_VERSION),
					 errhint("Please REINDEX it.")));
		if (meta->nbuckets < 1 || meta->nbuckets > NPIDX_MAX_BUCKETS)
			elog(ERROR, "npidx index \"%s\" has a bad bucket count %u",
				 RelationGetRelationName(index), meta->nbuckets);

		copy = MemoryContextAlloc(index->rd_indexcxt, sizeof(NpidxMetaPageData));
		memcpy(copy, meta, sizeof(NpidxMetaPageData));
		UnlockReleaseBuffer(buffer);
		index->rd_amcache = copy;
	}
	return (const NpidxMetaPageData *) index->rd_amcache;
}

/*
 * Average number of postings per bucket aimed at by the build: the
 * fillfactor's share of a page.  Pages themselves are filled up to their
 * capacity, so the Poisson spread of bucket sizes rarely needs an overflow
 * page, and the remaining room takes later inserts.
 */
int
NpidxTargetPerBucket(int fillfactor, bool wide)
{
	int			n = ((wide ? NPIDX_WIDE_PER_PAGE : NPIDX_COMPACT_PER_PAGE) *
					 fillfactor) / 100;

	return Max(n, 1);
}

/*
 * Choose the bucket count for an expected number of postings: enough head
 * pages to hold them at the fillfactor.
 */
uint32
NpidxChooseBuckets(double nentries, int fillfactor, bool wide)
{
	double		nb = ceil(nentries / NpidxTargetPerBucket(fillfactor, wide));

	if (nb < NPIDX_MIN_BUCKETS)
		nb = NPIDX_MIN_BUCKETS;
	if (nb > NPIDX_MAX_BUCKETS)
		nb = NPIDX_MAX_BUCKETS;
	return (uint32) nb;
}

/*
 * Note fp in the metapage (registered for WAL or locked by the caller):
 * lower its smallest sample limit and fewest truncated hashes, and record
 * fp's format; returns whether anything changed.
 */
bool
NpidxMetaNoteSample(NpidxMetaPage meta, const NpFingerprint *fp)
{
	uint32		limit;
	bool		changed = false;

	if (fp == NULL)
		return false;
	if (meta->fpVersion == 0)
	{
		meta->fpVersion = fp->version;
		meta->fpShingleWords = fp->shingle_words;
		changed = true;
	}
	else if (!meta->fpMixed && (meta->fpVersion != fp->version ||
								meta->fpShingleWords != fp->shingle_words))
	{
		meta->fpMixed = true;
		changed = true;
	}
	if (NpidxSampleLimit(fp, &limit))
	{
		uint32		n = (uint32) NpFingerprintNHashes(fp);

		if (!meta->hasLimit || limit < meta->minLimit)
		{
			meta->minLimit = limit;
			meta->hasLimit = true;
			changed = true;
		}
		if (n < meta->minTruncHashes)
		{
			meta->minTruncHashes = n;
			changed = true;
		}
	}
	return changed;
}

/*
 * Note fp in the metapage now if it changes the format notes or lowers the
 * sample bounds (NpidxMetaNoteSample), for a row that reaches the index
 * later (npidx_local.c): scans rely on the notes for every row they read,
 * pending ones included.
 */
void
NpidxMetaNote(Relation index, const NpFingerprint *fp)
{
	Buffer		metabuf;

	if (fp == NULL)
		return;
	metabuf = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	LockBuffer(metabuf, BUFFER_LOCK_SHARE);
	if (NpidxMetaNeedsNote(NpidxPageGetMeta(BufferGetPage(metabuf)), fp))
	{
		LockBuffer(metabuf, BUFFER_LOCK_UNLOCK);
		LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);
		if (NpidxMetaNeedsNote(NpidxPageGetMeta(BufferGetPage(metabuf)), fp))
		{
			GenericXLogState *state = GenericXLogStart(index);

			(void) NpidxMetaNoteSample(NpidxPageGetMeta(GenericXLogRegisterBuffer(state, metabuf, 0)), fp);
			GenericXLogFinish(state);
		}
	}
	UnlockReleaseBuffer(metabuf);
}

/* Would NpidxMetaNoteSample change meta? */
bool
NpidxMetaNeedsNote(const NpidxMetaPageData *meta, const NpFingerprint *fp)
{
	uint32		limit;

	if (fp == NULL)
		return false;
	if (meta->fpVersion == 0 ||
		(!meta->fpMixed && (meta->fpVersion != fp->version ||
							meta->fpShingleWords != fp->shingle_words)))
		return true;
	return NpidxSampleLimit(fp, &limit) &&
		(!meta->hasLimit || limit < meta->minLimit ||
		 (uint32) NpFingerprintNHashes(fp) < meta->minTruncHashes);
}

/*
 * Can the index hold a row whose fingerprint cannot be compared with q?
 * The operators raise an error for such a pair (NpFingerprintCheckCompatible),
 * so a scan whose query this says false for returns every row and lets the
 * recheck raise it on the first visible one, as a sequential scan would.
 * After refreshing stored fingerprints to a new format, REINDEX clears the
 * note.
 */
bool
NpidxFormatsMatch(const NpidxMetaPageData *meta, const NpFingerprint *q)
{
	if (meta->fpVersion == 0)
		return true;			/* no fingerprint indexed yet */
	return !meta->fpMixed && meta->fpVersion == q->version &&
		meta->fpShingleWords == q->shingle_words;
}

/*
 * The bucket count of a build whose reloption asks for "wanted" buckets
 * when the data need "chosen": the reloption may pre-size the index for
 * rows still to come, but not beyond the larger of the data's need, the
 * heap's page count and NPIDX_PRESIZE_BUCKETS, so that no table owner can
 * make an empty table's index fill the disk (each bucket is an 8 kB page).
 */
uint32
NpidxCapBuckets(uint32 wanted, uint32 chosen, BlockNumber heapblocks)
{
	uint32		cap = Max(chosen, NPIDX_PRESIZE_BUCKETS);

	cap = Max(cap, Min(heapblocks, (BlockNumber) NPIDX_MAX_BUCKETS));
	return Max(Min(wanted, cap), NPIDX_MIN_BUCKETS);
}

/*
 * Number of leading query hashes to probe so that every row meeting a
 * similarity or containment-of-the-query threshold t is found:
 * floor((1 - t) n) + 1 (see the essay in npidx.c), plus one against rounding.
 */
int
NpidxProbesFor(double threshold, int nhashes)
{
	double		p;

	if (!(threshold > 0.0))		/* also NaN */
		return nhashes;
	p = floor((1.0 - threshold) * nhashes) + 2;
	if (p > nhashes)
		return nhashes;
	return (int) p;
}

/*
 * qsort comparator of ItemPointerData.
 */
int
NpidxItemPointerCmp(const void *a, const void *b)
{
	return ItemPointerCompare((ItemPointer) a, (ItemPointer) b);
}

/* Fewer TIDs than this are sorted by qsort (well under a millisecond) */
#define NPIDX_RADIX_MIN_TIDS	8192
/* A radix pass checks for interrupts once per this many TIDs */
#define NPIDX_RADIX_CHECK		65536

/* Byte d (0: the least significant) of tid's 48-bit key (block, offset) */
static inline uint8
TidKeyByte(const ItemPointerData *tid, int d)
{
	if (d < 2)
		return (uint8) (tid->ip_posid >> (8 * d));
	if (d < 4)
		return (uint8) (tid->ip_blkid.bi_lo >> (8 * (d - 2)));
	return (uint8) (tid->ip_blkid.bi_hi >> (8 * (d - 4)));
}

/*
 * Sort n TIDs and drop repeats; returns how many are left.  A scan's
 * candidates (up to every row of the table) are sorted so, and vacuum's
 * dead TIDs: qsort has no interrupt check, and two million candidates took
 * it about a quarter of a second that no cancel or statement_timeout could
 * stop.  From NPIDX_RADIX_MIN_TIDS on, an LSD radix sort, a byte of the
 * 48-bit key (block number, then offset) a pass, into a scratch array of
 * the same size: linear, with an interrupt check every NPIDX_RADIX_CHECK
 * TIDs, and a pass is skipped when its byte is the same in every TID (the
 * offset's high byte and the block number's upper bytes, on most tables).
 */
int
NpidxSortTids(ItemPointerData *tids, int n)
{
	int			i,
				j;

	if (n < 2)
		return n;
	if (n < NPIDX_RADIX_MIN_TIDS)
		qsort(tids, n, sizeof(ItemPointerData), NpidxItemPointerCmp);
	else
	{
		Size	   *count = palloc0(6 * 256 * sizeof(Size));
		ItemPointerData *scratch = palloc_extended((Size) n * sizeof(ItemPointerData),
												   MCXT_ALLOC_HUGE);
		ItemPointerData *from = tids,
				   *to = scratch;
		int			d;

		for (i = 0; i < n; i++)
		{
			for (d = 0; d < 6; d++)
				count[d * 256 + TidKeyByte(&tids[i], d)]++;
			if (i % NPIDX_RADIX_CHECK == 0)
				CHECK_FOR_INTERRUPTS();
		}
		for (d = 0; d < 6; d++)
		{
			Size	   *c = &count[d * 256];
			Size		pos = 0;
			int			b;

			if (c[TidKeyByte(&tids[0], d)] == (Size) n)
				continue;		/* one value: the order stands */
			for (b = 0; b < 256; b++)
			{
				Size		k = c[b];

				c[b] = pos;
				pos += k;
			}
			for (i = 0; i < n; i++)
			{
				to[c[TidKeyByte(&from[i], d)]++] = from[i];
				if (i % NPIDX_RADIX_CHECK == 0)
					CHECK_FOR_INTERRUPTS();
			}
			from = to;
			to = (from == tids) ? scratch : tids;
		}
		if (from != tids)
			memcpy(tids, from, (Size) n * sizeof(ItemPointerData));
		pfree(scratch);
		pfree(count);
	}
	for (i = 1, j = 1; i < n; i++)
		if (!ItemPointerEquals(&tids[i], &tids[j - 1]))
			tids[j++] = tids[i];
	return j;
}
