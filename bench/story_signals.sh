#!/usr/bin/env bash
# bench/story_signals.sh -- would an editor's reading of a pair part what
# the story rule cannot?  Text signals of the links cluster_stories() makes,
# and of every rewrite version against its wire item
#
# Usage: scripts/with-server.sh bench/story_signals.sh [N]
#    or: bench/story_signals.sh [N]  (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
# Environment: SEED (default 11: N generated articles, default 20,000),
#              SETS (default "demo gen wikinews"; also dev), HALF (the
#              Wikinews half whose links are read: dev, the default, blind
#              or all; read the blind half once), WINDOW and ARGS as in
#              bench/story_scale_quality.sh (WINDOW=NULL gives the
#              generator's links of unrelated items that the window parts).
#
# Issue 13 asks ARI 0.9 and no cluster that mixes two planted stories on
# the demo sample and the rewrite set's blind split.  What is left in the
# way (doc/stories.md, "Late copies, and issue 13's errors one by one") is
# independent reports that share a written source with the wire item, and
# follow-ups that repeat an earlier article's background paragraph, joined;
# and recasts of the wire that share less of its evidence than those,
# missed.  The rule sees two fingerprints.  This script measures, without
# changing the rule, what the texts would add: it clusters each set of
# bench/story_sets.sql with cluster_stories() (publication order; WINDOW,
# ARGS), takes the partial versions it makes (neither tiny, 40 evidence
# shingles, and the shared sampled hashes under 0.5 of both samples, as
# bench/story_boilerplate.sh does), and every version of the demo's rewrite
# stories against its wire item (the blind split left out), and hands
# their cleaned texts to bench/story_signals.py, which computes where the
# shared passages sit, how much of them is quotation, whether the rest of
# the member is new reporting or the leader said again, prints each
# signal by class, and what two rules built on them would refuse and admit
# (first order, and the demo's ARI if they were applied).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-20000}
SETS=${SETS:-demo gen wikinews}
# shellcheck source=bench/story_sets.sh
. bench/story_sets.sh
story_set_files

story_sets_psql <<'SQL'
\i bench/story_cluster_sets.sql

-- partial versions: neither tiny, shared hashes under 0.5 of both samples
CREATE TEMP TABLE links AS
SELECT c.set, c.id AS m, c.story AS l,
	   CASE WHEN a.truth = b.truth THEN 'right'
			WHEN a.events && b.events THEN 'one event'
			ELSE 'unrelated' END AS class,
	   newsprint.shingle_count(a.fp) AS m_shingles, newsprint.shingle_count(b.fp) AS l_shingles,
	   newsprint.containment(a.fp, b.fp) AS c_ml, newsprint.containment(b.fp, a.fp) AS c_lm
FROM leader c JOIN sets a ON a.set = c.set AND a.id = c.id
JOIN sets b ON b.set = c.set AND b.id = c.story
WHERE c.id <> c.story
  AND newsprint.shingle_count(a.fp) >= 40 AND newsprint.shingle_count(b.fp) >= 40
  AND newsprint.containment(a.fp, b.fp) < 0.5 AND newsprint.containment(b.fp, a.fp) < 0.5
  AND (c.set <> 'wikinews' OR :'half' = 'all' OR b.half = :'half');

-- every version of a rewrite story against its wire item, in each set
-- that holds them (demo, dev, blind)
CREATE TEMP TABLE versions AS
SELECT a.set, v.id AS m, w.id AS wire, v.label, cv.story = cw.story AS linked,
	   newsprint.containment(a.fp, b.fp) AS c_ml, newsprint.containment(b.fp, a.fp) AS c_lm
FROM sample v JOIN sample w ON w.label = 'wire' AND w.truth = substr(v.truth, 1, 3)
JOIN sets a ON a.id = v.id AND a.set IN ('demo', 'dev', 'blind')
JOIN sets b ON b.set = a.set AND b.id = w.id
JOIN leader cv ON cv.set = a.set AND cv.id = v.id
JOIN leader cw ON cw.set = a.set AND cw.id = w.id
WHERE v.label IN ('wholly', 'partially', 'none');

\echo 'partial versions by set and class'
SELECT set, class, count(*) AS links FROM links GROUP BY set, class ORDER BY set, class;
\echo 'rewrite versions by set and label: joined to their wire item''s story or not'
SELECT set, label, count(*) FILTER (WHERE linked) AS joined, count(*) FILTER (WHERE NOT linked) AS apart
FROM versions GROUP BY set, label ORDER BY set, label;

CREATE TEMP TABLE texts AS
SELECT n.set, n.id,
	   newsprint.clean(CASE n.set WHEN 'gen' THEN (SELECT body FROM gen g WHERE g.id = n.id)
					   WHEN 'wikinews' THEN (SELECT body FROM wn w WHERE w.id = n.id)
					   ELSE (SELECT body FROM sample s WHERE s.id = n.id) END) AS body
FROM (SELECT set, m AS id FROM links UNION SELECT set, l FROM links
	  UNION SELECT set, m FROM versions UNION SELECT set, wire FROM versions) n;
\set f :tmp '/links.tsv'
\set q '\\copy links TO ' :'f'
:q
\set f :tmp '/versions.tsv'
\set q '\\copy (SELECT set, m, wire, label, linked, c_ml, c_lm FROM versions) TO ' :'f'
:q
\set f :tmp '/texts.tsv'
\set q '\\copy texts TO ' :'f'
:q
\set f :tmp '/clusters.tsv'
\set q '\\copy (SELECT c.set, c.id, c.story, s.truth FROM leader c JOIN sets s USING (set, id) WHERE c.set IN (''demo'', ''dev'', ''blind'')) TO ' :'f'
:q
SQL
python3 bench/story_signals.py "$STORY_DIR"
