/*-------------------------------------------------------------------------
 *
 * wire.c
 *	  Agency wire copy as the feeds deliver it, for the plain-text front end
 *	  of the article cleaner (plaintext.c).
 *
 * News agencies move copy in transmission formats older than the web:
 *
 * - PA (the UK Press Association) teleprinter pages: a page header
 *	 between dashed rules ("16:54 01/03/00: Page 1 (ZSM) COURTS Burstein"),
 *	 notes such as "(With pics)", an all-capital headline, "By NAME, PA
 *	 News", lines hard-wrapped near 70 columns, every paragraph ending with
 *	 the mark '<', typewriter quotes (``...'' and `...'), '#' for the pound
 *	 sign (the UK 7-bit character set put '£' at the code of '#'), take
 *	 markers ("more", "end", "ENDS") and the operator's sign-off ("mfl<",
 *	 "sc/ph<").  A story longer than a page continues on "Page 2", which
 *	 may hold a single sentence.
 * - AP's ANPA text: SOH/STX/ETX bytes, a selector and priority line, a slug
 *	 ("BC-US--Severe Weather,2nd Ld-Writethru,0612"), "Eds:" notes, a byline
 *	 with a title line ("AP Medical Writer"), paragraphs indented three
 *	 spaces without blank lines, "(MORE)", "(END)", "-0-", "___" before
 *	 contributor and link lines, a trailer ("AP-NY-03-08-23 1142EST").
 * - Reuters' IPTC 7901-like items: "ZCZC", "RTRS 0712 3 ECI 0612", headline
 *	 prefixes ("UPDATE 2-", "BRIEF-", "FACTBOX-"), "(Adds ...)" notes,
 *	 "((Reporting by ...))", contact lines, "Keywords:".
 * - AFP: a slug ("France-politics-social-unemployment,LEAD"), priority
 *	 words, "=(Picture)=", "by NAME", desk signatures ("bur-am/fg/jj"),
 *	 "© Agence France-Presse".
 *
 * NpWireDetect looks at the text once: the head for a transmission header
 * or an agency dateline ("WASHINGTON (AP) --", "LONDON, May 3 (Reuters) -",
 * "PARIS, May 3, 2024 (AFP) -"), the whole text for paragraph marks and
 * typewriter quotes.  The plain-text front end then rewrites each line
 * (NpWireEditLine: marks, quotes and, in PA copy only, the pound sign),
 * asks NpWireLineKind whether it is furniture, uses the marks and the
 * indentation to find paragraphs, and never joins a furniture line to the
 * story.  The shapes below are the formats' own fixed furniture; none is a
 * phrase of any one story.  In a text that is not agency copy nothing here
 * applies except the typewriter quotes (when the text has ``) and the
 * paragraph marks (when at least two lines end with one).
 *
 * Everything is linear in the input: detection reads a bounded head and
 * scans the text for two bytes with memchr, every line is edited and
 * classified once.
 *
 * src/text/wire.c
 *
 *-------------------------------------------------------------------------
 */
#include "np_port.h"

#include "text/clean_int.h"
#include "text/wire.h"

/* Detection reads this much of the text for headers and datelines */
#define WIRE_HEAD_BYTES 4096

/* Header shapes that only count near the top of a text or a take */
#define WIRE_HEAD_LINES 8

/* ----------------------------------------------------------------
 * Small string helpers
 * ----------------------------------------------------------------
 */

#define A_TOLOWER(c) (A_UPPER(c) ? (c) - 'A' + 'a' : (c))

/* Trim white space and control bytes from both ends */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (unsigned char) (*s)[0] <= 0x20)
	{
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && (unsigned char) (*s)[*len - 1] <= 0x20)
		(*len)--;
}

static bool
prefix(const char *s, size_t len, const char *p)
{
	size_t		n = strlen(p);

	return len >= n && memcmp(s, p, n) == 0;
}

static bool
prefix_ci(const char *s, size_t len, const char *p)
{
	size_t		n = strlen(p);
	size_t		i;

	if (len < n)
		return false;
	for (i = 0; i < n; i++)
		if (A_TOLOWER((unsigned char) s[i]) != (unsigned char) p[i])
			return false;
	return true;
}

static bool
equals_ci(const char *s, size_t len, const char *p)
{
	return strlen(p) == len && prefix_ci(s, len, p);
}

/* Is the word s[0..len) one of the (lower-case) words of list? */
static bool
word_in(const char *s, size_t len, const char *const *list)
{
	for (; *list; list++)
		if (equals_ci(s, len, *list))
			return true;
	return false;
}

static bool
contains(const char *s, size_t len, const char *p)
{
	size_t		n = strlen(p);
	size_t		i;

	for (i = 0; i + n <= len; i++)
		if (s[i] == p[0] && memcmp(s + i, p, n) == 0)
			return true;
	return false;
}

