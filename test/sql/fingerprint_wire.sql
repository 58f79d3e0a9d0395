--
-- fingerprint_wire: wire-shaped duplicates of real text that same_story
-- must find (doc/fingerprint.md, "Which copies same_story misses")
--
SET search_path = newsprint, public;

-- An URGENT brief against its write-through: a known miss.  The brief's
-- one sentence is dense in names and figures (a storm, a category, winds
-- in two units, a dateline): its fact shingles outnumber its narrative
-- ones, so rows outweigh running text and all 27 are its evidence, while
-- the story, mostly running text, samples only its narrative shingles:
-- the brief finds 0.48 of itself in the story, under the brief rule's 0.7.
-- (Making facts evidence only beyond 1.25 per narrative shingle found it,
-- 13 of 13, and was not kept: doc/fingerprint.md, "Which copies
-- same_story misses".)
CREATE TEMP TABLE urgent (name text, body text);
INSERT INTO urgent VALUES
  ('brief', $$URGENT: Storm Vela strengthens to Category 3

MIAMI, Aug 29 (Wire) - Hurricane Vela strengthened to a Category 3 storm with winds of 115 mph (185 km/h) off Cuba on Tuesday, the U.S. National Hurricane Center said.$$),
  ('story', $$Storm Vela strengthens to Category 3, heads for Florida coast

MIAMI, Aug 29 (Wire) - Hurricane Vela strengthened to a Category 3 storm with winds of 115 mph (185 km/h) off Cuba on Tuesday, the U.S. National Hurricane Center said.

Forecasters expect the storm to gather strength over the warm waters of the gulf before it makes landfall late on Wednesday, bringing a surge of water that could flood low-lying towns along the coast.

Residents of several coastal counties were told to leave their homes, and long queues formed at petrol stations as families loaded their cars and headed inland.

Emergency officials warned that power could be cut for days and urged those who stayed behind to keep water, food and medicine at hand.$$);
SELECT a.name AS a, b.name AS b, shingle_count(a.fp) AS a_evidence,
       shingle_count(b.fp) AS b_evidence,
       round(containment(a.fp, b.fp)::numeric, 3) AS a_in_b,
       same_story(a.fp, b.fp)
  FROM (SELECT name, fingerprint(body) AS fp FROM urgent) a,
       (SELECT name, fingerprint(body) AS fp FROM urgent) b
 WHERE a.name = 'brief' AND b.name = 'story';

-- The labelled set of test/data/fingerprint/wire_duplicates.tsv (made by
-- bench/wire_duplicates.py from Wikinews sentences, CC BY 2.5): 60 items
-- cut to wire sizes, each with its duplicates (re-sent, new headline, new
-- dateline, a figure or a name corrected, an URGENT brief of its lead, a
-- paragraph appended or cut).  Every change of the fingerprint or of the
-- rule shows here, found or lost, by kind.
CREATE TEMP TABLE wd (id int, item int, kind text, label text, body text);
\copy wd FROM 'test/data/fingerprint/wire_duplicates.tsv'
CREATE TEMP TABLE wdf AS SELECT id, item, kind, label, fingerprint(body) AS fp FROM wd;
SELECT d.kind, count(*) AS pairs,
       count(*) FILTER (WHERE same_story(o.fp, d.fp)) AS found
  FROM wdf o JOIN wdf d ON d.item = o.item AND o.kind = 'orig' AND d.label = 'dup'
 GROUP BY ROLLUP (d.kind) ORDER BY d.kind NULLS LAST;
-- the misses: URGENT briefs whose lead has more fact than narrative
-- shingles (a storm and its winds, a player, his club and his age), so
-- their names and figures are evidence that the full story does not
-- sample.  (Item 39's brief was a miss too until clean() kept the lead
-- of its full story, a paragraph on a paywall that names "subscribe" and
-- "subscription" and was taken for a banner.)
SELECT d.item, d.kind, shingle_count(o.fp) AS orig_evidence,
       shingle_count(d.fp) AS dup_evidence,
       round(greatest(containment(o.fp, d.fp), containment(d.fp, o.fp))::numeric, 3) AS containment
  FROM wdf o JOIN wdf d ON d.item = o.item AND o.kind = 'orig' AND d.label = 'dup'
 WHERE NOT same_story(o.fp, d.fp) ORDER BY d.item, d.kind;
-- texts of different items (different Wikinews reports) taken for one
-- story: every pair, through the index as by a scan
CREATE INDEX wdf_fp ON wdf USING npidx (fp);
SET enable_seqscan = off;
SELECT count(*) AS index_pairs FROM wdf a JOIN wdf b ON a.item < b.item AND same_story(b.fp, a.fp);
RESET enable_seqscan;
SELECT count(*) AS scan_pairs,
       count(DISTINCT (a.item, b.item)) AS item_pairs
  FROM wdf a JOIN wdf b ON a.item < b.item WHERE same_story(a.fp, b.fp);

-- An alert moved alone, one line under FLASH: (bench/wire_formats.py),
-- against its write-through: clean() dropped the line as a label, so the
-- alert had no evidence (doc/fingerprint.md, "Agency formats").  Now its
-- one line is its text, all in the write-through.
SELECT shingle_count(a.fp) AS alert_evidence,
       round(containment(a.fp, s.fp)::numeric, 3) AS alert_in_story,
       same_story(a.fp, s.fp)
  FROM (SELECT fingerprint(E'FLASH: Hurricane Vela strengthened to a Category 3 storm with winds of 115 mph\n'::text) AS fp) a,
       (SELECT fingerprint(body) AS fp FROM urgent WHERE name = 'story') s;

-- The agencies' formats the set above lacks (test/data/fingerprint/
-- wire_formats.tsv, its development half, made by bench/wire_formats.py
-- from Wikinews sentences, CC BY 2.5): CORRECTED briefs (a figure, a
-- name), UPDATE 1 with a new lead, REFILE, wraps with the dateline moved,
-- cuts to two paragraphs, URGENT and FLASH alerts, formula briefs
-- re-sent; and texts of another story in the item's format and formula
-- (label other), every pair of which is a different-story pair.
CREATE TEMP TABLE wf (id int, item int, kind text, label text, body text);
\copy wf FROM 'test/data/fingerprint/wire_formats.tsv'
CREATE TEMP TABLE wff AS SELECT id, item, kind, label, fingerprint(body) AS fp FROM wf;
SELECT d.kind, count(*) AS pairs,
       count(*) FILTER (WHERE same_story(o.fp, d.fp)) AS found
  FROM wff o JOIN wff d ON d.item = o.item AND o.kind = 'orig' AND d.label = 'dup'
 GROUP BY ROLLUP (d.kind) ORDER BY d.kind NULLS LAST;
