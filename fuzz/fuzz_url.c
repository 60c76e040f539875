/*
 * fuzz_url: libFuzzer target for url_safe, the judge of every URL written
 * into a page (stored links, publication URLs and covers, photos, the
 * base URL, and Markdown's link targets).
 *
 * url_safe is checked against a model of what a browser does with an
 * href, written the long way after the WHATWG URL Standard: strip leading
 * and trailing C0 controls and spaces, remove every tab and newline, then
 * read the scheme (an ASCII letter, then letters, digits, '+', '-', '.',
 * up to ':'), lowercased.  Invariants:
 *   - whatever url_safe accepts, the browser reads as a relative
 *     reference or as http, https or mailto;
 *   - on input without control characters the two agree exactly (so the
 *     rule refuses nothing a browser would read as safe but for them);
 *   - the verdict does not change with the letters' case.
 * The input is copied to exactly its size on the heap, so a read past
 * len is an AddressSanitizer report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The scheme the browser reads, lowercased into out, or "" for none.  One
 * longer than outlen - 1 bytes is cut there: with outlen 16, a cut scheme
 * cannot equal http, https or mailto.
 */
static void
browser_scheme(const unsigned char *in, size_t len, char *out,
    size_t outlen)
{
	unsigned char *s = malloc(len + 1);
	size_t a = 0, b = len, i, n = 0, k = 0;

	/* Strip leading and trailing C0 control or space. */
	while (a < b && in[a] <= 0x20)
		a++;
	while (b > a && in[b - 1] <= 0x20)
		b--;
	/* Remove all ASCII tab or newline. */
	for (i = a; i < b; i++)
		if (in[i] != '\t' && in[i] != '\n' && in[i] != '\r')
			s[n++] = in[i];
	out[0] = '\0';
	if (n == 0 || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
		goto out;
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if (c == ':')
			break;
		if (!(((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
		    (c >= '0' && c <= '9') || c == '+' || c == '-' ||
		    c == '.'))
			goto none;
		if (k + 1 < outlen)
			out[k++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
	}
	if (i == n)
		goto none;
	out[k] = '\0';
	goto out;
none:
	out[0] = '\0';
out:
	free(s);
}

static int
has_control(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] == 0x7f)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char scheme[16];
	unsigned char *copy, *flip;
	int safe, model_safe;
	size_t i;

	copy = malloc(size > 0 ? size : 1);
	if (size > 0)
		memcpy(copy, data, size);
	safe = url_safe((const char *)copy, size);
	browser_scheme(copy, size, scheme, sizeof(scheme));
	model_safe = scheme[0] == '\0' || strcmp(scheme, "http") == 0 ||
	    strcmp(scheme, "https") == 0 || strcmp(scheme, "mailto") == 0;
	if (safe && !model_safe)
		abort();	/* a script scheme slipped through */
	if (!has_control(copy, size) && safe != model_safe)
		abort();	/* the rule and the browser disagree */
	flip = malloc(size > 0 ? size : 1);
	for (i = 0; i < size; i++)
		flip[i] = (copy[i] >= 'a' && copy[i] <= 'z') ||
		    (copy[i] >= 'A' && copy[i] <= 'Z') ? copy[i] ^ 0x20 :
		    copy[i];
	if (url_safe((const char *)flip, size) != safe)
		abort();	/* case changed the verdict */
	free(flip);
	free(copy);
	return 0;
}
