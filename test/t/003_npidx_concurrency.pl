# test/t/003_npidx_concurrency.pl -- pgbench with concurrent inserters,
# deleters (with VACUUM) and searchers on an npidx index: no search loses a
# row that is there, and afterwards the index answers what a seq scan does.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use NpidxTest;

my $node = PostgreSQL::Test::Cluster->new('concurrency');
$node->init;
$node->start;
$node->safe_psql('postgres', setup_sql());
# the searched rows (ids below 10000000) are never deleted
$node->safe_psql('postgres', insert_sql(150, 0, 2));
# the rows searched for: never deleted, and with a non-empty sample (so
# that every predicate holds between the row and itself)
$node->safe_psql('postgres', q{
CREATE TABLE probe AS
	SELECT row_number() OVER (ORDER BY id) AS n, id FROM art
	WHERE newsprint.sample_size(fp) > 0;
ANALYZE art;
});
my $nprobe = $node->safe_psql('postgres', 'SELECT count(*) FROM probe');
ok($nprobe > 300, "$nprobe rows to search for");

# One pgbench round: clients insert (INSERT_SQL, weight WI), delete the
# newest inserted rows and VACUUM (DELETE_SQL, weight 1), and search
# (weight WS) for rows that are never deleted, failing (division by zero)
# when a search misses the row itself.  TAG names the round's script
# files, which PostgreSQL::Test::Cluster wants new in every call.
sub pgbench_round
{
	my ($tag, $name, $transactions, $wi, $insert_sql, $delete_sql, $ws) = @_;
	my $total = 6 * $transactions;

	$node->pgbench(
		"--no-vacuum --client=6 --jobs=2 --transactions=$transactions",
		0,
		[qr{processed: $total/$total}],
		[qr{^$}],
		$name,
		{
			"npidx_insert_$tag\@$wi" => $insert_sql,
			"npidx_delete_$tag\@1" => $delete_sql . "VACUUM art;\n",
			"npidx_search_$tag\@$ws" => "\\set n random(1, $nprobe)\n" . q{
SET search_path = newsprint, public;
SET enable_seqscan = off;
SELECT id AS qid FROM probe WHERE n = :n \gset
SELECT 1 / (count(*) FILTER (WHERE id = :qid))::int FROM art WHERE fp % (SELECT fp FROM art WHERE id = :qid);
SELECT 1 / (count(*) FILTER (WHERE id = :qid))::int FROM art WHERE same_story(fp, (SELECT fp FROM art WHERE id = :qid));
SELECT 1 / (count(*) FILTER (WHERE d = 0))::int FROM (SELECT fp <-> (SELECT fp FROM art WHERE id = :qid) AS d FROM art ORDER BY fp <-> (SELECT fp FROM art WHERE id = :qid) LIMIT 1) s;
}
		});
	return;
}

pgbench_round('one', 'concurrent inserts, deletes, vacuum and searches', 60, 3, q{
\set f random(1, 150)
\set v random(3, 60)
INSERT INTO art (id, fam, body, fp)
SELECT nextval('art_ids'), :f, np_test_article(:f, :v), newsprint.fingerprint(np_test_article(:f, :v));
}, q{
DELETE FROM art WHERE id = (SELECT max(id) FROM art WHERE id >= 10000000);
}, 4);

ok(uses_index($node), 'plans use the index');
is(answers($node), answers($node, 'seq'), 'after the run: index answers equal a seq scan');
$node->safe_psql('postgres', 'VACUUM art');
is(answers($node), answers($node, 'seq'), 'after a final vacuum: index answers equal a seq scan');

# Again with a 64 kB pending list and ten rows an insert, so that the list
# passes its limit every few inserts and merges into the buckets run
# concurrently with one another's attempts, with searches and with VACUUM
# (the round above, with the default list, merges little).
$node->safe_psql('postgres',
	'ALTER INDEX art_fp SET (pending_list_limit = 64)');
pgbench_round('merge',
	'concurrent inserts merging a small pending list, vacuum and searches',
	80, 4, q{
\set f random(1, 150)
\set v random(100, 1000)
INSERT INTO art (id, fam, body, fp)
SELECT nextval('art_ids'), :f, np_test_article(:f, :v + g), newsprint.fingerprint(np_test_article(:f, :v + g))
FROM generate_series(1, 10) g;
}, q{
DELETE FROM art WHERE id IN (SELECT id FROM art WHERE id >= 10000000 ORDER BY id DESC LIMIT 5);
}, 5);
is(answers($node), answers($node, 'seq'),
	'after merges of a small pending list: index answers equal a seq scan');
$node->safe_psql('postgres', insert_sql(150, 20, 22));
is(answers($node), answers($node, 'seq'),
	'with rows pending: index answers equal a seq scan');
$node->safe_psql('postgres',
	q{SELECT newsprint.npidx_clean_pending_list('art_fp')});
is(answers($node), answers($node, 'seq'),
	'after the pending list is merged: index answers equal a seq scan');

$node->stop;
done_testing();
