/*
 * mail_int: what the mail module's files share and nobody else sees.
 */
#ifndef OCTAVO_MAIL_INT_H
#define OCTAVO_MAIL_INT_H

#include <stdatomic.h>

#include "mail.h"

/* smtp.c */
#define SMTP_REPLY_LEN	200
/* How one message ended at the relay. */
struct smtp_result {
	int64_t			 id;
	int64_t			 attempts;	/* as given to send */
	enum store_delivery_end	 end;
	int			 code;		/* the last reply's, 0: none */
	char			 reply[SMTP_REPLY_LEN];	/* printable */
};
struct smtp_pool;
/*
 * A pool of cfg->sessions SMTP sessions (cfg borrowed for its life);
 * reads the password file now.  ERR_IO (logged) when it cannot.
 */
enum err	 smtp_pool_new(const struct mail_config *, struct smtp_pool **);
void		 smtp_pool_free(struct smtp_pool *);	/* NULL: no-op */
/* Slots free and busy. */
size_t		 smtp_pool_idle(const struct smtp_pool *);
size_t		 smtp_pool_busy(const struct smtp_pool *);
/*
 * Start sending msg (copied) from from to to on an idle slot, as
 * delivery id on its attempts-th attempt; ERR_LIMIT when no slot is
 * idle.
 */
enum err	 smtp_pool_send(struct smtp_pool *, int64_t id,
		    int64_t attempts, const char *from, const char *to,
		    const struct buf *msg);
/*
 * Move the sessions on, waiting up to timeout_ms for one to need it;
 * the messages that ended go to out (at most max; max >= the slots
 * sees them all).  Returns how many.
 */
size_t		 smtp_pool_wait(struct smtp_pool *, int timeout_ms,
		    struct smtp_result *out, size_t max);

/* compose.c */
/* What every message of a run shares, read from the site's settings. */
struct mail_site {
	struct arena	*arena;
	const char	*name;		/* the journal's */
	const char	*base_url;	/* no trailing slash */
	const char	*from_name;	/* may be NULL */
	const char	*from_addr;
	const char	*list_id;	/* may be NULL */
};
/* Read the settings and cfg into ms (arena its own); ERR_INVAL, logged,
 * when mail_from or base_url is missing or wrong. */
enum err	 mail_site_load(struct store *, const struct mail_config *,
		    struct mail_site *);
void		 mail_site_free(struct mail_site *);
/*
 * Build the message a claimed delivery row (store_deliveries_claim's
 * record) stands for into out, with campaign its campaign's record (or
 * NULL).  ERR_INVAL when it cannot be built (logged).
 */
enum err	 mail_compose(struct store *, const struct mail_site *,
		    const json_t *row, const json_t *campaign, int64_t now,
		    struct buf *out);
/* A test message to address into out. */
enum err	 mail_compose_test(const struct mail_site *, const char *to,
		    int64_t now, struct buf *out);
/*
 * A campaign's message without its recipient's links: msg as
 * mail_message_build takes it, but for its bodies, which are text_head
 * then the text footer, and html_head, the HTML footer, html_tail.  The
 * heads end a line, so that each footer is whole lines (what campaign.c
 * needs to encode a footer apart).  Strings from a, or static.  ERR_INVAL
 * when c has no subject or text.
 */
struct mail_campaign {
	struct mail_msg	 msg;		/* text, html, unsub_https NULL */
	const char	*text_head;
	const char	*html_head;
	const char	*html_tail;
};
enum err	 mail_campaign_init(const struct mail_site *, struct arena *a,
		    const json_t *c, const char *to, int64_t now,
		    struct mail_campaign *);
/*
 * A recipient's links to the preferences and to unsubscribe (from a),
 * signed with key (site_link_key's; NULL: read from the store now).
 */
enum err	 mail_campaign_links(struct store *, const unsigned char *key,
		    const struct mail_site *, struct arena *a,
		    const json_t *sub, int64_t now, const char **prefs,
		    const char **unsub);
/* The footers' lines with a recipient's links, appended to b. */
void		 mail_campaign_footer_text(struct buf *b, const char *prefs,
		    const char *unsub);
void		 mail_campaign_footer_html(struct buf *b,
		    const struct mail_site *, const char *prefs,
		    const char *unsub);

/* campaign.c */
struct mail_tmpl;
/*
 * A campaign's message built once (by mail_message_build, for a
 * recipient that stands in for all) and cut where recipients differ:
 * To, Date, Message-Id, List-Unsubscribe and the footers' lines.
 * ms borrowed for the template's life; the links' key is read from the
 * store now.  ERR_INVAL when c cannot make a message (mail_compose then
 * says why), ERR_DB when the key cannot be read.
 */
enum err	 mail_tmpl_new(struct store *, const struct mail_site *ms,
		    const json_t *c, struct mail_tmpl **);
void		 mail_tmpl_free(struct mail_tmpl *);	/* NULL: no-op */
/*
 * The message for the subscriber sub (a claimed row's "subscriber") at
 * address to, appended to out: the bytes mail_compose makes for the
 * same row, but for Message-Id and the MIME boundary, which are random.
 * ERR_INVAL as mail_compose (the caller logs), ERR_LIMIT past out's
 * maximum; out is then as it was.
 */
enum err	 mail_tmpl_render(struct mail_tmpl *, struct store *,
		    const json_t *sub, const char *to, int64_t now,
		    struct buf *out);

/* message.c */
#define MAIL_RANDOM_LEN	33
/* 128 random bits in hex (a Message-Id's left part, a marker's). */
void		 mail_random(char out[MAIL_RANDOM_LEN]);
/*
 * Whether s is NULL or valid UTF-8 without control characters but tab,
 * CR and LF (which only bodies may hold: nl says whether they may).
 */
int		 mail_text_ok(const char *s, int nl);

#endif
