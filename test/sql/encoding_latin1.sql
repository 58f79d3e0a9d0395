--
-- encoding_latin1: in a LATIN1 database, the answers of a UTF8 database
--
-- The same cases (test/sql/include/encoding_cases.sql) run in a UTF8 database and
-- in a LATIN1 database, both created here with the C locale; psql reads and
-- shows UTF-8 (client_encoding), so the two blocks of output must be the
-- same, and their digests are compared.
--
\set regress_db :DBNAME
CREATE ROLE regress_np_lowpriv;
CREATE DATABASE regress_np_utf8 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
CREATE DATABASE regress_np_latin1 TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C';
\set txt 'Le maire de Genève, François Dupont, a rencontré mardi à Zürich le ministre allemand Jürgen Müller pour évoquer la crise énergétique.\n\nSelon la mairie, « les deux hommes ont évoqué la sécurité des réseaux et le prix du gaz ». Un café noir a conclu la réunion.\n\nLa prochaine rencontre aura lieu à Köln au printemps, a précisé M. Dupont.'
\set txt2 'Mardi, le maire de Genève, François Dupont, a rencontré à Zürich le ministre allemand Jürgen Müller pour évoquer la crise énergétique.\n\nUn café noir a conclu la réunion.\n\nLa prochaine rencontre aura lieu à Köln au printemps, a précisé M. Dupont.'
\set html '<html><body><nav>Accueil | &Eacute;conomie | Sports</nav><article><h1>Genève et Zürich</h1><p>Le maire de Gen&egrave;ve, Fran&ccedil;ois Dupont, a rencontr&eacute; mardi &agrave; Z&uuml;rich le ministre allemand J&uuml;rgen M&uuml;ller.</p><p>Les prix ont augment&eacute; de 50&nbsp;% en un an, selon la mairie.</p></article><footer>&copy; 2024 Le Journal de Genève</footer></body></html>'
\set positions true

-- UTF8
\c regress_np_utf8
\i test/sql/include/encoding_cases.sql
\set utf8_digest :digest

-- LATIN1
\c regress_np_latin1
\i test/sql/include/encoding_cases.sql
SELECT :'digest' = :'utf8_digest' AS same_answers_as_utf8;

-- characters LATIN1 lacks (from HTML entities) are mapped or dropped,
-- never an error, and positions still address what clean() returns
SELECT clean('<p>Le prix a atteint 5&nbsp;&euro; &mdash; un &ldquo;record&rdquo; &agrave; &#321;&oacute;d&#378; et &#x5317;&#x4EAC;&hellip;</p>');
SELECT text, substr(clean('<p>Le prix a atteint 5&nbsp;&euro; &mdash; un &ldquo;record&rdquo;. Puis &#321;&oacute;d&#378; a suivi.</p>'), start, length) = text AS round_trip
FROM sentences('<p>Le prix a atteint 5&nbsp;&euro; &mdash; un &ldquo;record&rdquo;. Puis &#321;&oacute;d&#378; a suivi.</p>');
SELECT surface, name, kind FROM entity_mentions('<p>The mayor of &#321;&oacute;d&#378; met the mayor of Z&uuml;rich in &#x5317;&#x4EAC; on Monday.</p>');

\c :regress_db
DROP DATABASE regress_np_utf8;
DROP DATABASE regress_np_latin1;
DROP ROLE regress_np_lowpriv;
