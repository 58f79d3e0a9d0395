/*-------------------------------------------------------------------------
 *
 * distributed.c
 *	  newsprint in distributed queries: the settings and the user
 *	  dictionary travel with the query, or the call refuses.
 *
 * The problem
 * -----------
 * A few newsprint functions read state that lives in one session or on one
 * server rather than in their arguments:
 *	 - the operators %, <%, %> and the two-argument same_story() read the
 *	   settings newsprint.similarity_threshold, containment_threshold and
 *	   same_story_threshold;
 *	 - entities() and entity_mentions() read the table entity_dictionary.
 * Inside one server that is what STABLE means.  A distributed engine,
 * though, sends the text of a query to other servers, and there the call
 * reads *their* session and *their* table: a SET on the coordinator, or a
 * row added to its dictionary, silently changes nothing (issue 14).
 *
 * What happens here
 * -----------------
 * 1. Settings become constants at plan time, on the node that plans.  The
 *	  planner support function of every setting-reading function (npidx_support,
 *	  which calls NpSimplifySettings) answers SupportRequestSimplify with the
 *	  threshold-taking form and the current value as a constant:
 *		  a % b				  ->  is_similar(a, b, <similarity_threshold>)
 *		  a <% b			  ->  is_contained(a, b, <containment_threshold>)
 *		  a %> b			  ->  is_contained(b, a, <containment_threshold>)
 *		  same_story(a, b)	  ->  same_story(a, b, <same_story_threshold>)
 *	  (and is_same_story likewise), and story_match(a, b, NULL, ...) gets
 *	  <same_story_threshold> as its threshold.  A setting at -1, "the
 *	  default of the fingerprints' format" (the default of
 *	  containment_threshold and same_story_threshold), is no threshold an
 *	  argument may hold; it becomes default_threshold(b, 'containment') or
 *	  default_threshold(b, 'same_story'), which computes that default from
 *	  the format of a fingerprint of the pair (both have one format, or the
 *	  call fails) and reads no setting, so a shard gives what one node
 *	  gives for version 1 and version 2 fingerprints alike.  The predicates are
 *	  IMMUTABLE, so
 *	  postgres_fdw, which plans on the coordinator and ships only immutable
 *	  expressions, now sends these predicates to the shards with the value
 *	  written in the remote SQL; the index still serves them (npidx_support
 *	  turns the threshold forms into index conditions).  Since a cached plan
 *	  now holds the value, the settings' assign hooks reset the plan cache
 *	  when a value changes (NpSettingAssigned), so a prepared statement sees
 *	  a SET as it did when the functions read the setting at run time.
 *
 * 2. Citus is different: its distributed planner copies the query before
 *	  standard_planner runs and deparses the shard queries from that copy,
 *	  so the simplification above never reaches them.  newsprint therefore
 *	  installs a planner hook (np_planner), which runs before Citus's when
 *	  newsprint is loaded after citus in shared_preload_libraries: when the
 *	  Citus library is loaded in this process it rewrites the query the
 *	  same way before planning, and also replaces the dictionary readers
 *		  entities(body, clean)			->	entities(body, clean, <dictionary>)
 *		  entity_mentions(body, clean)	->	entity_mentions(body, clean, <dictionary>)
 *		  entity_dictionary_snapshot()	->	<dictionary>
 *	  where <dictionary> is the caller's view of entity_dictionary as an
 *	  entity_dictionary[] constant.  The plan then depends on the dictionary
 *	  table (its relcache invalidation, sent by the table's trigger, drops
 *	  cached plans) and on the role that read it.  Not when row-level
 *	  security policies filter the table for the role: what they let
 *	  through may depend on more than the role (a setting naming the
 *	  tenant), which no invalidation follows, so the readers are left to
 *	  read the table when they run (np_dictionary_has_rls).
 *
 * 3. A worker refuses what did not travel.  A backend whose application_name
 *	  starts with "citus_internal gpid=" runs queries for a Citus coordinator
 *	  (Citus 11 and later name their connections so).  There, a call that
 *	  would read a setting refuses unless the setting was set in this
 *	  session (which in such a backend means the coordinator sent it:
 *	  SET LOCAL with citus.propagate_set_commands = 'local'), and a call that
 *	  would read entity_dictionary always refuses: the coordinator's
 *	  dictionary is not this node's.  The error names the fix.
 *
 * The forms that take their threshold, or their dictionary, as an argument
 * read nothing else and are safe everywhere without any of this.
 *
 * src/distributed.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/optimizer.h"
#include "optimizer/planner.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/plancache.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "compat.h"
#include "distributed.h"
#include "fingerprint/fingerprint.h"

/* How Citus 11+ names the connections of its distributed executor */
#define NP_CITUS_INTERNAL_PREFIX	"citus_internal gpid="

