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
/* Forget one session, or every session of a user. */
void		 live_drop(struct live *, const char *hash);
void		 live_drop_user(struct live *, int64_t user);
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

#endif
