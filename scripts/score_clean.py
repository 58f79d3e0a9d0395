#!/usr/bin/env python3
"""scripts/score_clean.py -- line-level precision and recall of clean()

Scores two labelled sets, each item NAME.txt or NAME.html with NAME.expected,
the body written by hand as paragraphs separated by blank lines:

  web   test/data/clean   news pages as sites and extraction tools give them
  wire  test/data/wire    agency wire items as the feeds deliver them, with
                          a frozen dev / blind split in test/data/wire/SPLIT
  rewrites  test/data/rewrites/NN_*/wire.txt and wire.expected: the 60 wire
                          items of the rewrite set (stories whose number is
                          divisible by 3 are blind, test/data/rewrites/SPLIT)

The cleaner's output is split the same way; each paragraph ("line") is
normalised (NFC, white space collapsed) and matched exactly against the
expected ones as a multiset.

  precision = matched kept lines / kept lines
  recall    = matched kept lines / expected lines

Totals are micro-averaged over all lines of all items; the macro average of
per-item F1 is printed too.  The wire set is also scored, per split (dev,
blind, all), as are the rewrite set's wire items, by

  emptied     items for which clean() returned '' (every wire item has prose)
  words kept  share of the expected body's words found in the output: words
              are runs of letters and digits, case-folded, counted as a
              multiset (so punctuation, quote style and the pound sign do not
              count, but a dropped paragraph or a cut sentence does); micro
              over all words, the lowest item, and the items under 88%
  word prec.  share of the output's words that belong to the expected body

Usage:

  scripts/score_clean.py --cli /tmp/clean/cli/clean_cli   # standalone core
  scripts/with-server.sh scripts/score_clean.py --sql     # newsprint.clean()
  (scripts/score_clean.sh builds the CLI and runs the first form;
   scripts/score_clean.sh --sql runs the second against a throwaway server)

--set web|wire|rewrites|both|all chooses the sets (both = web and wire;
default all).
-v prints the missing (-) and extra (+) lines of imperfect items.
--split dev|blind scores only that split of the wire sets (tune with dev).
--synthetic scores the 1,000 generated articles of bench/articles.py instead
(their true bodies are known), per outlet shape.
"""
import argparse
import collections
import os
import re
import secrets
import subprocess
import sys
import unicodedata

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(TOP, 'test', 'data', 'clean')
WIRE = os.path.join(TOP, 'test', 'data', 'wire')
REWRITES = os.path.join(TOP, 'test', 'data', 'rewrites')
WORD = re.compile(r'[^\W_]+')
WORDS_KEPT_GOAL = 0.88


def lines(text):
    out = []
    for para in text.replace('\r\n', '\n').split('\n\n'):
        p = ' '.join(unicodedata.normalize('NFC', para).split())
        if p:
            out.append(p)
    return out


def clean_cli(cli, path):
    return subprocess.run([cli, path], check=True, capture_output=True).stdout.decode('utf-8')


def clean_sql(path):
    body = open(path, encoding='utf-8').read()
    tag = '$np' + secrets.token_hex(6) + '$'
    sql = 'SELECT newsprint.clean(%s%s%s);' % (tag, body, tag)
    r = subprocess.run(['psql', '-X', '-At', '-v', 'ON_ERROR_STOP=1', '-f', '-'],
                       input=sql.encode('utf-8'), check=True, capture_output=True)
    return r.stdout.decode('utf-8')


def score_synthetic(args, data):
    by = collections.defaultdict(lambda: [0, 0, 0, 0])
    for page in sorted(f for f in os.listdir(data) if f.endswith(('.txt', '.html'))):
        path = os.path.join(data, page)
        base = page.rsplit('.', 1)[0]
        expected = lines(open(os.path.join(data, base + '.expected'), encoding='utf-8').read())
        got = lines(clean_sql(path) if args.sql else clean_cli(args.cli, path))
        match = sum((collections.Counter(expected) & collections.Counter(got)).values())
        b = by[base.split('_', 1)[1]]
        b[0] += len(got)
        b[1] += len(expected)
        b[2] += match
        b[3] += 1
        if args.verbose and (match < len(got) or match < len(expected)):
            print('imperfect: ' + page)
    print('%-8s %5s %6s %6s %6s %6s' % ('outlet', 'pages', 'kept', 'exp', 'P', 'R'))
    tot = [0, 0, 0, 0]
    for outlet in sorted(by):
        g, e, m, n = by[outlet]
        tot = [a + b for a, b in zip(tot, by[outlet])]
        print('%-8s %5d %6d %6d %6.3f %6.3f' % (outlet, n, g, e, m / g if g else 0, m / e if e else 0))
    g, e, m, n = tot
    P, R = m / g if g else 0.0, m / e if e else 0.0
    print('all      %5d %6d %6d %6.3f %6.3f  F1 %.3f' % (n, g, e, P, R, 2 * P * R / (P + R) if P + R else 0))
    return 0


