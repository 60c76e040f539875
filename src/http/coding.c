/*
 * coding: content codings (RFC 9110 section 8.4), gzip through zlib and
 * brotli through libbrotlienc.  Text answers are compressed when the
 * request's Accept-Encoding takes a coding; what is served often (a
 * cached page, a theme file) is compressed once, when it is made, by
 * its owner, and resp_encode only picks the variant; other answers are
 * compressed on the worker that made them, never on the polling thread.
 *
 * Invariants: an answer that is compressed, or could have been, carries
 * Vary: Accept-Encoding, so no shared cache hands one coding to a client
 * that asked for another; each coding has its own ETag ("-gz" or "-br"
 * inside the quotes), so If-None-Match matches the representation the
 * client holds.  Private answers (the back office, anything no-store or
 * private) are never compressed: they carry secrets (a CSRF token) beside
 * text a request can reflect, which is what BREACH measures.
 *
 * A page with a read count in it changes with every answer; its gzip is
 * made once in two parts, before and after the count, and each answer
 * joins them around the count as a stored deflate block, with the
 * CRC-32s combined (zlib's crc32_combine): a few bytes of work instead
 * of compressing the page.  Brotli has no such join, so those pages are
 * offered in gzip alone.
 */
#include <assert.h>
#include <brotli/encode.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "http.h"

/*
 * gzip level and brotli quality by enum http_effort.  A file kept for
 * good gets brotli 8, not 11: 11 saves 9% more of the style sheet but
 * took 63 ms for it (8: 1.9 ms), which every start would wait for.
 */
static const int gzip_level[HTTP_EFFORT__MAX] = { 5, 6, 9 };
static const int br_quality[HTTP_EFFORT__MAX] = { 4, 5, 8 };

int
http_type_compressible(const char *ct)
{
	static const char *const types[] = { "application/json",
	    "application/javascript", "application/xml",
	    "image/svg+xml", "application/x-bibtex",
	    "application/x-research-info-systems" };
	size_t n, i;

	if (ct == NULL)
		return 0;
	n = strcspn(ct, "; \t");
	if (n > 5 && strncasecmp(ct, "text/", 5) == 0)
		return 1;
	if ((n > 5 && strncasecmp(ct + n - 5, "+json", 5) == 0) ||
	    (n > 4 && strncasecmp(ct + n - 4, "+xml", 4) == 0))
		return 1;
	for (i = 0; i < nitems(types); i++)
		if (n == strlen(types[i]) && strncasecmp(ct, types[i], n) == 0)
			return 1;
	return 0;
}

/*
 * Room was made for the worst case, about the text's size: a copy of just
 * the len bytes made keeps what a cached page holds to what the cache
 * counts (as page_new does for the page); takes p.
 */
static char *
exact(char *p, size_t len)
{
	char *q = xmalloc(len != 0 ? len : 1);

	memcpy(q, p, len);
	free(p);
	return q;
}

/* Deflate in[0, n) through z, flushing with flush, appending to *out. */
static enum err
deflate_all(z_stream *z, const char *in, size_t n, int flush, char **out,
    size_t *outlen)
{
	size_t cap = deflateBound(z, n) + 16;
	int zr;

	*out = xmalloc(cap);
	z->next_in = (Bytef *)(uintptr_t)in;
	z->avail_in = (uInt)n;
	z->next_out = (Bytef *)*out;
	z->avail_out = (uInt)cap;
	zr = deflate(z, flush);
	if ((flush == Z_FINISH && zr != Z_STREAM_END) ||
	    (flush != Z_FINISH && zr != Z_OK) || z->avail_in != 0) {
		free(*out);
		*out = NULL;
		return ERR_IO;
	}
	*outlen = cap - z->avail_out;
	return ERR_OK;
}

