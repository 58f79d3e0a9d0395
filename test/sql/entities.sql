--
-- entities: newsprint.entities() and newsprint.entity_mentions()
--
\set kyiv `cat test/data/examples/kyivpost.txt`
\set moscow `cat test/data/examples/moscowtimes.txt`

-- STABLE (they read entity_dictionary), STRICT, PARALLEL SAFE
SELECT proname, provolatile, proisstrict, proparallel
FROM pg_proc WHERE pronamespace = 'newsprint'::regnamespace
  AND proname IN ('entities', 'entity_mentions') AND pronargs = 2 ORDER BY proname;

-- the example pair: what users expect (see test/data/examples/README.md)
SELECT name, kind, subtype, mentions, first_start FROM newsprint.entities(:'moscow');
SELECT name, kind, subtype, mentions, first_start FROM newsprint.entities(:'kyiv');

SELECT e.kind, e.name, bool_and(x.name IS NOT NULL) AS found
FROM (VALUES ('PER', 'Sergei Lavrov'), ('PER', 'Wang Yi'), ('PER', 'Xi Jinping'),
             ('PER', 'Antony Blinken'), ('PER', 'Janet Yellen'), ('PER', 'Mao Ning'),
             ('LOC', 'Russia'), ('LOC', 'China'), ('LOC', 'Beijing'), ('LOC', 'Ukraine'),
             ('LOC', 'Moscow'), ('LOC', 'Brussels'), ('LOC', 'United States'),
             ('LOC', 'Asia-Pacific'), ('ORG', 'Russian Foreign Ministry'),
             ('MISC', 'Russian'), ('MISC', 'Chinese'), ('MISC', 'Ukrainian')) AS e(kind, name)
LEFT JOIN newsprint.entities(:'moscow') x ON x.kind = e.kind AND x.name = e.name
GROUP BY 1, 2 ORDER BY 1, 2;

-- names that live only in the pages' teasers and furniture are not the article's
SELECT 'kyiv' AS page, name, kind FROM newsprint.entities(:'kyiv')
WHERE name ~ '(Putin|Trump|Pellegrini|Crimea|Donbas|Slovakia|France)'
UNION ALL
SELECT 'moscow', name, kind FROM newsprint.entities(:'moscow')
WHERE name ~ '(Putin|Trump|Pellegrini|Crimea|Donbas|Slovakia|France)';

-- ... but read raw (clean => false), the teasers are text like any other
SELECT name, kind FROM newsprint.entities(:'kyiv', clean => false)
WHERE name IN ('Crimea', 'Donbas', 'Slovakia', 'France') ORDER BY name;

-- start and length are characters of the text read: clean(body), or body itself
SELECT count(*) AS mentions,
       count(*) FILTER (WHERE substr(newsprint.clean(:'moscow'), start, length) = surface) AS match
FROM newsprint.entity_mentions(:'moscow');
SELECT count(*) AS mentions,
       count(*) FILTER (WHERE substr(:'kyiv', start, length) = surface) AS match
FROM newsprint.entity_mentions(:'kyiv', clean => false);
SELECT * FROM newsprint.entity_mentions(E'The writer \u00c9mile Zola met Angela Merkel in D\u00fcsseldorf and \u0141\u00f3d\u017a.', false);
-- decomposed accents: clean() composes them (NFC), and offsets follow it
SELECT m.*, substr(newsprint.clean(b), m.start, m.length) = m.surface AS matches
FROM (VALUES (E'The writer E\u0301mile Zola met Angela Merkel in Du\u0308sseldorf on Tuesday.')) AS v(b),
     LATERAL newsprint.entity_mentions(b) m;

-- entities() agrees with entity_mentions()
SELECT (SELECT sum(mentions) FROM newsprint.entities(:'moscow')) =
       (SELECT count(*) FROM newsprint.entity_mentions(:'moscow')) AS counts_agree;

