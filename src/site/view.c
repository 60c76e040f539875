/*
 * view: builds the views of docs/views.md from store records.  Every key
 * a template reads is always present (empty string, false or []),
 * because Mustache looks a missing key up in the enclosing context.
 */
#include <string.h>
#include <time.h>

#include "site.h"

const struct feed_format_info view_feed_formats[FEED__MAX] = {
	{ "atom", "application/atom+xml; charset=utf-8", "Atom" },
	{ "rss", "application/rss+xml; charset=utf-8", "RSS" },
	{ "json", "application/feed+json", "JSON Feed" },
};

json_t *
view_feed_links(const char *path, const char *title)
{
	json_t *links = json_array(), *o;
	const char *t;
	size_t k;

	for (k = 0; k < FEED__MAX; k++) {
		t = view_feed_formats[k].type;
		o = json_object();
		json_object_set_new(o, "url", json_sprintf("%s/feed.%s", path,
		    view_feed_formats[k].ext));
		json_object_set_new(o, "type", json_stringn(t,
		    strcspn(t, ";")));
		json_object_set_new(o, "label",
		    json_string(view_feed_formats[k].label));
		json_object_set_new(o, "title", json_sprintf("%s (%s)", title,
		    view_feed_formats[k].label));
		json_array_append_new(links, o);
	}
	return links;
}

const char *
view_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s != NULL ? s : "";
}

/* Strings are immutable: the view shares the record's, uncopied. */
void
view_copy(json_t *dst, const char *key, json_t *src, const char *skey)
{
	json_t *v = json_object_get(src, skey);

	json_object_set_new(dst, key, json_is_string(v) ? json_incref(v) :
	    json_string(""));
}

/*
 * Stored URLs are checked when stored (store_check) and again here, for
 * what an older version or an operator's sqlite3 shell left behind.
 */
void
view_copy_url(json_t *dst, const char *key, json_t *src, const char *skey)
{
	const char *s = view_str(src, skey);

	json_object_set_new(dst, key, json_string(url_safe(s, strlen(s)) ?
	    s : ""));
}

/* iso formatted by fmt, as a JSON string ("" when it is no date). */
static json_t *
date_json(const char *iso, enum err (*fmt)(struct buf *, const char *))
{
	char mem[64];
	struct buf b;
	json_t *j;

	buf_init_in(&b, mem, sizeof(mem), sizeof(mem) - 1);
	if (iso == NULL || fmt(&b, iso) != ERR_OK)
		buf_reset(&b);
	/* The formatters write ASCII (digits, month names). */
	j = json_stringn_nocheck(b.p, b.len);
	buf_free(&b);
	return j;
}

void
view_date(json_t *obj, const char *key, const char *iso,
    enum err (*fmt)(struct buf *, const char *))
{
	json_object_set_new(obj, key, date_json(iso, fmt));
}

json_t *
view_url(const char *prefix, const char *slug)
{
	char mem[256];
	struct buf b;
	json_t *j;

	buf_init_in(&b, mem, sizeof(mem), LIMIT_URL);
	buf_puts(&b, prefix);
	esc_url(&b, slug, strlen(slug));
	/* ASCII: a path prefix and the slug percent-encoded. */
	j = json_stringn_nocheck(b.p, b.len);
	buf_free(&b);
	return j;
}

/*
 * Store rows become views in place: an article list's rows are the
 * caller's own (store.h), so their strings, sections and author lists
 * become the view's instead of being copied into a second tree, and
 * what consecutive rows have in common (the three separators of a
 * byline, the section and the date of an issue's articles, an author's
 * URL) is made once and shared.  An issue's table of contents of some
 * 400 articles so makes no second tree of 400 objects.
 */
#define MEMO_AUTHORS	64	/* authors' URLs kept, by their slug's hash */

struct sum_memo {
	json_t		*sep[3];	/* "", " and ", ", " */
	json_t		*section;	/* the last row's section view */
	json_t		*date_iso;	/* the last row's date */
	json_t		*date_medium;
	struct {
		json_t	*slug;		/* an author's slug */
		json_t	*url;		/* the author's page */
	} au[MEMO_AUTHORS];
};

