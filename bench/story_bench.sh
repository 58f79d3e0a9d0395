#!/usr/bin/env bash
# bench/story_bench.sh -- speed of story clustering at scale
#
# Usage: scripts/with-server.sh bench/story_bench.sh [N] [N_OLD]
#    or: bench/story_bench.sh [N] [N_OLD]   (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
#
# N (default 1,000,000) articles of the realistic bench corpus
# (bench/corpus_gen.c, seed 1) are loaded and fingerprinted, then:
#   - batch: cluster_stories() over all N in publication order, with
#     maintenance_work_mem = 2GB (wall time, articles per second, stories,
#     memory of the leader index, from its NOTICEs);
#   - incremental: the leaders of the first N - 1,000 articles (from a batch
#     run over them) go to a leaders table with an npidx index; the last
#     1,000 articles are then assigned one by one with assign_story(), in
#     publication order, from a PL/pgSQL loop that times each call (ms per
#     article, p50 and p99), and compared with the batch run over all N;
#     With PENDING=P (default 0) the index is built without the P latest
#     leaders, which are then inserted one statement later, as a table
#     that takes leaders all day has them: in the index's pending list (up
#     to its limit; a longer list is merged as it fills), so every search
#     compares them too.  The pending rows before and after are printed.
#   - the alternative: 0.1's story_clusters() (a self-join on is_same_story
#     through an npidx index, then label propagation), timed on the first
#     N_OLD (default 20,000) articles, against cluster_stories() on the same.
# Prints the machine, the figures and the ratios.  Needs about 3 GB of disk
# for N = 1,000,000.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
N_OLD=${2:-20000}
INC=1000
PENDING=${PENDING:-0}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod a+rx "$tmp"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s)
CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-bench-$(id -u)} bench/corpus.sh gen "$N" "$tmp/corpus.tsv"
chmod a+r "$tmp/corpus.tsv"
echo "generated $N articles in $(( $(date +%s) - t0 )) s"

psql -X -q -v ON_ERROR_STOP=1 -v corpus="$tmp/corpus.tsv" -v n="$N" -v n_old="$N_OLD" -v inc="$INC" -v pending="$PENDING" <<'SQL'
\pset footer off
\timing off
SET client_min_messages = warning;
DROP TABLE IF EXISTS story_raw, story_art, story_leaders, story_inc, story_old, story_batch_all, story_head_t CASCADE;
CREATE UNLOGGED TABLE story_raw (id bigint, outlet text, published_at timestamptz, kind text,
	family bigint, body text);
\echo 'loading and fingerprinting (parallel CREATE TABLE AS)'
COPY story_raw FROM :'corpus';
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
CREATE UNLOGGED TABLE story_art AS
SELECT id, published_at, newsprint.fingerprint(body) AS fp FROM story_raw;
ALTER TABLE story_art ADD PRIMARY KEY (id);
CREATE INDEX ON story_art (published_at, id);
ANALYZE story_art;
SELECT count(*) AS articles, round(avg(newsprint.sample_size(fp)), 1) AS avg_hashes,
	   pg_size_pretty(pg_total_relation_size('story_art')) AS table_size
FROM story_art;

\echo 'batch: cluster_stories() over every article, in publication order'
SET maintenance_work_mem = '2GB';
SET client_min_messages = notice;
SELECT clock_timestamp() AS t0 \gset
CREATE UNLOGGED TABLE story_batch_all AS
SELECT * FROM newsprint.cluster_stories('story_art', order_column => 'published_at');
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS batch_s \gset
SET client_min_messages = warning;
SELECT count(*) AS articles, count(DISTINCT story) AS stories,
	   round(:batch_s::numeric, 1) AS seconds,
	   round(count(*) / :batch_s::numeric) AS articles_per_second
FROM story_batch_all;