/* Count the words of a line whose white space is collapsed */
static int
count_words(const char *s, size_t len)
{
	int			n = len > 0;
	size_t		i;

	for (i = 0; i < len; i++)
		n += s[i] == ' ';
	return n;
}

/* The end of the word starting at i (the next space, or len) */
static size_t
word_end(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] != ' ')
		i++;
	return i;
}

/* Does the line end a sentence (".", "?", "!", after closing quotes)? */
static bool
ends_sentence(const char *s, size_t len)
{
	return NpEndsSentence(s, len, false);
}

/* ----------------------------------------------------------------
 * Header shapes
 * ----------------------------------------------------------------
 */

/* "16:54 01/03/00: Page 1 (ZSM) COURTS Burstein" */
static bool
is_pa_page_header(const char *s, size_t len)
{
	size_t		i = 0;
	int			d;

	for (d = 0; i < len && A_DIGIT((unsigned char) s[i]) && d < 2; d++)
		i++;
	if (d == 0 || i + 1 >= len || s[i] != ':')
		return false;
	i++;
	while (i < len && (A_DIGIT((unsigned char) s[i]) || s[i] == '/' || s[i] == ':' ||
					   s[i] == ' ' || s[i] == '.'))
		i++;
	return i > 8 && len - i >= 6 && (memcmp(s + i, "Page ", 5) == 0 ||
									 memcmp(s + i, "PAGE ", 5) == 0) &&
		A_DIGIT((unsigned char) s[i + 5]);
}

/* AP's slug line: "BC-US--Earnings-Holloway Brands,0402", after a selector */
static bool
is_ap_slug(const char *s, size_t len)
{
	size_t		i;

	if (s[0] == '^')
	{
		s++;
		len--;
	}
	for (i = 0; i + 3 <= len && i < 16; i++)
		if ((i == 0 || s[i - 1] == ' ') && memcmp(s + i, "BC-", 3) == 0)
			return true;
	return false;
}

/* Reuters' header line "RTRS 0712 3 ECI 0612" */
static bool
is_rtrs(const char *s, size_t len)
{
	return len > 6 && memcmp(s, "RTRS ", 5) == 0 && A_DIGIT((unsigned char) s[5]);
}

/*
 * An AFP slug, one token of words joined by hyphens, with an optional
 * version: "France-politics-social-unemployment,LEAD", "Japan-quake".
 */
static bool
is_afp_slug(const char *s, size_t len)
{
	size_t		i;
	int			hyphens = 0;

	if (len < 5 || len > 80 || !A_ALPHA((unsigned char) s[0]))
		return false;
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '-')
		{
			if (i + 1 >= len || !A_ALNUM((unsigned char) s[i + 1]) ||
				!A_ALNUM((unsigned char) s[i - 1]))
				return false;
			hyphens++;
		}
		else if (!(A_ALNUM(c) || c == ',' || c >= 0x80))
			return false;
	}
	return hyphens > 0;
}

/* The prefixes of Reuters headlines: "UPDATE 2-", "FACTBOX-", "Tennis-" */
static const char *const reuters_prefixes[] = {
	"update", "corrected", "correction", "brief", "factbox", "urgent",
	"withdrawn", "refile", "rpt", "repeat", "exclusive", "analysis",
	"insight", "wrapup", "preview", "timeline", "instant view",
	"breakingviews", "global markets", "focus", "diary", "special report",
	"poll", "column", "interview", "explainer", "highlights", "table",
	"feature", "newsmaker", "scenarios", "graphic", "chronology", "obituary",
	"press digest", "stocks", "forex", "us stocks", "mideast stocks",
	"india stocks", "canada stocks", "emerging markets", "treasuries",
	"precious", "metals", "base metals", "grains", "softs", "kill",
	"advisory", "tennis", "soccer", "football",
	"golf", "cricket", "rugby", "rugby union", "rugby league", "athletics",
	"cycling", "motor racing", "motorsport", "formula one", "boxing",
	"basketball", "baseball", "ice hockey", "nfl", "nba", "olympics",
	"skiing", "swimming", "sailing", "horse racing", NULL
};

/*
 * Where does the headline start after Reuters' headline prefixes
 * ("CORRECTED-UPDATE 1-UK ...": at "UK")?  Each prefix is a listed word,
 * optionally with a number, followed by '-' and, with no space, a capital
 * or a digit.  0 if the line opens with no prefix.
 */
