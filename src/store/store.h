/*
 * store: everything Octavo keeps, behind one ops table.  Pages never see
 * SQL: they ask the store and get jansson trees back (records shaped as in
 * docs/store.md), which the web layer turns into views.  store_sqlite.c is
 * the embedded backend; a PostgreSQL backend implements the same ops.
 *
 * A struct store is one connection: use one per thread.  Every returned
 * json_t is a new reference the caller owns (json_decref it).
 */
#ifndef OCTAVO_STORE_H
#define OCTAVO_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "util/util.h"

struct store;

/*
 * A list query.  Articles: one list, chosen by the first filter set of
 * section, issue and author (none: every published article); type and
 * staff are ignored.  Publications: type, author and staff combine;
 * section and issue are ignored.  Limit 0 means no limit; an offset past
 * the end gives an empty list (and the total).
 */
struct store_query {
	const char	*section;	/* section slug */
	long		 issue;		/* issue number */
	const char	*author;	/* person slug */
	const char	*type;		/* publication type slug */
	int		 staff;		/* publications: staff authors only */
	long		 limit;
	long		 offset;
};

/* One article's reads to add, for the counter's flush. */
struct store_reads {
	int64_t		 article_id;
	int64_t		 n;
};

/* The kinds of record store_put takes, in the shapes of docs/store.md. */
enum store_kind {
	STORE_SITE,		/* settings: any key, text values */
	STORE_SECTION,
	STORE_PUB_TYPE,
	STORE_PERSON,
	STORE_ISSUE,
	STORE_ARTICLE,
	STORE_PUBLICATION,
	STORE_LINK,
	STORE_EVENT,
	STORE_KIND__MAX
};

enum store_type {
	STORE_NULL,
	STORE_TEXT,
	STORE_INT,		/* booleans too, as 0 or 1 */
	STORE_LIST		/* text items: authors' slugs */
};

/*
 * One value of a record as a backend's put receives it: checked, typed
 * and complete (every default filled in), named by its field (a site
 * record's by the setting's key).  Text is UTF-8 and NUL-terminated.
 * Everything is borrowed for the duration of the call.
 */
struct store_value {
	const char		*name;
	enum store_type		 type;
	const char		*text;		/* STORE_TEXT */
	size_t			 len;
	int64_t			 num;		/* STORE_INT; STORE_LIST: n */
	const char *const	*items;		/* STORE_LIST */
};

/*
 * A backend.  Each op takes the backend's own handle first; records go
 * in as values (above), rows come out as jansson trees shaped as in
 * docs/store.md.  A backend owns its SQL: nothing above it writes any.
 */
struct store_ops {
	const char	*name;
	enum err	(*open)(const char *dsn, int create, void **);
	void		(*close)(void *);
	void		(*busy_wait)(void *, int ms);
	enum err	(*migrate)(void *, int *from, int *to);
	enum err	(*schema_version)(void *, int *have, int *want);
	enum err	(*version)(void *, int64_t *);
	enum err	(*begin)(void *);
	enum err	(*commit)(void *);
	void		(*rollback)(void *);
	/* One record, all or nothing, in its kind's field order. */
	enum err	(*put)(void *, enum store_kind,
			    const struct store_value *, size_t);
	enum err	(*site_get)(void *, json_t **);
	enum err	(*sections_list)(void *, json_t **);
	enum err	(*issues_list)(void *, json_t **);
	enum err	(*sitemap_pages)(void *, json_t **);
	enum err	(*article_stamps)(void *, long limit, long offset,
			    json_t **, long *total);
	enum err	(*issue_get)(void *, long number, json_t **);
	enum err	(*issue_latest)(void *, json_t **);
	enum err	(*articles_list)(void *, const struct store_query *,
			    json_t **, long *total);
	enum err	(*article_get)(void *, const char *slug, json_t **);
	enum err	(*person_get)(void *, const char *slug, json_t **);
	enum err	(*people_list)(void *, int staff_only, json_t **);
	enum err	(*pub_types_list)(void *, json_t **);
	enum err	(*publications_list)(void *, const struct store_query *,
			    json_t **, long *total);
	enum err	(*links_list)(void *, json_t **);
	enum err	(*events_list)(void *, int upcoming, int64_t now,
			    json_t **);
	enum err	(*subscriber_add)(void *, const char *email,
			    const char *token, int *created);
	enum err	(*reads_add)(void *, const struct store_reads *,
			    size_t, const char *day);
};

