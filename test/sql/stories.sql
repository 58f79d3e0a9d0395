--
-- stories: cluster_stories() (batch), assign_story() and story_trigger()
-- (at insert time), story_match() (the rule for one pair)
--
SET client_min_messages = warning;
-- The batch and assign_story() are compared here with the rule applied to
-- every pair (story_match(), brute_fill, rule_match), which cannot count
-- the leaders that hold a hash, and rule_match() reuses a leaders table
-- whose deleted rows the index still counts: the test of passages many
-- stories carry is off (test/sql/story_common.sql has it)
SET newsprint.story_common_holders = 0;

-- the demo sample: 60 wire stories with their newspaper versions, and
-- Wikinews articles, some republished (test/data/stories/README.md)
CREATE TABLE sample (id bigint PRIMARY KEY, outlet text, published_at timestamptz,
	kind text, label text, truth text, source text, body text);
\copy sample FROM 'test/data/stories/articles.tsv'
ALTER TABLE sample ADD COLUMN fp newsprint.fingerprint;
UPDATE sample SET fp = newsprint.fingerprint(body);
SELECT count(*) AS articles, count(DISTINCT truth) AS planted_stories FROM sample;

CREATE TABLE batch AS
SELECT * FROM newsprint.cluster_stories('sample', order_column => 'published_at');
-- leads_right: a row that leads is its story's first article (id = story),
-- or the write-through that took the story over from its URGENT one-liner,
-- which then leads no more (story_urgent.sql)
SELECT count(*) AS articles, count(DISTINCT story) AS stories,
	   count(*) FILTER (WHERE id = story) AS leaders,
	   count(*) FILTER (WHERE (id = story) = (score IS NULL)) AS scored_right,
	   count(*) FILTER (WHERE leads) AS leading,
	   count(*) FILTER (WHERE NOT leads OR id = story OR
						story IN (SELECT id FROM batch WHERE NOT leads)) AS leads_right
FROM batch;

-- the rule applied to every pair, without the index's pruning, within
-- the default time window (20 hours): the same stories (this also checks the
-- pruning bounds of story_rule.c)
-- rule_match(x, l, timed): the evidence with which x would join the story
-- led by l, or NULL, by the rule for one pair.  Without a time test (timed
-- false: no window, or a time unknown) that is story_match(), which has no
-- times.  With one (both times known and within the window) the rule does
-- not ask two short items to agree in their names and figures
-- (doc/stories.md, "Recurring items"), nor a partial version that is not low
-- to share min_named names, one is enough ("A partial version without a
-- time test", "House formulas in a partial version"), and it takes a tiny
-- pair of two short items whose smaller side is nearly whole in the other
-- ("Trimmed copies and updates of short items"): it accepts what
-- story_match() accepts and may accept more, never more than story_match()
-- given one time for both without the name tests (min_named => 0); such a
-- pair is asked of assign_story() with a leaders table holding l alone, at
-- one time for both.  near false: the times are 21 hours apart, within a
-- 2-day window but further apart than a partial version may be
-- (STORY_PARTIAL_REACH, 20 hours): the follow-up test keeps a pair that
-- shares 30 hashes or more apart
CREATE TABLE pair_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON pair_leaders USING npidx (fp);
CREATE FUNCTION rule_match(x newsprint.fingerprint, l newsprint.fingerprint, timed boolean,
						   near boolean DEFAULT true)
RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	m float8 := newsprint.story_match(x, l);
	xt timestamptz := '2026-01-01 00:00+00'::timestamptz +
		CASE WHEN near THEN interval '0' ELSE interval '21 hours' END;
BEGIN
	IF m IS NOT NULL OR NOT timed THEN
		RETURN m;
	END IF;
	m := newsprint.story_match(x, l, min_named => 0, a_time => xt,
							   b_time => '2026-01-01 00:00+00', time_window => '2 days');
	IF m IS NULL THEN
		RETURN NULL;
	END IF;
	DELETE FROM pair_leaders;
	INSERT INTO pair_leaders VALUES (0, l, '2026-01-01 00:00+00');
	IF newsprint.assign_story('pair_leaders', 1, x, xt, time_window => '2 days') = 0 THEN
		RETURN m;
	END IF;
	RETURN NULL;
END
$$;
-- brute_fill(src, dst): the leader rule applied to every pair, in
-- publication order, within the default window of 20 hours (story_match()
-- given the pair's times; on the shuffled sample below it is checked
-- against rule_match() and a window written in SQL): each article of src
-- joins the leader it matches best (story_match, then similarity, then the
-- earliest) or leads, a leader within the window before one out of it (a
-- late copy); one row a article into dst (id, story).  No article of the
-- sample is a round-up in this order (doc/stories.md, "Round-ups"): the
-- shuffled check below applies that part of the rule too
CREATE FUNCTION brute_fill(src regclass, dst regclass) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	a record;
	s bigint;
BEGIN
	FOR a IN EXECUTE format('SELECT id, fp, published_at FROM %s ORDER BY published_at, id', src) LOOP
		EXECUTE format($q$
			SELECT l.id
			FROM %s l JOIN %s b ON b.id = l.id AND b.story = l.id,
				 LATERAL newsprint.story_match($1, l.fp, a_time => $2,
											   b_time => l.published_at) m
			WHERE m IS NOT NULL
			ORDER BY l.published_at BETWEEN $2 - interval '20 hours' AND $2 + interval '20 hours' DESC,
					 m DESC, newsprint.similarity($1, l.fp) DESC, l.published_at, l.id
			LIMIT 1$q$, src, dst)
			INTO s USING a.fp, a.published_at;
		EXECUTE format('INSERT INTO %s VALUES ($1, $2)', dst)
			USING a.id, coalesce(s, a.id);
	END LOOP;
END
$$;
CREATE TABLE brute (id bigint, story bigint);
SELECT brute_fill('sample', 'brute');
SELECT count(*) AS differences
FROM batch FULL JOIN brute USING (id)
WHERE batch.story IS DISTINCT FROM brute.story;

-- stories that mix planted stories.  Version 2's is_same_story (default
-- 0.12) lets some independent reports of a wire story's event join it (they
-- quote the same hearing, at 0.12-0.18 of shared running text), and
-- Wikinews follow-ups that repeat an earlier article's background
-- paragraphs join that article; but no story may mix two events of the
-- rewrite set, or a rewrite-set article with a Wikinews one (that would be
-- chaining or a formula match)
SELECT count(*) AS mixed_stories,
	   count(*) FILTER (WHERE events > 1) AS mixed_events,
	   count(*) FILTER (WHERE wikinews AND NOT rewrites) AS wikinews_follow_ups,
	   count(*) FILTER (WHERE rewrites AND NOT wikinews AND events = 1) AS independent_reports_joined
FROM (SELECT b.story,
			 count(DISTINCT substring(s.truth FROM '^R[0-9]+|^W')) AS events,
			 bool_or(s.truth LIKE 'W%') AS wikinews,
			 bool_or(s.truth LIKE 'R%') AS rewrites
	  FROM batch b JOIN sample s USING (id)
	  GROUP BY b.story HAVING count(DISTINCT s.truth) > 1) m;

-- at insert time, in publication order: the same stories
CREATE TABLE story_leaders (story bigint PRIMARY KEY,
	fp newsprint.fingerprint NOT NULL, published_at timestamptz);
CREATE INDEX ON story_leaders USING npidx (fp);
CREATE TABLE incoming (LIKE sample);
ALTER TABLE incoming ADD COLUMN story bigint;
INSERT INTO incoming
SELECT s.*, newsprint.assign_story('story_leaders', s.id, s.fp, s.published_at)
FROM sample s ORDER BY s.published_at, s.id;
SELECT count(*) AS differences
FROM batch b JOIN incoming i USING (id)
WHERE b.story IS DISTINCT FROM i.story;
SELECT (SELECT count(*) FROM story_leaders) = (SELECT count(DISTINCT story) FROM batch)
	AS leaders_are_stories,
	   (SELECT array_agg(story ORDER BY story) FROM story_leaders) =
	   (SELECT array_agg(story ORDER BY story) FROM batch WHERE leads) AS leaders_lead;

-- the lookups use the index
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT story FROM story_leaders WHERE newsprint.is_same_story(fp, (SELECT fp FROM sample WHERE id = 1), 0.6);
RESET enable_seqscan;

-- assigning again adds no leader; an article may now find a leader that
-- came after it (doc/stories.md, "batch and incremental")
SELECT count(*) AS differences
FROM incoming i
WHERE newsprint.assign_story('story_leaders', i.id, i.fp, i.published_at) <> i.story;
SELECT count(*) AS leaders FROM story_leaders;

-- the trigger, on a partitioned table, in publication order
CREATE TABLE triggered (id bigint, published_at timestamptz, fp newsprint.fingerprint,
	story bigint) PARTITION BY RANGE (published_at);
CREATE TABLE triggered_1 PARTITION OF triggered FOR VALUES FROM (MINVALUE) TO ('2026-11-09');
CREATE TABLE triggered_2 PARTITION OF triggered FOR VALUES FROM ('2026-11-09') TO (MAXVALUE);
CREATE TABLE trigger_leaders (LIKE story_leaders INCLUDING ALL);
CREATE TRIGGER set_story BEFORE INSERT ON triggered
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('trigger_leaders');
INSERT INTO triggered SELECT id, published_at, fp FROM sample ORDER BY published_at, id;
SELECT count(*) AS differences
FROM batch b JOIN triggered t USING (id)
WHERE b.story IS DISTINCT FROM t.story;
-- the batch form reads the partitioned table the same way
SELECT count(*) AS differences
FROM batch b
FULL JOIN newsprint.cluster_stories('triggered', order_column => 'published_at') c USING (id)
WHERE b.story IS DISTINCT FROM c.story;

-- a round-up quoting three stories merges none of them, where single
-- linkage (0.1) would chain all four, and joins none: it matches the
-- leaders of two or more, which hold separate passages of it, and starts a
-- story that it does not lead (doc/stories.md, "Round-ups"; more in
-- story_roundup.sql)
CREATE TABLE roundup (id bigint, body text, fp newsprint.fingerprint);
INSERT INTO roundup (id, body) VALUES
  (1, 'Firefighters spent the night damping down a blaze that destroyed a timber yard on the edge of Hexham, sending a column of smoke across the Tyne valley. Nobody was hurt, the fire service said, but residents of two nearby streets were told to keep their windows closed until the morning.'),
  (2, 'A rare copy of a seventeenth-century atlas, missing from a cathedral library for almost forty years, has been returned anonymously in a padded envelope addressed to the chapter clerk. The librarian said the maps were in remarkably good condition and would go back on display after the spring.'),
  (3, 'Commuters on the coastal line face a fortnight of replacement buses after engineers found that a sea wall near Dawlish had been undermined by the winter storms. The operator apologised for the disruption and promised extra staff at the affected stations from Monday.'),
  (4, 'In brief. ' ||
	  'Firefighters spent the night damping down a blaze that destroyed a timber yard on the edge of Hexham, sending a column of smoke across the Tyne valley. Nobody was hurt, the fire service said, but residents of two nearby streets were told to keep their windows closed until the morning. ' ||
	  'A rare copy of a seventeenth-century atlas, missing from a cathedral library for almost forty years, has been returned anonymously in a padded envelope addressed to the chapter clerk. The librarian said the maps were in remarkably good condition and would go back on display after the spring. ' ||
	  'Commuters on the coastal line face a fortnight of replacement buses after engineers found that a sea wall near Dawlish had been undermined by the winter storms. The operator apologised for the disruption and promised extra staff at the affected stations from Monday.');
UPDATE roundup SET fp = newsprint.fingerprint(body);
SELECT a.id, b.id, newsprint.is_same_story(a.fp, b.fp) AS same_story
FROM roundup a JOIN roundup b ON a.id < b.id ORDER BY 1, 2;
SELECT id, story FROM newsprint.cluster_stories('roundup') ORDER BY id;