def items(data):
    return sorted(f for f in os.listdir(data) if f.endswith(('.txt', '.html')))


def clean_item(args, path):
    return clean_sql(path) if args.sql else clean_cli(args.cli, path)


def line_match(expected, got):
    return sum((collections.Counter(expected) & collections.Counter(got)).values())


def print_diff(expected, got):
    ce, cg = collections.Counter(expected), collections.Counter(got)
    for l in (ce - cg):
        print('    - ' + l[:150])
    for l in (cg - ce):
        print('    + ' + l[:150])


def score_web(args):
    pages = items(DATA)
    tot_kept = tot_exp = tot_match = 0
    f1s = []
    print('web pages: test/data/clean')
    print('%-34s %5s %5s %5s %6s %6s' % ('page', 'kept', 'exp', 'match', 'P', 'R'))
    for page in pages:
        path = os.path.join(DATA, page)
        exp_path = os.path.join(DATA, page.rsplit('.', 1)[0] + '.expected')
        expected = lines(open(exp_path, encoding='utf-8').read())
        got = lines(clean_item(args, path))
        match = line_match(expected, got)
        p = match / len(got) if got else (1.0 if not expected else 0.0)
        r = match / len(expected) if expected else 1.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
        tot_kept += len(got)
        tot_exp += len(expected)
        tot_match += match
        print('%-34s %5d %5d %5d %6.3f %6.3f' % (page, len(got), len(expected), match, p, r))
        if args.verbose and (p < 1 or r < 1):
            print_diff(expected, got)
    P = tot_match / tot_kept if tot_kept else 0.0
    R = tot_match / tot_exp if tot_exp else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    print()
    print('pages: %d (%d text, %d html)' % (len(pages), sum(p.endswith('.txt') for p in pages),
                                            sum(p.endswith('.html') for p in pages)))
    print('lines: kept %d, expected %d, matched %d' % (tot_kept, tot_exp, tot_match))
    print('precision %.3f  recall %.3f  F1 %.3f  (micro)' % (P, R, F))
    print('mean per-page F1 %.3f  (macro)' % (sum(f1s) / len(f1s) if f1s else 0.0))


def words(text):
    return collections.Counter(WORD.findall(unicodedata.normalize('NFKC', text).casefold()))


def read_split(data):
    """NAME -> 'dev' | 'blind' from data/SPLIT; every item must be listed once."""
    split = {}
    with open(os.path.join(data, 'SPLIT'), encoding='utf-8') as f:
        for n, raw in enumerate(f, 1):
            l = raw.split('#', 1)[0].split()
            if not l:
                continue
            if len(l) != 2 or l[1] not in ('dev', 'blind') or l[0] in split:
                sys.exit('%s/SPLIT:%d: bad line %r' % (data, n, raw.rstrip()))
            split[l[0]] = l[1]
    names = {i.rsplit('.', 1)[0] for i in items(data)}
    if names != set(split):
        sys.exit('%s/SPLIT does not list exactly the items: missing %s, unknown %s'
                 % (data, sorted(names - set(split)), sorted(set(split) - names)))
    return split


def wire_items():
    """(name, input path, expected path, split) of test/data/wire"""
    split = read_split(WIRE)
    for item in items(WIRE):
        name = item.rsplit('.', 1)[0]
        yield name, os.path.join(WIRE, item), os.path.join(WIRE, name + '.expected'), split[name]


def rewrite_items():
    """(name, input path, expected path, split) of the rewrite set's wire items"""
    split = {}
    with open(os.path.join(REWRITES, 'SPLIT'), encoding='utf-8') as f:
        for n, raw in enumerate(f, 1):
            l = raw.split('#', 1)[0].split()
            if not l:
                continue
            if len(l) != 2 or l[1] not in ('dev', 'blind') or l[0] in split:
                sys.exit('%s/SPLIT:%d: bad line %r' % (REWRITES, n, raw.rstrip()))
            split[l[0]] = l[1]
    stories = sorted(d for d in os.listdir(REWRITES)
                     if os.path.isfile(os.path.join(REWRITES, d, 'wire.txt')))
    if {d.split('_', 1)[0] for d in stories} != set(split):
        sys.exit('%s/SPLIT does not list exactly the stories' % REWRITES)
    for d in stories:
        yield (d, os.path.join(REWRITES, d, 'wire.txt'),
               os.path.join(REWRITES, d, 'wire.expected'), split[d.split('_', 1)[0]])


