/*
 * target: the key of a request target under which an old address is
 * kept (store.h's redirects).  Old systems wrote the same address in
 * several ways ("/2019/05/03/%D0%BF/" and "/2019/05/03/%d0%bf", "/?p=12"
 * and "/?p=12&" ...): the key is the decoded path without its trailing
 * slash, then, when there is a query, "?" and its fields decoded, sorted
 * by name and value, joined by "&".  The importers key what they record
 * and the site what it is asked by this one function.
 */
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "util/limits.h"

static int
param_cmp(const void *a, const void *b)
{
	const struct param *x = a, *y = b;
	int c;

	if ((c = strcmp(x->name, y->name)) != 0)
		return c;
	return strcmp(x->value, y->value);
}

enum err
req_target_key(struct arena *a, const char *target, const char **key)
{
	struct param params[LIMIT_QUERY_PARAMS];
	const char *q;
	struct buf b;
	size_t plen, n, np = 0, i;
	char *path;
	enum err e;

	*key = NULL;
	if (target == NULL || target[0] != '/' || strlen(target) > LIMIT_URL)
		return ERR_PARSE;
	q = strchr(target, '?');
	plen = q != NULL ? (size_t)(q - target) : strlen(target);
	if (strchr(target, '#') != NULL && (q == NULL ||
	    strchr(target, '#') < q))
		plen = (size_t)(strchr(target, '#') - target);
	path = arena_alloc(a, plen + 1);
	if ((e = url_decode(target, plen, path, &n, 0)) != ERR_OK)
		return e;
	while (n > 1 && path[n - 1] == '/')
		n--;
	path[n] = '\0';
	if (q != NULL && (e = req_parse_params(a, q + 1, strcspn(q + 1, "#"),
	    params, nitems(params), &np)) != ERR_OK)
		return e;
	if (np == 0) {
		*key = path;
		return ERR_OK;
	}
	qsort(params, np, sizeof(params[0]), param_cmp);
	/* Decoded, the key is no longer than the target. */
	buf_init(&b, LIMIT_URL + 1);
	buf_puts(&b, path);
	for (i = 0; i < np; i++)
		buf_printf(&b, "%c%s=%s", i == 0 ? '?' : '&', params[i].name,
		    params[i].value);
	*key = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return ERR_OK;
}
