/*
 * routes: the public site's URLs.  A route names the query parameters
 * that change its page (the rest are ignored, so "?junk=1" cannot fill
 * the cache), whether it needs the database (a worker) and whether its
 * GET answers may come from the page cache.
 */
#include "web.h"

static const char *const list_params[] = { "page", NULL };
static const char *const pub_params[] = { "type", "author", "page", NULL };
static const char *const search_params[] = { "q", "section", "author",
    "year", "country", "sort", "page", NULL };

#define W	ROUTE_WORKER
#define C	ROUTE_CACHE
const struct route web_routes[] = {
	{ HTTP_GET, "/", page_home_or_old, NULL, W | C | ROUTE_LEGACY },
	{ HTTP_GET, "/articles/:slug", page_article, NULL, W | C },
	{ HTTP_GET, "/articles/:slug/cite.bib", page_article_cite, NULL,
	    W | C },
	{ HTTP_GET, "/articles/:slug/cite.ris", page_article_cite, NULL,
	    W | C },
	{ HTTP_GET, "/articles/:slug/cite.json", page_article_cite, NULL,
	    W | C },
	{ HTTP_GET, "/issues", page_issues, NULL, W | C },
	{ HTTP_GET, "/issues/:number", page_issue, NULL, W | C },
	{ HTTP_GET, "/sections/:slug", page_section, list_params, W | C },
	{ HTTP_GET, "/authors/:slug", page_author, list_params, W | C },
	{ HTTP_GET, "/authors", page_authors, NULL, W | C },
	{ HTTP_GET, "/tags", page_tags, NULL, W | C },
	{ HTTP_GET, "/tags/:slug", page_tag, list_params, W | C },
	{ HTTP_GET, "/countries", page_countries, NULL, W | C },
	{ HTTP_GET, "/countries/:code", page_country, list_params, W | C },
	{ HTTP_GET, "/publications", page_publications, pub_params, W | C },
	{ HTTP_GET, "/about", page_about, NULL, W | C },
	{ HTTP_GET, "/newsletter", page_newsletter, NULL, W | C },
	{ HTTP_POST, "/newsletter", page_newsletter, NULL, W },
	{ HTTP_GET, "/newsletter/confirm/:token", page_newsletter_confirm,
	    NULL, W | ROUTE_PRIVATE },
	{ HTTP_GET, "/newsletter/unsubscribe/:token",
	    page_newsletter_unsubscribe, NULL, W | ROUTE_PRIVATE },
	{ HTTP_POST, "/newsletter/unsubscribe/:token",
	    page_newsletter_unsubscribe, NULL, W | ROUTE_PRIVATE },
	{ HTTP_GET, "/newsletter/preferences/:token",
	    page_newsletter_preferences, NULL, W | ROUTE_PRIVATE },
	{ HTTP_POST, "/newsletter/preferences/:token",
	    page_newsletter_preferences, NULL, W | ROUTE_PRIVATE },
	{ HTTP_GET, "/static/:file", page_static, NULL, 0 },
	/* Uploaded files: never in the page cache (sendfile instead). */
	{ HTTP_GET, "/media/:name", page_media, NULL, W },
	{ HTTP_GET, "/feed.atom", page_feed, NULL, W | C },
	{ HTTP_GET, "/feed.rss", page_feed, NULL, W | C },
	{ HTTP_GET, "/feed.json", page_feed, NULL, W | C },
	{ HTTP_GET, "/sections/:slug/feed.atom", page_feed, NULL, W | C },
	{ HTTP_GET, "/sections/:slug/feed.rss", page_feed, NULL, W | C },
	{ HTTP_GET, "/sections/:slug/feed.json", page_feed, NULL, W | C },
	{ HTTP_GET, "/authors/:slug/feed.atom", page_feed, NULL, W | C },
	{ HTTP_GET, "/authors/:slug/feed.rss", page_feed, NULL, W | C },
	{ HTTP_GET, "/authors/:slug/feed.json", page_feed, NULL, W | C },
	{ HTTP_GET, "/tags/:slug/feed.atom", page_feed, NULL, W | C },
	{ HTTP_GET, "/tags/:slug/feed.rss", page_feed, NULL, W | C },
	{ HTTP_GET, "/tags/:slug/feed.json", page_feed, NULL, W | C },
	{ HTTP_GET, "/countries/:code/feed.atom", page_feed, NULL, W | C },
	{ HTTP_GET, "/countries/:code/feed.rss", page_feed, NULL, W | C },
	{ HTTP_GET, "/countries/:code/feed.json", page_feed, NULL, W | C },
	{ HTTP_GET, "/sitemap.xml", page_sitemap, NULL, W | C },
	{ HTTP_GET, "/sitemaps/:file", page_sitemap_part, NULL, W | C },
	/* Not cached: what it lists changes with the clock. */
	{ HTTP_GET, "/sitemap-news.xml", page_sitemap_news, NULL, W },
	{ HTTP_GET, "/events", page_events, list_params, W },
	/* Not cached: each query is a page of its own. */
	{ HTTP_GET, "/search", page_search, search_params, W },
	/* Not cached either: which events are upcoming moves. */
	{ HTTP_GET, "/events.ics", page_events_ics, NULL, W },
	{ HTTP_GET, "/events/:file", page_event_ics, NULL, W },
	{ HTTP_GET, "/robots.txt", page_robots_txt, NULL, W | C },
	/* Not cached: each answer carries the clock's responseDate. */
	{ HTTP_GET, "/oai", page_oai, NULL, W },
	{ HTTP_POST, "/oai", page_oai, NULL, W },
	/* Last: an address no route above knows may be an old one. */
	{ HTTP_GET, "*", page_old_address, NULL, W | ROUTE_FALLBACK },
};
#undef W
#undef C
const size_t web_nroutes = nitems(web_routes);

const struct site_part web_part = {
	.routes = web_routes,
	.nroutes = nitems(web_routes),
	.start = home_start,
	.tick = home_tick,
	.stop = home_stop,
};
