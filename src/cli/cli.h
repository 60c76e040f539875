/*
 * cli: the subcommands.  Each takes argc/argv after its own name and
 * returns the process exit status: 0 success, 1 failure, 2 usage error.
 */
#ifndef OCTAVO_CLI_H
#define OCTAVO_CLI_H

#include <getopt.h>

#include "store/store.h"
#include "util/util.h"

#define EXIT_USAGE	2

struct cli_cmd {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*summary;
};

/* cli_db.c */
int	cli_init(int, char **);
int	cli_migrate(int, char **);
/* Open (and with create, initialise) the database; logs why not. */
enum err cli_db_open(const char *dsn, int create, struct store **);
/*
 * Open an existing database whose schema is this program's, for command
 * cmd; says why not ("run 'octavo migrate'") on standard error.
 */
enum err cli_db_current(const char *cmd, const char *dsn, struct store **);

/* cli_demo.c */
int	cli_demo(int, char **);

/* cli_render.c */
int	cli_render(int, char **);

/* cli_import.c: "octavo import KIND", "octavo export KIND". */
int	cli_import(int, char **);
int	cli_export(int, char **);

/* src/import/json.c: "octavo export json", "octavo import json". */
int	cli_export_json(int, char **);
int	cli_import_json(int, char **);
/* src/import/markdown_*.c: Hugo and Jekyll content folders. */
int	cli_export_markdown(int, char **);
int	cli_import_markdown(int, char **);

/* import_report.c: what every importer shows its operator. */
/* A progress line on f: a bar on a terminal, a line a tenth else. */
struct progress {
	FILE		*f;
	const char	*what;		/* "posts" */
	int64_t		 total;		/* 0: not known */
	int64_t		 done;
	int		 tty;
	int64_t		 last_ms;
	int		 last_tenth;
};
void	progress_begin(struct progress *, FILE *, const char *what,
	    int64_t total);
void	progress_set(struct progress *, int64_t done);
void	progress_end(struct progress *);

/* What became of each thing read; skipped ones always with a reason. */
enum report_outcome {
	REPORT_NEW, REPORT_CHANGED, REPORT_UNCHANGED, REPORT_SKIPPED,
	REPORT__MAX
};
struct report_kind {
	const char	*name;		/* "posts", "people" */
	int64_t		 n[REPORT__MAX];
};
struct report_reason {
	const char	*kind, *reason, *example;
	int64_t		 count;
	int		 skipped;
};
struct report {
	struct report_kind	*kinds;
	size_t			 nkinds;
	struct report_reason	*reasons;
	size_t			 nreasons;
	int64_t			 suggested;	/* articles with countries
						   suggested */
	int64_t			 suggestions;	/* and how many */
};
void	report_count(struct report *, const char *kind,
	    enum report_outcome);
/*
 * A reason for a thing of kind (counted as skipped when skipped is
 * set; else a note, such as "shortcode not converted"), with the first
 * example (may be NULL) shown.
 */
void	report_note(struct report *, const char *kind, int skipped,
	    const char *reason, const char *example);
int64_t	report_total(const struct report *, enum report_outcome);
/*
 * Every importer's step after it saved article id from e: the countries
 * its text names that it does not list become suggestions for an
 * editor (store_article_suggest), counted for the report's line.
 */
enum err report_suggest(struct report *, struct store *, int64_t id,
	    const struct store_article_edit *e);
/* The table and the reasons, under title. */
void	report_print(const struct report *, FILE *, const char *title);
void	report_free(struct report *);

/* cli_wordpress.c: "octavo import wordpress FILE.xml". */
int	cli_import_wordpress(int, char **);

/* cli_mail.c */
int	cli_mail(int, char **);

/* cli_serve.c */
int	cli_serve(int, char **);
struct mail_config;
/*
 * Read the configuration file at path (NULL: none) as serve reads it:
 * its mail settings, with their defaults, into *mail and its db (NULL
 * if unset) into *db; values point into *text (caller frees).  Says
 * why not on standard error and returns -1.
 */
int	cli_config_mail(const char *path, struct mail_config *mail,
	    const char **db, char **text);

/* cli_site.c */
int	cli_site(int, char **);

/* cli_user.c */
int	cli_user(int, char **);

/* import/k2_cli.c: "octavo import k2". */
int	cli_import_k2(int, char **);

/* cli_util.c */
/* The DSN from --db, else $OCTAVO_DB, else ./octavo.db. */
const char *cli_dsn(const char *flag);
/*
 * getopt_long with the house conventions: prints "octavo CMD: ..." and
 * returns '?' for unknown options; --help is option 'h'.
 */
int	cli_getopt(int, char **, const char *cmd, const struct option *);
/* Print usage to stdout (help) or stderr (error) and return the status. */
int	cli_usage(const char *usage, int status);
/*
 * One line of standard input into buf (size bytes, without its newline
 * or CR): ERR_LIMIT when it does not fit, ERR_NOTFOUND at end of input.
 */
enum err cli_line_read(char *buf, size_t size);
/*
 * One line asked on the terminal (standard input) with echo off, prompt
 * on standard error; echo comes back on a signal too.  As cli_line_read,
 * and ERR_IO when standard input is no terminal.
 */
enum err cli_tty_ask(const char *prompt, char *buf, size_t size);

#endif
