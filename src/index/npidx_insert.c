/*-------------------------------------------------------------------------
 *
 * npidx_insert.c
 *	  aminsert for npidx: append the row to the row list and one posting
 *	  per sample hash to its bucket chain, each change one generic WAL
 *	  record.
 *
 * Locking: the metapage is locked exclusively while the row list's tail is
 * extended; a bucket's head page is locked exclusively for the whole of a
 * posting insert, which serialises inserters and vacuum per bucket, while
 * readers follow chains with lock coupling (see npidx.c).
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
 * Append tid to the row list; lower the metapage's smallest sample limit if
 * fp (may be NULL) is truncated below it.
 */
void
NpidxAppendRow(Relation index, ItemPointer tid, const NpFingerprint *fp)
{
	Buffer		metabuf;
	Buffer		tailbuf = InvalidBuffer;
	Buffer		newbuf;
	NpidxMetaPage meta;
	GenericXLogState *state;
	Page		page;
	int			n;
	uint32		limit = 0;
	bool		lower;

	metabuf = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);
	meta = NpidxPageGetMeta(BufferGetPage(metabuf));
	lower = fp != NULL && NpidxSampleLimit(fp, &limit) &&
		(!meta->hasLimit || limit < meta->minLimit);

	if (meta->rowTail != InvalidBlockNumber)
	{
		tailbuf = ReadBuffer(index, meta->rowTail);
		LockBuffer(tailbuf, BUFFER_LOCK_EXCLUSIVE);
		n = NpidxPageNRows(BufferGetPage(tailbuf));
		if (n < NPIDX_ROWS_PER_PAGE)
		{
			state = GenericXLogStart(index);
			page = GenericXLogRegisterBuffer(state, tailbuf, 0);
			NpidxPageRows(page)[n] = *tid;
			NpidxSetPageCount(page, n + 1, sizeof(ItemPointerData));
			if (lower)
			{
				meta = NpidxPageGetMeta(GenericXLogRegisterBuffer(state, metabuf, 0));
				meta->minLimit = limit;
				meta->hasLimit = true;
			}
			GenericXLogFinish(state);
			UnlockReleaseBuffer(tailbuf);
			UnlockReleaseBuffer(metabuf);
			return;
		}
	}

	/* a new tail page */
	newbuf = NpidxNewBuffer(index);
	state = GenericXLogStart(index);
	page = GenericXLogRegisterBuffer(state, newbuf, GENERIC_XLOG_FULL_IMAGE);
	NpidxInitPage(page, NPIDX_ROWS, NPIDX_NO_BUCKET);
	NpidxPageRows(page)[0] = *tid;
	NpidxSetPageCount(page, 1, sizeof(ItemPointerData));
	if (BufferIsValid(tailbuf))
	{
		Page		tpage = GenericXLogRegisterBuffer(state, tailbuf, 0);

		NpidxPageGetOpaque(tpage)->next = BufferGetBlockNumber(newbuf);
	}
	meta = NpidxPageGetMeta(GenericXLogRegisterBuffer(state, metabuf, 0));
	if (meta->rowHead == InvalidBlockNumber)
		meta->rowHead = BufferGetBlockNumber(newbuf);
	meta->rowTail = BufferGetBlockNumber(newbuf);
	if (lower)
	{
		meta->minLimit = limit;
		meta->hasLimit = true;
	}
	GenericXLogFinish(state);

	UnlockReleaseBuffer(newbuf);
	if (BufferIsValid(tailbuf))
		UnlockReleaseBuffer(tailbuf);
	UnlockReleaseBuffer(metabuf);
}

/* Append one posting to a page registered in a generic WAL record */
static inline void
NpidxPageAddEntry(Page page, uint16 resid, ItemPointer tid)
{
	int			n = NpidxPageNEntries(page);

	NpidxPageSetEntry(page, n, resid, tid);
	NpidxPageSetNEntries(page, n + 1);
}

/*
 * Add the posting (hash -> tid) to its bucket: to the first page of the
 * chain with room, or to a new page linked right after the head.
 */
