--
-- clean: newsprint.clean(), paragraphs() and sentences() on small inputs,
-- options, and bad input
--

-- NULL in, NULL out (STRICT); empty in, empty out
SELECT newsprint.clean(NULL) IS NULL AS null_gives_null;
SELECT newsprint.clean('') = '' AS empty_gives_empty;
SELECT newsprint.clean(E' \n\t \n ') = '' AS blank_gives_empty;
SELECT count(*) FROM newsprint.paragraphs('');
SELECT count(*) FROM newsprint.sentences('');
SELECT count(*) FROM newsprint.sentences(NULL);

-- white space collapses; a short text without furniture survives as is
SELECT newsprint.clean(E'Hello   world.\tThis  is a test.');
SELECT newsprint.clean('Just a headline');

-- Unicode: NBSP and zero-width space go, NFD becomes NFC
SELECT newsprint.clean(E'Caf\u0065\u0301 society\u00a0meets in the old\u200b town square again today.')
  = E'Caf\u00e9 society meets in the old town square again today.' AS nfc;

-- hard-wrapped lines are joined; a word split at a line end is repaired
SELECT newsprint.clean(E'The minister said the talks with his counterpart were very\n'
                       'productive and that both sides would meet again in the\n'
                       'autumn to discuss the Asia-\n'
                       'Pacific region and a possible inter-\n'
                       'national agreement on the matter.\n');

-- furniture: a byline, a timestamp, a share bar, a lone URL, teasers
SELECT newsprint.clean(E'By Jane Doe\n'
                       '13 minutes ago\n'
                       'Share on Facebook | Share on Twitter | Email\n\n'
                       'The city council voted on Tuesday to close the old bridge for repairs, officials said.\n\n'
                       'Advertisement\n\n'
                       'Engineers found cracks in two of its supporting pillars during a routine inspection last month.\n\n'
                       'https://example.com/bridge-photos\n\n'
                       'Read more: Council approves new budget for road works\n\n'
                       'The bridge is expected to reopen next spring, the mayor told reporters.\n\n'
                       'Comments (12)\n'
                       'Great news, finally someone is doing something about this bridge after all these years.\n');

-- a headline, byline and date line before the body; the headline on request
SELECT newsprint.clean(E'Bridge to close for repairs\nBy Jane Doe, City Reporter\nUpdated 14 May 2024 10:32 BST\n\n'
                       'The city council voted on Tuesday to close the old bridge for repairs, officials said.\n',
                       keep_headline => true);

-- headline and caption options
SELECT newsprint.clean(E'Council Closes Old Bridge\n\n'
                       'The old bridge over the river will be repaired. (Photo: John Smith / Reuters)\n\n'
                       'The city council voted on Tuesday to close the old bridge for repairs, officials said.\n\n'
                       'Engineers found cracks in two of its supporting pillars during a routine inspection.\n',
                       keep_headline => true, keep_captions => true);
SELECT newsprint.clean(E'Council Closes Old Bridge\n\n'
                       'The old bridge over the river will be repaired. (Photo: John Smith / Reuters)\n\n'
                       'The city council voted on Tuesday to close the old bridge for repairs, officials said.\n\n'
                       'Engineers found cracks in two of its supporting pillars during a routine inspection.\n');

-- HTML: detected, parsed, entities decoded, furniture elements dropped
SELECT newsprint.clean('<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head><body>'
  '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
  '<header><h1>Bridge closes</h1><p class="byline">By Jane Doe</p></header>'
  '<article><p>The city council voted on Tuesday to close the old bridge for repairs, officials said &amp; engineers agreed.</p>'
  '<figure><img src="x.jpg"><figcaption>The old bridge. Photo: Reuters</figcaption></figure>'
  '<h2>Cracks found</h2>'
  '<p>Engineers found cracks in two of its <a href="/p">supporting pillars</a> during a routine inspection.</p>'
  '<div class="share-bar"><a href="#">Share</a> <a href="#">Tweet</a></div>'
  '<script>var x = "<p>not text</p>";</script></article>'
  '<aside><p>Most read: something else entirely that should never appear in the body.</p></aside>'
  '<footer>&copy; 2024 Example News. All rights reserved.</footer></body></html>');
SELECT newsprint.clean('<h1>Bridge closes</h1><p>The city council voted on Tuesday to close the old bridge for repairs.</p><figure><figcaption>The old bridge. Photo: Reuters</figcaption></figure><p>Engineers found cracks in two of its supporting pillars during an inspection.</p>',
                       keep_headline => true, keep_captions => true);

-- format: forced text keeps the markup as text; bad values are rejected
SELECT newsprint.clean('<p>The council voted on Tuesday to close the old bridge for repairs, officials said.</p>', format => 'text');
SELECT newsprint.clean('The <b>council</b> voted on Tuesday to close the old bridge for repairs, officials said.', format => 'HTML');
SELECT newsprint.clean('x', format => 'pdf');
SELECT newsprint.clean('x', format => '');

-- broken and deeply nested HTML is still cleaned, without blowing the stack
SELECT newsprint.clean('<html><body><p>The council voted on Tuesday to close the old <b>bridge for <i>repairs, officials</b> said.<p>Unclosed <div><span>paragraph with enough words to be kept as body text here.', format => 'html');
SELECT length(newsprint.clean(repeat('<div>', 200000) || '<p>The council voted on Tuesday to close the old bridge for repairs, officials said.</p>' || repeat('</div>', 200000), format => 'html')) > 0 AS deep_divs_ok;
SELECT length(newsprint.clean(repeat('<b><i>', 100000) || 'The council voted on Tuesday to close the old bridge for repairs, officials said.', format => 'html')) > 0 AS deep_inline_ok;
SELECT newsprint.clean('<<<>>><p <a href=">>>', format => 'html') IS NOT NULL AS garbage_ok;

-- invalid UTF-8 is an error, never garbage (in a UTF8 database the server
-- already refuses to build such a text value; clean() checks again)
SELECT newsprint.clean(convert_from('\x41ff41'::bytea, 'SQL_ASCII'));
SELECT * FROM newsprint.sentences(convert_from('\x41c3'::bytea, 'SQL_ASCII'), clean => false);
SELECT newsprint.clean(E'caf\xc3');

-- 50 MB of text: linear time, bounded memory
CREATE TEMP TABLE big AS
  SELECT string_agg(format('Paragraph %s of the report says the old bridge will close for repairs next year.', g), E'\n\n') AS body
  FROM generate_series(1, 600000) g;
SELECT length(body) > 50000000 AS over_50mb FROM big;
SELECT length(newsprint.clean(body)) = length(body) AS all_kept,
       (SELECT count(*) FROM newsprint.paragraphs(body)) AS paragraphs
FROM big;
-- identical paragraphs repeated are furniture-like; the function still returns
SELECT length(newsprint.clean(repeat(E'Subscribe to our newsletter.\n', 2000000))) AS repeated_furniture;
-- HTML of more than 50 MB
SELECT length(newsprint.clean('<html><body>' || replace(body, E'\n\n', '</p><p>') || '</p></body></html>')) AS big_html_len FROM big;
DROP TABLE big;
-- (text over 1 MB is cleaned in blocks cut at paragraph or sentence ends:
-- this one line of 54 MB comes back as 52 paragraphs, 54000050 characters)
SELECT length(newsprint.clean(repeat('The council voted on Tuesday to close the old bridge. ', 1000000))) AS one_line_len;
SELECT count(*) FROM newsprint.sentences(repeat('The council voted on Tuesday to close the old bridge. ', 1000000));

