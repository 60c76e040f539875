/*
 * page: what every back-office page's view holds (the admin-layout
 * template's keys: docs/views.md, "Back office"), forms with their
 * messages beside the fields, and the answers: pages are rendered
 * straight into the response, never through the page cache nor with an
 * ETag, since what they show depends on who asks and when, not on the
 * content version.  Every key a template reads is set (Mustache would
 * look a missing one up in the enclosing context).
 */
#include <string.h>
#include <time.h>

#include "admin.h"

/* The messages of ?done= after a change: a fixed table, never echoed. */
static const struct {
	const char	*key;
	const char	*text;
} notices[] = {
	{ "signed-out", "You have signed out." },
	{ "countries-confirmed", "The ticked countries were added to the "
	    "article, as a new revision; its other suggestions were "
	    "dismissed." },
	{ "countries-dismissed", "The suggestions were dismissed." },
	{ "countries-none", "Nothing was left to decide: another editor "
	    "did it first." },
	{ "expired", "Your session has ended. Please sign in again." },
	{ "added", "The user was added. Give them their password by a safe "
	    "way." },
	{ "role", "The role was changed." },
	{ "sessions", "The sessions were ended." },
	{ "disabled", "The account was disabled and its sessions ended." },
	{ "enabled", "The account was enabled: it can sign in again." },
	{ "settings", "The settings were saved." },
	{ "unchanged", "Nothing to save: the settings are as they were." },
	{ "revoked", "The token was revoked: it is refused from now on." },
	{ "password", "Your password was changed, and your other sessions "
	    "ended." },
	{ "item-added", "It was added." },
	{ "item-saved", "The changes were saved." },
	{ "item-deleted", "It was deleted." },
	{ "item-moved", "It was moved." },
	{ "about", "The about text was saved: the site shows it now." },
	{ "uploaded", "The file was uploaded. Copy its address to use it." },
	{ "alt", "The alt text was saved." },
	{ "deleted", "The file was deleted." },
	{ "issue-added", "The issue was created as a draft. Now add its "
	    "articles." },
	{ "issue-saved", "The issue was saved." },
	{ "issue-published", "The issue and its articles are published." },
	{ "issue-unpublished", "The issue and its articles are back to "
	    "draft." },
	{ "issue-deleted", "The issue was deleted." },
	{ "article-added", "The article was added to the issue." },
	{ "article-removed", "The article was taken out of the issue; it is "
	    "in no issue now." },
	{ "order", "The order was saved." },
	{ "section-added", "The section was added." },
	{ "section-saved", "The section was saved." },
	{ "section-deleted", "The section was deleted." },
	{ "person-added", "The person was added." },
	{ "person-saved", "The person was saved." },
	{ "person-deleted", "The person was deleted." },
	{ "article-created", "The article was saved as a new draft." },
	{ "article-saved", "The article was saved." },
	{ "article-unpublished", "The article was unpublished: it is a "
	    "draft again." },
	{ "article-deleted", "The article was deleted." },
	{ "article-restored", "The revision was restored, as a new "
	    "revision." },
	{ "campaign-saved", "The campaign was saved." },
	{ "test-queued", "The test message is on its way." },
	{ "sending", "The campaign is being sent." },
	{ "scheduled", "The campaign is scheduled." },
	{ "erased", "The subscriber was erased." },
};

/*
 * The back office's sections in their groups, and the least role each
 * needs.  A group no entry of which the user may see is left out.
 */
enum nav_group {
	NAV_CONTENT,
	NAV_ADMIN,
	NAV_YOU,
	NAV__MAX
};
static const struct {
	const char	*label;
	const char	*id;		/* its heading's */
} nav_groups[NAV__MAX] = {
	[NAV_CONTENT] = { "Journal", "nav-journal" },
	[NAV_ADMIN] = { "Administration", "nav-admin" },
	[NAV_YOU] = { "You", "nav-you" },
};
static const struct {
	const char	*label;
	const char	*url;
	enum role	 need;
	enum nav_group	 group;
} sections[] = {
	{ "Dashboard", "/admin", ROLE_AUTHOR, NAV_CONTENT },
	{ "Articles", "/admin/articles", ROLE_AUTHOR, NAV_CONTENT },
	{ "Issues", "/admin/issues", ROLE_EDITOR, NAV_CONTENT },
	{ "Sections", "/admin/sections", ROLE_EDITOR, NAV_CONTENT },
	{ "People", "/admin/people", ROLE_EDITOR, NAV_CONTENT },
	{ "Publications", "/admin/publications", ROLE_EDITOR, NAV_CONTENT },
	{ "Events", "/admin/events", ROLE_EDITOR, NAV_CONTENT },
	{ "Partner links", "/admin/links", ROLE_EDITOR, NAV_CONTENT },
	{ "About page", "/admin/about", ROLE_EDITOR, NAV_CONTENT },
	{ "Media", "/admin/media", ROLE_AUTHOR, NAV_CONTENT },
	{ "Suggested countries", "/admin/countries/review", ROLE_EDITOR,
	    NAV_CONTENT },
	{ "Newsletter", "/admin/newsletter", ROLE_EDITOR, NAV_CONTENT },
	{ "Users", "/admin/users", ROLE_ADMIN, NAV_ADMIN },
	{ "Settings", "/admin/settings", ROLE_ADMIN, NAV_ADMIN },
	{ "Publication types", "/admin/publication-types", ROLE_ADMIN,
	    NAV_ADMIN },
	{ "API tokens", "/admin/tokens", ROLE_ADMIN, NAV_ADMIN },
	{ "Audit log", "/admin/audit", ROLE_ADMIN, NAV_ADMIN },
	{ "Account", "/admin/account", ROLE_AUTHOR, NAV_YOU },
};

