/*
 * cli_user: octavo user add|passwd|list|disable|enable.  The accounts of
 * the back office from the command line, which is how the first
 * administrator is made.  A password is never an argument (the process
 * list and the shell history would show it): it is read from the
 * terminal with echo off, asked twice, or else from standard input, one
 * line, so that a script can pipe it in.  Changes are audited as the
 * command line's, and end the user's sessions where they must; a
 * running server sees them within a second.
 */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "admin/admin.h"
#include "cli.h"

static const char usage[] =
    "usage: octavo user [--db PATH] add EMAIL --role ROLE\n"
    "       octavo user [--db PATH] passwd EMAIL\n"
    "       octavo user [--db PATH] list\n"
    "       octavo user [--db PATH] disable EMAIL\n"
    "       octavo user [--db PATH] enable EMAIL\n"
    "Manage the back office's accounts.  ROLE is author, editor or\n"
    "admin.  The password is read from the terminal without echo, or\n"
    "from standard input when it is not a terminal; never from the\n"
    "command line.  disable ends the user's sessions at once.\n";

/*
 * The new password of email into pw (PASSWORD_MAX + 2 bytes): asked
 * twice on a terminal, else one line of standard input; checked by
 * password_problem.  Says why not and returns 1 on failure.
 */
static int
password_read(const char *email, char *pw, size_t size)
{
	char again[PASSWORD_MAX + 2], prompt[LIMIT_EMAIL + 32];
	const char *why;
	enum err rc;
	int status = 1;

	if (isatty(STDIN_FILENO)) {
		snprintf(prompt, sizeof(prompt), "Password for %s: ", email);
		if ((rc = cli_tty_ask(prompt, pw, size)) == ERR_OK)
			rc = cli_tty_ask("Again: ", again, sizeof(again));
		if (rc == ERR_OK && strcmp(pw, again) != 0) {
			fprintf(stderr, "octavo user: the two passwords "
			    "differ\n");
			goto out;
		}
	} else
		rc = cli_line_read(pw, size);
	if (rc == ERR_LIMIT) {
		fprintf(stderr, "octavo user: the password is longer than "
		    "%d bytes\n", PASSWORD_MAX);
		goto out;
	}
	if (rc != ERR_OK) {
		fprintf(stderr, "octavo user: no password given (type it, or "
		    "give it on standard input)\n");
		goto out;
	}
	if ((why = password_problem(pw)) != NULL) {
		fprintf(stderr, "octavo user: the password %s\n", why);
		goto out;
	}
	status = 0;
out:
	sodium_memzero(again, sizeof(again));
	return status;
}

/* An audit entry for a change made from the command line. */
static enum err
cli_audit(struct store *st, const char *action, const char *object)
{
	struct store_audit e = { 0 };

	e.at = time_now();
	e.who = "command line";
	e.action = action;
	e.object = object;
	e.address = "";
	return store_audit_add(st, &e);
}

/*
 * The new password of email read (password_read), its hash in hash, and
 * a write transaction begun on st; says why not and returns 1.
 */
static int
password_new(struct store *st, const char *email,
    char hash[PASSWORD_HASH_LEN])
{
	char pw[PASSWORD_MAX + 2];
	enum err rc;
	int status = 1;

	if (password_read(email, pw, sizeof(pw)) != 0)
		goto out;
	if ((rc = password_hash(pw, PASSWORD_OPSLIMIT, PASSWORD_MEMLIMIT,
	    hash)) != ERR_OK || (rc = store_begin(st)) != ERR_OK) {
		fprintf(stderr, "octavo user: %s\n", err_str(rc));
		goto out;
	}
	status = 0;
out:
	sodium_memzero(pw, sizeof(pw));
	return status;
}

static int
user_find(struct store *st, const char *email, json_t **user)
{
	enum err rc;

	if ((rc = store_user_find(st, email, user)) == ERR_OK)
		return 0;
	if (rc == ERR_NOTFOUND)
		fprintf(stderr, "octavo user: no account '%s' (see 'octavo "
		    "user list')\n", email);
	else
		fprintf(stderr, "octavo user: cannot read the accounts "
		    "(%s)\n", err_str(rc));
	return 1;
}

