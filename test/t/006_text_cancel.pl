# test/t/006_text_cancel.pl -- statement_timeout stops every text function
# at once on large ordinary input (issue 9, item 4).
#
# Before 0.2 the cleaner and the entity extractor never checked for
# interrupts: clean() on 400 MB with a 2 s timeout returned after 4.8 s,
# entity_mentions() on 56 MB with a 1 s timeout ran for 6 to 13 s.  Here
# each function gets about 100 MB of plain news text (60 MB for the entity
# extractor, whose limit is 64 MB), which takes it seconds.  The text is
# made by repeat() inside the statement (read from a table, its
# detoasting alone would take seconds), so the timeout is set to the time
# that takes plus half a second (entity_mentions without cleaning once
# ended just before a timeout one second after that), and the statement
# must end with the timeout error within a second of the timeout (loose,
# for shared CI machines; the figures are printed; they are a few
# milliseconds on an idle machine).
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time);

my $bound = 1.0;

my $node = PostgreSQL::Test::Cluster->new('text_cancel');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
CREATE EXTENSION newsprint;
-- a block of sentences that vary, in paragraphs, as a wire service writes
-- them (about 2 kB), for repeat()
CREATE TABLE blk AS
SELECT string_agg(format(
	'The council of %s voted %s to %s on Tuesday to close the old bridge on Route %s for repairs, officials said. '
	'Engineers found cracks in %s of its pillars during an inspection in March, according to Mayor %s.',
	(ARRAY['Springfield', 'Riverton', 'Lakeside', 'Hillview'])[1 + i % 4], 5 + i % 3, i % 5, i, 2 + i % 4,
	(ARRAY['Jane Doe', 'Omar Haddad', 'Li Wei'])[1 + i % 3]),
	E'\n\n') AS block
FROM generate_series(1, 10) i;
});
my $block = $node->safe_psql('postgres', 'SELECT octet_length(block) FROM blk');
my $big = "(SELECT repeat(block, 100000000 / $block) FROM blk)";
my $big60 = "(SELECT repeat(block, 60000000 / $block) FROM blk)";
note("input: 100 MB of plain text (60 MB for entities), a block of $block bytes repeated");

my %cases = (
	'clean'           => "SELECT length(newsprint.clean($big))",
	'sentences'       => "SELECT count(*) FROM newsprint.sentences($big)",
	'fingerprint'     => "SELECT newsprint.shingle_count(newsprint.fingerprint($big))",
	'shared_passages' => "SELECT count(*) FROM newsprint.shared_passages($big, 'The council voted to close the bridge.')",
	'entity_mentions' => "SELECT count(*) FROM newsprint.entity_mentions($big60, false)",
	'entities'        => "SELECT count(*) FROM newsprint.entities($big60)",);

# how long making the input takes: the least of three runs, since one run
# on a busy machine can take several times as long, and a timeout set after
# it let entity_mentions on 60 MB finish before it (a CI run beside other
# jobs: 2.6 s to make the input, 1.9 s for the whole entity_mentions
# statement)
my $make;
for (1 .. 3)
{
	my $t0 = time;
	$node->safe_psql('postgres', "SELECT octet_length($big)");
	my $t = time - $t0;
	$make = $t if !defined $make || $t < $make;
}
my $timeout = $make + 0.5;
note(sprintf("making the input takes %.3f s; statement_timeout %.3f s", $make, $timeout));

for my $name (sort keys %cases)
{
	my $start = time;
	my ($ret, $stdout, $stderr) = $node->psql('postgres',
		sprintf("SET statement_timeout = '%dms'; %s", int($timeout * 1000), $cases{$name}));
	my $late = time - $start - $timeout;
	note(sprintf("%-16s stopped %.3f s after the timeout", $name, $late));
	like($stderr, qr/canceling statement due to statement timeout/,
		"$name: stopped by statement_timeout");
	cmp_ok($late, '<', $bound, "$name: within $bound s of the timeout");
}

$node->stop;
done_testing();
