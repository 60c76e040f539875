/*
 * test_multipart: the streaming multipart/form-data parser, and the
 * parameter grammar it shares with Content-Type.  Each body of the table
 * is parsed into a transcript of its callbacks, "[name|filename|type]
 * content;" per part, and must give the same transcript (or the same
 * error) however it is cut: fed whole, one byte at a time, and in two
 * pieces split at every byte position.  That is the proof the parser
 * streams: no answer may depend on where the network cut the body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "test.h"

struct transcript {
	struct buf	 out;
	int		 in_part;
	int		 fail_at_data;	/* data callback fails when set */
};

static enum err
t_begin(void *arg, const struct multipart_part *p)
{
	struct transcript *t = arg;

	if (t->in_part)
		buf_puts(&t->out, "<nested begin>");
	t->in_part = 1;
	buf_printf(&t->out, "[%s|%s|%s]", p->name, p->filename != NULL ?
	    p->filename : "-", p->content_type != NULL ? p->content_type : "-");
	return ERR_OK;
}

static enum err
t_data(void *arg, const char *p, size_t n)
{
	struct transcript *t = arg;

	if (!t->in_part || n == 0)
		buf_puts(&t->out, "<stray data>");
	if (t->fail_at_data)
		return ERR_IO;
	return buf_add(&t->out, p, n);
}

static enum err
t_end(void *arg)
{
	struct transcript *t = arg;

	if (!t->in_part)
		buf_puts(&t->out, "<stray end>");
	t->in_part = 0;
	return buf_puts(&t->out, ";");
}

static const struct multipart_cb t_cb = { t_begin, t_data, t_end };

/*
 * Parse body in pieces: cuts[] are the offsets where a new piece starts
 * (sorted, 0 < cut < len); step > 0 feeds that many bytes at a time
 * instead.  Returns the transcript, or "error: <err>" (heap).
 */
static char *
run(const char *boundary, const char *body, size_t len, const size_t *cuts,
    size_t ncuts, size_t step)
{
	struct transcript t;
	struct multipart *m;
	struct arena *a = arena_new();
	size_t at = 0, next, i = 0;
	enum err rc;
	char *s;

	memset(&t, 0, sizeof(t));
	buf_init(&t.out, 1 << 20);
	buf_puts(&t.out, "");
	if ((rc = multipart_new(a, boundary, &t_cb, &t, &m)) != ERR_OK)
		goto out;
	while (at < len) {
		if (step > 0)
			next = at + step < len ? at + step : len;
		else
			next = i < ncuts ? cuts[i++] : len;
		if ((rc = multipart_feed(m, body + at, next - at)) != ERR_OK)
			goto out;
		at = next;
	}
	rc = multipart_finish(m);
out:
	if (rc != ERR_OK) {
		buf_reset(&t.out);
		buf_printf(&t.out, "error: %s", err_str(rc));
	}
	s = xstrdup(t.out.p);
	buf_free(&t.out);
	arena_free(a);
	return s;
}

#define CD	"Content-Disposition: form-data; "

