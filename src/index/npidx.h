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

/* Phases of CREATE INDEX shown in pg_stat_progress_create_index */
#define NPIDX_PHASE_SCAN		2	/* scanning table */
#define NPIDX_PHASE_SORT		3	/* sorting postings */
#define NPIDX_PHASE_WRITE		4	/* writing pages */
#define NPIDX_PHASE_WAL			5	/* WAL-logging pages */

/* Page types (flags in the special space) */
#define NPIDX_META			(1 << 0)
#define NPIDX_BUCKET		(1 << 1)
#define NPIDX_ROWS			(1 << 2)
#define NPIDX_DELETED		(1 << 3)	/* unlinked; reusable via the FSM */
#define NPIDX_WIDE			(1 << 4)	/* bucket page of 8-byte postings */
#define NPIDX_PENDING		(1 << 5)	/* pending-list page */

/*
 * A bucket head's flags hold in their upper byte the distance d (1 .. 255)
 * to the later head page that holds the last, partial page's worth of the
 * bucket's postings, or 0: the build puts them there when that head has
 * room, instead of linking a page of its own for them (see the "spill" in
 * the design essay of npidx.c).  Set by CREATE INDEX, or by a merge for a
 * bucket that has none yet (in an index of version 4 or later), never
 * changed once set nor cleared.
 */
#define NPIDX_SPILL_SHIFT	8
#define NPIDX_SPILL_MAX		255
#define NpidxPageSpill(page) \
	((uint32) (NpidxPageGetOpaque(page)->flags >> NPIDX_SPILL_SHIFT))

/* Magic numbers */
#define NPIDX_PAGE_ID		0xF9E1
#define NPIDX_MAGIC			0x4E504958	/* "NPIX" */
#define NPIDX_VERSION		5	/* 2: row classes in postings, pending list;
								 * 3: formats of the indexed fingerprints;
								 * 4: spilled chain tails (NPIDX_SPILL_SHIFT);
								 * 5: classes of whole samples with an upper
								 * bound (briefs) and counts at three cuts */
#define NPIDX_MIN_VERSION	3	/* readable as is: 3 has no spills, 3 and 4
								 * have the classes of NpidxClassMinHashes */
#define NPIDX_SPILL_VERSION	4	/* first with spilled tails */
#define NPIDX_CUT_CLASSES_VERSION 5 /* first with NpidxClass5MinHashes */

#define NPIDX_METAPAGE_BLKNO	0
#define NPIDX_NO_BUCKET			0xFFFFFFFF

/* Bucket count limits and defaults (reloptions) */
#define NPIDX_MIN_BUCKETS		16
#define NPIDX_MAX_BUCKETS		(1 << 24)
#define NPIDX_EXACT_BUCKETS		65536	/* from here on keys never collide */
#define NPIDX_PRESIZE_BUCKETS	1024	/* buckets = N may always reach this; the
									 * bucket count of an empty table's index */
