--
-- offsets: every function that says where a piece of text lies returns its
-- 1-based character position (start) and length in the text it read, so
-- that substr(text read, start, length) is the piece.  Checked in UTF-8 on
-- text in several scripts (two- three- and four-byte characters), cleaned
-- and raw, and on decomposed (NFD) input, which gives the same answers as
-- composed (NFC) input.
--
SET search_path = public, newsprint;
SET extra_float_digits = 0;

SELECT getdatabaseencoding();

-- a story with accents, a Polish and a Turkish name, Russian, Greek,
-- Chinese and an emoji (four bytes in UTF-8), and page furniture that
-- cleaning removes, so that the cleaned and the raw positions differ
\set a 'Share this article: Facebook | Twitter | Email\n\nLe président français Emmanuel Macron a rencontré à Zürich le maire de Łódź, Hanna Zdanowska, et le ministre turc Mevlüt Çavuşoğlu mardi.\n\nLes discussions ont porté sur le commerce, l''énergie et la sécurité régionale, selon l''Élysée.\n\nAdvertisement\n\nÀ Moscou, le Kremlin a déclaré : « Это внутреннее дело Европы. » Un diplomate grec a cité Αθήνα et 北京 comme prochaines étapes 🙂 du voyage.\n\nMacron rentrera à Paris jeudi soir, a précisé son cabinet.\n\nhttps://example.com/politique/macron-zurich'
\set b 'Mardi, Emmanuel Macron a rencontré à Zürich le maire de Łódź, Hanna Zdanowska, et le ministre turc Mevlüt Çavuşoğlu.\n\nLes discussions ont porté sur le commerce, l''énergie et la sécurité régionale, selon l''Élysée.\n\nMacron rentrera à Paris jeudi soir, a précisé son cabinet présidentiel.'

-- clean() and the raw text differ (the point of clean => false)
SELECT clean(:'a') <> :'a' AS cleaning_changes_something;

-- paragraphs and sentences, of the cleaned and of the raw text
SELECT count(*) AS n, bool_and(substr(clean(:'a'), start, length) = text) AS round_trip
FROM paragraphs(:'a');
SELECT count(*) AS n, bool_and(substr(:'a', start, length) = text) AS round_trip
FROM paragraphs(:'a', clean => false);
SELECT count(*) AS n, bool_and(substr(clean(:'a'), start, length) = text) AS round_trip
FROM sentences(:'a');
SELECT count(*) AS n, bool_and(substr(:'a', start, length) = text) AS round_trip
FROM sentences(:'a', clean => false);
SELECT ordinal, start, length, text FROM sentences(:'a') WHERE text ~ '[Α-ω北🙂]';

-- entity mentions, cleaned and raw; entities' first_start is where the
-- first mention of the entity starts
SELECT count(*) AS n, bool_and(substr(clean(:'a'), start, length) = surface) AS round_trip
FROM entity_mentions(:'a');
SELECT count(*) AS n, bool_and(substr(:'a', start, length) = surface) AS round_trip
FROM entity_mentions(:'a', clean => false);
SELECT m.start AS clean_start, r.start AS raw_start, m.length, m.surface
FROM entity_mentions(:'a') m JOIN entity_mentions(:'a', false) r USING (surface)
WHERE surface IN ('Emmanuel Macron', 'Zürich', 'Mevlüt Çavuşoğlu', 'Αθήνα', 'Paris')
ORDER BY m.start;
SELECT bool_and(e.first_start = (SELECT min(m.start) FROM entity_mentions(:'a') m
                                 WHERE m.name = e.name AND m.kind = e.kind)) AS first_start_ok
FROM entities(:'a') e;
SELECT bool_and(e.first_start = (SELECT min(m.start) FROM entity_mentions(:'a', false) m
                                 WHERE m.name = e.name AND m.kind = e.kind)) AS first_start_ok
FROM entities(:'a', false) e;

