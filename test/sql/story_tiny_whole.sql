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
-- a round-up that carries the first take whole among other items: long
-- (150 evidence shingles or more), so no short partner of it
CREATE TABLE roundup (id bigint PRIMARY KEY, published_at timestamptz, fp newsprint.fingerprint);
INSERT INTO roundup VALUES (9, '2026-06-04 18:00+00', newsprint.fingerprint(
  'Travel disruption across the north on Thursday, in brief. Flooding closed the main rail line between Dunmore and Kelso on Thursday morning after the river burst its banks near the Carrick viaduct, the rail operator said. Buses are replacing trains on the route while engineers inspect the damage. '
  'On the roads, a lorry that shed its load of timber blocked both lanes of the coast road south of Ardlow for most of the afternoon, and police warned drivers to expect long queues into the evening. '
  'Ferry crossings from Port Edwin to the islands were cancelled for a second day because of high winds, with the operator promising extra sailings once the weather eases on Saturday. '
  'At the airport, two morning flights to the capital were delayed by fog that lingered over the runway until late in the morning, although no departures were cancelled. '
  'Power cuts left about three thousand homes in the hill villages without electricity overnight after falling branches brought down lines, and the network company said engineers expected to reconnect most of them by Friday lunchtime. '
  'Schools in the valley stayed open, but the council asked parents to check its website before setting out in the morning.'::text));

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

-- the round-up against the first take: the first take is whole in it,
-- but the round-up is no short item, so the two do not match
SELECT newsprint.shingle_count(r.fp) >= 150 AS long,
	   round(newsprint.containment(w.fp, r.fp)::numeric, 2) AS first_take_in_roundup,
	   newsprint.story_match(r.fp, w.fp, a_time => r.published_at,
							 b_time => w.published_at) AS timed
  FROM roundup r, whole w WHERE w.name = 'rail_first_take';
DROP TABLE roundup;

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

-- with tiny_similarity under 0.54 a tiny pair that resembles may hold
-- under the 0.7 of the brief that is_same_story asks: the second take of a
-- first take (the same first sentence, another second), similarity 0.46,
-- 0.64 of either in the other.  assign_story() then searches the leaders
-- of a tiny article with is_similar as well, and finds the batch's story
CREATE TABLE takes (id bigint PRIMARY KEY, published_at timestamptz, fp newsprint.fingerprint);
INSERT INTO takes VALUES
  (1, '2026-06-04 07:10+00', newsprint.fingerprint('Flooding closed the main rail line between Dunmore and Kelso on Thursday morning after the river burst its banks near the Carrick viaduct, the rail operator said. Buses are replacing trains on the route while engineers inspect the damage.'::text)),
  (2, '2026-06-04 07:40+00', newsprint.fingerprint('Flooding closed the main rail line between Dunmore and Kelso on Thursday morning after the river burst its banks near the Carrick viaduct, the rail operator said. Passengers were told to expect no trains until the weekend at the earliest.'::text));
SELECT round(newsprint.similarity(a.fp, b.fp)::numeric, 2) AS similarity,
	   newsprint.is_same_story(b.fp, a.fp, 0.5) AS same_story,
	   round(newsprint.story_match(b.fp, a.fp, tiny_similarity => 0.4, a_time => b.published_at,
								   b_time => a.published_at)::numeric, 3) AS joins_at_04
  FROM takes a, takes b WHERE a.id = 1 AND b.id = 2;
SELECT id, story FROM newsprint.cluster_stories('takes', order_column => 'published_at',
												tiny_similarity => 0.4) ORDER BY id;
CREATE TABLE takes_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON takes_leaders USING npidx (fp);
SELECT id, newsprint.assign_story('takes_leaders', id, fp, published_at,
								  tiny_similarity => 0.4) AS story
  FROM takes ORDER BY published_at;

