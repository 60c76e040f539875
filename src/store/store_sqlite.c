/*
 * store_sqlite: the embedded backend.  One sqlite3 handle per struct store
 * (per thread), WAL journal, synchronous=FULL so that a write reported as
 * done survives a power cut, foreign keys on.  All SQL lives in the tables
 * below, prepared once per handle and reused.  A statement that finds
 * another connection's lock waits (store_busy_wait), then fails with
 * ERR_BUSY; in WAL mode only writes ever wait.
 *
 * Rows become jansson objects by one rule (row_json): a column named
 * "a.b" nests as {"a": {"b": ...}}, NULL columns are left out of nested
 * objects; columns named "a[].b" make a list a of objects {b: ...}, one
 * per row, and consecutive rows with the same first column (the id) are
 * one record.  So a record's authors come in the same statement, joined,
 * never from a subquery or a statement per row.  A nested object equal to
 * the previous record's is that object, shared (an issue's articles hold
 * one section object per section, not one each): docs/store.md.
 */
#include <assert.h>
#include <sqlite3.h>
#include <string.h>

#include "sqlite_int.h"

enum q {
	Q_BEGIN_READ, Q_BEGIN_WRITE, Q_COMMIT, Q_ROLLBACK,
	Q_SAVEPOINT, Q_SAVEPOINT_UNDO, Q_SAVEPOINT_RELEASE,
	Q_VERSION,
	Q_SITE,
	Q_SECTIONS,
	Q_ISSUES,
	Q_ISSUE_GET,
	Q_ISSUE_LATEST,
	Q_ART_RECENT, Q_ART_RECENT_ASC, Q_ART_RECENT_N,
	Q_ART_SECTION, Q_ART_SECTION_ASC, Q_ART_SECTION_N,
	Q_ART_ISSUE, Q_ART_ISSUE_N,
	Q_ART_AUTHOR, Q_ART_AUTHOR_ASC, Q_ART_AUTHOR_N,
	Q_ARTICLE_GET,
	Q_SITEMAP_PAGES,
	Q_ART_STAMPS,
	Q_PERSON_GET,
	Q_PEOPLE_STAFF,
	Q_PEOPLE_ALL,
	Q_PUB_TYPES,
	Q_PUBS, Q_PUBS_N,
	Q_LINKS,
	Q_EVENTS_UP,
	Q_EVENTS_PAST,
	Q_SUB_ADD,
	Q_READS_ADD,
	Q_DAILY_ADD,
	P_SITE,
	P_SECTION,
	P_PUB_TYPE,
	P_PERSON,
	P_ISSUE,
	P_ARTICLE,
	P_ARTICLE_READS,
	P_ARTICLE_BODY,
	P_ARTICLE_AUTHOR,
	P_PUBLICATION,
	P_PUBLICATION_AUTHOR,
	P_LINK,
	P_EVENT,
	Q_USER_ADD, Q_USER_GET, Q_USER_FIND, Q_USERS,
	Q_USER_ROLE, Q_USER_PASSWORD, Q_USER_DISABLED, Q_USER_SIGNED_IN,
	Q_SESSION_ADD, Q_SESSION_GET, Q_SESSION_TOUCH, Q_SESSION_DELETE,
	Q_SESSIONS_END, Q_SESSIONS_LIVE, Q_SESSIONS_PURGE,
	Q_AUTH_VERSION,
	Q_AUDIT_ADD, Q_AUDIT_LIST, Q_AUDIT_N,
	Q_COUNTS,
	Q_TOKEN_ADD, Q_TOKEN_FIND, Q_TOKENS, Q_TOKEN_REVOKE, Q_TOKEN_TOUCH,
	Q_ART_MOST_READ,
	Q_ART_SECTION_OUTSIDE,
	Q_ART_TAG, Q_ART_TAG_ASC, Q_ART_TAG_N,
	Q_ART_COUNTRY, Q_ART_COUNTRY_ASC, Q_ART_COUNTRY_N,
	Q__MAX
};

/* The authors of a record r in order, by the rule above. */
#define AUTHOR_COLS \
	", w.slug AS \"authors[].slug\", w.name AS \"authors[].name\""
#define AUTHORS(link, id, r) \
	" LEFT JOIN " link " l ON l." id " = " r ".id" \
	" LEFT JOIN people w ON w.id = l.person_id"
#define ART_COLS \
	"SELECT a.id, a.slug, a.title, a.dek, a.published_at," \
	" s.slug AS \"section.slug\", s.name AS \"section.name\"," \
	" i.number AS \"issue.number\", i.date AS \"issue.date\"" \
	AUTHOR_COLS
#define ART_AUTHORS	AUTHORS("article_authors", "article_id", "a")
#define ART_FROM \
	" FROM articles a JOIN sections s ON s.id = a.section_id" \
	" LEFT JOIN issues i ON i.id = a.issue_id"
/* Publishing an issue publishes its articles: status alone decides. */
#define ART_PUB \
	" WHERE a.status = 'published'"
#define PAGE	" LIMIT ?1 OFFSET ?2"
/*
 * A page of a dated list is a deferred join: the page's ids come from
 * one covering index range (keys, newest first or, for the far half of
 * a long list, oldest first), and only those rows are joined and shown,
 * newest first.
 */
#define ART_PAGE(keys) \
	ART_COLS " FROM (" keys PAGE ") k JOIN articles a ON a.id = k.id" \
	" JOIN sections s ON s.id = a.section_id" \
	" LEFT JOIN issues i ON i.id = a.issue_id" ART_AUTHORS \
	" ORDER BY a.published_at DESC, a.id DESC, l.position"
#define NEWEST	" ORDER BY published_at DESC, id DESC"
#define OLDEST	" ORDER BY published_at, id"
#define KEYS_RECENT \
	"SELECT id FROM articles WHERE status = 'published'"
#define KEYS_SECTION \
	"SELECT id FROM articles WHERE status = 'published' AND section_id =" \
	" (SELECT id FROM sections WHERE slug = ?3)"
#define KEYS_AUTHOR \
	"SELECT article_id AS id FROM author_articles" \
	" WHERE person_id = (SELECT id FROM people WHERE slug = ?3)"
/* A tag's and a country's, kept as an author's are (migration 19). */
#define TAG_ID	"(SELECT id FROM tags WHERE slug = ?3)"
#define KEYS_TAG \
	"SELECT article_id AS id FROM tag_articles WHERE tag_id = " TAG_ID
#define KEYS_COUNTRY \
	"SELECT article_id AS id FROM country_articles WHERE code = ?3"
/* A list's count, kept by triggers (migration 3): one row, no counting. */
#define COUNT(list, key) \
	"SELECT coalesce((SELECT n FROM article_counts WHERE list = '" list \
	"' AND key = " key "), 0)"
/* A section's newest publication, from its index range's end. */
#define SECTION_NEWEST \
	"(SELECT max(published_at) FROM articles" \
	" WHERE section_id = s.id AND status = 'published')"
#define PUB_COLS \
	"SELECT p.id, t.slug AS \"type.slug\", t.name AS \"type.name\"," \
	" p.title, p.venue, p.date, p.url, p.cover, p.summary" AUTHOR_COLS
#define PUB_WHERE \
	" FROM publications p JOIN pub_types t ON t.id = p.type_id" \
	" WHERE (?3 IS NULL OR t.slug = ?3)" \
	" AND (?4 IS NULL OR p.id IN (SELECT pa.publication_id" \
	" FROM publication_authors pa JOIN people pp ON pp.id = pa.person_id" \
	" WHERE pp.slug = ?4))" \
	" AND (?5 = 0 OR p.id IN (SELECT pa.publication_id" \
	" FROM publication_authors pa JOIN people pp ON pp.id = pa.person_id" \
	" WHERE pp.staff = 1))"
#define ISSUE_COLS \
	"SELECT i.id, i.number, i.volume, i.date, i.title, i.note, i.cover," \
	" (SELECT max(number) FROM issues j WHERE j.number < i.number" \
	" AND j.status = 'published') AS prev," \
	" (SELECT min(number) FROM issues j WHERE j.number > i.number" \
	" AND j.status = 'published') AS next FROM issues i"

#define TOKEN_COLS \
	"SELECT t.id, t.name, t.hint, t.user_id, t.created_at, t.used_at," \
	" t.revoked_at, u.email AS \"user.email\", u.role AS \"user.role\"," \
	" u.disabled AS \"user.disabled\", c.email AS \"by.email\"" \
	" FROM api_tokens t JOIN users u ON u.id = t.user_id" \
	" LEFT JOIN users c ON c.id = t.created_by"
#define USER_COLS \
	"SELECT u.id, u.email, u.role, u.password, u.disabled," \
	" u.created_at, u.signed_in_at, (SELECT count(*) FROM sessions s" \
	" WHERE s.user_id = u.id) AS sessions FROM users u"

