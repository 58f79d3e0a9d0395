#!/usr/bin/env bash
# bench/eval_fingerprint.sh -- quality of same_story, the operators and the
# estimators on the evaluation set
#
# Usage: scripts/with-server.sh bench/eval_fingerprint.sh
#    or: bench/eval_fingerprint.sh   (with PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
#
# Reads test/data/fingerprint/eval_docs.tsv (made by
# bench/fingerprint_make_eval.py from the hand-written stories), fingerprints
# every document at the defaults and "exactly" (sketch_size 65535, so every
# document's whole shingle set is kept), and prints for every unordered pair:
#   - precision, recall and F1 of same_story(a, b), of a % b and of
#     (a <% b OR a %> b) at the default GUCs, against the truth "same story";
#   - the same for hard negatives only (other stories of the same cluster:
#     same people, places and day);
#   - recall per kind of edit;
#   - the mean and maximum absolute error of similarity() and containment()
#     against the exact values from the full shingle sets.
set -euo pipefail
cd "$(dirname "$0")/.."

psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
\pset footer off
SET search_path = newsprint, public;
CREATE TEMP TABLE docs (id int, story text, cluster text, kind text, body text);
\copy docs FROM 'test/data/fingerprint/eval_docs.tsv'
CREATE TEMP TABLE fps AS
  SELECT id, story, cluster, kind,
         fingerprint(body) AS f,
         fingerprint(body, true, 65535) AS x
    FROM docs;
CREATE TEMP TABLE pairs AS
  SELECT a.id AS a, b.id AS b, a.kind AS ka, b.kind AS kb,
         a.story = b.story AS truth,
         a.story <> b.story AND a.cluster = b.cluster AS hard,
         same_story(a.f, b.f) AS story_pred,
         a.f % b.f AS sim_pred,
         (a.f <% b.f OR a.f %> b.f) AS cont_pred,
         similarity(a.f, b.f) AS sim, similarity(a.x, b.x) AS sim_x,
         containment(a.f, b.f) AS c_ab, containment(a.x, b.x) AS c_ab_x,
         containment(b.f, a.f) AS c_ba, containment(b.x, a.x) AS c_ba_x
    FROM fps a JOIN fps b ON a.id < b.id;

SELECT count(*) AS documents, count(DISTINCT story) AS stories,
       round(avg(shingle_count(x)), 1) AS avg_shingles,
       max(shingle_count(x)) AS max_shingles,
       round(avg(octet_length(fingerprint_send(f))), 1) AS avg_binary_bytes
  FROM fps;
SELECT count(*) AS pairs, count(*) FILTER (WHERE truth) AS positives,
       count(*) FILTER (WHERE NOT truth) AS negatives,
       count(*) FILTER (WHERE hard) AS hard_negatives
  FROM pairs;
SELECT current_setting('newsprint.same_story_threshold') AS same_story_threshold,
       current_setting('newsprint.similarity_threshold') AS similarity_threshold,
       current_setting('newsprint.containment_threshold') AS containment_threshold;

\echo 'Quality at the defaults (all pairs; "hard" = negatives only from the same cluster)'
WITH m AS (
  SELECT 'same_story(a, b)' AS predicate, 'all' AS negatives, truth, story_pred AS pred FROM pairs
  UNION ALL SELECT 'same_story(a, b)', 'hard', truth, story_pred FROM pairs WHERE truth OR hard
  UNION ALL SELECT 'a % b', 'all', truth, sim_pred FROM pairs
  UNION ALL SELECT 'a % b', 'hard', truth, sim_pred FROM pairs WHERE truth OR hard
  UNION ALL SELECT 'a <% b OR a %> b', 'all', truth, cont_pred FROM pairs
  UNION ALL SELECT 'a <% b OR a %> b', 'hard', truth, cont_pred FROM pairs WHERE truth OR hard
), c AS (
  SELECT predicate, negatives,
         count(*) FILTER (WHERE truth AND pred) AS tp,
         count(*) FILTER (WHERE NOT truth AND pred) AS fp,
         count(*) FILTER (WHERE truth AND NOT pred) AS fn
    FROM m GROUP BY 1, 2
)
SELECT predicate, negatives, tp, fp, fn,
       round(tp::numeric / nullif(tp + fp, 0), 4) AS precision,
       round(tp::numeric / nullif(tp + fn, 0), 4) AS recall,
       round(2 * tp::numeric / nullif(2 * tp + fp + fn, 0), 4) AS f1
  FROM c ORDER BY predicate DESC, negatives;

