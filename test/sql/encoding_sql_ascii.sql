--
-- encoding_sql_ascii: in a SQL_ASCII database (text read as UTF-8), the answers of a UTF8
-- database; positions count bytes there, as substr() does
--
-- The same cases (test/sql/include/encoding_cases.sql) run in a UTF8 database and
-- in a SQL_ASCII database, both created here with the C locale; psql reads and
-- shows UTF-8 (client_encoding), so the two blocks of output must be the
-- same, and their digests are compared.
--
\set regress_db :DBNAME
CREATE ROLE regress_np_lowpriv;
CREATE DATABASE regress_np_utf8 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
CREATE DATABASE regress_np_sql_ascii TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C';
\set txt 'Le maire de Łódź, Hanna Zdanowska, a rencontré mardi à Zürich le ministre turc Mevlüt Çavuşoğlu pour évoquer la crise énergétique.\n\nSelon la mairie, « les deux responsables ont évoqué la sécurité des réseaux ». Un café noir 🙂 a conclu la réunion à 北京 time.\n\nLa prochaine rencontre aura lieu à Köln au printemps, a précisé M. Dupont.'
\set txt2 'Mardi, le maire de Łódź, Hanna Zdanowska, a rencontré à Zürich le ministre turc Mevlüt Çavuşoğlu pour évoquer la crise énergétique.\n\nUn café noir 🙂 a conclu la réunion à 北京 time.'
\set html '<html><body><nav>Accueil | Sports</nav><article><p>Le maire de &#321;&oacute;d&#378; a rencontr&eacute; mardi &agrave; Z&uuml;rich le ministre turc.</p><p>Le prix a atteint 5&nbsp;&euro; &mdash; un &ldquo;record&rdquo;.</p></article></body></html>'
\set positions false

-- UTF8
\c regress_np_utf8
\i test/sql/include/encoding_cases.sql
\set utf8_digest :digest

-- SQL_ASCII
\c regress_np_sql_ascii
\i test/sql/include/encoding_cases.sql
SELECT :'digest' = :'utf8_digest' AS same_answers_as_utf8;

-- in SQL_ASCII, text is read as UTF-8: other bytes are an error, with a hint
SELECT clean(convert_from('\x4361666520e9'::bytea, 'SQL_ASCII'));
-- a character is a byte there, as for substr(): positions count bytes
SELECT start, length, text FROM sentences('Łódź est loin. Zürich aussi.', false);

\c :regress_db
DROP DATABASE regress_np_utf8;
DROP DATABASE regress_np_sql_ascii;
DROP ROLE regress_np_lowpriv;
