#!/usr/bin/env bash
# bench/memory.sh -- peak memory of the text functions on large inputs
#
# Usage: bench/memory.sh [SIZE_MB]       (default 32)
#
# Starts a throwaway server with this tree's newsprint (scripts/with-server.sh),
# then runs each case in a fresh session: the backend's peak resident memory
# (VmHWM of /proc/PID/status, read with pg_read_file) is taken before and
# after one statement that builds the input with repeat() and calls one
# function on it.  Prints, per case, the input size, the growth of the peak
# and its ratio to the input.  The argument itself, built inside the
# statement, counts for about 1x of that (repeat() writes it; the function
# reads it in place).  The issue that asked for bounded memory measured:
# 16 MB of "a\n" cleaned at 862 MB, entity_mentions() on 56 MB at 1.36 GB.
# Needs a Linux /proc.  Runs the cases one after the other on one core.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${NP_BIN:-}" ]; then
	exec "$top/scripts/with-server.sh" "$0" "$@"
fi
mb=${1:-32}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "tree: $(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo '?')"

# a block of varied news sentences in paragraphs (about 2 kB)
block="(SELECT string_agg(format('The council of %s voted %s to %s on Tuesday to close the old bridge on Route %s for repairs, officials said. Engineers found cracks in %s of its pillars during an inspection in March, according to Mayor %s.', (ARRAY['Springfield', 'Riverton', 'Lakeside', 'Hillview'])[1 + i % 4], 5 + i % 3, i % 5, i, 2 + i % 4, (ARRAY['Jane Doe', 'Omar Haddad', 'Li Wei'])[1 + i % 3]), E'\\n\\n') FROM generate_series(1, 10) i)"
bytes=$((mb * 1048576))
news="repeat($block, $bytes / 2171)"
lines="repeat(E'a\\n', $bytes / 2)"
words="repeat('a ', $bytes / 2)"
caps="repeat(E'Paris\\n', $bytes / 6)"

cases=(
	"clean, news|SELECT length(newsprint.clean($news))"
	"clean, a-newline lines|SELECT length(newsprint.clean($lines))"
	"sentences, news|SELECT count(*) FROM newsprint.sentences($news)"
	"paragraphs raw, a-newline|SELECT count(*) FROM newsprint.paragraphs($lines, false)"
	"fingerprint, news|SELECT newsprint.shingle_count(newsprint.fingerprint($news))"
	"fingerprint raw, a a a|SELECT newsprint.shingle_count(newsprint.fingerprint($words, false))"
	"shared_passages, news|SELECT count(*) FROM newsprint.shared_passages($news, 'The council voted to close the old bridge.')"
	"entities, news|SELECT count(*) FROM newsprint.entities($news)"
	"entity_mentions raw, news|SELECT count(*) FROM newsprint.entity_mentions($news, false)"
	"entity_mentions raw, Paris lines|SELECT count(*) FROM newsprint.entity_mentions($caps, false)"
)

hwm="SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmHWM:\\s+(\\d+)'))[1]::bigint / 1024"
printf '%-30s %8s %10s %7s\n' case input_MB peak_MB ratio
for c in "${cases[@]}"; do
	name=${c%%|*}
	sql=${c#*|}
	out=$(psql -X -q -A -t -v ON_ERROR_STOP=0 2>&1 <<EOF
$hwm;
$sql;
$hwm;
EOF
	)
	before=$(sed -n 1p <<<"$out")
	after=$(tail -1 <<<"$out")
	if grep -q ERROR <<<"$out"; then
		printf '%-30s %8d %10s %7s  %s\n' "$name" "$mb" '-' '-' "$(grep -m1 ERROR <<<"$out")"
		continue
	fi
	printf '%-30s %8d %10d %7.1f\n' "$name" "$mb" "$((after - before))" \
		"$(echo "($after - $before) / $mb" | bc -l)"
done
