/*
 * pub_types: /admin/publication-types, for administrators: the kinds of
 * publication (book, report...) that publications are filed under and
 * the public list filters by, in the order the filter offers them.  A
 * type that publications still have cannot be deleted.
 */
#include <string.h>

#include "admin.h"

#define TYPE_NAME_MAX	100

static const char *const columns[] = { "Name", "Slug", "Publications" };

static const char *
type_name(json_t *rec)
{
	return view_str(rec, "name");
}

static long
type_uses(json_t *rec)
{
	return (long)json_integer_value(json_object_get(rec, "uses"));
}

static json_t *
type_cells(struct ctx *ctx, struct req *r, json_t *rec)
{
	(void)ctx;
	return json_pack("[s, s]", view_str(rec, "slug"), arena_printf(
	    r->arena, "%ld", type_uses(rec)));
}

static json_t *
type_values(struct ctx *ctx, struct req *r, json_t *rec)
{
	(void)ctx;
	(void)r;
	return json_pack("{s:s, s:s}", "name", view_str(rec, "name"), "slug",
	    view_str(rec, "slug"));
}

static void
type_fields(struct ctx *ctx, struct req *r, json_t *form, json_t *v)
{
	(void)ctx;
	(void)r;
	form_field(form, "name", "Name", "text", view_str(v, "name"),
	    "As the public list shows it: Book, Report...", "off", 1);
	form_field(form, "slug", "Slug", "text", view_str(v, "slug"),
	    "Its part of the address: /publications?type=slug. Lowercase "
	    "letters, digits and hyphens; left empty, it is made from the "
	    "name.", "off", 0);
}

/* 1 if s is a slug: a-z 0-9 and single inner hyphens. */
static int
slug_ok(const char *s)
{
	size_t i;

	if (*s == '\0' || *s == '-' || strlen(s) > LIMIT_SLUG)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || (s[i] == '-' && s[i + 1] != '-' &&
		    s[i + 1] != '\0')))
			return 0;
	return 1;
}

static enum err
type_check(struct ctx *ctx, struct req *r, json_t *form, json_t *v,
    json_t **rec)
{
	const char *name = view_str(v, "name"), *slug = view_str(v, "slug");
	struct buf b;

	(void)ctx;
	if (item_check_text(r, form, "name", name, "Enter the type's name.",
	    TYPE_NAME_MAX, 0) && *slug == '\0') {
		buf_init(&b, LIMIT_SLUG + 1);
		if (slug_make(&b, name, strlen(name)) == ERR_OK && b.len > 0)
			slug = arena_strndup(r->arena, b.p, b.len);
		buf_free(&b);
	}
	if (*slug != '\0' && !slug_ok(slug))
		form_error(form, "slug", "The slug must be lowercase letters, "
		    "digits and single hyphens, such as annual-report.");
	*rec = json_pack("{s:s, s:s}", "name", name, "slug", slug);
	return ERR_OK;
}

static const char *
type_refuse(struct req *r, json_t *rec)
{
	long n = type_uses(rec);

	if (n == 0)
		return NULL;
	return arena_printf(r->arena, "%ld %s still %s this type. Give %s "
	    "another type first, then delete it. Nothing was deleted.", n,
	    n == 1 ? "publication" : "publications", n == 1 ? "has" : "have",
	    n == 1 ? "it" : "them");
}

const struct item_kind item_pub_types = {
	.kind = "pub_type",
	.base = "/admin/publication-types",
	.nav = "/admin/publication-types",
	.title = "Publication types",
	.one = "publication type",
	.new_label = "New publication type",
	.lede = "The kinds of publication, in the order the public list's "
	    "filter offers them.",
	.search_label = "Search names",
	.delete_text = "It leaves the public list's filter at once.",
	.main_field = "slug",
	.conflict = "Another type has this slug: choose another.",
	.need = ROLE_ADMIN,
	.ordered = 1,
	.columns = columns,
	.ncolumns = nitems(columns),
	.name = type_name,
	.cells = type_cells,
	.values = type_values,
	.fields = type_fields,
	.check = type_check,
	.refuse = type_refuse,
};