-- names in a low link: two reports built on the same sentence frames
-- (a plant closure: "... said on ... that it would close its plant in ...")
-- with other companies, people and figures (1 and 2) share 40 evidence
-- shingles, a quarter of each, but no hash with the name bit (a name or a
-- figure: NP_FP_NAME_BIT), so they are two stories; with min_named => 0
-- (the rule before the name test) they were one.  A partial rewrite of 1
-- (3) shares as much of it, names included, and joins it.  2 and 3 share
-- one frame sentence of 2's lead, in one place of 3: a lead quoted, not
-- same_story at all (fp_quote.sql), so no min_named joins them.
CREATE TABLE frames (id bigint, body text, fp newsprint.fingerprint);
INSERT INTO frames (id, body) VALUES
 (1, 'Acme Tools said on Tuesday that it would close its plant in Harwick by the end of next year, putting about 400 jobs at risk, as weak demand left the factory running well below capacity. ' ||
     'Union officials said they were shocked by the decision and would press the management for talks on redundancy terms and on moving some of the work to other sites. ' ||
     'Jane Porter, the chief executive, said the closure was painful but necessary and that the group would spend the savings on new lines at its larger factory in Dunmore. ' ||
     'Local councillors called the news a heavy blow to a town that has already lost two major employers in the past decade and urged ministers to step in. ' ||
     'Acme was founded in Harwick by the Ellison family in 1921 and built its first lathes in a converted tannery beside the Ouse. ' ||
     'Shares in Acme rose two per cent in Frankfurt after the announcement, with analysts at Brandt Securities saying the move would lift margins within eighteen months. ' ||
     'Tom Reddick, who has worked on the Harwick assembly line for thirty years, said most of his colleagues had expected the news since the spring.'),
 (2, 'Borel Foods said on Friday that it would close its plant in Linton by the end of next year, putting about 250 jobs at risk, as weak demand left the factory running well below capacity. ' ||
     'Marc Delage, the chief executive, said the closure was painful but necessary and that the group would spend the savings on new lines at its larger factory in Rennes. ' ||
     'Borel makes biscuits and cereal bars for supermarket own brands and has struggled since a contract with Halvers ended last winter. ' ||
     'Its bakery in Linton, opened in 1987, employs many families from the surrounding villages, and the local bus company runs an early shift service for its workers. ' ||
     'A spokesman for Borel declined to say whether any buyer had shown interest in the site or in the brands made there. ' ||
     'Growers who supply oats and honey to the bakery fear they will struggle to find another customer nearby, and one said she would have to sell part of her herd. ' ||
     'The regional development agency said it had offered grants for retraining and would hold a jobs fair at the Linton leisure centre next month.'),
 (3, 'The Harwick toolmaker Acme Tools is to shut its factory in the town, with about 400 jobs going, it announced on Tuesday. ' ||
     'Jane Porter, the chief executive, said the closure was painful but necessary and that the group would spend the savings on new lines at its larger factory in Dunmore. ' ||
     'Acme was founded in Harwick by the Ellison family in 1921 and built its first lathes in a converted tannery beside the Ouse. ' ||
     'Workers leaving the afternoon shift gathered at the gates to talk over what they had been told at a short meeting in the canteen. ' ||
     'Several said they feared there would be little other skilled work within an hour of travel, and that younger staff would move away. ' ||
     'The mayor said the council would set up a help desk at the library for anyone needing advice about benefits, training or finding a new post. ' ||
     'A retired foreman recalled the years when the works ran three shifts and the whole street would hear the hooter at six every morning. ' ||
     'Pupils at the technical college, many of whom had hoped for apprenticeships at the works, were offered careers sessions this week instead.');
UPDATE frames SET fp = newsprint.fingerprint(body);
SELECT a.id, b.id, newsprint.shingle_count(a.fp) AS a_shingles,
	   newsprint.shingle_count(b.fp) AS b_shingles,
	   round(newsprint.containment(b.fp, a.fp)::numeric, 2) AS own_share,
	   round(newsprint.containment(a.fp, b.fp)::numeric, 2) AS leader_share,
	   (SELECT max(k) FROM generate_series(0, 9) k
		WHERE newsprint.story_match(b.fp, a.fp, min_named => k) IS NOT NULL) AS named,
	   newsprint.story_match(b.fp, a.fp) IS NOT NULL AS joins,
	   newsprint.story_match(b.fp, a.fp, min_named => 0) IS NOT NULL AS joins_without_names
FROM frames a JOIN frames b ON a.id < b.id ORDER BY 1, 2;
SELECT id, story FROM newsprint.cluster_stories('frames') ORDER BY id;
SELECT id, story FROM newsprint.cluster_stories('frames', min_named => 0) ORDER BY id;
CREATE TABLE frame_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON frame_leaders USING npidx (fp);
SELECT id, newsprint.assign_story('frame_leaders', id, fp) AS story FROM frames ORDER BY id;

-- the story's direction: a Wikinews follow-up (326) that repeats the
-- background of an earlier article (118) holds is_same_story with it, on
-- the share of the earlier article it repeats (0.39), but only a tenth of
-- its own text is in it, so it does not join; an article that carries the
-- whole of 118 before a long one of its own (433) does join it
SELECT a.id, b.id, newsprint.is_same_story(a.fp, b.fp) AS same_story,
	   round(newsprint.containment(a.fp, b.fp)::numeric, 2) AS own_share,
	   round(newsprint.containment(b.fp, a.fp)::numeric, 2) AS leader_share,
	   newsprint.story_match(a.fp, b.fp) IS NOT NULL AS joins
FROM sample a JOIN sample b ON (a.id, b.id) IN ((326, 118), (372, 118))
ORDER BY 1;
WITH carrier AS (
	SELECT newsprint.fingerprint(string_agg(body, E'\n\n' ORDER BY id)) AS fp
	FROM sample WHERE id IN (118, 433)
)
SELECT newsprint.shingle_count(l.fp) AS leader_shingles,
	   round(newsprint.containment(c.fp, l.fp)::numeric, 2) AS own_share,
	   round(newsprint.containment(l.fp, c.fp)::numeric, 2) AS leader_share,
	   newsprint.story_match(c.fp, l.fp) IS NOT NULL AS joins
FROM carrier c, sample l WHERE l.id = 118;

-- tiny items: a one-line notice has fewer evidence shingles than min_shared
-- (16 by default), so at the defaults it joins nothing: neither another
-- company's notice in the same wording nor its own copy with a dateline
CREATE TABLE briefs (id bigint, body text, fp newsprint.fingerprint);
INSERT INTO briefs (id, body) VALUES
  (1, 'Cerda Inc said its board declared a special dividend of 78 cents a share, payable April 2.'),
  (2, 'Harlow Inc said its board declared a special dividend of 52 cents a share, payable April 9.'),
  (3, 'LENDAVA, March 2 (CPA) - Cerda Inc said its board declared a special dividend of 78 cents a share, payable April 2.'),
  (4, 'Evansville Ltd <EVAN.O> - Semi-annual div 37 cts vs 35 cts, pay August 3, record July 7.'),
  (5, 'Portland Ltd <PORT.O> - Semi-annual div 37 cts vs 35 cts, pay August 3, record July 7.');
UPDATE briefs SET fp = newsprint.fingerprint(body);
SELECT id, story FROM newsprint.cluster_stories('briefs') ORDER BY id;
SELECT a.id, b.id, round(newsprint.similarity(a.fp, b.fp)::numeric, 2) AS similarity,
	   newsprint.story_match(a.fp, b.fp) IS NOT NULL AS joins
FROM briefs a JOIN briefs b ON a.id > b.id ORDER BY 1, 2;
-- with min_shared => 8 the tiny rule and its name test decide: the dated
-- copy (3) joins its notice; the other company's notice with the same
-- figures (5), whose only difference, the company's name, stands in
-- shingles of names alone, which are not evidence, joined too until the
-- subject (the company named before the ticker: fp_subject.sql) was
-- sampled
SELECT id, story FROM newsprint.cluster_stories('briefs', min_shared => 8) ORDER BY id;

-- names in a tiny pair: dividend notices of two companies in one formula
-- with a line of background (1 and 2: 30 evidence shingles each, so tiny)
-- share the formula and the amount, 23 sampled hashes and similarity 0.62,
-- which the tiny rule alone took for a copy; but of the 9 and 10 hashes
-- that hold a name or a figure they share 3.  A re-sent copy of 1 with a
-- dateline and "a share" for "per share" (3) and a corrected re-send (4:
-- the record date) keep the names and figures, and join it.  With
-- min_named => 0 (the rule before the name test) 2 joined 1 too, until
-- the subject was sampled: the two leads' first names differ, and the
-- pair is no longer listed (similarity 0.59).  What the name test cannot
-- see: two notices with no name or figure in their evidence (5 and 6: the
-- companies' names stand in shingles of names and function words, which
-- are facts, not evidence, and a one-digit day is no figure) were the same
-- text to the sample, and joined; their subjects now differ, and they do
-- not.
-- named_overlap(a, b): the shingles of each, the sampled hashes they share,
-- those of each and of both that carry the name bit (a name or a figure)
CREATE FUNCTION named_overlap(a newsprint.fingerprint, b newsprint.fingerprint,
	OUT a_shingles bigint, OUT b_shingles bigint, OUT shared integer,
	OUT a_named bigint, OUT b_named bigint, OUT shared_named bigint)
LANGUAGE sql AS $$
	SELECT newsprint.shingle_count(a), newsprint.shingle_count(b),
		   cardinality(ARRAY(SELECT unnest(newsprint.npidx_keys(a))
							 INTERSECT SELECT unnest(newsprint.npidx_keys(b)))),
		   (SELECT count(*) FROM unnest(newsprint.npidx_keys(a)) h WHERE h & 1 = 1),
		   (SELECT count(*) FROM unnest(newsprint.npidx_keys(b)) h WHERE h & 1 = 1),
		   (SELECT count(*) FROM (SELECT unnest(newsprint.npidx_keys(a))
								  INTERSECT SELECT unnest(newsprint.npidx_keys(b))) s(h)
			WHERE h & 1 = 1) $$;
CREATE TABLE notices (id bigint, published_at timestamptz, body text, fp newsprint.fingerprint);
INSERT INTO notices (id, published_at, body) VALUES
 (1, '2026-11-12 09:02+00', 'Halvorsen Marine declared a regular quarterly dividend of 74 cents per share, payable on December 9 to holders of record on November 25, the company said. The company paid 68 cents a share in the same quarter last year.'),
 (2, '2026-11-12 09:40+00', 'Tidewater Grain declared a regular quarterly dividend of 74 cents per share, payable on December 16 to holders of record on November 28, the company said. The company paid 71 cents a share in the same quarter last year.'),
 (3, '2026-11-12 10:15+00', 'SEATTLE, Nov 12 (NWS) - Halvorsen Marine declared a regular quarterly dividend of 74 cents a share, payable on December 9 to holders of record on November 25, the company said. The company paid 68 cents a share in the same quarter last year.'),
 (4, '2026-11-12 11:30+00', 'CORRECTED - Halvorsen Marine declared a regular quarterly dividend of 74 cents per share, payable on December 9 to holders of record on November 26, the company said. The company paid 68 cents a share in the same quarter last year.'),
 (5, '2026-11-13 08:00+00', 'Kessler Tool said it cut its quarterly dividend and suspended its share buyback. Shareholders will be asked to approve the change at the annual meeting on May 4.'),
 (6, '2026-11-13 08:30+00', 'Orland Freight said it cut its quarterly dividend and suspended its share buyback. Shareholders will be asked to approve the change at the annual meeting on May 6.');
UPDATE notices SET fp = newsprint.fingerprint(body);
SELECT a.id, b.id, o.*,
	   round(newsprint.similarity(a.fp, b.fp)::numeric, 2) AS similarity,
	   newsprint.story_match(b.fp, a.fp) IS NOT NULL AS joins,
	   newsprint.story_match(b.fp, a.fp, min_named => 0) IS NOT NULL AS joins_without_names
FROM notices a JOIN notices b ON a.id < b.id, LATERAL named_overlap(a.fp, b.fp) o
WHERE newsprint.similarity(a.fp, b.fp) >= 0.6 ORDER BY 1, 2;
SELECT id, story FROM newsprint.cluster_stories('notices', order_column => 'published_at') ORDER BY id;
SELECT id, story FROM newsprint.cluster_stories('notices', order_column => 'published_at', min_named => 0) ORDER BY id;
CREATE TABLE notice_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON notice_leaders USING npidx (fp);
SELECT id, newsprint.assign_story('notice_leaders', id, fp, published_at) AS story
FROM notices ORDER BY published_at, id;

