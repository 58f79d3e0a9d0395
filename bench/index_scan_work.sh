#!/usr/bin/env bash
# bench/index_scan_work.sh -- what an npidx threshold scan reads and hands
# over, per query: keys read and skipped, postings, rows counted, candidates
# (rows the executor rechecks) against matches, and the backend's CPU time
#
# Usage: scripts/with-server.sh bench/index_scan_work.sh [ROWS] [QUERIES]
#   (default 200000 articles of the realistic corpus, bench/corpus_gen.c
#   seed 1, and 400 query articles)
#
# For same_story, %, <% and %> (thresholds at their defaults), each query
# runs three times in one session (PL/pgSQL loop, each planned anew): a pass
# to warm the session, then two measured passes.  Prints, per predicate, the
# averages of npidx_scan_stats() (identical in every pass), the average
# matches, the server-side ms (p50 / p90 / p99 of each query's faster
# measured pass) and the backend's CPU ms per query over both measured
# passes (user + system, /proc; less sensitive to other jobs on the machine
# than wall time), with the backend's minor page faults per query, and the
# same two for the first, unmeasured pass: a new backend maps each page of
# shared_buffers into its page table at its first touch, a page fault that
# costs microseconds on a virtual machine (doc/index.md, "A new backend's
# first touches").  Use it to compare two trees on the same corpus: the
# scan counters say what changed, the times what it cost.
#
# SLOW=N also lists, per predicate, the N slowest queries (by the faster of
# their two measured passes): the generator's kind of the query article
# (brief, table, story, feature, round-up) and the size of its planted family,
# its sample size and shingle count, the scan's counters and matches, and
# where the time goes, from the fastest of three EXPLAIN (ANALYZE) runs: the
# bitmap index scan (reading postings, counting, choosing candidates)
# against the rest (the heap visits and rechecks of the candidates), with
# the heap blocks visited.  The kinds come from generating the corpus a
# second time.
# JIT is off in the measuring session (the loop's own query over the query
# table would otherwise be compiled on every pass, and its CPU counted).
set -euo pipefail
cd "$(dirname "$0")"

ROWS=${1:-200000}
NQ=${2:-400}
SLOW=${SLOW:-0}
. ./bench_lib.sh
bench_workdir 777

bench_header

bench_work_corpus "$ROWS" "$NQ"
echo "== $ROWS articles, npidx $(q -c "SELECT pg_size_pretty(pg_relation_size('work_fp'))"), $NQ queries"

q -c "CREATE FUNCTION work_scan(pred text) RETURNS TABLE (n bigint, ms float8, keys_read bigint,
		keys_skipped bigint, postings bigint, rows_counted bigint, candidates bigint, matches bigint)
	LANGUAGE plpgsql AS \$\$
	DECLARE qf newsprint.fingerprint; t0 timestamptz; s record;
	BEGIN
		PERFORM set_config('enable_seqscan', 'off', true);
		PERFORM set_config('jit', 'off', true);
		FOR n, qf IN SELECT w.n, w.fp FROM work_q w ORDER BY w.n LOOP
			t0 := clock_timestamp();
			EXECUTE format('SELECT count(*) FROM work_articles WHERE %s', pred) USING qf INTO matches;
			ms := 1000 * extract(epoch FROM clock_timestamp() - t0);
			SELECT * INTO s FROM newsprint.npidx_scan_stats();
			keys_read := s.keys_read; keys_skipped := s.keys_skipped; postings := s.postings;
			rows_counted := s.rows_counted; candidates := s.candidates;
			RETURN NEXT;
		END LOOP;
	END \$\$"

if [ "$SLOW" -gt 0 ]; then
	# the generator's kind and family of every article (same seed and parts)
	q -c "CREATE TABLE work_kind (id bigint PRIMARY KEY, kind text, family bigint)"
	SEED=1 ./corpus.sh gen "$ROWS" | awk -F'\t' -v OFS='\t' '{ print $1, $4, $5 }' |
		q -c "COPY work_kind FROM STDIN"
	bench_work_explain
fi

echo
printf '%-11s %9s %9s %9s %9s %10s %10s %9s   %-22s %s\n' "predicate" "keys read" "skipped" "postings" "counted" \
	"candidates" "(p50)" "matches" "ms p50 / p90 / p99" "CPU ms/query"
for pred in same_story '%' '<%' '%>'; do
	case $pred in
		same_story) e='newsprint.same_story(fp, $1)' ;;
		*) e="fp OPERATOR(newsprint.$pred) \$1" ;;
	esac
	q > "$WORK/out" <<SQL
