#!/usr/bin/env python3
"""scripts/score_clean.py -- line-level precision and recall of clean()

Scores the labelled pages of test/data/clean: for every page NAME.txt or
NAME.html there is NAME.expected, the article body written by hand as
paragraphs separated by blank lines.  The cleaner's output is split the same
way; each paragraph ("line") is normalised (NFC, white space collapsed) and
matched exactly against the expected ones as a multiset.

  precision = matched kept lines / kept lines
  recall    = matched kept lines / expected lines

Totals are micro-averaged over all lines of all pages; the macro average of
per-page F1 is printed too.  Usage:

  scripts/score_clean.py --cli /tmp/clean/cli/clean_cli   # standalone core
  scripts/with-server.sh scripts/score_clean.py --sql     # newsprint.clean()
  (scripts/score_clean.sh builds the CLI and runs the first form)

-v prints the missing (-) and extra (+) lines of imperfect pages.
--synthetic scores the 1,000 generated articles of bench/articles.py instead
(their true bodies are known), per outlet shape.
"""
import argparse
import collections
import os
import secrets
import subprocess
import sys
import unicodedata

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(TOP, 'test', 'data', 'clean')


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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument('--cli', help='path of the standalone clean_cli binary')
    g.add_argument('--sql', action='store_true', help='call newsprint.clean() through psql')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('--synthetic', action='store_true',
                    help='score the generated articles of bench/articles.py')
    args = ap.parse_args()

    data = DATA
    if args.synthetic:
        import tempfile
        data = tempfile.mkdtemp(prefix='score_clean.')
        subprocess.run([sys.executable, os.path.join(TOP, 'bench', 'articles.py'), '--dir', data], check=True)
        return score_synthetic(args, data)
    pages = sorted(f for f in os.listdir(DATA) if f.endswith(('.txt', '.html')))
    tot_kept = tot_exp = tot_match = 0
    f1s = []
    print('%-34s %5s %5s %5s %6s %6s' % ('page', 'kept', 'exp', 'match', 'P', 'R'))
    for page in pages:
        path = os.path.join(DATA, page)
        exp_path = os.path.join(DATA, page.rsplit('.', 1)[0] + '.expected')
        expected = lines(open(exp_path, encoding='utf-8').read())
        got = lines(clean_sql(path) if args.sql else clean_cli(args.cli, path))
        ce, cg = collections.Counter(expected), collections.Counter(got)
        match = sum((ce & cg).values())
        p = match / len(got) if got else (1.0 if not expected else 0.0)
        r = match / len(expected) if expected else 1.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
        tot_kept += len(got)
        tot_exp += len(expected)
        tot_match += match
        print('%-34s %5d %5d %5d %6.3f %6.3f' % (page, len(got), len(expected), match, p, r))
        if args.verbose and (p < 1 or r < 1):
            for l in (ce - cg):
                print('    - ' + l[:150])
            for l in (cg - ce):
                print('    + ' + l[:150])
    P = tot_match / tot_kept if tot_kept else 0.0
    R = tot_match / tot_exp if tot_exp else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    print()
    print('pages: %d (%d text, %d html)' % (len(pages), sum(p.endswith('.txt') for p in pages),
                                            sum(p.endswith('.html') for p in pages)))
    print('lines: kept %d, expected %d, matched %d' % (tot_kept, tot_exp, tot_match))
    print('precision %.3f  recall %.3f  F1 %.3f  (micro)' % (P, R, F))
    print('mean per-page F1 %.3f  (macro)' % (sum(f1s) / len(f1s) if f1s else 0.0))
    return 0


if __name__ == '__main__':
    sys.exit(main())
