#!/usr/bin/env bash
# bench/index_exact.sh -- zero lost matches: random queries through npidx
# return exactly the rows a sequential scan with the same predicate returns
#
# Usage: scripts/with-server.sh bench/index_exact.sh [ROWS] [QUERIES]
#   (default 50000 generated articles, 1000 queries)
# Environment:
#   CORPUS=realistic  (default) bench/corpus_gen.c: wire formulas, tables,
#                     briefs to features, planted copy families (the phrase
#                     reuse of real news; bench/README.md)
#   CORPUS=common     bench/index_gen.c in its "common" mode (Zipf-popular
#                     formulas, briefs and long features, random words)
#   CORPUS=easy       bench/index_gen.c, long random-word articles that
#                     share almost no phrases
#   FORMAT=2          (default) fingerprint(body): format version 2;
#   FORMAT=1          fingerprint(body, true, 160, 1): format version 1,
#                     with its own rules (no minimum evidence, defaults 0.6)
#   OLD_SO=FILE       the upgrade path: FILE is newsprint.so of an older
#                     build (bench/index_upgrade.sh makes it from a git
#                     ref); CREATE INDEX, the first inserts, deletes and
#                     VACUUM run with it, every later step with this tree's
#                     (inserts and a merge into the old index, then the
#                     queries); afterwards REINDEX and the index's queries
#                     once more.  The index's format version is printed.
# Prints, per predicate, the number of queries, of matching (query, row)
# pairs, of pairs the index lost and of pairs it returned in excess; and for
# ORDER BY fp <-> q LIMIT 10 the number of queries whose distance lists
# differ.  Exits non-zero if anything was lost or added.
set -euo pipefail
cd "$(dirname "$0")"

ROWS=${1:-50000}
NQ=${2:-1000}
CORPUS=${CORPUS:-${GEN:-realistic}}
FORMAT=${FORMAT:-2}
OLD_SO=${OLD_SO:-}
. ./bench_lib.sh
bench_workdir

# newsprint.so of the running server's private install: a new session
# loads whichever file is there (swapped by rename, never rewritten)
if [ -n "$OLD_SO" ]; then
	pkglib=$(pg_config --pkglibdir)
	cp "$pkglib/newsprint.so" "$WORK/newsprint.this.so"
	use_so() { cp "$1" "$pkglib/newsprint.so.swap" && mv "$pkglib/newsprint.so.swap" "$pkglib/newsprint.so"; }
	q -c "CREATE EXTENSION IF NOT EXISTS pageinspect"
fi
# the format version in the index's metapage (after the page header)
npidx_version() {
	q -c "SELECT get_byte(p, 28) + 256 * get_byte(p, 29) FROM get_raw_page('exact_npidx', 0) p"
}

case $FORMAT in
	2) fpf() { echo "newsprint.fingerprint($1)"; } ;;
	1) fpf() { echo "newsprint.fingerprint($1, true, 160, 1)"; } ;;
	*) echo "FORMAT must be 1 or 2" >&2; exit 2 ;;
esac

bench_header
case $CORPUS in
	realistic)
		gcc -O2 -o "$WORK/corpus_gen" corpus_gen.c -lm
		# id, outlet, published_at, kind, family, body -> id, family, kind, body
		gen() { "$WORK/corpus_gen" -m ../data/corpus_model.txt -s 3 "$ROWS" | awk -F'\t' -v OFS='\t' '{ print $1, $5, $4, $6 }'; } ;;
	common|easy)
		gcc -O2 -o "$WORK/index_gen" index_gen.c -lm
		genmode=; [ "$CORPUS" = common ] && genmode=common
		gen() { "$WORK/index_gen" "$ROWS" 0 1 $genmode; } ;;
	*) echo "CORPUS must be realistic, common or easy" >&2; exit 2 ;;
esac
q -c "DROP TABLE IF EXISTS exact_articles;
	CREATE TABLE exact_articles (id bigint PRIMARY KEY, family bigint, variant text,
								 body text, fp newsprint.fingerprint);"
gen |
	q -c "CREATE TEMP TABLE raw (id bigint, family bigint, variant text, body text);
		COPY raw FROM STDIN;
		INSERT INTO exact_articles SELECT id, family, variant, body, $(fpf body) FROM raw;"
[ -n "$OLD_SO" ] && use_so "$OLD_SO"
q -c "CREATE INDEX exact_npidx ON exact_articles USING npidx (fp);
	-- later inserts go through aminsert, deletes through vacuum; the
	-- smallest pending list first, so that inserts merge it on the way
	ALTER INDEX exact_npidx SET (pending_list_limit = 64);
	DELETE FROM exact_articles WHERE id % 17 = 3;
	INSERT INTO exact_articles SELECT id + $ROWS, family, variant, body || ' Updated.', $(fpf "body || ' Updated.'")
		FROM exact_articles WHERE id % 13 = 5;
	"
q -c 'VACUUM ANALYZE exact_articles'
[ -n "$OLD_SO" ] && { echo "== index built by $OLD_SO: npidx format $(npidx_version)"; use_so "$WORK/newsprint.this.so"; }
# more rows after the vacuum, with the default pending list: these stay in
# it (or are merged on the way at large sizes), so that scans read the
# buckets and the pending list
q -c "ALTER INDEX exact_npidx RESET (pending_list_limit);
	INSERT INTO exact_articles SELECT id + 2 * $ROWS, family, variant, body || ' Corrected.', $(fpf "body || ' Corrected.'")
		FROM exact_articles WHERE id % 29 = 7 AND id < $ROWS;"
