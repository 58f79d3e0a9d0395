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
	FROM (SELECT 1, n.nspowner, 'owns schema @extschema@'
		  FROM pg_catalog.pg_namespace n
		  WHERE n.oid OPERATOR(pg_catalog.=) nsp
		  UNION ALL
		  SELECT 2, a.grantee, 'may create objects in schema @extschema@'
		  FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
		  WHERE n.oid OPERATOR(pg_catalog.=) nsp
			AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
		  UNION ALL
		  -- objects of every kind in the schema, through their owners'
		  -- dependencies (objects of the bootstrap superuser have none)
		  SELECT 3, d.refobjid, pg_catalog.format('owns %s %s', o.type, o.identity)
		  FROM pg_catalog.pg_shdepend d,
			   LATERAL pg_catalog.pg_identify_object(d.classid, d.objid, d.objsubid) o
		  WHERE d.dbid OPERATOR(pg_catalog.=)
				(SELECT db.oid FROM pg_catalog.pg_database db
				 WHERE db.datname OPERATOR(pg_catalog.=) pg_catalog.current_database())
			AND d.deptype OPERATOR(pg_catalog.=) 'o'
			AND pg_catalog.quote_ident(o.schema) OPERATOR(pg_catalog.=) '@extschema@'
		 ) AS held(rank, role, what)
	LEFT JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) held.role
	WHERE held.role OPERATOR(pg_catalog.=) 0
	   OR (r.rolname OPERATOR(pg_catalog.<>) CURRENT_USER AND NOT r.rolsuper)
	ORDER BY held.rank, held.what
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