/* Audit a change made in the open transaction, and commit it. */
static int
user_commit(struct store *st, enum err rc, const char *action,
    const char *object)
{
	if (rc == ERR_OK)
		rc = cli_audit(st, action, object);
	if (rc == ERR_OK)
		rc = store_commit(st);
	if (rc == ERR_OK)
		return 0;
	store_rollback(st);
	fprintf(stderr, "octavo user: cannot save (%s)\n", err_str(rc));
	return 1;
}

static int
user_add(struct store *st, const char *email, const char *role)
{
	char hash[PASSWORD_HASH_LEN], object[LIMIT_EMAIL + 16];
	json_t *old = NULL;
	int64_t id;
	enum err rc;
	int status;

	if ((rc = store_user_find(st, email, &old)) != ERR_NOTFOUND) {
		json_decref(old);
		rc = rc == ERR_OK ? ERR_CONFLICT : rc;
	} else if (password_new(st, email, hash) != 0)
		return 1;
	else if ((rc = store_user_add(st, email, role, hash, time_now(),
	    &id)) == ERR_CONFLICT)
		store_rollback(st);
	if (rc == ERR_CONFLICT) {
		fprintf(stderr, "octavo user: there is already an account "
		    "'%s'\n", email);
		return 1;
	}
	snprintf(object, sizeof(object), "%s (%s)", email, role);
	if ((status = user_commit(st, rc, "user added", object)) == 0)
		printf("Added %s as %s.\n", email, role);
	return status;
}

static int
user_passwd(struct store *st, const char *email)
{
	char hash[PASSWORD_HASH_LEN];
	json_t *user = NULL;
	int64_t id;
	long n = 0;
	enum err rc;
	int status;

	if (user_find(st, email, &user) != 0)
		return 1;
	id = json_integer_value(json_object_get(user, "id"));
	json_decref(user);
	if (password_new(st, email, hash) != 0)
		return 1;
	rc = store_user_set(st, id, STORE_USER_PASSWORD, hash, 0);
	if (rc == ERR_OK)
		rc = store_sessions_end(st, id, NULL, &n);
	if ((status = user_commit(st, rc, "password changed", email)) == 0)
		printf("Changed the password of %s; %ld session%s ended.\n",
		    email, n, n == 1 ? "" : "s");
	return status;
}

static int
user_access(struct store *st, const char *email, int off)
{
	json_t *user = NULL;
	int64_t id;
	long n = 0;
	enum err rc;
	int status, was;

	if (user_find(st, email, &user) != 0)
		return 1;
	id = json_integer_value(json_object_get(user, "id"));
	was = json_integer_value(json_object_get(user, "disabled")) != 0;
	json_decref(user);
	if (was == off) {
		printf("%s is already %s.\n", email, off ? "disabled" :
		    "enabled");
		return 0;
	}
	if ((rc = store_begin(st)) != ERR_OK) {
		fprintf(stderr, "octavo user: %s\n", err_str(rc));
		return 1;
	}
	rc = store_user_set(st, id, STORE_USER_DISABLED, NULL, off);
	if (rc == ERR_OK && off)
		rc = store_sessions_end(st, id, NULL, &n);
	status = user_commit(st, rc, off ? "user disabled" : "user enabled",
	    email);
	if (status == 0 && off)
		printf("Disabled %s; %ld session%s ended.\n", email, n,
		    n == 1 ? "" : "s");
	else if (status == 0)
		printf("Enabled %s.\n", email);
	return status;
}

