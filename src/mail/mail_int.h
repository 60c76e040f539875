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

#endif
