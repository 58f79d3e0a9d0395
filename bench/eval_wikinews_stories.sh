#!/usr/bin/env bash
# bench/eval_wikinews_stories.sh -- the stories cluster_stories() and
# assign_story() make of 2,312 real Wikinews articles, and how many of
# their joins are one event
#
# Usage: scripts/with-server.sh bench/eval_wikinews_stories.sh [articles.jsonl]
#    or: bench/eval_wikinews_stories.sh ...   (PGHOST/PGDATABASE pointing at
#        a database where CREATE EXTENSION newsprint has been run)
# Environment: LIST=0 leaves out the list of every cluster of two or more.
#
# Reads the English Wikinews articles (CC BY 2.5, Wikinews contributors;
# default /work/shared/data/wikinews/articles.jsonl, the project's shared
# copy: it is not in the repository, so pass its path elsewhere), loads each
# as body with fp = fingerprint(body), and gives it a time: its date (a day)
# at 12:00 UTC, or NULL for the 1,996 undated articles.  So with the 20-hour
# window two dated articles may join only on the same day (0 hours apart;
# the next day is 24 hours off, past the window), or the next day as a late
# or next-day copy (0.55 of the article's evidence in the leader within two
# windows, 0.9 further); undated articles are read last (NULLs sort last)
# and have no time test against anything.  Then:
#   - cluster_stories() in that order (id breaks ties) at its defaults and
#     with time_window => NULL;
#   - assign_story() in the same order into a leaders table with an npidx
#     index, for both windows: how many stories, and on how many articles
#     the incremental story differs from the batch's;
#   - cluster sizes, the largest clusters, and every cluster of two or more
#     with its members' dates and titles (the first words for the undated,
#     which have no title);
#   - hand labels (test/data/stories/wikinews_events.tsv, see
#     test/data/stories/README.md): a cluster is `same` when all its
#     members report one event, `related` when they share a topic but not
#     an event, `unrelated` otherwise; a join (a member and its story's
#     first article) likewise; counts by label, the precision of joins
#     (same / all) and the largest cluster's label.  An article without a
#     label is an event and a topic of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/shared/data/wikinews/articles.jsonl}
[ -r "$src" ] || { echo "cannot read $src" >&2; exit 2; }
labels=test/data/stories/wikinews_events.tsv

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
psql -X -q -v ON_ERROR_STOP=1 -v tmp="$tmp" -v src="$(realpath "$src")" <<'SQL'
SET client_min_messages = warning;
SET search_path = public, newsprint;
SET TimeZone = 'UTC';
-- one JSON object a line, read whole: CSV with a quote and a delimiter
-- that JSON text cannot hold, so no character of it is interpreted
CREATE TEMP TABLE raw (j jsonb);
\set q '\\copy raw FROM ' :'src' ' WITH (FORMAT csv, QUOTE E''\\x01'', DELIMITER E''\\x02'')'
:q
CREATE TEMP TABLE wn AS
	SELECT (j->>'id')::bigint AS id, j->>'title' AS title, (j->>'date')::date AS day,
		   j->>'text' AS body
	FROM raw;
ALTER TABLE wn ADD COLUMN published timestamptz, ADD COLUMN fp fingerprint;
UPDATE wn SET published = day + time '12:00', fp = fingerprint(body);

CREATE TEMP TABLE batch AS
	SELECT 'window' AS run, * FROM cluster_stories('wn', order_column => 'published');
INSERT INTO batch
	SELECT 'none', * FROM cluster_stories('wn', order_column => 'published',
										  time_window => NULL);

CREATE TEMP TABLE leaders_w (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
							 published_at timestamptz);
CREATE INDEX ON leaders_w USING npidx (fp);
CREATE TEMP TABLE leaders_n (LIKE leaders_w INCLUDING ALL);
CREATE TEMP TABLE incr (run text, id bigint, story bigint);
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT id, fp, published FROM wn ORDER BY published, id LOOP
		INSERT INTO incr VALUES
			('window', r.id, assign_story('leaders_w', r.id, r.fp, r.published)),
			('none', r.id, assign_story('leaders_n', r.id, r.fp, r.published,
										time_window => NULL));
	END LOOP;