/* A setting Citus defines whenever its library is loaded */
#define NP_CITUS_PROBE_SETTING		"citus.shard_count"

/* The settings, with what a caller should use instead */
typedef struct NpSettingInfo
{
	const char *name;
	double	   *variable;
	const char *instead;
} NpSettingInfo;

static const NpSettingInfo np_settings[] = {
	[NP_SETTING_SIMILARITY] = {"newsprint.similarity_threshold",
		&np_similarity_threshold, "is_similar(a, b, threshold)"},
	[NP_SETTING_CONTAINMENT] = {"newsprint.containment_threshold",
		&np_containment_threshold, "is_contained(a, b, threshold)"},
	[NP_SETTING_SAME_STORY] = {"newsprint.same_story_threshold",
		&np_same_story_threshold,
		"is_same_story(a, b, threshold), or threshold => t in story_match, cluster_stories and assign_story"},
};

/* What np_rewrite_call may replace */
#define NP_REWRITE_SETTINGS		0x01
#define NP_REWRITE_DICTIONARY	0x02

/* State of one rewrite by the planner hook */
typedef struct NpInlineState
{
	Oid			dictionary;		/* entity_dictionary, once inlined */
	bool		found;			/* the walker saw something to rewrite */
} NpInlineState;

PG_FUNCTION_INFO_V1(newsprint_entity_dictionary_snapshot);

static planner_hook_type np_prev_planner = NULL;

/*
 * Is this backend running a shard query for a Citus coordinator?
 */
bool
NpInCitusShardQuery(void)
{
	return application_name != NULL &&
		strncmp(application_name, NP_CITUS_INTERNAL_PREFIX,
				strlen(NP_CITUS_INTERNAL_PREFIX)) == 0;
}

/*
 * Is the Citus library loaded in this process?
 */
static bool
np_citus_loaded(void)
{
	return GetConfigOption(NP_CITUS_PROBE_SETTING, true, false) != NULL;
}

/*
 * Return the value of a setting for a function about to use it, refusing
 * in a Citus shard query when the coordinator did not send it.
 */
double
NpSettingValue(NpSetting setting)
{
	const NpSettingInfo *s = &np_settings[setting];

	if (NpInCitusShardQuery())
	{
		/*
		 * Only a value set in this session can have come from the
		 * coordinator; the reset value is this node's own (its
		 * postgresql.conf, ALTER ROLE and ALTER DATABASE settings).  Both
		 * are compared as the server shows them.
		 */
		char	   *current = pstrdup(GetConfigOption(s->name, false, false));
		const char *reset = GetConfigOptionResetString(s->name);

		if (strcmp(current, reset) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("%s cannot be read in a query sent by a Citus coordinator",
							s->name),
					 errdetail("The query reached this node with a form that reads the setting; the coordinator's value did not come with it, and this node's value (%s) may differ.",
							   current),
					 errhint("Pass the threshold as an argument (%s), or load newsprint after citus in shared_preload_libraries on the coordinator, so that the value travels with each query.",
							 s->instead)));
		pfree(current);
	}
	return *s->variable;
}

/*
 * Drop every cached plan when a setting changes: plans hold its value as a
 * constant (see the file header).
 */
void
NpSettingAssigned(double oldval, double newval)
{
	if (oldval != newval)
		ResetPlanCache();
}

