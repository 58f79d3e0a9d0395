--
-- The figures a text holds (fp_evidence.h, NP_FP_FIGURES_LOW; fp_core.h,
-- NP_FP_FIGURES_TAG; doc/fingerprint.md, "The figures a text holds").
-- Two days' reports of one kind, or two companies' items in one formula,
-- share their formula's paragraphs and little else: at containment under
-- 0.35 both ways they were one story, as a newspaper's partial rewrite of
-- one of them is.  A rewrite keeps its story's figures (the price, the
-- change, the stock draw); another day's report has others.  A version 2
-- fingerprint that keeps its names now also keeps the figures its text
-- holds, in a section that opens with its own tag, and a low pair whose
-- side with fewer figures holds 5 or more and shares under a quarter of
-- them is two items.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;
CREATE TABLE fg (id int PRIMARY KEY, name text, published_at timestamptz, body text,
	fp fingerprint);
INSERT INTO fg (id, name, published_at, body) VALUES
 (1, 'oil_thu', '2026-11-12 17:00+00', E'LONDON, Nov 12 (Reuters) - Brent crude futures rose 1.35 dollars, or 1.8 pct, to settle at 76.42 a barrel on Thursday, while U.S. West Texas Intermediate crude gained 1.12 dollars to 72.18, after government figures showed American inventories fell by 4.6 mln barrels last week.\n\nTrading volumes were thin, with about 310,000 Brent contracts changing hands, and the spread between the two benchmarks widened to 4.24 dollars, its widest since the summer.\n\nRefiners on the Gulf Coast ran at close to full capacity as they built stocks of heating oil ahead of the winter, a shipbroker said, and exports of crude from Houston rose for a third week as buyers in Europe replaced cargoes from the North Sea, where two platforms were shut for repairs.\n\nThe market has swung between worries about weak demand in China and Europe and the prospect of tighter supply from producers, who meet early next month to decide whether to extend their output cuts into the first half of next year.'),
 (2, 'oil_fri', '2026-11-13 17:00+00', E'LONDON, Nov 13 (Reuters) - Brent crude futures fell 2.07 dollars, or 2.7 pct, to settle at 74.35 a barrel on Friday, while U.S. West Texas Intermediate crude lost 1.64 dollars to 70.54, as a stronger dollar and profit taking after the rally of the past three sessions weighed on prices.\n\nBrent ended the week up 0.9 pct and WTI 0.6 pct, with about 285,000 Brent contracts traded on the day, and money managers cut their bets on higher prices for a second week, exchange data showed.\n\nShipping rates for supertankers carrying crude from the Middle East to Asia fell by a fifth this week, brokers said, as Chinese refiners bought fewer cargoes for December delivery and drew on their own stocks instead.\n\nThe market has swung between worries about weak demand in China and Europe and the prospect of tighter supply from producers, who meet early next month to decide whether to extend their output cuts into the first half of next year.'),
 (3, 'oil_thu_paper', '2026-11-13 05:00+00', E'Oil climbed yesterday after data showed that stockpiles in the United States had shrunk, lifting Brent crude by 1.35 dollars to 76.42 a barrel, a gain of 1.8 pct on the day.\n\nAmerican inventories fell by 4.6 mln barrels last week, according to the government figures, a bigger drop than analysts had forecast, and U.S. crude rose to 72.18 dollars. About 310,000 Brent contracts changed hands.\n\nThe market has swung between worries about weak demand in China and Europe and the prospect of tighter supply from producers, who meet early next month. Analysts at one London broker said the rise might not last, as refiners in Asia had cut their purchases for December and tankers were queuing off the coast of Singapore.\n\nMotorists have yet to see any change at the pumps, where petrol prices have been flat for three weeks, the motoring group said.');
UPDATE fg SET fp = fingerprint(body);

-- every text here has a subject, keeps its names and, after them, its
-- figures: the tag word (46 and the number kept) and two figures a word
SELECT name, shingle_count(fp) AS evidence,
       split_part(fp::text, ':', 6) ~ '^m[0-9a-f]{32}$' AS names_kept,
       split_part(fp::text, ':', 7) ~ '^f4600[0-9a-f]{4}([0-9a-f]{8})+$' AS figures_kept,
       ('x' || substr(split_part(fp::text, ':', 7), 8, 2))::bit(8)::int AS figures
  FROM fg ORDER BY id;

