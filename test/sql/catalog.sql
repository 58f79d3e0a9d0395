--
-- catalog: what every function promises the planner, and the settings, as
-- README.md ("Types, operators and function attributes", the GUC table)
-- and doc/security.md (no SECURITY DEFINER, EXECUTE for PUBLIC) give them.
-- A function added, or a marking changed, shows here: update the
-- documentation with this file's expected output.
--

-- one row per set of promises: volatility, strictness, parallel safety,
-- language and pinned settings, with the functions that make them
-- (name and number of arguments)
SELECT CASE p.provolatile WHEN 'i' THEN 'IMMUTABLE' WHEN 's' THEN 'STABLE'
			ELSE 'VOLATILE' END AS volatility,
	   CASE WHEN p.proisstrict THEN 'STRICT' ELSE '' END AS strict,
	   CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted'
			ELSE 'unsafe' END AS parallel,
	   l.lanname AS language,
	   coalesce(array_to_string(p.proconfig, ', '), '') AS settings,
	   string_agg(format('%s/%s', p.proname, p.pronargs), E'\n'
				  ORDER BY p.proname, p.pronargs) AS functions
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace = 'newsprint'::regnamespace
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2 DESC, 3, 4, 5;

-- none runs with its owner's rights, every role may call each
SELECT count(*) FILTER (WHERE p.prosecdef) AS security_definer,
	   count(*) FILTER (WHERE p.proacl IS NOT NULL) AS acl_not_default
FROM pg_proc p WHERE p.pronamespace = 'newsprint'::regnamespace;

-- the settings with their defaults and ranges, once the library is loaded
SELECT newsprint.library_version() IS NOT NULL AS loaded;
SELECT name, boot_val, min_val, max_val, vartype, context
FROM pg_settings WHERE name LIKE 'newsprint.%' ORDER BY name;
