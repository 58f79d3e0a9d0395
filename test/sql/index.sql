--
-- index: the npidx access method.  Plans use the index, answers equal a
-- sequential scan, vacuum/insert cycles, reloptions, unlogged tables,
-- REINDEX CONCURRENTLY, bad input; ends with amvalidate.
--
SET search_path = newsprint, public;
SET client_min_messages = warning;

-- Deterministic synthetic articles: family f's base text, and variants that
-- copy it exactly, with 10% of words replaced, as a lead-only excerpt,
-- with other material appended, or with a paragraph dropped.  Some families
-- share a boilerplate footer, which gives the index common keys.
CREATE FUNCTION np_test_article(f int, v int) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg(w, ' ' ORDER BY i)
	FROM (
		SELECT i,
			CASE WHEN v % 5 IN (1, 4) AND hashint4(v * 7919 + f * 13 + i) % 10 = 0
				 THEN 'x' || (hashint4(v * 31 + f * 977 + i) & 65535)
				 ELSE 'w' || (hashint4(f * 1000 + i) & 4095) END AS w
		FROM generate_series(1, 120 + f % 80) i
		WHERE NOT (v % 5 = 2 AND i > (120 + f % 80) * 2 / 5)
		  AND NOT (v % 5 = 4 AND i BETWEEN 40 AND 70)
		UNION ALL
		SELECT 1000 + i, 'y' || (hashint4(f * 7 + v * 1000003 + i) & 65535)
		FROM generate_series(1, 60) i WHERE v % 5 = 3
		UNION ALL
		SELECT 2000 + i, (ARRAY['subscribe', 'to', 'our', 'newsletter', 'for',
								'more', 'news', 'every', 'morning'])[i]
		FROM generate_series(1, 9) i WHERE f % 4 = 0
	) words
$$;

-- autovacuum off on the tables whose pending list is counted: an
-- autoanalyze merges it, as GIN's does
CREATE TABLE art (id int PRIMARY KEY, fam int, body text, fp fingerprint)
  WITH (autovacuum_enabled = off);
INSERT INTO art (id, fam, body)
SELECT f * 10 + v, f, np_test_article(f, v)
FROM generate_series(1, 300) f, generate_series(0, 4) v
WHERE v <= f % 5;
UPDATE art SET fp = fingerprint(body);
-- a NULL fingerprint and an empty one are indexed too
INSERT INTO art VALUES (1, 0, NULL, NULL), (2, 0, '', fingerprint(''::text));
SELECT count(*) AS rows, count(DISTINCT fam) AS families, min(sample_size(fp)),
	   max(sample_size(fp)) FROM art;

CREATE INDEX art_fp ON art USING npidx (fp);
ANALYZE art;

-- plans: the operators, the threshold functions (through the planner
-- support function) and ORDER BY distance
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE fp % (SELECT fp FROM art WHERE id = 10);
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE fp <% (SELECT fp FROM art WHERE id = 10);
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE fp %> (SELECT fp FROM art WHERE id = 10);
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE same_story(fp, (SELECT fp FROM art WHERE id = 10));
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE same_story((SELECT fp FROM art WHERE id = 10), fp, 0.6);
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE is_same_story(fp, (SELECT fp FROM art WHERE id = 10));
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE is_same_story((SELECT fp FROM art WHERE id = 10), fp, 0.6);
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE is_similar(fp, (SELECT fp FROM art WHERE id = 10), 0.4);
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE is_contained(fp, (SELECT fp FROM art WHERE id = 10), 0.7);
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE is_contained((SELECT fp FROM art WHERE id = 10), fp, 0.7);
EXPLAIN (COSTS OFF) SELECT id FROM art ORDER BY fp <-> (SELECT fp FROM art WHERE id = 10) LIMIT 5;
EXPLAIN (COSTS OFF) SELECT id FROM art ORDER BY fp <->> (SELECT fp FROM art WHERE id = 10) LIMIT 5;
-- a volatile or self-referencing comparison value cannot be an index key
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE is_similar(fp, fp, 0.5);
RESET enable_seqscan;

-- the example pair is one story, found through the index
CREATE TABLE pair (name text, fp fingerprint);
INSERT INTO pair VALUES
	('kyivpost', fingerprint('Russian Foreign Minister Sergei Lavrov said on Monday that Moscow was ready to talk. The talks would take place in Istanbul next week, he told reporters after meeting his Turkish counterpart.'::text)),
	('moscowtimes', fingerprint('Moscow is ready to talk, Russian Foreign Minister Sergei Lavrov said on Monday. The talks would take place in Istanbul next week, he told reporters after meeting his Turkish counterpart in Ankara.'::text)),
	('other', fingerprint('Lavrov met the Chinese foreign minister in Beijing on Monday to discuss trade and energy, officials said.'::text));
CREATE INDEX pair_fp ON pair USING npidx (fp);
SET enable_seqscan = off;
SELECT name FROM pair WHERE same_story(fp, (SELECT fp FROM pair WHERE name = 'kyivpost')) ORDER BY name;
RESET enable_seqscan;

-- every (query, operator) pair: the index answers exactly what a seq scan does
CREATE VIEW matches AS
SELECT 'sim' AS op, q.id AS qid, a.id FROM art q, LATERAL (SELECT id FROM art a WHERE a.fp % q.fp) a WHERE q.id % 7 = 0
UNION ALL
SELECT 'contained', q.id, a.id FROM art q, LATERAL (SELECT id FROM art a WHERE a.fp <% q.fp) a WHERE q.id % 7 = 0
UNION ALL
SELECT 'contains', q.id, a.id FROM art q, LATERAL (SELECT id FROM art a WHERE a.fp %> q.fp) a WHERE q.id % 7 = 0
UNION ALL
SELECT 'is_similar.3', q.id, a.id FROM art q, LATERAL (SELECT id FROM art a WHERE is_similar(a.fp, q.fp, 0.3)) a WHERE q.id % 7 = 0
UNION ALL
SELECT 'is_contained.8', q.id, a.id FROM art q, LATERAL (SELECT id FROM art a WHERE is_contained(a.fp, q.fp, 0.8)) a WHERE q.id % 7 = 0
UNION ALL
SELECT 'query_contained.6', q.id, a.id FROM art q, LATERAL (SELECT id FROM art a WHERE is_contained(q.fp, a.fp, 0.6)) a WHERE q.id % 7 = 0
UNION ALL
SELECT 'same_story', q.id, a.id FROM art q, LATERAL (SELECT id FROM art a WHERE same_story(a.fp, q.fp)) a WHERE q.id % 7 = 0
UNION ALL
SELECT 'same_story.9', q.id, a.id FROM art q, LATERAL (SELECT id FROM art a WHERE same_story(q.fp, a.fp, 0.9)) a WHERE q.id % 7 = 0
UNION ALL
SELECT 'is_same_story.75', q.id, a.id FROM art q, LATERAL (SELECT id FROM art a WHERE is_same_story(a.fp, q.fp, 0.75)) a WHERE q.id % 7 = 0;

CREATE VIEW nearest AS
SELECT 'dist' AS op, q.id AS qid,
	   ARRAY(SELECT round((a.fp <-> q.fp)::numeric, 9) FROM art a ORDER BY a.fp <-> q.fp LIMIT 6) AS d
FROM art q WHERE q.id % 13 = 0
UNION ALL
SELECT 'cdist', q.id,
	   ARRAY(SELECT round((a.fp <->> q.fp)::numeric, 9) FROM art a ORDER BY a.fp <->> q.fp LIMIT 6)
FROM art q WHERE q.id % 13 = 0;

CREATE FUNCTION compare_with_seqscan(label text) RETURNS TABLE (step text, op text, pairs bigint, lost bigint, extra bigint)
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('enable_seqscan', 'off', true);
	CREATE TEMP TABLE via_index AS SELECT * FROM matches;
	CREATE TEMP TABLE knn_index AS SELECT * FROM nearest;
	PERFORM set_config('enable_seqscan', 'on', true);
	PERFORM set_config('enable_indexscan', 'off', true);
	PERFORM set_config('enable_bitmapscan', 'off', true);
	CREATE TEMP TABLE via_seq AS SELECT * FROM matches;
	CREATE TEMP TABLE knn_seq AS SELECT * FROM nearest;
	PERFORM set_config('enable_indexscan', 'on', true);
	PERFORM set_config('enable_bitmapscan', 'on', true);
	RETURN QUERY
		SELECT label, s.op, count(*),
			   (SELECT count(*) FROM (SELECT * FROM via_seq x WHERE x.op = s.op EXCEPT ALL SELECT * FROM via_index y WHERE y.op = s.op) l),
			   (SELECT count(*) FROM (SELECT * FROM via_index y WHERE y.op = s.op EXCEPT ALL SELECT * FROM via_seq x WHERE x.op = s.op) e)
		FROM via_seq s GROUP BY s.op
		UNION ALL
		SELECT label, k.op, count(*),
			   count(*) FILTER (WHERE k.d IS DISTINCT FROM i.d), 0::bigint
		FROM knn_seq k JOIN knn_index i USING (op, qid) GROUP BY k.op
		ORDER BY 2;
	DROP TABLE via_index, via_seq, knn_index, knn_seq;
