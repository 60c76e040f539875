/*
 * publications: /admin/publications, the journal's and its staff's
 * publications (books, reports...): type, title, authors in order
 * (chosen from the people), venue, date, summary, cover, and a link or
 * an uploaded PDF (both kept as the publication's url: a PDF is a
 * /media/ path).  items.c does the screens.
 */
#include <string.h>
#include <strings.h>

#include "admin.h"

#define PUB_TITLE_MAX	300
#define PUB_VENUE_MAX	300
#define PUB_SUMMARY_MAX	5000
#define PUB_AUTHORS_MIN	3	/* author slots a form offers, at least */
#define PUB_AUTHORS_MAX	8

static const char *const columns[] = { "Title", "Type", "Authors", "Date" };

static const char *
pub_name(json_t *rec)
{
	return view_str(rec, "title");
}

static json_t *
pub_cells(struct ctx *ctx, struct req *r, json_t *rec)
{
	json_t *it;
	struct buf b;
	const char *names;
	size_t i;

	(void)ctx;
	buf_init(&b, LIMIT_URL);
	json_array_foreach(json_object_get(rec, "authors"), i, it)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", view_str(it, "name"));
	names = arena_strndup(r->arena, b.len > 0 ? b.p : "", b.len);
	buf_free(&b);
	return json_pack("[s, s, s]", view_str(json_object_get(rec, "type"),
	    "name"), names, view_str(rec, "date"));
}

/* A /media/ address ending in .pdf: the publication's PDF. */
static int
is_pdf(const char *url)
{
	size_t n = strlen(url);

	return strncmp(url, "/media/", 7) == 0 && n > 11 &&
	    strcasecmp(url + n - 4, ".pdf") == 0;
}

static json_t *
pub_values(struct ctx *ctx, struct req *r, json_t *rec)
{
	const char *url = view_str(rec, "url");
	json_t *v, *it;
	size_t i;

	(void)ctx;
	v = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "type",
	    view_str(json_object_get(rec, "type"), "slug"), "title",
	    view_str(rec, "title"), "venue", view_str(rec, "venue"), "date",
	    view_str(rec, "date"), "summary", view_str(rec, "summary"),
	    "cover", view_str(rec, "cover"), "url", is_pdf(url) ? "" : url,
	    "pdf", is_pdf(url) ? url : "");
	json_array_foreach(json_object_get(rec, "authors"), i, it)
		if (i < PUB_AUTHORS_MAX)
			json_object_set_new(v, arena_printf(r->arena,
			    "author%zu", i + 1), json_string(view_str(it,
			    "slug")));
	return v;
}

/* Add a select of the publication types, value selected. */
static json_t *
types_select(struct ctx *ctx, json_t *form, const char *name,
    const char *label, const char *value, const char *none, int required)
{
	json_t *f, *rows = NULL, *it;
	size_t i;

	f = form_field(form, name, label, "select", value, NULL, NULL,
	    required);
	field_option(f, "", none, *value == '\0');
	if (store_pub_types_list(ctx->store, &rows) == ERR_OK)
		json_array_foreach(rows, i, it)
			field_option(f, view_str(it, "slug"), view_str(it,
			    "name"), strcmp(value, view_str(it, "slug")) == 0);
	json_decref(rows);
	return f;
}

/* 1 if d is a day that exists, written YYYY-MM-DD. */
static int
date_ok(const char *d)
{
	int64_t t;

	return strlen(d) == 10 && d[4] == '-' && d[7] == '-' &&
	    time_parse_iso(d, &t) == ERR_OK;
}

static void
pub_fields(struct ctx *ctx, struct req *r, json_t *form, json_t *v)
{
	json_t *f, *people = NULL, *it;
	const char *a, *name;
	size_t i, j, slots = PUB_AUTHORS_MIN;

	types_select(ctx, form, "type", "Type", view_str(v, "type"),
	    "Choose a type", 1);
	form_field(form, "title", "Title", "text", view_str(v, "title"), NULL,
	    "off", 1);
	if (store_people_list(ctx->store, 0, &people) != ERR_OK)
		people = json_array();
	for (i = 1; i <= PUB_AUTHORS_MAX; i++)
		if (*view_str(v, arena_printf(r->arena, "author%zu", i)) !=
		    '\0' && i + 1 > slots)
			slots = i + 1 > PUB_AUTHORS_MAX ? PUB_AUTHORS_MAX :
			    i + 1;
	for (i = 1; i <= slots; i++) {
		name = arena_printf(r->arena, "author%zu", i);
		a = view_str(v, name);
		f = form_field(form, name, arena_printf(r->arena, "Author %zu",
		    i), "select", a, i == 1 ? "In the order they are "
		    "credited; leave the rest empty. Save to get more "
		    "places." : NULL, NULL, 0);
		field_option(f, "", "(nobody)", *a == '\0');
		json_array_foreach(people, j, it)
			field_option(f, view_str(it, "slug"), view_str(it,
			    "name"), strcmp(a, view_str(it, "slug")) == 0);
	}
	json_decref(people);
	form_field(form, "venue", "Venue", "text", view_str(v, "venue"),
	    "Where it appeared: a publisher, a journal, a conference.", "off",
	    0);
	f = form_field(form, "date", "Date", "date", view_str(v, "date"),
	    "The day it appeared, YYYY-MM-DD.", "off", 1);
	/* A date input cannot hold a wrong date typed: show it as text. */
	if (*view_str(v, "date") != '\0' && !date_ok(view_str(v, "date")))
		json_object_set_new(f, "type", json_string("text"));
	form_field(form, "summary", "Summary", "textarea", view_str(v,
	    "summary"), NULL, NULL, 0);
	f = form_field(form, "cover", "Cover image", "text", view_str(v,
	    "cover"), "A web address, or an uploaded image's /media/ "
	    "address. May be empty.", "off", 0);
	json_object_set_new(f, "inputmode", json_string("url"));
	f = form_field(form, "url", "Link", "text", view_str(v, "url"),
	    "Where readers find it, such as https://example.org/book. Give "
	    "a link or a PDF.", "off", 0);
	json_object_set_new(f, "inputmode", json_string("url"));
	f = form_field(form, "pdf", "PDF", "text", view_str(v, "pdf"),
	    "An uploaded PDF's address, such as /media/report.pdf.", "off",
	    0);
	json_object_set_new(f, "inputmode", json_string("url"));
}

