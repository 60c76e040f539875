/*
 * test_body: request bodies as the server reads them, through
 * req_body_begin/feed/end/free, with real temporary files in a
 * directory of the test's own.  What a route accepts (forms anywhere,
 * files only on ROUTE_UPLOAD, JSON only on ROUTE_JSON, 415 otherwise),
 * the limits, the JSON error position, and that every temporary file is
 * gone after req_body_free, on success and on failure alike.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/http.h"
#include "test.h"

static char tmpdir[] = "/tmp/octavo-test-body-XXXXXX";

struct run {
	struct arena	*arena;
	struct req	 req;
	struct reqbody	*body;
	enum err	 rc;
	const char	*why;
};

/* Files left in the test's directory. */
static int
files_left(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/*
 * Read body through the server's steps, in pieces of step bytes (0: one
 * piece), declaring its length when declare is set.  r->rc is the first
 * error, r->why its sentence.
 */
static void
run(struct run *r, const char *ct, const char *body, size_t len,
    int flags, size_t step, int declare)
{
	size_t at = 0, n;

	memset(r, 0, sizeof(*r));
	r->arena = arena_new();
	r->req.arena = r->arena;
	buf_init(&r->req.body, LIMIT_BODY);
	r->rc = req_body_begin(&r->req, ct, declare ? (long long)len : -1,
	    flags, tmpdir, &r->body, &r->why);
	if (r->rc != ERR_OK)
		return;
	while (at < len) {
		n = step == 0 || len - at < step ? len - at : step;
		if ((r->rc = req_body_feed(r->body, body + at, n)) != ERR_OK) {
			r->why = req_body_why(r->body);
			return;
		}
		at += n;
	}
	r->rc = req_body_end(r->body, &r->why);
}

static void
done(struct run *r)
{
	req_body_free(r->body);
	buf_free(&r->req.body);
	arena_free(r->arena);
}

#define FORM	"application/x-www-form-urlencoded"
#define MP	"multipart/form-data; boundary=XX"
#define CD	"Content-Disposition: form-data; "

static const struct {
	const char	*name;
	const char	*ct;
	const char	*body;
	int		 flags;
	enum err	 rc;
	const char	*form;	/* fields "name=value;", on ERR_OK */
} cases[] = {
	{ "URL-encoded form", FORM "; charset=UTF-8", "email=a%40b.org&x=1",
	    0, ERR_OK, "email=a@b.org;x=1;" },
	{ "multipart text fields", MP,
	    "--XX\r\n" CD "name=\"email\"\r\n\r\na@b.org\r\n--XX\r\n" CD
	    "name=\"n\"\r\n\r\n\r\n--XX--\r\n", 0, ERR_OK, "email=a@b.org;n=;" },
	{ "quoted boundary", "Multipart/Form-Data; boundary=\"X:Y\"",
	    "--X:Y\r\n" CD "name=a\r\n\r\n1\r\n--X:Y--", 0, ERR_OK, "a=1;" },
	{ "boundary then charset", MP "; charset=utf-8",
	    "--XX\r\n" CD "name=a\r\n\r\n1\r\n--XX--", 0, ERR_OK, "a=1;" },
	{ "no Content-Type", NULL, "a=1", 0, ERR_MEDIA, NULL },
	{ "text/plain", "text/plain", "a=1", 0, ERR_MEDIA, NULL },
	{ "JSON where the route takes none", "application/json", "{}", 0,
	    ERR_MEDIA, NULL },
	{ "malformed Content-Type", "multipart/", "x", 0, ERR_PARSE, NULL },
	{ "multipart without boundary", "multipart/form-data", "x", 0,
	    ERR_PARSE, NULL },
	{ "multipart with a bad boundary", "multipart/form-data; boundary="
	    "\"a;b\"", "x", 0, ERR_PARSE, NULL },
	{ "a file where the route takes none", MP,
	    "--XX\r\n" CD "name=f; filename=\"a.txt\"\r\n\r\nhi\r\n--XX--", 0,
	    ERR_MEDIA, NULL },
	{ "malformed multipart", MP, "--XX\r\n\r\nhi\r\n--XX--", 0,
	    ERR_PARSE, NULL },
	{ "truncated multipart", MP, "--XX\r\n" CD "name=a\r\n\r\n1", 0,
	    ERR_PARSE, NULL },
	{ "text field not UTF-8", MP,
	    "--XX\r\n" CD "name=a\r\n\r\n\xc3(\r\n--XX--", 0, ERR_PARSE,
	    NULL },
	{ "bad form encoding", FORM, "a=%zz", 0, ERR_PARSE, NULL },
};

static void
test_cases(void)
{
	struct run r;
	size_t i, step;

	for (i = 0; i < nitems(cases); i++) {
		for (step = 0; step < 4; step += 3) {
			run(&r, cases[i].ct, cases[i].body,
			    strlen(cases[i].body), cases[i].flags, step, 1);
			T_STREQ(nm(step == 0 ? "body" : "body, 3 bytes at a "
			    "time", cases[i].name), err_str(r.rc),
			    err_str(cases[i].rc));
			if (r.rc == ERR_OK && cases[i].form != NULL)
				T_STREQ(nm("body form", cases[i].name),
				    params_str(r.arena, r.req.form,
				    r.req.nform), cases[i].form);
			if (r.rc != ERR_OK && r.rc != ERR_LIMIT)
				T_TRUE(nm("body: says why", cases[i].name),
				    r.why != NULL && r.why[0] != '\0');
			done(&r);
		}
	}
	T_INTEQ("body: no file left behind", files_left(), 0);
}

/* Read a whole upload back through its descriptor. */
static char *
slurp(const struct upload *u)
{
	char *s = xmalloc(u->size + 1);
	ssize_t n = pread(u->fd, s, u->size, 0);

	s[n > 0 ? n : 0] = '\0';
	return s;
}

static void
test_upload(void)
{
	static const char body[] =
	    "--XX\r\n" CD "name=\"title\"\r\n\r\nMy issue\r\n"
	    "--XX\r\n" CD "name=\"cover\"; filename=\"C:\\pics\\cover.png\"\r\n"
	    "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\r\n"
	    "--XX\r\n" CD "name=\"notes\"; filename=\"notes.txt\"\r\n\r\n"
	    "line\r\n--XY\r\n-XX\r\n\r--XX\n"	/* no delimiter */
	    "\r\n--XX\r\n" CD "name=\"nothing\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n\r\n"
	    "--XX\r\n" CD "name=\"empty\"; filename=\"empty.txt\"\r\n\r\n"
	    "\r\n--XX--\r\n";
	const struct upload *u;
	struct stat st;
	struct run r;
	const char *path;
	char *s;
	size_t step;

	for (step = 0; step < 8; step += 7) {
		run(&r, MP, body, sizeof(body) - 1, ROUTE_UPLOAD, step, 1);
		T_STREQ(nm("upload", step ? "7 bytes at a time" : "whole"),
		    err_str(r.rc), err_str(ERR_OK));
		if (r.rc != ERR_OK) {
			done(&r);
			continue;
		}
		T_STREQ("upload: text field", req_form(&r.req, "title"),
		    "My issue");
		T_INTEQ("upload: three files (the empty input dropped)",
		    r.req.nuploads, 3);
		u = req_upload(&r.req, "cover");
		T_TRUE("upload: cover found", u != NULL);
		if (u == NULL) {
			done(&r);
			continue;
		}
		T_STREQ("upload: base name kept", u->filename, "cover.png");
		T_STREQ("upload: content type", u->content_type, "image/png");
		T_INTEQ("upload: size", u->size, 8);
		s = slurp(u);
		T_TRUE("upload: content", memcmp(s, "\x89PNG\r\n\x1a\n", 8) ==
		    0);
		free(s);
		T_TRUE("upload: in the configured directory", strncmp(u->path,
		    tmpdir, strlen(tmpdir)) == 0);
		u = req_upload(&r.req, "notes");
		s = u != NULL ? slurp(u) : xstrdup("(none)");
		T_STREQ("upload: delimiter-like lines are content", s,
		    "line\r\n--XY\r\n-XX\r\n\r--XX\n");
		free(s);
		T_STREQ("upload: default content type", u != NULL ?
		    u->content_type : "", "application/octet-stream");
		u = req_upload(&r.req, "empty");
		T_TRUE("upload: an empty file is a file", u != NULL &&
		    u->size == 0 && u->path != NULL);
		T_TRUE("upload: the empty input is not",
		    req_upload(&r.req, "nothing") == NULL);
		path = arena_strdup(r.arena, r.req.uploads[0].path);
		T_INTEQ("upload: files exist until request end", files_left(),
		    3);
		done(&r);
		T_INTEQ("upload: unlinked at request end", stat(path, &st), -1);
		T_INTEQ("upload: nothing left", files_left(), 0);
	}
}

static void
test_upload_failures(void)
{
	struct run r;
	struct buf b;
	char chunk[64 * 1024];
	const char *head;
	size_t i;
	enum err rc = ERR_OK;

	/* A file of LIMIT_UPLOAD_FILE passes; one byte more does not. */
	memset(chunk, 'z', sizeof(chunk));
	for (i = 0; i < 2; i++) {
		size_t left = LIMIT_UPLOAD_FILE + i, n;
		static const char first[] = "--XX\r\n" CD
		    "name=f; filename=\"big\"\r\n\r\n";
		static const char tail[] = "\r\n--XX--";

		memset(&r, 0, sizeof(r));
		r.arena = arena_new();
		r.req.arena = r.arena;
		rc = req_body_begin(&r.req, MP, -1, ROUTE_UPLOAD, tmpdir,
		    &r.body, &r.why);
		if (rc == ERR_OK)
			rc = req_body_feed(r.body, first, sizeof(first) - 1);
		while (rc == ERR_OK && left > 0) {
			n = left < sizeof(chunk) ? left : sizeof(chunk);
			rc = req_body_feed(r.body, chunk, n);
			left -= n;
		}
		if (rc == ERR_OK)
			rc = req_body_feed(r.body, tail, sizeof(tail) - 1);
		if (rc == ERR_OK)
			rc = req_body_end(r.body, &r.why);
		T_STREQ(i == 0 ? "upload: LIMIT_UPLOAD_FILE bytes" :
		    "upload: LIMIT_UPLOAD_FILE + 1 bytes", err_str(rc),
		    err_str(i == 0 ? ERR_OK : ERR_LIMIT));
		if (i == 0)
			T_INTEQ("upload: its size", r.req.nuploads == 1 ?
			    r.req.uploads[0].size : 0, LIMIT_UPLOAD_FILE);
		done(&r);
	}
	T_INTEQ("upload: the big files are gone", files_left(), 0);

	/* LIMIT_UPLOAD_FILES files and LIMIT_FORM_FIELDS fields pass. */
	buf_init(&b, 1 << 20);
	for (i = 0; i < 4; i++) {
		size_t k, max = i < 2 ? LIMIT_UPLOAD_FILES : LIMIT_FORM_FIELDS;

		buf_reset(&b);
		for (k = 0; k < max + i % 2; k++)
			buf_printf(&b, "--XX\r\n" CD "name=f%zu%s\r\n\r\n"
			    "%zu\r\n", k, i < 2 ? "; filename=f" : "", k);
		buf_puts(&b, "--XX--");
		run(&r, MP, b.p, b.len, ROUTE_UPLOAD, 0, 1);
		T_STREQ(nm(i < 2 ? "upload: LIMIT_UPLOAD_FILES files" :
		    "multipart: LIMIT_FORM_FIELDS fields", i % 2 ? "one more" :
		    "all"), err_str(r.rc), err_str(i % 2 ? ERR_LIMIT : ERR_OK));
		done(&r);
	}

	/* A text field of LIMIT_FORM_FIELD bytes passes, one more not. */
	for (i = 0; i < 2; i++) {
		size_t k;

		buf_reset(&b);
		buf_puts(&b, "--XX\r\n" CD "name=t\r\n\r\n");
		for (k = 0; k < LIMIT_FORM_FIELD + i; k++)
			buf_putc(&b, 't');
		buf_puts(&b, "\r\n--XX--");
		run(&r, MP, b.p, b.len, 0, 0, 1);
		T_STREQ(i == 0 ? "multipart: field of LIMIT_FORM_FIELD" :
		    "multipart: field of LIMIT_FORM_FIELD + 1", err_str(r.rc),
		    err_str(i == 0 ? ERR_OK : ERR_LIMIT));
		done(&r);
	}

	/*
	 * The whole body: LIMIT_BODY without files (a file part is refused
	 * only once its headers are read), LIMIT_UPLOAD with.
	 */
	buf_reset(&b);
	buf_puts(&b, "--XX\r\n" CD "name=f; filename=t\r\n\r\n");
	while (b.len < LIMIT_BODY + 1)
		buf_putc(&b, 't');
	buf_puts(&b, "\r\n--XX--");
	for (i = 0; i < 2; i++) {
		run(&r, MP, b.p, b.len, 0, 4096, (int)i);
		T_STREQ(i == 0 ? "multipart over LIMIT_BODY, chunked" :
		    "multipart over LIMIT_BODY, declared", err_str(r.rc),
		    err_str(i == 0 ? ERR_MEDIA : ERR_LIMIT));
		done(&r);
	}
	{
		struct buf t;
		size_t k;

		buf_init(&t, 1 << 20);
		while (t.len < LIMIT_BODY + 1) {
			buf_printf(&t, "--XX\r\n" CD "name=f%zu\r\n\r\n",
			    t.len);
			for (k = 0; k < 8000; k++)
				buf_putc(&t, 'v');
			buf_puts(&t, "\r\n");
		}
		buf_puts(&t, "--XX--");
		run(&r, MP, t.p, t.len, 0, 4096, 0);
		T_STREQ("multipart text fields over LIMIT_BODY, chunked",
		    err_str(r.rc), err_str(ERR_LIMIT));
		done(&r);
		buf_free(&t);
	}
	run(&r, MP, b.p, b.len, ROUTE_UPLOAD, 0, 1);
	T_STREQ("upload route: more than LIMIT_BODY", err_str(r.rc),
	    err_str(ERR_OK));
	done(&r);
	buf_free(&b);
	memset(&r, 0, sizeof(r));
	r.arena = arena_new();
	r.req.arena = r.arena;
	T_STREQ("upload route: its limit is LIMIT_UPLOAD", err_str(
	    req_body_begin(&r.req, MP, LIMIT_UPLOAD + 1LL, ROUTE_UPLOAD,
	    tmpdir, &r.body, &r.why)), err_str(ERR_LIMIT));
	done(&r);

	/*
	 * A smaller cap on one file (upload_max_mb): a file of exactly the
	 * cap is read, one byte more is ERR_LIMIT with a sentence, and a
	 * declared length past the cap and a form's room is refused before
	 * any byte.
	 */
	for (i = 0; i < 2; i++) {
		struct buf t;
		size_t n;

		memset(&r, 0, sizeof(r));
		r.arena = arena_new();
		r.req.arena = r.arena;
		buf_init(&t, 4096);
		buf_puts(&t, "--XX\r\n" CD "name=f; filename=x.png\r\n\r\n");
		for (n = 0; n < 100 + i; n++)
			buf_add(&t, "a", 1);
		buf_puts(&t, "\r\n--XX--");
		rc = req_body_begin(&r.req, MP, (long long)t.len, ROUTE_UPLOAD,
		    tmpdir, &r.body, &r.why);
		if (rc == ERR_OK)
			rc = req_body_file_max(r.body, 100, (long long)t.len);
		if (rc == ERR_OK)
			rc = req_body_feed(r.body, t.p, t.len);
		if (rc == ERR_OK)
			rc = req_body_end(r.body, &r.why);
		T_STREQ(i == 0 ? "file cap: a file of exactly the cap" :
		    "file cap: one byte more", err_str(rc),
		    err_str(i == 0 ? ERR_OK : ERR_LIMIT));
		if (i == 1)
			T_TRUE("file cap: says why", req_body_why(r.body) !=
			    NULL && strstr(req_body_why(r.body),
			    "upload limit") != NULL);
		done(&r);
		buf_free(&t);
	}
	memset(&r, 0, sizeof(r));
	r.arena = arena_new();
	r.req.arena = r.arena;
	rc = req_body_begin(&r.req, MP, 100 + LIMIT_BODY + 1LL, ROUTE_UPLOAD,
	    tmpdir, &r.body, &r.why);
	if (rc == ERR_OK)
		rc = req_body_file_max(r.body, 100, 100 + LIMIT_BODY + 1LL);
	T_STREQ("file cap: a declared length past it", err_str(rc),
	    err_str(ERR_LIMIT));
	done(&r);

	/* A directory that does not exist: ERR_IO (a 500), nothing made. */
	head = "--XX\r\n" CD "name=f; filename=x\r\n\r\ndata\r\n--XX--";
	memset(&r, 0, sizeof(r));
	r.arena = arena_new();
	r.req.arena = r.arena;
	rc = req_body_begin(&r.req, MP, -1, ROUTE_UPLOAD, "/nonexistent/dir",
	    &r.body, &r.why);
	if (rc == ERR_OK)
		rc = req_body_feed(r.body, head, strlen(head));
	T_STREQ("upload: no temporary directory", err_str(rc),
	    err_str(ERR_IO));
	done(&r);
	T_INTEQ("upload: nothing left after failures", files_left(), 0);
}

static const struct {
	const char	*name;
	const char	*body;
	enum err	 rc;
	const char	*why;	/* a part of it */
} json_cases[] = {
	{ "object", "{\"title\": \"A\", \"n\": [1, 2]}", ERR_OK, NULL },
	{ "array", "[1, 2, 3]", ERR_OK, NULL },
	{ "empty body", "", ERR_PARSE, "line 1, column 0, byte 0" },
	{ "bare number", "42", ERR_PARSE, "The JSON body is not valid" },
	{ "missing comma", "{\"a\": 1\n \"b\": 2}", ERR_PARSE,
	    "line 2, column 4, byte 12" },
	{ "trailing text", "{} x", ERR_PARSE, "end of file expected" },
	{ "duplicate key", "{\"a\": 1, \"a\": 2}", ERR_PARSE,
	    "duplicate object key" },
	{ "invalid UTF-8", "[\"\xff\"]", ERR_PARSE, "byte" },
	{ "NUL escape", "[\"a\\u0000b\"]", ERR_PARSE, "byte" },
	{ "32 levels", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]"
	    "]]]]]]]]]]]", ERR_OK, NULL },
	{ "33 levels", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]"
	    "]]]]]]]]]]]]]", ERR_PARSE, "deeper than 32 levels (at byte 32)" },
	{ "brackets in strings do not nest", "[\"[[[[[[[[[[[[[[[[[[[[[[[[[[["
	    "[[[[[[[[[[[[[[\\\"[[[[[[[[\"]", ERR_OK, NULL },
};