END
$$;

-- the lateral queries do use the index
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT q.id, a.id FROM art q, LATERAL (SELECT id FROM art a WHERE a.fp % q.fp) a WHERE q.id % 7 = 0;
EXPLAIN (COSTS OFF) SELECT ARRAY(SELECT a.fp <-> q.fp FROM art a ORDER BY a.fp <-> q.fp LIMIT 6) FROM art q WHERE q.id % 13 = 0;
RESET enable_seqscan;

SELECT * FROM compare_with_seqscan('built');

-- other thresholds
SET newsprint.similarity_threshold = 0.2;
SET newsprint.containment_threshold = 0.9;
SET newsprint.same_story_threshold = 0.6;
SELECT * FROM compare_with_seqscan('other thresholds');
RESET newsprint.similarity_threshold;
RESET newsprint.containment_threshold;
RESET newsprint.same_story_threshold;

-- scans nest: an ordered scan outside (its count table lives until it
-- ends) and two index scans inside for each of its rows; and a plain index
-- scan on its own (its candidates in TID order): all answer what
-- sequential scans do
CREATE TEMP TABLE nest_q AS SELECT fp FROM art WHERE id = 40;
CREATE VIEW nested AS
SELECT n.id, n.d, (SELECT count(*) FROM art b WHERE b.fp % n.fp) AS sim_rows,
	   (SELECT array_agg(c.id ORDER BY c.id) FROM art c WHERE same_story(c.fp, n.fp)) AS same
FROM (SELECT a.id, a.fp, round((a.fp <-> (SELECT fp FROM nest_q))::numeric, 9) AS d FROM art a
	  WHERE is_similar(a.fp, (SELECT fp FROM nest_q), 0.02) ORDER BY a.fp <-> (SELECT fp FROM nest_q)) n;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM nested;
CREATE TEMP TABLE nested_index AS SELECT * FROM nested;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE same_story(fp, (SELECT fp FROM nest_q));
CREATE TEMP TABLE plain_index AS SELECT id FROM art WHERE same_story(fp, (SELECT fp FROM nest_q));
RESET enable_seqscan;
SET enable_indexscan = off;
CREATE TEMP TABLE nested_seq AS SELECT * FROM nested;
CREATE TEMP TABLE plain_seq AS SELECT id FROM art WHERE same_story(fp, (SELECT fp FROM nest_q));
RESET enable_indexscan;
RESET enable_bitmapscan;
SELECT (SELECT count(*) FROM nested_seq) AS outer_rows,
	   (SELECT sum(sim_rows) FROM nested_seq) AS inner_rows,
	   (SELECT count(*) FROM (SELECT * FROM nested_seq EXCEPT ALL SELECT * FROM nested_index) l) AS lost,
	   (SELECT count(*) FROM (SELECT * FROM nested_index EXCEPT ALL SELECT * FROM nested_seq) e) AS extra,
	   (SELECT count(*) FROM plain_seq) AS plain_rows,
	   (SELECT count(*) FROM (SELECT * FROM plain_seq EXCEPT ALL SELECT * FROM plain_index) l) AS plain_lost,
	   (SELECT count(*) FROM (SELECT * FROM plain_index EXCEPT ALL SELECT * FROM plain_seq) e) AS plain_extra;
DROP VIEW nested;
DROP TABLE nest_q, nested_index, nested_seq, plain_index, plain_seq;

-- a query needing no column must not become an index-only scan (npidx
-- returns no index tuples): with seq scans off, count(*) still works, also
-- on a table whose heap costs more to read than the index's row list (there
-- the index-only scan won when it cost disable_cost and failed with "no
-- data returned for index-only scan")
SET enable_seqscan = off;
SELECT count(*) FROM art;
CREATE TABLE wide_rows (id int, body text, fp fingerprint);
INSERT INTO wide_rows
SELECT g, repeat('filler words of a wide row ', 40) || g,
	   fingerprint('story number ' || g || ' about a thing that happened in a town')
FROM generate_series(1, 3000) g;
CREATE INDEX wide_rows_fp ON wide_rows USING npidx (fp);
VACUUM ANALYZE wide_rows;
EXPLAIN (COSTS OFF) SELECT count(*) FROM wide_rows;
SELECT count(*) FROM wide_rows;
DROP TABLE wide_rows;
RESET enable_seqscan;

-- a full ORDER BY returns every row, NULL distances last, in order
SET enable_seqscan = off;
SELECT count(*) AS rows, count(d) AS non_null, bool_and(ok) AS ordered
FROM (SELECT d, coalesce(d >= lag(d) OVER (), true) AS ok
	  FROM (SELECT fp <-> (SELECT fp FROM art WHERE id = 10) AS d FROM art
			ORDER BY fp <-> (SELECT fp FROM art WHERE id = 10)) s) t;
-- a query that shares nothing: distance 1 for all, still every row
SELECT count(*), min(d), max(d)
FROM (SELECT fp <-> fingerprint('completely unrelated words here'::text) AS d FROM art
	  ORDER BY fp <-> fingerprint('completely unrelated words here'::text)) s;
-- ... and with LIMIT the scan hands over only a few of them: their bound is
-- their exact distance, 1, so the executor need not wait for the rest
SELECT count(*) FROM (SELECT id FROM art
	  ORDER BY fp <-> fingerprint('completely unrelated words here'::text) LIMIT 3) s;
SELECT returned < 10 AS stopped_early FROM npidx_scan_stats();
-- NULL and empty queries
SELECT count(*) FROM art WHERE fp % NULL;
SELECT count(*) FROM art WHERE fp % fingerprint(''::text);
SELECT count(*) FROM art WHERE fp &% ROW(NULL, 0.5)::fingerprint_query;
SELECT count(*) FROM (SELECT id FROM art ORDER BY fp <-> NULL) s;
-- where and order by together
SELECT id, round((fp <-> (SELECT fp FROM art WHERE id = 10))::numeric, 4) AS d FROM art
WHERE fp % (SELECT fp FROM art WHERE id = 10)
ORDER BY fp <-> (SELECT fp FROM art WHERE id = 10) LIMIT 3;
RESET enable_seqscan;

-- the query operators check their thresholds
SELECT count(*) FROM art WHERE fp &% ROW((SELECT fp FROM art WHERE id = 10), 0)::fingerprint_query;
SELECT count(*) FROM art WHERE fp &<% ROW((SELECT fp FROM art WHERE id = 10), 1.5)::fingerprint_query;
SELECT count(*) FROM art WHERE fp &~ ROW((SELECT fp FROM art WHERE id = 10), 'NaN')::fingerprint_query;
SET enable_seqscan = off;
SELECT count(*) FROM art WHERE fp &%> ROW((SELECT fp FROM art WHERE id = 10), -1)::fingerprint_query;
RESET enable_seqscan;
SELECT fingerprint_query_similar(fp, ROW(fp, NULL)) FROM art WHERE id = 10;
SELECT fingerprint_query_same_story(fp, ROW(NULL, 0.5)) FROM art WHERE id = 10;

-- delete, vacuum, insert cycles
DELETE FROM art WHERE id % 3 = 0;
VACUUM art;
SELECT * FROM compare_with_seqscan('after delete + vacuum');
INSERT INTO art (id, fam, body)
SELECT 10000 + f * 10 + v, f, np_test_article(f, v + 5)
FROM generate_series(1, 300, 2) f, generate_series(0, 2) v;
UPDATE art SET fp = fingerprint(body) WHERE id >= 10000;
SELECT * FROM compare_with_seqscan('after insert');
UPDATE art SET fp = fingerprint(body || ' updated edition') WHERE id % 5 = 1;
DELETE FROM art WHERE id % 4 = 2;
VACUUM art;
SELECT * FROM compare_with_seqscan('after update + delete + vacuum');

-- vacuum reclaims pages: delete everything, vacuum, refill; the index does
-- not grow
SELECT pg_relation_size('art_fp') AS size_before \gset
-- autovacuum off here too: an autoanalyze of art_saved holds a snapshot
-- that keeps VACUUM art from removing dead rows (dead_rows below)
CREATE TABLE art_saved WITH (autovacuum_enabled = off) AS SELECT * FROM art;
DELETE FROM art;
VACUUM art;
SELECT count(*) FROM art WHERE fp % (SELECT fp FROM art_saved WHERE id = 32);
INSERT INTO art SELECT * FROM art_saved;
VACUUM art;
SELECT pg_relation_size('art_fp') <= :size_before AS no_growth;
SELECT * FROM compare_with_seqscan('after delete all + refill');

