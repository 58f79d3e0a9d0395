#!/usr/bin/env bash
# bench/story_batch_profile.sh -- where cluster_stories() spends its time,
# and what it answers, on N articles of the realistic bench corpus
#
# Usage: scripts/with-server.sh bench/story_batch_profile.sh [N] [OUT]
#
# Loads the fingerprints of N articles (default 200,000) of the realistic
# bench corpus (bench/corpus.sh gen, seed SEED, default 1) with their
# publication times, then runs cluster_stories() over them in publication
# order at its defaults (and ARGS) with maintenance_work_mem = 2GB, REPEAT
# times (default 1), each in a session of its own, and prints for each run the
# wall time, the backend's CPU seconds (/proc/PID/stat, user + system) and
# the load average before and after.
#   OUT           also write the result of the last run, (id, story, score)
#                 in order of id, to OUT: two trees that give the same OUT
#                 cluster identically (compare with cmp)
#   ARGS          more arguments of cluster_stories(), e.g.
#                 "time_window => NULL" (no time test: the rule of pairs
#                 without one)
#   FUNC=story_clusters  time story_clusters('story_prof') instead (the 0.1
#                 interface: id order, no time window; ARGS are not used, and
#                 the score written to OUT is 0)
#   PERF=1        record the first run's backend with perf and print its
#                 functions by own samples (needs perf)
#   CACHE=DIR     keep the fingerprints, as COPY text, in DIR (default a
#                 folder under /tmp), so that a second tree's run does not
#                 generate and fingerprint the corpus again; the fingerprint
#                 format must be the same (it is checked by the tree's
#                 fingerprint_in, not by this script)
set -euo pipefail
cd "$(dirname "$0")"
N=${1:-200000}
OUT=${2:-}
SEED=${SEED:-1}
REPEAT=${REPEAT:-1}
PERF=${PERF:-0}
CACHE=${CACHE:-/tmp/newsprint-story-fp-$(id -u)}
FUNC=${FUNC:-cluster_stories}
case "$FUNC" in
cluster_stories)
	query="SELECT * FROM newsprint.cluster_stories('story_prof', order_column => 'published_at'${ARGS:+, $ARGS})" ;;
story_clusters)
	query="SELECT id, story, 0::float8 AS score FROM newsprint.story_clusters('story_prof')" ;;
*)
	echo "FUNC must be cluster_stories or story_clusters" >&2
	exit 2 ;;
esac
. ./bench_lib.sh
bench_workdir 777
bench_header

mkdir -p "$CACHE"
fps="$CACHE/seed$SEED-$N.copy"
if [ ! -s "$fps" ]; then
	t0=$(date +%s)
	SEED=$SEED ./corpus.sh gen "$N" "$WORK/corpus.tsv"
	q <<SQL
CREATE UNLOGGED TABLE prof_raw (id bigint, outlet text, published_at timestamptz, kind text,
	family bigint, body text);
\copy prof_raw FROM '$WORK/corpus.tsv'
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
CREATE UNLOGGED TABLE prof_fp AS
SELECT id, published_at, newsprint.fingerprint(body) AS fp FROM prof_raw;
\copy prof_fp TO '$fps.tmp'
DROP TABLE prof_raw, prof_fp;
SQL
	mv "$fps.tmp" "$fps"
	rm -f "$WORK/corpus.tsv"
	echo "== generated and fingerprinted $N articles (seed $SEED) in $(( $(date +%s) - t0 )) s"
fi
q <<SQL
CREATE UNLOGGED TABLE story_prof (id bigint PRIMARY KEY, published_at timestamptz,
	fp newsprint.fingerprint);
\copy story_prof FROM '$fps'
CREATE INDEX ON story_prof (published_at, id);
VACUUM ANALYZE story_prof;
SQL
echo "== $(q -c "SELECT count(*) || ' articles, ' || round(avg(newsprint.sample_size(fp)), 1) || ' hashes on average' FROM story_prof") (seed $SEED)"

for rep in $(seq 1 "$REPEAT"); do
	perfcmd=":"
	[ "$PERF" = 1 ] && [ "$rep" = 1 ] &&
		perfcmd="perf record -q -F 499 -g -o $WORK/perf.data -p \$BPID >/dev/null 2>&1 & echo \$! > $WORK/perf.pid; sleep 1"
	load0=$(cut -d' ' -f1-3 /proc/loadavg)
	q > "$WORK/notices" 2>&1 <<SQL
SELECT pg_backend_pid() AS pid \gset
\setenv BPID :pid
\! $perfcmd
SET maintenance_work_mem = '2GB';
SET client_min_messages = notice;
\! awk '{ print \$14 + \$15 }' /proc/\$BPID/stat > $WORK/cpu0
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
CREATE TEMP TABLE res AS
$query;
SELECT extract(epoch FROM clock_timestamp()) - :t0 AS wall \gset
\! awk '{ print \$14 + \$15 }' /proc/\$BPID/stat > $WORK/cpu1
\setenv WALL :wall
\! echo \$WALL > $WORK/wall
SELECT count(DISTINCT story) FROM res \g $WORK/stories
\copy (SELECT id, story, score FROM res ORDER BY id) TO '$WORK/result'
SQL
	if [ "$PERF" = 1 ] && [ "$rep" = 1 ]; then
		kill -INT "$(cat "$WORK/perf.pid")" 2>/dev/null || true
		sleep 2
	fi
	cpu=$(awk -v a="$(cat "$WORK/cpu0")" -v b="$(cat "$WORK/cpu1")" -v hz="$(getconf CLK_TCK)" \
		'BEGIN { printf "%.2f", (b - a) / hz }')
	printf '== run %d of %d: %s articles, %s stories, wall %.2f s, backend CPU %s s, load %s -> %s, %s UTC\n' \
		"$rep" "$REPEAT" "$N" "$(cat "$WORK/stories")" "$(cat "$WORK/wall")" "$cpu" \
		"$load0" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(date -u +%H:%M:%S)"
	grep -o "cluster_stories: done.*\|STATS.*" "$WORK/notices" | tail -2 || true
done
if [ -n "$OUT" ]; then
	cp "$WORK/result" "$OUT"
	echo "== result (id, story, score) in $OUT: $(md5sum < "$OUT" | cut -c1-32)"
fi
if [ -s "$WORK/perf.data" ]; then
	echo "== perf: functions of the backend by own samples"
	{ perf report -i "$WORK/perf.data" --no-children --sort dso,symbol --stdio -g none 2>/dev/null |
		grep -v '^#' | grep -v '^$' | head -40; } || true
	if [ -n "${PERF_KEEP:-}" ]; then cp "$WORK/perf.data" "$PERF_KEEP"/ || true; fi
fi