\echo 'incremental: leaders of all but the last articles, then assign_story() for each of the last'
CREATE UNLOGGED TABLE story_inc AS
SELECT id, published_at, fp FROM story_art ORDER BY published_at DESC, id DESC LIMIT :inc;
CREATE TEMP VIEW story_head AS
SELECT a.* FROM story_art a WHERE NOT EXISTS (SELECT FROM story_inc i WHERE i.id = a.id);
CREATE UNLOGGED TABLE story_head_t AS SELECT * FROM story_head;
CREATE UNLOGGED TABLE story_leaders (story bigint PRIMARY KEY,
	fp newsprint.fingerprint NOT NULL, published_at timestamptz);
CREATE TEMP TABLE story_new_leaders AS
SELECT c.story AS id, h.fp, h.published_at
FROM newsprint.cluster_stories('story_head_t', order_column => 'published_at') c
JOIN story_head_t h ON h.id = c.id WHERE c.leads;
INSERT INTO story_leaders
SELECT * FROM story_new_leaders ORDER BY published_at DESC, id DESC OFFSET :pending;
SELECT clock_timestamp() AS t0 \gset
CREATE INDEX ON story_leaders USING npidx (fp);
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS index_s \gset
INSERT INTO story_leaders
SELECT * FROM (SELECT * FROM story_new_leaders ORDER BY published_at DESC, id DESC LIMIT :pending) l
ORDER BY published_at, id;
ANALYZE story_leaders;
-- the rows every search of the leader index compares besides its buckets
CREATE FUNCTION pg_temp.story_pending() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	q newsprint.fingerprint;
	n bigint;
BEGIN
	SET LOCAL enable_seqscan = off;
	SET LOCAL enable_bitmapscan = on;
	SELECT fp INTO q FROM story_inc ORDER BY id LIMIT 1;
	PERFORM count(*) FROM story_leaders WHERE newsprint.same_story(fp, q);
	SELECT pending_rows INTO n FROM newsprint.npidx_scan_stats();
	RETURN n;
END
$$;
SELECT :pending AS leaders_inserted_after_build, pg_temp.story_pending() AS pending_rows_before;
SELECT count(*) AS leaders, pg_size_pretty(pg_relation_size('story_leaders_fp_idx')) AS index_size,
	   round(:index_s::numeric, 1) AS index_build_seconds
FROM story_leaders;
CREATE TEMP TABLE story_times (id bigint, story bigint, ms float8);
DO $$
DECLARE
	r record;
	t timestamptz;
	s bigint;
BEGIN
	FOR r IN SELECT id, fp, published_at FROM story_inc ORDER BY published_at, id LOOP
		t := clock_timestamp();
		s := newsprint.assign_story('story_leaders', r.id, r.fp, r.published_at);
		INSERT INTO story_times VALUES (r.id, s, extract(epoch FROM clock_timestamp() - t) * 1000);
	END LOOP;
END
$$;
SELECT count(*) AS assigned,
	   round(avg(ms)::numeric, 3) AS mean_ms,
	   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS p50_ms,
	   round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS p99_ms,
	   count(*) FILTER (WHERE t.story = b.story) AS same_story_as_batch,
	   pg_temp.story_pending() AS pending_rows_after
FROM story_times t JOIN story_batch_all b USING (id);
\echo 'articles whose incremental story differs from the batch one (first 10), with the rule''s evidence to each leader'
SELECT t.id, b.story AS batch_story, t.story AS incremental_story,
	   newsprint.shingle_count(a.fp) AS shingles,
	   round(newsprint.story_match(a.fp, lb.fp)::numeric, 3) AS to_batch_leader,
	   round(newsprint.story_match(a.fp, li.fp)::numeric, 3) AS to_incremental_leader,
	   lb.published_at <= a.published_at AS batch_leader_earlier,
	   (SELECT count(*) FROM story_leaders l WHERE l.story = b.story) AS batch_leader_indexed