-- two tables: earnings tables of two companies in one format (1 and 2)
-- whose share lines happen to agree (42 cents against 38 in the quarter,
-- 1.61 dollars in the year, and the same dividend) share 16 sampled hashes,
-- 0.348 of either; every hash of both samples holds a name or a figure (a
-- table's sample is its rows), so the name test of a low link passed them
-- and the rule took 2 for a version of 1.  Two tables now need one mostly
-- in the other (0.5 either way), which a corrected re-send (3: two
-- revenue figures changed) is: 0.87.  With min_named => 0 (no name tests)
-- 2 joined 1 until the figures a text holds (twenty-third session) parted
-- them: 0.333 both ways, and of their figures they share only the share
-- lines and the dividend.
CREATE TABLE tables_ (id bigint, published_at timestamptz, body text, fp newsprint.fingerprint);
INSERT INTO tables_ (id, published_at, body) VALUES
 (1, '2026-11-12 09:02+00', E'Harbor Bancorp Inc <HRBR.O> 4th qtr net\nOper shr 42 cts vs 38 cts\nOper net 5,120,000 vs 4,610,000\nRevs 61.3 mln vs 55.8 mln\nAvg shrs 12.2 mln vs 12.1 mln\nYear\nOper shr 1.61 dlrs vs 1.44 dlrs\nOper net 19.6 mln vs 17.5 mln\nRevs 238.4 mln vs 219.0 mln\nAvg shrs 12.2 mln vs 12.1 mln\nBacklog 41.2 mln vs 38.5 mln\nNOTE: Qtly div 10 cts vs 10 cts prior'),
 (2, '2026-11-12 09:40+00', E'Westland Foods Corp <WLFD.N> 4th qtr net\nOper shr 42 cts vs 38 cts\nOper net 8,430,000 vs 7,960,000\nRevs 112.7 mln vs 104.2 mln\nAvg shrs 20.1 mln vs 20.9 mln\nYear\nOper shr 1.61 dlrs vs 1.47 dlrs\nOper net 32.4 mln vs 30.7 mln\nRevs 431.9 mln vs 407.5 mln\nAvg shrs 20.1 mln vs 20.9 mln\nBacklog 96.4 mln vs 90.3 mln\nNOTE: Qtly div 10 cts vs 10 cts prior'),
 (3, '2026-11-12 10:15+00', E'CORRECTED - Harbor Bancorp Inc <HRBR.O> 4th qtr net\nOper shr 42 cts vs 38 cts\nOper net 5,120,000 vs 4,610,000\nRevs 61.3 mln vs 55.9 mln\nAvg shrs 12.2 mln vs 12.1 mln\nYear\nOper shr 1.61 dlrs vs 1.44 dlrs\nOper net 19.6 mln vs 17.5 mln\nRevs 238.4 mln vs 219.1 mln\nAvg shrs 12.2 mln vs 12.1 mln\nBacklog 41.2 mln vs 38.5 mln\nNOTE: Qtly div 10 cts vs 10 cts prior');
UPDATE tables_ SET fp = newsprint.fingerprint(body);
SELECT a.id, b.id, newsprint.shingle_count(a.fp) AS a_shingles,
	   newsprint.shingle_count(b.fp) AS b_shingles,
	   cardinality(ARRAY(SELECT unnest(newsprint.npidx_keys(a.fp))
						 INTERSECT SELECT unnest(newsprint.npidx_keys(b.fp)))) AS shared,
	   (SELECT count(*) FROM unnest(newsprint.npidx_keys(a.fp)) h WHERE h & 1 = 1) AS a_named,
	   cardinality(newsprint.npidx_keys(a.fp)) AS a_hashes,
	   round(newsprint.containment(b.fp, a.fp)::numeric, 3) AS containment,
	   round(newsprint.story_match(b.fp, a.fp)::numeric, 3) AS joins,
	   round(newsprint.story_match(b.fp, a.fp, min_named => 0)::numeric, 3) AS joins_without_names
FROM tables_ a JOIN tables_ b ON a.id < b.id ORDER BY 1, 2;
SELECT id, story FROM newsprint.cluster_stories('tables_', order_column => 'published_at') ORDER BY id;
SELECT id, story FROM newsprint.cluster_stories('tables_', order_column => 'published_at', min_named => 0) ORDER BY id;
CREATE TABLE table_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON table_leaders USING npidx (fp);
SELECT id, newsprint.assign_story('table_leaders', id, fp, published_at) AS story
FROM tables_ ORDER BY published_at, id;

-- recurring items without times: a central bank's daily money-market
-- operation on two days (1 and 3: 49 evidence shingles each, so not tiny)
-- shares its frame, 0.694 of either, but of the 16 hashes with a name or
-- a figure only 2 (the key rate, the bank): the next day's item changes
-- its figures.  Within the time window the window parts them (3 is a day
-- after 1); with no time test (no window, no order column, a NULL time)
-- two short items (both under 150 shingles) must agree in their names and
-- figures: the side with fewer named hashes may not miss 5 or more of
-- them and find under tiny_similarity (0.6) in the other, so 3 starts a
-- story of its own.  The correction of 1 (2: one figure) keeps 14 of the
-- 16 and joins 1; a relay of 3 under another headline without its
-- dateline (4) keeps its 13 and joins 3.  With min_named => 0 (no name
-- tests) and no time test all four are one story
CREATE TABLE recurring (id bigint, published_at timestamptz, body text, fp newsprint.fingerprint);
INSERT INTO recurring (id, published_at, body) VALUES
 (1, '2026-11-16 07:02+00', E'NORLAND CENBANK ADDS 4.6 BLN CROWNS TO MONEY MARKET\n\nOSTRAVEL, Nov 16 (Reuters) - The Bank of Norland said it injected 4.6 billion crowns into the money market on Monday through one-day repurchase agreements at an average rate of 3.17 pct.\n\nThe bank had estimated the shortage in the banking system at 5.1 billion crowns. Bids totalled 7.9 billion crowns from 12 banks.\n\nThe bank''s key lending rate stands at 3.25 pct.'),
 (2, '2026-11-16 09:40+00', E'CORRECTED-NORLAND CENBANK ADDS 4.6 BLN CROWNS TO MONEY MARKET\n\n(Corrects shortage estimate in paragraph 2 to 5.3 bln from 5.1 bln)\n\nOSTRAVEL, Nov 16 (Reuters) - The Bank of Norland said it injected 4.6 billion crowns into the money market on Monday through one-day repurchase agreements at an average rate of 3.17 pct.\n\nThe bank had estimated the shortage in the banking system at 5.3 billion crowns. Bids totalled 7.9 billion crowns from 12 banks.\n\nThe bank''s key lending rate stands at 3.25 pct.'),
 (3, '2026-11-17 07:05+00', E'NORLAND CENBANK ADDS 2.8 BLN CROWNS TO MONEY MARKET\n\nOSTRAVEL, Nov 17 (Reuters) - The Bank of Norland said it injected 2.8 billion crowns into the money market on Tuesday through one-day repurchase agreements at an average rate of 3.19 pct.\n\nThe bank had estimated the shortage in the banking system at 3.4 billion crowns. Bids totalled 5.2 billion crowns from 11 banks.\n\nThe bank''s key lending rate stands at 3.25 pct.'),
 (4, '2026-11-17 07:50+00', E'Norland central bank adds 2.8 bln crowns via overnight repos\n\nThe Bank of Norland said it injected 2.8 billion crowns into the money market on Tuesday through one-day repurchase agreements at an average rate of 3.19 pct.\n\nThe bank had estimated the shortage in the banking system at 3.4 billion crowns. Bids totalled 5.2 billion crowns from 11 banks.\n\n(Reuters)');
UPDATE recurring SET fp = newsprint.fingerprint(body);
SELECT a.id, b.id, o.*,
	   round(newsprint.containment(b.fp, a.fp)::numeric, 3) AS containment,
	   round(newsprint.story_match(b.fp, a.fp)::numeric, 3) AS no_time_test,
	   round(rule_match(b.fp, a.fp, true)::numeric, 3) AS within_window,
	   round(newsprint.story_match(b.fp, a.fp, min_named => 0)::numeric, 3) AS without_names
FROM recurring a JOIN recurring b ON a.id < b.id, LATERAL named_overlap(a.fp, b.fp) o
ORDER BY 1, 2;
-- the batch: in time order with the window (1 1 3 3: the window parts the
-- days), and with no time test: no window, no order column (id order),
-- the 0.1 interface (story_clusters, id order), an order column that is
-- no time (1 1 3 3: the names and figures part them); without the name
-- tests, 1 1 1 1
SELECT r.id, w.story AS window, n.story AS no_window, i.story AS id_order,
	   c.story AS story_clusters, o.story AS id_column_order, m.story AS without_names
FROM recurring r
JOIN newsprint.cluster_stories('recurring', order_column => 'published_at') w USING (id)
JOIN newsprint.cluster_stories('recurring', order_column => 'published_at', time_window => NULL) n USING (id)
JOIN newsprint.cluster_stories('recurring') i USING (id)
JOIN newsprint.story_clusters('recurring') c USING (id)
JOIN newsprint.cluster_stories('recurring', order_column => 'id') o USING (id)
JOIN newsprint.cluster_stories('recurring', order_column => 'published_at', time_window => NULL, min_named => 0) m USING (id)
ORDER BY r.id;
-- at insert time, the same: with times and the window, with NULL times,
-- with no window, and the trigger without a time column
CREATE TABLE recurring_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON recurring_leaders USING npidx (fp);
CREATE TEMP TABLE recurring_assigned AS
SELECT id, newsprint.assign_story('recurring_leaders', id, fp, published_at) AS story
FROM recurring ORDER BY published_at, id;
TRUNCATE recurring_leaders;
INSERT INTO recurring_assigned
SELECT -id, newsprint.assign_story('recurring_leaders', id, fp, NULL) AS story
FROM recurring ORDER BY published_at, id;
TRUNCATE recurring_leaders;
INSERT INTO recurring_assigned
SELECT -10 - id, newsprint.assign_story('recurring_leaders', id, fp, published_at, time_window => NULL) AS story
FROM recurring ORDER BY published_at, id;
CREATE TABLE recurring_trig (id bigint, published_at timestamptz, fp newsprint.fingerprint, story bigint);
TRUNCATE recurring_leaders;
CREATE TRIGGER set_story BEFORE INSERT ON recurring_trig
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('recurring_leaders', 'story', 'id', 'fp', '');
INSERT INTO recurring_trig SELECT id, published_at, fp FROM recurring ORDER BY published_at, id;
SELECT r.id, a.story AS window, n.story AS null_times, w.story AS no_window, t.story AS trigger_no_time
FROM recurring r
JOIN recurring_assigned a ON a.id = r.id
JOIN recurring_assigned n ON n.id = -r.id
JOIN recurring_assigned w ON w.id = -10 - r.id
JOIN recurring_trig t ON t.id = r.id
ORDER BY r.id;
-- within the window the rule is unchanged: the second day's item sent 2
-- hours after the first (an intraday series) joins it in the three forms,
-- with times; with no time test, or when one of the two times is unknown,
-- it does not
UPDATE recurring SET published_at = published_at - interval '22 hours' WHERE id IN (3, 4);
SELECT r.id, w.story AS window, n.story AS no_window
FROM recurring r
JOIN newsprint.cluster_stories('recurring', order_column => 'published_at') w USING (id)
JOIN newsprint.cluster_stories('recurring', order_column => 'published_at', time_window => NULL) n USING (id)
ORDER BY r.id;
TRUNCATE recurring_leaders;
SELECT id, newsprint.assign_story('recurring_leaders', id, fp, published_at) AS story
FROM recurring ORDER BY published_at, id;
TRUNCATE recurring_leaders;
SELECT id, newsprint.assign_story('recurring_leaders', id, fp,
								  CASE WHEN id = 1 THEN NULL ELSE published_at END) AS story
FROM recurring ORDER BY published_at, id;
DROP TRIGGER set_story ON recurring_trig;
TRUNCATE recurring_trig, recurring_leaders;
CREATE TRIGGER set_story BEFORE INSERT ON recurring_trig
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('recurring_leaders');
INSERT INTO recurring_trig SELECT id, published_at, fp FROM recurring ORDER BY published_at, id;
SELECT id, story FROM recurring_trig ORDER BY id;
UPDATE recurring SET published_at = NULL WHERE id = 1;
SELECT id, story FROM newsprint.cluster_stories('recurring', order_column => 'published_at') ORDER BY id;

-- the same frame with other figures: a weekly rig count (1, 3, 5, a week
-- apart; 73 evidence shingles) whose constant names and figures (the city,
-- the services company, a background record, the country's output) keep
-- 0.67-0.76 of its 24-25 hashes with a name or a figure, above the 0.6 of the
-- test above, while the weeks miss 6-8 of them; and the hashes that two
-- weeks do not share are nearly all names and figures (16 of 18).  Without
-- a time test two short items are also refused when the side with fewer
-- named hashes misses 5 or more, finds under 0.8 of them, and at least half
-- of what the two do not share is names and figures: 1, 3 and 5 are three
-- stories.  The correction of 1 (2: one figure, 24 of 25) and a relay of 3
-- under another headline without its dateline (4) still join.  With times
-- the rule is unchanged: within a window of 30 days, the five are one
-- story (rule_match(..., true) is the rule with a time test)
CREATE TABLE rigs (id bigint, published_at timestamptz, body text, fp newsprint.fingerprint);
INSERT INTO rigs (id, published_at, body) VALUES
 (1, '2026-10-02 08:20+00', E'Norland rig count down 4 this week to 612\n\nHARTFIELD, Norland (AP) - The number of rigs exploring for oil and natural gas in Norland fell by 4 this week to 612.\n\nHartfield-based oilfield services company Calder Field Services said 487 rigs drilled for oil this week and 121 for gas. Four were listed as miscellaneous.\n\nA year ago 702 rigs were active. Among major oil and gas producing provinces, Westmark and Lower Ossen were unchanged.\n\nThe count peaked at 1,184 in 2014 and fell to a low of 251 in 2020. Calder Field Services has compiled it for the Norland Petroleum Institute in Port Alma since 1948, and Westmark Energy and the Ossen Basin Authority publish it in their Friday reports. Norland pumps 1.2 million barrels a day, third in the region after Castile and Varna.'),
 (2, '2026-10-02 10:05+00', E'CORRECTED-Norland rig count down 4 this week to 612\n\n(Corrects number of gas rigs in paragraph 2 to 124 from 121)\n\nHARTFIELD, Norland (AP) - The number of rigs exploring for oil and natural gas in Norland fell by 4 this week to 612.\n\nHartfield-based oilfield services company Calder Field Services said 487 rigs drilled for oil this week and 124 for gas. Four were listed as miscellaneous.\n\nA year ago 702 rigs were active. Among major oil and gas producing provinces, Westmark and Lower Ossen were unchanged.\n\nThe count peaked at 1,184 in 2014 and fell to a low of 251 in 2020. Calder Field Services has compiled it for the Norland Petroleum Institute in Port Alma since 1948, and Westmark Energy and the Ossen Basin Authority publish it in their Friday reports. Norland pumps 1.2 million barrels a day, third in the region after Castile and Varna.'),
 (3, '2026-10-09 08:25+00', E'Norland rig count up 2 this week to 614\n\nHARTFIELD, Norland (AP) - The number of rigs exploring for oil and natural gas in Norland rose by 2 this week to 614.\n\nHartfield-based oilfield services company Calder Field Services said 490 rigs drilled for oil this week and 120 for gas. Four were listed as miscellaneous.\n\nA year ago 698 rigs were active. Among major oil and gas producing provinces, Westmark and Lower Ossen were unchanged.\n\nThe count peaked at 1,184 in 2014 and fell to a low of 251 in 2020. Calder Field Services has compiled it for the Norland Petroleum Institute in Port Alma since 1948, and Westmark Energy and the Ossen Basin Authority publish it in their Friday reports. Norland pumps 1.2 million barrels a day, third in the region after Castile and Varna.'),
 (4, '2026-10-09 09:10+00', E'Norland drilling rigs rise to 614\n\nThe number of rigs exploring for oil and natural gas in Norland rose by 2 this week to 614.\n\nHartfield-based oilfield services company Calder Field Services said 490 rigs drilled for oil this week and 120 for gas. Four were listed as miscellaneous.\n\nA year ago 698 rigs were active. Among major oil and gas producing provinces, Westmark and Lower Ossen were unchanged.\n\nThe count peaked at 1,184 in 2014 and fell to a low of 251 in 2020. Calder Field Services has compiled it for the Norland Petroleum Institute in Port Alma since 1948, and Westmark Energy and the Ossen Basin Authority publish it in their Friday reports. Norland pumps 1.2 million barrels a day, third in the region after Castile and Varna.'),
 (5, '2026-10-16 08:22+00', E'Norland rig count down 5 this week to 609\n\nHARTFIELD, Norland (AP) - The number of rigs exploring for oil and natural gas in Norland fell by 5 this week to 609.\n\nHartfield-based oilfield services company Calder Field Services said 486 rigs drilled for oil this week and 119 for gas. Four were listed as miscellaneous.\n\nA year ago 705 rigs were active. Among major oil and gas producing provinces, Westmark and Lower Ossen were unchanged.\n\nThe count peaked at 1,184 in 2014 and fell to a low of 251 in 2020. Calder Field Services has compiled it for the Norland Petroleum Institute in Port Alma since 1948, and Westmark Energy and the Ossen Basin Authority publish it in their Friday reports. Norland pumps 1.2 million barrels a day, third in the region after Castile and Varna.');
UPDATE rigs SET fp = newsprint.fingerprint(body);
SELECT a.id, b.id, o.*,
	   round(newsprint.story_match(b.fp, a.fp)::numeric, 3) AS no_time_test,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
								   b_time => a.published_at, time_window => '30 days')::numeric, 3) AS within_30_days,
	   round(rule_match(b.fp, a.fp, true)::numeric, 3) AS with_time_test
