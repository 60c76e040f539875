/*
 * resource: the API's resources, each built from a store record (the
 * rows of store.h's list and get functions, as docs/store.md gives
 * them), never from a page view.  A resource keeps its record's field
 * names and values (text as stored, Markdown as written, dates in ISO
 * 8601, the read count a number) and adds only what a client cannot
 * work out: absolute URLs, the HTML of Markdown, and references to
 * other resources as {key, name, URLs}.  So a write endpoint can take
 * the same object back, reading the record's fields and ignoring what
 * is marked readOnly in the OpenAPI document (docs/api.md).
 *
 * Every member a schema requires is always there: a missing or invalid
 * text is "", a missing number null.
 */
#include <string.h>

#include "api.h"

static json_t *
text(json_t *row, const char *key)
{
	return json_string(view_str(row, key));
}

/* An integer member, or null. */
static json_t *
integer(json_t *row, const char *key)
{
	json_t *v = json_object_get(row, key);

	return json_is_integer(v) ? json_integer(json_integer_value(v)) :
	    json_null();
}

/* A date or time that may be missing (an event's end): null then. */
static json_t *
when(json_t *row, const char *key)
{
	const char *s = view_str(row, key);

	return *s != '\0' ? json_string(s) : json_null();
}

static json_t *
markdown(const char *md, enum err *rc)
{
	json_t *o = json_object();
	struct buf b;

	buf_init(&b, LIMIT_PAGE);
	*rc = markdown_html(&b, md, strlen(md));
	json_object_set_new(o, "markdown", json_string(md));
	json_object_set_new(o, "html", json_string(b.len > 0 ? b.p : ""));
	buf_free(&b);
	return o;
}

/* An article's body: its text as written, format and HTML as served. */
static json_t *
article_body(json_t *row, enum err *rc)
{
	const char *body = view_str(row, "body");
	json_t *o = json_object();
	struct buf b;

	buf_init(&b, LIMIT_PAGE);
	*rc = article_body_html(&b, body, strlen(body), view_str(row,
	    "body_format"), NULL);
	json_object_set_new(o, "markdown", json_string(body));
	json_object_set_new(o, "format", json_string(strcmp(view_str(row,
	    "body_format"), "html") == 0 ? "html" : "markdown"));
	json_object_set_new(o, "html", json_string(b.len > 0 ? b.p : ""));
	buf_free(&b);
	return o;
}

json_t *
api_map(struct api_call *c, json_t *rows,
    json_t *(*fn)(struct api_call *, json_t *))
{
	json_t *out = json_array(), *row;
	size_t i;

	json_array_foreach(rows, i, row)
		json_array_append_new(out, fn(c, row));
	return out;
}

/*
 * { slug, name, api_url, html_url } of a record with a slug and a name,
 * whose resource is at API_ROOT + prefix + slug and page at prefix + slug.
 */
static json_t *
ref(struct api_call *c, json_t *row, const char *prefix)
{
	const char *slug = view_str(row, "slug");
	json_t *o = json_object();

	json_object_set_new(o, "slug", json_string(slug));
	json_object_set_new(o, "name", text(row, "name"));
	json_object_set_new(o, "api_url", json_string(api_slug_url(c,
	    arena_printf(c->r->arena, API_ROOT "%s", prefix), slug)));
	json_object_set_new(o, "html_url", json_string(api_slug_url(c, prefix,
	    slug)));
	return o;
}

static json_t *
author_ref(struct api_call *c, json_t *row)
{
	return ref(c, row, "/authors/");
}

json_t *
api_issue_link(struct api_call *c, json_t *number)
{
	json_t *o;
	long long n;

	if (!json_is_integer(number))
		return json_null();
	n = json_integer_value(number);
	o = json_object();
	json_object_set_new(o, "number", json_integer(n));
	json_object_set_new(o, "api_url", json_string(arena_printf(
	    c->r->arena, "%s" API_ROOT "/issues/%lld", c->base, n)));
	json_object_set_new(o, "html_url", json_string(arena_printf(
	    c->r->arena, "%s/issues/%lld", c->base, n)));
	return o;
}

/* { number, api_url, html_url, date } of an issue record, or null. */
static json_t *
issue_ref(struct api_call *c, json_t *row)
{
	json_t *o = api_issue_link(c, json_object_get(row, "number"));

	if (json_is_object(o))
		json_object_set_new(o, "date", text(row, "date"));
	return o;
}

json_t *
api_article_summary(struct api_call *c, json_t *row)
{
	const char *slug = view_str(row, "slug");
	json_t *o = json_object();

	json_object_set_new(o, "id", integer(row, "id"));
	json_object_set_new(o, "slug", json_string(slug));
	json_object_set_new(o, "title", text(row, "title"));
	json_object_set_new(o, "dek", text(row, "dek"));
	json_object_set_new(o, "authors", api_map(c, json_object_get(row,
	    "authors"), author_ref));
	json_object_set_new(o, "section", ref(c, json_object_get(row,
	    "section"), "/sections/"));
	json_object_set_new(o, "issue", issue_ref(c, json_object_get(row,
	    "issue")));
	json_object_set_new(o, "published_at", text(row, "published_at"));
	json_object_set_new(o, "api_url", json_string(api_slug_url(c,
	    API_ROOT "/articles/", slug)));
	json_object_set_new(o, "html_url", json_string(api_slug_url(c,
	    "/articles/", slug)));
	return o;
}

