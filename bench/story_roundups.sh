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
# kind (lost joins); the adjusted Rand index; the items on which the two
# forms differ; and, with a leaders table seeded from the batch over the
# items before a split time (by cluster_stories()'s leads, and by score IS
# NULL, the recipe before it; a split every 6 hours), the items of the next
# 24 hours that assign_story() puts in another story than the batch over
# all.  Deterministic: counts, not times.
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

-- a leaders table seeded from a batch run over the items before a split
-- time, by each recipe, then assign_story() for the items of the next 24
-- hours in publication order (doc/stories.md, "At insert time"); a split
-- every 6 hours of the 30 days
CREATE TEMP TABLE rh (LIKE rf);
CREATE TEMP TABLE rhc (id bigint, story bigint, score float8, leads boolean);
CREATE TEMP TABLE rs (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON rs USING npidx (fp);
CREATE TEMP TABLE seeded (recipe text, split timestamptz, id bigint, story bigint,
	joined_round_up boolean);
CREATE TEMP TABLE seeded_leaders (recipe text, split timestamptz, leaders bigint,
	round_ups bigint);
CREATE FUNCTION pg_temp.seed(recipe text, lead boolean, split timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE rh, rhc, rs;
	INSERT INTO rh SELECT * FROM rf WHERE published_at < split;
	INSERT INTO rhc SELECT * FROM cluster_stories('rh', order_column => 'published_at');
	INSERT INTO rs
	  SELECT c.story, h.fp, h.published_at FROM rhc c JOIN rh h USING (id)
	   WHERE CASE WHEN lead THEN c.leads ELSE c.score IS NULL END;
	INSERT INTO seeded_leaders
	  SELECT recipe, split, count(*),
			 (SELECT count(*) FROM rhc r WHERE id = story AND NOT leads
			     AND NOT EXISTS (SELECT FROM rhc o WHERE o.story = r.story AND o.leads))
	    FROM rs;
	INSERT INTO seeded
	  SELECT recipe, split, id, assign_story('rs', id, fp, published_at)
	    FROM (SELECT * FROM rf WHERE published_at >= split
				AND published_at < split + interval '24 hours'
			  ORDER BY published_at, id) s;
	UPDATE seeded d SET joined_round_up = EXISTS (SELECT FROM rhc c
		WHERE c.id = d.story AND c.id = c.story AND NOT c.leads
		  AND NOT EXISTS (SELECT FROM rhc o WHERE o.story = c.story AND o.leads))
	 WHERE d.split = seed.split AND d.recipe = seed.recipe;
END
$$;
SELECT count(*) FROM (
  SELECT pg_temp.seed(r.recipe, r.lead, t)
    FROM (VALUES ('WHERE leads', true), ('WHERE score IS NULL (before leads)', false)) r(recipe, lead),
		 generate_series(date_trunc('day', (SELECT min(published_at) FROM rf)) + interval '6 hours',
						 (SELECT max(published_at) FROM rf), interval '6 hours') t) x \g /dev/null
\echo 'a leaders table seeded from the batch over the items before a split (every 6 hours), then assign_story() for the next 24 hours: the items put in another story than the batch over all gives them'
SELECT s.recipe, count(DISTINCT s.split) AS splits,
       (SELECT sum(leaders) FROM seeded_leaders l WHERE l.recipe = s.recipe) AS leaders_seeded,
       (SELECT sum(round_ups) FROM seeded_leaders l WHERE l.recipe = s.recipe) AS round_ups_before,
       count(*) AS assigned,
       count(*) FILTER (WHERE s.story <> b.cluster) AS differ_from_batch,
       count(*) FILTER (WHERE s.joined_round_up) AS joined_a_round_up,
       count(DISTINCT s.id) FILTER (WHERE s.story <> b.cluster) AS distinct_items,
       string_agg(DISTINCT f.kind, ', ') FILTER (WHERE s.story <> b.cluster) AS their_kinds
  FROM seeded s JOIN rc b ON b.id = s.id AND b.form = 'batch' JOIN rf f ON f.id = s.id
 GROUP BY s.recipe ORDER BY s.recipe DESC;
SQL
)
psql -X -q -v ON_ERROR_STOP=1 <<<"${sql//@FILE@/$tmp/roundups.tsv}"
