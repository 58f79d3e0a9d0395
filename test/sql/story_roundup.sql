--
-- round-ups: an article that quotes the leads of several stories starts a
-- story that it does not lead; an update that adds paragraphs to a short
-- first item still joins it (doc/stories.md, "Round-ups")
--
SET client_min_messages = warning;

-- three stories of one morning, each with an agency copy; a digest of their
-- leads at noon; a short first item and its update with new paragraphs; a
-- newspaper's brief of the first story's lead after the digest; and the
-- digest sent again
CREATE TABLE ru (id bigint PRIMARY KEY, published_at timestamptz, truth text,
	body text, fp newsprint.fingerprint);
INSERT INTO ru (id, published_at, truth, body) VALUES
 (1, '2026-03-10 07:00+00', 'bridge',
  'Engineers closed the Kelvin swing bridge in Alderport on Monday after divers found that two of its oak piles had rotted through below the waterline, cutting the shortest road between the harbour and the town centre and sending lorries bound for the container terminal on a twelve-mile detour through Brindle and the ring road at Coldharbour. ' ||
  'The harbour board said the bridge would stay shut for at least six weeks while a contractor drove steel sleeves around the damaged piles, and that a free ferry would run every twenty minutes from the fish quay. ' ||
  'Traders on Wharf Street said the closure would cost them a busy spring, and the chamber of commerce asked the council to waive parking charges at the Millgate car park until the bridge reopens. ' ||
  'The bridge, opened in 1894, was last repaired in 1978, when its turning gear was replaced with an electric motor salvaged from a tram depot.'),
 (2, '2026-03-10 07:30+00', 'bridge',
  'ALDERPORT, March 10 (NWS) - Engineers closed the Kelvin swing bridge in Alderport on Monday after divers found that two of its oak piles had rotted through below the waterline, cutting the shortest road between the harbour and the town centre and sending lorries bound for the container terminal on a twelve-mile detour through Brindle and the ring road at Coldharbour. ' ||
  'The harbour board said the bridge would stay shut for at least six weeks while a contractor drove steel sleeves around the damaged piles, and that a free ferry would run every twenty minutes from the fish quay. ' ||
  'Traders on Wharf Street said the closure would cost them a busy spring, and the chamber of commerce asked the council to waive parking charges at the Millgate car park until the bridge reopens.'),
 (3, '2026-03-10 08:00+00', 'orchestra',
  'The Pellworth Symphony Orchestra has named the Estonian conductor Kadri Saar as its music director from next season, the first woman to hold the post in the orchestra''s ninety-year history. ' ||
  'Saar, 41, made her debut with the orchestra two winters ago in a programme of Sibelius and Arvo Part that the players later voted the best concert of the season. ' ||
  'She said she wanted to take the orchestra into schools across the county and to commission a new symphony every second year from a composer under thirty. ' ||
  'The appointment ends a two-year search that began when Sir Neville Oakes retired after a stroke during a rehearsal of the Brahms requiem.'),
 (4, '2026-03-10 08:40+00', 'orchestra',
  'PELLWORTH, March 10 (NWS) - The Pellworth Symphony Orchestra has named the Estonian conductor Kadri Saar as its music director from next season, the first woman to hold the post in the orchestra''s ninety-year history. ' ||
  'Saar, 41, made her debut with the orchestra two winters ago in a programme of Sibelius and Arvo Part that the players later voted the best concert of the season. ' ||
  'She said she wanted to take the orchestra into schools across the county and to commission a new symphony every second year from a composer under thirty.'),
 (5, '2026-03-10 09:00+00', 'orchard',
  'A hailstorm that lasted barely a quarter of an hour stripped the blossom from most of the cherry orchards around Tarnbury on Sunday evening, and growers said they expected to lose more than half of this summer''s crop. ' ||
  'Stones the size of marbles piled up against the hedges, and the county agricultural adviser said the damage was the worst she had seen in twenty years of work in the valley. ' ||
  'Several growers had taken out hail insurance only last month after a dry winter, but many smaller farms were not covered and said they would have to lay off seasonal pickers. ' ||
  'The Tarnbury cherry fair, held every July since 1952, may be cancelled for the first time, its organisers said.'),
 (6, '2026-03-10 09:45+00', 'orchard',
  'TARNBURY, March 10 (NWS) - A hailstorm that lasted barely a quarter of an hour stripped the blossom from most of the cherry orchards around Tarnbury on Sunday evening, and growers said they expected to lose more than half of this summer''s crop. ' ||
  'Stones the size of marbles piled up against the hedges, and the county agricultural adviser said the damage was the worst she had seen in twenty years of work in the valley. ' ||
  'Several growers had taken out hail insurance only last month after a dry winter, but many smaller farms were not covered and said they would have to lay off seasonal pickers.'),
 (7, '2026-03-10 12:00+00', 'digest',
  'REGIONAL NEWS AT NOON. ' ||
  'Engineers closed the Kelvin swing bridge in Alderport on Monday after divers found that two of its oak piles had rotted through below the waterline, cutting the shortest road between the harbour and the town centre and sending lorries bound for the container terminal on a twelve-mile detour through Brindle and the ring road at Coldharbour. ' ||
  'The Pellworth Symphony Orchestra has named the Estonian conductor Kadri Saar as its music director from next season, the first woman to hold the post in the orchestra''s ninety-year history. ' ||
  'A hailstorm that lasted barely a quarter of an hour stripped the blossom from most of the cherry orchards around Tarnbury on Sunday evening, and growers said they expected to lose more than half of this summer''s crop.'),
 (8, '2026-03-10 12:30+00', 'ferry',
  'Rescuers pulled eleven passengers from the water after the Skerry Queen, a small ferry carrying day trippers to the bird colony on Holm Island, ran aground on a reef in thick fog on Monday morning. ' ||
  'The coastguard said all nineteen people on board were accounted for and that two were taken to hospital in Wickport with mild hypothermia.'),
 (9, '2026-03-10 13:10+00', 'ferry',
  'UPDATE 1-Rescuers pulled eleven passengers from the water after the Skerry Queen, a small ferry carrying day trippers to the bird colony on Holm Island, ran aground on a reef in thick fog on Monday morning. ' ||
  'The coastguard said all nineteen people on board were accounted for and that two were taken to hospital in Wickport with mild hypothermia. ' ||
  'The ferry''s owner, Holm Boat Trips, said its skipper had followed the marked channel and that the boat''s radar had failed minutes before the grounding; the marine accident investigators said they would board the vessel on Tuesday. ' ||
  'Islanders said the reef had claimed three fishing boats since the lighthouse on its northern tip was switched off to save money in 2019, and the island council renewed its call for the light to be restored. ' ||
  'Bird wardens on Holm said the trips bring about four thousand visitors a year and that the season would start late if the ferry could not be repaired by April.'),
 (10, '2026-03-10 15:00+00', 'bridge',
  'Engineers closed the Kelvin swing bridge in Alderport on Monday after divers found that two of its oak piles had rotted through below the waterline, cutting the shortest road between the harbour and the town centre and sending lorries bound for the container terminal on a twelve-mile detour through Brindle and the ring road at Coldharbour.'),
 (11, '2026-03-10 16:00+00', 'digest-resend',
  'REGIONAL NEWS AT NOON (REPEAT). ' ||
  'Engineers closed the Kelvin swing bridge in Alderport on Monday after divers found that two of its oak piles had rotted through below the waterline, cutting the shortest road between the harbour and the town centre and sending lorries bound for the container terminal on a twelve-mile detour through Brindle and the ring road at Coldharbour. ' ||
  'The Pellworth Symphony Orchestra has named the Estonian conductor Kadri Saar as its music director from next season, the first woman to hold the post in the orchestra''s ninety-year history. ' ||
  'A hailstorm that lasted barely a quarter of an hour stripped the blossom from most of the cherry orchards around Tarnbury on Sunday evening, and growers said they expected to lose more than half of this summer''s crop.');
