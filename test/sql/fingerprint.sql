--
-- fingerprint.sql
--	  The fingerprint type: construction, literals, binary I/O, estimators,
--	  operators, thresholds and bad input.
--
SET search_path = newsprint, public;
SET extra_float_digits = 0;

-- construction; an unknown-typed literal is read as a fingerprint literal,
-- so a text literal needs ::text
-- (most tests pass clean => false so that they do not depend on the cleaner)
-- This file checks format version 1, which stays as it was in 0.1 (hence
-- fingerprint(body, false, 160, 1)); fingerprint_v2.sql checks version 2,
-- the default, but for the last check here: version 2's predicates, which
-- stop counting early too, against a reference computed in SQL.
SELECT fingerprint('The quick brown fox jumps over the lazy dog.'::text, false, 160, 1);
SELECT sample_size(fingerprint('The quick brown fox jumps over the lazy dog.'::text)) > 0 AS cleaned_ok;
SELECT fingerprint('the QUICK brown fox, jumps over the lazy dog!'::text, false, 160, 1)
     = fingerprint('The quick brown fox jumps over the lazy dog.'::text, false, 160, 1) AS normalised_alike;
SELECT fingerprint('The quick brown fox jumps over the lazy dog.');  -- error: literal
SELECT 'v1:w3:k4:n2:0000000a0000000b'::fingerprint = 'v1:w3:k4:n2:0000000a0000000b' AS eq,
       'v1:w3:k4:n2:0000000a0000000b'::fingerprint <> 'v1:w3:k5:n2:0000000a0000000b' AS ne;
SELECT shingle_count(f), sample_size(f)
  FROM (SELECT fingerprint('one two three four five'::text, false, 160, 1) AS f) s;
-- fewer words than a shingle: one shingle of all words; nothing: none
SELECT fingerprint('Hello'::text, false, 160, 1), fingerprint('Hello world'::text, false, 160, 1);
SELECT fingerprint(''::text), fingerprint(''::text, false, 160, 1), fingerprint('  ... --- !!! '::text, false, 160, 1);
SELECT fingerprint(NULL::text), fingerprint('x'::text, NULL);

