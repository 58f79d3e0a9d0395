--
-- Passages many stories carry (src/stories/story_rule.c, StoryCommonOnly;
-- doc/stories.md, "Passages many stories carry").  An outlet's live page
-- opens every item with the same header paragraph, a shape that no rule
-- of the cleaner or of the story rule knows; on a short item it is most
-- of the sample, and the item joined a longer item of the outlet through
-- it.  A shared hash that STORY_COMMON_HOLDERS (5) or more leaders hold is
-- no evidence: once five of the outlet's items lead stories, a short item
-- under the header starts its own.  A copy of an item by another site,
-- without the header, and the outlet's own resend of a short item, under
-- it, share the item's own text, which no other leader holds, and join.
-- The items are invented for this test.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;

CREATE TABLE sc_art (id bigint PRIMARY KEY, truth text, published_at timestamptz,
                     body text, fp fingerprint);
-- items 1-7 of the outlet; 8 another site's copy of 3, without the header
-- and its last sentence; 9 the outlet's resend of 6, one word changed
INSERT INTO sc_art (id, truth, published_at, body) VALUES
 (1, 'item1', '2026-05-12 08:00+00',
  E'Ferry crews walk out over rosters\n\nThe Harbour Post has covered the towns of the bay since 1871, from the fish market on the quays to the council chamber and the courts, and is printed each morning in Dunmore by the Tamsin Valley Press cooperative.\n\nCrews on the three Harbour City ferry routes stopped work at six this morning after talks on new rosters broke down late on Sunday. The operator, Bayline, said about 14,000 passengers a day would have to find other ways across the water until the dispute ends.\n\nUnion organiser Petra Lindqvist told reporters that the new rosters would add eleven unpaid hours a month for deckhands and engineers. Bayline chief executive Martin Osei said the company had offered a bonus of 900 pounds and a review after six months, and called the stoppage reckless.\n\nExtra buses will run around the bay road, but the council warned of long queues at the Westgate and Millbank stops during the evening peak.'),
 (2, 'item2', '2026-05-12 09:00+00',
  E'Council approves budget for new library\n\nThe Harbour Post has covered the towns of the bay since 1871, from the fish market on the quays to the council chamber and the courts, and is printed each morning in Dunmore by the Tamsin Valley Press cooperative.\n\nCouncillors voted 31 to 9 last night to spend 4.2 million pounds on a library for the Eastfield estate, ending a debate that has run for two years. The building, on the site of a former petrol station on Cooper Lane, will hold a study hall, a children''s reading room and twelve computers.\n\nOpposition leader Grace Whitfield said the money would be better spent repairing the roofs of the four branch libraries the city already runs. Work is due to start in April and the library should open in the autumn of next year, according to the council''s head of culture, Ade Bankole.\n\nResidents of the estate collected more than 3,000 signatures for the project.'),
 (3, 'item3', '2026-05-12 10:00+00',
  E'Fishing boat towed to safety after engine fire\n\nThe Harbour Post has covered the towns of the bay since 1871, from the fish market on the quays to the council chamber and the courts, and is printed each morning in Dunmore by the Tamsin Valley Press cooperative.\n\nA trawler with five men aboard was towed into Harbour City early on Tuesday after a fire in its engine room left it drifting eight miles off Skerry Point. The coastguard said the skipper raised the alarm at 2.40am and the crew put out the fire with extinguishers before the lifeboat reached them.\n\nNobody was hurt, though one crewman was checked for smoke inhalation at the quayside by paramedics. The vessel, the Morning Star, belongs to a family firm in Saltcombe and had been at sea for four days fishing for mackerel.\n\nThe Marine Accident Investigation Branch has been told and will decide whether to open an inquiry.'),
 (4, 'item4', '2026-05-12 11:00+00',
  E'Judge jails driver who fled crash\n\nThe Harbour Post has covered the towns of the bay since 1871, from the fish market on the quays to the council chamber and the courts, and is printed each morning in Dunmore by the Tamsin Valley Press cooperative.\n\nA 27-year-old man who drove away from a crash that left a cyclist with a broken spine was jailed for three years and four months at Harbour City Crown Court on Wednesday. Callum Reid, of Fenwick Road, admitted causing serious injury by dangerous driving and failing to stop, and was banned from driving for five years.\n\nThe court heard that he was travelling at 52 miles an hour in a 30 zone on Castle Street when he hit the cyclist, a nurse on her way home from a night shift. Judge Helen Marsh said Reid had left a woman lying in the road and hidden his car in a garage for a week.\n\nThe cyclist, who uses a wheelchair, said in a statement that she hoped to walk again.'),
 (5, 'item5', '2026-05-12 12:00+00',
  E'Shipyard wins order for research vessel\n\nThe Harbour Post has covered the towns of the bay since 1871, from the fish market on the quays to the council chamber and the courts, and is printed each morning in Dunmore by the Tamsin Valley Press cooperative.\n\nThe Dunmore shipyard has won a contract worth 38 million pounds to build a polar research vessel for a Norwegian university, its first order from abroad in a decade. Managing director Sunil Kapoor said the order would secure 260 jobs for three years and allow the yard to take on 40 apprentices in the spring.\n\nThe ship, 76 metres long, will carry laboratories and a helicopter deck and is due to be delivered in the summer of 2029. The yard almost closed six years ago when its last owner went into administration, and was rescued by a group of local investors.\n\nUnion officials welcomed the news but said the yard still needed a second order to keep its welders busy.'),
 (6, 'item6', '2026-05-12 13:00+00',
  E'Road closed after gas leak\n\nThe Harbour Post has covered the towns of the bay since 1871, from the fish market on the quays to the council chamber and the courts, and is printed each morning in Dunmore by the Tamsin Valley Press cooperative.\n\nGas engineers closed Albion Road between the station and the market after a leak was found under the pavement, and expect repairs to take until Friday evening.'),
 (7, 'item7', '2026-05-12 14:00+00',
  E'Zoo welcomes twin otters\n\nThe Harbour Post has covered the towns of the bay since 1871, from the fish market on the quays to the council chamber and the courts, and is printed each morning in Dunmore by the Tamsin Valley Press cooperative.\n\nTwo otter cubs were born at Harbour City zoo last month and went on show to visitors today; keepers named them Pebble and Kelp after a vote by schoolchildren.'),
 (8, 'item3', '2026-05-12 15:10+00',
  E'Fishing boat towed to safety after engine fire\n\nA trawler with five men aboard was towed into Harbour City early on Tuesday after a fire in its engine room left it drifting eight miles off Skerry Point. The coastguard said the skipper raised the alarm at 2.40am and the crew put out the fire with extinguishers before the lifeboat reached them.\n\nNobody was hurt, though one crewman was checked for smoke inhalation at the quayside by paramedics. The vessel, the Morning Star, belongs to a family firm in Saltcombe and had been at sea for four days fishing for mackerel.'),
 (9, 'item6', '2026-05-12 16:20+00',
  E'Road closed after gas leak\n\nThe Harbour Post has covered the towns of the bay since 1871, from the fish market on the quays to the council chamber and the courts, and is printed each morning in Dunmore by the Tamsin Valley Press cooperative.\n\nGas engineers closed Albion Road between the station and the market after a leak was found under the pavement, and expect repairs to take until Friday night.');
