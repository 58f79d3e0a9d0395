#!/usr/bin/env bash
# bench/eval_reuse.sh -- does this article carry that wire copy?  same_story,
# containment and shared_passages on the labelled rewrite set
#
# Usage: scripts/with-server.sh bench/eval_reuse.sh [dev|blind|all]
#    or: bench/eval_reuse.sh [SPLIT]   (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
#
# Reads test/data/rewrites/ (see its README.md; stories whose number is
# divisible by 3 are the blind split) through bench/reuse_data.py and scores
# every (newspaper version, wire) pair of a story, derived (wholly or
# partially) against not derived (none), with the wire in two forms:
#   agency  wire.txt as the agency delivered it, through clean() (what a user
#           stores; improves as clean() learns agency formats)
#   ideal   wire.expected, the wire's body as a reader wants it
# It prints, for each form:
#   - same_story(version, wire) at the defaults: confusion, precision,
#     recall and F1 of both classes, macro-F1, recall per label and batch
#     ("base" = labels.tsv, "hard" = labels-hard.tsv);
#   - AUC of containment(version, wire) as a ranking of derived over none,
#     and the best macro-F1 any threshold on it gives (an upper bound, not a
#     tuned result);
#   - same_story(a, b, t) for other thresholds t;
#   - the same figures for the version 1 fingerprint (newsprint 0.1) and for
#     word-unigram containment (the naive baseline), as references;
#   - shared_passages(version, wire): pairs listed for derived and for not
#     derived versions.
# Pairs are scored only within a story: another story's wire is no harder
# than an unrelated article (see the cross-story check at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
split=${1:-dev}
case "$split" in dev|blind|all) ;; *) echo "usage: $0 [dev|blind|all]" >&2; exit 2 ;; esac

data=$(mktemp)
trap 'rm -f "$data"' EXIT
python3 bench/reuse_data.py "$split" > "$data"

