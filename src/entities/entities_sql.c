/*-------------------------------------------------------------------------
 *
 * entities_sql.c
 *	  SQL interface of entity extraction: entities(), entity_mentions(), and
 *	  the per-backend cache of the user dictionary (entity_dictionary).
 *
 * The text is read through textio (UTF-8, verified, within the limit, NFC;
 * cleaned, when clean => true, into exactly what clean() returns) and handed
 * to the extractor, whose byte offsets become 1-based character positions
 * and lengths in the text read: substr(text, start, length) is the mention.
 *
 * The user dictionary
 * -------------------
 * Rows of newsprint.entity_dictionary (name, kind, aliases) are read with
 * SPI on first use in a backend and kept in a hash table in a memory context
 * under CacheMemoryContext.  A statement-level trigger on the table calls
 * entity_dictionary_changed(), which queues a relcache invalidation of the
 * table; every backend processes it (the writer at its next command, the
 * others when the writer commits), and our relcache callback then marks the
 * cache stale, so the next call reloads it.  Changes made with the trigger
 * disabled are seen after the next relcache reset or reconnection.  Reading
 * a table is why the functions are STABLE, not IMMUTABLE.
 *
 * The cache holds every row and serves only roles that could read every row
 * themselves (SELECT on the table, no row-level security for them); other
 * roles read the table on each call with their own rights, so the cache
 * never shows a role rows it may not see (doc/security.md).
 *
 * src/entities/entities_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
#include "utils/tuplestore.h"

#include "compat.h"
#include "distributed.h"
#include "entities/entities.h"
#include "entities/entities_sql.h"
#include "text/clean.h"
#include "text/textio.h"

PG_FUNCTION_INFO_V1(newsprint_entities);
PG_FUNCTION_INFO_V1(newsprint_entity_mentions);
PG_FUNCTION_INFO_V1(newsprint_entity_dictionary_changed);

/* The user dictionary cache: every row of the table, shared by all roles */
static MemoryContext dict_cxt = NULL;
static NpGazTable dict_table;
static bool dict_valid = false;
static Oid	dict_relid = InvalidOid;
static uint64 dict_invals = 0;	/* invalidations of the cache received */

/*
 * Mark the dictionary cache stale when its table's relcache entry (or every
 * entry) is invalidated.
 */
static void
dict_relcache_callback(Datum arg, Oid relid)
{
	(void) arg;
	if (relid == InvalidOid || relid == dict_relid)
	{
		dict_valid = false;
		dict_invals++;
	}
}

/*
 * Register the cache invalidation callback (from _PG_init).
 */
void
NpEntitiesRegisterCallbacks(void)
{
	CacheRegisterRelcacheCallback(dict_relcache_callback, (Datum) 0);
}

/*
 * Copy a name or alias of the user dictionary as NUL-terminated UTF-8 into
 * context cxt, read as article text is (converted, valid UTF-8, NFC), so
 * that it is looked up in the form the text has.  Both the table's readers
 * and the dictionary given as a value (entities_dict_sql.c) come here, so
 * that the two forms agree.
 */
char *
NpEntityDictString(MemoryContext cxt, Datum d, size_t *len)
{
	NpText		nt;
	char	   *r;

	NpTextGetAs(DatumGetTextPP(d), "entity dictionary entry", &nt);
	r = MemoryContextAlloc(cxt, nt.len + 1);
	memcpy(r, nt.data, nt.len);
	r[nt.len] = '\0';
	*len = nt.len;
	return r;
}

/*
 * Append a name or alias of a user dictionary to keys (see
 * NpGazKeyListAdd); refuse a dictionary that would store more than
 * NP_GAZ_MAX_USER_ENTRIES names, aliases and prefixes.
 */
void
NpEntityDictAddKey(NpGazKeyList *keys, const char *key, size_t keylen,
				   const char *canon, size_t canonlen, NpEntityKind kind)
{
	NpGazKeyListAdd(keys, key, keylen, canon, canonlen, kind);
	if (keys->entries > NP_GAZ_MAX_USER_ENTRIES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("entity dictionary too large"),
				 errdetail("Its names, aliases and their prefixes before a space or punctuation mark number more than %llu.",
						   (unsigned long long) NP_GAZ_MAX_USER_ENTRIES),
				 errhint("A key stores a prefix before each of its first %d spaces and punctuation marks; use fewer or shorter names.",
						 NP_GAZ_MAX_KEY_BREAKS)));
}

/*
 * Read the rows of the dictionary table relid, in schema nsp, that the
 * current role may see into table, allocated in cxt.  The query runs with
 * the current role's rights: no SELECT, no rows (an error, as for a SELECT);
 * row-level security, the rows its policies let through.  It reads what the
 * statement's snapshot sees, or with latest what is committed now (and what
 * this transaction wrote before this statement).
 */
