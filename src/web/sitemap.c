/*
 * sitemap: what search engines read to find every public page.
 *
 * /sitemap.xml lists the canonical pages (home, /issues, /publications,
 * /about, /authors, each issue, section, author, tag and country with a
 * published article, and each article) with absolute URLs
 * from base_url and each page's newest change as lastmod, in the
 * sitemaps.org 0.9 format.  The protocol allows 50,000 URLs a file
 * (SITEMAP_URLS): past that, /sitemap.xml becomes a sitemap index naming
 * /sitemaps/1.xml, /sitemaps/2.xml..., each the next 50,000 URLs of the
 * same sequence (the other pages, then articles in the order they were
 * stored, so a part's URLs change only when articles are removed).
 * /sitemap-news.xml is the Google News sitemap: articles published in
 * the two days before now (the site's clock, which tests set), at most
 * 1,000.  /robots.txt is the robots_txt setting, or by default one that
 * allows everything and names both sitemaps.
 *
 * Sitemaps are protocol, not presentation: they are written here with
 * esc_xml, not through the theme, and may be far larger than a page
 * (LIMIT_SITEMAP).  Without base_url there is no absolute URL to give:
 * the sitemaps are then 404s, with a line in the log.
 */
#include <string.h>

#include "web.h"

#define SITEMAP_URLS	50000	/* URLs in one file, the protocol's cap */
#define NEWS_URLS	1000	/* Google News's cap */
#define NEWS_WINDOW	(2 * 86400)	/* articles of the last two days */

static const char xml_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
static const char ns_sitemap[] = "http://www.sitemaps.org/schemas/sitemap/0.9";

/* The site record and its base URL; ERR_NOTFOUND without one. */
static enum err
site_base(struct ctx *ctx, struct req *r, json_t **site, const char **base)
{
	enum err rc;

	if ((rc = store_site_get(ctx->store, site)) != ERR_OK)
		return rc;
	*base = view_str(*site, "base_url");
	if (**base != '\0' && url_safe(*base, strlen(*base)))
		return ERR_OK;
	log_warnx("%s: sitemaps need the site's address: octavo site set "
	    "base_url URL", r->path);
	json_decref(*site);
	*site = NULL;
	return ERR_NOTFOUND;
}

/* <url><loc>base prefix slug</loc><lastmod>...</lastmod></url> */
static enum err
put_url(struct buf *b, const char *base, const char *prefix,
    const char *slug, const char *lastmod)
{
	struct buf u;
	char t[21];
	int64_t when;
	enum err rc;

	buf_init(&u, LIMIT_URL * 2);
	buf_puts(&u, base);
	buf_puts(&u, prefix);
	if (slug != NULL)
		esc_url(&u, slug, strlen(slug));
	rc = buf_puts(b, "<url><loc>");
	if (rc == ERR_OK)
		rc = esc_xml(b, u.p, u.len);
	if (rc == ERR_OK)
		rc = buf_puts(b, "</loc>");
	if (rc == ERR_OK && time_parse_iso(lastmod, &when) == ERR_OK) {
		if (strlen(lastmod) == 10)	/* a date stays one */
			snprintf(t, sizeof(t), "%s", lastmod);
		else
			time_fmt_iso(when, t);
		rc = buf_printf(b, "<lastmod>%s</lastmod>", t);
	}
	if (rc == ERR_OK)
		rc = buf_puts(b, "</url>\n");
	buf_free(&u);
	return rc;
}

/* The URL of a row of store_sitemap_pages. */
static enum err
put_page(struct buf *b, const char *base, json_t *row)
{
	const char *kind = view_str(row, "kind"), *lastmod;
	json_t *key = json_object_get(row, "key");
	char num[24];

	lastmod = view_str(row, "lastmod");
	if (strcmp(kind, "home") == 0)
		return put_url(b, base, "/", NULL, lastmod);
	if (strcmp(kind, "issues") == 0 || strcmp(kind, "publications") ==
	    0 || strcmp(kind, "about") == 0 || strcmp(kind, "authors") == 0)
		return put_url(b, base, "/", kind, lastmod);
	if (strcmp(kind, "issue") == 0) {
		snprintf(num, sizeof(num), "%lld",
		    (long long)json_integer_value(key));
		return put_url(b, base, "/issues/", num, lastmod);
	}
	return put_url(b, base, strcmp(kind, "section") == 0 ? "/sections/" :
	    strcmp(kind, "tag") == 0 ? "/tags/" : strcmp(kind, "country") ==
	    0 ? "/countries/" : "/authors/", json_string_value(key) != NULL ?
	    json_string_value(key) : "", lastmod);
}

/*
 * The URLs numbered [from, to) of the sequence: the pages, then the
 * articles from offset from - npages.
 */
