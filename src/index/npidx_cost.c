/*-------------------------------------------------------------------------
 *
 * npidx_cost.c
 *	  Cost estimate of npidx scans for the planner.
 *
 * genericcostestimate() charges the share of index pages implied by the
 * selectivity of the quals; that is close to what a threshold scan reads (a
 * few dozen bucket pages), and for ORDER BY ... LIMIT k it yields a zero
 * startup cost, so the planner prefers the index over sort-after-seq-scan.
 *
 * src/index/npidx_cost.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/selfuncs.h"

#include "index/npidx.h"

/*
 * Estimate the cost of an npidx index scan.
 */
void
npidxcostestimate(PlannerInfo *root, IndexPath *path, double loop_count,
				  Cost *indexStartupCost, Cost *indexTotalCost,
				  Selectivity *indexSelectivity, double *indexCorrelation,
				  double *indexPages)
{
	GenericCosts costs;

	MemSet(&costs, 0, sizeof(costs));
	genericcostestimate(root, path, loop_count, &costs);

	*indexStartupCost = costs.indexStartupCost;
	*indexTotalCost = costs.indexTotalCost;
	*indexSelectivity = costs.indexSelectivity;
	*indexCorrelation = costs.indexCorrelation;
	*indexPages = costs.numIndexPages;
}