static void
memo_init(struct sum_memo *m)
{
	memset(m, 0, sizeof(*m));
	m->sep[0] = json_string("");
	m->sep[1] = json_string(" and ");
	m->sep[2] = json_string(", ");
}

static void
memo_free(struct sum_memo *m)
{
	size_t k;

	for (k = 0; k < 3; k++)
		json_decref(m->sep[k]);
	json_decref(m->section);
	json_decref(m->date_iso);
	json_decref(m->date_medium);
	for (k = 0; k < MEMO_AUTHORS; k++) {
		json_decref(m->au[k].slug);
		json_decref(m->au[k].url);
	}
}

/* The string at o[key], made "" when it is not one; borrowed. */
static json_t *
string_of(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v)) {
		v = json_string("");
		json_object_set_new_nocheck(o, key, v);
	}
	return v;
}

/* o[key], a string, with curly quotes (typo_text) when it has any. */
static void
smart_of(json_t *o, const char *key)
{
	json_t *v = string_of(o, key);
	const char *t = json_string_value(v);
	struct buf b;

	if (strpbrk(t, "'\"") == NULL)
		return;
	buf_init(&b, LIMIT_PAGE);
	if (typo_text(&b, t, json_string_length(v)) == ERR_OK && b.p != NULL)
		json_object_set_new_nocheck(o, key, json_string(b.p));
	buf_free(&b);
}

/* The URL of the author of slug s (a string), made once per list. */
static json_t *
author_url(struct sum_memo *m, json_t *s)
{
	size_t k = hash_bytes(json_string_value(s), json_string_length(s)) %
	    MEMO_AUTHORS;

	if (m->au[k].slug == NULL || !json_equal(m->au[k].slug, s)) {
		json_decref(m->au[k].slug);
		json_decref(m->au[k].url);
		m->au[k].slug = json_incref(s);
		m->au[k].url = view_url("/authors/", json_string_value(s));
	}
	return m->au[k].url;
}

/* [{slug, name}] becomes an AUTHOR list in place. */
static void
authors_make(json_t *list, struct sum_memo *m)
{
	json_t *a;
	size_t i, n = json_array_size(list);

	json_array_foreach(list, i, a) {
		string_of(a, "name");
		json_object_set_nocheck(a, "url", author_url(m,
		    string_of(a, "slug")));
		json_object_set_nocheck(a, "sep", m->sep[i == 0 ? 0 :
		    i + 1 == n ? 1 : 2]);
	}
}

json_t *
view_authors(json_t *rows)
{
	struct sum_memo m;
	json_t *out;

	out = json_is_array(rows) ? json_deep_copy(rows) : json_array();
	memo_init(&m);
	authors_make(out, &m);
	memo_free(&m);
	return out;
}

/*
 * The row's {slug, name} section is replaced by { name, slug, url }, made
 * once for consecutive rows of one section (the store may share the
 * row's section object with other rows: it is not changed).
 */
static void
section_make(json_t *row, struct sum_memo *m)
{
	json_t *s = json_object_get(row, "section"), *o;

	if (m->section == NULL || !json_equal(json_object_get(s, "slug"),
	    json_object_get(m->section, "slug"))) {
		json_decref(m->section);
		m->section = o = json_object();
		view_copy(o, "name", s, "name");
		view_copy(o, "slug", s, "slug");
		json_object_set_new(o, "url", view_url("/sections/",
		    view_str(s, "slug")));
	}
	json_object_set_nocheck(row, "section", m->section);
}

json_t *
view_issue_ref(struct arena *a, json_t *issue)
{
	json_t *o;
	long long n;

	if (!json_is_integer(json_object_get(issue, "number")))
		return json_false();
	n = json_integer_value(json_object_get(issue, "number"));
	o = json_object();
	json_object_set_new(o, "number", json_integer(n));
	json_object_set_new(o, "url", json_string(arena_printf(a,
	    "/issues/%lld", n)));
	view_copy(o, "date_iso", issue, "date");
	view_date(o, "date_medium", view_str(issue, "date"), time_fmt_medium);
	view_date(o, "date_long", view_str(issue, "date"), time_fmt_long);
	view_copy(o, "title", issue, "title");
	return o;
}

