#!/usr/bin/env python3
"""bench/story_context_sim.py -- does a shared shingle's wider context tell
a writer's template from a copied or rewritten passage?  A simulation of
story rules that would need more than format 2 fingerprints hold.

Usage: bench/story_context_sim.sh (which exports what this reads), or
    bench/story_context_sim.py DIR LABELS.tsv
with DIR holding
    wn_fp.tsv, demo_fp.tsv  id, epoch, kind, label, truth, shingle_count,
                            fingerprint text (demo: in publication order)
    wn_sh.tsv, demo_sh.tsv  bench/evidence_dump.c's lines: every 3-word
                            shingle of each text in order
and LABELS.tsv the Wikinews hand labels (test/data/stories/).

The pairs: every pair (x, L) of a later article x and an earlier one L that
the story rule joins today (story_rules.py's re-implementation of
story_match(): the estimators of fingerprint.h on the samples, the tiny
rule, the direction, the names of a low link), on
  - wn: the 2,312 Wikinews articles in id order (as bench/story_wikinews.sh
    clusters them), each pair labelled same story / follow-up / unrelated
    by the hand labels; dev half (thread's lowest id even) for choosing;
  - rw: the rewrite set's development split (planted stories whose number
    is not divisible by 3), a pair right when both share the planted story
    (a wire item and its wholly or partially derived versions);
  - demo: the demo sample without the rewrite set's blind split.
For each shared sampled hash it asks whether the hash is *strong*:
  run L    the shingle lies in a run of at least L consecutive shingles that
           both texts share (every shingle of the text counts, evidence or
           not; the longest run over the shingle's occurrences): an oracle
           that reads both texts;
  ctx      what a fingerprint could store: b bits of a hash of the words
           around the shingle's first occurrence, agreeing in both
           fingerprints (a chance agreement has probability 2^-b: the bits
           are those of a real hash, so chance agreements happen here as
           they would):
             mid W  the W-word window centred on the shingle (W odd);
             side W the W-word window that starts with the shingle and the
                    one that ends with it (b bits each): strong when either
                    agrees;
             name N the names and figures within N words of the shingle
                    (its own words left out): b bits of a min-hash of
                    them, so two windows agree about as often as their
                    names do (Jaccard): the slots of a template;
             next N the first name or figure within N words after it;
and a rule keeps a pair that the story rule joins only when its strong
shared hashes reach a count (s >= m) or a share of its shared hashes
(s >= f i).  One more candidate looks at where the shared hashes lie
rather than at their context (aligned A, span S, evidence < E): what a
fingerprint that kept each sampled hash's word offset could tell; a pair
is refused as a filled template when its shared hashes follow one frame
from end to end (class AlignTest).

Reported per rule: the Wikinews pairs kept by kind (unrelated/follow-up/
same), the Wikinews clusters of the leader rule with the test (unrelated/
follow-up/same, and the largest), the right and wrong links kept on rw and
demo, and the ARI and mixed clusters of the leader rule with the test on
rw and demo.  The blind rows (the rewrite set's blind split, the Wikinews
blind half) are printed only with BLIND=1 in the environment; BLIND_RULES
("name;name") limits the rows to the rules named.
"""
import collections
import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import story_rules  # noqa: E402  (score: ARI as the other story benches compute it)

INF = 1 << 32
T, MIN_SHARED, TINY_SHINGLES, TINY_SIM, MIN_EVIDENCE = 0.12, 16, 40, 0.6, 5
MIN_NAMED, LOW_SHARE = 3, 0.35
MAX_OCC = 8     # occurrences of one shingle looked at for its longest run


class Doc:
    def __init__(self, f):
        self.id = int(f[0])
        self.t = float(f[1]) if f[1] else 0.0
        self.label, self.truth, self.nsh = f[3], f[4], int(f[5])
        hexes = f[6].split(':')[4] if f[6].count(':') >= 4 else ''
        self.h = [int(hexes[i:i + 8], 16) for i in range(0, len(hexes), 8)]
        self.hset = set(self.h)
        self.limit = self.h[-1] if self.nsh > len(self.h) and self.h else INF
        self.seq = []           # shingle hash of every shingle, in order
        self.words = []         # the words, folded to lower case
        self.proper = []        # a name or a figure: capitalised or a
                                # number, not a function word (flags)
        self.pos = {}           # sampled hash -> positions of its shingle
        self.ctx = {}           # (kind, W) -> {sampled hash: context hash(es)}

    def na(self, other):
        """|X'|: the sampled hashes under both samples' limit"""
        tau = min(self.limit, other.limit)
        return len(self.h) if tau >= self.limit else sum(1 for h in self.h if h <= tau)


