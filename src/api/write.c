/*
 * write: the API's article writes, through the back office's one way to
 * save an article (article_save: the same checks, role rules,
 * revision, audit and transaction as the editor's form).
 *
 *	POST   /api/v1/articles			a new article (201)
 *	GET    /api/v1/articles/{slug}/edit	any status, with its version
 *	PATCH  /api/v1/articles/{slug}		change some fields
 *	DELETE /api/v1/articles/{slug}		editors (204)
 *
 * Bodies are JSON objects: title, slug, dek, body (Markdown), section
 * (a slug), issue (a number or null), authors (slugs), tags (names),
 * countries (ISO codes), status ("draft", "scheduled", "published") and
 * published_at (RFC 3339, for a scheduled one).  A PATCH names the
 * version it was made from (the edit resource's "version"): another
 * save since is a 409 that changes nothing, and a PATCH without it is a
 * 428.  A field of the wrong type or an unknown one is a 400; what the
 * article's rules refuse is a 422 listing each field's problem in
 * "errors" (RFC 9457 extension member).
 *
 * A note to readers rides along: correction (text, "" for none),
 * correction_kind ("correction", "update") and correction_date
 * (YYYY-MM-DD; "": the day of the save).
 */
#include <string.h>

#include "api.h"

/* The fields a body may hold, and the JSON type each must have. */
static const struct api_field article_fields[] = {
	{ "title", JSON_STRING, 0 },
	{ "slug", JSON_STRING, 0 },
	{ "dek", JSON_STRING, 0 },
	{ "body", JSON_STRING, 0 },
	{ "section", JSON_STRING, 0 },
	{ "issue", JSON_INTEGER, 1 },
	{ "authors", JSON_ARRAY, 0 },
	{ "tags", JSON_ARRAY, 0 },
	{ "countries", JSON_ARRAY, 0 },
	{ "status", JSON_STRING, 0 },
	{ "published_at", JSON_STRING, 1 },
	{ "version", JSON_INTEGER, 0 },
	{ "correction", JSON_STRING, 0 },
	{ "correction_kind", JSON_STRING, 0 },
	{ "correction_date", JSON_STRING, 0 },
};

/* ERR_INVAL (400) unless doc is an article's fields, well typed. */
static enum err
article_body_check(struct api_call *c, json_t *doc)
{
	return api_body_check(c, doc, "article", article_fields,
	    nitems(article_fields));
}

/* The editor's form names its fields so; the API, as its resource. */
static const char *
field_name(const char *form)
{
	if (strcmp(form, "author1") == 0)
		return "authors";
	if (strcmp(form, "publish_at") == 0)
		return "published_at";
	return form;
}

enum err
api_body_check(struct api_call *c, json_t *doc, const char *what,
    const struct api_field *fields, size_t nfields)
{
	const char *key;
	json_t *v, *it;
	size_t i, k;

	if (doc == NULL)
		return api_fail(c, 415, NULL, "Send the %s as a JSON "
		    "object, with Content-Type: application/json.", what);
	if (!json_is_object(doc))
		return api_fail(c, 400, NULL, "The body must be a JSON "
		    "object.");
	json_object_foreach(doc, key, v) {
		for (i = 0; i < nfields; i++)
			if (strcmp(key, fields[i].name) == 0)
				break;
		if (i == nfields)
			return api_fail(c, 400, NULL, "Unknown field "
			    "\"%.64s\".", key);
		if (json_is_null(v) && fields[i].nullable)
			continue;
		if ((int)json_typeof(v) != fields[i].type)
			return api_fail(c, 400, NULL, "\"%s\" must be %s.", key,
			    fields[i].type == JSON_STRING ? "a string" :
			    fields[i].type == JSON_INTEGER ? "a whole number" :
			    "an array of strings");
		if (fields[i].type != JSON_ARRAY)
			continue;
		json_array_foreach(v, k, it)
			if (!json_is_string(it))
				return api_fail(c, 400, NULL, "\"%s\" must "
				    "be an array of strings.", key);
	}
	return ERR_OK;
}

void
api_as_user(const struct api_user *a, struct admin_user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = a->id;
	u->email = a->email;
	u->role = a->role;
}

int64_t
api_id_of(json_t *rows, const char *key, json_t *v)
{
	json_t *it;
	size_t i;

	json_array_foreach(rows, i, it)
		if (json_equal(json_object_get(it, key), v))
			return json_integer_value(json_object_get(it, "id"));
	return 0;
}

