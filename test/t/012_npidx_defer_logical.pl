# test/t/012_npidx_defer_logical.pl -- a logical replica's apply worker with
# newsprint.npidx_defer_inserts on keeps the rows of each transaction it
# applies and writes them when that transaction commits: the subscriber's
# index returns what its sequential scans do.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use NpidxTest;

my $publisher = PostgreSQL::Test::Cluster->new('publisher');
$publisher->init(allows_streaming => 'logical');
$publisher->start;
$publisher->safe_psql('postgres', setup_sql());
$publisher->safe_psql('postgres', insert_sql(60, 0, 1));
$publisher->safe_psql('postgres', 'CREATE PUBLICATION art_pub FOR TABLE art');

# the setting in the subscriber's configuration reaches its apply worker
my $subscriber = PostgreSQL::Test::Cluster->new('subscriber');
$subscriber->init;
$subscriber->append_conf('postgresql.conf', "newsprint.npidx_defer_inserts = on\n");
$subscriber->start;
$subscriber->safe_psql('postgres', setup_sql());
# a small pending list: a transaction's rows kept until its commit go to
# the buckets in one sweep, rows inserted one by one would leave the last
# of them in the list
$subscriber->safe_psql('postgres', 'ALTER INDEX art_fp SET (pending_list_limit = 64)');
my $connstr = $publisher->connstr . ' dbname=postgres';
$subscriber->safe_psql('postgres',
	"CREATE SUBSCRIPTION art_sub CONNECTION '$connstr' PUBLICATION art_pub");
$subscriber->wait_for_subscription_sync($publisher, 'art_sub');

# Compare the subscriber's index answers with its sequential scans, and
# count the rows its index scans read from the pending list.
sub check
{
	my ($step) = @_;
	$publisher->wait_for_catchup('art_sub');
	is($subscriber->safe_psql('postgres', 'SELECT count(*) FROM art'),
		$publisher->safe_psql('postgres', 'SELECT count(*) FROM art'),
		"$step: every row applied");
	my $idx = answers($subscriber, 'index', 11);
	ok(length($idx) > 1000, "$step: non-trivial answers");
	is($idx, answers($subscriber, 'seq', 11),
		"$step: subscriber index answers equal a seq scan");
}

check('after the initial copy');

# one transaction of many rows, applied as one
$publisher->safe_psql('postgres', insert_sql(150, 2, 4));
check('after a large applied transaction');
is($subscriber->safe_psql('postgres', q{
SET enable_seqscan = off;
SELECT count(*) >= 0 FROM art WHERE newsprint.same_story(fp, (SELECT fp FROM art LIMIT 1));
SELECT pending_rows FROM newsprint.npidx_scan_stats();
}), "t\n0", 'the applied rows went to the buckets in one sweep at commit');

# many small transactions, deletes and updates
foreach my $v (5 .. 8)
{
	$publisher->safe_psql('postgres', insert_sql(20, $v, $v));
}
$publisher->safe_psql('postgres', q{
DELETE FROM art WHERE id % 3 = 0;
UPDATE art SET fp = newsprint.fingerprint(body || ' corrected') WHERE id % 5 = 1;
});
check('after small transactions, deletes and updates');
$subscriber->safe_psql('postgres', 'VACUUM art');
check('after VACUUM on the subscriber');

$subscriber->stop;
$publisher->stop;
done_testing();
