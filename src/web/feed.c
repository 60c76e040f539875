/*
 * feed: the journal's newest articles as Atom 1.0 (RFC 4287), RSS 2.0 and
 * JSON Feed 1.1, at /feed.atom, /feed.rss and /feed.json, and the same
 * names under each section, author, tag and country page
 * (/sections/{slug}/feed.atom, /countries/kz/feed.rss).
 *
 * One view (docs/views.md, "feed") holds everything the three formats
 * say; the theme's feed_atom and feed_rss templates write the XML ones
 * and the JSON Feed is built from the same view here, so the formats
 * cannot disagree.  Every URL in a feed is absolute, from the site's
 * base_url (a feed without one is a 404, with a line in the log), and an
 * entry's content is its body through the same Markdown renderer as the
 * article page, links and images made absolute against the article's
 * address.  Every string of the view is cleaned of the characters XML
 * 1.0 cannot carry (C0 controls but tab and newlines, U+FFFE, U+FFFF),
 * which the template engine's escaping leaves as they are.
 *
 * Ids are tag: URIs (RFC 4151) from the base URL's host, the day the
 * article was first published and its number in the database, so they
 * survive a new slug or title; a host that is not a DNS name gives the
 * canonical URL instead.  Feeds are cached as pages are; their
 * Last-Modified is the newest entry's update.
 */
#include <ctype.h>
#include <string.h>

#include "web.h"

#define FEED_ENTRIES	20	/* newest articles in a feed */

static const char *const templates[FEED__MAX] = { "feed_atom", "feed_rss",
    NULL };

/* What a feed is of: the journal, a section, an author, a tag or a
 * country. */
struct scope {
	const char	*path;		/* of its page: "", "/sections/x" */
	const char	*title;		/* "" for the journal */
	const char	*subtitle;
	struct store_query q;
};

/*
 * s without the characters XML 1.0 forbids (C0 controls but tab, LF and
 * CR; U+FFFE and U+FFFF), as a new JSON string.  s is valid UTF-8.
 */
static json_t *
xml_string(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n = strlen(s);
	struct buf b;
	json_t *j;

	for (i = 0; i < n; i++)
		if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
		    u[i] != '\r') || (u[i] == 0xef && i + 2 < n &&
		    u[i + 1] == 0xbf && (u[i + 2] == 0xbe || u[i + 2] == 0xbf)))
			break;
	if (i == n)
		return json_string(s);
	buf_init(&b, n + 1);
	for (i = 0; i < n; i++) {
		if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
		    u[i] != '\r')
			continue;
		if (u[i] == 0xef && i + 2 < n && u[i + 1] == 0xbf &&
		    (u[i + 2] == 0xbe || u[i + 2] == 0xbf)) {
			i += 2;
			continue;
		}
		buf_putc(&b, (char)u[i]);
	}
	j = json_string(b.len > 0 ? b.p : "");
	buf_free(&b);
	return j;
}

static void
set_text(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, xml_string(s != NULL ? s : ""));
}

/* base + prefix + slug percent-encoded, in the arena. */
static const char *
abs_url(struct arena *a, const char *base, const char *prefix,
    const char *slug)
{
	struct buf b;
	const char *s;

	buf_init(&b, LIMIT_URL * 2);
	buf_puts(&b, base);
	buf_puts(&b, prefix);
	if (slug != NULL)
		esc_url(&b, slug, strlen(slug));
	s = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return s;
}

/*
 * The host of an absolute URL if it is a DNS name a tag: URI may use
 * (RFC 4151: labels of letters, digits and '-'), lower-cased, in the
 * arena; NULL for an IP literal, a user part or anything else.
 */
static const char *
tag_host(struct arena *a, const char *base)
{
	const char *h = strstr(base, "://"), *e;
	char *out;
	size_t i, n;

	if (h == NULL)
		return NULL;
	h += 3;
	for (e = h; *e != '\0' && *e != '/' && *e != ':'; e++)
		if (!isalnum((unsigned char)*e) && *e != '-' && *e != '.')
			return NULL;
	n = (size_t)(e - h);
	if (n == 0 || h[0] == '.' || h[0] == '-' || h[n - 1] == '.' ||
	    h[n - 1] == '-')
		return NULL;
	out = arena_strndup(a, h, n);
	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	return out;
}

