#!/usr/bin/env bash
# bench/index_copy_profile.sh -- where a COPY into an npidx-indexed table
# spends its time: backend CPU, WAL records, full-page images and WAL bytes
# of the COPY with and without the index, and (PERF=1) a perf profile of the
# backend during the indexed COPY
#
# Usage: scripts/with-server.sh bench/index_copy_profile.sh [ROWS] [COPY_ROWS]
#   (default 200000 articles of the realistic corpus, bench/corpus_gen.c
#   seed 1, and a COPY of 100000 more, fingerprints precomputed)
# Environment:
#   PERF=1        record the indexed COPY's backend with perf (needs perf and
#                 the right to attach to the server process) and print the
#                 functions with the most samples
#   PERF_KEEP=DIR keep the perf.data files (perf.copy, perf.merge) in DIR
#   LIMIT_KB      pending_list_limit of the index during the COPY (default:
#                 the reloption's default)
#   CHECKPOINT=1  checkpoint just before each COPY, so that the first change
#                 of every page after it carries a full-page image (what a
#                 long load meets once per checkpoint_timeout); default 0
#   REPEAT=N      rebuild both tables and measure N times (default 1), and
#                 print the median of the index's share of backend CPU; on a
#                 machine shared with other jobs one run moves by 20%
#                 (perf, if asked for, records the first)
#   BODIES=1      copy article bodies instead of fingerprints, into tables
#                 whose fp is a generated column, fingerprint(body), as the
#                 README's table is: the COPY then computes every fingerprint
#                 with and without the index (default 0: fingerprints
#                 precomputed, which leaves the index the largest share)
#   DEFER=0       leave newsprint.npidx_defer_inserts off for the indexed
#                 COPY (default 1: on, the transaction's rows kept in the
#                 backend and written in one sweep; off, each row goes to the
#                 pending list at once, as before the seventeenth session)
#   WARM=N        before each measured COPY, in the same session (so that
#                 the backend has mapped the pages it touches: a loader that
#                 keeps its session), COPY N other rows into the same table
#                 and merge them into the index, unmeasured (default 0:
#                 every COPY in a new session, whose first touch of each
#                 shared buffer costs a page fault)
#   GIN=1         also COPY the same rows into a third table of ROWS rows
#                 with the alternative a user has without npidx, a GIN index
#                 over newsprint.npidx_keys(fp) (defaults: fastupdate on, 4 MB
#                 pending list), then gin_clean_pending_list(); its build
#                 is not timed (fingerprints precomputed only)
#   REUSE=1       keep prof_src if an earlier run in the same database left
#                 it with the rows this run needs (same ROWS, COPY_ROWS, WARM
#                 and BODIES), instead of generating the articles again: for a
#                 driver that restarts the server between runs
#                 (bench/index_copy_hugepages.sh)
#
# Page faults are the backend's minor faults (/proc/PID/stat): on a virtual
# machine each costs microseconds, and a backend takes one for every 4 kB of
# shared buffers it touches for the first time (every 2 MB with the server's
# huge_pages on; bench/index_copy_hugepages.sh), and of fresh memory it
# allocates; "sys s" is the part of the CPU seconds spent in the kernel.
#
# The indexed COPY is followed by npidx_clean_pending_list(), so that the
# figures include the merge of the rows left pending.
set -euo pipefail
cd "$(dirname "$0")"

ROWS=${1:-200000}
COPY_ROWS=${2:-100000}
PERF=${PERF:-0}
LIMIT_KB=${LIMIT_KB:-}
CHECKPOINT=${CHECKPOINT:-0}
REPEAT=${REPEAT:-1}
BODIES=${BODIES:-0}
GIN=${GIN:-0}
WARM=${WARM:-0}
. ./bench_lib.sh
bench_workdir 777

bench_header max_wal_size

