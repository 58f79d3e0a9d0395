#!/usr/bin/env bash
# bench/index_chain_cancel.sh -- how late an npidx lookup stops on
# statement_timeout when one bucket chain is long: ROWS rows (default
# 2,000,000) of one and the same one-hash fingerprint, so that the key's
# chain holds a posting of every row (about 1,470 pages at 2M) and the
# lookup `fp % q` counts them all, then sorts every row as a candidate.
#
# Usage: scripts/with-server.sh bench/index_chain_cancel.sh [ROWS]
#   REPS: timed statements per figure (default 5)
#   KEEP=1 leaves the table in place, REUSE=1 uses it
#
# Prints the index's size, the counters of npidx_scan_stats() for one
# lookup, the wall time of the lookup (psql's \timing) and, with
# statement_timeout = 20ms, the time each statement took before it was
# cancelled: about 20 ms when every loop checks for interrupts.  Before the
# eighteenth session the chain was read under buffer locks (which hold off
# a cancel) and the candidates sorted by qsort, so the statement ran on for
# the whole chain and the sort.
set -euo pipefail
cd "$(dirname "$0")"
. ./bench_lib.sh

rows=${1:-2000000}
reps=${REPS:-5}
bench_header

if [ -z "${REUSE:-}" ]; then
	q <<EOF >/dev/null
SET client_min_messages = warning;
DROP TABLE IF EXISTS chain_rows;
CREATE TABLE chain_rows (id int, pad text, fp newsprint.fingerprint) WITH (autovacuum_enabled = off);
INSERT INTO chain_rows SELECT i, repeat('x', 150), 'v1:w3:k8:n1:ffffff00'
	FROM generate_series(1, $rows) i;
CREATE INDEX chain_rows_fp ON chain_rows USING npidx (fp);
EOF
fi
q -c "SELECT 'index pages: ' || pg_relation_size('chain_rows_fp') / 8192 || ', rows: ' || (SELECT count(*) FROM chain_rows)" | sed 's/^/== /'

lookup="SELECT count(*) FROM chain_rows WHERE fp % 'v1:w3:k8:n1:ffffff00'"
q -c "SET search_path = newsprint, public" -c "SET enable_seqscan = off" -c "$lookup" \
	-c "SELECT 'keys_read ' || keys_read || ', postings ' || postings || ', rows_counted ' || rows_counted || ', candidates ' || candidates FROM npidx_scan_stats()" |
	sed -n 's/^keys/== keys/p'
timed()
{
	local i
	for i in $(seq 1 "$reps"); do
		psql -X -q <<EOF 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
SET search_path = newsprint, public;
SET enable_seqscan = off;
SET statement_timeout = '$1';
\timing on
$lookup;
EOF
	done | paste -sd' '
}
echo "lookup ms (no timeout): $(timed 0)"
echo "statement ms with statement_timeout = 20ms: $(timed 20ms)"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${KEEP:-}" ] || q -c "DROP TABLE chain_rows"
