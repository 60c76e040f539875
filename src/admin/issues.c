/*
 * issues: /admin/issues, for editors: every issue, drafts too, newest
 * first; a new issue; one issue's details and its assembly (articles
 * added from those in no issue, found by their title; taken out;
 * reordered with buttons, or by dragging with admin-issue.js, which
 * posts the same form); publishing it with its articles, unpublishing
 * it (after a confirmation: its articles go back to draft with it) and
 * deleting it (after a confirmation; refused while it holds articles:
 * they are taken out first, so that none is lost from view by
 * accident).  The changes themselves are issue_save.c's.
 */
#include <string.h>

#include "admin.h"

#define CANDIDATES	20	/* articles offered to add, at most */

static const char *
issue_url(struct req *r, int64_t id, const char *tail)
{
	return arena_printf(r->arena, "/admin/issues/%lld%s", (long long)id,
	    tail);
}

static int64_t
row_id(json_t *row)
{
	return json_integer_value(json_object_get(row, "id"));
}

static long
row_long(json_t *row, const char *key)
{
	return (long)json_integer_value(json_object_get(row, key));
}

/* "Ana Ruiz, Li Wei" */
static const char *
authors_of(struct req *r, json_t *row)
{
	json_t *a;
	size_t i;
	const char *s = "";

	json_array_foreach(json_object_get(row, "authors"), i, a)
		s = i == 0 ? view_str(a, "name") : arena_printf(r->arena,
		    "%s, %s", s, view_str(a, "name"));
	return s;
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

/* The form of an issue's details, with values as given. */
static json_t *
issue_form(const struct issue_typed *in)
{
	json_t *f = form_new(), *x;

	x = form_field(f, "number", "Number", "text", in->number, NULL,
	    "off", 1);
	json_object_set_new(x, "inputmode", json_string("numeric"));
	x = form_field(f, "volume", "Volume", "text", in->volume, NULL, "off",
	    1);
	json_object_set_new(x, "inputmode", json_string("numeric"));
	form_field(f, "date", "Date", "text", in->date, "YYYY-MM-DD", "off",
	    1);
	form_field(f, "title", "Title", "text", in->title, "Optional: the "
	    "issue's theme, shown above its table of contents.", "off", 0);
	form_field(f, "note", "Editor's note", "textarea", in->note,
	    "Markdown. Shown on the issue's page, before its articles.",
	    NULL, 0);
	form_field(f, "cover", "Cover image", "text", in->cover,
	    "An address (https://...) or a path of this site's media "
	    "(/media/...). Optional.", "off", 0);
	return f;
}

static void
typed_of_row(struct req *r, json_t *row, struct issue_typed *in)
{
	in->number = arena_printf(r->arena, "%ld", row_long(row, "number"));
	in->volume = arena_printf(r->arena, "%ld", row_long(row, "volume"));
	in->date = view_str(row, "date");
	in->title = view_str(row, "title");
	in->note = view_str(row, "note");
	in->cover = view_str(row, "cover");
}

static void
typed_of_form(struct req *r, struct issue_typed *in)
{
	in->number = edit_text(r, "number");
	in->volume = edit_text(r, "volume");
	in->date = edit_text(r, "date");
	in->title = edit_text(r, "title");
	in->note = edit_text(r, "note");
	in->cover = edit_text(r, "cover");
}

static enum err
issues_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	json_t *v, *rows = NULL, *list, *it;
	long page, total;
	size_t i;
	enum err rc;

	(void)row;
	if ((rc = view_page_number(r, resp, "/admin/issues", &page)) !=
	    ERR_OK || page == 0)
		return rc;
	if ((rc = store_issues_page(ctx->store, PER_PAGE, (page - 1) *
	    PER_PAGE, &rows, &total)) != ERR_OK)
		return rc;
	if (view_page_past(page, &rows))
		return ERR_NOTFOUND;
	list = json_array();
	json_array_foreach(rows, i, it) {
		const char *st = view_str(it, "status");
		long n = row_long(it, "articles");

		json_array_append_new(list, json_pack("{s:s, s:I, s:I, s:s, "
		    "s:s, s:s, s:s, s:b, s:I, s:I, s:b}", "url", issue_url(r,
		    row_id(it), ""), "number", (json_int_t)row_long(it,
		    "number"), "volume", (json_int_t)row_long(it, "volume"),
		    "date", view_str(it, "date"), "title", view_str(it,
		    "title"), "status", st, "status_label", status_label(st),
		    "draft", strcmp(st, "published") != 0, "articles",
		    (json_int_t)n, "published", (json_int_t)row_long(it,
		    "published"), "one", n == 1));
	}
	json_decref(rows);
	v = admin_view(ctx, r, u, "Issues", "/admin/issues");
	json_object_set_new(v, "issues", list);
	json_object_set_new(v, "total", json_integer(total));
	json_object_set_new(v, "empty", json_boolean(total == 0));
	json_object_set_new(v, "pagination", view_pagination(r->arena,
	    "/admin/issues", page, total));
	return admin_render(ctx, r, resp, 200, "admin-issues", v);
}

