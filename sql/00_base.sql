/* sql/00_base.sql -- newsprint install script, part 0: preamble */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION newsprint" to load this file. \quit

/* Build information, handy in bug reports. */
CREATE FUNCTION newsprint_version() RETURNS text
AS 'MODULE_PATHNAME', 'newsprint_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION newsprint_version() IS 'version of the newsprint library';
