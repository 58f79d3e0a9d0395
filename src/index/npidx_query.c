/*-------------------------------------------------------------------------
 *
 * npidx_query.c
 *	  The (fingerprint, threshold) query operators and the planner support
 *	  function that lets is_similar(), is_contained() and is_same_story()
 *	  (also called same_story()) use an npidx index.
 *
 * An index condition must be "indexed column OPERATOR value".  The threshold
 * functions take three arguments, so the support function rewrites
 *	 is_similar(fp, q, t)	as	fp &%  ROW(q, t)::fingerprint_query
 *	 is_contained(fp, q, t) as	fp &<% ROW(q, t)	(the row is contained)
 *	 is_contained(q, fp, t) as	fp &%> ROW(q, t)	(the query is contained)
 *	 is_same_story(fp, q[, t])	as	fp &~  ROW(q, t)	(t NULL: the GUC default)
 *	 same_story(fp, q[, t])		the same (its other name)
 * (PostGIS does the same for ST_DWithin).  The rewritten condition is marked
 * lossy, so the original call is still evaluated on every candidate.
 *
 * src/index/npidx_query.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "funcapi.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "distributed.h"
#include "index/npidx.h"

/* Selectivity assumed for the threshold functions (as contsel) */
#define NPIDX_FUNC_SELECTIVITY	0.001

PG_FUNCTION_INFO_V1(fingerprint_query_similar);
PG_FUNCTION_INFO_V1(fingerprint_query_contained);
PG_FUNCTION_INFO_V1(fingerprint_query_contains);
PG_FUNCTION_INFO_V1(fingerprint_query_same_story);
PG_FUNCTION_INFO_V1(npidx_support);
PG_FUNCTION_INFO_V1(npidx_keys);

/*
 * Split a fingerprint_query value into its fingerprint and threshold.
 * Returns false if the fingerprint is NULL.
 */
bool
NpidxQueryDecode(Datum query, NpFingerprint **fp, double *threshold,
				 bool *threshold_null)
{
	HeapTupleHeader th = DatumGetHeapTupleHeader(query);
	bool		isnull;
	Datum		d;

	d = GetAttributeByNum(th, 1, &isnull);
	if (isnull)
		return false;
	*fp = DatumGetNpFingerprintP(d);
	d = GetAttributeByNum(th, 2, threshold_null);
	*threshold = *threshold_null ? 0.0 : DatumGetFloat8(d);
	return true;
}

/*
 * Decode the arguments of a query operator, with the GUC as the default
 * threshold.  Returns false when the result is NULL.
 */
static bool
QueryArgs(FunctionCallInfo fcinfo, NpSetting setting, NpFingerprint **a,
		  NpFingerprint **q, double *t)
{
	bool		tnull;

	*a = PG_GETARG_NP_FINGERPRINT_P(0);
	if (!NpidxQueryDecode(PG_GETARG_DATUM(1), q, t, &tnull))
		return false;
	/* the GUCs hold valid values (-1: the format's default, resolved later) */
	if (tnull)
		*t = NpSettingValue(setting);
	else
		NpFingerprintCheckThreshold("threshold", *t);
	return true;
}

/*
 * fp &% (q, t): similarity(fp, q) >= t.
 */
Datum
fingerprint_query_similar(PG_FUNCTION_ARGS)
{
	NpFingerprint *a,
			   *q;
	double		t;

	if (!QueryArgs(fcinfo, NP_SETTING_SIMILARITY, &a, &q, &t))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(NpFingerprintTest(NP_PRED_SIMILAR, a, q, t));
}

/*
 * fp &<% (q, t): containment(fp, q) >= t, the row is contained in the query.
 */
Datum
fingerprint_query_contained(PG_FUNCTION_ARGS)
{
	NpFingerprint *a,
			   *q;
	double		t;

	if (!QueryArgs(fcinfo, NP_SETTING_CONTAINMENT, &a, &q, &t))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(NpFingerprintTest(NP_PRED_CONTAINS, a, q, t));
}

/*
 * fp &%> (q, t): containment(q, fp) >= t, the query is contained in the row.
 */
Datum
fingerprint_query_contains(PG_FUNCTION_ARGS)
{
	NpFingerprint *a,
			   *q;
	double		t;

	if (!QueryArgs(fcinfo, NP_SETTING_CONTAINMENT, &a, &q, &t))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(NpFingerprintTest(NP_PRED_CONTAINED, a, q, t));
}

/*
 * fp &~ (q, t): is_same_story(fp, q, t).
 */
Datum
fingerprint_query_same_story(PG_FUNCTION_ARGS)
{
	NpFingerprint *a,
			   *q;
	double		t;

	if (!QueryArgs(fcinfo, NP_SETTING_SAME_STORY, &a, &q, &t))
		PG_RETURN_NULL();
	PG_RETURN_BOOL(NpFingerprintTest(NP_PRED_SAME_STORY, a, q, t));
}

/*
 * default_threshold(fp, predicate), which the planner writes for a setting
 * at -1 (src/distributed.c), may read the indexed side of the pair; the
 * other side has the same format (else the call fails) and so the same
 * default, and can be read before the scan.  Return threshold with that
 * side, or threshold itself.
 */
