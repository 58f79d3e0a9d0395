#!/usr/bin/env python3
# bench/story_signals.py -- what an editor reads in a pair of texts that the
# story rule does not (run by bench/story_signals.sh)
#
# Usage: story_signals.py DIR
#   DIR/links.tsv     set, member, leader, class (right, one event,
#                     unrelated), member and leader shingles, containment
#                     of the member in the leader and back: the partial
#                     versions cluster_stories() made (neither tiny, under
#                     0.5 both ways)
#   DIR/versions.tsv  set, member, wire, label (wholly, partially, none),
#                     linked (t/f), the two containments: every version of
#                     a rewrite story against its wire item (sets demo, dev
#                     and blind)
#   DIR/texts.tsv     set, id, cleaned text of every article named above
#   DIR/clusters.tsv  set, id, story, truth: the clusters of those sets
# The blind split's links and versions are counted, never listed, and
# their signals not printed.
#
# The story rule sees two fingerprints: which sampled evidence shingles
# the texts share, with a name bit.  An editor also sees where the shared
# passages sit, whether they are quotation or narration, and whether the
# rest of the shorter text is new reporting or the longer text said again.
# For every pair this computes, on the two cleaned texts (words: runs of
# letters and digits; a word is quoted between double quotes, a name when
# capitalised after a sentence's first word or a number, a function word
# when in FUNCTION below; a 3-word shingle is narrative when no word is
# quoted and not every word is a name or a function word, as format
# version 2 classes its evidence, without its common-phrase table):
#   passage   narrative shingles in the two longest runs of consecutive
#             member shingles that the leader also holds (a verbatim
#             passage of 20 words is about 18)
#   lead      of the narrative shingles in runs of 4 or more, the share
#             whose first place in the leader lies in its first fifth
#   tenths    the tenths of the leader that hold such a run (spread)
#   quoted    the share of the shared shingles that hold a quoted word
#   said      the share of the shingles in runs of 4 or more whose run holds
#             said, says, told, added or according
#   newnames  the share of the member's names and figures the leader lacks
#   novelty   the share of the member's distinct words (not function words)
#             the leader lacks: new reporting against the leader said again
#   para      the share of the member's sentences (6 words or more) with at
#             least 0.6 of their words (not function words) in the leader:
#             a recast says the wire's sentences in other order and words
# and prints each one's distribution by set and class, then two rules
# built on them (counts of pairs they would refuse or admit; first order,
# the clusters are not re-run) and each labelled set's ARI if they were
# applied.
import collections
import csv
import hashlib
import math
import re
import sys

csv.field_size_limit(1 << 30)
FUNCTION = set("""a an the of to in on at for by with from and or but as is was
were be been has have had it its this that these those he she they we i you
his her their our not no said says will would could should may can after
before over under into than then there also about who which when where while
up out more most""".split())
SAID = re.compile(r'\b(said|says|told|added|according)\b')
TOKEN = re.compile(r'["\u201c\u201d]|\w[\w\'\u2019.,-]*\w|\w|[.!?]')
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*\d|\d")
SENTENCE = re.compile(r'(?<=[.!?])\s+|\n+')


def rows(path):
    with open(path, newline='') as f:
        for r in csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE):
            yield [c.replace('\\n', '\n').replace('\\t', '\t').replace('\\\\', '\\')
                   for c in r]


def tokens(text):
    """(word, quoted, name, function word) of every word, in order"""
    out = []
    quoted = False
    first = True
    for m in TOKEN.finditer(text):
        w = m.group(0)
        if w in '"\u201c\u201d':
            quoted = w == '\u201c' or (w == '"' and not quoted)
            continue
        if w in '.!?':
            first = True
            continue
        low = w.lower()
        out.append((low, quoted, (w[0].isupper() and not first) or w[0].isdigit(),
                    low in FUNCTION))
        first = False
    return out


def shingles(text):
    """(shingle, quoted, narrative) of every 3-word shingle, in order"""
    t = tokens(text)
    out = []
    for i in range(len(t) - 2):
        s = t[i:i + 3]
        quoted = any(w[1] for w in s)
        out.append((' '.join(w[0] for w in s), quoted,
                    not quoted and not all(w[2] or w[3] for w in s)))
    return out, t


def words(text):
    return [w.lower() for w in WORD.findall(text) if w.lower() not in FUNCTION]


