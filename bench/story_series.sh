#!/usr/bin/env bash
# bench/story_series.sh -- what one writer's recurring template costs
# assign_story() and cluster_stories(): the cost of an insert must not grow
# with the series
#
# Usage: scripts/with-server.sh bench/story_series.sh [N...]
#    or: bench/story_series.sh [N...]   (PGHOST/PGDATABASE pointing at a
#        database with newsprint installed; the server must run on this
#        machine and the role be a superuser: the backend's CPU time is read
#        from /proc/self/stat with pg_read_file)
#
# For each N (default 500 2000 8000), N items of one invented template (a
# company's quarterly results in one writer's sentences: about 60 evidence
# shingles, other names and figures in each item), one a day at noon, are
# fingerprinted, then assigned in time order through assign_story() into an
# empty leaders table with an npidx index (default window, 20 hours), and
# the same rows clustered with cluster_stories(order_column =>
# 'published_at').  Every pair is is_same_story (the template), no pair is
# within the window, and no item is a late copy of another: each item is its
# own story.  Prints, per N: the backend CPU seconds of each form, the
# microseconds per item, the CPU of the last tenth of the inserts per item
# (what an insert costs at the end of the series), the stories of each form
# and how many items the two put in the same story, and the npidx counters
# of the last item's two searches (npidx_scan_stats(): postings read and
# candidates rechecked).  TIMEOUT (seconds, default 1800) ends a form that
# runs longer (statement_timeout; that N's line says so).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${*:-500 2000 8000}
TIMEOUT=${TIMEOUT:-1800}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $SIZES; do
	psql -X -q -v ON_ERROR_STOP=1 -v n="$n" -v timeout="$TIMEOUT" <<'SQL'
\pset footer off
SET client_min_messages = warning;
DROP TABLE IF EXISTS series_src, series_leaders;
CREATE FUNCTION pg_temp.cpu() RETURNS float8 LANGUAGE sql AS
$$ SELECT (f[12]::float8 + f[13]::float8) / 100
   FROM (SELECT string_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ') AS f) s $$;
-- a name made of syllables, one per base-20 digit of i (other names every item)
CREATE FUNCTION pg_temp.name(i int, salt int) RETURNS text LANGUAGE sql AS
$$ SELECT initcap(string_agg((ARRAY['bar','ken','lo','mar','vid','son','tal','rey',
	'dun','fel','gar','hol','nor','pel','quin','ros','sel','tor','ul','wes'])
	[((i * 7919 + salt * 104729) / (20 ^ d)::int) % 20 + 1], '' ORDER BY d))
   FROM generate_series(0, 3) d $$;
CREATE UNLOGGED TABLE series_src AS
SELECT i AS id, timestamptz '2001-01-01 12:00+00' + (i - 1) * interval '1 day' AS published_at,
	newsprint.fingerprint(format(
'%s Holdings said on Tuesday that its net income for the third quarter rose to %s million dollars, or %s cents a share, from %s million dollars a year earlier. '
'Revenue in the quarter climbed %s percent to %s million dollars, helped by stronger demand in its northern region and by lower costs for raw materials. '
'Chief executive %s told analysts on a conference call that the company would keep its forecast for the full year unchanged. '
'The board declared a quarterly dividend of %s cents a share, payable next month.',
	pg_temp.name(i, 1), 100 + i % 89, 10 + i % 83, 90 + i % 79, 2 + i % 17, 700 + i % 97,
	pg_temp.name(i, 2) || ' ' || pg_temp.name(i, 3), 5 + i % 31)) AS fp
FROM generate_series(1, :n) i;
CREATE TABLE series_leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
	published_at timestamptz);
CREATE INDEX ON series_leaders USING npidx (fp);
CREATE TEMP TABLE series_story (id int, story bigint);
CREATE TEMP TABLE series_timing (what text, cpu float8, tail_cpu float8);
SELECT count(*) AS items, min(newsprint.shingle_count(fp)) AS min_shingles,
	max(newsprint.shingle_count(fp)) AS max_shingles,
	(SELECT newsprint.is_same_story(a.fp, b.fp) FROM series_src a, series_src b
	 WHERE a.id = 1 AND b.id = :n) AS first_last_same_story,
	(SELECT round(newsprint.containment(a.fp, b.fp)::numeric, 2) FROM series_src a, series_src b
	 WHERE a.id = 2 AND b.id = 1) AS containment_2_in_1
FROM series_src;
SELECT set_config('statement_timeout', :'timeout' || 's', false) \gset
DO $$
DECLARE
	c0 float8;
	c9 float8;
	n int := (SELECT count(*) FROM series_src);
	r record;
BEGIN
	c0 := pg_temp.cpu();
	c9 := NULL;
	FOR r IN SELECT id, fp, published_at FROM series_src ORDER BY published_at, id LOOP
		IF r.id = n - n / 10 + 1 THEN
			c9 := pg_temp.cpu();
		END IF;
		INSERT INTO series_story VALUES (r.id,
			newsprint.assign_story('series_leaders', r.id, r.fp, r.published_at));
	END LOOP;
	INSERT INTO series_timing VALUES ('assign_story', pg_temp.cpu() - c0, pg_temp.cpu() - c9);
END
$$;
SELECT postings, candidates, returned FROM newsprint.npidx_scan_stats();
DO $$
DECLARE
	c0 float8;
BEGIN
	c0 := pg_temp.cpu();
	CREATE TEMP TABLE series_batch AS
	SELECT id, story FROM newsprint.cluster_stories('series_src', order_column => 'published_at');
	INSERT INTO series_timing VALUES ('cluster_stories', pg_temp.cpu() - c0, NULL);
END
$$;
SELECT what, :n AS items, round(cpu::numeric, 2) AS cpu_s,
	round((cpu * 1e6 / :n)::numeric, 0) AS us_per_item,
	round((tail_cpu * 1e6 / (:n / 10))::numeric, 0) AS last_tenth_us_per_item
FROM series_timing ORDER BY what;
SELECT (SELECT count(DISTINCT story) FROM series_story) AS stories_assign,
	(SELECT count(DISTINCT story) FROM series_batch) AS stories_batch,
	(SELECT count(*) FROM series_story s JOIN series_batch b USING (id) WHERE s.story = b.story) AS same_story;
DROP TABLE series_src, series_leaders;
SQL
done