-- a merge in several batches: a batch's pending rows must fit in
-- maintenance_work_mem, here 1 MB for more than 1 MB of them
ALTER INDEX art_fp SET (pending_list_limit = 65536);	-- they all wait
INSERT INTO art SELECT id + 100000 * g, fam, body, fp
FROM art_saved, generate_series(1, 3) g;
SELECT sum(pg_column_size(fp)) > 1024 * 1024 AS several_batches
FROM art WHERE id > 100000;
SET maintenance_work_mem = '1MB';
SELECT npidx_clean_pending_list('art_fp') = 3 * (SELECT count(*) FROM art_saved) AS merged;
RESET maintenance_work_mem;
SELECT * FROM compare_with_seqscan('after a merge in batches');
DELETE FROM art WHERE id > 100000;
VACUUM art;
ALTER INDEX art_fp RESET (pending_list_limit);

-- REINDEX, REINDEX CONCURRENTLY
REINDEX INDEX art_fp;
SELECT * FROM compare_with_seqscan('after reindex');
REINDEX INDEX CONCURRENTLY art_fp;
SELECT * FROM compare_with_seqscan('after reindex concurrently');

-- fingerprint formats: an index of format 1 values answers with format 1's
-- rules (its own default thresholds, no minimum evidence) exactly
CREATE TABLE art_fp_v2 AS SELECT id, fp FROM art;
UPDATE art SET fp = fingerprint(coalesce(body, ''), true, 160, 1) WHERE fp IS NOT NULL;
REINDEX INDEX art_fp;
SELECT DISTINCT left(fp::text, 3) AS format FROM art WHERE fp IS NOT NULL;
SELECT * FROM compare_with_seqscan('format 1');
-- a query of the other format is the operators' error, through the index
-- as through a sequential scan
SET enable_seqscan = off;
SELECT count(*) FROM art WHERE same_story(fp, fingerprint('Moscow is ready to talk, the minister said on Monday in Istanbul.'::text));
SELECT count(*) FROM art WHERE fp % fingerprint('Moscow is ready to talk, the minister said on Monday in Istanbul.'::text);
SELECT count(*) FROM (SELECT id FROM art ORDER BY fp <-> fingerprint('Moscow is ready to talk, the minister said on Monday in Istanbul.'::text) LIMIT 3) s;
RESET enable_seqscan;
SELECT count(*) FROM art WHERE same_story(fp, fingerprint('Moscow is ready to talk, the minister said on Monday in Istanbul.'::text));
-- refreshed to format 2: the index still holds the old row versions, and
-- answers exactly (it hands every row to the recheck until REINDEX)
UPDATE art SET fp = s.fp FROM art_fp_v2 s WHERE s.id = art.id;
DROP TABLE art_fp_v2;
SELECT * FROM compare_with_seqscan('refreshed to format 2');
SELECT count(*) AS live_rows FROM art \gset
SET enable_seqscan = off;
SELECT count(*) FROM art WHERE same_story(fp, (SELECT fp FROM art WHERE id = 11));
SELECT candidates >= :live_rows AS every_row FROM npidx_scan_stats();
RESET enable_seqscan;
REINDEX INDEX art_fp;
SET enable_seqscan = off;
SELECT count(*) FROM art WHERE same_story(fp, (SELECT fp FROM art WHERE id = 11));
SELECT candidates < :live_rows / 10 AS few_rows FROM npidx_scan_stats();
RESET enable_seqscan;
SELECT * FROM compare_with_seqscan('refreshed and reindexed');

-- reloptions: frozen at build; a small index built with few buckets and
-- later inserts through long chains still answers exactly
DROP INDEX art_fp;
CREATE INDEX art_fp ON art USING npidx (fp) WITH (buckets = 16, fillfactor = 50);
SELECT reloptions FROM pg_class WHERE relname = 'art_fp';
SELECT * FROM compare_with_seqscan('16 buckets');
-- a build that does not fit in maintenance_work_mem writes several batches
INSERT INTO art SELECT id + 100000, fam, body, fp FROM art_saved;
DROP INDEX art_fp;
SET maintenance_work_mem = '1MB';
CREATE INDEX art_fp ON art USING npidx (fp);
RESET maintenance_work_mem;
SELECT * FROM compare_with_seqscan('built in batches');
DROP INDEX art_fp;
TRUNCATE art;
CREATE INDEX art_fp ON art USING npidx (fp);
INSERT INTO art SELECT * FROM art_saved;
SELECT * FROM compare_with_seqscan('built empty, then filled');

-- spilled chain tails: 700 copies of one text make the buckets of its
-- keys overflow their head page; the build puts the postings past a chain's
-- last full page into the room left in a later bucket's head, and a lookup
-- reads them there.  At 0.95 a copy must find nearly all of its 100 keys,
-- so a scan that missed a spilled tail would lose the last copies (checked:
-- 534 of 700 for same_story and is_contained, and ORDER BY fails), in one
-- batch and when the build runs in batches (later batches spill too)
-- (copies_both_ways: the counts of view v, through the index and by a
-- seq scan)
CREATE FUNCTION copies_both_ways(v regclass)
RETURNS TABLE (scan text, similar bigint, same_story bigint, contained bigint, nearest bigint)
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('enable_seqscan', 'off', true);
	RETURN QUERY EXECUTE format('SELECT %L, * FROM %s', 'index', v);
	PERFORM set_config('enable_seqscan', 'on', true);
	PERFORM set_config('enable_indexscan', 'off', true);
	PERFORM set_config('enable_bitmapscan', 'off', true);
	RETURN QUERY EXECUTE format('SELECT %L, * FROM %s', 'seq', v);
	PERFORM set_config('enable_indexscan', 'on', true);
	PERFORM set_config('enable_bitmapscan', 'on', true);
END
$$;
CREATE TABLE spill (id int PRIMARY KEY, fp fingerprint);
INSERT INTO spill
SELECT i, fingerprint(CASE WHEN i % 10 < 7
	THEN (SELECT string_agg('w' || (hashint4(j) & 65535), ' ') FROM generate_series(1, 100) j)
	ELSE (SELECT string_agg('u' || (hashint4(i * 1000 + j) & 65535), ' ') FROM generate_series(1, 100) j) END)
FROM generate_series(1, 1000) i;
CREATE VIEW spill_copies AS
SELECT (SELECT count(*) FROM spill WHERE is_similar(fp, (SELECT fp FROM spill WHERE id = 1), 0.95)) AS similar,
	   (SELECT count(*) FROM spill WHERE same_story(fp, (SELECT fp FROM spill WHERE id = 1), 0.95)) AS same_story,
	   (SELECT count(*) FROM spill WHERE is_contained(fp, (SELECT fp FROM spill WHERE id = 1), 0.95)) AS contained,
	   (SELECT count(*) FILTER (WHERE d = 0) FROM (SELECT fp <-> (SELECT fp FROM spill WHERE id = 1) AS d
			FROM spill ORDER BY fp <-> (SELECT fp FROM spill WHERE id = 1) LIMIT 700) s) AS nearest;
CREATE INDEX spill_fp ON spill USING npidx (fp);
SELECT pg_relation_size('spill_fp') / 8192 AS pages;	-- 112 without spills
SET enable_seqscan = off;
SELECT * FROM spill_copies;
RESET enable_seqscan;
DROP INDEX spill_fp;
SET maintenance_work_mem = '1MB';
CREATE INDEX spill_fp ON spill USING npidx (fp);
RESET maintenance_work_mem;
SELECT * FROM copies_both_ways('spill_copies');
DROP VIEW spill_copies;
DROP TABLE spill;

