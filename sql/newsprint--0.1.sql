/* sql/00_base.sql -- newsprint install script, part 0: preamble */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION newsprint" to load this file. \quit

/* Build information, handy in bug reports. */
CREATE FUNCTION newsprint_version() RETURNS text
AS 'MODULE_PATHNAME', 'newsprint_version'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION newsprint_version() IS 'version of the newsprint library';
/* sql/10_text.sql -- newsprint install script, part 10: article cleaning */

/*
 * The article body of a plain-text or HTML page, as paragraphs separated by
 * one blank line, with page furniture removed.
 */
CREATE FUNCTION clean(body text,
                      keep_headline boolean DEFAULT false,
                      keep_captions boolean DEFAULT false,
                      format text DEFAULT 'auto')
RETURNS text
AS 'MODULE_PATHNAME', 'newsprint_clean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION clean(text, boolean, boolean, text) IS
'article body of a plain-text or HTML page, furniture removed, paragraphs separated by a blank line';

/*
 * Paragraphs of the cleaned (or, with clean => false, the raw) text, with
 * 0-based character offsets, end exclusive.
 */
CREATE FUNCTION paragraphs(body text, clean boolean DEFAULT true)
RETURNS TABLE (ordinal integer, text text, start integer, "end" integer)
AS 'MODULE_PATHNAME', 'newsprint_paragraphs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION paragraphs(text, boolean) IS
'paragraphs of the cleaned text with 0-based character offsets';

CREATE FUNCTION sentences(body text, clean boolean DEFAULT true)
RETURNS TABLE (ordinal integer, text text, start integer, "end" integer)
AS 'MODULE_PATHNAME', 'newsprint_sentences'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 50;

COMMENT ON FUNCTION sentences(text, boolean) IS
'sentences of the cleaned text with 0-based character offsets';
/* sql/20_fingerprint.sql -- newsprint install script, part 2: fingerprints */

/*
 * The fingerprint type: a bottom-k sample of an article's word-shingle
 * hashes (see doc/fingerprint.md and src/fingerprint/fingerprint.h).
 */
CREATE TYPE fingerprint;

CREATE FUNCTION fingerprint_in(cstring) RETURNS fingerprint
AS 'MODULE_PATHNAME', 'fingerprint_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION fingerprint_out(fingerprint) RETURNS cstring
AS 'MODULE_PATHNAME', 'fingerprint_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION fingerprint_recv(internal) RETURNS fingerprint
AS 'MODULE_PATHNAME', 'fingerprint_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION fingerprint_send(fingerprint) RETURNS bytea
AS 'MODULE_PATHNAME', 'fingerprint_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE fingerprint (
	INPUT = fingerprint_in,
	OUTPUT = fingerprint_out,
	RECEIVE = fingerprint_recv,
	SEND = fingerprint_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);

COMMENT ON TYPE fingerprint IS 'bottom-k sketch of an article''s word shingles';

/* Identity (not similarity): same parameters and the same sample */

CREATE FUNCTION fingerprint_eq(fingerprint, fingerprint) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION fingerprint_ne(fingerprint, fingerprint) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_ne'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR = (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint,
	PROCEDURE = fingerprint_eq,
	COMMUTATOR = '=',
	NEGATOR = '<>',
	RESTRICT = eqsel,
	JOIN = eqjoinsel
);

COMMENT ON OPERATOR =(fingerprint, fingerprint) IS 'identical fingerprints';

CREATE OPERATOR <> (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint,
	PROCEDURE = fingerprint_ne,
	COMMUTATOR = '<>',
	NEGATOR = '=',
	RESTRICT = neqsel,
	JOIN = neqjoinsel
);

COMMENT ON OPERATOR <>(fingerprint, fingerprint) IS 'different fingerprints';

/* Construction */

CREATE FUNCTION fingerprint(body text, clean boolean DEFAULT true)
RETURNS fingerprint
AS 'MODULE_PATHNAME', 'fingerprint_from_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION fingerprint(text, boolean) IS
'fingerprint of an article (cleaned first unless clean is false)';

