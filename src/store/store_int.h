/*
 * store_int: what the store's own files share and nobody else sees.
 */
#ifndef OCTAVO_STORE_INT_H
#define OCTAVO_STORE_INT_H

#include "store.h"

/* migrations_sqlite.c */
extern const char *const sqlite_migrations[];
extern const int sqlite_migrations_count;

#endif
