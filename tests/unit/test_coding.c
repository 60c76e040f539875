/*
 * test_coding: content codings.  http_coding_choose reads Accept-Encoding
 * (RFC 9110 section 12.5.3) from untrusted clients: q-values, "*",
 * identity, case, x-gzip, duplicates and malformed elements; brotli wins
 * a tie.  http_type_compressible tells text from media.  http_compress
 * and the two-part gzip of a page with a changing number in it
 * (http_gzip_split, http_gzip_join) are inflated again with zlib and
 * compared with the text byte for byte.
 */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "http/http.h"
#include "test.h"

#define I	HTTP_CODING_IDENTITY
#define GZ	HTTP_CODING_GZIP
#define BR	HTTP_CODING_BR
#define BOTH	((1u << GZ) | (1u << BR))

static const struct {
	const char	*ae;
	unsigned	 offered;
	int		 want;
} cases[] = {
	{ NULL, BOTH, I },		/* no header: as it is */
	{ "", BOTH, I },
	{ "   ", BOTH, I },
	{ "gzip", BOTH, GZ },
	{ "br", BOTH, BR },
	{ "gzip, br", BOTH, BR },	/* a tie: brotli */
	{ "br, gzip", BOTH, BR },
	{ "gzip, deflate, br, zstd", BOTH, BR },
	{ "gzip, deflate", BOTH, GZ },
	{ "br;q=0.5, gzip", BOTH, GZ },
	{ "br;q=0.5, gzip;q=0.4", BOTH, BR },
	{ "br;q=1.0, gzip;q=1", BOTH, BR },
	{ "gzip;q=0", BOTH, I },
	{ "gzip;q=0.0, br;q=0.000", BOTH, I },
	{ "gzip;q=0.001", BOTH, GZ },
	{ "*", BOTH, BR },
	{ "*;q=0", BOTH, I },
	{ "*;q=0.5, gzip", BOTH, GZ },
	{ "*, br;q=0", BOTH, GZ },
	{ "*, br;q=0, gzip;q=0", BOTH, I },
	{ "identity", BOTH, I },
	{ "identity, gzip", BOTH, GZ },	/* a tie: compressed */
	{ "identity;q=1, gzip;q=0.5", BOTH, I },
	{ "identity;q=0, gzip", BOTH, GZ },
	{ "identity;q=0", BOTH, I },	/* nothing else: identity anyway */
	{ "*;q=0.9, identity;q=1", BOTH, I },
	{ "GZIP", BOTH, GZ },
	{ "Br", BOTH, BR },
	{ "x-gzip", BOTH, GZ },
	{ "X-GZIP;q=0.5, br;q=0.4", BOTH, GZ },
	{ "deflate", BOTH, I },
	{ "compress, zstd", BOTH, I },
	/* Offered: only what the answer has. */
	{ "br", 1u << GZ, I },
	{ "gzip, br", 1u << GZ, GZ },
	{ "br, gzip;q=0.1", 1u << GZ, GZ },
	{ "gzip", 1u << BR, I },
	{ "*", 1u << GZ, GZ },
	{ "gzip, br", 0, I },
	/* White space and empty elements (RFC 9110 5.6.1). */
	{ " gzip ; q=0.5 ,  br ; q=0.4 ", BOTH, GZ },
	{ ",,gzip,,", BOTH, GZ },
	{ "gzip\t;\tq=1", BOTH, GZ },
	/* A coding named twice: the first counts. */
	{ "gzip;q=0, gzip", BOTH, I },
	{ "br, br;q=0", BOTH, BR },
	/* Malformed elements are skipped, the rest still counts. */
	{ "br;q=2, gzip", BOTH, GZ },
	{ "br;q=1.0001, gzip", BOTH, GZ },
	{ "br;q=-1, gzip", BOTH, GZ },
	{ "br;q=, gzip", BOTH, GZ },
	{ "br;q, gzip", BOTH, GZ },
	{ "br q=1, gzip;q=0.5", BOTH, GZ },
	{ "br;q=0.5;q=1, gzip;q=0.4", BOTH, GZ },	/* q twice */
	{ "b\"r, gzip", BOTH, I },	/* the quote eats the rest */
	{ "br;x=\"a,b\", gzip;q=0", BOTH, BR },	/* a quoted comma */
	{ "br;level=\"11\"", BOTH, BR },
	{ ";q=1, gzip", BOTH, GZ },
	{ "gzip;q=0.5 junk", BOTH, I },
	{ "\xff\xfe, gzip", BOTH, GZ },
	{ "gzip\r\n, br", BOTH, BR },
};

