# shellcheck shell=bash
# bench/story_sets.sh -- the input files of bench/story_sets.sql (sourced by
# bench/story_boilerplate.sh and bench/story_signals.sh, from the top of
# the tree)
#
#   story_set_files DIR SETS N SEED WN HALF
#       writes DIR/corpus.tsv and DIR/truth.tsv (N articles of the
#       realistic corpus, seed SEED) when SETS names gen, and DIR/wn.tsv
#       (id, date, text of the shared Wikinews copy WN, whose HALF half is
#       read) when it names wikinews; the files of the other sets are empty
story_set_files()
{
	local dir=$1 sets=$2 n=$3 seed=$4 wn=$5 half=$6
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
