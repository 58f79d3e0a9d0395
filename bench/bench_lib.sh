# bench/bench_lib.sh -- what the index benches share (sourced from bench/,
# after `cd "$(dirname "$0")"`)
#
#   bench_workdir [MODE]   sets WORK to a new temporary directory, chmod MODE
#                          when given (so that the server's user can read or
#                          write it), removed when the script exits
#   q ARG...               psql: unaligned, tuples only, stops at the first error
#   bench_work_corpus ROWS NQ
#                          work_articles: ROWS articles of the realistic
#                          corpus (seed 1) with an npidx index work_fp; work_q:
#                          NQ of them (n, id, fp) as queries
#   bench_work_explain     creates work_explain(pred, qn): the bitmap index
#                          scan's ms, the whole query's and the heap blocks
#                          of `SELECT count(*) FROM work_articles WHERE pred`
#                          for query qn of work_q ($1 in pred)
#   bench_header [GUC...]  prints the machine (cores, CPU, memory, load
#                          average) and the server (version, shared_buffers
#                          and every GUC named)

bench_workdir()
{
	WORK=$(mktemp -d)
	if [ -n "${1:-}" ]; then
		chmod "$1" "$WORK"
	fi
	trap 'rm -rf "$WORK"' EXIT
}

q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

bench_header()
{
	local guc extra=
	for guc in "$@"; do
		extra+=", $guc=$(q -c "SHOW $guc")"
	done
	echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "== server: $(q -c 'SHOW server_version'), shared_buffers=$(q -c 'SHOW shared_buffers')$extra"
}

bench_work_corpus()
{
	SEED=1 ./corpus.sh fingerprints work_articles "$1"
	q -c "VACUUM ANALYZE work_articles"
	q -c "SET maintenance_work_mem = '2GB'; CREATE INDEX work_fp ON work_articles USING npidx (fp)"
	q -c "CREATE TABLE work_q AS
		SELECT row_number() OVER (ORDER BY hashint8(id)) AS n, id, fp FROM work_articles
		WHERE newsprint.sample_size(fp) > 0 ORDER BY hashint8(id) LIMIT $2"
}

bench_work_explain()
{
	# the fastest of three EXPLAIN ANALYZE runs (the first one in a session
	# pays for its first touch of the shared buffers)
	q -c "CREATE FUNCTION work_explain(pred text, qn bigint) RETURNS TABLE (idx_ms float8, total_ms float8, heap_blocks bigint)
	LANGUAGE plpgsql AS \$\$
	DECLARE qf newsprint.fingerprint; j json; p json; i int; t float8; hb bigint;
	BEGIN
		PERFORM set_config('enable_seqscan', 'off', true);
		PERFORM set_config('jit', 'off', true);
		SELECT w.fp INTO qf FROM work_q w WHERE w.n = qn;
		FOR i IN 1..3 LOOP
			EXECUTE format('EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM work_articles WHERE %s', pred) USING qf INTO j;
			t := (j->0->>'Execution Time')::float8;
			p := j->0->'Plan';
			WHILE p->>'Node Type' <> 'Bitmap Index Scan' LOOP
				IF p->>'Node Type' = 'Bitmap Heap Scan' THEN
					hb := (p->>'Exact Heap Blocks')::bigint;
				END IF;
				p := p->'Plans'->0;
			END LOOP;
			IF total_ms IS NULL OR t < total_ms THEN
				total_ms := t;
				idx_ms := (p->>'Actual Total Time')::float8;
				heap_blocks := hb;
			END IF;
		END LOOP;
		RETURN NEXT;
	END \$\$"
}