CREATE FUNCTION fingerprint(body text, clean boolean, sketch_size integer)
RETURNS fingerprint
AS 'MODULE_PATHNAME', 'fingerprint_from_text_sized'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION fingerprint(text, boolean, integer) IS
'fingerprint keeping up to sketch_size hashes (1 to 65535; default 160)';

CREATE FUNCTION shingle_count(fingerprint) RETURNS bigint
AS 'MODULE_PATHNAME', 'fingerprint_shingle_count'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION shingle_count(fingerprint) IS
'exact number of distinct shingles of the article';

CREATE FUNCTION sample_size(fingerprint) RETURNS integer
AS 'MODULE_PATHNAME', 'fingerprint_sample_size'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION sample_size(fingerprint) IS
'number of shingle hashes the fingerprint keeps';

/* Estimators */

CREATE FUNCTION similarity(fingerprint, fingerprint) RETURNS float8
AS 'MODULE_PATHNAME', 'fingerprint_similarity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION similarity(fingerprint, fingerprint) IS
'estimated Jaccard index of the two articles'' shingle sets';

CREATE FUNCTION containment(a fingerprint, b fingerprint) RETURNS float8
AS 'MODULE_PATHNAME', 'fingerprint_containment'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION containment(fingerprint, fingerprint) IS
'estimated share of a''s shingles found in b';

/* Predicates with the threshold as an argument */

CREATE FUNCTION is_similar(a fingerprint, b fingerprint, threshold float8)
RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_is_similar'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION is_similar(fingerprint, fingerprint, float8) IS
'similarity(a, b) >= threshold (threshold in (0, 1])';

CREATE FUNCTION is_contained(a fingerprint, b fingerprint, threshold float8)
RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_is_contained'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION is_contained(fingerprint, fingerprint, float8) IS
'containment(a, b) >= threshold (threshold in (0, 1])';

/* same_story reads a GUC, so it is STABLE; the 3-argument form is IMMUTABLE */
CREATE FUNCTION same_story(a fingerprint, b fingerprint) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_same_story'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION same_story(fingerprint, fingerprint) IS
'the share of the smaller sample found in the other is at least newsprint.same_story_threshold';

CREATE FUNCTION same_story(a fingerprint, b fingerprint, threshold float8)
RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_same_story_threshold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION same_story(fingerprint, fingerprint, float8) IS
'the share of the smaller sample found in the other is at least threshold';

/* Operator functions (the GUC-reading ones are STABLE) */

CREATE FUNCTION fingerprint_similar_op(fingerprint, fingerprint) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_similar_op'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION fingerprint_contained_op(fingerprint, fingerprint) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_contained_op'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION fingerprint_contains_op(fingerprint, fingerprint) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_contains_op'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION fingerprint_distance(fingerprint, fingerprint) RETURNS float8
AS 'MODULE_PATHNAME', 'fingerprint_distance'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION fingerprint_containment_distance(fingerprint, fingerprint) RETURNS float8
AS 'MODULE_PATHNAME', 'fingerprint_containment_distance'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION fingerprint_containment_distance_commutator(fingerprint, fingerprint)
RETURNS float8
AS 'MODULE_PATHNAME', 'fingerprint_containment_distance_commutator'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR % (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint,
	PROCEDURE = fingerprint_similar_op,
	COMMUTATOR = '%',
	RESTRICT = contsel,
	JOIN = contjoinsel
);

COMMENT ON OPERATOR %(fingerprint, fingerprint) IS
'similarity(a, b) >= newsprint.similarity_threshold';

CREATE OPERATOR <% (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint,
	PROCEDURE = fingerprint_contained_op,
	COMMUTATOR = '%>',
	RESTRICT = contsel,
	JOIN = contjoinsel
);

COMMENT ON OPERATOR <%(fingerprint, fingerprint) IS
'containment(a, b) >= newsprint.containment_threshold';

CREATE OPERATOR %> (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint,
	PROCEDURE = fingerprint_contains_op,
	COMMUTATOR = '<%',
	RESTRICT = contsel,
	JOIN = contjoinsel
);

COMMENT ON OPERATOR %>(fingerprint, fingerprint) IS
'containment(b, a) >= newsprint.containment_threshold';

