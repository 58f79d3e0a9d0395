--
-- assign_story()'s capped search (NpidxKeyCap) against its own answer
-- without an index: no key of the article is held by more than 60 leaders,
-- under the 256 (STORY_SEARCH_POSTINGS) and 1,024 (STORY_STOP_POSTINGS) a
-- search may leave out, so no key may be left out and the search must find
-- the leader the rule picks, whatever the index's layout.  The cost a
-- bucket head gives a key is its matches on the head page times the
-- chain's pages: the 60 leaders of a running story indexed first (their
-- postings on the head pages), then 3,000 unrelated leaders merged into the
-- same buckets, make each of the story's keys look held by over a thousand
-- leaders.
--
-- The article is found through keys that hundreds of leaders hold, which
-- the test of passages many stories carry counts as no evidence, and the
-- search without an index cannot count them: off here (story_common.sql)
SET newsprint.story_common_holders = 0;
CREATE FUNCTION pg_temp.words(seed text, n int) RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(translate(left(md5(seed || ':' || j), 7), '0123456789', 'ghijklmnop'), ' ' ORDER BY j)
	FROM generate_series(1, n) j $$;
-- n leaders of a running story: 60 words of seed's and 10 of their own
CREATE FUNCTION pg_temp.running(seed text, n int, step interval)
	RETURNS TABLE (story bigint, fp newsprint.fingerprint, published_at timestamptz)
	LANGUAGE sql AS $$
	SELECT i, newsprint.fingerprint(pg_temp.words(seed, 60) || ' ' || pg_temp.words('v' || i, 10)),
		   timestamptz '2026-03-01 00:00+00' + i * step
	FROM generate_series(1, n) i $$;