#define NPIDX_DEFAULT_FILLFACTOR 90
#define NPIDX_MIN_FILLFACTOR	10
#define NPIDX_DEFAULT_PENDING_KB 4096	/* pending_list_limit */
#define NPIDX_MIN_PENDING_KB	64
#define NPIDX_PENDING_BYTES_PER_BUCKET 72	/* cap of the default list: 4 MB
											 * at 57,000 buckets (1M rows) */

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
 * Row classes.  Every posting carries 5 bits about its row b, so that a scan
 * can bound |B'| and |A'| (see fingerprint.h) without reading the row:
 *	 0 .. 15	the sample is the whole shingle set (not truncated).  In
 *				indexes of version 3 and 4: it has at least
 *				NpidxClassMinHashes[class] hashes, of which at least
 *				NpidxClassMinLow[class] are at most NPIDX_LOW_LIMIT (the
 *				bound a truncated query's limit usually exceeds).  From
 *				version 5 (NPIDX_CUT_CLASSES_VERSION): it has at least
 *				NpidxClass5MinHashes[class] hashes and, if
 *				NpidxClass5MaxHashes[class] is not 0, at most that many
 *				(below NP_FP_BRIEF_SHINGLES: the row is a brief), and at
 *				least NpidxClass5MinCut[class][i] of them are at most
 *				NpidxCuts[i], for each of the three cuts (a truncated
 *				query's limit lies above one or more of them);
 *	 16 .. 31	the sample is truncated: its limit (largest hash) lies in
 *				[NpidxClassMinLimit[class], NpidxClassMaxLimit[class]) and at
 *				least NpidxClassMinLow[class] of its hashes are at most
 *				NPIDX_LOW_LIMIT.  It has at least the metapage's
 *				minTruncHashes hashes.
 */
#define NPIDX_NCLASSES			32
#define NPIDX_FIRST_TRUNC_CLASS 16
#define NPIDX_LOW_LIMIT			(UINT32_C(1) << 30)
extern const uint16 NpidxClassMinHashes[NPIDX_FIRST_TRUNC_CLASS];
extern const uint16 NpidxClassMinLow[NPIDX_NCLASSES];
extern const uint32 NpidxClassMinLimit[NPIDX_NCLASSES];
extern const uint32 NpidxClassMaxLimit[NPIDX_NCLASSES];

#define NPIDX_NCUTS				3
extern const uint32 NpidxCuts[NPIDX_NCUTS];
extern const uint16 NpidxClass5MinHashes[NPIDX_FIRST_TRUNC_CLASS];
extern const uint16 NpidxClass5MaxHashes[NPIDX_FIRST_TRUNC_CLASS];
extern const uint16 NpidxClass5MinCut[NPIDX_FIRST_TRUNC_CLASS][NPIDX_NCUTS];

/* The number of fp's hashes at most cut (they are ascending) */
static inline int
NpidxHashesUpTo(const NpFingerprint *fp, uint32 cut)
{
	int			low = 0,
				hi = NpFingerprintNHashes(fp);

	while (low < hi)
	{
		int			mid = low + (hi - low) / 2;

		if (fp->hashes[mid] <= cut)
			low = mid + 1;
		else
			hi = mid;
	}
	return low;
}

/* The number of fp's hashes at most NPIDX_LOW_LIMIT */
static inline int
NpidxLowHashes(const NpFingerprint *fp)
{
	return NpidxHashesUpTo(fp, NPIDX_LOW_LIMIT);
}

/*
 * The class of a row with fingerprint fp (not NULL, at least one hash) in
 * an index of version "version" (the metapage's): the last class of its
 * kind whose bounds all hold (within a kind, classes are ordered so that
 * the last one is the tightest; in version 5, class 0 of whole samples
 * takes the rows of 40 hashes or more that no later class fits, and class
 * 1 fits every row of fewer).
 */
static inline uint8
NpidxRowClass(const NpFingerprint *fp, uint32 version)
{
	int			n = NpFingerprintNHashes(fp);
	int			low = NpidxLowHashes(fp);
	int			c;

	if (!NpFingerprintIsTruncated(fp) && version >= NPIDX_CUT_CLASSES_VERSION)
	{
		int			upto[NPIDX_NCUTS];
		int			i;

		upto[0] = low;
		for (i = 1; i < NPIDX_NCUTS; i++)
			upto[i] = NpidxHashesUpTo(fp, NpidxCuts[i]);
		for (c = NPIDX_FIRST_TRUNC_CLASS - 1; c > 0; c--)
		{
			if (n < NpidxClass5MinHashes[c] ||
				(NpidxClass5MaxHashes[c] != 0 && n > NpidxClass5MaxHashes[c]))
				continue;
			for (i = 0; i < NPIDX_NCUTS; i++)
				if (upto[i] < NpidxClass5MinCut[c][i])
					break;
			if (i == NPIDX_NCUTS)
				break;
		}
		Assert(n >= NpidxClass5MinHashes[c]);
		return (uint8) c;
	}
	if (!NpFingerprintIsTruncated(fp))
	{
		for (c = NPIDX_FIRST_TRUNC_CLASS - 1; c > 0; c--)
			if (n >= NpidxClassMinHashes[c] && low >= NpidxClassMinLow[c])
				break;
		return (uint8) c;
	}
	if (fp->hashes[n - 1] < NPIDX_LOW_LIMIT)
		return NPIDX_FIRST_TRUNC_CLASS;
	/* a limit range whose low bound of 0 always holds ends each group */
	for (c = NPIDX_NCLASSES - 1; c > NPIDX_FIRST_TRUNC_CLASS + 1; c--)
		if (fp->hashes[n - 1] >= NpidxClassMinLimit[c] &&
			(fp->hashes[n - 1] < NpidxClassMaxLimit[c] ||
			 NpidxClassMaxLimit[c] == PG_UINT32_MAX) &&
			low >= NpidxClassMinLow[c])
			break;
	return (uint8) c;
}

/*
 * A posting: the upper 16 bits of the mixed key (the bucket number supplies
 * the rest once there are at least NPIDX_EXACT_BUCKETS buckets), the row
 * class and the heap TID.  Compact pages (the default) pack TID and class
 * into 32 bits: 21 bits of block number, 6 of offset and 5 of class, 6
 * bytes a posting.  TIDs beyond that (heaps over 16 GB, or offsets over 63:
 * rows under about 120 bytes) go to wide pages (flag NPIDX_WIDE), 8 bytes a
 * posting, the class in the top 5 bits of the offset field.  Both kinds may
 * share a chain.
 */
typedef struct NpidxEntry		/* wide */
{
	uint16		resid;
	ItemPointerData tid;		/* ip_posid: offset | class << 11 */
} NpidxEntry;

typedef struct NpidxCompactEntry
{
	uint16		resid;
	uint16		tid_hi;
	uint16		tid_lo;
} NpidxCompactEntry;

#if BLCKSZ <= 8192
#define NPIDX_OFFSET_BITS	6
#else
#define NPIDX_OFFSET_BITS	8
#endif
#define NPIDX_CLASS_BITS	5
#define NPIDX_COMPACT_MAX_BLOCK \
	((BlockNumber) 1 << (32 - NPIDX_OFFSET_BITS - NPIDX_CLASS_BITS))
#define NPIDX_WIDE_CLASS_SHIFT 11
StaticAssertDecl(MaxHeapTuplesPerPage < (1 << NPIDX_WIDE_CLASS_SHIFT),
				 "heap offsets must leave room for the class in wide postings");

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
	uint32		minTruncHashes; /* fewest hashes of a truncated sample ever
								 * indexed (never raised) */
	/* the pending list (fast insertion, see npidx_pending.c) */
	BlockNumber pendingHead;	/* first page, or Invalid */
	BlockNumber pendingTail;	/* last page, or Invalid */
	uint32		pendingRows;	/* rows in its pages before the tail (a hint) */
	uint32		pendingPages;	/* pages in it */
	BlockNumber mergingHead;	/* list being merged into the buckets */
	/* the formats of the fingerprints ever indexed (see NpidxFormatsMatch) */
	uint8		fpVersion;		/* of the first non-NULL one; 0: none yet */
	uint8		fpShingleWords; /* likewise */
	bool		fpMixed;		/* another format met since (never cleared) */
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

/* Can tid be stored on a compact page? (and on a wide one: see below) */
static inline bool
NpidxTidIsCompact(ItemPointer tid)
{
	return ItemPointerGetBlockNumberNoCheck(tid) < NPIDX_COMPACT_MAX_BLOCK &&
		ItemPointerGetOffsetNumberNoCheck(tid) < (1 << NPIDX_OFFSET_BITS);
}

/* Decode a compact posting's TID and class */
static inline void
NpidxCompactDecode(const NpidxCompactEntry *e, ItemPointer tid, uint8 *cls)
{
	uint32		packed = ((uint32) e->tid_hi << 16) | e->tid_lo;

	*cls = (uint8) (packed & ((1 << NPIDX_CLASS_BITS) - 1));
	packed >>= NPIDX_CLASS_BITS;
	ItemPointerSet(tid, packed >> NPIDX_OFFSET_BITS,
				   packed & ((1 << NPIDX_OFFSET_BITS) - 1));
}

/* Decode a wide posting's TID and class */
static inline void
NpidxWideDecode(const NpidxEntry *e, ItemPointer tid, uint8 *cls)
{
	OffsetNumber posid = ItemPointerGetOffsetNumberNoCheck(&e->tid);

	*cls = (uint8) (posid >> NPIDX_WIDE_CLASS_SHIFT);
	ItemPointerSet(tid, ItemPointerGetBlockNumberNoCheck(&e->tid),
				   posid & ((1 << NPIDX_WIDE_CLASS_SHIFT) - 1));
}

/* Read posting i of a bucket page */
static inline void
NpidxPageGetEntry(Page page, int i, uint16 *resid, ItemPointer tid, uint8 *cls)
{
	if (NpidxPageIsWide(page))
	{
		NpidxEntry *e = (NpidxEntry *) PageGetContents(page) + i;

		*resid = e->resid;
		NpidxWideDecode(e, tid, cls);
	}
	else
	{
		NpidxCompactEntry *e = (NpidxCompactEntry *) PageGetContents(page) + i;

		*resid = e->resid;
		NpidxCompactDecode(e, tid, cls);
	}
}

/* Write posting i of a bucket page (a compact page needs a compact TID) */
static inline void
NpidxPageSetEntry(Page page, int i, uint16 resid, ItemPointer tid, uint8 cls)
{
	Assert(cls < NPIDX_NCLASSES);
	if (NpidxPageIsWide(page))
	{
		NpidxEntry *e = (NpidxEntry *) PageGetContents(page) + i;

		e->resid = resid;
		ItemPointerSet(&e->tid, ItemPointerGetBlockNumberNoCheck(tid),
					   ItemPointerGetOffsetNumberNoCheck(tid) |
					   ((OffsetNumber) cls << NPIDX_WIDE_CLASS_SHIFT));
	}
	else
	{
		NpidxCompactEntry *e = (NpidxCompactEntry *) PageGetContents(page) + i;
		uint32		packed;

		Assert(NpidxTidIsCompact(tid));
		packed = (((ItemPointerGetBlockNumberNoCheck(tid) << NPIDX_OFFSET_BITS) |
				   ItemPointerGetOffsetNumberNoCheck(tid)) << NPIDX_CLASS_BITS) | cls;
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

/* Error out unless page (block blk) belongs to the chain of bucket */
static inline void
NpidxCheckBucketPage(Relation index, Page page, BlockNumber blk, uint32 bucket)
{
	NpidxPageOpaque opaque = NpidxPageGetOpaque(page);

	if (opaque->page_id != NPIDX_PAGE_ID || opaque->bucket != bucket ||
		!(opaque->flags & NPIDX_BUCKET))
		elog(ERROR, "npidx index \"%s\": block %u is not in bucket %u",
			 RelationGetRelationName(index), blk, bucket);
}

/* Reloptions */
typedef struct NpidxOptions
{
	int32		vl_len_;		/* varlena header (do not touch directly!) */
	int			buckets;		/* 0: choose from the data at build */
	int			fillfactor;		/* percent of a page filled at build */
	int			pending_list_limit; /* kB of pending rows before a merge; -1
									 * when not set (the default, capped) */
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

/* A posting read from a chain: heap TID and row class */
typedef struct NpidxHit
{
	ItemPointerData tid;
	uint8		cls;
} NpidxHit;

typedef void (*NpidxHitCallback) (ItemPointer tid, uint8 cls, void *arg);
typedef void (*NpidxPendingCallback) (ItemPointer tid, const NpFingerprint *fp,
									  void *arg);

/* Keys estimated to have more postings than this are worth skipping */
#define NPIDX_COMMON_KEY_COST	64
/* At most this many of a query's costliest keys are considered for skipping */
#define NPIDX_MAX_SKIP_TRIES	512
/*
 * The cost of one heap recheck, in postings read: skipped keys are read
 * after all (without counting new rows, the cheapest first) as far as the
 * rechecks they save cost more than their postings to read.  At a million
 * rows of the realistic corpus a recheck (a random heap page, the tuple and
 * the comparison) costs some microseconds, a posting of a common key some
 * nanoseconds; 200, the first value, made same_story recheck more rows
 * than the postings it saved were worth (doc/index.md, "Cheaper lookups").
 */
#define NPIDX_RECHECK_POSTINGS	700

/* What the last npidx scan of this backend did (npidx_scan_stats()) */
typedef struct NpidxScanStats
{
	int64		keys_read;		/* query keys whose postings were read (also
								 * skipped keys read afterwards to complete
								 * the counts) */
	int64		keys_skipped;	/* query keys left out (pigeonhole, or a
								 * cap: NpidxKeyCap) */
	int64		postings;		/* postings read */
	int64		rows_counted;	/* distinct rows counted */
	int64		pending_rows;	/* pending-list rows compared */
	int64		candidates;		/* rows that could qualify */
	int64		returned;		/* TIDs handed to the executor */
} NpidxScanStats;

extern NpidxScanStats npidx_last_scan;

/*
 * A cap on the keys a threshold scan reads, asked by assign_story()'s
 * searches of a leaders table (src/stories/story_assign.c), whose keys a
 * writer's recurring template or a formula can make as long as the table's
 * history.  The next threshold scan of an index on table heap whose query
 * equals query (by value) takes the request (used).  Such a scan is over
 * its budget once the postings it has read pass budget, or from the start
 * when its keys (beyond those the predicate lets it skip) hold more than
 * budget postings as their bucket heads estimate them (the cost of a key:
 * a key merged after its head page filled is estimated at nothing, so the
 * estimate alone let such a template be read whole).  It counts a key of
 * which it has read more than postings postings (a page at a time; never
 * on the estimate) only at its end, if it is then still within its
 * budget; over it, such a key is left out, as a skipped key (slack for
 * every row counted; read back at the end, within a limit, only to complete
 * the counts of rows already counted: npidx_scan.c), and capped says how
 * many there were.  Such a scan is not exact: a row that shares with the
 * query only keys left out, capped or skipped by the predicate's pigeonhole
 * rule, is not found.  leftout is the number of both, keys read back after
 * all included (0 when nothing was capped): a row sharing more than
 * leftout hashes with the query always is found.  A scan within its
 * budget, or whose keys all stay under the cap, reads as any other (but
 * for the order it counts its keys in).  Other scans, those it may
 * start itself included, are never capped: the request is taken once, and
 * the caller takes it back when its statement ends, however it ends.
 *
 * holders, when not NULL, is an array of one count per hash of query that
 * the scan fills with the rows it knows to hold that key (the leader
 * frequency of stories.h, STORY_COMMON_HOLDERS): the pending rows that
 * hold it, and the key's postings, those read when the scan read the key
 * (up to where a capped key was stopped), else the matches of its head
 * page (at least what it holds).  Postings of dead rows and residue
 * collisions count too.
 */
typedef struct NpidxKeyCap
{
	Oid			heap;			/* the indexed table */
	const NpFingerprint *query; /* the scan's query, compared by value */
	double		budget;			/* postings a scan reads before it is over */
	double		postings;		/* over budget, keys read past this are
								 * left out */
	bool		used;			/* out: a scan took the request */
	int			capped;			/* out: keys it left out for the cap */
	int			leftout;		/* out: keys left out in all (capped and
								 * skipped), 0 when none was capped */

	/*
	 * The side request (side_need above 0): the scan also hands back, in
	 * side_tids (allocated in side_cxt), the rows of the classes whose
	 * rows may hold at most side_max_hashes hashes (0: every class) that
	 * share side_need or more of the keys it read with the query, counted
	 * apart from its candidates, whatever the predicate needs of them;
	 * with side_only, those alone (no candidate is returned).  The keys
	 * it skips and does not read back, those it leaves out for the cap
	 * (even when it reads them back for its candidates' counts), and the
	 * query's subject hashes (NP_FP_SUBJECT_LIMIT) are not counted.
	 * assign_story() finds the one-liners of the URGENT join so
	 * (StoryUrgentJoins).
	 */
	int			side_need;
	int			side_max_hashes;
	bool		side_only;
	MemoryContext side_cxt;
	ItemPointerData *side_tids; /* out */
	int			side_ntids;		/* out */
	uint32	   *holders;		/* out, when not NULL: rows holding each
								 * key of query, as far as the scan knows */
} NpidxKeyCap;

extern NpidxKeyCap *npidx_key_cap;

/* Scan state */
struct OrderedRow;
struct npcand_hash;
struct binaryheap;

typedef struct NpidxScanOpaqueData
{
	MemoryContext cxt;			/* reset at every rescan */
	bool		prepared;		/* candidate generation set up? */
	bool		empty;			/* a key can match nothing (NULL argument) */

	/* unordered scans, and the tail of ordered ones: sorted TIDs */
	ItemPointerData *tids;
	int			ntids;
	int			next;

	/* ordered scans */
	const NpFingerprint *oquery;	/* the ORDER BY argument */
	struct OrderedRow *rows;	/* rows holding a query key, with bounds */
	int			nrows;
	struct binaryheap *heap;	/* indexes into rows, smallest bound first */
	struct npcand_hash *seen;	/* every row counted */
	bool		tail;			/* return never-seen rows last? */
	bool		tail_done;
	bool		bound_null;		/* the ORDER BY argument is NULL */
	double		tail_bound;		/* distance bound given to tail rows */
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

/* A posting in memory, on its way to a bucket chain */
typedef struct NpidxPosting
{
	uint32		bucket;
	uint16		resid;
	uint8		cls;
	ItemPointerData tid;
} NpidxPosting;

/*
 * Where NpidxChainAppend may put a chain's part-page tail (the n postings
 * at p) instead of a new page: returns whether it did.
 */
typedef bool (*NpidxSpillFn) (Relation index, Buffer head,
							  const NpidxPosting *p, int n, void *arg);

/* Chain pages searched for room before a new page is linked in */
#define NPIDX_APPEND_VISIT	4

/* Largest index whose merges keep buffer hints (2 x 4 bytes a bucket) */
#define NPIDX_HINT_MAX_BUCKETS	(1 << 20)

/* npidx_util.c */
extern void NpidxInitPage(Page page, uint16 flags, uint32 bucket);
extern void NpidxLogInPlace(Relation index, Buffer buffer, int old_lower,
							int old_upper, bool special);
extern void NpidxLogSpill(Relation index, Buffer target, int old_lower,
						  Buffer head);
extern void NpidxChainAppend(Relation index, Buffer head,
							 const NpidxPosting *p, int n, bool wal,
							 Buffer *next_hint, NpidxSpillFn spill,
							 void *spill_arg);
extern void *NpidxAllocScattered(Size size);
extern Buffer *NpidxBucketHints(Relation index, uint32 nbuckets);
extern Buffer NpidxReadBufferHinted(Relation index, BlockNumber blkno,
									Buffer *hint);
extern bool NpidxMetaNoteSample(NpidxMetaPage meta, const NpFingerprint *fp);
extern bool NpidxMetaNeedsNote(const NpidxMetaPageData *meta,
							   const NpFingerprint *fp);
extern void NpidxMetaNote(Relation index, const NpFingerprint *fp);
extern bool NpidxFormatsMatch(const NpidxMetaPageData *meta,
							  const NpFingerprint *q);
extern void NpidxInitMetaPage(Page page, uint32 nbuckets, int fillfactor);
extern Buffer NpidxNewBuffer(Relation index);
extern void NpidxReserveBegin(Relation index);
extern void NpidxReserveEnd(Relation index, bool ok);
extern const NpidxMetaPageData *NpidxGetMeta(Relation index);
extern uint32 NpidxChooseBuckets(double nentries, int fillfactor, bool wide);
extern uint32 NpidxCapBuckets(uint32 wanted, uint32 chosen,
							  BlockNumber heapblocks);
extern int	NpidxTargetPerBucket(int fillfactor, bool wide);
extern int	NpidxProbesFor(double threshold, int nhashes);
extern int	NpidxItemPointerCmp(const void *a, const void *b);
extern int	NpidxSortTids(ItemPointerData *tids, int n);

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
extern void NpidxAppendRows(Relation index, const ItemPointerData *tids,
							int n, const NpFingerprint *const *fps);
extern void NpidxInsertPostings(Relation index, uint32 nbuckets,
								NpidxPosting *p, int n);
extern void NpidxInsertRows(Relation index, uint32 nbuckets,
							const ItemPointerData *tids,
							const NpFingerprint *const *fps, int n);
extern void NpidxInsertRowsAll(Relation index, const ItemPointerData *tids,
							   const NpFingerprint *const *fps, int n);
extern void NpidxRowPostings(const NpFingerprint *fp, ItemPointer tid,
							 uint32 nbuckets, uint32 version,
							 NpidxPosting *p, int *n);

/* npidx_scan.c */
extern IndexScanDesc npidxbeginscan(Relation r, int nkeys, int norderbys);
extern void npidxrescan(IndexScanDesc scan, ScanKey scankey, int nscankeys,
						ScanKey orderbys, int norderbys);
extern bool npidxgettuple(IndexScanDesc scan, ScanDirection dir);
extern int64 npidxgetbitmap(IndexScanDesc scan, TIDBitmap *tbm);
extern void npidxendscan(IndexScanDesc scan);
extern int64 NpidxProbe(Relation index, uint32 nbuckets, uint32 hash,
						NpidxHitCallback fn, void *arg);
extern ItemPointerData *NpidxReadRowList(Relation index, int *nrows);
extern void NpidxReadMetaState(Relation index, NpidxMetaPageData *out);

/* npidx_pending.c */
extern bool NpidxPendingInsert(Relation index, ItemPointer tid,
							   const NpFingerprint *fp);
extern int64 NpidxPendingMerge(Relation index, bool wait);
extern void NpidxPendingScan(Relation index, NpidxPendingCallback fn, void *arg);
extern bool NpidxPendingFits(const NpFingerprint *fp);
extern Size NpidxPendingItemBytes(const NpFingerprint *fp);
extern bool NpidxPendingRoomFor(Relation index, Size bytes);
extern bool NpidxPendingInsertRow(Relation index, ItemPointer tid,
								  const NpFingerprint *fp);
extern void NpidxBulkInsert(Relation index, const ItemPointerData *tids,
							const NpFingerprint *const *fps, int n);

/* npidx_local.c */
extern bool npidx_defer_inserts;
extern bool NpidxLocalInsert(Relation index, ItemPointer tid,
							 const NpFingerprint *fp,
							 struct IndexInfo *indexInfo);
extern void NpidxLocalWrite(Relation index);
extern void NpidxLocalForget(Relation index);
extern void NpidxLocalScan(Relation index, NpidxPendingCallback fn, void *arg);
extern void NpidxLocalInit(void);

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
