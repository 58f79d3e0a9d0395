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

/* ---- A real headline for story_summary (issue 13) ------------------------
 * headline(): what clean(body, keep_headline => true) keeps first, from a
 * bounded prefix of the text; story_summary's headline column uses it.
 */
/*
 * The headline clean(body, keep_headline => true) puts first (an HTML h1,
 * or a short line of text before the body, never a wire slug or header),
 * found in the first 64 kB of the text only, so that its cost does not grow
 * with the article.  NULL when the text has none.
 */
CREATE FUNCTION headline(body text)
RETURNS text
AS 'MODULE_PATHNAME', 'newsprint_headline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION headline(text) IS
'the headline clean(body, keep_headline => true) keeps, from the first 64 kB of the text; NULL if none';
/* ---- end of headline ---- */

/* ---- Text core: one offset convention (issue 15) -------------------------
 *
 * Every function that reports where a piece of text lies now returns
 * start, its 1-based character position in the text the function read (the
 * cleaned text, or the body as given with clean => false), and length, in
 * characters, so that substr(text read, start, length) is the piece.  0.1
 * returned 0-based offsets named start/"end", start/stop and first_offset,
 * and shared_passages() 1-based position_a/position_b without lengths.
 * A function's result columns cannot be changed in place, so the five
 * functions are dropped and created again; a view or function of yours
 * that uses them must be dropped before the update and created again
 * after it.  The C functions are the same names in the new library.
 */

DROP FUNCTION paragraphs(text, boolean);
DROP FUNCTION sentences(text, boolean);
DROP FUNCTION entities(text, boolean);
DROP FUNCTION entity_mentions(text, boolean);
DROP FUNCTION shared_passages(text, text, boolean, float8);

CREATE FUNCTION paragraphs(body text, clean boolean DEFAULT true)
RETURNS TABLE (ordinal integer, text text, start integer, length integer)
AS 'MODULE_PATHNAME', 'newsprint_paragraphs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION paragraphs(text, boolean) IS
'paragraphs of the cleaned text, with 1-based start and length in characters';

CREATE FUNCTION sentences(body text, clean boolean DEFAULT true)
RETURNS TABLE (ordinal integer, text text, start integer, length integer)
AS 'MODULE_PATHNAME', 'newsprint_sentences'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 50;

COMMENT ON FUNCTION sentences(text, boolean) IS
'sentences of the cleaned text, with 1-based start and length in characters';

CREATE FUNCTION entities(body text, clean boolean DEFAULT true)
RETURNS TABLE (name text, kind text, subtype text, mentions integer, first_start integer)
AS 'MODULE_PATHNAME', 'newsprint_entities'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION entities(text, boolean) IS
'named entities (PER, ORG, LOC, MISC) of an article, one row per canonical name';

CREATE FUNCTION entity_mentions(body text, clean boolean DEFAULT true)
RETURNS TABLE (start integer, length integer, surface text, name text, kind text)
AS 'MODULE_PATHNAME', 'newsprint_entity_mentions'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 50;

COMMENT ON FUNCTION entity_mentions(text, boolean) IS
'every entity mention of an article, with 1-based start and length in characters in the text read';

