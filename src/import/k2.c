/*
 * k2: a Joomla site's K2 content read from its live MariaDB or MySQL
 * database and written into Octavo.  The small tables (categories,
 * extra field definitions, the authors' user names, K2's menu items)
 * are read whole first; items and comments are streamed
 * (mysql_use_result), one row in memory at a time, so a large site goes
 * through in bounded memory.  While a result streams no other query can
 * run on the connection, which is why the lookups are in memory and an
 * item's tags come with it (GROUP_CONCAT).
 *
 * Every source record is an import id with a digest of what it became
 * (origin "k2"): a record whose digest is unchanged is left alone, so
 * running the import again changes nothing, and a record changed in K2
 * updates its row (keeping the slug Octavo gave it).  Writes go in
 * transactions of K2_BATCH rows.
 */
#include <sodium.h>
#include <string.h>

#include "k2.h"
#include "site/site.h"

#define K2_BATCH	200	/* rows a transaction */
#define K2_TAG_SEP	"\x1f"	/* between an item's tags */
#define K2_TAGS_MAX	64	/* tags kept of one item */
#define K2_ORIGIN	"k2"

/* What an item's row holds, by column (the order of sql_items). */
enum item_col {
	I_ID, I_TITLE, I_ALIAS, I_CATID, I_PUBLISHED, I_TRASH, I_INTRO,
	I_FULL, I_EXTRA, I_CREATED, I_CREATED_BY, I_ALIAS_BY, I_UP, I_DOWN,
	I_HITS, I_ACCESS, I_TAGS, I__MAX
};

/* A query's text with the table prefix put in for each "#__". */
static char *
k2_sql(struct k2 *k, const char *tmpl)
{
	struct buf b;
	const char *p;
	size_t len;

	buf_init(&b, 16 * 1024);
	for (p = tmpl; *p != '\0'; p++) {
		if (strncmp(p, "#__", 3) == 0) {
			buf_puts(&b, k->prefix);
			p += 2;
		} else
			buf_putc(&b, *p);
	}
	buf_putc(&b, '\0');
	return buf_take(&b, &len);
}

/* Run a query; says why on standard error. */
static enum err
k2_query(struct k2 *k, const char *tmpl)
{
	char *sql = k2_sql(k, tmpl);
	unsigned n;
	int rc;

	rc = mysql_query(k->db, sql);
	free(sql);
	if (rc == 0)
		return ERR_OK;
	n = mysql_errno(k->db);
	fprintf(stderr, "octavo import k2: %s\n", mysql_error(k->db));
	if (n == 1146)		/* ER_NO_SUCH_TABLE */
		fprintf(stderr, "octavo import k2: is K2 installed in this "
		    "database, and is the table prefix '%s' right "
		    "(--prefix)?\n", k->prefix);
	return n == 1146 ? ERR_NOTFOUND : ERR_IO;
}

/* The rows of a query, whole (store) or streamed; NULL on failure. */
static MYSQL_RES *
k2_rows(struct k2 *k, const char *tmpl, int stream)
{
	MYSQL_RES *res;

	if (k2_query(k, tmpl) != ERR_OK)
		return NULL;
	res = stream ? mysql_use_result(k->db) : mysql_store_result(k->db);
	if (res == NULL)
		fprintf(stderr, "octavo import k2: %s\n", mysql_error(k->db));
	return res;
}

/* A row's end: NULL at the end of the rows, or on an error (said). */
static int
k2_rows_failed(struct k2 *k)
{
	if (mysql_errno(k->db) == 0)
		return 0;
	fprintf(stderr, "octavo import k2: reading rows: %s\n",
	    mysql_error(k->db));
	return 1;
}

static long
num(const char *s)
{
	long long v;

	return s != NULL && str_to_ll(s, INT32_MIN, INT32_MAX, &v) ==
	    ERR_OK ? (long)v : 0;
}

/*
 * Text from the old site as valid UTF-8 on one line or not (oneline:
 * control characters become spaces, runs of space one, trimmed), from
 * the arena; *fixed set when bytes that were not UTF-8 became U+FFFD.
 */
static char *
text_fix(struct arena *a, const char *s, int oneline, int *fixed)
{
	struct buf b;
	size_t n = s != NULL ? strlen(s) : 0, i, used;
	uint32_t c;
	char *out;

	buf_init(&b, 4 * n + 8);
	for (i = 0; i < n; i += used) {
		c = utf8_decode(s + i, n - i, &used);
		if (c == UTF8_BAD) {
			buf_puts(&b, "\xef\xbf\xbd");
			*fixed = 1;
			used = used > 0 ? used : 1;
			continue;
		}
		if (oneline && (c < 0x20 || c == 0x7f || c == ' ')) {
			if (b.len > 0 && b.p[b.len - 1] != ' ')
				buf_putc(&b, ' ');
			continue;
		}
		buf_add(&b, s + i, used);
	}
	while (oneline && b.len > 0 && b.p[b.len - 1] == ' ')
		b.len--;
	out = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

/* A digest of text, hex, into out (33 bytes). */
static void
digest_of(const char *text, char out[33])
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), (const unsigned char *)text,
	    strlen(text), NULL, 0);
	sodium_bin2hex(out, 33, h, sizeof(h));
}

