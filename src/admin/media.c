/*
 * media: /admin/media, the media library.  Upload an image (JPEG, PNG,
 * WebP, GIF) or a PDF, recognised by its content (media_check), stored
 * under a random name (media_place) and then recorded with its audit
 * entry in one transaction; a failure after the file is placed removes
 * it, so a refused or failed upload leaves neither file nor row.  The
 * library lists uploads newest first, each with its address to copy and
 * where it is used; a file's page edits its alt text and leads to its
 * deletion, which removes the file once the row's deletion committed.
 *
 * Who may do what: every role sees the library and uploads (authors
 * need pictures for their own drafts); editors and administrators edit
 * any file's alt text and delete files; an author edits the alt text of
 * the files they uploaded themselves.
 */
#include <string.h>

#include "admin.h"

/* Where a use of a file is edited, by the store's kind of use. */
static const struct {
	const char	*kind;
	const char	*label;
	const char	*url;
	int		 by_id;		/* url is followed by the id */
} use_kinds[] = {
	{ "article", "Article", "/admin/articles/", 1 },
	{ "person", "Person", "/admin/people/", 1 },
	{ "publication", "Publication", "/admin/publications/", 1 },
	{ "link", "Partner link", "/admin/links/", 1 },
	{ "event", "Event", "/admin/events/", 1 },
	{ "setting", "Setting", "/admin/settings", 0 },
};

/* "12 KB", "3.4 MB": a size for people. */
static const char *
size_text(struct arena *a, int64_t n)
{
	if (n < 1024)
		return arena_printf(a, "%lld bytes", (long long)n);
	if (n < 1024 * 1024)
		return arena_printf(a, "%lld KB", (long long)(n + 512) / 1024);
	if (n % (1024 * 1024) == 0)
		return arena_printf(a, "%lld MB", (long long)n / (1024 * 1024));
	return arena_printf(a, "%.1f MB", (double)n / (1024 * 1024));
}

/* "PNG image": a media type for people. */
static const char *
kind_text(const char *type)
{
	static const struct {
		const char	*type;
		const char	*text;
	} kinds[] = {
		{ "image/jpeg", "JPEG image" },
		{ "image/png", "PNG image" },
		{ "image/gif", "GIF image" },
		{ "image/webp", "WebP image" },
		{ "application/pdf", "PDF document" },
	};
	size_t i;

	for (i = 0; i < nitems(kinds); i++)
		if (strcmp(type, kinds[i].type) == 0)
			return kinds[i].text;
	return type;
}

static int64_t
row_int(json_t *row, const char *key)
{
	return json_integer_value(json_object_get(row, key));
}

/* The uses of one file from the store's usage rows, as the view's. */
static json_t *
uses_of(struct arena *a, json_t *usage, const char *name)
{
	json_t *list = json_array(), *it;
	const char *url;
	size_t i, k;

	json_array_foreach(usage, i, it) {
		if (strcmp(view_str(it, "name"), name) != 0)
			continue;
		for (k = 0; k < nitems(use_kinds); k++)
			if (strcmp(view_str(it, "kind"), use_kinds[k].kind) ==
			    0)
				break;
		if (k == nitems(use_kinds))
			continue;
		url = use_kinds[k].by_id ? arena_printf(a, "%s%lld",
		    use_kinds[k].url, (long long)row_int(it, "id")) :
		    use_kinds[k].url;
		json_array_append_new(list, json_pack("{s:s, s:s, s:s}",
		    "kind", use_kinds[k].label, "title", view_str(it,
		    "title"), "url", url));
	}
	return list;
}