static const char *const sql[Q__MAX] = {
	/* A read transaction takes no lock until it reads; WAL never waits. */
	[Q_BEGIN_READ] = "BEGIN",
	[Q_BEGIN_WRITE] = "BEGIN IMMEDIATE",
	[Q_COMMIT] = "COMMIT",
	[Q_ROLLBACK] = "ROLLBACK",
	[Q_SAVEPOINT] = "SAVEPOINT put",
	[Q_SAVEPOINT_UNDO] = "ROLLBACK TO put",
	[Q_SAVEPOINT_RELEASE] = "RELEASE put",
	[Q_VERSION] = "SELECT version FROM content_version WHERE id = 1",
	[Q_SITE] = "SELECT key, value FROM settings",
	[Q_SECTIONS] = "SELECT id, slug, name, description, position"
	    " FROM sections ORDER BY position, name, id",
	[Q_ISSUES] = "SELECT i.number, i.volume, i.date, i.title,"
	    " coalesce(c.n, 0) AS count FROM issues i"
	    " LEFT JOIN article_counts c ON c.list = 'issue' AND c.key = i.id"
	    " WHERE i.status = 'published'"
	    " ORDER BY i.date DESC, i.number DESC",
	[Q_ISSUE_GET] = ISSUE_COLS
	    " WHERE i.number = ?1 AND i.status = 'published'",
	[Q_ISSUE_LATEST] = ISSUE_COLS " WHERE i.status = 'published'"
	    " ORDER BY i.date DESC, i.number DESC LIMIT 1",
	[Q_ART_RECENT] = ART_PAGE(KEYS_RECENT NEWEST),
	[Q_ART_RECENT_ASC] = ART_PAGE(KEYS_RECENT OLDEST),
	[Q_ART_RECENT_N] = COUNT("all", "0"),
	[Q_ART_SECTION] = ART_PAGE(KEYS_SECTION NEWEST),
	[Q_ART_SECTION_ASC] = ART_PAGE(KEYS_SECTION OLDEST),
	[Q_ART_SECTION_N] = COUNT("section",
	    "(SELECT id FROM sections WHERE slug = ?3)"),
	/*
	 * CROSS JOIN keeps this order of loops: no sort (migration 3).  An
	 * issue is listed whole; limit and offset are applied in C.
	 */
	[Q_ART_ISSUE] = ART_COLS " FROM issues i CROSS JOIN sections s"
	    " INDEXED BY sections_order CROSS JOIN articles a"
	    " ON a.issue_id = i.id AND a.section_id = s.id" ART_AUTHORS
	    ART_PUB " AND i.number = ?3"
	    " ORDER BY s.position, s.name, s.id, a.position, a.id,"
	    " l.position",
	[Q_ART_ISSUE_N] = COUNT("issue",
	    "(SELECT id FROM issues WHERE number = ?3)"),
	[Q_ART_AUTHOR] = ART_PAGE(KEYS_AUTHOR NEWEST),
	[Q_ART_AUTHOR_ASC] = ART_PAGE(KEYS_AUTHOR OLDEST),
	[Q_ART_AUTHOR_N] = COUNT("author",
	    "(SELECT id FROM people WHERE slug = ?3)"),
	[Q_ARTICLE_GET] = "SELECT a.id, a.slug, a.title, a.dek,"
	    " coalesce(b.body, '') AS body,"
	    " coalesce(b.format, 'markdown') AS body_format,"
	    " a.published_at, a.updated_at,"
	    " s.slug AS \"section.slug\", s.name AS \"section.name\","
	    " i.number AS \"issue.number\", i.date AS \"issue.date\","
	    " i.title AS \"issue.title\", i.volume AS \"issue.volume\","
	    " coalesce(r.reads, 0) AS reads,"
	    " a.correction, a.correction_kind, a.correction_date"
	    AUTHOR_COLS
	    ART_FROM " LEFT JOIN article_reads r ON r.article_id = a.id"
	    " LEFT JOIN article_bodies b ON b.article_id = a.id" ART_AUTHORS
	    ART_PUB " AND a.slug = ?1 ORDER BY l.position",
	/*
	 * Each page a sitemap lists but articles, with its newest change,
	 * each from an index: a list's newest publication (its first
	 * entry), an issue's newest edit (its rows), the home page's the
	 * newest of its sections'.
	 */
	[Q_SITEMAP_PAGES] = "SELECT 'home' AS kind, '' AS key,"
	    " (SELECT max(m) FROM (SELECT " SECTION_NEWEST " AS m"
	    " FROM sections s)) AS lastmod"
	    " UNION ALL SELECT 'issues', '', (SELECT max(date) FROM issues"
	    " WHERE status = 'published')"
	    " UNION ALL SELECT 'publications', '', (SELECT max(date)"
	    " FROM publications)"
	    " UNION ALL SELECT 'about', '', NULL"
	    " UNION ALL SELECT * FROM (SELECT 'issue', i.number,"
	    " max(i.date, coalesce((SELECT max(a.updated_at) FROM articles a"
	    " WHERE a.issue_id = i.id AND a.status = 'published'), ''))"
	    " FROM issues i WHERE i.status = 'published' ORDER BY i.number)"
	    " UNION ALL SELECT * FROM (SELECT 'section', s.slug, "
	    SECTION_NEWEST " FROM sections s ORDER BY s.position, s.name)"
	    " UNION ALL SELECT * FROM (SELECT 'author', p.slug,"
	    " (SELECT max(x.published_at) FROM author_articles x"
	    " WHERE x.person_id = p.id) FROM people p ORDER BY p.slug)"
	    /* The indexes and every tag and country with an article. */
	    " UNION ALL SELECT 'authors', '', NULL"
	    " UNION ALL SELECT * FROM (SELECT 'tag', t.slug, (SELECT"
	    " max(published_at) FROM tag_articles WHERE tag_id = t.id) AS m"
	    " FROM tags t ORDER BY t.slug) WHERE m IS NOT NULL"
	    " UNION ALL SELECT * FROM (SELECT 'country', lower(c.code), (SELECT"
	    " max(published_at) FROM country_articles WHERE code = c.code)"
	    " AS m FROM countries c ORDER BY c.code) WHERE m IS NOT NULL",
	/* A sitemap part: a page of keys, oldest first, as lists do. */
	[Q_ART_STAMPS] = "SELECT a.slug, a.updated_at FROM ("
	    KEYS_RECENT OLDEST PAGE ") k JOIN articles a ON a.id = k.id"
	    " ORDER BY a.published_at, a.id",
	[Q_PERSON_GET] = "SELECT id, slug, name, bio, affiliation, photo,"
	    " role, staff FROM people WHERE slug = ?1",
	[Q_PEOPLE_STAFF] = "SELECT id, slug, name, affiliation, staff"
	    " FROM people WHERE staff = 1 ORDER BY name",
	[Q_PEOPLE_ALL] = "SELECT id, slug, name, affiliation, staff"
	    " FROM people ORDER BY name",
	[Q_PUB_TYPES] = "SELECT slug, name, position FROM pub_types"
	    " ORDER BY position, name",
	[Q_PUBS] = PUB_COLS " FROM (SELECT p.id" PUB_WHERE
	    " ORDER BY p.date DESC, p.id DESC" PAGE ") k"
	    " JOIN publications p ON p.id = k.id"
	    " JOIN pub_types t ON t.id = p.type_id"
	    AUTHORS("publication_authors", "publication_id", "p")
	    " ORDER BY p.date DESC, p.id DESC, l.position",
	[Q_PUBS_N] = "SELECT count(*)" PUB_WHERE,
	[Q_LINKS] = "SELECT name, url, description FROM links"
	    " ORDER BY position, id",
	[Q_EVENTS_UP] = "SELECT id, title, starts_at, ends_at, tz, place,"
	    " description, url FROM events WHERE starts_at >= ?1"
	    " ORDER BY starts_at",
	[Q_EVENTS_PAST] = "SELECT id, title, starts_at, ends_at, tz, place,"
	    " description, url FROM events WHERE starts_at < ?1"
	    " ORDER BY starts_at DESC LIMIT 100",
	[Q_SUB_ADD] = "INSERT INTO subscribers (email, token, created_at)"
	    " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
	    " ON CONFLICT (email) DO NOTHING",
	[Q_READS_ADD] = "INSERT INTO article_reads (article_id, reads)"
	    " SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM articles"
	    " WHERE id = ?1) ON CONFLICT (article_id)"
	    " DO UPDATE SET reads = reads + excluded.reads",
	[Q_DAILY_ADD] = "INSERT INTO reads_daily (article_id, day, reads)"
	    " SELECT ?1, ?3, ?2 WHERE EXISTS (SELECT 1 FROM articles"
	    " WHERE id = ?1) ON CONFLICT (article_id, day)"
	    " DO UPDATE SET reads = reads + excluded.reads",
	[P_SITE] = "INSERT INTO settings (key, value) VALUES (?1, ?2)"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	/*
	 * A record's values bind to the :name of their field; every value
	 * is there, defaults included (record.c).  ?1 is the new row's id.
	 */
	[P_SECTION] = "INSERT INTO sections (slug, name, description,"
	    " position) VALUES (:slug, :name, :description, :position)",
	[P_PUB_TYPE] = "INSERT INTO pub_types (slug, name, position)"
	    " VALUES (:slug, :name, :position)",
	[P_PERSON] = "INSERT INTO people (slug, name, bio, affiliation,"
	    " photo, staff) VALUES (:slug, :name, :bio, :affiliation,"
	    " :photo, :staff)",
	[P_ISSUE] = "INSERT INTO issues (number, volume, date, title, status)"
	    " VALUES (:number, :volume, :date, :title, :status)",
	[P_ARTICLE] = "INSERT INTO articles (slug, title, dek,"
	    " section_id, issue_id, position, status, published_at,"
	    " updated_at) VALUES (:slug, :title, :dek,"
	    " (SELECT id FROM sections WHERE slug = :section),"
	    " CASE WHEN :issue IS NULL THEN NULL ELSE"
	    " coalesce((SELECT id FROM issues WHERE number = :issue), -1) END,"
	    " :position, :status, :published_at, :updated_at)",
	[P_ARTICLE_READS] = "INSERT INTO article_reads (article_id, reads)"
	    " SELECT ?1, :reads WHERE :reads IS NOT NULL",
	[P_ARTICLE_BODY] = "INSERT INTO article_bodies (article_id, body,"
	    " text) VALUES (?1, :body, octavo_body_text(:body, 'markdown'))",
	[P_ARTICLE_AUTHOR] = "INSERT INTO article_authors (article_id,"
	    " person_id, position) VALUES (?1,"
	    " (SELECT id FROM people WHERE slug = ?2), ?3)",
	[P_PUBLICATION] = "INSERT INTO publications (type_id, title, venue,"
	    " date, url, cover, summary) VALUES"
	    " ((SELECT id FROM pub_types WHERE slug = :type), :title,"
	    " :venue, :date, :url, :cover, :summary)",
	[P_PUBLICATION_AUTHOR] = "INSERT INTO publication_authors"
	    " (publication_id, person_id, position) VALUES (?1,"
	    " (SELECT id FROM people WHERE slug = ?2), ?3)",
	[P_LINK] = "INSERT INTO links (name, url, description, position)"
	    " VALUES (:name, :url, :description, :position)",
	[P_EVENT] = "INSERT INTO events (title, starts_at, ends_at, place,"
	    " description, url, tz) VALUES (:title, :starts_at, :ends_at,"
	    " :place, :description, :url, :tz)",
	[Q_USER_ADD] = "INSERT INTO users (email, role, password, created_at)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[Q_USER_GET] = USER_COLS " WHERE u.id = ?1",
	/* users.email is COLLATE NOCASE: its index finds any case. */
	[Q_USER_FIND] = USER_COLS " WHERE u.email = ?1",
	[Q_USERS] = USER_COLS " ORDER BY u.email",
	[Q_USER_ROLE] = "UPDATE users SET role = ?2 WHERE id = ?1",
	[Q_USER_PASSWORD] = "UPDATE users SET password = ?2 WHERE id = ?1",
	[Q_USER_DISABLED] = "UPDATE users SET disabled = ?2 WHERE id = ?1",
	[Q_USER_SIGNED_IN] = "UPDATE users SET signed_in_at = ?2"
	    " WHERE id = ?1",
	[Q_SESSION_ADD] = "INSERT INTO sessions (hash, user_id, created_at,"
	    " seen_at, address, user_agent) VALUES (?1, ?2, ?3, ?3, ?4, ?5)",
	[Q_SESSION_GET] = "SELECT s.hash, s.user_id, s.created_at,"
	    " s.seen_at, u.email AS \"user.email\", u.role AS \"user.role\","
	    " u.disabled AS \"user.disabled\" FROM sessions s"
	    " JOIN users u ON u.id = s.user_id WHERE s.hash = ?1",
	[Q_SESSION_TOUCH] = "UPDATE sessions SET seen_at = ?2"
	    " WHERE hash = ?1",
	[Q_SESSION_DELETE] = "DELETE FROM sessions WHERE hash = ?1",
	[Q_SESSIONS_END] = "DELETE FROM sessions WHERE user_id = ?1"
	    " AND (?2 IS NULL OR hash <> ?2)",
	[Q_SESSIONS_LIVE] = "SELECT s.hash, s.user_id, s.created_at,"
	    " s.seen_at FROM sessions s JOIN users u ON u.id = s.user_id"
	    " WHERE u.disabled = 0 AND s.seen_at > ?1 AND s.created_at > ?2",
	[Q_SESSIONS_PURGE] = "DELETE FROM sessions WHERE seen_at <= ?1"
	    " OR created_at <= ?2",
	[Q_AUTH_VERSION] = "SELECT version FROM auth_version WHERE id = 1",
	[Q_AUDIT_ADD] = "INSERT INTO audit (at, user_id, who, action, object,"
	    " address) VALUES (?1, nullif(?2, 0), ?3, ?4, ?5, ?6)",
	/*
	 * The log is only ever appended to, so its ids are 1 to n with no
	 * gap: n is max(id), and a page is one range of the rowid, however
	 * deep.
	 */
	[Q_AUDIT_LIST] = "SELECT id, at, who, action, object, address"
	    " FROM audit WHERE id <= ?1 ORDER BY id DESC LIMIT ?2",
	[Q_AUDIT_N] = "SELECT coalesce(max(id), 0) FROM audit",
	[Q_TOKEN_ADD] = "INSERT INTO api_tokens (hash, name, hint, user_id,"
	    " created_by, created_at) VALUES (?1, ?2, ?3, ?4, nullif(?5, 0),"
	    " ?6)",
	[Q_TOKEN_FIND] = TOKEN_COLS " WHERE t.hash = ?1",
	[Q_TOKENS] = TOKEN_COLS " ORDER BY t.revoked_at IS NOT NULL,"
	    " t.created_at DESC, t.id DESC",
	[Q_TOKEN_REVOKE] = "UPDATE api_tokens SET revoked_at = ?2"
	    " WHERE id = ?1 AND revoked_at IS NULL",
	[Q_TOKEN_TOUCH] = "UPDATE api_tokens SET used_at = ?2 WHERE id = ?1",
	[Q_COUNTS] = "SELECT (" COUNT("all", "0") ") AS articles,"
	    " (SELECT count(*) FROM issues WHERE status = 'published')"
	    " AS issues, (SELECT count(*) FROM sections) AS sections,"
	    " (SELECT count(*) FROM people) AS people,"
	    " (SELECT count(*) FROM publications) AS publications,"
	    " (SELECT count(*) FROM events) AS events,"
	    " (SELECT count(*) FROM users) AS users",
	/*
	 * The home page's most read: the days' rows from the index by day
	 * (reads_daily_day covers them; without INDEXED BY the planner
	 * walks the whole table in article order to group without a
	 * sort), summed per article, the top ?2; only those are joined.
	 * An article since unpublished drops out, so the caller asks for
	 * a few more than it shows.
	 */
	[Q_ART_MOST_READ] = ART_COLS ", k.n AS reads FROM (SELECT"
	    " article_id AS id, sum(reads) AS n FROM reads_daily"
	    " INDEXED BY reads_daily_day"
	    " WHERE day >= ?1 GROUP BY article_id"
	    " ORDER BY n DESC, article_id LIMIT ?2) k"
	    " JOIN articles a ON a.id = k.id"
	    " JOIN sections s ON s.id = a.section_id"
	    " LEFT JOIN issues i ON i.id = a.issue_id" ART_AUTHORS
	    ART_PUB " ORDER BY k.n DESC, a.id, l.position",
	/*
	 * A section's newest outside an issue (the home page's latest,
	 * the issue's being its contents): the section's index range,
	 * newest first, each key's row read for its issue, the issue's
	 * skipped before anything is joined.
	 */
	[Q_ART_SECTION_OUTSIDE] = ART_PAGE(KEYS_SECTION
	    " AND issue_id IS NOT (SELECT id FROM issues WHERE number = ?4)"
	    NEWEST),
	[Q_ART_TAG] = ART_PAGE(KEYS_TAG NEWEST),
	[Q_ART_TAG_ASC] = ART_PAGE(KEYS_TAG OLDEST),
	[Q_ART_TAG_N] = COUNT("tag", TAG_ID),
	[Q_ART_COUNTRY] = ART_PAGE(KEYS_COUNTRY NEWEST),
	[Q_ART_COUNTRY_ASC] = ART_PAGE(KEYS_COUNTRY OLDEST),
	[Q_ART_COUNTRY_N] = COUNT("country", "?3"),
};

