/*-------------------------------------------------------------------------
 *
 * npidx_local.c
 *	  Rows a transaction inserts into an npidx index, kept in the backend
 *	  until the index must hold them: when they fill maintenance_work_mem,
 *	  and at commit.
 *
 * A merge of the pending list changes about one page of every bucket,
 * whatever it carries (npidx_pending.c), so what a row costs is about the
 * index's buckets over the rows a merge carries.  A COPY of 100,000 rows
 * into a million-row index (57,000 buckets, a 4 MB pending list of some
 * 13,000 rows) wrote every row to the pending list, read it back and paid
 * eight such sweeps.  But no other transaction can see a row before its
 * transaction commits, so no other backend's scan needs it in the index
 * before then; only this backend's own scans do.  aminsert therefore keeps
 * the rows here, in backend memory, and they reach the index
 *
 *	- when the rows kept for one index take maintenance_work_mem: all of
 *	  them, straight into the row list and the buckets, in one sweep
 *	  (NpidxBulkInsert: a merge without the pending list);
 *	- before the transaction commits or is prepared (XACT_EVENT_PRE_COMMIT,
 *	  _PRE_PREPARE): into the pending list when they fit under its limit
 *	  (a few rows: as an INSERT without this did), else in one sweep;
 *	- when npidx_clean_pending_list() is called in the transaction: in one
 *	  sweep, before the merge;
 *	- before a utility command that may change the index's storage (below).
 *
 * This backend's scans read them as pending rows (NpidxPendingScan calls
 * NpidxLocalScan), so a query later in the transaction, or a function the
 * COPY itself calls, sees every row its snapshot may see.  Parallel workers
 * see the transaction's rows too, but not this memory: before a query with
 * a parallel plan starts, the rows go to the index (an ExecutorStart hook;
 * an index scan under a Gather runs in the workers).
 *
 * What else a row's insert did at once, it still does: a fingerprint that
 * lowers the metapage's sample bounds or changes its format notes, which
 * every scan relies on, is noted in the metapage at insert.  An index that
 * enforces an exclusion constraint takes every row into its pending list at
 * once: the constraint's checks in other backends look for rows not yet
 * committed (a dirty snapshot).
 *
 * Transactions.  Rows are kept with the subtransaction that inserted them
 * and the index's relfilenode at the time:
 *	- at abort, everything is forgotten (the memory is the transaction's);
 *	- at a subtransaction's abort, the rows it inserted are forgotten: they
 *	  are dead, and an index need not hold dead rows; at its commit, they
 *	  pass to its parent;
 *	- a REINDEX, TRUNCATE or table rewrite gives the index a new relfilenode
 *	  and builds it from the heap, this transaction's rows included, and a
 *	  row kept for another relfilenode than the index's is forgotten when it
 *	  would be written (after ROLLBACK TO a savepoint before the REINDEX, the
 *	  old relfilenode is the index's again, and its rows are written to it);
 *	  a TRUNCATE of a table created in the same subtransaction builds the
 *	  index again in place (same relfilenode), and ambuild forgets its rows
 *	  (NpidxLocalForget);
 *	- an index dropped in the transaction: its rows are forgotten.
 * A write interrupted by an error forgets nothing: rows written before the
 * error are written again by the next try, which only duplicates postings
 * (as an interrupted merge does: scans deduplicate, VACUUM removes every
 * copy of a dead row).
 *
 * src/index/npidx_local.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/relation.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/execnodes.h"
#include "nodes/pg_list.h"
#include "tcop/utility.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/rel.h"

#include "index/npidx.h"

/* The rows one subtransaction inserted into one relfilenode of an index */
typedef struct LocalBatch
{
	Oid			indexoid;
	Oid			relnumber;		/* the index's relfilenode then */
	SubTransactionId subid;		/* inserted by */
	int			n;
	int			max;
	Size		bytes;			/* LocalRowBytes of its rows */
	ItemPointerData *tids;
	NpFingerprint **fps;		/* copies; NULL for a NULL fingerprint */
	struct LocalBatch *next;
} LocalBatch;

/* GUC newsprint.npidx_defer_inserts: keep rows until commit (off: as 0.2) */
bool		npidx_defer_inserts = false;

