/*
 * web: the journal's public site, one file per page family, on top of
 * the site core (site/: theme, views, page cache, read counter).  routes.c
 * is its URL table.
 */
#ifndef OCTAVO_WEB_H
#define OCTAVO_WEB_H

#include "http/http.h"
#include "site/site.h"
#include "store/store.h"
#include "tmpl/tmpl.h"
#include "util/util.h"

/* routes.c */
extern const struct route web_routes[];	/* the public site's URLs */
extern const size_t web_nroutes;

/* Handlers: article.c, issue.c, section.c, author.c, publications.c,
 * about.c, newsletter.c, static.c */
enum err	 page_article(struct ctx *, struct req *, struct resp *);
enum err	 page_home(struct ctx *, struct req *, struct resp *);
enum err	 page_issues(struct ctx *, struct req *, struct resp *);
enum err	 page_issue(struct ctx *, struct req *, struct resp *);
enum err	 page_section(struct ctx *, struct req *, struct resp *);
enum err	 page_author(struct ctx *, struct req *, struct resp *);
enum err	 page_publications(struct ctx *, struct req *,
		    struct resp *);
enum err	 page_about(struct ctx *, struct req *, struct resp *);
enum err	 page_events(struct ctx *, struct req *, struct resp *);
enum err	 page_newsletter(struct ctx *, struct req *,
		    struct resp *);
/* The newsletter's links: confirm, unsubscribe (GET and one-click POST),
 * preferences (GET and POST). */
enum err	 page_newsletter_confirm(struct ctx *, struct req *,
		    struct resp *);
enum err	 page_newsletter_unsubscribe(struct ctx *, struct req *,
		    struct resp *);
enum err	 page_newsletter_preferences(struct ctx *, struct req *,
		    struct resp *);
enum err	 page_static(struct ctx *, struct req *, struct resp *);
/* media.c: /media/:name, an uploaded file. */
enum err	 page_media(struct ctx *, struct req *, struct resp *);
/*
 * meta.c: a page's metadata for machines into its view's page object
 * (page.meta: Open Graph, Twitter and citation_* tags; page.jsonld_html:
 * schema.org JSON-LD, safe to write raw in a <script> data block), all
 * URLs absolute; nothing but the description without a base_url.  row
 * is the store's record of what the page shows (an article, a section,
 * a person, an issue); the view must already hold the page's own keys
 * (an article page's article).
 */
void		 meta_article(struct req *, json_t *view, json_t *row);
void		 meta_section(struct req *, json_t *view, json_t *section);
void		 meta_author(struct req *, json_t *view, json_t *person);
void		 meta_issue(struct req *, json_t *view, json_t *issue);
void		 meta_home(struct req *, json_t *view);
/* feed.c: /feed.atom, .rss, .json, and under sections and authors. */
enum err	 page_feed(struct ctx *, struct req *, struct resp *);
/* sitemap.c: /sitemap.xml, /sitemaps/{n}.xml, /sitemap-news.xml, robots */
enum err	 page_sitemap(struct ctx *, struct req *, struct resp *);
enum err	 page_sitemap_part(struct ctx *, struct req *, struct resp *);
enum err	 page_sitemap_news(struct ctx *, struct req *, struct resp *);
enum err	 page_robots_txt(struct ctx *, struct req *, struct resp *);
/*
 * The Google News sitemap as of now (seconds since the epoch): the
 * articles published in the two days before it, appended to b.
 * ERR_NOTFOUND when the site has no base_url.
 */
enum err	 sitemap_news_write(struct ctx *, struct req *, struct buf *,
		    int64_t now);

#endif