FROM rigs a JOIN rigs b ON a.id < b.id, LATERAL named_overlap(a.fp, b.fp) o
ORDER BY 1, 2;
-- the batch without a time test (no order column, no window, the 0.1
-- interface) and with a window of 30 days
SELECT r.id, i.story AS id_order, n.story AS no_window, c.story AS story_clusters,
	   w.story AS window_30_days
FROM rigs r
JOIN newsprint.cluster_stories('rigs') i USING (id)
JOIN newsprint.cluster_stories('rigs', order_column => 'published_at', time_window => NULL) n USING (id)
JOIN newsprint.story_clusters('rigs') c USING (id)
JOIN newsprint.cluster_stories('rigs', order_column => 'published_at', time_window => '30 days') w USING (id)
ORDER BY r.id;
-- at insert time: NULL times, and times with a window of 30 days
TRUNCATE recurring_leaders;
CREATE TEMP TABLE rigs_assigned AS
SELECT id, newsprint.assign_story('recurring_leaders', id, fp, NULL) AS story
FROM rigs ORDER BY published_at, id;
TRUNCATE recurring_leaders;
INSERT INTO rigs_assigned
SELECT -id, newsprint.assign_story('recurring_leaders', id, fp, published_at, time_window => '30 days')
FROM rigs ORDER BY published_at, id;
SELECT r.id, n.story AS null_times, w.story AS window_30_days
FROM rigs r JOIN rigs_assigned n ON n.id = r.id JOIN rigs_assigned w ON w.id = -r.id
ORDER BY r.id;

-- a partial version without a time test must share names (doc/stories.md,
-- "A partial version without a time test"): a long story of one company's
-- sale (1) and a brief of another company's (2, 76 shingles) that takes
-- 0.45 of its evidence from 1's agency formulas ("has reached an agreement
-- in principle to sell its", "the sale was subject to approval by its
-- shareholders and by competition regulators") and shares none of its 20
-- hashes with a name or a figure.  Neither is mostly in the other and the
-- link is not low (0.35 or more of 2), and 1 is too long for the test of
-- short items, so 2 joined 1 with no time test.  Now a pair under 0.5
-- both ways needs min_named (3) shared named hashes when no time test
-- applies, as a low link always does: 2 starts a story of its own.  A
-- rewrite of 1 (3: 0.36 of its evidence in 1, 5 of its named hashes) still
-- joins.  With times within a window (30 days) 2 joined 1 until a partial
-- version had to share one named hash whatever the time (doc/stories.md,
-- "House formulas in a partial version"; test/sql/story_formula.sql): 2
-- shares none, and is a story of its own there too; 3 joins 1
CREATE TABLE sales (id bigint, published_at timestamptz, body text, fp newsprint.fingerprint);
INSERT INTO sales (id, published_at, body) VALUES
 (1, '2026-11-18 09:10+00', E'Harland Foods to sell frozen vegetables unit\n\nMERIDEN, Nov 18 (NWS) - Harland Foods said on Wednesday it has reached an agreement in principle to sell its frozen vegetables business to Brookfield Agri Partners for 412 million dollars, as the family-controlled group narrows its focus to bakery and snacks.\n\nThe company said the sale was subject to approval by its shareholders and by competition regulators, and that it expected the transaction to close before the end of its fiscal year. Harland will keep a minority stake of 19 percent in the business for three years.\n\nChief executive Miriam Oduya told analysts on a conference call that the frozen division had struggled with rising energy costs at its plants in Tollard and Wexcombe, where margins fell to 3.1 percent last year from 7.4 percent in 2022. "We looked hard at every option, and a buyer with cold-chain scale can run these factories better than we can," she said.\n\nThe unit employs about 2,300 people. Brookfield Agri said it would keep both plants open and honour existing supply contracts with growers in the Fenland region for at least five seasons.\n\nHarland shares rose 6.2 percent to 48.15 in morning trading, their biggest one-day gain since March. Analysts at Corwen Securities said the price valued the business at roughly nine times operating profit, above what most of them had pencilled in.\n\nThe group, founded in 1911 by the Harland brothers, has sold its canned soup and pet food operations over the past four years. It reported annual sales of 2.9 billion dollars.'),
 (2, '2026-12-02 14:25+00', E'Tessaly Mining said it has reached an agreement in principle to sell its copper smelting operations to Orvane Metals. The company said the sale was subject to approval by its shareholders and by competition regulators, and that it expected the transaction to close before the end of its fiscal year. Tessaly did not disclose the price; the smelter at Kerrow produced 86,000 tonnes of cathode last year. Orvane, which is controlled by the investor Petra Lindqvist, already runs two smelters in the north of the country and has been looking for a third since a fire shut its plant at Dunmore in 2024.'),
 (3, '2026-11-18 16:40+00', E'Harland sells frozen arm for $412 mln\n\nHarland Foods said it has reached an agreement in principle to sell its frozen vegetables business to Brookfield Agri Partners for 412 million dollars. Chief executive Miriam Oduya told analysts that the frozen division had struggled with rising energy costs at its plants in Tollard and Wexcombe. Local MP Grace Whitby welcomed the promise to keep both sites open, saying hundreds of families in the two towns had feared the worst since a review of the business was announced in the spring. Union officials said they would seek talks with the new owner about pensions and shift patterns before the deal completes.');
UPDATE sales SET fp = newsprint.fingerprint(body);
SELECT a.id, b.id, o.*,
	   round(newsprint.containment(b.fp, a.fp)::numeric, 3) AS containment,
	   round(newsprint.story_match(b.fp, a.fp)::numeric, 3) AS no_time_test,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
								   b_time => a.published_at, time_window => '30 days')::numeric, 3) AS within_30_days,
	   round(rule_match(b.fp, a.fp, true)::numeric, 3) AS with_time_test
FROM sales a JOIN sales b ON a.id < b.id, LATERAL named_overlap(a.fp, b.fp) o
ORDER BY 1, 2;
SELECT r.id, i.story AS id_order, n.story AS no_window, c.story AS story_clusters,
	   w.story AS window_30_days
FROM sales r
JOIN newsprint.cluster_stories('sales') i USING (id)
JOIN newsprint.cluster_stories('sales', order_column => 'published_at', time_window => NULL) n USING (id)
JOIN newsprint.story_clusters('sales') c USING (id)
JOIN newsprint.cluster_stories('sales', order_column => 'published_at', time_window => '30 days') w USING (id)
ORDER BY r.id;
TRUNCATE recurring_leaders;
CREATE TEMP TABLE sales_assigned AS
SELECT id, newsprint.assign_story('recurring_leaders', id, fp, NULL) AS story
FROM sales ORDER BY published_at, id;
TRUNCATE recurring_leaders;
INSERT INTO sales_assigned
SELECT -id, newsprint.assign_story('recurring_leaders', id, fp, published_at, time_window => '30 days')
FROM sales ORDER BY published_at, id;
SELECT r.id, n.story AS null_times, w.story AS window_30_days
FROM sales r JOIN sales_assigned n ON n.id = r.id JOIN sales_assigned w ON w.id = -r.id
ORDER BY r.id;

-- the time window: weekly match reports of one league (1 and 3, a week
-- apart) that repeat the league's paragraph on itself are the same story
-- to the rule (the paragraph is 0.66 of 3's evidence), but not within the
-- default window of 20 hours; a re-sent copy of 1 two and a half hours later
-- (2) is.  story_match() without times is the rule with no time test,
-- where two short items (the three reports are under 150 shingles) must also
-- agree in their names and figures, which 1 and 3 (other clubs, other
-- scorers) do not (recurring items, above).  3 names 1's club, Harwick: a
-- report that named neither club of the other would be parted from it by
-- the names a text holds at any window (fp_names.sql), not by the window.
CREATE TABLE weekly (id bigint, published_at timestamptz, body text, fp newsprint.fingerprint);
INSERT INTO weekly (id, published_at, body) VALUES
 (1, '2026-11-07 18:05+00', 'Harwick Rovers beat Linton Town 3-1 at Mill Lane on Saturday, with two goals from Sam Ocheng in the second half lifting them to fourth in the table. Linton had led through an early header from Ross Tate before Ocheng equalised from the penalty spot on 52 minutes. ' ||
   'The Northern Counties League, founded in 1894 as the Northern Alliance, is the oldest amateur football league in the region and took its present name in 1921 after a merger with the Dales Combination. Its twenty clubs play a season of thirty-eight matches from August to May, and the champions are promoted to the Regional Premier Division when their ground meets the grading rules set by the county association. ' ||
   'The league is sponsored by Kellaway Building Supplies under a three-year agreement signed in the summer, which also funds its youth cup and the referees'' training scheme.'),
 (2, '2026-11-07 20:40+00', 'HARWICK, Nov 7 - Harwick Rovers came from behind to beat Linton Town 3-1 at Mill Lane on Saturday, two second-half goals from Sam Ocheng lifting them to fourth in the table. Linton had led through an early header from Ross Tate before Ocheng equalised from the penalty spot on 52 minutes. ' ||
   'The Northern Counties League, founded in 1894 as the Northern Alliance, is the oldest amateur football league in the region and took its present name in 1921 after a merger with the Dales Combination. Its twenty clubs play a season of thirty-eight matches from August to May, and the champions are promoted to the Regional Premier Division when their ground meets the grading rules set by the county association. ' ||
   'The league is sponsored by Kellaway Building Supplies under a three-year agreement signed in the summer, which also funds its youth cup and the referees'' training scheme.'),
 (3, '2026-11-14 17:55+00', 'Dunmore Athletic held leaders Ellison Park to a goalless draw at the Brook Road ground on Saturday, their goalkeeper Tom Reddick saving a late penalty from Carl Maddox to keep a fourth clean sheet in five games, two points behind Harwick. ' ||
   'The Northern Counties League, founded in 1894 as the Northern Alliance, is the oldest amateur football league in the region and took its present name in 1921 after a merger with the Dales Combination. Its twenty clubs play a season of thirty-eight matches from August to May, and the champions are promoted to the Regional Premier Division when their ground meets the grading rules set by the county association. ' ||
   'The league is sponsored by Kellaway Building Supplies under a three-year agreement signed in the summer, which also funds its youth cup and the referees'' training scheme.');
UPDATE weekly SET fp = newsprint.fingerprint(body);
SELECT a.id, b.id, b.published_at - a.published_at AS apart,
	   round(newsprint.containment(b.fp, a.fp)::numeric, 2) AS own_share,
	   round(newsprint.story_match(b.fp, a.fp)::numeric, 2) AS story_match
FROM weekly a JOIN weekly b ON a.id < b.id ORDER BY 1, 2;
-- the three forms: batch, assign_story() in time order, and the trigger
SELECT id, story FROM newsprint.cluster_stories('weekly', order_column => 'published_at') ORDER BY id;
CREATE TABLE weekly_leaders (LIKE story_leaders INCLUDING ALL);
SELECT id, newsprint.assign_story('weekly_leaders', id, fp, published_at) AS story
FROM weekly ORDER BY published_at, id;
CREATE TABLE weekly_trig (id bigint, published_at timestamptz, fp newsprint.fingerprint, story bigint);
CREATE TABLE weekly_trig_leaders (LIKE story_leaders INCLUDING ALL);
CREATE TRIGGER set_story BEFORE INSERT ON weekly_trig
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('weekly_trig_leaders');
INSERT INTO weekly_trig SELECT id, published_at, fp FROM weekly ORDER BY published_at, id;
SELECT id, story FROM weekly_trig ORDER BY id;
-- a wider window keeps 3 in 1's story: the three forms again; with none
-- (NULL) no time test applies, and 3, whose names and figures differ,
-- leads a story of its own
SELECT id, story FROM newsprint.cluster_stories('weekly', order_column => 'published_at', time_window => '7 days') ORDER BY id;
SELECT id, story FROM newsprint.cluster_stories('weekly', order_column => 'published_at', time_window => NULL) ORDER BY id;
TRUNCATE weekly_leaders;
SELECT id, newsprint.assign_story('weekly_leaders', id, fp, published_at, time_window => NULL) AS story
FROM weekly ORDER BY published_at, id;
DROP TRIGGER set_story ON weekly_trig;
TRUNCATE weekly_trig, weekly_trig_leaders;
CREATE TRIGGER set_story BEFORE INSERT ON weekly_trig
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('weekly_trig_leaders', 'story', 'id', 'fp', 'published_at', '7 days');
INSERT INTO weekly_trig SELECT id, published_at, fp FROM weekly ORDER BY published_at, id;
SELECT id, story FROM weekly_trig ORDER BY id;
-- story_clusters() (the 0.1 interface) reads in id order with no time
-- window: the next week's report is kept apart only by the names test of
-- short items without a time test (other clubs, other scorers).  The batch
-- form with the order column, written with 0.1's columns as doc/stories.md
-- shows, keeps it apart by the window
SELECT id, story, story_size FROM newsprint.story_clusters('weekly') ORDER BY id;
SELECT id, story, count(*) OVER (PARTITION BY story) AS story_size
FROM newsprint.cluster_stories('weekly', order_column => 'published_at')
ORDER BY id;
-- the pairwise form, story_match() given the pair's times (a dashboard's
-- self-join: which earlier articles would this one join?), agrees with the
-- three forms: at the default window 2 joins 1 and 3 joins neither (a week
-- after both); at 7 days 3 joins 1 and 2 as well (a time test, so the rule
-- without the names test of short items); with no window, as without
-- times, there is no time test and that test keeps 3 apart; the evidence
-- is the rule's whenever the pair is within the window
SELECT b.id, a.id AS earlier,
	   round(newsprint.story_match(b.fp, a.fp)::numeric, 2) AS no_times,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
								   b_time => a.published_at)::numeric, 2) AS default_window,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at,
								   time_window => '7 days')::numeric, 2) AS seven_days,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at,
								   time_window => NULL)::numeric, 2) AS no_window
