/*-------------------------------------------------------------------------
 *
 * evidence_dump.c
 *	  Every 3-word shingle of a set of texts with what format version 2's
 *	  classes are made of, for bench/eval_evidence_rules.py to try other
 *	  classes on.
 *
 * Usage: evidence_dump [raw] < rows.tsv > shingles.tsv
 *	  Reads lines "key<TAB>text" (text in COPY text escaping: \n, \t, \r,
 *	  \\), cleans each text as fingerprint(body) does (not with "raw"), and
 *	  prints one line per 3-word shingle, in text order:
 *		key, shingle hash (8 hex digits, as in a fingerprint), common (1 if
 *		a phrase of the table or function words only), the three words'
 *		flags (NP_FP_WORD_QUOTED 1, NAME 2, STOP 4, NUMBER 8, one hex
 *		digit each), the three words, the hash the fingerprint keeps
 *		for the shingle (the shingle hash, but for a run of numbers alone:
 *		the hash of the five words that end with it, as fp_ev_push_wide
 *		gives it; its lowest bit as the shingle hash has it), and its name
 *		bit (1 when a word holds a name or a figure, NP_FP_WORD_PROPER;
 *		the fingerprint puts it in place of the hash's lowest bit, and a
 *		run of numbers alone has none)
 *	  The server's NFC pass and encoding conversion are not included.
 *
 * It includes fp_evidence.c itself, to ask the phrase table as the
 * fingerprint does; built without a server by bench/eval_evidence_rules.sh.
 *
 * bench/evidence_dump.c
 *
 *-------------------------------------------------------------------------
 */
#include "fingerprint/fp_evidence.c"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/clean.h"

/* Undo COPY text escaping in place; returns the length */
static size_t
unescape(char *s)
{
	char	   *o = s;
	char	   *r = s;

	while (*r && *r != '\n')
	{
		if (*r == '\\' && r[1])
		{
			r++;
			*o++ = (*r == 'n') ? '\n' : (*r == 't') ? '\t' : (*r == 'r') ? '\r' : *r;
			r++;
		}
		else
			*o++ = *r++;
	}
	return (size_t) (o - s);
}

/* The end of every word, in the order NpFpEvidenceWords() gives them */
typedef struct WordEnds
{
	size_t	   *end;
	size_t		n;
	size_t		cap;
} WordEnds;

static void
collect_end(np_uint64 hash, size_t start, size_t end, void *arg)
{
	WordEnds   *e = (WordEnds *) arg;

	(void) hash;
	(void) start;
	if (e->n == e->cap)
	{
		e->cap = e->cap ? 2 * e->cap : 1024;
		e->end = realloc(e->end, e->cap * sizeof(size_t));
		if (e->end == NULL)
			abort();
	}
	e->end[e->n++] = end;
}

int
main(int argc, char **argv)
{
	WordEnds	ends = {NULL, 0, 0};
	static char line[16 << 20];
	bool		clean = !(argc > 1 && strcmp(argv[1], "raw") == 0);

	fp_tables_init();
	while (fgets(line, sizeof(line), stdin))
	{
		char	   *tab = strchr(line, '\t');
		char	   *text;
		size_t		len;
		NpFpWord   *w;
		size_t		n;
		size_t		i;

		if (tab == NULL)
			continue;
		*tab = '\0';
		len = unescape(tab + 1);
		text = tab + 1;
		if (clean)
		{
			NpCleanOptions opts;

			NpCleanOptionsInit(&opts);
			text = NpCleanText(tab + 1, len, &opts, &len);
		}
		n = NpFpEvidenceWords(text, len, &w);
		ends.n = 0;
		NpFpTokenize(text, len, collect_end, &ends);
		if (ends.n != n)
			abort();
		for (i = 0; i + 3 <= n; i++)
		{
			np_uint64	h[3];
			unsigned char fl[3];
			np_uint32	sh;
			np_uint32	kept;
			int			j;

			for (j = 0; j < 3; j++)
			{
				h[j] = w[i + j].hash;
				fl[j] = w[i + j].flags;
			}
			sh = NpFpShingleHash(h, 3);
			kept = sh;
			if (fp_ev_numbers_only(fl, 3))
			{
				np_uint64	wide[FP_EV_WIDE_WORDS];
				int			m = i + 3 < FP_EV_WIDE_WORDS ? (int) i + 3 : FP_EV_WIDE_WORDS;

				for (j = 0; j < m; j++)
					wide[j] = w[i + 3 - m + j].hash;
				kept = np_fp_shingle_hash(wide, m);
			}
			printf("%s\t%08x\t%d\t%x%x%x\t", line, sh, fp_ev_common(sh, fl, 3) ? 1 : 0,
				   fl[0] & 0xF, fl[1] & 0xF, fl[2] & 0xF);
			for (j = 0; j < 3; j++)
				printf("%.*s%s", (int) (ends.end[i + j] - w[i + j].start),
					   text + w[i + j].start, j < 2 ? " " : "\t");
			printf("%08x\t%d\n", kept,
				   !fp_ev_numbers_only(fl, 3) &&
				   ((fl[0] | fl[1] | fl[2]) & NP_FP_WORD_PROPER) ? 1 : 0);
		}
		if (w)
			np_free(w);
		if (clean)
			np_free(text);
	}
	return 0;
}