CREATE OPERATOR <-> (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint,
	PROCEDURE = fingerprint_distance,
	COMMUTATOR = '<->'
);

COMMENT ON OPERATOR <->(fingerprint, fingerprint) IS '1 - similarity(a, b)';

CREATE OPERATOR <<-> (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint,
	PROCEDURE = fingerprint_containment_distance,
	COMMUTATOR = '<->>'
);

COMMENT ON OPERATOR <<->(fingerprint, fingerprint) IS '1 - containment(a, b)';

CREATE OPERATOR <->> (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint,
	PROCEDURE = fingerprint_containment_distance_commutator,
	COMMUTATOR = '<<->'
);

COMMENT ON OPERATOR <->>(fingerprint, fingerprint) IS '1 - containment(b, a)';

/* Explanation */

CREATE FUNCTION shared_passages(a text, b text, clean boolean DEFAULT true,
								min_score float8 DEFAULT 0.5,
								OUT passage_a text, OUT passage_b text,
								OUT score float8,
								OUT position_a integer, OUT position_b integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'fingerprint_shared_passages'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 10;

COMMENT ON FUNCTION shared_passages(text, text, boolean, float8) IS
'sentences of a with the sentence of b sharing most of their word pairs';
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
 * mentions and the character offset of the first one.  STABLE, not
 * IMMUTABLE: the result depends on entity_dictionary.
 */
CREATE FUNCTION entities(body text, clean boolean DEFAULT true)
RETURNS TABLE (name text, kind text, subtype text, mentions integer, first_offset integer)
AS 'MODULE_PATHNAME', 'newsprint_entities'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 20;

COMMENT ON FUNCTION entities(text, boolean) IS
'named entities (PER, ORG, LOC, MISC) of an article, one row per canonical name';

/*
 * Every mention, with 0-based character offsets (stop exclusive) into the
 * text read: clean(body) by default, body itself with clean => false.
 */
CREATE FUNCTION entity_mentions(body text, clean boolean DEFAULT true)
RETURNS TABLE (start integer, stop integer, surface text, name text, kind text)
AS 'MODULE_PATHNAME', 'newsprint_entity_mentions'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 50;

COMMENT ON FUNCTION entity_mentions(text, boolean) IS
'every entity mention of an article with 0-based character offsets into the text read';
/* sql/40_index.sql -- newsprint install script, part 4: the npidx index access method */

/*
 * npidx: an exact inverted index over fingerprint samples (src/index/npidx.c).
 *	 CREATE INDEX ON articles USING npidx (fp);
 */
CREATE FUNCTION npidx_handler(internal) RETURNS index_am_handler
AS 'MODULE_PATHNAME', 'npidxhandler'
LANGUAGE C;

CREATE ACCESS METHOD npidx TYPE INDEX HANDLER npidx_handler;
COMMENT ON ACCESS METHOD npidx IS
	'exact near-duplicate index for newsprint.fingerprint (similarity, containment, same story, ORDER BY distance)';

/*
 * A query fingerprint with its threshold (NULL: the GUC default), the right
 * operand of the index forms of is_similar(), is_contained() and same_story().
 */
CREATE TYPE fingerprint_query AS (fp fingerprint, threshold float8);
COMMENT ON TYPE fingerprint_query IS
	'a fingerprint and a threshold, the right operand of &%, &<%, &%> and &=';

CREATE FUNCTION fingerprint_query_similar(fingerprint, fingerprint_query) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_query_similar'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fingerprint_query_similar(fingerprint, fingerprint_query) IS
	'similarity(fp, q) >= threshold (implementation of &%)';

CREATE FUNCTION fingerprint_query_contained(fingerprint, fingerprint_query) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_query_contained'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fingerprint_query_contained(fingerprint, fingerprint_query) IS
	'containment(fp, q) >= threshold (implementation of &<%)';

CREATE FUNCTION fingerprint_query_contains(fingerprint, fingerprint_query) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_query_contains'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fingerprint_query_contains(fingerprint, fingerprint_query) IS
	'containment(q, fp) >= threshold (implementation of &%>)';

CREATE FUNCTION fingerprint_query_same_story(fingerprint, fingerprint_query) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_query_same_story'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fingerprint_query_same_story(fingerprint, fingerprint_query) IS
	'same_story(fp, q, threshold) (implementation of &=)';

CREATE OPERATOR &% (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint_query,
	PROCEDURE = fingerprint_query_similar,
	RESTRICT = contsel,
	JOIN = contjoinsel
);
COMMENT ON OPERATOR &% (fingerprint, fingerprint_query) IS
	'is_similar(fp, q.fp, q.threshold)';

CREATE OPERATOR &<% (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint_query,
	PROCEDURE = fingerprint_query_contained,
	RESTRICT = contsel,
	JOIN = contjoinsel
);
COMMENT ON OPERATOR &<% (fingerprint, fingerprint_query) IS
	'is_contained(fp, q.fp, q.threshold)';

CREATE OPERATOR &%> (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint_query,
	PROCEDURE = fingerprint_query_contains,
	RESTRICT = contsel,
	JOIN = contjoinsel
);
COMMENT ON OPERATOR &%> (fingerprint, fingerprint_query) IS
	'is_contained(q.fp, fp, q.threshold)';

CREATE OPERATOR &= (
	LEFTARG = fingerprint,
	RIGHTARG = fingerprint_query,
	PROCEDURE = fingerprint_query_same_story,
	RESTRICT = contsel,
	JOIN = contjoinsel
);
COMMENT ON OPERATOR &= (fingerprint, fingerprint_query) IS
	'same_story(fp, q.fp, q.threshold)';

CREATE OPERATOR CLASS fingerprint_similarity_ops
DEFAULT FOR TYPE fingerprint USING npidx AS
	OPERATOR	1	%   (fingerprint, fingerprint),
	OPERATOR	2	<%  (fingerprint, fingerprint),
	OPERATOR	3	%>  (fingerprint, fingerprint),
	OPERATOR	4	&%  (fingerprint, fingerprint_query),
	OPERATOR	5	&<% (fingerprint, fingerprint_query),
	OPERATOR	6	&%> (fingerprint, fingerprint_query),
	OPERATOR	7	&=  (fingerprint, fingerprint_query),
	OPERATOR	8	<-> (fingerprint, fingerprint) FOR ORDER BY float_ops,
	OPERATOR	9	<->> (fingerprint, fingerprint) FOR ORDER BY float_ops;

/*
 * Planner support: lets WHERE is_similar(fp, $1, 0.5), is_contained(...) and
 * same_story(fp, $1) use an npidx index (rewritten to the operators above).
 */
CREATE FUNCTION npidx_support(internal) RETURNS internal
AS 'MODULE_PATHNAME', 'npidx_support'
LANGUAGE C STRICT;

ALTER FUNCTION is_similar(fingerprint, fingerprint, float8) SUPPORT npidx_support;
ALTER FUNCTION is_contained(fingerprint, fingerprint, float8) SUPPORT npidx_support;
ALTER FUNCTION same_story(fingerprint, fingerprint) SUPPORT npidx_support;
ALTER FUNCTION same_story(fingerprint, fingerprint, float8) SUPPORT npidx_support;

/* The keys npidx stores for a fingerprint (its sample hashes), for inspection. */
CREATE FUNCTION npidx_keys(fingerprint) RETURNS int4[]
AS 'MODULE_PATHNAME', 'npidx_keys'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION npidx_keys(fingerprint) IS
	'the sample hashes of a fingerprint as int4 (bit-for-bit), the keys of an npidx index';
/* sql/50_report.sql -- newsprint install script, part 5: reporting */

/*
 * story_clusters: group a table's articles into stories.
 *
 * Two articles are linked when same_story() holds for their fingerprints
 * (with the given threshold, or newsprint.same_story_threshold when NULL); a
 * story is a connected component of that graph (single linkage), named by
 * its smallest article id.  The pairs are found with a self-join that the
 * planner can answer from an npidx index on the fingerprint column; without
 * one it compares every pair.  Label propagation then finds the components:
 * each round gives every article the smallest label among itself and its
 * neighbours, until nothing changes (as many rounds as the longest chain).
 *
 * Rows whose id or fingerprint is NULL are left out.  Uses two temporary
 * tables, so it is VOLATILE and PARALLEL UNSAFE, and needs the right to
 * create temporary tables.
 */
CREATE FUNCTION story_clusters(articles regclass,
							   id_column name DEFAULT 'id',
							   fingerprint_column name DEFAULT 'fp',
							   threshold float8 DEFAULT NULL)
RETURNS TABLE (id bigint, story bigint, story_size bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
SET client_min_messages = warning
AS $$
DECLARE
	rounds int := 0;
	changed bigint;
	cond text;
BEGIN
	IF articles IS NULL OR id_column IS NULL OR fingerprint_column IS NULL THEN
		RAISE EXCEPTION USING
			ERRCODE = 'null_value_not_allowed',
			MESSAGE = 'story_clusters needs a table, an id column and a fingerprint column',
			HINT = 'Only the threshold may be NULL (it then defaults to newsprint.same_story_threshold).';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_attribute
				   WHERE attrelid = articles AND attname = fingerprint_column
				   AND NOT attisdropped
				   AND atttypid = '@extschema@.fingerprint'::regtype) THEN
		RAISE EXCEPTION USING
			ERRCODE = 'datatype_mismatch',
			MESSAGE = format('%s has no column %I of type newsprint.fingerprint',
							 articles, fingerprint_column),
			HINT = 'Add one with ALTER TABLE ... ADD COLUMN fp newsprint.fingerprint and fill it with newsprint.fingerprint(body).';
	END IF;
	IF threshold IS NOT NULL AND (threshold <= 0 OR threshold > 1 OR threshold = 'NaN') THEN
		RAISE EXCEPTION USING
			ERRCODE = 'invalid_parameter_value',
			MESSAGE = format('threshold %s is out of range', threshold),
			DETAIL = 'The threshold must be greater than 0 and at most 1.';
	END IF;
	IF threshold IS NULL THEN
		cond := format('@extschema@.same_story(a.%1$I, b.%1$I)', fingerprint_column);
	ELSE
		cond := format('@extschema@.same_story(a.%1$I, b.%1$I, %2$L::float8)',
					   fingerprint_column, threshold);
	END IF;

	DROP TABLE IF EXISTS pg_temp.newsprint_story_label, pg_temp.newsprint_story_edge;
	EXECUTE format(
		'CREATE TEMPORARY TABLE newsprint_story_label AS '
		'SELECT %1$I::bigint AS id, %1$I::bigint AS label FROM %2$s '
		'WHERE %1$I IS NOT NULL AND %3$I IS NOT NULL',
		id_column, articles, fingerprint_column);
	EXECUTE format(
		'CREATE TEMPORARY TABLE newsprint_story_edge AS '
		'SELECT a.%1$I::bigint AS x, b.%1$I::bigint AS y '
		'FROM %2$s a JOIN %2$s b ON %3$s AND a.%1$I <> b.%1$I '
		'WHERE a.%1$I IS NOT NULL AND b.%1$I IS NOT NULL',
		id_column, articles, cond);
	CREATE INDEX ON newsprint_story_label (id);
	CREATE INDEX ON newsprint_story_edge (x);
	ANALYZE newsprint_story_label;
	ANALYZE newsprint_story_edge;

	LOOP
		UPDATE newsprint_story_label l
		SET label = m.label
		FROM (SELECT e.x AS id, min(n.label) AS label
			  FROM newsprint_story_edge e
			  JOIN newsprint_story_label n ON n.id = e.y
			  GROUP BY e.x) m
		WHERE m.id = l.id AND m.label < l.label;
		GET DIAGNOSTICS changed = ROW_COUNT;
		EXIT WHEN changed = 0;
		rounds := rounds + 1;
	END LOOP;

	RETURN QUERY
		SELECT l.id, l.label, count(*) OVER (PARTITION BY l.label)
		FROM newsprint_story_label l
		ORDER BY l.label, l.id;
	DROP TABLE pg_temp.newsprint_story_label, pg_temp.newsprint_story_edge;
END
$$;

COMMENT ON FUNCTION story_clusters(regclass, name, name, float8) IS
'group the articles of a table into stories (connected components of same_story)';