-- the misses: one-sentence briefs corrected in their one name, whose
-- named hashes all differ (names in a brief)
SELECT d.item, d.kind, shingle_count(o.fp) AS orig_evidence,
       round(containment(d.fp, o.fp)::numeric, 3) AS containment
  FROM wff o JOIN wff d ON d.item = o.item AND o.kind = 'orig' AND d.label = 'dup'
 WHERE NOT same_story(o.fp, d.fp) ORDER BY d.item, d.kind;
-- other stories in one formula taken for one story: two companies'
-- dividend notices with the same amount and dates
SELECT x.kind, count(*) AS pairs,
       count(*) FILTER (WHERE same_story(x.fp, y.fp)) AS same_story
  FROM wff x JOIN wff y ON y.item = x.item AND y.label <> 'other'
 WHERE x.label = 'other' GROUP BY ROLLUP (x.kind) ORDER BY x.kind NULLS LAST;
CREATE INDEX wff_fp ON wff USING npidx (fp);
SET enable_seqscan = off;
SELECT count(*) AS index_pairs FROM wff a JOIN wff b ON a.item < b.item AND same_story(b.fp, a.fp);
RESET enable_seqscan;
SELECT count(*) AS scan_pairs FROM wff a JOIN wff b ON a.item < b.item WHERE same_story(a.fp, b.fp);

