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
enum err	 page_newsletter(struct ctx *, struct req *,
		    struct resp *);
enum err	 page_static(struct ctx *, struct req *, struct resp *);
/* A plausible e-mail address (RFC 5321 sizes, one @, dotted domain). */
int		 newsletter_email_valid(const char *);

#endif