SELECT pg_backend_pid() AS pid \gset
\setenv BPID :pid
\! awk '{ print \$14 + \$15, \$10 }' /proc/\$BPID/stat > $WORK/cpu00
SELECT count(*) FROM work_scan(\$q\$$e\$q\$) \g /dev/null
\! awk '{ print \$14 + \$15, \$10 }' /proc/\$BPID/stat > $WORK/cpu0
CREATE TEMP TABLE r AS SELECT * FROM work_scan(\$q\$$e\$q\$);
INSERT INTO r SELECT * FROM work_scan(\$q\$$e\$q\$);
\! awk '{ print \$14 + \$15, \$10 }' /proc/\$BPID/stat > $WORK/cpu1
SET client_min_messages = warning;
DROP TABLE IF EXISTS work_r;
CREATE TABLE work_r AS SELECT * FROM r;
CREATE TEMP TABLE r1 AS SELECT n, min(ms) AS ms, max(keys_read) AS keys_read, max(keys_skipped) AS keys_skipped,
	max(postings) AS postings, max(rows_counted) AS rows_counted, max(candidates) AS candidates,
	max(matches) AS matches FROM r GROUP BY n;
SELECT round(avg(keys_read), 1) || ' ' || round(avg(keys_skipped), 1) || ' ' || round(avg(postings))
	|| ' ' || round(avg(rows_counted)) || ' ' || round(avg(candidates), 1)
	|| ' ' || percentile_disc(0.5) WITHIN GROUP (ORDER BY candidates) || ' ' || round(avg(matches), 1)
	|| ' ' || round(percentile_disc(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2)
	|| ' ' || round(percentile_disc(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 2)
	|| ' ' || round(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 2) FROM r1;
SQL
	read -r kr ks po rc ca c50 ma m50 m90 m99 < "$WORK/out"
	# CPU ms and minor page faults a query: measured passes, and the first
	# pass (the backend's first touch of each shared buffer page it reads)
	cpu=$(cat "$WORK/cpu00" "$WORK/cpu0" "$WORK/cpu1" | awk -v hz="$(getconf CLK_TCK)" -v n="$NQ" \
		'{ c[NR] = $1; f[NR] = $2 } END { printf "%.3f (faults %.1f); first pass %.3f (faults %.1f)",
			1000 * (c[3] - c[2]) / hz / (2 * n), (f[3] - f[2]) / (2 * n), 1000 * (c[2] - c[1]) / hz / n, (f[2] - f[1]) / n }')
	printf '%-11s %9s %9s %9s %9s %10s %10s %9s   %-22s %s\n' "$pred" "$kr" "$ks" "$po" "$rc" "$ca" "$c50" "$ma" \
		"$m50 / $m90 / $m99" "$cpu"
	[ "$SLOW" -gt 0 ] && q -F' ' > "$WORK/slow.$pred" <<SQL
SELECT s.n, k.kind, CASE WHEN k.family IS NULL THEN 1 ELSE (SELECT count(*) FROM work_kind f WHERE f.family = k.family) END,
	newsprint.sample_size(w.fp), newsprint.shingle_count(w.fp), s.keys_read, s.keys_skipped, s.postings,
	s.rows_counted, s.candidates, s.matches, round(s.ms::numeric, 2),
	round(x.idx_ms::numeric, 2), round((x.total_ms - x.idx_ms)::numeric, 2), x.heap_blocks
FROM (SELECT n, min(ms) AS ms, max(keys_read) AS keys_read, max(keys_skipped) AS keys_skipped,
		max(postings) AS postings, max(rows_counted) AS rows_counted, max(candidates) AS candidates,
		max(matches) AS matches FROM work_r GROUP BY n ORDER BY min(ms) DESC LIMIT $SLOW) s
	JOIN work_q w USING (n) JOIN work_kind k ON k.id = w.id,
	LATERAL work_explain(\$q\$$e\$q\$, s.n) x
ORDER BY s.ms DESC;
SQL
done

if [ "$SLOW" -gt 0 ]; then
	echo
	echo "== the $SLOW slowest queries of each predicate (server ms: the faster of two passes; index and rest: the fastest of three EXPLAIN ANALYZE runs)"
	printf '%-11s %5s %-8s %6s %6s %8s %5s %4s %8s %7s %6s %6s %8s %8s %8s %6s\n' "predicate" "query" "kind" "family" \
		"sample" "shingles" "keys" "skip" "postings" "counted" "cand" "match" "ms" "index ms" "rest ms" "heap"
	for pred in same_story '%' '<%' '%>'; do
		while read -r n kind fam k nsh kr ks po rc ca ma ms ims rms hb; do
			printf '%-11s %5s %-8s %6s %6s %8s %5s %4s %8s %7s %6s %6s %8s %8s %8s %6s\n' "$pred" "$n" "$kind" "$fam" \
				"$k" "$nsh" "$kr" "$ks" "$po" "$rc" "$ca" "$ma" "$ms" "$ims" "$rms" "$hb"
		done < "$WORK/slow.$pred"
	done
fi
