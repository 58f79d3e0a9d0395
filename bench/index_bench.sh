#!/usr/bin/env bash
# bench/index_bench.sh -- npidx against a forced seq scan, a hand-rolled GIN
# over the sample hashes, RUM over the same arrays and pg_trgm GIN, all in
# the same run; plus inserts and COPY into an indexed table
#
# Usage: scripts/with-server.sh bench/index_bench.sh [ROWS] [TRGM_ROWS]
#   (default 1000000 articles; pg_trgm at 100000 rows, because a trigram
#   index on a million multi-kilobyte articles takes too long to build here)
# Environment:
#   CORPUS=realistic  (default) bench/corpus_gen.c (bench/corpus.sh): wire
#                formulas, market, court and sports boilerplate, tables,
#                briefs to features, planted copy families; its phrase
#                statistics are those of real news within a factor of 2
#                (bench/corpus.sh stats, bench/README.md)
#   CORPUS=common  bench/index_gen.c in its "common" mode (Zipf-popular
#                formulas, briefs to long features, random words)
#   CORPUS=easy  bench/index_gen.c, long random-word articles that share
#                almost no phrases (what npidx does when nothing is common)
#                (GEN=common or GEN=easy, the older name, is still read)
#   GIN=0, RUM=0  leave out the hand-rolled GIN and RUM (their builds take
#                over 10 minutes at 200,000 rows here, hours at 1M)
#   STATS=0       leave out the key-frequency statistics (minutes at 1M)
#   INSERTS=0     leave out single-row INSERT and COPY
#   LOOKUPS=0     stop after the build times and sizes (no lookups, no INSERT)
#   WARMUP=1      before the measured runs, run every npidx lookup of the
#                bench (the four predicates and ORDER BY, TX_FAST each) once
#                unmeasured, so that the figures are those of a server whose
#                index and heap pages are in shared_buffers (steady state);
#                unset, the first predicate measured pays for reading them
#   WARM_BACKEND=0  leave out the rows "warm backend": by default each npidx
#                lookup (four predicates, ORDER BY) is also measured in one
#                pgbench connection that first runs every query row once,
#                in order, unmeasured
#                (its own backend has then touched the pages the lookups
#                read: a backend maps each 4 kB page of shared_buffers into
#                its page table at its first touch, a page fault, dear on
#                this virtual machine, and every pgbench run is a new
#                connection; see doc/index.md, "A new backend's first
#                touches"), then the same TX_FAST random draws
#   NQ, TX_FAST, TX_SLOW, TX_TRGM, TX_INS, COPY_ROWS: query rows, pgbench
#                transactions per method, rows inserted one by one, rows
#                copied (see below for defaults)
# Suggested server settings (the bench sets the session ones itself):
#   NP_SERVER_OPTS="-c shared_buffers=4GB -c max_wal_size=20GB" \
#     nice -n 19 scripts/with-server.sh bench/index_bench.sh
#
# Prints: the machine; generation time; build time and size against the
# fingerprint column for npidx, the hand-rolled GIN, RUM and pg_trgm; p50/p99
# latency of each predicate through npidx and the alternatives, with the
# ratio to npidx; the candidates npidx hands to the executor per query
# and the postings it read (npidx_scan_stats()); ORDER BY fp <-> q LIMIT 10;
# the table's heap size; single-row INSERT and
# COPY with and without the index.  Latencies are pgbench -M prepared
# transaction latencies over a Unix socket (one client), so they include a
# round trip and the lookup of the query fingerprint by primary key.
set -euo pipefail
cd "$(dirname "$0")"

ROWS=${1:-1000000}
TRGM_ROWS=${2:-100000}
CORPUS=${CORPUS:-${GEN:-realistic}}
NQ=${NQ:-1000}				# query rows to draw from
TX_FAST=${TX_FAST:-1000}	# transactions for the fast methods
TX_SLOW=${TX_SLOW:-10}		# ... for the seq scans
TX_TRGM=${TX_TRGM:-5}		# ... for pg_trgm
TX_INS=${TX_INS:-5000}		# single-row inserts
COPY_ROWS=${COPY_ROWS:-100000}
PARTS=${PARTS:-2}			# parallel generator sessions
GIN=${GIN:-1}				# 0: no hand-rolled GIN
RUM=${RUM:-1}				# 0: no RUM
STATS=${STATS:-1}			# 0: no key-frequency statistics
INSERTS=${INSERTS:-1}		# 0: no INSERT and COPY
LOOKUPS=${LOOKUPS:-1}		# 0: builds and sizes only
WARMUP=${WARMUP:-0}			# 1: one unmeasured pass of the npidx lookups first
WARM_BACKEND=${WARM_BACKEND:-1}	# 0: no rows measured in a warmed connection
. ./bench_lib.sh
bench_workdir 755

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'; }
mb() { awk -v a="$1" 'BEGIN { printf "%.0f MB", a / 1048576 }'; }

