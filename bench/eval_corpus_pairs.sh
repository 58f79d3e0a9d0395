#!/usr/bin/env bash
# bench/eval_corpus_pairs.sh -- which pairs of the realistic bench corpus
# same_story takes for copies, found the way a user finds them (through an
# npidx index), against the corpus' planted truth
#
# Usage: scripts/with-server.sh bench/eval_corpus_pairs.sh [N [SEED]]
#    or: bench/eval_corpus_pairs.sh ...   (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
#
# Generates N articles (default 5,000) of bench/corpus.sh for SEED (default
# 1), fingerprints them (format version 2, the defaults), indexes them with
# npidx, and runs one lookup `WHERE same_story(fp, q)` per article.  Seed 1
# is the development corpus (thresholds may be chosen on it); seed 2 is the
# blind one: report it, never tune on it.
#
# A pair is true when both articles belong to the same planted family (an
# event: the original, its republished copies, and independent reports of
# it); a true pair is a copy pair unless one side is an independent report
# (same event, own words: not a copy, but not wrong either).  A false pair
# is two articles of different families, or with one outside any family.
# Round-ups quote the leads of three stories of other families, so a pair
# with a round-up is neither true nor false: it is counted apart.
# Reports:
#   - found pairs: true (copy pairs, and same-event pairs with an
#     independent report) and false, and the recall of the planted copy
#     pairs;
#   - false pairs by kinds (brief, table, story, feature) and by forms
#     (dividend, earnings, company, market, court, ...), and by the
#     evidence size of the smaller side (shingle_count);
#   - true pairs by roles (copy-original, copy-copy, independent-...);
#   - per query: rows matched (besides itself) and npidx candidates;
#   - the false pairs with the highest containment.
# With DUMP=DIR, also writes DIR/articles.tsv (id, family, role, form, kind,
# fingerprint literal) and DIR/pairs.tsv (the pairs found), for analysis.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5000}
seed=${2:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
SEED=$seed bench/corpus.sh gen "$n" "$work/corpus.tsv" "$work/truth.tsv" -- -a
chmod 644 "$work"/*.tsv

dump=
if [ -n "${DUMP:-}" ]; then
	mkdir -p "$DUMP"
	dump=$(cd "$DUMP" && pwd)
fi

echo "realistic corpus: $n articles, seed $seed ($( [ "$seed" = 1 ] && echo development || echo "not the development seed"))"
{
cat <<'SQL'
\pset footer off
SET search_path = newsprint, public;
CREATE TEMP TABLE corpus (id int, outlet text, published_at timestamptz,
                          kind text, family int, body text);
CREATE TEMP TABLE truth (id int, family int, role text, source text,
                         edits text, form text);
SQL
echo "\\copy corpus FROM '$work/corpus.tsv'"
echo "\\copy truth FROM '$work/truth.tsv' WITH (FORMAT text, HEADER true)"
cat <<'SQL'
CREATE TEMP TABLE f AS
  SELECT c.id, c.kind, t.family, t.role, t.form, fingerprint(c.body) AS fp
    FROM corpus c JOIN truth t USING (id);
ALTER TABLE f ADD PRIMARY KEY (id);
CREATE INDEX f_fp ON f USING npidx (fp);
ANALYZE f;
SELECT count(*) AS articles,
       count(*) FILTER (WHERE family IS NOT NULL) AS in_families,
       count(*) FILTER (WHERE role = 'roundup') AS roundups,
       count(*) FILTER (WHERE shingle_count(fp) < 40) AS evidence_lt_40,
       count(*) FILTER (WHERE shingle_count(fp) BETWEEN 40 AND 80) AS evidence_40_80,
       round(avg(shingle_count(fp))) AS avg_evidence
  FROM f;

-- one index lookup per article: its matches and the scan's candidates
CREATE TEMP TABLE m (q int, r int);
CREATE TEMP TABLE qs (q int, matches int, candidates bigint);
DO $$
DECLARE
	a record;
	got int[];
	st record;
BEGIN
	PERFORM set_config('enable_seqscan', 'off', true);
	FOR a IN SELECT id, fp FROM f ORDER BY id LOOP
		SELECT array_agg(id) INTO got FROM f WHERE same_story(fp, a.fp);
		SELECT * INTO st FROM newsprint.npidx_scan_stats();
		INSERT INTO m SELECT a.id, x FROM unnest(got) x WHERE x <> a.id;
		INSERT INTO qs VALUES (a.id, coalesce(cardinality(got), 0) - 1, st.candidates);
	END LOOP;
END $$;

\echo 'Lookups: one same_story(fp, q) per article through npidx'
SELECT count(*) AS queries,
       round(avg(matches), 1) AS matches_avg,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY matches) AS matches_p50,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY matches) AS matches_p90,
       percentile_disc(0.99) WITHIN GROUP (ORDER BY matches) AS matches_p99,
       max(matches) AS matches_max,
       round(avg(candidates), 1) AS candidates_avg,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY candidates) AS candidates_p50,
       percentile_disc(0.99) WITHIN GROUP (ORDER BY candidates) AS candidates_p99,
       count(*) FILTER (WHERE matches < 0) AS self_not_found
  FROM qs;
-- same_story is symmetric: a pair found from one side only is a bug
SELECT count(*) AS one_sided_pairs
  FROM m x WHERE NOT EXISTS (SELECT 1 FROM m y WHERE y.q = x.r AND y.r = x.q);

CREATE TEMP TABLE pairs AS
  SELECT a.id AS a, b.id AS b,
         coalesce(a.family = b.family, false) AS truth,
         coalesce(a.family = b.family, false)
           AND 'independent' NOT IN (a.role, b.role) AS copy,
         a.role = 'roundup' OR b.role = 'roundup' AS roundup,
         least(a.kind, b.kind) || '-' || greatest(a.kind, b.kind) AS kinds,
         least(a.form, b.form) || '-' || greatest(a.form, b.form) AS forms,
         least(a.role, b.role) || '-' || greatest(a.role, b.role) AS roles,
         least(shingle_count(a.fp), shingle_count(b.fp)) AS smaller,
         greatest(containment(a.fp, b.fp), containment(b.fp, a.fp)) AS cont,
         similarity(a.fp, b.fp) AS sim
    FROM m JOIN f a ON a.id = m.q JOIN f b ON b.id = m.r
   WHERE m.q < m.r;
-- the planted pairs: two members of one family, round-ups left out
CREATE TEMP TABLE planted AS
  SELECT a.id AS a, b.id AS b,
         'independent' NOT IN (a.role, b.role) AS copy,
         least(a.role, b.role) || '-' || greatest(a.role, b.role) AS roles,
         least(shingle_count(a.fp), shingle_count(b.fp)) AS smaller
    FROM f a JOIN f b ON a.family = b.family AND a.id < b.id
   WHERE a.role <> 'roundup' AND b.role <> 'roundup';

\echo 'Pairs found (round-ups apart); recall of the planted copy pairs'
SELECT count(*) FILTER (WHERE NOT roundup AND truth) AS true_pairs,
       count(*) FILTER (WHERE NOT roundup AND copy) AS copy_pairs,
       count(*) FILTER (WHERE NOT roundup AND NOT truth) AS false_pairs,
       count(*) FILTER (WHERE roundup) AS with_roundup,
       (SELECT count(*) FROM planted WHERE copy) AS planted_copy_pairs,
       round(count(*) FILTER (WHERE NOT roundup AND copy)::numeric
             / nullif((SELECT count(*) FROM planted WHERE copy), 0), 3) AS copy_recall,
       round(count(*) FILTER (WHERE NOT roundup AND truth)::numeric
             / nullif(count(*) FILTER (WHERE NOT roundup), 0), 3) AS precision
  FROM pairs;
\echo 'Planted pairs by roles: found / planted'
SELECT p.roles, count(*) AS planted,
       count(x.a) AS found,
       round(count(x.a)::numeric / count(*), 3) AS recall
  FROM planted p LEFT JOIN pairs x USING (a, b)
 GROUP BY p.roles ORDER BY p.roles;
\echo 'Planted copy pairs by evidence of the smaller side: found / planted'
SELECT CASE WHEN p.smaller < 40 THEN 'a: < 40' WHEN p.smaller <= 80 THEN 'b: 40-80'
            ELSE 'c: > 80' END AS smaller_side,
       count(*) AS planted, count(x.a) AS found,
       round(count(x.a)::numeric / count(*), 3) AS recall
  FROM planted p LEFT JOIN pairs x USING (a, b)
 WHERE p.copy
 GROUP BY 1 ORDER BY 1;
\echo 'False pairs by kinds'
SELECT kinds, count(*) AS false_pairs FROM pairs
 WHERE NOT roundup AND NOT truth GROUP BY kinds ORDER BY 2 DESC, 1;
\echo 'False pairs by forms'
SELECT forms, count(*) AS false_pairs FROM pairs
 WHERE NOT roundup AND NOT truth GROUP BY forms ORDER BY 2 DESC, 1 LIMIT 12;
\echo 'False pairs by evidence of the smaller side'
SELECT CASE WHEN smaller < 40 THEN 'a: < 40' WHEN smaller <= 80 THEN 'b: 40-80'
            ELSE 'c: > 80' END AS smaller_side,
       count(*) AS false_pairs,
       count(*) FILTER (WHERE cont >= 0.7) AS containment_ge_07,
       round(avg(cont)::numeric, 3) AS avg_containment,
       round(avg(sim)::numeric, 3) AS avg_similarity
  FROM pairs WHERE NOT roundup AND NOT truth GROUP BY 1 ORDER BY 1;
\echo 'False pairs with the highest containment'
SELECT x.a, x.b, x.kinds, x.forms, x.smaller, round(x.cont::numeric, 3) AS containment,
       round(x.sim::numeric, 3) AS similarity,
       left(regexp_replace(ca.body, '\s+', ' ', 'g'), 50) AS a_starts,
       left(regexp_replace(cb.body, '\s+', ' ', 'g'), 50) AS b_starts
  FROM pairs x JOIN corpus ca ON ca.id = x.a JOIN corpus cb ON cb.id = x.b
 WHERE NOT x.roundup AND NOT x.truth
 ORDER BY x.cont DESC, x.a, x.b LIMIT 6;
SQL
if [ -n "$dump" ]; then
	echo "\\copy (SELECT id, family, role, form, kind, fp::text FROM f ORDER BY id) TO '$dump/articles.tsv'"
	echo "\\copy (SELECT a, b, truth, roundup FROM pairs ORDER BY a, b) TO '$dump/pairs.tsv'"
fi
} | psql -X -q -v ON_ERROR_STOP=1
