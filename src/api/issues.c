/*
 * issues: /api/v1/issues, the published issues newest first, and
 * /api/v1/issues/{number}, one with its table of contents: its articles
 * in the issue's order (by section, then the order the editors gave).
 */
#include "api.h"

static enum err
issues_list(struct api_call *c)
{
	json_t *rows = NULL;
	enum err rc;

	if ((rc = store_issues_list(c->ctx->store, &rows)) != ERR_OK)
		return rc;
	return api_send_slice(c, rows, api_issue);
}

static enum err
issue_get(struct api_call *c)
{
	struct store_query q = { 0 };
	const char *arg = c->r->args[0];
	json_t *row = NULL, *rows = NULL, *o;
	long long n;
	enum err rc;

	if (api_parse_number(arg, 1, INT32_MAX, &n) != ERR_OK)
		return api_fail(c, 404, NULL, "There is no issue '%s': issue "
		    "numbers are whole numbers without a leading zero.", arg);
	rc = store_issue_get(c->ctx->store, (long)n, &row);
	if (rc == ERR_NOTFOUND)
		return api_fail(c, 404, NULL, "There is no published issue "
		    "%lld.", n);
	if (rc != ERR_OK)
		return rc;
	q.issue = (long)n;
	if ((rc = store_articles_list(c->ctx->store, &q, &rows, NULL)) !=
	    ERR_OK)
		goto out;
	o = api_issue(c, row);
	json_object_set_new(o, "articles_count", json_integer((json_int_t)
	    json_array_size(rows)));
	json_object_set_new(o, "previous", api_issue_link(c,
	    json_object_get(row, "prev")));
	json_object_set_new(o, "next", api_issue_link(c, json_object_get(row,
	    "next")));
	json_object_set_new(o, "articles", api_map(c, rows,
	    api_article_summary));
	rc = api_send(c, o);
out:
	json_decref(row);
	json_decref(rows);
	return rc;
}

enum err
api_issues(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, issues_list);
}

enum err
api_issue_get(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, issue_get);
}
