#!/usr/bin/env bash
# bench/index_hostile.sh -- an npidx lookup's CPU time as its query grows to
# the largest fingerprint there is (65,535 hashes): is the scan linear in
# the postings it reads, and does it stop at once on statement_timeout?
#
# Usage: scripts/with-server.sh bench/index_hostile.sh [SIZES]
#   SIZES: the queries' hash counts (default "4096 16384 65535": 1x, 4x, 16x)
#   REPS: lookups timed per figure (default 10; CPU seconds are per lookup)
#   KEEP=1 leaves the tables in place, REUSE=1 uses them (same SIZES)
#
# Two inputs, each indexed with npidx:
#   random     200 rows, fingerprints (version 1, sketch size 65,535) of
#              20,000-word stretches of one text of 200,000 distinct random
#              words; the query is the whole text at each size, so each of
#              its keys is held by a varying number of rows
#   ascending  fingerprints written as literals: for a query of K hashes
#              (h_i = i 2^16 + a constant of K), 256 rows, row j holding
#              the h_i with i >= K (256 - j) / 256, so that a key's rows,
#              and its cost to read, grow with its position in the query
#              (the order an insertion sort by cost handles worst)
#   pending    100,000 rows of one hash each left in the pending list
#              (pending_list_limit 1 GB, autovacuum off), every one of
#              them the query's largest hash: each lookup compares every
#              pending row with its query (pending_rows is printed in the
#              postings column, where the buckets hold none of them)
#   heavy      1,300 copies of one text of 16,384 hashes, queried with it:
#              20 million postings, most on the head pages of the query's
#              keys; the lookup's memory beyond shared buffers (the scan
#              keeps at most 8 MB of head-page matches) and its rows
#              against a seq scan's
# For each input and size: `%` (similarity_threshold 0.05 and 0.5) through
# the index: the backend's CPU seconds (user + system, /proc/PID/stat), the
# counters of npidx_scan_stats() (keys read, postings, candidates), and
# the CPU nanoseconds per posting read (postings: of the buckets, and the
# pending rows compared): about constant when the lookup's
# CPU grows with its postings (which grow with K), growing with K when it
# grows with K^2.  Beside it the same query by a seq scan (the rechecks
# alone).  Then, at the largest size, the lookup with statement_timeout =
# 100ms: how long the statement took, as psql's \timing saw it.
# Needs a superuser (pg_read_file of /proc).
set -euo pipefail
cd "$(dirname "$0")"
. ./bench_lib.sh

sizes=${1:-4096 16384 65535}
reps=${REPS:-10}
bench_header

if [ -z "${REUSE:-}" ]; then
q <<'EOF' >/dev/null
SET client_min_messages = warning;
DROP TABLE IF EXISTS hostile_words, hostile_rows, hostile_queries, hostile_pending, hostile_heavy;
CREATE TABLE hostile_words AS
	SELECT i, translate(substr(md5(i::text || 'x'), 1, 8), '0123456789', 'ghijklmnop') AS w
	FROM generate_series(1, 200000) i;
CREATE TABLE hostile_rows (input text, k int, fp newsprint.fingerprint);
CREATE TABLE hostile_queries (input text, k int, threshold float8, fp newsprint.fingerprint);
CREATE TABLE hostile_heavy (fp newsprint.fingerprint) WITH (autovacuum_enabled = off);
INSERT INTO hostile_heavy
	SELECT fp FROM (SELECT ('v1:w3:k65535:n16384:' ||
		(SELECT string_agg(lpad(to_hex(i::bigint * 65536 + 77), 8, '0'), '' ORDER BY i)
		 FROM generate_series(0, 16383) i))::newsprint.fingerprint AS fp) f,
		generate_series(1, 1300);
CREATE INDEX hostile_heavy_fp ON hostile_heavy USING npidx (fp);
INSERT INTO hostile_queries SELECT 'heavy', 16384, 0.5, fp FROM hostile_heavy LIMIT 1;
CREATE TABLE hostile_pending (fp newsprint.fingerprint) WITH (autovacuum_enabled = off);
CREATE INDEX hostile_pending_fp ON hostile_pending USING npidx (fp)
	WITH (pending_list_limit = 1048576);
INSERT INTO hostile_pending
	SELECT 'v1:w3:k8:n1:ffffff00' FROM generate_series(1, 100000);
INSERT INTO hostile_rows
	SELECT 'random', 0, newsprint.fingerprint(
		(SELECT string_agg(w, ' ' ORDER BY i) FROM hostile_words WHERE i BETWEEN o AND o + 19999),
		false, 65535, 1)
	FROM (SELECT 1 + (('x' || substr(md5(j::text), 1, 8))::bit(32)::bigint % 180000)::int AS o
		  FROM generate_series(1, 200) j) s;
EOF
for k in $sizes; do
	q <<EOF >/dev/null
INSERT INTO hostile_queries
	SELECT 'random', $k, 0.05, newsprint.fingerprint(
		(SELECT string_agg(w, ' ' ORDER BY i) FROM hostile_words), false, $k, 1);
INSERT INTO hostile_rows
	SELECT 'ascending', $k, ('v1:w3:k65535:n' || ($k - $k * (256 - j) / 256) || ':' ||
		(SELECT string_agg(lpad(to_hex(i::bigint * 65536 + $k % 65521), 8, '0'), '' ORDER BY i)
		 FROM generate_series($k * (256 - j) / 256, $k - 1) i))::newsprint.fingerprint
	FROM generate_series(1, 256) j;
