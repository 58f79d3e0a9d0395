/*-------------------------------------------------------------------------
 *
 * compat.h
 *	  The one place for PG_VERSION_NUM guards (PostgreSQL 13 to 17).
 *
 * Code elsewhere uses the names defined here instead of testing the server
 * version itself.
 *
 * src/compat.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NEWSPRINT_COMPAT_H
#define NEWSPRINT_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 130000
#error "newsprint requires PostgreSQL 13 or later"
#endif

/* MarkGUCPrefixReserved appeared in 15; EmitWarningsOnPlaceholders before. */
#if PG_VERSION_NUM >= 150000
#define NpMarkGUCPrefixReserved(prefix) MarkGUCPrefixReserved(prefix)
#else
#define NpMarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

/*
 * Index AM (src/index): aminsert gained the indexUnchanged argument in 14,
 * when pull_varnos also gained its PlannerInfo argument.
 */
#if PG_VERSION_NUM >= 140000
#define NP_AMINSERT_EXTRA_ARGS , bool indexUnchanged
#define NpPullVarnos(root, node) pull_varnos(root, node)
#else
#define NP_AMINSERT_EXTRA_ARGS
#define NpPullVarnos(root, node) pull_varnos(node)
#endif

/*
 * expand_function_arguments (named arguments and defaults, for the planner
 * hook in src/distributed.c) gained include_out_arguments in 14.
 */
#if PG_VERSION_NUM >= 140000
#define NpExpandFunctionArguments(args, rettype, tup) \
	expand_function_arguments(args, false, rettype, tup)
#else
#define NpExpandFunctionArguments(args, rettype, tup) \
	expand_function_arguments(args, rettype, tup)
#endif

/*
 * Set-returning functions in materialize mode: InitMaterializedSRF came in
 * 15 (15.0 named it SetSingleFuncCall).  Before, do what it does.
 */
#if PG_VERSION_NUM >= 150001
#include "funcapi.h"
#elif PG_VERSION_NUM >= 150000
#include "funcapi.h"
#define InitMaterializedSRF(fcinfo, flags) SetSingleFuncCall(fcinfo, flags)
#define MAT_SRF_USE_EXPECTED_DESC SRF_SINGLE_USE_EXPECTED
#define MAT_SRF_BLESS SRF_SINGLE_BLESS
#else
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/tuplestore.h"

#define MAT_SRF_USE_EXPECTED_DESC	0x01
#define MAT_SRF_BLESS				0x02

static inline void
InitMaterializedSRF(FunctionCallInfo fcinfo, bits32 flags)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;
	TupleDesc	tupdesc;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (!(rsinfo->allowedModes & SFRM_Materialize) ||
		((flags & MAT_SRF_USE_EXPECTED_DESC) && rsinfo->expectedDesc == NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("materialize mode required, but it is not allowed in this context")));
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	if (flags & MAT_SRF_USE_EXPECTED_DESC)
		tupdesc = CreateTupleDescCopy(rsinfo->expectedDesc);
	else if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	if (flags & MAT_SRF_BLESS)
		BlessTupleDesc(tupdesc);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult =
		tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
							  false, work_mem);
	rsinfo->setDesc = tupdesc;
	MemoryContextSwitchTo(old);
}
#endif

/*
 * How many transactions had ended when a snapshot was taken: 14 counts them
 * (snapXactCompletionCount, for snapshot reuse).  Two snapshots with the same
 * nonzero count see the same committed transactions.  0 before 14: unknown.
 */
#if PG_VERSION_NUM >= 140000
#define NpSnapshotCompletionCount(snap) ((snap)->snapXactCompletionCount)
#else
#define NpSnapshotCompletionCount(snap) ((uint64) 0)
#endif

/*
 * A ProcessUtility hook's parameters and the call passing them on: 14 added
 * readOnlyTree.
 */
#if PG_VERSION_NUM >= 140000
#define NP_PROCESS_UTILITY_PARAMS \
	PlannedStmt *pstmt, const char *queryString, bool readOnlyTree, \
	ProcessUtilityContext context, ParamListInfo params, \
	QueryEnvironment *queryEnv, DestReceiver *dest, QueryCompletion *qc
#define NP_PROCESS_UTILITY_ARGS \
	pstmt, queryString, readOnlyTree, context, params, queryEnv, dest, qc
#else
#define NP_PROCESS_UTILITY_PARAMS \
	PlannedStmt *pstmt, const char *queryString, \
	ProcessUtilityContext context, ParamListInfo params, \
	QueryEnvironment *queryEnv, DestReceiver *dest, QueryCompletion *qc
