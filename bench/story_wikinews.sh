#!/usr/bin/env bash
# bench/story_wikinews.sh -- stories on real news: cluster_stories() and
# assign_story() over the 2,312 English Wikinews articles, scored against
# two sets of hand labels
#
# Usage: scripts/with-server.sh bench/story_wikinews.sh [articles.jsonl]
#    or: bench/story_wikinews.sh ...   (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
# Environment: ARGS (more arguments of cluster_stories(), assign_story()
#              and story_match(), e.g. "min_named => 2"); WINDOW (the time
#              window: an interval, or NULL for none; unset: the default of
#              cluster_stories(), see bench/story_window.sql); HALF=dev
#              prints the development half only (use it while choosing; the
#              blind half is read once); LIST=1 also lists every cluster,
#              with each member's date, score and labels, and every joined
#              pair with its kind.
#
# Reads the project's shared copy of English Wikinews (CC BY 2.5, Wikinews
# contributors; default /work/shared/data/wikinews/articles.jsonl, not in the
# repository), loads each article as body with fp = fingerprint(body)
# (cleaned, as the README loads articles) and a time: the copy's "date" (a
# day) at 12:00 UTC, NULL for the 1,996 of 2,312 that have none.  With the
# 20-hour window two dated articles may then join only on the same day, or
# the next day (24 hours off) as a late or next-day copy; the undated come
# last and have no time test against anything.  Then:
#   - cluster_stories() at its defaults in order of that time, then id
#     (which is the file's order: dated articles by date, then the undated);
#   - assign_story() in the same order into a leaders table with an npidx
#     index, with the same arguments: its stories, and the articles whose
#     story (as a set of members) differs from the batch's;
#   - story_match() of every later article against every earlier one, given
#     both times (the pairs the story rule joins: a pair with an undated
#     article has no time test, and short items must then agree in their
#     names and figures), and 0.1's rule (components of is_same_story) for
#     comparison.
# Scored against two sets of hand labels (see test/data/stories/README.md):
#   - test/data/stories/wikinews_labels.tsv (threads and reports, made on
#     5 December 2026): a pair is "same" (one report: a copy, update or
#     rewrite) when its two articles share a report label, "follow-up" (a
#     later report on the same running story by the same site) when they
#     share a thread only, else "unrelated"; a cluster is "unrelated" when
#     two of its members are unrelated, "same" when all its members are one
#     report, else "follow-up".  Follow-ups are counted apart: not as
#     unrelated (the issue's goal is no cluster of unrelated items) and not
#     as copies either;
#   - test/data/stories/wikinews_events.tsv (events and topics, made on
#     8 December 2026): a cluster is "same" when all its members report one
#     event, "related" when they share a topic but not an event, else
#     "unrelated"; a join (a member and its story's first article)
#     likewise, with the precision of joins (same / all) and the largest
#     cluster's label.
# An article without a label is a story (an event, a topic) of its own.
# Every figure is given for the development half, the blind half (a cluster
# goes by its first article's thread, a pair or a join by its earlier
# article's) and all.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/shared/data/wikinews/articles.jsonl}
[ -r "$src" ] || { echo "cannot read $src" >&2; exit 2; }
labels=test/data/stories/wikinews_labels.tsv
events=test/data/stories/wikinews_events.tsv

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$src" >"$tmp/articles.tsv" <<'PY'
import json, sys
def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
for line in open(sys.argv[1], encoding='utf-8'):
    a = json.loads(line)
    print('%d\t%s\t%s\t%s' % (a['id'], esc(a['title']) if a['title'] else '\\N',
                              a['date'] or '\\N', esc(a['text'])))
PY

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
[ -z "${ARGS:-}" ] || echo "cluster_stories(), assign_story() and story_match() arguments: $ARGS"
psql -X -q -v ON_ERROR_STOP=1 -v args="${ARGS:+, $ARGS}" -v tmp="$tmp" -v window="${WINDOW:-}" <<'SQL'
SET client_min_messages = warning;
SET search_path = public, newsprint;
SET TimeZone = 'UTC';
\i bench/story_window.sql
CREATE TEMP TABLE wn (id bigint, title text, day date, body text);
\set f :tmp '/articles.tsv'
\set q '\\copy wn FROM ' :'f'
:q
ALTER TABLE wn ADD COLUMN published timestamptz, ADD COLUMN fp fingerprint;
UPDATE wn SET published = day + time '12:00', fp = fingerprint(body);
CREATE TEMP TABLE stories AS
	SELECT * FROM cluster_stories('wn', order_column => 'published' :args :window_arg);
