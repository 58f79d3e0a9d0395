--
-- The subject's name as evidence (fp_evidence.h, NP_FP_SUBJECT_BITS;
-- doc/fingerprint.md, "The subject").  Two companies' items in one house
-- formula share all their running text; each company's name stands before
-- "said", in fact shingles, which are no evidence.  Without the subject the
-- two samples were the formula's, and same_story linked the twins at
-- containment 1.00 (the shorter notice wholly in the longer; a table under
-- another company's title with the same figures).  The lead's first name
-- is now in the sample, and a pair with a brief whose subjects share
-- nothing is two items.  Re-sends (a dateline or a flag added, the
-- dateline under a table's title), a correction of one figure, the
-- correction of a misspelt name and a copy that puts a phrase after the
-- name keep the subject, and still match.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE subj (id int PRIMARY KEY, name text, published_at timestamptz, body text,
	fp fingerprint);
INSERT INTO subj (id, name, published_at, body) VALUES
 (1, 'dufy', '2026-11-02 09:00+00', E'Dufy Corp said its board declared a regular quarterly dividend of 25 cts a share, payable November 2 to shareholders of record October 9.'),
 (2, 'hobart', '2026-11-02 09:05+00', E'Hobart Mills Inc said its board declared a regular quarterly dividend of 25 cts a share, payable November 2 to shareholders of record October 9.\nThe company said the board also approved a plan to open two stores in Ohio next year.'),
 (3, 'dufy_resent', '2026-11-02 09:10+00', E'NEW YORK, Nov 2 - Dufy Corp said its board declared a regular quarterly dividend of 25 cts a share, payable November 2 to shareholders of record October 9.'),
 (4, 'dufy_urgent', '2026-11-02 09:12+00', E'URGENT: Dufy Corp said its board declared a regular quarterly dividend of 25 cts a share, payable November 2 to shareholders of record October 9.'),
 (5, 'dufy_corrected', '2026-11-02 09:30+00', E'CORRECTED - Dufy Corp said its board declared a regular quarterly dividend of 25 cts a share, payable November 2 to shareholders of record October 16.\n(Corrects record date from October 9)'),
 (6, 'dufy_copy', '2026-11-02 10:00+00', E'Dufy Corp, the castings maker, said its board declared a regular quarterly dividend of 25 cts a share, payable November 2 to shareholders of record October 9.'),
 (7, 'dofy_misspelt', '2026-11-02 09:01+00', E'Dofy Corp said its board declared a regular quarterly dividend of 25 cts a share, payable November 2 to shareholders of record October 9.'),
 (8, 'corlan_sale', '2026-11-02 11:00+00', E'Corlan Industries Inc said it has agreed in principle to sell its filter unit to a group led by the unit''s management for about 38 mln dlrs in cash and notes.'),
 (9, 'hexham_sale', '2026-11-02 11:10+00', E'Hexham Mills Inc said it has agreed in principle to sell its filter unit to a group led by the unit''s management for about 38 mln dlrs in cash and notes.'),
 (10, 'ardmore_table', '2026-11-02 12:00+00', E'ARDMORE GAS CO <ARDG> SETS QUARTERLY\n\nQtly div 31 cts vs 31 cts prior\n\nPay April 15\n\nRecord March 27'),
 (11, 'fenwick_table', '2026-11-02 12:05+00', E'FENWICK TOOL WORKS INC <FTW> SETS QUARTERLY\n\nQtly div 31 cts vs 31 cts prior\n\nPay April 15\n\nRecord March 27'),
 (12, 'ardmore_resent', '2026-11-02 12:10+00', E'ARDMORE GAS CO <ARDG> SETS QUARTERLY\n\nNORWALK, Conn., March 10 -\n\nQtly div 31 cts vs 31 cts prior\n\nPay April 15\n\nRecord March 27');
UPDATE subj SET fp = fingerprint(body);

-- the subject hashes: below 2^20, the first of the sample, with the name
-- bit; a sentence's opener alone is no subject ("Police said"), nor is a
-- lead without a name
SELECT name, (SELECT count(*) FROM unnest(npidx_keys(fp)) k
               WHERE k >= 0 AND k < 1048576) AS subject_hashes,
       (SELECT bool_and(k & 1 = 1) FROM unnest(npidx_keys(fp)) k
         WHERE k >= 0 AND k < 1048576) AS named
  FROM (SELECT name, fp FROM subj
        UNION ALL SELECT 'police', fingerprint('Police said the van was found in the canal at dawn and that the driver had been arrested.'::text)
        UNION ALL SELECT 'no_name', fingerprint('The van was found in the canal at dawn and the driver was arrested.'::text)) s
 ORDER BY 1;

-- every pair with the first of its company's items: same_story, each
-- side's evidence found in the other, the story rule within the window
-- (two companies' notices, sales and tables are two items; every version
-- of one company's notice or table matches)
SELECT a.name AS first, b.name AS other,
       shingle_count(a.fp) AS a_evidence, shingle_count(b.fp) AS b_evidence,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at) IS NOT NULL AS story_match
  FROM subj a JOIN subj b ON b.id <> a.id
 WHERE a.name IN ('dufy', 'corlan_sale', 'ardmore_table')
   AND (b.id < 8) = (a.id < 8) AND (b.id >= 10) = (a.id >= 10)
 ORDER BY a.id, b.id;

-- the batch form: one story of Dufy's versions, and each other company
-- alone (on main the second sale joined the first).  The table re-sent
-- with a dateline under its title starts a story of its own, as on main:
-- a tiny pair under tiny_similarity (the dateline is four new facts)
SELECT f.name, s.name AS story
  FROM cluster_stories('subj', 'id', 'fp', 'published_at') c
  JOIN subj f ON f.id = c.id
  JOIN subj s ON s.id = c.story
 ORDER BY f.id;

-- an npidx index answers as the scan does
CREATE INDEX subj_fp ON subj USING npidx (fp);
SET enable_seqscan = off;
SELECT a.name, array_agg(b.name ORDER BY b.id) AS same_story
  FROM subj a JOIN subj b ON same_story(b.fp, a.fp) AND b.id <> a.id
 GROUP BY a.id, a.name ORDER BY a.id;
RESET enable_seqscan;
SELECT a.name, array_agg(b.name ORDER BY b.id) AS same_story
  FROM subj a JOIN subj b ON same_story(b.fp, a.fp) AND b.id <> a.id
 GROUP BY a.id, a.name ORDER BY a.id;
DROP TABLE subj;

-- The story rule's minimum evidence counts no subject hash, as
-- is_same_story's does, tiny pairs included: every pair the rule accepts
-- passes is_same_story, with which assign_story()'s index search finds the
-- leaders.  A tiny leader l and a longer x share 5 hashes, one of them a
-- subject (000a0fdb, below 2^20): similarity 0.83, but 4 hashes of running
-- text.  Before, story_match took the pair and cluster_stories() joined x
-- to l, while assign_story() made x a story of its own.
CREATE TABLE subj_min (id bigint, published_at timestamptz, fp fingerprint);
INSERT INTO subj_min VALUES
  (1, '2026-01-01 00:00+00', 'v2:w3:k6:n6:000a0fdb1000000010000002100000041000000630000000'),
  (2, '2026-01-01 01:00+00', 'v2:w3:k6:n40:000a0fdb1000000010000002100000041000000620000000');
SELECT round(similarity(x.fp, l.fp)::numeric, 2) AS similarity,
       is_same_story(l.fp, x.fp, 0.6) AS is_same_story,
       story_match(x.fp, l.fp, min_shared => 5, min_named => 0) AS story_match
  FROM subj_min l, subj_min x WHERE l.id = 1 AND x.id = 2;
SELECT id, story FROM cluster_stories('subj_min', order_column => 'published_at',
                                      min_shared => 5, min_named => 0)
 ORDER BY id;
CREATE TABLE subj_min_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                               published_at timestamptz);
CREATE INDEX ON subj_min_leaders USING npidx (fp);
SELECT id, assign_story('subj_min_leaders', id, fp, published_at,
                        min_shared => 5, min_named => 0) AS story
  FROM subj_min WHERE id = 1;
SELECT id, assign_story('subj_min_leaders', id, fp, published_at,
                        min_shared => 5, min_named => 0) AS story
  FROM subj_min WHERE id = 2;
DROP TABLE subj_min, subj_min_leaders;

-- A subject takes at most one hash in eight of a sample's capacity
-- (NP_FP_SUBJECT_SHARE): in a sample of one hash, the subject was all of
-- it, and two companies whose names share initial and length ("Dufy",
-- "Dale") were similar at 1.0 with nothing else in common.
SELECT k, substr(split_part(fingerprint(t, false, k)::text, ':', 5), 1, 3) = '000'
         AS subject_first
  FROM (VALUES (1), (4), (8), (16), (256)) v(k),
       (VALUES ('Dufy Corp said on Monday it has agreed in principle to sell its castings unit to a group of managers for about 40 mln dlrs.'::text)) s(t)
 ORDER BY k;
SELECT k, similarity(
         fingerprint('Dufy Corp said on Monday it has agreed in principle to sell its castings unit to a group of managers for about 40 mln dlrs.'::text, false, k),
         fingerprint('Dale Corp reported a sharp fall in third-quarter profit as demand for its office furniture weakened across Europe.'::text, false, k)) < 1
         AS apart
  FROM (VALUES (1), (4), (256)) v(k)
 ORDER BY k;