static const struct {
	const char	*name;
	const char	*boundary;
	const char	*body;
	const char	*want;
} cases[] = {
	{ "one text field", "XyZ",
	    "--XyZ\r\n" CD "name=\"email\"\r\n\r\na@example.org\r\n--XyZ--\r\n",
	    "[email|-|-]a@example.org;" },
	{ "two fields and a file", "b0undary",
	    "--b0undary\r\n" CD "name=\"title\"\r\n\r\nHello\r\n"
	    "--b0undary\r\n" CD "name=\"f\"; filename=\"a.txt\"\r\n"
	    "Content-Type: text/plain\r\n\r\nline 1\r\nline 2\r\n\r\n"
	    "--b0undary\r\n" CD "name=\"n\"\r\n\r\n\r\n--b0undary--",
	    "[title|-|-]Hello;[f|a.txt|text/plain]line 1\r\nline 2\r\n;"
	    "[n|-|-];" },
	{ "preamble and epilogue ignored", "b",
	    "This is a preamble.\r\n--b\r\n" CD "name=x\r\n\r\n1\r\n--b--\r\n"
	    "epilogue --b\r\n",
	    "[x|-|-]1;" },
	{ "unquoted name", "b", "--b\r\n" CD "name=x\r\n\r\nv\r\n--b--",
	    "[x|-|-]v;" },
	{ "no space after ';'", "b",
	    "--b\r\nContent-Disposition: form-data;name=\"x\"\r\n\r\nv\r\n"
	    "--b--", "[x|-|-]v;" },
	{ "header names in any case", "b",
	    "--b\r\ncontent-DISPOSITION: Form-Data; NAME=\"x\"\r\n"
	    "content-type: image/png\r\n\r\nv\r\n--b--",
	    "[x|-|image/png]v;" },
	{ "unknown headers ignored", "b",
	    "--b\r\nX-Thing: 1\r\n" CD "name=\"x\"\r\n\r\nv\r\n--b--",
	    "[x|-|-]v;" },
	{ "identity transfer encoding", "b",
	    "--b\r\n" CD "name=\"x\"\r\nContent-Transfer-Encoding: binary\r\n"
	    "\r\nv\r\n--b--", "[x|-|-]v;" },
	{ "padding after delimiters", "b",
	    "--b \t\r\n" CD "name=\"x\"\r\n\r\nv\r\n--b  \r\n" CD
	    "name=\"y\"\r\n\r\nw\r\n--b--  \r\n",
	    "[x|-|-]v;[y|-|-]w;" },
	{ "WHATWG escapes in names", "b",
	    "--b\r\n" CD "name=\"a%22b%0D%0Ac\"; filename=\"C:\\dir\\f.txt\""
	    "\r\n\r\n\r\n--b--", "[a\"b\r\nc|C:\\dir\\f.txt|-];" },
	{ "UTF-8 file name", "b",
	    "--b\r\n" CD "name=\"f\"; filename=\"r\xc3\xa9sum\xc3\xa9.pdf\""
	    "\r\n\r\n%PDF\r\n--b--",
	    "[f|r\xc3\xa9sum\xc3\xa9.pdf|-]%PDF;" },
	{ "empty file input", "b",
	    "--b\r\n" CD "name=\"f\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n\r\n--b--",
	    "[f||application/octet-stream];" },
	{ "content with near-delimiters", "bnd",
	    "--bnd\r\n" CD "name=\"x\"\r\n\r\n\r\r\n\r\n-\r\n--\r\n--bn\r\n"
	    "-bnd\r--bnd-\r\n\r\n--bnd--",
	    "[x|-|-]\r\r\n\r\n-\r\n--\r\n--bn\r\n-bnd\r--bnd-\r\n;" },
	{ "content holds CR LF and binary", "b",
	    "--b\r\n" CD "name=\"x\"; filename=\"z\"\r\n\r\n\x00\x01\r\n\xff"
	    "\r\n--b--",
	    NULL },	/* the NUL cuts the C string: checked apart */
	{ "boundary with spaces and signs", "a'()+_,-./:=? b",
	    "--a'()+_,-./:=? b\r\n" CD "name=\"x\"\r\n\r\nv\r\n"
	    "--a'()+_,-./:=? b--", "[x|-|-]v;" },
	{ "no parts at all", "b", "--b--\r\n", "" },
	{ "first delimiter after a CRLF preamble", "b",
	    "\r\n--b\r\n" CD "name=x\r\n\r\nv\r\n--b--", "[x|-|-]v;" },
	/* Refused. */
	{ "empty body", "b", "", "error: malformed input" },
	{ "no close delimiter", "b", "--b\r\n" CD "name=x\r\n\r\nv\r\n",
	    "error: malformed input" },
	{ "cut in the close delimiter", "b",
	    "--b\r\n" CD "name=x\r\n\r\nv\r\n--b-", "error: malformed input" },
	{ "cut in the headers", "b", "--b\r\n" CD "name=x\r\n",
	    "error: malformed input" },
	{ "only a preamble", "b", "hello --b is not at a line start",
	    "error: malformed input" },
	{ "delimiter followed by text", "b",
	    "--b\r\n" CD "name=x\r\n\r\nv\r\n--bx\r\n\r\n--b--",
	    "error: malformed input" },
	{ "bare LF in headers", "b", "--b\n" CD "name=x\n\nv\r\n--b--",
	    "error: malformed input" },
	{ "bare LF ending a header", "b",
	    "--b\r\n" CD "name=x\n\r\nv\r\n--b--", "error: malformed input" },
	{ "bare CR in a header", "b",
	    "--b\r\n" CD "name=x\rX: 1\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "folded header", "b",
	    "--b\r\nContent-Disposition: form-data;\r\n name=x\r\n\r\nv\r\n"
	    "--b--", "error: malformed input" },
	{ "no Content-Disposition", "b",
	    "--b\r\nContent-Type: text/plain\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "two Content-Dispositions", "b",
	    "--b\r\n" CD "name=x\r\n" CD "name=y\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "Content-Disposition without a name", "b",
	    "--b\r\n" CD "filename=\"a\"\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "not form-data", "b",
	    "--b\r\nContent-Disposition: attachment; name=x\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "form-datax", "b",
	    "--b\r\nContent-Disposition: form-datax; name=x\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "unterminated quote", "b",
	    "--b\r\n" CD "name=\"x\r\n\r\nv\r\n--b--", "error: malformed input" },
	{ "repeated parameter", "b",
	    "--b\r\n" CD "name=x; name=y\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "name not UTF-8", "b",
	    "--b\r\n" CD "name=\"\xc3(\"\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "file name not UTF-8", "b",
	    "--b\r\n" CD "name=f; filename=\"\xff\"\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "control byte in a header", "b",
	    "--b\r\n" CD "name=\"x\x01\"\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "space before the colon", "b",
	    "--b\r\nContent-Disposition : form-data; name=x\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "header without a colon", "b",
	    "--b\r\n" CD "name=x\r\nnonsense\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "malformed part Content-Type", "b",
	    "--b\r\n" CD "name=x\r\nContent-Type: text\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "base64 transfer encoding", "b",
	    "--b\r\n" CD "name=x\r\nContent-Transfer-Encoding: base64\r\n\r\n"
	    "dg==\r\n--b--", "error: malformed input" },
	{ "text after the first delimiter", "b",
	    "--b junk\r\n" CD "name=x\r\n\r\nv\r\n--b--",
	    "error: malformed input" },
	{ "one dash ending", "b", "--b\r\n" CD "name=x\r\n\r\nv\r\n--b-x",
	    "error: malformed input" },
};

