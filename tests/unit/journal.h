/*
 * A demo journal for the unit tests that run handlers against a real
 * SQLite database: 40 articles (journal_make_n: as many as asked), seed
 * 7, the newest issue dated 2026-11-25 (articles at 09:01, 09:02...
 * that day), as `octavo demo` makes it.
 */
#ifndef OCTAVO_TEST_JOURNAL_H
#define OCTAVO_TEST_JOURNAL_H

#include "cli/demo_gen.h"
#include "store/store.h"

/*
 * Create the journal at path (a new SQLite file), every record going
 * through emit(store, kind, record), which stores it (store_put) and
 * may note what it likes.
 */
static inline enum err
journal_make_n(const char *path, long articles,
    enum err (*emit)(void *, const char *, json_t *))
{
	struct demo_opts o = { articles, 7, "2026-11-25" };
	struct store *st;
	int from, to;
	enum err rc;

	if ((rc = store_open(path, 1, &st)) != ERR_OK)
		return rc;
	if ((rc = store_migrate(st, &from, &to)) == ERR_OK &&
	    (rc = store_begin(st)) == ERR_OK) {
		rc = demo_generate(&o, emit, st);
		if (rc == ERR_OK)
			rc = store_commit(st);
		else
			store_rollback(st);
	}
	store_close(st);
	return rc;
}

/* An emit for journal_make that only stores the record. */
static inline enum err
journal_put(void *st, const char *kind, json_t *rec)
{
	return store_put(st, kind, rec);
}

static inline enum err
journal_make(const char *path,
    enum err (*emit)(void *, const char *, json_t *))
{
	return journal_make_n(path, 40, emit);
}

#endif
