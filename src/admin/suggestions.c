/*
 * suggestions: /admin/countries/review, where an editor sees the
 * countries that imported articles (and authors' and the API's saves)
 * name in their text without listing them (store/suggest.c), with the
 * words that named each, and decides.  One form holds the page: each
 * suggestion a box, ticked; each article a box to select it and two
 * buttons, "Add ticked" (the ticked countries added to the article,
 * saved as a new revision by article_save, its other suggestions
 * dropped) and "Dismiss" (its suggestions dropped); under the table the
 * same two for every selected article at once.  Editors only; every
 * decision audited; no script needed.
 */
#include <string.h>

#include "admin.h"

#define REVIEW_URL	"/admin/countries/review"
#define REVIEW_MAX	PER_PAGE	/* articles decided by one request */

/*
 * The ticked codes of article id (form values "ID:KZ") that are among
 * its pending rows [{code}], as "KZ, UZ" (arena; "" for none).
 */
static const char *
ticked(struct req *r, int64_t id, json_t *pending)
{
	const char *out = "", *v;
	char prefix[32];
	json_t *it;
	size_t i, k, n;

	n = (size_t)snprintf(prefix, sizeof(prefix), "%lld:", (long long)id);
	for (i = 0; i < r->nform; i++) {
		v = r->form[i].value;
		if (strcmp(r->form[i].name, "s") != 0 || v == NULL ||
		    strncmp(v, prefix, n) != 0 || strlen(v + n) != 2)
			continue;
		json_array_foreach(pending, k, it)
			if (strcmp(view_str(it, "code"), v + n) == 0)
				break;
		if (k == json_array_size(pending) || strstr(out, v + n) != NULL)
			continue;
		out = *out == '\0' ? arena_strdup(r->arena, v + n) :
		    arena_printf(r->arena, "%s, %s", out, v + n);
	}
	return out;
}

/* The codes of rows [{code}] as "KZ, UZ", for the audit. */
static const char *
codes_of(struct arena *a, json_t *rows)
{
	const char *out = "";
	json_t *it;
	size_t i;

	json_array_foreach(rows, i, it)
		out = arena_printf(a, "%s%s%s", out, i > 0 ? ", " : "",
		    view_str(it, "code"));
	return out;
}

/*
 * Decide for article id: confirm set, add its ticked suggestions and
 * drop the others; else drop them all.  ERR_NOTFOUND when it has none
 * (decided already); *why a sentence when the save refused (ERR_INVAL).
 */
static enum err
decide(struct ctx *ctx, struct req *r, const struct admin_user *u,
    int64_t id, int confirm, const char **why)
{
	struct article_values v;
	struct article_input in;
	struct article_problems p;
	json_t *rows = NULL, *art = NULL, *pending;
	const char *add, *object;
	int64_t nid, version;
	enum err rc;

	*why = NULL;
	if ((rc = store_suggestions_list(ctx->store, id, 1, 0, &rows)) !=
	    ERR_OK)
		return rc;
	if (json_array_size(rows) == 0) {
		rc = ERR_NOTFOUND;
		goto out;
	}
	pending = json_object_get(json_array_get(rows, 0), "suggestions");
	add = confirm ? ticked(r, id, pending) : "";
	object = arena_printf(r->arena, "%s: %s %s", view_str(json_array_get(
	    rows, 0), "slug"), *add != '\0' ? "added" : "dismissed",
	    *add != '\0' ? add : codes_of(r->arena, pending));
	if (*add == '\0') {
		/* Nothing to add: the suggestions go, the article stays. */
		if ((rc = store_begin(ctx->store)) != ERR_OK)
			goto out;
		rc = store_suggestions_put(ctx->store, id, NULL, 0);
		rc = edit_commit(ctx, r, u, rc, "countries dismissed", object);
		goto out;
	}
	if ((rc = store_article_edit_get(ctx->store, id, &art)) != ERR_OK)
		goto out;
	article_values_of(r->arena, art, &v);
	v.countries = *v.countries != '\0' ? arena_printf(r->arena, "%s, %s",
	    v.countries, add) : add;
	article_input_of(r->arena, &v, id, 1, &in, &p);
	in.reviewed = 1;
	rc = article_save(ctx, r, u, &in, NULL, site_now(ctx->site), &p, &nid,
	    &version);
	if (rc == ERR_INVAL)
		*why = p.n > 0 ? p.p[0].why : "The article cannot be saved.";
	if (rc != ERR_OK)
		goto out;
	if ((rc = store_begin(ctx->store)) == ERR_OK)
		rc = edit_commit(ctx, r, u, ERR_OK, "countries confirmed",
		    object);
out:
	json_decref(art);
	json_decref(rows);
	return rc;
}

