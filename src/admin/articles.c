/*
 * articles: the article editor at /admin/articles.  The list (search by
 * title, filters, pages; an author sees only their own), the form for a
 * new article and for an existing one, the preview of what was typed
 * (POSTed, rendered by the public article page's view and theme, never
 * stored nor cached nor counted), the private preview of a stored draft,
 * unpublishing and deleting.  Saving is article_save's (article_save.c):
 * this file only turns the form into its input and its answer into a
 * page.  A save refused because someone else saved first shows their
 * changes above the form, which keeps what this user typed.
 */
#include <string.h>

#include "admin.h"

#define LIST_URL	"/admin/articles"

/* The :id of the route as a number, or ERR_NOTFOUND. */
enum err
article_id_arg(struct req *r, int64_t *id)
{
	long long n;

	if (r->nargs < 1 || str_to_ll(r->args[0], 1, INT64_MAX, &n) != ERR_OK)
		return ERR_NOTFOUND;
	*id = (int64_t)n;
	return ERR_OK;
}

/* May u see article art at all: an editor any, an author their own. */
int
article_may_see(const struct admin_user *u, json_t *art)
{
	return u->role >= ROLE_EDITOR || json_integer_value(json_object_get(
	    art, "created_by")) == u->id;
}

/*
 * Begin a request about the :id article: signed in, allowed to see it;
 * *art its record (caller decrefs).  *go 0 when resp holds the answer.
 */
enum err
article_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    struct admin_user *u, json_t **art, int *go)
{
	int64_t id;
	enum err rc;

	*art = NULL;
	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, u, go)) != ERR_OK ||
	    !*go)
		return rc;
	*go = 0;
	if ((rc = article_id_arg(r, &id)) != ERR_OK ||
	    (rc = store_article_edit_get(ctx->store, id, art)) != ERR_OK)
		return rc;
	if (!article_may_see(u, *art)) {
		json_decref(*art);
		*art = NULL;
		return admin_message(ctx, r, resp, u, 403, "Not your article",
		    "Authors see and edit their own articles only.");
	}
	*go = 1;
	return ERR_OK;
}

static const char *
status_label(const char *status)
{
	if (strcmp(status, "published") == 0)
		return "Published";
	if (strcmp(status, "scheduled") == 0)
		return "Scheduled";
	return "Draft";
}

/* The time of an ISO text as the back office writes times. */
static const char *
iso_time(struct arena *a, const char *iso)
{
	int64_t t;

	if (time_parse_iso(iso, &t) != ERR_OK)
		return "";
	return admin_time(a, t);
}

/* Move the fields of form named in names (NULL-ended) to a new list. */
static json_t *
fields_named(json_t *form, const char *const *names, int prefix)
{
	json_t *out = json_array(), *f;
	const char *const *n;
	size_t i;

	json_array_foreach(json_object_get(form, "fields"), i, f)
		for (n = names; *n != NULL; n++)
			if (prefix ? strncmp(view_str(f, "name"), *n,
			    strlen(*n)) == 0 : strcmp(view_str(f, "name"),
			    *n) == 0)
				json_array_append(out, f);
	return out;
}

/*
 * The editor's page: art the stored article (NULL: a new one), v what
 * the form shows, p its problems, conflict what someone else changed.
 */