UPDATE sc_art SET fp = fingerprint(body);

-- 1. The rule alone (story_match) joins each short item to the first item
-- of the outlet: the header is most of what they share
SELECT a.id, b.id AS leader,
       story_match(a.fp, b.fp, NULL, 16, 40, 0.6, 3, a.published_at,
                   b.published_at, '20 hours') IS NOT NULL AS joins
  FROM sc_art a JOIN sc_art b ON b.id = 1
 WHERE a.id IN (2, 6, 7)
 ORDER BY a.id;

-- 2. The batch: seven stories; the copy joins item 3 and the resend item
-- 6.  assign_story(), one at a time into a leaders table, agrees: its
-- index search counts the leaders that hold each key of the article
CREATE TABLE sc_batch AS
  SELECT id, story, leads FROM cluster_stories('sc_art', order_column => 'published_at');
CREATE TABLE sc_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL, published_at timestamptz);
CREATE INDEX ON sc_leaders USING npidx (fp);
CREATE TABLE sc_assign AS
  SELECT id, assign_story('sc_leaders', id, fp, published_at) AS story
    FROM (SELECT * FROM sc_art ORDER BY published_at, id) a;
SELECT a.id, a.truth, b.story AS batch, b.leads, s.story AS assign
  FROM sc_art a JOIN sc_batch b USING (id) JOIN sc_assign s USING (id)
 ORDER BY a.id;

-- 3. And with the leaders merged into the index's buckets (no pending
-- list): the keys' postings are counted there
TRUNCATE sc_leaders;
INSERT INTO sc_leaders
  SELECT a.id, a.fp, a.published_at FROM sc_art a WHERE a.id <= 5;
REINDEX TABLE sc_leaders;
SELECT id, assign_story('sc_leaders', id, fp, published_at) AS story
  FROM (SELECT * FROM sc_art WHERE id > 5 ORDER BY published_at, id) a;

-- 4. With the test off (0), the short items join an item of the outlet
-- through the header, and the resend follows them
SET newsprint.story_common_holders = 0;
SELECT c.id, c.story, a.truth
  FROM cluster_stories('sc_art', order_column => 'published_at') c
  JOIN sc_art a USING (id) WHERE a.id > 5 ORDER BY c.id;
RESET newsprint.story_common_holders;
DROP TABLE sc_art, sc_batch, sc_leaders, sc_assign;