static size_t
reuters_prefix_end(const char *s, size_t len)
{
	size_t		i = 0;

	for (;;)
	{
		size_t		j = i;
		size_t		k;

		while (j < len && (A_ALPHA((unsigned char) s[j]) || s[j] == ' ') && j - i < 20)
			j++;
		/* an optional number: "UPDATE 2-" */
		k = j;
		while (k < len && A_DIGIT((unsigned char) s[k]))
			k++;
		if (k >= len || s[k] != '-' || k + 1 >= len ||
			!(A_UPPER((unsigned char) s[k + 1]) || A_DIGIT((unsigned char) s[k + 1])))
			break;
		/* the word(s) before the number */
		{
			size_t		we = j;

			while (we > i && s[we - 1] == ' ')
				we--;
			if (we == i)
				break;
			{
				char		buf[24];
				size_t		q;

				if (we - i >= sizeof(buf))
					break;
				for (q = i; q < we; q++)
					buf[q - i] = A_TOLOWER((unsigned char) s[q]);
				buf[we - i] = '\0';
				{
					const char *const *p;
					bool		hit = false;

					for (p = reuters_prefixes; *p; p++)
						if (strcmp(buf, *p) == 0)
							hit = true;
					if (!hit)
						break;
				}
			}
		}
		i = k + 1;
	}
	return i;
}

/* Does the line open with Reuters' headline prefixes? */
static bool
is_reuters_headline(const char *s, size_t len)
{
	return reuters_prefix_end(s, len) > 0;
}

size_t
NpWireHeadlineStart(const char *s, size_t len)
{
	return reuters_prefix_end(s, len);
}

/*
 * Is next, the line right under a Reuters headline line head (both with
 * white space collapsed), the rest of that headline wrapped onto a second
 * line ("UPDATE 1-Halvorsen Marine cuts outlook as freight rates slide,"
 * over "shares drop 9 pct")?  The headline line must be long enough to
 * have reached a wrap width (a short one ended where its writer ended it)
 * and not end a sentence; the next line must be short (the headline whole
 * has at most NP_WIRE_HEADLINE_WORDS words), not end a sentence or
 * introduce a list (a headline may end with '?'), and be none of what
 * follows a headline in agency copy: a note in parentheses, a byline, a
 * dateline, a bullet, a subhead in capitals.  The caller asks too that
 * a break follows it (blank line, furniture, a dateline or the end of the
 * text), so that the first line of a story written under the headline
 * without a blank line is never taken for it.
 */
bool
NpWireHeadlineWraps(const char *head, size_t hlen, const char *next, size_t nlen)
{
	int			words = 1;
	int			next_words = 1;
	int			lower = 0;
	int			upper = 0;
	unsigned char last;
	size_t		i;

	if (hlen < NP_WIRE_HEADLINE_WRAPPED || nlen == 0)
		return false;
	/*
	 * Sentence ends are looked for behind closing quotes and brackets: a
	 * story's first line ending 'no choice."' is a sentence, not the rest
	 * of the headline.
	 */
	if (NpEndsSentence(head, hlen, true) || head[hlen - 1] == ';')
		return false;
	last = (unsigned char) next[nlen - 1];
	if ((NpEndsSentence(next, nlen, true) && last != '?') || last == ';')
		return false;
	if (next[0] == '(' || next[0] == '*' || next[0] == '-' || next[0] == '[' ||
		(unsigned char) next[0] == 0xE2 ||	/* a bullet, a dash */
		prefix(next, nlen, "By ") || prefix(next, nlen, "BY ") ||
		prefix(next, nlen, "by ") || contains(next, nlen, "(Reuters)"))
		return false;
	/* the words of the headline proper, behind the prefixes (clean.c) */
	for (i = NpWireHeadlineStart(head, hlen); i < hlen; i++)
		words += head[i] == ' ';
	for (i = 0; i < nlen; i++)
	{
		unsigned char c = (unsigned char) next[i];

		next_words += c == ' ';
		lower += A_LOWER(c);
		upper += A_UPPER(c);
	}
	/* a subhead in capitals ("WHAT WILL BE STOCKPILED?") */
	if (lower == 0 && upper >= 4)
		return false;
	return next_words <= NP_WIRE_HEADLINE_TAIL_WORDS &&
		words + next_words <= NP_WIRE_HEADLINE_WORDS;
}

/* An agency dateline in the text: "(AP) --", "(Reuters) -", "(AFP) -" */
bool
NpWireHasDateline(const char *s, size_t len)
{
	const char *p = s;
	const char *end = s + len;

	while ((p = memchr(p, '(', end - p)) != NULL)
	{
		size_t		rest = end - p;

		if ((rest >= 6 && memcmp(p, "(AP) ", 5) == 0) ||
			(rest >= 11 && memcmp(p, "(Reuters) ", 10) == 0) ||
			(rest >= 7 && memcmp(p, "(AFP) ", 6) == 0))
		{
			const char *q = memchr(p, ')', rest);

			/* followed by a dash: "-", "--", an en or em dash */
			if (q && end - q >= 3 && q[1] == ' ' &&
				(q[2] == '-' || (end - q >= 5 && (unsigned char) q[2] == 0xE2 &&
								 (unsigned char) q[3] == 0x80)))
				return true;
		}
		p++;
	}
	return false;
}