static const struct {
	const char	*type;
	int		 want;
} types[] = {
	{ "text/html; charset=utf-8", 1 },
	{ "text/css", 1 },
	{ "TEXT/PLAIN", 1 },
	{ "text/calendar; charset=utf-8", 1 },
	{ "application/json", 1 },
	{ "application/problem+json", 1 },
	{ "application/atom+xml", 1 },
	{ "application/rss+xml; charset=utf-8", 1 },
	{ "application/xml", 1 },
	{ "application/javascript", 1 },
	{ "image/svg+xml", 1 },
	{ "image/png", 0 },
	{ "image/jpeg", 0 },
	{ "image/webp", 0 },
	{ "application/pdf", 0 },
	{ "application/zip", 0 },
	{ "font/woff2", 0 },
	{ "application/octet-stream", 0 },
	{ "application/json-seq", 0 },
	{ "text/", 0 },
	{ "+json", 0 },
	{ "", 0 },
	{ NULL, 0 },
};

/* Inflate a gzip member (or several); 1 if it gives want exactly. */
static int
gunzip_eq(const char *in, size_t n, const char *want, size_t wantlen)
{
	static char out[1 << 20];
	z_stream z;
	int zr, ok;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 31) != Z_OK)
		return 0;
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = (Bytef *)out;
	z.avail_out = sizeof(out);
	zr = inflate(&z, Z_FINISH);
	ok = zr == Z_STREAM_END && z.avail_in == 0 &&
	    sizeof(out) - z.avail_out == wantlen &&
	    memcmp(out, want, wantlen) == 0;
	inflateEnd(&z);
	return ok;
}

/* A page-like text of about n bytes with "@@" where a number goes. */
static char *
page_text(size_t n, size_t *hole)
{
	struct buf b;
	size_t i;

	buf_init(&b, 4 * n + 4096);
	buf_puts(&b, "<!doctype html><title>T</title><main>");
	for (i = 0; b.len < n / 2; i++)
		buf_printf(&b, "<p>Paragraph %zu of the article.</p>\n", i);
	*hole = b.len;
	buf_puts(&b, "@@");
	for (; b.len < n; i++)
		buf_printf(&b, "<li>Related %zu</li>\n", i * 7);
	buf_puts(&b, "</main>");
	return buf_take(&b, NULL);
}

static void
test_gzip_split(void)
{
	static const char *const fills[] = { "", "1", "9999", "123456789" };
	struct gzip_split g;
	struct buf out, want;
	char *text, name[128];
	size_t hole, n, i, sizes[] = { 0, 1500, 40000, 300000 };
	size_t s;

	for (s = 0; s < nitems(sizes); s++) {
		text = page_text(sizes[s], &hole);
		n = strlen(text);
		T_INTEQ(nm("http_gzip_split", "splits"), http_gzip_split(text,
		    n, hole, 2, HTTP_EFFORT_PAGE, &g), ERR_OK);
		for (i = 0; i < nitems(fills); i++) {
			buf_init(&out, LIMIT_PAGE);
			buf_init(&want, LIMIT_PAGE);
			buf_add(&want, text, hole);
			buf_puts(&want, fills[i]);
			buf_add(&want, text + hole + 2, n - hole - 2);
			T_INTEQ(nm("http_gzip_join", "joins"), http_gzip_join(
			    &g, fills[i], strlen(fills[i]), &out), ERR_OK);
			snprintf(name, sizeof(name), "gzip of %zu bytes "
			    "with \"%s\" inflates to the text", n, fills[i]);
			T_TRUE(name, gunzip_eq(out.p, out.len, want.p,
			    want.len));
			if (n > 10000) {
				snprintf(name, sizeof(name), "gzip of %zu "
				    "bytes is under a third of them", n);
				T_TRUE(name, out.len * 3 < n);
			}
			buf_free(&out);
			buf_free(&want);
		}
		http_gzip_split_free(&g);
		free(text);
	}
	/* A hole at either end. */
	text = page_text(5000, &hole);
	n = strlen(text);
	T_INTEQ("http_gzip_split: hole at the start", http_gzip_split(text, n,
	    0, 0, HTTP_EFFORT_PAGE, &g), ERR_OK);
	buf_init(&out, LIMIT_PAGE);
	http_gzip_join(&g, "X", 1, &out);
	buf_init(&want, LIMIT_PAGE);
	buf_puts(&want, "X");
	buf_puts(&want, text);
	T_TRUE("gzip with a hole at the start inflates to the text",
	    gunzip_eq(out.p, out.len, want.p, want.len));
	http_gzip_split_free(&g);
	buf_reset(&out);
	buf_reset(&want);
	T_INTEQ("http_gzip_split: hole at the end", http_gzip_split(text, n,
	    n, 0, HTTP_EFFORT_PAGE, &g), ERR_OK);
	http_gzip_join(&g, "42", 2, &out);
	buf_puts(&want, text);
	buf_puts(&want, "42");
	T_TRUE("gzip with a hole at the end inflates to the text",
	    gunzip_eq(out.p, out.len, want.p, want.len));
	/* A full buffer is ERR_LIMIT. */
	buf_free(&out);
	buf_init(&out, 10);
	T_INTEQ("http_gzip_join past the buffer's maximum", http_gzip_join(&g,
	    "42", 2, &out), ERR_LIMIT);
	http_gzip_split_free(&g);
	buf_free(&out);
	buf_free(&want);
	free(text);
}

