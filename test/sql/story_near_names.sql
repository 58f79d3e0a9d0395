--
-- Near copies and the subject's name (review of the near copy, doc/stories.md
-- "Near copies under min_shared").  A notice of 5 or more narrative shingles
-- whose subject stands before "said" samples no hash of the subject: the
-- fact shingles that hold it ("Chef Partners said", "Partners said it")
-- are no evidence once running text outweighs them.  Two such notices of
-- two companies in one formula then have one sample, and when the running
-- text holds any other name between two content words ("hired Deloitte
-- auditors", "after Leeds council refused": one word, three named
-- shingles) they meet min_named as well.  Neither pair below is one story;
-- neither shares a figure.  On main they share under min_shared (16) and
-- start stories of their own; so must they with any near copy.
--
SET client_min_messages = warning;
CREATE TABLE near_names (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp newsprint.fingerprint);
INSERT INTO near_names (id, name, published_at, body) VALUES
  (1, 'chef_auditors', '2026-05-07 09:00+00', 'Chef Partners said it had hired Deloitte auditors to review its accounts.'),
  (2, 'jenny_auditors', '2026-05-07 09:40+00', 'Jenny Mining said it had hired Deloitte auditors to review its accounts.'),
  (3, 'quillon_plant', '2026-05-07 11:00+00', 'Quillon Corp said it would shut its plant after Leeds council refused planning permission.'),
  (4, 'braxton_plant', '2026-05-07 15:00+00', 'Braxton Industries said it would shut its plant after Leeds council refused planning permission.'),
  (5, 'hollis_listing', '2026-05-07 12:00+00', 'Hollis Baird Group said it had moved its listing from Nasdaq trading to Toronto trading.'),
  (6, 'braxton_listing', '2026-05-07 12:30+00', 'Braxton Industries said it had moved its listing from Nasdaq trading to Toronto trading.');
UPDATE near_names SET fp = newsprint.fingerprint(body);
-- under min_shared, no figure
SELECT name, newsprint.shingle_count(fp) AS shingles, body ~ '[0-9]' AS figure
  FROM near_names ORDER BY id;

-- each pair of two companies within the window: no story
SELECT b.name AS article, a.name AS leader,
	   newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
							 b_time => a.published_at) AS timed
  FROM near_names a JOIN near_names b ON a.id < b.id
 WHERE newsprint.similarity(a.fp, b.fp) >= 0.5
 ORDER BY 1, 2;

-- nor in the batch form
SELECT n.name, s.name AS story
  FROM newsprint.cluster_stories('near_names', 'id', 'fp', 'published_at') c
  JOIN near_names n ON n.id = c.id
  JOIN near_names s ON s.id = c.story
 ORDER BY n.id;

DROP TABLE near_names;
