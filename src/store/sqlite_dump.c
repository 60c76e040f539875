/*
 * sqlite_dump: the whole journal as lists of records, for "octavo
 * export json" and "octavo import json" (docs/export-format.md).  Each
 * list is one SELECT, in the order a load must read it back (what a
 * record points at comes first), its rows ordered by their keys, so
 * that the same database always gives the same records; and the
 * statements that put one record back, with :named parameters that
 * are the record's fields.  A column named "x:json" holds JSON text
 * (an article's authors, in order, as person ids) and becomes field x
 * as JSON.  A record is loaded with its ids, so a journal exported,
 * loaded into an empty database and exported again gives the same
 * records.
 *
 * Left out on purpose: sessions, API tokens, the secrets, users'
 * password hashes (a loaded user has none, and signs in after "octavo
 * user passwd"), the audit log, the mail queue, sign-up attempts,
 * and the tables triggers derive (counts, author_articles,
 * tag_articles, country_articles, the search index).
 */
#include <sqlite3.h>
#include <string.h>

#include "store_int.h"

#define DUMP_LOADS	8

struct dump_list {
	const char	*name;
	const char	*table;		/* has it rows? (an empty database) */
	const char	*children;	/* tables its records carry too */
	const char	*select;
	const char	*load[DUMP_LOADS];	/* NULL-terminated */
};

/*
 * The fields a list gained after format 1 was first written: an older
 * file lacks them, and they are loaded as NULL (not known).
 */
static const struct {
	const char	*list;
	const char	*fields;	/* space-separated */
} added_later[] = {
	{ "revisions", "correction correction_kind correction_date" },
};

