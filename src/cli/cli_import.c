/*
 * cli_import: "octavo import KIND ..." and "octavo export KIND ...".
 * Each importer and exporter is a kind in the tables below, with its own
 * file, options and usage; what they share (the progress line, the
 * final report) is in import_report.c.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* The importers, by the kind an operator names; NULL-terminated. */
static const struct cli_cmd import_kinds[] = {
	{ "k2", cli_import_k2, "a Joomla site's K2 content, from its live "
	    "database" },
	{ "json", cli_import_json, "an 'octavo export json' file, into an "
	    "empty database" },
	{ "markdown", cli_import_markdown, "a Hugo or Jekyll site's posts "
	    "(YAML or TOML front matter)" },
	{ "wordpress", cli_import_wordpress,
	    "WordPress export files (WXR 1.0-1.2)" },
	{ NULL, NULL, NULL }
};

/* The exporters, likewise. */
static const struct cli_cmd export_kinds[] = {
	{ "json", cli_export_json, "the whole journal in one JSON file" },
	{ "markdown", cli_export_markdown, "a Hugo site's content folder" },
	{ NULL, NULL, NULL }
};

static int
kinds_usage(const char *cmd, const struct cli_cmd *kinds, FILE *f)
{
	const struct cli_cmd *k;

	fprintf(f, "usage: octavo %s KIND [OPTIONS] ...\n\nkinds:\n", cmd);
	for (k = kinds; k->name != NULL; k++)
		fprintf(f, "  %-10s %s\n", k->name, k->summary);
	if (kinds->name == NULL)
		fprintf(f, "  (none in this build)\n");
	fprintf(f, "\n'octavo %s KIND --help' describes a kind.\n", cmd);
	return f == stdout ? 0 : EXIT_USAGE;
}

static int
kinds_run(const char *cmd, const struct cli_cmd *kinds, int argc,
    char **argv)
{
	const struct cli_cmd *k;

	if (argc < 2)
		return kinds_usage(cmd, kinds, stderr);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return kinds_usage(cmd, kinds, stdout);
	for (k = kinds; k->name != NULL; k++)
		if (strcmp(argv[1], k->name) == 0)
			return k->fn(argc - 1, argv + 1);
	fprintf(stderr, "octavo %s: unknown kind '%s'\n", cmd, argv[1]);
	return kinds_usage(cmd, kinds, stderr);
}

int
cli_import(int argc, char **argv)
{
	return kinds_run("import", import_kinds, argc, argv);
}

int
cli_export(int argc, char **argv)
{
	return kinds_run("export", export_kinds, argc, argv);
}
