--
-- hostile_stories: hostile input for what sessions 24-27 added to the
-- fingerprint and the story rule (review28): the subject's runs and source
-- tags, the figures and their dates, the next-day and late copies of
-- story_match() and assign_story().  Each input must give an answer or an
-- error with its own SQLSTATE; those that would hang if a scan grew with
-- the text run under a statement_timeout, which they meet by far.
--
SET search_path = public, newsprint;

-- 1. Degenerate texts, raw and cleaned: empty, one word, figures alone,
-- capitals alone (a headline in capitals 625 times, "25 MAY LOSE" in it),
-- one name 100,000 times, a lead of 10 MB without a space and a source
-- tag of 1 MB without one.  Each is a fingerprint, with names and figures
-- where it has them; a text joins itself only with min_shared (16) hashes
-- or more (the figures alone here: the repeated ones have a handful of
-- shingles), and none joins an ordinary article nor it them.  The timeout
-- is for a scan that would grow with the square of a word or a line
SET statement_timeout = '120s';
CREATE TEMP TABLE hs_text AS
SELECT * FROM (VALUES
  (1, 'empty', ''),
  (2, 'one_word', 'Otterham'),
  (3, 'figures', (SELECT string_agg(g || ',' || (g * 7 % 1000) || '.5 ' || (g % 97) || ' pct 25 May', ' ') FROM generate_series(1, 5000) g)),
  (4, 'capitals', repeat('UNION FEARS 25 MAY LOSE JOBS AT OTTERHAM PLANT ', 625)),
  (5, 'one_name', repeat('Otterham ', 100000)),
  (6, 'lead_no_space', repeat('x', 10000000) || E'\nDufy Corp said on Tuesday that 2,400 of its workers would lose their jobs.'),
  (7, 'tag_no_space', 'Nov 23 (' || repeat('F', 1000000) || ') Fitch Ratings has affirmed Otterham Shipping at BBB.'),
  (8, 'ordinary', 'Dufy Corp said on Tuesday that 2,400 of its 50,000 workers would lose their jobs when its plant in Otterham closes next year. ' ||
                  'The company said sales had fallen by 1.2 billion euros in the third quarter, and that it would sell two smaller plants in Spain. ' ||
                  'Unions said they would call a strike if the company did not withdraw the plan by the end of the month.')) t(id, name, body);
CREATE TEMP TABLE hs_fp AS
SELECT id, name, c AS cleaned, fingerprint(body, c) AS fp
  FROM hs_text, (VALUES (false), (true)) v(c);
RESET statement_timeout;
SELECT name, cleaned, shingle_count(fp), sample_size(fp),
       fp::text LIKE '%:m%' AS names, substring(fp::text from ':(f[0-9a-f]+)') AS figures
  FROM hs_fp ORDER BY id, cleaned;
SELECT a.name, a.cleaned, story_match(a.fp, a.fp) IS NOT NULL AS joins_itself,
       story_match(a.fp, o.fp) IS NOT NULL AS joins_ordinary,
       story_match(o.fp, a.fp) IS NOT NULL AS ordinary_joins_it
  FROM hs_fp a JOIN hs_fp o ON o.id = 8 AND o.cleaned = a.cleaned
 WHERE a.id <> 8
 ORDER BY a.id, a.cleaned;