{
cat <<'SQL'
\pset footer off
SET search_path = newsprint, public;
CREATE TEMP TABLE files (story int, split text, kind text, file text,
                         label text, batch text, body text);
SQL
# psql does not expand variables in \copy
echo "\\copy files FROM '$data'"
cat <<'SQL'

-- every version with both forms of its wire
CREATE TEMP TABLE pairs AS
  SELECT v.story, v.file, v.label, v.batch, v.label <> 'none' AS derived,
         f.form, v.body AS news, w.body AS wire
    FROM files v
    JOIN files w ON w.story = v.story
    CROSS JOIN LATERAL (VALUES ('agency', 'wire_txt'), ('ideal', 'wire_expected')) f(form, wkind)
   WHERE v.kind = 'version' AND w.kind = f.wkind;

CREATE TEMP TABLE scored AS
  SELECT p.*,
         fingerprint(news) AS fn, fingerprint(wire) AS fw,
         fingerprint(news, true, 160, 1) AS fn1, fingerprint(wire, true, 160, 1) AS fw1
    FROM pairs p;

CREATE TEMP TABLE s AS
  SELECT story, file, label, batch, derived, form,
         same_story(fn, fw) AS pred,
         containment(fn, fw) AS cont,
         same_story(fn1, fw1) AS pred_v1,
         containment(fn1, fw1) AS cont_v1,
         (SELECT count(DISTINCT x)::float8 / nullif((SELECT count(DISTINCT y) FROM regexp_split_to_table(lower(clean(news)), '[^[:alnum:]]+') y WHERE y <> ''), 0)
            FROM regexp_split_to_table(lower(clean(news)), '[^[:alnum:]]+') x
           WHERE x <> '' AND x IN (SELECT z FROM regexp_split_to_table(lower(clean(wire)), '[^[:alnum:]]+') z)) AS cont_uni,
         (SELECT count(*) FROM shared_passages(news, wire)) AS passages
    FROM scored;

\echo
SELECT :'split' AS split, count(DISTINCT story) AS stories,
       count(*) FILTER (WHERE label = 'wholly') / 2 AS wholly,
       count(*) FILTER (WHERE label = 'partially') / 2 AS partially,
       count(*) FILTER (WHERE label = 'none') / 2 AS "none",
       count(*) FILTER (WHERE batch = 'hard') / 2 AS "of them hard"
  FROM s;
SELECT current_setting('newsprint.same_story_threshold') AS same_story_threshold;

\echo 'same_story(version, wire) at the defaults (derived = wholly + partially)'
WITH c AS (
  SELECT form,
         count(*) FILTER (WHERE derived AND pred) AS tp,
         count(*) FILTER (WHERE NOT derived AND pred) AS fp,
         count(*) FILTER (WHERE derived AND NOT pred) AS fn,
         count(*) FILTER (WHERE NOT derived AND NOT pred) AS tn
    FROM s GROUP BY form
)
SELECT form AS wire, tp, fp, fn, tn,
       round(tp::numeric / nullif(tp + fp, 0), 3) AS precision,
       round(tp::numeric / nullif(tp + fn, 0), 3) AS recall,
       round(2 * tp::numeric / nullif(2 * tp + fp + fn, 0), 3) AS f1_derived,
       round(2 * tn::numeric / nullif(2 * tn + fn + fp, 0), 3) AS f1_none,
       round((tp::numeric / nullif(2 * tp + fp + fn, 0) + tn::numeric / nullif(2 * tn + fn + fp, 0)), 3) AS macro_f1
  FROM c ORDER BY form DESC;

\echo 'Share of versions that same_story calls derived, by label and batch (recall for wholly and partially; 1 - recall for none)'
SELECT form AS wire, label, batch, count(*) AS versions,
       round(avg(pred::int), 3) AS called_derived
  FROM s GROUP BY form, label, batch ORDER BY form DESC, label DESC, batch;

\echo 'containment(version, wire) as a ranking: AUC, and the best macro-F1 of any threshold on it'
CREATE TEMP TABLE scores AS
  SELECT form, 'containment v2' AS score, derived, batch, cont AS x FROM s
  UNION ALL SELECT form, 'containment v1 (0.1)', derived, batch, cont_v1 FROM s
  UNION ALL SELECT form, 'word unigram containment', derived, batch, cont_uni FROM s;
WITH auc AS (
  SELECT p.form, p.score,
         avg(CASE WHEN p.x > n.x THEN 1.0 WHEN p.x = n.x THEN 0.5 ELSE 0.0 END) AS auc,
         avg(CASE WHEN p.x > n.x THEN 1.0 WHEN p.x = n.x THEN 0.5 ELSE 0.0 END)
           FILTER (WHERE p.batch = 'hard' AND n.batch = 'hard') AS auc_hard
    FROM scores p JOIN scores n ON n.form = p.form AND n.score = p.score
   WHERE p.derived AND NOT n.derived
   GROUP BY 1, 2
), f1 AS (
  SELECT form, score, max(m) AS best_macro_f1
    FROM (SELECT t.form, t.score, t.x AS thr,
                 (count(*) FILTER (WHERE u.derived AND u.x >= t.x))::numeric /
                   nullif(count(*) FILTER (WHERE u.derived) + count(*) FILTER (WHERE u.x >= t.x), 0)
               + (count(*) FILTER (WHERE NOT u.derived AND u.x < t.x))::numeric /
                   nullif(count(*) FILTER (WHERE NOT u.derived) + count(*) FILTER (WHERE u.x < t.x), 0) AS m
            FROM (SELECT DISTINCT form, score, x FROM scores) t
            JOIN scores u ON u.form = t.form AND u.score = t.score
           GROUP BY 1, 2, 3) q
   GROUP BY 1, 2
)
SELECT auc.form AS wire, auc.score, round(auc.auc, 3) AS auc, round(auc.auc_hard, 3) AS auc_hard_batch,
       round(f1.best_macro_f1, 3) AS best_macro_f1
  FROM auc JOIN f1 USING (form, score) ORDER BY 1 DESC, 2;

\echo 'same_story at the defaults of the version 1 fingerprint (newsprint 0.1), for reference'
WITH c AS (
  SELECT form,
         count(*) FILTER (WHERE derived AND pred_v1) AS tp,
         count(*) FILTER (WHERE NOT derived AND pred_v1) AS fp,
         count(*) FILTER (WHERE derived AND NOT pred_v1) AS fn,
         count(*) FILTER (WHERE NOT derived AND NOT pred_v1) AS tn
    FROM s GROUP BY form
)
SELECT form AS wire, tp, fp, fn, tn,
       round((tp::numeric / nullif(2 * tp + fp + fn, 0) + tn::numeric / nullif(2 * tn + fn + fp, 0)), 3) AS macro_f1
  FROM c ORDER BY form DESC;

\echo 'same_story(version, wire, t) for other thresholds t: macro-F1'
SELECT t AS threshold,
       round(max(m) FILTER (WHERE form = 'agency'), 3) AS agency,
       round(max(m) FILTER (WHERE form = 'ideal'), 3) AS ideal
  FROM (SELECT form, t,
               (count(*) FILTER (WHERE is_derived AND p))::numeric /
                 nullif(count(*) FILTER (WHERE is_derived) + count(*) FILTER (WHERE p), 0)
             + (count(*) FILTER (WHERE NOT is_derived AND NOT p))::numeric /
                 nullif(count(*) FILTER (WHERE NOT is_derived) + count(*) FILTER (WHERE NOT p), 0) AS m
          FROM scored,
               LATERAL (VALUES (0.08), (0.1), (0.12), (0.14), (0.16), (0.2), (0.3)) v(t),
               LATERAL (SELECT same_story(fn, fw, t::float8) AS p) q,
               LATERAL (SELECT scored.label <> 'none' AS is_derived) d
         GROUP BY form, t) x
 GROUP BY t ORDER BY t;

\echo 'shared_passages(version, wire): sentence pairs listed'
SELECT form AS wire, label,
       count(*) AS versions,
       round(avg(passages), 2) AS avg_pairs,
       round(avg((passages > 0)::int), 3) AS with_any,
       round(avg((passages >= 3)::int), 3) AS with_3_or_more
  FROM s GROUP BY form, label ORDER BY form DESC, label DESC;

\echo 'Cross-story check: versions against the other stories'' wires (ideal form): none should be same_story'
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE same_story(a.fn, b.fw)) AS same_story,
       round(max(greatest(containment(a.fn, b.fw), containment(b.fw, a.fn)))::numeric, 3) AS max_containment
  FROM scored a JOIN (SELECT DISTINCT ON (story) story, fw FROM scored WHERE form = 'ideal') b
    ON b.story <> a.story
 WHERE a.form = 'ideal';
SQL
} | psql -X -q -v ON_ERROR_STOP=1 -v split="$split"
