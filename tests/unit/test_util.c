/*
 * test_util: the bottom layer.  Percent-decoding and UTF-8 validation of
 * untrusted bytes, the escapers' exact output, the bounded buffer (past
 * its maximum nothing changes), the checked number parser, the English
 * date formats, the one ISO 8601 writer and its calendar, and the arena.
 * Each table row is one check named after the behaviour it pins down.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "test.h"

static const char *
rc_str(enum err rc)
{
	return err_str(rc);
}

/* url_decode */

static const struct {
	const char	*name;
	const char	*in;
	int		 plus;
	enum err	 rc;
	const char	*want;	/* on ERR_OK */
} url_cases[] = {
	{ "plain ASCII", "abc", 0, ERR_OK, "abc" },
	{ "empty", "", 0, ERR_OK, "" },
	{ "upper-case escape", "a%2Fb", 0, ERR_OK, "a/b" },
	{ "lower-case escape", "a%2fb", 0, ERR_OK, "a/b" },
	{ "escaped space", "a%20b", 1, ERR_OK, "a b" },
	{ "two-byte UTF-8", "caf%C3%A9", 0, ERR_OK, "caf\xc3\xa9" },
	{ "raw UTF-8 passes", "caf\xc3\xa9", 0, ERR_OK, "caf\xc3\xa9" },
	{ "plus is space with plus flag", "a+b", 1, ERR_OK, "a b" },
	{ "plus kept without plus flag", "a+b", 0, ERR_OK, "a+b" },
	{ "escaped plus stays plus", "%2B+", 1, ERR_OK, "+ " },
	{ "percent of percent", "%2525", 0, ERR_OK, "%25" },
	{ "bad hex %zz", "a%zzb", 0, ERR_PARSE, NULL },
	{ "bad second hex %4g", "%4g", 0, ERR_PARSE, NULL },
	{ "truncated % at end", "abc%", 0, ERR_PARSE, NULL },
	{ "truncated %4 at end", "abc%4", 0, ERR_PARSE, NULL },
	{ "lone %", "%", 0, ERR_PARSE, NULL },
	{ "decoded NUL %00", "a%00b", 0, ERR_PARSE, NULL },
	{ "invalid byte %FF", "%FF", 0, ERR_PARSE, NULL },
	{ "raw invalid byte", "a\xff", 0, ERR_PARSE, NULL },
	{ "lone continuation %80", "%80", 0, ERR_PARSE, NULL },
	{ "truncated sequence %C3", "%C3", 0, ERR_PARSE, NULL },
	{ "truncated sequence %E2%82", "%E2%82", 0, ERR_PARSE, NULL },
	{ "overlong slash %C0%AF", "%C0%AF", 0, ERR_PARSE, NULL },
	{ "overlong NUL %C0%80", "%C0%80", 0, ERR_PARSE, NULL },
	{ "overlong %C1%BF", "%C1%BF", 0, ERR_PARSE, NULL },
	{ "overlong 3-byte %E0%80%AF", "%E0%80%AF", 0, ERR_PARSE, NULL },
	{ "overlong 4-byte %F0%80%80%AF", "%F0%80%80%AF", 0, ERR_PARSE,
	    NULL },
	{ "first surrogate %ED%A0%80", "%ED%A0%80", 0, ERR_PARSE, NULL },
	{ "last surrogate %ED%BF%BF", "%ED%BF%BF", 0, ERR_PARSE, NULL },
	{ "U+D7FF before surrogates", "%ED%9F%BF", 0, ERR_OK,
	    "\xed\x9f\xbf" },
	{ "U+E000 after surrogates", "%EE%80%80", 0, ERR_OK,
	    "\xee\x80\x80" },
	{ "U+0800 smallest 3-byte", "%E0%A0%80", 0, ERR_OK, "\xe0\xa0\x80" },
	{ "U+10000 smallest 4-byte", "%F0%90%80%80", 0, ERR_OK,
	    "\xf0\x90\x80\x80" },
	{ "U+10FFFF 4-byte max", "%F4%8F%BF%BF", 0, ERR_OK,
	    "\xf4\x8f\xbf\xbf" },
	{ "past U+10FFFF %F4%90%80%80", "%F4%90%80%80", 0, ERR_PARSE, NULL },
	{ "lead byte %F5", "%F5%80%80%80", 0, ERR_PARSE, NULL },
	{ "5-byte lead %F8", "%F8%88%80%80%80", 0, ERR_PARSE, NULL },
};

