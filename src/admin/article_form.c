/*
 * article_form: the article editor's form, both ways.  Values come from
 * a stored article or from what was typed (struct article_values, all
 * text); they become the form's fields (what the page shows, with
 * messages beside the fields) and, parsed, a struct article_input for
 * article_save.  What was typed is always what the form shows again.
 * Also what the revision pages compare: an article or a revision as a
 * "snapshot" of plain text fields, and the changes between two.
 */
#include <string.h>

#include "admin.h"

/* The lists the form's choices come from. */
enum err
article_refs_load(struct ctx *ctx, struct article_refs *refs)
{
	enum err rc;

	memset(refs, 0, sizeof(*refs));
	if ((rc = store_sections_list(ctx->store, &refs->sections)) !=
	    ERR_OK || (rc = store_issues_all(ctx->store, &refs->issues)) !=
	    ERR_OK || (rc = store_people_list(ctx->store, 0, &refs->people)) !=
	    ERR_OK || (rc = store_countries_list(ctx->store,
	    &refs->countries)) != ERR_OK)
		article_refs_free(refs);
	return rc;
}

void
article_refs_free(struct article_refs *refs)
{
	json_decref(refs->sections);
	json_decref(refs->issues);
	json_decref(refs->people);
	json_decref(refs->countries);
	memset(refs, 0, sizeof(*refs));
}

/* The row of rows whose id is id, or NULL. */
json_t *
article_ref(json_t *rows, int64_t id)
{
	json_t *it;
	size_t i;

	json_array_foreach(rows, i, it)
		if (json_integer_value(json_object_get(it, "id")) == id)
			return it;
	return NULL;
}

static const char *
num_text(struct arena *a, json_t *v)
{
	return json_is_integer(v) ? arena_printf(a, "%lld",
	    (long long)json_integer_value(v)) : "";
}

/* "2026-11-11T09:01:00Z" as a datetime-local value, "2026-11-11T09:01". */
static const char *
local_time(struct arena *a, const char *iso)
{
	return strlen(iso) >= 16 ? arena_strndup(a, iso, 16) : "";
}

/* A list's member key of each item, joined by sep. */
static const char *
joined(struct arena *a, json_t *list, const char *key, const char *sep)
{
	struct buf b;
	json_t *it;
	const char *s;
	size_t i;

	buf_init(&b, LIMIT_FORM_FIELD);
	json_array_foreach(list, i, it) {
		if (i > 0)
			buf_puts(&b, sep);
		buf_puts(&b, view_str(it, key));
	}
	s = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return s;
}

void
article_values_of(struct arena *a, json_t *art, struct article_values *v)
{
	json_t *it;
	size_t i;

	memset(v, 0, sizeof(*v));
	v->title = view_str(art, "title");
	v->slug = view_str(art, "slug");
	v->dek = view_str(art, "dek");
	v->body = view_str(art, "body");
	v->status = view_str(art, "status");
	v->publish_at = strcmp(v->status, "draft") == 0 ? "" :
	    local_time(a, view_str(art, "published_at"));
	v->section = num_text(a, json_object_get(art, "section_id"));
	v->issue = num_text(a, json_object_get(art, "issue_id"));
	v->tags = joined(a, json_object_get(art, "tags"), "name", ", ");
	v->countries = joined(a, json_object_get(art, "countries"), "code",
	    ", ");
	v->version = num_text(a, json_object_get(art, "version"));
	v->correction = view_str(art, "correction");
	v->correction_kind = view_str(art, "correction_kind");
	v->correction_date = view_str(art, "correction_date");
	json_array_foreach(json_object_get(art, "authors"), i, it)
		if (v->nauthors < ARTICLE_AUTHORS_MAX)
			v->authors[v->nauthors++] = num_text(a,
			    json_object_get(it, "id"));
}

static const char *
form_text(struct req *r, const char *name)
{
	const char *s = req_form(r, name);

	return s != NULL ? s : "";
}

void
article_values_typed(struct req *r, struct article_values *v)
{
	char name[32];
	const char *s;
	size_t i;

	memset(v, 0, sizeof(*v));
	v->title = form_text(r, "title");
	v->slug = form_text(r, "slug");
	v->dek = form_text(r, "dek");
	v->body = form_text(r, "body");
	v->status = form_text(r, "status");
	v->publish_at = form_text(r, "publish_at");
	v->section = form_text(r, "section");
	v->issue = form_text(r, "issue");
	v->tags = form_text(r, "tags");
	v->countries = article_countries_confirmed(r, form_text(r,
	    "countries"));
	v->version = form_text(r, "version");
	v->correction = form_text(r, "correction");
	v->correction_kind = form_text(r, "correction_kind");
	v->correction_date = form_text(r, "correction_date");
	/* The author slots in order, empty ones left out. */
	for (i = 0; i < ARTICLE_AUTHORS_MAX; i++) {
		snprintf(name, sizeof(name), "author%zu", i + 1);
		if (*(s = form_text(r, name)) != '\0')
			v->authors[v->nauthors++] = s;
	}
}

