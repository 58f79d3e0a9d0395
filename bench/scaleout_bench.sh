#!/usr/bin/env bash
# bench/scaleout_bench.sh -- when does sharding over postgres_fdw pay off?
#
# Usage (as root, like scripts/test.sh): bench/scaleout_bench.sh [N ...]
#   (default: 20000 100000 articles of the realistic corpus, bench/corpus.sh)
#
# Builds the tree into a private prefix and starts three throwaway servers
# on this machine: a coordinator and two shard servers (unix sockets only).
# For each N it loads the same N articles into
#   local   one table on the coordinator, npidx index (what a user would
#           otherwise run: the alternative every ratio is against);
#   1 shard a partitioned table on the coordinator with one postgres_fdw
#           partition on shard server A (npidx there);
#   2 shards  the same with two hash partitions, on A and B (async_capable),
# and measures, in the same run:
#   ping    SELECT count(*) of a one-row table on each server: the round trip
#           alone, what the fan-out costs before any work (on a loaded
#           machine, mostly the wait for a core)
#   lookup  SELECT count(*) ... WHERE same_story(fp, q)       (npidx on each)
#   top10   ... ORDER BY fp <-> q LIMIT 10                      (npidx on each)
#   top10L  the same written per shard, so that postgres_fdw sends the LIMIT
#           too (a UNION ALL of the partitions, each ORDER BY ... LIMIT 10)
#   scan    SELECT count(*) ... WHERE similarity(fp, q) >= 0.1  (no index:
#           a full scan, pushed down, so each shard scans its part; the local
#           table may use parallel workers as PostgreSQL would)
#   ingest  loading INGEST articles (default min(N, 20000)) with their
#           fingerprints, from two client sessions: into the local table
#           (fingerprint computed there), and through the coordinator into
#           the two shards, whose fp column is generated, so the shards
#           compute the fingerprints
# EXPLAIN=1 prints each query's plan (EXPLAIN ANALYZE VERBOSE) once.
# Latencies are pgbench -M prepared transaction latencies (one client, one
# query fingerprint drawn per transaction from NQ articles), p50 and p99 in
# ms.  All three servers share this machine's cores: the figures show the
# cost of the fan-out and how work divides between shards, not what
# separate machines would add (doc/scale-out.md discusses both).
set -euo pipefail

NP_TOP=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=../scripts/lib.sh
. "$NP_TOP/scripts/lib.sh"

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(20000 100000)
NQ=${NQ:-200}				# query articles
TX=${TX:-300}				# transactions per index measurement
TX_SCAN=${TX_SCAN:-30}		# ... per scan measurement
INGEST=${INGEST:-20000}

np_deps
np_workdir
np_build
np_tmpinstall

