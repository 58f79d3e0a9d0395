#!/usr/bin/env bash
# bench/index_bench.sh -- npidx against a forced seq scan, pg_trgm GIN and a
# hand-rolled GIN over the sample hashes, all in the same run
#
# Usage: scripts/with-server.sh bench/index_bench.sh [ROWS] [TRGM_ROWS]
#   (default 1000000 articles; pg_trgm at 100000 rows, because a trigram
#   index on a million multi-kilobyte articles takes too long to build here)
#   CORPUS=realistic (default): bench/corpus_gen.c, wire formulas, tables,
#   briefs and stories with the phrase reuse of real news (bench/corpus.sh
#   stats prints it beside the real corpus' figures); CORPUS=easy: the old
#   bench/index_gen.c, long articles of random words that share almost no
#   phrases (an upper bound: what npidx does when nothing is common)
# Suggested server settings (the bench sets the session ones itself):
#   NP_SERVER_OPTS="-c shared_buffers=4GB -c max_wal_size=20GB" \
#     nice -n 19 scripts/with-server.sh bench/index_bench.sh
#
# Prints: the machine; generation time; for npidx and the hand-rolled GIN,
# build time and index size against the fingerprint column; p50/p99 latency
# of the threshold query (fp % q, count of matches) for npidx, the hand-rolled
# GIN, the forced seq scan (parallel, as PostgreSQL would run it) and
# pg_trgm (on its own table of TRGM_ROWS articles), with ratios; and
# ORDER BY fp <-> q LIMIT 10 latency.  Latencies are pgbench -M prepared
# transaction latencies over a Unix socket (one client), so they include a
# round trip and the lookup of the query fingerprint by primary key.
set -euo pipefail
cd "$(dirname "$0")"

ROWS=${1:-1000000}
TRGM_ROWS=${2:-100000}
NQ=${NQ:-1000}				# query rows to draw from
TX_FAST=${TX_FAST:-2000}	# transactions for the fast methods
TX_SLOW=${TX_SLOW:-20}		# ... for the seq scans
TX_TRGM=${TX_TRGM:-5}		# ... for pg_trgm
TX_KNN=${TX_KNN:-300}		# ... for ORDER BY ... LIMIT 10 through npidx
PARTS=${PARTS:-2}			# parallel generator sessions
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "== server: $(q -c 'SHOW server_version'), shared_buffers=$(q -c 'SHOW shared_buffers')"

# --- data --------------------------------------------------------------
CORPUS=${CORPUS:-realistic}
# gen PART: the rows of one part as COPY text "id, family, variant, body"
gen() {
	if [ "$CORPUS" = easy ]; then
		"$WORK/index_gen" "$ROWS" "$1" "$PARTS"
	else
		# id, outlet, published_at, kind, family, body -> id, family, kind, body
		"$WORK/corpus_gen" -m ../data/corpus_model.txt -p "$1/$PARTS" "$ROWS" |
			awk -F'\t' -v OFS='\t' '{ print $1, $5, $4, $6 }'
	fi
}
if [ "$CORPUS" = easy ]; then
	gcc -O2 -o "$WORK/index_gen" index_gen.c -lm
else
	gcc -O2 -o "$WORK/corpus_gen" corpus_gen.c -lm
fi
echo "== corpus: $CORPUS"
t0=$(now)
q -c "DROP TABLE IF EXISTS bench_articles;
	CREATE TABLE bench_articles (id bigint PRIMARY KEY, family bigint, variant text,
								 body text, fp newsprint.fingerprint, keys int4[]);"