-- a sweep spills too: 700 copies of one text, written at commit in one
-- sweep into an index built at fillfactor 50 on other texts, fill the
-- heads of its keys' buckets; the part-page tail of each goes into the
-- room of a later head that can spare it, whose distance the bucket's head
-- then notes, instead of a new page linked to the bucket (243 pages after
-- the sweep without that, one more for every bucket of the text's keys);
-- 200 more copies spill into the same heads while they have room, and the
-- rest takes new pages.  A scan that missed a spilled tail would lose
-- copies, and VACUUM removes dead rows' postings from the heads they
-- spilled into
CREATE TABLE sweep (id int PRIMARY KEY, fp fingerprint);
INSERT INTO sweep
SELECT i, fingerprint((SELECT string_agg('u' || (hashint4(i * 1000 + j) & 65535), ' ') FROM generate_series(1, 100) j))
FROM generate_series(1, 1000) i;
CREATE INDEX sweep_fp ON sweep USING npidx (fp) WITH (fillfactor = 50, pending_list_limit = 64);
SELECT pg_relation_size('sweep_fp') / 8192 AS pages;
CREATE VIEW sweep_copies AS
SELECT (SELECT count(*) FROM sweep WHERE is_similar(fp, (SELECT fp FROM sweep WHERE id = 1001), 0.95)) AS similar,
	   (SELECT count(*) FROM sweep WHERE same_story(fp, (SELECT fp FROM sweep WHERE id = 1001), 0.95)) AS same_story,
	   (SELECT count(*) FROM sweep WHERE is_contained(fp, (SELECT fp FROM sweep WHERE id = 1001), 0.95)) AS contained,
	   (SELECT count(*) FILTER (WHERE d = 0) FROM (SELECT fp <-> (SELECT fp FROM sweep WHERE id = 1001) AS d
			FROM sweep ORDER BY fp <-> (SELECT fp FROM sweep WHERE id = 1001) LIMIT 1000) s) AS nearest;
SET newsprint.npidx_defer_inserts = on;
INSERT INTO sweep
SELECT i, fingerprint((SELECT string_agg('w' || (hashint4(j) & 65535), ' ') FROM generate_series(1, 100) j))
FROM generate_series(1001, 1700) i;
SELECT pg_relation_size('sweep_fp') / 8192 AS pages;	-- 243 without spills
SET enable_seqscan = off;
SELECT * FROM sweep_copies;
RESET enable_seqscan;
INSERT INTO sweep
SELECT i, fingerprint((SELECT string_agg('w' || (hashint4(j) & 65535), ' ') FROM generate_series(1, 100) j))
FROM generate_series(1701, 1900) i;
RESET newsprint.npidx_defer_inserts;
SELECT pg_relation_size('sweep_fp') / 8192 AS pages;
SET enable_seqscan = off;
SELECT * FROM sweep_copies;
RESET enable_seqscan;
DELETE FROM sweep WHERE id % 3 = 0;
VACUUM sweep;
SELECT * FROM copies_both_ways('sweep_copies');
DROP VIEW sweep_copies;
DROP TABLE sweep;
DROP FUNCTION copies_both_ways(regclass);

-- buckets = N cannot make an empty table's index fill the disk: it is
-- capped at the larger of the data's need, the heap's pages and 1024
CREATE TABLE art_empty (LIKE art);
CREATE INDEX art_empty_fp ON art_empty USING npidx (fp) WITH (buckets = 10000);
SELECT pg_relation_size('art_empty_fp') / 8192 AS pages;
CREATE INDEX art_empty_fp2 ON art_empty USING npidx (fp) WITH (buckets = 16777216);
SELECT pg_relation_size('art_empty_fp2') / 8192 AS pages;
-- ... but not below what it asks for when that is small
CREATE INDEX art_empty_fp3 ON art_empty USING npidx (fp) WITH (buckets = 100);
SELECT pg_relation_size('art_empty_fp3') / 8192 AS pages;
-- without buckets = N, an empty table's index is presized to 1024 buckets
-- (rows are still to come, and the count never changes), as is the init
-- fork of an unlogged table's index; a table with rows gets what they need
CREATE INDEX art_empty_fp4 ON art_empty USING npidx (fp);
SELECT pg_relation_size('art_empty_fp4') / 8192 AS pages;
CREATE UNLOGGED TABLE art_empty_unlogged (LIKE art);
CREATE INDEX art_empty_unlogged_fp ON art_empty_unlogged USING npidx (fp);
SELECT pg_relation_size('art_empty_unlogged_fp', 'init') / 8192 AS init_pages;
INSERT INTO art_empty SELECT * FROM art LIMIT 3;
CREATE INDEX art_empty_fp5 ON art_empty USING npidx (fp);
SELECT pg_relation_size('art_empty_fp5') / 8192 < 100 AS small;
DROP TABLE art_empty, art_empty_unlogged;

-- at its default, the pending list is capped at 72 bytes per bucket (at
-- least 64 kB): loading the empty table's index (1024 buckets) in ten
-- transactions merges as it goes and leaves few rows waiting; a limit set
-- explicitly is used as given, the default's 4096 kB too
CREATE TABLE art_cap (LIKE art) WITH (autovacuum_enabled = off);
CREATE INDEX art_cap_fp ON art_cap USING npidx (fp);
CREATE TABLE art_nocap (LIKE art) WITH (autovacuum_enabled = off);
CREATE INDEX art_nocap_fp ON art_nocap USING npidx (fp) WITH (pending_list_limit = 4096);
SELECT format('INSERT INTO %I SELECT * FROM art_saved WHERE id %% 10 = %s', t, g)
FROM unnest(ARRAY['art_cap', 'art_nocap']) t, generate_series(0, 9) g \gexec
SET enable_seqscan = off;
SELECT count(*) AS matches FROM art_cap WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = 11));
SELECT pending_rows BETWEEN 1 AND (SELECT count(*) / 2 FROM art_saved) AS few_rows_waiting
FROM npidx_scan_stats();
SELECT count(*) AS matches FROM art_nocap WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = 11));
SELECT pending_rows = (SELECT count(*) FROM art_saved) AS all_rows_waiting
FROM npidx_scan_stats();
RESET enable_seqscan;
DROP TABLE art_cap, art_nocap;

-- the pending list: new rows wait there, every scan sees them, and
-- npidx_clean_pending_list() or VACUUM merges them into the buckets
CREATE TABLE art_pending (LIKE art) WITH (autovacuum_enabled = off);
CREATE INDEX art_pending_fp ON art_pending USING npidx (fp) WITH (pending_list_limit = 256);
INSERT INTO art_pending SELECT * FROM art_saved WHERE id % 10 = 1;
SET enable_seqscan = off;
SELECT count(*) FROM art_pending WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = 11));
SELECT pending_rows > 0 AS read_pending, candidates >= returned AS counted FROM npidx_scan_stats();
SELECT npidx_clean_pending_list(index => 'art_pending_fp') > 0 AS merged;
SELECT npidx_clean_pending_list('art_pending_fp') AS merged_again;
SELECT count(*) FROM art_pending WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = 11));
SELECT pending_rows AS read_pending FROM npidx_scan_stats();
-- more rows than pending_list_limit, in nine transactions: inserts merge on
-- the way
SELECT format('INSERT INTO art_pending SELECT * FROM art_saved WHERE id %% 10 = %s', g)
FROM generate_series(0, 9) g WHERE g <> 1 \gexec
SELECT count(*) FROM art_pending WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = 11));
RESET enable_seqscan;
SELECT count(*) FROM art_pending WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = 11));
SELECT npidx_clean_pending_list('art_pkey') AS not_npidx;
CREATE ROLE npidx_other;
GRANT USAGE ON SCHEMA newsprint TO npidx_other;
SET ROLE npidx_other;
SELECT newsprint.npidx_clean_pending_list('art_pending_fp');
RESET ROLE;
REVOKE USAGE ON SCHEMA newsprint FROM npidx_other;
DROP ROLE npidx_other;
ALTER INDEX art_pending_fp SET (pending_list_limit = 128);
SELECT reloptions FROM pg_class WHERE relname = 'art_pending_fp';
ALTER INDEX art_pending_fp SET (pending_list_limit = 10);
DROP TABLE art_pending;

-- newsprint.npidx_defer_inserts (off by default) keeps a transaction's rows
-- in the backend until it commits; on for the tests below
SHOW newsprint.npidx_defer_inserts;
SET newsprint.npidx_defer_inserts = on;
-- rows a transaction inserts stay in its backend until it commits
-- (npidx_local.c): the index does not grow meanwhile, the transaction's own
-- scans see them (as pending rows), a savepoint rolled back forgets its
-- rows, a REINDEX rolled back leaves the rows kept for the old relfilenode
-- to be written, and the commit writes them (after a REINDEX, so that the
-- pending list, had the rows gone there, would have grown the index)
REINDEX INDEX art_fp;
SELECT pg_relation_size('art_fp') AS size_before \gset
SELECT min(id) AS kept_q FROM art_saved WHERE id % 3 = 0 AND sample_size(fp) > 20 \gset
BEGIN;
INSERT INTO art SELECT id + 100000, fam, body, fp FROM art_saved WHERE id % 3 = 0;
SELECT pg_relation_size('art_fp') = :size_before AS kept_in_backend;
SET LOCAL enable_seqscan = off;
SELECT count(*) FROM art WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = :kept_q));
SELECT pending_rows >= (SELECT count(*) FROM art_saved WHERE id % 3 = 0) AS read_kept
FROM npidx_scan_stats();
SET LOCAL enable_seqscan = on;
SELECT * FROM compare_with_seqscan('rows kept in the inserting transaction');
SAVEPOINT s1;
INSERT INTO art SELECT id + 200000, fam, body, fp FROM art_saved WHERE id % 3 = 1;
ROLLBACK TO s1;
SAVEPOINT s2;
REINDEX INDEX art_fp;
INSERT INTO art SELECT id + 300000, fam, body, fp FROM art_saved WHERE id % 3 = 1;
SELECT * FROM compare_with_seqscan('reindexed in the transaction');
ROLLBACK TO s2;
SELECT * FROM compare_with_seqscan('rolled back to before the reindex');
COMMIT;
SELECT * FROM compare_with_seqscan('committed');
DELETE FROM art WHERE id > 100000;
VACUUM art;