/*
 * A line-final '<' at s[p] is a paragraph mark when the last character
 * before it (spaces and tabs apart, on the same line) is not another '<'
 * or an arrow's '-' or '='.  Returns 0 if it is not a mark, 2 if that
 * character ends a sentence or a quotation (".<", "''<"), 1 otherwise
 * ("hm<").
 */
static int
mark_kind(const char *s, size_t p)
{
	unsigned char c;

	while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t'))
		p--;
	if (p == 0)
		return 0;
	c = (unsigned char) s[p - 1];
	if (c <= 0x20 || c == '<' || c == '-' || c == '=')
		return 0;
	if (c == '.' || c == '!' || c == '?' || c == '\'' || c == '"' || c == ')' ||
		c == ':' || c == ';')
		return 2;
	return 1;
}

/*
 * Find what kind of copy the text is.  pound: the caller can represent the
 * pound sign in its output.
 */
void
NpWireDetect(const char *s, size_t len, bool pound, NpWire *w)
{
	size_t		head = len < WIRE_HEAD_BYTES ? len : WIRE_HEAD_BYTES;
	size_t		ls = 0;
	int			lineno = 0;
	bool		pa_header = false;
	bool		pa_byline = false;
	bool		afp_slug = false;
	bool		reuters_head = false;
	int			marks = 0;
	int			strong_marks = 0;
	const char *p;

	memset(w, 0, sizeof(NpWire));
	w->pound = pound;
	if (len == 0)
		return;

	/* the head: transmission headers */
	if (memchr(s, 0x01, head) != NULL || memchr(s, 0x02, head) != NULL)
		w->feed = true;
	while (ls < head)
	{
		const char *nl = memchr(s + ls, '\n', head - ls);
		size_t		le = nl ? (size_t) (nl - s) : head;
		const char *l = s + ls;
		size_t		ll = le - ls;

		NP_CHECK_FOR_INTERRUPTS();
		trim(&l, &ll);
		if (ll > 0)
		{
			if (ll == 4 && memcmp(l, "ZCZC", 4) == 0)
				w->feed = true;
			else if (is_rtrs(l, ll) || (lineno < 3 && is_ap_slug(l, ll)))
				w->feed = true;
			else if (is_pa_page_header(l, ll))
				pa_header = w->feed = true;
			else if ((prefix(l, ll, "By ") || prefix(l, ll, "by ")) && ll < 100 &&
					 (contains(l, ll, "PA News") || contains(l, ll, "PA Sport") ||
					  contains(l, ll, ", PA ") || contains(l, ll, "By PA ")))
				pa_byline = true;
			else if (lineno < 3 && is_afp_slug(l, ll))
				afp_slug = true;
			else if (lineno < 3 && is_reuters_headline(l, ll))
				reuters_head = true;
			lineno++;
		}
		if (!nl)
			break;
		ls = le + 1;
	}
	if (afp_slug && (contains(s, head, "AFP") || contains(s, len, "Agence France-Presse")))
		w->feed = true;
	if (reuters_head && contains(s, head, "(Reuters)"))
		w->feed = true;
	w->active = w->feed || pa_byline || NpWireHasDateline(s, head);

	/*
	 * The whole text: lines ending with the paragraph mark '<' (DataStream
	 * header lines, "^...<", do not count), and typewriter quotes.
	 */
	p = s;
	while ((p = memchr(p, '<', s + len - p)) != NULL)
	{
		const char *q = p + 1;
		int			kind;

		NP_CHECK_FOR_INTERRUPTS();
		while (q < s + len && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if ((q == s + len || *q == '\n') && (kind = mark_kind(s, p - s)) > 0)
		{
			const char *b = p;

			while (b > s && b[-1] != '\n')
				b--;
			while (b < p && (*b == ' ' || *b == '\t'))
				b++;
			if (*b != '^')
			{
				marks++;
				strong_marks += kind == 2;
			}
		}
		p = q;
	}
	p = s;
	while ((p = memchr(p, '`', s + len - p)) != NULL)
	{
		NP_CHECK_FOR_INTERRUPTS();
		if (p + 1 < s + len && p[1] == '`')
		{
			w->typewriter = true;
			break;
		}
		p++;
	}
	w->marks = marks >= 2 || strong_marks > 0 || (marks == 1 && w->active);
	w->pa = pa_header || pa_byline || (marks >= 2 && w->typewriter);
	if (w->pa)
		w->active = true;
}

/* ----------------------------------------------------------------
 * Line edits
 * ----------------------------------------------------------------
 */

size_t
NpWireEditLine(const NpWire *w, const char *s, size_t len, char *buf, bool *marked)
{
	size_t		i;
	size_t		o = 0;

	*marked = false;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	if (w->marks && len >= 2 && s[len - 1] == '<' && mark_kind(s, len - 1) > 0)
	{
		*marked = true;
		len--;
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
	}
	for (i = 0; i < len; i++)
	{
		char		c = s[i];

		if (w->typewriter && c == '`')
		{
			/* `` opens a double quotation, a lone ` a single one */
			if (i + 1 < len && s[i + 1] == '`')
			{
				buf[o++] = '"';
				i++;
			}
			else
				buf[o++] = '\'';
		}
		else if (w->typewriter && c == '\'' && i + 1 < len && s[i + 1] == '\'')
		{
			/*
			 * A run of closing quotes: '' closes a double quotation; in an
			 * odd run the single quotation inside closes first (`...'' ->
			 * '").
			 */
			size_t		k = i;

			while (k < len && s[k] == '\'')
				k++;
			if ((k - i) % 2 == 1)
				buf[o++] = '\'';
			for (; i + 1 < k; i += 2)
				buf[o++] = '"';
			i = k - 1;
		}
		else if (c == '#' && w->pa && w->pound && i + 1 < len && A_DIGIT((unsigned char) s[i + 1]))
		{
			buf[o++] = (char) 0xC2;		/* U+00A3 POUND SIGN */
			buf[o++] = (char) 0xA3;
		}
		else
			buf[o++] = c;
	}
	return o;
}

/* ----------------------------------------------------------------
 * Furniture lines
 * ----------------------------------------------------------------
 */

/* Lines made only of these words are priority codes and notices */
static const char *const priority_words[] = {
	"flash", "urgent", "bulletin", "advisory", "kill", "killed", "correction",
	"corrected", "withdrawn", "withdrawal", "elimination", "mandatory",
	"newsdesk", "newsdesks", "embargo", "embargoed", "apnewsalert",
	"newsalert", "alert", "ap", "repeat", "refile", "refiled", "writethru",
	"lead", "update", "updated", "sublead", "subs", "note", "editors", NULL
};

/*
 * Priority words that head an alert's one line: "FLASH: Storm Danielle now
 * a hurricane", "URGENT: ...", AP's "BULLETIN: ..."
 */
static const char *const alert_words[] = {
	"flash", "urgent", "bulletin", "newsalert", "apnewsalert", NULL
};

/* First words of notes to editors in parentheses: "(With pics)", "(Adds ...)" */
static const char *const note_words[] = {
	"with", "adds", "add", "corrects", "correcting", "correction",
	"updates", "recasts", "rewrites", "writes", "changes", "fixes",
	"repeats", "refiles", "removes", "inserts", "moves", "deletes",
	"replaces", "clarifies", "combines", "edits", "eds", "note",
	"reporting", "additional", "writing", "editing", "compiled", "by", NULL
};

/* Last words of a newsroom or desk credit: "(Gdansk Newsroom)" */
static const char *const desk_words[] = {
	"newsroom", "desk", "bureau", "newsdesk", NULL
};

/*
 * Does the line open with an alert's priority word and a colon ("FLASH:
 * ...", "URGENT: ...")?  What follows is the alert's headline, not the
 * value of a label ("See also: ...", "Best album: ..."): an alert moved
 * alone is that one line.
 */
bool
NpWireIsAlert(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len && i < 16 && A_ALPHA((unsigned char) s[i]))
		i++;
	return i > 0 && i < len && s[i] == ':' && word_in(s, i, alert_words);
}