bench_header

# --- data --------------------------------------------------------------
# gen PART: the rows of one of PARTS parts as COPY text "id, family, variant, body"
case $CORPUS in
	realistic)
		gcc -O2 -o "$WORK/corpus_gen" corpus_gen.c -lm
		# the parts of bench/corpus.sh gen (seed 1):
		# id, outlet, published_at, kind, family, body -> id, family, kind, body
		gen() {
			"$WORK/corpus_gen" -m ../data/corpus_model.txt -s 1 -p "$1/$PARTS" "$ROWS" |
				awk -F'\t' -v OFS='\t' '{ print $1, $5, $4, $6 }'
		} ;;
	common|easy)
		gcc -O2 -o "$WORK/index_gen" index_gen.c -lm
		genmode=; [ "$CORPUS" = common ] && genmode=common
		gen() { "$WORK/index_gen" "$ROWS" "$1" "$PARTS" $genmode; } ;;
	*) echo "CORPUS must be realistic, common or easy" >&2; exit 2 ;;
esac
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
echo "== generated $ROWS articles ($CORPUS corpus) in $(secs "$t0" "$t1") s: $(q -c "SELECT count(*) FILTER (WHERE family IS NOT NULL) || ' in ' || count(DISTINCT family) || ' families, ' || round(avg(length(body))) || ' bytes, ' || round(avg(newsprint.shingle_count(fp))) || ' shingles and ' || round(avg(newsprint.sample_size(fp))) || ' sample hashes on average, ' || round(100.0 * count(*) FILTER (WHERE newsprint.shingle_count(fp) > newsprint.sample_size(fp)) / count(*)) || '% truncated samples' FROM bench_articles")"
[ "$STATS" != 0 ] && echo "== key frequencies: $(q -c "WITH k AS (SELECT unnest(keys) AS key FROM bench_articles), f AS (SELECT key, count(*) AS c FROM k GROUP BY key)
	SELECT count(*) || ' distinct keys, ' || sum(c) || ' postings; keys in >= 5% of rows: ' || count(*) FILTER (WHERE c >= $ROWS * 0.05)
		|| ', >= 1%: ' || count(*) FILTER (WHERE c >= $ROWS * 0.01) || ' (' || round(100.0 * sum(c) FILTER (WHERE c >= $ROWS * 0.01) / sum(c), 1) || '% of postings)'
		|| ', >= 0.1%: ' || count(*) FILTER (WHERE c >= $ROWS * 0.001) || ' (' || round(100.0 * sum(c) FILTER (WHERE c >= $ROWS * 0.001) / sum(c), 1) || '% of postings); longest list ' || max(c)
		|| '; a posting sits in a list of ' || round(sum(c::numeric * c) / sum(c)) || ' on average' FROM f")"
# the subject keys (below 2^20 in a version 2 sample, its first: fp_evidence.h,
# NP_FP_SUBJECT_BITS): few values, each held by many rows
[ "$STATS" != 0 ] && echo "== subject keys: $(q -c "WITH f AS (SELECT k, count(*) AS c FROM bench_articles, unnest(keys) k WHERE k >= 0 AND k < 1048576 GROUP BY k)
	SELECT count(*) || ' distinct, ' || coalesce(sum(c), 0) || ' postings (' || (SELECT count(*) FROM bench_articles WHERE keys[1] >= 0 AND keys[1] < 1048576)
		|| ' rows hold one or more); longest list ' || coalesce(max(c), 0) || ', a subject posting sits in a list of '
		|| coalesce(round(sum(c::numeric * c) / nullif(sum(c), 0)), 0) || ' on average' FROM f")"

