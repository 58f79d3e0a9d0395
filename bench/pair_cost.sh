#!/usr/bin/env bash
# bench/pair_cost.sh -- the backend CPU of the pair predicates on real pairs
#
# Usage: scripts/with-server.sh bench/pair_cost.sh
#    or: bench/pair_cost.sh   (PGHOST/PGDATABASE pointing at a database
#        where CREATE EXTENSION newsprint has been run, as a superuser:
#        the CPU time is read from /proc/self/stat)
#
# Fingerprints the demo sample (test/data/stories/articles.tsv, 722
# articles) and measures, best of ROUNDS (default 7) by the backend's CPU
# time (10 ms ticks): same_story() over every ordered pair (521,284 calls,
# most of them turned down by the shared-hash bound before any count),
# containment() over every pair (260,281 calls, each counting the samples'
# overlap and the tests of fp_overlap_names()) and cluster_stories() in
# publication order.  Run it on two trees (scripts/with-server.sh in each)
# to compare a change of the predicates: the pairs found are printed too,
# so that a change of answers shows.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
psql -X -q -v ON_ERROR_STOP=1 -v rounds="${ROUNDS:-7}" <<'SQL'
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TEMP TABLE sample (id bigint, outlet text, published_at timestamptz, kind text,
	label text, truth text, source text, body text);
\copy sample FROM 'test/data/stories/articles.tsv'
CREATE TEMP TABLE s AS SELECT id, published_at, fingerprint(body) AS fp FROM sample;
CREATE FUNCTION pg_temp.cpu() RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	f text[];
BEGIN
	f := regexp_split_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ');
	RETURN (f[12]::float8 + f[13]::float8) / 100.0;
END $$;
CREATE TEMP TABLE cost (what text, calls bigint, answer bigint, cpu_s float8);
CREATE FUNCTION pg_temp.run(rounds int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	r int;
	c0 float8;
	n bigint;
BEGIN
	FOR r IN 1..rounds LOOP
		c0 := pg_temp.cpu();
		SELECT count(*) INTO n FROM s a, s b WHERE same_story(a.fp, b.fp);
		INSERT INTO cost VALUES ('same_story, every ordered pair', 521284, n, pg_temp.cpu() - c0);
		c0 := pg_temp.cpu();
		SELECT count(*) FILTER (WHERE containment(a.fp, b.fp) >= 0.12) INTO n
		  FROM s a, s b WHERE a.id < b.id;
		INSERT INTO cost VALUES ('containment, every pair (answer: >= 0.12)', 260281, n, pg_temp.cpu() - c0);
		c0 := pg_temp.cpu();
		SELECT count(DISTINCT story) INTO n FROM cluster_stories('s', order_column => 'published_at');
		INSERT INTO cost VALUES ('cluster_stories, in publication order (answer: stories)', 722, n, pg_temp.cpu() - c0);
	END LOOP;
END $$;
SELECT FROM pg_temp.run(:rounds);
\pset footer off
SELECT what, calls, min(answer) AS answer, round(min(cpu_s)::numeric, 2) AS best_cpu_s,
	   round(avg(cpu_s)::numeric, 2) AS mean_cpu_s
  FROM cost GROUP BY what, calls ORDER BY what;
SQL
