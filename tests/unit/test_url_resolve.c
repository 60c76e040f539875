/*
 * test_url_resolve: url_resolve against every example of RFC 3986
 * section 5.4 (normal and abnormal), plus the references feeds meet:
 * an article body's links resolved against the article's address.
 */
#include "test.h"
#include "util/util.h"

static const struct {
	const char	*base, *ref, *want;
} cases[] = {
	/* RFC 3986 5.4.1, normal examples. */
	{ "http://a/b/c/d;p?q", "g:h", "g:h" },
	{ "http://a/b/c/d;p?q", "g", "http://a/b/c/g" },
	{ "http://a/b/c/d;p?q", "./g", "http://a/b/c/g" },
	{ "http://a/b/c/d;p?q", "g/", "http://a/b/c/g/" },
	{ "http://a/b/c/d;p?q", "/g", "http://a/g" },
	{ "http://a/b/c/d;p?q", "//g", "http://g" },
	{ "http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y" },
	{ "http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y" },
	{ "http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q#s" },
	{ "http://a/b/c/d;p?q", "g#s", "http://a/b/c/g#s" },
	{ "http://a/b/c/d;p?q", "g?y#s", "http://a/b/c/g?y#s" },
	{ "http://a/b/c/d;p?q", ";x", "http://a/b/c/;x" },
	{ "http://a/b/c/d;p?q", "g;x", "http://a/b/c/g;x" },
	{ "http://a/b/c/d;p?q", "g;x?y#s", "http://a/b/c/g;x?y#s" },
	{ "http://a/b/c/d;p?q", "", "http://a/b/c/d;p?q" },
	{ "http://a/b/c/d;p?q", ".", "http://a/b/c/" },
	{ "http://a/b/c/d;p?q", "./", "http://a/b/c/" },
	{ "http://a/b/c/d;p?q", "..", "http://a/b/" },
	{ "http://a/b/c/d;p?q", "../", "http://a/b/" },
	{ "http://a/b/c/d;p?q", "../g", "http://a/b/g" },
	{ "http://a/b/c/d;p?q", "../..", "http://a/" },
	{ "http://a/b/c/d;p?q", "../../", "http://a/" },
	{ "http://a/b/c/d;p?q", "../../g", "http://a/g" },
	/* 5.4.2, abnormal examples. */
	{ "http://a/b/c/d;p?q", "../../../g", "http://a/g" },
	{ "http://a/b/c/d;p?q", "../../../../g", "http://a/g" },
	{ "http://a/b/c/d;p?q", "/./g", "http://a/g" },
	{ "http://a/b/c/d;p?q", "/../g", "http://a/g" },
	{ "http://a/b/c/d;p?q", "g.", "http://a/b/c/g." },
	{ "http://a/b/c/d;p?q", ".g", "http://a/b/c/.g" },
	{ "http://a/b/c/d;p?q", "g..", "http://a/b/c/g.." },
	{ "http://a/b/c/d;p?q", "..g", "http://a/b/c/..g" },
	{ "http://a/b/c/d;p?q", "./../g", "http://a/b/g" },
	{ "http://a/b/c/d;p?q", "./g/.", "http://a/b/c/g/" },
	{ "http://a/b/c/d;p?q", "g/./h", "http://a/b/c/g/h" },
	{ "http://a/b/c/d;p?q", "g/../h", "http://a/b/c/h" },
	{ "http://a/b/c/d;p?q", "g;x=1/./y", "http://a/b/c/g;x=1/y" },
	{ "http://a/b/c/d;p?q", "g;x=1/../y", "http://a/b/c/y" },
	{ "http://a/b/c/d;p?q", "g?y/./x", "http://a/b/c/g?y/./x" },
	{ "http://a/b/c/d;p?q", "g?y/../x", "http://a/b/c/g?y/../x" },
	{ "http://a/b/c/d;p?q", "g#s/./x", "http://a/b/c/g#s/./x" },
	{ "http://a/b/c/d;p?q", "g#s/../x", "http://a/b/c/g#s/../x" },
	{ "http://a/b/c/d;p?q", "http:g", "http:g" },	/* strict */
	/* What article bodies hold. */
	{ "https://j.example.org/articles/on-x", "/issues/3",
	    "https://j.example.org/issues/3" },
	{ "https://j.example.org/articles/on-x", "on-y",
	    "https://j.example.org/articles/on-y" },
	{ "https://j.example.org/articles/on-x", "#notes",
	    "https://j.example.org/articles/on-x#notes" },
	{ "https://j.example.org/articles/on-x", "mailto:e@example.org",
	    "mailto:e@example.org" },
	{ "https://j.example.org/articles/on-x", "//cdn.example.net/a.png",
	    "https://cdn.example.net/a.png" },
	{ "https://j.example.org:8443", "x", "https://j.example.org:8443/x" },
	{ "https://j.example.org/articles/a", "https://other.example/p?q#f",
	    "https://other.example/p?q#f" },
};

int
main(void)
{
	struct buf b, small;
	size_t i;

	buf_init(&b, 4096);
	for (i = 0; i < nitems(cases); i++) {
		buf_reset(&b);
		if (url_resolve(&b, cases[i].base, cases[i].ref,
		    strlen(cases[i].ref)) != ERR_OK)
			buf_puts(&b, "(error)");
		T_STREQ(nm("resolve", cases[i].ref), b.p, cases[i].want);
	}
	buf_reset(&b);
	T_INTEQ("a base without a scheme is refused",
	    url_resolve(&b, "/articles/x", "y", 1), ERR_INVAL);
	buf_init(&small, 10);
	buf_puts(&small, "kept");
	T_INTEQ("past the maximum: ERR_LIMIT",
	    url_resolve(&small, "https://example.org/a", "b", 1), ERR_LIMIT);
	T_STREQ("past the maximum: output as it was", small.p, "kept");
	buf_free(&small);
	buf_free(&b);
	return test_failed;
}
