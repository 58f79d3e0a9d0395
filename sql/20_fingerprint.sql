/* sql/20_fingerprint.sql -- newsprint install script, part 20: fingerprints */

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
	STORAGE = main
);

COMMENT ON TYPE fingerprint IS 'bottom-k sketch of an article''s word shingles (format version 1 or 2)';

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
'fingerprint keeping up to sketch_size hashes (1 to 65535; default 256)';

CREATE FUNCTION fingerprint(body text, clean boolean, sketch_size integer,
							format_version integer)
RETURNS fingerprint
AS 'MODULE_PATHNAME', 'fingerprint_from_text_versioned'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION fingerprint(text, boolean, integer, integer) IS
'fingerprint in format version 1 or 2 (2 is the default of the other forms)';

CREATE FUNCTION shingle_count(fp fingerprint) RETURNS bigint
AS 'MODULE_PATHNAME', 'fingerprint_shingle_count'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION shingle_count(fingerprint) IS
'exact number of distinct shingles of the article (format version 2: evidence shingles)';

CREATE FUNCTION sample_size(fp fingerprint) RETURNS integer
AS 'MODULE_PATHNAME', 'fingerprint_sample_size'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION sample_size(fingerprint) IS
'number of shingle hashes the fingerprint keeps';

/* Estimators */

CREATE FUNCTION similarity(a fingerprint, b fingerprint) RETURNS float8
AS 'MODULE_PATHNAME', 'fingerprint_similarity'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION similarity(fingerprint, fingerprint) IS
'estimated Jaccard index of the two articles'' shingle sets (format version 2: evidence shingles)';

CREATE FUNCTION containment(a fingerprint, b fingerprint) RETURNS float8
AS 'MODULE_PATHNAME', 'fingerprint_containment'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION containment(fingerprint, fingerprint) IS
'estimated share of a''s evidence (v2: narrative shingles) found in b';

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
'containment(a, b) >= threshold (threshold in (0, 1]) on enough shared evidence, and in a pair with a brief on names that agree';

/*
 * is_same_story reads a GUC, so it is STABLE; the 3-argument form is
 * IMMUTABLE.  same_story is its other name, for good: same functions, same
 * index support.
 */
CREATE FUNCTION is_same_story(a fingerprint, b fingerprint) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_same_story'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION is_same_story(fingerprint, fingerprint) IS
'either article''s evidence is contained in the other at newsprint.same_story_threshold (-1: the format''s default); in a pair with a brief, their names agree';

CREATE FUNCTION is_same_story(a fingerprint, b fingerprint, threshold float8)
RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_same_story_threshold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION is_same_story(fingerprint, fingerprint, float8) IS
'either article''s evidence is contained in the other at threshold; in a pair with a brief, their names agree';

CREATE FUNCTION same_story(a fingerprint, b fingerprint) RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_same_story'
LANGUAGE C STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION same_story(fingerprint, fingerprint) IS
'is_same_story(a, b), under its other name';

CREATE FUNCTION same_story(a fingerprint, b fingerprint, threshold float8)
RETURNS boolean
AS 'MODULE_PATHNAME', 'fingerprint_same_story_threshold'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION same_story(fingerprint, fingerprint, float8) IS
'is_same_story(a, b, threshold), under its other name';

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

/*
 * Explanation: the sentences of a with their best match in b, each with its
 * 1-based character position and length in the text read (the cleaned
 * texts by default), so that substr(text read, start_a, length_a) is
 * passage_a.
 */

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