void
NpidxInsertPosting(Relation index, uint32 nbuckets, uint32 hash,
				   ItemPointer tid)
{
	uint32		mix = NpidxMix(hash);
	uint32		bucket = NpidxBucketOf(mix, nbuckets);
	uint16		resid = NpidxResidOf(mix);
	bool		compact = NpidxTidIsCompact(tid);
	Buffer		head;
	Buffer		newbuf;
	BlockNumber blk;
	GenericXLogState *state;
	Page		page;

	head = ReadBuffer(index, NpidxBucketBlock(bucket));
	LockBuffer(head, BUFFER_LOCK_EXCLUSIVE);

	/* the head itself, then the chain */
	blk = NpidxBucketBlock(bucket);
	while (blk != InvalidBlockNumber)
	{
		Buffer		buffer = (blk == NpidxBucketBlock(bucket)) ? head :
			ReadBuffer(index, blk);

		if (buffer != head)
			LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
		page = BufferGetPage(buffer);
		if (NpidxPageGetOpaque(page)->bucket != bucket ||
			!(NpidxPageGetOpaque(page)->flags & NPIDX_BUCKET))
			elog(ERROR, "npidx index \"%s\": block %u is not in bucket %u",
				 RelationGetRelationName(index), blk, bucket);
		if (NpidxPageNEntries(page) < NpidxPageCapacity(page) &&
			(compact || NpidxPageIsWide(page)))
		{
			state = GenericXLogStart(index);
			NpidxPageAddEntry(GenericXLogRegisterBuffer(state, buffer, 0),
							  resid, tid);
			GenericXLogFinish(state);
			if (buffer != head)
				UnlockReleaseBuffer(buffer);
			UnlockReleaseBuffer(head);
			return;
		}
		blk = NpidxPageGetOpaque(page)->next;
		if (buffer != head)
			UnlockReleaseBuffer(buffer);
	}

	/* every page is full: link a new one after the head */
	newbuf = NpidxNewBuffer(index);
	state = GenericXLogStart(index);
	page = GenericXLogRegisterBuffer(state, newbuf, GENERIC_XLOG_FULL_IMAGE);
	NpidxInitPage(page, NPIDX_BUCKET | (compact ? 0 : NPIDX_WIDE), bucket);
	NpidxPageAddEntry(page, resid, tid);
	{
		Page		hpage = GenericXLogRegisterBuffer(state, head, 0);

		NpidxPageGetOpaque(page)->next = NpidxPageGetOpaque(hpage)->next;
		NpidxPageGetOpaque(page)->chain_pages = 0;
		NpidxPageGetOpaque(hpage)->next = BufferGetBlockNumber(newbuf);
		NpidxPageGetOpaque(hpage)->chain_pages++;
	}
	GenericXLogFinish(state);
	UnlockReleaseBuffer(newbuf);
	UnlockReleaseBuffer(head);
}

/*
 * Insert one row into an npidx index.
 */
bool
npidxinsert(Relation index, Datum *values, bool *isnull,
			ItemPointer ht_ctid, Relation heapRel,
			IndexUniqueCheck checkUnique
			NP_AMINSERT_EXTRA_ARGS,
			IndexInfo *indexInfo)
{
	const NpidxMetaPageData *meta = NpidxGetMeta(index);
	uint32		nbuckets = meta->nbuckets;
	MemoryContext cxt,
				oldcxt;
	int			i;

	cxt = AllocSetContextCreate(CurrentMemoryContext,
								"npidx insert temporary context",
								ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(cxt);

	if (isnull[0])
		NpidxAppendRow(index, ht_ctid, NULL);
	else
	{
		NpFingerprint *fp = DatumGetNpFingerprintP(values[0]);
		int			n = NpFingerprintNHashes(fp);

		/* the row list first: vacuum finds dead rows there */
		NpidxAppendRow(index, ht_ctid, fp);

		for (i = 0; i < n; i++)
		{
			NpidxInsertPosting(index, nbuckets, fp->hashes[i], ht_ctid);
			CHECK_FOR_INTERRUPTS();
		}
	}

	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(cxt);
	return false;
}
