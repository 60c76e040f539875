/*
 * meta: what a page says about itself to machines, in its head: Open
 * Graph and Twitter card tags (link previews), schema.org JSON-LD
 * (search engines), and on article pages Google Scholar's citation_*
 * tags.  The article page says ScholarlyArticle, part of its
 * PublicationIssue, part of the Periodical (with its volume and ISSN),
 * and a BreadcrumbList; a section page a CollectionPage, an author's a
 * ProfilePage, an issue's a PublicationIssue and the home page the
 * Periodical.  No SearchAction: the site has no search route.
 *
 * Images: an article's cover, an issue's cover, a person's photo, else
 * the journal's logo (the logo setting: an uploaded image), else its
 * favicon; the publisher's logo is the same logo, else the favicon.
 *
 * Invariants: every URL written is absolute, from the site's base_url,
 * and without a base_url nothing is written but the description (a
 * relative og:url or @id would be wrong, not merely incomplete).  The
 * JSON-LD is built with jansson and goes into the page raw (the view key
 * page.jsonld_html), so it is made safe for a <script> data block here:
 * '<', '>' and '&' become \u escapes (no "</script" or "<!--" can appear),
 * as do U+2028 and U+2029.  A data block is not script: the
 * Content-Security-Policy, which allows no inline script, does not
 * apply to it.
 */
#include <string.h>

#include "web.h"

/* What every page's metadata starts from, borrowed from the view. */
struct meta {
	struct arena	*a;
	json_t		*page;		/* the view's page object */
	json_t		*site;		/* the view's site object */
	const char	*base;		/* base_url, no trailing slash */
	const char	*url;		/* the page's canonical URL */
	json_t		*tags;		/* page.meta: [{attr, key, content}] */
	json_t		*crumbs;	/* the view's breadcrumbs.items */
};

/* base + path, in the arena; a path is site-relative ("/issues/3"). */
static const char *
abs_path(const struct meta *m, const char *path)
{
	return arena_printf(m->a, "%s%s", m->base, path);
}

/*
 * An image's absolute URL: ref (stored: a cover, a photo) resolved
 * against the page, or "" when it is empty or url_safe refuses it.
 */
static const char *
abs_ref(const struct meta *m, const char *ref)
{
	struct buf b;
	const char *s = "";

	if (*ref == '\0' || !url_safe(ref, strlen(ref)) ||
	    strncmp(ref, "mailto:", 7) == 0)
		return "";
	buf_init(&b, LIMIT_URL * 2);
	if (url_resolve(&b, m->url, ref, strlen(ref)) == ERR_OK && b.len > 0)
		s = arena_strndup(m->a, b.p, b.len);
	buf_free(&b);
	return s;
}

static void
tag(struct meta *m, const char *attr, const char *key, const char *content)
{
	json_t *o;

	if (content == NULL || *content == '\0')
		return;
	o = json_object();
	json_object_set_new(o, "attr", json_string(attr));
	json_object_set_new(o, "key", json_string(key));
	json_object_set_new(o, "content", json_string(content));
	json_array_append_new(m->tags, o);
}

static void
set_str(json_t *o, const char *key, const char *s)
{
	if (s != NULL && *s != '\0')
		json_object_set_new(o, key, json_string(s));
}

static json_t *
typed(const char *type)
{
	json_t *o = json_object();

	json_object_set_new(o, "@type", json_string(type));
	return o;
}

/*
 * Start: *m from the view; 0 when the site has no base_url (then only
 * the description is kept).  The page's description becomes desc when
 * that is not empty.
 */
static int
meta_begin(struct meta *m, struct req *r, json_t *view, const char *desc)
{
	memset(m, 0, sizeof(*m));
	m->a = r->arena;
	m->page = json_object_get(view, "page");
	m->crumbs = json_object_get(json_object_get(view, "breadcrumbs"),
	    "items");
	m->site = json_object_get(view, "site");
	m->base = view_str(m->site, "base_url");
	if (desc != NULL && *desc != '\0')
		json_object_set_new(m->page, "description", json_string(desc));
	if (*m->base == '\0')
		return 0;
	m->url = view_str(m->page, "canonical");
	m->tags = json_array();
	json_object_set_new(m->page, "meta", m->tags);
	return 1;
}

/* The journal's image: its logo, else its favicon, absolute. */
static const char *
site_image(const struct meta *m, json_t *view)
{
	const char *f = view_str(json_object_get(json_object_get(view,
	    "site"), "logo"), "url");

	if (*f == '\0')
		f = view_str(json_object_get(view, "assets"), "favicon");
	return *f != '\0' ? abs_path(m, f) : "";
}

