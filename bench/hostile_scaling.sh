#!/usr/bin/env bash
# bench/hostile_scaling.sh -- time and peak memory of the text functions on
# degenerate inputs at growing sizes: is each linear, and bounded?
#
# Usage: bench/hostile_scaling.sh [-s "1 10 100"] [-c] [CASE...]
#   CASE is function:shape (e.g. clean:lines); the default list is the
#   slowest shape for each function found by the 0.2 audit at 2 and 8 MB
#   (27 shapes, ten call forms).  -s gives the sizes in MB.
#   -c measures, instead, how late each case stops at the largest size:
#   with statement_timeout = 1s (time of the statement minus 1 s), and
#   after pg_cancel_backend() sent 1 s after it started (from the cancel to
#   the end of the statement, seen by the client: psql's start-up and the
#   polling are included).  Case dict_value:dict1m is entities() with a
#   user dictionary value of 1,000,000 entries (12 MB).
#
# Starts a throwaway server with this tree's newsprint (scripts/with-server.sh)
# unless NP_BIN is set.  Each input is built once into an unlogged table
# (stored uncompressed), then each case runs in a fresh session: wall time
# of the one statement, the backend's CPU time for it (user + system, from
# /proc/PID/stat), and the growth of the backend's peak resident memory
# (VmHWM, read with pg_read_file, after a warm-up call on a short text has
# loaded the library and its tables) with its ratio to the input; reading the
# argument from the table counts for about 1x of it.  Beside each: md5() of
# the same value in the same session (the floor any function reading the
# text pays), and scale = CPU time at n MB / (n x CPU time at the smallest
# size): 1 for linear time.  Shapes repeated, random_words and no_breaks
# (random words of a skewed vocabulary, with and without full stops) are
# news-like; for them passages_two compares two different draws.  Runs the cases one after the other on one core.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${NP_BIN:-}" ]; then
	exec "$top/scripts/with-server.sh" "$0" "$@"
fi
sizes="1 10 100"
cancel=
while [ $# -gt 0 ]; do
	case $1 in
		-s) sizes=$2; shift 2 ;;
		-c) cancel=1; shift ;;
		*) break ;;
	esac
done

# the shapes: SQL building about :bytes bytes
declare -A shape=(
	[lines]="repeat(E'a\\n', :bytes / 2)"
	[hyph]="repeat(E'a-\\n', :bytes / 3)"
	[word]="repeat('a', :bytes)"
	[names]="repeat('John Smith ', :bytes / 11)"
	[comb_words]="repeat(E'e\\u0301 ', :bytes / 4)"
	[zw]="repeat(E'\\u200b', :bytes / 3)"
	[punct]="repeat('.,;:!?-\"''()', :bytes / 11)"
	[html_nest_p]="repeat('<div><p>x', :bytes / 9)"
	[html_attr]="'<p ' || repeat('a=1 ', :bytes / 4) || '>x'"
	[html_amp]="'<p>' || repeat('&amp;', :bytes / 5)"
	[html_doctype]="'<!DOCTYPE x [' || repeat('<!ENTITY a \"&a;&a;\">', :bytes / 20) || ']><p>&a;'"
	[dict1m]="'Name Number 5 met Alias 7.'"
	[repeated]="repeat('Officials in Ankara said 40 people were moved from the district on Monday. The governor''s office said roads to the coast would reopen by Friday. ', :bytes / 145)"
	[random_words]="(SELECT string_agg(CASE WHEN random() < 0.07 THEN w || '. The' ELSE w END, ' ') FROM (SELECT translate(substr(md5(floor(random() ^ 2 * 5000)::text), 1, 7), '0123456789', 'ghijklmnop') AS w FROM generate_series(1, :bytes / 8)) s)"
	[small_vocab]="(SELECT string_agg(CASE WHEN random() < 0.1 THEN w || '. The' ELSE w END, ' ') FROM (SELECT translate(substr(md5(floor(random() * 85)::text), 1, 7), '0123456789', 'ghijklmnop') AS w FROM generate_series(1, :bytes / 8)) s)"
	[no_breaks]="(SELECT string_agg(w, ' ') FROM (SELECT translate(substr(md5(floor(random() ^ 2 * 5000)::text), 1, 7), '0123456789', 'ghijklmnop') AS w FROM generate_series(1, :bytes / 8)) s)"
)
# a second text for the shapes where two-argument functions compare two
# different texts (u; t itself elsewhere): another draw of the same shape
declare -A shape_u=(
	[random_words]=1
	[small_vocab]=1
	[no_breaks]=1
)
declare -A func=(
	[clean]="length(newsprint.clean(t))"
	[paragraphs]="(SELECT count(*) FROM newsprint.paragraphs(t))"
	[sentences]="(SELECT count(*) FROM newsprint.sentences(t))"
	[sentences_raw]="(SELECT count(*) FROM newsprint.sentences(t, false))"
	[fingerprint]="newsprint.shingle_count(newsprint.fingerprint(t))"
	[entities]="(SELECT count(*) FROM newsprint.entities(t))"
	[mentions_raw]="(SELECT count(*) FROM newsprint.entity_mentions(t, false))"
	[passages_self]="(SELECT count(*) FROM newsprint.shared_passages(t, t))"
	[passages_self_raw]="(SELECT count(*) FROM newsprint.shared_passages(t, t, false))"
	[passages_two]="(SELECT count(*) FROM newsprint.shared_passages(t, coalesce(u, t)))"
	[dict_value]="(SELECT count(*) FROM newsprint.entities(t, false, (SELECT a FROM hostile_dict)))"
)
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
	cases=(clean:html_nest_p clean:lines paragraphs:lines sentences:lines
		sentences_raw:html_amp fingerprint:lines fingerprint:comb_words
		entities:html_nest_p entities:lines mentions_raw:names
		sentences_raw:comb_words passages_self:html_nest_p passages_self:lines
		passages_self_raw:html_attr)
