/*
 * cli_util: what every subcommand shares: where the database is, option
 * parsing with one error style, usage text.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

const char *
cli_dsn(const char *flag)
{
	const char *env;

	if (flag != NULL)
		return flag;
	if ((env = getenv("OCTAVO_DB")) != NULL && *env != '\0')
		return env;
	return "octavo.db";
}

int
cli_getopt(int argc, char **argv, const char *cmd, const struct option *lo)
{
	int ch;

	opterr = 0;
	ch = getopt_long(argc, argv, "+h", lo, NULL);
	if (ch == '?' || ch == ':') {
		if (optopt != 0)
			fprintf(stderr, "octavo %s: unknown option -%c\n",
			    cmd, optopt);
		else
			fprintf(stderr, "octavo %s: unknown option or "
			    "missing value: %s\n", cmd, argv[optind - 1]);
		return '?';
	}
	return ch;
}

int
cli_usage(const char *usage, int status)
{
	fputs(usage, status == 0 ? stdout : stderr);
	return status;
}
