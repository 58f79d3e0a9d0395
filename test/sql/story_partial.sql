--
-- A newspaper's partial version of a wire story (doc/stories.md,
-- "Follow-ups"; stories.h, STORY_PARTIAL_SHARED).  The paper writes its
-- own lead and works two paragraphs of the wire into its story word for
-- word: that is a follow-up's shape (shared text in neither lead, in one
-- or two paragraphs of each side, under half of each), and the follow-up
-- test parted it from its wire item.  Within the time window, a pair
-- that shares STORY_PARTIAL_SHARED (30) sampled hashes or more is no
-- longer refused as a follow-up; a follow-up that repeats one background
-- paragraph shares fewer and stays apart, and without a time test (the
-- follow-ups that share as much came a day or more later) the partial
-- version stays apart too.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE sp (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp fingerprint);
INSERT INTO sp (id, name, published_at, body) VALUES
 (1, 'wire', '2026-11-16 07:00+00', E'ROTTERDAM, Nov 16 (Reuters) - Dock workers at the port of Vlierhaven walked out on Monday in a dispute over automated cranes, halting container traffic at one of Europe''s busiest harbours and leaving more than 40 ships waiting at anchor, the port authority said.\n\nThe strike was called by the FNV Havens union after talks with the employers'' group VHW broke down on Friday over a plan to replace 300 crane operators with remote-controlled equipment by 2028.\n\nUnion leader Marieke Doorn said the employers had refused to guarantee jobs for the crane operators or to retrain them for other work, and that members would stay out until a written guarantee was on the table.\n\nThe port handled 9.4 million containers last year, and shipping lines including Maersk and Hapag-Lloyd have warned customers of delays of up to a week on routes to northern Europe.\n\nVHW chairman Joost Verbeek said the cranes were needed to keep Vlierhaven competitive with Antwerp and Hamburg, which have automated their terminals, and that no operator would be dismissed before 2030.\n\nIt is the first strike at the port since 2002, when a two-week stoppage over pensions cost the Dutch economy an estimated 250 million euros.\n\nThe economy ministry said it was following the dispute closely but would not intervene while the two sides were still willing to talk.\n\nShares in terminal operator Vlier Container Group fell 3.1 percent in Amsterdam.'),
 (2, 'partial', '2026-11-16 15:30+00', E'Container ships are queuing off the Dutch coast after crane drivers at Vlierhaven downed tools, and importers across the region fear empty shelves in the weeks before Christmas.\n\nAt the Drechtmoor distribution park, twenty kilometres inland, lorries stood idle on Monday afternoon. "We have 60 containers of toys and electronics sitting on a ship we cannot reach," said logistics manager Pieter Aalbers.\n\nUnion leader Marieke Doorn said the employers had refused to guarantee jobs for the crane operators or to retrain them for other work, and that members would stay out until a written guarantee was on the table.\n\nVHW chairman Joost Verbeek said the cranes were needed to keep Vlierhaven competitive with Antwerp and Hamburg, which have automated their terminals, and that no operator would be dismissed before 2030.\n\nThe retailers'' association said a strike lasting more than a week would cost its members sales in the busiest weeks of the year, and urged the government to bring the two sides together.\n\nCouncillors in Drechtmoor, where one job in six depends on the port, have called an emergency meeting for Wednesday.'),
 (3, 'follow_up', '2026-11-16 21:40+00', E'AMSTERDAM, Nov 16 (Reuters) - The Dutch government appointed former labour minister Hanneke Vos on Monday evening to mediate in the crane dispute at Vlierhaven, hours after a walkout by dock workers brought the port to a standstill.\n\nEconomy minister Ruud Kalverda said the union and the port employers had both agreed to Vos as mediator and would meet her separately on Tuesday morning in The Hague.\n\nIt is the first strike at the port since 2002, when a two-week stoppage over pensions cost the Dutch economy an estimated 250 million euros.\n\nVos, who chaired the national pension talks in 2019, said she hoped to have union and employers talking face to face by the end of the week.\n\nThe union said the strike would continue while the mediation went on.');
UPDATE sp SET fp = fingerprint(body);