def load(fp_path, sh_path):
    docs = {}
    order = []
    with open(fp_path) as fh:
        for line in fh:
            d = Doc(line.rstrip('\n').split('\t'))
            docs[d.id] = d
            order.append(d)
    with open(sh_path) as fh:
        for line in fh:
            f = line.rstrip('\n').split('\t')
            d = docs[int(f[0])]
            kept = (int(f[5], 16) & ~1) | int(f[6])
            if kept in d.hset:
                p = d.pos.setdefault(kept, [])
                if len(p) < MAX_OCC:
                    p.append(len(d.seq))
            d.seq.append(int(f[1], 16))
            ws, fl = f[4].split(' '), f[3]
            take = range(3) if not d.words else range(2, 3)
            for j in take:
                d.words.append(ws[j].lower())
                d.proper.append(int(fl[j], 16) & 2 != 0 and int(fl[j], 16) & 4 == 0)
    return order


# --- the story rule (as bench/story_rules.py) -------------------------------

def overlap(x, y):
    tau = min(x.limit, y.limit)
    a = [h for h in x.h if h <= tau]
    b = y.hset if y.limit <= tau else set(h for h in y.h if h <= tau)
    shared = [h for h in a if h in b]
    nb = len(b) if y.limit <= tau else sum(1 for h in y.h if h <= tau)
    return shared, len(a), nb


def rule(x, y):
    """story_match(x, y): None or (evidence, similarity, shared hashes)"""
    shared, a, b = overlap(x, y)
    i = len(shared)
    if i < max(MIN_SHARED, MIN_EVIDENCE):
        return None
    sim = i / (a + b - i)
    if min(x.nsh, y.nsh) < TINY_SHINGLES:
        if sim < TINY_SIM:
            return None
        nx = sum(1 for h in x.h if h & 1 and h <= min(x.limit, y.limit))
        ny = sum(1 for h in y.h if h & 1 and h <= min(x.limit, y.limit))
        named = sum(1 for h in shared if h & 1)
        if min(nx, ny) > 0 and named < TINY_SIM * min(nx, ny):
            return None
    else:
        if min(a, b) == 0 or i / min(a, b) < T:
            return None
        if not (i >= T * a or i >= max(T, 0.5) * b):
            return None
        named = sum(1 for h in shared if h & 1)
        if i < LOW_SHARE * a and i < LOW_SHARE * b and named < MIN_NAMED:
            return None
    return max(i / a, i / b), sim, shared


# --- what makes a shared hash strong ----------------------------------------

def longest_run(x, y, h):
    best = 0
    for p in x.pos.get(h, ()):
        for q in y.pos.get(h, ()):
            if x.seq[p] != y.seq[q]:
                continue
            lo = 1
            while p - lo >= 0 and q - lo >= 0 and x.seq[p - lo] == y.seq[q - lo]:
                lo += 1
            hi = 1
            while p + hi < len(x.seq) and q + hi < len(y.seq) and x.seq[p + hi] == y.seq[q + hi]:
                hi += 1
            best = max(best, lo + hi - 1)
    return best


def _hash(vals):
    m = hashlib.blake2b(digest_size=8)
    m.update(b''.join(v.to_bytes(4, 'little') for v in vals))
    return int.from_bytes(m.digest(), 'little')


def context(d, kind, w):
    """the context hash(es) of every sampled hash of d: a W-word window is
    W - 2 shingles; clipped at the text's edges"""
    key = (kind, w)
    if key not in d.ctx:
        n = w - 2
        out = {}
        for h, ps in d.pos.items():
            p = ps[0]
            if kind in ('name', 'next'):
                out[h] = (names_near(d, p, w, kind == 'next'),)
            elif kind == 'mid':
                r = (n - 1) // 2
                out[h] = (_hash(d.seq[max(0, p - r):p + r + 1]),)
            else:
                out[h] = (_hash(d.seq[max(0, p - n + 1):p + 1]), _hash(d.seq[p:p + n]))
        d.ctx[key] = out
    return d.ctx[key]


