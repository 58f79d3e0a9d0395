/* sql/30_entities.sql -- newsprint install script, part 30: entity extraction */

/*
 * The user dictionary: names the built-in gazetteer lacks or gets wrong.
 * Each row's name and aliases are looked up before the gazetteer; a match is
 * reported with the row's kind and name.  Dumped by pg_dump with the user's
 * data.
 */
CREATE TABLE entity_dictionary (
    name    text PRIMARY KEY CHECK (name <> ''),
    kind    text NOT NULL CHECK (kind IN ('PER', 'ORG', 'LOC', 'MISC')),
    aliases text[] NOT NULL DEFAULT '{}'
);

COMMENT ON TABLE entity_dictionary IS
'user entities (name, kind, aliases) that override and extend the built-in gazetteer';

SELECT pg_catalog.pg_extension_config_dump('entity_dictionary', '');

/* Every role may read it (entities() does); the owner may grant writes. */
GRANT SELECT ON entity_dictionary TO PUBLIC;

/* Tells every backend's cached copy of the dictionary that it changed. */
CREATE FUNCTION entity_dictionary_changed() RETURNS trigger
AS 'MODULE_PATHNAME', 'newsprint_entity_dictionary_changed'
LANGUAGE C;

CREATE TRIGGER entity_dictionary_changed
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON entity_dictionary
FOR EACH STATEMENT EXECUTE FUNCTION entity_dictionary_changed();

/*
 * Distinct named entities of an article: canonical name, CoNLL kind (PER,
 * ORG, LOC, MISC), finer subtype where the gazetteer knows it, number of
 * mentions and the 1-based character position of the first one in the
 * text read.  STABLE, not IMMUTABLE: the result depends on
 * entity_dictionary.
 */
CREATE FUNCTION entities(body text, clean boolean DEFAULT true)
RETURNS TABLE (name text, kind text, subtype text, mentions integer, first_start integer)
AS 'MODULE_PATHNAME', 'newsprint_entities'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION entities(text, boolean) IS
'named entities (PER, ORG, LOC, MISC) of an article, one row per canonical name';

/*
 * Every mention, with its 1-based character position and length in the
 * text read (clean(body) by default, body itself with clean => false), so
 * that substr(text read, start, length) = surface.
 */
CREATE FUNCTION entity_mentions(body text, clean boolean DEFAULT true)
RETURNS TABLE (start integer, length integer, surface text, name text, kind text)
AS 'MODULE_PATHNAME', 'newsprint_entity_mentions'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 50;

COMMENT ON FUNCTION entity_mentions(text, boolean) IS
'every entity mention of an article, with 1-based start and length in characters in the text read';
