/*
 * cli_demo: octavo demo.  Creates (or migrates) the database and fills it,
 * in one transaction, with the made-up journal of demo_gen.c; the same
 * seed and date give the same journal.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "demo_gen.h"

struct demo_ctx {
	struct store	*st;
	const char	*failed_kind;
	long		 counts[2];	/* articles, all records */
};

static enum err
demo_emit(void *arg, const char *kind, json_t *rec)
{
	struct demo_ctx *d = arg;
	enum err rc;

	if ((rc = store_put(d->st, kind, rec)) != ERR_OK) {
		d->failed_kind = kind;
		return rc;
	}
	if (strcmp(kind, "article") == 0)
		d->counts[0]++;
	d->counts[1]++;
	return ERR_OK;
}

int
cli_demo(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "articles", required_argument, NULL, 'a' },
		{ "seed", required_argument, NULL, 's' },
		{ "today", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char usage[] =
	    "usage: octavo demo [--db PATH] [--articles N] [--seed N]"
	    " [--today YYYY-MM-DD]\n"
	    "Create a database holding a made-up demo journal: sections,\n"
	    "biweekly issues, N articles (default 600), authors, staff\n"
	    "publications, partner links and events.  The journal is\n"
	    "determined by the seed (default 1) and the date of the newest\n"
	    "issue's week (default today).  The database must be new.\n";
	struct demo_opts o = { 600, 1, NULL };
	struct demo_ctx d;
	const char *db = NULL;
	char today[TIME_ISO_LEN];
	long long v;
	json_t *secs = NULL;
	struct tm tm;
	int ch, status = 1;
	enum err rc;

	memset(&d, 0, sizeof(d));
	while ((ch = cli_getopt(argc, argv, "demo", lo)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'a':
			if (str_to_ll(optarg, 1, DEMO_ARTICLES_MAX, &v) !=
			    ERR_OK) {
				fprintf(stderr, "octavo demo: --articles "
				    "wants a number from 1 to %d, not '%s'\n",
				    DEMO_ARTICLES_MAX, optarg);
				return EXIT_USAGE;
			}
			o.articles = (long)v;
			break;
		case 's':
			if (str_to_ll(optarg, 0, INT64_MAX, &v) != ERR_OK) {
				fprintf(stderr, "octavo demo: --seed wants a "
				    "non-negative number, not '%s'\n", optarg);
				return EXIT_USAGE;
			}
			o.seed = (unsigned long)v;
			break;
		case 't':
			if (time_parse_date(optarg, &tm) != ERR_OK ||
			    strlen(optarg) != 10 ||
			    tm.tm_year + 1900 < DEMO_YEAR_MIN ||
			    tm.tm_year + 1900 > DEMO_YEAR_MAX) {
				fprintf(stderr, "octavo demo: --today wants a "
				    "date YYYY-MM-DD from year %d to %d, not "
				    "'%s'\n", DEMO_YEAR_MIN, DEMO_YEAR_MAX,
				    optarg);
				return EXIT_USAGE;
			}
			o.today = optarg;
			break;
		case 'h':
			return cli_usage(usage, 0);
		default:
			return cli_usage(usage, EXIT_USAGE);
		}
	}
	if (optind != argc) {
		fprintf(stderr, "octavo demo: unexpected argument '%s'\n",
		    argv[optind]);
		return cli_usage(usage, EXIT_USAGE);
	}
	if (o.today == NULL) {
		time_iso(time_now(), TIME_ISO_DATE, today);
		o.today = today;
	}
	db = cli_dsn(db);
	if (cli_db_open(db, 1, &d.st) != ERR_OK)
		return 1;
	if (store_sections_list(d.st, &secs) != ERR_OK)
		goto out;
	if (json_array_size(secs) > 0) {
		fprintf(stderr, "octavo demo: %s already holds a journal; "
		    "give a new file with --db\n", db);
		goto out;
	}
	if (store_begin(d.st) != ERR_OK)
		goto out;
	/* The search index is built once, at the end (not per row). */
	rc = store_search_hold(d.st, 1);
	if (rc == ERR_OK)
		rc = demo_generate(&o, demo_emit, &d);
	if (rc == ERR_OK)
		rc = store_search_hold(d.st, 0);
	if (rc == ERR_OK)
		rc = store_commit(d.st);
	if (rc != ERR_OK) {
		store_rollback(d.st);
		fprintf(stderr, "octavo demo: %s: storing %s failed (%s)\n", db,
		    d.failed_kind != NULL ? d.failed_kind : "the journal",
		    err_str(rc));
		goto out;
	}
	printf("%s: demo journal with %ld articles (%ld records, seed %lu, "
	    "newest issue week of %s)\n", db, d.counts[0], d.counts[1],
	    o.seed, o.today);
	status = 0;
out:
	json_decref(secs);
	store_close(d.st);
	return status;
}
