/*
 * sqlite_content: the back office's items in SQLite: publications, their
 * types, partner links and events, each listed (searched, filtered, a
 * page at a time), read, saved, deleted and, for links and types, put
 * in order.  Each kind's SQL is one row of the table below.
 *
 * A save is all or nothing: its row and, for a publication, its authors
 * (deleted and written again in order) under one savepoint, inside the
 * caller's transaction if it has one.  Orders are kept as positions 1 to
 * n, rewritten whole when an item moves (lists of links and types are
 * short), so that equal positions left by an import cannot make a move
 * do nothing.
 */
#include <string.h>

#include "store_int.h"

/* Search: an ASCII-case-insensitive "contains", without LIKE's escapes. */
#define HAS(col)	" (?3 IS NULL OR instr(lower(" col "), lower(?3)) > 0)"
#define PAGE		" LIMIT ?1 OFFSET ?2"

#define PUB_COLS \
	"SELECT p.id, t.slug AS \"type.slug\", t.name AS \"type.name\"," \
	" p.title, p.venue, p.date, p.url, p.cover, p.summary," \
	" w.slug AS \"authors[].slug\", w.name AS \"authors[].name\""
#define PUB_JOIN \
	" JOIN pub_types t ON t.id = p.type_id" \
	" LEFT JOIN publication_authors l ON l.publication_id = p.id" \
	" LEFT JOIN people w ON w.id = l.person_id"
#define PUB_WHERE \
	" FROM publications p JOIN pub_types t ON t.id = p.type_id WHERE" \
	HAS("p.title") " AND (?4 IS NULL OR t.slug = ?4)"
#define TYPE_COLS \
	"SELECT t.id, t.slug, t.name, t.position, (SELECT count(*)" \
	" FROM publications p WHERE p.type_id = t.id) AS uses FROM pub_types t"
#define LINK_COLS \
	"SELECT id, name, url, description, position FROM links"
#define EVENT_COLS \
	"SELECT id, title, starts_at, ends_at, tz, place, description, url" \
	" FROM events"

struct item_sql {
	const char	*list;		/* ?1 limit, ?2 offset, ?3 search... */
	const char	*count;		/* the same filters */
	const char	*get;		/* ?1 id */
	const char	*insert;	/* :fields */
	const char	*update;	/* :id, :fields (a ?1 after a :name
					   would be the name's number) */
	const char	*del;		/* ?1 id */
	const char	*exists;	/* ?1 id: 1 row if there is one */
	const char	*order;		/* ids in order; NULL: not ordered */
	const char	*place;		/* ?1 id, ?2 position */
	const char	*authors_del;	/* ?1 id */
	const char	*authors_add;	/* ?1 id, ?2 slug, ?3 position */
};

