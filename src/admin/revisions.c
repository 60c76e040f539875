/*
 * revisions: an article's history in the back office.  Every save keeps a
 * revision (article_save); /admin/articles/:id/revisions lists who saved
 * each and when, /diff?from=&to= shows what changed between two (the
 * fields as people read them, the text line by line), and a restore
 * saves an old revision's content again as a new revision (the status
 * and publication time stay as they are now), audited.  Who may see an
 * article may see its history; who may edit it may restore.
 */
#include <string.h>

#include "admin.h"

/* The revision's id from text, 0 when absent or not a number. */
static int64_t
rev_id(const char *s)
{
	long long n;

	if (s == NULL || str_to_ll(s, 1, INT64_MAX, &n) != ERR_OK)
		return 0;
	return (int64_t)n;
}

static const char *
saved_when(struct arena *a, json_t *rev)
{
	int64_t t;

	if (time_parse_iso(view_str(rev, "saved_at"), &t) != ERR_OK)
		return "";
	return admin_time(a, t);
}

/* The article's head for the history pages: title, links. */
static json_t *
article_head(struct arena *a, json_t *art)
{
	long long id = (long long)json_integer_value(json_object_get(art,
	    "id"));

	return json_pack("{s:s, s:s, s:s, s:s}", "title", view_str(art,
	    "title"), "edit_url", arena_printf(a, "/admin/articles/%lld", id),
	    "revisions_url", arena_printf(a, "/admin/articles/%lld/revisions",
	    id), "restore_url", arena_printf(a, "/admin/articles/%lld/restore",
	    id));
}

enum err
admin_article_revisions(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *art, *revs = NULL, *list, *it, *v, *head;
	long long id;
	size_t i, n;
	enum err rc;
	int go;

	if ((rc = article_begin(ctx, r, resp, &u, &art, &go)) != ERR_OK ||
	    !go)
		return rc;
	id = (long long)json_integer_value(json_object_get(art, "id"));
	if ((rc = store_revisions_list(ctx->store, id, &revs)) != ERR_OK) {
		json_decref(art);
		return rc;
	}
	list = json_array();
	n = json_array_size(revs);
	json_array_foreach(revs, i, it) {
		long long rid = (long long)json_integer_value(json_object_get(
		    it, "id"));
		json_t *prev = json_array_get(revs, i + 1);

		const char *st = view_str(it, "status");

		json_array_append_new(list, json_pack("{s:s, s:I, s:I, s:s, "
		    "s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "status_label",
		    strcmp(st, "published") == 0 ? "published" :
		    strcmp(st, "scheduled") == 0 ? "scheduled" : "draft",
		    "id", (json_int_t)rid,
		    "n", (json_int_t)(n - i), "when", saved_when(r->arena, it),
		    "iso", view_str(it, "saved_at"), "who", *view_str(it,
		    "who") != '\0' ? view_str(it, "who") : "someone",
		    "note", view_str(it, "note"), "status", view_str(it,
		    "status"), "diff_url", prev == NULL ? "" : arena_printf(
		    r->arena, "/admin/articles/%lld/diff?from=%lld&to=%lld",
		    id, (long long)json_integer_value(json_object_get(prev,
		    "id")), rid), "current", i == 0, "first", prev == NULL));
	}
	json_decref(revs);
	head = article_head(r->arena, art);
	json_object_set_new(head, "may_restore", json_boolean(
	    article_may_edit(&u, art)));
	json_object_set_new(head, "version", json_integer(json_integer_value(
	    json_object_get(art, "version"))));
	json_object_set_new(head, "diff_url", json_string(arena_printf(
	    r->arena, "/admin/articles/%lld/diff", id)));
	json_object_set_new(head, "revisions", list);
	json_object_set_new(head, "empty", json_boolean(n == 0));
	json_object_set_new(head, "several", json_boolean(n > 1));
	v = admin_view(ctx, r, &u, arena_printf(r->arena, "Revisions: %s",
	    view_str(art, "title")), "/admin/articles");
	json_object_set_new(v, "history", head);
	json_decref(art);
	return admin_render(ctx, r, resp, 200, "admin-article-revisions", v);
}

enum err
admin_article_diff(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct article_refs refs;
	json_t *art, *from = NULL, *to = NULL, *fields = NULL, *v, *head;
	const char *html = "";
	int64_t id, fid, tid;
	long changed = 0;
	enum err rc;
	int go;

	if ((rc = article_begin(ctx, r, resp, &u, &art, &go)) != ERR_OK ||
	    !go)
		return rc;
	id = json_integer_value(json_object_get(art, "id"));
	fid = rev_id(req_query(r, "from"));
	tid = rev_id(req_query(r, "to"));
	if (fid == 0 || tid == 0 ||
	    (rc = store_revision_get(ctx->store, id, fid, 0, &from)) !=
	    ERR_OK || (rc = store_revision_get(ctx->store, id, tid, 0, &to)) !=
	    ERR_OK) {
		json_decref(from);
		json_decref(art);
		return admin_message(ctx, r, resp, &u, 404, "No such "
		    "revisions", "Choose two revisions of this article from "
		    "its list of revisions.");
	}
	if ((rc = article_refs_load(ctx, &refs)) == ERR_OK) {
		rc = article_changes(r->arena, &refs, from, to, &fields, &html,
		    &changed);
		article_refs_free(&refs);
	}
	if (rc != ERR_OK)
		goto out;
	head = article_head(r->arena, art);
	json_object_set_new(head, "from", json_pack("{s:I, s:s, s:s}", "id",
	    (json_int_t)fid, "when", saved_when(r->arena, from), "who",
	    view_str(from, "who")));
	json_object_set_new(head, "to", json_pack("{s:I, s:s, s:s}", "id",
	    (json_int_t)tid, "when", saved_when(r->arena, to), "who",
	    view_str(to, "who")));
	json_object_set_new(head, "fields", fields);
	json_object_set_new(head, "body_html", json_string(html));
	json_object_set_new(head, "same", json_boolean(changed == 0));
	json_object_set_new(head, "may_restore", json_boolean(
	    article_may_edit(&u, art)));
	v = admin_view(ctx, r, &u, arena_printf(r->arena, "Changes: %s",
	    view_str(art, "title")), "/admin/articles");
	json_object_set_new(v, "diff", head);
	rc = admin_render(ctx, r, resp, 200, "admin-article-diff", v);
out:
	json_decref(from);
	json_decref(to);
	json_decref(art);
	return rc;
}

