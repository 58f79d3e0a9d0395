#!/usr/bin/env bash
# bench/index_load_order.sh -- same_story lookups through an npidx index
# created before the load (create the table and its indexes, then insert)
# against one built after it, and against a sequential scan
#
# Usage: scripts/with-server.sh bench/index_load_order.sh [ROWS] [QUERIES]
#    or: bench/index_load_order.sh ...   (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
#
# ROWS (default 19,779, the size of issue 11's real corpus) articles of the
# realistic bench corpus (bench/corpus.sh, seed 1) are fingerprinted, then
# inserted (one INSERT ... SELECT) into a table whose npidx index was created
# while it was empty (autovacuum off for it); another table gets the same
# rows and its index after them.  QUERIES (default 60) articles of planted
# copy families are then looked up with same_story on each table, and with a
# forced sequential scan, on the first table both right after the load (rows
# the last merge left in the pending list, which every lookup compares with
# its query) and after VACUUM (which merges them).
#
# Three ways of running the lookups, each against a sequential scan run the
# same way (enable_indexscan, enable_bitmapscan and parallel workers off: a
# plain scan of the table, as issue 11 measured it):
#  1. server side: a PL/pgSQL loop runs one statement per query article,
#     "WHERE same_story(x.fp, (SELECT fp FROM t WHERE id = $1))", planned
#     each time (EXECUTE), after an untimed pass that warms the session's
#     caches; mean ms per lookup, with the averages of
#     npidx_scan_stats() per lookup (keys read, postings, candidates, and
#     TIDs returned, each of which the executor rechecks);
#  2. client side: pgbench, simple protocol, one client, PGBENCH_SECONDS
#     (default 10) per way, the statement
#     "WHERE same_story(a.fp, (SELECT fp FROM lo_qfp WHERE n = :i))" with a
#     random query article i (lo_qfp holds their fingerprints, so that the
#     sequential scan's subquery is as cheap as the index's), and SELECT 1
#     through the same harness for its fixed cost; PGBENCH=0 leaves it out;
#  3. one join of all the query articles with the table,
#     "FROM lo_qfp q JOIN t a ON same_story(a.fp, q.fp)", as the planner
#     chooses to run it (the plan's shape is printed) and with a forced
#     sequential scan.
# Prints the rows found (which must agree), the pending rows the last lookup
# compared, the load times, both index sizes and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-19779}
NQ=${2:-60}
PGBENCH=${PGBENCH:-1}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod a+rx "$tmp"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
bench/corpus.sh gen "$N" "$tmp/corpus.tsv"
chmod a+r "$tmp/corpus.tsv"

q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

q -v corpus="$tmp/corpus.tsv" -v nq="$NQ" <<'SQL'
\timing off
SET client_min_messages = warning;
DROP TABLE IF EXISTS lo_raw, lo_src, lo_q, lo_qfp, lo_before, lo_after, lo_res CASCADE;
CREATE TEMP TABLE lo_raw (id bigint, outlet text, published_at timestamptz,
	kind text, family bigint, body text);
COPY lo_raw FROM :'corpus';
CREATE TABLE lo_src AS
	SELECT id, body, newsprint.fingerprint(body) AS fp FROM lo_raw;
CREATE TABLE lo_q AS
	SELECT id FROM lo_raw WHERE family IS NOT NULL ORDER BY id LIMIT :nq;
CREATE TABLE lo_qfp AS
	SELECT row_number() OVER (ORDER BY s.id)::int AS n, s.id, s.fp
	FROM lo_src s JOIN lo_q USING (id);
ANALYZE lo_qfp;

-- the usual order: the table and its indexes first, then the rows
CREATE TABLE lo_before (id bigint PRIMARY KEY, body text, fp newsprint.fingerprint)
	WITH (autovacuum_enabled = false);
CREATE INDEX lo_before_fp ON lo_before USING npidx (fp);
SELECT clock_timestamp() AS t0 \gset
INSERT INTO lo_before SELECT * FROM lo_src;
SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 2) AS load_s_index_before \gset
ANALYZE lo_before;
-- the bulk-load path: the rows first, then the index
CREATE TABLE lo_after (id bigint PRIMARY KEY, body text, fp newsprint.fingerprint);
SELECT clock_timestamp() AS t0 \gset
INSERT INTO lo_after SELECT * FROM lo_src;
CREATE INDEX lo_after_fp ON lo_after USING npidx (fp);
SELECT round(extract(epoch FROM clock_timestamp() - :'t0')::numeric, 2) AS load_s_index_after \gset
VACUUM ANALYZE lo_after;
CREATE TABLE lo_loads AS SELECT :'load_s_index_before'::numeric AS before_s,
	:'load_s_index_after'::numeric AS after_s;