-- each against the wire: the partial version shares its third and fifth
-- paragraphs, the follow-up its sixth; same_story links both (each
-- carries some of the wire's copy)
SELECT b.name, shingle_count(b.fp) AS evidence,
       (SELECT count(*) FROM unnest(npidx_keys(a.fp)) k
         WHERE k = ANY (npidx_keys(b.fp))) AS shared_keys,
       round(containment(b.fp, a.fp)::numeric, 2) AS in_wire,
       round(containment(a.fp, b.fp)::numeric, 2) AS wire_in_it,
       same_story(b.fp, a.fp) AS same_story
  FROM sp a JOIN sp b ON b.id > a.id
 WHERE a.name = 'wire'
 ORDER BY b.id;

-- story_match() within the window: the partial version joins the wire,
-- the follow-up does not; without times (no time test) neither does;
-- further apart than the window neither does
SELECT b.name,
       story_match(b.fp, a.fp, a_time => b.published_at,
                   b_time => a.published_at) IS NOT NULL AS within_window,
       story_match(b.fp, a.fp) IS NOT NULL AS without_times,
       story_match(b.fp, a.fp, a_time => b.published_at + interval '30 hours',
                   b_time => a.published_at) IS NOT NULL AS hours_30_apart
  FROM sp a JOIN sp b ON b.id > a.id
 WHERE a.name = 'wire'
 ORDER BY b.id;

-- the batch, in order of publication: the partial version in the wire's
-- story, the follow-up its own
SELECT f.name, s.name AS story
  FROM cluster_stories('sp', 'id', 'fp', 'published_at') c
  JOIN sp f ON f.id = c.id
  JOIN sp s ON s.id = c.story
 ORDER BY f.id;
-- without a time test (ordered by id, which is no time): each its own
SELECT f.name, s.name AS story
  FROM cluster_stories('sp', 'id', 'fp', 'id') c
  JOIN sp f ON f.id = c.id
  JOIN sp s ON s.id = c.story
 ORDER BY f.id;

-- assign_story() at insert time agrees, with times and without
CREATE TABLE sp_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                         published_at timestamptz);
CREATE INDEX ON sp_leaders USING npidx (fp);
SELECT name, (SELECT s.name FROM sp s WHERE s.id = a.story) AS story
  FROM (SELECT * FROM sp ORDER BY published_at) sp,
       LATERAL (SELECT assign_story('sp_leaders', id, fp, published_at) AS story) a
 ORDER BY id;
TRUNCATE sp_leaders;
SELECT name, (SELECT s.name FROM sp s WHERE s.id = a.story) AS story
  FROM (SELECT * FROM sp ORDER BY id) sp,
       LATERAL (SELECT assign_story('sp_leaders', id, fp, NULL) AS story) a
 ORDER BY id;
DROP TABLE sp_leaders;

-- a window wider than STORY_PARTIAL_REACH (20 hours): the exemption goes
-- by how far apart the pair is, not by the window (the follow-ups that
-- share as much came 27 hours or more later).  The partial version 10
-- and 20 hours after its wire joins it; 21 and 30 hours after, it passes
-- the time test of a 2-day window and stays apart as a follow-up
SELECT h AS hours_apart,
       story_match(b.fp, a.fp, a_time => a.published_at + h * interval '1 hour',
                   b_time => a.published_at,
                   time_window => '2 days') IS NOT NULL AS window_2_days
  FROM sp a, sp b, unnest(ARRAY[10, 20, 21, 30]) h
 WHERE a.name = 'wire' AND b.name = 'partial'
 ORDER BY h;

-- the batch and assign_story() agree, 30 and then 10 hours apart
CREATE TABLE sp2 AS
SELECT id, name, fp, published_at FROM sp WHERE name IN ('wire', 'partial');
CREATE TABLE sp_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                         published_at timestamptz);
CREATE INDEX ON sp_leaders USING npidx (fp);
-- sp_apart(h): the partial version h hours after its wire, the stories of
-- the batch and of assign_story() (in order of publication), 2-day window
CREATE FUNCTION sp_apart(h integer)
RETURNS TABLE (hours_apart integer, name text, batch text, assign_story text)
LANGUAGE sql AS $$
UPDATE sp2 SET published_at = '2026-11-16 07:00+00'::timestamptz +
	h * interval '1 hour' WHERE sp2.name = 'partial';
TRUNCATE sp_leaders;
SELECT h, f.name, s.name,
       (SELECT s.name FROM sp2 s WHERE s.id = a.story)
  FROM cluster_stories('sp2', 'id', 'fp', 'published_at',
                       time_window => '2 days') c
  JOIN sp2 f ON f.id = c.id
  JOIN sp2 s ON s.id = c.story
  JOIN (SELECT sp2.id, a.story
          FROM (SELECT * FROM sp2 ORDER BY published_at) sp2,
               LATERAL (SELECT assign_story('sp_leaders', id, fp, published_at,
                                            time_window => '2 days') AS story) a) a
    ON a.id = f.id
 ORDER BY f.id;
$$;
SELECT r.* FROM unnest(ARRAY[30, 10]) WITH ORDINALITY u(h, n), LATERAL sp_apart(h) r
 ORDER BY u.n, r.name DESC;
DROP FUNCTION sp_apart(integer);
DROP TABLE sp_leaders;
DROP TABLE sp2;

DROP TABLE sp;
