/*
 * media: the API's media library, for tokens: the same uploads as the
 * back office's library (media_save.c: recognised by their content,
 * stored under a random name, recorded with an audit entry, all or
 * nothing), and the same roles: every role lists and uploads, editors
 * delete.
 *
 *	GET    /api/v1/media		newest first, paginated
 *	POST   /api/v1/media		multipart/form-data: file, alt (201)
 *	DELETE /api/v1/media/{id}	editors (204)
 *
 * An upload past the size limit is a 413, a file that is no JPEG, PNG,
 * WebP, GIF or PDF (whatever its name) a 415, a form without a file or
 * with a bad alt text a 422; nothing is stored for any of them.
 */
#include <string.h>

#include "api.h"

/* One file's resource, from its media record. */
static json_t *
media_resource(struct api_call *c, json_t *row)
{
	char at[TIME_ISO_LEN];
	json_t *o;

	time_iso(json_integer_value(json_object_get(row, "created_at")),
	    TIME_ISO_SECONDS, at);
	o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s}", "id",
	    json_integer_value(json_object_get(row, "id")), "url",
	    arena_printf(c->r->arena, "%s/media/%s", c->base, view_str(row,
	    "name")), "filename", view_str(row, "filename"), "type",
	    view_str(row, "type"), "size", json_integer_value(
	    json_object_get(row, "size")), "alt", view_str(row, "alt"),
	    "created_at", at);
	json_object_set_new(o, "width", json_integer_value(json_object_get(
	    row, "width")) > 0 ? json_incref(json_object_get(row, "width")) :
	    json_null());
	json_object_set_new(o, "height", json_integer_value(json_object_get(
	    row, "height")) > 0 ? json_incref(json_object_get(row,
	    "height")) : json_null());
	return o;
}

static enum err
list(struct api_call *c)
{
	struct api_user a;
	json_t *rows = NULL;
	long total = 0;
	enum err rc;

	if ((rc = api_authorize(c, ROLE_AUTHOR, &a)) != ERR_OK)
		return rc;
	if ((rc = store_media_list(c->ctx->store, c->per_page, (c->page - 1) *
	    c->per_page, &rows, &total)) != ERR_OK)
		return rc;
	rc = api_send_list(c, api_map(c, rows, media_resource), total);
	json_decref(rows);
	c->resp->cache_control = "no-store";
	return rc;
}

static enum err
upload(struct api_call *c)
{
	struct api_user a;
	struct admin_user u;
	const struct upload *up;
	const char *alt = req_form(c->r, "alt");
	json_t *row = NULL, *doc;
	int64_t id = 0;
	enum err rc;

	if ((rc = api_authorize(c, ROLE_AUTHOR, &a)) != ERR_OK)
		return rc;
	api_as_user(&a, &u);
	alt = alt != NULL ? alt : "";
	if ((up = req_upload(c->r, "file")) == NULL)
		return api_fail(c, 422, "file", "Send the file as the form "
		    "field \"file\" of a multipart/form-data body.");
	if (strlen(alt) > LIMIT_MEDIA_ALT || strpbrk(alt, "\r\n\t") != NULL)
		return api_fail(c, 422, "alt", "Write the alt text on one "
		    "line of at most %d characters.", LIMIT_MEDIA_ALT);
	switch ((rc = media_upload(c->ctx, c->r, &u, up, alt, &id))) {
	case ERR_OK:
		break;
	case ERR_LIMIT:
		return api_fail(c, 413, "file", "The file is larger than the "
		    "limit of %zu bytes.", c->ctx->site->upload_max);
	case ERR_MEDIA:
		return api_fail(c, 415, "file", "%s", MEDIA_REFUSED);
	case ERR_PARSE:
		return api_fail(c, 415, "file", "%s", MEDIA_DAMAGED);
	default:
		return rc;
	}
	if ((rc = store_media_get(c->ctx->store, id, NULL, &row)) != ERR_OK)
		return rc;
	doc = media_resource(c, row);
	json_decref(row);
	c->resp->cache_control = "no-store";
	(void)resp_header_add(c->resp, c->r->arena, "Location",
	    view_str(doc, "url"));
	if ((rc = api_send(c, doc)) == ERR_OK)
		c->resp->status = 201;
	return rc;
}

static enum err
delete(struct api_call *c)
{
	struct api_user a;
	struct admin_user u;
	json_t *row = NULL;
	long long id;
	enum err rc;

	if ((rc = api_authorize(c, ROLE_EDITOR, &a)) != ERR_OK)
		return rc;
	api_as_user(&a, &u);
	if (api_parse_number(c->r->args[0], 1, INT64_MAX, &id) != ERR_OK ||
	    (rc = store_media_get(c->ctx->store, id, NULL, &row)) ==
	    ERR_NOTFOUND)
		return api_fail(c, 404, NULL, "There is no file %s.",
		    c->r->args[0]);
	if (rc != ERR_OK)
		return rc;
	rc = media_delete(c->ctx, c->r, &u, row);
	json_decref(row);
	if (rc == ERR_NOTFOUND)
		return api_fail(c, 404, NULL, "The file is gone.");
	if (rc != ERR_OK)
		return rc;
	return api_send_deleted(c);
}

enum err
api_media_list(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, list);
}

enum err
api_media_upload(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, upload);
}

enum err
api_media_delete(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, delete);
}
