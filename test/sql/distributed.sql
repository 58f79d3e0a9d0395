--
-- distributed: what travels with a query to another server (doc/scale-out.md)
--
SET search_path = public, newsprint;

-- article i shares its first 100 - i words with article 0
CREATE TABLE dist_art (id int PRIMARY KEY, fp fingerprint);
INSERT INTO dist_art
SELECT i, fingerprint(string_agg(CASE WHEN j <= 100 - i THEN 'w' || j
									  ELSE 'x' || i || '_' || j END, ' ' ORDER BY j))
FROM generate_series(0, 99) i, generate_series(1, 100) j GROUP BY i;
CREATE INDEX dist_art_fp ON dist_art USING npidx (fp);
ANALYZE dist_art;

-- the setting readers become their threshold forms, with the value of the
-- setting as a constant, when the query is planned: immutable, so
-- postgres_fdw can ship them, and still served by the index
SELECT p.oid::regprocedure, p.provolatile, p.prosupport
FROM pg_proc p
WHERE p.pronamespace = 'newsprint'::regnamespace
  AND p.proname IN ('fingerprint_similar_op', 'fingerprint_contained_op',
					'fingerprint_contains_op', 'same_story', 'is_same_story')
ORDER BY 1::text;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF, VERBOSE) SELECT id FROM dist_art WHERE fp % (SELECT fp FROM dist_art WHERE id = 0);
EXPLAIN (COSTS OFF, VERBOSE) SELECT id FROM dist_art WHERE fp <% (SELECT fp FROM dist_art WHERE id = 0);
EXPLAIN (COSTS OFF, VERBOSE) SELECT id FROM dist_art WHERE fp %> (SELECT fp FROM dist_art WHERE id = 0);
EXPLAIN (COSTS OFF, VERBOSE) SELECT id FROM dist_art WHERE same_story((SELECT fp FROM dist_art WHERE id = 0), fp);
EXPLAIN (COSTS OFF, VERBOSE) SELECT id FROM dist_art WHERE is_same_story(fp, (SELECT fp FROM dist_art WHERE id = 0));
SET newsprint.similarity_threshold = 0.25;
EXPLAIN (COSTS OFF, VERBOSE) SELECT id FROM dist_art WHERE fp % (SELECT fp FROM dist_art WHERE id = 0);
-- every constant argument: folded at plan time
EXPLAIN (COSTS OFF, VERBOSE) SELECT 'v1:w3:k160:n2:0000000100000002'::fingerprint % 'v1:w3:k160:n2:0000000100000002'::fingerprint;
RESET newsprint.similarity_threshold;
RESET enable_seqscan;

-- same answers as the threshold forms, for every setting value (each
-- statement planned after the setting changed)
CREATE FUNCTION dist_agree(t float8, OUT sim bool, OUT contained bool,
						   OUT contains bool, OUT story bool, OUT n bigint)
LANGUAGE plpgsql AS $$
DECLARE
	q fingerprint := (SELECT fp FROM dist_art WHERE id = 0);
BEGIN
	PERFORM set_config('newsprint.similarity_threshold', t::text, true);
	PERFORM set_config('newsprint.containment_threshold', t::text, true);
	PERFORM set_config('newsprint.same_story_threshold', t::text, true);
	sim := (SELECT count(*) FROM dist_art a WHERE a.fp % q) =
		   (SELECT count(*) FROM dist_art a WHERE is_similar(a.fp, q, t));
	contained := (SELECT count(*) FROM dist_art a WHERE a.fp <% q) =
				 (SELECT count(*) FROM dist_art a WHERE is_contained(a.fp, q, t));
	contains := (SELECT count(*) FROM dist_art a WHERE a.fp %> q) =
				(SELECT count(*) FROM dist_art a WHERE is_contained(q, a.fp, t));
	story := (SELECT count(*) FROM dist_art a WHERE same_story(a.fp, q)) =
			 (SELECT count(*) FROM dist_art a WHERE same_story(a.fp, q, t));
	n := (SELECT count(*) FROM dist_art a WHERE a.fp % q);