-- a longer article forms a tiny pair with a tiny leader too: with
-- tiny_shingles 29 the first take (29 evidence shingles, its subject's
-- included) is no longer tiny, the second (28) still is; the first take,
-- sent again after the second, joins the second take's story in story_match() and the batch,
-- and assign_story() finds that leader with is_similar as well
CREATE TABLE takes_again AS
SELECT id, published_at + (2 - id) * interval '1 hour' AS published_at, fp FROM takes;
SELECT id, newsprint.shingle_count(fp), published_at FROM takes_again ORDER BY id;
SELECT round(newsprint.story_match(a.fp, b.fp, tiny_shingles => 29, tiny_similarity => 0.4,
								   a_time => a.published_at, b_time => b.published_at)::numeric, 3)
		 AS joins_at_04
  FROM takes_again a, takes_again b WHERE a.id = 1 AND b.id = 2;
SELECT id, story FROM newsprint.cluster_stories('takes_again', order_column => 'published_at',
												tiny_shingles => 29, tiny_similarity => 0.4)
 ORDER BY id;
TRUNCATE takes_leaders;
SELECT id, newsprint.assign_story('takes_leaders', id, fp, published_at,
								  tiny_shingles => 29, tiny_similarity => 0.4) AS story
  FROM takes_again ORDER BY published_at;
DROP TABLE takes_again;

-- tiny_similarity at its lower bound: the search of a tiny article's
-- leaders stays a valid threshold of is_same_story, and the two takes,
-- which resemble at any similarity above 0, make one story as in the batch
SELECT id, story FROM newsprint.cluster_stories('takes', order_column => 'published_at',
												tiny_similarity => 1e-10) ORDER BY id;
TRUNCATE takes_leaders;
SELECT id, newsprint.assign_story('takes_leaders', id, fp, published_at,
								  tiny_similarity => 1e-10) AS story
  FROM takes ORDER BY published_at;
DROP TABLE takes, takes_leaders;

-- the story of each item of a table (id, name, published_at, fp) in the
-- batch and by assign_story() in publication order, named by its leader
CREATE FUNCTION stories_of(items regclass)
RETURNS TABLE (name text, batch text, assigned text)
LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	CREATE TEMP TABLE of_leaders (story bigint PRIMARY KEY,
		fp newsprint.fingerprint NOT NULL, published_at timestamptz);
	CREATE INDEX ON of_leaders USING npidx (fp);
	CREATE TEMP TABLE of_assigned (id bigint, story bigint);
	FOR r IN EXECUTE format('SELECT id, fp, published_at FROM %s ORDER BY published_at, id',
							items) LOOP
		INSERT INTO of_assigned
		VALUES (r.id, newsprint.assign_story('of_leaders', r.id, r.fp, r.published_at));
	END LOOP;
	RETURN QUERY EXECUTE format(
		'SELECT w.name, b.name, a.name
		   FROM newsprint.cluster_stories(%L, order_column => ''published_at'') c
		   JOIN of_assigned x ON x.id = c.id
		   JOIN %2$s w ON w.id = c.id JOIN %2$s b ON b.id = c.story
		   JOIN %2$s a ON a.id = x.story
		  ORDER BY w.id', items::text, items);
	DROP TABLE of_leaders, of_assigned;
END
$$;

-- the share itself (STORY_TINY_WHOLE, 0.7, is_same_story's share of a
-- brief): three updates of the rail first take (29 evidence shingles),
-- each with the same added paragraphs, keeping 0.83 of the first take (the
-- words "on the route" cut), 0.72 (its second sentence reworded: an update
-- that rewrites a sentence of a short first take, as wire set 4's quake
-- update keeps 0.77 of its first take) and 0.62 (the attribution of the
-- first sentence reworded too); within the window the first two join, the
-- third, which resembles as little, does not, with or without the name
-- tests; the batch and assign_story() agree
CREATE TABLE shares (id bigint PRIMARY KEY, name text, published_at timestamptz,
	fp newsprint.fingerprint);
INSERT INTO shares VALUES
  (1, 'first_take', '2026-06-04 07:10+00', newsprint.fingerprint('Flooding closed the main rail line between Dunmore and Kelso on Thursday morning after the river burst its banks near the Carrick viaduct, the rail operator said. Buses are replacing trains on the route while engineers inspect the damage.'::text)),
  (2, 'update_keeps_082', '2026-06-04 12:40+00', newsprint.fingerprint('Flooding closed the main rail line between Dunmore and Kelso on Thursday morning after the river burst its banks near the Carrick viaduct, the rail operator said. Buses are replacing trains while engineers inspect the damage. Engineers who reached the viaduct at midday found water flowing over the tracks and said the line would stay shut at least until Saturday. About 9,000 passengers use the line on a weekday, most of them commuters travelling to Dunmore. The operator advised travellers to allow an extra hour for journeys.'::text)),
  (3, 'update_keeps_071', '2026-06-04 12:50+00', newsprint.fingerprint('Flooding closed the main rail line between Dunmore and Kelso on Thursday morning after the river burst its banks near the Carrick viaduct, the rail operator said. Buses replaced trains on the route on Thursday while engineers looked at the damage. Engineers who reached the viaduct at midday found water flowing over the tracks and said the line would stay shut at least until Saturday. About 9,000 passengers use the line on a weekday, most of them commuters travelling to Dunmore. The operator advised travellers to allow an extra hour for journeys.'::text)),
  (4, 'update_keeps_062', '2026-06-04 13:00+00', newsprint.fingerprint('Flooding closed the main rail line between Dunmore and Kelso on Thursday morning after the river burst its banks near the Carrick viaduct, the operator said. Buses replaced trains on the route on Thursday while engineers looked at the damage. Engineers who reached the viaduct at midday found water flowing over the tracks and said the line would stay shut at least until Saturday. About 9,000 passengers use the line on a weekday, most of them commuters travelling to Dunmore. The operator advised travellers to allow an extra hour for journeys.'::text));
SELECT b.name, newsprint.shingle_count(b.fp) < 150 AS short,
	   round(newsprint.similarity(a.fp, b.fp)::numeric, 2) AS similarity,
	   round(newsprint.containment(a.fp, b.fp)::numeric, 2) AS first_take_in_it,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
								   b_time => a.published_at)::numeric, 3) AS timed,
	   round(newsprint.story_match(b.fp, a.fp, min_named => 0, a_time => b.published_at,
								   b_time => a.published_at)::numeric, 3) AS timed_no_names
  FROM shares a, shares b WHERE a.id = 1 AND b.id > 1 ORDER BY b.id;
