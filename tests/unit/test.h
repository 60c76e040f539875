/*
 * A tiny test harness shared by the unit tests.  Each check prints one line,
 * "PASS name" or "FAIL name: have X, want Y"; tests/run.sh counts the lines.
 * A test binary exits 1 if any check failed.
 */
#ifndef OCTAVO_TEST_H
#define OCTAVO_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failed;

#define T_PASS(name)	printf("PASS %s\n", (name))

/* Compare two C strings; NULL prints as "(null)". */
#define T_STREQ(name, have, want) do {					\
	const char *h_ = (have), *w_ = (want);				\
	if (h_ != NULL && w_ != NULL && strcmp(h_, w_) == 0)		\
		T_PASS(name);						\
	else {								\
		printf("FAIL %s: have \"%s\", want \"%s\"\n", (name),	\
		    h_ ? h_ : "(null)", w_ ? w_ : "(null)");		\
		test_failed = 1;					\
	}								\
} while (0)

#define T_INTEQ(name, have, want) do {					\
	long long h_ = (long long)(have), w_ = (long long)(want);	\
	if (h_ == w_)							\
		T_PASS(name);						\
	else {								\
		printf("FAIL %s: have %lld, want %lld\n", (name), h_, w_); \
		test_failed = 1;					\
	}								\
} while (0)

#define T_TRUE(name, cond) do {						\
	if (cond)							\
		T_PASS(name);						\
	else {								\
		printf("FAIL %s: have false, want true (%s)\n", (name),	\
		    #cond);						\
		test_failed = 1;					\
	}								\
} while (0)

/* "prefix: row" as a check's name; valid until the next call. */
static inline const char *
nm(const char *prefix, const char *row)
{
	static char name[512];
	int n = snprintf(name, sizeof(name), "%s: %s", prefix, row);

	if (n < 0 || (size_t)n >= sizeof(name))	/* cut: still a name */
		name[sizeof(name) - 1] = '\0';
	return name;
}

/*
 * The path of rel inside tests/data of the repository ($OCTAVO_ROOT, which
 * tests/run.sh sets, else the current directory), written into buf.
 */
static inline const char *
test_data(char *buf, size_t size, const char *rel)
{
	const char *root = getenv("OCTAVO_ROOT");
	int n = snprintf(buf, size, "%s/tests/data/%s",
	    root != NULL && root[0] != '\0' ? root : ".", rel);

	if (n < 0 || (size_t)n >= size)	/* cut: the open fails and says so */
		buf[size - 1] = '\0';
	return buf;
}

#define T_DONE()	return test_failed ? 1 : 0

#ifdef OCTAVO_HTTP_H
/* Pairs as "name=value;" so one string compare checks them all (arena). */
static inline const char *
params_str(struct arena *a, const struct param *p, size_t n)
{
	struct buf b;
	const char *s;
	size_t i;

	buf_init(&b, 1 << 20);
	buf_puts(&b, "");
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s=%s;", p[i].name, p[i].value);
	s = arena_strdup(a, b.p);
	buf_free(&b);
	return s;
}
#endif

#ifdef OCTAVO_STORE_H
#include <unistd.h>

/*
 * A migrated SQLite store in a new folder under $TMPDIR: its path into
 * dir, the database's into dsn; a FAIL line and NULL when it cannot be
 * made.  test_store_free closes it and removes the folder.
 */
static inline struct store *
test_store_new(const char *name, char dir[256], char dsn[300])
{
	struct store *st = NULL;
	int from, to;

	snprintf(dir, 256, "%s/octavo-%s.XXXXXX", getenv("TMPDIR") != NULL ?
	    getenv("TMPDIR") : "/tmp", name);
	if (mkdtemp(dir) == NULL) {
		printf("FAIL %s: cannot make a folder %s\n", name, dir);
		test_failed = 1;
		return NULL;
	}
	snprintf(dsn, 300, "%s/t.db", dir);
	if (store_open(dsn, 1, &st) != ERR_OK ||
	    store_migrate(st, &from, &to) != ERR_OK) {
		printf("FAIL %s: cannot make a migrated database %s\n", name,
		    dsn);
		test_failed = 1;
		if (st != NULL)
			store_close(st);
		return NULL;
	}
	return st;
}

/* Save article a in a transaction of its own (store_article_save). */
static inline enum err
test_article_save(struct store *st, const struct store_article_edit *a)
{
	int64_t id, version;
	enum err e;

	if ((e = store_begin(st)) != ERR_OK)
		return e;
	if ((e = store_article_save(st, a, &id, &version)) == ERR_OK)
		e = store_commit(st);
	else
		store_rollback(st);
	return e;
}

/*
 * Save a new article, published on 2026-11-22, of one author, through
 * the store (as the editor's form saves it).
 */
static inline enum err
test_article_new(struct store *st, const char *slug, const char *title,
    const char *body, const char *format, int64_t section, int64_t person)
{
	struct store_article_edit a;

	memset(&a, 0, sizeof(a));
	a.slug = slug;
	a.title = title;
	a.dek = "";
	a.body = body;
	a.body_format = format;
	a.section_id = section;
	a.authors = &person;
	a.nauthors = 1;
	a.status = "published";
	a.published_at = "2026-11-22T08:00:00Z";
	a.now = "2026-11-26T10:00:00Z";
	a.who = "test";
	a.note = "";
	return test_article_save(st, &a);
}

static inline void
test_store_free(struct store *st, const char *dir, const char *dsn)
{
	char p[320];

	store_close(st);
	unlink(dsn);
	snprintf(p, sizeof(p), "%s-wal", dsn);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dsn);
	unlink(p);
	rmdir(dir);
}
#endif

#endif