# --- three servers ---------------------------------------------------------
SOCK=$NP_WORK/sock
mkdir -p "$SOCK"
np_is_root && chown "$NP_USER" "$SOCK"
BASEPORT=$((20000 + RANDOM % 30000))
STARTED=()
start_node() {	# start_node NAME PORT
	local d=$NP_WORK/$1
	np_as_user "$NP_BIN/initdb" -D "$d" -A trust -E UTF8 --locale=C.UTF-8 -U postgres \
		>"$NP_WORK/$1.initdb.log" 2>&1 || { cat "$NP_WORK/$1.initdb.log" >&2; np_die "initdb $1"; }
	np_as_user "$NP_BIN/pg_ctl" -D "$d" -l "$NP_WORK/$1.log" -w \
		-o "-c listen_addresses= -c unix_socket_directories=$SOCK -p $2 -c shared_buffers=512MB -c max_wal_size=4GB -c synchronous_commit=off -c jit=off" \
		start >/dev/null || { cat "$NP_WORK/$1.log" >&2; np_die "start $1"; }
	STARTED+=("$d")
}
stop_nodes() {
	local d
	for d in "${STARTED[@]+"${STARTED[@]}"}"; do
		np_as_user "$NP_BIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
	done
	np_cleanup
}
trap stop_nodes EXIT
COORD=$BASEPORT; SA=$((BASEPORT + 1)); SB=$((BASEPORT + 2))
start_node coord "$COORD"
start_node shard_a "$SA"
start_node shard_b "$SB"
export PGHOST=$SOCK PGUSER=postgres PGDATABASE=postgres PGOPTIONS='-c client_min_messages=warning'
q() { local port=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -At -p "$port" "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

for port in "$SA" "$SB"; do
	q "$port" -c "CREATE EXTENSION newsprint;
		CREATE ROLE np_shard LOGIN;
		-- postgres_fdw reads through cursors, which the shard plans for the
		-- first tenth of the rows (cursor_tuple_fraction): a seq scan then
		-- looks cheaper than an npidx scan that must finish before the first
		-- row.  Plan for all the rows (doc/scale-out.md).
		ALTER ROLE np_shard SET cursor_tuple_fraction = 1.0;
		CREATE SCHEMA news AUTHORIZATION np_shard;"
done
q "$COORD" -c "CREATE EXTENSION newsprint; CREATE EXTENSION postgres_fdw;"
for s in a b; do
	port=$SA; [ "$s" = b ] && port=$SB
	q "$COORD" -c "CREATE SERVER shard_$s FOREIGN DATA WRAPPER postgres_fdw
			OPTIONS (host '$SOCK', port '$port', dbname 'postgres', extensions 'newsprint',
					 async_capable 'true', batch_size '200');
		CREATE USER MAPPING FOR CURRENT_USER SERVER shard_$s OPTIONS (user 'np_shard');"
done

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== servers: PostgreSQL $(q "$COORD" -c 'SHOW server_version'), coordinator + 2 shard servers on this machine, shared_buffers 512MB each"
echo "== queries: $NQ query articles; $TX transactions per index query, $TX_SCAN per scan"

# run NAME TX SQL: "p50 p99" in ms of pgbench latencies against the coordinator
run() {
	local name=$1 tx=$2 sql=$3
	printf '\\set n random(1, %s)\n%s\n' "$NQ" "$sql" > "$NP_WORK/$name.sql"
	rm -f "$NP_WORK/$name".log*
	(cd "$NP_WORK" && np_as_user "$NP_BIN/pgbench" -n -M prepared -c 1 -t "$tx" \
		-h "$SOCK" -p "$COORD" -U postgres -f "$name.sql" --log --log-prefix="$name.log" \
		postgres >/dev/null 2>"$NP_WORK/$name.err") || { cat "$NP_WORK/$name.err" >&2; return 1; }
	cat "$NP_WORK/$name".log* | awk '{print $3 / 1000.0}' | sort -n |
		awk '{ a[NR] = $1 } END { printf "%.2f %.2f\n", a[int((NR - 1) * 0.50) + 1], a[int((NR - 1) * 0.99) + 1] }'
}

# ingest TABLE N: seconds to load N articles from two sessions into TABLE
ingest() {
	local t=$1 n=$2 t0 t1 p
	t0=$(now)
	for p in 0 1; do
		q "$COORD" -c "INSERT INTO $t (id, body)
			SELECT id, body FROM raw WHERE id <= $n AND id % 2 = $p" &
	done
	wait
	t1=$(now)
	secs "$t0" "$t1"
}

RESULTS=()
for N in "${SIZES[@]}"; do
	echo
	echo "== $N articles"
	t0=$(now)
	"$NP_TOP/bench/corpus.sh" gen "$N" "$NP_WORK/corpus.tsv" >/dev/null
	chmod 644 "$NP_WORK/corpus.tsv"
	# id, outlet, published_at, kind, family, body
	q "$COORD" -c "DROP TABLE IF EXISTS raw, local_fp, local_ing, one, two, two_ing, ping_local_fp, ping_two CASCADE;
		DROP FOREIGN TABLE IF EXISTS ping_one;
		CREATE TABLE raw (id bigint, outlet text, published_at timestamptz, kind text, family bigint, body text);
		COPY raw FROM '$NP_WORK/corpus.tsv';
		ALTER TABLE raw ADD PRIMARY KEY (id);"
	for port in "$SA" "$SB"; do
		q "$port" -c "DROP TABLE IF EXISTS news.one, news.two, news.two_ing, news.ping;
			SET ROLE np_shard;
			CREATE TABLE news.ping AS SELECT $([ "$port" = "$SA" ] && echo 1 || echo 2) AS id;
			CREATE TABLE news.one (id bigint PRIMARY KEY, body text, fp newsprint.fingerprint);
			CREATE TABLE news.two (id bigint PRIMARY KEY, body text, fp newsprint.fingerprint);
			CREATE TABLE news.two_ing (id bigint PRIMARY KEY, body text,
				fp newsprint.fingerprint GENERATED ALWAYS AS (newsprint.fingerprint(body)) STORED);"
	done
	# local: fingerprints computed once, copied to the shards as they are
	q "$COORD" -c "CREATE TABLE local_fp (id bigint PRIMARY KEY, body text, fp newsprint.fingerprint);
		INSERT INTO local_fp SELECT id, body, newsprint.fingerprint(body) FROM raw;
		CREATE TABLE one (id bigint NOT NULL, body text, fp newsprint.fingerprint) PARTITION BY HASH (id);
		CREATE FOREIGN TABLE one_a PARTITION OF one FOR VALUES WITH (MODULUS 1, REMAINDER 0)
			SERVER shard_a OPTIONS (schema_name 'news', table_name 'one');
		CREATE TABLE two (id bigint NOT NULL, body text, fp newsprint.fingerprint) PARTITION BY HASH (id);
		CREATE FOREIGN TABLE two_a PARTITION OF two FOR VALUES WITH (MODULUS 2, REMAINDER 0)
			SERVER shard_a OPTIONS (schema_name 'news', table_name 'two');
		CREATE FOREIGN TABLE two_b PARTITION OF two FOR VALUES WITH (MODULUS 2, REMAINDER 1)
			SERVER shard_b OPTIONS (schema_name 'news', table_name 'two');
		INSERT INTO one SELECT * FROM local_fp;
		INSERT INTO two SELECT * FROM local_fp;
		DROP TABLE IF EXISTS ping_local_fp, ping_two;
		DROP FOREIGN TABLE IF EXISTS ping_one;
		CREATE TABLE ping_local_fp AS SELECT 1 AS id;
		CREATE FOREIGN TABLE ping_one (id int) SERVER shard_a
			OPTIONS (schema_name 'news', table_name 'ping');
		CREATE TABLE ping_two (id int) PARTITION BY LIST (id);
		CREATE FOREIGN TABLE ping_two_a PARTITION OF ping_two FOR VALUES IN (1)
			SERVER shard_a OPTIONS (schema_name 'news', table_name 'ping');
		CREATE FOREIGN TABLE ping_two_b PARTITION OF ping_two FOR VALUES IN (2)
			SERVER shard_b OPTIONS (schema_name 'news', table_name 'ping');"
	t1=$(now)
	echo "   generated and loaded in $(secs "$t0" "$t1") s"
	t0=$(now)
	q "$COORD" -c "CREATE INDEX ON local_fp USING npidx (fp)" -c "VACUUM ANALYZE local_fp"
	for port in "$SA" "$SB"; do
		q "$port" -U np_shard -c "CREATE INDEX ON news.one USING npidx (fp)" \
			-c "CREATE INDEX ON news.two USING npidx (fp)" \
			-c "VACUUM ANALYZE news.one" -c "VACUUM ANALYZE news.two"
	done
	q "$COORD" -c "ANALYZE one; ANALYZE two;
		DROP TABLE IF EXISTS bq; CREATE TABLE bq AS
			SELECT row_number() OVER () AS n, fp FROM (
				SELECT fp FROM local_fp WHERE newsprint.sample_size(fp) > 0
				ORDER BY hashint8(id) LIMIT $NQ) s;
		ALTER TABLE bq ADD PRIMARY KEY (n);"
	t1=$(now)
	echo "   indexed in $(secs "$t0" "$t1") s"
	matches=$(q "$COORD" -c "SELECT round(avg(c), 1) FROM bq, LATERAL (SELECT count(*) c FROM local_fp a WHERE newsprint.same_story(a.fp, bq.fp)) s")

	printf '   %-8s %-9s %10s %10s %14s\n' "query" "table" "p50 ms" "p99 ms" "p50 vs local"
	qq="(SELECT fp FROM bq WHERE n = :n)"
	for kind in ping lookup top10 top10L scan; do
		for t in local_fp one two; do
			case $kind in
				ping)	# the round trip alone: one row per server
					tx=$TX
					sql="SELECT count(*) FROM ping_$t;" ;;
				top10L)	# the LIMIT written into each shard's query
					[ "$t" = local_fp ] && continue
					tx=$TX
					if [ "$t" = one ]; then
						sql="SELECT count(*) FROM (SELECT id FROM one_a ORDER BY fp OPERATOR(newsprint.<->) $qq LIMIT 10) s;"
					else
						sql="SELECT count(*) FROM (SELECT id, d FROM ((SELECT id, fp OPERATOR(newsprint.<->) $qq AS d FROM two_a ORDER BY 2 LIMIT 10) UNION ALL (SELECT id, fp OPERATOR(newsprint.<->) $qq AS d FROM two_b ORDER BY 2 LIMIT 10)) u ORDER BY d LIMIT 10) s;"
					fi ;;
				lookup) tx=$TX; sql="SELECT count(*) FROM $t WHERE newsprint.same_story(fp, (SELECT fp FROM bq WHERE n = :n));" ;;
				top10) tx=$TX; sql="SELECT count(*) FROM (SELECT id FROM $t ORDER BY fp OPERATOR(newsprint.<->) (SELECT fp FROM bq WHERE n = :n) LIMIT 10) s;" ;;
				scan) tx=$TX_SCAN; sql="SELECT count(*) FROM $t WHERE newsprint.similarity(fp, (SELECT fp FROM bq WHERE n = :n)) >= 0.1;" ;;
			esac
			if [ -n "${EXPLAIN:-}" ]; then
				q "$COORD" -c "EXPLAIN (ANALYZE, VERBOSE, COSTS OFF) ${sql//:n/1}" | sed 's/^/      /'
			fi
			read -r p50 p99 < <(run "$kind-$t" "$tx" "$sql")
			[ "$t" = local_fp ] && base=$p50
			label=$t; [ "$t" = local_fp ] && label=local; [ "$t" = one ] && label="1 shard"; [ "$t" = two ] && label="2 shards"
			printf '   %-8s %-9s %10s %10s %13sx\n' "$kind" "$label" "$p50" "$p99" "$(ratio "$p50" "$base")"
			RESULTS+=("$N $kind $label $p50 $p99 $(ratio "$p50" "$base")")
		done
	done
	echo "   (same_story matches per query: $matches)"

	# ingestion: two loader sessions; fingerprints computed where the rows land
	ni=$INGEST; [ "$ni" -gt "$N" ] && ni=$N
	q "$COORD" -c "CREATE TABLE local_ing (id bigint PRIMARY KEY, body text,
			fp newsprint.fingerprint GENERATED ALWAYS AS (newsprint.fingerprint(body)) STORED);
		CREATE TABLE two_ing (id bigint NOT NULL, body text) PARTITION BY HASH (id);
		CREATE FOREIGN TABLE two_ing_a PARTITION OF two_ing FOR VALUES WITH (MODULUS 2, REMAINDER 0)
			SERVER shard_a OPTIONS (schema_name 'news', table_name 'two_ing');
		CREATE FOREIGN TABLE two_ing_b PARTITION OF two_ing FOR VALUES WITH (MODULUS 2, REMAINDER 1)
			SERVER shard_b OPTIONS (schema_name 'news', table_name 'two_ing');"
	il=$(ingest local_ing "$ni")
	is=$(ingest two_ing "$ni")
	printf '   %-8s %-9s %10s s %23sx\n' "ingest" "local" "$il" "1.00"
	printf '   %-8s %-9s %10s s %23sx\n' "ingest" "2 shards" "$is" "$(ratio "$is" "$il")"
	RESULTS+=("$N ingest local $il - 1.00" "$N ingest 2-shards $is - $(ratio "$is" "$il")")
done

echo
echo "== summary (N query table p50 p99 ratio-to-local; ingest in seconds for min(N, $INGEST) rows)"
printf '%s\n' "${RESULTS[@]}"
