/*-------------------------------------------------------------------------
 *
 * entities_sql.c
 *	  SQL interface of entity extraction: entities(), entity_mentions(), and
 *	  the per-backend cache of the user dictionary (entity_dictionary).
 *
 * Input is checked (valid UTF-8, size), converted to UTF-8 when the
 * database uses another encoding, cleaned when clean => true (NpCleanText,
 * the core of clean(), then NFC in UTF-8 databases as clean() does), and
 * handed to the extractor, whose byte offsets are turned into 0-based
 * character offsets, end exclusive, into the text it read.
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

#include "catalog/namespace.h"
#include "common/unicode_norm.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rls.h"
#include "lib/stringinfo.h"
#include "utils/tuplestore.h"

#include "compat.h"
#include "distributed.h"
#include "entities/entities.h"
#include "entities/entities_sql.h"
#include "text/clean.h"

PG_FUNCTION_INFO_V1(newsprint_entities);
PG_FUNCTION_INFO_V1(newsprint_entity_mentions);
PG_FUNCTION_INFO_V1(newsprint_entity_dictionary_changed);

/* The user dictionary cache: every row of the table, shared by all roles */
static MemoryContext dict_cxt = NULL;
static NpGazTable dict_table;
static bool dict_valid = false;
static Oid	dict_relid = InvalidOid;

/*
 * Mark the dictionary cache stale when its table's relcache entry (or every
 * entry) is invalidated.
 */
static void
dict_relcache_callback(Datum arg, Oid relid)
{
	(void) arg;
	if (relid == InvalidOid || relid == dict_relid)
		dict_valid = false;
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
 * Copy a text datum's value as NUL-terminated UTF-8 into context cxt.
 */
static char *
dict_string(MemoryContext cxt, Datum d, size_t *len)
{
	text	   *t = DatumGetTextPP(d);
	const char *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);
	char	   *r;

	if (GetDatabaseEncoding() != PG_UTF8)
	{
		s = pg_server_to_any(s, n, PG_UTF8);
		n = strlen(s);
	}
	r = MemoryContextAlloc(cxt, n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	*len = n;
	return r;
}

/*
 * Read the rows of the dictionary table relid, in schema nsp, that the
 * current role may see into table, allocated in cxt.  The query runs with
 * the current role's rights: no SELECT, no rows (an error, as for a SELECT);
 * row-level security, the rows its policies let through.
 */
static void
dict_load(NpGazTable *table, MemoryContext cxt, Oid nsp)
{
	char	   *query;
	uint64		i;
	MemoryContext old;
	int			ret;

	/* in name order, as entity_dictionary_snapshot() gives them */
	query = psprintf("SELECT d.name, d.kind, a.alias "
					 "FROM %s.entity_dictionary d "
					 "LEFT JOIN LATERAL pg_catalog.unnest(d.aliases) AS a(alias) ON true "
					 "ORDER BY d.name",
					 quote_identifier(get_namespace_name(nsp)));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute(query, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(ret));

	old = MemoryContextSwitchTo(cxt);
	NpGazTableInit(table, (uint32_t) Min(SPI_processed * 2 + 16, 1 << 24));
	MemoryContextSwitchTo(old);

	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		dname,
					dkind,
					dalias;
		char	   *name,
				   *kind;
		size_t		namelen,
					kindlen;
		NpEntityKind k;

		dname = SPI_getbinval(tup, desc, 1, &isnull);
		if (isnull)
			continue;
		dkind = SPI_getbinval(tup, desc, 2, &isnull);
		if (isnull)
			continue;
		name = dict_string(cxt, dname, &namelen);
		kind = dict_string(cxt, dkind, &kindlen);
		k = NpEntityKindFromName(kind, kindlen);
		if (k == NP_KIND_NONE)
			continue;			/* the CHECK constraint prevents this */
		old = MemoryContextSwitchTo(cxt);
		NpGazTableAddEntity(table, name, namelen, name, namelen, k, "user");
		dalias = SPI_getbinval(tup, desc, 3, &isnull);
		if (!isnull)
		{
			size_t		alen;
			char	   *alias = dict_string(cxt, dalias, &alen);

			NpGazTableAddEntity(table, alias, alen, name, namelen, k, "user");
		}
		MemoryContextSwitchTo(old);
	}
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
		dict_load(table, *private_cxt, nsp);
		return table->count > 0 ? table : NULL;
	}

	if (!dict_valid || relid != dict_relid)
	{
		if (dict_cxt == NULL)
			dict_cxt = AllocSetContextCreate(CacheMemoryContext,
											 "newsprint entity dictionary",
											 ALLOCSET_SMALL_SIZES);
		else
			MemoryContextReset(dict_cxt);
		memset(&dict_table, 0, sizeof(dict_table));
		dict_valid = false;
		dict_relid = relid;
		dict_load(&dict_table, dict_cxt, nsp);
		dict_valid = true;
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
 * Get the argument as UTF-8 bytes, rejecting invalid UTF-8 and oversized
 * input.
 */
static const char *
entities_input(text *t, size_t *len)
{
	const char *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);

	if (n > NP_ENTITIES_MAX_INPUT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("article too large for entity extraction"),
				 errdetail("The article is %d bytes; the limit is %d.",
						   n, NP_ENTITIES_MAX_INPUT)));
	if (GetDatabaseEncoding() != PG_UTF8)
	{
		s = pg_server_to_any(s, n, PG_UTF8);
		n = strlen(s);
	}
	if (!pg_verify_mbstr(PG_UTF8, s, n, true))
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("invalid UTF-8 in article text")));
	*len = n;
	return s;
}

