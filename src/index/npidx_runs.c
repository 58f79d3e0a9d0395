/*-------------------------------------------------------------------------
 *
 * npidx_runs.c
 *	  Sorted runs of npidx: the middle level between the pending list and
 *	  the buckets (a small LSM tree).
 *
 * A merge of the pending list into the buckets changes about one page per
 * bucket whatever it carries (57,000 pages at a million rows for the ~13,000
 * rows of a 4 MB list), and at that size touching those pages, not writing
 * the postings, is what a merge costs.  So a merge that would carry few
 * postings per bucket (at most NPIDX_RUN_MAX_PER_BUCKET) writes them instead
 * as a sorted run: its postings grouped by bucket (a counting sort), written
 * on new pages in that order (NpidxRunEntry: the 32-bit mixed key and the
 * TID with the row class, 10 bytes), plus a directory of each page's first
 * bucket.  Writing a run is sequential: new pages, each logged whole
 * (log_newpage_buffer), then one generic WAL record of the metapage that
 * lists the run and drops the list being merged; a crash before it leaves
 * the old state (the list is merged again; the run's pages are orphans that
 * VACUUM frees, NpidxFreeOrphanRun).
 *
 * When NPIDX_MAX_RUNS runs are listed, the next merge folds them and its own
 * postings into the buckets in one pass in bucket order (many postings per
 * page change), then in one metapage record empties the run list and drops
 * the merged list, and only then frees the runs' pages.  VACUUM (bulk delete
 * and cleanup, also autovacuum's) and npidx_clean_pending_list() always fold,
 * so a vacuumed index has no runs and VACUUM never leaves a dead TID in one.
 * A fold interrupted by a crash or an error is done again by the next merge:
 * some postings are then in the buckets twice (harmless, as for the pending
 * list: a count that is too high only makes a candidate that the recheck
 * drops; VACUUM removes every copy).
 *
 * Scans read the runs after the pending lists and before the buckets
 * (NpidxRunsRead): under a share lock on the metapage, for each run, its
 * directory, then for the query's keys in bucket order a binary search for
 * the first page that may hold the key's bucket, and that bucket's postings
 * there.  The share lock keeps a fold from dropping the runs (and freeing
 * their pages) while they are read; a posting is therefore in the runs the
 * scan reads, or already in the buckets it reads after them.  Run pages are
 * never changed once listed, only freed after they are no longer listed.
 *
 * src/index/npidx_runs.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xloginsert.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/indexfsm.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "index/npidx.h"

/* Is a new run the better place for a merge of npostings postings? */
bool
NpidxRunsWanted(const NpidxMetaPageData *meta, uint64 npostings)
{
	return npostings > 0 && meta->nruns < NPIDX_MAX_RUNS &&
		npostings <= (uint64) meta->nbuckets * NPIDX_RUN_MAX_PER_BUCKET &&
		npostings < PG_UINT32_MAX;
}

/* Fill a run posting */
static inline void
RunEntrySet(NpidxRunEntry *e, uint32 mix, ItemPointer tid, uint8 cls)
{
	e->mix_hi = (uint16) (mix >> 16);
	e->mix_lo = (uint16) mix;
	ItemPointerSet(&e->tid, ItemPointerGetBlockNumberNoCheck(tid),
				   ItemPointerGetOffsetNumberNoCheck(tid) |
				   ((OffsetNumber) cls << NPIDX_WIDE_CLASS_SHIFT));
}

/* Read a run posting's TID and class */
static inline void
RunEntryDecode(const NpidxRunEntry *e, ItemPointer tid, uint8 *cls)
{
	OffsetNumber posid = ItemPointerGetOffsetNumberNoCheck(&e->tid);

	*cls = (uint8) (posid >> NPIDX_WIDE_CLASS_SHIFT);
	ItemPointerSet(tid, ItemPointerGetBlockNumberNoCheck(&e->tid),
				   posid & ((1 << NPIDX_WIDE_CLASS_SHIFT) - 1));
}

#define RunEntryBucket(e, nbuckets) NpidxBucketOf(NpidxRunEntryMix(e), (nbuckets))