-- One-line notices under minimum evidence (doc/fingerprint.md, "Notices
-- under minimum evidence").  A notice whose name is in fact shingles and
-- whose running text is a formula has 4 evidence shingles, under the 5
-- shared hashes any containment needs: it matched nothing, not even an
-- exact copy of itself.  Such a text now samples its narrative, quoted
-- and fact shingles, the facts with the name bit, less those whose
-- capitalised words only continue a name ("Corp said it", in every Corp's
-- notice).  A re-send, exact, under a dateline or a headline, or with a
-- corrected name, is the same story; another company's notice in the same
-- formula, and the same company's other news, are not.
CREATE TEMP TABLE oneline (name text, body text);
INSERT INTO oneline VALUES
  ('notice', 'Bank of Nova Scota said it suspended its quarterly dividend.'),
  ('resent', 'Bank of Nova Scota said it suspended its quarterly dividend.'),
  ('dateline', 'TORONTO, March 2 (Reuters) - Bank of Nova Scota said it suspended its quarterly dividend.'),
  ('headline', E'BRIEF-Bank of Nova Scota suspends dividend\n\nBank of Nova Scota said it suspended its quarterly dividend.'),
  ('corrected', 'Bank of Nova Scotia said it suspended its quarterly dividend.'),
  ('other_bank', 'Bank of Montreal said it suspended its quarterly dividend.'),
  ('other_news', 'Bank of Nova Scotia said it raised its quarterly dividend.'),
  ('x_dufy', 'Dufy Corp said it suspended its quarterly dividend.'),
  ('x_meade', 'Meade Corp said it suspended its quarterly dividend.');
CREATE TEMP TABLE onelinef AS SELECT name, fingerprint(body) AS fp FROM oneline;
SELECT a.name AS a, b.name AS b, shingle_count(a.fp) AS a_shingles,
       shingle_count(b.fp) AS b_shingles,
       round(greatest(containment(a.fp, b.fp), containment(b.fp, a.fp))::numeric, 2) AS containment,
       same_story(a.fp, b.fp)
  FROM onelinef a, onelinef b WHERE a.name < b.name ORDER BY 1, 2;
-- through the index, as by a scan
CREATE INDEX onelinef_fp ON onelinef USING npidx (fp);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
  SELECT b.name FROM onelinef b WHERE same_story(b.fp, (SELECT fp FROM onelinef WHERE name = 'notice'));
SELECT a.name, array_agg(b.name ORDER BY b.name) AS same_story
  FROM onelinef a JOIN onelinef b ON same_story(b.fp, a.fp) AND b.name <> a.name
 GROUP BY a.name ORDER BY a.name;
RESET enable_seqscan;
SELECT a.name, array_agg(b.name ORDER BY b.name) AS same_story
  FROM onelinef a JOIN onelinef b ON same_story(b.fp, a.fp) AND b.name <> a.name
 GROUP BY a.name ORDER BY a.name;

-- The second floor (doc/fingerprint.md, "Notices under minimum evidence"):
-- a text still under 5 evidence shingles with the facts that begin a name
-- takes its other shingles too (the facts that continue a name, the
-- quoted ones, then the common ones), so that every text of 5 or more
-- distinct shingles finds itself.  A statement in a formula (3 evidence
-- shingles before), a quotation with its speaker (4), function words
-- alone (2); another speaker of the same quotation is not the same story.
CREATE TEMP TABLE under2 (name text, body text);
INSERT INTO under2 VALUES
  ('formula', 'The company said it had no further comment on the matter.'),
  ('quote', '"It is not for sale," said a spokesman for Hollis Baird Group.'),
  ('quote_other', '"It is not for sale," said a spokesman for Dufy Corp.'),
  ('stop', 'It said it would do so as soon as it could.'),
  ('stop_other', 'He said he would do so as soon as he could.');
CREATE TEMP TABLE under2f AS SELECT name, fingerprint(body) AS fp FROM under2;
SELECT name, shingle_count(fp) AS shingles, same_story(fp, fp), fp <% fp AS contained,
       fp %> fp AS contains, is_contained(fp, fp, 1.0) AS wholly
  FROM under2f ORDER BY name;
SELECT a.name AS a, b.name AS b, same_story(a.fp, b.fp)
  FROM under2f a, under2f b WHERE a.name < b.name ORDER BY 1, 2;
-- every window of 5 to 10 words of seven short texts (two results cards,
-- two earnings tables, one quotation said by two companies, a formula
-- sentence): each window of 5 or more distinct shingles (a version 1
-- sample holds them all) finds itself, by a scan and through the index
-- (126 did not before), and no two windows of different texts match but
-- where they hold the same words: the quotation's, with no speaker's name
-- on both sides
CREATE TEMP TABLE win_src (s int, body text);
INSERT INTO win_src VALUES
  (1, 'Con hold. Majority 447. Turnout 41.6 pct. T. Aldridge (Con) 11,403, S. Bhatt (Lab) 10,956, K. Morrow (Reform) 2,817.'),
  (2, 'Lab hold. Majority 4,335. Turnout 38.2 pct. J. Pemberton (Lab) 14,212, A. Okafor (Con) 9,877, R. Vance (LD) 3,104.'),
  (3, 'Braxton Industries Inc nine mths to Sept 30: Shr 1.42 dlrs vs 1.18 dlrs, Net 48.6 mln vs 40.1 mln, Revs 612.3 mln vs 577.9 mln.'),
  (4, 'Quillon Corp nine mths to Sept 30: Shr 87 cts vs 74 cts, Net 21.3 mln vs 18.2 mln, Revs 301.4 mln vs 288.0 mln.'),
  (5, '"It is not for sale," said a spokesman for Hollis Baird Group, who added that the company had no further comment on the matter.'),
  (6, '"It is not for sale," said a spokesman for Dufy Corp, who added that the company had no further comment on the matter.'),
  (7, 'Bank of Nova Scotia said it would do so as soon as it could, and that it had no comment on the report of the Royal Bank of Canada.');
CREATE TEMP TABLE win AS
SELECT row_number() OVER (ORDER BY s, i, n) AS id, s, body, fingerprint(body) AS fp,
       shingle_count(fingerprint(body, true, 256, 1)) AS distinct_shingles
  FROM (SELECT s, i, n, array_to_string(w[i:i + n - 1], ' ') AS body
		  FROM (SELECT s, regexp_split_to_array(body, ' ') AS w FROM win_src) x,
			   generate_series(1, 30) i, generate_series(5, 10) n
		 WHERE i + n - 1 <= array_length(w, 1)) y;
SELECT count(*) AS windows, count(*) FILTER (WHERE distinct_shingles >= 5) AS five_or_more,
       count(*) FILTER (WHERE distinct_shingles >= 5 AND NOT same_story(fp, fp)) AS not_themselves,
       count(*) FILTER (WHERE distinct_shingles >= 5 AND NOT (fp <% fp AND fp %> fp)) AS not_contained
  FROM win;
SELECT a.s AS a, b.s AS b, count(*) AS pairs,
       count(*) FILTER (WHERE a.body ~ 'Hollis|Baird' AND b.body ~ 'Dufy') AS with_both_names
  FROM win a JOIN win b ON a.s < b.s AND same_story(a.fp, b.fp)
 GROUP BY 1, 2 ORDER BY 1, 2;
CREATE INDEX win_fp ON win USING npidx (fp);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT count(*) FROM win a
 WHERE a.id NOT IN (SELECT b.id FROM win b WHERE same_story(b.fp, a.fp));
SELECT count(*) AS not_themselves_by_index
  FROM win a
 WHERE a.distinct_shingles >= 5
   AND a.id NOT IN (SELECT b.id FROM win b WHERE same_story(b.fp, a.fp));
RESET enable_seqscan;
