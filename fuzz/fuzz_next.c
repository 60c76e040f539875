/*
 * fuzz_next: libFuzzer target for admin_next, which judges the ?next=
 * a stranger can put in a sign-in link: after signing in, the browser is
 * sent there, so anything but a path of this site would be an open
 * redirect.  Invariants: the answer is the input or "/admin"; an
 * accepted input starts with one '/' (not "//" nor "/\", which browsers
 * read as another host), holds no byte a browser strips or rewrites
 * before resolving (controls, spaces, backslashes, non-ASCII), is at
 * most LIMIT_URL bytes, and passes url_safe.  The input is copied to
 * exactly its size on the heap, so a read past it is an ASan report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	const char *out;
	size_t i, n;

	memcpy(s, data, size);
	s[size] = '\0';
	n = strlen(s);
	out = admin_next(s);
	if (out != s && strcmp(out, "/admin") != 0)
		abort();
	if (out == s) {
		if (n == 0 || s[0] != '/' || s[1] == '/' || s[1] == '\\' ||
		    n > LIMIT_URL || !url_safe(s, n))
			abort();
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] <= 0x20 ||
			    (unsigned char)s[i] >= 0x7f || s[i] == '\\')
				abort();
	}
	free(s);
	return 0;
}
