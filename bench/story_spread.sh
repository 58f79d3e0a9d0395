#!/usr/bin/env bash
# bench/story_spread.sh -- where the evidence of cluster_stories()'s links
# lies in the two texts: right links against wrong ones
#
# Usage: scripts/with-server.sh bench/story_spread.sh [N]
# Environment: SEED (default 11, as bench/story_scale_quality.sh); DUMP=DIR
# keeps the shingles and links there for bench/story_spread.py; WIKINEWS (the
# English Wikinews articles, default the project's shared copy
# /work/shared/data/wikinews/articles.jsonl; skipped when unreadable)
#
# It also counts, over every pair of 2,312 generated stories and features
# without planted relation and every pair of the 2,312 real Wikinews
# articles, the pairs is_same_story() and the story rule (story_match() in
# either direction) take for one story: how often unrelated prose of the
# generator and real unrelated prose share enough wording.
#
# Clusters N articles of the realistic corpus (default 20,000; bench/corpus.sh
# gen, seed SEED) and the demo sample (test/data/stories/articles.tsv, which
# holds the rewrite set) with cluster_stories() at its defaults but without
# its name test (min_named => 0, so that the links a name test removes are
# there to count)
# (fingerprint(body)), takes every link (a member and its story's leader;
# round-ups left out), labels it right when the truth puts both in one
# story (the demo sample) or one event (the generated corpus: an original,
# its copies and its independent reports), dumps both texts' shingles with
# bench/evidence_dump.c and prints bench/story_spread.py's figures: how many
# evidence shingles each link shares, and in how many windows of W
# consecutive shingles of the texts they lie.  Development data only: the
# rewrite set's blind split is in the demo sample; do not choose a rule on
# its links (the script prints them apart as demo_blind).
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-11}
n=${1:-20000}
pg_config=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the standalone core without fp_evidence.c, which evidence_dump.c includes
sh scripts/core_cc.sh -x src/fingerprint/fp_evidence.c -o "$tmp/evidence_dump" bench/evidence_dump.c

SEED=$SEED CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-scale-$(id -u)} \
	bench/corpus.sh gen "$n" "$tmp/corpus.tsv" "$tmp/truth.tsv"
grep -v '^id	' "$tmp/truth.tsv" > "$tmp/truth.rows" || true
wikinews=${WIKINEWS:-/work/shared/data/wikinews/articles.jsonl}
if [ -r "$wikinews" ]; then
	python3 bench/wikinews_copies.py "$wikinews" 0 > "$tmp/wikinews.tsv"
fi
chmod -R a+rwX "$tmp"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); $n articles, seed $SEED"

psql -X -q -v ON_ERROR_STOP=1 -v tmp="$tmp" <<'SQL'
SET client_min_messages = warning;
CREATE TEMP TABLE gen (id bigint, outlet text, published_at timestamptz, kind text, family bigint, body text);
CREATE TEMP TABLE gen_truth (id bigint, family bigint, role text, source text, edits text, form text);
\set corpus :tmp '/corpus.tsv'
\set truthfile :tmp '/truth.rows'
\set links :tmp '/links.tsv'
\set texts :tmp '/texts.tsv'
COPY gen FROM :'corpus';
COPY gen_truth FROM :'truthfile';
CREATE TEMP TABLE sample (id bigint, outlet text, published_at timestamptz, kind text,
	label text, truth text, source text, body text);
\copy sample FROM 'test/data/stories/articles.tsv'

CREATE TEMP TABLE g AS
SELECT g.id, g.published_at, g.kind, g.body, newsprint.fingerprint(g.body) AS fp,
	   coalesce(t.role, 'single') AS role,
	   CASE WHEN t.role IN ('original', 'copy', 'independent') THEN 'F' || t.family ELSE 'A' || g.id END AS event
FROM gen g LEFT JOIN gen_truth t USING (id);
CREATE TEMP TABLE d AS
SELECT id, published_at, body, newsprint.fingerprint(body) AS fp, truth FROM sample;

CREATE TEMP TABLE link (set text, m text, l text, right_ boolean);
INSERT INTO link
SELECT 'gen', 'g' || c.id, 'g' || c.story, m.event = l.event
FROM newsprint.cluster_stories('g', order_column => 'published_at', min_named => 0) c
JOIN g m ON m.id = c.id JOIN g l ON l.id = c.story
WHERE c.id <> c.story AND m.role <> 'roundup' AND l.role <> 'roundup';
INSERT INTO link
SELECT CASE WHEN m.truth LIKE 'R%' AND substr(m.truth, 2, 2)::int % 3 = 0 THEN 'demo_blind' ELSE 'demo_dev' END,
	   'd' || c.id, 'd' || c.story, m.truth = l.truth
FROM newsprint.cluster_stories('d', order_column => 'published_at', min_named => 0) c
JOIN d m ON m.id = c.id JOIN d l ON l.id = c.story
WHERE c.id <> c.story;

-- unrelated prose taken for one story: every pair of the first 2,312
-- generated stories and features that have no planted relation (role
-- single), beside every pair of the 2,312 real Wikinews articles (loaded
-- below when the shared copy is readable)
CREATE TEMP TABLE prose (set text, id bigint, fp newsprint.fingerprint);
INSERT INTO prose
SELECT 'generated stories', id, fp FROM g
WHERE role = 'single' AND kind IN ('story', 'feature') ORDER BY id LIMIT 2312;
COPY (SELECT set, m, l, CASE WHEN right_ THEN 't' ELSE 'f' END FROM link) TO :'links';
COPY (SELECT k, body FROM (SELECT 'g' || id AS k, body FROM g UNION ALL SELECT 'd' || id, body FROM d) x
	  WHERE k IN (SELECT m FROM link UNION SELECT l FROM link)) TO :'texts';
\set wikinews :tmp '/wikinews.tsv'
SELECT (pg_stat_file(:'wikinews', true)).size IS NOT NULL AS have_wikinews \gset
\if :have_wikinews
CREATE TEMP TABLE wn (id int, kind text, src int, body text);
COPY wn FROM :'wikinews';
INSERT INTO prose SELECT 'Wikinews (real)', id, newsprint.fingerprint(body) FROM wn WHERE kind = 'orig';
\endif
\echo 'unrelated prose taken for one story: every pair of distinct articles'
SELECT a.set, count(*) AS articles,
	   (SELECT count(*) FROM prose x JOIN prose y ON x.set = a.set AND y.set = a.set AND x.id < y.id
		AND newsprint.is_same_story(x.fp, y.fp)) AS same_story_pairs,
	   (SELECT count(*) FROM prose x JOIN prose y ON x.set = a.set AND y.set = a.set AND x.id < y.id
		AND (newsprint.story_match(x.fp, y.fp) IS NOT NULL OR newsprint.story_match(y.fp, x.fp) IS NOT NULL))
		AS story_rule_pairs
FROM prose a GROUP BY a.set ORDER BY a.set;
SQL
"$tmp/evidence_dump" < "$tmp/texts.tsv" > "$tmp/shingles.tsv"
python3 bench/story_spread.py "$tmp/shingles.tsv" "$tmp/links.tsv"
if [ -n "${DUMP:-}" ]; then
	mkdir -p "$DUMP" && cp "$tmp/shingles.tsv" "$tmp/links.tsv" "$DUMP/"
fi