static const struct dump_list lists[] = {
	{ "settings", "settings", NULL, "SELECT key, value FROM settings"
	    " ORDER BY key",
	    { "INSERT INTO settings (key, value) VALUES (:key, :value)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value" } },
	{ "sections", "sections", NULL, "SELECT id, slug, name, description,"
	    " position FROM sections ORDER BY id",
	    { "INSERT INTO sections (id, slug, name, description, position)"
	    " VALUES (:id, :slug, :name, :description, :position)" } },
	{ "issues", "issues", NULL, "SELECT id, number, volume, date, title,"
	    " status, note, cover FROM issues ORDER BY id",
	    { "INSERT INTO issues (id, number, volume, date, title, status,"
	    " note, cover) VALUES (:id, :number, :volume, :date, :title,"
	    " :status, :note, :cover)" } },
	{ "people", "people", NULL, "SELECT id, slug, name, role, bio,"
	    " affiliation, photo, staff FROM people ORDER BY id",
	    { "INSERT INTO people (id, slug, name, role, bio, affiliation,"
	    " photo, staff) VALUES (:id, :slug, :name, :role, :bio,"
	    " :affiliation, :photo, :staff)" } },
	{ "users", "users", NULL,
	    "SELECT id, email, role, disabled, created_at,"
	    " signed_in_at FROM users ORDER BY id",
	    { "INSERT INTO users (id, email, role, password, disabled,"
	    " created_at, signed_in_at) VALUES (:id, :email, :role, '',"
	    " :disabled, :created_at, :signed_in_at)" } },
	{ "tags", "tags", NULL, "SELECT id, slug, name FROM tags ORDER BY id",
	    { "INSERT INTO tags (id, slug, name) VALUES (:id, :slug,"
	    " :name)" } },
	/* Every database has the ISO list (migration 9): not "content". */
	{ "countries", NULL, NULL, "SELECT code, name FROM countries"
	    " ORDER BY code",
	    { "INSERT INTO countries (code, name) VALUES (:code, :name)"
	    " ON CONFLICT (code) DO UPDATE SET name = excluded.name" } },
	{ "pub_types", "pub_types", NULL, "SELECT id, slug, name, position"
	    " FROM pub_types ORDER BY id",
	    { "INSERT INTO pub_types (id, slug, name, position) VALUES"
	    " (:id, :slug, :name, :position)" } },
	{ "publications", "publications", "publication_authors",
	    "SELECT p.id, p.type_id,"
	    " p.title, p.venue, p.date, p.url, p.cover, p.summary,"
	    " (SELECT json_group_array(person_id) FROM (SELECT person_id"
	    " FROM publication_authors WHERE publication_id = p.id"
	    " ORDER BY position)) AS \"authors:json\""
	    " FROM publications p ORDER BY p.id",
	    { "INSERT INTO publications (id, type_id, title, venue, date,"
	    " url, cover, summary) VALUES (:id, :type_id, :title, :venue,"
	    " :date, :url, :cover, :summary)",
	    "INSERT INTO publication_authors (publication_id, person_id,"
	    " position) SELECT :id, value, key FROM json_each(:authors)" } },
	{ "articles", "articles", "article_bodies article_authors"
	    " article_tags article_countries article_reads article_slugs",
	    "SELECT a.id, a.slug, a.title, a.dek,"
	    " a.section_id, a.issue_id, a.position, a.status,"
	    " a.published_at, a.updated_at, a.created_by, a.version,"
	    " a.correction, a.correction_kind, a.correction_date,"
	    " a.extra AS \"extra:json\", b.body, b.format AS body_format,"
	    " (SELECT json_group_array(person_id) FROM (SELECT person_id"
	    " FROM article_authors WHERE article_id = a.id"
	    " ORDER BY position)) AS \"authors:json\","
	    " (SELECT json_group_array(tag_id) FROM (SELECT tag_id"
	    " FROM article_tags WHERE article_id = a.id"
	    " ORDER BY position, tag_id)) AS \"tags:json\","
	    " (SELECT json_group_array(code) FROM (SELECT code"
	    " FROM article_countries WHERE article_id = a.id"
	    " ORDER BY code)) AS \"countries:json\","
	    " coalesce(r.reads, 0) AS reads,"
	    " (SELECT json_group_array(slug) FROM (SELECT slug"
	    " FROM article_slugs WHERE article_id = a.id"
	    " ORDER BY slug)) AS \"old_slugs:json\""
	    " FROM articles a"
	    " LEFT JOIN article_bodies b ON b.article_id = a.id"
	    " LEFT JOIN article_reads r ON r.article_id = a.id"
	    " ORDER BY a.id",
	    { "INSERT INTO articles (id, slug, title, dek, section_id,"
	    " issue_id, position, status, published_at, updated_at,"
	    " created_by, version, correction, correction_kind,"
	    " correction_date, extra) VALUES (:id, :slug, :title, :dek,"
	    " :section_id, :issue_id, :position, :status, :published_at,"
	    " :updated_at, :created_by, :version, :correction,"
	    " :correction_kind, :correction_date, :extra)",
	    "INSERT INTO article_bodies (article_id, body, format, text)"
	    " SELECT :id, :body, :body_format, octavo_body_text(:body,"
	    " :body_format) WHERE :body IS NOT NULL",
	    "INSERT INTO article_authors (article_id, person_id, position)"
	    " SELECT :id, value, key FROM json_each(:authors)",
	    "INSERT INTO article_tags (article_id, tag_id, position)"
	    " SELECT :id, value, key FROM json_each(:tags)",
	    "INSERT INTO article_countries (article_id, code)"
	    " SELECT :id, value FROM json_each(:countries)",
	    "INSERT INTO article_reads (article_id, reads)"
	    " SELECT :id, :reads WHERE :reads > 0",
	    "INSERT INTO article_slugs (slug, article_id)"
	    " SELECT value, :id FROM json_each(:old_slugs)" } },
	{ "reads_daily", "reads_daily", NULL, "SELECT article_id, day, reads"
	    " FROM reads_daily ORDER BY article_id, day",
	    { "INSERT INTO reads_daily (article_id, day, reads) VALUES"
	    " (:article_id, :day, :reads)" } },
	{ "revisions", "revisions", NULL, "SELECT id, article_id, version,"
	    " saved_at, user_id, who, note, title, dek, body, slug,"
	    " section_id, issue_id, authors, tags, countries, status,"
	    " published_at, correction, correction_kind, correction_date"
	    " FROM revisions ORDER BY id",
	    { "INSERT INTO revisions (id, article_id, version, saved_at,"
	    " user_id, who, note, title, dek, body, slug, section_id,"
	    " issue_id, authors, tags, countries, status, published_at,"
	    " correction, correction_kind, correction_date)"
	    " VALUES (:id, :article_id, :version, :saved_at, :user_id,"
	    " :who, :note, :title, :dek, :body, :slug, :section_id,"
	    " :issue_id, :authors, :tags, :countries, :status,"
	    " :published_at, :correction, :correction_kind,"
	    " :correction_date)" } },
	{ "links", "links", NULL, "SELECT id, name, url, description, position"
	    " FROM links ORDER BY id",
	    { "INSERT INTO links (id, name, url, description, position)"
	    " VALUES (:id, :name, :url, :description, :position)" } },
	{ "events", "events", NULL, "SELECT id, title, starts_at, ends_at, tz,"
	    " place, description, url FROM events ORDER BY id",
	    { "INSERT INTO events (id, title, starts_at, ends_at, tz, place,"
	    " description, url) VALUES (:id, :title, :starts_at, :ends_at,"
	    " :tz, :place, :description, :url)" } },
	{ "media", "media", NULL,
	    "SELECT id, name, filename, type, size, width,"
	    " height, alt, user_id, created_at FROM media ORDER BY id",
	    { "INSERT INTO media (id, name, filename, type, size, width,"
	    " height, alt, user_id, created_at) VALUES (:id, :name,"
	    " :filename, :type, :size, :width, :height, :alt, :user_id,"
	    " :created_at)" } },
	{ "subscribers", "subscribers", NULL,
	    "SELECT id, email, status, topics,"
	    " consent, token, created_at, confirmed_at, confirm_sent_at,"
	    " changed_at, hard_bounces FROM subscribers ORDER BY id",
	    { "INSERT INTO subscribers (id, email, status, topics, consent,"
	    " token, created_at, confirmed_at, confirm_sent_at, changed_at,"
	    " hard_bounces) VALUES (:id, :email, :status, :topics, :consent,"
	    " :token, :created_at, :confirmed_at, :confirm_sent_at,"
	    " :changed_at, :hard_bounces)" } },
	{ "campaigns", "campaigns", NULL, "SELECT id, subject, body_text,"
	    " body_html, topic, status, send_at, queued_at, created_at,"
	    " created_by FROM campaigns ORDER BY id",
	    { "INSERT INTO campaigns (id, subject, body_text, body_html,"
	    " topic, status, send_at, queued_at, created_at, created_by)"
	    " VALUES (:id, :subject, :body_text, :body_html, :topic,"
	    " :status, :send_at, :queued_at, :created_at,"
	    " :created_by)" } },
	{ "comments", "comments", NULL, "SELECT id, article_id, parent_id,"
	    " author_name, author_email, author_url, body, created_at,"
	    " status, origin FROM comments ORDER BY id",
	    { "INSERT INTO comments (id, article_id, parent_id, author_name,"
	    " author_email, author_url, body, created_at, status, origin)"
	    " VALUES (:id, :article_id, :parent_id, :author_name,"
	    " :author_email, :author_url, :body, :created_at, :status,"
	    " :origin)" } },
	{ "redirects", "redirects", NULL, "SELECT path, article_id, location,"
	    " origin, created_at FROM redirects ORDER BY path",
	    { "INSERT INTO redirects (path, article_id, location, origin,"
	    " created_at) VALUES (:path, :article_id, :location, :origin,"
	    " :created_at)" } },
	{ "import_ids", "import_ids", NULL, "SELECT origin, kind, source_id,"
	    " local_id, digest, imported_at FROM import_ids"
	    " ORDER BY origin, kind, source_id",
	    { "INSERT INTO import_ids (origin, kind, source_id, local_id,"
	    " digest, imported_at) VALUES (:origin, :kind, :source_id,"
	    " :local_id, :digest, :imported_at)" } },
	/* The countries suggested for an editor's word (migration 18). */
	{ "country_suggestions", "article_country_suggestions",
	    "article_country_suggestions",
	    "SELECT article_id, code, words FROM article_country_suggestions"
	    " ORDER BY article_id, code",
	    { "INSERT INTO article_country_suggestions (article_id, code,"
	    " words) VALUES (:article_id, :code, :words)" } },
	/* After the articles: publishing one takes its id out of here. */
	{ "oai_deleted", "oai_deleted", NULL, "SELECT id, section, stamp"
	    " FROM oai_deleted ORDER BY id",
	    { "INSERT INTO oai_deleted (id, section, stamp) VALUES (:id,"
	    " :section, :stamp)" } },
};

