#!/usr/bin/env bash
# scripts/score_clean.sh -- build the standalone cleaner and score it on the
# labelled pages of test/data/clean (line-level precision and recall)
#
# Usage: scripts/score_clean.sh [-v]          (-v lists wrong lines)
#        scripts/with-server.sh scripts/score_clean.py --sql [-v]
#                                             (same, through newsprint.clean())
# Builds into ${CLEAN_TMP:-/tmp/clean}/cli, never into the tree.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=${CLEAN_TMP:-/tmp/clean}/cli
mkdir -p "$out"
"$top/scripts/core_cc.sh" -o "$out/clean_cli" "$top/bench/clean_cli.c"
exec python3 "$top/scripts/score_clean.py" --cli "$out/clean_cli" "$@"
