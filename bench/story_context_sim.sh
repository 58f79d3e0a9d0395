#!/usr/bin/env bash
# bench/story_context_sim.sh -- would a shared shingle's wider context tell a
# writer's template from a copied passage?  A simulation on the story rule's
# pairs (no change to the fingerprint)
#
# Usage: scripts/with-server.sh bench/story_context_sim.sh [articles.jsonl]
#    or: bench/story_context_sim.sh ...   (PGHOST/PGDATABASE pointing at a
#        database where CREATE EXTENSION newsprint has been run)
# Environment: BLIND=1 also prints the blind rows (the rewrite set's blind
#              split and the Wikinews blind half; read them once, at the
#              end, for the candidate chosen on the development rows);
#              KEEP=DIR keeps the exported fingerprints and shingles in DIR
#              (and reuses them when DIR already holds them).
#
# Exports format 2 fingerprints (fingerprint(body): cleaned) of the demo
# sample (test/data/stories/articles.tsv: the rewrite set and Wikinews
# articles with republications) and of the 2,312 English Wikinews articles
# of the project's shared copy (CC BY 2.5, Wikinews contributors; default
# /work/shared/data/wikinews/articles.jsonl, not in the repository), and
# every 3-word shingle of each text in order with the hash and name bit the
# fingerprint keeps (bench/evidence_dump.c, built without a server), then
# runs bench/story_context_sim.py, which says what it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/shared/data/wikinews/articles.jsonl}
[ -r "$src" ] || { echo "cannot read $src" >&2; exit 2; }

if [ -n "${KEEP:-}" ]; then
	tmp=$KEEP
	mkdir -p "$tmp"
else
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
fi
chmod a+rwx "$tmp"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"

if [ ! -s "$tmp/wn_fp.tsv" ] || [ ! -s "$tmp/demo_fp.tsv" ] ||
	[ ! -s "$tmp/wn_sh.tsv" ] || [ ! -s "$tmp/demo_sh.tsv" ]; then
	python3 - "$src" >"$tmp/wn.tsv" <<'PY'
import json, sys
def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
for line in open(sys.argv[1], encoding='utf-8'):
    a = json.loads(line)
    print('%d\t%s' % (a['id'], esc(a['text'])))
PY
	cut -f1,8 test/data/stories/articles.tsv >"$tmp/demo.tsv"
	chmod a+r "$tmp"/*.tsv

	# the standalone core without fp_evidence.c, which evidence_dump.c includes
	sh scripts/core_cc.sh -x src/fingerprint/fp_evidence.c -o "$tmp/evidence_dump" bench/evidence_dump.c
	"$tmp/evidence_dump" <"$tmp/wn.tsv" >"$tmp/wn_sh.tsv"
	"$tmp/evidence_dump" <"$tmp/demo.tsv" >"$tmp/demo_sh.tsv"

	psql -X -q -v ON_ERROR_STOP=1 -v tmp="$tmp" <<'SQL'
SET client_min_messages = warning;
SET search_path = public, newsprint;
CREATE TEMP TABLE wn (id bigint, body text);
\set f :tmp '/wn.tsv'
\set q '\\copy wn FROM ' :'f'
:q
CREATE TEMP TABLE sample (id bigint, outlet text, published_at timestamptz, kind text,
	label text, truth text, source text, body text);
\copy sample FROM 'test/data/stories/articles.tsv'
\set f :tmp '/wn_fp.tsv'
\set q '\\copy (SELECT id, 0, '''', '''', '''', shingle_count(fingerprint(body)), fingerprint(body)::text FROM wn ORDER BY id) TO ' :'f'
:q
\set f :tmp '/demo_fp.tsv'
\set q '\\copy (SELECT id, extract(epoch FROM published_at), kind, label, truth, shingle_count(fingerprint(body)), fingerprint(body)::text FROM sample ORDER BY published_at, id) TO ' :'f'
:q
SQL
fi

python3 bench/story_context_sim.py "$tmp" test/data/stories/wikinews_labels.tsv
