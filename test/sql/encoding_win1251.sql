--
-- encoding_win1251: in a WIN1251 database, the answers of a UTF8 database
--
-- The same cases (test/sql/include/encoding_cases.sql) run in a UTF8 database and
-- in a WIN1251 database, both created here with the C locale; psql reads and
-- shows UTF-8 (client_encoding), so the two blocks of output must be the
-- same, and their digests are compared.
--
\set regress_db :DBNAME
CREATE ROLE regress_np_lowpriv;
CREATE DATABASE regress_np_utf8 TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C';
CREATE DATABASE regress_np_win1251 TEMPLATE template0 ENCODING 'WIN1251' LC_COLLATE 'C' LC_CTYPE 'C';
\set txt 'Министр иностранных дел России Сергей Лавров прибыл в Пекин в понедельник с официальным визитом, сообщило ведомство.\n\nОн проведёт два дня в китайской столице и встретится со своим китайским коллегой Ван И. «Ожидается углублённый обмен мнениями», — говорится в заявлении.\n\nКурс евро вырос до 100 €, сообщил Центральный банк.'
\set txt2 'Сергей Лавров прибыл в Пекин в понедельник с официальным визитом, сообщило ведомство.\n\n«Ожидается углублённый обмен мнениями», — говорится в заявлении.'
\set html '<html><body><nav>Главная | Политика</nav><article><p>Министр иностранных дел России Сергей Лавров прибыл в Пекин &mdash; сообщило ведомство.</p><p>&laquo;Ожидается обмен мнениями&raquo;, курс евро &ndash; 100&nbsp;&euro;&hellip;</p></article><footer>&copy; 2024</footer></body></html>'
\set positions true

-- UTF8
\c regress_np_utf8
\i test/sql/include/encoding_cases.sql
\set utf8_digest :digest

-- WIN1251
\c regress_np_win1251
\i test/sql/include/encoding_cases.sql
SELECT :'digest' = :'utf8_digest' AS same_answers_as_utf8;

-- characters WIN1251 lacks: an accented Latin letter loses its accent, a
-- letter without a decomposition gets its ASCII stand-in, CJK is dropped
SELECT clean('<p>Встреча прошла в Z&uuml;rich и &#321;&oacute;d&#378;, а затем в &#x5317;&#x4EAC;.</p>');
SELECT text, substr(clean('<p>Встреча прошла в Z&uuml;rich. Потом в &#321;&oacute;d&#378;.</p>'), start, length) = text AS round_trip
FROM sentences('<p>Встреча прошла в Z&uuml;rich. Потом в &#321;&oacute;d&#378;.</p>');

\c :regress_db
DROP DATABASE regress_np_utf8;
DROP DATABASE regress_np_win1251;
DROP ROLE regress_np_lowpriv;