/* A select of rows (key id, label labelkey), with a first empty choice. */
static void
ref_select(struct arena *a, json_t *form, const char *name,
    const char *label, const char *hint, const char *value, json_t *rows,
    const char *none, int required)
{
	json_t *f = form_field(form, name, label, "select", value, hint, NULL,
	    required);
	json_t *it;
	const char *id, *text;
	size_t i;

	if (none != NULL)
		field_option(f, "", none, *value == '\0');
	json_array_foreach(rows, i, it) {
		id = num_text(a, json_object_get(it, "id"));
		if (json_object_get(it, "number") != NULL)
			text = arena_printf(a, "No. %s%s%s%s", num_text(a,
			    json_object_get(it, "number")),
			    *view_str(it, "title") != '\0' ? ": " : "",
			    view_str(it, "title"), strcmp(view_str(it,
			    "status"), "draft") == 0 ? " (draft)" : "");
		else
			text = view_str(it, "name");
		field_option(f, id, text, strcmp(id, value) == 0);
	}
}

json_t *
article_form(struct arena *a, const struct article_refs *refs,
    const struct article_values *v, int may_publish)
{
	json_t *form = form_new(), *f;
	const char *kind;
	size_t i, slots;
	char name[32], label[48];

	form_field(form, "title", "Title", "text", v->title, NULL, "off", 1);
	form_field(form, "slug", "Address", "text", v->slug, "The last part "
	    "of /articles/…: lowercase letters, digits, hyphens. Leave it "
	    "empty to make it from the title.", "off", 0);
	form_field(form, "dek", "Dek", "text", v->dek, "One or two sentences "
	    "under the title, in lists and in search results.", "off", 0);
	form_field(form, "body", "Text", "textarea", v->body, "Markdown: "
	    "# headings, *emphasis*, [links](https://…), > quotes, - lists.",
	    NULL, 0);
	if (may_publish) {
		f = form_field(form, "status", "Status", "select", v->status,
		    "Scheduled articles go out by themselves at their time.",
		    NULL, 0);
		field_option(f, "draft", "Draft", strcmp(v->status,
		    "scheduled") != 0 && strcmp(v->status, "published") != 0);
		field_option(f, "scheduled", "Scheduled", strcmp(v->status,
		    "scheduled") == 0);
		field_option(f, "published", "Published", strcmp(v->status,
		    "published") == 0);
		f = form_field(form, "publish_at", "Publication time (UTC)",
		    "datetime-local", v->publish_at, "When it goes out, or "
		    "the date readers see. Empty: now.", NULL, 0);
	}
	ref_select(a, form, "section", "Section", NULL, v->section,
	    refs->sections, "Choose a section", 1);
	ref_select(a, form, "issue", "Issue", NULL, v->issue, refs->issues,
	    "No issue", 0);
	slots = v->nauthors + 1 < 3 ? 3 : v->nauthors + 1;
	if (slots > ARTICLE_AUTHORS_MAX)
		slots = ARTICLE_AUTHORS_MAX;
	for (i = 0; i < slots; i++) {
		snprintf(name, sizeof(name), "author%zu", i + 1);
		snprintf(label, sizeof(label), "Author %zu", i + 1);
		ref_select(a, form, arena_strdup(a, name), arena_strdup(a,
		    label), i == 0 ? "In the order of the byline; save for "
		    "another slot." : NULL,
		    i < v->nauthors ? v->authors[i] : "", refs->people,
		    i == 0 ? "No author" : "—", 0);
	}
	form_field(form, "tags", "Tags", "text", v->tags, "Separated by "
	    "commas: new ones are made as you save.", "off", 0);
	form_field(form, "countries", "Countries", "text", v->countries,
	    "ISO codes separated by commas, such as FR, DE, BR.", "off", 0);
	/* A new article's values have no note (NULL). */
	kind = v->correction_kind != NULL ? v->correction_kind : "";
	f = form_field(form, "correction_kind", "Kind", "select", kind, NULL,
	    NULL, 0);
	field_option(f, "correction", "Correction", strcmp(kind, "update") !=
	    0);
	field_option(f, "update", "Update", strcmp(kind, "update") == 0);
	form_field(form, "correction_date", "Date", "date",
	    v->correction_date != NULL ? v->correction_date : "",
	    "Empty: today.", NULL, 0);
	form_field(form, "correction", "Note to readers", "textarea",
	    v->correction != NULL ? v->correction : "", "Shown in a box "
	    "at the top of the article, such as “Correction, 3 December "
	    "2026: …”. Empty: no note.", NULL, 0);
	article_countries_suggest(a, form, v, refs->countries);
	return form;
}