/* {local_id, digest} of a source record, or NULL when never imported. */
static enum err
seen_get(struct k2 *k, const char *kind, const char *id, json_t **row)
{
	struct store_import_id key = { K2_ORIGIN, kind, id, 0, NULL, 0 };
	enum err rc;

	*row = NULL;
	rc = store_import_id_get(k->st, &key, row);
	return rc == ERR_NOTFOUND ? ERR_OK : rc;
}

static enum err
seen_put(struct k2 *k, const char *kind, const char *id, int64_t local,
    const char *digest)
{
	struct store_import_id key = { K2_ORIGIN, kind, id, local, digest,
	    k->now };

	return store_import_id_put(k->st, &key);
}

struct k2_slug {
	struct store	*st;
	int		 person;	/* else an article */
	int64_t		 self;
	enum err	 rc;
};

/* slug_claim's question: is this slug another's? */
static int
slug_taken(void *arg, const char *s, size_t n)
{
	struct k2_slug *c = arg;
	char tmp[LIMIT_SLUG + 1];
	int64_t owner = 0;
	int taken = 0;

	if (n > LIMIT_SLUG)
		return 1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	if (c->rc != ERR_OK)
		return 1;
	if (c->person == 1)
		c->rc = store_slug_taken(c->st, STORE_SLUG_PERSON, tmp,
		    c->self, &taken);
	else if (c->person == 2)
		c->rc = store_slug_taken(c->st, STORE_SLUG_SECTION, tmp,
		    c->self, &taken);
	else {
		c->rc = store_article_slug_owner(c->st, tmp, &owner);
		taken = owner != 0 && owner != c->self;
	}
	return c->rc != ERR_OK || taken;
}

/* A unique slug made from text (or fallback) into the arena. */
static enum err
slug_new(struct k2 *k, struct arena *a, int kind, const char *text,
    const char *fallback, const char **out)
{
	struct k2_slug c = { k->st, kind, 0, ERR_OK };
	struct buf b;
	enum err rc;

	buf_init(&b, LIMIT_SLUG + 1);
	if (text == NULL || *text == '\0')
		text = fallback;
	if ((rc = slug_make(&b, text, strlen(text))) == ERR_OK)
		rc = slug_claim(&b, NULL, slug_taken, &c);
	if (rc == ERR_OK)
		rc = c.rc;
	if (rc == ERR_OK)
		*out = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return rc;
}

struct k2_cat *
k2_cat_get(struct k2 *k, long id)
{
	size_t i;

	for (i = 0; i < k->ncats; i++)
		if (k->cats[i].id == id)
			return &k->cats[i];
	return NULL;
}

/* The categories' depth-first order: children after their parent. */
static void
cats_order(struct k2 *k, long parent, int depth, struct k2_cat **order,
    size_t *n)
{
	size_t i;

	if (depth > 32)
		return;
	for (i = 0; i < k->ncats; i++)
		if (k->cats[i].parent == parent && k->cats[i].id != parent) {
			order[(*n)++] = &k->cats[i];
			cats_order(k, k->cats[i].id, depth + 1, order, n);
		}
}

/* One category as a section: new, changed or unchanged. */
static enum err
section_import(struct k2 *k, struct arena *a, struct k2_cat *c,
    const char *desc, long position)
{
	struct store_section sec = { 0 };
	json_t *seen = NULL, *rec, *old = NULL;
	char id[32], dg[33], *text;
	enum err rc;

	snprintf(id, sizeof(id), "%ld", c->id);
	rec = json_pack("{s:s, s:s, s:s, s:i}", "name", c->name, "alias",
	    c->alias, "description", desc, "position", (json_int_t)position);
	text = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
	digest_of(text, dg);
	free(text);
	json_decref(rec);
	if ((rc = seen_get(k, "category", id, &seen)) != ERR_OK)
		return rc;
	sec.id = seen != NULL ? json_integer_value(json_object_get(seen,
	    "local_id")) : 0;
	if (sec.id != 0 && store_section_by_id(k->st, sec.id, &old) !=
	    ERR_OK)
		sec.id = 0;	/* deleted here since: made again */
	if (old != NULL && strcmp(json_string_value(json_object_get(seen,
	    "digest")), dg) == 0) {
		c->section_id = sec.id;
		c->slug = xstrdup(json_string_value(json_object_get(old,
		    "slug")));
		report_count(&k->rep, "sections", REPORT_UNCHANGED);
		goto out;
	}
	sec.name = c->name;
	sec.description = desc;
	sec.position = position;
	if (old != NULL)
		sec.slug = json_string_value(json_object_get(old, "slug"));
	else if ((rc = slug_new(k, a, 2, c->alias, c->name, &sec.slug)) !=
	    ERR_OK)
		goto out;
	if ((rc = store_section_save(k->st, &sec, &sec.id)) != ERR_OK ||
	    (rc = seen_put(k, "category", id, sec.id, dg)) != ERR_OK)
		goto out;
	c->section_id = sec.id;
	c->slug = xstrdup(sec.slug);
	report_count(&k->rep, "sections", old != NULL ? REPORT_CHANGED :
	    REPORT_NEW);
out:
	json_decref(seen);
	json_decref(old);
	return rc;
}