def score_wire(args, title, item_list):
    rows = []
    print(title)
    print('%-38s %-5s %4s %4s %4s %6s %6s %6s' % ('item', 'split', 'kept', 'exp', 'mat',
                                                   'P', 'R', 'words'))
    for name, path, exp_path, split in item_list:
        if args.split not in ('all', split):
            continue
        expected_text = open(exp_path, encoding='utf-8').read()
        got_text = clean_item(args, path)
        expected, got = lines(expected_text), lines(got_text)
        if not expected:
            sys.exit('%s is empty: every wire item must hold prose' % exp_path)
        we, wg = words(expected_text), words(got_text)
        r = dict(split=split, kept=len(got), exp=len(expected),
                 match=line_match(expected, got), wexp=sum(we.values()),
                 wgot=sum(wg.values()), wmatch=sum((we & wg).values()),
                 emptied=not got_text.strip())
        rows.append(r)
        p = r['match'] / r['kept'] if r['kept'] else 0.0
        print('%-38s %-5s %4d %4d %4d %6.3f %6.3f %6.3f%s'
              % (name[:38], r['split'], r['kept'], r['exp'], r['match'], p,
                 r['match'] / r['exp'], r['wmatch'] / r['wexp'],
                 '  EMPTIED' if r['emptied'] else ''))
        if args.verbose and (r['match'] < r['kept'] or r['match'] < r['exp']):
            print_diff(expected, got)
    print()
    print('%-5s %5s %5s %5s %5s %6s %6s %6s %7s %6s %6s %7s %6s'
          % ('split', 'items', 'kept', 'exp', 'match', 'P', 'R', 'F1', 'emptied',
             'words', 'min', '<%d%%' % round(WORDS_KEPT_GOAL * 100), 'wprec'))
    for name, sel in (('dev', 'dev'), ('blind', 'blind'), ('all', None)):
        rs = [r for r in rows if sel is None or r['split'] == sel]
        if not rs:
            continue
        kept, exp, match = (sum(r[k] for r in rs) for k in ('kept', 'exp', 'match'))
        wexp, wgot, wmatch = (sum(r[k] for r in rs) for k in ('wexp', 'wgot', 'wmatch'))
        P = match / kept if kept else 0.0
        R = match / exp if exp else 0.0
        share = [r['wmatch'] / r['wexp'] for r in rs]
        print('%-5s %5d %5d %5d %5d %6.3f %6.3f %6.3f %7d %6.3f %6.3f %7d %6.3f'
              % (name, len(rs), kept, exp, match, P, R,
                 2 * P * R / (P + R) if P + R else 0.0,
                 sum(r['emptied'] for r in rs), wmatch / wexp, min(share),
                 sum(x < WORDS_KEPT_GOAL for x in share), wmatch / wgot if wgot else 0.0))
    print('(P, R: lines, micro; emptied: clean() returned \'\'; words: share of the expected '
          'words kept, micro; min: lowest item; <%d%%: items under that share; wprec: share of '
          'the output\'s words that are body words)' % round(WORDS_KEPT_GOAL * 100))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument('--cli', help='path of the standalone clean_cli binary')
    g.add_argument('--sql', action='store_true', help='call newsprint.clean() through psql')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--set', choices=('web', 'wire', 'rewrites', 'both', 'all'), default='all',
                    help='which labelled sets to score: one, both (web and wire) '
                    'or all (default)')
    ap.add_argument('--split', choices=('dev', 'blind', 'all'), default='all',
                    help='score only the dev or blind items of the wire sets '
                    '(tune with --split dev)')
    ap.add_argument('--synthetic', action='store_true',
                    help='score the generated articles of bench/articles.py')
    args = ap.parse_args()

    if args.synthetic:
        import tempfile
        data = tempfile.mkdtemp(prefix='score_clean.')
        subprocess.run([sys.executable, os.path.join(TOP, 'bench', 'articles.py'), '--dir', data], check=True)
        return score_synthetic(args, data)
    sets = {'both': ('web', 'wire'), 'all': ('web', 'wire', 'rewrites')}.get(args.set, (args.set,))
    for n, which in enumerate(sets):
        if n:
            print()
        if which == 'web':
            score_web(args)
        elif which == 'wire':
            score_wire(args, 'wire items: test/data/wire (split from test/data/wire/SPLIT)',
                       wire_items())
        else:
            score_wire(args, 'wire items of the rewrite set: test/data/rewrites/*/wire.txt '
                       '(split from test/data/rewrites/SPLIT)', rewrite_items())
    return 0


if __name__ == '__main__':
    sys.exit(main())
