/*
 * fuzz_frontmatter: libFuzzer target for what "octavo import markdown"
 * does with a file's bytes before the store: fm_split (YAML, TOML or
 * JSON front matter off the body) and fm_parse (libyaml's events, the
 * TOML subset or jansson into one JSON object).
 *
 * Invariants checked: fm_split's views lie inside the input and the
 * body ends where the input does; FM_NONE leaves the whole input (but a
 * byte order mark) as the body; fm_parse gives ERR_OK with an object or
 * ERR_PARSE with none and a message.  Anything else, or a sanitizer
 * report, is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/port.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *end = text + size;
	char why[PORT_WHY];
	struct str fm, body;
	enum fm_kind kind;
	json_t *v = NULL;
	enum err rc;

	if (fm_split(text, size, &kind, &fm, &body, why) != ERR_OK) {
		if (why[0] == '\0')
			abort();
		return 0;
	}
	if (fm.p < text || fm.p + fm.len > end || body.p < text ||
	    body.p + body.len != end)
		abort();
	if (kind == FM_NONE) {
		if (body.len + 3 < size)
			abort();
		return 0;
	}
	if (fm.p + fm.len > body.p)
		abort();
	rc = fm_parse(kind, fm.p, fm.len, &v, why);
	if (rc == ERR_OK) {
		if (!json_is_object(v))
			abort();
		json_decref(v);
	} else if (rc != ERR_PARSE || v != NULL || why[0] == '\0')
		abort();
	return 0;
}
