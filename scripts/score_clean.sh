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
cc -O2 -Wall -Wextra -DNP_STANDALONE -I"$top/src" $(xml2-config --cflags) \
	"$top/bench/clean_cli.c" "$top/src/text/clean.c" "$top/src/text/clean_html.c" "$top/src/text/html_feed.c" \
	"$top/src/text/segment.c" $(xml2-config --libs) -o "$out/clean_cli"
exec python3 "$top/scripts/score_clean.py" --cli "$out/clean_cli" "$@"