/*
 * Open Graph and Twitter card tags: og:type type, title (without the
 * journal's name), the page's description and image (may be "").
 */
static void
meta_cards(struct meta *m, const char *type, const char *title,
    const char *image, int large)
{
	const char *desc = view_str(m->page, "description");

	tag(m, "property", "og:type", type);
	tag(m, "property", "og:title", title);
	tag(m, "property", "og:description", desc);
	tag(m, "property", "og:url", m->url);
	tag(m, "property", "og:site_name", view_str(m->site, "name"));
	tag(m, "property", "og:image", image);
	tag(m, "name", "twitter:card", large ? "summary_large_image" :
	    "summary");
	tag(m, "name", "twitter:title", title);
	tag(m, "name", "twitter:description", desc);
	tag(m, "name", "twitter:image", image);
}

/* The publisher: an Organization of the journal's name. */
static json_t *
publisher(const struct meta *m, const char *logo)
{
	json_t *o = typed("Organization"), *img;

	set_str(o, "name", view_str(m->site, "name"));
	json_object_set_new(o, "url", json_string(abs_path(m, "/")));
	if (*logo != '\0') {
		img = typed("ImageObject");
		json_object_set_new(img, "url", json_string(logo));
		json_object_set_new(o, "logo", img);
	}
	return o;
}

/*
 * The Periodical, with its ISSN; with a volume number (> 0) it is also
 * that PublicationVolume, as schema.org's own bibliographic examples
 * write a volume of a periodical.
 */
static json_t *
periodical(const struct meta *m, long long volume, const char *logo)
{
	json_t *o = json_object(), *t = json_array();

	json_array_append_new(t, json_string("Periodical"));
	if (volume > 0)
		json_array_append_new(t, json_string("PublicationVolume"));
	json_object_set_new(o, "@type", json_array_size(t) == 1 ?
	    json_incref(json_array_get(t, 0)) : json_incref(t));
	json_decref(t);
	json_object_set_new(o, "@id", json_string(volume > 0 ?
	    arena_printf(m->a, "%s/#volume-%lld", m->base, volume) :
	    abs_path(m, "/#periodical")));
	set_str(o, "name", view_str(m->site, "name"));
	json_object_set_new(o, "url", json_string(abs_path(m, "/")));
	set_str(o, "issn", view_str(m->site, "issn"));
	if (volume > 0)
		json_object_set_new(o, "volumeNumber", json_sprintf("%lld",
		    volume));
	set_str(o, "inLanguage", view_str(m->site, "language"));
	json_object_set_new(o, "publisher", publisher(m, logo));
	return o;
}

/* A PublicationIssue from an issue record ({number, volume, date, title}). */
static json_t *
pub_issue(const struct meta *m, json_t *issue, const char *logo)
{
	json_t *o = typed("PublicationIssue");
	long long n = json_integer_value(json_object_get(issue, "number"));
	const char *url = arena_printf(m->a, "%s/issues/%lld", m->base, n);

	json_object_set_new(o, "@id", json_string(url));
	json_object_set_new(o, "issueNumber", json_sprintf("%lld", n));
	set_str(o, "name", view_str(issue, "title"));
	set_str(o, "datePublished", view_str(issue, "date"));
	json_object_set_new(o, "url", json_string(url));
	json_object_set_new(o, "isPartOf", periodical(m, json_integer_value(
	    json_object_get(issue, "volume")), logo));
	return o;
}

/*
 * The BreadcrumbList of the trail the page shows (view.breadcrumbs,
 * view_breadcrumbs), so that readers and machines get one trail: its
 * paths made absolute, the last one the page's canonical URL.
 */
static json_t *
breadcrumbs(const struct meta *m)
{
	json_t *o = typed("BreadcrumbList"), *items = json_array(), *it, *c;
	size_t i, n = json_array_size(m->crumbs);

	json_array_foreach(m->crumbs, i, c) {
		it = typed("ListItem");
		json_object_set_new(it, "position", json_integer((json_int_t)i +
		    1));
		json_object_set_new(it, "name", json_string(view_str(c,
		    "name")));
		json_object_set_new(it, "item", json_string(i + 1 == n ?
		    m->url : abs_path(m, view_str(c, "url"))));
		json_array_append_new(items, it);
	}
	json_object_set_new(o, "itemListElement", items);
	return o;
}

