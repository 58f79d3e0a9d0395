-- bench/story_eval.sql -- agreement of a clustering with planted truth
--
-- Defines pg_temp.story_eval(), which reads a table or view
-- story_eval_input (id bigint, truth text, story bigint) and returns the
-- adjusted Rand index (Hubert and Arabie 1985), pairwise precision and
-- recall (a pair is positive when both articles are in one story), the
-- clusters that mix planted stories, and the largest cluster.
CREATE FUNCTION pg_temp.story_eval()
RETURNS TABLE (articles bigint, planted_stories bigint, clusters bigint, ari numeric,
			   pair_precision numeric, pair_recall numeric, mixed_clusters bigint,
			   largest_cluster bigint)
LANGUAGE sql AS $$
WITH cells AS (
	SELECT truth, story, count(*)::numeric AS n FROM story_eval_input GROUP BY truth, story
), sums AS (
	SELECT (SELECT count(*)::numeric FROM story_eval_input) AS n,
		   (SELECT sum(n * (n - 1) / 2) FROM cells) AS same_both,
		   (SELECT sum(c * (c - 1) / 2) FROM (SELECT count(*)::numeric AS c FROM story_eval_input GROUP BY story) s) AS same_pred,
		   (SELECT sum(c * (c - 1) / 2) FROM (SELECT count(*)::numeric AS c FROM story_eval_input GROUP BY truth) t) AS same_truth
)
SELECT s.n::bigint,
	   (SELECT count(DISTINCT truth) FROM story_eval_input),
	   (SELECT count(DISTINCT story) FROM story_eval_input),
	   round((s.same_both - s.same_pred * s.same_truth / (s.n * (s.n - 1) / 2)) /
			 nullif((s.same_pred + s.same_truth) / 2 - s.same_pred * s.same_truth / (s.n * (s.n - 1) / 2), 0), 4),
	   round(s.same_both / nullif(s.same_pred, 0), 4),
	   round(s.same_both / nullif(s.same_truth, 0), 4),
	   (SELECT count(*) FROM (SELECT story FROM story_eval_input GROUP BY story
							  HAVING count(DISTINCT truth) > 1) m),
	   (SELECT max(c) FROM (SELECT count(*) AS c FROM story_eval_input GROUP BY story) x)
FROM sums s
$$;
