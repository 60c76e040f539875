/*
 * fuzz_markdown: libFuzzer target for markdown_html (md4c with raw HTML
 * off), as article bodies, bios and the about text reach it, and for
 * markdown_html_abs, as a feed's content reaches it: the same, with every
 * link and image made absolute against the article's address.
 *
 * md4c is a system library the sanitizers do not see into, so the input
 * is placed to end exactly where an inaccessible page begins: a read
 * past its end is a SIGSEGV, every time.
 *
 * Invariants checked: it fails only with ERR_LIMIT (here, a 64 KB output
 * buffer), it reads nothing past md + len, and every tag in the output
 * is one md4c itself writes (or a figure made of its img): raw HTML
 * in the input must come out escaped, never as markup; every href and
 * src passes url_safe or is about:invalid; for a feed, every one also
 * begins with a scheme.
 * Anything else, or a sanitizer report, is a finding.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "site/site.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const tags[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "a", "img",
	"code", "pre", "blockquote", "ul", "ol", "li", "hr", "br", "table",
	"thead", "tbody", "tr", "th", "td", "del", "figure", "figcaption",
};

static int
tag_known(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < nitems(tags); i++)
		if (strlen(tags[i]) == n && memcmp(tags[i], s, n) == 0)
			return 1;
	return 0;
}

#define BASE	"https://j.example.org/articles/on-x"

/* 1 if s starts with a scheme (RFC 3986: a letter, then letters,
 * digits, '+', '-', '.', up to ':'). */
static int
has_scheme(const char *s)
{
	size_t i;

	if (!isalpha((unsigned char)s[0]))
		return 0;
	for (i = 1; isalnum((unsigned char)s[i]) || s[i] == '+' ||
	    s[i] == '-' || s[i] == '.'; i++)
		continue;
	return s[i] == ':';
}

/* The invariants of the output of markdown_html_abs (abs: a base). */
static void
check_output(const struct buf *out, int abs)
{
	const char *p, *end, *t;
	int i;

	end = out->p + out->len;
	p = out->p;
	while (p < end) {
		p = memchr(p, '<', (size_t)(end - p));
		if (p == NULL)
			break;
		t = p + 1;
		if (t < end && *t == '/')
			t++;
		p = t;
		while (p < end && isalnum((unsigned char)*p))
			p++;
		if (!tag_known(t, (size_t)(p - t)))
			abort();
	}
	/*
	 * Every link and image target has a safe scheme or is the
	 * neutralised about:invalid.  md4c writes them as `<a href="`
	 * and `<img src="`, which cannot occur in text or in an
	 * attribute ('<' is escaped there), and the output has no
	 * NUL (md4c writes U+FFFD for it).
	 */
	for (i = 0; i < 2; i++) {
		const char *open = i == 0 ? "<a href=\"" : "<img src=\"";

		for (p = out->p; (p = strstr(p, open)) != NULL; p = t) {
			p += strlen(open);
			if ((t = strchr(p, '"')) == NULL)
				abort();
			if (!url_safe(p, (size_t)(t - p)) &&
			    strncmp(p, "about:invalid\"", 14) != 0)
				abort();
			/* For a feed, every one absolute: a scheme first. */
			if (abs && !has_scheme(p))
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), maplen;
	char *map, *md;
	enum err rc;
	int mode;

	/* The input's last byte is the last one before a PROT_NONE page. */
	maplen = (size + page - 1) / page * page + page;
	map = mmap(NULL, maplen, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED || mprotect(map + maplen - page, page,
	    PROT_NONE) != 0)
		abort();
	md = map + maplen - page - size;
	if (size > 0)
		memcpy(md, data, size);

	/* As the page has it, then as a feed has it (links absolute). */
	for (mode = 0; mode < 2; mode++) {
		buf_init(&out, 64 * 1024);
		rc = markdown_html_abs(&out, md, size, mode ? BASE : NULL);
		if (rc != ERR_OK && rc != ERR_LIMIT)
			abort();
		if (rc == ERR_OK && out.p != NULL)
			check_output(&out, mode);
		buf_free(&out);
	}
	munmap(map, maplen);
	return 0;
}