static enum err
edit_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *art,
    const struct article_refs *refs, const struct article_values *v,
    const struct article_problems *p, json_t *conflict)
{
	static const char *const main_f[] = { "title", "slug", "dek", "body",
	    NULL };
	static const char *const pub_f[] = { "status", "publish_at", NULL };
	static const char *const file_f[] = { "section", "issue", NULL };
	static const char *const people_f[] = { "author", NULL };
	static const char *const topic_f[] = { "tags", "countries",
	    "suggested_country", NULL };
	static const char *const note_f[] = { "correction_kind",
	    "correction_date", "correction", NULL };
	struct arena *a = r->arena;
	int64_t id = art != NULL ? json_integer_value(json_object_get(art,
	    "id")) : 0;
	const char *st = art != NULL ? view_str(art, "status") : "draft";
	int may_publish = u->role >= ROLE_EDITOR;
	int may_save = art == NULL || article_may_edit(u, art);
	json_t *form, *e, *vw;
	const char *base = arena_printf(a, LIST_URL "/%lld", (long long)id);

	form = article_form(a, refs, v, may_publish);
	if (p != NULL)
		article_problems_mark(form, p);
	e = json_object();
	json_object_set_new(e, "is_new", json_boolean(art == NULL));
	json_object_set_new(e, "id", json_integer(id));
	json_object_set_new(e, "heading", json_string(art == NULL ?
	    "New article" : *view_str(art, "title") != '\0' ?
	    view_str(art, "title") : "Untitled"));
	json_object_set_new(e, "action", json_string(art == NULL ? LIST_URL :
	    base));
	json_object_set_new(e, "version", json_string(v->version));
	json_object_set_new(e, "status", json_string(st));
	json_object_set_new(e, "status_label", json_string(status_label(st)));
	json_object_set_new(e, "is_published", json_boolean(strcmp(st,
	    "published") == 0));
	json_object_set_new(e, "is_scheduled", json_boolean(strcmp(st,
	    "scheduled") == 0));
	json_object_set_new(e, "when", json_string(art == NULL ? "" :
	    iso_time(a, view_str(art, "published_at"))));
	json_object_set_new(e, "updated", json_string(art == NULL ? "" :
	    iso_time(a, view_str(art, "updated_at"))));
	json_object_set_new(e, "reads", json_integer(art == NULL ? 0 :
	    json_integer_value(json_object_get(art, "reads"))));
	json_object_set_new(e, "may_save", json_boolean(may_save));
	json_object_set_new(e, "may_publish", json_boolean(may_publish));
	json_object_set_new(e, "public_url", json_string(art == NULL ? "" :
	    arena_printf(a, "/articles/%s", view_str(art, "slug"))));
	json_object_set_new(e, "preview_url", json_string(arena_printf(a,
	    "%s/preview", base)));
	json_object_set_new(e, "revisions_url", json_string(arena_printf(a,
	    "%s/revisions", base)));
	json_object_set_new(e, "unpublish_url", json_string(arena_printf(a,
	    "%s/unpublish", base)));
	json_object_set_new(e, "delete_url", json_string(arena_printf(a,
	    "%s/delete", base)));
	json_object_set_new(e, "main", fields_named(form, main_f, 0));
	json_object_set_new(e, "publishing", fields_named(form, pub_f, 0));
	json_object_set_new(e, "filing", fields_named(form, file_f, 0));
	json_object_set_new(e, "people", fields_named(form, people_f, 1));
	json_object_set_new(e, "topics", fields_named(form, topic_f, 0));
	json_object_set_new(e, "correction", fields_named(form, note_f, 0));
	json_object_set_new(e, "conflict", conflict != NULL ? conflict :
	    json_false());
	json_object_set_new(e, "form", form);
	vw = admin_view(ctx, r, u, art == NULL ? "New article" :
	    arena_printf(a, "Edit: %s", view_str(art, "title")), LIST_URL);
	json_object_set_new(vw, "editor", e);
	return admin_render(ctx, r, resp, status, "admin-article-edit", vw);
}

enum err
admin_article_new(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct article_refs refs;
	struct article_values v;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	if ((rc = article_refs_load(ctx, &refs)) != ERR_OK)
		return rc;
	memset(&v, 0, sizeof(v));
	v.title = v.slug = v.dek = v.body = v.publish_at = v.section =
	    v.issue = v.tags = v.countries = v.version = "";
	v.status = "draft";
	rc = edit_page(ctx, r, resp, &u, 200, NULL, &refs, &v, NULL, NULL);
	article_refs_free(&refs);
	return rc;
}

