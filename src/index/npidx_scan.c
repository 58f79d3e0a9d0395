/*-------------------------------------------------------------------------
 *
 * npidx_scan.c
 *	  Index scans of npidx: threshold predicates (bitmap and plain scans)
 *	  and the progressive top-k scan for ORDER BY fp <-> q.
 *
 * Every returned TID is a candidate that the executor rechecks with the
 * operator itself; which postings must be read for the candidate set to be
 * complete is proven in the design essay of npidx.c.
 *
 * src/index/npidx_scan.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/relscan.h"
#include "miscadmin.h"
#include "nodes/tidbitmap.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "index/npidx.h"

/* A growable TID array, filled by probe callbacks */
typedef struct TidArray
{
	ItemPointerData *tids;
	int			n;
	int			max;
	HTAB	   *seen;			/* skip and record TIDs already seen, if set */
} TidArray;

/*
 * Start an npidx scan.
 */
IndexScanDesc
npidxbeginscan(Relation r, int nkeys, int norderbys)
{
	IndexScanDesc scan = RelationGetIndexScan(r, nkeys, norderbys);
	NpidxScanOpaque so = palloc0(sizeof(NpidxScanOpaqueData));

	so->cxt = AllocSetContextCreate(CurrentMemoryContext,
									"npidx scan context",
									ALLOCSET_DEFAULT_SIZES);
	scan->opaque = so;
	if (norderbys > 0)
	{
		scan->xs_orderbyvals = palloc0(sizeof(Datum) * norderbys);
		scan->xs_orderbynulls = palloc(sizeof(bool) * norderbys);
		memset(scan->xs_orderbynulls, true, sizeof(bool) * norderbys);
	}
	return scan;
}

/*
 * (Re)start a scan with new keys.
 */
void
npidxrescan(IndexScanDesc scan, ScanKey scankey, int nscankeys,
			ScanKey orderbys, int norderbys)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;

	if (scankey && scan->numberOfKeys > 0)
		memmove(scan->keyData, scankey, scan->numberOfKeys * sizeof(ScanKeyData));
	if (orderbys && scan->numberOfOrderBys > 0)
		memmove(scan->orderByData, orderbys,
				scan->numberOfOrderBys * sizeof(ScanKeyData));

	MemoryContextReset(so->cxt);
	so->prepared = false;
	so->empty = false;
	so->tids = NULL;
	so->ntids = 0;
	so->next = 0;
	so->oquery = NULL;
	so->nquery = 0;
	so->probe = 0;
	so->maxprobe = 0;
	so->tail = false;
	so->tail_done = false;
	so->bound = 0.0;
	so->bound_null = false;
	so->seen = NULL;
	so->probed = NULL;
	so->deferred = NULL;
	so->ndeferred = 0;
	so->deferpos = 0;
	so->m0 = 1;
}

/*
 * End a scan.
 */
void
npidxendscan(IndexScanDesc scan)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;

	MemoryContextDelete(so->cxt);
	pfree(so);
	scan->opaque = NULL;
}

/*
 * Call fn for every posting of hash: read the bucket's chain with lock
 * coupling.  Postings of other keys that share bucket and residue (only in
 * indexes with fewer than NPIDX_EXACT_BUCKETS buckets) are returned too; the
 * recheck drops them.
 */
