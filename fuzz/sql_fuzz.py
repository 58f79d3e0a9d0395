#!/usr/bin/env python3
"""fuzz/sql_fuzz.py -- hostile input to every SQL-callable function of newsprint

Usage: scripts/with-server.sh /usr/bin/python3 fuzz/sql_fuzz.py [DB [SEED [ROUNDS]]]

Connects through libpq's environment (PGHOST, PGPORT, PGUSER, which
scripts/with-server.sh sets) to database DB (default newsprint, which must
hold the extension; create it in LATIN1, WIN1251 or SQL_ASCII to pass raw,
possibly invalid bytes as text).  Each round: fingerprints in binary form
(COPY ... FORMAT binary, through fingerprint_recv) and as literals, mutated
from valid ones (the names ':m' and the places ':p' mangled too; before the
rounds, the names and the places of a few checked against what each form
must accept and refuse), then every fingerprint function, operator and story_match()
on those accepted, with NaN, infinite, negative and huge numbers, intervals
and times and NULLs, and fingerprint_query record literals; mutated
article text through clean(), headline(), paragraphs(),
sentences(), fingerprint(), entities(), entity_mentions(), shared_passages()
and into entity_dictionary; every fifth round an npidx index with random
options (buckets, fillfactor, pending list) scanned by every operator,
cluster_stories() and assign_story(); every fifth round story_trigger
with random arguments (leaders table, columns of the wrong types, time
windows) on inserts and updates; every fifth round a table of stories
told several times with digests of their leads among them (round-ups),
duplicate and NULL ids, NULL fingerprints, now and then fingerprints of
another version or shingle width, an order column of one of 14 types,
through cluster_stories(), story_match() and assign_story() with hostile
rule parameters and leaders tables of wrong shapes (no npidx index, no
unique story, an integer story, other columns), seeded or not from the
batch's leads.  Prints the SQLSTATEs seen and the failures: a lost
connection, an internal error (XX...), a statement over 5 s, a batch row
that joins a story no row leads or leads with a score, an assign_story()
that returns a story with no leader.  Needs python3-psycopg2.  Writes
tables named fz_* in DB, and adds rows to (and empties) its
entity_dictionary.
"""
import os, sys, random, struct, time, io, re
import psycopg2
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'data')
DB = sys.argv[1] if len(sys.argv) > 1 else 'newsprint'
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 1
ITER = int(sys.argv[3]) if len(sys.argv) > 3 else 300
rnd = random.Random(SEED)
def conn():
    c = psycopg2.connect(dbname=DB)
    c.autocommit = True
    c.set_client_encoding('UTF8')
    cur = c.cursor()
    cur.execute("set statement_timeout='20s'; set search_path=newsprint,public")
    return c
C = conn()
stats = {}
bad = []
def run(sql, args=None, note=''):
    global C
    cur = C.cursor()
    t0 = time.time()
    try:
        cur.execute(sql, args)
        r = cur.fetchall() if cur.description else None
        st = 'ok'
    except psycopg2.Error as e:
        st = e.pgcode or 'NOCODE'
        r = e
        if e.pgcode is None or C.closed:
            bad.append(('CONN', sql[:300], repr(args)[:300], str(e)[:300]))
            print('!!! CONNECTION LOST', sql[:200], str(e)[:200], flush=True)
            time.sleep(3)
            C = conn()
        elif st.startswith('XX') or st in ('57014',) and note != 'timeout':
            bad.append((st, sql[:300], repr(args)[:300], str(e).splitlines()[0][:300]))
    dt = time.time() - t0
    if dt > 5 and note != 'timeout':
        bad.append(('SLOW %.1fs' % dt, sql[:300], repr(args)[:200], ''))
    fn = re.findall(r'(?:select\s+(?:count\(\*\),?\s*)?(?:count\(|length\()?|from\s+|into\s+\w+\s+values\s+\(|op\s)([a-z_]+)\(', sql)
    key = ((fn[0] if fn else sql[:40]), st)
    stats[key] = stats.get(key, 0) + 1
    return st, r

# ---- text corpus
texts = []
for d in (os.path.join(DATA, 'clean'), os.path.join(DATA, 'wire')):
    for f in sorted(os.listdir(d)):
        if f.endswith('.txt'):
            texts.append(open(os.path.join(d, f), encoding='utf-8', errors='replace').read())
HOSTILE_CHARS = ['\u0000'[:0], '\u200b', '\ufeff', '\u202e', '\u0301', '\U0001F600', '\r', '\r\n', '\t', '\x0b', '\x0c', '\u2028', '\u00a0', '<', '>', '&', '&#0;', '&#x110000;', '&#xD800;', '&amp;', '<script>', '<!--', ']]>', '<![CDATA[', '"', "'", '\\', '..', '...', '—', '-', '•', '*', '#', '@', 'http://', 'www.', 'Mr.', 'U.S.', '(', ')', '[', ']', '1,000', '3.14', '%', '$', '€', 'İ', 'ß', 'ﬁ', 'Ǆ', 'ᾼ', 'Σ', '\u0130', 'A', 'The', 'New', 'York', 'Times', ' ', '\n\n', '\n']
def mutate_text(s):
    s = list(s)
    for _ in range(rnd.randint(0, 20)):
        op = rnd.random()
        p = rnd.randint(0, len(s))
        if op < 0.4:
            s[p:p] = list(rnd.choice(HOSTILE_CHARS) * rnd.choice([1, 1, 2, 5, 50, 1000]))
        elif op < 0.6 and s:
            del s[p:p + rnd.randint(1, 100)]
        elif op < 0.8:
            s[p:p] = [chr(rnd.choice([rnd.randint(1, 0x7f), rnd.randint(0x80, 0x7ff), rnd.randint(0x800, 0xd7ff), rnd.randint(0xe000, 0x10ffff)])) for _ in range(rnd.randint(1, 30))]
        elif s:
            q = rnd.randint(0, len(s)); s[p:p] = s[q:q + rnd.randint(1, 500)]
    return ''.join(s)
