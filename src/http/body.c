/*
 * body: a request body, read as it arrives.  The Content-Type and the
 * route decide, before any byte is read, what is accepted and how much:
 * a URL-encoded form (LIMIT_BODY) or a multipart form (LIMIT_BODY, text
 * fields only) anywhere; files (LIMIT_UPLOAD) only on ROUTE_UPLOAD
 * routes and JSON (LIMIT_BODY_JSON) only on ROUTE_JSON routes; anything
 * else is ERR_MEDIA (415).  Forms and JSON are buffered and parsed at the
 * end; a multipart body streams through the multipart parser, its text
 * fields into req->form and its files into temporary files, so a file is
 * never in memory whole.
 *
 * Invariant: every temporary file is created here and closed and
 * unlinked by req_body_free, whatever way the request ends.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http.h"

enum body_kind {
	BODY_FORM,
	BODY_JSON,
	BODY_MULTIPART
};

struct reqbody {
	struct req		*req;
	enum body_kind		 kind;
	int			 flags;		/* the route's */
	const char		*tmpdir;
	size_t			 limit;
	size_t			 file_max;	/* one file, bytes */
	size_t			 got;
	struct multipart	*mp;
	/* The part being read. */
	const char		*field;
	struct buf		 text;		/* a text field's value */
	struct upload		*file;		/* NULL: a text field */
	struct upload		 uploads[LIMIT_UPLOAD_FILES];
	size_t			 nuploads;
	const char		*why;		/* for the client */
};

static enum err
part_begin(void *arg, const struct multipart_part *p)
{
	struct reqbody *b = arg;
	struct upload *u;
	const char *base, *s;

	b->field = p->name;
	b->file = NULL;
	buf_reset(&b->text);
	if (p->filename == NULL) {
		if (b->req->nform == nitems(b->req->form))
			return ERR_LIMIT;
		return ERR_OK;
	}
	if (!(b->flags & ROUTE_UPLOAD)) {
		b->why = "This page takes no files.";
		return ERR_MEDIA;
	}
	if (b->nuploads == nitems(b->uploads))
		return ERR_LIMIT;
	/* Old browsers sent a whole path: keep its last name. */
	for (base = s = p->filename; *s != '\0'; s++)
		if (*s == '/' || *s == '\\')
			base = s + 1;
	if (strlen(base) > LIMIT_FILENAME)
		return ERR_LIMIT;
	if (!http_value_valid(base))
		return ERR_PARSE;
	u = &b->uploads[b->nuploads++];
	u->field = p->name;
	u->filename = base;
	u->content_type = p->content_type != NULL ? p->content_type :
	    "application/octet-stream";
	u->fd = -1;
	b->file = u;
	return ERR_OK;
}

static enum err
file_open(struct reqbody *b, struct upload *u)
{
	char *path;

	path = arena_printf(b->req->arena, "%s/octavo-upload-XXXXXX",
	    b->tmpdir);
	if ((u->fd = mkstemp(path)) == -1) {
		log_warn("upload: %s", path);
		return ERR_IO;
	}
	u->path = path;
	return ERR_OK;
}

static enum err
part_data(void *arg, const char *p, size_t n)
{
	struct reqbody *b = arg;
	struct upload *u = b->file;
	ssize_t w;
	enum err rc;

	if (u == NULL)
		return buf_add(&b->text, p, n);
	if (n > b->file_max - u->size) {
		b->why = arena_printf(b->req->arena, "The file is larger "
		    "than the upload limit of %zu KB.", b->file_max / 1024);
		return ERR_LIMIT;
	}
	if (u->fd == -1 && (rc = file_open(b, u)) != ERR_OK)
		return rc;
	while (n > 0) {
		w = write(u->fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1) {
			log_warn("upload: %s", u->path);
			return ERR_IO;
		}
		p += w;
		n -= (size_t)w;
		u->size += (uint64_t)w;
	}
	return ERR_OK;
}

static enum err
part_end(void *arg)
{
	struct reqbody *b = arg;
	struct req *r = b->req;
	struct upload *u = b->file;

	if (u != NULL) {
		/* An empty file input sends filename="" and nothing. */
		if (u->fd == -1 && u->filename[0] == '\0') {
			b->nuploads--;
			return ERR_OK;
		}
		if (u->fd == -1)
			return file_open(b, u);
		if (lseek(u->fd, 0, SEEK_SET) == -1) {
			log_warn("upload: %s", u->path);
			return ERR_IO;
		}
		return ERR_OK;
	}
	if (b->text.len > 0 && (!utf8_valid(b->text.p, b->text.len) ||
	    memchr(b->text.p, '\0', b->text.len) != NULL))
		return ERR_PARSE;
	r->form[r->nform].name = b->field;
	r->form[r->nform].value = arena_strndup(r->arena,
	    b->text.p != NULL ? b->text.p : "", b->text.len);
	r->nform++;
	return ERR_OK;
}

static const struct multipart_cb form_cb = {
	part_begin, part_data, part_end
};