enum err
admin_issues(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, NULL, issues_do);
}

/*
 * The form's first three fields (number, volume, date) as row, shown on
 * one line, and the others as rest.
 */
static json_t *
form_split(json_t *form)
{
	json_t *row = json_array(), *rest = json_array(), *f;
	size_t i;

	json_array_foreach(json_object_get(form, "fields"), i, f)
		json_array_append(i < 3 ? row : rest, f);
	json_object_set_new(form, "row", row);
	json_object_set_new(form, "rest", rest);
	return form;
}

/* The new-issue page, with form (taken). */
static enum err
new_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *form)
{
	json_t *v = admin_view(ctx, r, u, "New issue", "/admin/issues");

	json_object_set_new(v, "issue", json_pack("{s:b, s:s, s:s, s:o}",
	    "is_new", 1, "heading", "New issue", "action", "/admin/issues",
	    "form", form_split(form)));
	return admin_render(ctx, r, resp, status, "admin-issue", v);
}

static enum err
issue_new_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	struct issue_typed in;
	char today[TIME_ISO_LEN];
	json_t *rows = NULL, *it;
	long number = 0, volume = 1;
	size_t i;
	enum err rc;

	(void)row;
	/* The next number, in the newest issue's volume. */
	if ((rc = store_issues_page(ctx->store, 0, 0, &rows, NULL)) != ERR_OK)
		return rc;
	json_array_foreach(rows, i, it) {
		if (row_long(it, "number") > number)
			number = row_long(it, "number");
		if (i == 0)
			volume = row_long(it, "volume");
	}
	json_decref(rows);
	time_iso(site_now(ctx->site), TIME_ISO_DATE, today);
	memset(&in, 0, sizeof(in));
	in.number = arena_printf(r->arena, "%ld", number + 1);
	in.volume = arena_printf(r->arena, "%ld", volume);
	in.date = arena_strdup(r->arena, today);
	in.title = in.note = in.cover = "";
	return new_page(ctx, r, resp, u, 200, issue_form(&in));
}

enum err
admin_issue_new(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, NULL, issue_new_do);
}

static void
number_taken(json_t *form, struct req *r, long number)
{
	form_error(form, "number", arena_printf(r->arena, "There is an issue "
	    "No. %ld already: choose another number.", number));
}

/*
 * The issue page: details, status and actions, its articles by section
 * with their buttons, and the articles that may be added (those in no
 * issue, found by ?q=).  form (taken) NULL: the stored values;
 * add_error: a message for the add panel, or NULL.
 */
