#!/usr/bin/env python3
"""bench/wire_rules.py -- candidate rules of same_story on the wire-shaped
sets, without a server

Usage: bench/wire_rules.py DUMP [DUMP...] [--rule NAME ...]

DUMP is what `DUMP=FILE bench/eval_wire_duplicates.sh SET.tsv` wrote (id,
item, kind, label, fingerprint literal).  For each rule of
bench/corpus_misses.py's RULES (default: all of them tried against these
sets: current, one_word_names, brief_named_discount, across_switch,
across_switch_one_name), prints the duplicates found (orig against each
text labelled dup), the different-story pairs of one format taken (a text
labelled other against every text of its item) and the pairs of texts of
different items taken, with the duplicates missed.  Run it on the
development halves only.
"""
import argparse
import collections
import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_misses as cm  # noqa: E402

DEFAULT = ['current', 'one_word_names', 'brief_named_discount',
           'across_switch', 'across_switch_one_name']


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            id_, item, kind, label, lit = line.rstrip('\n').split('\t')
            rows.append(dict(id=int(id_), item=int(item), kind=kind,
                             label=label, fp=cm.parse_fp(lit)))
    return rows


def score(rows, rule):
    by = collections.defaultdict(list)
    for r in rows:
        by[r['item']].append(r)
    pos = found = neg = taken = 0
    missed = []
    for item, rs in sorted(by.items()):
        orig = [r for r in rs if r['kind'] == 'orig'][0]
        for d in rs:
            if d['label'] == 'dup':
                pos += 1
                if rule(orig['fp'], d['fp']):
                    found += 1
                else:
                    missed.append(f"{item}:{d['kind']}")
        for x in rs:
            if x['label'] != 'other':
                continue
            for y in rs:
                if y['label'] != 'other':
                    neg += 1
                    taken += rule(x['fp'], y['fp'])
    cross = sum(1 for p, q in itertools.combinations(rows, 2)
                if p['item'] != q['item'] and
                set(p['fp'][1]) & set(q['fp'][1]) and rule(p['fp'], q['fp']))
    return pos, found, neg, taken, cross, missed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dump', nargs='+')
    ap.add_argument('--rule', action='append', default=[])
    args = ap.parse_args()
    for path in args.dump:
        rows = load(path)
        print(path)
        for name in args.rule or DEFAULT:
            pos, found, neg, taken, cross, missed = score(rows, cm.RULES[name])
            print(f'  {name}: duplicates found {found} of {pos}; other-story '
                  f'pairs taken {taken} of {neg}; pairs of different items '
                  f'taken {cross}; missed {" ".join(missed) or "none"}')


if __name__ == '__main__':
    sys.exit(main())
