/*
 * admin: the back office at /admin, and the accounts behind it.  Users
 * have a role (admin, editor, author) and an argon2id password hash;
 * signing in makes a server-side session whose random token is the
 * cookie and whose hash is all the database keeps.  Every state-changing
 * form carries a CSRF token derived from the session's token; failed
 * sign-ins are rate-limited per account and per address; what users do
 * goes to an audit log.
 *
 * Two views of the sessions: the database is the truth, read by every
 * back-office request on its worker; the polling thread, which has no
 * database, asks an in-memory table of live session hashes (live.c)
 * whether a request is a signed-in user's, so that such requests are
 * never counted as reads nor answered from or put into the page cache.
 * The table is changed with the database by this process and reloaded
 * from it when another process (octavo user ...) changes a session.
 *
 * Clocks are passed in (now, seconds since the epoch) so that tests can
 * move them.
 */
#ifndef OCTAVO_ADMIN_H
#define OCTAVO_ADMIN_H

#include <jansson.h>
#include <pthread.h>

#include "http/http.h"
#include "site/site.h"
#include "store/store.h"
#include "util/util.h"

/* Roles, least to most: each may do what the ones before it may. */
enum role {
	ROLE_AUTHOR,	/* own drafts */
	ROLE_EDITOR,	/* all content, publishing, issues */
	ROLE_ADMIN,	/* everything, users and settings too */
	ROLE__MAX
};

/* role.c */
extern const char *const role_names[ROLE__MAX];	/* "author"... */
/* The role named s; ERR_INVAL when there is none. */
enum err	 role_parse(const char *s, enum role *);

/* password.c */
/*
 * argon2id through libsodium's crypto_pwhash_str: 3 passes over 64 MiB
 * (RFC 9106's second recommended setting, with libsodium's one lane),
 * about 100 ms on one core of the 2-core server it was measured on; two
 * workers hashing at once hold 128 MiB.  A stored hash made with other
 * settings is replaced at the next sign-in.
 */
#define PASSWORD_OPSLIMIT	3ULL
#define PASSWORD_MEMLIMIT	((size_t)64 * 1024 * 1024)
#define PASSWORD_MIN		10	/* characters */
#define PASSWORD_MAX		256	/* bytes: any longer is refused */
#define PASSWORD_HASH_LEN	128	/* crypto_pwhash_STRBYTES */
/*
 * Hash pw with the given costs (PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT but
 * in tests) into out, NUL-terminated.  ERR_IO when libsodium cannot (out
 * of memory).
 */
enum err	 password_hash(const char *pw, unsigned long long ops,
		    size_t mem, char out[PASSWORD_HASH_LEN]);
/* 1 if pw matches the stored hash, else 0 (a malformed hash too). */
int		 password_verify(const char *hash, const char *pw);
/* 1 if hash was made with other costs than PASSWORD_*, or is not ours. */
int		 password_needs_rehash(const char *hash);
/*
 * Why pw cannot be a password (a phrase: "must be at least 10
 * characters long"), or NULL when it can: PASSWORD_MIN characters to
 * PASSWORD_MAX bytes of valid UTF-8 without control characters.
 */
const char	*password_problem(const char *pw);

/* token.c */
#define TOKEN_BYTES	32			/* 256 random bits */
#define TOKEN_HEX	(2 * TOKEN_BYTES + 1)	/* as text, with its NUL */
/* A new random token, as 64 lowercase hex digits. */
void		 token_new(char out[TOKEN_HEX]);
/*
 * The hash a session is stored under: BLAKE2b-256 of the token's bytes,
 * in hex.  ERR_PARSE when token is not 64 hex digits (a cookie is
 * untrusted input).
 */
enum err	 token_hash(const char *token, char out[TOKEN_HEX]);
/*
 * The CSRF token of a session: BLAKE2b-256 keyed by the session's token,
 * of a fixed label, in hex.  Only the holder of the cookie can make it,
 * and it says nothing of the token or of its stored hash.
 */
enum err	 token_csrf(const char *token, char out[TOKEN_HEX]);
/*
 * The CSRF token of the sign-in form, which has no session yet: a
 * random nonce (its cookie) signed with the process's key, so that the
 * form and the cookie must come from this server together.
 */
void		 token_signed(const unsigned char key[TOKEN_BYTES],
		    const char *nonce, char out[TOKEN_HEX]);
/*
 * 1 if a, sent by a client (may be NULL), equals b, in time that does
 * not depend on where they differ (sodium_memcmp); else 0.
 */
int		 token_equal(const char *a, const char *b);

/*
 * An API token as its holder sees it: "octavo_" and a token's 64 hex
 * digits (the prefix tells secret scanners and people what it is).
 */
#define TOKEN_API_PREFIX	"octavo_"
#define TOKEN_API_LEN		(sizeof(TOKEN_API_PREFIX) - 1 + TOKEN_HEX)
/* A new API token, and the hash it is stored under. */
void		 token_api_new(char out[TOKEN_API_LEN], char hash[TOKEN_HEX]);
/*
 * The hash an API token is stored under; ERR_PARSE unless it is the
 * prefix and 64 hex digits (what a client sends is untrusted).
 */
