/*
 * fuzz_oai: libFuzzer target for OAI-PMH requests (src/web/oai_args.c).
 * The input is parsed as a query string (req_parse_params), and those
 * arguments checked by oai_request_parse; the whole input is also read
 * as a resumption token by oai_token_decode.
 *
 * Invariants checked: the result is one of the error codes; a request
 * found good has a verb, and a list's metadataPrefix is oai_dc; its from
 * and until are "" or full 20-byte stamps; a good token encodes again to
 * one that decodes to the same fields, and that one is refused once it
 * has expired.  Anything else, or a sanitizer report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NOW	1800000000	/* 2027-01-15, a fixed clock */

static void
check_stamp(const char *s)
{
	if (*s != '\0' && (strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z'))
		abort();
}

static void
check_request(const struct oai_request *q, enum oai_error e)
{
	if (e < OAI_OK || e >= OAI_ERROR__MAX)
		abort();
	if (e != OAI_OK)
		return;
	if (q->verb < 0 || q->verb >= OAI_VERB__MAX)
		abort();
	if ((q->verb == OAI_LIST_RECORDS || q->verb == OAI_LIST_IDENTIFIERS ||
	    q->verb == OAI_GET_RECORD) && (q->prefix == NULL ||
	    strcmp(q->prefix, "oai_dc") != 0))
		abort();
	check_stamp(q->from);
	check_stamp(q->until);
}

/* A good token again: the same fields back, refused when expired. */
static void
check_token(struct arena *a, const struct oai_request *q)
{
	struct oai_request back;
	struct buf b;

	buf_init(&b, OAI_TOKEN_MAX * 2);
	if (oai_token_encode(&b, q, q->after, NOW + 60) != ERR_OK)
		abort();
	memset(&back, 0, sizeof(back));
	if (oai_token_decode(a, b.p, NOW, &back) != OAI_OK ||
	    back.after != q->after || strcmp(back.from, q->from) != 0 ||
	    strcmp(back.until, q->until) != 0 || (back.set == NULL) !=
	    (q->set == NULL) || (q->set != NULL && strcmp(back.set,
	    q->set) != 0))
		abort();
	if (oai_token_decode(a, b.p, NOW + 61, &back) !=
	    OAI_BAD_RESUMPTION_TOKEN)
		abort();
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct param p[LIMIT_QUERY_PARAMS];
	struct oai_request q;
	struct arena *a = arena_new();
	const char *why;
	char *tok;
	size_t n = 0;
	enum oai_error e;

	if (req_parse_params(a, (const char *)data, size, p,
	    LIMIT_QUERY_PARAMS, &n) == ERR_OK) {
		e = oai_request_parse(a, p, n, NOW, &q, &why);
		check_request(&q, e);
		if (e == OAI_OK && q.token != NULL)
			check_token(a, &q);
	}
	tok = arena_strndup(a, (const char *)data, size);
	memset(&q, 0, sizeof(q));
	if (strlen(tok) == size) {
		e = oai_token_decode(a, tok, NOW, &q);
		if (e != OAI_OK && e != OAI_BAD_RESUMPTION_TOKEN)
			abort();
		if (e == OAI_OK)
			check_token(a, &q);
	}
	arena_free(a);
	return 0;
}
