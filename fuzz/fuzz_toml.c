/*
 * fuzz_toml: libFuzzer target for the TOML subset parser Hugo's "+++"
 * front matter goes through (src/import/toml.c): any bytes, as a site
 * folder may hold them.
 *
 * Invariants checked: the result is ERR_OK with a JSON object, or
 * ERR_PARSE with no object and a message; a parsed object dumps to JSON
 * that jansson reads back equal (every string valid UTF-8, no NaN).
 * Anything else, or a sanitizer report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/port.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[PORT_WHY];
	json_t *v = NULL, *back;
	char *s;
	enum err rc;

	rc = toml_parse((const char *)data, size, &v, why);
	if (rc == ERR_OK) {
		if (!json_is_object(v))
			abort();
		if ((s = json_dumps(v, JSON_COMPACT)) == NULL)
			abort();
		if ((back = json_loads(s, 0, NULL)) == NULL ||
		    !json_equal(back, v))
			abort();
		json_decref(back);
		free(s);
		json_decref(v);
	} else if (rc != ERR_PARSE || v != NULL || why[0] == '\0')
		abort();
	return 0;
}
