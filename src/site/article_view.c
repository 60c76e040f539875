/*
 * article_view: the view of an article's page from its row, one for the
 * public page (web/article.c) and the back office's previews, so that a
 * preview is the page readers get, through the same renderer and theme.
 *
 * Around the article: its correction or update note, its authors'
 * cards, the articles before and after it in its issue, related
 * articles, the citation with its downloads, and share links.  Related
 * articles never repeat the article nor its neighbours, and never one
 * another: what shares most with it first (store_article_related), then
 * the newest of its section.
 */
#include <string.h>

#include "site.h"

#define RELATED_MAX	4	/* related articles on a page */

const char *
site_reads_text(struct arena *a, int64_t n)
{
	char grouped[STR_GROUPED_LEN];

	if (n == 1)
		return "Read once";
	if (n == 2)
		return "Read twice";
	if (n < 0)
		n = 0;
	return arena_printf(a, "Read %s times", str_grouped(n, grouped));
}

/* A person's card: what their page shows of them, and the page. */
static json_t *
author_card(json_t *row)
{
	json_t *o = view_person(row);

	json_object_set_new(o, "url", view_url("/authors/", view_str(row,
	    "slug")));
	return o;
}

/* A neighbour in the issue, {title, url}, or false. */
static json_t *
neighbour(json_t *row)
{
	json_t *o;

	if (row == NULL)
		return json_false();
	o = json_object();
	view_copy(o, "title", row, "title");
	json_object_set_new(o, "url", view_url("/articles/", view_str(row,
	    "slug")));
	return o;
}

/* 1 if list holds an article of this id. */
static int
listed(json_t *list, json_int_t id)
{
	json_t *it;
	size_t i;

	json_array_foreach(list, i, it)
		if (json_integer_value(json_object_get(it, "id")) == id)
			return 1;
	return 0;
}

/* 1 if the array of ids holds id. */
static int
has_id(json_t *ids, json_int_t id)
{
	json_t *it;
	size_t i;

	json_array_foreach(ids, i, it)
		if (json_integer_value(it) == id)
			return 1;
	return 0;
}

/* Append rows of more to rel up to RELATED_MAX: not id, not listed. */
static void
fill(json_t *rel, json_t *more, json_int_t id, json_t *exclude)
{
	json_t *it;
	size_t i;

	json_array_foreach(more, i, it) {
		json_int_t rid = json_integer_value(json_object_get(it, "id"));

		if (json_array_size(rel) >= RELATED_MAX)
			break;
		if (rid == id || listed(rel, rid) || has_id(exclude, rid))
			continue;
		json_array_append(rel, it);
	}
}

/*
 * The related articles of article id in section (a slug): what shares
 * most with it, then the newest of its section; none of exclude (ids).
 */
static enum err
related_rows(struct ctx *ctx, json_int_t id, const char *section,
    json_t *exclude, json_t **out)
{
	struct store_query q = { 0 };
	json_t *rel = NULL, *more = NULL;
	long n;
	enum err rc;

	if ((rc = store_article_related(ctx->store, id, exclude, RELATED_MAX,
	    &rel)) != ERR_OK)
		return rc;
	/*
	 * Then the articles most like this one by text (the search index),
	 * then the newest of its section, up to RELATED_MAX in all.
	 */
	n = RELATED_MAX + (long)json_array_size(exclude) +
	    (long)json_array_size(rel) + 1;
	if (json_array_size(rel) < RELATED_MAX) {
		if ((rc = store_articles_similar(ctx->store, id, n, &more)) !=
		    ERR_OK && rc != ERR_NOTFOUND)
			goto out;
		fill(rel, more, id, exclude);
		json_decref(more);
		more = NULL;
	}
	if (json_array_size(rel) < RELATED_MAX && *section != '\0') {
		q.section = section;
		q.limit = n;
		if ((rc = store_articles_list(ctx->store, &q, &more, NULL)) !=
		    ERR_OK)
			goto out;
		fill(rel, more, id, exclude);
		json_decref(more);
		more = NULL;
	}
	*out = rel;
	rel = NULL;
	rc = ERR_OK;
out:
	json_decref(rel);
	return rc;
}