static enum err
issue_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *row, json_t *form,
    const char *add_error)
{
	struct issue_typed in;
	const struct asset *js;
	json_t *v, *arts = NULL, *cands = NULL, *o, *secs, *sec = NULL, *list;
	json_t *it, *cl;
	const char *q = req_query(r, "q"), *cur = "", *st;
	int64_t id = row_id(row);
	long number = row_long(row, "number"), drafts = 0, n;
	size_t i;
	enum err rc;
	int hashed, published = strcmp(view_str(row, "status"),
	    "published") == 0;

	q = q != NULL ? q : "";
	if ((rc = store_issue_articles(ctx->store, id, &arts)) != ERR_OK ||
	    (rc = store_articles_unassigned(ctx->store, q, CANDIDATES,
	    &cands)) != ERR_OK) {
		json_decref(arts);
		json_decref(form);
		return rc;
	}
	if (form == NULL) {
		typed_of_row(r, row, &in);
		form = issue_form(&in);
	}
	o = json_object();
	json_object_set_new(o, "is_new", json_false());
	json_object_set_new(o, "heading", json_string(*view_str(row,
	    "title") != '\0' ? view_str(row, "title") : arena_printf(
	    r->arena, "Issue %ld", number)));
	json_object_set_new(o, "number", json_integer(number));
	json_object_set_new(o, "volume", json_integer(row_long(row,
	    "volume")));
	view_copy(o, "date", row, "date");
	json_object_set_new(o, "published", json_boolean(published));
	json_object_set_new(o, "action", json_string(issue_url(r, id, "")));
	json_object_set_new(o, "form", form_split(form));
	json_object_set_new(o, "articles_url", json_string(issue_url(r, id,
	    "/articles")));
	json_object_set_new(o, "publish_url", json_string(issue_url(r, id,
	    "/publish")));
	json_object_set_new(o, "unpublish_url", json_string(issue_url(r, id,
	    "/unpublish")));
	json_object_set_new(o, "delete_url", json_string(issue_url(r, id,
	    "/delete")));
	json_object_set_new(o, "public_url", json_string(arena_printf(
	    r->arena, "/issues/%ld", number)));
	/* Its articles by section, as its table of contents shows them. */
	secs = json_array();
	n = (long)json_array_size(arts);
	json_array_foreach(arts, i, it) {
		json_t *s = json_object_get(it, "section");
		json_t *next = json_array_get(arts, i + 1);

		st = view_str(it, "status");
		if (strcmp(st, "published") != 0)
			drafts++;
		if (sec == NULL || strcmp(cur, view_str(s, "slug")) != 0) {
			sec = json_object();
			list = json_array();
			view_copy(sec, "name", s, "name");
			json_object_set_new(sec, "articles", list);
			json_array_append_new(secs, sec);
			cur = view_str(s, "slug");
		} else
			list = json_object_get(sec, "articles");
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:s, s:b, s:b, s:b}", "id", (json_int_t)row_id(it),
		    "title", view_str(it, "title"), "authors", authors_of(r,
		    it), "status", st, "status_label", status_label(st),
		    "draft", strcmp(st, "published") != 0, "first",
		    json_array_size(list) == 0, "last", next == NULL ||
		    strcmp(view_str(json_object_get(next, "section"),
		    "slug"), cur) != 0));
	}
	json_decref(arts);
	json_object_set_new(o, "sections", secs);
	json_object_set_new(o, "count", json_integer(n));
	json_object_set_new(o, "count_text", json_string(arena_printf(
	    r->arena, "%ld %s", n, n == 1 ? "article" : "articles")));
	json_object_set_new(o, "empty", json_boolean(n == 0));
	json_object_set_new(o, "drafts", json_integer(drafts));
	json_object_set_new(o, "one_draft", json_boolean(drafts == 1));
	json_object_set_new(o, "can_publish", json_boolean(n > 0 &&
	    (!published || drafts > 0)));
	cl = json_array();
	json_array_foreach(cands, i, it) {
		st = view_str(it, "status");
		json_array_append_new(cl, json_pack("{s:I, s:s, s:s, s:s, s:s, "
		    "s:s, s:b, s:b}", "id", (json_int_t)row_id(it), "title",
		    view_str(it, "title"), "authors", authors_of(r, it),
		    "section", view_str(json_object_get(it, "section"),
		    "name"), "status", st, "status_label", status_label(st),
		    "draft", strcmp(st, "published") != 0, "blocked",
		    !published && strcmp(st, "published") == 0));
	}
	json_decref(cands);
	json_object_set_new(o, "candidates", cl);
	json_object_set_new(o, "no_candidates", json_boolean(
	    json_array_size(cl) == 0));
	json_object_set_new(o, "q", json_string(q));
	json_object_set_new(o, "add_error", json_string(add_error != NULL ?
	    add_error : ""));
	js = site_asset(ctx->site, "admin-issue.js", &hashed);
	json_object_set_new(o, "script", json_string(js != NULL ?
	    arena_printf(r->arena, "/static/%s", js->hashed) :
	    "/static/admin-issue.js"));
	v = admin_view(ctx, r, u, arena_printf(r->arena, "Issue %ld",
	    number), "/admin/issues");
	json_object_set_new(v, "issue", o);
	return admin_render(ctx, r, resp, status, "admin-issue", v);
}

