/*
 * newsletter_subscribers: /admin/newsletter/subscribers, for editors and
 * administrators: the list (search by address, filter by status, 50 a
 * page), a CSV export, a CSV import and erasure.  An import needs a
 * header naming an "email" and a "consent" column: a row is taken only
 * with a consent (what the person agreed to, when, how: kept with the
 * subscriber), as a confirmed subscriber; the others are counted and
 * named back by line.  Erasing removes the subscriber and every
 * delivery to them; the audit log names the number, not the address.
 */
#include <string.h>
#include <strings.h>

#include "admin.h"

#define PAGE_SIZE	50
#define IMPORT_FIELDS	16	/* columns of an import */
#define IMPORT_SHOWN	20	/* refused lines named back */

static const char *const statuses[] = {
	"confirmed", "pending", "unsubscribed", "bounced",
};

static int
status_valid(const char *s)
{
	size_t i;

	for (i = 0; i < nitems(statuses); i++)
		if (strcmp(s, statuses[i]) == 0)
			return 1;
	return 0;
}

static enum err
list_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *report)
{
	const char *q = req_query(r, "q"), *st = req_query(r, "status"),
	    *pg = req_query(r, "page");
	json_t *v, *rows = NULL, *it, *opts;
	long long page = 1;
	long total = 0;
	size_t i;
	enum err rc;

	q = q != NULL ? q : "";
	st = st != NULL && status_valid(st) ? st : "";
	if (pg != NULL && str_to_ll(pg, 1, 1000000, &page) != ERR_OK)
		page = 1;
	if ((rc = store_subscribers_list(ctx->store, q, st, PAGE_SIZE,
	    (long)(page - 1) * PAGE_SIZE, &rows, &total)) != ERR_OK) {
		json_decref(report);
		return rc;
	}
	json_array_foreach(rows, i, it)
		json_object_set_new(it, "erase_url", json_string(arena_printf(
		    r->arena, "/admin/newsletter/subscribers/%lld/erase",
		    (long long)json_integer_value(json_object_get(it,
		    "id")))));
	opts = json_array();
	json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", "",
	    "label", "Any status", "selected", *st == '\0'));
	for (i = 0; i < nitems(statuses); i++)
		json_array_append_new(opts, json_pack("{s:s, s:s, s:b}",
		    "value", statuses[i], "label", statuses[i], "selected",
		    strcmp(st, statuses[i]) == 0));
	v = admin_view(ctx, r, u, "Subscribers", "/admin/newsletter");
	json_object_set_new(v, "subscribers", rows);
	json_object_set_new(v, "empty", json_boolean(json_array_size(rows) ==
	    0));
	json_object_set_new(v, "q", json_string(q));
	json_object_set_new(v, "statuses", opts);
	json_object_set_new(v, "total", json_integer(total));
	json_object_set_new(v, "prev", page > 1 ? json_string(arena_printf(
	    r->arena, "?q=%s&status=%s&page=%lld", q, st, page - 1)) :
	    json_false());
	json_object_set_new(v, "next", page * PAGE_SIZE < total ?
	    json_string(arena_printf(r->arena, "?q=%s&status=%s&page=%lld",
	    q, st, page + 1)) : json_false());
	json_object_set_new(v, "report", report != NULL ? report :
	    json_false());
	return admin_render(ctx, r, resp, status,
	    "admin-newsletter-subscribers", v);
}

enum err
admin_subscribers(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	return list_page(ctx, r, resp, &u, 200, NULL);
}

/* One CSV field: quoted, quotes doubled; a leading = + - @ defused. */
static void
csv_field(struct buf *b, const char *s, int last)
{
	buf_putc(b, '"');
	if (strchr("=+-@", *s) != NULL && *s != '\0')
		buf_putc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_puts(b, last ? "\"\r\n" : "\",");
}

