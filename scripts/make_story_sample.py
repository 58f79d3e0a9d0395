#!/usr/bin/env python3
"""Build test/data/stories/articles.tsv, the stories demo and test sample.

Usage: python3 scripts/make_story_sample.py WIKINEWS_JSONL > test/data/stories/articles.tsv

Run once by a maintainer (the demo and the tests read only the TSV it
wrote, never the Wikinews copy).  Deterministic: the same inputs give the
same file.  What goes in (test/data/stories/README.md):

* the 60 wire stories of test/data/rewrites, as the feed delivered them
  (wire.txt), each with every newspaper version of labels.tsv and
  labels-hard.tsv;
* 240 English Wikinews articles (CC BY 2.5, Wikinews contributors) as
  unrelated stories, 24 of them republished once by an aggregator (a new
  headline line, the last paragraph dropped) and 6 of those a second time
  by a regional site (also its first paragraph rewritten away);
* publication times over two weeks: a wire item at a random hour of its
  day, its wholly derived versions 20 minutes to 10 hours later, partially
  derived ones 2 to 20 hours later, independent reports 3 hours before to
  12 hours after; republications 1 to 30 hours after their source.

Ids follow publication order.  Columns (tab-separated, COPY text format):
id, outlet, published_at, kind, label, truth, source, body, where truth
names the planted story (a wire item and its wholly and partially derived
versions share one; an independent version is a story of its own) and
source is the file or Wikinews id the text came from.
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REWRITES = os.path.join(TOP, 'test', 'data', 'rewrites')
START = datetime(2026, 11, 2, tzinfo=timezone.utc)
DAYS = 14

# Invented mastheads for the kinds of outlet the rewrite set names
OUTLETS = {
    'broadsheet': 'The Northern Standard', 'tabloid': 'Daily Flare',
    'website': 'NewsNow Online', 'rival_wire': 'Continental Wire',
    'regional_daily': 'Midshire Daily Post', 'midmarket': 'The Daily Courier',
    'regional_evening': 'Evening Gazette', 'redtop': 'The Sun Beam',
    'us_metro': 'Metro Tribune', 'rival_agency': 'Global Press Agency',
    'international_daily': 'The International Herald',
    'freesheet': 'City Free Press', 'sports_website': 'SportsDesk',
    'regional_tv': 'Region Tonight', 'news_portal': 'NewsHub Portal',
    'intl_website': 'WorldWatch', 'financial_daily': 'The Financial Ledger',
    'business_daily': 'Business Day', 'us_tabloid': 'New York Flash',
    'us_regional': 'Valley Register', 'sunday_tabloid': 'Sunday Flare',
    'business_site': 'MarketPulse', 'broadcaster': 'National Broadcast News',
}
AGGREGATOR = 'NewsHub Portal'
REGIONAL = 'Valley Register'


def outlet_name(kind):
    return OUTLETS.get(kind, kind.replace('_', ' ').title())


def agency(wire):
    if '(Reuters)' in wire:
        return 'Reuters'
    if '(AP)' in wire or 'Associated Press' in wire:
        return 'AP'
    if '(AFP)' in wire:
        return 'AFP'
    return 'PA Media'


def esc(s):
    return (s.replace('\\', '\\\\').replace('\t', '\\t')
            .replace('\n', '\\n').replace('\r', '\\r'))


def stamp(t):
    return t.strftime('%Y-%m-%d %H:%M:%S+00')


def main():
    rng = random.Random(13)
    rows = []                   # (time, outlet, kind, label, truth, source, body)
    for d in sorted(os.listdir(REWRITES)):
        path = os.path.join(REWRITES, d)
        if not (os.path.isdir(path) and d[:2].isdigit()):
            continue
        n = int(d[:2])
        wire = open(os.path.join(path, 'wire.txt'), encoding='utf-8').read()
        t0 = START + timedelta(days=rng.randrange(DAYS), hours=rng.uniform(6, 20))
        truth = 'R%02d' % n
        rows.append((t0, agency(wire), 'wire', 'wire', truth,
                     'rewrites/%s/wire.txt' % d, wire))
        for lab in ('labels.tsv', 'labels-hard.tsv'):
            lp = os.path.join(path, lab)
            if not os.path.exists(lp):
                continue
            for line in open(lp, encoding='utf-8'):
                f = line.rstrip('\n').split('\t')
                if len(f) < 3:
                    continue
                fname, kind, label = f[0], f[1], f[2]
                body = open(os.path.join(path, fname), encoding='utf-8').read()
                if label == 'wholly':
                    t = t0 + timedelta(minutes=rng.uniform(20, 600))
                    tr = truth
                elif label == 'partially':
                    t = t0 + timedelta(hours=rng.uniform(2, 20))
                    tr = truth
                else:
                    t = t0 + timedelta(hours=rng.uniform(-3, 12))
                    tr = '%s-%s' % (truth, fname[:-4])
                rows.append((t, outlet_name(kind), 'newspaper', label, tr,
                             'rewrites/%s/%s' % (d, fname), body))

    overlapping = (307, 308, 650, 760, 1603, 1617)    # pairs the README lists
    arts = [json.loads(line) for line in open(sys.argv[1], encoding='utf-8')]
    # intact characters and ordinary news length first, then ASCII-stripped ones
    wiki = [a for a in arts if not a['ascii_stripped'] and a['id'] not in overlapping
            and len(a['text'].split()) <= 1200]
    extra = [a for a in arts if a['ascii_stripped'] and a['id'] not in overlapping
             and 150 <= len(a['text'].split()) <= 900]
    rng.shuffle(extra)
    wiki = (wiki + extra)[:240]
    for i, a in enumerate(wiki):
        t = START + timedelta(days=rng.randrange(DAYS), hours=rng.uniform(5, 23))
        title = a['title'] or a['text'].split('.')[0][:80]
        body = title + '\n\n' + a['text']
        truth = 'W%d' % a['id']
        src = 'wikinews:%d' % a['id']
        rows.append((t, 'Wikinews', 'wikinews', 'original', truth, src, body))
        if i % 10 == 0:
            paras = a['text'].split('\n\n')
            copy = 'From Wikinews: ' + title + '\n\n' + '\n\n'.join(paras[:-1] if len(paras) > 2 else paras)
            t1 = t + timedelta(hours=rng.uniform(1, 30))
            rows.append((t1, AGGREGATOR, 'aggregator', 'wholly', truth, src, copy))
            if i % 40 == 0 and len(paras) > 3:
                copy2 = title + '\n\n' + '\n\n'.join(paras[1:-1])
                rows.append((t1 + timedelta(hours=rng.uniform(1, 30)), REGIONAL,
                             'newspaper', 'wholly', truth, src, copy2))

    rows.sort(key=lambda r: (r[0], r[5], r[1]))
    out = sys.stdout
    for i, (t, outlet, kind, label, truth, src, body) in enumerate(rows, 1):
        out.write('\t'.join([str(i), esc(outlet), stamp(t), kind, label, truth,
                             esc(src), esc(body)]) + '\n')


if __name__ == '__main__':
    main()