enum err	 token_api_hash(const char *token, char hash[TOKEN_HEX]);

/* limiter.c */
/*
 * Counts failures per key in a sliding window: a key with max failures
 * in the last window seconds must wait until the oldest of them is
 * window seconds old.  Keys are hashed with hash_keyed (clients choose
 * them); at most max_keys are tracked, and when every one is live a new
 * key is refused (waits a whole window) rather than an old one forgotten.
 * Thread-safe.
 */
#define LIMITER_MAX	32	/* failures a window can hold, at most */
struct limiter;
/* Caller frees with limiter_free. */
struct limiter	*limiter_new(int max, int64_t window, size_t max_keys);
void		 limiter_free(struct limiter *);	/* NULL: no-op */
/* Seconds the key must wait before it may try again; 0 if it may now. */
int64_t		 limiter_wait(struct limiter *, const void *key, size_t n,
		    int64_t now);
/* Count a failure of key at now. */
void		 limiter_fail(struct limiter *, const void *key, size_t n,
		    int64_t now);
/* Forget key's failures (a success). */
void		 limiter_clear(struct limiter *, const void *key, size_t n);
/* Drop keys whose failures are all older than the window. */
void		 limiter_prune(struct limiter *, int64_t now);
/* Keys tracked. */
size_t		 limiter_count(struct limiter *);

/* live.c */
/* Session lifetimes, seconds. */
#define SESSION_IDLE		(2 * 3600)	/* since the last request */
#define SESSION_ABSOLUTE	(12 * 3600)	/* since sign-in, at most */
#define SESSION_TOUCH		60	/* last use stored at most this often */
/* Live sessions as the polling thread sees them; thread-safe. */
struct live;
struct live	*live_new(size_t max);
void		 live_free(struct live *);	/* NULL is a no-op */
/*
 * Add or update the session stored under hash (hex) for user, signed in
 * at created, last used at seen.  ERR_LIMIT, and nothing added, past
 * max sessions; ERR_PARSE when hash is not 64 hex digits.
 */
enum err	 live_put(struct live *, const char *hash, int64_t user,
		    int64_t created, int64_t seen);
/* Forget one session, or every session of a user but keep (or NULL). */
void		 live_drop(struct live *, const char *hash);
void		 live_drop_user(struct live *, int64_t user, const char *keep);
/*
 * 1 if the session of token (the cookie's value; anything else is 0)
 * is live at now: known, used within SESSION_IDLE and younger than
 * SESSION_ABSOLUTE.
 */
int		 live_has(struct live *, const char *token, int64_t now);
/* A generation to pass to live_reload: take it before reading the rows. */
uint64_t	 live_generation(struct live *);
/*
 * Make the table the store's sessions, rows of {hash, user_id,
 * created_at, seen_at} read after gen was taken: entries not among
 * them are dropped unless put since gen.
 */
void		 live_reload(struct live *, json_t *rows, uint64_t gen);
size_t		 live_count(struct live *);

/* admin.c */
/* The sign-in limits: failures per window, per account and per address. */
#define SIGNIN_ACCOUNT_MAX	5
#define SIGNIN_ADDRESS_MAX	20
#define SIGNIN_WINDOW		(15 * 60)
/* Password reset mails: one an account, and so many a client, a window. */
#define RESET_ADDRESS_MAX	10
#define RESET_WINDOW		(15 * 60)
/* The back office's process state, site->admin while serving. */
struct admin {
	struct live	*live;
	struct limiter	*by_account;	/* keyed by the lowercased email */
	struct limiter	*by_address;	/* keyed by addr_group */
	struct limiter	*reset_by_account;	/* reset mails (reset.c) */
	struct limiter	*reset_by_address;
	/*
	 * A hash of nobody's password, made at the first sign-in of an
	 * unknown account rather than at start (it takes as long as a real
	 * one, ~100 ms, which start-up must not wait for); dummy_lock.
	 */
	pthread_mutex_t	 dummy_lock;
	char		 dummy[PASSWORD_HASH_LEN];
	unsigned char	 form_key[TOKEN_BYTES];	/* signs sign-in forms */
	int64_t		 auth_version;
	int64_t		 pruned_at;
};
/* admin.c */
/* The dummy hash, made on first use; borrowed from the admin state. */
const char	*admin_dummy_hash(struct admin *);
/* The back office as a part of the server (routes, state, hooks). */
extern const struct site_part admin_part;

/* auth.c */
/* Cookies: the __Host- names when the site's base URL is https. */
#define COOKIE_SESSION		"octavo_session"
#define COOKIE_SESSION_HOST	"__Host-octavo_session"
#define COOKIE_SIGNIN		"octavo_signin"
#define COOKIE_SIGNIN_HOST	"__Host-octavo_signin"
/* The signed-in user of a request; strings valid until request end. */
struct admin_user {
	int64_t		 id;
	const char	*email;
	enum role	 role;
	char		 hash[TOKEN_HEX];	/* the session's */
	char		 csrf[TOKEN_HEX];	/* its forms' token */
};
/* 1 if the site's base URL is https: cookies are then Secure, __Host-. */
int		 admin_secure(struct ctx *);
/*
 * Set the cookie named plain (host when admin_secure: Secure, __Host-),
 * HttpOnly, SameSite=Lax, Path=/, for the browser's session; an empty
 * value deletes it.
 */