/* Compare one cutting's answer with the whole body's; report the first. */
static int
same(const char *name, const char *how, const char *have, const char *want)
{
	if (strcmp(have, want) == 0)
		return 1;
	printf("FAIL %s: %s: have \"%s\", want \"%s\"\n", name, how, have,
	    want);
	test_failed = 1;
	return 0;
}

static void
test_cases(void)
{
	size_t i, cut, len;
	const char *body;
	char *whole, *s, how[64];
	int ok;

	for (i = 0; i < nitems(cases); i++) {
		if (cases[i].want == NULL)
			continue;
		body = cases[i].body;
		len = strlen(body);
		whole = run(cases[i].boundary, body, len, NULL, 0, 0);
		T_STREQ(nm("multipart", cases[i].name), whole, cases[i].want);
		s = run(cases[i].boundary, body, len, NULL, 0, 1);
		ok = same(cases[i].name, "byte by byte", s, whole);
		free(s);
		for (cut = 1; ok && cut < len; cut++) {
			s = run(cases[i].boundary, body, len, &cut, 1, 0);
			snprintf(how, sizeof(how), "cut at %zu", cut);
			ok = same(cases[i].name, how, s, whole);
			free(s);
		}
		if (ok)
			T_PASS(nm("multipart, cut at every byte", cases[i].name));
		free(whole);
	}
}

