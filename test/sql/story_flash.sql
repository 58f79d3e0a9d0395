--
-- URGENT one-liners and tables with their write-through (doc/stories.md,
-- "URGENT one-liners and tables"; src/stories/story_flash.c).  A
-- one-liner and the full story sent minutes later share facts, not words:
-- the rule refused them.  Within the time window a tiny article now joins
-- the story whose leader carries its subject and all its figures, at
-- least two of them specific, in the batch and at insert time alike: a
-- one-liner sent after its write-through, a newspaper's brief of it.  Only
-- the tiny side joins: a write-through after its one-liner, which leads,
-- stays apart (the order built first and not kept).  Kept apart too:
-- another company's one-liner with the same figures (its subject), the
-- company's other announcement of the day (other figures), its dividend
-- notice whose figures the write-through repeats (both round), a
-- one-liner with one specific figure, and the pairs out of the window or
-- without times.
--
SET client_min_messages = warning;
CREATE TABLE flash (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp newsprint.fingerprint);
INSERT INTO flash (id, name, published_at, body) VALUES
  (1, 'quenby_urgent', '2026-10-21 14:20+00',
   'URGENT - Quenby Steel Q3 net loss 57 mln dlrs vs profit 14 mln'),
  (2, 'quenby_writethru', '2026-10-21 14:02+00',
   E'Quenby Steel Corp reported a third-quarter net loss of 57 mln dlrs, or 1.35 dlrs a share, against a profit of 14 mln dlrs, or 33 cts a share, a year earlier, as prices for sheet steel fell and its Wexcombe mill stood idle for six weeks.\n'
   'Revenue fell 18 pct to 812 mln dlrs from 990 mln dlrs, the Pittsburgh company said.\n'
   'Chief executive Dora Pendle said she expected orders from carmakers to recover in the new year, and that the Wexcombe mill would restart in January after repairs to its blast furnace.\n'
   'The company also cut its quarterly dividend to 10 cts a share from 20 cts.\n'
   'Shares of Quenby fell 4.2 pct in early trading.'),
  (3, 'rensby_urgent', '2026-10-21 14:30+00',
   'URGENT - Rensby Steel Q3 net loss 57 mln dlrs vs profit 14 mln'),
  (4, 'quenby_jobs', '2026-10-21 16:40+00',
   'URGENT - Quenby Steel to cut 450 jobs at Wexcombe mill, take 38 mln dlr charge'),
  (5, 'quenby_dividend', '2026-10-21 14:05+00',
   E'QUENBY STEEL CORP <QSC> CUTS DIVIDEND\nQtly div 10 cts vs 20 cts prior\nPay Dec 15\nRecord Dec 1'),
  (6, 'quenby_one_figure', '2026-10-21 14:20+00',
   'URGENT - Quenby Steel swings to Q3 loss of 57 mln dlrs'),
  (7, 'quenby_urgent_next_week', '2026-10-28 14:02+00',
   'URGENT - Quenby Steel Q3 net loss 57 mln dlrs vs profit 14 mln'),
  (8, 'quenby_paper_brief', '2026-10-22 05:30+00',
   'Quenby Steel lost 57 mln dlrs in the third quarter against a profit of 14 mln dlrs a year before, and cut its dividend.');
UPDATE flash SET fp = newsprint.fingerprint(body);

-- what each item holds: tiny (under 40 evidence shingles), subject hashes
-- (the sample's first hashes, under 2^20), figures kept
SELECT id, name, newsprint.shingle_count(fp) < 40 AS tiny,
	   (SELECT count(*) FROM regexp_matches(split_part(fp::text, ':', 5), '.{8}', 'g') m
		 WHERE m[1] < '00100000') AS subject_hashes,
	   substring(fp::text FROM ':f[0-9a-f]{6}([0-9a-f]{2})') AS figures
  FROM flash ORDER BY id;

-- every pair with the write-through: the rule with the items' times,
-- without them (no time test: the join is not asked), with a window of
-- five minutes (the pair out of it); and same_story, which the join does
-- not change (the pair shares facts, not words)
SELECT b.name AS article, a.name AS leader,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at)::numeric, 3) AS timed,
	   newsprint.story_match(b.fp, a.fp) IS NOT NULL AS untimed,
	   newsprint.story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at,
							 time_window => '5 minutes') IS NOT NULL AS five_minutes,
	   newsprint.same_story(a.fp, b.fp) AS same_story
  FROM flash a, flash b
 WHERE a.id <> b.id AND (a.id = 2 OR b.id = 2)
 ORDER BY a.id, b.id;

-- the write-through leads; the one-liner sent late and the paper's brief
-- join it; the others start stories
SELECT f.name, s.story, c.name AS story_of, round(s.score::numeric, 3) AS score, s.leads
  FROM newsprint.cluster_stories('flash', order_column => 'published_at') s
  JOIN flash f ON f.id = s.id JOIN flash c ON c.id = s.story
 ORDER BY f.published_at, f.id;