/* Both forms of a stored time into o: key (RFC 3339), key_rfc822. */
static int64_t
set_time(struct arena *a, json_t *o, const char *key, const char *iso,
    int64_t fallback)
{
	char t3339[21], t822[30];
	int64_t t;

	if (time_parse_iso(iso, &t) != ERR_OK)
		t = fallback;
	time_fmt_iso(t, t3339);
	time_fmt_http(t, t822);
	json_object_set_new(o, key, json_string(t3339));
	json_object_set_new(o, arena_printf(a, "%s_rfc822", key),
	    json_string(t822));
	return t;
}

/* The entry for an article (a store_article_get row). */
static enum err
feed_entry(struct req *r, const char *base, const char *host, json_t *row,
    json_t **out, int64_t *updated)
{
	json_t *e, *authors, *a, *o, *sec;
	const char *url, *slug = view_str(row, "slug");
	int64_t pub;
	struct buf body;
	size_t i;
	enum err rc;

	url = abs_url(r->arena, base, "/articles/", slug);
	buf_init(&body, LIMIT_PAGE);
	if ((rc = article_body_html(&body, view_str(row, "body"),
	    json_string_length(json_object_get(row, "body")),
	    view_str(row, "body_format"), url)) != ERR_OK) {
		buf_free(&body);
		return rc;
	}
	e = json_object();
	json_object_set_new(e, "url", json_string(url));
	set_text(e, "title", view_str(row, "title"));
	set_text(e, "summary", view_str(row, "dek"));
	set_text(e, "content_html", body.len > 0 ? body.p : "");
	buf_free(&body);
	pub = set_time(r->arena, e, "published", view_str(row,
	    "published_at"), 0);
	*updated = set_time(r->arena, e, "updated", view_str(row,
	    "updated_at"), pub);
	if (*updated < pub)	/* never updated before it was published */
		*updated = set_time(r->arena, e, "updated",
		    json_string_value(json_object_get(e, "published")), pub);
	if (host != NULL)
		json_object_set_new(e, "id", json_string(arena_printf(
		    r->arena, "tag:%s,%.10s:article:%lld", host,
		    json_string_value(json_object_get(e, "published")),
		    (long long)json_integer_value(json_object_get(row,
		    "id")))));
	else
		json_object_set_new(e, "id", json_string(url));
	authors = json_array();
	json_array_foreach(json_object_get(row, "authors"), i, a) {
		o = json_object();
		set_text(o, "name", view_str(a, "name"));
		json_object_set_new(o, "url", json_string(abs_url(r->arena,
		    base, "/authors/", view_str(a, "slug"))));
		json_array_append_new(authors, o);
	}
	json_object_set_new(e, "authors", authors);
	sec = json_object_get(row, "section");
	o = json_object();
	set_text(o, "name", view_str(sec, "name"));
	set_text(o, "slug", view_str(sec, "slug"));
	json_object_set_new(o, "url", json_string(abs_url(r->arena, base,
	    "/sections/", view_str(sec, "slug"))));
	json_object_set_new(e, "section", o);
	*out = e;
	return ERR_OK;
}

