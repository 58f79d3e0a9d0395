#!/usr/bin/env bash
# bench/evidence_sweep.sh -- same_story's full evidence (NP_FP_FULL_EVIDENCE)
# swept over the development sets
#
# Usage: bench/evidence_sweep.sh OUTDIR [E ...]   (default E: 10 12 14 16)
#
# For each E, copies the tree (without .git) into a temporary directory with
# fp_evidence.h's NP_FP_FULL_EVIDENCE set to E (the shipped constant is
# untouched), and runs there, against a throwaway server of that copy
# (scripts/with-server.sh), the development benches the constant moves,
# each into OUTDIR/E/NAME.txt:
#   reuse      bench/eval_reuse.sh dev (the rewrite set's development split)
#   wire       bench/eval_wire_duplicates.sh (wire_duplicates.tsv)
#   formats    bench/eval_wire_duplicates.sh test/data/fingerprint/wire_formats.tsv
#   corpus     bench/eval_corpus_pairs.sh 5000 1 (seed 1: development)
#   wikinews   bench/eval_wikinews.sh (edited copies, pairs of distinct articles)
#   stories    bench/story_quality.sh with every line naming the blind split
#              dropped before it is written
#   scale      SEED=11 VARIANTS=clean bench/story_scale_quality.sh 20000
# NAMES (a space-separated list of the names above) runs fewer.  No blind
# set is read unless NAMES asks for it, once a choice is frozen:
#   reuse_blind    bench/eval_reuse.sh blind
#   wire_blind     bench/eval_wire_duplicates.sh on wire_duplicates_blind.tsv
#   formats_blind  the same on wire_formats_blind.tsv
#   stories_blind  bench/story_quality.sh's blind rows alone
#   corpus_blind   bench/eval_corpus_pairs.sh 5000 2 (seed 2: the blind corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [E ...]" >&2; exit 2; }
out=$(mkdir -p "$1" && cd "$1" && pwd)
shift
[ $# -gt 0 ] || set -- 10 12 14 16
names=${NAMES:-reuse wire formats corpus wikinews stories scale}

if [ "${NP_SWEEP_INNER:-}" = 1 ]; then
	# inside the server of one copy: run the benches
	dir=$out/$NP_SWEEP_E
	mkdir -p "$dir"
	for name in $names; do
		echo "== E=$NP_SWEEP_E $name: $(date -u '+%H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
		case $name in
			reuse) bench/eval_reuse.sh dev ;;
			wire) bench/eval_wire_duplicates.sh ;;
			formats) bench/eval_wire_duplicates.sh test/data/fingerprint/wire_formats.tsv ;;
			corpus) DUMP=$dir/corpus_dump bench/eval_corpus_pairs.sh 5000 1 ;;
			wikinews) bench/eval_wikinews.sh ;;
			stories) bench/story_quality.sh | grep -v blind ;;
			scale) SEED=11 VARIANTS=clean bench/story_scale_quality.sh 20000 ;;
			reuse_blind) bench/eval_reuse.sh blind ;;
			wire_blind) bench/eval_wire_duplicates.sh test/data/fingerprint/wire_duplicates_blind.tsv ;;
			formats_blind) bench/eval_wire_duplicates.sh test/data/fingerprint/wire_formats_blind.tsv ;;
			corpus_blind) DUMP=$dir/corpus_blind_dump bench/eval_corpus_pairs.sh 5000 2 ;;
			stories_blind) bench/story_quality.sh | grep -E '^ *set +\||^ *blind +\|' ;;
			*) echo "unknown bench $name" >&2; exit 2 ;;
		esac >"$dir/$name.txt" 2>&1
	done
	exit 0
fi

for e in "$@"; do
	case $e in
		''|*[!0-9]*) echo "E must be a number: $e" >&2; exit 2 ;;
	esac
	copy=$(mktemp -d)
	tar --exclude=.git --exclude='*.o' --exclude='*.so' --exclude='*.bc' \
		--exclude=test/results -cf - . | tar -C "$copy" -xf -
	sed -i "s/^#define NP_FP_FULL_EVIDENCE\t*[0-9]*$/#define NP_FP_FULL_EVIDENCE\t$e/" \
		"$copy/src/fingerprint/fp_evidence.h"
	grep -q "^#define NP_FP_FULL_EVIDENCE	$e$" "$copy/src/fingerprint/fp_evidence.h" ||
		{ echo "could not set NP_FP_FULL_EVIDENCE to $e" >&2; rm -rf "$copy"; exit 1; }
	chmod -R a+rX "$copy"
	NP_SWEEP_INNER=1 NP_SWEEP_E=$e NAMES="$names" \
		"$copy/scripts/with-server.sh" "$copy/bench/evidence_sweep.sh" "$out" ||
		{ rm -rf "$copy"; exit 1; }
	rm -rf "$copy"
done
