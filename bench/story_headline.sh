#!/usr/bin/env bash
# bench/story_headline.sh -- story_summary's headline column: the cost of
# headline() against the regex guess it replaced, and headline() (a 64 kB
# prefix) against the headline of clean() over the whole text
#
# Usage: scripts/with-server.sh bench/story_headline.sh
#
# Loads the demo's stories sample (test/data/stories/articles.tsv), groups
# it with cluster_stories(), makes the views, and times (EXPLAIN ANALYZE,
# best of 5) SELECT * FROM story_summary against the same view with the old
# regex headline, measured in the same run.  Then checks, on the stories
# sample, test/data/wire and test/data/clean, that headline(body) equals the
# headline clean(body, keep_headline => true) puts first when the whole
# text is cleaned (a table's title, which stays body, counted apart).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"

files=$(mktemp)
trap 'rm -f "$files"' EXIT
python3 - "$files" <<'PY'
import sys, glob
out = open(sys.argv[1], 'w')
def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
for f in sorted(glob.glob('test/data/wire/*') + glob.glob('test/data/clean/*')):
    if f.endswith('.expected') or f.endswith('.md'):
        continue
    out.write(f + '\t' + esc(open(f, encoding='utf-8', errors='replace').read()) + '\n')
PY

psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
SET search_path = public, newsprint;
CREATE TABLE news (id bigint PRIMARY KEY, outlet text, published_at timestamptz, kind text,
	label text, truth text, source text, body text);
\copy news FROM 'test/data/stories/articles.tsv'
ALTER TABLE news ADD COLUMN fp fingerprint, ADD COLUMN story bigint;
UPDATE news SET fp = fingerprint(body);
UPDATE news n SET story = c.story
FROM cluster_stories('news', order_column => 'published_at') c WHERE n.id = c.id;
SELECT count(*) AS views FROM create_story_views('news');
-- the view as it was, for comparison
CREATE VIEW old_summary AS
SELECT a.story, min(a.published_at) AS first_published, max(a.published_at) AS last_published,
	count(*) AS copies, count(DISTINCT a.outlet) AS outlets,
	max(a.published_at) - min(a.published_at) AS spread,
	left(substring(max(a.body) FILTER (WHERE a.id = a.story) FROM '[[:alpha:]][^\n]{10,}'), 120) AS headline
FROM news a WHERE a.story IS NOT NULL GROUP BY a.story;
VACUUM ANALYZE news;

CREATE FUNCTION pg_temp.exec_ms(q text) RETURNS float8 LANGUAGE plpgsql AS \$\$
DECLARE l text; best float8 := 'Infinity'; i int;
BEGIN
	FOR i IN 1..5 LOOP
		FOR l IN EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF) ' || q LOOP
			IF l LIKE 'Execution Time:%' THEN
				best := least(best, substring(l FROM '([0-9.]+) ms')::float8);
			END IF;
		END LOOP;
	END LOOP;
	RETURN best;
END \$\$;
\echo == EXPLAIN ANALYZE SELECT * FROM story_summary (new) and the old regex view, best of 5
SELECT (SELECT count(*) FROM story_summary) AS stories,
	   round(pg_temp.exec_ms('SELECT * FROM old_summary')::numeric, 1) AS old_ms,
	   round(pg_temp.exec_ms('SELECT * FROM story_summary')::numeric, 1) AS new_ms,
	   round((pg_temp.exec_ms('SELECT * FROM story_summary') / pg_temp.exec_ms('SELECT * FROM old_summary'))::numeric, 2) AS ratio;
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM story_summary;

\echo == one call on a long article (the first story leader followed by body paragraphs), best of 5 ms
CREATE TABLE big AS
SELECT mb, n.body || repeat(E'\n\nThe council said on Tuesday that the plan would go ahead as agreed, and that it expected the work to be finished by the end of next year.', mb * 7000) AS p
FROM news n, (VALUES (1), (10)) v(mb) WHERE n.id = (SELECT min(story) FROM news);
SELECT mb, round(octet_length(p) / 1e6, 1) AS megabytes,
	   round(pg_temp.exec_ms(format('SELECT headline(p) FROM big WHERE mb = %s', mb))::numeric, 2) AS headline_ms,
	   round(pg_temp.exec_ms(format('SELECT split_part(clean(p, keep_headline => true), E''\n\n'', 1) FROM big WHERE mb = %s', mb))::numeric, 2) AS clean_whole_ms
FROM big ORDER BY mb;

\echo == headlines that differ, old view against new (first 15)
SELECT o.story, left(o.headline, 50) AS old, left(s.headline, 70) AS new
FROM old_summary o JOIN story_summary s USING (story)
WHERE o.headline IS DISTINCT FROM s.headline ORDER BY o.story LIMIT 15;
SELECT count(*) FILTER (WHERE o.headline IS DISTINCT FROM s.headline) AS differ,
	   count(*) FILTER (WHERE s.headline IS NULL) AS new_null, count(*) AS stories
FROM old_summary o JOIN story_summary s USING (story);

\echo == headline() against the headline of clean() on the whole text
CREATE TABLE files (name text, body text);
\copy files FROM '$files'
CREATE FUNCTION pg_temp.full_headline(b text) RETURNS text LANGUAGE sql AS \$\$
	SELECT CASE WHEN clean(b, keep_headline => true) = clean(b) THEN NULL
				ELSE split_part(clean(b, keep_headline => true), E'\n\n', 1) END \$\$;
-- a table's title line is its headline and stays body (doc/clean.md), so
-- keep_headline changes nothing: counted apart (title_in_body), not as a
-- difference
SELECT src, count(*) AS texts, count(h) AS with_headline,
	   count(*) FILTER (WHERE f IS NULL AND h = split_part(c, E'\n\n', 1)) AS title_in_body,
	   count(*) FILTER (WHERE h IS DISTINCT FROM f AND
							  NOT (f IS NULL AND h = split_part(c, E'\n\n', 1))) AS differ
FROM (SELECT 'stories' AS src, headline(body) AS h, pg_temp.full_headline(body) AS f,
			 clean(body) AS c FROM news
	  UNION ALL
	  SELECT split_part(name, '/', 3), headline(body), pg_temp.full_headline(body), clean(body)
	  FROM files) x
GROUP BY src ORDER BY src;
\echo == the same with each text followed by 200 kB of body paragraphs, so that headline() reads a prefix
CREATE TEMP TABLE padded AS
SELECT src, name, p, headline(p) AS h, pg_temp.full_headline(p) AS f
FROM (SELECT 'stories' AS src, id::text AS name, body || repeat(E'\n\nThe council said on Tuesday that the plan would go ahead as agreed, and that it expected the work to be finished by the end of next year.', 1400) AS p FROM news
	  UNION ALL
	  SELECT split_part(name, '/', 3), name, body || repeat(E'\n\nThe council said on Tuesday that the plan would go ahead as agreed, and that it expected the work to be finished by the end of next year.', 1400) FROM files) x;
SELECT src, count(*) AS texts, min(octet_length(p)) AS min_bytes, count(h) AS with_headline,
	   count(*) FILTER (WHERE h IS DISTINCT FROM f) AS differ
FROM padded GROUP BY src ORDER BY src;
SELECT name, left(h, 60) AS prefix, left(f, 60) AS whole FROM padded WHERE h IS DISTINCT FROM f LIMIT 10;
SQL