-- paragraphs and sentences: ordinals, 1-based start and length in characters
SELECT * FROM newsprint.paragraphs(E'First paragraph has \u00e9l\u00e8ve in it.\n\n\nSecond one.', clean => false);
SELECT p.ordinal, substr(c, p.start, p.length) = p.text AS offsets_match
FROM (SELECT newsprint.clean(E'Le caf\u00e9 est ferm\u00e9 depuis lundi, a dit le maire de la ville aujourd''hui.\n\nM. Dupont n''a pas r\u00e9pondu \u00e0 nos questions sur la fermeture du caf\u00e9.') AS c) s,
     LATERAL newsprint.paragraphs(c) p;

-- sentence splitting survives abbreviations, initials, decimals and quotes
SELECT * FROM newsprint.sentences(
  'Mr. Smith met J. K. Rowling on Jan. 5 in the U.S. capital. Prices rose 3.5 percent. '
  'He said "stop." Then he left. "Why?" she asked. Gen. Jones arrived at 10 a.m. Monday. '
  'The talks were held in the U.S. The next round is in No. 10 Downing St. in London... or not.',
  clean => false);
SELECT s.ordinal, substr(c, s.start, s.length) = s.text AS offsets_match
FROM (SELECT newsprint.clean(E'\u201cWe will win,\u201d the G\u00f6teborg coach said. \u201cNo doubt.\u201d Fans cheered. The club, founded in 1904, has won the league 18 times.') AS c) x,
     LATERAL newsprint.sentences(c) s;

-- markup hints are only hints: a whole page inside a form, or a body class
-- that looks like furniture, still yields the story
SELECT newsprint.clean('<html><body class="single has-sidebar"><form id="aspnetForm">'
  '<div class="header-menu"><a href="/">Home</a> <a href="/news">News</a></div><div class="content">'
  '<p>The council voted on Tuesday to close the old bridge for repairs, officials said.</p>'
  '<p>Engineers found cracks in two of its supporting pillars during a routine inspection.</p>'
  '</div><input type="hidden" value="x"></form></body></html>');

-- another language and script: the structure still tells the body apart
SELECT newsprint.clean(E'Политика\n12:45\n\n'
  'Министр иностранных дел прибыл в Пекин в понедельник с официальным визитом, сообщило ведомство.\n\n'
  'Читайте также: Китай и Россия обсудили торговлю\n\n'
  'Он проведет два дня в китайской столице и встретится со своим китайским коллегой.\n');
SELECT ordinal, text FROM newsprint.sentences(E'\u0413-\u043d \u041f\u0435\u0442\u0440\u043e\u0432 \u043f\u0440\u0438\u0435\u0445\u0430\u043b. \u041e\u043d \u0441\u043a\u0430\u0437\u0430\u043b \u00ab\u0434\u0430\u00bb. \u0412\u0441\u0435 \u0434\u043e\u0432\u043e\u043b\u044c\u043d\u044b!', clean => false);

-- letter case beyond ASCII: L with stroke (U+0141) is a capital, so a line
-- that ends without a full stop is not joined to "Łódź officials ..."
SELECT newsprint.clean(E'The report that the city published on Monday described two years of talks with residents, shop owners, cyclists and the transport unions over the new tram line as long, candid and useful\n'
                       '\u0141\u00f3d\u017a officials said on Tuesday that the line would open next spring.\n');
SELECT text FROM newsprint.sentences(E'He spoke at Fishmongers'' Hall. \u0141ukasz, who lives nearby, listened.', clean => false);

-- one list of abbreviations and sentence openers (abbrev.c) for the
-- splitter and the entity extractor: "ft." ends a sentence before an
-- opener but "Ft. Worth" does not; "Mt." never does; an opener after a
-- number with inner dots starts a sentence
SELECT text FROM newsprint.sentences('The hill is 328 ft. The town of Ft. Worth lies near Mt. Hood. He ran it in 48.396. Unlike others, he won.', clean => false);

-- a table sent as the item itself keeps its rows beside its one line of
-- prose: an earnings table with a note (it kept the note alone), a results
-- card closed by one line (it kept the last line alone); the same table
-- without the note keeps every row, as it did
SELECT newsprint.clean(E'NORTHGATE APPAREL INC <NGA> 9 MTHS NET\n'
                       '    Shr 88 cts vs 71 cts\n'
                       '    Net 9,113,000 vs 7,402,000\n'
                       '    Sales 240.6 mln vs 215.9 mln\n'
                       '    NOTE: Nine months ended January 31.\n'
                       ' Reuter\n');
SELECT newsprint.clean(E'NORTHGATE APPAREL INC <NGA> 9 MTHS NET\n'
                       '    Shr 88 cts vs 71 cts\n'
                       '    Net 9,113,000 vs 7,402,000\n'
                       '    Sales 240.6 mln vs 215.9 mln\n'
                       ' Reuter\n');
SELECT newsprint.clean(E'HARTWELL EAST BY-ELECTION RESULT\n\n'
                       'Lab: Priya Nair 1,204 (48.1%)\n'
                       'Con: Tom Byrne 812 (32.4%)\n'
                       'LD: Sam Okafor 489 (19.5%)\n\n'
                       'Lab hold. Majority 392. Turnout 24.8%.\n');
-- rows of figures beside an article are still furniture: outweighed by
-- the story, or cut off from it by other furniture
SELECT newsprint.clean(E'FTSE 100   7,512.30   +0.4%\n'
                       'Dow Jones  38,104.22  -0.2%\n'
                       'Brent      82.14      +0.6%\n\n'
                       'The harbour trust on Tuesday approved plans for a ferry terminal on the old coal wharf, officials said.\n\n'
                       'Work on the terminal, which will cost about 40 million pounds, is to start in the autumn and end by the spring of 2028.\n');
SELECT newsprint.clean(E'FTSE 100   7,512.30   +0.4%\n'
                       'Dow Jones  38,104.22  -0.2%\n'
                       'Brent      82.14      +0.6%\n\n'
                       'Advertisement\n\n'
                       'The harbour trust on Tuesday approved plans for a ferry terminal.\n');
-- rows of a ticker directly above a one-sentence brief, with only its
-- headline between, are not the brief's table (they were kept as one: no
-- title line opens them), nor is a row of them the headline
SELECT newsprint.clean(E'Dow Jones Industrial Average   38,104.22   -0.2%\n'
                       'Nasdaq Composite               15,628.95   +0.3%\n'
                       'Brent crude oil                    82.14   +0.6%\n'
                       'Gold spot price                 2,031.40   -0.4%\n\n'
                       'Library reopens after flood repairs\n\n'
                       'Dunmore''s central library reopened on Monday, eleven months after a burst water main flooded it.\n');
SELECT newsprint.headline(E'Dow Jones Industrial Average   38,104.22   -0.2%\n'
                          'Nasdaq Composite               15,628.95   +0.3%\n'
                          'Brent crude oil                    82.14   +0.6%\n'
                          'Gold spot price                 2,031.40   -0.4%\n\n'
                          'Library reopens after flood repairs\n\n'
                          'Dunmore''s central library reopened on Monday, eleven months after a burst water main flooded it.\n');