FROM weekly a JOIN weekly b ON a.published_at < b.published_at ORDER BY 1, 2;
-- the trigger's time column may be a timestamp or a date too, read as
-- cluster_stories() reads its order column: the same stories as the batch
-- (1, 1, 3: the re-send 2.5 hours later in, the next week's report out);
-- any other type is an error
CREATE TABLE weekly_ts (id bigint, published_at timestamp, fp newsprint.fingerprint, story bigint);
CREATE TABLE weekly_ts_leaders (LIKE story_leaders INCLUDING ALL);
CREATE TRIGGER set_story BEFORE INSERT ON weekly_ts
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('weekly_ts_leaders');
INSERT INTO weekly_ts SELECT id, published_at AT TIME ZONE 'UTC', fp FROM weekly ORDER BY published_at, id;
CREATE TABLE weekly_day (id bigint, published_at date, fp newsprint.fingerprint, story bigint);
CREATE TABLE weekly_day_leaders (LIKE story_leaders INCLUDING ALL);
CREATE TRIGGER set_story BEFORE INSERT ON weekly_day
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('weekly_day_leaders');
INSERT INTO weekly_day SELECT id, (published_at AT TIME ZONE 'UTC')::date, fp FROM weekly ORDER BY published_at, id;
SELECT t.id, t.story AS timestamp_trigger, b.story AS timestamp_batch,
	   d.story AS date_trigger, c.story AS date_batch
FROM weekly_ts t
JOIN newsprint.cluster_stories('weekly_ts', order_column => 'published_at') b USING (id)
JOIN weekly_day d USING (id)
JOIN newsprint.cluster_stories('weekly_day', order_column => 'published_at') c USING (id)
ORDER BY t.id;
CREATE TABLE weekly_text (id bigint, published_at text, fp newsprint.fingerprint, story bigint);
CREATE TRIGGER set_story BEFORE INSERT ON weekly_text
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('weekly_day_leaders');
INSERT INTO weekly_text SELECT id, published_at::text, fp FROM weekly WHERE id = 1;
DROP TABLE weekly_ts, weekly_ts_leaders, weekly_day, weekly_day_leaders, weekly_text;
-- a timestamp or a date order column is a time too (a timestamp is read in
-- the session's time zone, as its cast to timestamptz); any other order
-- column gives no time, so no window applies, and the NOTICE says so
ALTER TABLE weekly ADD COLUMN local_time timestamp, ADD COLUMN day date;
UPDATE weekly SET local_time = published_at AT TIME ZONE 'UTC', day = (published_at AT TIME ZONE 'UTC')::date;
SELECT id, story FROM newsprint.cluster_stories('weekly', order_column => 'local_time') ORDER BY id;
SELECT id, story FROM newsprint.cluster_stories('weekly', order_column => 'day', time_window => '6 days') ORDER BY id;
SELECT id, story FROM newsprint.cluster_stories('weekly', order_column => 'day', time_window => '7 days') ORDER BY id;
-- story_match() takes such times cast to timestamptz as well: 3 is 7 days
-- from 1 by date, out of a 6 day window and in a 7 day one
SELECT newsprint.story_match(b.fp, a.fp, a_time => b.day, b_time => a.day, time_window => '6 days') IS NOT NULL AS six_days,
	   newsprint.story_match(b.fp, a.fp, a_time => b.day, b_time => a.day, time_window => '7 days') IS NOT NULL AS seven_days,
	   newsprint.story_match(b.fp, a.fp, a_time => b.local_time, b_time => a.local_time) IS NOT NULL AS local_time
FROM weekly a, weekly b WHERE a.id = 1 AND b.id = 3;
SET client_min_messages = notice;
SELECT id, story FROM newsprint.cluster_stories('weekly', order_column => 'id') ORDER BY id;
SET client_min_messages = warning;
-- an unknown time means no time test: a leader without a time may attract
-- an article of any time, and an article without a time join a leader of
-- any time (the batch form reads articles without a time last), by the
-- rule without a time test: 1's re-send (2) joins 1, the next week's report
-- (3, other names and figures) does not
TRUNCATE weekly_leaders;
SELECT id, newsprint.assign_story('weekly_leaders', id, fp,
								  CASE WHEN id = 1 THEN NULL ELSE published_at END) AS story
FROM weekly ORDER BY published_at, id;
UPDATE weekly SET published_at = NULL WHERE id = 3;
SELECT id, story FROM newsprint.cluster_stories('weekly', order_column => 'published_at') ORDER BY id;
-- the default window is 20 hours in the three forms (the trigger's is its
-- own constant): 1's copy 19 hours later joins it, its version with a
-- paragraph more (0.49 of its evidence in 1: neither a late copy nor a
-- next-day copy, which holds 0.55) 21 hours later does not (and leads a
-- story of its own); that version's copy exactly 20
-- hours after 3 joins 3, not 1: in the batch form 1 is the last leader out
-- of its window, skipped in every posting list, and 3 the first one in it
-- (the skip of story_index.c at its edge)
CREATE TABLE resend (id bigint, published_at timestamptz, fp newsprint.fingerprint, story bigint);
CREATE TABLE resend_text AS
SELECT body || ' Rovers travel to Dunmore Athletic next Saturday, where they have not won since the spring of 2019, and their manager said a point there would be a fair result for a squad stretched by injuries and suspensions.' ||
	' Ocheng, who joined from Ellison Park in the summer on a free transfer, now has nine goals in eleven games, and the club said on Sunday that two scouts from professional sides had watched him at Mill Lane this season. The attendance of 612 was the largest at the ground since the cup run of 2021, and the bar ran out of pies at half time. Linton, who have lost four of their last five games, dismissed their manager on Sunday evening and named the reserve team coach, Andy Pellow, as caretaker until the end of the season.' AS body
FROM weekly WHERE id = 1;
INSERT INTO resend SELECT 1, '2026-11-07 18:05+00', fp FROM weekly WHERE id = 1;
INSERT INTO resend SELECT 2, '2026-11-08 13:05+00', fp FROM weekly WHERE id = 1;
INSERT INTO resend SELECT 3, '2026-11-08 15:05+00', newsprint.fingerprint(body) FROM resend_text;
INSERT INTO resend SELECT 4, '2026-11-09 11:05+00', newsprint.fingerprint(body) FROM resend_text;
SELECT id, story FROM newsprint.cluster_stories('resend', order_column => 'published_at') ORDER BY id;
TRUNCATE weekly_leaders;
SELECT id, newsprint.assign_story('weekly_leaders', id, fp, published_at) AS story
FROM resend ORDER BY published_at, id;
-- the skip is for articles with a time: a copy without one (5, read last)
-- has no time test and joins 1, which every posting list skips for 4; and
-- a leader without a time (0, at -infinity, read first) ends the skipped
-- prefix: every copy joins it, days later.  The batch and assign_story()
CREATE TABLE resend_untimed AS
SELECT 'null' AS t, id, published_at, fp FROM resend
UNION ALL SELECT 'null', 5, NULL, fp FROM resend WHERE id = 1
UNION ALL SELECT '-infinity', id, published_at, fp FROM resend
UNION ALL SELECT '-infinity', 0, '-infinity', fp FROM resend WHERE id = 1;
CREATE TABLE resend_part AS SELECT id, published_at, fp FROM resend_untimed WHERE t = 'null';
SELECT 'null' AS t, id, story FROM newsprint.cluster_stories('resend_part', order_column => 'published_at')
ORDER BY id;
TRUNCATE resend_part;
INSERT INTO resend_part SELECT id, published_at, fp FROM resend_untimed WHERE t = '-infinity';
SELECT '-infinity' AS t, id, story FROM newsprint.cluster_stories('resend_part', order_column => 'published_at')
ORDER BY id;
TRUNCATE weekly_leaders;
SELECT t, id, newsprint.assign_story('weekly_leaders', id, fp, published_at) AS story
FROM resend_untimed WHERE t = 'null' ORDER BY published_at, id;
TRUNCATE weekly_leaders;
SELECT t, id, newsprint.assign_story('weekly_leaders', id, fp, published_at) AS story
FROM resend_untimed WHERE t = '-infinity' ORDER BY published_at, id;
DROP TRIGGER set_story ON weekly_trig;
TRUNCATE weekly_trig, weekly_trig_leaders;
CREATE TRIGGER set_story BEFORE INSERT ON weekly_trig
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('weekly_trig_leaders');
INSERT INTO weekly_trig SELECT id, published_at, fp FROM resend ORDER BY published_at, id;
SELECT id, story FROM weekly_trig ORDER BY id;
-- and in the pairwise form: every later article against every earlier one
-- (19 hours in, 21 out, exactly 20 in, 22 out; either way, 1 and 2 are
-- late copies of 3 and 4, in which they are wholly), and against the
-- batch's leaders only, which gives the batch's stories (1, 1, 3, 3)
SELECT b.id, a.id AS earlier, b.published_at - a.published_at AS apart,
	   newsprint.story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at) IS NOT NULL AS joins,
	   newsprint.story_match(a.fp, b.fp, a_time => a.published_at, b_time => b.published_at) IS NOT NULL AS either_way
FROM resend a JOIN resend b ON a.published_at < b.published_at ORDER BY 1, 2;
SELECT x.id, c.story AS batch,
	   ARRAY(SELECT l.id FROM resend l JOIN newsprint.cluster_stories('resend', order_column => 'published_at') lc
					ON lc.id = l.id AND lc.leads
			 WHERE l.published_at < x.published_at
			   AND newsprint.story_match(x.fp, l.fp, a_time => x.published_at, b_time => l.published_at) IS NOT NULL
			 ORDER BY l.id) AS pairwise_leaders
FROM resend x JOIN newsprint.cluster_stories('resend', order_column => 'published_at') c USING (id)
ORDER BY x.id;
-- an unknown time (NULL, or infinite, as for the other forms) or no window
-- means no time test; positional and named calls; a NULL fingerprint is a
-- NULL answer whatever the times, and a negative window an error (22023)
-- even then, as in assign_story(); one story_match() only, so a call of
-- untyped NULLs is not ambiguous
SELECT t.label,
	   newsprint.story_match(r.fp, b.fp, a_time => t.a_time, b_time => t.b_time, time_window => t.w) IS NOT NULL AS joins
FROM resend r, resend b,
	 (VALUES ('a 21 hours before b', timestamptz '2026-11-07 18:05+00', timestamptz '2026-11-08 15:05+00', interval '20 hours'),
			 ('a NULL', NULL, '2026-11-08 15:05+00', '20 hours'),
			 ('b NULL', '2026-11-07 18:05+00', NULL, '20 hours'),
			 ('a infinity', 'infinity', '2026-11-08 15:05+00', '20 hours'),
			 ('b -infinity', '2026-11-07 18:05+00', '-infinity', '20 hours'),
			 ('21 hours, no window', '2026-11-07 18:05+00', '2026-11-08 15:05+00', NULL),
			 ('21 hours, window 1 day', '2026-11-07 18:05+00', '2026-11-08 15:05+00', '1 day'),
			 ('a 21 hours after b', '2026-11-08 15:05+00', '2026-11-07 18:05+00', '20 hours'),
			 ('a 20 hours after b', '2026-11-08 14:05+00', '2026-11-07 18:05+00', '20 hours'),
			 ('window 0, same time', '2026-11-07 18:05+00', '2026-11-07 18:05+00', '0'),
			 ('window 0, a microsecond', '2026-11-07 18:05+00', '2026-11-07 18:05:00.000001+00', '0'),
			 ('4713 BC against 294276 AD', '4713-01-01 00:00+00 BC', '294276-12-31 00:00+00', '20 hours'),
			 ('a window past int64', '4713-01-01 00:00+00 BC', '294276-12-31 00:00+00', '178000000 years'))
	 AS t(label, a_time, b_time, w)
WHERE r.id = 3 AND b.id = 1;
SELECT round(newsprint.story_match(b.fp, a.fp, NULL, 16, 40, 0.6, 3,
								   '2026-11-08 13:05+00', '2026-11-07 18:05+00', '20 hours')::numeric, 2) AS positional,
	   newsprint.story_match(b.fp, a.fp, NULL, 16, 40, 0.6, 3,
							 '2026-11-08 15:05+00', '2026-11-07 18:05+00') AS positional_21_hours,
	   newsprint.story_match(b.fp, a.fp, 0.3, b_time => '2026-11-07 18:05+00',
							 a_time => '2026-11-08 15:05+00') AS mixed_21_hours,
	   round(newsprint.story_match(b.fp, a.fp, 0.3, time_window => '1 day',
								   b_time => '2026-11-07 18:05+00', a_time => '2026-11-08 15:05+00')::numeric, 2) AS mixed_1_day
FROM resend a, resend b WHERE a.id = 1 AND b.id = 3;
SELECT newsprint.story_match(NULL, fp, a_time => now(), b_time => now()) AS null_fingerprint,
	   newsprint.story_match(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL) AS all_null,
	   round(newsprint.story_match(fp, fp, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::numeric, 2) AS null_parameters
FROM resend WHERE id = 1;
SELECT p.oid::regprocedure, p.proisstrict, p.provolatile, p.proparallel
FROM pg_proc p WHERE p.pronamespace = 'newsprint'::regnamespace AND p.proname = 'story_match';
SELECT newsprint.story_match(fp, fp, a_time => now(), b_time => now(), time_window => '-1 second') FROM resend WHERE id = 1;
SELECT newsprint.story_match(NULL, NULL, time_window => '1 month -31 days');
SELECT newsprint.story_match(fp, fp, time_window => '-178000000 years 2147483647 days 2562047788 hours') FROM resend WHERE id = 1;
-- a window past int64 microseconds (about 292,000 years) is none, the
-- overflow caught whatever the signs of the interval's parts; a negative
-- one is an error however large
SET client_min_messages = notice;
SELECT id, story FROM newsprint.cluster_stories('resend', order_column => 'published_at',
	time_window => '178000000 years -2147483647 days -2562047788 hours') ORDER BY id;
SET client_min_messages = warning;
SELECT id, story FROM newsprint.cluster_stories('resend', order_column => 'published_at',
	time_window => '-178000000 years 2147483647 days 2562047788 hours') ORDER BY id;
-- late copies (doc/stories.md, "Late copies"): an article that no leader
-- within the window takes joins a leader out of it of which it is a copy
-- (0.9 or more of its own evidence in the leader, and the rule without a
-- time test accepts the pair).  1's copy 21 hours later (2) joins 1; its
-- version with a paragraph more (3, 0.49 of it in 1) does not and leads;
-- 1's copy a day and a half later (4) joins 3, the leader within its
-- window (1 is wholly in 3), not 1; 1's copy five days later (5), out of
-- the window of every leader, joins the one that resembles it most (1,
-- not 3, which holds it too); the next week's report of the league (6, 0.68
-- of it in 1: the same frame with other names and figures) is no copy.
-- The batch, assign_story() in time order, the trigger and story_match()
-- agree; with min_named => 0 the same (a late copy is asked the rule
-- without a time test, whatever the name tests)
CREATE TABLE late (id bigint, published_at timestamptz, fp newsprint.fingerprint, story bigint);
INSERT INTO late SELECT 1, '2026-11-07 18:05+00', fp FROM weekly WHERE id = 1;
INSERT INTO late SELECT 2, '2026-11-08 15:05+00', fp FROM weekly WHERE id = 1;
INSERT INTO late SELECT 3, '2026-11-08 15:06+00', newsprint.fingerprint(body) FROM resend_text;
INSERT INTO late SELECT 4, '2026-11-09 06:05+00', fp FROM weekly WHERE id = 1;
INSERT INTO late SELECT 5, '2026-11-12 18:05+00', fp FROM weekly WHERE id = 1;
INSERT INTO late SELECT 6, '2026-11-14 17:55+00', fp FROM weekly WHERE id = 3;
SELECT id, story, round(score::numeric, 2) AS score
FROM newsprint.cluster_stories('late', order_column => 'published_at') ORDER BY id;
TRUNCATE weekly_leaders;
SELECT id, newsprint.assign_story('weekly_leaders', id, fp, published_at) AS story
FROM late ORDER BY published_at, id;
DROP TRIGGER set_story ON weekly_trig;
TRUNCATE weekly_trig, weekly_trig_leaders;
CREATE TRIGGER set_story BEFORE INSERT ON weekly_trig
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('weekly_trig_leaders');
INSERT INTO weekly_trig SELECT id, published_at, fp FROM late ORDER BY published_at, id;
SELECT id, story FROM weekly_trig ORDER BY id;
SELECT id, story FROM newsprint.cluster_stories('late', order_column => 'published_at', min_named => 0)
ORDER BY id;
SELECT b.id, a.id AS earlier, b.published_at - a.published_at AS apart,
	   round(newsprint.containment(b.fp, a.fp)::numeric, 2) AS in_earlier,
	   round(newsprint.story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at)::numeric, 2) AS joins
