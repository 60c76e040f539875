/*
 * test_markdown: Markdown to HTML as article bodies reach it: raw HTML
 * stays text, and links or images to script-capable schemes are
 * neutralised, whatever their case or spelling (url_safe's own table is
 * test_url_safe.c).
 */
#include <string.h>

#include "test.h"
#include "site/site.h"

static const struct {
	const char	*name;
	const char	*md;
	const char	*want;
} cases[] = {
	{ "paragraph", "Hello *world*.", "<p>Hello <em>world</em>.</p>\n" },
	{ "raw HTML is text", "<script>alert(1)</script>",
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n" },
	{ "http link kept", "[a](https://example.org/x?y=1&z=2)",
	    "<p><a href=\"https://example.org/x?y=1&amp;z=2\">a</a></p>\n" },
	{ "relative link kept", "[a](/articles/x)",
	    "<p><a href=\"/articles/x\">a</a></p>\n" },
	{ "mailto kept", "<mailto:ed@example.org>",
	    "<p><a href=\"mailto:ed@example.org\">mailto:ed@example.org</a>"
	    "</p>\n" },
	{ "javascript link", "[x](javascript:alert(1))",
	    "<p><a href=\"about:invalid\">x</a></p>\n" },
	{ "mixed-case scheme", "[x](JaVaScRiPt:alert(1))",
	    "<p><a href=\"about:invalid\">x</a></p>\n" },
	{ "javascript image", "![i](javascript:alert(1))",
	    "<p><img src=\"about:invalid\" alt=\"i\"></p>\n" },
	{ "data link", "[d](data:text/html;base64,PHNjcmlwdD4=)",
	    "<p><a href=\"about:invalid\">d</a></p>\n" },
	{ "autolink", "<javascript:alert(1)>",
	    "<p><a href=\"about:invalid\">javascript:alert(1)</a></p>\n" },
	{ "two links, one bad", "[a](/ok) [b](vbscript:x) [c](http://e.org)",
	    "<p><a href=\"/ok\">a</a> <a href=\"about:invalid\">b</a> "
	    "<a href=\"http://e.org\">c</a></p>\n" },
	{ "text that looks like an attribute",
	    "say href=\"javascript:x\" aloud",
	    "<p>say href=&quot;javascript:x&quot; aloud</p>\n" },
	{ "unterminated link", "[a](", "<p>[a](</p>\n" },
	{ "tab inside the scheme", "[x](<java\tscript:alert(1)>)",
	    "<p><a href=\"java%09script:alert(1)\">x</a></p>\n" },
	{ "character reference for j", "[x](&#106;avascript:alert(1))",
	    "<p><a href=\"about:invalid\">x</a></p>\n" },
	{ "reference definition", "[x][r]\n\n[r]: JAVASCRIPT:alert(1)\n",
	    "<p><a href=\"about:invalid\">x</a></p>\n" },
	{ "vbscript image", "![i](VBScript:x)",
	    "<p><img src=\"about:invalid\" alt=\"i\"></p>\n" },
	{ "a title ending like an attribute",
	    "[a](/ok \"x src=\") [b](javascript:y)",
	    "<p><a href=\"/ok\" title=\"x src=\">a</a> "
	    "<a href=\"about:invalid\">b</a></p>\n" },
};

int
main(void)
{
	struct buf b;
	char name[128];
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(cases); i++) {
		buf_init(&b, 1 << 16);
		buf_puts(&b, "");
		rc = markdown_html(&b, cases[i].md, strlen(cases[i].md));
		snprintf(name, sizeof(name), "markdown: %s", cases[i].name);
		T_INTEQ(name, rc, ERR_OK);
		T_STREQ(name, b.p, cases[i].want);
		buf_free(&b);
	}
	/* A failure leaves the buffer as it was. */
	buf_init(&b, 10);
	buf_puts(&b, "keep");
	T_INTEQ("markdown: over the output limit", markdown_html(&b,
	    "a long paragraph of text", 24), ERR_LIMIT);
	T_STREQ("markdown: failure leaves the buffer", b.p, "keep");
	buf_free(&b);
	T_DONE();
}