-- the agency's sign-off closing a table, a notice or a one-line item goes,
-- as it did after a story's prose ("Reuter" stayed under rows), and its
-- other forms with it; the table's title line is its headline (headline()
-- gave NULL) and stays body, so keep_headline changes nothing
\set notice 'E''HOLLIS PAPER CORP <HPC> RAISES QUARTERLY\n    Qtly div 24 cts vs 21 cts prior\n    Pay June 2\n    Record May 16\n Reuter\n'''
SELECT newsprint.clean(:notice);
SELECT newsprint.headline(:notice);
SELECT newsprint.clean(:notice, keep_headline => true) = newsprint.clean(:notice) AS title_once;
SELECT newsprint.headline(E'NORTHGATE APPAREL INC <NGA> 9 MTHS NET\n'
                          '    Shr 88 cts vs 71 cts\n'
                          '    Net 9,113,000 vs 7,402,000\n'
                          '    Sales 240.6 mln vs 215.9 mln\n'
                          '    NOTE: Nine months ended January 31.\n'
                          ' Reuter\n');
SELECT newsprint.clean(E'ORIEL CHEMICAL <ORC> OMITS QUARTERLY DIVIDEND\n Reuter\n');
SELECT newsprint.clean(E'HOLLIS PAPER CORP <HPC> RAISES QUARTERLY\n'
                       '    Qtly div 24 cts vs 21 cts prior\n'
                       '    (Reporting by Ann Lee; Editing by Tom Fry)\n'
                       ' Reuter\n');
SELECT newsprint.clean(E'LONDON, March 3 (Reuters) - The hearing lasted an hour and the judge adjourned the case until May.\n\nREUTER\n');
-- not a sign-off: the text itself, and a row under a list introduction
SELECT newsprint.clean(E'Reuter\n');
SELECT newsprint.clean(E'BRIEFING POOL\n\nAgencies admitted:\nReuter\n');
-- under a feed's header the table still opens the item: rows and title kept
SELECT newsprint.clean(E'ZCZC\nRTRS 0712 3 ECI 0612\nNORTHGATE APPAREL INC <NGA> 9 MTHS NET\n'
                       '    Shr 88 cts vs 71 cts\n'
                       '    Net 9,113,000 vs 7,402,000\n'
                       '    NOTE: Nine months ended January 31.\n'
                       ' Reuter\n', keep_headline => true);
