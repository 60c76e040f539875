/*
 * test_markdown_abs: markdown_html_abs, the Markdown of a feed's
 * content: every link and image url_safe accepts made absolute against
 * the article's address (as a browser resolves it there), unsafe ones
 * still about:invalid, escaping kept, and markdown_html unchanged.
 */
#include "site/site.h"
#include "test.h"

#define BASE	"https://j.example.org/articles/on-x"

static const struct {
	const char	*name, *md, *want;
} cases[] = {
	{ "root-relative link", "[a](/issues/3)",
	    "<p><a href=\"https://j.example.org/issues/3\">a</a></p>\n" },
	{ "relative link", "[a](on-y)",
	    "<p><a href=\"https://j.example.org/articles/on-y\">a</a></p>\n" },
	{ "dot segments", "[a](../about)",
	    "<p><a href=\"https://j.example.org/about\">a</a></p>\n" },
	{ "fragment", "[a](#notes)",
	    "<p><a href=\"" BASE "#notes\">a</a></p>\n" },
	{ "image", "![i](/static/x.png)",
	    "<p><img src=\"https://j.example.org/static/x.png\" alt=\"i\">"
	    "</p>\n" },
	{ "absolute left alone", "[a](https://other.example/p?x=1&y=2)",
	    "<p><a href=\"https://other.example/p?x=1&amp;y=2\">a</a></p>\n" },
	{ "query escaped again", "[a](?x=1&y=\"2\")",
	    "<p><a href=\"" BASE "?x=1&amp;y=%222%22\">a</a></p>\n" },
	{ "mailto", "[m](mailto:e@example.org)",
	    "<p><a href=\"mailto:e@example.org\">m</a></p>\n" },
	{ "javascript neutralised", "[x](javascript:alert(1))",
	    "<p><a href=\"about:invalid\">x</a></p>\n" },
	{ "a title is not a link", "[a](b \"c href=/d\")",
	    "<p><a href=\"https://j.example.org/articles/b\" "
	    "title=\"c href=/d\">a</a></p>\n" },
	{ "text untouched", "href=\"/x\" & <y>",
	    "<p>href=\xe2\x80\x9c/x\xe2\x80\x9d &amp; &lt;y&gt;</p>\n" },
};

int
main(void)
{
	struct buf b;
	size_t i;

	buf_init(&b, LIMIT_PAGE);
	for (i = 0; i < nitems(cases); i++) {
		buf_reset(&b);
		if (markdown_html_abs(&b, cases[i].md, strlen(cases[i].md),
		    BASE) != ERR_OK)
			buf_puts(&b, "(error)");
		T_STREQ(nm("abs", cases[i].name), b.p, cases[i].want);
	}
	buf_reset(&b);
	markdown_html(&b, "[a](/issues/3)", 14);
	T_STREQ("markdown_html keeps links as written", b.p,
	    "<p><a href=\"/issues/3\">a</a></p>\n");
	buf_free(&b);
	T_DONE();
}
