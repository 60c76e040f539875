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
	    "<p>say href=\xe2\x80\x9cjavascript:x\xe2\x80\x9d aloud</p>\n" },
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
	/* Figures: an image alone in its paragraph, with a caption. */
	{ "figure from the title", "![A map](/m.png \"The region in 1990\")",
	    "<figure>\n<img src=\"/m.png\" alt=\"A map\">\n"
	    "<figcaption>The region in 1990</figcaption>\n</figure>\n" },
	{ "figure from an emphasised line",
	    "![A map](/m.png)\n*Source: [IMF](https://imf.org)*",
	    "<figure>\n<img src=\"/m.png\" alt=\"A map\">\n"
	    "<figcaption>Source: <a href=\"https://imf.org\">IMF</a>"
	    "</figcaption>\n</figure>\n" },
	{ "figure from the next paragraph", "![m](/m.png)\n\n*Cap*\n\nText.",
	    "<figure>\n<img src=\"/m.png\" alt=\"m\">\n"
	    "<figcaption>Cap</figcaption>\n</figure>\n<p>Text.</p>\n" },
	{ "caption line wins, title kept", "![m](/m.png \"T\")\n*Cap*",
	    "<figure>\n<img src=\"/m.png\" alt=\"m\" title=\"T\">\n"
	    "<figcaption>Cap</figcaption>\n</figure>\n" },
	{ "figure escapes kept", "![a \"b\" <c>](/x.png \"T & <b> \\\"q\\\"\")",
	    "<figure>\n<img src=\"/x.png\" alt=\"a &quot;b&quot; &lt;c&gt;\">"
	    "\n<figcaption>T &amp; &lt;b&gt; \xe2\x80\x9cq\xe2\x80\x9d"
	    "</figcaption>\n"
	    "</figure>\n" },
	{ "nested emphasis in a caption", "![m](/m.png)\n*a _b_ c*",
	    "<figure>\n<img src=\"/m.png\" alt=\"m\">\n"
	    "<figcaption>a <em>b</em> c</figcaption>\n</figure>\n" },
	{ "unsafe image in a figure", "![m](javascript:x \"T\")",
	    "<figure>\n<img src=\"about:invalid\" alt=\"m\">\n"
	    "<figcaption>T</figcaption>\n</figure>\n" },
	{ "inline image stays", "x ![i](q.png \"t\") y",
	    "<p>x <img src=\"q.png\" alt=\"i\" title=\"t\"> y</p>\n" },
	{ "emphasis then text: no figure", "![m](/m.png)\n*Cap* more",
	    "<p><img src=\"/m.png\" alt=\"m\">\n<em>Cap</em> more</p>\n" },
	{ "strong line: no figure", "![m](/m.png)\n**Bold**",
	    "<p><img src=\"/m.png\" alt=\"m\">\n<strong>Bold</strong></p>\n" },
	{ "empty title: no figure", "![m](/m.png \"\")",
	    "<p><img src=\"/m.png\" alt=\"m\"></p>\n" },
	{ "image in a list stays", "- ![li](l.png \"lt\")",
	    "<ul>\n<li><img src=\"l.png\" alt=\"li\" title=\"lt\"></li>\n"
	    "</ul>\n" },
	{ "two figures", "![a](/a.png \"A\")\n\n![b](/b.png \"B\")",
	    "<figure>\n<img src=\"/a.png\" alt=\"a\">\n<figcaption>A"
	    "</figcaption>\n</figure>\n<figure>\n<img src=\"/b.png\" "
	    "alt=\"b\">\n<figcaption>B</figcaption>\n</figure>\n" },
	{ "alt text that looks like a title",
	    "![x title=\"y\"](/m.png)",
	    "<p><img src=\"/m.png\" alt=\"x title=&quot;y&quot;\"></p>\n" },
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
