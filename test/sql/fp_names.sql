--
-- The names a text holds (fp_evidence.h, NP_FP_NAMES_BITS; doc/fingerprint.md,
-- "The names a text holds").  The subject parts a pair with a brief; two
-- companies' longer items in one house formula (40 or more evidence
-- shingles: a buyback program, a results story), word for word the same
-- but for the company, were still one story at containment 0.9 and more.
-- A version 2 fingerprint of a text with a subject now keeps a bitmap of
-- the names it holds anywhere, and a pair whose subjects differ, each of
-- them absent from the other's names, and which shares NP_FP_NAMES_SHARE
-- of each side, is two items.  A rewrite with a new lead names the
-- original's subject further down, and still matches.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE nm (id int PRIMARY KEY, name text, published_at timestamptz, body text,
	fp fingerprint);
INSERT INTO nm (id, name, published_at, body) VALUES
 (1, 'marlowe', '2026-11-03 09:00+00', E'Marlowe Instruments Inc said on Tuesday its board had approved a plan to buy back up to 250 mln dlrs of its common stock over the next two years, replacing a program that expired in June. The company said the repurchases would be funded from cash on hand and from borrowings under its revolving credit facility, and that it expected to complete about half of the program before the end of the fiscal year. It said the timing and amount of purchases would depend on market conditions, the share price and other uses of capital, and that the program could be suspended at any time without notice. Marlowe had about 41 mln shares outstanding at the end of September.'),
 (2, 'quenby', '2026-11-03 09:20+00', E'Quenby Foods Corp said on Tuesday its board had approved a plan to buy back up to 250 mln dlrs of its common stock over the next two years, replacing a program that expired in June. The company said the repurchases would be funded from cash on hand and from borrowings under its revolving credit facility, and that it expected to complete about half of the program before the end of the fiscal year. It said the timing and amount of purchases would depend on market conditions, the share price and other uses of capital, and that the program could be suspended at any time without notice. Quenby had about 41 mln shares outstanding at the end of September.'),
 (3, 'marlowe_resent', '2026-11-03 09:30+00', E'CHICAGO, Nov 3 - Marlowe Instruments Inc said on Tuesday its board had approved a plan to buy back up to 250 mln dlrs of its common stock over the next two years, replacing a program that expired in June. The company said the repurchases would be funded from cash on hand and from borrowings under its revolving credit facility, and that it expected to complete about half of the program before the end of the fiscal year. It said the timing and amount of purchases would depend on market conditions, the share price and other uses of capital, and that the program could be suspended at any time without notice. Marlowe had about 41 mln shares outstanding at the end of September.'),
 (4, 'marlowe_rewrite', '2026-11-03 11:00+00', E'Wall Street analysts welcomed a decision by a maker of laboratory gauges to hand more cash back to investors. Marlowe Instruments said its board had approved a plan to buy back up to 250 mln dlrs of its common stock over the next two years. The repurchases would be funded from cash on hand and from borrowings under its revolving credit facility, the firm said, adding that it expected to complete about half of the program before the end of the fiscal year. Its shares rose 3 pct in early trading, while the wider market was flat.'),
 (5, 'marlowe_update', '2026-11-03 12:00+00', E'UPDATE 1-Marlowe Instruments sets $250 mln buyback\nMarlowe Instruments Inc said on Tuesday its board had approved a plan to buy back up to 250 mln dlrs of its common stock over the next two years, replacing a program that expired in June. The company said the repurchases would be funded from cash on hand and from borrowings under its revolving credit facility, and that it expected to complete about half of the program before the end of the fiscal year. It said the timing and amount of purchases would depend on market conditions, the share price and other uses of capital, and that the program could be suspended at any time without notice. Analysts at Brockley Partners said the size of the program, about 9 pct of the company''s market value, was larger than they had expected.'),
 (6, 'strategist_note', '2026-11-03 15:00+00', E'Brockley Partners, an investment adviser in Leeds, said in a note to clients on Tuesday that share buybacks had become the favoured use of spare cash among mid-sized industrial groups this year, ahead of acquisitions and special dividends. The note, written by strategist Helen Okafor, listed eleven groups that had announced programs since July and said most had been funded with borrowing rather than cash. One gauge maker was typical of the trend: its board had approved a plan to buy back up to 250 mln dlrs of its common stock over the next two years, replacing a program that expired in June. The company said the repurchases would be funded from cash on hand and from borrowings under its revolving credit facility, and that it expected to complete about half of the program before the end of the fiscal year. Okafor wrote that investors tended to reward such programs in the short run but that the evidence over five years was mixed, with several of the groups now trading below the prices at which they had bought their own shares. She said rising interest rates could make debt-funded repurchases harder to justify in 2027, and advised clients to favour groups whose programs were paid for out of free cash flow. The adviser expected more groups to announce programs before the end of the year, particularly in the chemicals and packaging sectors, where share prices had lagged the wider market for most of the autumn. It did not name the companies it expected to act, and declined to say whether its own funds held shares in any of them.');