\echo 'same_story(a, b, t) for other thresholds t'
SELECT t AS threshold,
       count(*) FILTER (WHERE truth AND p) AS tp,
       count(*) FILTER (WHERE NOT truth AND p) AS fp,
       count(*) FILTER (WHERE truth AND NOT p) AS fn,
       round((count(*) FILTER (WHERE truth AND p))::numeric /
             nullif(count(*) FILTER (WHERE p), 0), 4) AS precision,
       round((count(*) FILTER (WHERE truth AND p))::numeric /
             nullif(count(*) FILTER (WHERE truth), 0), 4) AS recall
  FROM pairs p0 JOIN fps a ON a.id = p0.a JOIN fps b ON b.id = p0.b,
       LATERAL (VALUES (0.3), (0.35), (0.4), (0.45), (0.5), (0.55), (0.6), (0.65), (0.7)) v(t),
       LATERAL (SELECT same_story(a.f, b.f, t::float8) AS p) q
 GROUP BY t ORDER BY t;

\echo 'Recall of same_story by kind of edit (positive pairs involving that kind)'
SELECT k AS kind, count(*) AS pairs,
       count(*) FILTER (WHERE story_pred) AS found,
       round(avg((story_pred)::int)::numeric, 4) AS recall
  FROM pairs, LATERAL (VALUES (ka), (kb)) v(k)
 WHERE truth GROUP BY k ORDER BY k;

\echo 'Highest-scoring negatives (overlap of the smaller sample) and lowest-scoring positives'
(SELECT 'negative' AS pair, a, b, ka, kb, round(greatest(c_ab, c_ba)::numeric, 3) AS overlap
   FROM pairs WHERE NOT truth ORDER BY greatest(c_ab, c_ba) DESC LIMIT 3)
UNION ALL
(SELECT 'positive', a, b, ka, kb, round(greatest(c_ab, c_ba)::numeric, 3)
   FROM pairs WHERE truth ORDER BY greatest(c_ab, c_ba) LIMIT 3);

\echo 'Error of the estimates (default fingerprints) against exact full-set values'
SELECT 'similarity' AS estimate, 'all pairs' AS pairs,
       round(avg(abs(sim - sim_x))::numeric, 4) AS mae,
       round(max(abs(sim - sim_x))::numeric, 4) AS max_error
  FROM pairs
UNION ALL
SELECT 'similarity', 'positives', round(avg(abs(sim - sim_x))::numeric, 4),
       round(max(abs(sim - sim_x))::numeric, 4) FROM pairs WHERE truth
UNION ALL
SELECT 'containment', 'all pairs, both ways',
       round(avg((abs(c_ab - c_ab_x) + abs(c_ba - c_ba_x)) / 2)::numeric, 4),
       round(max(greatest(abs(c_ab - c_ab_x), abs(c_ba - c_ba_x)))::numeric, 4) FROM pairs
UNION ALL
SELECT 'containment', 'positives, both ways',
       round(avg((abs(c_ab - c_ab_x) + abs(c_ba - c_ba_x)) / 2)::numeric, 4),
       round(max(greatest(abs(c_ab - c_ab_x), abs(c_ba - c_ba_x)))::numeric, 4)
  FROM pairs WHERE truth;

\echo 'The example pair (kind "example": Kyiv Post copy, then Moscow Times copy)'
SELECT round(similarity(a.f, b.f)::numeric, 3) AS similarity,
       round(containment(a.f, b.f)::numeric, 3) AS kyiv_in_moscow,
       round(containment(b.f, a.f)::numeric, 3) AS moscow_in_kyiv,
       same_story(a.f, b.f) AS same_story
  FROM fps a, fps b
 WHERE a.kind = 'example' AND b.kind = 'example' AND a.id < b.id;
SQL
