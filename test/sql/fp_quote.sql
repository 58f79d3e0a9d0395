--
-- A lead quoted (fp_evidence.h, NP_FP_QUOTE_PLACES; doc/fingerprint.md,
-- "A lead quoted: round-ups").  A round-up (a business briefing, a world
-- news summary) quotes the leads of several stories, each as one of its
-- paragraphs, and a follow-up may repeat a story's lead as its
-- background: each carries the lead's copy, so same_story linked it to
-- the story (a quarter of each side).  same_story and the containment
-- predicates now part a pair that shares under half of each side when
-- what it shares lies in one side's lead, that side going on after it,
-- and in one paragraph of the other, which stands in three places or
-- more.  An URGENT of the lead (all lead), a trimmed copy (the lead and
-- the next paragraph, more than half of it shared) and a rewrite with a
-- new lead (the body shared, spread over its paragraphs) still hold.
-- Invented texts.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE lq (id int PRIMARY KEY, name text, published_at timestamptz, body text,
	fp fingerprint);
INSERT INTO lq (id, name, published_at, body) VALUES
 (1, 'marchbank', '2026-06-09 07:02+00', E'MARCHBANK FOODS TO BUY VLIELAND BRANDS\n\nLONDON, June 9 - Marchbank Foods Plc agreed on Tuesday to buy the Dutch snack maker Vlieland Brands for 1.35 billion euros in cash, adding crisps and salted nuts to its biscuit business and giving it factories in Tilburg and Zwolle that it said would supply shops across northern Europe.\n\nThe offer of 31.40 euros a share is 27 percent above Vlieland''s closing price on Monday, and its board, which owns a fifth of the shares through the founding Bakker family, has agreed to recommend it to investors.\n\nChief executive Rowena Tull said the two companies sold to the same supermarket chains and that putting their sales teams together would save about 60 million euros a year by the third year after the deal closed.\n\nMarchbank will pay with cash on hand and a new bridge loan arranged by two banks, and expects the purchase to add to its earnings from the first full year. It needs approval from competition regulators in Brussels.\n\nShares in Marchbank rose 3.1 percent in early trade in London, while Vlieland''s jumped 24 percent in Amsterdam.'),
 (2, 'urgent', '2026-06-09 07:00+00', E'URGENT - Marchbank Foods to buy Vlieland Brands\n\nLONDON, June 9 - Marchbank Foods Plc agreed on Tuesday to buy the Dutch snack maker Vlieland Brands for 1.35 billion euros in cash, adding crisps and salted nuts to its biscuit business and giving it factories in Tilburg and Zwolle that it said would supply shops across northern Europe.'),
 (3, 'floods', '2026-06-09 08:15+00', E'Floods hit southern Poland, care homes evacuated\n\nWARSAW, June 9 - Heavy rain flooded hundreds of homes in the Polish city of Nysa on Tuesday after the river Nysa Klodzka burst its banks overnight, forcing firefighters to move elderly residents out of two care homes by boat and closing the main road south to the Czech border.\n\nThe regional governor said water in the old town had risen to more than a metre in places and that the army had sent 300 soldiers and six lorries to help fill sandbags along the embankments downstream.\n\nForecasters warned that another 80 millimetres of rain could fall over the mountains before Thursday, and the national water authority raised its alert for villages further down the valley.\n\nNo one has been reported dead or missing, the fire service said, but power was cut to about 12,000 homes and several schools will stay shut for the rest of the week.'),
 (4, 'trimmed', '2026-06-10 02:30+00', E'Marchbank Foods Plc agreed yesterday to buy the Dutch snack maker Vlieland Brands for 1.35 billion euros in cash, adding crisps and salted nuts to its biscuit business and giving it factories in Tilburg and Zwolle that it said would supply shops across northern Europe.\n\nThe offer of 31.40 euros a share is 27 percent above Vlieland''s closing price on Monday, and its board, which owns a fifth of the shares through the founding Bakker family, has agreed to recommend it to investors.'),
 (5, 'rewrite', '2026-06-10 02:45+00', E'Marchbank Foods, the maker of Bramley biscuits, is to pay 1.35 billion euros for a Dutch crisp and nut maker in its biggest deal since it listed in 2011.\n\nThe offer of 31.40 euros a share is 27 percent above Vlieland''s closing price on Monday, and its board, which owns a fifth of the shares through the founding Bakker family, has agreed to recommend it to investors.\n\nAnalysts at Corran Securities said the price looked full but that the factories would give Marchbank room to grow outside Britain without building new plants.\n\nChief executive Rowena Tull said the two companies sold to the same supermarket chains and that putting their sales teams together would save about 60 million euros a year by the third year after the deal closed.\n\nMarchbank will pay with cash on hand and a new bridge loan arranged by two banks, and expects the purchase to add to its earnings from the first full year. It needs approval from competition regulators in Brussels.'),
 (6, 'briefing', '2026-06-09 16:00+00', E'BUSINESS AND WORLD BRIEFING, 1600 GMT\n\nHere are the main stories of the day so far:\n\nMarchbank Foods Plc agreed on Tuesday to buy the Dutch snack maker Vlieland Brands for 1.35 billion euros in cash, adding crisps and salted nuts to its biscuit business and giving it factories in Tilburg and Zwolle that it said would supply shops across northern Europe. Marchbank''s shares rose in London.\n\nHeavy rain flooded hundreds of homes in the Polish city of Nysa on Tuesday after the river Nysa Klodzka burst its banks overnight, forcing firefighters to move elderly residents out of two care homes by boat and closing the main road south to the Czech border. Rescue teams expect the river to peak overnight.\n\nThe Reserve Bank of New Zealand held its official cash rate at 3.25 percent on Wednesday, as expected, and said it saw no need to cut again this year because food and rent prices were still pushing inflation above the top of its target band. The New Zealand dollar was little changed.\n\nShipping group Kallax said quarterly profit fell by half as freight rates eased, and it kept its forecast for the year. Its shares fell in Copenhagen.'),
 (7, 'holder', '2026-06-09 13:40+00', E'AMSTERDAM, June 9 - A fund that owns 8 percent of Vlieland Brands said on Tuesday it would vote against the Marchbank offer unless the price was raised, calling it opportunistic after a year in which the shares had lagged the market.\n\nOudezijds Capital said in a letter to the board that the snack maker was worth at least 36 euros a share on its own plans and that the Bakker family had agreed too quickly.\n\nMarchbank Foods Plc agreed earlier on Tuesday to buy the Dutch snack maker Vlieland Brands for 1.35 billion euros in cash, adding crisps and salted nuts to its biscuit business and giving it factories in Tilburg and Zwolle that it said would supply shops across northern Europe.\n\nA spokesman for Vlieland said the board would study the letter. Marchbank declined to comment.');
