/*
 * wxr_read: a WordPress export file read one record at a time with
 * libxml2's streaming reader (xmlTextReader), so that memory holds one
 * item however long the file.  The channel's authors, categories and
 * tags, then each item with its categories, meta and comments, come out
 * as struct wxr_record, every field a string ("" when absent).
 *
 * Names are compared by namespace, not prefix: each WXR version has its
 * own (http://wordpress.org/export/1.0/ ... 1.2/), all read alike; an
 * undeclared prefix is read by its written name.  The parser is told
 * never to use the network, to load no DTD and to substitute no entity,
 * and a document type declaration is refused when it is met, before
 * the root element: no external entity can be read, and no entity
 * expanded (billion laughs).  libxml2's limits on one text node stay
 * (no XML_PARSE_HUGE); a field is cut at WXR_FIELD_MAX and a list at
 * WXR_LIST_MAX, the record then marked too_long.
 */
#include <stdarg.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "wxr.h"

#define WXR_DEPTH_MAX	256	/* nested elements within one record */

struct wxr_reader {
	xmlTextReaderPtr	 r;
	char			*mem;		/* wxr_open_memory's copy */
	char			 error[256];
	char			 version[8];
	int			 in_channel;	/* depth of channel, or 0 */
	int			 site_done;
	int			 saw_channel;
	int			 pending;	/* on an element not yet read */
	int			 failed;
	struct buf		 text;
};

/* The first error libxml2 reports, with its line; the rest are quiet. */
static void
reader_error(void *arg, xmlErrorPtr e)
{
	struct wxr_reader *w = arg;

	if (w->error[0] != '\0' || e == NULL || e->level < XML_ERR_FATAL)
		return;
	snprintf(w->error, sizeof(w->error), "line %d: %s", e->line,
	    e->message != NULL ? e->message : "not well-formed");
	w->error[strcspn(w->error, "\n")] = '\0';
}

static void
fail(struct wxr_reader *w, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	w->failed = 1;
	if (w->error[0] != '\0')
		return;
	n = (size_t)snprintf(w->error, sizeof(w->error), "line %d: ",
	    xmlTextReaderGetParserLineNumber(w->r));
	if (n >= sizeof(w->error))
		return;
	va_start(ap, fmt);
	vsnprintf(w->error + n, sizeof(w->error) - n, fmt, ap);
	va_end(ap);
}

#define PROLOG_MAX	(64 * 1024)	/* bytes looked at before the root */

/*
 * 1 if the prolog of the n bytes at p (the XML declaration, comments,
 * processing instructions, blanks) holds a document type declaration:
 * refused before libxml2 sees a byte of it.
 */
static int
prolog_doctype(const char *p, size_t n)
{
	const char *end = p + n, *q;

	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
			continue;
		}
		if (end - p >= 9 && memcmp(p, "<!DOCTYPE", 9) == 0)
			return 1;
		/*
		 * Past a comment or a processing instruction, never past end
		 * (fuzz_wxr: "<?...?>" as the input's last bytes).
		 */
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			if ((q = memmem(p + 4, (size_t)(end - p - 4), "-->",
			    3)) == NULL)
				return 0;
			p = q + 3;
		} else if (end - p >= 2 && memcmp(p, "<?", 2) == 0) {
			if ((q = memmem(p + 2, (size_t)(end - p - 2), "?>",
			    2)) == NULL)
				return 0;
			p = q + 2;
		} else
			return 0;
	}
	return 0;
}

static const char doctype_refused[] = "a document type declaration (a "
    "WordPress export has none; refused, so that no entity is read)";

#define WXR_PARSE_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOCDATA | \
	XML_PARSE_COMPACT)

static enum err
reader_setup(struct wxr_reader *w)
{
	if (w->r == NULL) {
		wxr_close(w);
		return ERR_IO;
	}
	xmlTextReaderSetStructuredErrorHandler(w->r, reader_error, w);
	buf_init(&w->text, WXR_FIELD_MAX);
	return ERR_OK;
}

