/*-------------------------------------------------------------------------
 *
 * html_feed.h
 *	  Feed untrusted HTML to libxml2's HTML parser in linear time, with
 *	  bounded memory and interrupt checks (see html_feed.c).
 *
 * src/text/html_feed.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef NP_HTML_FEED_H
#define NP_HTML_FEED_H

#include "np_port.h"

#include <libxml/HTMLparser.h>

/* Open elements libxml2 may hold at once; deeper start tags are dropped */
#define NP_HTML_MAX_DEPTH		256

/* Longest attribute value passed on (bytes); the rest is cut */
#define NP_HTML_MAX_ATTR_VALUE	2048

/*
 * The events a caller receives.  They are libxml2's SAX events for the
 * sanitised page (see html_feed.c), and atts is libxml2's NULL-terminated
 * name/value array, holding only the attributes listed in html_feed.c.
 * In the server a callback may raise an ERROR: it is caught, the parser is
 * stopped, its memory freed and the error re-thrown from NpHtmlFeed().
 */
typedef struct NpHtmlEvents
{
	void		(*start) (void *arg, const char *name, const xmlChar **atts);
	void		(*end) (void *arg, const char *name);
	void		(*text) (void *arg, const char *s, size_t len);
} NpHtmlEvents;

/*
 * Parse s[0..len) (UTF-8) and deliver its elements and text, in document
 * order, to ev.
 */
extern void NpHtmlFeed(const char *s, size_t len, const NpHtmlEvents *ev,
					   void *arg);

#endif							/* NP_HTML_FEED_H */
