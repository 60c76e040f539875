/*
 * mail: the newsletter's mailer.  Messages are built with GMime (RFC
 * 5322 and MIME: headers encoded per RFC 2047, bodies quoted-printable,
 * CRLF line ends, no line over 998 octets); they are sent over a pool of
 * SMTP sessions with libcurl's multi interface, from the deliveries
 * table (one row per message: claimed with a lease, marked after the
 * relay's answer).  Delivery status notifications are read with GMime.
 *
 * mail sits beside web and admin: it includes site, store and util,
 * and nobody includes it but cli.  Web and admin ask for mail by
 * writing delivery rows; the worker builds and sends them.
 */
#ifndef OCTAVO_MAIL_H
#define OCTAVO_MAIL_H

#include <stdint.h>

#include "site/site.h"

/* What octavo.conf says about mail (docs/octavo.conf.5). */
struct mail_config {
	const char	*smtp_url;	/* smtp://host:port, smtps://; NULL:
					   no mail is sent */
	const char	*smtp_tls;	/* "required" (default), "try", "none"
					 */
	const char	*smtp_user;
	const char	*smtp_password_file;
	const char	*mail_from;	/* "Name <addr>" or "addr" */
	const char	*mail_list_id;	/* List-Id: news.example.org */
	long long	 sessions;	/* SMTP sessions in parallel */
	long long	 rate;		/* messages a second at most, 0: any */
	long long	 daily_quota;	/* messages a day at most, 0: any */
	long long	 lease;		/* seconds a claimed row is held */
	long long	 retry;		/* seconds before the first retry */
};

#define MAIL_SESSIONS_DEFAULT	4
#define MAIL_LEASE_DEFAULT	300
#define MAIL_RETRY_DEFAULT	60

/* What a run of the worker did. */
struct mail_counts {
	long		 sent;		/* the relay said 250 */
	long		 deferred;	/* to be tried again */
	long		 failed;	/* refused for good */
	long		 dropped;	/* not sent: the subscriber left */
};

/* worker.c */
struct mailer;
/*
 * A mailer for the database dsn (its own connection) with cfg (borrowed
 * for its life); clock NULL: time_now.  ERR_INVAL (logged) when the
 * settings say nothing sendable, ERR_IO when the password file cannot
 * be read.  mail_lib_init must have been called.
 */
enum err	 mailer_new(const struct mail_config *, const char *dsn,
		    int64_t (*clock)(void), struct mailer **);
/* Stop it (joining its thread, if started) and free it; NULL: no-op. */
void		 mailer_free(struct mailer *);
/*
 * Send until mailer_stop, or with until_idle until no delivery is
 * queued or deferred (waiting for leases and backoffs to end).  After a
 * stop, what is in flight is finished and marked.  Fails only when the
 * database does.
 */
enum err	 mailer_run(struct mailer *, int until_idle);
/* Run it on a thread of its own (octavo serve), until mailer_free. */
enum err	 mailer_start(struct mailer *);
/* Ask it to stop; safe from a signal handler or another thread. */
void		 mailer_stop(struct mailer *);
/* What it did so far. */
const struct mail_counts *mailer_counts(const struct mailer *);
/*
 * Send one test message to to now, outside the deliveries table: the
 * relay's last reply into reply, *sent 1 after its 250.  ERR_INVAL or
 * ERR_IO (logged) when the settings or the password file say no.
 */
enum err	 mail_test_send(const struct mail_config *, struct store *,
		    const char *to, char *reply, size_t len, int *sent);

/* message.c */
/*
 * One message's parts.  Every text is UTF-8; names and subject may hold
 * any character (they are encoded), addresses must pass email_valid.
 * html, list_id and the unsubscribe URLs may be NULL (left out).
 */
struct mail_msg {
	const char	*from_name;	/* may be NULL */
	const char	*from_addr;
	const char	*to_name;	/* may be NULL */
	const char	*to_addr;
	const char	*subject;
	const char	*text;		/* text/plain body */
	const char	*html;		/* text/html alternative, or NULL */
	const char	*list_id;	/* "<id>" made from it, with the name */
	const char	*list_name;	/* List-Id's phrase, or NULL */
	const char	*unsub_https;	/* List-Unsubscribe, with One-Click */
	const char	*unsub_mailto;
	int64_t		 date;		/* seconds since the epoch */
};
/* Start and stop GMime; once per process, before any thread mails. */
void		 mail_lib_init(void);
void		 mail_lib_shutdown(void);
/*
 * The message m in out (CRLF line ends, ready for DATA): ERR_INVAL when
 * an address does not pass email_valid or a text is not UTF-8, ERR_LIMIT
 * past out's maximum (out then as it was).
 */
enum err	 mail_message_build(const struct mail_msg *m, struct buf *out);
/* Split "Name <addr>" (or a bare "addr") into parts of a; ERR_PARSE. */
enum err	 mail_address_split(struct arena *a, const char *s,
		    const char **name, const char **addr);

/* dsn.c */
#define DSN_RECIPIENTS	100	/* recipients read from one report */
/* One recipient of a delivery status notification. */
struct dsn_recipient {
	char		 address[LIMIT_EMAIL + 1];	/* "" if none read */
	char		 action[32];	/* failed, delayed, delivered... */
	char		 status[16];	/* 5.1.1 */
};
/*
 * Read the recipients of the delivery status notification msg (RFC
 * 3464) into out (at most max; *n of them).  ERR_PARSE when msg is not
 * a message or has no message/delivery-status part.
 */
enum err	 mail_dsn_read(const char *msg, size_t len,
		    struct dsn_recipient *out, size_t max, size_t *n);
/* The recipients of a message/delivery-status body (decoded text). */
size_t		 mail_dsn_fields(const char *text, size_t len,
		    struct dsn_recipient *out, size_t max);
/* Whether r failed for good: action failed, status 5.x.x. */
int		 mail_dsn_hard(const struct dsn_recipient *r);

/* part.c */
/* The mailer as a part of `octavo serve` (site->cfg->mail says how). */
extern const struct site_part mail_part;

#endif
