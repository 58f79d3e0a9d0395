/* sql/60_distributed.sql -- newsprint install script, part 60: distributed queries */

/*
 * The functions that read a setting (the operators %, <%, %> and the
 * two-argument same_story) get npidx_support as their planner support
 * function too: it rewrites each call into its threshold-taking form with
 * the setting's value as a constant, on the node that plans the query, so
 * that the value travels with the query to postgres_fdw shards and Citus
 * workers (src/distributed.c, doc/scale-out.md).  A setting at -1, the
 * default of the fingerprints' format, travels as default_threshold(fp,
 * predicate), which computes that default from a fingerprint of the pair
 * and reads no setting.
 */
CREATE FUNCTION default_threshold(fp fingerprint, predicate text)
RETURNS float8
AS 'MODULE_PATHNAME', 'fingerprint_default_threshold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION default_threshold(fingerprint, text) IS
'the default threshold of predicate (''containment'' or ''same_story'') for fingerprints of fp''s format';

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
RETURNS TABLE (name text, kind text, subtype text, mentions integer, first_start integer)
AS 'MODULE_PATHNAME', 'newsprint_entities'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION entities(text, boolean, entity_dictionary[]) IS
'named entities of an article, with the given user dictionary instead of the table';

CREATE FUNCTION entity_mentions(body text, clean boolean, dictionary entity_dictionary[])
RETURNS TABLE (start integer, length integer, surface text, name text, kind text)
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

/*
 * story_match() with a NULL threshold reads same_story_threshold: it gets
 * the support function too, so that the value is put in the call where the
 * query is planned (stories; src/distributed.c).
 */
ALTER FUNCTION story_match(fingerprint, fingerprint, float8, integer, integer, float8, integer, timestamptz, timestamptz, interval)
	SUPPORT npidx_support;
