--
-- Next-day copies (stories.h, STORY_NEXT_DAY_COPY; doc/stories.md,
-- "Next-day copies").  A morning paper's copy of a wire story sent at
-- 09:00 the day before arrives 26 hours after it, out of the default
-- 20-hour window: its own lead over two of the wire's paragraphs and a
-- line of its own, so that 0.69 of its evidence is in the wire, under a
-- late copy's 0.9.  It joins the wire's story: within the round-up reach
-- (two windows) 0.55 of an article's own evidence in the leader is
-- enough.  A follow-up of the next day that repeats the wire's lead and
-- second paragraph as background under a story of its own (a strike)
-- carries more than half of the wire and is linked by same_story, but
-- under a third of its own evidence is in the wire: it stays apart.  So
-- does the same copy 51 hours after the wire, beyond the reach (before
-- next-day copies it joined the morning copy, which led a story of its
-- own).
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE snd (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp fingerprint);
INSERT INTO snd (id, name, published_at, body) VALUES
 (1, 'wire', '2026-11-24 09:00+00', E'ROTTERDAM, Nov 24 (Reuters) - Dutch container terminal operator Maasvlakte Hollis said on Tuesday it would cut 420 jobs and close its oldest quay at Waalhaven by the end of next year, blaming a slump in transatlantic shipping volumes and rising energy costs.\n\nThe company, which handles about 6.2 million containers a year, said the cuts would save 58 million euros annually from 2028 and that most of the affected staff worked in the crane and lashing crews at the Waalhaven site.\n\nChief executive Marloes van Tiel told reporters that volumes on routes to North America had fallen 17 percent in the first nine months of the year, and that the company could no longer justify running two terminals a few kilometres apart.\n\nThe FNV union said it would fight the plan and called a meeting of dock workers for Thursday evening.'),
 (2, 'morning_copy', '2026-11-25 11:00+00', E'Rotterdam''s Maasvlakte Hollis is to shed 420 jobs and shut the Waalhaven quay, its oldest, before the end of next year as transatlantic trade dries up and its power bills climb.\n\nThe company, which handles about 6.2 million containers a year, said the cuts would save 58 million euros annually from 2028 and that most of the affected staff worked in the crane and lashing crews at the Waalhaven site.\n\nChief executive Marloes van Tiel told reporters that volumes on routes to North America had fallen 17 percent in the first nine months of the year, and that the company could no longer justify running two terminals a few kilometres apart.\n\nUnions have promised to resist.'),
 (3, 'follow_up', '2026-11-25 11:30+00', E'ROTTERDAM, Nov 25 (Reuters) - Hundreds of dock workers walked off the job at Rotterdam''s Waalhaven terminal on Wednesday morning, halting the loading of three ships, and union leaders said the stoppage would last at least until a meeting on Thursday.\n\nDutch container terminal operator Maasvlakte Hollis said on Tuesday it would cut 420 jobs and close its oldest quay at Waalhaven by the end of next year, blaming a slump in transatlantic shipping volumes and rising energy costs.\n\nThe company, which handles about 6.2 million containers a year, said the cuts would save 58 million euros annually from 2028 and that most of the affected staff worked in the crane and lashing crews at the Waalhaven site.\n\nThe stoppage began at six in the morning, when the first crane crews refused to start their shift, and spread to the lashing gangs within two hours, according to witnesses at the gate.\n\nA spokeswoman for the company said contingency staff had been called in and that two of the ships would sail late, but declined to say how many workers had joined the walkout.\n\nPolice said the protest outside the terminal gate was peaceful and that about 300 people had gathered by midday, some carrying flares and banners with the names of the crews.\n\nShipping agents said the delays could spread to the other terminals of the port if the strike lasted into the weekend, and two lines said they were considering diverting calls to Antwerp.'),
 (4, 'copy_beyond_reach', '2026-11-26 12:00+00', E'Rotterdam''s Maasvlakte Hollis is to shed 420 jobs and shut the Waalhaven quay, its oldest, before the end of next year as transatlantic trade dries up and its power bills climb.\n\nThe company, which handles about 6.2 million containers a year, said the cuts would save 58 million euros annually from 2028 and that most of the affected staff worked in the crane and lashing crews at the Waalhaven site.\n\nChief executive Marloes van Tiel told reporters that volumes on routes to North America had fallen 17 percent in the first nine months of the year, and that the company could no longer justify running two terminals a few kilometres apart.\n\nUnions have promised to resist.');