void
NpidxProbe(Relation index, uint32 nbuckets, uint32 hash,
		   NpidxTidCallback fn, void *arg)
{
	uint32		mix = NpidxMix(hash);
	uint32		bucket = NpidxBucketOf(mix, nbuckets);
	uint16		resid = NpidxResidOf(mix);
	BlockNumber blk = NpidxBucketBlock(bucket);
	Buffer		buffer;

	buffer = ReadBuffer(index, blk);
	LockBuffer(buffer, BUFFER_LOCK_SHARE);
	for (;;)
	{
		Page		page = BufferGetPage(buffer);
		NpidxPageOpaque opaque = NpidxPageGetOpaque(page);
		int			n = NpidxPageNEntries(page);
		int			i;
		Buffer		nbuf;

		if (opaque->page_id != NPIDX_PAGE_ID || opaque->bucket != bucket ||
			!(opaque->flags & NPIDX_BUCKET))
			elog(ERROR, "npidx index \"%s\": block %u is not in bucket %u",
				 RelationGetRelationName(index), blk, bucket);
		if (NpidxPageIsWide(page))
		{
			NpidxEntry *e = (NpidxEntry *) PageGetContents(page);

			for (i = 0; i < n; i++)
			{
				if (e[i].resid == resid)
					fn(&e[i].tid, arg);
			}
		}
		else
		{
			NpidxCompactEntry *e = (NpidxCompactEntry *) PageGetContents(page);

			for (i = 0; i < n; i++)
			{
				if (e[i].resid == resid)
				{
					ItemPointerData tid;
					uint16		dummy;

					NpidxPageGetEntry(page, i, &dummy, &tid);
					fn(&tid, arg);
				}
			}
		}
		blk = opaque->next;
		if (blk == InvalidBlockNumber)
			break;
		nbuf = ReadBuffer(index, blk);
		LockBuffer(nbuf, BUFFER_LOCK_SHARE);
		UnlockReleaseBuffer(buffer);
		buffer = nbuf;
	}
	UnlockReleaseBuffer(buffer);
}

/*
 * Read the TIDs of the whole row list (with lock coupling).
 */
ItemPointerData *
NpidxReadRowList(Relation index, int *nrows)
{
	Buffer		buffer;
	BlockNumber blk;
	ItemPointerData *rows;
	int			n = 0,
				max = 1024;

	rows = palloc(max * sizeof(ItemPointerData));
	buffer = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	LockBuffer(buffer, BUFFER_LOCK_SHARE);
	blk = NpidxPageGetMeta(BufferGetPage(buffer))->rowHead;
	while (blk != InvalidBlockNumber)
	{
		Buffer		nbuf = ReadBuffer(index, blk);
		Page		page;
		int			cnt;

		LockBuffer(nbuf, BUFFER_LOCK_SHARE);
		UnlockReleaseBuffer(buffer);
		buffer = nbuf;
		page = BufferGetPage(buffer);
		if (!(NpidxPageGetOpaque(page)->flags & NPIDX_ROWS))
			elog(ERROR, "npidx index \"%s\": block %u is not a row-list page",
				 RelationGetRelationName(index), blk);
		cnt = NpidxPageNRows(page);
		if (n + cnt > max)
		{
			while (n + cnt > max)
				max *= 2;
			rows = repalloc_huge(rows, (Size) max * sizeof(ItemPointerData));
		}
		memcpy(rows + n, NpidxPageRows(page), cnt * sizeof(ItemPointerData));
		n += cnt;
		blk = NpidxPageGetOpaque(page)->next;
		CHECK_FOR_INTERRUPTS();
	}
	UnlockReleaseBuffer(buffer);
	*nrows = n;
	return rows;
}

/* Probe callback: add a TID to a TidArray (skipping seen ones) */
static void
TidArrayAdd(ItemPointer tid, void *arg)
{
	TidArray   *a = (TidArray *) arg;

	if (a->seen)
	{
		bool		found;

		hash_search(a->seen, tid, HASH_ENTER, &found);
		if (found)
			return;
	}
	if (a->n >= a->max)
	{
		a->max = Max(a->max * 2, 256);
		a->tids = a->tids ? repalloc_huge(a->tids, (Size) a->max * sizeof(ItemPointerData)) :
			palloc(a->max * sizeof(ItemPointerData));
	}
	a->tids[a->n++] = *tid;
}

/* A bitmap being filled by probe callbacks */
typedef struct TidBitmapFill
{
	TIDBitmap  *tbm;
	int64		n;
} TidBitmapFill;

/* Probe callback: add a TID to a bitmap */
static void
TidBitmapAdd(ItemPointer tid, void *arg)
{
	TidBitmapFill *f = (TidBitmapFill *) arg;

	tbm_add_tuples(f->tbm, tid, 1, true);
	f->n++;
}