/* Read the categories, then make or update their sections. */
static enum err
categories_read(struct k2 *k)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	struct k2_cat **order = NULL, *c;
	struct arena *a = arena_new();
	struct buf b;
	char **descs = NULL;
	size_t n = 0, i;
	int fixed = 0, simple;
	enum err rc = ERR_OK;

	if ((res = k2_rows(k, "SELECT id, name, alias, description, parent,"
	    " published, trash, ordering FROM `#__k2_categories`"
	    " ORDER BY parent, ordering, id", 0)) == NULL) {
		rc = ERR_NOTFOUND;
		goto out;
	}
	k->cats = xcalloc(mysql_num_rows(res) + 1, sizeof(*k->cats));
	descs = xcalloc(mysql_num_rows(res) + 1, sizeof(*descs));
	while ((row = mysql_fetch_row(res)) != NULL) {
		c = &k->cats[k->ncats];
		c->id = num(row[0]);
		c->name = xstrdup(text_fix(a, row[1], 1, &fixed));
		c->alias = xstrdup(text_fix(a, row[2], 1, &fixed));
		/* The description, plain text (sections' are). */
		buf_init(&b, LIMIT_BODY_MD);
		descs[k->ncats] = NULL;
		if (html_clean(&b, row[3] != NULL ? row[3] : "", row[3] !=
		    NULL ? strlen(row[3]) : 0, NULL, NULL) == ERR_OK &&
		    buf_putc(&b, '\0') == ERR_OK) {
			struct buf t;

			buf_init(&t, LIMIT_BODY_MD);
			if (k2_html_text(&t, b.p, b.len - 1, &simple) ==
			    ERR_OK)
				descs[k->ncats] = xstrdup(t.p != NULL ? t.p :
				    "");
			buf_free(&t);
		}
		buf_free(&b);
		if (descs[k->ncats] == NULL)
			descs[k->ncats] = xstrdup("");
		c->parent = num(row[4]);
		c->published = num(row[5]) == 1;
		c->trash = num(row[6]) != 0;
		c->ordering = num(row[7]);
		if (*c->name == '\0') {
			free(c->name);
			c->name = xstrdup("Untitled");
			report_note(&k->rep, "sections", 0, "K2 category "
			    "without a name: named Untitled", c->alias);
		}
		k->ncats++;
	}
	if (k2_rows_failed(k))
		rc = ERR_IO;
	mysql_free_result(res);
	if (rc != ERR_OK)
		goto out;
	if (fixed)
		report_note(&k->rep, "sections", 0, "bytes that were not "
		    "UTF-8 replaced", NULL);
	/* Depth first from the roots; an orphan or a cycle is a root. */
	order = xcalloc(k->ncats + 1, sizeof(*order));
	cats_order(k, 0, 0, order, &n);
	for (i = 0; i < k->ncats; i++) {
		size_t j;

		for (j = 0; j < n && order[j] != &k->cats[i]; j++)
			;
		if (j == n) {
			order[n++] = &k->cats[i];
			report_note(&k->rep, "sections", 0, "K2 category whose "
			    "parent is missing: kept at the top",
			    k->cats[i].name);
		}
	}
	if ((rc = store_begin(k->st)) != ERR_OK)
		goto out;
	for (i = 0; i < n && rc == ERR_OK; i++) {
		c = order[i];
		if (c->trash) {
			report_note(&k->rep, "sections", 1, "K2 category in "
			    "the trash (its items skipped too)", c->name);
			continue;
		}
		rc = section_import(k, a, c, descs[c - k->cats],
		    (long)i + 1);
	}
	if (rc == ERR_OK)
		rc = store_commit(k->st);
	if (rc != ERR_OK) {
		store_rollback(k->st);
		fprintf(stderr, "octavo import k2: cannot save the sections "
		    "(%s)\n", err_str(rc));
		rc = ERR_DB;
	}
	/* A trashed parent's children are imported: only K2 hid them. */
	for (i = 0; rc == ERR_OK && i < k->ncats; i++)
		if (k->cats[i].section_id != 0)
			rc = k2_addr_category(k, &k->cats[i]);
out:
	for (i = 0; descs != NULL && i < k->ncats; i++)
		free(descs[i]);
	free(descs);
	free(order);
	arena_free(a);
	return rc;
}

/* The extra fields' definitions. */
static enum err
fields_read(struct k2 *k)
{
	MYSQL_RES *res;
	MYSQL_ROW row;

	if ((res = k2_rows(k, "SELECT id, name, type, value FROM"
	    " `#__k2_extra_fields` ORDER BY ordering, id", 0)) == NULL)
		return ERR_NOTFOUND;
	while ((row = mysql_fetch_row(res)) != NULL)
		k2_fields_add(&k->fields, num(row[0]), row[1], row[2],
		    row[3]);
	mysql_free_result(res);
	return k2_rows_failed(k) ? ERR_IO : ERR_OK;
}