FROM late a JOIN late b ON a.published_at < b.published_at ORDER BY 1, 2;
-- without a window there is no late copy to ask for: every copy and the
-- version join 1, the next week's report does not (short items without a
-- time test, other names and figures)
SELECT id, story FROM newsprint.cluster_stories('late', order_column => 'published_at', time_window => NULL)
ORDER BY id;
-- no late copy for a tiny pair: two companies' one-line notices in one
-- formula with the same figures, three days apart, were one text to the
-- sample (a company's name before "said" is no evidence: without a time
-- test they joined), and only the window parted them; since the subject,
-- the first name of each lead, is sampled, they do not join without a
-- time test either
CREATE TABLE late_notices (id bigint, published_at timestamptz, fp newsprint.fingerprint);
INSERT INTO late_notices VALUES
 (1, '2026-03-02 13:30+00', newsprint.fingerprint('Warrington Holdings said its board declared a quarterly dividend of 34 cents a share, payable on April 1 to shareholders of record at the close of business on March 13. The board also approved a plan to buy back up to 2 million of its shares over the next twelve months.'::text)),
 (2, '2026-03-05 13:30+00', newsprint.fingerprint('Pompey Inc said its board declared a quarterly dividend of 34 cents a share, payable on April 1 to shareholders of record at the close of business on March 13. The board also approved a plan to buy back up to 2 million of its shares over the next twelve months.'::text));
SELECT newsprint.shingle_count(a.fp) < 40 AS tiny,
	   round(newsprint.containment(b.fp, a.fp)::numeric, 2) AS in_earlier,
	   newsprint.story_match(b.fp, a.fp) AS untimed,
	   newsprint.story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at) AS timed
FROM late_notices a, late_notices b WHERE a.id = 1 AND b.id = 2;
SELECT id, story FROM newsprint.cluster_stories('late_notices', order_column => 'published_at') ORDER BY id;
TRUNCATE weekly_leaders;
SELECT id, newsprint.assign_story('weekly_leaders', id, fp, published_at) AS story
FROM late_notices ORDER BY published_at, id;
DROP TABLE late_notices;

-- at insert time the times are compared either way: an article assigned
-- after a later one is still within the window of it, or not
TRUNCATE weekly_leaders;
SELECT newsprint.assign_story('weekly_leaders', 2, fp, '2026-11-07 20:40+00') AS story FROM weekly WHERE id = 2;
SELECT newsprint.assign_story('weekly_leaders', 1, fp, '2026-11-07 18:05+00') AS story FROM weekly WHERE id = 1;
SELECT newsprint.assign_story('weekly_leaders', 3, fp, '2026-11-01 17:55+00') AS story FROM weekly WHERE id = 3;

-- a randomized check: the demo sample with its times drawn again over four
-- days (a fifth of them on the hour, a few NULL or infinite), so that many
-- copies fall out of the window.  At each window the batch form gives the
-- stories of assign_story() in time order, and of the rule applied to
-- every pair within the window (no pruning, no skip)
SELECT setseed(0.13);
CREATE TABLE shuffled AS
SELECT id, fp,
	   CASE WHEN r < 0.02 THEN NULL
			WHEN r < 0.03 THEN '-infinity'
			WHEN r < 0.04 THEN 'infinity'
			WHEN r < 0.25 THEN date_trunc('hour', t)
			ELSE t END AS published_at
FROM (SELECT id, fp, random() AS r,
			 timestamptz '2026-11-01 00:00+00' + random() * interval '4 days' AS t
	  FROM sample ORDER BY id) s;
CREATE TABLE shuffled_leaders (LIKE story_leaders INCLUDING ALL);
-- the window written in SQL: may articles published at a and b be one
-- story under window w?
CREATE FUNCTION within_window(a timestamptz, b timestamptz, w interval) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT w IS NULL OR a IS NULL OR b IS NULL OR NOT isfinite(a) OR NOT isfinite(b)
		   OR (a - b <= w AND b - a <= w) $$;
-- roundup_ref(x, a, b): x matches leaders a and b; is it a round-up of
-- them, which hold fewer than 5 (is_same_story's minimum evidence in format
-- version 2) of x's sampled hashes in common, counted up to the smallest of
-- the three samples' limits (the largest hash of a truncated sample)?
-- Written from the fingerprint's text form, v2:w3:k256:n<shingles>:<hashes>
CREATE FUNCTION fp_hashes(fp newsprint.fingerprint) RETURNS SETOF bigint
LANGUAGE sql IMMUTABLE AS $$
	SELECT ('x' || substr(h, 8 * i + 1, 8))::bit(32)::bigint
	FROM (SELECT split_part(fp::text, ':', 5) AS h) s,
		 generate_series(0, length(h) / 8 - 1) i $$;
CREATE FUNCTION fp_limit(fp newsprint.fingerprint) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN newsprint.shingle_count(fp) > count(*) THEN max(h)
				ELSE 4294967296 END
	FROM fp_hashes(fp) h $$;
CREATE FUNCTION roundup_ref(x newsprint.fingerprint, a newsprint.fingerprint,
							b newsprint.fingerprint) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT count(*) < 5
	FROM fp_hashes(x) h
	WHERE h <= least(fp_limit(x), fp_limit(a), fp_limit(b))
	  AND h IN (SELECT fp_hashes(a)) AND h IN (SELECT fp_hashes(b)) $$;
CREATE FUNCTION shuffled_check(w interval, OUT joined boolean,
							   OUT batch_assign bigint, OUT batch_rule bigint,
							   OUT round_ups bigint, OUT leads_assign bigint,
							   OUT leads_rule bigint)
LANGUAGE plpgsql AS $$
DECLARE
	a record;
	s bigint;
	ids bigint[];
	fps newsprint.fingerprint[];
