#!/usr/bin/env bash
# fuzz/entities_run.sh -- run the entity extractor's libFuzzer harness
#
# Usage: fuzz/entities_run.sh [SECONDS]   (default 600; build first with
#        bench/entities_build.sh fuzz).  Seeds: the examples and the
#        labelled set; corpus and crash artifacts under $ENTITIES_DIR/fuzz.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${ENTITIES_DIR:-/tmp/entities}
secs=${1:-600}
mkdir -p "$dir/fuzz/corpus" "$dir/fuzz/seeds"
cp "$top"/test/data/examples/*.txt "$dir/fuzz/seeds/"
cp "$top"/test/data/entities/*.txt "$dir/fuzz/seeds/" 2>/dev/null || true
cd "$dir/fuzz"
exec "$dir/entities_fuzz" -max_total_time="$secs" -max_len=65536 -timeout=10 \
	-rss_limit_mb=4096 -artifact_prefix="$dir/fuzz/" corpus seeds
