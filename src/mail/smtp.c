/*
 * smtp: a pool of SMTP sessions driven by libcurl's multi interface on
 * one thread.  Each slot is one easy handle, reused message after
 * message, so that its connection (and TLS session) is reused too; the
 * multi handle never opens more connections than there are slots.  A
 * message is handed in built; what comes out is how it ended:
 *
 * - the relay's 250 after the data: sent;
 * - a 5xx to RCPT TO or to the data: failed, never retried (the
 *   recipient is refused);
 * - anything else (4xx, a dropped or refused connection, a timeout, a
 *   5xx to MAIL FROM or AUTH, which says nothing of the recipient):
 *   deferred, to be tried again.
 *
 * The relay's last reply line is kept (escaped) for the delivery's row.
 * It is read from libcurl's debug callback, which sees each reply as it
 * comes; the command it answers is the last one the callback saw sent.
 */
#include <curl/curl.h>
#include <string.h>

#include "mail_int.h"

struct slot {
	CURL		*easy;
	struct curl_slist *rcpt;
	struct buf	 msg;
	size_t		 off;
	int64_t		 id;
	int64_t		 attempts;
	int		 busy;
	char		 cmd[8];	/* the last command sent */
	char		 reply[SMTP_REPLY_LEN];
	int		 code;		/* the reply's */
	int		 reply_cmd_data; /* the reply answers RCPT or DATA */
};

struct smtp_pool {
	CURLM		*multi;
	struct slot	*slots;
	size_t		 nslots;
	size_t		 busy;
	const struct mail_config *cfg;
	char		*password;
	long		 use_ssl;
};

static size_t
on_read(char *out, size_t size, size_t n, void *arg)
{
	struct slot *s = arg;
	size_t want = size * n, left = s->msg.len - s->off;

	if (want > left)
		want = left;
	memcpy(out, s->msg.p + s->off, want);
	s->off += want;
	return want;
}

/* Keep the last reply line, and which command it answers. */
static int
on_debug(CURL *h, curl_infotype type, char *data, size_t len, void *arg)
{
	struct slot *s = arg;
	size_t i, n = 0;

	(void)h;
	if (type == CURLINFO_HEADER_OUT) {
		for (i = 0; i < len && i < sizeof(s->cmd) - 1 &&
		    data[i] != ' ' && data[i] != '\r'; i++)
			s->cmd[i] = data[i];
		s->cmd[i] = '\0';
		return 0;
	}
	/* QUIT's 221 would hide the reply that made libcurl give up. */
	if (type != CURLINFO_HEADER_IN || strcmp(s->cmd, "QUIT") == 0)
		return 0;
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	for (i = 0; i < len && n < sizeof(s->reply) - 1; i++)
		s->reply[n++] = (unsigned char)data[i] < ' ' ||
		    (unsigned char)data[i] >= 0x7f ? '?' : data[i];
	s->reply[n] = '\0';
	s->code = n >= 3 && s->reply[0] >= '1' && s->reply[0] <= '5' ?
	    (s->reply[0] - '0') * 100 + (s->reply[1] - '0') * 10 +
	    (s->reply[2] - '0') : 0;
	s->reply_cmd_data = strcmp(s->cmd, "RCPT") == 0 ||
	    strcmp(s->cmd, "DATA") == 0;
	return 0;
}

/*
 * A slot's easy handle, set up once: what every message shares.  The
 * handle is reused as it is, message after message; a message sets
 * only its sender, recipient and size.
 */
static void
slot_init(struct smtp_pool *p, struct slot *s)
{
	CURL *h;

	h = s->easy = curl_easy_init();
	curl_easy_setopt(h, CURLOPT_URL, p->cfg->smtp_url);
	curl_easy_setopt(h, CURLOPT_USE_SSL, p->use_ssl);
	if (p->cfg->smtp_user != NULL)
		curl_easy_setopt(h, CURLOPT_USERNAME, p->cfg->smtp_user);
	if (p->password != NULL)
		curl_easy_setopt(h, CURLOPT_PASSWORD, p->password);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(h, CURLOPT_READDATA, s);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, s);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
	/* A relay that stops answering: less than a byte a second for 60. */
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(h, CURLOPT_PRIVATE, s);
}

