# test/t/010_npidx_spill_crash.pl -- crash recovery of an npidx index whose
# build spilled chain tails into later bucket heads (format 4: the upper
# byte of a head's flags is the distance to the head holding its tail).
# Inserts (merged from a small pending list into the chains, explicitly
# too), deletes and VACUUMs (which remove dead postings from the spilled
# tails as well) run until an immediate stop; after recovery, with
# wal_consistency_checking on for the generic WAL records npidx writes,
# every predicate answers through the index what a sequential scan answers.
# The copies of one text fill its buckets past their head pages: a scan
# that did not follow the spills would find too few of them (test/sql/index
# has the same table).
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use IPC::Run;
use NpidxTest;

my $node = PostgreSQL::Test::Cluster->new('spill_crash');
$node->init;
# frequent checkpoints, so that recovery replays full-page images as well;
# crash recovery compares each generic WAL record's result with a full-page
# image taken with it (see 001_npidx_replica.pl)
$node->append_conf('postgresql.conf', qq{
checkpoint_timeout = 30s
wal_consistency_checking = 'generic'
autovacuum = off
});
$node->start;

# 700 copies of one text among 1,000 rows (ids 1..1000, i % 10 < 7), the
# others distinct; the build spills the tails of the copies' buckets
$node->safe_psql('postgres', q{
CREATE EXTENSION newsprint;
CREATE FUNCTION copy_text() RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg('w' || (hashint4(j) & 65535), ' ') FROM generate_series(1, 100) j $$;
CREATE FUNCTION other_text(i int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg(CASE WHEN j % 4 = 0 THEN 'w' || (hashint4(j) & 65535)
					  ELSE 'u' || (hashint4(i * 1000 + j) & 65535) END, ' ')
	FROM generate_series(1, 100) j $$;
CREATE TABLE spill (id int PRIMARY KEY, fp newsprint.fingerprint);
CREATE SEQUENCE spill_ids START 100000;
INSERT INTO spill
SELECT i, newsprint.fingerprint(CASE WHEN i % 10 < 7 THEN copy_text() ELSE other_text(i) END)
FROM generate_series(1, 1000) i;
CREATE INDEX spill_fp ON spill USING npidx (fp) WITH (pending_list_limit = 64);
});

# All answers for a few query rows (a copy, two other texts, the last row
# inserted), through the index or through sequential scans only: how many
# rows each predicate finds, and how many exact copies are among the 900
# nearest.
sub answers_spill
{
	my ($how) = @_;
	return answers($node, $how,
		'q.id IN (1, 8, 19) OR q.id = (SELECT max(id) FROM spill)',
		table => 'spill', count => 1, nearest => 900,
		predicates => [
			'a.fp % q.fp', 'a.fp <% q.fp', 'is_similar(a.fp, q.fp, 0.95)',
			'same_story(a.fp, q.fp, 0.95)', 'is_contained(a.fp, q.fp, 0.95)',
			'is_similar(a.fp, q.fp, 0.2)', 'same_story(a.fp, q.fp)' ]);
}

# The copies of the text found through the index: at 0.95 a copy must find
# nearly all of its 100 keys, and one whose postings are in a spilled tail
# is lost when the scan does not read the spill (the build's 700 copies
# give 534 then)
sub copies_by_index
{
	return $node->safe_psql('postgres', q{
SET enable_seqscan = off;
SELECT count(*) FROM spill WHERE newsprint.same_story(fp, newsprint.fingerprint(copy_text()), 0.95);
});
}

my $plan = $node->safe_psql('postgres', q{
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM spill
WHERE newsprint.same_story(fp, newsprint.fingerprint(copy_text()), 0.95);
});
like($plan, qr/spill_fp/, 'the copies are counted through the index');
is(copies_by_index(), '700', 'as built: the index finds the 700 copies');
is(answers_spill('index'), answers_spill('seq'), 'as built: index answers equal a seq scan');

# inserts of copies and other texts, one a transaction, deletes of built
# rows (copies and others), merges of the pending list: forever
$node->safe_psql('postgres', q{
CREATE PROCEDURE write_forever() LANGUAGE plpgsql AS $$
DECLARE
	i int := 0;
BEGIN
	LOOP
		i := i + 1;
		INSERT INTO spill
		SELECT nextval('spill_ids'),
			   newsprint.fingerprint(CASE WHEN i % 2 = 0 THEN copy_text() ELSE other_text(i + 5000) END);
		IF i % 5 = 0 THEN
			DELETE FROM spill WHERE id = 2 + (i / 5 * 7) % 999;
		END IF;
		IF i % 40 = 0 THEN
			PERFORM newsprint.npidx_clean_pending_list('spill_fp');
		END IF;
		COMMIT;
		PERFORM pg_sleep(0.002);
	END LOOP;
END
$$;
});

my @vacuums = map { ('-c', 'SELECT pg_sleep(0.3)', '-c', 'VACUUM spill') } 1 .. 100;
my ($out, $err, $vout, $verr) = ('', '', '', '');
my $writer = IPC::Run::start(
	[ 'psql', '-X', '-d', $node->connstr('postgres'), '-c', 'CALL write_forever()' ],
	'>', \$out, '2>', \$err);
my $vacuum = IPC::Run::start(
	[ 'psql', '-X', '-d', $node->connstr('postgres'), @vacuums ],
	'>', \$vout, '2>', \$verr);
sleep(2);
$node->safe_psql('postgres', 'CHECKPOINT');
sleep(2);
my $before = $node->safe_psql('postgres',
	'SELECT count(*) FILTER (WHERE id >= 100000), 1000 - count(*) FILTER (WHERE id <= 1000) FROM spill');
my ($inserted, $deleted) = split /\|/, $before;
ok($inserted > 50 && $deleted > 10,
	"writes were running ($inserted rows inserted, $deleted built rows deleted)");

$node->stop('immediate');
eval { $writer->finish; };
eval { $vacuum->finish; };
$node->start;

my $after = $node->safe_psql('postgres',
	'SELECT count(*) FILTER (WHERE id >= 100000) FROM spill');
ok($after >= $inserted, "committed rows survived ($after >= $inserted)");
my $copies = $node->safe_psql('postgres', q{
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SELECT count(*) FROM spill WHERE newsprint.same_story(fp, newsprint.fingerprint(copy_text()), 0.95);
});
is(copies_by_index(), $copies,
	"after crash recovery: the index finds the $copies copies a seq scan finds");
is(answers_spill('index'), answers_spill('seq'),
	'after crash recovery: index answers equal a seq scan');

# the recovered index keeps accepting deletes, VACUUM, inserts and merges
$node->safe_psql('postgres', q{
DELETE FROM spill WHERE id % 5 = 0 AND id <> 1;
VACUUM spill;
INSERT INTO spill SELECT nextval('spill_ids'), newsprint.fingerprint(copy_text())
FROM generate_series(1, 200);
SELECT newsprint.npidx_clean_pending_list('spill_fp');
});
is(answers_spill('index'), answers_spill('seq'),
	'after deletes, VACUUM, inserts and a merge: index answers equal a seq scan');

$node->stop;
done_testing();
