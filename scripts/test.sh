#!/usr/bin/env bash
# scripts/test.sh -- build newsprint and run every test against throwaway servers
#
# Usage: scripts/test.sh [--regress GLOB] [--no-tap] [--no-isolation]
#
# Installs missing Debian packages (as root), builds a private copy of the
# tree with -Wall -Wextra -Werror (override with NP_CFLAGS), installs
# PostgreSQL and newsprint into a private prefix, then runs
#   - the pg_regress tests of test/sql against a throwaway cluster,
#   - the isolation tests of test/specs, if any,
#   - the TAP tests of test/t (PostgreSQL::Test::Cluster makes its own nodes),
# and ends with one line "N passed, N failed" counting every test case.
# Exits non-zero when anything failed.  On failure test/regression.diffs
# (and test/tap-logs/ for TAP) are copied back into the source tree.
# Set NP_KEEP=1 to keep the temporary directory for inspection.
set -euo pipefail

NP_TOP=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$NP_TOP/scripts/lib.sh"

regress_glob='*'
run_tap=1
run_isolation=1
while [ $# -gt 0 ]; do
	case "$1" in
		--regress) regress_glob=$2; shift 2 ;;
		--no-tap) run_tap=; shift ;;
		--no-isolation) run_isolation=; shift ;;
		-h|--help) sed -n '2,17p' "$0"; exit 0 ;;
		*) np_die "unknown option: $1 (see --help)" ;;
	esac
done

np_deps
np_workdir
np_build
np_tmpinstall
np_cluster_start

src=$NP_WORK/src
pgxs=$(dirname "$(dirname "$(dirname "$("$NP_BIN/pg_config" --pgxs)")")")
passed=0
failed=0
failures=()

# pg_regress prints one line per test: "ok", "FAILED" or "failed (ignored)".
count_regress()
{
	local log=$1 kind=$2 line name
	while IFS= read -r line; do
		name=$(sed -E 's/^(not ok|ok|test)?[[:space:]]*[0-9]*[[:space:]+-]*([^ ]+).*/\2/' <<<"$line")
		case "$line" in
			*"... ok"*|"ok "*) passed=$((passed + 1)) ;;
			*FAILED*|*"failed (ignored)"*|"not ok "*)
				failed=$((failed + 1)); failures+=("$kind $name") ;;
		esac
	done < <(grep -E '\.\.\. (ok|FAILED|failed)|^(not )?ok [0-9]' "$log" || true)
}

# --- pg_regress ---------------------------------------------------------
mapfile -t tests < <(cd "$src/test/sql" 2>/dev/null &&
	for f in $regress_glob.sql; do [ -e "$f" ] && echo "${f%.sql}"; done | sort)
