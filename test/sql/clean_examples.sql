--
-- clean_examples: the canonical example pair (test/data/examples) cleaned in
-- full.  Both are the same AFP story; every sentence of it must survive and
-- none of the furniture listed in test/data/examples/README.md.
--
\set kyivpost `cat test/data/examples/kyivpost.txt`
\set moscowtimes `cat test/data/examples/moscowtimes.txt`

-- Kyiv Post, a web page scraped as text: the advertisement line, correction
-- notice, related-article teasers, comment widget and previous/next links go
SELECT newsprint.clean(:'kyivpost');

-- The Moscow Times, extracted from a PDF: the caption and its credit go, the
-- hard-wrapped lines are joined, "Asia-" + URL + "Pacific" becomes
-- "Asia-Pacific", the "Related article:" teaser goes
SELECT newsprint.clean(:'moscowtimes');

-- the caption is kept on request
SELECT split_part(newsprint.clean(:'moscowtimes', keep_captions => true), E'\n\n', 1) AS caption;

-- nothing of the furniture survives
SELECT f AS furniture, strpos(newsprint.clean(:'kyivpost'), f) = 0 AS gone
FROM unnest(ARRAY['Advertisement', 'correction', 'Ctrl + Enter', 'RELATED ARTICLES',
                  'minutes ago', 'By AFP', 'Sponsored', 'Comments', 'https://',
                  'Previous', 'Next »', 'Eurotopics']) f;
SELECT f AS furniture, strpos(newsprint.clean(:'moscowtimes'), f) = 0 AS gone
FROM unnest(ARRAY['/ Telegram', 'arriving in Beijing on Monday morning', 'https://',
                  'Related article', 'Triumph', 'Asia- ']) f;

-- paragraphs and sentences of the cleaned copies, with character offsets
SELECT ordinal, start, length, left(text, 60) AS text
FROM newsprint.paragraphs(:'kyivpost');
SELECT ordinal, start, length, left(text, 60) AS text
FROM newsprint.sentences(:'moscowtimes');

-- the offsets address the cleaned text
SELECT bool_and(substr(newsprint.clean(:'moscowtimes'), start, length) = text) AS offsets_ok
FROM newsprint.sentences(:'moscowtimes');