/*
 * Normalise UTF-8 text to NFC one line at a time, as clean() does in UTF-8
 * databases, so that offsets into the cleaned text are offsets into
 * clean(body).  Returns s itself when it is already normalised.
 */
static const char *
nfc_lines(const char *s, size_t len, size_t *outlen)
{
	StringInfoData buf;
	size_t		p;
	bool		changed = false;

	for (p = 0; p < len; p++)
		if ((unsigned char) s[p] >= 0x80)
			break;
	if (p == len || GetDatabaseEncoding() != PG_UTF8)
	{
		*outlen = len;
		return s;
	}
	initStringInfo(&buf);
	p = 0;
	while (p < len)
	{
		const char *nl = memchr(s + p, '\n', len - p);
		size_t		e = nl ? (size_t) (nl - s) : len;
		pg_wchar   *w = palloc((e - p + 1) * sizeof(pg_wchar));
		int			nw = pg_encoding_mb2wchar_with_len(PG_UTF8, s + p, w, (int) (e - p));

		w[nw] = 0;
		if (unicode_is_normalized_quickcheck(UNICODE_NFC, w) == UNICODE_NORM_QC_YES)
			appendBinaryStringInfo(&buf, s + p, e - p);
		else
		{
			pg_wchar   *norm = unicode_normalize(UNICODE_NFC, w);
			int			i;

			for (i = 0; norm[i]; i++)
			{
				unsigned char u[8];

				unicode_to_utf8(norm[i], u);
				appendBinaryStringInfo(&buf, (char *) u, pg_utf_mblen(u));
			}
			pfree(norm);
			changed = true;
		}
		pfree(w);
		if (nl)
			appendStringInfoChar(&buf, '\n');
		p = nl ? e + 1 : len;
	}
	if (!changed)
	{
		pfree(buf.data);
		*outlen = len;
		return s;
	}
	*outlen = buf.len;
	return buf.data;
}

/*
 * Make a text datum in the database encoding from UTF-8 bytes.
 */
static Datum
result_text(const char *s, size_t len)
{
	if (GetDatabaseEncoding() != PG_UTF8)
	{
		char	   *conv = pg_any_to_server(s, (int) len, PG_UTF8);

		return PointerGetDatum(cstring_to_text(conv));
	}
	return PointerGetDatum(cstring_to_text_with_len(s, (int) len));
}

/*
 * Shared body of entities() and entity_mentions().
 */
