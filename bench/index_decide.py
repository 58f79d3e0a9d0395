#!/usr/bin/env python3
"""bench/index_decide.py -- classify npidx candidates of same_story by what
the index would need to know to decide them (see bench/index_decide.sh).

Input: TSV of query n, heap block, offset, the scan's count, named count,
class, need, query text form, row text form, same_story(row, query).
Version 2's rule, default threshold 0.12, as fingerprint_sql.c states it,
must agree with the heap on every candidate.  A candidate is decided only if
its query read every key (its count is then exact), and at each level only
from what that level knows of the row: L1 its class (today's postings), L2
its exact sample size, shingle count and largest hash, L2c also its counts
of hashes up to the three cuts (NpidxCuts), L3 also its named counts, L4 its
whole sample.  Accepted and undecided rows are still fetched; a page holding
an undecided row is rechecked whole (a TIDBitmap's recheck flag is per page).
The subject (fp_evidence.h, NP_FP_SUBJECT_BITS: hashes below 2^20, the
first of a sample) counts for no minimum evidence and no names, and a pair
with a brief whose subjects differ (within a length ratio of 3) is two
items; so is any other pair whose subjects differ, sharing 0.3 of each
side, when neither subject is among the names the other text holds (the
16 bytes after the hashes, ':m' in the text form).  No level but L4 knows
a row's subject or names, and the last line counts the failing candidates
those tests alone refuse, which an index knowing whether a row has a
subject (and reading the query's subject keys) could drop.
"""
import collections
import math
import sys

LEVELS = ('L1', 'L2', 'L2c', 'L3', 'L4')

BRIEF, BRIEF_SHARE, FULL, MIN_EV, NAMES_SHARE, T = 40, 0.7, 12, 5, 0.25, 0.12
SUBJ, SUBJ_RATIO = 1 << 20, 3
# the names a text holds (fp_evidence.h, NP_FP_NAMES_BITS, NP_FP_NAMES_SHARE)
NAMES_BITS, PAIR_NAMES_SHARE = 128, 0.3
# the figures a text holds (fp_evidence.h, NP_FP_FIGURES_LOW, _MIN, _SHARE)
FIG_LOW, FIG_MIN, FIG_SHARE = 0.35, 5, 0.25
INF = 1 << 33
CUTS = (1 << 30, 1 << 31, 3 << 30)


