-- bench/story_quality_row.sql -- one row of bench/story_quality.sh's table:
-- the clustering :method (a table of (set, id, story)) of set :set against
-- its truth, through pg_temp.story_eval() (bench/story_eval.sql)
TRUNCATE story_eval_input;
INSERT INTO story_eval_input
SELECT s.id, s.truth, m.story FROM sets s JOIN :method m ON m.set = s.set AND m.id = s.id
WHERE s.set = :'set';
INSERT INTO results SELECT :'set', :'method', e.* FROM pg_temp.story_eval() e;
