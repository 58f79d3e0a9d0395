/* sql/newsprint--0.1--0.2.sql -- update newsprint from 0.1 to 0.2 */

\echo Use "ALTER EXTENSION newsprint UPDATE TO '0.2'" to load this file. \quit

/* ---- BEGIN text core: one offset convention (branch textcore) ----------
 *
 * Every function that reports where a piece of text lies now returns
 * start, its 1-based character position in the text the function read (the
 * cleaned text, or the body as given with clean => false), and length, in
 * characters, so that substr(text read, start, length) is the piece.  0.1
 * returned 0-based offsets named start/"end", start/stop and first_offset,
 * and shared_passages() 1-based position_a/position_b without lengths.
 * A function's result columns cannot be changed in place, so the five
 * functions are dropped and created again; a view or function of yours
 * that uses them must be dropped before the update and created again
 * after it.  The C functions are the same names in the new library.
 */

DROP FUNCTION paragraphs(text, boolean);
DROP FUNCTION sentences(text, boolean);
DROP FUNCTION entities(text, boolean);
DROP FUNCTION entity_mentions(text, boolean);
DROP FUNCTION shared_passages(text, text, boolean, float8);

CREATE FUNCTION paragraphs(body text, clean boolean DEFAULT true)
RETURNS TABLE (ordinal integer, text text, start integer, length integer)
AS 'MODULE_PATHNAME', 'newsprint_paragraphs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION paragraphs(text, boolean) IS
'paragraphs of the cleaned text, with 1-based start and length in characters';

CREATE FUNCTION sentences(body text, clean boolean DEFAULT true)
RETURNS TABLE (ordinal integer, text text, start integer, length integer)
AS 'MODULE_PATHNAME', 'newsprint_sentences'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 50;

COMMENT ON FUNCTION sentences(text, boolean) IS
'sentences of the cleaned text, with 1-based start and length in characters';

CREATE FUNCTION entities(body text, clean boolean DEFAULT true)
RETURNS TABLE (name text, kind text, subtype text, mentions integer, first_start integer)
AS 'MODULE_PATHNAME', 'newsprint_entities'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION entities(text, boolean) IS
'named entities (PER, ORG, LOC, MISC) of an article, one row per canonical name';

CREATE FUNCTION entity_mentions(body text, clean boolean DEFAULT true)
RETURNS TABLE (start integer, length integer, surface text, name text, kind text)
AS 'MODULE_PATHNAME', 'newsprint_entity_mentions'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 50;

COMMENT ON FUNCTION entity_mentions(text, boolean) IS
'every entity mention of an article, with 1-based start and length in characters in the text read';

CREATE FUNCTION shared_passages(a text, b text, clean boolean DEFAULT true,
								min_score float8 DEFAULT 0.5,
								OUT passage_a text, OUT passage_b text,
								OUT score float8,
								OUT start_a integer, OUT length_a integer,
								OUT start_b integer, OUT length_b integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'fingerprint_shared_passages'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 10;

COMMENT ON FUNCTION shared_passages(text, text, boolean, float8) IS
'sentences of a with the sentence of b sharing most of their word pairs';

/* ---- END text core ---------------------------------------------------- */
