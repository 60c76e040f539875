/*
 * sections: /admin/sections, for editors: the sections in their order
 * (moved up and down with buttons), a new one, one's name, slug (made
 * from the name when left empty, else as typed, unique), description
 * and position, and deleting one (after a confirmation; refused while
 * it has articles, which would have nowhere to be).
 */
#include <string.h>

#include "admin.h"

#define POSITION_MAX	100000

static int64_t
sec_id(json_t *row)
{
	return json_integer_value(json_object_get(row, "id"));
}

static const char *
sec_url(struct req *r, int64_t id, const char *tail)
{
	return arena_printf(r->arena, "/admin/sections/%lld%s", (long long)id,
	    tail);
}

static enum err
sections_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	json_t *v, *rows = NULL, *list, *it;
	size_t i, n;
	enum err rc;

	(void)row;
	if ((rc = store_sections_page(ctx->store, &rows)) != ERR_OK)
		return rc;
	list = json_array();
	n = json_array_size(rows);
	json_array_foreach(rows, i, it) {
		long a = (long)json_integer_value(json_object_get(it,
		    "articles"));

		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:s, s:s, s:I, s:b, s:b, s:b}", "id",
		    (json_int_t)sec_id(it), "url", sec_url(r, sec_id(it), ""),
		    "move_url", sec_url(r, sec_id(it), "/move"), "name",
		    view_str(it, "name"), "slug", view_str(it, "slug"),
		    "description", view_str(it, "description"), "articles",
		    (json_int_t)a, "one", a == 1, "first", i == 0, "last",
		    i + 1 == n));
	}
	json_decref(rows);
	v = admin_view(ctx, r, u, "Sections", "/admin/sections");
	json_object_set_new(v, "sections", list);
	json_object_set_new(v, "empty", json_boolean(n == 0));
	return admin_render(ctx, r, resp, 200, "admin-sections", v);
}

enum err
admin_sections(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, NULL, sections_do);
}

struct sec_typed {
	const char	*name;
	const char	*slug;
	const char	*description;
	const char	*position;
};

static json_t *
sec_form(const struct sec_typed *in)
{
	json_t *f = form_new(), *x;

	form_field(f, "name", "Name", "text", in->name, NULL, "off", 1);
	form_field(f, "slug", "Slug", "text", in->slug, "Its address is "
	    "/sections/ and the slug. Left empty, it is made from the name.",
	    "off", 0);
	form_field(f, "description", "Description", "textarea",
	    in->description, "Shown at the top of the section's page.", NULL,
	    0);
	x = form_field(f, "position", "Position", "text", in->position,
	    "Sections are listed by position, smallest first.", "off", 1);
	json_object_set_new(x, "inputmode", json_string("numeric"));
	return f;
}

static enum err
sec_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *row, json_t *form)
{
	json_t *v, *o = json_object();

	json_object_set_new(o, "is_new", json_boolean(row == NULL));
	json_object_set_new(o, "heading", json_string(row == NULL ?
	    "New section" : view_str(row, "name")));
	json_object_set_new(o, "action", json_string(row == NULL ?
	    "/admin/sections" : sec_url(r, sec_id(row), "")));
	json_object_set_new(o, "delete_url", json_string(row == NULL ? "" :
	    sec_url(r, sec_id(row), "/delete")));
	json_object_set_new(o, "public_url", json_string(row == NULL ? "" :
	    arena_printf(r->arena, "/sections/%s", view_str(row, "slug"))));
	json_object_set_new(o, "form", form);
	v = admin_view(ctx, r, u, row == NULL ? "New section" : view_str(row,
	    "name"), "/admin/sections");
	json_object_set_new(v, "section", o);
	return admin_render(ctx, r, resp, status, "admin-section", v);
}

static enum err
section_new_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	struct sec_typed in = { "", "", "", "1" };
	json_t *rows = NULL, *it;
	long max = 0;
	size_t i;
	enum err rc;

	(void)row;
	if ((rc = store_sections_page(ctx->store, &rows)) != ERR_OK)
		return rc;
	json_array_foreach(rows, i, it)
		if (json_integer_value(json_object_get(it, "position")) > max)
			max = (long)json_integer_value(json_object_get(it,
			    "position"));
	json_decref(rows);
	in.position = arena_printf(r->arena, "%ld", max + 1);
	return sec_page(ctx, r, resp, u, 200, NULL, sec_form(&in));
}

enum err
admin_section_new(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, NULL, section_new_do);
}

static enum err
section_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	struct sec_typed in;

	in.name = view_str(row, "name");
	in.slug = view_str(row, "slug");
	in.description = view_str(row, "description");
	in.position = arena_printf(r->arena, "%lld", (long long)
	    json_integer_value(json_object_get(row, "position")));
	return sec_page(ctx, r, resp, u, 200, row, sec_form(&in));
}

enum err
admin_section(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_section_by_id, section_do);
}

