#!/usr/bin/env bash
# scripts/score_clean.sh -- score clean() on the labelled sets: the web pages
# of test/data/clean and the agency wire items of test/data/wire (line-level
# precision and recall; for the wire set also items emptied and words kept,
# per dev / blind split)
#
# Usage: scripts/score_clean.sh [--sql] [--set web|wire|both] [-v]
#   default      builds the standalone cleaner and scores it (no server)
#   --sql        scores newsprint.clean() itself, on a throwaway server
#                (scripts/with-server.sh scripts/score_clean.py --sql ...)
#   --set        which set (default both); -v lists wrong paragraphs
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