# query rows: family members (they have matches) and unrelated articles
q -c "DROP TABLE IF EXISTS bench_q; CREATE TABLE bench_q AS
	SELECT row_number() OVER () AS n, id, fp, keys, body FROM (
		SELECT id, fp, keys, body FROM bench_articles
		WHERE id < $TRGM_ROWS AND newsprint.sample_size(fp) > 0
		ORDER BY hashint8(id) LIMIT $NQ) s;
	ALTER TABLE bench_q ADD PRIMARY KEY (n);"

# --- indexes -------------------------------------------------------------
build() {		# NAME SQL: prints build seconds
	local t0 t1
	t0=$(now)
	q -c "SET maintenance_work_mem = '3GB'; $2" >/dev/null
	t1=$(now)
	secs "$t0" "$t1"
}
col_bytes=$(q -c "SELECT sum(pg_column_size(fp)) FROM bench_articles")
npidx_build=$(build npidx "CREATE INDEX bench_npidx ON bench_articles USING npidx (fp)")
npidx_bytes=$(q -c "SELECT pg_relation_size('bench_npidx')")
if [ "$GIN" != 0 ]; then
	gin_build=$(build gin "CREATE INDEX bench_gin ON bench_articles USING gin (keys)")
	gin_bytes=$(q -c "SELECT pg_relation_size('bench_gin')")
fi
have_rum=
if [ "$RUM" != 0 ] && q -c "CREATE EXTENSION IF NOT EXISTS rum" 2>/dev/null; then
	have_rum=1
	rum_build=$(build rum "CREATE INDEX bench_rum ON bench_articles USING rum (keys rum_anyarray_ops)")
	rum_bytes=$(q -c "SELECT pg_relation_size('bench_rum')")
fi
q -c "CREATE EXTENSION IF NOT EXISTS pg_trgm;
	DROP TABLE IF EXISTS bench_trgm;
	CREATE TABLE bench_trgm AS SELECT id, body FROM bench_articles WHERE id < $TRGM_ROWS;
	ANALYZE bench_trgm;"
trgm_build=$(build trgm "CREATE INDEX bench_trgm_gin ON bench_trgm USING gin (body gin_trgm_ops)")
trgm_bytes=$(q -c "SELECT pg_relation_size('bench_trgm_gin')")

echo
echo "== $ROWS articles; fingerprint column $(mb "$col_bytes"), table $(mb "$(q -c "SELECT pg_relation_size('bench_articles')")") with its body and keys columns (npidx takes 8-byte postings from 14 GB of heap)"
printf '%-40s %10s %12s %8s\n' "index" "build s" "size" "x column"
printf '%-40s %10s %12s %8s\n' "npidx (fp)" "$npidx_build" "$(mb "$npidx_bytes")" "$(ratio "$npidx_bytes" "$col_bytes")"
[ "$GIN" != 0 ] &&
	printf '%-40s %10s %12s %8s\n' "GIN (int4[] of sample hashes)" "$gin_build" "$(mb "$gin_bytes")" "$(ratio "$gin_bytes" "$col_bytes")"
[ -n "$have_rum" ] &&
	printf '%-40s %10s %12s %8s\n' "RUM (int4[] of sample hashes)" "$rum_build" "$(mb "$rum_bytes")" "$(ratio "$rum_bytes" "$col_bytes")"
printf '%-40s %10s %12s %8s\n' "pg_trgm GIN ($TRGM_ROWS rows)" "$trgm_build" "$(mb "$trgm_bytes")" "-"
[ "$LOOKUPS" = 0 ] && exit 0

