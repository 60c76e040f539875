/*
 * store_int: what the store's own files share and nobody else sees.
 */
#ifndef OCTAVO_STORE_INT_H
#define OCTAVO_STORE_INT_H

#include <sqlite3.h>

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
/*
 * For the sqlite_<topic>.c files, whose statements live in their own
 * tables: p is the backend's handle.  sqlite_stmt gives the statement
 * of text (kept by the text's address: pass a table's entry, never a
 * string made at run time), reset and unbound.  sqlite_rows steps it
 * into records by the rule of store_sqlite.c (one: the first record,
 * ERR_NOTFOUND when none); sqlite_run steps a statement that returns no
 * row; sqlite_count reads one number.  Each resets the statement.
 */
enum err	 sqlite_stmt(void *p, const char *text, sqlite3_stmt **);
enum err	 sqlite_rows(void *p, sqlite3_stmt *, int one, json_t **);
enum err	 sqlite_run(void *p, sqlite3_stmt *, const char *what);
enum err	 sqlite_count(void *p, sqlite3_stmt *, long *);
/* Bind each :name parameter to the value of that name. */
void		 sqlite_bind_values(sqlite3_stmt *, const struct store_value *,
		    size_t);
int64_t		 sqlite_last_id(void *p);
long		 sqlite_changes(void *p);
/* The text of the backend's i-th statement, NULL past the last (tests). */
const char	*sqlite_statement(int i);

/* sqlite_content.c: the ops store_item_* forward to. */
enum err	 sqlite_item_list(void *, enum store_kind,
		    const struct store_item_query *, json_t **, long *total);
enum err	 sqlite_item_get(void *, enum store_kind, int64_t id,
		    json_t **);
enum err	 sqlite_item_save(void *, enum store_kind, int64_t id,
		    const struct store_value *, size_t, int64_t *out);
enum err	 sqlite_item_delete(void *, enum store_kind, int64_t id);
enum err	 sqlite_item_move(void *, enum store_kind, int64_t id, long to);

/*
 * Read what follows in one snapshot: a read transaction unless one is
 * open (*began says which), ended by sqlite_snapshot_end.
 */
enum err	 sqlite_snapshot(void *p, int *began);
void		 sqlite_snapshot_end(void *p, int began);

/* sqlite_media.c: the ops of store.h's "Media" and the dashboard. */
enum err	 sqlite_media_add(void *, const struct store_media *,
		    int64_t *id);
enum err	 sqlite_media_get(void *, int64_t id, const char *name,
		    json_t **);
enum err	 sqlite_media_list(void *, long limit, long offset, json_t **,
		    long *total);
enum err	 sqlite_media_alt_set(void *, int64_t id, const char *alt);
enum err	 sqlite_media_delete(void *, int64_t id);
enum err	 sqlite_media_usage(void *, json_t *names, json_t **);
enum err	 sqlite_dashboard(void *, const struct store_dashboard *,
		    json_t **);
/* The connection of the backend's handle p. */
sqlite3		*sqlite_db(void *p);

/* sqlite_newsletter.c: the ops of store.h's "Newsletter". */
enum err	 sqlite_secret_get(void *, const char *name, char *hex,
		    size_t len);
enum err	 sqlite_signup(void *, const struct store_signup *,
		    int *queued);
enum err	 sqlite_subscriber_get(void *, int64_t id, json_t **);
enum err	 sqlite_subscriber_set(void *, int64_t id, const char *status,
		    const char *topics, int64_t now);
enum err	 sqlite_deliveries_claim(void *, int64_t now, int64_t lease,
		    long max, json_t **);
enum err	 sqlite_deliveries_done(void *,
		    const struct store_delivery_result *, size_t n,
		    int64_t now);
enum err	 sqlite_delivery_add(void *, const char *kind,
		    const char *address, int64_t subscriber, int64_t campaign,
		    int64_t now);
enum err	 sqlite_mail_sent_since(void *, int64_t since, long *n);
enum err	 sqlite_mail_pending(void *, long *n);
enum err	 sqlite_subscriber_bounce(void *, const char *address,
		    int64_t now, int *found);
enum err	 sqlite_campaign_get(void *, int64_t id, json_t **);
enum err	 sqlite_campaign_queue(void *, int64_t id, int64_t now,
		    long *n);
/* The back office's campaigns and subscribers. */
enum err	 sqlite_campaigns_list(void *, json_t **);
enum err	 sqlite_campaign_save(void *, const struct store_campaign *,
		    int64_t *id);
