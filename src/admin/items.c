/*
 * items: the screens every kind of item edited one at a time shares
 * (publications, publication types, partner links, events): a list
 * (search, a kind's filter, pages, for ordered kinds move buttons), a
 * form for a new item and for an existing one, and a confirmation
 * before deleting.  A kind (struct item_kind, one per file) says what
 * its fields are, how a stored record fills them, how typed values are
 * checked and become a record, and what its list shows; the routes
 * under its base all come here, the kind found from the path.
 *
 * A form with errors comes back 422 with each message beside its field
 * and everything as typed; a good one is saved in one transaction.
 * Deletions are audited with the item's name.
 */
#include <string.h>
#include <strings.h>

#include "admin.h"

static const struct item_kind *const kinds[] = {
	&item_publications, &item_pub_types, &item_links, &item_events,
};

/* The kind under whose base the request's path is. */
static const struct item_kind *
kind_of(struct req *r)
{
	size_t i, n;

	for (i = 0; r->path != NULL && i < nitems(kinds); i++) {
		n = strlen(kinds[i]->base);
		if (strncmp(r->path, kinds[i]->base, n) == 0 &&
		    (r->path[n] == '\0' || r->path[n] == '/'))
			return kinds[i];
	}
	return NULL;
}

/* The form's fields as typed, CRLF made LF; csrf left out. */
static json_t *
typed_values(struct req *r)
{
	json_t *o = json_object();
	char *v, *p;
	const char *s;
	size_t i;

	for (i = 0; i < r->nform; i++) {
		if (strcmp(r->form[i].name, "csrf") == 0)
			continue;
		v = p = arena_strdup(r->arena, r->form[i].value);
		for (s = r->form[i].value; *s != '\0'; s++)
			if (!(s[0] == '\r' && s[1] == '\n'))
				*p++ = *s;
		*p = '\0';
		json_object_set_new(o, r->form[i].name, json_string(v));
	}
	return o;
}

/* Begin a request of kind k's screens: signed in with its role. */
static enum err
item_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct item_kind **k, struct admin_user *u, int *go)
{
	*go = 0;
	if ((*k = kind_of(r)) == NULL)
		return ERR_NOTFOUND;
	return admin_begin(ctx, r, resp, (*k)->need, u, go);
}

/* The :id of the route. */
static enum err
item_id(struct req *r, int64_t *id)
{
	long long v;

	if (r->nargs < 1 || str_to_ll(r->args[0], 1, INT64_MAX, &v) != ERR_OK)
		return ERR_NOTFOUND;
	*id = (int64_t)v;
	return ERR_OK;
}

/* The item of the route's :id, or ERR_NOTFOUND. */
static enum err
item_get(struct ctx *ctx, struct req *r, const struct item_kind *k,
    int64_t *id, json_t **rec)
{
	enum err rc;

	*rec = NULL;
	if ((rc = item_id(r, id)) != ERR_OK)
		return rc;
	return store_item_get(ctx->store, k->kind, *id, rec);
}