def signals(member, leader):
    sm, tm = shingles(member)
    sl, tl = shingles(leader)
    if not sm or not sl:
        return None
    first_in_leader = {}
    for i, s in enumerate(sl):
        first_in_leader.setdefault(s[0], i)
    shared = [s[0] in first_in_leader for s in sm]
    runs = []			# (narrative shingles, start in the leader, said)
    i = 0
    while i < len(sm):
        if not shared[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(sm) and shared[j + 1]:
            j += 1
        run = sm[i:j + 1]
        runs.append((sum(1 for s in run if s[2]), len(run),
                     first_in_leader[sm[i][0]] / len(sl),
                     bool(SAID.search(' '.join(s[0] for s in run)))))
        i = j + 1
    long_runs = [r for r in runs if r[1] >= 4]
    long_narr = sum(r[0] for r in long_runs)
    long_all = sum(r[1] for r in long_runs)
    top = sorted((r[0] for r in runs), reverse=True)
    n_shared = sum(shared)
    names_m = {w[0] for w in tm if w[2] and not w[3]}
    names_l = {w[0] for w in tl if w[2] and not w[3]}
    vocab_l = set(words(leader))
    vocab_m = set(words(member))
    fractions = []
    for s in SENTENCE.split(member):
        if len(WORD.findall(s)) >= 6:
            w = words(s)
            if w:
                fractions.append(sum(x in vocab_l for x in w) / len(w))
    return {
        'passage': sum(top[:2]),
        'lead': sum(r[0] for r in long_runs if r[2] < 0.2) / long_narr if long_narr else 0.0,
        'tenths': len({min(9, int(r[2] * 10)) for r in long_runs if r[0] > 0}),
        'quoted': sum(1 for s, h in zip(sm, shared) if h and s[1]) / n_shared if n_shared else 0.0,
        'said': sum(r[1] for r in long_runs if r[3]) / long_all if long_all else 0.0,
        'newnames': len(names_m - names_l) / len(names_m) if names_m else 0.0,
        'novelty': len(vocab_m - vocab_l) / len(vocab_m) if vocab_m else 0.0,
        'para': sum(f >= 0.6 for f in fractions) / len(fractions) if fractions else 0.0,
    }


def word_sketch(text, k):
    h = sorted({int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), 'big')
                for w in words(text)})
    return h[:k], len(h) > k


def sketch_novelty(a, b):
    """1 - containment of a's words in b's, from bottom-k samples, as
    fingerprint.h's estimators cut them"""
    (ha, ta), (hb, tb) = a, b
    tau = min(ha[-1] if ta else 1 << 32, hb[-1] if tb else 1 << 32)
    cut = [x for x in ha if x <= tau]
    other = {x for x in hb if x <= tau}
    return 1.0 - (sum(x in other for x in cut) / len(cut) if cut else 0.0)


def dist(values):
    v = sorted(values)
    if not v:
        return ''
    q = [v[min(len(v) - 1, int(p * len(v)))] for p in (0.1, 0.5, 0.9)]
    return '%4d  %6.2f %6.2f %6.2f %6.2f %6.2f' % (len(v), v[0], q[0], q[1], q[2], v[-1])


def ari(story, truth):
    ids = list(story)
    n = len(ids)
    both = collections.Counter((story[i], truth[i]) for i in ids)
    a = collections.Counter(story[i] for i in ids)
    b = collections.Counter(truth[i] for i in ids)
    sij = sum(math.comb(c, 2) for c in both.values())
    sa = sum(math.comb(c, 2) for c in a.values())
    sb = sum(math.comb(c, 2) for c in b.values())
    expected = sa * sb / math.comb(n, 2)
    return (sij - expected) / ((sa + sb) / 2 - expected)


def refused_v(x):
    """rule V at the level the ARI lines use: P 0.65, R 15"""
    return x['para'] < 0.65 and x['passage'] < 15


def admitted_a(v):
    """rule A: the version says its wire item again and shares some evidence"""
    return not v['linked'] and v['c_ml'] >= 0.07 and (v['novelty'] < 0.29 or v['para'] >= 0.87)