END
$$;
SELECT t, d.* FROM (VALUES (0.2), (0.5), (0.8)) v(t), dist_agree(t) d ORDER BY t;

-- at -1, their default, containment_threshold and same_story_threshold mean
-- the default of the fingerprints' format, which no threshold argument may
-- say: the planner writes default_threshold(fp, predicate) instead, which
-- computes it from a fingerprint of the pair and reads no setting
SELECT default_threshold(fingerprint('one two three four'::text), 'containment') AS v2_containment,
	   default_threshold(fingerprint('one two three four'::text), 'same_story') AS v2_same_story,
	   default_threshold(fingerprint('one two three four'::text, true, 256, 1), 'containment') AS v1_containment,
	   default_threshold(fingerprint('one two three four'::text, true, 256, 1), 'same_story') AS v1_same_story,
	   default_threshold(NULL, 'same_story') AS null_fp;
SELECT default_threshold(fingerprint('one two three four'::text), 'similarity');
SELECT p.oid::regprocedure, p.provolatile, p.proisstrict
FROM pg_proc p
WHERE p.pronamespace = 'newsprint'::regnamespace AND p.proname = 'default_threshold';
SET enable_seqscan = off;
-- (a constant fingerprint: folded to the value of its format, here 1)
EXPLAIN (COSTS OFF, VERBOSE) SELECT id FROM dist_art WHERE same_story(fp, 'v1:w3:k160:n2:0000000100000002'::fingerprint);
EXPLAIN (COSTS OFF, VERBOSE) SELECT a.id FROM dist_art a, dist_art b WHERE b.id = 0 AND b.fp %> a.fp;
RESET enable_seqscan;
-- the same table with version 1 fingerprints, whose defaults differ
CREATE TABLE dist_v1 (id int PRIMARY KEY, fp fingerprint);
INSERT INTO dist_v1
SELECT i, fingerprint(string_agg(CASE WHEN j <= 100 - i THEN 'w' || j
									  ELSE 'x' || i || '_' || j END, ' ' ORDER BY j),
					  true, 256, 1)
FROM generate_series(0, 99) i, generate_series(1, 100) j GROUP BY i;
CREATE INDEX dist_v1_fp ON dist_v1 USING npidx (fp);
ANALYZE dist_v1;
-- the setting forms at -1 against the threshold forms with the format's
-- values, by index scan and by sequential scan
CREATE FUNCTION dist_defaults(tab regclass, c float8, s float8, index bool,
							  OUT contained bigint, OUT contains bigint,
							  OUT story bigint, OUT story_match bigint,
							  OUT agree bool)
LANGUAGE plpgsql AS $$
DECLARE
	q fingerprint;
	c2 bigint;
	s2 bigint;
	m2 bigint;
	k2 bigint;
BEGIN
	EXECUTE format('SELECT fp FROM %s WHERE id = 0', tab) INTO q;
	PERFORM set_config('enable_seqscan', (NOT index)::text, true);
	PERFORM set_config('enable_indexscan', index::text, true);
	PERFORM set_config('enable_bitmapscan', index::text, true);
	EXECUTE format('SELECT count(*) FROM %s a WHERE a.fp <%% $1', tab) INTO contained USING q;
	EXECUTE format('SELECT count(*) FROM %s a WHERE a.fp %%> $1', tab) INTO contains USING q;
	EXECUTE format('SELECT count(*) FROM %s a WHERE same_story(a.fp, $1)', tab) INTO story USING q;
	EXECUTE format('SELECT count(*) FROM %s a WHERE story_match(a.fp, $1) IS NOT NULL', tab) INTO story_match USING q;
	EXECUTE format('SELECT count(*) FROM %s a WHERE is_contained(a.fp, $1, $2)', tab) INTO c2 USING q, c;
	EXECUTE format('SELECT count(*) FROM %s a WHERE is_contained($1, a.fp, $2)', tab) INTO k2 USING q, c;
	EXECUTE format('SELECT count(*) FROM %s a WHERE same_story(a.fp, $1, $2)', tab) INTO s2 USING q, s;
	EXECUTE format('SELECT count(*) FROM %s a WHERE story_match(a.fp, $1, $2) IS NOT NULL', tab) INTO m2 USING q, s;
	agree := contained = c2 AND contains = k2 AND story = s2 AND story_match = m2;