def names_near(d, p, n, right_only):
    """a min-hash of the names and figures within n words of the shingle
    at p (words p..p+2, not counted), or with right_only the first one
    after it: what fills a template's slots; 0 when there is none"""
    if right_only:
        near = [d.words[j] for j in range(p + 3, min(len(d.words), p + 3 + n)) if d.proper[j]][:1]
    else:
        near = [d.words[j] for j in list(range(max(0, p - n), p)) +
                list(range(p + 3, min(len(d.words), p + 3 + n))) if d.proper[j]]
    return min((_hash([hash32(w)]) for w in near), default=0)


def hash32(w):
    return int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), 'little')


class Strong:
    """a test of one shared hash; name for the tables"""

    def __init__(self, kind, param, bits=None):
        self.kind, self.param, self.bits = kind, param, bits
        if kind == 'run':
            self.name = 'run %d' % param
        else:
            self.name = '%s %d, %s bits' % (kind, param, bits if bits else 'all')

    def count(self, x, y, shared):
        if self.kind == 'run':
            return sum(1 for h in shared if runs(x, y, h) >= self.param)
        mask = (1 << self.bits) - 1 if self.bits else (1 << 64) - 1
        cx, cy = context(x, self.kind, self.param), context(y, self.kind, self.param)
        s = 0
        for h in shared:
            if any((u ^ v) & mask == 0 for u, v in zip(cx[h], cy[h])):
                s += 1
        return s


_runs = {}


def runs(x, y, h):
    key = (x.id, y.id, h)
    if key not in _runs:
        _runs[key] = longest_run(x, y, h)
    return _runs[key]


class Test:
    """keeps a joined pair when its strong shared hashes reach m, or a share
    f of its shared hashes"""

    def __init__(self, strong, m=None, f=None):
        self.strong, self.m, self.f = strong, m, f
        self.name = strong.name + (', s >= %d' % m if m is not None else ', s >= %.2f i' % f)

    def keep(self, x, y, shared):
        s = self.strong.count(x, y, shared)
        if self.m is not None:
            return s >= self.m
        return s >= self.f * len(shared)


class AlignTest:
    """what a fingerprint that kept each sampled hash's word offset (the
    first occurrence of its shingle) could tell: a filled template.  The
    shared hashes, taken in x's order, step forward in y by as many words
    as in x (within SLACK words) in at least a share A of the steps, they
    spread over at least a share S of both texts (first to last shared
    hash), and the evidence (the larger containment) is under E: the two
    texts follow one frame from end to end, yet differ in the words
    between.  Such a pair is refused."""
    SLACK = 3

    def __init__(self, a, s, e):
        self.a, self.s, self.e = a, s, e
        self.name = 'aligned %.2f, span %.2f, evidence < %.2f' % (a, s, e)

    def keep(self, x, y, shared):
        al, spx, spy = alignment(x, y, shared)
        ev = max(len(shared) / max(1, x.na(y)), len(shared) / max(1, y.na(x)))
        return not (al >= self.a and spx >= self.s and spy >= self.s and ev < self.e)


def alignment(x, y, shared):
    pts = sorted((x.pos[h][0], y.pos[h][0]) for h in shared)
    steps = list(zip(pts, pts[1:]))
    al = sum(1 for (a1, b1), (a2, b2) in steps
             if b2 >= b1 and abs((a2 - a1) - (b2 - b1)) <= AlignTest.SLACK)
    ys = sorted(p[1] for p in pts)
    return (al / len(steps) if steps else 0.0,
            (pts[-1][0] - pts[0][0]) / len(x.seq) if pts else 0.0,
            (ys[-1] - ys[0]) / len(y.seq) if pts else 0.0)


# --- pairs and clusters ------------------------------------------------------

def candidates(order):
    """for each doc, the earlier docs sharing at least MIN_SHARED sampled
    hashes (a superset of what the rule can join), in order"""
    inv = collections.defaultdict(list)
    out = {}
    for k, x in enumerate(order):
        cnt = collections.Counter()
        for h in x.h:
            for j in inv[h]:
                cnt[j] += 1
            inv[h].append(k)
        out[x.id] = [order[j] for j in sorted(j for j, c in cnt.items() if c >= MIN_SHARED)]
    return out


def joined_pairs(order, cand):
    pairs = []
    for x in order:
        for y in cand[x.id]:
            m = rule(x, y)
            if m:
                pairs.append((x, y, m))
    return pairs


