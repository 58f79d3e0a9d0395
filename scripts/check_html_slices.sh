#!/usr/bin/env bash
# scripts/check_html_slices.sh -- the HTML cleaner's answers must not depend
# on where html_feed.c cuts the page into slices for libxml2
#
# Usage: scripts/check_html_slices.sh [FILE...]   (default: test/data/clean/*.html
#                                                  and the shapes of bench/html_shapes.py)
# Builds the standalone cleaner twice, with the normal slice sizes and with
# absurdly small ones (64-byte slices, a text break every 16 bytes, a slice
# after every end tag), cleans every file with both, and prints the files
# whose body or paragraphs differ.  Exits non-zero if any does.  Worth
# running after a libxml2 upgrade.  Builds under ${CLEAN_TMP:-/tmp/clean}.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
out=${CLEAN_TMP:-/tmp/clean}/slices
mkdir -p "$out"
"$top/scripts/core_cc.sh" -o "$out/normal" "$top/bench/clean_cli.c"
"$top/scripts/core_cc.sh" -o "$out/tiny" "$top/bench/clean_cli.c" \
	-DFEED_CHUNK=64 -DFEED_TEXT_SPLIT=16 -DFEED_MAX_ENDS=1
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
	files=("$top"/test/data/clean/*.html)
	for s in $(python3 "$top/bench/html_shapes.py" --list); do
		python3 "$top/bench/html_shapes.py" "$s" 0.1 "$out/$s.html"
		files+=("$out/$s.html")
	done
fi
bad=0
for f in "${files[@]}"; do
	for opt in "" -p; do
		if ! cmp -s <("$out/normal" -H $opt "$f") <("$out/tiny" -H $opt "$f"); then
			echo "differs: $f ${opt:-(body)}"
			bad=1
		fi
	done
done
echo "${#files[@]} files checked"
exit $bad