-- normalisation: case, accents, apostrophes (straight and curly), quotes,
-- dashes, thousands separators
SELECT similarity(fingerprint($$Russia's "burning subjects" cost 1,000 roubles in São Paulo$$::text, false, 160, 1),
                  fingerprint($$RUSSIA’S ‘burning subjects’ — cost 1000 roubles in sao paulo$$::text, false, 160, 1));
-- but different numbers, and words split differently, stay different
SELECT similarity(fingerprint('cost 1,000 roubles in Paulo'::text, false, 160, 1),
                  fingerprint('cost 1,001 roubles in Paulo'::text, false, 160, 1)),
       similarity(fingerprint('Russias burning subjects'::text, false, 160, 1),
                  fingerprint('Russia s burning subjects'::text, false, 160, 1));
-- a hyphen split across a line break still joins the same words
SELECT similarity(fingerprint('the Asia-Pacific region and beyond'::text, false, 160, 1),
                  fingerprint(E'the Asia-\n\nPacific region and beyond'::text, false, 160, 1));
-- Cyrillic and Greek fold case too
SELECT fingerprint('МОСКВА И ПЕКИН ΑΘΗΝΑ'::text, false, 160, 1) = fingerprint('москва и пекин αθηνα'::text, false, 160, 1) AS folded;

-- sketch size
SELECT sample_size(fingerprint(string_agg('w' || i, ' '), false, 10)),
       shingle_count(fingerprint(string_agg('w' || i, ' '), false, 10))
  FROM generate_series(1, 100) i;
SELECT fingerprint('a b c'::text, false, 0);      -- error
SELECT fingerprint('a b c'::text, false, 65536);  -- error

-- huge input: 1.6 million words
SELECT shingle_count(fingerprint(repeat('lorem ipsum dolor sit amet ', 320000), false, 160, 1)),
       sample_size(fingerprint(repeat('lorem ipsum dolor sit amet ', 320000), false, 160, 1));
SELECT shingle_count(f), sample_size(f), octet_length(f::text)
  FROM (SELECT fingerprint(string_agg(md5(i::text), ' '), false, 160, 1) AS f
          FROM generate_series(1, 200000) i) s;

-- invalid UTF-8 never reaches the function: the server rejects it first
SELECT fingerprint(convert_from('\xc328'::bytea, 'UTF8'));

-- literals round-trip
SELECT 'v1:w3:k4:n2:0000000a0000000b'::fingerprint;
SELECT ' v1:w3:k4:n0: '::fingerprint;
SELECT 'v1:w3:k2:n9:00000001FFFFFFFF'::fingerprint;
SELECT f::text::fingerprint = f AS roundtrip, f::text = f::text::fingerprint::text AS same_text
  FROM (SELECT fingerprint(repeat('alpha beta gamma delta ', 50) || string_agg('w' || i, ' '), false, 160, 1) AS f
          FROM generate_series(1, 500) i) s;

-- malformed literals
SELECT ''::fingerprint;
SELECT 'v1:w3:k4:n2'::fingerprint;                          -- no hash field
SELECT 'v3:w3:k4:n2:0000000a0000000b'::fingerprint;         -- version
SELECT 'v1:w0:k4:n2:0000000a0000000b'::fingerprint;         -- words
SELECT 'v1:w17:k4:n2:0000000a0000000b'::fingerprint;        -- words
SELECT 'v1:w3:k0:n0:'::fingerprint;                         -- size
SELECT 'v1:w3:k65536:n0:'::fingerprint;                     -- size
SELECT 'v1:w3:k4:n2:0000000b0000000a'::fingerprint;         -- unsorted
SELECT 'v1:w3:k4:n2:0000000a0000000a'::fingerprint;         -- duplicate
SELECT 'v1:w3:k4:n3:0000000a0000000b'::fingerprint;         -- count mismatch
SELECT 'v1:w3:k1:n3:0000000a0000000b'::fingerprint;         -- more than k
SELECT 'v1:w3:k4:n2:0000000a000000'::fingerprint;           -- truncated hash
SELECT 'v1:w3:k4:n2:0000000a0000000g'::fingerprint;         -- bad hex
SELECT 'v1:w3:k4:n2:0000000a0000000b:'::fingerprint;        -- trailing garbage
SELECT 'v1:w3:k4:n2:0000000a 0000000b'::fingerprint;        -- inner space
SELECT 'v1:w3:k4:n-2:0000000a0000000b'::fingerprint;        -- sign
SELECT 'v1:w3:k4:n99999999999:'::fingerprint;               -- too many digits
SELECT 'v1:w3:k4:n4294967296:'::fingerprint;                -- out of range
SELECT 'w3:v1:k4:n2:0000000a0000000b'::fingerprint;         -- order of fields
SELECT 'V1:W3:K4:N2:0000000a0000000b'::fingerprint;         -- tags are lower case

-- binary send/receive round-trips through COPY BINARY
CREATE TEMP TABLE fp_bin (id int, f fingerprint);
INSERT INTO fp_bin
  SELECT 1, fingerprint('The ministry added that the two men would discuss a wide range of questions'::text, false, 160, 1)
  UNION ALL SELECT 2, ' v1:w3:k4:n0:'::fingerprint
  UNION ALL SELECT 3, fingerprint(string_agg('w' || i, ' '), false, 160, 1) FROM generate_series(1, 400) i;
SELECT encode(fingerprint_send('v1:w3:k4:n2:0000000a0000000b'), 'hex');
-- (files live in the server's data directory, private to this cluster)
COPY fp_bin TO PROGRAM 'cat > newsprint_fp_regress.bin' (FORMAT binary);
CREATE TEMP TABLE fp_bin2 (LIKE fp_bin);
COPY fp_bin2 FROM PROGRAM 'cat newsprint_fp_regress.bin' (FORMAT binary);
SELECT a.id, a.f::text = b.f::text AS same FROM fp_bin a JOIN fp_bin2 b USING (id) ORDER BY id;
-- binary messages: cut short, unsorted sample, count mismatch, version 3
CREATE TEMP TABLE fp_raw (b bytea);
INSERT INTO fp_raw SELECT pg_read_binary_file('newsprint_fp_regress.bin');
-- file header (19 bytes), tuple: field count (2), id length and value
-- (4 + 4), then the fingerprint's length (4) and value; the first message
-- keeps 14 bytes of the first value
COPY (SELECT translate(encode(substr(b, 1, 19 + 10) || '\x0000000e'::bytea
        || substr(b, 19 + 10 + 4 + 1, 14) || '\xffff'::bytea, 'base64'), E'\n', '')
      FROM fp_raw) TO PROGRAM 'base64 -d > newsprint_fp_regress_cut.bin';
COPY fp_bin2 FROM PROGRAM 'cat newsprint_fp_regress_cut.bin' (FORMAT binary);
COPY (SELECT translate(encode(substr(b, 1, 19 + 10) || '\x00000014'::bytea
        || '\x0103000400000002000000020000000200000001ffff'::bytea, 'base64'), E'\n', '')
      FROM fp_raw) TO PROGRAM 'base64 -d > newsprint_fp_regress_cut.bin';
COPY fp_bin2 FROM PROGRAM 'cat newsprint_fp_regress_cut.bin' (FORMAT binary);
COPY (SELECT translate(encode(substr(b, 1, 19 + 10) || '\x00000014'::bytea
        || '\x0103000400000002000000030000000100000002ffff'::bytea, 'base64'), E'\n', '')
      FROM fp_raw) TO PROGRAM 'base64 -d > newsprint_fp_regress_cut.bin';
COPY fp_bin2 FROM PROGRAM 'cat newsprint_fp_regress_cut.bin' (FORMAT binary);
COPY (SELECT translate(encode(substr(b, 1, 19 + 10) || '\x00000014'::bytea
        || '\x0303000400000002000000020000000100000002ffff'::bytea, 'base64'), E'\n', '')
      FROM fp_raw) TO PROGRAM 'base64 -d > newsprint_fp_regress_cut.bin';
COPY fp_bin2 FROM PROGRAM 'cat newsprint_fp_regress_cut.bin' (FORMAT binary);
-- shorter than the 12-byte header (11, 1 and 0 bytes): 22P03, as every
-- malformed message, not a protocol violation
COPY (SELECT translate(encode(substr(b, 1, 19 + 10) || '\x0000000b'::bytea
        || '\x0103000400000002000000ffff'::bytea, 'base64'), E'\n', '')
      FROM fp_raw) TO PROGRAM 'base64 -d > newsprint_fp_regress_cut.bin';
COPY fp_bin2 FROM PROGRAM 'cat newsprint_fp_regress_cut.bin' (FORMAT binary);
\set VERBOSITY sqlstate
COPY fp_bin2 FROM PROGRAM 'cat newsprint_fp_regress_cut.bin' (FORMAT binary);
COPY (SELECT translate(encode(substr(b, 1, 19 + 10) || '\x0000000101ffff'::bytea,
        'base64'), E'\n', '')
      FROM fp_raw) TO PROGRAM 'base64 -d > newsprint_fp_regress_cut.bin';
COPY fp_bin2 FROM PROGRAM 'cat newsprint_fp_regress_cut.bin' (FORMAT binary);
COPY (SELECT translate(encode(substr(b, 1, 19 + 10) || '\x00000000ffff'::bytea,
        'base64'), E'\n', '')
      FROM fp_raw) TO PROGRAM 'base64 -d > newsprint_fp_regress_cut.bin';
COPY fp_bin2 FROM PROGRAM 'cat newsprint_fp_regress_cut.bin' (FORMAT binary);
\set VERBOSITY default
-- and a well-formed one, to show the framing above is right
COPY (SELECT translate(encode(substr(b, 1, 19 + 10) || '\x00000014'::bytea
        || '\x0103000400000002000000020000000100000002ffff'::bytea, 'base64'), E'\n', '')
      FROM fp_raw) TO PROGRAM 'base64 -d > newsprint_fp_regress_cut.bin';
COPY fp_bin2 FROM PROGRAM 'cat newsprint_fp_regress_cut.bin' (FORMAT binary);
SELECT id, f FROM fp_bin2 WHERE id = 1 ORDER BY f::text;
COPY (SELECT 1) TO PROGRAM 'rm -f newsprint_fp_regress.bin newsprint_fp_regress_cut.bin';

-- estimators on hand-made samples: untruncated samples compare exactly
SELECT similarity('v1:w3:k8:n4:00000001000000020000000300000004',
                  'v1:w3:k8:n4:00000003000000040000000500000006') AS sim,
       containment('v1:w3:k8:n4:00000001000000020000000300000004',
                   'v1:w3:k8:n2:0000000300000004') AS cont_ab,
       containment('v1:w3:k8:n2:0000000300000004',
                   'v1:w3:k8:n4:00000001000000020000000300000004') AS cont_ba;
-- a truncated sample: only hashes up to the common threshold (4) count,
-- so 5 and 6 of the untruncated side are ignored
SELECT similarity('v1:w3:k2:n10:0000000200000004',
                  'v1:w3:k8:n4:00000001000000040000000500000006') AS sim,
       containment('v1:w3:k8:n4:00000001000000040000000500000006',
                   'v1:w3:k2:n10:0000000200000004') AS cont;
-- different sketch sizes are fine, different shingle lengths are not
SELECT similarity('v1:w3:k2:n2:0000000100000002', 'v1:w3:k4:n2:0000000100000002');
SELECT similarity('v1:w3:k4:n2:0000000100000002', 'v1:w2:k4:n2:0000000100000002');
SELECT 'v1:w3:k4:n2:0000000100000002'::fingerprint % 'v1:w4:k4:n2:0000000100000002';
-- empty fingerprints: every estimate is 0 and every predicate false
SELECT similarity(e, e), containment(e, e), e % e, e <% e, same_story(e, e), e <-> e
  FROM (SELECT fingerprint(''::text, false, 160, 1) AS e) s;
-- no shared hash: every predicate is false even at the lowest threshold
SELECT is_similar(a, b, 0.01), is_contained(a, b, 0.01), same_story(a, b, 0.01)
  FROM (SELECT 'v1:w3:k4:n2:0000000100000002'::fingerprint AS a,
               'v1:w3:k4:n2:0000000300000004'::fingerprint AS b) s;

-- operators agree with the functions and GUCs
CREATE TEMP TABLE fp_ops (name text, f fingerprint);
INSERT INTO fp_ops VALUES
  ('full', fingerprint('Western nations regularly urge Beijing to play a greater role in restoring peace in Ukraine by using its influence over the Kremlin.'::text, false, 160, 1)),
  ('half', fingerprint('Western nations regularly urge Beijing to play a greater role in restoring peace.'::text, false, 160, 1)),
  ('other', fingerprint('China sees itself as a neutral party in the Ukraine conflict, but it has become Russia''s leading trade partner.'::text, false, 160, 1));
SELECT a.name, b.name,
       round(similarity(a.f, b.f)::numeric, 3) AS sim,
       round(containment(a.f, b.f)::numeric, 3) AS cont,
       a.f % b.f AS sim_op, a.f <% b.f AS contained, a.f %> b.f AS contains,
       round((a.f <-> b.f)::numeric, 3) AS dist,
       round((a.f <<-> b.f)::numeric, 3) AS cdist,
       round((a.f <->> b.f)::numeric, 3) AS cdist_comm,
       same_story(a.f, b.f) AS story
  FROM fp_ops a, fp_ops b ORDER BY 1, 2;
SELECT count(*) AS mismatches FROM fp_ops a, fp_ops b
 WHERE (a.f <% b.f) <> (b.f %> a.f)
    OR (a.f <<-> b.f) <> (b.f <->> a.f)
    OR (a.f % b.f) <> (b.f % a.f)
    OR (a.f <-> b.f) <> 1 - similarity(a.f, b.f)
    OR same_story(a.f, b.f) <> same_story(b.f, a.f);
-- full in half: containment 0.55, similarity 0.55
SET newsprint.containment_threshold = 0.9;
SELECT a.f <% b.f AS contained, b.f %> a.f AS contains FROM fp_ops a, fp_ops b
 WHERE a.name = 'full' AND b.name = 'half';
SET newsprint.containment_threshold = 0.3;
SELECT a.f <% b.f AS contained, b.f %> a.f AS contains FROM fp_ops a, fp_ops b
 WHERE a.name = 'full' AND b.name = 'half';
RESET newsprint.containment_threshold;
SET newsprint.similarity_threshold = 0.6;
SELECT a.f % b.f AS similar FROM fp_ops a, fp_ops b
 WHERE a.name = 'full' AND b.name = 'half';
RESET newsprint.similarity_threshold;
-- same_story: 2 of the smaller sample's 4 hashes are shared
SET newsprint.same_story_threshold = 0.4;
SELECT same_story('v1:w3:k8:n4:00000001000000020000000300000004',
                  'v1:w3:k8:n5:0000000300000004000000050000000600000007');
RESET newsprint.same_story_threshold;
SELECT same_story('v1:w3:k8:n4:00000001000000020000000300000004',
                  'v1:w3:k8:n5:0000000300000004000000050000000600000007'),
       same_story('v1:w3:k8:n4:00000001000000020000000300000004',
                  'v1:w3:k8:n5:0000000300000004000000050000000600000007', 0.5),
       same_story('v1:w3:k8:n4:00000001000000020000000300000004',
                  'v1:w3:k8:n5:0000000300000004000000050000000600000007', 0.51);
-- is_same_story is the name, same_story its other name: the same answers
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE is_same_story(a.f, b.f) IS DISTINCT FROM same_story(a.f, b.f)
                           OR is_same_story(a.f, b.f, 0.3) IS DISTINCT FROM same_story(a.f, b.f, 0.3))
         AS mismatches,
       count(*) FILTER (WHERE is_same_story(a.f, b.f)) AS same
FROM fp_ops a, fp_ops b;
SHOW newsprint.similarity_threshold;
SHOW newsprint.containment_threshold;
SHOW newsprint.same_story_threshold;

-- bad thresholds
SET newsprint.similarity_threshold = 0;
SET newsprint.containment_threshold = 1.5;
SET newsprint.same_story_threshold = -0.5;
SET newsprint.same_story_threshold = 0;
SELECT is_similar(f, f, 0) FROM fp_ops LIMIT 1;
SELECT is_contained(f, f, 1.01) FROM fp_ops LIMIT 1;
-- the value is shown exactly, not rounded to 1
SELECT is_same_story(f, f, 1.0000001) FROM fp_ops LIMIT 1;
SELECT is_similar(f, f, '-Infinity') FROM fp_ops LIMIT 1;
SELECT same_story(f, f, 'NaN') FROM fp_ops LIMIT 1;
SELECT is_similar(f, f, NULL) FROM fp_ops LIMIT 1;
SELECT is_similar(f, f, 1.0), is_contained(f, f, 1.0), same_story(f, f, 1.0) FROM fp_ops ORDER BY name;

-- shared_passages
SELECT * FROM shared_passages(
  'Lavrov arrived in Beijing on Monday. He will meet Wang Yi. The weather was fine.',
  'The talks are expected to be long. Lavrov arrived in Beijing on Monday morning. He will meet his counterpart Wang Yi.',
  false);
SELECT * FROM shared_passages('', 'Lavrov arrived in Beijing on Monday.');
SELECT * FROM shared_passages('Lavrov arrived in Beijing on Monday.', 'Lavrov arrived in Beijing on Monday.', false, 1.0);
SELECT * FROM shared_passages('a b c', 'a b c', true, 0);  -- error
SELECT count(*) FROM shared_passages(NULL, 'x');

-- format version 1 is frozen: these literals must never change (a change of
-- tokenizer, folding or hashing needs a new format version).  Latin-1
-- accents, Latin Extended-A, Greek, Cyrillic, Arabic-Indic digits,
-- fullwidth letters, apostrophes, numbers with separators, NFD marks.
SELECT fingerprint(E'Caf\u00e9 \u00c6ther \u00df \u00de \u0141\u00f3d\u017a \u0130stanbul \u0178 '
                   '\u0391\u03b8\u03ae\u03bd\u03b1 \u03c2 \u041c\u043e\u0441\u043a\u0432\u0430 \u0401\u0436 '
                   '\u0661\u0662\u0663 \u06f4 \uff21\uff42\uff43 Russia\u2019s Russia''s O\u02bcNeil '
                   '1,000.5 3.5 e\u0301t\u00e9 \u00e9t\u00e9 na\u00efve \u5317\u4eac \U0001F600 end'::text, false, 160, 1);

-- The predicates stop counting shared hashes once the rest of the samples
-- cannot make up the fewest the pair needs (NpFpSharedAtLeast): their
-- answers must be those of the estimators, which count every hash.  Pieces
-- of one long word sequence, of 3 to 900 words at various offsets, share
-- runs of shingles of every length; some samples are truncated (sketch
-- size 160).  Version 1 (no minimum evidence, no brief rule): containment
-- and same_story are the estimators at the threshold; similarity likewise
-- in version 2 too.
CREATE TEMP TABLE fp_early AS
SELECT i, fingerprint(body, false, 160, 1) AS f1, fingerprint(body) AS f2
  FROM (SELECT i, (SELECT string_agg('w' || j, ' ')
                     FROM generate_series(1 + (i * 37) % 500, (i * 37) % 500 + 3 + (i * i * 13) % 900) j) AS body
          FROM generate_series(1, 60) i) s;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE is_similar(a.f1, b.f1, t) <> (similarity(a.f1, b.f1) >= t)) AS sim_v1_wrong,
       count(*) FILTER (WHERE is_similar(a.f2, b.f2, t) <> (similarity(a.f2, b.f2) >= t)) AS sim_v2_wrong,
       count(*) FILTER (WHERE is_contained(a.f1, b.f1, t) <> (containment(a.f1, b.f1) >= t)) AS contained_wrong,
       count(*) FILTER (WHERE same_story(a.f1, b.f1, t) <>
                              (containment(a.f1, b.f1) >= t OR containment(b.f1, a.f1) >= t)) AS same_story_wrong,
       count(*) FILTER (WHERE is_similar(a.f1, b.f1, t)) AS sim_true,
       count(*) FILTER (WHERE is_contained(a.f1, b.f1, t)) AS contained_true,
       count(*) FILTER (WHERE same_story(a.f1, b.f1, t)) AS same_story_true
  FROM fp_early a, fp_early b,
       unnest(ARRAY[0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.6, 0.7, 0.75, 0.9, 0.99, 1.0]::float8[]) t;