/*
 * An article row becomes an ARTICLE_SUM in place.  The keys a sum does
 * not have go first, so that the row's table never grows.
 */
static void
sum_make(json_t *row, struct sum_memo *m)
{
	json_t *pub = json_object_get(row, "published_at"), *au;
	char date[11];
	size_t n;

	n = json_string_length(pub) < 10 ? json_string_length(pub) : 10;
	memcpy(date, n > 0 ? json_string_value(pub) : "", n);
	date[n] = '\0';
	json_object_del(row, "id");
	json_object_del(row, "published_at");
	json_object_del(row, "issue");
	smart_of(row, "title");
	smart_of(row, "dek");
	json_object_set_new_nocheck(row, "url", view_url("/articles/",
	    json_string_value(string_of(row, "slug"))));
	if (m->date_iso == NULL ||
	    strcmp(json_string_value(m->date_iso), date) != 0) {
		json_decref(m->date_iso);
		json_decref(m->date_medium);
		m->date_iso = json_string(date);
		m->date_medium = date_json(date, time_fmt_medium);
	}
	json_object_set_nocheck(row, "date_iso", m->date_iso);
	json_object_set_nocheck(row, "date_medium", m->date_medium);
	au = json_object_get(row, "authors");
	if (!json_is_array(au)) {
		au = json_array();
		json_object_set_new_nocheck(row, "authors", au);
	}
	authors_make(au, m);
	section_make(row, m);
}

json_t *
view_article_sum(json_t *row)
{
	static const char *const keys[] = { "title", "slug", "dek",
	    "published_at", "authors", "section" };
	struct sum_memo m;
	json_t *o = json_object(), *v;
	size_t k;

	for (k = 0; k < nitems(keys); k++) {
		v = json_object_get(row, keys[k]);
		if (v != NULL)
			json_object_set_new(o, keys[k], json_deep_copy(v));
	}
	memo_init(&m);
	sum_make(o, &m);
	memo_free(&m);
	return o;
}

json_t *
view_map(json_t *rows, json_t *(*fn)(json_t *))
{
	json_t *out = json_array(), *r;
	size_t i;

	json_array_foreach(rows, i, r)
		json_array_append_new(out, fn(r));
	return out;
}

json_t *
view_article_sums(json_t *rows)
{
	struct sum_memo m;
	json_t *r;
	size_t i;

	if (!json_is_array(rows))
		return json_array();
	memo_init(&m);
	json_array_foreach(rows, i, r)
		sum_make(r, &m);
	memo_free(&m);
	return json_incref(rows);
}

json_t *
view_publication(json_t *row)
{
	json_t *o = json_object(), *t = json_object_get(row, "type");

	view_copy(o, "type_name", t, "name");
	view_copy(o, "type_slug", t, "slug");
	view_copy(o, "title", row, "title");
	view_copy_url(o, "url", row, "url");
	view_copy(o, "venue", row, "venue");
	view_copy(o, "date_iso", row, "date");
	view_date(o, "date_medium", view_str(row, "date"), time_fmt_medium);
	view_copy(o, "summary", row, "summary");
	view_copy_url(o, "cover", row, "cover");
	json_object_set_new(o, "authors", view_authors(json_object_get(row,
	    "authors")));
	return o;
}

json_t *
view_publications(json_t *rows)
{
	return view_map(rows, view_publication);
}

const char *
view_page_url(struct arena *a, const char *base, long page)
{
	if (page <= 1)
		return base;
	return arena_printf(a, "%s%spage=%ld", base, strchr(base, '?') !=
	    NULL ? "&" : "?", page);
}

/* One PAGINATION.numbers entry: page n of the list, or a gap (n 0). */
static json_t *
page_link(struct arena *a, const char *base, long n, long page)
{
	json_t *o = json_object();

	json_object_set_new(o, "number", json_integer(n));
	json_object_set_new(o, "url", json_string(n > 0 ?
	    view_page_url(a, base, n) : ""));
	json_object_set_new(o, "current", json_boolean(n == page));
	json_object_set_new(o, "gap", json_boolean(n == 0));
	return o;
}