-- a utility command that gives the index storage neither built from the
-- heap nor the one the rows were kept for: SET TABLESPACE copies the pages
-- to a new relfilenode, a column's type changed to a domain over it gives
-- a new index the old one's pages; the rows kept are written before it
SET allow_in_place_tablespaces = on;
CREATE TABLESPACE npidx_local_ts LOCATION '';
BEGIN;
INSERT INTO art SELECT id + 100000, fam, body, fp FROM art_saved WHERE id % 3 = 0;
ALTER INDEX art_fp SET TABLESPACE npidx_local_ts;
COMMIT;
SELECT * FROM compare_with_seqscan('inserted, then the index moved');
ALTER INDEX art_fp SET TABLESPACE pg_default;
DROP TABLESPACE npidx_local_ts;
RESET allow_in_place_tablespaces;
DELETE FROM art WHERE id > 100000;
VACUUM art;
CREATE DOMAIN fp_domain AS fingerprint;
CREATE TABLE art_domain (id int, fp fingerprint);
CREATE INDEX art_domain_fp ON art_domain USING npidx (fp);
BEGIN;
INSERT INTO art_domain SELECT id, fp FROM art_saved;
ALTER TABLE art_domain ALTER fp TYPE fp_domain;
COMMIT;
SET enable_seqscan = off;
SELECT count(*) AS found, (SELECT count(*) FROM art_saved
						   WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = :kept_q))) AS stored
FROM art_domain WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = :kept_q));
RESET enable_seqscan;
DROP TABLE art_domain;
DROP DOMAIN fp_domain;

-- more rows than maintenance_work_mem holds: written during the transaction
-- in one sweep into the buckets, not through the pending list, which could
-- hold them all; the sweep places its postings in ranges of buckets when
-- they take more than maintenance_work_mem
ALTER INDEX art_fp SET (pending_list_limit = 65536);
SET maintenance_work_mem = '1MB';
BEGIN;
INSERT INTO art SELECT id + 100000 * g, fam, body, fp
FROM art_saved, generate_series(1, 6) g;
SELECT sum(pg_column_size(fp)) > 1024 * 1024 AS more_than_mwm,
	   sum(8 * sample_size(fp)) > 1024 * 1024 AS postings_in_ranges
FROM art WHERE id > 100000;
COMMIT;
RESET maintenance_work_mem;
SET enable_seqscan = off;
SELECT count(*) FROM art WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = :kept_q));
SELECT pending_rows < (SELECT count(*) FROM art WHERE id > 100000) / 2 AS swept
FROM npidx_scan_stats();
RESET enable_seqscan;
SELECT * FROM compare_with_seqscan('after a sweep in the transaction');
DELETE FROM art WHERE id > 100000;
VACUUM art;
ALTER INDEX art_fp RESET (pending_list_limit);

-- a table created in the transaction and truncated there: its index is
-- built again in place (same relfilenode), and the rows kept for it are
-- forgotten (written, they would point past the heap's end)
BEGIN;
CREATE TABLE art_trunc (LIKE art);
CREATE INDEX art_trunc_fp ON art_trunc USING npidx (fp);
INSERT INTO art_trunc SELECT * FROM art_saved;
TRUNCATE art_trunc;
INSERT INTO art_trunc SELECT * FROM art_saved WHERE id < 100;
COMMIT;
SET enable_seqscan = off;
SELECT count(*) AS all_rows
FROM (SELECT id FROM art_trunc ORDER BY fp <-> (SELECT fp FROM art_saved WHERE id = :kept_q)) o;
RESET enable_seqscan;
DROP TABLE art_trunc;

-- an index that enforces an exclusion constraint takes each row into its
-- pending list at once: other backends' checks look for rows not yet
-- committed
CREATE TABLE art_excl (id int, fp fingerprint, EXCLUDE USING npidx (fp WITH %));
SELECT pg_relation_size('art_excl_fp_excl') AS excl_size \gset
BEGIN;
INSERT INTO art_excl SELECT id, fp FROM art_saved WHERE id IN (11, 20);
SELECT pg_relation_size('art_excl_fp_excl') > :excl_size AS in_pending_list;
COMMIT;
\set VERBOSITY terse
INSERT INTO art_excl SELECT 99, fp FROM art_saved WHERE id = 11;
\set VERBOSITY default
DROP TABLE art_excl;

-- a scan in the inserting transaction compares every row kept with its
-- query, as it does the pending list's: when the rows kept would not fit in
-- the pending list, the scan first writes them in one sweep, so that it
-- never reads more rows than the list holds (a transaction that inserts and
-- looks up row after row would otherwise compare each lookup with every
-- row before it)
-- (kept_found: the rows of t that are same_story with the kept query,
-- through t's index)
CREATE FUNCTION kept_found(t regclass, q fingerprint) RETURNS bigint
LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
	found bigint;
BEGIN
	EXECUTE format('SELECT count(*) FROM %s WHERE same_story(fp, $1)', t)
		INTO found USING q;
	RETURN found;
END
$$;
SELECT fp AS kept_fp FROM art_saved WHERE id = :kept_q \gset
CREATE TABLE art_bound (LIKE art);
CREATE INDEX art_bound_fp ON art_bound USING npidx (fp) WITH (pending_list_limit = 64);
SELECT sum(pg_column_size(fp)) > 2 * 64 * 1024 AS more_than_the_list FROM art_saved;
BEGIN;
INSERT INTO art_bound SELECT * FROM art_saved;
SELECT kept_found('art_bound', :'kept_fp') AS found;
SELECT pending_rows < (SELECT count(*) / 2 FROM art_saved) AS scan_bounded
FROM npidx_scan_stats();
SELECT count(*) AS found_seq FROM art_bound WHERE same_story(fp, :'kept_fp');
COMMIT;
SELECT kept_found('art_bound', :'kept_fp') AS found_after_commit;
DROP TABLE art_bound;

-- rows a committed subtransaction inserted join its parent's: a loop of
-- one subtransaction a row (a PL/pgSQL block with an EXCEPTION clause)
-- keeps them as one INSERT does, not as one batch each, which every insert
-- walked (quadratic time, and a kilobyte a row)
CREATE TABLE art_sub (LIKE art);
CREATE INDEX art_sub_fp ON art_sub USING npidx (fp) WITH (pending_list_limit = 65536);
BEGIN;
INSERT INTO art_sub SELECT * FROM art_saved;
SELECT sum(total_bytes) AS one_insert FROM pg_backend_memory_contexts
WHERE name = 'npidx rows of this transaction' \gset
ROLLBACK;
BEGIN;
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT * FROM art_saved ORDER BY id LOOP
		BEGIN
			INSERT INTO art_sub VALUES (r.id, r.fam, r.body, r.fp);
		EXCEPTION WHEN unique_violation THEN
			NULL;
		END;
	END LOOP;
END $$;
SELECT sum(total_bytes) < 1.5 * :one_insert AS folded FROM pg_backend_memory_contexts
WHERE name = 'npidx rows of this transaction';
SELECT kept_found('art_sub', :'kept_fp') AS found;
COMMIT;
SELECT kept_found('art_sub', :'kept_fp') AS found_after_commit;
DROP TABLE art_sub;
DROP FUNCTION kept_found(regclass, fingerprint);

-- an error inside the write at commit aborts the transaction cleanly: its
-- rows vanish from the heap, the rows the write had already put in the
-- index are dead ones (scans pass them over, VACUUM removes them), every
-- predicate answers as a seq scan does, and the backend's next transaction
-- starts with nothing kept and no memory left behind (no npidx memory
-- context; TopMemoryContext grown by less than a tenth of the rows kept,
-- for the backend's own caches may take a few bytes there).
-- statement_timeout does not cover COMMIT (PostgreSQL stops its timer
-- before committing), so the error is a cancel that a deferred trigger
-- sends its own backend: deferred triggers fire at commit just before the
-- write, and the cancel, the trigger's last act, is raised at the write's
-- first CHECK_FOR_INTERRUPTS.  A full ordered scan returns every row of
-- the row list and the pending list, live or dead: what it returns beyond
-- the table's rows is what the writes left there.
CREATE TABLE cancel_at_commit (x int);
CREATE FUNCTION cancel_own_backend() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RETURN CASE WHEN pg_cancel_backend(pg_backend_pid()) THEN NULL END;
END
$$;
CREATE CONSTRAINT TRIGGER cancel_at_commit AFTER INSERT ON cancel_at_commit
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cancel_own_backend();
CREATE FUNCTION index_leftovers(q fingerprint) RETURNS bigint
LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
	returned bigint;
BEGIN
	PERFORM count(*) FROM (SELECT id FROM art ORDER BY fp <-> q) o;
	SELECT s.returned INTO returned FROM npidx_scan_stats() s;
	RETURN returned - (SELECT count(*) FROM art);
END
$$;
SELECT fp AS leftovers_q FROM art_saved WHERE id = :kept_q \gset
ALTER INDEX art_fp SET (pending_list_limit = 64);
SELECT index_leftovers(:'leftovers_q') AS dead_rows;
SELECT count(*) AS rows_before FROM art \gset
\set VERBOSITY terse
-- a first round, for what the first error of a backend allocates for good
BEGIN;
INSERT INTO art SELECT id + 100000, fam, body, fp FROM art_saved WHERE id % 3 = 0;
INSERT INTO cancel_at_commit VALUES (1);
COMMIT;
SELECT index_leftovers(:'leftovers_q') AS dead_0 \gset
-- more rows than the pending list takes: the write in one sweep is cut
-- after the rows went to the row list, before their postings
SELECT total_bytes AS top_bytes, used_bytes AS top_used FROM pg_backend_memory_contexts
WHERE name = 'TopMemoryContext' \gset
BEGIN;
INSERT INTO art SELECT id + 200000, fam, body, fp FROM art_saved WHERE id % 3 = 1;
INSERT INTO cancel_at_commit VALUES (1);
COMMIT;
SELECT used_bytes - :top_used AS top_grown_1
FROM pg_backend_memory_contexts WHERE name = 'TopMemoryContext' \gset
SELECT index_leftovers(:'leftovers_q') AS dead_1 \gset
-- a few rows: the write into the pending list is cut after its first row
SELECT total_bytes AS top_bytes, used_bytes AS top_used FROM pg_backend_memory_contexts
WHERE name = 'TopMemoryContext' \gset
BEGIN;
INSERT INTO art SELECT id + 300000, fam, body, fp FROM art_saved WHERE id IN (10, 20, 30);
INSERT INTO cancel_at_commit VALUES (1);
COMMIT;
SELECT :top_grown_1 + used_bytes - :top_used <
	   (SELECT sum(pg_column_size(fp)) / 10 FROM art_saved WHERE id % 3 = 1) AS top_memory_kept_nothing
FROM pg_backend_memory_contexts WHERE name = 'TopMemoryContext';
SELECT :dead_1 > :dead_0 AS swept_in_part, index_leftovers(:'leftovers_q') > :dead_1 AS pending_in_part;
\set VERBOSITY default
SELECT count(*) = :rows_before AS heap_rows_gone FROM art;
SELECT count(*) AS npidx_contexts FROM pg_backend_memory_contexts WHERE name LIKE 'npidx%';
-- the next transaction keeps its own rows only: a scan reads them and the
-- pending list (the row the cut write left there among them)
SET enable_seqscan = off;
SELECT count(*) FROM art WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = 40));
SELECT pending_rows FROM npidx_scan_stats();
BEGIN;
INSERT INTO art SELECT id + 400000, fam, body, fp FROM art_saved WHERE id = 40;
SELECT count(*) FROM art WHERE same_story(fp, (SELECT fp FROM art_saved WHERE id = 40));
SELECT pending_rows FROM npidx_scan_stats();
ROLLBACK;
RESET enable_seqscan;
SELECT * FROM compare_with_seqscan('after errors in the write at commit');
VACUUM art;
SELECT index_leftovers(:'leftovers_q') AS dead_rows;
SELECT * FROM compare_with_seqscan('vacuumed after them');
ALTER INDEX art_fp RESET (pending_list_limit);
DROP FUNCTION index_leftovers(fingerprint);
DROP TABLE cancel_at_commit;
DROP FUNCTION cancel_own_backend();

-- parallel workers share the transaction, and see its rows, but not the
-- backend's memory: before a query with a parallel plan starts, the rows
-- kept are written (an ExecutorStart hook).  The index scan runs in a
-- worker: the whole plan under force_parallel_mode, and the bitmap of a
-- parallel bitmap heap scan that the leader does not take part in (a
-- costly filter and two workers make that plan the cheapest); each finds
-- what a seq scan does
CREATE FUNCTION costly_true(int) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 100000 AS 'BEGIN RETURN $1 >= 0; END';
SELECT fp AS par_q FROM art_saved WHERE id = :kept_q \gset
SELECT count(*) AS stored FROM art WHERE same_story(fp, :'par_q');
SET plan_cache_mode = force_generic_plan;
ALTER TABLE art SET (parallel_workers = 2);
BEGIN;
INSERT INTO art SELECT id + 100000, fam, body, fp FROM art_saved WHERE id % 3 = 0;
SET LOCAL enable_seqscan = off;
SET LOCAL enable_bitmapscan = off;
SET LOCAL force_parallel_mode = on;
PREPARE par_single(fingerprint) AS
	SELECT count(*) FROM art WHERE same_story(fp, $1);
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE par_single(:'par_q');
INSERT INTO art SELECT id + 200000, fam, body, fp FROM art_saved WHERE id % 3 = 0;
SET LOCAL force_parallel_mode = off;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;
SET LOCAL enable_bitmapscan = on;
SET LOCAL enable_indexscan = off;
PREPARE par_bitmap(fingerprint) AS
	SELECT count(*) FROM art WHERE same_story(fp, $1) AND costly_true(id);
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) EXECUTE par_bitmap(:'par_q');
SET LOCAL enable_seqscan = on;
SET LOCAL enable_bitmapscan = off;
SELECT count(*) AS seq_scan FROM art WHERE same_story(fp, :'par_q');
COMMIT;
DEALLOCATE par_single;
DEALLOCATE par_bitmap;
RESET plan_cache_mode;
ALTER TABLE art RESET (parallel_workers);
SELECT * FROM compare_with_seqscan('parallel plans in the transaction');
DELETE FROM art WHERE id > 100000;
VACUUM art;
DROP FUNCTION costly_true(int);