/* The strings of array a, in the arena; *n how many. */
static const char **
strings(struct arena *ar, json_t *a, size_t *n)
{
	const char **out;
	json_t *it;
	size_t i;

	*n = json_array_size(a);
	out = arena_alloc(ar, (*n + 1) * sizeof(*out));
	json_array_foreach(a, i, it)
		out[i] = arena_strdup(ar, json_string_value(it));
	return out;
}

/*
 * The input of a save: the edit record old (NULL for a new article)
 * with doc's fields over it.  References that name nothing become
 * problems, as the form's do.
 */
static enum err
input_of(struct api_call *c, json_t *old, json_t *doc,
    struct article_input *in, struct article_problems *p)
{
	struct arena *ar = c->r->arena;
	json_t *rows = NULL, *v, *it;
	const char **slugs;
	int64_t *ids;
	size_t i, n;
	enum err rc;

	memset(in, 0, sizeof(*in));
	in->title = in->slug = in->dek = in->body = "";
	if (old != NULL) {
		in->id = json_integer_value(json_object_get(old, "id"));
		in->title = view_str(old, "title");
		in->slug = view_str(old, "slug");
		in->dek = view_str(old, "dek");
		in->body = view_str(old, "body");
		in->section_id = json_integer_value(json_object_get(old,
		    "section_id"));
		in->issue_id = json_integer_value(json_object_get(old,
		    "issue_id"));
		(void)article_status_parse(view_str(old, "status"),
		    &in->status);
		n = json_array_size(json_object_get(old, "authors"));
		ids = arena_alloc(ar, (n + 1) * sizeof(*ids));
		json_array_foreach(json_object_get(old, "authors"), i, it)
			ids[i] = json_integer_value(json_object_get(it, "id"));
		in->authors = ids;
		in->nauthors = n;
		n = json_array_size(json_object_get(old, "tags"));
		slugs = arena_alloc(ar, (n + 1) * sizeof(*slugs));
		json_array_foreach(json_object_get(old, "tags"), i, it)
			slugs[i] = view_str(it, "name");
		in->tags = slugs;
		in->ntags = n;
		n = json_array_size(json_object_get(old, "countries"));
		slugs = arena_alloc(ar, (n + 1) * sizeof(*slugs));
		json_array_foreach(json_object_get(old, "countries"), i, it)
			slugs[i] = view_str(it, "code");
		in->countries = slugs;
		in->ncountries = n;
		in->correction = view_str(old, "correction");
		in->correction_kind = view_str(old, "correction_kind");
		in->correction_date = view_str(old, "correction_date");
	}
	if ((v = json_object_get(doc, "correction")) != NULL)
		in->correction = json_string_value(v);
	if ((v = json_object_get(doc, "correction_kind")) != NULL)
		in->correction_kind = json_string_value(v);
	if ((v = json_object_get(doc, "correction_date")) != NULL)
		in->correction_date = json_string_value(v);
	if ((v = json_object_get(doc, "title")) != NULL)
		in->title = json_string_value(v);
	if ((v = json_object_get(doc, "slug")) != NULL)
		in->slug = json_string_value(v);
	if ((v = json_object_get(doc, "dek")) != NULL)
		in->dek = json_string_value(v);
	if ((v = json_object_get(doc, "body")) != NULL)
		in->body = json_string_value(v);
	if ((v = json_object_get(doc, "version")) != NULL)
		in->version = json_integer_value(v);
	if ((v = json_object_get(doc, "status")) != NULL &&
	    article_status_parse(json_string_value(v), &in->status) !=
	    ERR_OK)
		article_problem(p, "status", "The status is draft, "
		    "scheduled or published.");
	if ((v = json_object_get(doc, "published_at")) != NULL &&
	    !json_is_null(v) && time_parse_iso(json_string_value(v),
	    &in->publish_at) != ERR_OK)
		article_problem(p, "published_at", "The time is an RFC 3339 "
		    "date and time, such as 2026-12-01T09:00:00Z.");
	if ((v = json_object_get(doc, "section")) != NULL) {
		if ((rc = store_sections_list(c->ctx->store, &rows)) != ERR_OK)
			return rc;
		if ((in->section_id = api_id_of(rows, "slug", v)) == 0)
			article_problem(p, "section", "No section has this "
			    "slug.");
		json_decref(rows);
	} else if (old == NULL)
		article_problem(p, "section", "Name the article's section.");
	if ((v = json_object_get(doc, "issue")) != NULL && json_is_null(v))
		in->issue_id = 0;
	else if (v != NULL) {
		if ((rc = store_issues_all(c->ctx->store, &rows)) != ERR_OK)
			return rc;
		if ((in->issue_id = api_id_of(rows, "number", v)) == 0)
			article_problem(p, "issue", "No issue has this "
			    "number.");
		json_decref(rows);
	}
	if ((v = json_object_get(doc, "authors")) != NULL) {
		if ((rc = store_people_list(c->ctx->store, 0, &rows)) != ERR_OK)
			return rc;
		n = json_array_size(v);
		ids = arena_alloc(ar, (n + 1) * sizeof(*ids));
		json_array_foreach(v, i, it)
			if ((ids[i] = api_id_of(rows, "slug", it)) == 0)
				article_problem(p, "authors", arena_printf(ar,
				    "No person has the slug \"%.64s\".",
				    json_string_value(it)));
		json_decref(rows);
		in->authors = ids;
		in->nauthors = n;
	}
	if ((v = json_object_get(doc, "tags")) != NULL)
		in->tags = strings(ar, v, &in->ntags);
	if ((v = json_object_get(doc, "countries")) != NULL)
		in->countries = strings(ar, v, &in->ncountries);
	return ERR_OK;
}

