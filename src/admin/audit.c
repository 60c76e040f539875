/*
 * audit: /admin/audit, for administrators: the audit log, newest first,
 * a page of PER_PAGE entries at a time.  The entries are written where
 * things happen (admin_audit in auth.c; octavo user for the command
 * line's changes).
 */
#include "admin.h"

enum err
admin_audit_page(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct admin_user u;
	json_t *v, *rows = NULL, *list, *it, *audit;
	char iso[TIME_ISO_LEN];
	long page, total;
	int64_t at;
	size_t i;
	enum err rc;
	int go;

	if ((rc = admin_begin(ctx, r, resp, ROLE_ADMIN, &u, &go)) != ERR_OK ||
	    !go)
		return rc;
	if ((rc = view_page_number(r, resp, "/admin/audit", &page)) !=
	    ERR_OK || page == 0)
		return rc;
	if ((rc = store_audit_list(ctx->store, PER_PAGE, (page - 1) *
	    PER_PAGE, &rows, &total)) != ERR_OK)
		return rc;
	if (view_page_past(page, &rows))
		return ERR_NOTFOUND;
	list = json_array();
	json_array_foreach(rows, i, it) {
		at = json_integer_value(json_object_get(it, "at"));
		time_iso(at, TIME_ISO_SECONDS, iso);
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:s, s:s}", "when", admin_time(r->arena, at), "when_iso",
		    iso, "who", view_str(it, "who"), "what", view_str(it,
		    "action"), "object", view_str(it, "object"), "address",
		    view_str(it, "address")));
	}
	json_decref(rows);
	audit = json_object();
	json_object_set_new(audit, "empty", json_boolean(
	    json_array_size(list) == 0));
	json_object_set_new(audit, "entries", list);
	v = admin_view(ctx, r, &u, "Audit log", "/admin/audit");
	json_object_set_new(v, "audit", audit);
	json_object_set_new(v, "pagination", view_pagination(r->arena,
	    "/admin/audit", page, total));
	return admin_render(ctx, r, resp, 200, "admin-audit", v);
}
