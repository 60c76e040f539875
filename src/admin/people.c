/*
 * people: /admin/people, for editors: the people authors and staff are,
 * found by a few letters of the name, slug or affiliation, filtered to
 * the staff, a page at a time; a new one; one's name, slug (made from
 * the name when left empty, else as typed, unique), role or title,
 * affiliation, staff flag, photo and bio (Markdown); and deleting one
 * (after a confirmation; refused, saying where, while they are named as
 * an author of an article or a publication).
 */
#include <string.h>

#include "admin.h"

#define USES_SHOWN	5	/* titles named in a refusal, at most */

static int64_t
person_id(json_t *row)
{
	return json_integer_value(json_object_get(row, "id"));
}

static const char *
person_url(struct req *r, int64_t id, const char *tail)
{
	return arena_printf(r->arena, "/admin/people/%lld%s", (long long)id,
	    tail);
}

static int
is_staff(json_t *row)
{
	return json_integer_value(json_object_get(row, "staff")) != 0;
}

static enum err
people_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	struct store_find q = { 0 };
	const char *search = req_query(r, "q"), *staff = req_query(r,
	    "staff"), *base;
	json_t *v, *rows = NULL, *list, *it;
	long page, total;
	size_t i;
	enum err rc;

	(void)row;
	search = search != NULL ? search : "";
	if (strlen(search) > LIMIT_NAME || !utf8_valid(search,
	    strlen(search)))
		return ERR_PARSE;
	q.staff = staff != NULL && strcmp(staff, "1") == 0;
	base = edit_list_base(r, "/admin/people", search, q.staff);
	if ((rc = view_page_number(r, resp, base, &page)) != ERR_OK ||
	    page == 0)
		return rc;
	q.search = search;
	q.limit = PER_PAGE;
	q.offset = (page - 1) * PER_PAGE;
	if ((rc = store_people_page(ctx->store, &q, &rows, &total)) != ERR_OK)
		return rc;
	if (view_page_past(page, &rows))
		return ERR_NOTFOUND;
	list = json_array();
	json_array_foreach(rows, i, it)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:s, s:s, s:b}", "id", (json_int_t)person_id(it), "url",
		    person_url(r, person_id(it), ""), "name", view_str(it,
		    "name"), "slug", view_str(it, "slug"), "role",
		    view_str(it, "role"), "affiliation", view_str(it,
		    "affiliation"), "staff", is_staff(it)));
	json_decref(rows);
	v = admin_view(ctx, r, u, "People", "/admin/people");
	json_object_set_new(v, "people", list);
	json_object_set_new(v, "empty", json_boolean(total == 0));
	json_object_set_new(v, "total", json_integer(total));
	json_object_set_new(v, "one", json_boolean(total == 1));
	json_object_set_new(v, "q", json_string(search));
	json_object_set_new(v, "staff_only", json_boolean(q.staff));
	json_object_set_new(v, "filtered", json_boolean(*search != '\0' ||
	    q.staff));
	json_object_set_new(v, "pagination", view_pagination(r->arena, base,
	    page, total));
	return admin_render(ctx, r, resp, 200, "admin-people", v);
}

enum err
admin_people(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, NULL, people_do);
}

struct person_typed {
	const char	*name;
	const char	*slug;
	const char	*role;
	const char	*affiliation;
	const char	*staff;
	const char	*photo;
	const char	*bio;
};

static json_t *
person_form(const struct person_typed *in)
{
	json_t *f = form_new(), *x;

	form_field(f, "name", "Name", "text", in->name, NULL, "off", 1);
	form_field(f, "slug", "Slug", "text", in->slug, "Their page's "
	    "address is /authors/ and the slug. Left empty, it is made from "
	    "the name.", "off", 0);
	form_field(f, "role", "Role or title", "text", in->role, "Such as "
	    "Editor-in-chief or Contributing editor. Optional.", "off", 0);
	form_field(f, "affiliation", "Affiliation", "text", in->affiliation,
	    "Optional.", "off", 0);
	x = form_field(f, "staff", "On the journal's staff", "select",
	    in->staff, "Staff are listed apart on the site.", NULL, 0);
	field_option(x, "0", "No: a contributor", strcmp(in->staff, "1") !=
	    0);
	field_option(x, "1", "Yes: on the staff", strcmp(in->staff, "1") ==
	    0);
	form_field(f, "photo", "Photo", "text", in->photo, "An address "
	    "(https://...) or a path of this site's media (/media/...). "
	    "Optional.", "off", 0);
	form_field(f, "bio", "Biography", "textarea", in->bio, "Markdown. "
	    "Shown on their page.", NULL, 0);
	return f;
}

