#!/usr/bin/env bash
# bench/story_leaders_memory.sh -- what a leaders table used by
# assign_story() and then dropped leaves in the session's CacheMemoryContext
#
# Usage: scripts/with-server.sh bench/story_leaders_memory.sh [N]
#    or: bench/story_leaders_memory.sh [N]   (PGHOST/PGDATABASE pointing at
#        a database with newsprint installed)
#
# In one session, N times (default 400) after 20 rounds to warm the caches:
# create a leaders table (story bigint PRIMARY KEY, fp, published_at) with
# an npidx index, give it one article, drop it; each statement in a
# transaction of its own.  Two sessions: one that gives the article with
# assign_story(), one (the baseline) that runs the same SQL as its search
# and insert by hand (the regclass cast, the is_same_story() search with
# seq scans off, INSERT ... ON CONFLICT (story) DO NOTHING), so that the
# catalog caches PostgreSQL fills for any table made, used and dropped
# count in both.  Prints, for each, the growth of CacheMemoryContext's own
# used bytes and of all the session's contexts (total bytes), and the
# difference per table: what newsprint's code keeps (its plans of a dropped
# table are freed at the next call, the entry reused).  Deterministic up to
# the catalog caches' rehashes (a few kB).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-400}

script()
{
	local form=$1 i
	echo "SET search_path = newsprint, public;"
	echo "SET client_min_messages = warning;"
	echo "CREATE TEMP TABLE art AS SELECT fingerprint('Hartwell Mining said on Monday that it would close its Ridgeway colliery in the spring, putting four hundred jobs at risk, after the price of coking coal fell for a third month running.'::text) AS fp;"
	for i in $(seq 1 $((20 + N))); do
		[ "$i" -eq 21 ] &&
			echo "CREATE TEMP TABLE m0 AS SELECT name, total_bytes, used_bytes FROM pg_backend_memory_contexts;"
		echo "CREATE TABLE np_mem_$i (story bigint PRIMARY KEY, fp newsprint.fingerprint, published_at timestamptz);"
		echo "CREATE INDEX ON np_mem_$i USING npidx (fp);"
		if [ "$form" = assign ]; then
			echo "SELECT newsprint.assign_story('np_mem_$i', 1, fp, now()) FROM art \\g /dev/null"
		else
			echo "SELECT 'np_mem_$i'::regclass FROM art \\g /dev/null"
			echo "SET enable_seqscan = off;"
			echo "SELECT story FROM np_mem_$i l, art WHERE newsprint.is_same_story(l.fp, art.fp, 0.1) \\g /dev/null"
			echo "RESET enable_seqscan;"
			echo "INSERT INTO np_mem_$i SELECT 1, fp, now() FROM art ON CONFLICT (story) DO NOTHING;"
		fi
		echo "DROP TABLE np_mem_$i;"
	done
	echo "SELECT (SELECT sum(used_bytes) FROM pg_backend_memory_contexts WHERE name = 'CacheMemoryContext') - (SELECT sum(used_bytes) FROM m0 WHERE name = 'CacheMemoryContext'), (SELECT sum(total_bytes) FROM pg_backend_memory_contexts) - (SELECT sum(total_bytes) FROM m0);"
}

echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC'); $N leaders tables made, used and dropped per session"
base=$(script baseline | psql -X -q -At -F ' ' -v ON_ERROR_STOP=1)
used=$(script assign | psql -X -q -At -F ' ' -v ON_ERROR_STOP=1)
read -r base_cache base_all <<<"$base"
read -r used_cache used_all <<<"$used"
printf '%-28s %12s %12s\n' session CacheMemoryContext 'all contexts'
printf '%-28s %12s %12s\n' 'the same SQL by hand' "$base_cache" "$base_all"
printf '%-28s %12s %12s\n' 'assign_story()' "$used_cache" "$used_all"
echo "assign_story() keeps $(( (used_cache - base_cache) / N )) bytes of CacheMemoryContext per dropped leaders table (used bytes, against the baseline)"
