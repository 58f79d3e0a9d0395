#!/usr/bin/env bash
# bench/story_wrong_links.sh -- every link of cluster_stories() that makes a
# cluster of unrelated items, examined one by one: the sampled hashes the
# member and its leader share, which of them carry the name bit, and the
# shingles of both texts they come from
#
# Usage: scripts/with-server.sh bench/story_wrong_links.sh [N]
#    or: bench/story_wrong_links.sh [N]  (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
# Environment: SEED (default 11, the development seed of
#              bench/story_scale_quality.sh; 13 is its blind seed), ARGS
#              (more arguments of cluster_stories() and story_match(), as in
#              bench/story_scale_quality.sh), DUMP=DIR (keep the links and
#              shingles there), SHOW (links printed in full, default all)
#
# Generates N articles (default 20,000) of the realistic corpus as
# bench/story_scale_quality.sh does, fingerprints them with fingerprint(body),
# clusters them in publication order and takes the same wrong links that
# script counts: a member whose events share none with its leader's, in a
# cluster with no event common to all its members.  Their texts go through
# bench/evidence_dump.c, and bench/story_wrong_links.py maps every shared
# sampled hash back to its shingles, classifies the shared named ones (a
# dateline, a month or weekday next to a figure, an agency, an exchange or
# an index, a price or amount, a company or a person's name, ...) and
# prints, per link, the rule's figures and those shingles, then a count of
# links by the classes their named hashes fall in.
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-11}
n=${1:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sh scripts/core_cc.sh -x src/fingerprint/fp_evidence.c -o "$tmp/evidence_dump" bench/evidence_dump.c
SEED=$SEED CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-scale-$(id -u)} bench/corpus.sh build >/dev/null
SEED=$SEED CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-scale-$(id -u)} \
	bench/corpus.sh gen "$n" "$tmp/corpus.tsv" "$tmp/truth.tsv"
grep -v '^id	' "$tmp/truth.tsv" > "$tmp/truth.rows" || true
chmod -R a+rwX "$tmp"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); $n articles, seed $SEED${ARGS:+; arguments: $ARGS}"

psql -X -q -v ON_ERROR_STOP=1 -v tmp="$tmp" -v args="${ARGS:+, $ARGS}" <<'SQL'
SET client_min_messages = warning;
CREATE TEMP TABLE gen (id bigint, outlet text, published_at timestamptz, kind text, family bigint, body text);
CREATE TEMP TABLE gen_truth (id bigint, family bigint, role text, source text, edits text, form text);
\set corpus :tmp '/corpus.tsv'
\set truthfile :tmp '/truth.rows'
\set links :tmp '/links.tsv'
\set texts :tmp '/texts.tsv'
COPY gen FROM :'corpus';
COPY gen_truth FROM :'truthfile';
-- the events of every article, as bench/story_scale_quality.sh has them
CREATE TEMP TABLE art_event AS
SELECT g.id, 'F' || t.family AS event FROM gen_truth t JOIN gen g USING (id)
WHERE t.role IN ('original', 'copy', 'independent')
UNION
SELECT g.id, 'F' || o.family FROM gen_truth t JOIN gen g USING (id)
CROSS JOIN LATERAL unnest(string_to_array(t.source, ',')) AS s(src)
JOIN gen_truth o ON o.id = s.src::bigint
WHERE t.role = 'roundup'
UNION
SELECT g.id, 'A' || g.id FROM gen g LEFT JOIN gen_truth t USING (id) WHERE t.id IS NULL;
CREATE INDEX ON art_event (id);
CREATE TEMP TABLE g AS
SELECT g.id, g.published_at, g.kind, coalesce(t.role, 'single') AS role, t.form,
	   newsprint.fingerprint(g.body) AS fp
FROM gen g LEFT JOIN gen_truth t USING (id);
CREATE TEMP TABLE c AS
SELECT * FROM newsprint.cluster_stories('g', order_column => 'published_at' :args);
CREATE INDEX ON c (story);
-- clusters with no event common to all members
CREATE TEMP TABLE unrelated AS
SELECT story FROM (
	SELECT c.story, count(DISTINCT c.id) AS size,
		   (SELECT max(k) FROM (SELECT count(*) AS k FROM c c2 JOIN art_event e USING (id)
								WHERE c2.story = c.story GROUP BY e.event) x) AS common
	FROM c GROUP BY c.story HAVING count(*) > 1) s
WHERE common < size;
CREATE TEMP TABLE link AS
SELECT c.id AS member, c.story AS leader
FROM c JOIN unrelated USING (story)
WHERE c.id <> c.story
  AND NOT EXISTS (SELECT 1 FROM art_event e JOIN art_event le ON le.event = e.event
				  WHERE e.id = c.id AND le.id = c.story);
SELECT count(*) AS unrelated_clusters FROM unrelated;
COPY (
	SELECT k.member, k.leader, m.kind || '/' || m.role || '/' || coalesce(m.form, '-'),
		   l.kind || '/' || l.role || '/' || coalesce(l.form, '-'),
		   newsprint.shingle_count(m.fp), newsprint.shingle_count(l.fp),
		   round(newsprint.containment(m.fp, l.fp)::numeric, 3),
		   round(newsprint.containment(l.fp, m.fp)::numeric, 3),
		   round(newsprint.similarity(m.fp, l.fp)::numeric, 3),
		   array_to_string(newsprint.npidx_keys(m.fp), ','),
		   array_to_string(newsprint.npidx_keys(l.fp), ',')
	FROM link k JOIN g m ON m.id = k.member JOIN g l ON l.id = k.leader
	ORDER BY k.leader, k.member) TO :'links';
COPY (SELECT id, body FROM gen WHERE id IN (SELECT member FROM link UNION SELECT leader FROM link))
	TO :'texts';
SQL
"$tmp/evidence_dump" < "$tmp/texts.tsv" > "$tmp/shingles.tsv"
python3 bench/story_wrong_links.py "$tmp/shingles.tsv" "$tmp/links.tsv" "$tmp/texts.tsv"
if [ -n "${DUMP:-}" ]; then
	mkdir -p "$DUMP" && cp "$tmp/shingles.tsv" "$tmp/links.tsv" "$tmp/texts.tsv" "$DUMP/"
fi
