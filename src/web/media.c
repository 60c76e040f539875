/*
 * media: uploaded files at /media/NAME, straight from the media folder
 * (sendfile through libmicrohttpd's file answer, never through memory).
 * An answer's type is the one the file's content was recognised as at
 * upload (its row's), never guessed again; a PDF also says its original
 * name (Content-Disposition: inline, RFC 6266).  Every answer forbids
 * sniffing and carries a policy under which nothing in the file can run
 * (no script, no plugin, a sandbox): an uploaded file is only ever data.
 * A name never changes its bytes, so answers are cached for a year.
 */
#include <string.h>
#include <unistd.h>

#include "web.h"

/* No script, style, frame or form; a document of its own origin-less. */
static const char media_csp[] = "default-src 'none'; "
    "img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; "
    "form-action 'none'; base-uri 'none'; sandbox";

enum err
page_media(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const char *name = r->args[0], *type;
	json_t *row = NULL;
	char date[30];
	uint64_t size;
	enum err rc;
	int fd;

	if (!media_name_valid(name))
		return ERR_NOTFOUND;
	if ((rc = store_media_get(ctx->store, 0, name, &row)) != ERR_OK)
		return rc;
	if ((rc = media_open(ctx->site, r->arena, name, &fd, &size)) !=
	    ERR_OK)
		goto out;
	type = view_str(row, "type");
	resp->status = 200;
	resp->content_type = strcmp(type, "application/pdf") == 0 ?
	    "application/pdf" : strncmp(type, "image/", 6) == 0 ?
	    arena_strdup(r->arena, type) : "application/octet-stream";
	if (strcmp(type, "application/pdf") == 0 &&
	    *view_str(row, "filename") != '\0')
		resp_disposition_set(resp, r->arena, 0, view_str(row,
		    "filename"));
	resp->cache_control = "public, max-age=31536000, immutable";
	resp->csp = media_csp;
	snprintf(resp->etag, sizeof(resp->etag), "\"%.*s\"",
	    MEDIA_NAME_HEX, name);
	time_fmt_http(json_integer_value(json_object_get(row, "created_at")),
	    date);
	resp_header_add(resp, r->arena, "Last-Modified", date);
	resp->file = 1;
	resp->fd = fd;
	resp->filelen = size;
out:
	json_decref(row);
	return rc;
}