# an old index gets rows merged into its buckets by this tree as well
[ -n "$OLD_SO" ] && q -c "SELECT newsprint.npidx_clean_pending_list('exact_npidx')" >/dev/null
q -c "UPDATE exact_articles SET fp = $(fpf "body || ' Again.'") WHERE id % 31 = 11 AND id < $ROWS;"
[ -n "$OLD_SO" ] && echo "== queried with this tree: npidx format $(npidx_version)"
q -c "DROP TABLE IF EXISTS exact_q;
	CREATE TABLE exact_q AS SELECT row_number() OVER () AS n, id, fp FROM (
		SELECT id, fp FROM exact_articles ORDER BY hashint8(id + 7) LIMIT $NQ) s;"

# answers of each predicate for every query, as (predicate, query, row)
cat > "$WORK/answers.sql" <<'EOF'
SET search_path = newsprint, public;
SELECT 'fp % q', q.n, a.id FROM exact_q q, LATERAL (SELECT id FROM exact_articles a WHERE a.fp % q.fp) a
UNION ALL
SELECT 'fp <% q', q.n, a.id FROM exact_q q, LATERAL (SELECT id FROM exact_articles a WHERE a.fp <% q.fp) a
UNION ALL
SELECT 'fp %> q', q.n, a.id FROM exact_q q, LATERAL (SELECT id FROM exact_articles a WHERE a.fp %> q.fp) a
UNION ALL
SELECT 'is_similar(fp, q, 0.3)', q.n, a.id FROM exact_q q, LATERAL (SELECT id FROM exact_articles a WHERE is_similar(a.fp, q.fp, 0.3)) a
UNION ALL
SELECT 'is_contained(q, fp, 0.7)', q.n, a.id FROM exact_q q, LATERAL (SELECT id FROM exact_articles a WHERE is_contained(q.fp, a.fp, 0.7)) a
UNION ALL
SELECT 'same_story(fp, q)', q.n, a.id FROM exact_q q, LATERAL (SELECT id FROM exact_articles a WHERE same_story(a.fp, q.fp)) a
UNION ALL
SELECT 'same_story(q, fp, 0.9)', q.n, a.id FROM exact_q q, LATERAL (SELECT id FROM exact_articles a WHERE same_story(q.fp, a.fp, 0.9)) a
UNION ALL
SELECT 'is_contained(fp, q, 0.8)', q.n, a.id FROM exact_q q, LATERAL (SELECT id FROM exact_articles a WHERE is_contained(a.fp, q.fp, 0.8)) a
UNION ALL
SELECT 'ORDER BY fp <->> q LIMIT 10', q.n,
	hashtext(array_to_string(ARRAY(SELECT round((a.fp <->> q.fp)::numeric, 9) FROM exact_articles a ORDER BY a.fp <->> q.fp LIMIT 10), ','))
FROM exact_q q
UNION ALL
SELECT 'ORDER BY fp <-> q LIMIT 10', q.n,
	hashtext(array_to_string(ARRAY(SELECT round((a.fp <-> q.fp)::numeric, 9) FROM exact_articles a ORDER BY a.fp <-> q.fp LIMIT 10), ','))
FROM exact_q q;
EOF
t0=$(date +%s)
PGOPTIONS='-c enable_seqscan=off' q -F '|' -f "$WORK/answers.sql" | sort > "$WORK/index.txt"
t1=$(date +%s)
PGOPTIONS='-c enable_indexscan=off -c enable_bitmapscan=off' q -F '|' -f "$WORK/answers.sql" | sort > "$WORK/seq.txt"
t2=$(date +%s)
echo "== $ROWS articles ($CORPUS corpus, fingerprint format $FORMAT; then 1/17 deleted, 1/13 re-inserted edited, vacuumed, 1/29 inserted and 1/31 updated after), $NQ queries; index pass $((t1 - t0)) s, seq-scan pass $((t2 - t1)) s"

bad=0
compare() {
	comm -23 "$WORK/seq.txt" "$WORK/index.txt" > "$WORK/lost.txt"
	comm -13 "$WORK/seq.txt" "$WORK/index.txt" > "$WORK/extra.txt"
	printf '%-30s %8s %10s %6s %6s\n' predicate queries pairs lost extra
	while IFS= read -r pred; do
		pairs=$(grep -c "^$pred|" "$WORK/seq.txt" || true)
		lost=$(grep -c "^$pred|" "$WORK/lost.txt" || true)
		extra=$(grep -c "^$pred|" "$WORK/extra.txt" || true)
		queries=$(grep "^$pred|" "$WORK/seq.txt" | cut -d'|' -f2 | sort -u | wc -l)
		printf '%-30s %8s %10s %6s %6s\n' "$pred" "$queries" "$pairs" "$lost" "$extra"
		[ "$lost" -eq 0 ] && [ "$extra" -eq 0 ] || bad=1
	done < <(cut -d'|' -f1 "$WORK/seq.txt" | sort -u)
}
compare
if [ -n "$OLD_SO" ]; then
	q -c "REINDEX INDEX exact_npidx"
	echo "== after REINDEX: npidx format $(npidx_version)"
	PGOPTIONS='-c enable_seqscan=off' q -F '|' -f "$WORK/answers.sql" | sort > "$WORK/index.txt"
	compare
fi
if [ $bad -eq 0 ]; then
	echo "zero lost matches: the index returned exactly the seq-scan rows"
else
	echo "MISMATCH: see lost/extra counts above"
	exit 1
fi
