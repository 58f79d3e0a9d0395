#!/usr/bin/env python3
"""bench/story_roundups.py -- round-ups built from real Wikinews stories,
beside the stories' own versions, in the format of test/data/judge
(id, story, time, kind, body; COPY text) for bench/eval_judge.sh.

Usage: bench/story_roundups.py [ARTICLES.jsonl] > OUT.tsv
       scripts/with-server.sh bench/eval_judge.sh OUT.tsv

Text: English Wikinews (CC BY 2.5, Wikinews contributors,
https://en.wikinews.org/; /work/shared/data/wikinews/README.md).  The
articles of four paragraphs or more and at most 1,200 words are taken in
the file's order, six a day.  Each story is sent as one of:
  - 'orig' (the whole article) and, two hours later, 'copy' (the same under
    an agency dateline, its last paragraph cut): a copy joins its story;
  - 'first' (its first two paragraphs) and, forty minutes later, 'update'
    (the whole article under "UPDATE 1-"): an update that adds paragraphs
    to a short first item joins it;
and every third story, fourteen hours after it, after the round-ups, 'cut' (its first paragraph
alone, as a newspaper's brief).  Two round-ups a day ('roundup', a story of
their own): at 17:00 a "WORLD NEWS SUMMARY" of the first paragraphs of the
day's stories 1-3, at 18:00 one of stories 4-6.  A round-up belongs to no
story it quotes; every item of a story should end in one cluster.
"""
import datetime
import json
import sys

path = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/wikinews/articles.jsonl'
PER_DAY = 6
DAYS = 30


def esc(s):
    return s.replace('\\', '\\\\').replace('\t', ' ').replace('\r', '').replace('\n', '\\n')


def paras(a):
    return [p.strip() for p in a['text'].split('\n\n') if p.strip()]


arts = []
with open(path, encoding='utf-8') as f:
    for line in f:
        a = json.loads(line)
        p = paras(a)
        if len(p) >= 4 and len(a['text'].split()) <= 1200:
            arts.append(a)
        if len(arts) == PER_DAY * DAYS:
            break

rows = []
nid = 0


def emit(label, day, minute, kind, body):
    global nid
    nid += 1
    t = datetime.datetime(2026, 2, 1) + datetime.timedelta(days=day, minutes=minute)
    rows.append((nid, label, t.strftime('%Y-%m-%d %H:%M'), kind, body))


for d in range(DAYS):
    day = arts[d * PER_DAY:(d + 1) * PER_DAY]
    for i, a in enumerate(day):
        p = paras(a)
        label = 'wn%d' % a['id']
        t = 6 * 60 + i * 60
        if i % 2 == 0:
            emit(label, d, t, 'orig', '\n'.join(p))
            emit(label, d, t + 120, 'copy',
                 'LONDON (WNS) - ' + '\n'.join(p[:-1]))
        else:
            emit(label, d, t, 'first', '\n'.join(p[:2]))
            emit(label, d, t + 40, 'update', '\n'.join(p))
        if i % 3 == 0:
            emit(label, d, t + 840, 'cut', p[0])
    for r, part in enumerate((day[:3], day[3:])):
        body = ['WORLD NEWS SUMMARY'] + ['- ' + paras(a)[0] for a in part]
        emit('roundup-%d-%d' % (d + 1, r + 1), d, 17 * 60 + 60 * r, 'roundup',
             '\n'.join(body))

for row in sorted(rows, key=lambda r: (r[2], r[0])):
    sys.stdout.write('%d\t%s\t%s\t%s\t%s\n' % (row[0], esc(row[1]), row[2], row[3], esc(row[4])))