/*
 * What is not exported, on purpose (the file's comment says why); a
 * column as "table.column".  sqlite_dump_check holds every other table
 * and column of the schema to being in some list's SELECT.
 */
static const char *const left_out[] = {
	"content_version", "auth_version", "sessions", "audit", "api_tokens",
	"secrets", "signup_attempts", "deliveries", "article_counts",
	"author_articles", "users.password",
	/* A tag's and a country's articles (migration 19), made again. */
	"tag_articles", "country_articles",
	/* The search index (migration 16), made again by its triggers. */
	"article_fts", "article_fts_config", "article_fts_data",
	"article_fts_docsize", "article_fts_idx", "search_hold",
	/* Its word pairs (migration 21), made again when it commits. */
	"article_pairs", "article_pairs_config", "article_pairs_data",
	"article_pairs_docsize", "article_pairs_idx", "search_stale",
	/* A body's text (migrations 17, 20), made again from the body. */
	"article_bodies.text",
};

static int
is_left_out(const char *table, const char *column)
{
	char key[128];
	size_t i;

	snprintf(key, sizeof(key), "%s%s%s", table, column != NULL ? "." :
	    "", column != NULL ? column : "");
	for (i = 0; i < nitems(left_out); i++)
		if (strcmp(left_out[i], key) == 0)
			return 1;
	return 0;
}

