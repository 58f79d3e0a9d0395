/*-------------------------------------------------------------------------
 *
 * npidx.c
 *	  The npidx index access method: handler, reloptions and design essay.
 *
 * npidx answers the near-duplicate predicates of newsprint.fingerprint
 * (fp % q, fp <% q, fp %> q, is_similar, is_contained, same_story) and
 * ORDER BY fp <-> q / fp <->> q, exactly: it never loses a row that the
 * operator accepts.
 *
 * DESIGN
 * ======
 *
 * What is indexed.  A fingerprint is a bottom-k sample: the (up to) k
 * smallest distinct 32-bit shingle hashes of the article, ascending (see
 * fingerprint.h).  npidx keeps an inverted index: for EVERY hash of every
 * row's sample, one posting (hash -> heap TID); and a row list holding the
 * TID of every indexed row, NULLs and empty samples included.  Candidates
 * are always rechecked against the heap tuple by the operator itself, so the
 * index only has to return a superset of the answer; the exactness argument
 * below says which postings must be read for that.
 *
 * Page layout.
 *	 block 0				metapage: magic, version, nbuckets and fillfactor
 *							(frozen at build from the reloptions), head and
 *							tail of the row list.
 *	 blocks 1..nbuckets		bucket head pages, one per bucket.
 *	 further blocks			bucket overflow pages and row-list pages, in
 *							allocation order; freed pages are reused through
 *							the free space map.
 * A bucket page holds an array of postings between the page header and
 * pd_lower, and in its special space the next page of the bucket's chain
 * (and, on the head, the chain's length, a cost hint).  A key h goes to
 * bucket m % nbuckets with m = murmur3-fmix32(h) (a bijection, so buckets
 * are uniform even though bottom-k samples crowd the low hash values); the
 * posting stores the upper 16 bits of m and the heap TID packed into 32 bits
 * (23 bits of block, 9 of offset): 6 bytes, 1358 per 8 kB page.  TIDs that
 * do not fit (heaps over 64 GB) go to "wide" pages of 8-byte postings.
 * With nbuckets >= 65536 (any index over about 80 million postings) bucket
 * and residue identify h exactly; smaller indexes conflate a few keys per
 * bucket, which costs only extra rechecks.  A row-list page holds an array
 * of 6-byte TIDs.
 *
 * Cost in space: 6 bytes per sample hash / fillfactor, against 4 bytes in
 * the fingerprint column, i.e. about 1.7x the column at the default
 * fillfactor 90; the row list adds 6 bytes per row.  The build aims at
 * fillfactor-full buckets on average but fills pages to capacity, so the
 * Poisson spread of bucket sizes rarely needs an overflow page.  (A per-row
 * copy of the sample for verification inside the index would add another
 * 1x; we verify in the heap instead, where the bitmap heap scan goes anyway.)
 *
 * Exactness (prefix filtering: Chaudhuri, Ganti and Kaushik 2006; Bayardo,
 * Ma and Srikant 2007; Xiao, Wang, Lin and Yu 2008).  Let q be the query
 * with n hashes, b a row, tau their common threshold, Q' and B' the samples
 * cut at tau, and e the smallest hash of Q' n B' (every predicate implies
 * Q' n B' is not empty; thresholds are in (0, 1]).  Every hash of q below e
 * lies in Q' (it is below e <= tau) and not in B'.  Hence e's 1-based
 * position in q is at most |Q' \ B'| + 1, and:
 *	 similarity(q, b) >= t  =>  |Q' n B'| >= t |Q' u B'| >= t |Q'|
 *							=>  |Q' \ B'| <= (1 - t) |Q'| <= (1 - t) n;
 *	 containment(q, b) >= t	 =>	 |Q' \ B'| <= (1 - t) |Q'| likewise.
 * So probing the postings of q's first floor((1 - t) n) + 1 hashes finds
 * every row b with similarity >= t (fp % q, is_similar) or with q contained
 * in b (fp %> q, is_contained(q, fp, t)); we probe one more than that to be
 * safe against floating-point rounding of the operator's comparison.  When
 * the ROW must be contained in the query (fp <% q, is_contained(fp, q, t))
 * or for same_story (|Q' n B'| / min(|Q'|, |B'|), where the small side may
 * be the row), the bound is on b's side, so all n hashes of q are probed:
 * still exact, since any accepted row shares at least one of them.
 *
 * Top-k (Xiao, Wang, Qin, Lin and Yu 2009, "Top-k set similarity joins").
 * If b shares none of q's first i hashes, then |Q' \ B'| >= i, so
 * similarity(q, b) <= (n - i) / n and containment(q, b) <= (n - i) / n:
 * fp <-> q and fp <->> q are >= i / n.  The ordered scan probes q's hashes
 * one at a time and returns each newly seen row with i / n as a lower bound
 * of its distance (xs_recheckorderby): the executor computes the exact
 * distance from the heap tuple and holds rows back in its reorder queue
 * until the bound passes them, which is exactly the progressive top-k
 * algorithm.  After all n probes every unseen row has distance 1 (or NULL),
 * and the scan returns them from the row list, so a full ORDER BY is
 * complete; with LIMIT k the scan stops as soon as k rows are out.  If the
 * scan also has a WHERE key on the same query, probing stops at that key's
 * prefix and the row-list tail is skipped, since no other row can qualify.
 *
 * Common keys.  A hash shared by many rows (boilerplate that cleaning
 * missed, frequent phrases) has a long posting list, and every posting is a
 * heap recheck.  The pigeonhole argument does not need the first hashes of
 * q: it needs, for the row's own m = |Q'_b|, more than floor((1 - t) m) of
 * q's first m positions.  Every row's m is at least M0, the number of q's
 * hashes up to min(limit(q), L), where L is the smallest limit of any
 * sample ever indexed (kept in the metapage, only ever lowered).  So any
 * set R of positions with |R n [1..m]| >= floor((1 - t) m) + 1 for every
 * m >= M0 is exact, and the scan picks a cheap one: it reads the head page
 * of each query hash's bucket (the matches there times the chain length
 * estimate the key's postings) and, when the plain prefix holds a key with
 * more than 64 postings or more postings than twice its length, chooses R
 * greedily, cheapest positions first, to
 * satisfy the constraint at every m in turn (rare-first ordering as in
 * PPJoin, Xiao et al. 2008, restricted to what keeps the proof valid).
 * Long-sample tables have M0 = n and can skip about t n of the n
 * positions.  Nothing that could hide a match is skipped; the worst case is
 * a query whose hashes are all common: it reads all their postings and
 * rechecks every row holding them, like a sequential scan of those rows.
 * Row-contained predicates and same_story probe every query hash, common or
 * not.  The ORDER BY scan probes common keys last; after probing a set S
 * of positions, an unseen row b misses |S n [1..m_b]| of its m_b query
 * hashes, so min over m >= M0 of |S n [1..m]| / m bounds its distance.
 *
 * Build.  The table scan collects (mixed key, row number) pairs in memory,
 * up to maintenance_work_mem (which also pays for the sort's scratch
 * array); the bucket count is chosen from the number of postings (or
 * estimated from the share of the table scanned when memory runs out
 * first), the pairs are sorted by bucket with an LSD radix sort (11 bits a
 * pass, sequential reads and 2048 write streams), and the pages are written
 * in block order, each once, heads first and then overflow pages whose block
 * numbers are known in advance.  Further batches are merged into the
 * existing chains.  Nothing is WAL-logged during the build; at the end all
 * pages are logged at once with log_newpage_range(), as GIN and pgvector do.
 *
 * Insert.  The TID is appended to the row list, then one posting per hash
 * is added to its bucket: to the first page of the chain with room, or to a
 * new page linked right after the head.  Each change is one generic WAL
 * record.  Buckets are fixed at build: an index built on an empty table and
 * then loaded gets long chains; REINDEX (or WITH (buckets = N)) fixes that.
 *
 * Vacuum.  The row list is walked first and the bulk-delete callback asked
 * once per TID; dead TIDs are removed from the row list and then from every
 * bucket chain.  Emptied overflow and row-list pages are unlinked and given
 * to the free space map.  Concurrency: inserters and vacuum lock a bucket's
 * head page exclusively while they work on its chain; readers follow a
 * chain with lock coupling (the next page is locked before the current one
 * is released), so a page can be unlinked and reused at once: no reader can
 * hold a pointer to it without holding a lock on its predecessor or itself.
 *
 * src/index/npidx.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/reloptions.h"
#include "commands/progress.h"
#include "commands/vacuum.h"
#include "fmgr.h"
#include "utils/guc.h"

#include "index/npidx.h"

PG_FUNCTION_INFO_V1(npidxhandler);

static relopt_kind npidx_relopt_kind;

static const relopt_parse_elt npidx_relopt_tab[] = {
	{"buckets", RELOPT_TYPE_INT, offsetof(NpidxOptions, buckets)},
	{"fillfactor", RELOPT_TYPE_INT, offsetof(NpidxOptions, fillfactor)},
	{"pending_list_limit", RELOPT_TYPE_INT, offsetof(NpidxOptions, pending_list_limit)},
};

/*
 * Register the reloptions of npidx (called once from _PG_init).
 */
