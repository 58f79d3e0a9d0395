#!/usr/bin/env bash
# bench/index_decide.sh -- could npidx decide same_story for some candidates
# without the heap recheck?  An estimate, not a feature.
#
# Usage: scripts/with-server.sh bench/index_decide.sh [ROWS] [QUERIES] [SLOWPCT]
#   (default 200000 articles of the realistic corpus, seed 1, 400 queries
#   picked as bench/index_scan_work.sh picks them, the slowest 2%)
#
# Needs a tree with bench/index_decide.patch applied (`git apply
# bench/index_decide.patch`, `git checkout src` afterwards; it makes
# NpidxThresholdCandidates write every candidate's TID, count of keys read,
# named count, class and need to /tmp/decide_dump/cands.txt while
# /tmp/decide_dump/on exists).  Finds the slowest SLOWPCT% of the queries by
# the faster of two timed passes, dumps their candidates, and hands them with
# both fingerprints' text forms to bench/index_decide.py, which applies
# version 2's same_story rule (fingerprint_sql.c) with what each level of
# row facts would let the index know.
set -euo pipefail
cd "$(dirname "$0")"

ROWS=${1:-200000}
NQ=${2:-400}
PCT=${3:-2}
. ./bench_lib.sh
bench_workdir
bench_header
D=/tmp/decide_dump
mkdir -p "$D"; chmod 777 "$D"; rm -f "$D/on" "$D/cands.txt"

bench_work_corpus "$ROWS" "$NQ"
echo "== $ROWS articles, npidx $(q -c "SELECT pg_size_pretty(pg_relation_size('work_fp'))"), $NQ queries, $(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"

q -v PCT="$PCT" <<'SQL'
CREATE FUNCTION work_time(pass int) RETURNS TABLE (n bigint, ms float8, cand bigint, matches bigint)
LANGUAGE plpgsql AS $$
DECLARE qf newsprint.fingerprint; t0 timestamptz;
BEGIN
	PERFORM set_config('enable_seqscan', 'off', true);
	PERFORM set_config('jit', 'off', true);
	FOR n, qf IN SELECT w.n, w.fp FROM work_q w ORDER BY w.n LOOP
		t0 := clock_timestamp();
		SELECT count(*) INTO matches FROM work_articles WHERE newsprint.same_story(fp, qf);
		ms := 1000 * extract(epoch FROM clock_timestamp() - t0);
		SELECT s.candidates INTO cand FROM newsprint.npidx_scan_stats() s;
		RETURN NEXT;
	END LOOP;
END $$;
SELECT count(*) FROM work_time(0);
CREATE TABLE work_t AS SELECT * FROM work_time(1) UNION ALL SELECT * FROM work_time(2);
CREATE TABLE work_slow AS
	SELECT n, min(ms) AS ms, max(cand) AS cand, max(matches) AS matches
	FROM work_t GROUP BY n ORDER BY min(ms) DESC LIMIT (SELECT ceil(count(DISTINCT n) * 0.01 * :PCT) FROM work_t);
SQL
q -c "SELECT 'all', count(*), round(avg(cand)), round(avg(matches)),
	percentile_disc(0.99) WITHIN GROUP (ORDER BY cand) FROM (SELECT n, max(cand) cand, max(matches) matches FROM work_t GROUP BY n) s"
q -c "SELECT 'slow', n, round(ms::numeric, 2), cand, matches FROM work_slow ORDER BY ms DESC"

# the slow queries once more, in order, with the dump on
touch "$D/on"
q -c "SET enable_seqscan = off; SET jit = off;
	DO \$\$ DECLARE r record; c bigint; BEGIN
	FOR r IN SELECT s.n, w.fp FROM work_slow s JOIN work_q w USING (n) ORDER BY s.n LOOP
		SELECT count(*) INTO c FROM work_articles WHERE newsprint.same_story(fp, r.fp);
	END LOOP; END \$\$"
rm -f "$D/on"
[ -s "$D/cands.txt" ] || { echo "no candidates dumped: is bench/index_decide.patch applied?" >&2; exit 1; }

# where each slow query's time goes: the bitmap index scan against the rest
# (heap visits and rechecks), the fastest of three EXPLAIN ANALYZE runs
bench_work_explain
echo "explain (n, index ms, rest ms, heap blocks, candidates): $(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
q -c "SELECT s.n, round(x.idx_ms::numeric, 2), round((x.total_ms - x.idx_ms)::numeric, 2), x.heap_blocks, s.cand
	FROM work_slow s, LATERAL work_explain(\$q\$newsprint.same_story(fp, \$1)\$q\$, s.n) x ORDER BY s.ms DESC"

# candidates with both text forms and the heap's answer
q -c "CREATE TABLE work_c (qseq int, nskip int, blk bigint, off int, cnt int, named int, cls int, need int)"
awk 'BEGIN { s = 0 } $1 == "Q" { s++; k = $4 } $1 == "C" { print s "\t" k "\t" $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 "\t" $7 }' "$D/cands.txt" |
	q -c "COPY work_c FROM STDIN"
awk '$1 == "Q" { print $4, $5, $6 }' "$D/cands.txt" > "$WORK/qheads"
q -F $'\t' -c "WITH qs AS (SELECT row_number() OVER (ORDER BY n) AS qseq, n, fp FROM (SELECT s.n, w.fp FROM work_slow s JOIN work_q w USING (n)) x)
	SELECT qs.n || '/' || c.nskip, c.blk, c.off, c.cnt, c.named, c.cls, c.need, qs.fp::text, a.fp::text,
		newsprint.same_story(a.fp, qs.fp)
	FROM work_c c JOIN qs USING (qseq)
	JOIN work_articles a ON a.ctid = format('(%s,%s)', c.blk, c.off)::tid" > "$WORK/cands.tsv"
echo "candidates dumped: $(wc -l < "$WORK/cands.tsv"); skipped keys per query (nskip nskip_named pending): $(tr '\n' ';' < "$WORK/qheads")"
cp "$WORK/cands.tsv" "$D/cands_$ROWS.tsv"
python3 ./index_decide.py "$WORK/cands.tsv"