/* A 422 listing each field's problem. */
static enum err
refused(struct api_call *c, const struct article_problems *p)
{
	json_t *errs = json_array();
	size_t i;

	for (i = 0; i < p->n; i++)
		json_array_append_new(errs, json_pack("{s:s, s:s}", "field",
		    field_name(p->p[i].field), "detail", p->p[i].why));
	c->errors = errs;
	return api_fail(c, 422, NULL, "The article was not saved: %s",
	    p->n > 0 ? p->p[0].why : "it is not valid.");
}

/* The edit resource of article id, as u may see it. */
static enum err
send_edit(struct api_call *c, int64_t id, int status)
{
	json_t *row = NULL, *doc, *list, *it;
	size_t i;
	enum err rc;

	if ((rc = store_article_edit_get(c->ctx->store, id, &row)) != ERR_OK)
		return rc;
	doc = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s}",
	    "id", (json_int_t)id, "slug", view_str(row, "slug"), "title",
	    view_str(row, "title"), "dek", view_str(row, "dek"), "body",
	    view_str(row, "body"), "status", view_str(row, "status"),
	    "version", (json_int_t)json_integer_value(json_object_get(row,
	    "version")), "published_at", view_str(row, "published_at"),
	    "updated_at", view_str(row, "updated_at"));
	json_object_set_new(doc, "section", json_string(view_str(
	    json_object_get(row, "section"), "slug")));
	json_object_set_new(doc, "issue", json_object_get(row, "issue") ?
	    json_incref(json_object_get(json_object_get(row, "issue"),
	    "number")) : json_null());
	list = json_array();
	json_array_foreach(json_object_get(row, "authors"), i, it)
		json_array_append_new(list, json_string(view_str(it, "slug")));
	json_object_set_new(doc, "authors", list);
	list = json_array();
	json_array_foreach(json_object_get(row, "tags"), i, it)
		json_array_append_new(list, json_string(view_str(it, "name")));
	json_object_set_new(doc, "tags", list);
	list = json_array();
	json_array_foreach(json_object_get(row, "countries"), i, it)
		json_array_append_new(list, json_string(view_str(it, "code")));
	json_object_set_new(doc, "countries", list);
	view_copy(doc, "correction", row, "correction");
	view_copy(doc, "correction_kind", row, "correction_kind");
	view_copy(doc, "correction_date", row, "correction_date");
	json_object_set_new(doc, "url", json_string(api_slug_url(c,
	    "/articles/", view_str(row, "slug"))));
	json_object_set_new(doc, "api_url", json_string(api_slug_url(c,
	    API_ROOT "/articles/", view_str(row, "slug"))));
	json_object_set_new(doc, "edit_url", json_string(arena_printf(
	    c->r->arena, "%s/edit", view_str(doc, "api_url"))));
	c->resp->cache_control = "no-store";
	if (status == 201)
		(void)resp_header_add(c->resp, c->r->arena, "Location",
		    view_str(doc, "edit_url"));
	json_decref(row);
	rc = api_send(c, doc);
	if (rc == ERR_OK)
		c->resp->status = status;
	return rc;
}