-- Version 2 fingerprints: the predicates against a reference computed here
-- from what SQL sees.  The hashes are read from the text form (the fourth
-- field: 8 hex digits each; the lowest bit of a version 2 hash is its name
-- bit), the sample cut at the pair's common threshold as fingerprint.h
-- says, so every term of the version 2 rule is computed in SQL: |A'|,
-- |B'|, I = |A' n B'|, the named hashes An, Bn, In, the brief test on
-- shingle_count() < 40, the minimum evidence 5, full evidence (I >= 12 or
-- a share of 0.7), the brief threshold max(t, 0.7) and the names in a
-- brief (doc/fingerprint.md).  The shares are the estimators' (checked
-- against I / |A'| below).  Texts: the stories of test/data/fingerprint
-- (cluster a: four stories about one day under six edits each, sharing
-- paragraphs), the wire briefs and stories of wire_duplicates.tsv (items
-- 1, 2, 3 and 5: re-sent, corrected, URGENT, appended and cut copies), the
-- first one to three sentences of stories (briefs), the same with other
-- names or figures, four formula briefs (two companies), and stories with
-- another story's paragraph appended; a sixth of them fingerprinted again
-- with 40 hashes, so that samples are truncated and sketch sizes differ.
-- All 179 x 179 ordered pairs (a text with itself too) are compared.
-- Nothing of the rule is left out: the names rule is computed from the
-- name bits, and a lead quoted from the places, not avoided.
CREATE TEMP TABLE v2_docs (id int, story text, cluster text, kind text, body text);
\copy v2_docs FROM 'test/data/fingerprint/eval_docs.tsv'
CREATE TEMP TABLE v2_wire (id int, item int, kind text, label text, body text);
\copy v2_wire FROM 'test/data/fingerprint/wire_duplicates.tsv'
CREATE TEMP TABLE v2_text (id serial, src text, body text, k int);
INSERT INTO v2_text (src, body, k)
  SELECT 'story', body, 256 FROM v2_docs
   WHERE cluster = 'a' AND kind NOT IN ('boiler', 'wrap') ORDER BY id;
