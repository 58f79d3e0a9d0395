#!/usr/bin/env bash
# bench/story_trigger_bench.sh -- the per-row cost of story_trigger() on a
# partitioned articles table, against assign_story() in INSERT ... SELECT
#
# Usage: scripts/with-server.sh bench/story_trigger_bench.sh [N] [RUNS] [COPIES]
#    or: bench/story_trigger_bench.sh [N] [RUNS]   (PGHOST/PGDATABASE
#        pointing at a database with newsprint installed; the server must run
#        on this machine and the role be a superuser: the backend's CPU time
#        is read from /proc/self/stat with pg_read_file)
#
# N (default 20,000) articles of the realistic bench corpus (bench/corpus.sh,
# seed 1, 90 days) are fingerprinted, then written in publication order into
# a table partitioned by publication time (4 partitions), each statement in
# a transaction of its own, best of RUNS (default 3) by backend CPU seconds:
#   null ids, no trigger   COPIES (default 10) times N rows with a NULL id
#                          into the partitioned table without the trigger
#                          (the baseline);
#   null ids, trigger      the same rows into the same table with
#                          story_trigger('bench_leaders') (TRIGGER_ARGS): a NULL
#                          id gets no story, but the trigger reads its
#                          arguments and finds the leaders table first (for
#                          a partition, through its parent trigger), so the
#                          difference is the trigger's fixed cost per row;
#   articles, trigger      the N articles through the trigger, the leaders
#                          table emptied first;
#   articles, assign_story the same articles with assign_story() in
#                          INSERT ... SELECT into the table without the
#                          trigger (the alternative), leaders emptied first.
# TRIGGER_ARGS (default 'bench_leaders') are the trigger's arguments, e.g.
# TRIGGER_ARGS="'bench_leaders', 'story', 'id', 'fp', 'published_at', '20 hours'"
# (every argument given: the columns named and the window read as an
# interval; the same rule as the default).
# Prints the machine, the UTC time and load average, CPU and wall seconds per
# case, microseconds per row, and the stories each path made (they agree).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
RUNS=${2:-3}
COPIES=${3:-10}
TRIGGER_ARGS=${TRIGGER_ARGS:-"'bench_leaders'"}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod a+rx "$tmp"
echo "trigger: story_trigger($TRIGGER_ARGS)"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-bench-$(id -u)} bench/corpus.sh gen "$N" "$tmp/corpus.tsv" >/dev/null
chmod a+r "$tmp/corpus.tsv"

runs=
for r in $(seq 1 "$RUNS"); do
	runs+="SELECT pg_temp.timed('null ids, no trigger', $r, 'TRUNCATE bench_plain', 'INSERT INTO bench_plain (id, published_at, fp) SELECT NULL, published_at, fp FROM bench_src, generate_series(1, $COPIES) ORDER BY published_at, id');
SELECT pg_temp.timed('null ids, trigger', $r, 'TRUNCATE bench_trig', 'INSERT INTO bench_trig (id, published_at, fp) SELECT NULL, published_at, fp FROM bench_src, generate_series(1, $COPIES) ORDER BY published_at, id');
SELECT pg_temp.timed('articles, trigger', $r, 'TRUNCATE bench_trig, bench_leaders', 'INSERT INTO bench_trig (id, published_at, fp) SELECT id, published_at, fp FROM bench_src ORDER BY published_at, id');
SELECT pg_temp.timed('articles, assign_story', $r, 'TRUNCATE bench_plain, bench_leaders', 'INSERT INTO bench_plain (id, published_at, fp, story) SELECT id, published_at, fp, newsprint.assign_story(''bench_leaders'', id, fp, published_at) FROM bench_src ORDER BY published_at, id');
"
done

psql -X -q -v ON_ERROR_STOP=1 -v corpus="$tmp/corpus.tsv" -v n="$N" -v copies="$COPIES" <<SQL
\pset footer off
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_raw, bench_src, bench_trig, bench_plain, bench_leaders CASCADE;
CREATE UNLOGGED TABLE bench_raw (id bigint, outlet text, published_at timestamptz, kind text,
	family bigint, body text);
COPY bench_raw FROM :'corpus';
CREATE UNLOGGED TABLE bench_src AS
SELECT id, published_at, newsprint.fingerprint(body) AS fp FROM bench_raw;
DROP TABLE bench_raw;
CREATE TABLE bench_leaders (story bigint PRIMARY KEY,
	fp newsprint.fingerprint NOT NULL, published_at timestamptz);