END
$$;
SELECT tab, index, d.*
FROM (VALUES ('dist_art'::regclass, 0.5, 0.12), ('dist_v1', 0.6, 0.6)) v(tab, c, s),
	 (VALUES (true), (false)) i(index), dist_defaults(tab, c, s, index) d
ORDER BY 1, 2;
-- and what a shard of a Citus coordinator receives reads no setting
SET application_name = 'citus_internal gpid=10000000001';
SELECT count(*) FROM dist_v1 a, dist_v1 q
WHERE q.id = 0 AND same_story(a.fp, q.fp, default_threshold(q.fp, 'same_story'));
SELECT count(*) FROM dist_art a, dist_art q
WHERE q.id = 0 AND is_contained(a.fp, q.fp, default_threshold(a.fp, 'containment'));
RESET application_name;

-- a cached plan holds the value, so a change of the setting drops it:
-- prepared statements and PL/pgSQL see every SET, SET LOCAL and RESET
SET plan_cache_mode = force_generic_plan;
PREPARE sim AS SELECT count(*) FROM dist_art WHERE fp % (SELECT fp FROM dist_art WHERE id = 0);
PREPARE story AS SELECT count(*) FROM dist_art WHERE same_story(fp, (SELECT fp FROM dist_art WHERE id = 0));
EXECUTE sim;
EXECUTE story;
SET newsprint.similarity_threshold = 0.2;
SET newsprint.same_story_threshold = 0.2;
EXECUTE sim;
EXECUTE story;
BEGIN;
SET LOCAL newsprint.similarity_threshold = 0.9;
EXECUTE sim;
ROLLBACK;
EXECUTE sim;
CREATE FUNCTION dist_count() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	RETURN (SELECT count(*) FROM dist_art WHERE fp % (SELECT fp FROM dist_art WHERE id = 0));
END
$$;
SELECT dist_count();
RESET newsprint.similarity_threshold;
SELECT dist_count();
CREATE FUNCTION dist_count_at(t float8) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('newsprint.similarity_threshold', t::text, true);
	RETURN (SELECT count(*) FROM dist_art WHERE fp % (SELECT fp FROM dist_art WHERE id = 0));
END
$$;
SELECT dist_count_at(0.2), dist_count_at(0.5), dist_count_at(0.9);
RESET newsprint.same_story_threshold;
RESET plan_cache_mode;
DEALLOCATE sim;
DEALLOCATE story;

-- in a shard query of a Citus coordinator (its connections say so in
-- application_name), a form that reads a setting refuses, unless the
-- coordinator sent the value (SET LOCAL, propagated by Citus)
SET application_name = 'citus_internal gpid=10000000001';
SELECT count(*) FROM dist_art WHERE fp % fp;
SELECT count(*) FROM dist_art WHERE fp <% fp;
SELECT count(*) FROM dist_art WHERE same_story(fp, fp);
SELECT count(*) FROM dist_art WHERE is_same_story(fp, fp);
SELECT count(*) FROM dist_art WHERE fp &% ROW(fp, NULL)::fingerprint_query;
-- the threshold forms read nothing else
SELECT count(*) FROM dist_art WHERE is_similar(fp, fp, 0.5);
SELECT count(*) FROM dist_art WHERE same_story(fp, fp, 0.6);
SELECT count(*) FROM dist_art WHERE fp &% ROW(fp, 0.5)::fingerprint_query;
BEGIN;
SET LOCAL newsprint.similarity_threshold = 0.45;
SELECT count(*) FROM dist_art WHERE fp % fp;
ROLLBACK;
RESET application_name;
SELECT count(*) FROM dist_art WHERE fp % fp;