# --- latency -------------------------------------------------------------
# run NAME TRANSACTIONS PGOPTIONS SQL: p50 and p99 in ms of pgbench latencies
run() {
	local name=$1 tx=$2 opts=$3 sql=$4
	printf '\\set n random(1, %s)\n%s\n' "$NQ" "$sql" > "$WORK/$name.sql"
	(cd "$WORK" && PGOPTIONS="$opts" pgbench -n -M prepared -c 1 -t "$tx" \
		-f "$name.sql" --log --log-prefix="$name" >/dev/null 2>"$WORK/$name.err") ||
		{ cat "$WORK/$name.err" >&2; return 1; }
	cat "$WORK/$name".[0-9]* | awk '{print $3 / 1000.0}' | sort -n > "$WORK/$name.lat"
	awk '{ a[NR] = $1 } END {
		p50 = a[int((NR - 1) * 0.50) + 1]; p99 = a[int((NR - 1) * 0.99) + 1];
		printf "%.3f %.3f %d\n", p50, p99, NR }' "$WORK/$name.lat"
}
# runwarm NAME TRANSACTIONS PGOPTIONS SQL: as run, but in a connection that
# first runs SQL once for every query row, n = 1 .. NQ in order (unmeasured:
# the first NQ lines of the log are dropped); SQL names the query row as
# :nw, which is n in that first pass and the random :n after it
runwarm() {
	local name=$1 tx=$2 opts=$3 sql=$4
	local nw="(SELECT CASE WHEN nextval('bench_warm_seq') <= $NQ THEN currval('bench_warm_seq') ELSE :n END)"
	q -c "SET client_min_messages = warning; DROP SEQUENCE IF EXISTS bench_warm_seq; CREATE SEQUENCE bench_warm_seq"
	sql=${sql//:nw/$nw}
	printf '\\set n random(1, %s)\n%s\n' "$NQ" "$sql" > "$WORK/$name.sql"
	(cd "$WORK" && PGOPTIONS="$opts" pgbench -n -M prepared -c 1 -t "$((NQ + tx))" \
		-f "$name.sql" --log --log-prefix="$name" >/dev/null 2>"$WORK/$name.err") ||
		{ cat "$WORK/$name.err" >&2; return 1; }
	cat "$WORK/$name".[0-9]* | awk -v nq="$NQ" 'NR > nq { print $3 / 1000.0 }' | sort -n > "$WORK/$name.lat"
	awk '{ a[NR] = $1 } END {
		p50 = a[int((NR - 1) * 0.50) + 1]; p99 = a[int((NR - 1) * 0.99) + 1];
		printf "%.3f %.3f %d\n", p50, p99, NR }' "$WORK/$name.lat"
}
# candidates: npidx_scan_stats() over 200 queries, server side, with the
# server-side time of each query (no round trip, no client scheduling)
cand() {
	q -c "CREATE OR REPLACE FUNCTION pg_temp.cand(pred text) RETURNS text LANGUAGE plpgsql AS \$\$
		DECLARE qf newsprint.fingerprint; c float8[] := '{}'; r float8[] := '{}'; ms float8[] := '{}';
			po float8[] := '{}'; cnt bigint; st record; t0 timestamptz;
		BEGIN
			PERFORM set_config('enable_seqscan', 'off', true);
			FOR qf IN SELECT b.fp FROM bench_q b WHERE b.n <= 200 LOOP
				t0 := clock_timestamp();
				EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM bench_articles WHERE %s) s', pred) USING qf INTO cnt;
				ms := ms || (1000 * extract(epoch FROM clock_timestamp() - t0))::float8;
				SELECT * INTO st FROM newsprint.npidx_scan_stats();
				c := c || st.candidates::float8; r := r || cnt::float8; po := po || st.postings::float8;
			END LOOP;
			RETURN (SELECT round(avg(x)::numeric, 1) || ' / ' || round(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)::numeric)
					|| ' / ' || round(percentile_disc(0.99) WITHIN GROUP (ORDER BY x)::numeric) FROM unnest(c) x)
				|| ' (matches ' || (SELECT round(avg(x)::numeric, 1) || ' / ' || round(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)::numeric)
					|| ' / ' || round(percentile_disc(0.99) WITHIN GROUP (ORDER BY x)::numeric) FROM unnest(r) x)
				|| '); server ms p50 ' || (SELECT round(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)::numeric, 2)
					|| ' p99 ' || round(percentile_disc(0.99) WITHIN GROUP (ORDER BY x)::numeric, 2) FROM unnest(ms) x)
				|| '; postings read ' || (SELECT round(avg(x)::numeric) || ' / ' || round(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)::numeric)
					|| ' / ' || round(percentile_disc(0.99) WITHIN GROUP (ORDER BY x)::numeric) FROM unnest(po) x);
		END \$\$;
		SELECT pg_temp.cand(\$q\$$1\$q\$);"
}

