/*
 * render: a view becomes a page, the page goes into the cache, and a
 * cached page becomes an answer.  A page is cached under the content
 * version its request started at (ctx->version), read before any of its
 * queries: a page is never newer than its version says, so an edit made
 * while it rendered cannot leave it stale in the cache.
 */
#include <string.h>
#include <time.h>

#include "site.h"

const char *
site_cache_key(struct req *r)
{
	const char *const *p;
	const char *val;
	struct buf b;
	const char *key;

	/* Most requests carry none of the kept parameters: no copy. */
	for (p = r->route != NULL ? r->route->params : NULL;
	    p != NULL && *p != NULL; p++)
		if (req_query(r, *p) != NULL)
			break;
	if (p == NULL || *p == NULL)
		return r->path;
	buf_init(&b, LIMIT_URL * 2);
	buf_puts(&b, r->path);
	for (p = r->route->params; *p != NULL; p++) {
		if ((val = req_query(r, *p)) == NULL)
			continue;
		buf_printf(&b, "\n%s=", *p);
		buf_puts(&b, val);
	}
	key = arena_strndup(r->arena, b.p, b.len);
	buf_free(&b);
	return key;
}

void
site_send_page(struct site *site, struct req *r, struct resp *resp,
    struct page *p)
{
	size_t mlen = strlen(site->marker), i;
	int64_t total;
	const char *num;

	resp->status = 200;
	resp->content_type = p->content_type;
	for (i = 0; i < p->nheaders; i++)
		resp_header_add(resp, r->arena, p->headers[i].name,
		    p->headers[i].value);
	/* What page_encode made is all a cached page is offered in. */
	resp->coded_only = p->encoded;
	if (p->reads_off == PAGE_NO_READS) {
		memcpy(resp->coded, p->coded, sizeof(resp->coded));
		resp->data = p->body;
		resp->datalen = p->len;
		resp->release = page_unref_cb;
		resp->release_arg = p;
		snprintf(resp->etag, sizeof(resp->etag), "W/\"%llx-%llx\"",
		    (unsigned long long)site->nonce,
		    (unsigned long long)p->version);
		return;
	}
	if (!r->head && r->method == HTTP_GET && !r->signed_in)
		reads_hit(site->reads, p->article_id, r->remote,
		    r->user_agent, time_now());
	total = reads_total(site->reads, p->article_id, p->stored_reads);
	num = site_reads_text(r->arena, total);
	if (p->gz.head != NULL && http_coding_choose(r->arena,
	    r->accept_encoding, 1u << HTTP_CODING_GZIP) == HTTP_CODING_GZIP) {
		if (buf_reserve(&resp->body, p->gz.headlen + p->gz.taillen +
		    strlen(num) + 16) != ERR_OK || http_gzip_join(&p->gz,
		    num, strlen(num), &resp->body) != ERR_OK)
			resp->status = 500;	/* cannot be: the page fit */
		resp->coding = HTTP_CODING_GZIP;
		goto etag;
	}
	/*
	 * The page is copied around the number: with three iovecs instead,
	 * libmicrohttpd 0.9.75 sends the headers in a syscall of their own,
	 * which costs more (about 4 us) than the copy (well under 1 us).
	 */
	if (buf_reserve(&resp->body, p->len - mlen + strlen(num)) != ERR_OK ||
	    buf_add(&resp->body, p->body, p->reads_off) != ERR_OK ||
	    buf_puts(&resp->body, num) != ERR_OK ||
	    buf_add(&resp->body, p->body + p->reads_off + mlen,
	    p->len - p->reads_off - mlen) != ERR_OK)
		resp->status = 500;	/* cannot be: the page fit */
etag:
	snprintf(resp->etag, sizeof(resp->etag), "W/\"%llx-%llx-%lld\"",
	    (unsigned long long)site->nonce, (unsigned long long)p->version,
	    (long long)total);
	page_unref(p);
}

/*
 * A page just made answers its request: with the handler's headers,
 * into the cache when the answer may be kept, then sent; takes p.
 */