def gen_text():
    r = rnd.random()
    if r < 0.1: return ''
    if r < 0.2: return rnd.choice(HOSTILE_CHARS) * rnd.randint(1, 20000)
    if r < 0.3: return ''.join(chr(rnd.randint(1, 0x2fff)) for _ in range(rnd.randint(1, 3000)))
    if r < 0.4: return ' '.join(rnd.choice(['The', 'New', 'York', 'Times', 'said', 'Mr.', 'U.S.', '-', '&', '1,000', 'of', 'a', '"', 'Reuters', '(AP)', '--', 'WASHINGTON', 'http://x.y/', '<p>', '</p>']) for _ in range(rnd.randint(1, 5000)))
    t = rnd.choice(texts)
    return mutate_text(t) if rnd.random() < 0.8 else t

def sanitize(s):
    return s.replace('\x00', '')

NUMS_F = [None, 0.0, -0.0, 1.0, 0.5, -1.0, 1.0000001, 2.0, 1e308, -1e308, 5e-324, float('nan'), float('inf'), float('-inf')]
NUMS_I = [None, 0, 1, -1, 16, 40, 65535, 65536, 2147483647, -2147483648, 1024, 4096, 8192, 100000]
INTERVALS = [None, '0', '1 microsecond', '-1 microsecond', '20 hours', '1 month -30 days', '-1 month 30 days 1 microsecond', '178000000 years', '-178000000 years', '2147483647 days', '-2147483648 days', '2147483647 months 2147483647 days 9223372036854775807 microseconds'[:0] or '2147483647 days 2562047788 hours', '1 day -24 hours', '1 day -24 hours -1 microsecond', '1 month', '@ 1 mon -1 us']
TIMES = [None, 'infinity', '-infinity', '4713-01-01 BC', '294276-12-31 23:59:59+00', '2000-01-01', '2026-12-05 10:00+00', '1970-01-01']
FORMATS = ['auto', 'plain', 'html', 'text', 'wire', 'feed', '', 'HTML', 'xx', 'auto\x01'[:4]]

def pick(l): return rnd.choice(l)

# ---- fingerprints: valid ones
run("create table if not exists fz_fp(id serial, fp fingerprint)")
run("create table if not exists fz_in(fp fingerprint)")
valid = []
def add_valid(text, clean=True, k=None, v=None):
    if k is None:
        st, r = run("select fingerprint(%s::text, %s)::text, fingerprint_send(fingerprint(%s::text, %s))", (text, clean, text, clean))
    elif v is None:
        st, r = run("select fingerprint(%s::text, %s, %s)::text, fingerprint_send(fingerprint(%s::text, %s, %s))", (text, clean, k, text, clean, k))
    else:
        st, r = run("select fingerprint(%s::text, %s, %s, %s)::text, fingerprint_send(fingerprint(%s::text, %s, %s, %s))", (text, clean, k, v, text, clean, k, v))
    if st == 'ok':
        valid.append((r[0][0], bytes(r[0][1])))
for t in texts[:12]:
    add_valid(t)
    add_valid(t, False, 64, 1)
    add_valid(t, True, 1024, 2)
add_valid('')
add_valid('short brief said Monday.', True)

def copy_binary(payloads):
    """COPY fz_in(fp) FROM STDIN binary, one row per payload; returns status"""
    buf = io.BytesIO()
    buf.write(b'PGCOPY\n\xff\r\n\x00' + struct.pack('!ii', 0, 0))
    for p in payloads:
        if p is None:
            buf.write(struct.pack('!hi', 1, -1))
        else:
            buf.write(struct.pack('!hi', 1, len(p)) + p)
    buf.write(struct.pack('!h', -1))
    buf.seek(0)
    global C
    cur = C.cursor()
    try:
        cur.copy_expert("copy fz_in(fp) from stdin (format binary)", buf)
        stats[('COPYBIN', 'ok')] = stats.get(('COPYBIN', 'ok'), 0) + 1
        return 'ok'
    except psycopg2.Error as e:
        stats[('COPYBIN', e.pgcode)] = stats.get(('COPYBIN', e.pgcode), 0) + 1
        if e.pgcode is None:
            bad.append(('CONN', 'copy binary', repr(payloads)[:300], str(e)[:300]))
            print('!!! CONNECTION LOST in COPY', flush=True); time.sleep(3); C = conn()
            return 'CONN'
        if e.pgcode.startswith('XX'):
            bad.append((e.pgcode, 'copy binary', repr(payloads)[:300], str(e).splitlines()[0]))
        return e.pgcode

