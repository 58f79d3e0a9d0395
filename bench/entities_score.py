#!/usr/bin/env python3
#
# entities_score.py
#	  Score the entity extractor on the labelled set, exact spans, per kind,
#	  in the format of CoNLL's conlleval script.
#
# Each labelled file (test/data/entities/*.txt) is plain text with inline
# marks "[KIND surface]" (KIND: PER, ORG, LOC, MISC); see the README there.
# The marks are removed to get the text the extractor reads (clean => false),
# and the gold spans are the marks' character offsets.  A predicted mention
# is correct when its start, stop and kind all equal a gold one's.
#
# Usage: entities_score.py --tool PATH [--conll DIR] [--errors] FILE...
#        entities_score.py --psql [--errors] FILE...   (via entity_mentions())
#
import argparse
import os
import re
import subprocess
import sys
import tempfile

MARK = re.compile(r'\[(PER|ORG|LOC|MISC) ([^\[\]]+)\]')
KINDS = ('LOC', 'MISC', 'ORG', 'PER')


def parse(labelled):
    """Return (plain text, [(start, stop, kind)]) of a labelled text."""
    out, spans, pos, last = [], [], 0, 0
    for m in MARK.finditer(labelled):
        out.append(labelled[last:m.start()])
        pos += m.start() - last
        surface = m.group(2)
        spans.append((pos, pos + len(surface), m.group(1)))
        out.append(surface)
        pos += len(surface)
        last = m.end()
    out.append(labelled[last:])
    return ''.join(out), spans


def tokens(text):
    """Token spans, as a CoNLL file would have them."""
    return [(m.start(), m.end()) for m in re.finditer(r"\w+(?:[-'.]\w+)*\.?|[^\w\s]", text)]


def bio(text, spans):
    """BIO tag of every token."""
    tags = []
    for s, e in tokens(text):
        tag = 'O'
        for a, b, k in spans:
            if s >= a and e <= b:
                tag = ('B-' if s == a else 'I-') + k
                break
        tags.append(tag)
    return tags


def predict_tool(tool, texts):
    """Run the standalone tool on every text; return file -> spans."""
    pred = {}
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i, t in enumerate(texts):
            p = os.path.join(d, f'{i:04d}.txt')
            with open(p, 'w', encoding='utf-8') as f:
                f.write(t)
            paths.append(p)
        out = subprocess.run([tool] + paths, capture_output=True, check=True).stdout.decode('utf-8')
        for p in paths:
            pred[p] = []
        for line in out.splitlines():
            f = line.split('\t')
            pred[f[0]].append((int(f[1]), int(f[2]), f[3]))
        return [pred[p] for p in paths]


def predict_psql(texts):
    """Ask the server (psql on PGDATABASE etc.) for every text's mentions."""
    res = []
    for t in texts:
        # 1-based start and length in SQL; 0-based [start, stop) here
        sql = ("SELECT start - 1, start - 1 + length, kind "
               "FROM newsprint.entity_mentions($body$%s$body$, false)" % t)
        out = subprocess.run(['psql', '-X', '-A', '-t', '-F', '\t', '-c', sql],
                             capture_output=True, check=True).stdout.decode('utf-8')
        res.append([(int(a), int(b), k) for a, b, k in (l.split('\t') for l in out.splitlines() if l)])
    return res


def pct(a, b):
    return 100.0 * a / b if b else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--tool')
    ap.add_argument('--psql', action='store_true')
    ap.add_argument('--conll')
    ap.add_argument('--errors', action='store_true')
    ap.add_argument('files', nargs='+')
    args = ap.parse_args()

    texts, golds = [], []
    for fn in args.files:
        t, g = parse(open(fn, encoding='utf-8').read())
        texts.append(t)
        golds.append(g)
    preds = predict_psql(texts) if args.psql else predict_tool(args.tool, texts)

    ntok = correct_tok = 0
    found = {k: 0 for k in KINDS}
    gold = {k: 0 for k in KINDS}
    corr = {k: 0 for k in KINDS}
    for fn, t, g, p in zip(args.files, texts, golds, preds):
        gs, ps = set(g), set(p)
        for a, b, k in g:
            gold[k] += 1
        for a, b, k in p:
            found[k] += 1
            if (a, b, k) in gs:
                corr[k] += 1
        gt, pt = bio(t, g), bio(t, p)
        ntok += len(gt)
        correct_tok += sum(1 for x, y in zip(gt, pt) if x == y)
        if args.conll:
            os.makedirs(args.conll, exist_ok=True)
            with open(os.path.join(args.conll, os.path.basename(fn).replace('.txt', '.conll')), 'w') as f:
                for (s, e), x, y in zip(tokens(t), gt, pt):
                    f.write(f'{t[s:e]} {x} {y}\n')
        if args.errors:
            for a, b, k in sorted(gs - ps):
                print(f'  miss {os.path.basename(fn)}: {k} {t[a:b]!r}')
            for a, b, k in sorted(ps - gs):
                print(f'  extra {os.path.basename(fn)}: {k} {t[a:b]!r}')

    G, F, C = sum(gold.values()), sum(found.values()), sum(corr.values())
    p, r = pct(C, F), pct(C, G)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f'processed {ntok} tokens with {G} phrases; found: {F} phrases; correct: {C}.')
    print(f'accuracy: {pct(correct_tok, ntok):6.2f}%; precision: {p:6.2f}%; recall: {r:6.2f}%; FB1: {f1:6.2f}')
    for k in KINDS:
        p, r = pct(corr[k], found[k]), pct(corr[k], gold[k])
        f1k = 2 * p * r / (p + r) if p + r else 0.0
        print(f'{k:>17}: precision: {p:6.2f}%; recall: {r:6.2f}%; FB1: {f1k:6.2f}  {found[k]}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
