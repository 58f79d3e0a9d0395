/* sql/newsprint--0.1--0.2.sql -- update newsprint from version 0.1 to 0.2 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION newsprint UPDATE TO '0.2'" to load this file. \quit

/*
 * Every change to the SQL surface between 0.1 and 0.2, in blocks, one per
 * area of work, each under its own heading.  After this script the
 * extension's objects must equal those of a fresh 0.2 install (the parts
 * sql/NN_*.sql): test/sql/update.sql compares the two.  Whoever changes a
 * part sql/NN_*.sql changes this script in the same commit.
 */

/* ---- Installing safely (issue 9 item 2) ----------------------------------
 * The check of the install script (sql/00_base.sql), also on update: 0.1
 * did not make it, so an existing installation may sit in a schema that
 * another role controls.
 */
/*
 * Refuse to use a schema that another role controls.  The control file
 * fixes the schema, and CREATE EXTENSION uses an existing schema of that
 * name whoever owns it.  A role that owns the schema, may create objects in
 * it or owns objects already there could place a function or operator next
 * to ours (an overload of clean() for varchar, say) that would run with the
 * rights of whoever calls it, a superuser included: the attack of
 * CVE-2020-14350.  Superusers could do that anyway, so what they own is
 * accepted.  Until this check has passed the schema is not trusted, so every
 * name here is qualified with pg_catalog.
 */
DO $$
DECLARE
	nsp pg_catalog.oid := '@extschema@'::pg_catalog.regnamespace;
	who pg_catalog.text;
	what pg_catalog.text;
BEGIN
	SELECT CASE WHEN held.role OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
				ELSE pg_catalog.quote_ident(r.rolname) END,
		   held.what
	INTO who, what
	FROM (SELECT 1, n.nspowner, 'owns schema @extschema@'
		  FROM pg_catalog.pg_namespace n
		  WHERE n.oid OPERATOR(pg_catalog.=) nsp
		  UNION ALL
		  SELECT 2, a.grantee, 'may create objects in schema @extschema@'
		  FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
		  WHERE n.oid OPERATOR(pg_catalog.=) nsp
			AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
		  UNION ALL
		  -- objects of every kind in the schema, through their owners'
		  -- dependencies (objects of the bootstrap superuser have none)
		  SELECT 3, d.refobjid, pg_catalog.format('owns %s %s', o.type, o.identity)
		  FROM pg_catalog.pg_shdepend d,
			   LATERAL pg_catalog.pg_identify_object(d.classid, d.objid, d.objsubid) o
		  WHERE d.dbid OPERATOR(pg_catalog.=)
				(SELECT db.oid FROM pg_catalog.pg_database db
				 WHERE db.datname OPERATOR(pg_catalog.=) pg_catalog.current_database())
			AND d.deptype OPERATOR(pg_catalog.=) 'o'
			AND pg_catalog.quote_ident(o.schema) OPERATOR(pg_catalog.=) '@extschema@'
		 ) AS held(rank, role, what)
	LEFT JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) held.role
	WHERE held.role OPERATOR(pg_catalog.=) 0
	   OR (r.rolname OPERATOR(pg_catalog.<>) CURRENT_USER AND NOT r.rolsuper)
	ORDER BY held.rank, held.what
	LIMIT 1;
	IF who IS NOT NULL THEN
		RAISE EXCEPTION USING
			ERRCODE = 'insufficient_privilege',
			MESSAGE = 'schema @extschema@ is not safe for extension newsprint',
			DETAIL = pg_catalog.format('Role %s %s, and could place objects there that run with the rights of whoever calls the extension''s functions.', who, what),
			HINT = 'Drop the schema, or remove the objects and rights of roles other than the installing role and superusers and make the installing role its owner; then try again.';
	END IF;
END
$$;
/* ---- end of installing safely ---- */

/* ---- Privilege model (issue 9 item 8; doc/security.md) --------------------
 * 0.1 granted nothing: other roles could not use the schema, nor entities()
 * read the dictionary.
 */
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
GRANT SELECT ON entity_dictionary TO PUBLIC;
/* ---- end of privilege model ---- */

