# bench/bench_lib.sh -- what the index benches share (sourced from bench/,
# after `cd "$(dirname "$0")"`)
#
#   bench_workdir [MODE]   sets WORK to a new temporary directory, chmod MODE
#                          when given (so that the server's user can read or
#                          write it), removed when the script exits
#   q ARG...               psql: unaligned, tuples only, stops at the first error
#   bench_header [GUC...]  prints the machine (cores, CPU, memory, load
#                          average) and the server (version, shared_buffers
#                          and every GUC named)

bench_workdir()
{
	WORK=$(mktemp -d)
	if [ -n "${1:-}" ]; then
		chmod "$1" "$WORK"
	fi
	trap 'rm -rf "$WORK"' EXIT
}

q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

bench_header()
{
	local guc extra=
	for guc in "$@"; do
		extra+=", $guc=$(q -c "SHOW $guc")"
	done
	echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "== server: $(q -c 'SHOW server_version'), shared_buffers=$(q -c 'SHOW shared_buffers')$extra"
}
