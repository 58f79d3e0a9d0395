--
-- Pairs of one story that the rule kept apart although most of one side
-- is in the other (stories.h, STORY_TINY_WHOLE; the within-window share is
-- story_tiny_whole.sql's).
--
-- A next-day copy of a short story: a morning paper's trimmed copy (30
-- evidence shingles or so, so a tiny pair) of a short wire story sent the
-- day before, more than the window (20 hours) later, as wire set 3's
-- earn-vandermeer 150 of 36.  The late and next-day copies refused every
-- tiny pair, since two companies' notices in one formula were one text to
-- the sample; with the subject in the sample, a tiny copy within the
-- round-up reach (two windows) that keeps the leader's subject and holds
-- STORY_TINY_WHOLE of itself in it joins, the tiny rule's name tests and
-- the test of the same frame with other figures asked as ever.  Not
-- joined: the same copy three days later (beyond the reach), another
-- company's result in the formula the next day (its own subject), and the
-- next day's item of a recurring report.
--
SET client_min_messages = warning;
CREATE TABLE split (id bigint PRIMARY KEY, name text, published_at timestamptz,
	fp newsprint.fingerprint);
INSERT INTO split VALUES
  (1, 'carrier_story', '2026-06-01 06:30+00', newsprint.fingerprint('ROTTERDAM, June 1 - Dutch container carrier Hallstrom Lines NV said on Monday its first-quarter net profit fell 48 percent to 212 million euros as freight rates on routes between Asia and northern Europe dropped back from last year''s highs. Revenue fell 17 percent to 2.31 billion euros. The company kept its forecast of full-year operating profit of 800 million to 950 million euros. Hallstrom said rates had found a floor in May and it expected volumes to pick up before the peak season in the autumn.'::text)),
  (2, 'carrier_next_day_copy', '2026-06-02 05:50+00', newsprint.fingerprint('Dutch container carrier Hallstrom Lines said its first-quarter net profit fell 48 percent to 212 million euros as freight rates on routes between Asia and northern Europe dropped back from last year''s highs. It kept its forecast of full-year operating profit of 800 million to 950 million euros.'::text)),
  (3, 'carrier_copy_days_later', '2026-06-04 09:00+00', newsprint.fingerprint('Dutch container carrier Hallstrom Lines said its first-quarter net profit fell 48 percent to 212 million euros as freight rates on routes between Asia and northern Europe dropped back from last year''s highs. It kept its forecast of full-year operating profit of 800 million to 950 million euros.'::text)),
  (4, 'other_carrier_next_day', '2026-06-02 06:10+00', newsprint.fingerprint('Danish container carrier Vindeby Shipping said its first-quarter net profit fell 31 percent to 97 million euros as freight rates on routes between Asia and northern Europe dropped back from last year''s highs. It kept its forecast of full-year operating profit of 300 million to 380 million euros.'::text)),
  (5, 'rigs_day_1', '2026-06-05 08:30+00', newsprint.fingerprint('The number of rigs drilling for oil and natural gas in Castellan fell by two this week to 612, oilfield services company Baxter Field Services said on Friday. A year ago there were 655 active rigs, and the count has fallen for nine weeks in a row.'::text)),
  (6, 'rigs_day_2', '2026-06-06 08:30+00', newsprint.fingerprint('The number of rigs drilling for oil and natural gas in Castellan rose by four this week to 616, oilfield services company Baxter Field Services said on Saturday. A year ago there were 651 active rigs, and the count had fallen for nine weeks in a row.'::text));

-- each later item against its earlier partner: both short, the pair tiny,
-- the share of the later item in the earlier, how far apart in time, and
-- story_match() given the times (out of the window: a next-day copy at
-- most) and without times (the rule of a pair without a time test, which
-- asks a tiny pair to resemble)
SELECT b.name, a.name AS leader,
	   greatest(newsprint.shingle_count(a.fp), newsprint.shingle_count(b.fp)) < 150 AS short,
	   least(newsprint.shingle_count(a.fp), newsprint.shingle_count(b.fp)) < 40 AS tiny,
	   round(newsprint.similarity(a.fp, b.fp)::numeric, 2) AS similarity,
	   round(newsprint.containment(b.fp, a.fp)::numeric, 2) AS in_leader,
	   b.published_at - a.published_at AS later_by,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
								   b_time => a.published_at)::numeric, 3) AS timed,
	   round(newsprint.story_match(b.fp, a.fp)::numeric, 3) AS untimed
  FROM split a JOIN split b ON (a.id, b.id) IN ((1, 2), (1, 3), (1, 4), (5, 6))
 ORDER BY b.id;

-- the batch and assign_story() in publication order: the next-day copy
-- joins the story, the others lead their own
CREATE TABLE split_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON split_leaders USING npidx (fp);
CREATE TABLE split_assigned AS
SELECT id, newsprint.assign_story('split_leaders', id, fp, published_at) AS story
  FROM (SELECT * FROM split ORDER BY published_at, id) s;
SELECT w.name, b.name AS batch, a.name AS assigned
  FROM newsprint.cluster_stories('split', order_column => 'published_at') c
  JOIN split w ON w.id = c.id JOIN split b ON b.id = c.story
  JOIN split_assigned x ON x.id = c.id JOIN split a ON a.id = x.story
 ORDER BY w.id;
DROP TABLE split, split_leaders, split_assigned;
