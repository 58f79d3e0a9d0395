# test/t/002_npidx_crash.pl -- an immediate stop in the middle of inserts
# into an npidx index (pending list and its merges into the buckets); after
# crash recovery the index answers what a sequential scan answers, and
# keeps working.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use NpidxTest;

my $node = PostgreSQL::Test::Cluster->new('crash');
$node->init;
# frequent checkpoints, so that recovery replays full-page images as well
$node->append_conf('postgresql.conf', "checkpoint_timeout = 30s\n");
# crash recovery compares every generic WAL record's result with a
# full-page image taken with it (see 001_npidx_replica.pl)
$node->append_conf('postgresql.conf', "wal_consistency_checking = 'generic'\n");
$node->start;
$node->safe_psql('postgres', setup_sql());
# a small pending list: many merges into the buckets while inserts run; and
# few buckets, so that merges link in new bucket pages from runs of blocks
# added in bulk, some of them unused when the server stops
$node->safe_psql('postgres', q{
ALTER INDEX art_fp SET (pending_list_limit = 64, buckets = 16);
REINDEX INDEX art_fp;
});
$node->safe_psql('postgres', insert_sql(100, 0, 1));

# a procedure that inserts and commits one article at a time, forever
$node->safe_psql('postgres', q{
CREATE PROCEDURE insert_forever() LANGUAGE plpgsql AS $$
DECLARE
	i int := 0;
BEGIN
	LOOP
		i := i + 1;
		INSERT INTO art (id, fam, body, fp)
		SELECT nextval('art_ids'), f, np_test_article(f, v),
			   newsprint.fingerprint(np_test_article(f, v))
		FROM (SELECT 1 + i % 150 AS f, 2 + i % 3 AS v) s;
		IF i % 7 = 0 THEN
			DELETE FROM art WHERE id = (SELECT max(id) FROM art);
		END IF;
		COMMIT;
	END LOOP;
END
$$;
});

# run it in the background (a plain psql process: nothing waits for it)
my ($out, $err) = ('', '');
my $bg = IPC::Run::start(
	[ 'psql', '-X', '-d', $node->connstr('postgres'), '-c', 'CALL insert_forever()' ],
	'>', \$out, '2>', \$err);
# let it run for a while, and through a checkpoint
sleep(2);
$node->safe_psql('postgres', 'CHECKPOINT');
sleep(1);
my $before = $node->safe_psql('postgres', 'SELECT count(*) FROM art');
ok($before > 200, "inserts were running ($before rows)");

$node->stop('immediate');
eval { $bg->finish; };
$node->start;

my $rows = $node->safe_psql('postgres', 'SELECT count(*) FROM art');
ok($rows >= $before, "committed rows survived ($rows >= $before)");
ok(uses_index($node), 'plans use the index after recovery');
# every 17th row as a query row keeps the comparisons quick
is(answers($node, 'index', 17), answers($node, 'seq', 17),
	'after crash recovery: index answers equal a seq scan');

# the recovered index keeps accepting inserts and vacuum
$node->safe_psql('postgres', insert_sql(150, 3, 4));
$node->safe_psql('postgres', 'DELETE FROM art WHERE id % 4 = 0; VACUUM art;');
is(answers($node, 'index', 17), answers($node, 'seq', 17),
	'after more inserts and vacuum: index answers equal a seq scan');

$node->stop;
done_testing();