BEGIN
	CREATE TEMP TABLE sb AS
	SELECT * FROM newsprint.cluster_stories('shuffled', order_column => 'published_at',
											time_window => w);
	TRUNCATE shuffled_leaders;
	CREATE TEMP TABLE sa AS
	SELECT id, newsprint.assign_story('shuffled_leaders', id, fp, published_at,
									  time_window => w) AS story
	FROM (SELECT * FROM shuffled ORDER BY published_at, id) x;
	CREATE TEMP TABLE sr (id bigint, story bigint, fp newsprint.fingerprint,
						  published_at timestamptz, leads boolean, n serial);
	FOR a IN SELECT id, fp, published_at FROM shuffled ORDER BY published_at, id LOOP
		-- the leaders a matches within the window, the best first
		SELECT array_agg(l.id ORDER BY m DESC, newsprint.similarity(a.fp, l.fp) DESC, l.n),
			   array_agg(l.fp ORDER BY m DESC, newsprint.similarity(a.fp, l.fp) DESC, l.n)
		INTO ids, fps
		FROM sr l,
			 LATERAL rule_match(a.fp, l.fp,
								coalesce(w IS NOT NULL AND isfinite(a.published_at)
										 AND isfinite(l.published_at), false),
								within_window(a.published_at, l.published_at, '20 hours')) m
		WHERE l.leads AND m IS NOT NULL
		  AND within_window(a.published_at, l.published_at, w);
		s := ids[1];
		-- a round-up of the best leader and another that a matches starts a
		-- story that it does not lead, and is no late copy
		IF EXISTS (SELECT FROM generate_subscripts(ids, 1) k
				   WHERE k > 1 AND roundup_ref(a.fp, fps[1], fps[k])) THEN
			INSERT INTO sr (id, story, fp, published_at, leads)
			VALUES (a.id, a.id, a.fp, a.published_at, false);
			CONTINUE;
		END IF;
		-- none within the window: a late copy (0.9 of a in the leader, 0.55
		-- within two windows, the rule without a time test, neither tiny)
		-- of a leader out of it; a tiny pair within two windows, a
		-- next-day copy as story_match() given the two times says
		IF s IS NULL THEN
			SELECT l.id INTO s
			FROM sr l,
				 LATERAL (SELECT least(newsprint.shingle_count(a.fp),
									   newsprint.shingle_count(l.fp)) < 40 AS tiny) p,
				 LATERAL (SELECT CASE WHEN NOT p.tiny THEN rule_match(a.fp, l.fp, false)
									  WHEN within_window(a.published_at, l.published_at, w * 2)
									  THEN newsprint.story_match(a.fp, l.fp,
											a_time => a.published_at,
											b_time => l.published_at, time_window => w)
								 END AS m) t
			WHERE l.leads AND t.m IS NOT NULL
			  AND NOT within_window(a.published_at, l.published_at, w)
			  AND (p.tiny OR newsprint.containment(a.fp, l.fp) >=
				   CASE WHEN within_window(a.published_at, l.published_at, w * 2)
						THEN 0.55 ELSE 0.9 END)
			ORDER BY t.m DESC, newsprint.similarity(a.fp, l.fp) DESC, l.n
			LIMIT 1;
		END IF;
		INSERT INTO sr (id, story, fp, published_at, leads)
		VALUES (a.id, coalesce(s, a.id), a.fp, a.published_at, s IS NULL);
	END LOOP;
	joined := (SELECT count(*) FROM sb WHERE id <> story) > 0;
	batch_assign := (SELECT count(*) FROM sb FULL JOIN sa USING (id)
					 WHERE sb.story IS DISTINCT FROM sa.story);
	batch_rule := (SELECT count(*) FROM sb FULL JOIN sr USING (id)
				   WHERE sb.story IS DISTINCT FROM sr.story);
	-- the batch's leads: not the round-ups (a story of its first article
	-- that nothing leads; an URGENT one-liner whose write-through took its
	-- story over leads no more, and the write-through does), the rows
	-- assign_story() adds to its leaders table (under the story, with the
	-- fingerprint of the row that leads), and the rule's leaders
	round_ups := (SELECT count(*) FROM sb WHERE id = story AND NOT leads
				  AND NOT EXISTS (SELECT FROM sb l WHERE l.story = sb.story AND l.leads));
	leads_assign := (SELECT count(*)
					 FROM (SELECT b.story, x.fp FROM sb b JOIN shuffled x USING (id)
						   WHERE b.leads) b
					 FULL JOIN shuffled_leaders l USING (story)
					 WHERE b.fp IS NULL OR l.fp IS NULL OR b.fp::text <> l.fp::text);
	leads_rule := (SELECT count(*) FROM sb FULL JOIN sr USING (id)
				   WHERE sb.leads IS DISTINCT FROM sr.leads);
	DROP TABLE sb, sa, sr;
END
$$;
SELECT w AS time_window, c.*
FROM unnest(ARRAY['0', '1 hour', '20 hours', '2 days', NULL]::interval[]) w,
	 LATERAL shuffled_check(w) c;
-- story_match() given the pair's times is the rule and that window: on
-- every ordered pair of the shuffled sample the rule may join (the rule
-- without its name tests joins it, given one time for both), at each window, it gives, when the
-- SQL window does not hold, rule_match()'s evidence without a time test
-- for a late copy (0.9 of a in b, 0.55 within two windows, neither tiny)
-- and NULL for any other pair, else
-- rule_match()'s evidence with a time test when both times are known and
-- there is a window (near: at most 20 hours apart), without one otherwise
-- (joined: how many it keeps)
CREATE TABLE shuffled_pairs AS
SELECT a.published_at AS a_time, l.published_at AS l_time, a.fp AS a_fp, l.fp AS l_fp,
	   rule_match(a.fp, l.fp, false) AS m_untimed, rule_match(a.fp, l.fp, true) AS m_timed,
	   rule_match(a.fp, l.fp, true, false) AS m_far
FROM shuffled a JOIN shuffled l ON a.id <> l.id
WHERE newsprint.story_match(a.fp, l.fp, min_named => 0, a_time => '2026-01-01 00:00+00',
							b_time => '2026-01-01 00:00+00') IS NOT NULL;
SELECT w AS time_window, count(*) AS pairs,
	   count(t.m) AS joined,
	   count(*) FILTER (WHERE t.m IS DISTINCT FROM
						CASE WHEN NOT within_window(p.a_time, p.l_time, w)
							 THEN CASE WHEN newsprint.containment(p.a_fp, p.l_fp) >=
											CASE WHEN within_window(p.a_time, p.l_time, w * 2)
												 THEN 0.55 ELSE 0.9 END
											AND least(newsprint.shingle_count(p.a_fp),
													  newsprint.shingle_count(p.l_fp)) >= 40
									   THEN p.m_untimed END
							 WHEN w IS NOT NULL AND isfinite(p.a_time) AND isfinite(p.l_time)
							 THEN CASE WHEN within_window(p.a_time, p.l_time, '20 hours')
									   THEN p.m_timed ELSE p.m_far END
							 ELSE p.m_untimed END) AS differences
FROM unnest(ARRAY['0', '1 hour', '20 hours', '2 days', NULL]::interval[]) WITH ORDINALITY AS u(w, n),
	 shuffled_pairs p,
	 LATERAL (SELECT newsprint.story_match(p.a_fp, p.l_fp, a_time => p.a_time, b_time => p.l_time,
										   time_window => w) AS m) t
GROUP BY u.n, w ORDER BY u.n;

-- the same check on the recurring items of test/data/stories/recurring.tsv
-- (30 series of briefs and short tables, with their re-sends, corrections,
-- relays and write-throughs), their times drawn again over four days, a
-- fifth of them NULL: many items of one series fall within the window of
-- each other (the rule without the names test of short items), many pairs
-- have no time test (the rule with it)
CREATE TABLE recurring_items (id bigint, published_at timestamptz, series text, truth text,
	kind text, outlet text, body text);
\copy recurring_items FROM 'test/data/stories/recurring.tsv'
TRUNCATE shuffled;
INSERT INTO shuffled
SELECT id, newsprint.fingerprint(body),
	   CASE WHEN r < 0.2 THEN NULL ELSE t END
FROM (SELECT id, body, random() AS r,
			 timestamptz '2026-11-01 00:00+00' + random() * interval '4 days' AS t
	  FROM recurring_items ORDER BY id) s;
SELECT w AS time_window, c.*
FROM unnest(ARRAY['20 hours', '2 days', NULL]::interval[]) w,
	 LATERAL shuffled_check(w) c;

-- pairs of short items in the demo sample (both under 150 shingles) that the
-- rule joins only with a time test: their names and figures differ
SELECT count(*) AS joined_only_with_a_time_test
FROM sample a JOIN sample b ON b.id < a.id
WHERE newsprint.shingle_count(a.fp) < 150 AND newsprint.shingle_count(b.fp) < 150
  AND newsprint.story_match(a.fp, b.fp) IS NULL AND rule_match(a.fp, b.fp, true) IS NOT NULL;

-- on UPDATE the trigger assigns the article again against the leaders table
-- as it is, and a leader's row keeps the time (and fingerprint) its article
-- had when the story started: moved three days later, the leader is out of
-- the window of its copy an hour after its new time, which joins it only as
-- a late copy (no leader within the window takes it).  Updating the leaders
-- table with the article puts them together within the window again
-- (doc/stories.md)
CREATE TABLE moved (id bigint, published_at timestamptz, fp newsprint.fingerprint, story bigint);
CREATE TABLE moved_leaders (LIKE story_leaders INCLUDING ALL);
CREATE TRIGGER set_story BEFORE INSERT OR UPDATE ON moved
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('moved_leaders');
INSERT INTO moved SELECT 1, '2026-11-07 18:05+00', fp FROM weekly WHERE id = 1;
UPDATE moved SET published_at = '2026-11-10 18:05+00' WHERE id = 1;
INSERT INTO moved SELECT 2, '2026-11-10 19:05+00', fp FROM weekly WHERE id = 1;
SELECT id, story FROM moved ORDER BY id;
SELECT story, published_at = '2026-11-07 18:05+00' AS old_time FROM moved_leaders ORDER BY story;
DELETE FROM moved WHERE id = 2;
DELETE FROM moved_leaders WHERE story = 2;
UPDATE moved_leaders l SET published_at = m.published_at, fp = m.fp
FROM moved m WHERE l.story = m.id;
INSERT INTO moved SELECT 2, '2026-11-10 19:05+00', fp FROM weekly WHERE id = 1;
SELECT id, story FROM moved ORDER BY id;

-- a timestamp order column is read in order of its cast, the time compared:
-- 02:30 of the hour that America/New_York skips is 03:30 EDT, after 03:10.
-- So 2 leads, as it would with assign_story() in order of the timestamptz;
-- without the window the order is the column's, and 1 leads
SET TimeZone = 'America/New_York';
CREATE TABLE dst (id bigint, local_time timestamp, fp newsprint.fingerprint);
INSERT INTO dst SELECT 1, '2027-03-14 02:30', fp FROM weekly WHERE id = 1;
INSERT INTO dst SELECT 2, '2027-03-14 03:10', fp FROM weekly WHERE id = 1;
SELECT id, local_time::timestamptz AS time_compared FROM dst ORDER BY id;
SELECT id, story FROM newsprint.cluster_stories('dst', order_column => 'local_time') ORDER BY id;
SELECT id, story FROM newsprint.cluster_stories('dst', order_column => 'local_time', time_window => NULL) ORDER BY id;
RESET TimeZone;

-- the parameters
SELECT count(DISTINCT story) FROM newsprint.cluster_stories('sample', threshold => 0.3);
SELECT count(DISTINCT story) FROM newsprint.cluster_stories('sample', tiny_shingles => 0);
SELECT newsprint.story_match(a.fp, a.fp) FROM briefs a WHERE id = 1;
SELECT newsprint.story_match(NULL, a.fp) FROM briefs a WHERE id = 1;

-- a NULL threshold is newsprint.same_story_threshold; at its default (-1)
-- that is the default of the pair's format, as for is_same_story: 0.12 in
-- version 2, 0.6 in version 1.  A rewrite of the wire that keeps 16% of its
-- running text (27% of its 3-word shingles):
CREATE TABLE pension AS
SELECT a.fp AS a2, b.fp AS b2,
	   newsprint.fingerprint(a.body, true, 160, 1) AS a1,
	   newsprint.fingerprint(b.body, true, 160, 1) AS b1
FROM sample a, sample b
WHERE a.source = 'rewrites/16_uk_pension_age_vote/midmarket_wholly.txt'
  AND b.source = 'rewrites/16_uk_pension_age_vote/wire.txt';
SELECT round(newsprint.story_match(a2, b2)::numeric, 3) AS v2_default,
	   newsprint.story_match(a2, b2, 0.6) AS v2_at_06,
	   newsprint.story_match(a1, b1) AS v1_default,
	   round(newsprint.story_match(a1, b1, 0.12)::numeric, 3) AS v1_at_012
FROM pension;
SET newsprint.same_story_threshold = 0.2;
SELECT newsprint.story_match(a2, b2) AS v2_at_guc, round(newsprint.story_match(a1, b1)::numeric, 3) AS v1_at_guc
FROM pension;
RESET newsprint.same_story_threshold;
-- -1 as an argument is no threshold
SELECT newsprint.story_match(a2, b2, -1) FROM pension;
-- min_shared is never below the format's minimum evidence (5 shared hashes
-- in version 2): two words of prose are not a story, even to themselves
SELECT newsprint.story_match(newsprint.fingerprint(t), newsprint.fingerprint(t), min_shared => 1) AS v2,
	   newsprint.story_match(newsprint.fingerprint(t, true, 160, 1), newsprint.fingerprint(t, true, 160, 1), min_shared => 1) AS v1
FROM (VALUES ('The bakery chain opened.')) v(t);

