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

# an error inside the write before PREPARE (a cancel that a deferred
# trigger sends its own backend: deferred triggers fire just before the
# write, whose first CHECK_FOR_INTERRUPTS raises it) aborts the
# transaction: nothing is prepared, the rows the write left in the index
# are dead ones, and the answers are a seq scan's
$node->safe_psql('postgres', q{
CREATE TABLE cancel_at_prepare (x int);
CREATE FUNCTION cancel_own_backend() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RETURN CASE WHEN pg_cancel_backend(pg_backend_pid()) THEN NULL END;
END
$$;
CREATE CONSTRAINT TRIGGER cancel_at_prepare AFTER INSERT ON cancel_at_prepare
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cancel_own_backend();
});
my $rows1 = $node->safe_psql('postgres', 'SELECT count(*) FROM art');
foreach my $nfam (150, 3)
{
	my ($ret, $out, $err) = $node->psql('postgres',
		"SET newsprint.npidx_defer_inserts = on; BEGIN;"
		  . insert_sql($nfam, 9, 9)
		  . "INSERT INTO cancel_at_prepare VALUES (1);"
		  . "PREPARE TRANSACTION 'cancelled';");
	like($err, qr/canceling statement due to user request/,
		"$nfam families: the write before PREPARE was cancelled");
}
is($node->safe_psql('postgres', 'SELECT count(*) FROM pg_prepared_xacts'),
	'0', 'nothing was prepared');
is($node->safe_psql('postgres', 'SELECT count(*) FROM art'),
	$rows1, 'the cancelled transactions left no rows');
is(answers($node, 'index', 7), answers($node, 'seq', 7),
	'after cancelled writes before PREPARE: index answers equal a seq scan');

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
