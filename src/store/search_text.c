/*
 * search_text: the words of an HTML body (an imported article's,
 * article_bodies.format 'html') as the search index reads them: the
 * text of its elements without tags, attributes or comments, entities
 * decoded, each run of white space one space, and a space where a block
 * ends (a paragraph, a heading, a cell, a line break) so that the last
 * word of one block and the first of the next stay two words.  Inline
 * elements (em, a, span...) add nothing: "un<em>usual</em>" is one word.
 * What a body shows no reader (script, style, templates) is left out.
 *
 * A Markdown body's words are those of the HTML md4c makes of it, as
 * the page shows it (raw HTML is text there, as here): a link is its
 * words, never its address; emphasis, headings and lists are not words.
 *
 * The store keeps this text in article_bodies.text when it writes a
 * body (migrations 17 and 20, sqlite_articles.c) through the SQL
 * functions octavo_body_text (and octavo_html_text, migration 17's),
 * which only the store's own statements call: they are registered on
 * the store's connections alone (SQLITE_DIRECTONLY), so no trigger or
 * view, which other programs run too, can depend on them.
 *
 * The body is read with libxml2's HTML parser, as html_clean reads it;
 * the tree is walked without recursion, so no nesting is too deep.  The
 * input is untrusted (fuzz/fuzz_html_text.c).
 */
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <md4c-html.h>

#include "store_int.h"

/* Inline elements: inside a word's run, no space around them. */
static const char *const inline_el[] = {
	"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn",
	"em", "font", "i", "ins", "kbd", "mark", "q", "s", "samp", "small",
	"span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
	"wbr",
};

/* Elements whose content is no text a reader sees. */
static const char *const hidden_el[] = {
	"head", "iframe", "math", "noscript", "object", "script", "select",
	"style", "svg", "template", "textarea", "title",
};

struct text {
	struct buf	*out;
	size_t		 start;
	int		 space;		/* a space is due before more text */
	enum err	 rc;
};

static int
listed(const char *const *list, size_t n, const xmlNode *x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], (const char *)x->name) == 0)
			return 1;
	return 0;
}

/* Append s, each run of white space as one space. */
static void
put_text(struct text *t, const char *s)
{
	for (; *s != '\0' && t->rc == ERR_OK; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '\f') {
			t->space = 1;
			continue;
		}
		if (t->space && t->out->len > t->start)
			t->rc = buf_putc(t->out, ' ');
		t->space = 0;
		if (t->rc == ERR_OK)
			t->rc = buf_putc(t->out, *s);
	}
}

/* Whether x is an element that ends a run of words (a block). */
static int
is_block(const xmlNode *x)
{
	return x->type == XML_ELEMENT_NODE && !listed(inline_el,
	    nitems(inline_el), x);
}

/* Each node under root in document order, children before siblings. */
static void
walk(struct text *t, xmlNode *root)
{
	xmlNode *n = root;

	while (t->rc == ERR_OK) {
		if (n->type == XML_ELEMENT_NODE && !listed(hidden_el,
		    nitems(hidden_el), n)) {
			if (is_block(n))
				t->space = 1;
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		} else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
			put_text(t, (const char *)n->content);
		/* The next sibling, else the nearest ancestor's. */
		for (;;) {
			if (n == root)
				return;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n == NULL)
				return;
			if (is_block(n))
				t->space = 1;
		}
	}
}

enum err
store_html_text(struct buf *out, const char *html, size_t len)
{
	struct text t = { out, out->len, 0, ERR_OK };
	htmlDocPtr doc;
	xmlNode *root;
	enum err rc;

	if (len == 0)
		return ERR_OK;
	if ((rc = html_doc_read(html, len, &doc)) != ERR_OK)
		return rc;
	if ((root = xmlDocGetRootElement(doc)) != NULL)
		walk(&t, root);
	xmlFreeDoc(doc);
	if (t.rc != ERR_OK)
		buf_truncate(out, t.start);
	return t.rc;
}

#define MD_HTML_ROOM	16

static void
md_put(const MD_CHAR *p, MD_SIZE n, void *arg)
{
	struct text *t = arg;

	if (t->rc == ERR_OK)
		t->rc = buf_add(t->out, p, n);
}

enum err
store_body_text(struct buf *out, const char *body, size_t len,
    const char *format)
{
	struct text md = { NULL, 0, 0, ERR_OK };
	struct buf html;
	enum err rc;

	if (strcmp(format, "html") == 0)
		return store_html_text(out, body, len);
	if (strcmp(format, "markdown") != 0)
		return ERR_INVAL;
	if (len > LIMIT_BODY_MD)
		return ERR_LIMIT;
	/*
	 * As site/markdown.c reads it.  Its HTML is seldom twice its size,
	 * but a quote in a quote... is 27 bytes a ">": past MD_HTML_ROOM
	 * times, ERR_LIMIT (the index reads such a body as it is).
	 */
	buf_init(&html, MD_HTML_ROOM * len + 64);
	md.out = &html;
	if (md_html(body, (MD_SIZE)len, md_put, &md, MD_FLAG_NOHTML |
	    MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH, 0) != 0 &&
	    md.rc == ERR_OK)
		md.rc = ERR_PARSE;
	rc = md.rc == ERR_OK ? store_html_text(out, html.p, html.len) :
	    md.rc;
	buf_free(&html);
	return rc;
}

/*
 * octavo_body_text(body, format) and octavo_html_text(body) (migration
 * 17's: format "html"): store_body_text of body, NULL for NULL, a
 * format of no text, or a body it cannot read (the index then reads the
 * body as it is).
 */
static void
body_text_fn(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	const char *body, *format = "html";
	struct buf b;
	size_t len;

	if ((body = (const char *)sqlite3_value_text(val[0])) == NULL ||
	    (nval > 1 && (format = (const char *)sqlite3_value_text(val[1])) ==
	    NULL)) {
		sqlite3_result_null(ctx);
		return;
	}
	len = (size_t)sqlite3_value_bytes(val[0]);
	/* Markdown's NUL is U+FFFD, three bytes: room for it. */
	buf_init(&b, 3 * len + 64);
	if (store_body_text(&b, body, len, format) == ERR_OK)
		sqlite3_result_text(ctx, b.len > 0 ? b.p : "", (int)b.len,
		    SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
	buf_free(&b);
}

enum err
sqlite_search_text_open(sqlite3 *db)
{
	if (sqlite3_create_function_v2(db, "octavo_html_text", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
	    body_text_fn, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "octavo_body_text", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
	    body_text_fn, NULL, NULL, NULL) != SQLITE_OK) {
		log_warnx("sqlite: octavo_body_text: %s", sqlite3_errmsg(db));
		return ERR_DB;
	}
	return ERR_OK;
}
