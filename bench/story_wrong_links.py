#!/usr/bin/env python3
"""bench/story_wrong_links.py -- the shared sampled hashes of wrong story links

Usage: story_wrong_links.py SHINGLES.tsv LINKS.tsv TEXTS.tsv
(written by bench/story_wrong_links.sh; see there)

SHINGLES.tsv: bench/evidence_dump.c's lines (key, shingle hash, common,
flags, words, kept hash, name bit).  LINKS.tsv: member, leader, their
kind/role/form, shingle counts, containment both ways, similarity, and both
fingerprints' sample hashes (npidx_keys, int4, ascending as unsigned).
"""
import collections
import os
import re
import sys

SHOW = int(os.environ.get('SHOW', '100000'))

MONTHS = set('january february march april may june july august september '
             'october november december'.split())
WEEKDAYS = set('monday tuesday wednesday thursday friday saturday sunday'.split())
# agencies of the generator's datelines and bylines, and the capitalised
# words every market, company or sports report of a kind carries
FORMULA_NAMES = set(
    'dow jones nasdaq ftse nikkei dax cac hang seng s p stock exchange nyse '
    'treasury brent wti crude index average composite industrial industrials '
    'qtly div shr net revs rev cts mln vs qtr oper avg shrs nine mths year '
    'fourth third second first 1st 2nd 3rd 4th '
    'reuters ap afp upi'.split())


def read_shingles(path):
    """key -> list of (kept hash with name bit, words, flags) in text order"""
    by_key = collections.defaultdict(list)
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            if len(p) < 7:
                continue
            key, _sh, common, flags, words, kept, name = p[:7]
            if common == '1':
                continue
            h = (int(kept, 16) & ~1) | int(name)
            by_key[key].append((h, words, flags))
    return by_key


def keys(s):
    return sorted((int(x) & 0xFFFFFFFF) for x in s.split(',') if x)


def compared(a, b, na, nb):
    """the samples cut at tau, as the estimators cut them"""
    inf = 1 << 33
    la = a[-1] if a and na > len(a) else inf
    lb = b[-1] if b and nb > len(b) else inf
    tau = min(la, lb)
    return [h for h in a if h <= tau], [h for h in b if h <= tau]


def word_kind(w, flags_digit):
    lw = w.lower()
    if lw in MONTHS:
        return 'month'
    if lw in WEEKDAYS:
        return 'weekday'
    if w[:1].isdigit():
        return 'figure'
    if w[:1].isupper():
        return 'name'
    return 'word'


MARKET = re.compile(r'\b(Dow Jones|Treasury|Standard and Poor|Poor|FTSE|Nikkei|Hang Seng|'
                    r'Nasdaq|CAC|DAX|Brent|WTI|Board of Trade|Stock Exchange)', re.I)
AGENCY = re.compile(r'^[A-Z]{2,4}$')


def proper(w):
    """a word the name bit counts: capitalised or a figure (the text's
    first word of a sentence is not told apart here), not a month or
    weekday"""
    return (w[:1].isupper() or w[:1].isdigit()) and \
        w.lower() not in MONTHS and w.lower() not in WEEKDAYS


def classify(path, named_sh, shingles_m, shared):
    """the class of a wrong link: its rule path, and for low links what
    the shared named hashes come from"""
    if path != 'low':
        return path
    if not named_sh:
        return 'low: no shared name'
    text = ' '.join(w for w, _ in named_sh)
    if MARKET.search(text):
        return 'low: market names (index, instrument, exchange)'
    if any(AGENCY.match(w.split()[0]) and w.split()[0] not in ('UK', 'US', 'UN', 'EU', 'G8', 'IE6')
           for w, _ in named_sh):
        return 'low: agency of a dateline'
    # the proper words behind the shared named hashes, by position in the
    # member's text
    pos = {}
    for w, p in named_sh:
        for k, word in enumerate(w.split()):
            if proper(word):
                pos[p + k] = word
    figures = sum(1 for w in pos.values() if w[:1].isdigit())
    if figures == len(pos):
        return 'low: figures only (%s)' % ('1-2' if len(pos) <= 2 else '3+')
    if figures == 0:
        return 'low: names only (%s words)' % ('1-2' if len(pos) <= 2 else '3+')
    return 'low: names and figures'


def main():
    shingles = read_shingles(sys.argv[1])
    texts = {}
    with open(sys.argv[3], encoding='utf-8', errors='replace') as f:
        for line in f:
            k, _, t = line.rstrip('\n').partition('\t')
            texts[k] = t.replace('\\n', ' ')
    links = []
    with open(sys.argv[2]) as f:
        for line in f:
            links.append(line.rstrip('\n').split('\t'))
    classes = collections.Counter()
    examples = {}
    for n, p in enumerate(links):
        (member, leader, mk, lk, ms, ls, cml, clm, sim, mkeys, lkeys) = p
        ka, kb = keys(mkeys), keys(lkeys)
        a, b = compared(ka, kb, int(ms), int(ls))
        shared = sorted(set(a) & set(b))
        named = [h for h in shared if h & 1]
        share_a = sum(h & 1 for h in ka) / max(len(ka), 1)
        share_b = sum(h & 1 for h in kb) / max(len(kb), 1)
        if min(int(ms), int(ls)) < 40:
            path = 'tiny pair'
        elif (len(named) >= 0.8 * len(shared) and float(cml) < 0.5
              and float(clm) < 0.5):
            path = 'rows: shared hashes 0.8 or more named, under 0.5 both ways'
        elif float(cml) < 0.35 and float(clm) < 0.35:
            path = 'low'
        else:
            path = 'neither mostly in the other (0.35-0.5), not low'
        # the member's shingles by kept hash, with their first position
        sm = {}
        for pos, (h, w, fl) in enumerate(shingles.get(member, [])):
            sm.setdefault(h, (w, pos))
        sl = {}
        for h, w, fl in shingles.get(leader, []):
            sl.setdefault(h, w)
        named_sh = [sm[h] for h in named if h in sm]
        cls = classify(path, named_sh, sm, shared)
        classes[cls] += 1
        examples.setdefault(cls, []).append('%s->%s' % (member, leader))
        if n >= SHOW:
            continue
        print('== member %s (%s, %s shingles) -> leader %s (%s, %s shingles): '
              'c_ml %s c_lm %s sim %s; shared %d, named %d; named share of the '
              'samples %.2f / %.2f; class: %s'
              % (member, mk, ms, leader, lk, ls, cml, clm, sim, len(shared),
                 len(named), share_a, share_b, cls))
        print('   M: ' + texts.get(member, '')[:300])
        print('   L: ' + texts.get(leader, '')[:300])
        for h in shared:
            wm = sm.get(h, ('?', 0))[0]
            wl = sl.get(h, '?')
            print('   %s %s%s' % ('N' if h & 1 else '.', wm,
                                   '' if wm == wl else '  |  ' + wl))
    print()
    print('wrong links by class (%d links)' % len(links))
    for cls, k in sorted(classes.items(), key=lambda x: -x[1]):
        print('%4d  %s  (e.g. %s)' % (k, cls, ', '.join(examples[cls][:4])))


if __name__ == '__main__':
    main()