UPDATE nm SET fp = fingerprint(body);

-- a text with a subject keeps its names after the hashes; the evidence
-- counts are those of the formula, no brief among them
SELECT name, shingle_count(fp) AS evidence,
       split_part(fp::text, ':', 6) ~ '^m[0-9a-f]{32}$' AS names_kept
  FROM nm ORDER BY id;

-- every pair with the first item: the other company's item is two items
-- (one story on main, containment 0.9 both ways); the re-send, the
-- update and the rewrite with a new lead (its subject is Wall Street, and
-- it names Marlowe further down) match, and so does a strategist's note
-- that quotes two of its sentences without naming Marlowe: its subjects
-- and names are Brockley's and Okafor's, but it is no version of the
-- item (under 0.3 of the note is shared), and the names do not judge it
SELECT b.name AS other,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       same_story(b.fp, a.fp) AS reversed,
       a.fp <% b.fp AS contained,
       story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at) IS NOT NULL AS story_match
  FROM nm a JOIN nm b ON b.id <> a.id
 WHERE a.name = 'marlowe'
 ORDER BY b.id;

-- the batch: one story of Marlowe's versions and the note, Quenby's item
-- alone
SELECT f.name, s.name AS story
  FROM cluster_stories('nm', 'id', 'fp', 'published_at') c
  JOIN nm f ON f.id = c.id
  JOIN nm s ON s.id = c.story
 ORDER BY f.id;

-- assign_story() at insert time agrees
CREATE TABLE nm_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                         published_at timestamptz);
CREATE INDEX ON nm_leaders USING npidx (fp);
SELECT name, (SELECT s.name FROM nm s WHERE s.id = a.story) AS story
  FROM nm, LATERAL (SELECT assign_story('nm_leaders', id, fp, published_at) AS story) a
 ORDER BY id;
DROP TABLE nm_leaders;

-- with tiny_shingles above the brief's 40 evidence shingles the two
-- companies' items (96 each) are a tiny pair that is no brief: the story
-- rule parts it as is_same_story does, so that cluster_stories() and
-- assign_story(), whose index search is is_same_story, agree (on the
-- first version of the names the batch made one story of them, the
-- insert-time form two)
SELECT story_match(b.fp, a.fp, tiny_shingles => 200, min_named => 0) AS story_match,
       story_match(b.fp, a.fp, tiny_shingles => 200, min_named => 0,
                   a_time => b.published_at, b_time => a.published_at) AS timed
  FROM nm a, nm b WHERE a.name = 'marlowe' AND b.name = 'quenby';
SELECT f.name, s.name AS story
  FROM cluster_stories('nm', 'id', 'fp', 'published_at', tiny_shingles => 200,
                       min_named => 0) c
  JOIN nm f ON f.id = c.id
  JOIN nm s ON s.id = c.story
 WHERE f.name IN ('marlowe', 'quenby')
 ORDER BY f.id;
CREATE TABLE nm_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                         published_at timestamptz);
CREATE INDEX ON nm_leaders USING npidx (fp);
SELECT name, (SELECT s.name FROM nm s WHERE s.id = a.story) AS story
  FROM nm, LATERAL (SELECT assign_story('nm_leaders', id, fp, published_at,
                                        tiny_shingles => 200, min_named => 0) AS story) a
 WHERE name IN ('marlowe', 'quenby')
 ORDER BY id;
DROP TABLE nm_leaders;