void		 admin_cookie_set(struct ctx *, struct req *, struct resp *,
		    const char *plain, const char *host, const char *value);
/*
 * The session of a request's cookie, checked in the database: ERR_OK
 * with *u; ERR_AUTH when there is none, with *stale 1 when a cookie was
 * sent that names no live session (ended, expired, its user disabled:
 * an expired one is deleted).  A session's last use is stored at most
 * every SESSION_TOUCH seconds.  Other errors are the store's.
 */
enum err	 admin_session(struct ctx *, struct req *, int64_t now,
		    struct admin_user *u, int *stale);
/*
 * What every back-office handler but sign-in starts with.  *go is 1
 * when the request may go on: signed in, with at least the role need,
 * and for a POST with the right CSRF token.  Else *go is 0 and resp
 * holds the answer: a redirect to the sign-in page (with ?next= the
 * page) for nobody signed in, a 403 page for a lesser role or a wrong
 * or missing token (nothing was changed).
 */
enum err	 admin_begin(struct ctx *, struct req *, struct resp *,
		    enum role need, struct admin_user *u, int *go);
/*
 * Sign in email with pw from the request's address: ERR_OK with *uid;
 * ERR_AUTH for an unknown or disabled account or a wrong password (the
 * same work in each case: an unknown account is checked against a
 * dummy hash), counted against the account and the address; ERR_LIMIT
 * with *wait seconds when either has failed too often (nothing is
 * checked then).  The failure is audited; a hash made with other costs
 * is remade.
 */
enum err	 admin_sign_in(struct ctx *, struct req *, const char *email,
		    const char *pw, int64_t now, int64_t *uid, int64_t *wait);
/*
 * A new session for uid (audited as a sign-in), its cookie set on resp;
 * any session the request had is ended first.
 */
enum err	 admin_session_start(struct ctx *, struct req *,
		    struct resp *, int64_t uid, int64_t now);
/* End the request's session (audited) and clear its cookie. */
enum err	 admin_session_end(struct ctx *, struct req *, struct resp *,
		    const struct admin_user *);
/*
 * End every session of user uid but keep (a session hash, or NULL),
 * in the database and the live table; *n gets how many.  The caller
 * holds the transaction and calls admin_live_drop after its commit.
 */
enum err	 admin_sessions_end(struct ctx *, int64_t uid,
		    const char *keep, long *n);
/* After a commit that ended uid's sessions: the live table too. */
void		 admin_live_drop(struct ctx *, int64_t uid, const char *keep);
/*
 * Add an audit entry for the request: by u (NULL: nobody signed in;
 * who then names the actor, e.g. the email typed), action from the
 * fixed vocabulary ("sign-in", "user added"...), about object.
 */
enum err	 admin_audit(struct ctx *, struct req *,
		    const struct admin_user *u, const char *who,
		    const char *action, const char *object);
/*
 * next as the place to go after signing in, if it is a local path: "/"
 * then anything but "/" or "\\", of printable ASCII without spaces,
 * quotes, angle brackets or backslashes, at most LIMIT_URL bytes; else
 * "/admin".  Never an address of another site.
 */
const char	*admin_next(const char *next);
/*
 * The key of an account for the sign-in limiter: the email, ASCII
 * lowercased, at most LIMIT_EMAIL bytes, in the arena; *n its length.
 */
const char	*admin_account_key(struct arena *, const char *email,
		    size_t *n);
/* The address of the page r asked for (path and query), for ?next=. */
const char	*admin_here(struct req *);

/* page.c: views and answers for the back office's templates. */
/*
 * A page view: site, assets (the back office's stylesheet), page.title,
 * user (false for NULL), nav for the user's role with current marked,
 * csrf, and notice (the message of ?done=, from a fixed table).
 */
json_t		*admin_view(struct ctx *, struct req *,
		    const struct admin_user *, const char *title,
		    const char *current);
/* Render template name with view (taken) into resp, with status. */
enum err	 admin_render(struct ctx *, struct req *, struct resp *,
		    int status, const char *name, json_t *view);
/* A page that only says something (a refusal, a result). */
enum err	 admin_message(struct ctx *, struct req *, struct resp *,
		    const struct admin_user *, int status, const char *title,
		    const char *text);
/* Ask before a change (admin-confirm): the fields of struct confirm. */
struct confirm {
	const char	*page;		/* the page's title */
	const char	*current;	/* the nav entry to mark */
	const char	*title;		/* the question: "Revoke x?" */
	const char	*text;		/* what it will do */
	const char	*action;	/* where the form POSTs */
	const char	*button;	/* "Revoke the token" */
	const char	*cancel;	/* where Cancel goes */
};
enum err	 admin_confirm(struct ctx *, struct req *, struct resp *,
		    const struct admin_user *, const struct confirm *);
/* A 303 to location (after a POST, or to sign in). */
void		 admin_redirect(struct req *, struct resp *,
		    const char *location);