/* The names of the Joomla users who wrote items. */
static enum err
users_read(struct k2 *k)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	struct arena *a = arena_new();
	int fixed = 0;

	k->users = json_object();
	if ((res = k2_rows(k, "SELECT u.id, u.name, u.username FROM"
	    " `#__users` u WHERE u.id IN (SELECT created_by FROM"
	    " `#__k2_items`)", 0)) == NULL) {
		arena_free(a);
		return ERR_NOTFOUND;
	}
	while ((row = mysql_fetch_row(res)) != NULL) {
		const char *name = text_fix(a, row[1], 1, &fixed);

		if (*name == '\0')
			name = text_fix(a, row[2], 1, &fixed);
		json_object_set_new(k->users, row[0] != NULL ? row[0] : "",
		    json_string(name));
	}
	mysql_free_result(res);
	arena_free(a);
	return k2_rows_failed(k) ? ERR_IO : ERR_OK;
}

/*
 * The site's menu items that show K2 items and categories, for the
 * addresses Joomla made under them; a site without the menu table (or
 * another layout of it) has none, and says so.
 */
static void
menus_read(struct k2 *k)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	char *sql;
	long target;
	enum k2_menu kind;

	sql = k2_sql(k, "SELECT id, path, link FROM `#__menu` WHERE"
	    " client_id = 0 AND link LIKE 'index.php?option=com\\_k2%'"
	    " ORDER BY id");
	if (mysql_query(k->db, sql) != 0 || (res =
	    mysql_store_result(k->db)) == NULL) {
		free(sql);
		report_note(&k->rep, "old addresses", 0, "no Joomla menu "
		    "table: addresses under menu items not kept", NULL);
		return;
	}
	free(sql);
	k->menus = xcalloc(mysql_num_rows(res) + 1, sizeof(*k->menus));
	while ((row = mysql_fetch_row(res)) != NULL) {
		if ((kind = k2_menu_link(row[2], &target)) == K2_MENU_OTHER ||
		    row[1] == NULL || *row[1] == '\0' ||
		    !utf8_valid(row[1], strlen(row[1])))
			continue;
		k->menus[k->nmenus].id = num(row[0]);
		k->menus[k->nmenus].path = xstrdup(row[1]);
		k->menus[k->nmenus].kind = kind;
		k->menus[k->nmenus].target = target;
		k->nmenus++;
	}
	mysql_free_result(res);
}

/* The person named name (made when new); *id gets its id. */
static enum err
person_get(struct k2 *k, struct arena *a, const char *name, int64_t *id,
    const char **slug)
{
	struct store_person p = { 0 };
	json_t *seen = NULL, *old = NULL, *have;
	enum err rc;

	if ((have = json_object_get(k->people, name)) != NULL) {
		*id = json_integer_value(json_array_get(have, 0));
		*slug = json_string_value(json_array_get(have, 1));
		return ERR_OK;
	}
	if ((rc = seen_get(k, "person", name, &seen)) != ERR_OK)
		return rc;
	p.id = seen != NULL ? json_integer_value(json_object_get(seen,
	    "local_id")) : 0;
	json_decref(seen);
	if (p.id != 0 && store_person_by_id(k->st, p.id, &old) == ERR_OK) {
		json_object_set_new(k->people, name, json_pack("[I,O]",
		    (json_int_t)p.id, json_object_get(old, "slug")));
		json_decref(old);
		report_count(&k->rep, "people", REPORT_UNCHANGED);
		return person_get(k, a, name, id, slug);
	}
	p.id = 0;
	p.name = name;
	p.bio = p.photo = p.affiliation = p.role = "";
	if ((rc = slug_new(k, a, 1, name, "author", &p.slug)) != ERR_OK ||
	    (rc = store_person_save(k->st, &p, &p.id)) != ERR_OK ||
	    (rc = seen_put(k, "person", name, p.id, "")) != ERR_OK)
		return rc;
	json_object_set_new(k->people, name, json_pack("[I,s]",
	    (json_int_t)p.id, p.slug));
	report_count(&k->rep, "people", REPORT_NEW);
	return person_get(k, a, name, id, slug);
}

/* The item's authors: its alias's names, else its user's name. */
static enum err
authors_get(struct k2 *k, struct arena *a, MYSQL_ROW row, int64_t *ids,
    size_t *n, json_t *names)
{
	char split[K2_NAMES_MAX][LIMIT_NAME + 1];
	const char *user, *slug;
	size_t i, m;
	int fixed = 0;
	enum err rc = ERR_OK;

	*n = 0;
	m = k2_names_split(text_fix(a, row[I_ALIAS_BY], 1, &fixed), split,
	    K2_NAMES_MAX);
	if (m == 0) {
		user = json_string_value(json_object_get(k->users,
		    row[I_CREATED_BY] != NULL ? row[I_CREATED_BY] : ""));
		if (user == NULL || *user == '\0') {
			report_note(&k->rep, "items", 0, "no author (its "
			    "Joomla user is gone)", row[I_ID]);
			return ERR_OK;
		}
		if ((rc = person_get(k, a, user, &ids[0], &slug)) != ERR_OK)
			return rc;
		json_array_append_new(names, json_string(user));
		*n = 1;
		if (json_object_get(k->user_seen, row[I_CREATED_BY]) ==
		    NULL) {
			json_object_set_new(k->user_seen, row[I_CREATED_BY],
			    json_true());
			rc = k2_addr_user(k, num(row[I_CREATED_BY]), user,
			    slug);
		}
		return rc;
	}
	for (i = 0; i < m && rc == ERR_OK; i++) {
		if ((rc = person_get(k, a, split[i], &ids[*n], &slug)) !=
		    ERR_OK)
			break;
		json_array_append_new(names, json_string(split[i]));
		(*n)++;
	}
	return rc;
}

