/*
 * test_html_clean: imported HTML bodies through html_clean's allowlist:
 * the elements and attributes of a text kept, code and foreign content
 * dropped with what it holds, other elements unwrapped, comments
 * (Gutenberg's block markers) dropped, addresses checked by url_safe
 * and, with a base, made absolute; what was dropped is reported.
 */
#include <string.h>

#include "test.h"
#include "site/site.h"

static const struct {
	const char	*name;
	const char	*in;
	const char	*base;
	const char	*want;
	size_t		 dropped;
} cases[] = {
	{ "a paragraph", "<p>Hello <em>world</em>.</p>", NULL,
	    "<p>Hello <em>world</em>.</p>", 0 },
	{ "text alone", "plain & simple", NULL, "<p>plain &amp; simple</p>",
	    0 },
	{ "script dropped with its text", "<p>a</p><script>alert(1)</script>",
	    NULL, "<p>a</p>", 1 },
	{ "style dropped", "<style>p{}</style><p>b</p>", NULL, "<p>b</p>",
	    1 },
	{ "iframe dropped", "<p>x<iframe src=\"https://e.org\"></iframe></p>",
	    NULL, "<p>x</p>", 1 },
	{ "event attribute dropped", "<p onclick=\"alert(1)\">t</p>", NULL,
	    "<p>t</p>", 1 },
	{ "style attribute dropped", "<p style=\"color:red\">t</p>", NULL,
	    "<p>t</p>", 1 },
	{ "class dropped quietly", "<p class=\"x\">t</p>", NULL, "<p>t</p>",
	    0 },
	{ "div and span unwrapped", "<div><span>in</span></div>", NULL,
	    "in", 0 },
	{ "unknown element unwrapped", "<p><blink>on</blink></p>", NULL,
	    "<p>on</p>", 1 },
	{ "Gutenberg comments dropped",
	    "<!-- wp:paragraph --><p>g</p><!-- /wp:paragraph -->", NULL,
	    "<p>g</p>", 0 },
	{ "h1 becomes h2", "<h1>T</h1>", NULL, "<h2>T</h2>", 0 },
	{ "a link kept", "<p><a href=\"https://e.org/?a=1&amp;b=2\" "
	    "target=\"_blank\">l</a></p>", NULL,
	    "<p><a href=\"https://e.org/?a=1&amp;b=2\" rel=\"nofollow "
	    "noopener\">l</a></p>", 0 },
	{ "a javascript link", "<p><a href=\"javascript:alert(1)\">l</a></p>",
	    NULL, "<p><a href=\"about:invalid\" rel=\"nofollow noopener\">l"
	    "</a></p>", 0 },
	{ "a spaced javascript link", "<a href=\" JaVa&#x09;script:x\">l</a>",
	    NULL, "<a href=\"about:invalid\" rel=\"nofollow noopener\">l"
	    "</a>", 0 },
	{ "an image", "<img src=\"/wp-content/a.jpg\" alt=\"A &quot;b&quot;\" "
	    "width=\"10\" srcset=\"x 2x\">", NULL,
	    "<img src=\"/wp-content/a.jpg\" alt=\"A &quot;b&quot;\" "
	    "width=\"10\">", 0 },
	{ "made absolute", "<p><a href=\"/x\">l</a><img src=\"y.png\" "
	    "alt=\"\"></p>", "https://j.example/articles/a",
	    "<p><a href=\"https://j.example/x\" rel=\"nofollow noopener\">l"
	    "</a><img src=\"https://j.example/articles/y.png\" alt=\"\">"
	    "</p>", 0 },
	{ "a figure", "<figure><img src=\"a.jpg\" alt=\"a\"><figcaption>C"
	    "</figcaption></figure>", NULL, "<figure><img src=\"a.jpg\" "
	    "alt=\"a\"><figcaption>C</figcaption></figure>", 0 },
	{ "a table", "<table><tr><td colspan=\"2\" bgcolor=\"red\">c</td>"
	    "</tr></table>", NULL, "<table><tr><td colspan=\"2\">c"
	    "</td></tr></table>", 0 },
	{ "unclosed tags mended", "<p><b>bold<p>next", NULL,
	    "<p><b>bold</b></p><p>next</p>", 0 },
	{ "entities decoded and escaped again", "<p>&lt;x&gt; &eacute; "
	    "&#8217;</p>", NULL, "<p>&lt;x&gt; \xc3\xa9 \xe2\x80\x99</p>", 0 },
	{ "a form dropped", "<form><input name=a><button>b</button></form>"
	    "<p>t</p>", NULL, "<p>t</p>", 1 },
	{ "svg dropped", "<svg><script>x</script></svg><p>t</p>", NULL,
	    "<p>t</p>", 1 },
	{ "empty", "", NULL, "", 0 },
};

int
main(void)
{
	struct html_clean_report rep;
	struct buf b;
	enum err rc;
	size_t i;

	for (i = 0; i < nitems(cases); i++) {
		buf_init(&b, 1 << 20);
		rc = html_clean(&b, cases[i].in, strlen(cases[i].in),
		    cases[i].base, &rep);
		T_STREQ(nm("html_clean rc", cases[i].name), err_str(rc),
		    err_str(ERR_OK));
		T_STREQ(nm("html_clean", cases[i].name), b.p != NULL ? b.p :
		    "", cases[i].want);
		T_INTEQ(nm("html_clean dropped", cases[i].name),
		    (long long)rep.dropped, (long long)cases[i].dropped);
		buf_free(&b);
	}
	buf_init(&b, 1 << 20);
	buf_puts(&b, "kept");
	rc = html_clean(&b, "\xff<p>x</p>", 9, NULL, NULL);
	T_STREQ("html_clean: not UTF-8 is refused", err_str(rc),
	    err_str(ERR_PARSE));
	T_STREQ("html_clean: out as it was after a failure", b.p, "kept");
	rc = article_body_html(&b, "*m*", 3, "markdown", NULL);
	T_STREQ("article_body_html: Markdown", b.p, "kept<p><em>m</em></p>\n");
	buf_reset(&b);
	rc = article_body_html(&b, "<em>h</em>", 10, "html", NULL);
	T_STREQ("article_body_html: HTML", b.p, "<em>h</em>");
	buf_free(&b);
	T_DONE();
}