/*
 * The numbered links: the first and last pages, and PAGE_WINDOW pages
 * either side of the current one, with a gap (an ellipsis) where pages
 * are left out; a gap of one page shows that page instead.
 */
#define PAGE_WINDOW	2

json_t *
view_pagination(struct arena *a, const char *base, long page, long total)
{
	long pages = (total + PER_PAGE - 1) / PER_PAGE, n, lo, hi;
	json_t *o, *nums;

	if (pages <= 1)
		return json_false();
	o = json_object();
	json_object_set_new(o, "page", json_integer(page));
	json_object_set_new(o, "pages", json_integer(pages));
	json_object_set_new(o, "prev_url", json_string(page <= 1 ? "" :
	    view_page_url(a, base, page - 1)));
	json_object_set_new(o, "next_url", json_string(page >= pages ? "" :
	    view_page_url(a, base, page + 1)));
	json_object_set_new(o, "first_url", json_string(page <= 1 ? "" :
	    view_page_url(a, base, 1)));
	json_object_set_new(o, "last_url", json_string(page >= pages ? "" :
	    view_page_url(a, base, pages)));
	lo = page - PAGE_WINDOW > 1 ? page - PAGE_WINDOW : 1;
	hi = page + PAGE_WINDOW < pages ? page + PAGE_WINDOW : pages;
	if (lo == 3)
		lo = 2;
	if (hi == pages - 2)
		hi = pages - 1;
	nums = json_array();
	if (lo > 1)
		json_array_append_new(nums, page_link(a, base, 1, page));
	if (lo > 2)
		json_array_append_new(nums, page_link(a, base, 0, page));
	for (n = lo; n <= hi; n++)
		json_array_append_new(nums, page_link(a, base, n, page));
	if (hi < pages - 1)
		json_array_append_new(nums, page_link(a, base, 0, page));
	if (hi < pages)
		json_array_append_new(nums, page_link(a, base, pages, page));
	json_object_set_new(o, "numbers", nums);
	return o;
}

long
view_page_of(struct req *r)
{
	const char *p = req_query(r, "page");
	long long v;

	if (p == NULL || p[0] == '0' || str_to_ll(p, 1, LIMIT_PAGE_NUMBER,
	    &v) != ERR_OK)
		return 1;
	return (long)v;
}

void
view_breadcrumbs(json_t *view, const char *const *crumbs, size_t n)
{
	json_t *list = json_array(), *o;
	size_t i;

	json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "name",
	    "Home", "url", "/", "current", 0));
	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(o, "name", json_string(crumbs[2 * i]));
		json_object_set_new(o, "url", json_string(crumbs[2 * i + 1]));
		json_object_set_new(o, "current", json_boolean(i + 1 == n));
		json_array_append_new(list, o);
	}
	json_object_set_new(view, "breadcrumbs", json_pack("{s:o}", "items",
	    list));
}

int
view_page_past(long page, json_t **rows)
{
	if (page <= 1 || json_array_size(*rows) > 0)
		return 0;
	json_decref(*rows);
	*rows = NULL;
	return 1;
}

enum err
view_page_number(struct req *r, struct resp *resp, const char *base,
    long *page)
{
	const char *p = req_query(r, "page");
	long long v;

	*page = 1;
	if (p == NULL)
		return ERR_OK;
	if (str_to_ll(p, 1, LIMIT_PAGE_NUMBER, &v) != ERR_OK)
		return ERR_PARSE;
	/*
	 * One URL per page, the one our links use: "?page=1" and
	 * "?page=01" would each be cached as a page of their own.
	 */
	if (v == 1 || p[0] == '0') {
		resp_redirect(resp, r->arena, 301, view_page_url(r->arena,
		    base, (long)v));
		*page = 0;
		return ERR_OK;
	}
	*page = (long)v;
	return ERR_OK;
}

