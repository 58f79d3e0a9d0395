#!/usr/bin/env python3
"""bench/corpus_misses.py -- which planted copy pairs of the realistic
corpus same_story misses, by the edits that made them and by the part of
the rule that refused them

Usage: bench/corpus_misses.py DUMP_DIR TRUTH.tsv CORPUS.tsv [--list N]
         [--rule NAME] [--switch-cost]

DUMP_DIR is what `DUMP=DIR bench/eval_corpus_pairs.sh N SEED` wrote
(articles.tsv: id, family, role, form, kind, fingerprint literal;
pairs.tsv: the pairs the index lookups found); TRUTH.tsv and CORPUS.tsv
come from `bench/corpus.sh gen N CORPUS TRUTH -- -a` with the same SEED
(bench/corpus_misses.sh runs all three).  Run it on the development seed
only.

The rule is recomputed here from the samples, as NpFingerprintHolds
(src/fingerprint/fingerprint_sql.c) decides it: both samples cut at their
common tau, then for each direction (the contained side compared on n
hashes, I shared):
    I >= 5                                  minimum evidence
    brief pair (either nshingles < 40): I / n >= max(t, 0.7)
    otherwise: I >= 12 or I / n >= 0.7      full evidence (10 before
                                            6 December 2026)
    I / n >= t (0.12)                       threshold
and, for a brief pair, the names rule (doc/fingerprint.md, "Names in a
brief"): of the compared hashes with the name bit, the side with fewer
finds a quarter of them, and at least one, in the other; a side with none
agrees with a side with none or a side that is no brief.  The script
checks that it agrees with the pairs found.  A missed pair
is put under the first of these tests that its better direction fails,
and also under the rule that would have found it had that test alone been
dropped.  --rule NAME scores a candidate change of the rule on every pair
of the corpus (copy recall and false pairs, round-ups apart) without a
server; the names are listed in RULES below.  --switch-cost counts the
index candidates the rule across_switch would add (switch_cost).
"""
import argparse
import collections
import sys

T = 0.12
MIN_EV = 5
FULL_EV = 12
BRIEF_N = 40
BRIEF_SHARE = 0.7
NAMES_SHARE = 0.25


def parse_fp(lit):
    # v2:w3:k256:n52:<hex>[:m<32 hex>[:f<hex>][:p<hex>]] (the names, the
    # figures and the places are not read here)
    parts = lit.split(':')
    if parts[-1].startswith('p'):
        parts.pop()
    if parts[-1].startswith('f'):
        parts.pop()
        parts.pop()
    if parts[-1].startswith('m'):
        parts.pop()
    tail = parts.pop()
    n = int(parts[3][1:])
    hs = [int(tail[i:i + 8], 16) for i in range(0, len(tail), 8)]
    return n, hs


def cut_samples(a, b):
    """The two samples cut at their common tau, as NpFpCompare does."""
    na, ha = a
    nb, hb = b
    la = ha[-1] if na > len(ha) else None
    lb = hb[-1] if nb > len(hb) else None
    lims = [x for x in (la, lb) if x is not None]
    tau = min(lims) if lims else None
    if tau is not None:
        ha = [x for x in ha if x <= tau]
        hb = [x for x in hb if x <= tau]
    return ha, hb


def overlap(a, b):
    """|A' n B'|, |A'|, |B'| under the common tau, as NpFpCompare."""
    ha, hb = cut_samples(a, b)
    inter = len(set(ha) & set(hb))
    return inter, len(ha), len(hb)


def direction(i, n, brief, t=T, min_ev=MIN_EV, full_ev=FULL_EV,
              brief_share=BRIEF_SHARE):
    """First test the direction fails, or None when it holds."""
    if n <= 0 or i < min_ev:
        return 'minimum evidence'
    share = i / n
    if brief:
        if share < max(t, brief_share):
            return 'brief rule' if share >= t else 'threshold'
        return None
    if i < full_ev and share < brief_share:
        return 'full evidence' if share >= t else 'threshold'
    if share < t:
        return 'threshold'
    return None


