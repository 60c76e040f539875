/*
 * html_clean: HTML from elsewhere (an imported WordPress or K2 body)
 * made safe to serve as an article's body.  libxml2's HTML parser reads
 * the tag soup as a browser would, roughly (unclosed and misnested tags
 * mended, entities decoded); the tree is then written out again through
 * an allowlist: the elements of a text (paragraphs, headings, lists,
 * quotes, tables, figures, links, images...) keep the attributes of
 * meaning below, everything else is dropped.  Elements that carry code
 * or foreign content (script, style, iframe, object, form controls,
 * svg...) go with what they hold; any other element unknown here is
 * unwrapped: its text stays.  Comments (Gutenberg's block markers among
 * them) go.  Links and images keep only addresses url_safe accepts,
 * made absolute against a base when one is given (feeds).  What was
 * dropped is counted by name, for an importer's report.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "site.h"

#define CLEAN_DEPTH	64	/* deeper nesting is flattened */

/* Elements kept, with the attributes each may keep. */
static const struct {
	const char	*name;
	const char	*attrs;		/* space-separated, NULL: none */
} kept[] = {
	{ "a", "href title" },
	{ "abbr", "title" },
	{ "b", NULL }, { "blockquote", "cite" }, { "br", NULL },
	{ "caption", NULL }, { "cite", NULL }, { "code", NULL },
	{ "dd", NULL }, { "del", NULL }, { "dl", NULL }, { "dt", NULL },
	{ "em", NULL }, { "figcaption", NULL }, { "figure", NULL },
	{ "h2", NULL }, { "h3", NULL }, { "h4", NULL }, { "h5", NULL },
	{ "h6", NULL }, { "hr", NULL }, { "i", NULL },
	{ "img", "src alt title width height" }, { "ins", NULL },
	{ "kbd", NULL }, { "li", NULL }, { "mark", NULL },
	{ "ol", "start reversed" }, { "p", NULL }, { "pre", NULL },
	{ "q", "cite" }, { "s", NULL }, { "samp", NULL }, { "small", NULL },
	{ "strong", NULL }, { "sub", NULL }, { "sup", NULL },
	{ "table", NULL }, { "tbody", NULL },
	{ "td", "colspan rowspan" }, { "tfoot", NULL },
	{ "th", "colspan rowspan scope" }, { "thead", NULL },
	{ "tr", NULL }, { "u", NULL }, { "ul", NULL },
};

/* Elements dropped with all they hold. */
static const char *const gone[] = {
	"applet", "audio", "base", "button", "canvas", "embed", "form",
	"frame", "frameset", "head", "iframe", "input", "link", "map",
	"math", "meta", "noembed", "noframes", "noscript", "object",
	"option", "param", "script", "select", "source", "style", "svg",
	"template", "textarea", "title", "track", "video",
};

/* Void elements: written without a closing tag. */
static const char *const voids[] = { "br", "hr", "img" };

struct clean {
	struct buf		*out;
	const char		*base;
	struct html_clean_report *rep;
	enum err		 rc;
};

static int
in_list(const char *const *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(list[i], name) == 0)
			return 1;
	return 0;
}

