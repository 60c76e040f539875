/*
 * test_html_clean: imported HTML bodies through html_clean's allowlist:
 * the elements and attributes of a text kept, code and foreign content
 * dropped with what it holds, other elements unwrapped, comments
 * (Gutenberg's block markers) dropped, addresses checked by url_safe
 * and, with a base, made absolute; what was dropped is reported.  As
 * the site renders such a body (article_body_html), its text gets curly
 * quotes as a Markdown body does, never in code, pre, kbd or samp nor
 * in an attribute, the quotes pairing up across inline elements.
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
	{ "kbd and samp kept", "<p><kbd>Ctrl</kbd> <samp>ok</samp></p>",
	    NULL, "<p><kbd>Ctrl</kbd> <samp>ok</samp></p>", 0 },
};

#define LQ	"\xe2\x80\x9c"	/* “ */
#define RQ	"\xe2\x80\x9d"	/* ” */
#define LS	"\xe2\x80\x98"	/* ‘ */
#define RS	"\xe2\x80\x99"	/* ’ */

/* An imported (html) body as the site renders it: curly quotes. */
static const struct {
	const char	*name;
	const char	*in;
	const char	*want;
} rendered[] = {
	{ "double quotes", "<p>He said \"no\".</p>",
	    "<p>He said " LQ "no" RQ ".</p>" },
	{ "an apostrophe", "<p>It's done</p>", "<p>It" RS "s done</p>" },
	{ "single quotes", "<p>a 'word' here</p>",
	    "<p>a " LS "word" RS " here</p>" },
	{ "quotes around an inline element", "<p>\"<em>word</em>\"</p>",
	    "<p>" LQ "<em>word</em>" RQ "</p>" },
	{ "an apostrophe after an inline element",
	    "<p><strong>Kazakhstan</strong>'s oil</p>",
	    "<p><strong>Kazakhstan</strong>" RS "s oil</p>" },
	{ "a quote opened in a link", "<p>see \"<a href=\"https://e.org\">"
	    "this</a>\" now</p>", "<p>see " LQ "<a href=\"https://e.org\" "
	    "rel=\"nofollow noopener\">this</a>" RQ " now</p>" },
	{ "a new paragraph opens", "<p>end\"</p><p>\"start</p>",
	    "<p>end" RQ "</p><p>" LQ "start</p>" },
	{ "code left alone", "<p>\"a\" <code>x = \"b\"</code></p>",
	    "<p>" LQ "a" RQ " <code>x = &quot;b&quot;</code></p>" },
	{ "pre left alone", "<pre>it's \"raw\"</pre>",
	    "<pre>it&#39;s &quot;raw&quot;</pre>" },
	{ "kbd left alone", "<p><kbd>'q'</kbd> it's</p>",
	    "<p><kbd>&#39;q&#39;</kbd> it" RS "s</p>" },
	{ "samp left alone", "<p><samp>\"ok\"</samp></p>",
	    "<p><samp>&quot;ok&quot;</samp></p>" },
	{ "attributes left alone", "<p><img src=\"a.png\" alt=\"the "
	    "'x' &quot;y&quot;\"> 'z'</p>", "<p><img src=\"a.png\" "
	    "alt=\"the &#39;x&#39; &quot;y&quot;\"> " LS "z" RS "</p>" },
	{ "a decade", "<p>the '90s</p>", "<p>the " RS "90s</p>" },
	{ "curly quotes kept", "<p>" LQ "as is" RQ "</p>",
	    "<p>" LQ "as is" RQ "</p>" },
	{ "no quotes", "<p>plain</p>", "<p>plain</p>" },
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
	for (i = 0; i < nitems(rendered); i++) {
		buf_init(&b, 1 << 20);
		rc = article_body_html(&b, rendered[i].in,
		    strlen(rendered[i].in), "html", NULL);
		T_STREQ(nm("rendered html rc", rendered[i].name), err_str(rc),
		    err_str(ERR_OK));
		T_STREQ(nm("rendered html", rendered[i].name), b.p != NULL ?
		    b.p : "", rendered[i].want);
		buf_free(&b);
	}
	/* Past the buffer's maximum: an error, and out as it was. */
	buf_init(&b, 24);
	buf_puts(&b, "kept");
	rc = article_body_html(&b, "<p>'quoted'</p>", 15, "html", NULL);
	T_TRUE("rendered html: too long is refused", rc != ERR_OK);
	T_STREQ("rendered html: out as it was after a failure", b.p, "kept");
	buf_free(&b);
	T_DONE();
}
