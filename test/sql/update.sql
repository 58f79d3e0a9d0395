--
-- update: ALTER EXTENSION newsprint UPDATE from 0.1 keeps what users built
-- on the extension working, and leaves exactly the objects of a fresh
-- install of the current version.
--
-- Runs in a database of its own.  When a release adds a version, add its
-- frozen install script to this test in the same way.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_newsprint_update;
CREATE DATABASE regress_newsprint_update;
\c regress_newsprint_update
SET client_min_messages = warning;

-- every earlier version has an update path to the default version
SELECT source, path IS NOT NULL AS reachable
FROM pg_extension_update_paths('newsprint'),
     (SELECT default_version FROM pg_available_extensions
      WHERE name = 'newsprint') d
WHERE target = d.default_version
ORDER BY source;

/*
 * The extension's objects as text, by name (no OIDs): one row per object
 * with everything that defines it (function definitions, operator
 * functions and flags, type I/O and properties, columns, constraints,
 * triggers, operator class members, comments, privileges and their initial
 * values), and a row for the extension and for its schema's privileges.
 */
CREATE VIEW ext_objects AS
WITH ext AS (
	SELECT oid, extnamespace FROM pg_extension WHERE extname = 'newsprint'
), member AS (
	SELECT d.classid, d.objid
	FROM pg_depend d, ext
	WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid
	  AND d.deptype = 'e'
), family_members(family, members) AS (
	SELECT f.oid,
		   (SELECT string_agg(format('op %s %s %s %s', o.amopstrategy,
									 o.amopopr::regoperator, o.amoppurpose,
									 o.amopsortfamily::regclass), '; '
							  ORDER BY o.amopstrategy, o.amopopr::regoperator::text)
			FROM pg_amop o WHERE o.amopfamily = f.oid) || ' | ' ||
		   coalesce((SELECT string_agg(format('proc %s %s', p.amprocnum,
											  p.amproc::regprocedure), '; '
									   ORDER BY p.amprocnum, p.amproc::regprocedure::text)
					 FROM pg_amproc p WHERE p.amprocfamily = f.oid), '')
	FROM pg_opfamily f
)
SELECT pg_describe_object(m.classid, m.objid, 0) AS object,
	CASE m.classid
	WHEN 'pg_proc'::regclass THEN
		(SELECT pg_get_functiondef(p.oid) || ' acl ' || coalesce(p.proacl::text, 'default')
		 FROM pg_proc p WHERE p.oid = m.objid)
	WHEN 'pg_type'::regclass THEN
		(SELECT format('%s %s %s %s %s len %s align %s storage %s byval %s category %s preferred %s delim %s element %s analyze %s typmod %s %s collation %s default %s acl %s attrs %s',
					   t.typtype, t.typinput::regprocedure, t.typoutput::regprocedure,
					   t.typreceive::regprocedure, t.typsend::regprocedure,
					   t.typlen, t.typalign, t.typstorage, t.typbyval, t.typcategory,
					   t.typispreferred, t.typdelim, t.typelem::regtype,
					   t.typanalyze::regprocedure, t.typmodin::regprocedure,
					   t.typmodout::regprocedure, t.typcollation, t.typdefault,
					   coalesce(t.typacl::text, 'default'),
					   (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod),
										  ', ' ORDER BY a.attnum)
						FROM pg_attribute a
						WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped))
		 FROM pg_type t WHERE t.oid = m.objid)
	WHEN 'pg_operator'::regclass THEN
		(SELECT format('%s %s restrict %s join %s commutator %s negator %s hashes %s merges %s',
					   o.oprkind, o.oprcode::regprocedure, o.oprrest, o.oprjoin,
					   o.oprcom::regoperator, o.oprnegate::regoperator,
					   o.oprcanhash, o.oprcanmerge)
		 FROM pg_operator o WHERE o.oid = m.objid)
	WHEN 'pg_class'::regclass THEN
		(SELECT format('%s acl %s columns %s constraints %s triggers %s indexes %s',
					   c.relkind, coalesce(c.relacl::text, 'default'),
					   (SELECT string_agg(format('%s %s%s%s', a.attname,
												 format_type(a.atttypid, a.atttypmod),
												 CASE WHEN a.attnotnull THEN ' not null' END,
												 ' default ' || pg_get_expr(ad.adbin, ad.adrelid)),
										  ', ' ORDER BY a.attnum)
						FROM pg_attribute a
						LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
						WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
					   (SELECT string_agg(pg_get_constraintdef(k.oid), ', ' ORDER BY 1)
						FROM pg_constraint k WHERE k.conrelid = c.oid),
					   (SELECT string_agg(pg_get_triggerdef(g.oid), ', ' ORDER BY 1)
						FROM pg_trigger g WHERE g.tgrelid = c.oid AND NOT g.tgisinternal),
					   (SELECT string_agg(pg_get_indexdef(i.indexrelid), ', ' ORDER BY 1)
						FROM pg_index i WHERE i.indrelid = c.oid))
		 FROM pg_class c WHERE c.oid = m.objid)
	WHEN 'pg_opclass'::regclass THEN
		(SELECT format('default %s type %s family %s', c.opcdefault,
					   c.opcintype::regtype, f.opfname)
		 FROM pg_opclass c JOIN pg_opfamily f ON f.oid = c.opcfamily
		 WHERE c.oid = m.objid)
	WHEN 'pg_opfamily'::regclass THEN
		(SELECT members FROM family_members WHERE family = m.objid)
	WHEN 'pg_event_trigger'::regclass THEN
		(SELECT format('%s on %s tags %s enabled %s', e.evtfoid::regprocedure,
					   e.evtevent, e.evttags, e.evtenabled)
		 FROM pg_event_trigger e WHERE e.oid = m.objid)
	WHEN 'pg_am'::regclass THEN
		(SELECT format('%s handler %s', a.amtype, a.amhandler::regprocedure)
		 FROM pg_am a WHERE a.oid = m.objid)
	ELSE 'not described: add this catalog to the view'
	END AS definition,
	obj_description(m.objid, m.classid::regclass::name) AS comment,
	(SELECT string_agg(i.privtype::text || ' ' || i.initprivs::text, ', ' ORDER BY 1)
	 FROM pg_init_privs i WHERE i.classoid = m.classid AND i.objoid = m.objid) AS init_privs
FROM member m
UNION ALL
SELECT 'extension newsprint',
	   format('schema %s relocatable %s config %s condition %s',
			  e.extnamespace::regnamespace, e.extrelocatable,
			  e.extconfig::regclass[], e.extcondition),
	   NULL, NULL
FROM pg_extension e WHERE e.extname = 'newsprint'
UNION ALL
SELECT 'schema of newsprint',
	   format('acl %s', coalesce(n.nspacl::text, 'default')), NULL, NULL
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'newsprint';

/* Install 0.1 and build on it as a user would. */
CREATE EXTENSION newsprint VERSION '0.1';
SELECT extversion FROM pg_extension WHERE extname = 'newsprint';

CREATE TABLE articles (id int PRIMARY KEY, body text,
					   fp newsprint.fingerprint
					   GENERATED ALWAYS AS (newsprint.fingerprint(body)) STORED);
\set kp `cat test/data/examples/kyivpost.txt`
\set mt `cat test/data/examples/moscowtimes.txt`
INSERT INTO articles (id, body) VALUES
  (1, :'kp'),
  (2, :'mt'),
  (3, split_part(:'kp', 'Advertisement', 1)),
  (4, 'Heavy rain flooded the old town of Porto on Tuesday, closing the riverside road and two metro stations while firefighters pumped water out of dozens of shops and cellars along the Douro. The city council said the clean-up would take at least a week.');
CREATE INDEX articles_fp ON articles USING npidx (fp);
INSERT INTO newsprint.entity_dictionary VALUES ('Porto FC', 'ORG', '{Porto}');

-- views over the functions and operators of 0.1, including the ones 0.2 renames
CREATE VIEW copies AS
SELECT a.id AS a, b.id AS b,
	   newsprint.same_story(a.fp, b.fp, 0.6) AS same_story,
	   a.fp OPERATOR(newsprint.&=) ROW(b.fp, 0.6)::newsprint.fingerprint_query AS same_story_op,
	   a.fp OPERATOR(newsprint.%) b.fp AS similar
FROM articles a, articles b WHERE a.id < b.id;
CREATE VIEW version AS SELECT newsprint.newsprint_version() AS v;
CREATE TABLE before_update AS SELECT * FROM copies;

ALTER EXTENSION newsprint UPDATE TO '0.2';
SELECT extversion FROM pg_extension WHERE extname = 'newsprint';

/* Everything built on 0.1 still works and answers the same. */
SELECT * FROM copies EXCEPT SELECT * FROM before_update;
SELECT count(*) AS pairs, count(*) FILTER (WHERE same_story) AS same_story FROM copies;
SELECT * FROM version;
SELECT newsprint.library_version();
-- the view shows 0.2's name of the operator it uses
SELECT pg_get_viewdef('copies') LIKE '%OPERATOR(newsprint.&~)%' AS renamed_operator;
SELECT opcname, opcdefault FROM pg_opclass
WHERE opcmethod = (SELECT oid FROM pg_am WHERE amname = 'npidx');
-- the index is used and updated, through both names of is_same_story
SET enable_seqscan = off;
INSERT INTO articles (id, body) VALUES (5, :'mt' || ' Reporting by AFP.');
EXPLAIN (COSTS OFF)
SELECT id FROM articles WHERE newsprint.is_same_story(fp, (SELECT fp FROM articles WHERE id = 2));
SELECT id FROM articles WHERE newsprint.is_same_story(fp, (SELECT fp FROM articles WHERE id = 2)) ORDER BY id;
EXPLAIN (COSTS OFF)
SELECT id FROM articles WHERE newsprint.same_story(fp, (SELECT fp FROM articles WHERE id = 2));
SELECT id FROM articles WHERE newsprint.same_story(fp, (SELECT fp FROM articles WHERE id = 2)) ORDER BY id;
RESET enable_seqscan;
SELECT name, kind FROM newsprint.entities('Porto beat Benfica in Lisbon on Sunday.')
WHERE name = 'Porto FC';
SELECT pg_catalog.amvalidate(oid) FROM pg_opclass
WHERE opcmethod = (SELECT oid FROM pg_am WHERE amname = 'npidx');

/* The updated extension has exactly the objects of a fresh install. */
CREATE TABLE updated AS SELECT * FROM ext_objects;
DROP EXTENSION newsprint CASCADE;
CREATE EXTENSION newsprint;
CREATE TABLE fresh AS SELECT * FROM ext_objects;
SELECT count(*) > 50 AS described, count(*) FILTER (WHERE definition IS NULL) AS undescribed
FROM fresh;
-- objects of a fresh install that the update does not make the same
SELECT object, definition, comment, init_privs FROM fresh
EXCEPT SELECT object, definition, comment, init_privs FROM updated
ORDER BY object;
-- objects that the update leaves and a fresh install does not have
SELECT object, definition, comment, init_privs FROM updated
EXCEPT SELECT object, definition, comment, init_privs FROM fresh
ORDER BY object;

\c contrib_regression
SET client_min_messages = warning;
DROP DATABASE regress_newsprint_update;
RESET client_min_messages;