fi

q() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -g | awk '/Mem:/ {print $2}') GB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: $(q -c 'SHOW server_version'), tree: $(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')"

q -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS hostile_input" -c "CREATE UNLOGGED TABLE hostile_input (shape text, mb int, t text, u text)" \
	-c "ALTER TABLE hostile_input ALTER t SET STORAGE EXTERNAL, ALTER u SET STORAGE EXTERNAL" \
	-c "SELECT setseed(0.5)" >/dev/null
needed=$(printf '%s\n' "${cases[@]}" | sed 's/.*://' | sort -u)
for mb in $sizes; do
	for s in $needed; do
		[ -n "${shape[$s]:-}" ] || { echo "unknown shape $s" >&2; exit 2; }
		u=NULL
		[ -z "${shape_u[$s]:-}" ] || u=${shape[$s]//:bytes/$((mb * 1048576))}
		q -c "SELECT setseed(0.$mb)" -c "INSERT INTO hostile_input SELECT '$s', $mb, ${shape[$s]//:bytes/$((mb * 1048576))}, $u" >/dev/null
	done
done

if [ -n "$cancel" ]; then
	if printf '%s\n' "${cases[@]}" | grep -q '^dict_value:'; then
		q -c "DROP TABLE IF EXISTS hostile_dict" -c "CREATE UNLOGGED TABLE hostile_dict AS SELECT array_agg(ROW('Name Number ' || i, 'ORG', ARRAY['Alias ' || i, 'Other ' || i])::newsprint.entity_dictionary) AS a FROM generate_series(1, 1000000) i"
	fi
	mb=${sizes##* }
	now() { date +%s.%N; }
	printf '%-18s %-13s %5s %12s %12s\n' function shape MB timeout_late cancel_late
	for c in "${cases[@]}"; do
		f=${c%%:*}
		s=${c#*:}
		sql="SELECT ${func[$f]} FROM hostile_input WHERE shape = '$s' AND mb = $mb"
		t0=$(now)
		q -c "SET statement_timeout = '1s'" -c "$sql" >/dev/null 2>&1 || true
		late_t=$(echo "$(now) - $t0 - 1" | bc -l)
		q -c "SET application_name = 'hostile_cancel'" -c "$sql" >/dev/null 2>&1 &
		bg=$!
		t0=$(now)
		sleep 1
		q -c "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = 'hostile_cancel'" >/dev/null
		t1=$(now)
		wait $bg || true
		late_c=$(echo "$(now) - $t1" | bc -l)
		printf '%-18s %-13s %5d %12.3f %12.3f\n' "$f" "$s" "$mb" "$late_t" "$late_c"
	done
	q -c "DROP TABLE hostile_input" -c "DROP TABLE IF EXISTS hostile_dict"
	exit 0
fi

hwm="SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmHWM:\\s+(\\d+)'))[1]::bigint / 1024"
# the backend's user + system CPU time, in clock ticks
tck=$(getconf CLK_TCK)
cpu="SELECT split_part(s, ' ', 14)::bigint + split_part(s, ' ', 15)::bigint AS ticks FROM pg_read_file('/proc/' || pg_backend_pid() || '/stat') s"
printf '%-18s %-13s %5s %9s %8s %8s %9s %8s %7s %6s\n' function shape MB seconds cpu_s cpu_s/MB md5_s peak_MB ratio scale
for c in "${cases[@]}"; do
	f=${c%%:*}
	s=${c#*:}
	[ -n "${func[$f]:-}" ] || { echo "unknown function $f" >&2; exit 2; }
	first=
	for mb in $sizes; do
		out=$(q 2>&1 <<EOF || true
SELECT ${func[$f]} IS NULL FROM (SELECT 'Warm up: Paris. <p>x</p>'::text AS t, NULL::text AS u) w \\g /dev/null
$hwm;
$cpu \gset c0_
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
SELECT ${func[$f]} FROM hostile_input WHERE shape = '$s' AND mb = $mb;
SELECT extract(epoch FROM clock_timestamp()) - :t0;
SELECT round((($cpu) - :c0_ticks)::numeric / $tck, 2);
$hwm;
SELECT extract(epoch FROM clock_timestamp()) AS t0 \gset
SELECT md5(t) IS NULL FROM hostile_input WHERE shape = '$s' AND mb = $mb;
SELECT extract(epoch FROM clock_timestamp()) - :t0;
EOF
		)
		if grep -q ERROR <<<"$out"; then
			printf '%-18s %-13s %5d  %s\n' "$f" "$s" "$mb" "$(grep -m1 ERROR <<<"$out")"
			continue
		fi
		mapfile -t v <<<"$out"
		before=${v[0]} secs=${v[2]} cpus=${v[3]} after=${v[4]} md5s=${v[6]}
		# scale from CPU time (wall time moves with the machine's load)
		[ -n "$first" ] || first="$mb $cpus"
		printf '%-18s %-13s %5d %9.3f %8.2f %8.3f %9.3f %8d %7.1f %6.2f\n' "$f" "$s" "$mb" "$secs" \
			"$cpus" "$(echo "$cpus / $mb" | bc -l)" "$md5s" "$((after - before))" \
			"$(echo "($after - $before) / $mb" | bc -l)" \
			"$(awk -v c="$cpus" -v m="$mb" -v f="$first" 'BEGIN { split(f, x, " "); print (x[2] > 0 ? c / (m / x[1] * x[2]) : 0) }')"
	done
done
q -c "DROP TABLE hostile_input"
