#!/usr/bin/env python3
"""fuzz/text_shapes.py -- degenerate texts through every text function: linear
time, an error only where one is due, and a prompt stop at statement_timeout

Usage: scripts/with-server.sh /usr/bin/python3 fuzz/text_shapes.py
           [--db DB] [--sizes 1,8] [--timeout 200ms] [--shapes a,b]
           [--functions f,g] [--seed N]

Connects through libpq's environment (scripts/with-server.sh sets it) to DB
(default newsprint, holding the extension; run it in a LATIN1 or SQL_ASCII
database too: the shape rand_bytes is random bytes there, random code points
in UTF8; shapes with characters the encoding lacks are skipped).  Each shape (SHAPES below: deep and unclosed HTML, 100,000 nested
elements, runs of '<' and '&', numeric references out of range, one word of
the whole size, lone carriage returns and form feeds, wire furniture, a
million agency sign-offs or ticker rows, a table's title line of the whole
size, a million quotations without a full stop or capital titles over a
row...) is
built at each size in MB (0 means 64 kB) in an unlogged table, then each
function (FUNCS) runs on it in the same session and prints its wall time,
the backend's CPU time (from /proc, so the server must be local) and its
SQLSTATE.  A case fails when
  - the connection is lost or the SQLSTATE is an internal error (XX...);
  - the CPU time grows faster than the size: over 2.5 times the size ratio
    from the smallest size that takes 0.1 s of CPU or more to the largest,
    when the largest takes over 0.3 s of CPU; or the largest size takes
    over 1.5 s of CPU a MB (the slowest linear cases take under 0.7);
  - with --timeout T (statement_timeout = T, each case at the largest size
    only): the statement ends more than 0.25 s after T.
Prints one line a case and ends with the failures; exits 1 if any.
"""
import argparse, os, random, sys, time
import psycopg2

ap = argparse.ArgumentParser()
ap.add_argument('--db', default='newsprint')
ap.add_argument('--sizes', default='0,1,8')
ap.add_argument('--timeout')
ap.add_argument('--shapes')
ap.add_argument('--functions')
ap.add_argument('--seed', type=int, default=1)
opt = ap.parse_args()
SIZES = [int(x) for x in opt.sizes.split(',')]
if opt.timeout:
    SIZES = SIZES[-1:]

