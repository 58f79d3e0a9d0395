-- bench/story_window.sql -- the time window that a story bench passes to
-- cluster_stories(), from psql variable :window (the WINDOW environment
-- variable: an interval such as '2 days', NULL for no window, empty for
-- the function's default).  Sets :window_arg (what to append to the
-- function's arguments: empty, or ", time_window => ...") and creates
-- temp table story_window (w interval): the window in effect, read from
-- the function's declared default when WINDOW is empty, so that a bench
-- can apply the same window to pairs (story_match() with the pair's times,
-- or its own comparison of times).
SELECT CASE WHEN :'window' = '' THEN ''
			WHEN upper(:'window') = 'NULL' THEN ', time_window => NULL'
			ELSE ', time_window => ' || quote_literal(:'window') || '::interval' END
	   AS window_arg \gset
SET np.time_window = :'window';
DO $$
BEGIN
	EXECUTE 'CREATE TEMP TABLE story_window AS SELECT ' ||
		CASE WHEN current_setting('np.time_window') = ''
			 THEN pg_get_function_arg_default('newsprint.cluster_stories'::regproc, 10)
			 WHEN upper(current_setting('np.time_window')) = 'NULL' THEN 'NULL'
			 ELSE quote_literal(current_setting('np.time_window')) END ||
		'::interval AS w';
END
$$;
SELECT coalesce(w::text, 'none') AS time_window,
	   CASE WHEN :'window' = '' THEN 'the default of cluster_stories()' ELSE 'WINDOW' END AS from_
FROM story_window;
