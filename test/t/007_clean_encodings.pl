# test/t/007_clean_encodings.pl -- clean() of agency wire copy in databases
# of other encodings: PA's '#' becomes the pound sign only where the
# database encoding has it (LATIN1, and SQL_ASCII, which takes the UTF-8
# bytes as they are); in WIN1251 it stays '#' rather than fail the
# conversion back.  Typewriter quotes and paragraph marks go everywhere.
use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('enc');
$node->init;
$node->start;

# a PA teleprinter page: header, byline, marks, typewriter quotes, '#'
my $pa = join("\n",
	'-' x 60,
	'16:54 01/03/00: Page 1 (ZSM) COURTS Fraud',
	'-' x 60,
	'',
	'By Helen Marsh, PA News',
	'',
	'A company director stole more than #40,000 from a charity for',
	'blind children, a court heard today.<',
	'',
	q{``I trusted him completely,'' the charity's founder told the jury.<},
	'',
	'end');
(my $lit = $pa) =~ s/'/''/g;

foreach my $enc ('LATIN1', 'WIN1251', 'SQL_ASCII')
{
	my $db = lc $enc;
	$node->safe_psql('postgres',
		"CREATE DATABASE $db ENCODING '$enc' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
	$node->safe_psql($db, 'CREATE EXTENSION newsprint');
	my $out = $node->safe_psql($db, qq{
SELECT newsprint.clean('$lit') LIKE 'A company director stole more than %40,000 from a charity for blind children, a court heard today.'
                                 || E'\\n\\n' || '"I trusted him completely," the charity''s founder told the jury.',
       encode(convert_to(substr(newsprint.clean('$lit'), 36, 2), '$enc'), 'hex')});
	my ($shape, $pound) = split /\|/, $out;
	is($shape, 't', "$enc: furniture, marks and quotes handled");
	my $want = $enc eq 'LATIN1' ? 'a334' : $enc eq 'WIN1251' ? '2334' : 'c2a3';
	is($pound, $want, "$enc: the pound sign as the encoding allows");
}

$node->stop;
done_testing();
