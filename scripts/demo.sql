-- scripts/demo.sql -- a tour of newsprint on sample articles
--
-- Run by scripts/demo.sh against a throwaway database; reads only files of
-- this repository (test/data).  Each step prints what it shows.

\pset footer off
\pset format wrapped
\pset columns 110
\set ECHO none
\set QUIET on
CREATE EXTENSION newsprint;
SET search_path = public, newsprint;

\echo
\echo '== 1. The example pair: one AFP story as the Kyiv Post and The Moscow Times published it'
\set kp `cat test/data/examples/kyivpost.txt`
\set mt `cat test/data/examples/moscowtimes.txt`
\set neg `cat test/data/fingerprint/lavrov_negative.txt`
CREATE TABLE pair (name text PRIMARY KEY, body text);
INSERT INTO pair VALUES ('kyivpost', :'kp'), ('moscowtimes', :'mt'),
	('negative: Kyiv reacts to the trip', :'neg');
SELECT name, length(body) AS raw_chars, length(clean(body)) AS clean_chars,
	   (SELECT count(*) FROM paragraphs(body)) AS paragraphs,
	   (SELECT count(*) FROM sentences(body)) AS sentences
FROM pair ORDER BY name;

\echo
\echo '== 2. clean(): the Kyiv Post page without its furniture (advertisement, teasers, comments)'
SELECT clean(body) AS kyivpost_cleaned FROM pair WHERE name = 'kyivpost';

\echo
\echo '== 3. clean(): the Moscow Times PDF text, lines re-joined, caption, URL and teaser gone'
SELECT clean(body) AS moscowtimes_cleaned FROM pair WHERE name = 'moscowtimes';

\echo
\echo '== 4. Fingerprints and how much the copies share'
ALTER TABLE pair ADD COLUMN fp fingerprint;
UPDATE pair SET fp = fingerprint(body);
SELECT a.name AS a, b.name AS b,
	   round(similarity(a.fp, b.fp)::numeric, 2) AS similarity,
	   round(containment(a.fp, b.fp)::numeric, 2) AS "containment(a in b)",
	   is_same_story(a.fp, b.fp) AS same_story
FROM pair a JOIN pair b ON a.name < b.name
ORDER BY 1, 2;

\echo
\echo '== 5. Why: the passages the two copies share'
SELECT round(score::numeric, 2) AS score, left(passage_a, 70) AS kyivpost, left(passage_b, 70) AS moscowtimes
FROM pair a, pair b, shared_passages(a.body, b.body)
WHERE a.name = 'kyivpost' AND b.name = 'moscowtimes'
ORDER BY score DESC;

\echo
\echo '== 6. Entities of the Moscow Times copy (the teasers'' Putin, Trump, Crimea... are not among them)'
SELECT e.kind, e.name, e.subtype, e.mentions
FROM pair p, entities(p.body) e
WHERE p.name = 'moscowtimes'
ORDER BY e.kind, e.mentions DESC, e.name;

\echo
\echo '== 7. A newsroom table: the sample articles of test/data/fingerprint (20 stories, each republished with edits)'
CREATE TABLE articles (id int PRIMARY KEY, story text, cluster text, kind text, body text);
\copy articles FROM 'test/data/fingerprint/eval_docs.tsv'
ALTER TABLE articles ADD COLUMN fp fingerprint;
UPDATE articles SET fp = fingerprint(body);
CREATE INDEX articles_fp ON articles USING npidx (fp);
ANALYZE articles;
SELECT count(*) AS articles, count(DISTINCT story) AS stories,
	   round(avg(pg_column_size(fp))) AS avg_fingerprint_bytes,
	   pg_size_pretty(pg_relation_size('articles_fp')) AS index_size
FROM articles;

\echo
\echo '== 8. Which stored articles carry the Moscow Times story? (answered from the index)'
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM articles, pair WHERE pair.name = 'moscowtimes' AND is_same_story(articles.fp, pair.fp);
SELECT a.id, a.story, a.kind, round(similarity(a.fp, p.fp)::numeric, 2) AS similarity,
	   round(containment(a.fp, p.fp)::numeric, 2) AS contained_in_query
