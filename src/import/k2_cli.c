/*
 * k2_cli: "octavo import k2": the options, the password (from a file,
 * else asked on the terminal without echo, else none; never from the
 * command line, where the process list would show it), the connection
 * to the old site's MariaDB or MySQL server, then k2_import and its
 * report.
 */
#include <errno.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "k2.h"

#define K2_PASSWORD_MAX	1024
#define K2_CONNECT_SECS	10

static const char usage[] =
    "usage: octavo import k2 --mysql mysql://USER@HOST[:PORT]/DB\n"
    "           [--prefix PREFIX] [--password-file FILE] [--db PATH]\n"
    "Import a Joomla site's K2 items, categories, tags, authors, extra\n"
    "fields, comments and read counts from its live database, and keep\n"
    "its old addresses as redirects.  The password is read from FILE\n"
    "(its first line), else asked on the terminal, else none.  The\n"
    "tables' prefix is jos_ unless given.  ?socket=/path after the\n"
    "database connects through a Unix socket.  Running it again changes\n"
    "only what changed in K2.\n";

/* The first line of path into pw; says why not. */
static int
password_file(const char *path, char *pw, size_t size)
{
	char *text = NULL;
	size_t len, n;

	if (file_read(path, size - 1, &text, &len) != ERR_OK) {
		fprintf(stderr, "octavo import k2: %s: cannot read the "
		    "password file (%s, at most %zu bytes)\n", path,
		    strerror(errno), size - 2);
		return 1;
	}
	n = strcspn(text, "\r\n");
	memcpy(pw, text, n);
	pw[n] = '\0';
	sodium_memzero(text, len);
	free(text);
	return 0;
}

/* Connect to d as its user with password pw (NULL: none); says why not. */
static MYSQL *
k2_connect(const struct k2_dsn *d, const char *pw, const char *arg)
{
	unsigned secs = K2_CONNECT_SECS;
	MYSQL *db;
	unsigned n;

	if ((db = mysql_init(NULL)) == NULL) {
		fprintf(stderr, "octavo import k2: out of memory\n");
		return NULL;
	}
	mysql_options(db, MYSQL_OPT_CONNECT_TIMEOUT, &secs);
	mysql_options(db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(db, d->host, d->user, pw, d->db, d->port,
	    d->socket[0] != '\0' ? d->socket : NULL, 0) != NULL)
		return db;
	n = mysql_errno(db);
	fprintf(stderr, "octavo import k2: %s: %s\n", arg, n == 1045 ?
	    "access denied: the user or the password is wrong" : n == 1049 ?
	    "no such database" : n == 2002 || n == 2003 || n == 2005 ||
	    n == 2013 ? "cannot reach the server" : "cannot connect");
	fprintf(stderr, "octavo import k2: the server said: %s\n",
	    mysql_error(db));
	mysql_close(db);
	return NULL;
}

int
cli_import_k2(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "mysql", required_argument, NULL, 'm' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "password-file", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct k2 k;
	struct k2_dsn dsn;
	const char *url = NULL, *file = NULL, *db = NULL, *why, *pwp = NULL;
	char pw[K2_PASSWORD_MAX + 2], prompt[K2_USER_MAX + K2_HOST_MAX + 64];
	int ch, status = 1;
	size_t i;
	enum err rc;

	memset(&k, 0, sizeof(k));
	k.prefix = "jos_";
	pw[0] = '\0';
	while ((ch = cli_getopt(argc, argv, "import k2", lo)) != -1) {
		switch (ch) {
		case 'm':
			url = optarg;
			break;
		case 'p':
			k.prefix = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'h':
			return cli_usage(usage, 0);
		default:
			return cli_usage(usage, EXIT_USAGE);
		}
	}
	if (optind != argc) {
		fprintf(stderr, "octavo import k2: unexpected argument '%s'\n",
		    argv[optind]);
		return cli_usage(usage, EXIT_USAGE);
	}
	if (url == NULL) {
		fprintf(stderr, "octavo import k2: --mysql is required\n");
		return cli_usage(usage, EXIT_USAGE);
	}
	if (k2_dsn_parse(url, &dsn, &why) != ERR_OK) {
		fprintf(stderr, "octavo import k2: %s\n", why);
		return EXIT_USAGE;
	}
	if (!k2_prefix_ok(k.prefix)) {
		fprintf(stderr, "octavo import k2: the prefix may hold only "
		    "letters, digits and '_' (at most %d)\n", K2_PREFIX_MAX);
		return EXIT_USAGE;
	}
	if (file != NULL) {
		if (password_file(file, pw, sizeof(pw)) != 0)
			return 1;
		pwp = pw;
	} else if (isatty(STDIN_FILENO)) {
		snprintf(prompt, sizeof(prompt), "Password for %s@%s (empty "
		    "for none): ", dsn.user, dsn.host);
		if ((rc = cli_tty_ask(prompt, pw, sizeof(pw))) == ERR_LIMIT) {
			fprintf(stderr, "octavo import k2: the password is "
			    "longer than %d bytes\n", K2_PASSWORD_MAX);
			goto out;
		}
		pwp = rc == ERR_OK && pw[0] != '\0' ? pw : NULL;
	}
	if ((rc = cli_db_current("import k2", cli_dsn(db), &k.st)) != ERR_OK)
		goto out;
	k.db = k2_connect(&dsn, pwp, url);
	sodium_memzero(pw, sizeof(pw));
	if (k.db == NULL)
		goto out;
	k.now = time_now();
	rc = k2_import(&k);
	if (rc == ERR_OK || report_total(&k.rep, REPORT_NEW) +
	    report_total(&k.rep, REPORT_CHANGED) > 0)
		report_print(&k.rep, stdout, rc == ERR_OK ? "Imported from "
		    "K2:" : "Imported from K2 before the failure:");
	if (rc == ERR_OK)
		status = 0;
	else if (rc == ERR_DB || rc == ERR_BUSY)
		fprintf(stderr, "octavo import k2: the database: %s\n",
		    err_str(rc));
out:
	sodium_memzero(pw, sizeof(pw));
	if (k.db != NULL)
		mysql_close(k.db);
	store_close(k.st);
	for (i = 0; i < k.ncats; i++) {
		free(k.cats[i].name);
		free(k.cats[i].alias);
		free(k.cats[i].slug);
	}
	free(k.cats);
	for (i = 0; i < k.nmenus; i++)
		free(k.menus[i].path);
	free(k.menus);
	k2_fields_free(&k.fields);
	json_decref(k.users);
	json_decref(k.people);
	json_decref(k.user_seen);
	json_decref(k.gone);
	report_free(&k.rep);
	return status;
}