static void
test_json(void)
{
	struct run r;
	size_t i;

	for (i = 0; i < nitems(json_cases); i++) {
		run(&r, "application/json; charset=utf-8", json_cases[i].body,
		    strlen(json_cases[i].body), ROUTE_JSON, 5, 1);
		T_STREQ(nm("json", json_cases[i].name), err_str(r.rc),
		    err_str(json_cases[i].rc));
		if (json_cases[i].rc == ERR_OK)
			T_TRUE(nm("json: req->json set", json_cases[i].name),
			    json_is_object(r.req.json) ||
			    json_is_array(r.req.json));
		else
			T_TRUE(nm("json: why", json_cases[i].name),
			    r.why != NULL && strstr(r.why,
			    json_cases[i].why) != NULL);
		if (r.why != NULL && json_cases[i].rc != ERR_OK)
			printf("# %s: %s\n", json_cases[i].name, r.why);
		done(&r);
	}
	memset(&r, 0, sizeof(r));
	r.arena = arena_new();
	r.req.arena = r.arena;
	T_STREQ("json: over LIMIT_BODY_JSON declared", err_str(
	    req_body_begin(&r.req, "application/json", LIMIT_BODY_JSON + 1LL,
	    ROUTE_JSON, tmpdir, &r.body, &r.why)), err_str(ERR_LIMIT));
	done(&r);
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		printf("FAIL mkdtemp: cannot make %s\n", tmpdir);
		return 1;
	}
	test_cases();
	test_upload();
	test_upload_failures();
	test_json();
	rmdir(tmpdir);
	T_DONE();
}