-- rules: titles are not part of names; short forms take the long name
SELECT * FROM newsprint.entity_mentions('U.S. Treasury Secretary Janet Yellen met Chinese Vice Premier He Lifeng. Yellen said the talks were useful.', false);
SELECT * FROM newsprint.entity_mentions('Foreign ministry spokesperson Mao Ning said Beijing would respond. Mao added that China was ready.', false);
SELECT * FROM newsprint.entity_mentions('"We will not back down," Prime Minister Keir Starmer told the House of Commons on Tuesday.', false);
-- organisation heads and suffixes; a nationality before a body is one organisation
SELECT * FROM newsprint.entity_mentions('The Russian Foreign Ministry and the Bank of England disagreed, as did Acme Holdings Inc. and the European Central Bank.', false);
-- possessives are stripped; a possessive place names a generic body
SELECT * FROM newsprint.entity_mentions('Moscow''s Foreign Ministry said Russia''s troops had left Ukraine''s east.', false);
-- sentence-initial capitals: common words are not names unless the article says so
SELECT * FROM newsprint.entity_mentions('The talks ended. Western officials left. However, Turkey said Ankara would host the next round.', false);
-- acronyms introduced in parentheses take the long name
SELECT * FROM newsprint.entity_mentions('The Islamic Revolutionary Guard Corps (IRGC) said on Sunday that the IRGC navy had seized a tanker.', false);
-- hyphenated and dotted forms
SELECT * FROM newsprint.entity_mentions('The U.S.-led coalition met in the Asia-Pacific region; the U.N. and the E.U. sent envoys to Washington.', false);

-- the user dictionary overrides and extends the gazetteer, and is seen at once
SELECT name, kind, subtype FROM newsprint.entities('Zorblatt Industries hired Quux. Quux said Zorblatt was fine.', false);
INSERT INTO newsprint.entity_dictionary VALUES
  ('Zorblatt Industries', 'ORG', '{Zorblatt}'),
  ('Quux Ventures', 'ORG', '{Quux}');
SELECT name, kind, subtype FROM newsprint.entities('Zorblatt Industries hired Quux. Quux said Zorblatt was fine.', false);
UPDATE newsprint.entity_dictionary SET kind = 'PER' WHERE name = 'Quux Ventures';
SELECT name, kind, subtype FROM newsprint.entities('Zorblatt Industries hired Quux. Quux said Zorblatt was fine.', false);
-- a dictionary entry overrides the gazetteer's kind and name
INSERT INTO newsprint.entity_dictionary VALUES ('Turkey Hill Dairy', 'ORG', '{Turkey}');
SELECT name, kind, subtype FROM newsprint.entities('Turkey said it would buy more milk.', false);
-- rolled-back changes are not seen
BEGIN;
DELETE FROM newsprint.entity_dictionary;
SELECT count(*) FROM newsprint.entities('Zorblatt Industries hired Quux.', false) WHERE subtype = 'user';
ROLLBACK;
SELECT count(*) FROM newsprint.entities('Zorblatt Industries hired Quux.', false) WHERE subtype = 'user';
TRUNCATE newsprint.entity_dictionary;
SELECT name, kind, subtype FROM newsprint.entities('Zorblatt Industries hired Quux.', false);
-- bad kinds are rejected by the table
INSERT INTO newsprint.entity_dictionary VALUES ('Nobody', 'PERSON', '{}');
INSERT INTO newsprint.entity_dictionary VALUES ('', 'PER', '{}');
-- the table is dumped with the user's data
SELECT c.relname, e.extcondition
FROM pg_extension e, unnest(e.extconfig) WITH ORDINALITY AS x(oid, n)
JOIN pg_class c ON c.oid = x.oid
WHERE e.extname = 'newsprint' AND c.relname = 'entity_dictionary';
-- the trigger function is not callable directly
SELECT newsprint.entity_dictionary_changed();

-- LATERAL use over a table of articles
CREATE TEMP TABLE articles(id int, body text);
INSERT INTO articles VALUES (1, :'kyiv'), (2, :'moscow'), (3, NULL), (4, '');
SELECT e.name, count(*) AS articles, sum(e.mentions) AS mentions
FROM articles a, LATERAL newsprint.entities(a.body) e
WHERE e.kind = 'PER' GROUP BY e.name ORDER BY e.name;

-- PARALLEL SAFE: workers extract too, and read the user dictionary
CREATE TABLE par_articles AS
  SELECT g, 'Sergei Lavrov met Zorblatt in Beijing on day ' || g AS body FROM generate_series(1, 2000) g;
ANALYZE par_articles;
INSERT INTO newsprint.entity_dictionary VALUES ('Zorblatt Industries', 'ORG', '{Zorblatt}');
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT count(*) FROM par_articles, LATERAL newsprint.entities(body, false) e;
SELECT e.kind, e.name, count(*) FROM par_articles, LATERAL newsprint.entities(body, false) e
GROUP BY 1, 2 ORDER BY 1, 2;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE par_articles;
TRUNCATE newsprint.entity_dictionary;

