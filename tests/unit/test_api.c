/*
 * test_api: the API's helpers that read what a client or the database
 * gives: api_parse_number takes a number in one spelling only (so that
 * one page has one cache key), api_stored_url makes a stored URL
 * absolute or null, api_slug_url percent-encodes a slug.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "test.h"

static const struct {
	const char	*in;
	enum err	 rc;
	long long	 want;
} numbers[] = {
	{ "1", ERR_OK, 1 },
	{ "7", ERR_OK, 7 },
	{ "100", ERR_OK, 100 },
	{ "101", ERR_PARSE, 0 },
	{ "0", ERR_PARSE, 0 },
	{ "07", ERR_PARSE, 0 },
	{ "+7", ERR_PARSE, 0 },
	{ "-7", ERR_PARSE, 0 },
	{ " 7", ERR_PARSE, 0 },
	{ "7 ", ERR_PARSE, 0 },
	{ "7.0", ERR_PARSE, 0 },
	{ "1e2", ERR_PARSE, 0 },
	{ "0x10", ERR_PARSE, 0 },
	{ "", ERR_PARSE, 0 },
	{ "seven", ERR_PARSE, 0 },
	{ "99999999999999999999999", ERR_PARSE, 0 },
};

static const struct {
	const char	*base;
	const char	*stored;
	const char	*want;		/* NULL: JSON null */
} urls[] = {
	{ "https://j.example", "https://cdn.example/c.jpg",
	    "https://cdn.example/c.jpg" },
	{ "https://j.example", "HTTP://cdn.example/c.jpg",
	    "HTTP://cdn.example/c.jpg" },
	{ "https://j.example", "mailto:ed@j.example", "mailto:ed@j.example" },
	{ "https://j.example", "/media/c.jpg", "https://j.example/media/c.jpg" },
	{ "https://j.example/journal", "/media/c.jpg",
	    "https://j.example/journal/media/c.jpg" },
	{ "https://j.example", "media/c.jpg", "https://j.example/media/c.jpg" },
	{ "https://j.example", "//cdn.example/c.jpg",
	    "https://cdn.example/c.jpg" },
	{ "http://j.example", "//cdn.example/c.jpg",
	    "http://cdn.example/c.jpg" },
	{ "https://j.example", "  /media/c.jpg",
	    "https://j.example/media/c.jpg" },
	{ "https://j.example", "", NULL },
	{ "https://j.example", "   ", NULL },
	{ "https://j.example", "javascript:alert(1)", NULL },
	{ "https://j.example", "JaVaScRiPt:alert(1)", NULL },
	{ "https://j.example", "data:text/html,x", NULL },
	{ "https://j.example", "/a\tb", NULL },
	{ "", "/media/c.jpg", "/media/c.jpg" },
	{ "", "//cdn.example/c.jpg", "//cdn.example/c.jpg" },
	{ "", "https://cdn.example/c.jpg", "https://cdn.example/c.jpg" },
	{ "", "javascript:alert(1)", NULL },
};

int
main(void)
{
	struct arena *a = arena_new();
	struct req r = { .arena = a };
	struct api_call c = { .r = &r };
	char name[256];
	long long v;
	json_t *j;
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(numbers); i++) {
		v = 0;
		rc = api_parse_number(numbers[i].in, 1, 100, &v);
		snprintf(name, sizeof(name), "api_parse_number \"%s\"",
		    numbers[i].in);
		T_STREQ(name, err_str(rc), err_str(numbers[i].rc));
		if (rc == ERR_OK)
			T_INTEQ(name, v, numbers[i].want);
	}
	for (i = 0; i < nitems(urls); i++) {
		c.base = urls[i].base;
		j = api_stored_url(&c, urls[i].stored);
		snprintf(name, sizeof(name), "api_stored_url \"%s\" on \"%s\"",
		    urls[i].stored, urls[i].base);
		T_STREQ(name, json_is_null(j) ? "null" : json_string_value(j),
		    urls[i].want != NULL ? urls[i].want : "null");
		json_decref(j);
	}
	c.base = "https://j.example";
	T_STREQ("api_slug_url: a plain slug", api_slug_url(&c,
	    "/authors/", "ada-lovelace"), "https://j.example/authors/ada-lovelace");
	T_STREQ("api_slug_url: percent-encoded", api_slug_url(&c,
	    API_ROOT "/sections/", "a b/é?"),
	    "https://j.example/api/v1/sections/a%20b%2F%C3%A9%3F");
	arena_free(a);
	T_DONE();
}
