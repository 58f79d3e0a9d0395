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

/* Ownership checks became object_ownercheck() in 16. */
#if PG_VERSION_NUM >= 160000
#define NpRelationOwnerCheck(relid, role) \
	object_ownercheck(RelationRelationId, (relid), (role))
#else
#define NpRelationOwnerCheck(relid, role) pg_class_ownercheck((relid), (role))
#endif

#endif							/* NEWSPRINT_COMPAT_H */
