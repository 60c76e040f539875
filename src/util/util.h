/*
 * util: the bottom layer every other module builds on.  Errors, memory
 * (checked allocation, per-request arenas, bounded buffers), string views,
 * checked number parsing, escaping, UTF-8 and URL decoding, dates, the
 * hash functions and the hash table, slugs and logging.  Nothing here
 * knows about HTTP, SQL or templates.
 *
 * Invariant: every growable thing has a maximum; going past it is ERR_LIMIT,
 * never an unbounded allocation.  Out-of-memory aborts in the allocator.
 */
#ifndef OCTAVO_UTIL_H
#define OCTAVO_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "limits.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
/* The struct of type holding member, from a pointer to that member. */
#define container_of(p, type, member)					\
	((type *)(void *)((char *)(p) - offsetof(type, member)))

/* err.c */
enum err {
	ERR_OK = 0,
	ERR_NOTFOUND,	/* no such row, file, route */
	ERR_PARSE,	/* malformed input */
	ERR_LIMIT,	/* a named limit was exceeded */
	ERR_INVAL,	/* well-formed but unacceptable value */
	ERR_DB,		/* the database failed */
	ERR_IO,		/* a system call failed */
	ERR_AUTH,	/* not allowed */
	ERR_CONFLICT,	/* already exists / concurrent change */
	ERR_METHOD,	/* method not allowed */
	ERR_MEDIA,	/* a body of a type not accepted there */
	ERR_BUSY,	/* a lock is held elsewhere: try again later */
	ERR__MAX
};
/* Short English text for an error code; never NULL. */
const char	*err_str(enum err);

/* mem.c: allocation that aborts on out-of-memory (all sizes are capped). */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

/*
 * mem_cache.c: malloc and free through a per-thread cache of small freed
 * blocks (jansson's allocator, installed by main).  Blocks are malloc's:
 * either pair may free the other's.  mem_cache_flush gives the calling
 * thread's cached blocks back (a thread's own go back when it ends).
 */
void	*mem_cache_alloc(size_t);
void	 mem_cache_free(void *);
void	 mem_cache_flush(void);
/* Bytes the calling thread's cache holds (at most MEM_CACHE_BYTES). */
size_t	 mem_cache_kept(void);

/*
 * An arena: many allocations released in one call.  Each request owns one;
 * everything made for the request comes from it ("valid until request end").
 */
struct arena;
/* New empty arena; caller frees with arena_free. */
struct arena	*arena_new(void);
/* Release every allocation of the arena and the arena; NULL is a no-op. */
void		 arena_free(struct arena *);
/* Zeroed, max-aligned memory valid until arena_free. */
void		*arena_alloc(struct arena *, size_t);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* str.c: string views and checked conversions. */
struct str {
	const char	*p;
	size_t		 len;
};
#define STR(lit)	((struct str){ (lit), sizeof(lit) - 1 })
int	 str_eq(struct str, const char *);
/*
 * Parse a whole decimal integer in [min, max]; leading/trailing junk
 * (white space and '+' included), overflow, an empty string or a minus
 * sign when min >= 0 is ERR_PARSE; out of range is ERR_INVAL.
 */
enum err str_to_ll(const char *, long long min, long long max, long long *);
/* n in decimal with a comma between thousands ("-12,345") into out. */
#define STR_GROUPED_LEN	32
const char *str_grouped(int64_t n, char out[STR_GROUPED_LEN]);

/*
 * A growable byte buffer with a maximum.  Functions return ERR_LIMIT when
 * the content would pass max; the buffer is then left unchanged.  The
 * content is always NUL-terminated (p may be NULL while len is 0).
 */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	size_t	 max;
	int	 borrowed;	/* p is the caller's storage, not ours */
};
void	 buf_init(struct buf *, size_t max);
/*
 * Start in the caller's storage (size bytes, at least 1), moving to the
 * heap only if the content outgrows it: short strings built on the hot
 * path (URLs, dates) then cost no allocation.  buf_free and buf_take
 * work as for any buf.
 */
void	 buf_init_in(struct buf *, char *storage, size_t size, size_t max);
void	 buf_reset(struct buf *);	/* len = 0, keeps memory */
/* Back to len bytes (no more than it holds): undo what a failed step
 * appended.  Keeps memory. */