-- every pair: the two days' reports share the market's background
-- sentence and nothing of their figures (same_story on main, 0.30 both
-- ways); the paper's rewrite of Thursday's report keeps its figures and
-- is same_story with it, and not with Friday's (same_story on main at
-- 0.16-0.18); the story rule, given the times, joins the rewrite to
-- Thursday's report
SELECT a.name, b.name AS other,
       round(containment(a.fp, b.fp)::numeric, 2) AS a_in_b,
       round(containment(b.fp, a.fp)::numeric, 2) AS b_in_a,
       same_story(a.fp, b.fp) AS same_story,
       a.fp <% b.fp OR a.fp %> b.fp AS contained,
       story_match(b.fp, a.fp, a_time => b.published_at, b_time => a.published_at) IS NOT NULL AS story_match
  FROM fg a JOIN fg b ON a.id < b.id ORDER BY a.id, b.id;
SELECT f.name, s.name AS story
  FROM cluster_stories('fg', 'id', 'fp', 'published_at') c
  JOIN fg f ON f.id = c.id JOIN fg s ON s.id = c.story
 ORDER BY f.id;

-- without the figures (a literal that leaves them out, as every
-- fingerprint did before) nothing is known, and the pair is as it was
SELECT same_story(a.fp, (split_part(b.fp::text, ':f', 1))::fingerprint) AS without_figures,
       same_story((split_part(a.fp::text, ':f', 1))::fingerprint, b.fp) AS reversed,
       same_story((split_part(a.fp::text, ':m', 1))::fingerprint,
                  (split_part(b.fp::text, ':m', 1))::fingerprint) AS without_names
  FROM fg a, fg b WHERE a.name = 'oil_thu' AND b.name = 'oil_fri';

-- one figure however written: a number scaled by the word after it or by
-- its suffix; years, days of a month, times of day and small counts are
-- no figures, nor are words that begin with digits ("3rd", "1990s")
CREATE TABLE fg_forms (id int PRIMARY KEY, body text);
INSERT INTO fg_forms VALUES
 (1, 'Dufy Corp said it would raise $1.2 billion from the sale of its castings unit, it said.'),
 (2, 'Dufy Corp said it would raise 1.2 bln dlrs from the sale of its castings unit, it said.'),
 (3, 'Dufy Corp said it would raise 1.2bn from the sale of its castings unit, it said.'),
 (4, 'Dufy Corp said it would raise 1,200 mln from the sale of its castings unit, it said.'),
 (5, 'Dufy Corp said it would raise 1.20 billion euros from the sale of its castings unit, it said.'),
 (6, 'Dufy Corp said it would raise 1.3 billion from the sale of its castings unit, it said.'),
 (7, 'Dufy Corp said on Nov 19, 2026, at 06:31 that 7 of its 3rd-quarter plants built in the 1990s would close, it said.'),
 (8, 'Dufy Corp said its shares rose 12 percent, or 12 pct, to 12 on 19 November, it said.');
SELECT id, substring(fingerprint(body)::text from ':(f[0-9a-f]+)') AS figures
  FROM fg_forms ORDER BY id;

-- digits of any script are read by their value: Arabic-Indic, Persian,
-- Devanagari and fullwidth "1200 mln" are the ASCII one's figure (none of
-- them was a figure, the first byte not being an ASCII digit), a mixed
-- word too; a time of day in Arabic-Indic digits is none.  "May" is a
-- month next to a day, "may" after a number a verb: "25 may fall" keeps
-- 25 (it was a day of May), "25 May" and "May 25" do not, nor does "25
-- June"; nor is "25, May said" (a day and its month have spaces alone
-- between them)
SELECT name,
       split_part(fingerprint('Dufy Corp said it would raise ' || num ||
                              ' from the sale of its castings unit, it said.')::text, ':', 7) AS figures,
       split_part(fingerprint('Dufy Corp said it would raise ' || num ||
                              ' from the sale of its castings unit, it said.')::text, ':', 7) =
       split_part(fingerprint('Dufy Corp said it would raise 1200 mln' ||
                              ' from the sale of its castings unit, it said.')::text, ':', 7) AS as_ascii
  FROM (VALUES (1, 'ascii', '1200 mln'), (2, 'arabic_indic', E'\u0661\u0662\u0660\u0660 mln'),
               (3, 'persian', E'\u06F1\u06F2\u06F0\u06F0 mln'),
               (4, 'devanagari', E'\u0967\u0968\u0966\u0966 mln'),
               (5, 'fullwidth', E'\uFF11\uFF12\uFF10\uFF10 mln'),
               (6, 'mixed', E'1\u0662\u0966\uFF10 mln'),
               (7, 'other_figure', E'\u0661\u0663\u0660\u0660 mln'),
               (8, 'time_of_day', E'\u0661\u0660:\u0663\u0660 hours later')) t(id, name, num)
 ORDER BY id;
