# test/t/008_npidx_runs_corrupt.pl -- a corrupted sorted run or run list of
# an npidx index raises an error (index corrupted), never crashes the server:
# a run page whose pd_lower is below its header (the page header check on
# read lets that pass), and a metapage listing more runs than it has room for.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use NpidxTest;

my $BLCKSZ = 8192;
my $NPIDX_RUN = 1 << 6;
my $NPIDX_PAGE_ID = 0xF9E1;
# offset of nruns in the metapage: the page header (24 bytes) and
# offsetof(NpidxMetaPageData, nruns)
my $NRUNS_OFFSET = 24 + 60;

my $node = PostgreSQL::Test::Cluster->new('runs_corrupt');
$node->init;
# only the test folds the runs
$node->append_conf('postgresql.conf', "autovacuum = off\n");
$node->start;
$node->safe_psql('postgres', setup_sql());
$node->safe_psql('postgres',
	'ALTER INDEX art_fp SET (pending_list_limit = 64)');
# a few merges of the 64 kB list, each writing a sorted run
$node->safe_psql('postgres', insert_sql(150, 0, 2));
my $file = $node->data_dir . '/'
  . $node->safe_psql('postgres', q{SELECT pg_relation_filepath('art_fp')});

# the blocks of listed sorted runs (postings pages): every page flagged
# NPIDX_RUN, as a fold frees those of the runs it folds
sub run_blocks
{
	my @blocks;
	open(my $fh, '<:raw', $file) or die "open $file: $!";
	my $blkno = 0;
	my $page;
	while (read($fh, $page, $BLCKSZ) == $BLCKSZ)
	{
		my ($next, $bucket, $flags, $page_id) =
		  unpack('L L S S', substr($page, $BLCKSZ - 16, 12));
		push @blocks, $blkno
		  if $page_id == $NPIDX_PAGE_ID && ($flags & $NPIDX_RUN);
		$blkno++;
	}
	close($fh);
	return @blocks;
}

# write the bytes at offset of the file (server stopped)
sub patch_file
{
	my ($offset, $bytes) = @_;
	open(my $fh, '+<:raw', $file) or die "open $file: $!";
	seek($fh, $offset, 0) or die "seek: $!";
	print $fh $bytes;
	close($fh);
}

$node->safe_psql('postgres', 'CHECKPOINT');
$node->stop;
my @runs = run_blocks();
ok(@runs > 0, 'the index has sorted run pages (' . scalar(@runs) . ')');

# 1. a run page with pd_lower (offset 12) below the page header
patch_file($runs[0] * $BLCKSZ + 12, pack('S', 8));
$node->start;
my ($ret, $out, $err) = $node->psql('postgres',
	q{SELECT newsprint.npidx_clean_pending_list('art_fp')});
isnt($ret, 0, 'folding a run with a bad page fails');
like($err, qr/corrupt|not a page of run|bad/, "... with an error: $err");
is($node->safe_psql('postgres', 'SELECT 1'), '1',
	'... and the server is still up');
ok(!$node->log_contains('terminated by signal'), '... no backend crashed');

# 2. a metapage that lists more runs than it holds (a fold reads them all)
$node->safe_psql('postgres', 'REINDEX INDEX art_fp');
$node->safe_psql('postgres', insert_sql(150, 3, 4));
# the rebuilt index has a file of its own
$file = $node->data_dir . '/'
  . $node->safe_psql('postgres', q{SELECT pg_relation_filepath('art_fp')});
$node->safe_psql('postgres', 'CHECKPOINT');
$node->stop;
patch_file($NRUNS_OFFSET, pack('L', 5000));
$node->start;
($ret, $out, $err) = $node->psql('postgres',
	q{SELECT newsprint.npidx_clean_pending_list('art_fp')});
isnt($ret, 0, 'a fold of a metapage listing 5000 runs fails');
like($err, qr/corrupt|runs/, "... with an error: $err");
is($node->safe_psql('postgres', 'SELECT 1'), '1',
	'... and the server is still up');
ok(!$node->log_contains('terminated by signal'), '... no backend crashed');

# 3. an orphaned run page (as a merge that a crash stopped before it listed
# its run leaves): a copy of a listed run's page under an id no run has,
# appended to the index; VACUUM frees it, and only it
$node->safe_psql('postgres', 'REINDEX INDEX art_fp');
$node->safe_psql('postgres', insert_sql(150, 5, 6));
$file = $node->data_dir . '/'
  . $node->safe_psql('postgres', q{SELECT pg_relation_filepath('art_fp')});
$node->safe_psql('postgres', 'CHECKPOINT');
$node->stop;
@runs = run_blocks();
ok(@runs > 0, 'the rebuilt index has run pages');
my $orphan_blkno = (-s $file) / $BLCKSZ;
{
	open(my $fh, '<:raw', $file) or die "open $file: $!";
	seek($fh, $runs[0] * $BLCKSZ, 0) or die "seek: $!";
	my $page;
	read($fh, $page, $BLCKSZ) == $BLCKSZ or die "read: $!";
	close($fh);
	# the run id (the opaque's bucket field): one no run has
	substr($page, $BLCKSZ - 12, 4) = pack('L', 999999);
	# no checksums in this cluster; clear the LSN so that nothing is replayed over it
	substr($page, 0, 8) = pack('LL', 0, 0);
	patch_file($orphan_blkno * $BLCKSZ, $page);
}
$node->start;
is( $node->safe_psql(
		'postgres', q{
SET enable_seqscan = off;
SET search_path = newsprint, public;
SELECT count(*) FROM art WHERE fp % (SELECT fp FROM art WHERE id = 1005)}),
	$node->safe_psql(
		'postgres', q{
SET enable_indexscan = off; SET enable_bitmapscan = off;
SET search_path = newsprint, public;
SELECT count(*) FROM art WHERE fp % (SELECT fp FROM art WHERE id = 1005)}),
	'the orphan page changes no answer');
$node->safe_psql('postgres', 'VACUUM art');
$node->safe_psql('postgres', 'CHECKPOINT');
$node->stop;
my @left = run_blocks();
ok(!grep({ $_ == $orphan_blkno } @left), 'VACUUM freed the orphaned run page');
$node->start;

$node->stop;
done_testing();
