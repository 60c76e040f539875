/*
 * links: /admin/links, the partner sites the sidebar lists under "Visit
 * also", in the order editors give them (items.c does the screens).
 */
#include "admin.h"

#define LINK_NAME_MAX	200
#define LINK_DESC_MAX	500

static const char *const columns[] = { "Name", "Address", "Description" };

static const char *
link_name(json_t *rec)
{
	return view_str(rec, "name");
}

static json_t *
link_cells(struct ctx *ctx, struct req *r, json_t *rec)
{
	(void)ctx;
	(void)r;
	return json_pack("[s, s]", view_str(rec, "url"), view_str(rec,
	    "description"));
}

static json_t *
link_values(struct ctx *ctx, struct req *r, json_t *rec)
{
	(void)ctx;
	(void)r;
	return json_pack("{s:s, s:s, s:s}", "name", view_str(rec, "name"),
	    "url", view_str(rec, "url"), "description", view_str(rec,
	    "description"));
}

static void
link_fields(struct ctx *ctx, struct req *r, json_t *form, json_t *v)
{
	json_t *f;

	(void)ctx;
	(void)r;
	form_field(form, "name", "Name", "text", view_str(v, "name"), NULL,
	    "off", 1);
	f = form_field(form, "url", "Address", "text", view_str(v, "url"),
	    "The partner's web address, such as https://example.org.", "off",
	    1);
	json_object_set_new(f, "inputmode", json_string("url"));
	form_field(form, "description", "Description", "text", view_str(v,
	    "description"), "A few words after the name; may be empty.",
	    "off", 0);
}

static enum err
link_check(struct ctx *ctx, struct req *r, json_t *form, json_t *v,
    json_t **rec)
{
	(void)ctx;
	item_check_text(r, form, "name", view_str(v, "name"), "Enter the "
	    "partner's name.", LINK_NAME_MAX, 0);
	item_check_url(r, form, "url", view_str(v, "url"), "Enter the "
	    "partner's web address.", ITEM_URL_WEB);
	item_check_text(r, form, "description", view_str(v, "description"),
	    NULL, LINK_DESC_MAX, 0);
	*rec = json_pack("{s:s, s:s, s:s}", "name", view_str(v, "name"),
	    "url", view_str(v, "url"), "description", view_str(v,
	    "description"));
	return ERR_OK;
}

const struct item_kind item_links = {
	.kind = "link",
	.base = "/admin/links",
	.nav = "/admin/links",
	.title = "Partner links",
	.one = "link",
	.new_label = "New link",
	.lede = "The partner sites the sidebar lists, in this order: move "
	    "them up or down with their buttons.",
	.search_label = "Search names",
	.delete_text = "It leaves the sidebar at once. The partner's site "
	    "is not affected.",
	.main_field = "name",
	.conflict = "There is already such a link.",
	.need = ROLE_EDITOR,
	.ordered = 1,
	.columns = columns,
	.ncolumns = nitems(columns),
	.name = link_name,
	.cells = link_cells,
	.values = link_values,
	.fields = link_fields,
	.check = link_check,
};
