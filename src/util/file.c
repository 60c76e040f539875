/*
 * file: whole-file reads with a size cap (templates, config, robot list).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

enum err
file_read(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f;
	struct buf b;
	char chunk[8192];
	size_t n;
	enum err rc = ERR_OK;

	if ((f = fopen(path, "rb")) == NULL)
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	buf_init(&b, max);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if ((rc = buf_add(&b, chunk, n)) != ERR_OK)
			break;
	if (rc == ERR_OK && ferror(f))
		rc = ERR_IO;
	fclose(f);
	if (rc != ERR_OK) {
		buf_free(&b);
		return rc;
	}
	*out = buf_take(&b, len);
	return ERR_OK;
}