/* A whole number from text, or -1. */
static int64_t
number_of(const char *s)
{
	long long n;

	if (*s == '\0' || str_to_ll(s, 1, INT64_MAX, &n) != ERR_OK)
		return -1;
	return (int64_t)n;
}

/* Split s at commas into trimmed, non-empty items in the arena. */
static size_t
split(struct arena *a, const char *s, const char **items, size_t max,
    int upper)
{
	size_t n = 0, len, k;
	const char *e;
	char *it;

	while (*s != '\0') {
		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		e = s + strcspn(s, ",");
		len = (size_t)(e - s);
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (n == max)
			return max + 1;		/* too many */
		it = arena_strndup(a, s, len);
		for (k = 0; upper && k < len; k++)
			if (it[k] >= 'a' && it[k] <= 'z')
				it[k] = (char)(it[k] - 'a' + 'A');
		items[n++] = it;
		s = e;
	}
	return n;
}

void
article_input_of(struct arena *a, const struct article_values *v,
    int64_t id, int may_publish, struct article_input *in,
    struct article_problems *p)
{
	int64_t *authors = arena_alloc(a, ARTICLE_AUTHORS_MAX *
	    sizeof(*authors));
	const char **tags = arena_alloc(a, (ARTICLE_TAGS_MAX + 1) *
	    sizeof(*tags));
	const char **countries = arena_alloc(a, (ARTICLE_COUNTRIES_MAX + 1) *
	    sizeof(*countries));
	char iso[32];
	size_t i;

	memset(in, 0, sizeof(*in));
	p->n = 0;
	in->id = id;
	in->version = id != 0 ? number_of(v->version) : 0;
	if (id != 0 && in->version < 1)
		article_problem(p, "title", "The form is missing its version: "
		    "open the article again.");
	in->title = v->title;
	in->slug = v->slug;
	in->dek = v->dek;
	in->body = v->body;
	in->section_id = number_of(v->section);
	in->issue_id = *v->issue == '\0' ? 0 : number_of(v->issue);
	if (in->issue_id < 0)
		article_problem(p, "issue", "Choose an issue from the list.");
	for (i = 0; i < v->nauthors; i++)
		if ((authors[i] = number_of(v->authors[i])) < 0)
			article_problem(p, "author1", "Choose authors from the "
			    "list.");
	in->authors = authors;
	in->nauthors = v->nauthors;
	in->tags = tags;
	in->ntags = split(a, v->tags, tags, ARTICLE_TAGS_MAX, 0);
	in->countries = countries;
	in->ncountries = split(a, v->countries, countries,
	    ARTICLE_COUNTRIES_MAX, 1);
	in->correction = v->correction != NULL ? v->correction : "";
	in->correction_kind = v->correction_kind != NULL ? v->correction_kind :
	    "";
	in->correction_date = v->correction_date != NULL ? v->correction_date :
	    "";
	in->status = ARTICLE_DRAFT;
	if (may_publish && *v->status != '\0' &&
	    article_status_parse(v->status, &in->status) != ERR_OK)
		article_problem(p, "status", "Choose draft, scheduled or "
		    "published.");
	if (may_publish && *v->publish_at != '\0') {
		/* datetime-local: "2026-11-30T14:05", seconds optional. */
		snprintf(iso, sizeof(iso), "%s%sZ", v->publish_at,
		    strlen(v->publish_at) == 16 ? ":00" : "");
		if (strlen(v->publish_at) > 19 || strchr(v->publish_at, 'Z') !=
		    NULL || time_parse_iso(iso, &in->publish_at) != ERR_OK ||
		    in->publish_at <= 0)
			article_problem(p, "publish_at", "Enter a date and "
			    "time such as 2026-12-01T09:00.");
	}
}

void
article_problems_mark(json_t *form, const struct article_problems *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		form_error(form, p->p[i].field, p->p[i].why);
}