enum err
admin_article(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct article_refs refs;
	struct article_values v;
	json_t *art;
	enum err rc;
	int go;

	if ((rc = article_begin(ctx, r, resp, &u, &art, &go)) != ERR_OK ||
	    !go)
		return rc;
	if ((rc = article_refs_load(ctx, &refs)) == ERR_OK) {
		article_values_of(r->arena, art, &v);
		rc = edit_page(ctx, r, resp, &u, 200, art, &refs, &v, NULL,
		    NULL);
		article_refs_free(&refs);
	}
	json_decref(art);
	return rc;
}

/*
 * What someone else changed since the form was opened at version: from
 * the revision saved at that version to the article now (or, with no
 * such revision, from what was typed to the article now).
 */
static json_t *
conflict_view(struct ctx *ctx, struct req *r,
    const struct article_refs *refs, json_t *now, const char *typed_body,
    int64_t version)
{
	json_t *base = NULL, *cur, *fields = NULL, *o;
	const char *html = "";
	long changed = 0;
	int mine = 0;

	cur = article_snapshot(r->arena, now);
	if (store_revision_get(ctx->store, json_integer_value(
	    json_object_get(now, "id")), 0, version, &base) != ERR_OK) {
		base = json_deep_copy(cur);
		json_object_set_new(base, "body", json_string(typed_body));
		mine = 1;
	}
	if (article_changes(r->arena, refs, base, cur, &fields, &html,
	    &changed) != ERR_OK) {
		fields = json_array();
		html = "";
	}
	o = json_pack("{s:s, s:s, s:o, s:s, s:b, s:b}", "who",
	    view_str(now, "who"), "when", iso_time(r->arena, view_str(now,
	    "updated_at")), "fields", fields, "body_html", html, "body_changed",
	    *html != '\0', "against_mine", mine);
	json_decref(base);
	json_decref(cur);
	return o;
}

/* Save the form for art (NULL: a new article; borrowed) and answer. */
static enum err
article_post(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *art)
{
	struct article_refs refs;
	struct article_values v;
	struct article_input in;
	struct article_problems p;
	json_t *now = NULL, *conflict = NULL, *revs = NULL;
	int64_t id = 0, version = 0;
	enum err rc;
	int status = 422;

	if ((rc = article_refs_load(ctx, &refs)) != ERR_OK)
		return rc;
	article_values_typed(r, &v);
	if (art == NULL)
		v.version = "";
	article_input_of(r->arena, &v, art != NULL ? json_integer_value(
	    json_object_get(art, "id")) : 0, u->role >= ROLE_EDITOR, &in, &p);
	in.reviewed = 1;	/* the form showed the suggested countries */
	rc = article_save(ctx, r, u, &in, NULL, site_now(ctx->site), &p, &id,
	    &version);
	switch (rc) {
	case ERR_OK:
		admin_redirect(r, resp, arena_printf(r->arena, LIST_URL
		    "/%lld?done=%s", (long long)id, art == NULL ?
		    "article-created" : "article-saved"));
		goto out;
	case ERR_INVAL:
		break;
	case ERR_AUTH:
		rc = admin_message(ctx, r, resp, u, 403, "You may not do this",
		    "Authors write drafts; an editor publishes them, and "
		    "only editors change an article once it is out. Nothing "
		    "was saved.");
		goto out;
	case ERR_CONFLICT:
		/* Someone saved first: show theirs, keep what was typed. */
		if ((rc = store_article_edit_get(ctx->store, in.id, &now)) !=
		    ERR_OK)
			goto out;
		if (store_revisions_list(ctx->store, in.id, &revs) == ERR_OK &&
		    json_array_size(revs) > 0)
			json_object_set(now, "who", json_object_get(
			    json_array_get(revs, 0), "who"));
		json_decref(revs);
		conflict = conflict_view(ctx, r, &refs, now, v.body,
		    in.version);
		/* Saving again now is deliberate: over their version. */
		v.version = arena_printf(r->arena, "%lld", (long long)
		    json_integer_value(json_object_get(now, "version")));
		art = now;
		status = 409;
		break;
	default:
		goto out;
	}
	rc = edit_page(ctx, r, resp, u, status, art, &refs, &v, &p, conflict);
out:
	json_decref(now);
	article_refs_free(&refs);
	return rc;
}

