/*
 * cli_serve: octavo serve.  Settings come from one table: defaults, then
 * the configuration file (key value lines, '#' comments; errors say
 * file:line: why), then flags, which win.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin/admin.h"
#include "api/api.h"
#include "cli.h"
#include "mail/mail.h"
#include "web/web.h"

struct serve_opts {
	const char	*db;
	const char	*listen;
	const char	*theme;
	const char	*robots_file;
	const char	*access_log;
	const char	*log_level;
	const char	*trusted_proxies;
	const char	*media_dir;
	long long	 workers;
	long long	 flush_seconds;
	long long	 cache_mb;
	long long	 max_connections;
	long long	 per_ip_connections;
	long long	 header_timeout;
	long long	 upload_max_mb;
	struct mail_config mail;
};

enum opt_type { OPT_STR, OPT_INT };

static const struct setting {
	const char	*key;
	enum opt_type	 type;
	size_t		 off;
	long long	 min, max;
	const char	*help;
} settings[] = {
	{ "db", OPT_STR, offsetof(struct serve_opts, db), 0, 0,
	    "database: a SQLite file path" },
	{ "listen", OPT_STR, offsetof(struct serve_opts, listen), 0, 0,
	    "address:port to serve on" },
	{ "theme", OPT_STR, offsetof(struct serve_opts, theme), 0, 0,
	    "theme directory (templates/, static/)" },
	{ "robots_file", OPT_STR, offsetof(struct serve_opts, robots_file),
	    0, 0, "user-agent patterns not counted as reads" },
	{ "access_log", OPT_STR, offsetof(struct serve_opts, access_log),
	    0, 0, "access log file, '-' for stdout, 'off' for none" },
	{ "log_level", OPT_STR, offsetof(struct serve_opts, log_level),
	    0, 0, "error, warn, info or debug" },
	{ "trusted_proxies", OPT_STR, offsetof(struct serve_opts,
	    trusted_proxies), 0, 0, "proxies whose X-Forwarded-For counts" },
	{ "workers", OPT_INT, offsetof(struct serve_opts, workers), 0, 64,
	    "threads for pages that need the database (0: none, inline)" },
	{ "flush_seconds", OPT_INT, offsetof(struct serve_opts, flush_seconds),
	    1, 86400, "seconds between flushes of the read counter" },
	{ "cache_mb", OPT_INT, offsetof(struct serve_opts, cache_mb), 0,
	    1024 * 1024, "megabytes of rendered pages kept in memory "
	    "(0: none)" },
	{ "max_connections", OPT_INT, offsetof(struct serve_opts,
	    max_connections), 0, 1000000,
	    "open connections at most (0: from the descriptor limit)" },
	{ "per_ip_connections", OPT_INT, offsetof(struct serve_opts,
	    per_ip_connections), 0, 1000000,
	    "open connections from one address (0: no limit)" },
	{ "header_timeout", OPT_INT, offsetof(struct serve_opts,
	    header_timeout), 1, 3600,
	    "seconds a connection has to send a whole request head" },
	{ "media_dir", OPT_STR, offsetof(struct serve_opts, media_dir), 0, 0,
	    "uploaded media's folder (default: media beside the database)" },
	{ "upload_max_mb", OPT_INT, offsetof(struct serve_opts,
	    upload_max_mb), 1, LIMIT_UPLOAD_FILE / (1024 * 1024),
	    "megabytes of one uploaded file, at most" },
#define M(f)	offsetof(struct serve_opts, mail.f)
	{ "smtp_url", OPT_STR, M(smtp_url), 0, 0,
	    "the relay: smtp://host:port or smtps://host:port" },
	{ "smtp_tls", OPT_STR, M(smtp_tls), 0, 0,
	    "STARTTLS on smtp://: required, try or none" },
	{ "smtp_user", OPT_STR, M(smtp_user), 0, 0, "the relay's user name" },
	{ "smtp_password_file", OPT_STR, M(smtp_password_file), 0, 0,
	    "a file whose first line is the relay's password" },
	{ "mail_from", OPT_STR, M(mail_from), 0, 0,
	    "the sender: address, or Name <address>" },
	{ "mail_list_id", OPT_STR, M(mail_list_id), 0, 0,
	    "the List-Id of the newsletter, e.g. news.example.org" },
	{ "mail_sessions", OPT_INT, M(sessions), 1, 256,
	    "SMTP sessions in parallel" },
	{ "mail_rate", OPT_INT, M(rate), 0, 1000000,
	    "messages a second at most (0: no limit)" },
	{ "mail_daily_quota", OPT_INT, M(daily_quota), 0, 100000000,
	    "messages in 24 hours at most (0: no limit)" },
	{ "mail_lease", OPT_INT, M(lease), 1, 86400,
	    "seconds a message being sent is held before it is tried again" },
	{ "mail_retry", OPT_INT, M(retry), 1, 86400,
	    "seconds before a deferred message is tried again (doubling)" },
#undef M
};

static int
set(struct serve_opts *o, const char *key, const char *val,
    const char *where)
{
	const struct setting *s;
	long long v;
	size_t i;

	for (i = 0; i < nitems(settings); i++) {
		s = &settings[i];
		if (strcmp(s->key, key) != 0)
			continue;
		if (s->type == OPT_STR) {
			*(const char **)(void *)((char *)o + s->off) = val;
			return 0;
		}
		if (str_to_ll(val, s->min, s->max, &v) != ERR_OK) {
			fprintf(stderr, "%s: %s wants a number from %lld to "
			    "%lld, not '%s'\n", where, key, s->min, s->max,
			    val);
			return -1;
		}
		*(long long *)(void *)((char *)o + s->off) = v;
		return 0;
	}
	fprintf(stderr, "%s: unknown setting '%s'\n", where, key);
	return -1;
}

/* Parse the file into o; values point into *text (caller frees). */
static int
read_config(const char *path, struct serve_opts *o, char **text)
{
	char *p, *nl, *key, *val, *end, where[4200];
	size_t len, line = 0;
	enum err rc;

	if ((rc = file_read(path, LIMIT_CONFIG, text, &len)) != ERR_OK) {
		fprintf(stderr, "octavo serve: %s: %s\n", path, rc ==
		    ERR_LIMIT ? "the file is too large" : "cannot read it");
		return -1;
	}
	for (p = *text; p != NULL && *p != '\0'; p = nl) {
		line++;
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		snprintf(where, sizeof(where), "%s:%zu", path, line);
		key = p + strspn(p, " \t\r");
		if (*key == '#' || *key == '\0')
			continue;
		val = key + strcspn(key, " \t\r");
		if (*val == '\0') {
			fprintf(stderr, "%s: '%s' has no value\n", where, key);
			return -1;
		}
		*val++ = '\0';
		val += strspn(val, " \t");
		end = val + strlen(val);
		while (end > val && (end[-1] == ' ' || end[-1] == '\t' ||
		    end[-1] == '\r'))
			*--end = '\0';
		if (*val == '\0') {
			fprintf(stderr, "%s: '%s' has no value\n", where, key);
			return -1;
		}
		if (set(o, key, val, where) != 0)
			return -1;
	}
	return 0;
}

