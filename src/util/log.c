/*
 * log: the error log (stderr).  The level is checked before formatting.
 * Callers escape untrusted bytes before they log them; the access log is
 * written by the HTTP layer, apart from this one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum log_level log_level = LOG_INFO;

static void
vlog(const char *prefix, const char *fmt, va_list ap, int err)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (err != 0)
		fprintf(stderr, "octavo: %s%s: %s\n", prefix, msg,
		    strerror(err));
	else
		fprintf(stderr, "octavo: %s%s\n", prefix, msg);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	if (log_level < LOG_WARN)
		return;
	va_start(ap, fmt);
	vlog("", fmt, ap, e);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	if (log_level < LOG_WARN)
		return;
	va_start(ap, fmt);
	vlog("", fmt, ap, 0);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	if (log_level < LOG_INFO)
		return;
	va_start(ap, fmt);
	vlog("", fmt, ap, 0);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (log_level < LOG_DEBUG)
		return;
	va_start(ap, fmt);
	vlog("debug: ", fmt, ap, 0);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vlog("fatal: ", fmt, ap, e);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("fatal: ", fmt, ap, 0);
	va_end(ap);
	exit(1);
}