static int
ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* 1 if word is in text as a whole word (SQL identifiers' letters). */
static int
has_word(const char *text, const char *word)
{
	const char *p = text;
	size_t n = strlen(word);

	while ((p = strstr(p, word)) != NULL) {
		if ((p == text || !ident_char(p[-1])) && !ident_char(p[n]))
			return 1;
		p += n;
	}
	return 0;
}

/* The list whose records carry table, or NULL. */
static const struct dump_list *
list_of(const char *table, int *child)
{
	size_t i;

	for (i = 0; i < nitems(lists); i++) {
		*child = 0;
		if (strcmp(lists[i].name, table) == 0)
			return &lists[i];
		*child = 1;
		if (lists[i].children != NULL &&
		    has_word(lists[i].children, table))
			return &lists[i];
	}
	return NULL;
}

enum err
sqlite_dump_check(void *p, char *why, size_t len)
{
	sqlite3 *db = sqlite_db(p);
	sqlite3_stmt *tables = NULL, *cols = NULL;
	const struct dump_list *l;
	const char *t, *c;
	char q[160];
	enum err e = ERR_OK;
	int child;

	why[0] = '\0';
	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master"
	    " WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
	    -1, &tables, NULL) != SQLITE_OK)
		return ERR_DB;
	while (e == ERR_OK && sqlite3_step(tables) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(tables, 0);
		if (is_left_out(t, NULL))
			continue;
		if ((l = list_of(t, &child)) == NULL) {
			snprintf(why, len, "table %s is neither exported nor "
			    "left out", t);
			e = ERR_INVAL;
			break;
		}
		snprintf(q, sizeof(q), "SELECT name FROM"
		    " pragma_table_info('%s')", t);
		if (sqlite3_prepare_v2(db, q, -1, &cols, NULL) != SQLITE_OK) {
			e = ERR_DB;
			break;
		}
		while (sqlite3_step(cols) == SQLITE_ROW) {
			c = (const char *)sqlite3_column_text(cols, 0);
			if (is_left_out(t, c) || (child &&
			    (strcmp(c, "article_id") == 0 ||
			    strcmp(c, "publication_id") == 0)))
				continue;
			if (!has_word(l->select, c)) {
				snprintf(why, len, "column %s.%s is neither "
				    "exported nor left out", t, c);
				e = ERR_INVAL;
				break;
			}
		}
		sqlite3_finalize(cols);
	}
	sqlite3_finalize(tables);
	return e;
}

