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
 * section, issue, author, tag and country (none: every published
 * article); type and
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
	const char	*tag;		/* tag slug (after section, issue and
					   author) */
	const char	*country;	/* ISO 3166-1 alpha-2, upper case */
};

/*
 * An OAI-PMH harvest's page: published articles by id, after the cursor,
 * with updated_at from..until (inclusive; NULL: open) and in the section
 * of slug set (NULL: any); or, with id > 0, only that article.  Stamps
 * are stored ones: "2026-10-28T09:01:00Z".
 */
struct store_oai_query {	/* filters on the datestamp (below) */
	const char	*from;
	const char	*until;
	const char	*set;
	int64_t		 after_id;	/* cursor: the last id sent, or 0 */
	int64_t		 id;
	long		 limit;
};

/* One article's reads to add, for the counter's flush. */
struct store_reads {
	int64_t		 article_id;
	int64_t		 n;
};

/* One entry of the audit log (docs/store.md, "Accounts"). */
struct store_audit {
	int64_t		 at;		/* seconds since the epoch */
	int64_t		 user_id;	/* 0: nobody signed in */
	const char	*who;		/* the user's email, or what names
					   the actor ("command line") */
	const char	*action;	/* "sign-in", "user added"... */
	const char	*object;	/* what it was done to; may be "" */
	const char	*address;	/* the client's; "" for none */
};

/* A new API token, as store_token_add takes it. */
struct store_token {
	const char	*hash;		/* BLAKE2b of the token, hex */
	const char	*name;		/* what it is for, as typed */
	const char	*hint;		/* its last characters, to tell it */
	int64_t		 user_id;	/* whom it acts as */
	int64_t		 created_by;	/* the admin; 0: nobody */
	int64_t		 created_at;
};

/* The article editor's list (store_articles_admin): any status. */
struct store_article_filter {
	const char	*q;		/* in the title (LIKE), or NULL */
	const char	*status;	/* "draft", "scheduled", "published",
					   or NULL: any */
	int64_t		 section_id;	/* 0: any, and so on */
	int64_t		 issue_id;
	int64_t		 person_id;	/* one of its authors */
	int64_t		 created_by;	/* a user's id */
	long		 limit;
	long		 offset;
};

/*
 * One save of the article editor, checked by its caller (admin/
 * article_save.c): every field set, references existing.  Borrowed for
 * the call.
 */
struct store_article_edit {
	int64_t			 id;		/* 0: a new article */
	int64_t			 version;	/* the edit began from it */
	const char		*slug;
	const char		*title;
	const char		*dek;
	const char		*body;
	const char		*body_format;	/* "markdown", "html" (an
						   importer's, html_clean's);
						   NULL: as it was */
	int64_t			 section_id;
	int64_t			 issue_id;	/* 0: none */
	const int64_t		*authors;	/* person ids, in order */
	size_t			 nauthors;
	const char *const	*tags;		/* names, in order */
	size_t			 ntags;
	const char *const	*countries;	/* ISO 3166-1 alpha-2 codes */
	size_t			 ncountries;
	const char		*status;	/* "draft", "scheduled",
						   "published" */
	const char		*published_at;	/* ISO 8601 UTC */
	const char		*now;		/* ISO: updated_at */
	int64_t			 user_id;	/* who saves (created_by) */
	const char		*who;		/* their email */
	const char		*note;		/* the revision's: "" or
						   "restored from ..." */
	const char		*correction;	/* a note to readers, or "" */
	const char		*correction_kind; /* "correction", "update" */
	const char		*correction_date; /* YYYY-MM-DD, or "" */
};

/*
 * A sign-up to the newsletter, as store_signup takes it: the address,
 * a new random salt for a new subscriber's tokens, the client (its
 * address group, hex) and the limits the answer never reveals.
 */
struct store_signup {
	const char	*email;
	const char	*salt;		/* 64 hex digits */
	const char	*client;	/* who asked, as a key */
	int64_t		 now;
	long		 client_max;	/* mails asked by one client an hour */
	int64_t		 address_gap;	/* seconds between two confirmations */
};

/* A campaign as store_campaign_save takes it. */
struct store_campaign {
	int64_t		 id;		/* 0: a new one */
	const char	*subject;
	const char	*body_text;	/* Markdown, the text part */
	const char	*body_html;	/* its HTML */
	const char	*topic;		/* issues, events, news */
	int64_t		 created_by;	/* a user; 0: none */
	int64_t		 now;
};

/* How one delivery ended, as store_deliveries_done takes it. */
enum store_delivery_end {
	STORE_DELIVERY_SENT,		/* the relay said 250 */
	STORE_DELIVERY_DEFER,		/* 4xx, no answer: again at retry_at */
	STORE_DELIVERY_FAIL,		/* 5xx: never again */
	STORE_DELIVERY_DROP,		/* not to be sent (unsubscribed) */
};
struct store_delivery_result {
	int64_t			 id;
	enum store_delivery_end	 end;
	int64_t			 retry_at;	/* DEFER */
	const char		*reply;		/* the relay's last line */
};

/*
 * A reader's search (store_search): q as typed (len bytes, any bytes),
 * filters (NULL or "": any; year 0: any), newest first or by relevance,
 * a page.  why is set when the search fails with ERR_PARSE or ERR_LIMIT:
 * a sentence telling the reader what to change (static).
 */
struct store_search {
	const char	*q;
	size_t		 qlen;
	const char	*section;	/* section slug */
	const char	*author;	/* person slug */
	const char	*country;	/* ISO 3166-1 alpha-2 code */
	long		 year;
	int		 by_date;
	long		 limit;
	long		 offset;
	const char	*why;
};
/* Around a matched word in a search result's title_marked and snippet. */
#define STORE_MARK_OPEN		'\x01'
#define STORE_MARK_CLOSE	'\x02'

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
 * A back-office list of items (publications, publication types, links,
 * events): those whose title (a type's or a link's name) holds search,
 * in any ASCII case (NULL: all); publications of the type slug type
 * (NULL: all); events upcoming from now first (soonest first), then
 * past ones (latest first).  Limit 0: all.
 */
struct store_item_query {
	const char	*search;
	const char	*type;
	int64_t		 now;
	long		 limit;
	long		 offset;
};

/* What store_user_set changes. */
enum store_user_field {
	STORE_USER_ROLE,	/* text: "author", "editor", "admin" */
	STORE_USER_PASSWORD,	/* text: the argon2id hash */
	STORE_USER_DISABLED,	/* num: 0 or 1 */
	STORE_USER_SIGNED_IN,	/* num: the time of the last sign-in */
	STORE_USER__MAX
};

