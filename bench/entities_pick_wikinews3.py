#!/usr/bin/env python3
# bench/entities_pick_wikinews3.py -- the reproducible draw of the Wikinews
# articles of test/data/entities/wikinews3 (the second fresh entity set,
# after wikinews2)
#
# Usage: python3 bench/entities_pick_wikinews3.py articles.jsonl [TOPDIR]
#
# Prints one line per chosen article: stratum, id, provenance, words,
# non-ASCII flag, split, first words.  The rule (written before anything was
# drawn, and before the extractor was run on any candidate):
#
#  1. Eligible: every article of the project's Wikinews copy
#     (/work/shared/data/wikinews/articles.jsonl) of 150 to 400 words (400,
#     not wikinews2's 500, so that thirty articles can be labelled by hand
#     in the time given) that is not already in the repository: not in
#     test/data/stories/articles.tsv (its `wikinews:ID` sources), not in
#     test/data/entities/wikinews or wikinews2 (the `wnNNNN` of their file
#     names), not one of the three overlapping pairs the copy's README lists
#     (307/308, 650/760, 1603/1617), and whose first 80 characters occur in
#     no file under test/ (a last check for copies).
#  2. Strata as for wikinews2, from keyword counts over the lowercased words
#     (never from the extractor): `sport` if at least 6 sport words, else
#     `business` if at least 6 business words, else `other`; the word lists
#     are those of bench/entities_pick_wikinews2.py.
#  3. Preference for intact text: within each stratum, the eligible articles
#     whose text has at least one non-ASCII character (accents, dashes,
#     curly quotes survived) form the preferred pool.
#  4. Draw: rng = random.Random(20261214); per stratum in the order sport,
#     business, other: rng.sample() of min(10, size) ids from the preferred
#     pool (ids sorted first), then rng.sample() of the rest (up to 10) from
#     the other eligible ids (sorted first).
#  5. Split: within each stratum, the 10 drawn ids sorted by id; the 1st,
#     3rd, 5th, ... are dev, the 2nd, 4th, ... blind (5 + 5 per stratum,
#     15 dev and 15 blind in all).
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from entities_pick_wikinews2 import used_ids, test_corpus, stratum, eligible  # noqa: E402


def main():
    src = sys.argv[1]
    top = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..')
    used = used_ids(top, ('wikinews', 'wikinews2'))
    corpus = test_corpus(top, 'wikinews3')
    strata = {'sport': ([], []), 'business': ([], []), 'other': ([], [])}
    arts = {}
    for a, words in eligible(src, used, corpus, 150, 400):
        nonascii = any(ord(c) > 127 for c in a['text'])
        strata[stratum(words)][0 if nonascii else 1].append(a['id'])
        arts[a['id']] = a
    rng = random.Random(20261214)
    for st in ('sport', 'business', 'other'):
        pref, rest = strata[st]
        ids = rng.sample(sorted(pref), min(10, len(pref)))
        ids += rng.sample(sorted(rest), 10 - len(ids))
        for i, aid in enumerate(sorted(ids)):
            a = arts[aid]
            split = 'dev' if i % 2 == 0 else 'blind'
            first = ' '.join(a['text'].split()[:8])
            flag = 'nonascii' if aid in pref else 'ascii'
            print('\t'.join([st, str(aid), a['provenance'], str(len(a['text'].split())),
                             flag, split, first]))
    print('eligible: ' + ', '.join('%s %d (%d non-ASCII)' % (k, len(v[0]) + len(v[1]), len(v[0]))
                                   for k, v in strata.items()), file=sys.stderr)


if __name__ == '__main__':
    main()
