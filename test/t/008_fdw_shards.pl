# test/t/008_fdw_shards.pl -- newsprint on postgres_fdw shards
#
# A coordinator holds a hash-partitioned articles table whose partitions are
# postgres_fdw foreign tables on two shard servers, each with its own npidx
# index, queried as an unprivileged role.  The second shard server is made
# after the coordinator is set up (a node added later).  The test checks
# that every predicate and ORDER BY <-> LIMIT is sent to the shards
# (EXPLAIN VERBOSE shows it in the remote SQL), that the shards answer from
# their indexes, and that every answer, entities() and story clustering
# equal those of one local table holding the same articles: at the default
# thresholds, after a SET on the coordinator (also for a prepared
# statement, and whatever the shard servers' own settings), and with a user
# dictionary that only the coordinator has; story_clusters, cluster_stories,
# assign_story and story_trigger over the shards give the stories of one
# table.  Articles: the 452 newsroom rewrites of
# test/data/rewrites (wire stories and their newspaper versions) and the
# example pair.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

# --- the articles --------------------------------------------------------
my $top = $ENV{TESTDIR} // '.';
my @files = (
	"$top/test/data/examples/kyivpost.txt",
	"$top/test/data/examples/moscowtimes.txt",
	sort glob("$top/test/data/rewrites/*/*.txt"));
cmp_ok(scalar(@files), '>', 400, scalar(@files) . ' articles to load');
my @rows;
my $id = 0;
foreach my $f (@files)
{
	my $body = slurp_file($f);
	$body =~ s/'/''/g;
	$id++;
	push @rows, "($id, '$body')";
}
my $values = join(",\n", @rows);

# --- shard servers ---------------------------------------------------------
# What a DBA runs on a shard server, as superuser once: the extension, an
# unprivileged role that owns the shard's table and answers the queries.
sub shard_setup
{
	my ($node) = @_;
	my ($ret, $out, $err) = $node->psql('postgres', q{
CREATE ROLE np_shard LOGIN;
CREATE EXTENSION newsprint;
CREATE SCHEMA news AUTHORIZATION np_shard;
-- a few hundred rows: let the shard show that its index serves the
-- pushed-down predicates
ALTER ROLE np_shard SET enable_seqscan = off;
});
	is($ret, 0, $node->name . ': CREATE EXTENSION runs');
	is($err, '', $node->name . ': without a warning or notice');
	# everything else as the unprivileged role
	$node->safe_psql('postgres', q{
SET ROLE np_shard;
CREATE TABLE news.articles (id bigint PRIMARY KEY, body text NOT NULL,
							fp newsprint.fingerprint);
CREATE INDEX articles_fp ON news.articles USING npidx (fp);
CREATE TABLE news.storied (id bigint PRIMARY KEY, fp newsprint.fingerprint, story bigint);
});
	return;
}

# Attach a shard server to the coordinator as partition $rem of 2.
sub attach
{
	my ($coord, $node, $rem) = @_;
	my ($host, $port) = ($node->host, $node->port);
	$coord->safe_psql('postgres', qq{
CREATE SERVER shard$rem FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '$host', port '$port', dbname 'postgres',
			 extensions 'newsprint', async_capable 'true', batch_size '100');
CREATE USER MAPPING FOR CURRENT_USER SERVER shard$rem OPTIONS (user 'np_shard');
CREATE FOREIGN TABLE articles_s$rem PARTITION OF articles
	FOR VALUES WITH (MODULUS 2, REMAINDER $rem)
	SERVER shard$rem OPTIONS (schema_name 'news', table_name 'articles');
CREATE FOREIGN TABLE storied_s$rem PARTITION OF storied
	FOR VALUES WITH (MODULUS 2, REMAINDER $rem)
	SERVER shard$rem OPTIONS (schema_name 'news', table_name 'storied');
});
	return;
}

my $coord = PostgreSQL::Test::Cluster->new('coordinator');
my $shard0 = PostgreSQL::Test::Cluster->new('shard0');
$_->init for ($coord, $shard0);
$_->start for ($coord, $shard0);
shard_setup($shard0);
is($shard0->safe_psql('postgres', "SELECT rolsuper FROM pg_roles WHERE rolname = 'np_shard'"),
	'f', 'the shards answer as a role that is not superuser');

