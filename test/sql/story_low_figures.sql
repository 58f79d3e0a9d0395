--
-- Figures in a low link (doc/stories.md, "Figures in a low link";
-- stories.h, STORY_LOW_FIGURES).  A tabloid's rewrite of a wire story
-- keeps two of the wire's running sentences and every figure, each in a
-- sentence of its own: a low link (under 0.35 of both samples) whose
-- shared sampled hashes hold no name or figure, which the names test of a
-- low link (min_named) refused.  Within the time window it now joins the
-- wire, its figures agreeing (every compared figure of the side with
-- fewer is in the other).  Another company's closure in the same
-- sentence frames, the same day, shares as much running text and one
-- figure of four: it stays apart (it joins only with min_named => 0).
-- Without a time test the names test is asked of both, as before.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE lf (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp fingerprint);
INSERT INTO lf (id, name, published_at, body) VALUES
 (1, 'wire', '2026-03-03 07:00+00', E'Halvorsen Foods to shut Carrow Vale biscuit plant, 420 jobs to go\n\nCARROW VALE, England, March 3 (Reuters) - Halvorsen Foods said on Tuesday it would close its biscuit factory in Carrow Vale by the end of September with the loss of 420 jobs, blaming a 35 percent rise in energy costs over two years and falling sales of its own-label ranges.\n\nThe company, which has made biscuits at the site since 1884, said production would move to its plants in Leeds and Gdansk, and that it would take a one-off charge of about 68 million pounds in its current financial year.\n\nChief executive Ingrid Halvorsen said the board had looked at every option for the plant, including a sale, before deciding to close it.\n\n"We have done everything we could to keep the lights on, but the numbers no longer work for a plant of this age and size, and we owe it to the rest of the business to act now," she said in a statement.\n\nThe factory employs 420 of the 1,150 people who work in the town''s food industry, according to the local council, which said it had not been told of the decision in advance.\n\nUnion organiser Dave Prentice said the workforce had learned of the closure from a letter handed out at the start of the morning shift.\n\n"People in this town have given their whole working lives to that factory and they deserve better than a letter on a Tuesday morning," he said, adding that the union would ask for talks on keeping at least part of the plant open.\n\nHalvorsen shares fell 2.3 percent to 316 pence in London by midday. The company will report full-year results on April 21.'),
 (2, 'other', '2026-03-03 09:30+00', E'Brinmoor Textiles to shut Ashby Fold weaving mill, 260 jobs to go\n\nASHBY FOLD, England, March 3 (Reuters) - Brinmoor Textiles said on Tuesday it would shut its weaving mill in Ashby Fold in June, cutting 260 jobs, after cheaper imports from Turkey and a 35 percent rise in the price of wool since last spring.\n\nThe family firm, which has woven cloth at the site since 1921, said its order book had fallen by a quarter, and that it would book a charge of about 12 million pounds.\n\nManaging director Colin Brinmoor said the board had looked at every option for the mill, including a sale, before deciding to close it.\n\nDemand for heavy worsted cloth made in Britain had been shrinking for a decade, he said, as tailors and uniform makers turned to cheaper mills in Italy and Asia.\n\nUnion organiser Janet Oduya said the workforce had learned of the closure from a letter handed out at the start of the morning shift, and called on the company to meet the union this week.\n\nBrinmoor shares fell 4.1 percent in London by midday.'),
 (3, 'rewrite', '2026-03-03 21:00+00', E'Biscuit town''s fury as Halvorsen shuts 140-year-old factory\n\nHalvorsen Foods bosses left workers in tears yesterday by announcing that the Carrow Vale biscuit factory will shut for good, axing 420 jobs.\n\nStaff at the plant, where biscuits have been baked since 1884, found out when the workforce had learned of the closure from a letter handed out at the start of the morning shift.\n\nThe firm blames soaring energy bills, up a staggering 35 percent in two years, and slumping sales of supermarket own-brand packets. Production is being shifted to Leeds and Poland, and the closure will cost the company around 68 million pounds.\n\nIngrid Halvorsen, whose great-grandfather opened the bakery, said the board had looked at every option for the plant, including a sale, before deciding to close it. She told staff the numbers no longer added up.\n\nUnion man Dave Prentice was furious, saying families who had given their lives to the factory had been treated with contempt, and vowing to fight for every job.\n\nLocals fear the town will never recover. The factory provides 420 of the 1,150 food jobs in Carrow Vale, and council chiefs say they were kept in the dark until the last minute.\n\nPacker Kelly Rourke, who has worked on the line for 11 years, said her father and grandfather had both spent their working lives there. She does not know what her family will do now.\n\nShares in the firm dipped 2.3 percent to 316 pence.');
