/*
 * api: the journal's JSON API under /api/v1 (docs/api.md): public,
 * paginated reads of articles, issues, sections, authors, publications
 * and events, and the OpenAPI document that describes them.  Resources
 * are built from the store's records (resource.c), never from the
 * site's page views: no presentation strings, no reads marker.  Answers
 * go through the page cache as pages do, and every error is a problem
 * details object (site_problem).  routes.c is its URL table.
 */
#ifndef OCTAVO_API_H
#define OCTAVO_API_H

#include <jansson.h>

#include "admin/admin.h"
#include "http/http.h"
#include "site/site.h"
#include "store/store.h"
#include "util/util.h"

#define API_ROOT		"/api/v1"
#define API_PER_PAGE		20	/* items a page, by default */
#define API_PER_PAGE_MAX	100

/*
 * One API request as its endpoint sees it: the handler's arguments, the
 * site's base URL, the page asked for, and, once the endpoint fails
 * with a problem of its own, its status, sentence and parameter.
 */
struct api_call {
	struct ctx	*ctx;
	struct req	*r;
	struct resp	*resp;
	const char	*base;		/* base_url, "" when unset */
	long		 page;		/* from 1 */
	long		 per_page;
	int		 status;	/* 0: no problem of the endpoint's */
	const char	*detail;
	const char	*param;
	const char	*challenge;	/* a 401's WWW-Authenticate */
	json_t		*errors;	/* a 422's [{field, detail}] */
};

/* Who calls, as api_authorize found: a token acting as a user. */
struct api_user {
	int64_t		 id;		/* the user's */
	const char	*email;
	enum role	 role;
	int64_t		 token;		/* the token's id */
	const char	*token_name;
};

/* An endpoint: ERR_OK once it answered; else api_fail's or the store's. */
typedef enum err (*api_endpoint)(struct api_call *);

/* routes.c */
extern const struct route api_routes[];	/* the API's URLs */
extern const size_t api_nroutes;

/* api.c: what every endpoint shares. */
/*
 * Run endpoint fn for a request: read the base URL and (for a route
 * that keeps "page") page and per_page, run it, and answer api_fail's
 * problem with its status, sentence and parameter.  Other errors are
 * returned for the server to answer (ERR_NOTFOUND 404, ERR_DB 500...),
 * as problem details too (site_error_page).
 */
enum err	 api_run(struct ctx *, struct req *, struct resp *,
		    api_endpoint fn);
/*
 * Record the endpoint's problem (status, the query parameter at fault
 * or NULL, a sentence for the client) and return ERR_INVAL for it to
 * return.
 */
enum err	 api_fail(struct api_call *, int status, const char *param,
		    const char *fmt, ...)
		    __attribute__((format(printf, 4, 5)));
/*
 * v as a number in [min, max], written as numbers are ("7", not "07",
 * "+7" or "7.0"): one spelling, one cache key.  ERR_PARSE if not.
 */
enum err	 api_parse_number(const char *v, long long min, long long max,
		    long long *out);
/*
 * api_parse_number of query parameter name; when absent, *out is left
 * as it is.  ERR_INVAL (api_fail 400) if not a number so written.
 */
enum err	 api_number(struct api_call *, const char *name, long long min,
		    long long max, long long *out);
/*
 * A filter's value: NULL when absent; ERR_INVAL (api_fail 400) when
 * present but empty.
 */
enum err	 api_filter(struct api_call *, const char *name,
		    const char **);
/* The row of rows whose slug is slug (borrowed), or NULL. */
json_t		*api_find_slug(json_t *rows, const char *slug);
/* ERR_INVAL (api_fail 404, parameter author) unless a person has slug. */
enum err	 api_author_exists(struct api_call *, const char *slug);
/* base_url + prefix + the slug percent-encoded ("/articles/", slug). */
const char	*api_slug_url(struct api_call *, const char *prefix,
		    const char *slug);
/*
 * A stored URL as an absolute one, or JSON null when empty or refused by
 * url_safe: an absolute URL as it is, a protocol-relative one with
 * base_url's scheme, any other reference appended to base_url.
 */
json_t		*api_stored_url(struct api_call *, const char *);
/*
 * Answer with a resource: doc (taken) as compact JSON, through the page
 * cache when the route allows.
 */
enum err	 api_send(struct api_call *, json_t *doc);
/*
 * Answer with page c->page of a list of total items whose items (taken)
 * are this page's: {page, per_page, total, pages, items}, with Link
 * headers (RFC 8288: first, prev, next, last) built from the route's
 * kept parameters.  Past the last page (but for page 1) a 404.
 */
enum err	 api_send_list(struct api_call *, json_t *items, long total);
/*
 * api_send_list for a list read whole (rows, taken): this page's rows,
 * each made a resource by fn.
 */