static Node *
NpidxDefaultThresholdFor(Node *threshold, Node *indexexpr, Node *other,
						 Oid nsp)
{
	FuncExpr   *fe;
	char	   *fname;
	bool		ours;

	if (!IsA(threshold, FuncExpr))
		return threshold;
	fe = (FuncExpr *) threshold;
	if (list_length(fe->args) != 2 || get_func_namespace(fe->funcid) != nsp ||
		!equal(linitial(fe->args), indexexpr))
		return threshold;
	fname = get_func_name(fe->funcid);
	ours = fname != NULL && strcmp(fname, "default_threshold") == 0;
	if (fname)
		pfree(fname);
	if (!ours)
		return threshold;
	fe = (FuncExpr *) copyObject(fe);
	linitial(fe->args) = copyObject(other);
	return (Node *) fe;
}

/*
 * Build "indexcol opname ROW(other, threshold)::fingerprint_query" for a
 * SupportRequestIndexCondition, or return NULL when it does not apply.
 */
static List *
NpidxIndexCondition(SupportRequestIndexCondition *req)
{
	FuncExpr   *fe;
	char	   *fname;
	int			nargs;
	const char *opname;
	Node	   *indexexpr,
			   *other,
			   *threshold;
	Oid			nsp,
				qtype,
				opoid;
	RowExpr    *row;
	Expr	   *cond;

	if (!is_funcclause(req->node))
		return NIL;
	fe = (FuncExpr *) req->node;
	nargs = list_length(fe->args);
	if (req->indexarg > 1 || nargs < 2)
		return NIL;

	fname = get_func_name(req->funcid);
	if (fname == NULL)
		return NIL;
	if (strcmp(fname, "is_similar") == 0 && nargs == 3)
		opname = "&%";
	else if (strcmp(fname, "is_contained") == 0 && nargs == 3)
		opname = (req->indexarg == 0) ? "&<%" : "&%>";
	else if ((strcmp(fname, "is_same_story") == 0 ||
			  strcmp(fname, "same_story") == 0) && (nargs == 2 || nargs == 3))
		opname = "&~";
	else
		return NIL;

	indexexpr = (Node *) list_nth(fe->args, req->indexarg);
	other = (Node *) list_nth(fe->args, 1 - req->indexarg);
	threshold = (nargs == 3) ? (Node *) list_nth(fe->args, 2) :
		(Node *) makeNullConst(FLOAT8OID, -1, InvalidOid);
	if (exprType(threshold) != FLOAT8OID)
		return NIL;
	threshold = NpidxDefaultThresholdFor(threshold, indexexpr, other,
										 get_func_namespace(req->funcid));

	/* the comparison value must be computable before the scan */
	if (contain_volatile_functions(other) ||
		contain_volatile_functions(threshold))
		return NIL;
	if (bms_is_member(req->index->rel->relid, NpPullVarnos(req->root, other)) ||
		bms_is_member(req->index->rel->relid, NpPullVarnos(req->root, threshold)))
		return NIL;

	nsp = get_func_namespace(req->funcid);
	qtype = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
							CStringGetDatum("fingerprint_query"),
							ObjectIdGetDatum(nsp));
	if (!OidIsValid(qtype))
		return NIL;
	opoid = OpernameGetOprid(list_make2(makeString(get_namespace_name(nsp)),
										makeString(pstrdup(opname))),
							 exprType(indexexpr), qtype);
	if (!OidIsValid(opoid) || !op_in_opfamily(opoid, req->opfamily))
		return NIL;

	row = makeNode(RowExpr);
	row->args = list_make2(copyObject(other), copyObject(threshold));
	row->row_typeid = qtype;
	row->row_format = COERCE_EXPLICIT_CAST;
	row->colnames = NIL;
	row->location = -1;

	cond = make_opclause(opoid, BOOLOID, false, (Expr *) copyObject(indexexpr),
						 (Expr *) row, InvalidOid, InvalidOid);
	set_opfuncid((OpExpr *) cond);

	req->lossy = true;
	return list_make1(cond);
}

/*
 * Planner support function of is_similar(), is_contained() and
 * is_same_story() (and same_story()): index conditions and a selectivity
 * estimate.  Also of every function that reads a setting or the user
 * dictionary: it simplifies the setting readers into their threshold-taking
 * forms (src/distributed.c).
 */
Datum
npidx_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);
	Node	   *ret = NULL;

	if (IsA(rawreq, SupportRequestSelectivity))
	{
		SupportRequestSelectivity *req = (SupportRequestSelectivity *) rawreq;

		req->selectivity = NPIDX_FUNC_SELECTIVITY;
		ret = (Node *) req;
	}
	else if (IsA(rawreq, SupportRequestSimplify))
		ret = NpSimplifySettings((SupportRequestSimplify *) rawreq);
	else if (IsA(rawreq, SupportRequestIndexCondition))
	{
		List	   *conds = NpidxIndexCondition((SupportRequestIndexCondition *) rawreq);

		if (conds != NIL)
			ret = (Node *) conds;
	}
	PG_RETURN_POINTER(ret);
}

/*
 * Return the keys npidx stores for a fingerprint: its sample hashes, in
 * ascending unsigned order, as int4 (bit-for-bit).  For inspection and for
 * comparing npidx with other index types.
 */
Datum
npidx_keys(PG_FUNCTION_ARGS)
{
	NpFingerprint *fp = PG_GETARG_NP_FINGERPRINT_P(0);
	int			n = NpFingerprintNHashes(fp);
	Datum	   *elems = palloc(Max(n, 1) * sizeof(Datum));
	int			i;

	for (i = 0; i < n; i++)
		elems[i] = Int32GetDatum((int32) fp->hashes[i]);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, n, INT4OID, sizeof(int32),
										  true, TYPALIGN_INT));
}
