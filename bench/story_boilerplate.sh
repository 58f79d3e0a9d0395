#!/usr/bin/env bash
# bench/story_boilerplate.sh -- would a partial version's shared text be
# boilerplate?  A simulation of a corpus-level test on the links of
# cluster_stories()
#
# Usage: scripts/with-server.sh bench/story_boilerplate.sh [N]
#    or: bench/story_boilerplate.sh [N]  (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
# Environment: SEED (default 11: the generated corpus of
#              bench/story_scale_quality.sh, N articles, default 20,000),
#              SETS (default "gen demo wikinews"), HALF (the Wikinews half
#              whose links are counted: dev (default), blind or all; read
#              the blind half once), WINDOW and ARGS as in
#              bench/story_scale_quality.sh.
#
# The story rule judges a pair on the pair alone.  The links that make the
# clusters of unrelated items that are left at the default window are
# partial versions (neither article mostly in the other) whose shared text
# is a passage that other stories carry too: a generated sentence frame, a
# league's background paragraph, a table's heading.  An editor would call
# it boilerplate because it is everywhere, and ask a partial version for
# text of its own story.  This script measures that reading without
# changing the rule: it clusters each set with cluster_stories() at its
# defaults (publication order; WINDOW, ARGS), takes every link (a member
# and its story's leader) where neither is tiny (40 evidence shingles) and
# the shared sampled hashes are under 0.5 of both samples (the rule's
# partial versions), and counts the link's OWN hashes: shared sampled
# hashes that no leader before the member (in the order the batch reads
# them), other than its own leader, holds.  It prints every link of
# unrelated items with its figures, then, for K in 1, 3, 5, 8 and 16, how
# many links of each class a rule "a partial version shares at least K own
# hashes" would refuse.  First order only: a refused member would lead a
# story and hold its hashes for later articles, and join another leader;
# the clusters are not re-run.  The rule itself was also built in the
# batch alone (an experimental build, not kept; doc/stories.md, "Boilerplate")
# and measured exactly: it removes some generated links of unrelated items
# and makes more clusters of unrelated items on real Wikinews text, where a
# writer's template held by several leaders sends a refused member to
# another article of the same template.
#
# Sets: gen (N articles of the realistic corpus, seed SEED, fingerprint(body);
# right = one planted story, unrelated = no event in common, the classes of
# bench/story_scale_quality.sh), demo (the demo sample without the rewrite
# set's blind split: its stories whose number is divisible by 3 are left
# out before clustering), dev (the rewrite set's development split alone)
# and wikinews (the 2,312 English Wikinews articles of the shared copy, CC
# BY 2.5, dated by the copy's day, scored by test/data/stories/
# wikinews_labels.tsv as bench/story_wikinews.sh does: same report, same
# thread (a follow-up), or unrelated; a link goes by its leader's half).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-20000}
SETS=${SETS:-gen demo wikinews}
# shellcheck source=bench/story_sets.sh
. bench/story_sets.sh
story_set_files

story_sets_psql <<'SQL'
-- cluster each set at the defaults, in the batch's order
\i bench/story_cluster_sets.sql
CREATE TEMP TABLE ord AS
SELECT set, id, row_number() OVER (PARTITION BY set ORDER BY published_at NULLS LAST, id) AS pos
FROM sets;
CREATE TEMP TABLE keys AS
SELECT p.set, p.id, unnest(newsprint.npidx_keys(p.fp)) AS h FROM sets p;
CREATE INDEX ON keys (set, id);
CREATE TEMP TABLE leader_keys AS
SELECT k.set, k.h, o.pos, k.id FROM keys k JOIN leader c USING (set, id) JOIN ord o USING (set, id)
WHERE c.story = c.id;
CREATE INDEX ON leader_keys (set, h);
ANALYZE sets, leader, ord, keys, leader_keys;

-- partial versions: neither tiny, shared hashes under 0.5 of both samples
CREATE TEMP TABLE links AS
SELECT c.set, c.id AS m, c.story AS l, o.pos,
	   CASE WHEN a.truth = b.truth THEN 'right'
			WHEN a.events && b.events THEN 'one event'
			ELSE 'unrelated' END AS class,
	   coalesce(b.half, 'all') AS half,
	   newsprint.shingle_count(a.fp) AS m_shingles, newsprint.shingle_count(b.fp) AS l_shingles,
	   newsprint.containment(a.fp, b.fp) AS c_ml, newsprint.containment(b.fp, a.fp) AS c_lm
FROM leader c JOIN sets a ON a.set = c.set AND a.id = c.id
JOIN sets b ON b.set = c.set AND b.id = c.story
JOIN ord o ON o.set = c.set AND o.id = c.id
WHERE c.id <> c.story
  AND newsprint.shingle_count(a.fp) >= 40 AND newsprint.shingle_count(b.fp) >= 40
  AND newsprint.containment(a.fp, b.fp) < 0.5 AND newsprint.containment(b.fp, a.fp) < 0.5
  AND (c.set <> 'wikinews' OR :'half' = 'all' OR b.half = :'half');
CREATE TEMP TABLE link_hashes AS
SELECT l.set, l.m, l.l, km.h,
	   NOT EXISTS (SELECT 1 FROM leader_keys o
				   WHERE o.set = l.set AND o.h = km.h AND o.id <> l.l AND o.pos < l.pos) AS own
FROM links l
JOIN keys km ON km.set = l.set AND km.id = l.m
JOIN keys kl ON kl.set = l.set AND kl.id = l.l AND kl.h = km.h;
CREATE TEMP TABLE link_own AS
SELECT l.*, count(*) AS shared, count(*) FILTER (WHERE h.h & 1 = 1) AS named,
	   count(*) FILTER (WHERE h.own) AS own,
	   count(*) FILTER (WHERE h.own AND h.h & 1 = 1) AS own_named
FROM links l JOIN link_hashes h USING (set, m, l)
GROUP BY l.set, l.m, l.l, l.pos, l.class, l.half, l.m_shingles, l.l_shingles, l.c_ml, l.c_lm;

\echo 'links of unrelated items among partial versions (own: shared sampled hashes no earlier leader but its own holds)'
SELECT set, m AS member, l AS leader, m_shingles, l_shingles, round(c_ml::numeric, 3) AS c_ml,
	   round(c_lm::numeric, 3) AS c_lm, shared, named, own, own_named
FROM link_own WHERE class = 'unrelated' ORDER BY set, own, m;

\echo 'partial versions by class: own hashes (min, median), and how many a rule "at least K own hashes" refuses'
SELECT set, class, count(*) AS links, min(own) AS min_own,
	   percentile_disc(0.5) WITHIN GROUP (ORDER BY own) AS median_own,
	   count(*) FILTER (WHERE own < 1) AS k1, count(*) FILTER (WHERE own < 3) AS k3,
	   count(*) FILTER (WHERE own < 5) AS k5, count(*) FILTER (WHERE own < 8) AS k8,
	   count(*) FILTER (WHERE own < 16) AS k16
FROM link_own GROUP BY set, class ORDER BY set, class;

\echo 'the right links a rule with K = 5 would refuse'
SELECT set, m AS member, l AS leader, m_shingles, l_shingles, round(c_ml::numeric, 3) AS c_ml,
	   round(c_lm::numeric, 3) AS c_lm, shared, named, own, own_named
FROM link_own WHERE class = 'right' AND own < 5 ORDER BY set, own, m;
SQL
