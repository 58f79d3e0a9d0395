#!/usr/bin/env bash
# bench/eval_boiler.sh -- outlet boilerplate on test/data/boiler: what
# clean() leaves of each outlet's standing blocks, and how many unrelated
# items join under same_story, cluster_stories() and assign_story()
#
# Usage: scripts/with-server.sh bench/eval_boiler.sh [FILE]
#    or: bench/eval_boiler.sh [FILE]   (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
#
# FILE defaults to test/data/boiler/boiler.tsv (the columns of
# test/data/judge; kind is "orig/<outlet>", "republish/<outlet>" or
# "trimmed/<outlet>").  Prints bench/eval_judge.sh's rows (same_story
# over every pair; cluster_stories() at its defaults in publication
# order: ARI, precision, recall, mixed clusters, largest); then, per
# outlet and page form, how many pages keep each standing block after
# clean() (a phrase of each block, as make_set.py writes them); then
# assign_story() one article at a time in publication order into a
# leaders table with an npidx index: the same story as the batch for how
# many, and the same evaluation of its clusters.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-test/data/boiler/boiler.tsv}
file=$(cd "$(dirname "$file")" && pwd)/$(basename "$file")
bench/eval_judge.sh "$file" | sed -n '/^same_story(a, b) over every pair/,/^Pairs within a story/p;/^cluster_stories() at its defaults/,/^Labels split/p' | grep -v '^Pairs within a story\|^Labels split'
psql -X -q -v ON_ERROR_STOP=1 <<SQL
\pset footer off
\pset pager off
SET search_path = newsprint, public;
CREATE TEMP TABLE bd (id bigint, story text, t timestamp, kind text, body text);
\copy bd FROM '$file'
\echo 'Standing blocks left by clean() (pages that keep the phrase / pages)'
CREATE TEMP TABLE bc AS
  SELECT id, split_part(kind, '/', 2) AS outlet, body LIKE '<%' AS html, clean(body) AS c FROM bd;
WITH p(block, pat) AS (VALUES
  ('gazette nav', 'Opinion | Subscribe'), ('gazette newsletter', 'Sign up for The Briefing'),
  ('gazette about', 'has served the communities'), ('gazette corrections', 'committed to accuracy'),
  ('valley cookie', 'use of cookies'), ('valley live header', 'Follow our rolling coverage'),
  ('valley read more', 'Valley Live newsroom'), ('valley copyright', 'All rights reserved'),
  ('post cookie', 'Manage preferences'), ('post subscribe', 'Support local journalism'),
  ('post standards', 'Editors'' Code'), ('post newsletter', 'in your inbox'),
  ('courier appeal', 'small favour to ask'), ('courier about', 'Courier Trust'),
  ('record about', 'only daily newspaper'), ('record tip line', 'Got a story?'),
  ('record copyright', '(c) Lakeside'), ('metro app', 'award-winning coverage'),
  ('metro company', 'Registered in England'), ('sports times', 'All times are local'),
  ('radio station', 'Riverside Radio newsroom'))
SELECT outlet, CASE WHEN html THEN 'html' ELSE 'text' END AS form, p.block,
       count(*) FILTER (WHERE c LIKE '%' || p.pat || '%') AS kept, count(*) AS pages
  FROM bc JOIN p ON p.block LIKE bc.outlet || ' %' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
CREATE TEMP TABLE bf AS SELECT id, story, t AT TIME ZONE 'UTC' AS published_at, fingerprint(body) AS fp FROM bd;
CREATE TEMP TABLE bl (story bigint PRIMARY KEY, fp fingerprint NOT NULL, published_at timestamptz);
CREATE INDEX ON bl USING npidx (fp);
CREATE TEMP TABLE ba (id bigint, story bigint);
DO \$\$
DECLARE r record;
BEGIN
  FOR r IN SELECT id, fp, published_at FROM bf ORDER BY published_at, id LOOP
    INSERT INTO ba VALUES (r.id, assign_story('bl', r.id, r.fp, r.published_at));
  END LOOP;
END
\$\$;
CREATE TEMP TABLE bb AS SELECT id, story FROM cluster_stories('bf', order_column => 'published_at');
\echo 'assign_story() one by one in publication order: the batch''s story for'
SELECT count(*) AS articles, count(*) FILTER (WHERE a.story = b.story) AS same_as_batch
  FROM ba a JOIN bb b USING (id);
CREATE TEMP VIEW story_eval_input AS
  SELECT f.id, f.story AS truth, a.story FROM bf f JOIN ba a USING (id);
\i bench/story_eval.sql
SELECT * FROM pg_temp.story_eval();
SQL