/*
 * Write the graph (taken) as page.jsonld_html: compact JSON with '<',
 * '>', '&', U+2028 and U+2029 as \u escapes, which can only occur inside
 * its strings, so the text is the same JSON and cannot end the <script>
 * element it goes in.
 */
static void
meta_jsonld(struct meta *m, json_t *graph)
{
	json_t *doc = json_object();
	const unsigned char *s;
	char *dump;
	struct buf b;

	json_object_set_new(doc, "@context", json_string("https://schema.org"));
	json_object_set_new(doc, "@graph", graph);
	dump = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	if (dump == NULL)
		return;
	buf_init(&b, LIMIT_PAGE);
	for (s = (const unsigned char *)dump; *s != '\0'; s++) {
		if (*s == '<' || *s == '>' || *s == '&')
			buf_printf(&b, "\\u%04x", *s);
		else if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 ||
		    s[2] == 0xa9)) {
			buf_printf(&b, "\\u20%02x", s[2] == 0xa8 ? 0x28 : 0x29);
			s += 2;
		} else
			buf_putc(&b, (char)*s);
	}
	free(dump);
	if (b.len > 0)
		json_object_set_new(m->page, "jsonld_html", json_stringn(b.p,
		    b.len));
	buf_free(&b);
}

/* "2026-10-28..." as Google Scholar's "2026/10/28", in the arena. */
static const char *
scholar_date(struct arena *a, const char *iso)
{
	if (strlen(iso) < 10)
		return "";
	return arena_printf(a, "%.4s/%.2s/%.2s", iso, iso + 5, iso + 8);
}

void
meta_article(struct req *r, json_t *view, json_t *row)
{
	json_t *art, *authors, *a, *p, *u, *issue, *graph;
	const char *logo, *image, *cover;
	struct meta m;
	size_t i;

	if (!meta_begin(&m, r, view, view_str(row, "dek")))
		return;
	logo = site_image(&m, view);
	cover = abs_ref(&m, view_str(row, "cover"));
	image = *cover != '\0' ? cover : logo;
	meta_cards(&m, "article", view_str(row, "title"), image,
	    *cover != '\0');
	tag(&m, "property", "article:published_time", view_str(row,
	    "published_at"));
	tag(&m, "property", "article:modified_time", view_str(row,
	    "updated_at"));
	tag(&m, "property", "article:section", view_str(json_object_get(row,
	    "section"), "name"));

	issue = json_object_get(row, "issue");
	if (!json_is_integer(json_object_get(issue, "number")))
		issue = NULL;
	tag(&m, "name", "citation_title", view_str(row, "title"));
	authors = json_array();
	json_array_foreach(json_object_get(row, "authors"), i, a) {
		tag(&m, "name", "citation_author", view_str(a, "name"));
		p = typed("Person");
		set_str(p, "name", view_str(a, "name"));
		u = view_url("/authors/", view_str(a, "slug"));
		json_object_set_new(p, "url", json_string(abs_path(&m,
		    json_string_value(u))));
		json_decref(u);
		json_array_append_new(authors, p);
	}
	tag(&m, "name", "citation_publication_date", scholar_date(m.a,
	    view_str(row, "published_at")));
	tag(&m, "name", "citation_journal_title", view_str(m.site, "name"));
	if (issue != NULL) {
		tag(&m, "name", "citation_volume", arena_printf(m.a, "%lld",
		    (long long)json_integer_value(json_object_get(issue,
		    "volume"))));
		tag(&m, "name", "citation_issue", arena_printf(m.a, "%lld",
		    (long long)json_integer_value(json_object_get(issue,
		    "number"))));
	}
	tag(&m, "name", "citation_issn", view_str(m.site, "issn"));
	tag(&m, "name", "citation_language", view_str(m.site, "language"));
	tag(&m, "name", "citation_abstract_html_url", m.url);
	tag(&m, "name", "citation_pdf_url", abs_ref(&m, view_str(row, "pdf")));

	art = typed("ScholarlyArticle");
	json_object_set_new(art, "@id", json_string(arena_printf(m.a,
	    "%s#article", m.url)));
	set_str(art, "headline", view_str(row, "title"));
	set_str(art, "description", view_str(row, "dek"));
	json_object_set_new(art, "url", json_string(m.url));
	json_object_set_new(art, "mainEntityOfPage", json_string(m.url));
	set_str(art, "image", image);
	json_object_set_new(art, "author", authors);
	set_str(art, "datePublished", view_str(row, "published_at"));
	set_str(art, "dateModified", view_str(row, "updated_at"));
	set_str(art, "articleSection", view_str(json_object_get(row,
	    "section"), "name"));
	set_str(art, "inLanguage", view_str(m.site, "language"));
	json_object_set_new(art, "publisher", publisher(&m, logo));
	json_object_set_new(art, "isPartOf", issue != NULL ?
	    pub_issue(&m, issue, logo) : periodical(&m, 0, logo));
	graph = json_array();
	json_array_append_new(graph, art);
	json_array_append_new(graph, breadcrumbs(&m));
	meta_jsonld(&m, graph);
}