/* The nav for role: [{ label, items [{ label, url, current }] }]. */
static json_t *
nav_new(enum role role, const char *current)
{
	json_t *nav = json_array(), *items;
	size_t i;
	int g;

	for (g = 0; g < NAV__MAX; g++) {
		items = json_array();
		for (i = 0; i < nitems(sections); i++) {
			if ((int)sections[i].group != g ||
			    role < sections[i].need)
				continue;
			json_array_append_new(items, json_pack("{s:s, s:s, "
			    "s:b}", "label", sections[i].label, "url",
			    sections[i].url, "current", current != NULL &&
			    strcmp(current, sections[i].url) == 0));
		}
		if (json_array_size(items) == 0)
			json_decref(items);
		else
			json_array_append_new(nav, json_pack("{s:s, s:s, s:o}",
			    "label", nav_groups[g].label, "id",
			    nav_groups[g].id, "items", items));
	}
	return nav;
}

json_t *
admin_view(struct ctx *ctx, struct req *r, const struct admin_user *u,
    const char *title, const char *current)
{
	json_t *v = json_object(), *chrome = NULL, *site, *assets, *nav;
	const struct asset *css;
	const char *done = req_query(r, "done"), *notice = "";
	size_t i;
	int hashed;

	site_chrome(ctx->site, ctx->store, &chrome);
	site = json_object();
	view_copy(site, "name", json_object_get(chrome, "site"), "name");
	json_object_set_new(site, "language", json_string(*view_str(
	    json_object_get(chrome, "site"), "language") != '\0' ?
	    view_str(json_object_get(chrome, "site"), "language") : "en"));
	json_object_set_new(v, "site", site);
	assets = json_object();
	css = site_asset(ctx->site, "admin.css", &hashed);
	json_object_set_new(assets, "admin_css", json_string(css != NULL ?
	    arena_printf(r->arena, "/static/%s", css->hashed) :
	    "/static/admin.css"));
	json_object_set_new(assets, "favicon", json_string(
	    ctx->site->favicon_url != NULL ? ctx->site->favicon_url : ""));
	json_object_set_new(v, "assets", assets);
	json_decref(chrome);
	json_object_set_new(v, "page", json_pack("{s:s}", "title", title));

	for (i = 0; done != NULL && i < nitems(notices); i++)
		if (strcmp(done, notices[i].key) == 0)
			notice = notices[i].text;
	json_object_set_new(v, "notice", json_string(notice));
	if (u == NULL) {
		json_object_set_new(v, "user", json_false());
		json_object_set_new(v, "nav", json_array());
		json_object_set_new(v, "csrf", json_string(""));
		return v;
	}
	json_object_set_new(v, "user", json_pack("{s:s, s:s, s:b}", "email",
	    u->email, "role_name", role_names[u->role], "is_admin",
	    u->role == ROLE_ADMIN));
	nav = nav_new(u->role, current);
	json_object_set_new(v, "nav", nav);
	json_object_set_new(v, "csrf", json_string(u->csrf));
	return v;
}

enum err
admin_render(struct ctx *ctx, struct req *r, struct resp *resp, int status,
    const char *name, json_t *view)
{
	enum err rc;

	(void)r;
	buf_reset(&resp->body);
	rc = tmpl_render(ctx->site->tmpl, name, view, &resp->body);
	json_decref(view);
	if (rc != ERR_OK) {
		log_warnx("render %s: %s", name, err_str(rc));
		return rc;
	}
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	resp->cache_control = "no-store";
	return ERR_OK;
}