# prof_src as a run of the same shape left it, when REUSE=1 allows
reuse=0
if [ "${REUSE:-0}" = 1 ] &&
	[ "$(q -c "SELECT (SELECT count(*) FROM prof_src) = $((ROWS + COPY_ROWS + WARM))
		AND EXISTS (SELECT FROM pg_attribute WHERE attrelid = 'prof_src'::regclass
			AND attname = '$([ "$BODIES" = 1 ] && echo body || echo fp)' AND NOT attisdropped)" 2>/dev/null || true)" = t ]; then
	reuse=1
	echo "== prof_src reused ($((ROWS + COPY_ROWS + WARM)) rows)"
fi

if [ "$BODIES" = 1 ]; then
	# the articles as text; the tables compute fp themselves
	if [ "$reuse" = 0 ]; then
		SEED=1 ./corpus.sh gen "$((ROWS + COPY_ROWS + WARM))" | awk -F'\t' -v OFS='\t' '{ print $1, $6 }' > "$WORK/all.tsv"
		q -c "DROP TABLE IF EXISTS prof_src; CREATE TABLE prof_src (id bigint PRIMARY KEY, body text)"
		q -c "\\copy prof_src FROM '$WORK/all.tsv'"
	fi
	q -c "COPY (SELECT id, body FROM prof_src WHERE id >= $ROWS ORDER BY id LIMIT $COPY_ROWS) TO STDOUT" > "$WORK/copy.tsv"
	q -c "COPY (SELECT id, body FROM prof_src WHERE id >= $ROWS + $COPY_ROWS ORDER BY id) TO STDOUT" > "$WORK/warm.tsv"
	cols="id bigint, body text, fp newsprint.fingerprint GENERATED ALWAYS AS (newsprint.fingerprint(body)) STORED"
	fill="id, body"
	target="(id, body)"
else
	if [ "$reuse" = 0 ]; then
		q -c "DROP TABLE IF EXISTS prof_src"
		SEED=1 ./corpus.sh fingerprints prof_src "$((ROWS + COPY_ROWS + WARM))"
	fi
	q -c "COPY (SELECT id, fp FROM prof_src WHERE id >= $ROWS ORDER BY id LIMIT $COPY_ROWS) TO STDOUT" > "$WORK/copy.tsv"
	q -c "COPY (SELECT id, fp FROM prof_src WHERE id >= $ROWS + $COPY_ROWS ORDER BY id) TO STDOUT" > "$WORK/warm.tsv"
	cols="id bigint, fp newsprint.fingerprint"
	fill="id, fp"
	target=""
fi

# fresh tables of ROWS rows, one with the index
setup() {
	q -c "DROP TABLE IF EXISTS prof_idx, prof_noidx;
	CREATE TABLE prof_idx ($cols) WITH (autovacuum_enabled = off);
	CREATE TABLE prof_noidx ($cols) WITH (autovacuum_enabled = off);
	INSERT INTO prof_idx ($fill) SELECT $fill FROM prof_src WHERE id < $ROWS;
	INSERT INTO prof_noidx ($fill) SELECT $fill FROM prof_src WHERE id < $ROWS;"
	q -c "VACUUM ANALYZE prof_idx"
	q -c "VACUUM ANALYZE prof_noidx"
	q -c "SET maintenance_work_mem = '2GB'; CREATE INDEX prof_fp ON prof_idx USING npidx (fp)"
	if [ -n "$LIMIT_KB" ]; then q -c "ALTER INDEX prof_fp SET (pending_list_limit = $LIMIT_KB)"; fi
	if [ "$GIN" = 1 ]; then
		q -c "DROP TABLE IF EXISTS prof_gin;
		CREATE TABLE prof_gin ($cols) WITH (autovacuum_enabled = off);
		INSERT INTO prof_gin ($fill) SELECT $fill FROM prof_src WHERE id < $ROWS;"
		q -c "VACUUM ANALYZE prof_gin"
		q -c "SET maintenance_work_mem = '2GB'; CREATE INDEX prof_gin_keys ON prof_gin USING gin ((newsprint.npidx_keys(fp)))"
	fi
}

