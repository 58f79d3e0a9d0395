/* sql/50_report.sql -- newsprint install script, part 50: stories and reporting */

/*
 * Stories (doc/stories.md).  Articles are taken in publication order; each
 * joins the story whose first article (its leader) it matches best, or
 * starts a new story named by its own id.  Members never attract articles,
 * so stories do not chain.  An article matches a leader when
 * their samples share at least min_shared hashes (at least the format's
 * minimum evidence, 5 in version 2) and
 *	 either has fewer than tiny_shingles shingles (a tiny pair):
 *		similarity >= tiny_similarity, and (min_named above 0) the side
 *		with fewer hashes of shingles that hold a name has that share of
 *		them in the other;
 *	 otherwise: is_same_story(article, leader, threshold) holds, in the
 *		story's direction, and a low link (under 0.35 of either sample)
 *		shares at least min_named hashes of shingles that hold a name.
 * The best match has the highest max(containment either way), then the
 * highest similarity, then the earliest leader; but an article that also
 * matches another leader, the two holding separate passages of it (a
 * round-up), starts a story that it does not lead.  A NULL threshold means
 * newsprint.same_story_threshold, read where the function runs; at its
 * default (-1), the default of the pair's fingerprint format.
 * cluster_stories() and assign_story() also take a time window: when both
 * times are known, an article joins a leader only when they are at most
 * time_window apart (no time test when either is NULL or infinite, or the
 * window is NULL; in cluster_stories the times are the order column's,
 * when it is a timestamptz, timestamp or date).  story_match() applies the
 * window when given the pair's times (a_time, b_time).
 */

/*
 * The rule for one pair: the evidence, or NULL when a would not join b.
 * Not STRICT: NULL fingerprints give NULL, NULL times no time test.
 */
CREATE FUNCTION story_match(a fingerprint, b fingerprint,
							threshold float8 DEFAULT NULL,
							min_shared integer DEFAULT 16,
							tiny_shingles integer DEFAULT 40,
							tiny_similarity float8 DEFAULT 0.6,
							min_named integer DEFAULT 3,
							a_time timestamptz DEFAULT NULL,
							b_time timestamptz DEFAULT NULL,
							time_window interval DEFAULT '20 hours')
RETURNS float8
AS 'MODULE_PATHNAME', 'story_match'
LANGUAGE C STABLE PARALLEL SAFE;

COMMENT ON FUNCTION story_match(fingerprint, fingerprint, float8, integer, integer, float8, integer, timestamptz, timestamptz, interval) IS
'evidence with which article a joins the story led by b (max containment either way), or NULL when the story rule, or the time window given both times, rejects the pair';

/*
 * cluster_stories: the batch form.  One ordered scan of the table through
 * SPI (plain, partitioned, foreign or Citus distributed tables alike), no
 * self-join and no work table; an in-memory index of the leaders, bounded
 * by maintenance_work_mem.  Runs with the caller's rights.  leads is
 * true for the articles that lead their story, the rows that seed a
 * leaders table of assign_story(); false for a round-up, which has score
 * NULL and id = story but leads no story.
 */
CREATE FUNCTION cluster_stories(articles regclass,
								id_column name DEFAULT 'id',
								fingerprint_column name DEFAULT 'fp',
								order_column name DEFAULT NULL,
								threshold float8 DEFAULT NULL,
								min_shared integer DEFAULT 16,
								tiny_shingles integer DEFAULT 40,
								tiny_similarity float8 DEFAULT 0.6,
								min_named integer DEFAULT 3,
								time_window interval DEFAULT '20 hours')
RETURNS TABLE (id bigint, story bigint, score float8, leads boolean)
AS 'MODULE_PATHNAME', 'cluster_stories'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION cluster_stories(regclass, name, name, name, float8, integer, integer, float8, integer, interval) IS
'assign every article of a table to a story, in publication order (leader clustering); score is the evidence to the story''s first article, NULL for that article; leads is true for the articles that lead their story, those assign_story() would add to a leaders table (a round-up starts a story that it does not lead)';

/*
 * assign_story: the incremental form, for INSERT ... SELECT and triggers.
 * The leaders table is the caller's:
 *	 CREATE TABLE story_leaders (story bigint PRIMARY KEY,
 *		fp newsprint.fingerprint NOT NULL, published_at timestamptz);
 *	 CREATE INDEX ON story_leaders USING npidx (fp);
 * Returns the story of the article (id, fp), adding it to the leaders when
 * it starts a new story (not when it is a round-up, which leads none); NULL
 * when fp is NULL.  Leader creation takes a
 * transaction-level advisory lock on the leaders table.
 */
