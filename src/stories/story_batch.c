/*-------------------------------------------------------------------------
 *
 * story_batch.c
 *	  cluster_stories(): the batch form of the story rule.
 *
 * One ordered scan of the table through SPI (so that the distributed or
 * partitioned planner does the reading: Citus, partitions, postgres_fdw),
 * no self-join and no work table.  Each article, in order, is looked up in
 * the in-memory leader index (story_index.c) and either joins the best
 * leader or becomes one.  Memory is bounded by maintenance_work_mem (the
 * index) and work_mem (the sort, the result).
 *
 * The time window applies when the order column is a time (timestamptz,
 * timestamp or date, or a domain over one): the scan reads it cast to
 * timestamptz, as assign_story() receives a time (a timestamp or a date in
 * the session's time zone), so that the two forms compare the same times.
 *
 * src/stories/story_batch.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "stories/stories.h"

PG_FUNCTION_INFO_V1(cluster_stories);

#define STORY_FETCH			1000
#define STORY_REPORT_EVERY	100000

/* The OID of newsprint.fingerprint */
Oid
StoryFingerprintType(void)
{
	/* the control file fixes the schema */
	Oid			nsp = get_namespace_oid("newsprint", false);

	return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
						   CStringGetDatum("fingerprint"),
						   ObjectIdGetDatum(nsp));
}

/* Check that relid has a column name (of type typid, unless InvalidOid) */
void		StoryCheckColumn(Oid relid, const char *role, const char *name,
							 Oid typid);

void
StoryCheckColumn(Oid relid, const char *role, const char *name, Oid typid)
{
	char	   *rel = get_rel_name(relid);
	AttrNumber	att;

	/* a regclass may hold the OID of no relation (0, or one dropped) */
	if (rel == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	att = get_attnum(relid, name);
	if (att == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						name, rel),
				 errdetail("It was given as the %s column.", role)));
	/* a domain over fingerprint reads as a fingerprint */
	if (OidIsValid(typid) &&
		(typid == StoryFingerprintType() ?
		 getBaseType(get_atttype(relid, att)) :
		 get_atttype(relid, att)) != typid)
	{
		if (typid == StoryFingerprintType())
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("column \"%s\" of relation \"%s\" is not of type newsprint.fingerprint",
							name, rel),
					 errhint("Add one with ALTER TABLE ... ADD COLUMN fp newsprint.fingerprint and fill it with newsprint.fingerprint(body).")));
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of relation \"%s\" is not of type %s",
						name, rel, format_type_be(typid))));
	}
}

/* The schema-qualified, quoted name of a relation */
char	   *StoryRelationName(Oid relid);

char *
StoryRelationName(Oid relid)
{
	char	   *rel = get_rel_name(relid);

	if (rel == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
									  rel);
}

/*
 * Error out unless the id column is of an integer type (or a domain over
 * one), as story_trigger() asks.  The scan casts the id to bigint, and the
 * cast from any other type may be a function of the table owner's (CREATE
 * CAST takes only the ownership of the type): a role that could read the
 * table but not run that owner's code, a superuser clustering another
 * role's articles say, ran it with its own rights.  The casts from the
 * integer types are the server's own.
 */
static void
story_check_id_type(Oid relid, const char *idcol)
{
	Oid			base = getBaseType(get_atttype(relid, get_attnum(relid, idcol)));

	if (base != INT8OID && base != INT4OID && base != INT2OID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("id column \"%s\" of relation \"%s\" must be of an integer type",
						idcol, get_rel_name(relid)),
				 errdetail("Its type is %s.",
						   format_type_be(get_atttype(relid, get_attnum(relid, idcol)))),
				 errhint("Give a bigint, integer or smallint column as the id column.")));
}

/* Order int64s (qsort) */
static int
story_cmp_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/*
 * The rows of store, in order, in a new tuplestore, with leads false for
 * the ids in demoted (n of them, sorted): the one-liners whose write-through
 * took their story over (StoryIndexHandOff), whose rows were put before it
 * came.  The old store is freed.
 */