#define NP_PROCESS_UTILITY_ARGS \
	pstmt, queryString, context, params, queryEnv, dest, qc
#endif

/*
 * Encoding conversion that stops before the first character the
 * destination encoding lacks instead of raising an error: convert up to
 * srclen bytes of src (whole characters) with conversion function proc into
 * dst (srclen * MAX_CONVERSION_GROWTH + 1 bytes, NUL-terminated on return)
 * and return how many source bytes were converted.  PostgreSQL 14 gave the
 * conversion functions a noError argument; 13's always raise, so there the
 * error is caught (conversion functions hold no resources to release) and
 * the characters are converted one at a time up to the failing one.
 */
#include "mb/pg_wchar.h"

#if PG_VERSION_NUM >= 140000
static inline int
NpConvertNoError(Oid proc, int src_encoding, int dst_encoding,
				 const char *src, int srclen, char *dst, int dstlen)
{
	return pg_do_encoding_conversion_buf(proc, src_encoding, dst_encoding,
										 (unsigned char *) src, srclen,
										 (unsigned char *) dst, dstlen, true);
}
#else
/* Convert src[0, srclen) into dst; false (and no error) if that fails */
static inline bool
np_convert_or_fail(Oid proc, int src_encoding, int dst_encoding,
				   const char *src, int srclen, char *dst)
{
	MemoryContext cxt = CurrentMemoryContext;
	volatile bool ok = true;

	PG_TRY();
	{
		OidFunctionCall5(proc, Int32GetDatum(src_encoding),
						 Int32GetDatum(dst_encoding), CStringGetDatum(src),
						 CStringGetDatum(dst), Int32GetDatum(srclen));
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(cxt);
		FlushErrorState();
		ok = false;
	}
	PG_END_TRY();
	return ok;
}

static inline int
NpConvertNoError(Oid proc, int src_encoding, int dst_encoding,
				 const char *src, int srclen, char *dst, int dstlen)
{
	int			p = 0;
	size_t		o = 0;

	(void) dstlen;
	if (np_convert_or_fail(proc, src_encoding, dst_encoding, src, srclen, dst))
		return srclen;
	while (p < srclen)
	{
		int			l = pg_encoding_mblen(src_encoding, src + p);

		if (l > srclen - p ||
			!np_convert_or_fail(proc, src_encoding, dst_encoding, src + p, l, dst + o))
			break;
		o += strlen(dst + o);
		p += l;
	}
	dst[o] = '\0';
	return p;
}
#endif

/* Ownership checks became object_ownercheck() in 16. */
#if PG_VERSION_NUM >= 160000
#define NpRelationOwnerCheck(relid, role) \
	object_ownercheck(RelationRelationId, (relid), (role))
#else
#define NpRelationOwnerCheck(relid, role) pg_class_ownercheck((relid), (role))
#endif

/*
 * Pinning a buffer that probably still holds a block without a lookup in
 * the shared buffer mapping table: ReadRecentBuffer came in 14 and takes a
 * RelFileLocator from 16.  On 13 there is none, and the caller looks up.
 */
#if PG_VERSION_NUM >= 160000
#define NpReadRecentBuffer(rel, blkno, buf) \
	ReadRecentBuffer((rel)->rd_locator, MAIN_FORKNUM, (blkno), (buf))
#elif PG_VERSION_NUM >= 140000
#define NpReadRecentBuffer(rel, blkno, buf) \
	ReadRecentBuffer((rel)->rd_node, MAIN_FORKNUM, (blkno), (buf))
#else
#define NpReadRecentBuffer(rel, blkno, buf) \
	((void) (rel), (void) (blkno), (void) (buf), false)
#endif

/* The relfilenode of a relation: RelFileLocator's relNumber from 16 */
#if PG_VERSION_NUM >= 160000
#define NpRelationFileNumber(rel) ((Oid) (rel)->rd_locator.relNumber)
#else
#define NpRelationFileNumber(rel) ((rel)->rd_node.relNode)
#endif

/* RelationGetSmgr came in 15 (and some minor releases of 13 and 14). */
#if PG_VERSION_NUM >= 150000
#define NpRelationGetSmgr(rel) RelationGetSmgr(rel)
#else
#include "utils/rel.h"

static inline SMgrRelation
NpRelationGetSmgr(Relation rel)
{
	RelationOpenSmgr(rel);
	return rel->rd_smgr;
}
#endif

#endif							/* NEWSPRINT_COMPAT_H */
