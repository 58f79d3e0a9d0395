/*-------------------------------------------------------------------------
 *
 * abbrev.h
 *	  The words that decide where sentences end: abbreviations whose period
 *	  may not end a sentence, and the words that commonly open one.  Shared
 *	  by the sentence splitter (segment.c) and the entity extractor
 *	  (extract.c).  Server-independent (np_port.h).
 *
 * src/text/abbrev.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_ABBREV_H
#define NP_ABBREV_H

#include "np_port.h"

/* Kinds of abbreviation (the period after the word) */
#define NP_ABBR_TITLE	0x01	/* never ends a sentence: "Mr.", "Gen.", "Mt." */
#define NP_ABBR_NUMBER	0x02	/* does not end one before a number: "No. 10", "Jan. 5" */
#define NP_ABBR_MAYBE	0x04	/* ends one only before a sentence opener: "Inc.", "etc." */

/* The NP_ABBR_* kind of w[0, len) (any case, without its period), or 0 */
extern int	NpAbbreviation(const char *w, size_t len);

/* Is w[0, len) (any case) a word that commonly opens a sentence ("The")? */
extern bool NpIsSentenceOpener(const char *w, size_t len);

#endif							/* NP_ABBREV_H */
