/*
 * chrome: what every page shares (the site's name and about text, the
 * navigation, the sidebar's partner links and staff publications, the
 * newsletter form, the assets), built once per content version and
 * shared by reference by every page view of that version.
 */
#include <string.h>
#include <time.h>

#include "site.h"

static json_t *
md_json(const char *md)
{
	struct buf b;
	json_t *j;

	buf_init(&b, LIMIT_PAGE);
	if (markdown_html(&b, md, strlen(md)) != ERR_OK)
		buf_reset(&b);
	j = json_string(b.len > 0 ? b.p : "");
	buf_free(&b);
	return j;
}

/* A partner link of the sidebar, its URL checked. */
static json_t *
view_link(json_t *row)
{
	json_t *o = json_object();

	view_copy(o, "name", row, "name");
	view_copy_url(o, "url", row, "url");
	view_copy(o, "description", row, "description");
	return o;
}

/*
 * The footer's links that are set (settings masthead_url...), in this
 * order, as site.footer_links [{label, url}].
 */
static const char *const footer_links[][2] = {
	{ "masthead_url", "Masthead" },
	{ "submissions_url", "Submission guidelines" },
	{ "privacy_url", "Privacy" },
};

static json_t *
footer_list(json_t *row)
{
	json_t *l = json_array(), *o;
	size_t i;

	for (i = 0; i < nitems(footer_links); i++) {
		o = json_object();
		view_copy_url(o, "url", row, footer_links[i][0]);
		if (*view_str(o, "url") == '\0') {
			json_decref(o);
			continue;
		}
		json_object_set_new(o, "label", json_string(
		    footer_links[i][1]));
		json_array_append_new(l, o);
	}
	return l;
}

/*
 * An uploaded image named by setting key (logo, favicon: "/media/NAME")
 * as {url, type}, or NULL when the setting is empty or not such a name.
 */
static json_t *
media_ref(json_t *row, const char *key)
{
	const char *name = view_str(row, key), *ext;
	size_t i;

	if (strncmp(name, "/media/", 7) == 0)	/* as settings.c keeps it */
		name += 7;

	if (!media_name_valid(name))
		return NULL;
	ext = strrchr(name, '.') + 1;
	for (i = 0; i < MEDIA_PDF; i++)
		if (strcmp(media_exts[i], ext) == 0)
			return json_pack("{s:s+, s:s}", "url", "/media/", name,
			    "type", media_mimes[i]);
	return NULL;
}

/* The sidebar's headings (settings), as sidebar.headings.links... */
static const char *const headings[] = { "heading_links",
    "heading_publications", "heading_about", "heading_newsletter" };

