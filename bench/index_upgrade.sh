#!/usr/bin/env bash
# bench/index_upgrade.sh -- an npidx index built by older code answers
# exactly under this tree
#
# Usage: scripts/with-server.sh bench/index_upgrade.sh [REF] [ROWS] [QUERIES]
#   REF: a git ref of this repository (default 07fa92f, main of 6 December
#   2026 before index format 5: format 4); ROWS and QUERIES as
#   bench/index_exact.sh (default 20000 and 300).
# Builds REF's newsprint.so from `git archive` and runs bench/index_exact.sh
# with OLD_SO set: the index is built, and the first rows inserted, deleted
# and vacuumed, by REF's code; later inserts, a merge of the pending list and
# the queries run with this tree's, against a sequential scan; then REINDEX
# and the queries again.  Exits non-zero on any lost or extra row.
set -euo pipefail
cd "$(dirname "$0")"

REF=${1:-07fa92f}
ROWS=${2:-20000}
NQ=${3:-300}
. ./bench_lib.sh
bench_workdir 755

mkdir "$WORK/old"
git -C .. archive "$REF" | tar -x -C "$WORK/old"
make -s -C "$WORK/old" PG_CONFIG="${NP_PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}" >"$WORK/old.log" 2>&1 ||
	{ cat "$WORK/old.log" >&2; exit 1; }
chmod -R a+rX "$WORK"
echo "== older code: $REF ($(git -C .. log -1 --format='%h %cd' --date=short "$REF"))"
OLD_SO="$WORK/old/newsprint.so" ./index_exact.sh "$ROWS" "$NQ"