/* "A", "A and B", "A, B, and C": the authors' names as a citation has. */
static const char *
names_text(struct arena *a, json_t *authors)
{
	const char *s = "";
	size_t i, n = json_array_size(authors);

	for (i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%s", s, i == 0 ? "" : i + 1 < n ?
		    ", " : n == 2 ? " and " : ", and ", view_str(
		    json_array_get(authors, i), "name"));
	return s;
}

/* text percent-encoded for a query value, in the arena. */
static const char *
url_enc(struct arena *a, const char *text)
{
	struct buf b;
	const char *s;

	buf_init(&b, LIMIT_URL * 4);
	if (esc_url(&b, text, strlen(text)) != ERR_OK)
		buf_reset(&b);
	s = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return s;
}

/*
 * The share links of the page at url (absolute) titled title: plain
 * links to each service's own sharing address, no script, no image.
 */
static json_t *
share_links(struct arena *a, const char *url, const char *title)
{
	const char *u = url_enc(a, url), *t = url_enc(a, title);
	const char *both = url_enc(a, arena_printf(a, "%s %s", title, url));

	return json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}, {s:s, s:s}, "
	    "{s:s, s:s}]",
	    "name", "Email", "url", arena_printf(a, "mailto:?subject=%s&body="
	    "%s", t, u),
	    "name", "X", "url", arena_printf(a, "https://twitter.com/intent/"
	    "tweet?url=%s&text=%s", u, t),
	    "name", "LinkedIn", "url", arena_printf(a, "https://www.linkedin."
	    "com/sharing/share-offsite/?url=%s", u),
	    "name", "Facebook", "url", arena_printf(a, "https://www.facebook."
	    "com/sharer/sharer.php?u=%s", u),
	    "name", "Bluesky", "url", arena_printf(a, "https://bsky.app/intent/"
	    "compose?text=%s", both));
}

/* "3 December 2026" of "2026-12-03": a day as a sentence has it. */
static json_t *
day_text(const char *iso)
{
	json_t *d = json_object(), *out;
	const char *s;

	view_date(d, "t", iso, time_fmt_medium);
	s = view_str(d, "t");
	out = json_string(s + (s[0] == '0'));
	json_decref(d);
	return out;
}

/*
 * The citation: its parts for the page's formatted citation and the
 * downloads' addresses.  url is the article's absolute address, or its
 * path without a base_url.
 */
static json_t *
citation(struct arena *a, json_t *art, json_t *site, const char *url,
    const char *path)
{
	json_t *o = json_object(), *issue = json_object_get(art, "issue");

	json_object_set_new(o, "authors", json_string(names_text(a,
	    json_object_get(art, "authors"))));
	view_copy(o, "title", art, "title");
	view_copy(o, "journal", site, "name");
	json_object_set_new(o, "date", day_text(view_str(json_is_object(
	    issue) ? issue : art, "date_iso")));
	json_object_set_new(o, "url", json_string(url));
	json_object_set_new(o, "bib", json_string(arena_printf(a,
	    "%s/cite.bib", path)));
	json_object_set_new(o, "ris", json_string(arena_printf(a,
	    "%s/cite.ris", path)));
	json_object_set_new(o, "csl", json_string(arena_printf(a,
	    "%s/cite.json", path)));
	return o;
}

/* The correction or update note, {kind, date, text}, or false. */
static json_t *
correction(json_t *row)
{
	json_t *o;

	if (*view_str(row, "correction") == '\0')
		return json_false();
	o = json_object();
	json_object_set_new(o, "kind", json_string(strcmp(view_str(row,
	    "correction_kind"), "update") == 0 ? "Update" : "Correction"));
	view_copy(o, "date_iso", row, "correction_date");
	json_object_set_new(o, "date", day_text(view_str(row,
	    "correction_date")));
	view_copy(o, "text", row, "correction");
	return o;
}

/*
 * The people of row's byline (slugs) as store_article_around gives its
 * authors, into ar's "authors": for a row no article has yet.
 */
static enum err
typed_people(struct ctx *ctx, json_t *row, json_t *ar)
{
	json_t *people = json_array(), *it, *p;
	size_t i;
	enum err rc = ERR_OK;

	json_array_foreach(json_object_get(row, "authors"), i, it) {
		p = NULL;
		rc = store_person_get(ctx->store, view_str(it, "slug"), &p);
		if (rc == ERR_OK)
			json_array_append_new(people, p);
		else if (rc != ERR_NOTFOUND)
			break;
		rc = ERR_OK;
	}
	if (rc == ERR_OK)
		json_object_set(ar, "authors", people);
	json_decref(people);
	return rc;
}

