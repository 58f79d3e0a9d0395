#!/usr/bin/env bash
# bench/index_pages.sh -- where an npidx index's bytes go: pages by kind
# (metapage, bucket heads, overflow pages, row list, pending list, deleted),
# how full they are, chains by length, and the heads that hold a spilled
# chain tail (see doc/index.md, "Index size")
#
# Usage: scripts/with-server.sh bench/index_pages.sh INDEX [TABLE.COLUMN]
#   e.g. (inside a session that built bench_npidx, as bench/index_bench.sh
#   does)  bench/index_pages.sh bench_npidx bench_articles.fp
# Reads every page with pageinspect's get_raw_page() (superuser; the
# throwaway server's user is one).  With TABLE.COLUMN, also the index's
# size against that column's (the ratio bench/index_bench.sh prints).
set -euo pipefail
cd "$(dirname "$0")"
. ./bench_lib.sh
[ $# -ge 1 ] || { echo "usage: $0 INDEX [TABLE.COLUMN]" >&2; exit 2; }
idx=$1

psql -X -q -v ON_ERROR_STOP=1 -v idx="$idx" <<'SQL'
CREATE EXTENSION IF NOT EXISTS pageinspect;
CREATE TEMP TABLE np_pages AS
SELECT blk, h.lower, h.special,
	   get_byte(r, h.special + 8) + 256 * get_byte(r, h.special + 9) AS flags,
	   get_byte(r, h.special + 4) + 256 * get_byte(r, h.special + 5)
		 + 65536 * get_byte(r, h.special + 6) + 16777216::bigint * get_byte(r, h.special + 7) AS bucket
FROM generate_series(0, pg_relation_size(:'idx') / 8192 - 1) blk,
	 LATERAL (SELECT get_raw_page(:'idx', blk::int) AS r) x,
	 LATERAL page_header(r) h;
-- bucket pages: 6-byte postings, or 8-byte ones on wide pages (flag 16)
CREATE TEMP VIEW np_kinds AS
SELECT CASE WHEN flags & 1 <> 0 THEN 'metapage'
			WHEN flags & 8 <> 0 THEN 'deleted (free)'
			WHEN flags & 32 <> 0 THEN 'pending list'
			WHEN flags & 4 <> 0 THEN 'row list'
			WHEN flags & 2 <> 0 AND blk = bucket + 1 THEN 'bucket head'
			WHEN flags & 2 <> 0 THEN 'bucket overflow'
			ELSE 'other' END AS kind,
	   flags & 16 <> 0 AS wide, flags >> 8 AS spill, bucket,
	   CASE WHEN flags & 2 <> 0 THEN (lower - 24) / CASE WHEN flags & 16 <> 0 THEN 8 ELSE 6 END END AS postings,
	   CASE WHEN flags & 2 <> 0 THEN (special - 24) / CASE WHEN flags & 16 <> 0 THEN 8 ELSE 6 END END AS capacity,
	   lower, special
FROM np_pages;
\echo == pages by kind (fill: the share of the room of each page in use)
SELECT kind, wide, count(*) AS pages, round(count(*) * 8192 / 1048576.0, 1) AS mb,
	   round(avg((lower - 24)::numeric / nullif(special - 24, 0)), 3) AS avg_fill,
	   sum(postings) AS postings
FROM np_kinds GROUP BY 1, 2 ORDER BY 1, 2;
\echo == bucket pages: postings against room
SELECT sum(postings) AS postings, sum(capacity) AS room, round(sum(postings)::numeric / sum(capacity), 3) AS fill,
	   count(*) FILTER (WHERE kind = 'bucket head') AS buckets,
	   round(sum(postings)::numeric / nullif(count(*) FILTER (WHERE kind = 'bucket head'), 0)) AS postings_per_bucket,
	   count(*) FILTER (WHERE spill > 0) AS spilled_tails
FROM np_kinds WHERE kind LIKE 'bucket%';
\echo == buckets by chain length (their own pages; a tail spilled into a head counts for the bucket of that head)
WITH b AS (SELECT bucket, count(*) AS pages, sum(postings) AS postings, bool_or(spill > 0) AS spilled
		   FROM np_kinds WHERE kind LIKE 'bucket%' GROUP BY bucket)
SELECT CASE WHEN pages <= 4 THEN pages::text ELSE '5+' END AS pages, count(*) AS buckets,
	   count(*) FILTER (WHERE spilled) AS spilled,
	   round(avg(postings)) AS avg_postings, round(sum(postings)::numeric / sum(pages * 1358), 3) AS fill
FROM b GROUP BY 1 ORDER BY 1;
SQL
if [ $# -ge 2 ]; then
	tab=${2%.*} col=${2##*.}
	q -c "SELECT 'index ' || pg_size_pretty(pg_relation_size('$idx')) || ', column ' ||
		pg_size_pretty(sum(pg_column_size($col))) || ': ' ||
		round(pg_relation_size('$idx')::numeric / sum(pg_column_size($col)), 3) || 'x' FROM $tab"
fi