noidx='-c enable_indexscan=off -c enable_bitmapscan=off'
echo
printf '%-46s %9s %9s %6s %10s   %s\n' "query (threshold at the defaults)" "p50 ms" "p99 ms" "n" "p50 x npidx" "npidx candidates avg / p50 / p99 (matches avg / p50 / p99); server-side ms"
if [ "$WARMUP" != 0 ]; then
	for pred in 'same_story' '%' '<%' '%>'; do
		case $pred in
			same_story) w='newsprint.same_story(fp, (SELECT fp FROM bench_q WHERE n = :n))' ;;
			*) w="fp OPERATOR(newsprint.$pred) (SELECT fp FROM bench_q WHERE n = :n)" ;;
		esac
		run "warm_$pred" "$TX_FAST" '-c enable_seqscan=off' "SELECT count(*) FROM bench_articles WHERE $w;" >/dev/null
	done
	run warm_knn "$TX_FAST" '-c enable_seqscan=off' \
		"SELECT count(*) FROM (SELECT id FROM bench_articles ORDER BY fp OPERATOR(newsprint.<->) (SELECT fp FROM bench_q WHERE n = :n) LIMIT 10) s;" >/dev/null
	echo "(after one unmeasured pass of every npidx lookup: WARMUP=1)"
fi
for pred in 'same_story' '%' '<%' '%>'; do
	case $pred in
		same_story) w='newsprint.same_story(fp, (SELECT fp FROM bench_q WHERE n = :n))'; wc='newsprint.same_story(fp, $1)' ;;
		*) w="fp OPERATOR(newsprint.$pred) (SELECT fp FROM bench_q WHERE n = :n)"; wc="fp OPERATOR(newsprint.$pred) \$1" ;;
	esac
	read -r a50 a99 an < <(run "np_$pred" "$TX_FAST" '-c enable_seqscan=off' "SELECT count(*) FROM bench_articles WHERE $w;")
	read -r s50 s99 sn < <(run "seq_$pred" "$TX_SLOW" "$noidx" "SELECT count(*) FROM bench_articles WHERE $w;")
	printf '%-46s %9s %9s %6s %10s   %s\n' "$pred: npidx" "$a50" "$a99" "$an" "1.0x" "$(cand "$wc")"
	if [ "$WARM_BACKEND" != 0 ]; then
		read -r b50 b99 bn < <(runwarm "npw_$pred" "$TX_FAST" '-c enable_seqscan=off' \
			"SELECT count(*) FROM bench_articles WHERE ${w//:n/:nw};")
		printf '%-46s %9s %9s %6s %10s\n' "$pred: npidx, warm backend" "$b50" "$b99" "$bn" "$(ratio "$b50" "$a50")x"
	fi
	printf '%-46s %9s %9s %6s %10s\n' "$pred: forced seq scan" "$s50" "$s99" "$sn" "$(ratio "$s50" "$a50")x"
	[ "$pred" = '%' ] && np_sim50=$a50