/* The article the route's slug names (now or before a rename). */
static enum err
article_of(struct api_call *c, const struct admin_user *u, json_t **row)
{
	int64_t id = 0;
	enum err rc;

	*row = NULL;
	if ((rc = store_article_slug_owner(c->ctx->store, c->r->args[0],
	    &id)) != ERR_OK)
		return rc;
	if (id == 0 || (rc = store_article_edit_get(c->ctx->store, id,
	    row)) == ERR_NOTFOUND)
		return api_fail(c, 404, NULL, "There is no article '%s'.",
		    c->r->args[0]);
	if (rc != ERR_OK)
		return rc;
	if (!article_may_edit(u, *row)) {
		json_decref(*row);
		*row = NULL;
		return api_fail(c, 403, NULL, "An author may change only "
		    "their own drafts.");
	}
	return ERR_OK;
}

/*
 * What the endpoints of one article start with: the caller, with at
 * least role need, as *u, and the article the route names as *row
 * (the caller's to free), which u may change.
 */
static enum err
one_begin(struct api_call *c, enum role need, struct admin_user *u,
    json_t **row)
{
	struct api_user a;
	enum err rc;

	*row = NULL;
	if ((rc = api_authorize(c, need, &a)) != ERR_OK)
		return rc;
	api_as_user(&a, u);
	return article_of(c, u, row);
}

/* Save in (made from the body) as the token's user; answer status. */
static enum err
save(struct api_call *c, const struct admin_user *u,
    struct article_input *in, struct article_problems *p, int status)
{
	int64_t id = 0, version = 0;
	enum err rc;

	if (p->n > 0)
		return refused(c, p);
	rc = article_save(c->ctx, c->r, u, in, NULL, site_now(c->ctx->site),
	    p, &id, &version);
	switch (rc) {
	case ERR_OK:
		return send_edit(c, id, status);
	case ERR_INVAL:
		return refused(c, p);
	case ERR_AUTH:
		return api_fail(c, 403, NULL, "An author writes drafts only, "
		    "and changes only their own; an editor publishes.");
	case ERR_CONFLICT:
		return api_fail(c, 409, "version", "The article was changed "
		    "since version %lld: get it again, and apply the change "
		    "to what it is now.", (long long)in->version);
	case ERR_NOTFOUND:
		return api_fail(c, 404, NULL, "The article is gone.");
	default:
		return rc;
	}
}

static enum err
create(struct api_call *c)
{
	struct api_user a;
	struct admin_user u;
	struct article_input in;
	struct article_problems p = { 0 };
	enum err rc;

	if ((rc = api_authorize(c, ROLE_AUTHOR, &a)) != ERR_OK ||
	    (rc = article_body_check(c, c->r->json)) != ERR_OK)
		return rc;
	api_as_user(&a, &u);
	/* No status: a draft. */
	if ((rc = input_of(c, NULL, c->r->json, &in, &p)) != ERR_OK)
		return rc;
	return save(c, &u, &in, &p, 201);
}

static enum err
article_source(struct api_call *c)
{
	struct admin_user u;
	json_t *row;
	int64_t id;
	enum err rc;

	if ((rc = one_begin(c, ROLE_AUTHOR, &u, &row)) != ERR_OK)
		return rc;
	id = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	return send_edit(c, id, 200);
}

static enum err
update(struct api_call *c)
{
	struct admin_user u;
	struct article_input in;
	struct article_problems p = { 0 };
	json_t *row;
	enum err rc;

	if ((rc = one_begin(c, ROLE_AUTHOR, &u, &row)) != ERR_OK)
		return rc;
	if ((rc = article_body_check(c, c->r->json)) != ERR_OK)
		goto out;
	if (json_object_get(c->r->json, "version") == NULL) {
		rc = api_fail(c, 428, "version", "Name the version the "
		    "change was made from (\"version\", from the article's "
		    "edit resource), so that another save is not undone.");
		goto out;
	}
	if ((rc = input_of(c, row, c->r->json, &in, &p)) == ERR_OK)
		rc = save(c, &u, &in, &p, 200);
out:
	json_decref(row);
	return rc;
}

static enum err
delete(struct api_call *c)
{
	struct admin_user u;
	json_t *row;
	int64_t id;
	enum err rc;

	if ((rc = one_begin(c, ROLE_EDITOR, &u, &row)) != ERR_OK)
		return rc;
	id = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	if ((rc = article_delete(c->ctx, c->r, &u, id)) == ERR_NOTFOUND)
		return api_fail(c, 404, NULL, "The article is gone.");
	if (rc != ERR_OK)
		return rc;
	return api_send_deleted(c);
}

enum err
api_article_create(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, create);
}

enum err
api_article_edit(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, article_source);
}

enum err
api_article_update(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, update);
}

enum err
api_article_delete(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, delete);
}
