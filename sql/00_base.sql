/* sql/00_base.sql -- newsprint install script, part 0: preamble */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION newsprint" to load this file. \quit

/*
 * Refuse to use a schema that another role controls.  The control file
 * fixes the schema, and CREATE EXTENSION uses an existing schema of that
 * name whoever owns it.  A role that owns the schema, may create objects in
 * it or owns objects already there could place a function or operator next
 * to ours (an overload of clean() for varchar, say) that would run with the
 * rights of whoever calls it, a superuser included: the attack of
 * CVE-2020-14350.  Superusers could do that anyway, so what they own is
 * accepted.  Until this check has passed the schema is not trusted, so every
 * name here is qualified with pg_catalog.
 */
DO $$
DECLARE
	nsp pg_catalog.oid := '@extschema@'::pg_catalog.regnamespace;
	who pg_catalog.text;
	what pg_catalog.text;
BEGIN
	SELECT CASE WHEN held.role OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
				ELSE pg_catalog.quote_ident(r.rolname) END,
		   held.what
	INTO who, what
	FROM (SELECT n.nspowner, 'owns schema @extschema@'
		  FROM pg_catalog.pg_namespace n
		  WHERE n.oid OPERATOR(pg_catalog.=) nsp
		  UNION ALL
		  SELECT a.grantee, 'may create objects in schema @extschema@'
		  FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
		  WHERE n.oid OPERATOR(pg_catalog.=) nsp
			AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
		  UNION ALL
		  SELECT p.proowner, pg_catalog.format('owns function %s', p.oid::pg_catalog.regprocedure)
		  FROM pg_catalog.pg_proc p
		  WHERE p.pronamespace OPERATOR(pg_catalog.=) nsp
		  UNION ALL
		  SELECT o.oprowner, pg_catalog.format('owns operator %s', o.oid::pg_catalog.regoperator)
		  FROM pg_catalog.pg_operator o
		  WHERE o.oprnamespace OPERATOR(pg_catalog.=) nsp
		  UNION ALL
		  SELECT t.typowner, pg_catalog.format('owns type %s', t.oid::pg_catalog.regtype)
		  FROM pg_catalog.pg_type t
		  WHERE t.typnamespace OPERATOR(pg_catalog.=) nsp
		  UNION ALL
		  SELECT c.relowner, pg_catalog.format('owns relation %s', c.oid::pg_catalog.regclass)
		  FROM pg_catalog.pg_class c
		  WHERE c.relnamespace OPERATOR(pg_catalog.=) nsp
		 ) AS held(role, what)
	LEFT JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) held.role
	WHERE held.role OPERATOR(pg_catalog.=) 0
	   OR (r.rolname OPERATOR(pg_catalog.<>) CURRENT_USER AND NOT r.rolsuper)
	LIMIT 1;
	IF who IS NOT NULL THEN
		RAISE EXCEPTION USING
			ERRCODE = 'insufficient_privilege',
			MESSAGE = 'schema @extschema@ is not safe for extension newsprint',
			DETAIL = pg_catalog.format('Role %s %s, and could place objects there that run with the rights of whoever calls the extension''s functions.', who, what),
			HINT = 'Drop the schema, or remove the objects and rights of roles other than the installing role and superusers and make the installing role its owner; then try again.';
	END IF;
END
$$;

/*
 * Privileges, as users of pg_trgm and pgvector expect (doc/security.md):
 * every role may use the schema, and through it the functions, operators
 * and types, which PostgreSQL makes available to PUBLIC by default.  Only
 * the extension's owner may change entity_dictionary, which every role may
 * read (sql/30_entities.sql).
 */
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

/* Build information, handy in bug reports. */
CREATE FUNCTION library_version() RETURNS text
AS 'MODULE_PATHNAME', 'newsprint_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION library_version() IS 'version of the newsprint library';

/* The 0.1 name, kept for one release. */
CREATE FUNCTION newsprint_version() RETURNS text
AS 'MODULE_PATHNAME', 'newsprint_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION newsprint_version() IS
'deprecated alias of library_version(), to be removed after 0.2';