def main(d):
    text = {(r[0], int(r[1])): r[2] for r in rows(d + '/texts.tsv')}
    links = []
    for r in rows(d + '/links.tsv'):
        s = signals(text[(r[0], int(r[1]))], text[(r[0], int(r[2]))])
        if s:
            links.append(dict(set=r[0], member=int(r[1]), leader=int(r[2]), cls=r[3],
                              c_ml=float(r[6]), c_lm=float(r[7]), **s))
    versions = []
    for r in rows(d + '/versions.tsv'):
        s = signals(text[(r[0], int(r[1]))], text[(r[0], int(r[2]))])
        if s:
            versions.append(dict(set=r[0], member=int(r[1]), wire=int(r[2]), label=r[3],
                                 linked=r[4] == 't', c_ml=float(r[5]), **s))
    links.sort(key=lambda x: (x['set'], x['member']))
    versions.sort(key=lambda v: (v['set'], v['member']))
    keys = ['passage', 'lead', 'tenths', 'quoted', 'said', 'newnames', 'novelty', 'para']

    print('\npartial versions the rule makes (neither tiny, under 0.5 both ways), by set and class:')
    print('signal    set       class          n     min    p10    med    p90    max')
    groups = sorted({(x['set'], x['cls']) for x in links})
    for k in keys:
        for g in groups:
            if g[0] == 'blind':
                continue
            print('%-9s %-9s %-10s %s' % (k, g[0], g[1],
                                          dist([x[k] for x in links if (x['set'], x['cls']) == g])))

    print('\nrule V: refuse a partial version when the member neither says the leader again')
    print('(para under P) nor shares a passage (passage under R); links refused, by set and class:')
    for p in (0.5, 0.65):
        for r in (15, 18):
            refused = collections.Counter((x['set'], x['cls']) for x in links
                                          if x['para'] < p and x['passage'] < r)
            total = collections.Counter((x['set'], x['cls']) for x in links)
            print('  P %.2f R %2d: ' % (p, r) + ', '.join(
                '%s %s %d/%d' % (g[0], g[1], refused[g], total[g]) for g in groups))

    vgroups = [('none', lambda v: v['label'] == 'none'),
               ('none, linked', lambda v: v['label'] == 'none' and v['linked']),
               ('wholly', lambda v: v['label'] == 'wholly'),
               ('wholly, missed', lambda v: v['label'] == 'wholly' and not v['linked']),
               ('partially', lambda v: v['label'] == 'partially'),
               ('partially, missed', lambda v: v['label'] == 'partially' and not v['linked'])]
    clusters = collections.defaultdict(dict)
    truth = collections.defaultdict(dict)
    for r in rows(d + '/clusters.tsv'):
        clusters[r[0]][int(r[1])] = int(r[2])
        truth[r[0]][int(r[1])] = r[3]
    for vs in sorted({v['set'] for v in versions}):
        mine = [v for v in versions if v['set'] == vs]
        print('\n%s: the rewrite versions against their wire item, by label:' % vs)
        if vs != 'blind':
            print('signal    label                 n     min    p10    med    p90    max')
            for k in keys + ['c_ml']:
                for name, f in vgroups:
                    print('%-9s %-18s %s' % (k, name, dist([v[k] for v in mine if f(v)])))
        admit = [v for v in mine if admitted_a(v)]
        print('rule A: admit a version the rule misses when it says its wire item again (novelty')
        print('under 0.29 or para 0.87 or more) and shares 0.07 of its sampled evidence: %s' %
              ', '.join('%s %d' % (lab, sum(v['label'] == lab for v in admit))
                        for lab in ('wholly', 'partially', 'none')))
        if vs != 'blind':
            print('  admitted: %s' % ', '.join('%d (%s)' % (v['member'], v['label']) for v in admit))
            print('novelty from bottom-k samples of the words (a sketch a fingerprint could carry):')
            for k in (64, 128, 256):
                for v in mine:
                    v['sk'] = sketch_novelty(word_sketch(text[(vs, v['member'])], k),
                                             word_sketch(text[(vs, v['wire'])], k))
                lowest = min(v['sk'] for v in mine if v['label'] == 'none')
                print('  k %3d: none %s; wholly %s; wholly missed under the lowest none (%.2f): %d of %d' % (
                    k, dist([v['sk'] for v in mine if v['label'] == 'none']),
                    dist([v['sk'] for v in mine if v['label'] == 'wholly']), lowest,
                    sum(v['sk'] < lowest for v in mine if v['label'] == 'wholly' and not v['linked']),
                    sum(1 for v in mine if v['label'] == 'wholly' and not v['linked'])))
        story = clusters[vs]
        wrong = [x for x in links if x['set'] == vs and x['cls'] != 'right']
        print('ARI, first order (a refused member alone, an admitted version in its wire item\'s story):')
        print('  as clustered %.4f' % ari(story, truth[vs]))
        s = dict(story)
        for x in links:
            if x['set'] == vs and refused_v(x):
                s[x['member']] = x['member']
        print('  rule V (P 0.65, R 15) %.4f' % ari(s, truth[vs]))
        s = dict(story)
        for x in wrong:
            s[x['member']] = x['member']
        print('  every wrong partial version refused (a perfect veto) %.4f' % ari(s, truth[vs]))
        s = dict(story)
        for v in admit:
            s[v['member']] = s[v['wire']]
        print('  rule A %.4f' % ari(s, truth[vs]))
        for x in wrong:
            s[x['member']] = x['member']
        print('  rule A and a perfect veto %.4f' % ari(s, truth[vs]))
        s = dict(story)
        for v in mine:
            if v['label'] != 'none' and not v['linked']:
                s[v['member']] = s[v['wire']]
        print('  every missed rewrite version admitted %.4f' % ari(s, truth[vs]))


if __name__ == '__main__':
    main(sys.argv[1])
