/*
 * store_int: what the store's own files share and nobody else sees.
 */
#ifndef OCTAVO_STORE_INT_H
#define OCTAVO_STORE_INT_H

#include "store.h"

/* record.c */
/*
 * Check rec against the fields of kind (docs/store.md) and turn it into
 * values for a backend's put: *k gets the kind, *v (caller frees with
 * store_values_free) and *n its values.  ERR_INVAL, logged with the
 * reason, for an unknown kind or field, a missing required field or a
 * value of the wrong type.  The values borrow from rec.
 */
enum err	 store_values_new(const char *kind, json_t *rec,
		    enum store_kind *k, struct store_value **v, size_t *n);
void		 store_values_free(struct store_value *, size_t);
/* The value named name, or NULL. */
const struct store_value *store_value_get(const struct store_value *,
		    size_t, const char *name);

/* store_sqlite.c */
/* The text of the backend's i-th statement, NULL past the last (tests). */
const char	*sqlite_statement(int i);

/* migrations_sqlite.c */
extern const char *const sqlite_migrations[];
extern const int sqlite_migrations_count;

#endif