/*
 * How a statement's columns become keys (row_json), worked out once per
 * statement from the column names: the key, and for "a.b" the object a.
 */
struct col {
	char		*key;
	size_t		 keylen;
	char		*parent;	/* NULL: a top-level key */
	size_t		 parentlen;
	int		 list;		/* parent is a list: "a[].b" */
	int		 run;		/* first column of a nested object's
					   columns (all side by side): their
					   number; 0 elsewhere */
};
struct cols {
	int		 n;
	const char	*list;		/* the list's key, or NULL */
	size_t		 listlen;
	struct col	 c[];
};

/*
 * The statements of the sqlite_<topic>.c files, prepared on first use
 * and kept by the address of their text (each file's table of SQL).
 */
#define SQ_MORE	128
struct sq_more {
	const char	*sql;
	sqlite3_stmt	*st;
	struct cols	*cols;
};

struct sq {
	sqlite3		*db;
	sqlite3_stmt	*st[Q__MAX];
	struct cols	*cols[Q__MAX];
	struct sq_more	 more[SQ_MORE];
};

static enum err
sq_err(struct sq *s, int rc, const char *what)
{
	/* Another connection holds a lock we waited for in vain. */
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
		log_debug("sqlite: %s: %s", what, sqlite3_errmsg(s->db));
		return ERR_BUSY;
	}
	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return ERR_CONFLICT;
	case SQLITE_CONSTRAINT_NOTNULL:
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return ERR_INVAL;
	default:
		log_warnx("sqlite: %s: %s", what, sqlite3_errmsg(s->db));
		return ERR_DB;
	}
}