CREATE FUNCTION assign_story(leaders regclass, id bigint, fp fingerprint,
							 published_at timestamptz DEFAULT NULL,
							 threshold float8 DEFAULT NULL,
							 min_shared integer DEFAULT 16,
							 tiny_shingles integer DEFAULT 40,
							 tiny_similarity float8 DEFAULT 0.6,
							 min_named integer DEFAULT 3,
							 time_window interval DEFAULT '20 hours')
RETURNS bigint
AS 'MODULE_PATHNAME', 'assign_story'
LANGUAGE C VOLATILE PARALLEL UNSAFE;

COMMENT ON FUNCTION assign_story(regclass, bigint, fingerprint, timestamptz, float8, integer, integer, float8, integer, interval) IS
'story of an incoming article, found among the leaders of a leaders table (npidx), or a new story led by the article (a round-up of two stories: a story of its own that it does not lead)';

/*
 * story_trigger: BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger setting
 * an article's story with assign_story() and the default rule.  Arguments:
 * the leaders table, then the story, id, fingerprint and publication time
 * columns (default story, id, fp, published_at; '' for none), and the
 * time window (default '20 hours', as assign_story's; '' for none).  An
 * unqualified leaders table is in the schema of the trigger's table, never
 * in the writing session's search_path.
 */
CREATE FUNCTION story_trigger() RETURNS trigger
AS 'MODULE_PATHNAME', 'story_trigger'
LANGUAGE C;

COMMENT ON FUNCTION story_trigger() IS
'trigger: set the story column of an inserted or updated article with assign_story()';

/*
 * story_clusters: the 0.1 interface, kept.  Since 0.2 it is
 * cluster_stories() in id order (stories no longer chain: see
 * doc/stories.md), with story_size added; a story is still named by its
 * smallest id, which is its first article in id order.  No time column,
 * so no time window: 0.1's parameters cannot grow without a DROP in the
 * update (doc/stories.md, "Change from 0.1"); cluster_stories() with an
 * order column is the form with times.
 */
CREATE FUNCTION story_clusters(articles regclass,
							   id_column name DEFAULT 'id',
							   fingerprint_column name DEFAULT 'fp',
							   threshold float8 DEFAULT NULL)
RETURNS TABLE (id bigint, story bigint, story_size bigint)
LANGUAGE sql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
SET client_min_messages = warning
AS $$
	SELECT c.id, c.story, count(*) OVER (PARTITION BY c.story)
	FROM @extschema@.cluster_stories(articles, id_column, fingerprint_column,
									 NULL, threshold) AS c
	ORDER BY c.story, c.id
$$;

COMMENT ON FUNCTION story_clusters(regclass, name, name, float8) IS
'group the articles of a table into stories (cluster_stories in id order, no time window)';

/*
 * create_story_views: reporting views over a table of articles that has a
 * story column (filled by story_trigger(), assign_story() or an UPDATE from
 * cluster_stories()).  The views are plain SQL over the caller's table, so
 * they stay current and work on partitioned and Citus distributed tables;
 * doc/stories.md gives a dashboard panel query for each.  They are created
 * in the table's schema, named prefix || members, summary, per_day,
 * outlets, spread and entities (those needing a column given as NULL are
 * skipped).  An existing relation of the same name is an error unless
 * replace is true, and then only a view is replaced (CREATE OR REPLACE
 * VIEW: nothing is dropped).  Returns the names of the views created.
 * The outlet column may be of any type with an equality operator: the
 * views only group and compare it, with its type's operator class (which
 * only a superuser can make), and pass it to no function whose resolution
 * could go through a cast of the type owner's (hence first_value() and a
 * grouping, not min(), for the first outlet).
 */
CREATE FUNCTION create_story_views(articles regclass,
								   prefix name DEFAULT 'story_',
								   story_column name DEFAULT 'story',
								   id_column name DEFAULT 'id',
								   time_column name DEFAULT 'published_at',
								   outlet_column name DEFAULT 'outlet',
								   body_column name DEFAULT 'body',
								   replace boolean DEFAULT false)
RETURNS SETOF regclass
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	nsp text;
	tbl text := articles::text;
	v text;
	views text[] := ARRAY[]::text[];
	defs text[] := ARRAY[]::text[];
	i int;
	kind "char";
	col name;
	cols name[];
	typ oid;
	allowed regtype[];