/* Notes for what html_clean dropped from an item's body. */
static void
dropped_note(struct k2 *k, const struct html_clean_report *r,
    const char *id)
{
	char why[64];
	size_t i;

	for (i = 0; i < r->nnames; i++) {
		snprintf(why, sizeof(why), "<%s> dropped from a body",
		    r->names[i]);
		report_note(&k->rep, "items", 0, why, id);
	}
}

/* Clean HTML into b (NUL-terminated); notes for what was dropped. */
static enum err
clean(struct k2 *k, struct buf *b, const char *html, const char *id)
{
	struct html_clean_report r;
	enum err rc;

	buf_reset(b);
	if ((rc = html_clean(b, html, strlen(html), NULL, &r)) == ERR_OK)
		rc = buf_putc(b, '\0');
	if (rc == ERR_OK)
		dropped_note(k, &r, id);
	return rc;
}

/* A tag of Joomla's plugins ({loadposition x}, {gallery}...) in s? */
static int
plugin_tag(const char *s)
{
	const char *p, *e;

	for (p = s; (p = strchr(p, '{')) != NULL; p++) {
		e = p + 1 + strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_");
		if (e > p + 2 && (*e == '}' || *e == ' '))
			return 1;
	}
	return 0;
}

/*
 * The status of an item, its time and a note for the report: published
 * items whose publish_down has passed are drafts; a publish_up to come
 * makes them scheduled.
 */
static const char *
item_status(struct k2 *k, MYSQL_ROW row, const struct k2_cat *c,
    char at[TIME_ISO_LEN], const char **note)
{
	char up[TIME_ISO_LEN], down[TIME_ISO_LEN];
	int64_t t = 0;
	long access = num(row[I_ACCESS]);

	*note = NULL;
	if (!k2_datetime(row[I_UP], up))
		up[0] = '\0';
	if (!k2_datetime(row[I_CREATED], at))
		snprintf(at, TIME_ISO_LEN, "%s", up[0] != '\0' ? up :
		    k->now_iso);
	if (up[0] != '\0')
		snprintf(at, TIME_ISO_LEN, "%s", up);
	if (num(row[I_PUBLISHED]) != 1)
		return "draft";
	if (!c->published) {
		*note = "in an unpublished K2 category: kept as a draft";
		return "draft";
	}
	if (access != 1 && access != 5) {
		*note = "not public in Joomla (an access level): kept as a "
		    "draft";
		return "draft";
	}
	if (k2_datetime(row[I_DOWN], down) && time_parse_iso(down, &t) ==
	    ERR_OK && t <= k->now) {
		*note = "its publish_down has passed: kept as a draft";
		return "draft";
	}
	if (up[0] != '\0' && time_parse_iso(up, &t) == ERR_OK && t >
	    k->now)
		return "scheduled";
	return "published";
}

/* Everything one item becomes, and its digest. */
struct item {
	struct store_article_edit	 e;
	int64_t				 authors[K2_NAMES_MAX];
	const char			*tags[K2_TAGS_MAX];
	char				 at[TIME_ISO_LEN];
	char				*extra;		/* JSON, or NULL */
	char				 digest[33];
	const char			*note;
};

/* Map one item's row into it (from the arena a and the buffers). */
static enum err
item_map(struct k2 *k, struct arena *a, MYSQL_ROW row, const struct k2_cat *c,
    struct item *it, struct buf *body, struct buf *tmp)
{
	json_t *extra = NULL, *rec, *names = json_array(), *tags;
	const char *id = row[I_ID], *t, *title, *intro, *full;
	size_t undefined, n;
	int fixed = 0, simple;
	char *text;
	enum err rc;