/* A form: { fields: [], errors: [], has_errors: false }. */
json_t		*form_new(void);
/*
 * Append a field (see admin-field.mustache) to form: type is "text",
 * "email", "password", "textarea" or "select" (then options are
 * added with field_option); hint and autocomplete may be NULL.  Returns
 * the field, borrowed from form.
 */
json_t		*form_field(json_t *form, const char *name, const char *label,
		    const char *type, const char *value, const char *hint,
		    const char *autocomplete, int required);
void		 field_option(json_t *field, const char *value,
		    const char *label, int selected);
/* Mark form's field name wrong with why, beside it and in the summary. */
void		 form_error(json_t *form, const char *name, const char *why);
/* 1 if some field is marked wrong. */
int		 form_failed(json_t *form);
/* The route's :id, a number from 1; ERR_NOTFOUND for anything else. */
enum err	 admin_arg_id(struct req *, int64_t *id);
/* "27 Nov 2026, 14:05" (UTC) of epoch seconds, "" for 0. */
const char	*admin_time(struct arena *, int64_t);

/* article_save.c: the article editor's one way to write an article. */
enum article_status {
	ARTICLE_DRAFT,
	ARTICLE_SCHEDULED,
	ARTICLE_PUBLISHED,
	ARTICLE__MAX
};
extern const char *const article_status_names[ARTICLE__MAX];
/* The status named s; ERR_INVAL when there is none. */
enum err	 article_status_parse(const char *s, enum article_status *);
#define ARTICLE_TITLE_MAX	300	/* bytes */
#define ARTICLE_DEK_MAX		1000
#define ARTICLE_TAG_MAX		60
#define ARTICLE_CORRECTION_MAX	4000	/* bytes of a correction note */
#define ARTICLE_AUTHORS_MAX	8
#define ARTICLE_TAGS_MAX	20
#define ARTICLE_COUNTRIES_MAX	20
/*
 * An article as its editor (a form, later the API) hands it in: typed,
 * not yet checked.  Strings are NUL-terminated and borrowed; "" for
 * none.  Lists past their maximum are refused, not cut.
 */
struct article_input {
	int64_t			 id;		/* 0: a new article */
	int64_t			 version;	/* the edit began from it */
	const char		*title;
	const char		*slug;		/* "": made from the title */
	const char		*dek;
	const char		*body;		/* Markdown */
	int64_t			 section_id;
	int64_t			 issue_id;	/* 0: none */
	const int64_t		*authors;	/* person ids, in order */
	size_t			 nauthors;
	const char *const	*tags;		/* names */
	size_t			 ntags;
	const char *const	*countries;	/* ISO 3166-1 alpha-2 */
	size_t			 ncountries;
	enum article_status	 status;
	int64_t			 publish_at;	/* 0: now, or as it was */
	const char		*correction;	/* a note to readers, or "" */
	const char		*correction_kind; /* "correction", "update" */
	const char		*correction_date; /* YYYY-MM-DD; "": today */
	int			 reviewed;	/* an editor saw its suggested
						   countries (the form): they
						   are cleared; else made
						   again (store_article_suggest)
						 */
};
/* What is wrong, by field ("title", "slug"...), one message a field. */
struct article_problems {
	struct {
		const char	*field;
		const char	*why;	/* a sentence; valid until request
					   end */
	}		 p[16];
	size_t		 n;
};
void		 article_problem(struct article_problems *,
		    const char *field, const char *why);
/*
 * 1 if u may edit article old (store_article_edit_get's record) at all:
 * an editor any, an author their own drafts.
 */
int		 article_may_edit(const struct admin_user *u, json_t *old);
/*
 * Check in and save it as u at now, in one transaction with its
 * revision (noted note: NULL or "" for a plain save) and audit entries
 * (a change of status; a restore, when note is set).  ERR_OK with *id
 * and *version; ERR_INVAL with p's problems; ERR_AUTH when u's role
 * may not (an author publishing, or editing what is not their own
 * draft); ERR_CONFLICT when the article changed since in->version;
 * ERR_NOTFOUND when it is gone.  Nothing is stored unless ERR_OK.
 * Problems already in p (the caller's parsing) are kept, and fail the
 * save too, so that every field's message shows at once.
 */
enum err	 article_save(struct ctx *, struct req *,
		    const struct admin_user *u, const struct article_input *in,
		    const char *note, int64_t now, struct article_problems *p,
		    int64_t *id, int64_t *version);
/* Delete article id (editors and admins; ERR_AUTH else), audited. */
enum err	 article_delete(struct ctx *, struct req *,
		    const struct admin_user *u, int64_t id);
/* The tick's: publish what is scheduled for now or before, audited. */
void		 article_publish_due(struct store *, int64_t now);

/* article_countries.c: the countries the editor is offered. */
struct article_values;
/*
 * Add to form, after the countries field, a box to tick for each
 * country v's title, dek and body name (the gazetteer) that v's
 * countries do not list, labelled with its name from countries
 * [{code, name}]; nothing when there is none.
 */
void		 article_countries_suggest(struct arena *, json_t *form,
		    const struct article_values *v, json_t *countries);
