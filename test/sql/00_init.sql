--
-- 00_init: the extension installs into its own schema and reports its version
--
SELECT extname, extversion, extrelocatable, n.nspname
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE extname = 'newsprint';

SELECT newsprint.library_version();
-- the 0.1 name, deprecated, still answers
SELECT newsprint.newsprint_version() = newsprint.library_version() AS same_version;

-- the schema is not relocatable
ALTER EXTENSION newsprint SET SCHEMA public;

-- GUCs under the newsprint prefix are reserved: a typo is an error, not a
-- silently ignored placeholder
SET newsprint.no_such_setting = 1;