/* ---- Names (issue 15: one API convention) ---------------------------------
 * library_version() replaces newsprint_version(), kept one release; the
 * predicates are is_similar, is_contained and is_same_story, with
 * same_story kept for good as its other name; the npidx operator &= (which
 * read as equality) is &~; the default operator class, which serves every
 * predicate, is fingerprint_ops.
 */
CREATE FUNCTION library_version() RETURNS text
AS 'MODULE_PATHNAME', 'newsprint_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION library_version() IS 'version of the newsprint library';
COMMENT ON FUNCTION newsprint_version() IS
'deprecated alias of library_version(), to be removed after 0.2';

CREATE FUNCTION is_same_story(a fingerprint, b fingerprint) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_same_story'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION is_same_story(fingerprint, fingerprint) IS
'the share of the smaller sample found in the other is at least newsprint.same_story_threshold';

CREATE FUNCTION is_same_story(a fingerprint, b fingerprint, threshold float8)
RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_same_story_threshold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION is_same_story(fingerprint, fingerprint, float8) IS
'the share of the smaller sample found in the other is at least threshold';

COMMENT ON FUNCTION same_story(fingerprint, fingerprint) IS
'is_same_story(a, b), under its other name';
COMMENT ON FUNCTION same_story(fingerprint, fingerprint, float8) IS
'is_same_story(a, b, threshold), under its other name';

ALTER FUNCTION is_same_story(fingerprint, fingerprint) SUPPORT npidx_support;
ALTER FUNCTION is_same_story(fingerprint, fingerprint, float8) SUPPORT npidx_support;

/*
 * PostgreSQL cannot rename an operator, and the operator class needs it, so
 * neither can be dropped without dropping every npidx index.  Renaming the
 * catalog row keeps the operator's identity (its OID): indexes, views and
 * stored rules that use it go on working and now show the new name.
 */
UPDATE pg_catalog.pg_operator SET oprname = '&~'
WHERE oid OPERATOR(pg_catalog.=)
	'@extschema@.&=(@extschema@.fingerprint, @extschema@.fingerprint_query)'::pg_catalog.regoperator;

COMMENT ON OPERATOR &~ (fingerprint, fingerprint_query) IS
	'is_same_story(fp, q.fp, q.threshold)';
COMMENT ON TYPE fingerprint_query IS
	'a fingerprint and a threshold, the right operand of &%, &<%, &%> and &~';
COMMENT ON FUNCTION fingerprint_query_same_story(fingerprint, fingerprint_query) IS
	'is_same_story(fp, q, threshold) (implementation of &~)';

ALTER OPERATOR FAMILY fingerprint_similarity_ops USING npidx RENAME TO fingerprint_ops;
ALTER OPERATOR CLASS fingerprint_similarity_ops USING npidx RENAME TO fingerprint_ops;
/* ---- end of names ---- */

/* ---- story_clusters (issue 9 items 10 and 11) -----------------------------
 * Its work tables no longer have fixed names: 0.1 dropped a caller's own
 * temporary tables newsprint_story_label and newsprint_story_edge, and
 * failed on an input table of either name.  It checks its threshold with the
 * extension's one check, and calls is_same_story.  Same text as
 * sql/50_report.sql.
 */
CREATE OR REPLACE FUNCTION story_clusters(articles regclass,
							   id_column name DEFAULT 'id',
							   fingerprint_column name DEFAULT 'fp',
							   threshold float8 DEFAULT NULL)
