--
-- A reaction story (doc/stories.md, "Follow-ups"; fp_evidence.h,
-- NP_FP_LEAD_PHRASE).  Its lead is its own news (the industry's warning)
-- and names the story's event again in a phrase of the story's lead
-- ("after the Court of Session ruled that the salmon farmer Lochmaddy
-- Aquaculture must remove ..."); its second paragraph repeats one of the
-- story's word for word.  The follow-up test asked each lead to share
-- fewer than 3 sampled hashes, so the phrase kept the reaction in the
-- ruling's story.  A lead that shares under a third of its compared
-- hashes is its text's own now.  A newspaper's piece that keeps the
-- ruling's lead (more than a third of it) and one paragraph still joins,
-- as do an update and a rewrite that keeps most of the body.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE sr (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp fingerprint);
INSERT INTO sr (id, name, published_at, body) VALUES
 (1, 'ruling', '2026-11-24 10:00+00', E'EDINBURGH, Nov 24 (Reuters) - Scotland''s Court of Session ruled on Tuesday that the salmon farmer Lochmaddy Aquaculture must remove 14 open-net pens from Loch Brinnan, upholding a council order that the company had challenged as unlawful.\n\nThree judges found unanimously that the council had been entitled to take account of sea lice counts reported by anglers and by its own inspectors, and that the company had been given every chance to answer them before the order was made.\n\nLochmaddy said it was disappointed and would consider an appeal to the Supreme Court. Its shares fell 4 percent in Oslo, where the company is listed.\n\nThe pens hold about 900,000 fish, worth an estimated 30 million pounds at market prices, and must be emptied by the end of March.'),
 (2, 'reaction', '2026-11-24 15:20+00', E'EDINBURGH, Nov 24 (Reuters) - Salmon farmers along the west coast of Scotland warned on Tuesday that dozens of sites could close after the Court of Session ruled that the salmon farmer Lochmaddy Aquaculture must remove its pens from a sea loch.\n\nThree judges found unanimously that the council had been entitled to take account of sea lice counts reported by anglers and by its own inspectors.\n\nThe industry''s trade body said at least 40 farms relied on council consents that could now be challenged in the same way, and asked ministers for a national standard on sea lice.\n\nAnglers'' groups welcomed the judgment and said they would ask three more councils to review farms in their areas.'),
 (3, 'update', '2026-11-24 12:30+00', E'EDINBURGH, Nov 24 (Reuters) - Scotland''s Court of Session ruled on Tuesday that the salmon farmer Lochmaddy Aquaculture must remove 14 open-net pens from Loch Brinnan, upholding a council order that the company had challenged as unlawful.\n\nThree judges found unanimously that the council had been entitled to take account of sea lice counts reported by anglers and by its own inspectors, and that the company had been given every chance to answer them before the order was made.\n\nLochmaddy said it was disappointed and would consider an appeal to the Supreme Court. Its shares fell 4 percent in Oslo, where the company is listed.\n\nThe pens hold about 900,000 fish, worth an estimated 30 million pounds at market prices, and must be emptied by the end of March.\n\nA spokesman for the Scottish government said ministers would study the judgment before deciding whether the rules on fish farm consents needed to change.'),
 (4, 'rewrite', '2026-11-25 05:30+00', E'A fish farmer must clear its cages out of a Highland loch by March after Scotland''s highest civil court sided with a council that had relied on lice counts by local anglers.\n\nThree judges at the Court of Session found unanimously that the council had been entitled to take account of sea lice counts reported by anglers and by its own inspectors.\n\nLochmaddy Aquaculture, which said it was disappointed and would consider an appeal to the Supreme Court, saw its shares fall 4 percent in Oslo, where the company is listed.\n\nThe pens hold about 900,000 fish, worth an estimated 30 million pounds at market prices, and must be emptied by the end of March.'),
 (5, 'own_story', '2026-11-24 18:00+00', E'Scotland''s Court of Session ruled on Tuesday that the salmon farmer Lochmaddy Aquaculture must remove 14 open-net pens from Loch Brinnan, a setback for an industry that exports more than a billion pounds of fish a year.\n\nThe pens hold about 900,000 fish, worth an estimated 30 million pounds at market prices.\n\nOn the shore at Brinnan, where the company employs eleven people, the mood was grim. "We heard it on the radio like everyone else," said one worker, who asked not to be named.\n\nThe village hall has been booked for a public meeting on Friday, and the local MSP has asked to meet the company''s managers before then.\n\nCampaigners who have fought the farm for a decade said they would hold a party on the beach at the weekend.');
UPDATE sr SET fp = fingerprint(body);

-- each against the ruling: the reaction shares 6 hashes of each lead (a
-- fifth or a quarter of it) and its second paragraph; the own story 14
-- of each lead (more than half) and its second paragraph; same_story
-- links every one
SELECT b.name, shingle_count(b.fp) AS evidence,
       (SELECT count(*) FROM unnest(npidx_keys(a.fp)) k
         WHERE k = ANY (npidx_keys(b.fp))) AS shared_keys,
       round(containment(b.fp, a.fp)::numeric, 2) AS in_ruling,
       round(containment(a.fp, b.fp)::numeric, 2) AS ruling_in_it,
       same_story(b.fp, a.fp) AS same_story
  FROM sr a JOIN sr b ON b.id > a.id
 WHERE a.name = 'ruling'
 ORDER BY b.id;

-- story_match() within the window and without times: the reaction is a
-- follow-up either way (27 shared hashes besides the subject's, under
-- STORY_PARTIAL_SHARED: no partial version's exemption within the
-- window); the update and the own story join either way, the rewrite
-- within the window (without a time test two short items must agree in
-- their names and figures, and the rewrite drops some)
SELECT b.name,
       story_match(b.fp, a.fp, a_time => b.published_at,
                   b_time => a.published_at) IS NOT NULL AS within_window,
       story_match(b.fp, a.fp) IS NOT NULL AS without_times
  FROM sr a JOIN sr b ON b.id > a.id
 WHERE a.name = 'ruling'
 ORDER BY b.id;

-- the batch, in order of publication: the reaction its own story
SELECT f.name, s.name AS story
  FROM cluster_stories('sr', 'id', 'fp', 'published_at') c
  JOIN sr f ON f.id = c.id
  JOIN sr s ON s.id = c.story
 ORDER BY f.id;

-- assign_story() at insert time agrees
CREATE TABLE sr_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                         published_at timestamptz);
CREATE INDEX ON sr_leaders USING npidx (fp);
SELECT name, (SELECT s.name FROM sr s WHERE s.id = a.story) AS story
  FROM (SELECT * FROM sr ORDER BY published_at) sr,
       LATERAL (SELECT assign_story('sr_leaders', id, fp, published_at) AS story) a
 ORDER BY id;

DROP TABLE sr_leaders;
DROP TABLE sr;
