/*-------------------------------------------------------------------------
 *
 * story_assign.c
 *	  assign_story(): the story rule at insert time, and story_trigger().
 *
 * The leaders live in a table of the caller's (story bigint, fp
 * fingerprint, published_at timestamptz), indexed with npidx.  The
 * candidates of a tiny x, every pair of which is tiny, are the leaders with
 * is_same_story(fp, x, t'') for t'' the smaller of STORY_TINY_WHOLE and the
 * share of the smaller sample that tiny similarity leaves; those of any
 * other x are the leaders with is_same_story(fp, x, t') for t' the
 * smallest of the rule's threshold (resolved for x's format), tiny
 * similarity and STORY_TINY_WHOLE; and, for any x, when that share is
 * under what is_same_story asks of a brief, those with is_similar(fp, x,
 * tiny_similarity) too, t'' then STORY_TINY_WHOLE (search()).  Every
 * leader the rule accepts passes that (similarity >= s implies that a
 * share s of the smaller sample is in the other, a tiny pair nearly whole
 * holds STORY_TINY_WHOLE of it, and the rule asks at least
 * is_same_story's minimum evidence: StoryMinShared), and the index finds
 * them all, but for those that share with x, of the keys the search
 * reads, only keys of which a costly search counted more than
 * STORY_SEARCH_POSTINGS postings and left out (search()).  The rule of
 * stories.h then picks the best, ties going to the earliest leader
 * (published_at, then story), which is the batch form's order when its
 * order column is published_at.  With a time window, a leader whose
 * published_at is known and further from the article's time than the
 * window is passed over before its fingerprint is read (the time is not
 * part of the index search: the candidates are filtered here).  A round-up
 * (stories.h) of the best leader and another that the rule accepts among
 * the rows found starts a story that it does not lead: its id is returned
 * and no leader is inserted.
 *
 * Concurrency.  Two sessions that each insert a copy of the same new story
 * must not both make it a leader.  A leader is created only under a
 * transaction-level advisory lock on the leaders table (keys STORY_LOCK_KEY
 * and the table's OID, in a form no SQL function takes: STORY_LOCK_FORM):
 * after taking it, the search runs again with the latest snapshot, so it
 * sees every leader committed before, whatever the isolation level; the
 * lock is held until the end of the transaction, when the new leader is
 * committed.  The second search is skipped when no transaction has ended
 * since the first one's snapshot (PostgreSQL 14 and later count them in
 * every snapshot): it would see the same leaders.  A search that finds a
 * leader needs no lock.  Leader creations are thus serialised per leaders
 * table; assignments to existing stories run in parallel.  An article too
 * small to share min_shared hashes with anything starts its story without
 * a search or the lock.  A round-up creates no leader, so it takes no lock:
 * like every choice between leaders it is decided on the leaders its search
 * sees (test/specs/story_roundup_concurrency.spec).
 *
 * What a row does not pay for.  The session keeps, per leaders table, the
 * saved plans of its search and insert (StoryPlans), and per story_trigger
 * its arguments parsed, its columns looked up and the leaders table its
 * first argument names (StoryTarget): the arguments are parsed, the
 * columns found, a clone's parent triggers walked and the name looked up
 * once, and again only when the trigger's arguments change or after an
 * invalidation of a relation the answer depends on.
 *
 * src/stories/story_assign.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relation.h"
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_index.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "storage/lock.h"
#include "storage/sinval.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/varlena.h"

#include "compat.h"
#include "distributed.h"
#include "index/npidx.h"
#include "stories/stories.h"

PG_FUNCTION_INFO_V1(assign_story);
PG_FUNCTION_INFO_V1(story_trigger);

/* first key of the advisory lock: "NPST" */
#define STORY_LOCK_KEY	0x4E505354

/*
 * The advisory lock's form (its locktag's last field, objsubid in pg_locks).
 * pg_advisory_lock() and its kind take only forms 1 (one bigint key) and 2
 * (two integer keys), and any role may call them: with form 2, a role
 * without any privilege on the leaders table could hold
 * pg_advisory_lock(1313887060, <its OID>) in an idle session and so stop
 * every new story, that is every insert through story_trigger() that
 * starts one, of the roles that may write the table.  No SQL function
 * takes a lock of this form.
 */
#define STORY_LOCK_FORM	3

extern void StoryCheckColumn(Oid relid, const char *role, const char *name,
							 Oid typid);
extern char *StoryRelationName(Oid relid);

/*
 * Saved plans per leaders table, for the rest of the session.  Their SQL
 * names the table by its schema-qualified name, which PostgreSQL looks up
 * again whenever it plans them again (after any invalidation of the table):
 * so an entry is good only while its relation still has the name it was
 * made with.  An invalidation of the relation (DROP, RENAME, SET SCHEMA,
 * ALTER ...) or of any schema (ALTER SCHEMA ... RENAME) marks entries to be
 * checked; the check, at the next use, runs with the table locked, after
 * the invalidations have been taken in.
 */
typedef struct StoryPlans
{
	Oid			relid;			/* hash key */
	bool		check;			/* invalidated since its name was checked */
	bool		unique;			/* its columns and unique index on story
								 * seen since the last invalidation of the
								 * relation */
	Oid			nspid;			/* the relation's schema, the schema's name */
	NameData	nspname;		/* and the relation's name when the plans */
	NameData	relname;		/* were made */
	SPIPlanPtr	search;			/* is_same_story(fp, $1, $2) */
	SPIPlanPtr	search_tiny;	/* is_similar(fp, $1, $2) */
	SPIPlanPtr	search_late;	/* is_contained($1, fp, $2) */
	SPIPlanPtr	urgent;			/* ctid = ANY($1) (search_urgent) */
	SPIPlanPtr	handover;		/* UPDATE ... WHERE story = $1 */
	SPIPlanPtr	insert;
} StoryPlans;

static HTAB *story_plans = NULL;

/* some entry has its check flag set */
static bool story_plans_check = false;

/*
 * Re-entrance.  A call of assign() runs its plans, and what they run may
 * call assign_story() again: a trigger or a column default on the leaders
 * table, a row security policy's function, or a write to a table with a
 * story_trigger.  The inner call may find the outer one's entry no longer
 * naming its table (the trigger renamed the schema: ALTER SCHEMA does not
 * ask whether its tables are in use) and drop it, and freeing the plans
 * the outer call is executing crashed the server.  So assign() keeps a copy
 * of the entry's plan pointers, counts itself in story_plans_busy while it
 * uses them, and plans_check, while any call is busy, only retires the
 * plans of an entry it drops: they are freed by the next plans_for that
 * no call is busy around.  The outer call then runs its old plans, which
 * still name the old table (the error of a relation that does not exist,
 * if it plans them again), never freed memory.
 *
 * An error while plans are being made (a column missing) leaves the
 * entry with some plans NULL, and the next
 * plans_for frees those and makes them all again: such an entry is never
 * in use, as assign() runs only complete ones.  Making a plan
 * (SPI_prepare: parse analysis and rewrite, no planning) runs no user
 * code, so nothing re-enters while an entry is half made.
 */
static int	story_plans_busy = 0;
static List *story_plans_retired = NIL; /* SPIPlanPtrs, in TopMemoryContext */

static void
plans_mark(Oid relid)
{
	HASH_SEQ_STATUS status;
	StoryPlans *p;

	if (story_plans == NULL)
		return;
	if (OidIsValid(relid))
	{
		p = hash_search(story_plans, &relid, HASH_FIND, NULL);
		if (p != NULL)
		{
			p->check = story_plans_check = true;
			p->unique = false;
		}
		return;
	}
	hash_seq_init(&status, story_plans);
	while ((p = hash_seq_search(&status)) != NULL)
	{
		p->check = story_plans_check = true;
		p->unique = false;
	}
}

/*
 * What each story_trigger needs before it reads a row, for the rest of the
 * session, keyed by the trigger's OID, so that a row does not pay for it:
 * its arguments parsed (the column names, the time window), the columns
 * looked up in the trigger's table with their types, and its leaders table
 * (parse the argument, walk a clone's parent triggers in pg_trigger, find
 * the name in the schema).
 *
 * The arguments are compared with the trigger's at every row (the relcache
 * hands the trigger its pg_trigger row's: ALTER TRIGGER ... RENAME and
 * CREATE OR REPLACE TRIGGER keep its OID), as are the trigger's table and
 * IntervalStyle (the only setting interval input reads: a window such as
 * '-1 2:00' means another interval under sql_standard).  The rest depends
 * only on the relations in rels: the trigger's table (its columns), for a
 * trigger cloned to a partition the tables of its parent triggers up to
 * the one it was created on, and the leaders table found.  A relcache
 * invalidation of any of them clears valid (a column renamed, dropped,
 * added or retyped sends one for its table; creating, dropping, renaming
 * or replacing a trigger sends one for its table, as do ATTACH and DETACH
 * PARTITION, and a table renamed, moved to another schema or dropped sends
 * one for itself), as does one of every relation or of any schema (a
 * qualified name's schema renamed or dropped).  The writer's search_path
 * plays no part in the answer (trigger_resolve).  args and rels are
 * allocated in TopMemoryContext; names point into args or at the defaults.
 */
