/*-------------------------------------------------------------------------
 *
 * npidx.h
 *	  Page layout and internal interfaces of the npidx index access method.
 *
 * npidx is an inverted index over newsprint.fingerprint: one posting (the
 * heap TID) for every hash of every row's sample, grouped into hash buckets,
 * plus a list of every indexed heap TID.  The design essay (page layout,
 * exactness proof, costs, papers) is at the top of npidx.c.
 *
 * src/index/npidx.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NPIDX_H
#define NPIDX_H

#include "postgres.h"

#include "access/amapi.h"
#include "access/generic_xlog.h"
#include "access/itup.h"
#include "access/relscan.h"
#include "common/hashfn.h"
#include "nodes/pathnodes.h"
#include "storage/bufmgr.h"
#include "storage/bufpage.h"
#include "utils/hsearch.h"
#include "utils/relcache.h"

#include "compat.h"
#include "fingerprint/fingerprint.h"

/* Strategy numbers of the operator class (see sql/40_index.sql) */
#define NPIDX_SIMILAR_STRATEGY			1	/* fp %  q */
#define NPIDX_CONTAINED_STRATEGY		2	/* fp <% q: containment(fp, q) */
#define NPIDX_CONTAINS_STRATEGY			3	/* fp %> q: containment(q, fp) */
#define NPIDX_SIMILAR_Q_STRATEGY		4	/* fp &%  (q, t) */
#define NPIDX_CONTAINED_Q_STRATEGY		5	/* fp &<% (q, t) */
#define NPIDX_CONTAINS_Q_STRATEGY		6	/* fp &%> (q, t) */
#define NPIDX_SAME_STORY_Q_STRATEGY		7	/* fp &~  (q, t) */
#define NPIDX_DISTANCE_STRATEGY			8	/* ORDER BY fp <-> q */
#define NPIDX_CONTAINS_DIST_STRATEGY	9	/* ORDER BY fp <->> q */
#define NPIDX_NSTRATEGIES				9

/* Page types (flags in the special space) */
#define NPIDX_META			(1 << 0)
#define NPIDX_BUCKET		(1 << 1)
#define NPIDX_ROWS			(1 << 2)
#define NPIDX_DELETED		(1 << 3)	/* unlinked; reusable via the FSM */

/* Magic numbers */
#define NPIDX_PAGE_ID		0xF9E1
#define NPIDX_MAGIC			0x4E504958	/* "NPIX" */
#define NPIDX_VERSION		1

#define NPIDX_METAPAGE_BLKNO	0
#define NPIDX_NO_BUCKET			0xFFFFFFFF

/* Bucket count limits and defaults (reloptions) */
#define NPIDX_MIN_BUCKETS		16
#define NPIDX_MAX_BUCKETS		(1 << 24)
#define NPIDX_EXACT_BUCKETS		65536	/* from here on keys never collide */
#define NPIDX_DEFAULT_FILLFACTOR 90
#define NPIDX_MIN_FILLFACTOR	10

/* Special space of every page */
typedef struct NpidxPageOpaqueData
{
	BlockNumber next;			/* next page of the chain, or Invalid */
	uint32		bucket;			/* bucket number; NPIDX_NO_BUCKET if none */
	uint16		flags;			/* NPIDX_META, NPIDX_BUCKET, ... */
	uint16		page_id;		/* NPIDX_PAGE_ID */
	uint32		chain_pages;	/* bucket head: pages in its chain (a hint) */
} NpidxPageOpaqueData;

typedef NpidxPageOpaqueData *NpidxPageOpaque;

#define NpidxPageGetOpaque(page) \
	((NpidxPageOpaque) PageGetSpecialPointer(page))

/*
 * A posting: the upper 16 bits of the mixed key (the bucket number supplies
 * the rest once there are at least NPIDX_EXACT_BUCKETS buckets) and the heap
 * TID.  Compact pages (the default) pack the TID into 32 bits, 23 bits of
 * block number and 9 of offset: 6 bytes a posting.  TIDs beyond that (heaps
 * over 64 GB) go to wide pages (flag NPIDX_WIDE), 8 bytes a posting.  Both
 * kinds may share a chain.
 */
