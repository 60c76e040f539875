/*
 * sqlite_k2: what the K2 importer writes beside store_article_save:
 * an article's extra fields (articles.extra, a JSON object or NULL),
 * which no page shows yet and so no content version follows.
 */
#include <sqlite3.h>

#include "store_int.h"

static const char sql_extra[] = "UPDATE articles SET extra = ?2"
	" WHERE id = ?1 AND extra IS NOT ?2";

enum err
sqlite_article_extra_set(void *p, int64_t article, const char *json,
    int *changed)
{
	sqlite3_stmt *st;
	enum err e;

	if ((e = sqlite_stmt(p, sql_extra, &st)) != ERR_OK)
		return e;
	sqlite3_bind_int64(st, 1, article);
	if (json != NULL)
		sqlite3_bind_text(st, 2, json, -1, SQLITE_STATIC);
	if ((e = sqlite_run(p, st, "article extra")) != ERR_OK)
		return e;
	if (changed != NULL)
		*changed = sqlite_changes(p) > 0;
	return ERR_OK;
}
