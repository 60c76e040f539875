/*
 * test_url_safe: url_safe, the one judge of every URL a page holds, on
 * hostile spellings of script-capable schemes as a browser reads them
 * (WHATWG URL Standard: leading C0 controls and spaces stripped, tabs and
 * newlines removed anywhere, the scheme case-insensitive), and on the
 * URLs a journal really stores.  Each row is also checked with the
 * length cut before a trailing byte, so that url_safe reads len bytes,
 * never to a NUL.
 */
#include <string.h>

#include "test.h"
#include "util/util.h"

static const struct {
	const char	*name;
	const char	*url;
	size_t		 len;	/* 0: strlen(url) */
	int		 safe;
} cases[] = {
	/* What a journal stores. */
	{ "https", "https://example.org/a?b=1&c=2#d", 0, 1 },
	{ "http", "http://example.org", 0, 1 },
	{ "mailto", "mailto:editor@example.org", 0, 1 },
	{ "upper-case HTTPS", "HTTPS://EXAMPLE.ORG", 0, 1 },
	{ "mixed-case Http", "Http://x", 0, 1 },
	{ "absolute path", "/static/cover.jpg", 0, 1 },
	{ "path with a colon", "/a:b", 0, 1 },
	{ "relative path with a colon later", "a/b:c", 0, 1 },
	{ "scheme-relative", "//cdn.example.org/x.png", 0, 1 },
	{ "fragment", "#top", 0, 1 },
	{ "query with a colon", "?q=a:b", 0, 1 },
	{ "empty", "", 0, 1 },
	{ "digit first is no scheme", "1abc:x", 0, 1 },
	{ "colon first is no scheme", ":javascript", 0, 1 },
	{ "percent-encoded tab is no scheme", "java%09script:x", 0, 1 },
	{ "character reference is no scheme", "&#106;avascript:x", 0, 1 },
	{ "leading no-break space is no scheme", "\xc2\xa0javascript:x", 0,
	    1 },
	{ "UTF-8 letter is no scheme", "j\xc3\xa1vascript:x", 0, 1 },
	{ "leading space before https", " https://example.org", 0, 1 },
	{ "http with a port", "http://example.org:8080/", 0, 1 },
	/* Script-capable or foreign schemes. */
	{ "javascript", "javascript:alert(1)", 0, 0 },
	{ "JaVaScRiPt", "JaVaScRiPt:alert(1)", 0, 0 },
	{ "JAVASCRIPT", "JAVASCRIPT:alert(1)", 0, 0 },
	{ "vbscript", "vbscript:msgbox(1)", 0, 0 },
	{ "VBScript", "VBScript:msgbox(1)", 0, 0 },
	{ "data", "data:text/html,<script>alert(1)</script>", 0, 0 },
	{ "data image", "data:image/svg+xml,<svg onload=alert(1)>", 0, 0 },
	{ "file", "file:///etc/passwd", 0, 0 },
	{ "ftp", "ftp://example.org", 0, 0 },
	{ "blob", "blob:https://example.org/x", 0, 0 },
	{ "scheme with + - .", "x-y.z+w:1", 0, 0 },
	{ "empty javascript", "javascript:", 0, 0 },
	{ "javascript with //", "javascript://%0aalert(1)", 0, 0 },
	{ "https lookalike", "httpx://example.org", 0, 0 },
	{ "mailto lookalike", "mailt:x", 0, 0 },
	/* What browsers strip or remove before reading the scheme. */
	{ "leading space", " javascript:alert(1)", 0, 0 },
	{ "leading spaces", "   javascript:alert(1)", 0, 0 },
	{ "leading tab", "\tjavascript:alert(1)", 0, 0 },
	{ "leading newline", "\njavascript:alert(1)", 0, 0 },
	{ "leading CR LF", "\r\njavascript:alert(1)", 0, 0 },
	{ "leading form feed", "\fjavascript:alert(1)", 0, 0 },
	{ "leading SOH", "\x01javascript:alert(1)", 0, 0 },
	{ "leading US", "\x1fjavascript:alert(1)", 0, 0 },
	{ "leading NUL", "\0javascript:alert(1)", 20, 0 },
	{ "tab inside the scheme", "java\tscript:alert(1)", 0, 0 },
	{ "newline inside the scheme", "java\nscript:alert(1)", 0, 0 },
	{ "CR inside the scheme", "java\rscript:alert(1)", 0, 0 },
	{ "tab before the colon", "javascript\t:alert(1)", 0, 0 },
	{ "mixed case, tab and space", " \tJaVa\tScRiPt:alert(1)", 0, 0 },
	{ "DEL", "\x7fjavascript:alert(1)", 0, 0 },
	{ "NUL inside the scheme", "java\0script:alert(1)", 20, 0 },
	/* A control character anywhere is refused, even in a safe URL. */
	{ "tab in an https URL", "https://exa\tmple.org", 0, 0 },
	{ "newline in a path", "/a\nb", 0, 0 },
	{ "trailing NUL", "https://example.org\0", 20, 0 },
};

static void
test_table(void)
{
	size_t i, len;

	for (i = 0; i < nitems(cases); i++) {
		len = cases[i].len != 0 ? cases[i].len : strlen(cases[i].url);
		T_INTEQ(nm("url_safe", cases[i].name), url_safe(cases[i].url,
		    len), cases[i].safe);
	}
}

static void
test_length(void)
{
	/* The verdict is on len bytes: what lies past them is not read. */
	T_INTEQ("url_safe: javascript: cut to \"java\" is relative",
	    url_safe("javascript:x", 4), 1);
	T_INTEQ("url_safe: \"javascript\" without its colon is relative",
	    url_safe("javascript:x", 10), 1);
	T_INTEQ("url_safe: a control past len is not seen",
	    url_safe("https://x\t", 9), 1);
	T_INTEQ("url_safe: len 0 is the empty reference",
	    url_safe("javascript:x", 0), 1);
	T_INTEQ("url_safe: NULL with len 0", url_safe(NULL, 0), 1);
}

int
main(void)
{
	test_table();
	test_length();
	T_DONE();
}
