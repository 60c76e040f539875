/*
 * cli_render: octavo render.  Renders one view (JSON, the shapes of
 * docs/views.md) with a theme's template to standard output, without a
 * database: for theme authors, and for the tests that check the theme's
 * edge cases (tests/http/vnu/samples) with the Nu HTML Checker.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "site/site.h"

int
cli_render(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "theme", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char usage[] =
	    "usage: octavo render [--theme DIR] TEMPLATE [VIEW.json]\n"
	    "Render a view (JSON, read from the file or standard input) with\n"
	    "the theme's template (default themes/default) to standard "
	    "output.\n";
	struct site_config cfg;
	struct site *site = NULL;
	struct buf out;
	json_error_t je;
	json_t *view = NULL;
	const char *theme = "themes/default", *name, *file;
	int ch, status = 1;
	enum err rc;

	while ((ch = cli_getopt(argc, argv, "render", lo)) != -1) {
		switch (ch) {
		case 't':
			theme = optarg;
			break;
		case 'h':
			return cli_usage(usage, 0);
		default:
			return cli_usage(usage, EXIT_USAGE);
		}
	}
	if (argc - optind < 1 || argc - optind > 2) {
		fprintf(stderr, "octavo render: give a template name and at "
		    "most one file\n");
		return cli_usage(usage, EXIT_USAGE);
	}
	name = argv[optind];
	file = argc - optind == 2 ? argv[optind + 1] : NULL;
	view = file != NULL ? json_load_file(file, 0, &je) :
	    json_loadf(stdin, 0, &je);
	if (view == NULL || !json_is_object(view)) {
		fprintf(stderr, "octavo render: %s:%d:%d: %s\n",
		    file != NULL ? file : "stdin", je.line, je.column,
		    view == NULL ? je.text : "the view is not an object");
		json_decref(view);
		return 1;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.theme = theme;
	if (site_new(&cfg, &site) != ERR_OK) {
		fprintf(stderr, "octavo render: cannot load the theme at %s\n",
		    theme);
		goto out;
	}
	buf_init(&out, LIMIT_PAGE);
	if ((rc = tmpl_render(site->tmpl, name, view, &out)) != ERR_OK)
		fprintf(stderr, "octavo render: %s: %s\n", name,
		    rc == ERR_NOTFOUND ? "no such template" : err_str(rc));
	else if (fwrite(out.p, 1, out.len, stdout) == out.len &&
	    fflush(stdout) == 0)
		status = 0;
	buf_free(&out);
out:
	site_free(site);
	json_decref(view);
	return status;
}
