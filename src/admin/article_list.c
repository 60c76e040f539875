/*
 * article_list: /admin/articles, every article whatever its status, last
 * edited first, PER_PAGE a page: searched by title, filtered by status,
 * section, issue and author.  The filters are a GET form, so a filtered
 * list is a link; an author's list holds their own articles only,
 * whatever the query says.
 */
#include <string.h>

#include "admin.h"

/* A query parameter, "" when absent. */
static const char *
query(struct req *r, const char *name)
{
	const char *s = req_query(r, name);

	return s != NULL ? s : "";
}

/* A filter's id, 0 when absent or not a number. */
static int64_t
query_id(struct req *r, const char *name)
{
	long long n;

	if (str_to_ll(query(r, name), 1, INT64_MAX, &n) != ERR_OK)
		return 0;
	return (int64_t)n;
}

/* q as a LIKE pattern matching it anywhere, % _ \ taken literally. */
static const char *
like_of(struct arena *a, const char *q)
{
	size_t n = strlen(q), i, k = 0;
	char *p = arena_alloc(a, 2 * n + 3);

	p[k++] = '%';
	for (i = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			p[k++] = '\\';
		p[k++] = q[i];
	}
	p[k++] = '%';
	p[k] = '\0';
	return p;
}

/* The list's address with its filters (for pages and links). */
static const char *
list_base(struct arena *a, struct req *r)
{
	static const char *const keys[] = { "q", "status", "section",
	    "issue", "author" };
	struct buf b;
	const char *s, *out;
	size_t i;
	int first = 1;

	buf_init(&b, LIMIT_URL * 2);
	buf_puts(&b, "/admin/articles");
	for (i = 0; i < nitems(keys); i++) {
		if (*(s = query(r, keys[i])) == '\0')
			continue;
		buf_printf(&b, "%c%s=", first ? '?' : '&', keys[i]);
		esc_url(&b, s, strlen(s));
		first = 0;
	}
	out = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return out;
}

/* The filter form: fields as the page's other forms have them. */
static json_t *
filter_form(struct arena *a, struct req *r, const struct article_refs *refs)
{
	struct article_values v;
	json_t *form = form_new(), *f, *src, *it;
	size_t i;
	const char *st = query(r, "status");

	form_field(form, "q", "Title has", "search", query(r, "q"), NULL,
	    "off", 0);
	f = form_field(form, "status", "Status", "select", st, NULL, NULL, 0);
	field_option(f, "", "Any status", *st == '\0');
	for (i = 0; i < ARTICLE__MAX; i++)
		field_option(f, article_status_names[i], i == 0 ? "Drafts" :
		    i == 1 ? "Scheduled" : "Published", strcmp(st,
		    article_status_names[i]) == 0);
	/* The form's own selects, with "any" for their empty choice. */
	memset(&v, 0, sizeof(v));
	v.title = v.slug = v.dek = v.body = v.status = v.publish_at =
	    v.tags = v.countries = v.version = "";
	v.section = query(r, "section");
	v.issue = query(r, "issue");
	v.authors[0] = query(r, "author");
	v.nauthors = 1;
	src = article_form(a, refs, &v, 0);
	json_array_foreach(json_object_get(src, "fields"), i, it) {
		const char *n = view_str(it, "name"), *lab;

		if (strcmp(n, "section") != 0 && strcmp(n, "issue") != 0 &&
		    strcmp(n, "author1") != 0)
			continue;
		lab = strcmp(n, "section") == 0 ? "Any section" :
		    strcmp(n, "issue") == 0 ? "Any issue" : "Any author";
		json_object_set_new(json_array_get(json_object_get(it,
		    "options"), 0), "label", json_string(lab));
		json_object_set_new(it, "hint", json_string(""));
		json_object_set_new(it, "describedby", json_string(""));
		json_object_set_new(it, "required", json_false());
		if (strcmp(n, "author1") == 0) {
			json_object_set_new(it, "name", json_string("author"));
			json_object_set_new(it, "id", json_string("f-author"));
			json_object_set_new(it, "label", json_string("Author"));
		}
		json_array_append(json_object_get(form, "fields"), it);
	}
	json_decref(src);
	return form;
}