-- an npidx index answers as the scan does (the note quotes sentences
-- that Quenby's item holds word for word too: same_story links it to
-- both, as it would any text that carries both's words)
CREATE INDEX nm_fp ON nm USING npidx (fp);
SET enable_seqscan = off;
SELECT a.name, array_agg(b.name ORDER BY b.id) AS same_story
  FROM nm a JOIN nm b ON same_story(b.fp, a.fp) AND b.id <> a.id
 GROUP BY a.id, a.name ORDER BY a.id;
RESET enable_seqscan;
SELECT a.name, array_agg(b.name ORDER BY b.id) AS same_story
  FROM nm a JOIN nm b ON same_story(b.fp, a.fp) AND b.id <> a.id
 GROUP BY a.id, a.name ORDER BY a.id;

-- the names are no index key: the keys are the hashes alone
SELECT name, (SELECT count(*) FROM unnest(npidx_keys(fp))) = sample_size(fp) AS keys_are_hashes
  FROM nm ORDER BY id;

-- without its names (a literal that leaves them out, as every fingerprint
-- did before) a text is not parted by them: nothing is known
SELECT same_story(a.fp, (split_part(b.fp::text, ':m', 1))::fingerprint) AS without_names,
       same_story((split_part(a.fp::text, ':m', 1))::fingerprint, b.fp) AS reversed
  FROM nm a, nm b WHERE a.name = 'marlowe' AND b.name = 'quenby';

-- the text literal and the binary form keep the names (and, after them,
-- where the hashes stand: fp_follow.sql)
SELECT name, fp::text::fingerprint = fp AS literal_round_trip,
       length(fingerprint_send(fp)) = 12 + 4 * sample_size(fp) + 16 +
         length(split_part(split_part(fp::text, ':f', 2), ':', 1)) / 2 +
         4 + 4 * ((sample_size(fp) + 9) / 10) AS sent_with_names
  FROM nm ORDER BY id;
CREATE TEMP TABLE nm_bin (id int, f fingerprint);
INSERT INTO nm_bin SELECT id, fp FROM nm;
COPY nm_bin TO PROGRAM 'cat > newsprint_names_regress.bin' (FORMAT binary);
CREATE TEMP TABLE nm_bin2 (LIKE nm_bin);
COPY nm_bin2 FROM PROGRAM 'cat newsprint_names_regress.bin' (FORMAT binary);
SELECT a.id, a.f = b.f AS same, a.f::text = b.f::text AS same_literal
  FROM nm_bin a JOIN nm_bin2 b USING (id) ORDER BY id;
-- a message with 4 bytes of names instead of 16 is refused
CREATE TEMP TABLE nm_raw (b bytea);
INSERT INTO nm_raw SELECT pg_read_binary_file('newsprint_names_regress.bin');
COPY (SELECT translate(encode(substr(b, 1, 19) || '\x0002000000040000000100000014'::bytea
        || '\x02030004000000010000000100000001000000ff'::bytea
        || '\xffff'::bytea, 'base64'), E'\n', '')
      FROM nm_raw) TO PROGRAM 'base64 -d > newsprint_names_regress_cut.bin';
COPY nm_bin2 FROM PROGRAM 'cat newsprint_names_regress_cut.bin' (FORMAT binary);
-- and so is a version 1 message with names
COPY (SELECT translate(encode(substr(b, 1, 19) || '\x0002000000040000000100000020'::bytea
        || '\x0103000400000001000000010000000100000000000000000000000000000000'::bytea
        || '\xffff'::bytea, 'base64'), E'\n', '')
      FROM nm_raw) TO PROGRAM 'base64 -d > newsprint_names_regress_cut.bin';
COPY nm_bin2 FROM PROGRAM 'cat newsprint_names_regress_cut.bin' (FORMAT binary);
COPY (SELECT 1) TO PROGRAM 'rm -f newsprint_names_regress.bin newsprint_names_regress_cut.bin';

-- literals: the names are "m" and 32 hexadecimal digits after the hashes,
-- of version 2 only
SELECT 'v2:w3:k4:n2:000000010000000b:m000000000000000000000000000000ff'::fingerprint;
SELECT 'v2:w3:k4:n0::m000000000000000000000000000000ff'::fingerprint;
SELECT 'v1:w3:k4:n2:000000010000000b:m000000000000000000000000000000ff'::fingerprint;
SELECT 'v2:w3:k4:n2:000000010000000b:m00ff'::fingerprint;
SELECT 'v2:w3:k4:n2:000000010000000b:x000000000000000000000000000000ff'::fingerprint;
SELECT 'v2:w3:k4:n2:000000010000000b:m000000000000000000000000000000fg'::fingerprint;
SELECT 'v2:w3:k4:n2:000000010000000b:m000000000000000000000000000000ff:'::fingerprint;
SELECT 'v2:w3:k4:n2:000000010000000b:'::fingerprint;
SELECT 'v2:w3:k4:n3:000000010000000b:m000000000000000000000000000000ff'::fingerprint;

-- versions of one item whose subject changed (the lead's only name,
-- "Shares of Vossberg ..."): a REFILE with a headline line added keeps
-- it; an UPDATE whose new lead names the customer (Gastrans Nord) names
-- Vossberg further down, and still matches.  A correction that changes
-- the name's length (Vossberg to Vosberg) is parted from the original it
-- corrects: its subject is another bit, the "(Corrects ...)" line that
-- names both is cleaning's to drop, and the two share 0.97 of each side,
-- as two companies' items in one formula do (doc/fingerprint.md, "The
-- names a text holds": a known cost)
CREATE TABLE nv (id int PRIMARY KEY, name text, t timestamptz, body text, fp fingerprint);
INSERT INTO nv (id, name, t, body) VALUES
 (1, 'orig', '2026-11-05 08:00+00', E'Shares of Vossberg jumped 9 pct on Thursday after the compressor maker said it had won a 340 mln euro order to build two gas compressor stations for a pipeline operator in the north of the country, the largest contract in the group\'s 60-year history. The stations are due to enter service in 2029 and will raise the capacity of the line by about a fifth, the company said in a statement. Its chief executive said the order would keep its main plant busy for at least three years and that the group was in talks on two similar projects abroad. The group, which employs about 2,900 people, reported an order intake of 1.1 bln euros last year and has said it wants to double its service business by 2030.'),
 (3, 'corrected_note', '2026-11-05 09:10+00', E'(Corrects spelling of company name to Vosberg from Vossberg in first paragraph)\nShares of Vosberg jumped 9 pct on Thursday after the compressor maker said it had won a 340 mln euro order to build two gas compressor stations for a pipeline operator in the north of the country, the largest contract in the group\'s 60-year history. The stations are due to enter service in 2029 and will raise the capacity of the line by about a fifth, the company said in a statement. Its chief executive said the order would keep its main plant busy for at least three years and that the group was in talks on two similar projects abroad. The group, which employs about 2,900 people, reported an order intake of 1.1 bln euros last year and has said it wants to double its service business by 2030.'),
 (4, 'update_customer_lead', '2026-11-05 11:30+00', E'UPDATE 1-Pipeline operator orders compressor stations\nGastrans Nord, which runs a 400-km gas line along the coast, has ordered two compressor stations worth 340 mln euros to raise the capacity of the line by about a fifth. Vossberg said it had won the order, the largest contract in the group\'s 60-year history, and that the stations are due to enter service in 2029. Its chief executive said the order would keep its main plant busy for at least three years and that the group was in talks on two similar projects abroad. Vossberg shares jumped 9 pct. The group, which employs about 2,900 people, reported an order intake of 1.1 bln euros last year and has said it wants to double its service business by 2030.'),
 (5, 'refile_headline', '2026-11-05 08:40+00', E'REFILE-Vossberg shares jump on record compressor order\n(Refiles to add headline)\nShares of Vossberg jumped 9 pct on Thursday after the compressor maker said it had won a 340 mln euro order to build two gas compressor stations for a pipeline operator in the north of the country, the largest contract in the group\'s 60-year history. The stations are due to enter service in 2029 and will raise the capacity of the line by about a fifth, the company said in a statement. Its chief executive said the order would keep its main plant busy for at least three years and that the group was in talks on two similar projects abroad. The group, which employs about 2,900 people, reported an order intake of 1.1 bln euros last year and has said it wants to double its service business by 2030.');
UPDATE nv SET fp = fingerprint(body);
SELECT b.name,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       same_story(b.fp, a.fp) AS reversed,
       story_match(b.fp, a.fp, a_time => b.t, b_time => a.t) IS NOT NULL AS story_match,
       same_story(split_part(a.fp::text, ':m', 1)::fingerprint,
                  split_part(b.fp::text, ':m', 1)::fingerprint) AS without_names
  FROM nv a JOIN nv b ON b.id <> a.id
 WHERE a.name = 'orig'
 ORDER BY b.id;
DROP TABLE nv;

-- Two bits a name, a brief's heading, a speaker's name (fourth wire set,
-- doc/fingerprint.md, "The names a text holds").  Carrick's and Dunholme's
-- buybacks, word for word the same but for the company: with one bit a
-- name word, Carrick's (C, 7 characters) is Dunholme's (D, 8), and the
-- pair was one story at 0.97; with two bits it is two items, and the
-- REFILE still matches.  Two shelf filings under a brief's heading
-- ("Nov 19 - Brenchley Water Inc:") had the formula's subject, SEC, both
-- of them, and were one story at 1.00; the heading is the subject now, and
-- a re-send under another dateline keeps it.  An UPDATE under the
-- customer's lead names Kelderwick only as "Kelderwick said ..." and
-- "Kelderwick shares ...", openers the names did not note; a speaker's
-- opener is noted, and the update matches its original again.
CREATE TABLE nb (id int PRIMARY KEY, name text, published_at timestamptz, body text,
	fp fingerprint);
INSERT INTO nb (id, name, published_at, body) VALUES
 (1, 'carrick', '2026-11-19 20:30+00', E'Carrick Medical board backs $300 mln share buyback\n\nNov 19 - Carrick Medical Inc <CRKM.O> said on Thursday its board had authorised the repurchase of up to 300 million dollars of the company''s common shares over the next three years.\n\nPurchases may be made on the open market, in block trades or in privately negotiated deals, and their timing and size will depend on the share price, market conditions and the company''s other needs for cash.\n\nThe authorisation does not oblige the company to buy any set number of shares and may be changed, suspended or ended at any time without notice.'),
 (2, 'dunholme', '2026-11-19 20:44+00', E'Dunholme Mining board backs $300 mln share buyback\n\nNov 19 - Dunholme Mining Inc <DNHM.N> said on Thursday its board had authorised the repurchase of up to 300 million dollars of the company''s common shares over the next three years.\n\nPurchases may be made on the open market, in block trades or in privately negotiated deals, and their timing and size will depend on the share price, market conditions and the company''s other needs for cash.\n\nThe authorisation does not oblige the company to buy any set number of shares and may be changed, suspended or ended at any time without notice.'),
 (3, 'carrick_refile', '2026-11-19 21:05+00', E'REFILE-Carrick Medical board backs $300 mln share buyback\n\n(Adds dropped word in second paragraph)\n\nNov 19 - Carrick Medical Inc <CRKM.O> said on Thursday its board had authorised the repurchase of up to 300 million dollars of the company''s common shares over the next three years.\n\nPurchases may be made on the open market, in block trades or in privately negotiated deals, and their timing and size will depend on the share price, market conditions and the company''s other needs for cash.\n\nThe authorisation does not oblige the company to buy any set number of shares and may be changed, suspended or ended at any time without notice.'),
 (4, 'brenchley', '2026-11-19 21:10+00', E'Brenchley Water files for mixed shelf offering; size not disclosed - SEC filing\n\nNov 19 - Brenchley Water Inc:\n* Files for mixed shelf offering; size not disclosed - SEC filing\nSource text: [ID:sec.gov/Archives/edgar/data/0001193125-26-448810]'),
 (5, 'tolvaddon', '2026-11-19 21:13+00', E'Tolvaddon Freight Co files for mixed shelf offering; size not disclosed - SEC filing\n\nNov 19 - Tolvaddon Freight Co:\n* Files for mixed shelf offering; size not disclosed - SEC filing\nSource text: [ID:sec.gov/Archives/edgar/data/0001193125-26-448957]'),
 (6, 'brenchley_resent', '2026-11-19 21:40+00', E'Brenchley Water files for mixed shelf offering\n\nNEW YORK, Nov 19 - Brenchley Water Inc:\n* Files for mixed shelf offering; size not disclosed - SEC filing\nSource text: [ID:sec.gov/Archives/edgar/data/0001193125-26-448810]'),
 (7, 'kelderwick', '2026-11-19 08:00+00', E'Shares of Kelderwick climbed 7 pct on Thursday after the maker of marine pumps said it had won a 210 mln euro order from a shipyard in the south of the country to supply the pumping systems for six ferries, the largest order in its 45-year history. Deliveries are due to start in 2028 and run for four years, the company said. Its chief executive said the order would fill the main plant for two years and that talks on a similar contract abroad were at an advanced stage. The group, which employs about 1,800 people, booked orders of 640 mln euros last year and aims to double its after-sales business by 2030.'),
 (8, 'kelderwick_update', '2026-11-19 11:00+00', E'UPDATE 1-Shipyard orders pumping systems for six ferries\nNordhaven Yards, which builds passenger ferries on the south coast, has ordered pumping systems for six vessels worth 210 mln euros. Kelderwick said it had won the order, the largest in its 45-year history, and that deliveries are due to start in 2028 and run for four years. Its chief executive said the order would fill the main plant for two years and that talks on a similar contract abroad were at an advanced stage. Kelderwick shares climbed 7 pct. The group, which employs about 1,800 people, booked orders of 640 mln euros last year and aims to double its after-sales business by 2030.');
UPDATE nb SET fp = fingerprint(body);
SELECT a.name, b.name AS other,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at) IS NOT NULL AS story_match
  FROM nb a JOIN nb b ON a.id < b.id
 WHERE (a.id, b.id) IN ((1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (5, 6), (7, 8))
 ORDER BY a.id, b.id;
-- the batch: Carrick's two, Dunholme's alone; the shelf filings apart (a
-- brief under min_shared joins nothing, its re-send included)
SELECT f.name, s.name AS story
  FROM cluster_stories('nb', 'id', 'fp', 'published_at') c
  JOIN nb f ON f.id = c.id
  JOIN nb s ON s.id = c.story
 ORDER BY f.id;
DROP TABLE nb;

-- A verb of speech that is no function word ("added", "reported",
-- "announced") is in the word set for the speaker's opener only: written
-- with a capital inside a sentence it is a name word as it was, and its
-- shingles keep the name bit.  The same text with other words there has
-- as many named hashes (the hashes below the subject's limit aside).
SELECT t.name,
       (SELECT count(*) FILTER (WHERE h % 2 = 1 AND h >= 1048576)
          FROM (SELECT ('x' || lpad(substr(hx, 8 * i + 1, 8), 16, '0'))::bit(64)::bigint AS h
                  FROM split_part(fingerprint(t.body)::text, ':', 5) hx,
                       generate_series(0, length(hx) / 8 - 1) i) s) AS named
  FROM (VALUES
    ('speech', 'The studio then Announced that the film would open in Lisbon in the spring, the director Added that the cast would stay the same, and the paper Reported that the tour would reach Asia by the end of the year after a long delay over its cost.'),
    ('other', 'The studio then Pronounced that the film would open in Lisbon in the spring, the director Addled that the cast would stay the same, and the paper Deported that the tour would reach Asia by the end of the year after a long delay over its cost.')
  ) t(name, body)
 ORDER BY t.name DESC;

-- A heading that its bullet repeats is the source's: "Fitch Ratings:" over
-- "* Fitch affirms Dufy Corp at 'BBB'" is the same over every company's
-- item, and two companies' affirmations had the subject Fitch and were one
-- story at 0.93.  The lead-in runs to the colon again, the subject is the
-- company, and the re-send matches.  (A bullet in capitals, "* FITCH
-- AFFIRMS HOBART INC", still gives the formula's first words, as before.)
CREATE TABLE nh (id int PRIMARY KEY, name text, body text);
INSERT INTO nh VALUES
 (1, 'dufy', E'Nov 19 (Reuters) - Fitch Ratings:\n* Fitch affirms Dufy Corp at ''BBB''; outlook stable\n* Fitch says affirmation reflects company''s solid market position and moderate leverage\n* Fitch says rating outlook reflects expectation that leverage will remain below 3.0x through 2027\nSource text for Eikon: [ID:nFit123456]\nFurther company coverage: [DUF.N]'),
 (2, 'hobart', E'Nov 19 (Reuters) - Fitch Ratings:\n* Fitch affirms Hobart Inc at ''BBB''; outlook stable\n* Fitch says affirmation reflects company''s solid market position and moderate leverage\n* Fitch says rating outlook reflects expectation that leverage will remain below 3.0x through 2027\nSource text for Eikon: [ID:nFit123987]\nFurther company coverage: [HOB.N]'),
 (3, 'dufy_resent', E'NEW YORK, Nov 19 (Reuters) - Fitch Ratings:\n* Fitch affirms Dufy Corp at ''BBB''; outlook stable\n* Fitch says affirmation reflects company''s solid market position and moderate leverage\n* Fitch says rating outlook reflects expectation that leverage will remain below 3.0x through 2027\nSource text for Eikon: [ID:nFit123456]\nFurther company coverage: [DUF.N]');
SELECT a.name, b.name AS other,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       same_story(a.fp, b.fp) AS same_story,
       same_story(a.fr, b.fr) AS same_story_as_given
  FROM (SELECT id, name, fingerprint(body) AS fp, fingerprint(body, false) AS fr FROM nh) a
  JOIN (SELECT id, name, fingerprint(body) AS fp, fingerprint(body, false) AS fr FROM nh) b
    ON a.id < b.id
 ORDER BY a.id, b.id;
DROP TABLE nh;

-- A heading names a company only over a brief's bullet point, and not in
-- capitals: a section's heading over its reports ("Premier League:", the
-- first line that fingerprint(body, false) reads and clean() drops) and a
-- source's in capitals ("FITCH RATINGS:") are the same over every item
-- under them, and were the subject of each (two clubs' reports, two
-- companies' affirmations: same_subject t).  The lead-in runs to their
-- colon, and the subject is that of the text without the heading; a
-- company's heading over a bullet ("Brenchley Water Inc:") stays the
-- subject.
CREATE TABLE nk (id int PRIMARY KEY, name text, body text);
INSERT INTO nk VALUES
 (1, 'arsenal', E'Premier League:\nArsenal beat Chelsea 2-1 at the Emirates on Saturday with two goals in the second half from their captain, and went three points clear at the top of the table.'),
 (2, 'liverpool', E'Premier League:\nLiverpool drew 1-1 with Everton at Anfield on Saturday after a late equaliser from their substitute striker, and stay fourth in the table before the winter break.'),
 (3, 'dufy', E'Nov 19 (Reuters) - FITCH RATINGS:\n* Dufy Corp affirmed at ''BBB''; outlook stable\n* Affirmation reflects the company''s solid market position and moderate leverage\nSource text for Eikon: [ID:nFit123456]'),
 (4, 'hobart', E'Nov 19 (Reuters) - FITCH RATINGS:\n* Hobart Inc affirmed at ''BBB''; outlook stable\n* Affirmation reflects the company''s solid market position and moderate leverage\nSource text for Eikon: [ID:nFit123987]'),
 (5, 'brenchley', E'Nov 19 - Brenchley Water Inc:\n* Files for mixed shelf offering; size not disclosed - SEC filing\nSource text: [ID:sec.gov/Archives/edgar/data/0001193125-26-448810]'),
 (6, 'tolvaddon', E'Nov 19 - Tolvaddon Freight Co:\n* Files for mixed shelf offering; size not disclosed - SEC filing\nSource text: [ID:sec.gov/Archives/edgar/data/0001193125-26-448957]');
CREATE FUNCTION pg_temp.subject_of(t text) RETURNS bigint[] LANGUAGE sql AS
  $$ SELECT array(SELECT k FROM unnest(npidx_keys(fingerprint(t, false))) k
                   WHERE k >= 0 AND k < 1048576 ORDER BY k) $$;
SELECT a.name, b.name AS other,
       cardinality(pg_temp.subject_of(a.body)) AS subject_hashes,
       pg_temp.subject_of(a.body) = pg_temp.subject_of(b.body) AS same_subject,
       pg_temp.subject_of(a.body) =
         pg_temp.subject_of(regexp_replace(a.body, E'^([^\n]* - )?[^\n]*:\n', '\1')) AS as_without_heading,
       same_story(fingerprint(a.body, false), fingerprint(b.body, false)) AS same_story
  FROM nk a JOIN nk b ON b.id = a.id + 1 AND a.id % 2 = 1
 ORDER BY a.id;
DROP TABLE nk;

-- Subjects that share a word (fifth wire set, doc/fingerprint.md, "The
-- names a text holds").  Two insurers' buybacks in one formula, word for
-- word the same but for the company: "Brixham Insurance AG" and
-- "Lostwithiel Insurance AG" share the subject hash of "Insurance", so
-- the names did not judge the pair, and it was one story at 0.96.  The
-- names now judge the subject hashes the two do not share: Brixham and
-- Lostwithiel, neither among the other's names.  The re-send under a
-- headline keeps both subject hashes; a version whose lead names
-- "Brixham Insurance" (a run of two words: one hash, Brixham's) has no
-- subject hash of its own and is not judged; one that opens "Insurer
-- Brixham" has a subject of its own, Insurer, but names Brixham: all
-- three match.
CREATE TABLE ni (id int PRIMARY KEY, name text, published_at timestamptz, body text,
	fp fingerprint);
INSERT INTO ni (id, name, published_at, body) VALUES
 (1, 'brixham', '2026-11-23 11:21+00', E'FRANKFURT, Nov 23 (Reuters) - Brixham Insurance AG said on Monday it would buy back up to 250 million euros of its own shares by the end of June next year, after its capital position came in above the top of its target range at the end of the third quarter.\n\nThe repurchases will start on Tuesday and will be carried out on the stock exchange by a bank acting independently of the company, Brixham said in a statement. The shares bought will be cancelled.\n\nThe company said its solvency ratio stood at 214 percent at the end of September, against a target range of 170 to 200 percent, and that the program would lower the ratio by about 9 points. It kept its forecast for the full year.'),
 (2, 'lostwithiel', '2026-11-23 11:27+00', E'FRANKFURT, Nov 23 (Reuters) - Lostwithiel Insurance AG said on Monday it would buy back up to 250 million euros of its own shares by the end of June next year, after its capital position came in above the top of its target range at the end of the third quarter.\n\nThe repurchases will start on Tuesday and will be carried out on the stock exchange by a bank acting independently of the company, Lostwithiel said in a statement. The shares bought will be cancelled.\n\nThe company said its solvency ratio stood at 214 percent at the end of September, against a target range of 170 to 200 percent, and that the program would lower the ratio by about 9 points. It kept its forecast for the full year.'),
 (3, 'brixham_resent', '2026-11-23 11:33+00', E'Brixham Insurance launches 250 mln euro share buyback\n\nFRANKFURT, Nov 23 (Reuters) - Brixham Insurance AG said on Monday it would buy back up to 250 million euros of its own shares by the end of June next year, after its capital position came in above the top of its target range at the end of the third quarter.\n\nThe repurchases will start on Tuesday and will be carried out on the stock exchange by a bank acting independently of the company, Brixham said in a statement. The shares bought will be cancelled.\n\nThe company said its solvency ratio stood at 214 percent at the end of September, against a target range of 170 to 200 percent, and that the program would lower the ratio by about 9 points. It kept its forecast for the full year.'),
 (4, 'brixham_short', '2026-11-23 11:39+00', E'Nov 23 - Brixham Insurance said on Monday it would buy back up to 250 million euros of its own shares by the end of June next year, after its capital position came in above the top of its target range at the end of the third quarter.\n\nThe repurchases will start on Tuesday and will be carried out on the stock exchange by a bank acting independently of the company, Brixham said in a statement. The shares bought will be cancelled.\n\nThe company said its solvency ratio stood at 214 percent at the end of September, against a target range of 170 to 200 percent, and that the program would lower the ratio by about 9 points. It kept its forecast for the full year.'),
 (5, 'brixham_insurer', '2026-11-23 11:45+00', E'Nov 23 - Insurer Brixham said on Monday it would buy back up to 250 million euros of its own shares by the end of June next year, after its capital position came in above the top of its target range at the end of the third quarter.\n\nThe repurchases will start on Tuesday and will be carried out on the stock exchange by a bank acting independently of the company, Brixham said in a statement. The shares bought will be cancelled.\n\nThe company said its solvency ratio stood at 214 percent at the end of September, against a target range of 170 to 200 percent, and that the program would lower the ratio by about 9 points. It kept its forecast for the full year.');
UPDATE ni SET fp = fingerprint(body);
SELECT b.name AS other, shingle_count(b.fp) AS evidence,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       same_story(b.fp, a.fp) AS reversed,
       story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at) IS NOT NULL AS story_match
  FROM ni a JOIN ni b ON b.id <> a.id
 WHERE a.name = 'brixham'
 ORDER BY b.id;
-- Lostwithiel's item against Brixham's versions: the re-send is parted
-- now as the original is, and the "Insurer Brixham" version was by the
-- names already (no subject hash shared).  What is left: the version whose
-- subject is Brixham's alone shares none with Lostwithiel's item either,
-- but "Insurance", one of Lostwithiel's subject hashes, is among its names,
-- so the names cannot judge that pair, and it stays one story
SELECT b.name AS other, same_story(a.fp, b.fp) AS same_story
  FROM ni a JOIN ni b ON b.id > 2
 WHERE a.name = 'lostwithiel'
 ORDER BY b.id;
-- the batch: Brixham's versions one story, Lostwithiel's item alone
SELECT f.name, s.name AS story
  FROM cluster_stories('ni', 'id', 'fp', 'published_at') c
  JOIN ni f ON f.id = c.id
  JOIN ni s ON s.id = c.story
 ORDER BY f.id;
DROP TABLE ni;

DROP TABLE nm;
