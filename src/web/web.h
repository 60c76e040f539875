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
/* The public site as a part: its routes, and home.c's most-read list. */
extern const struct site_part web_part;
extern const size_t web_nroutes;

/* Handlers: article.c, issue.c, section.c, author.c, publications.c,
 * about.c, newsletter.c, static.c */
enum err	 page_article(struct ctx *, struct req *, struct resp *);
enum err	 page_home(struct ctx *, struct req *, struct resp *);
/*
 * legacy.c: the old addresses an importer kept, a 301 each: any GET no
 * route knows, and the home page's ("/?p=12") before it.
 */
enum err	 page_old_address(struct ctx *, struct req *, struct resp *);
/* A 301 to the article whose slug is slug now (legacy.c). */
void		 web_redirect_article(struct req *, struct resp *,
		    const char *slug);
enum err	 page_home_or_old(struct ctx *, struct req *, struct resp *);
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
/*
 * home.c: the tick thread's part of the home page (web_part's hooks):
 * the most read, summed at start and every few minutes.  home_start
 * never fails: without a list the page sums its own.
 */
enum err	 home_start(struct site *, struct store *);
void		 home_tick(struct site *, struct store *, int64_t now);
void		 home_stop(struct site *);
/*
 * issue.c: TOC_SECTION list from an issue's article rows (ordered by
 * section), which become ARTICLE_SUMs (view_article_sums); a new array.
 */
json_t		*issue_toc(json_t *rows);
/*
 * s if it may be the page a form sends the reader back to: a path on
 * this site ("/x", never "//host" or "/\\host", which browsers read as
 * another site), of URL characters only (no '#', no space, no control),
 * at most LIMIT_RETURN_PATH bytes, not /newsletter itself; else NULL.
 */
const char	*web_return_path(const char *s);
/* The newsletter's links: confirm, unsubscribe (GET and one-click POST),
 * preferences (GET and POST). */
enum err	 page_newsletter_confirm(struct ctx *, struct req *,
		    struct resp *);
enum err	 page_newsletter_unsubscribe(struct ctx *, struct req *,
		    struct resp *);
enum err	 page_newsletter_preferences(struct ctx *, struct req *,
		    struct resp *);
enum err	 page_static(struct ctx *, struct req *, struct resp *);
/* search.c: /search, the reader's search. */
enum err	 page_search(struct ctx *, struct req *, struct resp *);
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
/* A list page's (/authors, a tag's) as a section's: a CollectionPage. */
void		 meta_collection(struct req *, json_t *view, const char *name,
		    const char *desc);
void		 meta_author(struct req *, json_t *view, json_t *person);
void		 meta_issue(struct req *, json_t *view, json_t *issue);
void		 meta_home(struct req *, json_t *view);
/* authors.c: /authors, everyone with a published article. */
enum err	 page_authors(struct ctx *, struct req *, struct resp *);
/* terms.c: /tags, /tags/{slug}, /countries, /countries/{code}. */
enum err	 page_tags(struct ctx *, struct req *, struct resp *);
enum err	 page_tag(struct ctx *, struct req *, struct resp *);
enum err	 page_countries(struct ctx *, struct req *, struct resp *);
enum err	 page_country(struct ctx *, struct req *, struct resp *);
/*
 * An article's tags and countries into article (its view) as tags and
 * countries, [{name, url}] each, linking the pages above; empty lists
 * (and a line in the log) when they cannot be read.
 */
void		 web_terms_add(struct ctx *, struct req *, json_t *article,
		    int64_t id);
/*
 * The country code of a URL's arg ("kz") upper-cased into code: ERR_OK;
 * ERR_NOTFOUND when it is not two letters.  Written in any other case
 * ("KZ"), *moved is set and resp is a 301 to the lower-case URL (the
 * rest of the request's path kept): the handler then returns ERR_OK.
 */
enum err	 web_country_code(struct req *, struct resp *,
		    const char *arg, char code[3], int *moved);