static enum err
issue_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	return issue_page(ctx, r, resp, u, 200, row, NULL, NULL);
}

enum err
admin_issue(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_issue_by_id, issue_do);
}

static enum err
issue_create_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	struct issue_typed in;
	struct store_issue is = { 0 };
	json_t *form;
	int64_t id = 0;
	enum err rc;

	(void)row;
	typed_of_form(r, &in);
	form = issue_form(&in);
	if (!issue_check(r, form, &in, &is))
		return new_page(ctx, r, resp, u, 422, form);
	rc = issue_save(ctx, r, u, &is, &id);
	if (rc == ERR_CONFLICT) {
		number_taken(form, r, is.number);
		return new_page(ctx, r, resp, u, 422, form);
	}
	json_decref(form);
	if (rc == ERR_OK)
		admin_redirect(r, resp, issue_url(r, id,
		    "?done=issue-added"));
	return rc;
}

enum err
admin_issue_create(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, NULL, issue_create_do);
}

static enum err
issue_update_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	struct issue_typed in;
	struct store_issue is = { 0 };
	json_t *form;
	int64_t id;
	enum err rc = ERR_OK;

	is.id = row_id(row);
	typed_of_form(r, &in);
	form = issue_form(&in);
	if (issue_check(r, form, &in, &is)) {
		rc = issue_save(ctx, r, u, &is, &id);
		if (rc == ERR_CONFLICT) {
			number_taken(form, r, is.number);
			rc = ERR_OK;
		}
	}
	if (rc == ERR_OK && form_failed(form)) {
		rc = issue_page(ctx, r, resp, u, 422, row, form, NULL);
		form = NULL;
	} else if (rc == ERR_OK)
		admin_redirect(r, resp, issue_url(r, is.id,
		    "?done=issue-saved"));
	json_decref(form);
	return rc;
}

enum err
admin_issue_update(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_issue_by_id, issue_update_do);
}

/* The issue's article ids in table-of-contents order, into the arena. */
static enum err
article_ids(struct ctx *ctx, struct req *r, int64_t issue, int64_t **ids,
    size_t *n, json_t **arts)
{
	json_t *it;
	size_t i;
	enum err rc;

	if ((rc = store_issue_articles(ctx->store, issue, arts)) != ERR_OK)
		return rc;
	*n = json_array_size(*arts);
	*ids = arena_alloc(r->arena, (*n + 1) * sizeof(**ids));
	json_array_foreach(*arts, i, it)
		(*ids)[i] = row_id(it);
	return ERR_OK;
}

/*
 * The new order: ?action=up or down moves the article one place within
 * its section; ?action=order gives every id, comma-separated (the
 * dragging script).  ERR_INVAL when the request does not fit the issue
 * as it is now (it changed since the page was shown).
 */
static enum err
new_order(struct ctx *ctx, struct req *r, int64_t issue, int64_t article,
    const char *action, int64_t **ids, size_t *n)
{
	json_t *arts = NULL;
	const char *sa, *sb;
	int64_t t, *want;
	size_t i, j, k = 0;
	enum err rc;

	if ((rc = article_ids(ctx, r, issue, ids, n, &arts)) != ERR_OK)
		return rc;
	if (strcmp(action, "order") == 0) {
		/* The same articles, each once. */
		want = arena_alloc(r->arena, (*n + 1) * sizeof(*want));
		rc = edit_ids(edit_text(r, "order"), want, *n, &k) == ERR_OK &&
		    k == *n ? ERR_OK : ERR_INVAL;
		for (i = 0; rc == ERR_OK && i < *n; i++)
			for (j = 0, rc = ERR_INVAL; j < *n; j++)
				if (want[j] == (*ids)[i])
					rc = ERR_OK;
		for (i = 0; rc == ERR_OK && i < *n; i++)
			for (j = i + 1; j < *n; j++)
				if (want[i] == want[j])
					rc = ERR_INVAL;
		if (rc == ERR_OK)
			*ids = want;
		json_decref(arts);
		return rc;
	}
	rc = ERR_INVAL;
	for (i = 0; i < *n; i++) {
		if ((*ids)[i] != article)
			continue;
		j = strcmp(action, "up") == 0 ? i - 1 : i + 1;
		if (i == 0 && strcmp(action, "up") == 0)
			break;
		if (j >= *n)
			break;
		/* Only within its section: the contents group by section. */
		sa = view_str(json_object_get(json_array_get(arts, i),
		    "section"), "slug");
		sb = view_str(json_object_get(json_array_get(arts, j),
		    "section"), "slug");
		if (strcmp(sa, sb) == 0) {
			t = (*ids)[i];
			(*ids)[i] = (*ids)[j];
			(*ids)[j] = t;
			rc = ERR_OK;
		}
		break;
	}
	json_decref(arts);
	return rc;
}