/*
 * The postings of n rows grouped by bucket (a counting sort, one pass to
 * count and one to place), in one array of *total entries.
 */
static NpidxRunEntry *
RunBuildEntries(uint32 nbuckets, const ItemPointerData *tids,
				const NpFingerprint *const *fps, int n, uint32 *total)
{
	uint64		count = 0;
	uint32	   *start;
	NpidxRunEntry *out;
	uint32		b;
	int			i,
				j;

	for (i = 0; i < n; i++)
		if (fps[i] != NULL)
			count += NpFingerprintNHashes(fps[i]);
	if (count >= PG_UINT32_MAX)
		elog(ERROR, "npidx: too many postings in one run");
	*total = (uint32) count;
	if (count == 0)
		return NULL;
	start = palloc_extended(((Size) nbuckets + 1) * sizeof(uint32),
							MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	for (i = 0; i < n; i++)
	{
		const NpFingerprint *fp = fps[i];
		int			k = fp ? NpFingerprintNHashes(fp) : 0;

		for (j = 0; j < k; j++)
			start[NpidxBucketOf(NpidxMix(fp->hashes[j]), nbuckets) + 1]++;
		CHECK_FOR_INTERRUPTS();
	}
	for (b = 0; b < nbuckets; b++)
		start[b + 1] += start[b];
	out = palloc_extended(count * sizeof(NpidxRunEntry), MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		const NpFingerprint *fp = fps[i];
		int			k = fp ? NpFingerprintNHashes(fp) : 0;
		uint8		cls;

		if (k == 0)
			continue;
		cls = NpidxRowClass(fp);
		for (j = 0; j < k; j++)
		{
			uint32		mix = NpidxMix(fp->hashes[j]);

			RunEntrySet(&out[start[NpidxBucketOf(mix, nbuckets)]++], mix,
						(ItemPointer) &tids[i], cls);
		}
		CHECK_FOR_INTERRUPTS();
	}
	pfree(start);
	return out;
}

/* Write a new page of a run (flags, run id, contents, next) and log it whole */
static BlockNumber
RunWritePage(Relation index, uint16 flags, uint32 id, const void *data,
			 Size len, BlockNumber next)
{
	Buffer		buffer = NpidxNewBuffer(index);
	Page		page = BufferGetPage(buffer);
	BlockNumber blkno = BufferGetBlockNumber(buffer);

	START_CRIT_SECTION();
	NpidxInitPage(page, flags, id);
	memcpy(PageGetContents(page), data, len);
	((PageHeader) page)->pd_lower = MAXALIGN(SizeOfPageHeaderData) + len;
	NpidxPageGetOpaque(page)->next = next;
	MarkBufferDirty(buffer);
	if (RelationNeedsWAL(index))
		log_newpage_buffer(buffer, true);
	END_CRIT_SECTION();
	UnlockReleaseBuffer(buffer);
	return blkno;
}

/*
 * Error out unless page is a page of the given kind of run id; return the
 * number of entries of size entsz it holds.  pd_lower is checked against
 * the page's bounds: the header check on read does not bound it from below,
 * and a count computed from a pd_lower below the header would send a reader
 * far past the page.
 */
static inline int
RunCheckPage(Relation index, Page page, BlockNumber blk, uint16 flag, uint32 id,
			 Size entsz)
{
	NpidxPageOpaque opaque = NpidxPageGetOpaque(page);
	PageHeader	ph = (PageHeader) page;

	if (opaque->page_id != NPIDX_PAGE_ID || !(opaque->flags & flag) ||
		opaque->bucket != id)
		ereport(ERROR,
				(errcode(ERRCODE_INDEX_CORRUPTED),
				 errmsg("npidx index \"%s\": block %u is not a page of run %u",
						RelationGetRelationName(index), blk, id)));
	if (ph->pd_lower < MAXALIGN(SizeOfPageHeaderData) ||
		ph->pd_lower > ph->pd_upper ||
		(ph->pd_lower - MAXALIGN(SizeOfPageHeaderData)) % entsz != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INDEX_CORRUPTED),
				 errmsg("npidx index \"%s\": run page %u has a bad size",
						RelationGetRelationName(index), blk)));
	return (int) ((ph->pd_lower - MAXALIGN(SizeOfPageHeaderData)) / entsz);
}

