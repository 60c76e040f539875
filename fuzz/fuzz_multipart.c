/*
 * fuzz_multipart: libFuzzer target for multipart/form-data bodies and
 * the Content-Type grammar.  The input is a Content-Type value, a line
 * feed, then the body; the first byte of the body section also seeds
 * how the body is cut into chunks.
 *
 * Invariants checked: the callbacks come in order (begin, data..., end);
 * the parser fails only with ERR_PARSE or ERR_LIMIT; and the answer (the
 * transcript of callbacks, or the error) is the same whether the body is
 * fed whole or in random chunks, since no answer may depend on where the
 * network cut the body.  The same body then goes through the server's
 * steps (req_body_begin/feed/end/free), on an ordinary route and on an
 * upload route writing temporary files, which must all be gone after
 * req_body_free.  Anything else, or a sanitizer report, is a finding.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char tmpdir[] = "/tmp/octavo-fuzz-multipart-XXXXXX";

struct transcript {
	struct buf	 out;
	int		 in_part;
};

static enum err
t_begin(void *arg, const struct multipart_part *p)
{
	struct transcript *t = arg;

	if (t->in_part || p->name == NULL)
		abort();
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
		abort();
	return buf_add(&t->out, p, n) == ERR_OK ? ERR_OK : ERR_LIMIT;
}

static enum err
t_end(void *arg)
{
	struct transcript *t = arg;

	if (!t->in_part)
		abort();
	t->in_part = 0;
	return buf_putc(&t->out, ';');
}

static const struct multipart_cb cb = { t_begin, t_data, t_end };

/* Parse body in chunks drawn from seed (0: whole); transcript in out. */
static void
parse(const char *boundary, const char *body, size_t len, unsigned seed,
    struct buf *out)
{
	struct transcript t = { 0 };
	struct multipart *m;
	struct arena *a = arena_new();
	size_t at = 0, n;
	enum err rc;

	buf_init(&t.out, 1 << 22);
	if ((rc = multipart_new(a, boundary, &cb, &t, &m)) != ERR_OK)
		abort();	/* the boundary was checked */
	while (rc == ERR_OK && at < len) {
		seed = seed * 1103515245 + 12345;
		n = seed == 0 ? len - at : 1 + (seed >> 16) % 64;
		if (n > len - at)
			n = len - at;
		rc = multipart_feed(m, body + at, n);
		at += n;
	}
	if (rc == ERR_OK)
		rc = multipart_finish(m);
	if (rc != ERR_OK && rc != ERR_PARSE && rc != ERR_LIMIT)
		abort();
	if (rc != ERR_OK)
		buf_reset(&t.out);
	buf_printf(out, "%s:", err_str(rc));
	buf_add(out, t.out.p, t.out.len);
	buf_free(&t.out);
	arena_free(a);
}

static void
rm_tmpdir(void)
{
	rmdir(tmpdir);
}

static int
files_left(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	int n = 0;

	while (d != NULL && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	if (d != NULL)
		closedir(d);
	return n;
}

/* The server's steps, in chunks of 7 bytes. */
static void
server_steps(const char *ct, const char *body, size_t len, int flags)
{
	struct reqbody *b = NULL;
	struct req r = { 0 };
	const char *why;
	size_t at = 0, n;
	enum err rc;

	r.arena = arena_new();
	rc = req_body_begin(&r, ct, (long long)len, flags, tmpdir, &b, &why);
	while (rc == ERR_OK && at < len) {
		n = len - at < 7 ? len - at : 7;
		rc = req_body_feed(b, body + at, n);
		at += n;
	}
	if (rc == ERR_OK)
		rc = req_body_end(b, &why);
	if (rc == ERR_OK && (r.nform > LIMIT_FORM_FIELDS ||
	    r.nuploads > LIMIT_UPLOAD_FILES))
		abort();
	if (rc == ERR_IO)
		abort();	/* tmpdir exists */
	req_body_free(b);
	buf_free(&r.body);
	arena_free(r.arena);
	if (files_left() != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl, *boundary;
	struct buf whole, cut;
	struct media m;
	struct arena *a;
	char *ct;
	size_t blen;

	if (tmpdir[sizeof(tmpdir) - 2] == 'X') {
		if (mkdtemp(tmpdir) == NULL)
			abort();
		atexit(rm_tmpdir);
	}
	nl = memchr(in, '\n', size);
	if (nl == NULL)
		return 0;
	ct = xstrndup(in, (size_t)(nl - in));
	blen = size - (size_t)(nl - in) - 1;
	a = arena_new();
	if (http_media_parse(a, ct, &m) == ERR_OK &&
	    (boundary = http_param_get(m.params, m.nparams, "boundary")) !=
	    NULL && multipart_boundary_valid(boundary)) {
		buf_init(&whole, 1 << 23);
		buf_init(&cut, 1 << 23);
		parse(boundary, nl + 1, blen, 0, &whole);
		parse(boundary, nl + 1, blen, blen > 0 ? (unsigned char)nl[1] |
		    1U : 1, &cut);
		if (whole.len != cut.len || (whole.len > 0 &&
		    memcmp(whole.p, cut.p, whole.len) != 0))
			abort();
		buf_free(&whole);
		buf_free(&cut);
	}
	server_steps(ct, nl + 1, blen, 0);
	server_steps(ct, nl + 1, blen, ROUTE_UPLOAD | ROUTE_JSON);
	arena_free(a);
	free(ct);
	return 0;
}