void	 buf_truncate(struct buf *, size_t len);
void	 buf_free(struct buf *);	/* releases memory; buf reusable */
enum err buf_add(struct buf *, const void *, size_t);
/*
 * Make room for n more bytes in one allocation, so that appends up to
 * them never reallocate; ERR_LIMIT past the maximum.
 */
enum err buf_reserve(struct buf *, size_t n);
enum err buf_puts(struct buf *, const char *);
enum err buf_putc(struct buf *, char);
enum err buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Hand the memory to the caller (caller frees); buf is reset to empty. */
char	*buf_take(struct buf *, size_t *len);

/* esc.c: context-named escapers. */
/* HTML text and quoted attribute values: & < > " ' escaped. */
enum err esc_html(struct buf *, const char *, size_t);
/* XML 1.0 text (feeds, sitemaps): like esc_html, and drops control chars. */
enum err esc_xml(struct buf *, const char *, size_t);
/* Percent-encode for a URL path segment or query value (RFC 3986). */
enum err esc_url(struct buf *, const char *, size_t);

/* utf8.c */
#define UTF8_BAD	0xffffffffu
/*
 * The code point at s (n > 0 bytes left), its length in *used; UTF8_BAD
 * with *used 1 when s starts no valid sequence (overlong, surrogate, past
 * U+10FFFF, cut short), so that a caller can go on at the next byte.
 */
uint32_t utf8_decode(const char *s, size_t n, size_t *used);
/* 1 if the bytes are valid UTF-8 (no overlongs, no surrogates), else 0. */
int	utf8_valid(const char *, size_t);
/*
 * Why s cannot be one line of text (a phrase: "must be one line of
 * text, without control characters", "is not valid UTF-8"), or NULL
 * when it can.
 */
const char *utf8_line_problem(const char *s);

/* typo.c */
/*
 * Smart punctuation: s (n bytes of text) with its straight quotes made
 * curly (’ “ ” ‘), appended to out.  ERR_LIMIT past out's maximum, out
 * then as it was.
 */
enum err typo_text(struct buf *out, const char *s, size_t n);
/*
 * The same for the text nodes of HTML as md4c writes it (n bytes), the
 * rest copied: tags and their attributes, <code> and <pre> content, a
 * link text that is a URL.  ERR_LIMIT as typo_text.
 */
enum err typo_html(struct buf *out, const char *html, size_t n);
/*
 * typo_html in place on the HTML at b[from:] (md4c's, or html_clean's:
 * &#39; is a quote too, <kbd> and <samp> left alone like <code>).
 * ERR_LIMIT past b's maximum, b then as it was.
 */
enum err typo_html_tail(struct buf *b, size_t from);

/* url.c */
/*
 * Percent-decode src into dst (at least len + 1 bytes); '+' becomes a space
 * if plus is set (forms).  Malformed escapes are ERR_PARSE; a decoded NUL
 * or invalid UTF-8 is ERR_PARSE too.  *outlen gets the decoded length.
 */
enum err url_decode(const char *src, size_t len, char *dst, size_t *outlen,
	    int plus);
/*
 * 1 if a URL may be written into an href or src: a relative reference,
 * or of scheme http, https or mailto (any case, after leading spaces, as
 * browsers read it); 0 for any other scheme (javascript:, data:,
 * vbscript: ...) and for any URL holding a control character (U+0000 to
 * U+001F, U+007F), which browsers strip or drop before reading the scheme.
 */
int	url_safe(const char *, size_t);
/*
 * Resolve the reference ref (n bytes) against base, an absolute URL,
 * as RFC 3986 section 5.2 says (dot segments removed), appending the
 * result to out.  ERR_INVAL when base has no scheme; ERR_LIMIT past
 * out's maximum, out then as it was.
 */
enum err url_resolve(struct buf *out, const char *base, const char *ref,
	    size_t n);

