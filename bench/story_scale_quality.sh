#!/usr/bin/env bash
# bench/story_scale_quality.sh -- stories against planted truth at the size
# of a real wire corpus and beyond
#
# Usage: scripts/with-server.sh bench/story_scale_quality.sh [N ...]
#    or: bench/story_scale_quality.sh [N ...]  (PGHOST/PGDATABASE pointing at
#        a database where CREATE EXTENSION newsprint has been run)
# Environment: SEED (default 11), SHOW (largest clusters listed, default 8),
#              VARIANTS ("clean raw" by default; "clean" alone halves the work),
#              ARGS (more arguments of cluster_stories(), e.g.
#              "tiny_similarity => 0.75", to try other parameters; empty:
#              the defaults; also passed to story_match()), WINDOW (the
#              time_window of cluster_stories(): an interval, or NULL for
#              none; unset: its default; see bench/story_window.sql)
#
# bench/story_quality.sh clusters 2,000 briefs and tables of the realistic
# generator (seed 7, the seed its rules were tuned on).  A held-out real
# wire corpus of 19,779 stories judges issue 13 ("no cluster of unrelated
# items; the largest cluster is a real story"), and at ten times more
# articles chance collisions of formula-like evidence grow.  This script
# generates, for each N (default 20000, then 100000), N articles of the
# realistic corpus (bench/corpus.sh gen: every kind, briefs, tables, stories,
# features, round-ups and the planted copy families) with the truth file,
# fingerprints every article with fingerprint(body) ("clean") and
# fingerprint(body, false) ("raw"), clusters each with cluster_stories() at
# its defaults in publication order (published_at, so that the time window
# applies; the generator's times are its own assumptions: a copy follows
# its source by an exponential delay of mean 6 hours, other items spread
# over 90 days), and prints against the truth:
#   - ARI, pairwise precision and recall (bench/story_eval.sql); a planted
#     story is an original with its copies, every other article (independent
#     reports of the same event, round-ups, singles) a story of its own;
#   - mixed clusters (articles of two or more planted stories), split into
#     those of one event (an independent report or a round-up that joined a
#     story of the event it reports or quotes) and those of UNRELATED items
#     (no event common to all members: the issue's failure);
#   - the distribution of cluster sizes, and the largest clusters with what
#     they hold (kind, role, form and the first words of every member);
#   - the tiny links between events (a member under 40 shingles, or its
#     leader, of another event), with the sampled hashes they share that
#     carry the name bit (a name or a figure) and those of either sample;
#   - every unrelated cluster, its members and the evidence between each
#     member and the story's leader (shared sampled hashes, containment
#     both ways, similarity, shingle counts);
#   - recall losses: planted copies that ended alone or in another story,
#     by kind and edits, and why (story_match() against their source, with
#     the ARGS that also apply to it: too few shared hashes, a tiny pair
#     below tiny_similarity or whose names and figures differ, containment
#     below the threshold, or the source itself joined another story, or
#     the copy is further from its original than the time window).
# Seeds: 1 is the development corpus of bench/eval_corpus_pairs.sh, 2 its
# blind one, 3 bench/index_exact.sh's, 7 bench/story_quality.sh's tuned
# stress set.  11 (the default) and 13 were first used here.
set -euo pipefail
cd "$(dirname "$0")/.."

SEED=${SEED:-11}
SHOW=${SHOW:-8}
VARIANTS=${VARIANTS:-clean raw}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20000 100000)

CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-scale-$(id -u)} bench/corpus.sh build >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

machine() {
	echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
}

for n in "${sizes[@]}"; do
	echo "== $n articles of the realistic corpus, seed $SEED, variants: $VARIANTS"
	machine
	t0=$(date +%s)
	SEED=$SEED CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-scale-$(id -u)} \
		bench/corpus.sh gen "$n" "$tmp/corpus.tsv" "$tmp/truth.tsv"
	grep -v '^id	' "$tmp/truth.tsv" > "$tmp/truth.rows" || true
	chmod -R a+rX "$tmp"
	[ -z "${ARGS:-}" ] || echo "cluster_stories() arguments: $ARGS"
	psql -X -q -v ON_ERROR_STOP=1 -v tmp="$tmp" -v show="$SHOW" \
		-v variants="$VARIANTS" -v args="${ARGS:+, $ARGS}" -v window="${WINDOW:-}" <<'SQL'