-- every lead byte of fp_evidence.c's first-byte table, and the edges of
-- unicode.c's runs of digits: NKo (0xDF), Myanmar (0xE1), Javanese (0xEA),
-- mathematical bold and Adlam (0xF0, four bytes), Arabic-Indic nine and
-- the last run's nine (U+1FBF9) are the ASCII figure; U+06FA (a letter,
-- one past the Persian digits) and U+0F2A (a Tibetan half digit,
-- No, not Nd) are no digits, so those words are no figure
SELECT name,
       split_part(fingerprint('Dufy Corp said it would raise ' || num ||
                              ' from the sale of its castings unit, it said.')::text, ':', 7) =
       split_part(fingerprint('Dufy Corp said it would raise ' || ascii ||
                              ' from the sale of its castings unit, it said.')::text, ':', 7) AS as_ascii,
       split_part(fingerprint('Dufy Corp said it would raise ' || num ||
                              ' from the sale of its castings unit, it said.')::text, ':', 7) LIKE 'p%' AS no_figure
  FROM (VALUES (1, 'nko', E'\u07C1\u07C2\u07C0\u07C0 mln', '1200 mln'),
               (2, 'myanmar', E'\u1041\u1042\u1040\u1040 mln', '1200 mln'),
               (3, 'javanese', E'\uA9D1\uA9D2\uA9D0\uA9D0 mln', '1200 mln'),
               (4, 'math_bold', E'\U0001D7CF\U0001D7D0\U0001D7CE\U0001D7CE mln', '1200 mln'),
               (5, 'adlam', E'\U0001E951\U0001E952\U0001E950\U0001E950 mln', '1200 mln'),
               (6, 'arabic_nine', E'\u0669\u0669\u0669 mln', '999 mln'),
               (7, 'last_run_nine', E'\U0001FBF9\U0001FBF9\U0001FBF9 mln', '999 mln'),
               (8, 'past_persian', E'\u06FA\u0662\u0660\u0660 mln', '1200 mln'),
               (9, 'tibetan_half', E'\u0F2A\u0F22\u0F20\u0F20 mln', '1200 mln')) t(id, name, num, ascii)
 ORDER BY id;
-- smallfix2: the longest word read as a figure is 40 characters, not 40
-- bytes: a 13-digit number in 4-byte digits (mathematical bold, 52
-- bytes) is the ASCII one's figure (it was none), so are 17 digits, 40
-- characters (23 leading zeros) and 40 with a scale suffix; 18 digits,
-- 41 characters and 41 with the suffix are no figure in either script
CREATE FUNCTION pg_temp.fig(num text) RETURNS text LANGUAGE sql AS
  $$ SELECT split_part(newsprint.fingerprint('Dufy Corp said it would raise ' || num ||
                                             ' from the sale of its castings unit, it said.')::text, ':', 7) $$;
CREATE FUNCTION pg_temp.bold(num text) RETURNS text LANGUAGE sql AS
  $$ SELECT translate(num, '0123456789', E'\U0001D7CE\U0001D7CF\U0001D7D0\U0001D7D1\U0001D7D2\U0001D7D3\U0001D7D4\U0001D7D5\U0001D7D6\U0001D7D7') $$;
