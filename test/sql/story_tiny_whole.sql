--
-- A tiny pair whose smaller side is nearly whole in the other
-- (doc/stories.md, "Trimmed copies and updates of short items";
-- stories.h, STORY_TINY_WHOLE).  A newspaper's trimmed copy of a short
-- story and an update that keeps a short first take whole resemble their
-- partner little (similarity under tiny_similarity, 0.6), so the tiny rule
-- refused them; within the time window they now join, when their names and
-- figures agree.  The guards of the tiny rule still hold: another
-- company's notice in the same formula (other names and figures), and the
-- next week's item of a recurring series (the window; without a time test
-- the pair is asked to resemble, as before).
--
SET client_min_messages = warning;
CREATE TABLE whole (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp newsprint.fingerprint);
INSERT INTO whole (id, name, published_at, body) VALUES
  (1, 'water_story', '2026-06-01 09:00+00',
   'A county judge on Monday ordered the Harwick water board to stop raising rates until it publishes an audit of its pipe replacement fund, siding with a group of residents who said the board had spent the money on office renovations. Judge Elena Marsh gave the board sixty days to produce the audit and said any increase approved before then would be refunded to customers. The chairman of the board, Victor Lane, said the ruling was disappointing and that the board would consider an appeal. Residents packed the courtroom and applauded when the order was read.'),
  (2, 'water_trimmed', '2026-06-01 17:30+00',
   'HARWICK - A county judge on Monday ordered the Harwick water board to stop raising rates until it publishes an audit of its pipe replacement fund. The judge gave the board sixty days to produce the audit.'),
  (3, 'rail_first_take', '2026-06-04 07:10+00',
   'Flooding closed the main rail line between Dunmore and Kelso on Thursday morning after the river burst its banks near the Carrick viaduct, the rail operator said. Buses are replacing trains on the route while engineers inspect the damage.'),
  (4, 'rail_update', '2026-06-04 12:40+00',
   'Flooding closed the main rail line between Dunmore and Kelso on Thursday morning after the river burst its banks near the Carrick viaduct, the rail operator said. Buses are replacing trains on the route while engineers inspect the damage. Engineers who reached the viaduct at midday found water flowing over the tracks and said the line would stay shut at least until Saturday. About 9,000 passengers use the line on a weekday, most of them commuters travelling to Dunmore. The operator advised travellers to allow an extra hour for journeys.'),
  (5, 'brenmoor_dividend', '2026-06-02 13:00+00',
   'Brenmoor Textiles said its board declared a quarterly dividend of 18 cents a share, payable to shareholders of record at the end of the month, unchanged from the previous quarter, and approved a plan to buy back shares over the next two years.'),
  (6, 'ostrava_dividend', '2026-06-02 15:00+00',
   'Ostrava Paper said its board declared a quarterly dividend of 26 cents a share, payable to shareholders of record at the end of the month, unchanged from the previous quarter, and approved a plan to buy back shares over the next two years. The company also said it would close its mill in Tarnby by the end of the year and move production to its larger plant in Selm, cutting about 140 jobs.'),
  (7, 'rigs_week_1', '2026-06-05 08:30+00',
   'The number of rigs drilling for oil and natural gas in Castellan fell by two this week to 612, oilfield services company Baxter Field Services said on Friday. A year ago there were 655 active rigs.'),
  (8, 'rigs_week_2', '2026-06-12 08:30+00',
   'The number of rigs drilling for oil and natural gas in Castellan fell by two this week to 610, oilfield services company Baxter Field Services said on Friday. A year ago there were 655 active rigs. Among the provinces, Llano Alto lost three rigs and Costa Seca gained one.');
UPDATE whole SET fp = newsprint.fingerprint(body);

-- every pair of interest, the later item against the earlier: tiny (either
-- under 40 evidence shingles), the sampled hashes with the name bit (a name
-- or a figure) that the two share and that the side with fewer holds, the
-- similarity, the share of the smaller sample found in the other, and
-- story_match() given the items' times, given one time for both (no window
-- between them), without the name tests of the rule (min_named => 0) at
-- one time, and without times.  The other company's notice is nearly
-- whole in the first (the formula) but shares none of its named hashes
-- (the amount); is_same_story's own names rule for a brief refuses it too,
-- whatever min_named.  The next week's item joins only at one time: the
-- window parts the days of a series
CREATE FUNCTION named(fp newsprint.fingerprint) RETURNS SETOF bigint
LANGUAGE sql AS $$ SELECT h FROM unnest(newsprint.npidx_keys(fp)) h WHERE h & 1 = 1 $$;
SELECT b.name AS article, a.name AS leader,
	   least(newsprint.shingle_count(a.fp), newsprint.shingle_count(b.fp)) < 40 AS tiny,
	   (SELECT count(*) FROM (SELECT named(a.fp) INTERSECT SELECT named(b.fp)) s) AS named_shared,
	   least((SELECT count(*) FROM named(a.fp)), (SELECT count(*) FROM named(b.fp))) AS named_fewer,
	   round(newsprint.similarity(a.fp, b.fp)::numeric, 2) AS similarity,
	   round(greatest(newsprint.containment(a.fp, b.fp),
					  newsprint.containment(b.fp, a.fp))::numeric, 2) AS smaller_in_other,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
								   b_time => a.published_at)::numeric, 3) AS timed,
	   round(newsprint.story_match(b.fp, a.fp, a_time => a.published_at,
								   b_time => a.published_at)::numeric, 3) AS one_time,
	   round(newsprint.story_match(b.fp, a.fp, min_named => 0, a_time => a.published_at,
								   b_time => a.published_at)::numeric, 3) AS one_time_no_names,
	   round(newsprint.story_match(b.fp, a.fp)::numeric, 3) AS untimed
  FROM whole a JOIN whole b ON (a.id, b.id) IN ((1, 2), (3, 4), (5, 6), (7, 8))
 ORDER BY a.id;

-- the batch form in publication order: the trimmed copy and the update
-- join their stories; the other company's notice and the next week's item
-- lead their own
SELECT w.name, s.name AS story
  FROM newsprint.cluster_stories('whole', order_column => 'published_at') c
  JOIN whole w ON w.id = c.id JOIN whole s ON s.id = c.story
 ORDER BY w.id;

-- without a time order (no time test): as before, each tiny pair must
-- resemble
SELECT w.name, s.name AS story
  FROM newsprint.cluster_stories('whole') c
  JOIN whole w ON w.id = c.id JOIN whole s ON s.id = c.story
 ORDER BY w.id;

-- at insert time, in publication order: the batch's stories (the index
-- search of a tiny article finds a leader that holds it nearly whole)
CREATE TABLE whole_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON whole_leaders USING npidx (fp);
SELECT w.name, s.name AS story
  FROM (SELECT id, newsprint.assign_story('whole_leaders', id, fp, published_at) AS story
		  FROM whole ORDER BY published_at, id) c
  JOIN whole w ON w.id = c.id JOIN whole s ON s.id = c.story
 ORDER BY w.id;

-- and in the other order of arrival (the window compares the times either
-- way): the story led by the trimmed copy takes its longer source, and the
-- update's story its short first take
TRUNCATE whole_leaders;
SELECT w.name, s.name AS story
  FROM (SELECT id, newsprint.assign_story('whole_leaders', id, fp, published_at) AS story
		  FROM whole ORDER BY id DESC) c
  JOIN whole w ON w.id = c.id JOIN whole s ON s.id = c.story
 ORDER BY w.id;

DROP TABLE whole, whole_leaders;
DROP FUNCTION named(newsprint.fingerprint);