INSERT INTO hostile_queries
	SELECT 'pending', $k, 0.5, ('v1:w3:k65535:n$k:' ||
		(SELECT string_agg(lpad(to_hex(i::bigint * 65536 + 14), 8, '0'), '' ORDER BY i)
		 FROM generate_series(0, $k - 2) i) || 'ffffff00')::newsprint.fingerprint;
INSERT INTO hostile_queries
	SELECT 'ascending', $k, 0.5, ('v1:w3:k65535:n$k:' ||
		(SELECT string_agg(lpad(to_hex(i::bigint * 65536 + $k % 65521), 8, '0'), '' ORDER BY i)
		 FROM generate_series(0, $k - 1) i))::newsprint.fingerprint;
EOF
done
q -c "CREATE INDEX hostile_rows_fp ON hostile_rows USING npidx (fp)" -c "ANALYZE hostile_rows" >/dev/null
fi

tck=$(getconf CLK_TCK)
cpu="SELECT split_part(s, ' ', 14)::bigint + split_part(s, ' ', 15)::bigint AS ticks FROM pg_read_file('/proc/' || pg_backend_pid() || '/stat') s"
# one lookup in a fresh session: CPU seconds, then the scan's counters
lookup()
{
	local input=$1 k=$2 seq=$3 table=hostile_rows
	[ "$input" != pending ] || table=hostile_pending
	q <<EOF
SET search_path = newsprint, public;
SET enable_seqscan = $seq;
SET enable_indexscan = $([ "$seq" = on ] && echo off || echo on);
SET enable_bitmapscan = $([ "$seq" = on ] && echo off || echo on);
SELECT threshold AS t, fp AS qfp FROM hostile_queries WHERE input = '$input' AND k = $k \gset
SET newsprint.similarity_threshold = :t;
SELECT count(*) FROM $table WHERE fp % :'qfp' \g /dev/null
$cpu \gset c0_
$(for r in $(seq "$reps"); do echo "SELECT count(*) FROM $table WHERE fp % :'qfp' \\g /dev/null"; done)
SELECT round((($cpu) - :c0_ticks)::numeric / $tck / $reps, 3);
SELECT keys_read || ' ' || postings + pending_rows || ' ' || candidates FROM newsprint.npidx_scan_stats();
EOF
}

printf '%-10s %6s %10s %6s %9s %8s %9s\n' input keys postings cands index_s ns/post seqscan_s
for input in random ascending pending; do
	for k in $sizes; do
		mapfile -t v < <(lookup "$input" "$k" off)
		mapfile -t s < <(lookup "$input" "$k" on)
		read -r kr post cand <<<"${v[1]}"
		printf '%-10s %6d %10d %6d %9.3f %8.0f %9.3f\n' "$input" "$kr" "$post" "$cand" \
			"${v[0]}" "$(echo "${v[0]} * 1000000000 / ($post + 1)" | bc -l)" "${s[0]}"
	done
done

# the heavy input: peak memory beyond shared buffers and mapped files (the
# peak resident size less what of it is shared memory and files once the
# lookup is over, less the private memory before it: a lower bound of what
# the lookup allocated), and the rows found against a seq scan's
status="regexp_replace(pg_read_file('/proc/' || pg_backend_pid() || '/status'), '.*VmHWM:\\s+(\\d+).*RssAnon:\\s+(\\d+).*RssFile:\\s+(\\d+).*RssShmem:\\s+(\\d+).*', '\\1 \\2 \\3 \\4')"
mapfile -t h < <(q <<EOF
SET search_path = newsprint, public;
SELECT fp AS qfp FROM hostile_queries WHERE input = 'heavy' \gset
SET newsprint.similarity_threshold = 0.5;
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT count(*) FROM hostile_heavy WHERE fp % :'qfp';
RESET enable_indexscan;
RESET enable_bitmapscan;
SET enable_seqscan = off;
SELECT $status;
SELECT count(*) FROM hostile_heavy WHERE fp % :'qfp';
SELECT $status;
SELECT keys_read || ' ' || postings || ' ' || candidates FROM newsprint.npidx_scan_stats();
EOF
)
read -r _ anon0 _ _ <<<"${h[1]}"
read -r hwm _ file shmem <<<"${h[3]}"
read -r kr post cand <<<"${h[4]}"
printf 'heavy: 1,300 copies of a 16,384-hash text, %d keys read, %d postings, %d candidates; rows %d by the index, %d by a seq scan; at least %d MB allocated by the lookup\n' \
	"$kr" "$post" "$cand" "${h[2]}" "${h[0]}" "$(( (hwm - file - shmem - anon0) / 1024 ))"

big=${sizes##* }
for input in random ascending pending; do
	table=hostile_rows
	[ "$input" != pending ] || table=hostile_pending
	ms=$({ q <<EOF 2>&1 || true; } | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
SET search_path = newsprint, public;
SET enable_seqscan = off;
SELECT threshold AS t, fp AS qfp FROM hostile_queries WHERE input = '$input' AND k = $big \gset
SET newsprint.similarity_threshold = :t;
SET statement_timeout = '100ms';
\timing on
SELECT count(*) FROM $table WHERE fp % :'qfp';
EOF
	)
	printf 'statement_timeout 100ms, %-10s %6d keys: the statement took %s ms\n' "$input" "$big" "$ms"
done
[ -n "${KEEP:-}" ] || q -c "DROP TABLE hostile_words, hostile_rows, hostile_queries, hostile_pending, hostile_heavy" >/dev/null
