# shellcheck shell=bash
# bench/story_sets.sh -- the input files of bench/story_sets.sql (sourced by
# bench/story_boilerplate.sh and bench/story_signals.sh, from the top of
# the tree)
#
#   story_set_files
#       makes STORY_DIR (removed when the script exits), prints the machine
#       line (with ARGS when set), writes STORY_DIR/corpus.tsv and
#       truth.tsv (N articles of the realistic corpus, seed SEED) when SETS
#       names gen, and STORY_DIR/wn.tsv (id, date, text of the shared
#       Wikinews copy WN, whose HALF half is read) when it names wikinews;
#       the files of the other sets are empty
#   story_sets_psql
#       psql on bench/story_sets.sql and then its standard input, with the
#       variables that file reads: tmp (STORY_DIR), sets, half, args (ARGS)
#       and window (WINDOW)
# Defaults of what the benches share: SEED 11 (the development seed of
# bench/story_scale_quality.sh), HALF dev, WN the shared Wikinews copy.
SEED=${SEED:-11}
HALF=${HALF:-dev}
WN=${WN:-/work/shared/data/wikinews/articles.jsonl}

story_set_files()
{
	local dir sets=${SETS:?} n=${N:?} seed=$SEED wn=$WN half=$HALF
	STORY_DIR=$(mktemp -d)
	trap 'rm -rf "$STORY_DIR"' EXIT
	dir=$STORY_DIR
	echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); sets: $sets${ARGS:+; arguments: $ARGS}"
	: > "$dir/corpus.tsv"
	: > "$dir/truth.tsv"
	: > "$dir/wn.tsv"
	case " $sets " in
	*" gen "*)
		echo "gen: $n articles, seed $seed"
		SEED=$seed CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-scale-$(id -u)} bench/corpus.sh build >/dev/null
		SEED=$seed CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-scale-$(id -u)} \
			bench/corpus.sh gen "$n" "$dir/corpus.tsv" "$dir/truth.tsv"
		;;
	esac
	case " $sets " in
	*" wikinews "*)
		echo "wikinews: links of the $half half"
		python3 - "$wn" >"$dir/wn.tsv" <<'PY'
import json, sys
def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
for line in open(sys.argv[1], encoding='utf-8'):
    a = json.loads(line)
    print('%d\t%s\t%s' % (a['id'], a['date'] or '\\N', esc(a['text'])))
PY
		;;
	esac
	chmod -R a+rX "$dir"
}

story_sets_psql()
{
	psql -X -q -v ON_ERROR_STOP=1 -v tmp="$STORY_DIR" -v sets="$SETS" -v half="$HALF" \
		-v args="${ARGS:+, $ARGS}" -v window="${WINDOW:-}" -f bench/story_sets.sql -f -
}