static void
test_url_decode(void)
{
	char dst[64];
	size_t i, n;
	enum err rc;

	for (i = 0; i < nitems(url_cases); i++) {
		n = 12345;
		rc = url_decode(url_cases[i].in, strlen(url_cases[i].in), dst,
		    &n, url_cases[i].plus);
		T_STREQ(nm("url_decode rc", url_cases[i].name), rc_str(rc),
		    rc_str(url_cases[i].rc));
		if (url_cases[i].rc != ERR_OK || rc != ERR_OK)
			continue;
		T_STREQ(nm("url_decode out", url_cases[i].name), dst,
		    url_cases[i].want);
		T_INTEQ(nm("url_decode len", url_cases[i].name), n,
		    strlen(url_cases[i].want));
	}
	/* The length is the input's end, not a NUL. */
	rc = url_decode("abcdef", 3, dst, &n, 0);
	T_INTEQ("url_decode: stops at len rc", rc, ERR_OK);
	T_STREQ("url_decode: stops at len", dst, "abc");
	rc = url_decode("ab%41", 4, dst, &n, 0);
	T_INTEQ("url_decode: escape cut by len is truncated", rc, ERR_PARSE);
	n = 77;
	rc = url_decode("%zz", 3, dst, &n, 0);
	T_INTEQ("url_decode: outlen untouched on error", n, 77);
}

/* utf8_valid */

static const struct {
	const char	*name;
	const char	*s;
	size_t		 len;
	int		 want;
} utf8_cases[] = {
	{ "empty", "", 0, 1 },
	{ "ASCII", "hello", 5, 1 },
	{ "NUL is ASCII", "a\0b", 3, 1 },
	{ "U+00E9", "\xc3\xa9", 2, 1 },
	{ "U+20AC euro", "\xe2\x82\xac", 3, 1 },
	{ "U+1F600 emoji", "\xf0\x9f\x98\x80", 4, 1 },
	{ "U+10FFFF", "\xf4\x8f\xbf\xbf", 4, 1 },
	{ "U+110000", "\xf4\x90\x80\x80", 4, 0 },
	{ "overlong C0 80", "\xc0\x80", 2, 0 },
	{ "overlong C1 BF", "\xc1\xbf", 2, 0 },
	{ "overlong E0 9F BF", "\xe0\x9f\xbf", 3, 0 },
	{ "overlong F0 8F BF BF", "\xf0\x8f\xbf\xbf", 4, 0 },
	{ "surrogate D800", "\xed\xa0\x80", 3, 0 },
	{ "surrogate DFFF", "\xed\xbf\xbf", 3, 0 },
	{ "lone continuation", "\x80", 1, 0 },
	{ "truncated 2-byte", "\xc3", 1, 0 },
	{ "truncated 3-byte", "\xe2\x82", 2, 0 },
	{ "truncated 4-byte", "\xf0\x9f\x98", 3, 0 },
	{ "bad continuation", "\xc3\x28", 2, 0 },
	{ "FE byte", "\xfe", 1, 0 },
	{ "FF byte", "\xff", 1, 0 },
	{ "F5 lead", "\xf5\x80\x80\x80", 4, 0 },
	{ "valid then invalid", "ok\xc3\xa9\xff", 5, 0 },
	{ "len cuts a sequence", "\xc3\xa9", 1, 0 },
	/* ASCII is passed eight bytes at a time: around those words. */
	{ "16 ASCII", "abcdefghijklmnop", 16, 1 },
	{ "16 ASCII then FF", "abcdefghijklmnop\xff", 17, 0 },
	{ "FF in the second word", "abcdefghijk\xffmnop", 16, 0 },
	{ "U+00E9 across two words", "abcdefg\xc3\xa9hijklmn", 16, 1 },
	{ "bad continuation across words", "abcdefg\xc3(hijklmn", 15, 0 },
	{ "U+20AC after 9 ASCII", "abcdefghi\xe2\x82\xac", 12, 1 },
	{ "surrogate after 8 ASCII", "abcdefgh\xed\xa0\x80", 11, 0 },
	{ "len cuts after 8 ASCII", "abcdefgh\xc3\xa9", 9, 0 },
};

static void
test_utf8_valid(void)
{
	size_t i;

	for (i = 0; i < nitems(utf8_cases); i++)
		T_INTEQ(nm("utf8_valid", utf8_cases[i].name),
		    utf8_valid(utf8_cases[i].s, utf8_cases[i].len),
		    utf8_cases[i].want);
}

/* utf8_line_problem */

static const struct {
	const char	*name;
	const char	*s;
	int		 ok;
} line_cases[] = {
	{ "empty", "", 1 },
	{ "words", "Import from the old site", 1 },
	{ "UTF-8", "R\xc3\xa9sum\xc3\xa9 \xe2\x80\x94 2026", 1 },
	{ "tab", "a\tb", 0 },
	{ "newline", "a\nb", 0 },
	{ "CR", "a\rb", 0 },
	{ "DEL", "a\x7f", 0 },
	{ "ESC", "\x1b[31m", 0 },
	{ "invalid UTF-8", "a\xff", 0 },
	{ "overlong", "\xc0\xaf", 0 },
};

