#!/usr/bin/env bash
# bench/story_batch_compare.sh -- cluster_stories() of two trees on the same
# articles: which is cheaper, and do they cluster identically
#
# Usage: bench/story_batch_compare.sh OTHER_TREE [N]
#   e.g. git worktree add /tmp/base main   (or: git archive main | tar -x -C /tmp/base)
#        bench/story_batch_compare.sh /tmp/base 200000
#
# Runs bench/story_batch_profile.sh N under OTHER_TREE's scripts/with-server.sh
# and under this tree's, alternately, REPEAT times each (default 1), on the
# same cached fingerprints (SEED, default 1) with the same ARGS (more
# cluster_stories() arguments), and prints each run's backend CPU seconds,
# wall seconds and load, then compares the last results of the
# two trees article by article: the number of articles whose story differs,
# and of those whose score differs.  Each run builds its tree afresh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
this=$(dirname "$here")
[ $# -ge 1 ] || { echo "usage: $0 OTHER_TREE [N]" >&2; exit 2; }
other=$(cd "$1" && pwd)
N=${2:-200000}
REPEAT=${REPEAT:-1}
[ -x "$other/scripts/with-server.sh" ] || { echo "$other has no scripts/with-server.sh" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 777 "$work"

for rep in $(seq 1 "$REPEAT"); do
	for t in other this; do
		if [ "$t" = other ]; then top=$other; else top=$this; fi
		line=$("$top/scripts/with-server.sh" "$here/story_batch_profile.sh" "$N" "$work/$t.tsv" 2>&1 |
			grep '^== run' | sed 's/^== run 1 of 1: //') || {
			echo "the run under $top failed" >&2
			exit 1
		}
		echo "$t ($top), run $rep: $line"
	done
done

if ! cmp -s <(cut -f1 "$work/other.tsv") <(cut -f1 "$work/this.tsv"); then
	echo "the two results hold different articles" >&2
	exit 1
fi
paste "$work/other.tsv" "$work/this.tsv" | awk -F'\t' '
	$2 != $5 { story++ }
	$3 != $6 { score++ }
	END { printf "%d articles (seed %s): %d differ in story, %d in score\n", NR, seed, story, score }' \
	seed="${SEED:-1}"