enum err
api_article(struct api_call *c, json_t *row, json_t **out)
{
	struct site *site = c->ctx->site;
	json_t *o = api_article_summary(c, row), *id, *stored;
	enum err rc;

	json_object_set_new(o, "updated_at", text(row, "updated_at"));
	/*
	 * The count as it stands at render: an answer is cached under the
	 * content version, which reads do not move, so the API's count can
	 * lag until the next edit (docs/api.md).
	 */
	id = json_object_get(row, "id");
	stored = json_object_get(row, "reads");
	json_object_set_new(o, "reads", json_integer(reads_total(site->reads,
	    json_integer_value(id), json_integer_value(stored))));
	json_object_set_new(o, "body", article_body(row, &rc));
	/* The note to readers, as the article editor and the edit resource
	   have it. */
	json_object_set_new(o, "correction", text(row, "correction"));
	json_object_set_new(o, "correction_kind", json_string(strcmp(
	    view_str(row, "correction_kind"), "update") == 0 ? "update" :
	    "correction"));
	json_object_set_new(o, "correction_date", text(row,
	    "correction_date"));
	if (rc != ERR_OK) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return ERR_OK;
}

json_t *
api_issue(struct api_call *c, json_t *row)
{
	json_t *o = json_object(), *link;

	link = api_issue_link(c, json_object_get(row, "number"));
	json_object_set_new(o, "number", integer(row, "number"));
	json_object_set_new(o, "volume", integer(row, "volume"));
	json_object_set_new(o, "date", text(row, "date"));
	json_object_set_new(o, "title", text(row, "title"));
	if (json_object_get(row, "count") != NULL)
		json_object_set_new(o, "articles_count", integer(row,
		    "count"));
	json_object_set(o, "api_url", json_object_get(link, "api_url"));
	json_object_set(o, "html_url", json_object_get(link, "html_url"));
	json_decref(link);
	return o;
}

json_t *
api_section(struct api_call *c, json_t *row)
{
	json_t *o = ref(c, row, "/sections/");

	json_object_set_new(o, "description", text(row, "description"));
	json_object_set_new(o, "position", integer(row, "position"));
	json_object_set_new(o, "articles_url", json_string(api_slug_url(c,
	    API_ROOT "/articles?section=", view_str(row, "slug"))));
	return o;
}

json_t *
api_author(struct api_call *c, json_t *row)
{
	json_t *o = ref(c, row, "/authors/");

	json_object_set_new(o, "affiliation", text(row, "affiliation"));
	json_object_set_new(o, "staff", json_boolean(json_integer_value(
	    json_object_get(row, "staff")) != 0));
	return o;
}

enum err
api_author_full(struct api_call *c, json_t *row, json_t **out)
{
	const char *slug = view_str(row, "slug");
	json_t *o = api_author(c, row);
	enum err rc;

	json_object_set_new(o, "photo", api_stored_url(c, view_str(row,
	    "photo")));
	json_object_set_new(o, "bio", markdown(view_str(row, "bio"), &rc));
	json_object_set_new(o, "articles_url", json_string(api_slug_url(c,
	    API_ROOT "/articles?author=", slug)));
	json_object_set_new(o, "publications_url", json_string(api_slug_url(c,
	    API_ROOT "/publications?author=", slug)));
	if (rc != ERR_OK) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return ERR_OK;
}

json_t *
api_publication(struct api_call *c, json_t *row)
{
	json_t *o = json_object(), *t = json_object_get(row, "type"), *type;

	json_object_set_new(o, "id", integer(row, "id"));
	type = json_object();
	json_object_set_new(type, "slug", text(t, "slug"));
	json_object_set_new(type, "name", text(t, "name"));
	json_object_set_new(o, "type", type);
	json_object_set_new(o, "title", text(row, "title"));
	json_object_set_new(o, "authors", api_map(c, json_object_get(row,
	    "authors"), author_ref));
	json_object_set_new(o, "venue", text(row, "venue"));
	json_object_set_new(o, "date", text(row, "date"));
	json_object_set_new(o, "summary", text(row, "summary"));
	json_object_set_new(o, "url", api_stored_url(c, view_str(row, "url")));
	json_object_set_new(o, "cover", api_stored_url(c, view_str(row,
	    "cover")));
	return o;
}

json_t *
api_event(struct api_call *c, json_t *row)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", integer(row, "id"));
	json_object_set_new(o, "title", text(row, "title"));
	json_object_set_new(o, "starts_at", text(row, "starts_at"));
	json_object_set_new(o, "ends_at", when(row, "ends_at"));
	json_object_set_new(o, "place", text(row, "place"));
	json_object_set_new(o, "description", text(row, "description"));
	json_object_set_new(o, "url", api_stored_url(c, view_str(row, "url")));
	return o;
}