SELECT name, length(split_part(num, ' ', 1)) AS chars,
       octet_length(split_part(pg_temp.bold(num), ' ', 1)) AS bold_bytes,
       pg_temp.fig(num) NOT LIKE 'p%' AS ascii_figure,
       pg_temp.fig(pg_temp.bold(num)) = pg_temp.fig(num) AS bold_as_ascii,
       pg_temp.fig(pg_temp.bold(num)) NOT LIKE 'p%' AS bold_figure
  FROM (VALUES (1, 'thirteen_digits', '1234567890123 mln'),
               (2, 'seventeen_digits', '12345678901234567 mln'),
               (3, 'eighteen_digits', '123456789012345678 mln'),
               (4, 'forty_chars', repeat('0', 23) || '12345678901234567 mln'),
               (5, 'forty_one_chars', repeat('0', 24) || '12345678901234567 mln'),
               (6, 'forty_with_suffix', repeat('0', 21) || '12345678901234567bn'),
               (7, 'forty_one_with_suffix', repeat('0', 22) || '12345678901234567bn')) t(id, name, num)
 ORDER BY id;
-- smallfix2: a number the tokenizer cuts at a separator is one figure, as
-- one word of ASCII digits is: U+066B ARABIC DECIMAL SEPARATOR and U+066C
-- ARABIC THOUSANDS SEPARATOR, which it reads as punctuation ("3.5 bln"
-- and "12,500 mln" were 3 and 5, 12 and 500), and '.' or ',' between
-- digits it does not fold to ASCII (Devanagari, mathematical bold); as in
-- ASCII, a second point or a comma after one makes no figure ("12.50.34",
-- whose last part was a figure of its own), nor do more than 17 digits
-- across the words; a separator with no digit after it ends the number
SELECT name, pg_temp.fig(num) = pg_temp.fig(ascii) AS as_ascii,
       pg_temp.fig(num) LIKE 'p%' AS no_figure
  FROM (VALUES (1, 'arabic_point', E'\u0663\u066B\u0665 bln', '3.5 bln'),
               (2, 'arabic_thousands', E'\u0661\u0662\u066C\u0665\u0660\u0660 mln', '12,500 mln'),
               (3, 'arabic_both', E'\u0661\u066C\u0662\u0665\u0660\u066B\u0667\u0665 mln', '1,250.75 mln'),
               (4, 'ascii_digits_arabic_point', E'3\u066B5 bln', '3.5 bln'),
               (5, 'devanagari_point', E'\u0967\u0968.\u096B bln', '12.5 bln'),
               (6, 'bold_grouped', pg_temp.bold('12,345,678,901,234,567 mln'), '12,345,678,901,234,567 mln'),
               (7, 'bold_point', pg_temp.bold('12.5 bln'), '12.5 bln'),
               (8, 'arabic_two_points', E'\u0661\u0662\u066B\u0665\u0660\u066B\u0663\u0664 mln', '12.50.34 mln'),
               (9, 'arabic_comma_after_point', E'\u0661\u066B\u0665\u066C\u0663\u0664\u0665 mln', '1.5,345 mln'),
               (10, 'bold_eighteen_digits', pg_temp.bold('123,456,789,012,345,678 mln'), '123,456,789,012,345,678 mln'),
               (11, 'arabic_point_no_digit', E'\u0661\u0662\u066B mln', '12 mln')) t(id, name, num, ascii)
 ORDER BY id;
SELECT name, split_part(fingerprint(body)::text, ':', 7) AS figures
  FROM (VALUES (1, 'may_verb', 'Dufy Corp said 25 may lose their jobs when the plant closes next year.'),
               (2, 'day_may', 'Dufy Corp said the plant would close on 25 May next year, it said.'),
               (3, 'may_day', 'Dufy Corp said the plant would close on May 25 next year, it said.'),
               (4, 'day_june', 'Dufy Corp said the plant would close on 25 June next year, it said.'),
               (5, 'comma_may', 'Dufy Corp said the plant would close with the loss of 25, May said.'),
               (6, 'no_figure', 'Dufy Corp said the plant would close next year, it said.')) t(id, name, body)
 ORDER BY id;
