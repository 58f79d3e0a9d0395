# test/t/004_html_cancel.pl -- a backend busy on hostile HTML stops at once
# on pg_cancel_backend(), pg_terminate_backend() and statement_timeout
# (issue 9, item 3).
#
# Every function that cleans its input is run on one of the two shapes that
# were quadratic in libxml2 2.9 (many attributes, stray end tags over a deep
# stack), large enough to keep it busy for seconds; after one second it is
# cancelled or terminated, and a second session measures how long the
# backend takes to stop.
#
# The shapes are stored once in a table whose column is neither compressed
# nor built per query, so that the second in which the stop arrives is spent
# in newsprint's code.  Built inside the query (repeat() || repeat()), the
# first second or more went to PostgreSQL's own constant folding, and the
# stop waited 0.4-0.7 s for its uninterrupted copies of the 105 MB value;
# an INSERT also ends with PostgreSQL compressing the stored body (pglz,
# about 0.8 s for 126 MB here), which no extension can interrupt.  Those
# are PostgreSQL's, not the extension's (see doc/security.md).
#
# Each statement runs its function on the shape 50 times over (a lateral
# join re-reads the stored value for every row): one call now takes about
# a second, and the stop must arrive while the statement is still busy on
# any machine, however fast.
#
# Target (issue 9): 100 ms.  Inside newsprint no two interrupt checks are
# more than about 10 ms apart on these shapes (measured by tracing every
# check); what the test sees is mostly the wake-up of a backend on a loaded
# machine, so it allows 0.5 s, which holds on a loaded 2-core CI machine,
# and prints the figures it measured.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(time usleep);

# Five times the target, for a shared and loaded CI machine.
my $bound = 0.5;

my $node = PostgreSQL::Test::Cluster->new('cancel');
$node->init;
$node->start;
$node->safe_psql('postgres', q{
CREATE EXTENSION newsprint;
CREATE TABLE art (body text,
                  fp newsprint.fingerprint GENERATED ALWAYS AS (newsprint.fingerprint(body)) STORED);
});

# About 105 and 126 MB: under the 128 MB input limit (a longer text is
# refused at once, before any work), seconds of work for the fixed code,
# hours for 0.1's.  Stored uncompressed (STORAGE EXTERNAL), so that reading
# one back is a short copy, not a long decompression.
$node->safe_psql('postgres', q{
CREATE TABLE shape (name text PRIMARY KEY, body text);
ALTER TABLE shape ALTER COLUMN body SET STORAGE EXTERNAL;
INSERT INTO shape VALUES
  ('stray_end', repeat('<b>', 15000000) || repeat('</i>', 15000000)),
  ('attributes', repeat('<div a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8>', 3400000));
});
# FROM clause that yields the shape's body as s.body, 50 times
my %from = map {
	$_ => "generate_series(1, 50) g, "
	  . "LATERAL (SELECT body FROM shape WHERE name = '$_' AND g > 0) s"
} qw(stray_end attributes);

my $mon = $node->background_psql('postgres');
# the monitor lives through every case: its time limit is per query
$mon->set_query_timer_restart;
my @figures;

