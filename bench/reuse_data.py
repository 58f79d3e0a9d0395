#!/usr/bin/env python3
# bench/reuse_data.py -- the labelled rewrite set as COPY text for SQL scripts
#
# Usage: python3 bench/reuse_data.py SPLIT > rows.tsv   (SPLIT: dev, blind or all)
#
# Reads test/data/rewrites/ (README.md there): for every story of the split,
# one row per file: story number, split, kind ('wire_txt' = the item as the
# agency delivered it, 'wire_expected' = its ideal body, 'version' = a
# newspaper version), file name, label (wholly/partially/none for versions),
# batch ('base' for labels.tsv, 'hard' for labels-hard.tsv), and the text.
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'data', 'rewrites')


def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')


def main():
    want = sys.argv[1] if len(sys.argv) > 1 else 'dev'
    split = {}
    with open(os.path.join(ROOT, 'SPLIT'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            n, sp = line.split()
            split[int(n)] = sp
    out = sys.stdout
    for d in sorted(os.listdir(ROOT)):
        m = re.match(r'(\d\d)_', d)
        if not m:
            continue
        n = int(m.group(1))
        if want != 'all' and split[n] != want:
            continue

        def row(kind, fname, label, batch):
            with open(os.path.join(ROOT, d, fname), encoding='utf-8') as f:
                text = f.read()
            out.write('\t'.join([str(n), split[n], kind, fname, label, batch, esc(text)]) + '\n')

        row('wire_txt', 'wire.txt', '\\N', '\\N')
        row('wire_expected', 'wire.expected', '\\N', '\\N')
        for lf, batch in (('labels.tsv', 'base'), ('labels-hard.tsv', 'hard')):
            p = os.path.join(ROOT, d, lf)
            if not os.path.exists(p):
                continue
            with open(p, encoding='utf-8') as f:
                for line in f:
                    cols = line.rstrip('\n').split('\t')
                    if len(cols) >= 3:
                        row('version', cols[0], cols[2], batch)


if __name__ == '__main__':
    main()
