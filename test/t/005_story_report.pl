# test/t/005_story_report.pl -- the demo's stories report, rendered in
# headless Chromium: it loads the stories sample, clusters it, writes the
# HTML report with scripts/story_report.sql, and checks what the browser
# makes of it (the DOM after rendering, and a screenshot).
use strict;
use warnings;

use File::Temp qw(tempdir);
use IPC::Run qw(run timeout);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $top = $ENV{TESTDIR} || '.';
my ($chromium) = grep { -x $_ } qw(/usr/bin/chromium /usr/bin/chromium-browser);
ok(defined $chromium, 'Chromium is installed (scripts/packages.txt: chromium)')
  or BAIL_OUT('no chromium: the report cannot be rendered');

my $node = PostgreSQL::Test::Cluster->new('story_report');
$node->init;
$node->start;
$node->safe_psql('postgres', qq{
CREATE EXTENSION newsprint;
CREATE TABLE news (id bigint PRIMARY KEY, outlet text, published_at timestamptz, kind text,
	label text, truth text, source text, body text);
\\copy news FROM '$top/test/data/stories/articles.tsv'
ALTER TABLE news ADD COLUMN fp newsprint.fingerprint, ADD COLUMN story bigint;
UPDATE news SET fp = newsprint.fingerprint(body);
SET client_min_messages = warning;
UPDATE news n SET story = c.story
FROM newsprint.cluster_stories('news', order_column => 'published_at') c WHERE n.id = c.id;
SELECT count(*) FROM newsprint.create_story_views('news');
});
my ($articles, $stories, $days, $largest) = split /\|/, $node->safe_psql('postgres', q{
SELECT count(*), count(DISTINCT story), count(DISTINCT date_trunc('day', published_at)),
	   (SELECT max(copies) FROM story_summary) FROM news});
is($articles, 722, 'the sample is loaded');

my $dir = tempdir(CLEANUP => 1);
my $html = "$dir/story-report.html";
my ($out, $err) = ('', '');
ok( run([ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-v', 'articles=news',
		'-d', $node->connstr('postgres'), '-f', "$top/scripts/story_report.sql",
		'-o', $html ], '>', \$out, '2>', \$err),
	'scripts/story_report.sql runs')
  or diag($err);
my $page = slurp_file($html);
unlike($page, qr{<script|https?://(?!www\.w3\.org/2000/svg)}i,
	'self-contained: no script, no external resource');

my @browser = ($chromium, '--headless', '--no-sandbox', '--disable-gpu',
	'--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
	"--user-data-dir=$dir/profile");
my $dom = '';
$err = '';
ok(run([ @browser, '--dump-dom', "file://$html" ], '>', \$dom, '2>', \$err,
		timeout(180)),
	'Chromium renders the page')
  or diag($err);

like($dom, qr{<title>newsprint: stories report</title>}, 'title');
like($dom, qr{<b id="n-articles">$articles</b>}, "summary: $articles articles");
like($dom, qr{<b id="n-stories">$stories</b>}, "summary: $stories stories");
like($dom, qr{<b id="n-largest">$largest</b>}, "summary: largest story $largest");

# the per-day chart has one bar per day, the sizes chart one per size
my ($perday) = $dom =~ m{<div id="per-day">(.*?)</div>}s;
my $bars = () = ($perday // '') =~ m{<rect class="bar"}g;
is($bars, $days, "stories per day: $days bars");
my ($sizes) = $dom =~ m{<div id="sizes">(.*?)</div>}s;
$bars = () = ($sizes // '') =~ m{<rect class="bar"}g;
is($bars, $largest, "story sizes: $largest bars");

# the tables
my ($top_rows) = $dom =~ m{<table id="top-stories">(.*?)</table>}s;
my $rows = () = ($top_rows // '') =~ m{<tr>}g;
is($rows, 16, 'biggest stories: a header and 15 rows');
like($dom, qr{<table id="first-outlets">.*?<td>PA Media</td>}s, 'who ran it first names the agencies');
like($dom, qr{<table id="spread">}, 'the spread of the biggest story');
like($dom, qr{<table id="entities">.*?<td>PER</td>}s, 'entities counted per story');
unlike($dom, qr{<td>-{20,}</td>}, 'headlines are not wire rules');

# and it looks like something: a screenshot of the whole report
my $png = "$dir/report.png";
$err = '';
ok(run([ @browser, '--window-size=1100,2400', "--screenshot=$png", "file://$html" ],
		'>', \$out, '2>', \$err, timeout(180)),
	'Chromium takes a screenshot')
  or diag($err);
ok(-s $png && -s $png > 50_000, 'the screenshot is not blank (' . (-s $png // 0) . ' bytes)');
open(my $fh, '<:raw', $png) or die "$png: $!";
read($fh, my $magic, 8);
close($fh);
is($magic, "\x89PNG\r\n\x1a\n", 'the screenshot is a PNG');

$node->stop;
done_testing();