CREATE FUNCTION lo_lookups(tab text, seq boolean, OUT ms float8, OUT matches bigint,
	OUT pending_rows bigint, OUT keys_read float8, OUT postings float8,
	OUT candidates float8, OUT rechecked float8)
LANGUAGE plpgsql AS $$
DECLARE
	r record;
	s record;
	t0 timestamptz;
	c bigint;
	sql text := format('SELECT count(*) FROM %I x WHERE newsprint.same_story(x.fp, (SELECT fp FROM %I WHERE id = $1))',
					   tab, tab);
	nq bigint := (SELECT count(*) FROM lo_q);
	kr bigint := 0;
	po bigint := 0;
	ca bigint := 0;
	re bigint := 0;
BEGIN
	matches := 0;
	IF seq THEN
		SET LOCAL enable_bitmapscan = off;
		SET LOCAL enable_indexscan = off;
		SET LOCAL max_parallel_workers_per_gather = 0;
	END IF;
	/*
	 * A first pass, not timed: it warms the session's caches (the first
	 * statements on a table in a new session load its catalog entries, some
	 * milliseconds) and reads what each index scan did.
	 */
	FOR r IN SELECT id FROM lo_q LOOP
		EXECUTE sql INTO c USING r.id;
		IF NOT seq THEN
			SELECT * INTO s FROM newsprint.npidx_scan_stats();
			kr := kr + s.keys_read;
			po := po + s.postings;
			ca := ca + s.candidates;
			re := re + s.returned;
		END IF;
	END LOOP;
	t0 := clock_timestamp();
	FOR r IN SELECT id FROM lo_q LOOP
		EXECUTE sql INTO c USING r.id;
		matches := matches + c;
	END LOOP;
	ms := extract(epoch FROM clock_timestamp() - t0)::float8 * 1000 / nq;
	IF seq THEN
		RESET enable_bitmapscan;
		RESET enable_indexscan;
		RESET max_parallel_workers_per_gather;
	ELSE
		keys_read := kr::float8 / nq;
		postings := po::float8 / nq;
		candidates := ca::float8 / nq;
		rechecked := re::float8 / nq;
		-- rows of the pending list the last lookup compared with its query
		pending_rows := (SELECT s2.pending_rows FROM newsprint.npidx_scan_stats() s2);
	END IF;
END $$;

-- all the query articles in one join, as planned, or by a sequential scan
CREATE FUNCTION lo_join(tab text, seq boolean, OUT ms float8, OUT matches bigint,
	OUT plan text)
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	sql text := format('SELECT count(*) FROM lo_qfp q JOIN %I a ON newsprint.same_story(a.fp, q.fp)', tab);
	line text;
BEGIN
	IF seq THEN
		SET LOCAL enable_bitmapscan = off;
		SET LOCAL enable_indexscan = off;
		SET LOCAL max_parallel_workers_per_gather = 0;
	END IF;
	plan := '';
	FOR line IN EXECUTE 'EXPLAIN (COSTS off) ' || sql LOOP
		IF line ~ '(Nested Loop|Hash Join|Merge Join|Seq Scan on lo_(before|after)|Index Scan|Bitmap Heap Scan on lo_(before|after))' THEN
			plan := plan || CASE WHEN plan = '' THEN '' ELSE ' / ' END ||
				regexp_replace(btrim(regexp_replace(line, '->', '')), '  +', ' ', 'g');
		END IF;
	END LOOP;
	t0 := clock_timestamp();
	EXECUTE sql INTO matches;
	ms := extract(epoch FROM clock_timestamp() - t0)::float8 * 1000 / (SELECT count(*) FROM lo_qfp);
	IF seq THEN
		RESET enable_bitmapscan;
		RESET enable_indexscan;
		RESET max_parallel_workers_per_gather;
	END IF;
END $$;

CREATE TABLE lo_res AS
	SELECT 'index created before the load, rows left pending'::text AS method, *
	FROM lo_lookups('lo_before', false);
CREATE TABLE lo_join_res AS
	SELECT 'index created before the load, rows left pending'::text AS method, *
	FROM lo_join('lo_before', false);
SQL