static const struct dump_list *
list_find(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(lists); i++)
		if (strcmp(lists[i].name, name) == 0)
			return &lists[i];
	return NULL;
}

const char *
sqlite_dump_list(int i)
{
	return i >= 0 && (size_t)i < nitems(lists) ? lists[i].name : NULL;
}

/* Column i of the row st is on, as JSON; NULL for bytes not UTF-8. */
static json_t *
column_json(sqlite3_stmt *st, int i, const char *name)
{
	const char *t;
	size_t n, len;
	json_t *v;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		return json_null();
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(st, i));
	default:
		break;
	}
	t = (const char *)sqlite3_column_text(st, i);
	len = (size_t)sqlite3_column_bytes(st, i);
	n = strlen(name);
	if (n > 5 && strcmp(name + n - 5, ":json") == 0 &&
	    (v = json_loadb(t, len, JSON_DECODE_ANY, NULL)) != NULL)
		return v;
	return json_stringn(t, len);
}

enum err
sqlite_dump(void *p, enum err (*fn)(void *, const char *, json_t *),
    void *arg)
{
	sqlite3 *db = sqlite_db(p);
	sqlite3_stmt *st = NULL;
	const char *name;
	char key[64];
	json_t *rec, *v;
	enum err e = ERR_OK;
	size_t l;
	int began, i, n, rc;

	if ((e = sqlite_snapshot(p, &began)) != ERR_OK)
		return e;
	for (l = 0; l < nitems(lists) && e == ERR_OK; l++) {
		if (sqlite3_prepare_v2(db, lists[l].select, -1, &st, NULL) !=
		    SQLITE_OK) {
			log_warnx("dump: %s: %s", lists[l].name,
			    sqlite3_errmsg(db));
			e = ERR_DB;
			break;
		}
		if ((e = fn(arg, lists[l].name, NULL)) == ERR_NOTFOUND) {
			e = ERR_OK;	/* the caller skips this list */
			sqlite3_finalize(st);
			st = NULL;
			continue;
		}
		if (e != ERR_OK)
			break;
		n = sqlite3_column_count(st);
		while (e == ERR_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			rec = json_object();
			for (i = 0; i < n; i++) {
				name = sqlite3_column_name(st, i);
				if ((v = column_json(st, i, name)) == NULL) {
					log_warnx("dump: %s: a %s that is not"
					    " UTF-8", lists[l].name, name);
					e = ERR_INVAL;
					break;
				}
				snprintf(key, sizeof(key), "%.*s",
				    (int)strcspn(name, ":"), name);
				json_object_set_new(rec, key, v);
			}
			if (e == ERR_OK)
				e = fn(arg, lists[l].name, rec);
			json_decref(rec);
		}
		if (e == ERR_OK && rc != SQLITE_DONE) {
			log_warnx("dump: %s: %s", lists[l].name,
			    sqlite3_errmsg(db));
			e = ERR_DB;
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	sqlite3_finalize(st);
	sqlite_snapshot_end(p, began);
	return e;
}

enum err
sqlite_dump_empty(void *p, const char **nonempty)
{
	sqlite3 *db = sqlite_db(p);
	sqlite3_stmt *st;
	char q[128];
	size_t l;
	int rc;

	*nonempty = NULL;
	for (l = 0; l < nitems(lists); l++) {
		if (lists[l].table == NULL)
			continue;
		snprintf(q, sizeof(q), "SELECT 1 FROM %s LIMIT 1",
		    lists[l].table);
		if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK) {
			log_warnx("dump: %s", sqlite3_errmsg(db));
			return ERR_DB;
		}
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc == SQLITE_ROW) {
			*nonempty = lists[l].name;
			return ERR_CONFLICT;
		}
		if (rc != SQLITE_DONE) {
			log_warnx("dump: %s", sqlite3_errmsg(db));
			return ERR_DB;
		}
	}
	return ERR_OK;
}