-- shared passages, both sides, cleaned and raw
SELECT count(*) AS n,
       bool_and(substr(clean(:'a'), start_a, length_a) = passage_a) AS a_round_trip,
       bool_and(substr(clean(:'b'), start_b, length_b) = passage_b) AS b_round_trip
FROM shared_passages(:'a', :'b');
SELECT count(*) AS n,
       bool_and(substr(:'a', start_a, length_a) = passage_a) AS a_round_trip,
       bool_and(substr(:'b', start_b, length_b) = passage_b) AS b_round_trip
FROM shared_passages(:'a', :'b', clean => false);
SELECT start_a, length_a, start_b, length_b, round(score::numeric, 2) AS score, passage_a
FROM shared_passages(:'a', :'b') ORDER BY start_a;

-- decomposed input (NFD): the answers are those of the composed text
SELECT normalize(:'a', NFD) AS a_nfd, normalize(:'b', NFD) AS b_nfd \gset
SELECT length(:'a_nfd') > length(:'a') AS nfd_is_longer, clean(:'a_nfd') = clean(:'a') AS same_clean;
SELECT (SELECT string_agg(format('%s|%s|%s|%s|%s', name, kind, subtype, mentions, first_start), ';' ORDER BY first_start, name) FROM entities(:'a_nfd'))
     = (SELECT string_agg(format('%s|%s|%s|%s|%s', name, kind, subtype, mentions, first_start), ';' ORDER BY first_start, name) FROM entities(:'a'))
       AS same_entities;
SELECT (SELECT string_agg(format('%s|%s|%s|%s', name, kind, subtype, mentions), ';' ORDER BY name, kind) FROM entities(:'a_nfd', false))
     = (SELECT string_agg(format('%s|%s|%s|%s', name, kind, subtype, mentions), ';' ORDER BY name, kind) FROM entities(:'a', false))
       AS same_entities_raw;
SELECT (SELECT string_agg(format('%s|%s|%s|%s|%s|%s', passage_a, passage_b, start_a, length_a, start_b, length_b), ';' ORDER BY start_a) FROM shared_passages(:'a_nfd', :'b_nfd'))
     = (SELECT string_agg(format('%s|%s|%s|%s|%s|%s', passage_a, passage_b, start_a, length_a, start_b, length_b), ';' ORDER BY start_a) FROM shared_passages(:'a', :'b'))
       AS same_passages;
SELECT fingerprint(:'a_nfd'::text) = fingerprint(:'a'::text) AS same_fingerprint,
       fingerprint(:'a_nfd'::text, false) = fingerprint(:'a'::text, false) AS same_raw_fingerprint;
-- "Zürich" typed decomposed is the same place
SELECT name, kind FROM entities(normalize('Macron a rencontré le maire à Zürich mardi.', NFD), false);
SELECT name, kind FROM entities('Macron a rencontré le maire à Zürich mardi.', false);
-- without cleaning, positions are in the text as given (decomposed), and
-- each piece is the argument's own
SELECT count(*) AS n, bool_and(substr(:'a_nfd', start, length) = text) AS round_trip,
       bool_and(text = normalize(text, NFD)) AS pieces_as_given
FROM sentences(:'a_nfd', clean => false);
SELECT count(*) AS n, bool_and(substr(:'a_nfd', start, length) = surface) AS round_trip
FROM entity_mentions(:'a_nfd', clean => false);
SELECT count(*) AS n,
       bool_and(substr(:'a_nfd', start_a, length_a) = passage_a) AS a_round_trip,
       bool_and(substr(:'b_nfd', start_b, length_b) = passage_b) AS b_round_trip
FROM shared_passages(:'a_nfd', :'b_nfd', clean => false);
-- a decomposed name next to composed ones: the run NFC changes maps back
SELECT start, length, surface FROM entity_mentions(E'Zu\u0308rich, Łódź et Genève.', false);