static const struct item_sql items[STORE_KIND__MAX] = {
	[STORE_PUBLICATION] = {
		.list = PUB_COLS " FROM (SELECT p.id" PUB_WHERE
		    " ORDER BY p.date DESC, p.id DESC" PAGE ") k"
		    " JOIN publications p ON p.id = k.id" PUB_JOIN
		    " ORDER BY p.date DESC, p.id DESC, l.position",
		.count = "SELECT count(*)" PUB_WHERE,
		.get = PUB_COLS " FROM publications p" PUB_JOIN
		    " WHERE p.id = ?1 ORDER BY l.position",
		.insert = "INSERT INTO publications (type_id, title, venue,"
		    " date, url, cover, summary) VALUES ((SELECT id"
		    " FROM pub_types WHERE slug = :type), :title, :venue,"
		    " :date, :url, :cover, :summary)",
		.update = "UPDATE publications SET type_id = (SELECT id"
		    " FROM pub_types WHERE slug = :type), title = :title,"
		    " venue = :venue, date = :date, url = :url,"
		    " cover = :cover, summary = :summary WHERE id = :id",
		.del = "DELETE FROM publications WHERE id = ?1",
		.exists = "SELECT 1 FROM publications WHERE id = ?1",
		.authors_del = "DELETE FROM publication_authors"
		    " WHERE publication_id = ?1",
		.authors_add = "INSERT INTO publication_authors"
		    " (publication_id, person_id, position) VALUES (?1,"
		    " (SELECT id FROM people WHERE slug = ?2), ?3)",
	},
	[STORE_PUB_TYPE] = {
		.list = TYPE_COLS " WHERE" HAS("t.name")
		    " ORDER BY t.position, t.name, t.id" PAGE,
		.count = "SELECT count(*) FROM pub_types t WHERE" HAS("t.name"),
		.get = TYPE_COLS " WHERE t.id = ?1",
		.insert = "INSERT INTO pub_types (slug, name, position)"
		    " VALUES (:slug, :name, (SELECT coalesce(max(position),"
		    " 0) + 1 FROM pub_types))",
		.update = "UPDATE pub_types SET slug = :slug, name = :name"
		    " WHERE id = :id",
		/* A type in use stays: the refusal is the caller's to say. */
		.del = "DELETE FROM pub_types WHERE id = ?1 AND NOT EXISTS"
		    " (SELECT 1 FROM publications WHERE type_id = ?1)",
		.exists = "SELECT 1 FROM pub_types WHERE id = ?1",
		.order = "SELECT id FROM pub_types ORDER BY position, name, id",
		.place = "UPDATE pub_types SET position = ?2 WHERE id = ?1",
	},
	[STORE_LINK] = {
		.list = LINK_COLS " WHERE" HAS("name")
		    " ORDER BY position, id" PAGE,
		.count = "SELECT count(*) FROM links WHERE" HAS("name"),
		.get = LINK_COLS " WHERE id = ?1",
		.insert = "INSERT INTO links (name, url, description, position)"
		    " VALUES (:name, :url, :description, (SELECT"
		    " coalesce(max(position), 0) + 1 FROM links))",
		.update = "UPDATE links SET name = :name, url = :url,"
		    " description = :description WHERE id = :id",
		.del = "DELETE FROM links WHERE id = ?1",
		.exists = "SELECT 1 FROM links WHERE id = ?1",
		.order = "SELECT id FROM links ORDER BY position, id",
		.place = "UPDATE links SET position = ?2 WHERE id = ?1",
	},
	[STORE_EVENT] = {
		/* Upcoming first, soonest first; then past, latest first. */
		.list = EVENT_COLS " WHERE" HAS("title")
		    " ORDER BY starts_at < ?4,"
		    " CASE WHEN starts_at >= ?4 THEN starts_at END,"
		    " starts_at DESC, id" PAGE,
		.count = "SELECT count(*) FROM events WHERE" HAS("title"),
		.get = EVENT_COLS " WHERE id = ?1",
		.insert = "INSERT INTO events (title, starts_at, ends_at,"
		    " place, description, url, tz) VALUES (:title, :starts_at,"
		    " :ends_at, :place, :description, :url, :tz)",
		.update = "UPDATE events SET title = :title,"
		    " starts_at = :starts_at, ends_at = :ends_at,"
		    " place = :place, description = :description, url = :url,"
		    " tz = :tz WHERE id = :id",
		.del = "DELETE FROM events WHERE id = ?1",
		.exists = "SELECT 1 FROM events WHERE id = ?1",
	},
};

static const char SAVEPOINT[] = "SAVEPOINT item";
static const char SAVEPOINT_UNDO[] = "ROLLBACK TO item";
static const char SAVEPOINT_RELEASE[] = "RELEASE item";

/* The SQL of kind k, or NULL for a kind that is not an item. */
static const struct item_sql *
item_sql(enum store_kind k)
{
	if ((unsigned)k >= STORE_KIND__MAX || items[k].list == NULL)
		return NULL;
	return &items[k];
}

static void
bind_query(sqlite3_stmt *st, enum store_kind k,
    const struct store_item_query *q, int page)
{
	char iso[TIME_ISO_LEN];

	if (page) {
		sqlite3_bind_int64(st, 1, q->limit > 0 ? q->limit : -1);
		sqlite3_bind_int64(st, 2, q->offset);
	}
	if (q->search != NULL && *q->search != '\0')
		sqlite3_bind_text(st, 3, q->search, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) < 4)
		return;
	if (k == STORE_PUBLICATION && q->type != NULL && *q->type != '\0')
		sqlite3_bind_text(st, 4, q->type, -1, SQLITE_STATIC);
	if (k == STORE_EVENT) {
		time_iso(q->now, TIME_ISO_SECONDS, iso);
		sqlite3_bind_text(st, 4, iso, -1, SQLITE_TRANSIENT);
	}
}

enum err
sqlite_item_list(void *p, enum store_kind k,
    const struct store_item_query *q, json_t **out, long *total)
{
	const struct item_sql *x = item_sql(k);
	sqlite3_stmt *st = NULL;
	long n;
	enum err e;

	*out = NULL;
	if (x == NULL)
		return ERR_INVAL;
	if ((e = sqlite_stmt(p, x->count, &st)) != ERR_OK)
		return e;
	bind_query(st, k, q, 0);
	if ((e = sqlite_count(p, st, total != NULL ? total : &n)) != ERR_OK ||
	    (e = sqlite_stmt(p, x->list, &st)) != ERR_OK)
		return e;
	bind_query(st, k, q, 1);
	return sqlite_rows(p, st, 0, out);
}