/* Last words of a writer's title line: "AP Medical Writer" */
static const char *const title_words[] = {
	"writer", "writers", "correspondent", "correspondents", "editor",
	"reporter", "columnist", "staff", NULL
};

/* Lines that are take markers: "more", "end", "(MORE)", "More to follow." */
static const char *const marker_lines[] = {
	"more", "end", "ends", "endit", "more to follow", "more follows",
	"-30-", "-0-", "###", "(more)", "(end)", "(ends)", NULL
};

/*
 * Lines that are an agency's name alone, or AP's sign-off "The AP"; all but
 * the last are sign-offs (NpWireIsSignoff)
 */
static const char *const agency_lines[] = {
	"the ap", "ap", "reuters", "reuter", "afp", "associated press",
	"the associated press", "agence france-presse", "online:", NULL
};
#define AGENCY_SIGNOFFS (lengthof(agency_lines) - 2)

bool
NpWireIsSignoff(const char *s, size_t len)
{
	size_t		i;

	trim(&s, &len);
	/* "-- Reuters", "- AP", or an en or em dash before the name */
	if (len > 0 && s[0] == '-')
	{
		for (i = 0; i < len && i < 3 && s[i] == '-'; i++)
			;
		if (i >= len || s[i] != ' ')
			return false;
		s += i;
		len -= i;
	}
	else if (len > 3 && (unsigned char) s[0] == 0xE2 && (unsigned char) s[1] == 0x80 &&
			 ((unsigned char) s[2] == 0x93 || (unsigned char) s[2] == 0x94))
	{
		if (s[3] != ' ')
			return false;
		s += 3;
		len -= 3;
	}
	trim(&s, &len);
	/* "(Reuters)" */
	if (len > 2 && s[0] == '(' && s[len - 1] == ')')
	{
		s++;
		len -= 2;
	}
	if (len > 24)
		return false;
	for (i = 0; i < AGENCY_SIGNOFFS; i++)
		if (equals_ci(s, len, agency_lines[i]))
			return true;
	return false;
}

