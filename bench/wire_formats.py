#!/usr/bin/env python3
"""bench/wire_formats.py -- duplicate pairs in the agencies' own formats,
and different stories written in one formula, from Wikinews sentences

Usage: python3 bench/wire_formats.py articles.jsonl dev|blind > pairs.tsv

Writes test/data/fingerprint/wire_formats.tsv (dev) and
wire_formats_blind.tsv (blind), in the layout of
bench/wire_duplicates.py (id, item, kind, label, body; COPY text format)
so that bench/eval_wire_duplicates.sh reads them: each item's first text
(kind orig), the texts a wire desk would call its duplicates (label dup)
and, for some items, texts of another story written in the same format
and formula (label other: a different-story pair with every text of the
item).  Texts of different items are different stories too.

bench/wire_duplicates.py has re-sends, new headlines and datelines, a
figure or a name corrected in a story, URGENT briefs, a paragraph appended
or cut.  This set has the kinds it lacks, as Reuters, AP and AFP move
them (headline prefixes, "(Corrects ...)" notes before the dateline,
sign-offs):

    brief_figure   a 1-3 sentence brief, and its CORRECTED re-send: one
                   figure changed, a "(Corrects ...)" note
    brief_name     the same with one name spelt differently
    update_lead    a story and its "UPDATE 1-" re-send: a new lead
                   paragraph (a later paragraph of the article) above the
                   story, an "(Adds ...)" note and a new sign-off
    refile         a story and its "REFILE-" re-send: one word dropped or
                   restored, a "(Refiles to ...)" note
    wrap           a story and a wrap of it: the dateline moved to another
                   city and day, a new lead paragraph, the old city in the
                   old lead
    cut2           a story of four or more paragraphs cut to its first two
    flash          a write-through of two paragraphs and the one-line
                   URGENT or FLASH alert before it: the lead's first
                   sentence, or its first clause alone (no dateline)
    formula        (label other) another article's lead in the same
                   formula ("... died on ...", "... was sentenced to ...",
                   "An earthquake with a magnitude of ...") as a brief of
                   the same agency and shape; and agency formula briefs
                   ("BRIEF-X says board approves dividend of ...", "X
                   appoints Y as chief executive") about two companies or
                   people named in Wikinews text

Items are drawn from Wikinews articles (CC BY 2.5, Wikinews contributors,
https://en.wikinews.org/) that bench/wire_duplicates.py does not use, with
one fixed seed; each goes to the dev or the blind half by a second draw, so
the two halves are disjoint and the blind half was frozen before any rule
was changed on the dev half (doc/fingerprint.md, "Agency formats").
Deterministic.
"""
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wire_duplicates import esc, sentences, change_figure, change_name  # noqa: E402

CITIES = ['LONDON', 'NEW YORK', 'PARIS', 'SYDNEY', 'TOKYO', 'BRUSSELS',
          'WASHINGTON', 'BERLIN', 'NAIROBI', 'MADRID', 'TORONTO', 'DELHI',
          'GENEVA', 'JOHANNESBURG', 'SINGAPORE', 'MEXICO CITY']
MON3 = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug',
        'Sept', 'Oct', 'Nov', 'Dec']
REPORTERS = ['Anna Kovac', 'Tom Reyes', 'Priya Natarajan', 'Jonas Berg',
             'Helen Ortiz', 'Marc Duval', 'Keiko Mori', 'Sam Okafor']
EDITORS = ['Peter Hale', 'Ruth Lindqvist', 'Omar Said', 'Clare Byrne']
FORMULAS = [
    ('died', r'\bdied\b|\bhas died\b'),
    ('sentenced', r'\bsentenced to\b'),
    ('earthquake', r'\bearthquake\b.*\bmagnitude\b|\bmagnitude\b.*\bearthquake\b'),
    ('killed', r'\b(were|was|have been|has been) killed\b'),
    ('arrested', r'\b(was|were|has been|have been) arrested\b'),
    ('resigned', r'\bresigned\b'),
    ('won', r'\bwon the\b'),
]


def used_by_wire_duplicates(n_arts):
    # bench/wire_duplicates.py's picks and donors, dev and blind
    n = 60
    rnd = random.Random(20261205)
    picks = rnd.sample(range(n_arts), 2 * n)
    used = set(picks)
    rnd = random.Random(20261206)
    used |= set(rnd.sample([i for i in range(n_arts) if i not in used], 2 * n))
    return used