static void
dict_load(NpGazTable *table, MemoryContext cxt, Oid nsp, bool latest)
{
	char	   *query;
	uint64		i;
	MemoryContext old;
	int			ret;
	NpGazKeyList keys;
	char	   *name = NULL;
	size_t		namelen = 0;
	NpEntityKind k = NP_KIND_NONE;

	/* in name order, as entity_dictionary_snapshot() gives them */
	query = psprintf("SELECT d.name, d.kind, a.alias "
					 "FROM %s.entity_dictionary d "
					 "LEFT JOIN LATERAL pg_catalog.unnest(d.aliases) AS a(alias) ON true "
					 "ORDER BY d.name",
					 quote_identifier(get_namespace_name(nsp)));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (latest)
		PushActiveSnapshot(GetLatestSnapshot());
	ret = SPI_execute(query, true, 0);
	if (latest)
		PopActiveSnapshot();
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(ret));

	/*
	 * a row per name and alias: the rows of one name come together (it is
	 * the primary key), and the first of them adds the name
	 */
	memset(&keys, 0, sizeof(keys));
	old = MemoryContextSwitchTo(cxt);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		dname,
					dkind,
					dalias;
		char	   *cur;
		size_t		curlen;

		NP_CHECK_FOR_INTERRUPTS();
		dname = SPI_getbinval(tup, desc, 1, &isnull);
		if (isnull)
			continue;
		dkind = SPI_getbinval(tup, desc, 2, &isnull);
		if (isnull)
			continue;
		cur = NpEntityDictString(cxt, dname, &curlen);
		if (name != NULL && curlen == namelen && memcmp(cur, name, curlen) == 0)
			pfree(cur);
		else
		{
			size_t		kindlen;
			char	   *kind = NpEntityDictString(cxt, dkind, &kindlen);

			name = cur;
			namelen = curlen;
			k = NpEntityKindFromName(kind, kindlen);
			pfree(kind);
			if (k != NP_KIND_NONE)	/* the CHECK constraint ensures it */
				NpEntityDictAddKey(&keys, name, namelen, name, namelen, k);
		}
		if (k == NP_KIND_NONE)
			continue;
		dalias = SPI_getbinval(tup, desc, 3, &isnull);
		if (!isnull)
		{
			size_t		alen;
			char	   *alias = NpEntityDictString(cxt, dalias, &alen);

			NpEntityDictAddKey(&keys, alias, alen, name, namelen, k);
		}
	}
	NpGazTableBuildUser(table, &keys, "user");
	MemoryContextSwitchTo(old);
	SPI_finish();
}

/*
 * Return the user dictionary as the current role may see it (NULL when
 * empty).  nsp is the extension's schema.
 *
 * The cache holds every row, so a role may use it only when it could read
 * every row itself: SELECT on the table, and no row-level security applying
 * to it.  Any other role reads the table on every call, with its own rights,
 * into a context of its own that the caller deletes (*private_cxt; NULL when
 * the cache was used): it gets the error or the rows that a SELECT would
 * give it, never what another role loaded.
 */
static const NpGazTable *
user_dictionary(Oid nsp, MemoryContext *private_cxt)
{
	Oid			relid;
	NpGazTable *table;

	*private_cxt = NULL;
	relid = get_relname_relid("entity_dictionary", nsp);
	if (!OidIsValid(relid))
		return NULL;

	if (pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK ||
		check_enable_rls(relid, InvalidOid, true) == RLS_ENABLED)
	{
		*private_cxt = AllocSetContextCreate(CurrentMemoryContext,
											 "newsprint entity dictionary (this call)",
											 ALLOCSET_SMALL_SIZES);
		table = MemoryContextAllocZero(*private_cxt, sizeof(NpGazTable));
		dict_load(table, *private_cxt, nsp, false);
		return table->count > 0 ? table : NULL;
	}

	if (!dict_valid || relid != dict_relid)
	{
		MemoryContext cxt;
		uint64		invals;

		/*
		 * Load into a context of this call, which an error (a cancel, a
		 * dictionary too large) frees with everything read so far, and keep
		 * it only once the table is whole.
		 */
		if (dict_cxt != NULL)
			MemoryContextDelete(dict_cxt);
		dict_cxt = NULL;
		memset(&dict_table, 0, sizeof(dict_table));
		dict_valid = false;
		dict_relid = relid;
		cxt = AllocSetContextCreate(CurrentMemoryContext,
									"newsprint entity dictionary",
									ALLOCSET_SMALL_SIZES);

		/*
		 * The cache outlives the statement, so it holds what is committed
		 * now, not what the statement's snapshot sees: read with that
		 * snapshot, a change committed after it was taken was missing, and
		 * its invalidation, received when the read locked the table, was
		 * taken for one the cache had seen, so the change stayed unseen
		 * until the table's next change.  A change whose invalidation
		 * arrives during the read may be missing still: then the table
		 * serves this call only.  A parallel query may not take a snapshot
		 * (a worker's cache ends with the query; the leader's may miss a
		 * change as before).
		 */
		invals = dict_invals;
		dict_load(&dict_table, cxt, nsp, !IsInParallelMode());
		MemoryContextSetParent(cxt, CacheMemoryContext);
		dict_cxt = cxt;
		dict_valid = (dict_invals == invals);
	}
	return dict_table.count > 0 ? &dict_table : NULL;
}

