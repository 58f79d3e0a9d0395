#!/usr/bin/env bash
# scripts/memcheck.sh -- the regression suite with the server under valgrind
#
# Usage: scripts/memcheck.sh [--regress GLOB[,GLOB...]] [--encoding ENC]
#
# Builds newsprint without optimisation (-Og -g), starts a throwaway server
# under valgrind memcheck (every backend is a fork of it, so every query runs
# under valgrind), runs the pg_regress suite against it, stops the server and
# reads valgrind's logs.  It fails when
#   - a regression test fails (valgrind is slow, not different), or
#   - valgrind reports an error (invalid read or write, use of uninitialised
#     memory, bad free...) whose stack passes through newsprint.
# Errors entirely inside the stock server are reported but do not fail the
# run: Debian's PostgreSQL is not built with USE_VALGRIND, so its own memory
# pools produce known false positives (see PostgreSQL's src/tools/valgrind.supp)
# that have nothing to do with this extension.  Leak checking is off: backends
# free memory by resetting memory contexts.  JIT is off: valgrind would run
# LLVM's compiler and the code it writes, which checks nothing of ours and
# makes the run slow.  Ends with "N passed, N failed".
#
# --encoding ENC creates the cluster, and so the regression database, in
# encoding ENC (with the C locale), e.g. LATIN1 or SQL_ASCII, so that every
# function runs through its conversions.  The expected outputs are written
# for UTF8: in another encoding the regression differences are listed but
# only valgrind's verdict counts.
set -euo pipefail

NP_TOP=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$NP_TOP/scripts/lib.sh"

glob='*'
encoding=UTF8
while [ $# -gt 0 ]; do
	case "$1" in
		--regress) glob=$2; shift 2 ;;
		--encoding) encoding=$2; shift 2 ;;
		-h|--help) sed -n '2,25p' "$0"; exit 0 ;;
		*) np_die "unknown option: $1" ;;
	esac
done

np_deps
if ! command -v valgrind >/dev/null; then
	np_is_root || np_die "valgrind is not installed (apt-get install valgrind)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null
fi
NP_CFLAGS="-Og -g -Wall $NP_CFLAGS"
np_workdir
np_build
np_tmpinstall

# The cluster, started by hand so that valgrind runs the postmaster.
NP_DATA=$NP_WORK/data
mkdir -p "$NP_WORK/sock" "$NP_WORK/vg"
np_is_root && chown "$NP_USER" "$NP_WORK/sock" "$NP_WORK/vg"
if [ "$encoding" = UTF8 ]; then
	locale=C.UTF-8
else
	locale=C
fi
np_as_user "$NP_BIN/initdb" -D "$NP_DATA" -A trust -E "$encoding" --locale="$locale" \
	-U postgres >"$NP_WORK/initdb.log" 2>&1 || np_die "initdb failed"
np_say "cluster encoding $encoding"
PGPORT=$((20000 + RANDOM % 30000))
export PGHOST=$NP_WORK/sock PGPORT PGUSER=postgres PGDATABASE=postgres
np_say "starting the server under valgrind (slow)"
np_as_user valgrind --quiet --tool=memcheck --error-limit=no --leak-check=no \
	--read-var-info=yes --num-callers=30 --trace-children=no --fullpath-after= \
	--log-file="$NP_WORK/vg/%p.log" \
	"$NP_BIN/postgres" -D "$NP_DATA" -c listen_addresses= \
	-c unix_socket_directories="$NP_WORK/sock" -p "$PGPORT" \
	-c max_parallel_workers_per_gather=0 -c autovacuum=off -c jit=off \
	>"$NP_WORK/server.log" 2>&1 &
NP_STARTED=1
for _ in $(seq 1 120); do
	"$NP_BIN/pg_isready" -q && break
	sleep 1
done
"$NP_BIN/pg_isready" -q || { cat "$NP_WORK/server.log" >&2; np_die "server did not start"; }

NP_PASSED=0
NP_FAILED=0
NP_FAILURES=()
np_run_regress "$glob"
if [ "$encoding" != UTF8 ] && [ "$NP_FAILED" -gt 0 ]; then
	np_say "$NP_FAILED regression tests differ from their UTF8 expected output (not counted in $encoding)"
	NP_FAILED=0
	NP_FAILURES=()
fi
np_as_user "$NP_BIN/pg_ctl" -D "$NP_DATA" -m fast -w -t 300 stop >/dev/null || true
NP_STARTED=

# valgrind's log: one block per error, "==PID== Invalid read ..." followed by
# the stack, ending with a line holding only "==PID== ".
ours=0
theirs=0
for log in "$NP_WORK"/vg/*.log; do
	[ -s "$log" ] || continue
	report=$(awk '
		/^==[0-9]+== $/ { if (blk != "") print blk "\n"; blk = ""; next }
		/^==[0-9]+== / { blk = blk $0 "\n" }
		END { if (blk != "") print blk }' "$log")
	# a frame in our sources (full paths under the private build tree) or
	# in our library; npidx_local.c's executor and utility hooks and
	# distributed.c's planner hook only pass every statement on to the
	# server, so a stock server error reached through them (createdb's
	# known pwrite of uninitialised WAL bytes; RE_compile_and_cache's
	# memmove of its overlapping cache entries, reported as an overlap in
	# __memcpy_chk, the name valgrind gives the fortified memmove in
	# Debian's build, when the planner estimates a regular expression's
	# selectivity) does not count: a caller frame ("by") of a hook is
	# dropped, while an error in a hook itself ("at") still counts
	ours_report=$(grep -v -E 'by 0x[0-9A-Fa-f]+: (Local(ProcessUtility|ExecutorStart)|np_planner) \(' <<<"$report" || true)
	n_ours=$(grep -c -e "$NP_WORK/src/src/" -e 'lib/newsprint\.so' <<<"$ours_report" || true)
	if [ "$n_ours" -gt 0 ]; then
		ours=$((ours + 1))
		np_say "valgrind found errors in newsprint code ($log):"
		echo "$ours_report" | awk -v p="$NP_WORK/src/src/" 'BEGIN { RS = "" } index($0, p) || /lib\/newsprint\.so/' | head -120
		mkdir -p "$NP_TOP/test/memcheck-logs" && cp "$log" "$NP_TOP/test/memcheck-logs/" 2>/dev/null || true
	elif grep -q 'Invalid\|uninitialised\|Uninitialised\|Mismatched' <<<"$report"; then
		theirs=$((theirs + 1))
	fi
done
np_say "valgrind: $ours process logs with errors in newsprint, $theirs with errors only in the stock server"
if [ "$ours" -gt 0 ]; then
	NP_FAILED=$((NP_FAILED + 1))
	NP_FAILURES+=("memcheck (valgrind errors in newsprint code)")
else
	NP_PASSED=$((NP_PASSED + 1))
fi
for f in "${NP_FAILURES[@]+"${NP_FAILURES[@]}"}"; do
	echo "failed: $f"
done
echo "$NP_PASSED passed, $NP_FAILED failed"
[ "$NP_FAILED" -eq 0 ]
