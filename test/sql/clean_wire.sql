--
-- clean_wire: agency wire copy as the feeds deliver it (issue 10), from the
-- dev split of the labelled set test/data/wire (see its README for the
-- conventions): PA teleprinter pages, AP's ANPA text, Reuters' IPTC-like
-- items and AFP copy.  Furniture goes, every body paragraph stays, lists and
-- tables row by row, typewriter quotes become straight quotes and PA's '#'
-- the pound sign.  Also the safety net: no text that holds a sentence of
-- prose comes back empty.
--
\set pa_p1 `cat test/data/wire/01_pa_courts_carousel_p1.txt`
\set pa_p1_exp `cat test/data/wire/01_pa_courts_carousel_p1.expected`
\set pa_p3 `cat test/data/wire/03_pa_courts_carousel_p3.txt`
\set pa_results `cat test/data/wire/07_pa_sport_premiership_results.txt`
\set pa_remand `cat test/data/wire/09_pa_courts_remand_p2.txt`
\set pa_advisory `cat test/data/wire/12_pa_advisory_crime_figures.txt`
\set pa_compact `cat test/data/wire/59_pa_courts_cocaine_p1_compact.txt`
\set pa_compact_exp `cat test/data/wire/59_pa_courts_cocaine_p1_compact.expected`
\set pa_compact_p2 `cat test/data/wire/60_pa_courts_cocaine_p2_compact.txt`
\set ap_alert `cat test/data/wire/28_ap_newsalert_fed.txt`
\set ap_datastream `cat test/data/wire/35_ap_health_sleep_embargo.txt`
\set ap_datastream_exp `cat test/data/wire/35_ap_health_sleep_embargo.expected`
\set ap_earnings `cat test/data/wire/27_ap_business_earnings.txt`
\set rtrs_brief `cat test/data/wire/39_reuters_brief_verdane.txt`
\set rtrs_urgent `cat test/data/wire/44_reuters_urgent_boe.txt`
\set rtrs_factbox `cat test/data/wire/47_reuters_factbox_eu_medicines.txt`
\set rtrs_factbox_exp `cat test/data/wire/47_reuters_factbox_eu_medicines.expected`
\set afp_results `cat test/data/wire/51_afp_sport_tour_results.txt`
\set afp_advisory `cat test/data/wire/57_afp_advisory_olympics_coverage.txt`

-- PA page 1: page header, headline, byline and "more" go; the paragraph
-- listing nine defendants stays; ``...'' become straight quotes, #40 million
-- is £40 million.  The whole body equals the labelled one.
SELECT ordinal, left(text, 72) AS text FROM newsprint.paragraphs(:'pa_p1');
SELECT newsprint.clean(:'pa_p1') = :'pa_p1_exp' AS pa_page1_as_labelled;

-- one-sentence continuation pages, with blank lines and without any
SELECT newsprint.clean(:'pa_p3');
SELECT newsprint.clean(:'pa_remand');
SELECT newsprint.clean(:'pa_compact_p2');

-- the compact layout: no blank lines, paragraphs ended by '<' and indents
SELECT newsprint.clean(:'pa_compact') = :'pa_compact_exp' AS pa_compact_as_labelled;

-- a results list and a league table, one row per paragraph
SELECT newsprint.clean(:'pa_results');

-- a newsdesk advisory keeps its notice sentences, not its phone line
SELECT newsprint.clean(:'pa_advisory');

-- AP: the NewsAlert boilerplate and (MORE) go
SELECT newsprint.clean(:'ap_alert');

-- AP DataStream: ^ header lines, indented paragraphs without blank lines,
-- "___", the Online: block and the trailer go
SELECT newsprint.clean(:'ap_datastream') = :'ap_datastream_exp' AS ap_datastream_as_labelled;

-- AP earnings: slug, title line, "-0-" and copyright go; the table stays
SELECT ordinal, text FROM newsprint.paragraphs(:'ap_earnings') WHERE ordinal BETWEEN 5 AND 10;

-- Reuters: a BRIEF's bullets under its dateline; an URGENT first take
SELECT newsprint.clean(:'rtrs_brief');
SELECT newsprint.clean(:'rtrs_urgent');

-- a factbox: question subheads and bullets kept, the headline not
SELECT newsprint.clean(:'rtrs_factbox') = :'rtrs_factbox_exp' AS factbox_as_labelled;

-- AFP: slug, headline and desk signature go; both results lists stay
SELECT count(*) AS paragraphs, min(left(text, 40)) FILTER (WHERE ordinal = 1) AS first,
       max(text) FILTER (WHERE ordinal = 17) AS last
