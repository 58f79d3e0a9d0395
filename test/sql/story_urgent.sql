--
-- URGENT, FLASH and BULLETIN one-liners and their write-throughs
-- (stories.h, StoryUrgentJoins).  A one-liner has fewer sample hashes than
-- the rule asks any pair to share (min_shared), so nothing joined it: the
-- flash, its write-through and the write-through's copies made two
-- stories.  It now joins a write-through that is not tiny, within four
-- hours, when 0.3 of its hashes (3 at least, the subject hashes aside)
-- are in it, none of its figures is missing there, one of its named
-- hashes is shared, and, when it has a subject, so is one of its subject
-- hashes.  In the usual order (the flash first) the write-through joins
-- the flash's story and leads it from then on, so a trimmed copy of the
-- write-through, which shares too little with the flash, joins too.  Not
-- joined: a price line that adds a figure, another company's one-liner
-- in the same words and figures, a repeat of the flash six hours later.
-- The batch marks the write-through as the story's leader (leads) and the
-- flash not, so that a leaders table seeded from it holds what
-- assign_story() put there.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE su (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp fingerprint);
INSERT INTO su (id, name, published_at, body) VALUES
 (1, 'flash', '2026-12-03 09:02+00', E'URGENT-Tarbolton Mining agrees to buy Kelso Copper for 1.85 bln dlrs in cash'),
 (2, 'writethru', '2026-12-03 09:20+00', E'Tarbolton Mining agrees to buy Kelso Copper for 1.85 bln dlrs in cash\n\nTORONTO, Dec 3 - Tarbolton Mining Corp agreed on Thursday to buy Kelso Copper Ltd for 1.85 bln dlrs in cash, adding two producing mines in Chile to its portfolio as demand for the metal rises.\n\nTarbolton will pay 14.20 dollars a share, a premium of 31 percent to Kelso''s closing price on Wednesday. The boards of both companies have approved the deal, which is expected to close in the second quarter.\n\nChief executive Alasdair Munro said the purchase would lift Tarbolton''s copper output by about 40 percent and that the company would fund it from cash and a new credit line.\n\nKelso shares were halted in Toronto ahead of the announcement.'),
 (3, 'trimmed', '2026-12-03 11:40+00', E'Tarbolton Mining Corp agreed on Thursday to buy Kelso Copper Ltd for 1.85 bln dlrs in cash, adding two producing mines in Chile to its portfolio as demand for the metal rises.\n\nTarbolton will pay 14.20 dollars a share, a premium of 31 percent to Kelso''s closing price on Wednesday. The boards of both companies have approved the deal, which is expected to close in the second quarter.'),
 (4, 'other_flash', '2026-12-03 09:40+00', E'URGENT-Glenluce Mining agrees to buy Annan Copper for 1.85 bln dlrs in cash'),
 (5, 'price_line', '2026-12-03 10:05+00', E'URGENT-Tarbolton Mining shares fall 12 pct after it agrees to buy Kelso Copper for 1.85 bln dlrs'),
 (6, 'late_flash', '2026-12-03 15:30+00', E'URGENT-Tarbolton Mining agrees to buy Kelso Copper for 1.85 bln dlrs in cash');
UPDATE su SET fp = fingerprint(body);

-- the one-liners are under min_shared (16) sample hashes; the two others
-- are not tiny
SELECT name, sample_size(fp) AS hashes, shingle_count(fp) >= 40 AS not_tiny
  FROM su ORDER BY id;

-- story_match() of each later item to each earlier one within the window;
-- the write-through joins the flash, and so does the trimmed copy as a
-- pair (the batch asks it of the write-through, which leads), and the
-- late flash pairs with the trimmed copy, 3 h 50 after it (in the batch
-- the copy leads nothing, and the write-through that leads is 6 h 10
-- before); without times, none of the one-liners' pairs
SELECT b.name AS later, a.name AS earlier,
       round(story_match(b.fp, a.fp, a_time => b.published_at,
                         b_time => a.published_at)::numeric, 3) AS within_window,
       round(story_match(b.fp, a.fp)::numeric, 3) AS without_times
  FROM su a JOIN su b ON b.published_at > a.published_at
 ORDER BY b.id, a.id;

