#!/usr/bin/env bash
# bench/clean_scaling.sh -- is the standalone cleaner linear on texts of many
# short lines?  Counts instructions (valgrind's callgrind), which neither the
# machine's load nor its caches move, at doubling sizes below the 1 MB block
# that clean() cuts long plain text into (a loop quadratic inside a block
# shows there and nowhere above it).
#
# Usage: bench/clean_scaling.sh [-s "256 512 1024"] [-f CLEAN_CLI_FLAGS] [SHAPE...]
#   -s   sizes in KB (default 256 512 1024)
#   -f   flags of clean_cli (e.g. "-h", "-s"; default none; -t is always given)
#   SHAPE one of the shapes below (default all)
# Builds bench/clean_cli.c into ${CLEAN_TMP:-/tmp/clean}/scaling (never into
# the tree); CLI=PATH uses a clean_cli built elsewhere (another tree's, to
# compare).  Prints for each shape and size the instructions, the
# instructions per byte and the ratio to the size before: 2.00 per doubling
# is linear (a little under at small sizes, where the fixed start-up cost
# weighs), 4.00 quadratic.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
sizes="256 512 1024"
flags=
while getopts s:f: o; do
	case $o in
		s) sizes=$OPTARG ;;
		f) flags=$OPTARG ;;
		*) sed -n '2,17p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 2; }
out=${CLEAN_TMP:-/tmp/clean}/scaling
mkdir -p "$out"
cli=${CLI:-}
if [ -z "$cli" ]; then
	"$top/scripts/core_cc.sh" -o "$out/clean_cli" "$top/bench/clean_cli.c"
	cli=$out/clean_cli
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the shapes: one line each (repeated, or made from a counter i and a seeded
# generator r), written up to the size; short lines of every kind the plain
# text rules look at
gen() {
	python3 - "$1" "$2" <<'EOF'
import random, sys
shapes = {
    'lines':    lambda i, r: 'a',
    'blank':    lambda i, r: 'a\n',
    'formfeed': lambda i, r: None,
    'caps':     lambda i, r: ' '.join(r.choice(['HOLLIS', 'CORP', 'OMITS', 'DIVIDEND', 'SETS', 'QTR']) for _ in range(r.randint(1, 4))),
    'figures':  lambda i, r: 'ABC Corp %d.%02d %+d.%d%%' % (r.randint(1, 999), r.randint(0, 99), r.randint(-3, 3), r.randint(0, 9)),
    'signoff':  lambda i, r: r.choice(['Reuter', '-- Reuters', 'AP', 'Associated Press']),
    'byline':   lambda i, r: 'By John Smith',
    'label':    lambda i, r: 'Best picture: Film %d' % i,
    'bullet':   lambda i, r: '* item %d' % i,
    'sentence': lambda i, r: 'He said so.',
    'wrapped':  lambda i, r: r.choice(['the cat', 'sat on', 'the mat and', 'then went']),
    'capital':  lambda i, r: r.choice(['The cat', 'Sat on', 'The mat', 'Then went']),
    'columns':  lambda i, r: 'Name     %d' % i,
    'repeated': lambda i, r: 'Share this',
    'colon':    lambda i, r: 'Results:',
    'marks':    lambda i, r: 'a b<',
    'hyphen':   lambda i, r: 'a-',
    'quote':    lambda i, r: r.choice(['"We will be back," she said', 'He told them: "We will be back"', '"a b"', '\'A b,\' says c']),
    'titled':   lambda i, r: ['He said so.', 'QUARTERFINAL LINEUP', 'Brazil v Argentina', 'France v Spain', ''][i % 5],
    'prices':   lambda i, r: ('FTSE 100 %d,%03d.%02d %+.1f' % (r.randint(1, 99), r.randint(0, 999), r.randint(0, 99), r.uniform(-3, 3))) if i % 2 else ('DAX %d,%03d.%02d' % (r.randint(1, 99), r.randint(0, 999), r.randint(0, 99))),
    'attrib':   lambda i, r: r.choice(['"We will be back," she stressed', '"a b," according to c', '"a b," the police urged', 'He said so.']),
}
name, size = sys.argv[1], int(sys.argv[2]) * 1024
if name == 'formfeed':
    sys.stdout.write('a\f' * (size // 2))
    sys.exit(0)
r = random.Random(1)
out = []
t = i = 0
while t < size:
    line = shapes[name](i, r)
    out.append(line)
    t += len(line) + 1
    i += 1
sys.stdout.write('\n'.join(out) + '\n')
EOF
}
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(lines blank formfeed caps figures signoff byline label bullet sentence wrapped capital columns repeated colon marks hyphen quote titled prices attrib)

echo "clean_cli: $cli ${flags:+(flags $flags)}, tree: $(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %6s %14s %9s %7s\n' shape KB instructions per_byte ratio
for s in "${shapes[@]}"; do
	prev=
	for kb in $sizes; do
		gen "$s" "$kb" > "$tmp/in"
		bytes=$(stat -c %s "$tmp/in")
		# shellcheck disable=SC2086
		ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$cli" -t $flags "$tmp/in" 2>&1 >/dev/null |
			sed -n 's/.*Collected : //p')
		printf '%-10s %6d %14d %9.1f %7s\n' "$s" "$kb" "$ir" "$(echo "$ir / $bytes" | bc -l)" \
			"$([ -n "$prev" ] && awk -v a="$ir" -v b="$prev" 'BEGIN { printf "%.2f", a / b }' || echo -)"
		prev=$ir
	done
done
