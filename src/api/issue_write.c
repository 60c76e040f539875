/*
 * issue_write: the API's issue writes, for editors' tokens, through the
 * back office's own functions (issue_save.c: issue_check, issue_save,
 * issue_publish, issue_delete: the same checks, transaction and audit
 * entry as the issue screens).
 *
 *	POST   /api/v1/issues				a new draft (201)
 *	PATCH  /api/v1/issues/{number}			change some fields
 *	POST   /api/v1/issues/{number}/publish		with its articles
 *	POST   /api/v1/issues/{number}/unpublish	with its articles
 *	DELETE /api/v1/issues/{number}			an empty one (204)
 *
 * Bodies are JSON objects: number, volume (whole numbers), date
 * ("YYYY-MM-DD"), title, note (Markdown) and cover (a URL or /media/
 * path).  Issues carry no version, so a PATCH is not checked against
 * another save (the last one wins): unlike an article's, an issue's
 * fields are few and short, and its status changes only through
 * publish and unpublish.  A field of the wrong type or an unknown one
 * is a 400; what the issue's rules refuse is a 422 listing each field's
 * problem; a number another issue has is a 409, and so is deleting an
 * issue that holds articles.  Answers are the issue's write resource:
 * its fields and status, any status.
 */
#include <string.h>

#include "api.h"

static const struct api_field issue_fields[] = {
	{ "number", JSON_INTEGER, 0 },
	{ "volume", JSON_INTEGER, 0 },
	{ "date", JSON_STRING, 0 },
	{ "title", JSON_STRING, 0 },
	{ "note", JSON_STRING, 0 },
	{ "cover", JSON_STRING, 0 },
};

/* The fields' labels in the check's messages (issue_check's form). */
static const char *const issue_labels[][2] = {
	{ "number", "Number" }, { "volume", "Volume" }, { "date", "Date" },
	{ "title", "Title" }, { "note", "Editor's note" },
	{ "cover", "Cover" },
};

/* The caller, an editor or more, as the back office's user. */
static enum err
editor_of(struct api_call *c, struct admin_user *u)
{
	struct api_user a;
	enum err rc;

	if ((rc = api_authorize(c, ROLE_EDITOR, &a)) == ERR_OK)
		api_as_user(&a, u);
	return rc;
}

/* The route's issue, any status, as *row (the caller's to free). */
static enum err
issue_of(struct api_call *c, json_t **row)
{
	const char *arg = c->r->args[0];
	json_t *rows = NULL, *num;
	long long n;
	int64_t id = 0;
	enum err rc;

	*row = NULL;
	if (api_parse_number(arg, 1, INT32_MAX, &n) != ERR_OK)
		return api_fail(c, 404, NULL, "There is no issue '%s': issue "
		    "numbers are whole numbers without a leading zero.", arg);
	if ((rc = store_issues_all(c->ctx->store, &rows)) != ERR_OK)
		return rc;
	num = json_integer((json_int_t)n);
	id = api_id_of(rows, "number", num);
	json_decref(num);
	json_decref(rows);
	if (id == 0 || (rc = store_issue_by_id(c->ctx->store, id, row)) ==
	    ERR_NOTFOUND)
		return api_fail(c, 404, NULL, "There is no issue %lld.", n);
	return rc;
}

/* The issue's write resource, id, with status (201 with Location). */
static enum err
send_issue(struct api_call *c, int64_t id, int status, long changed)
{
	json_t *row = NULL, *doc;
	enum err rc;

	if ((rc = store_issue_by_id(c->ctx->store, id, &row)) != ERR_OK)
		return rc;
	doc = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id",
	    (json_int_t)id, "number", json_integer_value(json_object_get(row,
	    "number")), "volume", json_integer_value(json_object_get(row,
	    "volume")), "date", view_str(row, "date"), "title", view_str(row,
	    "title"), "note", view_str(row, "note"), "cover", view_str(row,
	    "cover"), "status", view_str(row, "status"));
	json_object_set_new(doc, "api_url", json_string(arena_printf(
	    c->r->arena, "%s" API_ROOT "/issues/%lld", c->base, (long long)
	    json_integer_value(json_object_get(row, "number")))));
	if (changed >= 0)
		json_object_set_new(doc, "articles_changed",
		    json_integer(changed));
	json_decref(row);
	c->resp->cache_control = "no-store";
	if (status == 201)
		(void)resp_header_add(c->resp, c->r->arena, "Location",
		    view_str(doc, "api_url"));
	rc = api_send(c, doc);
	if (rc == ERR_OK)
		c->resp->status = status;
	return rc;
}

/* The field a message of issue_check's form is about ("f-date"). */
static const char *
field_of(json_t *err)
{
	const char *id = view_str(err, "id");

	return strncmp(id, "f-", 2) == 0 ? id + 2 : id;
}

/* A whole number of the body as issue_check reads it, typed. */
static const char *
typed_number(struct api_call *c, json_t *v, const char *old)
{
	return v != NULL ? arena_printf(c->r->arena, "%lld", (long long)
	    json_integer_value(v)) : old;
}

/*
 * The issue old (NULL: a new one) with doc's fields over it, checked by
 * issue_check into *is; a 422 listing each field's problem if wrong.
 */
static enum err
issue_input(struct api_call *c, json_t *old, json_t *doc,
    struct store_issue *is)
{
	struct issue_typed t;
	json_t *form = form_new(), *errs, *it;
	const char *s;
	size_t i;
	enum err rc = ERR_OK;

