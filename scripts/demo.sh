#!/usr/bin/env bash
# scripts/demo.sh -- build, install and show newsprint on sample articles
#
# Usage: scripts/demo.sh          (as root on Debian 12: installs what it needs)
#
# Installs the build dependencies, builds newsprint, installs it into the
# system's PostgreSQL (into a private prefix when not run as root), starts a
# throwaway cluster as an unprivileged user, loads the sample articles of
# test/data (the example pair, the labelled pages and the stories sample),
# runs scripts/demo.sql and prints its results, and writes the stories
# report (scripts/story_report.sql) to story-report.html in the current
# directory (or $NP_STORY_REPORT).  The cluster and its data are removed at
# the end; the report stays.
set -euo pipefail

NP_TOP=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$NP_TOP/scripts/lib.sh"

np_deps
np_workdir
NP_CFLAGS=${NP_DEMO_CFLAGS:--O2}
np_build
if np_is_root; then
	np_say "installing newsprint into $("$NP_PG_CONFIG" --pkglibdir)"
	# two demos at once must not interleave their copies of the same files
	exec 9>"${TMPDIR:-/tmp}/newsprint-install.lock"
	flock 9
	np_sysinstall
	flock -u 9
else
	np_say "not root: installing into a private copy of PostgreSQL"
	np_tmpinstall
fi
np_cluster_start
psql -q -X -c 'CREATE DATABASE demo' >/dev/null
export PGDATABASE=demo
report=${NP_STORY_REPORT:-$PWD/story-report.html}
np_say "running scripts/demo.sql"
cd "$NP_TOP"
psql -X -v ON_ERROR_STOP=1 -P pager=off -f scripts/demo.sql
psql -X -q -v articles=news -f scripts/story_report.sql -o "$report"
np_say "stories report (open it in a browser): $report"
np_say "demo finished; the throwaway cluster is being removed"
