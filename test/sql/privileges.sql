--
-- privileges: what a role without any grant may do, who may change the
-- dictionary, and a dictionary cache that shows no role more than it may
-- SELECT (doc/security.md, "Privilege model")
--
SET client_min_messages = warning;
DROP ROLE IF EXISTS regress_np_reader;
DROP ROLE IF EXISTS regress_np_editor;
RESET client_min_messages;
CREATE ROLE regress_np_reader;
CREATE ROLE regress_np_editor;

-- what the install grants
SELECT has_schema_privilege('regress_np_reader', 'newsprint', 'USAGE') AS usage,
       has_schema_privilege('regress_np_reader', 'newsprint', 'CREATE') AS create;
SELECT privilege_type, has_table_privilege('regress_np_reader',
                                           'newsprint.entity_dictionary',
                                           privilege_type) AS granted
FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS privilege_type;
-- no function needs a grant: PUBLIC may execute all of them
SELECT count(*) AS functions_reader_may_not_execute
FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
JOIN pg_extension e ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid
WHERE e.extname = 'newsprint' AND d.deptype = 'e'
  AND NOT has_function_privilege('regress_np_reader', p.oid, 'EXECUTE');

-- A role with no grant of its own uses everything, on a table of its own:
-- nothing needs a superuser at run time.
CREATE SCHEMA regress_np_own AUTHORIZATION regress_np_reader;
SET ROLE regress_np_reader;
SET search_path = regress_np_own, newsprint;
CREATE TABLE notes (id int PRIMARY KEY, body text, fp fingerprint);
INSERT INTO notes (id, body) VALUES
  (1, '<p>The council approved the new bridge over the river on Monday after a long debate about its cost and its design.</p>'),
  (2, 'The council approved the new bridge over the river on Monday after a long debate about its cost and its design. Work starts in May.'),
  (3, 'Nightjar was discussed by the board in Geneva on Tuesday.');
UPDATE notes SET fp = fingerprint(body);
CREATE INDEX notes_fp ON notes USING npidx (fp);
SELECT clean(body) FROM notes WHERE id = 1;
SELECT count(*) FROM notes n, paragraphs(n.body), sentences(n.body);
SELECT round(similarity(a.fp, b.fp)::numeric, 2) AS similarity,
       round(containment(a.fp, b.fp)::numeric, 2) AS containment,
       is_similar(a.fp, b.fp, 0.5), is_contained(a.fp, b.fp, 0.5),
       same_story(a.fp, b.fp), a.fp % b.fp AS "%", a.fp <-> b.fp < 0.5 AS "<->",
       sample_size(a.fp) > 0 AS sampled, cardinality(npidx_keys(a.fp)) > 0 AS keyed
FROM notes a, notes b WHERE a.id = 1 AND b.id = 2;
SELECT count(*) FROM shared_passages((SELECT body FROM notes WHERE id = 1),
                                     (SELECT body FROM notes WHERE id = 2));
SELECT id, story, story_size FROM story_clusters('notes') ORDER BY id;
SELECT name, kind FROM entities((SELECT body FROM notes WHERE id = 3)) ORDER BY name;
SELECT name FROM entity_mentions('Geneva') LIMIT 1;
SELECT newsprint_version() IS NOT NULL AS version;
-- the dictionary is the owner's to change
INSERT INTO entity_dictionary VALUES ('Project Nightingale', 'MISC', '{Nightjar}');
RESET ROLE;

-- the owner grants changes to an editor; readers see them at once
GRANT INSERT, UPDATE, DELETE ON newsprint.entity_dictionary TO regress_np_editor;
SET ROLE regress_np_editor;
INSERT INTO newsprint.entity_dictionary VALUES ('Project Nightingale', 'MISC', '{Nightjar}');
RESET ROLE;
SET ROLE regress_np_reader;
SELECT name, kind FROM entities((SELECT body FROM notes WHERE id = 3)) ORDER BY name;
RESET ROLE;

-- Without SELECT, a role gets the error a SELECT would give it, even when a
-- superuser has just filled this backend's cache.
REVOKE SELECT ON newsprint.entity_dictionary FROM PUBLIC;
SELECT name, kind FROM newsprint.entities('Nightjar was discussed.') ORDER BY name;
SET ROLE regress_np_reader;
SELECT name, kind FROM entities('Nightjar was discussed.') ORDER BY name;
SELECT name FROM entity_mentions('Nightjar was discussed.');
RESET ROLE;

-- SELECT on the columns is enough
GRANT SELECT (name, kind, aliases) ON newsprint.entity_dictionary TO regress_np_reader;
SELECT name, kind FROM newsprint.entities('Nightjar was discussed.') ORDER BY name;
SET ROLE regress_np_reader;
SELECT name, kind FROM entities('Nightjar was discussed.') ORDER BY name;
RESET ROLE;
REVOKE SELECT (name, kind, aliases) ON newsprint.entity_dictionary FROM regress_np_reader;

-- Row-level security: each role gets the rows its policies let through.
GRANT SELECT ON newsprint.entity_dictionary TO PUBLIC;
INSERT INTO newsprint.entity_dictionary VALUES ('Vexmoor Holdings', 'ORG', '{Vexmoor}');
ALTER TABLE newsprint.entity_dictionary ENABLE ROW LEVEL SECURITY;
CREATE POLICY regress_np_public ON newsprint.entity_dictionary FOR SELECT
  USING (kind <> 'MISC');
SELECT name, kind FROM newsprint.entities('Nightjar met Vexmoor.') ORDER BY name;
SET ROLE regress_np_reader;
SELECT name, kind FROM entities('Nightjar met Vexmoor.') ORDER BY name;
RESET ROLE;
SELECT name, kind FROM newsprint.entities('Nightjar met Vexmoor.') ORDER BY name;
DROP POLICY regress_np_public ON newsprint.entity_dictionary;
ALTER TABLE newsprint.entity_dictionary DISABLE ROW LEVEL SECURITY;
SET ROLE regress_np_reader;
SELECT name, kind FROM entities('Nightjar met Vexmoor.') ORDER BY name;
RESET ROLE;

RESET search_path;
DELETE FROM newsprint.entity_dictionary
WHERE name IN ('Project Nightingale', 'Vexmoor Holdings');
SET client_min_messages = warning;
DROP SCHEMA regress_np_own CASCADE;
RESET client_min_messages;
REVOKE ALL ON newsprint.entity_dictionary FROM regress_np_editor;
DROP ROLE regress_np_reader;
DROP ROLE regress_np_editor;
