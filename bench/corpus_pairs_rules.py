#!/usr/bin/env python3
"""bench/corpus_pairs_rules.py -- how many of the pairs same_story finds on
the realistic corpus rules that ask more would keep (an analysis: nothing
changes)

Usage: DUMP=DIR bench/eval_corpus_pairs.sh N SEED, then
       bench/corpus_pairs_rules.py DIR

Reads DIR/articles.tsv (id, family, role, form, kind, fingerprint) and
DIR/pairs.tsv (a, b, truth, roundup) and, for every pair found (round-ups
apart), recomputes version 2's rule from the two samples (cut at the common
threshold, minimum evidence 5, a brief pair needing 0.7 of the contained
side, full evidence 12 shared hashes or 0.7; the names of a brief pair
agreed, or the pair would not have been found) with full evidence 10 (the
rule before 6 December 2026), 12, 14, 16 or 20, or the threshold raised to
0.2.  Prints true and false pairs kept, with a brief side (under 40
evidence shingles) or not.  Today's line must give the script's own
counts; a rule that asks less than the build that made the dump cannot
add pairs it did not find, so on a dump of today's build 10's line is
12's (doc/fingerprint.md, "Full evidence 12", has 10's figures).
"""
import collections
import sys

from index_decide import parse

RULES = (('full evidence 10 (before 6 December 2026)', 10, 0.12),
         ('today: full evidence 12', 12, 0.12),
         ('full evidence 14', 14, 0.12), ('full evidence 16', 16, 0.12),
         ('full evidence 20', 20, 0.12), ('threshold 0.2', 12, 0.2))


def facts(a, b):
    ha, na, ta = a
    hb, nb, tb = b
    tau = min(ha[-1] if ta else 1 << 40, hb[-1] if tb else 1 << 40)
    sa = [h for h in ha if h <= tau]
    sb = [h for h in hb if h <= tau]
    shared = len(set(sa) & set(sb))
    shares = [shared / len(s) for s in (sa, sb) if s]
    return shared, shares, na < 40 or nb < 40


def holds(shared, shares, brief, full, t):
    if shared < 5:
        return False
    t = max(t, 0.7) if brief else t
    return any(s >= t and (shared >= full or s >= 0.7) for s in shares)


def main():
    d = sys.argv[1]
    arts = {}
    for line in open(d + '/articles.tsv'):
        f = line.rstrip('\n').split('\t')
        arts[f[0]] = parse(f[5])
    kept = collections.Counter()
    for line in open(d + '/pairs.tsv'):
        a, b, truth, roundup = line.rstrip('\n').split('\t')
        if roundup == 't':
            continue
        shared, shares, brief = facts(arts[a], arts[b])
        for name, full, t in RULES:
            if holds(shared, shares, brief, full, t):
                kept[(name, truth == 't', brief)] += 1
    print('rule | true pairs (brief side, longer) | false pairs (brief side, longer)')
    for name, _, _ in RULES:
        print('%s | %d (%d, %d) | %d (%d, %d)' % (
            name, kept[(name, True, True)] + kept[(name, True, False)],
            kept[(name, True, True)], kept[(name, True, False)],
            kept[(name, False, True)] + kept[(name, False, False)],
            kept[(name, False, True)], kept[(name, False, False)]))


if __name__ == '__main__':
    main()
