#!/usr/bin/env bash
# bench/fingerprint_bench.sh -- speed of fingerprint() and of comparisons
#
# Usage: scripts/with-server.sh bench/fingerprint_bench.sh
#
# Builds 1,000 articles of 450-700 words from the evaluation set
# (test/data/fingerprint/eval_docs.tsv: each article joins three documents),
# then measures in the same server and session (best of several runs,
# interleaved so that load from other processes hits every query alike):
#   - fingerprint(body) (cleaning included), fingerprint(body, false) and
#     md5(body) over the 1,000 articles: articles per second and the ratio
#     to md5;
#   - one similarity() between two stored fingerprints against pg_trgm's
#     similarity() of the same two texts, over the same 1,000 pairs (pg_trgm
#     has no stored form, so its figure includes extracting the trigrams,
#     as its users pay it).
# Prints the machine (nproc, CPU model, load average) and the absolute figures.
# The throughput figures are given twice: wall clock (best run) and the
# backend's CPU time per run (from /proc/self/stat, so the bench needs a
# superuser and Linux); on a machine busy with other work prefer the CPU
# figures.  ROUNDS=N (default 9) sets the rounds of the throughput queries.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "server: $(psql -X -At -c 'SHOW server_version')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (timings are unreliable when it exceeds the CPU count)"

# Rounds of the throughput queries (ROUNDS, default 9); the CPU time is read
# in clock ticks, so more rounds make it finer.
psql -X -q -v ON_ERROR_STOP=1 -v rounds="${ROUNDS:-9}" -v tick_ms="$((1000 / $(getconf CLK_TCK)))" <<'SQL'
\pset footer off
SET search_path = newsprint, public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE TEMP TABLE docs (id int, story text, cluster text, kind text, body text);
\copy docs FROM 'test/data/fingerprint/eval_docs.tsv'
CREATE TEMP TABLE articles AS
  SELECT i AS id,
         (SELECT string_agg(d.body, E'\n\n' ORDER BY j)
            FROM generate_series(0, 2) j
            JOIN docs d ON d.id = 1 + ((i * 7 + j * 31) % (SELECT count(*) FROM docs))) AS body
    FROM generate_series(1, 1000) i;
ANALYZE articles;
SELECT count(*) AS articles,
       round(avg(array_length(regexp_split_to_array(body, '\s+'), 1))) AS avg_words,
       round(avg(octet_length(body))) AS avg_bytes
  FROM articles;

/*
 * CPU time this backend has used, in clock ticks (user + system, from
 * /proc/self/stat; fields 14 and 15, counted after the command name).
 */
CREATE FUNCTION pg_temp.cpu_ticks() RETURNS bigint
LANGUAGE sql AS $$
	SELECT split_part(split_part(s, ') ', 2), ' ', 12)::bigint +
	       split_part(split_part(s, ') ', 2), ' ', 13)::bigint
	  FROM pg_read_file('/proc/self/stat') s
$$;

/*
 * Run every query of qs once per round, for n rounds, interleaved so that
 * load from other processes hits all of them alike; return each query's best
 * wall-clock time in milliseconds, and the backend's CPU time per run
 * averaged over the rounds (clock ticks of tick_ms; on a busy machine the
 * CPU time is the steadier figure).
 */
CREATE FUNCTION pg_temp.best_ms(qs text[], n int DEFAULT 9, tick_ms float8 DEFAULT 10)
RETURNS TABLE (q text, ms float8, cpu_ms float8)
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	c0 bigint;
	best float8[] := array_fill('Infinity'::float8, ARRAY[array_length(qs, 1)]);
	cpu float8[] := array_fill(0::float8, ARRAY[array_length(qs, 1)]);
BEGIN
	FOR r IN 1..n LOOP
		FOR i IN 1..array_length(qs, 1) LOOP
			c0 := pg_temp.cpu_ticks();
			t0 := clock_timestamp();
			EXECUTE qs[i];
			best[i] := least(best[i], extract(epoch FROM clock_timestamp() - t0) * 1000);
			cpu[i] := cpu[i] + (pg_temp.cpu_ticks() - c0) * tick_ms;
		END LOOP;
	END LOOP;
	RETURN QUERY SELECT qs[i], best[i], cpu[i] / n FROM generate_series(1, array_length(qs, 1)) i;