# about :n bytes of text each
SHAPES = {
    'nest_div': "repeat('<div>', :n/5) || 'x'",
    'nest_div_closed': "repeat('<div>', :n/11) || 'x' || repeat('</div>', :n/11)",
    'nest_b': "repeat('<b>', :n/3) || 'Hello world.'",
    'nest_table': "repeat('<table><tr><td>', :n/15) || 'x'",
    'nest_li': "repeat('<ul><li>', :n/8) || 'x'",
    'nest_a': "repeat('<a href=x>', :n/10) || 'x'",
    'nest_q': "repeat('<blockquote>', :n/12) || 'x'",
    'html100k': "'<html><body>' || repeat('<div>', 100000) || 'Deep text here. It is long.' || repeat('</div>', 100000)",
    'lt': "repeat('<', :n)",
    'lt_a': "repeat('<a', :n/2)",
    'lt_sp': "repeat('< ', :n/2)",
    'gt': "repeat('>', :n)",
    'amp': "repeat('&', :n)",
    'amp_hash': "repeat('&#', :n/2)",
    'ent_big': "repeat('&#x110000;', :n/10)",
    'ent_zero': "repeat('&#0;', :n/4)",
    'ent_huge': "repeat('&#99999999999999999999999;', :n/26)",
    'ent_longhex': "'&#x' || repeat('0', :n) || '41;'",
    'ent_surr': "repeat('&#xD800;', :n/8)",
    'ent_named': "repeat('&amp', :n/4)",
    'ent_html': "'<p>' || repeat('&#x110000;&#0;&#xD800;&amp&lt;', :n/30)",
    'word': "repeat('a', :n)",
    'word_e': "repeat('é', :n/2)",
    'word_dot': "repeat('a.', :n/2)",
    'word_caps': "repeat('A', :n)",
    'digits': "repeat('1', :n)",
    'cr': "repeat(E'Word word.\\r', :n/11)",
    'cr_only': "repeat(E'\\r', :n)",
    'cr_a': "repeat(E'a\\r', :n/2)",
    'crlf': "repeat(E'\\r\\n', :n/2)",
    'ff': "repeat(E'\\f\\v', :n/2)",
    'lines': "repeat(E'a\\n', :n/2)",
    'comment': "'<p>x<!--' || repeat('a', :n)",
    'comments': "repeat('<!-- -->', :n/8)",
    'script': "'<script>' || repeat('a', :n)",
    'cdata': "'<![CDATA[' || repeat('a', :n)",
    'attr_q': "'<p a=\"' || repeat('a', :n)",
    'attrs': "'<p ' || repeat('a ', :n/2) || '>x'",
    'pi': "repeat('<?x ', :n/4)",
    'close': "repeat('</p>', :n/4)",
    'br': "repeat('<br>', :n/4)",
    'p_words': "repeat('<p>Mr. A. B. said. ', :n/19)",
    'dateline': "repeat('WASHINGTON (Reuters) - ', :n/23)",
    'upd': "repeat('UPDATE 2-', :n/9) || 'Headline here'",
    'upd_nl': "repeat(E'UPDATE 2-CORRECTED-RPT-\\n', :n/24)",
    'bullets': "repeat(E'* FTSE 100 down 0.6%\\n', :n/21)",
    'quotes': "repeat('\"', :n)",
    'nbsp': "repeat(E'\\u00a0', :n/2)",
    'combining': "'a' || repeat(E'\\u0301', :n/2)",
    'zw': "repeat(E'\\u200b', :n/3)",
    'bidi': "repeat(E'\\u202e', :n/3)",
    'upper_lines': "repeat(E'BREAKING NEWS\\n', :n/14)",
    'caps_words': "repeat('ABC ', :n/4)",
    'names': "repeat('John Smith ', :n/11)",
    'hyph': "repeat('a-', :n/2)",
    'url': "'http://' || repeat('a', :n)",
    'emails': "repeat('a@b.c ', :n/6)",
    'paren': "repeat('(', :n)",
    'ellipsis': "repeat('...', :n/3)",
    'tabs': "repeat(E'\\t', :n)",
    'paywall': "repeat('Subscribe to read the full story. Sign in or register. ', :n/56)",
    'caps_sentence': "repeat('WORD ', :n/5) || '.'",
    'head_bullets': "E'UPDATE 2-UK shares slip\\n\\n' || repeat(E'* FTSE 100 down 0.6%\\n', :n/21)",
    'dateline_lines': "repeat(E'LONDON, Nov 3 (Reuters) - Shares fell.\\n', :n/39)",
    # the agency sign-off, a table's title line and rows of prices (clean.c,
    # plaintext.c): a million sign-offs, a million ticker rows, one title
    # line of the whole size, alerts each opening the text past furniture
    'signoff_lines': "repeat(E'Reuter\\n', :n/7)",
    'signoff_prose': "repeat(E'Shares fell in London on Monday.\\nREUTER\\n', :n/40)",
    'signoff_dash': "repeat(E'-- Reuters\\n', :n/11)",
    'signoff_last': "repeat('Shares fell in London on Monday. ', :n/33) || E'\\nReuter'",
    'ticker_rows': "repeat(E'Dow Jones 38,104.22 -0.2%\\n', :n/26)",
    'ticker_lead': "repeat(E'Dow Jones 38,104.22 -0.2%\\n', :n/26) || E'\\nShares fell in London on Monday.'",
    'title_rows': "E'COPPER FIRMS IN LONDON\\n' || repeat(E'Copper 8,104.50 +12.5\\n', :n/22)",
    'title_huge': "repeat('COPPER FIRMS IN LONDON ', :n/23) || E'\\nCopper 8,104.50 +12.5\\nTin 30,100 -50\\nNOTE: in dollars a tonne.'",
    'title_note': "E'ARDMORE GAS CO <ARDG> SETS QUARTERLY\\n' || repeat(E'Qtly div 12 cts vs 12 cts\\n', :n/26) || E'NOTE: Nine months ended January 31.\\nReuter'",
    'title_years': "repeat('MAY 2026 COUNCIL VOTE ', :n/22) || E'\\nLab 1,234\\nCon 1,000\\nLab hold. Majority 234.'",
    'alert_furn': "repeat(E'Reuter\\nURGENT: Shares fall in London on Monday\\n', :n/48)",
    'alert_lines': "repeat(E'URGENT: Shares fall in London on Monday\\n', :n/41)",
    # the rules of the twenty-second session (classify.c, clean.c): a
    # million quotations with their attribution and no full stop, each its
    # own paragraph or line; quotations running on into the next paragraph;
    # quotation marks opened and never closed, and one opened just before
    # the 1 MB block cut and closed after it; a million titles in capitals
    # over one row each, one title over a million short rows; titles
    # without a colon over rows; an agency's name under rows in capitals
    'quote_said': "repeat(E'\"a,\" he said\\n\\n', :n/14)",
    'quote_said_lines': "repeat(E'\"a,\" he said\\n', :n/13)",
    'quote_curly': "repeat(E'\\u201ca,\\u201d he said\\n\\n', :n/16)",
    'quote_runon': "repeat(E'He said it was over earlier today,\"\\n\\n', :n/38)",
    'quote_only': "repeat(E'\"We will be back\"\\n\\n', :n/20)",
    'quote_open': "repeat(E'\"We will be back, he said\\n\\n', :n/27)",
    'quote_cut': "repeat(E'Shares fell in London on Monday.\\n', 1048560/33) || E'\"We will ' || repeat('be back ', :n/8) || E'\" he said'",
    # the same, each line told apart by a number or its letters
    # (identical lines are dropped as furniture before any rule reads them)
    'quote_said_n': "(SELECT string_agg(format(E'\"Shares %s fell,\" he said\\n\\n', g), '') FROM generate_series(1, :n/28) g)",
    'quote_open_n': "(SELECT string_agg(format(E'\"We will be back %s, he said\\n\\n', g), '') FROM generate_series(1, :n/30) g)",
    'caps_title_row_n': "(SELECT string_agg(format(E'COPPER %s PRICES\\nCopper 8,104.50 +%s\\n', translate(g::text, '0123456789', 'ABCDEFGHIJ'), g), '') FROM generate_series(1, :n/46) g)",
    'caps_title_rows_n': "E'COPPER PRICES\\n' || (SELECT string_agg(format(E'Cu %s +2\\n', g), '') FROM generate_series(1, :n/13) g)",
    'agency_caps_n': "(SELECT string_agg(format(E'BBC %s NEWS\\nSKY NEWS\\nREUTERS\\n', translate(g::text, '0123456789', 'ABCDEFGHIJ')), '') FROM generate_series(1, :n/31) g)",
    # paragraphs all quotation under one that holds a quotation mark, or
    # under a paragraph of the whole size; a box of teasers under a label
    'quote_follow_n': "(SELECT string_agg(format(E'He said \"it %s\".\\n\\n\"We will be back %s\"\\n\\n', g, g), '') FROM generate_series(1, :n/52) g)",
    'quote_after_long': "E'\"' || repeat('word ', :n/10) || E'\\n\\n' || (SELECT string_agg(format(E'\"Back %s\"\\n\\n', g), '') FROM generate_series(1, :n/20) g)",
    'teaser_box_n': "E'Shares fell in London on Monday.\\n\\nOTHER NEWS\\n' || (SELECT string_agg(format(E'Council %s votes on budget\\n', g), '') FROM generate_series(1, :n/28) g)",
    'caps_title_row': "repeat(E'COPPER PRICES\\nCopper 8,104.50 +12.5\\n', :n/36)",
    'caps_title_rows': "E'COPPER PRICES\\n' || repeat(E'Cu 1 +2\\n', :n/8)",
    'title_nocolon': "repeat(E'QUARTERFINAL LINEUP\\nSpain v Italy\\nFrance v Brazil\\n', :n/50)",
    'title_nocolon_one': "E'Shares fell in London on Monday.\\n\\nThe draw produced the following matches\\n' || repeat(E'Spain v Italy\\n', :n/14) || E'Reuters'",
    'agency_caps': "repeat(E'BBC NEWS\\nSKY NEWS\\nREUTERS\\n', :n/26)",
    'rand_bytes': None,         # built below
}
FUNCS = {
    'clean': "length(newsprint.clean(t))",
    'clean_kh': "length(newsprint.clean(t, true, true))",
    'clean_html': "length(newsprint.clean(t, false, false, 'html'))",
    'clean_text': "length(newsprint.clean(t, false, false, 'text'))",
    'headline': "length(newsprint.headline(t))",
    'paragraphs': "(SELECT count(*) FROM newsprint.paragraphs(t))",
    'sentences': "(SELECT count(*) FROM newsprint.sentences(t))",
    'sentences_raw': "(SELECT count(*) FROM newsprint.sentences(t, false))",
    'fingerprint': "newsprint.shingle_count(newsprint.fingerprint(t))",
    'fingerprint_raw': "newsprint.shingle_count(newsprint.fingerprint(t, false))",
    'entities': "(SELECT count(*) FROM newsprint.entities(t))",
    'mentions_raw': "(SELECT count(*) FROM newsprint.entity_mentions(t, false))",
    'passages': "(SELECT count(*) FROM newsprint.shared_passages(t, t))",
}
shapes = opt.shapes.split(',') if opt.shapes else list(SHAPES)
funcs = opt.functions.split(',') if opt.functions else list(FUNCS)