static enum err
person_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *row, json_t *form)
{
	json_t *v, *o = json_object();

	json_object_set_new(o, "is_new", json_boolean(row == NULL));
	json_object_set_new(o, "heading", json_string(row == NULL ?
	    "New person" : view_str(row, "name")));
	json_object_set_new(o, "action", json_string(row == NULL ?
	    "/admin/people" : person_url(r, person_id(row), "")));
	json_object_set_new(o, "delete_url", json_string(row == NULL ? "" :
	    person_url(r, person_id(row), "/delete")));
	json_object_set_new(o, "public_url", json_string(row == NULL ? "" :
	    arena_printf(r->arena, "/authors/%s", view_str(row, "slug"))));
	json_object_set_new(o, "form", form);
	v = admin_view(ctx, r, u, row == NULL ? "New person" : view_str(row,
	    "name"), "/admin/people");
	json_object_set_new(v, "person", o);
	return admin_render(ctx, r, resp, status, "admin-person", v);
}

static enum err
person_new_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	struct person_typed in = { "", "", "", "", "0", "", "" };

	(void)row;
	return person_page(ctx, r, resp, u, 200, NULL, person_form(&in));
}

enum err
admin_person_new(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, NULL, person_new_do);
}

static enum err
person_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	struct person_typed in;

	in.name = view_str(row, "name");
	in.slug = view_str(row, "slug");
	in.role = view_str(row, "role");
	in.affiliation = view_str(row, "affiliation");
	in.staff = is_staff(row) ? "1" : "0";
	in.photo = view_str(row, "photo");
	in.bio = view_str(row, "bio");
	return person_page(ctx, r, resp, u, 200, row, person_form(&in));
}

enum err
admin_person(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_person_by_id, person_do);
}

/* Check and save the form into the person row (NULL: a new one). */
static enum err
person_save(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	struct person_typed in;
	struct store_person p = { 0 };
	const char *why;
	json_t *form;
	int64_t id = 0;
	enum err rc;

	in.name = edit_text(r, "name");
	in.slug = edit_text(r, "slug");
	in.role = edit_text(r, "role");
	in.affiliation = edit_text(r, "affiliation");
	in.staff = edit_text(r, "staff");
	in.photo = edit_text(r, "photo");
	in.bio = edit_text(r, "bio");
	form = person_form(&in);
	p.id = row != NULL ? person_id(row) : 0;
	p.name = in.name;
	p.role = in.role;
	p.affiliation = in.affiliation;
	p.photo = in.photo;
	p.bio = in.bio;
	edit_check_text(form, "name", in.name, LIMIT_NAME, 1);
	edit_check_text(form, "role", in.role, LIMIT_NAME, 0);
	edit_check_text(form, "affiliation", in.affiliation, LIMIT_NAME, 0);
	if (strcmp(in.staff, "0") != 0 && strcmp(in.staff, "1") != 0)
		form_error(form, "staff", "Choose yes or no.");
	p.staff = strcmp(in.staff, "1") == 0;
	if ((why = edit_image_problem(in.photo)) != NULL)
		form_error(form, "photo", why);
	edit_check_text(form, "bio", in.bio, LIMIT_FORM_FIELD, 0);
	if ((rc = edit_slug(ctx, r, form, STORE_SLUG_PERSON, p.id, in.slug,
	    in.name, &p.slug)) != ERR_OK)
		goto out;
	if (!form_failed(form) && (rc = store_begin(ctx->store)) == ERR_OK)
		rc = edit_commit(ctx, r, u, store_person_save(ctx->store, &p,
		    &id), row == NULL ? "person added" : NULL, p.name);
	if (rc == ERR_CONFLICT) {
		form_error(form, "slug", "This slug is taken: choose another.");
		rc = ERR_OK;
	}
	if (rc == ERR_OK && form_failed(form)) {
		rc = person_page(ctx, r, resp, u, 422, row, form);
		form = NULL;
	} else if (rc == ERR_OK)
		admin_redirect(r, resp, person_url(r, id, row == NULL ?
		    "?done=person-added" : "?done=person-saved"));
out:
	json_decref(form);
	return rc;
}