-- the incremental form in the same order, with the same arguments: the
-- call is built here, where psql fills in the arguments, and run from the
-- loop below (psql does not fill in variables in a dollar-quoted body)
CREATE TEMP TABLE leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
						   published_at timestamptz);
CREATE INDEX ON leaders USING npidx (fp);
CREATE TEMP TABLE incremental (id bigint, story bigint);
SELECT set_config('np.assign_call',
				  'SELECT assign_story(''leaders'', $1, $2, $3' || :'args' ||
				  :'window_arg' || ')', false) IS NOT NULL AS assign_call_set \gset
DO $$
DECLARE
	r record;
	s bigint;
BEGIN
	FOR r IN SELECT id, fp, published FROM wn ORDER BY published, id LOOP
		EXECUTE current_setting('np.assign_call') INTO s USING r.id, r.fp, r.published;
		INSERT INTO incremental VALUES (r.id, s);
	END LOOP;
END
$$;
CREATE TEMP TABLE joined AS
	SELECT a.id AS a, b.id AS b, m AS evidence
	FROM wn a JOIN wn b ON b.id < a.id,
		 LATERAL story_match(a.fp, b.fp :args, a_time => a.published,
							 b_time => b.published,
							 time_window => (SELECT w FROM story_window)) m
	WHERE m IS NOT NULL;
CREATE TEMP TABLE single_pairs AS
	SELECT a.id AS a, b.id AS b FROM wn a JOIN wn b ON b.id < a.id
	WHERE is_same_story(a.fp, b.fp);
