--
-- House formulas in a partial version (doc/stories.md, "House formulas in
-- a partial version"; stories.h, STORY_PARTIAL_NAMED).  Two companies'
-- asset sales written in one agency formula ("said it has agreed in
-- principle to sell its ...", "which is subject to a definitive
-- agreement", "had sales of about ... mln dlrs last year") share 0.38 of
-- the shorter one's evidence, within the hour, and none of their names and
-- figures: each company's name stands before "said" (no evidence), and the
-- units, buyers and amounts in the formula's slots differ.  Neither is
-- mostly in the other and the pair is no low link (over 0.35 one way), so
-- on main the second sale joined the first within the time window.  A
-- partial version of the first sale joins it: a newspaper's rewrite that
-- keeps its second sentence (3 shared hashes that hold a name), and an
-- agency's shorter take that names the unit once (1).  With the story
-- rule's name tests off (min_named => 0) the sale is two items all the
-- same since 7 December 2026: each shares over 0.3 of the other, their
-- subjects differ and neither is among the other's names
-- (doc/fingerprint.md, "The names a text holds").
--
SET client_min_messages = warning;
CREATE TABLE formula (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp newsprint.fingerprint);
INSERT INTO formula (id, name, published_at, body) VALUES
 (1, 'marrick_sale', '2026-05-12 09:00+00', E'MARRICK FOODS <MRF> TO SELL FROZEN VEGETABLE UNIT\n    DES MOINES, Iowa, May 12 - Marrick Foods Inc said it has agreed in principle to sell its Greenvale frozen vegetable unit to Tolliver Brands Corp for about 46 mln dlrs in cash and stock.\n    The company said it expects to record a gain on the sale, which is subject to a definitive agreement and approval by Tolliver''s board, and will use the proceeds to pay down bank debt.\n    Greenvale, which packs peas, corn and beans at two plants in Minnesota, had sales of about 88 mln dlrs last year.'),
 (2, 'kestrel_sale', '2026-05-12 09:20+00', E'KESTREL PAPER <KSP> TO SELL PACKAGING DIVISION\n    ATLANTA, May 12 - Kestrel Paper Co said it has agreed in principle to sell its corrugated packaging division to a group of private investors for about 30 mln dlrs in cash.\n    The company said it expects a small charge on the sale, which is subject to a definitive agreement and the buyers obtaining financing.\n    The division, which employs 600 people at three mills in Georgia, had sales of about 71 mln dlrs last year.'),
 (3, 'marrick_rewrite', '2026-05-12 10:00+00', E'Marrick agrees Greenvale sale\nMarrick Foods is selling its frozen vegetable business, Greenvale, to Tolliver Brands in a deal worth about $46 million, the Iowa grocery group said on Tuesday.\nThe company said it expects to record a gain on the sale, which is subject to a definitive agreement and approval by Tolliver''s board, and will use the proceeds to pay down bank debt.\nAnalysts said the price looked full for a business that has been losing shelf space to store brands.'),
 (4, 'marrick_take', '2026-05-12 11:00+00', E'MARRICK FOODS SELLING VEGETABLE BUSINESS\n    Marrick Foods Inc said it has agreed in principle to sell its Greenvale business for an undisclosed sum in cash and stock.\n    The company said it expects to record a gain on the sale, which is subject to a definitive agreement.\n    It said the business packs vegetables and would go, with both plants and their staff, to the buyer, and that no jobs would be lost.');
UPDATE formula SET fp = newsprint.fingerprint(body);

-- what each pair shares: sampled hashes, those that hold a name or a
-- figure (the name bit, the lowest), containment of the later article in
-- the earlier and back; then the rule within the window, without a time
-- test (where the versions are refused too: two short items must agree in
-- their names and figures, stories.h's STORY_BRIEF_SHINGLES), and with the
-- name tests off (min_named => 0)
SELECT b.name AS article, a.name AS leader,
	   newsprint.shingle_count(b.fp) AS shingles,
	   (SELECT count(*) FROM unnest(newsprint.npidx_keys(a.fp)) x
		  JOIN unnest(newsprint.npidx_keys(b.fp)) y ON x = y) AS shared,
	   (SELECT count(*) FROM unnest(newsprint.npidx_keys(a.fp)) x
		  JOIN unnest(newsprint.npidx_keys(b.fp)) y ON x = y WHERE x & 1 = 1) AS named,
	   round(newsprint.containment(b.fp, a.fp)::numeric, 3) AS in_leader,
	   round(newsprint.containment(a.fp, b.fp)::numeric, 3) AS leader_in,
	   newsprint.story_match(b.fp, a.fp, a_time => b.published_at,
							 b_time => a.published_at) IS NOT NULL AS timed,
	   newsprint.story_match(b.fp, a.fp) IS NOT NULL AS untimed,
	   newsprint.story_match(b.fp, a.fp, min_named => 0, a_time => b.published_at,
							 b_time => a.published_at) IS NOT NULL AS without_names
  FROM formula a JOIN formula b ON a.id < b.id
 WHERE a.id = 1
 ORDER BY b.id;

-- the batch form: the other company's sale is a story of its own, both
-- versions join the first sale; with min_named => 0 too (the names the
-- two texts hold part them)
SELECT f.name, s.name AS story
  FROM newsprint.cluster_stories('formula', 'id', 'fp', 'published_at') c
  JOIN formula f ON f.id = c.id
  JOIN formula s ON s.id = c.story
 ORDER BY f.id;
SELECT f.name, s.name AS story
  FROM newsprint.cluster_stories('formula', 'id', 'fp', 'published_at', min_named => 0) c
  JOIN formula f ON f.id = c.id
  JOIN formula s ON s.id = c.story
 ORDER BY f.id;

-- at insert time, in publication order: the same stories
CREATE TABLE formula_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON formula_leaders USING npidx (fp);
WITH a AS MATERIALIZED (
	SELECT id, newsprint.assign_story('formula_leaders', id, fp, published_at) AS story
	  FROM formula ORDER BY published_at, id)
SELECT f.name, s.name AS story
  FROM a JOIN formula f ON f.id = a.id JOIN formula s ON s.id = a.story
 ORDER BY f.id;

DROP TABLE formula_leaders;
DROP TABLE formula;