enum err
admin_person_create(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, NULL, person_save);
}

enum err
admin_person_update(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_person_by_id, person_save);
}

/* "“A”, “B” and 3 more" of a list of {title}. */
static const char *
titles(struct req *r, json_t *list)
{
	const char *s = "";
	json_t *it;
	size_t i, n = json_array_size(list);

	json_array_foreach(list, i, it) {
		if (i == USES_SHOWN) {
			s = arena_printf(r->arena, "%s and %zu more", s, n - i);
			break;
		}
		s = arena_printf(r->arena, "%s%s“%s”", s, i == 0 ? "" :
		    i + 1 == n ? " and " : ", ", view_str(it, "title"));
	}
	return s;
}

/*
 * Where the person is named as an author, as a sentence; "" when
 * nowhere.
 */
static enum err
person_named(struct ctx *ctx, struct req *r, json_t *row, const char **out)
{
	json_t *uses = NULL, *a, *p;
	size_t na, np;
	enum err rc;

	*out = "";
	if ((rc = store_person_uses(ctx->store, person_id(row), &uses)) !=
	    ERR_OK)
		return rc;
	a = json_object_get(uses, "articles");
	p = json_object_get(uses, "publications");
	na = json_array_size(a);
	np = json_array_size(p);
	if (na > 0 || np > 0)
		*out = arena_printf(r->arena, "%s is named as an author of "
		    "%s%s%s. Take their name off %s in the article and "
		    "publication editors first; then delete them. Nothing was "
		    "changed.", view_str(row, "name"), na == 0 ? "" :
		    arena_printf(r->arena, "%zu %s (%s)", na, na == 1 ?
		    "article" : "articles", titles(r, a)), na > 0 && np > 0 ?
		    " and of " : "", np == 0 ? "" : arena_printf(r->arena,
		    "%zu %s (%s)", np, np == 1 ? "publication" :
		    "publications", titles(r, p)), na + np == 1 ? "it" :
		    "them");
	json_decref(uses);
	return ERR_OK;
}

static enum err
person_delete_ask_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	const char *where;
	json_t *v;
	enum err rc;

	if ((rc = person_named(ctx, r, row, &where)) == ERR_OK &&
	    *where != '\0')
		rc = admin_message(ctx, r, resp, u, 409, "This person is "
		    "named as an author", where);
	else if (rc == ERR_OK) {
		v = admin_view(ctx, r, u, "Delete a person", "/admin/people");
		json_object_set_new(v, "confirm", json_pack("{s:s, s:s, s:s, "
		    "s:s, s:s}", "title", arena_printf(r->arena, "Delete %s?",
		    view_str(row, "name")), "text", "They are named as the "
		    "author of nothing. Their page and biography go away for "
		    "good.", "action", person_url(r, person_id(row),
		    "/delete"), "button", "Delete the person", "cancel_url",
		    person_url(r, person_id(row), "")));
		rc = admin_render(ctx, r, resp, 200, "admin-confirm", v);
	}
	return rc;
}

enum err
admin_person_delete_ask(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_person_by_id, person_delete_ask_do);
}

static enum err
person_delete_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	const char *where;
	enum err rc;

	if ((rc = store_begin(ctx->store)) == ERR_OK)
		rc = edit_commit(ctx, r, u, store_person_delete(ctx->store,
		    person_id(row)), "person deleted", view_str(row, "name"));
	if (rc == ERR_CONFLICT &&
	    (rc = person_named(ctx, r, row, &where)) == ERR_OK)
		rc = admin_message(ctx, r, resp, u, 409, "This person is "
		    "named as an author", where);
	else if (rc == ERR_OK)
		admin_redirect(r, resp, "/admin/people?done=person-deleted");
	return rc;
}

enum err
admin_person_delete(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_person_by_id, person_delete_do);
}