INSERT INTO v2_text (src, body, k)
  SELECT 'wire', body, 256 FROM v2_wire WHERE item IN (1, 2, 3, 5) ORDER BY id;
-- the first sentence, the first two and three of each story (briefs),
-- and the same with other names (capitalised words inside a sentence
-- changed) or other figures: the same formula, names that disagree
INSERT INTO v2_text (src, body, k)
  SELECT 'brief', body, 256
    FROM (SELECT d.id, n, (SELECT string_agg(s.text, ' ' ORDER BY s.ordinal)
                             FROM sentences(d.body) s
                            WHERE s.ordinal BETWEEN 2 AND 1 + n) AS body
            FROM v2_docs d, generate_series(1, 3) n
           WHERE d.kind = 'orig' AND d.cluster IN ('a', 'b')) s
   WHERE body IS NOT NULL ORDER BY id, n;
INSERT INTO v2_text (src, body, k)
  SELECT 'brief_names', regexp_replace(body, '([a-z,] )[A-Z]([a-z]+)', '\1Q\2', 'g'), 256
    FROM v2_text WHERE src = 'brief' ORDER BY id;
INSERT INTO v2_text (src, body, k)
  SELECT 'brief_figures', translate(body, '0123456789', '5678901234'), 256
    FROM v2_text WHERE src = 'brief' AND body ~ '[0-9]' ORDER BY id;
