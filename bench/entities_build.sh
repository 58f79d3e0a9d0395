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
mkdir -p "$dir/inc/entities"
inc="$dir/inc/entities/gazetteer_data.inc"
if [ ! -f "$inc" ] || [ "$top/data/gazetteer.tsv" -nt "$inc" ] || [ "$top/data/lexicon.txt" -nt "$inc" ]; then
	sh "$top/scripts/gazetteer_inc.sh" "$top/data/gazetteer.tsv" "$top/data/lexicon.txt" > "$inc.tmp"
	mv "$inc.tmp" "$inc"
fi
core="$top/src/entities/extract.c $top/src/entities/context.c $top/src/entities/gazetteer.c"
clean="$top/src/text/clean.c $top/src/text/clean_html.c $top/src/text/html_feed.c $top/src/text/segment.c"
xml_cflags=$(xml2-config --cflags)
xml_libs=$(xml2-config --libs)
if [ "$what" = tool ] || [ "$what" = all ]; then
	# shellcheck disable=SC2086
	gcc -O2 -g -Wall -Wextra -DNP_STANDALONE -I"$dir/inc" -I"$top/src" $xml_cflags \
		-o "$dir/entities_tool" "$top/bench/entities_tool.c" $core $clean $xml_libs
fi
if [ "$what" = fuzz ] || [ "$what" = all ]; then
	# shellcheck disable=SC2086
	clang -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-DNP_STANDALONE -I"$dir/inc" -I"$top/src" $xml_cflags \
		-o "$dir/entities_fuzz" "$top/fuzz/entities_fuzz.c" $core $clean $xml_libs
fi