static void
test_utf8_line(void)
{
	size_t i;

	for (i = 0; i < nitems(line_cases); i++)
		T_INTEQ(nm("utf8_line_problem", line_cases[i].name),
		    utf8_line_problem(line_cases[i].s) == NULL,
		    line_cases[i].ok);
	T_STREQ("utf8_line_problem: says why", utf8_line_problem("\xff"),
	    "is not valid UTF-8");
}

/* esc_html, esc_xml, esc_url */

static const struct {
	const char	*name;
	enum err	(*fn)(struct buf *, const char *, size_t);
	const char	*in;
	const char	*want;
} esc_cases[] = {
	{ "html empty", esc_html, "", "" },
	{ "html plain", esc_html, "plain text", "plain text" },
	{ "html all five", esc_html, "<a href=\"x\">Tom & 'Jerry'</a>",
	    "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;" },
	{ "html entity is re-escaped", esc_html, "&amp;", "&amp;amp;" },
	{ "html keeps UTF-8", esc_html, "caf\xc3\xa9 <b>",
	    "caf\xc3\xa9 &lt;b&gt;" },
	{ "html keeps control chars", esc_html, "a\x01z", "a\x01z" },
	{ "xml all five", esc_xml, "<&>\"'", "&lt;&amp;&gt;&quot;&#39;" },
	{ "xml drops control chars", esc_xml, "a\x01" "b\x08" "c\x1f" "d",
	    "abcd" },
	{ "xml keeps tab, LF, CR", esc_xml, "a\tb\nc\rd", "a\tb\nc\rd" },
	{ "xml keeps UTF-8", esc_xml, "\xe2\x82\xac", "\xe2\x82\xac" },
	{ "url unreserved kept", esc_url, "AZaz09-._~", "AZaz09-._~" },
	{ "url reserved encoded", esc_url, "a b/c?d=e&f#g+h",
	    "a%20b%2Fc%3Fd%3De%26f%23g%2Bh" },
	{ "url percent encoded", esc_url, "100%", "100%25" },
	{ "url UTF-8 upper hex", esc_url, "caf\xc3\xa9", "caf%C3%A9" },
	{ "url html specials", esc_url, "<'\">", "%3C%27%22%3E" },
	{ "url empty", esc_url, "", "" },
};

static void
test_esc(void)
{
	struct buf b;
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(esc_cases); i++) {
		buf_init(&b, 1024);
		rc = esc_cases[i].fn(&b, esc_cases[i].in,
		    strlen(esc_cases[i].in));
		T_INTEQ(nm("esc rc", esc_cases[i].name), rc, ERR_OK);
		T_STREQ(nm("esc", esc_cases[i].name),
		    b.p != NULL ? b.p : "", esc_cases[i].want);
		buf_free(&b);
	}
	/* An embedded NUL is data, not the end. */
	buf_init(&b, 64);
	rc = esc_url(&b, "a\0b", 3);
	T_STREQ("esc url: embedded NUL encoded", b.p, "a%00b");
	buf_free(&b);
	/* Escapes past the buffer's maximum are ERR_LIMIT. */
	buf_init(&b, 8);
	T_INTEQ("esc html: past max is ERR_LIMIT",
	    esc_html(&b, "<<<", 3), ERR_LIMIT);
	buf_free(&b);
	buf_init(&b, 8);
	T_INTEQ("esc url: past max is ERR_LIMIT",
	    esc_url(&b, "\xff\xff\xff", 3), ERR_LIMIT);
	buf_free(&b);
	buf_init(&b, 12);
	T_INTEQ("esc html: exactly max fits", esc_html(&b, "<<<", 3),
	    ERR_OK);
	T_STREQ("esc html: exactly max content", b.p, "&lt;&lt;&lt;");
	buf_free(&b);
}

/* buf */