/* An uploaded file's row (docs/store.md, "Media"). */
struct store_media {
	const char	*name;		/* random, in the media folder */
	const char	*filename;	/* as uploaded, shown only */
	const char	*type;		/* the sniffed media type */
	int64_t		 size;
	int64_t		 width, height;	/* pixels; 0 for a PDF */
	const char	*alt;
	int64_t		 user_id;	/* who uploaded it */
	int64_t		 at;		/* seconds since the epoch */
};

/*
 * An old address of the journal (an importer's), answered with a 301:
 * to an article's current address (article_id), else to location.
 */
struct store_redirect {
	const char	*path;		/* req_target_key's form */
	int64_t		 article_id;	/* or 0 */
	const char	*location;	/* when article_id is 0 */
	const char	*origin;	/* "wordpress", "k2", "markdown"... */
	int64_t		 at;		/* seconds since the epoch */
};

/*
 * What a source record became here: origin ("wordpress"), kind
 * ("post", "person", "section"), its id there, the row here, and a
 * digest of what was read (to tell an unchanged record).
 */
struct store_import_id {
	const char	*origin;
	const char	*kind;
	const char	*source_id;
	int64_t		 local_id;
	const char	*digest;
	int64_t		 at;		/* seconds since the epoch */
};

/* A comment kept from an old system (hidden unless comments are on). */
struct store_comment {
	int64_t		 article_id;
	int64_t		 parent_id;	/* the comment it answers, or 0 */
	const char	*author_name, *author_email, *author_url;
	const char	*body;		/* plain text */
	const char	*created_at;	/* ISO 8601 UTC */
	const char	*status;	/* "approved", "pending", "spam",
					   "trash"; NULL: approved */
	const char	*origin;
};

/* What the back office's dashboard asks for; days are "YYYY-MM-DD". */
struct store_dashboard {
	const char	*month;		/* first day of this month */
	const char	*from;		/* first day of the chart */
	const char	*to;		/* today, the chart's last day */
	long		 limit;		/* rows of each list */
};

/*
 * A page of a back-office list: rows holding search (NULL or "": any)
 * in their name or slug, of the staff only if staff, limit (0: all)
 * from offset.
 */
struct store_find {
	const char	*search;
	int		 staff;
	long		 limit;
	long		 offset;
};

/*
 * What the back office edits (docs/store.md, "Editing"): checked by the
 * caller, borrowed for the call.  An id of 0 makes a new row.
 */
struct store_issue {
	int64_t		 id;
	long		 number;
	long		 volume;
	const char	*date;		/* YYYY-MM-DD */
	const char	*title;
	const char	*note;		/* the editor's note, Markdown */
	const char	*cover;		/* a URL or /media/ path, or "" */
	const char	*status;	/* "draft" or "published" */
};
struct store_section {
	int64_t		 id;
	const char	*slug;
	const char	*name;
	const char	*description;
	long		 position;
};
struct store_person {
	int64_t		 id;
	const char	*slug;
	const char	*name;
	const char	*bio;		/* Markdown */
	const char	*photo;		/* a URL or /media/ path, or "" */
	const char	*affiliation;
	const char	*role;		/* a title: "Editor-in-chief" */
	int		 staff;
};
/* The kinds whose slugs store_slug_taken knows. */
enum store_slugged {
	STORE_SLUG_SECTION,
	STORE_SLUG_PERSON,
	STORE_SLUG_ARTICLE,	/* an article's, now or before a rename */
	STORE_SLUG__MAX
};

/*
 * A backend.  Each op takes the backend's own handle first; records go
 * in as values (above), rows come out as jansson trees shaped as in
 * docs/store.md.  A backend owns its SQL: nothing above it writes any.
 */
/*
 * A country an article's text names and its countries do not list,
 * for an editor to confirm: its code ("KZ") and the words that named
 * it ("Kazakh, Kazakhs").  Borrowed for the call.
 */
struct store_suggestion {
	const char	*code;
	const char	*words;
};

