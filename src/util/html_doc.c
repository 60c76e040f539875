/*
 * html_doc: HTML read into libxml2's tree the one way Octavo reads it
 * (html_clean for pages, search_text for the index): UTF-8 only,
 * leniently as a browser would (RECOVER), silently, and never fetching
 * anything (NONET).  libxml2 is set up once, before any thread parses.
 */
#include <pthread.h>
#include <stdint.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "util.h"

static pthread_once_t html_once = PTHREAD_ONCE_INIT;

static void
html_init(void)
{
	xmlInitParser();
}

enum err
html_doc_read(const char *html, size_t len, struct _xmlDoc **doc)
{
	*doc = NULL;
	if (len > INT32_MAX || !utf8_valid(html, len))
		return ERR_PARSE;
	pthread_once(&html_once, html_init);
	*doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET);
	return *doc != NULL ? ERR_OK : ERR_PARSE;
}