def mutate_bin(b):
    b = bytearray(b)
    for _ in range(rnd.randint(1, 4)):
        op = rnd.randint(0, 10)
        if op == 0 and b:
            i = rnd.randrange(len(b)); b[i] ^= 1 << rnd.randrange(8)
        elif op == 1 and b:
            i = rnd.randrange(min(len(b), 12)); b[i] = rnd.choice([0, 1, 2, 3, 0x7f, 0x80, 0xff])
        elif op == 2:
            b = b[:rnd.randint(0, len(b))]
        elif op == 3:
            b += bytes(rnd.randrange(256) for _ in range(rnd.choice([1, 2, 4, 8, 400])))
        elif op == 4 and len(b) >= 12:
            # set count to match length or lie
            n = (len(b) - 12) // 4
            b[8:12] = struct.pack('!I', rnd.choice([n, n + 1, max(n - 1, 0), 0, 0xffffffff, 0x7fffffff, 4096, 65536]))
        elif op == 5 and len(b) >= 12:
            b[4:8] = struct.pack('!I', rnd.choice([0, 1, 0xffffffff, 0x7fffffff, 15, 16, 39, 40, 149, 150]))
        elif op == 6 and len(b) >= 4:
            b[2:4] = struct.pack('!H', rnd.choice([0, 1, 2, 16, 64, 256, 1024, 4096, 8192, 65535]))
        elif op == 7 and len(b) > 16:
            # shuffle / duplicate hashes
            hs = [b[i:i + 4] for i in range(12, len(b) - (len(b) - 12) % 4, 4)]
            if rnd.random() < 0.5: rnd.shuffle(hs)
            else:
                j = rnd.randrange(len(hs)); hs.insert(j, hs[j])
                b[8:12] = struct.pack('!I', len(hs))
            b = b[:12] + b''.join(hs)
        elif op == 8 and len(b) >= 12:
            # set hashes to extreme values (sorted)
            n = (len(b) - 12) // 4
            hs = sorted(rnd.choice([0, 1, 0xffffffff, 0xfffffffe, 0x80000000, rnd.getrandbits(32)]) for _ in range(n))
            b = b[:12] + b''.join(struct.pack('!I', h) for h in hs)
        elif op == 9 and len(b) >= 2:
            b[0] = rnd.choice([0, 1, 2, 3, 255]); b[1] = rnd.choice([0, 1, 2, 3, 5, 8, 255])
        elif op == 10 and len(b) >= 12:
            # the names after the hashes: 15, 16 or 17 bytes added, or the
            # last bytes cut, on any version
            n = struct.unpack('!I', bytes(b[8:12]))[0]
            b = b[:12 + 4 * min(n, (len(b) - 12) // 4)]
            b += bytes(rnd.choice([0, 0xff, rnd.randrange(256)]) for _ in range(rnd.choice([15, 16, 16, 17, 32])))
    return bytes(b)

HEX = '0123456789abcdef'
def mutate_names(t):
    """mangle the names part of a literal (':m' and 32 hex digits)"""
    base = t.split(':m')[0]
    names = ''.join(rnd.choice(HEX) for _ in range(32))
    op = rnd.randint(0, 8)
    if op == 0:
        return base + ':m' + ''.join(rnd.choice(HEX) for _ in range(rnd.choice([0, 1, 15, 31, 33, 64])))
    if op == 1:
        return base + ':m' + names.upper()
    if op == 2:
        return base + ':m' + names + ':m' + names
    if op == 3:
        return base + rnd.choice([':M', ':n', '::m', ': m', ':m ', ':m-']) + names
    if op == 4:
        return base + ':m' + names[:rnd.randrange(32)] + rnd.choice(['g', 'x', ' ', '\u00e9', ':', '-']) + names[rnd.randrange(32):][:31]
    if op == 5:
        return re.sub(r'^v\d+', 'v1', base) + ':m' + names
    if op == 6:
        # names on a sample of 0 or 1 hashes
        return 'v2:w3:k%d:n%d:%s:m%s' % (rnd.choice([1, 4, 160]), rnd.choice([0, 1]), rnd.choice(['', '00000001', 'ffffffff']), names)
    if op == 7:
        return base + ':m' + names + rnd.choice(['', ' ', '\n', '\t', ':', '0'])
    return base

def mutate_places(t):
    """mangle the places part of a literal (':p' and 8 hex digits for every 10 hashes)"""
    if ':p' not in t:
        return t
    head, places = t.split(':p')
    n = len(t.split(':')[4]) // 8
    op = rnd.randint(0, 7)
    if op == 0:
        # a word short or long, or one digit off
        return head + ':p' + (places + '0' * 8)[:len(places) + rnd.choice([-8, -1, 1, 8])]
    if op == 1:
        # a place after the last hash, or in a word's top two bits
        w = rnd.randrange(len(places) // 8)
        word = int(places[8 * w:8 * w + 8], 16)
        bit = rnd.choice([30, 31] + ([3 * (n % 10)] if w == len(places) // 8 - 1 and n % 10 else []))
        return head + ':p' + places[:8 * w] + '%08x' % (word | 1 << bit) + places[8 * w + 8:]
    if op == 2:
        return head + ':p' + places + ':p' + places
    if op == 3:
        return head + rnd.choice([':P', ':q', '::p', ': p', ':p ']) + places
    if op == 4:
        # the places without the names
        return head.split(':m')[0] + ':p' + places
    if op == 5:
        return head + ':p' + places[:rnd.randrange(len(places))] + rnd.choice(['g', 'x', ' ', '\u00e9', ':', '-']) + places[rnd.randrange(len(places)) + 1:]
    if op == 6:
        return head + ':p' + places.upper()
    return head + ':p' + places + rnd.choice(['', ' ', '\n', ':', '0'])

def mutate_txt(s):
    s = list(s)
    for _ in range(rnd.randint(1, 4)):
        p = rnd.randint(0, len(s))
        op = rnd.randint(0, 5)
        if op == 0 and s: del s[p:p + rnd.randint(1, 8)]
        elif op == 1: s[p:p] = list(rnd.choice(['0', 'f', 'g', ':', 'v', '-', ' ', '99999999999999999999', '-1', 'k', 'n', 'w', '\u00e9', '+', 'x', '00000000', 'ffffffff']))
        elif op == 2 and s: s[p - 1 if p else 0] = rnd.choice('0123456789abcdefABCDEF:vwkn-+ ')
        elif op == 3: s = s[:p]
        elif op == 4: s += list('0' * rnd.choice([1, 7, 8, 9, 16]))
        elif op == 5:
            t = ''.join(s); t = re.sub(r'[kwnv]\d+', lambda m: m.group(0)[0] + str(rnd.choice([0, 1, 2, 3, 65535, 65536, 4294967295, 4294967296, -1, 2147483648])), t, count=1); s = list(t)
    return ''.join(s)

FPFUNCS2 = ['similarity', 'containment', 'fingerprint_distance', 'fingerprint_containment_distance', 'fingerprint_containment_distance_commutator', 'is_same_story', 'same_story', 'fingerprint_similar_op', 'fingerprint_contained_op', 'fingerprint_contains_op', 'fingerprint_eq', 'fingerprint_ne']
FPFUNCS3 = ['is_similar', 'is_contained', 'is_same_story', 'same_story']
FPFUNCS1 = ['shingle_count', 'sample_size', 'npidx_keys', 'fingerprint_send', 'fingerprint_out']
PREDS = ['similar', 'contained', 'contains', 'same_story', '%', '<%', '%>', '&~', '', 'x', 'SIMILAR', None]

def exercise_fp_pairs():
    # every accepted fp against some valid ones
    run("""select count(*) from (select %s from fz_in a, (select fp from fz_in order by random() limit 6) b) s""" % ', '.join('%s(a.fp, b.fp)' % f for f in FPFUNCS2))
    run("""select count(*) from (select %s from fz_in a) s""" % ', '.join('%s(a.fp)' % f for f in FPFUNCS1))
    for f in FPFUNCS3:
        run("select count(*) from (select %s(a.fp, b.fp, %%s) from fz_in a, (select fp from fz_in order by random() limit 4) b) s" % f, (pick(NUMS_F),))
    run("select count(*) from (select default_threshold(fp, %s) from fz_in) s", (pick(PREDS),))
    run("select count(*) from (select story_match(a.fp, b.fp, %s, %s, %s, %s, %s, %s, %s, %s) from fz_in a, (select fp from fz_in order by random() limit 4) b) s",
        (pick(NUMS_F), pick(NUMS_I), pick(NUMS_I), pick(NUMS_F), pick(NUMS_I), pick(TIMES), pick(TIMES), pick(INTERVALS)))
    run("select count(*) from (select a.fp %s b.fp from fz_in a, fz_in b limit 2000) s" % pick(['%', '<%', '%>', '<->', '<<->', '<->>', '=', '<>']))
    for op in ['&%', '&<%', '&%>', '&~']:
        run("select count(*) from (select a.fp %s row(b.fp, %%s)::fingerprint_query from fz_in a, (select fp from fz_in limit 5) b) s" % op.replace("%", "%%"), (pick(NUMS_F),))

def index_round():
    run("drop table if exists fz_ix")
    run("create table fz_ix(id bigint, fp fingerprint, ts timestamptz)")
    run("insert into fz_ix select row_number() over (), fp, (array[null, '-infinity', 'infinity', now(), now() - interval '3 days', '2000-01-01'::timestamptz])[1 + (random()*5)::int] from fz_in")
    run("create index fz_ix_i on fz_ix using npidx (fp) with (buckets = %d, fillfactor = %d, pending_list_limit = %d)" % (rnd.choice([0, 1, 2, 3, 64, 1024, 65536]), rnd.choice([10, 50, 100]), rnd.choice([64, 100, 4096])))
    run("insert into fz_ix select id + 100000, fp, ts from fz_ix")   # pending list
    run("insert into fz_ix select id + 200000 + g, fp, ts from fz_ix, generate_series(1, %d) g" % rnd.choice([1, 5, 30]))
    run("set enable_seqscan = off")
    for op in ['%', '<%', '%>', '&%', '&<%', '&%>', '&~']:
        rhs = 'b.fp' if not op.startswith('&') else 'row(b.fp, %s)::fingerprint_query' % pick(['0.5', 'NULL', '1', '0', "'NaN'", '2'])
        run("select count(*) from fz_ix a join fz_in b on a.fp %s %s" % (op, rhs))
    run("select count(*) from (select a.id from fz_ix a, fz_in b order by a.fp <-> b.fp limit 5) s")
    run("reset enable_seqscan")
    run("select npidx_clean_pending_list('fz_ix_i')")
    run("vacuum fz_ix")
    run("select count(*) from cluster_stories('fz_ix', 'id', 'fp', %s, %s, %s, %s, %s, %s, %s)",
        (pick([None, 'ts', 'id', 'fp', 'nope']), pick(NUMS_F), pick(NUMS_I), pick(NUMS_I), pick(NUMS_F), pick(NUMS_I), pick(INTERVALS)))
    run("drop table if exists fz_lead")
    run("create table fz_lead(story bigint primary key, fp fingerprint not null, published_at timestamptz)")
    run("create index on fz_lead using npidx(fp)")
    w = pick(INTERVALS)
    run("select count(assign_story('fz_lead', id, fp, ts, NULL, 16, 40, 0.6, 3, %s)) from fz_ix", (w,))
    run("select assign_story(%s, %s, (select fp from fz_in limit 1), %s, %s, %s, %s, %s, %s, %s)",
        (pick([None, 'fz_lead', 'fz_ix', 'pg_class']), pick([None, 1, -1, 2**63 - 1]), pick(TIMES), pick(NUMS_F), pick(NUMS_I), pick(NUMS_I), pick(NUMS_F), pick(NUMS_I), pick(INTERVALS)))

ENC = None
def textarg(t):
    """SQL fragment and parameter for text t (in a non-UTF8 database: raw, possibly invalid bytes)"""
    if ENC == 'UTF8':
        return '%s::text', t
    b = bytearray(t.encode('utf-8', 'replace'))
    for _ in range(rnd.choice([0, 0, 1, 5, 50])):
        if b:
            b[rnd.randrange(len(b))] = rnd.randrange(1, 256)
    b = bytes(b).replace(b'\x00', b'')
    return "convert_from(%s::bytea, getdatabaseencoding())", psycopg2.Binary(b)

def text_round():
    t = sanitize(gen_text())
    F, A = textarg(t)
    run("select length(clean(" + F + ", %s, %s, %s))", (A, pick([True, False]), pick([True, False]), pick(FORMATS)))
    run("select headline(" + F + ")", (A,))
    run("select count(*), sum(length(text)) from paragraphs(" + F + ", %s)", (A, pick([True, False])))
    run("select count(*), sum(length(text)) from sentences(" + F + ", %s)", (A, pick([True, False])))
    run("select fingerprint(" + F + ", %s, %s, %s)::text", (A, pick([True, False]), pick(NUMS_I), pick([None, 0, 1, 2, 3, -1, 255, 256, 2147483647])))
    run("select count(*) from entities(" + F + ", %s)", (A, pick([True, False])))
    run("select count(*) from entity_mentions(" + F + ", %s)", (A, pick([True, False])))
    run("select count(*) from entities(" + F + ", %s, entity_dictionary_snapshot())", (A, pick([True, False])))
    t2 = sanitize(gen_text()) if rnd.random() < 0.5 else mutate_text(t)
    F2, A2 = textarg(t2)
    run("select count(*) from shared_passages(" + F + ", " + F2 + ", %s, %s)", (A, A2, pick([True, False]), pick(NUMS_F)))
    if rnd.random() < 0.3:
        F3, A3 = textarg(sanitize(gen_text())[:rnd.choice([5, 30, 2000])])
        run("insert into entity_dictionary(name, kind, aliases) select left(" + F + ", %s), %s, array[" + F3 + "] on conflict do nothing", (A, rnd.choice([3, 10, 40, 3000]), pick(['PER', 'ORG', 'LOC', 'MISC', 'x']), A3))
    if rnd.random() < 0.05:
        run("delete from entity_dictionary")

TRIG_COLS = ['story', 'id', 'fp', 'published_at', '', 'body', 'nope', 'fp_b', 'story_i', 'id_t', 'ts_d', '"story"', 'STORY', 'a"b']
TRIG_WINDOWS = ['20 hours', '', '0', '-1 day', 'infinity', 'garbage', '178000000 years', '1 microsecond', '1 month -30 days', "1 day'", None]
def trigger_round():
    """story_trigger with random arguments on a table of mixed column types"""
    run("drop table if exists fz_art")
    run("drop table if exists fz_tlead")
    run("create table fz_tlead(story bigint primary key, fp fingerprint not null, published_at timestamptz)")
    if rnd.random() < 0.8:
        run("create index on fz_tlead using npidx(fp)")
    run('create table fz_art(id bigint, fp fingerprint, published_at timestamptz, story bigint, body text, fp_b bytea, story_i int, id_t text, ts_d date, "a""b" bigint)')
    args = [pick(['fz_tlead', 'fz_art', 'pg_class', 'nope', '', 'public.fz_tlead', 'newsprint.fz_tlead', 'fz_tlead"'])]
    for _ in range(rnd.randint(0, 6)):
        args.append(pick(TRIG_COLS) if len(args) < 5 else pick(TRIG_WINDOWS))
    lit = ', '.join("'" + a.replace("'", "''") + "'" if a is not None else "'x'" for a in args)
    when = pick(['before insert or update', 'before insert', 'after insert', 'before update', 'before delete'])
    level = 'row' if rnd.random() < 0.9 else 'statement'
    run("create trigger fz_t %s on fz_art for each %s execute function story_trigger(%s)" % (when, level, lit))
    for _ in range(rnd.randint(1, 4)):
        run("insert into fz_art(id, fp, published_at, body, id_t, ts_d) select row_number() over () + %s, fp, %s, 'x', 'y', now() from fz_in",
            (rnd.randint(-5, 10**6), pick(TIMES)))
    run("update fz_art set fp = fp, published_at = %s where id %% 3 = 0", (pick(TIMES),))
    run("delete from fz_art where id % 5 = 0")
    run("select count(*) from fz_tlead")

ORDER_TYPES = ['timestamptz', 'timestamp', 'date', 'bigint', 'text', 'numeric', 'boolean', 'bytea', 'interval', 'jsonb', 'json', 'point', 'int[]', 'fingerprint']
def story_table(name, n):
    """a table of n articles: stories told by several copies, updates and
    briefs, digests of several stories' leads (round-ups), re-sends, with
    duplicate ids, NULL fingerprints and ids, and odd order columns"""
    order = pick(ORDER_TYPES)
    run("drop table if exists %s" % name)
    run("create table %s(id bigint, fp fingerprint, ts timestamptz, o %s, body text)" % (name, order))
    rows = []
    base = [t for t in texts if len(t) > 400]
    for i in range(n):
        r = rnd.random()
        if r < 0.4 or not rows:
            t = pick(base)                       # a story's first version
        elif r < 0.6:
            t = mutate_text(rows[rnd.randrange(len(rows))][1])   # a copy
        elif r < 0.75:
            t = rows[rnd.randrange(len(rows))][1][:rnd.choice([120, 300, 900])]   # a brief
        else:                                    # a digest of k leads
            k = rnd.choice([2, 2, 3, 5, 20, 50])
            t = '\n\n'.join(rows[rnd.randrange(len(rows))][1][:rnd.choice([600, 1500, 4000])] for _ in range(k))
        rows.append((i, sanitize(t)))
    for i, t in rows:
        rid = i + 1 if rnd.random() < 0.99 else rnd.choice([None, 1, i, 2**63 - 1, -2**63])
        ts = pick(["2026-12-05 00:00+00", None, 'infinity', '-infinity']) if rnd.random() < 0.1 else '2026-12-05 00:00+00'
        run("insert into " + name + "(id, fp, ts, body) values (%s, case when random() < 0.03 then null else fingerprint(%s::text) end, %s::timestamptz + %s * interval '7 minutes', %s)",
            (rid, t, ts, i, t))
    if rnd.random() < 0.1:
        # a fingerprint of another version or shingle width among them (an error, 22023)
        run("insert into " + name + "(id, fp, ts) select 10^6 + id, fingerprint(body, true, %s, %s), ts from " + name + " where id %% 17 = 3",
            (pick([64, 256, 1024, 4096]), pick([None, 1, 2])))
    run("update %s set o = %s" % (name, {'timestamptz': 'ts', 'timestamp': 'ts::timestamp', 'date': 'ts::date',
        'bigint': '-id', 'text': 'id::text', 'numeric': 'id / 7.0', 'boolean': 'id % 2 = 0', 'bytea': 'convert_to(id::text, \'UTF8\')',
        'interval': 'id * interval \'1 s\'', 'jsonb': 'to_jsonb(id)', 'json': 'to_json(id)', 'point': 'point(id, id)', 'int[]': 'array[id::int]',
        'fingerprint': 'fp'}[order]))

def story_check(rows):
    """the batch's invariants: a row that leads has id = story and no score;
    a row with no score starts its story; every story that others join is led"""
    led = set(r[0] for r in rows if r[3])
    for (i, st, sc, leads) in rows:
        if leads and (st != i or sc is not None) or sc is None and st != i or \
                st != i and st not in led:
            bad.append(('LEADS', 'cluster_stories', repr((i, st, sc, leads)), ''))
            return

def story_round():
    """cluster_stories(), assign_story() and story_match() on a table with
    round-ups, with hostile rule parameters and leaders tables"""
    story_table('fz_st', rnd.choice([20, 60, 150]))
    params = (pick(NUMS_F), pick(NUMS_I + [5]), pick(NUMS_I), pick(NUMS_F + [0.3]), pick(NUMS_I), pick(INTERVALS))
    if rnd.random() < 0.7:
        params = (None, pick([None, 16, 4, 2, 1]), None, pick([None, 0.6, 0.3, 1.0]), None, pick(['20 hours', None, '0', '178000000 years']))
    ordcol = pick([None, 'ts', 'o', 'o', 'id', 'fp', 'body', 'nope'])
    st, r = run("select id, story, score, leads from cluster_stories('fz_st', 'id', 'fp', %s, %s, %s, %s, %s, %s, %s)", (ordcol,) + params)
    if st == 'ok':
        story_check(r)
        k = ('cluster_stories round-ups', 'some' if any(x[2] is None and not x[3] for x in r) else 'none')
        stats[k] = stats.get(k, 0) + 1
    run("select count(*) from fz_st a, fz_st b where a.id < b.id and b.id < a.id + 30 and story_match(a.fp, b.fp, %s, %s, %s, %s, %s, a.ts, b.ts, %s) is not null", params)
    run("drop table if exists fz_sl")
    run(pick(["create table fz_sl(story bigint primary key, fp fingerprint not null, published_at timestamptz)",
              "create table fz_sl(story bigint primary key, fp fingerprint, published_at timestamptz)",
              "create table fz_sl(story bigint unique, fp fingerprint, published_at timestamp)",
              "create table fz_sl(story bigint, fp fingerprint, published_at timestamptz)",
              "create table fz_sl(story int primary key, fp fingerprint, published_at timestamptz)",
              "create table fz_sl(x int, story bigint primary key, y text default 'y', published_at timestamptz, fp fingerprint)"]))
    if rnd.random() < 0.8:
        run("create index on fz_sl using npidx(fp)")
    if rnd.random() < 0.3:
        # seeded from the batch: its leads, or (the old recipe) score IS NULL
        run("insert into fz_sl(story, fp, published_at) select c.story, a.fp, a.ts from cluster_stories('fz_st', 'id', 'fp', 'ts') c join fz_st a using (id) where " + pick(['c.leads', 'c.score is null']) + " on conflict do nothing")
    st, r = run("select a.id, assign_story('fz_sl', a.id, a.fp, a.ts, %s, %s, %s, %s, %s, %s) from (select * from fz_st order by ts, id) a", params)
    if st == 'ok':
        # a round-up starts its story and adds no leader; nothing joins it
        _, ld = run("select story from fz_sl")
        ld = set(x[0] for x in ld or [])
        own = [x for x in r if x[1] is not None and x[1] == x[0] and x[0] not in ld]
        k = ('assign_story round-ups', 'some' if own else 'none')
        stats[k] = stats.get(k, 0) + 1
        if any(x[1] is not None and x[1] != x[0] and x[1] not in ld for x in r):
            bad.append(('LEADERS', 'assign_story', repr(params), 'joined a story that has no leader'))
    run("select count(*), count(distinct story) from fz_sl")
    # one digest of every story so far, at once
    run("select assign_story('fz_sl', -1, fingerprint(string_agg(left(body, 600), E'\\n\\n')), max(ts), %s, %s, %s, %s, %s, %s) from fz_st", params)
    run("select assign_story('fz_sl', -2, fp, ts, %s, %s, %s, %s, %s, %s) from fz_st where fp is not null order by random() limit 3", params)

def fp_round():
    payloads = []
    for _ in range(30):
        v = pick(valid)
        payloads.append(mutate_bin(v[1]) if rnd.random() < 0.9 else v[1])
    run("truncate fz_in")
    # one COPY of all, then one by one for those rejected
    st = copy_binary(payloads)
    if st != 'ok':
        for p in payloads:
            copy_binary([p])
    for _ in range(30):
        v = pick(valid)
        run("insert into fz_in values (%s::fingerprint)", (mutate_txt(v[0]),))
    for _ in range(10):
        v = pick(valid)
        run("insert into fz_in values (%s::fingerprint)", (mutate_names(v[0]),))
        run("insert into fz_in values (%s::fingerprint)", (mutate_places(v[0]),))
    run("insert into fz_in select fingerprint(%s::text)", (pick(texts),))
    # fingerprint_query as a record literal (its fingerprint field through fingerprint_in)
    for _ in range(5):
        v = pick(valid)
        lit = '(%s,%s)' % (mutate_txt(v[0]) if rnd.random() < 0.5 else v[0], pick(['0.5', '', 'NaN', '-1', '1', '2', 'x', '1e400', ' 0.3 ']))
        run("select count(*) from fz_in where fp &~ %s::fingerprint_query", (mutate_txt(lit) if rnd.random() < 0.3 else lit,))
    run("select count(*) from fz_in")
    exercise_fp_pairs()

def names_fixed():
    """the names of a version 2 value against their own expectations"""
    def want(what, got, exp):
        if got != exp:
            bad.append(('NAMES', what, repr(got)[:200], 'expected %r' % (exp,)))
    v1 = [v for v in valid if v[0].startswith('v1:')]
    for lit, b in [v for v in valid if ':m' in v[0]][:6]:
        # the names alone: the figures and the places after them
        # (places_fixed) left out
        b = b[:12 + 4 * (len(lit.split(':')[4]) // 8) + 16]
        lit = lit.split(':f')[0].split(':p')[0]
        bare = lit.split(':m')[0]
        names = lit.split(':m')[1]
        st, r = run("select %s::fingerprint = %s::fingerprint, similarity(%s::fingerprint, %s::fingerprint), "
                    "same_story(%s::fingerprint, %s::fingerprint), (%s::fingerprint)::text, "
                    "length(fingerprint_send(%s::fingerprint))",
                    (lit, bare, lit, bare, lit, bare, bare + ':m' + names.upper(), bare))
        want('names against none', (st, r and r[0][:4]), ('ok', (False, 1.0, True, lit)))
        want('binary size with names', len(b), r[0][4] + 16 if r else None)
        for extra, exp in [(-1, '22P03'), (0, 'ok'), (1, '22P03'), (-16, 'ok'), (-17, '22P03'), (16, '22P03')]:
            p = b[:len(b) + extra] if extra <= 0 else b + b'\x00' * extra
            run("truncate fz_in")
            want('recv %+d bytes' % extra, copy_binary([p]), exp)
        want('recv names on version 1', copy_binary([b'\x01' + b[1:]]), '22P03')
        for bad_lit in [bare + ':m' + names[:31], bare + ':m' + names + '0', bare + ':m' + names + ':m' + names,
                        bare + ':M' + names, bare + ':m' + names[:31] + 'g', 'v1' + bare[2:] + ':m' + names,
                        bare + '::m' + names, bare + ':m']:
            want('literal ' + bad_lit[-40:], run("select %s::fingerprint", (bad_lit,))[0], '22P02')
        for w in v1[:2]:
            want('names against version 1', run("select similarity(%s::fingerprint, %s::fingerprint)", (lit, w[0]))[0], '22023')
    for lit in ['v2:w3:k4:n0::m' + '0' * 32, 'v2:w3:k4:n1:00000001:m' + 'f' * 32, 'v2:w3:k1:n9:ffffffff:m' + 'F' * 32]:
        st, r = run("select (%s::fingerprint)::text, similarity(%s::fingerprint, %s::fingerprint), same_story(%s::fingerprint, %s::fingerprint)",
                    (lit, lit, lit.split(':m')[0], lit, lit))
        want('small ' + lit, st, 'ok')
    run("truncate fz_in")

def places_fixed():
    """the places of a version 2 value against their own expectations"""
    def want(what, got, exp):
        if got != exp:
            bad.append(('PLACES', what, repr(got)[:200], 'expected %r' % (exp,)))
    withp = [v for v in valid if ':p' in v[0]][:6]
    want('values with places', len(withp) > 0, True)
    for lit, b in withp:
        head, places = lit.split(':p')
        n = len(lit.split(':')[4]) // 8
        nw = (n + 9) // 10
        want('places words', len(places), 8 * nw)
        st, r = run("select %s::fingerprint = %s::fingerprint, (%s::fingerprint)::text, "
                    "length(fingerprint_send(%s::fingerprint)), sample_size(%s::fingerprint)",
                    (lit, head, head + ':p' + places.upper(), head, lit))
        want('places against none', (st, r and r[0][:2]), ('ok', (False, lit)))
        # the binary form: the places' tag word ('P' and nw), then nw words,
        # after the names and the figures (fb bytes, tag word included)
        fb = len(head.split(':f')[1]) // 2 if ':f' in head else 0
        want('binary size with places', len(b), r[0][2] + 4 + 4 * nw if r else None)
        want('places tag word', b[-4 - 4 * nw:-4 * nw], struct.pack('!I', 0x50 << 24 | nw))
        want('sample size with places', r and r[0][3], n)
        for extra, exp in [(-1, '22P03'), (1, '22P03'), (4, '22P03'), (-4 * nw, '22P03'),
                           (-4 * nw - 4, 'ok'), (-4 * nw - 4 - fb - 16, 'ok'),
                           (-4 * nw - 5, '22P03'), (-4 * nw - 4 - fb - 17, '22P03')]:
            p = b[:len(b) + extra] if extra <= 0 else b + b'\x00' * extra
            run("truncate fz_in")
            want('recv %+d bytes' % extra, copy_binary([p]), exp)
        # a place in the top bits of the last word, or after the last hash
        for bit in [30, 31] + ([3 * (n % 10)] if n % 10 else []):
            p = bytearray(b)
            p[-4:] = struct.pack('!I', struct.unpack('!I', bytes(p[-4:]))[0] | 1 << bit)
            run("truncate fz_in")
            want('recv place bit %d' % bit, copy_binary([bytes(p)]), '22P03')
            word = int(places[-8:], 16) | 1 << bit
            want('literal place bit %d' % bit,
                 run("select %s::fingerprint", (head + ':p' + places[:-8] + '%08x' % word,))[0], '22P02')
        for bad_lit in [head + ':p' + places[:-1], head + ':p' + places + '0', head + ':p' + places[:-8],
                        head + ':p' + places + '00000000', head + ':p' + places + ':p' + places,
                        head + ':P' + places, head + ':p' + places[:-1] + 'g', head + '::p' + places,
                        head + ':p', head + ':', lit.split(':m')[0] + ':p' + places,
                        'v1' + head[2:] + ':p' + places]:
            want('literal ' + bad_lit[-40:], run("select %s::fingerprint", (bad_lit,))[0], '22P02')
    run("truncate fz_in")

ENC = run('select getdatabaseencoding()')[1][0][0]
names_fixed()
places_fixed()
print('encoding', ENC)
t0 = time.time()
for it in range(ITER):
    fp_round()
    text_round()
    if it % 5 == 0:
        index_round()
    if it % 5 == 2:
        trigger_round()
    if it % 5 == 4:
        story_round()
    if it % 20 == 0:
        print('iter', it, 'bad', len(bad), '%.0fs' % (time.time() - t0), flush=True)
print('=== stats')
for k, v in sorted(stats.items()):
    print(v, k)
print('=== BAD', len(bad))
seen = set()
for b in bad:
    k = (b[0], b[1][:80])
    if k in seen: continue
    seen.add(k); print(b)