-- 2. The binary form, cut short at every byte and with each of its words
-- overwritten by 0, 1, 2^31 - 1, 2^31, 2^32 - 1 and the word plus or minus
-- one (a version 2 fingerprint of 16 hashes with names, figures and
-- places: the announced counts of hashes, figures and places among
-- them).  Each message is refused with 22P03 or read as a well-formed
-- fingerprint: a cut after the hashes, the names or the figures (each
-- section is optional), a hash or a name bit changed in order
CREATE TEMP TABLE hs_recv (f fingerprint);
CREATE FUNCTION pg_temp.recv_state(msg bytea) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  -- a COPY BINARY file of one row: header, field count, length, value, trailer
  EXECUTE format('COPY (SELECT translate(encode(%L::bytea, ''base64''), E''\n'', '''')) TO PROGRAM %L',
                 '\x5047434f50590aff0d0a00'::bytea || int4send(0) || int4send(0) || int2send(1::int2) ||
                 int4send(length(msg)) || msg || '\xffff'::bytea,
                 'base64 -d > newsprint_hostile_recv.bin');
  TRUNCATE hs_recv;
  COPY hs_recv FROM PROGRAM 'cat newsprint_hostile_recv.bin' (FORMAT binary);
  RETURN CASE WHEN (SELECT f FROM hs_recv)::text::fingerprint = (SELECT f FROM hs_recv) THEN 'read' END;
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE;
END $$;
CREATE TEMP TABLE hs_msg AS
SELECT fingerprint_send(fingerprint(body, false, 16)) AS b FROM hs_text WHERE id = 8;
SELECT length(b), encode(substr(b, 1, 12), 'hex') AS header, encode(substr(b, 77), 'hex') AS after_hashes FROM hs_msg;
SELECT pg_temp.recv_state(substr(b, 1, l)) AS state, count(*),
       array_agg(l ORDER BY l) FILTER (WHERE pg_temp.recv_state(substr(b, 1, l)) = 'read') AS lengths_read
  FROM hs_msg, generate_series(0, length(b)) l
 GROUP BY 1 ORDER BY 1;
SELECT pg_temp.recv_state(overlay(b placing v from o for 4)) AS state, count(*)
  FROM hs_msg, generate_series(1, length(b) - 3, 4) o,
       LATERAL (SELECT get_byte(b, o - 1)::bigint << 24 | get_byte(b, o) << 16 |
                       get_byte(b, o + 1) << 8 | get_byte(b, o + 2) AS w) AS x,
       LATERAL (VALUES (0::bigint), (1), (2147483647), (2147483648), (4294967295),
                       ((w + 1) % 4294967296), ((w + 4294967295) % 4294967296)) AS y(n),
       LATERAL (SELECT substr(int8send(n), 5, 4) AS v) AS z
 GROUP BY 1 ORDER BY 1;
-- the counts themselves: hashes announced, and the figures' and places'
-- tag words with their counts inflated
SELECT what, pg_temp.recv_state(overlay(b placing v from o for 4)) AS state
  FROM hs_msg,
       (VALUES ('hashes + 1', 9, '\x00000011'::bytea), ('hashes 65536', 9, '\x00010000'),
               ('hashes 2^31', 9, '\x80000000'), ('hashes 0', 9, '\x00000000'),
               ('figures count 255', 93, '\x460000ff'), ('figures count 0', 93, '\x46000000'),
               ('places count 3', 105, '\x50000003'), ('places count 2^24 - 1', 105, '\x50ffffff')) AS t(what, o, v)
 ORDER BY what;
COPY (SELECT 1) TO PROGRAM 'rm -f newsprint_hostile_recv.bin';

-- 3. The literal of the same fingerprint, cut short at every character,
-- every character replaced by each of nine others, and its counts out of
-- range: 22P02 or a well-formed fingerprint (a cut after a section)
CREATE FUNCTION pg_temp.in_state(lit text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN CASE WHEN lit::fingerprint::text = lit THEN 'read' ELSE 'read, other text' END;
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE;
END $$;
CREATE TEMP TABLE hs_lit AS
SELECT fingerprint((SELECT body FROM hs_text WHERE id = 8), false, 16)::text AS t;
SELECT t FROM hs_lit;
SELECT pg_temp.in_state(substr(t, 1, l)) AS state, count(*),
       array_agg(l ORDER BY l) FILTER (WHERE pg_temp.in_state(substr(t, 1, l)) LIKE 'read%') AS lengths_read
  FROM hs_lit, generate_series(0, length(t)) l
 GROUP BY 1 ORDER BY 1;
SELECT pg_temp.in_state(overlay(t placing c from p for 1)) AS state, count(*)
  FROM hs_lit, generate_series(1, length(t)) p,
       unnest(ARRAY['0', '9', 'f', 'g', ':', '-', ' ', 'v', E'\u00e9']) c
 GROUP BY 1 ORDER BY 1;
SELECT n, pg_temp.in_state(regexp_replace(t, ':n[0-9]+:', ':n' || n || ':')) AS shingles,
       pg_temp.in_state(regexp_replace(t, ':k[0-9]+:', ':k' || n || ':')) AS sketch_size
  FROM hs_lit,
       unnest(ARRAY['0', '15', '16', '17', '65535', '65536', '2147483648', '4294967295',
                    '4294967296', '99999999999999999999', '-1', '']) n;

-- 4. NULL and infinite arguments of the story functions.  story_match():
-- a NULL fingerprint gives NULL, a NULL rule parameter its default, a NULL
-- time or window no time test; an infinite time is beyond any window (a
-- late or next-day copy, which the same text is), an infinite window is
-- no interval
CREATE TEMP TABLE hs_story AS
SELECT fingerprint(string_agg('Officials in Ankara said ' || i || ' people were moved from district ' ||
                              (i * 7 % 13) || ' on Monday.', ' ')) AS f
  FROM generate_series(1, 40) i;
SELECT story_match(NULL, f) IS NULL AS null_a, story_match(f, NULL) IS NULL AS null_b,
       story_match(f, f) AS plain, story_match(f, f, NULL, NULL, NULL, NULL, NULL) AS null_rule,
       story_match(f, f, a_time => now(), b_time => NULL) AS null_b_time,
       story_match(f, f, a_time => now(), b_time => now() - interval '3 days', time_window => NULL) AS null_window,
       story_match(f, f, a_time => 'infinity', b_time => '-infinity') AS infinite_times,
       story_match(f, f, a_time => '-infinity', b_time => 'infinity') AS infinite_times_reversed
  FROM hs_story;
\set VERBOSITY sqlstate
SELECT story_match(f, f, a_time => now(), b_time => now(), time_window => '-1 hour') FROM hs_story;
SELECT story_match(f, f, threshold => 'NaN') FROM hs_story;
SELECT story_match(f, f, min_named => 2147483647) FROM hs_story;
SELECT story_match(f, f, tiny_similarity => 'Infinity') FROM hs_story;
\set VERBOSITY default
-- assign_story(): a NULL table or id is an error, a NULL fingerprint no
-- story, a NULL time or rule parameter as in story_match(); an article at
-- +-infinity joins the leader as a copy beyond the window
CREATE TEMP TABLE hs_leaders (story bigint PRIMARY KEY, fp fingerprint, published_at timestamptz);
CREATE INDEX ON hs_leaders USING npidx (fp);
SELECT assign_story(NULL, 1, f) FROM hs_story;
SELECT assign_story('hs_leaders', NULL, f) FROM hs_story;
SELECT assign_story('hs_leaders', 1, NULL) IS NULL AS no_story FROM hs_story;
SELECT assign_story('hs_leaders', 2, f, '2026-01-01') FROM hs_story;
SELECT n, assign_story('hs_leaders', n, f, t, NULL, NULL, NULL, NULL, NULL, w)
  FROM hs_story, (VALUES (3, '2026-01-01 10:00'::timestamptz, NULL::interval), (4, NULL, '20 hours'),
                         (5, 'infinity', '20 hours'), (6, '-infinity', '20 hours'),
                         (7, '2026-01-09', '20 hours')) v(n, t, w)
 ORDER BY n;
\set VERBOSITY sqlstate
SELECT assign_story('hs_leaders', 8, f, now(), time_window => '-1 day') FROM hs_story;
\set VERBOSITY default
SELECT story, published_at FROM hs_leaders ORDER BY story;
-- cluster_stories(), story_clusters() and create_story_views() of NULLs:
-- errors that say what is missing; a NULL window is none
CREATE TEMP TABLE hs_articles (id bigint, fp fingerprint, published_at timestamptz);
INSERT INTO hs_articles SELECT g, f, '2026-01-01'::timestamptz + g * interval '10 hours' FROM hs_story, generate_series(1, 4) g;
INSERT INTO hs_articles VALUES (5, NULL, '2026-01-01'), (6, (SELECT f FROM hs_story), NULL),
                               (7, (SELECT f FROM hs_story), 'infinity'), (8, (SELECT f FROM hs_story), '-infinity');
SELECT * FROM cluster_stories(NULL);
SELECT * FROM cluster_stories('hs_articles', NULL);
SELECT * FROM cluster_stories('hs_articles', 'id', NULL);
SET client_min_messages = warning;
SELECT id, story, leads FROM cluster_stories('hs_articles', 'id', 'fp', 'published_at') ORDER BY id;
SELECT id, story, leads FROM cluster_stories('hs_articles', 'id', 'fp', 'published_at', time_window => NULL) ORDER BY id;
RESET client_min_messages;
SELECT * FROM story_clusters(NULL, NULL, NULL, NULL);
SELECT create_story_views(NULL);