# --- the coordinator ---------------------------------------------------------
$coord->safe_psql('postgres', q{
CREATE EXTENSION newsprint;
CREATE EXTENSION postgres_fdw;
ALTER DATABASE postgres SET search_path = public, newsprint;
-- one server's table, the reference for every answer
CREATE TABLE single (id bigint PRIMARY KEY, body text NOT NULL, fp newsprint.fingerprint);
CREATE INDEX single_fp ON single USING npidx (fp);
-- the same articles on the shards
CREATE TABLE articles (id bigint NOT NULL, body text NOT NULL, fp newsprint.fingerprint)
	PARTITION BY HASH (id);
-- articles with a story column, filled by story_trigger at insert time
CREATE TABLE storied (id bigint NOT NULL, fp newsprint.fingerprint, story bigint)
	PARTITION BY HASH (id);
});
attach($coord, $shard0, 0);

# the second shard server comes after the coordinator's setup
my $shard1 = PostgreSQL::Test::Cluster->new('shard1');
$shard1->init;
$shard1->start;
shard_setup($shard1);
attach($coord, $shard1, 1);
is( $shard1->safe_psql('postgres',
		"SELECT extversion FROM pg_extension WHERE extname = 'newsprint'"),
	$coord->safe_psql('postgres',
		"SELECT extversion FROM pg_extension WHERE extname = 'newsprint'"),
	'the late shard server has the version of the coordinator');

$coord->safe_psql('postgres', qq{
INSERT INTO single (id, body) VALUES $values;
UPDATE single SET fp = newsprint.fingerprint(body);
INSERT INTO articles SELECT id, body, fp FROM single;
ANALYZE single;
ANALYZE articles;
});
$_->safe_psql('postgres', 'ANALYZE news.articles') for ($shard0, $shard1);
my ($n0, $n1) = map { $_->safe_psql('postgres', 'SELECT count(*) FROM news.articles') }
  ($shard0, $shard1);
ok($n0 > 100 && $n1 > 100 && $n0 + $n1 == $id, "rows on the shards: $n0 + $n1");

# --- pushdown ----------------------------------------------------------------
my %pred = (
	'%'            => 'a.fp % q.fp',
	'<%'           => 'a.fp <% q.fp',
	'%>'           => 'a.fp %> q.fp',
	'same_story/2' => 'newsprint.same_story(a.fp, q.fp)',
	'same_story/3' => 'newsprint.same_story(a.fp, q.fp, 0.4)',
	'is_similar'   => 'newsprint.is_similar(a.fp, q.fp, 0.2)',
	'is_contained' => 'newsprint.is_contained(a.fp, q.fp, 0.5)',
	'is_contained (query in row)' => 'newsprint.is_contained(q.fp, a.fp, 0.5)');
# what the remote SQL shows for each (the setting forms as constants; the
# settings at -1, the format's default, as default_threshold() of a
# fingerprint of the pair)
my $dflt = sub {
	my $pred = shift;
	return "newsprint\\.default_threshold\\((?:fp|\\\$1::newsprint\\.fingerprint), '$pred'::text\\)";
};
my %remote = (
	'%'            => qr/newsprint\.is_similar\(fp, \$1::newsprint\.fingerprint, '?0\.5'?::double precision\)/,
	'<%'           => qr/newsprint\.is_contained\(fp, \$1::newsprint\.fingerprint, ${\ $dflt->('containment')}\)/,
	'%>'           => qr/newsprint\.is_contained\(\$1::newsprint\.fingerprint, fp, ${\ $dflt->('containment')}\)/,
	'same_story/2' => qr/newsprint\.same_story\(fp, \$1::newsprint\.fingerprint, ${\ $dflt->('same_story')}\)/,
	'same_story/3' => qr/newsprint\.same_story\(fp, \$1::newsprint\.fingerprint, '?0\.4'?::double precision\)/,
	'is_similar'   => qr/newsprint\.is_similar\(fp, \$1::newsprint\.fingerprint, '?0\.2'?::double precision\)/,
	'is_contained' => qr/newsprint\.is_contained\(fp, \$1::newsprint\.fingerprint, '?0\.5'?::double precision\)/,
	'is_contained (query in row)' => qr/newsprint\.is_contained\(\$1::newsprint\.fingerprint, fp, '?0\.5'?::double precision\)/);