INSERT INTO v2_text (src, body, k) VALUES
 ('formula', 'Northgate Holdings said its board declared a regular quarterly dividend of 39 cents per share, payable on March 15 to holders of record on March 1, and raised its buyback authorisation by a further 40 million shares.', 256),
 ('formula', 'Westbrook Industries said its board declared a regular quarterly dividend of 27 cents per share, payable on April 2 to holders of record on March 20, and raised its buyback authorisation by a further 15 million shares.', 256),
 ('formula', 'Northgate Holdings said its board declared a regular quarterly dividend of 39 cents per share, payable on March 16 to holders of record on March 1, and raised its buyback authorisation by a further 40 million shares.', 256),
 ('formula', 'LONDON, March 2 (Reuters) - Northgate Holdings said its board declared a regular quarterly dividend of 39 cents per share, payable on March 15 to holders of record on March 1, and raised its buyback authorisation by a further 40 million shares.', 256);
-- a story with the third paragraph of another appended
INSERT INTO v2_text (src, body, k)
  SELECT 'shared', a.body || E'\n\n' || (SELECT p.text FROM paragraphs(b.body) p WHERE p.ordinal = 3), 256
    FROM v2_docs a JOIN v2_docs b ON b.cluster = a.cluster AND b.id <> a.id
   WHERE a.kind = 'orig' AND b.kind = 'orig' AND a.cluster = 'a'
   ORDER BY a.id, b.id;