/* A media row as the templates show it (see admin-media.mustache). */
static json_t *
media_view(struct req *r, json_t *row, json_t *usage)
{
	const char *name = view_str(row, "name"), *type = view_str(row,
	    "type");
	int64_t w = row_int(row, "width"), h = row_int(row, "height");
	json_t *o = json_object(), *uses = uses_of(r->arena, usage, name);

	json_object_set_new(o, "id", json_integer(row_int(row, "id")));
	json_object_set_new(o, "url", json_string(arena_printf(r->arena,
	    "/admin/media/%lld", (long long)row_int(row, "id"))));
	json_object_set_new(o, "src", json_string(arena_printf(r->arena,
	    "/media/%s", name)));
	view_copy(o, "name", row, "name");
	json_object_set_new(o, "filename", json_string(*view_str(row,
	    "filename") != '\0' ? view_str(row, "filename") : name));
	view_copy(o, "alt", row, "alt");
	view_copy(o, "type", row, "type");
	json_object_set_new(o, "image", json_boolean(strncmp(type, "image/",
	    6) == 0));
	json_object_set_new(o, "kind", json_string(kind_text(type)));
	json_object_set_new(o, "size", json_string(size_text(r->arena,
	    row_int(row, "size"))));
	json_object_set_new(o, "width", json_integer(w));
	json_object_set_new(o, "height", json_integer(h));
	json_object_set_new(o, "dimensions", json_string(w > 0 ?
	    arena_printf(r->arena, "%lld × %lld px", (long long)w,
	    (long long)h) : ""));
	json_object_set_new(o, "uploader", json_string(*view_str(row,
	    "uploader") != '\0' ? view_str(row, "uploader") :
	    "a removed account"));
	json_object_set_new(o, "uploaded", json_string(admin_time(r->arena,
	    row_int(row, "created_at"))));
	json_object_set_new(o, "used", json_boolean(json_array_size(uses) >
	    0));
	json_object_set_new(o, "uses_count", json_integer((json_int_t)
	    json_array_size(uses)));
	json_object_set_new(o, "one_use", json_boolean(json_array_size(uses) ==
	    1));
	json_object_set_new(o, "uses", uses);
	return o;
}

/* The usage rows of the files of rows. */
static enum err
usage_of(struct ctx *ctx, json_t *rows, json_t **usage)
{
	json_t *names = json_array(), *it;
	size_t i;
	enum err rc;

	json_array_foreach(rows, i, it)
		json_array_append(names, json_object_get(it, "name"));
	rc = store_media_usage(ctx->store, names, usage);
	json_decref(names);
	return rc;
}

static json_t *
upload_form(const char *alt)
{
	json_t *f = form_new();

	form_field(f, "alt", "Alt text", "text", alt, "What the picture "
	    "shows, for readers who cannot see it. Leave it empty for a "
	    "PDF.", "off", 0);
	json_object_set_new(f, "file_error", json_string(""));
	return f;
}

/* The library page with the upload form (taken), answered as status. */
static enum err
library_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, long page, json_t *form)
{
	json_t *v, *rows = NULL, *usage = NULL, *list, *it, *lib;
	long total = 0;
	size_t i;
	enum err rc;

	if ((rc = store_media_list(ctx->store, PER_PAGE, (page - 1) *
	    PER_PAGE, &rows, &total)) != ERR_OK ||
	    (rc = usage_of(ctx, rows, &usage)) != ERR_OK)
		goto out;
	if (view_page_past(page, &rows)) {
		rc = ERR_NOTFOUND;
		goto out;
	}
	list = json_array();
	json_array_foreach(rows, i, it)
		json_array_append_new(list, media_view(r, it, usage));
	lib = json_object();
	json_object_set_new(lib, "items", list);
	json_object_set_new(lib, "empty", json_boolean(total == 0));
	json_object_set_new(lib, "total", json_integer(total));
	json_object_set_new(lib, "limit", json_string(size_text(r->arena,
	    (int64_t)ctx->site->upload_max)));
	json_object_set_new(lib, "upload", form);
	form = NULL;
	v = admin_view(ctx, r, u, "Media", "/admin/media");
	json_object_set_new(v, "library", lib);
	json_object_set_new(v, "pagination", view_pagination(r->arena,
	    "/admin/media", page, total));
	rc = admin_render(ctx, r, resp, status, "admin-media", v);
out:
	json_decref(form);
	json_decref(rows);
	json_decref(usage);
	return rc;
}