RETURNS TABLE (id bigint, story bigint, story_size bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
SET client_min_messages = warning
AS $$
DECLARE
	rounds int := 0;
	changed bigint;
	cond text;
	n int := 0;
	label_table text;
	edge_table text;
BEGIN
	IF articles IS NULL OR id_column IS NULL OR fingerprint_column IS NULL THEN
		RAISE EXCEPTION USING
			ERRCODE = 'null_value_not_allowed',
			MESSAGE = 'story_clusters needs a table, an id column and a fingerprint column',
			HINT = 'Only the threshold may be NULL (it then defaults to newsprint.same_story_threshold).';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_attribute
				   WHERE attrelid = articles AND attname = fingerprint_column
				   AND NOT attisdropped
				   AND atttypid = '@extschema@.fingerprint'::regtype) THEN
		RAISE EXCEPTION USING
			ERRCODE = 'datatype_mismatch',
			MESSAGE = format('%s has no column %I of type newsprint.fingerprint',
							 articles, fingerprint_column),
			HINT = 'Add one with ALTER TABLE ... ADD COLUMN fp newsprint.fingerprint and fill it with newsprint.fingerprint(body).';
	END IF;
	IF threshold IS NULL THEN
		cond := format('@extschema@.is_same_story(a.%1$I, b.%1$I)', fingerprint_column);
	ELSE
		-- the extension's one threshold check, with its words
		PERFORM @extschema@.is_same_story(@extschema@.fingerprint(''::text, false), @extschema@.fingerprint(''::text, false), threshold);
		cond := format('@extschema@.is_same_story(a.%1$I, b.%1$I, %2$L::float8)',
					   fingerprint_column, threshold);
	END IF;

	LOOP
		n := n + 1;
		label_table := format('newsprint_story_label_%s', n);
		edge_table := format('newsprint_story_edge_%s', n);
		EXIT WHEN to_regclass(format('pg_temp.%I', label_table)) IS NULL
			  AND to_regclass(format('pg_temp.%I', edge_table)) IS NULL;
	END LOOP;
	EXECUTE format(
		'CREATE TEMPORARY TABLE pg_temp.%4$I AS '
		'SELECT %1$I::bigint AS id, %1$I::bigint AS label FROM %2$s '
		'WHERE %1$I IS NOT NULL AND %3$I IS NOT NULL',
		id_column, articles, fingerprint_column, label_table);
	/*
	 * One side of the self-join is read once, into a MATERIALIZED CTE: a
	 * distributed planner (Citus) refuses a self-join that is not on the
	 * distribution column, but joins a table with a CTE's rows, sending them
	 * to every shard, where each probes its own index (doc/scale-out.md).
	 */
	EXECUTE format(
		'CREATE TEMPORARY TABLE pg_temp.%4$I AS '
		'WITH b AS MATERIALIZED (SELECT %1$I, %5$I FROM %2$s '
		'WHERE %1$I IS NOT NULL AND %5$I IS NOT NULL) '
		'SELECT a.%1$I::bigint AS x, b.%1$I::bigint AS y '
		'FROM %2$s a JOIN b ON %3$s AND a.%1$I <> b.%1$I '
		'WHERE a.%1$I IS NOT NULL',
		id_column, articles, cond, edge_table, fingerprint_column);
	EXECUTE format('CREATE INDEX ON pg_temp.%I (id)', label_table);
	EXECUTE format('CREATE INDEX ON pg_temp.%I (x)', edge_table);
	EXECUTE format('ANALYZE pg_temp.%I', label_table);
	EXECUTE format('ANALYZE pg_temp.%I', edge_table);

	LOOP
		EXECUTE format(
			'UPDATE pg_temp.%1$I l '
			'SET label = m.label '
			'FROM (SELECT e.x AS id, min(n.label) AS label '
			'	   FROM pg_temp.%2$I e '
			'	   JOIN pg_temp.%1$I n ON n.id = e.y '
			'	   GROUP BY e.x) m '
			'WHERE m.id = l.id AND m.label < l.label',
			label_table, edge_table);
		GET DIAGNOSTICS changed = ROW_COUNT;
		EXIT WHEN changed = 0;
		rounds := rounds + 1;
	END LOOP;

	RETURN QUERY EXECUTE format(
		'SELECT l.id, l.label, count(*) OVER (PARTITION BY l.label) '
		'FROM pg_temp.%I l '
		'ORDER BY l.label, l.id',
		label_table);
	EXECUTE format('DROP TABLE pg_temp.%I, pg_temp.%I', label_table, edge_table);
END
$$;

COMMENT ON FUNCTION story_clusters(regclass, name, name, float8) IS
'group the articles of a table into stories (connected components of is_same_story)';
/* ---- end of story_clusters ---- */

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

/* ---- Distributed queries (issue 14; doc/scale-out.md) ----------------------
 * Kept in step with sql/60_distributed.sql.
 */

/*
 * The functions that read a setting (the operators %, <%, %> and the
 * two-argument same_story) get npidx_support as their planner support
 * function too: it rewrites each call into its threshold-taking form with
 * the setting's value as a constant, on the node that plans the query, so
 * that the value travels with the query to postgres_fdw shards and Citus
 * workers (src/distributed.c, doc/scale-out.md).
 */