-- the flash first: one story of the flash, the write-through and its
-- trimmed copy; the others apart
SELECT s.id, u.name, s.story, round(s.score::numeric, 3) AS score, s.leads
  FROM cluster_stories('su', order_column => 'published_at') s
  JOIN su u USING (id) ORDER BY s.id;

-- the write-through first, the flash half an hour after it: the flash
-- joins the write-through's story
CREATE TABLE su_after AS
  SELECT id, name, fp,
         CASE WHEN name = 'flash' THEN published_at + interval '30 minutes'
              ELSE published_at END AS published_at
    FROM su WHERE name IN ('flash', 'writethru', 'trimmed');
SELECT s.id, u.name, s.story, round(s.score::numeric, 3) AS score, s.leads
  FROM cluster_stories('su_after', order_column => 'published_at') s
  JOIN su_after u USING (id) ORDER BY s.id;

-- at insert time, in publication order, through a leaders table with an
-- npidx index: assign_story() gives the batch's stories, and the
-- write-through takes over the flash's row of the leaders table (story
-- unchanged), so the trimmed copy finds it
CREATE FUNCTION su_assign(tab regclass, leaders regclass)
RETURNS TABLE (id bigint, story bigint) LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	FOR r IN EXECUTE format('SELECT id, fp, published_at FROM %s ORDER BY published_at, id', tab) LOOP
		id := r.id;
		story := newsprint.assign_story(leaders, r.id, r.fp, r.published_at);
		RETURN NEXT;
	END LOOP;