static void
opts_default(struct serve_opts *o)
{
	static const struct serve_opts def = { NULL, "127.0.0.1:8080",
	    "themes/default", "data/COUNTER_Robots_list.json", "-", "info",
	    "", NULL, 2, 1, LIMIT_CACHE_BYTES / (1024 * 1024), 0,
	    LIMIT_CONN_PER_IP, LIMIT_HEAD_TIMEOUT,
	    MEDIA_UPLOAD_DEFAULT / (1024 * 1024), { .smtp_tls = "required",
	    .sessions = MAIL_SESSIONS_DEFAULT, .lease = MAIL_LEASE_DEFAULT,
	    .retry = MAIL_RETRY_DEFAULT } };

	*o = def;
}

int
cli_config_mail(const char *path, struct mail_config *mail, const char **db,
    char **text)
{
	struct serve_opts o;

	opts_default(&o);
	*text = NULL;
	if (path != NULL && read_config(path, &o, text) != 0)
		return -1;
	*mail = o.mail;
	*db = o.db;
	return 0;
}

/*
 * A default path (theme, robots list) is relative to the working
 * directory; if nothing is there, try beside the program itself, so that
 * /opt/octavo/octavo serve works from anywhere.  Returns def or a path in
 * buf.
 */
static const char *
beside_program(const char *def, char *buf, size_t len)
{
	char exe[4096], *slash;
	ssize_t n;

	if (access(def, F_OK) == 0 ||
	    (n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return def;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return def;
	*slash = '\0';
	if ((size_t)snprintf(buf, len, "%s/%s", exe, def) >= len ||
	    access(buf, F_OK) != 0)
		return def;
	return buf;
}

int
cli_serve(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "config", required_argument, NULL, 'c' },
		{ "theme", required_argument, NULL, 't' },
		{ "robots", required_argument, NULL, 'r' },
		{ "workers", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char usage[] =
	    "usage: octavo serve [--db PATH] [--listen ADDR:PORT] "
	    "[--config FILE]\n"
	    "                    [--theme DIR] [--robots FILE] "
	    "[--workers N]\n"
	    "Serve the journal over HTTP (default ./octavo.db on "
	    "127.0.0.1:8080)\nuntil SIGINT or SIGTERM.  Settings of the "
	    "configuration file:\n";
	struct serve_opts o;
	struct serve_opts flags = { 0 };
	const struct site_part parts[] = {
		web_part,
		{ .routes = api_routes, .nroutes = api_nroutes },
		admin_part,
		mail_part,
	};
	struct site_config cfg;
	const char *config = NULL;
	char *text = NULL, theme_buf[4200], robots_buf[4200];
	FILE *alog = NULL;
	size_t i;
	int ch, status = 1;

	opts_default(&o);
	flags.workers = -1;
	while ((ch = cli_getopt(argc, argv, "serve", lo)) != -1) {
		switch (ch) {
		case 'd': flags.db = optarg; break;
		case 'l': flags.listen = optarg; break;
		case 'c': config = optarg; break;
		case 't': flags.theme = optarg; break;
		case 'r': flags.robots_file = optarg; break;
		case 'w':
			if (set(&flags, "workers", optarg, "octavo serve") != 0)
				return EXIT_USAGE;
			break;
		case 'h':
			cli_usage(usage, 0);
			for (i = 0; i < nitems(settings); i++)
				printf("  %-18s %s\n", settings[i].key,
				    settings[i].help);
			return 0;
		default:
			return cli_usage(usage, EXIT_USAGE);
		}
	}
	if (optind != argc) {
		fprintf(stderr, "octavo serve: unexpected argument '%s'\n",
		    argv[optind]);
		return cli_usage(usage, EXIT_USAGE);
	}
	if (config != NULL && read_config(config, &o, &text) != 0) {
		free(text);
		return EXIT_USAGE;
	}
	o.theme = beside_program(o.theme, theme_buf, sizeof(theme_buf));
	o.robots_file = beside_program(o.robots_file, robots_buf,
	    sizeof(robots_buf));
	if (flags.db != NULL) o.db = flags.db;
	if (flags.listen != NULL) o.listen = flags.listen;
	if (flags.theme != NULL) o.theme = flags.theme;
	if (flags.robots_file != NULL) o.robots_file = flags.robots_file;
	if (flags.workers >= 0) o.workers = flags.workers;
	if (strcmp(o.log_level, "error") == 0)
		log_level = LOG_ERR;
	else if (strcmp(o.log_level, "warn") == 0)
		log_level = LOG_WARN;
	else if (strcmp(o.log_level, "info") == 0)
		log_level = LOG_INFO;
	else if (strcmp(o.log_level, "debug") == 0)
		log_level = LOG_DEBUG;
	else {
		fprintf(stderr, "octavo serve: log_level is error, warn, info "
		    "or debug, not '%s'\n", o.log_level);
		goto out;
	}
	if (strcmp(o.access_log, "-") == 0)
		alog = stdout;
	else if (strcmp(o.access_log, "off") != 0 &&
	    (alog = fopen(o.access_log, "a")) == NULL) {
		fprintf(stderr, "octavo serve: %s: cannot open the access "
		    "log\n", o.access_log);
		goto out;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.db = cli_dsn(o.db);
	cfg.listen = o.listen;
	cfg.theme = o.theme;
	cfg.robots_file = o.robots_file;
	cfg.workers = (int)o.workers;
	cfg.trusted_proxies = o.trusted_proxies;
	cfg.flush_seconds = (int)o.flush_seconds;
	cfg.cache_bytes = (size_t)o.cache_mb * 1024 * 1024;
	cfg.cache_off = o.cache_mb == 0;
	cfg.max_connections = (unsigned)o.max_connections;
	cfg.per_ip_connections = (unsigned)o.per_ip_connections;
	cfg.header_timeout = (unsigned)o.header_timeout;
	cfg.media_dir = o.media_dir;
	cfg.upload_max = (size_t)o.upload_max_mb * 1024 * 1024;
	cfg.access_log = alog;
	cfg.mail = &o.mail;
	status = site_serve(&cfg, parts, nitems(parts));
out:
	if (alog != NULL && alog != stdout)
		fclose(alog);
	free(text);
	return status;
}
