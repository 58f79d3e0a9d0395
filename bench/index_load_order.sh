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
# forced sequential scan, on the first table both right after the load (rows the
# last merge left in the pending list, which every lookup compares with its
# query) and after VACUUM (which merges them); prints the mean time per
# lookup, the rows found (which must agree), the pending rows the last
# lookup compared, the load times, both index sizes and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-19779}
NQ=${2:-60}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod a+rx "$tmp"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
bench/corpus.sh gen "$N" "$tmp/corpus.tsv"
chmod a+r "$tmp/corpus.tsv"

psql -X -q -v ON_ERROR_STOP=1 -v corpus="$tmp/corpus.tsv" -v nq="$NQ" <<'SQL'
\pset footer off
\timing off
SET client_min_messages = warning;
DROP TABLE IF EXISTS lo_raw, lo_src, lo_q, lo_before, lo_after CASCADE;
CREATE TEMP TABLE lo_raw (id bigint, outlet text, published_at timestamptz,
	kind text, family bigint, body text);
COPY lo_raw FROM :'corpus';
CREATE TABLE lo_src AS
	SELECT id, body, newsprint.fingerprint(body) AS fp FROM lo_raw;
CREATE TABLE lo_q AS
	SELECT id FROM lo_raw WHERE family IS NOT NULL ORDER BY id LIMIT :nq;

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

CREATE FUNCTION pg_temp.lookups(tab text, seq boolean, OUT ms float8, OUT matches bigint,
	OUT pending_rows bigint)
LANGUAGE plpgsql AS $$
DECLARE
	r record;
	t0 timestamptz;
	c bigint;
BEGIN
	matches := 0;
	IF seq THEN
		SET LOCAL enable_bitmapscan = off;
		SET LOCAL enable_indexscan = off;
	END IF;
	t0 := clock_timestamp();
	FOR r IN SELECT id FROM lo_q LOOP
		EXECUTE format('SELECT count(*) FROM %I x WHERE newsprint.same_story(x.fp, (SELECT fp FROM %I WHERE id = $1))',
					   tab, tab) INTO c USING r.id;
		matches := matches + c;
	END LOOP;
	ms := extract(epoch FROM clock_timestamp() - t0)::float8 * 1000 / (SELECT count(*) FROM lo_q);
	-- rows of the pending list the last lookup compared with its query
	IF NOT seq THEN
		pending_rows := (SELECT s.pending_rows FROM newsprint.npidx_scan_stats() s);
	END IF;
	IF seq THEN
		RESET enable_bitmapscan;
		RESET enable_indexscan;
	END IF;
END $$;

CREATE TEMP TABLE lo_res AS
	SELECT 'index created before the load, rows left pending' AS method, * FROM pg_temp.lookups('lo_before', false);
VACUUM lo_before;
INSERT INTO lo_res
	SELECT 'index created before the load, after VACUUM', * FROM pg_temp.lookups('lo_before', false)
	UNION ALL SELECT 'index built after the load', * FROM pg_temp.lookups('lo_after', false)
	UNION ALL SELECT 'sequential scan', * FROM pg_temp.lookups('lo_after', true);
SELECT method, round(ms::numeric, 2) AS ms_per_lookup, matches, pending_rows,
	round((SELECT ms FROM lo_res WHERE method = 'sequential scan')::numeric / ms::numeric, 1) AS seq_scan_ratio
FROM lo_res;
SELECT :'load_s_index_before' AS "INSERT s, index created before",
	:'load_s_index_after' AS "INSERT + CREATE INDEX s, index after";
SELECT c.relname AS index, pg_size_pretty(pg_relation_size(c.oid)) AS size,
	pg_size_pretty(pg_relation_size(t.oid)) AS "table"
FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_class t ON t.oid = i.indrelid
WHERE c.relname IN ('lo_before_fp', 'lo_after_fp') ORDER BY 1;
DROP TABLE lo_src, lo_q, lo_before, lo_after;
SQL