-- stories: story_match() with a NULL threshold gets the setting's value at
-- plan time like same_story(a, b) (also through the planner hook, which
-- fills in the defaults first); cluster_stories() and assign_story() read
-- it where they run, and refuse in a Citus shard query
SELECT p.oid::regprocedure, p.provolatile, p.prosupport
FROM pg_proc p
WHERE p.pronamespace = 'newsprint'::regnamespace AND p.proname = 'story_match';
EXPLAIN (COSTS OFF, VERBOSE)
SELECT story_match(a.fp, b.fp) FROM dist_art a, dist_art b WHERE a.id = 0 AND b.id = 1;
SET citus.shard_count = 32;
EXPLAIN (COSTS OFF, VERBOSE)
SELECT story_match(a.fp, b.fp, min_shared => 4) FROM dist_art a, dist_art b WHERE a.id = 0 AND b.id = 1;
RESET citus.shard_count;
-- (min_named => 0: the mechanical articles here share no names, so at the
-- default every low link, and without a time test every pair under 0.5
-- both ways, fails the name test whatever the threshold, and the
-- threshold's effect would not show)
SELECT count(*) FROM dist_art a, dist_art b
WHERE a.id = 0 AND story_match(a.fp, b.fp, min_named => 0) IS NOT NULL;
SELECT count(*) FROM dist_art a, dist_art b
WHERE a.id = 0 AND story_match(a.fp, b.fp) IS NOT NULL;
SET newsprint.same_story_threshold = 0.3;
SELECT count(*) FROM dist_art a, dist_art b
WHERE a.id = 0 AND story_match(a.fp, b.fp, min_named => 0) IS NOT NULL;
SELECT count(*) FROM dist_art a, dist_art b
WHERE a.id = 0 AND story_match(a.fp, b.fp, 0.3, min_named => 0) IS NOT NULL;
SELECT count(DISTINCT story) FROM cluster_stories('dist_art', min_named => 0);
RESET newsprint.same_story_threshold;
SELECT count(DISTINCT story) FROM cluster_stories('dist_art', min_named => 0);
SET application_name = 'citus_internal gpid=10000000001';
SELECT count(*) FROM dist_art a WHERE story_match(a.fp, a.fp) IS NOT NULL;
SELECT count(*) FROM dist_art a WHERE story_match(a.fp, a.fp, 0.6) IS NOT NULL;
SELECT count(DISTINCT story) FROM cluster_stories('dist_art');
SELECT count(DISTINCT story) FROM cluster_stories('dist_art', threshold => 0.6);
RESET application_name;

-- the user dictionary as a value: entity_dictionary_snapshot() is the
-- caller's view of the table, and entities() / entity_mentions() with it as
-- their third argument answer as with the table
INSERT INTO entity_dictionary VALUES
	('Zorblatt Industries', 'ORG', '{Zorblatt, ZI}'),
	('Quux Ventures', 'PER', '{}');
SELECT entity_dictionary_snapshot();
CREATE TABLE dist_body (id int, body text);
INSERT INTO dist_body VALUES
	(1, 'Zorblatt said on Monday that Quux Ventures and Sergei Lavrov met in Beijing.'),
	(2, 'ZI shares fell.  Quux Ventures declined to comment.');
SELECT b.id, e.* FROM dist_body b, entities(b.body) e
EXCEPT ALL
SELECT b.id, e.* FROM dist_body b, entities(b.body, true, entity_dictionary_snapshot()) e;
SELECT b.id, e.* FROM dist_body b, entity_mentions(b.body, false) e
EXCEPT ALL
SELECT b.id, e.* FROM dist_body b, entity_mentions(b.body, false, entity_dictionary_snapshot()) e;
SELECT b.id, e.name, e.kind FROM dist_body b, entities(b.body, true, entity_dictionary_snapshot()) e ORDER BY 1, 2;
-- another dictionary, or none
SELECT b.id, e.name, e.kind FROM dist_body b, entities(b.body, true, '{}') e ORDER BY 1, 2;
SELECT name, kind FROM entities('Foo Bar met Zorblatt.', true,
	ARRAY[ROW('Foo Bar', 'PER', '{}'), ROW('Zorblatt Industries', 'ORG', '{Zorblatt}')]::entity_dictionary[]);
-- the later of two entries claiming one name wins, in the table's name order
SELECT name, kind FROM entities('Acme rose.', true,
	ARRAY[ROW('Acme Corp', 'ORG', '{Acme}'), ROW('Acme Person', 'PER', '{Acme}')]::entity_dictionary[]);
-- bad entries
SELECT * FROM entities('Foo Bar met Zorblatt.', true, ARRAY[ROW('Foo Bar', 'PERSON', '{}')]::entity_dictionary[]);
SELECT * FROM entities('Foo Bar met Zorblatt.', true, ARRAY[ROW('', 'PER', '{}')]::entity_dictionary[]);
SELECT * FROM entities('Foo Bar met Zorblatt.', true, ARRAY[ROW(NULL, 'PER', '{}')]::entity_dictionary[]);
SELECT count(*) FROM entities('Foo Bar met Zorblatt.', true, ARRAY[NULL, ROW('Foo Bar', 'PER', NULL)]::entity_dictionary[]);
SELECT count(*) FROM entities('Foo Bar met Zorblatt.', true, NULL);
SELECT p.oid::regprocedure, p.provolatile, p.prosupport
FROM pg_proc p
WHERE p.pronamespace = 'newsprint'::regnamespace
  AND p.proname IN ('entities', 'entity_mentions', 'entity_dictionary_snapshot')
ORDER BY 1::text;

-- on a Citus coordinator (simulated here by the setting Citus defines), the
-- planner hook puts the dictionary and the settings into the query before
-- the distributed planner copies it; the plan depends on the dictionary
SET citus.shard_count = 32;
EXPLAIN (VERBOSE, COSTS OFF)
SELECT e.name FROM dist_body b, entities(b.body) e;
ALTER TABLE dist_body ADD COLUMN fp fingerprint;
UPDATE dist_body SET fp = fingerprint(body);
EXPLAIN (VERBOSE, COSTS OFF)
SELECT m.surface FROM dist_body b, entity_mentions(body => b.body) m
WHERE b.fp % b.fp AND same_story(b.fp, b.fp);
EXPLAIN (VERBOSE, COSTS OFF) SELECT entity_dictionary_snapshot();
SET plan_cache_mode = force_generic_plan;
PREPARE ent AS SELECT e.name, e.kind FROM dist_body b, entities(b.body) e WHERE b.id = 2 ORDER BY 1;
EXECUTE ent;
UPDATE entity_dictionary SET kind = 'ORG' WHERE name = 'Quux Ventures';
EXECUTE ent;
RESET plan_cache_mode;
DEALLOCATE ent;
RESET citus.shard_count;

-- in a shard query of a Citus coordinator the table readers refuse; the
-- dictionary argument reads nothing else
SET application_name = 'citus_internal gpid=10000000001';
SELECT count(*) FROM dist_body b, entities(b.body) e;
SELECT count(*) FROM dist_body b, entity_mentions(b.body) e;
SELECT entity_dictionary_snapshot();
SELECT count(*) FROM dist_body b, entities(b.body, true, '{"(\"Quux Ventures\",PER,{})"}') e;
RESET application_name;

-- entity_dictionary cannot become a Citus table: creating (or renaming to)
-- a shard of it is refused within the command
CREATE TABLE newsprint.entity_dictionary_102008 (LIKE newsprint.entity_dictionary);
ALTER TABLE newsprint.entity_dictionary RENAME TO entity_dictionary_102008;
SELECT count(*) FROM pg_class WHERE relname ~ '^entity_dictionary' AND relkind = 'r';
-- other tables of such names elsewhere are not concerned
CREATE TABLE public.entity_dictionary_1 (x int);
DROP TABLE public.entity_dictionary_1;
-- the invalidation trigger belongs on the dictionary only
CREATE TABLE dict_copy (LIKE newsprint.entity_dictionary);
CREATE TRIGGER dict_copy_changed AFTER INSERT ON dict_copy
FOR EACH STATEMENT EXECUTE FUNCTION newsprint.entity_dictionary_changed();
INSERT INTO dict_copy VALUES ('x', 'PER', '{}');
DROP TABLE dict_copy;
DELETE FROM entity_dictionary;
