/*-------------------------------------------------------------------------
 *
 * entities_dict_sql.c
 *	  A user dictionary given as an argument: the third argument of
 *	  entities(body, clean, dictionary) and entity_mentions(...).
 *
 * The two-argument functions read the table entity_dictionary of the
 * server they run on.  In a distributed query that is the wrong server's
 * table, so the dictionary can travel with the query instead, as one value
 * of type entity_dictionary[] (entity_dictionary_snapshot() makes it; the
 * planner hook of src/distributed.c puts it into Citus queries).  Rows are
 * added in array order, names before their aliases; when two rows claim the
 * same name or alias the later one wins (the table's readers take the rows
 * ordered by name, so that both forms agree).
 *
 * The gazetteer built from the value is kept in fn_extra with a copy of the
 * value, so a query that passes the same dictionary for every row builds it
 * once.
 *
 * src/entities/entities_dict_sql.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/detoast.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "entities/entities.h"
#include "entities/entities_sql.h"
#include "np_port.h"

/*
 * The gazetteer of the last dictionary value seen by one call site.  The
 * next call's value is the same one when the argument is a Const or a
 * query parameter (get_fn_expr_arg_stable), or comes as the same TOAST
 * pointer (a stored value never changes); otherwise it is compared with a
 * copy.  Detoasting and comparing the whole value at every call made a
 * query over N rows with a dictionary read from a table cost N times its
 * size: 4.3 ms a row for 100,000 entries, most of it decompressing it.
 */
typedef struct NpDictArgCache
{
	MemoryContext cxt;			/* holds raw and the table's contents */
	char	   *raw;			/* the array value it was built from */
	Size		rawlen;			/* 0 while nothing valid is cached */
	bool		stable;			/* the argument is the same at every call */
	bool		toasted;		/* it came as the TOAST pointer toast */
	varatt_external toast;
	NpGazTable	table;
} NpDictArgCache;

/*
 * A field of a dictionary entry as the caller gave it, in the database
 * encoding, for an error message: its first 60 bytes, cut between
 * characters.  The UTF-8 form the entry is read in would be garbled in a
 * database of another encoding, or not convertible to the client's at all
 * (the byte 0x98 of a Cyrillic letter's UTF-8, which WIN1251 lacks).
 */
static char *
dict_arg_shown(Datum d)
{
	text	   *t = DatumGetTextPP(d);
	int			len = VARSIZE_ANY_EXHDR(t);
	int			shown = pg_mbcliplen(VARDATA_ANY(t), len, 60);

	return psprintf("%.*s%s", shown, VARDATA_ANY(t), shown < len ? "..." : "");
}

/*
 * Add the names of one element (a row of type entity_dictionary) to keys.
 */
static void
dict_arg_add(NpGazKeyList *keys, HeapTupleHeader row)
{
	bool		isnull;
	Datum		d,
				dname;
	char	   *name,
			   *kind;
	size_t		namelen,
				kindlen;
	NpEntityKind k;

	d = GetAttributeByName(row, "name", &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("an entry of the dictionary has no name")));
	dname = d;
	name = NpEntityDictString(CurrentMemoryContext, d, &namelen);
	if (namelen == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an entry of the dictionary has an empty name")));
	d = GetAttributeByName(row, "kind", &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("dictionary entry \"%s\" has no kind",
						dict_arg_shown(dname))));
	kind = NpEntityDictString(CurrentMemoryContext, d, &kindlen);
	k = NpEntityKindFromName(kind, kindlen);
	if (k == NP_KIND_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("dictionary entry \"%s\" has an invalid kind \"%s\"",
						dict_arg_shown(dname), dict_arg_shown(d)),
				 errdetail("The kind must be PER, ORG, LOC or MISC.")));
	NpEntityDictAddKey(keys, name, namelen, name, namelen, k);

	d = GetAttributeByName(row, "aliases", &isnull);
	if (!isnull)
	{
		ArrayType  *aliases = DatumGetArrayTypeP(d);
		Datum	   *elems;
		bool	   *nulls;
		int			n,
					i;

		deconstruct_array(aliases, TEXTOID, -1, false, TYPALIGN_INT,
						  &elems, &nulls, &n);
		for (i = 0; i < n; i++)
		{
			char	   *alias;
			size_t		alen;

			NP_CHECK_FOR_INTERRUPTS();
			if (nulls[i])
				continue;
			alias = NpEntityDictString(CurrentMemoryContext, elems[i], &alen);
			NpEntityDictAddKey(keys, alias, alen, name, namelen, k);
		}
		pfree(elems);
		pfree(nulls);
	}
}

/*
 * Return the gazetteer of the dictionary in argument argno (an
 * entity_dictionary[]), NULL when it is empty; built once per distinct
 * value and call site.
 */
const NpGazTable *
NpEntityDictionaryArg(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *datum = (struct varlena *) PG_GETARG_POINTER(argno);
	NpDictArgCache *c = (NpDictArgCache *) fcinfo->flinfo->fn_extra;
	ArrayType  *arr;
	Size		len;
	MemoryContext old;
	NpGazKeyList keys;
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (c != NULL && c->rawlen > 0)
	{
		varatt_external toast;

		if (c->stable)
			return c->table.count > 0 ? &c->table : NULL;
		if (c->toasted && VARATT_IS_EXTERNAL_ONDISK(datum))
		{
			VARATT_EXTERNAL_GET_POINTER(toast, datum);
			if (memcmp(&toast, &c->toast, sizeof(toast)) == 0)
				return c->table.count > 0 ? &c->table : NULL;
		}
	}
	arr = DatumGetArrayTypeP(PointerGetDatum(datum));
	len = VARSIZE(arr);
	if (c != NULL && c->rawlen == len && memcmp(c->raw, arr, len) == 0)
		return c->table.count > 0 ? &c->table : NULL;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(NpDictArgCache));
		c->cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt,
									   "newsprint dictionary argument",
									   ALLOCSET_SMALL_SIZES);
		fcinfo->flinfo->fn_extra = c;
	}
	else
		MemoryContextReset(c->cxt);
	c->rawlen = 0;
	c->stable = get_fn_expr_arg_stable(fcinfo->flinfo, argno);
	c->toasted = VARATT_IS_EXTERNAL_ONDISK(datum);
	if (c->toasted)
		VARATT_EXTERNAL_GET_POINTER(c->toast, datum);
	memset(&c->table, 0, sizeof(c->table));

	old = MemoryContextSwitchTo(c->cxt);
	c->raw = palloc(len);
	memcpy(c->raw, arr, len);
	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &typlen, &typbyval, &typalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign,
					  &elems, &nulls, &n);
	memset(&keys, 0, sizeof(keys));
	for (i = 0; i < n; i++)
	{
		NP_CHECK_FOR_INTERRUPTS();
		if (nulls[i])
			continue;
		dict_arg_add(&keys, DatumGetHeapTupleHeader(elems[i]));
	}
	pfree(elems);
	pfree(nulls);
	NpGazTableBuildUser(&c->table, &keys, "user");
	MemoryContextSwitchTo(old);
	c->rawlen = len;
	return c->table.count > 0 ? &c->table : NULL;
}
