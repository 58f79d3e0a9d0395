--
-- limits: every text function accepts at most 128 MB of text (as the
-- database holds it and in UTF-8), and says so with SQLSTATE 54000
-- (program_limit_exceeded) instead of failing later with an internal
-- error.  One 270 MB paragraph with a non-ASCII character used to fail
-- with "invalid memory alloc request size" (XX000).
--
SET search_path = public, newsprint;
\set VERBOSITY default

-- just over the limit (134217728 bytes), with a non-ASCII character
SELECT length(clean(repeat('a', 134217727) || 'é'));
SELECT count(*) FROM paragraphs(repeat('a', 134217729), false);
SELECT count(*) FROM sentences(repeat('a', 134217729));
SELECT fingerprint(repeat('a', 134217729));
SELECT count(*) FROM shared_passages('Short text.', repeat('a', 134217729));
SELECT count(*) FROM entities(repeat('a', 134217729));
SELECT count(*) FROM entity_mentions(repeat('a', 134217729), false);

-- the SQLSTATE
DO $$
BEGIN
	PERFORM newsprint.clean(repeat('a', 134217727) || 'é');
EXCEPTION WHEN program_limit_exceeded THEN
	RAISE NOTICE 'program_limit_exceeded: %', SQLERRM;
END $$;