def paras_of(art):
    return [' '.join(p.split()) for p in art['text'].split('\n\n') if p.strip()]


def head_of(art, lead):
    if art.get('title'):
        return art['title']
    words = re.findall(r"[A-Za-z0-9'-]+", lead)[:8]
    return ' '.join(w[:1].upper() + w[1:] for w in words)


def dateline(rnd, agency, city, mon, day):
    if agency == 'Reuters':
        return f'{city}, {MON3[mon]} {day} (Reuters) -'
    if agency == 'AP':
        return f'{city} (AP) \u2014'
    return f'{city.title()}, {MON3[mon]} {day}, 2010 (AFP) -'


def signoff(agency, rnd, extra=None):
    if agency != 'Reuters':
        return None
    who = rnd.choice(REPORTERS)
    s = f'(Reporting by {who}'
    if extra:
        s += f'; additional reporting by {extra}'
    return s + f'; Editing by {rnd.choice(EDITORS)})'


def render(head, note, dl, body, sign=None):
    out = head + '\n'
    if note:
        out += note + '\n'
    out += '\n' + dl + ' ' + body[0]
    for p in body[1:]:
        out += '\n\n' + p
    if sign:
        out += '\n\n' + sign
    return out + '\n'


def first_clause(sent):
    m = re.search(r',\s', sent)
    ws = sent.split()
    if m and 6 <= sent[:m.start()].count(' ') + 1 <= 20:
        return sent[:m.start()]
    return ' '.join(ws[:14]).rstrip(',;:')


def drop_word(text, rnd):
    # a lower-case word of four or more letters dropped (a REFILE restores it)
    ws = [m for m in re.finditer(r'(?<= )[a-z]{4,}(?= )', text)]
    if not ws:
        return None
    m = rnd.choice(ws)
    return text[:m.start()] + text[m.end() + 1:]


def names_in(arts, pat, skip):
    # the distinct matches of pat in Wikinews text, in order of first
    # appearance, but those whose first word is in skip
    seen = []
    for a in arts:
        for m in re.finditer(pat, a['text']):
            name = next(g for g in m.groups() if g)
            if name.split()[0] not in skip and name not in seen:
                seen.append(name)
    return seen


def companies(arts):
    # companies: capitalised words before a corporate suffix
    return names_in(arts, r"\b((?:[A-Z][A-Za-z&'-]+ ){1,2}(?:Inc|Corp|Ltd|"
                    r"Group|Airlines|Motors|Holdings|Bank|Energy|"
                    r"Pharmaceuticals))\b",
                    ('The', 'A', 'In', 'On', 'At', 'Of', 'By'))


def people(arts):
    # two-word names of people: "said Firstname Lastname" / "Firstname
    # Lastname said"
    return names_in(arts, r'\b(?:said|says) ([A-Z][a-z]+ [A-Z][a-z]{2,})\b|'
                    r'\b([A-Z][a-z]+ [A-Z][a-z]{2,}) (?:said|says)\b',
                    ('The', 'He', 'She', 'It', 'They', 'In', 'But', 'When',
                     'Police', 'Officials', 'President'))


BRIEF_FORMULAS = [
    ('dividend', 'BRIEF-{co} says board approves dividend of {a} per share',
     '{co} said on {wd} its board had approved a quarterly dividend of {a} '
     'per share, payable on {d1} to shareholders of record on {d2}.'),
    ('ceo', 'BRIEF-{co} appoints {p} as chief executive',
     '{co} said on {wd} it had appointed {p} as chief executive officer, '
     'effective {d1}, replacing {q}, who is retiring.'),
    ('results', 'BRIEF-{co} quarterly net profit rises to {a} million',
     '{co} said on {wd} its net profit for the third quarter rose to {a} '
     'million from {b} million a year earlier, on revenue of {c} million.'),
    ('buyback', 'BRIEF-{co} to buy back up to {a} million shares',
     '{co} said on {wd} it would buy back up to {a} million of its shares '
     'over the next {n} months, about {b} percent of its share capital.'),
]
WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']