-- a statement that inserts and then looks up the same index (a function;
-- story_trigger() does so for each row): the lookup reads the rows kept.
-- (Under force_parallel_mode such a nested lookup gets a Gather, but
-- PostgreSQL 15 launches no worker for it: the leader reads the rows.)
CREATE FUNCTION insert_then_find(q fingerprint) RETURNS bigint
LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
	n bigint;
BEGIN
	INSERT INTO art SELECT id + 100000, fam, body, fp FROM art_saved WHERE id % 3 = 0;
	SELECT count(*) INTO n FROM art WHERE same_story(fp, q);
	RETURN n;
END
$$;
BEGIN;
SELECT insert_then_find(:'par_q') AS found;
SELECT pending_rows >= (SELECT count(*) FROM art_saved WHERE id % 3 = 0) AS read_kept
FROM npidx_scan_stats();
SET LOCAL enable_bitmapscan = off;
SET LOCAL enable_indexscan = off;
SELECT count(*) AS seq_scan FROM art WHERE same_story(fp, :'par_q');
COMMIT;
SELECT * FROM compare_with_seqscan('inserted and looked up in one statement');
DELETE FROM art WHERE id > 100000;
VACUUM art;
DROP FUNCTION insert_then_find(fingerprint);

-- a cursor sees what its snapshot sees: declared before rows are kept, it
-- returns none of them; an ordered scan, which reads the rows sharing no
-- key with its query at its end, fetched across a write of the rows kept
-- (npidx_clean_pending_list() writes them), returns every row once
CREATE TEMP TABLE fetched (id int);
CREATE FUNCTION fetch_across_write(q fingerprint) RETURNS void
LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
	c refcursor;
	r record;
	n int := 0;
BEGIN
	OPEN c FOR SELECT id FROM art ORDER BY fp <-> q;
	LOOP
		FETCH c INTO r;
		EXIT WHEN NOT FOUND;
		INSERT INTO fetched VALUES (r.id);
		n := n + 1;
		IF n = 5 THEN
			PERFORM npidx_clean_pending_list('art_fp');
		END IF;
	END LOOP;
END
$$;
BEGIN;
SET LOCAL enable_seqscan = off;
DECLARE before_rows CURSOR FOR
	SELECT id FROM art WHERE same_story(fp, :'par_q') ORDER BY id;
INSERT INTO art SELECT id + 100000, fam, body, fp FROM art_saved WHERE id % 3 = 0;
FETCH ALL IN before_rows;
CLOSE before_rows;
SELECT fetch_across_write(:'par_q');
SELECT count(*) = (SELECT count(*) FROM art) AS every_row, count(DISTINCT id) = count(*) AS once
FROM fetched;
COMMIT;
DELETE FROM art WHERE id > 100000;
VACUUM art;
DROP FUNCTION fetch_across_write(fingerprint);

-- a savepoint rolled back after a write at maintenance_work_mem that took
-- its rows and its parent's: its rows are dead ones in the index, its
-- parent's are written, and the rows kept after it are written at commit
ALTER INDEX art_fp SET (pending_list_limit = 65536);
SET maintenance_work_mem = '1MB';
BEGIN;
INSERT INTO art SELECT id + 100000, fam, body, fp FROM art_saved WHERE id % 3 = 0;
SAVEPOINT s1;
INSERT INTO art SELECT id + 100000 * g, fam, body, fp
FROM art_saved, generate_series(2, 7) g;
ROLLBACK TO s1;
SELECT count(*) AS npidx_kept FROM pg_backend_memory_contexts
WHERE name = 'npidx rows of this transaction';
INSERT INTO art SELECT id + 900000, fam, body, fp FROM art_saved WHERE id % 3 = 1;
SELECT * FROM compare_with_seqscan('rolled back after a write at maintenance_work_mem');
COMMIT;
RESET maintenance_work_mem;
SELECT * FROM compare_with_seqscan('committed after it');
DELETE FROM art WHERE id > 100000;
VACUUM art;
ALTER INDEX art_fp RESET (pending_list_limit);

-- a view's count through the indexes and through seq scans
CREATE FUNCTION index_and_seq(view regclass, OUT via_index bigint, OUT via_seq bigint)
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('enable_seqscan', 'off', true);
	EXECUTE format('SELECT * FROM %s', view) INTO via_index;
	PERFORM set_config('enable_seqscan', 'on', true);
	PERFORM set_config('enable_indexscan', 'off', true);
	PERFORM set_config('enable_bitmapscan', 'off', true);
	EXECUTE format('SELECT * FROM %s', view) INTO via_seq;
	PERFORM set_config('enable_indexscan', 'on', true);
	PERFORM set_config('enable_bitmapscan', 'on', true);
