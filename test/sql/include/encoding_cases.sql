--
-- include/encoding_cases.sql: the answers that must not depend on the
-- database encoding (run by the encoding_*.sql tests in a UTF8 database
-- and in another one).  Input: psql variables txt, txt2 (two copies of a
-- story, plain text) and html (a page); with positions = true, character
-- positions are part of the answers (they are not in SQL_ASCII, where
-- substr() counts bytes: there only the round trips are).  Output: the
-- answers, and the digest of their UTF-8 bytes in psql variable digest.
-- First it installs newsprint in the database psql is connected to, with
-- the dictionary readable by regress_np_lowpriv (created by the caller).
--
SET client_encoding = 'UTF8';
CREATE EXTENSION newsprint;
GRANT SELECT ON newsprint.entity_dictionary TO regress_np_lowpriv;
SET search_path = public, newsprint;
SET extra_float_digits = 0;
SELECT getdatabaseencoding();
CREATE TEMP TABLE answers (k int, what text, answer text);
INSERT INTO answers VALUES
  (1, 'clean', clean(:'txt')),
  (2, 'clean html', clean(:'html')),
  (3, 'paragraphs', (SELECT string_agg(format('%s: %s', ordinal, text), ' / ' ORDER BY ordinal) FROM paragraphs(:'txt'))),
  (4, 'sentences', (SELECT string_agg(format('%s: %s', ordinal, text), ' / ' ORDER BY ordinal) FROM sentences(:'txt', false))),
  (5, 'entities', (SELECT string_agg(format('%s %s %s', name, kind, mentions), ', ' ORDER BY name, kind) FROM entities(:'txt'))),
  (6, 'mentions', (SELECT string_agg(format('%s=%s', surface, name), ', ' ORDER BY start) FROM entity_mentions(:'txt', false))),
  (7, 'fingerprint', fingerprint(:'txt'::text)::text),
  (8, 'fingerprint raw', fingerprint(:'txt'::text, false)::text),
  (9, 'similarity to the copy', similarity(fingerprint(:'txt'::text), fingerprint(:'txt2'::text))::text),
  (10, 'passages', (SELECT string_agg(format('%s ~ %s (%s)', passage_a, passage_b, round(score::numeric, 2)), ' / ' ORDER BY passage_a) FROM shared_passages(:'txt', :'txt2'))),
  (11, 'round trips', (SELECT format('paragraphs %s, sentences %s, raw sentences %s, mentions %s, raw mentions %s, passages %s',
        (SELECT bool_and(substr(clean(:'txt'), start, length) = text) FROM paragraphs(:'txt')),
        (SELECT bool_and(substr(clean(:'txt'), start, length) = text) FROM sentences(:'txt')),
        (SELECT bool_and(substr(:'txt', start, length) = text) FROM sentences(:'txt', false)),
        (SELECT bool_and(substr(clean(:'txt'), start, length) = surface) FROM entity_mentions(:'txt')),
        (SELECT bool_and(substr(:'txt', start, length) = surface) FROM entity_mentions(:'txt', false)),
        (SELECT bool_and(substr(clean(:'txt'), start_a, length_a) = passage_a AND
                         substr(clean(:'txt2'), start_b, length_b) = passage_b) FROM shared_passages(:'txt', :'txt2')))));
\if :positions
INSERT INTO answers VALUES
  (12, 'positions', (SELECT string_agg(format('%s+%s', start, length), ' ' ORDER BY start) FROM sentences(:'txt'))),
  (13, 'mention positions', (SELECT string_agg(format('%s+%s', start, length), ' ' ORDER BY start) FROM entity_mentions(:'txt', false))),
  (14, 'passage positions', (SELECT string_agg(format('%s+%s %s+%s', start_a, length_a, start_b, length_b), ' ' ORDER BY start_a) FROM shared_passages(:'txt', :'txt2')));
\endif
-- headline(): the html page with an h1 (the text up to its first comma or
-- full stop), also with 150 kB more on the same line, so that the 64 kB it
-- reads is cut at a character boundary of the database encoding
SELECT replace(:'html', '<article>', '<article><h1>' || split_part(split_part(clean(:'txt'), ',', 1), '.', 1) || '</h1>') AS h1html \gset
INSERT INTO answers VALUES
  (15, 'headline', headline(:'h1html')),
  (16, 'headline of a long page', headline(replace(:'h1html', '</article>',
        repeat('<p>' || clean(:'txt') || '</p>', 500) || '</article>')));
SELECT what, answer FROM answers ORDER BY k;
SELECT md5(convert_to(string_agg(answer, E'\n' ORDER BY k), 'UTF8')) AS digest FROM answers \gset
DROP TABLE answers;

-- item 1 of issue 9: an empty value next to a secret column must not
-- leak the secret through any function (it did in SQL_ASCII and LATIN1)
CREATE TABLE acct (id int, note text, secret text);
INSERT INTO acct VALUES (1, '', 'The password is hunter2.'), (2, 'Ok.', 'The password is hunter3.');
GRANT SELECT (id, note) ON acct TO regress_np_lowpriv;
GRANT USAGE ON SCHEMA newsprint TO regress_np_lowpriv;
SET ROLE regress_np_lowpriv;
SELECT id, clean(note) AS clean,
       (SELECT string_agg(text, '|') FROM paragraphs(note, false)) AS paragraphs,
       (SELECT string_agg(text, '|') FROM sentences(note)) AS sentences,
       (SELECT string_agg(name, '|') FROM entities(note, false)) AS entities,
       (SELECT string_agg(surface, '|') FROM entity_mentions(note)) AS mentions,
       shingle_count(fingerprint(note, false)) AS shingles,
       (SELECT string_agg(passage_a, '|') FROM shared_passages(note, note, false)) AS passages
FROM acct ORDER BY id;
RESET ROLE;
DROP TABLE acct;