foreach my $name (sort keys %pred)
{
	my $cond = $pred{$name} =~ s/q\.fp/(SELECT fp FROM single WHERE id = 1)/gr;
	my $plan = $coord->safe_psql('postgres',
		"EXPLAIN (VERBOSE, COSTS OFF) SELECT a.id FROM articles a WHERE $cond");
	my @remote = grep { /Remote SQL:/ } split /\n/, $plan;
	is(scalar(grep { $_ =~ $remote{$name} } @remote), 2,
		"$name: sent to both shards in the remote SQL");
	like($plan, qr/Async Foreign Scan on public\.articles_s0.*Async Foreign Scan on public\.articles_s1/s,
		"$name: both shards queried at once") if $name eq '%';
}
my $plan = $coord->safe_psql('postgres', q{
EXPLAIN (VERBOSE, COSTS OFF)
SELECT a.id FROM articles a ORDER BY a.fp <-> (SELECT fp FROM single WHERE id = 1) LIMIT 5;
});
is(scalar(() = $plan =~ /Remote SQL: .*ORDER BY \(fp OPERATOR\(newsprint\.<->\) \$1::newsprint\.fingerprint\)/g),
	2, 'ORDER BY <->: sent to both shards');

# --- answers -------------------------------------------------------------------
# Every predicate's answer for every 9th article, and the 5 nearest by <->,
# from table $t, as one text.
sub answers
{
	my ($t, $set) = @_;
	$set //= '';
	my $cols = join(",\n\t", map {
		"ARRAY(SELECT a.id FROM $t a WHERE $pred{$_} ORDER BY 1)"
	} sort keys %pred);
	return $coord->safe_psql('postgres', qq{
$set
SELECT q.id,
	$cols,
	ARRAY(SELECT a.id FROM $t a WHERE newsprint.story_match(a.fp, q.fp) IS NOT NULL ORDER BY 1),
	ARRAY(SELECT round((a.fp <-> q.fp)::numeric, 9) FROM $t a ORDER BY a.fp <-> q.fp LIMIT 5)
FROM single q WHERE q.id % 9 = 1 ORDER BY q.id;
});
}
my $single = answers('single');
is(answers('articles'), $single, 'shards answer every predicate as one table does');
my $nhits = $coord->safe_psql('postgres', q{
SELECT count(*) FROM single q, single a WHERE q.id % 9 = 1 AND q.id <> a.id
	AND newsprint.same_story(a.fp, q.fp)});
cmp_ok($nhits, '>', 10, "with $nhits same-story pairs among them");
my $set = 'SET newsprint.similarity_threshold = 0.15; '
  . 'SET newsprint.containment_threshold = 0.3; SET newsprint.same_story_threshold = 0.3;';
my $single_set = answers('single', $set);
isnt($single_set, $single, 'lower thresholds change the answers');
is(answers('articles', $set), $single_set,
	'after SET on the coordinator the shards answer with its values');
like($coord->safe_psql('postgres', "$set EXPLAIN (VERBOSE, COSTS OFF) "
		. 'SELECT id FROM articles a WHERE a.fp % (SELECT fp FROM single WHERE id = 1)'),
	qr/Remote SQL: .*newsprint\.is_similar\(fp, \$1::newsprint\.fingerprint, '?0\.15'?::double precision\)/,
	'the value set on the coordinator is in the remote SQL');