	title = text_fix(a, row[I_TITLE], 1, &fixed);
	if (*title == '\0') {
		title = arena_printf(a, "K2 item %s", id);
		report_note(&k->rep, "items", 0, "no title: named K2 item N",
		    id);
	}
	n = strlen(title);
	if (n > 300) {	/* ARTICLE_TITLE_MAX: the editor's limit */
		n = 300;
		while (n > 0 && !utf8_valid(title, n))
			n--;
		title = arena_strndup(a, title, n);
		report_note(&k->rep, "items", 0, "title cut to 300 bytes",
		    id);
	}
	intro = text_fix(a, row[I_INTRO], 0, &fixed);
	full = text_fix(a, row[I_FULL], 0, &fixed);
	if (plugin_tag(intro) || plugin_tag(full))
		report_note(&k->rep, "items", 0, "Joomla plugin tag ({...}) "
		    "left as text", id);
	/*
	 * K2 shows the intro, then the full text.  A short intro of plain
	 * text becomes the dek; else the two are the body.
	 */
	it->e.dek = "";
	if (*full != '\0') {
		if ((rc = clean(k, body, intro, id)) != ERR_OK)
			goto out;
		buf_reset(tmp);
		if ((rc = k2_html_text(tmp, body->p, body->len - 1,
		    &simple)) != ERR_OK)
			goto out;
		if (simple && tmp->len > 0 && tmp->len <= K2_DEK_MAX) {
			it->e.dek = arena_strndup(a, tmp->p, tmp->len);
			intro = "";
		}
	}
	if ((rc = clean(k, body, arena_printf(a, "%s%s%s", intro,
	    *intro != '\0' && *full != '\0' ? "\n" : "", full), id)) !=
	    ERR_OK)
		goto out;
	it->e.title = title;
	it->e.body = body->p;
	it->e.body_format = "html";
	it->e.section_id = c->section_id;
	if ((rc = authors_get(k, a, row, it->authors, &it->e.nauthors,
	    names)) != ERR_OK)
		goto out;
	it->e.authors = it->authors;
	/* Tags, as GROUP_CONCAT joined them; each once. */
	tags = json_array();
	t = text_fix(a, row[I_TAGS], 0, &fixed);
	while (*t != '\0' && it->e.ntags < K2_TAGS_MAX) {
		size_t len = strcspn(t, K2_TAG_SEP), i;
		char *name = text_fix(a, arena_strndup(a, t, len), 1, &fixed);

		for (i = 0; i < it->e.ntags; i++)
			if (strcmp(it->tags[i], name) == 0)
				break;
		if (*name != '\0' && i == it->e.ntags) {
			it->tags[it->e.ntags++] = name;
			json_array_append_new(tags, json_string(name));
		}
		t += len + (t[len] != '\0');
	}
	it->e.tags = it->tags;
	/* Extra fields. */
	it->extra = NULL;
	if (row[I_EXTRA] != NULL && *row[I_EXTRA] != '\0' &&
	    strcmp(row[I_EXTRA], "[]") != 0) {
		if (k2_extra_map(&k->fields, row[I_EXTRA],
		    strlen(row[I_EXTRA]), &extra, &undefined) != ERR_OK)
			report_note(&k->rep, "items", 0, "extra fields not "
			    "readable (not JSON): left out", id);
		if (undefined > 0)
			report_note(&k->rep, "items", 0, "extra field value "
			    "without a definition: left out", id);
		if (json_object_size(extra) > 0)
			it->extra = arena_strdup(a, (text = json_dumps(extra,
			    JSON_COMPACT | JSON_PRESERVE_ORDER)));
		else
			text = NULL;
		free(text);
	}
	it->e.status = item_status(k, row, c, it->at, &it->note);
	it->e.published_at = it->at;
	if (fixed)
		report_note(&k->rep, "items", 0, "bytes that were not UTF-8 "
		    "replaced", id);
	rec = json_pack("{s:s, s:s, s:s, s:I, s:o, s:o, s:s?, s:s, s:s}",
	    "title", title, "dek", it->e.dek, "body", it->e.body, "section",
	    (json_int_t)c->section_id, "authors", names, "tags", tags,
	    "extra", it->extra, "status", it->e.status, "at", it->at);
	names = NULL;
	text = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
	digest_of(text != NULL ? text : "", it->digest);
	free(text);
	json_decref(rec);
out:
	json_decref(names);
	json_decref(extra);
	return rc;
}