/* A revision's list text ("1,4" or lines) as the form's values. */
static size_t
items_of(struct arena *a, const char *s, char sep, const char **out,
    size_t max)
{
	size_t n = 0, len;

	while (*s != '\0' && n < max) {
		len = strcspn(s, sep == ',' ? "," : "\n");
		if (len > 0)
			out[n++] = arena_strndup(a, s, len);
		s += len + (s[len] != '\0');
	}
	return n;
}

enum err
admin_article_restore(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	struct article_values vals;
	struct article_input in;
	struct article_problems p;
	json_t *art, *rev = NULL;
	const char *tags[ARTICLE_TAGS_MAX], *codes[ARTICLE_COUNTRIES_MAX];
	int64_t id, rid, version, nid;
	size_t i, nt, nc;
	enum err rc;
	int go;

	if ((rc = article_begin(ctx, r, resp, &u, &art, &go)) != ERR_OK ||
	    !go)
		return rc;
	id = json_integer_value(json_object_get(art, "id"));
	rid = rev_id(req_form(r, "revision"));
	if (rid == 0 || store_revision_get(ctx->store, id, rid, 0, &rev) !=
	    ERR_OK) {
		json_decref(art);
		return admin_message(ctx, r, resp, &u, 404, "No such revision",
		    "Choose a revision of this article from its list.");
	}
	/* The old content; the status and time as they are now. */
	article_values_of(r->arena, art, &vals);
	vals.title = view_str(rev, "title");
	vals.slug = view_str(rev, "slug");
	vals.dek = view_str(rev, "dek");
	vals.body = view_str(rev, "body");
	vals.section = arena_printf(r->arena, "%lld", (long long)
	    json_integer_value(json_object_get(rev, "section_id")));
	vals.issue = json_integer_value(json_object_get(rev, "issue_id")) ==
	    0 ? "" : arena_printf(r->arena, "%lld", (long long)
	    json_integer_value(json_object_get(rev, "issue_id")));
	vals.nauthors = items_of(r->arena, view_str(rev, "authors"), ',',
	    vals.authors, ARTICLE_AUTHORS_MAX);
	nt = items_of(r->arena, view_str(rev, "tags"), '\n', tags,
	    ARTICLE_TAGS_MAX);
	nc = items_of(r->arena, view_str(rev, "countries"), ',', codes,
	    ARTICLE_COUNTRIES_MAX);
	vals.tags = "";
	for (i = 0; i < nt; i++)
		vals.tags = arena_printf(r->arena, "%s%s%s", vals.tags,
		    i > 0 ? "," : "", tags[i]);
	vals.countries = "";
	for (i = 0; i < nc; i++)
		vals.countries = arena_printf(r->arena, "%s%s%s",
		    vals.countries, i > 0 ? "," : "", codes[i]);
	/* The note to readers as it was (unknown before migration 18). */
	if (json_is_string(json_object_get(rev, "correction"))) {
		vals.correction = view_str(rev, "correction");
		vals.correction_date = view_str(rev, "correction_date");
		if (*view_str(rev, "correction_kind") != '\0')
			vals.correction_kind = view_str(rev,
			    "correction_kind");
	}
	article_input_of(r->arena, &vals, id, u.role >= ROLE_EDITOR, &in, &p);
	rc = article_save(ctx, r, &u, &in, arena_printf(r->arena,
	    "restored from the revision of %s", saved_when(r->arena, rev)),
	    site_now(ctx->site), &p, &nid, &version);
	if (rc == ERR_OK)
		admin_redirect(r, resp, arena_printf(r->arena,
		    "/admin/articles/%lld/revisions?done=article-restored",
		    (long long)id));
	else if (rc == ERR_INVAL)
		rc = admin_message(ctx, r, resp, &u, 422, "This revision "
		    "cannot be restored as it is", arena_printf(r->arena,
		    "%s Edit the article instead.", p.p[0].why));
	else if (rc == ERR_AUTH)
		rc = admin_message(ctx, r, resp, &u, 403, "You may not do "
		    "this", "Authors restore their own drafts only. Nothing "
		    "was changed.");
	else if (rc == ERR_CONFLICT)
		rc = admin_message(ctx, r, resp, &u, 409, "Saved meanwhile",
		    "Someone saved the article while you restored it. Nothing "
		    "was changed: look at its revisions again.");
	json_decref(rev);
	json_decref(art);
	return rc;
}