-- a small memory budget drops old leaders and says so; with the window,
-- those out of it first, so the stories do not change
SET maintenance_work_mem = '1MB';
SET client_min_messages = notice;
CREATE TABLE small_batch AS
SELECT * FROM newsprint.cluster_stories('sample', order_column => 'published_at');
SET client_min_messages = warning;
SELECT count(*) AS articles, count(*) FILTER (WHERE b.story IS DISTINCT FROM s.story) AS differences
FROM batch b FULL JOIN small_batch s USING (id);
-- wherever they are: an article at -infinity (no time) is read first and
-- leads a story, and is kept, without keeping the leaders after it that are
-- out of the window.  An article may differ: a late copy (679, an
-- aggregator's copy of 630 a day later, beyond the window) whose leader
-- the budget drops as out of the window joins 630 only with the memory to
-- keep it.  It differed until the twenty-third session; with follow-ups
-- parted (fp_follow.sql) the budget drops other leaders (396, not 403),
-- 630 no longer among them, and none differs
CREATE TABLE sample_inf AS SELECT id, published_at, fp FROM sample;
UPDATE sample_inf SET published_at = '-infinity' WHERE id = 5;
SET client_min_messages = notice;
TRUNCATE small_batch;
INSERT INTO small_batch
SELECT * FROM newsprint.cluster_stories('sample_inf', order_column => 'published_at');
RESET maintenance_work_mem;
SET client_min_messages = warning;
SELECT count(*) AS articles, count(*) FILTER (WHERE b.story IS DISTINCT FROM s.story) AS differences
FROM newsprint.cluster_stories('sample_inf', order_column => 'published_at') b
FULL JOIN small_batch s USING (id);
-- but an article without a time has no time test: it may join a leader
-- of any time, and the leaders dropped as out of the window are gone for it
-- (a notice says how many when the articles without a time, read last,
-- begin).  The copies of the first day's stories without their times: at
-- 1 MB some no longer find their leaders, and the articles with a time
-- keep their stories
CREATE TABLE sample_null AS SELECT id, published_at, fp FROM sample;
UPDATE sample_null n SET published_at = NULL
FROM batch b JOIN sample l ON l.id = b.story
WHERE b.id = n.id AND b.story <> b.id
  AND l.published_at < (SELECT min(published_at) + interval '1 day' FROM sample);
SET maintenance_work_mem = '1MB';
SET client_min_messages = notice;
TRUNCATE small_batch;
INSERT INTO small_batch
SELECT * FROM newsprint.cluster_stories('sample_null', order_column => 'published_at');
RESET maintenance_work_mem;
SET client_min_messages = warning;
SELECT count(*) FILTER (WHERE n.published_at IS NULL) AS without_time,
	   count(*) FILTER (WHERE b.story IS DISTINCT FROM s.story) AS differences,
	   count(*) FILTER (WHERE b.story IS DISTINCT FROM s.story
						  AND n.published_at IS NOT NULL) AS differences_with_time
FROM newsprint.cluster_stories('sample_null', order_column => 'published_at') b
JOIN small_batch s USING (id) JOIN sample_null n USING (id);

-- keys held by more than 1,024 leaders are formulas, never read; with a
-- time window only the holders that may be within the window of the
-- article count.  1,100 articles an hour apart open with the same 30 words
-- (28 sampled hashes, about 0.11 of each: no two of them match) and go on
-- with words of their own; two days after the last, two short items carry
-- the same 30 words and match: more than 1,024 leaders hold each of the
-- hashes they share, none of them within 20 hours of the pair (and 20 or
-- fewer within 20 hours before any of the 1,100).  The batch form finds
-- the pair, as the rule applied to every pair within the window does
CREATE FUNCTION pg_temp.words(seed text, n int) RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(translate(left(md5(seed || ':' || j), 7), '0123456789', 'ghijklmnop'), ' ' ORDER BY j)
	FROM generate_series(1, n) j $$;
CREATE TABLE formula (id bigint PRIMARY KEY, published_at timestamptz, body text);
INSERT INTO formula
SELECT i, timestamptz '2026-01-01 00:00+00' + i * interval '1 hour',
	   pg_temp.words('c', 30) || ' ' || pg_temp.words('u' || i, 218)
FROM generate_series(1, 1100) i;
INSERT INTO formula VALUES
	(2001, timestamptz '2026-03-01 00:00+00', pg_temp.words('c', 30) || ' ' || pg_temp.words('t1', 22)),
	(2002, timestamptz '2026-03-01 02:00+00', pg_temp.words('c', 30) || ' ' || pg_temp.words('t2', 22));
ALTER TABLE formula ADD COLUMN fp newsprint.fingerprint;
UPDATE formula SET fp = newsprint.fingerprint(body);
SELECT count(*) FILTER (WHERE newsprint.sample_size(fp) < newsprint.shingle_count(fp)) AS truncated,
	   min(newsprint.sample_size(fp)) FILTER (WHERE id <= 1100) AS min_sample
FROM formula;
SELECT newsprint.story_match(a.fp, b.fp) AS short_items,
	   (SELECT newsprint.story_match(c.fp, d.fp) FROM formula c, formula d
		WHERE c.id = 2 AND d.id = 1) AS long_items,
	   (SELECT count(*) FROM formula c
		WHERE c.id <= 1100
		  AND newsprint.containment(b.fp, c.fp) = newsprint.containment(b.fp, a.fp)) AS leaders_sharing_as_much
FROM formula a, formula b WHERE a.id = 2002 AND b.id = 2001;
CREATE TABLE formula_batch AS
SELECT * FROM newsprint.cluster_stories('formula', order_column => 'published_at');
SELECT count(DISTINCT story) AS stories,
	   (SELECT story FROM formula_batch WHERE id = 2002) AS story_of_2002
FROM formula_batch;
CREATE TABLE formula_brute (id bigint, story bigint);
SELECT brute_fill('formula', 'formula_brute');
SELECT count(*) AS differences
FROM formula_batch FULL JOIN formula_brute USING (id)
WHERE formula_batch.story IS DISTINCT FROM formula_brute.story;

-- at insert time the leaders' times are not in the index: assign_story()'s
-- search, once it is over 32,768 postings (read, or as the index
-- estimates them), leaves out the keys of which it counts more than 256
-- postings, held by leaders of the whole table, so that a formula or a
-- recurring template does not make every insert read the table's history.
-- So, once 2001 has left the index's pending list (whose rows every search
-- compares whole), 2002 does not find it: the one difference with the batch form (doc/stories.md,
-- "Cost"; 400 more articles with the 30 words, a month before the rest,
-- take the search past its budget).  A copy of 2001 an hour later finds it
-- through its own words,
-- comparing a few leaders where the search compared 1,501 (it reads each
-- of the 30 words' keys until 256 postings have passed, a page at a time:
-- 26,744 postings against 36,047; enable_seqscan is off, as the search
-- itself sets it); and a republication of 7 three days after the last
-- article is found as a late copy by a second search, through its rarest
-- keys, as the batch form finds it
CREATE TABLE formula2 AS SELECT * FROM formula;
INSERT INTO formula2 (id, published_at, body)
SELECT 5000 + i, timestamptz '2025-12-01 00:00+00' + i * interval '1 hour',
	   pg_temp.words('c', 30) || ' ' || pg_temp.words('v' || i, 218)
FROM generate_series(1, 400) i;
INSERT INTO formula2 (id, published_at, body)
SELECT 3001, timestamptz '2026-03-04 00:00+00', body FROM formula WHERE id = 7;
UPDATE formula2 SET fp = newsprint.fingerprint(body) WHERE fp IS NULL;
CREATE TABLE formula_leaders (story bigint PRIMARY KEY,
	fp newsprint.fingerprint NOT NULL, published_at timestamptz);
CREATE INDEX formula_leaders_fp ON formula_leaders USING npidx (fp);
SET enable_seqscan = off;
CREATE TABLE formula_inc AS
SELECT f.id, newsprint.assign_story('formula_leaders', f.id, f.fp, f.published_at) AS story
FROM formula2 f WHERE f.id <= 2001 OR f.id > 5000 ORDER BY f.published_at, f.id;
SELECT newsprint.npidx_clean_pending_list('formula_leaders_fp') > 0 AS merged;
INSERT INTO formula_inc
SELECT id, newsprint.assign_story('formula_leaders', id, fp, published_at)
FROM formula2 WHERE id = 2002;
SELECT newsprint.assign_story('formula_leaders', 2003, fp, published_at + interval '1 hour')
	AS story_of_a_copy_of_2001
FROM formula2 WHERE id = 2001;
SELECT keys_skipped >= 28 AS formula_keys_left_out, candidates < 10 AS few_candidates
FROM newsprint.npidx_scan_stats();
SELECT newsprint.assign_story('formula_leaders', id, fp, published_at) AS story_of_3001
FROM formula2 WHERE id = 3001;
RESET enable_seqscan;
SELECT string_agg(format('%s: %s, %s', id, b.story, i.story), '; ' ORDER BY id) AS "differences: id: batch, assign_story"
FROM newsprint.cluster_stories('formula2', order_column => 'published_at') b
FULL JOIN formula_inc i USING (id)
WHERE b.story IS DISTINCT FROM i.story AND id <> 3001;
SELECT story AS batch_story_of_3001
FROM newsprint.cluster_stories('formula2', order_column => 'published_at') WHERE id = 3001;

-- bad input
SELECT * FROM newsprint.cluster_stories(NULL);
SELECT * FROM newsprint.cluster_stories('sample', 'nope');
SELECT * FROM newsprint.cluster_stories('sample', fingerprint_column => 'body');
SELECT * FROM newsprint.cluster_stories('sample', order_column => 'nope');
SELECT * FROM newsprint.cluster_stories('sample', threshold => 0);
SELECT * FROM newsprint.cluster_stories('sample', threshold => 'NaN');
SELECT * FROM newsprint.cluster_stories('sample', min_shared => 0);
SELECT * FROM newsprint.cluster_stories('sample', tiny_shingles => -1);
SELECT * FROM newsprint.cluster_stories('sample', tiny_similarity => 1.5);
SELECT * FROM newsprint.cluster_stories('sample', min_named => -1);
SELECT * FROM newsprint.cluster_stories('sample', time_window => '-1 second');
SELECT * FROM newsprint.cluster_stories('sample', time_window => '1 month -31 days');
SELECT newsprint.assign_story('story_leaders', 1, NULL, time_window => '-1 day');
-- a date past timestamptz's range (year 294276) has no time to compare:
-- with the window, the cast fails; without, the date only orders
CREATE TABLE far (id bigint, day date, fp newsprint.fingerprint);
INSERT INTO far SELECT 1, '300000-01-01', fp FROM weekly WHERE id = 1;
SELECT * FROM newsprint.cluster_stories('far', order_column => 'day');
SELECT id, story FROM newsprint.cluster_stories('far', order_column => 'day', time_window => NULL);
SELECT newsprint.assign_story(NULL, 1, NULL);
SELECT newsprint.assign_story('story_leaders', 1, NULL);
SELECT newsprint.assign_story('sample', 1, (SELECT fp FROM sample WHERE id = 1));
SELECT newsprint.story_trigger();
CREATE TABLE gen (id bigint, body text, fp newsprint.fingerprint GENERATED ALWAYS AS (newsprint.fingerprint(body)) STORED, story bigint);
CREATE TRIGGER set_story BEFORE INSERT ON gen
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('trigger_leaders', 'story', 'id', 'fp', '');
INSERT INTO gen (id, body) VALUES (1, 'text');
CREATE TABLE gen2 (id bigint, fp newsprint.fingerprint);
CREATE TRIGGER set_story BEFORE INSERT ON gen2
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('trigger_leaders');
INSERT INTO gen2 VALUES (1, NULL);
CREATE TABLE gen3 (id bigint, fp newsprint.fingerprint, published_at timestamptz, story bigint);
CREATE TRIGGER set_story BEFORE INSERT ON gen3
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('trigger_leaders', 'story', 'id', 'fp', 'published_at', 'soon');
INSERT INTO gen3 SELECT id, fp, published_at FROM sample WHERE id = 1;
DROP TRIGGER set_story ON gen3;
CREATE TRIGGER set_story BEFORE INSERT ON gen3
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('trigger_leaders', 'story', 'id', 'fp', 'published_at', '-2 days');
INSERT INTO gen3 SELECT id, fp, published_at FROM sample WHERE id = 1;
DROP TRIGGER set_story ON gen3;
CREATE TRIGGER set_story BEFORE INSERT ON gen3
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('trigger_leaders', 'story', 'id', 'fp', 'published_at', '1 day', 'extra');
INSERT INTO gen3 SELECT id, fp, published_at FROM sample WHERE id = 1;

DROP TABLE sample, batch, brute, story_leaders, incoming, triggered, trigger_leaders,
	roundup, frames, frame_leaders, briefs, notices, notice_leaders, tables_, table_leaders,
	pension, gen, gen2, gen3, weekly, weekly_leaders, weekly_trig, weekly_trig_leaders, resend,
	resend_text, late,
	formula, formula_batch, formula_brute, formula2, formula_leaders, formula_inc, pair_leaders, recurring, recurring_leaders, recurring_trig,
	recurring_items, rigs, rigs_assigned, sales, sales_assigned,
	small_batch, sample_inf, sample_null, resend_untimed, resend_part, dst, far, moved, moved_leaders, shuffled, shuffled_leaders,
	shuffled_pairs;
DROP FUNCTION shuffled_check(interval), within_window(timestamptz, timestamptz, interval),
	named_overlap(newsprint.fingerprint, newsprint.fingerprint),
	brute_fill(regclass, regclass),
	rule_match(newsprint.fingerprint, newsprint.fingerprint, boolean, boolean);

-- A tiny pair is_same_story rejects for its names (a brief leader whose
-- only names are not in a 40-shingle article of the same text).  The batch
-- and assign_story() agree: the rule asks a tiny pair holding a brief to
-- meet is_same_story's names rule too, so neither joins them.
CREATE TABLE tinyname (id bigint PRIMARY KEY, body text, fp newsprint.fingerprint, published_at timestamptz);
INSERT INTO tinyname (id, body, published_at)
SELECT i, array_to_string((string_to_array('the board of directors declared a regular quarterly dividend payable to shareholders of record at the close of business next month the company said in a statement released after the market closed on the exchange adding that the payment reflects the continued strength of its balance sheet and its cash flow over the year', ' '))[1:n], ' ') || tail, t
FROM (VALUES (1, 47, ', said Zorblat Quentaro on Tuesday.', '2026-01-01 10:00+00'::timestamptz),
			 (2, 50, '.', '2026-01-01 11:00+00')) v(i, n, tail, t);
UPDATE tinyname SET fp = newsprint.fingerprint(body);
SELECT newsprint.shingle_count(a.fp) AS brief_shingles,
	   newsprint.shingle_count(b.fp) AS article_shingles,
	   newsprint.story_match(b.fp, a.fp) IS NOT NULL AS rule_joins,
	   newsprint.is_same_story(a.fp, b.fp, 0.6) AS same_story
FROM tinyname a, tinyname b WHERE a.id = 1 AND b.id = 2;
SELECT id, story FROM newsprint.cluster_stories('tinyname', order_column => 'published_at') ORDER BY id;
CREATE TABLE tinyname_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint, published_at timestamptz);
CREATE INDEX ON tinyname_leaders USING npidx (fp);
SELECT id, newsprint.assign_story('tinyname_leaders', id, fp, published_at) AS story
FROM tinyname ORDER BY published_at;
DROP TABLE tinyname, tinyname_leaders;
