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
 * The headline clean(body, keep_headline => true) puts first (an HTML h1,
 * or a short line of text before the body, never a wire slug or header),
 * found in the first 64 kB of the text only, so that its cost does not grow
 * with the article.  NULL when the text has none.
 */
CREATE FUNCTION headline(body text)
RETURNS text
AS 'MODULE_PATHNAME', 'newsprint_headline'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION headline(text) IS
'the headline clean(body, keep_headline => true) keeps, from the first 64 kB of the text; NULL if none';

/*
 * Paragraphs of the cleaned (or, with clean => false, the raw) text: each
 * with its 1-based character position and length in the text read, so
 * that substr(text read, start, length) is the paragraph.
 */
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
