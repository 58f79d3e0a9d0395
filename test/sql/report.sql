--
-- report: story_clusters() groups a table's articles into stories
--
CREATE TABLE report_articles (id int PRIMARY KEY, body text);
\set kp `cat test/data/examples/kyivpost.txt`
\set mt `cat test/data/examples/moscowtimes.txt`
INSERT INTO report_articles VALUES
  (1, :'kp'),
  (2, :'mt'),
  -- a third copy of the story: the Kyiv Post text without its last paragraphs
  (3, split_part(:'kp', 'Advertisement', 1)),
  (10, 'Heavy rain flooded the old town of Porto on Tuesday, closing the riverside road and two metro stations while firefighters pumped water out of dozens of shops and cellars along the Douro. The city council said the clean-up would take at least a week.'),
  (11, 'Heavy rain flooded the old town of Porto on Tuesday, closing the riverside road and two metro stations while firefighters pumped water out of dozens of shops and cellars along the Douro. The city council said the clean-up would take at least a week. Forecasters expect more rain on Thursday.'),
  (20, 'The central bank kept its main interest rate unchanged at 4.5 percent on Thursday, saying inflation had eased but remained above its target, and signalled that cuts could come later in the year if wage growth slows.'),
  (30, NULL);
ALTER TABLE report_articles ADD COLUMN fp newsprint.fingerprint;
UPDATE report_articles SET fp = newsprint.fingerprint(body);

-- without an index: every pair is compared
SELECT * FROM newsprint.story_clusters('report_articles');

-- with the index, the same clusters (the self-join uses it)
CREATE INDEX report_articles_fp ON report_articles USING npidx (fp);
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT a.id, b.id FROM report_articles a JOIN report_articles b
  ON newsprint.same_story(a.fp, b.fp) AND a.id <> b.id;
SELECT * FROM newsprint.story_clusters('report_articles', 'id', 'fp');
RESET enable_seqscan;

-- a stricter threshold splits the edited copies from each other
SELECT * FROM newsprint.story_clusters('report_articles', threshold => 0.95);

-- entities counted once per story, not once per copy
SELECT e.name, e.kind, count(DISTINCT c.story) AS stories, count(*) AS copies
FROM newsprint.story_clusters('report_articles') c
JOIN report_articles a USING (id)
CROSS JOIN LATERAL newsprint.entities(a.body) e
WHERE e.kind = 'PER'
GROUP BY e.name, e.kind
ORDER BY copies DESC, e.name;

-- bad input
SELECT * FROM newsprint.story_clusters(NULL);
SELECT * FROM newsprint.story_clusters('report_articles', 'no_such_column');
SELECT * FROM newsprint.story_clusters('report_articles', fingerprint_column => 'body');
SELECT * FROM newsprint.story_clusters('report_articles', threshold => 0);
SELECT * FROM newsprint.story_clusters('report_articles', threshold => 1.5);
SELECT * FROM newsprint.story_clusters('no_such_table');

SELECT * FROM newsprint.story_clusters('report_articles', threshold => 1.0000001);
SELECT * FROM newsprint.story_clusters('report_articles', threshold => 'NaN');

-- the caller's temporary tables are left alone, whatever their names, and
-- any of them can be the input
CREATE TEMP TABLE newsprint_story_label (note text);
INSERT INTO newsprint_story_label VALUES ('mine');
CREATE TEMP TABLE newsprint_story_edge (note text);
INSERT INTO newsprint_story_edge VALUES ('mine too');
CREATE TEMP TABLE newsprint_story_label_1 AS SELECT * FROM report_articles;
SELECT * FROM newsprint.story_clusters('report_articles') WHERE story_size > 1;
SELECT * FROM newsprint_story_label;
SELECT * FROM newsprint_story_edge;
SELECT * FROM newsprint.story_clusters('newsprint_story_label_1') WHERE story_size > 1;
SELECT count(*) FROM newsprint_story_label_1;
-- nothing of its own is left behind, also after an error in the middle
-- (fingerprints of different shingle lengths cannot be compared)
CREATE TEMP TABLE mixed (id int, fp newsprint.fingerprint);
INSERT INTO mixed VALUES (1, 'v1:w3:k4:n2:0000000a0000000b'), (2, 'v1:w4:k4:n2:0000000a0000000b');
SELECT * FROM newsprint.story_clusters('mixed');
DROP TABLE mixed;
SELECT relname FROM pg_class
WHERE relnamespace = pg_my_temp_schema() AND relkind = 'r' ORDER BY relname;
DROP TABLE newsprint_story_label, newsprint_story_edge, newsprint_story_label_1;