/*
 * Is the line a sign-off in a form that no row of a list takes: the name
 * after a dash or in brackets ("-- Reuters", "(AP)"), or Reuters' old
 * sign-off "Reuter"?  An agency's name alone ("Reuters", "AP") may be the
 * last row of a list of names.
 */
bool
NpWireIsSignoffForm(const char *s, size_t len)
{
	trim(&s, &len);
	if (len == 0 || !NpWireIsSignoff(s, len))
		return false;
	return s[0] == '-' || s[0] == '(' || (unsigned char) s[0] == 0xE2 ||
		equals_ci(s, len, "reuter");
}

/*
 * A desk or operator sign-off: "hm", "sc/ph", "bur-am/fg/jj".  Lower-case
 * letters only, with '/' or '-' between groups of at most five; without a
 * separator at most four letters.
 */
static bool
is_signoff(const char *s, size_t len)
{
	size_t		i;
	size_t		group = 0;
	bool		sep = false;

	if (len < 2 || len > 24)
		return false;
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (A_LOWER(c))
		{
			if (++group > 5)
				return false;
		}
		else if ((c == '/' || c == '-') && group > 0 && i + 1 < len)
		{
			sep = true;
			group = 0;
		}
		else
			return false;
	}
	return sep || len <= 4;
}

/*
 * How many digits in a row end at s[i - 1] (or start at s[i], ahead)?  Only
 * up to three are counted: that is all the callers ask, and it keeps a line
 * of digits and dashes linear.
 */
static int
digits_back(const char *s, size_t i)
{
	int			n = 0;

	while (i > 0 && n < 3 && A_DIGIT((unsigned char) s[i - 1]))
	{
		i--;
		n++;
	}
	return n;
}

static int
digits_ahead(const char *s, size_t len, size_t i)
{
	int			n = 0;

	while (i < len && n < 3 && A_DIGIT((unsigned char) s[i]))
	{
		i++;
		n++;
	}
	return n;
}

/*
 * Does the line hold a telephone number or an e-mail address?  A number is
 * eight digits or more in a run of digits, spaces, dots and "+-()" that
 * opens with '+' or a trunk '0' ("+44 20 7946 0502", "020 7946 0321") or
 * joins groups of three digits or more with a dash ("212-555-0147"); a row
 * of figures ("(36) 34-0 900 1") is none of these.
 */
static bool
has_contact(const char *s, size_t len)
{
	size_t		i;
	int			digits = 0;
	bool		phone_like = false;
	size_t		lastdot = len;	/* the last '.', or len if none */

	for (i = len; i > 0; i--)
		if (s[i - 1] == '.')
		{
			lastdot = i - 1;
			break;
		}

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (A_DIGIT(c))
		{
			if (digits == 0)
				phone_like = (c == '0' && i + 1 < len && A_DIGIT((unsigned char) s[i + 1])) ||
					(i > 0 && s[i - 1] == '+');
			if (++digits >= 8 && phone_like)
				return true;
		}
		else if (c == '-' && digits_back(s, i) >= 3 && digits_ahead(s, len, i + 1) >= 3)
			phone_like = true;
		else if (!(c == ' ' || c == '+' || c == '(' || c == ')' || c == '.' || c == '-'))
			digits = 0;
		/* an address: "name@host.tld", a dot somewhere after the '@' */
		if (c == '@' && i > 0 && s[i - 1] != ' ' && lastdot < len && lastdot > i)
			return true;
	}
	return false;
}

/*
 * A contact line: "PA Newsdesk, 020 7946 0321", "AFP Sports desk Paris,
 * +33 1 99 00 27 41": a telephone number or an e-mail address after
 * capitalised words (or a desk's name) only.  A sentence that gives a
 * number wraps onto lines with lower-case words before it ("call police
 * on 0161 872 5050 or").
 */
static bool
contact_line(const char *s, size_t len)
{
	size_t		i = 0;

	if (!has_contact(s, len))
		return false;
	while (i < len)
	{
		size_t		j = word_end(s, len, i);
		unsigned char c = (unsigned char) s[i];

		if (A_DIGIT(c) || c == '+' || c == '(' || memchr(s + i, '@', j - i) != NULL)
			return true;		/* the number or address: nothing wrong before it */
		if (A_LOWER(c))
		{
			size_t		z = j;

			while (z > i && !A_ALPHA((unsigned char) s[z - 1]))
				z--;
			if (!word_in(s + i, z - i, desk_words))
				return false;
		}
		i = j + 1;
	}
	return true;
}

