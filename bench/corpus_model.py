#!/usr/bin/env python3
"""bench/corpus_model.py -- build data/corpus_model.txt, the sentence material
of the realistic bench corpus generator (bench/corpus_gen.c)

Reads the English Wikinews articles (CC BY 2.5; /work/shared/data/wikinews,
see data/NOTICE) and writes sentence *frames*: every sentence of every article
with its content words, names and numbers replaced by slots, so that the
generator can fill them with other words of the same kind.  Only function
words, the most frequent words and punctuation stay as written; two generated
stories built on the same frame therefore share no more than real news
shares (function-word runs such as "one of the"), and the number of distinct
word sequences grows with the corpus, as it does in real news.

Slots, written {NAME} in a frame:
  {w17}      a word of pool w17: words that WordNet says can take exactly the
             same set of parts of speech and inflections (for example "reports"
             = plural noun or 3rd-person verb), so any word of the pool fits
             the frame whatever its role was; pools keep the Wikinews counts
  {PER} {LOC} {ORG} {NAM}   a person, a place, an organisation, another name
  {DAY} {MON} {Y}           a weekday, a month, a year
  {D:99.9}   a number of that shape (each 9 becomes a random digit)

The file also holds the word pools and name lists (given names, surnames,
places, organisations, other names) with their counts.  WordNet 3.0
(Debian wordnet-base) gives the parts of speech, and data/gazetteer.tsv the
names; see data/NOTICE for both licences.

Usage: bench/corpus_model.py [WIKINEWS.jsonl] > data/corpus_model.txt
Deterministic: the same input gives the same file.
"""
import collections
import json
import re
import sys

WN = '/usr/share/wordnet'
KEEP_TOP = 1000    # the most frequent words stay as written
TOP = __file__.rsplit('/', 2)[0] if '/' in __file__ else '..'

FUNCTION = set("""
a an the this that these those some any no every each either neither all both half
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
myself yourself himself herself itself ourselves themselves one ones
who whom whose which what whatever whoever where when why how whether
and or but nor so yet for if then than because although though while unless until since
as at by from in into of off on onto out over to under up upon with within without
about above across after against along among around before behind below beneath beside
besides between beyond during except inside near outside past per through throughout
toward towards via amid amongst despite including following according
be am is are was were been being have has had having do does did doing done
will would shall should can could may might must ought
not n't no yes also only just even still already again ever never always often
very too more most less least much many few several such other another same own
there here now then today yesterday tomorrow
said says say told tell added according
s 's ’s
mr mrs ms dr
""".split())

DOMAIN_WORDS = {
    'b': set('company companies shares market markets percent billion million profit profits bank banks '
             'economy economic investors sales prices stock business firm revenue trade deal '
             'industry oil financial customers'.split()),
    'c': set('court police judge trial charged sentenced arrested murder jury guilty prison '
             'prosecutors lawyer charges convicted crime officers investigation'.split()),
    's': set('match game games season team won cup league goal goals players coach championship '
             'scored win final club race tournament olympic medal'.split()),
}
MONTHS = set("January February March April May June July August September October "
             "November December Jan Feb Mar Apr Aug Sept Sep Oct Nov Dec".split())
DAYS = set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
LITERAL_NAMES = set("U.S. US UK EU UN U.N. NATO".split())
ABBREV = set("Mr Mrs Ms Dr St Mt Gen Lt Col Sgt Capt Gov Sen Rep Prof Jr Sr Inc Corp Co Ltd "
             "No vs Jan Feb Mar Apr Aug Sept Sep Oct Nov Dec U.S U.K U.N".split())


def load_wordnet():
    idx = {}
    for pos in ('noun', 'verb', 'adj', 'adv'):
        s = set()
        with open('%s/index.%s' % (WN, pos), encoding='latin-1') as f:
            for line in f:
                if line.startswith(' '):
                    continue
                lemma = line.split(' ', 1)[0]
                if '_' not in lemma:
                    s.add(lemma)
        idx[pos] = s
    exc = {}
    for pos in ('noun', 'verb', 'adj'):
        d = collections.defaultdict(list)
        with open('%s/%s.exc' % (WN, pos), encoding='latin-1') as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2:
                    d[parts[0]].extend(parts[1:])
        exc[pos] = d
    return idx, exc