FROM articles a, pair p
WHERE p.name = 'moscowtimes' AND is_same_story(a.fp, p.fp)
ORDER BY similarity DESC;
RESET enable_seqscan;

\echo
\echo '== 9. Nearest articles to the Kyiv Post copy, by resemblance'
SELECT a.id, a.story, a.kind, round((a.fp <-> p.fp)::numeric, 2) AS distance
FROM articles a, pair p
WHERE p.name = 'kyivpost'
ORDER BY a.fp <-> p.fp
LIMIT 5;

\echo
\echo '== 10. Story clusters: how many copies each story has'
CREATE TABLE clusters AS SELECT * FROM story_clusters('articles');
SELECT min(a.story) AS story, c.story_size AS copies,
	   count(DISTINCT a.story) AS distinct_labels
FROM clusters c JOIN articles a USING (id)
GROUP BY c.story, c.story_size
ORDER BY copies DESC, story;

\echo
\echo '== 11. Who the news is about: people counted per story, not per copy'
SELECT e.name, count(DISTINCT c.story) AS stories, count(DISTINCT a.id) AS copies
FROM clusters c
JOIN articles a USING (id)
CROSS JOIN LATERAL entities(a.body) e
WHERE e.kind = 'PER'
GROUP BY e.name
ORDER BY stories DESC, copies DESC, e.name
LIMIT 12;

\echo
\echo '== 12. Stories: 722 articles over two weeks (test/data/stories: 60 wire stories, their newspaper'
\echo '       versions and independent reports, Wikinews articles and republications), in publication order'
CREATE TABLE news (id bigint PRIMARY KEY, outlet text, published_at timestamptz, kind text,
	label text, truth text, source text, body text);
\copy news FROM 'test/data/stories/articles.tsv'
ALTER TABLE news ADD COLUMN fp fingerprint, ADD COLUMN story bigint;
UPDATE news SET fp = fingerprint(body);
SET client_min_messages = warning;
UPDATE news n SET story = c.story
FROM cluster_stories('news', order_column => 'published_at') c
WHERE n.id = c.id;
SELECT count(*) AS articles, count(DISTINCT story) AS stories,
	   count(*) FILTER (WHERE id <> story) AS copies_of_an_earlier_article
FROM news;
CREATE TEMP TABLE views AS SELECT * FROM create_story_views('news');

\echo
\echo '== 13. The biggest stories, and who ran them first'
SELECT left(s.headline, 60) AS headline, s.copies, s.outlets,
	   (SELECT o.outlet FROM story_outlets o WHERE o.story = s.story AND o.rank = 1 LIMIT 1) AS first,
	   to_char(s.spread, 'HH24"h"MI') AS spread
FROM story_summary s
ORDER BY s.copies DESC, s.first_published LIMIT 8;

\echo
\echo '== 14. Stories per day'
SELECT to_char(day, 'Dy DD Mon') AS day, new_stories, articles FROM story_per_day ORDER BY story_per_day.day;

\echo
\echo '== 15. Against the planted stories: how many stories mix two or more of them (the goal is 0; see doc/stories.md)'
SELECT count(DISTINCT n.story) AS stories,
	   count(DISTINCT n.truth) AS planted,
	   (SELECT count(*) FROM (SELECT story FROM news GROUP BY story
							  HAVING count(DISTINCT truth) > 1) m) AS mixed_stories
FROM news n;

\echo
\echo '== 16. At insert time: the same articles arriving one by one get the same stories'
CREATE TABLE story_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL, published_at timestamptz);
CREATE INDEX ON story_leaders USING npidx (fp);
SELECT count(*) AS articles,
	   count(*) FILTER (WHERE assigned = story) AS same_story_as_batch
FROM (SELECT story, assign_story('story_leaders', id, fp, published_at) AS assigned
	  FROM news ORDER BY published_at, id) x;