static MemoryContext local_cxt = NULL;	/* child of TopTransactionContext */
static LocalBatch *local_batches = NULL;	/* the newest first */
static bool local_callbacks = false;

/* Memory a kept row takes (NpidxInsertRows bounds its own) */
static Size
LocalRowBytes(const NpFingerprint *fp)
{
	Size		sz = sizeof(ItemPointerData) + sizeof(NpFingerprint *);

	if (fp != NULL)
		sz += MAXALIGN(VARSIZE(fp)) + 16;
	return sz;
}

/* Memory the rows kept for a relfilenode of an index take */
static Size
LocalBytes(Oid indexoid, Oid relnumber)
{
	Size		total = 0;
	LocalBatch *b;

	for (b = local_batches; b != NULL; b = b->next)
		if (b->indexoid == indexoid && b->relnumber == relnumber)
			total += b->bytes;
	return total;
}

/* Make room for at least n rows in b (in local_cxt) */
static void
LocalReserve(LocalBatch *b, int n)
{
	MemoryContext oldcxt;

	if (n <= b->max)
		return;
	oldcxt = MemoryContextSwitchTo(local_cxt);
	b->max = Max(Max(b->max * 2, 64), n);
	b->tids = b->tids ?
		repalloc_huge(b->tids, (Size) b->max * sizeof(ItemPointerData)) :
		palloc_extended((Size) b->max * sizeof(ItemPointerData), MCXT_ALLOC_HUGE);
	b->fps = b->fps ?
		repalloc_huge(b->fps, (Size) b->max * sizeof(NpFingerprint *)) :
		palloc_extended((Size) b->max * sizeof(NpFingerprint *), MCXT_ALLOC_HUGE);
	MemoryContextSwitchTo(oldcxt);
}

static void
LocalForgetAll(void)
{
	local_cxt = NULL;			/* deleted with its transaction */
	local_batches = NULL;
}

/* Unlink and free the batches for which drop(b, arg) is true */
static void
LocalDropBatches(bool (*drop) (LocalBatch *b, const void *arg), const void *arg)
{
	LocalBatch **link = &local_batches;

	while (*link != NULL)
	{
		LocalBatch *b = *link;

		if (drop(b, arg))
		{
			int			i;

			*link = b->next;
			for (i = 0; i < b->n; i++)
				if (b->fps[i] != NULL)
					pfree(b->fps[i]);
			pfree(b->tids);
			pfree(b->fps);
			pfree(b);
		}
		else
			link = &b->next;
	}
}

static bool
DropOfSub(LocalBatch *b, const void *arg)
{
	return b->subid == *(const SubTransactionId *) arg;
}

static bool
DropOfIndex(LocalBatch *b, const void *arg)
{
	return b->indexoid == *(const Oid *) arg;
}

static bool
DropOfRelfile(LocalBatch *b, const void *arg)
{
	const LocalBatch *key = (const LocalBatch *) arg;

	return b->indexoid == key->indexoid && b->relnumber == key->relnumber;
}

/*
 * Write the rows kept for index (open, locked) and its present relfilenode:
 * into the pending list if pending is true and they fit under its limit,
 * else in one sweep into the buckets.  The batches are freed only once
 * their rows are written.  Rows kept for another relfilenode stay: a
 * ROLLBACK TO may make it the index's again.
 */