CREATE TABLE cap_rows (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
-- a running story: 60 leaders sharing 60 words, all within the window
INSERT INTO cap_rows SELECT * FROM pg_temp.running('T', 60, interval '1 minute');
-- unrelated leaders (kept for the second case)
CREATE TABLE cap_unrelated AS
SELECT 1000 + i AS story, newsprint.fingerprint(pg_temp.words('b' || i, 150)) AS fp,
	   timestamptz '2026-03-01 00:00+00' + i * interval '1 second' AS published_at
FROM generate_series(1, 3000) i;
INSERT INTO cap_rows SELECT * FROM cap_unrelated;
-- the same rows: no index; an index made on the table's first rows, the
-- story's, before it grew (default reloptions); an index made on the empty
-- table
CREATE TABLE cap_seq (LIKE cap_rows INCLUDING ALL);
INSERT INTO cap_seq SELECT * FROM cap_rows;
CREATE TABLE cap_early (LIKE cap_rows INCLUDING ALL);
INSERT INTO cap_early SELECT * FROM cap_rows WHERE story <= 60;
CREATE INDEX cap_early_fp ON cap_early USING npidx (fp);
INSERT INTO cap_early SELECT * FROM cap_rows WHERE story > 1000;
SELECT newsprint.npidx_clean_pending_list('cap_early_fp') > 0 AS merged;
CREATE TABLE cap_empty (LIKE cap_rows INCLUDING ALL);
CREATE INDEX cap_empty_fp ON cap_empty USING npidx (fp);
INSERT INTO cap_empty SELECT * FROM cap_rows;
SELECT newsprint.npidx_clean_pending_list('cap_empty_fp') > 0 AS merged;
-- the article: the story's 60 words and 10 of its own, two hours on
CREATE TABLE cap_article AS
SELECT newsprint.fingerprint(pg_temp.words('T', 60) || ' ' || pg_temp.words('xnew', 10)) AS fp;
SELECT count(*) AS leaders_sharing_its_words
FROM cap_rows, cap_article a WHERE newsprint.containment(a.fp, cap_rows.fp) > 0.5;
SELECT newsprint.assign_story('cap_seq', 9001, fp, timestamptz '2026-03-01 02:00+00') AS no_index,
	   newsprint.assign_story('cap_early', 9001, fp, timestamptz '2026-03-01 02:00+00') AS index_early,
	   newsprint.assign_story('cap_empty', 9001, fp, timestamptz '2026-03-01 02:00+00') AS index_empty
FROM cap_article;
DROP TABLE cap_rows, cap_seq, cap_early, cap_empty, cap_article;
--
-- A template merged after its keys' head pages filled: the bucket heads
-- estimate its keys at nothing, and on the estimate alone the search read
-- every holder of the template whole (116,104 postings and 2,001
-- candidates for the search below).  The budget is now also decided on the
-- postings read: once they pass it, the keys read past the cap are left
-- out (capped).  Those are read first (estimated cheapest), and the story's
-- leader shares with the article, besides them, only the three words of U,
-- whose keys are read after: a leader met only after capped keys must
-- still be counted (the capped keys stay among those it may yet share), or
-- it would need all its shared hashes among the few keys left to read.
--
CREATE TABLE cap_rows (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
-- the rows the index is made on, long before the article: one holds U
INSERT INTO cap_rows
SELECT 100 + i, newsprint.fingerprint(CASE WHEN i = 1 THEN pg_temp.words('U', 3) || ' ' ELSE '' END
									  || pg_temp.words('p' || i, 400)),
	   timestamptz '2026-02-01 00:00+00' + i * interval '1 minute'
FROM generate_series(1, 60) i;
-- the unrelated leaders, merged first
INSERT INTO cap_rows SELECT 9000 + story, fp, published_at FROM cap_unrelated;
-- 2,000 items of a template F, the year before
INSERT INTO cap_rows
SELECT 20000 + i, newsprint.fingerprint(pg_temp.words('F', 60) || ' ' || pg_temp.words('f' || i, 60)),
	   timestamptz '2025-01-01 00:00+00' + i * interval '1 hour'
FROM generate_series(1, 2000) i;
-- the story's leader: U, words of its own, F
INSERT INTO cap_rows VALUES (1, newsprint.fingerprint(pg_temp.words('U', 3) || ' ' ||
	pg_temp.words('v1', 10) || ' ' || pg_temp.words('F', 60)), timestamptz '2026-03-01 00:01+00');
CREATE TABLE cap_seq (LIKE cap_rows INCLUDING ALL);
INSERT INTO cap_seq SELECT * FROM cap_rows;
CREATE TABLE cap_late (LIKE cap_rows INCLUDING ALL);
INSERT INTO cap_late SELECT * FROM cap_rows WHERE story BETWEEN 100 AND 999;
CREATE INDEX cap_late_fp ON cap_late USING npidx (fp);
INSERT INTO cap_late SELECT * FROM cap_rows WHERE story BETWEEN 10000 AND 19999;
SELECT newsprint.npidx_clean_pending_list('cap_late_fp') > 0 AS merged;
INSERT INTO cap_late SELECT * FROM cap_rows WHERE story >= 20000 OR story < 100;
SELECT newsprint.npidx_clean_pending_list('cap_late_fp') > 0 AS merged;
CREATE TABLE cap_article AS
SELECT newsprint.fingerprint(pg_temp.words('U', 3) || ' ' || pg_temp.words('xnew', 10) || ' ' ||
	pg_temp.words('F', 60)) AS fp;
SELECT newsprint.assign_story('cap_seq', 9001, fp, timestamptz '2026-03-01 02:00+00') AS no_index
FROM cap_article;
SELECT newsprint.assign_story('cap_late', 9001, fp, timestamptz '2026-03-01 02:00+00') AS index_late
FROM cap_article;
SELECT keys_skipped >= 50 AS template_left_out, postings < 65536 AS postings_bounded,
	   candidates < 50 AS few_candidates
FROM newsprint.npidx_scan_stats();
DROP TABLE cap_rows, cap_seq, cap_late, cap_article, cap_unrelated;
--
-- A search within the budget whose every key is read past the cap: each
-- of the article's words is held by 300 leaders (over 256), in all about
-- half the budget, and the bucket heads estimate no more.  The search
-- holds every key back, uncounted, and must count them all at its end:
-- it is then exact, and counts, reads and finds what the same scan does
-- without the cap (were the keys held left out at the end, it would find
-- no leader and start a story of its own, 9001).
--
CREATE TABLE cap_rows (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
INSERT INTO cap_rows SELECT * FROM pg_temp.running('W', 300, interval '1 second');
CREATE TABLE cap_seq (LIKE cap_rows INCLUDING ALL);
INSERT INTO cap_seq SELECT * FROM cap_rows;
CREATE INDEX cap_rows_fp ON cap_rows USING npidx (fp);
CREATE TABLE cap_article AS
SELECT newsprint.fingerprint(pg_temp.words('W', 60) || ' ' || pg_temp.words('xnew', 10)) AS fp;
SELECT newsprint.assign_story('cap_seq', 9001, fp, timestamptz '2026-03-01 02:00+00') AS no_index
FROM cap_article;
SELECT newsprint.assign_story('cap_rows', 9001, fp, timestamptz '2026-03-01 02:00+00') AS index_held
FROM cap_article;
CREATE TEMP TABLE cap_stats AS SELECT * FROM newsprint.npidx_scan_stats();
SELECT postings BETWEEN 256 * 50 AND 32768 AS within_budget, keys_read > 50 AS keys_counted
FROM cap_stats;
-- the search's own scan, uncapped: is_same_story at the rule's default
-- threshold (0.12 in format version 2, under tiny_similarity's 0.6)
SET enable_seqscan = off;
SELECT count(*) AS leaders FROM cap_rows, cap_article a
WHERE newsprint.is_same_story(cap_rows.fp, a.fp, 0.12) AND cap_rows.story <= 300;
RESET enable_seqscan;
SELECT s.keys_read = c.keys_read AS same_keys_read, s.keys_skipped = c.keys_skipped AS same_keys_skipped,
	   s.postings = c.postings AS same_postings, s.candidates = c.candidates AS same_candidates
FROM newsprint.npidx_scan_stats() s, cap_stats c;
DROP TABLE cap_rows, cap_seq, cap_article, cap_stats;
--
-- The keys a capped search left out are read back, within a limit, to
-- complete the counts of the leaders it counted.  The article is 80 words
-- of its own and a template F held by 2,000 leaders of the year before: the
-- search is over its budget from the start and leaves F's keys out (about
-- 60), and each of 400 leaders that quote six of the article's own words
-- (a few shared hashes, far from the 0.12 the search asks) rested on that
-- slack and was read from the heap and compared: 403 candidates, 58 keys
-- left.  Reading F's keys back (2,000 postings each, cheaper than the
-- rechecks they save) leaves the story's leader and a few others.  The
-- leaders that only F's keys hold stay out, as before (leftout).
--
CREATE FUNCTION pg_temp.words_from(seed text, first int, n int) RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(translate(left(md5(seed || ':' || j), 7), '0123456789', 'ghijklmnop'), ' ' ORDER BY j)
	FROM generate_series(first, first + n - 1) j $$;
CREATE TABLE cap_rows (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
INSERT INTO cap_rows
SELECT 20000 + i, newsprint.fingerprint(pg_temp.words('F', 60) || ' ' || pg_temp.words('f' || i, 60)),
	   timestamptz '2025-01-01 00:00+00' + i * interval '1 hour'
FROM generate_series(1, 2000) i;
INSERT INTO cap_rows
SELECT 1000 + i, newsprint.fingerprint(pg_temp.words('n' || i, 100) || ' ' ||
									  pg_temp.words_from('xnew', 1 + i % 70, 6)),
	   timestamptz '2026-03-01 00:00+00' + i * interval '1 second'
FROM generate_series(1, 400) i;
-- the story's leader, an hour before the article
INSERT INTO cap_rows VALUES (1, newsprint.fingerprint(pg_temp.words('xnew', 80) || ' ' ||
	pg_temp.words('F', 60)), timestamptz '2026-03-01 01:00+00');
CREATE TABLE cap_seq AS SELECT * FROM cap_rows;
ALTER TABLE cap_seq ADD PRIMARY KEY (story);
CREATE INDEX cap_rows_fp ON cap_rows USING npidx (fp);
-- the index's search last, for npidx_scan_stats()
SELECT newsprint.assign_story('cap_seq', 9001, a.fp, t) AS no_index,
	   newsprint.assign_story('cap_rows', 9001, a.fp, t) AS index_read_back
FROM (SELECT newsprint.fingerprint(pg_temp.words('xnew', 80) || ' ' || pg_temp.words('F', 60)) AS fp,
			 timestamptz '2026-03-01 02:00+00' AS t) a;
SELECT keys_skipped < 20 AS left_out_read_back, candidates < 50 AS few_candidates
FROM newsprint.npidx_scan_stats();
DROP TABLE cap_rows, cap_seq;