/* Bind v, a record's field, to parameter i of st. */
static enum err
bind_json(sqlite3_stmt *st, int i, json_t *v)
{
	char *s;

	switch (json_typeof(v)) {
	case JSON_NULL:
		sqlite3_bind_null(st, i);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		sqlite3_bind_int(st, i, json_is_true(v));
		break;
	case JSON_INTEGER:
		sqlite3_bind_int64(st, i, json_integer_value(v));
		break;
	case JSON_REAL:
		sqlite3_bind_double(st, i, json_real_value(v));
		break;
	case JSON_STRING:
		sqlite3_bind_text(st, i, json_string_value(v),
		    (int)json_string_length(v), SQLITE_TRANSIENT);
		break;
	default:
		if ((s = json_dumps(v, JSON_COMPACT)) == NULL)
			return ERR_INVAL;
		sqlite3_bind_text(st, i, s, -1, free);
		break;
	}
	return ERR_OK;
}

/* 1 if field of list is one an older export lacks (added_later). */
static int
field_added_later(const char *list, const char *field)
{
	size_t i;

	for (i = 0; i < nitems(added_later); i++)
		if (strcmp(added_later[i].list, list) == 0 &&
		    has_word(added_later[i].fields, field))
			return 1;
	return 0;
}

enum err
sqlite_load(void *p, const char *list, json_t *rec)
{
	const struct dump_list *d = list_find(list);
	sqlite3_stmt *st[DUMP_LOADS] = { NULL };
	const char *key, *name;
	char param[64];
	json_t *v;
	enum err e = ERR_OK;
	size_t k, nst = 0;
	int i, found;

	if (d == NULL) {
		log_warnx("import: no list named '%s'", list);
		return ERR_INVAL;
	}
	if (!json_is_object(rec)) {
		log_warnx("import: %s: a record that is not an object", list);
		return ERR_INVAL;
	}
	for (k = 0; k < DUMP_LOADS && d->load[k] != NULL; k++, nst++)
		if ((e = sqlite_stmt(p, d->load[k], &st[k])) != ERR_OK)
			return e;
	/* Every field is a parameter of some statement... */
	json_object_foreach(rec, key, v) {
		snprintf(param, sizeof(param), ":%s", key);
		for (found = 0, k = 0; k < nst && !found; k++)
			found = sqlite3_bind_parameter_index(st[k], param) > 0;
		if (!found || strlen(key) >= sizeof(param) - 1) {
			log_warnx("import: %s: unknown field '%.60s'", list,
			    key);
			return ERR_INVAL;
		}
	}
	/* ...and every parameter a field. */
	for (k = 0; k < nst && e == ERR_OK; k++) {
		for (i = 1; i <= sqlite3_bind_parameter_count(st[k]); i++) {
			name = sqlite3_bind_parameter_name(st[k], i);
			if ((v = json_object_get(rec, name + 1)) == NULL &&
			    field_added_later(list, name + 1)) {
				sqlite3_bind_null(st[k], i);
				continue;
			}
			if (v == NULL) {
				log_warnx("import: %s: no field '%s'", list,
				    name + 1);
				e = ERR_INVAL;
				break;
			}
			if ((e = bind_json(st[k], i, v)) != ERR_OK)
				break;
		}
		if (e == ERR_OK && (e = sqlite_run(p, st[k], list)) != ERR_OK)
			log_warnx("import: %s: the database refused a record: "
			    "%s", list, sqlite3_errmsg(sqlite_db(p)));
	}
	if (e != ERR_OK)
		for (k = 0; k < nst; k++) {
			sqlite3_reset(st[k]);
			sqlite3_clear_bindings(st[k]);
		}
	return e;
}

/*
 * Not a list of the dump, but what a Markdown import's aliases under
 * /articles/ become: an old slug, as a rename in the back office makes.
 */
static const char sql_slug_keep[] = "INSERT INTO article_slugs (slug,"
	" article_id) SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM articles"
	" WHERE slug = ?1) ON CONFLICT (slug) DO UPDATE SET"
	" article_id = excluded.article_id";

enum err
sqlite_article_slug_keep(void *p, int64_t id, const char *slug)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_slug_keep, &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	return sqlite_run(p, st, "old slug");
}