static Tuplestorestate *
story_demote_leaders(Tuplestorestate *store, TupleDesc tupdesc,
					 const int64 *demoted, int n, bool random)
{
	Tuplestorestate *out = tuplestore_begin_heap(random, false, work_mem);
	TupleTableSlot *slot = MakeSingleTupleTableSlot(tupdesc,
													&TTSOpsMinimalTuple);
	Datum		values[4];
	bool		nulls[4];

	tuplestore_rescan(store);
	while (tuplestore_gettupleslot(store, true, false, slot))
	{
		int64		id;
		int			k;

		slot_getallattrs(slot);
		for (k = 0; k < 4; k++)
		{
			values[k] = slot->tts_values[k];
			nulls[k] = slot->tts_isnull[k];
		}
		id = DatumGetInt64(values[0]);
		if (bsearch(&id, demoted, n, sizeof(int64), story_cmp_int64) != NULL)
			values[3] = BoolGetDatum(false);
		tuplestore_putvalues(out, tupdesc, values, nulls);
		CHECK_FOR_INTERRUPTS();
	}
	ExecDropSingleTupleTableSlot(slot);
	tuplestore_end(store);
	return out;
}

/*
 * cluster_stories(articles regclass, id_column name, fingerprint_column
 *				   name, order_column name, threshold float8, min_shared
 *				   int, tiny_shingles int, tiny_similarity float8, min_named
 *				   int, time_window interval)
 * RETURNS TABLE (id bigint, story bigint, score float8, leads boolean)
 *
 * leads is true for the articles that the batch made leaders, those that
 * assign_story() adds to its leaders table: a story's first article, but
 * not a round-up, which starts a story without leading it.
 */