END $$;

CREATE TEMP TABLE t AS
SELECT CASE q WHEN 'SELECT count(md5(body)) FROM articles' THEN 'md5(body)'
              WHEN 'SELECT count(newsprint.fingerprint(body)) FROM articles' THEN 'fingerprint(body)'
              WHEN 'SELECT count(newsprint.fingerprint(body, false)) FROM articles' THEN 'fingerprint(body, false)'
              ELSE 'count(*) (scan only)' END AS what, ms, cpu_ms
  FROM pg_temp.best_ms(ARRAY['SELECT count(md5(body)) FROM articles',
                             'SELECT count(newsprint.fingerprint(body)) FROM articles',
                             'SELECT count(newsprint.fingerprint(body, false)) FROM articles',
                             'SELECT count(*) FROM articles'], :rounds, :tick_ms);

\echo 'Throughput over 1,000 articles (wall clock: best of the interleaved runs; CPU: the backend''s'
\echo 'user + system time per run, averaged; ratio = speed relative to md5)'
SELECT what, round(ms::numeric, 1) AS ms,
       round((1000 / (ms / 1000))::numeric) AS articles_per_s,
       round(((SELECT ms FROM t WHERE what = 'md5(body)') / ms)::numeric, 3) AS ratio_to_md5,
       round(cpu_ms::numeric, 1) AS cpu_ms,
       round(((SELECT cpu_ms FROM t WHERE what = 'md5(body)') / nullif(cpu_ms, 0))::numeric, 3)
         AS cpu_ratio_to_md5
  FROM t WHERE what <> 'count(*) (scan only)'
UNION ALL
SELECT what, round(ms::numeric, 1), NULL, NULL, round(cpu_ms::numeric, 1), NULL
  FROM t WHERE what = 'count(*) (scan only)';

CREATE TEMP TABLE fps AS SELECT id, fingerprint(body) AS f FROM articles;
CREATE TEMP TABLE pairs AS
  SELECT a.id AS a, b.id AS b, a.body AS ta, b.body AS tb, fa.f AS fa, fb.f AS fb
    FROM articles a
    JOIN articles b ON b.id = 1 + (a.id * 37) % 1000
    JOIN fps fa ON fa.id = a.id
    JOIN fps fb ON fb.id = b.id;
ANALYZE pairs;

CREATE TEMP TABLE c AS
SELECT CASE q WHEN 'SELECT sum(newsprint.similarity(fa, fb)) FROM pairs' THEN 'newsprint similarity(fingerprint, fingerprint)'
              WHEN 'SELECT sum(newsprint.containment(fa, fb)) FROM pairs' THEN 'newsprint containment(fingerprint, fingerprint)'
              WHEN 'SELECT sum(public.similarity(ta, tb)) FROM pairs' THEN 'pg_trgm similarity(text, text)'
              ELSE 'scan of the pairs only' END AS what, ms
  FROM pg_temp.best_ms(ARRAY['SELECT sum(newsprint.similarity(fa, fb)) FROM pairs',
                             'SELECT sum(newsprint.containment(fa, fb)) FROM pairs',
                             'SELECT sum(public.similarity(ta, tb)) FROM pairs',
                             'SELECT count(fa) + count(fb) + count(ta) + count(tb) FROM pairs'], 5);

\echo 'One comparison, 1,000 pairs of the articles above (best of 5 interleaved runs)'
SELECT what, round(ms::numeric, 2) AS ms_per_1000,
       round((ms * 1000 / 1000)::numeric, 2) AS us_per_pair,
       round(((SELECT ms FROM c WHERE what LIKE 'pg_trgm%') / ms)::numeric, 1) AS times_faster_than_pg_trgm
  FROM c ORDER BY ms;
SQL
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
