#!/usr/bin/env bash
# bench/eval_wire_duplicates.sh -- recall of same_story on wire-shaped
# duplicates of real text: re-sends, changed headlines and datelines,
# corrections, URGENT briefs against their write-through, a paragraph
# appended or cut
#
# Usage: scripts/with-server.sh bench/eval_wire_duplicates.sh [FILE]
#    or: bench/eval_wire_duplicates.sh ...   (PGHOST/PGDATABASE pointing at
#        a database where CREATE EXTENSION newsprint has been run)
#
# FILE defaults to test/data/fingerprint/wire_duplicates.tsv, made by
# bench/wire_duplicates.py from Wikinews sentences (CC BY 2.5): each base
# item's first text (kind orig) and its duplicates (label dup).  Reports
# same_story(orig, dup) by kind of duplicate, with the lowest containment
# and the smaller side's evidence; the duplicates it misses; and the pairs
# of texts of different items that same_story takes (different stories,
# every pair).  A text labelled other (bench/wire_formats.py) is another
# story in its item's format and formula: it is compared with every text
# of its item, and those pairs are reported apart.
# With DUMP=FILE, also writes FILE (id, item, kind, label, fingerprint
# literal) for bench/wire_rules.py, which tries rules on the samples.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-test/data/fingerprint/wire_duplicates.tsv}
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
dump=
if [ -n "${DUMP:-}" ]; then
	dump=$(cd "$(dirname "$DUMP")" && pwd)/$(basename "$DUMP")
fi
psql -X -q -v ON_ERROR_STOP=1 <<SQL
\pset footer off
SET search_path = newsprint, public;
CREATE TEMP TABLE wd (id int, item int, kind text, label text, body text);
\copy wd FROM '$file'
CREATE TEMP TABLE f AS SELECT *, fingerprint(body) AS fp FROM wd;
$( [ -n "$dump" ] && echo "\\copy (SELECT id, item, kind, label, fp::text FROM f ORDER BY id) TO '$dump'" )
CREATE TEMP TABLE pos AS
  SELECT d.item, d.kind, o.id AS a, d.id AS b,
         least(shingle_count(o.fp), shingle_count(d.fp)) AS smaller,
         greatest(containment(o.fp, d.fp), containment(d.fp, o.fp)) AS cont,
         same_story(o.fp, d.fp) AS found
    FROM f o JOIN f d ON d.item = o.item AND o.kind = 'orig' AND d.label = 'dup';
\echo 'Duplicates found by same_story, by kind'
SELECT kind, count(*) AS pairs, count(*) FILTER (WHERE found) AS found,
       round(avg(found::int), 3) AS recall,
       round(min(cont)::numeric, 3) AS lowest_containment,
       min(smaller) AS smallest_evidence
  FROM pos GROUP BY ROLLUP (kind) ORDER BY kind NULLS LAST;
\echo 'By evidence of the smaller side'
SELECT CASE WHEN smaller < 5 THEN 'a: < 5' WHEN smaller < 40 THEN 'b: 5-39'
            ELSE 'c: >= 40' END AS smaller_side,
       count(*) AS pairs, count(*) FILTER (WHERE found) AS found
  FROM pos GROUP BY 1 ORDER BY 1;
\echo 'Duplicates missed'
SELECT p.item, p.kind, shingle_count(o.fp) AS orig_evidence,
       shingle_count(d.fp) AS dup_evidence,
       round(containment(o.fp, d.fp)::numeric, 3) AS orig_in_dup,
       round(containment(d.fp, o.fp)::numeric, 3) AS dup_in_orig,
       left(regexp_replace(d.body, '\s+', ' ', 'g'), 70) AS dup_starts
  FROM pos p JOIN f o ON o.id = p.a JOIN f d ON d.id = p.b
 WHERE NOT found ORDER BY p.item, p.kind;
\echo 'Different stories in one format taken for one story (label other: with every text of its item)'
SELECT x.kind, count(*) AS pairs,
       count(*) FILTER (WHERE same_story(x.fp, y.fp)) AS same_story
  FROM f x JOIN f y ON y.item = x.item AND y.label <> 'other'
 WHERE x.label = 'other' GROUP BY ROLLUP (x.kind) ORDER BY x.kind NULLS LAST;
\echo 'Different items taken for one story (every pair of texts of two items)'
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE same_story(a.fp, b.fp)) AS same_story,
       count(DISTINCT (a.item, b.item)) FILTER (WHERE same_story(a.fp, b.fp)) AS item_pairs
  FROM f a JOIN f b ON a.item < b.item;
SQL