/* The feed view of scope sc; *modified gets its newest update. */
static enum err
feed_view(struct ctx *ctx, struct req *r, struct scope *sc, json_t **out,
    int64_t *modified)
{
	json_t *site = NULL, *rows = NULL, *row = NULL, *v, *f, *entries;
	json_t *e, *it;
	const char *base, *name, *lang, *home, *host, *ext;
	int64_t updated, newest = 0;
	size_t i, k;
	enum err rc;

	if ((rc = store_site_get(ctx->store, &site)) != ERR_OK)
		return rc;
	base = view_str(site, "base_url");
	if (*base == '\0' || !url_safe(base, strlen(base))) {
		log_warnx("%s: feeds need the site's address: octavo site "
		    "set base_url URL", r->path);
		rc = ERR_NOTFOUND;
		goto out;
	}
	name = *view_str(site, "name") ? view_str(site, "name") : "Octavo";
	lang = *view_str(site, "language") ? view_str(site, "language") :
	    "en";
	host = tag_host(r->arena, base);
	sc->q.limit = FEED_ENTRIES;
	if ((rc = store_articles_list(ctx->store, &sc->q, &rows, NULL)) !=
	    ERR_OK)
		goto out;
	entries = json_array();
	json_array_foreach(rows, i, it) {
		if ((rc = store_article_get(ctx->store, view_str(it, "slug"),
		    &row)) == ERR_NOTFOUND)
			continue;	/* unpublished since the list */
		if (rc == ERR_OK)
			rc = feed_entry(r, base, host, row, &e, &updated);
		json_decref(row);
		row = NULL;
		if (rc != ERR_OK) {
			json_decref(entries);
			goto out;
		}
		json_array_append_new(entries, e);
		if (updated > newest)
			newest = updated;
	}
	f = json_object();
	set_text(f, "title", *sc->title ? arena_printf(r->arena,
	    "%s \xe2\x80\x94 %s", sc->title, name) : name);
	set_text(f, "subtitle", *sc->subtitle ? sc->subtitle :
	    *view_str(site, "description") ? view_str(site, "description") :
	    view_str(site, "tagline"));
	set_text(f, "site_name", name);
	json_object_set_new(f, "site_url", json_string(arena_printf(r->arena,
	    "%s/", base)));
	json_object_set_new(f, "language", json_string(lang));
	home = arena_printf(r->arena, "%s%s", base, *sc->path ? sc->path :
	    "/");
	json_object_set_new(f, "home_url", json_string(home));
	for (k = 0; k < FEED__MAX; k++) {
		ext = view_feed_formats[k].ext;
		json_object_set_new(f, arena_printf(r->arena, "%s_url", ext),
		    json_string(arena_printf(r->arena, "%s%s/feed.%s", base,
		    sc->path, ext)));
	}
	json_object_set(f, "id", json_object_get(f, "atom_url"));
	json_object_set_new(f, "sections_url", json_string(arena_printf(
	    r->arena, "%s/sections/", base)));
	set_time(r->arena, f, "updated", "", newest);
	json_object_set_new(f, "entries", entries);
	v = json_object();
	json_object_set_new(v, "feed", f);
	*out = v;
	*modified = newest;
out:
	json_decref(site);
	json_decref(rows);
	return rc;
}

/* JSON Feed 1.1 (jsonfeed.org/version/1.1) from the feed view. */
static json_t *
feed_json(json_t *f)
{
	json_t *j = json_object(), *items = json_array(), *e, *it, *a, *o;
	json_t *authors;
	size_t i, k;

	json_object_set_new(j, "version",
	    json_string("https://jsonfeed.org/version/1.1"));
	view_copy(j, "title", f, "title");
	view_copy(j, "home_page_url", f, "home_url");
	view_copy(j, "feed_url", f, "json_url");
	if (*view_str(f, "subtitle"))
		view_copy(j, "description", f, "subtitle");
	view_copy(j, "language", f, "language");
	o = json_object();
	view_copy(o, "name", f, "site_name");
	view_copy(o, "url", f, "site_url");
	json_object_set_new(j, "authors", json_pack("[o]", o));
	json_array_foreach(json_object_get(f, "entries"), i, e) {
		it = json_object();
		view_copy(it, "id", e, "id");
		view_copy(it, "url", e, "url");
		view_copy(it, "title", e, "title");
		view_copy(it, "content_html", e, "content_html");
		if (*view_str(e, "summary"))
			view_copy(it, "summary", e, "summary");
		view_copy(it, "date_published", e, "published");
		view_copy(it, "date_modified", e, "updated");
		authors = json_array();
		json_array_foreach(json_object_get(e, "authors"), k, a) {
			o = json_object();
			view_copy(o, "name", a, "name");
			view_copy(o, "url", a, "url");
			json_array_append_new(authors, o);
		}
		if (json_array_size(authors) > 0)
			json_object_set_new(it, "authors", authors);
		else
			json_decref(authors);
		json_object_set_new(it, "tags", json_pack("[s]", view_str(
		    json_object_get(e, "section"), "name")));
		json_array_append_new(items, it);
	}
	json_object_set_new(j, "items", items);
	return j;
}