def names_agree(a, b, share=NAMES_SHARE, zero='story'):
    """The names rule of a brief pair (NpFingerprintNamesAgree).  zero: what a
    side without named hashes agrees with besides such a side: 'story' (a
    side that is no brief: the rule), 'all' or 'none' (tried)."""
    i, ca, cb, ni, nca, ncb = overlap_named(a, b)
    f = min(nca, ncb)
    if nca == 0 and ncb == 0:
        return True
    if f == 0:
        if zero == 'all':
            return True
        if zero == 'none':
            return False
        return (a if nca > 0 else b)[0] >= BRIEF_N
    return ni >= 1 and ni >= share * f


def holds(a, b, names=True, names_share=NAMES_SHARE, zero='story', **kw):
    i, ca, cb = overlap(a, b)
    brief = a[0] < BRIEF_N or b[0] < BRIEF_N
    if not (direction(i, ca, brief, **kw) is None or
            direction(i, cb, brief, **kw) is None):
        return False
    return not (names and brief) or names_agree(a, b, names_share, zero)


def overlap_named(a, b):
    """As overlap, with the named hashes (lowest bit set) counted apart:
    shared named, named of A', named of B'."""
    ha, hb = cut_samples(a, b)
    sa, sb = set(ha), set(hb)
    sh = sa & sb
    return (len(sh), len(ha), len(hb), sum(x & 1 for x in sh),
            sum(x & 1 for x in ha), sum(x & 1 for x in hb))


def holds_named(a, b, share=0.5, named=3, named_share=0.5):
    """The rule before the names rule, or for a brief pair: share >=
    `share` of a side on >= 5 shared hashes, of which >= `named` named,
    covering `named_share` of that side's named hashes."""
    if holds(a, b, names=False):
        return True
    if not (a[0] < BRIEF_N or b[0] < BRIEF_N):
        return False
    i, ca, cb, ni, nca, ncb = overlap_named(a, b)
    for c, nc in ((ca, nca), (cb, ncb)):
        if c and i >= MIN_EV and i / c >= share and ni >= named and \
                nc and ni / nc >= named_share:
            return True
    return False


# candidate rules: a function of (a, b) -> bool, a, b = (nshingles, hashes);
# those tried on 5 December 2026 (doc/fingerprint.md, "Which copies
# same_story misses"; they loosen the rule before the names rule): none
# found more copies without more false pairs.  The names rule and its
# variants (6 December 2026, "Names in a brief") come after.
RULES = {
    'current': lambda a, b: holds(a, b),
    'no_names': lambda a, b: holds(a, b, names=False),
    'brief_share_0.6': lambda a, b: holds(a, b, names=False, brief_share=0.6),
    'brief_share_0.5': lambda a, b: holds(a, b, names=False, brief_share=0.5),
    'full_ev_8': lambda a, b: holds(a, b, names=False, full_ev=8),
    'named_0.5_3_0.5': lambda a, b: holds_named(a, b, 0.5, 3, 0.5),
    'named_0.4_3_0.5': lambda a, b: holds_named(a, b, 0.4, 3, 0.5),
    'named_0.5_2_0.5': lambda a, b: holds_named(a, b, 0.5, 2, 0.5),
    'named_0.5_3_0.7': lambda a, b: holds_named(a, b, 0.5, 3, 0.7),
    'named_0.3_3_0.5': lambda a, b: holds_named(a, b, 0.3, 3, 0.5),
}
for _s in (0.01, 0.25, 0.3, 0.5, 0.7):
    for _z in ('story', 'all', 'none'):
        RULES[f'names_{_s}_{_z}'] = \
            (lambda s, z: lambda a, b: holds(a, b, names_share=s, zero=z))(_s, _z)


