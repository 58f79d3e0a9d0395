-- bench/story_cluster_sets.sql -- cluster every set of temp table sets
-- (set text, id bigint, published_at timestamptz, fp fingerprint, ...)
-- with cluster_stories() in publication order (published_at, so that the
-- time window applies), one set at a time, with the arguments in setting
-- np.args (e.g. ", min_named => 2"; empty for the defaults), into temp
-- table leader (set, id, story).  Included by bench/story_quality.sh and
-- bench/story_boilerplate.sh.
CREATE TEMP TABLE one_set (id bigint, published_at timestamptz, fp newsprint.fingerprint);
CREATE TEMP TABLE leader (set text, id bigint, story bigint);
DO $$
DECLARE
	s text;
BEGIN
	FOR s IN SELECT DISTINCT set FROM sets LOOP
		TRUNCATE one_set;
		INSERT INTO one_set SELECT id, published_at, fp FROM sets WHERE set = s;
		EXECUTE 'INSERT INTO leader SELECT $1, c.id, c.story
				 FROM newsprint.cluster_stories(''one_set'', order_column => ''published_at'''
				|| current_setting('np.args') || ') c' USING s;
	END LOOP;
END
$$;
