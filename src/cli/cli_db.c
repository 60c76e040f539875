/*
 * cli_db: octavo init and octavo migrate.  Both apply the numbered
 * migrations; init also creates a missing SQLite file, migrate refuses to.
 */
#include <stdio.h>

#include "cli.h"

enum err
cli_db_open(const char *dsn, int create, struct store **st)
{
	enum err rc;
	int from, to;

	if ((rc = store_open(dsn, create, st)) != ERR_OK) {
		fprintf(stderr, "octavo: %s: cannot open the database (%s)\n",
		    dsn, err_str(rc));
		return rc;
	}
	if (!create)
		return ERR_OK;
	if ((rc = store_migrate(*st, &from, &to)) != ERR_OK) {
		fprintf(stderr, "octavo: %s: migration failed (%s)\n", dsn,
		    err_str(rc));
		store_close(*st);
		*st = NULL;
	}
	return rc;
}

enum err
cli_db_current(const char *cmd, const char *dsn, struct store **st)
{
	enum err rc;

	if ((rc = cli_db_open(dsn, 0, st)) != ERR_OK)
		return rc;
	if ((rc = store_check_schema(*st)) != ERR_OK) {
		fprintf(stderr, "octavo %s: the database's schema is not this "
		    "program's; run 'octavo migrate'\n", cmd);
		store_close(*st);
		*st = NULL;
	}
	return rc;
}

static int
db_cmd(int argc, char **argv, const char *cmd, int create)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char usage_init[] =
	    "usage: octavo init [--db PATH]\n"
	    "Create the database (default ./octavo.db, or $OCTAVO_DB) and\n"
	    "bring its schema up to date.\n";
	static const char usage_migrate[] =
	    "usage: octavo migrate [--db PATH]\n"
	    "Apply the pending schema migrations to an existing database.\n";
	const char *usage = create ? usage_init : usage_migrate;
	const char *db = NULL;
	struct store *st = NULL;
	int ch, from, to;
	enum err rc;

	while ((ch = cli_getopt(argc, argv, cmd, lo)) != -1) {
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
	if (optind != argc) {
		fprintf(stderr, "octavo %s: unexpected argument '%s'\n", cmd,
		    argv[optind]);
		return cli_usage(usage, EXIT_USAGE);
	}
	db = cli_dsn(db);
	if ((rc = store_open(db, create, &st)) != ERR_OK) {
		fprintf(stderr, "octavo %s: %s: cannot open the database "
		    "(%s)\n", cmd, db, err_str(rc));
		return 1;
	}
	rc = store_migrate(st, &from, &to);
	store_close(st);
	if (rc != ERR_OK) {
		fprintf(stderr, "octavo %s: %s: migration failed (%s)\n",
		    cmd, db, err_str(rc));
		return 1;
	}
	if (from == to)
		printf("%s: schema is up to date (version %d)\n", db, to);
	else
		printf("%s: schema migrated from version %d to %d\n", db,
		    from, to);
	return 0;
}

int
cli_init(int argc, char **argv)
{
	return db_cmd(argc, argv, "init", 1);
}

int
cli_migrate(int argc, char **argv)
{
	return db_cmd(argc, argv, "migrate", 0);
}
