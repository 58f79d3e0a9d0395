-- scripts/story_report.sql -- a self-contained HTML report on stories
--
-- Usage: psql -X -q [-v prefix=story_] [-v articles=TABLE] -f scripts/story_report.sql -o report.html
--
-- The biggest stories are headed by story_summary's headline (headline()
-- of their first article).  With articles set (the table the views read,
-- with columns id and body), a story whose first article has no headline
-- is headed by the first line of its cleaned text instead.
-- Reads the views that newsprint.create_story_views() made (prefix
-- "story_" by default: story_summary, story_per_day, story_outlets,
-- story_members and, when present, story_entities) and writes one HTML page:
-- inline CSS and inline SVG charts, no script, no external resource, so that
-- it opens offline in any browser.  The page's element ids (summary,
-- per-day, sizes, top-stories, first-outlets, entities) are what the test
-- test/t/005_story_report.pl checks.
\set ON_ERROR_STOP on
\if :{?prefix}
\else
\set prefix story_
\endif
\if :{?articles}
-- the story's headline (story_summary's, from newsprint.headline()), or
-- for a first article without one the first line of its cleaned text
\set headline 'coalesce(s.headline, nullif(left(split_part(newsprint.clean((SELECT a.body FROM ' :articles ' a WHERE a.id = s.story)), E''\\n'', 1), 120), ''''))'
\else
\set headline 's.headline'
\endif
\pset format unaligned
\pset tuples_only on
\pset footer off
SET client_min_messages = warning;

-- HTML escaping and the views' names
CREATE FUNCTION pg_temp.h(text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT replace(replace(replace(replace(coalesce($1, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;') $$;
SELECT :'prefix' || 'summary' AS v_summary, :'prefix' || 'per_day' AS v_per_day,
	   :'prefix' || 'outlets' AS v_outlets, :'prefix' || 'members' AS v_members,
	   :'prefix' || 'entities' AS v_entities,
	   to_regclass(:'prefix' || 'entities') IS NOT NULL AS has_entities
\gset

-- a vertical bar chart: (label text, value numeric) rows of a query, in SVG
CREATE FUNCTION pg_temp.bars(q text, title text, colour text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	labels text[];
	vals numeric[];
	n int;
	mx numeric;
	w int := 760;
	h int := 240;
	left_ int := 40;
	bottom int := 40;
	bw numeric;
	out text;
	i int;
	bh numeric;
	step int;
BEGIN
	EXECUTE format('SELECT array_agg(l ORDER BY o), array_agg(v ORDER BY o) FROM (%s) AS x(l, v, o)', q)
		INTO labels, vals;
	n := coalesce(array_length(vals, 1), 0);
	mx := greatest(coalesce((SELECT max(x) FROM unnest(vals) x), 0), 1);
	out := format('<svg xmlns="http://www.w3.org/2000/svg" role="img" width="%s" height="%s" viewBox="0 0 %s %s"><title>%s</title>',
				  w, h, w, h, pg_temp.h(title));
	out := out || format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#888"/>', left_, h - bottom, w, h - bottom);
	out := out || format('<text x="4" y="14" class="axis">%s</text>', mx);
	IF n = 0 THEN
		RETURN out || '</svg>';
	END IF;
	bw := (w - left_ - 10)::numeric / n;
	step := greatest(1, ceil(n / 16.0)::int);
	FOR i IN 1 .. n LOOP
		bh := round(vals[i] / mx * (h - bottom - 20), 1);
		out := out || format('<rect class="bar" x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s: %s</title></rect>',
							 round(left_ + (i - 1) * bw + 1, 1), round(h - bottom - bh, 1),
							 round(greatest(bw - 2, 1), 1), bh, colour,
							 pg_temp.h(labels[i]), vals[i]);
		IF (i - 1) % step = 0 THEN
			out := out || format('<text x="%s" y="%s" class="axis">%s</text>',
								 round(left_ + (i - 1) * bw + 1, 1), h - bottom + 14, pg_temp.h(labels[i]));
		END IF;
	END LOOP;
	RETURN out || '</svg>';
END
$$;

-- an HTML table of a temporary table's rows, in their (insertion) order
CREATE FUNCTION pg_temp.tab(t regclass, id text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	cols text[];
	out text;
	j jsonb;
BEGIN
	SELECT array_agg(attname::text ORDER BY attnum) INTO cols
	FROM pg_attribute WHERE attrelid = t AND attnum > 0 AND NOT attisdropped;
	out := format('<table id="%s"><tr>', id) ||
		(SELECT string_agg('<th>' || pg_temp.h(replace(x, '_', ' ')) || '</th>', '' ORDER BY o)
		 FROM unnest(cols) WITH ORDINALITY AS u(x, o)) || '</tr>';
	FOR j IN EXECUTE format('SELECT to_jsonb(x) FROM %s x', t) LOOP
		out := out || '<tr>' ||
			(SELECT string_agg('<td>' || pg_temp.h(j ->> x) || '</td>', '' ORDER BY o)
			 FROM unnest(cols) WITH ORDINALITY AS u(x, o)) || '</tr>';
	END LOOP;
	RETURN out || '</table>';
END
$$;

SELECT count(*) AS n_stories, sum(copies) AS n_articles,
	   count(*) FILTER (WHERE copies > 1) AS n_shared, max(copies) AS n_largest,
	   to_char(min(first_published), 'YYYY-MM-DD') AS d_from,
	   to_char(max(last_published), 'YYYY-MM-DD') AS d_to
FROM :"v_summary" \gset

\qecho '<!DOCTYPE html>'
\qecho '<html lang="en"><head><meta charset="utf-8">'
\qecho '<title>newsprint: stories report</title>'
\qecho '<style>'
\qecho 'body{font-family:Georgia,serif;max-width:980px;margin:2em auto;color:#222;background:#fdfcf8}'
\qecho 'h1{font-size:1.8em;border-bottom:3px double #333}h2{margin-top:1.6em;font-size:1.25em}'
\qecho 'table{border-collapse:collapse;font-family:Helvetica,Arial,sans-serif;font-size:.85em;margin:.5em 0}'
\qecho 'th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}'
\qecho 'th{background:#efece4}.figures{display:flex;gap:2em;font-family:Helvetica,Arial,sans-serif}'
\qecho '.figures div{font-size:.85em}.figures b{display:block;font-size:2em}'
\qecho 'svg{background:#fff;border:1px solid #ddd}svg .axis{font:10px Helvetica,Arial,sans-serif;fill:#555}'
\qecho '</style></head><body>'
\qecho '<h1>Stories report</h1>'
SELECT format('<p>Articles from %s to %s, grouped into stories by newsprint''s <code>cluster_stories()</code>: a story is an article and every copy of it.</p>',
			  :'d_from', :'d_to');
SELECT format('<div class="figures" id="summary"><div><b id="n-articles">%s</b>articles</div><div><b id="n-stories">%s</b>stories</div><div><b id="n-shared">%s</b>stories with copies</div><div><b id="n-largest">%s</b>copies in the largest</div></div>',
			  :n_articles, :n_stories, :n_shared, :n_largest);

\qecho '<h2>Stories per day</h2>'
\qecho '<p>New stories by the day of their first article.</p>'
SELECT '<div id="per-day">' || pg_temp.bars(
	format('SELECT to_char(day, ''Mon DD''), new_stories, day FROM %I', :'v_per_day'),
	'new stories per day', '#2a6f97') || '</div>';

\qecho '<h2>Story sizes</h2>'
\qecho '<p>How many stories have 1, 2, 3... articles.</p>'
SELECT '<div id="sizes">' || pg_temp.bars(
	format('SELECT s::text, count(x.copies), s FROM generate_series(1, (SELECT max(copies) FROM %1$I)::int) s LEFT JOIN %1$I x ON x.copies = s GROUP BY s',
		   :'v_summary'),
	'stories by number of articles', '#c0504d') || '</div>';

\qecho '<h2>Biggest stories</h2>'
CREATE TEMP TABLE tab_cols AS
SELECT :headline AS headline, s.copies AS articles, s.outlets,
	   (SELECT o.outlet FROM :"v_outlets" o WHERE o.story = s.story AND o.rank = 1 ORDER BY o.outlet LIMIT 1) AS first_outlet,
	   to_char(s.first_published, 'YYYY-MM-DD HH24:MI') AS first_published,
	   to_char(s.spread, 'HH24"h"MI') AS spread
FROM :"v_summary" s ORDER BY s.copies DESC, s.first_published, s.story LIMIT 15;
SELECT pg_temp.tab('pg_temp.tab_cols', 'top-stories');
DROP TABLE tab_cols;

\qecho '<h2>Who ran the story first</h2>'
\qecho '<p>Stories with copies, by the outlet that published the first article.</p>'
CREATE TEMP TABLE tab_cols AS
SELECT o.outlet, count(*) AS stories_first, sum(s.copies - 1) AS copies_that_followed
FROM :"v_outlets" o JOIN :"v_summary" s USING (story)
WHERE o.rank = 1 AND s.copies > 1
GROUP BY o.outlet ORDER BY 2 DESC, 1 LIMIT 12;
SELECT pg_temp.tab('pg_temp.tab_cols', 'first-outlets');
DROP TABLE tab_cols;

\qecho '<h2>How the biggest story spread</h2>'
CREATE TEMP TABLE tab_cols AS
SELECT m.position, m.outlet, to_char(m.published_at, 'YYYY-MM-DD HH24:MI') AS published,
	   to_char(m.delay, 'HH24"h"MI') AS after_first
FROM :"v_members" m
WHERE m.story = (SELECT story FROM :"v_summary" ORDER BY copies DESC, first_published, story LIMIT 1)
ORDER BY m.position;
SELECT pg_temp.tab('pg_temp.tab_cols', 'spread');
DROP TABLE tab_cols;

\if :has_entities
\qecho '<h2>Who the news is about</h2>'
\qecho '<p>People and organisations, counted once per story rather than once per copy.</p>'
CREATE TEMP TABLE tab_cols AS
SELECT name, kind, stories, copies AS articles
FROM :"v_entities" WHERE kind IN ('PER', 'ORG')
ORDER BY stories DESC, copies DESC, name LIMIT 15;
SELECT pg_temp.tab('pg_temp.tab_cols', 'entities');
DROP TABLE tab_cols;
\endif

\qecho '<p><small>Made by newsprint (scripts/story_report.sql). Wikinews text: Wikinews contributors, CC BY 2.5.</small></p>'
\qecho '</body></html>'