def fill(tmpl, rnd, co, p, q):
    mon = rnd.randrange(12)
    vals = dict(co=co, p=p, q=q, wd=rnd.choice(WEEKDAYS),
                a=f'{rnd.randint(2, 95)}' if '{a} per' not in tmpl
                else f'{rnd.randint(5, 90) / 100:.2f}',
                b=f'{rnd.randint(2, 12)}', c=f'{rnd.randint(100, 990)}',
                n=f'{rnd.choice([6, 12, 18, 24])}',
                d1=f'{MON3[mon]} {rnd.randint(1, 28)}',
                d2=f'{MON3[(mon + 11) % 12]} {rnd.randint(1, 28)}')
    return tmpl.format(**vals), vals


def main():
    arts = [json.loads(line) for line in open(sys.argv[1], encoding='utf-8')]
    half = sys.argv[2]
    used = used_by_wire_duplicates(len(arts))
    rnd = random.Random(20261206_16)
    pool = [i for i in range(len(arts)) if i not in used]
    rnd.shuffle(pool)

    items = []                  # (kind, [(kind, label, text)])
    taken = set()

    def take(pred):
        for i in pool:
            if i not in taken and pred(arts[i]):
                taken.add(i)
                return arts[i]
        return None

    def agency_dl():
        ag = rnd.choice(['Reuters', 'Reuters', 'AP', 'AFP'])
        return ag, rnd.choice(CITIES), rnd.randrange(12), rnd.randint(1, 27)

    def brief_of(art, nsent):
        ss = sentences(paras_of(art)[0])
        return ' '.join(ss[:nsent])

    per_kind = 10
    # briefs corrected in a figure, or in a name
    for kind in ('brief_figure', 'brief_name'):
        for _ in range(per_kind):
            nsent = rnd.choice([1, 1, 2, 3])

            def ok(a, nsent=nsent, kind=kind):
                ps = paras_of(a)
                if not ps:
                    return False
                b = ' '.join(sentences(ps[0])[:nsent])
                if not 12 <= len(b.split()) <= 70:
                    return False
                ch = change_figure if kind == 'brief_figure' else change_name
                return ch(b, random.Random(1)) is not None
            art = take(ok)
            body = brief_of(art, nsent)
            ch = change_figure if kind == 'brief_figure' else change_name
            fixed = ch(body, rnd)
            ag, city, mon, day = agency_dl()
            dl = dateline(rnd, ag, city, mon, day)
            head = head_of(art, body)
            what = 'figure' if kind == 'brief_figure' else 'spelling of name'
            # the first text had the error, the re-send corrects it
            txt = [('orig', 'orig', render(head, None, dl, [fixed])),
                   (kind, 'dup', render('CORRECTED-' + head,
                                        f'(Corrects {what} in first paragraph)',
                                        dl, [body]))]
            items.append((kind, txt))

    def story_ok(a, lo, hi, minp):
        ps = paras_of(a)
        if len(ps) < minp:
            return False
        n = sum(len(p.split()) for p in ps[:minp])
        return lo <= n <= hi

    def story_of(art, maxwords, minp):
        ps = paras_of(art)
        body, n = [], 0
        for p in ps:
            if n >= maxwords and len(body) >= minp:
                break
            body.append(p)
            n += len(p.split())
        return body, ps[len(body):]

    for kind in ('update_lead', 'refile', 'wrap', 'cut2'):
        for _ in range(per_kind):
            minp = 4 if kind == 'cut2' else 3
            art = take(lambda a, minp=minp: story_ok(a, 40, 400, minp + 1))
            body, rest = story_of(art, rnd.randint(90, 250), minp)
            ag, city, mon, day = agency_dl()
            dl = dateline(rnd, ag, city, mon, day)
            head = head_of(art, body[0])
            orig = render(head, None, dl, body, signoff(ag, rnd))
            if kind == 'update_lead':
                new = rest[0] if rest else body[-1]
                dup = render('UPDATE 1-' + head,
                             '(Adds details in first paragraph, background)',
                             dl, [new] + body,
                             signoff(ag, rnd, rnd.choice(REPORTERS)))
            elif kind == 'refile':
                j = rnd.randrange(len(body))
                dropped = drop_word(body[j], rnd)
                if dropped is None:
                    dropped = body[j]
                first = body[:j] + [dropped] + body[j + 1:]
                orig = render(head, None, dl, first, signoff(ag, rnd))
                dup = render('REFILE-' + head,
                             f'(Refiles to add dropped word in paragraph {j + 1})',
                             dl, body, signoff(ag, rnd))
            elif kind == 'wrap':
                city2 = rnd.choice([c for c in CITIES if c != city])
                dl2 = dateline(rnd, ag, city2, mon, min(day + 1, 28))
                new = rest[0] if rest else body[-1]
                lead = body[0]
                moved = f'In {city.title()}, {lead[0].lower()}{lead[1:]}' \
                    if not re.match(r'[A-Z][a-z]+ [A-Z]', lead) else \
                    f'In {city.title()}, {lead}'
                dup = render('WRAPUP 1-' + head, None, dl2,
                             [new, moved] + body[1:], signoff(ag, rnd))
            else:
                dup = render(head, None, dl, body[:2], signoff(ag, rnd))
            items.append((kind, [('orig', 'orig', orig), (kind, 'dup', dup)]))

    # URGENT / FLASH alerts against the first write-through
    for k in range(per_kind):
        art = take(lambda a: story_ok(a, 40, 200, 2))
        ps = paras_of(art)
        ag, city, mon, day = agency_dl()
        dl = dateline(rnd, ag, city, mon, day)
        head = head_of(art, ps[0])
        lead = sentences(ps[0])[0]
        orig = render(head, None, dl, ps[:2], signoff(ag, rnd))
        if k % 2 == 0:
            dup = render('URGENT: ' + head, None, dl, [lead])
        else:
            dup = 'FLASH: ' + first_clause(lead).rstrip('.') + '\n'
        items.append(('flash', [('orig', 'orig', orig), ('flash', 'dup', dup)]))

    # different stories in one formula: Wikinews leads
    for name, pat in FORMULAS:
        for _ in range(4):
            def fok(a, pat=pat):
                ps = paras_of(a)
                return bool(ps) and re.search(pat, sentences(ps[0])[0]) \
                    and 10 <= len(sentences(ps[0])[0].split()) <= 45
            a1 = take(fok)
            a2 = take(fok)
            if a1 is None or a2 is None:
                continue
            ag, city, mon, day = agency_dl()
            txt = []
            for j, a in enumerate((a1, a2)):
                lead = sentences(paras_of(a)[0])[0]
                dl = dateline(rnd, ag, rnd.choice(CITIES), mon, day)
                txt.append(('orig' if j == 0 else 'formula_' + name,
                            'orig' if j == 0 else 'other',
                            render('URGENT: ' + head_of(a, lead), None, dl, [lead])))
            items.append(('formula_' + name, txt))

    # different companies or people in one agency formula; the first brief
    # also has a re-send (a duplicate) so that a rule must part the two
    cos = companies(arts)
    pps = people(arts)
    rnd.shuffle(cos)
    rnd.shuffle(pps)
    for j in range(20):
        name, htmpl, btmpl = BRIEF_FORMULAS[j % len(BRIEF_FORMULAS)]
        co1, co2 = cos[2 * j], cos[2 * j + 1]
        p1, p2, q1, q2 = pps[4 * j:4 * j + 4]
        mon, day = rnd.randrange(12), rnd.randint(1, 27)
        dl = f'{MON3[mon]} {day} (Reuters) -'
        b1, v1 = fill(btmpl, rnd, co1, p1, q1)
        if j % 3 == 0:
            # the same figures, another company
            v2 = dict(v1, co=co2, p=p2, q=q2)
            b2 = btmpl.format(**v2)
        else:
            b2, v2 = fill(btmpl, rnd, co2, p2, q2)
        h1 = htmpl.format(**v1)
        h2 = htmpl.format(**v2)
        txt = [('orig', 'orig', render(h1, None, dl, [b1])),
               ('resend', 'dup', render(h1, None, f'{MON3[mon]} {day + 1} (Reuters) -', [b1])),
               ('brief_' + name, 'other', render(h2, None, dl, [b2]))]
        items.append(('brief_' + name, txt))

    # halves: every other item of each kind, by a draw
    out, nid = [], 0
    byk = {}
    for kind, txt in items:
        byk.setdefault(kind, []).append(txt)
    item_no = 0
    for kind in byk:
        lst = byk[kind]
        order = list(range(len(lst)))
        rnd.shuffle(order)
        for pos, i in enumerate(order):
            if (pos % 2 == 0) != (half == 'dev'):
                continue
            item_no += 1
            for k, label, text in lst[i]:
                nid += 1
                out.append(f'{nid}\t{item_no}\t{k}\t{label}\t{esc(text)}')
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
