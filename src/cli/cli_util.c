/*
 * cli_util: what every subcommand shares: where the database is, option
 * parsing with one error style, usage text.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

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

static struct termios saved_tty;
static volatile sig_atomic_t tty_changed;

/* A signal while echo is off: turn it back on, then die of it. */
static void
tty_restore(int sig)
{
	if (tty_changed)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
	signal(sig, SIG_DFL);
	raise(sig);
}

enum err
cli_line_read(char *buf, size_t size)
{
	size_t n;

	if (fgets(buf, (int)size, stdin) == NULL)
		return ERR_NOTFOUND;
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (!feof(stdin))
		return ERR_LIMIT;
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return ERR_OK;
}

enum err
cli_tty_ask(const char *prompt, char *buf, size_t size)
{
	struct termios t;
	enum err rc;

	if (tcgetattr(STDIN_FILENO, &saved_tty) != 0)
		return ERR_IO;
	t = saved_tty;
	t.c_lflag &= ~(tcflag_t)ECHO;
	t.c_lflag |= ECHONL;
	signal(SIGINT, tty_restore);
	signal(SIGTERM, tty_restore);
	tty_changed = 1;
	/* Echo off before the prompt: nothing typed after it shows. */
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &t);
	fputs(prompt, stderr);
	fflush(stderr);
	rc = cli_line_read(buf, size);
	tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	tty_changed = 0;
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	return rc;
}