/* The prepared statement for q, reset and unbound, ready to bind. */
static enum err
sq_stmt(struct sq *s, enum q q, sqlite3_stmt **out)
{
	int rc;

	if (s->st[q] == NULL) {
		rc = sqlite3_prepare_v3(s->db, sql[q], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->st[q], NULL);
		if (rc != SQLITE_OK)
			return sq_err(s, rc, sql[q]);
	}
	*out = s->st[q];
	return ERR_OK;
}

static void
sq_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static enum err
sq_exec(struct sq *s, const char *text)
{
	char *msg = NULL;
	int rc;

	if (sqlite3_exec(s->db, text, NULL, NULL, &msg) != SQLITE_OK) {
		rc = sqlite3_errcode(s->db);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			sqlite3_free(msg);
			return ERR_BUSY;
		}
		log_warnx("sqlite: %s", msg != NULL ? msg :
		    sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return ERR_DB;
	}
	return ERR_OK;
}

/* Run a statement that returns no row (transactions). */
static enum err
sq_do(struct sq *s, enum q q)
{
	sqlite3_stmt *st = NULL;
	enum err e;
	int rc;

	if ((e = sq_stmt(s, q, &st)) != ERR_OK)
		return e;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		e = sq_err(s, rc, sql[q]);
	sqlite3_reset(st);
	return e;
}

/*
 * Column i as JSON.  Text is checked with utf8_valid (its ASCII fast path
 * is several times quicker than jansson's own check): what the store
 * writes is valid, and text that is not (a hand edit) gives NULL, and so
 * no key, as json_stringn would.
 */
static json_t *
col_json(sqlite3_stmt *st, int i)
{
	const char *p;
	size_t n;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(st, i));
	case SQLITE_NULL:
		return json_null();
	default:
		p = (const char *)sqlite3_column_text(st, i);
		n = (size_t)sqlite3_column_bytes(st, i);
		return utf8_valid(p, n) ? json_stringn_nocheck(p, n) : NULL;
	}
}

static int
cols_same_parent(const struct col *a, const struct col *b)
{
	return a->parent != NULL && b->parent != NULL && !a->list &&
	    !b->list && strcmp(a->parent, b->parent) == 0;
}

/*
 * Mark the runs of a nested object's columns that may be shared with the
 * previous record: only an object whose columns are all side by side.
 */
static void
cols_runs(struct cols *cs)
{
	int i, j, k;

	for (i = 0; i < cs->n; i = j) {
		for (j = i + 1; j < cs->n && cols_same_parent(&cs->c[i],
		    &cs->c[j]); j++)
			continue;
		if (cs->c[i].parent == NULL || cs->c[i].list)
			continue;
		for (k = 0; k < cs->n; k++)
			if ((k < i || k >= j) && cols_same_parent(&cs->c[i],
			    &cs->c[k]))
				break;
		if (k == cs->n)
			cs->c[i].run = j - i;
	}
}

static struct cols *
cols_new(sqlite3_stmt *st)
{
	int i, n = sqlite3_column_count(st);
	struct cols *cs = xcalloc(1, sizeof(*cs) + (size_t)n *
	    sizeof(cs->c[0]));
	const char *name, *dot;
	size_t len;

	cs->n = n;
	for (i = 0; i < n; i++) {
		name = sqlite3_column_name(st, i);
		if ((dot = strchr(name, '.')) != NULL) {
			len = (size_t)(dot - name);
			if (len > 2 && strncmp(dot - 2, "[]", 2) == 0) {
				cs->c[i].list = 1;
				len -= 2;
			}
			cs->c[i].parent = xstrndup(name, len);
			cs->c[i].parentlen = len;
			name = dot + 1;
		}
		cs->c[i].key = xstrdup(name);
		cs->c[i].keylen = strlen(name);
		if (cs->c[i].list) {
			/* One list per statement (authors). */
			assert(cs->list == NULL ||
			    strcmp(cs->list, cs->c[i].parent) == 0);
			cs->list = cs->c[i].parent;
			cs->listlen = cs->c[i].parentlen;
		}
	}
	cols_runs(cs);
	return cs;
}

static void
cols_free(struct cols *cs)
{
	int i;

	if (cs == NULL)
		return;
	for (i = 0; i < cs->n; i++) {
		free(cs->c[i].key);
		free(cs->c[i].parent);
	}
	free(cs);
}

/* Whether o holds exactly the row's columns [i, i + run), equal. */
static int
run_equal(sqlite3_stmt *st, const struct cols *cs, int i, json_t *o)
{
	const struct col *c;
	const char *p;
	json_t *v;
	size_t keys = 0, n;
	int k;

	if (!json_is_object(o))
		return 0;
	for (k = i; k < i + cs->c[i].run; k++) {
		c = &cs->c[k];
		v = json_object_getn(o, c->key, c->keylen);
		switch (sqlite3_column_type(st, k)) {
		case SQLITE_NULL:
			if (v != NULL)
				return 0;
			continue;
		case SQLITE_INTEGER:
			if (!json_is_integer(v) || json_integer_value(v) !=
			    sqlite3_column_int64(st, k))
				return 0;
			break;
		case SQLITE_FLOAT:
			if (!json_is_real(v) || json_real_value(v) !=
			    sqlite3_column_double(st, k))
				return 0;
			break;
		default:
			p = (const char *)sqlite3_column_text(st, k);
			n = (size_t)sqlite3_column_bytes(st, k);
			if (!json_is_string(v) || json_string_length(v) != n ||
			    memcmp(json_string_value(v), p, n) != 0)
				return 0;
		}
		keys++;
	}
	return json_object_size(o) == keys;
}

/*
 * The current row as an object, by the naming rule at the top; with rec
 * set, the row only adds its list item to rec (a record's next author).
 * A new record shares each nested object equal to prev's (the previous
 * record, or NULL).
 */
static json_t *
row_json(sqlite3_stmt *st, const struct cols *cs, json_t *rec, json_t *prev)
{
	json_t *sub = NULL, *item = NULL, *o;
	const char *in = NULL;
	int i, fresh = rec == NULL;

	if (fresh)
		rec = json_object();
	for (i = 0; i < cs->n; i++) {
		const struct col *c = &cs->c[i];

		if (c->list) {
			if (sqlite3_column_type(st, i) == SQLITE_NULL)
				continue;
			if (item == NULL)
				item = json_object();
			json_object_setn_new_nocheck(item, c->key, c->keylen,
			    col_json(st, i));
			continue;
		}
		if (!fresh)
			continue;
		if (c->parent == NULL) {
			json_object_setn_new_nocheck(rec, c->key, c->keylen,
			    col_json(st, i));
			continue;
		}
		o = c->run > 0 && prev != NULL ? json_object_getn(prev,
		    c->parent, c->parentlen) : NULL;
		if (o != NULL && run_equal(st, cs, i, o)) {
			json_object_setn_nocheck(rec, c->parent, c->parentlen,
			    o);
			i += c->run - 1;
			continue;
		}
		if (sqlite3_column_type(st, i) == SQLITE_NULL)
			continue;
		if (c->parent != in) {
			in = c->parent;
			sub = json_object_getn(rec, c->parent, c->parentlen);
			if (sub == NULL) {
				sub = json_object();
				json_object_setn_new_nocheck(rec, c->parent,
				    c->parentlen, sub);
			}
		}
		json_object_setn_new_nocheck(sub, c->key, c->keylen,
		    col_json(st, i));
	}
	if (cs->list != NULL) {
		if (fresh)
			json_object_setn_new_nocheck(rec, cs->list,
			    cs->listlen, json_array());
		if (item != NULL)
			json_array_append_new(json_object_getn(rec, cs->list,
			    cs->listlen), item);
	}
	return rec;
}

/*
 * Step through the rows of q, bound, into an array of records: skip the
 * first skip records and keep at most max (-1: all); with one set, the
 * first record itself.  A statement with a list (authors) gives several
 * rows to a record, all with the record's id in the first column.
 */
static enum err
records(struct sq *s, sqlite3_stmt *st, struct cols **cols, int one,
    long skip, long max, json_t **out)
{
	json_t *arr = json_array(), *rec = NULL, *prev = NULL;
	int64_t id = 0;
	long n = 0;
	enum err e = ERR_OK;
	int rc;

	if (one)
		max = 1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*cols == NULL)
			*cols = cols_new(st);
		if ((*cols)->list != NULL && n > 0 &&
		    sqlite3_column_int64(st, 0) == id) {
			if (rec != NULL)
				row_json(st, *cols, rec, NULL);
			continue;
		}
		if (max >= 0 && n - skip >= max)
			break;
		id = sqlite3_column_int64(st, 0);
		rec = NULL;
		if (n++ < skip)
			continue;
		rec = row_json(st, *cols, NULL, prev);
		json_array_append_new(arr, rec);
		prev = rec;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		e = sq_err(s, rc, "step");
	else if (one && json_array_size(arr) == 0)
		e = ERR_NOTFOUND;
	sq_done(st);
	if (e == ERR_OK && one)
		*out = json_incref(json_array_get(arr, 0));
	else if (e == ERR_OK)
		*out = json_incref(arr);
	json_decref(arr);
	return e;
}

static enum err
sq_records(struct sq *s, enum q q, int one, long skip, long max,
    json_t **out)
{
	return records(s, s->st[q], &s->cols[q], one, skip, max, out);
}

