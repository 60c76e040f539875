/*
 * fuzz_cookie: libFuzzer target for both directions of cookies.  The
 * input is a Cookie header for req_cookies_parse, and a value (and a
 * path) for resp_cookie_set.
 *
 * Invariants checked: at most LIMIT_COOKIES pairs, each a token name and
 * a value of cookie-octets, together at most LIMIT_COOKIE bytes; a pair
 * read is a pair that can be set, and setting then reading it gives it
 * back.  resp_cookie_set either refuses (ERR_INVAL, nothing added) or
 * adds one header whose value may be sent (no CR, LF or other control)
 * and reads back as one cookie with the value given.  Anything else, or
 * a sanitizer report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_pair(struct arena *a, const struct param *p)
{
	const struct param *back;
	struct cookie c = { 0 };
	struct resp r = { 0 };
	const char *v;
	size_t n, i;

	if (!http_token_valid(p->name, strlen(p->name)) ||
	    strlen(p->name) + strlen(p->value) > LIMIT_COOKIE)
		abort();
	for (v = p->value; *v != '\0'; v++)
		if (*v <= ' ' || *v >= 0x7f || strchr("\",;\\", *v) != NULL)
			abort();
	c.name = p->name;
	c.value = p->value;
	/* The prefixes' rules (RFC 6265bis 4.1.3). */
	c.secure = strncmp(p->name, "__Secure-", 9) == 0 ||
	    strncmp(p->name, "__Host-", 7) == 0;
	c.path = strncmp(p->name, "__Host-", 7) == 0 ? "/" : NULL;
	if (resp_cookie_set(&r, a, &c) != ERR_OK || r.nheaders != 1)
		abort();
	/* "name=value[; Path=/]; ..." reads back as the pair first. */
	req_cookies_parse(a, r.headers[0].value, &back, &n);
	if (n < 1 || strcmp(back[0].name, p->name) != 0 ||
	    strcmp(back[0].value, p->value) != 0)
		abort();
	for (i = 1; i < n; i++)
		if (strcmp(back[i].name, "SameSite") != 0 &&
		    strcmp(back[i].name, "Path") != 0)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct param *p, *back;
	struct cookie c = { 0 };
	struct resp r = { 0 };
	struct arena *a = arena_new();
	char *in = xstrndup((const char *)data, size);
	size_t n, i;
	enum err rc;

	req_cookies_parse(a, in, &p, &n);
	if (n > LIMIT_COOKIES)
		abort();
	for (i = 0; i < n; i++)
		check_pair(a, &p[i]);

	c.name = "f";
	c.value = in;
	c.path = size > 0 && in[0] == '/' ? in : NULL;
	rc = resp_cookie_set(&r, a, &c);
	if (rc == ERR_OK) {
		if (r.nheaders != 1 || !http_value_valid(r.headers[0].value))
			abort();
		req_cookies_parse(a, r.headers[0].value, &back, &n);
		if (n < 1 || strcmp(back[0].value, in) != 0)
			abort();
	} else if (rc != ERR_INVAL || r.nheaders != 0)
		abort();
	free(in);
	arena_free(a);
	return 0;
}