static enum err
put_range(struct ctx *ctx, struct buf *b, const char *base, json_t *pages,
    long from, long to)
{
	long npages = (long)json_array_size(pages), i, total;
	json_t *arts = NULL, *it;
	size_t k;
	enum err rc = ERR_OK;

	for (i = from; i < to && i < npages && rc == ERR_OK; i++)
		rc = put_page(b, base, json_array_get(pages, (size_t)i));
	if (rc != ERR_OK || to <= npages)
		return rc;
	if (from < npages)
		from = npages;
	if ((rc = store_article_stamps(ctx->store, to - from, from - npages,
	    &arts, &total)) != ERR_OK)
		return rc;
	json_array_foreach(arts, k, it)
		if ((rc = put_url(b, base, "/articles/", view_str(it, "slug"),
		    view_str(it, "updated_at"))) != ERR_OK)
			break;
	json_decref(arts);
	return rc;
}

/*
 * The site, its base URL, the pages and the number of URLs in all, for
 * a sitemap request.
 */
static enum err
sitemap_load(struct ctx *ctx, struct req *r, json_t **site,
    const char **base, json_t **pages, long *n)
{
	json_t *one = NULL;
	long total;
	enum err rc;

	*pages = NULL;
	if ((rc = site_base(ctx, r, site, base)) != ERR_OK)
		return rc;
	if ((rc = store_sitemap_pages(ctx->store, pages)) != ERR_OK ||
	    (rc = store_article_stamps(ctx->store, 1, 0, &one, &total)) !=
	    ERR_OK) {
		json_decref(*site);
		json_decref(*pages);
		*site = *pages = NULL;
		return rc;
	}
	json_decref(one);
	*n = (long)json_array_size(*pages) + total;
	return ERR_OK;
}

/* Send b as XML, cached like a page. */
static enum err
send_xml(struct ctx *ctx, struct req *r, struct resp *resp, struct buf *b)
{
	size_t len;
	char *body = buf_take(b, &len);

	return site_send_body(ctx, r, resp, body, len,
	    "application/xml; charset=utf-8");
}

enum err
page_sitemap(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *site = NULL, *pages = NULL;
	const char *base;
	struct buf b;
	long n, k, parts;
	enum err rc;

	if ((rc = sitemap_load(ctx, r, &site, &base, &pages, &n)) != ERR_OK)
		return rc;
	buf_init(&b, LIMIT_SITEMAP);
	buf_puts(&b, xml_head);
	if (n <= SITEMAP_URLS) {
		buf_printf(&b, "<urlset xmlns=\"%s\">\n", ns_sitemap);
		if ((rc = put_range(ctx, &b, base, pages, 0, n)) == ERR_OK)
			rc = buf_puts(&b, "</urlset>\n");
	} else {
		parts = (n + SITEMAP_URLS - 1) / SITEMAP_URLS;
		buf_printf(&b, "<sitemapindex xmlns=\"%s\">\n", ns_sitemap);
		for (k = 1; k <= parts; k++) {
			buf_puts(&b, "<sitemap><loc>");
			esc_xml(&b, base, strlen(base));
			buf_printf(&b, "/sitemaps/%ld.xml</loc></sitemap>\n",
			    k);
		}
		rc = buf_puts(&b, "</sitemapindex>\n");
	}
	if (rc == ERR_OK)
		rc = send_xml(ctx, r, resp, &b);
	buf_free(&b);
	json_decref(site);
	json_decref(pages);
	return rc;
}

enum err
page_sitemap_part(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *site = NULL, *pages = NULL;
	const char *base, *dot = strchr(r->args[0], '.');
	struct buf b;
	long long k;
	long n;
	enum err rc;

	if (dot == NULL || strcmp(dot, ".xml") != 0)
		return ERR_NOTFOUND;
	if (str_to_ll(arena_strndup(r->arena, r->args[0],
	    (size_t)(dot - r->args[0])), 1, LIMIT_PAGE_NUMBER, &k) != ERR_OK)
		return ERR_NOTFOUND;
	if ((rc = sitemap_load(ctx, r, &site, &base, &pages, &n)) != ERR_OK)
		return rc;
	/* Parts exist only when /sitemap.xml is an index. */
	if (n <= SITEMAP_URLS || (k - 1) * SITEMAP_URLS >= n) {
		rc = ERR_NOTFOUND;
		goto out;
	}
	buf_init(&b, LIMIT_SITEMAP);
	buf_puts(&b, xml_head);
	buf_printf(&b, "<urlset xmlns=\"%s\">\n", ns_sitemap);
	if ((rc = put_range(ctx, &b, base, pages, (long)(k - 1) *
	    SITEMAP_URLS, (long)k * SITEMAP_URLS < n ? (long)k *
	    SITEMAP_URLS : n)) == ERR_OK)
		rc = buf_puts(&b, "</urlset>\n");
	if (rc == ERR_OK)
		rc = send_xml(ctx, r, resp, &b);
	buf_free(&b);
out:
	json_decref(site);
	json_decref(pages);
	return rc;
}

/* The language Google News wants: ISO 639 (zh-cn and zh-tw kept). */
static const char *
news_language(struct arena *a, const char *tag)
{
	char *l;
	size_t i, n = strcspn(tag, "-_");

	if (strncasecmp(tag, "zh-cn", 5) == 0 ||
	    strncasecmp(tag, "zh-tw", 5) == 0)
		n = 5;
	if (n == 0)
		return "en";
	l = arena_strndup(a, tag, n);
	for (i = 0; i < n; i++)
		l[i] = l[i] == '_' ? '-' : (char)(l[i] | 0x20);
	return l;
}

