#!/usr/bin/env bash
# bench/index_exact_edges.sh -- npidx exactness on hand-made fingerprints at
# the edges of the row classes
#
# Usage: scripts/with-server.sh bench/index_exact_edges.sh [ROWS] [SEED]
#   (default 3500 rows, seed 0.11)
# Environment: FORMAT=2 (default) or 1, the fingerprints' format version.
# Fingerprints are written as literals (v2:w3:k..:n..:hashes), not made from
# text, so that every class boundary is met: sketch sizes 4 to 256 (39, 40
# and 41 among them), whole samples of 1 to 300 hashes (briefs and not) and
# truncated ones, hashes at and next to 0, 2^30, 2^31, 3 2^30 and 2^32 - 1
# (the cuts of the classes and the ends of the range), random name bits,
# and families of rows drawn from shared hash sets so that most queries
# meet many rows.  An empty fingerprint and one of a single hash at 2^30
# are rows too.  The index is built on ROWS - 1000 rows, 1000 more are
# inserted (direct inserts and the pending list); every ninth row is a
# query.  Each predicate (the operators at the GUCs' defaults, at 0.01 and
# at 1; is_similar, is_contained both ways and same_story with explicit
# thresholds 0.01 to 1) and ORDER BY <->, <->> and <<-> LIMIT 8 (with and
# without a WHERE key) runs through the index and as a seq scan; then the
# pending list is merged and all run again.  Prints, per predicate, the
# matching pairs, the pairs the index lost and those it added; exits
# non-zero if any was lost or added.
set -euo pipefail
cd "$(dirname "$0")"

ROWS=${1:-3500}
SEED=${2:-0.11}
FORMAT=${FORMAT:-2}
. ./bench_lib.sh
bench_workdir
case $FORMAT in 1|2) ;; *) echo "FORMAT must be 1 or 2" >&2; exit 2 ;; esac
[ "$ROWS" -gt 1000 ] || { echo "ROWS must be above 1000" >&2; exit 2; }

bench_header
echo "== $ROWS rows, format $FORMAT, seed $SEED"
q -v seed="$SEED" <<'SQL'
SET search_path = newsprint, public;
SELECT setseed(:seed) \g /dev/null
DROP TABLE IF EXISTS edge_uni, edge_fam, edge_t CASCADE;
DROP FUNCTION IF EXISTS edge_fp, edge_row, edge_diff;
-- the hash universe: random values, and values at and next to the cuts
CREATE TABLE edge_uni AS
SELECT DISTINCT h FROM (
	SELECT (random() * 4294967295)::bigint AS h FROM generate_series(1, 1500)
	UNION ALL
	SELECT c + d FROM unnest(ARRAY[0::bigint, 1073741824, 2147483648, 3221225472, 4294967295]) c,
					  generate_series(-12, 12) d) s
WHERE h BETWEEN 0 AND 4294967295;
-- families: a third small (briefs), the rest 40 to 340 hashes on average
CREATE TABLE edge_fam AS
SELECT f, ARRAY(SELECT h FROM edge_uni WHERE random() < sz / 1520.0) AS base
FROM (SELECT f, CASE WHEN f % 3 = 0 THEN 10 + random() * 40 ELSE 40 + random() * 300 END AS sz
	  FROM generate_series(1, 40) f) s;
CREATE TABLE edge_t (id int PRIMARY KEY, fp fingerprint);
SQL
q <<SQL
SET search_path = newsprint, public;
-- the fingerprint of a shingle set hs (distinct hashes) with sketch size k:
-- its k smallest, and extra more shingles than hashes when truncated
CREATE FUNCTION edge_fp(hs bigint[], k int, extra int) RETURNS fingerprint
LANGUAGE sql AS \$\$
	WITH s AS (SELECT DISTINCT h FROM unnest(hs) h),
		 cnt AS (SELECT count(*)::int AS c FROM s),
		 kept AS (SELECT h FROM s ORDER BY h LIMIT k)
	SELECT (format('v$FORMAT:w3:k%s:n%s:', k, CASE WHEN c > k THEN c + extra ELSE c END)
			|| coalesce((SELECT string_agg(lpad(to_hex(h), 8, '0'), '' ORDER BY h) FROM kept), ''))::fingerprint
	FROM cnt
\$\$;
CREATE FUNCTION edge_row() RETURNS fingerprint LANGUAGE sql VOLATILE AS \$\$
	SELECT edge_fp(
		ARRAY(SELECT b FROM unnest((SELECT base FROM edge_fam ORDER BY random() LIMIT 1)) b
			  WHERE random() < 0.3 + random() * 0.7)
		|| ARRAY(SELECT h FROM edge_uni WHERE random() < random() * 0.01),
		(ARRAY[4, 8, 16, 32, 39, 40, 41, 48, 64, 128, 256, 256, 256])[1 + floor(random() * 13)::int],
		(random() * 200)::int)
\$\$;
SELECT setseed($SEED) \\g /dev/null
INSERT INTO edge_t SELECT g, edge_row() FROM generate_series(1, $ROWS - 1000) g;
INSERT INTO edge_t VALUES (0, 'v$FORMAT:w3:k256:n0:'), (-1, edge_fp(ARRAY[1073741824::bigint], 256, 0));
CREATE INDEX edge_npidx ON edge_t USING npidx (fp);
INSERT INTO edge_t SELECT g, edge_row() FROM generate_series($ROWS - 999, $ROWS) g;
CREATE FUNCTION edge_diff(qsql text) RETURNS text LANGUAGE plpgsql AS \$\$
DECLARE
	pairs bigint;
	lost bigint;
	extra bigint;
