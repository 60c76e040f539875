/*
 * authors: /authors, everyone with at least one published article, by
 * family name, with how many articles each has, grouped under the
 * family name's initial.  The family name is the name's last word, its
 * letters folded to ASCII as slugs fold them (so "Dubrač" sorts with
 * "Dubrac"); names that share it sort by the whole name folded the same
 * way.  The counts are the store's kept per-author counts.
 */
#include <stdlib.h>
#include <string.h>

#include "web.h"

struct entry {
	json_t		*row;		/* borrowed */
	const char	*family;	/* folded, in the arena */
	const char	*whole;		/* folded, in the arena */
};

/* s folded as a slug folds it ("dubrac"), in the arena. */
static const char *
folded(struct arena *a, const char *s)
{
	struct buf b;
	const char *out;

	buf_init(&b, LIMIT_SLUG);
	if (slug_make(&b, s, strlen(s)) != ERR_OK)
		buf_reset(&b);
	out = arena_strndup(a, b.len > 0 ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

static int
entry_cmp(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	int c = strcmp(a->family, b->family);

	return c != 0 ? c : strcmp(a->whole, b->whole);
}

/* The last word of a name. */
static const char *
family_of(const char *name)
{
	const char *sp = strrchr(name, ' ');

	return sp != NULL && sp[1] != '\0' ? sp + 1 : name;
}

enum err
page_authors(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *v = NULL, *rows = NULL, *groups, *group = NULL, *list = NULL;
	json_t *it, *o;
	struct entry *e = NULL;
	const char *crumbs[2];
	char letter[2] = "", cur[2] = "";
	size_t i, n;
	enum err rc;

	if ((rc = store_authors_index(ctx->store, &rows)) != ERR_OK)
		return rc;
	n = json_array_size(rows);
	e = arena_alloc(r->arena, (n > 0 ? n : 1) * sizeof(*e));
	json_array_foreach(rows, i, it) {
		e[i].row = it;
		e[i].family = folded(r->arena, family_of(view_str(it,
		    "name")));
		e[i].whole = folded(r->arena, view_str(it, "name"));
	}
	qsort(e, n, sizeof(*e), entry_cmp);
	if ((rc = view_new(ctx, r, "Authors", &v)) != ERR_OK)
		goto out;
	groups = json_array();
	for (i = 0; i < n; i++) {
		letter[0] = (char)(e[i].family[0] >= 'a' &&
		    e[i].family[0] <= 'z' ? e[i].family[0] - 'a' + 'A' : '#');
		if (group == NULL || letter[0] != cur[0]) {
			group = json_object();
			list = json_array();
			json_object_set_new(group, "letter",
			    json_string(letter));
			json_object_set_new(group, "authors", list);
			json_array_append_new(groups, group);
			cur[0] = letter[0];
		}
		o = json_object();
		view_copy(o, "name", e[i].row, "name");
		view_copy(o, "role", e[i].row, "role");
		view_copy_url(o, "photo", e[i].row, "photo");
		json_object_set_new(o, "url", view_url("/authors/", view_str(
		    e[i].row, "slug")));
		json_object_set(o, "count", json_object_get(e[i].row,
		    "count"));
		json_object_set_new(o, "one", json_boolean(json_integer_value(
		    json_object_get(e[i].row, "count")) == 1));
		json_array_append_new(list, o);
	}
	json_object_set_new(v, "groups", groups);
	json_object_set_new(v, "total", json_integer((json_int_t)n));
	crumbs[0] = "Authors";
	crumbs[1] = "/authors";
	view_breadcrumbs(v, crumbs, 1);
	meta_collection(r, v, "Authors",
	    "Everyone who has written for the journal");
	rc = site_render(ctx, r, resp, "authors_index", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(rows);
	return rc;
}
