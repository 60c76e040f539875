/*
 * openapi: /api/v1/openapi.json, the OpenAPI 3.1 document that describes
 * the API (src/api/openapi.json).  The file is built into the program
 * (.incbin, below; the Makefile rebuilds this object when it changes), so
 * the document served is always the one of the code that serves it, with
 * nothing to install or find at run time.  It is sent from memory on the
 * polling thread, with a strong ETag: a hash of its bytes, and in gzip
 * and brotli made at its first request (kept for the process's life).
 */
#include <pthread.h>
#include <string.h>

#include "api.h"

extern const char api_openapi_json[];
extern const char api_openapi_json_end[];
__asm__(
	".pushsection .rodata\n"
	".balign 16\n"
	".globl api_openapi_json\n"
	"api_openapi_json:\n"
	".incbin \"src/api/openapi.json\"\n"
	".globl api_openapi_json_end\n"
	"api_openapi_json_end:\n"
	".byte 0\n"
	".popsection\n");

static pthread_once_t etag_once = PTHREAD_ONCE_INIT;
static char etag[24];
static struct str coded[HTTP_CODING__MAX];

static void
etag_make(void)
{
	size_t n = (size_t)(api_openapi_json_end - api_openapi_json);

	snprintf(etag, sizeof(etag), "\"%016llx\"", (unsigned long long)
	    hash_bytes(api_openapi_json, n));
	/* At a cached page's effort: a few milliseconds, once. */
	http_compress_each(HTTP_EFFORT_PAGE, api_openapi_json, n, coded);
}

enum err
api_openapi(struct ctx *ctx, struct req *r, struct resp *resp)
{
	(void)ctx;
	(void)r;
	pthread_once(&etag_once, etag_make);
	resp->status = 200;
	resp->content_type = "application/json";
	resp->data = api_openapi_json;
	resp->datalen = (size_t)(api_openapi_json_end - api_openapi_json);
	snprintf(resp->etag, sizeof(resp->etag), "%s", etag);
	memcpy(resp->coded, coded, sizeof(resp->coded));
	resp->coded_only = 1;
	return ERR_OK;
}