enum err
admin_subscribers_csv(struct ctx *ctx, struct req *r, struct resp *resp)
{
	static const char *const cols[] = { "email", "status", "topics",
	    "created_at", "confirmed_at", "consent" };
	struct admin_user u;
	json_t *rows = NULL, *it, *x;
	char num[24];
	long total;
	size_t i, k;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	if ((rc = store_subscribers_list(ctx->store, "", "", 0, 0, &rows,
	    &total)) != ERR_OK)
		return rc;
	buf_reset(&resp->body);
	buf_puts(&resp->body, "email,status,topics,created_at,confirmed_at,"
	    "consent\r\n");
	json_array_foreach(rows, i, it)
		for (k = 0; k < nitems(cols); k++) {
			x = json_object_get(it, cols[k]);
			if (json_is_integer(x)) {
				snprintf(num, sizeof(num), "%lld",
				    (long long)json_integer_value(x));
				csv_field(&resp->body, num, k + 1 ==
				    nitems(cols));
			} else
				csv_field(&resp->body, view_str(it, cols[k]),
				    k + 1 == nitems(cols));
		}
	json_decref(rows);
	resp->content_type = "text/csv; charset=utf-8";
	resp->cache_control = "no-store";
	resp_disposition_set(resp, r->arena, 1, "subscribers.csv");
	return admin_audit(ctx, r, &u, NULL, "subscribers exported",
	    arena_printf(r->arena, "%ld", total));
}

/* The columns named email and consent in a header record; -1 if not. */
static void
header_cols(char f[][CSV_FIELD], size_t n, long *email, long *consent)
{
	size_t i;

	*email = *consent = -1;
	for (i = 0; i < n; i++) {
		if (strcasecmp(f[i], "email") == 0)
			*email = (long)i;
		else if (strcasecmp(f[i], "consent") == 0)
			*consent = (long)i;
	}
}

/*
 * Import the CSV text: counts into report, the lines refused (with
 * why) into report.refused.  ERR_PARSE with *why for a file that is no
 * CSV or lacks the columns.
 */
static enum err
import_csv(struct ctx *ctx, struct req *r, const char *text, size_t len,
    json_t *report, const char **why)
{
	char (*f)[CSV_FIELD] = xcalloc(IMPORT_FIELDS, CSV_FIELD);
	char salt[TOKEN_HEX];
	json_t *refused = json_object_get(report, "refused");
	const char *eol = memchr(text, '\n', len);
	size_t head = eol != NULL ? (size_t)(eol - text) : len, n;
	struct csv c;
	long email, consent, added = 0, there = 0, bad = 0, none = 0;
	int got;
	enum err rc;

	/* Semicolons when the header has them and no comma (spreadsheets
	 * of locales whose decimal mark is the comma). */
	csv_init(&c, text, len, memchr(text, ';', head) != NULL &&
	    memchr(text, ',', head) == NULL ? ';' : ',');
	if ((rc = csv_next(&c, f, IMPORT_FIELDS, &n)) != ERR_OK) {
		*why = "The file is empty or not CSV.";
		rc = ERR_PARSE;
		goto out;
	}
	header_cols(f, n, &email, &consent);
	if (email < 0 || consent < 0) {
		*why = "The first line must name the columns, with one "
		    "called email and one called consent.";
		rc = ERR_PARSE;
		goto out;
	}
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		goto out;
	while ((rc = csv_next(&c, f, IMPORT_FIELDS, &n)) == ERR_OK) {
		const char *problem = NULL;
		int no_consent = 0;

		if (n == 1 && f[0][0] == '\0')
			continue;	/* an empty line */
		if ((size_t)email >= n || !email_valid(f[email]))
			problem = "not an email address";
		else if ((size_t)consent >= n || f[consent][0] == '\0' ||
		    !utf8_valid(f[consent], strlen(f[consent]))) {
			problem = "no consent";
			no_consent = 1;
		}
		if (problem != NULL) {
			if (no_consent)
				none++;
			else
				bad++;
			if (json_array_size(refused) < IMPORT_SHOWN)
				json_array_append_new(refused, json_pack(
				    "{s:I, s:s}", "line", (json_int_t)c.line,
				    "why", problem));
			continue;
		}
		token_new(salt);
		if ((rc = store_subscriber_import(ctx->store, f[email], salt,
		    f[consent], site_now(ctx->site), &got)) != ERR_OK)
			break;
		if (got)
			added++;
		else
			there++;
	}
	if (rc == ERR_LIMIT || rc == ERR_PARSE) {
		*why = arena_printf(r->arena, "Line %zu is not CSV, or has a "
		    "field longer than %d bytes: nothing was imported.",
		    c.line, CSV_FIELD - 1);
		store_rollback(ctx->store);
		rc = ERR_PARSE;
		goto out;
	}
	if (rc != ERR_NOTFOUND) {
		store_rollback(ctx->store);
		goto out;
	}
	json_object_set_new(report, "added", json_integer(added));
	json_object_set_new(report, "there", json_integer(there));
	json_object_set_new(report, "bad", json_integer(bad));
	json_object_set_new(report, "no_consent", json_integer(none));
	rc = ERR_OK;
out:
	free(f);
	return rc;
}

