/*
 * routes: the API's URLs.  Every route answers JSON (ROUTE_GIVES_JSON:
 * a request that refuses it is a 406) and names the query parameters
 * that change its answer, which key the page cache; the rest are
 * ignored.  Events are not cached: the clock moves them.
 */
#include "api.h"

static const char *const list_params[] = { "page", "per_page", NULL };
static const char *const article_params[] = { "section", "author",
	"issue", "page", "per_page", NULL };
static const char *const pub_params[] = { "type", "author", "page",
	"per_page", NULL };
static const char *const event_params[] = { "when", "page", "per_page",
	NULL };

#define W	ROUTE_WORKER
#define C	ROUTE_CACHE
#define J	ROUTE_GIVES_JSON
#define B	ROUTE_JSON		/* takes a JSON body */
#define P	ROUTE_PRIVATE		/* never stored */
const struct route api_routes[] = {
	{ HTTP_GET, API_ROOT "/openapi.json", api_openapi, NULL, J },
	{ HTTP_GET, API_ROOT "/articles", api_articles, article_params,
	    W | C | J },
	{ HTTP_GET, API_ROOT "/articles/:slug", api_article_get, NULL,
	    W | C | J },
	{ HTTP_POST, API_ROOT "/articles", api_article_create, NULL,
	    W | J | B | P },
	{ HTTP_GET, API_ROOT "/articles/:slug/edit", api_article_edit, NULL,
	    W | J | P },
	{ HTTP_PATCH, API_ROOT "/articles/:slug", api_article_update, NULL,
	    W | J | B | P },
	{ HTTP_DELETE, API_ROOT "/articles/:slug", api_article_delete, NULL,
	    W | J | P },
	{ HTTP_GET, API_ROOT "/issues", api_issues, list_params, W | C | J },
	{ HTTP_GET, API_ROOT "/issues/:number", api_issue_get, NULL,
	    W | C | J },
	{ HTTP_GET, API_ROOT "/sections", api_sections, list_params,
	    W | C | J },
	{ HTTP_GET, API_ROOT "/sections/:slug", api_section_get, NULL,
	    W | C | J },
	{ HTTP_GET, API_ROOT "/authors", api_authors, list_params, W | C | J },
	{ HTTP_GET, API_ROOT "/authors/:slug", api_author_get, NULL,
	    W | C | J },
	{ HTTP_GET, API_ROOT "/publications", api_publications, pub_params,
	    W | C | J },
	{ HTTP_GET, API_ROOT "/events", api_events, event_params, W | J },
	{ HTTP_GET, API_ROOT "/me", api_me, NULL, W | J | P },
	{ HTTP_POST, API_ROOT "/issues", api_issue_create, NULL,
	    W | J | B | P },
	{ HTTP_PATCH, API_ROOT "/issues/:number", api_issue_update, NULL,
	    W | J | B | P },
	{ HTTP_POST, API_ROOT "/issues/:number/publish", api_issue_publish,
	    NULL, W | J | P },
	{ HTTP_POST, API_ROOT "/issues/:number/unpublish",
	    api_issue_unpublish, NULL, W | J | P },
	{ HTTP_DELETE, API_ROOT "/issues/:number", api_issue_delete, NULL,
	    W | J | P },
	{ HTTP_GET, API_ROOT "/media", api_media_list, list_params,
	    W | J | P },
	{ HTTP_POST, API_ROOT "/media", api_media_upload, NULL,
	    W | J | P | ROUTE_UPLOAD },
	{ HTTP_DELETE, API_ROOT "/media/:id", api_media_delete, NULL,
	    W | J | P },
};
#undef W
#undef C
#undef J
#undef B
#undef P
const size_t api_nroutes = nitems(api_routes);
