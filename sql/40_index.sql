/* sql/40_index.sql -- newsprint install script, part 40: the npidx index access method */

/*
 * npidx: an exact inverted index over fingerprint samples (src/index/npidx.c).
 *	 CREATE INDEX ON articles USING npidx (fp);
 */
CREATE FUNCTION npidx_handler(internal) RETURNS index_am_handler
AS 'MODULE_PATHNAME', 'npidxhandler'
LANGUAGE C;

CREATE ACCESS METHOD npidx TYPE INDEX HANDLER npidx_handler;
COMMENT ON ACCESS METHOD npidx IS
	'exact near-duplicate index for newsprint.fingerprint (similarity, containment, same story, ORDER BY distance)';

/*
 * A query fingerprint with its threshold (NULL: the GUC default), the right
 * operand of the index forms of is_similar(), is_contained() and
 * is_same_story().
 */
CREATE TYPE fingerprint_query AS (fp fingerprint, threshold float8);
COMMENT ON TYPE fingerprint_query IS
	'a fingerprint and a threshold, the right operand of &%, &<%, &%> and &~';

CREATE FUNCTION fingerprint_query_similar(fingerprint, fingerprint_query) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_query_similar'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fingerprint_query_similar(fingerprint, fingerprint_query) IS
	'similarity(fp, q) >= threshold (implementation of &%)';

CREATE FUNCTION fingerprint_query_contained(fingerprint, fingerprint_query) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_query_contained'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fingerprint_query_contained(fingerprint, fingerprint_query) IS
	'is_contained(fp, q, threshold) (implementation of &<%)';

CREATE FUNCTION fingerprint_query_contains(fingerprint, fingerprint_query) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_query_contains'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fingerprint_query_contains(fingerprint, fingerprint_query) IS
	'is_contained(q, fp, threshold) (implementation of &%>)';

CREATE FUNCTION fingerprint_query_same_story(fingerprint, fingerprint_query) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_query_same_story'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fingerprint_query_same_story(fingerprint, fingerprint_query) IS
	'is_same_story(fp, q, threshold) (implementation of &~)';

CREATE OPERATOR &% (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint_query,
	PROCEDURE = fingerprint_query_similar,
	RESTRICT = contsel,
	JOIN = contjoinsel
);
COMMENT ON OPERATOR &% (fingerprint, fingerprint_query) IS
	'is_similar(fp, q.fp, q.threshold)';

CREATE OPERATOR &<% (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint_query,
	PROCEDURE = fingerprint_query_contained,
	RESTRICT = contsel,
	JOIN = contjoinsel
);
COMMENT ON OPERATOR &<% (fingerprint, fingerprint_query) IS
	'is_contained(fp, q.fp, q.threshold)';

CREATE OPERATOR &%> (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint_query,
	PROCEDURE = fingerprint_query_contains,
	RESTRICT = contsel,
	JOIN = contjoinsel
);
COMMENT ON OPERATOR &%> (fingerprint, fingerprint_query) IS
	'is_contained(q.fp, fp, q.threshold)';

CREATE OPERATOR &~ (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint_query,
	PROCEDURE = fingerprint_query_same_story,
	RESTRICT = contsel,
	JOIN = contjoinsel
);
COMMENT ON OPERATOR &~ (fingerprint, fingerprint_query) IS
	'is_same_story(fp, q.fp, q.threshold)';

/*
 * One operator class for every predicate (similarity, containment, same
 * story), hence no metric in its name.
 */
CREATE OPERATOR CLASS fingerprint_ops
DEFAULT FOR TYPE fingerprint USING npidx AS
	OPERATOR	1	%   (fingerprint, fingerprint),
	OPERATOR	2	<%  (fingerprint, fingerprint),
	OPERATOR	3	%>  (fingerprint, fingerprint),
	OPERATOR	4	&%  (fingerprint, fingerprint_query),
	OPERATOR	5	&<% (fingerprint, fingerprint_query),
	OPERATOR	6	&%> (fingerprint, fingerprint_query),
	OPERATOR	7	&~  (fingerprint, fingerprint_query),
	OPERATOR	8	<-> (fingerprint, fingerprint) FOR ORDER BY float_ops,
	OPERATOR	9	<->> (fingerprint, fingerprint) FOR ORDER BY float_ops;

/*
 * Planner support: lets WHERE is_similar(fp, $1, 0.5), is_contained(...) and
 * is_same_story(fp, $1) (or same_story) use an npidx index (rewritten to the
 * operators above).
 */
CREATE FUNCTION npidx_support(internal) RETURNS internal
AS 'MODULE_PATHNAME', 'npidx_support'
LANGUAGE C STRICT;

ALTER FUNCTION is_similar(fingerprint, fingerprint, float8) SUPPORT npidx_support;
ALTER FUNCTION is_contained(fingerprint, fingerprint, float8) SUPPORT npidx_support;
ALTER FUNCTION is_same_story(fingerprint, fingerprint) SUPPORT npidx_support;
ALTER FUNCTION is_same_story(fingerprint, fingerprint, float8) SUPPORT npidx_support;
ALTER FUNCTION same_story(fingerprint, fingerprint) SUPPORT npidx_support;
ALTER FUNCTION same_story(fingerprint, fingerprint, float8) SUPPORT npidx_support;

/* The keys npidx stores for a fingerprint (its sample hashes), for inspection. */
CREATE FUNCTION npidx_keys(fp fingerprint) RETURNS int4[]
AS 'MODULE_PATHNAME', 'npidx_keys'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION npidx_keys(fingerprint) IS
	'the sample hashes of a fingerprint as int4 (bit-for-bit), the keys of an npidx index';

/* Merge the pending list of an npidx index now (as gin_clean_pending_list). */
CREATE FUNCTION npidx_clean_pending_list(index regclass) RETURNS bigint
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