BEGIN
	SET LOCAL enable_seqscan = off;
	SET LOCAL enable_bitmapscan = on;
	SET LOCAL enable_indexscan = on;
	EXECUTE 'CREATE TEMP TABLE edge_idx ON COMMIT DROP AS ' || qsql;
	SET LOCAL enable_seqscan = on;
	SET LOCAL enable_bitmapscan = off;
	SET LOCAL enable_indexscan = off;
	EXECUTE 'CREATE TEMP TABLE edge_seq ON COMMIT DROP AS ' || qsql;
	SELECT count(*) INTO pairs FROM edge_seq;
	SELECT count(*) INTO lost FROM (TABLE edge_seq EXCEPT ALL TABLE edge_idx) x;
	SELECT count(*) INTO extra FROM (TABLE edge_idx EXCEPT ALL TABLE edge_seq) x;
	DROP TABLE edge_idx, edge_seq;
	RETURN format('pairs %s lost %s extra %s', pairs, lost, extra);
END \$\$;
SQL
echo "== rows: $(q -c "SELECT format('%s, %s of them whole samples of 1 to 39 hashes, %s truncated', count(*),
	count(*) FILTER (WHERE NOT trunc AND nh BETWEEN 1 AND 39), count(*) FILTER (WHERE trunc))
	FROM (SELECT cardinality(newsprint.npidx_keys(fp)) AS nh,
				 cardinality(newsprint.npidx_keys(fp)) < substring(fp::text from ':n(\d+):')::int AS trunc
		  FROM newsprint.edge_t) s")"

run_checks() {
	q <<'SQL'
SET search_path = newsprint, public;
CREATE TEMP TABLE edge_q AS SELECT id, fp FROM edge_t WHERE id % 9 = 0;
CREATE TEMP VIEW edge_preds (p) AS VALUES
	('a.fp % q.fp'), ('a.fp <% q.fp'), ('a.fp %> q.fp'),
	('same_story(a.fp, q.fp)'), ('same_story(q.fp, a.fp)'),
	('is_similar(a.fp, q.fp, 0.01)'), ('is_similar(a.fp, q.fp, 0.3)'), ('is_similar(a.fp, q.fp, 1)'),
	('is_contained(a.fp, q.fp, 0.01)'), ('is_contained(a.fp, q.fp, 0.5)'), ('is_contained(a.fp, q.fp, 1)'),
	('is_contained(q.fp, a.fp, 0.01)'), ('is_contained(q.fp, a.fp, 0.69)'), ('is_contained(q.fp, a.fp, 1)'),
	('same_story(a.fp, q.fp, 0.01)'), ('same_story(q.fp, a.fp, 0.12)'),
	('same_story(q.fp, a.fp, 0.7)'), ('same_story(a.fp, q.fp, 1)');
CREATE TEMP TABLE edge_out (what text, result text);
INSERT INTO edge_out
SELECT p, edge_diff(format('SELECT q.id AS qid, a.id FROM edge_q q, LATERAL (SELECT id FROM edge_t a WHERE %s) a', p))
FROM edge_preds;
SET newsprint.similarity_threshold = 0.01;
SET newsprint.containment_threshold = 0.01;
SET newsprint.same_story_threshold = 0.01;
INSERT INTO edge_out
SELECT 'GUCs 0.01: ' || p, edge_diff(format('SELECT q.id AS qid, a.id FROM edge_q q, LATERAL (SELECT id FROM edge_t a WHERE %s) a', p))
FROM edge_preds WHERE p !~ ', [0-9]';
SET newsprint.similarity_threshold = 1;
SET newsprint.containment_threshold = 1;
SET newsprint.same_story_threshold = 1;
INSERT INTO edge_out
SELECT 'GUCs 1: ' || p, edge_diff(format('SELECT q.id AS qid, a.id FROM edge_q q, LATERAL (SELECT id FROM edge_t a WHERE %s) a', p))
FROM edge_preds WHERE p !~ ', [0-9]';
RESET newsprint.similarity_threshold;
RESET newsprint.containment_threshold;
RESET newsprint.same_story_threshold;
SELECT what || ': ' || result FROM edge_out;
TRUNCATE edge_out;
INSERT INTO edge_out
SELECT 'ORDER BY ' || o, edge_diff(format('SELECT q.id AS qid, a.d FROM edge_q q, LATERAL (SELECT round((a.fp %s q.fp)::numeric, 9) AS d FROM edge_t a ORDER BY a.fp %s q.fp LIMIT 8) a', o, o))
FROM unnest(ARRAY['<->', '<->>', '<<->']) o;
INSERT INTO edge_out
SELECT 'ORDER BY <-> WHERE same_story', edge_diff('SELECT q.id AS qid, a.d FROM edge_q q, LATERAL (SELECT round((a.fp <-> q.fp)::numeric, 9) AS d FROM edge_t a WHERE same_story(a.fp, q.fp) ORDER BY a.fp <-> q.fp LIMIT 8) a');
SELECT what || ': ' || result FROM edge_out;
SQL
}

echo "== with the pending list"
run_checks | tee "$WORK/out"
echo "== merged: $(q -c "SELECT newsprint.npidx_clean_pending_list('newsprint.edge_npidx')") rows"
run_checks | tee -a "$WORK/out"
q -c "DROP TABLE newsprint.edge_t, newsprint.edge_uni, newsprint.edge_fam;
	DROP FUNCTION newsprint.edge_fp, newsprint.edge_row, newsprint.edge_diff"
if grep -qv ' lost 0 extra 0$' "$WORK/out"; then
	echo "FAILED: the index lost or added rows"
	exit 1
fi
echo "ok: nothing lost, nothing added"
