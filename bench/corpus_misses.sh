#!/usr/bin/env bash
# bench/corpus_misses.sh -- the planted copy pairs of the realistic corpus
# that same_story misses: by the edits that made them and by the part of
# the rule that refused them (bench/corpus_misses.py)
#
# Usage: scripts/with-server.sh bench/corpus_misses.sh [N [SEED [ARGS...]]]
#    (default 5,000 articles of the development seed 1; ARGS go to
#    bench/corpus_misses.py: --list 40 prints the 40 misses with the highest
#    containment and their openings, --rule NAME scores a candidate rule on
#    every pair without a server).  Run it on the development seed only.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
seed=${2:-1}
shift $(( $# < 2 ? $# : 2 ))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
DUMP=$work/dump bench/eval_corpus_pairs.sh "$n" "$seed" >"$work/pairs.txt"
SEED=$seed bench/corpus.sh gen "$n" "$work/corpus.tsv" "$work/truth.tsv" -- -a
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); $n articles, seed $seed"
python3 bench/corpus_misses.py "$work/dump" "$work/truth.tsv" "$work/corpus.tsv" "$@"
