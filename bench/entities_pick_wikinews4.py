#!/usr/bin/env python3
# bench/entities_pick_wikinews4.py -- the reproducible draw of the Wikinews
# articles of test/data/entities/wikinews4 (the third fresh entity set:
# sports and business news only, where organisations are weakest)
#
# Usage: python3 bench/entities_pick_wikinews4.py articles.jsonl [TOPDIR]
#
# Prints one line per chosen article: stratum, id, provenance, words, split,
# first words.  The rule (written before anything was drawn, and before the
# extractor was run on any candidate):
#
#  1. Eligible: every article of the project's Wikinews copy
#     (/work/shared/data/wikinews/articles.jsonl) of 150 to 350 words (so
#     that thirty articles can be labelled by hand in the time given) that
#     is not already in the repository: not in test/data/stories/articles.tsv
#     (its `wikinews:ID` sources), not in test/data/entities/wikinews,
#     wikinews2 or wikinews3 (the `wnNNNN` of their file names), not one of
#     the three overlapping pairs the copy's README lists, and whose first
#     80 characters occur in no file under test/.
#  2. Strata from keyword counts over the lowercased words (never from the
#     extractor), with the word lists of bench/entities_pick_wikinews2.py:
#     `sport` if at least 6 sport words, else `business` if at least 6
#     business words; `other` articles are not drawn.
#  3. Draw: rng = random.Random(20261215); per stratum in the order sport,
#     business, rng.sample() of 15 ids (ids sorted first).
#  4. Split: the 30 drawn ids in the order (stratum: sport first, id); the
#     1st, 3rd, 5th, ... are dev, the 2nd, 4th, ... blind (sport 8 dev and
#     7 blind, business 7 dev and 8 blind: 15 and 15).
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from entities_pick_wikinews2 import used_ids, test_corpus, by_stratum, row  # noqa: E402


def main():
    src = sys.argv[1]
    top = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..')
    used = used_ids(top, ('wikinews', 'wikinews2', 'wikinews3'))
    strata, arts = by_stratum(src, used, test_corpus(top, 'wikinews4'), 150, 350)
    rng = random.Random(20261215)
    i = 0
    for st in ('sport', 'business'):
        for aid in sorted(rng.sample(sorted(strata[st]), 15)):
            print(row(st, arts[aid], 'dev' if i % 2 == 0 else 'blind'))
            i += 1
    print('eligible: ' + ', '.join('%s %d' % (k, len(v)) for k, v in strata.items()),
          file=sys.stderr)


if __name__ == '__main__':
    main()
