/*-------------------------------------------------------------------------
 *
 * doc.h
 *	  The document buffer of the article cleaner: the list of "units" that
 *	  the plain-text and HTML front ends produce and that the classifier and
 *	  the body selection consume.
 *
 * A unit is one candidate paragraph (a re-joined block of hard-wrapped
 * lines, an HTML <p>, <li>, heading...).  Its text is already normalised:
 * runs of white space collapsed to one ASCII space, no leading or trailing
 * space, zero-width characters dropped, invalid UTF-8 replaced by U+FFFD.
 * The front ends depend on this file only (doc.c).
 *
 * src/text/doc.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_DOC_H
#define NP_DOC_H

#include "np_port.h"

/* Unit flags set by the front ends */
#define NPU_HEADING		0x0001	/* HTML h2..h6: a subheading */
#define NPU_HEADLINE	0x0002	/* HTML h1: the headline */
#define NPU_CAPTION		0x0004	/* figcaption, caption or credit markup */
#define NPU_BOILER		0x0008	/* markup says page furniture (class, id, header, form) */
#define NPU_LISTITEM	0x0010	/* HTML li */
#define NPU_HTML		0x0020	/* came from the HTML front end */
#define NPU_BLANK		0x0040	/* text: preceded by a blank line */
#define NPU_ARTICLE		0x0080	/* inside the page's main article element */
#define NPU_FURNITURE	0x0100	/* text: a line of agency wire furniture (wire.c) */
#define NPU_SEPARATOR	0x0200	/* text: a wire "___" separator (also furniture) */
#define NPU_WIREHEAD	0x0400	/* text: a wire headline behind its prefixes
								 * ("UPDATE 2-..."; also furniture) */

/* Verdicts of the classifier (classify.c) on a unit */
#define CLS_BAD		0			/* furniture */
#define CLS_GOOD	1			/* long sentence-like text */
#define CLS_NEAR	2			/* short sentence-like text */
#define CLS_SHORT	3			/* short, not a sentence: heading, label */
#define CLS_HEADING 4			/* markup subheading */
#define CLS_CAPTION 5			/* photo caption or credit */
#define CLS_HEADLINE 6			/* markup headline */
#define CLS_ROW		7			/* short furniture-like text that may be a row
								 * of a list or table (numbers, a label, capitals):
								 * furniture unless a list introduction precedes it */

typedef struct NpUnit
{
	size_t		off;			/* start of the text in NpDoc.text */
	size_t		len;			/* length in bytes */
	uint32_t	flags;			/* NPU_* */
	size_t		linkbytes;		/* bytes of text inside <a> */
	int			cls;			/* CLS_*, the classifier's verdict */
	int			seg;			/* body segment, -1 if none (clean.c) */
} NpUnit;

/* A growing list of units and the text they point into */
typedef struct NpDoc
{
	char	   *text;
	size_t		len;
	size_t		cap;
	NpUnit	   *units;
	int			nunits;
	int			capunits;
	/* the unit being built */
	size_t		cur_start;
	size_t		cur_link;
	bool		cur_space;		/* a space is pending before the next char */
	int			blanks;			/* empty flushes since the last unit */
	bool		ignore_boiler;	/* classifier: distrust NPU_BOILER (see clean.c) */
	bool		pound_sign;		/* the output may hold U+00A3 (wire.c) */
	bool		wire;			/* text: agency wire copy (wire.c) */
	bool		wire_feed;		/* ... with a feed's transmission header */
} NpDoc;

extern void NpDocInit(NpDoc *doc, size_t sizehint);
extern void NpDocReuse(NpDoc *doc, size_t sizehint);
extern void NpDocFree(NpDoc *doc);
extern void NpDocAppend(NpDoc *doc, const char *s, size_t len, bool in_link);
extern void NpDocAppendRaw(NpDoc *doc, const char *s, size_t len);
extern void NpDocSpace(NpDoc *doc);
extern bool NpDocPending(const NpDoc *doc);
extern void NpDocFlush(NpDoc *doc, uint32_t flags);
extern void NpDocFlushBefore(NpDoc *doc, size_t pos, size_t linkbytes,
							 bool space_link, uint32_t flags);

/*
 * The front ends, which fill a document with units: HTML (clean_html.c)
 * and plain text (plaintext.c)
 */
extern bool NpLooksLikeHtml(const char *s, size_t len);
extern void NpHtmlToUnits(const char *s, size_t len, NpDoc *doc);
extern void NpTextToUnits(const char *s, size_t len, NpDoc *doc);

#endif							/* NP_DOC_H */
