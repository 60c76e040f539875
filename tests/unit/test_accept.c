/*
 * test_accept: http_accepts, proactive negotiation by the Accept header
 * (RFC 9110 section 12.5.1) as the server applies it to routes that
 * answer JSON: the most specific matching range decides, q=0 refuses, a
 * malformed element is skipped, and a header with nothing well-formed
 * (or none at all) accepts anything.
 */
#include <stdio.h>
#include <string.h>

#include "http/http.h"
#include "test.h"

#define JSON	"application/json"

static const struct {
	const char	*accept;
	const char	*type;
	int		 want;
} cases[] = {
	{ NULL, JSON, 1 },
	{ "", JSON, 1 },
	{ "   ", JSON, 1 },
	{ JSON, JSON, 1 },
	{ "Application/JSON", JSON, 1 },
	{ "application/*", JSON, 1 },
	{ "*/*", JSON, 1 },
	{ "text/html", JSON, 0 },
	{ "text/*", JSON, 0 },
	{ "application/xml", JSON, 0 },
	{ "application/jsonx", JSON, 0 },
	{ "application/json-seq", JSON, 0 },
	{ "text/html, application/json", JSON, 1 },
	{ "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
	    JSON, 1 },
	{ "text/html,application/xhtml+xml,application/xml;q=0.9",
	    JSON, 0 },
	{ "application/json;q=0", JSON, 0 },
	{ "application/json;q=0.0", JSON, 0 },
	{ "application/json;q=0.000", JSON, 0 },
	{ "application/json;q=0.001", JSON, 1 },
	{ "application/json; q=1.000", JSON, 1 },
	{ "application/json;Q=0", JSON, 0 },
	{ "*/*;q=0", JSON, 0 },
	{ "*/*;q=0, application/json", JSON, 1 },
	{ "application/json;q=0, */*", JSON, 0 },
	{ "application/json;q=0, application/*", JSON, 0 },
	{ "application/*;q=0, */*", JSON, 0 },
	{ "application/*;q=0, application/json;q=0.5", JSON, 1 },
	{ "text/html;q=0, */*;q=0.1", JSON, 1 },
	{ "application/json;charset=utf-8", JSON, 1 },
	{ "application/json;v=\"a,b\";q=0, text/html", JSON, 0 },
	{ "application/json;v=\"a\\\"b\";q=0.5", JSON, 1 },
	/* Malformed elements are skipped... */
	{ "application/json;q=2, text/html", JSON, 0 },
	{ "application/json;q=1.5, text/html", JSON, 0 },
	{ "application/json;q=0.0001, text/html", JSON, 0 },
	{ "application/json;q=-1, text/html", JSON, 0 },
	{ "application/json;q=, text/html", JSON, 0 },
	{ "json, text/html", JSON, 0 },
	{ "application/, text/html", JSON, 0 },
	{ ",,text/html,,", JSON, 0 },
	/* ...and a header with nothing well-formed accepts anything. */
	{ "application/json;q=2", JSON, 1 },
	{ "nonsense", JSON, 1 },
	{ "\"unterminated, application/json;q=0", JSON, 1 },
	{ ",,,", JSON, 1 },
	{ "text/html", "text/html", 1 },
	{ "text/*;q=0.5", "text/html", 1 },
	{ "text/*;q=0, text/html", "text/html", 1 },
};

int
main(void)
{
	struct arena *a = arena_new();
	char name[256];
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		snprintf(name, sizeof(name), "http_accepts %s for %s",
		    cases[i].accept != NULL ? cases[i].accept : "(none)",
		    cases[i].type);
		T_INTEQ(name, http_accepts(a, cases[i].accept, cases[i].type),
		    cases[i].want);
	}
	arena_free(a);
	T_DONE();
}