/*
 * Read the directory of a run (the caller keeps its pages from being freed:
 * the merge lock, or a share lock on the metapage).
 */
static NpidxRunDirEntry *
RunReadDirectory(Relation index, const NpidxRunRef *run)
{
	NpidxRunDirEntry *dir = palloc(Max(1, run->npages) * sizeof(NpidxRunDirEntry));
	BlockNumber blk = run->dirHead;
	uint32		n = 0;

	while (blk != InvalidBlockNumber)
	{
		Buffer		buffer = ReadBuffer(index, blk);
		Page		page;
		int			cnt;

		LockBuffer(buffer, BUFFER_LOCK_SHARE);
		page = BufferGetPage(buffer);
		cnt = RunCheckPage(index, page, blk, NPIDX_RUNDIR, run->id,
						   sizeof(NpidxRunDirEntry));
		if ((uint64) n + cnt > run->npages)
			ereport(ERROR,
					(errcode(ERRCODE_INDEX_CORRUPTED),
					 errmsg("npidx index \"%s\": run %u has a bad directory",
							RelationGetRelationName(index), run->id)));
		memcpy(dir + n, PageGetContents(page), cnt * sizeof(NpidxRunDirEntry));
		n += cnt;
		blk = NpidxPageGetOpaque(page)->next;
		UnlockReleaseBuffer(buffer);
		CHECK_FOR_INTERRUPTS();
	}
	if (n != run->npages)
		ereport(ERROR,
				(errcode(ERRCODE_INDEX_CORRUPTED),
				 errmsg("npidx index \"%s\": run %u has a bad directory",
						RelationGetRelationName(index), run->id)));
	return dir;
}

/*
 * Write entries (grouped by bucket) as a new run with the given id: its
 * postings pages, then its directory (last page first, so that each knows
 * the next).  Returns the run's reference.
 */
static NpidxRunRef
RunWritePages(Relation index, uint32 nbuckets, const NpidxRunEntry *e,
			  uint32 total, uint32 id)
{
	NpidxRunRef ref;
	uint32		npages = (total + NPIDX_RUN_PER_PAGE - 1) / NPIDX_RUN_PER_PAGE;
	NpidxRunDirEntry *dir = palloc(npages * sizeof(NpidxRunDirEntry));
	BlockNumber next = InvalidBlockNumber;
	uint32		p;
	int64		d;

	for (p = 0; p < npages; p++)
	{
		uint32		from = p * NPIDX_RUN_PER_PAGE,
					cnt = Min((uint32) NPIDX_RUN_PER_PAGE, total - from);

		dir[p].firstBucket = RunEntryBucket(&e[from], nbuckets);
		dir[p].blkno = RunWritePage(index, NPIDX_RUN, id, e + from,
									cnt * sizeof(NpidxRunEntry),
									InvalidBlockNumber);
		CHECK_FOR_INTERRUPTS();
	}
	for (d = ((int64) npages - 1) / NPIDX_RUNDIR_PER_PAGE; d >= 0; d--)
	{
		uint32		from = (uint32) d * NPIDX_RUNDIR_PER_PAGE,
					cnt = Min((uint32) NPIDX_RUNDIR_PER_PAGE, npages - from);

		next = RunWritePage(index, NPIDX_RUNDIR, id, dir + from,
							cnt * sizeof(NpidxRunDirEntry), next);
	}
	pfree(dir);
	ref.dirHead = next;
	ref.id = id;
	ref.npages = npages;
	ref.npostings = total;
	return ref;
}

/* A cursor over a run's postings, in bucket order */
typedef struct RunCursor
{
	const NpidxRunEntry *e;		/* current postings (page copy or array) */
	uint32		pos;
	uint32		n;
	/* a run on disk: its directory and the next page to read */
	NpidxRunDirEntry *dir;
	uint32		npages;
	uint32		nextpage;
	uint32		id;
	PGAlignedBlock page;
} RunCursor;

