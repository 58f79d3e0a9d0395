# test/data/judge/make_tsv.awk -- turn the hand-written source files
# (src/*.txt) into wire_day.tsv: id, story, time, kind, body
#
# Usage: awk -f make_tsv.awk src/*.txt > wire_day.tsv
#
# A record starts with a line "@@ story | time | kind"; the lines after it,
# up to the next such line, are its body.  Ids are given in file order from
# 1.  The body keeps its line breaks as \n (COPY's text format), with
# trailing empty lines dropped, backslashes doubled and tabs made spaces.
function flush() {
	if (story == "")
		return
	sub(/(\n)+$/, "", body)
	gsub(/\\/, "\\\\", body)
	gsub(/\t/, " ", body)
	gsub(/\n/, "\\n", body)
	printf "%d\t%s\t%s\t%s\t%s\n", ++id, story, time, kind, body
	story = ""
}
/^@@ / {
	flush()
	n = split(substr($0, 4), f, /[ ]*\|[ ]*/)
	if (n != 3) {
		print FILENAME ":" FNR ": bad header" > "/dev/stderr"
		exit 1
	}
	story = f[1]; time = f[2]; kind = f[3]
	body = ""
	first = 1
	next
}
{
	if (story == "") {
		print FILENAME ":" FNR ": text before the first header" > "/dev/stderr"
		exit 1
	}
	body = first ? $0 : body "\n" $0
	first = 0
}
END { flush() }