CREATE FUNCTION shared_passages(a text, b text, clean boolean DEFAULT true,
								min_score float8 DEFAULT 0.5,
								OUT passage_a text, OUT passage_b text,
								OUT score float8,
								OUT start_a integer, OUT length_a integer,
								OUT start_b integer, OUT length_b integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'fingerprint_shared_passages'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 10;

COMMENT ON FUNCTION shared_passages(text, text, boolean, float8) IS
'sentences of a with the sentence of b sharing most of their word pairs';

/* ---- end of text core ---- */

/* ---- Stories (issue 13; doc/stories.md) -------------------------------------
 * Leader clustering that does not chain: story_match(), cluster_stories()
 * (batch), assign_story() and story_trigger() (at insert time), and
 * create_story_views() for reporting.  story_clusters() keeps its interface
 * and becomes cluster_stories() in id order; it no longer uses work tables
 * (issue 9 items 10 and 11: it can clash with, or drop, no table of the
 * caller's).  Same text as sql/50_report.sql.
 */
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
 * highest similarity, then the earliest leader.  A NULL threshold means
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
 * it starts a new story; NULL when fp is NULL.  Leader creation takes a
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
 * time window (default '20 hours', as assign_story's; '' for none).
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
CREATE OR REPLACE FUNCTION story_clusters(articles regclass,
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
/* ---- end of stories ---- */

/* ---- Index (npidx; issue 11) --------------------------------------------
 * Kept in step with sql/40_index.sql.
 */

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

/*
 * The npidx page format changed (row classes in postings, a pending list,
 * the formats of the indexed fingerprints), and 0.2's library refuses 0.1's
 * indexes ("Please REINDEX it"): the update rebuilds every npidx index.
 * REINDEX blocks writes to the table while it runs (about 30 s per million
 * articles).
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
/* ---- end of index ---- */

/* ---- Fingerprint format version 2 (issue 10 items 3 and 5) ---------------
 * New fingerprints are format version 2: samples of the article's evidence
 * shingles (doc/fingerprint.md).  Stored version 1 values stay readable and
 * comparable with each other; a version 1 and a version 2 value cannot be
 * compared.  The library changes the default of fingerprint(body) at once,
 * so after this update: recompute stored fingerprints, e.g.
 *   UPDATE articles SET fp = fingerprint(body);
 * (a GENERATED column: ALTER TABLE articles ALTER COLUMN fp SET EXPRESSION
 * is PostgreSQL 17; otherwise drop and re-add the column), then
 *   REINDEX INDEX articles_fp_idx;  -- each npidx index on such a column
 * fingerprint(body, clean, sketch_size, 1) makes version 1 values meanwhile.
 */
CREATE FUNCTION fingerprint(body text, clean boolean, sketch_size integer,
							format_version integer)
RETURNS fingerprint
AS 'MODULE_PATHNAME', 'fingerprint_from_text_versioned'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION fingerprint(text, boolean, integer, integer) IS
'fingerprint in format version 1 or 2 (2 is the default of the other forms)';
COMMENT ON TYPE fingerprint IS
'bottom-k sketch of an article''s word shingles (format version 1 or 2)';
COMMENT ON FUNCTION fingerprint(text, boolean, integer) IS
'fingerprint keeping up to sketch_size hashes (1 to 65535; default 256)';
COMMENT ON FUNCTION containment(fingerprint, fingerprint) IS
'estimated share of a''s evidence (v2: narrative shingles) found in b';
COMMENT ON FUNCTION is_contained(fingerprint, fingerprint, float8) IS
'containment(a, b) >= threshold (threshold in (0, 1]) on enough shared evidence, and in a pair with a brief on names that agree';
COMMENT ON FUNCTION is_same_story(fingerprint, fingerprint) IS
'either article''s evidence is contained in the other at newsprint.same_story_threshold (-1: the format''s default); in a pair with a brief, their names agree';
COMMENT ON FUNCTION is_same_story(fingerprint, fingerprint, float8) IS
'either article''s evidence is contained in the other at threshold; in a pair with a brief, their names agree';
COMMENT ON FUNCTION shingle_count(fingerprint) IS
'exact number of distinct shingles of the article (format version 2: evidence shingles)';
COMMENT ON FUNCTION similarity(fingerprint, fingerprint) IS
'estimated Jaccard index of the two articles'' shingle sets (format version 2: evidence shingles)';
COMMENT ON FUNCTION fingerprint_query_contained(fingerprint, fingerprint_query) IS
'is_contained(fp, q, threshold) (implementation of &<%)';
COMMENT ON FUNCTION fingerprint_query_contains(fingerprint, fingerprint_query) IS
'is_contained(q, fp, threshold) (implementation of &%>)';
/*
 * A version 2 fingerprint takes up to 1,036 bytes: two in one row pass the
 * size at which PostgreSQL moves values out of line, and every comparison
 * would then read the TOAST table.  Keep fingerprints in the row (they do
 * not compress anyway); columns made before this update keep their setting
 * (ALTER TABLE ... ALTER COLUMN fp SET STORAGE main changes it).
 */
ALTER TYPE fingerprint SET (STORAGE = main);
/* ---- end of fingerprint format version 2 ---- */

/* ---- Distributed queries (issue 14; doc/scale-out.md) ----------------------
 * Kept in step with sql/60_distributed.sql.
 */

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
/* ---- end of distributed queries ---- */

/*
 * Argument names for the functions 0.1 made without them, as a fresh
 * install has them, so that they can be called with named arguments
 * (similarity(a => x, b => y)).  Adding names where there were none is
 * allowed by CREATE OR REPLACE; the definitions are otherwise unchanged.
 */
CREATE OR REPLACE FUNCTION shingle_count(fp fingerprint) RETURNS bigint
AS 'MODULE_PATHNAME', 'fingerprint_shingle_count'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION sample_size(fp fingerprint) RETURNS integer
AS 'MODULE_PATHNAME', 'fingerprint_sample_size'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION similarity(a fingerprint, b fingerprint) RETURNS float8
AS 'MODULE_PATHNAME', 'fingerprint_similarity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION npidx_keys(fp fingerprint) RETURNS int4[]
AS 'MODULE_PATHNAME', 'npidx_keys'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