static void
test_buf(void)
{
	struct buf b;
	char *p;
	size_t len, i;
	enum err rc;

	buf_init(&b, 8);
	T_TRUE("buf: new buffer is empty", b.len == 0 && b.p == NULL);
	T_INTEQ("buf: puts up to max", buf_puts(&b, "12345678"), ERR_OK);
	T_INTEQ("buf: putc past max", buf_putc(&b, 'x'), ERR_LIMIT);
	T_STREQ("buf: content unchanged after putc ERR_LIMIT", b.p,
	    "12345678");
	T_INTEQ("buf: len unchanged after ERR_LIMIT", b.len, 8);
	T_INTEQ("buf: empty add at max is fine", buf_add(&b, "", 0), ERR_OK);
	T_TRUE("buf: cap never passes max + 1", b.cap <= b.max + 1);
	buf_reset(&b);
	T_TRUE("buf: reset empties and keeps memory",
	    b.len == 0 && b.p != NULL && b.p[0] == '\0');
	buf_puts(&b, "abcdef");
	buf_truncate(&b, 3);
	T_STREQ("buf_truncate: back to 3 bytes", b.p, "abc");
	T_INTEQ("buf_truncate: len 3", b.len, 3);
	buf_truncate(&b, 9);
	T_INTEQ("buf_truncate: never lengthens", b.len, 3);
	T_INTEQ("buf: add past max", buf_add(&b, "defghi", 6), ERR_LIMIT);
	T_STREQ("buf: content unchanged after add ERR_LIMIT", b.p, "abc");
	T_INTEQ("buf: SIZE_MAX add is ERR_LIMIT", buf_add(&b, "", SIZE_MAX),
	    ERR_LIMIT);
	T_INTEQ("buf: SIZE_MAX - 1 add is ERR_LIMIT",
	    buf_add(&b, "", SIZE_MAX - 1), ERR_LIMIT);
	T_STREQ("buf: content unchanged after huge add", b.p, "abc");
	buf_free(&b);
	T_TRUE("buf: free leaves a reusable empty buffer",
	    b.p == NULL && b.len == 0 && b.cap == 0 && b.max == 8);

	buf_init(&b, 1000);
	buf_puts(&b, "ab");
	T_INTEQ("buf_reserve: room within max", buf_reserve(&b, 500), ERR_OK);
	T_INTEQ("buf_reserve: cap is len + n + 1", b.cap, 503);
	p = b.p;
	for (i = 0; i < 500; i++)
		buf_putc(&b, 'x');
	T_TRUE("buf_reserve: appends up to it do not move the memory",
	    b.p == p && b.len == 502);
	T_INTEQ("buf_reserve: past max", buf_reserve(&b, 499), ERR_LIMIT);
	T_INTEQ("buf_reserve: SIZE_MAX", buf_reserve(&b, SIZE_MAX), ERR_LIMIT);
	T_INTEQ("buf_reserve: less than there is", buf_reserve(&b, 1), ERR_OK);
	T_INTEQ("buf_reserve: len unchanged", b.len, 502);
	buf_free(&b);

	{
		char mem[8];

		buf_init_in(&b, mem, sizeof(mem), 100);
		buf_puts(&b, "abcdefg");
		T_TRUE("buf_init_in: fits in the caller's storage",
		    b.p == mem && strcmp(mem, "abcdefg") == 0);
		buf_puts(&b, "hij");
		T_TRUE("buf_init_in: outgrown, moves to the heap",
		    b.p != mem && b.borrowed == 0);
		T_STREQ("buf_init_in: content kept across the move", b.p,
		    "abcdefghij");
		buf_free(&b);
		buf_init_in(&b, mem, sizeof(mem), 100);
		buf_puts(&b, "xyz");
		p = buf_take(&b, &len);
		T_TRUE("buf_init_in: take gives a heap copy",
		    p != mem && len == 3 && strcmp(p, "xyz") == 0);
		free(p);
		buf_init_in(&b, mem, sizeof(mem), 4);
		T_INTEQ("buf_init_in: max still holds",
		    buf_puts(&b, "12345"), ERR_LIMIT);
		buf_free(&b);	/* the storage is not freed (ASan) */
	}

	buf_init(&b, 16);
	rc = buf_printf(&b, "%d-%s-%c", 42, "x", 'y');
	T_INTEQ("buf_printf: rc", rc, ERR_OK);
	T_STREQ("buf_printf: formats", b.p, "42-x-y");
	rc = buf_printf(&b, "%s", "0123456789");
	T_INTEQ("buf_printf: to exactly max", rc, ERR_OK);
	T_INTEQ("buf_printf: len at max", b.len, 16);
	rc = buf_printf(&b, "%s", "z");
	T_INTEQ("buf_printf: past max", rc, ERR_LIMIT);
	T_STREQ("buf_printf: content unchanged after ERR_LIMIT", b.p,
	    "42-x-y0123456789");
	buf_reset(&b);
	rc = buf_printf(&b, "%s", "");
	T_INTEQ("buf_printf: empty output", rc, ERR_OK);
	T_STREQ("buf_printf: empty output is \"\"", b.p, "");
	buf_free(&b);

	buf_init(&b, 0);
	T_INTEQ("buf: max 0 takes nothing", buf_putc(&b, 'a'), ERR_LIMIT);
	T_INTEQ("buf: max 0 takes empty", buf_add(&b, "", 0), ERR_OK);
	T_STREQ("buf: max 0 content", b.p, "");
	buf_free(&b);

	/* Growth across many doublings keeps every byte. */
	buf_init(&b, 1000000);
	for (i = 0; i < 100000; i++)
		if (buf_putc(&b, (char)('a' + i % 26)) != ERR_OK)
			break;
	T_INTEQ("buf: 100000 putc", b.len, 100000);
	for (i = 0; i < b.len; i++)
		if (b.p[i] != (char)('a' + i % 26))
			break;
	T_INTEQ("buf: 100000 putc content", i, 100000);
	T_TRUE("buf: NUL-terminated after growth", b.p[b.len] == '\0');
	p = buf_take(&b, &len);
	T_INTEQ("buf_take: len", len, 100000);
	T_TRUE("buf_take: resets the buffer", b.p == NULL && b.len == 0);
	free(p);

	buf_init(&b, 10);
	p = buf_take(&b, &len);
	T_TRUE("buf_take: empty buffer gives \"\"", p != NULL && *p == '\0' &&
	    len == 0);
	free(p);
	buf_free(&b);
}