# The safe forms: a threshold-taking form gives, with the value set, what
# the setting-reading form gives after the SET.
my $forms = q{
SELECT q.id,
	ARRAY(SELECT a.id FROM %1$s a WHERE %2$s ORDER BY 1),
	ARRAY(SELECT a.id FROM %1$s a WHERE %3$s ORDER BY 1),
	ARRAY(SELECT a.id FROM %1$s a WHERE %4$s ORDER BY 1)
FROM single q WHERE q.id %% 9 = 1 ORDER BY q.id};
is( $coord->safe_psql('postgres', sprintf($forms, 'articles',
			'newsprint.is_similar(a.fp, q.fp, 0.15)',
			'newsprint.is_contained(a.fp, q.fp, 0.3)',
			'newsprint.is_same_story(a.fp, q.fp, 0.3)')),
	$coord->safe_psql('postgres', $set . sprintf($forms, 'single',
			'a.fp % q.fp', 'a.fp <% q.fp', 'newsprint.same_story(a.fp, q.fp)')),
	'the threshold-taking forms over the shards agree with the SET forms on one table');

# A prepared statement planned before the SET answers with the new value.
is( $coord->safe_psql('postgres', q{
PREPARE hits(bigint) AS SELECT count(*) FROM articles a, single q
	WHERE q.id = $1 AND newsprint.same_story(a.fp, q.fp);
EXECUTE hits(1); EXECUTE hits(1); EXECUTE hits(1); EXECUTE hits(1); EXECUTE hits(1);
EXECUTE hits(1);
SET newsprint.same_story_threshold = 0.1;
EXECUTE hits(1);}),
	$coord->safe_psql('postgres', q{
SELECT count(*) FROM single a, single q WHERE q.id = 1 AND newsprint.same_story(a.fp, q.fp);
SELECT count(*) FROM single a, single q WHERE q.id = 1 AND newsprint.same_story(a.fp, q.fp);
SELECT count(*) FROM single a, single q WHERE q.id = 1 AND newsprint.same_story(a.fp, q.fp);
SELECT count(*) FROM single a, single q WHERE q.id = 1 AND newsprint.same_story(a.fp, q.fp);
SELECT count(*) FROM single a, single q WHERE q.id = 1 AND newsprint.same_story(a.fp, q.fp);
SELECT count(*) FROM single a, single q WHERE q.id = 1 AND newsprint.same_story(a.fp, q.fp);
SET newsprint.same_story_threshold = 0.1;
SELECT count(*) FROM single a, single q WHERE q.id = 1 AND newsprint.same_story(a.fp, q.fp);}),
	'a prepared statement over the shards sees a later SET (generic plan included)');

# The shards' own settings are never read: every value comes in the query.
$_->safe_psql('postgres', q{
ALTER ROLE np_shard SET newsprint.similarity_threshold = 0.9;
ALTER ROLE np_shard SET newsprint.containment_threshold = 0.9;
ALTER ROLE np_shard SET newsprint.same_story_threshold = 0.9;}) for ($shard0, $shard1);
is(answers('articles'), $single,
	'the shard servers\' own settings do not change the answers');
is(answers('articles', $set), $single_set,
	'... nor those after a SET on the coordinator');
$_->safe_psql('postgres', 'ALTER ROLE np_shard RESET ALL') for ($shard0, $shard1);

# (statistics arrive when the shard's sessions end; npidx counts the rows
# its scans return, not always the scans)
foreach my $shard ($shard0, $shard1)
{
	my $used = 'f';
	for (my $i = 0; $i < 60 && $used ne 't'; $i++)
	{
		sleep(1) if $i > 0;
		$used = $shard->safe_psql('postgres', q{
SELECT idx_scan > 0 OR idx_tup_read > 0 FROM pg_stat_user_indexes
WHERE indexrelname = 'articles_fp'});
	}
	is($used, 't', $shard->name . ': the queries used its npidx index');
}

# --- entities and the user dictionary -------------------------------------------
my $ents = q{
SELECT e.name, e.kind, count(*) FROM %s a, newsprint.entities(a.body) e
GROUP BY 1, 2 ORDER BY 1, 2};
is($coord->safe_psql('postgres', sprintf($ents, 'articles')),
	$coord->safe_psql('postgres', sprintf($ents, 'single')),
	'entities(): the same counts');
# an entry only the coordinator has, and a contrary one only a shard has
$coord->safe_psql('postgres',
	"INSERT INTO newsprint.entity_dictionary VALUES ('Zilverberg', 'MISC', '{}')");
$shard0->safe_psql('postgres',
	"INSERT INTO newsprint.entity_dictionary VALUES ('Zilverberg', 'PER', '{}')");