\set f :tmp '/single.tsv'
\set q '\\copy single_pairs TO ' :'f'
:q
\set f :tmp '/stories.tsv'
\set q '\\copy (SELECT id, story, coalesce(round(score::numeric, 3)::text, '''') FROM stories ORDER BY id) TO ' :'f'
:q
\set f :tmp '/incremental.tsv'
\set q '\\copy (SELECT id, story FROM incremental ORDER BY id) TO ' :'f'
:q
\set f :tmp '/joined.tsv'
\set q '\\copy (SELECT a, b, round(evidence::numeric, 3) FROM joined ORDER BY a, b) TO ' :'f'
:q
\set f :tmp '/titles.tsv'
\set q '\\copy (SELECT id, coalesce(day::text, ''undated''), coalesce(title, left(regexp_replace(body, ''\\s+'', '' '', ''g''), 90)) FROM wn) TO ' :'f'
:q
SQL

python3 - "$tmp" "$labels" "$events" "${HALF:-}" "${LIST:-}" <<'PY'
import sys, collections
tmp, labels, events, only, listall = sys.argv[1:6]
thread, report, half = {}, {}, {}
with open(labels, encoding='utf-8') as f:
    next(f)
    for line in f:
        p = line.rstrip('\n').split('\t')
        i = int(p[0]); thread[i] = p[1]; report[i] = int(p[2]); half[i] = p[3]
event, topic = {}, {}
with open(events, encoding='utf-8') as f:
    next(f)
    for line in f:
        p = line.rstrip('\n').split('\t')
        event[int(p[0])] = p[1]; topic[int(p[0])] = p[2]
def th(i): return thread.get(i, 'alone_%d' % i)
def rep(i): return report.get(i, i)
def hf(i): return half.get(i, 'dev' if i % 2 == 0 else 'blind')
def kind(a, b):
    if rep(a) == rep(b): return 'same'
    if th(a) == th(b): return 'follow-up'
    return 'unrelated'
def ev(i): return event.get(i, 'alone_%d' % i)
def tp(i): return topic.get(i, ev(i))
def ekind(a, b):
    if ev(a) == ev(b): return 'same'
    if tp(a) == tp(b): return 'related'
    return 'unrelated'
ERANK = {'same': 0, 'related': 1, 'unrelated': 2}
title, day = {}, {}
for line in open(tmp + '/titles.tsv', encoding='utf-8'):
    i, d, t = line.rstrip('\n').split('\t', 2); title[int(i)] = t; day[int(i)] = d
members = collections.defaultdict(list)
story, score = {}, {}
n = 0
for line in open(tmp + '/stories.tsv'):
    i, s, sc = line.rstrip('\n').split('\t')
    i, s = int(i), int(s)
    members[s].append(i); story[i] = s; score[i] = sc; n += 1
incr = {}
imembers = collections.defaultdict(list)
for line in open(tmp + '/incremental.tsv'):
    i, s = map(int, line.split('\t')); incr[i] = s; imembers[s].append(i)
pairs = []
for line in open(tmp + '/joined.tsv'):
    a, b, e = line.rstrip('\n').split('\t'); pairs.append((int(a), int(b), e))
def classify(members):
    out = []
    for s, m in members.items():
        if len(m) < 2: continue
        m.sort()
        ks = {kind(a, b) for x, a in enumerate(m) for b in m[x + 1:]}
        k = 'unrelated' if 'unrelated' in ks else 'follow-up' if 'follow-up' in ks else 'same'
        out.append((s, m, k, hf(m[0])))
    return out
def eclass(m):
    return max((ekind(a, b) for x, a in enumerate(m) for b in m[x + 1:]), key=ERANK.get)
# 0.1's rule for comparison: connected components of is_same_story
parent = {}
def find(x):
    while parent.get(x, x) != x:
        x = parent[x]
    return x
for line in open(tmp + '/single.tsv'):
    a, b = map(int, line.split('\t'))
    ra, rb = find(a), find(b)
    if ra != rb: parent[max(ra, rb)] = min(ra, rb)
comp = collections.defaultdict(list)
for i in list(parent):
    comp[find(i)].append(i)
for r in list(comp):
    if r not in comp[r]: comp[r].append(r)
single = classify(comp)
clusters = classify(members)
iclusters = classify(imembers)
halves = ['dev'] if only == 'dev' else ['dev', 'blind', 'all']
def inh(h, x): return h == 'all' or x == h
def row(name, h, cs, ps):
    cnt = collections.Counter(c[2] for c in cs)
    pc = collections.Counter(kind(a, b) for a, b, e in ps)
    print('%-7s %-6s %9d %9d %10d %10d %8d %10d %10d %8d %10d'
          % (name, h, len(cs), cnt['same'], cnt['follow-up'], cnt['unrelated'],
             max((len(c[1]) for c in cs), default=0), len(ps), pc['same'], pc['follow-up'], pc['unrelated']))
def erow(name, h, cs):
    ck = collections.Counter(eclass(c[1]) for c in cs)
    js = [(i, c[0]) for c in cs for i in c[1] if i != c[0]]
    jk = collections.Counter(ekind(i, s) for i, s in js)
    big = max((len(c[1]) for c in cs), default=0)
    bigk = '/'.join(sorted({eclass(c[1]) for c in cs if len(c[1]) == big}, key=ERANK.get)) or '-'
    print('%-11s %-6s %8d %5d %8d %10d %8d %-12s %6d %5d %8d %10d %10s'
          % (name, h, len(cs), ck['same'], ck['related'], ck['unrelated'], big, bigk,
             len(js), jk['same'], jk['related'], jk['unrelated'],
             ('%.3f' % (jk['same'] / len(js))) if js else '-'))
def setof(ms):
    """each article's story, as the set of its members"""
    return {i: frozenset(m) for m in ms.values() for i in m}
sizes = collections.Counter(len(m) for m in members.values())
print('articles %d, stories %d, clusters of 2 or more %d (%d articles), pairs the story rule joins %d'
      % (n, len(members), len(clusters), sum(len(c[1]) for c in clusters), len(pairs)))
print('cluster sizes (size x count): %s' % ', '.join('%d x %d' % (k, sizes[k]) for k in sorted(sizes)))
bset, iset = setof(members), setof(imembers)
differ = sorted(i for i in bset if iset.get(i) != bset[i])
print('assign_story() (npidx leaders table, same order and arguments): stories %d, clusters of 2 or more %d;'
      ' its story differs from the batch\'s on %d articles%s'
      % (len(imembers), len(iclusters), len(differ), (': ' + ' '.join(map(str, differ))) if differ else ''))
unlabelled = sorted({i for c in clusters for i in c[1] if i not in thread} |
                    {i for a, b, e in pairs for i in (a, b) if i not in thread})
if unlabelled:
    print('articles in a cluster or a joined pair without a thread label (counted as stories of their own):',
          ' '.join(map(str, unlabelled)))
print()
print('thread labels (%s)\n'
      'clusters: of 2 or more articles, by kind; pairs: joined by the rule (story_match of a later\n'
      'article to an earlier one; for 0.1, is_same_story), by kind' % labels)
print('%-7s %-6s %9s %9s %10s %10s %8s %10s %10s %8s %10s' % ('method', 'half', 'clusters', 'same', 'follow-up',
      'unrelated', 'largest', 'pairs', 'p_same', 'p_follow', 'p_unrel'))
for h in halves:
    row('leader', h, [c for c in clusters if inh(h, c[3])], [p for p in pairs if inh(h, hf(p[1]))])
for h in halves:
    sp = [(int(a), int(b), '') for a, b in (l.split('\t') for l in open(tmp + '/single.tsv'))]
    row('single', h, [c for c in single if inh(h, c[3])], [p for p in sp if inh(h, hf(p[1]))])
print('(leader: cluster_stories(); single: 0.1 rule, connected components of is_same_story;\n'
      ' follow-ups are counted apart, neither as unrelated nor as copies)')
nl = sorted({i for c in single for i in c[1] if i not in thread})
if nl:
    print('single: %d articles of its clusters have no label (the labels cover what the leader rule joins), so its\n'
          'unrelated counts are upper bounds: %s' % (len(nl), ' '.join(map(str, nl))))
print()
print('event labels (%s)\n'
      'clusters of 2 or more by kind (same event; related: another event of one topic; unrelated),\n'
      'the largest and its kind; joins (a member and its story\'s first article) by kind, precision\n'
      '(same / joins); batch: cluster_stories(), incremental: assign_story()' % events)
print('%-11s %-6s %8s %5s %8s %10s %8s %-12s %6s %5s %8s %10s %10s'
      % ('form', 'half', 'clusters', 'same', 'related', 'unrelated', 'largest', 'its_kind',
         'joins', 'same', 'related', 'unrelated', 'precision'))
for name, cs in (('batch', clusters), ('incremental', iclusters)):
    for h in halves:
        erow(name, h, [c for c in cs if inh(h, c[3])])
enl = sorted({i for c in clusters + iclusters if inh(halves[-1], c[3]) for i in c[1] if i not in event})
if enl:
    print('articles in a cluster without an event label (events of their own): %s' % ' '.join(map(str, enl)))
def show(c):
    print('  story %d (%s half): %d articles, %s; events: %s' % (c[0], c[3], len(c[1]), c[2], eclass(c[1])))
    for i in c[1]:
        print('    %5d %-10s %5s %-9s %-9s %s' % (i, day[i], score[i] or 'first',
                                              '' if i == c[0] else kind(i, c[0]),
                                              '' if i == c[0] else ekind(i, c[0]), title[i][:90]))
print()
sel = [c for c in clusters if inh(halves[-1], c[3])]
big = max((len(c[1]) for c in sel), default=0)
print('largest clusters (%d articles; each member: date, score to the first, thread and event kind of its\n'
      'join, title):' % big)
for c in sel:
    if len(c[1]) == big: show(c)
print()
print('clusters of unrelated items (thread labels):')
for c in sel:
    if c[2] == 'unrelated': show(c)
print()
print('pairs the story rule joins between unrelated articles (later, earlier, evidence):')
for a, b, e in pairs:
    if inh(halves[-1], hf(b)) and kind(a, b) == 'unrelated':
        print('  %5d %5d %s  %s | %s' % (a, b, e, title[a][:50], title[b][:50]))
if listall:
    print()
    print('every cluster of 2 or more:')
    for c in sorted(sel, key=lambda c: (-len(c[1]), c[0])):
        show(c)
    print()
    print('every pair the story rule joins (later, earlier, evidence, kind):')
    for a, b, e in pairs:
        if inh(halves[-1], hf(b)):
            print('  %5d %5d %s %-9s  %s | %s' % (a, b, e, kind(a, b), title[a][:45], title[b][:45]))
PY
