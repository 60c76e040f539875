/*
 * articles: /api/v1/articles, newest first, filtered by one of section
 * (a slug), author (a slug) or issue (a number, in the issue's own
 * order), and /api/v1/articles/{slug}, with its body as Markdown and as
 * HTML and its read count.
 */
#include "api.h"

/* ERR_INVAL (api_fail 404) unless a section has this slug. */
static enum err
section_exists(struct api_call *c, const char *slug)
{
	json_t *rows = NULL;
	int found;
	enum err rc;

	if ((rc = store_sections_list(c->ctx->store, &rows)) != ERR_OK)
		return rc;
	found = api_find_slug(rows, slug) != NULL;
	json_decref(rows);
	if (!found)
		return api_fail(c, 404, "section", "There is no section '%s'.",
		    slug);
	return ERR_OK;
}

static enum err
articles_list(struct api_call *c)
{
	struct store_query q = { 0 };
	const char *section, *author, *issue;
	json_t *rows = NULL, *row = NULL;
	long long number = 0;
	long total = 0;
	enum err rc;

	if ((rc = api_filter(c, "section", &section)) != ERR_OK ||
	    (rc = api_filter(c, "author", &author)) != ERR_OK ||
	    (rc = api_filter(c, "issue", &issue)) != ERR_OK ||
	    (rc = api_number(c, "issue", 1, INT32_MAX, &number)) != ERR_OK)
		return rc;
	if ((section != NULL) + (author != NULL) + (issue != NULL) > 1)
		return api_fail(c, 400, NULL, "Filter by one of section, "
		    "author and issue at a time.");
	if (section != NULL && (rc = section_exists(c, section)) != ERR_OK)
		return rc;
	if (author != NULL && (rc = api_author_exists(c, author)) != ERR_OK)
		return rc;
	if (issue != NULL) {
		rc = store_issue_get(c->ctx->store, (long)number, &row);
		json_decref(row);
		if (rc == ERR_NOTFOUND)
			return api_fail(c, 404, "issue", "There is no "
			    "published issue %lld.", number);
		if (rc != ERR_OK)
			return rc;
	}
	q.section = section;
	q.author = author;
	q.issue = (long)number;
	q.limit = c->per_page;
	q.offset = (c->page - 1) * c->per_page;
	if ((rc = store_articles_list(c->ctx->store, &q, &rows, &total)) !=
	    ERR_OK)
		return rc;
	row = api_map(c, rows, api_article_summary);
	json_decref(rows);
	return api_send_list(c, row, total);
}

static enum err
article_get(struct api_call *c)
{
	const char *slug = c->r->args[0];
	json_t *row = NULL, *o = NULL;
	enum err rc;

	rc = store_article_get(c->ctx->store, slug, &row);
	if (rc == ERR_NOTFOUND)
		return api_fail(c, 404, NULL, "There is no published article "
		    "'%s'.", slug);
	if (rc == ERR_OK && (rc = api_article(c, row, &o)) == ERR_OK)
		rc = api_send(c, o);
	json_decref(row);
	return rc;
}

enum err
api_articles(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, articles_list);
}

enum err
api_article_get(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, article_get);
}