-- the other order: the one-liner first leads, and the write-through, which
-- is not tiny, does not join it (as before)
CREATE TABLE flash_late AS SELECT * FROM flash WHERE id IN (1, 2);
UPDATE flash_late SET published_at = published_at - interval '30 minutes' WHERE id = 1;
SELECT f.name, c.name AS story_of
  FROM newsprint.cluster_stories('flash_late', order_column => 'published_at') s
  JOIN flash_late f ON f.id = s.id JOIN flash_late c ON c.id = s.story
 ORDER BY f.published_at;

-- without a time order (no time test) nothing joins
SELECT count(DISTINCT story) AS stories
  FROM newsprint.cluster_stories('flash', order_column => 'id');

-- at insert time, in both orders: the batch's stories
CREATE TABLE flash_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint,
	published_at timestamptz);
CREATE INDEX ON flash_leaders USING npidx (fp);
SELECT f.name, c.name AS story_of
  FROM (SELECT id, newsprint.assign_story('flash_leaders', id, fp, published_at) AS story
		  FROM (SELECT * FROM flash ORDER BY published_at, id) o) s
  JOIN flash f ON f.id = s.id JOIN flash c ON c.id = s.story
 ORDER BY f.published_at, f.id;
TRUNCATE flash_leaders;
SELECT f.name, c.name AS story_of
  FROM (SELECT id, newsprint.assign_story('flash_leaders', id, fp, published_at) AS story
		  FROM (SELECT * FROM flash_late ORDER BY published_at, id) o) s
  JOIN flash_late f ON f.id = s.id JOIN flash_late c ON c.id = s.story
 ORDER BY f.published_at;

-- the batch and the insert agree, assigned in publication order
TRUNCATE flash_leaders;
SELECT count(*) AS disagree
  FROM newsprint.cluster_stories('flash', order_column => 'published_at') c
  JOIN (SELECT id, newsprint.assign_story('flash_leaders', id, fp, published_at) AS story
		  FROM (SELECT * FROM flash ORDER BY published_at, id) o) a USING (id)
 WHERE c.story <> a.story;

-- the name tests off (min_named => 0): no join
SELECT count(DISTINCT story) AS stories
  FROM newsprint.cluster_stories('flash', order_column => 'published_at', min_named => 0);

-- a write-through whose lead says "said its third-quarter": the hyphen is
-- part of a compound, not the end of a lead-in, so the lead keeps its
-- subject, and with it its names and figures (fp_evidence.c,
-- fp_subj_hyphen; without it the text had none, and the one-liner sent
-- after it joined nothing)
SELECT round(newsprint.story_match(fp, newsprint.fingerprint(
		'Quenby Steel Corp said its third-quarter net loss was 57 mln dlrs, or 1.35 dlrs a share, against a profit of 14 mln dlrs, or 33 cts a share, a year earlier, as prices for sheet steel fell and its Wexcombe mill stood idle for six weeks. Revenue fell 18 pct to 812 mln dlrs.'::text),
		a_time => published_at, b_time => published_at - interval '10 minutes')::numeric, 3) AS one_liner_after_it
  FROM flash WHERE id = 1;

-- version 1 fingerprints keep no subject nor figures: the pair stays
-- apart, timed or not
SELECT newsprint.story_match(newsprint.fingerprint(a.body, true, 160, 1),
							 newsprint.fingerprint(b.body, true, 160, 1),
							 a_time => a.published_at, b_time => b.published_at) IS NULL AS v1_apart
  FROM flash a, flash b WHERE a.id = 1 AND b.id = 2;

-- at insert time, the window's edges (the one-liner 18 minutes after the
-- write-through: within a window of 18 minutes, not of a second less),
-- and a one-liner without a time, which joins nothing
CREATE FUNCTION flash_assign(w interval, t timestamptz) RETURNS text
LANGUAGE sql AS $$
	DELETE FROM flash_leaders;
	SELECT newsprint.assign_story('flash_leaders', id, fp, published_at, time_window => w)
	  FROM flash WHERE id = 2;
	SELECT c.name FROM flash c
	 WHERE c.id = (SELECT newsprint.assign_story('flash_leaders', id, fp, t, time_window => w)
					 FROM flash WHERE id = 1);
$$;
SELECT flash_assign('18 minutes', '2026-10-21 14:20+00') AS at_edge,
	   flash_assign('17 minutes 59 seconds', '2026-10-21 14:20+00') AS past_edge,
	   flash_assign('18 minutes', '2026-10-21 13:44+00') AS before_at_edge,
	   flash_assign('20 hours', NULL) AS no_time;
DROP FUNCTION flash_assign;

DROP TABLE flash, flash_late, flash_leaders;
