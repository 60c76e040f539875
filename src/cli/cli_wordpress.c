/*
 * cli_wordpress: "octavo import wordpress FILE.xml": a WordPress export
 * file (WXR 1.0 to 1.2) into the journal, by src/import/wxr_import.c,
 * with the progress line and the final report every importer shows.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "import/wxr.h"
#include "site/site.h"

static const char usage[] =
    "usage: octavo import wordpress [--db DSN] [--categories sections|tags]\n"
    "           [--uploads DIR] [--media DIR] [--timezone ZONE] FILE.xml\n"
    "Import a WordPress export file (Tools > Export, WXR 1.0 to 1.2):\n"
    "authors, categories, tags, posts, pages, comments and attachments,\n"
    "and every old address as a 301.  --categories sections (the default)\n"
    "makes each top-level category a section and the categories below it\n"
    "tags; tags makes every category a tag.  --uploads is the site's\n"
    "wp-content/uploads folder, whose files are copied into the media\n"
    "folder (--media, default: \"media\" beside the database).  --timezone\n"
    "is the site's (Settings > General), for dates WordPress kept only in\n"
    "local time; default UTC.  Running it again changes nothing.\n";

int
cli_import_wordpress(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "categories", required_argument, NULL, 'c' },
		{ "uploads", required_argument, NULL, 'u' },
		{ "media", required_argument, NULL, 'm' },
		{ "timezone", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct wxr_options o = { 0 };
	struct site_config cfg = { 0 };
	struct report rep = { 0 };
	struct store *st = NULL;
	struct arena *a;
	const char *db = NULL, *why = NULL;
	char *media = NULL;
	enum err rc;
	int ch, status = 1;

	o.categories = WXR_CAT_SECTIONS;
	optind = 1;
	while ((ch = cli_getopt(argc, argv, "import wordpress", lo)) != -1)
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'c':
			if (strcmp(optarg, "sections") == 0)
				o.categories = WXR_CAT_SECTIONS;
			else if (strcmp(optarg, "tags") == 0)
				o.categories = WXR_CAT_TAGS;
			else {
				fprintf(stderr, "octavo import wordpress: "
				    "--categories is sections or tags\n");
				return cli_usage(usage, EXIT_USAGE);
			}
			break;
		case 'u':
			o.uploads = optarg;
			break;
		case 'm':
			o.media_dir = optarg;
			break;
		case 't':
			o.timezone = optarg;
			break;
		case 'h':
			return cli_usage(usage, 0);
		default:
			return cli_usage(usage, EXIT_USAGE);
		}
	if (optind != argc - 1)
		return cli_usage(usage, EXIT_USAGE);
	o.path = argv[optind];
	db = cli_dsn(db);
	if (o.media_dir == NULL) {
		cfg.db = db;
		media = media_dir_of(&cfg);
		o.media_dir = media;
	}
	o.progress = stderr;
	o.now = time_now();
	if (cli_db_current("import wordpress", db, &st) != ERR_OK)
		goto out;
	a = arena_new();
	rc = wxr_import(st, &o, &rep, a, &why);
	report_print(&rep, stdout, rc == ERR_OK ? "WordPress import:" :
	    "WordPress import (stopped):");
	if (rc != ERR_OK)
		fprintf(stderr, "octavo import wordpress: %s\n", why != NULL ?
		    why : err_str(rc));
	else
		status = 0;
	arena_free(a);
out:
	report_free(&rep);
	store_close(st);
	free(media);
	return status;
}