enum err
admin_media(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	long page;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) !=
	    ERR_OK || !go)
		return rc;
	if ((rc = view_page_number(r, resp, "/admin/media", &page)) !=
	    ERR_OK || page == 0)
		return rc;
	return library_page(ctx, r, resp, &u, 200, page, upload_form(""));
}

/* Why an upload was refused, beside the file field, as status. */
static enum err
upload_refused(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, const char *alt,
    const char *why)
{
	json_t *form = upload_form(alt);

	json_object_set_new(form, "file_error", json_string(why));
	json_array_append_new(json_object_get(form, "errors"), json_pack(
	    "{s:s, s:s, s:s}", "id", "f-file", "label", "File", "error",
	    why));
	json_object_set_new(form, "has_errors", json_true());
	return library_page(ctx, r, resp, u, status, 1, form);
}

enum err
admin_media_upload(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	const struct upload *up;
	const char *alt = req_form(r, "alt");
	int64_t id;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) !=
	    ERR_OK || !go)
		return rc;
	alt = alt != NULL ? alt : "";
	if ((up = req_upload(r, "file")) == NULL)
		return upload_refused(ctx, r, resp, &u, 422, alt,
		    "Choose a file to upload.");
	switch ((rc = media_upload(ctx, r, &u, up, alt, &id))) {
	case ERR_OK:
		break;
	case ERR_LIMIT:
		return upload_refused(ctx, r, resp, &u, 413, alt,
		    arena_printf(r->arena, "The file is larger than the "
		    "limit of %s.", size_text(r->arena,
		    (int64_t)ctx->site->upload_max)));
	case ERR_MEDIA:
		return upload_refused(ctx, r, resp, &u, 415, alt,
		    MEDIA_REFUSED);
	case ERR_PARSE:
		return upload_refused(ctx, r, resp, &u, 415, alt,
		    MEDIA_DAMAGED);
	default:
		return rc;
	}
	admin_redirect(r, resp, arena_printf(r->arena,
	    "/admin/media/%lld?done=uploaded", (long long)id));
	return ERR_OK;
}

/*
 * admin_begin for a page of the :id file: *row (caller releases) when
 * *go; ERR_NOTFOUND when there is no such file.
 */
static enum err
media_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    enum role need, struct admin_user *u, json_t **row, int *go)
{
	int64_t id;
	enum err rc;

	*row = NULL;
	if ((rc = admin_begin(ctx, r, resp, need, u, go)) != ERR_OK || !*go)
		return rc;
	if (admin_arg_id(r, &id) != ERR_OK)
		return ERR_NOTFOUND;
	return store_media_get(ctx->store, id, NULL, row);
}

/* The usage rows of the one file row. */
static enum err
usage_one(struct ctx *ctx, json_t *row, json_t **usage)
{
	json_t *one = json_pack("[O]", row);
	enum err rc = usage_of(ctx, one, usage);

	json_decref(one);
	return rc;
}

/* 1 if u may change the alt text of the file row. */
static int
may_edit(const struct admin_user *u, json_t *row)
{
	return u->role >= ROLE_EDITOR || row_int(row, "user_id") == u->id;
}

/* The file's page, with its alt form (taken; NULL: a fresh one). */
static enum err
item_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *row, json_t *form)
{
	json_t *v, *usage = NULL, *o;
	enum err rc;

	if ((rc = usage_one(ctx, row, &usage)) != ERR_OK) {
		json_decref(form);
		return rc;
	}
	o = media_view(r, row, usage);
	json_decref(usage);
	if (form == NULL) {
		form = form_new();
		form_field(form, "alt", "Alt text", "text", view_str(row,
		    "alt"), "What the picture shows, for readers who cannot "
		    "see it.", "off", 0);
	}
	json_object_set_new(o, "alt_form", form);
	json_object_set_new(o, "may_edit", json_boolean(may_edit(u, row)));
	json_object_set_new(o, "may_delete", json_boolean(u->role >=
	    ROLE_EDITOR));
	v = admin_view(ctx, r, u, *view_str(row, "filename") != '\0' ?
	    view_str(row, "filename") : "A file", "/admin/media");
	json_object_set_new(v, "media", o);
	return admin_render(ctx, r, resp, status, "admin-media-item", v);
}

