#!/usr/bin/env python3
"""bench/wire_duplicates.py -- a small labelled set of wire-shaped duplicate
pairs made from real Wikinews sentences

Usage: python3 bench/wire_duplicates.py articles.jsonl [N [blind]] > pairs.tsv

Writes test/data/fingerprint/wire_duplicates.tsv (the file is made by this
script and kept in the repository, so tests do not read the shared copy):
one line per text, COPY text format:
    id, item, kind, label, body
where item is the base item the text was made from, kind says how it
differs from the item's first text (kind 'orig'), and label is 'dup' for
the texts a wire desk would call duplicates of that first text (the
positive pairs: orig with each dup text of its item).  Texts of different
items are different stories (negatives); the Wikinews articles are
distinct reports, a few of the same events.

The N base items (default 60) are cut from Wikinews articles (CC BY 2.5,
Wikinews contributors, https://en.wikinews.org/) to the sizes of wire copy:
an eighth one-line briefs (the lead's first clause, 12-25 words), an
eighth briefs of one or two sentences (about 20-45 words), the rest
stories of about 60-300 words (the real wire corpus of issue 11 averages
131 words), each under a headline and a dateline, as agencies file them:

    HEADLINE
    CITY, Month D (Wire) - first paragraph ...

The duplicates (each against the orig text of its item):
    exact       the same text sent again
    headline    the headline rewritten, body unchanged
    dateline    the dateline's day and agency changed, and its city dropped
    figure      a correction: one figure of the body changed (a name if the
                body has no figure)
    name        a correction: one name of the body spelt differently
    urgent      (orig is the full story) an URGENT brief: the headline and
                the lead sentence alone, as filed before the write-through
    appended    the story with a paragraph added at its end ("Adds comment
                from ..."), taken from another Wikinews article
    cut         the story with its last paragraph cut (stories of three or
                more paragraphs only)
Deterministic (fixed seed).  With "blind", another seed draws N other
articles (none of the development set's items or donors): the blind split,
test/data/fingerprint/wire_duplicates_blind.tsv, frozen before it was
first read and read once (doc/fingerprint.md).
"""
import json
import random
import re
import sys

CITIES = ['LONDON', 'NEW YORK', 'PARIS', 'SYDNEY', 'TOKYO', 'BRUSSELS',
          'WASHINGTON', 'BERLIN', 'NAIROBI', 'MADRID', 'TORONTO', 'DELHI']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
          'August', 'September', 'October', 'November', 'December']
AGENCIES = ['Reuters', 'AFP', 'AP', 'PA']
CALENDAR = set(MONTHS) | {'Monday', 'Tuesday', 'Wednesday', 'Thursday',
                          'Friday', 'Saturday', 'Sunday'}
SENT = re.compile(r'(?<=[.!?])\s+(?=[A-Z"])')


def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')


def sentences(p):
    # split at a full stop before a capital; a piece of fewer than six
    # words ("B." of "Benoit B. Mandelbrot") stays with the next
    out, cur = [], ''
    for s in SENT.split(p.strip()):
        cur = (cur + ' ' + s) if cur else s
        if len(cur.split()) >= 6:
            out.append(cur)
            cur = ''
    if cur:
        out.append(cur) if not out else out.__setitem__(-1, out[-1] + ' ' + cur)
    return out


def headline(art, lead):
    if art.get('title'):
        return art['title']
    words = re.findall(r"[A-Za-z0-9'-]+", lead)[:8]
    return ' '.join(w[:1].upper() + w[1:] for w in words)


def make_item(art, rnd, size):
    paras = [p.strip() for p in art['text'].split('\n\n') if p.strip()]
    if size == 'brief':
        ss = sentences(paras[0])
        body = [ss[0]]
        if len(body[0].split()) < 20 and len(ss) > 1:
            body[0] += ' ' + ss[1]
        return body
    if size == 'tiny':
        # the lead's first clause: a one-line brief of 12-25 words
        lead = sentences(paras[0])[0]
        m = re.search(r',', ' '.join(lead.split()[12:25]))
        ws = lead.split()
        if m:
            cut = 12 + ' '.join(ws[12:25])[:m.start()].count(' ') + 1
            return [' '.join(ws[:cut]).rstrip(',') + '.']
        return [lead]
    target = rnd.randint(60, 150) if size == 'short' else rnd.randint(150, 300)
    body, n = [], 0
    for p in paras:
        if n >= target:
            break
        body.append(p)
        n += len(p.split())
    return body