/* What the page shows around the article: authors, neighbours, related. */
static enum err
article_around(struct ctx *ctx, json_t *row, json_t *a)
{
	json_t *ar = NULL, *rel = NULL, *exclude, *prev, *next, *it;
	json_int_t id = json_integer_value(json_object_get(row, "id"));
	size_t i;
	enum err rc;

	if ((rc = store_article_around(ctx->store, id, &ar)) != ERR_OK)
		return rc;
	/* An unsaved form's preview (no id): its authors as typed. */
	if (id == 0 && (rc = typed_people(ctx, row, ar)) != ERR_OK) {
		json_decref(ar);
		return rc;
	}
	prev = json_object_get(ar, "prev");
	next = json_object_get(ar, "next");
	json_object_set_new(a, "cards", view_map(json_object_get(ar,
	    "authors"), author_card));
	json_object_set_new(a, "has_cards", json_boolean(json_array_size(
	    json_object_get(ar, "authors")) > 0));
	json_object_set_new(a, "many_authors", json_boolean(json_array_size(
	    json_object_get(ar, "authors")) > 1));
	json_object_set_new(a, "prev", neighbour(prev));
	json_object_set_new(a, "next", neighbour(next));
	json_object_set_new(a, "has_nav", json_boolean(prev != NULL ||
	    next != NULL));
	exclude = json_array();
	if (prev != NULL)
		json_array_append(exclude, json_object_get(prev, "id"));
	if (next != NULL)
		json_array_append(exclude, json_object_get(next, "id"));
	rc = related_rows(ctx, id, view_str(json_object_get(row, "section"),
	    "slug"), exclude, &rel);
	json_decref(exclude);
	json_decref(ar);
	if (rc != ERR_OK)
		return rc;
	json_array_foreach(rel, i, it)
		json_object_del(it, "score");
	json_object_set_new(a, "has_related", json_boolean(json_array_size(
	    rel) > 0));
	json_object_set_new(a, "related", view_article_sums(rel));
	json_decref(rel);
	return ERR_OK;
}

enum err
site_article_view(struct ctx *ctx, struct req *r, json_t *row,
    const char *reads, json_t **out)
{
	json_t *v, *a, *site;
	struct buf body;
	const char *path, *url, *base;
	enum err rc;

	if ((rc = view_new(ctx, r, view_str(row, "title"), &v)) != ERR_OK)
		return rc;
	json_object_set_new(json_object_get(v, "page"), "description",
	    json_string(view_str(row, "dek")));
	a = view_article_sum(row);
	buf_init(&body, LIMIT_PAGE);
	if ((rc = article_body_html(&body, view_str(row, "body"),
	    json_string_length(json_object_get(row, "body")),
	    view_str(row, "body_format"), NULL)) != ERR_OK) {
		buf_free(&body);
		json_decref(a);
		json_decref(v);
		return rc;
	}
	json_object_set_new(a, "body_html", json_string(body.len > 0 ?
	    body.p : ""));
	buf_free(&body);
	view_date(a, "date_long", view_str(a, "date_iso"), time_fmt_long);
	json_object_set_new(a, "issue", view_issue_ref(r->arena,
	    json_object_get(row, "issue")));
	json_object_set_new(a, "reads", json_string(reads));
	json_object_set_new(a, "correction", correction(row));
	if ((rc = article_around(ctx, row, a)) != ERR_OK) {
		json_decref(a);
		json_decref(v);
		return rc;
	}
	site = json_object_get(v, "site");
	base = view_str(site, "base_url");
	path = json_string_value(json_object_get(a, "url"));
	if (path == NULL)
		path = "";
	url = arena_printf(r->arena, "%s%s", base, path);
	json_object_set_new(a, "cite", citation(r->arena, a, site, url, path));
	/* The title as typed, as the downloads have it, not curled. */
	view_copy(json_object_get(a, "cite"), "title", row, "title");
	json_object_set_new(a, "share", *base != '\0' ? share_links(r->arena,
	    url, view_str(row, "title")) : json_array());
	json_object_set_new(a, "has_share", json_boolean(*base != '\0'));
	json_object_set_new(v, "article", a);
	*out = v;
	return ERR_OK;
}