static void
LocalWrite(Relation index, bool pending)
{
	Oid			indexoid = RelationGetRelid(index);
	Oid			relnumber = NpRelationFileNumber(index);
	MemoryContext cxt,
				oldcxt;
	ItemPointerData *tids;
	const NpFingerprint **fps;
	Size		pendbytes = 0;
	LocalBatch *b;
	int			n = 0,
				i;

	for (b = local_batches; b != NULL; b = b->next)
		if (b->indexoid == indexoid && b->relnumber == relnumber)
			n += b->n;
	if (n > 0)
	{
		cxt = AllocSetContextCreate(CurrentMemoryContext, "npidx local rows",
									ALLOCSET_DEFAULT_SIZES);
		oldcxt = MemoryContextSwitchTo(cxt);
		tids = palloc_extended((Size) n * sizeof(ItemPointerData), MCXT_ALLOC_HUGE);
		fps = palloc_extended((Size) n * sizeof(NpFingerprint *), MCXT_ALLOC_HUGE);
		n = 0;
		/* the oldest batch first: rows in the order they were inserted */
		for (;;)
		{
			LocalBatch *last = NULL;

			for (b = local_batches; b != NULL; b = b->next)
				if (b->indexoid == indexoid && b->relnumber == relnumber &&
					b->n >= 0)
					last = b;
			if (last == NULL)
				break;
			for (i = 0; i < last->n; i++)
			{
				tids[n] = last->tids[i];
				fps[n] = last->fps[i];
				pendbytes += NpidxPendingItemBytes(fps[n]);
				n++;
			}
			last->n = -last->n - 1; /* taken; restored below */
		}
		for (b = local_batches; b != NULL; b = b->next)
			if (b->n < 0)
				b->n = -(b->n + 1);

		if (pending && NpidxPendingRoomFor(index, pendbytes))
		{
			for (i = 0; i < n; i++)
			{
				if (NpidxPendingInsertRow(index, &tids[i], fps[i]))
					(void) NpidxPendingMerge(index, false);
				CHECK_FOR_INTERRUPTS();
			}
		}
		else
			NpidxBulkInsert(index, tids, fps, n);
		MemoryContextSwitchTo(oldcxt);
		MemoryContextDelete(cxt);
	}

	/* written: forget them */
	{
		LocalBatch	key;

		key.indexoid = indexoid;
		key.relnumber = relnumber;
		LocalDropBatches(DropOfRelfile, &key);
	}
}

/*
 * Write the rows kept for every index.  final: before commit or prepare,
 * when the index's present relfilenode is its last and what was kept for
 * another one, or for an index dropped, is forgotten; else (before a
 * parallel query) those stay, for a ROLLBACK TO may bring them back.
 */
static void
LocalWriteAll(bool final)
{
	List	   *oids = NIL;
	ListCell   *lc;
	LocalBatch *b;

	for (b = local_batches; b != NULL; b = b->next)
		oids = list_append_unique_oid(oids, b->indexoid);
	foreach(lc, oids)
	{
		Oid			indexoid = lfirst_oid(lc);
		Relation	index = try_relation_open(indexoid, RowExclusiveLock);

		if (index != NULL &&
			index->rd_rel->relkind == RELKIND_INDEX &&
			index->rd_indam != NULL &&
			index->rd_indam->aminsert == npidxinsert)
			LocalWrite(index, true);
		if (final)
			LocalDropBatches(DropOfIndex, &indexoid);
		if (index != NULL)
			relation_close(index, NoLock);
	}
	list_free(oids);
}

/*
 * Parallel workers share the transaction, and see its rows, but not this
 * backend's memory: before a parallel query starts, the rows kept go to the
 * index.
 */
static ExecutorStart_hook_type prev_ExecutorStart = NULL;

static void
LocalExecutorStart(QueryDesc *queryDesc, int eflags)
{
	if (local_batches != NULL && queryDesc->plannedstmt->parallelModeNeeded &&
		!IsInParallelMode() && !(eflags & EXEC_FLAG_EXPLAIN_ONLY))
		LocalWriteAll(false);
	if (prev_ExecutorStart)
		prev_ExecutorStart(queryDesc, eflags);
	else
		standard_ExecutorStart(queryDesc, eflags);
}

/*
 * A utility command may give an index storage that was neither built from
 * the heap nor is the one the rows were kept for: ALTER INDEX ... SET
 * TABLESPACE copies the index's pages to a new relfilenode, and ALTER TABLE
 * ... ALTER COLUMN TYPE to a type binary-coercible with the old one (a
 * domain) creates a new index (a new OID) over the old index's pages.  The
 * rows kept would be forgotten, as kept for a relfilenode or an index no
 * longer there, and the committed rows missing from the index.  So before a
 * utility command that may change an index's storage, the rows kept go to
 * the index, whose storage then holds them whatever the command does with
 * it (a rebuild from the heap only wasted the writes).  The commands that
 * cannot are let through: transaction control, COPY (the bulk loads this
 * file is for), settings, cursors, prepared statements, DROP.
 */
static ProcessUtility_hook_type prev_ProcessUtility = NULL;