/* str_to_ll */

static const struct {
	const char	*name;
	const char	*in;
	long long	 min, max;
	enum err	 rc;
	long long	 want;
} ll_cases[] = {
	{ "simple", "42", 0, 100, ERR_OK, 42 },
	{ "zero", "0", 0, 100, ERR_OK, 0 },
	{ "leading zeros", "007", 0, 100, ERR_OK, 7 },
	{ "negative in range", "-5", -10, 10, ERR_OK, -5 },
	{ "minus zero", "-0", -1, 1, ERR_OK, 0 },
	{ "at max", "100", 0, 100, ERR_OK, 100 },
	{ "at min", "-10", -10, 10, ERR_OK, -10 },
	{ "LLONG_MAX", "9223372036854775807", LLONG_MIN, LLONG_MAX, ERR_OK,
	    LLONG_MAX },
	{ "LLONG_MIN", "-9223372036854775808", LLONG_MIN, LLONG_MAX, ERR_OK,
	    LLONG_MIN },
	{ "overflow", "9223372036854775808", LLONG_MIN, LLONG_MAX, ERR_PARSE,
	    0 },
	{ "negative overflow", "-9223372036854775809", LLONG_MIN, LLONG_MAX,
	    ERR_PARSE, 0 },
	{ "huge overflow", "99999999999999999999999", 0, LLONG_MAX,
	    ERR_PARSE, 0 },
	{ "above max", "101", 0, 100, ERR_INVAL, 0 },
	{ "below min", "-11", -10, 10, ERR_INVAL, 0 },
	{ "above small max", "100001", 1, 100000, ERR_INVAL, 0 },
	{ "zero below min 1", "0", 1, 100, ERR_INVAL, 0 },
	/* A minus sign where no negative is allowed is not a number here. */
	{ "minus where min >= 0", "-5", 0, 100, ERR_PARSE, 0 },
	{ "empty", "", 0, 100, ERR_PARSE, 0 },
	{ "letters", "abc", 0, 100, ERR_PARSE, 0 },
	{ "trailing junk", "12abc", 0, 100, ERR_PARSE, 0 },
	{ "trailing space", "12 ", 0, 100, ERR_PARSE, 0 },
	{ "trailing newline", "12\n", 0, 100, ERR_PARSE, 0 },
	{ "leading space", " 12", 0, 100, ERR_PARSE, 0 },
	{ "leading plus", "+12", 0, 100, ERR_PARSE, 0 },
	{ "leading tab", "\t12", 0, 100, ERR_PARSE, 0 },
	{ "leading newline", "\n12", 0, 100, ERR_PARSE, 0 },
	{ "leading tab before minus", "\t-5", -10, 10, ERR_PARSE, 0 },
	{ "lone minus", "-", -10, 10, ERR_PARSE, 0 },
	{ "hex", "0x10", 0, 100, ERR_PARSE, 0 },
	{ "exponent", "1e3", 0, 10000, ERR_PARSE, 0 },
	{ "decimal point", "1.5", 0, 100, ERR_PARSE, 0 },
	{ "double minus", "--5", -10, 10, ERR_PARSE, 0 },
};

static void
test_str_to_ll(void)
{
	long long v;
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(ll_cases); i++) {
		v = -4242;
		rc = str_to_ll(ll_cases[i].in, ll_cases[i].min,
		    ll_cases[i].max, &v);
		T_STREQ(nm("str_to_ll rc", ll_cases[i].name), rc_str(rc),
		    rc_str(ll_cases[i].rc));
		if (ll_cases[i].rc == ERR_OK)
			T_INTEQ(nm("str_to_ll value", ll_cases[i].name), v,
			    ll_cases[i].want);
		else
			T_INTEQ(nm("str_to_ll out untouched",
			    ll_cases[i].name), v, -4242);
	}
	T_INTEQ("str_to_ll: NULL", str_to_ll(NULL, 0, 1, &v), ERR_PARSE);
}

