/*
 * port: what "octavo import markdown" and "octavo export markdown"
 * share: front matter (split off a file, read as YAML, TOML or JSON into
 * a jansson object) and a few file-system helpers.
 */
#ifndef OCTAVO_IMPORT_PORT_H
#define OCTAVO_IMPORT_PORT_H

#include <jansson.h>
#include <stdio.h>

#include "util/util.h"

#define PORT_DEPTH	32	/* nesting of front matter's arrays, tables */
#define PORT_WHY	160	/* bytes of a parse error's message */

/* frontmatter.c */
enum fm_kind {
	FM_NONE,	/* no front matter */
	FM_YAML,	/* between "---" lines (Hugo, Jekyll) */
	FM_TOML,	/* between "+++" lines (Hugo) */
	FM_JSON		/* a JSON object, its "{" and "}" on lines alone */
};
/*
 * Split a file's text (len bytes; a UTF-8 byte order mark skipped) into
 * its front matter and body (views into text).  FM_NONE with body the
 * whole text when it has none; ERR_PARSE, why set, when its front matter
 * never closes.
 */
enum err fm_split(const char *text, size_t len, enum fm_kind *kind,
	    struct str *fm, struct str *body, char why[PORT_WHY]);
/*
 * Front matter of kind as a JSON object (*out, caller decrefs): YAML's
 * plain scalars true/false, null/~ and integers typed, every other
 * scalar (dates too) a string; TOML's dates strings as written.
 * ERR_PARSE with why ("line 3: ...") for malformed text, text that is
 * not UTF-8, YAML aliases, nesting past PORT_DEPTH, or anything but a
 * mapping at the top.
 */
enum err fm_parse(enum fm_kind, const char *text, size_t len, json_t **out,
	    char why[PORT_WHY]);

/* toml.c */
/*
 * The subset of TOML v1.0 front matter uses, into a JSON object: key =
 * value with bare, quoted and dotted keys; basic, literal and
 * multi-line strings; integers (decimal, 0x, 0o, 0b); floats;
 * booleans; offset and local dates, date-times and times (strings as
 * written, a space between date and time made a "T"); arrays; inline
 * tables; [tables] and [[arrays of tables]].  A key defined twice is an
 * error, as in TOML.  ERR_PARSE with why for anything else.
 */
enum err toml_parse(const char *text, size_t len, json_t **out,
	    char why[PORT_WHY]);

/* port_util.c */
/*
 * The command line every import and export kind of this folder takes:
 * [--db PATH] [--now TIME] ARG (--now only when now is not NULL).  *db
 * gets the database (cli_dsn's), *arg the file or folder.  Returns -1
 * to go on, else the exit status to return (usage printed: 0 for
 * --help, 2 for a mistake).
 */
int	 port_args(int argc, char **argv, const char *cmd, const char *usage,
	    const char **db, const char **now, const char **arg);
/*
 * s quoted, as a TOML basic string and a YAML double-quoted scalar
 * alike ('"', '\\', and control characters escaped).
 */
void	 port_quote(FILE *, const char *s);
/* ERR_OK when dir is missing or an empty folder. */
enum err port_dir_fresh(const char *dir);
/* mkdir -p; ERR_IO with errno set. */
enum err port_mkdirs(const char *path);

#endif