done
[ "$GIN" != 0 ] && {
read -r g50 g99 gn < <(run gin "$TX_FAST" '-c enable_seqscan=off' \
	"SELECT count(*) FROM bench_articles a, bench_q q WHERE q.n = :n
	   AND a.keys && q.keys[1 : least(cardinality(q.keys), floor((1 - current_setting('newsprint.similarity_threshold')::float8) * cardinality(q.keys))::int + 2)]
	   AND a.fp OPERATOR(newsprint.%) q.fp;")
printf '%-46s %9s %9s %6s %10s\n' "%: GIN over int4[] keys, prefix &&" "$g50" "$g99" "$gn" "$(ratio "$g50" "$np_sim50")x"
}
if [ -n "$have_rum" ]; then
	read -r r50 r99 rn < <(run rum "$TX_FAST" '-c enable_seqscan=off -c rum.array_similarity_function=jaccard -c rum.array_similarity_threshold=0.5' \
		"SELECT count(*) FROM bench_articles a, bench_q q WHERE q.n = :n AND a.keys % q.keys AND a.fp OPERATOR(newsprint.%) q.fp;")
	printf '%-46s %9s %9s %6s %10s\n' "%: RUM keys % q (jaccard 0.5) + recheck" "$r50" "$r99" "$rn" "$(ratio "$r50" "$np_sim50")x"
fi
read -r t50 t99 tn < <(run trgm "$TX_TRGM" '-c enable_seqscan=off' \
	"SELECT count(*) FROM bench_trgm WHERE body % (SELECT body FROM bench_q WHERE n = :n);")
printf '%-46s %9s %9s %6s %10s\n' "pg_trgm GIN body % q ($TRGM_ROWS rows)" "$t50" "$t99" "$tn" "$(ratio "$t50" "$np_sim50")x"

knn="SELECT count(*) FROM (SELECT id FROM bench_articles ORDER BY fp OPERATOR(newsprint.<->) (SELECT fp FROM bench_q WHERE n = :n) LIMIT 10) s;"
read -r k50 k99 kn < <(run knn "$TX_FAST" '-c enable_seqscan=off' "$knn")
read -r ks50 ks99 ksn < <(run knnseq "$TX_SLOW" "$noidx" "$knn")
knnstats=$(q -c "CREATE OR REPLACE FUNCTION pg_temp.knnstats() RETURNS text LANGUAGE plpgsql AS \$\$
		DECLARE qf newsprint.fingerprint; c float8[] := '{}'; r float8[] := '{}'; ms float8[] := '{}';
			po float8[] := '{}'; cnt bigint; st record; t0 timestamptz;
		BEGIN
			PERFORM set_config('enable_seqscan', 'off', true);
			FOR qf IN SELECT b.fp FROM bench_q b WHERE b.n <= 200 LOOP
				t0 := clock_timestamp();
				SELECT count(*) INTO cnt FROM (SELECT 1 FROM bench_articles a ORDER BY a.fp OPERATOR(newsprint.<->) qf LIMIT 10) s;
				ms := ms || (1000 * extract(epoch FROM clock_timestamp() - t0))::float8;
				SELECT * INTO st FROM newsprint.npidx_scan_stats();
				c := c || st.rows_counted::float8; r := r || st.returned::float8; po := po || st.postings::float8;
			END LOOP;
			RETURN 'postings read ' || (SELECT round(avg(x)::numeric) || ' / p50 ' || round(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)::numeric) FROM unnest(po) x)
				|| ', rows counted ' || (SELECT round(avg(x)::numeric) FROM unnest(c) x) || ', rechecked '
				|| (SELECT round(avg(x)::numeric) FROM unnest(r) x) || ' / p99 '
				|| (SELECT round(percentile_disc(0.99) WITHIN GROUP (ORDER BY x)::numeric) FROM unnest(r) x)
				|| '; server ms p50 ' || (SELECT round(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)::numeric, 2)
					|| ' p99 ' || round(percentile_disc(0.99) WITHIN GROUP (ORDER BY x)::numeric, 2) FROM unnest(ms) x);
		END \$\$;
	SELECT pg_temp.knnstats();")
printf '%-46s %9s %9s %6s %10s   %s\n' "ORDER BY fp <-> q LIMIT 10: npidx" "$k50" "$k99" "$kn" "1.0x" "$knnstats"
if [ "$WARM_BACKEND" != 0 ]; then
	read -r kw50 kw99 kwn < <(runwarm knnw "$TX_FAST" '-c enable_seqscan=off' "${knn//:n/:nw}")
	printf '%-46s %9s %9s %6s %10s\n' "ORDER BY fp <-> q LIMIT 10: warm backend" "$kw50" "$kw99" "$kwn" "$(ratio "$kw50" "$k50")x"
fi
printf '%-46s %9s %9s %6s %10s\n' "ORDER BY fp <-> q LIMIT 10: seq scan" "$ks50" "$ks99" "$ksn" "$(ratio "$ks50" "$k50")x"
if [ -n "$have_rum" ]; then
	read -r rk50 rk99 rkn < <(run rumknn "$TX_SLOW" '-c enable_seqscan=off -c rum.array_similarity_function=jaccard' \
		"SELECT count(*) FROM (SELECT a.id FROM bench_articles a ORDER BY a.keys <=> (SELECT keys FROM bench_q WHERE n = :n) LIMIT 10) s;")
	printf '%-46s %9s %9s %6s %10s\n' "ORDER BY keys <=> q LIMIT 10: RUM" "$rk50" "$rk99" "$rkn" "$(ratio "$rk50" "$k50")x"
fi

[ "$INSERTS" = 0 ] && exit 0

# --- inserts -------------------------------------------------------------
# one row at a time (fingerprints precomputed, so that only the table and
# the index are measured), into copies of the table with and without npidx
q -c "DROP TABLE IF EXISTS bench_ins_idx, bench_ins_noidx;
	CREATE TABLE bench_ins_idx (id bigint, fp newsprint.fingerprint);
	CREATE TABLE bench_ins_noidx (id bigint, fp newsprint.fingerprint);
	INSERT INTO bench_ins_idx SELECT id, fp FROM bench_articles;
	INSERT INTO bench_ins_noidx SELECT id, fp FROM bench_articles;
	SET maintenance_work_mem = '3GB';
	CREATE INDEX bench_ins_fp ON bench_ins_idx USING npidx (fp);"