/* str_eq */

static void
test_str_eq(void)
{
	T_TRUE("str_eq: equal", str_eq(STR("abc"), "abc"));
	T_TRUE("str_eq: prefix is not equal", !str_eq(STR("ab"), "abc"));
	T_TRUE("str_eq: longer is not equal", !str_eq(STR("abcd"), "abc"));
	T_TRUE("str_eq: empty", str_eq(STR(""), ""));
	T_TRUE("str_eq: NULL view empty",
	    str_eq((struct str){ NULL, 0 }, ""));
}

/* timefmt */

static const struct {
	const char	*name;
	const char	*iso;
	enum err	 rc;
	const char	*lng;
	const char	*medium;
} date_cases[] = {
	{ "the example", "2006-02-08", ERR_OK,
	    "Wednesday, 08 February 2006", "08 February 2006" },
	{ "time part ignored", "2006-02-08T23:59:59Z", ERR_OK,
	    "Wednesday, 08 February 2006", "08 February 2006" },
	{ "leap day 2000", "2000-02-29", ERR_OK,
	    "Tuesday, 29 February 2000", "29 February 2000" },
	{ "leap day 2024", "2024-02-29", ERR_OK,
	    "Thursday, 29 February 2024", "29 February 2024" },
	{ "epoch", "1970-01-01", ERR_OK,
	    "Thursday, 01 January 1970", "01 January 1970" },
	{ "before the epoch", "1969-12-31", ERR_OK,
	    "Wednesday, 31 December 1969", "31 December 1969" },
	{ "end of year", "2024-12-31", ERR_OK,
	    "Tuesday, 31 December 2024", "31 December 2024" },
	{ "every month name", "2023-09-10", ERR_OK,
	    "Sunday, 10 September 2023", "10 September 2023" },
	{ "31 February 2026", "2026-02-31", ERR_PARSE, NULL, NULL },
	{ "29 February 2023", "2023-02-29", ERR_PARSE, NULL, NULL },
	{ "29 February 1900", "1900-02-29", ERR_PARSE, NULL, NULL },
	{ "31 April", "2024-04-31", ERR_PARSE, NULL, NULL },
	{ "month 13", "2006-13-01", ERR_PARSE, NULL, NULL },
	{ "month 0", "2006-00-10", ERR_PARSE, NULL, NULL },
	{ "day 0", "2006-01-00", ERR_PARSE, NULL, NULL },
	{ "day 32", "2006-01-32", ERR_PARSE, NULL, NULL },
	{ "year 0", "0000-01-01", ERR_PARSE, NULL, NULL },
	{ "empty", "", ERR_PARSE, NULL, NULL },
	{ "garbage", "garbage", ERR_PARSE, NULL, NULL },
	{ "slashes", "2006/02/08", ERR_PARSE, NULL, NULL },
	{ "no dashes", "20060208", ERR_PARSE, NULL, NULL },
	{ "short year", "06-02-08", ERR_PARSE, NULL, NULL },
	{ "single-digit month and day", "2006-2-8", ERR_PARSE, NULL, NULL },
	{ "short day then junk", "2006-02-8x", ERR_PARSE, NULL, NULL },
	{ "leading space", " 2006-02-08", ERR_PARSE, NULL, NULL },
	{ "negative year", "-006-02-08", ERR_PARSE, NULL, NULL },
	{ "sign in month", "2006-+2-08", ERR_PARSE, NULL, NULL },
	{ "space in month", "2006- 2-08", ERR_PARSE, NULL, NULL },
	{ "sign in year", "+206-02-08", ERR_PARSE, NULL, NULL },
};

static const struct {
	const char	*name;
	int64_t		 secs;
	enum time_iso	 form;
	const char	*want;
} iso_cases[] = {
	{ "epoch, date", 0, TIME_ISO_DATE, "1970-01-01" },
	{ "epoch, seconds", 0, TIME_ISO_SECONDS, "1970-01-01T00:00:00Z" },
	{ "midnight", 1139356800, TIME_ISO_DATE, "2006-02-08" },
	{ "last second of the day", 1139356800 + 86399, TIME_ISO_DATE,
	    "2006-02-08" },
	{ "second before midnight", 1139356800 - 1, TIME_ISO_DATE,
	    "2006-02-07" },
	{ "hours, minutes, seconds", 1139356800 + 15 * 3600 + 4 * 60 + 5,
	    TIME_ISO_SECONDS, "2006-02-08T15:04:05Z" },
	{ "before the epoch", -1, TIME_ISO_SECONDS, "1969-12-31T23:59:59Z" },
	{ "29 February of a leap year", 951782400, TIME_ISO_DATE,
	    "2000-02-29" },
	{ "year 9999", 253402300799, TIME_ISO_SECONDS,
	    "9999-12-31T23:59:59Z" },
	{ "past year 9999, still written", 253402300800, TIME_ISO_DATE,
	    "10000-01-01" },
	{ "the far past fits", INT64_MIN, TIME_ISO_SECONDS,
	    "-292277022657-01-27T08:29:52Z" },
};