/* timefmt.c */
/* "Wednesday, 08 February 2006" from "2006-02-08[...]" into buf. */
enum err time_fmt_long(struct buf *, const char *isodate);
/* "08 February 2006" */
enum err time_fmt_medium(struct buf *, const char *isodate);
/* Parse "YYYY-MM-DD" (anything after is ignored) into a struct tm. */
enum err time_parse_date(const char *, struct tm *);
/* Seconds since the epoch, from CLOCK_REALTIME. */
int64_t	time_now(void);
/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t	time_days(int64_t y, int m, int d);
/* The date of a count of days since 1970-01-01 (time_days's inverse). */
void	time_civil(int64_t days, int64_t *y, int *m, int *d);
/*
 * The one ISO 8601 formatter: seconds since the epoch, UTC, as
 * "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (any int64_t fits the buffer).
 */
#define TIME_ISO_LEN	32
enum time_iso {
	TIME_ISO_DATE,
	TIME_ISO_SECONDS
};
void	time_iso(int64_t secs, enum time_iso, char out[TIME_ISO_LEN]);
/* RFC 9110 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT", into 30 bytes. */
void	time_fmt_http(int64_t, char out[30]);
/*
 * Parse an RFC 3339 time ("2006-02-08T09:30:00Z", "...+01:00", fractions
 * dropped) or a date ("2006-02-08", its midnight UTC) into seconds since
 * the epoch; ERR_PARSE for anything else or a day that does not exist.
 */
enum err time_parse_iso(const char *, int64_t *);
/* RFC 3339 UTC, "2006-02-08T09:30:00Z", into 21 bytes. */
void	time_fmt_iso(int64_t, char out[21]);
/*
 * Parse an HTTP-date (RFC 9110 5.6.7) in any of its three forms:
 * IMF-fixdate, RFC 850 (two-digit years read as 1970-2069) and asctime.
 * ERR_PARSE for anything else.
 */
enum err time_parse_http(const char *, int64_t *);

/* tz.c: IANA time zones from the system's zone files (tz.c says how). */
#define TZ_NAME_MAX	64
struct tz;
/*
 * The zone called name ("UTC", "Europe/Paris"); caller frees with
 * tz_free.  ERR_NOTFOUND for a name that is no zone file, ERR_PARSE for
 * a file that is not TZif.
 */
enum err tz_open(const char *name, struct tz **);
/* A zone from the bytes of a TZif file (fuzzed); ERR_PARSE. */
enum err tz_parse(const unsigned char *, size_t, struct tz **);
void	 tz_free(struct tz *);		/* NULL is a no-op */
/* Seconds east of UTC at instant t; *abbr ("CET"), if asked, borrowed. */
int32_t	 tz_offset(const struct tz *, int64_t t, const char **abbr);
/*
 * The instant of a wall-clock time (seconds since the epoch as if the
 * zone were UTC): the earlier one when the clocks go back, ERR_INVAL for
 * a time the clocks skip.
 */
enum err tz_to_utc(const struct tz *, int64_t local, int64_t *t);
/*
 * The zones to choose from: "UTC", then zone1970.tab's names sorted.
 * Caller frees with tz_names_free.  ERR_NOTFOUND without the list.
 */
enum err tz_names(char ***, size_t *);
void	 tz_names_free(char **, size_t);
/* 1 if name is one of tz_names (or "UTC"). */
int	 tz_known(const char *name);

/* hash.c */
#define HASH_KEY_LEN	16	/* SipHash's key */
/*
 * FNV-1a, 64 bits: the same in every run, for keys no client chooses
 * (template names, the demo's slugs); a client can make keys collide.
 */
uint64_t hash_bytes(const void *, size_t);
/*
 * SipHash-2-4 under a key drawn at random once per process (the first
 * call draws it; thread-safe): for every key a client chooses.
 */
uint64_t hash_keyed(const void *, size_t);
/* SipHash-2-4 under the given key (hash_keyed's function). */
uint64_t hash_siphash(const unsigned char key[HASH_KEY_LEN], const void *,
	    size_t);

/*
 * htab.c: an intrusive chained hash table.  A record embeds a struct
 * hnode and is found again with container_of; the table links records
 * and never allocates or frees them.  Not thread-safe: callers lock.
 */
struct hnode {
	struct hnode	*next;
	uint64_t	 hash;
};
struct htab {
	struct hnode	**bucket;
	size_t		  nbucket;	/* a power of two */
	size_t		  nbucket_max;
	size_t		  chain_max;	/* 0: chains unbounded */
	size_t		  n;		/* nodes */
};
/*
 * An empty table of nbucket buckets (rounded up to a power of two) that
 * doubles while the nodes outnumber the buckets, up to nbucket_max.  A
 * chain_max other than 0 bounds every bucket.  A table of keys that a
 * client chooses hashes them with hash_keyed, and bounds its chains or,
 * where no node may be dropped, the number of its nodes (the key keeps
 * chains short while the buckets keep up with the nodes).
 */
