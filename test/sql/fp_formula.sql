--
-- Formula pairs the names let through (doc/fingerprint.md, "Formula pairs:
-- a source, a lower share").  Two companies' items in one agency formula
-- must be two stories; a version of one item (a copy, a newspaper's
-- rewrite) stays with it.  One case for each change of the twenty-seventh
-- session: a rating agency's source run in the lead, and two results
-- stories sharing under 0.3 of the longer one.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE ff (id int PRIMARY KEY, name text, published_at timestamptz, body text,
	fp fingerprint);
-- 1. A rating agency's formula: the agency's tag in the dateline and its
-- name open every item, so the subject was the agency's (the same for
-- both companies) and the two affirmations were one story.  The subject
-- is now the rated company, the run after the source's; a copy of one
-- under a headline keeps it.  (The names still say "maybe" by chance: a
-- rating item holds many name words, and with other company names both
-- bits of one subject word are often set in the other's names.)
INSERT INTO ff (id, name, published_at, body) VALUES
 (1, 'fitch_kilndown', '2026-11-23 15:02+00', E'Nov 23 (Fitch) Fitch Ratings has affirmed Kilndown Logistics AB''s Long-Term Issuer Default Rating (IDR) at ''BB'' with a Stable Outlook. Fitch has also affirmed Kilndown''s senior secured notes at ''BB+''.\n\nThe affirmation reflects Kilndown''s leading position in Nordic road haulage, its long-term contracts with large retailers and its moderate leverage, offset by its small size and exposure to a cyclical market. Fitch expects funds from operations (FFO) net leverage to stay below 3.5x over the next three years.\n\nThe Stable Outlook reflects Fitch''s expectation that the company will keep its leverage within the rating''s sensitivities while it renews its truck fleet.'),
 (2, 'fitch_ravensworth', '2026-11-23 15:19+00', E'Nov 23 (Fitch) Fitch Ratings has affirmed Ravensworth Haulage Ltd''s Long-Term Issuer Default Rating (IDR) at ''BB-'' with a Stable Outlook. Fitch has also affirmed Ravensworth''s senior unsecured notes at ''BB-''.\n\nThe affirmation reflects Ravensworth''s position in British road haulage, its long-term contracts with large retailers and its moderate leverage, offset by its small size and exposure to a cyclical market. Fitch expects funds from operations (FFO) net leverage to stay below 4.0x over the next three years.\n\nThe Stable Outlook reflects Fitch''s expectation that the company will keep its leverage within the rating''s sensitivities while it renews its truck fleet.'),
 (3, 'fitch_kilndown_copy', '2026-11-23 15:40+00', E'Fitch affirms Kilndown Logistics at ''BB''; outlook stable\n\nNov 23 (Fitch) Fitch Ratings has affirmed Kilndown Logistics AB''s Long-Term Issuer Default Rating (IDR) at ''BB'' with a Stable Outlook. Fitch has also affirmed Kilndown''s senior secured notes at ''BB+''.\n\nThe affirmation reflects Kilndown''s leading position in Nordic road haulage, its long-term contracts with large retailers and its moderate leverage, offset by its small size and exposure to a cyclical market. Fitch expects funds from operations (FFO) net leverage to stay below 3.5x over the next three years.');
UPDATE ff SET fp = fingerprint(body);
SELECT a.name, b.name AS other,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story
  FROM ff a JOIN ff b ON b.id > a.id
 ORDER BY a.id, b.id;
-- The same with the tag after the agency's name, as Moody's defines it
-- (compared below with the other groups of three)
INSERT INTO ff (id, name, published_at, body) VALUES
 (10, 'moodys_carnkie', '2026-11-24 09:00+00', E'Nov 24 - Moody''s Investors Service ("Moody''s") has today downgraded Carnkie Chemicals plc''s corporate family rating (CFR) to Ba3 from Ba2. The outlook remains negative.\n\nThe downgrade reflects Carnkie''s weaker than expected operating performance in the first nine months of the year, as lower volumes and prices for its specialty resins cut its earnings, and its high leverage, which Moody''s expects to stay above 5.5x in the next 12 to 18 months.\n\nThe negative outlook reflects the risk that the company''s liquidity will weaken further if market conditions do not improve in the first half of next year.'),
 (11, 'moodys_velindre', '2026-11-24 09:20+00', E'Nov 24 - Moody''s Investors Service ("Moody''s") has today downgraded Velindre Polymers GmbH''s corporate family rating (CFR) to B1 from Ba3. The outlook remains negative.\n\nThe downgrade reflects Velindre''s weaker than expected operating performance in the first nine months of the year, as lower volumes and prices for its specialty resins cut its earnings, and its high leverage, which Moody''s expects to stay above 6.0x in the next 12 to 18 months.\n\nThe negative outlook reflects the risk that the company''s liquidity will weaken further if market conditions do not improve in the first half of next year.');
-- 2. A lower share when the figures disagree too: two companies' results
-- stories share the results formula's sentences around figures of their
-- own, under 0.3 of the longer one, where the names were not asked.  From
-- 0.2 of each side the names part such a pair when the side with fewer
-- figures shares under 0.6 of them; a newspaper's rewrite of one under a
-- new lead keeps its figures and its name.
INSERT INTO ff (id, name, published_at, body) VALUES
 (7, 'results_wendover', '2026-11-23 12:58+00', E'Nov 23 (Reuters) - Wendover Packaging Inc said on Monday its third-quarter profit rose 13 percent, helped by stronger demand for food and drink cartons and lower board costs.\n\nThe Cincinnati-based company said net income for the quarter ended Oct. 31 was 38.4 million dollars, or 52 cents a share, compared with 34.1 million dollars, or 47 cents a share, a year earlier.\n\nRevenue rose 4 percent to 612.0 million dollars from 588.3 million dollars.\n\nAnalysts on average had expected earnings of 50 cents a share, according to LSEG data.\n\nThe company said it expected full-year earnings of 2.00 to 2.05 dollars a share, narrowing an earlier range of 1.95 to 2.05 dollars.\n\nWendover also raised its quarterly dividend to 18 cents a share from 16 cents.'),
 (8, 'results_kilbride', '2026-11-23 13:02+00', E'Nov 23 (Reuters) - Kilbride Snacks Corp said on Monday its second-quarter profit rose 18 percent, as higher prices and strong sales of its crisps offset weaker demand for frozen pies.\n\nNet income for the quarter ended Oct. 31 rose to 21.9 million dollars, or 52 cents a share, from 18.6 million dollars, or 44 cents a share, a year earlier. Revenue rose 4 percent to 344.8 million dollars.\n\nThe Minneapolis-based company kept its forecast for full-year earnings of 1.95 to 2.05 dollars a share.'),
 (9, 'results_wendover_paper', '2026-11-24 05:40+00', E'Shares of Wendover Packaging, the Cincinnati-based maker of food and drink cartons, rose 6.2 percent yesterday after the company said its third-quarter profit rose 13 percent and raised its dividend.\n\nNet income for the quarter ended Oct. 31 was 38.4 million dollars, or 52 cents a share, compared with 34.1 million dollars, or 47 cents a share, a year earlier. Analysts had expected 50 cents a share.\n\nRevenue rose 4 percent to 612.0 million dollars, helped by lower board costs and stronger demand from food and drink makers.\n\nWendover said it expected full-year earnings of 2.00 to 2.05 dollars a share and raised its quarterly dividend to 18 cents a share from 16 cents.');
UPDATE ff SET fp = fingerprint(body) WHERE fp IS NULL;
SELECT a.name, b.name AS other,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story
  FROM ff a JOIN ff b ON b.id > a.id AND (b.id - 1) / 3 = (a.id - 1) / 3
 WHERE a.id > 3
 ORDER BY a.id, b.id;
-- the batch: each item its own story, with its versions
SELECT f.name, s.name AS story
  FROM cluster_stories('ff', 'id', 'fp', 'published_at') c
  JOIN ff f ON f.id = c.id
  JOIN ff s ON s.id = c.story
 ORDER BY f.id;
DROP TABLE ff;
-- Hostile leads for the source rule (review27): 10,000 tags before the
-- rated company, tags and names in quotation marks without end, and a
-- lead of one sentence of 20,000 words.  The subject is read in the first
-- FP_SUBJ_WORDS words only, so each takes milliseconds; the timeout is
-- for a scan that would grow with the lead
SET statement_timeout = '20s';
CREATE TEMP TABLE ffh AS
SELECT name, fingerprint(body) AS fp
  FROM (VALUES ('tags', 'Nov 23 ' || repeat('(Fitch) ', 10000) ||
                'Fitch Ratings has affirmed Kilndown Shipping''s rating at BBB. ' ||
                repeat('The outlook is stable, the agency said. ', 50)),
               ('quoted_tags', repeat('("Moody''s") Moody''s (Fitch) Fitch ', 5000) || '.'),
               ('one_sentence', (SELECT string_agg('Kilndown Shipping said word' || g || ' and', ' ') || '.'
                                  FROM generate_series(1, 20000) g))) t(name, body);
SELECT name, shingle_count(fp), sample_size(fp) FROM ffh ORDER BY name;
SELECT a.name, b.name AS other, story_match(a.fp, b.fp) IS NOT NULL AS joins
  FROM ffh a JOIN ffh b ON a.name <> b.name
 ORDER BY a.name, b.name;
RESET statement_timeout;
-- 3. A source's run longer than a subject's three words ("Fitch Ratings
-- Singapore Pte Ltd") is skipped whole: its tail ("Pte") was the subject
-- of every item of that agency entity.  The subject hashes (below 2^20,
-- as in fp_subject.sql) of two such affirmations differ, and the one on
-- Otterham holds the hash of Otterham's own item.
CREATE TEMP TABLE fs (name text, subj int[]);
INSERT INTO fs
SELECT name, array(SELECT k FROM unnest(npidx_keys(fingerprint(body))) k
                    WHERE k >= 0 AND k < 1048576 ORDER BY k)
  FROM (VALUES
 ('otterham_rated', E'Nov 23 (Fitch) Fitch Ratings Singapore Pte Ltd has affirmed Otterham Shipping''s Long-Term Issuer Default Rating at ''BBB'' with a Stable Outlook.'),
 ('kilndown_rated', E'Nov 23 (Fitch) Fitch Ratings Singapore Pte Ltd has affirmed Kilndown Ports Bhd''s Long-Term Issuer Default Rating at ''BBB-'' with a Stable Outlook.'),
 ('otterham_own', E'Otterham Shipping said on Monday it would sell two of its oldest bulk carriers.')) v(name, body);
SELECT a.name, b.name AS other, a.subj && b.subj AS share_a_subject
  FROM fs a JOIN fs b ON a.name < b.name
 ORDER BY a.name, b.name;
DROP TABLE fs;