typedef struct NpidxEntry		/* wide */
{
	uint16		resid;
	ItemPointerData tid;
} NpidxEntry;

typedef struct NpidxCompactEntry
{
	uint16		resid;
	uint16		tid_hi;
	uint16		tid_lo;
} NpidxCompactEntry;

#define NPIDX_WIDE			(1 << 4)	/* bucket page of 8-byte postings */

#if BLCKSZ <= 8192
#define NPIDX_OFFSET_BITS	9
#else
#define NPIDX_OFFSET_BITS	11
#endif
StaticAssertDecl(MaxHeapTuplesPerPage < (1 << NPIDX_OFFSET_BITS),
				 "heap offsets must fit in NPIDX_OFFSET_BITS");
#define NPIDX_COMPACT_MAX_BLOCK ((BlockNumber) 1 << (32 - NPIDX_OFFSET_BITS))

/* The metapage contents */
typedef struct NpidxMetaPageData
{
	uint32		magic;			/* NPIDX_MAGIC */
	uint32		version;		/* NPIDX_VERSION */
	uint32		nbuckets;		/* frozen at build */
	int32		fillfactor;		/* frozen at build */
	BlockNumber rowHead;		/* first page of the row list */
	BlockNumber rowTail;		/* last page of the row list */
	uint32		minLimit;		/* smallest largest-hash of a truncated
								 * sample ever indexed (never raised) */
	bool		hasLimit;		/* has any truncated sample been indexed? */
} NpidxMetaPageData;

typedef NpidxMetaPageData *NpidxMetaPage;

#define NpidxPageGetMeta(page) ((NpidxMetaPage) PageGetContents(page))

/* Bytes usable for entries on a bucket or row page */
#define NPIDX_PAGE_FREE_SPACE \
	(BLCKSZ - MAXALIGN(SizeOfPageHeaderData) - \
	 MAXALIGN(sizeof(NpidxPageOpaqueData)))
#define NPIDX_WIDE_PER_PAGE		((int) (NPIDX_PAGE_FREE_SPACE / sizeof(NpidxEntry)))
#define NPIDX_COMPACT_PER_PAGE	((int) (NPIDX_PAGE_FREE_SPACE / sizeof(NpidxCompactEntry)))
#define NPIDX_ROWS_PER_PAGE		((int) (NPIDX_PAGE_FREE_SPACE / sizeof(ItemPointerData)))

#define NpidxPageRows(page) ((ItemPointerData *) PageGetContents(page))
#define NpidxPageIsWide(page) ((NpidxPageGetOpaque(page)->flags & NPIDX_WIDE) != 0)
#define NpidxPageEntrySize(page) \
	(NpidxPageIsWide(page) ? sizeof(NpidxEntry) : sizeof(NpidxCompactEntry))
#define NpidxPageCapacity(page) \
	(NpidxPageIsWide(page) ? NPIDX_WIDE_PER_PAGE : NPIDX_COMPACT_PER_PAGE)
#define NpidxPageNEntries(page) \
	((int) ((((PageHeader) (page))->pd_lower - MAXALIGN(SizeOfPageHeaderData)) \
			/ NpidxPageEntrySize(page)))
#define NpidxPageNRows(page) \
	((int) ((((PageHeader) (page))->pd_lower - MAXALIGN(SizeOfPageHeaderData)) \
			/ sizeof(ItemPointerData)))
#define NpidxSetPageCount(page, n, itemsz) \
	(((PageHeader) (page))->pd_lower = MAXALIGN(SizeOfPageHeaderData) + (n) * (itemsz))