UPDATE lf SET fp = fingerprint(body);

-- each against the wire: a low link both (shared keys under 0.35 of
-- either), same_story both; story_match() within the window: the rewrite
-- joins, the other company's item only with min_named => 0; without
-- times neither
SELECT b.name, shingle_count(b.fp) AS evidence,
       cardinality(ARRAY(SELECT unnest(npidx_keys(a.fp))
                         INTERSECT SELECT unnest(npidx_keys(b.fp)))) AS shared,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       same_story(b.fp, a.fp) AS same,
       story_match(b.fp, a.fp, a_time => b.published_at,
                   b_time => a.published_at) IS NOT NULL AS joins,
       story_match(b.fp, a.fp, min_named => 0, a_time => b.published_at,
                   b_time => a.published_at) IS NOT NULL AS named_0,
       story_match(b.fp, a.fp) IS NOT NULL AS untimed
  FROM lf a, lf b
 WHERE a.name = 'wire' AND b.name <> 'wire'
 ORDER BY b.id;

-- the batch and assign_story() (each article's story by name), in order
-- of publication and without a time test (the batch ordered by id, which
-- is no time; assign_story() with NULL times): the rewrite in the wire's
-- story within the window only, the other company's item its own in all
CREATE TABLE lf_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                         published_at timestamptz);
CREATE INDEX ON lf_leaders USING npidx (fp);
CREATE TABLE lf_assigned (id bigint, timed boolean, story bigint);
INSERT INTO lf_assigned
SELECT id, true, assign_story('lf_leaders', id, fp, published_at)
  FROM (SELECT * FROM lf ORDER BY published_at) o;
TRUNCATE lf_leaders;
INSERT INTO lf_assigned
SELECT id, false, assign_story('lf_leaders', id, fp, NULL)
  FROM (SELECT * FROM lf ORDER BY id) o;
WITH timed AS (SELECT * FROM cluster_stories('lf', 'id', 'fp', 'published_at')),
     untimed AS (SELECT * FROM cluster_stories('lf', 'id', 'fp', 'id')),
     named AS (SELECT id, name FROM lf)
SELECT lf.name,
       (SELECT n.name FROM timed t JOIN named n ON n.id = t.story
         WHERE t.id = lf.id) AS batch,
       (SELECT n.name FROM lf_assigned a JOIN named n ON n.id = a.story
         WHERE a.id = lf.id AND a.timed) AS assigned,
       (SELECT n.name FROM untimed u JOIN named n ON n.id = u.story
         WHERE u.id = lf.id) AS batch_untimed,
       (SELECT n.name FROM lf_assigned a JOIN named n ON n.id = a.story
         WHERE a.id = lf.id AND NOT a.timed) AS assigned_untimed
  FROM lf
 ORDER BY lf.id;
DROP TABLE lf_assigned, lf_leaders;

-- review26: a fingerprint without a figures section (a literal that
-- leaves it out, as one stored before the twenty-third session does)
-- agrees in no figures: the rewrite against the wire, either side without
-- them, is refused by the names test within the window as before the
-- rule, with no error; the places are kept, so the pair is otherwise the
-- same, and with min_named => 0 it joins
SELECT story_match(regexp_replace(b.fp::text, ':f[0-9a-f]+', '')::fingerprint,
                   a.fp, a_time => b.published_at,
                   b_time => a.published_at) IS NOT NULL AS rewrite_without,
       story_match(b.fp,
                   regexp_replace(a.fp::text, ':f[0-9a-f]+', '')::fingerprint,
                   a_time => b.published_at,
                   b_time => a.published_at) IS NOT NULL AS wire_without,
       story_match(regexp_replace(b.fp::text, ':f[0-9a-f]+', '')::fingerprint,
                   a.fp, min_named => 0, a_time => b.published_at,
                   b_time => a.published_at) IS NOT NULL AS named_0
  FROM lf a, lf b
 WHERE a.name = 'wire' AND b.name = 'rewrite';

DROP TABLE lf;