/* store.c */
/*
 * Open the database named by dsn: "postgres://..." or "postgresql://..."
 * selects PostgreSQL, anything else is a SQLite file path.  With create
 * set, a missing SQLite file is created.  The schema is not migrated
 * here.  Caller frees with store_close.
 */
enum err	 store_open(const char *dsn, int create, struct store **);
void		 store_close(struct store *);	/* NULL is a no-op */
/*
 * How long a statement waits for a lock another connection holds before
 * it fails with ERR_BUSY (default LIMIT_BUSY_WAIT_MS).  Reads never wait
 * for writers; a write waits for the writer before it.
 */
void		 store_busy_wait(struct store *, int ms);
/* Apply pending numbered migrations; *from and *to get the versions. */
enum err	 store_migrate(struct store *, int *from, int *to);
/* ERR_INVAL when the schema is older (or newer) than this program's. */
enum err	 store_check_schema(struct store *);
/* The content version: bumped by every write that changes a page. */
enum err	 store_version(struct store *, int64_t *);
/*
 * A write transaction: takes the write lock now (ERR_BUSY if another
 * connection keeps it past the wait), so that the puts in it cannot fail
 * on the lock halfway.  Rollback outside a transaction does nothing.
 */
enum err	 store_begin(struct store *);
enum err	 store_commit(struct store *);
void		 store_rollback(struct store *);
/*
 * The checks store_put makes before any backend sees a record: each URL
 * field (link url, publication url and cover, person photo, event url,
 * site base_url) must pass url_safe, and base_url must be absolute http
 * or https.  ERR_INVAL with *why a sentence naming the field, for the
 * person who typed it (static, never NULL then); ERR_OK with *why NULL.
 */
enum err	 store_check(const char *kind, json_t *, const char **why);
/*
 * Insert one record of a kind ("site", "section", "pub_type", "person",
 * "issue", "article", "publication", "link", "event") in the shape of
 * docs/store.md, all or nothing; references (slugs, numbers) must exist.
 * ERR_INVAL, with the reason logged, for an unknown kind or field, a
 * missing field, a value of the wrong type or one store_check refuses;
 * ERR_CONFLICT for a duplicate; ERR_BUSY if the database stays locked.
 */
enum err	 store_put(struct store *, const char *kind, json_t *);
enum err	 store_site_get(struct store *, json_t **);
enum err	 store_sections_list(struct store *, json_t **);
enum err	 store_issues_list(struct store *, json_t **);
/*
 * Every public page but articles, for a sitemap: [{kind, key, lastmod}]
 * with kind "home", "issues", "publications", "about" (key ""), then
 * "issue" (key its number), "section" and "author" (key the slug);
 * lastmod, absent when there is none, is the newest stored time or date
 * of what the page shows, as an index gives it: the newest publication
 * of a list of articles (home, section, author), the newest issue or
 * publication date, an issue's date or its articles' newest edit.
 */
enum err	 store_sitemap_pages(struct store *, json_t **);
/*
 * Published articles as [{slug, updated_at}] in the order they were
 * stored (by id), limit (0: all) from offset; *total gets how many
 * there are.
 */
enum err	 store_article_stamps(struct store *, long limit, long offset,
		    json_t **, long *total);
enum err	 store_issue_get(struct store *, long number, json_t **);
enum err	 store_issue_latest(struct store *, json_t **);
/*
 * A page of a list and, if total is not NULL, the length of the whole
 * list.  Dated lists are newest first; an issue's articles are in the
 * order of its table of contents (section, then position).
 */
enum err	 store_articles_list(struct store *, const struct store_query *,
		    json_t **, long *total);
enum err	 store_article_get(struct store *, const char *slug, json_t **);
enum err	 store_person_get(struct store *, const char *slug, json_t **);
enum err	 store_people_list(struct store *, int staff_only, json_t **);
enum err	 store_pub_types_list(struct store *, json_t **);
enum err	 store_publications_list(struct store *,
		    const struct store_query *, json_t **, long *total);
enum err	 store_links_list(struct store *, json_t **);
enum err	 store_events_list(struct store *, int upcoming, int64_t now,
		    json_t **);
/*
 * Add a pending subscriber; *created is 0 when the address (compared
 * case-insensitively) was already there, which is not an error.
 */
enum err	 store_subscriber_add(struct store *, const char *email,
		    const char *token, int *created);
/* Add reads additively (reads = reads + n) and to the day's row. */
enum err	 store_reads_add(struct store *, const struct store_reads *,
		    size_t, const char *day);

/* store_sqlite.c */
extern const struct store_ops store_sqlite_ops;

#endif
