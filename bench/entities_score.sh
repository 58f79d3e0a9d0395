#!/usr/bin/env bash
# bench/entities_score.sh -- precision, recall and F1 of the entity extractor
# on the labelled set test/data/entities (exact spans, per kind, conlleval
# format).  Builds the standalone tool first (bench/entities_build.sh).
#
# Usage: bench/entities_score.sh [--errors] [--conll DIR] [--set SET] [FILE...]
#   Without FILEs: the sets named by --set (default: all of them):
#     old    the main, held-out and blind sets of 0.1, then all three together
#     dev    the dev split of the context sets (wire/ and wikinews/, see SPLIT)
#     blind  the blind split of the context sets (score it once, at the end)
#     all    old, dev and blind
#     wn2-dev    the dev split of test/data/entities/wikinews2 (issue 13; see
#                its SPLIT)
#     wn2-blind  its blind split (scored once per version in issue 13; now
#                development data); never part of "all"
#     wn3-dev    the dev split of test/data/entities/wikinews3 (the second
#                fresh Wikinews set; see its SPLIT)
#     wn3-blind  its blind split (scored once per version in its round; now
#                development data); never part of "all"
#     wn4-dev    the dev split of test/data/entities/wikinews4 (the third
#                fresh Wikinews set: sports and business; see its SPLIT)
#     wn4-blind  its blind split: score it once per version, at the end; it
#                is never part of "all"
#   --errors     list every missed and extra mention
#   --conll DIR  also write CoNLL files (token, gold tag, predicted tag)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${ENTITIES_DIR:-/tmp/entities}
"$top/bench/entities_build.sh"
opts=()
files=()
set=all
while [ $# -gt 0 ]; do
	case "$1" in
		--errors) opts+=(--errors); shift ;;
		--conll) opts+=(--conll "$2"); shift 2 ;;
		--set) set=$2; shift 2 ;;
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
case "$set" in old|dev|blind|all|wn2-dev|wn2-blind|wn3-dev|wn3-blind|wn4-dev|wn4-blind) ;; *) echo "unknown set: $set" >&2; exit 2 ;; esac
split() {
	# files in split $1 of the split file $2 (default: the context sets'),
	# in its order
	awk -F '\t' -v s="$1" -v d="$d" '!/^#/ && $3 == s { print d "/" $1 }' "${2:-$d/SPLIT}"
}
case "$set" in
wn[234]-*)
	# the fresh Wikinews sets: wikinews2/ (first round), wikinews3/ (second),
	# wikinews4/ (third: sports and business)
	n=${set%%-*}
	n=${n#wn}
	half=${set#wn?-}
	mapfile -t ctx < <(split "$half" "$d/wikinews$n/SPLIT")
	note=
	[ "$half" = blind ] && note='; score once per version'
	echo "== fresh Wikinews set $n, $half split: ${#ctx[@]} articles (wikinews$n/$note)"
	score "${ctx[@]}"
	exit
	;;
esac
if [ "$set" = dev ] || [ "$set" = all ]; then
	mapfile -t ctx < <(split dev)
	echo "== context sets, dev split: ${#ctx[@]} articles (wire/ and wikinews/, issue 12; tuned on)"
	score "${ctx[@]}"
fi
if [ "$set" = blind ] || [ "$set" = all ]; then
	mapfile -t ctx < <(split blind)
	echo "== context sets, blind split: ${#ctx[@]} articles (wire/ and wikinews/, issue 12; not tuned on)"
	score "${ctx[@]}"
fi
[ "$set" = old ] || [ "$set" = all ] || exit 0
echo "== main set: $(ls "$d"/*.txt | wc -l) articles (test/data/entities; the rules were developed on it)"
score "$d"/*.txt
echo "== held-out set: $(ls "$d"/heldout/*.txt | wc -l) articles (test/data/entities/heldout; blind F1 was 80.93, then looked at)"
score "$d"/heldout/*.txt
echo "== blind set: $(ls "$d"/blind/*.txt | wc -l) articles (test/data/entities/blind; blind F1 was 88.20, then looked at)"
score "$d"/blind/*.txt
echo "== all: $(ls "$d"/*.txt "$d"/heldout/*.txt "$d"/blind/*.txt | wc -l) articles"
score "$d"/*.txt "$d"/heldout/*.txt "$d"/blind/*.txt