\pset footer off
\timing off
SET client_min_messages = warning;
SET maintenance_work_mem = '1GB';
SET np.variants = :'variants';
\i bench/story_window.sql
\set allargs :args :window_arg
SET np.args = :'allargs';
CREATE TEMP TABLE gen (id bigint, outlet text, published_at timestamptz, kind text,
	family bigint, body text);
CREATE TEMP TABLE gen_truth (id bigint, family bigint, role text, source text, edits text, form text);
\set corpus :tmp '/corpus.tsv'
\set truthfile :tmp '/truth.rows'
COPY gen FROM :'corpus';
COPY gen_truth FROM :'truthfile';

-- every article: its planted story, its kind, role and form, and the events
-- it belongs to (a round-up belongs to the events of the stories it quotes;
-- UNION: it may quote two stories of one event)
CREATE TEMP TABLE art AS
SELECT g.id, g.published_at, g.kind, coalesce(t.role, 'single') AS role, t.form, t.edits,
	   CASE WHEN t.role IN ('original', 'copy') THEN 'F' || t.family ELSE 'A' || g.id END AS truth,
	   CASE WHEN t.role = 'copy' THEN t.source::bigint END AS source,
	   left(regexp_replace(g.body, '\s+', ' ', 'g'), 70) AS head
FROM gen g LEFT JOIN gen_truth t USING (id);
CREATE TEMP TABLE art_event AS
SELECT a.id, 'F' || t.family AS event FROM gen_truth t JOIN art a USING (id)
WHERE t.role IN ('original', 'copy', 'independent')
UNION
SELECT a.id, 'F' || o.family FROM gen_truth t JOIN art a USING (id)
CROSS JOIN LATERAL unnest(string_to_array(t.source, ',')) AS s(src)
JOIN gen_truth o ON o.id = s.src::bigint
WHERE t.role = 'roundup'
UNION
SELECT id, 'A' || id FROM art WHERE role = 'single';

SELECT kind, role, count(*) AS articles FROM art GROUP BY kind, role ORDER BY kind, role;

CREATE TEMP TABLE fp (variant text, id bigint, published_at timestamptz, fp newsprint.fingerprint);
CREATE TEMP TABLE clus (variant text, id bigint, story bigint, score float8);
CREATE TEMP TABLE one_set (id bigint, published_at timestamptz, fp newsprint.fingerprint);
CREATE TEMP TABLE timing (variant text, fingerprint_s numeric, cluster_s numeric);
DO $$
DECLARE
	v text;
	t0 timestamptz;
	t1 timestamptz;