typedef struct StoryTarget
{
	Oid			tgoid;			/* hash key */
	bool		valid;			/* no invalidation since it was resolved */
	Oid			tgrelid;		/* the trigger's table */
	int			nargs;			/* the trigger's arguments it was made from, */
	char	   *args;			/* one after the other, each with its '\0' */
	int			intervalstyle;	/* IntervalStyle when the window was read */
	int64		window;			/* the time window */
	const char *names[4];		/* story, id, fingerprint, time columns */
	AttrNumber	att[4];			/* their numbers; att[3] 0 for none */
	Oid			idtype;			/* the id column's type */
	Oid			ttype;			/* the base type of the time column's */
	Oid			leaders;		/* the leaders table */
	int			nrels;
	Oid		   *rels;			/* the relations the answer depends on */
} StoryTarget;

static HTAB *story_targets = NULL;

/* some entry has been invalidated since the last sweep */
static bool story_targets_stale = false;

static void
targets_mark(Oid relid)
{
	HASH_SEQ_STATUS status;
	StoryTarget *t;

	if (story_targets == NULL)
		return;
	hash_seq_init(&status, story_targets);
	while ((t = hash_seq_search(&status)) != NULL)
	{
		int			i;

		if (!t->valid)
			continue;
		for (i = 0; i < t->nrels; i++)
			if (!OidIsValid(relid) || t->rels[i] == relid)
			{
				t->valid = false;
				story_targets_stale = true;
				break;
			}
	}
}

static void
story_relcache_callback(Datum arg, Oid relid)
{
	plans_mark(relid);
	targets_mark(relid);
}

static void
story_syscache_callback(Datum arg, int cacheid, uint32 hashvalue)
{
	plans_mark(InvalidOid);
	targets_mark(InvalidOid);
}

/*
 * Make the session's caches and register their invalidation callbacks
 * (first: a cache must never exist without them).
 */
static void
story_caches_init(void)
{
	static bool relcache_registered = false;
	static bool syscache_registered = false;
	HASHCTL		ctl;

	if (!relcache_registered)
	{
		CacheRegisterRelcacheCallback(story_relcache_callback, (Datum) 0);
		relcache_registered = true;
	}
	if (!syscache_registered)
	{
		CacheRegisterSyscacheCallback(NAMESPACEOID, story_syscache_callback,
									  (Datum) 0);
		syscache_registered = true;
	}
	ctl.keysize = sizeof(Oid);
	if (story_targets == NULL)
	{
		ctl.entrysize = sizeof(StoryTarget);
		story_targets = hash_create("newsprint story triggers", 16, &ctl,
									HASH_ELEM | HASH_BLOBS);
	}
	if (story_plans == NULL)
	{
		ctl.entrysize = sizeof(StoryPlans);
		story_plans = hash_create("newsprint story plans", 16, &ctl,
								  HASH_ELEM | HASH_BLOBS);
	}
}

/* Free a plan, or retire it while a call of assign() may be running it */
static void
plan_free(SPIPlanPtr plan)
{
	MemoryContext old;

	if (plan == NULL)
		return;
	if (story_plans_busy == 0)
	{
		SPI_freeplan(plan);
		return;
	}
	old = MemoryContextSwitchTo(TopMemoryContext);
	story_plans_retired = lappend(story_plans_retired, plan);
	MemoryContextSwitchTo(old);
}

static void
plans_free(StoryPlans *p)
{
	SPIPlanPtr	search = p->search;
	SPIPlanPtr	search_tiny = p->search_tiny;
	SPIPlanPtr	search_late = p->search_late;
	SPIPlanPtr	urgent = p->urgent;
	SPIPlanPtr	handover = p->handover;
	SPIPlanPtr	insert = p->insert;

	/*
	 * Forget the plans before freeing or retiring them: should retiring one
	 * fail (out of memory), the entry must not keep a plan that the retired
	 * list also holds, or it would be freed twice.
	 */
	p->search = p->search_tiny = p->search_late = p->insert = NULL;
	p->urgent = p->handover = NULL;
	plan_free(search);
	plan_free(search_tiny);
	plan_free(search_late);
	plan_free(urgent);
	plan_free(handover);
	plan_free(insert);
}

/* Free the retired plans: only when no call of assign() is busy */
static void
plans_free_retired(void)
{
	ListCell   *lc;

	Assert(story_plans_busy == 0);
	foreach(lc, story_plans_retired)
		SPI_freeplan((SPIPlanPtr) lfirst(lc));
	list_free(story_plans_retired);
	story_plans_retired = NIL;
}

/*
 * Is relation relid still in schema nspid under the name relname?  Read
 * from pg_class itself, not through the syscache: the lookup of a dropped
 * relation's OID there leaves a negative entry in CacheMemoryContext for
 * the rest of the session (about 150 bytes a dropped leaders table; no
 * invalidation ever removes it, as the OID has no row left to change).
 */
static bool
plans_rel_named(Oid relid, Oid nspid, const NameData *relname)
{
	Relation	pg_class = table_open(RelationRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	bool		same = false;

	ScanKeyInit(&key, Anum_pg_class_oid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(relid));
	scan = systable_beginscan(pg_class, ClassOidIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (HeapTupleIsValid(tup))
	{
		Form_pg_class cls = (Form_pg_class) GETSTRUCT(tup);

		same = cls->relnamespace == nspid &&
			namestrcmp(&cls->relname, NameStr(*relname)) == 0;
	}
	systable_endscan(scan);
	table_close(pg_class, AccessShareLock);
	return same;
}

/*
 * Drop the entries whose plans may no longer name their relation: the
 * relation is gone (its OID may come back as another table's) or has
 * another name or schema.  Their memory is freed here, at the next call
 * after the invalidation (which only marks them: plans_mark), whatever
 * table that call is for.
 */
static void
plans_check(void)
{
	HASH_SEQ_STATUS status;
	StoryPlans *p;

	story_plans_check = false;
	hash_seq_init(&status, story_plans);
	while ((p = hash_seq_search(&status)) != NULL)
	{
		HeapTuple	tup;
		bool		same;

		if (!p->check)
			continue;
		p->check = false;
		same = plans_rel_named(p->relid, p->nspid, &p->relname);
		/* the SQL names the schema too: ALTER SCHEMA ... RENAME changes it */
		if (same)
		{
			tup = SearchSysCache1(NAMESPACEOID, ObjectIdGetDatum(p->nspid));
			same = HeapTupleIsValid(tup) &&
				namestrcmp(&((Form_pg_namespace) GETSTRUCT(tup))->nspname,
						   NameStr(p->nspname)) == 0;
			if (HeapTupleIsValid(tup))
				ReleaseSysCache(tup);
		}
		if (!same)
		{
			plans_free(p);
			(void) hash_search(story_plans, &p->relid, HASH_REMOVE, NULL);
		}
	}
}

/*
 * Prepare sql (with the given cursor options, 0 for none) and keep the plan
 * for the rest of the session.
 */
static SPIPlanPtr
keep_plan(const char *sql, int nargs, Oid *argtypes, int cursor_options)
{
	SPIPlanPtr	plan;

	plan = SPI_prepare_cursor(sql, nargs, argtypes, cursor_options);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql,
			 SPI_result_code_string(SPI_result));
	SPI_keepplan(plan);
	return plan;
}

/*
 * Error out unless the insert's ON CONFLICT (story) has an arbiter on the
 * leaders table relid (locked), and only immediate ones: it takes every
 * valid unique index on story alone without expressions or a predicate,
 * and refuses a deferrable one among them.  Without this check the insert
 * of the first new leader failed, with the internal statement in the
 * error's context (a table that only ever found leaders worked until
 * then).  The SQLSTATEs are the insert's own.
 */
static void
leaders_check_unique(Oid relid)
{
	Relation	rel = relation_open(relid, NoLock);
	AttrNumber	story = get_attnum(relid, "story");
	List	   *indexes = RelationGetIndexList(rel);
	ListCell   *lc;
	bool		found = false;
	Oid			deferrable = InvalidOid;

	foreach(lc, indexes)
	{
		HeapTuple	tup;
		Form_pg_index idx;

		tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(lfirst_oid(lc)));
		if (!HeapTupleIsValid(tup))
			elog(ERROR, "cache lookup failed for index %u", lfirst_oid(lc));
		idx = (Form_pg_index) GETSTRUCT(tup);
		if (idx->indisunique && idx->indisvalid && idx->indnkeyatts == 1 &&
			idx->indkey.values[0] == story &&
			heap_attisnull(tup, Anum_pg_index_indexprs, NULL) &&
			heap_attisnull(tup, Anum_pg_index_indpred, NULL))
		{
			found = true;
			if (!idx->indimmediate)
				deferrable = idx->indexrelid;
		}
		ReleaseSysCache(tup);
	}
	list_free(indexes);
	relation_close(rel, NoLock);
	if (!found)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
				 errmsg("leaders table \"%s\" has no unique index on its story column",
						get_rel_name(relid)),
				 errdetail("A new story's leader is added with INSERT ... ON CONFLICT (story) DO NOTHING, which needs a unique index on story alone, not partial and not deferrable."),
				 errhint("Make story the primary key, as in the documented leaders table (story bigint PRIMARY KEY, fp newsprint.fingerprint, published_at timestamptz): ALTER TABLE %s ADD PRIMARY KEY (story).",
						 StoryRelationName(relid))));
	if (OidIsValid(deferrable))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("leaders table \"%s\" has a deferrable unique index on its story column, \"%s\"",
						get_rel_name(relid), get_rel_name(deferrable)),
				 errdetail("A new story's leader is added with INSERT ... ON CONFLICT (story) DO NOTHING, which takes no deferrable unique index as its arbiter."),
				 errhint("Drop its constraint, and keep story's primary key or unique constraint not deferrable, as in the documented leaders table.")));
}

