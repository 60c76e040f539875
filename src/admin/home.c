/*
 * home: /admin, the signed-in user's home: who they are, what their
 * role may do here, and the journal's numbers from the store.
 */
#include <string.h>

#include "admin.h"

static const struct {
	const char	*url;
	const char	*label;
	const char	*text;
	enum role	 need;
} tasks[] = {
	{ "/admin/users", "Users", "Add people, set their roles, end their "
	    "sessions, disable accounts.", ROLE_ADMIN },
	{ "/admin/settings", "Settings", "The journal's name, tagline, "
	    "address, language, ISSN and about text.", ROLE_ADMIN },
	{ "/admin/audit", "Audit log", "Who signed in and who changed what, "
	    "and when.", ROLE_ADMIN },
	{ "/admin/account", "Your account", "Change your password.",
	    ROLE_AUTHOR },
	{ "/", "The public site", "See the journal as its readers do; your "
	    "visits are not counted as reads.", ROLE_AUTHOR },
};

static const char *const role_text[ROLE__MAX] = {
	[ROLE_AUTHOR] = "Authors write their own drafts, which editors "
	    "publish.",
	[ROLE_EDITOR] = "Editors run all the content: articles, issues, "
	    "sections and people, and publishing.",
	[ROLE_ADMIN] = "Administrators run everything, users and settings "
	    "too.",
};

/* The store's counts, labelled, in this order. */
static const struct {
	const char	*key;
	const char	*label;
} counts[] = {
	{ "articles", "Published articles" },
	{ "issues", "Published issues" },
	{ "sections", "Sections" },
	{ "people", "People" },
	{ "publications", "Publications" },
	{ "events", "Events" },
	{ "users", "Back-office users" },
};

enum err
admin_home(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *v, *home, *list, *n = NULL;
	const char *at;
	size_t i;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_AUTHOR, &u, &go)) !=
	    ERR_OK || !go)
		return rc;
	if ((rc = store_counts(ctx->store, &n)) != ERR_OK)
		return rc;
	v = admin_view(ctx, r, &u, "Home", "/admin");
	home = json_object();
	at = strchr(u.email, '@');
	json_object_set_new(home, "greeting", json_string(arena_strndup(
	    r->arena, u.email, at != NULL ? (size_t)(at - u.email) :
	    strlen(u.email))));
	json_object_set_new(home, "role_text", json_string(role_text[u.role]));
	list = json_array();
	for (i = 0; i < nitems(tasks); i++)
		if (u.role >= tasks[i].need)
			json_array_append_new(list, json_pack("{s:s, s:s, "
			    "s:s}", "url", tasks[i].url, "label",
			    tasks[i].label, "text", tasks[i].text));
	json_object_set_new(home, "tasks", list);
	list = json_array();
	for (i = 0; i < nitems(counts); i++)
		json_array_append_new(list, json_pack("{s:s, s:I}", "label",
		    counts[i].label, "value", (json_int_t)json_integer_value(
		    json_object_get(n, counts[i].key))));
	json_object_set_new(home, "counts", list);
	json_decref(n);
	json_object_set_new(v, "home", home);
	return admin_render(ctx, r, resp, 200, "admin-home", v);
}