# measure LABEL SQL [PRE]: run SQL in a session of its own (with the perf
# recorder attached when asked), after PRE, unmeasured; prints wall s,
# backend CPU s, WAL records, full-page images, WAL MB
measure() {		# LABEL SQL [PRE]
	local perfcmd=":"
	[ "$PERF" = 1 ] &&
		perfcmd="perf record -q -F 999 -g -o $WORK/perf.$1 -p \$BPID >/dev/null 2>&1 & echo \$! > $WORK/perf.pid; sleep 1"
	q >/dev/null <<SQL
${3:-}
SELECT pg_backend_pid() AS pid \gset
\setenv BPID :pid
\! $perfcmd
SELECT wal_records AS r0, wal_fpi AS f0, wal_bytes AS b0, extract(epoch FROM clock_timestamp()) AS t0 FROM pg_stat_wal \gset
\! awk '{ print \$14 + \$15, \$10, \$15 }' /proc/\$BPID/stat > $WORK/cpu0
$2
\! awk '{ print \$14 + \$15, \$10, \$15 }' /proc/\$BPID/stat > $WORK/cpu1
SELECT pg_stat_force_next_flush();
SELECT extract(epoch FROM clock_timestamp()) - :t0 AS wall \gset
\setenv WALL :wall
\! echo \$WALL > $WORK/wall
SELECT pg_sleep(0.6);
SELECT (wal_records - :r0) || ' ' || (wal_fpi - :f0) || ' ' || round((wal_bytes - :b0) / 1048576.0, 1) FROM pg_stat_wal \g $WORK/wal
SQL
	if [ "$PERF" = 1 ]; then
		kill -INT "$(cat "$WORK/perf.pid")" 2>/dev/null || true
		sleep 2
	fi
	read -r c0 m0 s0 < "$WORK/cpu0"
	read -r c1 m1 s1 < "$WORK/cpu1"
	printf '%.2f %.2f %s %d %.2f\n' "$(cat "$WORK/wall")" \
		"$(awk -v a="$c0" -v b="$c1" -v hz="$(getconf CLK_TCK)" 'BEGIN { print (b - a) / hz }')" \
		"$(cat "$WORK/wal")" "$((m1 - m0))" \
		"$(awk -v a="$s0" -v b="$s1" -v hz="$(getconf CLK_TCK)" 'BEGIN { print (b - a) / hz }')"
}