-- smallfix2: "MAY" in capitals (a text or a headline in capitals) says
-- nothing by its case: after a day it is the verb when a word follows it
-- on its line ("25 MAY LOSE", "25 MAY BE" keep 25, as "25 may lose"
-- does; they were a day of May), the month when a mark, a year, the
-- line's end or a word that never follows the verb comes next ("25 MAY.",
-- "25 MAY, OFFICIALS", "25 MAY 2027", "25 MAY" over the story, "25 MAY IN
-- GENEVA"); before a day it is the month ("MAY 25": the verb is never
-- followed by a number).  Other months and scales in capitals are read as
-- in lower case ("25 JUNE", "4.8 PCT").  raw: fingerprint(body, false),
-- which keeps the headline that clean() drops ("DUFY TALKS: 25 MAY LOSE
-- JOBS" keeps 25 there).  review-sf: nor do the words that open a date's
-- next phrase, as in lower case ("25 MAY LAST YEAR", "ON 25 MAY THE
-- UNION", "25 MAY OF THIS YEAR", "ON 25 MAY SAID": 13-16, which kept 25
-- as the verb's number)
SELECT name, split_part(fingerprint(body, NOT raw)::text, ':', 7) AS figures
  FROM (VALUES (1, 'caps_may_verb', false, 'DUFY CORP SAID 25 MAY LOSE THEIR JOBS WHEN THE PLANT CLOSES NEXT YEAR.'),
               (2, 'caps_may_be', false, 'DUFY CORP SAID 25 MAY BE LAID OFF WHEN THE PLANT CLOSES NEXT YEAR.'),
               (3, 'caps_may_mark', false, 'DUFY CORP SAID TALKS WOULD RESUME ON 25 MAY.'),
               (4, 'caps_may_comma', false, 'DUFY CORP SAID TALKS WOULD RESUME ON 25 MAY, OFFICIALS SAID.'),
               (5, 'caps_may_year', false, 'DUFY CORP SAID TALKS WOULD RESUME ON 25 MAY 2027.'),
               (6, 'caps_may_line_end', true, E'DUFY TALKS RESUME 25 MAY\nDufy Corp said talks would resume next week, it said.'),
               (7, 'caps_may_verb_line', true, E'DUFY TALKS: 25 MAY LOSE JOBS\nDufy Corp said talks would resume next week, it said.'),
               (8, 'caps_may_in', false, 'DUFY CORP SAID TALKS WOULD RESUME ON 25 MAY IN GENEVA.'),
               (9, 'caps_may_day', false, 'DUFY CORP SAID TALKS WOULD RESUME ON MAY 25 IN GENEVA.'),
               (10, 'caps_june', false, 'DUFY CORP SAID TALKS WOULD RESUME ON 25 JUNE IN GENEVA.'),
               (11, 'caps_pct', false, 'DUFY CORP SAID ITS SALES ROSE 4.8 PCT IN THE THIRD QUARTER.'),
               (12, 'lower_pct', false, 'Dufy Corp said its sales rose 4.8 pct in the third quarter.'),
               (13, 'caps_may_last', false, 'DUFY CORP SAID TALKS BROKE DOWN ON 25 MAY LAST YEAR, OFFICIALS SAID.'),
               (14, 'caps_may_the', false, 'DUFY CORP SAID ON 25 MAY THE UNION REJECTED THE OFFER.'),
               (15, 'caps_may_of', false, 'DUFY CORP SAID TALKS BROKE DOWN ON 25 MAY OF THIS YEAR.'),
               (16, 'caps_may_said', false, 'THE DUFY CORP UNION ON 25 MAY SAID IT REJECTED THE OFFER.')) t(id, name, raw, body)
 ORDER BY id;
-- smallfix3: "May" on a line in Title Case (most of its words
-- capitalised: a headline) is read by the word after it, as "MAY" in
-- capitals is: the verb keeps 25 ("Up To 25 May Lose Their Jobs", with
-- small words too, "25 May Be"; 1-3 were a day of May), the month does not
-- (the line's end, a mark, "in"); in sentence case "May" is the month
-- whatever follows (7, 8), and a line in Title Case says nothing of the
-- next one (9)
SELECT name, split_part(fingerprint(body, NOT raw)::text, ':', 7) AS figures
  FROM (VALUES (1, 'title_may_verb', true, E'Up To 25 May Lose Their Jobs\nDufy Corp said talks would resume next week, it said.'),
               (2, 'title_may_verb_small_words', true, E'Up to 25 May Lose Their Jobs at Dufy Plant\nDufy Corp said talks would resume next week, it said.'),
               (3, 'title_may_be', true, E'25 May Be Laid Off When Dufy Plant Closes\nDufy Corp said talks would resume next week, it said.'),
               (4, 'title_may_line_end', true, E'Dufy Talks Resume 25 May\nDufy Corp said talks would resume next week, it said.'),
               (5, 'title_may_mark', true, E'Dufy Talks Resume On 25 May, Union Says\nDufy Corp said talks would resume next week, it said.'),
               (6, 'title_may_in', true, E'Dufy Talks Resume 25 May in Geneva\nDufy Corp said talks would resume next week, it said.'),
               (7, 'sentence_may', false, 'Dufy Corp said talks would resume on 25 May ahead of the vote, it said.'),
               (8, 'sentence_may_headline', true, E'Dufy talks to resume on 25 May ahead of vote\nDufy Corp said talks would resume next week, it said.'),
               (9, 'title_line_above', true, E'Dufy Talks Resume Next Week\nDufy Corp said talks would resume on 25 May ahead of the vote, it said.')) t(id, name, raw, body)
 ORDER BY id;
-- smallfix27: and the verb's number is a count that can be its subject,
-- one that opens its line or clause or follows a word of quantity or
-- "said" ("Up To 25", "As Many As 25", "Some 25", "DUFY TALKS: 25");
-- after any other word the number is a day, whatever follows "May": 1-6
-- kept 25 as the verb's number ("Over", "Strike", "Amid" are no date's
-- words), 7-9 and 11 are the verb as before, "To" alone is no count (10:
-- a day before a mark, as before), and a verb "May" with no day before
-- it leaves the figures after it alone (12, 13)
SELECT name, split_part(fingerprint(body, false)::text, ':', 7) AS figures
  FROM (VALUES (1, 'title_for_may_over', E'Strike Set For 25 May Over Pay\nDufy Corp said talks would resume next week, it said.'),
               (2, 'title_sets_may_strike', E'Union Sets 25 May Strike Over Pay\nDufy Corp said talks would resume next week, it said.'),
               (3, 'title_resume_may_amid', E'Dufy Talks Resume 25 May Amid Row\nDufy Corp said talks would resume next week, it said.'),
               (4, 'caps_for_may_over', E'STRIKE SET FOR 25 MAY OVER PAY\nDufy Corp said talks would resume next week, it said.'),
               (5, 'caps_sets_may_strike', E'UNION SETS 25 MAY STRIKE OVER PAY\nDufy Corp said talks would resume next week, it said.'),
               (6, 'caps_moved_to_may_amid', 'DUFY CORP SAID TALKS WERE MOVED TO 25 MAY AMID A ROW OVER PAY.'),
               (7, 'title_as_many_as_verb', E'As Many As 25 May Face Charges Over Dufy Fire\nDufy Corp said talks would resume next week, it said.'),
               (8, 'title_some_verb', E'Some 25 May Lose Jobs At Dufy\nDufy Corp said talks would resume next week, it said.'),
               (9, 'caps_more_than_verb', 'DUFY CORP SAID MORE THAN 25 MAY LOSE THEIR JOBS.'),
               (10, 'title_moved_to_may', E'Dufy Talks Moved To 25 May, Union Says\nDufy Corp said talks would resume next week, it said.'),
               (11, 'title_clause_verb', E'Dufy Plant To Close: 25 May Lose Jobs\nDufy Corp said talks would resume next week, it said.'),
               (12, 'title_shares_may_rise', E'Dufy Shares May Rise 25 Pct\nDufy Corp said talks would resume next week, it said.'),
               (13, 'caps_shares_may_rise', E'DUFY SHARES MAY RISE 25 PCT\nDufy Corp said talks would resume next week, it said.')) t(id, name, body)
 ORDER BY id;
-- review28: a verb of report or fear opens a clause whose subject the
-- count can be ("Union Fears 25 May Lose Jobs", 1-4 kept no figure: a day
-- of May after "Fears" since smallfix27); a day after such a verb is still
-- read by the word after "May" (5, 6: "on", the line's end), and after
-- "Sets" 25 is a day as before (7)
SELECT name, split_part(fingerprint(body, false)::text, ':', 7) AS figures
  FROM (VALUES (1, 'title_fears_may_lose', E'Union Fears 25 May Lose Jobs\nDufy Corp said talks would resume next week, it said.'),
               (2, 'caps_fears_may_lose', E'UNION FEARS 25 MAY LOSE JOBS\nDufy Corp said talks would resume next week, it said.'),
               (3, 'title_warn_may_be', E'Officials Warn 25 May Be Laid Off At Dufy\nDufy Corp said talks would resume next week, it said.'),
               (4, 'title_say_may_face', E'Police Say 25 May Face Charges Over Dufy Fire\nDufy Corp said talks would resume next week, it said.'),
               (5, 'title_fears_may_on', E'Union Fears 25 May On Strike Vote\nDufy Corp said talks would resume next week, it said.'),
               (6, 'title_warns_may_line_end', E'Union Warns Of Strike By 25 May\nDufy Corp said talks would resume next week, it said.'),
               (7, 'title_sets_may_strike', E'Union Sets 25 May Strike Over Pay\nDufy Corp said talks would resume next week, it said.')) t(id, name, body)
 ORDER BY id;

-- the text literal and the binary form keep the figures (between the
-- names and the places: a tag word and a word for every 10 hashes)
SELECT name, fp::text::fingerprint = fp AS literal_round_trip,
       length(fingerprint_send(fp)) - 12 - 4 * sample_size(fp) - 16 -
         4 - 4 * ((sample_size(fp) + 9) / 10) AS figure_bytes_sent
  FROM fg ORDER BY id;
CREATE TEMP TABLE fg_bin (id int, f fingerprint);
INSERT INTO fg_bin SELECT id, fp FROM fg;
COPY fg_bin TO PROGRAM 'cat > newsprint_figures_regress.bin' (FORMAT binary);
CREATE TEMP TABLE fg_bin2 (LIKE fg_bin);
COPY fg_bin2 FROM PROGRAM 'cat newsprint_figures_regress.bin' (FORMAT binary);
SELECT a.id, a.f = b.f AS same, a.f::text = b.f::text AS same_literal
  FROM fg_bin a JOIN fg_bin2 b USING (id) ORDER BY id;

-- the figures are no index key: the keys are the hashes alone
SELECT name, (SELECT count(*) FROM unnest(npidx_keys(fp))) = sample_size(fp) AS keys_are_hashes
  FROM fg ORDER BY id;
CREATE INDEX ON fg USING npidx (fp);
SET enable_seqscan = off;
SELECT a.name, array_agg(b.name ORDER BY b.id) AS same_story
  FROM fg a JOIN fg b ON same_story(b.fp, a.fp) AND b.id <> a.id
 GROUP BY a.id, a.name ORDER BY a.id;
RESET enable_seqscan;

-- literals: figures read and written back (two figures, 0x5 and 0xc, in
-- one word, the first in its low half; three); a value with figures and
-- one of the same hashes without them differ (=), but compare alike
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f46000002000c0005'::fingerprint;
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f46000003000c000500000020'::fingerprint;
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f46000002000c0005'::fingerprint =
       'v2:w3:k4:n1:00000001:m00000000000000000000000000000000'::fingerprint AS equal,
       similarity('v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f46000002000c0005',
                  'v2:w3:k4:n1:00000001:m00000000000000000000000000000000') AS similarity;
-- malformed figures: 22P02
\set VERBOSITY sqlstate
SELECT 'v2:w3:k4:n1:00000001:f46000002000c0005'::fingerprint;  -- no names
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f'::fingerprint;  -- empty
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f4600000'::fingerprint;  -- a short word
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:F46000002000c0005'::fingerprint;  -- upper case
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f47000002000c0005'::fingerprint;  -- another tag
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f4600000000000000'::fingerprint;  -- no figure
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f46000003000c0005'::fingerprint;  -- count and length differ
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f460000020005000c'::fingerprint;  -- descending
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f46000002000c000c'::fingerprint;  -- twice
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f4600000100050001'::fingerprint;  -- unused half not 0
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f4600010100000005'::fingerprint;  -- truncated with 1 kept
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f4600800100000005'::fingerprint;  -- an unknown bit
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f46000002000c0zzz'::fingerprint;  -- not hex
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:f46000002000c0005:f46000002000c0005'::fingerprint;  -- twice over
SELECT 'v2:w3:k4:n1:00000001:m00000000000000000000000000000000:x46000002000c0005'::fingerprint;  -- another letter
SELECT 'v1:w3:k4:n1:00000001:m00000000000000000000000000000000:f46000002000c0005'::fingerprint;  -- version 1
\set VERBOSITY default
-- and in the binary form: 22P03 (another tag; 2 bytes of figures; a
-- count its words do not match); a well-formed message reads
CREATE TEMP TABLE fg_raw (b bytea);
INSERT INTO fg_raw SELECT pg_read_binary_file('newsprint_figures_regress.bin');
\set VERBOSITY sqlstate
COPY (SELECT translate(encode(substr(b, 1, 19) || '\x0002000000040000000b00000028'::bytea
        || '\x020300040000000100000001000000010000000000000000000000000000000047000002000c0005'::bytea || '\xffff'::bytea, 'base64'), E'\n', '')
      FROM fg_raw) TO PROGRAM 'base64 -d > newsprint_figures_regress_cut.bin';
COPY fg_bin2 FROM PROGRAM 'cat newsprint_figures_regress_cut.bin' (FORMAT binary);
COPY (SELECT translate(encode(substr(b, 1, 19) || '\x0002000000040000000c00000022'::bytea
        || '\x02030004000000010000000100000001000000000000000000000000000000004600'::bytea || '\xffff'::bytea, 'base64'), E'\n', '')
      FROM fg_raw) TO PROGRAM 'base64 -d > newsprint_figures_regress_cut.bin';
COPY fg_bin2 FROM PROGRAM 'cat newsprint_figures_regress_cut.bin' (FORMAT binary);
COPY (SELECT translate(encode(substr(b, 1, 19) || '\x0002000000040000000d00000028'::bytea
        || '\x020300040000000100000001000000010000000000000000000000000000000046000003000c0005'::bytea || '\xffff'::bytea, 'base64'), E'\n', '')
      FROM fg_raw) TO PROGRAM 'base64 -d > newsprint_figures_regress_cut.bin';
COPY fg_bin2 FROM PROGRAM 'cat newsprint_figures_regress_cut.bin' (FORMAT binary);
\set VERBOSITY default
COPY (SELECT translate(encode(substr(b, 1, 19) || '\x0002000000040000000e00000028'::bytea
        || '\x020300040000000100000001000000010000000000000000000000000000000046000002000c0005'::bytea || '\xffff'::bytea, 'base64'), E'\n', '')
      FROM fg_raw) TO PROGRAM 'base64 -d > newsprint_figures_regress_cut.bin';
COPY fg_bin2 FROM PROGRAM 'cat newsprint_figures_regress_cut.bin' (FORMAT binary);
SELECT id, f::text FROM fg_bin2 WHERE id > 10 ORDER BY id;
DROP TABLE fg, fg_forms;
-- Thousands of "25 May" (review27): each is read back over a few bytes
-- before the number (fp_fig_count_opens) and forward to the next word, so
-- a text of 20,000 of them, in Title Case lines, in capitals and after
-- runs of no-break spaces, takes milliseconds; the timeout is for a
-- read that would grow with the text
SET statement_timeout = '20s';
SELECT name, shingle_count(fp),
       length(split_part(fp::text, ':', 7)) > 0 AS has_figures
  FROM (SELECT name, fingerprint(body, false) AS fp
          FROM (VALUES ('title', (SELECT string_agg('Up To 25 May Lose Jobs For 25 May Over Pay At Plant ' || g, E'\n')
                                     FROM generate_series(1, 10000) g)),
                       ('caps', repeat('UP TO 25 MAY LOSE 25 MAY ', 10000)),
                       ('nbsp', repeat(E'SOME\u00a0\u00a0\u00a0\u00a0 25\u00a0\u00a0\u00a0\u00a0 MAY ', 20000))) t(name, body)) f
 ORDER BY name;
RESET statement_timeout;