static int
user_list(struct store *st)
{
	json_t *rows = NULL, *it;
	char when[TIME_ISO_LEN];
	size_t i, w = 5;
	int64_t at;

	if (store_users_list(st, &rows) != ERR_OK) {
		fprintf(stderr, "octavo user: cannot read the accounts\n");
		return 1;
	}
	json_array_foreach(rows, i, it)
		if (strlen(view_str(it, "email")) > w)
			w = strlen(view_str(it, "email"));
	printf("%-*s  %-6s  %-8s  %8s  %s\n", (int)w, "EMAIL", "ROLE",
	    "STATUS", "SESSIONS", "LAST SIGN-IN (UTC)");
	json_array_foreach(rows, i, it) {
		at = json_integer_value(json_object_get(it, "signed_in_at"));
		time_iso(at, TIME_ISO_SECONDS, when);
		printf("%-*s  %-6s  %-8s  %8lld  %s\n", (int)w,
		    view_str(it, "email"), view_str(it, "role"),
		    json_integer_value(json_object_get(it, "disabled")) ?
		    "disabled" : "active", (long long)json_integer_value(
		    json_object_get(it, "sessions")), at != 0 ? when :
		    "never");
	}
	if (json_array_size(rows) == 0)
		printf("(no accounts: add one with 'octavo user add EMAIL "
		    "--role admin')\n");
	json_decref(rows);
	return 0;
}

/* add's arguments: EMAIL and --role ROLE (or --role=ROLE), any order. */
static int
add_args(int argc, char **argv, const char **email, const char **role)
{
	int i;

	*email = *role = NULL;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			*role = argv[++i];
		else if (strncmp(argv[i], "--role=", 7) == 0)
			*role = argv[i] + 7;
		else if (argv[i][0] == '-') {
			fprintf(stderr, "octavo user: unknown option or "
			    "missing value: %s\n", argv[i]);
			return -1;
		} else if (*email == NULL)
			*email = argv[i];
		else {
			fprintf(stderr, "octavo user: unexpected argument "
			    "'%s'\n", argv[i]);
			return -1;
		}
	}
	return 0;
}

int
cli_user(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *db = NULL, *verb, *email = NULL, *role = NULL;
	struct store *st = NULL;
	enum role rl;
	int ch, nargs, status;

	while ((ch = cli_getopt(argc, argv, "user", lo)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			return cli_usage(usage, 0);
		default:
			return cli_usage(usage, EXIT_USAGE);
		}
	}
	nargs = argc - optind;
	verb = nargs > 0 ? argv[optind] : "";
	if (strcmp(verb, "add") == 0) {
		if (add_args(nargs - 1, argv + optind + 1, &email, &role) != 0)
			return cli_usage(usage, EXIT_USAGE);
		if (email == NULL || role == NULL) {
			fprintf(stderr, "octavo user: say 'add EMAIL --role "
			    "ROLE'\n");
			return cli_usage(usage, EXIT_USAGE);
		}
		if (role_parse(role, &rl) != ERR_OK) {
			fprintf(stderr, "octavo user: the role is author, "
			    "editor or admin, not '%s'\n", role);
			return EXIT_USAGE;
		}
	} else if ((strcmp(verb, "passwd") == 0 ||
	    strcmp(verb, "disable") == 0 || strcmp(verb, "enable") == 0) &&
	    nargs == 2)
		email = argv[optind + 1];
	else if (!(strcmp(verb, "list") == 0 && nargs == 1)) {
		fprintf(stderr, "octavo user: say add, passwd, list, disable "
		    "or enable\n");
		return cli_usage(usage, EXIT_USAGE);
	}
	if (email != NULL && strcmp(verb, "add") == 0 && !email_valid(email)) {
		fprintf(stderr, "octavo user: '%s' is not an email address\n",
		    email);
		return EXIT_USAGE;
	}
	if (sodium_init() < 0 ||
	    cli_db_current("user", cli_dsn(db), &st) != ERR_OK)
		return 1;
	if (strcmp(verb, "add") == 0)
		status = user_add(st, email, role);
	else if (strcmp(verb, "passwd") == 0)
		status = user_passwd(st, email);
	else if (strcmp(verb, "disable") == 0)
		status = user_access(st, email, 1);
	else if (strcmp(verb, "enable") == 0)
		status = user_access(st, email, 0);
	else
		status = user_list(st);
	store_close(st);
	return status;
}