DROP TABLE report_articles;

-- headline(): the headline clean(body, keep_headline => true) puts first,
-- from the first 64 kB of the text.  Agency copy: the headline, not the
-- slug line above it (the old regex guess of story_summary took the slug)
\set ap `cat test/data/wire/27_ap_business_earnings.txt`
SELECT newsprint.headline(:'ap');
SELECT newsprint.headline(:'ap') = split_part(newsprint.clean(:'ap', keep_headline => true), E'\n\n', 1) AS same_as_clean;
-- plain text: a short first line over the body
SELECT newsprint.headline(E'Floods close Porto''s riverside road\n\nHeavy rain flooded the old town of Porto on Tuesday, closing the riverside road and two metro stations. The city council said the clean-up would take at least a week.');
-- HTML: the h1, not the title or the navigation
SELECT newsprint.headline('<html><head><title>Site name | News</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><h1>Central bank holds rates at 4.5 percent</h1><p>The central bank kept its main interest rate unchanged at 4.5 percent on Thursday, saying inflation had eased but remained above its target.</p><p>It signalled that cuts could come later in the year if wage growth slows.</p></body></html>');
-- no headline: body only, empty text, NULL
SELECT newsprint.headline('The central bank kept its main interest rate unchanged at 4.5 percent on Thursday, saying inflation had eased but remained above its target.') IS NULL AS body_only;
SELECT newsprint.headline('') IS NULL AS empty, newsprint.headline(NULL) IS NULL AS null_in;
-- 1 MB of text after the headline: the same headline, from the first 64 kB
-- (the same with the text on one line of multibyte characters, cut at a
-- character boundary)
SELECT newsprint.headline(:'ap' || repeat(E'\n\nThe company said sales of its crackers rose 4% in the quarter, helped by higher prices.', 12000)) = newsprint.headline(:'ap') AS one_mb,
       octet_length(:'ap' || repeat(E'\n\nThe company said sales of its crackers rose 4% in the quarter, helped by higher prices.', 12000)) > 1000000 AS is_one_mb;
SELECT newsprint.headline(E'Café prices rise\n\n' || repeat('Le café coûte plus cher à Zürich depuis mardi, selon l''office. ', 20000)) AS one_line;
-- the points under an agency headline are not a headline; the Reuters
-- headline above them is, without its prefix (the whole "UPDATE 2-" line
-- was wire furniture, and headline() NULL)
SELECT newsprint.headline(E'UPDATE 2-UK shares slip as miners drag; sterling steady\n\n* FTSE 100 down 0.6%, FTSE 250 down 0.2%\n* Miners weigh as copper slides\n\nLONDON, Nov 3 (Reuters) - Britain''s main share index fell on Tuesday as mining stocks tracked lower metal prices, while investors awaited a Bank of England decision later in the week.') AS update_headline,
       newsprint.headline(E'UK shares slip as miners drag\n\n- FTSE 100 down 0.6%\n\nLONDON, Nov 3 (Reuters) - Britain''s main share index fell on Tuesday as mining stocks tracked lower metal prices.') AS above_points;

-- Reuters headlines behind their prefixes (dev items of test/data/wire;
-- 41 has none), each as clean(keep_headline => true) puts it first, with
-- the body after it unchanged
\set r37 `cat test/data/wire/37_reuters_update2_uk_inflation.txt`
\set r39 `cat test/data/wire/39_reuters_brief_verdane.txt`
\set r40 `cat test/data/wire/40_reuters_update1_mining_results.txt`
\set r41 `cat test/data/wire/41_reuters_politics_eu_medicines.txt`
\set r43 `cat test/data/wire/43_reuters_foreign_peru_protests.txt`
\set r44 `cat test/data/wire/44_reuters_urgent_boe.txt`
\set r46 `cat test/data/wire/46_reuters_withdrawn_notice.txt`
\set r47 `cat test/data/wire/47_reuters_factbox_eu_medicines.txt`
CREATE TEMP TABLE reuters (item int, body text);
INSERT INTO reuters VALUES (37, :'r37'), (39, :'r39'), (40, :'r40'), (41, :'r41'),
  (43, :'r43'), (44, :'r44'), (46, :'r46'), (47, :'r47');