enum err
admin_message(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, int status, const char *title,
    const char *text)
{
	json_t *v = admin_view(ctx, r, u, title, NULL);

	json_object_set_new(v, "message", json_pack("{s:s, s:s, s:s, s:s, "
	    "s:s}", "status", status >= 400 ? arena_printf(r->arena, "%d",
	    status) : "", "title", title, "text", text, "link_url",
	    u != NULL ? "/admin" : "/admin/login", "link_label", u != NULL ?
	    "Back office home" : "Sign in"));
	return admin_render(ctx, r, resp, status, "admin-message", v);
}

enum err
admin_confirm(struct ctx *ctx, struct req *r, struct resp *resp,
    const struct admin_user *u, const struct confirm *c)
{
	json_t *v = admin_view(ctx, r, u, c->page, c->current);

	json_object_set_new(v, "confirm", json_pack("{s:s, s:s, s:s, s:s, "
	    "s:s}", "title", c->title, "text", c->text, "action", c->action,
	    "button", c->button, "cancel_url", c->cancel));
	return admin_render(ctx, r, resp, 200, "admin-confirm", v);
}

void
admin_redirect(struct req *r, struct resp *resp, const char *location)
{
	resp_redirect(resp, r->arena, 303, location);
	resp->cache_control = "no-store";
}

json_t *
form_new(void)
{
	return json_pack("{s:[], s:[], s:b}", "fields", "errors",
	    "has_errors", 0);
}

json_t *
form_field(json_t *form, const char *name, const char *label,
    const char *type, const char *value, const char *hint,
    const char *autocomplete, int required)
{
	json_t *f = json_object();
	char id[96], hint_id[112];

	snprintf(id, sizeof(id), "f-%s", name);
	json_object_set_new(f, "id", json_string(id));
	json_object_set_new(f, "name", json_string(name));
	json_object_set_new(f, "label", json_string(label));
	json_object_set_new(f, "type", json_string(type));
	json_object_set_new(f, "value", json_string(value != NULL ? value :
	    ""));
	json_object_set_new(f, "hint", json_string(hint != NULL ? hint : ""));
	snprintf(hint_id, sizeof(hint_id), "%s-hint", id);
	json_object_set_new(f, "describedby", json_string(hint != NULL ?
	    hint_id : ""));
	json_object_set_new(f, "error", json_string(""));
	json_object_set_new(f, "inputmode", json_string(""));
	json_object_set_new(f, "autocomplete", json_string(autocomplete !=
	    NULL ? autocomplete : ""));
	json_object_set_new(f, "required", json_boolean(required));
	json_object_set_new(f, "textarea", json_boolean(strcmp(type,
	    "textarea") == 0));
	json_object_set_new(f, "select", json_boolean(strcmp(type, "select") ==
	    0));
	json_object_set_new(f, "input", json_boolean(strcmp(type,
	    "textarea") != 0 && strcmp(type, "select") != 0));
	json_object_set_new(f, "options", json_array());
	json_array_append_new(json_object_get(form, "fields"), f);
	return f;
}

void
field_option(json_t *field, const char *value, const char *label,
    int selected)
{
	json_array_append_new(json_object_get(field, "options"),
	    json_pack("{s:s, s:s, s:b}", "value", value, "label", label,
	    "selected", selected));
}

void
form_error(json_t *form, const char *name, const char *why)
{
	json_t *f;
	size_t i;
	char ids[256];

	json_array_foreach(json_object_get(form, "fields"), i, f) {
		if (strcmp(view_str(f, "name"), name) != 0)
			continue;
		json_object_set_new(f, "error", json_string(why));
		snprintf(ids, sizeof(ids), "%s-error%s%s%s", view_str(f, "id"),
		    *view_str(f, "hint") != '\0' ? " " : "",
		    *view_str(f, "hint") != '\0' ? view_str(f, "id") : "",
		    *view_str(f, "hint") != '\0' ? "-hint" : "");
		json_object_set_new(f, "describedby", json_string(ids));
		json_array_append_new(json_object_get(form, "errors"),
		    json_pack("{s:s, s:s, s:s}", "id", view_str(f, "id"),
		    "label", view_str(f, "label"), "error", why));
		json_object_set_new(form, "has_errors", json_true());
		return;
	}
}

int
form_failed(json_t *form)
{
	return json_is_true(json_object_get(form, "has_errors"));
}

const char *
admin_time(struct arena *a, int64_t t)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL)
		return "";
	return arena_printf(a, "%d %s %d, %02d:%02d", tm.tm_mday,
	    mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

enum err
admin_arg_id(struct req *r, int64_t *id)
{
	long long v;

	if (r->nargs < 1 || str_to_ll(r->args[0], 1, INT64_MAX, &v) != ERR_OK)
		return ERR_NOTFOUND;
	*id = (int64_t)v;
	return ERR_OK;
}