static void
test_compress(void)
{
	struct str coded[HTTP_CODING__MAX];
	char *text, *out = NULL, name[128];
	size_t hole, n, len, bytes;
	enum http_effort e;

	text = page_text(20000, &hole);
	n = strlen(text);
	for (e = 0; e < HTTP_EFFORT__MAX; e++) {
		snprintf(name, sizeof(name), "http_compress gzip at effort "
		    "%d", (int)e);
		T_INTEQ(name, http_compress(HTTP_CODING_GZIP, e, text, n,
		    &out, &len), ERR_OK);
		snprintf(name, sizeof(name), "gzip at effort %d inflates to "
		    "the text", (int)e);
		T_TRUE(name, gunzip_eq(out, len, text, n));
		free(out);
		snprintf(name, sizeof(name), "http_compress br at effort %d "
		    "is smaller", (int)e);
		T_TRUE(name, http_compress(HTTP_CODING_BR, e, text, n, &out,
		    &len) == ERR_OK && len * 4 < n);
		free(out);
	}
	/* Random-looking bytes do not get smaller: left as they are. */
	out = NULL;
	T_INTEQ("http_compress of 16 bytes that do not compress",
	    http_compress(HTTP_CODING_GZIP, HTTP_EFFORT_ONCE,
	    "\x8f\x01\xe3\x7a\x55\xc2\x19\xb0\x3d\x6e\xa4\x90\x0f\xfb\x27\x48",
	    16, &out, &len), ERR_LIMIT);
	T_TRUE("http_compress that saves nothing leaves *out", out == NULL);
	bytes = http_compress_each(HTTP_EFFORT_PAGE, text, n, coded);
	T_TRUE("http_compress_each: no identity", coded[0].p == NULL);
	T_TRUE("http_compress_each: gzip and brotli made",
	    coded[GZ].p != NULL && coded[BR].p != NULL);
	T_INTEQ("http_compress_each: the bytes they hold", bytes,
	    coded[GZ].len + coded[BR].len);
	T_TRUE("http_compress_each: its gzip inflates to the text",
	    gunzip_eq(coded[GZ].p, coded[GZ].len, text, n));
	http_coded_free(coded);
	T_INTEQ("http_compress_each: nothing for a small text",
	    http_compress_each(HTTP_EFFORT_PAGE, text, LIMIT_COMPRESS_MIN - 1,
	    coded), 0);
	T_TRUE("http_compress_each: small text, none made",
	    coded[GZ].p == NULL && coded[BR].p == NULL);
	free(text);
}

int
main(void)
{
	struct arena *a = arena_new();
	char name[512];
	size_t i, j;

	for (i = 0; i < nitems(cases); i++) {
		snprintf(name, sizeof(name), "http_coding_choose \"%s\" of %u",
		    cases[i].ae != NULL ? cases[i].ae : "(none)",
		    cases[i].offered);
		for (j = 0; name[j] != '\0'; j++)	/* one line, ASCII */
			if ((unsigned char)name[j] < 0x20 ||
			    (unsigned char)name[j] >= 0x7f)
				name[j] = '?';
		T_INTEQ(name, http_coding_choose(a, cases[i].ae,
		    cases[i].offered), cases[i].want);
	}
	for (i = 0; i < nitems(types); i++)
		T_INTEQ(nm("http_type_compressible", types[i].type != NULL ?
		    types[i].type : "(none)"), http_type_compressible(
		    types[i].type), types[i].want);
	test_gzip_split();
	test_compress();
	arena_free(a);
	T_DONE();
}