static bool
LocalUtilityKeepsStorage(Node *stmt)
{
	switch (nodeTag(stmt))
	{
		case T_TransactionStmt:
		case T_CopyStmt:
		case T_VariableSetStmt:
		case T_VariableShowStmt:
		case T_DeclareCursorStmt:
		case T_FetchStmt:
		case T_ClosePortalStmt:
		case T_PrepareStmt:
		case T_ExecuteStmt:
		case T_DeallocateStmt:
		case T_ExplainStmt:
		case T_DropStmt:
		case T_DoStmt:
		case T_CallStmt:
		case T_LockStmt:
		case T_NotifyStmt:
		case T_ListenStmt:
		case T_UnlistenStmt:
		case T_CheckPointStmt:
		case T_DiscardStmt:
			return true;
		default:
			return false;
	}
}

static void
LocalProcessUtility(NP_PROCESS_UTILITY_PARAMS)
{
	if (local_batches != NULL && !LocalUtilityKeepsStorage(pstmt->utilityStmt))
		LocalWriteAll(false);
	if (prev_ProcessUtility)
		prev_ProcessUtility(NP_PROCESS_UTILITY_ARGS);
	else
		standard_ProcessUtility(NP_PROCESS_UTILITY_ARGS);
}

/* Install the executor and utility hooks (from _PG_init) */
void
NpidxLocalInit(void)
{
	DefineCustomBoolVariable("newsprint.npidx_defer_inserts",
							 "Keeps the rows a transaction inserts into npidx indexes in the backend until it commits.",
							 "They are then written in one sweep (a bulk load's COPY or INSERT ... SELECT); "
							 "off writes each row to the pending list at once.",
							 &npidx_defer_inserts,
							 false,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);
	prev_ExecutorStart = ExecutorStart_hook;
	ExecutorStart_hook = LocalExecutorStart;
	prev_ProcessUtility = ProcessUtility_hook;
	ProcessUtility_hook = LocalProcessUtility;
}

static void
LocalXactCallback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PARALLEL_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			LocalWriteAll(true);
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			LocalForgetAll();
			break;
	}
}

/*
 * A subtransaction's batches pass to its parent, their rows appended to the
 * parent's batch for the same relfilenode when it has one: else a loop of
 * savepoints (a PL/pgSQL block with an EXCEPTION clause, psql's
 * ON_ERROR_ROLLBACK) left a batch per row, which every insert and the write
 * at commit walk.
 */
static void
LocalSubCommit(SubTransactionId mySubid, SubTransactionId parentSubid)
{
	LocalBatch **link = &local_batches;

	while (*link != NULL)
	{
		LocalBatch *b = *link;
		LocalBatch *p;

		if (b->subid != mySubid)
		{
			link = &b->next;
			continue;
		}
		for (p = local_batches; p != NULL; p = p->next)
			if (p->indexoid == b->indexoid && p->relnumber == b->relnumber &&
				p->subid == parentSubid)
				break;
		if (p == NULL)
		{
			b->subid = parentSubid;
			link = &b->next;
			continue;
		}
		if (p->n + b->n > p->max)
		{
			p->max = Max(p->max * 2, p->n + b->n);
			p->tids = repalloc_huge(p->tids, (Size) p->max * sizeof(ItemPointerData));
			p->fps = repalloc_huge(p->fps, (Size) p->max * sizeof(NpFingerprint *));
		}
		memcpy(p->tids + p->n, b->tids, (Size) b->n * sizeof(ItemPointerData));
		memcpy(p->fps + p->n, b->fps, (Size) b->n * sizeof(NpFingerprint *));
		p->n += b->n;
		p->bytes += b->bytes;
		*link = b->next;
		pfree(b->tids);
		pfree(b->fps);
		pfree(b);
	}
}

static void
LocalSubXactCallback(SubXactEvent event, SubTransactionId mySubid,
					 SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		LocalDropBatches(DropOfSub, &mySubid);
	else if (event == SUBXACT_EVENT_COMMIT_SUB && local_batches != NULL)
		LocalSubCommit(mySubid, parentSubid);
}

/*
 * Keep a row inserted into index (fp detoasted, or NULL); write the rows
 * kept for it once they take maintenance_work_mem.  Returns false, keeping
 * nothing, when the row must go to the pending list now: the index
 * enforces an exclusion constraint.
 */
