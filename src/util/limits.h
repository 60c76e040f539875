/*
 * Every input-driven size in Octavo has a name here, so that a reader can
 * see at once what the server accepts, and a fuzzer what it must survive.
 */
#ifndef OCTAVO_LIMITS_H
#define OCTAVO_LIMITS_H

#define LIMIT_URL		2048		/* request target, bytes */
#define LIMIT_HEADERS		(16 * 1024)	/* all request headers */
/*
 * libmicrohttpd's memory for one connection: the request head (headers
 * up to LIMIT_HEADERS, with its own bookkeeping) and the response head;
 * past it, 431.  It zeroes this memory for every request (about 3% of a
 * cached answer's CPU at this size, measured), but a smaller pool would
 * refuse heads that browsers with many cookies send.
 */
#define LIMIT_CONN_MEMORY	(32 * 1024)
#define LIMIT_BODY		(64 * 1024)	/* a request body (forms) */
#define LIMIT_BODY_DISCARD	(1024 * 1024)	/* read past it, then close */
#define LIMIT_FORM_FIELDS	32		/* fields in one form */
#define LIMIT_FORM_FIELD	(8 * 1024)	/* one decoded field */
#define LIMIT_FORM_LONG		LIMIT_BODY_MD	/* one field of a long form
						   (ROUTE_LONG_FORM) */
#define LIMIT_BODY_LONG		(3 * LIMIT_BODY_MD + LIMIT_BODY)	/* its
						   body: all of it encoded */
#define LIMIT_QUERY_PARAMS	16		/* query string parameters */
#define LIMIT_COOKIES		32		/* cookies kept, a request */
#define LIMIT_COOKIE		4096		/* one cookie, name and value */
#define LIMIT_RESP_HEADERS	16		/* headers a handler adds */
#define LIMIT_MEDIA_PARAMS	8		/* parameters of a media type */
#define LIMIT_BOUNDARY		70		/* a multipart boundary */
#define LIMIT_PARTS		64		/* parts of a multipart body */
#define LIMIT_PART_HEADERS	(4 * 1024)	/* one part's header block */
#define LIMIT_FILENAME		255		/* an uploaded file's name */
#define LIMIT_UPLOAD_FILES	8		/* files in one request */
#define LIMIT_UPLOAD_FILE	(32 * 1024 * 1024)	/* one uploaded file */
#define LIMIT_UPLOAD		(64 * 1024 * 1024)	/* a body with files */
#define LIMIT_BODY_JSON		(2 * 1024 * 1024)	/* a JSON body */
#define LIMIT_JSON_DEPTH	32		/* nested arrays and objects */
#define LIMIT_EMAIL		254		/* RFC 5321 path limit */
#define LIMIT_SLUG		200		/* a URL slug */
#define LIMIT_NAME		200		/* a name or title typed in the
						   back office, bytes */
#define LIMIT_PAGE		(4 * 1024 * 1024)	/* a rendered page */
#define LIMIT_COMPRESS_MIN	1024		/* smaller answers go as they
						   are: not worth a coding */
#define LIMIT_SITEMAP		(50 * 1024 * 1024)	/* one sitemap file,
							   the protocol's cap */
#define LIMIT_TEMPLATE		(256 * 1024)	/* a template source file */
#define LIMIT_TMPL_DEPTH	64		/* nested sections/partials */
#define LIMIT_TMPL_STEPS	(8UL * 1024 * 1024)	/* work in one render */
#define LIMIT_BODY_MD		(1024 * 1024)	/* an article's Markdown */
#define LIMIT_MEDIA_ALT		500		/* an uploaded image's alt
						   text, bytes */
#define LIMIT_CONFIG		(64 * 1024)	/* the configuration file */
#define LIMIT_MAIL_MESSAGE	(2 * 1024 * 1024)	/* one built mail */
#define LIMIT_DSN		(1024 * 1024)	/* a bounce (mail bounce) */
#define LIMIT_ROBOTS_FILE	(1024 * 1024)	/* the robots pattern list */
#define LIMIT_ROBOTS		1024		/* patterns in it */
#define LIMIT_USER_AGENT	512		/* user agent bytes kept */
#define LIMIT_READS_ENTRIES	(256 * 1024)	/* (address group, article)
						   pairs the read counter
						   tracks: 160 B each */
/*
 * Connections: the limit is derived from the descriptor limit (raised to
 * the hard limit at start), less LIMIT_FD_RESERVE and 4 a worker, at most
 * LIMIT_CONNECTIONS unless max_connections says otherwise.
 */
#define LIMIT_CONNECTIONS	16384		/* default ceiling */
#define LIMIT_FD_RESERVE	64		/* descriptors kept back */
#define LIMIT_CONN_PER_IP	64		/* per_ip_connections */
#define LIMIT_HEAD_TIMEOUT	10		/* header_timeout, seconds */
#define LIMIT_CONN_TIMEOUT	30		/* idle connection, seconds */
#define LIMIT_PAGE_NUMBER	100000		/* ?page= */
#define LIMIT_SETTING		(64 * 1024)	/* one site setting */
/*
 * Search (store/search_query.c, store/sqlite_search.c): what a reader
 * may type, and how many of the newest matches are ranked.
 */
#define LIMIT_SEARCH_QUERY	512		/* ?q=, bytes */
#define LIMIT_SEARCH_TERMS	32		/* words and phrases in it */
#define LIMIT_SEARCH_DEPTH	8		/* parentheses inside others */
#define LIMIT_SEARCH_EXPR	(4 * 1024)	/* the FTS5 expression */
#define LIMIT_SEARCH_RANKED	1000		/* matches ranked a search */
#define LIMIT_SEARCH_EXPAND	32		/* words written for a prefix */
#define LIMIT_SEARCH_PHRASES	256		/* FTS5's phrases, those too */
/*
 * How long a write waits for a lock another connection holds before
 * ERR_BUSY: a command or the server's own tick, and a request (short, so
 * that a locked database cannot tie up the workers).
 */
#define LIMIT_BUSY_WAIT_MS	5000
#define LIMIT_BUSY_REQUEST_MS	250
/*
 * The database pages a server worker's connection keeps, KiB: on
 * 100,000 articles a search filtered by an author read 25% of its time
 * through the kernel with SQLite's 2 MB (5.0 ms), 3.6 ms with 32 MB.
 */
#define LIMIT_READER_CACHE_KIB	(32 * 1024)
#define LIMIT_RETRY_AFTER	5		/* seconds, in a 503's header */
#define LIMIT_SESSIONS		10000		/* live back-office sessions
						   the polling thread knows */
#define LIMIT_SIGNIN_KEYS	(64 * 1024)	/* accounts and addresses the
						   sign-in limits track */
#define LIMIT_AUDIT_FIELD	256		/* bytes of an audit entry's
						   who or object */
#define LIMIT_CACHE_BYTES	(256 * 1024 * 1024)	/* page cache */
#define LIMIT_RETURN_PATH	512		/* bytes of the path a form
						   sends the reader back to */
#define LIMIT_IMPORT_LINE	(64 * 1024 * 1024)	/* bytes of one record
						   of an "import json" file */
#define LIMIT_IMPORT_FILE	(16 * 1024 * 1024)	/* bytes of one
						   Markdown file imported */

#endif