pids=()
for p in $(seq 0 $((PARTS - 1))); do
	( gen "$p" |
		q -c "CREATE TEMP TABLE raw (id bigint, family bigint, variant text, body text);
			COPY raw FROM STDIN;
			INSERT INTO bench_articles SELECT id, family, variant, body, fp, newsprint.npidx_keys(fp)
				FROM (SELECT *, newsprint.fingerprint(body) AS fp FROM raw) s;" ) &
	pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
q -c 'VACUUM ANALYZE bench_articles'
t1=$(now)
echo "== generated $ROWS articles in $(secs "$t0" "$t1") s: $(q -c "SELECT count(*) FILTER (WHERE family IS NOT NULL) || ' in ' || count(DISTINCT family) || ' families, ' || round(avg(length(body))) || ' bytes and ' || round(avg(newsprint.shingle_count(fp))) || ' shingles on average, ' || count(*) FILTER (WHERE newsprint.sample_size(fp) = 0) || ' empty samples' FROM bench_articles")"

# query rows: family members (they have matches) and unrelated articles
q -c "DROP TABLE IF EXISTS bench_q; CREATE TABLE bench_q AS
	SELECT row_number() OVER () AS n, id, fp, keys, body FROM (
		SELECT id, fp, keys, body FROM bench_articles
		WHERE id < $TRGM_ROWS AND newsprint.sample_size(fp) > 0
		ORDER BY hashint8(id) LIMIT $NQ) s;
	ALTER TABLE bench_q ADD PRIMARY KEY (n);"

# --- npidx -------------------------------------------------------------
t0=$(now)
q -c "SET maintenance_work_mem = '3GB'; CREATE INDEX bench_npidx ON bench_articles USING npidx (fp)"
t1=$(now)
npidx_build=$(secs "$t0" "$t1")
read -r col_bytes npidx_bytes < <(q -F ' ' -c "SELECT sum(pg_column_size(fp)), pg_relation_size('bench_npidx') FROM bench_articles")

# --- hand-rolled GIN over the sample hashes (int4[]) --------------------
t0=$(now)
q -c "SET maintenance_work_mem = '3GB'; CREATE INDEX bench_gin ON bench_articles USING gin (keys)"
t1=$(now)
gin_build=$(secs "$t0" "$t1")
gin_bytes=$(q -c "SELECT pg_relation_size('bench_gin')")

# --- pg_trgm on TRGM_ROWS articles --------------------------------------
q -c "CREATE EXTENSION IF NOT EXISTS pg_trgm;
	DROP TABLE IF EXISTS bench_trgm;
	CREATE TABLE bench_trgm AS SELECT id, body FROM bench_articles WHERE id < $TRGM_ROWS;
	ANALYZE bench_trgm;"
t0=$(now)
q -c "SET maintenance_work_mem = '3GB'; CREATE INDEX bench_trgm_gin ON bench_trgm USING gin (body gin_trgm_ops)"
t1=$(now)
trgm_build=$(secs "$t0" "$t1")
trgm_bytes=$(q -c "SELECT pg_relation_size('bench_trgm_gin')")

# --- latency -------------------------------------------------------------
# run NAME TRANSACTIONS PGOPTIONS SQL: p50 and p99 in ms of pgbench latencies
run() {
	local name=$1 tx=$2 opts=$3 sql=$4
	printf '\\set n random(1, %s)\n%s\n' "$NQ" "$sql" > "$WORK/$name.sql"
	(cd "$WORK" && PGOPTIONS="$opts" pgbench -n -M prepared -c 1 -t "$tx" \
		-f "$name.sql" --log --log-prefix="$name" >/dev/null 2>"$WORK/$name.err") ||
		{ cat "$WORK/$name.err" >&2; return 1; }
	cat "$WORK/$name".* | awk '{print $3 / 1000.0}' | sort -n > "$WORK/$name.lat"
	awk '{ a[NR] = $1 } END {
		p50 = a[int((NR - 1) * 0.50) + 1]; p99 = a[int((NR - 1) * 0.99) + 1];
		printf "%.3f %.3f %d\n", p50, p99, NR }' "$WORK/$name.lat"
}

