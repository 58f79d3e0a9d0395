--
-- adversarial: defects found by the adversarial pass of 6 December 2026
-- and the fuzz passes after it (fuzz/text_shapes.py, fuzz/sql_fuzz.py), one
-- case each: what broke, then the answer it must give.
--
SET search_path = public, newsprint;
\set VERBOSITY default

-- Plain text whose lines end in a lone carriage return (old Mac line ends),
-- or are separated by form feeds, was split into lines by looking for the
-- next \n from each line to the end of the text: quadratic (1 MB of \r
-- took 4.5 s in clean(), 3 MB about 40 s).  The timeout ends the old
-- code's statements; now they take milliseconds (seconds under valgrind).
SET statement_timeout = '15s';
SELECT length(clean(repeat(E'\r', 3145728))) AS cr_only;
SELECT count(*) AS paragraphs FROM paragraphs(repeat(E'\r', 3145728) || 'Last line here.');
SELECT shingle_count(fingerprint(repeat(E'\f', 3145728) || 'One two three four five six.')) AS ff;
SELECT count(*) AS sentences FROM sentences(repeat(E'\r\f', 1572864) || E'\nThe end came. Then more.');
RESET statement_timeout;
-- the same lines with each kind of line end
SELECT clean(E'First paragraph here.\r\rSecond one, after a blank line.\rIt wraps.\fThird, after a page.\r\nFourth.');
SELECT clean(E'First paragraph here.\n\nSecond one, after a blank line.\nIt wraps.\fThird, after a page.\nFourth.');

-- An npidx build over rows without a single posting (every fingerprint
-- NULL or empty) of a table the planner has statistics for crashed the
-- server: the bucket sort swapped its arrays with a NULL scratch array,
-- passed the NULL to memcpy and then to pfree.  A table whose fingerprint
-- column is not filled yet, analyzed, then indexed.
CREATE TABLE adv_nofp (id int, fp fingerprint, body text);
INSERT INTO adv_nofp SELECT g, NULL, 'x' FROM generate_series(1, 20) g;
ANALYZE adv_nofp;
CREATE INDEX adv_nofp_fp ON adv_nofp USING npidx (fp);
CREATE INDEX adv_nofp_expr ON adv_nofp USING npidx ((fingerprint(body)));
INSERT INTO adv_nofp
  SELECT 100 + g, fingerprint('Talks on the Geneva accord resumed on Monday after officials from both delegations agreed to a ' || g || '-point agenda.'), 'x'
  FROM generate_series(1, 3) g;
SET enable_seqscan = off;
SELECT count(*) FROM adv_nofp
WHERE fp % (SELECT fp FROM adv_nofp WHERE id = 101);
SELECT count(*) FROM adv_nofp WHERE fingerprint(body) % fingerprint('x'::text);
RESET enable_seqscan;
DROP TABLE adv_nofp;

-- The build's first reservation, sized from the planner's row count, took
-- the rows' share from maintenance_work_mem without checking that it fit:
-- with more rows than that (here 1 MB and 150,000 rows; at the default
-- 64 MB, over 9 million) the subtraction wrapped around and the build
-- failed with "out of memory" for a request of 2^63 bytes (53200).
SET maintenance_work_mem = '1MB';
CREATE TABLE adv_big (id int, fp fingerprint);
INSERT INTO adv_big
  SELECT g, CASE WHEN g % 1000 = 0 THEN fingerprint('Talks on the Geneva accord resumed on Monday after officials from both delegations agreed to a ' || g || '-point agenda.') END
  FROM generate_series(1, 150000) g;
ANALYZE adv_big;
CREATE INDEX adv_big_fp ON adv_big USING npidx (fp);
RESET maintenance_work_mem;
SET enable_seqscan = off;
SELECT count(*) FROM adv_big WHERE fp % (SELECT fp FROM adv_big WHERE id = 5000);
RESET enable_seqscan;
DROP TABLE adv_big;

-- npidx_clean_pending_list() of a regclass given as a number naming no
-- relation failed with an internal error (XX000, "could not open
-- relation"); now 42P01, as for a name.
\set VERBOSITY sqlstate
SELECT npidx_clean_pending_list(0);
SELECT npidx_clean_pending_list(4294967295);
\set VERBOSITY default
SELECT npidx_clean_pending_list(0);

-- assign_story() on a leaders table without an npidx index (found by
-- fuzz/sql_fuzz.py's story round, 7 December 2026): the search is planned
-- with enable_seqscan off, the sequential scan left costs disable_cost,
-- past jit_above_cost, and with jit on (the default) each call's search was
-- compiled by LLVM: 144 articles into 60 leaders took 5.9 s, 0.07 s with
-- jit off.  The search now runs with jit off.  A row security policy's
-- function, run by the search's scan, shows the setting it runs with (the
-- leader is added as a superuser, whom the policies pass over).
DROP ROLE IF EXISTS regress_np_jit;
CREATE ROLE regress_np_jit;
CREATE TABLE adv_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
	published_at timestamptz);
ALTER TABLE adv_leaders OWNER TO regress_np_jit;
ALTER TABLE adv_leaders ENABLE ROW LEVEL SECURITY;
ALTER TABLE adv_leaders FORCE ROW LEVEL SECURITY;
CREATE FUNCTION adv_jit_seen() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	RAISE NOTICE 'search runs with jit %', current_setting('jit');
	RETURN true;
END $$;
CREATE POLICY adv_leaders_read ON adv_leaders FOR SELECT USING (adv_jit_seen());
CREATE POLICY adv_leaders_add ON adv_leaders FOR INSERT WITH CHECK (true);
INSERT INTO adv_leaders VALUES (1, fingerprint('Talks on the Geneva accord resumed on Monday after officials from both delegations agreed to a ten-point agenda, the foreign ministry said, and a first round is due to end on Friday.'::text), '2026-01-01');
SET jit = on;
SET ROLE regress_np_jit;
SELECT assign_story('adv_leaders', 2, fingerprint('GENEVA, Jan 1 - Talks on the Geneva accord resumed on Monday after officials from both delegations agreed to a ten-point agenda, the foreign ministry said, and a first round is due to end on Friday.'::text), '2026-01-01 01:00') AS copy;
SHOW jit;
RESET ROLE;
RESET jit;
DROP TABLE adv_leaders;
DROP FUNCTION adv_jit_seen();
DROP ROLE regress_np_jit;
