/*-------------------------------------------------------------------------
 *
 * wire.h
 *	  Agency wire copy in the plain-text front end of the article cleaner:
 *	  recognise copy as the agencies' feeds deliver it (PA teleprinter
 *	  pages, AP's ANPA text, Reuters' IPTC 7901-like items, AFP), undo its
 *	  typewriter conventions line by line, and tell the lines of wire
 *	  furniture (headers, slugs, priority words, notes to editors, take
 *	  markers, sign-offs, credits, contact and copyright lines) from the
 *	  story.  See wire.c.
 *
 * src/text/wire.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_WIRE_H
#define NP_WIRE_H

#include "np_port.h"

#include "text/doc.h"

/* What NpWireDetect found in a text */
typedef struct NpWire
{
	bool		active;			/* agency copy: the furniture rules apply */
	bool		feed;			/* ... with a feed's transmission header */
	bool		pa;				/* PA teleprinter copy: '#' before a digit is '£' */
	bool		pound;			/* write '£' (the caller can represent it) */
	bool		typewriter;		/* `` and '' are double quotation marks */
	bool		marks;			/* '<' at the end of a line ends a paragraph */
} NpWire;

/* Kinds of wire furniture lines (NpWireLineKind) */
#define NPW_NONE		0
#define NPW_FURNITURE	1		/* header, note, marker, sign-off, credit... */
#define NPW_SEPARATOR	2		/* "___": short sections after it are trailer */
#define NPW_NOTE		3		/* a note that may wrap onto lower-case lines */
#define NPW_HEADLINE	4		/* a headline after Reuters' prefixes ("UPDATE
								 * 2-..."): furniture as a line of the body */

extern void NpWireDetect(const char *s, size_t len, bool pound, NpWire *w);
extern bool NpWireHasDateline(const char *s, size_t len);

/*
 * Is the line an agency's sign-off: its name alone, after a dash or in
 * brackets ("Reuter", "REUTER", "-- Reuters", "(AP)", "AFP")?  Any text's
 * last line of that shape is furniture (plaintext.c).
 */
extern bool NpWireIsSignoff(const char *s, size_t len);

/*
 * Is the line a sign-off in a form no row of a list takes ("-- Reuters",
 * "(AP)", "Reuter"), rather than an agency's name alone?
 */
extern bool NpWireIsSignoffForm(const char *s, size_t len);

/*
 * Does the line open with an alert's priority word and a colon ("FLASH:
 * ...", "URGENT: ...", "BULLETIN: ...")?  Such a line is an alert's
 * headline, not a label and its value (classify.c).
 */
extern bool NpWireIsAlert(const char *s, size_t len);

/*
 * A Reuters headline wrapped over two lines: is next, the line right under
 * the NPW_HEADLINE line head, the rest of it?  The first line must have
 * NP_WIRE_HEADLINE_WRAPPED bytes or more (wrap widths are 64-80 columns),
 * the second at most NP_WIRE_HEADLINE_TAIL_WORDS words, the two together
 * NP_WIRE_HEADLINE_WORDS behind the prefixes (clean.c takes a headline of
 * at most 30 words: a longer join would lose the headline whole).
 */
#define NP_WIRE_HEADLINE_WRAPPED	50
#define NP_WIRE_HEADLINE_TAIL_WORDS	12
#define NP_WIRE_HEADLINE_WORDS		30
extern bool NpWireHeadlineWraps(const char *head, size_t hlen,
								const char *next, size_t nlen);

/* Does any line of the text need NpWireEditLine? */
static inline bool
NpWireEdits(const NpWire *w)
{
	return w->marks || w->typewriter || (w->pa && w->pound);
}

/*
 * Rewrite one raw line (no line break) into buf, which has room for
 * 2 * len + 1 bytes; return the new length.  *marked tells whether the line
 * ended with a paragraph mark (removed).
 */
extern size_t NpWireEditLine(const NpWire *w, const char *s, size_t len,
							 char *buf, bool *marked);

/*
 * Is a line (white space already collapsed) wire furniture?  lineno counts
 * the text's non-blank lines from 0 (some header shapes count only near the
 * top).  NPW_NONE unless w->active.
 */
extern int	NpWireLineKind(const NpWire *w, const char *s, size_t len, int lineno);

/*
 * Where the headline starts in a line that NpWireLineKind calls
 * NPW_HEADLINE: the length of its prefixes ("UPDATE 2-", "CORRECTED-",
 * "Tennis-"), 0 if it has none.
 */
extern size_t NpWireHeadlineStart(const char *s, size_t len);

/*
 * Mark the trailer of a wire text as furniture: the short sections after
 * a "___" separator (contributor lines, links, boilerplate).
 */
extern void NpWireMarkTrailer(const NpWire *w, NpDoc *doc);

#endif							/* NP_WIRE_H */