/*
 * The countries typed (typed, "FR, DE") with the suggested_country
 * boxes the request ticked, in the arena (or typed itself).
 */
const char	*article_countries_confirmed(struct req *, const char *typed);

/* article_form.c: the editor's form, both ways, and what changed. */
/* The lists an article's choices come from (store rows). */
struct article_refs {
	json_t		*sections;
	json_t		*issues;	/* every issue, drafts too */
	json_t		*people;
	json_t		*countries;	/* ISO 3166-1 [{code, name}] */
};
enum err	 article_refs_load(struct ctx *, struct article_refs *);
void		 article_refs_free(struct article_refs *);
/* The row of rows with this id, or NULL; borrowed. */
json_t		*article_ref(json_t *rows, int64_t id);
/* An article's fields as text, as a form shows and sends them. */
struct article_values {
	const char	*title;
	const char	*slug;
	const char	*dek;
	const char	*body;
	const char	*status;
	const char	*publish_at;	/* datetime-local: 2026-12-01T09:00 */
	const char	*section;	/* ids */
	const char	*issue;
	const char	*authors[ARTICLE_AUTHORS_MAX];
	size_t		 nauthors;
	const char	*tags;		/* "a, b" */
	const char	*countries;	/* "FR, DE" */
	const char	*version;
	const char	*correction;
	const char	*correction_kind;
	const char	*correction_date;
};
/* Of a stored article (store_article_edit_get's record); arena text. */
void		 article_values_of(struct arena *, json_t *art,
		    struct article_values *);
/* As the request's form typed them ("" for what is missing). */
void		 article_values_typed(struct req *, struct article_values *);
/*
 * The editor's form (form_new's shape) showing v; the status and time
 * only when may_publish.
 */
json_t		*article_form(struct arena *, const struct article_refs *,
		    const struct article_values *, int may_publish);
/*
 * v parsed into *in for article id (0: new): numbers, lists split at
 * commas, the time; what cannot be parsed goes to p (in then holds
 * what could).  Without may_publish the status is draft.
 */
void		 article_input_of(struct arena *, const struct article_values *,
		    int64_t id, int may_publish, struct article_input *in,
		    struct article_problems *p);
/* Each problem beside its field of form. */
void		 article_problems_mark(json_t *form,
		    const struct article_problems *);
/*
 * A stored article in the shape of a revision (store_revision_get's:
 * authors "1,4", tags one a line, countries "FR,DE"), so that either
 * compares with either.  A new reference.
 */
json_t		*article_snapshot(struct arena *, json_t *art);
/*
 * What changed from one snapshot or revision to another: *fields
 * [{label, from, to}] (a new reference) as the person reads them, and
 * the body's diff_html in the arena; *changed counts both (0: the
 * same).
 */
enum err	 article_changes(struct arena *, const struct article_refs *,
		    json_t *from, json_t *to, json_t **fields,
		    const char **body_html, long *changed);

/* articles.c: what the article editor's pages share. */
/* The route's :id as a number; ERR_NOTFOUND when it is not one. */
enum err	 article_id_arg(struct req *, int64_t *);
/* 1 if u may see article art: an editor any, an author their own. */
int		 article_may_see(const struct admin_user *u, json_t *art);
/*
 * admin_begin for a page about the :id article, which u must be allowed
 * to see: *art its record (caller decrefs) when *go is 1; else resp
 * holds the answer (sign-in, 403) or the return is ERR_NOTFOUND.
 */
enum err	 article_begin(struct ctx *, struct req *, struct resp *,
		    struct admin_user *u, json_t **art, int *go);

/* diff.c */
/*
 * The line diff of text a (alen bytes) to b as HTML appended to out:
 * for each hunk a <span class="diff-hunk"> naming its lines, then its
 * lines each on its own line, <del> taken out, <ins> put in, <span>
 * context (three lines), all escaped.  *changed gets the lines taken
 * out and put in (0: the same).  ERR_LIMIT past out's maximum, ERR_IO
 * if libgit2 fails; out then as it was.
 */
enum err	 diff_html(struct buf *out, const char *a, size_t alen,
		    const char *b, size_t blen, long *changed);

/* Handlers: login.c, home.c, users.c, settings_page.c, audit.c,
 * account.c */
/*
 * The CSRF token of a form shown before sign-in (sign-in, password
 * reset): the sign-in nonce's cookie (set when new) signed with the
 * process's key; admin_signin_csrf_ok checks a posted form's.
 */
void		 admin_signin_csrf(struct ctx *, struct req *, struct resp *,
		    char out[TOKEN_HEX]);