/* Move a cursor past the end of its page: the next page, or false at end */
static bool
RunCursorRefill(Relation index, RunCursor *c)
{
	while (c->pos >= c->n)
	{
		Buffer		buffer;
		Page		page;

		if (c->dir == NULL || c->nextpage >= c->npages)
			return false;
		buffer = ReadBuffer(index, c->dir[c->nextpage].blkno);
		LockBuffer(buffer, BUFFER_LOCK_SHARE);
		page = BufferGetPage(buffer);
		c->n = RunCheckPage(index, page, c->dir[c->nextpage].blkno, NPIDX_RUN,
							c->id, sizeof(NpidxRunEntry));
		memcpy(c->page.data, page, BLCKSZ);
		UnlockReleaseBuffer(buffer);
		c->e = (const NpidxRunEntry *) PageGetContents(c->page.data);
		c->pos = 0;
		c->nextpage++;
	}
	return true;
}

/*
 * Fold the listed runs and the postings e[0 .. total) (grouped by bucket)
 * into the buckets: one pass in bucket order, each bucket's postings of all
 * of them appended at once.  The caller holds the merge lock.
 */
static void
RunFold(Relation index, uint32 nbuckets, const NpidxMetaPageData *meta,
		const NpidxRunEntry *e, uint32 total)
{
	int			ncur = 0,
				i;
	RunCursor  *all = palloc0((meta->nruns + 1) * sizeof(RunCursor));
	RunCursor **cur = palloc((meta->nruns + 1) * sizeof(RunCursor *));
	NpidxPosting *buf;
	int			bufmax = 1024;
	Buffer	   *hints = NpidxBucketHints(index, nbuckets);

	for (i = 0; i < (int) meta->nruns; i++)
	{
		RunCursor  *c = &all[i];

		c->dir = RunReadDirectory(index, &meta->runs[i]);
		c->npages = meta->runs[i].npages;
		c->id = meta->runs[i].id;
		if (RunCursorRefill(index, c))
			cur[ncur++] = c;
	}
	if (total > 0)
	{
		all[meta->nruns].e = e;
		all[meta->nruns].n = total;
		cur[ncur++] = &all[meta->nruns];
	}
	buf = palloc(bufmax * sizeof(NpidxPosting));

	while (ncur > 0)
	{
		uint32		b = PG_UINT32_MAX;
		int			n = 0;
		Buffer		head;

		for (i = 0; i < ncur; i++)
			b = Min(b, RunEntryBucket(&cur[i]->e[cur[i]->pos], nbuckets));
		for (i = 0; i < ncur; i++)
		{
			RunCursor  *c = cur[i];

			for (;;)
			{
				const NpidxRunEntry *x = &c->e[c->pos];
				uint32		mix = NpidxRunEntryMix(x);

				if (NpidxBucketOf(mix, nbuckets) != b)
					break;
				if (n >= bufmax)
				{
					bufmax *= 2;
					buf = repalloc_huge(buf, (Size) bufmax * sizeof(NpidxPosting));
				}
				buf[n].bucket = b;
				buf[n].resid = NpidxResidOf(mix);
				RunEntryDecode(x, &buf[n].tid, &buf[n].cls);
				n++;
				c->pos++;
				if (c->pos >= c->n && !RunCursorRefill(index, c))
					break;
			}
		}
		head = NpidxReadBufferHinted(index, NpidxBucketBlock(b),
									 hints ? &hints[2 * b] : NULL);
		LockBuffer(head, BUFFER_LOCK_EXCLUSIVE);
		NpidxChainAppend(index, head, buf, n, true,
						 hints ? &hints[2 * b + 1] : NULL);
		UnlockReleaseBuffer(head);

		/* drop the cursors at their end */
		for (i = 0; i < ncur;)
		{
			if (cur[i]->pos >= cur[i]->n)
				cur[i] = cur[--ncur];
			else
				i++;
		}
		CHECK_FOR_INTERRUPTS();
	}
	pfree(buf);
	for (i = 0; i < (int) meta->nruns; i++)
		if (all[i].dir != NULL)
			pfree(all[i].dir);
	pfree(cur);
	pfree(all);
}

