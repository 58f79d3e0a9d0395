#!/usr/bin/env bash
# scripts/check-doc-links.sh -- check the relative links and anchors of the Markdown files
#
# Usage: scripts/check-doc-links.sh [FILE.md...]
#
# Reads every Markdown file of the tree (or the files named), finds each
# inline link [text](target) outside code, and checks that
#   - a relative target (a file or a folder) exists, and
#   - an anchor (#name, or file.md#name) names a heading of that Markdown
#     file, spelled as GitHub spells it: lower case, spaces to '-', every
#     character that is not a letter, digit, '-' or '_' dropped, and '-1',
#     '-2'... after the second and later headings of the same name.
# Links to http(s), mailto and the like are not followed.  Prints one line
# per broken link (file:line: target: reason) and exits 1 if there is any;
# prints "doc links: N links in M files, all found" otherwise.
# Uses bash, find, awk and sed only (no python).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

if [ $# -gt 0 ]; then
	files=("$@")
else
	mapfile -t files < <(find . -name '*.md' -not -path './.git/*' \
		-not -path './tmp_check/*' -not -path '*/node_modules/*' | sed 's|^\./||' | sort)
fi
[ ${#files[@]} -gt 0 ] || { echo "doc links: no Markdown files"; exit 0; }

# Headings of every Markdown file of the tree (anchors), then the links of
# the files to check.  awk prints "FILE <path> <src>:<line> <target>" for a
# target whose existence the shell checks, "BAD ..." for a broken anchor.
mapfile -t all < <(find . -name '*.md' -size +0 -not -path './.git/*' | sed 's|^\./||' | sort)

out=$(awk -v nchk=${#files[@]} '
	# GitHub heading slug: lower case, drop punctuation, spaces to "-".
	function slug(h,   s) {
		s = tolower(h)
		gsub(/`/, "", s)
		# [text](url) in a heading keeps its text only
		while (match(s, /\[[^]]*\]\([^)]*\)/)) {
			t = substr(s, RSTART + 1, RLENGTH - 1)
			sub(/\]\(.*/, "", t)
			s = substr(s, 1, RSTART - 1) t substr(s, RSTART + RLENGTH)
		}
		# common non-ASCII punctuation (GitHub drops it; letters stay)
		gsub(/→|←|—|–|’|‘|“|”|…|×|≥|≤|≈|·|§|°|±|−/, "", s)
		gsub(/[!-,.\/:-@[-^`{-~]/, "", s)
		gsub(/ /, "-", s)
		return s
	}
	# Resolve "a/b/../c" and "./x" to a plain path from the top.
	function norm(p,   n, parts, out, i, k, r) {
		n = split(p, parts, "/")
		k = 0
		for (i = 1; i <= n; i++) {
			if (parts[i] == "" || parts[i] == ".") continue
			if (parts[i] == "..") { if (k > 0) k--; else return "../" p; continue }
			out[++k] = parts[i]
		}
		r = ""
		for (i = 1; i <= k; i++) r = r (i > 1 ? "/" : "") out[i]
		return r
	}
	FNR == 1 { fence = 0; nread++; pass = (nread <= nfiles) ? 1 : 2; file = FILENAME }
	# fenced code: neither headings nor links
	/^[ \t]*(```|~~~)/ { fence = !fence; next }
	fence { next }
	pass == 1 && /^#+[ \t]/ {
		h = $0
		sub(/^#+[ \t]+/, "", h); sub(/[ \t]+#*[ \t]*$/, "", h)
		base = slug(h)
		if ((file SUBSEP base) in seen) s = base "-" seen[file, base]++
		else { s = base; seen[file, base] = 1 }
		anchor[file "#" s] = 1
		next
	}
	pass == 1 && /<a (name|id)="[^"]*"/ {
		t = $0
		while (match(t, /<a (name|id)="[^"]*"/)) {
			a = substr(t, RSTART, RLENGTH); sub(/^<a (name|id)="/, "", a); sub(/"$/, "", a)
			anchor[file "#" a] = 1
			t = substr(t, RSTART + RLENGTH)
		}
	}
	pass == 2 {
		line = $0
		gsub(/``[^`]*``/, "", line)
		gsub(/`[^`]*`/, "", line)
		while (match(line, /\]\([^) \t]+( "[^"]*")?\)/)) {
			tgt = substr(line, RSTART + 2, RLENGTH - 3)
			line = substr(line, RSTART + RLENGTH)
			sub(/ ".*$/, "", tgt)
			sub(/^</, "", tgt); sub(/>$/, "", tgt)
			if (tgt ~ /^[a-zA-Z][a-zA-Z0-9+.-]*:/) continue
			nlinks++
			p = tgt; a = ""
			if (index(p, "#")) { a = substr(p, index(p, "#") + 1); p = substr(p, 1, index(p, "#") - 1) }
			dir = file; if (!sub(/\/[^\/]*$/, "", dir)) dir = ""
			if (p == "") path = file
			else path = norm((dir == "" ? "" : dir "/") p)
			if (p != "") print "FILE " path " " file ":" FNR " " tgt
			if (a != "" && path ~ /\.md$/ && !((path "#" a) in anchor))
				print "BAD " file ":" FNR ": " tgt ": no heading with anchor #" a " in " path
		}
	}
	END { print "COUNT " nlinks+0 }
' nfiles=${#all[@]} "${all[@]}" "${files[@]}")

bad=0
while read -r kind a b c; do
	case "$kind" in
		BAD) echo "$a $b $c"; bad=$((bad + 1)) ;;
		FILE) [ -e "$a" ] || { echo "$b: $c: no such file or folder $a"; bad=$((bad + 1)); } ;;
		COUNT) n=$a ;;
	esac
done <<<"$out"

if [ "$bad" -gt 0 ]; then
	echo "doc links: $bad broken of $n links in ${#files[@]} files"
	exit 1
fi
echo "doc links: $n links in ${#files[@]} files, all found"
