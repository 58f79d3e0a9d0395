#!/usr/bin/env python3
"""bench/story_wrong_links.py -- the shared sampled hashes of wrong story links

Usage: story_wrong_links.py SHINGLES.tsv LINKS.tsv TEXTS.tsv
(written by bench/story_wrong_links.sh; see there)

SHINGLES.tsv: bench/evidence_dump.c's lines (key, shingle hash, common,
flags, words, kept hash, name bit).  LINKS.tsv: member, leader, their
kind/role/form, shingle counts, containment both ways, similarity, and both
fingerprints' sample hashes (npidx_keys, int4, ascending as unsigned).

Prints every link (SHOW limits how many) with the rule's figures, its class
and every shared sampled hash (N: with the name bit) with its shingle in the
member (and in the leader when it differs), then the links by class: the
rule's path (a tiny pair; rows: 0.8 or more of the shared hashes, or of
both samples, named and neither text mostly in the other; neither mostly in the other but not low;
a low link, under 0.35 both ways) and, for low links, what the shared named
hashes hold (market formula names, figures only, names only, both; and how
many name or figure words they rest on).  Three counts follow: the low links
whose shared named shingles are all text of one of the generator's sentence
frames (data/corpus_model.txt), and those that would fall under 3 shared
named hashes if dates (a year, a day after a month) or the formula words of
markets held no name: what a change in how the fingerprint sets the name
bit could remove.
"""
import collections
import os
import re
import sys

SHOW = int(os.environ.get('SHOW', '100000'))
MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data',
                     'corpus_model.txt')

MONTHS = set('january february march april may june july august september '
             'october november december'.split())
WEEKDAYS = set('monday tuesday wednesday thursday friday saturday sunday'.split())

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
# the capitalised words of market formulas: index, exchange and instrument
# names that every market report of a kind carries (a simulation of a name
# bit that would not count them; the fingerprint counts them as names)
FORMULA_WORDS = set('dow jones treasury standard poor poors ftse nikkei hang seng '
                    'nasdaq cac dax brent wti chicago board trade exchange stock'.split())
AGENCY = re.compile(r'^[A-Z]{2,4}$')


def proper(w):
    """a word the name bit counts: capitalised or a figure (the text's
    first word of a sentence is not told apart here), not a month or
    weekday"""
    return (w[:1].isupper() or w[:1].isdigit()) and \
        w.lower() not in MONTHS and w.lower() not in WEEKDAYS


def norm(w):
    """a word as the fingerprint folds it (case, apostrophes, separators
    inside numbers)"""
    w = w.lower().replace("'", '').replace('\u2019', '')
    return re.sub(r'(?<=[0-9])[.,](?=[0-9])', '', w)


def frame_trigrams(path):
    """the word 3-grams of the literal text of the corpus model's sentence
    frames (data/corpus_model.txt lines "Xb text": X is A for an article's
    first frame; b the domain), slots ({...}) left out: what two generated texts
    that use one frame share whatever the slots hold; a run of frames of one
    article goes on into the next frame, as bench/corpus_gen.c writes it"""
    grams = set()
    try:
        f = open(path, encoding='utf-8', errors='replace')
    except OSError:
        return grams
    run = []
    with f:
        for line in f:
            if len(line) < 4 or line[2] != ' ' or '\t' in line or line[0] == '#':
                continue
            if line[0] == 'A':
                run.append(None)
            # a year slot is kept as a year: it holds 2023 or 2024 three
            # times in five (a date, which stories of a year share)
            text = re.sub(r'\{YE?A?R?\}', ' YEARSLOT ', line[3:].rstrip('\n'))
            # a figure slot ({D:99}, {D:9.9}) may draw the same figure in two
            # texts: kept as a figure
            text = re.sub(r'\{D:[0-9.]+\}', ' NUMSLOT ', text)
            for k, part in enumerate(re.split(r'\{[^}]*\}', text)):
                if k:
                    run.append(None)
                part = re.sub(r'(?<=[0-9])[.,](?=[0-9])', '', part)
                run.extend(norm(x) for x in re.findall(r"[A-Za-z0-9']+", part)
                           if x.strip("'"))
    for i in range(len(run) - 2):
        if None not in run[i:i + 3]:
            grams.add(tuple(run[i:i + 3]))
    return grams


