#!/usr/bin/env bash
# bench/clean_bench.sh -- throughput of newsprint.clean() against md5() over
# the 1,000 generated articles of bench/articles.py, in the same session
#
# Usage: bench/clean_bench.sh [REPS]     (default 7)
# Starts a throwaway server through scripts/with-server.sh unless PGDATABASE
# is already set (the server must run on this machine: the backend's CPU time
# is read from /proc).  For each input format (text, html) it runs
#     SELECT sum(octet_length(newsprint.clean(body))) FROM articles, generate_series(1, 5) ...
#     SELECT sum(octet_length(md5(body)))             FROM articles, generate_series(1, 20) ...
# alternately, REPS times each, in one session, and reports for both the
# backend's CPU time (user + system, from /proc/PID/stat, summed over the
# runs) and the best wall-clock time (md5 reads the set 20 times per run,
# clean 5 times, for timer resolution).  MB/s = megabytes read / time; the
# ratio is clean MB/s / md5 MB/s.  CPU time is the figure to trust on a busy
# machine, wall time on an idle one.  md5() is the yardstick: a C function
# that reads every byte once.  sentences() and paragraphs() of the text
# articles are timed the same way.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PGDATABASE:-}" ]; then
	exec "$top/scripts/with-server.sh" "$top/bench/clean_bench.sh" "$@"
fi
reps=${1:-7}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$top/bench/articles.py" --out "$tmp/articles.csv"
hz=$(getconf CLK_TCK)

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server:  $(psql -X -At -c 'SHOW server_version'), libxml2 $(xml2-config --version), $reps runs of each query"

# one psql session: load, warm up, then alternate the queries, marking the
# backend's CPU ticks and the wall clock around each
{
	cat <<SQL
\set QUIET on
\timing off
CREATE TEMP TABLE articles (id int, story int, outlet text, format text, body text);
\copy articles FROM '$tmp/articles.csv' WITH (FORMAT csv, HEADER true)
\pset format unaligned
\pset tuples_only on
\o $tmp/pid
SELECT pg_backend_pid();
\o $tmp/volume
SELECT format, sum(octet_length(body)) FROM articles GROUP BY format;
\o
SELECT count(newsprint.clean(body)) FROM articles \gset
SQL
	mark() { echo "\\! echo $1 \$(date +%s.%N) \$(awk '{print \$14 + \$15}' /proc/\$(cat $tmp/pid)/stat) >> $tmp/marks"; }
	for r in $(seq "$reps"); do
		for f in text html; do
			mark "start"
			echo "SELECT sum(octet_length(newsprint.clean(body))) FROM articles, generate_series(1, 5) WHERE format = '$f' \\gset"
			mark "clean_$f"
			echo "SELECT sum(octet_length(md5(body))) FROM articles, generate_series(1, 20) WHERE format = '$f' \\gset"
			mark "md5_$f"
		done
		mark "start"
		echo "SELECT sum((SELECT count(*) FROM newsprint.sentences(body))) FROM articles, generate_series(1, 5) WHERE format = 'text' \\gset"
		mark "sentences_text"
		echo "SELECT sum((SELECT count(*) FROM newsprint.paragraphs(body))) FROM articles, generate_series(1, 5) WHERE format = 'text' \\gset"
		mark "paragraphs_text"
	done
} > "$tmp/bench.sql"
psql -X -q -v ON_ERROR_STOP=1 -f "$tmp/bench.sql"

awk -v hz="$hz" -v runs="$reps" '
	FNR == NR { if (split($0, a, "|") >= 2) vol[a[1]] = a[2] / 1e6; next }
	{
		if ($1 != "start") {
			cpu[$1] += ($3 - pt) / hz; w = $2 - pw
			if (!($1 in wall) || w < wall[$1]) wall[$1] = w
		}
		pt = $3; pw = $2
	}
	END {
		printf "%-6s %6s %10s %10s %11s %9s %11s %11s %11s\n", "format", "MB", "clean_cpu", "md5_cpu", "clean_MB/s", "md5_MB/s", "ratio(cpu)", "wall_clean", "ratio(wall)"
		split("text html", fs, " ")
		for (i = 1; i <= 2; i++) {
			f = fs[i]; c = cpu["clean_" f]; m = cpu["md5_" f]
			cm = vol[f] * 5 * runs / c; mm = vol[f] * 20 * runs / m
			wc = vol[f] * 5 / wall["clean_" f]; wm = vol[f] * 20 / wall["md5_" f]
			printf "%-6s %6.2f %9.2fs %9.2fs %11.1f %9.1f %11.3f %9.1f/s %11.3f\n", f, vol[f], c, m,
				cm, mm, cm / mm, wc, wc / wm
		}
		printf "text: sentences() %.1f MB/s, paragraphs() %.1f MB/s (CPU time; clean + split)\n",
			vol["text"] * 5 * runs / cpu["sentences_text"], vol["text"] * 5 * runs / cpu["paragraphs_text"]
	}' "$tmp/volume" "$tmp/marks"
