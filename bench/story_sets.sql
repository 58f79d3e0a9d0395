-- bench/story_sets.sql -- the labelled sets of bench/story_boilerplate.sh
-- and bench/story_signals.sh, into temp table sets (set, id, published_at,
-- truth, events, half, fp), from the files bench/story_sets.sh wrote in
-- psql variable :tmp, for the sets named in psql variable :sets (gen,
-- demo, dev, blind, wikinews; kept in setting np.sets); the texts stay in
-- temp tables gen, sample and wn.  Also sets what the benches that include
-- it share: the time window (bench/story_window.sql, from :window) and
-- the arguments of cluster_stories() in setting np.args (:args and the
-- window's, for bench/story_cluster_sets.sql).
--   gen: the realistic corpus; truth an original with its copies, events
--        the planted event (a round-up: those of the stories it quotes);
--   demo: the demo sample without the rewrite set's blind split (its
--        stories whose number is divisible by 3 are left out before
--        clustering); dev: the rewrite set's development split alone;
--        blind: its blind split alone (not in bench/story_boilerplate.sh's
--        default sets; read once);
--   wikinews: the shared Wikinews copy, dated by its day; truth the
--        report label of test/data/stories/wikinews_labels.tsv, events its
--        thread, half the label's half (unlabelled: by the id's parity).
\pset footer off
SET client_min_messages = warning;
SET maintenance_work_mem = '1GB';
\i bench/story_window.sql
\set allargs :args :window_arg
SET np.args = :'allargs';
SET np.sets = :'sets';

CREATE TEMP TABLE sets (set text, id bigint, published_at timestamptz, truth text,
	events text[], half text, fp newsprint.fingerprint);

CREATE TEMP TABLE gen (id bigint, outlet text, published_at timestamptz, kind text,
	family bigint, body text);
CREATE TEMP TABLE gen_truth (id bigint, family bigint, role text, source text,
	edits text, form text);
\set f :tmp '/corpus.tsv'
COPY gen FROM :'f';
\set f :tmp '/truth.tsv'
COPY gen_truth FROM :'f' WITH (HEADER true);
INSERT INTO sets
SELECT 'gen', g.id, g.published_at,
	   CASE WHEN t.role IN ('original', 'copy') THEN 'F' || t.family ELSE 'A' || g.id END,
	   CASE WHEN t.role IN ('original', 'copy', 'independent') THEN ARRAY['F' || t.family]
			WHEN t.role = 'roundup' THEN
				(SELECT array_agg('F' || o.family)
				 FROM unnest(string_to_array(t.source, ',')) s(src)
				 JOIN gen_truth o ON o.id = s.src::bigint)
			ELSE ARRAY['A' || g.id] END,
	   NULL, newsprint.fingerprint(g.body)
FROM gen g LEFT JOIN gen_truth t USING (id);

CREATE TEMP TABLE sample (id bigint, outlet text, published_at timestamptz, kind text,
	label text, truth text, source text, body text);
\copy sample FROM 'test/data/stories/articles.tsv'
-- the rewrite set's blind split (stories whose number is divisible by 3)
-- is left out of both sets; set blind is that split alone (read it once)
INSERT INTO sets
SELECT s.set, id, published_at, truth, ARRAY[truth], NULL, newsprint.fingerprint(body)
FROM sample, (VALUES ('demo'), ('dev'), ('blind')) s(set)
WHERE (s.set = 'demo' OR truth LIKE 'R%')
  AND position(' ' || s.set || ' ' IN ' ' || current_setting('np.sets') || ' ') > 0
  AND (s.set = 'blind') = (truth ~ '^R[0-9]' AND substr(truth, 2, 2)::int % 3 = 0);

CREATE TEMP TABLE wn (id bigint, published date, body text);
\set f :tmp '/wn.tsv'
COPY wn FROM :'f';
CREATE TEMP TABLE wn_labels (id bigint, thread text, report bigint, half text,
	start text, note text);
\copy wn_labels FROM 'test/data/stories/wikinews_labels.tsv' WITH (FORMAT text, HEADER true)
INSERT INTO sets
SELECT 'wikinews', w.id, w.published,
	   coalesce('R' || l.report, 'A' || w.id), ARRAY[coalesce('T' || l.thread, 'A' || w.id)],
	   coalesce(l.half, CASE WHEN w.id % 2 = 0 THEN 'dev' ELSE 'blind' END),
	   newsprint.fingerprint(w.body)
FROM wn w LEFT JOIN wn_labels l USING (id);