/*
 * The plans of a leaders table, made if need be.  They depend on the table
 * alone, never on the caller: the fingerprint parameters are of the base
 * type whatever the type of the column or expression the caller read the
 * article from, so that storing into a leaders column of a domain type
 * always checks the domain's constraints (plans made with a domain type
 * by a first caller would have skipped them for every later one, and a
 * first caller of another type had the table refused).
 */
static StoryPlans *
plans_for(Oid relid)
{
	Oid			fptype = StoryFingerprintType();
	StoryPlans *p;
	bool		found;
	bool		missing;

	story_caches_init();

	/*
	 * Lock the table as the search will (which takes in the invalidations
	 * sent until now), then see whether it is still the relation of that
	 * OID and name.
	 */
	LockRelationOid(relid, AccessShareLock);
	if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(relid)))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	if (story_plans_check)
		plans_check();
	if (story_plans_busy == 0 && story_plans_retired != NIL)
		plans_free_retired();

	p = hash_search(story_plans, &relid, HASH_ENTER, &found);
	if (!found)
	{
		p->check = false;
		p->unique = false;
		p->nspid = InvalidOid;
		p->search = NULL;
		p->search_tiny = NULL;
		p->search_late = NULL;
		p->urgent = NULL;
		p->handover = NULL;
		p->insert = NULL;
	}
	missing = (p->search == NULL || p->search_tiny == NULL ||
			   p->search_late == NULL || p->urgent == NULL ||
			   p->handover == NULL || p->insert == NULL);

	/*
	 * The table's kind, columns and arbiter, checked before the plans are
	 * made and again after any invalidation of the table (ALTER TABLE,
	 * creating or dropping an index), so that a story column dropped after
	 * a first use is named as missing (42703), not as lacking its unique
	 * index.
	 */
	if (missing || !p->unique)
	{
		char		relkind = get_rel_relkind(relid);

		if (relkind != RELKIND_RELATION && relkind != RELKIND_PARTITIONED_TABLE)
			ereport(ERROR,
					(errcode(ERRCODE_WRONG_OBJECT_TYPE),
					 errmsg("leaders table \"%s\" is not a table",
							get_rel_name(relid))));
		StoryCheckColumn(relid, "story", "story", INT8OID);
		/* newsprint.fingerprint or a domain over it */
		StoryCheckColumn(relid, "fingerprint", "fp", StoryFingerprintType());
		StoryCheckColumn(relid, "published_at", "published_at", TIMESTAMPTZOID);
		leaders_check_unique(relid);
	}
	if (missing)
	{
		char	   *rel;
		/* the control file fixes the schema */
		const char *ext = "newsprint";
		StringInfoData sql;
		Oid			argtypes[3];

		plans_free(p);
		rel = StoryRelationName(relid);
		p->nspid = get_rel_namespace(relid);
		namestrcpy(&p->nspname, get_namespace_name(p->nspid));
		namestrcpy(&p->relname, get_rel_name(relid));

		argtypes[0] = fptype;
		argtypes[1] = FLOAT8OID;
		initStringInfo(&sql);
		appendStringInfo(&sql,
						 "SELECT story, fp, published_at FROM %s "
						 "WHERE %s.is_same_story(fp, $1, $2)", rel, ext);
		/*
		 * Custom plans only: with the query's fingerprint as a constant the
		 * index scan and its rechecks cost a tenth of a generic plan's.
		 */
		p->search = keep_plan(sql.data, 2, argtypes, CURSOR_OPT_CUSTOM_PLAN);

		resetStringInfo(&sql);
		appendStringInfo(&sql,
						 "SELECT story, fp, published_at FROM %s "
						 "WHERE %s.is_similar(fp, $1, $2)", rel, ext);
		p->search_tiny = keep_plan(sql.data, 2, argtypes, CURSOR_OPT_CUSTOM_PLAN);

		resetStringInfo(&sql);
		appendStringInfo(&sql,
						 "SELECT story, fp, published_at FROM %s "
						 "WHERE %s.is_contained($1, fp, $2)", rel, ext);
		p->search_late = keep_plan(sql.data, 2, argtypes, CURSOR_OPT_CUSTOM_PLAN);

		argtypes[0] = TIDARRAYOID;
		resetStringInfo(&sql);
		appendStringInfo(&sql,
						 "SELECT story, fp, published_at FROM %s "
						 "WHERE ctid = ANY($1)", rel);
		p->urgent = keep_plan(sql.data, 1, argtypes, 0);

		argtypes[0] = INT8OID;
		argtypes[1] = fptype;
		argtypes[2] = TIMESTAMPTZOID;
		resetStringInfo(&sql);
		appendStringInfo(&sql,
						 "INSERT INTO %s (story, fp, published_at) VALUES ($1, $2, $3) "
						 "ON CONFLICT (story) DO NOTHING", rel);
		p->insert = keep_plan(sql.data, 3, argtypes, 0);

		resetStringInfo(&sql);
		appendStringInfo(&sql,
						 "UPDATE %s SET fp = $2, published_at = $3 "
						 "WHERE story = $1", rel);
		p->handover = keep_plan(sql.data, 3, argtypes, 0);
	}

	p->unique = true;
	return p;
}

/*
 * The best leader a search has found so far: best evidence, then
 * resemblance, then the earliest leader (NULL times last), then the
 * smallest story id, so that the answer does not depend on the order the
 * index returns its rows in.
 */
typedef struct StoryBest
{
	bool		found;
	double		score;
	double		sim;
	bool		tnull;
	TimestampTz t;
	int64		story;
	NpFingerprint *fp;			/* its fingerprint, in SPI_tuptable or a
								 * copy (search_rows) */
} StoryBest;

static void
best_offer(StoryBest *b, double sc, double sim, bool tnull, TimestampTz t,
		   int64 s, NpFingerprint *fp)
{
	bool		better;

	if (!b->found || sc > b->score)
		better = true;
	else if (sc < b->score)
		better = false;
	else if (sim != b->sim)
		better = sim > b->sim;
	else if (tnull != b->tnull)
		better = !tnull;		/* NULL times sort last */
	else if (!tnull && t != b->t)
		better = t < b->t;
	else
		better = s < b->story;
	if (better)
	{
		b->found = true;
		b->score = sc;
		b->sim = sim;
		b->tnull = tnull;
		b->t = t;
		b->story = s;
		b->fp = fp;
	}
}

/*
 * What a search found: a leader that x joins, none (x leads a new story),
 * or that x is a round-up (it starts a story that it does not lead).
 */
typedef enum StorySearch
{
	STORY_SEARCH_NONE,
	STORY_SEARCH_FOUND,
	STORY_SEARCH_ROUNDUP,
	STORY_SEARCH_HANDOVER		/* x is the write-through of a one-liner
								 * that leads *story (StoryUrgentJoins) */
} StorySearch;