/* One zlib stream: gzip (window bits 31) or raw deflate (-15). */
static enum err
deflate_once(int level, int bits, const char *in, size_t n, int flush,
    char **out, size_t *outlen)
{
	z_stream z;
	enum err rc;

	memset(&z, 0, sizeof(z));
	if (n > UINT32_MAX || deflateInit2(&z, level, Z_DEFLATED, bits, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return ERR_IO;
	rc = deflate_all(&z, in, n, flush, out, outlen);
	deflateEnd(&z);
	return rc;
}

enum err
http_compress(enum http_coding c, enum http_effort e, const char *in,
    size_t n, char **out, size_t *outlen)
{
	char *p = NULL;
	size_t len = 0;
	int lgwin = BROTLI_MIN_WINDOW_BITS;
	enum err rc = ERR_OK;

	assert(c != HTTP_CODING_IDENTITY && c < HTTP_CODING__MAX);
	if (c == HTTP_CODING_GZIP)
		rc = deflate_once(gzip_level[e], 31, in, n, Z_FINISH, &p,
		    &len);
	else {
		/*
		 * A window no larger than the text: the encoder sizes its
		 * ring buffer from it, not brotli's default 4 MiB per page.
		 */
		while (lgwin < BROTLI_DEFAULT_WINDOW &&
		    ((size_t)1 << lgwin) < n)
			lgwin++;
		len = BrotliEncoderMaxCompressedSize(n);
		p = xmalloc(len != 0 ? len : 1);
		if (len == 0 || !BrotliEncoderCompress(br_quality[e],
		    lgwin, BROTLI_MODE_TEXT, n,
		    (const uint8_t *)in, &len, (uint8_t *)p))
			rc = ERR_IO;
	}
	if (rc == ERR_OK && len >= n)
		rc = ERR_LIMIT;
	if (rc != ERR_OK) {
		free(p);
		return rc;
	}
	*out = exact(p, len);
	*outlen = len;
	return ERR_OK;
}

size_t
http_compress_each(enum http_effort e, const char *in, size_t n,
    struct str coded[HTTP_CODING__MAX])
{
	size_t bytes = 0, len;
	char *out;
	int k;

	memset(coded, 0, HTTP_CODING__MAX * sizeof(*coded));
	for (k = 1; k < HTTP_CODING__MAX && n >= LIMIT_COMPRESS_MIN; k++) {
		if (http_compress(k, e, in, n, &out, &len) != ERR_OK)
			continue;
		coded[k].p = out;
		coded[k].len = len;
		bytes += len;
	}
	return bytes;
}

void
http_coded_free(struct str coded[HTTP_CODING__MAX])
{
	int k;

	for (k = 0; k < HTTP_CODING__MAX; k++) {
		free((char *)(uintptr_t)coded[k].p);
		coded[k].p = NULL;
	}
}

void
http_gzip_split_free(struct gzip_split *g)
{
	free(g->head);
	free(g->tail);
	memset(g, 0, sizeof(*g));
}

enum err
http_gzip_split(const char *in, size_t n, size_t off, size_t holelen,
    enum http_effort e, struct gzip_split *g)
{
	const char *rest = in + off + holelen;
	enum err rc;

	assert(off + holelen <= n);
	memset(g, 0, sizeof(*g));
	g->len_head = off;
	g->len_tail = n - off - holelen;
	/* Byte-aligned, not final: a stored block may follow. */
	rc = deflate_once(gzip_level[e], 31, in, off, Z_SYNC_FLUSH,
	    &g->head, &g->headlen);
	if (rc == ERR_OK)
		rc = deflate_once(gzip_level[e], -15, rest, g->len_tail,
		    Z_FINISH, &g->tail, &g->taillen);
	if (rc != ERR_OK) {
		http_gzip_split_free(g);
		return rc;
	}
	g->head = exact(g->head, g->headlen);
	g->tail = exact(g->tail, g->taillen);
	g->crc_head = crc32(0, (const Bytef *)in, (uInt)off);
	g->crc_tail = crc32(0, (const Bytef *)rest, (uInt)g->len_tail);
	return ERR_OK;
}

/* Four bytes, least significant first (the gzip trailer's order). */
static enum err
put_le32(struct buf *out, unsigned long v)
{
	char b[4];

	b[0] = (char)(v & 0xff);
	b[1] = (char)((v >> 8) & 0xff);
	b[2] = (char)((v >> 16) & 0xff);
	b[3] = (char)((v >> 24) & 0xff);
	return buf_add(out, b, sizeof(b));
}

enum err
http_gzip_join(const struct gzip_split *g, const char *fill,
    size_t fill_len, struct buf *out)
{
	unsigned long crc;
	char stored[5];
	enum err rc;

	assert(fill_len <= 0xffff);
	/* A stored block (RFC 1951 3.2.4): BFINAL 0, BTYPE 00, LEN, NLEN. */
	stored[0] = 0;
	stored[1] = (char)(fill_len & 0xff);
	stored[2] = (char)(fill_len >> 8);
	stored[3] = (char)(~fill_len & 0xff);
	stored[4] = (char)((~fill_len >> 8) & 0xff);
	crc = crc32_combine(g->crc_head, crc32(0, (const Bytef *)fill,
	    (uInt)fill_len), (z_off_t)fill_len);
	crc = crc32_combine(crc, g->crc_tail, (z_off_t)g->len_tail);
	if ((rc = buf_add(out, g->head, g->headlen)) != ERR_OK ||
	    (rc = buf_add(out, stored, sizeof(stored))) != ERR_OK ||
	    (rc = buf_add(out, fill, fill_len)) != ERR_OK ||
	    (rc = buf_add(out, g->tail, g->taillen)) != ERR_OK ||
	    (rc = put_le32(out, crc)) != ERR_OK)
		return rc;
	return put_le32(out, (unsigned long)(g->len_head + fill_len +
	    g->len_tail));
}

/* 1 if the answer is text worth a coding and may be compressed. */
static int
encodable(const struct req *q, const struct resp *r)
{
	const char *cc = r->cache_control;
	size_t len;

	if ((q->route != NULL && (q->route->flags & ROUTE_PRIVATE)) ||
	    (cc != NULL && (strcasestr(cc, "no-store") != NULL ||
	    strcasestr(cc, "private") != NULL)))
		return 0;
	if (r->status < 200 || r->status == 204 || r->status == 206 ||
	    r->status == 304 || r->file ||
	    resp_header(r, "Content-Encoding") != NULL ||
	    !http_type_compressible(r->content_type))
		return 0;
	if (r->coding != HTTP_CODING_IDENTITY)
		return 1;
	len = r->data != NULL ? r->datalen : r->body.len;
	return len >= LIMIT_COMPRESS_MIN;
}

/* "-gz" or "-br" before the ETag's closing quote. */
static void
etag_suffix(struct resp *r)
{
	size_t n = strlen(r->etag);

	if (n < 2 || r->etag[n - 1] != '"' || n + 3 >= sizeof(r->etag))
		return;
	snprintf(r->etag + n - 1, sizeof(r->etag) - n + 1, "-%s\"",
	    r->coding == HTTP_CODING_GZIP ? "gz" : "br");
}

/* Compress the answer's body now, replacing it; 0 if it stays as it is. */
static int
compress_now(struct resp *r, enum http_coding c)
{
	const char *in = r->data != NULL ? r->data : r->body.p;
	size_t n = r->data != NULL ? r->datalen : r->body.len, len;
	char *out;

	if (http_compress(c, HTTP_EFFORT_ANSWER, in, n, &out, &len) != ERR_OK)
		return 0;
	if (r->data != NULL && r->release != NULL)
		r->release(r->release_arg);
	buf_reset(&r->body);
	r->data = out;
	r->datalen = len;
	r->release = free;
	r->release_arg = out;
	return 1;
}

void
resp_encode(const struct req *q, struct resp *r, int may_compress)
{
	unsigned offered = 0;
	enum http_coding c;
	int k;

	if (r->encoded)
		return;
	r->encoded = 1;
	if (!encodable(q, r))
		return;
	r->vary = 1;
	if (r->coding == HTTP_CODING_IDENTITY) {
		for (k = 1; k < HTTP_CODING__MAX; k++)
			if (r->coded[k].p != NULL)
				offered |= 1u << k;
		if (may_compress && !r->coded_only)
			offered = (1u << HTTP_CODING__MAX) - 2;
		if (offered == 0 || (c = http_coding_choose(q->arena,
		    q->accept_encoding, offered)) == HTTP_CODING_IDENTITY)
			return;
		if (r->coded[c].p != NULL) {
			/* Borrowed like data: whatever releases it stays. */
			r->data = r->coded[c].p;
			r->datalen = r->coded[c].len;
			buf_reset(&r->body);
		} else if (!compress_now(r, c))
			return;
		r->coding = c;
	}
	etag_suffix(r);
}