/* Can tid be stored on a compact page? */
static inline bool
NpidxTidIsCompact(ItemPointer tid)
{
	return ItemPointerGetBlockNumberNoCheck(tid) < NPIDX_COMPACT_MAX_BLOCK;
}

/* Read posting i of a bucket page */
static inline void
NpidxPageGetEntry(Page page, int i, uint16 *resid, ItemPointer tid)
{
	if (NpidxPageIsWide(page))
	{
		NpidxEntry *e = (NpidxEntry *) PageGetContents(page) + i;

		*resid = e->resid;
		*tid = e->tid;
	}
	else
	{
		NpidxCompactEntry *e = (NpidxCompactEntry *) PageGetContents(page) + i;
		uint32		packed = ((uint32) e->tid_hi << 16) | e->tid_lo;

		*resid = e->resid;
		ItemPointerSet(tid, packed >> NPIDX_OFFSET_BITS,
					   packed & ((1 << NPIDX_OFFSET_BITS) - 1));
	}
}

/* Write posting i of a bucket page (a compact page needs a compact TID) */
static inline void
NpidxPageSetEntry(Page page, int i, uint16 resid, ItemPointer tid)
{
	if (NpidxPageIsWide(page))
	{
		NpidxEntry *e = (NpidxEntry *) PageGetContents(page) + i;

		e->resid = resid;
		e->tid = *tid;
	}
	else
	{
		NpidxCompactEntry *e = (NpidxCompactEntry *) PageGetContents(page) + i;
		uint32		packed = (ItemPointerGetBlockNumberNoCheck(tid) << NPIDX_OFFSET_BITS) |
			ItemPointerGetOffsetNumberNoCheck(tid);

		Assert(NpidxTidIsCompact(tid));
		e->resid = resid;
		e->tid_hi = (uint16) (packed >> 16);
		e->tid_lo = (uint16) packed;
	}
}

/* Set the number of postings of a bucket page */
static inline void
NpidxPageSetNEntries(Page page, int n)
{
	NpidxSetPageCount(page, n, NpidxPageEntrySize(page));
}

/* Head page of a bucket */
#define NpidxBucketBlock(b)		((BlockNumber) (b) + 1)

/* Reloptions */
typedef struct NpidxOptions
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	int			buckets;		/* 0: choose from the data at build */
	int			fillfactor;		/* percent of a page filled at build */
} NpidxOptions;

/* Mix a sample hash so that bucket and residue are uniform (bijective) */
static inline uint32
NpidxMix(uint32 hash)
{
	return murmurhash32(hash);
}

/* Bucket of a mixed key */
static inline uint32
NpidxBucketOf(uint32 mix, uint32 nbuckets)
{
	return mix % nbuckets;
}

/* Residue stored in the posting of a mixed key */
static inline uint16
NpidxResidOf(uint32 mix)
{
	return (uint16) (mix >> 16);
}

/* Scan state */
typedef struct NpidxScanOpaqueData
{
	MemoryContext cxt;			/* reset at every rescan */
	bool		prepared;		/* candidate generation set up? */
	bool		empty;			/* a key can match nothing (NULL argument) */

	/* unordered scans: sorted, distinct candidate TIDs */
	ItemPointerData *tids;
	int			ntids;
	int			next;

	/* ordered scans */
	const NpFingerprint *oquery;	/* the ORDER BY argument */
	int			nquery;			/* hashes in oquery */
	int			probe;			/* next query hash to probe (0-based) */
	int			maxprobe;		/* stop probing there */
	bool		tail;			/* return never-seen rows last? */
	bool		tail_done;
	double		bound;			/* distance lower bound of pending TIDs */
	bool		bound_null;
	HTAB	   *seen;			/* TIDs already returned */
	bool	   *probed;			/* query positions probed so far */
	int		   *deferred;		/* common keys, probed last */
	int			ndeferred;
	int			deferpos;
	int			m0;				/* every row's |Q'| is at least this */
} NpidxScanOpaqueData;

typedef NpidxScanOpaqueData *NpidxScanOpaque;