def cluster(order, cand, test):
    """the leader rule, with the test on every pair it would join"""
    story, leaders = {}, set()
    for x in order:
        best = None
        for L in cand[x.id]:
            if L.id not in leaders:
                continue
            m = rule(x, L)
            if m is None or (test and not test.keep(x, L, m[2])):
                continue
            if best is None or (m[0], m[1]) > best[0]:
                best = ((m[0], m[1]), L)
        if best:
            story[x.id] = best[1].id
        else:
            leaders.add(x.id)
            story[x.id] = x.id
    return story


def ari(docs, story):
    """ARI and clusters mixing planted stories, as bench/story_rules.py scores them"""
    a, _, _, mixed = story_rules.score(docs, story)
    return a, mixed


class Labels:
    def __init__(self, path):
        self.thread, self.report, self.half = {}, {}, {}
        with open(path, encoding='utf-8') as f:
            next(f)
            for line in f:
                p = line.rstrip('\n').split('\t')
                i = int(p[0])
                self.thread[i], self.report[i], self.half[i] = p[1], int(p[2]), p[3]

    def kind(self, a, b):
        if self.report.get(a, a) == self.report.get(b, b):
            return 'same'
        if self.thread.get(a, 'alone_%d' % a) == self.thread.get(b, 'alone_%d' % b):
            return 'follow-up'
        return 'unrelated'

    def hf(self, i):
        return self.half.get(i, 'dev' if i % 2 == 0 else 'blind')

    def clusters(self, story, half):
        members = collections.defaultdict(list)
        for i, s in story.items():
            members[s].append(i)
        cnt = collections.Counter()
        largest = 0
        for m in members.values():
            if len(m) < 2:
                continue
            m.sort()
            if self.hf(m[0]) != half:
                continue
            ks = {self.kind(a, b) for n, a in enumerate(m) for b in m[n + 1:]}
            cnt['unrelated' if 'unrelated' in ks else 'follow-up' if 'follow-up' in ks else 'same'] += 1
            largest = max(largest, len(m))
        return cnt, largest


def main():
    tmp, labels_path = sys.argv[1], sys.argv[2]
    blind = os.environ.get('BLIND') == '1'
    lab = Labels(labels_path)
    wn = load(tmp + '/wn_fp.tsv', tmp + '/wn_sh.tsv')
    demo = load(tmp + '/demo_fp.tsv', tmp + '/demo_sh.tsv')
    isblind = lambda d: d.truth.startswith('R') and int(d.truth[1:3]) % 3 == 0
    sets = {
        'rw': [d for d in demo if d.truth.startswith('R') and not isblind(d)],
        'demo': [d for d in demo if not isblind(d)],
    }
    if blind:
        sets['rw-blind'] = [d for d in demo if isblind(d)]
    cand = {s: candidates(v) for s, v in sets.items()}
    wcand = candidates(wn)
    wpairs = joined_pairs(wn, wcand)
    spairs = {s: joined_pairs(v, cand[s]) for s, v in sets.items()}
    halves = ['dev', 'blind'] if blind else ['dev']
    return lab, wn, wcand, wpairs, sets, cand, spairs, halves


def row(test, lab, wn, wcand, wpairs, sets, cand, spairs, halves):
    """one line of the table per half"""
    out = []
    for h in halves:
        kept = collections.Counter()
        for x, y, m in wpairs:
            if lab.hf(y.id) == h and (test is None or test.keep(x, y, m[2])):
                kept[lab.kind(x.id, y.id)] += 1
        cl, largest = lab.clusters(cluster(wn, wcand, test), h)
        cells = ['%d/%d/%d' % (kept['unrelated'], kept['follow-up'], kept['same']),
                 '%d/%d/%d %2d' % (cl['unrelated'], cl['follow-up'], cl['same'], largest)]
        for s in (['rw', 'demo'] if h == 'dev' else ['rw-blind']):
            right = wrong = 0
            for x, y, m in spairs[s]:
                if test is None or test.keep(x, y, m[2]):
                    if x.truth == y.truth:
                        right += 1
                    else:
                        wrong += 1
            a, mixed = ari(sets[s], cluster(sets[s], cand[s], test))
            cells.append('%3d/%d %.3f %2d' % (right, wrong, a, mixed))
        out.append((h, cells))
    return out


