--
-- A publisher's note at the edges of the body (src/text/clean.c,
-- publisher_note; doc/clean.md).  Scraped pages of one outlet carry its
-- standing paragraphs under or over every story: an about-us paragraph, a
-- corrections or standards footer, an appeal for contributions, a live
-- page's header.  Longer than a brief, they are the same evidence in every
-- article of the outlet, and joined unrelated items under the leader rule
-- (test/data/boiler: 220 unrelated items of four outlets, largest cluster
-- 55).  clean() drops such a paragraph at the top or the bottom of the
-- body: unquoted, "we", "our" or "us", and two words of the trade
-- (journalism, newsroom, reporters, editor, coverage, article, page...),
-- or an "About <Name>:" line.  A story's own paragraph that says "we" and
-- one such word stays, and so does any paragraph inside the body.
--
SET client_min_messages = warning;
SET search_path = newsprint, public;

-- 1. What clean() keeps: the notes go, the story's own paragraphs stay
CREATE TEMP TABLE cp_note (name text, body text);
INSERT INTO cp_note VALUES
 ('about and corrections under a story',
  E'The council voted on Tuesday to close the Elm Street library in March, after a review found its roof beyond repair.\n\n' ||
  E'Councillors said the books and the staff would move to the new hub on Market Square, which opens in the spring.\n\n' ||
  E'The Harbour Gazette has served the communities of the eastern seaboard since 1889. We are an independent, reader-funded newsroom, and our reporters cover the councils, courts, schools and businesses that larger outlets have long since stopped covering.\n\n' ||
  E'Corrections: the Harbour Gazette is committed to accuracy. If you believe we have made an error in this article, please contact our standards editor through the form on our contact page and we will review it promptly.'),
 ('appeal and about-us line under a story',
  E'Two men were rescued from the sea off Portland Bill on Sunday after their boat lost power in strong winds, the coastguard said.\n\n' ||
  E'A lifeboat towed the vessel back to Weymouth harbour, and neither man needed treatment in hospital.\n\n' ||
  E'Before you move on, we have a small favour to ask. Our journalism is free from commercial and political influence, and it is funded by our readers. Please support the Capital Courier today with a single contribution. Thank you.\n\n' ||
  E'About the Capital Courier: founded in 1921, the Courier is owned by the Courier Trust, a charity that secures its editorial independence.'),
 ('a live page''s header over a story',
  E'LIVE: Follow our rolling coverage of the day''s news from across the valley. This page is updated throughout the day, so refresh it for the newest developments.\n\n' ||
  E'The A470 was closed in both directions near Builth Wells on Monday morning after a lorry overturned, police said.\n\n' ||
  E'Diversions were in place through Llanwrtyd, and the road was expected to reopen by the evening.'),
 ('a story''s last paragraph: "we" and one such word',
  E'An official website of the provincial police was hacked on Friday, a private television channel reported.\n\n' ||
  E'The hackers left a message on the homepage and erased the statements of the chief of police.\n\n' ||
  E'A police spokesman said they would take legal action against the company responsible for the site. We are also going to move the hosting of the website to the provincial technology board.'),
 ('an interview''s last answer',
  E'The party''s new chair spoke about her plans for the coming year and the campaign in the spring.\n\n' ||
  E'She said the party would field candidates in twelve districts, twice as many as at the last election.\n\n' ||
  E'Just today we launched a new website, as part of our effort to restart the movement, so I invite everyone to visit our website and take a look.'),
 ('a live blog''s first post',
  E'Good morning and welcome to our coverage of the final day of the climate summit in Baku, where talks ran through the night.\n\n' ||
  E'Negotiators said a draft text on finance would be published before noon, two days later than planned.\n\n' ||
  E'The summit''s president told delegates that the gap between the parties had narrowed overnight.'),
 ('a publisher''s note inside the body',
  E'The paper''s owners said on Thursday that the Evening Star would close after 140 years, with the loss of 48 jobs.\n\n' ||
  E'In a note to readers the editor wrote that our reporters and our newsroom had served the city through two world wars and a flood.\n\n' ||
  E'The last edition will be printed on 30 June, and the archive will go to the city library.');