END
$$;
\set f :tmp '/batch.tsv'
\set q '\\copy (SELECT run, id, story, coalesce(round(score::numeric, 3)::text, '''') FROM batch ORDER BY run, id) TO ' :'f'
:q
\set f :tmp '/incr.tsv'
\set q '\\copy (SELECT run, id, story FROM incr ORDER BY run, id) TO ' :'f'
:q
\set f :tmp '/titles.tsv'
\set q '\\copy (SELECT id, coalesce(day::text, ''undated''), coalesce(title, ''['' || left(regexp_replace(body, ''\\s+'', '' '', ''g''), 80) || '']'') FROM wn) TO ' :'f'
:q
SQL

python3 - "$tmp" "$labels" "${LIST:-1}" <<'PY'
import sys, collections
tmp, labels, listall = sys.argv[1], sys.argv[2], sys.argv[3] != '0'
event, topic = {}, {}
with open(labels, encoding='utf-8') as f:
    next(f)
    for line in f:
        p = line.rstrip('\n').split('\t')
        event[int(p[0])] = p[1]
        topic[int(p[0])] = p[2]
def ev(i): return event.get(i, 'alone_%d' % i)
def tp(i): return topic.get(i, ev(i))
def kind(a, b):
    if ev(a) == ev(b): return 'same'
    if tp(a) == tp(b): return 'related'
    return 'unrelated'
RANK = {'same': 0, 'related': 1, 'unrelated': 2}
day, title = {}, {}
for line in open(tmp + '/titles.tsv', encoding='utf-8'):
    i, d, t = line.rstrip('\n').split('\t', 2)
    day[int(i)] = d; title[int(i)] = t
story = collections.defaultdict(dict)
score = collections.defaultdict(dict)
for line in open(tmp + '/batch.tsv'):
    run, i, s, sc = line.rstrip('\n').split('\t')
    story[run][int(i)] = int(s); score[run][int(i)] = sc
incr = collections.defaultdict(dict)
for line in open(tmp + '/incr.tsv'):
    run, i, s = line.rstrip('\n').split('\t')
    incr[run][int(i)] = int(s)

def clusters(assign):
    m = collections.defaultdict(list)
    for i, s in assign.items():
        m[s].append(i)
    return [sorted(v) for v in m.values()]
def ckind(c):
    return max((kind(a, b) for x, a in enumerate(c) for b in c[x + 1:]), key=RANK.get)
def joins(assign):
    return [(i, s) for i, s in assign.items() if i != s]

def summary(name, assign, other=None):
    cs = clusters(assign)
    multi = sorted((c for c in cs if len(c) > 1), key=lambda c: (-len(c), c[0]))
    sizes = collections.Counter(len(c) for c in cs)
    ck = collections.Counter(ckind(c) for c in multi)
    js = joins(assign)
    jk = collections.Counter(kind(i, s) for i, s in js)
    big = len(multi[0]) if multi else 1
    bigk = sorted({ckind(c) for c in multi if len(c) == big}, key=RANK.get) if multi else []
    unl = sorted({i for c in multi for i in c if i not in event})
    line = ('%-22s stories %4d  of 2+ %3d (%3d articles)  same %3d related %2d unrelated %2d'
            '  joins %3d: same %3d related %2d unrelated %2d  precision %s  largest %d (%s)'
            % (name, len(cs), len(multi), sum(map(len, multi)), ck['same'], ck['related'],
               ck['unrelated'], len(js), jk['same'], jk['related'], jk['unrelated'],
               ('%.3f' % (jk['same'] / len(js))) if js else '-', big, '/'.join(bigk)))
    if other is not None:
        mine, theirs = members(assign), members(other)
        diff = sum(1 for i in assign if mine[i] != theirs[i])
        line += '  differ from the batch: %d articles' % diff
    print(line)
    if unl:
        print('  without a label (events of their own): %s' % ' '.join(map(str, unl)))
    return cs, multi, sizes

def members(assign):
    """each article's cluster, as a set of ids"""
    m = collections.defaultdict(set)
    for j, s in assign.items():
        m[s].add(j)
    return {i: frozenset(m[s]) for i, s in assign.items()}

print('cluster_stories() (batch) and assign_story() (incremental, npidx leaders table),')
print('each at the 20-hour window (its default) and with time_window => NULL; clusters of')
print('two or more and joins (a member and its story\'s first article) by hand label')
print('(times: a dated article at its date\'s 12:00 UTC, so within the window only the same day,')
print(' or the next day as a next-day copy; the 1,996 undated have none and no time test)')
res = {}
for run, label in (('window', 'window 20 h'), ('none', 'no window')):
    res[run] = summary('batch, ' + label, story[run])
    summary('incremental, ' + label, incr[run], story[run])

for run, label in (('window', 'window 20 h'), ('none', 'no window')):
    cs, multi, sizes = res[run]
    print()
    print('batch, %s: cluster sizes (size x count): %s' % (
        label, ', '.join('%d x %d' % (k, sizes[k]) for k in sorted(sizes))))
    big = len(multi[0]) if multi else 0
    print('largest clusters (%d articles):' % big)
    for c in multi:
        if len(c) == big:
            print('  %s: %s' % (ckind(c), ' '.join(map(str, c))))
    if listall:
        print('every cluster of two or more (member: date, score to the first, label of its join, title):')
        for c in multi:
            print('  story %d, %d articles, %s' % (story[run][c[0]], len(c), ckind(c)))
            for i in c:
                s = story[run][i]
                print('    %5d %-10s %5s %-9s %s' % (i, day[i], score[run][i] or 'first',
                                                    '' if i == s else kind(i, s), title[i][:90]))
PY
