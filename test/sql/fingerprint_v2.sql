--
-- fingerprint_v2.sql
--	  Format version 2, the default: evidence shingles (narrative text, not
--	  quotes, names and numbers, or common phrases), minimum evidence,
--	  per-format default thresholds, literals and binary I/O, and what
--	  happens when version 1 and version 2 meet.
--
SET search_path = newsprint, public;
SET extra_float_digits = 0;

-- new fingerprints are version 2 with 256 hashes at most
SELECT fingerprint('The quick brown fox jumps over the lazy dog.'::text, false);
SELECT fingerprint('The quick brown fox jumps over the lazy dog.'::text, false, 10),
       fingerprint('The quick brown fox jumps over the lazy dog.'::text, false, 10, 2);
SELECT fingerprint('a b c'::text, false, 160, 3);   -- error: no such version
SELECT fingerprint('a b c'::text, false, 0, 2);     -- error: sketch size

-- what is evidence: running text is; function words, number words, units of
-- time, names, numbers and common phrases alone are not, but a text that
-- has fewer than 5 evidence shingles takes all its shingles, so that it
-- finds itself (doc/fingerprint.md, "A second floor"): these counts are
-- those of such short texts
SELECT t, shingle_count(fingerprint(t, false)) AS evidence
  FROM (VALUES ('the cat sat on the mat'),
               ('one of the two of them'),
               ('for the first time in three years'),
               ('Gareth Mellor, 41, of Harpers Lane, Chorley'),
               ('the company said in a statement'),
               ('the court heard that'),
               ('pocketed almost £90,000 in deposits')) v(t)
 ORDER BY 1;

