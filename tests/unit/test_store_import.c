/*
 * test_store_import: what the importers keep in the store.  Old
 * addresses (store_redirect_put/find): a row put again unchanged
 * reports no change, a changed one does; an unknown key is
 * ERR_NOTFOUND.  Import ids (store_import_id_get/put): unknown until
 * put, then the local row and digest, replaced by a second put.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "test.h"

int
main(void)
{
	struct store_redirect r = { "/?p=12", 0, "/sections/a", "wordpress",
	    1 };
	struct store_import_id k = { "wordpress", "post", "12", 0, NULL, 1 };
	struct store *st = NULL;
	char dir[256], dsn[300];
	json_t *row = NULL;
	int changed = -1;
	long n = -1;
	enum err rc;

	if ((st = test_store_new("import", dir, dsn)) == NULL)
		return 1;

	rc = store_redirect_find(st, "/?p=12", &row);
	T_STREQ("redirect_find: none yet", err_str(rc), err_str(ERR_NOTFOUND));
	rc = store_redirect_put(st, &r, &changed);
	T_STREQ("redirect_put: new", err_str(rc), err_str(ERR_OK));
	T_INTEQ("redirect_put: new is a change", changed, 1);
	rc = store_redirect_put(st, &r, &changed);
	T_INTEQ("redirect_put: the same again is no change", changed, 0);
	r.location = "/sections/b";
	rc = store_redirect_put(st, &r, &changed);
	T_INTEQ("redirect_put: another location is a change", changed, 1);
	rc = store_redirect_find(st, "/?p=12", &row);
	T_STREQ("redirect_find: found", err_str(rc), err_str(ERR_OK));
	T_STREQ("redirect_find: the location now", json_string_value(
	    json_object_get(row, "location")), "/sections/b");
	json_decref(row);
	row = NULL;
	rc = store_redirects_count(st, "wordpress", &n);
	T_INTEQ("redirects_count: of the origin", n, 1);
	rc = store_redirects_count(st, "k2", &n);
	T_INTEQ("redirects_count: of another origin", n, 0);

	rc = store_import_id_get(st, &k, &row);
	T_STREQ("import_id_get: unknown", err_str(rc), err_str(ERR_NOTFOUND));
	k.local_id = 7;
	k.digest = "abc";
	rc = store_import_id_put(st, &k);
	T_STREQ("import_id_put", err_str(rc), err_str(ERR_OK));
	rc = store_import_id_get(st, &k, &row);
	T_STREQ("import_id_get: known", err_str(rc), err_str(ERR_OK));
	T_INTEQ("import_id_get: the local row", json_integer_value(
	    json_object_get(row, "local_id")), 7);
	T_STREQ("import_id_get: the digest", json_string_value(
	    json_object_get(row, "digest")), "abc");
	json_decref(row);
	row = NULL;
	k.digest = "def";
	store_import_id_put(st, &k);
	store_import_id_get(st, &k, &row);
	T_STREQ("import_id_put: a second put replaces the digest",
	    json_string_value(json_object_get(row, "digest")), "def");
	json_decref(row);
	k.kind = "page";
	rc = store_import_id_get(st, &k, &row);
	T_STREQ("import_id_get: the kind is part of the key", err_str(rc),
	    err_str(ERR_NOTFOUND));
	test_store_free(st, dir, dsn);
	T_DONE();
}
