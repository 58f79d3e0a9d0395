#!/usr/bin/env bash
# bench/entities_score.sh -- precision, recall and F1 of the entity extractor
# on the labelled set test/data/entities (exact spans, per kind, conlleval
# format).  Builds the standalone tool first (bench/entities_build.sh).
#
# Usage: bench/entities_score.sh [--errors] [--conll DIR] [FILE...]
#   Without FILEs: the main, held-out and blind sets, then all together.
#   --errors     list every missed and extra mention
#   --conll DIR  also write CoNLL files (token, gold tag, predicted tag)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${ENTITIES_DIR:-/tmp/entities}
"$top/bench/entities_build.sh" tool
opts=()
files=()
while [ $# -gt 0 ]; do
	case "$1" in
		--errors) opts+=(--errors); shift ;;
		--conll) opts+=(--conll "$2"); shift 2 ;;
		*) files+=("$1"); shift ;;
	esac
done
score() {
	python3 "$top/bench/entities_score.py" --tool "$dir/entities_tool" "${opts[@]}" "$@"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
if [ ${#files[@]} -gt 0 ]; then
	score "${files[@]}"
	exit
fi
d=$top/test/data/entities
echo "== main set: $(ls "$d"/*.txt | wc -l) articles (test/data/entities; the rules were developed on it)"
score "$d"/*.txt
echo "== held-out set: $(ls "$d"/heldout/*.txt | wc -l) articles (test/data/entities/heldout; blind F1 was 80.93, then looked at)"
score "$d"/heldout/*.txt
echo "== blind set: $(ls "$d"/blind/*.txt | wc -l) articles (test/data/entities/blind; blind F1 was 88.20, then looked at)"
score "$d"/blind/*.txt
echo "== all: $(ls "$d"/*.txt "$d"/heldout/*.txt "$d"/blind/*.txt | wc -l) articles"
score "$d"/*.txt "$d"/heldout/*.txt "$d"/blind/*.txt
