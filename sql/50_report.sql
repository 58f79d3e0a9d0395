/* sql/50_report.sql -- newsprint install script, part 50: reporting */

/*
 * story_clusters: group a table's articles into stories.
 *
 * Two articles are linked when is_same_story() holds for their fingerprints
 * (with the given threshold, or newsprint.same_story_threshold when NULL); a
 * story is a connected component of that graph (single linkage), named by
 * its smallest article id.  The pairs are found with a join of the table
 * with a MATERIALIZED CTE of its ids and fingerprints, which the planner can
 * answer from an npidx index on the fingerprint column (without one it
 * compares every pair), and which Citus accepts on a distributed table.  Label propagation then finds the components:
 * each round gives every article the smallest label among itself and its
 * neighbours, until nothing changes (as many rounds as the longest chain).
 *
 * Rows whose id or fingerprint is NULL are left out.  Uses two temporary
 * tables, so it is VOLATILE and PARALLEL UNSAFE, and needs the right to
 * create temporary tables.  They are named so as not to clash with the
 * caller's (the first free pair newsprint_story_label_N and
 * newsprint_story_edge_N), created without IF NOT EXISTS and dropped by
 * name, so it never touches a table it did not create; after an error they
 * go with the transaction.
 *
 * Runs with search_path pinned to pg_catalog, pg_temp: the extension's own
 * functions are named through its schema, the caller's table and columns
 * through regclass and %I (doc/security.md).
 */
CREATE FUNCTION story_clusters(articles regclass,
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
