/*
 * fuzz_record: libFuzzer target for the record checks every put goes
 * through (store_values_new, record.c), which will take what the back
 * office and the API are sent.  The first byte picks the kind (one of
 * them no kind at all), the rest is the record's JSON text.
 *
 * Invariants checked: a refusal is ERR_INVAL and gives no values; an
 * accepted record gives, for a kind with fields, exactly one value per
 * field, each named, text values non-NULL, NUL-terminated and as long
 * as said, lists of non-NULL items; every value borrows from the record
 * and is freed by store_values_free.  Anything else, or a sanitizer
 * report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const kinds[] = { "site", "section", "pub_type",
    "person", "issue", "article", "publication", "link", "event",
    "nonsense" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store_value *v = NULL;
	enum store_kind k;
	const char *kind;
	json_t *rec;
	size_t n = 0, i;
	int64_t j;
	enum err rc;

	log_level = LOG_ERR;	/* refusals are logged as warnings */
	if (size < 1)
		return 0;
	kind = kinds[data[0] % nitems(kinds)];
	rec = json_loadb((const char *)data + 1, size - 1,
	    JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	if (rec == NULL)
		return 0;
	rc = store_values_new(kind, rec, &k, &v, &n);
	if (rc != ERR_OK) {
		if (rc != ERR_INVAL || v != NULL || n != 0)
			abort();
		json_decref(rec);
		return 0;
	}
	if ((unsigned)k >= STORE_KIND__MAX || strcmp(kind, "nonsense") == 0)
		abort();
	if (k != STORE_SITE && n == 0)
		abort();
	for (i = 0; i < n; i++) {
		if (v[i].name == NULL ||
		    store_value_get(v, n, v[i].name) == NULL)
			abort();
		switch (v[i].type) {
		case STORE_TEXT:
			if (v[i].text == NULL || v[i].text[v[i].len] != '\0')
				abort();
			break;
		case STORE_LIST:
			for (j = 0; j < v[i].num; j++)
				if (v[i].items[j] == NULL)
					abort();
			break;
		case STORE_INT:
		case STORE_NULL:
			break;
		default:
			abort();
		}
	}
	store_values_free(v, n);
	json_decref(rec);
	return 0;
}