-- truncated samples
INSERT INTO v2_text (src, body, k)
  SELECT src || '_k40', body, 40 FROM v2_text WHERE id % 6 = 0 ORDER BY id;
-- prefixes of the briefs holding 0.66-0.74 of a brief's evidence: pairs
-- at the brief threshold 0.7 and at full evidence (12 shared or 0.7)
INSERT INTO v2_text (src, body, k)
  SELECT 'prefix', p, 256
    FROM v2_text b,
         LATERAL (SELECT regexp_split_to_array(b.body, '\s+') AS w) x,
         generate_series(cardinality(w) / 2, cardinality(w) - 1) n,
         LATERAL (SELECT array_to_string(w[1:n], ' ') AS p) y
   WHERE b.src = 'brief' AND shingle_count(fingerprint(b.body)) < 40
     AND containment(fingerprint(b.body), fingerprint(p)) >= 0.66
     AND containment(fingerprint(b.body), fingerprint(p)) < 0.74
   ORDER BY b.id, n;
CREATE TEMP TABLE v2_fp AS
  SELECT id, src, fingerprint(body, true, k) AS f FROM v2_text;
CREATE TEMP TABLE v2_hash AS
  SELECT id, ('x' || lpad(substr(hx, 8 * i + 1, 8), 16, '0'))::bit(64)::bigint AS h
    FROM v2_fp, split_part(f::text, ':', 5) hx, generate_series(0, length(hx) / 8 - 1) i;
-- limit(x): the largest kept hash of a truncated sample, else infinity;
-- a pair's samples are cut at the lower limit of the two (tau)
CREATE TEMP TABLE v2_side AS
  SELECT f.id, f.f, shingle_count(f.f) < 40 AS brief, s.hs, s.named, s.subj,
         split_part(f.f::text, ':', 6) AS nm,
         CASE WHEN shingle_count(f.f) > cardinality(s.hs) THEN s.hs[cardinality(s.hs)]
              ELSE 4294967296 END AS lim
    FROM v2_fp f,
         LATERAL (SELECT coalesce(array_agg(h ORDER BY h), '{}') AS hs,
                         coalesce(array_agg(h ORDER BY h) FILTER (WHERE h % 2 = 1 AND h >= 1048576), '{}') AS named,
                         coalesce(array_agg(h) FILTER (WHERE h < 1048576), '{}') AS subj
                    FROM v2_hash h WHERE h.id = f.id) s;
-- is subject hash h among the names (":m" and 32 hex digits, '' for none)?
-- its two bits are (h >> 1) % 128 and (h >> 8) % 128, each in the 32-bit
-- word of that bit / 32, and both must be set
CREATE FUNCTION pg_temp.v2_named_bit(nm text, b bigint) RETURNS bool LANGUAGE sql IMMUTABLE AS
  $$ SELECT ((('x' || lpad(substr(nm, 2 + 8 * (b / 32)::int, 8), 16, '0'))::bit(64)::bigint
             >> (b % 32)::int) & 1) = 1 $$;
CREATE FUNCTION pg_temp.v2_named(nm text, h bigint) RETURNS bool LANGUAGE sql IMMUTABLE AS
  $$ SELECT nm <> '' AND pg_temp.v2_named_bit(nm, (h >> 1) % 128)
            AND pg_temp.v2_named_bit(nm, (h >> 8) % 128) $$;
-- |A'|, |B'|, |An|, |Bn| (width_bucket counts the members <= tau of a
-- sorted array), I and In
CREATE FUNCTION pg_temp.v2_upto(tau bigint, hs bigint[]) RETURNS int LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN cardinality(hs) = 0 THEN 0 ELSE width_bucket(tau, hs) END $$;
CREATE TEMP TABLE v2_ov AS
  SELECT a.id AS a, b.id AS b, a.f AS fa, b.f AS fb,
         a.brief OR b.brief AS brief, a.brief AS a_brief, b.brief AS b_brief,
         pg_temp.v2_upto(least(a.lim, b.lim), a.hs) AS ca,
         pg_temp.v2_upto(least(a.lim, b.lim), b.hs) AS cb,
         pg_temp.v2_upto(least(a.lim, b.lim), a.named) AS an,
         pg_temp.v2_upto(least(a.lim, b.lim), b.named) AS bn,
         coalesce(s.i, 0) AS i, coalesce(s.i_named, 0) AS i_named,
         cardinality(a.subj) > 0 AND cardinality(b.subj) > 0 AND NOT (a.subj && b.subj)
           AND greatest(shingle_count(a.f), shingle_count(b.f)) <= 3 * least(shingle_count(a.f), shingle_count(b.f)) AS subj_differ,
         cardinality(ARRAY(SELECT unnest(a.subj) INTERSECT SELECT unnest(b.subj))) AS subj_shared,
         cardinality(a.subj) > 0 AND cardinality(b.subj) > 0 AND NOT (a.subj && b.subj)
           AND a.nm <> '' AND b.nm <> ''
           AND NOT EXISTS (SELECT FROM unnest(a.subj) h WHERE pg_temp.v2_named(b.nm, h))
           AND NOT EXISTS (SELECT FROM unnest(b.subj) h WHERE pg_temp.v2_named(a.nm, h)) AS names_apart
    FROM v2_side a CROSS JOIN v2_side b LEFT JOIN
         (SELECT x.id AS a, y.id AS b, count(*) AS i, count(*) FILTER (WHERE x.h % 2 = 1 AND x.h >= 1048576) AS i_named
            FROM v2_hash x JOIN v2_hash y ON y.h = x.h
                 JOIN v2_side sa ON sa.id = x.id JOIN v2_side sb ON sb.id = y.id
           WHERE x.h <= least(sa.lim, sb.lim)
           GROUP BY x.id, y.id) s ON s.a = a.id AND s.b = b.id;
