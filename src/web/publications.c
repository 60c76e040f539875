/*
 * publications: /publications, the staff's publications, filtered by type
 * (?type=slug) and author (?author=slug), newest first, paginated.  A
 * filter that names no type or staff member is a 404, an empty one a
 * redirect to the list without it.
 */
#include <string.h>

#include "web.h"

/* "/publications" with the given filters, percent-encoded. */
static const char *
pubs_url(struct arena *a, const char *type, const char *author)
{
	struct buf b;
	const char *s;

	buf_init(&b, LIMIT_URL * 4);
	buf_puts(&b, "/publications");
	if (type != NULL) {
		buf_puts(&b, "?type=");
		esc_url(&b, type, strlen(type));
	}
	if (author != NULL) {
		buf_puts(&b, type != NULL ? "&author=" : "?author=");
		esc_url(&b, author, strlen(author));
	}
	s = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return s;
}

static const char *
filter(struct req *r, const char *name)
{
	const char *v = req_query(r, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* 1 if a row of rows has this slug. */
static int
names(json_t *rows, const char *slug)
{
	json_t *it;
	size_t i;

	json_array_foreach(rows, i, it)
		if (strcmp(view_str(it, "slug"), slug) == 0)
			return 1;
	return 0;
}

enum err
page_publications(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct store_query q = { .limit = PER_PAGE };
	json_t *v = NULL, *types = NULL, *people = NULL, *rows = NULL;
	json_t *list, *o, *it, *f;
	const char *type = filter(r, "type"), *author = filter(r, "author");
	const char *base = pubs_url(r->arena, type, author);
	long page, total;
	size_t i;
	enum err rc;

	if ((rc = view_page_number(r, resp, base, &page)) != ERR_OK ||
	    page == 0)
		return rc;
	/* An empty filter is none: one URL per list (and cache entry). */
	if ((type == NULL && req_query(r, "type") != NULL) ||
	    (author == NULL && req_query(r, "author") != NULL)) {
		resp_redirect(resp, r->arena, 301, view_page_url(r->arena,
		    base, page));
		return ERR_OK;
	}
	q.type = type;
	q.author = author;
	q.offset = (page - 1) * PER_PAGE;
	if ((rc = store_pub_types_list(ctx->store, &types)) != ERR_OK ||
	    (rc = store_people_list(ctx->store, 1, &people)) != ERR_OK)
		goto out;
	/* A filter that names nothing is no page (nor a cache entry). */
	if ((type != NULL && !names(types, type)) ||
	    (author != NULL && !names(people, author))) {
		rc = ERR_NOTFOUND;
		goto out;
	}
	if ((rc = store_publications_list(ctx->store, &q, &rows,
	    &total)) != ERR_OK)
		goto out;
	if (view_page_past(page, &rows)) {
		rc = ERR_NOTFOUND;
		goto out;
	}
	if ((rc = view_new(ctx, r, "Publications", &v)) != ERR_OK)
		goto out;
	/* The sidebar's staff publications would repeat this list. */
	json_object_set_new(json_object_get(v, "page"), "no_pubs",
	    json_true());
	list = json_array();
	o = json_object();
	json_object_set_new(o, "slug", json_string(""));
	json_object_set_new(o, "name", json_string("All types"));
	json_object_set_new(o, "url", json_string(pubs_url(r->arena, NULL,
	    author)));
	json_object_set_new(o, "current", json_boolean(type == NULL));
	json_array_append_new(list, o);
	json_array_foreach(types, i, it) {
		o = json_object();
		view_copy(o, "slug", it, "slug");
		view_copy(o, "name", it, "name");
		json_object_set_new(o, "url", json_string(pubs_url(r->arena,
		    view_str(it, "slug"), author)));
		json_object_set_new(o, "current", json_boolean(type != NULL &&
		    strcmp(type, view_str(it, "slug")) == 0));
		json_array_append_new(list, o);
	}
	json_object_set_new(v, "types", list);
	list = json_array();
	json_array_foreach(people, i, it) {
		o = json_object();
		view_copy(o, "slug", it, "slug");
		view_copy(o, "name", it, "name");
		json_object_set_new(o, "current", json_boolean(author != NULL &&
		    strcmp(author, view_str(it, "slug")) == 0));
		json_array_append_new(list, o);
	}
	json_object_set_new(v, "authors", list);
	f = json_object();
	json_object_set_new(f, "type", json_string(type != NULL ? type : ""));
	json_object_set_new(f, "author", json_string(author != NULL ? author :
	    ""));
	json_object_set_new(v, "filter", f);
	json_object_set_new(v, "publications", view_publications(rows));
	json_object_set_new(v, "pagination", view_pagination(r->arena, base,
	    page, total));
	rc = site_render(ctx, r, resp, "publications", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(types);
	json_decref(people);
	json_decref(rows);
	return rc;
}