void
NpidxRegisterReloptions(void)
{
	npidx_relopt_kind = add_reloption_kind();
	add_int_reloption(npidx_relopt_kind, "buckets",
					  "Number of hash buckets (0 chooses from the data at build time)",
					  0, 0, NPIDX_MAX_BUCKETS, AccessExclusiveLock);
	add_int_reloption(npidx_relopt_kind, "fillfactor",
					  "Percentage of each bucket page filled at build time",
					  NPIDX_DEFAULT_FILLFACTOR, NPIDX_MIN_FILLFACTOR, 100,
					  AccessExclusiveLock);
	add_int_reloption(npidx_relopt_kind, "pending_list_limit",
					  "Kilobytes of newly inserted rows kept in the pending list before they are merged into the buckets",
					  NPIDX_DEFAULT_PENDING_KB, NPIDX_MIN_PENDING_KB, MAX_KILOBYTES,
					  ShareUpdateExclusiveLock);
}

/*
 * Parse and validate the reloptions of an npidx index.
 */
bytea *
npidxoptions(Datum reloptions, bool validate)
{
	return (bytea *) build_reloptions(reloptions, validate, npidx_relopt_kind,
									  sizeof(NpidxOptions), npidx_relopt_tab,
									  lengthof(npidx_relopt_tab));
}