/* Sort a TID array and drop duplicates; returns the new count */
static int
SortUniqueTids(ItemPointerData *tids, int n)
{
	int			i,
				j;

	if (n <= 1)
		return n;
	qsort(tids, n, sizeof(ItemPointerData), NpidxItemPointerCmp);
	for (i = 1, j = 1; i < n; i++)
	{
		if (!ItemPointerEquals(&tids[i], &tids[j - 1]))
			tids[j++] = tids[i];
	}
	return j;
}

/*
 * Work out, for one scan key, the query fingerprint and how many of its
 * leading hashes must be probed.  Returns false if the key can match
 * nothing (NULL query).
 */
static bool
NpidxKeyPlan(ScanKey key, NpFingerprint **query, int *nprobe, double *bound_t)
{
	NpFingerprint *q;
	double		t = 0.0;
	bool		tnull = true;
	int			n;

	if (key->sk_flags & SK_ISNULL)
		return false;

	switch (key->sk_strategy)
	{
		case NPIDX_SIMILAR_STRATEGY:
		case NPIDX_CONTAINED_STRATEGY:
		case NPIDX_CONTAINS_STRATEGY:
			q = DatumGetNpFingerprintP(key->sk_argument);
			break;
		case NPIDX_SIMILAR_Q_STRATEGY:
		case NPIDX_CONTAINED_Q_STRATEGY:
		case NPIDX_CONTAINS_Q_STRATEGY:
		case NPIDX_SAME_STORY_Q_STRATEGY:
			if (!NpidxQueryDecode(key->sk_argument, &q, &t, &tnull))
				return false;
			break;
		default:
			elog(ERROR, "npidx: unrecognized strategy number %d",
				 key->sk_strategy);
			return false;		/* keep compiler quiet */
	}

	n = NpFingerprintNHashes(q);
	*bound_t = 0.0;
	switch (key->sk_strategy)
	{
		case NPIDX_SIMILAR_STRATEGY:
			*bound_t = np_similarity_threshold;
			*nprobe = NpidxProbesFor(*bound_t, n);
			break;
		case NPIDX_CONTAINS_STRATEGY:
			*bound_t = np_containment_threshold;
			*nprobe = NpidxProbesFor(*bound_t, n);
			break;
		case NPIDX_SIMILAR_Q_STRATEGY:
			if (tnull)
				t = np_similarity_threshold;
			NpFingerprintCheckThreshold("threshold", t);
			*bound_t = t;
			*nprobe = NpidxProbesFor(t, n);
			break;
		case NPIDX_CONTAINS_Q_STRATEGY:
			if (tnull)
				t = np_containment_threshold;
			NpFingerprintCheckThreshold("threshold", t);
			*bound_t = t;
			*nprobe = NpidxProbesFor(t, n);
			break;
		case NPIDX_CONTAINED_Q_STRATEGY:
		case NPIDX_SAME_STORY_Q_STRATEGY:
			if (!tnull)
				NpFingerprintCheckThreshold("threshold", t);
			/* the bound is on the row's side: probe every query hash */
			*nprobe = n;
			break;
		default:
			/* fp <% q: the row must be contained, probe everything */
			*nprobe = n;
			break;
	}
	*query = q;
	return true;
}

/*
 * Pick the scan key needing the fewest probes; any key's candidates are a
 * superset of the conjunction's answer.  Returns false if no key can match.
 */
static bool
NpidxChooseDriver(IndexScanDesc scan, NpFingerprint **query, int *nprobe,
				  double *bound_t)
{
	int			i;

	*query = NULL;
	*nprobe = 0;
	*bound_t = 0.0;
	for (i = 0; i < scan->numberOfKeys; i++)
	{
		NpFingerprint *q;
		int			p;
		double		t;

		if (!NpidxKeyPlan(&scan->keyData[i], &q, &p, &t))
			return false;
		if (*query == NULL || p < *nprobe)
		{
			*query = q;
			*nprobe = p;
			*bound_t = t;
		}
	}
	return true;
}

/*
 * Read the metapage's smallest sample limit; false if no truncated sample
 * was ever indexed.
 */
