#!/usr/bin/env python3
# bench/entities_pick_wikinews2.py -- the reproducible draw of the Wikinews
# articles of test/data/entities/wikinews2 (issue 13's fresh entity set)
#
# Usage: python3 bench/entities_pick_wikinews2.py articles.jsonl [TOPDIR]
#
# Prints one line per chosen article: stratum, id, provenance, words, split,
# file name, first words.  The rule (decided before anything was drawn, and
# before the extractor was run on any candidate):
#
#  1. Eligible: every article of the project's Wikinews copy
#     (/work/shared/data/wikinews/articles.jsonl) of 150 to 500 words that is
#     not already in the repository: not in test/data/stories/articles.tsv
#     (its `wikinews:ID` sources), not in test/data/entities/wikinews (the
#     `wnNNNN` in its file names), not one of the three overlapping pairs the
#     copy's README lists (307/308, 650/760, 1603/1617), and whose first 80
#     characters occur in no file under test/ (a last check for copies).
#  2. Strata, from keyword counts over the lowercased words of the text
#     (never from the extractor): `sport` if it has at least 6 sport words,
#     else `business` if at least 6 business words, else `other`
#     (politics, world, science, ...).  The word lists are SPORT and BUSINESS
#     below.
#  3. Draw: random.Random(20261213).sample() of 10 ids from each stratum
#     (ids sorted first).
#  4. Split: within each stratum, the 10 drawn ids sorted by id; the 1st,
#     3rd, 5th, ... are dev, the 2nd, 4th, ... blind (5 + 5 per stratum,
#     15 dev and 15 blind in all).
import json
import os
import re
import random
import sys

SPORT = set('''match matches season league club clubs coach goal goals scored
championship cup tournament striker midfielder defender goalkeeper defeated
team teams players player final finals semi-final quarter-final race win
won victory points round innings wickets football soccer rugby cricket
hockey basketball baseball tennis olympic olympics medal stadium fixture
'''.split())
BUSINESS = set('''company companies shares share profit profits revenue
revenues firm firms ceo executive market markets bank banks billion
investors investor acquisition acquire sales stock stocks quarter earnings
deal merger takeover customers retailer airline brand products chairman
'''.split())


def used_ids(top, subdirs):
    """ids of Wikinews articles the repository already holds: the demo
    sample's sources, the entity sets in SUBDIRS (the wnNNNN of their file
    names) and the overlapping pairs the shared copy's README lists"""
    used = set()
    with open(os.path.join(top, 'test/data/stories/articles.tsv'), encoding='utf-8') as f:
        for line in f:
            used.update(int(m) for m in re.findall(r'wikinews:(\d+)', line))
    for sub in subdirs:
        for name in os.listdir(os.path.join(top, 'test/data/entities', sub)):
            m = re.search(r'_wn(\d+)_', name)
            if m:
                used.add(int(m.group(1)))
    used.update([307, 308, 650, 760, 1603, 1617])
    return used


def test_corpus(top, skip):
    """every file under test/ but those of directory SKIP, as one string"""
    corpus = []
    for dirpath, _, names in os.walk(os.path.join(top, 'test')):
        for name in names:
            if skip in dirpath:
                continue
            try:
                with open(os.path.join(dirpath, name), encoding='utf-8', errors='replace') as f:
                    corpus.append(f.read())
            except OSError:
                pass
    return '\n'.join(corpus)


def eligible(src, used, corpus, lo, hi):
    """the articles of the Wikinews copy SRC that a draw may take, in file
    order, each with its words: not in USED, of LO to HI words, and whose
    first 80 characters are not in CORPUS"""
    with open(src, encoding='utf-8') as f:
        for line in f:
            a = json.loads(line)
            words = a['text'].split()
            if a['id'] in used or not lo <= len(words) <= hi:
                continue
            if a['text'][:80] in corpus:
                continue
            yield a, words


def row(st, a, split):
    """the printed line of a drawn article: stratum, id, provenance, words,
    split, first words"""
    first = ' '.join(a['text'].split()[:8])
    return '\t'.join([st, str(a['id']), a['provenance'], str(len(a['text'].split())),
                      split, first])


def stratum(words):
    """sport, business or other, from keyword counts over the words"""
    lw = [w.strip('.,;:"\'()!?').lower() for w in words]
    s = sum(w in SPORT for w in lw)
    b = sum(w in BUSINESS for w in lw)
    return 'sport' if s >= 6 else 'business' if b >= 6 else 'other'


def by_stratum(src, used, corpus, least, most):
    """the eligible articles' ids by stratum, and the articles by id"""
    strata = {'sport': [], 'business': [], 'other': []}
    arts = {}
    for a, words in eligible(src, used, corpus, least, most):
        strata[stratum(words)].append(a['id'])
        arts[a['id']] = a
    return strata, arts


def main():
    src = sys.argv[1]
    top = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..')
    used = used_ids(top, ('wikinews',))
    strata, arts = by_stratum(src, used, test_corpus(top, 'wikinews2'), 150, 500)
    rng = random.Random(20261213)
    for st in ('sport', 'business', 'other'):
        ids = sorted(rng.sample(sorted(strata[st]), 10))
        for i, aid in enumerate(ids):
            print(row(st, arts[aid], 'dev' if i % 2 == 0 else 'blind'))
    print('eligible: ' + ', '.join('%s %d' % (k, len(v)) for k, v in strata.items()),
          file=sys.stderr)


if __name__ == '__main__':
    main()