static enum err
sq_rows(struct sq *s, enum q q, int one, json_t **out)
{
	return sq_records(s, q, one, 0, -1, out);
}

static enum err
sq_list(struct sq *s, enum q q, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, q, &st)) != ERR_OK)
		return e;
	return sq_rows(s, q, 0, out);
}

static enum err
sq_count(struct sq *s, sqlite3_stmt *st, long *out)
{
	int rc = sqlite3_step(st);
	enum err e = ERR_OK;

	if (rc == SQLITE_ROW)
		*out = (long)sqlite3_column_int64(st, 0);
	else
		e = sq_err(s, rc, "count");
	sq_done(st);
	return e;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static enum err
sq_open(const char *dsn, int create, void **out)
{
	struct sq *s = xcalloc(1, sizeof(*s));
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	enum err e = ERR_DB;

	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(dsn, &s->db, flags, NULL) != SQLITE_OK) {
		log_warnx("%s: %s", dsn, s->db != NULL ?
		    sqlite3_errmsg(s->db) : "cannot open");
		e = create ? ERR_IO : ERR_NOTFOUND;
		goto fail;
	}
	sqlite3_busy_timeout(s->db, LIMIT_BUSY_WAIT_MS);
	if ((e = sq_exec(s, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = FULL;"
	    "PRAGMA foreign_keys = ON;")) != ERR_OK ||
	    (e = sqlite_search_open(s->db)) != ERR_OK)
		goto fail;
	*out = s;
	return ERR_OK;
fail:
	sqlite3_close(s->db);
	free(s);
	return e;
}

static void
sq_busy_wait(void *p, int ms)
{
	struct sq *s = p;

	sqlite3_busy_timeout(s->db, ms);
}

static void
sq_cache(void *p, long kib)
{
	struct sq *s = p;
	char pragma[64];

	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size = -%ld", kib);
	(void)sq_exec(s, pragma);	/* the default stays: only slower */
}

static void
sq_close(void *p)
{
	struct sq *s = p;
	int i;

	for (i = 0; i < Q__MAX; i++) {
		sqlite3_finalize(s->st[i]);
		cols_free(s->cols[i]);
	}
	for (i = 0; i < SQ_MORE; i++) {
		sqlite3_finalize(s->more[i].st);
		cols_free(s->more[i].cols);
	}
	sqlite3_close(s->db);
	free(s);
}

static enum err
sq_user_version(struct sq *s, int *v)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
	    NULL)) != SQLITE_OK)
		return sq_err(s, rc, "user_version");
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? ERR_OK : sq_err(s, rc, "user_version");
}

static enum err
sq_schema_version(void *p, int *have, int *want)
{
	*want = sqlite_migrations_count;
	return sq_user_version(p, have);
}

static enum err
sq_migrate(void *p, int *from, int *to)
{
	struct sq *s = p;
	char pragma[64];
	enum err e;
	int v;

	if ((e = sq_exec(s, "BEGIN IMMEDIATE")) != ERR_OK)
		return e;
	if ((e = sq_user_version(s, &v)) != ERR_OK)
		goto fail;
	*from = v;
	if (v > sqlite_migrations_count) {
		log_warnx("database schema %d is newer than this program's %d",
		    v, sqlite_migrations_count);
		e = ERR_INVAL;
		goto fail;
	}
	for (; v < sqlite_migrations_count; v++) {
		if ((e = sq_exec(s, sqlite_migrations[v])) != ERR_OK)
			goto fail;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		    v + 1);
		if ((e = sq_exec(s, pragma)) != ERR_OK)
			goto fail;
	}
	*to = v;
	return sq_exec(s, "COMMIT");
fail:
	sq_exec(s, "ROLLBACK");
	return e;
}

static enum err
sq_version(void *p, int64_t *v)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;
	int rc;

	if ((e = sq_stmt(s, Q_VERSION, &st)) != ERR_OK)
		return e;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	else
		e = sq_err(s, rc, "version");
	sq_done(st);
	return e;
}

static enum err
sq_begin(void *p)
{
	return sq_do(p, Q_BEGIN_WRITE);
}

/* The stale articles' pairs made again first (sqlite_pairs.c). */
static enum err
sq_commit(void *p)
{
	enum err e;

	if ((e = sqlite_pairs_refresh(p)) != ERR_OK)
		return e;
	return sq_do(p, Q_COMMIT);
}

static void
sq_rollback(void *p)
{
	struct sq *s = p;

	if (!sqlite3_get_autocommit(s->db))
		sq_do(s, Q_ROLLBACK);
}

/* Bind each :name parameter to the value of that name (record.c). */
static void
bind_values(sqlite3_stmt *st, const struct store_value *v, size_t n)
{
	const struct store_value *x;
	const char *name;
	int i, np = sqlite3_bind_parameter_count(st);

	for (i = 1; i <= np; i++) {
		name = sqlite3_bind_parameter_name(st, i);
		if (name == NULL || name[0] != ':')
			continue;
		x = store_value_get(v, n, name + 1);
		if (x == NULL || x->type == STORE_NULL ||
		    x->type == STORE_LIST)
			sqlite3_bind_null(st, i);
		else if (x->type == STORE_INT)
			sqlite3_bind_int64(st, i, x->num);
		else
			sqlite3_bind_text(st, i, x->text, (int)x->len,
			    SQLITE_STATIC);
	}
}

static enum err
sq_step_done(struct sq *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	enum err e = ERR_OK;

	if (rc != SQLITE_DONE)
		e = sq_err(s, sqlite3_extended_errcode(s->db), what);
	sq_done(st);
	return e;
}

/* Run q bound to the values and, as ?1, the new row's id (if any). */
static enum err
put_stmt(struct sq *s, enum q q, int64_t id, const struct store_value *v,
    size_t n)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, q, &st)) != ERR_OK)
		return e;
	if (id > 0)
		sqlite3_bind_int64(st, 1, id);
	bind_values(st, v, n);
	return sq_step_done(s, st, sql[q]);
}

static enum err
put_authors(struct sq *s, enum q q, int64_t id,
    const struct store_value *authors)
{
	sqlite3_stmt *st = NULL;
	int64_t i;
	enum err e;

	for (i = 0; authors != NULL && authors->type == STORE_LIST &&
	    i < authors->num; i++) {
		if ((e = sq_stmt(s, q, &st)) != ERR_OK)
			return e;
		sqlite3_bind_int64(st, 1, id);
		bind_text(st, 2, authors->items[i]);
		sqlite3_bind_int64(st, 3, i + 1);
		if ((e = sq_step_done(s, st, "author")) != ERR_OK)
			return e;
	}
	return ERR_OK;
}

/* An article record's tags (names) and countries (codes), if any. */
static enum err
put_terms(struct sq *s, int64_t id, const struct store_value *v, size_t n)
{
	const struct store_value *t = store_value_get(v, n, "tags");
	const struct store_value *c = store_value_get(v, n, "countries");
	enum err e = ERR_OK;

	if (t != NULL && t->type == STORE_LIST)
		e = sqlite_article_tags_add(s, id, t->items, (size_t)t->num);
	if (e == ERR_OK && c != NULL && c->type == STORE_LIST)
		e = sqlite_article_countries_add(s, id, c->items,
		    (size_t)c->num);
	return e;
}

/* Each kind's statements: its row, then the rows that hang off it. */
static const struct {
	enum q		 row;
	enum q		 authors;	/* Q__MAX: none */
	enum q		 more[2];	/* Q__MAX: none */
} puts_tab[STORE_KIND__MAX] = {
	[STORE_SITE] = { P_SITE, Q__MAX, { Q__MAX, Q__MAX } },
	[STORE_SECTION] = { P_SECTION, Q__MAX, { Q__MAX, Q__MAX } },
	[STORE_PUB_TYPE] = { P_PUB_TYPE, Q__MAX, { Q__MAX, Q__MAX } },
	[STORE_PERSON] = { P_PERSON, Q__MAX, { Q__MAX, Q__MAX } },
	[STORE_ISSUE] = { P_ISSUE, Q__MAX, { Q__MAX, Q__MAX } },
	[STORE_ARTICLE] = { P_ARTICLE, P_ARTICLE_AUTHOR,
	    { P_ARTICLE_BODY, P_ARTICLE_READS } },
	[STORE_PUBLICATION] = { P_PUBLICATION, P_PUBLICATION_AUTHOR,
	    { Q__MAX, Q__MAX } },
	[STORE_LINK] = { P_LINK, Q__MAX, { Q__MAX, Q__MAX } },
	[STORE_EVENT] = { P_EVENT, Q__MAX, { Q__MAX, Q__MAX } },
};

static enum err
put_one(struct sq *s, enum store_kind k, const struct store_value *v,
    size_t n)
{
	sqlite3_stmt *st = NULL;
	int64_t id;
	size_t i;
	enum err e;

	if (k == STORE_SITE) {
		for (i = 0; i < n; i++) {
			if ((e = sq_stmt(s, P_SITE, &st)) != ERR_OK)
				return e;
			bind_text(st, 1, v[i].name);
			sqlite3_bind_text(st, 2, v[i].text, (int)v[i].len,
			    SQLITE_STATIC);
			if ((e = sq_step_done(s, st, "site")) != ERR_OK)
				return e;
		}
		return ERR_OK;
	}
	if ((e = put_stmt(s, puts_tab[k].row, 0, v, n)) != ERR_OK)
		return e;
	id = sqlite3_last_insert_rowid(s->db);
	if (puts_tab[k].authors != Q__MAX &&
	    (e = put_authors(s, puts_tab[k].authors, id,
	    store_value_get(v, n, "authors"))) != ERR_OK)
		return e;
	for (i = 0; i < nitems(puts_tab[k].more); i++)
		if (puts_tab[k].more[i] != Q__MAX &&
		    (e = put_stmt(s, puts_tab[k].more[i], id, v, n)) != ERR_OK)
			return e;
	if (k == STORE_ARTICLE)
		return put_terms(s, id, v, n);
	return ERR_OK;
}