# Tried on 6 December 2026 against the misses of the wire-shaped sets
# (doc/fingerprint.md, "Agency formats"); none kept.
def holds_one_word(a, b, word=3):
    """The rule, but a brief pair's names also agree when each side's named
    hashes that the other lacks are at most one word's (3 shingles): a
    name or figure corrected in a brief whose only names are that word."""
    if holds(a, b):
        return True
    i, ca, cb, ni, nca, ncb = overlap_named(a, b)
    brief = a[0] < BRIEF_N or b[0] < BRIEF_N
    if not brief or min(nca, ncb) == 0 or \
            not (direction(i, ca, brief) is None or direction(i, cb, brief) is None):
        return False
    return nca - ni <= word and ncb - ni <= word


def holds_across_switch(a, b, switch=True, names='rule'):
    """The rule, or a brief x inside a longer y not counting x's named
    hashes that y lacks in x's size (they may be fact shingles, evidence
    of x when rows outweigh its running text, which y does not sample):
    I >= 5 and I / (|X'| - named of X' not in Y') >= 0.7.  With switch,
    only when x's compared hashes are mostly named and y's mostly not (the
    two sides of the switch, as the name bits show it).  names: the
    brief's names rule ('rule'), or one named hash shared ('one')."""
    if holds(a, b):
        return True
    i, ca, cb, ni, nca, ncb = overlap_named(a, b)
    for x, y, cx, ncx, cy, ncy in ((a, b, ca, nca, cb, ncb),
                                   (b, a, cb, ncb, ca, nca)):
        if not (x[0] < BRIEF_N <= y[0]):
            continue
        if switch and not (2 * ncx > cx and 2 * ncy < cy):
            continue
        n = cx - (ncx - ni)
        agree = ni >= 1 if names == 'one' else names_agree(a, b)
        if i >= MIN_EV and n > 0 and i / n >= BRIEF_SHARE and agree:
            return True
    return False


RULES['one_word_names'] = holds_one_word
RULES['brief_named_discount'] = lambda a, b: holds_across_switch(a, b, False)
RULES['across_switch'] = holds_across_switch
RULES['across_switch_one_name'] = \
    lambda a, b: holds_across_switch(a, b, True, 'one')


def load(dump, truth_path, corpus_path):
    arts = {}
    with open(f'{dump}/articles.tsv') as f:
        for line in f:
            id_, fam, role, form, kind, lit = line.rstrip('\n').split('\t')
            arts[int(id_)] = dict(family=None if fam == '\\N' else int(fam),
                                  role=role, form=form, kind=kind,
                                  fp=parse_fp(lit))
    with open(truth_path) as f:
        next(f)
        for line in f:
            id_, fam, role, src, edits, form = line.rstrip('\n').split('\t')
            a = arts[int(id_)]
            a['source'] = None if src == '\\N' else src
            a['edits'] = '' if edits == '\\N' else edits
    with open(corpus_path) as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            a = arts[int(cols[0])]
            a['body'] = cols[5].replace('\\n', '\n').replace('\\t', '\t') \
                .replace('\\\\', '\\')
            a['words'] = len(a['body'].split())
    found = set()
    with open(f'{dump}/pairs.tsv') as f:
        for line in f:
            a, b, truth, roundup = line.rstrip('\n').split('\t')
            found.add((int(a), int(b)))
    return arts, found


def planted_copy_pairs(arts):
    fams = collections.defaultdict(list)
    for id_, a in arts.items():
        if a['family'] is not None and a['role'] in ('original', 'copy'):
            fams[a['family']].append(id_)
    for ids in fams.values():
        ids.sort()
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                yield ids[x], ids[y]


def relation(arts, x, y):
    a, b = arts[x], arts[y]
    if a['role'] == 'original' or b['role'] == 'original':
        c = b if a['role'] == 'original' else a
        return 'copy-original' if c['source'] in (str(x), str(y)) else 'copy-original(via copy)'
    if a['source'] == str(y) or b['source'] == str(x):
        return 'copy of copy'
    if a['source'] == b['source']:
        return 'siblings'
    return 'cousins'