enum err
req_body_begin(struct req *r, const char *content_type, long long length,
    int flags, const char *tmpdir, struct reqbody **out, const char **why)
{
	struct reqbody *b;
	struct media m;
	const char *boundary;
	enum err rc;

	*out = NULL;
	*why = NULL;
	if (content_type == NULL) {
		*why = "A body was sent without saying its type.";
		return ERR_MEDIA;
	}
	if (http_media_parse(r->arena, content_type, &m) != ERR_OK) {
		*why = "The Content-Type header is not valid.";
		return ERR_PARSE;
	}
	b = arena_alloc(r->arena, sizeof(*b));
	b->req = r;
	b->flags = flags;
	b->tmpdir = tmpdir;
	buf_init(&b->text, (flags & ROUTE_LONG_FORM) ? LIMIT_FORM_LONG :
	    LIMIT_FORM_FIELD);
	b->limit = LIMIT_BODY;
	b->file_max = LIMIT_UPLOAD_FILE;
	if (strcmp(m.type, "application/x-www-form-urlencoded") == 0) {
		b->kind = BODY_FORM;
		if (flags & ROUTE_LONG_FORM)
			b->limit = LIMIT_BODY_LONG;
	} else if (strcmp(m.type, "application/json") == 0 &&
	    (flags & ROUTE_JSON)) {
		b->kind = BODY_JSON;
		b->limit = LIMIT_BODY_JSON;
	} else if (strcmp(m.type, "multipart/form-data") == 0) {
		b->kind = BODY_MULTIPART;
		if (flags & ROUTE_UPLOAD)
			b->limit = LIMIT_UPLOAD;
		boundary = http_param_get(m.params, m.nparams, "boundary");
		if (boundary == NULL || (rc = multipart_new(r->arena,
		    boundary, &form_cb, b, &b->mp)) != ERR_OK) {
			*why = "The multipart boundary is missing or not "
			    "valid.";
			return ERR_PARSE;
		}
	} else {
		*why = "This page does not take a body of that type.";
		return ERR_MEDIA;
	}
	buf_init(&r->body, b->limit);
	*out = b;
	if (length >= 0 && (unsigned long long)length > b->limit)
		return ERR_LIMIT;
	return ERR_OK;
}

enum err
req_body_file_max(struct reqbody *b, size_t max, long long length)
{
	if (max == 0 || max >= b->file_max)
		return ERR_OK;
	b->file_max = max;
	if (b->kind == BODY_MULTIPART && (b->flags & ROUTE_UPLOAD) &&
	    max + LIMIT_BODY < b->limit)
		b->limit = max + LIMIT_BODY;
	if (length >= 0 && (unsigned long long)length > b->limit) {
		b->why = arena_printf(b->req->arena, "The upload is larger "
		    "than the limit of %zu KB.", max / 1024);
		return ERR_LIMIT;
	}
	return ERR_OK;
}

enum err
req_body_feed(struct reqbody *b, const char *p, size_t n)
{
	enum err rc;

	if (n > b->limit - b->got)
		return ERR_LIMIT;
	b->got += n;
	if (b->kind != BODY_MULTIPART)
		return buf_add(&b->req->body, p, n);
	rc = multipart_feed(b->mp, p, n);
	if (rc == ERR_PARSE && b->why == NULL)
		b->why = "The form could not be read.";
	return rc;
}

enum err
req_body_end(struct reqbody *b, const char **why)
{
	struct req *r = b->req;
	enum err rc;

	*why = NULL;
	switch (b->kind) {
	case BODY_FORM:
		rc = req_parse_params_max(r->arena, r->body.p, r->body.len,
		    r->form, nitems(r->form), (b->flags & ROUTE_LONG_FORM) ?
		    LIMIT_FORM_LONG : LIMIT_FORM_FIELD, &r->nform);
		if (rc == ERR_PARSE)
			*why = "The form could not be read.";
		return rc;
	case BODY_JSON:
		return req_json_parse(r->arena, r->body.p != NULL ?
		    r->body.p : "", r->body.len, &r->json, why);
	case BODY_MULTIPART:
		if ((rc = multipart_finish(b->mp)) != ERR_OK) {
			*why = b->why != NULL ? b->why :
			    "The form could not be read.";
			return rc;
		}
		r->uploads = b->uploads;
		r->nuploads = b->nuploads;
		return ERR_OK;
	}
	return ERR_PARSE;
}

const char *
req_body_why(const struct reqbody *b)
{
	return b != NULL ? b->why : NULL;
}

void
req_body_free(struct reqbody *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->nuploads; i++) {
		if (b->uploads[i].fd != -1)
			close(b->uploads[i].fd);
		if (b->uploads[i].path != NULL &&
		    unlink(b->uploads[i].path) == -1 && errno != ENOENT)
			log_warn("upload: %s", b->uploads[i].path);
	}
	b->nuploads = 0;
	buf_free(&b->text);
	json_decref(b->req->json);
	b->req->json = NULL;
	b->req->uploads = NULL;
	b->req->nuploads = 0;
}