enum err
admin_article_create(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	return article_post(ctx, r, resp, &u, NULL);
}

enum err
admin_article_update(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *art;
	enum err rc;
	int go;

	if ((rc = article_begin(ctx, r, resp, &u, &art, &go)) != ERR_OK ||
	    !go)
		return rc;
	rc = article_post(ctx, r, resp, &u, art);
	json_decref(art);
	return rc;
}

/*
 * Render row (store_article_get's shape) as readers will see it: the
 * public article template, never cached, never counted.
 */
static enum err
preview_render(struct ctx *ctx, struct req *r, struct resp *resp,
    json_t *row)
{
	json_t *v;
	enum err rc;

	if ((rc = site_article_view(ctx, r, row, site_reads_text(r->arena,
	    json_integer_value(json_object_get(row, "reads"))), &v)) !=
	    ERR_OK)
		return rc;
	return admin_render(ctx, r, resp, 200, "article", v);
}

enum err
admin_article_preview(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *art;
	enum err rc;
	int go;

	if ((rc = article_begin(ctx, r, resp, &u, &art, &go)) != ERR_OK ||
	    !go)
		return rc;
	rc = preview_render(ctx, r, resp, art);
	json_decref(art);
	return rc;
}

/* The row an unsaved form would make, for its preview. */
static json_t *
typed_row(struct ctx *ctx, const struct article_refs *refs,
    const struct article_input *in, json_t *art)
{
	json_t *row, *sec, *iss, *authors = json_array(), *who;
	char iso[TIME_ISO_LEN];
	size_t i;

	time_iso(in->publish_at != 0 ? in->publish_at : site_now(ctx->site),
	    TIME_ISO_SECONDS, iso);
	sec = article_ref(refs->sections, in->section_id);
	if (sec == NULL)
		sec = json_array_get(refs->sections, 0);
	iss = article_ref(refs->issues, in->issue_id);
	for (i = 0; i < in->nauthors; i++)
		if ((who = article_ref(refs->people, in->authors[i])) != NULL)
			json_array_append_new(authors, json_pack("{s:s, s:s}",
			    "slug", view_str(who, "slug"), "name",
			    view_str(who, "name")));
	row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:{s:s, s:s}, s:o}",
	    "slug", *in->slug != '\0' ? in->slug : "preview", "title",
	    *in->title != '\0' ? in->title : "Untitled", "dek", in->dek,
	    "body", in->body, "published_at", iso, "reads", (json_int_t)(
	    art != NULL ? json_integer_value(json_object_get(art, "reads")) :
	    0), "section", "slug", view_str(sec, "slug"), "name",
	    view_str(sec, "name"), "authors", authors);
	json_object_set_new(row, "correction", json_string(in->correction));
	json_object_set_new(row, "correction_kind", json_string(
	    in->correction_kind));
	json_object_set_new(row, "correction_date", json_string(
	    in->correction_date));
	if (iss != NULL)
		json_object_set_new(row, "issue", json_pack("{s:O, s:s, s:s}",
		    "number", json_object_get(iss, "number"), "date",
		    view_str(iss, "date"), "title", view_str(iss, "title")));
	return row;
}