/* A query string's value for a URL: percent-encoded. */
static const char *
url_value(struct req *r, const char *v)
{
	struct buf b;
	const char *out;

	buf_init(&b, LIMIT_URL);
	if (esc_url(&b, v, strlen(v)) != ERR_OK)
		buf_reset(&b);
	out = arena_strndup(r->arena, b.len > 0 ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

/*
 * One row of the list: name, edit and delete URLs, cells, moves.  at is
 * the row's index in the whole list; places, as the list shows them and
 * the move form takes them, count from 1.
 */
static json_t *
list_row(struct ctx *ctx, struct req *r, const struct item_kind *k,
    json_t *rec, long at, long total, int moves)
{
	int64_t id = json_integer_value(json_object_get(rec, "id"));
	json_t *o = json_object(), *cells, *c, *cell;
	size_t i;

	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "name", json_string(k->name(rec)));
	json_object_set_new(o, "url", json_string(arena_printf(r->arena,
	    "%s/%lld", k->base, (long long)id)));
	json_object_set_new(o, "delete_url", json_string(arena_printf(
	    r->arena, "%s/%lld/delete", k->base, (long long)id)));
	cells = k->cells(ctx, r, rec);
	c = json_array();
	json_array_foreach(cells, i, cell)
		json_array_append_new(c, json_pack("{s:s, s:O}", "label",
		    i + 1 < k->ncolumns ? k->columns[i + 1] : "", "text",
		    cell));
	json_decref(cells);
	json_object_set_new(o, "cells", c);
	json_object_set_new(o, "move", !moves ? json_false() :
	    json_pack("{s:s, s:i, s:i, s:b, s:b, s:i}", "url",
	    arena_printf(r->arena, "%s/%lld/move", k->base, (long long)id),
	    "up", (int)at, "down", (int)at + 2, "first", at == 0,
	    "last", at + 1 >= total, "at", (int)at + 1));
	return o;
}

enum err
admin_items(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct item_kind *k;
	struct admin_user u;
	struct store_item_query q = { 0 };
	const char *search = req_query(r, "q"), *type = req_query(r, "type");
	const char *base;
	json_t *v, *rows = NULL, *list, *it, *items, *cols;
	long page, total = 0;
	size_t i;
	enum err rc;
	int go, moves;

	if ((rc = item_begin(ctx, r, resp, &k, &u, &go)) != ERR_OK || !go)
		return rc;
	search = search != NULL ? search : "";
	type = type != NULL && k->filter != NULL ? type : "";
	base = arena_printf(r->arena, "%s%s%s%s%s", k->base, *search != '\0' ||
	    *type != '\0' ? "?" : "", *search != '\0' ? arena_printf(r->arena,
	    "q=%s", url_value(r, search)) : "", *search != '\0' &&
	    *type != '\0' ? "&" : "", *type != '\0' ? arena_printf(r->arena,
	    "type=%s", url_value(r, type)) : "");
	if ((rc = view_page_number(r, resp, base, &page)) != ERR_OK ||
	    page == 0)
		return rc;
	q.search = search;
	q.type = type;
	q.now = site_now(ctx->site);
	q.limit = PER_PAGE;
	q.offset = (page - 1) * PER_PAGE;
	if ((rc = store_item_list(ctx->store, k->kind, &q, &rows, &total)) !=
	    ERR_OK)
		return rc;
	if (view_page_past(page, &rows))
		return ERR_NOTFOUND;
	/* Moves are between neighbours of the whole list, unfiltered. */
	moves = k->ordered && *search == '\0';
	list = json_array();
	json_array_foreach(rows, i, it)
		json_array_append_new(list, list_row(ctx, r, k, it,
		    q.offset + (long)i, total, moves));
	json_decref(rows);
	cols = json_array();
	for (i = 1; i < k->ncolumns; i++)
		json_array_append_new(cols, json_string(k->columns[i]));
	items = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, "
	    "s:o, s:b, s:b, s:b, s:I, s:s}", "title", k->title, "lede",
	    k->lede, "base", k->base, "new_url", arena_printf(r->arena,
	    "%s/new", k->base), "new_label", k->new_label, "search_label",
	    k->search_label, "search", search, "first_column", k->columns[0],
	    "columns", cols, "rows", list, "empty", total == 0, "ordered",
	    moves, "filtered", *search != '\0' || *type != '\0', "total",
	    (json_int_t)total, "table_label", arena_printf(r->arena,
	    "%s table", k->title));
	json_object_set_new(items, "filter", json_false());
	json_object_set_new(items, "links", json_array());
	if (k->filter != NULL)
		k->filter(ctx, r, items, type);
	v = admin_view(ctx, r, &u, k->title, k->nav);
	json_object_set_new(v, "items", items);
	json_object_set_new(v, "pagination", view_pagination(r->arena, base,
	    page, total));
	return admin_render(ctx, r, resp, 200, "admin-items", v);
}