static Datum
entities_srf(FunctionCallInfo fcinfo, bool mentions)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *body = PG_GETARG_TEXT_PP(0);
	bool		clean = PG_GETARG_BOOL(1);
	TupleDesc	tupdesc;
	Tuplestorestate *store;
	MemoryContext oldcxt;
	MemoryContext work;
	const char *in;
	size_t		inlen;
	const char *t;
	size_t		tlen;
	const NpGazTable *dict;
	MemoryContext dict_private = NULL;
	NpEntityResult r;
	int			i;

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

	if (PG_NARGS() > 2)
		dict = NpEntityDictionaryArg(fcinfo, 2);
	else
	{
		NpCheckDictionaryTravels(mentions ? "entity_mentions" : "entities");
		dict = user_dictionary(get_func_namespace(fcinfo->flinfo->fn_oid), &dict_private);
	}

	in = entities_input(body, &inlen);
	work = AllocSetContextCreate(CurrentMemoryContext, "newsprint entities",
								 ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(work);
	if (clean)
	{
		NpCleanOptions opts;

		NpCleanOptionsInit(&opts);
		t = NpCleanText(in, inlen, &opts, &tlen);
		t = nfc_lines(t, tlen, &tlen);
	}
	else
	{
		t = in;
		tlen = inlen;
	}
	NpExtractEntities(t, tlen, dict, &r);
	MemoryContextSwitchTo(oldcxt);

	oldcxt = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	tupdesc = CreateTupleDescCopy(tupdesc);
	store = tuplestore_begin_heap(rsinfo->allowedModes & SFRM_Materialize_Random,
								  false, work_mem);
	MemoryContextSwitchTo(oldcxt);

	if (mentions)
	{
		size_t		pos = 0;	/* byte offset reached */
		int64		chars = 0;	/* characters before pos */

		/* mentions are in text order, so offsets are counted in one pass */
		for (i = 0; i < r.nmentions; i++)
		{
			NpMention  *m = &r.mentions[i];
			NpEntity   *e = &r.entities[m->entity];
			Datum		values[5];
			bool		nulls[5] = {false, false, false, false, false};
			int64		cstart,
						cend;
			size_t		p;

			if (m->start < pos)
				pos = 0, chars = 0; /* out of order: count again */
			for (p = pos; p < m->start; p++)
				if (((unsigned char) t[p] & 0xC0) != 0x80)
					chars++;
			pos = m->start;
			cstart = chars;
			cend = cstart;
			for (p = m->start; p < m->end; p++)
				if (((unsigned char) t[p] & 0xC0) != 0x80)
					cend++;
			values[0] = Int32GetDatum((int32) cstart);
			values[1] = Int32GetDatum((int32) cend);
			values[2] = result_text(t + m->start, m->end - m->start);
			values[3] = result_text(e->name, strlen(e->name));
			values[4] = CStringGetTextDatum(NpEntityKindName(e->kind));
			tuplestore_putvalues(store, tupdesc, values, nulls);
		}
	}
	else
	{
		size_t		pos = 0;
		int64		chars = 0;
		/* entities come in order of first mention: offsets in one pass */
		for (i = 0; i < r.nentities; i++)
		{
			NpEntity   *e = &r.entities[i];
			Datum		values[5];
			bool		nulls[5] = {false, false, false, false, false};
			size_t		p;

			if (e->first < pos)
				pos = 0, chars = 0;
			for (p = pos; p < e->first; p++)
				if (((unsigned char) t[p] & 0xC0) != 0x80)
					chars++;
			pos = e->first;
			values[0] = result_text(e->name, strlen(e->name));
			values[1] = CStringGetTextDatum(NpEntityKindName(e->kind));
			if (e->subtype)
				values[2] = CStringGetTextDatum(e->subtype);
			else
				nulls[2] = true;
			values[3] = Int32GetDatum(e->mentions);
			values[4] = Int32GetDatum((int32) chars);
			tuplestore_putvalues(store, tupdesc, values, nulls);
		}
	}

	MemoryContextDelete(work);
	if (dict_private)
		MemoryContextDelete(dict_private);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = tupdesc;
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