def analyses(w, idx, exc):
    """The set of (part of speech, form) readings WordNet allows for w."""
    tags = set()
    n, v, a, r = idx['noun'], idx['verb'], idx['adj'], idx['adv']
    if w in n:
        tags.add('N')
    if w in v:
        tags.add('V')
    if w in a:
        tags.add('A')
    if w in r:
        tags.add('R')
    # nouns: plural
    if exc['noun'].get(w) or any(w.endswith(suf) and w[:len(w) - len(suf)] + rep in n
                                 for suf, rep in (('s', ''), ('ses', 's'), ('xes', 'x'), ('zes', 'z'),
                                                  ('ches', 'ch'), ('shes', 'sh'), ('men', 'man'), ('ies', 'y'))):
        if len(w) > 3:
            tags.add('Ns')
    # verbs
    vexc = exc['verb'].get(w, [])
    if any(w.endswith(suf) and w[:len(w) - len(suf)] + rep in v
           for suf, rep in (('s', ''), ('ies', 'y'), ('es', 'e'), ('es', ''))) and len(w) > 3:
        tags.add('Vz')
    if (any(w.endswith(suf) and w[:len(w) - len(suf)] + rep in v
            for suf, rep in (('ed', 'e'), ('ed', ''), ('ied', 'y'))) or
            (w.endswith('ed') and len(w) > 4 and w[-3] == w[-4] and w[:-3] in v)) or \
            any(b in v for b in vexc if not w.endswith('ing')):
        tags.add('Vd')
    if w.endswith('ing') and len(w) > 5 and (w[:-3] in v or w[:-3] + 'e' in v or
                                              (w[-4] == w[-5] and w[:-4] in v)):
        tags.add('Vg')
    # adjectives: comparative, superlative
    if any(b in a for b in exc['adj'].get(w, [])) or \
            (w.endswith('er') and (w[:-2] in a or w[:-1] in a)) or \
            (w.endswith('est') and (w[:-3] in a or w[:-2] in a)):
        tags.add('Ac')
    return tags


WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.\-,]*[A-Za-z0-9]|[A-Za-z0-9]|[^\sA-Za-z0-9]")


def tokens(sentence):
    """(token, space_before) pairs; words keep inner apostrophes, hyphens,
    dots and commas (U.S., 1,500, 3.5), which are split off again below."""
    out = []
    for m in WORD.finditer(sentence):
        t = m.group(0)
        sp = m.start() > 0 and sentence[m.start() - 1].isspace()
        if re.search(r"[A-Za-z]", t) and ',' in t:
            parts = t.split(',')
            for i, p in enumerate(parts):
                if p:
                    out.append((p, sp if i == 0 else False))
                out.append((',', False)) if i < len(parts) - 1 else None
            continue
        m2 = re.match(r"^(.+?)(['’]s)$", t)
        if m2 and not re.match(r"^[A-Z]\.$", m2.group(1)):
            out.append((m2.group(1), sp))
            out.append((m2.group(2), False))
            continue
        out.append((t, sp))
    return out


SPLIT = re.compile(r'(?<=[.!?])(["”’)]?)\s+(?=["“(]?[A-Z0-9])')