enum err
wxr_open_file(const char *path, struct wxr_reader **out)
{
	struct wxr_reader *w;
	char *head;
	size_t n;
	FILE *f;
	enum err rc;
	int doctype;

	*out = NULL;
	/* Said apart from a parse error: a file that is not there. */
	if ((f = fopen(path, "rb")) == NULL)
		return ERR_IO;
	head = xmalloc(PROLOG_MAX);
	n = fread(head, 1, PROLOG_MAX, f);
	doctype = prolog_doctype(head, n);
	free(head);
	fclose(f);
	w = xcalloc(1, sizeof(*w));
	if (doctype) {
		snprintf(w->error, sizeof(w->error), "%s", doctype_refused);
		w->failed = 1;
	}
	w->r = xmlReaderForFile(path, NULL, WXR_PARSE_OPTIONS);
	if ((rc = reader_setup(w)) == ERR_OK)
		*out = w;
	return rc;
}

enum err
wxr_open_memory(const char *p, size_t n, struct wxr_reader **out)
{
	struct wxr_reader *w;
	enum err rc;

	*out = NULL;
	if (n > INT_MAX)
		return ERR_LIMIT;
	w = xcalloc(1, sizeof(*w));
	w->mem = xmalloc(n + 1);
	if (n > 0)
		memcpy(w->mem, p, n);
	w->mem[n] = '\0';
	if (prolog_doctype(p, n)) {
		snprintf(w->error, sizeof(w->error), "%s", doctype_refused);
		w->failed = 1;
	}
	w->r = xmlReaderForMemory(w->mem, (int)n, NULL, NULL,
	    WXR_PARSE_OPTIONS);
	if ((rc = reader_setup(w)) == ERR_OK)
		*out = w;
	return rc;
}

void
wxr_close(struct wxr_reader *w)
{
	if (w == NULL)
		return;
	if (w->r != NULL)
		xmlFreeTextReader(w->r);
	buf_free(&w->text);
	free(w->mem);
	free(w);
}

const char *
wxr_error(const struct wxr_reader *w)
{
	return w->error;
}

const char *
wxr_version(const struct wxr_reader *w)
{
	return w->version;
}

/*
 * The current element's name as WXR means it: "wp:post_id",
 * "excerpt:encoded", "content:encoded", "dc:creator", or the local name
 * of an element in no namespace ("item", "title").  The WordPress
 * namespace also gives the version, the first time.
 */
static const char *
node_name(struct wxr_reader *w, char *out, size_t size)
{
	const char *ns, *local, *v;
	size_t n;

	local = (const char *)xmlTextReaderConstLocalName(w->r);
	ns = (const char *)xmlTextReaderConstNamespaceUri(w->r);
	if (local == NULL)
		return "";
	if (ns == NULL) {
		/* An undeclared prefix: the name as written. */
		v = (const char *)xmlTextReaderConstName(w->r);
		snprintf(out, size, "%s", v != NULL ? v : local);
		return out;
	}
	if (strncmp(ns, "http://wordpress.org/export/", 28) == 0) {
		v = ns + 28;
		n = strcspn(v, "/");
		if (w->version[0] == '\0' && n > 0 && n < sizeof(w->version))
			memcpy(w->version, v, n);
		snprintf(out, size, "%s:%s", strstr(v, "/excerpt") != NULL ?
		    "excerpt" : "wp", local);
	} else if (strcmp(ns, "http://purl.org/rss/1.0/modules/content/") ==
	    0)
		snprintf(out, size, "content:%s", local);
	else if (strcmp(ns, "http://purl.org/dc/elements/1.1/") == 0)
		snprintf(out, size, "dc:%s", local);
	else
		snprintf(out, size, "other:%s", local);
	return out;
}

/* Read one node; 1 for a node, 0 at the end or on failure. */
static int
step(struct wxr_reader *w)
{
	int rc;

	if (w->failed)
		return 0;
	rc = xmlTextReaderRead(w->r);
	if (rc == 1 && xmlTextReaderNodeType(w->r) ==
	    XML_READER_TYPE_DOCUMENT_TYPE) {
		fail(w, "%s", doctype_refused);
		return 0;
	}
	if (rc == -1) {
		fail(w, "not well-formed XML");
		return 0;
	}
	return rc == 1;
}

