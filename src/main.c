/*
 * octavo: one program for a journal's site.  main only dispatches to the
 * subcommand table; each command lives in src/cli/.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct cli_cmd cmds[] = {
	{ "serve", cli_serve, "serve the site over HTTP" },
	{ "init", cli_init, "create a database" },
	{ "migrate", cli_migrate, "upgrade a database's schema" },
	{ "demo", cli_demo, "fill a database with a made-up demo journal" },
	{ "render", cli_render, "render a view with a theme's template" },
	{ "site", cli_site, "show or change the site's settings" },
	{ "user", cli_user, "manage the back office's accounts" },
	{ "mail", cli_mail, "send the newsletter, test the relay, read "
	    "bounces" },
	{ "import", cli_import, "bring a journal in from another system" },
	{ "export", cli_export, "write the journal out for another system" },
};

static int
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: octavo COMMAND [OPTIONS]\n\ncommands:\n");
	for (i = 0; i < nitems(cmds); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "\n'octavo COMMAND --help' describes a command.\n");
	return f == stdout ? 0 : EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	size_t i;
	int rc;

	/* jansson's many small blocks, through a cache (mem_cache.c). */
	json_set_alloc_funcs(mem_cache_alloc, mem_cache_free);
	if (argc < 2)
		return usage(stderr);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return usage(stdout);
	for (i = 0; i < nitems(cmds); i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			rc = cmds[i].fn(argc - 1, argv + 1);
			mem_cache_flush();
			return rc;
		}
	fprintf(stderr, "octavo: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
