#!/usr/bin/env python3
"""bench/story_rules.py -- story rules that cluster_stories() does not
implement, scored on development data only.

Usage: bench/story_rules.sh (which exports the fingerprints and runs this),
or bench/story_rules.py FINGERPRINTS.tsv with lines
    id, epoch, kind, label, truth, shingle_count, fingerprint text
in publication order (the demo sample, test/data/stories/articles.tsv).

It re-implements the estimators of src/fingerprint/fingerprint.h (both
samples cut at the smaller limit of a truncated sample; is_same_story's
minimum evidence of 5 in version 2) and the leader rule of
src/stories/stories.h, checks that its leader rule gives the figures
cluster_stories() gives (bench/story_quality.sh), and then scores variants
that need more than the leader's word (a story's "core": its leader and its
first members) on
  - dev: the rewrite set's development split (stories whose number is not
    divisible by 3), clustered alone;
  - demo-dev: the demo sample without the blind split's articles.
The blind split is never read here.  Each row: ARI, pair precision and
recall, clusters mixing planted stories.
"""
import collections
import sys

INF = 1 << 32
T, MIN_SHARED, TINY_SHINGLES, TINY_SIM, MIN_EVIDENCE = 0.12, 16, 40, 0.6, 5
# a low link (under LOW_SHARE of both samples) needs MIN_NAMED shared hashes
# with the name bit (the lowest bit of a version 2 hash, NP_FP_NAME_BIT)
MIN_NAMED, LOW_SHARE = 3, 0.35


class Article:
    def __init__(self, f):
        self.id = int(f[0])
        self.label, self.truth, self.nsh = f[3], f[4], int(f[5])
        hexes = f[6].split(':')[4] if f[6].count(':') >= 4 else ''
        self.h = [int(hexes[i:i + 8], 16) for i in range(0, len(hexes), 8)]
        self.limit = self.h[-1] if self.nsh > len(self.h) and self.h else INF


def load(path):
    with open(path) as fh:
        return [Article(line.rstrip('\n').split('\t')) for line in fh]


_cache = {}


def overlap(x, y):
    """(|X' n Y'|, |X' u Y'|, |X'|, |Y'|), as NpFingerprintOverlapOf, and
    how many of the shared hashes have the name bit"""
    key = (x.id, y.id)
    if key not in _cache:
        tau = min(x.limit, y.limit)
        a = [h for h in x.h if h <= tau]
        b = set(h for h in y.h if h <= tau)
        i = sum(1 for h in a if h in b)
        named = sum(1 for h in a if h in b and h & 1)
        _cache[key] = (i, len(a) + len(b) - i, len(a), len(b), named)
    return _cache[key]


def pair(x, y, direction=True, min_shared=MIN_SHARED):
    """the pairwise rule: None or (evidence, similarity, own share)"""
    i, u, a, b, named = overlap(x, y)
    if i < max(min_shared, MIN_EVIDENCE):
        return None
    sim = i / u
    if min(x.nsh, y.nsh) < TINY_SHINGLES:
        if sim < TINY_SIM:
            return None
    else:
        if min(a, b) == 0 or i / min(a, b) < T:
            return None
        if direction and not (i >= T * a or i >= max(T, 0.5) * b):
            return None
        if i < LOW_SHARE * a and i < LOW_SHARE * b and named < MIN_NAMED:
            return None
    return max(i / a, i / b), sim, i / a


def cluster(arts, decide, core_size=3):
    """leaders in publication order; decide(x, leader, core) -> key or None"""
    leaders, members, story = [], collections.defaultdict(list), {}
    for x in arts:
        best = None
        for L in leaders:
            k = decide(x, L, members[L.id][:core_size])
            if k is not None and (best is None or k > best[0]):
                best = (k, L)
        if best:
            story[x.id] = best[1].id
            members[best[1].id].append(x)
        else:
            leaders.append(x)
            story[x.id] = x.id
    return story


def score(arts, story):
    c2 = lambda n: n * (n - 1) / 2
    cells = collections.Counter((a.truth, story[a.id]) for a in arts)
    both = sum(c2(v) for v in cells.values())
    pred = sum(c2(v) for v in collections.Counter(story[a.id] for a in arts).values())
    true = sum(c2(v) for v in collections.Counter(a.truth for a in arts).values())
    expect = pred * true / c2(len(arts))
    ari = (both - expect) / ((pred + true) / 2 - expect)
    truths = collections.defaultdict(set)
    for a in arts:
        truths[story[a.id]].add(a.truth)
    mixed = sum(1 for t in truths.values() if len(t) > 1)
    return ari, both / pred, both / true, mixed


# --- the rules --------------------------------------------------------------

def leader_rule(direction):
    def decide(x, L, core):
        m = pair(x, L, direction)
        return (m[0], m[1]) if m else None
    return decide


def strict_or_core(strict):
    """joins at the leader's evidence >= strict, or at the pairwise rule
    when a core member also matches (a majority is rarer still)"""
    def decide(x, L, core):
        m = pair(x, L)
        if not m:
            return None
        if m[0] >= strict or any(pair(x, c) for c in core):
            return (m[0], m[1])
        return None
    return decide


def leader_or_core_member(weak):
    """joins the leader by the rule, or a core member by the rule when its
    own share in the leader is at least weak"""
    def decide(x, L, core):
        m = pair(x, L)
        if m:
            return (1, m[0], m[1])
        i, u, a, b, _ = overlap(x, L)
        if i < MIN_EVIDENCE or i / a < weak:
            return None
        ms = [pair(x, c) for c in core if min(x.nsh, c.nsh) >= TINY_SHINGLES]
        ms = [c for c in ms if c]
        return (0, i / a, max(c[0] for c in ms)) if ms else None
    return decide


def oracle_precision(arts, story):
    """every wrong join undone: what precision alone could give"""
    return {a.id: (story[a.id] if byid[story[a.id]].truth == a.truth else a.id)
            for a in arts}


if __name__ == '__main__':
    arts = load(sys.argv[1])
    byid = {a.id: a for a in arts}
    blind = lambda a: a.truth.startswith('R') and int(a.truth[1:3]) % 3 == 0
    sets = {
        'dev': [a for a in arts if a.truth.startswith('R') and not blind(a)],
        'demo-dev': [a for a in arts if not blind(a)],
    }
    rules = [
        ('leader, is_same_story only (0.2 as merged before)', leader_rule(False)),
        ('leader, with direction (cluster_stories now)', leader_rule(True)),
        ('strict 0.15 alone, or a core member agrees', strict_or_core(0.15)),
        ('strict 0.20 alone, or a core member agrees', strict_or_core(0.20)),
        ('leader, or a core member if own share in leader >= 0.06', leader_or_core_member(0.06)),
        ('leader, or a core member if own share in leader >= 0.09', leader_or_core_member(0.09)),
    ]
    print('%-58s %-28s %s' % ('rule (core = leader and its first 3 members)',
                              'dev: ARI P R mixed', 'demo-dev: ARI P R mixed'))
    for name, decide in rules:
        row = []
        for s in ('dev', 'demo-dev'):
            st = cluster(sets[s], decide)
            row.append('%.3f %.3f %.3f %2d' % score(sets[s], st))
        print('%-58s %-28s %s' % (name, row[0], row[1]))
    row = []
    for s in ('dev', 'demo-dev'):
        st = oracle_precision(sets[s], cluster(sets[s], leader_rule(True)))
        row.append('%.3f %.3f %.3f %2d' % score(sets[s], st))
    print('%-58s %-28s %s' % ('bound: every wrong join of the leader rule undone',
                              row[0], row[1]))