C = psycopg2.connect(dbname=opt.db)
C.autocommit = True
cur = C.cursor()
cur.execute("SELECT getdatabaseencoding()")
enc = cur.fetchone()[0]
CPU = "SELECT split_part(s, ' ', 14)::bigint + split_part(s, ' ', 15)::bigint FROM pg_read_file('/proc/' || pg_backend_pid() || '/stat') s"
ticks = float(os.sysconf('SC_CLK_TCK'))

rnd = random.Random(opt.seed)
def rand_text(nbytes):
    if enc == 'UTF8':
        # random code points of every plane (no NUL, no surrogates)
        out = []
        size = 0
        while size < nbytes:
            c = rnd.choice([rnd.randint(1, 0x7f), rnd.randint(0x80, 0x7ff), rnd.randint(0x800, 0xd7ff), rnd.randint(0xe000, 0x10ffff)])
            out.append(chr(c))
            size += len(chr(c).encode())
        return "%s::text", ''.join(out)
    b = bytearray(rnd.getrandbits(8) for _ in range(nbytes))
    return "convert_from(%s::bytea, getdatabaseencoding())", psycopg2.Binary(bytes(b).replace(b'\x00', b' '))

cur.execute("DROP TABLE IF EXISTS np_shapes")
cur.execute("CREATE UNLOGGED TABLE np_shapes (s text, mb int, t text)")
cur.execute("ALTER TABLE np_shapes ALTER t SET STORAGE EXTERNAL")
skipped = []
for s in list(shapes):
    for mb in SIZES:
        n = mb * 1048576 if mb > 0 else 65536
        try:
            if s == 'rand_bytes':
                f, a = rand_text(n)
                cur.execute("INSERT INTO np_shapes SELECT %s, %s, " + f, (s, mb, a))
            else:
                cur.execute("INSERT INTO np_shapes SELECT %s, %s, " + SHAPES[s].replace('%', '%%').replace(':n', str(n)), (s, mb))
        except psycopg2.Error as e:
            # a character the database's encoding does not have
            skipped.append('%s (%s)' % (s, e.pgcode))
            shapes.remove(s)
            break