/* One record, all or nothing: its row and the rows hanging off it. */
static enum err
sq_put(void *p, enum store_kind k, const struct store_value *v, size_t n)
{
	struct sq *s = p;
	enum err rc;

	if ((unsigned)k >= STORE_KIND__MAX)
		return ERR_INVAL;
	if ((rc = sq_do(s, Q_SAVEPOINT)) != ERR_OK)
		return rc;
	if ((rc = put_one(s, k, v, n)) != ERR_OK) {
		sq_do(s, Q_SAVEPOINT_UNDO);
		sq_do(s, Q_SAVEPOINT_RELEASE);
		return rc;
	}
	return sq_do(s, Q_SAVEPOINT_RELEASE);
}

static enum err
sq_site_get(void *p, json_t **out)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	json_t *o;
	enum err e;
	int rc;

	if ((e = sq_stmt(s, Q_SITE, &st)) != ERR_OK)
		return e;
	o = json_object();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_object_set_new(o,
		    (const char *)sqlite3_column_text(st, 0),
		    json_string((const char *)sqlite3_column_text(st, 1)));
	if (rc != SQLITE_DONE)
		e = sq_err(s, rc, "site");
	sq_done(st);
	if (e != ERR_OK) {
		json_decref(o);
		return e;
	}
	*out = o;
	return ERR_OK;
}

static enum err
sq_sections_list(void *p, json_t **out)
{
	return sq_list(p, Q_SECTIONS, out);
}

static enum err
sq_sitemap_pages(void *p, json_t **out)
{
	return sq_list(p, Q_SITEMAP_PAGES, out);
}

static enum err
sq_article_stamps(void *p, long limit, long offset, json_t **out,
    long *total)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, Q_ART_STAMPS, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	sqlite3_bind_int64(st, 2, offset);
	if ((e = sq_rows(s, Q_ART_STAMPS, 0, out)) != ERR_OK)
		return e;
	if ((e = sq_stmt(s, Q_ART_RECENT_N, &st)) == ERR_OK &&
	    (e = sq_count(s, st, total)) == ERR_OK)
		return ERR_OK;
	json_decref(*out);
	*out = NULL;
	return e;
}

static enum err
sq_issues_list(void *p, json_t **out)
{
	return sq_list(p, Q_ISSUES, out);
}

static enum err
sq_issue_get(void *p, long number, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_ISSUE_GET, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, number);
	return sq_rows(p, Q_ISSUE_GET, 1, out);
}

static enum err
sq_issue_latest(void *p, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_ISSUE_LATEST, &st)) != ERR_OK)
		return e;
	return sq_rows(p, Q_ISSUE_LATEST, 1, out);
}

/* Bind the ?1 limit (0: all) and ?2 offset common to list queries. */
static void
bind_page(sqlite3_stmt *st, long limit, long offset)
{
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	sqlite3_bind_int64(st, 2, offset);
}

/* Each article list: newest first, oldest first (NONE: no such), count. */
static const struct {
	enum q		 desc, asc, count;
} art_lists[] = {
	{ Q_ART_RECENT, Q_ART_RECENT_ASC, Q_ART_RECENT_N },
	{ Q_ART_SECTION, Q_ART_SECTION_ASC, Q_ART_SECTION_N },
	{ Q_ART_ISSUE, Q__MAX, Q_ART_ISSUE_N },
	{ Q_ART_AUTHOR, Q_ART_AUTHOR_ASC, Q_ART_AUTHOR_N },
	{ Q_ART_TAG, Q_ART_TAG_ASC, Q_ART_TAG_N },
	{ Q_ART_COUNTRY, Q_ART_COUNTRY_ASC, Q_ART_COUNTRY_N },
};

/* The ?3 filter of a list query. */
static void
bind_filter(sqlite3_stmt *st, const struct store_query *q)
{
	if (q->section != NULL)
		bind_text(st, 3, q->section);
	else if (q->issue > 0)
		sqlite3_bind_int64(st, 3, q->issue);
	else if (q->author != NULL)
		bind_text(st, 3, q->author);
	else if (q->tag != NULL)
		bind_text(st, 3, q->tag);
	else if (q->country != NULL)
		bind_text(st, 3, q->country);
}

/*
 * The count comes first, from its kept row, and tells how deep the page
 * is: a page in the far half of its list is read from the list's other
 * end, so no page skips more than half the list's index entries.  Count
 * and page are read in one transaction, so they agree.
 */
static enum err
art_page(struct sq *s, const struct store_query *q, json_t **out,
    long *total)
{
	size_t l = q->section != NULL ? 1 : q->issue > 0 ? 2 :
	    q->author != NULL ? 3 : q->tag != NULL ? 4 :
	    q->country != NULL ? 5 : 0;
	long n = -1, limit = q->limit, offset = q->offset;
	sqlite3_stmt *st = NULL;
	enum q lq = art_lists[l].desc;
	enum err e;

	if (total != NULL || (offset > 0 && art_lists[l].asc != Q__MAX)) {
		if ((e = sq_stmt(s, art_lists[l].count, &st)) != ERR_OK)
			return e;
		bind_filter(st, q);
		if ((e = sq_count(s, st, &n)) != ERR_OK)
			return e;
		if (total != NULL)
			*total = n;
	}
	if (n >= 0 && offset >= n) {
		*out = json_array();
		return ERR_OK;
	}
	if (n >= 0 && limit > 0 && art_lists[l].asc != Q__MAX &&
	    offset > n - offset - limit) {
		lq = art_lists[l].asc;
		if (offset + limit > n)
			limit = n - offset;
		offset = n - offset - limit;
	}
	if ((e = sq_stmt(s, lq, &st)) != ERR_OK)
		return e;
	bind_filter(st, q);
	if (lq == Q_ART_ISSUE)
		return sq_records(s, lq, 0, offset, limit > 0 ? limit : -1,
		    out);
	bind_page(st, limit, offset);
	return sq_rows(s, lq, 0, out);
}

/*
 * A list and its count in one read transaction (unless the caller has one
 * open), so that they agree.
 */
static enum err
sq_read(struct sq *s, enum err (*fn)(struct sq *, const struct store_query *,
    json_t **, long *), const struct store_query *q, json_t **out,
    long *total)
{
	int txn = sqlite3_get_autocommit(s->db);
	enum err e;

	if (txn && (e = sq_do(s, Q_BEGIN_READ)) != ERR_OK)
		return e;
	e = fn(s, q, out, total);
	if (txn)
		sq_do(s, e == ERR_OK ? Q_COMMIT : Q_ROLLBACK);
	return e;
}

static enum err
sq_articles_list(void *p, const struct store_query *q, json_t **out,
    long *total)
{
	return sq_read(p, art_page, q, out, total);
}

static enum err
sq_article_get(void *p, const char *slug, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_ARTICLE_GET, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, slug);
	return sq_rows(p, Q_ARTICLE_GET, 1, out);
}

static enum err
sq_person_get(void *p, const char *slug, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_PERSON_GET, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, slug);
	return sq_rows(p, Q_PERSON_GET, 1, out);
}

static enum err
sq_people_list(void *p, int staff_only, json_t **out)
{
	return sq_list(p, staff_only ? Q_PEOPLE_STAFF : Q_PEOPLE_ALL, out);
}

static enum err
sq_pub_types_list(void *p, json_t **out)
{
	return sq_list(p, Q_PUB_TYPES, out);
}

static void
bind_pubs(sqlite3_stmt *st, const struct store_query *q)
{
	bind_page(st, q->limit, q->offset);
	bind_text(st, 3, q->type);
	bind_text(st, 4, q->author);
	sqlite3_bind_int(st, 5, q->staff);
}

static enum err
pub_page(struct sq *s, const struct store_query *q, json_t **out,
    long *total)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, Q_PUBS, &st)) != ERR_OK)
		return e;
	bind_pubs(st, q);
	if ((e = sq_rows(s, Q_PUBS, 0, out)) != ERR_OK || total == NULL)
		return e;
	if ((e = sq_stmt(s, Q_PUBS_N, &st)) == ERR_OK) {
		bind_pubs(st, q);
		if ((e = sq_count(s, st, total)) == ERR_OK)
			return ERR_OK;
	}
	json_decref(*out);
	*out = NULL;
	return e;
}

static enum err
sq_publications_list(void *p, const struct store_query *q, json_t **out,
    long *total)
{
	return sq_read(p, pub_page, q, out, total);
}

static enum err
sq_links_list(void *p, json_t **out)
{
	return sq_list(p, Q_LINKS, out);
}