q -c "VACUUM ANALYZE bench_ins_idx"
q -c "VACUUM ANALYZE bench_ins_noidx"
ins() {		# TABLE: ms per row, amortised (pgbench latency average)
	printf '\\set n random(1, %s)\nINSERT INTO %s SELECT id + %s, fp FROM bench_articles WHERE id = :n;\n' \
		"$ROWS" "$1" "$ROWS" > "$WORK/$1.sql"
	(cd "$WORK" && PGOPTIONS='-c synchronous_commit=off' pgbench -n -M prepared -c 1 -t "$TX_INS" -f "$1.sql") |
		sed -n 's/^latency average = \([0-9.]*\) ms/\1/p'
}
in1=$(ins bench_ins_noidx); ii1=$(ins bench_ins_idx)
in2=$(ins bench_ins_noidx); ii2=$(ins bench_ins_idx)
echo
echo "== single-row INSERT into a $ROWS-row table, $TX_INS rows each, synchronous_commit off, twice"
printf '%-46s %s\n' "without index, ms per row" "$in1 $in2"
printf '%-46s %s\n' "with npidx (pending list, merges included)" "$ii1 $ii2"
printf '%-46s %s\n' "npidx cost per row, ms" "$(awk -v a="$ii1" -v b="$in1" -v c="$ii2" -v d="$in2" 'BEGIN { printf "%.3f %.3f", a - b, c - d }')"
# the rows still pending have not paid for their merge yet: merge them now
# and spread that over every row inserted, for the amortised cost
t0=$(now)
merged=$(q -c "SELECT newsprint.npidx_clean_pending_list('bench_ins_fp')")
t1=$(now)
mrg=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
printf '%-46s %s\n' "merge of the $merged rows left pending, s" "$mrg"
printf '%-46s %s\n' "npidx cost per row with that merge, ms" "$(awk -v a="$ii1" -v b="$in1" -v c="$ii2" -v d="$in2" -v m="$mrg" -v n="$TX_INS" \
	'BEGIN { printf "%.3f", (a + c - b - d) / 2 + 1000 * m / (2 * n) }')"

# COPY COPY_ROWS rows (from a file, fingerprints precomputed)
q -c "COPY (SELECT id + 2 * $ROWS, fp FROM bench_articles ORDER BY id LIMIT $COPY_ROWS) TO STDOUT" > "$WORK/copy.tsv"
copy() {		# TABLE [SQL after]: seconds
	local t0 t1
	t0=$(now)
	q -c "\\copy $1 FROM '$WORK/copy.tsv'"
	[ -n "${2:-}" ] && q -c "$2" >/dev/null
	t1=$(now)
	secs "$t0" "$t1"
}
c_no=$(copy bench_ins_noidx)
c_def=$(copy bench_ins_idx)
c_rest=$(copy_merge() { local t0 t1; t0=$(now); q -c "SELECT newsprint.npidx_clean_pending_list('bench_ins_fp')" >/dev/null; t1=$(now); secs "$t0" "$t1"; }; copy_merge)
q -c "ALTER INDEX bench_ins_fp SET (pending_list_limit = 1048576)"
c_big=$(copy bench_ins_idx "SELECT newsprint.npidx_clean_pending_list('bench_ins_fp')")
echo
echo "== COPY of $COPY_ROWS rows into the $ROWS-row table"
printf '%-58s %8s %8s\n' "" "seconds" "x none"
printf '%-58s %8s %8s\n' "without index" "$c_no" "1.0"
printf '%-58s %8s %8s\n' "npidx, default pending_list_limit (merges on the way)" "$c_def" "$(ratio "$c_def" "$c_no")"
c_all=$(awk -v a="$c_def" -v b="$c_rest" 'BEGIN { printf "%.1f", a + b }')
printf '%-58s %8s %8s\n' "  the same, then the merge of the rows left pending" "$c_all" "$(ratio "$c_all" "$c_no")"
printf '%-58s %8s %8s\n' "npidx, pending_list_limit = 1 GB, then one merge" "$c_big" "$(ratio "$c_big" "$c_no")"
