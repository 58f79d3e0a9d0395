--
-- Outlet boilerplate in the story rule (src/stories/story_rule.c,
-- standing_block; doc/stories.md, "Outlet boilerplate").  Scraped pages
-- of one outlet carry its standing paragraphs under every item (an
-- about-us paragraph and a tip line that clean() keeps: one word of the
-- trade, no "we" in the tip line), and on a short item they are most of
-- its evidence: unrelated items joined one story through them
-- (test/data/boiler/boiler_b.tsv, largest cluster 22).  A pair whose
-- shared hashes lie in one or two paragraphs of each side and in neither
-- lead is refused; a republication, which shares the lead, still joins.
-- The items are English Wikinews articles (Wikinews contributors,
-- https://en.wikinews.org/, CC BY 2.5) as test/data/boiler/boiler_b.tsv
-- lays them out: four of the Lakeside Record's items, and one of them
-- republished by a sports site under its fixtures note.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;

CREATE TABLE sb_art (id bigint PRIMARY KEY, truth text, published_at timestamptz,
                     kind text, body text, fp fingerprint);
INSERT INTO sb_art (id, truth, published_at, kind, body) VALUES
 (16, 'w789', '2026-03-10 07:09+00', 'orig/record',
  E'At least thirteen people were killed by armed\n\nBy Record reporter\n\nAt least thirteen people were killed by armed herdsmen in Nigeria yesterday, in a village near the city of Jos, reports say.\n\nAccording to witnesses, the herdsmen, who were disguised as soldiers, attacked the village of Byei, south of Jos, at dawn. Media reports say that most of the dead were women and children.\n\nThe Lakeside Record is the town''s only daily newspaper. Our team of journalists has been reporting on Lakeside and its surrounding villages since 1902, and we are proud to be owned by our readers.\n\nGot a story? Email newsdesk@lakesiderecord.example or call the newsdesk on 01632 960123.\n\n(c) Lakeside Record 2026'),
 (55, 'w789', '2026-03-10 09:25+00', 'republish/sports',
  E'All times are local. Fixtures and kick-off times are subject to change by the broadcasters, and the table is correct at the time of publication.\n\nAt least thirteen people were killed by armed\n\nAt least thirteen people were killed by armed herdsmen in Nigeria yesterday, in a village near the city of Jos, reports say.\n\nAccording to witnesses, the herdsmen, who were disguised as soldiers, attacked the village of Byei, south of Jos, at dawn. Media reports say that most of the dead were women and children.'),
 (116, 'w393', '2026-03-10 13:29+00', 'orig/record',
  E'Teodoro Garca Simental, alleged to be a major\n\nBy Record reporter\n\nTeodoro Garca Simental, alleged to be a major kingpin in Mexico, has been arrested by Federal Police in southern Baja California.\n\n"No shots were fired. It was a very fast operation. The investigation has been going on for a long time," an unnamed police officer told Reuters. Simental was handcuffed and swiftly flown to Mexico City.\n\nThe Lakeside Record is the town''s only daily newspaper. Our team of journalists has been reporting on Lakeside and its surrounding villages since 1902, and we are proud to be owned by our readers.\n\nGot a story? Email newsdesk@lakesiderecord.example or call the newsdesk on 01632 960123.\n\n(c) Lakeside Record 2026'),
 (140, 'w2208', '2026-03-10 15:33+00', 'orig/record',
  E'An explosion at a weapons factory in Yemen\n\nBy Record reporter\n\nAn explosion at a weapons factory in Yemen killed dozens of people yesterday. According to estimates, over one hundred people may have died in the blast.\n\nAccording to the BBC, at least 78 people were killed, while The Independent reported that over one hundred people had been killed. The explosion occurred in the southern town of Ja`ar, located in the province of Abyan.\n\nLocal media reported that forces loyal to Al-Qaeda had raided the factory on Sunday. They added that residents were forced to gather supplies from the factory, when a cigarette reportedly triggered the explosion.\n\nState news agency Saba said that militants had "seized the factory on Sunday and pushed citizens to [loot] its contents, which led to inflaming of gunpowder and explosives in the factory."\n\nA local doctor said that "[t]his accident is a true catastrophe, the first of its kind in Abyan. There are so many burned bodies. I can''t even describe the situation."\n\nAn accurate death toll is reportedly difficult to ascertain due to the condition of bodies, many of which have severe burns.\n\nThe Lakeside Record is the town''s only daily newspaper. Our team of journalists has been reporting on Lakeside and its surrounding villages since 1902, and we are proud to be owned by our readers.\n\nGot a story? Email newsdesk@lakesiderecord.example or call the newsdesk on 01632 960123.\n\n(c) Lakeside Record 2026'),
 (160, 'w1993', '2026-03-10 16:41+00', 'orig/record',
  E'Pakistani officials have stated that three US drone\n\nBy Record reporter\n\nPakistani officials have stated that three US drone strikes have killed fifteen people in the country Saturday. The attacks occurred to the north of Miranshah town in the North Waziristan region.\n\nSecurity officials in the town informed AFP that in the first strike, US drones fired four missiles on a car, killing seven suspected militants. A nearby "militant compound" was also destroyed by the missiles. "Three militants were killed in the car while four were killed in the house," the official said. The second attack occurred within minutes of the first, and four militants, who were carrying on rescue work were killed by the two missiles that had been fired.\n\nIntelligence officials believe that the militants were associated with Hafiz Gul Bahadur. "We are trying to establish identity of the militants but most of them are believed to be fighters of Hafiz Gul Bahadur," an official told the media. However, the death toll and the identity of those killed was not officially confirmed. A local official stated that they had heard reports stating "that four foreigners were also killed in these fresh attacks". However, he added that their identity is "still not known" and mentioned that they "are collecting more information."\n\nThe Lakeside Record is the town''s only daily newspaper. Our team of journalists has been reporting on Lakeside and its surrounding villages since 1902, and we are proud to be owned by our readers.\n\nGot a story? Email newsdesk@lakesiderecord.example or call the newsdesk on 01632 960123.\n\n(c) Lakeside Record 2026'),
 (169, 'w2074', '2026-03-10 17:34+00', 'orig/record',
  E'A Guatemalan football executive has been shot dead\n\nBy Record reporter\n\nA Guatemalan football executive has been shot dead after he left a team meeting in the town of Huehuetenango. Deportivo Xinabajul vice-president Carlos Noe Gomez was killed by two men waiting for him as he left after the meeting. Several weeks before the shooting Gomez reported being threatened.\n\nGomez started receiving the death threats weeks before the shooting over the poor performence of Deportivo Xinabajul. Xinabajul currently lies at the bottom of Guatemala''s national football league. The club also suffered a 20 defeat to Suchitepequez earlier in the week.\n\nThe Lakeside Record is the town''s only daily newspaper. Our team of journalists has been reporting on Lakeside and its surrounding villages since 1902, and we are proud to be owned by our readers.\n\nGot a story? Email newsdesk@lakesiderecord.example or call the newsdesk on 01632 960123.\n\n(c) Lakeside Record 2026');
UPDATE sb_art SET fp = fingerprint(body);

-- 1. The rule, pair by pair: unrelated items of the outlet share its
-- block alone (NULL); the republication joins its source
SELECT a.id, b.id AS leader, a.truth = b.truth AS same_label,
       story_match(a.fp, b.fp, NULL, 16, 40, 0.6, 3, a.published_at,
                   b.published_at, '20 hours') IS NOT NULL AS joins
  FROM sb_art a JOIN sb_art b ON b.published_at < a.published_at
 WHERE a.kind LIKE 'orig/record' AND b.id IN (16, 116) OR (a.id, b.id) = (55, 16)
 ORDER BY a.id, b.id;

-- 2. The batch: five stories, the republication in its source's
SELECT c.id, c.story, a.truth, c.leads
  FROM cluster_stories('sb_art', order_column => 'published_at') c
  JOIN sb_art a USING (id) ORDER BY c.id;

-- 3. assign_story(), one at a time into a leaders table, agrees
CREATE TABLE sb_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL, published_at timestamptz);
CREATE INDEX ON sb_leaders USING npidx (fp);
SELECT id, assign_story('sb_leaders', id, fp, published_at) AS story
  FROM (SELECT * FROM sb_art ORDER BY published_at, id) a;
DROP TABLE sb_art, sb_leaders;
