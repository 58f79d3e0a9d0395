#!/usr/bin/env bash
# bench/story_quality.sh -- how well stories match planted truth
#
# Usage: scripts/with-server.sh bench/story_quality.sh
#    or: bench/story_quality.sh   (with PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
# Environment: ARGS (more arguments of cluster_stories(), e.g.
#              "min_named => 2", to try other parameters; empty: the
#              defaults); WINDOW (its time_window: an interval such as
#              "12 hours", or NULL for none; unset: the default), see
#              bench/story_window.sql.  When trying them, leave the blind
#              rows unread (e.g. | grep -v blind).
#
# Clusters three labelled sets with cluster_stories() at its defaults, in
# publication order (published_at, so the time window applies: the demo's
# times are drawn by scripts/make_story_sample.py, the stress set's by
# bench/corpus_gen.c), and, for comparison, with 0.1's rule (connected
# components of is_same_story at its default: single linkage), and prints
# for each the adjusted Rand index, pairwise precision and recall, the
# clusters that mix planted stories and the largest cluster
# (bench/story_eval.sql):
#   - demo: the demo sample, test/data/stories/articles.tsv (722 articles);
#   - blind: the rewrite set's blind split only (stories whose number is
#     divisible by 3: the wire item, and every version; a wire item with its
#     wholly and partially derived versions is one story, each independent
#     version a story of its own); never tuned on;
#   - dev: the rest of the rewrite set, for reference;
#   - stress: 2,000 briefs and tables (dividend notices, earnings, price and
#     results tables, one-paragraph company and court briefs) of the
#     realistic bench corpus (bench/corpus_gen.c, seed 7), with the copies
#     the generator planted among them; truth: an original with its copies,
#     everything else alone.  Goal: no cluster of unrelated items.
#   - stress_raw: the same with fingerprint(body, false): clean() keeps
#     only the heading line of a table, so that tables with one heading
#     (exchange rates on Tuesdays) have one fingerprint.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-quality-$(id -u)} bench/corpus.sh build)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin/corpus_gen" -m data/corpus_model.txt -s 7 -t "$tmp/truth.tsv" 8000 > "$tmp/corpus.tsv"
chmod -R a+rX "$tmp"

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "${ARGS:-}" ] || echo "cluster_stories() arguments: $ARGS"
psql -X -q -v ON_ERROR_STOP=1 -v tmp="$tmp" -v args="${ARGS:+, $ARGS}" -v window="${WINDOW:-}" <<'SQL'
\pset footer off
SET client_min_messages = warning;
\i bench/story_window.sql
\set allargs :args :window_arg
SET np.args = :'allargs';
CREATE TEMP TABLE sample (id bigint, outlet text, published_at timestamptz, kind text,
	label text, truth text, source text, body text);
\copy sample FROM 'test/data/stories/articles.tsv'
CREATE TEMP TABLE gen (id bigint, outlet text, published_at timestamptz, kind text,
	family bigint, body text);
\set corpus :tmp '/corpus.tsv'
\set truthfile :tmp '/truth.tsv'
COPY gen FROM :'corpus';
CREATE TEMP TABLE gen_truth (id bigint, family bigint, role text, source text, edits text, form text);
COPY gen_truth FROM :'truthfile' WITH (HEADER true);

-- the sets: (set, id, published_at, truth, fp)
CREATE TEMP TABLE sets AS
SELECT 'demo' AS set, id, published_at, truth, newsprint.fingerprint(body) AS fp FROM sample
UNION ALL
SELECT CASE WHEN substr(truth, 2, 2)::int % 3 = 0 THEN 'blind' ELSE 'dev' END,
	   id, published_at, truth, newsprint.fingerprint(body)
FROM sample WHERE truth LIKE 'R%'
UNION ALL
SELECT 'stress', g.id, g.published_at,
	   CASE WHEN t.role IN ('original', 'copy') THEN 'F' || t.family ELSE 'A' || g.id END,
	   newsprint.fingerprint(g.body)
FROM (SELECT * FROM gen WHERE kind IN ('brief', 'table') ORDER BY id LIMIT 2000) g
LEFT JOIN gen_truth t USING (id)
UNION ALL
SELECT 'stress_raw', g.id, g.published_at,
	   CASE WHEN t.role IN ('original', 'copy') THEN 'F' || t.family ELSE 'A' || g.id END,
	   newsprint.fingerprint(g.body, false)
FROM (SELECT * FROM gen WHERE kind IN ('brief', 'table') ORDER BY id LIMIT 2000) g
LEFT JOIN gen_truth t USING (id);

SELECT set, count(*) AS articles, count(DISTINCT truth) AS planted_stories,
	   round(avg(newsprint.shingle_count(fp)), 1) AS avg_shingles
FROM sets GROUP BY set ORDER BY set;

-- 0.1's rule: connected components of is_same_story at its default
CREATE TEMP TABLE single (set text, id bigint, story bigint);
DO $$
DECLARE
	s text;
	changed bigint;
BEGIN
	FOR s IN SELECT DISTINCT set FROM sets LOOP
		CREATE TEMP TABLE lab AS SELECT id, id AS story FROM sets WHERE set = s;
		CREATE TEMP TABLE edge AS
			SELECT a.id AS x, b.id AS y FROM sets a JOIN sets b
			ON a.set = s AND b.set = s AND a.id <> b.id AND newsprint.is_same_story(a.fp, b.fp);
		LOOP
			UPDATE lab l SET story = m.story
			FROM (SELECT e.x AS id, min(n.story) AS story FROM edge e JOIN lab n ON n.id = e.y
				  GROUP BY e.x) m
			WHERE m.id = l.id AND m.story < l.story;
			GET DIAGNOSTICS changed = ROW_COUNT;
			EXIT WHEN changed = 0;
		END LOOP;
		INSERT INTO single SELECT s, id, story FROM lab;
		DROP TABLE lab, edge;
	END LOOP;
END
$$;

-- cluster_stories at its defaults, in publication order, one set at a time
\i bench/story_cluster_sets.sql

CREATE TEMP TABLE story_eval_input (id bigint, truth text, story bigint);
\i bench/story_eval.sql
CREATE TEMP TABLE results (set text, method text, articles bigint, planted_stories bigint,
	clusters bigint, ari numeric, pair_precision numeric, pair_recall numeric,
	mixed_clusters bigint, largest_cluster bigint);
\set method leader
\set set demo
\i bench/story_quality_row.sql
\set set blind
\i bench/story_quality_row.sql
\set set dev
\i bench/story_quality_row.sql
\set set stress
\i bench/story_quality_row.sql
\set set stress_raw
\i bench/story_quality_row.sql
\set method single
\set set demo
\i bench/story_quality_row.sql
\set set blind
\i bench/story_quality_row.sql
\set set dev
\i bench/story_quality_row.sql
\set set stress
\i bench/story_quality_row.sql
\set set stress_raw
\i bench/story_quality_row.sql

\echo 'method leader = cluster_stories() at its defaults (0.2); single = connected components of is_same_story (0.1)'
SELECT * FROM results ORDER BY set, method;

\echo 'stress set: the largest clusters of cluster_stories(), with what they hold'
SELECT l.story, count(*) AS articles, count(DISTINCT s.truth) AS planted_stories,
	   string_agg(DISTINCT g.kind, ',') AS kinds
FROM leader l JOIN sets s ON s.set = l.set AND s.id = l.id
JOIN gen g ON g.id = l.id
WHERE l.set = 'stress'
GROUP BY l.story ORDER BY count(*) DESC, l.story LIMIT 5;
SQL