/* One <url> of the news sitemap. */
static enum err
put_news(struct buf *b, const char *base, const char *name,
    const char *lang, json_t *row, int64_t published)
{
	const char *slug = view_str(row, "slug");
	const char *title = view_str(row, "title");
	char t[21];
	enum err rc;

	time_fmt_iso(published, t);
	rc = buf_puts(b, "<url><loc>");
	if (rc == ERR_OK)
		rc = esc_xml(b, base, strlen(base));
	if (rc == ERR_OK)
		rc = buf_puts(b, "/articles/");
	if (rc == ERR_OK)
		rc = esc_url(b, slug, strlen(slug));
	if (rc == ERR_OK)
		rc = buf_puts(b, "</loc><news:news><news:publication>"
		    "<news:name>");
	if (rc == ERR_OK)
		rc = esc_xml(b, name, strlen(name));
	if (rc == ERR_OK)
		rc = buf_printf(b, "</news:name><news:language>%s"
		    "</news:language></news:publication>"
		    "<news:publication_date>%s</news:publication_date>"
		    "<news:title>", lang, t);
	if (rc == ERR_OK)
		rc = esc_xml(b, title, strlen(title));
	if (rc == ERR_OK)
		rc = buf_puts(b, "</news:title></news:news></url>\n");
	return rc;
}

enum err
sitemap_news_write(struct ctx *ctx, struct req *r, struct buf *b,
    int64_t now)
{
	struct store_query q = { .limit = 100 };
	json_t *site = NULL, *rows = NULL, *it;
	const char *base, *name, *lang;
	int64_t t;
	long n = 0;
	size_t i, got;
	int older = 0;
	enum err rc;

	if ((rc = site_base(ctx, r, &site, &base)) != ERR_OK)
		return rc;
	name = *view_str(site, "name") ? view_str(site, "name") : "Octavo";
	lang = news_language(r->arena, view_str(site, "language"));
	buf_puts(b, xml_head);
	rc = buf_printf(b, "<urlset xmlns=\"%s\" xmlns:news=\""
	    "http://www.google.com/schemas/sitemap-news/0.9\">\n",
	    ns_sitemap);
	/* Newest first, a page at a time, until one is too old. */
	while (rc == ERR_OK && !older && n < NEWS_URLS) {
		if ((rc = store_articles_list(ctx->store, &q, &rows, NULL)) !=
		    ERR_OK)
			break;
		got = json_array_size(rows);
		json_array_foreach(rows, i, it) {
			if (time_parse_iso(view_str(it, "published_at"), &t) !=
			    ERR_OK || t > now)
				continue;	/* not yet: scheduled */
			if (t < now - NEWS_WINDOW || n == NEWS_URLS) {
				older = 1;
				break;
			}
			if ((rc = put_news(b, base, name, lang, it, t)) !=
			    ERR_OK)
				break;
			n++;
		}
		json_decref(rows);
		rows = NULL;
		if (got < (size_t)q.limit)
			break;
		q.offset += q.limit;
	}
	if (rc == ERR_OK)
		rc = buf_puts(b, "</urlset>\n");
	json_decref(site);
	return rc;
}

enum err
page_sitemap_news(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct buf b;
	char *body;
	size_t len;
	enum err rc;

	buf_init(&b, LIMIT_SITEMAP);
	if ((rc = sitemap_news_write(ctx, r, &b, site_now(ctx->site))) ==
	    ERR_OK) {
		/*
		 * Not cached (its route): what it lists moves with the
		 * clock; site_send_body gives it an ETag of its bytes.
		 */
		body = buf_take(&b, &len);
		rc = site_send_body(ctx, r, resp, body, len,
		    "application/xml; charset=utf-8");
	}
	buf_free(&b);
	return rc;
}

enum err
page_robots_txt(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *site = NULL;
	const char *text, *base;
	struct buf b;
	char *body;
	size_t len;
	enum err rc;

	if ((rc = store_site_get(ctx->store, &site)) != ERR_OK)
		return rc;
	text = view_str(site, "robots_txt");
	base = view_str(site, "base_url");
	buf_init(&b, LIMIT_SETTING + LIMIT_URL * 2);
	if (*text != '\0') {
		buf_puts(&b, text);
		if (b.p[b.len - 1] != '\n')
			buf_putc(&b, '\n');
	} else {
		buf_puts(&b, "User-agent: *\nAllow: /\n");
		/* Sitemap lines must be absolute URLs. */
		if (*base != '\0' && url_safe(base, strlen(base)))
			buf_printf(&b, "\nSitemap: %s/sitemap.xml\n"
			    "Sitemap: %s/sitemap-news.xml\n", base, base);
	}
	json_decref(site);
	body = buf_take(&b, &len);
	return site_send_body(ctx, r, resp, body, len,
	    "text/plain; charset=utf-8");
}