bool
NpidxReadMinLimit(Relation index, uint32 *limit)
{
	Buffer		buffer = ReadBuffer(index, NPIDX_METAPAGE_BLKNO);
	NpidxMetaPage meta;
	bool		has;

	LockBuffer(buffer, BUFFER_LOCK_SHARE);
	meta = NpidxPageGetMeta(BufferGetPage(buffer));
	has = meta->hasLimit;
	*limit = meta->minLimit;
	UnlockReleaseBuffer(buffer);
	return has;
}

/*
 * M0 (at least 1): the number of q's hashes up to min(limit(q), smallest
 * sample limit in the index).  They lie below the common threshold of q and
 * any indexed row, so every row's |Q'| is at least M0.
 */
static int
NpidxQueryM0(Relation index, const NpFingerprint *q)
{
	int			n = NpFingerprintNHashes(q);
	uint32		limit;
	uint32		T = PG_UINT32_MAX;
	bool		bounded = false;
	int			m0 = 0;

	if (NpidxSampleLimit(q, &limit))
	{
		T = limit;
		bounded = true;
	}
	if (NpidxReadMinLimit(index, &limit) && (!bounded || limit < T))
	{
		T = limit;
		bounded = true;
	}
	while (m0 < n && (!bounded || q->hashes[m0] <= T))
		m0++;
	return Max(m0, 1);
}

/* Postings of one query hash read from its bucket's head page */
typedef struct HeadProbe
{
	TidArray	tids;			/* matches on the head page */
	double		cost;			/* estimated postings of the key */
	bool		complete;		/* the chain was just the head */
	bool		selected;
} HeadProbe;

/* Read the head page of hash's bucket: its matches and the chain length */
static void
NpidxProbeHead(Relation index, uint32 nbuckets, uint32 hash, HeadProbe *hp)
{
	uint32		mix = NpidxMix(hash);
	uint32		bucket = NpidxBucketOf(mix, nbuckets);
	uint16		resid = NpidxResidOf(mix);
	Buffer		buffer = ReadBuffer(index, NpidxBucketBlock(bucket));
	Page		page;
	int			n,
				i;

	LockBuffer(buffer, BUFFER_LOCK_SHARE);
	page = BufferGetPage(buffer);
	if (NpidxPageGetOpaque(page)->bucket != bucket ||
		!(NpidxPageGetOpaque(page)->flags & NPIDX_BUCKET))
		elog(ERROR, "npidx index \"%s\": block %u is not the head of bucket %u",
			 RelationGetRelationName(index), NpidxBucketBlock(bucket), bucket);
	n = NpidxPageNEntries(page);
	if (NpidxPageIsWide(page))
	{
		NpidxEntry *e = (NpidxEntry *) PageGetContents(page);

		for (i = 0; i < n; i++)
		{
			if (e[i].resid == resid)
				TidArrayAdd(&e[i].tid, &hp->tids);
		}
	}
	else
	{
		NpidxCompactEntry *e = (NpidxCompactEntry *) PageGetContents(page);

		for (i = 0; i < n; i++)
		{
			if (e[i].resid == resid)
			{
				uint16		r;
				ItemPointerData tid;

				NpidxPageGetEntry(page, i, &r, &tid);
				TidArrayAdd(&tid, &hp->tids);
			}
		}
	}
	hp->complete = NpidxPageGetOpaque(page)->next == InvalidBlockNumber;
	hp->cost = (double) hp->tids.n * Max(1, NpidxPageGetOpaque(page)->chain_pages);
	UnlockReleaseBuffer(buffer);
}

/* Keys estimated to have more postings than this are worth skipping */
#define NPIDX_COMMON_KEY_COST	64

/*
 * Call fn for the candidates of a query: the postings of enough query
 * hashes that no row meeting the key can be missed.
 *
 * When the bound is on the query's side (bound_t > 0) the plain answer is
 * the prefix of nprobe hashes.  If that prefix is costly (a common key, or
 * many postings), choose instead the cheapest set R of positions with, for
 * every m >= M0,
 *	 |R n [1..m]| >= D(m) = floor((1 - t) m) + 2   (capped at m)
 * where M0 bounds |Q'| from below for every indexed row: every hash of q up
 * to min(limit(q), smallest limit of an indexed sample) lies below the
 * common threshold of q and any row.  The pigeonhole argument of the essay
 * in npidx.c then still applies to each row b with its own m = |Q'_b| >= M0
 * (rare-first prefix filtering, as in PPJoin, Xiao et al. 2008).
 */