/* The form page of k: a new item (id 0) or item id. */
static enum err
form_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, const struct item_kind *k, int status,
    int64_t id, json_t *values, json_t *form, const char *name)
{
	json_t *v, *item;

	if (form == NULL) {
		form = form_new();
		k->fields(ctx, r, form, values);
	}
	json_decref(values);
	item = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "title", id > 0 ?
	    arena_printf(r->arena, "Edit %s", name) : k->new_label,
	    "action", id > 0 ? arena_printf(r->arena, "%s/%lld", k->base,
	    (long long)id) : k->base, "button", id > 0 ? "Save changes" :
	    k->new_label, "cancel_url", k->base, "delete_url", id > 0 ?
	    arena_printf(r->arena, "%s/%lld/delete", k->base,
	    (long long)id) : "", "form", form);
	json_object_set_new(item, "back_label", json_string(arena_printf(
	    r->arena, "Back to %s", k->title)));
	v = admin_view(ctx, r, u, id > 0 ? arena_printf(r->arena, "Edit %s",
	    name) : k->new_label, k->nav);
	json_object_set_new(v, "item", item);
	return admin_render(ctx, r, resp, status, "admin-item", v);
}

enum err
admin_item_new(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct item_kind *k;
	struct admin_user u;
	enum err rc;
	int go;

	if ((rc = item_begin(ctx, r, resp, &k, &u, &go)) != ERR_OK || !go)
		return rc;
	return form_page(ctx, r, resp, &u, k, 200, 0, k->values(ctx, r,
	    NULL), NULL, "");
}

enum err
admin_item(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct item_kind *k;
	struct admin_user u;
	json_t *rec;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = item_begin(ctx, r, resp, &k, &u, &go)) != ERR_OK || !go)
		return rc;
	if ((rc = item_get(ctx, r, k, &id, &rec)) != ERR_OK)
		return rc;
	rc = form_page(ctx, r, resp, &u, k, 200, id, k->values(ctx, r, rec),
	    NULL, arena_strdup(r->arena, k->name(rec)));
	json_decref(rec);
	return rc;
}

/* Save the typed item as id (0: a new one), or show what is wrong. */
static enum err
item_save(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, const struct item_kind *k, int64_t id,
    const char *name)
{
	json_t *values = typed_values(r), *form = form_new(), *rec = NULL;
	int64_t saved = 0;
	enum err rc;

	k->fields(ctx, r, form, values);
	if ((rc = k->check(ctx, r, form, values, &rec)) != ERR_OK)
		goto out;
	if (form_failed(form))
		goto again;
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		goto out;
	if ((rc = store_item_save(ctx->store, k->kind, id, rec, &saved)) ==
	    ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK)
		store_rollback(ctx->store);
	if (rc == ERR_CONFLICT || rc == ERR_INVAL) {
		/* Taken meanwhile, or what it names was deleted. */
		form_error(form, k->main_field, rc == ERR_CONFLICT ?
		    k->conflict : "It could not be saved: something it "
		    "refers to was changed meanwhile. Check the choices and "
		    "save again.");
		goto again;
	}
	if (rc != ERR_OK)
		goto out;
	json_decref(values);
	json_decref(form);
	json_decref(rec);
	admin_redirect(r, resp, arena_printf(r->arena, "%s?done=%s#item-%lld",
	    k->base, id > 0 ? "item-saved" : "item-added", (long long)saved));
	return ERR_OK;
again:
	json_decref(rec);
	return form_page(ctx, r, resp, u, k, 422, id, values, form, name);
out:
	json_decref(values);
	json_decref(form);
	json_decref(rec);
	return rc;
}