static const struct {
	const char	*name;
	int64_t		 y;
	int		 m, d;
	int64_t		 days;
} civil_cases[] = {
	{ "epoch", 1970, 1, 1, 0 },
	{ "day before the epoch", 1969, 12, 31, -1 },
	{ "2000-03-01 after a leap day", 2000, 3, 1, 11017 },
	{ "1900 is no leap year", 1900, 3, 1, -25508 },
	{ "2024-03-15", 2024, 3, 15, 19797 },
};

static void
test_timefmt(void)
{
	struct buf b;
	struct tm tm;
	char iso[TIME_ISO_LEN];
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(date_cases); i++) {
		buf_init(&b, 64);
		buf_puts(&b, "[");
		rc = time_fmt_long(&b, date_cases[i].iso);
		T_STREQ(nm("time_fmt_long rc", date_cases[i].name),
		    rc_str(rc), rc_str(date_cases[i].rc));
		if (date_cases[i].rc == ERR_OK)
			T_STREQ(nm("time_fmt_long", date_cases[i].name),
			    b.p + 1, date_cases[i].lng);
		else
			T_STREQ(nm("time_fmt_long buf unchanged",
			    date_cases[i].name), b.p, "[");
		buf_reset(&b);
		rc = time_fmt_medium(&b, date_cases[i].iso);
		T_STREQ(nm("time_fmt_medium rc", date_cases[i].name),
		    rc_str(rc), rc_str(date_cases[i].rc));
		if (date_cases[i].rc == ERR_OK)
			T_STREQ(nm("time_fmt_medium", date_cases[i].name),
			    b.p, date_cases[i].medium);
		buf_free(&b);
	}
	rc = time_parse_date("2006-02-08", &tm);
	T_INTEQ("time_parse_date: rc", rc, ERR_OK);
	T_TRUE("time_parse_date: fields", tm.tm_year == 106 &&
	    tm.tm_mon == 1 && tm.tm_mday == 8 && tm.tm_wday == 3 &&
	    tm.tm_yday == 38);
	T_INTEQ("time_parse_date: NULL", time_parse_date(NULL, &tm),
	    ERR_PARSE);
	buf_init(&b, 10);
	T_INTEQ("time_fmt_long: past buf max", time_fmt_long(&b,
	    "2006-02-08"), ERR_LIMIT);
	T_TRUE("time_fmt_long: buf empty after ERR_LIMIT", b.len == 0);
	buf_free(&b);
	for (i = 0; i < nitems(iso_cases); i++) {
		time_iso(iso_cases[i].secs, iso_cases[i].form, iso);
		T_STREQ(nm("time_iso", iso_cases[i].name), iso,
		    iso_cases[i].want);
	}
	for (i = 0; i < nitems(civil_cases); i++) {
		int64_t y, days;
		int m, d;

		days = time_days(civil_cases[i].y, civil_cases[i].m,
		    civil_cases[i].d);
		T_INTEQ(nm("time_days", civil_cases[i].name), days,
		    civil_cases[i].days);
		time_civil(days, &y, &m, &d);
		T_TRUE(nm("time_civil: the inverse", civil_cases[i].name),
		    y == civil_cases[i].y && m == civil_cases[i].m &&
		    d == civil_cases[i].d);
	}
	T_TRUE("time_now: after 2020", time_now() > 1577836800);
}

/* arena */

