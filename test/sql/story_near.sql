--
-- Near copies under min_shared (doc/stories.md, "Near copies under
-- min_shared"): an exact re-send of a results card, an earnings table or a
-- one-line notice shares fewer than min_shared (16) hashes with its first
-- sending and joined nothing.  Within the time window a pair whose samples
-- are one text or nearly so (similarity 0.9, at least 5 shared hashes, 3 of
-- them named) now joins; another card, table or notice in the same formula
-- differs in its names and figures and does not.  Without a time test, and
-- as a late copy, such a pair still does not join.  What the sample cannot
-- tell apart it still cannot: two companies' notices whose names stand
-- before "said" and whose figures are the same have one fingerprint (Chef
-- and Jenny), and within the window they now join.
--
SET client_min_messages = warning;
CREATE TABLE near_items (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp newsprint.fingerprint);
INSERT INTO near_items (id, name, published_at, body) VALUES
  (1, 'card', '2026-05-07 01:10+00', 'Elmstead by-election: T. Aldridge (Con) 11,403, S. Bhatt (Lab) 10,956. Con hold. Majority 447.'),
  (2, 'card_other', '2026-05-07 01:20+00', 'Harwick North by-election: J. Pemberton (Lab) 14,212, A. Okafor (Con) 9,877. Lab hold. Majority 4,335.'),
  (3, 'table', '2026-05-07 09:00+00', 'Braxton Industries Inc nine mths: Shr 1.42 dlrs vs 1.18 dlrs. Net 48.6 mln vs 40.1 mln.'),
  (4, 'table_other', '2026-05-07 09:05+00', 'Quillon Corp nine mths: Shr 87 cts vs 74 cts. Net 21.3 mln vs 18.2 mln.'),
  (5, 'notice', '2026-05-07 10:00+00', 'Bank of Nova Scota said it suspended its quarterly dividend.'),
  (6, 'notice_other', '2026-05-07 10:02+00', 'Bank of Montreal said it suspended its quarterly dividend.'),
  (7, 'no_names', '2026-05-07 11:00+00', 'The company said it had no further comment on the matter.'),
  (11, 'card_resent', '2026-05-07 01:40+00', 'Elmstead by-election: T. Aldridge (Con) 11,403, S. Bhatt (Lab) 10,956. Con hold. Majority 447.'),
  (12, 'card_other_resent', '2026-05-07 02:00+00', 'Harwick North by-election: J. Pemberton (Lab) 14,212, A. Okafor (Con) 9,877. Lab hold. Majority 4,335.'),
  (13, 'table_resent', '2026-05-07 09:30+00', 'Braxton Industries Inc nine mths: Shr 1.42 dlrs vs 1.18 dlrs. Net 48.6 mln vs 40.1 mln.'),
  (15, 'notice_resent', '2026-05-07 10:30+00', 'Bank of Nova Scota said it suspended its quarterly dividend.'),
  (17, 'no_names_resent', '2026-05-07 11:30+00', 'The company said it had no further comment on the matter.'),
  (8, 'chef', '2026-05-07 12:00+00', 'Chef Partners said it raised its quarterly dividend to 62 cents a share from 14 cents.'),
  (18, 'jenny', '2026-05-07 12:30+00', 'Jenny Partners said it raised its quarterly dividend to 62 cents a share from 14 cents.'),
  (21, 'card_late', '2026-05-09 01:10+00', 'Elmstead by-election: T. Aldridge (Con) 11,403, S. Bhatt (Lab) 10,956. Con hold. Majority 447.');
UPDATE near_items SET fp = newsprint.fingerprint(body);
-- all under min_shared
SELECT name, newsprint.shingle_count(fp) AS shingles FROM near_items ORDER BY id;

-- each pair by the rule, given the pair's times (within the window but
-- the late card) and without them (no time test)
SELECT b.name AS article, a.name AS leader,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
								   b_time => a.published_at)::numeric, 2) AS timed,
	   round(newsprint.story_match(b.fp, a.fp)::numeric, 2) AS no_time_test
  FROM near_items a JOIN near_items b ON a.id < b.id
 WHERE newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
							 b_time => a.published_at) IS NOT NULL
	OR newsprint.story_match(b.fp, a.fp) IS NOT NULL
	OR newsprint.similarity(a.fp, b.fp) >= 0.5
 ORDER BY 1, 2;

-- cluster_stories() in publication order; by story_match() applied to
-- every pair (the leader rule without the batch form's pruning, which
-- this checks: StoryNeedAny, StoryNeedPair); at insert time
CREATE TABLE near_batch AS
SELECT c.id, c.story FROM newsprint.cluster_stories('near_items', 'id', 'fp', 'published_at') c;
CREATE TABLE near_brute (id bigint, story bigint);
DO $$
DECLARE
	a record;
	s bigint;
BEGIN
	FOR a IN SELECT id, fp, published_at FROM near_items ORDER BY published_at, id LOOP
		SELECT l.id INTO s
		  FROM near_items l JOIN near_brute b ON b.id = l.id AND b.story = l.id,
			   LATERAL newsprint.story_match(a.fp, l.fp, a_time => a.published_at,
											 b_time => l.published_at) m
		 WHERE m IS NOT NULL
		 ORDER BY l.published_at BETWEEN a.published_at - interval '20 hours'
				  AND a.published_at + interval '20 hours' DESC,
				  m DESC, newsprint.similarity(a.fp, l.fp) DESC, l.published_at, l.id
		 LIMIT 1;
		INSERT INTO near_brute VALUES (a.id, coalesce(s, a.id));
	END LOOP;
END
$$;
CREATE TABLE near_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON near_leaders USING npidx (fp);
CREATE TABLE near_incoming AS
SELECT n.id, newsprint.assign_story('near_leaders', n.id, n.fp, n.published_at) AS story
  FROM (SELECT * FROM near_items ORDER BY published_at, id) n;
SELECT n.name, s.name AS story,
	   b.story IS NOT DISTINCT FROM r.story AS as_every_pair,
	   b.story IS NOT DISTINCT FROM i.story AS as_at_insert
  FROM near_items n
  JOIN near_batch b ON b.id = n.id
  JOIN near_items s ON s.id = b.story
  JOIN near_brute r ON r.id = n.id
  JOIN near_incoming i ON i.id = n.id
 ORDER BY n.id;
-- min_shared as before for a pair of near copies without names (min_named
-- 0 turns the near copy off, as it turns the name tests off)
SELECT count(*) FILTER (WHERE id <> story) AS joined
  FROM newsprint.cluster_stories('near_items', 'id', 'fp', 'published_at', min_named => 0);

DROP TABLE near_items, near_batch, near_brute, near_leaders, near_incoming;
