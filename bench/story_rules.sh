#!/usr/bin/env bash
# bench/story_rules.sh -- score story rules beyond cluster_stories()'s on
# development data (bench/story_rules.py says which and how)
#
# Usage: scripts/with-server.sh bench/story_rules.sh
#    or: bench/story_rules.sh   (PGHOST/PGDATABASE pointing at a database
#        where CREATE EXTENSION newsprint has been run)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod a+rwx "$tmp"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
psql -X -q -v ON_ERROR_STOP=1 -v out="$tmp/fp.tsv" <<'SQL'
CREATE TEMP TABLE sample (id bigint, outlet text, published_at timestamptz, kind text,
	label text, truth text, source text, body text);
\copy sample FROM 'test/data/stories/articles.tsv'
CREATE TEMP TABLE fps AS
SELECT id, extract(epoch FROM published_at) AS t, kind, label, truth,
	   newsprint.shingle_count(newsprint.fingerprint(body)) AS shingles,
	   newsprint.fingerprint(body)::text AS fp
FROM sample;
\set q 'COPY (SELECT * FROM fps ORDER BY t, id) TO STDOUT'
\o :out
:q;
\o
SQL
python3 bench/story_rules.py "$tmp/fp.tsv"