/*
 * n bytes as valid UTF-8 in a: each byte that starts no valid sequence
 * becomes U+FFFD (libxml2 lets some through in CDATA: fuzz_wxr).
 */
static const char *
utf8_fixed(struct arena *a, const char *p, size_t n)
{
	struct buf b;
	const char *out;
	size_t i, used;

	if (utf8_valid(p, n))
		return arena_strndup(a, p, n);
	buf_init(&b, 3 * n + 1);
	for (i = 0; i < n; i += used)
		if (utf8_decode(p + i, n - i, &used) == UTF8_BAD)
			buf_puts(&b, "\xef\xbf\xbd");
		else
			buf_add(&b, p + i, used);
	out = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

/*
 * The text of the element the reader is on (its text and CDATA, and
 * that of elements inside it), the reader left on its end; in a.
 * Entity references are not text: none is substituted.
 */
static const char *
element_text(struct wxr_reader *w, struct arena *a, int *too_long)
{
	const char *v;
	int depth, t;

	buf_reset(&w->text);
	if (xmlTextReaderIsEmptyElement(w->r))
		return "";
	depth = xmlTextReaderDepth(w->r);
	while (step(w)) {
		t = xmlTextReaderNodeType(w->r);
		if (t == XML_READER_TYPE_END_ELEMENT &&
		    xmlTextReaderDepth(w->r) == depth)
			break;
		if (t != XML_READER_TYPE_TEXT && t != XML_READER_TYPE_CDATA &&
		    t != XML_READER_TYPE_WHITESPACE &&
		    t != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
			continue;
		v = (const char *)xmlTextReaderConstValue(w->r);
		if (v != NULL && buf_puts(&w->text, v) != ERR_OK)
			*too_long = 1;
	}
	return utf8_fixed(a, w->text.p != NULL ? w->text.p : "",
	    w->text.len);
}

/* An attribute's value in a, or "". */
static const char *
attr(struct wxr_reader *w, struct arena *a, const char *name)
{
	xmlChar *v;
	const char *s;

	if ((v = xmlTextReaderGetAttribute(w->r, (const xmlChar *)name)) ==
	    NULL)
		return "";
	s = utf8_fixed(a, (const char *)v, strlen((const char *)v));
	xmlFree(v);
	return s;
}

/* Where each field of a record goes, by element name. */
struct field {
	const char	*name;
	size_t		 off;
};
#define F(n, m)	{ n, offsetof(struct wxr_record, m) }
static const struct field item_fields[] = {
	F("title", title), F("link", link), F("pubDate", pub_date),
	F("dc:creator", creator), F("guid", guid),
	F("content:encoded", content), F("excerpt:encoded", excerpt),
	F("wp:post_id", post_id), F("wp:post_date", post_date),
	F("wp:post_date_gmt", post_date_gmt), F("wp:post_name", post_name),
	F("wp:status", status), F("wp:post_parent", post_parent),
	F("wp:post_type", post_type), F("wp:post_password", password),
	F("wp:is_sticky", is_sticky), F("wp:attachment_url", attachment_url),
	/* Channel level. */
	F("wp:base_site_url", base_site), F("wp:wxr_version", version),
	/* wp:author */
	F("wp:author_id", author_id), F("wp:author_login", login),
	F("wp:author_email", email),
	F("wp:author_display_name", display_name),
	F("wp:author_first_name", first_name),
	F("wp:author_last_name", last_name),
	/* wp:category, wp:tag, wp:term */
	F("wp:term_id", term_id), F("wp:category_nicename", nicename),
	F("wp:category_parent", parent), F("wp:cat_name", name),
	F("wp:category_description", description),
	F("wp:tag_slug", nicename), F("wp:tag_name", name),
	F("wp:tag_description", description), F("wp:term_slug", nicename),
	F("wp:term_parent", parent), F("wp:term_name", name),
	F("wp:term_taxonomy", taxonomy),
	F("wp:term_description", description),
};
#define C(n, m)	{ n, offsetof(struct wxr_comment, m) }
static const struct field comment_fields[] = {
	C("wp:comment_id", id), C("wp:comment_parent", parent),
	C("wp:comment_author", author), C("wp:comment_author_email", email),
	C("wp:comment_author_url", url), C("wp:comment_date", date),
	C("wp:comment_date_gmt", date_gmt),
	C("wp:comment_content", content),
	C("wp:comment_approved", approved), C("wp:comment_type", type),
};

static const char **
field_of(void *base, const struct field *t, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return (const char **)(void *)((char *)base +
			    t[i].off);
	return NULL;
}

/* Every string field of rec "" (the lists empty). */
static void
record_init(struct wxr_record *rec, enum wxr_kind kind)
{
	size_t i;

	memset(rec, 0, sizeof(*rec));
	rec->kind = kind;
	for (i = 0; i < nitems(item_fields); i++)
		*field_of(rec, item_fields, nitems(item_fields),
		    item_fields[i].name) = "";
}

/* Grow a list of the arena by one element of size, cap WXR_LIST_MAX. */
static void *
list_add(struct arena *a, void *list, size_t *n, size_t size, int *cut)
{
	char *p;

	if (*n >= WXR_LIST_MAX) {
		*cut = 1;
		return NULL;
	}
	/* Doubling at powers of two: the arena keeps the old copies. */
	if (*n == 0 || (*n & (*n - 1)) == 0) {
		p = arena_alloc(a, size * (*n == 0 ? 4 : *n * 2));
		if (*n > 0)
			memcpy(p, list, size * *n);
		list = p;
	}
	return list;
}

/*
 * The children of the element the reader is on, read into base by the
 * table t; the reader left on its end.  sub (may be NULL) reads the
 * compound children an item has (category, wp:postmeta, wp:comment).
 */
static void
children_read(struct wxr_reader *w, struct arena *a, void *base,
    const struct field *t, size_t nt, struct wxr_record *rec, int items)
{
	char name[96];
	const char **dst, *v;
	struct wxr_term *term;
	struct wxr_meta *m;
	struct wxr_comment *c;
	int depth, d, type;

	if (xmlTextReaderIsEmptyElement(w->r))
		return;
	depth = xmlTextReaderDepth(w->r);
	while (step(w)) {
		type = xmlTextReaderNodeType(w->r);
		d = xmlTextReaderDepth(w->r);
		if (type == XML_READER_TYPE_END_ELEMENT && d == depth)
			return;
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (d - depth > WXR_DEPTH_MAX) {
			fail(w, "elements nested too deep");
			return;
		}
		node_name(w, name, sizeof(name));
		if (items && strcmp(name, "category") == 0) {
			rec->terms = list_add(a, rec->terms, &rec->nterms,
			    sizeof(*term), &rec->too_long);
			v = attr(w, a, "domain");
			term = rec->terms != NULL && rec->nterms <
			    WXR_LIST_MAX ? &rec->terms[rec->nterms] : NULL;
			if (term == NULL) {
				element_text(w, a, &rec->too_long);
				continue;
			}
			term->domain = v;
			term->nicename = attr(w, a, "nicename");
			term->name = element_text(w, a, &rec->too_long);
			rec->nterms++;
		} else if (items && strcmp(name, "wp:postmeta") == 0) {
			struct wxr_meta one = { "", "" };
			const struct field mf[] = {
				{ "wp:meta_key", offsetof(struct wxr_meta,
				    key) },
				{ "wp:meta_value", offsetof(struct wxr_meta,
				    value) },
			};

			children_read(w, a, &one, mf, nitems(mf), rec, 0);
			rec->meta = list_add(a, rec->meta, &rec->nmeta,
			    sizeof(*m), &rec->too_long);
			if (rec->meta != NULL && rec->nmeta < WXR_LIST_MAX)
				rec->meta[rec->nmeta++] = one;
		} else if (items && strcmp(name, "wp:comment") == 0) {
			struct wxr_comment one;
			size_t i;

			for (i = 0; i < nitems(comment_fields); i++)
				*field_of(&one, comment_fields,
				    nitems(comment_fields),
				    comment_fields[i].name) = "";
			children_read(w, a, &one, comment_fields,
			    nitems(comment_fields), rec, 0);
			rec->comments = list_add(a, rec->comments,
			    &rec->ncomments, sizeof(*c), &rec->too_long);
			if (rec->comments != NULL && rec->ncomments <
			    WXR_LIST_MAX)
				rec->comments[rec->ncomments++] = one;
		} else if ((dst = field_of(base, t, nt, name)) != NULL)
			*dst = element_text(w, a, &rec->too_long);
		else
			/* Unknown: skipped with what it holds. */
			element_text(w, a, &rec->too_long);
	}
}

/* The channel's own title and link, kept for WXR_SITE. */
static int
site_field(struct wxr_reader *w, struct arena *a, const char *name,
    struct wxr_record *site)
{
	const char **dst;

	if (strcmp(name, "title") != 0 && strcmp(name, "link") != 0 &&
	    strcmp(name, "wp:base_site_url") != 0 &&
	    strcmp(name, "wp:wxr_version") != 0)
		return 0;
	dst = field_of(site, item_fields, nitems(item_fields), name);
	*dst = element_text(w, a, &site->too_long);
	return 1;
}

enum err
wxr_next(struct wxr_reader *w, struct arena *a, struct wxr_record *rec)
{
	char name[96];
	int type, depth;

	if (!w->site_done)
		record_init(rec, WXR_SITE);
	for (;;) {
		if (w->pending)
			w->pending = 0;
		else if (!step(w))
			break;
		type = xmlTextReaderNodeType(w->r);
		depth = xmlTextReaderDepth(w->r);
		if (type == XML_READER_TYPE_END_ELEMENT && w->in_channel > 0 &&
		    depth == w->in_channel - 1) {
			w->in_channel = 0;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		node_name(w, name, sizeof(name));
		if (depth == 0) {
			if (strcmp(name, "rss") != 0) {
				fail(w, "the root element is <%s>, not <rss>",
				    name);
				break;
			}
			continue;
		}
		if (depth == 1 && strcmp(name, "channel") == 0) {
			w->in_channel = depth + 1;
			w->saw_channel = 1;
			continue;
		}
		if (w->in_channel == 0 || depth != w->in_channel) {
			element_text(w, a, &rec->too_long);
			continue;
		}
		if (!w->site_done) {
			if (site_field(w, a, name, rec))
				continue;
			if (strcmp(name, "wp:author") == 0 ||
			    strcmp(name, "wp:category") == 0 ||
			    strcmp(name, "wp:tag") == 0 ||
			    strcmp(name, "wp:term") == 0 ||
			    strcmp(name, "item") == 0) {
				/* Given now; this element read next call. */
				w->site_done = 1;
				w->pending = 1;
				return ERR_OK;
			}
			element_text(w, a, &rec->too_long);
			continue;
		}
		if (strcmp(name, "item") == 0)
			record_init(rec, WXR_ITEM);
		else if (strcmp(name, "wp:author") == 0)
			record_init(rec, WXR_AUTHOR);
		else if (strcmp(name, "wp:category") == 0)
			record_init(rec, WXR_CATEGORY);
		else if (strcmp(name, "wp:tag") == 0)
			record_init(rec, WXR_TAG);
		else if (strcmp(name, "wp:term") == 0)
			record_init(rec, WXR_CATEGORY);
		else {
			element_text(w, a, &rec->too_long);
			continue;
		}
		children_read(w, a, rec, item_fields, nitems(item_fields),
		    rec, rec->kind == WXR_ITEM);
		if (w->failed)
			break;
		if (strcmp(name, "wp:term") == 0) {
			/* 1.2's generic terms: only categories and tags. */
			if (strcmp(rec->taxonomy, "post_tag") == 0)
				rec->kind = WXR_TAG;
			else if (strcmp(rec->taxonomy, "category") != 0)
				continue;
		}
		return ERR_OK;
	}
	if (w->failed)
		return ERR_PARSE;
	if (!w->site_done) {
		/* A file without a record: its channel, if it had one. */
		w->site_done = 1;
		if (w->saw_channel)
			return ERR_OK;
		fail(w, "no <rss><channel> (not a WordPress export)");
		return ERR_PARSE;
	}
	return ERR_NOTFOUND;
}