/* The authors chosen, in order, each once and each a person. */
static json_t *
authors_check(struct ctx *ctx, struct req *r, json_t *form, json_t *v)
{
	json_t *list = json_array(), *people = NULL, *it;
	const char *a, *name;
	size_t i, j, k;
	int known;

	if (store_people_list(ctx->store, 0, &people) != ERR_OK)
		people = json_array();
	for (i = 1; i <= PUB_AUTHORS_MAX; i++) {
		name = arena_printf(r->arena, "author%zu", i);
		if (*(a = view_str(v, name)) == '\0')
			continue;
		known = 0;
		json_array_foreach(people, j, it)
			if (strcmp(view_str(it, "slug"), a) == 0)
				known = 1;
		for (k = 0; k < json_array_size(list); k++)
			if (strcmp(json_string_value(json_array_get(list, k)),
			    a) == 0)
				break;
		if (!known)
			form_error(form, name, "Choose someone from the list.");
		else if (k < json_array_size(list))
			form_error(form, name, "This person is already an "
			    "author above.");
		else
			json_array_append_new(list, json_string(a));
	}
	json_decref(people);
	return list;
}

static enum err
pub_check(struct ctx *ctx, struct req *r, json_t *form, json_t *v,
    json_t **rec)
{
	const char *type = view_str(v, "type"), *url = view_str(v, "url");
	const char *pdf = view_str(v, "pdf"), *date = view_str(v, "date");
	json_t *types = NULL, *it, *authors;
	size_t i;
	int known = 0;

	if (*type == '\0')
		form_error(form, "type", "Choose the publication's type.");
	else if (store_pub_types_list(ctx->store, &types) == ERR_OK) {
		json_array_foreach(types, i, it)
			if (strcmp(view_str(it, "slug"), type) == 0)
				known = 1;
		if (!known)
			form_error(form, "type", "Choose a type from the "
			    "list.");
	}
	json_decref(types);
	item_check_text(r, form, "title", view_str(v, "title"), "Enter the "
	    "publication's title.", PUB_TITLE_MAX, 0);
	authors = authors_check(ctx, r, form, v);
	item_check_text(r, form, "venue", view_str(v, "venue"), NULL,
	    PUB_VENUE_MAX, 0);
	if (*date == '\0')
		form_error(form, "date", "Enter the day it appeared.");
	else if (!date_ok(date))
		form_error(form, "date", "The date must be a day that exists, "
		    "written YYYY-MM-DD, such as 2026-03-01.");
	item_check_text(r, form, "summary", view_str(v, "summary"), NULL,
	    PUB_SUMMARY_MAX, 1);
	item_check_url(r, form, "cover", view_str(v, "cover"), NULL,
	    ITEM_URL_WEB_OR_MEDIA);
	item_check_url(r, form, "url", url, NULL, ITEM_URL_WEB);
	if (item_check_url(r, form, "pdf", pdf, NULL, ITEM_URL_MEDIA) &&
	    *pdf != '\0' && !is_pdf(pdf))
		form_error(form, "pdf", "The PDF must be an uploaded file "
		    "whose name ends in .pdf, such as /media/report.pdf.");
	else if (*pdf != '\0' && *url != '\0')
		form_error(form, "pdf", "Give a link or a PDF, not both: "
		    "empty one of them.");
	*rec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "type",
	    type, "title", view_str(v, "title"), "venue", view_str(v,
	    "venue"), "date", date, "summary", view_str(v, "summary"),
	    "cover", view_str(v, "cover"), "url", *pdf != '\0' ? pdf : url,
	    "authors", authors);
	return ERR_OK;
}

static void
pub_filter(struct ctx *ctx, struct req *r, json_t *items, const char *value)
{
	json_t *form = form_new();

	types_select(ctx, form, "type", "Type", value, "All types", 0);
	json_object_set(items, "filter", json_array_get(json_object_get(form,
	    "fields"), 0));
	json_decref(form);
	/* Administrators keep the types too. */
	json_object_set_new(items, "links", json_pack("[{s:s, s:s}]", "url",
	    "/admin/publication-types", "label", "Publication types"));
	(void)r;
}

const struct item_kind item_publications = {
	.kind = "publication",
	.base = "/admin/publications",
	.nav = "/admin/publications",
	.title = "Publications",
	.one = "publication",
	.new_label = "New publication",
	.lede = "Books, reports and papers by the journal and its staff, "
	    "newest first. The sidebar shows the staff's latest five.",
	.search_label = "Search titles",
	.delete_text = "It leaves the public list and the sidebar at once. "
	    "Its authors and any uploaded files stay.",
	.main_field = "type",
	.conflict = "This publication could not be saved as it is.",
	.need = ROLE_EDITOR,
	.columns = columns,
	.ncolumns = nitems(columns),
	.name = pub_name,
	.cells = pub_cells,
	.values = pub_values,
	.fields = pub_fields,
	.check = pub_check,
	.filter = pub_filter,
};
