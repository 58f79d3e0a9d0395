#!/usr/bin/env python3
# bench/story_spread.py -- where in the two texts the evidence of a story's
# links lies (run by bench/story_spread.sh)
#
# Usage: story_spread.py SHINGLES PAIRS
#   SHINGLES: bench/evidence_dump output for every text named in PAIRS;
#   PAIRS: lines "set<TAB>member key<TAB>leader key<TAB>t|f": the links
#       cluster_stories() made (a member and the leader of the story it
#       joined), t when the truth puts them in one story (or one event).
#
# A fingerprint keeps which evidence shingles two texts share, not where
# they lie.  This rebuilds each text's evidence set as format version 2
# does (bench/eval_evidence_rules.py, the current rule) and, for every
# link, the positions (shingle ordinals) of the shared evidence in each
# text, and prints, for the links the truth calls right and wrong: for tiny
# pairs (either text under 40 evidence shingles) their sizes, shared evidence
# and similarity; for the others the shared evidence, and its *spread*: the number of distinct windows of W
# consecutive shingles of the text that hold shared evidence (the smaller
# of the two texts' counts).  One shared sentence (a formula, a boilerplate
# paragraph) lies in one or two windows of 16; a
# partial rewrite's shared passages lie all over both texts.
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_evidence_rules import RULES, load  # noqa: E402

CLS = RULES[0][1]	# format 2 as it is


def load_names(path):
    """key -> the hashes (as evidence_positions keys them) whose shingle has
    the name bit of the fingerprint (the dump's last column)"""
    names = collections.defaultdict(set)
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            if len(p) >= 7 and p[6] == '1':
                names[p[0]].add(p[1])
    return names


def evidence_positions(shingles, names):
    """evidence hash -> first position, as NpFpBuildSketchV2 chooses the set,
    and the evidence hashes with the name bit (a name or a figure)"""
    best = {}
    first = {}
    named = set()
    for pos, (h, common, fl, words, kept) in enumerate(shingles):
        if common:
            continue
        if h in names:
            named.add(h)
        if CLS.wide and all(f & 8 for f in fl):
            h = kept
        c = CLS(fl, words)
        if h not in best or c < best[h]:
            best[h] = c
        first.setdefault(h, pos)
    count = collections.Counter(best.values())
    tier = next((c for c in (0, 1, 2) if count[c]), 2)
    with_facts = tier == 0 and count[0] < count[2]
    return ({h: first[h] for h, c in best.items() if c == tier or (with_facts and c == 2)}, named)


def quantiles(v):
    v = sorted(v)
    if not v:
        return '-'
    return ' '.join(str(v[min(len(v) - 1, int(len(v) * q))]) for q in (0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9))


def main():
    docs = load(sys.argv[1])
    bits = load_names(sys.argv[1])
    ev = {}
    names = {}
    for k, s in docs.items():
        ev[k], names[k] = evidence_positions(s, bits[k])
    links = collections.defaultdict(list)
    with open(sys.argv[2]) as f:
        for line in f:
            s, m, l, lab = line.rstrip('\n').split('\t')
            if m not in ev or l not in ev:
                continue
            a, b = ev[m], ev[l]
            shared = a.keys() & b.keys()
            row = {'shared': len(shared), 'na': len(a), 'nb': len(b),
                   'named': len(shared & names[m] & names[l])}
            for w in (8, 16, 24):
                row[w] = min(len({a[h] // w for h in shared}), len({b[h] // w for h in shared}))
            row['sim'] = round(100 * len(shared) / max(1, len(a) + len(b) - len(shared)))
            row['small'] = min(len(a), len(b))
            row['low'] = len(shared) < 0.35 * min(len(a), len(b))
            row['tiny'] = min(len(a), len(b)) < 40
            links[(s, lab)].append(row)
    print('links: set, right (t) or wrong (f), count; exact shared evidence and spread (windows of W'
          ' shingles holding shared evidence, the smaller of the two texts): min p5 p10 p25 p50 p75 p90')
    for (s, lab), rows in sorted(links.items()):
        big = [r for r in rows if not r['tiny']]
        tiny = [r for r in rows if r['tiny']]
        low = [r for r in big if r['low']]
        print(f'{s} {lab}: {len(rows)} links, {len(big)} not tiny, {len(low)} of them with shared evidence under'
              f' 0.35 of the smaller text')
        if tiny:
            print(f'  tiny ({len(tiny)})  evidence of the smaller {quantiles([r["small"] for r in tiny])}')
            print(f'  tiny ({len(tiny)})  shared    {quantiles([r["shared"] for r in tiny])}')
            print(f'  tiny ({len(tiny)})  similarity x 100 {quantiles([r["sim"] for r in tiny])}')
        for name, sel in (('not tiny', big), ('not tiny, low', low)):
            print(f'  {name:14} shared    {quantiles([r["shared"] for r in sel])}')
            print(f'  {name:14} named     {quantiles([r["named"] for r in sel])}')
            for w in (8, 16, 24):
                print(f'  {name:14} spread/{w:<2} {quantiles([r[w] for r in sel])}')
    print('links kept if a low, not tiny link needs its shared evidence in at least K windows of W shingles'
          ' of both texts')
    print('set lab ' + ' '.join(f'W{w}K{k}' for w in (8, 16, 24) for k in (2, 3, 4, 5)))
    for (s, lab), rows in sorted(links.items()):
        cells = []
        for w in (8, 16, 24):
            for k in (2, 3, 4, 5):
                cells.append(str(sum(1 for r in rows if r['tiny'] or not r['low'] or r[w] >= k)))
        print(f'{s} {lab} ' + ' '.join(cells) + f'  (of {len(rows)})')
    print('links kept if a low, not tiny link needs at least K shared evidence shingles with the'
          ' name bit (a name or a figure: NP_FP_NAME_BIT; exact sets, the rule min_named applies'
          ' to the samples)')
    print('set lab ' + ' '.join(f'K{k}' for k in range(1, 7)))
    for (s, lab), rows in sorted(links.items()):
        cells = [str(sum(1 for r in rows if r['tiny'] or not r['low'] or r['named'] >= k)) for k in range(1, 7)]
        print(f'{s} {lab} ' + ' '.join(cells) + f'  (of {len(rows)})')


if __name__ == '__main__':
    main()