/* Mark a run's or list's page deleted (logging its special space) and free it */
static void
RunFreePage(Relation index, BlockNumber blk)
{
	Buffer		buffer = ReadBuffer(index, blk);
	Page		page;
	PageHeader	ph;

	LockBuffer(buffer, BUFFER_LOCK_EXCLUSIVE);
	page = BufferGetPage(buffer);
	ph = (PageHeader) page;
	START_CRIT_SECTION();
	NpidxPageGetOpaque(page)->flags = NPIDX_DELETED;
	NpidxPageGetOpaque(page)->bucket = NPIDX_NO_BUCKET;
	NpidxPageGetOpaque(page)->next = InvalidBlockNumber;
	MarkBufferDirty(buffer);
	NpidxLogInPlace(index, buffer, ph->pd_lower, ph->pd_upper, true);
	END_CRIT_SECTION();
	UnlockReleaseBuffer(buffer);
	RecordFreeIndexPage(index, blk);
}

/*
 * Free the pages of a chain linked by next (the pending list after a merge:
 * in chain order, so that a scan in the list, which holds a lock on its page
 * and takes the next before letting go, is never overtaken).
 */
void
NpidxFreeChain(Relation index, BlockNumber blk)
{
	while (blk != InvalidBlockNumber)
	{
		Buffer		buffer = ReadBuffer(index, blk);
		BlockNumber next;

		LockBuffer(buffer, BUFFER_LOCK_SHARE);
		next = NpidxPageGetOpaque(BufferGetPage(buffer))->next;
		UnlockReleaseBuffer(buffer);
		RunFreePage(index, blk);
		blk = next;
		CHECK_FOR_INTERRUPTS();
	}
}

/*
 * Merge the rows of the list being merged (merging: its head, or Invalid)
 * into a new run, or, with fold, into the buckets together with every
 * listed run; then, in one generic WAL record of the metapage, list the new
 * run (or no run) and drop the merging list.  The caller holds the merge
 * lock, has added the rows to the row list and frees the list's pages
 * after.  n may be 0 (a fold of the runs alone).  Returns the number of
 * rows the fold took from the runs.
 */
int64
NpidxRunWrite(Relation index, uint32 nbuckets, const ItemPointerData *tids,
			  const NpFingerprint *const *fps, int n, BlockNumber merging,
			  bool fold)
{
	NpidxMetaPageData meta;
	NpidxRunEntry *e = NULL;
	uint32		total = 0;
	NpidxRunRef ref = {0};
	Buffer		metabuf;
	GenericXLogState *state;
	NpidxMetaPage m;
	Page		page;
	int64		folded = 0;
	int			i;

	NpidxReadMetaState(index, &meta);
	if (n > 0)
		e = RunBuildEntries(nbuckets, tids, fps, n, &total);
	if (fold)
	{
		if (meta.nruns > 0 || total > 0)
			RunFold(index, nbuckets, &meta, e, total);
	}
	else if (total > 0)
	{
		ref = RunWritePages(index, nbuckets, e, total,
							meta.nextRunId == 0 ? 1 : meta.nextRunId);
		ref.nrows = (uint32) n;
	}

	/* publish: the run list and the merging list change in one record */
	metabuf = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	LockBuffer(metabuf, BUFFER_LOCK_EXCLUSIVE);
	state = GenericXLogStart(index);
	page = GenericXLogRegisterBuffer(state, metabuf, 0);
	m = NpidxPageGetMeta(page);
	NpidxMetaSetLower(page);
	m->version = NPIDX_VERSION;
	if (fold)
	{
		m->nruns = 0;
		memset(m->runs, 0, sizeof(m->runs));
	}
	else if (total > 0)
	{
		Assert(m->nruns < NPIDX_MAX_RUNS);
		m->runs[m->nruns++] = ref;
		m->nextRunId = ref.id + 1;
		if (m->nextRunId == 0)
			m->nextRunId = 1;
	}
	if (merging != InvalidBlockNumber)
		m->mergingHead = InvalidBlockNumber;
	GenericXLogFinish(state);
	UnlockReleaseBuffer(metabuf);

	/*
	 * The folded runs' pages: no scan can be in them any more.  Not
	 * interrupted (as the caller's freeing of the merged list after this):
	 * an error from here on would leave the merged list's pages linked from
	 * nowhere, which VACUUM does not find (only the runs' own pages are
	 * reclaimed as orphans).
	 */
	HOLD_INTERRUPTS();
	if (fold)
	{
		for (i = 0; i < (int) meta.nruns; i++)
		{
			NpidxRunDirEntry *dir = RunReadDirectory(index, &meta.runs[i]);
			BlockNumber blk = meta.runs[i].dirHead;
			uint32		p;

			for (p = 0; p < meta.runs[i].npages; p++)
				RunFreePage(index, dir[p].blkno);
			pfree(dir);
			NpidxFreeChain(index, blk);
			folded += meta.runs[i].nrows;
		}
	}
	RESUME_INTERRUPTS();
	if (e != NULL)
		pfree(e);
	return folded;
}

