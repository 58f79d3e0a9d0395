#!/usr/bin/env bash
# bench/story_recurring.sh -- stories of recurring wire items: what the story
# rule does with items of one series (a central bank's daily operation, a
# weekly auction, a daily price table) that differ only in figures and
# dates, and with their same-story versions (re-sends, corrections, relays,
# write-throughs)
#
# Usage: scripts/with-server.sh bench/story_recurring.sh
#    or: bench/story_recurring.sh   (PGHOST/PGDATABASE pointing at a database
#        where CREATE EXTENSION newsprint has been run)
# Environment: ARGS (more arguments of cluster_stories() and story_match(),
#              e.g. "min_named => 4", or "time_window => '1 day'", which
#              story_match() applies when given the items' times; without
#              them it is the rule of a pair without a time test); CARGS
#              (more arguments of cluster_stories() alone);
#              HALF=dev (the default) prints the development series only,
#              HALF=blind the blind ones, HALF=all both (run blind once, at
#              the end); LIST=1 lists every cluster of two or more and every
#              pair the rule joins; DUMP=DIR writes the links of clusters of
#              unrelated items and their texts there (links.tsv, texts.tsv,
#              shingles.tsv) and prints bench/story_wrong_links.py's account
#              of every shared sampled hash; DATA (another file in the same
#              format, e.g. test/data/stories/recurring_intraday.tsv: items
#              sent more than once a day, a check with no split: use
#              HALF=all).
#
# Loads test/data/stories/recurring.tsv (30 invented series, see that
# directory's README), fingerprints each item with fingerprint(body)
# (cleaned, as the README loads articles), and, for each half apart
# (development: series whose number is not divisible by 3; blind: the
# others; the split was fixed before any result was read):
#   - clusters it with cluster_stories() in publication order
#     (order_column => 'published_at') at the defaults (plus ARGS);
#   - computes story_match() of every later item against every earlier one,
#     given the two items' times (a_time, b_time: the time window applies,
#     as in cluster_stories()), and without them (the rule alone, as 0.2's
#     story_match() before it took times).
# Truth: an item and its versions (the same series, the same date) are one
# story; two items of one series on different days are unrelated, as are
# items of two series.  Reported: ARI and pair precision and recall
# (bench/story_eval.sql), clusters of unrelated items (of one series, over
# several days, or across series), the largest cluster and what it holds,
# the same-story versions joined to their item's story or missed (by kind),
# and the pairs the rule joins, by kind (same story, one series on other
# days, two series).
set -euo pipefail
cd "$(dirname "$0")/.."
HALF=${HALF:-dev}
case "$HALF" in dev|blind|all) ;; *) echo "HALF is dev, blind or all" >&2; exit 2;; esac
data=${DATA:-test/data/stories/recurring.tsv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod a+rwx "$tmp"

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'); $data, half: $HALF"
[ -z "${ARGS:-}" ] || echo "cluster_stories() and story_match() arguments: $ARGS"
[ -z "${CARGS:-}" ] || echo "cluster_stories() arguments: $CARGS"
psql -X -q -v ON_ERROR_STOP=1 -v args="${ARGS:+, $ARGS}" -v cargs="${ARGS:+, $ARGS}${CARGS:+, $CARGS}" \
	-v tmp="$tmp" -v half="$HALF" -v data="$(cd "$(dirname "$data")" && pwd)/$(basename "$data")" <<'SQL'
\pset footer off
SET client_min_messages = warning;
SET search_path = public, newsprint;
SET np.args = :'cargs';
CREATE TEMP TABLE rec (id bigint, published_at timestamptz, series text, truth text,
	kind text, outlet text, body text);
\set q '\\copy rec FROM ' :'data'
:q
ALTER TABLE rec ADD COLUMN fp fingerprint, ADD COLUMN half text;
UPDATE rec SET fp = fingerprint(body),
	half = CASE WHEN substr(series, 2)::int % 3 = 0 THEN 'blind' ELSE 'dev' END;
DELETE FROM rec WHERE :'half' <> 'all' AND half <> :'half';

-- each half clustered apart, in publication order
CREATE TEMP TABLE one_half (id bigint, published_at timestamptz, fp fingerprint);
CREATE TEMP TABLE c (half text, id bigint, story bigint, score float8);
DO $$
DECLARE
	h text;
BEGIN
	FOR h IN SELECT DISTINCT half FROM rec LOOP
		TRUNCATE one_half;
		INSERT INTO one_half SELECT id, published_at, fp FROM rec WHERE half = h;
		EXECUTE 'INSERT INTO c SELECT $1, x.id, x.story, x.score
				 FROM cluster_stories(''one_half'', order_column => ''published_at'''
				|| current_setting('np.args') || ') x' USING h;
	END LOOP;
END
$$;
-- story_match of every later item against every earlier one of its half,
-- with the items' times (evidence) and without them (untimed)
CREATE TEMP TABLE joined AS
SELECT a.id AS a, b.id AS b,
	   story_match(a.fp, b.fp :args, a_time => a.published_at, b_time => b.published_at) AS evidence,
	   story_match(a.fp, b.fp :args) AS untimed
FROM rec a JOIN rec b ON b.half = a.half AND (b.published_at, b.id) < (a.published_at, a.id)
WHERE story_match(a.fp, b.fp :args) IS NOT NULL;

CREATE TEMP TABLE story_eval_input (id bigint, truth text, story bigint);
\i bench/story_eval.sql
CREATE TEMP TABLE results (half text, articles bigint, planted_stories bigint, clusters bigint,
	ari numeric, pair_precision numeric, pair_recall numeric, mixed_clusters bigint,
	largest_cluster bigint);
DO $$
DECLARE
	h text;
BEGIN
	FOR h IN SELECT DISTINCT half FROM rec UNION ALL SELECT 'all' LOOP
		TRUNCATE story_eval_input;
		INSERT INTO story_eval_input SELECT r.id, r.truth, c.story FROM rec r JOIN c USING (id)
		WHERE h = 'all' OR r.half = h;
		INSERT INTO results SELECT h, e.* FROM pg_temp.story_eval() e;
	END LOOP;
END
$$;
\echo 'cluster_stories() against the truth (an item and its versions are one story; mixed = clusters of unrelated items)'
SELECT * FROM results WHERE :'half' = 'all' OR half = :'half' ORDER BY half;

\set f :tmp '/rec.tsv'
\set q '\\copy (SELECT id, published_at, series, truth, kind, half, shingle_count(fp), split_part(body, E''\\n'', 1) FROM rec ORDER BY id) TO ' :'f'
:q
\set f :tmp '/stories.tsv'
\set q '\\copy (SELECT id, story FROM c ORDER BY id) TO ' :'f'
:q
\set f :tmp '/joined.tsv'
\set q '\\copy (SELECT j.a, j.b, round(j.evidence::numeric, 3), round(j.untimed::numeric, 3), round(containment(x.fp, y.fp)::numeric, 3), round(containment(y.fp, x.fp)::numeric, 3), round(similarity(x.fp, y.fp)::numeric, 3) FROM joined j JOIN rec x ON x.id = j.a JOIN rec y ON y.id = j.b ORDER BY j.a, j.b) TO ' :'f'
:q
-- the pairs of one story (an item and a version, or two versions) the rule with the times does not join, with its figures
\set f :tmp '/missed.tsv'
\set q '\\copy (SELECT a.id, b.id, shingle_count(a.fp), shingle_count(b.fp), round(containment(a.fp, b.fp)::numeric, 3), round(containment(b.fp, a.fp)::numeric, 3), round(similarity(a.fp, b.fp)::numeric, 3) FROM rec a JOIN rec b ON a.truth = b.truth AND (b.published_at, b.id) < (a.published_at, a.id) WHERE NOT EXISTS (SELECT 1 FROM joined j WHERE j.a = a.id AND j.b = b.id AND j.evidence IS NOT NULL) ORDER BY a.id, b.id) TO ' :'f'
:q
-- for DUMP: the links of clusters of unrelated items, as bench/story_wrong_links.py reads them
CREATE TEMP TABLE link AS
SELECT c.id AS member, c.story AS leader FROM c JOIN rec m ON m.id = c.id JOIN rec l ON l.id = c.story
WHERE c.id <> c.story AND m.truth <> l.truth;
\set f :tmp '/links.tsv'
\set q '\\copy (SELECT k.member, k.leader, m.kind || ''/'' || m.series || ''/'' || m.truth, l.kind || ''/'' || l.series || ''/'' || l.truth, shingle_count(m.fp), shingle_count(l.fp), round(containment(m.fp, l.fp)::numeric, 3), round(containment(l.fp, m.fp)::numeric, 3), round(similarity(m.fp, l.fp)::numeric, 3), array_to_string(npidx_keys(m.fp), '',''), array_to_string(npidx_keys(l.fp), '','') FROM link k JOIN rec m ON m.id = k.member JOIN rec l ON l.id = k.leader ORDER BY k.leader, k.member) TO ' :'f'
:q
\set f :tmp '/texts.tsv'
\set q '\\copy (SELECT id, body FROM rec WHERE id IN (SELECT member FROM link UNION SELECT leader FROM link)) TO ' :'f'
:q
SQL

python3 - "$tmp" "$HALF" "${LIST:-}" <<'PY'
import sys, collections
tmp, only, listall = sys.argv[1], sys.argv[2], sys.argv[3]
meta = {}
for line in open(tmp + '/rec.tsv', encoding='utf-8'):
    i, t, series, truth, kind, half, sc, head = line.rstrip('\n').split('\t', 7)
    meta[int(i)] = dict(t=t[:16], series=series, truth=truth, kind=kind, half=half, sc=int(sc), head=head)
story = {}
members = collections.defaultdict(list)
for line in open(tmp + '/stories.tsv'):
    i, s = map(int, line.split('\t'))
    story[i] = s
    members[s].append(i)
halves = ['dev', 'blind', 'all'] if only == 'all' else [only]
def inh(h, i): return h == 'all' or meta[i]['half'] == h
def day(i): return meta[i]['truth'][4:]

def cls(m):
    truths = {meta[i]['truth'] for i in m}
    series = {meta[i]['series'] for i in m}
    if len(truths) == 1: return 'one story'
    if len(series) == 1: return 'one series, %d days' % len(truths)
    return 'across %d series' % len(series)

def show(s, m):
    print('  story %d: %d items, %s' % (s, len(m), cls(m)))
    for i in sorted(m, key=lambda i: (meta[i]['t'], i)):
        x = meta[i]
        print('    %4d %s %s %-12s %3d  %s' % (i, x['t'], x['truth'], x['kind'], x['sc'], x['head'][:70]))

pairs = []
for line in open(tmp + '/joined.tsv'):
    a, b, e, u, cab, cba, sim = line.rstrip('\n').split('\t')
    a, b = int(a), int(b)
    k = 'same' if meta[a]['truth'] == meta[b]['truth'] else 'series' if meta[a]['series'] == meta[b]['series'] else 'cross'
    pairs.append((a, b, e, cab, cba, sim, k, u))
for h in halves:
    ids = [i for i in meta if inh(h, i)]
    cl = {s: m for s, m in members.items() if inh(h, s)}
    multi = {s: m for s, m in cl.items() if len(m) > 1}
    kinds = collections.Counter('one' if cls(m) == 'one story' else 'other' for m in multi.values())
    unrel = {s: m for s, m in multi.items() if cls(m) != 'one story'}
    print()
    print('== %s: %d items of %d series, %d stories (%d items with versions); %d clusters of 2 or more' % (
        h, len(ids), len({meta[i]['series'] for i in ids}), len({meta[i]['truth'] for i in ids}),
        len({meta[i]['truth'] for i in ids if meta[i]['kind'] != 'item'}), len(multi)))
    print('clusters of unrelated items: %d (one series over several days %d, across series %d); of one story %d' % (
        len(unrel), sum(1 for m in unrel.values() if cls(m).startswith('one series')),
        sum(1 for m in unrel.values() if cls(m).startswith('across')), kinds['one']))
    big = max((len(m) for m in cl.values()), default=0)
    bigs = [(s, m) for s, m in sorted(cl.items()) if len(m) == big]
    print('largest cluster: %d items (%d clusters of that size: %s)' % (
        big, len(bigs), ', '.join('%d %s' % (n, k) for k, n in sorted(collections.Counter(cls(m) for s, m in bigs).items()))))
    for s, m in sorted(bigs, key=lambda sm: cls(sm[1]) == 'one story')[:3]:
        if big > 1: show(s, m)
    # versions: joined to the story of their item?
    item_of = {meta[i]['truth']: i for i in ids if meta[i]['kind'] == 'item'}
    vk = collections.Counter(); vj = collections.Counter()
    missed = []
    for i in ids:
        k = meta[i]['kind']
        if k == 'item': continue
        vk[k] += 1
        if story[i] == story[item_of[meta[i]['truth']]]: vj[k] += 1
        else: missed.append(i)
    print('same-story versions in their item\'s story: %d of %d (%s)' % (
        sum(vj.values()), sum(vk.values()),
        ', '.join('%s %d/%d' % (k, vj[k], vk[k]) for k in ['repeat', 'correction', 'relay', 'writethrough'])))
    for i in missed:
        print('  missed: %d %s %s (%d shingles), in story %d, its item %d' % (
            i, meta[i]['truth'], meta[i]['kind'], meta[i]['sc'], story[i], item_of[meta[i]['truth']]))
    ups = [p for p in pairs if inh(h, p[1])]
    ps = [p for p in ups if p[2] != '\\N']
    allsame = sum(n * (n - 1) // 2 for n in collections.Counter(meta[i]['truth'] for i in ids).values())
    for label, pl in (('with the items\' times', ps), ('without times', ups)):
        pc = collections.Counter(p[6] for p in pl)
        print('pairs story_match() joins %s (later item against earlier): %d; same story %d of %d such pairs, '
              'one series on other days %d, two series %d' % (label, len(pl), pc['same'], allsame, pc['series'], pc['cross']))
    if unrel:
        print('clusters of unrelated items:')
        for s, m in sorted(unrel.items()):
            show(s, m)
    bad = [p for p in (ups if listall else ps) if p[6] != 'same']
    if bad:
        print('pairs joined between different stories%s (later, earlier, evidence, containment later in earlier, earlier in later, similarity, shingles):' % (
            ' with the times, and (LIST=1) without them' if listall else ' with the items\' times'))
        for a, b, e, cab, cba, sim, k, u in bad:
            if e == '\\N': e = '(%s without times)' % u
            print('  %4d %4d %s %s %s %s %3d %3d  %s | %s' % (a, b, e, cab, cba, sim, meta[a]['sc'], meta[b]['sc'],
                                                       meta[a]['truth'], meta[b]['truth']))
    if listall:
        print('every cluster of 2 or more:')
        for s, m in sorted(multi.items()):
            show(s, m)
print()
print('same-story pairs the rule does not join (later, earlier, shingles, containment both ways, similarity):')
for line in open(tmp + '/missed.tsv'):
    a, b, sa, sb, cab, cba, sim = line.rstrip('\n').split('\t')
    a, b = int(a), int(b)
    if inh(halves[-1], a):
        print('  %4d %4d %s %s %s %s %s  %s %s / %s' % (a, b, sa, sb, cab, cba, sim, meta[a]['truth'], meta[a]['kind'], meta[b]['kind']))
PY

if [ -n "${DUMP:-}" ]; then
	sh scripts/core_cc.sh -x src/fingerprint/fp_evidence.c -o "$tmp/evidence_dump" bench/evidence_dump.c
	"$tmp/evidence_dump" < "$tmp/texts.tsv" > "$tmp/shingles.tsv"
	mkdir -p "$DUMP" && cp "$tmp/shingles.tsv" "$tmp/links.tsv" "$tmp/texts.tsv" "$DUMP/"
	python3 bench/story_wrong_links.py "$tmp/shingles.tsv" "$tmp/links.tsv" "$tmp/texts.tsv"
fi
