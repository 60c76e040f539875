/*
 * wxr: WordPress export files (WXR 1.0, 1.1, 1.2) read record by record
 * (wxr_read.c), their bodies made into what Octavo keeps (wxr_body.c),
 * and the import itself (wxr_import.c).  The reader streams: it holds
 * one record at a time, in the caller's arena, so that a file of any
 * size goes through in bounded memory.
 */
#ifndef OCTAVO_IMPORT_WXR_H
#define OCTAVO_IMPORT_WXR_H

#include <stdio.h>

#include "util/util.h"

struct store;
struct report;
struct progress;

#define WXR_FIELD_MAX	(8 * 1024 * 1024)	/* bytes of one field */
#define WXR_LIST_MAX	10000	/* terms, meta, comments of one item */

/* What wxr_next read. */
enum wxr_kind {
	WXR_SITE,		/* the channel's own fields, once */
	WXR_AUTHOR,		/* wp:author */
	WXR_CATEGORY,		/* wp:category, wp:term of category */
	WXR_TAG,		/* wp:tag, wp:term of post_tag */
	WXR_ITEM,		/* item: a post, page, attachment... */
	WXR__MAX
};

/* A category or tag an item names (<category domain= nicename=>). */
struct wxr_term {
	const char	*domain;	/* "category", "post_tag" ("tag" in
					   1.0), other taxonomies */
	const char	*nicename;	/* as WordPress wrote it; may be "" */
	const char	*name;
};
struct wxr_meta {
	const char	*key, *value;
};
struct wxr_comment {
	const char	*id, *parent, *author, *email, *url, *date,
			*date_gmt, *content, *approved, *type;
};

/*
 * One record; every string is set (missing fields are ""), valid UTF-8
 * (a byte that is not: U+FFFD), in the arena given to wxr_next.
 */
struct wxr_record {
	enum wxr_kind	 kind;
	int		 too_long;	/* a field or list was cut at a cap */
	/* WXR_SITE: title, link (the blog's), base_site, version. */
	/* WXR_AUTHOR */
	const char	*login, *email, *display_name, *first_name,
			*last_name, *author_id;
	/* WXR_CATEGORY, WXR_TAG: nicename, parent (a nicename), name. */
	const char	*term_id, *nicename, *parent, *name, *description,
			*taxonomy;
	/* WXR_ITEM (and title, link for WXR_SITE) */
	const char	*title, *link, *pub_date, *creator, *guid, *content,
			*excerpt, *post_id, *post_date, *post_date_gmt,
			*post_name, *status, *post_parent, *post_type,
			*password, *is_sticky, *attachment_url;
	const char	*base_site, *version;
	struct wxr_term	*terms;
	size_t		 nterms;
	struct wxr_meta	*meta;
	size_t		 nmeta;
	struct wxr_comment *comments;
	size_t		 ncomments;
};

/* wxr_read.c */
struct wxr_reader;
/*
 * A reader of the file at path, or of n bytes in memory (copied: the
 * caller's may go).  Never fetches anything from the network, never
 * loads a DTD or an external entity and substitutes no entity; a file
 * with a document type declaration is refused (a WordPress export has
 * none; one with it is an XXE or billion-laughs attempt).  ERR_IO when
 * the file cannot be opened.  Caller frees with wxr_close.
 */
enum err	 wxr_open_file(const char *path, struct wxr_reader **);
enum err	 wxr_open_memory(const char *, size_t n, struct wxr_reader **);
void		 wxr_close(struct wxr_reader *);	/* NULL: no-op */
/*
 * The next record into *rec, its strings in a: ERR_NOTFOUND at the end
 * of the file, ERR_PARSE for a file that is not WXR or not well-formed
 * XML (wxr_error says where and why).
 */
enum err	 wxr_next(struct wxr_reader *, struct arena *a,
		    struct wxr_record *rec);
