--
-- A company's next announcement (doc/stories.md, "A company's next
-- announcement"; stories.h, STORY_NEWS_FIGURES).  The placing's pricing
-- repeats the launch's lead word for word as its second paragraph, and
-- its description of the company, under a lead of its own that carries
-- the news: the amount raised, the number of shares, the price and the
-- discount, figures the launch lacks.  It is mostly the launch's text, so
-- the follow-up test (under half of each side shared) never asked it, and
-- it joined the launch's story.  A newspaper's own lead over the wire's
-- lead has the same shape and restates the wire's facts: it still joins,
-- as does an update that keeps the lead and adds the shares' fall.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE sa (id bigint PRIMARY KEY, name text, published_at timestamptz,
	body text, fp fingerprint);
INSERT INTO sa (id, name, published_at, body) VALUES
 (1, 'launch', '2026-12-01 16:30+00', E'Carrbridge Foods launches placing to raise about 80 mln stg\n\nLONDON, Dec 1 - Carrbridge Foods plc said on Tuesday it intended to raise about 80 million pounds through a placing of new shares with institutional investors, to pay down debt taken on for its purchase of the Dunmore bakery chain.\n\nThe placing will be made through an accelerated bookbuild that opens at once, and the price will be announced when the book closes.\n\nThe shares to be placed amount to about 7.5 percent of the company''s issued share capital. Chief executive Morag Lennie and finance director Ewan Tulloch intend to take part.\n\nCarrbridge makes own-label biscuits and cakes for British supermarkets at six factories in Scotland and the north of England.'),
 (2, 'pricing', '2026-12-02 07:05+00', E'Carrbridge Foods raises 82 mln stg in placing at 415 pence\n\nLONDON, Dec 2 - Carrbridge Foods plc said on Wednesday it had raised 82.4 million pounds by placing 19.9 million new shares at 415 pence each, a discount of 3.8 percent to Tuesday''s closing price.\n\nCarrbridge said on Tuesday it intended to raise about 80 million pounds through a placing of new shares with institutional investors, to pay down debt taken on for its purchase of the Dunmore bakery chain.\n\nThe placing was heavily oversubscribed, the company said.\n\nCarrbridge makes own-label biscuits and cakes for British supermarkets at six factories in Scotland and the north of England.'),
 (3, 'rewrite', '2026-12-01 21:00+00', E'Carrbridge Foods, the biscuit maker, is tapping its investors for cash to cut the debt it ran up buying the Dunmore bakeries last year.\n\nCarrbridge Foods plc said on Tuesday it intended to raise about 80 million pounds through a placing of new shares with institutional investors, to pay down debt taken on for its purchase of the Dunmore bakery chain.\n\nThe placing will be made through an accelerated bookbuild that opens at once, and the price will be announced when the book closes.\n\nCarrbridge makes own-label biscuits and cakes for British supermarkets at six factories in Scotland and the north of England.'),
 (4, 'update', '2026-12-01 17:10+00', E'UPDATE 1-Carrbridge Foods launches placing to raise about 80 mln stg, shares fall\n\n(Adds share price)\n\nLONDON, Dec 1 - Carrbridge Foods plc said on Tuesday it intended to raise about 80 million pounds through a placing of new shares with institutional investors, to pay down debt taken on for its purchase of the Dunmore bakery chain.\n\nThe placing will be made through an accelerated bookbuild that opens at once, and the price will be announced when the book closes.\n\nThe shares to be placed amount to about 7.5 percent of the company''s issued share capital. Chief executive Morag Lennie and finance director Ewan Tulloch intend to take part.\n\nCarrbridge shares closed down 2.6 percent at 431.5 pence before the announcement.\n\nCarrbridge makes own-label biscuits and cakes for British supermarkets at six factories in Scotland and the north of England.');
UPDATE sa SET fp = fingerprint(body);

-- each against the launch: same_story links every one; the pricing is
-- more than half the launch's text
SELECT b.name, shingle_count(b.fp) AS evidence,
       round(containment(b.fp, a.fp)::numeric, 2) AS in_launch,
       round(containment(a.fp, b.fp)::numeric, 2) AS launch_in_it,
       same_story(b.fp, a.fp) AS same_story
  FROM sa a JOIN sa b ON b.id > a.id
 WHERE a.name = 'launch'
 ORDER BY b.id;

-- story_match() within the window and without times: the pricing is
-- apart either way; the rewrite and the update join
SELECT b.name,
       story_match(b.fp, a.fp, a_time => b.published_at,
                   b_time => a.published_at) IS NOT NULL AS within_window,
       story_match(b.fp, a.fp) IS NOT NULL AS without_times
  FROM sa a JOIN sa b ON b.id > a.id
 WHERE a.name = 'launch'
 ORDER BY b.id;

-- the batch, in order of publication: the pricing its own story
SELECT f.name, s.name AS story
  FROM cluster_stories('sa', 'id', 'fp', 'published_at') c
  JOIN sa f ON f.id = c.id
  JOIN sa s ON s.id = c.story
 ORDER BY f.id;

-- assign_story() at insert time agrees
CREATE TABLE sa_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                         published_at timestamptz);
CREATE INDEX ON sa_leaders USING npidx (fp);
SELECT name, (SELECT s.name FROM sa s WHERE s.id = a.story) AS story
  FROM (SELECT * FROM sa ORDER BY published_at) sa,
       LATERAL (SELECT assign_story('sa_leaders', id, fp, published_at) AS story) a
 ORDER BY id;

DROP TABLE sa_leaders;
DROP TABLE sa;
