--
-- Names, figures and places of a text without a subject (doc/fingerprint.md,
-- "The subject", "The layout").  A lead that opens with no name ("Oil
-- prices rose ...", "Police have ...", a page header) gives no subject.
-- Until the twenty-sixth session such a fingerprint kept none of the
-- sections after its hashes either, so that the figures test, the
-- follow-up test and every other reader of the sections could not help
-- it.  It keeps them now when its text holds a name or a figure; its
-- subject hashes stay as they were (none), and its names are never looked
-- up (that test asks both sides for a subject).
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE ns AS
SELECT id, name, published_at::timestamptz AS published_at, body, fingerprint(body) AS fp
  FROM (VALUES
 (1, 'oil_thu', '2026-11-12 17:00+00', E'LONDON, Nov 12 (Reuters) - Oil prices rose on Thursday after government figures showed that stockpiles of crude had shrunk by 4.6 mln barrels last week, more than traders had expected.\n\nBrent crude futures rose 1.35 dollars, or 1.8 pct, to settle at 76.42 a barrel, while U.S. West Texas Intermediate crude gained 1.12 dollars to 72.18.\n\nTrading volumes were thin, with about 310,000 Brent contracts changing hands, and the spread between the two benchmarks widened to 4.24 dollars, its widest since the summer.\n\nRefiners on the Gulf Coast ran at close to full capacity as they built stocks of heating oil ahead of the winter, a shipbroker said, and exports of crude from Houston rose for a third week as buyers in Europe replaced cargoes from the North Sea.\n\nThe market has swung between worries about weak demand in China and Europe and the prospect of tighter supply from producers, who meet early next month to decide whether to extend their output cuts into the first half of next year.'),
 (2, 'oil_fri', '2026-11-13 17:00+00', E'LONDON, Nov 13 (Reuters) - Oil prices fell on Friday as a stronger dollar and profit taking after the rally of the past three sessions weighed on the market.\n\nBrent crude futures fell 2.07 dollars, or 2.7 pct, to settle at 74.35 a barrel, while U.S. West Texas Intermediate crude lost 1.64 dollars to 70.54.\n\nBrent ended the week up 0.9 pct and WTI 0.6 pct, with about 285,000 Brent contracts traded on the day, and money managers cut their bets on higher prices for a second week.\n\nShipping rates for supertankers carrying crude from the Middle East to Asia fell by a fifth this week, brokers said, as Chinese refiners bought fewer cargoes for December delivery and drew on their own stocks instead.\n\nThe market has swung between worries about weak demand in China and Europe and the prospect of tighter supply from producers, who meet early next month to decide whether to extend their output cuts into the first half of next year.'),
 (3, 'no_name_no_figure', '2026-11-13 18:00+00', E'police said a man was hurt when his car left the road near the village late on sunday night and hit a stone wall, and that the road was closed for some hours while officers examined the scene and spoke to the people who had seen it happen.')) v(id, name, published_at, body);

-- the two reports have no subject (their first hash is no subject hash,
-- none being under 2^20) and keep their names, figures and places; a text
-- without a name or a figure keeps none of them, as before
SELECT name, shingle_count(fp) AS evidence,
       substr(split_part(fp::text, ':', 5), 1, 8) >= '00100000' AS no_subject,
       fp::text ~ ':m[0-9a-f]{32}(:|$)' AS names_kept,
       fp::text ~ ':f4600[0-9a-f]{4}([0-9a-f]{8})+(:|$)' AS figures_kept,
       fp::text ~ ':p[0-9a-f]+$' AS places_kept
  FROM ns ORDER BY id;

-- the two days' reports share the market's background paragraph and
-- none of their figures: two items now (same_story on main, where
-- neither kept its figures); the story rule, given the times, keeps them
-- apart too
SELECT round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at) IS NOT NULL AS story_match
  FROM ns a, ns b WHERE a.name = 'oil_thu' AND b.name = 'oil_fri';
SELECT f.name, s.name AS story
  FROM cluster_stories('ns', 'id', 'fp', 'published_at') c
  JOIN ns f ON f.id = c.id JOIN ns s ON s.id = c.story
 WHERE f.id < 3 ORDER BY f.id;

-- a value stored before (a literal of the old form, its hashes alone)
-- reads and compares as it did: nothing is known of its figures, and the
-- pair is one story, as on main; the old literal round-trips
SELECT same_story((split_part(a.fp::text, ':m', 1))::fingerprint,
                  (split_part(b.fp::text, ':m', 1))::fingerprint) AS old_form,
       same_story((split_part(a.fp::text, ':m', 1))::fingerprint, b.fp) AS one_old,
       (split_part(a.fp::text, ':m', 1))::fingerprint::text = split_part(a.fp::text, ':m', 1) AS round_trip
  FROM ns a, ns b WHERE a.name = 'oil_thu' AND b.name = 'oil_fri';

-- the binary form holds the sections after the hashes (the fixed part,
-- the hashes, the names and the sections' words), the literal reads back
-- whole, and npidx's keys are the hashes alone, with or without them
SELECT name, length(fingerprint_send(fp)) - 12 - 4 * sample_size(fp) AS bytes_after_hashes,
       (fp::text)::fingerprint = fp AS literal_round_trip,
       npidx_keys(fp) = npidx_keys((split_part(fp::text, ':m', 1))::fingerprint) AS same_keys
  FROM ns ORDER BY id;

DROP TABLE ns;
