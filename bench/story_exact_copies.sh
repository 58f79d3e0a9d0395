#!/usr/bin/env bash
# bench/story_exact_copies.sh -- would an exact-copy rule for tiny articles
# be safe?  (articles with fewer than min_shared sampled hashes join no
# story, not even their exact copy: doc/stories.md, "The rule")
#
# Usage: scripts/with-server.sh bench/story_exact_copies.sh [N]
# Environment: SEED (default 11) for the N-article set (default 20000).
#
# For three sets: the stress set of bench/story_quality.sh (2,000 briefs
# and tables of the realistic corpus, seed 7, fingerprints of the cleaned
# body and of the raw one), N articles of the realistic corpus (seed SEED,
# cleaned), and the demo sample (test/data/stories), it takes the articles
# whose fingerprint has fewer than 16 hashes (the default min_shared) and
# applies the candidate rule "an article joins the earliest earlier
# article with exactly the same fingerprint (every evidence hash shared
# both ways, the name bits too) that starts a story, within the default
# time window (20 hours) or without one".  It prints the links the rule
# would add: to the same planted story (recall won) or to another
# (wrong), and for the wrong ones whether the two bodies are the same text
# and the first words of each: two notices of different companies in one
# formula whose names are no evidence have one fingerprint.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
SEED=${SEED:-11}
export CORPUS_BIN=${CORPUS_BIN:-/tmp/newsprint-story-exact-$(id -u)}
bin=$(bench/corpus.sh build)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin/corpus_gen" -m data/corpus_model.txt -s 7 -t "$tmp/truth7.tsv" 8000 > "$tmp/corpus7.tsv"
SEED=$SEED bench/corpus.sh gen "$N" "$tmp/corpusN.tsv" "$tmp/truthN.tsv" >/dev/null
chmod -R a+rX "$tmp"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
psql -X -q -v ON_ERROR_STOP=1 -v tmp="$tmp" -v n="$N" <<'SQL'
\pset footer off
SET client_min_messages = warning;
CREATE TEMP TABLE gen (id bigint, outlet text, published_at timestamptz, kind text,
	family bigint, body text);
CREATE TEMP TABLE gen_truth (id bigint, family bigint, role text, source text, edits text, form text);
\set f :tmp '/corpus7.tsv'
COPY gen FROM :'f';
\set f :tmp '/truth7.tsv'
COPY gen_truth FROM :'f' WITH (HEADER true);
CREATE TEMP TABLE genn (LIKE gen);
CREATE TEMP TABLE genn_truth (LIKE gen_truth);
\set f :tmp '/corpusN.tsv'
COPY genn FROM :'f';
\set f :tmp '/truthN.tsv'
COPY genn_truth FROM :'f' WITH (HEADER true);
CREATE TEMP TABLE sample (id bigint, outlet text, published_at timestamptz, kind text,
	label text, truth text, source text, body text);
\copy sample FROM 'test/data/stories/articles.tsv'

-- (set, id, published_at, truth, body, fp)
CREATE TEMP TABLE sets AS
SELECT 'stress' AS set, g.id, g.published_at,
	   CASE WHEN t.role IN ('original', 'copy') THEN 'F' || t.family ELSE 'A' || g.id END AS truth,
	   g.body, newsprint.fingerprint(g.body) AS fp
FROM (SELECT * FROM gen WHERE kind IN ('brief', 'table') ORDER BY id LIMIT 2000) g
LEFT JOIN gen_truth t USING (id)
UNION ALL
SELECT 'stress_raw', g.id, g.published_at,
	   CASE WHEN t.role IN ('original', 'copy') THEN 'F' || t.family ELSE 'A' || g.id END,
	   g.body, newsprint.fingerprint(g.body, false)
FROM (SELECT * FROM gen WHERE kind IN ('brief', 'table') ORDER BY id LIMIT 2000) g
LEFT JOIN gen_truth t USING (id)
UNION ALL
SELECT 'corpus_' || :n, g.id, g.published_at,
	   CASE WHEN t.role IN ('original', 'copy') THEN 'F' || t.family ELSE 'A' || g.id END,
	   g.body, newsprint.fingerprint(g.body)
FROM genn g LEFT JOIN genn_truth t USING (id)
UNION ALL
SELECT 'demo', id, published_at, truth, body, newsprint.fingerprint(body) FROM sample;

SELECT set, count(*) AS articles,
	   count(*) FILTER (WHERE newsprint.sample_size(fp) < 16) AS under_16_hashes,
	   count(*) FILTER (WHERE newsprint.sample_size(fp) BETWEEN 1 AND 15) AS with_1_to_15