static enum err
issue_articles_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	const char *action = edit_text(r, "action"), *done = NULL;
	const char *why = NULL;
	int64_t id, *ids = NULL;
	long long art = 0;
	size_t n = 0;
	enum err rc;

	id = row_id(row);
	if (strcmp(action, "order") != 0 && str_to_ll(edit_text(r,
	    "article"), 1, INT64_MAX, &art) != ERR_OK) {
		rc = ERR_PARSE;
		goto out;
	}
	if (strcmp(action, "add") == 0) {
		rc = issue_article_add(ctx, r, u, id, (int64_t)art);
		done = "article-added";
		if (rc == ERR_INVAL)
			why = "That article is published, and this issue is "
			    "not: a published article can only be in a "
			    "published issue. Add it after publishing the "
			    "issue, or unpublish the article first.";
		else if (rc == ERR_CONFLICT)
			why = "That article is in an issue already: take it "
			    "out of that issue first.";
		else if (rc == ERR_NOTFOUND)
			why = "That article does not exist any more.";
	} else if (strcmp(action, "remove") == 0) {
		if ((rc = store_begin(ctx->store)) == ERR_OK)
			rc = edit_commit(ctx, r, u,
			    store_issue_article_remove(ctx->store, id,
			    (int64_t)art), NULL, NULL);
		done = "article-removed";
		if (rc == ERR_NOTFOUND)
			why = "That article is not in this issue any more.";
	} else if (strcmp(action, "up") == 0 || strcmp(action, "down") == 0 ||
	    strcmp(action, "order") == 0) {
		done = "order";
		if ((rc = store_begin(ctx->store)) != ERR_OK)
			goto out;
		/* Read and written in one transaction: no move is lost. */
		if ((rc = new_order(ctx, r, id, (int64_t)art, action, &ids,
		    &n)) == ERR_OK)
			rc = store_issue_order(ctx->store, id, ids, n);
		if ((rc = edit_commit(ctx, r, u, rc, NULL, NULL)) ==
		    ERR_INVAL || rc == ERR_NOTFOUND)
			why = "The issue's articles changed since this page "
			    "was shown: nothing was moved. Try again.";
	} else {
		rc = ERR_PARSE;
		goto out;
	}
	if (why != NULL)
		rc = issue_page(ctx, r, resp, u, 409, row, NULL, why);
	else if (rc == ERR_OK)
		admin_redirect(r, resp, issue_url(r, id, arena_printf(r->arena,
		    "?done=%s#%s", done, strcmp(done, "article-added") == 0 ?
		    "add" : "contents")));
out:
	return rc;
}

enum err
admin_issue_articles(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_issue_by_id, issue_articles_do);
}

static enum err
issue_publish_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	json_t *arts = NULL;
	long n = 0;
	enum err rc;

	if ((rc = store_issue_articles(ctx->store, row_id(row), &arts)) ==
	    ERR_OK && json_array_size(arts) == 0)
		rc = admin_message(ctx, r, resp, u, 409, "Nothing to publish",
		    "This issue holds no article yet. Add its articles, then "
		    "publish it. Nothing was changed.");
	else if (rc == ERR_OK &&
	    (rc = issue_publish(ctx, r, u, row_id(row), 1, &n)) == ERR_OK)
		admin_redirect(r, resp, issue_url(r, row_id(row),
		    "?done=issue-published"));
	json_decref(arts);
	return rc;
}