enum err
admin_item_add(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct item_kind *k;
	struct admin_user u;
	enum err rc;
	int go;

	if ((rc = item_begin(ctx, r, resp, &k, &u, &go)) != ERR_OK || !go)
		return rc;
	return item_save(ctx, r, resp, &u, k, 0, "");
}

enum err
admin_item_post(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct item_kind *k;
	struct admin_user u;
	const char *name;
	json_t *rec;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = item_begin(ctx, r, resp, &k, &u, &go)) != ERR_OK || !go)
		return rc;
	if ((rc = item_get(ctx, r, k, &id, &rec)) != ERR_OK)
		return rc;
	name = arena_strdup(r->arena, k->name(rec));
	json_decref(rec);
	return item_save(ctx, r, resp, &u, k, id, name);
}

/* Why item rec cannot be deleted (a message page), or 0. */
static enum err
refused(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, const struct item_kind *k, json_t *rec,
    int *no)
{
	const char *why;

	*no = 0;
	if (k->refuse == NULL || (why = k->refuse(r, rec)) == NULL)
		return ERR_OK;
	*no = 1;
	return admin_message(ctx, r, resp, u, 409, arena_printf(r->arena,
	    "“%s” cannot be deleted", k->name(rec)), why);
}

enum err
admin_item_delete_ask(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct item_kind *k;
	struct admin_user u;
	json_t *rec, *v;
	int64_t id;
	enum err rc;
	int go, no;

	if ((rc = item_begin(ctx, r, resp, &k, &u, &go)) != ERR_OK || !go)
		return rc;
	if ((rc = item_get(ctx, r, k, &id, &rec)) != ERR_OK)
		return rc;
	if ((rc = refused(ctx, r, resp, &u, k, rec, &no)) != ERR_OK || no) {
		json_decref(rec);
		return rc;
	}
	v = admin_view(ctx, r, &u, arena_printf(r->arena, "Delete a %s",
	    k->one), k->nav);
	json_object_set_new(v, "confirm", json_pack("{s:s, s:s, s:s, s:s, "
	    "s:s}", "title", arena_printf(r->arena, "Delete “%s”?",
	    k->name(rec)), "text", k->delete_text, "action",
	    arena_printf(r->arena, "%s/%lld/delete", k->base, (long long)id),
	    "button", arena_printf(r->arena, "Delete the %s", k->one),
	    "cancel_url", arena_printf(r->arena, "%s/%lld", k->base,
	    (long long)id)));
	json_decref(rec);
	return admin_render(ctx, r, resp, 200, "admin-confirm", v);
}

enum err
admin_item_delete(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct item_kind *k;
	struct admin_user u;
	const char *name;
	json_t *rec;
	int64_t id;
	enum err rc;
	int go, no;

	if ((rc = item_begin(ctx, r, resp, &k, &u, &go)) != ERR_OK || !go)
		return rc;
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if ((rc = item_get(ctx, r, k, &id, &rec)) != ERR_OK) {
		store_rollback(ctx->store);
		return rc;
	}
	name = arena_strdup(r->arena, k->name(rec));
	if ((rc = store_item_delete(ctx->store, k->kind, id)) == ERR_OK &&
	    (rc = admin_audit(ctx, r, &u, NULL, arena_printf(r->arena,
	    "%s deleted", k->one), name)) == ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK)
		store_rollback(ctx->store);
	if (rc == ERR_CONFLICT) {
		/* In use after all (it was taken up since the question). */
		if ((rc = refused(ctx, r, resp, &u, k, rec, &no)) == ERR_OK &&
		    !no)
			rc = admin_message(ctx, r, resp, &u, 409, "It cannot "
			    "be deleted", "It is in use. Nothing was "
			    "deleted.");
		json_decref(rec);
		return rc;
	}
	json_decref(rec);
	if (rc == ERR_OK)
		admin_redirect(r, resp, arena_printf(r->arena,
		    "%s?done=item-deleted", k->base));
	return rc;
}

