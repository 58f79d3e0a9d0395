#!/usr/bin/env bash
# bench/index_pending.sh -- what the npidx pending list costs: lookups while
# rows wait in it, and the merge that moves them into the buckets
#
# Usage: scripts/with-server.sh bench/index_pending.sh [ROWS] [PENDING...]
#   (default 200000 articles of the realistic corpus, bench/corpus_gen.c
#   seed 1, and pending lists of 0, 3400 and 13000 rows: about what 1 MB,
#   the old default pending_list_limit, and 4 MB, the new one, hold)
#
# For each pending size: copies of that many rows are inserted with the
# pending list raised to 1 GB (so that nothing merges on the way), then 200
# same_story and 200 % lookups run server-side (PL/pgSQL loop, each planned
# anew) and report p50 / p99 ms, against the same lookups with the list
# empty (the first line); then the list is merged, and the backend's CPU
# time of the merge is reported with its cost per row merged.  A merge changes about one page per bucket whatever it carries,
# so its cost per row falls with the rows it carries, while every lookup
# pays for every row waiting.
set -euo pipefail
cd "$(dirname "$0")"

ROWS=${1:-200000}
shift || true
PENDING=("$@")
[ ${#PENDING[@]} -gt 0 ] || PENDING=(0 3400 13000)
. ./bench_lib.sh
bench_workdir 777

bench_header

SEED=1 ./corpus.sh fingerprints pend_articles "$ROWS"
# no autovacuum: it would merge the list under the measurement
q -c "ALTER TABLE pend_articles SET (autovacuum_enabled = off)"
q -c "VACUUM ANALYZE pend_articles"
q -c "SET maintenance_work_mem = '2GB'; CREATE INDEX pend_fp ON pend_articles USING npidx (fp)"
echo "== $ROWS articles, npidx $(q -c "SELECT pg_size_pretty(pg_relation_size('pend_fp'))")"

q -c "CREATE FUNCTION pend_lookups(pred text) RETURNS text LANGUAGE plpgsql AS \$\$
	DECLARE qf newsprint.fingerprint; ms float8[] := '{}'; t0 timestamptz; c bigint;
	BEGIN
		PERFORM set_config('enable_seqscan', 'off', true);
		FOR qf IN SELECT fp FROM pend_articles WHERE id % 997 = 5 ORDER BY id LIMIT 200 LOOP
			t0 := clock_timestamp();
			EXECUTE format('SELECT count(*) FROM pend_articles WHERE %s', pred) USING qf INTO c;
			ms := ms || (1000 * extract(epoch FROM clock_timestamp() - t0))::float8;
		END LOOP;
		RETURN (SELECT round(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)::numeric, 2) || ' / '
			|| round(percentile_disc(0.99) WITHIN GROUP (ORDER BY x)::numeric, 2) FROM unnest(ms) x);
	END \$\$"

# cpu SQL: backend CPU seconds (user + system) of running SQL
cpu() {
	q >/dev/null <<SQL
SELECT pg_backend_pid() AS pid \gset
\setenv BPID :pid
\! awk '{ print \$14 + \$15 }' /proc/\$BPID/stat > $WORK/cpu0
$1
\! awk '{ print \$14 + \$15 }' /proc/\$BPID/stat > $WORK/cpu1
SQL
	awk -v a="$(cat "$WORK/cpu0")" -v b="$(cat "$WORK/cpu1")" -v hz="$(getconf CLK_TCK)" \
		'BEGIN { printf "%.2f", (b - a) / hz }'
}

echo
printf '%-14s %-24s %-24s %-14s %s\n' "pending rows" "same_story p50/p99 ms" "% p50/p99 ms" "merge CPU s" "merge CPU ms per row"
next=10000000
for n in "${PENDING[@]}"; do
	q -c "ALTER INDEX pend_fp SET (pending_list_limit = 1048576)"
	if [ "$n" -gt 0 ]; then
		q -c "INSERT INTO pend_articles SELECT id + $next, fp FROM pend_articles WHERE id < $ROWS ORDER BY id LIMIT $n"
		next=$((next + 10000000))
	fi
	ss=$(q -c "SELECT pend_lookups('newsprint.same_story(fp, \$1)')")
	sim=$(q -c "SELECT pend_lookups('fp OPERATOR(newsprint.%) \$1')")
	mcpu=$(cpu "SELECT newsprint.npidx_clean_pending_list('pend_fp');")
	q -c "ALTER INDEX pend_fp RESET (pending_list_limit)"
	printf '%-14s %-24s %-24s %-14s %s\n' "$n" "$ss" "$sim" "$mcpu" \
		"$(awk -v c="$mcpu" -v n="$n" 'BEGIN { if (n > 0) printf "%.3f", 1000 * c / n; else print "-" }')"
done