static void
page_answer(struct site *site, struct req *r, struct resp *resp,
    struct page *p)
{
	page_headers_keep(p, resp);
	if (resp_cacheable(r, resp)) {
		/* Compressed once, here, for every answer made from it. */
		if (!site->cfg->cache_off)
			page_encode(p, strlen(site->marker));
		page_ref(p);
		cache_put(site->cache, p);
	}
	if (resp->status == 200) {
		resp->nheaders = 0;	/* site_send_page adds the page's */
		site_send_page(site, r, resp, p);
		return;
	}
	/* Non-200 pages (a form with errors) are sent as they are. */
	buf_add(&resp->body, p->body, p->len);
	resp->content_type = p->content_type;
	page_unref(p);
}

/*
 * Render name with view (borrowed) into *body (malloc'd, NUL-terminated).
 * The callers free the view only once the page is copied: freed first,
 * the thousands of small blocks of a long list's view make glibc's malloc
 * merge them all (malloc_consolidate) at the page's large block, about a
 * million instructions on an issue of 400 articles.
 */
static enum err
render_body(struct site *site, const char *name, json_t *view, char **body,
    size_t *len)
{
	struct buf b;
	enum err rc;

	buf_init(&b, LIMIT_PAGE);
	rc = tmpl_render(site->tmpl, name, view, &b);
	if (rc != ERR_OK) {
		log_warnx("render %s: %s", name, err_str(rc));
		buf_free(&b);
		return rc;
	}
	*body = buf_take(&b, len);
	return ERR_OK;
}

enum err
site_render(struct ctx *ctx, struct req *r, struct resp *resp, const char *name,
    json_t *view, int64_t article_id, int64_t stored_reads)
{
	struct site *site = ctx->site;
	struct page *p;
	char *body, *m;
	size_t len;
	enum err rc;

	rc = render_body(site, name, view, &body, &len);
	if (rc != ERR_OK) {
		json_decref(view);
		return rc;
	}
	p = page_new(site_cache_key(r), ctx->version, body, len,
	    "text/html; charset=utf-8");
	json_decref(view);
	if (article_id > 0 && (m = strstr(p->body, site->marker)) != NULL) {
		p->reads_off = (size_t)(m - p->body);
		p->article_id = article_id;
		p->stored_reads = stored_reads;
	}
	page_answer(site, r, resp, p);
	return ERR_OK;
}

enum err
site_render_as(struct ctx *ctx, struct req *r, struct resp *resp,
    const char *name, json_t *view, const char *content_type)
{
	char *body;
	size_t len;
	enum err rc;

	rc = render_body(ctx->site, name, view, &body, &len);
	if (rc == ERR_OK)
		rc = site_send_body(ctx, r, resp, body, len, content_type);
	json_decref(view);
	return rc;
}

enum err
site_send_body(struct ctx *ctx, struct req *r, struct resp *resp,
    char *body, size_t len, const char *content_type)
{
	struct page *p;

	p = page_new(site_cache_key(r), ctx->version, body, len,
	    content_type);
	if (r->route->flags & ROUTE_CACHE) {
		page_answer(ctx->site, r, resp, p);
		return ERR_OK;
	}
	resp->content_type = content_type;
	resp->data = p->body;
	resp->datalen = p->len;
	resp->release = page_unref_cb;
	resp->release_arg = p;
	snprintf(resp->etag, sizeof(resp->etag), "\"%016llx\"",
	    (unsigned long long)hash_bytes(p->body, p->len));
	return ERR_OK;
}

int
site_fast(struct ctx *ctx, struct req *r, struct resp *resp)
{
	/* Its handler first asks whether the query names an old address. */
	if ((r->route->flags & ROUTE_LEGACY) && r->nquery > 0)
		return 0;
	return site_cached(ctx, r, resp);
}

int
site_cached(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct site *site = ctx->site;
	struct page *p;

	if (r->method != HTTP_GET || !(r->route->flags & ROUTE_CACHE))
		return 0;
	p = cache_get(site->cache, site_cache_key(r),
	    atomic_load(&site->version));
	if (p == NULL)
		return 0;
	site_send_page(site, r, resp, p);
	return 1;
}
