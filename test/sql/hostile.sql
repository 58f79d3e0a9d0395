--
-- hostile: defects found by the adversarial audit of 0.2, one case each
-- (what broke, then the answer it must give).  Bad input is an error with
-- its own SQLSTATE; the two forms of one function agree.
--
SET search_path = public, newsprint;
\set VERBOSITY default

-- The user dictionary given as a value (entity_dictionary_snapshot(), what
-- the planner hook sends to Citus workers) was looked up without NFC
-- normalisation, so a name stored decomposed (NFD) was found by
-- entities(body) but not by entities(body, clean, snapshot): the two forms
-- disagreed, and distributed answers differed from one server's.
INSERT INTO entity_dictionary VALUES
  (E'Mu\u0308llerwerk', 'ORG', ARRAY[E'Zu\u0308rcher Blatt']);
SELECT * FROM entities(E'Die M\u00fcllerwerk und das Z\u00fcrcher Blatt.', false);
SELECT * FROM entities(E'Die M\u00fcllerwerk und das Z\u00fcrcher Blatt.', false,
                       entity_dictionary_snapshot());
SELECT * FROM entity_mentions(E'Die M\u00fcllerwerk und das Z\u00fcrcher Blatt.', false,
                              ARRAY[ROW(E'Mu\u0308llerwerk', 'ORG',
                                        ARRAY[E'Zu\u0308rcher Blatt'])::entity_dictionary]);
DELETE FROM entity_dictionary;

-- In a SQL_ASCII database (text read as UTF-8), a dictionary entry that is
-- not UTF-8 was an error from the value ("invalid byte sequence for encoding
-- UTF8") but silently kept, as garbage, from the table.  Both forms now say
-- what is wrong, with SQLSTATE 22021 as for article text.
\set regress_db :DBNAME
CREATE DATABASE regress_np_hostile_ascii TEMPLATE template0 ENCODING 'SQL_ASCII'
  LC_COLLATE 'C' LC_CTYPE 'C';
\c regress_np_hostile_ascii
SET client_min_messages = warning;
CREATE EXTENSION newsprint;
RESET client_min_messages;
SET search_path = public, newsprint;
\set VERBOSITY default
SELECT name, kind FROM entities(E'Caf\xC3\xA9 Z\xC3\xBCrich met.', false,
       ARRAY[ROW('Cafe Zurich', 'ORG', ARRAY[E'Caf\xC3\xA9 Z\xC3\xBCrich'])::entity_dictionary]);
SELECT name, kind FROM entities('Cafe met.', false,
       ARRAY[ROW(E'Caf\xE9', 'ORG', '{}')::entity_dictionary]);
INSERT INTO entity_dictionary VALUES ('Cafe Zurich', 'ORG', ARRAY[E'Z\xFCrich']);
SELECT name, kind FROM entities('Cafe met.', false);
SELECT name, kind FROM entities('Cafe met.', false, entity_dictionary_snapshot());
\set VERBOSITY sqlstate
SELECT name, kind FROM entities('Cafe met.', false);
\set VERBOSITY default
DELETE FROM entity_dictionary;
SELECT name, kind FROM entities(E'Caf\xC3\xA9 Z\xC3\xBCrich met.', false);
\c :regress_db
DROP DATABASE regress_np_hostile_ascii;
SET search_path = public, newsprint;

-- create_story_views() with a long prefix: the view names were truncated
-- to 63 bytes after the check for an existing relation had looked for the
-- untruncated names, so that check was skipped, and a 62-byte prefix gave
-- two views ("...spread", "...summary") the same name.  Now refused.
CREATE TABLE hostile_art (id bigint PRIMARY KEY, body text, fp fingerprint,
                          published_at timestamptz, story bigint, outlet text);
SELECT count(*) FROM create_story_views('hostile_art', prefix => repeat('p', 55));
SELECT count(*) FROM create_story_views('hostile_art', prefix => repeat('q', 56));
SELECT count(*) FROM create_story_views('hostile_art', prefix => repeat('q', 62));
SELECT count(*) FROM create_story_views('hostile_art', prefix => repeat('q', 56),
                                         body_column => NULL);
SELECT count(*) FROM pg_class WHERE relname LIKE 'qqq%';
SET client_min_messages = warning;
DROP TABLE hostile_art CASCADE;
RESET client_min_messages;

-- A user dictionary key is stored with each of its prefixes that ends
-- before a space or punctuation mark, each hashed whole: the cost is the
-- square of the key's length, and keys of up to 64 kB were taken, so one
-- alias of 32,767 words took about a second, twenty took twenty seconds,
-- and the loop could not be interrupted.  Keys are now at most 1,024 bytes
-- (longer ones are ignored, as those over 64 kB were) and the loops over a
-- dictionary value check for interrupts.  The timeout below ends the
-- old code's statement; now it takes milliseconds.
SELECT n, octet_length(k) AS bytes,
       (SELECT string_agg(left(name, 12) || ' ' || kind || ' ' || coalesce(subtype, '-'), ', ')
        FROM entities('Workers at ' || k || ' went on strike.', false,
                      ARRAY[ROW('Long Name', 'ORG', ARRAY[k])::entity_dictionary])) AS found
FROM (SELECT n, rtrim(repeat(repeat('Q', n) || ' ', 11)) || ' Holdings' AS k
      FROM unnest(ARRAY[10, 91, 92]) n) s;
SET statement_timeout = '5s';
SELECT count(*) FROM entities('Workers went on strike.', false,
       ARRAY[ROW('X', 'ORG', (SELECT array_agg(rtrim(repeat('a ', 32767)) || i)
                             FROM generate_series(1, 20) i))::entity_dictionary]);
RESET statement_timeout;

-- The gazetteer matcher grew its key one token at a time while the key's
-- prefix could go on ("The New" of "The New York Times"), and counted only
-- words against the longest key: a run of punctuation tokens after such a
-- prefix ("New-&-&-&...") rebuilt and hashed a key as long as the run at
-- each token, in quadratic time (80 kB took 10 s; after a mid-sentence
-- "The", 160 kB took 52 s).  A key now spans at most three tokens a word.
-- The timeout below ends the old code's statements; now they take
-- milliseconds.
SET statement_timeout = '5s';
SELECT name, kind FROM entities('He said The New' || repeat('-&', 200000) ||
                                ' York. Reuters in London reported it.', false)
ORDER BY name;
SELECT name, kind FROM entities('Shares of New' || repeat('-&', 200000) ||
                                ' York rose. Reuters in London reported it.', false)
ORDER BY name;
RESET statement_timeout;
