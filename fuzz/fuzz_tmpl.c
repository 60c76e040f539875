/*
 * fuzz_tmpl: libFuzzer target for the template engine.  The input is
 * compiled under two names, "t" and "p", so that partial and parent tags
 * in it can reach it again, next to a fixed parent with blocks ("layout")
 * and a fixed partial ("item"); "t" is then rendered against a small fixed
 * view model into a 64 KB buffer.
 *
 * Invariant checked: compiling fails only with ERR_PARSE and a "line N: "
 * message, rendering fails only with ERR_LIMIT and then leaves the buffer
 * empty; anything else, a crash, a sanitizer report or a hang is a finding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tmpl/tmpl.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char view[] =
    "{\"a\": \"x<y&\\\"z'\", \"n\": 42, \"r\": 1.5, \"t\": true, "
    "\"f\": false, \"z\": null, \"e\": [], \"s\": \"\", "
    "\"list\": [1, \"two\", {\"a\": \"three\", \"list\": []}, [4, 5]], "
    "\"o\": {\"a\": {\"b\": \"deep\"}, \"list\": [{\"n\": 1}]}}";

static const char layout[] =
    "<{{$a}}A{{/a}}|\n  {{$b}}\n    B {{a}}\n  {{/b}}\n{{>item}}>";

static const char item[] =
    "{{#list}}\n  - {{.}}{{^.}}none{{/.}}\n{{/list}}";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t *model;
	struct tmpl_set *set;
	struct buf out;
	char errmsg[128];
	enum err rc;

	if (model == NULL)
		model = json_loads(view, 0, NULL);
	if (model == NULL)
		abort();
	set = tmpl_set_new();
	if (tmpl_set_add(set, "layout", layout, sizeof(layout) - 1, NULL,
	    0) != ERR_OK || tmpl_set_add(set, "item", item,
	    sizeof(item) - 1, NULL, 0) != ERR_OK)
		abort();
	rc = tmpl_set_add(set, "t", (const char *)data, size, errmsg,
	    sizeof(errmsg));
	if (rc != ERR_OK) {
		if (rc != ERR_PARSE || strncmp(errmsg, "line ", 5) != 0)
			abort();
		goto out;
	}
	if (tmpl_set_add(set, "p", (const char *)data, size, NULL, 0) !=
	    ERR_OK)
		abort();
	buf_init(&out, 64 * 1024);
	rc = tmpl_render(set, "t", model, &out);
	if (rc != ERR_OK && (rc != ERR_LIMIT || out.len != 0))
		abort();
	buf_free(&out);
out:
	tmpl_set_free(set);
	return 0;
}