-- one direction (the side of size compared hashes, share of it shared) and
-- the names rule, with the subjects (hashes under 2^20, the first of a
-- sample): a pair with a brief whose sides both hold some and share none
-- is turned down when neither side has over 3 times the other's
-- evidence, the 5 shared hashes of the minimum evidence (ie) count no
-- subject hash, and neither do the named hashes (an, bn, i_named)
CREATE FUNCTION pg_temp.v2_dir(i bigint, ie bigint, size bigint, share float8, t float8, brief bool)
RETURNS bool LANGUAGE sql IMMUTABLE AS $$
  SELECT size > 0 AND ie >= 5 AND (i >= 12 OR share >= 0.7)
         AND share >= CASE WHEN brief THEN greatest(t, 0.7) ELSE t END $$;
-- and, any other pair, each side of which shares 0.3 of its compared
-- hashes, whose subjects differ and neither of which is among the other's
-- names, is turned down too (the names a text holds)
CREATE FUNCTION pg_temp.v2_names_part(o v2_ov) RETURNS bool LANGUAGE sql IMMUTABLE AS $$
  SELECT NOT (o.brief AND o.subj_differ) AND o.names_apart
         AND o.i >= 0.3::float8 * o.ca AND o.i >= 0.3::float8 * o.cb $$;
CREATE FUNCTION pg_temp.v2_names(o v2_ov) RETURNS bool LANGUAGE sql IMMUTABLE AS $$
  SELECT NOT pg_temp.v2_names_part(o) AND (NOT o.brief
      OR (NOT o.subj_differ
          AND ((o.an = 0 AND o.bn = 0)
               OR (least(o.an, o.bn) = 0 AND NOT (CASE WHEN o.an > 0 THEN o.a_brief ELSE o.b_brief END))
               OR (least(o.an, o.bn) >= 1 AND o.i_named >= 1 AND o.i_named >= 0.25 * least(o.an, o.bn))))) $$;
-- a lead quoted: where each compared hash stands (":p", 8 hex digits for
-- every 10 hashes, hash j at bit 3 (j % 10) of word j / 10: 0 for the
-- lead, 1-7 for later paragraphs), and a pair sharing under half of each
-- side whose shared hashes (the subjects aside) lie, 7/8 of them, in the
-- lead of a side that has hashes after its lead and in one place of the
-- other, which has hashes in 3 places or more, is turned down
CREATE TEMP TABLE v2_at AS
  SELECT id, ('x' || lpad(substr(hx, 8 * i + 1, 8), 16, '0'))::bit(64)::bigint AS h,
         ((('x' || lpad(substr(pl, 8 * (i / 10) + 1, 8), 16, '0'))::bit(64)::bigint
           >> (3 * (i % 10))) & 7)::int AS place
    FROM v2_fp, split_part(f::text, ':', 5) hx,
         substring(f::text FROM ':p([0-9a-f]+)$') pl, generate_series(0, length(hx) / 8 - 1) i
   WHERE pl IS NOT NULL;
CREATE INDEX ON v2_at (id);
CREATE FUNCTION pg_temp.v2_quotes(s int, r int, tau bigint) RETURNS bool LANGUAGE sql STABLE AS $$
  WITH sa AS (SELECT h, place FROM v2_at WHERE id = s AND h >= 1048576 AND h <= tau),
       ra AS (SELECT h, place FROM v2_at WHERE id = r AND h >= 1048576 AND h <= tau),
       sh AS (SELECT sa.place AS ps, ra.place AS pr FROM sa JOIN ra USING (h))
  SELECT count(*) > 0
         AND count(*) FILTER (WHERE ps = 0) >= 0.875 * count(*)
         AND (SELECT max(c) FROM (SELECT count(*) AS c FROM sh GROUP BY pr) g) >= 0.875 * count(*)
         AND EXISTS (SELECT FROM sa WHERE place > 0)
         AND (SELECT count(DISTINCT place) FROM ra) >= 3
    FROM sh $$;
-- (a side without places has no row in v2_at, and quotes nothing)
CREATE FUNCTION pg_temp.v2_quoted(o v2_ov) RETURNS bool LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN o.i - o.subj_shared >= 5 AND o.i < 0.5 * o.ca AND o.i < 0.5 * o.cb
              THEN (SELECT pg_temp.v2_quotes(o.a, o.b, least(sa.lim, sb.lim))
                           OR pg_temp.v2_quotes(o.b, o.a, least(sa.lim, sb.lim))
                      FROM v2_side sa, v2_side sb WHERE sa.id = o.a AND sb.id = o.b)
              ELSE false END $$;