static enum err
sq_events_list(void *p, int upcoming, int64_t now, json_t **out)
{
	sqlite3_stmt *st = NULL;
	char iso[TIME_ISO_LEN];
	enum err e;
	enum q q = upcoming ? Q_EVENTS_UP : Q_EVENTS_PAST;

	time_iso(now, TIME_ISO_SECONDS, iso);
	if ((e = sq_stmt(p, q, &st)) != ERR_OK)
		return e;
	sqlite3_bind_text(st, 1, iso, -1, SQLITE_TRANSIENT);
	return sq_rows(p, q, 0, out);
}

static enum err
sq_subscriber_add(void *p, const char *email, const char *token,
    int *created)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, Q_SUB_ADD, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, email);
	bind_text(st, 2, token);
	if ((e = sq_step_done(s, st, "subscriber")) != ERR_OK)
		return e;
	*created = sqlite3_changes(s->db) > 0;
	return ERR_OK;
}

static enum err
sq_reads_add(void *p, const struct store_reads *r, size_t n,
    const char *day)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	size_t i;
	enum err e;

	if ((e = sq_begin(s)) != ERR_OK)
		return e;
	for (i = 0; i < n; i++) {
		if ((e = sq_stmt(s, Q_READS_ADD, &st)) != ERR_OK)
			goto fail;
		sqlite3_bind_int64(st, 1, r[i].article_id);
		sqlite3_bind_int64(st, 2, r[i].n);
		if ((e = sq_step_done(s, st, "reads")) != ERR_OK)
			goto fail;
		if ((e = sq_stmt(s, Q_DAILY_ADD, &st)) != ERR_OK)
			goto fail;
		sqlite3_bind_int64(st, 1, r[i].article_id);
		sqlite3_bind_int64(st, 2, r[i].n);
		bind_text(st, 3, day);
		if ((e = sq_step_done(s, st, "reads_daily")) != ERR_OK)
			goto fail;
	}
	return sq_commit(s);
fail:
	sq_rollback(s);
	return e;
}

/* Run q with ?1 id and ?2 text (or num when text is NULL): one row. */
static enum err
sq_change(struct sq *s, enum q q, int64_t id, const char *text,
    int64_t num)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, q, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	if (text != NULL)
		bind_text(st, 2, text);
	else
		sqlite3_bind_int64(st, 2, num);
	if ((e = sq_step_done(s, st, sql[q])) != ERR_OK)
		return e;
	return sqlite3_changes(s->db) > 0 ? ERR_OK : ERR_NOTFOUND;
}

static enum err
sq_user_add(void *p, const char *email, const char *role,
    const char *password, int64_t now, int64_t *id)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, Q_USER_ADD, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, email);
	bind_text(st, 2, role);
	bind_text(st, 3, password);
	sqlite3_bind_int64(st, 4, now);
	if ((e = sq_step_done(s, st, "user")) != ERR_OK)
		return e;
	*id = sqlite3_last_insert_rowid(s->db);
	return ERR_OK;
}

static enum err
sq_user_get(void *p, int64_t id, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_USER_GET, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, id);
	return sq_rows(p, Q_USER_GET, 1, out);
}

static enum err
sq_user_find(void *p, const char *email, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_USER_FIND, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, email);
	return sq_rows(p, Q_USER_FIND, 1, out);
}

static enum err
sq_users_list(void *p, json_t **out)
{
	return sq_list(p, Q_USERS, out);
}

static enum err
sq_user_set(void *p, int64_t id, enum store_user_field f, const char *text,
    int64_t num)
{
	static const enum q q[STORE_USER__MAX] = {
		[STORE_USER_ROLE] = Q_USER_ROLE,
		[STORE_USER_PASSWORD] = Q_USER_PASSWORD,
		[STORE_USER_DISABLED] = Q_USER_DISABLED,
		[STORE_USER_SIGNED_IN] = Q_USER_SIGNED_IN,
	};

	if (f == STORE_USER_DISABLED || f == STORE_USER_SIGNED_IN)
		text = NULL;
	else if (text == NULL)
		return ERR_INVAL;
	return sq_change(p, q[f], id, text, num);
}

static enum err
sq_session_add(void *p, const char *hash, int64_t user, int64_t now,
    const char *addr, const char *ua)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, Q_SESSION_ADD, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, hash);
	sqlite3_bind_int64(st, 2, user);
	sqlite3_bind_int64(st, 3, now);
	bind_text(st, 4, addr);
	bind_text(st, 5, ua);
	return sq_step_done(s, st, "session");
}

static enum err
sq_session_get(void *p, const char *hash, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_SESSION_GET, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, hash);
	return sq_rows(p, Q_SESSION_GET, 1, out);
}

/* Run q on the session of hash (and ?2 num); ERR_NOTFOUND if none. */
static enum err
session_change(struct sq *s, enum q q, const char *hash, int64_t num)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, q, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, hash);
	if (q == Q_SESSION_TOUCH)
		sqlite3_bind_int64(st, 2, num);
	if ((e = sq_step_done(s, st, sql[q])) != ERR_OK)
		return e;
	return sqlite3_changes(s->db) > 0 ? ERR_OK : ERR_NOTFOUND;
}

static enum err
sq_session_touch(void *p, const char *hash, int64_t now)
{
	return session_change(p, Q_SESSION_TOUCH, hash, now);
}

static enum err
sq_session_delete(void *p, const char *hash)
{
	return session_change(p, Q_SESSION_DELETE, hash, 0);
}

static enum err
sq_sessions_end(void *p, int64_t user, const char *keep, long *n)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, Q_SESSIONS_END, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, user);
	bind_text(st, 2, keep);
	if ((e = sq_step_done(s, st, "sessions")) != ERR_OK)
		return e;
	*n = sqlite3_changes(s->db);
	return ERR_OK;
}

/* Bind ?1 and ?2 to two times and run q (for its rows, or not). */
static enum err
sq_times(struct sq *s, enum q q, int64_t a, int64_t b, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, q, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	if (out != NULL)
		return sq_rows(s, q, 0, out);
	return sq_step_done(s, st, sql[q]);
}

static enum err
sq_sessions_live(void *p, int64_t seen_after, int64_t created_after,
    json_t **out)
{
	return sq_times(p, Q_SESSIONS_LIVE, seen_after, created_after, out);
}

static enum err
sq_sessions_purge(void *p, int64_t seen_before, int64_t created_before)
{
	return sq_times(p, Q_SESSIONS_PURGE, seen_before, created_before,
	    NULL);
}

static enum err
sq_auth_version(void *p, int64_t *v)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	long n = 0;
	enum err e;

	if ((e = sq_stmt(s, Q_AUTH_VERSION, &st)) != ERR_OK ||
	    (e = sq_count(s, st, &n)) != ERR_OK)
		return e;
	*v = n;
	return ERR_OK;
}

static enum err
sq_audit_add(void *p, const struct store_audit *a)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, Q_AUDIT_ADD, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, a->at);
	sqlite3_bind_int64(st, 2, a->user_id);
	bind_text(st, 3, a->who);
	bind_text(st, 4, a->action);
	bind_text(st, 5, a->object);
	bind_text(st, 6, a->address);
	return sq_step_done(s, st, "audit");
}

static enum err
audit_page(struct sq *s, const struct store_query *q, json_t **out,
    long *total)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, Q_AUDIT_N, &st)) != ERR_OK ||
	    (e = sq_count(s, st, total)) != ERR_OK ||
	    (e = sq_stmt(s, Q_AUDIT_LIST, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, *total - q->offset);
	sqlite3_bind_int64(st, 2, q->limit > 0 ? q->limit : -1);
	return sq_rows(s, Q_AUDIT_LIST, 0, out);
}

static enum err
sq_audit_list(void *p, long limit, long offset, json_t **out, long *total)
{
	struct store_query q = { .limit = limit, .offset = offset };
	long n;

	return sq_read(p, audit_page, &q, out, total != NULL ? total : &n);
}

static enum err
sq_counts(void *p, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_COUNTS, &st)) != ERR_OK)
		return e;
	return sq_rows(p, Q_COUNTS, 1, out);
}

static enum err
sq_token_add(void *p, const struct store_token *t, int64_t *id)
{
	struct sq *s = p;
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(s, Q_TOKEN_ADD, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, t->hash);
	bind_text(st, 2, t->name);
	bind_text(st, 3, t->hint);
	sqlite3_bind_int64(st, 4, t->user_id);
	sqlite3_bind_int64(st, 5, t->created_by);
	sqlite3_bind_int64(st, 6, t->created_at);
	if ((e = sq_step_done(s, st, "token")) != ERR_OK)
		return e;
	*id = sqlite3_last_insert_rowid(s->db);
	return ERR_OK;
}

static enum err
sq_token_find(void *p, const char *hash, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_TOKEN_FIND, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, hash);
	return sq_rows(p, Q_TOKEN_FIND, 1, out);
}

static enum err
sq_tokens_list(void *p, json_t **out)
{
	return sq_list(p, Q_TOKENS, out);
}

static enum err
sq_token_revoke(void *p, int64_t id, int64_t now)
{
	return sq_change(p, Q_TOKEN_REVOKE, id, NULL, now);
}

static enum err
sq_token_touch(void *p, int64_t id, int64_t now)
{
	return sq_change(p, Q_TOKEN_TOUCH, id, NULL, now);
}

static enum err
sq_articles_most_read(void *p, const char *since, long limit, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_ART_MOST_READ, &st)) != ERR_OK)
		return e;
	bind_text(st, 1, since);
	sqlite3_bind_int64(st, 2, limit);
	return sq_rows(p, Q_ART_MOST_READ, 0, out);
}

