#!/usr/bin/env bash
# bench/eval_judge.sh -- same_story and cluster_stories() on the hand-written
# wire day (test/data/judge), against its story labels
#
# Usage: scripts/with-server.sh bench/eval_judge.sh [FILE]
#    or: bench/eval_judge.sh [FILE]   (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
#
# FILE defaults to test/data/judge/wire_day.tsv (id, story, time, kind,
# body; see its README).  Every item gets fingerprint(body).  Reports:
#  * the items that do not find themselves;
#  * same_story over every pair of items: pairs within one story label
#    found (recall) and pairs across labels taken (wrong links,
#    precision), by the two items' kinds; the same count through an npidx
#    index, which must agree; every missed pair and every wrong link with
#    both texts shortened;
#  * cluster_stories() at its defaults, in publication order (the time
#    column): adjusted Rand index, pair precision and recall, clusters that
#    mix two labels (every member listed), the largest cluster and its
#    labels, the labels split over more than one cluster, and the pairs
#    same_story finds that the clusters split, with story_match's answer.
# The set was written as a blind check: measure it once per change that is
# already frozen, and do not tune on what it shows.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-test/data/judge/wire_day.tsv}
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
psql -X -q -v ON_ERROR_STOP=1 <<SQL
\pset footer off
\pset pager off
SET search_path = newsprint, public;
CREATE TEMP TABLE jd (id bigint, story text, t timestamp, kind text, body text);
\copy jd FROM '$file'
CREATE TEMP TABLE jf AS
  SELECT id, story, t AT TIME ZONE 'UTC' AS published_at, kind, body,
         fingerprint(body) AS fp,
         left(regexp_replace(body, '\s+', ' ', 'g'), 90) AS starts
    FROM jd;
ALTER TABLE jf ADD PRIMARY KEY (id);
ANALYZE jf;

CREATE TEMP TABLE jp AS
  SELECT a.id AS a, b.id AS b, a.story = b.story AS same_label,
         CASE WHEN a.kind <= b.kind THEN a.kind || '+' || b.kind
              ELSE b.kind || '+' || a.kind END AS kinds,
         same_story(a.fp, b.fp) AS ab, same_story(b.fp, a.fp) AS ba,
         least(shingle_count(a.fp), shingle_count(b.fp)) AS smaller,
         containment(a.fp, b.fp) AS a_in_b, containment(b.fp, a.fp) AS b_in_a
    FROM jf a JOIN jf b ON a.id < b.id;

\echo 'The set'
SELECT count(*) AS items, count(DISTINCT story) AS stories,
       (SELECT count(*) FROM jp WHERE same_label) AS pairs_within,
       (SELECT count(*) FROM jp WHERE NOT same_label) AS pairs_across,
       min(shingle_count(fp)) AS least_evidence,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY shingle_count(fp)) AS median_evidence
  FROM jf;

\echo 'Items that do not find themselves (NOT same_story(fp, fp))'
SELECT id, story, kind, shingle_count(fp) AS evidence, starts
  FROM jf WHERE NOT same_story(fp, fp) ORDER BY id;

\echo 'same_story(a, b) over every pair (a < b); asymmetric pairs are counted apart'
SELECT count(*) FILTER (WHERE same_label) AS pairs_within,
       count(*) FILTER (WHERE same_label AND ab) AS found,
       round(avg(ab::int) FILTER (WHERE same_label), 4) AS recall,
       count(*) FILTER (WHERE NOT same_label AND ab) AS wrong_links,
       round(count(*) FILTER (WHERE same_label AND ab)::numeric /
             nullif(count(*) FILTER (WHERE ab), 0), 4) AS precision,
       count(*) FILTER (WHERE ab <> ba) AS asymmetric
  FROM jp;

\echo 'Pairs within a story, by the two items'' kinds'
SELECT kinds, count(*) AS pairs, count(*) FILTER (WHERE ab) AS found,
       round(avg(ab::int), 3) AS recall
  FROM jp WHERE same_label GROUP BY ROLLUP (kinds) ORDER BY kinds NULLS LAST;

\echo 'By the smaller side''s evidence (pairs within a story)'
SELECT CASE WHEN smaller < 5 THEN 'a: < 5' WHEN smaller < 40 THEN 'b: 5-39'
            ELSE 'c: >= 40' END AS smaller_side,
       count(*) AS pairs, count(*) FILTER (WHERE ab) AS found
  FROM jp WHERE same_label GROUP BY 1 ORDER BY 1;