/* The postings of a scan's query keys found in the runs */
typedef struct RunHits
{
	int			nkeys;
	int		   *n;
	int		   *max;
	NpidxHit  **hits;
} RunHits;

static void
RunHitAdd(RunHits *rh, int pos, const NpidxRunEntry *e)
{
	NpidxHit   *h;

	if (rh->n[pos] >= rh->max[pos])
	{
		rh->max[pos] = Max(rh->max[pos] * 2, 16);
		rh->hits[pos] = rh->hits[pos] ?
			repalloc_huge(rh->hits[pos], (Size) rh->max[pos] * sizeof(NpidxHit)) :
			palloc(rh->max[pos] * sizeof(NpidxHit));
	}
	h = &rh->hits[pos][rh->n[pos]++];
	RunEntryDecode(e, &h->tid, &h->cls);
}

/* A query key of a run search */
typedef struct RunKey
{
	uint32		bucket;
	uint32		mix;
	int			pos;			/* in the query */
} RunKey;

static int
RunKeyCmp(const void *a, const void *b)
{
	const RunKey *x = (const RunKey *) a;
	const RunKey *y = (const RunKey *) b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	if (x->mix != y->mix)
		return x->mix < y->mix ? -1 : 1;
	return x->pos - y->pos;
}

/*
 * Read the postings of q's keys in every listed run; NULL if there is no
 * run.  Called after the pending lists and before the buckets are read.
 */
