#!/usr/bin/env bash
# bench/index_tail_truth.sh -- what the slowest same_story lookups return,
# against the realistic corpus' planted truth, and which rules would part
# their matches from the planted copies (an analysis: nothing is changed)
#
# Usage: scripts/with-server.sh bench/index_tail_truth.sh [ROWS] [QUERIES] [SLOWPCT]
#   (default 200,000 articles of the realistic corpus, bench/corpus_gen.c
#   seed 1; 1,000 query articles picked as bench/index_scan_work.sh picks
#   them; the slowest 2% by server-side time, the faster of two passes)
#
# For the slowest queries: their matches (besides the query itself) split
# into the query's own planted family (copies and independent reports of
# its event) and the others, the others by the generator's kind and form,
# with the hashes they share with the query and the containment.  Then, for
# a few rules that would ask more of a pair, how many of those matches each
# keeps, beside how many planted copy pairs it keeps: every pair of one
# family among the first PAIR_IDS ids (default the first 81,920, 20 of the
# generator's blocks, or all rows if fewer) that same_story finds today.
# The rules, applied to the pairs same_story accepts:
#   full evidence E: a pair needs E shared hashes (today 12, 10 before
#       6 December 2026: the figures of doc/index.md) unless one side
#       is at least 0.7 in the other;
#   threshold 0.2: containment 0.2 instead of 0.12;
#   rare evidence: at least 5 of the shared hashes are rare in the table,
#       held by at most RARE rows (default ROWS / 10,000, 0.01%, but at
#       least 100, twice the generator's largest family; the postings of
#       that key in npidx), i.e. not formula or template text.  A corpus
#       statistic, not a function of the pair: a story carried by more than
#       RARE outlets would lose its own pairs.
# A brief pair (a side under 40 evidence shingles) is shown apart: the brief
# rule already asks 0.7 of it.  The counts of key frequencies are exact (a
# pass over every row's keys, for the keys of the pairs looked at).
set -euo pipefail
cd "$(dirname "$0")"

ROWS=${1:-200000}
NQ=${2:-1000}
PCT=${3:-2}
PAIR_IDS=${PAIR_IDS:-81920}
. ./bench_lib.sh
bench_workdir 755
bench_header

bench_work_corpus "$ROWS" "$NQ"
SEED=1 ./corpus.sh gen "$ROWS" "$WORK/corpus.tsv" "$WORK/truth.tsv" -- -a
q -c "CREATE TABLE work_truth (id bigint PRIMARY KEY, kind text, family bigint, role text, form text)"
# corpus: id, outlet, published_at, kind, family, body; truth: id, family,
# role, source, edits, form (one line per article with -a, and a header)
awk -F'\t' -v OFS='\t' 'NR == FNR { kind[$1] = $4; next }
	$1 != "id" { print $1, kind[$1], $2, $3, $6 }' "$WORK/corpus.tsv" "$WORK/truth.tsv" |
	q -c "COPY work_truth FROM STDIN"
rm -f "$WORK/corpus.tsv" "$WORK/truth.tsv"
rare=${RARE:-$(( ROWS / 10000 > 100 ? ROWS / 10000 : 100 ))}
echo "== $ROWS articles, $NQ queries, the slowest $PCT%, $(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg); rare: held by at most $rare rows"

q <<SQL
SET jit = off;
SET enable_seqscan = off;
CREATE TEMP TABLE t (n bigint, ms float8);
DO \$\$
DECLARE qf newsprint.fingerprint; qn bigint; t0 timestamptz; c bigint; pass int;
BEGIN
	FOR pass IN 1..3 LOOP
		FOR qn, qf IN SELECT w.n, w.fp FROM work_q w ORDER BY w.n LOOP
			t0 := clock_timestamp();
			SELECT count(*) INTO c FROM work_articles WHERE newsprint.same_story(fp, qf);
			IF pass > 1 THEN
				INSERT INTO t VALUES (qn, 1000 * extract(epoch FROM clock_timestamp() - t0));
			END IF;
		END LOOP;
	END LOOP;
END \$\$;
CREATE TABLE work_slow AS
	SELECT w.n, w.id, w.fp, t.ms FROM (SELECT n, min(ms) AS ms FROM t GROUP BY n) t JOIN work_q w USING (n)
	ORDER BY t.ms DESC LIMIT ceil($NQ * $PCT / 100.0);
CREATE TABLE work_m AS
	SELECT s.n, s.id AS qid, a.id AS mid FROM work_slow s,
		LATERAL (SELECT a.id FROM work_articles a WHERE newsprint.same_story(a.fp, s.fp)) a
	WHERE a.id <> s.id;
-- the planted pairs of the first ids, with today's answer
SET enable_seqscan = on;
CREATE TABLE work_pairs AS
	SELECT x.id AS a, y.id AS b, x.role IN ('independent') OR y.role IN ('independent') AS indep
	FROM work_truth x JOIN work_truth y ON x.family = y.family AND x.id < y.id
	WHERE x.id < $PAIR_IDS AND y.id < $PAIR_IDS;
