/*
 * people: the sections and the people who write (/api/v1/sections,
 * /api/v1/sections/{slug}, /api/v1/authors, /api/v1/authors/{slug}).
 * Sections come in the journal's order, authors by name; both lists are
 * short enough to be read whole and cut into pages here.
 */
#include "api.h"

static enum err
sections_list(struct api_call *c)
{
	json_t *rows = NULL;
	enum err rc;

	if ((rc = store_sections_list(c->ctx->store, &rows)) != ERR_OK)
		return rc;
	return api_send_slice(c, rows, api_section);
}

static enum err
section_get(struct api_call *c)
{
	const char *slug = c->r->args[0];
	json_t *rows = NULL, *found;
	enum err rc;

	if ((rc = store_sections_list(c->ctx->store, &rows)) != ERR_OK)
		return rc;
	if ((found = api_find_slug(rows, slug)) != NULL)
		rc = api_send(c, api_section(c, found));
	else
		rc = api_fail(c, 404, NULL, "There is no section '%s'.", slug);
	json_decref(rows);
	return rc;
}

static enum err
authors_list(struct api_call *c)
{
	json_t *rows = NULL;
	enum err rc;

	if ((rc = store_people_list(c->ctx->store, 0, &rows)) != ERR_OK)
		return rc;
	return api_send_slice(c, rows, api_author);
}

static enum err
author_get(struct api_call *c)
{
	const char *slug = c->r->args[0];
	json_t *row = NULL, *o = NULL;
	enum err rc;

	rc = store_person_get(c->ctx->store, slug, &row);
	if (rc == ERR_NOTFOUND)
		return api_fail(c, 404, NULL, "There is no author '%s'.", slug);
	if (rc == ERR_OK && (rc = api_author_full(c, row, &o)) == ERR_OK)
		rc = api_send(c, o);
	json_decref(row);
	return rc;
}

enum err
api_sections(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, sections_list);
}

enum err
api_section_get(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, section_get);
}

enum err
api_authors(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, authors_list);
}

enum err
api_author_get(struct ctx *ctx, struct req *r, struct resp *resp)
{
	return api_run(ctx, r, resp, author_get);
}
