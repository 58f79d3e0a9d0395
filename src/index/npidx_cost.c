/*-------------------------------------------------------------------------
 *
 * npidx_cost.c
 *	  Cost estimate of npidx scans for the planner.
 *
 * An npidx scan reads the bucket head page of each query hash (a random
 * page read each, usually cached), compares the residues of the postings on
 * it, counts the rows it finds, then hands its candidates to the executor.
 * The estimate models that:
 *
 * - the number of probes is the query's sample size when the query is a
 *	 constant, else the average sample size of the indexed column (from its
 *	 statistics' average width), else the default sketch size;
 * - the pages a probe reads are charged random_page_cost each, but over the
 *	 repeated scans of a nested loop's inner side (loop_count) only the
 *	 distinct pages that Mackert and Lohman's formula expects to be fetched
 *	 (index_pages_fetched, as genericcostestimate() does for its pages): the
 *	 bucket pages of a small index are read again and again from the cache.
 *	 Before, every probe of every loop paid a random page read, so a join of
 *	 60 queries with a 20,000-row table (a lookup costs about 0.3 ms, a scan
 *	 of the table 12 ms) was planned as a nested loop over a sequential scan
 *	 (doc/index.md, "Lookups at 20,000 articles");
 * - each probe's comparison of about a page of postings costs
 *	 NPIDX_PROBE_CPU_OPS operator evaluations;
 * - the candidates cost what genericcostestimate() charges for index
 *	 tuples, from the selectivity of the quals.
 *
 * The work is done before the first row is returned, so it is all startup
 * cost, which also makes ORDER BY ... LIMIT k pay it whole (as it does).
 *
 * src/index/npidx_cost.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "nodes/nodeFuncs.h"
#include "optimizer/cost.h"
#include "optimizer/optimizer.h"
#include "parser/parsetree.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/selfuncs.h"
#include "utils/spccache.h"

#include "fingerprint/fp_core.h"
#include "index/npidx.h"

/*
 * Operator evaluations charged for a probe's comparison of a bucket page's
 * postings: on the bench machine a probe (buffer lookup, lock, about 1,350
 * residues compared) takes about 1.5 us, a row of a sequential scan with a
 * same_story filter about 0.6 us, which the planner charges about 11
 * operator evaluations (cpu_tuple_cost and the filter's functions).
 */
#define NPIDX_PROBE_CPU_OPS		30.0

/*
 * The average sample size of the fingerprints of the indexed column, from
 * the statistics' average width (header, then 4 bytes a hash), or -1.
 */
static double
ColumnQueryHashes(PlannerInfo *root, IndexOptInfo *index)
{
	RangeTblEntry *rte;
	int32		width;

	if (index->indexkeys[0] == 0)
		return -1;				/* an expression */
	rte = planner_rt_fetch(index->rel->relid, root);
	if (rte->rtekind != RTE_RELATION)
		return -1;
	width = get_attavgwidth(rte->relid, index->indexkeys[0]);
	if (width <= (int32) NP_FP_HDRSZ)
		return -1;
	return (double) (width - NP_FP_HDRSZ) / sizeof(uint32);
}

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
	double		probes = -1;
	double		spc_random_page_cost;
	double		pages_fetched;
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
	if (probes < 0)
		probes = ColumnQueryHashes(root, index);
	if (probes < 0)
		probes = NP_FP_DEFAULT_SKETCH_SIZE;

	get_tablespace_page_costs(index->reltablespace, &spc_random_page_cost, NULL);
	/* one bucket page a probe; repeated scans find most of them cached */
	if (loop_count > 1)
		pages_fetched = index_pages_fetched(probes * loop_count, index->pages,
											(double) index->pages, root) / loop_count;
	else
		pages_fetched = index_pages_fetched(probes, index->pages,
											(double) index->pages, root);
	pages_fetched = Min(pages_fetched, probes);
	probe_cost = pages_fetched * spc_random_page_cost +
		probes * NPIDX_PROBE_CPU_OPS * cpu_operator_cost;

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
	 * disable_cost is not enough: with enable_seqscan off the sequential
	 * scan carries it too, and reading the row list costs less than reading
	 * a wide heap, so the index-only scan won and failed ("no data returned
	 * for index-only scan").  An infinite cost loses to every other path.
	 */
	if (path->path.pathtype == T_IndexOnlyScan)
	{
		*indexStartupCost = get_float8_infinity();
		*indexTotalCost = get_float8_infinity();
	}
	*indexSelectivity = costs.indexSelectivity;
	*indexCorrelation = costs.indexCorrelation;
	*indexPages = Max(pages_fetched, 1.0);
}