def header(spairs, wpairs, lab, halves):
    for h in halves:
        wk = collections.Counter(lab.kind(x.id, y.id) for x, y, m in wpairs if lab.hf(y.id) == h)
        print('%s: Wikinews pairs the rule joins: unrelated/follow-up/same %d/%d/%d' %
              (h, wk['unrelated'], wk['follow-up'], wk['same']), end='')
        for s in (['rw', 'demo'] if h == 'dev' else ['rw-blind']):
            r = sum(1 for x, y, m in spairs[s] if x.truth == y.truth)
            print('; %s pairs right/wrong %d/%d' % (s, r, len(spairs[s]) - r), end='')
        print()


def run_profile(lab, wpairs, spairs, halves):
    """how long a run each shared hash lies in, by kind of pair"""
    groups = collections.defaultdict(list)
    for x, y, m in wpairs:
        h = lab.hf(y.id)
        if h in halves:
            groups['wn %s %s' % (h, lab.kind(x.id, y.id))].append((x, y, m))
    for s in spairs:
        for x, y, m in spairs[s]:
            if s == 'demo' and x.truth.startswith('R'):
                continue        # the rewrite pairs are rw's
            k = 'right ' + x.label if x.truth == y.truth else 'wrong'
            groups['%s %s' % ('wn-demo' if s == 'demo' else s, k)].append((x, y, m))
    bins = ((1, 2), (3, 5), (6, 9), (10, 1 << 30))
    print('the longest run of shared shingles (every shingle counted) each shared sampled hash lies in:')
    print('%-28s %6s %7s  %s' % ('pairs', 'pairs', 'hashes', '  '.join('%-6s' % ('%d-%d' % b if b[1] < 99 else '%d+' % b[0])
                                                                  for b in bins) + '  median of pair medians'))
    for g in sorted(groups):
        r, med = [], []
        for x, y, m in groups[g]:
            v = sorted(runs(x, y, h) for h in m[2])
            r += v
            med.append(v[len(v) // 2])
        med.sort()
        print('%-28s %6d %7d  %s  %d' % (g, len(groups[g]), len(r), '  '.join(
            '%-6s' % ('%.2f' % (sum(1 for v in r if lo <= v <= hi) / len(r))) for lo, hi in bins),
            med[len(med) // 2]))
    print()


def candidates_to_try():
    tests = []
    for L in (2, 3, 4, 5, 6, 8):
        st = Strong('run', L)
        tests += [Test(st, m=8), Test(st, m=16), Test(st, f=0.5)]
    for kind in ('mid', 'side'):
        for w in (5, 7, 9, 11):
            st = Strong(kind, w, 8)
            tests += [Test(st, m=16), Test(st, f=0.5)]
    for b in (1, 2, 4):
        tests.append(Test(Strong('side', 7, b), f=0.5))
    for kind, n in (('name', 5), ('name', 10), ('next', 5), ('next', 10)):
        st = Strong(kind, n, 8)
        tests += [Test(st, m=8), Test(st, f=0.5)]
    for a in (0.85, 0.9, 0.95):
        for sp in (0.5, 0.6, 0.8):
            tests.append(AlignTest(a, sp, 0.5))
    tests.append(AlignTest(0.9, 0.6, 0.7))
    return tests


if __name__ == '__main__':
    args = main()
    lab, wn, wcand, wpairs, sets, cand, spairs, halves = args
    header(spairs, wpairs, lab, halves)
    print()
    run_profile(lab, wpairs, spairs, halves)
    only = os.environ.get('BLIND_RULES')
    tests = [None] + candidates_to_try()
    if only:
        tests = [None] + [t for t in tests[1:] if t.name in only.split(';')]
    print('%-6s %-34s %-10s %-14s %-18s %-18s' % ('half', 'test (s: strong shared hashes, i: shared)',
          'wn pairs', 'wn clusters', 'rw: links ARI mix', 'demo: links ARI mix'))
    print('%-6s %-34s %-10s %-14s %-18s %-18s' % ('', '', 'un/fol/sam', 'un/fol/sam big', 'right/wrong', 'right/wrong'))
    for t in tests:
        for h, cells in row(t, *args):
            print('%-6s %-34s %-10s %-14s %-18s %-18s' % (h, t.name if t else 'the rule today',
                                                          *(cells + [''] * (4 - len(cells)))))