struct store_ops {
	const char	*name;
	enum err	(*open)(const char *dsn, int create, void **);
	void		(*close)(void *);
	void		(*busy_wait)(void *, int ms);
	void		(*cache)(void *, long kib);
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
	enum err	(*oai_records)(void *, const struct store_oai_query *,
			    json_t **);
	enum err	(*oai_earliest)(void *, json_t **);
	enum err	(*subscriber_add)(void *, const char *email,
			    const char *token, int *created);
	enum err	(*reads_add)(void *, const struct store_reads *,
			    size_t, const char *day);
	/* Accounts, sessions and the audit log (store.c says what). */
	enum err	(*user_add)(void *, const char *email,
			    const char *role, const char *password,
			    int64_t now, int64_t *id);
	enum err	(*user_get)(void *, int64_t id, json_t **);
	enum err	(*user_find)(void *, const char *email, json_t **);
	enum err	(*users_list)(void *, json_t **);
	enum err	(*user_set)(void *, int64_t id, enum store_user_field,
			    const char *text, int64_t num);
	enum err	(*session_add)(void *, const char *hash, int64_t user,
			    int64_t now, const char *addr, const char *ua);
	enum err	(*session_get)(void *, const char *hash, json_t **);
	enum err	(*session_touch)(void *, const char *hash,
			    int64_t now);
	enum err	(*session_delete)(void *, const char *hash);
	enum err	(*sessions_end)(void *, int64_t user,
			    const char *keep, long *n);
	enum err	(*sessions_live)(void *, int64_t seen_after,
			    int64_t created_after, json_t **);
	enum err	(*sessions_purge)(void *, int64_t seen_before,
			    int64_t created_before);
	enum err	(*auth_version)(void *, int64_t *);
	enum err	(*audit_add)(void *, const struct store_audit *);
	enum err	(*audit_list)(void *, long limit, long offset,
			    json_t **, long *total);
	enum err	(*counts)(void *, json_t **);
	enum err	(*token_add)(void *, const struct store_token *,
			    int64_t *id);
	enum err	(*token_find)(void *, const char *hash, json_t **);
	enum err	(*tokens_list)(void *, json_t **);
	enum err	(*token_revoke)(void *, int64_t id, int64_t now);
	enum err	(*token_touch)(void *, int64_t id, int64_t now);
	/* The back office's items (sqlite_content.c; store.c says what). */
	enum err	(*item_list)(void *, enum store_kind,
			    const struct store_item_query *, json_t **,
			    long *total);
	enum err	(*item_get)(void *, enum store_kind, int64_t id,
			    json_t **);
	enum err	(*item_save)(void *, enum store_kind, int64_t id,
			    const struct store_value *, size_t, int64_t *out);
	enum err	(*item_delete)(void *, enum store_kind, int64_t id);
	enum err	(*item_move)(void *, enum store_kind, int64_t id,
			    long to);
	/* Media and the dashboard (sqlite_media.c). */
	enum err	(*media_add)(void *, const struct store_media *,
			    int64_t *id);
	enum err	(*media_get)(void *, int64_t id, const char *name,
			    json_t **);
	enum err	(*media_list)(void *, long limit, long offset,
			    json_t **, long *total);
	enum err	(*media_alt_set)(void *, int64_t id, const char *alt);
	enum err	(*media_delete)(void *, int64_t id);
	enum err	(*media_usage)(void *, json_t *names, json_t **);
	enum err	(*dashboard)(void *, const struct store_dashboard *,
			    json_t **);
	/* Editing issues, sections and people (store.c says what). */
	enum err	(*issues_page)(void *, long limit, long offset,
			    json_t **, long *total);
	enum err	(*issue_by_id)(void *, int64_t id, json_t **);
	enum err	(*issue_save)(void *, const struct store_issue *,
			    int64_t *id);
	enum err	(*issue_delete)(void *, int64_t id);
	enum err	(*issue_articles)(void *, int64_t id, json_t **);
	enum err	(*articles_unassigned)(void *, const char *search,
			    long limit, json_t **);
	enum err	(*issue_article_add)(void *, int64_t issue,
			    int64_t article);
	enum err	(*issue_article_remove)(void *, int64_t issue,
			    int64_t article);
	enum err	(*issue_order)(void *, int64_t issue,
			    const int64_t *articles, size_t n);
	enum err	(*issue_publish)(void *, int64_t id, int publish,
			    const char *now, long *n);
	enum err	(*sections_page)(void *, json_t **);
	enum err	(*section_by_id)(void *, int64_t id, json_t **);
	enum err	(*section_save)(void *, const struct store_section *,
			    int64_t *id);
	enum err	(*section_delete)(void *, int64_t id);
	enum err	(*sections_order)(void *, const int64_t *ids,
			    size_t n);
	enum err	(*slug_taken)(void *, enum store_slugged,
			    const char *slug, int64_t except, int *taken);
	enum err	(*people_page)(void *, const struct store_find *,
			    json_t **, long *total);
	enum err	(*person_by_id)(void *, int64_t id, json_t **);
	enum err	(*person_save)(void *, const struct store_person *,
			    int64_t *id);
	enum err	(*person_delete)(void *, int64_t id);
	enum err	(*person_uses)(void *, int64_t id, json_t **);
	/* The article editor (sqlite_articles.c; store.h says what). */
	enum err	(*article_edit_get)(void *, int64_t id, json_t **);
	enum err	(*articles_admin)(void *,
			    const struct store_article_filter *, json_t **,
			    long *total);
	enum err	(*article_save)(void *,
			    const struct store_article_edit *, int64_t *id,
			    int64_t *version);
	enum err	(*article_delete)(void *, int64_t id);
	enum err	(*article_slug_owner)(void *, const char *slug,
			    int64_t *id);
	enum err	(*article_moved)(void *, const char *slug, json_t **);
	enum err	(*revisions_list)(void *, int64_t article, json_t **);
	enum err	(*revision_get)(void *, int64_t article, int64_t id,
			    int64_t version, json_t **);
	enum err	(*articles_publish_due)(void *, const char *now,
			    int apply, json_t **);
	enum err	(*issues_all)(void *, json_t **);
	enum err	(*countries_list)(void *, json_t **);
	/* Search (store.c says what). */
	enum err	(*search)(void *, struct store_search *, json_t **,
			    long *total, int *more);
	enum err	(*articles_similar)(void *, int64_t id, long limit,
			    json_t **);
	enum err	(*search_hold)(void *, int hold);
	enum err	(*search_choices)(void *, json_t **);
	/* The newsletter (store.c says what). */
	enum err	(*secret_get)(void *, const char *name, char *hex,
			    size_t len);
	enum err	(*signup)(void *, const struct store_signup *,
			    int *queued);
	enum err	(*subscriber_get)(void *, int64_t id, json_t **);
	enum err	(*subscriber_set)(void *, int64_t id,
			    const char *status, const char *topics,
			    int64_t now);
	enum err	(*deliveries_claim)(void *, int64_t now,
			    int64_t lease, long max, json_t **);
	enum err	(*deliveries_done)(void *,
			    const struct store_delivery_result *, size_t n,
			    int64_t now);
	enum err	(*delivery_add)(void *, const char *kind,
			    const char *address, int64_t subscriber,
			    int64_t campaign, int64_t now);
	enum err	(*mail_sent_since)(void *, int64_t since, long *n);
	enum err	(*mail_pending)(void *, long *n);
	enum err	(*subscriber_bounce)(void *, const char *address,
			    int64_t now, int *found);
	enum err	(*campaign_get)(void *, int64_t id, json_t **);
	enum err	(*campaign_queue)(void *, int64_t id, int64_t now,
			    long *n);
	enum err	(*campaigns_list)(void *, json_t **);
	enum err	(*campaign_save)(void *, const struct store_campaign *,
			    int64_t *i);
	enum err	(*campaign_schedule)(void *, int64_t id, int64_t at);
	enum err	(*campaigns_due)(void *, int64_t now, long *n);
	enum err	(*campaign_last)(void *, int64_t *at);
	enum err	(*subscribers_list)(void *, const char *q,
			    const char *status, long limit, long offset,
			    json_t **, long *tota);
	enum err	(*subscriber_erase)(void *, int64_t id);
	enum err	(*subscriber_import)(void *, const char *email,
			    const char *salt, const char *consent, int64_t now,
			    int *adde);
	/* Old addresses (sqlite_redirects.c; store.h says what). */
	enum err	(*redirect_put)(void *, const struct store_redirect *,
			    int *changed);
	enum err	(*redirect_find)(void *, const char *path, json_t **);
	enum err	(*redirects_count)(void *, const char *origin,
			    long *n);
	enum err	(*import_id_get)(void *, const struct store_import_id *,
			    json_t **);
	enum err	(*import_id_put)(void *,
			    const struct store_import_id *);
	enum err	(*comment_put)(void *, const struct store_comment *,
			    int64_t *id);
	enum err	(*article_reads_set)(void *, int64_t article,
			    int64_t reads);
	/* The article page (sqlite_article_page.c; store.h says what). */
	enum err	(*article_around)(void *, int64_t id, json_t **);
	enum err	(*article_related)(void *, int64_t id,
			    json_t *exclude, long limit, json_t **);
	/* The K2 importer's (sqlite_k2.c; store.h says what). */
	enum err	(*article_extra_set)(void *, int64_t article,
			    const char *json, int *changed);
	enum err	(*articles_most_read)(void *, const char *since,
			    long limit, json_t **);
	enum err	(*articles_section_outside)(void *, const char *section,
			    long issue, long limit, json_t **);
	/* The whole journal (sqlite_dump.c; store.h says what). */
	enum err	(*dump)(void *, enum err (*)(void *, const char *,
			    json_t *), void *);
	enum err	(*dump_empty)(void *, const char **nonempty);
	enum err	(*load)(void *, const char *list, json_t *rec);
	enum err	(*dump_check)(void *, char *why, size_t len);
	enum err	(*article_slug_keep)(void *, int64_t id,
			    const char *slug);
	/* Finding things (sqlite_finding.c; store.h says what). */
	enum err	(*authors_index)(void *, json_t **);
	enum err	(*tag_get)(void *, const char *slug, json_t **);
	enum err	(*country_get)(void *, const char *code, json_t **);
	enum err	(*terms_list)(void *, int countries, json_t **);
	enum err	(*article_terms)(void *, int64_t id, json_t **);
	enum err	(*issues_archive)(void *, json_t **);
	enum err	(*events_past)(void *, int64_t now, long limit,
			    long offset, json_t **, long *total);
	enum err	(*sync_set)(void *, int full);
	/* Suggested countries (sqlite_suggestions.c; store.h says what). */
	enum err	(*suggestions_put)(void *, int64_t article,
			    const struct store_suggestion *, size_t n);
	enum err	(*suggestions_list)(void *, int64_t article,
			    long limit, long offset, json_t **);
	enum err	(*suggestions_count)(void *, long *articles,
			    long *suggestions);
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
/*
 * How much of the database the connection keeps in its own memory, in
 * KiB (SQLite's default: 2,000): the server's workers, which read the
 * search index's and the articles' pages at random, keep more
 * (LIMIT_READER_CACHE_KIB); a command or the mailer, which read once,
 * keep the default, so that their memory does not grow with the data.
 */
void		 store_cache(struct store *, long kib);
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
/*
 * The published articles most read from day since ("YYYY-MM-DD") on, by
 * the counter's daily rows: at most limit, most read first, as
 * store_articles_list's rows with reads (the days' sum) added.
 */
enum err	 store_articles_most_read(struct store *, const char *since,
		    long limit, json_t **);
/*
 * The newest published articles of section (a slug) that are not in
 * issue (a number; 0: none is left out), at most limit, newest first, as
 * store_articles_list's rows.
 */
enum err	 store_articles_section_outside(struct store *,
		    const char *section, long issue, long limit, json_t **);
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
 * Articles for OAI-PMH (struct store_oai_query), in the order of ids,
 * each {id, slug, title, dek, published_at, stamp (the later of published_at
 * and updated_at: the datestamp), section: {slug,
 * name}, issue: {number, volume}, authors: [{slug, name}]}; [] when
 * none match.  Caller frees.
 */
enum err	 store_oai_records(struct store *,
		    const struct store_oai_query *, json_t **);
/* {published_at} of the first published article; ERR_NOTFOUND if none. */
enum err	 store_oai_earliest(struct store *, json_t **);
/*
 * Add a pending subscriber; *created is 0 when the address (compared
 * case-insensitively) was already there, which is not an error.
 */
enum err	 store_subscriber_add(struct store *, const char *email,
		    const char *token, int *created);
/* Add reads additively (reads = reads + n) and to the day's row. */
enum err	 store_reads_add(struct store *, const struct store_reads *,
		    size_t, const char *day);

/*
 * Accounts (docs/store.md, "Accounts").  A user record is {id, email,
 * role, password (the hash), disabled (0 or 1), created_at,
 * signed_in_at (null: never), sessions (how many it has)}; times are
 * seconds since the epoch.  These write nothing a page shows, so they
 * leave the content version alone; sessions and a user's disabling bump
 * the auth version instead.
 */
/* A new user; ERR_CONFLICT when the email (any case) has one. */
enum err	 store_user_add(struct store *, const char *email,
		    const char *role, const char *password, int64_t now,
		    int64_t *id);
/* By id, or by email compared case-insensitively; ERR_NOTFOUND. */
enum err	 store_user_get(struct store *, int64_t id, json_t **);
enum err	 store_user_find(struct store *, const char *email, json_t **);
/* Every user, by email. */
enum err	 store_users_list(struct store *, json_t **);
/* Change one field (text or num, as the field says); ERR_NOTFOUND. */
enum err	 store_user_set(struct store *, int64_t id,
		    enum store_user_field, const char *text, int64_t num);
/*
 * A session: stored under the hash of its token (never the token), for
 * user, made and last used at now, from addr with user agent ua.
 */
enum err	 store_session_add(struct store *, const char *hash,
		    int64_t user, int64_t now, const char *addr,
		    const char *ua);
/*
 * The session of hash: {hash, user_id, created_at, seen_at, user:
 * {email, role, disabled}}; ERR_NOTFOUND.
 */
enum err	 store_session_get(struct store *, const char *hash,
		    json_t **);
/* Its last use is now. */
enum err	 store_session_touch(struct store *, const char *hash,
		    int64_t now);
/* End one session (ERR_NOTFOUND if there was none). */
enum err	 store_session_delete(struct store *, const char *hash);
/* End every session of user but keep (NULL: all); *n gets how many. */
enum err	 store_sessions_end(struct store *, int64_t user,
		    const char *keep, long *n);
/*
 * The sessions of enabled users used after seen_after and made after
 * created_after: [{hash, user_id, created_at, seen_at}].
 */
enum err	 store_sessions_live(struct store *, int64_t seen_after,
		    int64_t created_after, json_t **);
/* Delete sessions last used or made at or before those times. */
enum err	 store_sessions_purge(struct store *, int64_t seen_before,
		    int64_t created_before);
/* A number that changes with every change to a session or a user's
 * access (whoever makes it): the server reloads its live sessions. */
enum err	 store_auth_version(struct store *, int64_t *);
/* Append to the audit log (which is never changed nor cut). */
enum err	 store_audit_add(struct store *, const struct store_audit *);
/*
 * A page of the audit log, newest first: [{id, at, who, action,
 * object, address}], and the number of entries.
 */
enum err	 store_audit_list(struct store *, long limit, long offset,
		    json_t **, long *total);
/*
 * What the back office's home counts: {articles (published), issues
 * (published), sections, people, publications, events, users}.
 */
enum err	 store_counts(struct store *, json_t **);
/*
 * API tokens.  A token record is {id, name, hint, user_id, created_at,
 * used_at (null: never), revoked_at (null: live), user: {email, role,
 * disabled}, by: {email} (absent when its maker was deleted)}.
 */
/* A new token; ERR_CONFLICT if its hash is taken (never, by chance). */
enum err	 store_token_add(struct store *, const struct store_token *,
		    int64_t *id);
/* The token stored under hash, revoked or not; ERR_NOTFOUND. */
enum err	 store_token_find(struct store *, const char *hash, json_t **);
/* Every token: live ones first, newest first. */
enum err	 store_tokens_list(struct store *, json_t **);
/* Revoke at now; ERR_NOTFOUND when no live token has id. */
enum err	 store_token_revoke(struct store *, int64_t id, int64_t now);
/* Its last use is now; ERR_NOTFOUND. */
enum err	 store_token_touch(struct store *, int64_t id, int64_t now);

/*
 * Items the back office edits one by one: kind is "publication",
 * "pub_type", "link" or "event" (anything else is ERR_INVAL); a list's
 * total may be NULL.  Records are shaped as store_put's, with their
 * id; a publication's authors are [{slug, name}] and its type {slug,
 * name}; a type carries uses (its publications), so that one in use is
 * not offered for deletion.
 */
enum err	 store_item_list(struct store *, const char *kind,
		    const struct store_item_query *, json_t **, long *total);
/* One item by id; ERR_NOTFOUND. */
enum err	 store_item_get(struct store *, const char *kind, int64_t id,
		    json_t **);
/*
 * Save rec (store_put's shape and checks, all or nothing) as item id,
 * or as a new item when id is 0 (*out gets its id; a new link or type
 * goes last).  ERR_NOTFOUND for no item id, ERR_CONFLICT for a
 * duplicate (a type's slug), ERR_INVAL for a record store_put refuses
 * or a reference (type, author) that names nothing.
 */
enum err	 store_item_save(struct store *, const char *kind, int64_t id,
		    json_t *rec, int64_t *out);
/*
 * Delete item id: ERR_NOTFOUND if there is none, ERR_CONFLICT for a
 * publication type that publications still have (nothing is deleted).
 */
enum err	 store_item_delete(struct store *, const char *kind,
		    int64_t id);
/*
 * Put link or type id at place to (0: first) of its list, the others
 * keeping their order; a place past the end is the last.  ERR_NOTFOUND.
 */
enum err	 store_item_move(struct store *, const char *kind, int64_t id,
		    long to);
/*
 * The newsletter (docs/store.md, "Newsletter").  A subscriber record is
 * {id, email, status (pending, confirmed, unsubscribed, bounced), token
 * (the salt its signed links are made with), topics ("issues,events,
 * news", any of them), created_at, confirmed_at}.  A delivery is one
 * message to one address: of kind confirm, campaign or test; claimed
 * with a lease (its next_at moved past the lease), then marked.
 */
/*
 * A named secret of len - 1 hex digits in hex, made at random the first
 * time it is asked for (by whichever connection asks first).
 */
enum err	 store_secret_get(struct store *, const char *name, char *hex,
		    size_t len);
/*
 * Sign up s->email: a new pending subscriber unless there is one (an
 * unsubscribed one is pending again), and a confirmation mail queued
 * (*queued 1) unless the address is confirmed already, had one less than
 * s->address_gap seconds ago, or the client asked for more than
 * s->client_max in the last hour.  One transaction.
 */
enum err	 store_signup(struct store *, const struct store_signup *,
		    int *queued);
/* The subscriber id; ERR_NOTFOUND. */
enum err	 store_subscriber_get(struct store *, int64_t id, json_t **);
/*
 * Set a subscriber's status and (unless NULL) topics; confirming sets
 * confirmed_at.  ERR_NOTFOUND when there is no such subscriber.
 */
enum err	 store_subscriber_set(struct store *, int64_t id,
		    const char *status, const char *topics, int64_t now);
/*
 * Claim at most max deliveries due at now for lease seconds: [{id, kind,
 * address, attempts, subscriber: {id, token, status}, campaign_id}].
 * A claimed row is due again when the lease ends, so a crash loses
 * nothing; rows of a subscriber no longer confirmed (campaigns) are
 * dropped, not claimed.
 */
enum err	 store_deliveries_claim(struct store *, int64_t now,
		    int64_t lease, long max, json_t **);
/*
 * Mark n deliveries as they ended, in one transaction.  A failure of a
 * campaign's message counts against its subscriber, who is bounced at
 * the third hard failure in a row (a sent message resets the count).
 */
enum err	 store_deliveries_done(struct store *,
		    const struct store_delivery_result *, size_t n,
		    int64_t now);
/* Queue one message of kind (confirm, test) to address. */
enum err	 store_delivery_add(struct store *, const char *kind,
		    const char *address, int64_t subscriber, int64_t campaign,
		    int64_t now);
/* How many messages were sent since since (the daily quota). */
enum err	 store_mail_sent_since(struct store *, int64_t since, long *n);
/* How many deliveries are queued or deferred (due or not). */
enum err	 store_mail_pending(struct store *, long *n);
/*
 * A delivery status notification says address failed: the subscriber of
 * that address is bounced (*found 0 when there is none).
 */
enum err	 store_subscriber_bounce(struct store *, const char *address,
		    int64_t now, int *found);
/* A campaign {id, subject, body_text, body_html, topic, status, ...}. */
enum err	 store_campaign_get(struct store *, int64_t id, json_t **);
/*
 * Queue campaign id now: one delivery for each confirmed subscriber of
 * its topic (*n of them), the campaign then "sending".  ERR_CONFLICT if
 * it was queued before, ERR_NOTFOUND if there is no such campaign.
 */
enum err	 store_campaign_queue(struct store *, int64_t id, int64_t now,
		    long *n);

/* Every campaign, newest first, as store_campaign_get gives it. */
enum err	 store_campaigns_list(struct store *, json_t **);
/*
 * Make (c->id 0) or change a campaign; ERR_CONFLICT when it is sending
 * (its messages are made).  *id gets its id.
 */
enum err	 store_campaign_save(struct store *,
		    const struct store_campaign *, int64_t *id);
/* Send it at at (0: a draft again); ERR_CONFLICT when it is sending. */
enum err	 store_campaign_schedule(struct store *, int64_t id,
		    int64_t at);
/* Queue the scheduled campaigns due at now; *n messages made. */
enum err	 store_campaigns_due(struct store *, int64_t now, long *n);
/* When the last campaign was queued (0: never), for a digest. */
enum err	 store_campaign_last(struct store *, int64_t *at);
/*
 * Subscribers whose address holds q ("" any), of status ("" any), by
 * address, limit (0: all) from offset; *total of them.
 */
enum err	 store_subscribers_list(struct store *, const char *q,
		    const char *status, long limit, long offset, json_t **,
		    long *total);
/* Erase a subscriber and their deliveries; ERR_NOTFOUND. */
enum err	 store_subscriber_erase(struct store *, int64_t id);
/*
 * A confirmed subscriber from an import, with the consent it records;
 * *added 0 when the address is there already (left as it is).
 */
enum err	 store_subscriber_import(struct store *, const char *email,
		    const char *salt, const char *consent, int64_t now,
		    int *added);

/*
 * Media (docs/store.md, "Media").  A media record is {id, name,
 * filename, type, size, width, height, alt, user_id, uploader (the
 * user's email, absent when the account is gone), created_at}.
 */
/* A new row; ERR_CONFLICT when the name is taken. */
enum err	 store_media_add(struct store *, const struct store_media *,
		    int64_t *id);
/* By id, or by name when name is not NULL; ERR_NOTFOUND. */
enum err	 store_media_get(struct store *, int64_t id, const char *name,
		    json_t **);
/* A page of media, newest first, and how many there are. */
enum err	 store_media_list(struct store *, long limit, long offset,
		    json_t **, long *total);
/* Set the alt text; ERR_NOTFOUND when there is no such row. */
enum err	 store_media_alt_set(struct store *, int64_t id,
		    const char *alt);
/* Delete the row (not the file); ERR_NOTFOUND. */
enum err	 store_media_delete(struct store *, int64_t id);
/*
 * Where the files of names (an array of names) are used: every text
 * column that may hold a link to /media/NAME (article bodies, people's
 * photos, publications' covers and links, partner links, events'
 * links, settings), as [{name, kind ("article", "person",
 * "publication", "link", "event", "setting"), id, title}], by name
 * then kind and title.
 */
enum err	 store_media_usage(struct store *, json_t *names, json_t **);
/*
 * The dashboard, read in one snapshot: {drafts: [{id, title, slug,
 * updated_at}] newest first, drafts_total, scheduled: [{id, title,
 * slug, published_at}] soonest first, scheduled_total, top: [{id,
 * title, slug, reads}] the most read since q->month, days: [{day,
 * reads}] the days from q->from to q->to that have reads}.
 */
enum err	 store_dashboard(struct store *, const struct store_dashboard *,
		    json_t **);

/*
 * Editing issues, sections and people (docs/store.md, "Editing").  The
 * writes change pages, so each bumps the content version; none opens a
 * transaction of its own: the caller's store_begin and store_commit
 * make a save one, with its audit entry.
 */
/*
 * A page of every issue, drafts too, newest first (date, then number):
 * [{id, number, volume, date, title, status, articles (how many it
 * holds), published (how many of them are)}], and how many issues.
 */
enum err	 store_issues_page(struct store *, long limit, long offset,
		    json_t **, long *total);
/* {id, number, volume, date, title, note, cover, status}; ERR_NOTFOUND. */
enum err	 store_issue_by_id(struct store *, int64_t id, json_t **);
/*
 * Insert (id 0; *id gets the new one, with its status) or update an
 * issue's own fields but its status, which only store_issue_publish
 * changes, with the issue's articles.
 * ERR_CONFLICT when another issue has the number; ERR_NOTFOUND.
 */
enum err	 store_issue_save(struct store *, const struct store_issue *,
		    int64_t *id);
/* Delete an issue that holds no article: ERR_CONFLICT if it holds one. */
enum err	 store_issue_delete(struct store *, int64_t id);
/*
 * An issue's articles, any status, in the order of its table of
 * contents (section, then position): [{id, slug, title, status,
 * position, section {id, slug, name}, authors [{slug, name}]}].
 */
enum err	 store_issue_articles(struct store *, int64_t id, json_t **);
/*
 * Up to limit articles in no issue whose title or slug holds search
 * (NULL or "": any), newest first: [{id, slug, title, status,
 * section {name}, authors [{slug, name}]}].
 */
enum err	 store_articles_unassigned(struct store *, const char *search,
		    long limit, json_t **);
/*
 * Put an article in no issue at the end of an issue: ERR_CONFLICT when
 * it is in an issue already, ERR_INVAL when it is published and the
 * issue is not (a published article is never in an unpublished issue);
 * ERR_NOTFOUND.  Remove one from the issue it is in: ERR_NOTFOUND when
 * it is not there.
 */
enum err	 store_issue_article_add(struct store *, int64_t issue,
		    int64_t article);
enum err	 store_issue_article_remove(struct store *, int64_t issue,
		    int64_t article);
/*
 * Number the issue's articles 1..n in the order given (those of another
 * issue are left alone; ERR_NOTFOUND if any is not in it).
 */
enum err	 store_issue_order(struct store *, int64_t issue,
		    const int64_t *articles, size_t n);
/*
 * Publish an issue and every article it holds (those not yet published
 * are dated now, an RFC 3339 UTC time), or unpublish it and every
 * published article it holds (back to draft); *n gets how many articles
 * changed.  ERR_NOTFOUND.
 */
enum err	 store_issue_publish(struct store *, int64_t id, int publish,
		    const char *now, long *n);
/*
 * Every section in order with {id, slug, name, description, position,
 * articles (how many, any status)}; one by id (without articles).
 */
enum err	 store_sections_page(struct store *, json_t **);
enum err	 store_section_by_id(struct store *, int64_t id, json_t **);
/* Insert or update: ERR_CONFLICT for a slug taken; ERR_NOTFOUND. */
enum err	 store_section_save(struct store *,
		    const struct store_section *, int64_t *id);
/* Delete a section without articles: ERR_CONFLICT if it has some. */
enum err	 store_section_delete(struct store *, int64_t id);
/* Give the sections of ids positions 1..n in that order. */
enum err	 store_sections_order(struct store *, const int64_t *ids,
		    size_t n);
/* *taken 1 if a row of the kind but except (0: none) has slug. */
enum err	 store_slug_taken(struct store *, enum store_slugged,
		    const char *slug, int64_t except, int *taken);
/*
 * Make the slug in b free among the kind's rows but except's (0: none):
 * slug_claim (util/slug.c) asking store_slug_taken.
 */
enum err	 store_slug_unique(struct store *, enum store_slugged,
		    int64_t except, struct buf *b);
/*
 * A page of people by name, found by search in their name, slug or
 * affiliation (ASCII letters in any case): [{id, slug, name,
 * affiliation, role, staff}] and how many match.
 */
enum err	 store_people_page(struct store *, const struct store_find *,
		    json_t **, long *total);
/* {id, slug, name, bio, photo, affiliation, role, staff}; ERR_NOTFOUND. */
enum err	 store_person_by_id(struct store *, int64_t id, json_t **);
enum err	 store_person_save(struct store *, const struct store_person *,
		    int64_t *id);
/* Delete someone named as no author: ERR_CONFLICT if they are. */
enum err	 store_person_delete(struct store *, int64_t id);
/*
 * Where someone is named as an author: {articles [{id, slug, title}],
 * publications [{id, title}]}.
 */
enum err	 store_person_uses(struct store *, int64_t id, json_t **);

/*
 * The article editor (docs/store.md, "The article editor").  Unlike the public
 * reads above these see every status.
 */
/*
 * One article by id for editing: {id, slug, title, dek, body, status,
 * published_at, updated_at, version, created_by (null: unknown),
 * section_id, issue_id (null: none), reads, correction,
 * correction_kind, correction_date, section {slug, name}, issue
 * {number, date, title} (absent: none), authors [{id, slug, name}],
 * tags [{name, slug}], countries [{code, name}]}: the shape of
 * store_article_get's record and more; ERR_NOTFOUND.
 */
enum err	 store_article_edit_get(struct store *, int64_t id, json_t **);
/*
 * A page of every article the filter lets through, last edited first:
 * [{id, slug, title, status, published_at, updated_at, version,
 * section {name}, issue {number}, creator, authors [{name}]}], and how
 * many there are in all.
 */
enum err	 store_articles_admin(struct store *,
		    const struct store_article_filter *, json_t **,
		    long *total);
/*
 * Save an article in the caller's transaction: a new one (*id gets its
 * id) or e->id if its version is still e->version (ERR_CONFLICT when
 * another save came first; ERR_NOTFOUND when it is gone); its body,
 * authors, tags (made if new) and countries replaced; a revision of it
 * all kept; *version gets the new version.  A published article's old
 * slug goes to article_slugs (answering with a 301).
 */
enum err	 store_article_save(struct store *,
		    const struct store_article_edit *, int64_t *id,
		    int64_t *version);
/* Delete an article and all that hangs off it; ERR_NOTFOUND. */
enum err	 store_article_delete(struct store *, int64_t id);
/*
 * The article that has slug, as its slug or an old one (*id), or 0 when
 * none has.
 */
enum err	 store_article_slug_owner(struct store *, const char *slug,
		    int64_t *id);
/*
 * {slug} of the published article that once had slug; ERR_NOTFOUND.
 */
enum err	 store_article_moved(struct store *, const char *slug,
		    json_t **);
/* An article's revisions, newest first: [{id, saved_at, who, note,
 * version, status}]. */
enum err	 store_revisions_list(struct store *, int64_t article,
		    json_t **);
/*
 * One revision of article, by id (> 0), else the newest saved at
 * version: {id, saved_at, who, note, version, slug, title, dek, body,
 * section_id, issue_id, authors ("1,4"), tags (one a line), countries
 * ("FR,DE"), status, published_at, correction, correction_kind,
 * correction_date (the note to readers then; absent when not known,
 * a revision older than migration 18)}; ERR_NOTFOUND.
 */
enum err	 store_revision_get(struct store *, int64_t article,
		    int64_t id, int64_t version, json_t **);
/*
 * The scheduled articles whose time (ISO, UTC) is now or before and
 * whose issue, if any, is published (a published article is never in
 * an unpublished issue: the others wait for theirs): [{id, slug,
 * title}]; with apply set, published too, in the caller's transaction.
 */
enum err	 store_articles_publish_due(struct store *, const char *now,
		    int apply, json_t **);
/* Every issue, drafts too, newest first: [{id, number, date, title,
 * status}]. */
enum err	 store_issues_all(struct store *, json_t **);
/* ISO 3166-1 countries by name: [{code, name}]. */
enum err	 store_countries_list(struct store *, json_t **);

/*
 * Keep an old address (r->path, req_target_key's form): a row that
 * exists is replaced; *changed (may be NULL) says whether anything
 * changed, so that an import run again reports nothing new.
 */
enum err	 store_redirect_put(struct store *,
		    const struct store_redirect *, int *changed);
/*
 * {location, slug} for old address path: slug is the article's when the
 * row points at one that is published (location null), else location
 * is the row's; ERR_NOTFOUND (an article not published has none).
 */
enum err	 store_redirect_find(struct store *, const char *path,
		    json_t **);
/* How many old addresses are kept, of origin (NULL: all). */
enum err	 store_redirects_count(struct store *, const char *origin,
		    long *n);
/*
 * {local_id, digest} of the source record k names (origin, kind,
 * source_id); ERR_NOTFOUND when it was never imported.
 */
enum err	 store_import_id_get(struct store *,
		    const struct store_import_id *k, json_t **);
/* Record what k's source record became (local_id) and its digest. */
enum err	 store_import_id_put(struct store *,
		    const struct store_import_id *k);
/*
 * Keep comment c: a new one when *id is 0 (*id gets it), else replace
 * comment *id.
 */
enum err	 store_comment_put(struct store *,
		    const struct store_comment *c, int64_t *id);
/* Set an article's read count (an old system's: K2's hits). */
enum err	 store_article_reads_set(struct store *, int64_t article,
		    int64_t reads);
/* The article page. */
/*
 * What an article's page shows around the published article id:
 * {authors [{slug, name, role, affiliation, bio, photo}] in byline
 * order, prev {id, slug, title}, next {...}}, prev and next its
 * neighbours among its issue's published articles in the issue page's
 * order (absent at either end, or when it is in no issue).
 */
enum err	 store_article_around(struct store *, int64_t id, json_t **);
/*
 * Up to limit published articles sharing tags, countries and authors
 * with article id, most shared first (score, how many), then newest
 * (among the newest 100 of each tag, country and author):
 * [{id, slug, title, dek, published_at, score, section {slug, name}}];
 * never id itself nor the ids of the array exclude (borrowed; NULL:
 * none).
 */
enum err	 store_article_related(struct store *, int64_t id,
		    json_t *exclude, long limit, json_t **);
/*
 * Set an article's extra data (articles.extra): json, the text of a
 * JSON object, or NULL for none; *changed (may be NULL) says whether it
 * changed.  ERR_OK when no article has the id (nothing changed).
 */
enum err	 store_article_extra_set(struct store *, int64_t article,
		    const char *json, int *changed);
/*
 * Search (docs/design.md, "Search"): published articles only.
 */
/*
 * The articles q finds, a page of them ([{id, slug, title, dek,
 * published_at, title_marked, snippet, section {slug, name}, issue
 * {number, date}, authors [{slug, name}]}], the matched words of
 * title_marked and snippet between STORE_MARK_OPEN and STORE_MARK_CLOSE),
 * by relevance (bm25, the title weighted highest) or newest first.  Only
 * the newest LIMIT_SEARCH_RANKED matches are ranked: *total counts them
 * and *more is 1 when there were more.  A query with no word gives no
 * rows.  ERR_PARSE or ERR_LIMIT with q->why when q cannot be read.
 */
enum err	 store_search(struct store *, struct store_search *q,
		    json_t **rows, long *total, int *more);
/*
 * Up to limit published articles most like article id by text (the
 * words of its title and its tags, OR-ed, ranked by bm25 among the
 * newest LIMIT_SEARCH_RANKED that share one), most alike first, itself
 * left out: rows shaped as store_articles_list's.  ERR_NOTFOUND when
 * there is no article id.
 */
enum err	 store_articles_similar(struct store *, int64_t id,
		    long limit, json_t **rows);
/*
 * For a bulk load inside the caller's transaction (octavo demo): hold 1
 * stops keeping the index in step; hold 0 rebuilds it from every
 * published article and keeps it in step again.
 */
enum err	 store_search_hold(struct store *, int hold);
/*
 * What the search form offers: {first, last (the years of the first and
 * last published issue, null when there is none), countries [{code,
 * name}] (those published articles name, by name)}.
 */
enum err	 store_search_choices(struct store *, json_t **);
/* search_query.c */
/*
 * Read the reader's query q (len bytes, untrusted) and append to fts an
 * FTS5 expression of it in which every word and phrase is quoted, so
 * that it always parses; nothing is appended for a query with no word.
 * ERR_PARSE (an unclosed quote or parenthesis, an operator without its
 * words, invalid UTF-8) or ERR_LIMIT (past LIMIT_SEARCH_QUERY, _TERMS,
 * _DEPTH, or fts's maximum) with *why, a sentence for the reader.
 */
enum err	 store_search_parse(const char *q, size_t len, struct buf *fts,
		    const char **why);
/* search_text.c */
/*
 * Append to out the text of html (len bytes, untrusted): what a reader
 * reads, without tags, attributes or comments, entities decoded, white
 * space made single spaces, a space where a block ends.  This is what
 * the search index reads of an HTML body.  ERR_PARSE for invalid UTF-8
 * or what libxml2 cannot read, ERR_LIMIT past out's maximum; out is
 * then as it was.
 */
enum err	 store_html_text(struct buf *out, const char *html, size_t len);
/*
 * Append to out the text of a body (len bytes, untrusted) of format
 * "html" (store_html_text) or "markdown" (the text of the HTML md4c
 * makes of it, as the page shows it: a link's words, not its address).
 * ERR_INVAL for another format, ERR_LIMIT past LIMIT_BODY_MD, out's
 * maximum or (Markdown) HTML of 16 times the body (quotes in quotes in
 * quotes...), ERR_PARSE as store_html_text.
 */
enum err	 store_body_text(struct buf *out, const char *body, size_t len,
		    const char *format);

/*
 * The whole journal as lists of records (docs/export-format.md), for
 * "octavo export json" and "octavo import json".  store_dump calls fn
 * with each list's name and a NULL record as the list begins, then with
 * each of its records (borrowed: valid during the call), in one
 * snapshot, in the order a load must read them; fn's error stops it,
 * but ERR_NOTFOUND at a list's beginning skips that list.
 * store_dump_list names the i-th list, NULL past the last.
 * store_dump_empty is ERR_OK when the database holds nothing a load
 * would collide with, else ERR_CONFLICT with *nonempty naming a list
 * that has records.  store_load puts one record of list back, with its
 * ids; ERR_INVAL (logged with the field) for an unknown list or field,
 * a missing field, ERR_DB for what the schema refuses.  Load inside
 * store_begin and store_commit.
 */
enum err	 store_dump(struct store *,
		    enum err (*fn)(void *, const char *list, json_t *rec),
		    void *arg);
const char	*store_dump_list(int i);
enum err	 store_dump_empty(struct store *, const char **nonempty);
enum err	 store_load(struct store *, const char *list, json_t *rec);
/*
 * ERR_OK when every table and column of the schema is exported by some
 * list or left out on purpose; else ERR_INVAL and why (len bytes) names
 * the first that is neither (a migration that forgot the export).
 */
enum err	 store_dump_check(struct store *, char *why, size_t len);
/*
 * Keep slug as an old slug of article id (its /articles/ address then
 * answers with a 301 to the article's), unless an article has it now.
 */
enum err	 store_article_slug_keep(struct store *, int64_t id,
		    const char *slug);
/*
 * Finding things: the public site's indexes (docs/store.md).
 */
/*
 * Every person with at least one published article: [{slug, name, role,
 * photo, count}], in no particular order (the web layer sorts by family
 * name).
 */
enum err	 store_authors_index(struct store *, json_t **);
/* A tag {slug, name} by slug; ERR_NOTFOUND. */
enum err	 store_tag_get(struct store *, const char *slug, json_t **);
/* A country {code, name} by its upper-case code; ERR_NOTFOUND. */
enum err	 store_country_get(struct store *, const char *code, json_t **);
/*
 * The tags (countries set: the countries) on at least one published
 * article, by name: [{slug, name, count}] ({code, name, count}).
 */
enum err	 store_terms_list(struct store *, int countries, json_t **);
/* An article's {tags: [{slug, name}] in order, countries: [{code,
 * name}] by name}; empty lists for an unknown id. */
enum err	 store_article_terms(struct store *, int64_t id, json_t **);
/*
 * Published issues, newest first, for the archive: [{number, volume,
 * date, title, note, cover, count}].
 */
enum err	 store_issues_archive(struct store *, json_t **);
/*
 * Events that began before now, newest first, limit (0: all) from
 * offset; *total (if not NULL) how many there are.
 */
enum err	 store_events_past(struct store *, int64_t now, long limit,
		    long offset, json_t **, long *total);

/*
 * Whether this connection's commits reach the disk before they return
 * (full, the default), or the operating system only: a crash of the
 * process then loses none, a power cut may undo the last ones (SQLite's
 * synchronous FULL or NORMAL, in WAL mode).  Back to full, what was
 * committed before goes to the disk too (as far as readers let it).
 * The mailer's marks, which a power cut would only make send again,
 * are full once a second.  ERR_INVAL inside a transaction.
 */
enum err	 store_sync_set(struct store *, int full);
/* Suggested countries: sqlite_suggestions.c, suggest.c. */
/*
 * Make article's pending suggestions exactly s[0..n) (n 0: none),
 * leaving out a code the article lists or no country has.
 */
enum err	 store_suggestions_put(struct store *, int64_t article,
		    const struct store_suggestion *s, size_t n);
/*
 * The articles with suggestions (article 0: all, else that one), newest
 * id first, limit from offset: [{id, title, slug, status, suggestions
 * [{code, name, words}] by name}].
 */
enum err	 store_suggestions_list(struct store *, int64_t article,
		    long limit, long offset, json_t **);
/* How many articles have suggestions, and how many there are. */
enum err	 store_suggestions_count(struct store *, long *articles,
		    long *suggestions);
/*
 * The one way suggestions are made (importers, an author's or the
 * API's save): the countries the gazetteer finds in title, dek and
 * body that have[0..nhave) does not list become article's pending
 * suggestions, replacing what it had; *n (if not NULL) gets how many.
 * Called inside the caller's transaction.
 */
enum err	 store_article_suggest(struct store *, int64_t article,
		    const char *title, const char *dek, const char *body,
		    const char *const *have, size_t nhave, size_t *n);

/* store_sqlite.c */
extern const struct store_ops store_sqlite_ops;

#endif