SELECT * FROM stories_of('shares');
DROP TABLE shares;

-- the subject (fp_evidence.c): two companies' prose dividend notices with
-- the same amount and dates, the shorter wholly in the longer, whose
-- company names stand before "said" (no evidence) but open their leads.
-- Nearly whole, resembling little, their names and figures agreeing: the
-- subjects, which differ, part them within the window as without it, in
-- story_match(), the batch and assign_story()
CREATE TABLE notices (id bigint PRIMARY KEY, name text, published_at timestamptz,
	fp newsprint.fingerprint);
INSERT INTO notices VALUES
  (1, 'thornbury', '2026-06-04 14:05+00', newsprint.fingerprint('Thornbury Mills Corp said its directors approved a regular quarterly dividend of 18 cts a share, payable December 3 to holders of record November 12.'::text)),
  (2, 'quillan', '2026-06-04 14:20+00', newsprint.fingerprint('Quillan Freight Co said its directors approved a regular quarterly dividend of 18 cts a share, payable December 3 to holders of record November 12. The company said it also approved a plan to buy back up to one million of its shares over the next year.'::text));
SELECT b.name, newsprint.shingle_count(b.fp) < 150 AS short,
	   round(newsprint.similarity(a.fp, b.fp)::numeric, 2) AS similarity,
	   round(newsprint.containment(a.fp, b.fp)::numeric, 2) AS first_in_it,
	   newsprint.is_same_story(b.fp, a.fp, 0.5) AS same_story,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
								   b_time => a.published_at)::numeric, 3) AS timed,
	   round(newsprint.story_match(b.fp, a.fp, min_named => 0, a_time => b.published_at,
								   b_time => a.published_at)::numeric, 3) AS timed_no_names
  FROM notices a, notices b WHERE a.id = 1 AND b.id = 2;
SELECT * FROM stories_of('notices');
DROP TABLE notices;
DROP FUNCTION stories_of(regclass);