END
$$;
CREATE TABLE su_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON su_leaders USING npidx (fp);
-- a leaders table seeded from the batch over tab (doc/stories.md's recipe:
-- the rows that lead, under their story), set beside su_leaders
CREATE FUNCTION su_seeded(tab regclass)
RETURNS TABLE (story bigint, leader_row_of text, as_assigned boolean)
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format(
		'SELECT coalesce(s.story, l.story), u.name, coalesce(s.fp = l.fp, false)
		   FROM (SELECT c.story, a.fp, a.published_at
		           FROM newsprint.cluster_stories(%L, order_column => %L) c
		           JOIN %s a USING (id) WHERE c.leads) s
		   FULL JOIN su_leaders l ON l.story = s.story
		   LEFT JOIN %s u ON u.fp = s.fp AND u.published_at = s.published_at
		  ORDER BY 1', tab, 'published_at', tab, tab);
END
$$;
-- assign_story() over tab in publication order beside the batch's
-- stories, and whose row each row of the leaders table is
CREATE FUNCTION su_against_batch(tab regclass)
RETURNS TABLE (id bigint, name text, story bigint, as_batch boolean)
LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format(
		'SELECT a.id, u.name, a.story, c.story = a.story
		   FROM su_assign(%L, %L) a JOIN %s u USING (id)
		   JOIN newsprint.cluster_stories(%L, order_column => %L) c USING (id)
		  ORDER BY a.id', tab, 'su_leaders', tab, tab, 'published_at');
END
$$;
CREATE FUNCTION su_leader_rows(tab regclass)
RETURNS TABLE (story bigint, leader_row_of text) LANGUAGE plpgsql AS $$
BEGIN
	RETURN QUERY EXECUTE format(
		'SELECT l.story, u.name FROM su_leaders l
		   JOIN %s u ON u.fp = l.fp AND u.published_at = l.published_at
		  ORDER BY l.story', tab);
END
$$;
SELECT * FROM su_against_batch('su');
SELECT * FROM su_leader_rows('su');
-- seeded from the batch: the write-through's row under the flash's story
SELECT * FROM su_seeded('su');

-- the write-through first: the flash joins its story at insert time too
TRUNCATE su_leaders;
SELECT * FROM su_against_batch('su_after');
SELECT * FROM su_leader_rows('su_after');
SELECT * FROM su_seeded('su_after');

-- stories.sql's checks of the batch's leads after a handover: a row that
-- leads is its story's first article or the write-through that took the
-- story over (leads_right); one row leads each story (leaders); the flash
-- is no round-up (a story of its own that nothing leads)
WITH c AS (SELECT * FROM cluster_stories('su', order_column => 'published_at'))
SELECT count(*) FILTER (WHERE NOT leads OR id = story OR
						story IN (SELECT id FROM c WHERE NOT leads)) = count(*) AS leads_right,
	   count(*) FILTER (WHERE NOT leads OR id = story) AS first_article_leads,
	   count(*) FILTER (WHERE leads) = count(DISTINCT story) AS leaders,
	   count(*) FILTER (WHERE id = story AND NOT leads
						AND NOT EXISTS (SELECT FROM c l WHERE l.story = c.story AND l.leads)) AS round_ups
  FROM c;

-- at insert time, the rows the write-through's search finds beside its
-- leaders are read from the table by their TIDs, their times first: a
-- flash of the day before (out of the four hours) and an unrelated
-- article come between the flash and its write-through, which still takes
-- the flash's story over
TRUNCATE su_leaders;
CREATE TABLE su_between AS
  SELECT id, name, fp, published_at FROM su WHERE name IN ('flash', 'writethru');
INSERT INTO su_between (id, name, fp, published_at)
  SELECT 7, 'flash_day_before', fp, published_at - interval '1 day' FROM su WHERE name = 'flash'
  UNION ALL
  SELECT 8, 'unrelated', fingerprint(E'Heavy rain closed the coastal road near Portree on Thursday and the ferry to Raasay was cancelled for the afternoon.\n\nThe council said crews would clear the landslip overnight and that the road should reopen on Friday morning, weather permitting.\n\nResidents were asked to avoid the area and to use the inland route through Sligachan.'::text),
         '2026-12-03 09:10+00';
SELECT * FROM su_against_batch('su_between');
SELECT * FROM su_leader_rows('su_between');

-- a leaders table with row security: for a user its policies bind, a
-- flash that a policy hides (its row put by the table's owner) is not
-- taken over, and the write-through and its copy make a story of their
-- own, as a leader it hides is not joined (the policy keeps the search
-- off the index, whose functions are not leakproof: no side rows)
TRUNCATE su_leaders;
CREATE TABLE su_rest AS SELECT * FROM su WHERE name IN ('writethru', 'trimmed');
CREATE ROLE regress_su_user;
GRANT USAGE ON SCHEMA newsprint TO regress_su_user;
GRANT SELECT ON su_rest TO regress_su_user;
GRANT SELECT, INSERT, UPDATE ON su_leaders TO regress_su_user;
ALTER TABLE su_leaders ENABLE ROW LEVEL SECURITY;
CREATE POLICY su_no_flash ON su_leaders USING (story <> 1) WITH CHECK (true);
SELECT assign_story('su_leaders', id, fp, published_at) AS flash_story
  FROM su WHERE name = 'flash';
SET ROLE regress_su_user;
SELECT a.id, u.name, a.story
  FROM su_assign('su_rest', 'su_leaders') a JOIN su_rest u USING (id)
 ORDER BY a.id;
RESET ROLE;
SELECT * FROM su_leader_rows('su');

DROP FUNCTION su_assign(regclass, regclass), su_seeded(regclass),
	su_against_batch(regclass), su_leader_rows(regclass);
DROP TABLE su, su_after, su_between, su_rest, su_leaders;
REVOKE USAGE ON SCHEMA newsprint FROM regress_su_user;
DROP ROLE regress_su_user;
