/*
 * markdown: article bodies, bios and the about text through md4c-html.
 * Raw HTML is off (MD_FLAG_NOHTML): what an author types is text, never
 * markup, so a body cannot carry a script into the page.
 */
#include <md4c-html.h>

#include "web.h"

struct md_out {
	struct buf	*buf;
	enum err	 rc;
};

static void
md_chunk(const MD_CHAR *p, MD_SIZE n, void *arg)
{
	struct md_out *o = arg;

	if (o->rc == ERR_OK)
		o->rc = buf_add(o->buf, p, n);
}

enum err
markdown_html(struct buf *out, const char *md, size_t len)
{
	struct md_out o = { out, ERR_OK };

	if (len > LIMIT_BODY_MD)
		return ERR_LIMIT;
	if (md_html(md, (MD_SIZE)len, md_chunk, &o, MD_FLAG_NOHTML |
	    MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH, 0) != 0)
		return o.rc != ERR_OK ? o.rc : ERR_PARSE;
	return o.rc;
}