UPDATE lq SET fp = fingerprint(body);

-- every pair that shares anything: the briefing against the deal and the
-- floods it quotes, and the holder's letter against the deal, are no
-- longer same_story (each was, at a quarter of each side, before the
-- rule); the URGENT, the trimmed copy and the rewrite still are, and the
-- briefing holds the URGENT whole (a known gap: an URGENT is all lead)
SELECT a.name AS a, b.name AS b,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       same_story(b.fp, a.fp) AS reversed,
       is_contained(a.fp, b.fp, 0.12) AS a_contained,
       is_same_story(a.fp, b.fp, 0.05) AS at_005
  FROM lq a JOIN lq b ON a.id < b.id
 WHERE containment(a.fp, b.fp) > 0
 ORDER BY a.id, b.id;

-- the same through an npidx index: it returns what a scan returns
CREATE INDEX lq_fp ON lq USING npidx (fp);
SET enable_seqscan = off;
SELECT q.name, array_agg(x.name ORDER BY x.id) AS same_story
  FROM lq q, lq x WHERE same_story(x.fp, q.fp) AND x.id <> q.id
 GROUP BY q.id, q.name ORDER BY q.id;
RESET enable_seqscan;

-- the stories, in publication order: the briefing and the letter start
-- stories of their own; the URGENT leads the deal's story and the deal
-- and the trimmed copy join it (the rewrite keeps the body, not the lead,
-- and finds nothing of the URGENT: only leaders attract articles)
SELECT l.name, s.name AS story
  FROM cluster_stories('lq', order_column => 'published_at') c
  JOIN lq l ON l.id = c.id JOIN lq s ON s.id = c.story
 ORDER BY l.published_at;

-- the limits of the rule, each row of which moves when its condition goes:
-- a column of two paragraphs whose second is the deal's lead (the quoting
-- side stands in two places, under NP_FP_QUOTE_PLACES: a partial version
-- of a text without line breaks looks so) still holds with the deal, its
-- trimmed copy and the briefing; a one-paragraph report that is all lead,
-- under half of it shared, still holds with the deal, the briefing and the
-- holder's letter (the quoted side must go on after its lead)
INSERT INTO lq (id, name, published_at, body) VALUES
 (8, 'column', '2026-06-09 18:00+00', E'Snack makers in the Low Countries have been quietly courted for months by larger European food groups looking for growth outside their home markets, and bankers in Amsterdam expect more bids before the summer as the biscuit and confectionery houses run short of ideas for their mature brands and their shareholders grow impatient with flat sales.\n\nMarchbank Foods Plc agreed on Tuesday to buy the Dutch snack maker Vlieland Brands for 1.35 billion euros in cash, adding crisps and salted nuts to its biscuit business and giving it factories in Tilburg and Zwolle that it said would supply shops across northern Europe.'),
 (9, 'leadonly', '2026-06-09 07:05+00', E'LONDON, June 9 - Marchbank Foods Plc agreed on Tuesday to buy the Dutch snack maker Vlieland Brands for 1.35 billion euros in cash, adding crisps and salted nuts to its biscuit business and giving it factories in Tilburg and Zwolle, a person close to the talks told reporters on the steps of the company offices late on Monday evening before analysts, lenders and trade union officials had been told of the plan or of its likely cost to jobs.');
UPDATE lq SET fp = fingerprint(body) WHERE id >= 8;
SELECT a.name AS a, b.name AS b,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       same_story(b.fp, a.fp) AS reversed
  FROM lq a JOIN lq b ON a.id < b.id
 WHERE containment(a.fp, b.fp) > 0 AND b.id >= 8
 ORDER BY a.id, b.id;

DROP TABLE lq;