/* One item's row: skipped, or new, changed or unchanged. */
static enum err
item_import(struct k2 *k, MYSQL_ROW row)
{
	struct arena *a = arena_new();
	struct item it;
	struct buf body, tmp;
	struct k2_cat *c;
	json_t *seen = NULL, *old = NULL;
	const char *id = row[I_ID] != NULL ? row[I_ID] : "";
	int64_t art = 0, version = 0, reads = 0;
	int fixed = 0, unchanged = 0;
	long long hits = 0;
	enum err rc = ERR_OK;

	memset(&it, 0, sizeof(it));
	buf_init(&body, LIMIT_BODY_MD * 4);
	buf_init(&tmp, LIMIT_BODY_MD * 4);
	if (num(row[I_TRASH]) != 0) {
		report_note(&k->rep, "items", 1, "in K2's trash",
		    text_fix(a, row[I_TITLE], 1, &fixed));
		goto out;
	}
	if ((c = k2_cat_get(k, num(row[I_CATID]))) == NULL ||
	    c->section_id == 0) {
		report_note(&k->rep, "items", 1, c == NULL ? "its K2 category "
		    "does not exist" : "its K2 category is in the trash",
		    text_fix(a, row[I_TITLE], 1, &fixed));
		goto out;
	}
	if ((rc = item_map(k, a, row, c, &it, &body, &tmp)) != ERR_OK ||
	    (rc = seen_get(k, "item", id, &seen)) != ERR_OK)
		goto out;
	if (seen != NULL) {
		art = json_integer_value(json_object_get(seen, "local_id"));
		if (store_article_edit_get(k->st, art, &old) != ERR_OK) {
			report_note(&k->rep, "items", 1, "deleted here since "
			    "it was imported", it.e.title);
			goto out;
		}
		unchanged = strcmp(json_string_value(json_object_get(seen,
		    "digest")), it.digest) == 0;
		version = json_integer_value(json_object_get(old,
		    "version"));
		reads = json_integer_value(json_object_get(old, "reads"));
	}
	if (!unchanged) {
		it.e.id = art;
		it.e.version = version;
		if (old != NULL)
			it.e.slug = json_string_value(json_object_get(old,
			    "slug"));
		else if ((rc = slug_new(k, a, 0, row[I_ALIAS] != NULL &&
		    utf8_valid(row[I_ALIAS], strlen(row[I_ALIAS])) ?
		    row[I_ALIAS] : "", it.e.title, &it.e.slug)) != ERR_OK)
			goto out;
		it.e.now = k->now_iso;
		it.e.who = "octavo import k2";
		it.e.note = "imported from K2";
		if ((rc = store_article_save(k->st, &it.e, &art, &version)) !=
		    ERR_OK || (rc = store_article_extra_set(k->st, art,
		    it.extra, NULL)) != ERR_OK || (rc = seen_put(k, "item",
		    id, art, it.digest)) != ERR_OK)
			goto out;
		if (it.note != NULL)
			report_note(&k->rep, "items", 0, it.note, it.e.title);
	}
	report_count(&k->rep, "items", unchanged ? REPORT_UNCHANGED : old !=
	    NULL ? REPORT_CHANGED : REPORT_NEW);
	/* K2's hits: the read count, never lowered by a second run. */
	if (row[I_HITS] != NULL && str_to_ll(row[I_HITS], 0, INT64_MAX,
	    &hits) == ERR_OK && hits > reads && (rc =
	    store_article_reads_set(k->st, art, hits)) != ERR_OK)
		goto out;
	k->redirect_new = old == NULL;
	rc = k2_addr_item(k, art, num(row[I_ID]), row[I_ALIAS] != NULL ?
	    row[I_ALIAS] : "", c->id);
out:
	if (rc != ERR_OK)
		fprintf(stderr, "octavo import k2: item %s: %s\n", id,
		    err_str(rc));
	json_decref(seen);
	json_decref(old);
	buf_free(&body);
	buf_free(&tmp);
	arena_free(a);
	return rc;
}

/* How many rows a query counts, for the progress line. */
static int64_t
count_of(struct k2 *k, const char *tmpl)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	int64_t n = 0;

	if ((res = k2_rows(k, tmpl, 0)) == NULL)
		return -1;
	if ((row = mysql_fetch_row(res)) != NULL)
		n = num(row[0]);
	mysql_free_result(res);
	return n;
}

/* Stream the rows of tmpl through fn, K2_BATCH a transaction. */
static enum err
stream(struct k2 *k, const char *what, const char *count_sql,
    const char *tmpl, enum err (*fn)(struct k2 *, MYSQL_ROW))
{
	struct progress pg;
	MYSQL_RES *res;
	MYSQL_ROW row;
	int64_t total, done = 0;
	enum err rc = ERR_OK;
	int open = 0;

	if ((total = count_of(k, count_sql)) < 0)
		return ERR_NOTFOUND;
	if ((res = k2_rows(k, tmpl, 1)) == NULL)
		return ERR_NOTFOUND;
	progress_begin(&pg, stderr, what, total);
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (!open && (rc = store_begin(k->st)) != ERR_OK)
			break;
		open = 1;
		if ((rc = fn(k, row)) != ERR_OK)
			break;
		progress_set(&pg, ++done);
		if (done % K2_BATCH == 0) {
			open = 0;
			if ((rc = store_commit(k->st)) != ERR_OK)
				break;
		}
	}
	if (rc == ERR_OK && k2_rows_failed(k))
		rc = ERR_IO;
	if (rc == ERR_OK && open)
		rc = store_commit(k->st);
	else if (rc != ERR_OK) {
		store_rollback(k->st);
		/* The rest of the rows, so that the connection is usable. */
		while (mysql_fetch_row(res) != NULL)
			;
	}
	mysql_free_result(res);
	progress_end(&pg);
	return rc;
}