enum err
admin_article_preview_post(struct ctx *ctx, struct req *r,
    struct resp *resp)
{
	struct admin_user u;
	struct article_refs refs;
	struct article_values v;
	struct article_input in;
	struct article_problems p;
	json_t *art = NULL, *row;
	long long id = 0;
	const char *ids = req_form(r, "id");
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	/* The stored article's read count, if it is one u may see. */
	if (ids != NULL && str_to_ll(ids, 1, INT64_MAX, &id) == ERR_OK &&
	    store_article_edit_get(ctx->store, (int64_t)id, &art) == ERR_OK &&
	    !article_may_see(&u, art)) {
		json_decref(art);
		art = NULL;
	}
	if ((rc = article_refs_load(ctx, &refs)) != ERR_OK) {
		json_decref(art);
		return rc;
	}
	article_values_typed(r, &v);
	article_input_of(r->arena, &v, 0, 1, &in, &p);
	row = typed_row(ctx, &refs, &in, art);
	rc = preview_render(ctx, r, resp, row);
	json_decref(row);
	json_decref(art);
	article_refs_free(&refs);
	return rc;
}

enum err
admin_article_unpublish(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct article_values v;
	struct article_input in;
	struct article_problems p;
	json_t *art;
	int64_t id, version;
	enum err rc;
	int go;

	if ((rc = article_begin(ctx, r, resp, &u, &art, &go)) != ERR_OK ||
	    !go)
		return rc;
	if (u.role < ROLE_EDITOR) {
		json_decref(art);
		return admin_message(ctx, r, resp, &u, 403, "You may not do "
		    "this", "Only editors publish and unpublish articles. "
		    "Nothing was changed.");
	}
	article_values_of(r->arena, art, &v);
	v.status = "draft";
	v.publish_at = "";
	article_input_of(r->arena, &v, json_integer_value(json_object_get(art,
	    "id")), 1, &in, &p);
	rc = article_save(ctx, r, &u, &in, NULL, site_now(ctx->site), &p, &id,
	    &version);
	if (rc == ERR_OK)
		admin_redirect(r, resp, arena_printf(r->arena, LIST_URL
		    "/%lld?done=article-unpublished", (long long)id));
	else if (rc == ERR_INVAL)
		rc = admin_message(ctx, r, resp, &u, 422, "It cannot be "
		    "unpublished as it is", p.n > 0 ? p.p[0].why : "");
	json_decref(art);
	return rc;
}

enum err
admin_article_delete_ask(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *art, *v;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = article_begin(ctx, r, resp, &u, &art, &go)) != ERR_OK ||
	    !go)
		return rc;
	id = json_integer_value(json_object_get(art, "id"));
	if (u.role < ROLE_EDITOR) {
		json_decref(art);
		return admin_message(ctx, r, resp, &u, 403, "You may not do "
		    "this", "Only editors delete articles.");
	}
	v = admin_view(ctx, r, &u, "Delete an article", LIST_URL);
	json_object_set_new(v, "confirm", json_pack("{s:s, s:s, s:s, s:s, "
	    "s:s}", "title", arena_printf(r->arena, "Delete “%s”?",
	    view_str(art, "title")), "text", strcmp(view_str(art, "status"),
	    "published") == 0 ? "It is published: readers lose it at once, "
	    "and its address stops working. Its revisions and read counts "
	    "go too. This cannot be undone." : "Its revisions go too. This "
	    "cannot be undone.", "action", arena_printf(r->arena, LIST_URL
	    "/%lld/delete", (long long)id), "button", "Delete the article",
	    "cancel_url", arena_printf(r->arena, LIST_URL "/%lld",
	    (long long)id)));
	json_decref(art);
	return admin_render(ctx, r, resp, 200, "admin-confirm", v);
}

enum err
admin_article_delete(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *art;
	enum err rc;
	int go;

	if ((rc = article_begin(ctx, r, resp, &u, &art, &go)) != ERR_OK ||
	    !go)
		return rc;
	rc = article_delete(ctx, r, &u, json_integer_value(json_object_get(
	    art, "id")));
	json_decref(art);
	if (rc == ERR_AUTH)
		return admin_message(ctx, r, resp, &u, 403, "You may not do "
		    "this", "Only editors delete articles. Nothing was "
		    "changed.");
	if (rc == ERR_OK)
		admin_redirect(r, resp, LIST_URL "?done=article-deleted");
	return rc;
}