# pgbench, simple protocol: client-side latency of one statement
pgb() {
	local script=$1 opts=${2:-}
	PGOPTIONS="$opts" pgbench -n -M simple -c 1 -T "$PGBENCH_SECONDS" -f "$script" 2>&1 |
		sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p'
}
lookup_script() {
	cat > "$tmp/$1.sql" <<EOF
\\set i random(1, $NQ)
SELECT a.id FROM $1 a WHERE newsprint.same_story(a.fp, (SELECT fp FROM lo_qfp WHERE n = :i));
EOF
}
if [ "$PGBENCH" != 0 ]; then
	lookup_script lo_before
	lookup_script lo_after
	echo 'SELECT 1;' > "$tmp/one.sql"
	q -c "CREATE TABLE lo_pgb (method text, ms float8)"
	q -c "INSERT INTO lo_pgb VALUES ('index created before the load, rows left pending', $(pgb "$tmp/lo_before.sql"))"
fi
q -c "VACUUM lo_before"
if [ "$PGBENCH" != 0 ]; then
	q -c "INSERT INTO lo_pgb VALUES ('index created before the load, after VACUUM', $(pgb "$tmp/lo_before.sql"))"
	q -c "INSERT INTO lo_pgb VALUES ('index built after the load', $(pgb "$tmp/lo_after.sql"))"
	q -c "INSERT INTO lo_pgb VALUES ('sequential scan', $(pgb "$tmp/lo_after.sql" "-c enable_bitmapscan=off -c enable_indexscan=off -c max_parallel_workers_per_gather=0"))"
	q -c "INSERT INTO lo_pgb VALUES ('SELECT 1 (the harness''s fixed cost)', $(pgb "$tmp/one.sql"))"
fi

q <<'SQL'
\pset footer off
INSERT INTO lo_res
	SELECT 'index created before the load, after VACUUM', * FROM lo_lookups('lo_before', false)
	UNION ALL SELECT 'index built after the load', * FROM lo_lookups('lo_after', false)
	UNION ALL SELECT 'sequential scan', * FROM lo_lookups('lo_after', true);
INSERT INTO lo_join_res
	SELECT 'index created before the load, after VACUUM', * FROM lo_join('lo_before', false)
	UNION ALL SELECT 'index built after the load', * FROM lo_join('lo_after', false)
	UNION ALL SELECT 'sequential scan', * FROM lo_join('lo_after', true);

\echo '1. server side: one planned statement per lookup (PL/pgSQL EXECUTE), mean of the lookups'
SELECT method, round(ms::numeric, 3) AS ms_per_lookup,
	round((SELECT ms FROM lo_res WHERE method = 'sequential scan')::numeric / ms::numeric, 1) AS seq_scan_ratio,
	matches, pending_rows, round(keys_read::numeric, 1) AS keys_read,
	round(postings::numeric) AS postings, round(candidates::numeric, 1) AS candidates,
	round(rechecked::numeric, 1) AS rechecked
FROM lo_res;
SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'lo_pgb') AS have_pgb \gset
\if :have_pgb
\echo '2. client side: pgbench, simple protocol, one client, mean latency of a lookup'
SELECT method, round(ms::numeric, 3) AS ms_per_lookup,
	CASE WHEN method LIKE 'SELECT 1%' THEN NULL ELSE
	round((SELECT ms FROM lo_pgb WHERE method = 'sequential scan')::numeric / ms::numeric, 1) END AS seq_scan_ratio
FROM lo_pgb;
\endif
\echo '3. one join of all the query articles with the table, per lookup'
SELECT method, round(ms::numeric, 3) AS ms_per_lookup,
	round((SELECT ms FROM lo_join_res WHERE method = 'sequential scan')::numeric / ms::numeric, 1) AS seq_scan_ratio,
	matches, plan
FROM lo_join_res;
SELECT before_s AS "INSERT s, index created before",
	after_s AS "INSERT + CREATE INDEX s, index after" FROM lo_loads;
SELECT c.relname AS index, pg_size_pretty(pg_relation_size(c.oid)) AS size,
	pg_size_pretty(pg_relation_size(t.oid)) AS "table"
FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_class t ON t.oid = i.indrelid
WHERE c.relname IN ('lo_before_fp', 'lo_after_fp') ORDER BY 1;
DROP TABLE IF EXISTS lo_src, lo_q, lo_qfp, lo_before, lo_after, lo_res, lo_join_res, lo_pgb, lo_loads;
DROP FUNCTION lo_lookups(text, boolean), lo_join(text, boolean);
SQL
echo "end: load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
