--
-- fingerprint_example.sql
--	  The acceptance checks on the canonical example pair: the Kyiv Post and
--	  Moscow Times copies of one AFP story are the same story, most of the
--	  Kyiv Post copy is found in the Moscow Times copy, a different story
--	  about the same trip is not the same story, and shared_passages() says
--	  which sentences match.  These run the real cleaner (clean => true).
--
SET search_path = newsprint, public;
SET extra_float_digits = 0;
\set kyiv `cat test/data/examples/kyivpost.txt`
\set moscow `cat test/data/examples/moscowtimes.txt`
\set other `cat test/data/fingerprint/lavrov_negative.txt`
CREATE TEMP TABLE ex (name text, body text, f fingerprint);
INSERT INTO ex VALUES ('kyiv', :'kyiv'), ('moscow', :'moscow'), ('other', :'other');
UPDATE ex SET f = fingerprint(body);

-- sizes: one sample of at most 256 evidence hashes, 12-byte header
SELECT name, shingle_count(f) > 100 AS enough_evidence, sample_size(f),
       pg_column_size(f) <= 12 + 4 * 256 AS compact
  FROM ex ORDER BY name;

-- the pair is one story, and more than half of the Kyiv Post copy's
-- running text (its evidence: quotes, names and formulas aside) is found in
-- the Moscow Times copy (0.56; the 0.1 fingerprint, counting every
-- shingle, gave 0.67)
SELECT same_story(k.f, m.f) AS same_story,
       containment(k.f, m.f) >= 0.5 AS kyiv_in_moscow_ge_05,
       containment(k.f, m.f) > containment(m.f, k.f) AS kyiv_is_the_shorter,
       k.f <% m.f AS contained, m.f %> k.f AS contains,
       similarity(k.f, m.f) BETWEEN 0.2 AND 0.5 AS resemblance_is_low,
       k.f % m.f AS near_duplicate
  FROM ex k, ex m WHERE k.name = 'kyiv' AND m.name = 'moscow';

-- the ranges the example pair's brief states for word shingles after
-- cleaning: resemblance about 0.25-0.35, containment of the Kyiv Post copy
-- in the Moscow Times copy about 0.6-0.85.  Format version 1 counts every
-- shingle, as the brief does, and is within both (0.31, 0.67); version 2,
-- the default, counts running text only (quotes, runs of names and numbers,
-- common phrases left out): its resemblance is within (0.30), its
-- containment a little below (0.56)
SELECT round(similarity(k.f, m.f)::numeric, 2) BETWEEN 0.25 AND 0.35 AS v2_resemblance_in_range,
       round(containment(k.f, m.f)::numeric, 2) BETWEEN 0.5 AND 0.85 AS v2_containment_over_half,
       round(similarity(k.f1, m.f1)::numeric, 2) BETWEEN 0.25 AND 0.35 AS v1_resemblance_in_range,
       round(containment(k.f1, m.f1)::numeric, 2) BETWEEN 0.6 AND 0.85 AS v1_containment_in_range,
       same_story(k.f1, m.f1) AS v1_same_story
  FROM (SELECT f, fingerprint(body, true, 160, 1) AS f1 FROM ex WHERE name = 'kyiv') k,
       (SELECT f, fingerprint(body, true, 160, 1) AS f1 FROM ex WHERE name = 'moscow') m;

-- the hard negative (Kyiv's reaction to the same trip, same day, same
-- people and places) is not the same story as either copy
SELECT o.name, x.name, same_story(o.f, x.f) AS same_story,
       containment(o.f, x.f) < 0.05 AS little_shared,
       same_story(o.f, x.f, 0.2) AS even_at_02
  FROM ex o, ex x WHERE o.name = 'other' AND x.name <> 'other' ORDER BY x.name;

-- why: the Kyiv Post sentences with a near-verbatim twin in the Moscow Times
SELECT count(*) >= 5 AS at_least_five_sentences FROM shared_passages(:'kyiv', :'moscow');
SELECT passage_a FROM shared_passages(:'kyiv', :'moscow') ORDER BY start_a;
SELECT count(*) AS other_sentences_matched FROM shared_passages(:'other', :'kyiv');