/* Names of the ids in list ("1,4"), from rows, joined by ", ". */
static const char *
names_of(struct arena *a, const char *list, json_t *rows)
{
	struct buf b;
	const char *s = list, *out;
	json_t *row;
	long long id;
	char *end;

	buf_init(&b, LIMIT_FORM_FIELD);
	while (*s != '\0') {
		id = strtoll(s, &end, 10);
		if (end == s)
			break;
		if (b.len > 0)
			buf_puts(&b, ", ");
		row = article_ref(rows, (int64_t)id);
		buf_puts(&b, row != NULL ? view_str(row, "name") :
		    "(removed)");
		s = *end == ',' ? end + 1 : end;
	}
	out = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

json_t *
article_snapshot(struct arena *a, json_t *art)
{
	const char *authors = "", *tags, *countries;
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(art, "authors"), i, it)
		authors = arena_printf(a, "%s%s%lld", authors, i > 0 ? "," :
		    "", (long long)json_integer_value(json_object_get(it,
		    "id")));
	tags = joined(a, json_object_get(art, "tags"), "name", "\n");
	countries = joined(a, json_object_get(art, "countries"), "code", ",");
	return json_pack("{s:s, s:s, s:s, s:s, s:O, s:O, s:s, s:s, s:s, "
	    "s:s, s:s, s:O}", "title", view_str(art, "title"), "slug",
	    view_str(art, "slug"), "dek", view_str(art, "dek"), "body",
	    view_str(art, "body"), "section_id", json_object_get(art,
	    "section_id"), "issue_id", json_object_get(art, "issue_id") !=
	    NULL ? json_object_get(art, "issue_id") : json_null(), "authors",
	    authors, "tags", tags, "countries", countries, "status",
	    view_str(art, "status"), "published_at", view_str(art,
	    "published_at"), "version", json_object_get(art, "version"));
}

/* A snapshot's field as the person reads it. */
static const char *
shown(struct arena *a, const struct article_refs *refs, json_t *s,
    const char *key)
{
	json_t *row;

	if (strcmp(key, "section_id") == 0 || strcmp(key, "issue_id") == 0) {
		row = article_ref(strcmp(key, "section_id") == 0 ?
		    refs->sections : refs->issues, json_integer_value(
		    json_object_get(s, key)));
		if (row == NULL)
			return "";
		return strcmp(key, "section_id") == 0 ? view_str(row, "name") :
		    arena_printf(a, "No. %s", num_text(a,
		    json_object_get(row, "number")));
	}
	if (strcmp(key, "authors") == 0)
		return names_of(a, view_str(s, key), refs->people);
	if (strcmp(key, "published_at") == 0) {
		int64_t t;

		return time_parse_iso(view_str(s, key), &t) == ERR_OK ?
		    arena_printf(a, "%s UTC", admin_time(a, t)) : "";
	}
	if (strcmp(key, "tags") == 0) {
		const char *t = view_str(s, key), *out = "";
		size_t n;

		while (*t != '\0') {
			n = strcspn(t, "\n");
			out = arena_printf(a, "%s%s%.*s", out, *out != '\0' ?
			    ", " : "", (int)n, t);
			t += n + (t[n] == '\n');
		}
		return out;
	}
	return view_str(s, key);
}

enum err
article_changes(struct arena *a, const struct article_refs *refs,
    json_t *from, json_t *to, json_t **fields, const char **body_html,
    long *changed)
{
	static const struct {
		const char	*key;
		const char	*label;
	} keys[] = {
		{ "title", "Title" }, { "slug", "Address" }, { "dek", "Dek" },
		{ "status", "Status" }, { "published_at", "Publication time" },
		{ "section_id", "Section" }, { "issue_id", "Issue" },
		{ "authors", "Authors" }, { "tags", "Tags" },
		{ "countries", "Countries" },
	};
	const char *x, *y;
	struct buf b;
	size_t i;
	enum err rc;

	*fields = json_array();
	for (i = 0; i < nitems(keys); i++) {
		x = shown(a, refs, from, keys[i].key);
		y = shown(a, refs, to, keys[i].key);
		if (strcmp(x, y) != 0)
			json_array_append_new(*fields, json_pack("{s:s, s:s, "
			    "s:s}", "label", keys[i].label, "from", x, "to",
			    y));
	}
	buf_init(&b, LIMIT_PAGE);
	rc = diff_html(&b, view_str(from, "body"), strlen(view_str(from,
	    "body")), view_str(to, "body"), strlen(view_str(to, "body")),
	    changed);
	if (rc != ERR_OK) {
		buf_free(&b);
		json_decref(*fields);
		*fields = NULL;
		return rc;
	}
	*body_html = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	*changed += (long)json_array_size(*fields);
	return ERR_OK;
}