enum err	 api_send_slice(struct api_call *, json_t *rows,
		    json_t *(*fn)(struct api_call *, json_t *));
/* A write's answer once its resource is gone: 204, no body, no-store. */
enum err	 api_send_deleted(struct api_call *);

/* auth.c */
/*
 * The credentials of an Authorization header's Bearer scheme (RFC 6750
 * 2.1; the scheme in any case), borrowed from h; NULL for another
 * scheme, none, or no header.
 */
const char	*api_bearer(const char *h);
/*
 * The caller of an endpoint that needs role need, from its bearer
 * token: ERR_OK with *u; else ERR_INVAL with the problem recorded (401
 * with a challenge for no token or a bad one, 403 for a lesser role).
 */
enum err	 api_authorize(struct api_call *, enum role need,
		    struct api_user *u);

/* resource.c: the resources, from the store's records (docs/api.md). */
json_t		*api_article_summary(struct api_call *, json_t *row);
/* The whole article; its body as Markdown and as HTML, reads a number. */
enum err	 api_article(struct api_call *, json_t *row, json_t **);
json_t		*api_issue(struct api_call *, json_t *row);
/* { number, api_url, html_url } of the issue numbered number, or null. */
json_t		*api_issue_link(struct api_call *, json_t *number);
json_t		*api_section(struct api_call *, json_t *row);
json_t		*api_author(struct api_call *, json_t *row);
/* The whole author, with the bio as Markdown and as HTML. */
enum err	 api_author_full(struct api_call *, json_t *row, json_t **);
json_t		*api_publication(struct api_call *, json_t *row);
json_t		*api_event(struct api_call *, json_t *row);
/* A new array of fn(c, row) for each row of rows. */
json_t		*api_map(struct api_call *, json_t *rows,
		    json_t *(*fn)(struct api_call *, json_t *));

/*
 * Handlers: articles.c, issues.c, people.c (sections and authors),
 * publications.c (publications and events), openapi.c, auth.c (me).
 */
enum err	 api_articles(struct ctx *, struct req *, struct resp *);
enum err	 api_article_get(struct ctx *, struct req *, struct resp *);
enum err	 api_issues(struct ctx *, struct req *, struct resp *);
enum err	 api_issue_get(struct ctx *, struct req *, struct resp *);
enum err	 api_sections(struct ctx *, struct req *, struct resp *);
enum err	 api_section_get(struct ctx *, struct req *, struct resp *);
enum err	 api_authors(struct ctx *, struct req *, struct resp *);
enum err	 api_author_get(struct ctx *, struct req *, struct resp *);
enum err	 api_publications(struct ctx *, struct req *, struct resp *);
enum err	 api_events(struct ctx *, struct req *, struct resp *);
enum err	 api_openapi(struct ctx *, struct req *, struct resp *);
enum err	 api_me(struct ctx *, struct req *, struct resp *);
/* write.c */
/* A field a JSON body may hold, and the JSON type it must have. */
struct api_field {
	const char	*name;
	int		 type;		/* JSON_STRING, JSON_INTEGER,
					   JSON_ARRAY (of strings) */
	int		 nullable;
};
/*
 * ERR_OK if doc is an object of fields (nfields of them) each of its
 * type; else ERR_INVAL with the problem recorded: 415 when there is no
 * JSON body (what names it: "article"), 400 for another JSON value, an
 * unknown field or a wrong type.
 */
enum err	 api_body_check(struct api_call *, json_t *doc,
		    const char *what, const struct api_field *fields,
		    size_t nfields);
/* The signed-in user the back office's code expects, for a token. */
void		 api_as_user(const struct api_user *, struct admin_user *);
/* The "id" of the row of rows whose key equals v, or 0. */
int64_t		 api_id_of(json_t *rows, const char *key, json_t *v);
enum err	 api_article_create(struct ctx *, struct req *,
		    struct resp *);
enum err	 api_article_edit(struct ctx *, struct req *, struct resp *);
enum err	 api_article_update(struct ctx *, struct req *,
		    struct resp *);
enum err	 api_article_delete(struct ctx *, struct req *,
		    struct resp *);
/* issue_write.c */
enum err	 api_issue_create(struct ctx *, struct req *, struct resp *);
enum err	 api_issue_update(struct ctx *, struct req *, struct resp *);
enum err	 api_issue_publish(struct ctx *, struct req *,
		    struct resp *);
enum err	 api_issue_unpublish(struct ctx *, struct req *,
		    struct resp *);
enum err	 api_issue_delete(struct ctx *, struct req *, struct resp *);
/* media.c */
enum err	 api_media_list(struct ctx *, struct req *, struct resp *);
enum err	 api_media_upload(struct ctx *, struct req *, struct resp *);
enum err	 api_media_delete(struct ctx *, struct req *, struct resp *);

#endif