enum err
sqlite_item_get(void *p, enum store_kind k, int64_t id, json_t **out)
{
	const struct item_sql *x = item_sql(k);
	sqlite3_stmt *st = NULL;
	enum err e;

	if (x == NULL)
		return ERR_INVAL;
	if ((e = sqlite_stmt(p, x->get, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	return sqlite_rows(p, st, 1, out);
}

/* Run text with ?1 id (and ?2 num, ?3 more when text has them). */
static enum err
item_run(void *p, const char *text, int64_t id, const char *s2,
    int64_t n3)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(p, text, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_text(st, 2, s2, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, n3);
	return sqlite_run(p, st, text);
}

static enum err
item_exists(void *p, const struct item_sql *x, int64_t id)
{
	json_t *row = NULL;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(p, x->exists, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	e = sqlite_rows(p, st, 1, &row);
	json_decref(row);
	return e;
}

static enum err
save_one(void *p, const struct item_sql *x, int64_t id,
    const struct store_value *v, size_t n, int64_t *out)
{
	const struct store_value *authors;
	sqlite3_stmt *st = NULL;
	int64_t i;
	enum err e;

	if ((e = sqlite_stmt(p, id > 0 ? x->update : x->insert, &st)) !=
	    ERR_OK)
		return e;
	sqlite_bind_values(st, v, n);
	if (id > 0)
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":id"),
		    id);
	if ((e = sqlite_run(p, st, "item")) != ERR_OK)
		return e;
	if (id > 0 && sqlite_changes(p) == 0)
		return ERR_NOTFOUND;
	if (id == 0)
		id = sqlite_last_id(p);
	*out = id;
	if (x->authors_del == NULL)
		return ERR_OK;
	if ((e = item_run(p, x->authors_del, id, NULL, 0)) != ERR_OK)
		return e;
	authors = store_value_get(v, n, "authors");
	for (i = 0; authors != NULL && authors->type == STORE_LIST &&
	    i < authors->num; i++)
		if ((e = item_run(p, x->authors_add, id, authors->items[i],
		    i + 1)) != ERR_OK)
			return e;
	return ERR_OK;
}

/* Run text, a savepoint's statement. */
static enum err
savepoint(void *p, const char *text)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sqlite_stmt(p, text, &st)) != ERR_OK)
		return e;
	return sqlite_run(p, st, text);
}

enum err
sqlite_item_save(void *p, enum store_kind k, int64_t id,
    const struct store_value *v, size_t n, int64_t *out)
{
	const struct item_sql *x = item_sql(k);
	enum err e;

	if (x == NULL)
		return ERR_INVAL;
	if ((e = savepoint(p, SAVEPOINT)) != ERR_OK)
		return e;
	if ((e = save_one(p, x, id, v, n, out)) != ERR_OK) {
		savepoint(p, SAVEPOINT_UNDO);
		savepoint(p, SAVEPOINT_RELEASE);
		return e;
	}
	return savepoint(p, SAVEPOINT_RELEASE);
}

enum err
sqlite_item_delete(void *p, enum store_kind k, int64_t id)
{
	const struct item_sql *x = item_sql(k);
	enum err e;

	if (x == NULL)
		return ERR_INVAL;
	if ((e = item_run(p, x->del, id, NULL, 0)) != ERR_OK)
		return e;
	if (sqlite_changes(p) > 0)
		return ERR_OK;
	/* Nothing deleted: there was none, or it is in use. */
	if ((e = item_exists(p, x, id)) != ERR_OK)
		return e;
	return ERR_CONFLICT;
}

enum err
sqlite_item_move(void *p, enum store_kind k, int64_t id, long to)
{
	const struct item_sql *x = item_sql(k);
	json_t *ids = NULL, *it;
	sqlite3_stmt *st = NULL;
	size_t i, n, at;
	int64_t pos;
	enum err e;

	if (x == NULL || x->order == NULL)
		return ERR_INVAL;
	if ((e = sqlite_stmt(p, x->order, &st)) != ERR_OK ||
	    (e = sqlite_rows(p, st, 0, &ids)) != ERR_OK)
		return e;
	n = json_array_size(ids);
	for (at = 0; at < n; at++)
		if (json_integer_value(json_object_get(json_array_get(ids,
		    at), "id")) == id)
			break;
	if (at == n) {
		json_decref(ids);
		return ERR_NOTFOUND;
	}
	it = json_incref(json_array_get(ids, at));
	json_array_remove(ids, at);
	json_array_insert_new(ids, to < 0 ? 0 : (size_t)to >= n ? n - 1 :
	    (size_t)to, it);
	if ((e = savepoint(p, SAVEPOINT)) != ERR_OK)
		goto out;
	for (i = 0, pos = 1; i < n && e == ERR_OK; i++, pos++) {
		if ((e = sqlite_stmt(p, x->place, &st)) != ERR_OK)
			break;
		sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(
		    json_array_get(ids, i), "id")));
		sqlite3_bind_int64(st, 2, pos);
		e = sqlite_run(p, st, x->place);
	}
	if (e != ERR_OK)
		savepoint(p, SAVEPOINT_UNDO);
	savepoint(p, SAVEPOINT_RELEASE);
out:
	json_decref(ids);
	return e;
}