UPDATE snd SET fp = fingerprint(body);

-- each against the wire: the copy holds 0.69 of itself in it, the
-- follow-up 0.29 (and carries 0.54 of the wire)
SELECT b.name, shingle_count(b.fp) AS evidence,
       round(containment(b.fp, a.fp)::numeric, 2) AS in_wire,
       round(containment(a.fp, b.fp)::numeric, 2) AS wire_in_it,
       same_story(b.fp, a.fp) AS same_story,
       round(extract(epoch FROM b.published_at - a.published_at) / 3600) AS hours
  FROM snd a JOIN snd b ON b.id > a.id
 WHERE a.name = 'wire'
 ORDER BY b.id;

-- story_match() with the times: the copy joins 26 hours later, not 51;
-- the follow-up does not; without times the rule takes all three (no
-- time test, and the follow-up carries half of the wire)
SELECT b.name,
       story_match(b.fp, a.fp, a_time => b.published_at,
                   b_time => a.published_at) IS NOT NULL AS with_times,
       story_match(b.fp, a.fp) IS NOT NULL AS without_times
  FROM snd a JOIN snd b ON b.id > a.id
 WHERE a.name = 'wire'
 ORDER BY b.id;

-- the batch, in order of publication: the copy in the wire's story
SELECT f.name, s.name AS story
  FROM cluster_stories('snd', 'id', 'fp', 'published_at') c
  JOIN snd f ON f.id = c.id
  JOIN snd s ON s.id = c.story
 ORDER BY f.id;

-- assign_story() at insert time agrees
CREATE TABLE snd_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                         published_at timestamptz);
CREATE INDEX ON snd_leaders USING npidx (fp);
SELECT name, (SELECT s.name FROM snd s WHERE s.id = a.story) AS story
  FROM (SELECT * FROM snd ORDER BY published_at) snd,
       LATERAL (SELECT assign_story('snd_leaders', id, fp, published_at) AS story) a
 ORDER BY id;

-- The window's edges (review27): the three forms agree.  The copy is 26
-- hours after the wire: with a window of 13 hours the reach (two windows)
-- is exactly 26 hours and it joins, with 12 hours 59 minutes it is beyond
-- the reach and leads (and the copy 51 hours after the wire, 25 hours
-- after the morning copy, is that leader's next-day copy); with a window
-- of 0 there is no reach (a late copy needs 0.9: the second copy joins
-- the first, its text); with no window or a huge one the rule alone
-- decides, and the follow-up joins too
CREATE FUNCTION pg_temp.assigned(w interval) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  r record;
  s text := '';
BEGIN
  -- not DELETE: the index keeps a deleted leader's keys until VACUUM, and
  -- the search counts them among the leaders that hold a key
  -- (newsprint.story_common_holders)
  TRUNCATE snd_leaders;
  FOR r IN SELECT * FROM snd ORDER BY published_at LOOP
    s := s || ' ' || assign_story('snd_leaders', r.id, r.fp, r.published_at,
                                  time_window => w);
  END LOOP;
  RETURN ltrim(s);
END $$;
SELECT w AS time_window,
       (SELECT string_agg((story_match(b.fp, a.fp, a_time => b.published_at,
                                       b_time => a.published_at,
                                       time_window => w) IS NOT NULL)::text, ' '
                          ORDER BY b.id)
          FROM snd a JOIN snd b ON b.id > a.id WHERE a.id = 1) AS match_wire,
       (SELECT string_agg(c.story::text, ' ' ORDER BY c.id)
          FROM cluster_stories('snd', 'id', 'fp', 'published_at',
                               time_window => w) c) AS batch,
       pg_temp.assigned(w) AS assign
  FROM unnest(ARRAY[NULL, '0', '12 hours 59 minutes', '13 hours',
                    '100000 years']::interval[]) WITH ORDINALITY AS u(w, o)
 ORDER BY o;

DROP TABLE snd_leaders;
DROP TABLE snd;