enum err
admin_articles(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct store_article_filter f;
	struct article_refs refs;
	json_t *v, *rows = NULL, *list, *it, *o, *names;
	const char *base, *st;
	long page, total;
	size_t i, j;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	base = list_base(r->arena, r);
	if ((rc = view_page_number(r, resp, base, &page)) != ERR_OK ||
	    page == 0)
		return rc;
	memset(&f, 0, sizeof(f));
	if (*query(r, "q") != '\0')
		f.q = like_of(r->arena, query(r, "q"));
	st = query(r, "status");
	f.status = *st != '\0' ? st : NULL;
	f.section_id = query_id(r, "section");
	f.issue_id = query_id(r, "issue");
	f.person_id = query_id(r, "author");
	f.created_by = u.role < ROLE_EDITOR ? u.id : 0;
	f.limit = PER_PAGE;
	f.offset = (page - 1) * PER_PAGE;
	if ((rc = store_articles_admin(ctx->store, &f, &rows, &total)) !=
	    ERR_OK)
		return rc;
	if (view_page_past(page, &rows))
		return ERR_NOTFOUND;
	if ((rc = article_refs_load(ctx, &refs)) != ERR_OK) {
		json_decref(rows);
		return rc;
	}
	list = json_array();
	json_array_foreach(rows, i, it) {
		int64_t t = 0;
		const char *s = view_str(it, "status");

		o = json_object();
		json_object_set_new(o, "url", json_string(arena_printf(
		    r->arena, "/admin/articles/%lld", (long long)
		    json_integer_value(json_object_get(it, "id")))));
		view_copy(o, "title", it, "title");
		view_copy(o, "slug", it, "slug");
		json_object_set_new(o, "status", json_string(s));
		json_object_set_new(o, "status_label", json_string(
		    strcmp(s, "published") == 0 ? "Published" :
		    strcmp(s, "scheduled") == 0 ? "Scheduled" : "Draft"));
		time_parse_iso(view_str(it, "published_at"), &t);
		json_object_set_new(o, "when", json_string(strcmp(s,
		    "draft") == 0 ? "" : admin_time(r->arena, t)));
		time_parse_iso(view_str(it, "updated_at"), &t);
		json_object_set_new(o, "updated", json_string(admin_time(
		    r->arena, t)));
		json_object_set_new(o, "updated_iso", json_string(view_str(it,
		    "updated_at")));
		view_copy(o, "section", json_object_get(it, "section"),
		    "name");
		json_object_set_new(o, "issue", json_string(json_object_get(
		    json_object_get(it, "issue"), "number") != NULL ?
		    arena_printf(r->arena, "No. %lld", (long long)
		    json_integer_value(json_object_get(json_object_get(it,
		    "issue"), "number"))) : ""));
		names = json_array();
		json_array_foreach(json_object_get(it, "authors"), j, v)
			json_array_append_new(names, json_pack("{s:s, s:s}",
			    "name", view_str(v, "name"), "sep", j > 0 ? ", " :
			    ""));
		json_object_set_new(o, "authors", names);
		json_array_append_new(list, o);
	}
	json_decref(rows);
	v = admin_view(ctx, r, &u, "Articles", "/admin/articles");
	json_object_set_new(v, "articles", json_pack("{s:b, s:o, s:I, s:b, "
	    "s:b, s:o, s:b}", "empty", json_array_size(list) == 0, "list",
	    list, "total", (json_int_t)total, "one",
	    total == 1, "filtered", strchr(base, '?') != NULL, "filters",
	    filter_form(r->arena, r, &refs), "own_only", u.role <
	    ROLE_EDITOR));
	article_refs_free(&refs);
	json_object_set_new(v, "pagination", view_pagination(r->arena, base,
	    page, total));
	return admin_render(ctx, r, resp, 200, "admin-articles", v);
}
