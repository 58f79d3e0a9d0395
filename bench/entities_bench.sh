#!/usr/bin/env bash
# bench/entities_bench.sh -- throughput of newsprint.entities() against
# to_tsvector('english', ...) on the same 1,000 articles, in one run, on one
# core (parallel query off), on a throwaway server (scripts/with-server.sh).
#
# Usage: bench/entities_bench.sh [N]   (N articles, default 1000)
# The articles are built from the labelled set and the example pair
# (test/data/entities, test/data/examples): each is two or three stories
# joined, rotated so that no two are alike, about 3 kB on average.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-1000}
if [ -z "${PGDATABASE:-}" ]; then
	exec "$top/scripts/with-server.sh" "$top/bench/entities_bench.sh" "$n"
fi
work=$(mktemp -d /tmp/entities_bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$top" "$n" > "$work/articles.tsv" <<'PY'
import glob, re, sys
top, n = sys.argv[1], int(sys.argv[2])
mark = re.compile(r'\[(PER|ORG|LOC|MISC) ([^\[\]]+)\]')
stories = [mark.sub(lambda m: m.group(2), open(f, encoding='utf-8').read())
           for f in sorted(glob.glob(top + '/test/data/entities/*.txt'))]
stories += [open(f, encoding='utf-8').read() for f in sorted(glob.glob(top + '/test/data/examples/*.txt'))]
def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
k = len(stories)
for i in range(n):
    parts = [stories[i % k], stories[(i * 7 + 3) % k]]
    if i % 3 == 0:
        parts.append(stories[(i * 13 + 5) % k])
    paras = '\n\n'.join(parts).split('\n\n')
    r = i % len(paras)
    body = '\n\n'.join(paras[r:] + paras[:r])
    print(str(i) + '\t' + esc(body))
PY
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), PostgreSQL $(psql -X -A -t -c 'SHOW server_version')"
psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE bench_articles (id int, body text);
\copy bench_articles FROM '$work/articles.tsv'
CREATE FUNCTION pg_temp.cpu_seconds() RETURNS float8 LANGUAGE sql AS
\$\$ SELECT (f[12]::float8 + f[13]::float8) / 100
    FROM (SELECT string_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ') AS f) s \$\$;
DO \$\$
DECLARE
	t0 timestamptz;
	c0 float8;
	mb float8;
	n bigint;
	cnt bigint;
	ts float8 := 1e9;
	raw float8 := 1e9;
	cln float8 := 1e9;
	tsc float8 := 1e9;
	rawc float8 := 1e9;
	clnc float8 := 1e9;
	i int;
BEGIN
	SELECT count(*), sum(octet_length(body)) / 1e6 INTO n, mb FROM bench_articles;
	RAISE NOTICE 'articles: %, % MB', n, round(mb::numeric, 2);
	-- warm up: gazetteer load, caches
	PERFORM count(*) FROM bench_articles, LATERAL newsprint.entities(body, false) e;
	PERFORM sum(length(to_tsvector('english', body))) FROM bench_articles;

	-- best of five runs of each, interleaved, to damp the noise of a shared
	-- machine; wall-clock time and the backend's CPU time (/proc/self/stat,
	-- 10 ms ticks)
	FOR i IN 1..5 LOOP
		t0 := clock_timestamp(); c0 := pg_temp.cpu_seconds();
		PERFORM sum(length(to_tsvector('english', body))) FROM bench_articles;
		ts := least(ts, extract(epoch FROM clock_timestamp() - t0));
		tsc := least(tsc, pg_temp.cpu_seconds() - c0);

		t0 := clock_timestamp(); c0 := pg_temp.cpu_seconds();
		SELECT count(*) INTO cnt FROM bench_articles, LATERAL newsprint.entities(body, false) e;
		raw := least(raw, extract(epoch FROM clock_timestamp() - t0));
		rawc := least(rawc, pg_temp.cpu_seconds() - c0);

		t0 := clock_timestamp(); c0 := pg_temp.cpu_seconds();
		PERFORM count(*) FROM bench_articles, LATERAL newsprint.entities(body) e;
		cln := least(cln, extract(epoch FROM clock_timestamp() - t0));
		clnc := least(clnc, pg_temp.cpu_seconds() - c0);
	END LOOP;
	tsc := greatest(tsc, 0.01); rawc := greatest(rawc, 0.01); clnc := greatest(clnc, 0.01);

	RAISE NOTICE 'to_tsvector(english)          : wall % s = % MB/s; cpu % s = % MB/s',
		round(ts::numeric, 3), round((mb / ts)::numeric, 1), round(tsc::numeric, 2), round((mb / tsc)::numeric, 1);
	RAISE NOTICE 'entities(body, clean => false): wall % s = % MB/s; cpu % s = % MB/s; % entity rows; %x to_tsvector (wall)',
		round(raw::numeric, 3), round((mb / raw)::numeric, 1), round(rawc::numeric, 2), round((mb / rawc)::numeric, 1),
		cnt, round((ts / raw)::numeric, 2);
	RAISE NOTICE 'entities(body) (with cleaning): wall % s = % MB/s; cpu % s = % MB/s; %x to_tsvector (wall)',
		round(cln::numeric, 3), round((mb / cln)::numeric, 1), round(clnc::numeric, 2), round((mb / clnc)::numeric, 1),
		round((ts / cln)::numeric, 2);
END
\$\$;
SQL
