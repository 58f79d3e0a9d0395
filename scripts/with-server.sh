#!/usr/bin/env bash
# scripts/with-server.sh -- run a command against a throwaway server holding
# the current tree's newsprint
#
# Usage: scripts/with-server.sh COMMAND [ARG...]
#   e.g. scripts/with-server.sh psql -c 'select newsprint.clean($$a  b$$)'
#        scripts/with-server.sh bench/clean.sh
#
# Builds a private copy of the tree, installs it into a private PostgreSQL
# prefix, starts a cluster (unix socket only), creates database "newsprint"
# with the extension, exports PGHOST, PGPORT, PGUSER, PGDATABASE and NP_BIN
# (the private server's bin directory, first in PATH), runs COMMAND in the
# source tree, then stops the server and removes everything.
# NP_SERVER_OPTS adds server settings, e.g. "-c shared_buffers=1GB".
set -euo pipefail

NP_TOP=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
. "$NP_TOP/scripts/lib.sh"

[ $# -gt 0 ] || np_die "usage: $0 COMMAND [ARG...]"
np_deps
np_workdir
np_build
np_tmpinstall
# shellcheck disable=SC2086
np_cluster_start ${NP_SERVER_OPTS:-}
psql -q -X -c 'CREATE DATABASE newsprint' >/dev/null
export PGDATABASE=newsprint
psql -q -X -c 'CREATE EXTENSION newsprint' >/dev/null
export NP_BIN NP_WORK
cd "$NP_TOP"
set +e
"$@"
rc=$?
set -e
exit $rc