/* Check and save the form into the section row (NULL: a new one). */
static enum err
sec_save(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	struct sec_typed in;
	struct store_section s = { 0 };
	long long pos = 0;
	json_t *form;
	int64_t id = 0;
	enum err rc;

	in.name = edit_text(r, "name");
	in.slug = edit_text(r, "slug");
	in.description = edit_text(r, "description");
	in.position = edit_text(r, "position");
	form = sec_form(&in);
	s.id = row != NULL ? sec_id(row) : 0;
	s.name = in.name;
	s.description = in.description;
	edit_check_text(form, "name", in.name, LIMIT_NAME, 1);
	edit_check_text(form, "description", in.description,
	    LIMIT_FORM_FIELD, 0);
	if (str_to_ll(in.position, 0, POSITION_MAX, &pos) != ERR_OK)
		form_error(form, "position", "Enter a whole number from 0 to "
		    "100000.");
	s.position = (long)pos;
	if ((rc = edit_slug(ctx, r, form, STORE_SLUG_SECTION, s.id, in.slug,
	    in.name, &s.slug)) != ERR_OK)
		goto out;
	if (!form_failed(form) && (rc = store_begin(ctx->store)) == ERR_OK)
		rc = edit_commit(ctx, r, u, store_section_save(ctx->store, &s,
		    &id), row == NULL ? "section added" : NULL, s.name);
	if (rc == ERR_CONFLICT) {
		form_error(form, "slug", "This slug is taken: choose another.");
		rc = ERR_OK;
	}
	if (rc == ERR_OK && form_failed(form)) {
		rc = sec_page(ctx, r, resp, u, 422, row, form);
		form = NULL;
	} else if (rc == ERR_OK)
		admin_redirect(r, resp, arena_printf(r->arena,
		    "/admin/sections?done=%s#section-%lld", row == NULL ?
		    "section-added" : "section-saved", (long long)id));
out:
	json_decref(form);
	return rc;
}

enum err
admin_section_create(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, NULL, sec_save);
}

enum err
admin_section_update(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_section_by_id, sec_save);
}

static enum err
section_move_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	const char *action = edit_text(r, "action");
	json_t *rows = NULL, *it;
	int64_t *ids, t;
	size_t i, n, j;
	enum err rc;
	int up = strcmp(action, "up") == 0;

	if (!up && strcmp(action, "down") != 0)
		return ERR_PARSE;
	if ((rc = store_begin(ctx->store)) != ERR_OK ||
	    (rc = store_sections_page(ctx->store, &rows)) != ERR_OK)
		goto out;
	n = json_array_size(rows);
	ids = arena_alloc(r->arena, (n + 1) * sizeof(*ids));
	json_array_foreach(rows, i, it)
		ids[i] = sec_id(it);
	for (i = 0; i < n; i++) {
		if (ids[i] != sec_id(row))
			continue;
		j = up ? i - 1 : i + 1;
		if ((up && i == 0) || j >= n)
			break;
		t = ids[i];
		ids[i] = ids[j];
		ids[j] = t;
		break;
	}
	rc = store_sections_order(ctx->store, ids, n);
out:
	rc = edit_commit(ctx, r, u, rc, NULL, NULL);
	if (rc == ERR_OK)
		admin_redirect(r, resp, arena_printf(r->arena,
		    "/admin/sections?done=order#section-%lld",
		    (long long)sec_id(row)));
	json_decref(rows);
	return rc;
}

enum err
admin_section_move(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_section_by_id, section_move_do);
}

static enum err
sec_refused(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row, long n)
{
	return admin_message(ctx, r, resp, u, 409, "This section has "
	    "articles", arena_printf(r->arena, "“%s” has %ld %s. Move %s "
	    "to another section in the article editor first; then delete "
	    "it. Nothing was changed.", view_str(row, "name"), n, n == 1 ?
	    "article" : "articles", n == 1 ? "it" : "them"));
}

/* How many articles the section has. */
static enum err
sec_articles(struct ctx *ctx, json_t *row, long *n)
{
	json_t *rows = NULL, *it;
	size_t i;
	enum err rc;

	*n = 0;
	if ((rc = store_sections_page(ctx->store, &rows)) != ERR_OK)
		return rc;
	json_array_foreach(rows, i, it)
		if (sec_id(it) == sec_id(row))
			*n = (long)json_integer_value(json_object_get(it,
			    "articles"));
	json_decref(rows);
	return ERR_OK;
}

static enum err
section_delete_ask_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	json_t *v;
	long n = 0;
	enum err rc;

	if ((rc = sec_articles(ctx, row, &n)) == ERR_OK && n > 0)
		rc = sec_refused(ctx, r, resp, u, row, n);
	else if (rc == ERR_OK) {
		v = admin_view(ctx, r, u, "Delete a section",
		    "/admin/sections");
		json_object_set_new(v, "confirm", json_pack("{s:s, s:s, s:s, "
		    "s:s, s:s}", "title", arena_printf(r->arena, "Delete the "
		    "section “%s”?", view_str(row, "name")), "text",
		    "It has no article. Its page goes away for good.",
		    "action",
		    sec_url(r, sec_id(row), "/delete"), "button",
		    "Delete the section", "cancel_url", sec_url(r,
		    sec_id(row), "")));
		rc = admin_render(ctx, r, resp, 200, "admin-confirm", v);
	}
	return rc;
}

enum err
admin_section_delete_ask(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_section_by_id,
	    section_delete_ask_do);
}

static enum err
section_delete_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	long n = 0;
	enum err rc;

	if ((rc = store_begin(ctx->store)) == ERR_OK)
		rc = edit_commit(ctx, r, u, store_section_delete(ctx->store,
		    sec_id(row)), "section deleted", view_str(row, "name"));
	if (rc == ERR_CONFLICT && (rc = sec_articles(ctx, row, &n)) == ERR_OK)
		rc = sec_refused(ctx, r, resp, u, row, n);
	else if (rc == ERR_OK)
		admin_redirect(r, resp, "/admin/sections?done=section-deleted");
	return rc;
}

enum err
admin_section_delete(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_section_by_id, section_delete_do);
}