static enum err
sq_articles_section_outside(void *p, const char *section, long issue,
    long limit, json_t **out)
{
	sqlite3_stmt *st = NULL;
	enum err e;

	if ((e = sq_stmt(p, Q_ART_SECTION_OUTSIDE, &st)) != ERR_OK)
		return e;
	bind_page(st, limit, 0);
	bind_text(st, 3, section);
	sqlite3_bind_int64(st, 4, issue);
	return sq_rows(p, Q_ART_SECTION_OUTSIDE, 0, out);
}

/* The sqlite_<topic>.c files' ways in (store_int.h). */
enum err
sqlite_stmt(void *p, const char *text, sqlite3_stmt **out)
{
	struct sq *s = p;
	size_t i;
	int rc;

	for (i = 0; i < SQ_MORE && s->more[i].sql != NULL; i++)
		if (s->more[i].sql == text) {
			sq_done(s->more[i].st);
			*out = s->more[i].st;
			return ERR_OK;
		}
	/* A fixed number of statements: more is a programmer's error. */
	assert(i < SQ_MORE);
	if (i == SQ_MORE)
		return ERR_LIMIT;
	rc = sqlite3_prepare_v3(s->db, text, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->more[i].st, NULL);
	if (rc != SQLITE_OK)
		return sq_err(s, rc, text);
	s->more[i].sql = text;
	*out = s->more[i].st;
	return ERR_OK;
}

enum err
sqlite_rows(void *p, sqlite3_stmt *st, int one, json_t **out)
{
	struct sq *s = p;
	size_t i;

	for (i = 0; i < SQ_MORE; i++)
		if (s->more[i].st == st)
			return records(s, st, &s->more[i].cols, one, 0, -1,
			    out);
	return ERR_INVAL;
}

enum err
sqlite_run(void *p, sqlite3_stmt *st, const char *what)
{
	return sq_step_done(p, st, what);
}

enum err
sqlite_count(void *p, sqlite3_stmt *st, long *n)
{
	return sq_count(p, st, n);
}

void
sqlite_bind_values(sqlite3_stmt *st, const struct store_value *v, size_t n)
{
	bind_values(st, v, n);
}

int64_t
sqlite_last_id(void *p)
{
	return sqlite3_last_insert_rowid(((struct sq *)p)->db);
}

long
sqlite_changes(void *p)
{
	return sqlite3_changes(((struct sq *)p)->db);
}

const char *
sqlite_statement(int i)
{
	return i >= 0 && i < Q__MAX ? sql[i] : NULL;
}

enum err
sqlite_snapshot(void *p, int *began)
{
	enum err e = ERR_OK;

	*began = sqlite3_get_autocommit(((struct sq *)p)->db);
	if (*began && (e = sq_do(p, Q_BEGIN_READ)) != ERR_OK)
		*began = 0;
	return e;
}

void
sqlite_snapshot_end(void *p, int began)
{
	if (began)
		sq_do(p, Q_COMMIT);
}

sqlite3 *
sqlite_db(void *p)
{
	return ((struct sq *)p)->db;
}

const struct store_ops store_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.busy_wait = sq_busy_wait,
	.cache = sq_cache,
	.migrate = sq_migrate,
	.schema_version = sq_schema_version,
	.version = sq_version,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.put = sq_put,
	.site_get = sq_site_get,
	.sections_list = sq_sections_list,
	.issues_list = sq_issues_list,
	.sitemap_pages = sq_sitemap_pages,
	.article_stamps = sq_article_stamps,
	.issue_get = sq_issue_get,
	.issue_latest = sq_issue_latest,
	.articles_list = sq_articles_list,
	.article_get = sq_article_get,
	.person_get = sq_person_get,
	.people_list = sq_people_list,
	.pub_types_list = sq_pub_types_list,
	.publications_list = sq_publications_list,
	.links_list = sq_links_list,
	.events_list = sq_events_list,
	.oai_records = sqlite_oai_records,
	.oai_earliest = sqlite_oai_earliest,
	.subscriber_add = sq_subscriber_add,
	.reads_add = sq_reads_add,
	.user_add = sq_user_add,
	.user_get = sq_user_get,
	.user_find = sq_user_find,
	.users_list = sq_users_list,
	.user_set = sq_user_set,
	.session_add = sq_session_add,
	.session_get = sq_session_get,
	.session_touch = sq_session_touch,
	.session_delete = sq_session_delete,
	.sessions_end = sq_sessions_end,
	.sessions_live = sq_sessions_live,
	.sessions_purge = sq_sessions_purge,
	.auth_version = sq_auth_version,
	.audit_add = sq_audit_add,
	.audit_list = sq_audit_list,
	.counts = sq_counts,
	.token_add = sq_token_add,
	.token_find = sq_token_find,
	.tokens_list = sq_tokens_list,
	.token_revoke = sq_token_revoke,
	.token_touch = sq_token_touch,
	.item_list = sqlite_item_list,
	.item_get = sqlite_item_get,
	.item_save = sqlite_item_save,
	.item_delete = sqlite_item_delete,
	.item_move = sqlite_item_move,
	.media_add = sqlite_media_add,
	.media_get = sqlite_media_get,
	.media_list = sqlite_media_list,
	.media_alt_set = sqlite_media_alt_set,
	.media_delete = sqlite_media_delete,
	.media_usage = sqlite_media_usage,
	.dashboard = sqlite_dashboard,
	.issues_page = sq_issues_page,
	.issue_by_id = sq_issue_by_id,
	.issue_save = sq_issue_save,
	.issue_delete = sq_issue_delete,
	.issue_articles = sq_issue_articles,
	.articles_unassigned = sq_articles_unassigned,
	.issue_article_add = sq_issue_article_add,
	.issue_article_remove = sq_issue_article_remove,
	.issue_order = sq_issue_order,
	.issue_publish = sq_issue_publish,
	.sections_page = sq_sections_page,
	.section_by_id = sq_section_by_id,
	.section_save = sq_section_save,
	.section_delete = sq_section_delete,
	.sections_order = sq_sections_order,
	.slug_taken = sq_slug_taken,
	.people_page = sq_people_page,
	.person_by_id = sq_person_by_id,
	.person_save = sq_person_save,
	.person_delete = sq_person_delete,
	.person_uses = sq_person_uses,
	.article_edit_get = sqlite_article_edit_get,
	.articles_admin = sqlite_articles_admin,
	.article_save = sqlite_article_save,
	.article_delete = sqlite_article_delete,
	.article_slug_owner = sqlite_article_slug_owner,
	.article_moved = sqlite_article_moved,
	.revisions_list = sqlite_revisions_list,
	.revision_get = sqlite_revision_get,
	.articles_publish_due = sqlite_articles_publish_due,
	.issues_all = sqlite_issues_all,
	.countries_list = sqlite_countries_list,
	.search = sqlite_search,
	.articles_similar = sqlite_articles_similar,
	.search_hold = sqlite_search_hold,
	.search_choices = sqlite_search_choices,
	.secret_get = sqlite_secret_get,
	.signup = sqlite_signup,
	.subscriber_get = sqlite_subscriber_get,
	.subscriber_set = sqlite_subscriber_set,
	.deliveries_claim = sqlite_deliveries_claim,
	.deliveries_done = sqlite_deliveries_done,
	.delivery_add = sqlite_delivery_add,
	.mail_sent_since = sqlite_mail_sent_since,
	.mail_pending = sqlite_mail_pending,
	.subscriber_bounce = sqlite_subscriber_bounce,
	.campaign_get = sqlite_campaign_get,
	.campaign_queue = sqlite_campaign_queue,
	.campaigns_list = sqlite_campaigns_list,
	.campaign_save = sqlite_campaign_save,
	.campaign_schedule = sqlite_campaign_schedule,
	.campaigns_due = sqlite_campaigns_due,
	.campaign_last = sqlite_campaign_last,
	.subscribers_list = sqlite_subscribers_list,
	.subscriber_erase = sqlite_subscriber_erase,
	.subscriber_import = sqlite_subscriber_import,
	.redirect_put = sqlite_redirect_put,
	.redirect_find = sqlite_redirect_find,
	.redirects_count = sqlite_redirects_count,
	.import_id_get = sqlite_import_id_get,
	.import_id_put = sqlite_import_id_put,
	.comment_put = sqlite_comment_put,
	.article_reads_set = sqlite_article_reads_set,
	.article_around = sqlite_article_around,
	.article_related = sqlite_article_related,
	.article_extra_set = sqlite_article_extra_set,
	.articles_most_read = sq_articles_most_read,
	.articles_section_outside = sq_articles_section_outside,
	.dump = sqlite_dump,
	.dump_empty = sqlite_dump_empty,
	.load = sqlite_load,
	.dump_check = sqlite_dump_check,
	.article_slug_keep = sqlite_article_slug_keep,
	.authors_index = sqlite_authors_index,
	.tag_get = sqlite_tag_get,
	.country_get = sqlite_country_get,
	.terms_list = sqlite_terms_list,
	.article_terms = sqlite_article_terms,
	.issues_archive = sqlite_issues_archive,
	.events_past = sqlite_events_past,
	.sync_set = sqlite_sync_set,
	.suggestions_put = sqlite_suggestions_put,
	.suggestions_list = sqlite_suggestions_list,
	.suggestions_count = sqlite_suggestions_count,
};