noidx='-c enable_indexscan=off -c enable_bitmapscan=off'
thr='SET search_path = newsprint, public;'
sim="SELECT count(*) FROM bench_articles WHERE fp OPERATOR(newsprint.%) (SELECT fp FROM bench_q WHERE n = :n);"
read -r np50 np99 npn < <(run npidx "$TX_FAST" '-c enable_seqscan=off' "$sim")
read -r gn50 gn99 gnn < <(run gin "$TX_FAST" '-c enable_seqscan=off' \
	"SELECT count(*) FROM bench_articles a, bench_q q WHERE q.n = :n
	   AND a.keys && q.keys[1 : least(cardinality(q.keys), floor((1 - current_setting('newsprint.similarity_threshold')::float8) * cardinality(q.keys))::int + 2)]
	   AND a.fp OPERATOR(newsprint.%) q.fp;")
read -r sq50 sq99 sqn < <(run seq "$TX_SLOW" "$noidx" "$sim")
read -r tg50 tg99 tgn < <(run trgm "$TX_TRGM" '-c enable_seqscan=off' \
	"SELECT count(*) FROM bench_trgm WHERE body % (SELECT body FROM bench_q WHERE n = :n);")
read -r ko50 ko99 kon < <(run knn "$TX_KNN" '-c enable_seqscan=off' \
	"SELECT count(*) FROM (SELECT id FROM bench_articles ORDER BY fp OPERATOR(newsprint.<->) (SELECT fp FROM bench_q WHERE n = :n) LIMIT 10) s;")
read -r ks50 ks99 ksn < <(run knnseq "$TX_SLOW" "$noidx" \
	"SELECT count(*) FROM (SELECT id FROM bench_articles ORDER BY fp OPERATOR(newsprint.<->) (SELECT fp FROM bench_q WHERE n = :n) LIMIT 10) s;")

avgm=$(q -c "SET enable_seqscan = off; SELECT round(avg(c), 2) FROM bench_q q, LATERAL (SELECT count(*) AS c FROM bench_articles a WHERE a.fp OPERATOR(newsprint.%) q.fp) s WHERE q.n <= 200")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
mb() { awk -v a="$1" 'BEGIN { printf "%.0f MB", a / 1048576 }'; }
echo
echo "== $ROWS articles; fingerprint column $(mb "$col_bytes"); average matches per threshold query: $avgm"
printf '%-34s %10s %12s %8s\n' "index" "build s" "size" "x column"
printf '%-34s %10s %12s %8s\n' "npidx (fp)" "$npidx_build" "$(mb "$npidx_bytes")" "$(ratio "$npidx_bytes" "$col_bytes")"
printf '%-34s %10s %12s %8s\n' "GIN (int4[] of sample hashes)" "$gin_build" "$(mb "$gin_bytes")" "$(ratio "$gin_bytes" "$col_bytes")"
printf '%-34s %10s %12s %8s\n' "pg_trgm GIN ($TRGM_ROWS rows)" "$trgm_build" "$(mb "$trgm_bytes")" "-"
echo
printf '%-44s %9s %9s %6s %12s\n' "query: fp % q (threshold 0.5)" "p50 ms" "p99 ms" "n" "p50 vs npidx"
printf '%-44s %9s %9s %6s %12s\n' "npidx" "$np50" "$np99" "$npn" "1.0x"
printf '%-44s %9s %9s %6s %12s\n' "GIN over int4[] keys, prefix &&" "$gn50" "$gn99" "$gnn" "$(ratio "$gn50" "$np50")x"
printf '%-44s %9s %9s %6s %12s\n' "forced seq scan ($ROWS rows)" "$sq50" "$sq99" "$sqn" "$(ratio "$sq50" "$np50")x"
printf '%-44s %9s %9s %6s %12s\n' "pg_trgm GIN body % q ($TRGM_ROWS rows)" "$tg50" "$tg99" "$tgn" "$(ratio "$tg50" "$np50")x"
printf '%-44s %9s %9s %6s %12s\n' "ORDER BY fp <-> q LIMIT 10, npidx" "$ko50" "$ko99" "$kon" "-"
printf '%-44s %9s %9s %6s %12s\n' "ORDER BY fp <-> q LIMIT 10, seq scan" "$ks50" "$ks99" "$ksn" "$(ratio "$ks50" "$ko50")x"