-- a title line may carry a decimal or a per cent (not a signed change, as
-- a ticker's rows do): the rows under it are still the item's (they were
-- dropped with the title)
SELECT newsprint.clean(E'FENWICK TOOL CORP <FNW> 3RD QTR NET UP 12.6 PCT\n'
                       '    Shr 52 cts vs 47 cts\n'
                       '    Net 4,210,000 vs 3,738,000\n'
                       '    Revs 71.2 mln vs 66.9 mln\n'
                       '    NOTE: Third quarter ended September 30.\n'
                       ' Reuter\n');
-- a year in the title is one figure, not four: the council's results
-- under "MAY 2026 COUNCIL VOTE" keep their title and rows (they were
-- dropped, all but the closing sentence)
SELECT newsprint.clean(E'MAY 2026 COUNCIL VOTE\n\n'
                       'Ashgrove ward: Green 1,318, Labour 1,102, Conservative 604\n'
                       'Bell Hill ward: Labour 1,877, Liberal Democrat 951, Green 312\n'
                       'Canal Side ward: Independent 1,045, Labour 1,011, Conservative 388\n\n'
                       'The council stays under no overall control after the count on Friday.\n');
\set lme_rows 'E''  Copper 3M     8,402.50    8,369.00   +33.50\n  Zinc 3M       2,611.00    2,598.50   +12.50\n  Nickel 3M    16,940.00   16,985.00   -45.00\n'''
SELECT newsprint.clean(E'COPPER FIRMS 0.4% IN LONDON - CLOSING PRICES\n\n'
                       'Base metals closed a little higher as the dollar weakened.\n\n' || :lme_rows);
-- a sign-off is kept after a one-word line or another agency's name (a
-- list of names, not a story's end)
SELECT newsprint.clean(E'Pool reporters for the state visit\n\nPhotographers\nReuter\n');
SELECT newsprint.clean(E'Pool reporters for the state visit\n\nAssociated Press\nReuter\n');
-- a byline under the headline still opens the item: the prices table
-- under the lead is kept (it was dropped as if a menu stood above it)
SELECT newsprint.clean(E'Copper firms as the dollar weakens\n\n'
                       'By Jane Okafor\n\n'
                       'Base metals closed mixed in London on Friday as the dollar firmed.\n\n' || :lme_rows);
-- under a page's menu, prices below a one-sentence brief are a ticker
SELECT newsprint.clean(E'Home | News | Business | Markets | Sport\n\n'
                       'The harbour trust on Tuesday approved plans for a ferry terminal.\n\n'
                       'FTSE 100   7,512.30   +0.4%\n'
                       'Dow Jones  38,104.22  -0.2%\n'
                       'Brent      82.14      +0.6%\n'
                       'Gold       2,031.40   -0.4%\n');
-- clean11: a one-line item in capitals of four words or fewer (a label
-- row to the classifier) keeps its only line (it came back ''), alone or
-- over its sign-off; headline() has none to give, as for the same line in
-- mixed case
SELECT newsprint.clean(E'HOLLIS CORP OMITS DIVIDEND\n');
SELECT newsprint.clean(E'HOLLIS CORP OMITS DIVIDEND\n Reuter\n');
SELECT newsprint.clean(E'HOLLIS CORP OMITS DIVIDEND\n', keep_headline => true);
SELECT newsprint.headline(E'HOLLIS CORP OMITS DIVIDEND\n') IS NULL AS no_headline;
-- clean11: a list of names ending in an agency's name keeps that row,
-- where the sign-off rule (or, for "Reuters" and "AP", the photo credit)
-- took it; the sign-off under a note in brackets still goes
SELECT newsprint.clean(E'Pool reporters for the state visit\n\nBBC News\nReuters\n');
SELECT newsprint.clean(E'Pool reporters for the state visit\n\nBBC News\nSky News\nAP\n');
SELECT newsprint.clean(E'The agencies at the briefing were:\nBBC News\nSky News\nReuters\n\n'
                       'The minister spoke for an hour and took no questions from the floor at all.\n');
SELECT newsprint.clean(E'HOLLIS PAPER CORP <HPC> RAISES QUARTERLY\n'
                       '    Qtly div 24 cts vs 21 cts prior\n'
                       '    (Reporting by Ann Lee; Editing by Tom Fry)\n'
                       ' Reuter\n');
-- clean11: a ticker row with a long name (a price and its signed change)
-- above a story is no headline, alone or under a menu; a headline with a
-- signed figure but no price before it still is one
SELECT newsprint.headline(E'London Stock Exchange FTSE All-Share Index 4,170.21 -0.1%\n\n'
                          'LONDON (Reuters) - British shares edged lower on Tuesday as miners fell and investors waited for the central bank decision.\n') IS NULL AS no_headline;
SELECT newsprint.headline(E'Home | News | Markets\n'
                          'London Stock Exchange FTSE All-Share Index 4,170.21 -0.1%\n'
                          'The shares of the large miners edged lower on Tuesday as investors waited for the central bank decision, traders said.\n') IS NULL AS no_headline;
SELECT newsprint.headline(E'Central bank cuts its deposit rate to -0.5%\n\n'
                          'The central bank cut its deposit rate on Thursday for the first time in three years, citing weak demand.\n');
-- review12: a sign-off in a form no row of a list takes ("Reuter", "--
-- Reuters", "(Reuters)") goes under a table's last row of two words or
-- more, a name or a row with no figure too (clean11 kept it under a row in
-- mixed case), and is no row of a list under a word alone (clean11 took
-- "-- Reuters" there for a list's last row); an agency's name alone under
-- a name is still a row
SELECT newsprint.clean(E'HOLLIS CORP <HOL> NAMES DIRECTORS\n'
                       '    Hollis Corp said it elected the following to its board:\n'
                       '    John Smith\n'
                       '    Mary Jones\n'
                       ' Reuter\n');
SELECT newsprint.clean(E'BRAZIL COFFEE EXPORTERS REGISTERED\n'
                       '    The following exporters registered sales today\n'
                       '    Cooxupe\n'
                       '    Volcafe\n'
                       ' -- Reuters\n');
SELECT newsprint.clean(E'HOLLIS CORP <HOL> NAMES DIRECTORS\n'
                       '    Hollis Corp said it elected the following to its board:\n'
                       '    John Smith\n'
                       '    Mary Jones\n'
                       ' (Reuters)\n');
SELECT newsprint.clean(E'HOLLIS CORP OMITS DIVIDEND\n'
                       '    Record date not set\n'
                       ' Reuter\n');
SELECT newsprint.clean(E'Pool reporters for the state visit\n\nBBC News\nReuters\n');
-- review12: a ticker row whose change is in brackets or has a minus sign
-- (U+2212) is no headline either
SELECT newsprint.headline(E'London Stock Exchange FTSE All-Share Index 4,170.21 (-0.1%)\n\n'
                          'LONDON (Reuters) - British shares edged lower on Tuesday as miners fell and investors waited for the central bank decision.\n') IS NULL AS no_headline;
SELECT newsprint.headline(E'London Stock Exchange FTSE All-Share Index 4,170.21 \u22120.1%\n\n'
                          'LONDON (Reuters) - British shares edged lower on Tuesday as miners fell and investors waited for the central bank decision.\n') IS NULL AS no_headline;
-- review12: a text of words alone in capitals (a menu, a section's name)
-- still gives ''; an item's title of two to four words is kept
SELECT newsprint.clean(E'HOME\nNEWS\nSPORT\nWEATHER\n') = '' AS empty;
SELECT newsprint.clean(E'LIVE\n') = '' AS empty;
SELECT newsprint.clean(E'ACME SPLITS STOCK\n');
-- clean12: a paragraph that ends on a quotation without a full stop is the
-- story's (real text, Wikinews, CC BY 2.5: test/data/clean_body/README.md):
-- a quotation and its attribution, a quotation alone closed without the
-- full stop inside, a sentence introducing one, and one that runs on into
-- the next paragraph ("... earlier today,"); each was dropped before
\set said `cat test/data/clean_body/afghan_deaths_said.txt`
\set quote `cat test/data/clean_body/afghan_deaths_quote.txt`
\set intro `cat test/data/clean_body/afghan_deaths_intro.txt`
\set lothian `cat test/data/clean_body/lothian_charge.txt`
SELECT p.ordinal, left(p.paragraph, 40) AS starts, right(p.paragraph, 40) AS ends
  FROM (VALUES ('said', :'said'), ('quote', :'quote'), ('intro', :'intro')) AS t(name, body),
       LATERAL (SELECT ordinality AS ordinal, paragraph
                  FROM regexp_split_to_table(newsprint.clean(t.body), E'\n\n')
                       WITH ORDINALITY AS s(paragraph, ordinality)) AS p
 WHERE p.ordinal >= 4
 ORDER BY t.name, p.ordinal;
SELECT newsprint.clean(:'lothian');
-- the attribution in the present tense after the name, in short copy
SELECT newsprint.clean(E'The club lost its final match of the season on Saturday, ending a run of eleven wins.\n\n'
                       '"We will be back next year," she says\n');
-- not a headline: a quotation in capitals, a name and a colon before one,
-- "says" opening the attribution, a quotation that opens the text
SELECT newsprint.clean(E'\'THEY CALLED ME THE DIVERSITY HIRE\'\n\n'
                       'A lorry driver told an employment tribunal on Monday that colleagues had mocked him for months before he was dismissed.\n');
SELECT newsprint.clean(E'Lottery winner: ''I will just have a nicer kitchen''\n\n'
                       'A retired teacher who won the biggest jackpot in the history of the state said on Tuesday she would keep her house.\n');
SELECT newsprint.clean(E'A retired teacher who won the biggest jackpot in the history of the state said on Tuesday she would keep her house.\n\n'
                       '''I will just have a nicer kitchen,'' says winner\n\n'
                       'Related stories\n');
SELECT newsprint.clean(E'"We will be back next season with a new manager"\n\n'
                       'The club lost its final match of the season on Saturday, ending a run of eleven wins.\n');
-- review15: a paragraph that is all quotation, under one with no
-- quotation, is a pull quote (or a reader's comment) and stays out (kept
-- on clean12); under a quotation it goes on with what was said
SELECT newsprint.clean(E'The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.\n\n'
                       'The council will review the plan again in March, when the new budget figures are due to be published by the finance office.\n\n'
                       '"We are losing the heart of this neighbourhood"\n');
SELECT newsprint.clean(E'The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.\n\n'
                       'The librarian said, \u201cThe branch has served this street for ninety years.\u201d\n\n'
                       '\u201cWe are losing the heart of this neighbourhood\u201d\n');
-- clean12: a table or list under a title without a colon, in capitals or
-- as a line of prose, right under the story, to the agency's sign-off, is
-- the story's (dropped before); the old Reuters format too
SELECT newsprint.clean(E'The draw for the quarterfinals of the cup was made on Sunday in Zurich, with the holders facing the hosts in the first match.\n\n'
                       'QUARTERFINAL LINEUP\n\n'
                       'Brazil v Argentina\nFrance v Spain\nGermany v Italy\nEngland v Portugal\n'
                       ' Reuter\n');
SELECT newsprint.clean(E'SOCCER - WORLD CUP QUARTERFINAL DRAW\n'
                       '    ZURICH, Dec 6 - The draw for the quarterfinals of the cup was made on Sunday in Zurich, with the holders facing the hosts in the first match.\n'
                       '    The draw produced the following matches\n'
                       '    Brazil v Argentina\n'
                       '    France v Spain\n'
                       '    Germany v Italy\n'
                       ' Reuter\n');
-- review15: in a text that is not agency copy, not to the end of the text
-- nor to more of the story: a web page's box of teasers under a label
-- that is no section marker has that shape, between paragraphs and at the
-- end (these were kept on clean12)
SELECT newsprint.clean(E'The draw for the quarterfinals of the cup was made on Sunday in Zurich, with the holders facing the hosts in the first match.\n\n'
                       'QUARTERFINAL LINEUP\n\n'
                       'Brazil v Argentina\nFrance v Spain\nGermany v Italy\nEngland v Portugal\n');
SELECT newsprint.clean(E'The draw for the quarterfinals of the cup was made on Sunday in Zurich, with the holders facing the hosts in the first match.\n\n'
                       'QUARTER-FINAL RESULTS\n'
                       'Brazil 2 Argentina 1\nFrance 0 Spain 0\n\n'
                       'SEMI-FINAL DRAW\n'
                       'Brazil v France\nGermany v England\n\n'
                       'The final will be played in Zurich on December 18, the organisers said on Sunday.\n');
SELECT newsprint.clean(E'The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.\n\n'
                       'OTHER NEWS\n\n'
                       'Library hours cut again\nCouncil tax to rise\nSchools face cuts\n');
SELECT newsprint.clean(E'The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.\n\n'
                       'You might also like\n'
                       'Library hours cut again\nCouncil tax to rise\n\n'
                       'The council will review the plan again in March, when the new budget figures are due to be published by the finance office.\n');
-- not under a title of one word, nor rows that end at other furniture (a
-- box of teasers under its label), nor a single row
SELECT newsprint.clean(E'The draw for the quarterfinals of the cup was made on Sunday in Zurich, with the holders facing the hosts in the first match.\n\n'
                       'TRENDING\n\n'
                       'Brazil v Argentina\nFrance v Spain\nGermany v Italy\n');
SELECT newsprint.clean(E'The draw for the quarterfinals of the cup was made on Sunday in Zurich, with the holders facing the hosts in the first match.\n\n'
                       'EDITORS PICKS\n\n'
                       'Storm closes schools\nMayor opens bridge\nZoo welcomes panda\n\n'
                       'Share this article\n');
SELECT newsprint.clean(E'The draw for the quarterfinals of the cup was made on Sunday in Zurich, with the holders facing the hosts in the first match.\n\n'
                       'QUARTERFINAL LINEUP\n\n'
                       'Brazil v Argentina\n');
-- clean12: a title line in capitals of up to four words (a label to the
-- classifier) over a single row of prices, or over several, stays with
-- them in a text with no sentence, and is the headline (the row was kept
-- without its title, and was the headline's place)
SELECT newsprint.clean(E'COPPER PRICES\nCopper 3M 8,402.50 8,369.00 +33.50\n');
SELECT newsprint.headline(E'COPPER PRICES\nCopper 3M 8,402.50 8,369.00 +33.50\n');
SELECT newsprint.clean(E'LONDON GOLD FIXING\n\nGold   2,031.40   2,022.10\nSilver   24.61   24.38\n');
-- clean12: an agency's name alone under a row of a list in capitals
-- ("SKY NEWS") is the list's last row, not a photo credit, as under a row
-- in mixed case (it was dropped); as the text's last line under a line in
-- capitals it is still the sign-off (the doc's rule: such a line is an
-- item's title), and "SKY NEWS" alone is kept as a label in capitals
SELECT newsprint.clean(E'The agencies at the briefing were:\nBBC NEWS\nSKY NEWS\nREUTERS\n\n'
                       'The minister spoke for an hour and took no questions from the floor at all.\n');
SELECT newsprint.clean(E'Pool reporters for the state visit\n\nSKY NEWS\nREUTERS\n');
-- clean13: a list of prices without a title keeps every row, those named
-- in capitals too (an acronym made the row an all-capital label: the first
-- row, or every row, was lost); under a title in capitals as well; a date
-- in capitals under a headline stays out, as before
SELECT n, newsprint.clean(body), newsprint.headline(body)
  FROM (VALUES (1, E'FTSE 100 7,512.30 +0.4\nDow Jones 38,104.22 -0.2\n'),
               (2, E'Dow Jones 38,104.22 -0.2\nFTSE 100 7,512.30 +0.4\n'
                    'Nikkei 225 33,100.50 +1.1\nS&P 500 4,780.10 +0.3\n'
                    'DAX 16,751.64\nWTI 78.20 -0.5\n'),
               (3, E'S&P 500 4,780.10 +0.3\nDAX 16,751.64 +0.5\n'),
               (4, E'COPPER PRICES\nLME CASH 8,450.00 +1.0\nLME 3M 8,490.00 +1.2\n'),
               (5, E'SOCCER - ENGLISH PREMIER LEAGUE RESULTS.\n\nLONDON 2002-11-16\n\n'
                    'Results of English Premier League matches played on Saturday:\n\n'
                    'Arsenal 3 Tottenham 0\nBirmingham 0 Bolton 1\n')) AS t(n, body)
 ORDER BY n;
-- clean13: in HTML too, a table under a title without a colon, right
-- under the story, is the story's where plain text keeps it: in an
-- agency's story (its dateline opens the story) to the end of the text or
-- to more of the story, and in any page to the agency's sign-off or
-- credit; rows in paragraphs or as the lines of a pre element (which
-- were joined into one); a box of teasers under a label stays out
SELECT newsprint.clean(E'<html><body><p>ZURICH, Dec 6 (Reuters) - The draw for the quarterfinals of the cup was made on Sunday in Zurich, with the holders facing the hosts in the first match.</p>'
                       '<p>QUARTERFINAL LINEUP</p><p>Brazil v Argentina</p><p>France v Spain</p><p>Germany v Italy</p></body></html>');
SELECT newsprint.clean(E'<html><body><p>ZURICH, Dec 6 (Reuters) - The draw for the quarterfinals of the cup was made on Sunday in Zurich, with the holders facing the hosts in the first match.</p>'
                       '<p><b>The draw produced the following matches</b></p><pre>Brazil v Argentina\nFrance v Spain\nGermany v Italy\n</pre>'
                       '<p>The final will be played in Zurich on December 18, the organisers said on Sunday.</p><footer>Share this article</footer></body></html>');
SELECT newsprint.clean(E'<html><body><p>The draw for the quarterfinals of the cup was made on Sunday in Zurich, with the holders facing the hosts in the first match.</p>'
                       '<p><b>QUARTERFINAL LINEUP</b></p><p>Brazil v Argentina</p><p>France v Spain</p>'
                       '<p>(Reporting by Jane Doe; Editing by John Roe)</p></body></html>');
SELECT newsprint.clean(E'<html><body><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p>'
                       '<p>OTHER NEWS</p><p>Library hours cut again</p><p>Council tax to rise</p></body></html>');
SELECT newsprint.clean(E'<html><body><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p>'
                       '<p><b>You might also like</b></p><pre>Library hours cut again\nCouncil tax to rise\n</pre>'
                       '<p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></body></html>');
-- clean13: hard-wrapped prose in a pre element runs on to a sentence's
-- end or a blank line (it was one paragraph with its credit)
SELECT newsprint.clean(E'<html><body><h1>Storm hits coast</h1><pre>    LONDON, Dec 6 (Reuters) - A powerful storm swept across the\n'
                       'southern coast of England on Sunday, cutting power to thousands\n'
                       'of homes and closing several main roads, officials said.\n'
                       '    The Met Office said winds had reached 90 miles per hour at\n'
                       'the Needles on the Isle of Wight, and warned of more to come.\n\n'
                       '    Rail operators cancelled dozens of services across the region\n'
                       'and urged passengers not to travel unless it was essential.\n'
                       ' (Reporting by Jane Doe; Editing by John Roe)\n</pre></body></html>');
-- clean13: a quotation's attribution with a verb in the past tense that
-- no list holds (real text, Wikinews 963, CC BY 2.5:
-- test/data/clean_body/README.md), or "according to", after a quotation
-- closed by a comma, is an attribution (the paragraph was dropped); a
-- headline's "says coach" and a name alone still are not; reader
-- comments under a comments heading stay out
\set kohat `cat test/data/clean_body/kohat_claimed.txt`
SELECT right(newsprint.clean(:'kohat'), 60);
SELECT newsprint.clean(E'Officials said the bridge would stay closed until the end of the month while engineers inspect its supports.\n\n'
                       '"Nobody should try to cross it," the police urged\n');
SELECT newsprint.clean(E'Officials said the bridge would stay closed until the end of the month while engineers inspect its supports.\n\n'
                       '"Repairs will take most of the summer," according to the council\n');
SELECT newsprint.clean(E'Officials said the bridge would stay closed until the end of the month while engineers inspect its supports.\n\n'
                       '"We will reopen it soon," the engineer, Ted\n');
SELECT newsprint.clean(E'Officials said the bridge would stay closed until the end of the month while engineers inspect its supports.\n\n'
                       '"It is a great day for the town," the mayor said after the vote.\n\n'
                       'Comments (3)\n\n'
                       '"Brilliant article, well done," wrote reader Sam\n\n'
                       '"About time too," posted Jo from Leeds\n');
-- review17: a verb in the past tense attributes a quotation only after one
-- closed by a comma, and not when "by" follows it nor as a caption's
-- "pictured:"; page furniture in a quotation's form stays out: a reader's
-- comment, a caption, a teaser and a headline with their time, a review's
-- credit (each was kept on the merge of clean13); the police's warning
-- is kept
SELECT n, newsprint.clean(E'Officials said the bridge would stay closed until the end of the month while engineers inspect its supports.\n\n' || q)
  FROM (VALUES (1, E'"This is ridiculous, we pay our council tax," posted by reader Sam\n'),
               (2, E'"Home at last," pictured: the family outside\n'),
               (3, E'"Bridge closure, explained" updated 3 hours ago\n'),
               (4, E'"Best local reporting of the year," reviewed by the Riverton Times\n'),
               (5, E'"Nobody should try to cross it," the police urged drivers\n')) AS t(n, q)
 ORDER BY n;
SELECT newsprint.clean(E'"Bridge to close for repairs" published 14 May\n\n'
                       'Officials said the bridge would stay closed until the end of the month while engineers inspect its supports.\n');
-- review17: a ticker's rows of prices between two paragraphs of a page stay
-- out, its last row with its change too, named in capitals or not (it was
-- kept as a subheading leading into the next paragraph)
SELECT n, newsprint.clean(E'The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.\n\n'
                          || rows || E'\n\nThe council will review the plan again in March, when the new budget figures are due to be published.\n')
  FROM (VALUES (1, E'FTSE 100 7,512.30 +0.4\nDAX 16,751.64 -0.2\nCAC 40 7,401.12 +0.1'),
               (2, E'Dow Jones 38,104.22 -0.2\nNasdaq 16,001.10 +0.3')) AS t(n, rows)
 ORDER BY n;
-- review17: in a pre element a line that ends on an abbreviation ("the
-- U.S.") runs on into the next in lower case, and a paragraph that ends on
-- a typographic closing quotation mark ends there (the first paragraph was
-- cut in two, the second joined to the third)
SELECT ordinal, text
  FROM newsprint.paragraphs(E'<html><body><h1>Storm hits coast</h1><pre>    LONDON, Dec 6 (Reuters) - A powerful storm swept across the southern\n'
                       'coast of England on Sunday, the power company told officials in the U.S.\n'
                       'embassy in a note, adding that thousands of homes had lost their power.\n'
                       '    The Met Office said winds had reached 90 miles per hour on the coast,\n'
                       'and its chief forecaster warned: \u201CThere is more of this to come.\u201D\n'
                       '    Rail operators cancelled dozens of services across the region and\n'
                       'urged passengers not to travel unless it was essential.\n</pre></body></html>');
-- smallfix: the rows of an HTML table are read as rows, one paragraph a
-- row with a space between its cells, as a plain-text table's are, and
-- kept or dropped by the same rules: the same page with its rows as
-- paragraphs gives the same text.  A results table under its
-- introduction and a price table under its lead are kept (their cells
-- were paragraphs of one word or figure, and the rows were lost); rows of
-- teasers at the end of a page with no introduction stay out.  A layout
-- table stays furniture: a row of navigation links, a column of links
-- beside the story's paragraphs, a link beside a long cell of text.
CREATE FUNCTION pg_temp.as_table(rows text) RETURNS text LANGUAGE sql AS
  $$ SELECT '<table>' || string_agg('<tr><td>' || replace(r, '|', '</td><td>') || '</td></tr>', '' ORDER BY o) || '</table>'
       FROM unnest(string_to_array(rows, E'\n')) WITH ORDINALITY AS u(r, o) $$;
CREATE FUNCTION pg_temp.as_paragraphs(rows text) RETURNS text LANGUAGE sql AS
  $$ SELECT string_agg('<p>' || replace(r, '|', ' ') || '</p>', '' ORDER BY o)
       FROM unnest(string_to_array(rows, E'\n')) WITH ORDINALITY AS u(r, o) $$;
CREATE TEMP TABLE table_pages AS SELECT * FROM (VALUES (1, '<html><body><p>LONDON, Dec 6 (Reuters) - Arsenal went three points clear at the top of the Premier League on Saturday after beating Chelsea, while Liverpool were held at home by Everton.</p><p>Results of Premier League matches played on Saturday:</p>',
                E'Arsenal|2|Chelsea|1\nLiverpool|1|Everton|1\nLeeds United|3|Fulham|0',
                '<p>Arsenal play Tottenham at home next Saturday, when Liverpool travel to Newcastle.</p></body></html>'),
               (2, '<html><body><p>LONDON, Dec 6 (Reuters) - Base metals closed mixed on the London Metal Exchange on Friday as traders weighed weaker demand from China. Closing prices in dollars a tonne:</p>',
                E'Metal|Close|Change\nCopper|8,450.00|+1.0\nAluminium|2,210.50|-0.4\nZinc|2,601.00|+0.2',
                '</body></html>'),
               (3, '<html><body><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p>',
                E'Library hours cut again|Tuesday\nCouncil tax to rise|Monday\nNew bus lanes approved|Monday',
                '</body></html>')) AS t(n, head, rows, tail);
SELECT n, newsprint.clean(head || pg_temp.as_table(rows) || tail) =
          newsprint.clean(head || pg_temp.as_paragraphs(rows) || tail) AS as_paragraphs,
       newsprint.clean(head || pg_temp.as_table(rows) || tail) AS clean
  FROM table_pages
 ORDER BY n;
SELECT n, newsprint.clean(page) AS clean
  FROM (VALUES (1, '<html><body><table><tr><td><a href="/">Home</a></td><td><a href="/news">News</a></td><td><a href="/sport">Sport</a></td><td><a href="/weather">Weather</a></td></tr></table><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></body></html>'),
               (2, '<html><body><table><tr><td><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></td><td><p><a href="/a">Most read</a></p><p><a href="/b">Library hours cut again</a></p></td></tr></table></body></html>'),
               (3, '<html><body><table><tr><td><a href="/">Home</a></td><td>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years. The council will review the plan again in March.</td></tr></table></body></html>')) AS t(n, page)
 ORDER BY n;
-- review-smallfix: the cells before a layout column are cut from it when a
-- block opens inside the column (walk_flush at the block, not only at the
-- column's end), so "Tuesday" is no part of the lead; and a column that
-- opens with a link after a text cell (the space between them was the
-- link's, NpDocFlushBefore drops it) is read as one paragraph
SELECT n, newsprint.clean(page) AS clean
  FROM (VALUES (1, '<html><body><table><tr><td>Tuesday</td><td>The city council voted on Tuesday to close two libraries, citing a budget shortfall.<p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></td></tr></table></body></html>'),
               (2, '<html><body><table><tr><td>Tuesday</td><td><a href="/a">The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown</a> over the past three years, and will review the plan again in March.</td></tr></table></body></html>')) AS t(n, page)
 ORDER BY n;
-- smallfix2: a layout column that opens with a link counts its own link
-- text, not the space that joined it to the cells before it, which
-- NpDocFlushBefore drops: under the story's first paragraph, a column of
-- 100 bytes, 49 of them a link, is under half link and kept, as the same
-- text alone in its row or as a paragraph is (it counted 50 of 100, half,
-- and was dropped as a teaser); a paragraph half link (50 of 100) is
-- dropped.  review-sf: so is a column whose link's text writes more than
-- one space (a line break inside it, two links side by side: the last
-- space counted as link was not the column's first), and one that a
-- paragraph opens (5-7; 5 and 6 were dropped)
CREATE FUNCTION pg_temp.under_lead(part text) RETURNS text LANGUAGE sql AS
  $$ SELECT '<html><body><p>The library service has lost a third of its staff in five years, the union that represents its workers said on Monday.</p>' ||
            part || '</body></html>' $$;
SELECT n, newsprint.clean(pg_temp.under_lead(part)) AS clean
  FROM (VALUES (1, '<table><tr><td>Tuesday</td><td><a href="/a">The city council voted on Tuesday to shut its two</a> branch libraries, citing shortfalls in its budget.</td></tr></table>'),
               (2, '<table><tr><td><a href="/a">The city council voted on Tuesday to shut its two</a> branch libraries, citing shortfalls in its budget.</td></tr></table>'),
               (3, '<p><a href="/a">The city council voted on Tuesday to shut its two</a> branch libraries, citing shortfalls in its budget.</p>'),
               (4, '<p><a href="/a">The city council voted on Tuesday to shut its two b</a>ranch libraries, citing shortfalls in its budget.</p>'),
               (5, E'<table><tr><td>Tuesday</td><td><a href="/a">The city council voted\n    on Tuesday to shut its two</a> branch libraries, citing shortfalls in its budget.</td></tr></table>'),
               (6, '<table><tr><td>Tuesday</td><td><a href="/a">The city council voted</a> <a href="/b">on Tuesday to shut its two</a> branch libraries, citing shortfalls in its budget.</td></tr></table>'),
               (7, '<table><tr><td>Tuesday</td><td><p><a href="/a">The city council voted on Tuesday to shut its two</a> branch libraries, citing shortfalls in its budget.</p></td></tr></table>')) AS t(n, part)
 ORDER BY n;
-- smallfix2: a paragraph that opens a cell is the cell's text, not a
-- block: a table whose every cell is a p (as word processors write
-- them), a div around a p, or a p with an inline span in it reads as the
-- same table with bare cells (table_pages, the pages of the row test
-- above: the results and price tables under their
-- introductions are kept row by row; every cell was a paragraph of its
-- own, and the rows were lost); the teasers stay out
CREATE FUNCTION pg_temp.as_wrapped_table(rows text, open text, close text) RETURNS text LANGUAGE sql AS
  $$ SELECT '<table>' || string_agg('<tr><td>' || open || replace(r, '|', close || '</td><td>' || open) ||
                                    close || '</td></tr>', '' ORDER BY o) || '</table>'
       FROM unnest(string_to_array(rows, E'\n')) WITH ORDINALITY AS u(r, o) $$;
SELECT n, w.name AS cells,
       newsprint.clean(head || pg_temp.as_wrapped_table(rows, open, close) || tail) =
          newsprint.clean(head || pg_temp.as_table(rows) || tail) AS as_bare_cells,
       newsprint.clean(head || pg_temp.as_wrapped_table(rows, open, close) || tail) LIKE
          '%' || split_part(rows, '|', 1) || ' ' || split_part(split_part(rows, E'\n', 1), '|', 2) || '%' AS first_row_kept
  FROM table_pages,
       (VALUES (1, 'p', '<p>', '</p>'), (2, 'div_p', '<div><p>', '</p></div>'),
               (3, 'p_span', '<p class="MsoNormal"><span>', '</span></p>')) AS w(k, name, open, close)
 ORDER BY n, w.k;
-- and a cell is still a layout table's column when its paragraph is long
-- (the cell before it apart from the story's paragraph) or when a second
-- block follows its first paragraph (each a paragraph of its own)
SELECT n, newsprint.clean(page) AS clean
  FROM (VALUES (1, '<html><body><table><tr><td><p>Tuesday</p></td><td><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p></td></tr></table></body></html>'),
               (2, '<html><body><table><tr><td><p>Tuesday</p></td><td><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></td></tr></table></body></html>')) AS t(n, page)
 ORDER BY n;
-- smallfix3: a cell opened by a heading, a list's item or a table of one
-- row nested in it is the cell's text too, as one opened by a paragraph:
-- table_pages' tables read as with bare cells (the results and price
-- tables were a paragraph a cell); the teasers stay out
SELECT n, w.name AS cells,
       newsprint.clean(head || pg_temp.as_wrapped_table(rows, open, close) || tail) =
          newsprint.clean(head || pg_temp.as_table(rows) || tail) AS as_bare_cells
  FROM table_pages,
       (VALUES (1, 'h3', '<h3>', '</h3>'), (2, 'ul_li', '<ul><li>', '</li></ul>'),
               (3, 'div_h4', '<div><h4>', '</h4></div>'), (4, 'ol_li_p', '<ol><li><p>', '</p></li></ol>'),
               (5, 'nested_table', '<table><tr><td>', '</td></tr></table>')) AS w(k, name, open, close)
 ORDER BY n, w.k;
-- and a layout table still reads as one, by its cells' content: a column
-- whose heading has paragraphs and a list under it (1), a column under
-- the story's first paragraphs opened by a subheading, which stays one
-- (2), a nested table of navigation of a row a link (3), a list of
-- navigation links in a cell (4) and a box of related links under a
-- heading (5), beside or between the story's columns
SELECT n, newsprint.clean(page) AS clean
  FROM (VALUES (1, '<html><body><table><tr><td><p>Tuesday</p></td><td><h2>Libraries to close</h2><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p><ul><li>Central library: closes in June, its books moved to the school.</li><li>Park Road library: closes in September, after the summer reading scheme.</li></ul></td></tr></table></body></html>'),
               (2, '<html><body><table><tr><td><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></td></tr><tr><td><h3>Petition against the closures</h3><p>Library users said they would campaign against the closures, and a petition had gathered more than two thousand names by Wednesday evening.</p><p>The finance office said the two buildings cost the city more than a million a year to heat and staff.</p></td></tr></table></body></html>'),
               (3, '<html><body><table><tr><td><table><tr><td><a href="/">Home</a></td></tr><tr><td><a href="/news">News</a></td></tr><tr><td><a href="/sport">Sport</a></td></tr><tr><td><a href="/weather">Weather</a></td></tr></table></td><td><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></td></tr></table></body></html>'),
               (4, '<html><body><table><tr><td><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></td></tr><tr><td><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></td></tr><tr><td><p>Library users said they would campaign against the closures, and a petition had gathered more than two thousand names by Wednesday evening.</p></td></tr></table></body></html>'),
               (5, '<html><body><table><tr><td><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></td><td><h3>Related stories</h3><ul><li><a href="/a">Council tax to rise</a></li><li><a href="/b">New bus lanes approved</a></li></ul></td></tr></table></body></html>')) AS t(n, page)
 ORDER BY n;
-- review26: the cells before a layout table's column are a paragraph with
-- the marks of their row, not of the column: a sentence of the story in a
-- plain cell beside a sidebar column stays (it was furniture, the
-- column's class, until the twenty-sixth session), the sidebar does not
SELECT newsprint.clean('<html><body><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><table><tr><td>Both libraries will shut before the end of the year.</td><td class="sidebar"><p>Sign up for our newsletter and get the latest local news every morning in your inbox.</p><p>Follow us on social media for updates from the council and the city.</p></td></tr></table><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></body></html>') AS clean;
-- smallfix27: a cell whose own class or id names furniture is dropped
-- from its row, as a <div class="promo"> is, and the row's other cells
-- stay one row: table_pages' tables with such a cell first, second or
-- last in every row read as the bare tables (the cell's text was body
-- text, the row's marks being the cell's, until the twenty-seventh
-- session, and a row holding "Advertisement" was lost with it)
CREATE FUNCTION pg_temp.with_furniture(rows text, cell text, at int) RETURNS text LANGUAGE sql AS
  $$ SELECT '<table>' || string_agg('<tr>' ||
              CASE at WHEN 1 THEN cell || '<td>' || replace(r, '|', '</td><td>') || '</td>'
                      WHEN 2 THEN '<td>' || regexp_replace(replace(r, '|', '</td><td>'), '</td><td>', '</td>' || cell || '<td>') || '</td>'
                      ELSE '<td>' || replace(r, '|', '</td><td>') || '</td>' || cell END ||
              '</tr>', '' ORDER BY o) || '</table>'
       FROM unnest(string_to_array(rows, E'\n')) WITH ORDINALITY AS u(r, o) $$;
SELECT n, c.k AS cell, a.at,
       newsprint.clean(head || pg_temp.with_furniture(rows, c.cell, a.at) || tail) =
          newsprint.clean(head || pg_temp.as_table(rows) || tail) AS as_bare_cells
  FROM table_pages,
       (VALUES (1, '<td class="promo">Weekend breaks from 99</td>'),
               (2, '<td class="ad"><a href="/bet">Advertisement</a></td>'),
               (3, '<th id="newsletterSignup"><p>Sign up</p></th>'),
               (4, '<td class="related-link"><a href="/a">Council tax to rise</a></td>')) AS c(k, cell),
       generate_series(1, 3) AS a(at)
 ORDER BY n, c.k, a.at;
-- and in a layout table: a short sentence in a promo cell beside the
-- story's column (1), or beside a cell of the story (2), is dropped, as
-- it is in a div (3); a long one is a column marked as furniture (4)
SELECT n, newsprint.clean(page) AS clean
  FROM (VALUES (1, '<html><body><table><tr><td><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></td><td class="promo">Readers can win a weekend in Paris this month.</td></tr></table></body></html>'),
               (2, '<html><body><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><table><tr><td>Both libraries will shut before the end of the year.</td><td class="promo">Readers can win a weekend in Paris this month.</td></tr></table><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></body></html>'),
               (3, '<html><body><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><div><div>Both libraries will shut before the end of the year.</div><div class="promo">Readers can win a weekend in Paris this month.</div></div><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></body></html>'),
               (4, '<html><body><table><tr><td><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></td><td class="promo">Readers can win a weekend for two in Paris this month, with flights and three nights in a hotel by the Seine.</td></tr></table></body></html>')) AS t(n, page)
 ORDER BY n;
-- review28: a td whose own class names a caption or a credit is dropped
-- from its row as a furniture cell is, when it holds words alone (a
-- letter, no digit): a photo's credit (1) or caption (2) beside a cell of
-- the story (until the twenty-eighth session the credit's words made the
-- row a credit and the story's sentence went with it, and the caption
-- joined the sentence), a credit cell in every row of table_pages' tables,
-- which read as the bare tables; a column of figures so classed stays
-- (its figures, a nil "-", and its title in a th, where the class names
-- the column: the same as the table with bare cells), as does a caption
-- with a year (6)
SELECT n, newsprint.clean(page) AS clean
  FROM (VALUES (1, '<html><body><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><table><tr><td>Both libraries will shut before the end of the year.</td><td class="credit">Photo: John Smith/Reuters</td></tr></table><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></body></html>'),
               (2, '<html><body><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><table><tr><td>Both libraries will shut before the end of the year.</td><td class="caption">The Central library, seen from the park.</td></tr></table><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></body></html>'),
               (6, '<html><body><p>The city council voted on Tuesday to close two libraries, citing a budget shortfall that officials said had grown over the past three years.</p><table><tr><td>Both libraries will shut before the end of the year.</td><td class="caption">The Central library, opened in 1905.</td></tr></table><p>The council will review the plan again in March, when the new budget figures are due to be published by the finance office.</p></body></html>')) AS t(n, page)
 ORDER BY n;
SELECT n, a.at,
       newsprint.clean(head || pg_temp.with_furniture(rows, '<td class="credit">Photo: John Smith/Reuters</td>', a.at) || tail) =
          newsprint.clean(head || pg_temp.as_table(rows) || tail) AS as_bare_cells
  FROM table_pages, generate_series(1, 3) AS a(at)
 ORDER BY n, a.at;
SELECT n, newsprint.clean(head || t || tail) AS clean,
       newsprint.clean(head || t || tail) = newsprint.clean(head || replace(t, ' class="credit"', '') || tail) AS as_bare_cells
  FROM table_pages,
       (VALUES ('<table><tr><th>Metal</th><th>Close</th><th class="credit">Credit</th></tr><tr><td>Copper</td><td>8,450.00</td><td class="credit">+1.0</td></tr><tr><td>Aluminium</td><td>2,210.50</td><td class="credit">-</td></tr><tr><td>Zinc</td><td>2,601.00</td><td class="credit">+0.2</td></tr></table>')) AS x(t)
 WHERE n = 2;
-- but "header" on a header cell names the table's header: a price
-- table's titles in <th class="header"> (jQuery's tablesorter, MediaWiki's
-- "headerSort") stay its first row, as in bare cells; in a td it is
-- furniture (a layout table's masthead)
SELECT k, newsprint.clean(head || replace(pg_temp.as_table(rows), '<tr><td>Metal</td><td>Close</td><td>Change</td>',
                                          '<tr><' || c || '>Metal</' || e || '><' || c || '>Close</' || e || '><' || c || '>Change</' || e || '>') ||
                          tail) LIKE '%Metal Close Change%' AS titles_kept
  FROM table_pages,
       (VALUES (1, 'th class="header"', 'th'), (2, 'th class="tablesorter-header headerSortDown"', 'th'),
               (3, 'td class="header"', 'td')) AS w(k, c, e)
 WHERE n = 2
 ORDER BY k;
-- Hostile tables for the furniture cells (review27): 20,000 rows with a
-- promo cell and a th class="header" each, one row of 20,000 promo cells,
-- 200 tables nested in promo cells, and 10,000 link cells each beside an
-- ad cell (walk_drop_cell's loop up the enclosing cells): milliseconds
-- each (under valgrind, scripts/memcheck.sh, clean.sql takes 38 s more
-- with them); the timeout is for a drop that would grow with the row
SET statement_timeout = '60s';
SELECT k, length(newsprint.clean(page)) AS clean_bytes
  FROM (VALUES (1, (SELECT '<html><body><table>' || string_agg('<tr><td class="promo">Weekend breaks from 99</td><td>Labour ' || g || '</td><th class="header">Seats</th></tr>', '') || '</table></body></html>'
                      FROM generate_series(1, 20000) g)),
               (2, (SELECT '<html><body><table><tr>' || string_agg('<td class="promo">Win a weekend ' || g || '</td>', '') || '</tr></table></body></html>'
                      FROM generate_series(1, 20000) g)),
               (3, '<html><body>' || repeat('<table><tr><td class="promo"><a href="/x">Offer</a>', 200) || 'Readers can win a weekend in Paris.' || repeat('</td></tr></table>', 200) || '</body></html>'),
               (4, '<html><body><table><tr>' || repeat('<td><a href="/x">Council</a><td class="ad"><a href="/y">Advertisement</a></td>', 10000) || '</tr></table></body></html>')) AS t(k, page)
 ORDER BY k;
RESET statement_timeout;
