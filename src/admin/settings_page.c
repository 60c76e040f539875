/*
 * settings_page: /admin/settings, for administrators: the site's
 * settings in one form, each checked by the same table as `octavo site
 * set` (site/settings.c).  A form with a wrong value comes back with the
 * message beside the field and everything as typed (422), and nothing
 * is saved; a good one saves the values that changed, in one
 * transaction with its audit entry, and the site shows them within a
 * second (the settings bump the content version).
 */
#include <ctype.h>
#include <string.h>

#include "admin.h"

/* "The journal's name." from the table's "the journal's name". */
static const char *
hint_of(struct arena *a, const struct site_setting *s)
{
	return arena_printf(a, "%c%s.", toupper((unsigned char)s->help[0]),
	    s->help + 1);
}

/* Form text as stored: a multi-line field's CRLF become LF. */
static const char *
field_value(struct arena *a, const char *v, int multiline)
{
	char *o, *p;

	if (!multiline || strchr(v, '\r') == NULL)
		return v;
	o = p = arena_strdup(a, v);
	for (; *v != '\0'; v++)
		if (!(v[0] == '\r' && v[1] == '\n'))
			*p++ = *v;
	*p = '\0';
	return o;
}

/* The about text has a page of its own, with a preview (about.c). */
static int
on_own_page(const struct site_setting *s)
{
	return strcmp(s->key, "about") == 0;
}

static enum err
settings_form(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, json_t *form)
{
	json_t *v = admin_view(ctx, r, u, "Settings", "/admin/settings");

	json_object_set_new(v, "settings", form);
	return admin_render(ctx, r, resp, status, "admin-settings", v);
}

static json_t *
field_add(struct req *r, json_t *form, const struct site_setting *s,
    const char *value)
{
	json_t *f = form_field(form, s->key, s->label, s->multiline ?
	    "textarea" : "text", value, hint_of(r->arena, s), NULL, 0);

	/* Not type="url": a wrong URL typed must come back as typed. */
	if (strcmp(s->key, "base_url") == 0)
		json_object_set_new(f, "inputmode", json_string("url"));
	return f;
}

/* An administrator's request, and the settings as stored. */
static enum err
settings_begin(struct ctx *ctx, struct req *r, struct resp *resp,
    struct admin_user *u, json_t **rec, int *go)
{
	enum err rc;

	*rec = NULL;
	if ((rc = admin_begin(ctx, r, resp, ROLE_ADMIN, u, go)) != ERR_OK ||
	    !*go)
		return rc;
	if ((rc = store_site_get(ctx->store, rec)) != ERR_OK)
		*go = 0;
	return rc;
}

enum err
admin_settings(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct site_setting *all;
	struct admin_user u;
	json_t *rec, *form;
	size_t i, n;
	enum err rc;
	int go;

	if ((rc = settings_begin(ctx, r, resp, &u, &rec, &go)) != ERR_OK ||
	    !go)
		return rc;
	form = form_new();
	all = site_settings(&n);
	for (i = 0; i < n; i++)
		if (!on_own_page(&all[i]))
			field_add(r, form, &all[i], site_setting_value(rec,
			    all[i].key));
	json_decref(rec);
	return settings_form(ctx, r, resp, &u, 200, form);
}

enum err
admin_settings_post(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct site_setting *all;
	struct admin_user u;
	struct buf changed;
	const char *typed, *out, *why;
	json_t *rec, *form, *put;
	size_t i, n;
	enum err rc;
	int go;

	if ((rc = settings_begin(ctx, r, resp, &u, &rec, &go)) != ERR_OK ||
	    !go)
		return rc;
	form = form_new();
	put = json_object();
	buf_init(&changed, LIMIT_URL);
	all = site_settings(&n);
	for (i = 0; i < n; i++) {
		if (on_own_page(&all[i]))
			continue;
		/* A field the form did not send is left as it is. */
		if ((typed = req_form(r, all[i].key)) == NULL)
			typed = site_setting_value(rec, all[i].key);
		typed = field_value(r->arena, typed, all[i].multiline);
		field_add(r, form, &all[i], typed);
		if (site_setting_check(r->arena, &all[i], typed, &out,
		    &why) != ERR_OK) {
			form_error(form, all[i].key, arena_printf(r->arena,
			    "%s %s.", all[i].label, why));
			continue;
		}
		/* A heading as its default is as it was. */
		if (strcmp(out, site_setting_value(rec, all[i].key)) == 0)
			continue;
		json_object_set_new(put, all[i].store_key, json_string(out));
		buf_printf(&changed, "%s%s", changed.len > 0 ? ", " : "",
		    all[i].key);
	}
	json_decref(rec);
	if (form_failed(form)) {
		json_decref(put);
		buf_free(&changed);
		return settings_form(ctx, r, resp, &u, 422, form);
	}
	json_decref(form);
	if (changed.len > 0 && (rc = store_begin(ctx->store)) == ERR_OK) {
		if ((rc = store_put(ctx->store, "site", put)) != ERR_OK ||
		    (rc = admin_audit(ctx, r, &u, NULL, "settings changed",
		    changed.p)) != ERR_OK ||
		    (rc = store_commit(ctx->store)) != ERR_OK)
			store_rollback(ctx->store);
	}
	if (rc == ERR_OK)
		admin_redirect(r, resp, changed.len > 0 ?
		    "/admin/settings?done=settings" :
		    "/admin/settings?done=unchanged");
	json_decref(put);
	buf_free(&changed);
	return rc;
}