/*
 * A byline: "By NAME", "by Aurélie MARTEAU", "By NAME and NAME, PA News":
 * after "By", capitalised words (and "and", "in", "of", "the"), no
 * sentence end.
 */
static bool
is_byline(const char *s, size_t len)
{
	size_t		i;
	int			words = 0;

	if (!(prefix(s, len, "By ") || prefix(s, len, "by ") || prefix(s, len, "BY ")))
		return false;
	if (ends_sentence(s, len) || len > 120)
		return false;
	i = 3;
	while (i < len)
	{
		size_t		j = word_end(s, len, i);
		unsigned char c = (unsigned char) s[i];

		words++;
		if (!(A_UPPER(c) || c >= 0x80 ||
			  (j - i == 3 && memcmp(s + i, "and", 3) == 0) ||
			  (j - i == 2 && (memcmp(s + i, "in", 2) == 0 || memcmp(s + i, "of", 2) == 0)) ||
			  (j - i == 3 && memcmp(s + i, "the", 3) == 0)))
			return false;
		i = j + 1;
	}
	return words >= 1 && words <= 12 && A_UPPER((unsigned char) s[3]);
}

int
NpWireLineKind(const NpWire *w, const char *s, size_t len, int lineno)
{
	size_t		i;
	int			nwords;
	bool		rule = true;
	bool		underscores = true;

	if (!w->active || len == 0)
		return NPW_NONE;

	/* rules: "-----", "=====", "___" */
	for (i = 0; i < len; i++)
	{
		char		c = s[i];

		if (c != '_')
			underscores = false;
		if (!(c == '-' || c == '=' || c == '_' || c == '*' || c == '~' || c == '+' || c == ' '))
		{
			rule = false;
			break;
		}
	}
	if (rule && len >= 3)
		return underscores ? NPW_SEPARATOR : NPW_FURNITURE;

	/* transmission headers and trailers */
	if (s[0] == '^')
		return NPW_FURNITURE;	/* DataStream header lines */
	if (is_pa_page_header(s, len) || is_rtrs(s, len) || is_ap_slug(s, len) ||
		(len == 4 && memcmp(s, "ZCZC", 4) == 0))
		return NPW_FURNITURE;
	/* AP's trailer "AP-NY-03-08-23 1142EST" */
	if (len >= 12 && memcmp(s, "AP-", 3) == 0 && A_UPPER((unsigned char) s[3]) &&
		A_UPPER((unsigned char) s[4]) && s[5] == '-' && A_DIGIT((unsigned char) s[6]))
		return NPW_FURNITURE;

	/* take markers, the agency's name alone */
	if (len <= 16 && (word_in(s, len, marker_lines) || word_in(s, len, agency_lines)))
		return NPW_FURNITURE;
	if (len <= 20 && (prefix_ci(s, len, "more to follow") || prefix_ci(s, len, "(more")))
		return NPW_FURNITURE;

	/* operator and desk sign-offs */
	if (is_signoff(s, len))
		return NPW_FURNITURE;

	nwords = count_words(s, len);

	/* priority codes and notices: "URGENT", "KILL -- KILL -- KILL" */
	if (nwords <= 6)
	{
		bool		all = true;
		int			seen = 0;

		for (i = 0; i < len && all;)
		{
			size_t		j = word_end(s, len, i);
			size_t		a = i;
			size_t		z = j;

			while (a < z && !A_ALPHA((unsigned char) s[a]))
				a++;
			while (z > a && !A_ALPHA((unsigned char) s[z - 1]))
				z--;
			if (a < z)
			{
				seen++;
				all = word_in(s + a, z - a, priority_words);
			}
			i = j + 1;
		}
		if (all && seen > 0 && !ends_sentence(s, len))
			return NPW_FURNITURE;
	}

	/* notes to editors in parentheses, "((...))", "(Gdansk Newsroom)" */
	if (s[0] == '(' && nwords <= 40)
	{
		size_t		a = 1;
		size_t		z;

		/*
		 * "((Reporting by ...))", "((email; phone))": the double brackets
		 * close the line, or a credit wraps onto the next one
		 */
		if (len > 2 && s[1] == '(' &&
			(s[len - 1] == ')' ? s[len - 2] == ')' && !contains(s, len - 2, "))") :
			 !contains(s, len, "))") && (contains(s, len, " by ") || has_contact(s, len))))
			return NPW_NOTE;
		z = word_end(s, len, a);
		while (z > a && !A_ALPHA((unsigned char) s[z - 1]))
			z--;
		if (z > a && word_in(s + a, z - a, note_words))
			return NPW_NOTE;
		/* Reuters' exchange-rate footnote "($1 = 0.7432 pounds)" */
		if (s[len - 1] == ')' && nwords <= 8 && contains(s, len, " = "))
			return NPW_NOTE;
		if (s[len - 1] == ')' && nwords <= 4)
		{
			a = len - 1;
			while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '(')
				a--;
			if (word_in(s + a, len - 1 - a, desk_words))
				return NPW_FURNITURE;
		}
	}
	/* AFP's picture and video notes, "=(Picture+Video)=" */
	if (len >= 3 && s[0] == '=' && s[len - 1] == '=')
		return NPW_FURNITURE;

	/* notes to editors, embargoes, correction flags */
	if (prefix(s, len, "Eds:") || prefix(s, len, "CORRECTION:") || prefix(s, len, "EDS:") || prefix(s, len, "Eds.") ||
		prefix_ci(s, len, "editor's note:") || prefix_ci(s, len, "editors' note:") ||
		prefix(s, len, "CORRECTED VERSION") || prefix(s, len, "CORRECTS ") ||
		prefix(s, len, "CORRECTED:") || prefix(s, len, "RECASTS ") ||
		prefix(s, len, "REPEATS ") ||
		((prefix_ci(s, len, "embargoed") || prefix_ci(s, len, "embargo:") ||
		  prefix(s, len, "EMBARGO ")) && nwords <= 20))
		return NPW_NOTE;

	/* trailers: keywords, source notes, contacts, copyright, links */
	if (prefix_ci(s, len, "keywords:") || prefix(s, len, "Source text") ||
		prefix(s, len, "Further company coverage") ||
		prefix_ci(s, len, "contact:") || prefix_ci(s, len, "contacts:") ||
		prefix(s, len, "Follow AP") || prefix(s, len, "This is a breaking news update") ||
		prefix(s, len, "Check back soon for") ||
		prefix(s, len, "(Copyright") || prefix(s, len, "\xC2\xA9") ||
		(prefix(s, len, "Copyright ") && len > 10 && nwords <= 40 &&
		 (A_DIGIT((unsigned char) s[10]) || s[10] == '(' || (unsigned char) s[10] == 0xC2)))
		return NPW_NOTE;
	if (nwords <= 10 && !ends_sentence(s, len) && contact_line(s, len))
		return NPW_NOTE;

	/* bylines and the writer's title under them */
	if (is_byline(s, len))
		return NPW_FURNITURE;
	if (nwords <= 6 && (prefix(s, len, "AP ") || prefix(s, len, "Associated Press ")))
	{
		size_t		a = len;

		while (a > 0 && s[a - 1] != ' ')
			a--;
		if (word_in(s + a, len - a, title_words))
			return NPW_FURNITURE;
	}

	/* headers that only count at the top: slugs, Reuters headlines */
	if (lineno < WIRE_HEAD_LINES && nwords == 1 && is_afp_slug(s, len))
		return NPW_FURNITURE;
	if (lineno < WIRE_HEAD_LINES && is_reuters_headline(s, len))
		return NPW_HEADLINE;

	return NPW_NONE;
}

