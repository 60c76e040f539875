/*
 * issue: the pages built around issues: /issues by year, /issues/{n};
 * their table of contents is also the home page's (home.c).
 */
#include <string.h>
#include <strings.h>

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

/*
 * The title an issue shows beside its number: "" when it says nothing
 * the number does not ("Issue 50", "No. 50", or nothing), so that the
 * archive never reads "No. 50 Issue 50".
 */
static const char *
issue_title_shown(json_t *row)
{
	const char *t = view_str(row, "title");
	long long n = json_integer_value(json_object_get(row, "number"));
	char a[40], b[40];

	snprintf(a, sizeof(a), "Issue %lld", n);
	snprintf(b, sizeof(b), "No. %lld", n);
	if (strcasecmp(t, a) == 0 || strcasecmp(t, b) == 0)
		return "";
	return t;
}

/* The first paragraph of an editor's note, as plain text, cut at about
 * NOTE_EXCERPT bytes on a word (Markdown marks left as typed). */
#define NOTE_EXCERPT	240

static json_t *
note_excerpt(struct arena *a, const char *note)
{
	size_t n, k;
	const char *p = note;

	while (*p == '#' || *p == ' ')
		p++;
	n = strcspn(p, "\n");
	if (n <= NOTE_EXCERPT)
		return json_stringn(p, n);
	for (k = NOTE_EXCERPT; k > 0 && p[k] != ' '; k--)
		continue;
	if (k == 0)
		k = NOTE_EXCERPT;
	while (k > 0 && ((unsigned char)p[k] & 0xc0) == 0x80)
		k--;	/* never inside a character */
	return json_string(arena_printf(a, "%.*s\xe2\x80\xa6", (int)k, p));
}

/*
 * /issues: the archive, grouped by year (newest first) and within a
 * year by volume, with jump links to each year; each issue with its
 * cover, if any, and the start of its editor's note.
 */
enum err
page_issues(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *v = NULL, *rows = NULL, *years, *year = NULL, *vols = NULL;
	json_t *vol = NULL, *list = NULL, *row, *o, *jump;
	const char *crumbs[2];
	char y[5] = "", cur[5] = "";
	long long volume, curvol = -1;
	size_t i;
	enum err rc;

	if ((rc = view_new(ctx, r, "Issues", &v)) != ERR_OK)
		return rc;
	if ((rc = store_issues_archive(ctx->store, &rows)) != ERR_OK)
		goto out;
	years = json_array();
	jump = json_array();
	json_array_foreach(rows, i, row) {
		snprintf(y, sizeof(y), "%s", view_str(row, "date"));
		volume = json_integer_value(json_object_get(row, "volume"));
		if (year == NULL || strcmp(y, cur) != 0) {
			year = json_object();
			vols = json_array();
			json_object_set_new(year, "year", json_string(y));
			json_object_set_new(year, "volumes", vols);
			json_array_append_new(years, year);
			json_array_append_new(jump, json_pack("{s:s, s:s}",
			    "label", y, "url", arena_printf(r->arena,
			    "#year-%s", y)));
			memcpy(cur, y, sizeof(cur));
			vol = NULL;
		}
		if (vol == NULL || volume != curvol) {
			vol = json_object();
			list = json_array();
			json_object_set_new(vol, "volume", volume > 0 ?
			    json_integer(volume) : json_false());
			json_object_set_new(vol, "issues", list);
			json_array_append_new(vols, vol);
			curvol = volume;
		}
		o = view_issue_ref(r->arena, row);
		json_object_set_new(o, "title", json_string(
		    issue_title_shown(row)));
		json_object_set(o, "count", json_object_get(row, "count"));
		view_copy_url(o, "cover", row, "cover");
		json_object_set_new(o, "note", note_excerpt(r->arena,
		    view_str(row, "note")));
		json_array_append_new(list, o);
	}
	json_object_set_new(v, "years", years);
	json_object_set_new(v, "jump", jump);
	json_object_set_new(v, "has_years", json_boolean(json_array_size(
	    years) > 0));
	crumbs[0] = "Issues";
	crumbs[1] = "/issues";
	view_breadcrumbs(v, crumbs, 1);
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
	const char *crumbs[4];
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
	json_object_set_new(issue, "title", json_string(
	    issue_title_shown(row)));
	json_object_set_new(v, "issue", issue);
	crumbs[0] = "Issues";
	crumbs[1] = "/issues";
	crumbs[2] = arena_printf(r->arena, "No. %lld", n);
	crumbs[3] = r->path;
	view_breadcrumbs(v, crumbs, 2);
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