/*
 * The side request of a search's index scan (NpidxKeyCap): the rows that
 * may be the other side of an URGENT join (StoryUrgentJoins), sharing
 * STORY_URGENT_SHARED of the keys the scan reads with x: one-liners (rows
 * of fewer hashes than StoryMinShared) for a write-through, any row for a
 * one-liner.  What it found: tids.
 */
typedef struct StorySide
{
	int			max_hashes;		/* rows of at most this many hashes; 0: any */
	bool		only;			/* the scan looks for them alone */
	ItemPointerData *tids;
	int			ntids;
} StorySide;

/*
 * The postings of a key that a one-liner's side scan reads whole: as many
 * as the batch form reads before it calls a key a formula
 * (STORY_STOP_POSTINGS), but over the whole leaders table.
 */
#define STORY_URGENT_POSTINGS	STORY_STOP_POSTINGS

/*
 * The least share of x's own evidence the late search's index scan asks a
 * leader to hold: STORY_LATE_COPY, less a hair, so that the operator's
 * floating point keeps every pair StoryLateCopy accepts; with a round-up
 * reach beyond the window, STORY_NEXT_DAY_COPY, less the hair, which a
 * next-day copy holds.
 */
#define STORY_LATE_SEARCH	(STORY_LATE_COPY - 1e-9)
#define STORY_NEXT_DAY_SEARCH	(STORY_NEXT_DAY_COPY - 1e-9)

/*
 * The postings that the first search reads whole, every key of x's: only a
 * search that reads more, or by the index's estimate would, leaves out x's
 * keys held by more than STORY_SEARCH_POSTINGS leaders (NpidxKeyCap).
 * Left out, a key becomes slack for every leader met, and each leader
 * resting on that slack is read from the heap and compared: capping every
 * search made the ordinary ones of bench/story_bench.sh at 200,000
 * articles dearer (mean 4.5 ms against 2.8, p99 36.6 against 18.4, at the
 * same load).
 */
#define STORY_SEARCH_BUDGET	32768.0

/*
 * Over the budget, a key is read until more postings than this have been
 * counted, and then left out (estimates are not trusted for this: see
 * NpidxKeyCap), as the batch form's late search leaves them out
 * (STORY_LATE_POSTINGS), not at its formula limit (STORY_STOP_POSTINGS):
 * each key read brings every leader that holds it, and with the keys left
 * out as slack each of them is read and compared.  At 1,024 a recurring template's figures (a
 * key held by one item in 17 to 97) were read until they passed it, and an
 * insert cost more as the series grew (bench/story_series.sh, the last
 * tenth of 32,000 items: 3.3 ms an item against 1.9 at 8,000; at 256, 0.6
 * against 1.1).
 */
#define STORY_SEARCH_POSTINGS	STORY_LATE_POSTINGS

/*
 * The columns of a search's rows, as the saved plan reads them: a leaders
 * table altered since its columns were checked (ALTER TABLE ... ALTER story
 * TYPE numeric) would be read as what it was.
 */
static void
search_check_columns(void)
{
	if (SPI_tuptable->tupdesc->natts != 3 ||
		SPI_gettypeid(SPI_tuptable->tupdesc, 1) != INT8OID ||
		getBaseType(SPI_gettypeid(SPI_tuptable->tupdesc, 2)) != StoryFingerprintType() ||
		SPI_gettypeid(SPI_tuptable->tupdesc, 3) != TIMESTAMPTZOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("the leaders table has changed: its columns must be story bigint, fp newsprint.fingerprint, published_at timestamptz")));
}

/* A search's statement ran (rc) and its rows are a leaders table's */
static void
search_check(int rc)
{
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "story search failed: %s", SPI_result_code_string(rc));
	search_check_columns();
}

/*
 * Run plan (the query and a threshold as its parameters) with the given
 * snapshot, its index scan capped at cap postings a key once it reads, or
 * by the index's estimate would read, more than budget (NpidxKeyCap;
 * *leftout: the keys of x it left out, those its predicate lets it skip
 * included, 0 when none), leaving the rows in SPI_tuptable; and, when
 * holders is not NULL, the leaders it counted holding each hash of x
 * there (all 0 when no npidx scan took the request).
 *
 * The plan is made with enable_seqscan off, so that the leaders' npidx
 * index is used whenever there is one: the planner does not know the cap,
 * and on a table it has not analyzed (leaders added by assign_story alone)
 * it took a sequential scan up to some 10,000 leaders, which compares
 * every one with x.  (What the query runs, a row security policy's
 * function, is planned with the setting too, until the scan ends.)
 *
 * And with jit off: where no index serves the search (a leaders table
 * without an npidx index, or a partition without one), the sequential
 * scan is costed with disable_cost, past every jit_*_above_cost, and the
 * query of each call was compiled, inlined and optimised by LLVM: some
 * 30 ms a call, where the scan of a few hundred leaders takes a fraction
 * of a millisecond.  A search is one small query; nothing in it gains.
 */
static void
search_run(const StoryPlans *p, SPIPlanPtr plan, NpFingerprint *x, double t,
		   Snapshot snapshot, double budget, double cap, int *leftout,
		   StorySide *side, uint32 *holders)
{
	NpidxKeyCap kc;
	NpidxKeyCap *volatile outer = npidx_key_cap;
	Datum		args[2];
	volatile int rc = 0;
	int			nestlevel;

	kc.heap = p->relid;
	kc.query = x;
	kc.budget = budget;
	kc.postings = cap;
	kc.used = false;
	kc.capped = 0;
	kc.leftout = 0;
	kc.side_need = side != NULL ? STORY_URGENT_SHARED : 0;
	kc.side_max_hashes = side != NULL ? side->max_hashes : 0;
	kc.side_only = side != NULL && side->only;
	kc.side_cxt = CurrentMemoryContext;
	kc.side_tids = NULL;
	kc.side_ntids = 0;
	kc.holders = holders;
	args[0] = PointerGetDatum(x);
	args[1] = Float8GetDatum(t);
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("enable_seqscan", "off", PGC_USERSET,
							 PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("jit", "off", PGC_USERSET,
							 PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	npidx_key_cap = &kc;
	PG_TRY();
	{
		rc = SPI_execute_snapshot(plan, args, NULL, snapshot, InvalidSnapshot,
								  false, false, 0);
	}
	PG_FINALLY();
	{
		/* a call of this search's own (a policy's function) may be inside */
		npidx_key_cap = outer;
	}
	PG_END_TRY();
	/* an error restores the setting with the (sub)transaction's end */
	AtEOXact_GUC(true, nestlevel);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "story search failed: %s", SPI_result_code_string(rc));
	*leftout = kc.used ? kc.leftout : 0;
	if (side != NULL)
	{
		side->tids = kc.used ? kc.side_tids : NULL;
		side->ntids = kc.used ? kc.side_ntids : 0;
	}
	/* no npidx scan took the request: no count is known */
	if (holders != NULL && !kc.used)
		memset(holders, 0, sizeof(uint32) * NpFingerprintNHashes(x));

	/*
	 * The saved plan is planned again when the leaders table changes, but
	 * its columns were checked only when it was made: one altered since
	 * (ALTER TABLE ... ALTER story TYPE numeric) would be read as what it
	 * was.
	 */
	search_check_columns();
}

/*
 * How many leaders hold x's hash at pos (StoryHoldersFn): arg is the count
 * of the search's index scan, one per hash of x (NpidxKeyCap's holders)
 */
static uint32
x_holders(void *arg, int pos, uint32 key)
{
	return ((const uint32 *) arg)[pos];
}

/*
 * Offer best the leaders of SPI_tuptable that x matches: those within the
 * window by the rule, or (late) those out of it of which x is a late copy
 * (a next-day copy within the round-up reach);
 * and append their fingerprints to *matched, when given, with those of the
 * leaders out of the window but within the round-up reach that x matches by
 * the rule as if they were within it (StoryWithinReach), which best is not
 * offered: the round-up test asks them too (stories.h).  Not late, a pair
 * that shares too little beyond passages many leaders hold (holders, when
 * not NULL: StoryCommonOnly) is refused.  Returns whether a row out of the
 * window was seen.
 */
static bool
search_rows(const StoryRule *rule, int64 window, NpFingerprint *x, int64 xt,
			bool late, StoryBest *best, List **matched, uint32 *holders)
{
	bool		any_late = false;
	uint64		i;

	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	td = SPI_tuptable->tupdesc;
		bool		isnull;
		bool		tnull;
		bool		within;
		bool		reach;
		int64		s;
		NpFingerprint *l;
		TimestampTz t;
		int64		lt;
		Datum		d;
		double		sc;
		double		sim;

		CHECK_FOR_INTERRUPTS();
		s = DatumGetInt64(SPI_getbinval(tup, td, 1, &isnull));
		if (isnull)
			continue;
		t = DatumGetTimestampTz(SPI_getbinval(tup, td, 3, &tnull));
		lt = tnull ? STORY_NO_TIME : StoryTimeOf(t);
		within = StoryWithinWindow(window, xt, lt);
		if (!within)
			any_late = true;
		reach = !within && !late && matched != NULL &&
			StoryWithinReach(window, xt, lt);
		if (within == late && !reach)
			continue;
		d = SPI_getbinval(tup, td, 2, &isnull);
		if (isnull)
			continue;
		l = DatumGetNpFingerprintP(d);
		if (!late ?
			!StoryRuleMatches(rule, x, l, reach ? STORY_PAIR_IN_REACH :
							  StoryPairTimeOf(window, xt, lt), &sc, &sim) :
			!StoryLateCopy(rule, x, l, StoryWithinReach(window, xt, lt),
						   &sc, &sim))
			continue;
		/* passages many stories carry are no evidence (stories.h) */
		if (!late && holders != NULL &&
			StoryCommonOnly(x, l, x_holders, holders))
			continue;

		/*
		 * The leaders kept for the round-up test outlive SPI_tuptable when
		 * a second search replaces its rows: a copy of each.
		 */
		if (matched)
		{
			l = (NpFingerprint *) PG_DETOAST_DATUM_COPY(d);
			*matched = lappend(*matched, l);
		}
		if (reach)
			continue;
		/* a leader out of the window has a time: tnull is false */
		best_offer(best, sc, sim, tnull, t, s, l);
	}
	return any_late;
}