static int
kept_index(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(kept); i++)
		if (strcasecmp(kept[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Whether attribute name is one element k keeps. */
static int
attr_kept(int k, const char *name)
{
	const char *a = kept[k].attrs, *end;
	size_t n = strlen(name);

	while (a != NULL && *a != '\0') {
		end = strchr(a, ' ');
		if (end == NULL)
			end = a + strlen(a);
		if ((size_t)(end - a) == n && strncasecmp(a, name, n) == 0)
			return 1;
		a = *end == ' ' ? end + 1 : end;
	}
	return 0;
}

/* Count what was dropped by name, for the report. */
static void
dropped(struct clean *c, const char *name)
{
	struct html_clean_report *r = c->rep;
	size_t i;

	if (r == NULL)
		return;
	r->dropped++;
	for (i = 0; i < r->nnames; i++)
		if (strcmp(r->names[i], name) == 0)
			return;
	if (r->nnames < nitems(r->names))
		snprintf(r->names[r->nnames++], sizeof(r->names[0]), "%s",
		    name);
}

static void
put(struct clean *c, const char *s)
{
	if (c->rc == ERR_OK)
		c->rc = buf_puts(c->out, s);
}

static void
put_text(struct clean *c, const char *s)
{
	if (c->rc == ERR_OK)
		c->rc = esc_html(c->out, s, strlen(s));
}

/* An address attribute: url_safe's, absolute against base if set. */
static void
put_url(struct clean *c, const char *v)
{
	struct buf abs;

	if (!url_safe(v, strlen(v))) {
		put(c, "about:invalid");
		return;
	}
	if (c->base == NULL) {
		put_text(c, v);
		return;
	}
	buf_init(&abs, LIMIT_URL * 2);
	if (url_resolve(&abs, c->base, v, strlen(v)) == ERR_OK)
		put_text(c, abs.p != NULL ? abs.p : "");
	else
		put(c, "about:invalid");
	buf_free(&abs);
}

static void
put_attrs(struct clean *c, xmlNode *n, int k)
{
	const char *name;
	xmlAttr *a;
	xmlChar *v;

	for (a = n->properties; a != NULL; a = a->next) {
		name = (const char *)a->name;
		if (!attr_kept(k, name)) {
			if (strncasecmp(name, "on", 2) == 0 ||
			    strcasecmp(name, "style") == 0)
				dropped(c, "attribute");
			continue;
		}
		if ((v = xmlNodeListGetString(n->doc, a->children, 1)) ==
		    NULL)
			continue;
		put(c, " ");
		put(c, name);
		put(c, "=\"");
		if (strcasecmp(name, "href") == 0 || strcasecmp(name,
		    "src") == 0 || strcasecmp(name, "cite") == 0)
			put_url(c, (const char *)v);
		else
			put_text(c, (const char *)v);
		put(c, "\"");
		xmlFree(v);
	}
}

static void walk(struct clean *, xmlNode *, int depth);

static void
element(struct clean *c, xmlNode *n, int depth)
{
	const char *name = (const char *)n->name;
	int k;

	if (in_list(gone, nitems(gone), name)) {
		dropped(c, name);
		return;
	}
	/* h1 is the page's title: a body's top heading is an h2. */
	if (strcasecmp(name, "h1") == 0)
		name = "h2";
	if ((k = kept_index(name)) < 0 || depth >= CLEAN_DEPTH) {
		if (strcasecmp(name, "div") != 0 && strcasecmp(name,
		    "span") != 0 && strcasecmp(name, "body") != 0 &&
		    strcasecmp(name, "html") != 0 && strcasecmp(name,
		    "font") != 0 && strcasecmp(name, "center") != 0)
			dropped(c, name);
		walk(c, n->children, depth);
		return;
	}
	put(c, "<");
	put(c, kept[k].name);
	put_attrs(c, n, k);
	if (strcmp(kept[k].name, "a") == 0 && xmlHasProp(n,
	    (const xmlChar *)"href") != NULL)
		put(c, " rel=\"nofollow noopener\"");
	put(c, ">");
	if (in_list(voids, nitems(voids), kept[k].name))
		return;
	walk(c, n->children, depth + 1);
	put(c, "</");
	put(c, kept[k].name);
	put(c, ">");
}

static void
walk(struct clean *c, xmlNode *n, int depth)
{
	for (; n != NULL && c->rc == ERR_OK; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			element(c, n, depth);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content != NULL)
				put_text(c, (const char *)n->content);
			break;
		default:	/* comments, processing instructions */
			break;
		}
	}
}

enum err
html_clean(struct buf *out, const char *html, size_t len, const char *base,
    struct html_clean_report *rep)
{
	struct clean c = { out, base, rep, ERR_OK };
	size_t start = out->len;
	htmlDocPtr doc;
	xmlNode *root;
	enum err rc;

	if (rep != NULL)
		memset(rep, 0, sizeof(*rep));
	if (len == 0)
		return ERR_OK;
	if ((rc = html_doc_read(html, len, &doc)) != ERR_OK)
		return rc;
	if ((root = xmlDocGetRootElement(doc)) != NULL)
		walk(&c, root, 0);
	xmlFreeDoc(doc);
	if (c.rc != ERR_OK)
		buf_truncate(out, start);
	return c.rc;
}

enum err
article_body_html(struct buf *out, const char *body, size_t len,
    const char *format, const char *base)
{
	size_t from = out->len;
	enum err rc;

	if (format == NULL || strcmp(format, "html") != 0)
		return markdown_html_abs(out, body, len, base);
	/* Curly quotes as a Markdown body gets them (util/typo.c). */
	if ((rc = html_clean(out, body, len, base, NULL)) == ERR_OK &&
	    (rc = typo_html_tail(out, from)) != ERR_OK)
		buf_truncate(out, from);
	return rc;
}