/* The format a path asks for, by its last name: feed.atom... */
static enum err
feed_format(const char *path, enum feed_format *out)
{
	const char *dot = strrchr(path, '.');
	size_t k;

	for (k = 0; dot != NULL && k < FEED__MAX; k++)
		if (strcmp(dot + 1, view_feed_formats[k].ext) == 0) {
			*out = (enum feed_format)k;
			return ERR_OK;
		}
	return ERR_NOTFOUND;
}

/*
 * The scope of the feed at r's path into sc (its strings in the arena)
 * and the row of what it is of into *row (NULL for the journal's);
 * ERR_NOTFOUND for an unknown one.  A country's code in capitals sets
 * *moved with a 301 in resp.
 */
static enum err
feed_scope(struct ctx *ctx, struct req *r, struct resp *resp,
    struct scope *sc, json_t **row, int *moved)
{
	const char *pat = r->route->pattern, *prefix;
	json_t *secs = NULL, *it;
	char *code;
	size_t i;
	enum err rc = ERR_OK;

	*row = NULL;
	*moved = 0;
	if (r->nargs != 1)
		return ERR_OK;
	if (strncmp(pat, "/sections/", 10) == 0) {
		if ((rc = store_sections_list(ctx->store, &secs)) != ERR_OK)
			return rc;
		json_array_foreach(secs, i, it)
			if (strcmp(view_str(it, "slug"), r->args[0]) == 0)
				*row = json_incref(it);
		json_decref(secs);
		rc = *row == NULL ? ERR_NOTFOUND : ERR_OK;
		sc->q.section = r->args[0];
		prefix = "/sections/";
	} else if (strncmp(pat, "/tags/", 6) == 0) {
		rc = store_tag_get(ctx->store, r->args[0], row);
		sc->q.tag = r->args[0];
		prefix = "/tags/";
	} else if (strncmp(pat, "/countries/", 11) == 0) {
		code = arena_alloc(r->arena, 3);
		if ((rc = web_country_code(r, resp, r->args[0], code,
		    moved)) != ERR_OK || *moved)
			return rc;
		rc = store_country_get(ctx->store, code, row);
		sc->q.country = code;
		prefix = "/countries/";
	} else {
		rc = store_person_get(ctx->store, r->args[0], row);
		sc->q.author = r->args[0];
		prefix = "/authors/";
	}
	if (rc != ERR_OK)
		return rc;
	sc->path = abs_url(r->arena, "", prefix, r->args[0]);
	sc->title = arena_strdup(r->arena, view_str(*row, "name"));
	sc->subtitle = sc->q.section != NULL ? arena_strdup(r->arena,
	    view_str(*row, "description")) : arena_printf(r->arena,
	    sc->q.author != NULL ? "Articles by %s" : sc->q.tag != NULL ?
	    "Articles tagged %s" : "Articles on %s", view_str(*row, "name"));
	return ERR_OK;
}

enum err
page_feed(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct scope sc = { .path = "", .title = "", .subtitle = "" };
	json_t *v = NULL, *row = NULL, *j;
	enum feed_format fmt;
	int64_t modified = 0;
	char *body, date[30];
	int moved;
	enum err rc;

	if ((rc = feed_format(r->path, &fmt)) != ERR_OK)
		return rc;
	if ((rc = feed_scope(ctx, r, resp, &sc, &row, &moved)) != ERR_OK ||
	    moved)
		return rc;
	if ((rc = feed_view(ctx, r, &sc, &v, &modified)) != ERR_OK)
		goto out;
	/* The page keeps it: cached answers send it too. */
	if (modified > 0) {
		time_fmt_http(modified, date);
		resp_header_add(resp, r->arena, "Last-Modified", date);
	}
	if (templates[fmt] != NULL) {
		rc = site_render_as(ctx, r, resp, templates[fmt], v,
		    view_feed_formats[fmt].type);
		v = NULL;
		goto out;
	}
	j = feed_json(json_object_get(v, "feed"));
	body = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (body == NULL) {
		rc = ERR_INVAL;	/* cannot be: the view is valid */
		goto out;
	}
	rc = site_send_body(ctx, r, resp, body, strlen(body),
	    view_feed_formats[fmt].type);
out:
	json_decref(v);
	json_decref(row);
	return rc;
}
