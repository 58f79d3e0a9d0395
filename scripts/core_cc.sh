#!/bin/sh
# scripts/core_cc.sh -- compile a program with newsprint's server-independent core
#
# Usage: scripts/core_cc.sh [--fuzz] [-x SRC]... -o OUT MAIN.c [EXTRA_CFLAGS...]
#
# The core is every C file of src/text, src/fingerprint and src/entities
# except the SQL layers (*_sql.c) and the module initialisers (*_init.c).
# It is compiled with -DNP_STANDALONE against PostgreSQL's frontend headers
# (postgres_fe.h, see src/np_port.h) and linked with libpgcommon, libpgport
# and libxml2, so no server is needed.  The gazetteer include file and the
# common phrases of fingerprint format 2 are generated next to OUT.
# Without --fuzz: $CC (default gcc) -O2 -g.  With
# --fuzz: clang with libFuzzer, AddressSanitizer and UBSan.
# -x SRC leaves the core file SRC (a path under the top directory, e.g.
# src/fingerprint/fp_evidence.c) out, for a MAIN.c that includes it.
# PG_CONFIG selects the PostgreSQL installation (default: version 15's).
# Used by the fuzz targets (mk/fuzz.mk), scripts/score_clean.sh and the
# standalone tools of bench/.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
pg_config=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
fuzz=
out=
skip='^$'
while [ $# -gt 0 ]; do
	case "$1" in
		--fuzz) fuzz=1; shift ;;
		-x) skip="$skip|^$top/$2\$"; shift 2 ;;
		-o) out=$2; shift 2 ;;
		*) break ;;
	esac
done
[ -n "$out" ] && [ $# -ge 1 ] || { echo "usage: $0 [--fuzz] [-x SRC]... -o OUT MAIN.c [CFLAGS...]" >&2; exit 2; }
main=$1
shift

inc=$(dirname "$out")/core_inc
mkdir -p "$inc/entities" "$inc/fingerprint"
phr=$inc/fingerprint/phrases_data.inc
if [ ! -f "$phr" ] || [ "$top/data/stopwords.txt" -nt "$phr" ] || [ "$top/data/phrases.txt" -nt "$phr" ]; then
	sh "$top/scripts/phrases_inc.sh" "$top/data/stopwords.txt" "$top/data/phrases.txt" >"$phr.tmp"
	mv "$phr.tmp" "$phr"
fi
gaz=$inc/entities/gazetteer_data.inc
if [ ! -f "$gaz" ] || [ "$top/data/gazetteer.tsv" -nt "$gaz" ] || [ "$top/data/lexicon.txt" -nt "$gaz" ]; then
	sh "$top/scripts/gazetteer_inc.sh" "$top/data/gazetteer.tsv" "$top/data/lexicon.txt" >"$gaz.tmp"
	mv "$gaz.tmp" "$gaz"
fi
srcs=$(ls "$top"/src/text/*.c "$top"/src/fingerprint/*.c "$top"/src/entities/*.c |
	grep -v -e '_sql\.c$' -e '_init\.c$' | grep -E -v "$skip")
if [ -n "$fuzz" ]; then
	cc=${FUZZ_CC:-clang}
	cflags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
else
	cc=${CC:-gcc}
	cflags="-O2 -g -Wall -Wextra -Wno-unused-parameter"
fi
# shellcheck disable=SC2086
exec $cc $cflags -DNP_STANDALONE -I"$inc" -I"$top/src" \
	-isystem "$("$pg_config" --includedir-server)" $(xml2-config --cflags) "$@" \
	-o "$out" "$main" $srcs \
	-L"$("$pg_config" --pkglibdir)" -lpgcommon -lpgport $(xml2-config --libs) -lm