enum err
view_articles_page(struct ctx *ctx, struct store_query *q, long page,
    json_t **rows, long *total)
{
	enum err rc;

	q->limit = PER_PAGE;
	q->offset = (page - 1) * PER_PAGE;
	if ((rc = store_articles_list(ctx->store, q, rows, total)) !=
	    ERR_OK)
		return rc;
	return view_page_past(page, rows) ? ERR_NOTFOUND : ERR_OK;
}

void
view_nav_current(json_t *view, const char *slug, const char *how)
{
	json_t *nav = json_deep_copy(json_object_get(view, "nav")), *it;
	size_t i;

	json_array_foreach(nav, i, it)
		json_object_set_new(it, "current", strcmp(view_str(it, "slug"),
		    slug) == 0 ? json_string(how) : json_false());
	json_object_set_new(view, "nav", nav);
}

/*
 * The next EVENTS_SIDE upcoming events for the sidebar, as of the
 * request's render: {items: [view_event]}, or false when none is
 * planned.
 */
#define EVENTS_SIDE	3

json_t *
view_event(struct arena *a, json_t *row)
{
	json_t *o = json_object();
	long long id = json_integer_value(json_object_get(row, "id"));

	json_object_set_new(o, "id", json_integer(id));
	view_copy(o, "title", row, "title");
	view_copy(o, "place", row, "place");
	view_copy(o, "description", row, "description");
	view_copy_url(o, "url", row, "url");
	view_event_when(a, o, row);
	json_object_set_new(o, "ics", json_sprintf("/events/%lld.ics", id));
	json_object_set_new(o, "anchor", json_sprintf("/events#event-%lld",
	    id));
	return o;
}

static json_t *
side_events(struct ctx *ctx, struct req *r)
{
	json_t *rows = NULL, *list, *it;
	size_t i;

	if (ctx->store == NULL || store_events_list(ctx->store, 1,
	    site_now(ctx->site), &rows) != ERR_OK)
		return json_false();
	list = json_array();
	json_array_foreach(rows, i, it) {
		if (i >= EVENTS_SIDE)
			break;
		json_array_append_new(list, view_event(r->arena, it));
	}
	json_decref(rows);
	if (json_array_size(list) == 0) {
		json_decref(list);
		return json_false();
	}
	return json_pack("{s:o}", "items", list);
}

enum err
view_new(struct ctx *ctx, struct req *r, const char *title, json_t **out)
{
	json_t *chrome, *v, *page, *site;
	const char *name;
	enum err rc;

	if ((rc = site_chrome(ctx->site, ctx->store, &chrome)) != ERR_OK)
		return rc;
	v = json_object();
	json_object_update(v, chrome);	/* shares the chrome's values */
	json_decref(chrome);
	site = json_object_get(v, "site");
	name = view_str(site, "name");
	page = json_object();
	json_object_set_new(page, "title", json_string(title == NULL ? name :
	    arena_printf(r->arena, "%s \xe2\x80\x94 %s", title, name)));
	view_copy(page, "description", site, "description");
	json_object_set_new(page, "canonical", json_string(arena_printf(
	    r->arena, "%s%s", view_str(site, "base_url"), view_page_url(
	    r->arena, r->path, view_page_of(r)))));
	json_object_set_new(page, "feeds", json_array());
	/* Where a form sends the reader back to (checked when it does). */
	json_object_set_new(page, "back", json_string(r->path));
	json_object_set_new(v, "page", page);
	json_object_set_new(v, "side_events", side_events(ctx, r));
	*out = v;
	return ERR_OK;
}

json_t *
view_person(json_t *row)
{
	json_t *o = json_object();
	struct buf bio;

	view_copy(o, "name", row, "name");
	view_copy(o, "affiliation", row, "affiliation");
	view_copy(o, "role", row, "role");
	view_copy_url(o, "photo", row, "photo");
	buf_init(&bio, LIMIT_PAGE);
	if (markdown_html(&bio, view_str(row, "bio"),
	    json_string_length(json_object_get(row, "bio"))) != ERR_OK)
		buf_reset(&bio);
	json_object_set_new(o, "bio_html", json_string(bio.len > 0 ? bio.p :
	    ""));
	buf_free(&bio);
	return o;
}
