/*
 * fuzz_k2: libFuzzer target for what the K2 importer reads that no
 * database checked (src/import/k2_parse.c).  The first byte picks the
 * parser, the rest is its input: 0 the mysql:// address, 1 an item's
 * extra_fields JSON (its first line the options of a select field,
 * the rest the item's column), 2 a created_by_alias, 3 an intro as
 * plain text, 4 a MySQL date and a Joomla menu link.
 *
 * Invariants checked: an accepted address has every part within its
 * limit, free of control characters, a port in 1..65535 or 0, and no
 * password; extra fields are always an object and ERR_OK or ERR_PARSE;
 * names are at most K2_NAMES_MAX, never empty, with no space at either
 * end nor two in a row, and valid UTF-8 when the alias is; plain text
 * is no longer than its HTML, with no two spaces in a row nor one at
 * either end; a date is ISO 8601 UTC or none.  Anything else, or a
 * sanitizer report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
controls(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static void
check_dsn(const char *s)
{
	struct k2_dsn d;
	const char *why;

	if (k2_dsn_parse(s, &d, &why) != ERR_OK) {
		if (why == NULL || *why == '\0')
			abort();
		return;
	}
	if (d.user[0] == '\0' || d.host[0] == '\0' || d.db[0] == '\0' ||
	    controls(d.user) || controls(d.host) || controls(d.db) ||
	    controls(d.socket) || d.port > 65535 || strlen(d.user) >
	    K2_USER_MAX || strlen(d.db) > K2_DB_MAX)
		abort();
}

static void
check_extra(const char *s, size_t n)
{
	struct k2_fields f = { NULL, 0 };
	const char *nl = memchr(s, '\n', n);
	char *opts;
	json_t *out = NULL;
	size_t undefined, m = nl != NULL ? (size_t)(nl - s) : 0;
	enum err rc;

	opts = malloc(m + 1);
	memcpy(opts, s, m);
	opts[m] = '\0';
	k2_fields_add(&f, 1, "Text", "textfield", "[]");
	k2_fields_add(&f, 2, "Choice", "select", opts);
	k2_fields_add(&f, 3, "Choices", "multipleSelect", opts);
	k2_fields_add(&f, 4, "Link", "link", "[]");
	k2_fields_add(&f, 5, "Labels", "labels", NULL);
	k2_fields_add(&f, 6, "Table", "csv", opts);
	k2_fields_add(&f, 7, "Head", "header", opts);
	k2_fields_add(&f, 8, "Text", "radio", opts);
	free(opts);
	if (nl != NULL) {
		s = nl + 1;
		n -= m + 1;
	}
	rc = k2_extra_map(&f, s, n, &out, &undefined);
	if ((rc != ERR_OK && rc != ERR_PARSE) || !json_is_object(out))
		abort();
	json_decref(out);
	k2_fields_free(&f);
}

static void
check_names(const char *s)
{
	char names[K2_NAMES_MAX][LIMIT_NAME + 1];
	size_t i, n, len;

	n = k2_names_split(s, names, K2_NAMES_MAX);
	if (n > K2_NAMES_MAX)
		abort();
	for (i = 0; i < n; i++) {
		len = strlen(names[i]);
		if (len == 0 || len > LIMIT_NAME || names[i][0] == ' ' ||
		    names[i][len - 1] == ' ' || strstr(names[i], "  ") !=
		    NULL || controls(names[i]))
			abort();
		if (utf8_valid(s, strlen(s)) && !utf8_valid(names[i], len))
			abort();
	}
}

static void
check_text(const char *s, size_t n)
{
	struct buf b;
	int simple;

	buf_init(&b, 2 * n + 16);
	if (k2_html_text(&b, s, n, &simple) != ERR_OK)
		abort();
	if (b.len > n || (b.len > 0 && (b.p[0] == ' ' ||
	    b.p[b.len - 1] == ' ')) || (b.p != NULL &&
	    memmem(b.p, b.len, "  ", 2) != NULL))
		abort();
	buf_free(&b);
}

static void
check_date_menu(const char *s)
{
	char out[TIME_ISO_LEN];
	int64_t t;
	long id;

	if (k2_datetime(s, out) && time_parse_iso(out, &t) != ERR_OK)
		abort();
	if (k2_menu_link(s, &id) != K2_MENU_OTHER && id <= 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	size_t n;

	if (size == 0)
		return 0;
	n = size - 1;
	s = malloc(n + 1);
	memcpy(s, data + 1, n);
	s[n] = '\0';
	switch (data[0] % 5) {
	case 0:
		check_dsn(s);
		break;
	case 1:
		check_extra(s, n);
		break;
	case 2:
		check_names(s);
		break;
	case 3:
		check_text(s, n);
		break;
	default:
		check_date_menu(s);
		break;
	}
	free(s);
	return 0;
}
