--
-- story_trigger_replace: CREATE OR REPLACE TRIGGER keeps the trigger's OID
-- and changes its arguments.  A session keeps what it read of a
-- story_trigger (its leaders table, columns and window) by the trigger's
-- OID: every INSERT below follows one that used the same trigger, and must
-- see the new arguments.  CREATE OR REPLACE TRIGGER is PostgreSQL 14's: on
-- 13 this file stops here (story_trigger_replace_1.out); hostile.sql tests
-- a trigger dropped and made again, which every version has.
--
SELECT current_setting('server_version_num')::int < 140000 AS before_pg14 \gset
\if :before_pg14
\echo 'skipped: CREATE OR REPLACE TRIGGER needs PostgreSQL 14'
\quit
\endif
SET search_path = public, newsprint;
CREATE SCHEMA replace_a;
CREATE SCHEMA replace_c;
CREATE TABLE replace_a.text AS SELECT fingerprint('Heavy rain flooded the old town of Porto on Tuesday, closing the riverside road and two metro stations while firefighters pumped water out of dozens of shops and cellars along the Douro. The city council said the clean-up would take at least a week.'::text) AS fp;
CREATE TABLE replace_a.longer AS SELECT fingerprint('Heavy rain flooded the old town of Porto on Tuesday, closing the riverside road and two metro stations while firefighters pumped water out of dozens of shops and cellars along the Douro. The city council said the clean-up would take at least a week. Shopkeepers on the quay said the water had risen faster than in any winter they could remember.'::text) AS fp;
CREATE TABLE replace_a.story_leaders (story bigint PRIMARY KEY, fp fingerprint NOT NULL,
                                      published_at timestamptz);
CREATE INDEX ON replace_a.story_leaders USING npidx (fp);
CREATE TABLE replace_c.story_leaders (LIKE replace_a.story_leaders INCLUDING ALL);
INSERT INTO replace_a.story_leaders SELECT 100, fp, '2026-01-01' FROM replace_a.text;
INSERT INTO replace_c.story_leaders SELECT 300, fp, '2026-01-01' FROM replace_a.text;
CREATE TABLE replace_a.articles (id bigint, fp fingerprint, story bigint, published_at timestamptz,
                                 aid bigint, at timestamptz);
CREATE TRIGGER s BEFORE INSERT ON replace_a.articles
    FOR EACH ROW EXECUTE FUNCTION story_trigger('story_leaders');
SELECT oid AS tgoid FROM pg_trigger WHERE tgname = 's' AND tgrelid = 'replace_a.articles'::regclass \gset
INSERT INTO replace_a.articles (id, fp, published_at)
    SELECT 1, fp, '2026-01-01' FROM replace_a.text RETURNING id, story;
-- another leaders table (300)
CREATE OR REPLACE TRIGGER s BEFORE INSERT ON replace_a.articles
    FOR EACH ROW EXECUTE FUNCTION story_trigger('replace_c.story_leaders');
INSERT INTO replace_a.articles (id, fp, published_at)
    SELECT 2, fp, '2026-01-01' FROM replace_a.text RETURNING id, story;
-- an id column that does not exist: an error (42703)
CREATE OR REPLACE TRIGGER s BEFORE INSERT ON replace_a.articles
    FOR EACH ROW EXECUTE FUNCTION story_trigger('replace_c.story_leaders', 'story', 'nope');
INSERT INTO replace_a.articles (id, fp, published_at)
    SELECT 3, fp, '2026-01-01' FROM replace_a.text RETURNING id, story;
-- other id and time columns and a window of 1 day: the id is aid (40), and
-- at, 3 days from the leader, is out of the window: the text with a
-- sentence more, which is no late copy of the leader (a story of its own)
CREATE OR REPLACE TRIGGER s BEFORE INSERT ON replace_a.articles
    FOR EACH ROW EXECUTE FUNCTION story_trigger('replace_c.story_leaders', 'story', 'aid', 'fp',
                                                'at', '1 day');
INSERT INTO replace_a.articles (id, aid, fp, published_at, at)
    SELECT 4, 40, fp, '2026-01-01', '2026-01-04' FROM replace_a.longer RETURNING id, aid, story;
DELETE FROM replace_c.story_leaders WHERE story = 40;
-- the same columns, no window: the leader (300)
CREATE OR REPLACE TRIGGER s BEFORE INSERT ON replace_a.articles
    FOR EACH ROW EXECUTE FUNCTION story_trigger('replace_c.story_leaders', 'story', 'aid', 'fp',
                                                'at', '');
INSERT INTO replace_a.articles (id, aid, fp, published_at, at)
    SELECT 5, 50, fp, '2026-01-01', '2026-01-04' FROM replace_a.longer RETURNING id, aid, story;
-- no time column ('')
CREATE OR REPLACE TRIGGER s BEFORE INSERT ON replace_a.articles
    FOR EACH ROW EXECUTE FUNCTION story_trigger('replace_c.story_leaders', 'story', 'aid', 'fp',
                                                '', '1 day');
INSERT INTO replace_a.articles (id, aid, fp, published_at, at)
    SELECT 6, 60, fp, '2026-01-01', '2026-01-04' FROM replace_a.text RETURNING id, aid, story;
-- back to the first arguments: replace_a's leader (100)
CREATE OR REPLACE TRIGGER s BEFORE INSERT ON replace_a.articles
    FOR EACH ROW EXECUTE FUNCTION story_trigger('story_leaders');
INSERT INTO replace_a.articles (id, fp, published_at)
    SELECT 7, fp, '2026-01-01' FROM replace_a.text RETURNING id, story;
-- the trigger was the same one throughout
SELECT oid = :tgoid AS same_trigger FROM pg_trigger
WHERE tgname = 's' AND tgrelid = 'replace_a.articles'::regclass;
SET client_min_messages = warning;
DROP SCHEMA replace_a, replace_c CASCADE;
RESET client_min_messages;
