/*
 * issue_save: an issue's fields checked, and the changes to an issue
 * that other parts call too (the back office's pages, the JSON API):
 * saving its fields, publishing or unpublishing it with its articles,
 * adding an article to it, deleting it.  Each is one transaction with its audit
 * entry.
 *
 * The invariant kept here and in the store: a published article is
 * never in an unpublished issue.  Publishing an issue publishes every
 * article it holds; unpublishing it takes its published articles back
 * to draft with it (its confirmation says how many); a published
 * article cannot be added to an unpublished issue (the store refuses
 * it); an issue's status changes only through issue_publish.
 */
#include <string.h>

#include "admin.h"

#define VOLUME_MAX	9999

/* A whole number in [min, max] typed in a field, or a message. */
static void
check_number(struct req *r, json_t *form, const char *field, const char *v,
    long long max, long *out)
{
	long long n;

	if (*v == '\0')
		form_error(form, field, "Enter a number.");
	else if (str_to_ll(v, 1, max, &n) != ERR_OK)
		form_error(form, field, arena_printf(r->arena, "Enter a whole "
		    "number from 1 to %lld, in digits.", max));
	else
		*out = (long)n;
}

int
issue_check(struct req *r, json_t *form, const struct issue_typed *in,
    struct store_issue *out)
{
	const char *why;
	int64_t t;

	check_number(r, form, "number", in->number, INT32_MAX, &out->number);
	check_number(r, form, "volume", in->volume, VOLUME_MAX, &out->volume);
	if (*in->date == '\0')
		form_error(form, "date", "Enter the issue's date.");
	else if (strlen(in->date) != 10 || time_parse_iso(in->date, &t) !=
	    ERR_OK)
		form_error(form, "date", "Enter a date that exists, as "
		    "YYYY-MM-DD: 2026-11-25.");
	out->date = in->date;
	edit_check_text(form, "title", in->title, LIMIT_NAME, 0);
	out->title = in->title;
	edit_check_text(form, "note", in->note, LIMIT_FORM_FIELD, 0);
	out->note = in->note;
	if ((why = edit_image_problem(in->cover)) != NULL)
		form_error(form, "cover", why);
	out->cover = in->cover;
	return !form_failed(form);
}

/* "No. 7" or "No. 7, The Title", for the audit log. */
static const char *
issue_name(struct req *r, long number, const char *title)
{
	return *title != '\0' ? arena_printf(r->arena, "No. %ld, %s", number,
	    title) : arena_printf(r->arena, "No. %ld", number);
}

enum err
issue_save(struct ctx *ctx, struct req *r, const struct admin_user *by,
    const struct store_issue *is, int64_t *id)
{
	struct store_issue in = *is;
	enum err rc;

	if (in.id == 0)
		in.status = "draft";	/* published by issue_publish only */
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	rc = store_issue_save(ctx->store, &in, id);
	return edit_commit(ctx, r, by, rc, in.id == 0 ? "issue added" :
	    "issue changed", issue_name(r, in.number, in.title));
}

enum err
issue_publish(struct ctx *ctx, struct req *r, const struct admin_user *by,
    int64_t id, int publish, long *n)
{
	char now[TIME_ISO_LEN];
	json_t *row = NULL;
	enum err rc;

	*n = 0;
	time_iso(site_now(ctx->site), TIME_ISO_SECONDS, now);
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if ((rc = store_issue_by_id(ctx->store, id, &row)) == ERR_OK)
		rc = store_issue_publish(ctx->store, id, publish, now, n);
	rc = edit_commit(ctx, r, by, rc, publish ? "issue published" :
	    "issue unpublished", row == NULL ? "" : arena_printf(r->arena,
	    "%s, %ld %s", issue_name(r, (long)json_integer_value(
	    json_object_get(row, "number")), view_str(row, "title")), *n,
	    *n == 1 ? "article" : "articles"));
	json_decref(row);
	return rc;
}

enum err
issue_article_add(struct ctx *ctx, struct req *r,
    const struct admin_user *by, int64_t issue, int64_t article)
{
	enum err rc;

	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	rc = store_issue_article_add(ctx->store, issue, article);
	return edit_commit(ctx, r, by, rc, NULL, NULL);
}

enum err
issue_delete(struct ctx *ctx, struct req *r, const struct admin_user *by,
    int64_t id, long number)
{
	enum err rc;

	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	return edit_commit(ctx, r, by, store_issue_delete(ctx->store, id),
	    "issue deleted", arena_printf(r->arena, "No. %ld", number));
}
