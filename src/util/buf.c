/*
 * buf: a growable byte buffer with a hard maximum.  Appends that would pass
 * the maximum fail with ERR_LIMIT and leave the content as it was, so a
 * caller can always report the error with what it had.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
buf_init(struct buf *b, size_t max)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->borrowed = 0;
}

void
buf_init_in(struct buf *b, char *storage, size_t size, size_t max)
{
	assert(size > 0);
	b->p = storage;
	b->p[0] = '\0';
	b->len = 0;
	b->cap = size;
	b->max = max;
	b->borrowed = 1;
}

/* Make p a heap block of cap bytes, keeping the content. */
static void
buf_alloc(struct buf *b, size_t cap)
{
	char *p;

	if (b->borrowed) {
		p = xmalloc(cap);
		memcpy(p, b->p, b->len + 1);
		b->p = p;
		b->borrowed = 0;
	} else
		b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void
buf_reset(struct buf *b)
{
	buf_truncate(b, 0);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len)
		b->len = len;
	if (b->p != NULL)
		b->p[b->len] = '\0';
}

void
buf_free(struct buf *b)
{
	if (!b->borrowed)
		free(b->p);
	b->borrowed = 0;
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

static enum err
buf_grow(struct buf *b, size_t n)
{
	size_t need, cap;

	if (n > b->max || b->len > b->max - n)
		return ERR_LIMIT;
	need = b->len + n + 1;
	if (need <= b->cap)
		return ERR_OK;
	cap = b->cap == 0 ? 256 : b->cap;
	while (cap < need)
		cap *= 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	buf_alloc(b, cap);
	return ERR_OK;
}

enum err
buf_reserve(struct buf *b, size_t n)
{
	size_t need;

	if (n > b->max || b->len > b->max - n)
		return ERR_LIMIT;
	need = b->len + n + 1;
	if (need > b->cap)
		buf_alloc(b, need);
	return ERR_OK;
}

enum err
buf_add(struct buf *b, const void *p, size_t n)
{
	enum err rc;

	if ((rc = buf_grow(b, n)) != ERR_OK)
		return rc;
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
	return ERR_OK;
}

enum err
buf_puts(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

enum err
buf_putc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

enum err
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	enum err rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return ERR_INVAL;
	if ((rc = buf_grow(b, (size_t)n)) != ERR_OK)
		return rc;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return ERR_OK;
}

char *
buf_take(struct buf *b, size_t *len)
{
	char *p;

	if (b->p == NULL)
		buf_add(b, "", 0);
	if (b->borrowed)
		buf_alloc(b, b->len + 1);
	p = b->p;
	if (len != NULL)
		*len = b->len;
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}