if skipped:
    print('skipped, not representable in %s: %s' % (enc, ', '.join(skipped)))

bad = []
print('encoding %s, sizes %s MB (0: 64 kB)%s' % (enc, SIZES, ', statement_timeout ' + opt.timeout if opt.timeout else ''), flush=True)
for s in shapes:
    for f in funcs:
        row = []
        cpus = []
        for mb in SIZES:
            cur.execute(CPU)
            c0 = cur.fetchone()[0]
            if opt.timeout:
                cur.execute("SET statement_timeout = %s", (opt.timeout,))
            t0 = time.time()
            try:
                cur.execute("SELECT " + FUNCS[f] + " FROM np_shapes WHERE s = %s AND mb = %s", (s, mb))
                r = cur.fetchone()[0]
                st = 'ok'
            except psycopg2.Error as e:
                r = None
                st = e.pgcode or 'NOCODE'
                if C.closed or e.pgcode is None:
                    bad.append((s, f, mb, 'CONNECTION LOST: ' + str(e)[:200]))
                    print('!!! CONNECTION LOST', s, f, mb, str(e)[:200], flush=True)
                    time.sleep(3)
                    C = psycopg2.connect(dbname=opt.db)
                    C.autocommit = True
                    cur = C.cursor()
                    continue
                if st.startswith('XX'):
                    bad.append((s, f, mb, st + ' ' + str(e).splitlines()[0]))
            dt = time.time() - t0
            # a timeout may land just after the statement: retry the reset
            for _ in range(3):
                try:
                    cur.execute("RESET statement_timeout")
                    break
                except psycopg2.Error:
                    pass
            cur.execute(CPU)
            cpu = (cur.fetchone()[0] - c0) / ticks
            cpus.append((mb, cpu))
            row.append('%3d MB %7.3f s %6.2f cpu %-5s %s' % (mb, dt, cpu, st, r))
            if opt.timeout:
                lim = float(opt.timeout.rstrip('ms')) / (1000.0 if opt.timeout.endswith('ms') else 1.0)
                if dt > lim + 0.25:
                    bad.append((s, f, mb, 'stopped %.3f s after the timeout' % (dt - lim)))
        # from the smallest size with 0.1 s of CPU or more (the clock ticks
        # are 10 ms, and a loaded machine moves small figures) to the
        # largest; and, whatever the smaller sizes took, no more than
        # 1.5 s of CPU a MB at the largest (the slowest linear cases take
        # under 0.7)
        base = [x for x in cpus[:-1] if x[1] >= 0.1]
        if cpus:
            (m1, c1) = cpus[-1]
            if base:
                (m0, c0_) = base[0]
                r0 = max(m0, 1.0 / 16)
                if c1 > 0.3 and c1 / c0_ > 2.5 * (m1 / r0):
                    bad.append((s, f, m1, 'nonlinear: %.2f s CPU at %d MB, %.2f s at %s' % (c1, m1, c0_, m0)))
            if m1 >= 1 and c1 / m1 > 1.5:
                bad.append((s, f, m1, 'slow: %.2f s CPU at %d MB' % (c1, m1)))
        print('%-16s %-16s %s' % (s, f, ' | '.join(row)), flush=True)
cur.execute("DROP TABLE np_shapes")
print('=== FAILURES', len(bad))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