void	 htab_init(struct htab *, size_t nbucket, size_t nbucket_max,
	    size_t chain_max);
/* Free the bucket array (the nodes are the caller's); again: no-op. */
void	 htab_free(struct htab *);
/* The node of hash for which eq(node, key) is true, or NULL. */
struct hnode *htab_find(const struct htab *, uint64_t hash,
	    int (*eq)(const struct hnode *, const void *key), const void *key);
/*
 * Link node under hash (the caller has made sure its key is absent).
 * When its bucket was full, the bucket's oldest node is unlinked and
 * returned for the caller to free; else NULL.
 */
struct hnode *htab_insert(struct htab *, struct hnode *, uint64_t hash);
/* Unlink a node that is in the table. */
void	 htab_remove(struct htab *, struct hnode *);
/*
 * Unlink the whole chain of bucket *cursor (modulo the bucket count),
 * linked through next, and advance *cursor; NULL if that bucket is empty.
 * Going round with it empties the table or evicts from a cursor.
 */
struct hnode *htab_take(struct htab *, size_t *cursor);
/*
 * Call fn(node, arg) on every node; a node for which fn returns 1 is
 * unlinked (fn may free it).  Returns how many were.
 */
size_t	 htab_walk(struct htab *, int (*fn)(struct hnode *, void *),
	    void *arg);
/* The longest chain (a full scan: for tests and statistics). */
size_t	 htab_chain_longest(const struct htab *);
/* Bytes of the bucket array. */
size_t	 htab_bytes(const struct htab *);

/* slug.c */
#define SLUG_MAX	96	/* bytes from slug_make; "-N" still fits */
/*
 * The slug of a title (n bytes of UTF-8; invalid bytes and NULs are
 * separators) into b, replacing its content: lowercase ASCII letters and
 * digits, Latin letters folded to ASCII ("Dubrač" -> "dubrac", "Ōsaka"
 * -> "osaka", "Straße" -> "strasse"), apostrophes and combining marks
 * dropped, every other run one hyphen, none at either end.  Cut at a
 * hyphen past 72 bytes, or mid-word at SLUG_MAX.  Other scripts are not
 * transliterated: a title with nothing left gets the stable id "id-"
 * and 8 hex digits of its hash_bytes.  Never empty; ERR_LIMIT (b then
 * empty) only when b's maximum is under SLUG_MAX.
 */
enum err slug_make(struct buf *b, const char *title, size_t n);
/*
 * Make the slug in b unique: if taken(arg, slug, len) says so, append
 * "-N" for N from *next (2 when next is NULL or *next < 2) on, cutting
 * the slug so that the whole fits LIMIT_SLUG, until taken says no; then
 * *next is one past the N used (kept per base, it makes claiming many
 * alike cost one probe each).  ERR_CONFLICT after SLUG_CLAIM_TRIES
 * suffixes, and ERR_LIMIT past b's maximum; b is then as it was.
 */
#define SLUG_CLAIM_TRIES	10000
enum err slug_claim(struct buf *b, unsigned long *next,
	    int (*taken)(void *arg, const char *, size_t), void *arg);

/* addr.c */
#define ADDR_GROUP_LEN	65
/*
 * The bytes naming the client group of an address in text: an IPv4
 * address (an IPv4-mapped IPv6 one too) is its own group, an IPv6
 * address is its /64, and text that is neither (no address known) is
 * taken as it is, up to 64 bytes.  Returns how many bytes of out it
 * wrote; groups of different kinds never write the same bytes.
 */
size_t	addr_group(const char *addr, unsigned char out[ADDR_GROUP_LEN]);

/* email.c */
/*
 * 1 if s is a plausible e-mail address: RFC 5321 sizes, one '@', a
 * local part of printable ASCII or UTF-8 without spaces, quotes or
 * specials, a dotted domain of letters, digits and hyphens; else 0.
 */
int	email_valid(const char *s);