FROM story_times t JOIN story_batch_all b USING (id)
JOIN story_art a USING (id)
LEFT JOIN story_art lb ON lb.id = b.story
LEFT JOIN story_art li ON li.id = t.story
WHERE t.story IS DISTINCT FROM b.story
ORDER BY t.id LIMIT 10;
-- for each, the sample hashes it shares with its incremental leader, and how
-- many of those the batch form never reads (held by more than 1,024 leaders
-- before the article: doc/stories.md, "Batch and incremental agree")
CREATE TEMP TABLE story_diff AS
SELECT t.id, t.story AS inc, a.published_at, a.fp, l.fp AS lfp
FROM story_times t JOIN story_batch_all b USING (id)
JOIN story_art a USING (id) JOIN story_art l ON l.id = t.story
WHERE t.story IS DISTINCT FROM b.story ORDER BY t.id LIMIT 10;
CREATE TEMP TABLE story_diff_keys AS
SELECT d.id, d.published_at, k
FROM story_diff d,
	 LATERAL (SELECT unnest(newsprint.npidx_keys(d.fp)) INTERSECT
			  SELECT unnest(newsprint.npidx_keys(d.lfp))) x(k);
CREATE TEMP TABLE story_diff_holders AS
SELECT k, a.published_at, a.id
FROM story_batch_all c JOIN story_art a USING (id), unnest(newsprint.npidx_keys(a.fp)) k
WHERE c.leads AND k IN (SELECT dk.k FROM story_diff_keys dk)
  AND (SELECT count(*) FROM story_diff_keys) > 0;
SELECT dk.id, count(*) AS shared_with_incremental_leader,
	   count(*) FILTER (WHERE (SELECT count(*) FROM story_diff_holders h
							  WHERE h.k = dk.k AND (h.published_at, h.id) < (dk.published_at, dk.id)) > 1024)
		   AS held_by_over_1024_leaders
FROM story_diff_keys dk GROUP BY dk.id ORDER BY dk.id;

\echo 'the alternative: 0.1 story_clusters (self-join on is_same_story + label propagation), first' :n_old 'articles'
CREATE UNLOGGED TABLE story_old AS SELECT * FROM story_art ORDER BY published_at, id LIMIT :n_old;
CREATE INDEX ON story_old USING npidx (fp);
ANALYZE story_old;
SELECT clock_timestamp() AS t0 \gset
CREATE TEMP TABLE old_lab AS SELECT id, id AS label FROM story_old;
CREATE TEMP TABLE old_edge AS SELECT a.id AS x, b.id AS y FROM story_old a JOIN story_old b
	ON newsprint.is_same_story(a.fp, b.fp) AND a.id <> b.id;
CREATE INDEX ON old_lab (id);
CREATE INDEX ON old_edge (x);
ANALYZE old_lab;
ANALYZE old_edge;
DO $$
DECLARE
	changed bigint;
BEGIN
	LOOP
		UPDATE old_lab l SET label = m.label
		FROM (SELECT e.x AS id, min(n.label) AS label FROM old_edge e
			  JOIN old_lab n ON n.id = e.y GROUP BY e.x) m
		WHERE m.id = l.id AND m.label < l.label;
		GET DIAGNOSTICS changed = ROW_COUNT;
		EXIT WHEN changed = 0;
	END LOOP;
END
$$;
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS old_s \gset
SELECT clock_timestamp() AS t0 \gset
CREATE TEMP TABLE new_small AS
SELECT * FROM newsprint.cluster_stories('story_old', order_column => 'published_at');
SELECT extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) AS new_s \gset
SELECT :n_old AS articles,
	   round(:old_s::numeric, 2) AS single_linkage_0_1_s,
	   round(:new_s::numeric, 2) AS cluster_stories_s,
	   round(:old_s::numeric / nullif(:new_s::numeric, 0), 1) AS speedup,
	   (SELECT max(c) FROM (SELECT count(*) AS c FROM old_lab GROUP BY label) x) AS largest_0_1,
	   (SELECT max(c) FROM (SELECT count(*) AS c FROM new_small GROUP BY story) x) AS largest_0_2;

DROP TABLE story_raw, story_art, story_leaders, story_inc, story_old, story_batch_all, story_head_t CASCADE;
SQL
echo "total $(( $(date +%s) - t0 )) s"