int		 admin_signin_csrf_ok(struct ctx *, struct req *);
enum err	 admin_login(struct ctx *, struct req *, struct resp *);
enum err	 admin_login_post(struct ctx *, struct req *, struct resp *);
enum err	 admin_logout(struct ctx *, struct req *, struct resp *);
enum err	 admin_home(struct ctx *, struct req *, struct resp *);
enum err	 admin_users(struct ctx *, struct req *, struct resp *);
enum err	 admin_users_add(struct ctx *, struct req *, struct resp *);
enum err	 admin_user(struct ctx *, struct req *, struct resp *);
enum err	 admin_user_role(struct ctx *, struct req *, struct resp *);
enum err	 admin_user_sessions(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_user_disable_ask(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_user_disable(struct ctx *, struct req *, struct resp *);
enum err	 admin_user_enable(struct ctx *, struct req *, struct resp *);
enum err	 admin_settings(struct ctx *, struct req *, struct resp *);
enum err	 admin_settings_post(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_audit_page(struct ctx *, struct req *, struct resp *);
enum err	 admin_account(struct ctx *, struct req *, struct resp *);
/* A form's new password and its repeat; their checks, into its errors. */
void		 admin_new_password_fields(json_t *form);
void		 admin_new_password_check(struct req *, json_t *form,
		    const char *pw, const char *repeat);
/* reset.c: a forgotten password, by mail. */
enum err	 admin_forgot(struct ctx *, struct req *, struct resp *);
enum err	 admin_forgot_post(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_reset(struct ctx *, struct req *, struct resp *);
enum err	 admin_reset_post(struct ctx *, struct req *, struct resp *);
enum err	 admin_account_post(struct ctx *, struct req *,
		    struct resp *);
/* api_tokens.c */
enum err	 admin_tokens(struct ctx *, struct req *, struct resp *);
enum err	 admin_tokens_add(struct ctx *, struct req *, struct resp *);
enum err	 admin_token_revoke_ask(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_token_revoke(struct ctx *, struct req *, struct resp *);
/* media_save.c: uploads stored and files deleted (pages and API). */
/* Why an upload is refused, for people (media_check's ERR_MEDIA, ...). */
#define MEDIA_REFUSED	"The file is not a JPEG, PNG, WebP or GIF image " \
	"nor a PDF document (its content says so, whatever its name)."
#define MEDIA_DAMAGED	"The file starts like an image but its header " \
	"cannot be read: it may be damaged."
/*
 * Recognise the upload (media_check), place it under a new random name
 * and record it with alt, as by's, with its audit entry, in one
 * transaction; *id gets its row's id.  media_check's ERR_LIMIT,
 * ERR_MEDIA and ERR_PARSE; ERR_IO, ERR_DB.  A failure leaves neither
 * file nor row.
 */
enum err	 media_upload(struct ctx *, struct req *,
		    const struct admin_user *by, const struct upload *,
		    const char *alt, int64_t *id);
/*
 * Delete the media record row (store_media_get's) with its audit entry,
 * then its file once that committed.  ERR_NOTFOUND.
 */
enum err	 media_delete(struct ctx *, struct req *,
		    const struct admin_user *by, json_t *row);
/* media.c: the media library. */
enum err	 admin_media(struct ctx *, struct req *, struct resp *);
enum err	 admin_media_upload(struct ctx *, struct req *, struct resp *);
enum err	 admin_media_item(struct ctx *, struct req *, struct resp *);
enum err	 admin_media_alt(struct ctx *, struct req *, struct resp *);
enum err	 admin_media_delete_ask(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_media_delete(struct ctx *, struct req *, struct resp *);
/* The article editor: article_list.c, articles.c, revisions.c */
enum err	 admin_articles(struct ctx *, struct req *, struct resp *);
enum err	 admin_article_new(struct ctx *, struct req *, struct resp *);
enum err	 admin_article_create(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_article_preview_post(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_article(struct ctx *, struct req *, struct resp *);
enum err	 admin_article_update(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_article_preview(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_article_unpublish(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_article_delete_ask(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_article_delete(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_article_revisions(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_article_diff(struct ctx *, struct req *, struct resp *);
enum err	 admin_article_restore(struct ctx *, struct req *,
		    struct resp *);
/* newsletter.c: campaigns */
/*
 * What the newsletter's pages of one row begin with: an editor (as
 * admin_begin), and the row the route's :id names, read by get, into
 * *row (caller frees); ERR_NOTFOUND (a 404) when there is none.
 */
enum err	 admin_newsletter_begin(struct ctx *, struct req *,
		    struct resp *, struct admin_user *,
		    enum err (*get)(struct store *, int64_t, json_t **),
		    json_t **row, int *go);
enum err	 admin_newsletter(struct ctx *, struct req *, struct resp *);
enum err	 admin_newsletter_new(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_campaign(struct ctx *, struct req *, struct resp *);
enum err	 admin_campaign_save(struct ctx *, struct req *, struct resp *);
enum err	 admin_campaign_test(struct ctx *, struct req *, struct resp *);
enum err	 admin_campaign_send(struct ctx *, struct req *, struct resp *);
/* newsletter_subscribers.c */
enum err	 admin_subscribers(struct ctx *, struct req *, struct resp *);
enum err	 admin_subscribers_csv(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_subscribers_import(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_subscriber_erase_ask(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_subscriber_erase(struct ctx *, struct req *,
		    struct resp *);

/*
 * items.c: the list, form and confirmation of the kinds of item edited
 * one at a time (publications, their types, partner links, events).
 * Routes under a kind's base: GET base (the list: ?q=, a filter,
 * ?page=), GET base/new, POST base (add), GET and POST base/:id (edit,
 * save), GET and POST base/:id/delete (ask, delete), POST base/:id/move
 * (to=place from 1; ordered kinds).
 */
struct item_kind {
	const char	*kind;		/* the store's: "link" */
	const char	*base;		/* "/admin/links" */
	const char	*nav;		/* the nav entry it is under */
	const char	*title;		/* "Partner links" */
	const char	*one;		/* "link": "Delete the link" */
	const char	*new_label;	/* "New link" */
	const char	*lede;
	const char	*search_label;	/* "Search names" */
	const char	*delete_text;	/* what deleting does */
	const char	*main_field;	/* where a conflict is said */
	const char	*conflict;	/* what a conflict means */
	enum role	 need;
	int		 ordered;	/* moved up and down */
	const char *const *columns;	/* the name's, then the cells' */
	size_t		 ncolumns;
	/* The item's name, borrowed from rec. */
	const char	*(*name)(json_t *rec);
	/* The list's cells after the name: an array of strings. */
	json_t		*(*cells)(struct ctx *, struct req *, json_t *rec);
	/* The form's values (strings by field name) of rec (NULL: new). */
	json_t		*(*values)(struct ctx *, struct req *, json_t *rec);
	/* Add the form's fields, filled from values. */
	void		 (*fields)(struct ctx *, struct req *, json_t *form,
			    json_t *values);
	/*
	 * Check values, marking form's fields wrong; when none is, *rec
	 * gets the record to save (store_put's shape).  Errors are the
	 * store's.
	 */
	enum err	 (*check)(struct ctx *, struct req *, json_t *form,
			    json_t *values, json_t **rec);
	/* Why rec cannot be deleted (a sentence), or NULL; optional. */
	const char	*(*refuse)(struct req *, json_t *rec);
	/* Set items.filter (a select) from the ?type= value; optional. */
	void		 (*filter)(struct ctx *, struct req *, json_t *items,
			    const char *value);
};
extern const struct item_kind item_publications, item_pub_types,
		    item_links, item_events;
enum err	 admin_items(struct ctx *, struct req *, struct resp *);
enum err	 admin_item_new(struct ctx *, struct req *, struct resp *);
enum err	 admin_item_add(struct ctx *, struct req *, struct resp *);
enum err	 admin_item(struct ctx *, struct req *, struct resp *);
enum err	 admin_item_post(struct ctx *, struct req *, struct resp *);
enum err	 admin_item_delete_ask(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_item_delete(struct ctx *, struct req *, struct resp *);
enum err	 admin_item_move(struct ctx *, struct req *, struct resp *);
/*
 * Check a text field v of form: empty is refused with the message empty
 * (NULL: empty is fine); else at most max characters of valid UTF-8
 * without control characters (but newlines and tabs when lines).  A
 * refusal is marked on the field; returns 1 if v passes.
 */
int		 item_check_text(struct req *, json_t *form, const char *name,
		    const char *v, const char *empty, size_t max, int lines);
/* What a URL field takes, beyond url_safe. */
enum {
	ITEM_URL_WEB,		/* http(s)://... */
	ITEM_URL_MEDIA,		/* /media/... */
	ITEM_URL_WEB_OR_MEDIA
};
/* Check a URL field as item_check_text does. */
int		 item_check_url(struct req *, json_t *form, const char *name,
		    const char *v, const char *empty, int how);

/* about.c: the about page's text, with a preview. */
enum err	 admin_about(struct ctx *, struct req *, struct resp *);
enum err	 admin_about_post(struct ctx *, struct req *, struct resp *);
/* edit.c: what the editing pages share (issues, sections, people). */
/* A row by id: store_issue_by_id, store_section_by_id... */
typedef enum err (*edit_get)(struct store *, int64_t, json_t **);
/* A page's work, for u, on the row (NULL when there is none). */
typedef enum err (*edit_fn)(struct ctx *, struct req *, struct resp *,
		    const struct admin_user *u, json_t *row);
/*
 * What every editing page does: admin_begin for an editor (else its
 * answer); when get is not NULL, the row the route's :id names (none:
 * ERR_NOTFOUND); fn on it (get NULL: on NULL); the row freed.
 */
enum err	 edit_run(struct ctx *, struct req *, struct resp *,
		    edit_get get, edit_fn fn);
/* The route's :id as a row id; ERR_NOTFOUND when it is not one. */
enum err	 edit_id(struct req *, int64_t *);
/*
 * A form field as stored: white space at both ends dropped, CRLF made
 * LF; "" when absent.  In the request's arena.
 */
const char	*edit_text(struct req *, const char *name);
/*
 * Mark field wrong when v is empty (if required), not UTF-8, or over
 * max bytes; returns 1 when it is right.
 */
int		 edit_check_text(json_t *form, const char *field,
		    const char *v, size_t max, int required);
/*
 * Why v cannot be a picture's address (a cover, a photo), or NULL: ""
 * (none), an http(s) URL or a /media/ path that url_safe accepts.
 */
const char	*edit_image_problem(const char *v);
/*
 * The slug to store in *out: typed, when it is well formed and no
 * other row of kind but except has it (else its message beside the
 * slug field); or, typed empty, made from name by slug_make and made
 * unique with slug_claim.  Store errors are returned.
 */
enum err	 edit_slug(struct ctx *, struct req *, json_t *form,
		    enum store_slugged kind, int64_t except,
		    const char *typed, const char *name, const char **out);
/*
 * End the transaction the caller began: with rc ERR_OK, add the audit
 * entry (action NULL: none) and commit; else, or if that fails, roll
 * back.  Returns the first error.
 */
enum err	 edit_commit(struct ctx *, struct req *,
		    const struct admin_user *, enum err rc,
		    const char *action, const char *object);
/*
 * Parse s, ids as a form sends a new order ("12,5,7": decimal numbers
 * from 1, without leading zeros, signs or spaces, comma-separated; ""
 * is none), into out: *n gets how many.  ERR_PARSE for anything else,
 * ERR_LIMIT past max ids.  out then holds what came before.
 */
enum err	 edit_ids(const char *s, int64_t *out, size_t max, size_t *n);
/* path with ?q=search (if any) and staff=1 (if staff): a list's base. */
const char	*edit_list_base(struct req *, const char *path,
		    const char *search, int staff);

/* issue_save.c: issues changed, for the back office and the JSON API. */
/* An issue's fields as typed: each "" when absent. */
struct issue_typed {
	const char	*number;
	const char	*volume;
	const char	*date;
	const char	*title;
	const char	*note;
	const char	*cover;
};
/*
 * Check typed into out (its id and status are left alone), with a
 * message beside each wrong field of form; 1 when all are right.
 * Number 1 to INT32_MAX, volume 1 to 9999, a date that exists as
 * YYYY-MM-DD, a title up to LIMIT_NAME bytes, a note (Markdown) and a
 * cover (edit_image_problem).  Whether the number is another issue's
 * is the save's ERR_CONFLICT.
 */
int		 issue_check(struct req *, json_t *form,
		    const struct issue_typed *, struct store_issue *out);
/*
 * Save a checked issue, audited as by's: a new one (id 0; *id gets
 * its id) is a draft; an existing one keeps its status.  ERR_CONFLICT
 * when another issue has the number; ERR_NOTFOUND.  One transaction.
 */
enum err	 issue_save(struct ctx *, struct req *,
		    const struct admin_user *by, const struct store_issue *,
		    int64_t *id);
/*
 * Publish the issue id and every article it holds, or unpublish it and
 * its published articles (back to draft), in one transaction with the
 * audit entry ("issue published", "issue unpublished"); *n gets how
 * many articles changed.  by may be NULL (no one signed in: an API
 * token's change).  ERR_NOTFOUND.
 */
enum err	 issue_publish(struct ctx *, struct req *,
		    const struct admin_user *by, int64_t id, int publish,
		    long *n);
/*
 * Add the article to the end of the issue: store_issue_article_add's
 * answers (ERR_INVAL: published, and the issue is not).
 */
enum err	 issue_article_add(struct ctx *, struct req *,
		    const struct admin_user *by, int64_t issue,
		    int64_t article);
/*
 * Delete the issue id (its number for the audit entry), audited as
 * by's, in one transaction: ERR_CONFLICT, nothing changed, while it
 * holds an article (store_issue_delete).
 */
enum err	 issue_delete(struct ctx *, struct req *,
		    const struct admin_user *by, int64_t id, long number);

/* Handlers: issues.c, sections.c, people.c */
enum err	 admin_issues(struct ctx *, struct req *, struct resp *);
enum err	 admin_issue_new(struct ctx *, struct req *, struct resp *);
enum err	 admin_issue_create(struct ctx *, struct req *, struct resp *);
enum err	 admin_issue(struct ctx *, struct req *, struct resp *);
enum err	 admin_issue_update(struct ctx *, struct req *, struct resp *);
enum err	 admin_issue_articles(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_issue_publish(struct ctx *, struct req *, struct resp *);
enum err	 admin_issue_unpublish_ask(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_issue_unpublish(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_issue_delete_ask(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_issue_delete(struct ctx *, struct req *, struct resp *);
enum err	 admin_sections(struct ctx *, struct req *, struct resp *);
enum err	 admin_section_new(struct ctx *, struct req *, struct resp *);
enum err	 admin_section_create(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_section(struct ctx *, struct req *, struct resp *);
enum err	 admin_section_update(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_section_move(struct ctx *, struct req *, struct resp *);
enum err	 admin_section_delete_ask(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_section_delete(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_people(struct ctx *, struct req *, struct resp *);
enum err	 admin_person_new(struct ctx *, struct req *, struct resp *);
enum err	 admin_person_create(struct ctx *, struct req *, struct resp *);
enum err	 admin_person(struct ctx *, struct req *, struct resp *);
enum err	 admin_person_update(struct ctx *, struct req *, struct resp *);
enum err	 admin_person_delete_ask(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_person_delete(struct ctx *, struct req *, struct resp *);

/* suggestions.c: the suggested countries an editor confirms. */
enum err	 admin_countries_review(struct ctx *, struct req *,
		    struct resp *);
enum err	 admin_countries_review_post(struct ctx *, struct req *,
		    struct resp *);

#endif