SELECT item, newsprint.headline(body),
       newsprint.clean(body, keep_headline => true) =
         newsprint.headline(body) || E'\n\n' || newsprint.clean(body) AS headline_then_body
FROM reuters ORDER BY item;
DROP TABLE reuters;
-- chains of prefixes, the other desks' words, a sport's name; a prefix
-- with a one-word rest is no headline (the next short line is); outside
-- agency copy (no dateline, no feed header) the line is an ordinary line
SELECT newsprint.headline(E'RPT-UPDATE 1-Oil falls as Gulf supply fears ease\n\nLONDON, March 3 (Reuters) - Oil prices fell on Monday as fears of supply disruption in the Gulf eased after talks between the two sides resumed.') AS rpt_update,
       newsprint.headline(E'REFILE-Dutch lender ABN cuts 800 jobs\n\nAMSTERDAM, March 3 (Reuters) - Dutch lender ABN said on Monday it would cut 800 jobs over two years as it closes branches.') AS refile,
       newsprint.headline(E'WRAPUP 2-Floods cut roads in three provinces\n\nHANOI, March 3 (Reuters) - Floods cut roads in three provinces of northern Vietnam on Monday, officials said, after two days of heavy rain.') AS wrapup,
       newsprint.headline(E'EXCLUSIVE-Carmaker weighs sale of battery unit - sources\n\nBERLIN, March 3 (Reuters) - A German carmaker is weighing the sale of its battery unit, three people familiar with the matter said.') AS exclusive;
SELECT newsprint.headline(E'UPDATE 2-STOCKS-FTSE 100 slips as miners fall\n\nLONDON, March 3 (Reuters) - Britain''s main share index slipped on Monday as miners fell on weak data from China.') AS stocks,
       newsprint.headline(E'CORRECTED-Soccer-Ten-man Celtic hold on to beat Hearts\n\nGLASGOW, Jan 28 (Reuters) - Ten-man Celtic held on to beat Hearts 2-1 at Celtic Park on Sunday.') AS sport,
       newsprint.headline(E'UPDATE 1-Bitcoin\nCrypto prices slide again\n\nLONDON, March 3 (Reuters) - Bitcoin fell 6% on Monday, its third daily fall in a row, as traders sold risky assets.') AS one_word,
       newsprint.headline(E'UPDATE 2-Oil falls as supply fears ease\n\nOil prices fell on Monday as fears of supply disruption in the Gulf eased after talks between the two sides resumed.') AS not_agency_copy;

-- story_summary's headline column is headline() of the leader's body, or,
-- when it has none (story 4: body only), its first line cut at 120
CREATE TABLE report_news (id int PRIMARY KEY, story int, published_at timestamptz, outlet text, body text);
INSERT INTO report_news VALUES
  (1, 1, '2026-01-05 10:00+00', 'AP', :'ap'),
  (2, 1, '2026-01-05 11:00+00', 'Daily', 'Holloway Brands said Tuesday that its third-quarter profit rose 13% as shoppers kept buying its chips, crackers and frozen pizzas.'),
  (3, 3, '2026-01-06 09:00+00', 'Daily', E'Floods close Porto''s riverside road\n\nHeavy rain flooded the old town of Porto on Tuesday, closing the riverside road and two metro stations. The city council said the clean-up would take at least a week.'),
  (4, 4, '2026-01-06 12:00+00', 'Daily', 'The central bank kept its main interest rate unchanged at 4.5 percent on Thursday, saying inflation had eased but remained above its target.');
SELECT count(*) FROM newsprint.create_story_views('report_news');
SELECT story, copies, outlets, headline FROM story_summary ORDER BY story;
DROP TABLE report_news CASCADE;