/* npidx.c */
extern PGDLLEXPORT Datum npidxhandler(PG_FUNCTION_ARGS);
extern bytea *npidxoptions(Datum reloptions, bool validate);
extern void NpidxRegisterReloptions(void);
extern char *npidxbuildphasename(int64 phasenum);

/* The largest hash of a truncated sample (its "limit"), or false */
static inline bool
NpidxSampleLimit(const NpFingerprint *fp, uint32 *limit)
{
	int			n = NpFingerprintNHashes(fp);

	if (n == 0 || !NpFingerprintIsTruncated(fp))
		return false;
	*limit = fp->hashes[n - 1];
	return true;
}

/* npidx_util.c */
extern void NpidxInitPage(Page page, uint16 flags, uint32 bucket);
extern void NpidxInitMetaPage(Page page, uint32 nbuckets, int fillfactor);
extern Buffer NpidxNewBuffer(Relation index);
extern const NpidxMetaPageData *NpidxGetMeta(Relation index);
extern uint32 NpidxChooseBuckets(double nentries, int fillfactor, bool wide);
extern int	NpidxTargetPerBucket(int fillfactor, bool wide);
extern int	NpidxProbesFor(double threshold, int nhashes);
extern int	NpidxItemPointerCmp(const void *a, const void *b);

/* npidx_build.c */
extern IndexBuildResult *npidxbuild(Relation heap, Relation index,
									struct IndexInfo *indexInfo);
extern void npidxbuildempty(Relation index);

/* npidx_insert.c */
extern bool npidxinsert(Relation index, Datum *values, bool *isnull,
						ItemPointer ht_ctid, Relation heapRel,
						IndexUniqueCheck checkUnique
						NP_AMINSERT_EXTRA_ARGS,
						struct IndexInfo *indexInfo);
extern void NpidxAppendRow(Relation index, ItemPointer tid,
						   const NpFingerprint *fp);
extern void NpidxInsertPosting(Relation index, uint32 nbuckets, uint32 hash,
							   ItemPointer tid);

/* npidx_scan.c */
extern IndexScanDesc npidxbeginscan(Relation r, int nkeys, int norderbys);
extern void npidxrescan(IndexScanDesc scan, ScanKey scankey, int nscankeys,
						ScanKey orderbys, int norderbys);
extern bool npidxgettuple(IndexScanDesc scan, ScanDirection dir);
extern int64 npidxgetbitmap(IndexScanDesc scan, TIDBitmap *tbm);
extern void npidxendscan(IndexScanDesc scan);
typedef void (*NpidxTidCallback) (ItemPointer tid, void *arg);
extern void NpidxProbe(Relation index, uint32 nbuckets, uint32 hash,
					   NpidxTidCallback fn, void *arg);
extern ItemPointerData *NpidxReadRowList(Relation index, int *nrows);
extern bool NpidxReadMinLimit(Relation index, uint32 *limit);

/* npidx_vacuum.c */
extern IndexBulkDeleteResult *npidxbulkdelete(IndexVacuumInfo *info,
											  IndexBulkDeleteResult *stats,
											  IndexBulkDeleteCallback callback,
											  void *callback_state);
extern IndexBulkDeleteResult *npidxvacuumcleanup(IndexVacuumInfo *info,
												 IndexBulkDeleteResult *stats);

/* npidx_cost.c */
extern void npidxcostestimate(PlannerInfo *root, IndexPath *path,
							  double loop_count, Cost *indexStartupCost,
							  Cost *indexTotalCost, Selectivity *indexSelectivity,
							  double *indexCorrelation, double *indexPages);

/* npidx_validate.c */
extern bool npidxvalidate(Oid opclassoid);

/* npidx_query.c: the (fingerprint, threshold) query operators */
extern bool NpidxQueryDecode(Datum query, NpFingerprint **fp, double *threshold,
							 bool *threshold_null);

#endif							/* NPIDX_H */