FROM sets GROUP BY set ORDER BY set;

-- the tiny articles with a twin (same fingerprint) in their set, in order
CREATE TEMP TABLE tiny AS
SELECT s.*, encode(sha256(newsprint.fingerprint_send(s.fp)), 'hex') AS key
FROM sets s WHERE newsprint.sample_size(fp) BETWEEN 1 AND 15;
DELETE FROM tiny t WHERE NOT EXISTS (SELECT FROM tiny u WHERE u.set = t.set AND u.key = t.key AND u.id <> t.id);

-- the rule, in publication order: join the earliest leader of the same key
-- within the window (NULL: none); else lead
CREATE TEMP TABLE link (win text, set text, id bigint, leader bigint);
DO $$
DECLARE
	w interval;
	wname text;
	r record;
	l bigint;
BEGIN
	FOREACH wname IN ARRAY ARRAY['20 hours', 'none'] LOOP
		w := CASE WHEN wname = 'none' THEN NULL ELSE wname::interval END;
		CREATE TEMP TABLE lead (set text, key text, id bigint, published_at timestamptz);
		CREATE INDEX ON lead (set, key);
		FOR r IN SELECT * FROM tiny ORDER BY set, published_at, id LOOP
			SELECT d.id INTO l FROM lead d
			WHERE d.set = r.set AND d.key = r.key
			  AND (w IS NULL OR abs(extract(epoch FROM r.published_at - d.published_at)) <= extract(epoch FROM w))
			ORDER BY d.published_at, d.id LIMIT 1;
			IF l IS NULL THEN
				INSERT INTO lead VALUES (r.set, r.key, r.id, r.published_at);
			ELSE
				INSERT INTO link VALUES (wname, r.set, r.id, l);
			END IF;
		END LOOP;
		DROP TABLE lead;
	END LOOP;
END
$$;

SELECT k.win AS time_window, k.set, count(*) AS links,
	   count(*) FILTER (WHERE a.truth = b.truth) AS same_story,
	   count(*) FILTER (WHERE a.truth <> b.truth) AS wrong,
	   count(*) FILTER (WHERE a.truth <> b.truth AND a.body = b.body) AS wrong_same_body,
	   count(*) FILTER (WHERE a.truth = b.truth AND a.body <> b.body) AS right_other_body
FROM link k JOIN sets a ON a.set = k.set AND a.id = k.id
JOIN sets b ON b.set = k.set AND b.id = k.leader
GROUP BY 1, 2 ORDER BY 1, 2;

\echo 'the same links by the named hashes of the fingerprint (a name or a figure the sample holds)'
SELECT k.win AS time_window, k.set,
	   CASE WHEN n.named >= 3 THEN '3+' ELSE n.named::text END AS named_hashes,
	   count(*) AS links,
	   count(*) FILTER (WHERE a.truth = b.truth) AS same_story,
	   count(*) FILTER (WHERE a.truth <> b.truth) AS wrong
FROM link k JOIN sets a ON a.set = k.set AND a.id = k.id
JOIN sets b ON b.set = k.set AND b.id = k.leader
CROSS JOIN LATERAL (SELECT count(*) AS named
					FROM regexp_matches(split_part(a.fp::text, ':', 5), '.{8}', 'g') h
					WHERE ('x' || h[1])::bit(32)::int & 1 = 1) n
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

\echo 'wrong links (20-hour window), up to 12 a set: the two bodies'
SELECT set, id, leader, hashes, named, left(regexp_replace(ab, '\s+', ' ', 'g'), 110) AS article,
	   left(regexp_replace(bb, '\s+', ' ', 'g'), 110) AS leader_text
FROM (SELECT k.set, k.id, k.leader, newsprint.sample_size(a.fp) AS hashes,
			 (SELECT count(*) FROM regexp_matches(split_part(a.fp::text, ':', 5), '.{8}', 'g') h
			  WHERE ('x' || h[1])::bit(32)::int & 1 = 1) AS named,
			 a.body AS ab, b.body AS bb,
			 row_number() OVER (PARTITION BY k.set ORDER BY k.id) AS rn
	  FROM link k JOIN sets a ON a.set = k.set AND a.id = k.id
	  JOIN sets b ON b.set = k.set AND b.id = k.leader
	  WHERE k.win = '20 hours' AND a.truth <> b.truth) x
WHERE rn <= 12 ORDER BY set, id;
SQL
