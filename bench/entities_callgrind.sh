#!/usr/bin/env bash
# bench/entities_callgrind.sh -- instructions the entity extractor executes
# on a fixed input, counted by valgrind's callgrind (no timing noise)
#
# Usage: bench/entities_callgrind.sh [TOOL] [KB]
#   TOOL  the standalone tool (default: build it with bench/entities_build.sh
#         into $ENTITIES_DIR, default /tmp/entities); pass another build's
#         tool to compare two versions on the same input
#   KB    size of the input (default 300): the labelled texts of
#         test/data/entities, marks removed, concatenated in name order and
#         repeated up to KB kilobytes
# Prints the instructions for the input and for an empty input (the
# one-time gazetteer load), and their difference: the extractor's own cost.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${ENTITIES_DIR:-/tmp/entities}
tool=${1:-}
kb=${2:-300}
if [ -z "$tool" ]; then
	"$top/bench/entities_build.sh"
	tool=$dir/entities_tool
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$top/test/data/entities" "$kb" > "$work/input.txt" <<'PY'
import os, re, sys
root, kb = sys.argv[1], int(sys.argv[2])
texts = []
for dirpath, dirs, names in sorted(os.walk(root)):
    dirs.sort()
    for n in sorted(names):
        if n.endswith('.txt'):
            with open(os.path.join(dirpath, n), encoding='utf-8') as f:
                texts.append(re.sub(r'\[(PER|ORG|LOC|MISC) ([^\]]*)\]', r'\2', f.read()))
body = '\n\n'.join(texts).encode('utf-8')
out = b''
while len(out) < kb * 1024:
    out += body
sys.stdout.buffer.write(out[:kb * 1024].rsplit(b'\n\n', 1)[0] + b'\n')
PY
: > "$work/empty.txt"
count() {
	valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$tool" "$1" > /dev/null 2> "$work/cg.err"
	sed -n 's/^summary: *//p' "$work/cg.out"
}
full=$(count "$work/input.txt")
empty=$(count "$work/empty.txt")
echo "input: $(wc -c < "$work/input.txt") bytes; tool: $tool"
echo "instructions: $full with the input, $empty with an empty input (gazetteer load)"
echo "extractor: $((full - empty)) instructions ($(( (full - empty) / 1000000 ))M)"
