/*
 * about: /admin/about, the about page's text (Markdown), for editors,
 * with a preview rendered by the public page's renderer (markdown_html):
 * "Preview" shows the typed text as readers would see it and saves
 * nothing; "Save" stores it (the same check as `octavo site set about`)
 * in one transaction with its audit entry.
 */
#include <string.h>

#include "admin.h"

static enum err
about_page(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, const char *text, json_t *form,
    int previewing)
{
	json_t *v, *about;
	struct buf b;

	if (form == NULL) {
		form = form_new();
		form_field(form, "about", "About text", "textarea", text,
		    "Markdown: a blank line between paragraphs, **bold**, "
		    "*italic*, [a link](https://example.org), # for "
		    "headings.", NULL, 0);
	}
	buf_init(&b, LIMIT_PAGE);
	if (markdown_html(&b, text, strlen(text)) != ERR_OK)
		buf_reset(&b);
	about = json_pack("{s:o, s:s, s:b, s:b}", "form", form, "preview_html",
	    b.len > 0 ? b.p : "", "previewing", previewing, "empty",
	    b.len == 0);
	buf_free(&b);
	v = admin_view(ctx, r, u, "About page", "/admin/about");
	json_object_set_new(v, "about", about);
	return admin_render(ctx, r, resp, status, "admin-about", v);
}

enum err
admin_about(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *rec = NULL;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	if ((rc = store_site_get(ctx->store, &rec)) != ERR_OK)
		return rc;
	rc = about_page(ctx, r, resp, &u, 200, arena_strdup(r->arena,
	    view_str(rec, "about")), NULL, 0);
	json_decref(rec);
	return rc;
}

enum err
admin_about_post(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct site_setting *s = site_setting_find("about");
	struct admin_user u;
	const char *typed = req_form(r, "about"), *action, *out, *why;
	json_t *form, *put;
	char *text, *p;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_EDITOR, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	action = req_form(r, "action");
	/* As stored: CRLF become LF. */
	text = p = arena_strdup(r->arena, typed != NULL ? typed : "");
	for (typed = text; *typed != '\0'; typed++)
		if (!(typed[0] == '\r' && typed[1] == '\n'))
			*p++ = *typed;
	*p = '\0';
	form = form_new();
	form_field(form, "about", "About text", "textarea", text,
	    "Markdown: a blank line between paragraphs, **bold**, *italic*, "
	    "[a link](https://example.org), # for headings.", NULL, 0);
	if (site_setting_check(r->arena, s, text, &out, &why) != ERR_OK) {
		form_error(form, "about", arena_printf(r->arena, "The about "
		    "text %s.", why));
		return about_page(ctx, r, resp, &u, 422, "", form, 0);
	}
	if (action != NULL && strcmp(action, "preview") == 0)
		return about_page(ctx, r, resp, &u, 200, out, form, 1);
	json_decref(form);
	put = json_pack("{s:s}", s->store_key, out);
	if ((rc = store_begin(ctx->store)) == ERR_OK) {
		if ((rc = store_put(ctx->store, "site", put)) != ERR_OK ||
		    (rc = admin_audit(ctx, r, &u, NULL, "settings changed",
		    "about")) != ERR_OK ||
		    (rc = store_commit(ctx->store)) != ERR_OK)
			store_rollback(ctx->store);
	}
	json_decref(put);
	if (rc == ERR_OK)
		admin_redirect(r, resp, "/admin/about?done=about");
	return rc;
}