if [ ${#tests[@]} -gt 0 ]; then
	np_say "pg_regress: ${#tests[@]} tests"
	set +e
	(cd "$src" && np_as_user "$pgxs/src/test/regress/pg_regress" \
		--inputdir=test --outputdir=test --bindir="$NP_BIN" \
		--load-extension=newsprint --dbname=contrib_regression \
		"${tests[@]}") 2>&1 | tee "$NP_WORK/regress.log"
	rc=${PIPESTATUS[0]}
	set -e
	before=$failed
	count_regress "$NP_WORK/regress.log" regress
	if [ "$rc" -ne 0 ] && [ "$failed" -eq "$before" ]; then
		failed=$((failed + 1)); failures+=("regress (pg_regress exited with status $rc)")
	fi
	# Results go back to the tree (git ignores them) so that a new test's
	# output can be read and, once checked line by line, made its expected file.
	rm -rf "$NP_TOP/test/results"
	cp -r "$src/test/results" "$NP_TOP/test/results" 2>/dev/null || true
	rm -f "$NP_TOP/test/regression.diffs"
	if [ -f "$src/test/regression.diffs" ]; then
		cp "$src/test/regression.diffs" "$NP_TOP/test/regression.diffs" 2>/dev/null || true
		np_say "differences: test/regression.diffs"
	fi
else
	np_say "pg_regress: no test matches '$regress_glob'"
fi

# --- isolation ----------------------------------------------------------
if [ -n "$run_isolation" ] && [ "$regress_glob" = '*' ] && [ -d "$src/test/specs" ]; then
	mapfile -t specs < <(cd "$src/test/specs" && ls -- *.spec 2>/dev/null | sed 's/\.spec$//' | sort)
	if [ ${#specs[@]} -gt 0 ]; then
		np_say "isolation: ${#specs[@]} specs"
		set +e
		(cd "$src" && np_as_user "$pgxs/src/test/isolation/pg_isolation_regress" \
			--inputdir=test --outputdir=test/isolation_output --bindir="$NP_BIN" \
			--load-extension=newsprint --dbname=isolation_regression \
			"${specs[@]}") 2>&1 | tee "$NP_WORK/isolation.log"
		rc=${PIPESTATUS[0]}
		set -e
		before=$failed
		count_regress "$NP_WORK/isolation.log" isolation
		if [ "$rc" -ne 0 ] && [ "$failed" -eq "$before" ]; then
			failed=$((failed + 1)); failures+=("isolation (exited with status $rc)")
		fi
		if [ -f "$src/test/isolation_output/regression.diffs" ]; then
			cp "$src/test/isolation_output/regression.diffs" "$NP_TOP/test/isolation.diffs" 2>/dev/null || true
			np_say "differences: test/isolation.diffs"
		fi
	fi
fi

# --- TAP ----------------------------------------------------------------
if [ -n "$run_tap" ] && [ "$regress_glob" = '*' ] && ls "$src"/test/t/*.pl >/dev/null 2>&1; then
	np_say "TAP: $(ls "$src"/test/t/*.pl | wc -l) files"
	portdir=${TMPDIR:-/tmp}/newsprint-portlock
	mkdir -p "$portdir" 2>/dev/null || true
	chmod 1777 "$portdir" 2>/dev/null || true
	set +e
	(cd "$src" && np_as_user env PATH="$NP_BIN:$PATH" TESTDIR="$src" \
		PG_REGRESS="$pgxs/src/test/regress/pg_regress" PG_TEST_PORT_DIR="$portdir" \
		PERL5LIB="$pgxs/src/test/perl:$src/test/t" \
		prove --timer test/t/*.pl) 2>&1 | tee "$NP_WORK/tap.log"
	set -e
	# prove's summary: "Files=2, Tests=31, ..." and, per failing file,
	# "test/t/x.pl (Wstat: 256 ... Tests: 5 Failed: 2)".
	tap_total=$(sed -nE 's/^Files=[0-9]+, Tests=([0-9]+).*/\1/p' "$NP_WORK/tap.log" | tail -1)
	tap_failed=0
	while IFS= read -r line; do
		n=$(sed -nE 's/.*Failed: ([0-9]+)\).*/\1/p' <<<"$line")
		[ -z "$n" ] || [ "$n" -eq 0 ] && n=1
		tap_failed=$((tap_failed + n))
		failures+=("tap ${line%% *}")
	done < <(grep -E '^test/t/.*\(Wstat: ' "$NP_WORK/tap.log" || true)
	if [ -z "$tap_total" ]; then
		tap_total=0
		[ "$tap_failed" -eq 0 ] && { tap_failed=1; failures+=("tap (prove printed no summary)"); }
	fi
	passed=$((passed + tap_total - tap_failed))
	[ $passed -lt 0 ] && passed=0
	failed=$((failed + tap_failed))
	if [ "$tap_failed" -gt 0 ] && [ -d "$src/tmp_check/log" ]; then
		rm -rf "$NP_TOP/test/tap-logs"
		cp -r "$src/tmp_check/log" "$NP_TOP/test/tap-logs" 2>/dev/null || true
		np_say "TAP logs: test/tap-logs/"
	fi
fi

for f in "${failures[@]+"${failures[@]}"}"; do
	echo "failed: $f"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
