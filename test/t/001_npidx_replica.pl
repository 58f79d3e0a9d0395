# test/t/001_npidx_replica.pl -- a streaming replica of an npidx index
# returns the primary's answers after inserts, deletes and VACUUM.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use NpidxTest;

my $primary = PostgreSQL::Test::Cluster->new('primary');
$primary->init(allows_streaming => 1);
# the standby replays every generic WAL record against a full-page image
# taken with it, and stops if the pages differ: this checks the records npidx
# builds itself (only the appended bytes, NpidxLogInPlace) as well as those
# of GenericXLogFinish
$primary->append_conf('postgresql.conf', "wal_consistency_checking = 'generic'\n");
$primary->start;
$primary->safe_psql('postgres', setup_sql());
$primary->safe_psql('postgres', insert_sql(120, 0, 2));

$primary->backup('bk');
my $standby = PostgreSQL::Test::Cluster->new('standby');
$standby->init_from_backup($primary, 'bk', has_streaming => 1);
$standby->start;

# Compare the standby's index answers with the primary's and with its own
# sequential scans.
sub check
{
	my ($step) = @_;
	$primary->wait_for_catchup($standby);
	# every 11th row as a query row keeps the comparisons quick
	my $p = answers($primary, 'index', 11);
	my $s = answers($standby, 'index', 11);
	ok(length($p) > 1000, "$step: non-trivial answers");
	is($s, $p, "$step: standby index answers equal the primary's");
	is(answers($standby, 'seq', 11), $s, "$step: standby index answers equal a seq scan");
}

ok(uses_index($standby), 'the standby plans use the index');
check('after backup');

# inserts through aminsert (generic WAL): they wait in the pending list
# (written there at commit, a limit large enough for all of them)
$primary->safe_psql('postgres', 'ALTER INDEX art_fp SET (pending_list_limit = 65536)');
$primary->safe_psql('postgres', insert_sql(200, 3, 4));
check('after inserts');

# the pending list merged into the buckets
is($primary->safe_psql('postgres',
		"SELECT newsprint.npidx_clean_pending_list('art_fp') > 0"),
	't', 'the pending list held rows');
check('after merging the pending list');

# many merges on the way (a small pending list)
$primary->safe_psql('postgres', 'ALTER INDEX art_fp SET (pending_list_limit = 64)');
$primary->safe_psql('postgres', insert_sql(200, 7, 8));
check('after inserts with merges');

# rows kept in the backend until commit (newsprint.npidx_defer_inserts),
# more than the small pending list holds: written at commit in one sweep
# into the buckets
$primary->safe_psql('postgres',
	'SET newsprint.npidx_defer_inserts = on;' . insert_sql(200, 5, 6));
check('after a deferred insert, swept at commit');

# a sweep that spills the part-page tails of full buckets into later heads
# instead of new pages (NpidxLogSpill: the postings and the distance set
# in the bucket's head in one record): 700 copies of one text into an index
# built at fillfactor 50 on other texts (test/sql/index has the same table;
# 243 pages after the sweep without the spills)
$primary->safe_psql('postgres', q{
CREATE TABLE sweep (id int PRIMARY KEY, fp newsprint.fingerprint);
INSERT INTO sweep
SELECT i, newsprint.fingerprint((SELECT string_agg('u' || (hashint4(i * 1000 + j) & 65535), ' ')
	FROM generate_series(1, 100) j))
FROM generate_series(1, 1000) i;
CREATE INDEX sweep_fp ON sweep USING npidx (fp) WITH (fillfactor = 50, pending_list_limit = 64);
SET newsprint.npidx_defer_inserts = on;
INSERT INTO sweep
SELECT i, newsprint.fingerprint((SELECT string_agg('w' || (hashint4(j) & 65535), ' ')
	FROM generate_series(1, 100) j))
FROM generate_series(1001, 1700) i;
});
my $sweep_pages = $primary->safe_psql('postgres',
	"SELECT pg_relation_size('sweep_fp') / 8192");
ok($sweep_pages < 200, "the sweep spilled ($sweep_pages pages)");
$primary->wait_for_catchup($standby);
is($standby->safe_psql('postgres', q{
SET enable_seqscan = off;
SELECT count(*) FROM sweep
WHERE newsprint.same_story(fp, (SELECT fp FROM sweep WHERE id = 1001), 0.95);
}), '700', 'after a sweep that spilled: the standby index finds the 700 copies');

# deletes and VACUUM (bulk delete, page unlinking)
$primary->safe_psql('postgres', q{
DELETE FROM art WHERE id % 3 = 0;
UPDATE art SET fp = newsprint.fingerprint(body || ' corrected') WHERE id % 5 = 1;
VACUUM art;
});
check('after delete + vacuum');

$primary->safe_psql('postgres', q{DELETE FROM art WHERE fam > 20; VACUUM art;});
$primary->safe_psql('postgres', insert_sql(250, 5, 6));
check('after emptying most pages and refilling');

# a rebuild is WAL-logged in bulk (log_newpage_range)
$primary->safe_psql('postgres', 'REINDEX INDEX art_fp');
check('after REINDEX');
$primary->safe_psql('postgres', 'REINDEX INDEX CONCURRENTLY art_fp');
check('after REINDEX CONCURRENTLY');

# few buckets, long chains: merges link in new bucket pages, taken from runs
# of blocks that extend the index in bulk (NpidxReserveBegin) and logged as
# a full image plus the head's delta (NpidxLogNewChainPage); VACUUM then
# frees emptied pages and finds any never-written ones
$primary->safe_psql('postgres', q{
ALTER INDEX art_fp SET (buckets = 16);
REINDEX INDEX art_fp;
});
my $size0 = $primary->safe_psql('postgres', "SELECT pg_relation_size('art_fp')");
$primary->safe_psql('postgres', insert_sql(250, 9, 11));
my $size1 = $primary->safe_psql('postgres', "SELECT pg_relation_size('art_fp')");
ok($size1 > $size0 + 16 * 8192, "merges into 16 buckets added pages ($size0 to $size1 bytes)");
check('after merges that link in new bucket pages');
$primary->safe_psql('postgres', q{DELETE FROM art WHERE id % 2 = 0; VACUUM art;});
$primary->safe_psql('postgres', insert_sql(250, 12, 13));
check('after vacuum and more merges into 16 buckets');

$standby->stop;
$primary->stop;
done_testing();
