#!/usr/bin/env bash
# bench/eval_wikinews.sh -- what same_story must keep doing: find edited
# copies, and leave different stories apart
#
# Usage: scripts/with-server.sh bench/eval_wikinews.sh [articles.jsonl] [N]
#    or: bench/eval_wikinews.sh ...   (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
#
# Reads the English Wikinews articles (CC BY 2.5; default
# /work/shared/data/wikinews/articles.jsonl, the project's shared copy: it is
# not in the repository, so pass its path elsewhere) and reports:
#   - negatives: same_story over every pair of distinct articles (2,312
#     articles: 2.67M pairs), which are different stories (a few report the
#     same event, and some share a background sentence), for format version
#     2 and for version 1; the highest-scoring pairs;
#   - positives: same_story between an article and a copy edited the way
#     republished copies are (bench/wikinews_copies.py: site furniture, a
#     paragraph dropped, two swapped, words changed, hard wrapping), for the
#     first N articles (default 300).
# The Wikinews articles are also the source of part of the common-phrase
# table of version 2 (data/phrases.txt); that table holds only 3-grams found
# in at least 12 articles, which cannot make two articles one story.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/shared/data/wikinews/articles.jsonl}
ncopies=${2:-300}
[ -r "$src" ] || { echo "cannot read $src" >&2; exit 2; }

data=$(mktemp)
trap 'rm -f "$data"' EXIT
python3 bench/wikinews_copies.py "$src" "$ncopies" > "$data"

{
cat <<'SQL'
\pset footer off
SET search_path = newsprint, public;
CREATE TEMP TABLE docs (id int, kind text, src int, body text);
SQL
echo "\\copy docs FROM '$data'"
cat <<'SQL'
CREATE TEMP TABLE f AS
  SELECT id, kind, src, fingerprint(body) AS f2, fingerprint(body, true, 160, 1) AS f1,
         length(body) AS chars
    FROM docs;
SELECT count(*) FILTER (WHERE kind = 'orig') AS articles,
       count(*) FILTER (WHERE kind = 'copy') AS edited_copies,
       round(avg(shingle_count(f2)) FILTER (WHERE kind = 'orig')) AS avg_evidence_shingles,
       round(avg(shingle_count(f1)) FILTER (WHERE kind = 'orig')) AS avg_v1_shingles,
       round(avg(pg_column_size(f2)) FILTER (WHERE kind = 'orig')) AS avg_v2_bytes
  FROM f;

\echo 'Negatives: every pair of distinct articles'
CREATE TEMP TABLE neg AS
  SELECT a.id AS a, b.id AS b,
         same_story(a.f2, b.f2) AS v2, same_story(a.f1, b.f1) AS v1,
         greatest(containment(a.f2, b.f2), containment(b.f2, a.f2)) AS c2
    FROM f a JOIN f b ON a.id < b.id
   WHERE a.kind = 'orig' AND b.kind = 'orig';
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE v2) AS same_story_v2,
       count(*) FILTER (WHERE v1) AS same_story_v1,
       count(*) FILTER (WHERE c2 >= 0.12) AS containment_v2_ge_012
  FROM neg;
\echo 'Highest-scoring pairs (version 2)'
SELECT a, b, round(c2::numeric, 3) AS max_containment, v2 AS same_story,
       left(regexp_replace((SELECT body FROM docs WHERE id = a), '\s+', ' ', 'g'), 60) AS a_starts,
       left(regexp_replace((SELECT body FROM docs WHERE id = b), '\s+', ' ', 'g'), 60) AS b_starts
  FROM neg ORDER BY c2 DESC LIMIT 8;

\echo 'Positives: each article against its edited copy'
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE same_story(o.f2, c.f2)) AS found_v2,
       count(*) FILTER (WHERE same_story(o.f1, c.f1)) AS found_v1,
       round(min(greatest(containment(o.f2, c.f2), containment(c.f2, o.f2)))::numeric, 3) AS lowest_v2,
       round(avg(similarity(o.f2, c.f2))::numeric, 3) AS avg_similarity_v2
  FROM f c JOIN f o ON o.id = c.src
 WHERE c.kind = 'copy';
SQL
} | psql -X -q -v ON_ERROR_STOP=1