-- quotes are evidence only when the article has nothing else: another
-- report that repeats the same words in quotation marks (any style) does
-- not carry this text; one that repeats them in running text does (both
-- are briefs, so most of the smaller one's evidence must be shared).  A
-- text under 5 evidence shingles samples its quotes too, hashed apart, so
-- that they still do not meet the words in another's running text
SELECT style, shingle_count(fingerprint(t, false)) AS evidence,
       same_story(fingerprint(t, false),
                  fingerprint('Opening the case, the prosecutor said the defendant ran his firm like a trader who sold the same wedding date to three different couples.'::text, false)) AS same_story
  FROM (VALUES ('plain',      $$Jurors heard he behaved like a trader who sold the same wedding date to three different couples.$$),
               ('double',     $$Jurors heard he behaved "like a trader who sold the same wedding date to three different couples".$$),
               ('curly',      $$Jurors heard he behaved “like a trader who sold the same wedding date to three different couples”.$$),
               ('typewriter', $$Jurors heard he behaved ``like a trader who sold the same wedding date to three different couples''.$$),
               ('single',     $$Jurors heard he behaved 'like a trader who sold the same wedding date to three different couples'.$$),
               ('guillemets', $$Jurors heard he behaved «like a trader who sold the same wedding date to three different couples».$$)) v(style, t)
 ORDER BY 1;
-- a shingle with any word inside quotation marks is quoted, so the
-- shingles that run into a quote ("force had let", "failures were
-- inexcusable") are no evidence either: two reporters who took down the
-- same statement with its speaker share them.  These two reports share two
-- quotes and their attributions; what they share as evidence is running
-- text only ("the force had", "the failures were", "to the wrong"): 3
-- hashes, where counting the shingles across the quotation marks gave 5
WITH t(name, body) AS (VALUES
  ('agency', $$Chief Constable Mark Ellery said the force had "let down the people of this county" and offered to meet the families. Officers went to the wrong address three times, an inspection found. He said the failures were "inexcusable and entirely our own".$$),
  ('rival',  $$Relatives heard Mr Ellery admit that the force had "let down the people of this county". Inspectors said call handlers dispatched patrols to the wrong house on three occasions. The failures were "inexcusable and entirely our own", he told the meeting.$$))
SELECT a.name, shingle_count(fingerprint(a.body, false)) AS evidence,
       round(containment(fingerprint(a.body, false), fingerprint(b.body, false)) *
             shingle_count(fingerprint(a.body, false))) AS shared,
       same_story(fingerprint(a.body, false), fingerprint(b.body, false)) AS same_story
  FROM t a, t b WHERE a.name <> b.name ORDER BY 1;
-- apostrophes are not quotation marks
SELECT shingle_count(fingerprint($$Mellor's clients' albums never came and the couples' money was gone$$::text, false)) AS shingles;
-- a blank line ends an unclosed quotation
SELECT shingle_count(fingerprint(E'"Couples paid him in good faith, often many months in advance\n\nand the couples never saw the albums they paid for'::text, false)) AS shingles;
-- an article of quotes only keeps its quotes as evidence, so copies match
SELECT shingle_count(f) > 0 AS has_evidence, same_story(f, f) AS copy_found
  FROM (SELECT fingerprint($$"We are devastated by what happened to our son and we want answers from the company that employed him."$$::text, false) AS f) s;

-- runs of numbers alone: two league tables under one heading, of different
-- clubs after the same round, whose records repeat by chance ("12 8 3",
-- "12 6 3").  A table's rows are its evidence, but a run of numbers alone
-- is hashed with the two words before it, so it matches only in the same
-- row ("Eastmoor Rangers 12 8 3"): the tables share their heading only, 9
-- hashes (the 9 runs made it 18: one story), while a copy of a table with
-- a note above it shares all of it
CREATE TEMP TABLE tables (name text, body text);
INSERT INTO tables VALUES
  ('table', $$Table after Sunday's matches (played, won, drawn, lost, goal difference, points):
Harbour City 12 9 2 1 21 29
Eastmoor Rangers 12 8 3 1 14 27
Kingsford Athletic 11 7 2 2 10 23
Walsham Town 12 6 3 3 5 21
Orchard Park 12 5 4 3 3 19
Fenwick Rovers 11 4 3 4 -2 15
Saltley Wanderers 12 3 4 5 -6 13
Bridgemoor 12 2 3 7 -11 9
Lowther Vale 12 1 4 7 -15 7
Castleton United 12 1 2 9 -19 5$$),
  ('other league', $$Table after Sunday's matches (played, won, drawn, lost, goal difference, points):
Northgate Albion 12 9 2 1 16 29
Millbrook 12 8 3 1 11 27
Redcliffe Swifts 12 7 3 2 9 24
Ashby Harriers 11 7 2 2 6 23
Tollbridge Celtic 12 6 3 3 4 21
Deansgate 12 5 4 3 1 19
Quarry Bank 11 4 3 4 -3 15
Pelham Villa 12 3 4 5 -8 13
Whitcombe 12 2 3 7 -9 9
Garside Rangers 12 1 2 9 -23 5$$);
INSERT INTO tables SELECT 'copy', E'(Adds late kick-off)\n' || body FROM tables WHERE name = 'table';
SELECT a.name, b.name, shingle_count(fingerprint(a.body, false)) AS evidence,
       round(containment(fingerprint(a.body, false), fingerprint(b.body, false)) *
             shingle_count(fingerprint(a.body, false))) AS shared,
       same_story(fingerprint(a.body, false), fingerprint(b.body, false)) AS same_story,
       story_match(fingerprint(a.body, false), fingerprint(b.body, false)) IS NOT NULL AS joins
  FROM tables a, tables b WHERE a.name > b.name ORDER BY 1, 2;
-- a text of numbers alone keeps its runs as evidence, so a copy with one
-- more number is found, in any of the three sets of digits.  A run at the
-- very start of a text is hashed with the one or no word before it, so a
-- number put in front changes the hashes of the first two runs: 4 of the
-- 6 are left, short of the 0.7 a brief needs (that is how runs in ASCII,
-- Arabic-Indic and fullwidth digits are seen to be widened).  "3rd" and
-- "5m" are not numbers: the last text has no run of numbers alone
SELECT t, shingle_count(fingerprint(t, false)) AS evidence,
       same_story(fingerprint(t, false), fingerprint(t || ' 17', false)) AS with_one_more,
       same_story(fingerprint(t, false), fingerprint('12 ' || t, false)) AS one_before
  FROM (VALUES (1, '12 34 56 78 90 11 24 36'),
               (2, '٤٥ ١٢ ٣٣ ٧٨ ٩٠ ٢١ ٤٤ ١٨'),
               (3, '１２ ３４ ５６ ７８ ９０ １１ ２４ ３６'),
               (4, '3rd 12 5m 44 2nd 17 8th 90')) v(n, t)
 ORDER BY n;
CREATE TEMP TABLE table_fps AS
  SELECT row_number() OVER (ORDER BY name DESC) AS id, name, fingerprint(body, false) AS fp
    FROM tables;
SET client_min_messages = warning;
SELECT f.name, c.story FROM cluster_stories('table_fps') c JOIN table_fps f USING (id) ORDER BY c.id;
RESET client_min_messages;

-- minimum evidence: a five-word phrase is fully "in" a longer text, but
-- five shared evidence hashes (seven words) are needed before it counts as
-- contained.  All four texts are briefs (fewer than 40 evidence shingles):
-- a pair with a brief needs 0.7 of the contained side whatever the
-- threshold, so 62% of the article in its rewrite is not enough, while the
-- rewrite is in the article
CREATE TEMP TABLE v2 (name text, f fingerprint);
INSERT INTO v2 VALUES
  ('phrase',  fingerprint('couples planning their big day'::text, false)),
  ('article', fingerprint('A wedding photographer pocketed almost £90,000 in deposits from couples planning their big day and then failed to turn up or never delivered their pictures, a jury heard. He took money from 64 couples across Lancashire while knowing he could not honour the bookings.'::text, false)),
  ('rewrite', fingerprint('A wedding photographer took nearly £90,000 from couples planning their big day and then failed to turn up, a jury heard. He took money from 64 couples across Lancashire while knowing he could never honour the bookings.'::text, false)),
  ('other',   fingerprint('A cyclist was killed when a van driver who had been drinking hit him on a country road near Preston, the court heard.'::text, false));
SELECT a.name, b.name, shingle_count(a.f) AS evidence,
       round(containment(a.f, b.f)::numeric, 3) AS cont,
       is_contained(a.f, b.f, 0.5) AS contained, a.f <% b.f AS op,
       same_story(a.f, b.f) AS story
  FROM v2 a, v2 b WHERE a.name <> b.name ORDER BY 1, 2;
-- predicates agree with their definitions over every pair
SELECT count(*) AS mismatches FROM v2 a, v2 b
 WHERE (a.f <% b.f) <> (b.f %> a.f)
    OR (a.f <% b.f) <> is_contained(a.f, b.f, 0.5)
    OR same_story(a.f, b.f) <> same_story(b.f, a.f)
    OR same_story(a.f, b.f) <> same_story(a.f, b.f, 0.12)
    OR same_story(a.f, b.f) <> (is_contained(a.f, b.f, 0.12) OR is_contained(b.f, a.f, 0.12));

-- defaults per format: -1 means 0.6 and 0.6 for version 1, 0.5 and 0.12
-- for version 2; a set value applies to both
SHOW newsprint.containment_threshold;
SHOW newsprint.same_story_threshold;
SELECT same_story('v1:w3:k8:n4:00000001000000020000000300000004',
                  'v1:w3:k8:n5:0000000300000004000000050000000600000007') AS v1_two_of_four,
       same_story('v2:w3:k8:n7:00000001000000020000000300000004000000050000000600000007',
                  'v2:w3:k8:n5:0000000300000004000000050000000600000007') AS v2_five_shared;
SET newsprint.same_story_threshold = 0.4;
SELECT same_story('v1:w3:k8:n4:00000001000000020000000300000004',
                  'v1:w3:k8:n5:0000000300000004000000050000000600000007') AS v1_two_of_four;
RESET newsprint.same_story_threshold;
SET newsprint.containment_threshold = 0.8;
SELECT a.f <% b.f AS contained FROM v2 a, v2 b WHERE a.name = 'rewrite' AND b.name = 'article';
RESET newsprint.containment_threshold;
SET newsprint.containment_threshold = -0.5;   -- error
SET newsprint.containment_threshold = 0.001;  -- error

-- version 1 and version 2 do not compare
SELECT similarity(fingerprint('the cat sat on the mat'::text, false),
                  fingerprint('the cat sat on the mat'::text, false, 160, 1));
SELECT same_story('v1:w3:k4:n2:0000000100000002', 'v2:w3:k4:n2:0000000100000002');

-- version 2 literals: the layout of version 1
SELECT 'v2:w3:k4:n2:0000000a0000000b'::fingerprint, ' v2:w3:k256:n0: '::fingerprint;
SELECT f::text::fingerprint = f AS roundtrip, f::text = f::text::fingerprint::text AS same_text
  FROM (SELECT fingerprint(string_agg('word' || i || ' and its ' || (i * 7) % 13, ' '), false) AS f
          FROM generate_series(1, 500) i) s;
SELECT 'v2:w3:k4:n2:0000000b0000000a'::fingerprint;         -- unsorted
SELECT 'v2:w3:k4:n2:0000000a0000000a'::fingerprint;         -- duplicate
SELECT 'v2:w3:k4:n3:0000000a0000000b'::fingerprint;         -- count mismatch
SELECT 'v2:w3:k1:n3:0000000a0000000b'::fingerprint;         -- more than k
SELECT 'v2:w3:k4:n2:0000000a000000'::fingerprint;           -- truncated hash
SELECT 'v2:w3:k4:n2:0000000a0000000x'::fingerprint;         -- bad hex
SELECT 'v2:w3:k4:n2:0000000a0000000b:'::fingerprint;        -- trailing colon
SELECT 'v2:w0:k4:n2:0000000a0000000b'::fingerprint;         -- words
SELECT 'v2:w3:k65536:n0:'::fingerprint;                     -- size
SELECT 'v2:w3:k4'::fingerprint;                             -- no hash field
SELECT 'v02:w3:k4:n0:'::fingerprint;                        -- leading zero is fine
SELECT 'v2 :w3:k4:n0:'::fingerprint;                        -- inner space

-- version 2 binary form: version byte 2, same layout; COPY BINARY round trip
SELECT encode(fingerprint_send('v2:w3:k4:n2:0000000a0000000b'), 'hex');
CREATE TEMP TABLE v2_bin (id int, f fingerprint);
INSERT INTO v2_bin SELECT 1, f FROM v2 WHERE name = 'article'
  UNION ALL SELECT 2, 'v2:w3:k256:n0:'::fingerprint;
COPY v2_bin TO PROGRAM 'cat > newsprint_v2_regress.bin' (FORMAT binary);
CREATE TEMP TABLE v2_bin2 (LIKE v2_bin);
COPY v2_bin2 FROM PROGRAM 'cat newsprint_v2_regress.bin' (FORMAT binary);
SELECT a.id, a.f = b.f AS same FROM v2_bin a JOIN v2_bin2 b USING (id) ORDER BY id;
-- a version 2 message with an unsorted sample is rejected
CREATE TEMP TABLE v2_raw (b bytea);
INSERT INTO v2_raw SELECT pg_read_binary_file('newsprint_v2_regress.bin');
COPY (SELECT translate(encode(substr(b, 1, 19 + 10) || '\x00000014'::bytea
        || '\x0203000400000002000000020000000200000001ffff'::bytea, 'base64'), E'\n', '')
      FROM v2_raw) TO PROGRAM 'base64 -d > newsprint_v2_regress_cut.bin';
COPY v2_bin2 FROM PROGRAM 'cat newsprint_v2_regress_cut.bin' (FORMAT binary);
COPY (SELECT 1) TO PROGRAM 'rm -f newsprint_v2_regress.bin newsprint_v2_regress_cut.bin';

-- an npidx index over version 2 fingerprints answers as a scan does
CREATE TEMP TABLE v2_idx AS SELECT * FROM v2;
CREATE INDEX v2_idx_f ON v2_idx USING npidx (f);
SET enable_seqscan = off;
SELECT a.name, b.name FROM v2 a JOIN v2_idx b ON same_story(b.f, a.f) AND a.name <> b.name
 ORDER BY 1, 2;
RESET enable_seqscan;
SELECT a.name, b.name FROM v2 a JOIN v2 b ON same_story(b.f, a.f) AND a.name <> b.name
 ORDER BY 1, 2;

-- briefs and full evidence (version 2): a pair with a brief (fewer than 40
-- evidence shingles) needs 0.7 of the contained side; any other side needs
-- 12 shared hashes (or 0.7 of it); version 1 keeps the 0.1 rule
CREATE FUNCTION pg_temp.fp(v int, lo int, hi int) RETURNS fingerprint
LANGUAGE sql IMMUTABLE AS $$
  SELECT ('v' || v || ':w3:k256:n' || (hi - lo + 1) || ':' ||
          string_agg(lpad(to_hex(h), 8, '0'), '' ORDER BY h))::fingerprint
    FROM generate_series(lo, hi) h $$;
SELECT same_story(pg_temp.fp(2, 1, 20), pg_temp.fp(2, 7, 66)) AS brief_14_of_20,
       same_story(pg_temp.fp(2, 1, 20), pg_temp.fp(2, 8, 67)) AS brief_13_of_20,
       is_contained(pg_temp.fp(2, 1, 20), pg_temp.fp(2, 8, 67), 0.12) AS contained_13_of_20,
       same_story(pg_temp.fp(2, 1, 39), pg_temp.fp(2, 28, 227)) AS brief_12_of_39,
       same_story(pg_temp.fp(2, 1, 40), pg_temp.fp(2, 29, 228)) AS story_12_of_40,
       same_story(pg_temp.fp(2, 1, 40), pg_temp.fp(2, 32, 231)) AS story_9_of_40,
       same_story(pg_temp.fp(2, 1, 40), pg_temp.fp(2, 31, 230)) AS story_10_of_40,
       same_story(pg_temp.fp(2, 1, 40), pg_temp.fp(2, 30, 229)) AS story_11_of_40,
       same_story(pg_temp.fp(1, 1, 40), pg_temp.fp(1, 32, 231), 0.12) AS v1_9_of_40,
       same_story(pg_temp.fp(2, 1, 20), pg_temp.fp(2, 7, 66), 0.9) AS brief_at_09;
-- one shared formula sentence is not a copy: two company stories of 66
-- evidence shingles each, of different companies, end on the same
-- sentence, 10 shared hashes (0.15 of each side, above the threshold
-- 0.12); full evidence asks 12 (it asked 10, which let such pairs through)
CREATE TEMP TABLE formula_pair (name text, body text);
INSERT INTO formula_pair VALUES
 ('bakery', 'Harbourline Foods said on Tuesday that it would close its bakery in Dunmore after sales of packaged bread fell for a third year. About 140 workers will be offered jobs at the group''s other plants or redundancy payments, the company said. The site opened in 1962 and once supplied most supermarkets in the north of the county. Managers blamed rising flour and energy costs, and a shift by shoppers towards in-store bakeries. The board expects the restructuring to be finished before the summer break.'),
 ('warehouses', 'Corvane Logistics will sell its two remaining cold-storage warehouses near Stanmoor to a pension fund for an undisclosed sum. The buyer plans to lease the buildings back to the firm for ten years, keeping the depots running under the current staff. Analysts said the deal would cut debt that had worried lenders since the collapse of a large customer last spring. The board expects the restructuring to be finished before the summer break.');
SELECT a.name, b.name, shingle_count(fingerprint(a.body)) AS evidence,
       round(containment(fingerprint(a.body), fingerprint(b.body))::numeric, 3) AS containment,
       (SELECT count(*) FROM (SELECT substr(h, 1 + 8 * g, 8) FROM generate_series(0, length(h) / 8 - 1) g
                              INTERSECT
                              SELECT substr(k, 1 + 8 * g, 8) FROM generate_series(0, length(k) / 8 - 1) g) s) AS shared,
       same_story(fingerprint(a.body), fingerprint(b.body)) AS same_story
  FROM formula_pair a, formula_pair b,
       LATERAL (SELECT split_part(fingerprint(a.body)::text, ':', 5) AS h,
                       split_part(fingerprint(b.body)::text, ':', 5) AS k) x
 WHERE a.name < b.name;
-- an npidx index answers every containment predicate as a scan does, on
-- samples of 5 to 80 hashes around the brief size
CREATE TEMP TABLE briefs AS
  SELECT i, pg_temp.fp(2, (i * 7) % 50 + 1, (i * 7) % 50 + 5 + (i * 13) % 76) AS f
    FROM generate_series(1, 150) i;
CREATE INDEX briefs_f ON briefs USING npidx (f);
CREATE TEMP TABLE brief_pairs AS
  SELECT a.i AS a, b.i AS b, same_story(b.f, a.f) AS s, b.f <% a.f AS lt, b.f %> a.f AS gt
    FROM briefs a, briefs b;
SET enable_seqscan = off;
SELECT (SELECT count(*) FROM brief_pairs WHERE s) AS same_story_pairs,
       (SELECT count(*) FROM brief_pairs WHERE lt) AS contained_pairs,
       (SELECT count(*) FROM briefs a, brief_pairs p
         WHERE p.a = a.i AND p.s <> (p.b IN (SELECT b.i FROM briefs b WHERE same_story(b.f, a.f)))) AS same_story_mismatches,
       (SELECT count(*) FROM briefs a, brief_pairs p
         WHERE p.a = a.i AND p.lt <> (p.b IN (SELECT b.i FROM briefs b WHERE b.f <% a.f))) AS lt_mismatches,
       (SELECT count(*) FROM briefs a, brief_pairs p
         WHERE p.a = a.i AND p.gt <> (p.b IN (SELECT b.i FROM briefs b WHERE b.f %> a.f))) AS gt_mismatches;
EXPLAIN (COSTS OFF)
  SELECT b.i FROM briefs a, briefs b WHERE a.i = 3 AND same_story(b.f, a.f);
RESET enable_seqscan;

-- names in a brief (version 2): a pair with a brief is the same story only
-- if its names agree.  Two companies' dividend notices in one formula
-- share 0.73 of their evidence, all of it formula; the company and the
-- figures are in the hashes with the name bit, which they do not share.
-- A copy with a corrected date, or re-sent under a dateline, keeps them
CREATE TEMP TABLE notices (name text, body text);
INSERT INTO notices VALUES
 ('northgate', 'Northgate Holdings said its board declared a regular quarterly dividend of 39 cents per share, payable on March 15 to holders of record on March 1, and raised its buyback authorisation by a further 40 million shares.'),
 ('westbrook', 'Westbrook Industries said its board declared a regular quarterly dividend of 27 cents per share, payable on April 2 to holders of record on March 20, and raised its buyback authorisation by a further 15 million shares.'),
 ('northgate_corrected', 'Northgate Holdings said its board declared a regular quarterly dividend of 39 cents per share, payable on March 16 to holders of record on March 1, and raised its buyback authorisation by a further 40 million shares.'),
 ('northgate_resent', 'LONDON, March 2 (Reuters) - Northgate Holdings said its board declared a regular quarterly dividend of 39 cents per share, payable on March 15 to holders of record on March 1, and raised its buyback authorisation by a further 40 million shares.');
SELECT a.name, b.name, shingle_count(fingerprint(a.body)) AS evidence,
       round(containment(fingerprint(a.body), fingerprint(b.body))::numeric, 2) AS containment,
       same_story(fingerprint(a.body), fingerprint(b.body)) AS same_story,
       fingerprint(a.body) <% fingerprint(b.body) AS contained,
       fingerprint(a.body) % fingerprint(b.body) AS similar
  FROM notices a, notices b WHERE a.name < b.name ORDER BY 1, 2;
-- the rule on literals: 20 hashes without the name bit (even) shared, and
-- each brief's 8 named ones (odd): none shared, one (under a quarter of 8),
-- two (a quarter); one of a side's only one; a side without named hashes
-- agrees with one without, and with a side that is no brief (the 45-hash
-- text), not with a named brief.  Similarity and version 1 ignore names
CREATE FUNCTION pg_temp.named(n int, named int[]) RETURNS fingerprint
LANGUAGE sql IMMUTABLE AS $$
  SELECT ('v2:w3:k256:n' || count(*) || ':' ||
          string_agg(lpad(to_hex(h), 8, '0'), '' ORDER BY h))::fingerprint
    FROM (SELECT 2 * g AS h FROM generate_series(1, n) g
          UNION SELECT unnest(named)) s $$;
SELECT same_story(pg_temp.named(20, '{1001,1003,1005,1007,1009,1011,1013,1015}'),
                  pg_temp.named(20, '{2001,2003,2005,2007,2009,2011,2013,2015}')) AS none_shared,
       same_story(pg_temp.named(20, '{1001,1003,1005,1007,1009,1011,1013,1015}'),
                  pg_temp.named(20, '{1001,2003,2005,2007,2009,2011,2013,2015}')) AS one_shared,
       same_story(pg_temp.named(20, '{1001,1003,1005,1007,1009,1011,1013,1015}'),
                  pg_temp.named(20, '{1001,1003,2005,2007,2009,2011,2013,2015}')) AS two_shared,
       same_story(pg_temp.named(20, '{1001,1003,1005,1007,1009,1011,1013,1015}'), pg_temp.named(20, '{1001}')) AS one_of_one,
       same_story(pg_temp.named(20, '{}'), pg_temp.named(20, '{}')) AS no_names,
       same_story(pg_temp.named(20, '{}'), pg_temp.named(20, '{1001,1003}')) AS names_one_side,
       same_story(pg_temp.named(20, '{}'), pg_temp.named(45, '{1001,1003}')) AS in_a_story,
       pg_temp.named(20, '{}') <% pg_temp.named(45, '{1001,1003}') AS contained_in_story,
       pg_temp.named(20, '{1001,1003,1005,1007}') % pg_temp.named(20, '{2001,2003,2005,2007}') AS similar,
       same_story(('v1' || substr(pg_temp.named(20, '{1001,1003,1005,1007}')::text, 3))::fingerprint,
                  ('v1' || substr(pg_temp.named(20, '{2001,2003,2005,2007}')::text, 3))::fingerprint) AS v1_none_shared;
-- an npidx index answers as a scan does: a brief query's candidates are
-- the rows holding one of its named keys.  Formula hashes (even) shared
-- by all, names (odd) from small pools, some rows without any, some
-- longer than a brief
CREATE TEMP TABLE named_briefs AS
  SELECT i, pg_temp.named(CASE WHEN i % 9 = 0 THEN 50 ELSE 12 + i % 17 END,
                          CASE WHEN i % 8 = 0 THEN '{}'::int[]
                               ELSE ARRAY[1001 + 2 * (i % 7), 2001 + 2 * (i % 11),
                                          3001 + 2 * (i % 5)] END) AS f
    FROM generate_series(1, 160) i;
CREATE INDEX named_briefs_f ON named_briefs USING npidx (f);
CREATE TEMP TABLE named_pairs AS
  SELECT a.i AS a, b.i AS b, same_story(b.f, a.f) AS s, b.f <% a.f AS lt, b.f %> a.f AS gt
    FROM named_briefs a, named_briefs b;
SET enable_seqscan = off;
SELECT (SELECT count(*) FROM named_pairs WHERE s) AS same_story_pairs,
       (SELECT count(*) FROM named_pairs WHERE lt) AS contained_pairs,
       (SELECT count(*) FROM named_briefs a, named_pairs p
         WHERE p.a = a.i AND p.s <> (p.b IN (SELECT b.i FROM named_briefs b WHERE same_story(b.f, a.f)))) AS same_story_mismatches,
       (SELECT count(*) FROM named_briefs a, named_pairs p
         WHERE p.a = a.i AND p.lt <> (p.b IN (SELECT b.i FROM named_briefs b WHERE b.f <% a.f))) AS lt_mismatches,
       (SELECT count(*) FROM named_briefs a, named_pairs p
         WHERE p.a = a.i AND p.gt <> (p.b IN (SELECT b.i FROM named_briefs b WHERE b.f %> a.f))) AS gt_mismatches,
       (SELECT count(*) FROM named_briefs a, named_pairs p
         WHERE p.a = a.i AND p.s <> (p.b IN (SELECT b.i FROM named_briefs b
                                               WHERE same_story(b.f, a.f)
                                               ORDER BY b.f <-> a.f LIMIT 1000))) AS ordered_mismatches;
RESET enable_seqscan;

-- the name bit (NP_FP_NAME_BIT): the lowest bit of each hash says whether
-- its shingle holds a name or a figure: a capitalised word that does not
-- open a sentence, or a word that starts with a digit.  Not a function word
-- ("The"), the first word of a sentence (after ".", "!" or "?", but not
-- after a short capitalised word: "Mr."), a month or a weekday, a single
-- digit.  Only narrative shingles are sampled here: "over Mr Lazy" (names
-- and function words only) is a fact, "Lazy jumps over" is narrative.
SELECT t, shingle_count(fingerprint(t)) AS shingles,
       (SELECT count(*) FROM generate_series(0, length(h) / 8 - 1) i
         WHERE substr(h, i * 8 + 8, 1) IN ('1', '3', '5', '7', '9', 'b', 'd', 'f')) AS named
  FROM (SELECT t, split_part(fingerprint(t)::text, ':', 5) AS h
          FROM (VALUES ('the quick brown fox jumps over the lazy dog near the river bank today'::text),
                       ('The quick brown fox jumps over the lazy dog near the river bank today'),
                       ('Quick brown foxes. Jumping over lazy dogs near the river bank today'),
                       ('the quick brown fox of Mr. Lazy jumps over the river bank today'),
                       ('the quick brown fox. Lazy jumps over the river bank today'),
                       ('the quick brown fox jumps over the lazy dog near the river on Monday'),
                       ('the quick brown fox jumps over 23 lazy dogs near the river bank today'),
                       ('the quick brown fox jumps over 2 lazy dogs near the river bank today')) v(t)) s;
-- a shingle's bit is the same wherever it stands, so a copy matches: a
-- sentence with a name, alone and inside a longer text (all of it but its
-- subject hash, "Gareth Mellor": the longer text's lead, "Police were
-- called at dawn", names nobody, so it has none; doc/fingerprint.md, "The
-- subject")
SELECT containment(fingerprint('The court heard that Gareth Mellor drove the van into the canal at Harpers Lane.'::text),
                   fingerprint('Police were called at dawn. The court heard that Gareth Mellor drove the van into the canal at Harpers Lane. He denies the charge.'::text)) AS copy_share;