RunHits *
NpidxRunsRead(Relation index, const NpFingerprint *q, uint32 nbuckets)
{
	int			nk = NpFingerprintNHashes(q);
	Buffer		metabuf;
	NpidxMetaPageData meta;
	RunHits    *rh;
	RunKey	   *keys;
	int			r,
				i;

	metabuf = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	LockBuffer(metabuf, BUFFER_LOCK_SHARE);
	memcpy(&meta, NpidxPageGetMeta(BufferGetPage(metabuf)), sizeof(meta));
	if (meta.nruns == 0 || nk == 0)
	{
		UnlockReleaseBuffer(metabuf);
		return NULL;
	}
	if (meta.nruns > NPIDX_MAX_RUNS)
		ereport(ERROR,
				(errcode(ERRCODE_INDEX_CORRUPTED),
				 errmsg("npidx index \"%s\" lists %u sorted runs, at most %d",
						RelationGetRelationName(index), meta.nruns,
						NPIDX_MAX_RUNS)));

	rh = palloc(sizeof(RunHits));
	rh->nkeys = nk;
	rh->n = palloc0(nk * sizeof(int));
	rh->max = palloc0(nk * sizeof(int));
	rh->hits = palloc0(nk * sizeof(NpidxHit *));
	keys = palloc(nk * sizeof(RunKey));
	for (i = 0; i < nk; i++)
	{
		keys[i].mix = NpidxMix(q->hashes[i]);
		keys[i].bucket = NpidxBucketOf(keys[i].mix, nbuckets);
		keys[i].pos = i;
	}
	qsort(keys, nk, sizeof(RunKey), RunKeyCmp);

	/* the metapage's share lock keeps the runs listed while we read them */
	for (r = 0; r < (int) meta.nruns; r++)
	{
		NpidxRunDirEntry *dir = RunReadDirectory(index, &meta.runs[r]);
		uint32		np = meta.runs[r].npages;
		Buffer		buffer = InvalidBuffer;
		uint32		bufpage = 0;

		for (i = 0; i < nk; i++)
		{
			uint32		b = keys[i].bucket;
			uint32		lo = 0,
						hi = np,
						p;

			/* the last page whose first bucket is below b (or the first) */
			while (lo < hi)
			{
				uint32		mid = lo + (hi - lo) / 2;

				if (dir[mid].firstBucket < b)
					lo = mid + 1;
				else
					hi = mid;
			}
			p = lo > 0 ? lo - 1 : 0;
			for (; p < np && dir[p].firstBucket <= b; p++)
			{
				Page		page;
				const NpidxRunEntry *e;
				int			cnt,
							l,
							h;

				if (!BufferIsValid(buffer) || bufpage != p)
				{
					if (BufferIsValid(buffer))
						UnlockReleaseBuffer(buffer);
					buffer = ReadBuffer(index, dir[p].blkno);
					LockBuffer(buffer, BUFFER_LOCK_SHARE);
					bufpage = p;
				}
				page = BufferGetPage(buffer);
				e = (const NpidxRunEntry *) PageGetContents(page);
				cnt = RunCheckPage(index, page, dir[p].blkno, NPIDX_RUN,
								   meta.runs[r].id, sizeof(NpidxRunEntry));
				/* the first posting of bucket b or after */
				l = 0;
				h = cnt;
				while (l < h)
				{
					int			mid = l + (h - l) / 2;

					if (RunEntryBucket(&e[mid], nbuckets) < b)
						l = mid + 1;
					else
						h = mid;
				}
				for (; l < cnt; l++)
				{
					uint32		mix = NpidxRunEntryMix(&e[l]);

					if (NpidxBucketOf(mix, nbuckets) != b)
						break;
					if (mix == keys[i].mix)
						RunHitAdd(rh, keys[i].pos, &e[l]);
				}
				if (l < cnt)
					break;		/* bucket b ends on this page */
			}
		}
		if (BufferIsValid(buffer))
			UnlockReleaseBuffer(buffer);
		pfree(dir);
		CHECK_FOR_INTERRUPTS();
	}
	UnlockReleaseBuffer(metabuf);
	pfree(keys);
	return rh;
}

/* The run postings of query key pos (none without runs) */
int
NpidxRunHitsOf(const RunHits *rh, int pos, const NpidxHit **hits)
{
	if (rh == NULL)
	{
		*hits = NULL;
		return 0;
	}
	*hits = rh->hits[pos];
	return rh->n[pos];
}

/*
 * VACUUM's page scan met buffer (share-locked by the caller, who holds the
 * merge lock and passes the metapage read under it): if it is a page of a
 * run the metapage does not list (written by a merge that a crash or an
 * error stopped before it listed the run), free it.  Returns 1 if freed.
 * The caller's lock on the buffer is released either way.
 */
int
NpidxFreeOrphanRun(Relation index, Buffer buffer, const NpidxMetaPageData *meta)
{
	Page		page = BufferGetPage(buffer);
	NpidxPageOpaque opaque = NpidxPageGetOpaque(page);
	uint32		id;
	int			i;

	if (PageIsNew(page) || opaque->page_id != NPIDX_PAGE_ID ||
		!(opaque->flags & (NPIDX_RUN | NPIDX_RUNDIR)))
	{
		LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
		return 0;
	}
	id = opaque->bucket;
	LockBuffer(buffer, BUFFER_LOCK_UNLOCK);
	for (i = 0; i < (int) meta->nruns; i++)
		if (meta->runs[i].id == id)
			return 0;
	/* nothing else changes run pages: the merge lock is ours */
	RunFreePage(index, BufferGetBlockNumber(buffer));
	return 1;
}