enum err
admin_item_move(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct item_kind *k;
	struct admin_user u;
	const char *to = req_form(r, "to");
	long long place;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = item_begin(ctx, r, resp, &k, &u, &go)) != ERR_OK || !go)
		return rc;
	if (!k->ordered || (rc = item_id(r, &id)) != ERR_OK)
		return ERR_NOTFOUND;
	/* Places as the list numbers them, from 1. */
	if (to == NULL || str_to_ll(to, 1, LIMIT_PAGE_NUMBER * PER_PAGE,
	    &place) != ERR_OK)
		return admin_message(ctx, r, resp, &u, 400, "Where to?",
		    "The place to move it to must be a number from 1. "
		    "Nothing was moved.");
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if ((rc = store_item_move(ctx->store, k->kind, id, (long)place -
	    1)) == ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK) {
		store_rollback(ctx->store);
		return rc;
	}
	admin_redirect(r, resp, arena_printf(r->arena,
	    "%s?done=item-moved#item-%lld", k->base, (long long)id));
	return ERR_OK;
}

/* Helpers the kinds share. */

/* The label of form's field name ("Title"), for messages. */
static const char *
field_label(json_t *form, const char *name)
{
	json_t *f;
	size_t i;

	json_array_foreach(json_object_get(form, "fields"), i, f)
		if (strcmp(view_str(f, "name"), name) == 0)
			return view_str(f, "label");
	return name;
}

int
item_check_text(struct req *r, json_t *form, const char *name,
    const char *v, const char *empty, size_t max, int lines)
{
	const char *label = field_label(form, name);
	size_t i, chars = 0;

	if (*v == '\0') {
		if (empty != NULL)
			form_error(form, name, empty);
		return empty == NULL;
	}
	for (i = 0; v[i] != '\0'; i++) {
		if (((unsigned char)v[i] < 0x20 && !(lines && (v[i] == '\n' ||
		    v[i] == '\t'))) || v[i] == 0x7f) {
			form_error(form, name, arena_printf(r->arena, "%s must "
			    "be %s, without control characters.", label,
			    lines ? "text" : "one line of text"));
			return 0;
		}
		if (((unsigned char)v[i] & 0xc0) != 0x80)
			chars++;
	}
	if (!utf8_valid(v, i)) {
		form_error(form, name, arena_printf(r->arena, "%s is not valid "
		    "UTF-8.", label));
		return 0;
	}
	if (chars > max) {
		form_error(form, name, arena_printf(r->arena, "%s must be at "
		    "most %zu characters long (it has %zu).", label, max,
		    chars));
		return 0;
	}
	return 1;
}

int
item_check_url(struct req *r, json_t *form, const char *name,
    const char *v, const char *empty, int how)
{
	const char *label = field_label(form, name);
	size_t n = strlen(v);
	int web;

	if (*v == '\0') {
		if (empty != NULL)
			form_error(form, name, empty);
		return empty == NULL;
	}
	web = strncasecmp(v, "https://", 8) == 0 ||
	    strncasecmp(v, "http://", 7) == 0;
	if (n > LIMIT_URL || !url_safe(v, n) || strchr(v, ' ') != NULL ||
	    (how == ITEM_URL_WEB && (!web || n < 10)) ||
	    (how == ITEM_URL_MEDIA && strncmp(v, "/media/", 7) != 0) ||
	    (how == ITEM_URL_WEB_OR_MEDIA && !web &&
	    strncmp(v, "/media/", 7) != 0)) {
		form_error(form, name, arena_printf(r->arena, "%s must be %s.",
		    label, how == ITEM_URL_WEB ? "a web address such as "
		    "https://example.org/page" : how == ITEM_URL_MEDIA ?
		    "the address of an uploaded file, such as "
		    "/media/report.pdf" : "a web address such as "
		    "https://example.org/cover.jpg or an uploaded file such "
		    "as /media/cover.jpg"));
		return 0;
	}
	return 1;
}
