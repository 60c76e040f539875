/*
 * tz: IANA time zones, read from the system's compiled zone files
 * (TZif, RFC 8536, under $TZDIR or /usr/share/zoneinfo), without touching
 * the process's TZ: setenv and tzset are not safe beside other threads.
 *
 * A zone is its transitions (instants where the offset changes) and the
 * offsets they switch to.  Past the last transition the last offset
 * holds: the POSIX rule in a file's footer is not read, so a zone file
 * built "slim" knows no daylight saving after its last listed change.
 * Debian builds them "fat", listing transitions up to 2037.
 *
 * Names come from zone1970.tab, the list of zones that differ since 1970
 * (plus "UTC"); a name typed into a form is checked against it
 * (tz_known) before it is stored, and tz_open takes only names of
 * letters, digits and "_+-/" without "..", so it never reads outside
 * the zone directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define TZ_TRANS_MAX	4096	/* transitions a zone may have */
#define TZ_TYPES_MAX	256
#define TZ_FILE_MAX	(256 * 1024)

struct tz_type {
	int32_t		 off;		/* seconds east of UTC */
	char		 abbr[8];
};

struct tz {
	size_t		 n;		/* transitions */
	int64_t		*at;
	uint8_t		*type;
	size_t		 ntypes;
	struct tz_type	 types[TZ_TYPES_MAX];
};

static const char *
tz_dir(void)
{
	const char *d = getenv("TZDIR");

	return d != NULL && *d != '\0' ? d : "/usr/share/zoneinfo";
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* A zone with no transitions and one offset (UTC). */
static struct tz *
tz_fixed(int32_t off, const char *abbr)
{
	struct tz *z = xcalloc(1, sizeof(*z));

	z->ntypes = 1;
	z->types[0].off = off;
	snprintf(z->types[0].abbr, sizeof(z->types[0].abbr), "%s", abbr);
	return z;
}

enum err
tz_parse(const unsigned char *p, size_t len, struct tz **out)
{
	uint32_t cnt[6];	/* isut, isstd, leap, time, type, char */
	size_t i, need, tsz = 4, ab;
	const unsigned char *d, *end = p + len;
	struct tz *z;
	int pass;

	*out = NULL;
	for (pass = 0; pass < 2; pass++) {
		if ((size_t)(end - p) < 44 || memcmp(p, "TZif", 4) != 0)
			return ERR_PARSE;
		for (i = 0; i < 6; i++)
			cnt[i] = be32(p + 20 + 4 * i);
		if (cnt[3] > TZ_TRANS_MAX || cnt[4] == 0 ||
		    cnt[4] > TZ_TYPES_MAX || cnt[5] > 1024 || cnt[2] > 1024 ||
		    cnt[0] > cnt[4] || cnt[1] > cnt[4])
			return ERR_PARSE;
		need = cnt[3] * tsz + cnt[3] + cnt[4] * 6 + cnt[5] +
		    cnt[2] * (tsz + 4) + cnt[1] + cnt[0];
		if ((size_t)(end - p) - 44 < need)
			return ERR_PARSE;
		/* Version 2 and later: the 64-bit block follows the first. */
		if (pass == 0 && p[4] >= '2') {
			p += 44 + need;
			tsz = 8;
			continue;
		}
		break;
	}
	d = p + 44;
	z = xcalloc(1, sizeof(*z));
	z->n = cnt[3];
	z->at = xcalloc(z->n + 1, sizeof(*z->at));
	z->type = xcalloc(z->n + 1, 1);
	for (i = 0; i < z->n; i++) {
		z->at[i] = tsz == 8 ? be64(d + 8 * i) :
		    (int64_t)(int32_t)be32(d + 4 * i);
		if (i > 0 && z->at[i] <= z->at[i - 1])
			goto bad;
	}
	d += z->n * tsz;
	for (i = 0; i < z->n; i++)
		if ((z->type[i] = d[i]) >= cnt[4])
			goto bad;
	d += z->n;
	z->ntypes = cnt[4];
	for (i = 0; i < z->ntypes; i++, d += 6) {
		z->types[i].off = (int32_t)be32(d);
		/* An offset beyond a day is no place's. */
		if (z->types[i].off <= -86400 || z->types[i].off >= 86400 ||
		    d[5] >= cnt[5] + (cnt[5] == 0))
			goto bad;
		ab = d[5];
		snprintf(z->types[i].abbr, sizeof(z->types[i].abbr), "%.*s",
		    (int)strnlen((const char *)d + 6 * (z->ntypes - i) + ab,
		    cnt[5] - ab), (const char *)d + 6 * (z->ntypes - i) + ab);
	}
	*out = z;
	return ERR_OK;
bad:
	tz_free(z);
	return ERR_PARSE;
}

void
tz_free(struct tz *z)
{
	if (z == NULL)
		return;
	free(z->at);
	free(z->type);
	free(z);
}

/* Name as a zone1970.tab name: letters, digits, "_+-", "/" inside. */
static int
name_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > TZ_NAME_MAX || name[0] == '/' || name[n - 1] == '/')
		return 0;
	for (i = 0; i < n; i++)
		if (!((name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= '0' && name[i] <= '9') ||
		    strchr("_+-/", name[i]) != NULL) ||
		    (name[i] == '/' && name[i + 1] == '/'))
			return 0;
	return 1;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum err