/*
 * A page of the journal (o, taken: a CollectionPage, a ProfilePage)
 * named name, with the breadcrumbs from the journal to it, written as
 * the page's JSON-LD.
 */
static void
meta_page(struct meta *m, json_t *o, const char *name, const char *logo)
{
	json_t *graph = json_array();

	json_object_set_new(o, "@id", json_string(m->url));
	json_object_set_new(o, "url", json_string(m->url));
	set_str(o, "name", name);
	set_str(o, "inLanguage", view_str(m->site, "language"));
	json_object_set_new(o, "isPartOf", periodical(m, 0, logo));
	json_array_append_new(graph, o);
	json_array_append_new(graph, breadcrumbs(m));
	meta_jsonld(m, graph);
}

void
meta_section(struct req *r, json_t *view, json_t *sec)
{
	json_t *o;
	const char *logo;
	struct meta m;

	if (!meta_begin(&m, r, view, view_str(sec, "description")))
		return;
	logo = site_image(&m, view);
	meta_cards(&m, "website", view_str(sec, "name"), logo, 0);
	o = typed("CollectionPage");
	set_str(o, "description", view_str(sec, "description"));
	meta_page(&m, o, view_str(sec, "name"), logo);
}

void
meta_collection(struct req *r, json_t *view, const char *name,
    const char *desc)
{
	json_t *o = json_pack("{s:s, s:s}", "name", name, "description",
	    desc);

	meta_section(r, view, o);
	json_decref(o);
}

void
meta_author(struct req *r, json_t *view, json_t *person)
{
	json_t *o, *p, *org;
	const char *photo, *logo;
	struct meta m;

	if (!meta_begin(&m, r, view, NULL))
		return;
	logo = site_image(&m, view);
	photo = abs_ref(&m, view_str(person, "photo"));
	meta_cards(&m, "profile", view_str(person, "name"), *photo != '\0' ?
	    photo : logo, 0);
	p = typed("Person");
	json_object_set_new(p, "@id", json_string(arena_printf(m.a,
	    "%s#person", m.url)));
	set_str(p, "name", view_str(person, "name"));
	json_object_set_new(p, "url", json_string(m.url));
	set_str(p, "image", photo);
	if (*view_str(person, "affiliation") != '\0') {
		org = typed("Organization");
		set_str(org, "name", view_str(person, "affiliation"));
		json_object_set_new(p, "affiliation", org);
	}
	o = typed("ProfilePage");
	json_object_set_new(o, "mainEntity", p);
	meta_page(&m, o, view_str(person, "name"), logo);
}

void
meta_issue(struct req *r, json_t *view, json_t *issue)
{
	json_t *graph, *o;
	const char *logo, *title, *cover;
	struct meta m;

	if (!meta_begin(&m, r, view, NULL))
		return;
	logo = site_image(&m, view);
	cover = abs_ref(&m, view_str(issue, "cover"));
	title = *view_str(issue, "title") != '\0' ? view_str(issue, "title") :
	    arena_printf(m.a, "Issue %lld", (long long)json_integer_value(
	    json_object_get(issue, "number")));
	meta_cards(&m, "website", title, *cover != '\0' ? cover : logo,
	    *cover != '\0');
	graph = json_array();
	o = pub_issue(&m, issue, logo);
	set_str(o, "image", cover);
	json_array_append_new(graph, o);
	json_array_append_new(graph, breadcrumbs(&m));
	meta_jsonld(&m, graph);
}

void
meta_home(struct req *r, json_t *view)
{
	json_t *p, *graph;
	const char *logo;
	struct meta m;

	if (!meta_begin(&m, r, view, NULL))
		return;
	logo = site_image(&m, view);
	meta_cards(&m, "website", view_str(m.site, "name"), logo, 0);
	p = periodical(&m, 0, logo);
	set_str(p, "description", view_str(m.site, "description"));
	graph = json_array();
	json_array_append_new(graph, p);
	meta_jsonld(&m, graph);
}