/* Binary content with NUL, CR and 0xff passes unchanged. */
static void
test_binary(void)
{
	static const char body[] = "--b\r\n" CD "name=\"x\"; filename=\"z\"\r\n"
	    "\r\n\x00\x01\r\n\xff\r\n--b--";
	static const char want[] = "[x|z|-]\x00\x01\r\n\xff;";
	size_t len = sizeof(body) - 1, cut;
	char *s;
	int ok = 1;

	for (cut = 1; cut < len; cut++) {
		struct transcript t;
		struct multipart *m;
		struct arena *a = arena_new();

		memset(&t, 0, sizeof(t));
		buf_init(&t.out, 1024);
		multipart_new(a, "b", &t_cb, &t, &m);
		if (multipart_feed(m, body, cut) != ERR_OK ||
		    multipart_feed(m, body + cut, len - cut) != ERR_OK ||
		    multipart_finish(m) != ERR_OK ||
		    t.out.len != sizeof(want) - 1 ||
		    memcmp(t.out.p, want, t.out.len) != 0)
			ok = 0;
		buf_free(&t.out);
		arena_free(a);
	}
	T_TRUE("multipart: binary content at every cut", ok);
	s = run("b", "--b\r\n" CD "name=x\r\n\r\nv\r\n--b--", 28, NULL, 0, 0);
	T_STREQ("multipart: a shorter length cuts the body", s,
	    "error: malformed input");
	free(s);
}

static void
test_limits(void)
{
	struct buf b;
	char *s, bnd[LIMIT_BOUNDARY + 2];
	size_t i;

	/* LIMIT_PARTS parts pass; one more is ERR_LIMIT. */
	buf_init(&b, 1 << 20);
	for (i = 0; i < LIMIT_PARTS; i++)
		buf_printf(&b, "--b\r\n" CD "name=f%zu\r\n\r\n%zu\r\n", i, i);
	buf_puts(&b, "--b--");
	s = run("b", b.p, b.len, NULL, 0, 0);
	T_TRUE("multipart: LIMIT_PARTS parts pass", strncmp(s, "error", 5));
	free(s);
	buf_reset(&b);
	for (i = 0; i <= LIMIT_PARTS; i++)
		buf_printf(&b, "--b\r\n" CD "name=f%zu\r\n\r\n%zu\r\n", i, i);
	buf_puts(&b, "--b--");
	s = run("b", b.p, b.len, NULL, 0, 0);
	T_STREQ("multipart: LIMIT_PARTS + 1 parts", s,
	    "error: size limit exceeded");
	free(s);

	/* A header block of LIMIT_PART_HEADERS bytes passes, one more not. */
	for (i = 0; i < 2; i++) {
		size_t pad = LIMIT_PART_HEADERS - strlen(CD "name=x\r\n") -
		    strlen("X: \r\n") - 2 + i;

		buf_reset(&b);
		buf_puts(&b, "--b\r\n" CD "name=x\r\nX: ");
		while (pad-- > 0)
			buf_putc(&b, 'y');
		buf_puts(&b, "\r\n\r\nv\r\n--b--");
		s = run("b", b.p, b.len, NULL, 0, 0);
		T_STREQ(i == 0 ? "multipart: header block at the limit" :
		    "multipart: header block one over the limit", s,
		    i == 0 ? "[x|-|-]v;" : "error: size limit exceeded");
		free(s);
	}
	buf_free(&b);

	/* Boundaries: RFC 2046 length and characters. */
	memset(bnd, 'a', sizeof(bnd));
	bnd[LIMIT_BOUNDARY] = '\0';
	T_TRUE("boundary of 70", multipart_boundary_valid(bnd));
	bnd[LIMIT_BOUNDARY] = 'a';
	bnd[LIMIT_BOUNDARY + 1] = '\0';
	T_TRUE("boundary of 71", !multipart_boundary_valid(bnd));
	T_TRUE("empty boundary", !multipart_boundary_valid(""));
	T_TRUE("boundary ending in space", !multipart_boundary_valid("ab "));
	T_TRUE("boundary with CR", !multipart_boundary_valid("a\rb"));
	T_TRUE("boundary with quote", !multipart_boundary_valid("a\"b"));
	T_TRUE("boundary with ';'", !multipart_boundary_valid("a;b"));
	s = run("", "--\r\n", 4, NULL, 0, 0);
	T_STREQ("multipart_new: bad boundary", s, "error: malformed input");
	free(s);
}

