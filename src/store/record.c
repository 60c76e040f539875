/*
 * record: the shape of each kind of record store_put takes (docs/store.md),
 * checked here, above every backend.  A record is a JSON object; it
 * becomes a list of named, typed values with every default filled in,
 * which is all a backend's put sees.  So the fields, their types, which
 * are required and what an absent one means are decided once, and a
 * backend owns nothing but its SQL.
 *
 * Invariant: a record that passes has exactly its kind's fields, each of
 * its type; unknown keys are refused, not ignored, so a misspelt field
 * is an error instead of a silent default.
 */
#include <string.h>

#include "store_int.h"

enum ftype {
	F_TEXT,
	F_INT,
	F_BOOL,		/* true or false (or 0 or 1): a 0 or 1 value */
	F_LIST		/* an array of strings (slugs) */
};

/* An absent field (or null) is refused, or takes its default. */
struct field {
	const char	*name;
	enum ftype	 type;
	int		 flags;
#define F_REQUIRED	0x01
#define F_NUMDEF	0x02	/* def_num is the default */
	const char	*def;		/* text default; NULL: null */
	int64_t		 def_num;
	const char	*def_field;	/* the default is this field's value */
};

#define REQ(n, t)		{ n, t, F_REQUIRED, NULL, 0, NULL }
#define TEXT(n, d)		{ n, F_TEXT, 0, d, 0, NULL }
#define NUM(n, t, d)		{ n, t, F_NUMDEF, NULL, d, NULL }
#define NULLABLE(n, t)		{ n, t, 0, NULL, 0, NULL }
#define FIELD_END		{ NULL, F_TEXT, 0, NULL, 0, NULL }

static const struct field section_f[] = {
	REQ("slug", F_TEXT), REQ("name", F_TEXT), TEXT("description", ""),
	NUM("position", F_INT, 0), FIELD_END
};
static const struct field pub_type_f[] = {
	REQ("slug", F_TEXT), REQ("name", F_TEXT), NUM("position", F_INT, 0),
	FIELD_END
};
static const struct field person_f[] = {
	REQ("slug", F_TEXT), REQ("name", F_TEXT), TEXT("bio", ""),
	TEXT("affiliation", ""), TEXT("photo", ""),
	NUM("staff", F_BOOL, 0), FIELD_END
};
static const struct field issue_f[] = {
	REQ("number", F_INT), NUM("volume", F_INT, 1), REQ("date", F_TEXT),
	TEXT("title", ""), TEXT("status", "published"), FIELD_END
};
static const struct field article_f[] = {
	REQ("slug", F_TEXT), REQ("title", F_TEXT), TEXT("dek", ""),
	REQ("section", F_TEXT), NULLABLE("issue", F_INT),
	NUM("position", F_INT, 0),
	TEXT("status", "published"), REQ("published_at", F_TEXT),
	{ "updated_at", F_TEXT, 0, NULL, 0, "published_at" },
	TEXT("body", ""), NULLABLE("authors", F_LIST),
	NULLABLE("reads", F_INT), NULLABLE("tags", F_LIST),
	NULLABLE("countries", F_LIST), FIELD_END
};
static const struct field publication_f[] = {
	REQ("type", F_TEXT), REQ("title", F_TEXT), TEXT("venue", ""),
	REQ("date", F_TEXT), TEXT("url", ""), TEXT("cover", ""),
	TEXT("summary", ""), NULLABLE("authors", F_LIST), FIELD_END
};
static const struct field link_f[] = {
	REQ("name", F_TEXT), REQ("url", F_TEXT), TEXT("description", ""),
	NUM("position", F_INT, 0), FIELD_END
};
static const struct field event_f[] = {
	REQ("title", F_TEXT), REQ("starts_at", F_TEXT),
	NULLABLE("ends_at", F_TEXT), TEXT("place", ""),
	TEXT("description", ""), TEXT("url", ""), TEXT("tz", "UTC"),
	FIELD_END
};

static const struct {
	const char		*name;
	const struct field	*fields;	/* NULL: any key, text values */
} kinds[STORE_KIND__MAX] = {
	[STORE_SITE] = { "site", NULL },
	[STORE_SECTION] = { "section", section_f },
	[STORE_PUB_TYPE] = { "pub_type", pub_type_f },
	[STORE_PERSON] = { "person", person_f },
	[STORE_ISSUE] = { "issue", issue_f },
	[STORE_ARTICLE] = { "article", article_f },
	[STORE_PUBLICATION] = { "publication", publication_f },
	[STORE_LINK] = { "link", link_f },
	[STORE_EVENT] = { "event", event_f },
};

static void
set_text(struct store_value *v, const char *name, json_t *j)
{
	v->name = name;
	v->type = STORE_TEXT;
	v->text = json_string_value(j);
	v->len = json_string_length(j);
}