BEGIN
	IF articles IS NULL OR story_column IS NULL OR id_column IS NULL OR time_column IS NULL
	   OR prefix IS NULL THEN
		RAISE EXCEPTION USING
			ERRCODE = 'null_value_not_allowed',
			MESSAGE = 'create_story_views needs a table, a prefix, and its story, id and time columns',
			HINT = 'Only the outlet and body columns may be NULL (the views that need them are then skipped).';
	END IF;
	-- a regclass may hold the OID of no relation (0, or a dropped table's)
	IF NOT EXISTS (SELECT FROM pg_class WHERE oid = articles) THEN
		RAISE EXCEPTION USING
			ERRCODE = 'undefined_table',
			MESSAGE = format('relation with OID %s does not exist', articles::oid);
	END IF;
	FOREACH col IN ARRAY ARRAY[story_column, id_column, time_column, outlet_column, body_column] LOOP
		IF col IS NOT NULL AND NOT EXISTS (SELECT FROM pg_attribute
				WHERE attrelid = articles AND attname = col AND attnum > 0 AND NOT attisdropped) THEN
			RAISE EXCEPTION USING
				ERRCODE = 'undefined_column',
				MESSAGE = format('column %I of relation %s does not exist', col, articles);
		END IF;
	END LOOP;
	-- The views compute with the story, id, time and body columns, and an
	-- implicit cast from a type the table's owner made may be the owner's
	-- function, which the views would run with the rights of whoever
	-- queries them: those columns must be of the server's types (or
	-- domains over them).  The outlet column may be of any type (see above).
	cols := ARRAY[story_column, id_column, time_column, body_column];
	FOR i IN 1..4 LOOP
		CONTINUE WHEN cols[i] IS NULL;
		SELECT a.atttypid INTO typ FROM pg_attribute a
		WHERE a.attrelid = articles AND a.attname = cols[i];
		WHILE (SELECT t.typtype FROM pg_type t WHERE t.oid = typ) = 'd' LOOP
			SELECT t.typbasetype INTO typ FROM pg_type t WHERE t.oid = typ;
		END LOOP;
		allowed := CASE WHEN i <= 2 THEN '{int8,int4,int2}'::regtype[]
						WHEN i = 3 THEN '{timestamptz,timestamp,date}'::regtype[]
						ELSE '{text,varchar,bpchar}'::regtype[] END;
		IF NOT typ = ANY (allowed::oid[]) THEN
			RAISE EXCEPTION USING
				ERRCODE = 'datatype_mismatch',
				MESSAGE = format('column %I of relation %s is of type %s', cols[i], articles,
								 format_type(typ, NULL)),
				DETAIL = format('The %s column must be of type %s (or a domain over one).',
								(ARRAY['story', 'id', 'time', 'body'])[i],
								array_to_string(allowed, ', ')),
				HINT = 'A cast from another type could run code of the type''s owner in the views.';
		END IF;
	END LOOP;
	SELECT n.nspname INTO nsp FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE c.oid = articles;

	-- every article with a story, its place in the story and its delay
	views := views || 'members'::text;
	defs := defs || format(
		'SELECT a.%2$I AS id, a.%3$I AS story, a.%2$I = a.%3$I AS leader, '
		'a.%4$I AS published_at, %5$s AS outlet, '
		'row_number() OVER w AS position, '
		'a.%4$I - first_value(a.%4$I) OVER w AS delay '
		'FROM %1$s a WHERE a.%3$I IS NOT NULL '
		'WINDOW w AS (PARTITION BY a.%3$I ORDER BY a.%4$I, a.%2$I)',
		tbl, id_column, story_column, time_column,
		CASE WHEN outlet_column IS NULL THEN 'NULL::text' ELSE format('a.%I', outlet_column) END);

	-- one row per story
	views := views || 'summary'::text;
	defs := defs || format(
		'SELECT a.%3$I AS story, min(a.%4$I) AS first_published, max(a.%4$I) AS last_published, '
		'count(*) AS copies, %5$s AS outlets, '
		'max(a.%4$I) - min(a.%4$I) AS spread, %6$s AS headline '
		'FROM %1$s a WHERE a.%3$I IS NOT NULL GROUP BY a.%3$I',
		tbl, id_column, story_column, time_column,
		CASE WHEN outlet_column IS NULL THEN 'NULL::bigint'
			 ELSE format('count(DISTINCT a.%I)', outlet_column) END,
		CASE WHEN body_column IS NULL THEN 'NULL::text'
			 ELSE format('coalesce(@extschema@.headline(max(a.%1$I) FILTER (WHERE a.%2$I = a.%3$I)), '
						 'left(substring(max(a.%1$I) FILTER (WHERE a.%2$I = a.%3$I) FROM ''[[:alpha:]][^\n]{10,}''), 120))',
						 body_column, id_column, story_column) END);

	-- stories per day (by first appearance) and articles per day
	views := views || 'per_day'::text;
	defs := defs || format(
		'SELECT d.day, coalesce(s.new_stories, 0) AS new_stories, d.articles, '
		'd.articles - coalesce(s.new_stories, 0) AS copies '
		'FROM (SELECT date_trunc(''day'', a.%3$I) AS day, count(*) AS articles '
		'      FROM %1$s a WHERE a.%2$I IS NOT NULL GROUP BY 1) d '
		'LEFT JOIN (SELECT date_trunc(''day'', f.first) AS day, count(*) AS new_stories '
		'           FROM (SELECT min(a.%3$I) AS first FROM %1$s a '
		'                 WHERE a.%2$I IS NOT NULL GROUP BY a.%2$I) f GROUP BY 1) s '
		'ON s.day = d.day',
		tbl, story_column, time_column);

	IF outlet_column IS NOT NULL THEN
		-- outlets and copies per story, who ran it first
		views := views || 'outlets'::text;
		defs := defs || format(
			'SELECT o.story, o.outlet, o.copies, o.first_published, '
			'o.first_published - min(o.first_published) OVER (PARTITION BY o.story) AS delay, '
			'rank() OVER (PARTITION BY o.story ORDER BY o.first_published) AS rank '
			'FROM (SELECT a.%2$I AS story, a.%4$I AS outlet, count(*) AS copies, '
			'      min(a.%3$I) AS first_published '
			'      FROM %1$s a WHERE a.%2$I IS NOT NULL GROUP BY a.%2$I, a.%4$I) o',
			tbl, story_column, time_column, outlet_column);
	END IF;

	-- how fast each story spread: copies within 1, 6 and 24 hours
	views := views || 'spread'::text;
	defs := defs || format(
		'SELECT m.story, min(m.published_at) AS first_published, '
		'm.first_outlet, '
		'count(*) AS copies, '
		'count(*) FILTER (WHERE m.delay <= interval ''1 hour'') AS within_1h, '
		'count(*) FILTER (WHERE m.delay <= interval ''6 hours'') AS within_6h, '
		'count(*) FILTER (WHERE m.delay <= interval ''24 hours'') AS within_24h, '
		'min(m.delay) FILTER (WHERE m.position = 2) AS first_copy_after, '
		'max(m.delay) AS last_copy_after '
		'FROM (SELECT m.*, first_value(m.outlet) OVER (PARTITION BY m.story ORDER BY m.position) AS first_outlet FROM (%s) m) m GROUP BY m.story, m.first_outlet',
		defs[1]);

	IF body_column IS NOT NULL THEN
		-- entities counted once per story rather than once per copy
		views := views || 'entities'::text;
		defs := defs || format(
			'SELECT e.name, e.kind, count(DISTINCT a.%2$I) AS stories, count(*) AS copies '
			'FROM %1$s a CROSS JOIN LATERAL @extschema@.entities(a.%3$I) e '
			'WHERE a.%2$I IS NOT NULL GROUP BY e.name, e.kind',
			tbl, story_column, body_column);
	END IF;

	-- a longer name would be truncated: the check below would miss an
	-- existing relation, and two views could get the same name
	FOR i IN 1 .. array_length(views, 1) LOOP
		v := prefix || views[i];
		IF octet_length(v) > current_setting('max_identifier_length')::int THEN
			RAISE EXCEPTION USING
				ERRCODE = 'name_too_long',
				MESSAGE = format('view name %I is too long', v),
				DETAIL = format('The view names are the prefix followed by up to 8 bytes; they must fit in %s bytes, and the prefix takes %s.',
								current_setting('max_identifier_length'), octet_length(prefix)),
				HINT = 'Choose a shorter prefix.';
		END IF;
	END LOOP;

	FOR i IN 1 .. array_length(views, 1) LOOP
		v := prefix || views[i];
		SELECT c.relkind INTO kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = nsp AND c.relname = v;
		IF FOUND AND NOT (replace AND kind = 'v') THEN
			RAISE EXCEPTION USING
				ERRCODE = 'duplicate_table',
				MESSAGE = format('relation %I.%I already exists', nsp, v),
				HINT = CASE WHEN kind = 'v' THEN 'Pass replace => true to replace the view, or choose another prefix.'
							ELSE 'Choose another prefix.' END;
		END IF;
		EXECUTE format('CREATE %s VIEW %I.%I AS %s',
					   CASE WHEN FOUND THEN 'OR REPLACE' ELSE '' END, nsp, v, defs[i]);
		RETURN NEXT format('%I.%I', nsp, v)::regclass;
	END LOOP;
END
$$;

COMMENT ON FUNCTION create_story_views(regclass, name, name, name, name, name, name, boolean) IS
'create reporting views (members, summary, per_day, outlets, spread, entities) over a table of articles with a story column';
