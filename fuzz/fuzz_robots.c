/*
 * fuzz_robots: libFuzzer target for robots_match on the list the program
 * ships, data/COUNTER_Robots_list.json (found through $OCTAVO_ROBOTS,
 * else $OCTAVO_ROOT/data/, else ./data/; fuzz/run.sh sets OCTAVO_ROOT),
 * loaded once.  The input, cut at its first NUL, is the user agent.
 *
 * Invariants checked: the verdict is 0 or 1, the same when asked again
 * (the memo), and the same as matching each pattern of the list alone
 * (the list is compiled as one alternation; joining must not change what
 * a pattern means).  A match error on invalid UTF-8 counts as a robot,
 * as robots.c documents.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site/site.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

static struct robots *rb;
static pcre2_code **one;	/* each pattern alone */
static size_t none;
static pcre2_match_data *md;

static const char *
list_path(void)
{
	static char path[4096];
	const char *s = getenv("OCTAVO_ROBOTS");

	if (s != NULL)
		return s;
	s = getenv("OCTAVO_ROOT");
	if (s != NULL) {
		snprintf(path, sizeof(path), "%s/data/COUNTER_Robots_list.json",
		    s);
		return path;
	}
	return "data/COUNTER_Robots_list.json";
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = list_path();
	json_t *arr, *it;
	size_t i;
	int ec;
	PCRE2_SIZE off;

	(void)argc;
	(void)argv;
	if (robots_load(path, &rb) != ERR_OK) {
		fprintf(stderr, "fuzz_robots: cannot load %s\n", path);
		exit(2);
	}
	if ((arr = json_load_file(path, 0, NULL)) == NULL)
		exit(2);
	one = xcalloc(json_array_size(arr), sizeof(*one));
	json_array_foreach(arr, i, it) {
		json_t *pat = json_object_get(it, "pattern");

		one[none] = pcre2_compile((PCRE2_SPTR)json_string_value(pat),
		    json_string_length(pat), PCRE2_CASELESS | PCRE2_UTF, &ec,
		    &off, NULL);
		if (one[none] == NULL)
			exit(2);
		none++;
	}
	json_decref(arr);
	md = pcre2_match_data_create(16, NULL);
	return 0;
}

/* Any pattern alone matches (a match error counts as a match). */
static int
reference(const char *ua)
{
	size_t i;
	int rc;

	for (i = 0; i < none; i++) {
		rc = pcre2_match(one[i], (PCRE2_SPTR)ua, strlen(ua), 0, 0, md,
		    NULL);
		if (rc != PCRE2_ERROR_NOMATCH)
			return 1;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *ua;
	int v;

	if (size > 4 * LIMIT_USER_AGENT)
		return 0;
	ua = xstrndup((const char *)data, size);
	v = robots_match(rb, ua);
	if ((v != 0 && v != 1) || robots_match(rb, ua) != v ||
	    reference(ua) != v)
		abort();
	free(ua);
	return 0;
}