static void
NpidxCandidates(Relation index, const NpFingerprint *q, int nprobe,
				double bound_t, NpidxTidCallback fn, void *arg)
{
	const NpidxMetaPageData *meta = NpidxGetMeta(index);
	int			n = NpFingerprintNHashes(q);
	HeadProbe  *hp;
	int			i,
				j;
	bool		common = false;
	double		total = 0.0;
	int			m0,
				count;

	if (bound_t <= 0.0 || nprobe >= n)
	{
		for (i = 0; i < nprobe; i++)
		{
			NpidxProbe(index, meta->nbuckets, q->hashes[i], fn, arg);
			CHECK_FOR_INTERRUPTS();
		}
		return;
	}

	/* the plain prefix, from the head pages */
	hp = palloc0(n * sizeof(HeadProbe));
	for (i = 0; i < nprobe; i++)
	{
		NpidxProbeHead(index, meta->nbuckets, q->hashes[i], &hp[i]);
		total += hp[i].cost;
		if (hp[i].cost > NPIDX_COMMON_KEY_COST)
			common = true;
		hp[i].selected = true;
	}

	/*
	 * Each posting costs a heap recheck, each head page read much less: when
	 * the prefix holds a common key or more postings than twice its length,
	 * read the remaining heads and choose the cheapest exact set instead.
	 */
	if (common || total > 2.0 * nprobe)
	{
		m0 = NpidxQueryM0(index, q);

		for (i = nprobe; i < n; i++)
			NpidxProbeHead(index, meta->nbuckets, q->hashes[i], &hp[i]);
		for (i = 0; i < n; i++)
			hp[i].selected = false;

		/* greedy: at each prefix m, add the cheapest positions still needed */
		count = 0;
		for (i = 1; i <= n; i++)
		{
			int			need;

			if (i < m0)
				continue;
			need = Min(i, NpidxProbesFor(bound_t, i));
			while (count < need)
			{
				int			best = -1;

				for (j = 0; j < i; j++)
				{
					if (!hp[j].selected &&
						(best < 0 || hp[j].cost < hp[best].cost))
						best = j;
				}
				hp[best].selected = true;
				count++;
			}
		}
	}

	for (i = 0; i < n; i++)
	{
		if (!hp[i].selected)
			continue;
		if (hp[i].complete)
		{
			for (j = 0; j < hp[i].tids.n; j++)
				fn(&hp[i].tids.tids[j], arg);
		}
		else
			NpidxProbe(index, meta->nbuckets, q->hashes[i], fn, arg);
		CHECK_FOR_INTERRUPTS();
	}
	for (i = 0; i < n; i++)
	{
		if (hp[i].tids.tids)
			pfree(hp[i].tids.tids);
	}
	pfree(hp);
}

/*
 * Set up the ordered (top-k) scan.
 */
static void
NpidxPrepareOrdered(IndexScanDesc scan)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;
	ScanKey		ob = &scan->orderByData[0];
	NpFingerprint *kq = NULL;
	int			kp = 0;
	double		kt;
	HASHCTL		ctl;

	if (scan->numberOfKeys > 0 && !NpidxChooseDriver(scan, &kq, &kp, &kt))
	{
		so->empty = true;
		return;
	}

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(ItemPointerData);
	ctl.entrysize = sizeof(ItemPointerData);
	ctl.hcxt = so->cxt;
	so->seen = hash_create("npidx seen TIDs", 1024, &ctl,
						   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);

	if (ob->sk_flags & SK_ISNULL)
	{
		/* every distance is NULL: return the rows unordered */
		so->oquery = NULL;
		so->nquery = 0;
		so->bound_null = true;
	}
	else
	{
		so->oquery = DatumGetNpFingerprintP(ob->sk_argument);
		so->nquery = NpFingerprintNHashes(so->oquery);
	}
	so->maxprobe = so->nquery;
	so->tail = true;
	if (so->oquery != NULL && so->nquery > 0)
	{
		so->probed = palloc0(so->nquery * sizeof(bool));
		so->deferred = palloc(so->nquery * sizeof(int));
		so->m0 = NpidxQueryM0(scan->indexRelation, so->oquery);
	}

	/*
	 * A WHERE key on the same query bounds the search: no row outside its
	 * probe prefix can qualify, so stop there and skip the tail.
	 */
	if (kq != NULL && so->oquery != NULL &&
		VARSIZE(kq) == VARSIZE(so->oquery) &&
		memcmp(kq, so->oquery, VARSIZE(kq)) == 0)
	{
		so->maxprobe = Min(so->nquery, kp);
		so->tail = false;
	}
}