enum err
admin_issue_publish(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_issue_by_id, issue_publish_do);
}

/* A confirmation page for the :id issue. */
static enum err
issue_confirm(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row, const char *title,
    const char *text, const char *tail, const char *button)
{
	json_t *v = admin_view(ctx, r, u, title, "/admin/issues");

	json_object_set_new(v, "confirm", json_pack("{s:s, s:s, s:s, s:s, "
	    "s:s}", "title", title, "text", text, "action", issue_url(r,
	    row_id(row), tail), "button", button, "cancel_url", issue_url(r,
	    row_id(row), "")));
	return admin_render(ctx, r, resp, 200, "admin-confirm", v);
}

/* How many of the issue's articles are published. */
static enum err
published_count(struct ctx *ctx, int64_t id, long *n, long *all)
{
	json_t *arts = NULL, *it;
	size_t i;
	enum err rc;

	*n = 0;
	if ((rc = store_issue_articles(ctx->store, id, &arts)) != ERR_OK)
		return rc;
	json_array_foreach(arts, i, it)
		if (strcmp(view_str(it, "status"), "published") == 0)
			(*n)++;
	*all = (long)json_array_size(arts);
	json_decref(arts);
	return ERR_OK;
}

static enum err
issue_unpublish_ask_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	long n = 0, all = 0;
	enum err rc;

	if ((rc = published_count(ctx, row_id(row), &n, &all)) == ERR_OK)
		rc = issue_confirm(ctx, r, resp, u, row, arena_printf(
		    r->arena, "Unpublish issue %ld?", row_long(row, "number")),
		    arena_printf(r->arena, "Readers will no longer see it. "
		    "A published article is never left in an unpublished "
		    "issue, so its %ld published %s go back to draft with "
		    "it. Publishing the issue again publishes them again.",
		    n, n == 1 ? "article" : "articles"), "/unpublish",
		    "Unpublish the issue and its articles");
	return rc;
}

enum err
admin_issue_unpublish_ask(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_issue_by_id,
	    issue_unpublish_ask_do);
}

static enum err
issue_unpublish_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	long n = 0;
	enum err rc;

	if ((rc = issue_publish(ctx, r, u, row_id(row), 0, &n)) == ERR_OK)
		admin_redirect(r, resp, issue_url(r, row_id(row),
		    "?done=issue-unpublished"));
	return rc;
}

enum err
admin_issue_unpublish(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_issue_by_id, issue_unpublish_do);
}

static enum err
delete_refused(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, long all)
{
	return admin_message(ctx, r, resp, u, 409, "This issue holds "
	    "articles", arena_printf(r->arena, "It holds %ld %s. Take them "
	    "out of the issue first (Remove, beside each), so that none is "
	    "lost from view by accident; then delete it. Nothing was "
	    "changed.", all, all == 1 ? "article" : "articles"));
}

static enum err
issue_delete_ask_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	long n = 0, all = 0;
	enum err rc;

	if ((rc = published_count(ctx, row_id(row), &n, &all)) == ERR_OK)
		rc = all > 0 ? delete_refused(ctx, r, resp, u, all) :
		    issue_confirm(ctx, r, resp, u, row, arena_printf(
		    r->arena, "Delete issue %ld?", row_long(row, "number")),
		    "The issue is removed for good, with its details and "
		    "editor's note. It holds no article.", "/delete",
		    "Delete the issue");
	return rc;
}

enum err
admin_issue_delete_ask(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_issue_by_id, issue_delete_ask_do);
}

static enum err
issue_delete_do(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, json_t *row)
{
	long n = 0, all = 0;
	enum err rc;

	rc = issue_delete(ctx, r, u, row_id(row), row_long(row, "number"));
	if (rc == ERR_CONFLICT &&
	    (rc = published_count(ctx, row_id(row), &n, &all)) == ERR_OK)
		rc = delete_refused(ctx, r, resp, u, all);
	else if (rc == ERR_OK)
		admin_redirect(r, resp, "/admin/issues?done=issue-deleted");
	return rc;
}

enum err
admin_issue_delete(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return edit_run(ctx, r, resp, store_issue_by_id, issue_delete_do);
}
