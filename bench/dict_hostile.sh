#!/usr/bin/env bash
# bench/dict_hostile.sh -- what a user dictionary value costs to load, and
# how late a statement loading it stops
#
# Usage: bench/dict_hostile.sh [SHAPE...]
#   SHAPE is dots:KEYS:MARKS (KEYS keys 'K<i>' followed by MARKS full
#   stops, the shape of doc/security.md) or names:ROWS (ROWS rows 'Name
#   Number <i>' with the aliases 'Alias <i>' and 'Other <i>', the shape of
#   bench/hostile_scaling.sh's dict_value).  Default: dots:256000:60
#   names:1000000.
#
# Starts a throwaway server with this tree's newsprint (scripts/with-server.sh)
# unless NP_BIN is set (run another tree's scripts/with-server.sh on this
# script to measure that tree).  Each dictionary is built once into an
# unlogged table; then, each in a fresh session: entities() on a short text
# with the dictionary, its wall time, the backend's CPU time (/proc/PID/stat)
# and the growth of its peak resident memory (VmHWM, after a warm-up call
# has loaded the library and the built-in gazetteer), with the bytes of the
# keys (names and aliases) and memory per byte of keys; then how late the
# same statement stops under statement_timeout = 100ms, and after
# pg_cancel_backend() sent 0.5 s after it started (seen by the client,
# psql's start-up and the polling included).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${NP_BIN:-}" ]; then
	exec "$top/scripts/with-server.sh" "$0" "$@"
fi
shapes=("$@")
[ ${#shapes[@]} -gt 0 ] || shapes=(dots:256000:60 names:1000000)

q() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M) UTC"
echo "server: $(q -c 'SHOW server_version')"

hwm="SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmHWM:\\s+(\\d+)'))[1]::bigint"
cpu="SELECT sum(x::bigint) FROM unnest((string_to_array(split_part(pg_read_file('/proc/' || pg_backend_pid() || '/stat'), ') ', 2), ' '))[12:13]) x"
tck=$(getconf CLK_TCK)

printf '%-18s %10s %9s %8s %9s %10s %6s %10s %10s\n' shape key_MB wall_s cpu_s peak_MB B/key_B found timeout_late cancel_late
for s in "${shapes[@]}"; do
	IFS=: read -r kind n marks <<<"$s"
	case $kind in
		dots) build="SELECT array_agg(ROW('K' || i || repeat('.', $marks), 'ORG', NULL)::newsprint.entity_dictionary) AS a FROM generate_series(1, $n) i" ;;
		names) build="SELECT array_agg(ROW('Name Number ' || i, 'ORG', ARRAY['Alias ' || i, 'Other ' || i])::newsprint.entity_dictionary) AS a FROM generate_series(1, $n) i" ;;
		*) echo "unknown shape $s" >&2; exit 2 ;;
	esac
	q -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS dict_hostile" -c "CREATE UNLOGGED TABLE dict_hostile AS $build" >/dev/null
	keybytes=$(q -c "SELECT sum(octet_length(d.name) + coalesce((SELECT sum(octet_length(x)) FROM unnest(d.aliases) x), 0)) FROM dict_hostile, unnest(a) d")
	sql="SELECT count(*) FROM newsprint.entities('Shares of K7 and Name Number 5 rose.', false, (SELECT a FROM dict_hostile))"
	out=$(q -c "SELECT count(*) FROM newsprint.entities('Warm up in London.')" -c "$hwm" -c "$cpu" \
		-c "SELECT extract(epoch FROM clock_timestamp())" -c "$sql" \
		-c "SELECT extract(epoch FROM clock_timestamp())" -c "$cpu" -c "$hwm")
	mapfile -t v <<<"$out"
	# v: warm-up count, hwm0, cpu0, t0, found, t1, cpu1, hwm1
	wall=$(echo "${v[5]} - ${v[3]}" | bc -l)
	cpus=$(echo "(${v[6]} - ${v[2]}) / $tck" | bc -l)
	peak=$(echo "(${v[7]} - ${v[1]}) / 1024" | bc -l)
	perb=$(echo "(${v[7]} - ${v[1]}) * 1024 / $keybytes" | bc -l)

	t0=$(now)
	q -c "SET statement_timeout = '100ms'" -c "$sql" >/dev/null 2>&1 || true
	late_t=$(echo "$(now) - $t0 - 0.1" | bc -l)
	q -c "SET application_name = 'dict_hostile_cancel'" -c "$sql" >/dev/null 2>&1 &
	bg=$!
	sleep 0.5
	t1=$(now)
	q -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'dict_hostile_cancel'" >/dev/null
	wait $bg || true
	late_c=$(echo "$(now) - $t1" | bc -l)
	printf '%-18s %10.1f %9.2f %8.2f %9.0f %10.0f %6s %10.3f %10.3f\n' "$s" \
		"$(echo "$keybytes / 1048576" | bc -l)" "$wall" "$cpus" "$peak" "$perb" "${v[4]}" "$late_t" "$late_c"
done
q -c "DROP TABLE dict_hostile"