/*
 * Set up candidate generation on the first call after a rescan.
 */
static void
NpidxPrepare(IndexScanDesc scan)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;
	MemoryContext oldcxt = MemoryContextSwitchTo(so->cxt);

	so->prepared = true;
	if (scan->numberOfOrderBys > 0)
		NpidxPrepareOrdered(scan);
	else
	{
		NpFingerprint *q;
		int			p;
		double		t;

		if (!NpidxChooseDriver(scan, &q, &p, &t))
			so->empty = true;
		else if (q == NULL)
		{
			/* no keys at all: every row */
			so->tids = NpidxReadRowList(scan->indexRelation, &so->ntids);
			so->ntids = SortUniqueTids(so->tids, so->ntids);
		}
		else
		{
			TidArray	a = {0};

			NpidxCandidates(scan->indexRelation, q, p, t, TidArrayAdd, &a);
			so->tids = a.tids;
			so->ntids = SortUniqueTids(a.tids, a.n);
		}
	}
	MemoryContextSwitchTo(oldcxt);
}

/* Margin kept below distance bounds, against rounding in the operators */
#define NPIDX_BOUND_SLACK	1e-9

/*
 * Lower bound of the distance of every row not seen yet, given the query
 * positions S probed so far: a row b with m = |Q'_b| misses at least
 * |S n [1..m]| of its m query hashes, so 1 - similarity and 1 - containment
 * are at least min over m >= M0 of |S n [1..m]| / m (the top-k bound of
 * Xiao et al. 2009, generalised to probe sets that are not prefixes).
 */
static double
NpidxOrderedBound(NpidxScanOpaque so)
{
	double		best = 1.0;
	int			cnt = 0;
	int			m;

	for (m = 1; m <= so->nquery; m++)
	{
		if (so->probed[m - 1])
			cnt++;
		if (m >= so->m0 && (double) cnt / m < best)
			best = (double) cnt / m;
	}

	/*
	 * The operator computes 1 - I / U in floating point, which can round
	 * just below the exact bound cnt / m; stay under it.
	 */
	return Max(0.0, best - NPIDX_BOUND_SLACK);
}

/*
 * Refill the pending TIDs of an ordered scan: the next probe's new rows, or
 * the never-seen rows of the row list.  Returns false when exhausted.
 */
