/*
 * test_typo: smart punctuation (util/typo.c) on titles (typo_text) and
 * on article bodies through markdown_html (typo_html on md4c's output):
 * apostrophes, single and double quotes, nested ones, decades, and what
 * must stay straight (code spans and blocks, attributes, URLs).
 */
#include <string.h>

#include "test.h"
#include "site/site.h"

#define LS	"\xe2\x80\x98"
#define RS	"\xe2\x80\x99"
#define LD	"\xe2\x80\x9c"
#define RD	"\xe2\x80\x9d"

static const struct {
	const char	*name;
	const char	*in;
	const char	*want;
} titles[] = {
	{ "apostrophe", "it's", "it" RS "s" },
	{ "single quotes", "say 'quoted' twice", "say " LS "quoted" RS
	    " twice" },
	{ "double quotes", "\"quoted\"", LD "quoted" RD },
	{ "nested", "\"nested 'quotes'\"", LD "nested " LS "quotes" RS RD },
	{ "quote opens a quote", "\"'Hello,' she said\"", LD LS "Hello," RS
	    " she said" RD },
	{ "decade", "the 1990s", "the 1990s" },
	{ "decade cut short", "the '90s", "the " RS "90s" },
	{ "plural possessive", "the states' debts", "the states" RS
	    " debts" },
	{ "after a bracket", "(\"a\")", "(" LD "a" RD ")" },
	{ "after punctuation", "\"Yes.\" 'No!'", LD "Yes." RD " " LS "No!"
	    RS },
	{ "after a letter not ASCII", "Dubra\xc4\x8d's", "Dubra\xc4\x8d" RS
	    "s" },
	{ "after an em dash", "a\xe2\x80\x94\"b\"", "a\xe2\x80\x94" LD "b"
	    RD },
	{ "nothing to do", "Plain title", "Plain title" },
	{ "empty", "", "" },
};

static const struct {
	const char	*name;
	const char	*md;
	const char	*want;
} bodies[] = {
	{ "apostrophe", "It's here.", "<p>It" RS "s here.</p>\n" },
	{ "double quotes", "He said \"no\".", "<p>He said " LD "no" RD
	    ".</p>\n" },
	{ "nested", "\"nested 'quotes'\"", "<p>" LD "nested " LS "quotes"
	    RS RD "</p>\n" },
	{ "1990s", "In the 1990s, the '90s.", "<p>In the 1990s, the " RS
	    "90s.</p>\n" },
	{ "code span untouched", "Type `it's \"x\"` here's",
	    "<p>Type <code>it's &quot;x&quot;</code> here" RS "s</p>\n" },
	{ "code block untouched", "    don't \"x\"\n",
	    "<pre><code>don't &quot;x&quot;\n</code></pre>\n" },
	{ "fenced code untouched", "```\n'a' \"b\"\n```\n",
	    "<pre><code>'a' &quot;b&quot;\n</code></pre>\n" },
	{ "after emphasis", "*word*'s", "<p><em>word</em>" RS "s</p>\n" },
	{ "quote around emphasis", "\"*a*\"", "<p>" LD "<em>a</em>" RD
	    "</p>\n" },
	{ "attributes untouched", "![it's \"x\"](/i.png \"it's\")",
	    "<figure>\n<img src=\"/i.png\" alt=\"it's &quot;x&quot;\">\n"
	    "<figcaption>it" RS "s</figcaption>\n</figure>\n" },
	{ "link text curly, href not", "[it's](/a'b)",
	    "<p><a href=\"/a%27b\">it" RS "s</a></p>\n" },
	{ "autolink untouched", "<https://e.org/it's>",
	    "<p><a href=\"https://e.org/it%27s\">https://e.org/it's</a>"
	    "</p>\n" },
	{ "new paragraph opens", "end'\n\n'start'",
	    "<p>end" RS "</p>\n<p>" LS "start" RS "</p>\n" },
	{ "entities kept", "a & 'b' < c", "<p>a &amp; " LS "b" RS
	    " &lt; c</p>\n" },
};

int
main(void)
{
	struct buf b;
	size_t i;

	for (i = 0; i < nitems(titles); i++) {
		buf_init(&b, 1024);
		buf_puts(&b, "");
		T_INTEQ(nm("typo_text", titles[i].name), typo_text(&b,
		    titles[i].in, strlen(titles[i].in)), ERR_OK);
		T_STREQ(nm("typo_text", titles[i].name), b.p,
		    titles[i].want);
		buf_free(&b);
	}
	for (i = 0; i < nitems(bodies); i++) {
		buf_init(&b, 1 << 16);
		buf_puts(&b, "");
		T_INTEQ(nm("body", bodies[i].name), markdown_html(&b,
		    bodies[i].md, strlen(bodies[i].md)), ERR_OK);
		T_STREQ(nm("body", bodies[i].name), b.p, bodies[i].want);
		buf_free(&b);
	}
	/* Over the maximum: ERR_LIMIT, the buffer as it was. */
	buf_init(&b, 8);
	buf_puts(&b, "keep");
	T_INTEQ("typo_text: over the limit", typo_text(&b, "it's long", 9),
	    ERR_LIMIT);
	T_STREQ("typo_text: failure leaves the buffer", b.p, "keep");
	T_INTEQ("typo_html: over the limit", typo_html(&b, "<p>it's</p>",
	    11), ERR_LIMIT);
	T_STREQ("typo_html: failure leaves the buffer", b.p, "keep");
	buf_free(&b);
	T_DONE();
}
