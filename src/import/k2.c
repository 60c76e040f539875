/*
 * k2: a Joomla site's K2 content read from its live MariaDB or MySQL
 * database (k2_item.c writes each row into Octavo).  The small tables
 * (categories, extra field definitions, the authors' user names, K2's
 * menu items) are read whole first; items and comments are streamed
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
#include <string.h>

#include "k2.h"
#include "site/site.h"

#define K2_BATCH	200	/* rows a transaction */

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

long
k2_num(const char *s)
{
	long long v;

	return s != NULL && str_to_ll(s, INT32_MIN, INT32_MAX, &v) ==
	    ERR_OK ? (long)v : 0;
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
	k2_digest(text, dg);
	free(text);
	json_decref(rec);
	if ((rc = k2_seen_get(k, "category", id, &seen)) != ERR_OK)
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
	else if ((rc = k2_slug_new(k, a, STORE_SLUG_SECTION, c->alias,
	    c->name, &sec.slug)) != ERR_OK)
		goto out;
	if ((rc = store_section_save(k->st, &sec, &sec.id)) != ERR_OK ||
	    (rc = k2_seen_put(k, "category", id, sec.id, dg)) != ERR_OK)
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
		c->id = k2_num(row[0]);
		c->name = xstrdup(k2_text_fix(a, row[1], 1, &fixed));
		c->alias = xstrdup(k2_text_fix(a, row[2], 1, &fixed));
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
		c->parent = k2_num(row[4]);
		c->published = k2_num(row[5]) == 1;
		c->trash = k2_num(row[6]) != 0;
		c->ordering = k2_num(row[7]);
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
		k2_fields_add(&k->fields, k2_num(row[0]), row[1], row[2],
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
		const char *name = k2_text_fix(a, row[1], 1, &fixed);

		if (*name == '\0')
			name = k2_text_fix(a, row[2], 1, &fixed);
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
		k->menus[k->nmenus].id = k2_num(row[0]);
		k->menus[k->nmenus].path = xstrdup(row[1]);
		k->menus[k->nmenus].kind = kind;
		k->menus[k->nmenus].target = target;
		k->nmenus++;
	}
	mysql_free_result(res);
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
		n = k2_num(row[0]);
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

/* The tags' pages' old addresses (the tags are made with the items). */
static enum err
tags_addr(struct k2 *k, MYSQL_ROW row)
{
	struct arena *a = arena_new();
	int fixed = 0;
	enum err rc;

	k->redirect_new = 1;
	rc = k2_addr_tag(k, k2_text_fix(a, row[0], 1, &fixed));
	arena_free(a);
	return rc;
}

enum err
k2_import(struct k2 *k)
{
	enum err rc;

	k->people = json_object();
	k->user_seen = json_object();
	k->gone = json_object();
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
	    " FROM `#__k2_items` i ORDER BY i.id", k2_item_import)) != ERR_OK)
		return rc;
	if ((rc = stream(k, "comments", "SELECT count(*) FROM"
	    " `#__k2_comments`", "SELECT id, itemID, userID, userName,"
	    " commentDate, commentText, commentEmail, commentURL, published"
	    " FROM `#__k2_comments` ORDER BY id", k2_comment_import)) != ERR_OK)
		return rc;
	return stream(k, "tags", "SELECT count(*) FROM `#__k2_tags` t WHERE"
	    " EXISTS (SELECT 1 FROM `#__k2_tags_xref` x WHERE x.tagID = t.id)",
	    "SELECT t.name FROM `#__k2_tags` t WHERE EXISTS (SELECT 1 FROM"
	    " `#__k2_tags_xref` x WHERE x.tagID = t.id) ORDER BY t.id",
	    tags_addr);
}
