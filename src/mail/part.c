/*
 * part: the mailer inside `octavo serve`, as a part of the site with a
 * start and a stop and no routes.  Without smtp_url nothing is sent
 * (sign-ups still queue their confirmations, which a later start or
 * `octavo mail send` delivers).  At stop, the messages in flight are
 * finished and marked before the thread ends.
 */
#include "mail_int.h"

static enum err
part_start(struct site *site, struct store *s)
{
	const struct mail_config *cfg = site->cfg->mail;
	enum err rc;

	(void)s;
	if (cfg == NULL || cfg->smtp_url == NULL) {
		log_info("mail: no smtp_url is set: no mail is sent");
		return ERR_OK;
	}
	mail_lib_init();
	if ((rc = mailer_new(cfg, site->cfg->db, site->cfg->clock,
	    &site->mailer)) != ERR_OK ||
	    (rc = mailer_start(site->mailer)) != ERR_OK) {
		log_warnx("mail: the mailer cannot start: %s", err_str(rc));
		mailer_free(site->mailer);
		site->mailer = NULL;
		mail_lib_shutdown();
		return rc;
	}
	log_info("mail: sending through %s, %lld sessions", cfg->smtp_url,
	    cfg->sessions);
	return ERR_OK;
}

static void
part_stop(struct site *site)
{
	if (site->mailer == NULL)
		return;
	mailer_free(site->mailer);
	site->mailer = NULL;
	mail_lib_shutdown();
}

const struct site_part mail_part = {
	.start = part_start,
	.stop = part_stop,
};