tz_names(char ***out, size_t *n)
{
	char path[512], *text = NULL, *line, *next, *f[4], **v;
	size_t len, i, k, cap = 512;
	enum err rc;

	*out = NULL;
	*n = 0;
	snprintf(path, sizeof(path), "%s/zone1970.tab", tz_dir());
	if ((rc = file_read(path, TZ_FILE_MAX, &text, &len)) != ERR_OK)
		return rc;
	v = xcalloc(cap, sizeof(*v));
	v[k = 0] = xstrdup("UTC");
	k = 1;
	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*line == '#')
			continue;
		for (i = 0; i < 4 && line != NULL; i++)
			f[i] = strsep(&line, "\t");
		if (i < 3 || f[2] == NULL || !name_ok(f[2]))
			continue;
		if (k + 1 >= cap)
			break;
		v[k++] = xstrdup(f[2]);
	}
	free(text);
	qsort(v + 1, k - 1, sizeof(*v), cmp_names);
	*out = v;
	*n = k;
	return ERR_OK;
}

void
tz_names_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

int
tz_known(const char *name)
{
	char **v;
	size_t n, i;
	int found = 0;

	if (!name_ok(name) || tz_names(&v, &n) != ERR_OK)
		return strcmp(name, "UTC") == 0;
	for (i = 0; i < n && !found; i++)
		found = strcmp(v[i], name) == 0;
	tz_names_free(v, n);
	return found;
}

enum err
tz_open(const char *name, struct tz **out)
{
	char path[512], *data = NULL;
	size_t len;
	enum err rc;

	*out = NULL;
	if (strcmp(name, "UTC") == 0) {
		*out = tz_fixed(0, "UTC");
		return ERR_OK;
	}
	if (!name_ok(name) || strstr(name, "..") != NULL)
		return ERR_NOTFOUND;
	snprintf(path, sizeof(path), "%s/%s", tz_dir(), name);
	if ((rc = file_read(path, TZ_FILE_MAX, &data, &len)) != ERR_OK)
		return rc;
	rc = tz_parse((const unsigned char *)data, len, out);
	free(data);
	if (rc != ERR_OK)
		log_warnx("%s: not a time zone file", path);
	return rc;
}

/* The type in force at instant t. */
static const struct tz_type *
type_at(const struct tz *z, int64_t t)
{
	size_t lo = 0, hi = z->n, mid;

	if (z->n == 0 || t < z->at[0])
		return &z->types[0];
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (z->at[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return &z->types[z->type[lo]];
}

int32_t
tz_offset(const struct tz *z, int64_t t, const char **abbr)
{
	const struct tz_type *ty = type_at(z, t);

	if (abbr != NULL)
		*abbr = ty->abbr;
	return ty->off;
}

enum err
tz_to_utc(const struct tz *z, int64_t local, int64_t *t)
{
	int32_t cand[2];
	int64_t best = 0, u;
	int i, found = 0;

	/* An offset in force a day either side is the only candidate. */
	cand[0] = tz_offset(z, local - 86400, NULL);
	cand[1] = tz_offset(z, local + 86400, NULL);
	for (i = 0; i < 2; i++) {
		u = local - cand[i];
		if (tz_offset(z, u, NULL) != cand[i])
			continue;
		if (!found || u < best)
			best = u;
		found = 1;
	}
	if (!found)
		return ERR_INVAL;	/* skipped: clocks went forward */
	*t = best;
	return ERR_OK;
}
