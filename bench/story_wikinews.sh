#!/usr/bin/env bash
# bench/story_wikinews.sh -- stories on real news: cluster_stories() over the
# 2,312 English Wikinews articles, scored against hand labels
#
# Usage: scripts/with-server.sh bench/story_wikinews.sh [articles.jsonl]
#    or: bench/story_wikinews.sh ...   (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
# Environment: ARGS (more arguments of cluster_stories() and story_match(),
#              e.g. "min_named => 2"); WINDOW (the time window: an interval,
#              or NULL for none; unset: the default of cluster_stories(), see
#              bench/story_window.sql); HALF=dev prints the development half
#              only (use it while choosing; the blind half is read once);
#              LIST=1 also lists every cluster and every joined pair with
#              its kind.
#
# Reads the project's shared copy of English Wikinews (CC BY 2.5, Wikinews
# contributors; default /work/shared/data/wikinews/articles.jsonl, not in the
# repository), loads each article as body with fp = fingerprint(body)
# (cleaned, as the README loads articles) and its date (the copy's "date",
# a day; NULL for the 1,996 of 2,312 that have none), clusters them with
# cluster_stories() at its defaults in order of that date, then id (which
# is the file's order: dated articles by date, then the undated ones), so
# that the time window applies between dated articles, computes
# story_match() of every later article against every earlier one, given
# both dates (the pairs the story rule joins: two dated articles at most
# the window apart, with a time test; a pair with an undated article has
# none, and short items must then agree in their names and figures), and
# scores both against test/data/stories/wikinews_labels.tsv (hand labels,
# see that directory's README):
#   - a pair is "same" (one report: a copy, update or rewrite) when its two
#     articles share a report label, "follow-up" (a later report on the same
#     running story by the same site) when they share a thread only, else
#     "unrelated"; an article without a label is a story of its own;
#   - a cluster is "unrelated" when two of its members are unrelated,
#     "same" when all its members are one report, else "follow-up".
# Follow-ups are counted apart: not as unrelated (the issue's goal is no
# cluster of unrelated items) and not as copies either.  Every figure is
# given for the development half, the blind half (a cluster goes by its
# first article's thread, a pair by its earlier article's) and all.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/shared/data/wikinews/articles.jsonl}
[ -r "$src" ] || { echo "cannot read $src" >&2; exit 2; }
labels=test/data/stories/wikinews_labels.tsv

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
[ -z "${ARGS:-}" ] || echo "cluster_stories() and story_match() arguments: $ARGS"
psql -X -q -v ON_ERROR_STOP=1 -v args="${ARGS:+, $ARGS}" -v tmp="$tmp" -v window="${WINDOW:-}" <<'SQL'
SET client_min_messages = warning;
SET search_path = public, newsprint;
\i bench/story_window.sql
CREATE TEMP TABLE wn (id bigint, title text, published date, body text);
\set f :tmp '/articles.tsv'
\set q '\\copy wn FROM ' :'f'
:q
ALTER TABLE wn ADD COLUMN fp fingerprint;
UPDATE wn SET fp = fingerprint(body);
CREATE TEMP TABLE stories AS
	SELECT * FROM cluster_stories('wn', order_column => 'published' :args :window_arg);
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
\set q '\\copy (SELECT id, story FROM stories ORDER BY id) TO ' :'f'
:q
\set f :tmp '/joined.tsv'
\set q '\\copy (SELECT a, b, round(evidence::numeric, 3) FROM joined ORDER BY a, b) TO ' :'f'
:q
\set f :tmp '/titles.tsv'
\set q '\\copy (SELECT id, coalesce(title, left(regexp_replace(body, ''\\s+'', '' '', ''g''), 90)) FROM wn) TO ' :'f'
:q
SQL

python3 - "$tmp" "$labels" "${HALF:-}" "${LIST:-}" <<'PY'
import sys, collections
tmp, labels, only, listall = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
thread, report, half = {}, {}, {}
with open(labels, encoding='utf-8') as f:
    next(f)
    for line in f:
        p = line.rstrip('\n').split('\t')
        i = int(p[0]); thread[i] = p[1]; report[i] = int(p[2]); half[i] = p[3]
