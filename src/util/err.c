/*
 * err: the one project-wide error enum's names.  Fallible functions return
 * an enum err; the HTTP layer maps them to statuses in one place.
 */
#include "util.h"

static const char *const err_names[ERR__MAX] = {
	[ERR_OK] = "ok",
	[ERR_NOTFOUND] = "not found",
	[ERR_PARSE] = "malformed input",
	[ERR_LIMIT] = "size limit exceeded",
	[ERR_INVAL] = "invalid value",
	[ERR_DB] = "database error",
	[ERR_IO] = "input/output error",
	[ERR_AUTH] = "not allowed",
	[ERR_CONFLICT] = "conflict",
	[ERR_METHOD] = "method not allowed",
	[ERR_MEDIA] = "unsupported media type",
	[ERR_BUSY] = "busy: locked by another process",
};

const char *
err_str(enum err e)
{
	if ((unsigned)e >= ERR__MAX || err_names[e] == NULL)
		return "unknown error";
	return err_names[e];
}