\echo 'Through an npidx index (seq scans off): pairs found per lookup, summed, against the scan'
CREATE INDEX jf_fp ON jf USING npidx (fp);
SET enable_seqscan = off;
SELECT (SELECT count(*) FROM jf q, LATERAL (SELECT 1 FROM jf x
         WHERE same_story(x.fp, q.fp) AND x.id <> q.id) m) AS index_matches,
       (SELECT count(*) FILTER (WHERE ab) + count(*) FILTER (WHERE ba) FROM jp) AS scan_matches;
RESET enable_seqscan;

\echo 'Missed pairs (same label, same_story false)'
SELECT x.story, p.a, p.b, p.kinds, shingle_count(x.fp) AS ev_a, shingle_count(y.fp) AS ev_b,
       round(p.a_in_b::numeric, 2) AS a_in_b, round(p.b_in_a::numeric, 2) AS b_in_a,
       x.starts AS a_starts, y.starts AS b_starts
  FROM jp p JOIN jf x ON x.id = p.a JOIN jf y ON y.id = p.b
 WHERE p.same_label AND NOT p.ab ORDER BY x.story, p.a, p.b;

\echo 'Wrong links (different labels, same_story true)'
SELECT x.story AS a_story, y.story AS b_story, p.a, p.b,
       shingle_count(x.fp) AS ev_a, shingle_count(y.fp) AS ev_b,
       round(p.a_in_b::numeric, 2) AS a_in_b, round(p.b_in_a::numeric, 2) AS b_in_a,
       x.starts AS a_starts, y.starts AS b_starts
  FROM jp p JOIN jf x ON x.id = p.a JOIN jf y ON y.id = p.b
 WHERE NOT p.same_label AND (p.ab OR p.ba) ORDER BY p.a, p.b;

CREATE TEMP TABLE jc AS
  SELECT c.id, c.story AS cluster, c.score
    FROM cluster_stories('jf', order_column => 'published_at') c;
CREATE TEMP VIEW story_eval_input AS
  SELECT f.id, f.story AS truth, c.cluster AS story FROM jf f JOIN jc c USING (id);
\i bench/story_eval.sql

\echo 'cluster_stories() at its defaults, in publication order'
SELECT * FROM pg_temp.story_eval();

\echo 'Clusters that mix labels (every member)'
SELECT c.cluster, f.id, f.story, f.kind, round(c.score::numeric, 3) AS score, f.starts
  FROM jc c JOIN jf f USING (id)
 WHERE c.cluster IN (SELECT jc.cluster FROM jc JOIN jf USING (id)
                      GROUP BY jc.cluster HAVING count(DISTINCT jf.story) > 1)
 ORDER BY c.cluster, f.published_at;

\echo 'The largest cluster and its labels'
WITH big AS (SELECT cluster FROM jc GROUP BY cluster ORDER BY count(*) DESC, cluster LIMIT 1)
SELECT c.cluster, f.story, count(*) AS items
  FROM jc c JOIN jf f USING (id) WHERE c.cluster = (SELECT cluster FROM big)
 GROUP BY c.cluster, f.story ORDER BY items DESC, f.story;

\echo 'Labels split over more than one cluster (cluster: its items of the label)'
SELECT f.story, count(DISTINCT c.cluster) AS clusters,
       string_agg(c.cluster || ':' || f.id || '/' || f.kind, ' ' ORDER BY f.published_at) AS items
  FROM jc c JOIN jf f USING (id)
 GROUP BY f.story HAVING count(DISTINCT c.cluster) > 1 ORDER BY f.story;

\echo 'Pairs within a label that same_story finds and the clusters split (later_joins_earlier: story_match of the later item to the earlier, NULL when the rule says no)'
SELECT x.story, p.a, p.b, p.kinds, shingle_count(x.fp) AS ev_a, shingle_count(y.fp) AS ev_b,
       round(greatest(p.a_in_b, p.b_in_a)::numeric, 2) AS best_containment,
       round(CASE WHEN y.published_at >= x.published_at
                  THEN story_match(y.fp, x.fp, a_time => y.published_at, b_time => x.published_at)
                  ELSE story_match(x.fp, y.fp, a_time => x.published_at, b_time => y.published_at)
             END::numeric, 3) AS later_joins_earlier
  FROM jp p JOIN jf x ON x.id = p.a JOIN jf y ON y.id = p.b
       JOIN jc cx ON cx.id = p.a JOIN jc cy ON cy.id = p.b
 WHERE p.same_label AND p.ab AND cx.cluster <> cy.cluster ORDER BY x.story, p.a, p.b;
SQL