UPDATE ru SET fp = newsprint.fingerprint(body);

-- the digest is a version of the stories' leaders by the pair rule (a lead
-- is a third of it): of two at least, which hold no evidence of it in
-- common
SELECT d.id AS digest, l.id AS leader,
	   round(newsprint.containment(d.fp, l.fp)::numeric, 2) AS own_share,
	   newsprint.story_match(d.fp, l.fp, a_time => d.published_at,
							 b_time => l.published_at) IS NOT NULL AS matches
FROM ru d, ru l WHERE d.id = 7 AND l.id IN (1, 3, 5) ORDER BY l.id;

-- batch: the copies join their stories, the update its short first item,
-- the brief its story; the digest and its re-send join none (before, the
-- digest joined the story it carried most of)
CREATE TABLE ru_batch AS
SELECT * FROM newsprint.cluster_stories('ru', order_column => 'published_at');
SELECT r.id, r.truth, b.story, b.score IS NULL AS first_article, b.leads
FROM ru r JOIN ru_batch b USING (id) ORDER BY r.id;

-- at insert time, in publication order: the same stories, and the digests
-- lead none (no leaders row): the brief after the digest joins its story,
-- not the digest that quotes it whole
CREATE TABLE ru_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON ru_leaders USING npidx (fp);
CREATE TABLE ru_assigned AS
SELECT id, newsprint.assign_story('ru_leaders', id, fp, published_at) AS story
FROM (SELECT * FROM ru ORDER BY published_at, id) s;
SELECT count(*) AS differences
FROM ru_batch b JOIN ru_assigned a USING (id) WHERE a.story <> b.story;
SELECT story FROM ru_leaders ORDER BY story;
-- the batch's leads are those leaders, round-ups left out
SELECT (SELECT array_agg(id ORDER BY id) FROM ru_batch WHERE leads) =
	   (SELECT array_agg(story ORDER BY story) FROM ru_leaders) AS same_leaders;

