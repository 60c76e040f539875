/*
 * fuzz_wxr: libFuzzer target for the WordPress importer's parsers: the
 * streaming WXR reader (wxr_open_memory, wxr_next) over any bytes, and
 * for each item the body conversion (wxr_body: shortcodes, uploads'
 * addresses, wpautop's rule), the plain text of its title (wxr_text)
 * and its <!--more--> split (wxr_more).
 *
 * Invariants checked: wxr_next ends in ERR_NOTFOUND or ERR_PARSE (with
 * a reason), never past a bounded number of records for the input's
 * size; every field is a string of valid UTF-8; wxr_text's output is valid UTF-8 with
 * no control character and no blank at either end; wxr_body succeeds
 * on what the reader gave, its output valid UTF-8.  Anything else, or
 * a sanitizer report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/wxr.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
any_attachment(void *arg, const char *id, struct wxr_attachment *at)
{
	(void)arg;
	if (*id == '\0' || strlen(id) > 8)
		return 0;
	at->src = "/media/00000000000000000000000000000000.png";
	at->caption = id;
	at->alt = "";
	return 1;
}

static size_t
two_children(void *arg, const char *post, struct arena *a,
    const char ***ids)
{
	(void)arg;
	*ids = arena_alloc(a, 2 * sizeof(**ids));
	(*ids)[0] = post;
	(*ids)[1] = "1";
	return 2;
}

static const char *
some_upload(void *arg, const char *path, size_t n)
{
	(void)arg;
	return n > 0 && path[0] == 'a' ? "/media/x.png" : NULL;
}

static void
text_check(struct arena *a, const char *s)
{
	const char *t;
	size_t i, n;

	t = wxr_text(a, s, strlen(s), NULL);
	n = strlen(t);
	if (!utf8_valid(t, n) || (n > 0 && (t[0] == ' ' || t[n - 1] ==
	    ' ')))
		abort();
	for (i = 0; i < n; i++)
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wxr_resolve res = { NULL, any_attachment, two_children,
	    some_upload };
	struct wxr_body_report br;
	struct wxr_reader *r = NULL;
	struct wxr_record rec;
	struct arena *a;
	struct buf b;
	enum err rc;
	size_t records = 0;

	if (wxr_open_memory((const char *)data, size, &r) != ERR_OK)
		abort();
	a = arena_new();
	while ((rc = wxr_next(r, a, &rec)) == ERR_OK) {
		if (++records > size + 2)
			abort();
		if (rec.title == NULL || rec.content == NULL ||
		    rec.post_id == NULL || rec.link == NULL)
			abort();
		if (!utf8_valid(rec.title, strlen(rec.title)) ||
		    !utf8_valid(rec.content, strlen(rec.content)))
			abort();
		if (rec.kind == WXR_ITEM) {
			text_check(a, rec.title);
			text_check(a, rec.creator);
			memset(&br, 0, sizeof(br));
			buf_init(&b, 1 << 24);
			if (wxr_body(&b, rec.content, strlen(rec.content),
			    rec.post_id, &res, &br) != ERR_OK ||
			    !utf8_valid(b.p != NULL ? b.p : "", b.len))
				abort();
			buf_free(&b);
			(void)wxr_more(a, rec.content);
		}
		arena_free(a);
		a = arena_new();
	}
	if (rc != ERR_NOTFOUND && rc != ERR_PARSE)
		abort();
	if (rc == ERR_PARSE && *wxr_error(r) == '\0')
		abort();
	arena_free(a);
	wxr_close(r);
	return 0;
}