/*
 * Is x a round-up of best's leader and another leader it matches
 * (stories.h, "Round-ups")?
 */
static bool
search_roundup(NpFingerprint *x, const StoryBest *best, List *matched)
{
	ListCell   *lc;

	foreach(lc, matched)
	{
		NpFingerprint *l = (NpFingerprint *) lfirst(lc);

		CHECK_FOR_INTERRUPTS();
		/* the searches may both have found best's leader */
		if (l == best->fp ||
			(VARSIZE(l) == VARSIZE(best->fp) &&
			 memcmp(l, best->fp, VARSIZE(l)) == 0))
			continue;
		if (StoryRoundUp(x, best->fp, l))
			return true;
	}
	return false;
}

/*
 * May x join by the URGENT join (StoryUrgentJoins)?  As the batch form
 * asks (StoryIndexFindUrgent): a timed x of format 2, with a time window;
 * a one-liner (fewer hashes than StoryMinShared, STORY_URGENT_SHARED at
 * least) as the late first take of a leader, or an x that is not tiny as
 * the write-through of a one-liner that leads.
 */
static inline bool
urgent_possible(const StoryRule *rule, int64 window, const NpFingerprint *x,
				int64 xt, bool one_liner)
{
	int			n = NpFingerprintNHashes(x);

	if (window < 0 || xt == STORY_NO_TIME || x->version != NP_FP_V2_VERSION)
		return false;
	if (one_liner)
		return n < StoryMinShared(rule, x->version) &&
			n >= STORY_URGENT_SHARED;
	return x->nshingles >= (uint32) rule->tiny_shingles;
}

/*
 * Offer best the leaders among the side rows of a search (side) that x
 * joins by the URGENT join: when x is a one-liner, a leader not tiny of
 * which it is the first take; otherwise, a one-liner leader of which x is
 * the write-through.  The rows are read by their TIDs, with the search's
 * snapshot (a row updated since is not seen).
 */
static void
search_urgent(const StoryPlans *p, const StoryRule *rule, NpFingerprint *x,
			  int64 xt, bool one_liner, const StorySide *side,
			  Snapshot snapshot, StoryBest *best)
{
	Datum	   *d;
	Datum		arg;
	int			rc;
	int			i;
	uint64		r;

	if (side->ntids == 0)
		return;
	d = palloc(sizeof(Datum) * side->ntids);
	for (i = 0; i < side->ntids; i++)
		d[i] = PointerGetDatum(&side->tids[i]);
	arg = PointerGetDatum(construct_array(d, side->ntids, TIDOID,
										  sizeof(ItemPointerData), false,
										  TYPALIGN_SHORT));
	rc = SPI_execute_snapshot(p->urgent, &arg, NULL, snapshot,
							  InvalidSnapshot, false, false, 0);
	search_check(rc);
	for (r = 0; r < SPI_processed; r++)
	{
		HeapTuple	tup = SPI_tuptable->vals[r];
		TupleDesc	td = SPI_tuptable->tupdesc;
		bool		isnull;
		bool		tnull;
		int64		story;
		TimestampTz t;
		NpFingerprint *l;
		Datum		fd;
		double		sc;

		CHECK_FOR_INTERRUPTS();
		story = DatumGetInt64(SPI_getbinval(tup, td, 1, &isnull));
		if (isnull)
			continue;
		fd = SPI_getbinval(tup, td, 2, &isnull);
		if (isnull)
			continue;
		t = DatumGetTimestampTz(SPI_getbinval(tup, td, 3, &tnull));
		if (tnull)
			continue;
		l = DatumGetNpFingerprintP(fd);
		if (l->version != x->version)
			continue;
		if (one_liner ?
			!StoryUrgentJoins(rule, x, l, xt, StoryTimeOf(t), &sc) :
			(NpFingerprintNHashes(l) >= StoryMinShared(rule, l->version) ||
			 !StoryUrgentJoins(rule, l, x, StoryTimeOf(t), xt, &sc)))
			continue;
		best_offer(best, sc, 0.0, false, t, story, l);
	}
	pfree(d);
}

/*
 * Run the search with the given snapshot (advanced to the current command,
 * so that the leaders this transaction added are seen): STORY_SEARCH_FOUND
 * and *story when a leader matches, STORY_SEARCH_ROUNDUP when x is a
 * round-up of the best one and another within the window or the round-up
 * reach (stories.h), and
 * then no late copy is looked for.
 *
 * The candidates: when x is tiny, every pair it forms is tiny, and the
 * rule takes a leader that x resembles (similarity s = tiny_similarity) or
 * that holds x, or is held by it, nearly whole (STORY_TINY_WHOLE); the
 * index searches with is_same_story(fp, x, t'').  Otherwise with
 * is_same_story(fp, x, t') for t' the smallest of the threshold, tiny
 * similarity and STORY_TINY_WHOLE (file header).  And, whatever x's size
 * (a longer x forms a tiny pair with a tiny leader), when s is so low that
 * a pair that resembles may fail is_same_story, with is_similar(fp, x, s)
 * too.
 *
 * The leaders within the window come first; those out of it are compared,
 * as leaders of which x may be a late copy (stories.h), only when none
 * within it matched.  The index does not look at times: with a window, the
 * leaders of a recurring item accumulate among the candidates, one a day,
 * all out of it.  So the index scan, once it is over STORY_SEARCH_BUDGET
 * postings (read, or by the index's estimate: NpidxKeyCap), leaves out
 * x's keys of which it has counted more than STORY_SEARCH_POSTINGS
 * postings (NpidxKeyCap), as the batch form leaves out formulas: a leader
 * that shares with x, of the keys read, only such keys is not found, and
 * one that shares more hashes with x than the keys left out (those the
 * predicate lets the scan skip included) always is.  A late copy shares at
 * least StoryMinShared hashes with x, as every leader the rule accepts:
 * when fewer keys were left out, the late copies are among the rows found;
 * otherwise a second scan looks for them alone, with is_contained(x, fp,
 * STORY_LATE_SEARCH), which reads only x's rarest keys (a late copy holds
 * all but a tenth of x), leaving out those of which it counted more than
 * STORY_LATE_POSTINGS postings; with a round-up reach, at
 * STORY_NEXT_DAY_SEARCH, which a next-day copy passes (0.55 of x): the
 * scan cannot tell the leaders' times, so those beyond the reach that
 * hold 0.55 of x are read too, and StoryLateCopy asks them 0.9.
 * (StoryRoundUpReach(window) > window: a window of 0 has no reach.)  A
 * tiny x is a next-day copy at most, and only of a leader whose subject
 * it keeps: its late leaders are looked for only when it has a subject
 * (StoryTinyNextDayPossible).  That search is rare and cheap: of the
 * 1,000 articles bench/story_bench.sh assigns at 1,000,000, 428 are tiny,
 * 57 compare the first search's rows out of the window (1-70 rows, 0.1 ms
 * in all) and 3 run the late search (13,000-55,000 postings, 0-1 rows,
 * 2 ms in all).
 */