static enum err
build_chrome(struct site *site, struct store *st, json_t **out)
{
	json_t *row = NULL, *secs = NULL, *links = NULL, *pubs = NULL;
	json_t *c, *nav, *o, *it, *sb, *nl, *assets, *hd;
	struct store_query q = { .staff = 1, .limit = 3 };
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	enum err rc;

	if ((rc = store_site_get(st, &row)) != ERR_OK ||
	    (rc = store_sections_list(st, &secs)) != ERR_OK ||
	    (rc = store_links_list(st, &links)) != ERR_OK ||
	    (rc = store_publications_list(st, &q, &pubs, NULL)) != ERR_OK)
		goto out;
	c = json_object();
	o = json_object();
	json_object_set_new(o, "name", json_string(*view_str(row, "name") ?
	    view_str(row, "name") : "Octavo"));
	view_copy(o, "tagline", row, "tagline");
	/* What search engines and link previews show: else the tagline. */
	json_object_set_new(o, "description", json_string(*view_str(row,
	    "description") ? view_str(row, "description") :
	    view_str(row, "tagline")));
	json_object_set_new(o, "language", json_string(*view_str(row,
	    "language") ? view_str(row, "language") : "en"));
	view_copy_url(o, "base_url", row, "base_url");
	json_object_set_new(o, "about_html", md_json(view_str(row, "about")));
	view_copy(o, "contact", row, "contact");
	view_copy(o, "footer_text", row, "footer_text");
	view_copy(o, "issn", row, "issn");
	json_object_set_new(o, "footer_links", footer_list(row));
	view_copy(o, "home_lead", row, "home_lead");
	if ((it = media_ref(row, "logo")) != NULL)
		json_object_set_new(o, "logo", it);
	json_object_set_new(c, "feeds", view_feed_links("",
	    view_str(o, "name")));
	json_object_set_new(c, "site", o);

	nav = json_array();
	json_array_foreach(secs, i, it) {
		o = json_object();
		view_copy(o, "name", it, "name");
		view_copy(o, "slug", it, "slug");
		json_object_set_new(o, "url", view_url("/sections/",
		    view_str(it, "slug")));
		view_copy(o, "description", it, "description");
		json_object_set_new(o, "current", json_false());
		json_array_append_new(nav, o);
	}
	json_object_set_new(c, "nav", nav);

	assets = json_object();
	json_object_set_new(assets, "css", json_string(site->css_url));
	if ((it = media_ref(row, "favicon")) != NULL) {
		json_object_set(assets, "favicon", json_object_get(it, "url"));
		json_object_set(assets, "favicon_type", json_object_get(it,
		    "type"));
		json_decref(it);
	} else {
		json_object_set_new(assets, "favicon", json_string(
		    site->favicon_url));
		json_object_set_new(assets, "favicon_type", json_string(
		    "image/svg+xml"));
	}
	json_object_set_new(c, "assets", assets);

	sb = json_object();
	json_object_set_new(sb, "links", view_map(links, view_link));
	json_object_set_new(sb, "publications", view_publications(pubs));
	json_object_set_new(sb, "has_links", json_boolean(json_array_size(
	    links) > 0));
	json_object_set_new(sb, "has_pubs", json_boolean(json_array_size(
	    pubs) > 0));
	/* A blurb of its own: the about page's text is too long here. */
	if (*view_str(row, "about_blurb") != '\0')
		json_object_set_new(sb, "about_html", md_json(view_str(row,
		    "about_blurb")));
	nl = json_object();
	json_object_set_new(nl, "action", json_string("/newsletter"));
	json_object_set_new(nl, "email", json_string(""));
	json_object_set_new(nl, "error", json_string(""));
	json_object_set_new(nl, "ok", json_false());
	json_object_set_new(sb, "newsletter", nl);
	hd = json_object();
	for (i = 0; i < nitems(headings); i++)
		json_object_set_new(hd, headings[i] + sizeof("heading_") - 1,
		    json_string(site_setting_value(row, headings[i])));
	json_object_set_new(sb, "headings", hd);
	json_object_set_new(c, "sidebar", sb);

	gmtime_r(&now, &tm);
	json_object_set_new(c, "year", json_integer(tm.tm_year + 1900));
	*out = c;
out:
	json_decref(row);
	json_decref(secs);
	json_decref(links);
	json_decref(pubs);
	return rc;
}

enum err
site_chrome(struct site *site, struct store *st, json_t **out)
{
	int64_t v = atomic_load(&site->version);
	json_t *c = NULL;
	enum err rc;

	pthread_mutex_lock(&site->lock);
	/* Without a store, a chrome of an older version beats none. */
	if (site->chrome != NULL && (site->chrome_version == v || st == NULL))
		c = json_incref(site->chrome);
	pthread_mutex_unlock(&site->lock);
	if (c != NULL || st == NULL) {
		*out = c;
		return c != NULL ? ERR_OK : ERR_NOTFOUND;
	}
	if ((rc = build_chrome(site, st, &c)) != ERR_OK)
		return rc;
	pthread_mutex_lock(&site->lock);
	if (v >= site->chrome_version) {
		json_decref(site->chrome);
		site->chrome = json_incref(c);
		site->chrome_version = v;
	}
	pthread_mutex_unlock(&site->lock);
	*out = c;
	return ERR_OK;
}
