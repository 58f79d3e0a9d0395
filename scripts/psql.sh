#!/usr/bin/env bash
# scripts/psql.sh -- psql on a throwaway server with the current tree installed
#
# Usage: scripts/psql.sh [PSQL-ARG...]   (e.g. -f file.sql, -c 'SELECT ...')
# The server and its data are gone when psql exits; see with-server.sh.
exec "$(dirname "$0")/with-server.sh" psql -X "$@"
