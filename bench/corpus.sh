#!/usr/bin/env bash
# bench/corpus.sh -- the realistic bench corpus: generate it, or print its
# phrase statistics beside those of the real wire corpus of issue 11
#
# Usage:
#   bench/corpus.sh gen N [OUT.tsv [TRUTH.tsv]] [-- GENERATOR OPTIONS]
#       N articles as COPY text (id, outlet, published_at, kind, family, body),
#       in PARTS parallel processes (default 2) concatenated in order of parts;
#       the truth (id, family, role, source, edits, form) goes to TRUTH.tsv.
#   bench/corpus.sh stats [N | FILE]
#       statistics of N generated articles (default 19,779, the real
#       corpus' size) or of a file bench/corpus.sh gen wrote
#   bench/corpus.sh sample [N]
#       N articles (default 20) as readable text
#   bench/corpus.sh build
#       only compile; prints the directory that holds corpus_gen and corpus_stats
#   bench/corpus.sh fingerprints TABLE N
#       create TABLE (id bigint PRIMARY KEY, fp newsprint.fingerprint) and fill
#       it with the fingerprints of N articles, one psql session per part
#       (PGHOST/PGDATABASE pointing at a database with newsprint installed)
# Environment: SEED (default 1), PARTS (default 2), DAYS (default 90),
# CORPUS_BIN (where to build; default a folder under /tmp).
# Needs only gcc and libc (Debian's gcc, libc6-dev).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
model="$top/data/corpus_model.txt"
bin=${CORPUS_BIN:-/tmp/newsprint-corpus-$(id -u)}
SEED=${SEED:-1}
PARTS=${PARTS:-2}
DAYS=${DAYS:-90}

build() {
	mkdir -p "$bin"
	if [ ! -x "$bin/corpus_gen" ] || [ "$here/corpus_gen.c" -nt "$bin/corpus_gen" ] ||
		[ "$here/corpus_formulas.h" -nt "$bin/corpus_gen" ]; then
		gcc -O2 -Wall -o "$bin/corpus_gen" "$here/corpus_gen.c" -lm
	fi
	if [ ! -x "$bin/corpus_stats" ] || [ "$here/corpus_stats.c" -nt "$bin/corpus_stats" ]; then
		gcc -O2 -Wall -o "$bin/corpus_stats" "$here/corpus_stats.c" -lm
	fi
}

gen() {
	local n=$1 out=- truth=
	shift
	if [ $# -gt 0 ] && [ "$1" != -- ]; then out=$1; shift; fi
	if [ $# -gt 0 ] && [ "$1" != -- ]; then truth=$1; shift; fi
	if [ "${1:-}" = -- ]; then shift; fi
	local tmp pids=()
	tmp=$(mktemp -d)
	for p in $(seq 0 $((PARTS - 1))); do
		"$bin/corpus_gen" -m "$model" -s "$SEED" -d "$DAYS" -p "$p/$PARTS" \
			${truth:+-t "$tmp/truth.$p"} "$@" "$n" > "$tmp/part.$p" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p"; done
	if [ "$out" = - ]; then
		cat "$tmp"/part.*
	else
		cat "$tmp"/part.* > "$out"
	fi
	if [ -n "$truth" ]; then
		cat "$tmp"/truth.* > "$truth"
	fi
	rm -rf "$tmp"
}

cmd=${1:-stats}
shift || true
build
case "$cmd" in
	build)
		echo "$bin"
		;;
	gen)
		[ $# -ge 1 ] || { echo "usage: $0 gen N [OUT [TRUTH]] [-- OPTIONS]" >&2; exit 2; }
		gen "$@"
		;;
	sample)
		"$bin/corpus_gen" -m "$model" -s "$SEED" -d "$DAYS" -r "${1:-20}"
		;;
	stats)
		arg=${1:-19779}
		if [ -f "$arg" ]; then
			"$bin/corpus_stats" "$arg"
		else
			tmp=$(mktemp)
			trap 'rm -f "$tmp"' EXIT
			t0=$(date +%s.%N)
			"$bin/corpus_gen" -m "$model" -s "$SEED" -d "$DAYS" "$arg" > "$tmp"
			t1=$(date +%s.%N)
			echo "== $arg articles (seed $SEED) generated in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s, $(du -h "$tmp" | cut -f1)"
			"$bin/corpus_stats" "$tmp"
		fi
		;;
	fingerprints)
		[ $# -eq 2 ] || { echo "usage: $0 fingerprints TABLE N" >&2; exit 2; }
		psql -X -q -v ON_ERROR_STOP=1 \
			-c "CREATE TABLE $1 (id bigint PRIMARY KEY, fp newsprint.fingerprint)"
		pids=()
		for p in $(seq 0 $((PARTS - 1))); do
			( "$bin/corpus_gen" -m "$model" -s "$SEED" -d "$DAYS" -p "$p/$PARTS" "$2" |
				awk -F'\t' -v OFS='\t' '{ print $1, $6 }' |
				psql -X -q -v ON_ERROR_STOP=1 \
					-c "CREATE TEMP TABLE raw (id bigint, body text); COPY raw FROM STDIN;
						INSERT INTO $1 SELECT id, newsprint.fingerprint(body) FROM raw" ) &
			pids+=($!)
		done
		for p in "${pids[@]}"; do wait "$p"; done
		;;
	*)
		echo "usage: $0 gen|stats|sample|build|fingerprints ..." >&2
		exit 2
		;;
esac