line() { printf '%-40s %8s %8s %12s %10s %8s %12s %8s\n' "$@"; }
: > "$WORK/shares"
for rep in $(seq 1 "$REPEAT"); do
	setup
	echo
	echo "== run $rep of $REPEAT: $ROWS rows, npidx $(q -c "SELECT pg_size_pretty(pg_relation_size('prof_fp'))"); COPY of $COPY_ROWS rows$([ "$WARM" -gt 0 ] && echo " after $WARM unmeasured in the same session") ($([ "$BODIES" = 1 ] && echo "bodies, fp generated" || echo "fingerprints precomputed")), pending_list_limit ${LIMIT_KB:-default}; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%H:%M:%S) UTC"
	line "" "wall s" "CPU s" "WAL records" "FPIs" "WAL MB" "page faults" "sys s"
	[ "$CHECKPOINT" = 1 ] && q -c "CHECKPOINT"
	# the warm rows merged in the session too (a few thousand rows go to
	# the pending list at commit): the merge touches nearly every head
	warm() {
		if [ "$WARM" -gt 0 ]; then
			echo "\\copy $1 $target FROM '$WORK/warm.tsv'"
			[ "$1" = prof_idx ] && echo "SELECT newsprint.npidx_clean_pending_list('prof_fp');"
		fi
		return 0
	}
	read -r w c r f b pf sy < <(PERF=0 measure noidx "\\copy prof_noidx $target FROM '$WORK/copy.tsv'" "$(warm prof_noidx)")
	line "COPY without index" "$w" "$c" "$r" "$f" "$b" "$pf" "$sy"
	cn=$c
	[ "$CHECKPOINT" = 1 ] && q -c "CHECKPOINT"
	read -r w c r f b pf sy < <(measure copy "\\copy prof_idx $target FROM '$WORK/copy.tsv'" \
		"SET newsprint.npidx_defer_inserts = $([ "${DEFER:-1}" = 1 ] && echo on || echo off);
$(warm prof_idx)")
	line "COPY with npidx" "$w" "$c" "$r" "$f" "$b" "$pf" "$sy"
	read -r w2 c2 r2 f2 b2 pf2 sy2 < <(measure merge "SELECT newsprint.npidx_clean_pending_list('prof_fp');")
	line "  merge of the rows left pending" "$w2" "$c2" "$r2" "$f2" "$b2" "$pf2" "$sy2"
	line "  both" "$(awk -v a="$w" -v b="$w2" 'BEGIN { printf "%.2f", a + b }')" \
		"$(awk -v a="$c" -v b="$c2" 'BEGIN { printf "%.2f", a + b }')" $((r + r2)) $((f + f2)) \
		"$(awk -v a="$b" -v b="$b2" 'BEGIN { printf "%.1f", a + b }')" $((pf + pf2)) \
		"$(awk -v a="$sy" -v b="$sy2" 'BEGIN { printf "%.2f", a + b }')"
	awk -v n="$cn" -v a="$c" -v b="$c2" -v rows="$COPY_ROWS" 'BEGIN {
		printf "== the index'"'"'s share of backend CPU: %.2f s (%.1f us a row); COPY with npidx and the merge / without: %.2fx\n",
			a + b - n, (a + b - n) * 1e6 / rows, (a + b) / n }'
	awk -v n="$cn" -v a="$c" -v b="$c2" 'BEGIN { printf "%.2f %.2f\n", a + b - n, (a + b) / n }' >> "$WORK/shares"
	if [ "$GIN" = 1 ]; then
		read -r w c r f b pf sy < <(PERF=0 measure gin "\\copy prof_gin $target FROM '$WORK/copy.tsv'")
		line "COPY with GIN (npidx_keys(fp))" "$w" "$c" "$r" "$f" "$b" "$pf" "$sy"
		read -r w2 c2 r2 f2 b2 pf2 sy2 < <(PERF=0 measure ginmerge "SELECT gin_clean_pending_list('prof_gin_keys');")
		line "  gin_clean_pending_list" "$w2" "$c2" "$r2" "$f2" "$b2" "$pf2" "$sy2"
		awk -v n="$cn" -v a="$c" -v b="$c2" -v rows="$COPY_ROWS" 'BEGIN {
			printf "== GIN'"'"'s share of backend CPU: %.2f s (%.1f us a row); COPY with GIN and its cleanup / without: %.2fx\n",
				a + b - n, (a + b - n) * 1e6 / rows, (a + b) / n }'
	fi
	echo "== npidx after: $(q -c "SELECT pg_size_pretty(pg_relation_size('prof_fp'))")"
	PERF=0
done
if [ "$REPEAT" -gt 1 ]; then
	echo
	sort -n "$WORK/shares" | awk '{ s[NR] = $1; x[NR] = $2 } END {
		m = int((NR + 1) / 2)
		printf "== median of %d runs: the index'"'"'s share of backend CPU %.2f s (runs: ", NR, s[m]
		for (i = 1; i <= NR; i++) printf "%s%.2f", (i > 1 ? ", " : ""), s[i]
		printf "); ratio %.2fx with that run\n", x[m] }'
fi

if [ -s "$WORK/perf.copy" ]; then
	for part in copy merge; do
		echo
		echo "== perf, $part: functions of the backend by own samples"
		[ -s "$WORK/perf.$part" ] || continue
		{ perf report -i "$WORK/perf.$part" --no-children --sort dso,symbol --stdio -g none 2>/dev/null |
			grep -v '^#' | grep -v '^$' | head -30; } || true
	done
	if [ -n "${PERF_KEEP:-}" ]; then cp "$WORK"/perf.* "$PERF_KEEP"/ || true; fi
fi
