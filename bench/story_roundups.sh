#!/usr/bin/env bash
# bench/story_roundups.sh -- do round-ups stay out of the stories they
# quote, and do the stories' own versions still join them?
#
# Usage: scripts/with-server.sh bench/story_roundups.sh [ARTICLES.jsonl]
#    or: bench/story_roundups.sh [ARTICLES.jsonl]  (PGHOST/PGDATABASE
#        pointing at a database where CREATE EXTENSION newsprint has been run)
#
# Builds the set of bench/story_roundups.py from real Wikinews text (CC BY
# 2.5, Wikinews contributors, https://en.wikinews.org/): 30 days of six
# stories, each sent whole with a copy or as a first take with its update,
# some with a brief of their first paragraph after the day's round-ups, and
# two round-ups a day quoting three stories' first paragraphs.  Clusters it
# with cluster_stories() and assign_story() (in publication order, the
# default time window) and prints, for each form: the round-ups that joined
# a story; the items of a story outside the cluster of its first item, by
# kind (lost joins); the adjusted Rand index; and the items on which the two
# forms differ.  Deterministic: counts, not times.
set -euo pipefail
cd "$(dirname "$0")/.."

src=${1:-/work/shared/data/wikinews/articles.jsonl}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 bench/story_roundups.py "$src" > "$tmp/roundups.tsv"
chmod -R a+rX "$tmp"
echo "items: $(wc -l < "$tmp/roundups.tsv"); load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"

sql=$(cat <<'SQL'
\pset footer off
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TEMP TABLE rd (id bigint, story text, t timestamp, kind text, body text);
\copy rd FROM '@FILE@'
CREATE TEMP TABLE rf AS
  SELECT id, story, t AT TIME ZONE 'UTC' AS published_at, kind, fingerprint(body) AS fp
    FROM rd;
CREATE TEMP TABLE rl (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON rl USING npidx (fp);
CREATE TEMP TABLE rc AS
  SELECT 'batch' AS form, c.id, c.story AS cluster
    FROM cluster_stories('rf', order_column => 'published_at') c;
INSERT INTO rc
  SELECT 'insert', id, assign_story('rl', id, fp, published_at)
    FROM (SELECT * FROM rf ORDER BY published_at, id) s;

-- the cluster of each story's first item
CREATE TEMP VIEW home AS
  SELECT DISTINCT ON (c.form, f.story) c.form, f.story, c.cluster
    FROM rc c JOIN rf f USING (id) ORDER BY c.form, f.story, f.published_at, f.id;

\echo 'round-ups that joined a story, and items of a story out of its first item''s cluster, by kind'
SELECT c.form, f.kind, count(*) AS items,
       count(*) FILTER (WHERE f.kind = 'roundup' AND c.cluster <> c.id) AS roundups_joined,
       count(*) FILTER (WHERE f.kind <> 'roundup' AND c.cluster <> h.cluster) AS out_of_story
  FROM rc c JOIN rf f USING (id) JOIN home h ON h.form = c.form AND h.story = f.story
 GROUP BY 1, 2 ORDER BY 1, 2;

\echo 'what a round-up joined (first 10)'
SELECT c.form, f.id, f.story, c.cluster, l.story AS joined_story, l.kind AS joined_kind
  FROM rc c JOIN rf f USING (id) JOIN rf l ON l.id = c.cluster
 WHERE f.kind = 'roundup' AND c.cluster <> c.id ORDER BY 1, 2 LIMIT 10;

\echo 'items of a story out of its cluster (first 20)'
SELECT c.form, f.id, f.story, f.kind, c.cluster, l.story AS cluster_story, l.kind AS cluster_kind
  FROM rc c JOIN rf f USING (id) JOIN home h ON h.form = c.form AND h.story = f.story
  JOIN rf l ON l.id = c.cluster
 WHERE f.kind <> 'roundup' AND c.cluster <> h.cluster ORDER BY 1, 2 LIMIT 20;

CREATE TEMP TABLE story_eval_input (id bigint, truth text, story bigint);
\i bench/story_eval.sql
INSERT INTO story_eval_input SELECT f.id, f.story, c.cluster FROM rf f JOIN rc c USING (id) WHERE c.form = 'batch';
\echo 'cluster_stories() against the labels (a round-up a story of its own)'
SELECT * FROM pg_temp.story_eval();

\echo 'items on which cluster_stories() and assign_story() differ'
SELECT count(*) AS differences
  FROM rc b JOIN rc i ON i.id = b.id AND i.form = 'insert'
 WHERE b.form = 'batch' AND b.cluster <> i.cluster;
SQL
)
psql -X -q -v ON_ERROR_STOP=1 <<<"${sql//@FILE@/$tmp/roundups.tsv}"
