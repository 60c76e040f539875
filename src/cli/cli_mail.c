/*
 * cli_mail: octavo mail test|send|bounce.  Each reads the mail settings
 * from the configuration file serve reads (--config), so that what is
 * tested is what serves.
 *
 *   test ADDRESS      send one message now, print the relay's answer
 *   send [--campaign ID]
 *                     queue the campaign (if given), then send every
 *                     queued message, waiting for deferred ones, until
 *                     none is left (SIGINT or SIGTERM: finish what is in
 *                     flight, then stop)
 *   bounce < MESSAGE  read a delivery status notification and mark the
 *                     addresses that failed for good as bounced
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mail/mail.h"

static struct mailer *volatile running;

static void
on_signal(int sig)
{
	(void)sig;
	if (running != NULL)
		mailer_stop(running);
}

/* The message a file descriptor holds, up to max; ERR_LIMIT past it. */
static enum err
read_all(int fd, size_t max, struct buf *b)
{
	char chunk[8192];
	ssize_t n;
	enum err rc;

	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		if ((rc = buf_add(b, chunk, (size_t)n)) != ERR_OK)
			return rc;
	(void)max;
	return n < 0 ? ERR_IO : ERR_OK;
}

static int
mail_test(const struct mail_config *cfg, struct store *s, const char *to)
{
	char reply[256];
	int sent = 0;

	if (!email_valid(to)) {
		fprintf(stderr, "octavo mail test: '%s' is not an email "
		    "address\n", to);
		return EXIT_USAGE;
	}
	if (mail_test_send(cfg, s, to, reply, sizeof(reply), &sent) !=
	    ERR_OK) {
		fprintf(stderr, "octavo mail test: cannot send (see above)\n");
		return 1;
	}
	printf("%s: %s\n", sent ? "sent" : "not sent", reply);
	return sent ? 0 : 1;
}

static int
mail_send(const struct mail_config *cfg, struct store *s, const char *dsn,
    long long campaign)
{
	const struct mail_counts *c;
	struct sigaction sa;
	struct mailer *m = NULL;
	long n;
	enum err rc;

	if (campaign > 0) {
		rc = store_campaign_queue(s, campaign, time_now(), &n);
		if (rc == ERR_NOTFOUND || rc == ERR_CONFLICT) {
			fprintf(stderr, "octavo mail send: campaign %lld %s\n",
			    campaign, rc == ERR_NOTFOUND ? "does not exist" :
			    "was queued before");
			return 1;
		}
		if (rc != ERR_OK)
			return 1;
		printf("campaign %lld: %ld messages queued\n", campaign, n);
	}
	if (mailer_new(cfg, dsn, NULL, &m) != ERR_OK) {
		fprintf(stderr, "octavo mail send: the mailer cannot start "
		    "(see above)\n");
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	running = m;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	rc = mailer_run(m, 1);
	running = NULL;
	c = mailer_counts(m);
	printf("sent %ld, deferred %ld, failed %ld, dropped %ld\n", c->sent,
	    c->deferred, c->failed, c->dropped);
	mailer_free(m);
	return rc == ERR_OK ? 0 : 1;
}

static int
mail_bounce(struct store *s)
{
	struct dsn_recipient *r;
	struct buf b;
	size_t n = 0, i;
	int found, status = 1;

	buf_init(&b, LIMIT_DSN);
	r = xcalloc(DSN_RECIPIENTS, sizeof(*r));
	if (read_all(STDIN_FILENO, LIMIT_DSN, &b) != ERR_OK) {
		fprintf(stderr, "octavo mail bounce: cannot read the message "
		    "(at most %d bytes)\n", LIMIT_DSN);
		goto out;
	}
	if (mail_dsn_read(b.p != NULL ? b.p : "", b.len, r, DSN_RECIPIENTS,
	    &n) != ERR_OK) {
		fprintf(stderr, "octavo mail bounce: this is not a delivery "
		    "status notification (RFC 3464)\n");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!mail_dsn_hard(&r[i])) {
			printf("%s: %s %s, left alone\n", r[i].address,
			    r[i].action, r[i].status);
			continue;
		}
		if (store_subscriber_bounce(s, r[i].address, time_now(),
		    &found) != ERR_OK)
			goto out;
		printf("%s: %s %s, %s\n", r[i].address, r[i].action,
		    r[i].status, found ? "bounced" : "no such subscriber");
	}
	status = 0;
out:
	free(r);
	buf_free(&b);
	return status;
}

