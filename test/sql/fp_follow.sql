--
-- Where a hash stands, and follow-ups (fp_evidence.h, NP_FP_FOLLOW_SHARE;
-- doc/fingerprint.md, "Where a hash stands"; doc/stories.md,
-- "Follow-ups").  A follow-up (a sentencing after the verdict, the
-- target's reply to a bid) repeats the earlier story's background
-- paragraphs word for word under a lead of its own: same_story links the
-- two (the follow-up does carry some of the story's copy), and the story
-- rule joined them at a quarter of the follow-up.  A version 2
-- fingerprint of a text with a subject now keeps, for each hash of its
-- sample, the paragraph it stands in (0: the lead), and the story rule
-- parts a pair that shares under half of each side, no lead, and on each
-- side text of one or two paragraphs.  An update keeps the lead; a
-- newspaper's trimmed copy keeps the lead and the first paragraphs; a
-- rewrite with a new lead keeps most of the body, spread over many
-- paragraphs: each still joins.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE fu (id int PRIMARY KEY, name text, published_at timestamptz, body text,
	fp fingerprint);
INSERT INTO fu (id, name, published_at, body) VALUES
 (1, 'verdict', '2026-11-04 16:00+00', E'LONDON, Nov 4 (Reuters) - A former Kestrel Bank currency trader, Oskar Vellum, was found guilty on Wednesday of rigging the sterling fixing over two years, after a nine-week trial at Southwark Crown Court.\n\nThe jury took four days to convict Vellum, 46, on two counts of conspiracy to defraud, the Serious Fraud Office said. He had denied both counts and told the court his trades followed ordinary market practice.\n\nProsecutors said Vellum and two colleagues at other banks swapped client orders in an online chat room before the daily fix, moving the rate in their favour on at least forty occasions between 2021 and 2023.\n\nKestrel Bank, which dismissed Vellum in 2023 after an internal review, was fined 38 million pounds by the Financial Conduct Authority last year over the same conduct and cooperated with the investigation.\n\nThe two other traders, who worked at banks in Frankfurt and Zurich, were acquitted in March after a separate trial in which the jury could not be sure they knew the orders were being shared.\n\nJudge Amelia Rushworth released Vellum on bail and said she would pass sentence next month after reading reports on his finances.'),
 (2, 'sentencing', '2026-11-05 09:30+00', E'LONDON, Nov 5 (Reuters) - Oskar Vellum, who dealt in currencies for Kestrel Bank until 2023, was jailed for four and a half years on Thursday, the longest term yet handed down in Britain for manipulating a currency benchmark.\n\nJudge Amelia Rushworth told Southwark Crown Court that Vellum had treated the market as a private club and had shown no remorse, and ordered him to repay 1.2 million pounds within three months or serve two more years.\n\nProsecutors said Vellum and two colleagues at other banks swapped client orders in an online chat room before the daily fix, moving the rate in their favour on at least forty occasions between 2021 and 2023.\n\nKestrel Bank, which dismissed Vellum in 2023 after an internal review, was fined 38 million pounds by the Financial Conduct Authority last year over the same conduct and cooperated with the investigation.\n\nHis lawyers said he would appeal against both the conviction and the sentence. He was led to the cells after the hearing, and his wife left the building without speaking to reporters.'),
 (3, 'update', '2026-11-04 18:10+00', E'LONDON, Nov 4 (Reuters) - A former Kestrel Bank currency trader, Oskar Vellum, was found guilty on Wednesday of rigging the sterling fixing over two years, after a nine-week trial at Southwark Crown Court.\n\nThe jury took four days to convict Vellum, 46, on two counts of conspiracy to defraud, the Serious Fraud Office said. He had denied both counts and told the court his trades followed ordinary market practice.\n\nThe head of the fraud office said the verdict showed that benchmark rigging would be pursued however long an inquiry took, and that the office was still examining trading at two other banks.\n\nProsecutors said Vellum and two colleagues at other banks swapped client orders in an online chat room before the daily fix, moving the rate in their favour on at least forty occasions between 2021 and 2023.\n\nKestrel Bank, which dismissed Vellum in 2023 after an internal review, was fined 38 million pounds by the Financial Conduct Authority last year over the same conduct and cooperated with the investigation.\n\nThe two other traders, who worked at banks in Frankfurt and Zurich, were acquitted in March after a separate trial in which the jury could not be sure they knew the orders were being shared.\n\nJudge Amelia Rushworth released Vellum on bail and said she would pass sentence next month after reading reports on his finances.\n\nShares in Kestrel Bank closed little changed, and a spokeswoman for the bank declined to comment beyond a statement welcoming the end of the case.'),
 (4, 'trimmed', '2026-11-05 05:30+00', E'A former Kestrel Bank currency trader, Oskar Vellum, was found guilty yesterday of rigging the sterling fixing over two years, after a nine-week trial at Southwark Crown Court.\n\nThe jury took four days to convict Vellum, 46, on two counts of conspiracy to defraud, the Serious Fraud Office said. He had denied both counts and told the court his trades followed ordinary market practice.\n\nProsecutors said Vellum and two colleagues at other banks swapped client orders in an online chat room before the daily fix.'),
 (5, 'rewrite', '2026-11-05 06:00+00', E'A currency dealer who swapped client orders with rivals in a chat room faces jail after a jury at Southwark Crown Court decided he had cheated the market for two years.\n\nOskar Vellum, 46, who worked for Kestrel Bank, was convicted of two counts of conspiracy to defraud. He had denied both counts and told the court his trades followed ordinary market practice.\n\nThe two other traders, who worked at banks in Frankfurt and Zurich, were acquitted in March after a separate trial in which the jury could not be sure they knew the orders were being shared.\n\nProsecutors said Vellum and the two colleagues moved the rate in their favour on at least forty occasions between 2021 and 2023.\n\nKestrel Bank, which dismissed Vellum in 2023 after an internal review, was fined 38 million pounds by the Financial Conduct Authority last year over the same conduct and cooperated with the investigation.\n\nJudge Amelia Rushworth released Vellum on bail and said she would pass sentence next month after reading reports on his finances.');
UPDATE fu SET fp = fingerprint(body);

-- a text with a subject keeps its names and then, after its figures if it
-- holds any, its places: "p" and 8 hexadecimal digits for every 10 hashes
SELECT name, shingle_count(fp) AS evidence,
       split_part(fp::text, ':', 6) ~ '^m[0-9a-f]{32}$' AS names_kept,
       split_part(fp::text, ':p', 2) ~ ('^[0-9a-f]{' || 8 * ((sample_size(fp) + 9) / 10) || '}$') AS places_kept
  FROM fu ORDER BY id;

-- every pair with the verdict: the sentencing, which repeats its
-- prosecution and bank paragraphs under a new lead, is same_story (it
-- carries that copy); the update, the trimmed copy and the rewrite join.
-- The sentencing joins too: within the window a pair that shares
-- STORY_PARTIAL_SHARED (30) sampled hashes or more is not refused as a
-- follow-up (a newspaper's partial version of the wire has that shape),
-- and the sentencing shares 42, 17.5 hours after the verdict: the cost
-- of that exemption (doc/stories.md, "Follow-ups")
SELECT b.name AS other,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       same_story(b.fp, a.fp) AS reversed,
       a.fp %> b.fp AS contains,
       story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at) IS NOT NULL AS story_match
  FROM fu a JOIN fu b ON b.id <> a.id
 WHERE a.name = 'verdict'
 ORDER BY b.id;
-- and the sentencing against each version of the verdict as a leader
-- (before the follow-up test it joined the verdict, the update and the
-- rewrite; the verdict and the update it shares 42 hashes with)
SELECT b.name AS leader,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       story_match(a.fp, b.fp, a_time => a.published_at, b_time => b.published_at) IS NOT NULL AS story_match
  FROM fu a JOIN fu b ON b.id <> a.id
 WHERE a.name = 'sentencing'
 ORDER BY b.id;

-- the batch: the verdict's versions one story, and the sentencing with
-- them (42 shared hashes within the window)
SELECT f.name, s.name AS story
  FROM cluster_stories('fu', 'id', 'fp', 'published_at') c
  JOIN fu f ON f.id = c.id
  JOIN fu s ON s.id = c.story
 ORDER BY f.id;

-- assign_story() at insert time agrees
CREATE TABLE fu_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                         published_at timestamptz);
CREATE INDEX ON fu_leaders USING npidx (fp);
SELECT name, (SELECT s.name FROM fu s WHERE s.id = a.story) AS story
  FROM (SELECT * FROM fu ORDER BY published_at) fu,
       LATERAL (SELECT assign_story('fu_leaders', id, fp, published_at) AS story) a
 ORDER BY id;
DROP TABLE fu_leaders;

-- an npidx index answers as the scan does (same_story: the sentencing
-- carries some of the verdict's copy)
CREATE INDEX fu_fp ON fu USING npidx (fp);
SET enable_seqscan = off;
SELECT a.name, array_agg(b.name ORDER BY b.id) AS same_story
  FROM fu a JOIN fu b ON same_story(b.fp, a.fp) AND b.id <> a.id
 GROUP BY a.id, a.name ORDER BY a.id;
RESET enable_seqscan;
SELECT a.name, array_agg(b.name ORDER BY b.id) AS same_story
  FROM fu a JOIN fu b ON same_story(b.fp, a.fp) AND b.id <> a.id
 GROUP BY a.id, a.name ORDER BY a.id;

-- a line ends at a line feed, a lone carriage return, a form feed or a
-- line or paragraph separator alike (as plaintext.c splits lines): the
-- verdict not cleaned keeps its paragraphs, and so the same places and
-- fingerprint, whichever ends its lines (with lone carriage returns or
-- form feeds, every hash stood in the lead or in a paragraph of 80 words
-- before); spaces for line ends leave one paragraph of 80 words
SELECT sep, fingerprint(replace(body, E'\n', s), false) =
       fingerprint(body, false) AS same_fingerprint,
       split_part(fingerprint(replace(body, E'\n', s), false)::text, ':p', 2) =
       split_part(fingerprint(body, false)::text, ':p', 2) AS same_places
  FROM fu, (VALUES ('crlf', E'\r\n'), ('cr', E'\r'), ('ff', E'\f'),
                   ('u2028', U&'\2028'), ('u2029', U&'\2029'), ('space', ' ')) v(sep, s)
 WHERE name = 'verdict';

-- the places are no index key: the keys are the hashes alone
SELECT name, (SELECT count(*) FROM unnest(npidx_keys(fp))) = sample_size(fp) AS keys_are_hashes
  FROM fu ORDER BY id;

-- without a time test (where no share exempts a follow-up) the story
-- rule still refuses the sentencing
SELECT story_match(b.fp, a.fp) IS NOT NULL AS without_times
  FROM fu a, fu b WHERE a.name = 'verdict' AND b.name = 'sentencing';
-- the sentencing under a lead without a name has no subject; it keeps
-- its names, figures and places (since the twenty-sixth session), but
-- the follow-up test asks both sides for a subject, and it joins: a
-- newspaper's own piece under a lead without a name that works in a wire
-- paragraph is a partial version as often (doc/fingerprint.md, "A lead
-- without a name")
SELECT split_part(x.fp::text, ':', 5) >= '00100000' AS no_subject,
       x.fp::text ~ ':p[0-9a-f]+$' AS places_kept,
       story_match(x.fp, a.fp) IS NOT NULL AS without_times
  FROM fu a, fu b,
       LATERAL (SELECT fingerprint(replace(replace(b.body,
                  'Oskar Vellum, who dealt in currencies for Kestrel Bank until 2023,',
                  'A former currency trader'), ' in Britain for', ' for'))) x(fp)
 WHERE a.name = 'verdict' AND b.name = 'sentencing';
-- without its places (a literal that leaves them out, as every
-- fingerprint did before) a text is not parted by them: nothing is known
SELECT story_match(b.fp, (split_part(a.fp::text, ':p', 1))::fingerprint,
                   a_time => b.published_at, b_time => a.published_at) IS NOT NULL AS without_places,
       story_match((split_part(b.fp::text, ':p', 1))::fingerprint, a.fp,
                   a_time => b.published_at, b_time => a.published_at) IS NOT NULL AS reversed
  FROM fu a, fu b WHERE a.name = 'verdict' AND b.name = 'sentencing';

-- the text literal and the binary form keep the places
SELECT name, fp::text::fingerprint = fp AS literal_round_trip,
       length(fingerprint_send(fp)) = 12 + 4 * sample_size(fp) + 16 +
         length(split_part(split_part(fp::text, ':f', 2), ':', 1)) / 2 +
         4 + 4 * ((sample_size(fp) + 9) / 10) AS sent_with_places
  FROM fu ORDER BY id;
CREATE TEMP TABLE fu_bin (id int, f fingerprint);
INSERT INTO fu_bin SELECT id, fp FROM fu;
COPY fu_bin TO PROGRAM 'cat > newsprint_places_regress.bin' (FORMAT binary);
CREATE TEMP TABLE fu_bin2 (LIKE fu_bin);
COPY fu_bin2 FROM PROGRAM 'cat newsprint_places_regress.bin' (FORMAT binary);
SELECT a.id, a.f = b.f AS same, a.f::text = b.f::text AS same_literal
  FROM fu_bin a JOIN fu_bin2 b USING (id) ORDER BY id;
-- binary messages of 2 hashes with names, then sections after them: the
-- places' tag word ("P", 1 word) and one word of places, the second hash
-- in paragraph 1, are read; then the figures' section (one figure, 0xc)
-- and the places after it, read and written back in that order
CREATE TEMP TABLE fu_raw (b bytea);
INSERT INTO fu_raw SELECT pg_read_binary_file('newsprint_places_regress.bin');
CREATE FUNCTION pg_temp.fu_message(fp bytea) RETURNS text LANGUAGE sql AS $$
  SELECT translate(encode(substr(b, 1, 19) || '\x000200000004000000b5'::bytea
         || int4send(length(fp)) || fp || '\xffff'::bytea, 'base64'), E'\n', '')
    FROM fu_raw $$;
-- refused (22P03) after them: places without their tag word (as a
-- development build wrote them), a place beyond the last hash, two words
-- of places, a count that is not the sample's, the places before the
-- figures, two sections of places, a section of an unknown tag
SET client_min_messages = notice;
DO $$
DECLARE
  t text;
  detail text;
BEGIN
  FOREACH t IN ARRAY ARRAY['5000000100000008',
    '460000010000000c5000000100000008', '00000008', '5000000100000040',
    '500000020000000800000000', '5000000200000008',
    '5000000100000008460000010000000c', '50000001000000085000000100000008',
    '5100000100000008'] LOOP
    EXECUTE format('COPY (SELECT pg_temp.fu_message(%L::bytea)) TO PROGRAM %L',
                   '\x0203000400000002000000020000000100000021'
                   || '000000000000000000000000000000ff' || t,
                   'base64 -d > newsprint_places_regress_cut.bin');
    BEGIN
      EXECUTE 'COPY fu_bin2 FROM PROGRAM ''cat newsprint_places_regress_cut.bin'' (FORMAT binary)';
      SELECT f::text || ' sent ' || fingerprint_send(f)::text INTO detail
        FROM fu_bin2 WHERE id = 181;
      DELETE FROM fu_bin2 WHERE id = 181;
      RAISE NOTICE '%: read %', t, detail;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
      RAISE NOTICE '%: % %', t, SQLSTATE, detail;
    END;
  END LOOP;
END $$;
SET client_min_messages = warning;
COPY (SELECT 1) TO PROGRAM 'rm -f newsprint_places_regress.bin newsprint_places_regress_cut.bin';

-- literals: the places are "p" and 8 hexadecimal digits for every 10
-- hashes after the names; the unused bits are 0
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:p00000008'::fingerprint;
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:p00000040'::fingerprint;
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:p0000000800000000'::fingerprint;
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:p0008'::fingerprint;
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:q00000008'::fingerprint;
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:p0000000g'::fingerprint;
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:'::fingerprint;
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:p'::fingerprint;
SELECT 'v2:w3:k4:n0::m000000000000000000000000000000ff:p00000000'::fingerprint;
SELECT 'v2:w3:k4:n2:0000000100000021:p00000008'::fingerprint;
-- with the figures between the names and the places (":m", ":f", ":p"
-- in that order), the literal round-trips; out of order it is refused
SELECT f::text, f::text::fingerprint = f AS round_trip,
       length(fingerprint_send(f)) AS sent
  FROM (SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:f460000010000000c:p00000008'::fingerprint AS f) t;
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:p00000008:f460000010000000c'::fingerprint;
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:f460000010000000c:f460000010000000c:p00000008'::fingerprint;
SELECT 'v2:w3:k4:n2:0000000100000021:m000000000000000000000000000000ff:f460000010000000c:'::fingerprint;

DROP TABLE fu;
