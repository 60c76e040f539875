/*
 * fuzz_article_form: libFuzzer target for what the article editor makes
 * of a typed form before anything is stored (article_input_of: numbers,
 * the publication time, tags and countries split at commas, the status)
 * and for the revision pages' line diff of two texts (diff_html).  The
 * input is the form's fields separated by NUL bytes.  Invariants: every
 * tag and country is non-empty, holds no comma and starts and ends with
 * no blank; countries are upper-cased; a time without a problem is after
 * 1970; a list is never longer than its maximum plus one (the "too
 * many" mark); the diff of a text with itself is empty, and a diff's
 * <del> and <ins> lines are the changes it counts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "admin/admin.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

enum { F_TIME, F_TAGS, F_COUNTRIES, F_SECTION, F_ISSUE, F_AUTHOR,
	F_VERSION, F_STATUS, F_BODY_A, F_BODY_B, F__MAX };

static void
item_check(const char *s, int upper)
{
	size_t n = strlen(s), i;

	if (n == 0 || strchr(s, ',') != NULL || s[0] == ' ' ||
	    s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		abort();
	for (i = 0; upper && i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			abort();
}

static long
count(const char *s, const char *what)
{
	long n = 0;

	while (s != NULL && (s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a;
	const char *f[F__MAX];
	struct article_values v;
	struct article_input in;
	struct article_problems p;
	struct buf b;
	char *copy;
	size_t i, k = 0, start = 0;
	long changed;
	int problem;

	if (size > 64 * 1024)
		return 0;
	a = arena_new();
	copy = arena_alloc(a, size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (i = 0; i < F__MAX; i++)
		f[i] = "";
	for (i = 0; i <= size && k < F__MAX; i++)
		if (i == size || copy[i] == '\0') {
			copy[i] = '\0';
			f[k++] = copy + start;
			start = i + 1;
		}
	memset(&v, 0, sizeof(v));
	v.title = v.slug = v.dek = "";
	v.publish_at = f[F_TIME];
	v.tags = f[F_TAGS];
	v.countries = f[F_COUNTRIES];
	v.section = f[F_SECTION];
	v.issue = f[F_ISSUE];
	v.authors[0] = f[F_AUTHOR];
	v.nauthors = *f[F_AUTHOR] != '\0';
	v.version = f[F_VERSION];
	v.status = f[F_STATUS];
	v.body = f[F_BODY_A];
	article_input_of(a, &v, size % 3, size % 2, &in, &p);
	if (in.ntags > ARTICLE_TAGS_MAX + 1 ||
	    in.ncountries > ARTICLE_COUNTRIES_MAX + 1 ||
	    p.n > nitems(p.p))
		abort();
	for (i = 0; i < in.ntags && i < ARTICLE_TAGS_MAX; i++)
		item_check(in.tags[i], 0);
	for (i = 0; i < in.ncountries && i < ARTICLE_COUNTRIES_MAX; i++)
		item_check(in.countries[i], 1);
	problem = 0;
	for (i = 0; i < p.n; i++)
		problem |= strcmp(p.p[i].field, "publish_at") == 0;
	if (!problem && *f[F_TIME] != '\0' && size % 2 == 1 &&
	    in.publish_at <= 0)
		abort();
	if ((unsigned)in.status >= ARTICLE__MAX)
		abort();

	buf_init(&b, LIMIT_PAGE);
	if (diff_html(&b, f[F_BODY_A], strlen(f[F_BODY_A]), f[F_BODY_A],
	    strlen(f[F_BODY_A]), &changed) != ERR_OK || changed != 0 ||
	    b.len != 0)
		abort();
	if (diff_html(&b, f[F_BODY_A], strlen(f[F_BODY_A]), f[F_BODY_B],
	    strlen(f[F_BODY_B]), &changed) != ERR_OK ||
	    count(b.p, "<del>") + count(b.p, "<ins>") != changed)
		abort();
	buf_free(&b);
	arena_free(a);
	return 0;
}