def edits_of(arts, x, y):
    """The edits that lie between x and y: both copies' own edits."""
    es = set()
    for z in (x, y):
        if arts[z]['role'] == 'copy':
            es.update(e for e in arts[z]['edits'].split(',') if e)
    es.discard('exact')
    return '+'.join(sorted(es)) or 'exact'


def switch_cost(arts):
    """The lookups an exact index would add under across_switch: a brief
    pair member x with a non-brief y sharing 5 hashes or more but fewer than
    the brief rule's need max(5, 0.7 |X'|), counted once for each side as
    the query when what the query knows allows the relaxation (x asking, if
    its compared hashes are mostly named; y asking, if its are mostly not:
    the row's own names are not in the index), and the pairs meeting the
    need today, for scale (exact sample sizes: a lower bound of the cost)."""
    ids = sorted(arts)
    fps = [arts[z]['fp'] for z in ids]
    post = collections.defaultdict(list)
    for k in range(len(ids)):
        for h in fps[k][1]:
            post[h].append(k)
    shared = collections.Counter()
    for lst in post.values():
        for p in range(len(lst)):
            for q in range(p + 1, len(lst)):
                shared[(lst[p], lst[q])] += 1
    met = extra = 0
    for (p, q), c in shared.items():
        if c < MIN_EV:
            continue
        for x, y in ((fps[p], fps[q]), (fps[q], fps[p])):
            if not x[0] < BRIEF_N <= y[0]:
                continue
            i, cx, cy, ni, ncx, ncy = overlap_named(x, y)
            if i >= max(MIN_EV, -(-7 * cx // 10)):
                met += 1
            elif i >= MIN_EV:
                extra += (2 * ncx > cx) + (2 * ncy < cy)
    print(f'brief-story pairs meeting the brief rule\'s need: {met}; '
          f'candidates across_switch adds: {extra} over {len(ids)} lookups '
          f'({extra / len(ids):.2f} a lookup)')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dump')
    ap.add_argument('truth')
    ap.add_argument('corpus')
    ap.add_argument('--list', type=int, default=0,
                    help='print N missed pairs with their openings')
    ap.add_argument('--rule', action='append', default=[])
    ap.add_argument('--switch-cost', action='store_true',
                    help='what across_switch would add to an exact index')
    args = ap.parse_args()
    arts, found = load(args.dump, args.truth, args.corpus)
    if args.switch_cost:
        switch_cost(arts)
        return 0

    pairs = list(planted_copy_pairs(arts))
    disagree = 0
    missed = []
    for x, y in pairs:
        ok = holds(arts[x]['fp'], arts[y]['fp'])
        if ok != ((x, y) in found):
            disagree += 1
        if not ok:
            missed.append((x, y))
    print(f'planted copy pairs: {len(pairs)}; found by the rule recomputed: '
          f'{len(pairs) - len(missed)}; disagreements with the index '
          f'lookups: {disagree}')

    rows = []
    for x, y in missed:
        a, b = arts[x], arts[y]
        i, ca, cb = overlap(a['fp'], b['fp'])
        brief = a['fp'][0] < BRIEF_N or b['fp'][0] < BRIEF_N
        best = max((i / ca if ca else 0, ca), (i / cb if cb else 0, cb))
        share, n = best
        why = direction(i, n, brief)
        if why is None:
            why = 'names rule'  # the counts hold; the names disagree
        # would it hold if only this test were dropped?
        relax = {
            'brief rule': holds(a['fp'], b['fp'], brief_share=T),
            'full evidence': holds(a['fp'], b['fp'], full_ev=MIN_EV),
            'names rule': holds(a['fp'], b['fp'], names=False),
        }
        kinds = '-'.join(sorted((a['kind'], b['kind'])))
        rows.append(dict(x=x, y=y, why=why, i=i, share=share, n=n,
                         small=min(a['fp'][0], b['fp'][0]),
                         rel=relation(arts, x, y), edits=edits_of(arts, x, y),
                         kinds=kinds, form=a['form'], relax=relax,
                         sim=i / (ca + cb - i) if ca + cb - i else 0))

    def table(title, key):
        c = collections.Counter(key(r) for r in rows)
        print(f'\n{title}')
        for k, v in sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            print(f'  {v:5d}  {k}')

    table('Missed pairs by the test that refused them', lambda r: r['why'])
    table('... by kinds of the two articles', lambda r: r['kinds'])
    table('... by form', lambda r: r['form'])
    table('... by relation', lambda r: r['rel'])
    table('... by the edits between them', lambda r: r['edits'])
    table('... by test and edits', lambda r: (r['why'], r['edits']))
    print('\nShares (containment of the better direction), shared hashes '
          'and evidence of the smaller side, by test:')
    for why in sorted(set(r['why'] for r in rows)):
        rs = [r for r in rows if r['why'] == why]
        sh = sorted(r['share'] for r in rs)
        ii = sorted(r['i'] for r in rs)
        sm = sorted(r['small'] for r in rs)
        print(f'  {why}: {len(rs)} pairs; containment min {sh[0]:.2f} '
              f'median {sh[len(sh) // 2]:.2f} max {sh[-1]:.2f}; shared '
              f'min {ii[0]} median {ii[len(ii) // 2]} max {ii[-1]}; smaller '
              f'side min {sm[0]} median {sm[len(sm) // 2]} max {sm[-1]}')
    print('\nFound had one test alone been dropped:')
    for k in ('brief rule', 'full evidence', 'names rule'):
        print(f'  {k}: {sum(r["relax"][k] for r in rows)}')

    if args.list:
        print('\nMissed pairs (first N by containment, highest first)')
        for r in sorted(rows, key=lambda r: -r['share'])[:args.list]:
            a, b = arts[r['x']], arts[r['y']]
            print(f"--- {r['x']} ({a['role']} {a['edits'] or '-'}; "
                  f"n={a['fp'][0]}) / {r['y']} ({b['role']} "
                  f"{b['edits'] or '-'}; n={b['fp'][0]}) {r['rel']} "
                  f"{r['kinds']} {r['form']}: shared {r['i']}, "
                  f"containment {r['share']:.2f} of {r['n']}, "
                  f"similarity {r['sim']:.2f}; refused by {r['why']}")
            for z in (r['x'], r['y']):
                print('    | ' + arts[z]['body'].replace('\n', ' / ')[:400])

    for name in args.rule:
        rule = RULES[name]
        ids = sorted(arts)
        fps = [arts[z]['fp'] for z in ids]
        # candidate pairs: share at least one hash (every rule needs 5)
        post = collections.defaultdict(list)
        for k, z in enumerate(ids):
            for h in fps[k][1]:
                post[h].append(k)
        cand = set()
        for lst in post.values():
            if len(lst) > 2000:
                continue
            for p in range(len(lst)):
                for q in range(p + 1, len(lst)):
                    cand.add((lst[p], lst[q]))
        tp = fp_ = rnd = copy = 0
        planted = set(pairs)
        for p, q in cand:
            x, y = ids[p], ids[q]
            if not rule(fps[p], fps[q]):
                continue
            a, b = arts[x], arts[y]
            if 'roundup' in (a['role'], b['role']):
                rnd += 1
                continue
            if a['family'] is not None and a['family'] == b['family']:
                tp += 1
                if (x, y) in planted:
                    copy += 1
            else:
                fp_ += 1
        print(f'\nrule {name}: copy pairs {copy} of {len(pairs)} '
              f'({copy / len(pairs):.3f}); true pairs {tp}; false pairs '
              f'{fp_}; precision {tp / max(tp + fp_, 1):.3f}; with a '
              f'round-up {rnd}')


if __name__ == '__main__':
    sys.exit(main())
