#!/usr/bin/env bash
# bench/core_identity.sh -- compare what two builds of the text core compute
#
# Usage: bench/core_identity.sh [BASE_REV] [WIKINEWS_JSONL]
#
# Builds bench/core_digest.c (no server, -DNP_STANDALONE) twice: against the
# core sources of git revision BASE_REV (default: main) and against the
# working tree.  Runs both over every text of test/data (plain text and HTML),
# the inputs of bench/core_identity_inputs.py (the article bodies of
# test/data's two TSV files and 2,000 generated odd texts: capitals after
# sentence marks, "Mr.", "U.S.", non-ASCII capitals and digits, figures,
# quotation marks, invalid bytes) and, if given (or found at
# /work/shared/data/wikinews/articles.jsonl), each article of the Wikinews
# JSON Lines file.  Reports, per column, how many inputs differ:
#   fp_raw, fp_clean     fingerprint literals (k = 160), raw and cleaned text
#   set_raw, set_clean   digests of the whole shingle sets
#   clean, paras, sents, ents   cleaned text, spans, entity mentions
#   fp2_raw, fp2_clean   format version 2 literals (k = 256), raw and cleaned
#   words2               the cleaned text's words with their evidence flags
# Exits non-zero when any fingerprint column differs: each fingerprint
# format version promises bit-identical samples for the same UTF-8 text.
# CORE_IDENTITY_FILES=DIR adds every file under DIR to the inputs.
# Other columns are informational (cleaning and entities may improve); set
# CORE_IDENTITY_STRICT=1 to fail on any difference (a change meant only to
# make the core faster).
# Everything is written under a temporary directory, removed on exit.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-main}
wikinews=${2:-/work/shared/data/wikinews/articles.jsonl}
pg_config=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/core_identity.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# build_digest SRC_TOP OUT: compile the driver against one tree's core, that
# is every C file of text/, fingerprint/ and entities/ that does not include
# postgres.h (the SQL layers do).
build_digest()
{
	local src=$1 out=$2 files inc
	inc=$tmp/inc.$(basename "$out")
	mkdir -p "$inc/entities"
	sh "$src/scripts/gazetteer_inc.sh" "$src/data/gazetteer.tsv" "$src/data/lexicon.txt" \
		>"$inc/entities/gazetteer_data.inc"
	if [ -f "$src/scripts/phrases_inc.sh" ]; then
		mkdir -p "$inc/fingerprint"
		sh "$src/scripts/phrases_inc.sh" "$src/data/stopwords.txt" "$src/data/phrases.txt" \
			>"$inc/fingerprint/phrases_data.inc"
	fi
	files=$(grep -L '#include "postgres.h"' "$src"/src/text/*.c "$src"/src/fingerprint/*.c \
		"$src"/src/entities/*.c)
	# shellcheck disable=SC2086
	gcc -O2 -DNP_STANDALONE -I"$inc" -I"$src/src" -isystem "$("$pg_config" --includedir-server)" \
		$(xml2-config --cflags) -o "$out" "$top/bench/core_digest.c" $files \
		-L"$("$pg_config" --pkglibdir)" -lpgcommon -lpgport $(xml2-config --libs) -lm
}

mkdir -p "$tmp/base" "$tmp/in"
git -C "$top" archive "$base" | tar -x -C "$tmp/base"
build_digest "$tmp/base" "$tmp/digest_base"
build_digest "$top" "$tmp/digest_new"

find "$top/test/data" -type f \( -name '*.txt' -o -name '*.html' \) | sort >"$tmp/files"
mkdir -p "$tmp/gen"
python3 "$top/bench/core_identity_inputs.py" "$top" "$tmp/gen"
find "$tmp/gen" -type f | sort >>"$tmp/files"
if [ -f "$wikinews" ]; then
	python3 - "$wikinews" "$tmp/in" <<'EOF'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    with open("%s/wikinews_%04d.txt" % (sys.argv[2], a["id"]), "w", encoding="utf-8") as f:
        f.write(a["text"])
EOF
	find "$tmp/in" -type f | sort >>"$tmp/files"
fi
if [ -n "${CORE_IDENTITY_FILES:-}" ]; then
	find "$CORE_IDENTITY_FILES" -type f | sort >>"$tmp/files"
fi
nfiles=$(wc -l <"$tmp/files")

# shellcheck disable=SC2046
(cd / && xargs -a "$tmp/files" -d '\n' "$tmp/digest_base") >"$tmp/base.tsv"
(cd / && xargs -a "$tmp/files" -d '\n' "$tmp/digest_new") >"$tmp/new.tsv"

echo "inputs: $nfiles (base $base = $(git -C "$top" rev-parse --short "$base"), new = working tree)"
status=0
cols=(file fp_raw set_raw fp_clean set_clean clean paras sents ents fp2_raw fp2_clean words2)
for c in 2 3 4 5 6 7 8 9 10 11 12; do
	n=$(paste <(cut -f$c "$tmp/base.tsv") <(cut -f$c "$tmp/new.tsv") | awk -F'\t' '$1 != $2' | wc -l)
	printf '%-10s %5d of %d differ\n' "${cols[$((c - 1))]}" "$n" "$nfiles"
	if { [ "$c" -le 5 ] || [ "$c" -ge 10 ] || [ -n "${CORE_IDENTITY_STRICT:-}" ]; } && [ "$n" -gt 0 ]; then
		status=1
		paste <(cut -f1 "$tmp/base.tsv") <(cut -f$c "$tmp/base.tsv") <(cut -f$c "$tmp/new.tsv") |
			awk -F'\t' '$2 != $3 && shown++ < 5 { print "  " $1 }'
	fi
done
if [ -n "${CORE_IDENTITY_KEEP:-}" ]; then
	cp "$tmp/base.tsv" "$tmp/new.tsv" "$CORE_IDENTITY_KEEP/"
fi
[ "$status" -eq 0 ] && echo "fingerprints: identical" || echo "fingerprints: DIFFERENT"
exit $status
