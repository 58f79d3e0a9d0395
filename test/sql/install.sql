--
-- install: CREATE EXTENSION and ALTER EXTENSION UPDATE refuse a schema
-- named newsprint that another role controls (doc/security.md, "Installing
-- safely").  Runs in a database of its own.
--
SET client_min_messages = warning;
DROP DATABASE IF EXISTS regress_newsprint_install;
CREATE DATABASE regress_newsprint_install;
DROP ROLE IF EXISTS regress_np_creator;
DROP ROLE IF EXISTS regress_np_admin;
CREATE ROLE regress_np_creator;
CREATE ROLE regress_np_admin SUPERUSER;
GRANT CREATE ON DATABASE regress_newsprint_install TO regress_np_creator;
\c regress_newsprint_install
SET client_min_messages = warning;
-- (the errors' context names a line of the install script: left out)
\set SHOW_CONTEXT never

-- A role with CREATE on the database makes the schema first and leaves an
-- overload of clean() in it, to be called by a superuser for a varchar body
-- (and a collation, standing for objects of any other kind).
SET ROLE regress_np_creator;
CREATE SCHEMA newsprint;
CREATE FUNCTION newsprint.clean(body varchar) RETURNS text
LANGUAGE sql AS $$ ALTER ROLE regress_np_creator SUPERUSER; SELECT $1::text $$;
CREATE COLLATION newsprint.regress_np_c FROM "C";
RESET ROLE;
CREATE EXTENSION newsprint;
SELECT count(*) AS installed FROM pg_extension WHERE extname = 'newsprint';
SELECT rolsuper FROM pg_roles WHERE rolname = 'regress_np_creator';

-- The schema belongs to the installing role, but holds the other role's
-- objects.
ALTER SCHEMA newsprint OWNER TO CURRENT_USER;
CREATE EXTENSION newsprint;
DROP COLLATION newsprint.regress_np_c;
CREATE EXTENSION newsprint;
DROP FUNCTION newsprint.clean(varchar);

-- The other role may still create objects in it.
GRANT CREATE ON SCHEMA newsprint TO regress_np_creator;
CREATE EXTENSION newsprint;
REVOKE CREATE ON SCHEMA newsprint FROM regress_np_creator;
GRANT CREATE ON SCHEMA newsprint TO PUBLIC;
CREATE EXTENSION newsprint;
REVOKE CREATE ON SCHEMA newsprint FROM PUBLIC;

-- Now only the installing role controls it: accepted.
CREATE EXTENSION newsprint;
SELECT extversion FROM pg_extension WHERE extname = 'newsprint';
DROP EXTENSION newsprint;
DROP SCHEMA newsprint;

-- A schema made by the extension itself, or by another superuser, is accepted.
CREATE EXTENSION newsprint;
DROP EXTENSION newsprint;
DROP SCHEMA newsprint;
SET ROLE regress_np_admin;
CREATE SCHEMA newsprint;
RESET ROLE;
CREATE EXTENSION newsprint;
DROP EXTENSION newsprint;
DROP SCHEMA newsprint;

-- 0.1 made no such check; updating an installation that sits in a schema
-- another role owns is refused too.
SET ROLE regress_np_creator;
CREATE SCHEMA newsprint;
RESET ROLE;
CREATE EXTENSION newsprint VERSION '0.1';
ALTER EXTENSION newsprint UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'newsprint';
ALTER SCHEMA newsprint OWNER TO CURRENT_USER;
ALTER EXTENSION newsprint UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'newsprint';

\c contrib_regression
SET client_min_messages = warning;
DROP DATABASE regress_newsprint_install;
DROP ROLE regress_np_creator;
DROP ROLE regress_np_admin;
RESET client_min_messages;