/* ----------------------------------------------------------------
 * The trailer
 * ----------------------------------------------------------------
 */

/* sections after "___" longer than this are story (a sidebar), not trailer */
#define TRAILER_MAX_UNITS	4
#define TRAILER_MAX_WORDS	40

void
NpWireMarkTrailer(const NpWire *w, NpDoc *doc)
{
	int			i;
	bool		story_before = false;

	if (!w->active)
		return;
	for (i = 0; i < doc->nunits; i++)
	{
		NpUnit	   *u = &doc->units[i];
		int			j;
		int			n = 0;
		bool		trailer = true;

		NP_CHECK_FOR_INTERRUPTS();
		if (!(u->flags & NPU_SEPARATOR))
		{
			if (!(u->flags & NPU_FURNITURE) &&
				count_words(doc->text + u->off, u->len) >= 10)
				story_before = true;
			continue;
		}
		if (!story_before)
			continue;
		/* the section: up to the next separator */
		for (j = i + 1; j < doc->nunits && !(doc->units[j].flags & NPU_SEPARATOR); j++)
		{
			const NpUnit *v = &doc->units[j];

			NP_CHECK_FOR_INTERRUPTS();
			if (v->flags & NPU_FURNITURE)
				continue;
			if (++n > TRAILER_MAX_UNITS ||
				count_words(doc->text + v->off, v->len) > TRAILER_MAX_WORDS)
			{
				trailer = false;
				break;
			}
		}
		/*
		 * Mark the section if it is a trailer; the scan goes on from the next
		 * separator (or the end), so each unit is visited at most three
		 * times.
		 */
		while (i + 1 < doc->nunits && !(doc->units[i + 1].flags & NPU_SEPARATOR))
		{
			NP_CHECK_FOR_INTERRUPTS();
			i++;
			if (trailer)
				doc->units[i].flags |= NPU_FURNITURE;
		}
	}
}