-- NULL, empty, no names, punctuation and garbage
SELECT * FROM newsprint.entities(NULL);
SELECT * FROM newsprint.entities('x', NULL);
SELECT * FROM newsprint.entities('');
SELECT * FROM newsprint.entities('', false);
SELECT * FROM newsprint.entities('no capital letters here at all.');
SELECT * FROM newsprint.entity_mentions(E'... ,,, \u201c\u201d \u2014 \'s \'s- - & of the of', false);
SELECT count(*) >= 0 AS ok FROM newsprint.entity_mentions(repeat('A', 100000), false);
SELECT count(*) AS n FROM newsprint.entity_mentions(repeat('Of The ', 10000) || 'Bank', false);
-- long runs of capitalised words stay linear (these would time out if not)
SELECT count(*) AS n FROM newsprint.entity_mentions(repeat('Paris ', 200000), false);
-- (1.5 MB: read in two blocks, so the one run of capitals is two names)
SELECT count(*) AS n FROM newsprint.entities(repeat('Foreign ', 100000) || repeat('New ', 100000) || repeat('Of ', 100000), false);
-- invalid UTF-8 is an error, never garbage
SELECT * FROM newsprint.entities(convert_from('\x41ff41'::bytea, 'SQL_ASCII'));
SELECT * FROM newsprint.entity_mentions(convert_from('\x4c6f6e646f6ec3'::bytea, 'SQL_ASCII'), false);
-- big input: linear, and the same names as the small one
SELECT name, kind, mentions FROM newsprint.entities(repeat(:'moscow' || E'\n\n', 2000), false)
WHERE kind = 'PER' ORDER BY name;
-- too large: more than 128 MB (the limit of every text function)
SELECT * FROM newsprint.entities(repeat('Beijing ', 16777217), false);
-- abbreviations (abbrev.c): a suffix keeps its period, and the sentence
-- after it starts with a function word, not a name
SELECT surface, kind FROM newsprint.entity_mentions('The firm was founded by Robert Cummings Sr. You can visit it in Paris.', false);

-- organisations in sports and business news, from their context
-- a racing team after "of" a driver, a driver's possessive, "for" a team
-- (known limit, shown as it is: "Pastor" of "Pastor Maldonado" is read as
-- a clergy title, so the mention is "Maldonado" alone)
SELECT surface, kind FROM newsprint.entity_mentions('SHANGHAI, April 18 - Kimi Raikkonen of Lotus won the race from pole, finishing 4.2 seconds ahead of Pastor Maldonado''s Williams after 56 laps. Esteban Gutierrez took third place for Haas, and Kevin Magnussen was fourth for Haas in the team''s best result of the season. Lotus now lead the constructors'' standings by nine points.', false);
-- counties and clubs next to a verb of result, "drew with", "a defeat to"
SELECT surface, kind FROM newsprint.entity_mentions(E'TAUNTON, England, June 2 - Leicestershire beat Somerset by four wickets on the last day of the championship match on Friday. Somerset had resumed on 190 for five and were bowled out for 233 in the morning session.\n\nElsewhere, Derbyshire drew with Glamorgan after rain washed out the final session, and Durham lost to Worcestershire by 10 wickets, a week after a 10-wicket defeat to Kent.', false);
-- an acronym defined in brackets is a name also when it is a common word;
-- a storm's name; "The" inside a sentence is outside the paper's name
SELECT surface, kind FROM newsprint.entity_mentions('TOKYO, March 9 - Pacific Avionics Lab (PAL) said on Monday it had won a contract to supply radar units. PAL chief executive Kenji Mori said the order would lift profit this year, the report quoted by The Independent said. The shares rose 3 percent after Typhoon Haima closed the Tokyo exchange on Friday.', false);
-- "drew 2-2 with X", "lost at home to X", "X signed midfielder Y from Z",
-- "Z's Rafa Mir", a ground after "held 1-1 at"
SELECT surface, kind FROM newsprint.entity_mentions('BILBAO, Oct 2 - Eibar drew 2-2 with Osasuna in the league on Saturday, and Alaves lost at home to Leganes, whose striker scored twice in the second half. Leganes coach Javier Aguirre said his side had earned the points. Mallorca signed midfielder Pablo Mendez from Huesca on Friday. Huesca''s Rafa Mir missed a penalty in the match as they were held 1-1 at Son Moix Road.', false);
-- a company named like a place: an appositive after a possessive country
-- ("X, Britain's biggest mortgage lender"), "shareholders in X"; an exchange
SELECT surface, kind FROM newsprint.entity_mentions('LONDON, Feb 3 - Halifax, Britain''s biggest mortgage lender, said house prices fell 0.4 percent in January. Shareholders in Halifax will receive a higher dividend, the bank said. In Frankfurt, Deutsche Boerse said trading volumes rose 9 percent.', false);