END
$$;

-- two npidx indexes on one table (one of them over half the rows, with a
-- small pending list): each keeps and writes its own rows
CREATE TABLE art_two (id int, fp fingerprint, fp2 fingerprint);
CREATE INDEX art_two_fp ON art_two USING npidx (fp);
CREATE INDEX art_two_fp2 ON art_two USING npidx (fp2) WITH (pending_list_limit = 64);
CREATE VIEW art_two_fp_pairs AS
SELECT count(*) FROM art_saved q, art_two a WHERE q.id % 7 = 0 AND same_story(a.fp, q.fp);
CREATE VIEW art_two_fp2_pairs AS
SELECT count(*) FROM art_saved q, art_two a WHERE q.id % 7 = 0 AND a.fp2 % q.fp;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM art_two_fp_pairs, art_two_fp2_pairs;
RESET enable_seqscan;
RESET enable_bitmapscan;
CREATE VIEW art_two_check AS
SELECT f.via_index = f.via_seq AS fp_equal, f2.via_index = f2.via_seq AS fp2_equal,
	   f.via_seq AS fp_pairs, f2.via_seq AS fp2_pairs
FROM index_and_seq('art_two_fp_pairs') f, index_and_seq('art_two_fp2_pairs') f2;
SET maintenance_work_mem = '1MB';
BEGIN;
INSERT INTO art_two SELECT id + 100000 * g, fp, CASE WHEN id % 2 = 0 THEN fp END
FROM art_saved, generate_series(1, 3) g;
SELECT * FROM art_two_check;
COMMIT;
RESET maintenance_work_mem;
SELECT * FROM art_two_check;
DROP TABLE art_two CASCADE;

-- utility commands after rows are kept: the rows are written before each
-- (to storage that a TRUNCATE or CLUSTER then replaces, or that ALTER TABLE
-- ... SET TABLESPACE leaves to the index); a savepoint rolled back past a
-- TRUNCATE brings back the old storage, with the rows written to it
CREATE TABLE art_util (LIKE art);
CREATE INDEX art_util_fp ON art_util USING npidx (fp);
CREATE INDEX art_util_id ON art_util (id);
INSERT INTO art_util SELECT * FROM art_saved WHERE id % 3 = 2;
CREATE VIEW art_util_pairs AS
SELECT count(*) FROM art_saved q, art_util a WHERE q.id % 2 = 0 AND same_story(a.fp, q.fp);
SET allow_in_place_tablespaces = on;
CREATE TABLESPACE npidx_util_ts LOCATION '';
BEGIN;
INSERT INTO art_util SELECT id + 100000, fam, body, fp FROM art_saved WHERE id % 3 = 0;
SAVEPOINT s1;
TRUNCATE art_util;
INSERT INTO art_util SELECT id + 200000, fam, body, fp FROM art_saved WHERE id % 3 = 1;
ROLLBACK TO s1;
INSERT INTO art_util SELECT id + 300000, fam, body, fp FROM art_saved WHERE id % 3 = 1;
CLUSTER art_util USING art_util_id;
INSERT INTO art_util SELECT id + 400000, fam, body, fp FROM art_saved WHERE id % 3 = 1;
ALTER TABLE art_util SET TABLESPACE npidx_util_ts;
INSERT INTO art_util SELECT id + 500000, fam, body, fp FROM art_saved WHERE id % 3 = 1;
COMMIT;
SELECT via_index = via_seq AS equal, via_seq AS pairs FROM index_and_seq('art_util_pairs');
BEGIN;
INSERT INTO art_util SELECT id + 600000, fam, body, fp FROM art_saved WHERE id % 3 = 1;
TRUNCATE art_util;
INSERT INTO art_util SELECT * FROM art_saved WHERE id % 3 = 2;
COMMIT;
SELECT via_index = via_seq AS equal, via_seq AS pairs FROM index_and_seq('art_util_pairs');
DROP TABLE art_util CASCADE;
DROP TABLESPACE npidx_util_ts;
RESET allow_in_place_tablespaces;
DROP FUNCTION index_and_seq(regclass);
RESET newsprint.npidx_defer_inserts;

-- what a scan did: every query key read or skipped, few rows counted
SET enable_seqscan = off;
SELECT count(*) FROM art WHERE fp % (SELECT fp FROM art_saved WHERE id = 32);
SELECT keys_read + keys_skipped = (SELECT sample_size(fp) FROM art_saved WHERE id = 32) AS all_keys,
	   candidates <= rows_counted + pending_rows AS filtered, returned = candidates AS all_returned
FROM npidx_scan_stats();
RESET enable_seqscan;

