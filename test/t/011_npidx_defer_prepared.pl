# test/t/011_npidx_defer_prepared.pl -- rows kept in the backend until
# commit (newsprint.npidx_defer_inserts) reach the index before PREPARE
# TRANSACTION: after an immediate stop and crash recovery, COMMIT PREPARED
# makes them visible and the index finds them; ROLLBACK PREPARED leaves only
# dead rows, which the index may hold and VACUUM removes.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use NpidxTest;

my $node = PostgreSQL::Test::Cluster->new('prepared');
$node->init;
$node->append_conf('postgresql.conf', "max_prepared_transactions = 5\n");
# recovery compares every generic WAL record's result with a full-page
# image taken with it (see 001_npidx_replica.pl)
$node->append_conf('postgresql.conf', "wal_consistency_checking = 'generic'\n");
$node->start;
$node->safe_psql('postgres', setup_sql());
$node->safe_psql('postgres', insert_sql(100, 0, 1));
# a small pending list: the large transaction's rows are swept into the
# buckets before PREPARE, the small one's go to the pending list
$node->safe_psql('postgres', 'ALTER INDEX art_fp SET (pending_list_limit = 64)');
my $rows0 = $node->safe_psql('postgres', 'SELECT count(*) FROM art');

$node->safe_psql('postgres',
	"SET newsprint.npidx_defer_inserts = on; BEGIN;"
	  . insert_sql(150, 2, 4)
	  . "PREPARE TRANSACTION 'swept';");
$node->safe_psql('postgres',
	"SET newsprint.npidx_defer_inserts = on; BEGIN;"
	  . insert_sql(3, 5, 5)
	  . "PREPARE TRANSACTION 'pending';");
$node->safe_psql('postgres',
	"SET newsprint.npidx_defer_inserts = on; BEGIN;"
	  . insert_sql(150, 6, 7)
	  . "PREPARE TRANSACTION 'dropped';");
is($node->safe_psql('postgres', 'SELECT count(*) FROM art'),
	$rows0, 'prepared rows are not visible yet');

$node->stop('immediate');
$node->start;

$node->safe_psql('postgres', "COMMIT PREPARED 'swept'");
$node->safe_psql('postgres', "COMMIT PREPARED 'pending'");
$node->safe_psql('postgres', "ROLLBACK PREPARED 'dropped'");
is($node->safe_psql('postgres', 'SELECT count(*) FROM art'),
	$rows0 + 150 * 3 + 3, 'committed prepared rows are visible');
ok(uses_index($node), 'plans use the index after recovery');
is(answers($node, 'index', 7), answers($node, 'seq', 7),
	'after COMMIT PREPARED across a restart: index answers equal a seq scan');

$node->safe_psql('postgres', 'VACUUM art');
is(answers($node, 'index', 7), answers($node, 'seq', 7),
	'after VACUUM: index answers equal a seq scan');

# the same without the setting: each row to the pending list at once
$node->safe_psql('postgres',
	"BEGIN;" . insert_sql(150, 8, 8) . "PREPARE TRANSACTION 'plain';");
$node->stop('immediate');
$node->start;
$node->safe_psql('postgres', "COMMIT PREPARED 'plain'");
is(answers($node, 'index', 7), answers($node, 'seq', 7),
	'a prepared transaction without the setting: index answers equal a seq scan');

$node->stop;
done_testing();