enum err
admin_subscribers_import(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	const struct upload *up;
	const char *why = "";
	json_t *report;
	char *text = NULL;
	size_t len = 0;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	report = json_pack("{s:[]}", "refused");
	if ((up = req_upload(r, "file")) == NULL || up->size == 0) {
		json_object_set_new(report, "error", json_string("Choose a CSV "
		    "file to import."));
		return list_page(ctx, r, resp, &u, 422, report);
	}
	if ((rc = file_read(up->path, LIMIT_UPLOAD_FILE, &text, &len)) !=
	    ERR_OK) {
		json_decref(report);
		return rc;
	}
	rc = import_csv(ctx, r, text, len, report, &why);
	free(text);
	if (rc == ERR_PARSE) {
		json_object_set_new(report, "error", json_string(why));
		return list_page(ctx, r, resp, &u, 422, report);
	}
	if (rc == ERR_OK)
		rc = admin_audit(ctx, r, &u, NULL, "subscribers imported",
		    arena_printf(r->arena, "%lld added", (long long)
		    json_integer_value(json_object_get(report, "added"))));
	if (rc == ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK) {
		store_rollback(ctx->store);
		json_decref(report);
		return rc;
	}
	return list_page(ctx, r, resp, &u, 200, report);
}

/* Begin an erasure: an editor, the subscriber :id names. */
static enum err
erase_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    struct admin_user *u, json_t **sub, int *go)
{
	return admin_newsletter_begin(ctx, r, resp, u, store_subscriber_get,
	    sub, go);
}

enum err
admin_subscriber_erase_ask(struct ctx *ctx, struct req *r,
    struct resp *resp)
{
	struct admin_user u;
	struct confirm c;
	json_t *sub;
	enum err rc;
	int go;

	if ((rc = erase_begin(ctx, r, resp, &u, &sub, &go)) != ERR_OK || !go)
		return rc;
	c = (struct confirm){ .page = "Erase a subscriber",
	    .current = "/admin/newsletter", .title = arena_printf(r->arena,
	    "Erase %s?", view_str(sub, "email")), .text = "The address, its "
	    "consent and every message sent to it are deleted for good. "
	    "This cannot be undone.", .action = arena_printf(r->arena,
	    "/admin/newsletter/subscribers/%lld/erase", (long long)
	    json_integer_value(json_object_get(sub, "id"))),
	    .button = "Erase the subscriber",
	    .cancel = "/admin/newsletter/subscribers" };
	json_decref(sub);
	return admin_confirm(ctx, r, resp, &u, &c);
}

enum err
admin_subscriber_erase(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *sub;
	int64_t id;
	enum err rc;
	int go;

	if ((rc = erase_begin(ctx, r, resp, &u, &sub, &go)) != ERR_OK || !go)
		return rc;
	id = json_integer_value(json_object_get(sub, "id"));
	json_decref(sub);
	if ((rc = store_begin(ctx->store)) == ERR_OK &&
	    (rc = store_subscriber_erase(ctx->store, id)) == ERR_OK &&
	    (rc = admin_audit(ctx, r, &u, NULL, "subscriber erased",
	    arena_printf(r->arena, "#%lld", (long long)id))) == ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK) {
		store_rollback(ctx->store);
		return rc;
	}
	admin_redirect(r, resp, "/admin/newsletter/subscribers?done=erased");
	return ERR_OK;
}
