#!/usr/bin/env python3
"""bench/core_identity_inputs.py -- more inputs for bench/core_identity.sh

Usage: bench/core_identity_inputs.py TOP OUTDIR

Writes into OUTDIR one file per body of test/data/stories/articles.tsv and
test/data/fingerprint/eval_docs.tsv (the last field of each line, COPY text
format), and 2,000 generated odd texts (fixed seed): the words and marks that
the version 2 word flags read, in random order -- capitals after sentence
marks, "Mr.", "U.S.", non-ASCII capitals and digits, figures and runs of
numbers, months and weekdays, every kind of quotation mark, apostrophes, the
text's first word after spaces, a byte-order mark or punctuation, and now and
then an invalid byte.
"""
import random
import sys


def unescape(field):
    """A field of COPY's text format."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 1 < len(field):
            out.append({"n": "\n", "t": "\t", "r": "\r"}.get(field[i + 1], field[i + 1]))
            i += 2
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


WORDS = ("the a of said he She The It police court Smith Mr. Mrs. Dr. St. U.S. "
         "U.K. A. J. R. Jones Émile Łódź Ödön Ñandú Σωκράτης Дмитрий İstanbul "
         "ÉCOLE 23 1921 3rd 5m 1,200 3.5 £4m 12 7 0 ٣٤ ۱۲ １２３ 2026-12-05 "
         "January May March Monday Friday may march I OK NATO BBC x y "
         "it's Mellor's couples' don't rock'n'roll").split()
MARKS = [" ", " ", " ", " ", " ", ", ", ". ", "! ", "? ", "... ", ".\n", "\n\n",
         " \"", "\" ", " “", "” ", " ‘", "’ ", " «", "» ", " ``", "'' ", " '",
         "' ", " (", ") ", ": ", "; ", " — ", "\t", "  ", ".", "?\"", ".\" "]
HEADS = ["", " ", "  ", "\n", ". ", "\"", "“", "(", "-- ", "\ufeff", "\t", "A. "]


def main():
    top, out = sys.argv[1], sys.argv[2]
    n = 0
    for tsv in ("test/data/stories/articles.tsv", "test/data/fingerprint/eval_docs.tsv"):
        with open("%s/%s" % (top, tsv), encoding="utf-8") as f:
            for line in f:
                with open("%s/tsv_%05d.txt" % (out, n), "w", encoding="utf-8") as g:
                    g.write(unescape(line.rstrip("\n").split("\t")[-1]))
                n += 1
    rnd = random.Random(20261205)
    for i in range(2000):
        parts = [rnd.choice(HEADS)]
        for j in range(rnd.choice((1, 2, 3, 5, 12, 40, 120))):
            if j:
                parts.append(rnd.choice(MARKS))
            parts.append(rnd.choice(WORDS))
        if rnd.random() < 0.3:
            parts.append(rnd.choice(MARKS))
        data = "".join(parts).encode("utf-8")
        if rnd.random() < 0.05:
            k = rnd.randrange(len(data) + 1)
            data = data[:k] + bytes([rnd.choice((0x80, 0xC3, 0xE2, 0xFF))]) + data[k:]
        with open("%s/odd_%04d.bin" % (out, i), "wb") as g:
            g.write(data)


if __name__ == "__main__":
    main()
