#!/usr/bin/env bash
# scripts/fuzz_sql.sh -- the SQL-level fuzzers against a throwaway server, in
# four database encodings, failing on a crashed backend
#
# Usage: scripts/fuzz_sql.sh [-r ROUNDS] [-s SEED] [-m SIZES] [-t TIMEOUT]
#                            [--no-shapes]
#
# Starts a throwaway server with this tree's newsprint (scripts/with-server.sh)
# unless NP_BIN is set, creates databases in LATIN1, SQL_ASCII and WIN1251
# beside the UTF8 one, and runs in each
#   - fuzz/sql_fuzz.py: ROUNDS rounds (default 100) from seed SEED (default
#     1; the databases take SEED, SEED+1...) of hostile input to every SQL
#     function, the binary and text input of the fingerprint type, npidx,
#     story_trigger, and tables of stories with round-ups through
#     cluster_stories() and assign_story() (see its header);
#   - unless --no-shapes, in UTF8 and LATIN1: fuzz/text_shapes.py, 97
#     degenerate texts through every text function at the sizes SIZES in MB
#     (default 0,1,8; 0 is 64 kB): CPU time linear in the size, no internal
#     error; then once more at the largest size with statement_timeout
#     TIMEOUT (default 200ms): each statement stops within 0.25 s of it.
# Then it reads the server's log: a backend "terminated by signal", a PANIC
# or a failed assertion fails the run, as does any failure the fuzzers
# report (a lost connection, an internal error XX..., a statement over 5 s,
# a non-linear or late case).  Ends with "fuzz_sql: N failures".
#
# Takes about 25 minutes with the defaults on the 2-core development VM
# (most of it text_shapes.py's 8 MB cases); -r 20 --no-shapes under a minute.
# Needs python3-psycopg2 (Debian's; it is run with /usr/bin/python3).
# Not part of scripts/test.sh or .ci/run: it is random, and long.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${NP_BIN:-}" ]; then
	exec "$top/scripts/with-server.sh" "$0" "$@"
fi
rounds=100
seed=1
sizes=0,1,8
timeout=200ms
shapes=1
while [ $# -gt 0 ]; do
	case $1 in
		-r) rounds=$2; shift 2 ;;
		-s) seed=$2; shift 2 ;;
		-m) sizes=$2; shift 2 ;;
		-t) timeout=$2; shift 2 ;;
		--no-shapes) shapes=; shift ;;
		-h|--help) sed -n '2,28p' "$0"; exit 0 ;;
		*) echo "unknown option: $1" >&2; exit 2 ;;
	esac
done
py=/usr/bin/python3
if ! $py -c 'import psycopg2' 2>/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-psycopg2 >/dev/null
fi

log=${NP_WORK:?}/server.log
out=$(mktemp -d "${TMPDIR:-/tmp}/np_fuzz_sql.XXXXXX")
echo "fuzz_sql: logs in $out; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
fail=0
s=$seed
for enc in UTF8 LATIN1 SQL_ASCII WIN1251; do
	db=newsprint
	if [ $enc != UTF8 ]; then
		db=fz_$(echo $enc | tr 'A-Z' 'a-z')
		psql -X -q -c "CREATE DATABASE $db TEMPLATE template0 ENCODING '$enc' LC_COLLATE 'C' LC_CTYPE 'C'"
		psql -X -q -d $db -c 'CREATE EXTENSION newsprint'
	fi
	t0=$(date +%s)
	$py "$top/fuzz/sql_fuzz.py" $db $s "$rounds" > "$out/sql_fuzz_$enc.log" 2>&1 || true
	n=$(sed -n 's/^=== BAD //p' "$out/sql_fuzz_$enc.log")
	echo "sql_fuzz.py $enc seed $s, $rounds rounds: ${n:-?} failures ($(( $(date +%s) - t0 )) s)"
	[ "${n:-x}" = 0 ] || { fail=$((fail + ${n:-1})); sed -n '/^=== BAD/,$p' "$out/sql_fuzz_$enc.log" | head -20; }
	s=$((s + 1))
	if [ -n "$shapes" ] && { [ $enc = UTF8 ] || [ $enc = LATIN1 ]; }; then
		for mode in scale timeout; do
			t0=$(date +%s)
			if [ $mode = scale ]; then
				args=(--sizes "$sizes")
			else
				args=(--sizes "${sizes##*,}" --timeout "$timeout")
			fi
			$py "$top/fuzz/text_shapes.py" --db $db "${args[@]}" > "$out/shapes_${mode}_$enc.log" 2>&1 || true
			n=$(sed -n 's/^=== FAILURES //p' "$out/shapes_${mode}_$enc.log")
			echo "text_shapes.py $enc ${args[*]}: ${n:-?} failures ($(( $(date +%s) - t0 )) s)"
			[ "${n:-x}" = 0 ] || { fail=$((fail + ${n:-1})); sed -n '/^=== FAILURES/,$p' "$out/shapes_${mode}_$enc.log" | head -20; }
		done
	fi
done
crashes=$(grep -c -E 'terminated by signal|PANIC|TRAP:' "$log" || true)
echo "server log: $crashes crashes, PANICs or failed assertions"
[ "$crashes" = 0 ] || { grep -E -B2 'terminated by signal|PANIC|TRAP:' "$log" | head -40; fail=$((fail + crashes)); }
echo "fuzz_sql: $fail failures"
[ "$fail" = 0 ]