SELECT name, regexp_count(clean(body), E'\n\n') + 1 AS paragraphs,
       clean(body) ~ '(newsroom|contribution|Courier Trust|rolling coverage)' AS keeps_note,
       left(clean(body), 40) AS starts,
       right(clean(body), 40) AS ends
  FROM cp_note ORDER BY name;

-- 2. Stories: four unrelated items of one outlet, each under the outlet's
-- note, are four stories (with the note, they were one: the note is most
-- of each item's evidence); a story the outlet republishes from another,
-- under its own note, still joins the first
CREATE TABLE cp_art (id bigint PRIMARY KEY, published_at timestamptz, body text, fp fingerprint);
INSERT INTO cp_art (id, published_at, body)
SELECT id, t::timestamptz, body || CASE WHEN outlet = 'g' THEN
  E'\n\nThe Harbour Gazette has served the communities of the eastern seaboard since 1889. We are an independent, reader-funded newsroom, and our reporters cover the councils, courts, schools and businesses that larger outlets have long since stopped covering.\n\n' ||
  E'Corrections: the Harbour Gazette is committed to accuracy. If you believe we have made an error in this article, please contact our standards editor through the form on our contact page and we will review it promptly.'
  ELSE
  E'\n\nBefore you move on, we have a small favour to ask. Millions of people turn to the Capital Courier every month for open, independent journalism. Our journalism is free from commercial and political influence, and it is funded by our readers. If you can, please support the Capital Courier today with a single contribution or, better still, a regular one. Thank you.'
  END
FROM (VALUES
 (1, 'g', '2026-03-10 07:00+00', E'Harbour Gazette\n\nThe council voted on Tuesday to close the Elm Street library in March, after a survey found its roof beyond repair and the cost of a new one at 1.2 million pounds.\n\nCouncillors said the books and the six staff would move to the new hub on Market Square, which opens in the spring.'),
 (2, 'g', '2026-03-10 08:30+00', E'Harbour Gazette\n\nTwo men were rescued from the sea off Portland Bill on Sunday after their fishing boat lost power in winds of 50 miles an hour, the coastguard said.\n\nA lifeboat from Weymouth towed the vessel back to harbour, and neither man needed treatment in hospital.'),
 (3, 'g', '2026-03-10 10:15+00', E'Harbour Gazette\n\nA bakery that has traded on the quay for 96 years will close at the end of the month because its owners are retiring, the family said on Monday.\n\nThe Trevelyan family said they had failed to find a buyer and thanked customers for four generations of support.'),
 (4, 'g', '2026-03-10 12:40+00', E'Harbour Gazette\n\nThe harbour authority has approved a plan to dredge the outer channel this summer so that larger cruise ships can berth at the town for the first time.\n\nThe work will cost 3.4 million pounds and take eleven weeks, the authority said in a statement.'),
 (5, 'c', '2026-03-10 09:00+00', E'Capital Courier\n\nThe national museum will return 14 bronze plaques to Nigeria next year under an agreement signed in Lagos on Wednesday, the culture ministry said.\n\nThe plaques were taken from Benin City in 1897 and have been in the museum''s collection since 1903.\n\nThe museum''s director said the agreement ended a decade of talks and that a further 20 objects were under review.'),
 (6, 'g', '2026-03-10 14:00+00', E'Harbour Gazette\n\nThe national museum will return 14 bronze plaques to Nigeria next year under an agreement signed in Lagos on Wednesday, the culture ministry said.\n\nThe plaques were taken from Benin City in 1897 and have been in the museum''s collection since 1903.\n\nThe museum''s director said the agreement ended a decade of talks and that a further 20 objects were under review.')
) v(id, outlet, t, body);
UPDATE cp_art SET fp = fingerprint(body);
SELECT c.id, c.story, c.leads FROM cluster_stories('cp_art', order_column => 'published_at') c ORDER BY c.id;
-- assign_story(), one at a time into a leaders table, agrees
CREATE TABLE cp_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL, published_at timestamptz);
CREATE INDEX ON cp_leaders USING npidx (fp);
SELECT id, assign_story('cp_leaders', id, fp, published_at) AS story
  FROM (SELECT * FROM cp_art ORDER BY published_at, id) a;
DROP TABLE cp_art, cp_leaders;