BEGIN
	FOREACH v IN ARRAY string_to_array(current_setting('np.variants'), ' ') LOOP
		t0 := clock_timestamp();
		TRUNCATE one_set;
		INSERT INTO one_set SELECT id, published_at, newsprint.fingerprint(body, v = 'clean') FROM gen;
		t1 := clock_timestamp();
		INSERT INTO fp SELECT v, * FROM one_set;
		EXECUTE 'INSERT INTO clus SELECT $1, c.id, c.story, c.score
				 FROM newsprint.cluster_stories(''one_set'', order_column => ''published_at'''
				|| current_setting('np.args') || ') c' USING v;
		INSERT INTO timing VALUES (v, round(extract(epoch FROM t1 - t0)::numeric, 1),
								   round(extract(epoch FROM clock_timestamp() - t1)::numeric, 1));
	END LOOP;
END
$$;
CREATE INDEX ON fp (variant, id);
CREATE INDEX ON clus (variant, id);
CREATE INDEX ON clus (variant, story);
ANALYZE art, art_event, fp, clus;

\echo 'seconds to fingerprint every article, and to cluster them (cluster_stories at its defaults)'
SELECT * FROM timing;

CREATE TEMP TABLE story_eval_input (id bigint, truth text, story bigint);
\i bench/story_eval.sql
CREATE TEMP TABLE results (variant text, articles bigint, planted_stories bigint,
	clusters bigint, ari numeric, pair_precision numeric, pair_recall numeric,
	mixed_clusters bigint, largest_cluster bigint);
-- per cluster: size, planted stories, and how many members share its most
-- shared event (= size when one event is common to all: not unrelated)
CREATE TEMP TABLE cl AS
SELECT c.variant, c.story, count(*) AS size, count(DISTINCT a.truth) AS planted,
	   max(ev.k) AS common
FROM clus c JOIN art a USING (id)
JOIN (SELECT variant, story, max(k) AS k
	  FROM (SELECT c2.variant, c2.story, e.event, count(*) AS k
			FROM clus c2 JOIN art_event e USING (id) GROUP BY 1, 2, 3) x
	  GROUP BY 1, 2) ev USING (variant, story)
GROUP BY c.variant, c.story;
DO $$
DECLARE
	v text;
BEGIN
	FOR v IN SELECT DISTINCT variant FROM clus LOOP
		TRUNCATE story_eval_input;
		INSERT INTO story_eval_input
		SELECT a.id, a.truth, c.story FROM art a JOIN clus c USING (id) WHERE c.variant = v;
		INSERT INTO results SELECT v, e.* FROM pg_temp.story_eval() e;
	END LOOP;
END
$$;

\echo 'against planted truth (an original with its copies is one story, everything else alone)'
SELECT r.*,
	   (SELECT count(*) FROM cl WHERE cl.variant = r.variant AND planted > 1 AND common = size) AS mixed_one_event,
	   (SELECT count(*) FROM cl WHERE cl.variant = r.variant AND common < size) AS unrelated_clusters
FROM results r ORDER BY variant;

\echo 'what the mixed clusters of one event hold besides their planted story'
SELECT c.variant, a.role, a.kind, count(*) AS articles
FROM cl JOIN clus c USING (variant, story) JOIN art a USING (id)
WHERE cl.planted > 1 AND cl.common = cl.size
  AND a.truth <> (SELECT a2.truth FROM art a2 WHERE a2.id = cl.story)
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

\echo 'cluster sizes'
SELECT variant,
	   count(*) FILTER (WHERE size = 1) AS "1",
	   count(*) FILTER (WHERE size = 2) AS "2",
	   count(*) FILTER (WHERE size = 3) AS "3",
	   count(*) FILTER (WHERE size = 4) AS "4",
	   count(*) FILTER (WHERE size BETWEEN 5 AND 9) AS "5-9",
	   count(*) FILTER (WHERE size BETWEEN 10 AND 19) AS "10-19",
	   count(*) FILTER (WHERE size >= 20) AS "20+",
	   max(size) AS largest
FROM cl GROUP BY variant ORDER BY variant;
\echo 'planted story sizes (original and copies)'
SELECT count(*) FILTER (WHERE n = 1) AS "1", count(*) FILTER (WHERE n = 2) AS "2",
	   count(*) FILTER (WHERE n = 3) AS "3", count(*) FILTER (WHERE n = 4) AS "4",
	   count(*) FILTER (WHERE n BETWEEN 5 AND 9) AS "5-9", count(*) FILTER (WHERE n >= 10) AS "10+",
	   max(n) AS largest
FROM (SELECT truth, count(*) AS n FROM art GROUP BY truth) t;

\echo 'the largest clusters, with what they hold (member: kind role form | first words; * = leader)'
SELECT cl.variant, cl.story, cl.size, cl.planted, cl.common = cl.size AS one_event,
	   string_agg(a.kind || ' ' || a.role || ' ' || coalesce(a.form, '-') || ' | ' || a.head
				  || CASE WHEN a.id = cl.story THEN ' *' ELSE '' END, E'\n' ORDER BY a.published_at) AS members
FROM (SELECT *, row_number() OVER (PARTITION BY variant ORDER BY size DESC, story) AS rk FROM cl) cl
JOIN clus c USING (variant, story) JOIN art a USING (id)
WHERE cl.rk <= :show
GROUP BY cl.variant, cl.story, cl.size, cl.planted, cl.common, cl.rk ORDER BY cl.variant, cl.rk;

\echo 'members joined to a leader of another event (the links that make unrelated clusters), by kinds'
\echo '(tiny: either side under 40 shingles, joined by similarity; low: containment both ways under 0.35)'
SELECT c.variant, l.kind AS leader_kind, a.kind AS member_kind,
	   count(*) AS links,
	   count(*) FILTER (WHERE least(newsprint.shingle_count(f.fp), newsprint.shingle_count(lf.fp)) < 40) AS tiny,
	   count(*) FILTER (WHERE greatest(newsprint.containment(f.fp, lf.fp),
									   newsprint.containment(lf.fp, f.fp)) < 0.35) AS low,
	   round(avg(cardinality(ARRAY(SELECT unnest(newsprint.npidx_keys(f.fp))
								   INTERSECT SELECT unnest(newsprint.npidx_keys(lf.fp))))), 1) AS avg_shared
FROM clus c JOIN art a USING (id) JOIN art l ON l.id = c.story
JOIN fp f ON f.variant = c.variant AND f.id = c.id
JOIN fp lf ON lf.variant = c.variant AND lf.id = c.story
WHERE c.id <> c.story
  AND NOT EXISTS (SELECT 1 FROM art_event e JOIN art_event le ON le.event = e.event
				  WHERE e.id = c.id AND le.id = c.story)
GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC;

\echo 'the tiny links between events (either side under 40 shingles), with their names'
\echo '(named: shared sampled hashes with the name bit, a name or a figure; of: those of either sample)'
CREATE TEMP TABLE tiny_link AS
SELECT c.variant, c.story, c.id, newsprint.shingle_count(f.fp) AS shingles,
	   x.shared, x.named, x.either,
	   round(newsprint.similarity(f.fp, lf.fp)::numeric, 3) AS sim,
	   l.head AS leader_head, a.head AS member_head
FROM clus c JOIN art a USING (id) JOIN art l ON l.id = c.story
JOIN fp f ON f.variant = c.variant AND f.id = c.id
JOIN fp lf ON lf.variant = c.variant AND lf.id = c.story
CROSS JOIN LATERAL (
	SELECT count(*) AS shared, count(*) FILTER (WHERE h & 1 = 1) AS named,
		   (SELECT count(*) FROM (SELECT unnest(newsprint.npidx_keys(f.fp))
								  UNION SELECT unnest(newsprint.npidx_keys(lf.fp))) u(h)
			WHERE h & 1 = 1) AS either
	FROM (SELECT unnest(newsprint.npidx_keys(f.fp)) INTERSECT SELECT unnest(newsprint.npidx_keys(lf.fp))) s(h)) x
WHERE c.id <> c.story
  AND least(newsprint.shingle_count(f.fp), newsprint.shingle_count(lf.fp)) < 40
  AND NOT EXISTS (SELECT 1 FROM art_event e JOIN art_event le ON le.event = e.event
				  WHERE e.id = c.id AND le.id = c.story);
SELECT variant, count(*) AS tiny_links,
	   count(*) FILTER (WHERE named = 0) AS no_shared_name,
	   count(*) FILTER (WHERE either = 0) AS no_name_at_all,
	   count(*) FILTER (WHERE named = either) AS same_names,
	   round(avg(shared), 1) AS avg_shared, round(avg(named), 1) AS avg_named
FROM tiny_link GROUP BY 1 ORDER BY 1;
SELECT variant, story, id, shingles, shared, named, either, sim, leader_head, member_head
FROM tiny_link
ORDER BY variant, story, id
LIMIT 40;

\echo 'every cluster of unrelated items: each member against the leader'
\echo '(shared = sampled hashes in common; c_ml = containment(member, leader); c_lm the other way)'
SELECT cl.variant, cl.story, a.id, a.kind, a.role, a.form,
	   newsprint.shingle_count(f.fp) AS shingles,
	   cardinality(ARRAY(SELECT unnest(newsprint.npidx_keys(f.fp))
						 INTERSECT SELECT unnest(newsprint.npidx_keys(lf.fp)))) AS shared,
	   round(newsprint.containment(f.fp, lf.fp)::numeric, 3) AS c_ml,
	   round(newsprint.containment(lf.fp, f.fp)::numeric, 3) AS c_lm,
	   round(newsprint.similarity(f.fp, lf.fp)::numeric, 3) AS sim,
	   a.head
FROM cl JOIN clus c USING (variant, story) JOIN art a USING (id)
JOIN fp f ON f.variant = c.variant AND f.id = c.id
JOIN fp lf ON lf.variant = c.variant AND lf.id = cl.story
WHERE cl.common < cl.size
ORDER BY cl.variant, cl.size DESC, cl.story, a.published_at
LIMIT 200;

-- recall losses: a copy that is not in the cluster of its planted story's
-- original
CREATE TEMP TABLE lost AS
SELECT c.variant, a.id, a.kind, a.form, a.edits, o.id AS orig,
	   c.story = a.id AS alone,
	   oc.story <> o.id AS orig_joined_other,
	   newsprint.shingle_count(f.fp) AS shingles,
	   newsprint.shingle_count(of.fp) AS orig_shingles,
	   cardinality(ARRAY(SELECT unnest(newsprint.npidx_keys(f.fp))
						 INTERSECT SELECT unnest(newsprint.npidx_keys(of.fp)))) AS shared,
	   newsprint.containment(f.fp, of.fp) AS c_co,
	   newsprint.containment(of.fp, f.fp) AS c_oc,
	   newsprint.similarity(f.fp, of.fp) AS sim,
	   newsprint.story_match(f.fp, of.fp :args, a_time => a.published_at,
							 b_time => o.published_at,
							 time_window => (SELECT w FROM story_window)) AS match,
	   coalesce(abs(extract(epoch FROM a.published_at - o.published_at))
				> extract(epoch FROM (SELECT w FROM story_window)), false) AS out_of_window
FROM art a JOIN art o ON o.truth = a.truth AND o.role = 'original'
JOIN clus c ON c.id = a.id
JOIN clus oc ON oc.variant = c.variant AND oc.id = o.id
JOIN fp f ON f.variant = c.variant AND f.id = a.id
JOIN fp of ON of.variant = c.variant AND of.id = o.id
WHERE a.role = 'copy' AND c.story <> oc.story;

\echo 'planted copies not with their original: why (against the original, story_match() with the same arguments; the labels name the defaults: min_shared 16, tiny 40, tiny_similarity 0.6)'
SELECT variant,
	   CASE WHEN orig_joined_other THEN 'original joined another story'
			WHEN out_of_window THEN 'further from the original than the time window'
			WHEN match IS NOT NULL THEN 'matches the original, joined another leader first'
			WHEN shared < 16 THEN 'under 16 shared hashes'
			WHEN least(shingles, orig_shingles) < 40 AND sim < 0.6 THEN 'tiny pair, similarity under 0.6'
			WHEN least(shingles, orig_shingles) < 40 THEN 'tiny pair, names or figures differ'
			ELSE 'containment under the threshold, not in the story''s direction, or names or figures differ (a low link, rows, short items without a time test)' END AS why,
	   count(*) AS copies, count(*) FILTER (WHERE alone) AS alone,
	   round(avg(shingles), 1) AS avg_shingles, round(avg(shared), 1) AS avg_shared
FROM lost GROUP BY 1, 2 ORDER BY 1, 3 DESC;
\echo 'the same by kind and edits of the copy'
SELECT l.variant, l.kind, l.edits, count(*) AS lost, max(p.planted) AS planted,
	   count(*) FILTER (WHERE shared < 16) AS under_16_shared
FROM (SELECT variant, kind, coalesce(edits, '-') AS edits, shared FROM lost) l
JOIN (SELECT kind, coalesce(edits, '-') AS edits, count(*) AS planted FROM art
	  WHERE role = 'copy' GROUP BY 1, 2) p USING (kind, edits)
GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC LIMIT 30;
SQL
	echo "-- $n articles done in $(($(date +%s) - t0)) s; $(machine)"
done
