/*
 * article_countries: the countries the article editor suggests.  Each
 * time the form is shown (a new article, an edit, a save that came back
 * with problems), the countries the title, dek and body name by the
 * gazetteer (util/gazetteer.c) and that are not yet among the article's
 * are offered beside the countries field as boxes to tick, none ticked:
 * nothing is added unless the editor ticks it and saves.  A ticked box
 * sends suggested_country=KZ, which the save adds to the typed
 * countries, checked then as those are (article_save.c).  An editor's
 * save of the form, which showed them, clears the suggestions kept for
 * /admin/countries/review (suggestions.c) by an import, an author's
 * save (kept again) or the API.
 */
#include <ctype.h>
#include <string.h>

#include "admin.h"

#define SUGGEST_MAX	ARTICLE_COUNTRIES_MAX	/* boxes at most */

/* 1 if code ("KZ") is one of the list typed as "FR, kz". */
static int
listed(const char *list, const char *code)
{
	const char *s = list;

	while (*s != '\0') {
		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		if (toupper((unsigned char)s[0]) == code[0] && s[0] != '\0' &&
		    toupper((unsigned char)s[1]) == code[1] && (s[2] == '\0' ||
		    s[2] == ',' || s[2] == ' ' || s[2] == '\t'))
			return 1;
		s += strcspn(s, ",");
	}
	return 0;
}

/* The name of country code in rows [{code, name}], or the code. */
static const char *
country_name(json_t *rows, const char *code)
{
	json_t *it;
	size_t i;

	json_array_foreach(rows, i, it)
		if (strcmp(view_str(it, "code"), code) == 0)
			return view_str(it, "name");
	return code;
}

/* Add text's countries not yet in have or in codes[0..*n) to codes. */
static void
collect(const char *text, const char *have, char (*codes)[3], size_t *n)
{
	char found[GAZ_CODES_MAX][3];
	size_t i, k, m;

	m = gazetteer_match(text, strlen(text), found, GAZ_CODES_MAX);
	for (i = 0; i < m && *n < SUGGEST_MAX; i++) {
		if (listed(have, found[i]))
			continue;
		for (k = 0; k < *n; k++)
			if (strcmp(codes[k], found[i]) == 0)
				break;
		if (k == *n)
			memcpy(codes[(*n)++], found[i], 3);
	}
}

void
article_countries_suggest(struct arena *a, json_t *form,
    const struct article_values *v, json_t *countries)
{
	char codes[SUGGEST_MAX][3];
	json_t *f, *boxes;
	size_t i, n = 0;

	collect(v->title, v->countries, codes, &n);
	collect(v->dek, v->countries, codes, &n);
	collect(v->body, v->countries, codes, &n);
	if (n == 0)
		return;
	f = form_field(form, "suggested_country", "Suggested countries",
	    "checkbox", "", "Named in the title, dek or text. Tick those the "
	    "article is about: they are added when you save.", NULL, 0);
	json_object_set_new(f, "input", json_false());
	boxes = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(boxes, json_pack("{s:s, s:s, s:s}",
		    "value", codes[i], "label", country_name(countries,
		    codes[i]), "id", arena_printf(a, "f-suggested-%s",
		    codes[i])));
	json_object_set_new(f, "checkboxes", boxes);
	json_object_set_new(f, "checkgroup", json_true());
}

const char *
article_countries_confirmed(struct req *r, const char *typed)
{
	const char *out = typed, *s;
	size_t i;

	for (i = 0; i < r->nform; i++) {
		if (strcmp(r->form[i].name, "suggested_country") != 0)
			continue;
		s = r->form[i].value;
		if (s == NULL || strlen(s) != 2 || !isalpha((unsigned char)
		    s[0]) || !isalpha((unsigned char)s[1]) || listed(out, s))
			continue;
		out = *out != '\0' ? arena_printf(r->arena, "%s, %s", out, s) :
		    arena_strdup(r->arena, s);
	}
	return out;
}