/* oai.c: /oai, OAI-PMH 2.0 (GET and POST). */
enum err	 page_oai(struct ctx *, struct req *, struct resp *);

/* oai_args.c: an OAI-PMH request's arguments and resumption tokens. */
enum oai_verb {
	OAI_IDENTIFY,
	OAI_LIST_METADATA_FORMATS,
	OAI_LIST_SETS,
	OAI_GET_RECORD,
	OAI_LIST_IDENTIFIERS,
	OAI_LIST_RECORDS,
	OAI_VERB__MAX
};
/* The protocol's error codes (section 3.6) that Octavo can answer. */
enum oai_error {
	OAI_OK,
	OAI_BAD_VERB,
	OAI_BAD_ARGUMENT,
	OAI_BAD_RESUMPTION_TOKEN,
	OAI_CANNOT_DISSEMINATE_FORMAT,
	OAI_ID_DOES_NOT_EXIST,
	OAI_NO_RECORDS_MATCH,
	OAI_ERROR__MAX
};
#define OAI_STAMP_LEN	21	/* "2026-10-28T09:01:00Z" and a NUL */
#define OAI_TOKEN_MAX	256	/* longer is not one of ours */
/* A checked request; strings borrowed from the request or its arena. */
struct oai_request {
	enum oai_verb	 verb;
	const char	*identifier;	/* NULL when absent */
	const char	*prefix;	/* metadataPrefix, NULL when absent */
	const char	*set;		/* NULL when absent */
	const char	*token;		/* resumptionToken as sent, or NULL */
	char		 from[OAI_STAMP_LEN];	/* full stamps, "" when open */
	char		 until[OAI_STAMP_LEN];
	int64_t		 after;		/* cursor: the last id sent, or 0 */
};
/* "Identify"...; "" for OAI_VERB__MAX. */
const char	*oai_verb_name(enum oai_verb);
/*
 * Check the n arguments of a request (query or form) for its verb and
 * fill q, decoding a resumption token against the time now.  OAI_OK, or
 * the error to answer with, *why a sentence for badVerb and badArgument
 * (static or in the arena).
 */
enum oai_error	 oai_request_parse(struct arena *, const struct param *,
		    size_t n, int64_t now, struct oai_request *,
		    const char **why);
/*
 * Decode resumption token tok into q's from, until, set and after
 * (prefix oai_dc); OAI_BAD_RESUMPTION_TOKEN if it is not one of ours,
 * damaged, or expired at now.
 */
enum oai_error	 oai_token_decode(struct arena *, const char *tok,
		    int64_t now, struct oai_request *);
/* Append the token continuing q's list after id `after`, good until
 * expires (seconds since the epoch). */
enum err	 oai_token_encode(struct buf *, const struct oai_request *,
		    int64_t after, int64_t expires);
/*
 * A from or until argument ("YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ssZ") as a
 * full stamp (a day's first second, or with until its last); *fine 1 for
 * the second form.  0 if it is neither.
 */
int		 oai_date_parse(const char *, int until,
		    char out[OAI_STAMP_LEN], int *fine);

/* calendar.c: /events.ics and /events/{id}.ics (iCalendar, libical). */
enum err	 page_events_ics(struct ctx *, struct req *, struct resp *);
enum err	 page_event_ics(struct ctx *, struct req *, struct resp *);
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

/* article.c: /articles/{slug}/cite.bib, cite.ris, cite.json */
enum err	 page_article_cite(struct ctx *, struct req *, struct resp *);
/*
 * cite.c: the citation of an article (row: store_article_get's record)
 * of the site (its chrome's "site": name, issn, language) at url, as
 * BibTeX, RIS or CSL-JSON, appended to b.  ERR_LIMIT past b's maximum.
 */
enum err	 cite_bibtex(struct buf *, struct arena *, json_t *row,
		    json_t *site, const char *url);
enum err	 cite_ris(struct buf *, struct arena *, json_t *row,
		    json_t *site, const char *url);
enum err	 cite_csl(struct buf *, struct arena *, json_t *row,
		    json_t *site, const char *url);

#endif
