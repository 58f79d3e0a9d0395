#!/usr/bin/env bash
# scripts/score_clean.sh -- score clean() on the labelled sets: the web pages
# of test/data/clean, the agency wire items of test/data/wire and the wire
# items of the rewrite set, test/data/rewrites/*/wire.txt (line-level
# precision and recall; for the wire sets also items emptied and words kept,
# per dev / blind split)
#
# Usage: scripts/score_clean.sh [--sql] [--set web|wire|rewrites|both|all]
#                               [--split dev|blind|all] [-v]
#   default      builds the standalone cleaner and scores it (no server)
#   --sql        scores newsprint.clean() itself, on a throwaway server
#                (scripts/with-server.sh scripts/score_clean.py --sql ...)
#   --set        which sets (both = web and wire; default all)
#   --split      only the dev or the blind items of the wire sets
#   -v           lists wrong paragraphs
# Builds into ${CLEAN_TMP:-/tmp/clean}/cli, never into the tree.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --sql ]; then
	shift
	exec "$top/scripts/with-server.sh" python3 "$top/scripts/score_clean.py" --sql "$@"
fi
out=${CLEAN_TMP:-/tmp/clean}/cli
mkdir -p "$out"
"$top/scripts/core_cc.sh" -o "$out/clean_cli" "$top/bench/clean_cli.c"
exec python3 "$top/scripts/score_clean.py" --cli "$out/clean_cli" "$@"