enum err
admin_media_item(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *row = NULL;
	enum err rc;
	int go;

	if ((rc = media_begin(ctx, r, resp, ROLE_AUTHOR, &u, &row, &go)) !=
	    ERR_OK || !go)
		return rc;
	rc = item_page(ctx, r, resp, &u, 200, row, NULL);
	json_decref(row);
	return rc;
}

enum err
admin_media_alt(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	const char *alt = req_form(r, "alt");
	json_t *row = NULL, *form;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = media_begin(ctx, r, resp, ROLE_AUTHOR, &u, &row, &go)) !=
	    ERR_OK || !go)
		return rc;
	id = row_int(row, "id");
	if (!may_edit(&u, row)) {
		json_decref(row);
		return admin_message(ctx, r, resp, &u, 403, "Not allowed",
		    "Only editors, administrators and the person who "
		    "uploaded a file may change its alt text.");
	}
	alt = alt != NULL ? alt : "";
	if (strlen(alt) > LIMIT_MEDIA_ALT || strpbrk(alt, "\r\n\t") !=
	    NULL) {
		form = form_new();
		form_field(form, "alt", "Alt text", "text", alt, NULL, "off",
		    0);
		form_error(form, "alt", arena_printf(r->arena, "Write the "
		    "alt text on one line of at most %d characters.",
		    LIMIT_MEDIA_ALT));
		rc = item_page(ctx, r, resp, &u, 422, row, form);
		json_decref(row);
		return rc;
	}
	json_decref(row);
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if ((rc = store_media_alt_set(ctx->store, id, alt)) != ERR_OK ||
	    (rc = admin_audit(ctx, r, &u, NULL, "media alt text",
	    arena_printf(r->arena, "%lld", (long long)id))) != ERR_OK ||
	    (rc = store_commit(ctx->store)) != ERR_OK) {
		store_rollback(ctx->store);
		return rc;
	}
	admin_redirect(r, resp, arena_printf(r->arena,
	    "/admin/media/%lld?done=alt", (long long)id));
	return ERR_OK;
}

enum err
admin_media_delete_ask(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *row = NULL, *usage = NULL, *v;
	size_t n;
	enum err rc;
	int go;

	if ((rc = media_begin(ctx, r, resp, ROLE_EDITOR, &u, &row, &go)) !=
	    ERR_OK || !go)
		return rc;
	if ((rc = usage_one(ctx, row, &usage)) != ERR_OK) {
		json_decref(row);
		return rc;
	}
	n = json_array_size(usage);
	json_decref(usage);
	v = admin_view(ctx, r, &u, "Delete a file", "/admin/media");
	json_object_set_new(v, "confirm", json_pack("{s:s, s:s, s:s, s:s, "
	    "s:s}", "title", arena_printf(r->arena, "Delete %s?",
	    *view_str(row, "filename") != '\0' ? view_str(row, "filename") :
	    view_str(row, "name")), "text", n > 0 ? arena_printf(r->arena,
	    "It is still used in %zu %s: %s will show a broken link. The "
	    "file cannot be brought back.", n, n == 1 ? "place" : "places",
	    n == 1 ? "that place" : "those places") : "It is not used "
	    "anywhere on the site. The file cannot be brought back.",
	    "action", arena_printf(r->arena, "/admin/media/%lld/delete",
	    (long long)row_int(row, "id")), "button", "Delete the file",
	    "cancel_url", arena_printf(r->arena, "/admin/media/%lld",
	    (long long)row_int(row, "id"))));
	json_decref(row);
	return admin_render(ctx, r, resp, 200, "admin-confirm", v);
}

enum err
admin_media_delete(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *row = NULL;
	enum err rc;
	int go;

	if ((rc = media_begin(ctx, r, resp, ROLE_EDITOR, &u, &row, &go)) !=
	    ERR_OK || !go)
		return rc;
	if ((rc = media_delete(ctx, r, &u, row)) == ERR_OK)
		admin_redirect(r, resp, "/admin/media?done=deleted");
	json_decref(row);
	return rc;
}
