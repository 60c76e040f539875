/*
 * sqlite_int: what the back office's editing files of the SQLite backend
 * (sqlite_issues.c, sqlite_sections.c, sqlite_people.c) share through
 * sqlite_edit.c, and the ops they give store_sqlite.c's table.  Their
 * statements are static strings of their own, prepared once per handle
 * by store_int.h's sqlite_stmt.
 */
#ifndef OCTAVO_SQLITE_INT_H
#define OCTAVO_SQLITE_INT_H

#include "store_int.h"

/*
 * A handle of the backend (store_sqlite.c's), opaque here: the helpers
 * below and store_int.h's sqlite_stmt, sqlite_rows... take it.
 */
struct sq;

/* sqlite_edit.c: what the editing files share. */
/* Bind text (NULL: SQL NULL), borrowed until the statement is reset. */
void		 sq_text(sqlite3_stmt *, int, const char *);
/* The rows of text with ?1 bound to id (one: the first, or NOTFOUND). */
enum err	 sq_id_rows(struct sq *, const char *text, int64_t id,
		    int one, json_t **);
/*
 * Run text with ?1 bound to id and ?2 to the text arg (when not NULL);
 * ERR_NOTFOUND when it changed no row.
 */
enum err	 sq_id_run(struct sq *, const char *text, int64_t id,
		    const char *arg);
/*
 * Number rows 1..n in the order of ids: text, run once for each, binds
 * ?1 the row's id, ?2 its position and ?3 scope; ERR_NOTFOUND when one
 * of them changes no row.
 */
enum err	 sq_positions(struct sq *, const char *text, int64_t scope,
		    const int64_t *ids, size_t n);
/*
 * Delete row id by text (?1), which deletes only a row nothing uses:
 * when it deleted none, ERR_CONFLICT if exists (?1) finds the row,
 * else ERR_NOTFOUND.
 */
enum err	 sq_delete_unused(struct sq *, const char *text,
		    const char *exists, int64_t id);
/* *id: the row an INSERT just made, when *id was 0. */
void		 sq_new_id(struct sq *, int64_t *id);
/* A page of rows (?1 limit, ?2 offset, ?3 search, ?4 staff) and count. */
enum err	 sq_page(struct sq *, const char *rows, const char *count,
		    const struct store_find *, json_t **, long *total);

/* sqlite_issues.c */
enum err	 sq_issues_page(void *, long, long, json_t **, long *);
enum err	 sq_issue_by_id(void *, int64_t, json_t **);
enum err	 sq_issue_save(void *, const struct store_issue *, int64_t *);
enum err	 sq_issue_delete(void *, int64_t);
enum err	 sq_issue_articles(void *, int64_t, json_t **);
enum err	 sq_articles_unassigned(void *, const char *, long, json_t **);
enum err	 sq_issue_article_add(void *, int64_t, int64_t);
enum err	 sq_issue_article_remove(void *, int64_t, int64_t);
enum err	 sq_issue_order(void *, int64_t, const int64_t *, size_t);
enum err	 sq_issue_publish(void *, int64_t, int, const char *, long *);

/* sqlite_sections.c */
enum err	 sq_sections_page(void *, json_t **);
enum err	 sq_section_by_id(void *, int64_t, json_t **);
enum err	 sq_section_save(void *, const struct store_section *,
		    int64_t *);
enum err	 sq_section_delete(void *, int64_t);
enum err	 sq_sections_order(void *, const int64_t *, size_t);
enum err	 sq_slug_taken(void *, enum store_slugged, const char *,
		    int64_t, int *);

/* sqlite_people.c */
enum err	 sq_people_page(void *, const struct store_find *, json_t **,
		    long *);
enum err	 sq_person_by_id(void *, int64_t, json_t **);
enum err	 sq_person_save(void *, const struct store_person *, int64_t *);
enum err	 sq_person_delete(void *, int64_t);
enum err	 sq_person_uses(void *, int64_t, json_t **);

#endif
