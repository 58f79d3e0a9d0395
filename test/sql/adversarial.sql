--
-- adversarial: defects found by the adversarial pass of 6 December 2026
-- (fuzz/text_shapes.py, fuzz/sql_fuzz.py), one case
-- each: what broke, then the answer it must give.
--
SET search_path = public, newsprint;
\set VERBOSITY default

-- Plain text whose lines end in a lone carriage return (old Mac line ends),
-- or are separated by form feeds, was split into lines by looking for the
-- next \n from each line to the end of the text: quadratic (1 MB of \r
-- took 4.5 s in clean(), 4 MB over a minute).  The timeout ends the old
-- code's statements; now they take milliseconds.
SET statement_timeout = '5s';
SELECT length(clean(repeat(E'\r', 4194304))) AS cr_only;
SELECT count(*) AS paragraphs FROM paragraphs(repeat(E'\r', 2097152) || 'Last line here.');
SELECT shingle_count(fingerprint(repeat(E'\f', 4194304) || 'One two three four five six.')) AS ff;
SELECT count(*) AS sentences FROM sentences(repeat(E'\r\f', 2097152) || E'\nThe end came. Then more.');
RESET statement_timeout;
-- the same lines with each kind of line end
SELECT clean(E'First paragraph here.\r\rSecond one, after a blank line.\rIt wraps.\fThird, after a page.\r\nFourth.');
SELECT clean(E'First paragraph here.\n\nSecond one, after a blank line.\nIt wraps.\fThird, after a page.\nFourth.');