/* A failing callback stops the parser, which keeps returning the error. */
static void
test_callback_error(void)
{
	static const char body[] = "--b\r\n" CD "name=x\r\n\r\nvalue\r\n--b--";
	struct transcript t;
	struct multipart *m;
	struct arena *a = arena_new();

	memset(&t, 0, sizeof(t));
	buf_init(&t.out, 1024);
	t.fail_at_data = 1;
	multipart_new(a, "b", &t_cb, &t, &m);
	T_STREQ("multipart: a callback's error is returned",
	    err_str(multipart_feed(m, body, sizeof(body) - 1)),
	    err_str(ERR_IO));
	T_STREQ("multipart: and again after it",
	    err_str(multipart_feed(m, "x", 1)), err_str(ERR_IO));
	T_STREQ("multipart: and by finish", err_str(multipart_finish(m)),
	    err_str(ERR_IO));
	buf_free(&t.out);
	arena_free(a);
}

/* Content-Type values: media type and parameters. */
static const struct {
	const char	*in;
	enum err	 rc;
	const char	*want;	/* "type;name=value;..." */
} media_cases[] = {
	{ "text/html", ERR_OK, "text/html" },
	{ "Text/HTML; Charset=UTF-8", ERR_OK, "text/html;charset=UTF-8" },
	{ "multipart/form-data; boundary=abc", ERR_OK,
	    "multipart/form-data;boundary=abc" },
	{ "multipart/form-data; boundary=\"a b:c\"", ERR_OK,
	    "multipart/form-data;boundary=a b:c" },
	{ "multipart/form-data;boundary=\"q\\\"x\\\\\"", ERR_OK,
	    "multipart/form-data;boundary=q\"x\\" },
	{ "  a/b ; x=1 ;; y=\"\" ; ", ERR_OK, "a/b;x=1;y=" },
	{ "a/b;x=1;X=2", ERR_PARSE, NULL },
	{ "multipart/form-data; boundary=abc, text/plain", ERR_PARSE, NULL },
	{ "multipart/form-data; boundary=a b", ERR_PARSE, NULL },
	{ "multipart/form-data; boundary=", ERR_PARSE, NULL },
	{ "multipart/form-data; boundary=\"abc", ERR_PARSE, NULL },
	{ "multipart/form-data; =abc", ERR_PARSE, NULL },
	{ "multipart/form-data; boundary = abc", ERR_PARSE, NULL },
	{ "text", ERR_PARSE, NULL },
	{ "text/", ERR_PARSE, NULL },
	{ "/html", ERR_PARSE, NULL },
	{ "", ERR_PARSE, NULL },
	{ "text/html x", ERR_PARSE, NULL },
	{ "a/b; x=\"\x01\"", ERR_PARSE, NULL },
	{ "a/b; a=1; b=2; c=3; d=4; e=5; f=6; g=7; h=8", ERR_OK,
	    "a/b;a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8" },
	{ "a/b; a=1; b=2; c=3; d=4; e=5; f=6; g=7; h=8; i=9", ERR_LIMIT,
	    NULL },
};

static void
test_media(void)
{
	struct media m;
	struct arena *a;
	struct buf b;
	size_t i, j;
	enum err rc;

	for (i = 0; i < nitems(media_cases); i++) {
		a = arena_new();
		rc = http_media_parse(a, media_cases[i].in, &m);
		T_STREQ(nm("http_media_parse rc", media_cases[i].in),
		    err_str(rc), err_str(media_cases[i].rc));
		if (rc == ERR_OK && media_cases[i].want != NULL) {
			buf_init(&b, 1024);
			buf_puts(&b, m.type);
			for (j = 0; j < m.nparams; j++)
				buf_printf(&b, ";%s=%s", m.params[j].name,
				    m.params[j].value);
			T_STREQ(nm("http_media_parse", media_cases[i].in),
			    b.p, media_cases[i].want);
			buf_free(&b);
		}
		arena_free(a);
	}
}

int
main(void)
{
	test_cases();
	test_binary();
	test_limits();
	test_callback_error();
	test_media();
	T_DONE();
}