/* csv.c */
#define CSV_FIELD	512	/* a field's bytes, with its NUL */
/* A reader of CSV text (borrowed, valid while it is read). */
struct csv {
	const char	*p;
	const char	*end;
	char		 sep;		/* ',' or ';' */
	size_t		 line;		/* of the last record begun */
};
void	csv_init(struct csv *, const char *p, size_t len, char sep);
/*
 * The next record's fields (at most max, each NUL-terminated) and *n;
 * ERR_NOTFOUND at the end; ERR_LIMIT for a field over CSV_FIELD - 1
 * bytes or more than max fields; ERR_PARSE for a misplaced quote or one
 * never closed.  After an error the reader is not to be used again.
 */
enum err csv_next(struct csv *, char fields[][CSV_FIELD], size_t max,
	    size_t *n);

/* signed.c */
#define SIGNED_KEY_LEN		32
#define SIGNED_TOKEN_LEN	72	/* with its NUL; longer is not one */
/* What a signed link names: a kind ('a'-'z'), a row, an expiry (0: no). */
struct signed_token {
	char	 kind;
	int64_t	 id;		/* > 0 */
	int64_t	 expires;	/* seconds since the epoch; 0: never */
};
/* The token for t under key and the row's salt into out. */
void	signed_token_make(const unsigned char key[SIGNED_KEY_LEN],
	    const struct signed_token *t, const char *salt,
	    char out[SIGNED_TOKEN_LEN]);
/* What s names, unchecked (to find the row's salt); ERR_PARSE. */
enum err signed_token_parse(const char *s, struct signed_token *);
/*
 * Whether s is a token of kind made under key for salt: ERR_PARSE when
 * it is not one (or of another kind), ERR_AUTH when the MAC is wrong,
 * ERR_INVAL when it is right but expired at now.  Constant time in the
 * MAC.
 */
enum err signed_token_check(const unsigned char key[SIGNED_KEY_LEN],
	    const char *s, char kind, const char *salt, int64_t now);
/* A key from its 64 hex digits; ERR_PARSE. */
enum err signed_key(const char *hex, unsigned char key[SIGNED_KEY_LEN]);

/* log.c */
enum log_level { LOG_ERR, LOG_WARN, LOG_INFO, LOG_DEBUG };
extern enum log_level log_level;
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...) __attribute__((format(printf, 1, 2),
	    noreturn));
void	fatalx(const char *, ...) __attribute__((format(printf, 1, 2),
	    noreturn));

/* file.c */
/* Read a whole file (at most max bytes) into a NUL-terminated heap string. */
enum err file_read(const char *path, size_t max, char **out, size_t *len);

/* gazetteer.c: the countries a text names (data/gazetteer.tsv). */
#define GAZ_CODES_MAX	256	/* more than ISO 3166-1 has */
/*
 * The ISO 3166-1 alpha-2 codes ("KZ", NUL-terminated) of the countries
 * that text (len bytes, any bytes) names by a name, demonym or adjective
 * of the gazetteer, as whole words written with their capitals, each
 * once, in the order of first mention, into codes (max at most): returns
 * how many.  Thread-safe.
 */
size_t		 gazetteer_match(const char *text, size_t len,
		    char (*codes)[3], size_t max);
/*
 * A country a text names, with the words that named it: the forms as
 * written there ("Kazakh, Kazakhs"), each once, ", " between, as many
 * as fit (the gazetteer's own bytes: valid UTF-8).
 */
#define GAZ_WORDS_LEN	96
struct gaz_hit {
	char		 code[3];
	char		 words[GAZ_WORDS_LEN];
};
/* gazetteer_match's countries, with their words, into hits (max). */
size_t		 gazetteer_hits(const char *text, size_t len,
		    struct gaz_hit *hits, size_t max);
/* The number of forms the gazetteer holds (its table's lines). */
size_t		 gazetteer_forms(void);

/*
 * html_doc.c: html (UTF-8) into a libxml2 document, read leniently and
 * without the network; the caller frees it with xmlFreeDoc.  ERR_PARSE
 * for bytes that are not UTF-8 or that libxml2 makes nothing of.
 */
struct _xmlDoc;
enum err	 html_doc_read(const char *html, size_t len,
		    struct _xmlDoc **doc);

#endif