/*
 * Refuse to read this node's entity_dictionary in a query sent by a Citus
 * coordinator.
 */
void
NpCheckDictionaryTravels(const char *fname)
{
	if (NpInCitusShardQuery())
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s() cannot read entity_dictionary in a query sent by a Citus coordinator",
						fname),
				 errdetail("The coordinator's dictionary did not come with the query, and this node's copy may differ."),
				 errhint("Load newsprint after citus in shared_preload_libraries on the coordinator, so that the dictionary travels with each query, or pass it as the third argument from a MATERIALIZED CTE of newsprint.entity_dictionary_snapshot().")));
}

/*
 * Read the caller's view of entity_dictionary, in schema nsp, as an
 * entity_dictionary[] (ordered by name, '{}' when empty).  Sets *relid to
 * the table and *arraytype to the result's type.
 */
static Datum
np_dictionary_snapshot(Oid nsp, Oid *relid, Oid *arraytype)
{
	char	   *query;
	bool		isnull;
	Datum		d;
	int			ret;
	bool		pushed = false;

	*relid = get_relname_relid("entity_dictionary", nsp);
	if (!OidIsValid(*relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table entity_dictionary of extension newsprint does not exist")));
	*arraytype = get_array_type(get_rel_type_id(*relid));
	if (!OidIsValid(*arraytype))
		elog(ERROR, "no array type for entity_dictionary");

	query = psprintf("SELECT pg_catalog.array_agg(d ORDER BY d.name) "
					 "FROM %s.entity_dictionary d",
					 quote_identifier(get_namespace_name(nsp)));
	if (!ActiveSnapshotSet())
	{
		PushActiveSnapshot(GetTransactionSnapshot());
		pushed = true;
	}
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute(query, true, 1);
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(ret));
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		d = PointerGetDatum(construct_empty_array(get_rel_type_id(*relid)));
	d = SPI_datumTransfer(d, false, -1);
	SPI_finish();
	if (pushed)
		PopActiveSnapshot();
	pfree(query);
	return d;
}

/*
 * Do row-level security policies filter entity_dictionary, in schema nsp,
 * for the current role?  Then the planner hook leaves its readers alone: a
 * policy may depend on more than the role (a setting naming the tenant,
 * the time), and a plan holding the rows it let through at plan time,
 * which is dropped only when the table or the role changes, would show
 * them to the next execution, a prepared statement's or PL/pgSQL's, under
 * another tenant's setting.  Whether the policies apply depends on the
 * role only (and on the table's FORCE ROW LEVEL SECURITY, which
 * invalidates it), and a plan that holds the rows depends on the role.
 */
static bool
np_dictionary_has_rls(Oid nsp)
{
	Oid			relid = get_relname_relid("entity_dictionary", nsp);

	return OidIsValid(relid) &&
		check_enable_rls(relid, InvalidOid, true) == RLS_ENABLED;
}

/*
 * entity_dictionary_snapshot(): the rows of entity_dictionary the caller may
 * read, as one value for entities(body, clean, dictionary).
 */
Datum
newsprint_entity_dictionary_snapshot(PG_FUNCTION_ARGS)
{
	Oid			relid,
				arraytype;

	NpCheckDictionaryTravels("entity_dictionary_snapshot");
	PG_RETURN_DATUM(np_dictionary_snapshot(get_func_namespace(fcinfo->flinfo->fn_oid),
										   &relid, &arraytype));
}

/*
 * Find function name(args) in namespace nsp, or fail.
 */
static Oid
np_lookup_function(Oid nsp, const char *name, int nargs, const Oid *argtypes)
{
	Oid			fn;

	fn = LookupFuncName(list_make2(makeString(get_namespace_name(nsp)),
								   makeString(pstrdup(name))),
						nargs, argtypes, true);
	if (!OidIsValid(fn))
		elog(ERROR, "newsprint: function %s with %d arguments not found", name, nargs);
	return fn;
}

/*
 * Build a call of name(args) in namespace nsp returning rettype.
 */
static Node *
np_make_call(Oid nsp, const char *name, List *args, Oid rettype,
			 bool retset, Oid inputcollid, int location)
{
	Oid			argtypes[FUNC_MAX_ARGS];
	int			n = 0;
	ListCell   *lc;
	FuncExpr   *fe;

	foreach(lc, args)
		argtypes[n++] = exprType((Node *) lfirst(lc));
	fe = makeFuncExpr(np_lookup_function(nsp, name, n, argtypes), rettype,
					  args, InvalidOid, inputcollid, COERCE_EXPLICIT_CALL);
	fe->funcretset = retset;
	fe->location = location;
	return (Node *) fe;
}

/*
 * A float8 constant.
 */
static Node *
np_float8_const(double v)
{
	return (Node *) makeConst(FLOAT8OID, -1, InvalidOid, sizeof(float8),
							  Float8GetDatum(v), false, FLOAT8PASSBYVAL);
}

/*
 * How costly node is to evaluate a second time: 0 for a constant or a
 * parameter (once per scan), 1 for a column (once per row), 2 otherwise.
 */
static int
np_arg_cost(Node *node)
{
	if (IsA(node, Const) || IsA(node, Param))
		return 0;
	return IsA(node, Var) ? 1 : 2;
}

/*
 * The threshold that stands for a setting in the rewritten call of a pair
 * (a, b): the setting's value as a constant or, when the setting is -1 (the
 * default of the fingerprints' format), default_threshold(fp, predicate) on
 * one fingerprint of the pair.  That default depends on the pair's format
 * only (both have one format, or the call fails), so it is the same on
 * every node and reads no setting there.  The fingerprint is the cheaper
 * of the two, since the call evaluates it a second time (an index scan
 * takes the other side's when this one is the indexed column: see
 * NpidxDefaultThresholdFor).
 */
static Node *
np_threshold_node(Oid nsp, NpSetting setting, Node *a, Node *b)
{
	double		v = NpSettingValue(setting);
	Node	   *fp;
	Node	   *pred;

	if (v != NP_FP_AUTO_THRESHOLD)
		return np_float8_const(v);

	/*
	 * A NULL fingerprint makes the call NULL whatever the threshold, but
	 * default_threshold(NULL) would fold to a NULL threshold, which is the
	 * setting again: take the other side, and with two NULLs any valid
	 * threshold.
	 */
	if (IsA(a, Const) && ((Const *) a)->constisnull)
		a = b;
	if (IsA(b, Const) && ((Const *) b)->constisnull)
		b = a;
	if (IsA(b, Const) && ((Const *) b)->constisnull)
		return np_float8_const(1.0);
	fp = np_arg_cost(a) < np_arg_cost(b) ? a : b;
	pred = (Node *) makeConst(TEXTOID, -1, DEFAULT_COLLATION_OID, -1,
							  PointerGetDatum(cstring_to_text(setting == NP_SETTING_SAME_STORY ?
															  "same_story" : "containment")),
							  false, false);
	/* no input collation: default_threshold ignores it, and postgres_fdw ships it so */
	return np_make_call(nsp, "default_threshold",
						list_make2(copyObject(fp), pred),
						FLOAT8OID, false, InvalidOid, -1);
}

/*
 * Rewrite a call of newsprint function funcid with the (expanded) args:
 * the settings (NP_REWRITE_SETTINGS) or the dictionary
 * (NP_REWRITE_DICTIONARY) become constants.  Returns NULL when the call is
 * not one of those.
 */
static Node *
np_rewrite_call(Oid funcid, List *args, Oid inputcollid, int location,
				int what, NpInlineState *st)
{
	char	   *name = get_func_name(funcid);
	Oid			nsp = get_func_namespace(funcid);
	int			nargs = list_length(args);

	if (name == NULL)
		return NULL;

	if ((what & NP_REWRITE_SETTINGS) && nargs == 2)
	{
		Node	   *a = linitial(args);
		Node	   *b = lsecond(args);

		if (strcmp(name, "fingerprint_similar_op") == 0)
			return np_make_call(nsp, "is_similar",
								list_make3(a, b, np_threshold_node(nsp, NP_SETTING_SIMILARITY, a, b)),
								BOOLOID, false, inputcollid, location);
		if (strcmp(name, "fingerprint_contained_op") == 0)
			return np_make_call(nsp, "is_contained",
								list_make3(a, b, np_threshold_node(nsp, NP_SETTING_CONTAINMENT, a, b)),
								BOOLOID, false, inputcollid, location);
		if (strcmp(name, "fingerprint_contains_op") == 0)
			return np_make_call(nsp, "is_contained",
								list_make3(b, a, np_threshold_node(nsp, NP_SETTING_CONTAINMENT, a, b)),
								BOOLOID, false, inputcollid, location);
		if (strcmp(name, "same_story") == 0 || strcmp(name, "is_same_story") == 0)
			return np_make_call(nsp, name,
								list_make3(a, b, np_threshold_node(nsp, NP_SETTING_SAME_STORY, a, b)),
								BOOLOID, false, inputcollid, location);
	}

	/*
	 * story_match(a, b, threshold, ...) with a NULL threshold reads
	 * same_story_threshold: put the value in its place.  (cluster_stories
	 * and assign_story read it where they run, which is where they are
	 * called; story_trigger where the row is written.)  The planner has
	 * put in the defaults: all ten arguments (a, b, the rule's five, the
	 * two times and the window) are here.
	 */
	if ((what & NP_REWRITE_SETTINGS) && nargs == 10 &&
		strcmp(name, "story_match") == 0)
	{
		Node	   *t = lthird(args);

		if (IsA(t, Const) && ((Const *) t)->constisnull)
		{
			List	   *newargs = list_copy(args);

			lthird(newargs) = np_threshold_node(nsp, NP_SETTING_SAME_STORY,
												linitial(args), lsecond(args));
			return np_make_call(nsp, name, newargs, FLOAT8OID, false,
								inputcollid, location);
		}
	}

	if ((what & NP_REWRITE_DICTIONARY) &&
		((nargs == 2 && (strcmp(name, "entities") == 0 ||
						 strcmp(name, "entity_mentions") == 0)) ||
		 (nargs == 0 && strcmp(name, "entity_dictionary_snapshot") == 0)) &&
		!np_dictionary_has_rls(nsp))
	{
		Oid			relid,
					arraytype;
		Datum		dict = np_dictionary_snapshot(nsp, &relid, &arraytype);
		Node	   *c = (Node *) makeConst(arraytype, -1, InvalidOid, -1, dict,
										   false, false);

		st->dictionary = relid;
		if (nargs == 0)
			return c;
		return np_make_call(nsp, name, lappend(list_copy(args), c),
							get_func_rettype(funcid), true, inputcollid, location);
	}
	return NULL;
}

/*
 * SupportRequestSimplify for the setting-reading functions: the same call
 * with the setting's current value as a constant (see the file header).
 */
Node *
NpSimplifySettings(SupportRequestSimplify *req)
{
	FuncExpr   *fe = req->fcall;
	Node	   *r;

	r = np_rewrite_call(fe->funcid, fe->args, fe->inputcollid, fe->location,
						NP_REWRITE_SETTINGS, NULL);
	if (r == NULL)
		return NULL;
	/* fold it if every argument is a constant, as the planner would have */
	return eval_const_expressions(req->root, r);
}

/*
 * Is funcid a function of newsprint's that may read a setting or the
 * dictionary?  They are the ones whose planner support function is
 * newsprint's npidx_support.
 */
static bool
np_is_rewritable(Oid funcid)
{
	Oid			support = get_func_support(funcid);
	char	   *name;
	bool		ours;

	if (!OidIsValid(support))
		return false;
	name = get_func_name(support);
	ours = name != NULL && strcmp(name, "npidx_support") == 0 &&
		get_func_namespace(support) == get_func_namespace(funcid);
	if (name)
		pfree(name);
	return ours;
}

/*
 * Walker: does the query hold a call that the planner hook rewrites?
 */
static bool
np_needs_inline_walker(Node *node, NpInlineState *st)
{
	if (node == NULL)
		return false;
	if (IsA(node, Query))
		return query_tree_walker((Query *) node, np_needs_inline_walker, st, 0);
	if ((IsA(node, FuncExpr) && np_is_rewritable(((FuncExpr *) node)->funcid)) ||
		(IsA(node, OpExpr) && np_is_rewritable(get_opcode(((OpExpr *) node)->opno))))
	{
		st->found = true;
		return true;
	}
	return expression_tree_walker(node, np_needs_inline_walker, st);
}

/*
 * Mutator of the planner hook: rewrite every setting and dictionary reader.
 */
static Node *
np_inline_mutator(Node *node, NpInlineState *st)
{
	if (node == NULL)
		return NULL;
	if (IsA(node, Query))
		return (Node *) query_tree_mutator((Query *) node, np_inline_mutator, st, 0);
	if (IsA(node, FuncExpr) && np_is_rewritable(((FuncExpr *) node)->funcid))
	{
		FuncExpr   *fe = (FuncExpr *) node;
		List	   *args = (List *) np_inline_mutator((Node *) fe->args, st);
		HeapTuple	tup;
		Node	   *r;

		/* parse analysis leaves named arguments and defaults to the planner */
		tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fe->funcid));
		if (!HeapTupleIsValid(tup))
			elog(ERROR, "cache lookup failed for function %u", fe->funcid);
		args = NpExpandFunctionArguments(args, fe->funcresulttype, tup);
		ReleaseSysCache(tup);
		r = np_rewrite_call(fe->funcid, args, fe->inputcollid, fe->location,
							NP_REWRITE_SETTINGS | NP_REWRITE_DICTIONARY, st);
		if (r != NULL)
			return r;
		fe = (FuncExpr *) copyObject(fe);
		fe->args = args;
		return (Node *) fe;
	}
	if (IsA(node, OpExpr))
	{
		OpExpr	   *op = (OpExpr *) node;
		Oid			fn = get_opcode(op->opno);

		if (np_is_rewritable(fn))
		{
			List	   *args = (List *) np_inline_mutator((Node *) op->args, st);
			Node	   *r = np_rewrite_call(fn, args, op->inputcollid, op->location,
											NP_REWRITE_SETTINGS, st);

			if (r != NULL)
				return r;
			op = (OpExpr *) copyObject(op);
			op->args = args;
			return (Node *) op;
		}
	}
	return expression_tree_mutator(node, np_inline_mutator, st);
}

