/*
 * edit: what the editing pages share (issues, sections, people): the
 * row a route names, a form's text as it is stored, the checks every
 * such form makes (a name's length, a slug made from the name or typed,
 * unique; a picture's address), a change committed with its audit
 * entry, and a list's search and page in its links.
 */
#include <string.h>

#include "admin.h"

enum err
edit_id(struct req *r, int64_t *id)
{
	long long v;

	if (r->nargs < 1 || str_to_ll(r->args[0], 1, INT64_MAX, &v) !=
	    ERR_OK)
		return ERR_NOTFOUND;
	*id = (int64_t)v;
	return ERR_OK;
}

/*
 * admin_begin for an editor and, when get is not NULL, the row the
 * route's :id names into *row (caller frees; ERR_NOTFOUND, *go 0, when
 * there is none).
 */
static enum err
edit_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    struct admin_user *u, edit_get get, json_t **row, int *go)
{
	int64_t id;
	enum err rc;

	if (row != NULL)
		*row = NULL;
	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, u, go)) != ERR_OK ||
	    !*go || get == NULL)
		return rc;
	if ((rc = edit_id(r, &id)) == ERR_OK)
		rc = get(ctx->store, id, row);
	if (rc != ERR_OK)
		*go = 0;
	return rc;
}

enum err
edit_run(struct ctx *ctx, struct req *r, struct resp *resp, edit_get get,
    edit_fn fn)
{
	struct admin_user u;
	json_t *row = NULL;
	enum err rc;
	int go;

	if ((rc = edit_begin(ctx, r, resp, &u, get, &row, &go)) != ERR_OK ||
	    !go)
		return rc;
	rc = fn(ctx, r, resp, &u, row);
	json_decref(row);
	return rc;
}

const char *
edit_text(struct req *r, const char *name)
{
	const char *v = req_form(r, name), *end;
	char *o, *p;

	if (v == NULL)
		return "";
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	end = v + strlen(v);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r' || end[-1] == '\n'))
		end--;
	/* A textarea's CRLF become LF. */
	o = p = arena_strndup(r->arena, v, (size_t)(end - v));
	for (v = o; *v != '\0'; v++)
		if (!(v[0] == '\r' && v[1] == '\n'))
			*p++ = *v;
	*p = '\0';
	return o;
}

int
edit_check_text(json_t *form, const char *field, const char *v, size_t max,
    int required)
{
	size_t n = strlen(v);

	if (required && n == 0)
		form_error(form, field, "This cannot be empty.");
	else if (!utf8_valid(v, n))
		form_error(form, field, "This holds bytes that are not text.");
	else if (n > max)
		form_error(form, field, max <= LIMIT_NAME ?
		    "This is too long: keep it under 200 characters." :
		    "This is too long.");
	else
		return 1;
	return 0;
}

const char *
edit_image_problem(const char *v)
{
	size_t n = strlen(v);

	if (n == 0)
		return NULL;
	if (!(strncmp(v, "/media/", 7) == 0 && v[7] != '\0') &&
	    strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0)
		return "Enter an address starting with https:// or a path "
		    "starting with /media/.";
	if (!url_safe(v, n) || strpbrk(v, " \"<>") != NULL)
		return "Enter an address without spaces, quotes or angle "
		    "brackets.";
	return NULL;
}

/* A slug as slug_make makes them: a-z, 0-9 and single inner hyphens. */
static int
slug_well_formed(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > LIMIT_SLUG || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '-' && s[i + 1] == '-')
			return 0;
		if (!(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= '0' && s[i] <= '9') && s[i] != '-')
			return 0;
	}
	return 1;
}

enum err
edit_slug(struct ctx *ctx, struct req *r, json_t *form,
    enum store_slugged kind, int64_t except, const char *typed,
    const char *name, const char **out)
{
	struct buf b;
	int taken = 0;
	enum err rc;

	*out = typed;
	if (*typed != '\0') {
		if (!slug_well_formed(typed)) {
			form_error(form, "slug", "Use lowercase letters, "
			    "digits and single hyphens, such as "
			    "field-reports.");
			return ERR_OK;
		}
		if ((rc = store_slug_taken(ctx->store, kind, typed, except,
		    &taken)) == ERR_OK && taken)
			form_error(form, "slug", "This slug is taken: choose "
			    "another.");
		return rc;
	}
	if (*name == '\0')
		return ERR_OK;	/* the name's own message says it all */
	buf_init(&b, LIMIT_SLUG + 1);
	if ((rc = slug_make(&b, name, strlen(name))) == ERR_OK)
		rc = store_slug_unique(ctx->store, kind, except, &b);
	if (rc == ERR_OK)
		*out = arena_strdup(r->arena, b.p);
	buf_free(&b);
	return rc;
}

enum err
edit_commit(struct ctx *ctx, struct req *r, const struct admin_user *u,
    enum err rc, const char *action, const char *object)
{
	if (rc == ERR_OK && action != NULL)
		rc = admin_audit(ctx, r, u, NULL, action, object);
	if (rc == ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK)
		store_rollback(ctx->store);
	return rc;
}

enum err
edit_ids(const char *s, int64_t *out, size_t max, size_t *n)
{
	int64_t v;
	size_t digits;

	*n = 0;
	if (*s == '\0')
		return ERR_OK;
	for (;;) {
		v = 0;
		for (digits = 0; s[digits] >= '0' && s[digits] <= '9';
		    digits++) {
			if (v > (INT64_MAX - (s[digits] - '0')) / 10)
				return ERR_PARSE;
			v = v * 10 + (s[digits] - '0');
		}
		if (digits == 0 || v == 0 || s[0] == '0')
			return ERR_PARSE;
		if (*n == max)
			return ERR_LIMIT;
		out[(*n)++] = v;
		s += digits;
		if (*s == '\0')
			return ERR_OK;
		if (*s++ != ',')
			return ERR_PARSE;
	}
}

const char *
edit_list_base(struct req *r, const char *path, const char *search,
    int staff)
{
	struct buf b;
	const char *s;

	buf_init(&b, LIMIT_URL);
	buf_puts(&b, path);
	if (*search != '\0') {
		buf_puts(&b, "?q=");
		esc_url(&b, search, strlen(search));
	}
	if (staff)
		buf_puts(&b, *search != '\0' ? "&staff=1" : "?staff=1");
	s = arena_strdup(r->arena, b.p != NULL ? b.p : path);
	buf_free(&b);
	return s;
}
