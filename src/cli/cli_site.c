/*
 * cli_site: octavo site get|set.  The site's settings (title, base URL,
 * tagline...) from the command line, through the same table and checks
 * as the back office (site/settings.c).  A running server picks a change
 * up within a second, as it does any content change.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "site/site.h"

static const char usage[] =
    "usage: octavo site [--db PATH] get [KEY]\n"
    "       octavo site [--db PATH] set KEY [VALUE]\n"
    "Show the site's settings (all, or one), or change one.  Without\n"
    "VALUE, set reads it from standard input (for the about text).\n"
    "Settings:\n";

static int
site_usage(int status)
{
	const struct site_setting *s;
	FILE *f = status == 0 ? stdout : stderr;
	size_t i, n;

	cli_usage(usage, status);
	s = site_settings(&n);
	for (i = 0; i < n; i++)
		fprintf(f, "  %-12s %s\n", s[i].key, s[i].help);
	return status;
}

/* Standard input, whole, as a string without its last newline. */
static char *
read_stdin(struct arena *a)
{
	struct buf b;
	char chunk[4096], *s;
	size_t n;

	buf_init(&b, LIMIT_SETTING + 1);
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		if (buf_add(&b, chunk, n) != ERR_OK) {
			buf_free(&b);
			return NULL;
		}
	while (b.len > 0 && (b.p[b.len - 1] == '\n' || b.p[b.len - 1] == '\r'))
		b.len--;
	s = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return s;
}

static int
site_get(struct store *st, const char *key)
{
	const struct site_setting *s, *all;
	json_t *rec = NULL;
	const char *v;
	size_t i, n;
	int status = 1;

	if (key != NULL && (s = site_setting_find(key)) == NULL) {
		fprintf(stderr, "octavo site: no setting '%s'\n", key);
		return site_usage(EXIT_USAGE);
	}
	if (store_site_get(st, &rec) != ERR_OK) {
		fprintf(stderr, "octavo site: cannot read the settings\n");
		return 1;
	}
	if (key != NULL) {
		v = json_string_value(json_object_get(rec, s->store_key));
		printf("%s\n", v != NULL ? v : "");
		status = 0;
		goto out;
	}
	all = site_settings(&n);
	for (i = 0; i < n; i++) {
		v = json_string_value(json_object_get(rec,
		    all[i].store_key));
		/* One line each: a multi-line value shows its first line. */
		printf("%-12s %.*s%s\n", all[i].key, v != NULL ?
		    (int)strcspn(v, "\n") : 0, v != NULL ? v : "",
		    v != NULL && strchr(v, '\n') != NULL ? " ..." : "");
	}
	status = 0;
out:
	json_decref(rec);
	return status;
}

static int
site_set(struct store *st, const char *key, const char *value)
{
	const struct site_setting *s;
	struct arena *a = arena_new();
	const char *out, *why;
	json_t *rec;
	enum err rc;
	int status = EXIT_USAGE;

	if ((s = site_setting_find(key)) == NULL) {
		fprintf(stderr, "octavo site: no setting '%s'\n", key);
		arena_free(a);
		return site_usage(EXIT_USAGE);
	}
	if (value == NULL && (value = read_stdin(a)) == NULL) {
		fprintf(stderr, "octavo site: %s: the value is longer than "
		    "%d bytes\n", key, LIMIT_SETTING);
		goto out;
	}
	if (site_setting_check(a, s, value, &out, &why) != ERR_OK) {
		fprintf(stderr, "octavo site: %s %s (not '%.80s')\n", key,
		    why, value);
		goto out;
	}
	rec = json_object();
	json_object_set_new(rec, s->store_key, json_string(out));
	rc = store_put(st, "site", rec);
	json_decref(rec);
	if (rc != ERR_OK) {
		fprintf(stderr, "octavo site: %s: cannot save (%s)\n", key,
		    err_str(rc));
		status = 1;
		goto out;
	}
	status = 0;
out:
	arena_free(a);
	return status;
}

int
cli_site(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *db = NULL, *verb;
	struct store *st = NULL;
	int ch, status, nargs;

	while ((ch = cli_getopt(argc, argv, "site", lo)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			return site_usage(0);
		default:
			return site_usage(EXIT_USAGE);
		}
	}
	nargs = argc - optind;
	verb = nargs > 0 ? argv[optind] : "";
	if (!((strcmp(verb, "get") == 0 && nargs <= 2) ||
	    (strcmp(verb, "set") == 0 && (nargs == 2 || nargs == 3)))) {
		fprintf(stderr, "octavo site: say 'get [KEY]' or 'set KEY "
		    "[VALUE]'\n");
		return site_usage(EXIT_USAGE);
	}
	if (cli_db_current("site", cli_dsn(db), &st) != ERR_OK)
		return 1;
	if (strcmp(verb, "get") == 0)
		status = site_get(st, nargs == 2 ? argv[optind + 1] : NULL);
	else
		status = site_set(st, argv[optind + 1], nargs == 3 ?
		    argv[optind + 2] : NULL);
	store_close(st);
	return status;
}