/* One comment: kept hidden, or skipped when its item was not imported. */
static enum err
comment_import(struct k2 *k, MYSQL_ROW row)
{
	struct store_comment c = { 0 };
	struct arena *a = arena_new();
	json_t *seen = NULL, *item = NULL, *rec;
	char at[TIME_ISO_LEN], dg[33], *text;
	int64_t id = 0;
	int fixed = 0;
	enum err rc;

	if ((rc = seen_get(k, "item", row[1] != NULL ? row[1] : "", &item)) !=
	    ERR_OK)
		goto out;
	if (item == NULL) {
		report_note(&k->rep, "comments", 1, "its item was not "
		    "imported", row[0]);
		goto out;
	}
	c.article_id = json_integer_value(json_object_get(item, "local_id"));
	c.author_name = text_fix(a, row[3], 1, &fixed);
	c.author_email = text_fix(a, row[6], 1, &fixed);
	c.author_url = text_fix(a, row[7], 1, &fixed);
	c.body = text_fix(a, row[5], 0, &fixed);
	if (!k2_datetime(row[4], at))
		snprintf(at, sizeof(at), "%s", k->now_iso);
	c.created_at = at;
	c.status = num(row[8]) == 1 ? "approved" : "pending";
	c.origin = K2_ORIGIN;
	rec = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "article",
	    (json_int_t)c.article_id, "name", c.author_name, "email",
	    c.author_email, "url", c.author_url, "body", c.body, "at", at,
	    "status", c.status);
	text = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
	digest_of(text, dg);
	free(text);
	json_decref(rec);
	if ((rc = seen_get(k, "comment", row[0], &seen)) != ERR_OK)
		goto out;
	if (seen != NULL && strcmp(json_string_value(json_object_get(seen,
	    "digest")), dg) == 0) {
		report_count(&k->rep, "comments", REPORT_UNCHANGED);
		goto out;
	}
	id = seen != NULL ? json_integer_value(json_object_get(seen,
	    "local_id")) : 0;
	if ((rc = store_comment_put(k->st, &c, &id)) != ERR_OK ||
	    (rc = seen_put(k, "comment", row[0], id, dg)) != ERR_OK)
		goto out;
	report_count(&k->rep, "comments", seen != NULL ? REPORT_CHANGED :
	    REPORT_NEW);
out:
	json_decref(seen);
	json_decref(item);
	arena_free(a);
	return rc;
}

/* The tags' pages' old addresses (the tags are made with the items). */
static enum err
tags_addr(struct k2 *k, MYSQL_ROW row)
{
	struct arena *a = arena_new();
	int fixed = 0;
	enum err rc;

	k->redirect_new = 1;
	rc = k2_addr_tag(k, text_fix(a, row[0], 1, &fixed));
	arena_free(a);
	return rc;
}

enum err
k2_import(struct k2 *k)
{
	enum err rc;

	k->people = json_object();
	k->user_seen = json_object();
	time_iso(k->now, TIME_ISO_SECONDS, k->now_iso);
	if (mysql_set_character_set(k->db, "utf8mb4") != 0 &&
	    mysql_set_character_set(k->db, "utf8") != 0) {
		fprintf(stderr, "octavo import k2: the server speaks no "
		    "UTF-8: %s\n", mysql_error(k->db));
		return ERR_IO;
	}
	/* Tags come joined; a slow write must not end the stream. */
	if ((rc = k2_query(k, "SET SESSION group_concat_max_len = 1048576,"
	    " net_write_timeout = 3600, time_zone = '+00:00'")) != ERR_OK)
		return rc;
	/* Every table is looked at before anything is written. */
	if ((rc = k2_query(k, "SELECT 1 FROM `#__k2_items`,"
	    " `#__k2_categories`, `#__k2_tags`, `#__k2_tags_xref`,"
	    " `#__k2_comments`, `#__k2_extra_fields`, `#__users`"
	    " LIMIT 0")) != ERR_OK)
		return rc;
	mysql_free_result(mysql_store_result(k->db));
	if ((rc = fields_read(k)) != ERR_OK || (rc = users_read(k)) !=
	    ERR_OK)
		return rc;
	menus_read(k);
	if ((rc = categories_read(k)) != ERR_OK)
		return rc;
	if ((rc = stream(k, "items", "SELECT count(*) FROM `#__k2_items`",
	    "SELECT i.id, i.title, i.alias, i.catid, i.published, i.trash,"
	    " i.introtext, i.`fulltext`, i.extra_fields, i.created,"
	    " i.created_by, i.created_by_alias, i.publish_up,"
	    " i.publish_down, i.hits, i.access,"
	    " (SELECT GROUP_CONCAT(t.name ORDER BY x.id SEPARATOR '"
	    K2_TAG_SEP "') FROM `#__k2_tags_xref` x JOIN `#__k2_tags` t"
	    " ON t.id = x.tagID WHERE x.itemID = i.id)"
	    " FROM `#__k2_items` i ORDER BY i.id", item_import)) != ERR_OK)
		return rc;
	if ((rc = stream(k, "comments", "SELECT count(*) FROM"
	    " `#__k2_comments`", "SELECT id, itemID, userID, userName,"
	    " commentDate, commentText, commentEmail, commentURL, published"
	    " FROM `#__k2_comments` ORDER BY id", comment_import)) != ERR_OK)
		return rc;
	return stream(k, "tags", "SELECT count(*) FROM `#__k2_tags` t WHERE"
	    " EXISTS (SELECT 1 FROM `#__k2_tags_xref` x WHERE x.tagID = t.id)",
	    "SELECT t.name FROM `#__k2_tags` t WHERE EXISTS (SELECT 1 FROM"
	    " `#__k2_tags_xref` x WHERE x.tagID = t.id) ORDER BY t.id",
	    tags_addr);
}
