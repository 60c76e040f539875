/*
 * port_util: small file-system and quoting helpers the Markdown
 * exporter and importer share.
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "import/port.h"

void
port_quote(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

enum err
port_dir_fresh(const char *dir)
{
	struct dirent *de;
	DIR *d;
	enum err e = ERR_OK;

	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? ERR_OK : ERR_IO;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			e = ERR_CONFLICT;
			break;
		}
	closedir(d);
	return e;
}

enum err
port_mkdirs(const char *path)
{
	char tmp[4096], *p;
	size_t n = strlen(path);

	if (n == 0 || n >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return ERR_IO;
	}
	memcpy(tmp, path, n + 1);
	for (p = tmp + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
			return ERR_IO;
		*p = '/';
	}
	if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
		return ERR_IO;
	return ERR_OK;
}

int
port_args(int argc, char **argv, const char *cmd, const char *usage,
    const char **db, const char **now, const char **arg)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "now", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	*db = NULL;
	while ((ch = cli_getopt(argc, argv, cmd, lo)) != -1) {
		switch (ch) {
		case 'd':
			*db = optarg;
			break;
		case 'n':
			if (now == NULL)
				return cli_usage(usage, EXIT_USAGE);
			*now = optarg;
			break;
		case 'h':
			return cli_usage(usage, 0);
		default:
			return cli_usage(usage, EXIT_USAGE);
		}
	}
	if (optind != argc - 1)
		return cli_usage(usage, EXIT_USAGE);
	*arg = argv[optind];
	*db = cli_dsn(*db);
	return -1;
}
