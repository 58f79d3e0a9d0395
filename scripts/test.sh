#!/usr/bin/env bash
# scripts/test.sh -- build newsprint and run every test against throwaway servers
#
# Usage: scripts/test.sh [--regress GLOB[,GLOB...]] [--tap GLOB] [--no-tap] [--no-isolation]
#
# Installs missing Debian packages (as root), builds a private copy of the
# tree with -Wall -Wextra -Werror (override with NP_CFLAGS), installs
# PostgreSQL and newsprint into a private prefix, then runs
#   - the pg_regress tests of test/sql against a throwaway cluster,
#   - the isolation tests of test/specs, if any,
#   - the TAP tests of test/t (PostgreSQL::Test::Cluster makes its own nodes),
#   - scripts/check-doc-links.sh (the Markdown files' links and anchors),
# and ends with one line "N passed, N failed" counting every test case.
# Exits non-zero when anything failed.  On failure test/regression.diffs
# (and test/tap-logs/ for TAP) are copied back into the source tree.
# Set NP_KEEP=1 to keep the temporary directory for inspection.
# --tap GLOB runs only the matching TAP files (e.g. --tap '004*'); TAP runs
# when all regression tests run, or when --tap is given.
set -euo pipefail

NP_TOP=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$NP_TOP/scripts/lib.sh"

regress_glob='*'
tap_glob=
run_tap=1
run_isolation=1
while [ $# -gt 0 ]; do
	case "$1" in
		--regress) regress_glob=$2; shift 2 ;;
		--tap) tap_glob=$2; shift 2 ;;
		--no-tap) run_tap=; shift ;;
		--no-isolation) run_isolation=; shift ;;
		-h|--help) sed -n '2,18p' "$0"; exit 0 ;;
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
NP_PASSED=0
NP_FAILED=0
NP_FAILURES=()

# --- documentation links ----------------------------------------------
if bash "$NP_TOP/scripts/check-doc-links.sh"; then
	NP_PASSED=$((NP_PASSED + 1))
else
	NP_FAILED=$((NP_FAILED + 1)); NP_FAILURES+=("doc links (scripts/check-doc-links.sh)")
fi

# --- pg_regress ---------------------------------------------------------
np_run_regress "$regress_glob"

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
		before=$NP_FAILED
		np_count_regress "$NP_WORK/isolation.log" isolation
		if [ "$rc" -ne 0 ] && [ "$NP_FAILED" -eq "$before" ]; then
			NP_FAILED=$((NP_FAILED + 1)); NP_FAILURES+=("isolation (exited with status $rc)")
		fi
		if [ -f "$src/test/isolation_output/regression.diffs" ]; then
			cp "$src/test/isolation_output/regression.diffs" "$NP_TOP/test/isolation.diffs" 2>/dev/null || true
			np_say "differences: test/isolation.diffs"
		fi
	fi
fi

# --- TAP ----------------------------------------------------------------
if [ -n "$run_tap" ] && { [ "$regress_glob" = '*' ] || [ -n "$tap_glob" ]; } &&
	ls "$src"/test/t/${tap_glob:-*}.pl >/dev/null 2>&1; then
	np_say "TAP: $(ls "$src"/test/t/${tap_glob:-*}.pl | wc -l) files"
	portdir=${TMPDIR:-/tmp}/newsprint-portlock
	mkdir -p "$portdir" 2>/dev/null || true
	chmod 1777 "$portdir" 2>/dev/null || true
	set +e
	(cd "$src" && np_as_user env PATH="$NP_BIN:$PATH" TESTDIR="$src" \
		PG_REGRESS="$pgxs/src/test/regress/pg_regress" PG_TEST_PORT_DIR="$portdir" \
		PERL5LIB="$pgxs/src/test/perl:$src/test/t" \
		prove --timer test/t/${tap_glob:-*}.pl) 2>&1 | tee "$NP_WORK/tap.log"
	set -e
	# prove's summary: "Files=2, Tests=31, ..." and, per failing file,
	# "test/t/x.pl (Wstat: 256 ... Tests: 5 Failed: 2)".
	tap_total=$(sed -nE 's/^Files=[0-9]+, Tests=([0-9]+).*/\1/p' "$NP_WORK/tap.log" | tail -1)
	tap_failed=0
	while IFS= read -r line; do
		n=$(sed -nE 's/.*Failed: ([0-9]+)\).*/\1/p' <<<"$line")
		[ -z "$n" ] || [ "$n" -eq 0 ] && n=1
		tap_failed=$((tap_failed + n))
		NP_FAILURES+=("tap ${line%% *}")
	done < <(grep -E '^test/t/.*\(Wstat: ' "$NP_WORK/tap.log" || true)
	if [ -z "$tap_total" ]; then
		tap_total=0
		[ "$tap_failed" -eq 0 ] && { tap_failed=1; NP_FAILURES+=("tap (prove printed no summary)"); }
	fi
	NP_PASSED=$((NP_PASSED + tap_total - tap_failed))
	[ $NP_PASSED -lt 0 ] && NP_PASSED=0
	NP_FAILED=$((NP_FAILED + tap_failed))
	if [ "$tap_failed" -gt 0 ] && [ -d "$src/tmp_check/log" ]; then
		rm -rf "$NP_TOP/test/tap-logs"
		cp -r "$src/tmp_check/log" "$NP_TOP/test/tap-logs" 2>/dev/null || true
		np_say "TAP logs: test/tap-logs/"
	fi
fi

for f in "${NP_FAILURES[@]+"${NP_FAILURES[@]}"}"; do
	echo "failed: $f"
done
echo "$NP_PASSED passed, $NP_FAILED failed"
[ "$NP_FAILED" -eq 0 ] && [ "$NP_PASSED" -gt 0 ]