-- assigned again (every leader known), the digest is still a round-up
SELECT newsprint.assign_story('ru_leaders', id, fp, published_at) AS story
FROM ru WHERE id IN (7, 9) ORDER BY id;

-- a digest of two stories' leads alone is a round-up too (20); an article
-- that carries the bridge story twice, its copy beside it, is none (21):
-- both leaders' passages there are one
CREATE TABLE ru2 AS SELECT id, published_at, fp FROM ru WHERE id <= 6;
INSERT INTO ru2 VALUES
 (20, '2026-03-10 12:00+00',
  newsprint.fingerprint((SELECT 'IN BRIEF. ' || string_agg(split_part(body, '. ', 1), '. ' ORDER BY id)
						 FROM ru WHERE id IN (1, 3)))),
 (21, '2026-03-10 12:05+00',
  newsprint.fingerprint((SELECT string_agg(body, ' ' ORDER BY id) FROM ru WHERE id IN (1, 2))));
SELECT c.id, c.story
FROM newsprint.cluster_stories('ru2', order_column => 'published_at') c
WHERE c.id >= 20 ORDER BY c.id;

-- a leaders table seeded from a batch run with the recipe of doc/stories.md
-- (the rows that lead), then assign_story() for the next articles: the
-- stories of the batch over them all.  The batch runs over the articles to
-- 13:10 (1-9, the digest among them), the brief of the bridge story (10)
-- and the digest's re-send (11) come after
CREATE TABLE ru_head AS SELECT * FROM ru WHERE id <= 9;
CREATE TABLE ru_seeded (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON ru_seeded USING npidx (fp);
INSERT INTO ru_seeded
SELECT a.id, a.fp, a.published_at
FROM newsprint.cluster_stories('ru_head', order_column => 'published_at') c
JOIN ru_head a ON a.id = c.id
WHERE c.leads;
SELECT story FROM ru_seeded ORDER BY story;
CREATE TABLE ru_next AS
SELECT id, newsprint.assign_story('ru_seeded', id, fp, published_at) AS story
FROM (SELECT * FROM ru WHERE id > 9 ORDER BY published_at, id) s;
SELECT n.id, n.story AS assigned, b.story AS batch
FROM ru_next n JOIN ru_batch b USING (id) ORDER BY n.id;

-- seeded with every first article (score IS NULL, the recipe before the
-- leads column), the table holds the digest as a leader, and the
-- digest's re-send joins it: not the batch's story (the brief, whose
-- subject the digest's lead does not open with, keeps its own)
TRUNCATE ru_seeded;
INSERT INTO ru_seeded
SELECT a.id, a.fp, a.published_at
FROM newsprint.cluster_stories('ru_head', order_column => 'published_at') c
JOIN ru_head a ON a.id = c.id
WHERE c.score IS NULL;
TRUNCATE ru_next;
INSERT INTO ru_next
SELECT id, newsprint.assign_story('ru_seeded', id, fp, published_at)
FROM (SELECT * FROM ru WHERE id > 9 ORDER BY published_at, id) s;
SELECT n.id, n.story AS assigned, b.story AS batch
FROM ru_next n JOIN ru_batch b USING (id) ORDER BY n.id;

-- two stories of one company, both opening with its name (one subject
-- hash) and each ending its lead with the same background clause, and a
-- digest of the two leads that opens with the first: the two leaders
-- hold 4 evidence hashes of the digest in common, and its subject hash.
-- The subject hash is no evidence (the rule's minimum evidence counts
-- none), so the digest is a round-up; before, the two held 5 hashes of
-- it in common and it joined the second story, in both forms
CREATE TABLE ru3 (id bigint PRIMARY KEY, published_at timestamptz, body text,
	fp newsprint.fingerprint);
INSERT INTO ru3 (id, published_at, body) VALUES
 (31, '2026-03-10 07:00+00',
  'Hartwell Mining said on Monday that it would close its Ridgeway colliery in the spring, putting four hundred jobs at risk, after the price of coking coal fell for a third month running and two steel mills in the north cancelled their orders for the year, its largest operation in the Tarn valley. ' ||
  'Union officials said they would ask the government for help with a buyer, and the council said it would open a jobs office in the town square. ' ||
  'The colliery, sunk in 1911, is the last deep mine in the county and supplies the Dunmore coke works.'),
 (32, '2026-03-10 08:00+00',
  'Hartwell Mining has named Joan Pryce, the former head of the Tarnside water board, as its chief executive from July, ending a search of nine months that began when Owen Blakey resigned over a fatal accident at a quarry in Cumbria, its largest operation in the Tarn valley. ' ||
  'Pryce, 52, said she would review every site''s safety plan within a hundred days. ' ||
  'Shares rose four percent in London after the news, and analysts at Fenby Brothers said the choice would reassure the pension funds that hold most of the stock.'),
 (33, '2026-03-10 12:00+00',
  'Hartwell Mining said on Monday that it would close its Ridgeway colliery in the spring, putting four hundred jobs at risk, after the price of coking coal fell for a third month running and two steel mills in the north cancelled their orders for the year, its largest operation in the Tarn valley. ' ||
  'Hartwell Mining has named Joan Pryce, the former head of the Tarnside water board, as its chief executive from July, ending a search of nine months that began when Owen Blakey resigned over a fatal accident at a quarry in Cumbria, its largest operation in the Tarn valley. ' ||
  'In other news, the Alderport harbour board reopened the Kelvin swing bridge after six weeks of repairs to its oak piles.');
UPDATE ru3 SET fp = newsprint.fingerprint(body);
-- the digest matches both leaders, which do not match each other
SELECT newsprint.story_match(d.fp, l.fp, a_time => d.published_at,
							 b_time => l.published_at) IS NOT NULL AS matches
FROM ru3 d, ru3 l WHERE d.id = 33 AND l.id IN (31, 32) ORDER BY l.id;
SELECT newsprint.story_match(m.fp, l.fp, a_time => m.published_at,
							 b_time => l.published_at) IS NULL AS apart
FROM ru3 m, ru3 l WHERE m.id = 32 AND l.id = 31;
SELECT id, story, leads
FROM newsprint.cluster_stories('ru3', order_column => 'published_at') ORDER BY id;
CREATE TABLE ru3_leaders (LIKE ru_leaders INCLUDING ALL);
SELECT id, newsprint.assign_story('ru3_leaders', id, fp, published_at) AS story
FROM ru3 ORDER BY published_at, id;
SELECT story FROM ru3_leaders ORDER BY story;

-- min_shared under the minimum evidence (5 shared hashes in version 2,
-- which the rule asks of every pair) is that minimum: the round-up test,
-- which asks the minimum evidence, is the same at min_shared 1 as at 5
SELECT (SELECT array_agg(row(id, story, score, leads) ORDER BY id)
		FROM newsprint.cluster_stories('ru', order_column => 'published_at',
									   min_shared => 1)) =
	   (SELECT array_agg(row(id, story, score, leads) ORDER BY id)
		FROM newsprint.cluster_stories('ru', order_column => 'published_at',
									   min_shared => 5)) AS same_stories,
	   (SELECT count(*) FILTER (WHERE id = story AND NOT leads)
		FROM newsprint.cluster_stories('ru', order_column => 'published_at',
									   min_shared => 1)) AS roundups;

-- a summary of the day's news quotes stories of the day before too: the
-- bridge story's leader is within the window of the digest (44), the
-- orchestra's 34 hours before it, out of the window (20 hours) but within
-- the round-up reach (two windows), the orchard's 52 hours before, beyond
-- it.  The digest of the bridge and the orchestra is a round-up (before,
-- it joined the bridge story, the only leader within the window that it
-- matched), in both forms; the digest of the bridge and the orchard joins
-- the bridge story (the reach is bounded); a copy of the bridge story
-- joins it
CREATE TABLE ru4 (id bigint PRIMARY KEY, published_at timestamptz,
	fp newsprint.fingerprint);
INSERT INTO ru4
SELECT 40 + id / 2 + 1, t::timestamptz, fp
FROM ru, (VALUES (1, '2026-03-11 08:00+00'), (3, '2026-03-10 00:00+00'),
				 (5, '2026-03-09 06:00+00')) v(src, t)
WHERE ru.id = v.src;
INSERT INTO ru4 VALUES
 (44, '2026-03-11 10:00+00',
  newsprint.fingerprint((SELECT 'WORLD NEWS SUMMARY. ' || string_agg(split_part(body, '. ', 1), '. ' ORDER BY id)
						 FROM ru WHERE id IN (1, 3)))),
 (45, '2026-03-11 10:05+00',
  newsprint.fingerprint((SELECT 'WORLD NEWS SUMMARY. ' || string_agg(split_part(body, '. ', 1), '. ' ORDER BY id)
						 FROM ru WHERE id IN (1, 5)))),
 (46, '2026-03-11 11:00+00', (SELECT fp FROM ru WHERE id = 2));
-- the digests match each leader by the rule as if within the window
SELECT d.id AS digest, l.id AS leader,
	   extract(epoch FROM d.published_at - l.published_at) / 3600 AS hours,
	   newsprint.story_match(d.fp, l.fp, a_time => d.published_at,
							 b_time => d.published_at) IS NOT NULL AS matches
FROM ru4 d, ru4 l WHERE d.id IN (44, 45) AND l.id IN (41, 42, 43)
ORDER BY d.id, l.id;
CREATE TABLE ru4_batch AS
SELECT * FROM newsprint.cluster_stories('ru4', order_column => 'published_at');
SELECT id, story, leads FROM ru4_batch ORDER BY id;
CREATE TABLE ru4_leaders (LIKE ru_leaders INCLUDING ALL);
CREATE TABLE ru4_assigned AS
SELECT id, newsprint.assign_story('ru4_leaders', id, fp, published_at) AS story
FROM (SELECT * FROM ru4 ORDER BY published_at, id) s;
SELECT a.id, a.story AS assigned, b.story AS batch
FROM ru4_assigned a JOIN ru4_batch b USING (id) ORDER BY a.id;
SELECT story FROM ru4_leaders ORDER BY story;