enum err	 sqlite_campaign_schedule(void *, int64_t id, int64_t at);
enum err	 sqlite_campaigns_due(void *, int64_t now, long *n);
enum err	 sqlite_campaign_last(void *, int64_t *at);
enum err	 sqlite_sync_set(void *, int full);
enum err	 sqlite_subscribers_list(void *, const char *q,
		    const char *status, long limit, long offset, json_t **,
		    long *total);
enum err	 sqlite_subscriber_erase(void *, int64_t id);
enum err	 sqlite_subscriber_import(void *, const char *email,
		    const char *salt, const char *consent, int64_t now,
		    int *added);

/* sqlite_articles.c: the article editor's ops (store.h). */
enum err	 sqlite_article_edit_get(void *, int64_t id, json_t **);
enum err	 sqlite_articles_admin(void *,
		    const struct store_article_filter *, json_t **,
		    long *total);
enum err	 sqlite_article_save(void *, const struct store_article_edit *,
		    int64_t *id, int64_t *version);
enum err	 sqlite_article_delete(void *, int64_t id);
/*
 * Link article id to tags (names; each made if new, its slug from its
 * name), in their order, and to countries (ISO codes, which must
 * exist: ERR_INVAL).  Links it has already are kept as they are.
 */
enum err	 sqlite_article_tags_add(void *, int64_t id,
		    const char *const *tags, size_t n);
enum err	 sqlite_article_countries_add(void *, int64_t id,
		    const char *const *codes, size_t n);
enum err	 sqlite_article_slug_owner(void *, const char *slug,
		    int64_t *id);
enum err	 sqlite_article_moved(void *, const char *slug, json_t **);
enum err	 sqlite_revisions_list(void *, int64_t article, json_t **);
enum err	 sqlite_revision_get(void *, int64_t article, int64_t id,
		    int64_t version, json_t **);
enum err	 sqlite_articles_publish_due(void *, const char *now,
		    int apply, json_t **);
enum err	 sqlite_issues_all(void *, json_t **);
enum err	 sqlite_countries_list(void *, json_t **);

/* sqlite_article_page.c: the ops of store.h's "The article page". */
enum err	 sqlite_article_around(void *, int64_t id, json_t **);
enum err	 sqlite_article_related(void *, int64_t id, json_t *exclude,
		    long limit, json_t **);
/* sqlite_search.c: the ops of store.h's "Search". */
enum err	 sqlite_search(void *, struct store_search *, json_t **,
		    long *total, int *more);
enum err	 sqlite_articles_similar(void *, int64_t id, long limit,
		    json_t **);
enum err	 sqlite_search_hold(void *, int hold);
enum err	 sqlite_search_choices(void *, json_t **);
/*
 * Give a new connection the search's SQL functions (octavo_hits,
 * octavo_html_text) and its view of the index's words.
 */
enum err	 sqlite_search_open(sqlite3 *);
const char	*sqlite_search_statement(int i);	/* its SQL, NULL past */
/*
 * Tests: how many of the newest ids a search reads first to tell if it
 * is sparse (and then reads oldest first): 0 never, below 0 always
 * (default 4,096).
 */
void		 sqlite_search_probe_set(long ids);
/* Do searches ask the word pairs first (tests: 0, never; default 1)? */
void		 sqlite_search_pairs_set(int on);
/*
 * FTS5 expression expr (as store_search_parse and sqlite_search_expr
 * write them) without its NOTs' operands, appended to b: what the
 * page's rows are read and marked by (fuzz_search_query).
 */
enum err	 sqlite_search_marks_expr(const char *expr, struct buf *b);
/* The end of the phrase, prefix or group at s (store_search_parse's). */
const char	*sqlite_search_operand_end(const char *s);
/* sqlite_search_expr.c */
#define SEARCH_EXPR_MAX		(8 * LIMIT_SEARCH_EXPR)
#define SEARCH_GROUP_NONE	0xff	/* a filter's phrase: not ranked */
/*
 * The FTS5 expression a search runs: text, the reader's with each
 * prefix of few words written as them (for the page's highlights);
 * match, text and the filters' phrases (for the matches); group[i],
 * the reader's phrase that FTS5's i-th counts for; none, set when a
 * filter names no author, section or country; slow, when FTS5 merges
 * the doclists of a prefix's words itself (neither written as them nor
 * of a length the prefix indexes have).
 */
struct search_expr {
	struct buf	 text;
	struct buf	 match;
	struct buf	 pairs;		/* article_pairs' expression, or "" */
	unsigned char	 group[LIMIT_SEARCH_PHRASES];
	int		 nphrase;
	int		 none;
	int		 slow;
};
void		 sqlite_search_expr_init(struct search_expr *);
void		 sqlite_search_expr_free(struct search_expr *);
/* expr from store_search_parse; the filters of q; ERR_DB, ERR_LIMIT. */
enum err	 sqlite_search_expr(void *p, const char *expr,
		    const struct store_search *q, struct search_expr *);