enum err
admin_countries_review(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *v, *rows = NULL, *list, *it, *sg, *boxes, *s;
	long page, articles = 0, total = 0;
	size_t i, j;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	if ((rc = view_page_number(r, resp, REVIEW_URL, &page)) != ERR_OK ||
	    page == 0)
		return rc;
	if ((rc = store_suggestions_count(ctx->store, &articles, &total)) !=
	    ERR_OK || (rc = store_suggestions_list(ctx->store, 0, PER_PAGE,
	    (page - 1) * PER_PAGE, &rows)) != ERR_OK)
		return rc;
	if (view_page_past(page, &rows))
		return ERR_NOTFOUND;
	list = json_array();
	json_array_foreach(rows, i, it) {
		id = json_integer_value(json_object_get(it, "id"));
		boxes = json_array();
		json_array_foreach(json_object_get(it, "suggestions"), j, sg) {
			s = json_object();
			json_object_set_new(s, "value", json_string(
			    arena_printf(r->arena, "%lld:%s", (long long)id,
			    view_str(sg, "code"))));
			json_object_set_new(s, "id", json_string(
			    arena_printf(r->arena, "s-%lld-%s", (long long)id,
			    view_str(sg, "code"))));
			view_copy(s, "code", sg, "code");
			view_copy(s, "name", sg, "name");
			view_copy(s, "words", sg, "words");
			json_array_append_new(boxes, s);
		}
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:s, s:o}", "id", (json_int_t)id, "title", view_str(it,
		    "title"), "url", arena_printf(r->arena,
		    "/admin/articles/%lld", (long long)id), "status",
		    view_str(it, "status"), "status_label", strcmp(view_str(it,
		    "status"), "published") == 0 ? "Published" :
		    strcmp(view_str(it, "status"), "scheduled") == 0 ?
		    "Scheduled" : "Draft", "suggestions", boxes));
	}
	json_decref(rows);
	v = admin_view(ctx, r, &u, "Suggested countries", REVIEW_URL);
	json_object_set_new(v, "review", json_pack("{s:o, s:b, s:I, s:I, "
	    "s:b, s:b}", "list", list, "empty", json_array_size(list) == 0,
	    "articles", (json_int_t)articles, "total", (json_int_t)total,
	    "one_article", articles == 1, "one", total == 1));
	json_object_set_new(v, "pagination", view_pagination(r->arena,
	    REVIEW_URL, page, articles));
	return admin_render(ctx, r, resp, 200, "admin-countries-review", v);
}

/* An article id of a form value (edit_ids' rule); 0 for anything else. */
static int64_t
id_of(const char *s)
{
	int64_t id = 0;
	size_t n = 0;

	if (s == NULL || edit_ids(s, &id, 1, &n) != ERR_OK || n != 1)
		return 0;
	return id;
}

enum err
admin_countries_review_post(struct ctx *ctx, struct req *r,
    struct resp *resp)
{
	struct admin_user u;
	int64_t ids[REVIEW_MAX];
	const char *bulk = req_form(r, "bulk"), *why, *failed = NULL;
	size_t i, n = 0;
	enum err rc;
	int go, confirm, done = 0;

	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	/* One article's button, or the selected ones'. */
	if ((ids[0] = id_of(req_form(r, "confirm"))) != 0 ||
	    (ids[0] = id_of(req_form(r, "dismiss"))) != 0) {
		confirm = req_form(r, "confirm") != NULL;
		n = 1;
	} else {
		confirm = bulk != NULL && strcmp(bulk, "confirm") == 0;
		if (bulk == NULL || (!confirm && strcmp(bulk, "dismiss") != 0))
			return admin_message(ctx, r, resp, &u, 400, "Nothing "
			    "to do", "Use the buttons of the review page.");
		for (i = 0; i < r->nform && n < REVIEW_MAX; i++)
			if (strcmp(r->form[i].name, "article") == 0 &&
			    (ids[n] = id_of(r->form[i].value)) != 0)
				n++;
	}
	if (n == 0)
		return admin_message(ctx, r, resp, &u, 422, "No article "
		    "selected", "Tick the box of each article to decide for, "
		    "then choose again.");
	for (i = 0; i < n; i++) {
		rc = decide(ctx, r, &u, ids[i], confirm, &why);
		if (rc == ERR_OK)
			done++;
		else if (rc == ERR_INVAL || rc == ERR_CONFLICT)
			failed = arena_printf(r->arena, "%s%sArticle %lld: %s",
			    failed != NULL ? failed : "", failed != NULL ?
			    " " : "", (long long)ids[i], why != NULL ? why :
			    "it changed meanwhile; try again.");
		else if (rc != ERR_NOTFOUND)
			return rc;
	}
	if (failed != NULL)
		return admin_message(ctx, r, resp, &u, 422, "Some articles "
		    "were not changed", arena_printf(r->arena, "%s Edit them "
		    "to add their countries.", failed));
	admin_redirect(r, resp, arena_printf(r->arena, REVIEW_URL "?done=%s",
	    done == 0 ? "countries-none" : confirm ? "countries-confirmed" :
	    "countries-dismissed"));
	return ERR_OK;
}