/* One field's value from rec; ERR_INVAL (logged) when it is wrong. */
static enum err
field_value(const char *kind, const struct field *f, json_t *rec,
    struct store_value *v)
{
	json_t *j = json_object_get(rec, f->name), *it;
	const char **items;
	size_t i;

	if (json_is_null(j))
		j = NULL;
	if (j == NULL && f->def_field != NULL)
		j = json_object_get(rec, f->def_field);
	v->name = f->name;
	if (j == NULL) {
		if (f->flags & F_REQUIRED) {
			log_warnx("%s: the field '%s' is missing", kind,
			    f->name);
			return ERR_INVAL;
		}
		if (f->def != NULL) {
			v->type = STORE_TEXT;
			v->text = f->def;
			v->len = strlen(f->def);
		} else if (f->flags & F_NUMDEF) {
			v->type = STORE_INT;
			v->num = f->def_num;
		} else
			v->type = STORE_NULL;
		return ERR_OK;
	}
	switch (f->type) {
	case F_TEXT:
		if (!json_is_string(j))
			break;
		set_text(v, f->name, j);
		return ERR_OK;
	case F_INT:
		if (!json_is_integer(j))
			break;
		v->type = STORE_INT;
		v->num = json_integer_value(j);
		return ERR_OK;
	case F_BOOL:
		if (json_is_boolean(j))
			v->num = json_is_true(j);
		else if (json_is_integer(j) && (json_integer_value(j) == 0 ||
		    json_integer_value(j) == 1))
			v->num = json_integer_value(j);
		else
			break;
		v->type = STORE_INT;
		return ERR_OK;
	case F_LIST:
		if (!json_is_array(j))
			break;
		items = xcalloc(json_array_size(j) + 1, sizeof(*items));
		json_array_foreach(j, i, it) {
			if (!json_is_string(it)) {
				free(items);
				log_warnx("%s: '%s' must be a list of "
				    "strings", kind, f->name);
				return ERR_INVAL;
			}
			items[i] = json_string_value(it);
		}
		v->type = STORE_LIST;
		v->items = items;
		v->num = (int64_t)json_array_size(j);
		return ERR_OK;
	}
	log_warnx("%s: the field '%s' must be %s", kind, f->name,
	    f->type == F_TEXT ? "a string" : f->type == F_INT ?
	    "an integer" : f->type == F_BOOL ? "true or false" :
	    "a list of strings");
	return ERR_INVAL;
}

enum err
store_values_new(const char *kind, json_t *rec, enum store_kind *k,
    struct store_value **out, size_t *n)
{
	const struct field *fs, *f;
	struct store_value *v;
	const char *key;
	json_t *j;
	size_t i, nf;
	enum err rc;

	*out = NULL;
	*n = 0;
	for (i = 0; i < STORE_KIND__MAX; i++)
		if (strcmp(kind, kinds[i].name) == 0)
			break;
	if (i == STORE_KIND__MAX) {
		log_warnx("store: no kind of record is called '%s'", kind);
		return ERR_INVAL;
	}
	*k = (enum store_kind)i;
	if (!json_is_object(rec)) {
		log_warnx("%s: the record is not an object", kind);
		return ERR_INVAL;
	}
	if ((fs = kinds[i].fields) == NULL) {
		/* Site settings: any key, each a string. */
		v = xcalloc(json_object_size(rec) + 1, sizeof(*v));
		nf = 0;
		json_object_foreach(rec, key, j) {
			if (!json_is_string(j)) {
				log_warnx("%s: the setting '%s' must be a "
				    "string", kind, key);
				free(v);
				return ERR_INVAL;
			}
			set_text(&v[nf++], key, j);
		}
		*out = v;
		*n = nf;
		return ERR_OK;
	}
	json_object_foreach(rec, key, j) {
		for (f = fs; f->name != NULL; f++)
			if (strcmp(key, f->name) == 0)
				break;
		if (f->name == NULL) {
			log_warnx("%s: no field is called '%s'", kind, key);
			return ERR_INVAL;
		}
	}
	for (nf = 0; fs[nf].name != NULL; nf++)
		;
	v = xcalloc(nf, sizeof(*v));
	for (i = 0; i < nf; i++) {
		if ((rc = field_value(kind, &fs[i], rec, &v[i])) != ERR_OK) {
			store_values_free(v, i);
			return rc;
		}
	}
	*out = v;
	*n = nf;
	return ERR_OK;
}

void
store_values_free(struct store_value *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		if (v[i].type == STORE_LIST)
			free((void *)v[i].items);
	free(v);
}

const struct store_value *
store_value_get(const struct store_value *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}