bool
NpidxLocalInsert(Relation index, ItemPointer tid, const NpFingerprint *fp,
				 IndexInfo *indexInfo)
{
	Oid			indexoid = RelationGetRelid(index);
	Oid			relnumber = NpRelationFileNumber(index);
	SubTransactionId subid = GetCurrentSubTransactionId();
	LocalBatch *b = local_batches;
	MemoryContext oldcxt;

	if (!npidx_defer_inserts)
		return false;
	if (indexInfo != NULL && indexInfo->ii_ExclusionOps != NULL)
		return false;

	NpidxMetaNote(index, fp);

	if (!local_callbacks)
	{
		RegisterXactCallback(LocalXactCallback, NULL);
		RegisterSubXactCallback(LocalSubXactCallback, NULL);
		local_callbacks = true;
	}
	if (local_cxt == NULL)
		local_cxt = AllocSetContextCreate(TopTransactionContext,
										  "npidx rows of this transaction",
										  ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(local_cxt);
	if (b == NULL || b->indexoid != indexoid || b->relnumber != relnumber ||
		b->subid != subid)
	{
		for (b = local_batches; b != NULL; b = b->next)
			if (b->indexoid == indexoid && b->relnumber == relnumber &&
				b->subid == subid)
				break;
		if (b == NULL)
		{
			b = palloc0(sizeof(LocalBatch));
			b->indexoid = indexoid;
			b->relnumber = relnumber;
			b->subid = subid;
			b->next = local_batches;
			local_batches = b;
		}
	}
	LocalReserve(b, b->n + 1);
	b->tids[b->n] = *tid;
	b->fps[b->n] = NULL;
	if (fp != NULL)
	{
		b->fps[b->n] = palloc(VARSIZE(fp));
		memcpy(b->fps[b->n], fp, VARSIZE(fp));
	}
	b->n++;
	b->bytes += LocalRowBytes(fp);
	MemoryContextSwitchTo(oldcxt);

	if (LocalBytes(indexoid, relnumber) >= (Size) maintenance_work_mem * 1024)
		LocalWrite(index, false);
	return true;
}

/*
 * Write the rows this transaction kept for index now, in one sweep into
 * the buckets (npidx_clean_pending_list(), before it merges).
 */
void
NpidxLocalWrite(Relation index)
{
	if (local_batches != NULL)
		LocalWrite(index, false);
}

/*
 * Forget the rows kept for index's present relfilenode: ambuild is
 * building it again from the heap (a TRUNCATE in place).
 */
void
NpidxLocalForget(Relation index)
{
	LocalBatch	key;

	if (local_batches == NULL)
		return;
	key.indexoid = RelationGetRelid(index);
	key.relnumber = NpRelationFileNumber(index);
	LocalDropBatches(DropOfRelfile, &key);
}

/*
 * Call fn for every row this transaction kept for index (its present
 * relfilenode), as for a pending row.  A scan compares each such row with
 * its query, as it does the pending list's, so the rows kept are first
 * written in one sweep when they would not fit in the pending list beside
 * the rows waiting there: a scan never reads more rows than the pending
 * list holds, however many the transaction inserted.  Without this, a
 * transaction that inserts and looks up row after row (story_trigger()'s
 * assign_story() during a COPY) would compare each lookup with every row
 * inserted before it, up to maintenance_work_mem of them.  Scans call this
 * holding no buffer; the transaction holds the index's RowExclusiveLock
 * since its first insert.
 */
void
NpidxLocalScan(Relation index, NpidxPendingCallback fn, void *arg)
{
	Oid			indexoid = RelationGetRelid(index);
	Oid			relnumber;
	LocalBatch *b;
	int			i;

	if (local_batches == NULL)
		return;
	relnumber = NpRelationFileNumber(index);
	if (!IsInParallelMode() &&
		!NpidxPendingRoomFor(index, LocalBytes(indexoid, relnumber)))
		LocalWrite(index, false);
	for (b = local_batches; b != NULL; b = b->next)
	{
		if (b->indexoid != indexoid || b->relnumber != relnumber)
			continue;
		for (i = 0; i < b->n; i++)
		{
			fn(&b->tids[i], b->fps[i], arg);
			if ((i & 1023) == 1023)
				CHECK_FOR_INTERRUPTS();
		}
	}
}
