/*
 * search: /search?q=&section=&author=&year=&country=&sort=&page=, the
 * reader's search over published articles (store_search: FTS5, bm25).
 * Without words it is the form; a query that cannot be read is the form
 * again with a sentence saying what to change (400), never an error
 * page.  Matched words come from the store between marker bytes, which
 * no stored text is trusted not to hold: the text is escaped first and
 * the markers become <mark> only when they pair up.  Not cached (the
 * route has no ROUTE_CACHE: every query is a page of its own); no read
 * is counted.
 */
#include <string.h>

#include "web.h"

/* The year filter's bounds: any year an article may carry. */
#define YEAR_MIN	1000
#define YEAR_MAX	9999

/*
 * text (a result's title or snippet) as HTML: escaped, each marked run
 * in <mark>.  A marker that pairs with none is dropped.
 */
static json_t *
marked_html(const char *text)
{
	struct buf b;
	const char *s = text, *e;
	json_t *o;
	int open = 0;

	buf_init(&b, LIMIT_PAGE);
	for (;;) {
		for (e = s; *e != '\0' && *e != STORE_MARK_OPEN &&
		    *e != STORE_MARK_CLOSE; e++)
			continue;
		esc_html(&b, s, (size_t)(e - s));
		if (*e == '\0')
			break;
		if (*e == STORE_MARK_OPEN && !open) {
			buf_puts(&b, "<mark>");
			open = 1;
		} else if (*e == STORE_MARK_CLOSE && open) {
			buf_puts(&b, "</mark>");
			open = 0;
		}
		s = e + 1;
	}
	if (open)
		buf_puts(&b, "</mark>");
	o = json_stringn(b.len > 0 ? b.p : "", b.len);
	buf_free(&b);
	return o != NULL ? o : json_string("");
}

/* The options of a filter's select: [{value, label, selected}]. */
static void
option_add(json_t *list, const char *value, const char *label,
    const char *chosen)
{
	json_t *o = json_object();

	json_object_set_new(o, "value", json_string(value));
	json_object_set_new(o, "label", json_string(label));
	json_object_set_new(o, "selected", json_boolean(chosen != NULL &&
	    strcmp(chosen, value) == 0));
	json_array_append_new(list, o);
}

/* A select's options from rows: their value and label keys. */
static json_t *
options(json_t *rows, const char *value, const char *label,
    const char *chosen)
{
	json_t *list = json_array(), *it;
	size_t i;

	json_array_foreach(rows, i, it)
		option_add(list, view_str(it, value), view_str(it, label),
		    chosen);
	return list;
}

/*
 * The filters' choices, from the store: sections, authors, the years
 * articles were published in, the countries they name.
 */
static enum err
filters_view(struct ctx *ctx, struct req *r, const struct store_search *q,
    json_t *v)
{
	json_t *rows = NULL, *list;
	const char *y;
	char year[24];
	json_int_t first, k;
	int n;
	enum err rc;

	if ((rc = store_sections_list(ctx->store, &rows)) != ERR_OK)
		return rc;
	json_object_set_new(v, "sections", options(rows, "slug", "name",
	    q->section));
	json_decref(rows);
	if ((rc = store_people_list(ctx->store, 0, &rows)) != ERR_OK)
		return rc;
	json_object_set_new(v, "authors", options(rows, "slug", "name",
	    q->author));
	json_decref(rows);
	if ((rc = store_search_choices(ctx->store, &rows)) != ERR_OK)
		return rc;
	list = json_array();
	y = q->year > 0 ? arena_printf(r->arena, "%ld", q->year) : NULL;
	first = json_integer_value(json_object_get(rows, "first"));
	/* At most a century back: a stray date is no reason for more. */
	for (k = json_integer_value(json_object_get(rows, "last")), n = 0;
	    first > 0 && k >= first && n < 100; k--, n++) {
		snprintf(year, sizeof(year), "%lld", (long long)k);
		option_add(list, year, year, y);
	}
	json_object_set_new(v, "years", list);
	list = options(json_object_get(rows, "countries"), "code", "name",
	    q->country);
	json_object_set_new(v, "has_countries", json_boolean(
	    json_array_size(list) > 0));
	json_object_set_new(v, "countries", list);
	json_decref(rows);
	return ERR_OK;
}