DELETE FROM work_pairs p USING work_articles x, work_articles y
	WHERE x.id = p.a AND y.id = p.b AND NOT newsprint.same_story(x.fp, y.fp);
-- exact key frequencies of the keys of every pair looked at
SET work_mem = '256MB';
CREATE TEMP TABLE qk AS SELECT DISTINCT unnest(newsprint.npidx_keys(a.fp)) AS k FROM work_articles a
	WHERE a.id IN (SELECT qid FROM work_m UNION SELECT a FROM work_pairs UNION SELECT b FROM work_pairs);
CREATE TABLE work_kdf AS SELECT u.k, count(*) AS df
	FROM (SELECT unnest(newsprint.npidx_keys(fp)) AS k FROM work_articles) u JOIN qk USING (k) GROUP BY u.k;
ALTER TABLE work_kdf ADD PRIMARY KEY (k);
CREATE FUNCTION pair_facts(x newsprint.fingerprint, y newsprint.fingerprint, OUT shared int, OUT rare int, OUT contain float8, OUT brief bool)
LANGUAGE sql AS \$f\$
	SELECT count(*)::int, (count(*) FILTER (WHERE d.df <= $rare))::int,
		greatest(newsprint.containment(x, y), newsprint.containment(y, x)),
		least(newsprint.shingle_count(x), newsprint.shingle_count(y)) < 40
	FROM (SELECT unnest(newsprint.npidx_keys(x)) INTERSECT SELECT unnest(newsprint.npidx_keys(y))) s(k)
		JOIN work_kdf d USING (k)
\$f\$;
CREATE TABLE work_mf AS
	SELECT m.*, mt.kind, mt.form, qt.family IS NOT NULL AND qt.family = mt.family AS own, f.*
	FROM work_m m JOIN work_truth qt ON qt.id = m.qid JOIN work_truth mt ON mt.id = m.mid
		JOIN work_articles x ON x.id = m.qid JOIN work_articles y ON y.id = m.mid,
		LATERAL pair_facts(x.fp, y.fp) f;
CREATE TABLE work_pf AS
	SELECT p.*, f.* FROM work_pairs p JOIN work_articles x ON x.id = p.a JOIN work_articles y ON y.id = p.b,
		LATERAL pair_facts(x.fp, y.fp) f;
SQL

echo
echo "== the slowest queries: server ms (faster of two passes), matches besides the query, of its own planted family"
q -F' ' -c "SELECT s.n, s.id, t.kind, t.form, max(newsprint.shingle_count(s.fp)), round(s.ms::numeric, 2),
		count(m.mid), count(m.mid) FILTER (WHERE m.own)
	FROM work_slow s JOIN work_truth t USING (id) LEFT JOIN work_mf m ON m.n = s.n
	GROUP BY s.n, s.id, t.kind, t.form, s.ms ORDER BY s.ms DESC" |
	awk 'BEGIN { printf "%6s %8s %-8s %-9s %8s %8s %8s %6s\n", "query", "id", "kind", "form", "shingles", "ms", "matches", "own" }
		{ printf "%6s %8s %-8s %-9s %8s %8s %8s %6s\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
echo
echo "== their matches by the matched article's kind (own family apart): shared hashes median, containment (larger direction) average, under 40 shingles"
q -F' ' -c "SELECT CASE WHEN own THEN 'own-family' ELSE kind END, count(*),
		percentile_disc(0.5) WITHIN GROUP (ORDER BY shared), round(avg(contain)::numeric, 3), count(*) FILTER (WHERE brief)
	FROM work_mf GROUP BY 1 ORDER BY 2 DESC" |
	awk 'BEGIN { printf "%-11s %8s %8s %8s %8s\n", "kind", "matches", "shared", "contain", "brief" }
		{ printf "%-11s %8s %8s %8s %8s\n", $1, $2, $3, $4, $5 }'
echo
echo "== rules that ask more, applied to the pairs same_story accepts: pairs kept"
q -F' ' -c "WITH s AS (
	SELECT 'slow-tail-other' AS set, brief, shared, rare, contain FROM work_mf WHERE NOT own
	UNION ALL SELECT 'slow-tail-own', brief, shared, rare, contain FROM work_mf WHERE own
	UNION ALL SELECT 'planted-copy', brief, shared, rare, contain FROM work_pf WHERE NOT indep
	UNION ALL SELECT 'planted-indep', brief, shared, rare, contain FROM work_pf WHERE indep)
	SELECT set, CASE WHEN brief THEN 'brief' ELSE 'longer' END, count(*),
		count(*) FILTER (WHERE shared >= 16 OR contain >= 0.7), count(*) FILTER (WHERE shared >= 20 OR contain >= 0.7),
		count(*) FILTER (WHERE contain >= 0.2), count(*) FILTER (WHERE rare >= 5)
	FROM s GROUP BY 1, 2 ORDER BY 1, 2" |
	awk 'BEGIN { printf "%-16s %-7s %8s %8s %8s %8s %8s\n", "pairs", "side", "today", "E=16", "E=20", "t=0.2", "rare>=5" }
		{ printf "%-16s %-7s %8s %8s %8s %8s %8s\n", $1, $2, $3, $4, $5, $6, $7 }'
