#!/usr/bin/env bash
# bench/entities_build.sh -- build the standalone entity tool (no server)
#
# Usage: bench/entities_build.sh
#   builds $ENTITIES_DIR/entities_tool (used by bench/entities_score.sh).
# ENTITIES_DIR defaults to /tmp/entities; nothing is written in the tree.
# The fuzz target of the extractor is built by "make fuzz-build" (mk/fuzz.mk).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${ENTITIES_DIR:-/tmp/entities}
mkdir -p "$dir"
"$top/scripts/core_cc.sh" -o "$dir/entities_tool" "$top/bench/entities_tool.c"