static StorySearch
search(const StoryPlans *p, const StoryRule *rule, int64 window, NpFingerprint *x,
	   int64 xt, Snapshot snapshot, int64 *story)
{
	bool		tiny = x->nshingles < (uint32) rule->tiny_shingles;
	double		resembles;
	bool		similar_too;
	int			leftout;
	bool		any_late;
	StoryBest	best = {0};
	List	   *matched = NIL;
	StorySide	side = {0};
	bool		urgent_big = urgent_possible(rule, window, x, xt, false);
	/* the scans count the leaders of x's keys for StoryCommonOnly */
	uint32	   *holders = story_common_holders > 0 ?
		palloc(sizeof(uint32) * Max(NpFingerprintNHashes(x), 1)) : NULL;

	/*
	 * A one-liner joins no leader by the rule (it has fewer hashes than any
	 * pair must share): only by the URGENT join, as a write-through's late
	 * first take.  The side scan reads its keys (none past
	 * STORY_URGENT_POSTINGS postings) for the rows that share
	 * STORY_URGENT_SHARED of them, and no candidate of a predicate.
	 */
	if (NpFingerprintNHashes(x) < StoryMinShared(rule, x->version))
	{
		side.only = true;
		search_run(p, p->search_tiny, x, 1e-9, snapshot, 0.0,
				   STORY_URGENT_POSTINGS, &leftout, &side, NULL);
		SPI_freetuptable(SPI_tuptable);
		search_urgent(p, rule, x, xt, true, &side, snapshot, &best);
		SPI_freetuptable(SPI_tuptable);
		if (!best.found)
			return STORY_SEARCH_NONE;
		*story = best.story;
		return STORY_SEARCH_FOUND;
	}
	/* a write-through's one-liners: those of the first scan's keys */
	side.max_hashes = StoryMinShared(rule, x->version) - 1;

	/*
	 * The rule's threshold for x's format (the leaders must share it).  A
	 * tiny pair whose smaller side is nearly whole in the other has that
	 * share of it in the other, and so has, by at least 2s / (1 + s), a
	 * tiny pair of similarity s (I (1 + s) >= s (|A'| + |B'|) >= 2s
	 * min(|A'|, |B'|)), less a hair for the operator's floating point; such
	 * a pair passes is_same_story at that share when it is at least the
	 * brief share (NP_FP_BRIEF_SHARE, which is_same_story asks of a pair
	 * with a brief; s from 0.54: 0.75 at the default 0.6).  Under it, the
	 * leaders are searched with is_similar too, whatever x's size (a longer
	 * x forms a tiny pair with a tiny leader), and is_same_story need only
	 * find those that hold x nearly whole, or that it holds: a search at
	 * 2s / (1 + s) less the hair would be at or under 0 for s near 0, which
	 * is_same_story refuses.
	 */
	resembles = 2.0 * rule->tiny_similarity / (1.0 + rule->tiny_similarity);
	similar_too = resembles < NP_FP_BRIEF_SHARE;
	search_run(p, p->search, x,
			   tiny ? (similar_too ? STORY_TINY_WHOLE :
					   Min(STORY_TINY_WHOLE, resembles)) - 1e-9 :
			   Min(Min(StoryThreshold(rule, x->version), rule->tiny_similarity),
				   STORY_TINY_WHOLE - 1e-9),
			   snapshot, STORY_SEARCH_BUDGET, STORY_SEARCH_POSTINGS, &leftout,
			   urgent_big ? &side : NULL, holders);
	any_late = search_rows(rule, window, x, xt, false, &best, &matched,
						   holders);
	if (similar_too)
	{
		int			similar_leftout;

		SPI_freetuptable(SPI_tuptable);
		search_run(p, p->search_tiny, x, rule->tiny_similarity, snapshot,
				   STORY_SEARCH_BUDGET, STORY_SEARCH_POSTINGS,
				   &similar_leftout, NULL, holders);
		(void) search_rows(rule, window, x, xt, false, &best, &matched,
						   holders);
	}
	if (best.found && search_roundup(x, &best, matched))
	{
		/* nor is a round-up a late copy */
		SPI_freetuptable(SPI_tuptable);
		return STORY_SEARCH_ROUNDUP;
	}

	/*
	 * The late copies are among the first search's rows when it left out
	 * fewer keys than they share with x; once the second search has
	 * replaced those rows, the late search looks for them.
	 */
	if (!best.found && !similar_too &&
		leftout < StoryMinShared(rule, x->version))
	{
		if (any_late && (!tiny || StoryTinyNextDayPossible(window, x)))
			(void) search_rows(rule, window, x, xt, true, &best, NULL, NULL);
	}
	else if (!best.found && window >= 0 && xt != STORY_NO_TIME &&
			 (!tiny || StoryTinyNextDayPossible(window, x)))
	{
		/*
		 * a tiny x is a next-day copy at most (StoryLateCopy), and one
		 * without a time no late copy
		 */
		SPI_freetuptable(SPI_tuptable);
		search_run(p, p->search_late, x,
				   StoryRoundUpReach(window) > window ? STORY_NEXT_DAY_SEARCH :
				   STORY_LATE_SEARCH, snapshot,
				   0.0, STORY_LATE_POSTINGS, &leftout, NULL, NULL);
		(void) search_rows(rule, window, x, xt, true, &best, NULL, NULL);
	}
	SPI_freetuptable(SPI_tuptable);
	if (!best.found && urgent_big)
	{
		/* the write-through of a one-liner that leads takes over its story */
		search_urgent(p, rule, x, xt, false, &side, snapshot, &best);
		SPI_freetuptable(SPI_tuptable);
		if (best.found)
		{
			*story = best.story;
			return STORY_SEARCH_HANDOVER;
		}
	}
	if (!best.found)
		return STORY_SEARCH_NONE;
	*story = best.story;
	return STORY_SEARCH_FOUND;
}

/* The work of assign(), with its copy of the plans */
static int64
assign_with(const StoryPlans *p, Oid relid, int64 id, NpFingerprint *x,
			bool tnull, TimestampTz t, const StoryRule *rule, int64 window)
{
	int64		story;
	LOCKTAG		tag;
	Datum		args[3];
	char		nulls[3] = {' ', ' ', ' '};
	int			rc;
	Snapshot	snap;
	uint64		seen;
	int64		xt = tnull ? STORY_NO_TIME : StoryTimeOf(t);
	StorySearch found;

	/*
	 * An article with fewer sample hashes than the rule asks a pair to share
	 * joins no story and no article will ever join its own: it starts a
	 * story, without a search and without the lock (its copies are stories
	 * of their own too, as in the batch form).
	 */
	if (NpFingerprintNHashes(x) >= StoryMinShared(rule, x->version) ||
		urgent_possible(rule, window, x, xt, true))
	{
		/* the statement's snapshot, as SPI would take it */
		snap = GetTransactionSnapshot();
		seen = NpSnapshotCompletionCount(snap);
		found = search(p, rule, window, x, xt, snap, &story);
		if (found == STORY_SEARCH_FOUND)
			return story;

		/*
		 * A round-up starts a story that it does not lead (stories.h): no
		 * leader, so no lock.
		 */
		if (found == STORY_SEARCH_ROUNDUP)
			return id;

		/* as pg_advisory_xact_lock(STORY_LOCK_KEY, relid), in its own form */
		SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, STORY_LOCK_KEY, (uint32) relid,
							 STORY_LOCK_FORM);
		(void) LockAcquire(&tag, ExclusiveLock, false, false);

		/*
		 * Search again, with the latest snapshot, unless no transaction has
		 * ended since the first search's snapshot was taken: then the leaders
		 * committed are the same (a transaction that creates a leader ends
		 * before it releases the lock).
		 */
		snap = GetLatestSnapshot();
		if (seen == 0 || NpSnapshotCompletionCount(snap) != seen)
		{
			found = search(p, rule, window, x, xt, snap, &story);
			if (found == STORY_SEARCH_FOUND)
				return story;
			if (found == STORY_SEARCH_ROUNDUP)
				return id;
		}

		/*
		 * The write-through of a one-liner that leads takes over its story,
		 * under the lock: its row of the leaders table is the write-through's
		 * from now on (story unchanged), as the batch form replaces the
		 * leader (StoryIndexHandOff).  A session that found the one-liner
		 * too waits for the lock, searches again and finds the
		 * write-through.
		 */
		if (found == STORY_SEARCH_HANDOVER)
		{
			args[0] = Int64GetDatum(story);
			args[1] = PointerGetDatum(x);
			args[2] = TimestampTzGetDatum(t);
			rc = SPI_execute_plan(p->handover, args, nulls, false, 0);
			if (rc != SPI_OK_UPDATE)
				elog(ERROR, "story leader handover failed: %s",
					 SPI_result_code_string(rc));
			return story;
		}
	}

	args[0] = Int64GetDatum(id);
	args[1] = PointerGetDatum(x);
	args[2] = TimestampTzGetDatum(t);
	if (tnull)
		nulls[2] = 'n';
	/*
	 * An article too small to match even itself (fewer than min_shared
	 * hashes) is already its own leader when it is assigned again.
	 */
	rc = SPI_execute_plan(p->insert, args, nulls, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "story leader insert failed: %s", SPI_result_code_string(rc));
	return id;
}