struct mail_opts {
	const char	*config;
	const char	*db;
	long long	 campaign;
};

/* Read options up to the next argument; -1 on a bad one, 1 on --help. */
static int
mail_opts(int argc, char **argv, struct mail_opts *o)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "campaign", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = cli_getopt(argc, argv, "mail", lo)) != -1) {
		switch (ch) {
		case 'd': o->db = optarg; break;
		case 'c': o->config = optarg; break;
		case 'n':
			if (str_to_ll(optarg, 1, INT64_MAX, &o->campaign) !=
			    ERR_OK) {
				fprintf(stderr, "octavo mail: --campaign wants "
				    "a campaign's number\n");
				return -1;
			}
			break;
		case 'h': return 1;
		default: return -1;
		}
	}
	return 0;
}

int
cli_mail(int argc, char **argv)
{
	static const char usage[] =
	    "usage: octavo mail [--config FILE] [--db PATH] test ADDRESS\n"
	    "       octavo mail [--config FILE] [--db PATH] send "
	    "[--campaign ID]\n"
	    "       octavo mail [--config FILE] [--db PATH] bounce < MESSAGE\n"
	    "Send one test message and print the relay's answer; send the "
	    "queued\nmessages (queueing a campaign first); mark the "
	    "addresses a delivery\nstatus notification reports failed.\n";
	struct mail_config cfg;
	struct mail_opts o = { NULL, NULL, 0 };
	struct store *s = NULL;
	const char *db = NULL, *cmd;
	char *text = NULL;
	int ch, status = EXIT_USAGE;

	/* Options may come before the subcommand and after it. */
	if ((ch = mail_opts(argc, argv, &o)) != 0)
		return cli_usage(usage, ch > 0 ? 0 : EXIT_USAGE);
	if (optind >= argc)
		return cli_usage(usage, EXIT_USAGE);
	cmd = argv[optind++];
	if ((ch = mail_opts(argc, argv, &o)) != 0)
		return cli_usage(usage, ch > 0 ? 0 : EXIT_USAGE);
	if (strcmp(cmd, "test") == 0 ? optind + 1 != argc : optind != argc) {
		fprintf(stderr, "octavo mail: wrong arguments to '%s'\n", cmd);
		return cli_usage(usage, EXIT_USAGE);
	}
	if (strcmp(cmd, "test") != 0 && strcmp(cmd, "send") != 0 &&
	    strcmp(cmd, "bounce") != 0) {
		fprintf(stderr, "octavo mail: unknown command '%s'\n", cmd);
		return cli_usage(usage, EXIT_USAGE);
	}
	if (cli_config_mail(o.config, &cfg, &db, &text) != 0)
		goto out;
	db = cli_dsn(o.db != NULL ? o.db : db);
	status = 1;
	if (strcmp(cmd, "bounce") != 0 && cfg.smtp_url == NULL) {
		fprintf(stderr, "octavo mail: no smtp_url in the configuration "
		    "(--config FILE)\n");
		goto out;
	}
	if (cli_db_current("mail", db, &s) != ERR_OK)
		goto out;
	mail_lib_init();
	if (strcmp(cmd, "test") == 0)
		status = mail_test(&cfg, s, argv[optind]);
	else if (strcmp(cmd, "send") == 0)
		status = mail_send(&cfg, s, db, o.campaign);
	else
		status = mail_bounce(s);
	mail_lib_shutdown();
out:
	store_close(s);
	free(text);
	return status;
}