my $dict = $coord->safe_psql('postgres', sprintf($ents, 'single'));
like($dict, qr/^Zilverberg\|MISC\|\d+$/m, 'the coordinator\'s dictionary entry is used');
is($coord->safe_psql('postgres', sprintf($ents, 'articles')), $dict,
	'entities() over the shards uses the coordinator\'s dictionary');

# --- stories and two-article queries -----------------------------------------------
is( $coord->safe_psql('postgres',
		'SELECT id, story, story_size FROM newsprint.story_clusters(\'articles\') ORDER BY id'),
	$coord->safe_psql('postgres',
		'SELECT id, story, story_size FROM newsprint.story_clusters(\'single\') ORDER BY id'),
	'story_clusters: the same stories');

# cluster_stories: one ordered scan of the partitioned table, whose
# partitions are the shards' tables
my $cs = q{
%s
SELECT id, story, round(score::numeric, 9), leads
FROM newsprint.cluster_stories('%s'%s) ORDER BY id};
my $cs_single = $coord->safe_psql('postgres', sprintf($cs, '', 'single', ''));
my ($nstories, $ncopies) = split /\|/, $coord->safe_psql('postgres', q{
SELECT count(DISTINCT story), count(*) FILTER (WHERE id <> story)
FROM newsprint.cluster_stories('single')});
cmp_ok($ncopies, '>', 50, "cluster_stories: $nstories stories, $ncopies copies of a story");
is($coord->safe_psql('postgres', sprintf($cs, '', 'articles', '')), $cs_single,
	'cluster_stories over the shards: the same stories, scores and leaders');
my $cs_low = $coord->safe_psql('postgres',
	sprintf($cs, '', 'single', ', threshold => 0.3, min_shared => 4'));
isnt($cs_low, $cs_single, 'cluster_stories: a lower threshold changes the stories');
is( $coord->safe_psql('postgres',
		sprintf($cs, '', 'articles', ', threshold => 0.3, min_shared => 4')),
	$cs_low, '... the same over the shards');
is( $coord->safe_psql('postgres',
		sprintf($cs, 'SET newsprint.same_story_threshold = 0.3;', 'articles',
			', min_shared => 4')),
	$cs_low, '... and with the threshold set in the session');

# assign_story in id order, over the shards, into a leaders table on the
# coordinator: the stories of the batch form
$coord->safe_psql('postgres', q{
CREATE TABLE leaders (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
					  published_at timestamptz);
CREATE INDEX ON leaders USING npidx (fp);});
is( $coord->safe_psql('postgres', q{
SELECT s.id, newsprint.assign_story('leaders', s.id, s.fp)
FROM (SELECT id, fp FROM articles ORDER BY id OFFSET 0) s ORDER BY s.id}),
	$coord->safe_psql('postgres',
		"SELECT id, story FROM newsprint.cluster_stories('single') ORDER BY id"),
	'assign_story over the shards in id order: the stories of cluster_stories');
# a round-up (doc/stories.md, "Round-ups") starts a story that it does not
# lead: the leaders table holds the articles that lead in the batch
# (leads), one per story but the round-ups', which are there
is( $coord->safe_psql('postgres', 'SELECT story FROM leaders ORDER BY story'),
	$coord->safe_psql('postgres',
		"SELECT id FROM newsprint.cluster_stories('single') WHERE leads ORDER BY id"),
	'... and the leaders of the batch (leads)');
cmp_ok( $coord->safe_psql('postgres', q{
SELECT count(*) FROM newsprint.cluster_stories('single') WHERE id = story AND NOT leads}),
	'>', 0, '... which leave out round-ups');

# story_trigger on the partitioned table: cloned to the foreign partitions,
# it fires on the coordinator, where the leaders table is, before each row
# is sent to its shard
$coord->safe_psql('postgres', q{
CREATE TABLE leaders2 (story bigint PRIMARY KEY, fp newsprint.fingerprint NOT NULL,
					   published_at timestamptz);
CREATE INDEX ON leaders2 USING npidx (fp);
CREATE TRIGGER storied_story BEFORE INSERT ON storied
	FOR EACH ROW EXECUTE FUNCTION newsprint.story_trigger('leaders2', 'story', 'id', 'fp', '');
INSERT INTO storied (id, fp) SELECT id, fp FROM single ORDER BY id;});
is( $shard0->safe_psql('postgres', 'SELECT count(*) > 100, count(story) = count(*) FROM news.storied'),
	't|t', 'story_trigger: the rows reached the shards with their stories');