const char	*sqlite_search_expr_statement(int i);	/* NULL past */
/* The index's tokenizer (unicode61, as migration 17 made it); ERR_DB. */
enum err	 sqlite_search_tokenizer(fts5_api *, fts5_tokenizer *,
		    Fts5Tokenizer **);
/* sqlite_pairs.c: the word pairs of articles, for phrases. */
#define SEARCH_COLS	"title, dek, body, authors, section, tags, countries"
#define SEARCH_PAIR_TOKEN	64	/* longer words are in no pair */
enum err	 sqlite_pairs_open(sqlite3 *, fts5_api *);
/* The pairs of s (len bytes), each "a_b " appended to out; ERR_LIMIT. */
enum err	 sqlite_pairs_of(fts5_tokenizer *, Fts5Tokenizer *, int flags,
		    const char *s, size_t len, struct buf *out);
enum err	 sqlite_pairs_refresh(void *);	/* before a commit */
/*
 * article_pairs' expression for expr (store_search_parse's), appended
 * to out: the pairs of each phrase of two words or more that every
 * match holds (ANDed at the top, NOTs left out; none under a top OR).
 */
enum err	 sqlite_search_pairs_expr(fts5_tokenizer *, Fts5Tokenizer *,
		    const char *expr, struct buf *out);
enum err	 sqlite_pairs_rebuild(void *);
/* sqlite_marks.c: registers octavo_mark on a connection's FTS5. */
enum err	 sqlite_marks_open(fts5_api *);
/* search_text.c: registers octavo_html_text on a connection. */
enum err	 sqlite_search_text_open(sqlite3 *);

/* migrations_sqlite.c */
/* sqlite_oai.c */
enum err	 sqlite_oai_records(void *, const struct store_oai_query *,
		    json_t **);
enum err	 sqlite_oai_earliest(void *, json_t **);
const char	*sqlite_oai_statement(int i);	/* its SQL, NULL past */

extern const char *const sqlite_migrations[];
extern const int sqlite_migrations_count;

/* sqlite_redirects.c: the ops of store.h's old addresses. */
enum err	 sqlite_redirect_put(void *, const struct store_redirect *,
		    int *changed);
enum err	 sqlite_redirect_find(void *, const char *path, json_t **);
enum err	 sqlite_redirects_count(void *, const char *origin, long *n);
enum err	 sqlite_import_id_get(void *, const struct store_import_id *,
		    json_t **);
enum err	 sqlite_import_id_put(void *, const struct store_import_id *);
enum err	 sqlite_comment_put(void *, const struct store_comment *,
		    int64_t *id);
enum err	 sqlite_article_reads_set(void *, int64_t article,
		    int64_t reads);
/* sqlite_k2.c: the K2 importer's op (store.h). */
enum err	 sqlite_article_extra_set(void *, int64_t article,
		    const char *json, int *changed);
/* sqlite_dump.c: the ops of store.h's whole journal. */
enum err	 sqlite_dump(void *, enum err (*)(void *, const char *,
		    json_t *), void *);
const char	*sqlite_dump_list(int i);
enum err	 sqlite_dump_empty(void *, const char **nonempty);
enum err	 sqlite_load(void *, const char *list, json_t *rec);
enum err	 sqlite_dump_check(void *, char *why, size_t len);
enum err	 sqlite_article_slug_keep(void *, int64_t id, const char *slug);
/* sqlite_finding.c: the ops of store.h's "Finding things". */
enum err	 sqlite_authors_index(void *, json_t **);
enum err	 sqlite_tag_get(void *, const char *, json_t **);
enum err	 sqlite_country_get(void *, const char *, json_t **);
enum err	 sqlite_terms_list(void *, int, json_t **);
enum err	 sqlite_article_terms(void *, int64_t, json_t **);
enum err	 sqlite_issues_archive(void *, json_t **);
enum err	 sqlite_events_past(void *, int64_t, long, long, json_t **,
		    long *);
/* The text of the file's i-th statement, NULL past the last (tests). */
const char	*sqlite_finding_statement(int i);
/* sqlite_suggestions.c: the ops of store.h's suggested countries. */
enum err	 sqlite_suggestions_put(void *, int64_t,
		    const struct store_suggestion *, size_t);
enum err	 sqlite_suggestions_list(void *, int64_t, long, long,
		    json_t **);
enum err	 sqlite_suggestions_count(void *, long *, long *);

#endif