def frame_gram(shingle):
    """a shingle's words as frame_trigrams() keeps them: a year is a year
    slot, another figure a figure slot (when the literal 3-gram is not a
    frame's, see main())"""
    return tuple('yearslot' if re.match(r'^(19|20)[0-9][0-9]$', x)
                 else 'numslot' if re.match(r'^[0-9][0-9.,]*$', x) and not
                 re.match(r'^(19|20)[0-9][0-9]$', x) else norm(x)
                 for x in shingle.split())


def is_date(words, q, w):
    """is word w, at position q of words, a year or a day of a month?"""
    if re.match(r'^(19|20)[0-9][0-9]$', w):
        return True
    return bool(re.match(r'^[0-9]{1,2}$', w)) and 1 <= int(w) <= 31 and \
        q > 0 and q - 1 < len(words) and words[q - 1].lower() in MONTHS


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
    formula_gone = collections.Counter()
    dates_gone = collections.Counter()
    frame_named = collections.Counter()
    grams = frame_trigrams(MODEL)
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
        elif ((len(named) >= 0.8 * len(shared) or
               (share_a >= 0.8 and share_b >= 0.8)) and
              float(cml) < 0.5 and float(clm) < 0.5):
            path = ('rows: shared hashes or both samples 0.8 or more named, '
                    'under 0.5 both ways')
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
        mwords = [w.split()[0] for _, w, _ in shingles.get(member, [])]
        # the named hashes left when dates are no figures: a year (1900-2099)
        # or a day (1-31) after a month's name
        left_dates = 0
        for w, p in named_sh:
            props = [(p + k, x) for k, x in enumerate(w.split()) if proper(x)]
            if any(not is_date(mwords, q, x) for q, x in props):
                left_dates += 1
        if path == 'low' and len(named) >= 3 and left_dates < 3:
            dates_gone[cls] += 1
        # the shared named shingles that are literal text of a frame
        in_frame = sum(1 for w, _ in named_sh
                       if frame_gram(w) in grams or
                       tuple(norm(x) for x in w.split()) in grams)
        if path == 'low' and named_sh and in_frame == len(named_sh):
            frame_named[cls] += 1
        classes[cls] += 1
        # the named hashes left when formula words are no names
        left = 0
        for w, p in named_sh:
            props = [x for x in w.split() if proper(x)]
            if not props or any(x.lower().replace("'", '') not in FORMULA_WORDS
                                for x in props):
                left += 1
        if path == 'low' and len(named) >= 3 and left < 3:
            formula_gone[cls] += 1
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
    print('low links whose shared named shingles are all text of one of the '
          'generator\'s sentence frames (names and figures the frame keeps '
          'whatever its word slots hold, or a year or figure slot that drew '
          'the same value): %d of %d (%s)'
          % (sum(frame_named.values()),
             sum(k for c, k in classes.items() if c.startswith('low')),
             ', '.join('%s %d' % kv for kv in sorted(frame_named.items()))))
    print('low links that would share under 3 named hashes if dates (a year, a '
          'day after a month) were no figures: %d (%s)'
          % (sum(dates_gone.values()),
             ', '.join('%s %d' % kv for kv in sorted(dates_gone.items()))))
    print('low links that would share under 3 named hashes if the formula words '
          'of markets (%s) held no name: %d (%s)'
          % (' '.join(sorted(FORMULA_WORDS)), sum(formula_gone.values()),
             ', '.join('%s %d' % kv for kv in sorted(formula_gone.items()))))


if __name__ == '__main__':
    main()