-- skipped keys are read back only as far as they pay: a same_story query of
-- 40 keys whose 4 most common ones are skipped (C1 in 70 rows, C2-C4 in 400),
-- two rows of 40 hashes sharing 8 of its other keys (4 short of the 12 the
-- index asks of them: not briefs, of which an index of version 5 would ask
-- 0.7 of their hashes) and one sharing 16.  Reading back C1 alone (70
-- postings) leaves a slack of 3 and takes the two rows out of the
-- candidates; reading all four would cost more than rechecking them, and
-- reading none would recheck them.
-- (Row 2000 is a brief of 20 hashes: its own 4 are even, without the name
-- bit, as the query's are, so that names do not part them: fingerprint_v2.sql)
CREATE FUNCTION pg_temp.np_fp_of(hashes bigint[]) RETURNS fingerprint
LANGUAGE sql AS $$
	SELECT ('v2:w3:k256:n' || cardinality(hashes) || ':' ||
			string_agg(lpad(to_hex(h), 8, '0'), '' ORDER BY h))::fingerprint
	FROM unnest(hashes) h
$$;
CREATE TABLE art_skip (id int, fp fingerprint);
-- query key i is i * 2^24 (all below 2^30); C1..C4 are keys 37..40
INSERT INTO art_skip
SELECT j, pg_temp.np_fp_of(ARRAY(SELECT i::bigint * 16777216 FROM generate_series(CASE WHEN j <= 70 THEN 37 ELSE 38 END, 40) i)
						|| ARRAY(SELECT 805306368 + j * 64 + k FROM generate_series(0, 15) k))
FROM generate_series(1, 400) j;
INSERT INTO art_skip
SELECT 1000 + b, pg_temp.np_fp_of(ARRAY(SELECT i::bigint * 16777216 FROM generate_series(b * 8 - 7, b * 8) i)
							   || ARRAY(SELECT 939524096 + b * 64 + k FROM generate_series(0, 31) k))
FROM generate_series(1, 2) b;
INSERT INTO art_skip
SELECT 2000, pg_temp.np_fp_of(ARRAY(SELECT i::bigint * 16777216 FROM generate_series(13, 28) i)
						   || ARRAY(SELECT 956301312 + 2 * k FROM generate_series(0, 3) k));
CREATE INDEX art_skip_fp ON art_skip USING npidx (fp);
CREATE TEMP TABLE skip_q AS
SELECT pg_temp.np_fp_of(ARRAY(SELECT i::bigint * 16777216 FROM generate_series(1, 40) i)) AS fp;
SET enable_seqscan = off;
SELECT id FROM art_skip WHERE same_story(fp, (SELECT fp FROM skip_q));
SELECT keys_read, keys_skipped, candidates FROM npidx_scan_stats();
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT id FROM art_skip WHERE same_story(fp, (SELECT fp FROM skip_q));
RESET enable_indexscan;
RESET enable_bitmapscan;
DROP TABLE art_skip, skip_q;

-- index format 5 classes: a whole sample of fewer than 40 hashes is a brief,
-- and a pair with one needs 0.7 of the contained side (fingerprint_v2.sql),
-- so a long query asks 14 shared keys of a brief of 20; the older classes
-- bounded a row's size from below only and asked 10.  50 briefs share 12 of
-- the query's 60 keys (no match, no candidate); a row of 45 hashes shares 12
-- (a match: 12 of 45, not a brief).  Keys are even (no name bits) and
-- spread over the hash range, as real ones are (a class also bounds the
-- row's hashes up to three cuts: below).
CREATE TABLE art_brief (id int, fp fingerprint);
INSERT INTO art_brief
SELECT j, pg_temp.np_fp_of(ARRAY(SELECT ((j + 5 * m) % 60 + 1)::bigint * 67108864 FROM generate_series(0, 11) m)
						|| ARRAY(SELECT k::bigint * 536870912 + j * 1024 + 2 FROM generate_series(0, 7) k))
FROM generate_series(1, 50) j;
INSERT INTO art_brief
SELECT 100, pg_temp.np_fp_of(ARRAY(SELECT i::bigint * 67108864 FROM generate_series(1, 12) i)
						  || ARRAY(SELECT 2147483648 + 65536 + 2 * k FROM generate_series(0, 32) k));
CREATE INDEX art_brief_fp ON art_brief USING npidx (fp);
CREATE TEMP TABLE brief_q AS
SELECT pg_temp.np_fp_of(ARRAY(SELECT i::bigint * 67108864 FROM generate_series(1, 60) i)) AS fp;
SET enable_seqscan = off;
SELECT id FROM art_brief WHERE same_story(fp, (SELECT fp FROM brief_q));
SELECT candidates FROM npidx_scan_stats();
RESET enable_seqscan;
SELECT id FROM art_brief WHERE same_story(fp, (SELECT fp FROM brief_q));
-- a query truncated at its 60th hash (of 400 evidence shingles, above
-- 3 2^30) compares a whole row on its hashes up to there: format 5 classes
-- count a row's hashes up to 2^30, 2^31 and 3 2^30, where the older ones
-- knew the first count only (a quarter of the row).  30 rows of 74 hashes
-- spread over the range share 10 of the query's keys: <% asks 21 of them
-- (half of the 42 or more up to 3 2^30) where the old classes asked 9; a
-- row made of 20 of the query's keys is in it.
CREATE TABLE art_cut (id int, fp fingerprint);
INSERT INTO art_cut
SELECT j, pg_temp.np_fp_of(ARRAY(SELECT ((j + m) % 60 + 1)::bigint * 67108864 FROM generate_series(0, 9) m)
						|| ARRAY(SELECT i::bigint * 67108864 + 8 * j + 8 FROM generate_series(0, 63) i))
FROM generate_series(1, 30) j;
INSERT INTO art_cut
SELECT 100, pg_temp.np_fp_of(ARRAY(SELECT i::bigint * 67108864 FROM generate_series(1, 20) i));
CREATE INDEX art_cut_fp ON art_cut USING npidx (fp);
CREATE TEMP TABLE cut_q AS
SELECT ('v2:w3:k60:n400:' || string_agg(lpad(to_hex(i::bigint * 67108864), 8, '0'), '' ORDER BY i))::fingerprint AS fp
FROM generate_series(1, 60) i;
SET enable_seqscan = off;
SELECT id FROM art_cut WHERE fp <% (SELECT fp FROM cut_q);
SELECT candidates FROM npidx_scan_stats();
RESET enable_seqscan;
SELECT id FROM art_cut WHERE fp <% (SELECT fp FROM cut_q);
DROP TABLE art_brief, brief_q, art_cut, cut_q;

-- malformed reloptions
CREATE INDEX bad ON art USING npidx (fp) WITH (buckets = -1);
CREATE INDEX bad ON art USING npidx (fp) WITH (buckets = 100000000);
CREATE INDEX bad ON art USING npidx (fp) WITH (buckets = 'many');
CREATE INDEX bad ON art USING npidx (fp) WITH (fillfactor = 5);
CREATE INDEX bad ON art USING npidx (fp) WITH (fillfactor = 101);
CREATE INDEX bad ON art USING npidx (fp) WITH (colour = 'red');
ALTER INDEX art_fp SET (fillfactor = 0);
-- wrong column types, several columns
CREATE INDEX bad ON art USING npidx (body);
CREATE INDEX bad ON art USING npidx (fp, fp);
CREATE UNIQUE INDEX bad ON art USING npidx (fp);

-- unlogged tables (the init fork holds an empty index)
CREATE UNLOGGED TABLE art_unlogged (LIKE art);
CREATE INDEX art_unlogged_fp ON art_unlogged USING npidx (fp);
INSERT INTO art_unlogged SELECT * FROM art_saved;
SET enable_seqscan = off;
SELECT count(*) FROM art_unlogged WHERE fp % (SELECT fp FROM art_saved WHERE id = 32);
SET enable_seqscan = on;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT count(*) FROM art_unlogged WHERE fp % (SELECT fp FROM art_saved WHERE id = 32);
RESET enable_seqscan;
RESET enable_indexscan;
RESET enable_bitmapscan;
TRUNCATE art_unlogged;
SELECT count(*) FROM art_unlogged WHERE fp % (SELECT fp FROM art_saved WHERE id = 32);

-- npidx_keys: the keys the index stores for a fingerprint
SELECT npidx_keys(NULL);
SELECT npidx_keys(fingerprint(''::text));
SELECT cardinality(npidx_keys(fp)) = sample_size(fp) AS all_hashes FROM art_saved WHERE id = 32;

-- shared hashes are counted by a merge, or by binary search when one sample
-- is over 16 times the other: both agree with the intersection of the keys
SELECT sample_size(a.fp) / sample_size(b.fp) >= 16 AS binary_search, count(*) AS pairs,
	   count(*) FILTER (WHERE round(containment(b.fp, a.fp) * sample_size(b.fp)) =
						(SELECT count(*) FROM unnest(npidx_keys(a.fp)) x WHERE x = ANY (npidx_keys(b.fp)))) AS agree,
	   count(*) FILTER (WHERE containment(b.fp, a.fp) > 0) AS sharing
FROM art_saved a,
	 LATERAL (SELECT fingerprint(array_to_string((string_to_array(a.body, ' '))[s:s + w], ' ')) AS fp
			  FROM (VALUES (1, 12), (30, 9), (5, 100), (20, 60)) v (s, w)
			  UNION ALL
			  SELECT o.fp FROM art_saved o WHERE o.id = a.id + 7) b
WHERE a.id % 10 = 0 AND sample_size(a.fp) > 150 AND sample_size(b.fp) > 0
GROUP BY 1 ORDER BY 1;

-- short rows: more than 63 to a heap page, so the index keeps their TIDs
-- in wide (8-byte) postings, whose residues are compared four at a time
-- (SSE2 on x86-64); the answers equal a sequential scan's, for rows on
-- compact pages and on wide ones
CREATE TABLE art_narrow (id int, fp fingerprint);
INSERT INTO art_narrow
SELECT a.id * 10 + k, fingerprint(array_to_string((string_to_array(a.body, ' '))[1 + k * 2:16 + k * 2], ' '))
FROM art a, generate_series(0, 3) k WHERE a.body <> '';
CREATE INDEX art_narrow_fp ON art_narrow USING npidx (fp);
ANALYZE art_narrow;
SELECT count(*) FILTER (WHERE (ctid::text::point)[1] > 63) > 500 AS wide_postings,
	   count(*) FILTER (WHERE (ctid::text::point)[1] <= 63) > 500 AS compact_postings
FROM art_narrow;
CREATE FUNCTION narrow_pairs() RETURNS TABLE (op text, qid int, id int)
LANGUAGE sql AS $$
	SELECT 'same_story', q.id, a.id FROM art_narrow q JOIN art_narrow a ON same_story(a.fp, q.fp)
	WHERE q.id % 7 = 0
	UNION ALL
	SELECT 'is_similar 0.3', q.id, a.id FROM art_narrow q JOIN art_narrow a ON is_similar(a.fp, q.fp, 0.3)
	WHERE q.id % 7 = 0
$$;
SET enable_seqscan = off;
CREATE TEMP TABLE narrow_index AS SELECT * FROM narrow_pairs();
RESET enable_seqscan;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
CREATE TEMP TABLE narrow_seq AS SELECT * FROM narrow_pairs();
RESET enable_indexscan;
RESET enable_bitmapscan;
SELECT s.op, count(*) > 500 AS many_pairs,
	   (SELECT count(*) FROM (SELECT * FROM narrow_seq x WHERE x.op = s.op EXCEPT ALL
							  SELECT * FROM narrow_index y WHERE y.op = s.op) l) AS lost,
	   (SELECT count(*) FROM (SELECT * FROM narrow_index y WHERE y.op = s.op EXCEPT ALL
							  SELECT * FROM narrow_seq x WHERE x.op = s.op) e) AS extra
FROM narrow_seq s GROUP BY s.op ORDER BY 1;
DROP TABLE art_narrow, narrow_index, narrow_seq;
DROP FUNCTION narrow_pairs();

-- amvalidate reports an operator class on another type
CREATE OPERATOR CLASS text_ops_for_npidx FOR TYPE text USING npidx AS
	OPERATOR	1	= (text, text);
SELECT amvalidate(oid) FROM pg_opclass WHERE opcname = 'text_ops_for_npidx';
DROP OPERATOR FAMILY text_ops_for_npidx USING npidx;

-- amvalidate reports a broken operator class
CREATE OPERATOR CLASS broken_ops FOR TYPE fingerprint USING npidx AS
	OPERATOR	8	%   (fingerprint, fingerprint),
	OPERATOR	9	<-> (fingerprint, fingerprint) FOR ORDER BY integer_ops;
SELECT amvalidate(oid) FROM pg_opclass WHERE opcname = 'broken_ops';
DROP OPERATOR FAMILY broken_ops USING npidx;

-- the operator class is valid
SELECT opcname, amvalidate(c.oid)
FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod
WHERE am.amname = 'npidx' ORDER BY opcname;

DROP FUNCTION compare_with_seqscan(text);
DROP VIEW matches, nearest;
DROP TABLE art, art_saved, art_unlogged, pair;
DROP FUNCTION np_test_article(int, int);