enum err
smtp_pool_new(const struct mail_config *cfg, struct smtp_pool **out)
{
	struct smtp_pool *p;
	size_t i, len;
	enum err rc;

	*out = NULL;
	p = xcalloc(1, sizeof(*p));
	p->cfg = cfg;
	p->nslots = cfg->sessions > 0 ? (size_t)cfg->sessions : 1;
	if (cfg->smtp_tls == NULL || strcmp(cfg->smtp_tls, "required") == 0)
		p->use_ssl = CURLUSESSL_ALL;
	else if (strcmp(cfg->smtp_tls, "try") == 0)
		p->use_ssl = CURLUSESSL_TRY;
	else
		p->use_ssl = CURLUSESSL_NONE;
	if (cfg->smtp_password_file != NULL) {
		if ((rc = file_read(cfg->smtp_password_file, 4096,
		    &p->password, &len)) != ERR_OK) {
			log_warnx("mail: %s: cannot read the password",
			    cfg->smtp_password_file);
			free(p);
			return rc;
		}
		p->password[strcspn(p->password, "\r\n")] = '\0';
	}
	p->multi = curl_multi_init();
	curl_multi_setopt(p->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)p->nslots);
	p->slots = xcalloc(p->nslots, sizeof(*p->slots));
	for (i = 0; i < p->nslots; i++) {
		slot_init(p, &p->slots[i]);
		buf_init(&p->slots[i].msg, LIMIT_MAIL_MESSAGE);
	}
	*out = p;
	return ERR_OK;
}

void
smtp_pool_free(struct smtp_pool *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nslots; i++) {
		if (p->slots[i].busy)
			curl_multi_remove_handle(p->multi, p->slots[i].easy);
		curl_easy_cleanup(p->slots[i].easy);
		curl_slist_free_all(p->slots[i].rcpt);
		buf_free(&p->slots[i].msg);
	}
	curl_multi_cleanup(p->multi);
	if (p->password != NULL) {
		explicit_bzero(p->password, strlen(p->password));
		free(p->password);
	}
	free(p->slots);
	free(p);
}

size_t
smtp_pool_idle(const struct smtp_pool *p)
{
	return p->nslots - p->busy;
}

size_t
smtp_pool_busy(const struct smtp_pool *p)
{
	return p->busy;
}

enum err
smtp_pool_send(struct smtp_pool *p, int64_t id, int64_t attempts,
    const char *from, const char *to, const struct buf *msg)
{
	struct slot *s = NULL;
	char path[LIMIT_EMAIL + 3];
	size_t i;
	CURL *h;

	for (i = 0; i < p->nslots && s == NULL; i++)
		if (!p->slots[i].busy)
			s = &p->slots[i];
	if (s == NULL)
		return ERR_LIMIT;
	buf_reset(&s->msg);
	if (buf_add(&s->msg, msg->p, msg->len) != ERR_OK)
		return ERR_LIMIT;
	s->off = 0;
	s->id = id;
	s->attempts = attempts;
	s->cmd[0] = '\0';
	s->reply[0] = '\0';
	s->code = 0;
	s->reply_cmd_data = 0;
	curl_slist_free_all(s->rcpt);
	snprintf(path, sizeof(path), "<%s>", to);
	s->rcpt = curl_slist_append(NULL, path);
	h = s->easy;
	snprintf(path, sizeof(path), "<%s>", from);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, path);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, s->rcpt);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)s->msg.len);
	if (curl_multi_add_handle(p->multi, h) != CURLM_OK)
		return ERR_IO;
	s->busy = 1;
	p->busy++;
	return ERR_OK;
}

static void
result_of(struct slot *s, CURLcode cc, struct smtp_result *r)
{
	int code = s->code;

	r->id = s->id;
	r->attempts = s->attempts;
	r->code = code;
	if (cc == CURLE_OK)
		r->end = STORE_DELIVERY_SENT;
	else if (code >= 500 && code < 600 && s->reply_cmd_data)
		r->end = STORE_DELIVERY_FAIL;
	else
		r->end = STORE_DELIVERY_DEFER;
	if (s->reply[0] != '\0' && (code != 0 || cc == CURLE_OK))
		snprintf(r->reply, sizeof(r->reply), "%s", s->reply);
	else
		snprintf(r->reply, sizeof(r->reply), "%s",
		    curl_easy_strerror(cc));
}

size_t
smtp_pool_wait(struct smtp_pool *p, int timeout_ms, struct smtp_result *out,
    size_t max)
{
	struct slot *s;
	CURLMsg *m;
	size_t n = 0;
	int running, left;

	curl_multi_perform(p->multi, &running);
	/* With no transfer, this waits the timeout out (curl 7.66). */
	if (running == (int)p->busy)
		curl_multi_poll(p->multi, NULL, 0, timeout_ms, NULL);
	curl_multi_perform(p->multi, &running);
	while (n < max && (m = curl_multi_info_read(p->multi, &left)) !=
	    NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
		    (char **)&s);
		result_of(s, m->data.result, &out[n++]);
		curl_multi_remove_handle(p->multi, s->easy);
		s->busy = 0;
		p->busy--;
	}
	return n;
}
