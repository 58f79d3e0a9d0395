/* sql/newsprint--0.1--0.2.sql -- update newsprint from 0.1 to 0.2 */

\echo Use "ALTER EXTENSION newsprint UPDATE TO '0.2'" to load this file. \quit

/* ------------------------------------------------------------------------
 * Index (npidx): issue 11.  Kept in step with sql/40_index.sql.
 * ------------------------------------------------------------------------
 */

/* Merge the pending list of an npidx index now (as gin_clean_pending_list). */
CREATE FUNCTION npidx_clean_pending_list(regclass) RETURNS bigint
AS 'MODULE_PATHNAME', 'npidx_clean_pending_list'
LANGUAGE C STRICT PARALLEL UNSAFE;
COMMENT ON FUNCTION npidx_clean_pending_list(regclass) IS
	'merge the pending list of an npidx index into its buckets; returns the number of rows merged';

/* What the last npidx index scan of this session did. */
CREATE FUNCTION npidx_scan_stats(OUT keys_read bigint, OUT keys_skipped bigint,
								 OUT postings bigint, OUT rows_counted bigint,
								 OUT pending_rows bigint, OUT candidates bigint,
								 OUT returned bigint)
AS 'MODULE_PATHNAME', 'npidx_scan_stats'
LANGUAGE C STRICT VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION npidx_scan_stats() IS
	'counters of the last npidx index scan in this session: query keys read and skipped, postings read, rows counted, pending rows compared, candidates, TIDs returned';

/*
 * The npidx page format changed (version 2: row classes in postings, a
 * pending list), and 0.2's library refuses version-1 indexes ("Please
 * REINDEX it"): the update rebuilds every npidx index.  REINDEX blocks
 * writes to the table while it runs (about 30 s per million articles).
 */
DO $npidx_reindex$
DECLARE
	idx regclass;
BEGIN
	FOR idx IN
		SELECT i.indexrelid::regclass
		FROM pg_catalog.pg_index i
		JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
		JOIN pg_catalog.pg_am am ON am.oid = c.relam
		WHERE am.amname = 'npidx'
		  AND c.relpersistence <> 't'
	LOOP
		EXECUTE pg_catalog.format('REINDEX INDEX %s', idx);
	END LOOP;
END
$npidx_reindex$;