Datum
cluster_stories(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TupleDesc	tupdesc;
	Tuplestorestate *store;
	MemoryContext oldcxt;
	MemoryContext workcxt;
	MemoryContext rowcxt;
	StoryRule	rule;
	Oid			relid;
	char	   *idcol;
	char	   *fpcol;
	char	   *ordcol = NULL;
	StringInfoData sql;
	SPIPlanPtr	plan;
	Portal		portal;
	StoryIndex *si;
	int64		nread = 0;
	int64		nstories = 0;
	int64		leaders;
	int64		evicted;
	int64		evicted_live;
	int64		evicted_reported = 0;
	Size		bytes;
	NpFingerprint *first = NULL;
	int64		window;
	bool		timed = false;
	bool		seen_time = false;	/* an article with a time was read */
	bool		tail_noted = false; /* the untimed tail was reached */
	char	   *window_text = NULL;
	int64	   *demoted = NULL; /* one-liners handed over (their ids) */
	int			ndemoted = 0;
	int			maxdemoted = 0;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("cluster_stories needs a table, an id column and a fingerprint column"),
				 errhint("The other arguments may be NULL: a NULL rule parameter takes its default, a NULL order column or time window means no time window.")));
	relid = PG_GETARG_OID(0);
	idcol = NameStr(*PG_GETARG_NAME(1));
	fpcol = NameStr(*PG_GETARG_NAME(2));
	if (!PG_ARGISNULL(3))
		ordcol = NameStr(*PG_GETARG_NAME(3));
	StoryRuleFromArgs(fcinfo, 4, &rule);
	window = StoryWindowFromArg(fcinfo, 9);

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("materialize mode required, but it is not allowed in this context")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");

	StoryCheckColumn(relid, "id", idcol, InvalidOid);
	story_check_id_type(relid, idcol);
	StoryCheckColumn(relid, "fingerprint", fpcol, StoryFingerprintType());
	if (ordcol)
	{
		StoryCheckColumn(relid, "order", ordcol, InvalidOid);
		/* the window needs times: the order column's, when it is a time */
		timed = window != STORY_NO_WINDOW &&
			StoryIsTimeType(get_atttype(relid, get_attnum(relid, ordcol)));
	}
	if (timed)
		window_text = DatumGetCString(DirectFunctionCall1(interval_out,
														  PG_GETARG_DATUM(9)));

	oldcxt = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	tupdesc = CreateTupleDescCopy(tupdesc);
	store = tuplestore_begin_heap(rsinfo->allowedModes & SFRM_Materialize_Random,
								  false, work_mem);
	MemoryContextSwitchTo(oldcxt);

	workcxt = AllocSetContextCreate(CurrentMemoryContext, "cluster_stories",
									ALLOCSET_DEFAULT_SIZES);
	rowcxt = AllocSetContextCreate(workcxt, "cluster_stories row",
								   ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(workcxt);
	si = StoryIndexCreate(&rule, (Size) maintenance_work_mem * 1024,
						  timed ? window : STORY_NO_WINDOW);

	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT %s::pg_catalog.int8, %s", quote_identifier(idcol),
					 quote_identifier(fpcol));
	if (timed)
		appendStringInfo(&sql, ", %s::pg_catalog.timestamptz", quote_identifier(ordcol));
	appendStringInfo(&sql, " FROM %s WHERE %s IS NOT NULL AND %s IS NOT NULL ORDER BY ",
					 StoryRelationName(relid),
					 quote_identifier(idcol), quote_identifier(fpcol));

	/*
	 * With the window, in order of the times compared (the cast), so that
	 * they never go back: the skip and the eviction of story_index.c count
	 * on it.  A timestamp's cast does go back where the session's time zone
	 * moves its clocks forward (02:30 of the missing hour is read as 03:30),
	 * and assign_story() in order of its timestamptz argument sees that
	 * order too.
	 */
	if (timed)
		appendStringInfo(&sql, "3, ");
	else if (ordcol)
		appendStringInfo(&sql, "%s, ", quote_identifier(ordcol));
	appendStringInfo(&sql, "1");
	MemoryContextSwitchTo(oldcxt);

	ereport(NOTICE,
			(errmsg("cluster_stories: reading %s in order of %s%s; %s%s",
					StoryRelationName(relid), ordcol ? quote_identifier(ordcol) : "",
					ordcol ? ", then id" : "id",
					timed ? "time window " :
					window == STORY_NO_WINDOW ? "no time window" :
					ordcol == NULL ? "no time window (no order column)" :
					"no time window (the order column is not a time)",
					timed ? window_text : "")));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare(sql.data, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql.data,
			 SPI_result_code_string(SPI_result));
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	/*
	 * The column was checked before the query locked the table: an ALTER
	 * TABLE in between could have changed its type.
	 */
	if (getBaseType(SPI_gettypeid(portal->tupDesc, 2)) != StoryFingerprintType())
	{
		StoryCheckColumn(relid, "fingerprint", fpcol, StoryFingerprintType());
		elog(ERROR, "column \"%s\" is not of type newsprint.fingerprint", fpcol);
	}

	for (;;)
	{
		uint64		i;

		SPI_cursor_fetch(portal, true, STORY_FETCH);
		if (SPI_processed == 0)
			break;
		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			bool		isnull;
			int64		id;
			int64		t = STORY_NO_TIME;
			Datum		d;
			NpFingerprint *fp;
			int			leader;
			double		score = 0.0;
			bool		handed = false; /* x took a one-liner's story over */
			Datum		values[4];
			bool		nulls[4] = {false, false, false, false};

			MemoryContextSwitchTo(rowcxt);
			id = DatumGetInt64(SPI_getbinval(tup, SPI_tuptable->tupdesc, 1, &isnull));
			d = SPI_getbinval(tup, SPI_tuptable->tupdesc, 2, &isnull);
			fp = DatumGetNpFingerprintP(d);
			if (timed)
			{
				d = SPI_getbinval(tup, SPI_tuptable->tupdesc, 3, &isnull);
				if (!isnull)
					t = StoryTimeOf(DatumGetTimestampTz(d));
				if (t != STORY_NO_TIME)
					seen_time = true;
				else if (seen_time && !tail_noted)
				{
					/*
					 * The articles without a time that come after the timed
					 * ones (NULL, +infinity) have no time test: a leader
					 * dropped as out of the window could still attract
					 * them.  Say so once.
					 */
					tail_noted = true;
					StoryIndexStats(si, &leaders, &evicted, &evicted_live, &bytes);
					if (evicted > evicted_live)
						ereport(NOTICE,
								(errmsg("cluster_stories: " INT64_FORMAT " leaders dropped as out of the time window no longer attract the articles without a time, read last, which have no time test",
										evicted - evicted_live),
								 errhint("Raise maintenance_work_mem (about 2 kB per story) to keep every leader.")));
				}
			}

			MemoryContextSwitchTo(workcxt);
			/* every fingerprint must be comparable with every other */
			if (first == NULL)
			{
				first = palloc(NP_FP_HDRSZ);
				memcpy(first, fp, NP_FP_HDRSZ);
				SET_VARSIZE(first, NP_FP_HDRSZ);
			}
			else
				NpFingerprintCheckCompatible(fp, first);
			leader = StoryIndexFind(si, fp, t, &score);
			/*
			 * None within the window (-1): a late or next-day copy of an
			 * older story? A round-up (STORY_FIND_ROUNDUP) is none.
			 */
			if (leader == -1)
				leader = StoryIndexFindLate(si, fp, t, &score);
			/* an URGENT one-liner and its write-through (StoryUrgentJoins) */
			if (leader == -1)
			{
				int			urg_pos;

				leader = StoryIndexFindUrgent(si, fp, t, &score, &urg_pos);
				if (urg_pos >= 0)
				{
					/*
					 * The write-through leads the one-liner's story from
					 * now on, as its row of assign_story()'s leaders table
					 * would: the one-liner's row, put already, leads no
					 * more (story_demote_leaders)
					 */
					StoryIndexHandOff(si, urg_pos, fp, t);
					if (ndemoted == maxdemoted)
					{
						maxdemoted = Max(16, maxdemoted * 2);
						demoted = demoted == NULL ?
							palloc(maxdemoted * sizeof(int64)) :
							repalloc(demoted, maxdemoted * sizeof(int64));
					}
					demoted[ndemoted++] = StoryIndexLeaderId(si, leader);
					handed = true;
				}
			}
			values[0] = Int64GetDatum(id);
			if (leader >= 0)
			{
				values[1] = Int64GetDatum(StoryIndexLeaderId(si, leader));
				values[2] = Float8GetDatum(score);
				/* a write-through that took its one-liner's story over */
				values[3] = BoolGetDatum(handed);
			}
			else
			{
				/* a round-up's story has no leader to join */
				if (leader != STORY_FIND_ROUNDUP)
					StoryIndexAdd(si, id, fp, t);
				values[1] = Int64GetDatum(id);
				nulls[2] = true;
				values[3] = BoolGetDatum(leader != STORY_FIND_ROUNDUP);
				nstories++;
			}
			MemoryContextSwitchTo(oldcxt);
			tuplestore_putvalues(store, tupdesc, values, nulls);
			MemoryContextReset(rowcxt);

			nread++;
			if (nread % STORY_REPORT_EVERY == 0)
			{
				StoryIndexStats(si, &leaders, &evicted, &evicted_live, &bytes);
				ereport(NOTICE,
						(errmsg("cluster_stories: " INT64_FORMAT " articles, " INT64_FORMAT " stories, %zu MB of leaders",
								nread, nstories, bytes >> 20)));
			}
		}
		StoryIndexStats(si, &leaders, &evicted, &evicted_live, &bytes);
		if (evicted > evicted_reported)
		{
			if (timed)
				ereport(NOTICE,
						(errmsg("cluster_stories: the leader index reached maintenance_work_mem; " INT64_FORMAT " leaders, those out of the time window first, then the oldest, no longer attract articles, " INT64_FORMAT " of them within the window",
								evicted, evicted_live),
						 errhint("Raise maintenance_work_mem (about 2 kB per story) to keep every leader.")));
			else
				ereport(NOTICE,
						(errmsg("cluster_stories: the leader index reached maintenance_work_mem; the " INT64_FORMAT " oldest leaders no longer attract articles",
								evicted),
						 errhint("Raise maintenance_work_mem (about 2 kB per story) to keep every leader.")));
			evicted_reported = evicted;
		}
		SPI_freetuptable(SPI_tuptable);
		CHECK_FOR_INTERRUPTS();
	}
	SPI_cursor_close(portal);
	SPI_finish();

	if (ndemoted > 0)
	{
		qsort(demoted, ndemoted, sizeof(int64), story_cmp_int64);
		oldcxt = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
		store = story_demote_leaders(store, tupdesc, demoted, ndemoted,
									 (rsinfo->allowedModes & SFRM_Materialize_Random) != 0);
		MemoryContextSwitchTo(oldcxt);
	}

	StoryIndexStats(si, &leaders, &evicted, &evicted_live, &bytes);
	ereport(NOTICE,
			(errmsg_plural("cluster_stories: done: " INT64_FORMAT " articles in " INT64_FORMAT " story (%zu MB of leaders)",
						   "cluster_stories: done: " INT64_FORMAT " articles in " INT64_FORMAT " stories (%zu MB of leaders)",
						   (unsigned long) nstories,
						   nread, nstories, bytes >> 20)));
	MemoryContextDelete(workcxt);

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = tupdesc;
	return (Datum) 0;
}