is( $coord->safe_psql('postgres', 'SELECT id, story FROM storied ORDER BY id'),
	$coord->safe_psql('postgres',
		"SELECT id, story FROM newsprint.cluster_stories('single') ORDER BY id"),
	'story_trigger on the partitioned table with foreign partitions: the stories of cluster_stories');

my $pair = q{
SELECT round(newsprint.similarity(a.fp, b.fp)::numeric, 6),
	   round(newsprint.containment(a.fp, b.fp)::numeric, 6),
	   newsprint.same_story(a.fp, b.fp)
FROM %1$s a, %1$s b WHERE a.id = 1 AND b.id = 2};
my $pair_single = $coord->safe_psql('postgres', sprintf($pair, 'single'));
like($pair_single, qr/\|t$/, 'the example pair is one story');
is($coord->safe_psql('postgres', sprintf($pair, 'articles')), $pair_single,
	'two articles from two shards in one query (README example)');
is( $coord->safe_psql('postgres', q{
WITH a AS MATERIALIZED (SELECT fp FROM articles WHERE id = 1),
	 b AS MATERIALIZED (SELECT fp FROM articles WHERE id = 2)
SELECT round(newsprint.similarity(a.fp, b.fp)::numeric, 6),
	   round(newsprint.containment(a.fp, b.fp)::numeric, 6),
	   newsprint.same_story(a.fp, b.fp)
FROM a, b}),
	$pair_single, 'the same with MATERIALIZED CTEs (the pattern for Citus)');
my $passages = q{
SELECT score, passage_a, passage_b
FROM newsprint.shared_passages((SELECT body FROM %1$s WHERE id = 1),
							   (SELECT body FROM %1$s WHERE id = 2))
ORDER BY 1, 2, 3};
my $passages_single = $coord->safe_psql('postgres', sprintf($passages, 'single'));
isnt($passages_single, '', 'the example pair shares passages');
is($coord->safe_psql('postgres', sprintf($passages, 'articles')), $passages_single,
	'shared_passages() over two subselects on the shards (README example)');

# --- version 1 fingerprints -------------------------------------------------
# At -1 the thresholds of <%, %> and same_story(a, b) are the format's own:
# for version 1 not those of version 2.  The shards apply each pair's, and
# still not their own settings.
$coord->safe_psql('postgres', q{
UPDATE single SET fp = newsprint.fingerprint(body, true, 256, 1);
UPDATE articles SET fp = newsprint.fingerprint(body, true, 256, 1);
ANALYZE single;
ANALYZE articles;
});
$_->safe_psql('postgres', q{
ANALYZE news.articles;
ALTER ROLE np_shard SET newsprint.containment_threshold = 0.9;
ALTER ROLE np_shard SET newsprint.same_story_threshold = 0.9;}) for ($shard0, $shard1);
my $single_v1 = answers('single');
isnt($single_v1, $single, 'version 1 fingerprints give other answers');
is(answers('articles'), $single_v1,
	'shards answer as one table does for version 1 fingerprints too, with their defaults');
is( $coord->safe_psql('postgres', sprintf($forms, 'articles',
			'newsprint.is_contained(a.fp, q.fp, 0.6)',
			'newsprint.is_contained(q.fp, a.fp, 0.6)',
			'newsprint.is_same_story(a.fp, q.fp, 0.6)')),
	$coord->safe_psql('postgres', sprintf($forms, 'single',
			'a.fp <% q.fp', 'a.fp %> q.fp', 'newsprint.same_story(a.fp, q.fp)')),
	'... which are 0.6 and 0.6 for version 1');
$_->safe_psql('postgres', 'ALTER ROLE np_shard RESET ALL') for ($shard0, $shard1);

$_->stop for ($coord, $shard0, $shard1);
done_testing();
