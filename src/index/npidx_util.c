/*-------------------------------------------------------------------------
 *
 * npidx_util.c
 *	  Page initialisation, page allocation, metapage cache and sizing rules
 *	  shared by the npidx build, insert, scan and vacuum code.
 *
 * src/index/npidx_util.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "storage/freespace.h"
#include "storage/indexfsm.h"
#include "storage/lmgr.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "index/npidx.h"

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
	((PageHeader) page)->pd_lower =
		((char *) meta + sizeof(NpidxMetaPageData)) - (char *) page;
}

/*
 * Return a new, exclusively locked buffer: a recycled page from the free
 * space map if one is free, else a new block at the end of the relation.
 * The caller initialises it.
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
		if (meta->version != NPIDX_VERSION)
			ereport(ERROR,
					(errcode(ERRCODE_INDEX_CORRUPTED),
					 errmsg("index \"%s\" has npidx version %u, expected %u",
							RelationGetRelationName(index), meta->version,
							NPIDX_VERSION),
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