/*
 * Planner hook: on a server where Citus is loaded, give the distributed
 * planner a query whose settings and dictionary are constants, since it
 * deparses the shard queries from the query as it receives it.
 */
static PlannedStmt *
np_planner(Query *parse, const char *query_string, int cursorOptions,
		   ParamListInfo boundParams)
{
	NpInlineState st = {InvalidOid, false};
	PlannedStmt *result;

	/*
	 * Not in a coordinator's shard query: there the values would be this
	 * node's, and the calls must refuse instead (NpSettingValue,
	 * NpCheckDictionaryTravels).
	 */
	if (np_citus_loaded() && !NpInCitusShardQuery())
	{
		(void) np_needs_inline_walker((Node *) parse, &st);
		if (st.found)
			parse = (Query *) np_inline_mutator((Node *) parse, &st);
	}

	if (np_prev_planner)
		result = np_prev_planner(parse, query_string, cursorOptions, boundParams);
	else
		result = standard_planner(parse, query_string, cursorOptions, boundParams);

	/* a plan holding the dictionary goes when the dictionary or role changes */
	if (OidIsValid(st.dictionary))
	{
		result->relationOids = lappend_oid(result->relationOids, st.dictionary);
		result->dependsOnRole = true;
	}
	return result;
}

/*
 * Install the planner hook.
 */
void
NpDistributedInit(void)
{
	np_prev_planner = planner_hook;
	planner_hook = np_planner;
}
