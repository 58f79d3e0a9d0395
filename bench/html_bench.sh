#!/usr/bin/env bash
# bench/html_bench.sh -- time and memory of newsprint.clean() on hostile HTML
#
# Usage: bench/html_bench.sh [-r REPS] [-s "SIZES"] [-m MEMMB] [SHAPE...]
#   SHAPE     shapes of bench/html_shapes.py (default: all of them)
#   -s SIZES  page sizes in MB (default "1 2 4 8")
#   -r REPS   runs per query, the fastest is kept (default 3)
#   -m MEMMB  size of the pages whose peak memory is measured (default 40;
#             0 skips the memory part)
# Starts a throwaway server through scripts/with-server.sh unless PGDATABASE
# is already set (the server must run on this machine: memory is read from
# /proc).
#
# Time: for each shape and size, the fastest of REPS runs of
#     SELECT length(newsprint.clean(body, format => 'html'))
# against the alternative a user would otherwise write to strip tags,
#     SELECT length(regexp_replace(body, '<[^>]*>', '', 'g'))
# in the same session.  It prints seconds, MB/s, the ratio clean/regexp, and
# "scale" = time at n MB / (n * time at the smallest size): about 1 for
# linear time, n for quadratic.  Wall-clock time of the backend (the query
# runs in a PL/pgSQL loop on the server, so the client does not count).
#
# Memory: for a few shapes of MEMMB MB, the peak resident set (VmHWM) of a
# fresh backend that runs clean() once, minus the peak of a fresh backend
# that only reads the page, divided by the page size.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PGDATABASE:-}" ]; then
	exec "$top/scripts/with-server.sh" "$top/bench/html_bench.sh" "$@"
fi
reps=3
sizes="1 2 4 8"
memmb=40
while getopts r:s:m: o; do
	case $o in
		r) reps=$OPTARG ;;
		s) sizes=$OPTARG ;;
		m) memmb=$OPTARG ;;
		*) sed -n '2,12p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
shapes=${*:-$(python3 "$top/bench/html_shapes.py" --list)}
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server:  $(psql -X -At -c 'SHOW server_version'), libxml2 $(xml2-config --version), fastest of $reps runs"

psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE IF NOT EXISTS bench_pages (shape text, mb float8, body text);
TRUNCATE bench_pages;
CREATE OR REPLACE FUNCTION bench_time(q text, reps int) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	best float8 := 'Infinity';
BEGIN
	FOR i IN 1 .. reps LOOP
		t0 := clock_timestamp();
		EXECUTE q;
		best := least(best, extract(epoch FROM clock_timestamp() - t0));
	END LOOP;
	RETURN best;
END $$;
SQL

printf "%-24s %5s %9s %9s %9s %8s %6s\n" shape MB clean_s MB/s regexp_s ratio scale
for shape in $shapes; do
	first=
	for mb in $sizes; do
		python3 "$top/bench/html_shapes.py" "$shape" "$mb" "$tmp/page.html"
		psql -X -q -v ON_ERROR_STOP=1 -c "TRUNCATE bench_pages" \
			-c "INSERT INTO bench_pages SELECT '$shape', $mb, pg_read_file('$tmp/page.html')"
		read -r c r < <(psql -X -At -F ' ' -v ON_ERROR_STOP=1 -c "
			SELECT bench_time('SELECT length(newsprint.clean(body, format => ''html'')) FROM bench_pages', $reps),
			       bench_time('SELECT length(regexp_replace(body, ''<[^>]*>'', '''', ''g'')) FROM bench_pages', $reps)")
		if [ -z "$first" ]; then first=$c; firstmb=$mb; fi
		awk -v s="$shape" -v mb="$mb" -v c="$c" -v r="$r" -v f="$first" -v fm="$firstmb" 'BEGIN {
			printf "%-24s %5g %9.3f %9.1f %9.3f %8.2f %6.2f\n", s, mb, c, mb / c, r, c / r, (c / f) / (mb / fm) }'
	done
done

[ "$memmb" = 0 ] && exit 0
echo
echo "peak memory of one clean() call on a $memmb MB page (VmHWM of a fresh backend, minus that of one that only reads the page)"
printf "%-24s %8s %10s %10s %8s\n" shape MB base_MB peak_MB x_input
# one fresh backend per measurement: print its pid, run, then read its peak
hwm() {
	psql -X -At -q -v ON_ERROR_STOP=1 <<SQL
\o $tmp/pid
SELECT pg_backend_pid();
\o
$1
\! awk '/VmHWM/ {print \$2}' /proc/\$(cat $tmp/pid)/status
SQL
}
for shape in p_words p_empty table ordinary text_only attributes stray_end unclosed entities distinct_names; do
	python3 "$top/bench/html_shapes.py" "$shape" "$memmb" "$tmp/page.html"
	psql -X -q -v ON_ERROR_STOP=1 -c "TRUNCATE bench_pages" \
		-c "INSERT INTO bench_pages SELECT '$shape', $memmb, pg_read_file('$tmp/page.html')"
	base=$(hwm "SELECT length(body) FROM bench_pages \\gset" | tail -1)
	peak=$(hwm "SELECT length(newsprint.clean(body, format => 'html')) FROM bench_pages \\gset" | tail -1)
	bytes=$(stat -c %s "$tmp/page.html")
	awk -v s="$shape" -v b="$bytes" -v base="$base" -v peak="$peak" 'BEGIN {
		printf "%-24s %8.1f %10.1f %10.1f %8.2f\n", s, b / 1e6, base / 1024, peak / 1024, (peak - base) * 1024 / b }'
done
