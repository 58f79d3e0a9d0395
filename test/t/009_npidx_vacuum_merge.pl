# test/t/009_npidx_vacuum_merge.pl -- inserts go on merging the pending list
# of an npidx index while a (slow, cost-delayed) VACUUM scans the index's
# pages: the list stays near pending_list_limit instead of growing for as
# long as the scan takes.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;

my $node = PostgreSQL::Test::Cluster->new('vacuum_merge');
$node->init;
$node->append_conf('postgresql.conf', "autovacuum = off\n");
$node->start;
$node->safe_psql('postgres', q{
CREATE EXTENSION newsprint;
CREATE TABLE t (id int, body text, fp newsprint.fingerprint);
CREATE FUNCTION art(i int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg('w' || (hashint4(i * 1000 + j) & 65535), ' ')
	FROM generate_series(1, 150) j $$;
INSERT INTO t SELECT i, art(i), newsprint.fingerprint(art(i))
FROM generate_series(1, 6000) i;
CREATE INDEX t_fp ON t USING npidx (fp) WITH (pending_list_limit = 64);
VACUUM t;
});
my $index_pages = $node->safe_psql('postgres',
	q{SELECT pg_relation_size('t_fp') / 8192});
ok($index_pages > 300, "the index has $index_pages pages");

# a VACUUM that sleeps 20 ms a page: its scan of the index takes seconds
my ($out, $err) = ('', '');
my $bg = IPC::Run::start(
	[
		'psql', '-X', '-d', $node->connstr('postgres'),
		'-c', 'SET vacuum_cost_delay = 20',
		'-c', 'SET vacuum_cost_limit = 1',
		'-c', 'VACUUM t'
	],
	'>', \$out, '2>', \$err);
ok( $node->poll_query_until(
		'postgres',
		q{SELECT phase = 'cleaning up indexes' FROM pg_stat_progress_vacuum},
		't'),
	'the VACUUM reached its index cleanup');

# 1500 rows (a 64 kB list holds about a tenth of them) while it scans
$node->safe_psql('postgres', q{
INSERT INTO t SELECT i, art(i), newsprint.fingerprint(art(i))
FROM generate_series(100001, 101500) i;
});
my $still = $node->safe_psql('postgres',
	q{SELECT count(*) FROM pg_stat_progress_vacuum});
my $pending = $node->safe_psql('postgres', q{
SET enable_seqscan = off;
SET search_path = newsprint, public;
SELECT count(*) >= 0 FROM t WHERE fp % (SELECT fp FROM t WHERE id = 5);
SELECT pending_rows FROM npidx_scan_stats();
});
$pending = (split /\n/, $pending)[-1];
is($still, '1', 'the VACUUM was still running after the inserts');
cmp_ok($pending, '<', 600,
	"inserts merged the pending list during the VACUUM ($pending rows pending of 1500)");
$bg->finish;
is($err, '', 'the VACUUM ended without error');

$node->stop;
done_testing();
