/*
 * issue: the pages built around issues: /issues by year, /issues/{n};
 * their table of contents is also the home page's (home.c).
 */
#include <string.h>

#include "web.h"

/*
 * TOC_SECTION list from an issue's articles (ordered by section), which
 * become the sums (view_article_sums); a TOC_SECTION shares its section's
 * name and url with its articles' section.
 */
json_t *
issue_toc(json_t *rows)
{
	json_t *out = json_array(), *sums, *sec = NULL, *arts = NULL, *sum;
	json_t *s;
	size_t i;

	sums = view_article_sums(rows);
	json_array_foreach(sums, i, sum) {
		s = json_object_get(sum, "section");
		if (sec == NULL || !json_equal(json_object_get(s, "slug"),
		    json_object_get(sec, "slug"))) {
			sec = json_copy(s);
			arts = json_array();
			json_object_set_new(sec, "articles", arts);
			json_array_append_new(out, sec);
		}
		json_array_append(arts, sum);
	}
	json_decref(sums);
	return out;
}

/* The issue view with its table of contents. */
static enum err
issue_view(struct ctx *ctx, struct req *r, json_t *row,
    json_t **out)
{
	struct store_query q = { 0 };
	json_t *rows = NULL, *o;
	enum err rc;

	q.issue = (long)json_integer_value(json_object_get(row, "number"));
	if ((rc = store_articles_list(ctx->store, &q, &rows, NULL)) !=
	    ERR_OK)
		return rc;
	o = view_issue_ref(r->arena, row);
	json_object_set_new(o, "volume", json_integer(json_integer_value(
	    json_object_get(row, "volume"))));
	json_object_set_new(o, "sections", issue_toc(rows));
	json_decref(rows);
	*out = o;
	return ERR_OK;
}

enum err
page_issues(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *v = NULL, *rows = NULL, *years, *year = NULL, *list = NULL;
	json_t *row, *o;
	char y[5] = "", cur[5] = "";
	size_t i;
	enum err rc;

	if ((rc = view_new(ctx, r, "Issues", &v)) != ERR_OK)
		return rc;
	if ((rc = store_issues_list(ctx->store, &rows)) != ERR_OK)
		goto out;
	years = json_array();
	json_array_foreach(rows, i, row) {
		snprintf(y, sizeof(y), "%s", view_str(row, "date"));
		if (year == NULL || strcmp(y, cur) != 0) {
			year = json_object();
			list = json_array();
			json_object_set_new(year, "year", json_string(y));
			json_object_set_new(year, "issues", list);
			json_array_append_new(years, year);
			memcpy(cur, y, sizeof(cur));
		}
		o = view_issue_ref(r->arena, row);
		json_object_set(o, "count", json_object_get(row, "count"));
		json_array_append_new(list, o);
	}
	json_object_set_new(v, "years", years);
	rc = site_render(ctx, r, resp, "issues", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(rows);
	return rc;
}

static json_t *
issue_link(struct arena *a, json_t *n)
{
	json_t *o;

	if (!json_is_integer(n))
		return json_false();
	o = json_object();
	json_object_set(o, "number", n);
	json_object_set_new(o, "url", json_string(arena_printf(a,
	    "/issues/%lld", (long long)json_integer_value(n))));
	return o;
}

/* The issue page's own: the cover and the editor's note made HTML. */
static void
issue_note(json_t *o, json_t *row)
{
	struct buf note;

	view_copy_url(o, "cover", row, "cover");
	buf_init(&note, LIMIT_PAGE);
	if (markdown_html(&note, view_str(row, "note"), json_string_length(
	    json_object_get(row, "note"))) != ERR_OK)
		buf_reset(&note);
	json_object_set_new(o, "note_html", json_string(note.len > 0 ?
	    note.p : ""));
	buf_free(&note);
}

enum err
page_issue(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *v = NULL, *row = NULL, *issue;
	long long n;
	enum err rc;

	if (str_to_ll(r->args[0], 1, INT32_MAX, &n) != ERR_OK)
		return ERR_NOTFOUND;
	if (r->args[0][0] == '0') {	/* /issues/01 is /issues/1 */
		resp_redirect(resp, r->arena, 301, arena_printf(r->arena,
		    "/issues/%lld", n));
		return ERR_OK;
	}
	if ((rc = store_issue_get(ctx->store, (long)n, &row)) != ERR_OK)
		return rc;
	if ((rc = view_new(ctx, r, arena_printf(r->arena, "Issue %lld", n),
	    &v)) != ERR_OK)
		goto out;
	if ((rc = issue_view(ctx, r, row, &issue)) != ERR_OK)
		goto out;
	issue_note(issue, row);
	json_object_set_new(v, "issue", issue);
	json_object_set_new(v, "prev", issue_link(r->arena,
	    json_object_get(row, "prev")));
	json_object_set_new(v, "next", issue_link(r->arena,
	    json_object_get(row, "next")));
	meta_issue(r, v, row);
	rc = site_render(ctx, r, resp, "issue", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(row);
	return rc;
}
