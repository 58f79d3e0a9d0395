/*-------------------------------------------------------------------------
 *
 * npidx_cost.c
 *	  Cost estimate of npidx scans for the planner.
 *
 * An npidx scan reads the bucket head page of each query hash (a random
 * page read each, usually cached), counts the postings it finds, then hands
 * its candidates to the executor.  The estimate models that: the number of
 * probes is the query's sample size when the query is a constant, else the
 * default sketch size; each costs a random page read and some CPU; the
 * candidates cost what genericcostestimate() charges for index tuples, from
 * the selectivity of the quals.  The work is done before the first row is
 * returned, so it is all startup cost, which also makes ORDER BY ... LIMIT k
 * pay it whole (as it does).
 *
 * src/index/npidx_cost.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "nodes/nodeFuncs.h"
#include "optimizer/cost.h"
#include "optimizer/optimizer.h"
#include "utils/selfuncs.h"
#include "utils/spccache.h"

#include "fingerprint/fp_core.h"
#include "index/npidx.h"

/* Postings assumed read per probe when nothing better is known */
#define NPIDX_POSTINGS_PER_PROBE	4.0

/* The sample size of a constant fingerprint operand of type fptype, or -1 */
static int
ConstQueryHashes(Node *arg, Oid fptype)
{
	Const	   *c;

	if (arg == NULL || !IsA(arg, Const))
		return -1;
	c = (Const *) arg;
	if (c->constisnull || c->consttype != fptype || c->constlen != -1)
		return -1;
	return NpFingerprintNHashes(DatumGetNpFingerprintP(c->constvalue));
}

/*
 * Estimate the cost of an npidx index scan.
 */
void
npidxcostestimate(PlannerInfo *root, IndexPath *path, double loop_count,
				  Cost *indexStartupCost, Cost *indexTotalCost,
				  Selectivity *indexSelectivity, double *indexCorrelation,
				  double *indexPages)
{
	IndexOptInfo *index = path->indexinfo;
	GenericCosts costs;
	double		probes = NP_FP_DEFAULT_SKETCH_SIZE;
	double		spc_random_page_cost;
	double		probe_cost;
	ListCell   *lc;

	MemSet(&costs, 0, sizeof(costs));
	genericcostestimate(root, path, loop_count, &costs);

	/* a constant query tells its sample size */
	foreach(lc, path->indexclauses)
	{
		IndexClause *iclause = lfirst_node(IndexClause, lc);
		ListCell   *lc2;

		foreach(lc2, iclause->indexquals)
		{
			RestrictInfo *rinfo = lfirst_node(RestrictInfo, lc2);
			Expr	   *clause = rinfo->clause;

			if (IsA(clause, OpExpr) && list_length(((OpExpr *) clause)->args) == 2)
			{
				int			n = ConstQueryHashes(lsecond(((OpExpr *) clause)->args),
												 index->opcintype[0]);

				if (n >= 0)
					probes = n;
			}
		}
	}

	get_tablespace_page_costs(index->reltablespace, &spc_random_page_cost, NULL);
	probe_cost = probes * (spc_random_page_cost +
						   NPIDX_POSTINGS_PER_PROBE * cpu_operator_cost);

	if (path->indexclauses == NIL)
	{
		/*
		 * No WHERE key: the scan reads the row list whole (after counting
		 * the ORDER BY argument's keys, if any), as genericcostestimate()
		 * charges.
		 */
		*indexStartupCost = path->indexorderbys != NIL ? probe_cost : 0;
		*indexTotalCost = *indexStartupCost + costs.indexTotalCost;
	}
	else
	{
		*indexStartupCost = probe_cost;
		*indexTotalCost = probe_cost + costs.numIndexTuples * cpu_index_tuple_cost +
			costs.indexTotalCost - costs.numIndexPages * spc_random_page_cost;
		if (*indexTotalCost < *indexStartupCost)
			*indexTotalCost = *indexStartupCost;
	}

	/*
	 * npidx returns no index tuples; an index-only scan (which the planner
	 * considers when a query needs no column, count(*) say) cannot work.
	 */
	if (path->path.pathtype == T_IndexOnlyScan)
	{
		*indexStartupCost += disable_cost;
		*indexTotalCost += disable_cost;
	}
	*indexSelectivity = costs.indexSelectivity;
	*indexCorrelation = costs.indexCorrelation;
	*indexPages = Max(probes, 1.0);
}
