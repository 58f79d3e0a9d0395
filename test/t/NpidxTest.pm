# test/t/NpidxTest.pm -- shared set-up of the npidx TAP tests
#
# setup_sql() creates the article generator np_test_article(family, variant)
# and the table art(id, fam, body, fp) with an npidx index; answers($node)
# returns every threshold and nearest-neighbour answer for a set of query
# rows as one text, computed through the index (seq scans disabled) or,
# with answers($node, 'seq'), through sequential scans only; its options
# ask the same of another table, query rows and predicates.
package NpidxTest;

use strict;
use warnings;
use Exporter 'import';

our @EXPORT = qw(setup_sql insert_sql answers uses_index);

# Deterministic synthetic articles: family f, variant v (exact copy, 10%
# words replaced, lead-only excerpt, extra material appended, paragraph
# dropped) and a boilerplate footer shared by every fourth family.
sub setup_sql
{
	return q{
CREATE EXTENSION IF NOT EXISTS newsprint;
SET search_path = newsprint, public;
CREATE FUNCTION public.np_test_article(f int, v int) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg(w, ' ' ORDER BY i)
	FROM (
		SELECT i,
			CASE WHEN v % 5 IN (1, 4) AND hashint4(v * 7919 + f * 13 + i) % 10 = 0
				 THEN 'x' || (hashint4(v * 31 + f * 977 + i) & 65535)
				 ELSE 'w' || (hashint4(f * 1000 + i) & 4095) END AS w
		FROM generate_series(1, 120 + f % 80) i
		WHERE NOT (v % 5 = 2 AND i > (120 + f % 80) * 2 / 5)
		  AND NOT (v % 5 = 4 AND i BETWEEN 40 AND 70)
		UNION ALL
		SELECT 1000 + i, 'y' || (hashint4(f * 7 + v * 1000003 + i) & 65535)
		FROM generate_series(1, 60) i WHERE v % 5 = 3
		UNION ALL
		SELECT 2000 + i, (ARRAY['subscribe', 'to', 'our', 'newsletter', 'for',
								'more', 'news', 'every', 'morning'])[i]
		FROM generate_series(1, 9) i WHERE f % 4 = 0
	) words
$$;
CREATE TABLE public.art (id int PRIMARY KEY, fam int, body text, fp newsprint.fingerprint);
CREATE SEQUENCE public.art_ids START 10000000;
-- the table is loaded after the index: pre-size it (a few thousand rows)
CREATE INDEX art_fp ON public.art USING npidx (fp) WITH (buckets = 512);
};
}

# Insert the variants lo..hi of families 1..nfam.
sub insert_sql
{
	my ($nfam, $lo, $hi) = @_;
	return qq{
INSERT INTO public.art (id, fam, body, fp)
SELECT f * 1000 + v, f, public.np_test_article(f, v),
	   newsprint.fingerprint(public.np_test_article(f, v))
FROM generate_series(1, $nfam) f, generate_series($lo, $hi) v
ON CONFLICT DO NOTHING;
};
}

# All answers for a set of query rows, as one text, through the index
# ($how 'index', the default: seq scans disabled) or through sequential
# scans only ($how 'seq').  $rows picks the query rows q: a number n is
# every row with q.id % n = 0 (default 7), anything else a condition on q.
# Options:
#   table      the table, with columns id and fp (default art);
#   predicates conditions on a row a and the query q, each a column (default:
#              %, <%, is_contained at 0.6 and same_story);
#   count      1 for the number of rows each predicate finds (default: their
#              ids, sorted);
#   nearest    the nearest neighbours by <->: with count, the number of exact
#              copies (distance 0) among the nearest n; otherwise the 5
#              nearest distances (default 5).
sub answers
{
	my ($node, $how, $rows, %opt) = @_;
	my $table = $opt{table} // 'art';
	my $preds = $opt{predicates} // [
		'a.fp % q.fp', 'a.fp <% q.fp', 'is_contained(q.fp, a.fp, 0.6)',
		'same_story(a.fp, q.fp)' ];
	my $nearest = $opt{nearest} // 5;
	$rows //= 7;
	$rows = "q.id % $rows = 0" if $rows =~ /^\d+$/;
	my $set = ($how // 'index') eq 'seq'
	  ? 'SET enable_indexscan = off; SET enable_bitmapscan = off;'
	  : 'SET enable_seqscan = off;';
	my @cols = map {
		$opt{count}
		  ? "(SELECT count(*) FROM $table a WHERE $_)"
		  : "ARRAY(SELECT a.id FROM $table a WHERE $_ ORDER BY 1)"
	} @$preds;
	push @cols, $opt{count}
	  ? "(SELECT count(*) FILTER (WHERE d = 0)\n\t FROM (SELECT a.fp <-> q.fp AS d FROM $table a ORDER BY a.fp <-> q.fp LIMIT $nearest) s)"
	  : "ARRAY(SELECT round((a.fp <-> q.fp)::numeric, 9) FROM $table a ORDER BY a.fp <-> q.fp LIMIT $nearest)";
	my $cols = join(",\n\t", @cols);
	return $node->safe_psql('postgres', qq{
$set
SET search_path = newsprint, public;
SELECT q.id,
	$cols
FROM $table q WHERE $rows ORDER BY q.id;
});
}

# Does the threshold query plan use the npidx index?
sub uses_index
{
	my ($node) = @_;
	my $plan = $node->safe_psql('postgres', q{
SET enable_seqscan = off;
SET search_path = newsprint, public;
EXPLAIN (COSTS OFF) SELECT id FROM art WHERE fp % (SELECT fp FROM art LIMIT 1);
});
	return $plan =~ /art_fp/;
}

1;