/* Why wxr_next failed: "line 12: ...", or "" (borrowed). */
const char	*wxr_error(const struct wxr_reader *);
/* The WXR version the namespaces said ("1.2"), or "" (borrowed). */
const char	*wxr_version(const struct wxr_reader *);

/* wxr_body.c */
/*
 * What a body's conversion met that it left alone: shortcodes by name
 * with their counts, up to WXR_SHORTCODES_MAX names.
 */
#define WXR_SHORTCODES_MAX	32
struct wxr_body_report {
	struct {
		char	 name[32];
		long	 count;
	} left[WXR_SHORTCODES_MAX];
	size_t	 nleft;
	long	 captions, galleries, embeds, autop;
};
/*
 * How a body's shortcodes and upload addresses are resolved: for
 * [gallery ids=...], the attachment of an id (its address, /media/NAME
 * when copied, its caption and alt) and the attachments of a post; for
 * an address under /uploads/, the /media/ address of its copy.
 */
struct wxr_attachment {
	const char	*src;		/* /media/NAME or the old URL */
	const char	*caption;
	const char	*alt;
};
struct wxr_resolve {
	void		*arg;
	/* 1 and *att if id is a known attachment, else 0. */
	int		(*attachment)(void *, const char *id,
			    struct wxr_attachment *att);
	/* The ids of post's attachments, in order, into *ids (arena). */
	size_t		(*children)(void *, const char *post,
			    struct arena *, const char ***ids);
	/* "/media/NAME" for the path after /uploads/, or NULL. */
	const char	*(*upload)(void *, const char *path, size_t n);
};
/*
 * A WordPress body (content:encoded) as HTML for html_clean, appended
 * to out: Gutenberg's text as it is, classic-editor text through
 * wpautop's rule (blank lines make paragraphs, single line breaks <br>,
 * never inside <pre>); [caption] a figure, [gallery] a list of
 * figures, [embed] and a URL alone on a line a link; other shortcodes
 * left as text and counted in rep; addresses of uploads that were
 * copied made /media/NAME.  r may be NULL.  ERR_LIMIT past out's
 * maximum.
 */
enum err	 wxr_body(struct buf *out, const char *body, size_t n,
		    const char *post_id, const struct wxr_resolve *r,
		    struct wxr_body_report *rep);
/*
 * Plain text of an HTML fragment (a title, an excerpt, a name): tags
 * dropped, entities decoded, control characters dropped, runs of white
 * space one space, none at either end; in a.  *had_markup (may be NULL)
 * is set when anything but text was dropped or changed.
 */
const char	*wxr_text(struct arena *a, const char *html, size_t n,
		    int *had_markup);
/* The text before <!--more--> in body, or NULL when it has none (a). */
const char	*wxr_more(struct arena *a, const char *body);

/* wxr_import.c */
enum wxr_categories {
	WXR_CAT_SECTIONS,	/* top-level ancestor the section, the rest
				   tags */
	WXR_CAT_TAGS		/* every category a tag */
};
struct wxr_options {
	const char		*path;		/* the WXR file */
	enum wxr_categories	 categories;
	const char		*uploads;	/* wp-content/uploads or NULL */
	const char		*media_dir;	/* where media files go */
	const char		*timezone;	/* the site's, for post_date */
	FILE			*progress;	/* NULL: none */
	int64_t			 now;		/* seconds since the epoch */
};
/*
 * Import the file o->path into st: people, sections or tags, posts and
 * pages as articles, comments, attachments as media (files copied from
 * o->uploads), old addresses as redirects; what became of each record
 * into rep.  A record already imported with the same digest is left
 * alone.  ERR_PARSE (why into *why, static or in a) when the file is
 * not WXR; ERR_DB and ERR_IO as the store and the file system say.
 */
enum err	 wxr_import(struct store *st, const struct wxr_options *o,
		    struct report *rep, struct arena *a, const char **why);

#endif