/*
 * Name the AM-specific phases of CREATE INDEX for pg_stat_progress_create_index.
 */
char *
npidxbuildphasename(int64 phasenum)
{
	switch (phasenum)
	{
		case PROGRESS_CREATEIDX_SUBPHASE_INITIALIZE:
			return "initializing";
		case NPIDX_PHASE_SCAN:
			return "scanning table";
		case NPIDX_PHASE_SORT:
			return "sorting postings";
		case NPIDX_PHASE_WRITE:
			return "writing pages";
		case NPIDX_PHASE_WAL:
			return "WAL-logging pages";
		default:
			return NULL;
	}
}

/*
 * Return the IndexAmRoutine of npidx.
 */
Datum
npidxhandler(PG_FUNCTION_ARGS)
{
	IndexAmRoutine *amroutine = makeNode(IndexAmRoutine);

	amroutine->amstrategies = NPIDX_NSTRATEGIES;
	amroutine->amsupport = 0;
	amroutine->amoptsprocnum = 0;
	amroutine->amcanorder = false;
	amroutine->amcanorderbyop = true;
	amroutine->amcanbackward = false;
	amroutine->amcanunique = false;
	amroutine->amcanmulticol = false;
	/* ORDER BY without a WHERE key must be possible */
	amroutine->amoptionalkey = true;
	amroutine->amsearcharray = false;
	amroutine->amsearchnulls = false;
	amroutine->amstorage = false;
	amroutine->amclusterable = false;
	amroutine->ampredlocks = false;
	amroutine->amcanparallel = false;
	amroutine->amcaninclude = false;
	amroutine->amusemaintenanceworkmem = true;
	amroutine->amparallelvacuumoptions =
		VACUUM_OPTION_PARALLEL_BULKDEL | VACUUM_OPTION_PARALLEL_CLEANUP;
	amroutine->amkeytype = InvalidOid;

	amroutine->ambuild = npidxbuild;
	amroutine->ambuildempty = npidxbuildempty;
	amroutine->aminsert = npidxinsert;
	amroutine->ambulkdelete = npidxbulkdelete;
	amroutine->amvacuumcleanup = npidxvacuumcleanup;
	amroutine->amcanreturn = NULL;
	amroutine->amcostestimate = npidxcostestimate;
	amroutine->amoptions = npidxoptions;
	amroutine->amproperty = NULL;
	amroutine->ambuildphasename = npidxbuildphasename;
	amroutine->amvalidate = npidxvalidate;
	amroutine->ambeginscan = npidxbeginscan;
	amroutine->amrescan = npidxrescan;
	amroutine->amgettuple = npidxgettuple;
	amroutine->amgetbitmap = npidxgetbitmap;
	amroutine->amendscan = npidxendscan;
	amroutine->ammarkpos = NULL;
	amroutine->amrestrpos = NULL;
	amroutine->amestimateparallelscan = NULL;
	amroutine->aminitparallelscan = NULL;
	amroutine->amparallelrescan = NULL;

	PG_RETURN_POINTER(amroutine);
}