static bool
NpidxOrderedRefill(IndexScanDesc scan)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;
	MemoryContext oldcxt = MemoryContextSwitchTo(so->cxt);
	bool		result = false;

	so->ntids = 0;
	so->next = 0;

	while (so->probe < so->maxprobe || so->deferpos < so->ndeferred)
	{
		const NpidxMetaPageData *meta = NpidxGetMeta(scan->indexRelation);
		TidArray	a = {0};
		int			j;

		a.seen = so->seen;
		if (so->probe < so->maxprobe)
		{
			HeadProbe	hp = {0};

			j = so->probe++;
			NpidxProbeHead(scan->indexRelation, meta->nbuckets,
						   so->oquery->hashes[j], &hp);
			if (hp.cost > NPIDX_COMMON_KEY_COST)
			{
				/* a common key: probe it after all the others */
				so->deferred[so->ndeferred++] = j;
				if (hp.tids.tids)
					pfree(hp.tids.tids);
				continue;
			}
			/* rows first seen now share none of the positions probed before */
			so->bound = NpidxOrderedBound(so);
			if (hp.complete)
			{
				int			k;

				for (k = 0; k < hp.tids.n; k++)
					TidArrayAdd(&hp.tids.tids[k], &a);
			}
			else
				NpidxProbe(scan->indexRelation, meta->nbuckets,
						   so->oquery->hashes[j], TidArrayAdd, &a);
			if (hp.tids.tids)
				pfree(hp.tids.tids);
		}
		else
		{
			j = so->deferred[so->deferpos++];
			so->bound = NpidxOrderedBound(so);
			NpidxProbe(scan->indexRelation, meta->nbuckets,
					   so->oquery->hashes[j], TidArrayAdd, &a);
		}
		so->probed[j] = true;
		CHECK_FOR_INTERRUPTS();
		if (a.n > 0)
		{
			if (so->tids)
				pfree(so->tids);
			so->tids = a.tids;
			so->ntids = SortUniqueTids(a.tids, a.n);
			result = true;
			goto done;
		}
	}

	if (so->tail && !so->tail_done)
	{
		ItemPointerData *rows;
		int			n,
					i,
					j = 0;

		so->tail_done = true;
		rows = NpidxReadRowList(scan->indexRelation, &n);
		for (i = 0; i < n; i++)
		{
			bool		found;

			hash_search(so->seen, &rows[i], HASH_ENTER, &found);
			if (!found)
				rows[j++] = rows[i];
		}
		if (so->tids)
			pfree(so->tids);
		so->tids = rows;
		so->ntids = SortUniqueTids(rows, j);
		/* no shared hash at all: distance exactly 1 (or NULL) */
		so->bound = 1.0 - NPIDX_BOUND_SLACK;
		result = so->ntids > 0;
	}

done:
	MemoryContextSwitchTo(oldcxt);
	return result;
}

/*
 * Return the next candidate TID.
 */
bool
npidxgettuple(IndexScanDesc scan, ScanDirection dir)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;

	if (dir != ForwardScanDirection)
		elog(ERROR, "npidx only supports forward scans");

	if (!so->prepared)
		NpidxPrepare(scan);
	if (so->empty)
		return false;

	if (scan->numberOfOrderBys > 0)
	{
		int			i;

		while (so->next >= so->ntids)
		{
			if (!NpidxOrderedRefill(scan))
				return false;
		}
		scan->xs_heaptid = so->tids[so->next++];
		scan->xs_recheck = true;
		scan->xs_recheckorderby = true;
		scan->xs_orderbyvals[0] = Float8GetDatum(so->bound);
		scan->xs_orderbynulls[0] = so->bound_null;
		/* further ORDER BY distances: 0 is a valid lower bound */
		for (i = 1; i < scan->numberOfOrderBys; i++)
		{
			scan->xs_orderbyvals[i] = Float8GetDatum(0.0);
			scan->xs_orderbynulls[i] = false;
		}
		return true;
	}

	if (so->next >= so->ntids)
		return false;
	scan->xs_heaptid = so->tids[so->next++];
	scan->xs_recheck = true;
	return true;
}

/*
 * Add every candidate TID to a bitmap.
 */
int64
npidxgetbitmap(IndexScanDesc scan, TIDBitmap *tbm)
{
	NpidxScanOpaque so = (NpidxScanOpaque) scan->opaque;
	MemoryContext oldcxt = MemoryContextSwitchTo(so->cxt);
	NpFingerprint *q;
	int			p;
	double		t;
	int64		ntids = 0;

	if (!NpidxChooseDriver(scan, &q, &p, &t))
	{
		MemoryContextSwitchTo(oldcxt);
		return 0;
	}

	if (q == NULL)
	{
		int			n;
		ItemPointerData *rows = NpidxReadRowList(scan->indexRelation, &n);

		tbm_add_tuples(tbm, rows, n, true);
		ntids = n;
	}
	else
	{
		TidBitmapFill f = {tbm, 0};

		NpidxCandidates(scan->indexRelation, q, p, t, TidBitmapAdd, &f);
		/* postings read, which may count a row more than once */
		ntids = f.n;
	}
	MemoryContextSwitchTo(oldcxt);
	return ntids;
}