/*
 * The work of assign_story, inside SPI.  The plans are copied and counted
 * busy while they run (see story_plans_busy): the entry may be dropped
 * meanwhile by a call that re-enters.
 */
static int64
assign(Oid relid, int64 id, NpFingerprint *x, bool tnull, TimestampTz t,
	   const StoryRule *rule, int64 window)
{
	StoryPlans	plans = *plans_for(relid);
	volatile int64 story = 0;

	story_plans_busy++;
	PG_TRY();
	{
		story = assign_with(&plans, relid, id, x, tnull, t, rule, window);
	}
	PG_FINALLY();
	{
		story_plans_busy--;
	}
	PG_END_TRY();
	return story;
}

/*
 * assign_story(leaders regclass, id bigint, fp fingerprint, published_at
 *				timestamptz, threshold float8, min_shared int, tiny_shingles
 *				int, tiny_similarity float8, min_named int, time_window
 *				interval) RETURNS bigint
 */
Datum
assign_story(PG_FUNCTION_ARGS)
{
	StoryRule	rule;
	Oid			relid;
	int64		id;
	NpFingerprint *x;
	int64		story;
	int64		window;

	StoryRuleFromArgs(fcinfo, 4, &rule);
	window = StoryWindowFromArg(fcinfo, 9);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("assign_story needs a leaders table and an article id")));
	if (PG_ARGISNULL(2))
		PG_RETURN_NULL();		/* no fingerprint, no story */
	relid = PG_GETARG_OID(0);
	id = PG_GETARG_INT64(1);
	x = PG_GETARG_NP_FINGERPRINT_P(2);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	story = assign(relid, id, x, PG_ARGISNULL(3),
				   PG_ARGISNULL(3) ? 0 : PG_GETARG_TIMESTAMPTZ(3), &rule, window);
	SPI_finish();
	PG_RETURN_INT64(story);
}

/*
 * The table a trigger on a partition was created on: its clone's parent
 * trigger's table, up to the trigger that has no parent.  Every table on
 * the way, the trigger's own first, is appended to *rels.
 */
static Oid
trigger_home(Trigger *trigger, Relation rel, List **rels)
{
	Oid			tgoid = trigger->tgoid;
	Oid			relid = RelationGetRelid(rel);
	Relation	tgrel;

	if (!rel->rd_rel->relispartition)
	{
		*rels = lappend_oid(*rels, relid);
		return relid;
	}
	tgrel = table_open(TriggerRelationId, AccessShareLock);
	for (;;)
	{
		ScanKeyData key;
		SysScanDesc scan;
		HeapTuple	tup;
		Oid			parent;

		CHECK_FOR_INTERRUPTS();
		ScanKeyInit(&key, Anum_pg_trigger_oid, BTEqualStrategyNumber,
					F_OIDEQ, ObjectIdGetDatum(tgoid));
		scan = systable_beginscan(tgrel, TriggerOidIndexId, true, NULL, 1, &key);
		tup = systable_getnext(scan);
		if (!HeapTupleIsValid(tup))
			elog(ERROR, "could not find trigger %u", tgoid);
		relid = ((Form_pg_trigger) GETSTRUCT(tup))->tgrelid;
		parent = ((Form_pg_trigger) GETSTRUCT(tup))->tgparentid;
		systable_endscan(scan);
		*rels = lappend_oid(*rels, relid);
		if (!OidIsValid(parent))
			break;
		tgoid = parent;
	}
	table_close(tgrel, AccessShareLock);
	return relid;
}

/*
 * Look up the leaders table of a story_trigger, as its first argument names
 * it, and lock it.  The trigger's owner decides which table that is, not
 * the role writing the row: an unqualified name is looked up in the schema
 * of the table the trigger was created on (a temporary table's is the
 * session's temporary schema), never in the writer's search_path, where a
 * temporary table of that name would come first; a qualified name is taken
 * as written ("pg_temp.leaders" is each writing session's own temporary
 * table).  The relations the answer depends on are appended to *rels: the
 * trigger's table (and, for a clone, the tables up to its home) and the
 * leaders table.
 */
static Oid
trigger_resolve(Trigger *trigger, Relation rel, List **rels)
{
	const char *arg = trigger->tgargs[0];
	List	   *names;
	RangeVar   *rv;
	Oid			relid;
	Oid			home = InvalidOid;

	names = textToQualifiedNameList(cstring_to_text(arg));
	rv = makeRangeVarFromNameList(names);
	if (rv->schemaname == NULL)
	{
		home = trigger_home(trigger, rel, rels);
		rv->schemaname = get_namespace_name(get_rel_namespace(home));
	}
	else
		*rels = lappend_oid(*rels, RelationGetRelid(rel));
	relid = RangeVarGetRelidExtended(rv, AccessShareLock, RVR_MISSING_OK,
									 NULL, NULL);
	if (!OidIsValid(relid))
	{
		if (OidIsValid(home))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("leaders table \"%s\" of trigger \"%s\" does not exist in schema \"%s\"",
							rv->relname, trigger->tgname, rv->schemaname),
					 errdetail("An unqualified leaders table is looked up in the schema of table \"%s\", the trigger's.",
							   get_rel_name(home)),
					 errhint("Give the leaders table's name with its schema.")));
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("leaders table \"%s\" of trigger \"%s\" does not exist",
						arg, trigger->tgname)));
	}
	*rels = lappend_oid(*rels, relid);
	return relid;
}

/*
 * Forget the entries that are no longer valid (their triggers may be gone).
 * Never called from an invalidation callback: an entry is removed only
 * here, at the top of trigger_target, when no pointer to one is held.
 */
static void
targets_sweep(void)
{
	HASH_SEQ_STATUS status;
	StoryTarget *t;

	story_targets_stale = false;
	hash_seq_init(&status, story_targets);
	while ((t = hash_seq_search(&status)) != NULL)
	{
		if (t->valid)
			continue;
		if (t->args)
			pfree(t->args);
		if (t->rels)
			pfree(t->rels);
		(void) hash_search(story_targets, &t->tgoid, HASH_REMOVE, NULL);
	}
}

/* Are the trigger's arguments those the entry was made from? */
static bool
target_args_equal(const StoryTarget *t, const Trigger *trigger)
{
	const char *a = t->args;
	int			i;

	if (t->nargs != trigger->tgnargs)
		return false;
	for (i = 0; i < t->nargs; i++)
	{
		if (strcmp(a, trigger->tgargs[i]) != 0)
			return false;
		a += strlen(a) + 1;
	}
	return true;
}

/*
 * Read a story_trigger's arguments after the leaders table and look its
 * columns up in the trigger's table, into *t (args, names, att, types and
 * window; nothing else).  The checks run in the order they always did, so
 * that a trigger wrong in several ways reports the same error.
 */