def th(i): return thread.get(i, 'alone_%d' % i)
def rep(i): return report.get(i, i)
def hf(i): return half.get(i, 'dev' if i % 2 == 0 else 'blind')
def kind(a, b):
    if rep(a) == rep(b): return 'same'
    if th(a) == th(b): return 'follow-up'
    return 'unrelated'
title = {}
for line in open(tmp + '/titles.tsv', encoding='utf-8'):
    i, t = line.rstrip('\n').split('\t', 1); title[int(i)] = t
members = collections.defaultdict(list)
n = 0
for line in open(tmp + '/stories.tsv'):
    i, s = map(int, line.split('\t')); members[s].append(i); n += 1
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
halves = ['dev'] if only == 'dev' else ['dev', 'blind', 'all']
def inh(h, x): return h == 'all' or x == h
def row(name, h, cs, ps):
    cnt = collections.Counter(c[2] for c in cs)
    pc = collections.Counter(kind(a, b) for a, b, e in ps)
    print('%-7s %-6s %9d %9d %10d %10d %8d %10d %10d %8d %10d'
          % (name, h, len(cs), cnt['same'], cnt['follow-up'], cnt['unrelated'],
             max((len(c[1]) for c in cs), default=0), len(ps), pc['same'], pc['follow-up'], pc['unrelated']))
print('articles %d, stories %d, clusters of 2 or more %d (%d articles), pairs the story rule joins %d'
      % (n, len(members), len(clusters), sum(len(c[1]) for c in clusters), len(pairs)))
unlabelled = sorted({i for c in clusters for i in c[1] if i not in thread} |
                    {i for a, b, e in pairs for i in (a, b) if i not in thread})
if unlabelled:
    print('articles in a cluster or a joined pair without a label (counted as stories of their own):',
          ' '.join(map(str, unlabelled)))
print()
print('clusters: of 2 or more articles, by kind; pairs: joined by the rule (story_match of a later\n'
      'article to an earlier one; for 0.1, is_same_story), by kind')
print('%-7s %-6s %9s %9s %10s %10s %8s %10s %10s %8s %10s' % ('method', 'half', 'clusters', 'same', 'follow-up',
      'unrelated', 'largest', 'pairs', 'p_same', 'p_follow', 'p_unrel'))
for h in halves:
    row('leader', h, [c for c in clusters if inh(h, c[3])], [p for p in pairs if inh(h, hf(p[1]))])
for h in halves:
    sp = [(int(a), int(b), '') for a, b in (l.split('\t') for l in open(tmp + '/single.tsv'))]
    row('single', h, [c for c in single if inh(h, c[3])], [p for p in sp if inh(h, hf(p[1]))])
print('(leader: cluster_stories() at its defaults; single: 0.1 rule, connected components of is_same_story;\n'
      ' follow-ups are counted apart, neither as unrelated nor as copies)')
nl = sorted({i for c in single for i in c[1] if i not in thread})
if nl:
    print('single: %d articles of its clusters have no label (the labels cover what the leader rule joins), so its\n'
          'unrelated counts are upper bounds: %s' % (len(nl), ' '.join(map(str, nl))))
def show(c):
    print('  story %d (%s half): %d articles, %s' % (c[0], c[3], len(c[1]), c[2]))
    for i in c[1]:
        print('    %5d %s' % (i, title[i][:100]))
print()
sel = [c for c in clusters if inh(halves[-1], c[3])]
big = max((len(c[1]) for c in sel), default=0)
print('largest clusters (%d articles):' % big)
for c in sel:
    if len(c[1]) == big: show(c)
print()
print('clusters of unrelated items:')
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
    for c in sel:
        show(c)
    print()
    print('every pair the story rule joins (later, earlier, evidence, kind):')
    for a, b, e in pairs:
        if inh(halves[-1], hf(b)):
            print('  %5d %5d %s %-9s  %s | %s' % (a, b, e, kind(a, b), title[a][:45], title[b][:45]))
PY
