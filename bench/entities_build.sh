#!/usr/bin/env bash
# bench/entities_build.sh -- build the standalone entity tools (no server)
#
# Usage: bench/entities_build.sh [tool|fuzz|all]
#   tool  $ENTITIES_DIR/entities_tool  (used by bench/entities_score.sh)
#   fuzz  $ENTITIES_DIR/entities_fuzz  (libFuzzer + ASan + UBSan, clang)
# ENTITIES_DIR defaults to /tmp/entities; nothing is written in the tree.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${ENTITIES_DIR:-/tmp/entities}
what=${1:-all}
mkdir -p "$dir"
if [ "$what" = tool ] || [ "$what" = all ]; then
	"$top/scripts/core_cc.sh" -o "$dir/entities_tool" "$top/bench/entities_tool.c"
fi
if [ "$what" = fuzz ] || [ "$what" = all ]; then
	"$top/scripts/core_cc.sh" --fuzz -o "$dir/entities_fuzz" "$top/fuzz/entities_fuzz.c"
fi