def parse_figures(f):
    # the figures section (fp_core.h, NP_FP_FIGURES_TAG) as (figures, truncated)
    words = [int(f[i:i + 8], 16) for i in range(0, len(f), 8)]
    n = words[0] & 0xFF
    figs = [(words[1 + j // 2] >> (16 * (j % 2))) & 0xFFFF for j in range(n)]
    return figs, bool(words[0] & 0x100)


def figures_apart(qf, bf, inter, ak, bk):
    # fp_figures_apart: a low pair whose side with fewer compared figures
    # holds FIG_MIN and shares under FIG_SHARE of them
    if qf is None or bf is None or inter >= FIG_LOW * ak or inter >= FIG_LOW * bk:
        return False
    tau = 0xFFFF
    for figs, trunc in (qf, bf):
        if trunc:
            tau = min(tau, figs[-1])
    a = set(x for x in qf[0] if x <= tau)
    b = set(x for x in bf[0] if x <= tau)
    fewer = min(len(a), len(b))
    return fewer >= FIG_MIN and len(a & b) < FIG_SHARE * fewer


def parse(t):
    # v2:w3:k256:n913:<hex>[:m<32 hex>[:f<hex>][:p<hex>]]: the names' bitmap
    # as one integer, and the figures; the places after them are the story
    # rule's, not same_story's
    fields = t.split(':')
    names = None
    figures = None
    if fields[-1].startswith('p'):
        fields.pop()
    if fields[-1].startswith('f'):
        figures = parse_figures(fields.pop()[1:])
    if fields[-1].startswith('m'):
        m = fields.pop()[1:]
        names = sum(int(m[8 * w:8 * w + 8], 16) << (32 * w)
                    for w in range(len(m) // 8))
    parts = dict((p[0], p[1:]) for p in fields[1:-1])
    hexs = fields[-1]
    hs = [int(hexs[i:i + 8], 16) for i in range(0, len(hexs), 8)]
    n = int(parts['n'])
    trunc = len(hs) < n
    return hs, n, trunc, names, figures


def names_hold(names, h):
    # both bits of the name (fp_evidence.h, NP_FP_NAMES_BIT_OF)
    return all((names >> ((h >> s) % NAMES_BITS)) & 1 for s in (1, 8))


def need(x):
    return math.ceil(x - 1e-6)


def direction(i, size, t, subj=0):
    # the minimum evidence counts no subject hash (fingerprint_sql.c)
    if size <= 0 or i - subj < MIN_EV:
        return False
    share = i / size
    if i < FULL and not share >= BRIEF_SHARE:
        return False
    return share >= t


def main():
    per_q = collections.defaultdict(list)
    for line in open(sys.argv[1]):
        f = line.rstrip('\n').split('\t')
        per_q[f[0]].append(f)
    tot = collections.Counter()
    diffs = collections.Counter()
    pages = collections.Counter()
    for qn, rows in per_q.items():
        qh, qn_sh, qtr, qnames, qfigs = parse(rows[0][7])
        qset = set(qh)
        qlim = qh[-1] if qtr else INF
        qbrief = qn_sh < BRIEF
        page_state = collections.defaultdict(set)
        for f in rows:
            blk, cnt, cls = int(f[1]), int(f[3]), int(f[5])
            named_cnt = int(f[4])
            truth = f[9] == 't'
            bh, bn_sh, btr, bnames, bfigs = parse(f[8])
            blim = bh[-1] if btr else INF
            tau = min(qlim, blim)
            a = [h for h in qh if h <= tau]
            b = [h for h in bh if h <= tau]
            shared = qset.intersection(b)
            inter = len(shared)
            qsubj = [h for h in qh if h < SUBJ]
            bsubj = [h for h in bh if h < SUBJ]
            ssubj = len(set(qsubj).intersection(bsubj))
            brief = qbrief or bn_sh < BRIEF
            t = BRIEF_SHARE if brief else T
            subj_differ = bool(brief and qsubj and bsubj and ssubj == 0 and
                               max(qn_sh, bn_sh) <= SUBJ_RATIO * min(qn_sh, bn_sh))
            # any other pair whose subjects differ: the names each holds
            names_differ = bool(not subj_differ and qsubj and bsubj and ssubj == 0 and
                                qnames is not None and bnames is not None and
                                inter >= PAIR_NAMES_SHARE * len(a) and
                                inter >= PAIR_NAMES_SHARE * len(b) and
                                not any(names_hold(bnames, h) for h in qsubj) and
                                not any(names_hold(qnames, h) for h in bsubj))
            figs_differ = figures_apart(qfigs, bfigs, inter, len(a), len(b))
            agree = True
            if brief:
                an = sum(h & 1 for h in a if h >= SUBJ)
                bnm = sum(h & 1 for h in b if h >= SUBJ)
                inn = sum(h & 1 for h in shared if h >= SUBJ)
                fewer = min(an, bnm)
                if an == 0 and bnm == 0:
                    agree = True
                elif fewer == 0:
                    agree = (qn_sh if an > 0 else bn_sh) >= BRIEF
                else:
                    agree = inn >= 1 and inn >= NAMES_SHARE * fewer
            mine = (agree and not subj_differ and not names_differ and not figs_differ and
                    (direction(inter, len(a), t, ssubj) or direction(inter, len(b), t, ssubj)))
            tot['cand'] += 1
            tot['match'] += truth
            if subj_differ:
                tot['subject_refuses'] += 1
                tot['subject_refuses_brief_row'] += bn_sh < BRIEF
            tot['names_refuse'] += names_differ
            if mine != truth:
                tot['rule_disagrees'] += 1
            nskip = int(f[0].split('/')[1])
            exact = nskip == 0
            if exact and cnt != inter:
                tot['collision_overcount'] += 1
            tot['count_exact'] += exact
            diffs[cnt - inter] += 1
            tot['named_counted'] += named_cnt > 0
            if btr or qtr:
                tot['truncated_pair'] += 1
            if brief:
                tot['brief_pair'] += 1
            # what each level lets the index know of the row: A' and B'
            # sizes (exact or a range), brief status, names
            asz = len(a)
            bsz = len(b)
            cut_lo = max([0] + [sum(h <= c for h in bh) for c in CUTS if c <= tau])
            cut_hi = min([len(bh)] + [sum(h <= c for h in bh) for c in CUTS if c >= tau])
            b_whole = blim <= qlim or bh[-1] <= qlim
            names_ok = agree if brief else True
            levels = (
                # L1: the row class: A' = A for a whole row; brief known
                ('L1', cls < 16 and asz, None, None, cls < 16 or not brief, None),
                # L2: exact size, nshingles and largest hash of the row
                ('L2', asz, bsz if b_whole else None, bsz if b_whole else None, True,
                 None),
                # L2c: and its exact counts of hashes up to the three cuts
                ('L2c', asz, bsz if b_whole else cut_lo, bsz if b_whole else cut_hi, True,
                 None),
                # L3: L2c and named counts (the row's, and shared ones counted
                # by the scan) where B' is the whole row
                ('L3', asz, bsz if b_whole else cut_lo, bsz if b_whole else cut_hi, True,
                 names_ok if b_whole else None),
                # L4: the whole sample in the index (every fact)
                ('L4', asz, bsz, bsz, True, names_ok))
            for lv, ak, blo, bhi, brief_known, nm in levels:
                d = None
                if exact and brief_known:
                    tt = BRIEF_SHARE if brief else T
                    ns = len(qsubj) if lv != 'L4' else ssubj
                    a_true = bool(ak) and direction(cnt, ak, tt, ns)
                    a_false = bool(ak) and not direction(cnt, ak, tt)
                    b_true = blo is not None and bhi is not None and direction(cnt, bhi, tt, ns)
                    b_false = blo is not None and not direction(cnt, max(blo, 1), tt)
                    if a_false and b_false:
                        d = False
                    elif brief and nm is False:
                        d = False
                    elif lv == 'L4' and (subj_differ or names_differ or figs_differ):
                        d = False
                    elif (a_true or b_true) and (not brief or nm is True) and \
                            (lv == 'L4' or not qsubj or
                             (not brief and cnt < PAIR_NAMES_SHARE * ak)) and \
                            (lv == 'L4' or qfigs is None or cnt >= FIG_LOW * ak):
                        d = True
                if d is None:
                    tot[lv + '_undecided'] += 1
                else:
                    tot[lv + ('_accept' if d else '_reject')] += 1
                    if d != truth:
                        tot[lv + '_WRONG'] += 1
                page_state[(lv, blk)].add('u' if d is None else ('a' if d else 'r'))
            tot['all_keys_read'] += nskip == 0
            page_state[('now', blk)].add('a' if truth else 'r')
        for (lv, blk), st in page_state.items():
            pages[lv + '_pages'] += 1
            # pages the heap scan still reads: any row handed over
            if st & {'a', 'u'} or lv == 'now':
                pages[lv + '_visited'] += 1
            # count(*) on an all-visible page needs no fetch when nothing
            # on it is to be rechecked (nodeBitmapHeapscan.c can_skip_fetch)
            if 'u' in st or (lv == 'now'):
                pages[lv + '_visited_countstar'] += 1
        # rows rechecked: every row on a page holding an undecided row
        # (a TIDBitmap's recheck flag is per page)
        for f in rows:
            blk = int(f[1])
            for lv in LEVELS:
                if 'u' in page_state[(lv, blk)]:
                    pages[lv + '_rows_rechecked'] += 1
        tot['queries'] += 1
    c = tot['cand']
    print('queries %d, candidates %d, matches %d, rule disagrees with the heap %d'
          % (tot['queries'], c, tot['match'], tot['rule_disagrees']))
    print('every key read (count exact): %d (%.1f%%); pairs with a brief %d; pairs with a truncated sample %d; rows with a named count > 0 %d'
          % (tot['count_exact'], 100 * tot['count_exact'] / c, tot['brief_pair'], tot['truncated_pair'], tot['named_counted']))
    for lv, what in (('L1', 'class (today)'), ('L2', '+ size, nshingles, top hash'),
                     ('L2c', '+ counts at the 3 cuts'), ('L3', '+ named counts'),
                     ('L4', 'the whole sample')):
        dec = tot[lv + '_accept'] + tot[lv + '_reject']
        print('%-3s %-28s decided %5d (%.1f%%): accept %d, reject %d, wrong %d; undecided %d'
              % (lv, what, dec, 100 * dec / c, tot[lv + '_accept'], tot[lv + '_reject'],
                 tot[lv + '_WRONG'], tot[lv + '_undecided']))
        print('    heap pages visited %d of %d today (%d by a count(*) on all-visible pages); rows rechecked %d of %d today; heap rows fetched %d'
              % (pages[lv + '_visited'], pages['now_visited'], pages[lv + '_visited_countstar'],
                 pages[lv + '_rows_rechecked'], c, tot[lv + '_accept'] + tot[lv + '_undecided']))
    print('index count - true shared count: %s' % sorted(diffs.items()))
    print('candidates whose query read every key: %d (of which the index over-counted %d)'
          % (tot['all_keys_read'], tot['collision_overcount']))
    for lv in LEVELS:
        print('%-3s decides %.1f%% of the candidates whose query read every key'
              % (lv, 100 * (tot[lv + '_accept'] + tot[lv + '_reject']) / max(1, tot['all_keys_read'])))
    print('the subject test refuses %d candidates of %d that fail (%d of them brief rows): '
          'what a row flag "has a subject" with the query\'s subject keys read would drop'
          % (tot['subject_refuses'], c - tot['match'], tot['subject_refuses_brief_row']))
    print('the names test refuses %d candidates more (pairs with no brief of '
          'comparable length sharing %.1f of each side)' % (tot['names_refuse'], PAIR_NAMES_SHARE))


if __name__ == '__main__':
    main()
