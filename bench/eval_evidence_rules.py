#!/usr/bin/env python3
# bench/eval_evidence_rules.py -- other shingle classes for format version 2,
# simulated on exact evidence sets (run by bench/eval_evidence_rules.sh)
#
# Usage: eval_evidence_rules.py REWRITES_SHINGLES WIKINEWS_SHINGLES
#   REWRITES_SHINGLES: bench/evidence_dump output for the development split
#       of the rewrite set, keys "story|kind|file|label|batch" (kind
#       wire_txt or version);
#   WIKINEWS_SHINGLES: the same for bench/wikinews_copies.py's rows, keys
#       "id|kind|src" (kind orig or copy).
#
# For each rule (a class for every shingle from its words' flags, as
# fp_ev_class gives it, and whether a run of numbers alone takes its widened
# hash, the dump's last column, as fp_ev_wide gives it) it rebuilds every text's evidence set as
# NpFpBuildSketchV2 does (best class per hash; narrative, else quoted, else
# fact; facts too when they outnumber narrative), decides same_story as
# NpFpHolds does at threshold t (minimum evidence 5, full evidence 12 or 0.7
# of the side, briefs under 40 need 0.7), on the exact sets (no sketch), and
# prints the development macro-F1 at several t, the pairs of distinct
# Wikinews articles taken for one story and the edited copies found.
import collections
import itertools
import sys

NAR, QUO, FACT, COM = 0, 1, 2, 3
FULL_EVIDENCE = 12     # NP_FP_FULL_EVIDENCE (10 before 6 December 2026)
Q, NAME, STOP, NUMBER = 1, 2, 4, 8


def load(path):
    docs = collections.defaultdict(list)
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            p = line.rstrip('\n').split('\t')
            if len(p) < 6:
                continue
            docs[p[0]].append((p[1], p[2] == '1', [int(c, 16) for c in p[3]], p[4].split(' '), p[5]))
    return docs


def is_number(word):
    return any(ch.isdigit() for ch in word)


def quoted_any(fl, words):
    return sum(1 for f in fl if f & Q) > 0


def quoted_most(fl, words):
    return 2 * sum(1 for f in fl if f & Q) > len(fl)


def base_class(fl, words, quoted):
    if all(f & (NAME | STOP) for f in fl):
        return FACT
    if quoted(fl, words):
        return QUO
    return NAR


def rule(quoted, demote=None, wide=False):
    def cls(fl, words):
        c = base_class(fl, words, quoted)
        if c == NAR and demote is not None and demote(fl, words):
            return FACT
        return c
    cls.wide = wide
    return cls


RULES = [
    ('any quoted word makes a shingle quoted; a run of numbers alone hashed with the two words before it'
     ' (format 2 now)', rule(quoted_any, wide=True)),
    ('any quoted word makes a shingle quoted (format 2 before runs of numbers)', rule(quoted_any)),
    ('most words quoted (format 2 before the quote rule)', rule(quoted_most)),
    ('any quoted; two names or numbers make a fact', rule(quoted_any, lambda fl, w: sum(1 for f in fl if f & NAME) >= 2)),
    ('any quoted; a number makes a fact', rule(quoted_any, lambda fl, w: any(is_number(x) for x in w))),
    ('any quoted; fewer than two content words make a fact',
     rule(quoted_any, lambda fl, w: sum(1 for f in fl if not f & (NAME | STOP)) < 2)),
]


def evidence(shingles, cls):
    best = {}
    for h, common, fl, words, kept in shingles:
        if common:
            continue
        if cls.wide and all(f & NUMBER for f in fl):
            h = kept
        c = cls(fl, words)
        if h not in best or c < best[h]:
            best[h] = c
    count = collections.Counter(best.values())
    tier = next((c for c in (NAR, QUO, FACT) if count[c]), FACT)
    with_facts = tier == NAR and count[NAR] < count[FACT]
    return frozenset(h for h, c in best.items() if c == tier or (with_facts and c == FACT))


def holds(a_size, b_size, inter, t):
    if inter < 5:
        return False
    if a_size < 40 or b_size < 40:
        t = max(t, 0.7)
    for n in (a_size, b_size):
        if n == 0:
            continue
        share = inter / n
        if inter < FULL_EVIDENCE and share < 0.7:
            continue
        if share >= t:
            return True
    return False


def dev_scores(docs, cls, ts):
    ev = {k: evidence(v, cls) for k, v in docs.items()}
    wires = {k.split('|')[0]: e for k, e in ev.items() if k.split('|')[1] == 'wire_txt'}
    out = []
    conf = {}
    for t in ts:
        tp = fp = fn = tn = 0
        for k, e in ev.items():
            story, kind, _, label, _ = k.split('|')
            if kind != 'version':
                continue
            w = wires[story]
            p = holds(len(e), len(w), len(e & w), t)
            d = label != 'none'
            tp += d and p
            fn += d and not p
            fp += p and not d
            tn += not p and not d
        out.append(tp / (2 * tp + fp + fn) + tn / (2 * tn + fn + fp))
        conf[t] = (tp, fp, fn, tn)
    return out, conf


def wikinews(docs, cls, t=0.12):
    ev = {k: evidence(v, cls) for k, v in docs.items()}
    orig = {int(k.split('|')[0]): e for k, e in ev.items() if k.split('|')[1] == 'orig'}
    postings = collections.defaultdict(list)
    for i, e in orig.items():
        for h in e:
            postings[h].append(i)
    shared = collections.Counter()
    for ids in postings.values():
        for a, b in itertools.combinations(sorted(ids), 2):
            shared[(a, b)] += 1
    pairs = sum(1 for (a, b), c in shared.items()
                if c >= 5 and holds(len(orig[a]), len(orig[b]), c, t))
    copies = found = 0
    for k, e in ev.items():
        _, kind, src = k.split('|')
        if kind == 'copy':
            o = orig[int(src)]
            copies += 1
            found += holds(len(e), len(o), len(e & o), t)
    return pairs, found, copies


def main():
    dev = load(sys.argv[1])
    wn = load(sys.argv[2])
    ts = (0.08, 0.10, 0.12, 0.14, 0.16)
    print('rule | dev macro-F1 at t = ' + ' / '.join('%.2f' % t for t in ts)
          + ' | at 0.12: tp / fp / fn / tn | Wikinews pairs | edited copies found')
    for name, cls in RULES:
        f1, conf = dev_scores(dev, cls, ts)
        pairs, found, copies = wikinews(wn, cls)
        print('%s | %s | %d / %d / %d / %d | %d | %d of %d'
              % (name, ' / '.join('%.3f' % x for x in f1), *conf[0.12], pairs, found, copies))
        sys.stdout.flush()


if __name__ == '__main__':
    main()
