#!/usr/bin/env python3
# bench/wikinews_copies.py -- Wikinews articles and edited copies, as COPY text
#
# Usage: python3 bench/wikinews_copies.py articles.jsonl N > rows.tsv
#
# One row per article (id, 'orig', NULL, text), then for each of the first N
# articles one edited copy (100000 + id, 'copy', id, text) made the way
# republished copies differ: a site's furniture around it, one paragraph
# dropped (of those with four or more), two paragraphs swapped, a few words
# changed (house style), the headline missing, and half of the copies
# hard-wrapped at 72 columns.  Deterministic (fixed seed).
import json
import random
import sys

FURNITURE_TOP = ['Home | News | World | Business | Sport', 'Advertisement']
FURNITURE_BOTTOM = ['Share this story', 'Read more:', 'Sign up for our morning briefing',
                    'Copyright 2024 The Daily Example. All rights reserved.']
STYLE = [(' per cent', '%'), (' said ', ' told reporters '), ('Monday', 'on Monday'),
         (' United States', ' US'), (' about ', ' around '), (' more than ', ' over ')]


def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')


def wrap(text, width):
    out = []
    for para in text.split('\n\n'):
        line = ''
        lines = []
        for w in para.split():
            if line and len(line) + 1 + len(w) > width:
                lines.append(line)
                line = w
            else:
                line = (line + ' ' + w) if line else w
        if line:
            lines.append(line)
        out.append('\n'.join(lines))
    return '\n\n'.join(out)


def edit(text, rnd):
    paras = [p for p in text.split('\n\n') if p.strip()]
    if len(paras) >= 4:
        del paras[rnd.randrange(1, len(paras))]
    if len(paras) >= 3:
        i = rnd.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    body = '\n\n'.join(paras)
    for a, b in rnd.sample(STYLE, 3):
        body = body.replace(a, b, 1)
    if rnd.random() < 0.5:
        body = wrap(body, 72)
    return '\n'.join(FURNITURE_TOP) + '\n\n' + body + '\n\n' + '\n'.join(FURNITURE_BOTTOM) + '\n'


def main():
    src, n = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(20261204)
    arts = []
    with open(src, encoding='utf-8') as f:
        for line in f:
            a = json.loads(line)
            arts.append((int(a['id']), a['text']))
    for i, text in arts:
        sys.stdout.write('%d\torig\t\\N\t%s\n' % (i, esc(text)))
    for i, text in arts[:n]:
        sys.stdout.write('%d\tcopy\t%d\t%s\n' % (100000 + i, i, esc(edit(text, rnd))))


if __name__ == '__main__':
    main()