static void
target_parse(StoryTarget *t, Trigger *trigger, Relation rel)
{
	static const char *const defaults[4] = {"story", "id", "fp", "published_at"};
	TupleDesc	td = RelationGetDescr(rel);
	Size		len = 0;
	char	   *a;
	int			i;

	for (i = 0; i < trigger->tgnargs; i++)
		len += strlen(trigger->tgargs[i]) + 1;
	t->args = MemoryContextAlloc(TopMemoryContext, len);
	t->nargs = trigger->tgnargs;
	a = t->args;
	for (i = 0; i < trigger->tgnargs; i++)
	{
		strcpy(a, trigger->tgargs[i]);
		if (i >= 1 && i <= 4)
			t->names[i - 1] = a;
		a += strlen(a) + 1;
	}
	for (i = trigger->tgnargs; i <= 4; i++)
		t->names[i - 1] = defaults[i - 1];

	t->window = STORY_DEFAULT_WINDOW;
	t->intervalstyle = IntervalStyle;
	if (trigger->tgnargs == 6)
	{
		const char *w = trigger->tgargs[5];

		/* '' is no window; anything else an interval, as in SQL */
		if (w[0] == '\0')
			t->window = STORY_NO_WINDOW;
		else
			t->window = StoryWindowOf(DatumGetIntervalP(DirectFunctionCall3(interval_in,
																		CStringGetDatum(w),
																		ObjectIdGetDatum(InvalidOid),
																		Int32GetDatum(-1))));
	}

	for (i = 0; i < 4; i++)
	{
		int			attnum;

		if (i == 3 && t->names[3][0] == '\0')
		{
			t->att[3] = 0;
			continue;
		}
		attnum = SPI_fnumber(td, t->names[i]);
		if (attnum <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("column \"%s\" of relation \"%s\" does not exist",
							t->names[i], RelationGetRelationName(rel)),
					 errhint("story_trigger's arguments: leaders table, story, id, fingerprint and time columns.")));
		t->att[i] = attnum;
	}
	if (TupleDescAttr(td, t->att[0] - 1)->atttypid != INT8OID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("story column \"%s\" must be of type bigint", t->names[0])));
	if (TupleDescAttr(td, t->att[2] - 1)->attgenerated)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("fingerprint column \"%s\" is generated, and BEFORE triggers run before it is computed",
						t->names[2]),
				 errhint("Store the fingerprint in a plain column, or call assign_story() in INSERT ... SELECT.")));
	/*
	 * The fingerprint column is read as a fingerprint and passed to the
	 * leaders table's search and insert: any other type (a bytea, say)
	 * would reach them unchecked, and be stored there as a fingerprint.
	 */
	if (getBaseType(TupleDescAttr(td, t->att[2] - 1)->atttypid) !=
		StoryFingerprintType())
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("fingerprint column \"%s\" must be of type newsprint.fingerprint",
						t->names[2])));
	/* the id's and time's types are checked at each row, as they are read */
	t->idtype = TupleDescAttr(td, t->att[1] - 1)->atttypid;
	t->ttype = t->att[3] > 0 ?
		getBaseType(TupleDescAttr(td, t->att[3] - 1)->atttypid) : InvalidOid;
}

/*
 * A story_trigger's parsed arguments and columns (target_parse) and its
 * leaders table (trigger_resolve), locked, from the session's cache when
 * they still hold.  The entry returned may be removed by the next call:
 * the caller copies what it keeps before anything can call story_trigger
 * again (assign() may: a trigger on the leaders table that writes to a
 * table with a story_trigger).
 */
static StoryTarget *
trigger_target(Trigger *trigger, Relation rel)
{
	StoryTarget *t;
	bool		found;
	Oid			relid;
	Oid			prev = InvalidOid;
	List	   *rels;
	int			n;
	ListCell   *lc;

	story_caches_init();
	if (story_targets_stale)
		targets_sweep();
	t = hash_search(story_targets, &trigger->tgoid, HASH_ENTER, &found);
	if (!found)
	{
		t->valid = false;
		t->args = NULL;
		t->rels = NULL;
		t->nrels = 0;
	}
	else if (t->valid && t->tgrelid == RelationGetRelid(rel) &&
			 t->intervalstyle == IntervalStyle && target_args_equal(t, trigger))
	{
		/*
		 * Lock the table as the lookup would.  The first lock in a
		 * transaction takes in the invalidations sent since the last one,
		 * which may have cleared valid: then look it up again.  (The
		 * trigger's table is locked already, by the statement: what
		 * changed its columns has been taken in.)
		 */
		LockRelationOid(t->leaders, AccessShareLock);
		if (t->valid)
			return t;
		UnlockRelationOid(t->leaders, AccessShareLock);
	}

	/*
	 * An error from here on leaves the entry invalid, to be made again by
	 * the next row or swept by the next call (its trigger may be gone).
	 */
	t->valid = false;
	story_targets_stale = true;
	if (t->args)
		pfree(t->args);
	if (t->rels)
		pfree(t->rels);
	t->args = NULL;
	t->rels = NULL;
	t->nrels = 0;
	target_parse(t, trigger, rel);

	/*
	 * Resolve until no invalidation arrives meanwhile: one taken in while
	 * locking the leaders table may concern the tables walked before it.
	 */
	for (;;)
	{
		uint64		seen = SharedInvalidMessageCounter;

		CHECK_FOR_INTERRUPTS();
		rels = NIL;
		relid = trigger_resolve(trigger, rel, &rels);
		/* the lock taken by a previous round on another table */
		if (OidIsValid(prev) && prev != relid)
			UnlockRelationOid(prev, AccessShareLock);
		if (seen == SharedInvalidMessageCounter)
			break;
		prev = relid;
		list_free(rels);
	}

	t->rels = MemoryContextAlloc(TopMemoryContext, list_length(rels) * sizeof(Oid));
	n = 0;
	foreach(lc, rels)
		t->rels[n++] = lfirst_oid(lc);
	t->nrels = n;
	t->tgrelid = RelationGetRelid(rel);
	t->leaders = relid;
	t->valid = true;
	list_free(rels);
	return t;
}

/*
 * story_trigger(): BEFORE INSERT OR UPDATE trigger that sets an article's
 * story column.  Arguments: leaders table, then optionally the names of the
 * story, id, fingerprint and publication time columns (default story, id,
 * fp, published_at; pass '' for no time column), and the time window
 * (an interval, default STORY_DEFAULT_WINDOW, 20 hours; '' for none).
 */
Datum
story_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Trigger    *trigger;
	Relation	rel;
	TupleDesc	td;
	HeapTuple	tuple;
	StoryTarget target;
	Datum		d;
	bool		isnull;
	int64		id;
	NpFingerprint *x;
	bool		tnull = true;
	TimestampTz t = 0;
	StoryRule	rule;
	int64		story;
	Datum		newval;
	bool		newnull = false;
	int			storyatt;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("story_trigger must be called as a trigger")));
	if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) ||
		  TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("story_trigger must be a BEFORE INSERT OR UPDATE trigger FOR EACH ROW")));
	trigger = trigdata->tg_trigger;
	if (trigger->tgnargs < 1 || trigger->tgnargs > 6)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("story_trigger takes 1 to 6 arguments"),
				 errhint("Give the leaders table, then optionally the story, id, fingerprint and publication time columns and the time window.")));

	rel = trigdata->tg_relation;
	td = RelationGetDescr(rel);
	tuple = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
		trigdata->tg_newtuple : trigdata->tg_trigtuple;

	/*
	 * A copy: the entry may be gone after assign() (trigger_target).  Its
	 * names are read only before assign().
	 */
	target = *trigger_target(trigger, rel);
	storyatt = target.att[0];

	d = heap_getattr(tuple, target.att[1], td, &isnull);
	if (isnull)
		return PointerGetDatum(tuple);
	switch (target.idtype)
	{
		case INT8OID:
			id = DatumGetInt64(d);
			break;
		case INT4OID:
			id = DatumGetInt32(d);
			break;
		case INT2OID:
			id = DatumGetInt16(d);
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("id column \"%s\" must be of an integer type",
							target.names[1])));
	}
	d = heap_getattr(tuple, target.att[2], td, &isnull);
	if (isnull)
		newnull = true;
	else
	{
		x = DatumGetNpFingerprintP(d);
		if (target.att[3] > 0)
		{
			Oid			ttype = target.ttype;

			/*
			 * A timestamp or a date counts as cluster_stories() reads its
			 * order column: cast to timestamptz in the session's TimeZone
			 */
			if (!StoryIsTimeType(ttype))
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("time column \"%s\" must be of type timestamp with time zone, timestamp or date",
								target.names[3])));
			d = heap_getattr(tuple, target.att[3], td, &tnull);
			if (!tnull && ttype == TIMESTAMPOID)
				d = DirectFunctionCall1(timestamp_timestamptz, d);
			else if (!tnull && ttype == DATEOID)
				d = DirectFunctionCall1(date_timestamptz, d);
			if (!tnull)
				t = DatumGetTimestampTz(d);
		}
		rule.threshold = NpSettingValue(NP_SETTING_SAME_STORY);
		rule.min_shared = STORY_DEFAULT_MIN_SHARED;
		rule.tiny_shingles = STORY_DEFAULT_TINY_SHINGLES;
		rule.tiny_similarity = STORY_DEFAULT_TINY_SIMILARITY;
		rule.min_named = STORY_DEFAULT_MIN_NAMED;
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		story = assign(target.leaders, id, x, tnull, t, &rule, target.window);
		SPI_finish();
		newval = Int64GetDatum(story);
	}
	tuple = heap_modify_tuple_by_cols(tuple, td, 1, &storyatt, &newval, &newnull);
	return PointerGetDatum(tuple);
}