# Run $sql in a fresh session, stop it after a second with $how ('cancel',
# 'terminate' or 'timeout'), and check that it stops within $bound.
sub stop_case
{
	my ($how, $label, $sql) = @_;
	my $bg = $node->background_psql('postgres', on_error_stop => 0);
	$bg->set_query_timer_restart;
	my $pid = $bg->query_safe('SELECT pg_backend_pid()');
	chomp $pid;
	$bg->query_safe("SET statement_timeout = '1s'") if $how eq 'timeout';

	# a marker comment tells the statement apart in pg_stat_activity
	$sql = "/* np_case */ $sql";

	# psql prints the marker, then runs the query and prints nothing until it ends
	$bg->query_until(qr/started/, "\\echo started\n$sql;\n");
	# busy: active for half a second; over: the statement ran and is no
	# longer active (it ended too early); starting: not yet sent or not
	# yet half a second old (the idle state before it starts is not its end).
	my $state = "SELECT CASE WHEN position('np_case' in query) = 0 THEN 'starting' "
	  . "WHEN state <> 'active' THEN 'over' "
	  . "WHEN clock_timestamp() - query_start > interval '0.5 s' THEN 'busy' "
	  . "ELSE 'starting' END FROM pg_stat_activity WHERE pid = $pid";
	my $t0;
	my $start;
	if ($how eq 'timeout')
	{
		# the timeout fires by itself one second after the query starts;
		# both ends are read from the server's clock
		$mon->query_safe("SELECT pg_sleep(0.01)") until $mon->query_safe(
			"SELECT coalesce((SELECT state = 'active' FROM pg_stat_activity WHERE pid = $pid), false)"
		) eq 't';
		$start = $mon->query_safe(
			"SELECT extract(epoch FROM query_start) FROM pg_stat_activity WHERE pid = $pid");
	}
	else
	{
		my $now;
		$mon->query_safe("SELECT pg_sleep(0.01)")
		  until ($now = $mon->query_safe($state)) ne 'starting';
		if ($now ne 'busy')
		{
			fail("$how: $label was still running when stopped");
			diag("the statement was not seen busy before it ended: $bg->{stderr}");
			# whatever it was doing, it must not run on (and insert rows)
			$mon->query_safe("SELECT pg_terminate_backend($pid)");
			eval { $bg->quit; };
			return;
		}
		$t0 = time;
		$mon->query_safe(
			$how eq 'cancel'
			? "SELECT pg_cancel_backend($pid)"
			: "SELECT pg_terminate_backend($pid)");
	}
	my $gone = $how eq 'terminate'
	  ? "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = $pid"
	  : "SELECT coalesce((SELECT state <> 'active' FROM pg_stat_activity WHERE pid = $pid), true)";
	my $deadline = time + 60;
	usleep(2_000) until $mon->query_safe($gone) eq 't' || time > $deadline;
	my $took = defined $start
	  ? $mon->query_safe("SELECT extract(epoch FROM clock_timestamp())") - $start - 1.0
	  : time - $t0;
	$took = 0 if $took < 0;
	push @figures, sprintf('%-9s %-40s %6.0f ms', $how, $label, $took * 1000);
	ok($took < $bound, sprintf('%s: %s stops in %.0f ms', $how, $label, $took * 1000));

	if ($how eq 'terminate')
	{
		eval { $bg->quit; };
	}
	else
	{
		# the session survives, and the error says why it stopped
		my $after = $bg->query('SELECT 1');
		my $why = $how eq 'cancel' ? qr/canceling statement due to user request/
		  : qr/canceling statement due to statement timeout/;
		like($bg->{stderr}, $why, "$how: $label reports the $how");
		is($after, '1', "$how: $label leaves a usable session");
		$bg->quit;
	}
	return;
}

my %q = (
	clean       => 'SELECT sum(length(newsprint.clean(s.body))) FROM %s',
	fingerprint => 'SELECT sum(newsprint.shingle_count(newsprint.fingerprint(s.body))) FROM %s',
	sentences   => 'SELECT count(*) FROM %s, LATERAL newsprint.sentences(s.body)',
	paragraphs  => 'SELECT count(*) FROM %s, LATERAL newsprint.paragraphs(s.body)',
	entities    => 'SELECT count(*) FROM %s, LATERAL newsprint.entities(s.body)',
	entity_mentions => 'SELECT count(*) FROM %s, LATERAL newsprint.entity_mentions(s.body)',
	shared_passages =>
	  "SELECT count(*) FROM %s, LATERAL newsprint.shared_passages('The council met.', s.body)",
	generated_column => 'INSERT INTO art (body) SELECT s.body FROM %s',);

# every function is cancelled in the middle of one shape or the other
my $i = 0;
foreach my $f (sort keys %q)
{
	my $s = ($i++ % 2) ? 'attributes' : 'stray_end';
	stop_case('cancel', "$f on $s", sprintf($q{$f}, $from{$s}));
}

# termination and statement_timeout
stop_case('terminate', 'clean on stray_end', sprintf($q{clean}, $from{stray_end}));
stop_case('terminate', 'generated_column on attributes',
	sprintf($q{generated_column}, $from{attributes}));
stop_case('timeout', 'fingerprint on attributes',
	sprintf($q{fingerprint}, $from{attributes}));

# the server is still up and nothing was inserted
is($node->safe_psql('postgres', 'SELECT count(*) FROM art'), '0', 'no row was inserted');

diag("time from cancel, terminate or timeout to a stopped backend:\n  "
	  . join("\n  ", @figures));
$mon->quit;
$node->stop;
done_testing();
