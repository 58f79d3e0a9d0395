#!/usr/bin/env bash
# bench/index_copy_hugepages.sh -- bench/index_copy_profile.sh with the
# server's shared memory in 4 kB pages and in 2 MB huge pages, alternately,
# on one server and one generated corpus: does a new session's first touch
# of the shared buffers make the indexed COPY's ratio?
#
# Usage (as root, which may reserve huge pages; the server runs as postgres):
#   sysctl vm.nr_hugepages=N
#   NP_SERVER_OPTS="-c shared_buffers=4GB -c max_wal_size=20GB" \
#       scripts/with-server.sh bench/index_copy_hugepages.sh [ROWS] [COPY_ROWS]
#   sysctl vm.nr_hugepages=0
# N must be at least the server's shared_memory_size_in_huge_pages, which the
# script prints (2,200 covers shared_buffers=4GB); it stops before measuring
# if fewer are free. Leave a margin: any other PostgreSQL on the machine
# started at the default huge_pages = try takes free huge pages for itself
# (72 for shared_buffers=128MB), and a restart with on then fails.
# Environment:
#   SETTINGS  the server settings to alternate (default "off on"): huge_pages
#             off or on, each optionally with "+thp", the server started with
#             GLIBC_TUNABLES=glibc.malloc.hugetlb=1, so that glibc's malloc
#             asks for transparent huge pages for the backends' private
#             memory (needs /sys/kernel/mm/transparent_hugepage/enabled at
#             madvise or always; glibc 2.35 or later)
#   ROUNDS    how many times to run the list (default 2)
#   every setting of bench/index_copy_profile.sh (REPEAT, BODIES, WARM, ...)
#   passes through to each run.
#
# Each run restarts the server with ALTER SYSTEM SET huge_pages (on: the
# server refuses to start without them, so a run labelled on had them) and
# runs the profile with REUSE=1, so that only the first run generates the
# articles. The summary gives, per run, the CPU and wall seconds of the COPY
# without the index and of the COPY with npidx plus the merge of the rest,
# their ratios, the backends' page faults and kernel CPU seconds, and the
# median CPU ratio of each setting.
set -euo pipefail
cd "$(dirname "$0")"
. ../scripts/lib.sh

ROWS=${1:-200000}
COPY_ROWS=${2:-100000}
ROUNDS=${ROUNDS:-2}
SETTINGS=${SETTINGS:-off on}
[ -n "${NP_WORK:-}" ] || np_die "run under scripts/with-server.sh"
out=$(mktemp)
trap 'rm -f "$out" "$out.run"' EXIT

restart() {		# SETTING: off, on, off+thp or on+thp
	local tunables=
	case "$1" in
		*+thp) tunables=glibc.malloc.hugetlb=1 ;;
	esac
	psql -X -q -c "ALTER SYSTEM SET huge_pages = ${1%+thp}"
	GLIBC_TUNABLES=$tunables np_as_user "$NP_BIN/pg_ctl" -D "$NP_WORK/data" \
		-l "$NP_WORK/server.log" -w restart >/dev/null ||
		{ tail -5 "$NP_WORK/server.log" >&2; np_die "the server did not restart with $1"; }
}

# the server started with huge_pages = try, which may hold them already
restart off
need=$(psql -X -At -c "SHOW shared_memory_size_in_huge_pages")
free=$(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo)
echo "== huge pages: the server needs $need of $(awk '/^Hugepagesize:/ { print $2 " " $3 }' /proc/meminfo), $free free"
[ "$free" -ge "$need" ] || np_die "reserve at least $need huge pages first (sysctl vm.nr_hugepages=$need)"

for round in $(seq 1 "$ROUNDS"); do
	for hp in $SETTINGS; do
		restart "$hp"
		echo
		echo "=== round $round, $hp: huge_pages = $(psql -X -At -c 'SHOW huge_pages'), $(awk '/^HugePages_(Total|Free|Rsvd):/ { printf "%s %s ", $1, $2 }' /proc/meminfo)"
		REUSE=1 ./index_copy_profile.sh "$ROWS" "$COPY_ROWS" | tee "$out.run"
		sed "s/^/$hp /" "$out.run" >> "$out"
	done
done
restart off

# per run: the three COPY lines and the merge of bench/index_copy_profile.sh
echo
echo "== summary: $ROWS rows, a COPY of $COPY_ROWS more, each in a new session"
printf '%-8s %9s %9s %9s %9s %9s %7s %7s %11s %11s\n' setting "CPU none" "sys none" "CPU npidx" "sys npidx" \
	"wall none" "CPU x" "wall x" "faults none" "faults npidx"
awk '
	$2 == "COPY" && $3 == "without" { nw = $5; nc = $6; nf = $10; ns = $11 }
	$2 == "both" { printf "%-8s %9.2f %9.2f %9.2f %9.2f %9.2f %6.2fx %6.2fx %11d %11d\n",
		$1, nc, ns, $4, $9, nw, $4 / nc, $3 / nw, nf, $8 }' "$out"
# the median CPU ratio per setting
awk '
	$2 == "COPY" && $3 == "without" { nc = $6 }
	$2 == "both" { r[$1] = r[$1] " " $4 / nc }
	END { for (k in r) print k, r[k] }' "$out" | while read -r k rs; do
	echo "$rs" | tr ' ' '\n' | sort -n | awk -v k="$k" '{ x[NR] = $1 }
		END { printf "== %s: median CPU ratio %.2fx of %d runs (%.2f-%.2fx)\n", k,
			(x[int((NR + 1) / 2)] + x[int(NR / 2) + 1]) / 2, NR, x[1], x[NR] }'
done