CREATE INDEX ON bench_leaders USING npidx (fp);
CREATE TABLE bench_trig (id bigint, published_at timestamptz,
	fp newsprint.fingerprint, story bigint) PARTITION BY RANGE (published_at);
CREATE TABLE bench_plain (LIKE bench_trig) PARTITION BY RANGE (published_at);
DO \$\$
DECLARE
	lo timestamptz;
	hi timestamptz;
	step interval;
	i int;
	t text;
BEGIN
	SELECT min(published_at), max(published_at) + interval '1 second' INTO lo, hi FROM bench_src;
	step := (hi - lo) / 4;
	FOREACH t IN ARRAY ARRAY['bench_trig', 'bench_plain'] LOOP
		FOR i IN 0..3 LOOP
			EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
						   t || '_' || i, t,
						   CASE WHEN i = 0 THEN '-infinity'::timestamptz ELSE lo + step * i END,
						   CASE WHEN i = 3 THEN 'infinity'::timestamptz ELSE lo + step * (i + 1) END);
		END LOOP;
	END LOOP;
END
\$\$;
CREATE TRIGGER bench_story BEFORE INSERT ON bench_trig
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger($TRIGGER_ARGS);
ANALYZE bench_src;
SELECT count(*) AS articles, min(published_at)::date AS first_day, max(published_at)::date AS last_day
FROM bench_src;

CREATE FUNCTION pg_temp.cpu() RETURNS float8 LANGUAGE sql AS
\$\$ SELECT (f[12]::float8 + f[13]::float8) / 100
    FROM (SELECT string_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ') AS f) s \$\$;
CREATE TEMP TABLE bench_runs (what text, run int, cpu float8, wall float8);
CREATE FUNCTION pg_temp.timed(what text, run int, setup text, stmt text) RETURNS void
LANGUAGE plpgsql AS \$\$
DECLARE
	c0 float8;
	t0 timestamptz;
BEGIN
	EXECUTE setup;
	c0 := pg_temp.cpu();
	t0 := clock_timestamp();
	EXECUTE stmt;
	INSERT INTO bench_runs VALUES (what, run, pg_temp.cpu() - c0,
								   extract(epoch FROM clock_timestamp() - t0));
END
\$\$;
\o /dev/null
$runs
\o
\echo 'best of' $RUNS 'runs (backend CPU seconds; wall seconds of the same run)'
SELECT DISTINCT ON (what) what, round(cpu::numeric, 2) AS cpu_s, round(wall::numeric, 2) AS wall_s,
	   CASE WHEN what LIKE 'null%' THEN :n * :copies ELSE :n END AS rows_written,
	   round((cpu * 1e6 / CASE WHEN what LIKE 'null%' THEN :n * :copies ELSE :n END)::numeric, 2) AS cpu_us_per_row
FROM bench_runs ORDER BY what, cpu;
SELECT round((((SELECT min(cpu) FROM bench_runs WHERE what = 'null ids, trigger') -
			  (SELECT min(cpu) FROM bench_runs WHERE what = 'null ids, no trigger')) * 1e6 / (:n * :copies))::numeric, 2)
		   AS trigger_fixed_us_per_row,
	   round((((SELECT min(cpu) FROM bench_runs WHERE what = 'articles, trigger') -
			  (SELECT min(cpu) FROM bench_runs WHERE what = 'articles, assign_story')) * 1e6 / :n)::numeric, 1)
		   AS trigger_minus_assign_story_us_per_row,
	   round(((SELECT min(cpu) FROM bench_runs WHERE what = 'articles, trigger') /
			  (SELECT min(cpu) FROM bench_runs WHERE what = 'articles, assign_story'))::numeric, 3)
		   AS trigger_over_assign_story;
SELECT (SELECT count(DISTINCT story) FROM bench_trig) AS stories_trigger,
	   (SELECT count(DISTINCT story) FROM bench_plain) AS stories_assign_story,
	   (SELECT count(*) FROM bench_trig t JOIN bench_plain p USING (id) WHERE t.story = p.story) AS same_story;
DROP TABLE bench_src, bench_trig, bench_plain, bench_leaders;
SQL