def render(head, dateline, body):
    return head + '\n\n' + dateline + ' - ' + body[0] + \
        ''.join('\n\n' + p for p in body[1:]) + '\n'


def change_figure(text, rnd):
    nums = [m for m in re.finditer(r'\b\d[\d,.]*\d\b|\b\d\b', text)]
    if not nums:
        return None
    m = rnd.choice(nums)
    s = m.group(0)
    digits = [i for i, c in enumerate(s) if c.isdigit()]
    i = rnd.choice(digits)
    d = str((int(s[i]) + 1 + rnd.randrange(8)) % 10)
    if i == 0 and d == '0':
        d = '9'
    return text[:m.start() + i] + d + text[m.start() + i + 1:]


def change_name(text, rnd):
    # a capitalised word that does not open a sentence, spelt differently
    cands = [m for m in re.finditer(r'(?<=[a-z,] )[A-Z][a-z]{3,}', text)
             if m.group(0) not in CALENDAR]
    if not cands:
        return None
    m = rnd.choice(cands)
    w = m.group(0)
    i = rnd.randrange(1, len(w) - 1)
    w2 = w[:i] + ('e' if w[i] != 'e' else 'a') + w[i + 1:]
    return text[:m.start()] + w2 + text[m.end():]


def main():
    src = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    blind = len(sys.argv) > 3 and sys.argv[3] == 'blind'
    arts = [json.loads(line) for line in open(src, encoding='utf-8')]
    rnd = random.Random(20261205)
    picks = rnd.sample(range(len(arts)), 2 * n)
    if blind:
        used = set(picks)
        rnd = random.Random(20261206)
        picks = rnd.sample([i for i in range(len(arts)) if i not in used], 2 * n)
    donors = picks[n:]
    out = []
    nid = 0

    def emit(item, kind, label, text):
        nonlocal nid
        nid += 1
        out.append(f'{nid}\t{item}\t{kind}\t{label}\t{esc(text)}')

    for item, k in enumerate(picks[:n], 1):
        art = arts[k]
        size = ('tiny' if item % 8 == 1 else 'brief') if item % 4 == 1 else \
            ('short' if item % 4 in (2, 3) else 'long')
        body = make_item(art, rnd, size)
        head = headline(art, body[0])
        city = rnd.choice(CITIES)
        mon = rnd.choice(MONTHS)
        day = rnd.randint(1, 27)
        ag = rnd.choice(AGENCIES)
        dl = f'{city}, {mon} {day} ({ag})'
        orig = render(head, dl, body)
        emit(item, 'orig', 'orig', orig)
        emit(item, 'exact', 'dup', orig)
        words = head.split()
        rnd.shuffle(words)
        emit(item, 'headline', 'dup',
             render('UPDATE 1-' + ' '.join(words[:max(3, len(words) - 2)]), dl, body))
        ag2 = AGENCIES[(AGENCIES.index(ag) + 1) % len(AGENCIES)]
        emit(item, 'dateline', 'dup', render(head, f'{mon} {day + 1} ({ag2})', body))
        fig = change_figure('\n\n'.join(body), rnd)
        nam = change_name('\n\n'.join(body), rnd)
        if fig is not None:
            emit(item, 'figure', 'dup', render(head, dl, fig.split('\n\n')))
        elif nam is not None:
            emit(item, 'figure', 'dup', render(head, dl, nam.split('\n\n')))
        if nam is not None:
            emit(item, 'name', 'dup', render(head, dl, nam.split('\n\n')))
        if size not in ('brief', 'tiny'):
            lead = sentences(body[0])[0]
            emit(item, 'urgent', 'dup', render('URGENT: ' + head, dl, [lead]))
            donor = [p for p in arts[donors[item - 1]]['text'].split('\n\n') if p.strip()]
            emit(item, 'appended', 'dup', render(head, dl, body + [donor[-1]]))
            if len(body) >= 3:
                emit(item, 'cut', 'dup', render(head, dl, body[:-1]))
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