	memset(&t, 0, sizeof(t));
	t.number = old != NULL ? arena_printf(c->r->arena, "%lld",
	    (long long)json_integer_value(json_object_get(old, "number"))) :
	    "";
	t.volume = old != NULL ? arena_printf(c->r->arena, "%lld",
	    (long long)json_integer_value(json_object_get(old, "volume"))) :
	    "";
	t.date = old != NULL ? view_str(old, "date") : "";
	t.title = old != NULL ? view_str(old, "title") : "";
	t.note = old != NULL ? view_str(old, "note") : "";
	t.cover = old != NULL ? view_str(old, "cover") : "";
	t.number = typed_number(c, json_object_get(doc, "number"), t.number);
	t.volume = typed_number(c, json_object_get(doc, "volume"), t.volume);
	if ((s = json_string_value(json_object_get(doc, "date"))) != NULL)
		t.date = s;
	if ((s = json_string_value(json_object_get(doc, "title"))) != NULL)
		t.title = s;
	if ((s = json_string_value(json_object_get(doc, "note"))) != NULL)
		t.note = s;
	if ((s = json_string_value(json_object_get(doc, "cover"))) != NULL)
		t.cover = s;
	for (i = 0; i < nitems(issue_labels); i++)
		form_field(form, issue_labels[i][0], issue_labels[i][1],
		    "text", "", NULL, "off", 0);
	memset(is, 0, sizeof(*is));
	if (old != NULL) {
		is->id = json_integer_value(json_object_get(old, "id"));
		is->status = view_str(old, "status");
	}
	if (!issue_check(c->r, form, &t, is)) {
		errs = json_array();
		json_array_foreach(json_object_get(form, "errors"), i, it)
			json_array_append_new(errs, json_pack("{s:s, s:s}",
			    "field", field_of(it), "detail", view_str(it,
			    "error")));
		c->errors = errs;
		rc = api_fail(c, 422, NULL, "The issue was not saved: %s",
		    view_str(json_array_get(errs, 0), "detail"));
	}
	json_decref(form);
	return rc;
}

/* Save is as the caller; answer status with the issue. */
static enum err
save(struct api_call *c, const struct admin_user *u,
    const struct store_issue *is, int status)
{
	int64_t id = 0;
	enum err rc;

	switch ((rc = issue_save(c->ctx, c->r, u, is, &id))) {
	case ERR_OK:
		return send_issue(c, is->id != 0 ? is->id : id, status, -1);
	case ERR_CONFLICT:
		return api_fail(c, 409, NULL, "Another issue has number %ld.",
		    is->number);
	case ERR_NOTFOUND:
		return api_fail(c, 404, NULL, "The issue is gone.");
	default:
		return rc;
	}
}

static enum err
create(struct api_call *c)
{
	struct admin_user u;
	struct store_issue is;
	enum err rc;

	if ((rc = editor_of(c, &u)) != ERR_OK ||
	    (rc = api_body_check(c, c->r->json, "issue", issue_fields,
	    nitems(issue_fields))) != ERR_OK ||
	    (rc = issue_input(c, NULL, c->r->json, &is)) != ERR_OK)
		return rc;
	return save(c, &u, &is, 201);
}

static enum err
update(struct api_call *c)
{
	struct admin_user u;
	struct store_issue is;
	json_t *row = NULL;
	enum err rc;

	if ((rc = editor_of(c, &u)) != ERR_OK ||
	    (rc = issue_of(c, &row)) != ERR_OK)
		return rc;
	if ((rc = api_body_check(c, c->r->json, "issue", issue_fields,
	    nitems(issue_fields))) == ERR_OK &&
	    (rc = issue_input(c, row, c->r->json, &is)) == ERR_OK)
		rc = save(c, &u, &is, 200);
	json_decref(row);
	return rc;
}

/* Publish (1) or unpublish (0) the route's issue with its articles. */
static enum err
publish(struct api_call *c, int on)
{
	struct admin_user u;
	json_t *row = NULL;
	int64_t id;
	long n = 0;
	enum err rc;

	if ((rc = editor_of(c, &u)) != ERR_OK ||
	    (rc = issue_of(c, &row)) != ERR_OK)
		return rc;
	id = json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	if ((rc = issue_publish(c->ctx, c->r, &u, id, on, &n)) ==
	    ERR_NOTFOUND)
		return api_fail(c, 404, NULL, "The issue is gone.");
	if (rc != ERR_OK)
		return rc;
	return send_issue(c, id, 200, n);
}

static enum err
publish_on(struct api_call *c)
{
	return publish(c, 1);
}

static enum err
publish_off(struct api_call *c)
{
	return publish(c, 0);
}

static enum err
delete(struct api_call *c)
{
	struct admin_user u;
	json_t *row = NULL;
	long number;
	enum err rc;

	if ((rc = editor_of(c, &u)) != ERR_OK ||
	    (rc = issue_of(c, &row)) != ERR_OK)
		return rc;
	number = (long)json_integer_value(json_object_get(row, "number"));
	rc = issue_delete(c->ctx, c->r, &u, json_integer_value(
	    json_object_get(row, "id")), number);
	json_decref(row);
	if (rc == ERR_CONFLICT)
		return api_fail(c, 409, NULL, "Issue %ld holds articles: "
		    "remove them from it first.", number);
	if (rc == ERR_NOTFOUND)
		return api_fail(c, 404, NULL, "The issue is gone.");
	if (rc != ERR_OK)
		return rc;
	return api_send_deleted(c);
}

enum err
api_issue_create(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, create);
}

enum err
api_issue_update(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, update);
}

enum err
api_issue_publish(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, publish_on);
}

enum err
api_issue_unpublish(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, publish_off);
}

enum err
api_issue_delete(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, delete);
}