def sentences(par):
    parts = SPLIT.split(par)
    # re.split with one group: text, closer, text, closer ...
    sents, cur = [], ''
    for i in range(0, len(parts), 2):
        cur += parts[i] + (parts[i + 1] if i + 1 < len(parts) else '')
        last = cur.rstrip('"”’)').split()[-1] if cur.split() else ''
        if last.rstrip('.') in ABBREV or re.match(r'^[A-Z]\.$', last):
            cur += ' '
            continue
        sents.append(cur.strip())
        cur = ''
    if cur.strip():
        sents.append(cur.strip())
    return sents


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/wikinews/articles.jsonl'
    idx, exc = load_wordnet()
    given, places, orgs, heads, titles, perlast = set(), set(), set(), set(), set(), collections.Counter()
    with open(TOP + '/data/gazetteer.tsv', encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            p = line.rstrip('\n').split('\t')
            if len(p) < 3:
                continue
            s, kind = p[0], p[2]
            if kind == 'GIVEN':
                given.add(s)
            elif kind == 'LOC':
                places.add(s)
            elif kind == 'ORG':
                orgs.add(s)
            elif kind in ('ORGHEAD', 'ORGSUF'):
                heads.add(s)
            elif kind in ('TITLE', 'TMOD'):
                titles.add(s)
            elif kind == 'PER' and ' ' in s:
                last = s.split()[-1]
                if re.match(r'^[A-Z][a-z]{2,}$', last):
                    perlast[last] += 1
    with open(TOP + '/data/hand/given_names.txt', encoding='utf-8') as f:
        for line in f:
            if not line.startswith('#'):
                given.update(line.split())

    arts = [json.loads(l) for l in open(path, encoding='utf-8')]
    # word counts (lower-case) over everything, for the literal list
    wc = collections.Counter()
    for a in arts:
        for t in re.findall(r"[a-z]+", a['text']):
            wc[t] += 1
    keep = set(FUNCTION) | {w for w, _ in wc.most_common(KEEP_TOP)}

    sigcache = {}

    def sig(w):
        if w not in sigcache:
            tags = analyses(w, idx, exc)
            sigcache[w] = '+'.join(sorted(tags)) if tags else ''
        return sigcache[w]

    pools = collections.defaultdict(collections.Counter)
    names = {k: collections.Counter() for k in ('PER', 'LOC', 'ORG', 'NAM', 'GIVEN', 'SUR')}
    frames = []      # (article index, paragraph index, frame)

    def is_cap(t):
        return t[:1].isupper()

    domains = {}
    for ai, a in enumerate(arts):
        low = re.findall(r"[A-Za-z']+", a['text'])
        nw = max(1, len(low))
        firstperson = sum(1 for t in low if t in ('I', "I'm", 'you', 'You', "I've")) / nw
        if firstperson > 0.008 or '((' in a['text']:
            continue            # interviews: not news prose
        score = {d: sum(1 for t in low if t.lower() in ws) for d, ws in DOMAIN_WORDS.items()}
        best = max(score, key=lambda d: score[d])
        domains[ai] = best if score[best] >= 0.012 * nw else 'g'
    for ai, a in enumerate(arts):
        if ai not in domains:
            continue
        for pi, par in enumerate(a['text'].split('\n\n')):
            for s in sentences(par):
                toks = tokens(s)
                nw = sum(1 for t, _ in toks if t[0].isalnum())
                if nw < 6 or nw > 45 or re.search(r'[{}\[\]]', s) or not re.search(r'[.!?]["”’)]?$', s):
                    continue
                out = []          # (text, space_before)
                slots = 0
                i = 0
                while i < len(toks):
                    t, sp = toks[i]
                    first = (i == 0) or (i == 1 and not toks[0][0][0].isalnum())
                    if re.search(r'\d', t):
                        if re.match(r'^(1[89]\d\d|20[0-3]\d)$', t):
                            out.append(('{Y}', sp))
                        else:
                            shape = re.sub(r'\d', '9', t)
                            if re.search(r'[A-Za-z]', shape) and not re.match(r'^9+(st|nd|rd|th|s|m|bn|km|kg)$', shape):
                                out.append((t, sp))
                                i += 1
                                continue
                            out.append(('{D:%s}' % shape, sp))
                        slots += 1
                        i += 1
                        continue
                    if not t[0].isalpha():
                        out.append((t, sp))
                        i += 1
                        continue
                    low = t.lower()
                    if is_cap(t) and not (first and (low in keep or (sig(low) and low in wc and wc[low] > 3 * wc.get(t, 0)))):
                        # a run of capitalised words (with "of", "the", "and", "for" inside)
                        j = i
                        run = []
                        while j < len(toks):
                            tj = toks[j][0]
                            if is_cap(tj) and tj[0].isalpha() and (j == i or toks[j][1]):
                                run.append(tj)
                                j += 1
                            elif tj in ('of', 'for', 'and', 'de') and j + 1 < len(toks) and is_cap(toks[j + 1][0]) and run:
                                run.append(tj)
                                j += 1
                            else:
                                break
                        while run and run[-1] in ('of', 'for', 'and', 'de'):
                            run.pop()
                            j -= 1
                        # titles and months/days stay apart
                        if run[0] in titles or run[0].rstrip('.') in ABBREV and run[0].endswith('.'):
                            out.append((run[0], sp))
                            i += 1
                            continue
                        if run[0] in DAYS:
                            out.append(('{DAY}', sp))
                            slots += 1
                            i += 1
                            continue
                        if run[0] in MONTHS:
                            out.append(('{MON}', sp))
                            slots += 1
                            i += 1
                            continue
                        surface = ' '.join(run)
                        if surface in LITERAL_NAMES:
                            out.append((surface, sp))
                            i = j
                            continue
                        if run[0] in given and len(run) >= 2 and all(re.match(r"^[A-Z][a-z'\-]+$", x) for x in run):
                            kind = 'PER'
                            names['GIVEN'][run[0]] += 1
                            names['SUR'][run[-1]] += 1
                        elif surface in places:
                            kind = 'LOC'
                        elif surface in orgs or run[-1] in heads:
                            kind = 'ORG'
                        else:
                            kind = 'NAM'
                        if not re.search(r"Wiki|\bWN\b", surface):
                            names[kind][surface] += 1
                        out.append(('{%s}' % kind, sp))
                        slots += 1
                        i = j
                        continue
                    if low in keep or "'" in low or '’' in low or '.' in low:
                        out.append((t if not first else t, sp))
                        i += 1
                        continue
                    if '-' in low:
                        pools['HY'][low] += 1
                        out.append(('{HY}', sp))
                        slots += 1
                        i += 1
                        continue
                    g = sig(low)
                    if not g:
                        g = 'X' + ('s' if low.endswith('s') else 'd' if low.endswith('ed') else
                                   'g' if low.endswith('ing') else 'y' if low.endswith('ly') else '')
                    pools[g][low] += 1
                    out.append(('{%s}' % g, sp))
                    slots += 1
                    i += 1
                if slots < 3 or slots * 4 < nw:
                    continue
                text = ''
                for k, (t, sp) in enumerate(out):
                    text += (' ' if sp and k else '') + t
                if first_upper_needed(text):
                    text = text[0].upper() + text[1:]
                frames.append((ai, pi, text))
    # pool names: small pools merge into their main reading
    rename = {}
    order = sorted(pools, key=lambda g: -sum(pools[g].values()))
    for g in order:
        if len(pools[g]) < 8:
            main = g.split('+')[0]
            tgt = main if main in pools and len(pools[main]) >= 8 else 'X'
            rename[g] = tgt
    for g, tgt in rename.items():
        pools[tgt].update(pools.pop(g))
    code = {g: 'w%d' % k for k, g in enumerate(sorted(pools, key=lambda g: -sum(pools[g].values())))}

    def recode(m):
        g = m.group(1)
        g = rename.get(g, g)
        return '{%s}' % code[g] if g in code else m.group(0)

    for w, c in perlast.items():
        names['SUR'][w] += 0
    out = sys.stdout
    out.write('# newsprint corpus model: sentence frames and word pools derived from English\n'
              '# Wikinews (CC BY 2.5, Wikinews contributors, https://en.wikinews.org/) by\n'
              '# bench/corpus_model.py; parts of speech from WordNet 3.0, names partly from\n'
              '# data/gazetteer.tsv. See data/NOTICE. Do not edit: regenerate.\n')
    for g, c in sorted(code.items(), key=lambda kv: int(kv[1][1:])):
        items = sorted(pools[g].items(), key=lambda kv: (-kv[1], kv[0]))
        out.write("%%pool %s %d %s\n" % (c, len(items), g))
        for w, n in items:
            out.write('%s\t%d\n' % (w, n))
    for k in ('GIVEN', 'SUR', 'LOC', 'ORG', 'NAM'):
        items = names[k]
        if k == 'GIVEN':
            for gname in given:
                items[gname] += 0
        if k == 'SUR':
            for s in perlast:
                items[s] += 0
        if k == 'LOC':
            for p in places:
                if re.match(r"^[A-Z][A-Za-z .'\-]+$", p):
                    items[p] += 0
        items = sorted(items.items(), key=lambda kv: (-kv[1], kv[0]))
        out.write("%%pool %s %d names\n" % (k, len(items)))
        for w, n in items:
            out.write('%s\t%d\n' % (w, n + 1))
    out.write("%%frames %d\n" % len(frames))
    prev = None
    for ai, pi, text in frames:
        text = re.sub(r'\{([^{}]+)\}', lambda m: recode(m) if not re.match(r'^(PER|LOC|ORG|NAM|DAY|MON|Y|D:.*)$', m.group(1)) else m.group(0), text)
        mark = 'A' if prev is None or prev[0] != ai else ('P' if prev[1] != pi else 'S')
        text = re.sub(r'\{MON\} \{D:99?\}', '{MON} {DN}', text)
        text = re.sub(r'\{D:99?\} \{MON\}', '{DN} {MON}', text)
        text = re.sub(r'\{D:9?9:99(:99)?\}', '{TIME}', text)
        out.write('%s%s %s\n' % (mark, domains[ai], text))
        prev = (ai, pi)
    return 0


def first_upper_needed(text):
    return text[:1].islower()


if __name__ == '__main__':
    sys.exit(main())