static void
test_arena(void)
{
	enum { N = 20000 };
	struct arena *a;
	unsigned char **ptrs, *big, *big2, *small;
	char *s, *longs;
	size_t i, j, bad_align = 0, bad_zero = 0, bad_keep = 0;
	size_t sizes[] = { 1, 3, 8, 17, 100, 1000, 4095, 4097 };

	a = arena_new();
	ptrs = xcalloc(N, sizeof(*ptrs));
	for (i = 0; i < N; i++) {
		size_t n = sizes[i % nitems(sizes)];

		ptrs[i] = arena_alloc(a, n);
		if ((uintptr_t)ptrs[i] % _Alignof(max_align_t) != 0)
			bad_align++;
		for (j = 0; j < n; j++)
			if (ptrs[i][j] != 0)
				bad_zero++;
		memset(ptrs[i], (int)(i & 0xff), n);
	}
	for (i = 0; i < N; i++)
		for (j = 0; j < sizes[i % nitems(sizes)]; j++)
			if (ptrs[i][j] != (unsigned char)(i & 0xff))
				bad_keep++;
	T_INTEQ("arena: 20000 allocations max-aligned", bad_align, 0);
	T_INTEQ("arena: allocations zeroed", bad_zero, 0);
	T_INTEQ("arena: allocations do not overlap", bad_keep, 0);
	free(ptrs);

	small = arena_alloc(a, 16);
	memset(small, 'a', 16);
	big = arena_alloc(a, 1024 * 1024);
	big2 = arena_alloc(a, 64 * 1024 + 1);
	memset(big, 'b', 1024 * 1024);
	memset(big2, 'c', 64 * 1024 + 1);
	T_TRUE("arena: big allocations zeroed then writable",
	    big[0] == 'b' && big[1024 * 1024 - 1] == 'b' &&
	    big2[64 * 1024] == 'c');
	T_TRUE("arena: big allocations leave small ones alone",
	    small[0] == 'a' && small[15] == 'a');
	T_TRUE("arena: zero-size allocation is unique",
	    arena_alloc(a, 0) != arena_alloc(a, 0));

	s = arena_strdup(a, "hello");
	T_STREQ("arena_strdup", s, "hello");
	s = arena_strdup(a, "");
	T_STREQ("arena_strdup: empty", s, "");
	s = arena_strndup(a, "hello", 3);
	T_STREQ("arena_strndup: cut", s, "hel");
	s = arena_strndup(a, "a\0b", 3);
	T_TRUE("arena_strndup: copies past NUL", s[0] == 'a' &&
	    s[1] == '\0' && s[2] == 'b' && s[3] == '\0');
	s = arena_printf(a, "%s-%d-%03d", "x", 5, 7);
	T_STREQ("arena_printf", s, "x-5-007");
	longs = xmalloc(100001);
	memset(longs, 'q', 100000);
	longs[100000] = '\0';
	s = arena_printf(a, "<%s>", longs);
	T_TRUE("arena_printf: 100000 chars", strlen(s) == 100002 &&
	    s[0] == '<' && s[100001] == '>' && s[50000] == 'q');
	free(longs);
	arena_free(a);
	arena_free(NULL);
	T_PASS("arena_free: NULL is a no-op");

	/* An arena whose first allocation is big. */
	a = arena_new();
	big = arena_alloc(a, 200000);
	small = arena_alloc(a, 8);
	memset(big, 1, 200000);
	memset(small, 2, 8);
	T_TRUE("arena: big first allocation then small",
	    big[199999] == 1 && small[0] == 2);
	arena_free(a);
}

/* err_str */

static void
test_err_str(void)
{
	int e;
	size_t unnamed = 0;

	for (e = 0; e < ERR__MAX; e++)
		if (strcmp(err_str((enum err)e), "unknown error") == 0)
			unnamed++;
	T_INTEQ("err_str: every code has a name", unnamed, 0);
	T_STREQ("err_str: ERR_OK", err_str(ERR_OK), "ok");
	T_STREQ("err_str: past ERR__MAX", err_str(ERR__MAX),
	    "unknown error");
	T_STREQ("err_str: negative", err_str((enum err)-1), "unknown error");
}

/* str_grouped: commas between thousands, the sign kept outside them. */
static void
test_str_grouped(void)
{
	static const struct {
		int64_t		 n;
		const char	*want;
	} cases[] = {
		{ 0, "0" }, { 7, "7" }, { 999, "999" }, { 1000, "1,000" },
		{ 12345, "12,345" }, { 2538, "2,538" }, { 100000, "100,000" },
		{ 1234567, "1,234,567" }, { -1, "-1" }, { -999, "-999" },
		{ -1000, "-1,000" }, { -123456, "-123,456" },
		{ INT64_MAX, "9,223,372,036,854,775,807" },
		{ INT64_MIN, "-9,223,372,036,854,775,808" },
	};
	char out[STR_GROUPED_LEN];
	size_t i;

	for (i = 0; i < nitems(cases); i++)
		T_STREQ(nm("str_grouped", cases[i].want), str_grouped(
		    cases[i].n, out), cases[i].want);
}

int
main(void)
{
	test_url_decode();
	test_utf8_valid();
	test_utf8_line();
	test_esc();
	test_buf();
	test_str_to_ll();
	test_str_eq();
	test_str_grouped();
	test_timefmt();
	test_arena();
	test_err_str();
	T_DONE();
}