ALTER FUNCTION fingerprint_similar_op(fingerprint, fingerprint) SUPPORT npidx_support;
ALTER FUNCTION fingerprint_contained_op(fingerprint, fingerprint) SUPPORT npidx_support;
ALTER FUNCTION fingerprint_contains_op(fingerprint, fingerprint) SUPPORT npidx_support;

/*
 * The user dictionary as a value, so that it can travel with a query:
 * entity_dictionary_snapshot() is the caller's view of the table (ordered
 * by name), and the three-argument entities() and entity_mentions() use the
 * dictionary they are given instead of the table, so they are IMMUTABLE.
 */
CREATE FUNCTION entity_dictionary_snapshot() RETURNS entity_dictionary[]
AS 'MODULE_PATHNAME', 'newsprint_entity_dictionary_snapshot'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION entity_dictionary_snapshot() IS
'the rows of entity_dictionary the caller may read, as one value for entities(body, clean, dictionary)';

CREATE FUNCTION entities(body text, clean boolean, dictionary entity_dictionary[])
RETURNS TABLE (name text, kind text, subtype text, mentions integer, first_offset integer)
AS 'MODULE_PATHNAME', 'newsprint_entities'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION entities(text, boolean, entity_dictionary[]) IS
'named entities of an article, with the given user dictionary instead of the table';

CREATE FUNCTION entity_mentions(body text, clean boolean, dictionary entity_dictionary[])
RETURNS TABLE (start integer, stop integer, surface text, name text, kind text)
AS 'MODULE_PATHNAME', 'newsprint_entity_mentions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 50;

COMMENT ON FUNCTION entity_mentions(text, boolean, entity_dictionary[]) IS
'every entity mention of an article, with the given user dictionary instead of the table';

/*
 * The table readers get the planner support function too, which marks them
 * for the planner hook: on a Citus coordinator it puts the dictionary into
 * the query as a constant (src/distributed.c).
 */
ALTER FUNCTION entities(text, boolean) SUPPORT npidx_support;
ALTER FUNCTION entity_mentions(text, boolean) SUPPORT npidx_support;
ALTER FUNCTION entity_dictionary_snapshot() SUPPORT npidx_support;

/*
 * entity_dictionary stays a plain table on every node.  Citus would make a
 * reference, distributed or local table of it by creating (or renaming to)
 * a shard named entity_dictionary_<shard id> in this schema; that would
 * break the readers and could not be undone (undistribute_table fails on a
 * table the extension owns).  This event trigger refuses such a table while
 * the command that makes it still runs, so the whole command rolls back.
 */
CREATE FUNCTION entity_dictionary_guard() RETURNS event_trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	shard text;
BEGIN
	SELECT c.relname INTO shard
	FROM pg_event_trigger_ddl_commands() d
	JOIN pg_class c ON c.oid = d.objid
	WHERE d.classid = 'pg_class'::regclass
	  AND c.relnamespace = '@extschema@'::regnamespace
	  AND c.relname ~ '^entity_dictionary_[0-9]+$'
	LIMIT 1;
	IF shard IS NOT NULL THEN
		RAISE EXCEPTION USING
			ERRCODE = 'feature_not_supported',
			MESSAGE = 'newsprint.entity_dictionary cannot become a distributed table',
			DETAIL = format('Table @extschema@.%I, named as a Citus shard of entity_dictionary, was created or renamed.  newsprint reads entity_dictionary as a plain table on each node, and Citus could not undo the change while the extension owns the table.', shard),
			HINT = 'Keep entity_dictionary a plain table on the coordinator: with newsprint in shared_preload_libraries its rows travel with each query to the workers.';
	END IF;
END
$$;

COMMENT ON FUNCTION entity_dictionary_guard() IS
'event trigger function: refuses Citus shards of entity_dictionary';

CREATE EVENT TRIGGER newsprint_entity_dictionary_guard ON ddl_command_end
WHEN TAG IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO', 'ALTER TABLE')
EXECUTE FUNCTION entity_dictionary_guard();
/* ---- end of distributed queries ---- */