FROM newsprint.paragraphs(:'afp_results');
SELECT newsprint.clean(:'afp_advisory');

-- the headline on request: the PA headline, not the page header or a note
SELECT split_part(newsprint.clean(:'pa_p1', keep_headline => true), E'\n\n', 1) AS headline;
-- a Reuters headline without its prefix ("FACTBOX-" made the whole line
-- furniture, and no headline came first), then the body as labelled
SELECT newsprint.clean(:'rtrs_factbox', keep_headline => true) =
       'What is in the EU''s plan to stockpile medicines?' || E'\n\n' || :'rtrs_factbox_exp' AS factbox_headline_then_body;

-- typewriter quotes in any text; '#' is the pound sign in PA copy only
SELECT newsprint.clean($$He said ``it is over,'' and called `the end' what others called ``a pause.''$$);
SELECT newsprint.clean('The No #1 seed won the final in straight sets on Sunday afternoon.');

-- nested typewriter quotes: the single quotation closes first
SELECT newsprint.clean($$``He told me `never again,''' she said, and the court fell silent.$$);

-- the safety net: a sentence is never lost for looking like furniture, in
-- text or HTML; a text with no sentence may still come back empty
SELECT newsprint.clean(E'-----\n10:04 02/03/04: Page 2 (ABC) COURTS X\n-----\nThe hearing was adjourned.<\nend');
SELECT newsprint.clean('Sign up rates for the scheme doubled in May.');
SELECT newsprint.clean('All rights reserved, the judge said of the estate.');
SELECT newsprint.clean('<div class="share-bar"><p>Related: the minister resigned on Tuesday.</p></div>', format => 'html');
SELECT newsprint.clean('Updated 10:32 BST, 14 May 2024.') = '' AS timestamp_only_is_empty;
-- a long sentence whose dateline is in capitals is judged mostly lower
-- case over all its words, not its first three (it was emptied), in text
-- and HTML; a long sentence in capitals is still not prose
SELECT newsprint.clean(
E'NEW YORK, July 26 (PA) - The New York Times told readers on Thursday that if you do not subscribe to the print edition you will be allowed access to only 20 articles a month, and a digital subscription will be required to read more.');
SELECT newsprint.clean(
E'<html><body><p>NEW YORK, July 26 (PA) - The New York Times told readers on Thursday that if you do not subscribe to the print edition you will be allowed access to only 20 articles a month, and a digital subscription will be required to read more.</p></body></html>', format => 'html');
SELECT newsprint.clean(
E'Read it now: THE NEW YORK TIMES WILL START CHARGING FOR FULL ACCESS TO ITS WEBSITE FROM MARCH 28, SO SUBSCRIBE TODAY TO KEEP READING EVERY STORY YOU LOVE.') = '' AS capitals_are_not_prose;

-- AP copy hard-wrapped with few lines continuing in lower case (names at
-- the line starts): the lead is joined and kept, paragraph by paragraph
SELECT ordinal, left(text, 50) AS starts, length(text) AS chars FROM newsprint.paragraphs(
E'BC-US--Congress-Budget,0412\nLeaders meet Biden on spending deal\nBy MARY CLARKE\nAssociated Press\n\n' ||
E'WASHINGTON (AP) -- Senate Majority Leader Chuck Schumer and House Speaker Mike\n' ||
E'Johnson met President Joe Biden at the White House on Tuesday as Congress\n' ||
E'Republicans and Democrats traded blame over a stalled spending bill that\n' ||
E'Treasury Secretary Janet Yellen warned could disrupt federal payments.\n\n' ||
E'Schumer told reporters after the meeting that Democrats had offered a plan\n' ||
E'Republicans could accept, but Johnson said the House would not vote on a\n' ||
E'Senate measure that did not include new border money.\n\n' ||
E'The White House said in a statement that Biden had urged both leaders to\n' ||
E'reach agreement before Friday.\n\n(END)');

-- a list of nominees of about one width is not wrapped prose; "Best
-- picture:" opens a row, not a photo caption
SELECT ordinal, text FROM newsprint.paragraphs(
E'BC-US--Film-Awards-Nominees,0231\nNominees named for screen guild awards\nBy JANE ROE\nAP Entertainment Writer\n\n' ||
E'LOS ANGELES (AP) -- The guild announced nominees in its top categories on Tuesday, with "The Long Field" leading with six nominations.\n\n' ||
E'The nominees in the main categories are:\n\n' ||
E'Best picture: "The Long Field," "Harbour Lights," "Nine Winters"\n' ||
E'Best director: Ana Ruiz, "The Long Field"; Tom Baker, "Nine Winters"\n' ||
E'Best actress: Mia Chen, "Nine Winters"; Sara Holt, "Paper Kings"\n' ||
E'Best actor: Jon Hale, "The Long Field"; Eric Moss, "Harbour Lights"\n\n' ||
E'The awards will be presented in Los Angeles on Feb. 23.\n\n(END)');

-- a telephone number inside a sentence and a row of figures are prose; the
-- newsdesk's contact line is not
SELECT newsprint.clean(
E'16:54 01/03/00: Page 2 (ZSM) COURTS Appeal\n' ||
E'Detectives investigating the attack have asked anyone with information to\n' ||
E'call police on 0161 872 5050 or Crimestoppers anonymously on 0800 555 111.<\n' ||
E'The results table showed Rovers (36) 34-0 900 1 before the final round of\n' ||
E'matches was played on Saturday.<\nPA Newsdesk, 020 7946 0321\nend');

-- a story that names web domains and the words of paywall banners
-- ("subscribers", "subscription") is prose, however many times it does so:
-- the dateline lead stays, in agency copy and in a page that quotes it;
-- the page's own furniture (a "Read more at" line, a bare URL, "Follow us",
-- a share label, a newsletter prompt) still goes
SELECT newsprint.clean(
E'SAN FRANCISCO, March 4 (Reuters) - Salesforce.com Inc said on Wednesday that subscribers to its analytics service would pay about 9 percent more from April, and that business customers who cancel a subscription before renewal would get a refund for the unused months.\n\n' ||
E'Shares of Salesforce.com fell 2.1 percent to $211.40 in early trading, while rival Workday.com was little changed.\n\n' ||
E'The company said the price rise affected fewer than one in ten of its accounts.\n\n' ||
E'(Reporting by Dana Whitfield in San Francisco; Editing by Peter Crane)');
SELECT newsprint.clean(
E'Online retailer cuts jobs after subscription slump\n\n' ||
E'LONDON, Jan 9 (PA) - Online fashion retailer Boohoo.com said on Friday it would cut 400 jobs after subscribers to its paid delivery scheme fell by a quarter, and that customers with a yearly subscription would keep free delivery until it runs out. The Manchester-based group, which also runs PrettyLittleThing.com, blamed weaker spending by younger shoppers.\n\n' ||
E'Shares in the company closed 6 per cent lower in London.\n\n' ||
E'Read more at retailwatch.example.com\n\n' ||
E'https://www.retailwatch.example.com/business/2026/01/09/boohoo-jobs\n\n' ||
E'Follow us on Twitter and Facebook\n\nShare this article\n\n' ||
E'Subscribe to our newsletter for the latest retail news.');

-- a Reuters headline wrapped over two lines (written for this test in the
-- agencies' house style; the people and companies are fictional): its
-- second line was left out of the headline (headline() gave the first line
-- alone, ending in a comma).  Now the two lines are one headline, with a
-- blank line under it, or with a note, a byline or the dateline right
-- under it; the body is unchanged.
\set rtrs_wrapped 'ZCZC\nRTRS 0915 3 ECI 0914\n\nUPDATE 1-Halvorsen Marine cuts outlook as freight rates slide,\nshares drop 9 pct\n\n    OSLO, March 4 (Reuters) - Halvorsen Marine cut its full-year\nprofit forecast on Tuesday, saying container freight rates on its\nAsia-Europe routes had fallen faster than it expected since January.\n    Its shares fell 9 percent by 1015 GMT, the biggest decliner on the\nOslo benchmark index.\n ((Reporting by Ingrid Soltvedt; Editing by Mark Pollard))\n'
SELECT newsprint.headline(:'rtrs_wrapped');
SELECT newsprint.clean(:'rtrs_wrapped', keep_headline => true);
SELECT newsprint.clean(:'rtrs_wrapped') =
       split_part(newsprint.clean(:'rtrs_wrapped', keep_headline => true), E'\n\n', 2) || E'\n\n' ||
       split_part(newsprint.clean(:'rtrs_wrapped', keep_headline => true), E'\n\n', 3) AS body_unchanged;
\set rtrs_wrapped_compact 'RTRS 1422 2 FIN 0468\nCORRECTED-UPDATE 1-Brandmoor to buy Dutch cable maker Tessel for\n1.4 bln euros in cash\n(Corrects paragraph 2 to say euros, not dollars)\nBy Katrin Vossberg\nFRANKFURT, June 5 (Reuters) - German engineering group Brandmoor agreed to buy Dutch cable maker Tessel for 1.4 billion euros in cash, the companies said on Thursday.\nTessel shareholders will receive 31.20 euros a share, a premium of 24 percent to the last close.\n'
SELECT newsprint.headline(:'rtrs_wrapped_compact');
SELECT newsprint.clean(:'rtrs_wrapped_compact', keep_headline => true);
-- not a second line of the headline: the story's first line right under
-- it (more lines follow without a break), a label under a short headline,
-- a subhead in capitals
SELECT newsprint.clean(E'RTRS 0701 3 BUS 0081\nBRIEF-Kestrel Foods says it will close two bakeries in northern\nThe company said on Monday it would close two bakeries in northern England\nand cut about 300 jobs as demand for packaged bread falls.\n', keep_headline => true);
SELECT newsprint.clean(E'RTRS 1911 4 SPO 0171\nTennis-Results from the Lisbon Open\nMen''s singles - second round\n\nMay 1 (Reuters) - Results from the Lisbon Open tennis tournament on Wednesday.\n', keep_headline => true);
SELECT newsprint.headline(E'RTRS 1903 3 POL 0392\nFACTBOX-What the new EU rules on stockpiling medicines will change\nWHAT CHANGES\n\nBRUSSELS, Dec 4 (Reuters) - European Union health ministers agreed on Tuesday to stockpile critical medicines.\n');
-- not a second line of the headline either: a story's one-line first
-- paragraph ending in a sentence inside quotes ('choice."'), which was
-- joined to the headline (and dropped with it by clean()); and a second
-- line that would make the headline longer than the 30 words clean.c
-- takes, which lost the headline whole
SELECT newsprint.clean(E'RTRS 0701 3 BUS 0081\nUPDATE 1-Kestrel Foods to close two bakeries in northern England, cut jobs\nThe bakery group said on Monday: "We have no choice."\n\nThe company will cut about 300 jobs as demand for packaged bread falls.\n');
SELECT newsprint.headline(E'RTRS 0701 3 BUS 0081\nREFILE-Ab cd ef gh ij kl mn op qr st uv wx yz ab cd ef gh ij kl mn\nop qr st uv wx yz ab cd ef gh ij\n\nLONDON, May 2 (Reuters) - Kestrel Foods said on Monday it would close two bakeries.\n');

-- an alert moved alone, one line under its priority word ("FLASH: ...",
-- "URGENT: ...", AP's "BULLETIN: ..."; written for this test): the line
-- was taken for a label and its value ("See also: ...", "Best album: X")
-- and dropped, so clean() returned '' and the alert had no fingerprint.
-- It is now kept, as a text that is one headline is; a label line still
-- is not; in a longer item the alert's line is the headline, under its
-- priority word, and the body is unchanged
SELECT t, newsprint.clean(t) FROM unnest(ARRAY[
  'FLASH: Storm Vela strengthens to a Category 3 hurricane off Cuba',
  'URGENT: Hurricane Vela strengthened to a Category 3 storm off Cuba on Tuesday',
  'BULLETIN: Storm Vela strengthens to a Category 3 hurricane off Cuba',
  'See also: Storm Vela strengthens to a Category 3 hurricane off Cuba',
  'Best album: Storm Vela by the Category Three']) AS t;
SELECT newsprint.headline(E'URGENT: Storm Vela strengthens to Category 3\n\nMIAMI, Aug 29 (Wire) - Hurricane Vela strengthened to a Category 3 storm off Cuba on Tuesday.\n'),
       newsprint.clean(E'URGENT: Storm Vela strengthens to Category 3\n\nMIAMI, Aug 29 (Wire) - Hurricane Vela strengthened to a Category 3 storm off Cuba on Tuesday.\n');
-- the alert's line is its headline only where it opens the text (under a
-- feed's header too); further down, "URGENT: ..." is a teaser of another
-- story, a label row like "See also: ..." (kept there by the first version
-- of the rule)
SELECT newsprint.clean(E'RTRS 0701 3 BUS 0081\nFLASH: Storm Vela strengthens to a Category 3 hurricane off Cuba\n');
SELECT newsprint.clean(E'The council voted on Tuesday to close the library, citing a budget shortfall of two million pounds.\n\nURGENT: Earthquake of magnitude 6 strikes off Japan coast\n\nResidents protested outside the town hall for most of the afternoon.\n\nThe mayor said the decision was final.\n');
