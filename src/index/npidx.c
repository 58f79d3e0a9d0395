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
 *							tail of the row list, sample bounds (below), the
 *							pending list.
 *	 blocks 1..nbuckets		bucket head pages, one per bucket.
 *	 further blocks			bucket overflow pages, row-list pages and
 *							pending-list pages, in allocation order; freed
 *							pages are reused through the free space map.
 * A bucket page holds an array of postings between the page header and
 * pd_lower, and in its special space the next page of the bucket's chain
 * (and, on the head, the chain's length, a cost hint, and the distance to
 * the later head that holds the bucket's spilled tail, if any: below).  A key h goes to
 * bucket m % nbuckets with m = murmur3-fmix32(h) (a bijection, so buckets
 * are uniform even though bottom-k samples crowd the low hash values); the
 * posting stores the upper 16 bits of m, and packs into 32 bits the heap
 * TID (21 bits of block, 6 of offset) and the row's class (5 bits, below):
 * 6 bytes, 1358 per 8 kB page.  TIDs that do not fit (heaps over 16 GB,
 * offsets over 63, i.e. rows under about 120 bytes) go to "wide" pages of
 * 8-byte postings.  With nbuckets
 * >= 65536 (any index over about 80 million postings) bucket and residue
 * identify h exactly (but for a spilled tail's head, below); smaller
 * indexes conflate a few keys per bucket, which costs only extra rechecks
 * (and over-counts, which are safe below).  A row-list page holds an array
 * of 6-byte TIDs.
 *
 * Cost in space: 6 bytes per sample hash / fillfactor, against 4 bytes in
 * the fingerprint column, i.e. about 1.7x the column at the default
 * fillfactor 90 if buckets were of even size; the row list adds 6 bytes per
 * row.  The build aims at fillfactor-full buckets on average and fills
 * pages to capacity.  But on news text bucket sizes are far from a Poisson
 * spread: a posting sits in a list of about a thousand at a million rows
 * (boilerplate, tables), so a bucket holding such a key overflows while
 * others leave most of their head empty, and every chain ended in a part
 * filled page: pages 73% full, 2.0x the column at 1M rows, 2.1x at 3M in
 * one batch (the lists grow with the table, so the spread does).  Hence
 * the spill: the build writes a chain's postings past its last full page
 * (its tail) into the room left in one of the next 255 compact heads, the
 * first with room after its own postings and the tails already put there,
 * and notes the distance in the bucket's head (NPIDX_SPILL_SHIFT).  A
 * lookup reads that head where it read the tail's own page: as many pages.
 * Postings of the head's own keys that share the residue are counted too
 * (over-counts, safe below).  A bucket's spill, once set, never changes;
 * a merge (below) adds postings to the bucket's own chain, and the part of
 * them that would open a last, part-filled page of its own it spills
 * likewise: into the head its spill names, if that has room, or, for a
 * bucket without one, into the first of the next 255 heads with room to
 * spare beyond the merge's own postings for it, whose distance it then
 * sets.  Pages are then 81% full at 1M rows after the build (1.8x the
 * column; doc/index.md, "Index size"), and a COPY of 100,000 rows into
 * them links new pages to 5,000 buckets instead of to each of the 15,100
 * whose heads it fills (doc/index.md, "Ingestion: a sweep spills").  (A per-row copy
 * of the sample for verification inside the index would add another 1x; we
 * verify in the heap instead, where the bitmap heap scan goes anyway.)
 *
 * Notation (fingerprint.h).  q is the query with n hashes A, b a row with
 * hashes B, tau = min(limit(q), limit(b)), A' and B' the samples cut at tau,
 * I = A' n B'.  Every hash shared by A and B is at most both limits, so
 * I = A n B: a row's count of query keys is |I| (more when keys collide).
 * Each predicate holds only if |I| >= need(|A'|, |B'|), the fewest shared
 * hashes of fingerprint.h's NpFingerprintMinShared (similarity:
 * t (|A'| + |B'|) / (1 + t); q in b: t |A'|; b in q: t |B'|; same_story:
 * t min(|A'|, |B'|); at least 1; in version 2 at least 5 and
 * min(12, 0.7 |X'|) for the contained side X, with t raised to 0.7 when
 * the pair holds a brief), nondecreasing in both sizes.  A row's own brief
 * test (its nshingles) is known from its class in index format 5 (below);
 * otherwise only the query's is used: a bound, never an exclusion the
 * recheck would not make.
 *
 * Row classes and sample bounds.  To use need() per row without reading
 * the row, each posting carries its row's class (5 bits): for a whole
 * (untruncated) sample, in index format 5, lower bounds of its size and of
 * its counts of hashes at most 2^30, 2^31 and 3 2^30 (the cuts), and for
 * 10 of the 16 classes an upper bound of its size, 39: those rows are
 * briefs (fewer than 40 hashes in a whole sample is fewer than 40
 * evidence shingles); in formats 3 and 4, lower bounds of its size and of
 * its count of hashes at most 2^30 only (16 pairs from (1, 0) to (128,
 * 24)), which the scan still reads as such (the metapage's version
 * says which; NpidxRowClass writes a row into an index of either).  For a
 * truncated sample, the range of its limit (below 2^30,
 * [2^30, 2^31), [2^31, 3 2^30), above) and a lower bound of its count of
 * hashes at most 2^30 (0, 16, 32, 48, 64).  The metapage keeps the
 * smallest limit and the fewest hashes of any truncated sample ever
 * indexed (never raised).  Then, per class:
 *	 untruncated row: tau = limit(q), so A' = A, |A'| = n; if q is not
 *		truncated either, B' = B and |B'| >= the class's size; if q is
 *		truncated, B' holds all the row's hashes up to every cut at most
 *		limit(q), so |B'| >= the class's count at the highest such cut
 *		(format 5: a query of 256 to 512 evidence shingles keeps half to
 *		all of a row, where the count up to 2^30 is a quarter of it); a
 *		brief class makes the pair one that holds a brief (need() with
 *		the brief threshold 0.7 of format 2, whatever the query; format
 *		1 fingerprints have no brief rule, and the class only caps their
 *		size), and a row shares at most its 39 hashes, so a class whose
 *		need exceeds that has no candidate;
 *	 truncated row: tau >= min(limit(q), class limit, smallest limit), so
 *		|A'| >= the number of q's hashes up to that; if q is not truncated,
 *		or the class's limits lie below limit(q), tau = limit(b), B' = B and
 *		|B'| >= the fewest truncated hashes; if both limits are at least
 *		2^30, |B'| >= the class's low count;
 *	 otherwise |B'| >= 1.
 * (A query truncated below 2^30, an article of over about 4k shingles for
 * a sketch size k (640 at the default),
 * thus gets no row-side bound for untruncated rows: the weak case, where
 * the row-contained predicates and same_story fall back to counting
 * alone.)  M0, a bound of |A'| for any row, is the number of q's hashes up
 * to min(limit(q), smallest limit).
 *
 * Exactness of threshold scans (prefix filtering: Chaudhuri, Ganti and
 * Kaushik 2006; Bayardo, Ma and Srikant 2007; Xiao, Wang, Lin and Yu 2008,
 * generalised to count filtering).  The scan reads every query key's
 * postings except a skipped set S, in increasing order of cost (rarest
 * first), and counts for each row met the keys that hold it.
 *	 Skipping.  A row b with m = |A'| shares only hashes among q's first m
 *	 (A' is a prefix of A).  If at most need(m, 1) - 1 of those are in S for
 *	 every m >= M0, every qualifying row shares a key that is read
 *	 (pigeonhole).  The scan skips the costliest keys (over 64 postings)
 *	 that keep this true: about t n keys for similarity and q-in-b, none
 *	 for b-in-q and same_story (a row of one hash may need only one key).
 *	 Counting only rows that can qualify.  When a row is first met, at the
 *	 r-th key read, it holds none of the keys read before, so it shares at
 *	 most R = (keys not yet read, this one included) + |S| keys: if its
 *	 class's need exceeds R it cannot qualify, and it is not counted (later
 *	 keys have smaller R, so it never is).  A bitmap of counted rows lets
 *	 the scan tell most uncounted postings apart without a hash lookup.
 *	 Dropping rows that can no longer qualify.  Between two keys, with R
 *	 keys left (skipped ones included), a counted row with count x shares
 *	 at most x + R keys; once that is below its class's need (or its named
 *	 count's bound likewise) it cannot be returned, and the scan may drop
 *	 it from its table: met again, it is a row first met whose need
 *	 exceeds R (x being at least 1), which is not counted, and a row out
 *	 of the table is no candidate.  The scan drops such rows when they are
 *	 most of the table, so that its costliest keys, read last, meet a small
 *	 table (npidx_scan.c, CountPrune).
 *	 Returning.  A counted row's count is exact over the keys read, so it
 *	 shares at most count + |S| keys; it is a candidate if that reaches its
 *	 class's need.
 *	 Verifying.  Rows whose candidacy rests on that slack (count below
 *	 need, count + |S| not) cost heap rechecks; reading r keys of S after
 *	 all (the cheapest), adding to the counts of rows already counted and
 *	 counting no new row, leaves a slack of |S| - r, so that a row g short
 *	 of its need drops out once g > |S| - r (unless the keys read raise its
 *	 count).  The scan picks the r that costs least: the r keys' postings
 *	 plus NPIDX_RECHECK_POSTINGS for each row still resting on the slack
 *	 (most of them are far short, so one or two cheap keys of S usually
 *	 settle them).  A counted row's count is then exact over the keys read;
 *	 a row not counted stays out for its reason above (the keys left then,
 *	 S included, could not make its need), and a row holding only keys of
 *	 S cannot qualify (pigeonhole).
 *	 Named keys.  In format version 2 a pair with a brief holds only if its
 *	 names agree, and when the query is a brief with a named hash among
 *	 the first m of A' (hashes with NP_FP_NAME_BIT: the shingle holds a
 *	 name or a figure; not the subject hashes below NP_FP_SUBJECT_LIMIT,
 *	 which is_same_story tests apart), every row with |A'| >= m that meets
 *	 a containment predicate or same_story shares a named key
 *	 (NpFingerprintMinSharedNamed; the row needs a named hash too, and one
 *	 shared).  For such a
 *	 scan the named keys are read first and counted apart, per row, and a
 *	 row is returned, or counted at all when first met, only if its named
 *	 keys (those read, plus the named keys not yet read or skipped) can
 *	 reach its class's named need.  Skipping then has a second argument:
 *	 with no named key in S, a row with |A'| at or past the first named
 *	 position is met whatever unnamed keys are in S, so only the smaller m
 *	 keep the pigeonhole's limit.  The scan takes the skips of the
 *	 pigeonhole alone or of this argument, whichever leave the more
 *	 postings unread (skipped named keys are the named counts' slack).  A
 *	 brief in a formula ("X declared a regular quarterly dividend of ...")
 *	 has few keys beside the formula's: it reads its named keys (the
 *	 company, its figures and dates) and rechecks only rows holding one.
 * The rows of the pending list are compared with the query whole (their
 * shared-hash count is exact) and pass the same test.  Frequent keys
 * ("the company said") thus cost reading their postings, not rechecking
 * their rows: only rows that could share enough keys are rechecked.
 *
 * Top-k (Xiao, Wang, Qin, Lin and Yu 2009, "Top-k set similarity joins";
 * here best-first with count bounds).  The ORDER BY scan counts every row
 * holding any key of q (no skipping: every distance counts), then bounds
 * each counted row's distance from its count x and class:
 * similarity <= x / (max(a, x) + max(b, x) - x) and containment(q, b) <=
 * x / max(a, x), with a and b the class bounds of |A'| and |B'|
 * (NpFingerprintMaxSimilarity, NpFingerprintMaxContainment).  Rows come out
 * of a heap, smallest bound first, with the bound as their distance lower
 * bound (xs_recheckorderby): the executor computes the exact distance from
 * the heap tuple and holds rows back in its reorder queue until the bound
 * passes them.  A row holding no key has distance 1 (or NULL): those come
 * last, from the row list and the pending list, so a full ORDER BY is
 * complete; with LIMIT k the scan stops as soon as k rows are out.  If the
 * scan also has a WHERE key on the same query, only rows that can meet it
 * are kept and the tail is skipped.  Cost: reading the postings of q's keys
 * and one hash-table update each; rechecks only for rows whose bound beats
 * the k-th best distance.
 *
 * Build.  The table scan collects (mixed key, row number) pairs in memory,
 * and each row's class, up to maintenance_work_mem (which also pays for
 * the sort's scratch array); the bucket count is chosen from the number of
 * postings (or estimated from the share of the table scanned when memory
 * runs out first), the pairs are sorted by bucket with an LSD radix sort
 * (11 bits a pass, sequential reads and 2048 write streams), and the pages
 * are written in block order, each once, heads first and then overflow
 * pages whose block numbers are known in advance, after the spills are
 * planned (above).  Further batches are merged into the existing chains,
 * each chain's new tail spilled likewise.  Nothing is WAL-logged during the build;
 * at the end all pages are logged at once with log_newpage_range(), as GIN
 * and pgvector do.  A reloption buckets = N is capped at the larger of the
 * data's need, the heap's page count and 1024, so that no table owner can
 * fill the disk with an empty table's index.
 *
 * Insert (npidx_pending.c).  A new row goes whole to the pending list (one
 * page change: the tail page, under a share lock on the metapage); the list
 * is merged into the row list and the buckets in bulk, one change per
 * touched page, once it passes pending_list_limit (4 MB by default), and by
 * VACUUM.  Each change is one generic WAL record; appends (a pending row,
 * postings added to a bucket page) log only the bytes they add, and a new
 * bucket page its image and its head's special space, without GenericXLog's
 * page copies and comparison (NpidxLogInPlace, NpidxLogNewChainPage); a
 * tail spilled into a later head for the first time logs its postings and
 * the distance set in its bucket's head in one record (NpidxLogSpill), so
 * that no replay holds the postings without the way to them.  A
 * merge's page work is made cheap where it does not depend on the format:
 * the buffers of each bucket's head and next page are remembered per
 * backend and pinned with ReadRecentBuffer instead of a buffer-table lookup
 * (NpidxBucketHints), the pages of the next few buckets are prefetched, and
 * new pages come from runs of blocks that extend the relation in bulk
 * (NpidxReserveBegin) instead of one file write each.  A merge costs
 * about one page change per bucket (tens of thousands at a million rows)
 * however few rows it carries, and in a backend that has not touched those
 * shared buffers before (a new session, an autovacuum worker) the first
 * touch of each page maps it into the process, which on the bench machine
 * cost about as much again (doc/index.md, "Ingestion"); so the list must hold
 * many rows per bucket page for inserts to be cheap; every scan compares
 * the pending rows with its query
 * (a bitmap of the query's hashes first), so it must not hold too many.
 * GIN's gin_pending_list_limit (4 MB) strikes the same balance.  Buckets are
 * fixed at build.  An index built on an empty table gets 1024 buckets (8 MB),
 * enough for about 1.2 million postings in one page per chain (some 17,000
 * bench articles), so that the usual order (create the table and its
 * indexes, then load) does not leave sixteen long chains; a table that grows
 * several-fold beyond what its build saw gets long chains, which REINDEX
 * fixes (the bulk-load path: load, then CREATE INDEX).
 *
 * Vacuum.  The pending list is merged first.  Its search for free pages
 * reads the relation's size under the merge lock, so that it never finds a
 * block of a merge's run before that merge has used or freed it.  The row list is walked and
 * the bulk-delete callback asked once per TID; dead TIDs are removed from the row list and then from every
 * bucket chain.  Emptied overflow and row-list pages are unlinked and given
 * to the free space map.
 *
 * Concurrency.  Inserters and vacuum lock a bucket's head page exclusively
 * while they work on its chain (vacuum lets go of it every 32 pages to
 * check for interrupts, then goes on from the page before the next).  A
 * chain has no length bound (the postings of one key of every row, or of
 * a table grown far past its build), and a buffer lock holds off cancels,
 * so readers hold one page's lock at a time, check for interrupts between
 * pages, and keep the page before pinned.  A page can thus be unlinked and
 * reused under a reader: one that locks a page not of its bucket reads the
 * page before again and goes on from its new link, or from the head if
 * that page went too, or, if the link is unchanged (both pages came back
 * into the chain), locks the page under the page before, as VACUUM
 * does; a page reused in the same chain was linked right
 * after the head, so a walk through it reads the rest of the chain (some
 * pages twice: an over-count, safe as above).  No cleanup lock is needed,
 * which WAL replay on a standby would not take (NpidxProbeChain).  The
 * pending lists are read a page at a time too (npidx_pending.c); the row
 * list, a page per 1,360 rows copied out, with lock coupling (the next
 * page locked before the current one is released).
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
					  -1, NPIDX_MIN_PENDING_KB, MAX_KILOBYTES,
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