CREATE TEMP TABLE v2_ref AS
  SELECT o.a, o.b, o.fa, o.fb, o.brief, o.subj_differ, o.i - o.subj_shared AS ie,
         pg_temp.v2_names_part(o) AS names_part,
         pg_temp.v2_names(o) AS names,
         pg_temp.v2_quoted(o) AS quoted,
         o.i = round(containment(o.fa, o.fb) * o.ca) AND o.i = round(containment(o.fb, o.fa) * o.cb)
           AND (o.ca = 0 OR containment(o.fa, o.fb) = o.i::float8 / o.ca) AS parsed_ok,
         o.i, o.ca, o.cb, similarity(o.fa, o.fb) AS sim,
         containment(o.fa, o.fb) AS c_ab, containment(o.fb, o.fa) AS c_ba
    FROM v2_ov o;
-- the reference read these samples as the server does
SELECT count(*) AS pairs, count(*) FILTER (WHERE NOT parsed_ok) AS parse_wrong,
       count(*) FILTER (WHERE brief) AS with_brief,
       count(*) FILTER (WHERE NOT names) AS names_disagree,
       count(*) FILTER (WHERE brief AND subj_differ) AS subjects_differ,
       count(*) FILTER (WHERE names_part) AS names_part,
       count(*) FILTER (WHERE quoted) AS lead_quoted,
       count(*) FILTER (WHERE i >= 5) AS five_shared,
       count(*) FILTER (WHERE i BETWEEN 5 AND 9) AS under_ten,
       count(*) FILTER (WHERE ca <> sample_size(fa)) AS cut
  FROM v2_ref;
-- every predicate, functions and operators, at each threshold (the
-- operators with their GUC set to it); the *_wrong columns must be 0, and
-- the *_true ones show that each answer is true for some pairs and false
-- for others; names_decide counts the pairs that only the names in a brief
-- turn down
CREATE FUNCTION pg_temp.v2_check(t float8)
RETURNS TABLE (sim_true bigint, in_true bigint, story_true bigint, names_decide bigint,
               sim_wrong bigint, in_wrong bigint, out_wrong bigint, story_wrong bigint)
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('newsprint.similarity_threshold', t::text, true);
  PERFORM set_config('newsprint.containment_threshold', t::text, true);
  PERFORM set_config('newsprint.same_story_threshold', t::text, true);
  RETURN QUERY
  SELECT count(*) FILTER (WHERE r_sim), count(*) FILTER (WHERE r_in), count(*) FILTER (WHERE r_story),
         count(*) FILTER (WHERE NOT names AND (d_ab OR d_ba)),
         count(*) FILTER (WHERE is_similar(fa, fb, t) <> r_sim OR (fa % fb) <> r_sim),
         count(*) FILTER (WHERE is_contained(fa, fb, t) <> r_in OR (fa <% fb) <> r_in OR (fb %> fa) <> r_in),
         count(*) FILTER (WHERE is_contained(fb, fa, t) <> r_out OR (fa %> fb) <> r_out),
         count(*) FILTER (WHERE is_same_story(fa, fb, t) <> r_story OR same_story(fa, fb, t) <> r_story
                             OR is_same_story(fa, fb) <> r_story OR same_story(fa, fb) <> r_story)
    FROM (SELECT r.*, sim >= t AS r_sim,
                 names AND NOT quoted AND d_ab AS r_in, names AND NOT quoted AND d_ba AS r_out,
                 names AND NOT quoted AND (d_ab OR d_ba) AS r_story
            FROM (SELECT r.*, pg_temp.v2_dir(i, ie, ca, c_ab, t, brief) AS d_ab,
                         pg_temp.v2_dir(i, ie, cb, c_ba, t, brief) AS d_ba
                    FROM v2_ref r) r) r;
END $$;
SELECT t, c.* FROM unnest(ARRAY[0.05, 0.12, 0.3, 0.5, 0.7, 0.9, 1.0]::float8[]) t, pg_temp.v2_check(t) c;
RESET newsprint.similarity_threshold;
RESET newsprint.containment_threshold;
RESET newsprint.same_story_threshold;
-- the GUCs' default (-1): version 2's 0.5 for <% and %>, 0.12 for same_story
SELECT count(*) FILTER (WHERE (fa <% fb) <> (names AND NOT quoted AND pg_temp.v2_dir(i, ie, ca, c_ab, 0.5, brief))
                           OR (fa %> fb) <> (names AND NOT quoted AND pg_temp.v2_dir(i, ie, cb, c_ba, 0.5, brief))) AS contain_wrong,
       count(*) FILTER (WHERE is_same_story(fa, fb) <> (names AND NOT quoted AND (pg_temp.v2_dir(i, ie, ca, c_ab, 0.12, brief)
                                                             OR pg_temp.v2_dir(i, ie, cb, c_ba, 0.12, brief)))) AS story_wrong
  FROM v2_ref;

-- every function of a fingerprint can be called with named arguments
SELECT similarity(a => f, b => f) = 1 AS similarity_named,
       containment(a => f, b => f) = 1 AS containment_named,
       shingle_count(fp => f) = shingle_count(f) AS shingle_count_named,
       sample_size(fp => f) = sample_size(f) AS sample_size_named,
       npidx_keys(fp => f) = npidx_keys(f) AS npidx_keys_named
  FROM (SELECT fingerprint('The council approved the new budget for the harbour bridge on Tuesday after a long debate about its cost.'::text) AS f) s;