/*
 * Trigger function: tell every backend that the dictionary changed.
 *
 * The caches watch the extension's table, so the trigger must be on that
 * table: on a copy, or on a Citus shard of it (which src/distributed.c
 * prevents), it would invalidate a relation no cache watches.
 */
Datum
newsprint_entity_dictionary_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Relation	rel;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("entity_dictionary_changed() must be called as a trigger")));
	rel = trigdata->tg_relation;
	if (strcmp(RelationGetRelationName(rel), "entity_dictionary") != 0 ||
		RelationGetNamespace(rel) != get_func_namespace(fcinfo->flinfo->fn_oid))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("entity_dictionary_changed() fired on table \"%s\", not on newsprint.entity_dictionary",
						RelationGetRelationName(rel)),
				 errdetail("The trigger tells the caches of newsprint.entity_dictionary that it changed; on another table it would tell them nothing.")));
	CacheInvalidateRelcacheByRelid(RelationGetRelid(rel));
	dict_valid = false;
	return PointerGetDatum(NULL);
}

/*
 * Shared body of entities() and entity_mentions().
 */
static Datum
entities_srf(FunctionCallInfo fcinfo, bool mentions)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	bool		clean = PG_GETARG_BOOL(1);
	ReturnSetInfo *rsinfo;
	MemoryContext oldcxt;
	MemoryContext work;
	MemoryContext rowcxt;
	const NpGazTable *dict;
	MemoryContext dict_private = NULL;
	NpText		t;
	NpEntityResult r;
	NpCharCounter cc;
	NpSlicer	sl;
	int			i;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	if (PG_NARGS() > 2)
		dict = NpEntityDictionaryArg(fcinfo, 2);
	else
	{
		NpCheckDictionaryTravels(mentions ? "entity_mentions" : "entities");
		dict = user_dictionary(get_func_namespace(fcinfo->flinfo->fn_oid), &dict_private);
	}

	work = AllocSetContextCreate(CurrentMemoryContext, "newsprint entities",
								 ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(work);
	NpTextRead(body, clean, true, &t);
	NpExtractEntities(t.data, t.len, dict, &r);
	MemoryContextSwitchTo(oldcxt);

	/*
	 * Mentions and first mentions are in text order: one counting pass.  Each
	 * row's values live in rowcxt until the tuplestore has copied them.
	 */
	NpCharCounterInit(&cc, t.data, t.len, t.edits, t.nedits);
	NpSlicerInit(&sl, body);
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "newsprint entity row",
								   ALLOCSET_SMALL_SIZES);
	oldcxt = MemoryContextSwitchTo(rowcxt);
	if (mentions)
	{
		for (i = 0; i < r.nmentions; i++)
		{
			NpMention  *m = &r.mentions[i];
			NpEntity   *e = &r.entities[m->entity];
			Datum		values[5];
			bool		nulls[5] = {false, false, false, false, false};
			int32		start;
			int32		length;

			NpCharSpan(&cc, m->start, m->end, &start, &length);
			values[0] = Int32GetDatum(start);
			values[1] = Int32GetDatum(length);
			values[2] = PointerGetDatum(clean ?
										NpTextResult(t.data + m->start, m->end - m->start) :
										NpSlice(&sl, start, length));
			values[3] = PointerGetDatum(NpTextResult(e->name, strlen(e->name)));
			values[4] = CStringGetTextDatum(NpEntityKindName(e->kind));
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			MemoryContextReset(rowcxt);
			CHECK_FOR_INTERRUPTS();
		}
	}
	else
	{
		for (i = 0; i < r.nentities; i++)
		{
			NpEntity   *e = &r.entities[i];
			Datum		values[5];
			bool		nulls[5] = {false, false, false, false, false};

			values[0] = PointerGetDatum(NpTextResult(e->name, strlen(e->name)));
			values[1] = CStringGetTextDatum(NpEntityKindName(e->kind));
			if (e->subtype)
				values[2] = CStringGetTextDatum(e->subtype);
			else
				nulls[2] = true;
			values[3] = Int32GetDatum(e->mentions);
			values[4] = Int32GetDatum(NpCharPos(&cc, e->first, false) + 1);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			MemoryContextReset(rowcxt);
			CHECK_FOR_INTERRUPTS();
		}
	}
	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(rowcxt);
	MemoryContextDelete(work);
	if (dict_private)
		MemoryContextDelete(dict_private);
	return (Datum) 0;
}

/*
 * entities(body text, clean boolean): one row per distinct entity.
 */
Datum
newsprint_entities(PG_FUNCTION_ARGS)
{
	return entities_srf(fcinfo, false);
}

/*
 * entity_mentions(body text, clean boolean): one row per mention.
 */
Datum
newsprint_entity_mentions(PG_FUNCTION_ARGS)
{
	return entities_srf(fcinfo, true);
}