/* The list's URL without its page: every parameter the reader set. */
static const char *
search_base(struct req *r)
{
	static const char *const keys[] = { "q", "section", "author", "year",
	    "country", "sort" };
	struct buf b;
	const char *v, *url;
	size_t k;

	buf_init(&b, LIMIT_URL * 4);
	buf_puts(&b, "/search");
	for (k = 0; k < nitems(keys); k++) {
		if ((v = req_query(r, keys[k])) == NULL || *v == '\0')
			continue;
		buf_printf(&b, "%c%s=", b.len == 7 ? '?' : '&', keys[k]);
		esc_url(&b, v, strlen(v));
	}
	url = arena_strndup(r->arena, b.p, b.len);
	buf_free(&b);
	return url;
}

/* The result rows as the template shows them. */
static json_t *
results_view(json_t *rows)
{
	json_t *list = json_array(), *row, *o;
	size_t i;

	json_array_foreach(rows, i, row) {
		o = view_article_sum(row);
		json_object_set_new(o, "title_html", marked_html(view_str(row,
		    "title_marked")));
		json_object_set_new(o, "snippet_html", marked_html(view_str(
		    row, "snippet")));
		json_array_append_new(list, o);
	}
	return list;
}

/* Read the filters; ERR_PARSE for a year or sort that is none. */
static enum err
search_args(struct req *r, struct store_search *q)
{
	const char *s;
	long long y;

	memset(q, 0, sizeof(*q));
	if ((s = req_query(r, "q")) == NULL)
		s = "";
	q->q = s;
	q->qlen = strlen(s);
	q->section = req_query(r, "section");
	q->author = req_query(r, "author");
	q->country = req_query(r, "country");
	if ((s = req_query(r, "year")) != NULL && *s != '\0') {
		if (str_to_ll(s, YEAR_MIN, YEAR_MAX, &y) != ERR_OK)
			return ERR_PARSE;
		q->year = (long)y;
	}
	if ((s = req_query(r, "sort")) != NULL && *s != '\0' &&
	    strcmp(s, "relevance") != 0) {
		if (strcmp(s, "date") != 0)
			return ERR_PARSE;
		q->by_date = 1;
	}
	return ERR_OK;
}

enum err
page_search(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct store_search q;
	json_t *v = NULL, *rows = NULL, *o, *it;
	const char *base, *title;
	long page, total = 0;
	int more = 0, filtered;
	enum err rc;

	if ((rc = search_args(r, &q)) != ERR_OK)
		return rc;
	base = search_base(r);
	if ((rc = view_page_number(r, resp, base, &page)) != ERR_OK ||
	    page == 0)
		return rc;
	q.limit = PER_PAGE;
	q.offset = (page - 1) * PER_PAGE;
	rc = store_search(ctx->store, &q, &rows, &total, &more);
	if (rc != ERR_OK && rc != ERR_PARSE && rc != ERR_LIMIT)
		return rc;
	if (rc == ERR_OK && view_page_past(page, &rows)) {
		rc = ERR_NOTFOUND;
		goto out;
	}
	title = q.qlen == 0 ? "Search" : arena_printf(r->arena,
	    page > 1 ? "Search: %s, page %ld" : "Search: %s", q.q, page);
	if ((rc = view_new(ctx, r, title, &v)) != ERR_OK)
		goto out;
	if ((rc = filters_view(ctx, r, &q, v)) != ERR_OK)
		goto out;
	o = json_object();
	if ((it = json_stringn(q.q, q.qlen)) == NULL)
		it = json_string("");
	json_object_set_new(o, "q", it);
	json_object_set_new(o, "by_date", json_boolean(q.by_date));
	filtered = q.year > 0 || (q.section != NULL && *q.section != '\0') ||
	    (q.author != NULL && *q.author != '\0') ||
	    (q.country != NULL && *q.country != '\0');
	json_object_set_new(o, "filtered", json_boolean(filtered));
	json_object_set_new(o, "refined", json_boolean(filtered ||
	    q.by_date));
	if (q.why != NULL) {
		resp->status = 400;
		json_object_set_new(o, "error", json_string(q.why));
	} else if (rows != NULL && q.qlen > 0 && json_array_size(rows) > 0) {
		json_object_set_new(o, "total", json_integer(total));
		json_object_set_new(o, "one", json_boolean(total == 1));
		json_object_set_new(o, "more", json_boolean(more));
		json_object_set_new(o, "ranked", json_integer(
		    LIMIT_SEARCH_RANKED));
	} else if (rows != NULL && json_array_size(rows) == 0 &&
	    q.qlen > 0 && strspn(q.q, " \t") != q.qlen)
		json_object_set_new(o, "none", json_true());
	json_object_set_new(v, "search", o);
	json_object_set_new(v, "results", results_view(rows));
	json_object_set_new(v, "pagination", view_pagination(r->arena, base,
	    page, total));
	rc = site_render(ctx, r, resp, "search", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(rows);
	return rc;
}
