/*
 * fuzz_route: libFuzzer target for route_match against the real route
 * table of src/web/app.c (web_routes).
 *
 * The input is matched as a path, raw and, when it decodes, percent-
 * decoded as the server does.  Invariants checked: on a match there is
 * one capture per ":name" segment, each non-empty, at most LIMIT_SLUG
 * bytes, without '/', and the pattern with its captures put back is the
 * path exactly; a path with a NUL or a "//" never matches a capture.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_path(const char *path)
{
	const char *args[4];
	struct arena *a;
	struct buf re;
	const char *p;
	size_t i, k, n, want;

	for (i = 0; i < web_nroutes; i++) {
		a = arena_new();
		n = 0;
		if (!route_match(web_routes[i].pattern, path, a, args,
		    nitems(args), &n)) {
			arena_free(a);
			continue;
		}
		want = 0;
		for (p = web_routes[i].pattern; *p != '\0'; p++)
			want += *p == ':';
		if (n != want)
			abort();
		/* Rebuild the path from the pattern and the captures. */
		buf_init(&re, LIMIT_URL * 2);
		k = 0;
		for (p = web_routes[i].pattern; *p != '\0'; ) {
			if (*p == ':') {
				size_t len = strlen(args[k]);

				if (len == 0 || len > LIMIT_SLUG ||
				    strchr(args[k], '/') != NULL)
					abort();
				buf_puts(&re, args[k++]);
				while (*p != '\0' && *p != '/')
					p++;
			} else
				buf_putc(&re, *p++);
		}
		if (re.p == NULL || strcmp(re.p, path) != 0)
			abort();
		buf_free(&re);
		arena_free(a);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path, *dec;
	size_t n;

	if (size > LIMIT_URL)
		return 0;
	path = xstrndup((const char *)data, size);
	check_path(path);
	dec = xmalloc(size + 1);
	if (url_decode((const char *)data, size, dec, &n, 0) == ERR_OK)
		check_path(dec);
	free(dec);
	free(path);
	return 0;
}
