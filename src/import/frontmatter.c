/*
 * frontmatter: a Markdown file's front matter, split off its body and
 * read into a jansson object.  YAML goes through libyaml's event parser
 * (no document tree, no aliases followed: a "billion laughs" file is an
 * error, not a bomb), TOML through toml.c, JSON through jansson.  The
 * result is the same shape whichever the syntax, so that the importer
 * maps fields once.  fuzz/fuzz_frontmatter.c runs fm_split and
 * fm_parse on any bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "import/port.h"

/* The length of the line at p (without its newline), and past it. */
static size_t
line_len(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t n;

	if (nl == NULL) {
		*next = end;
		n = (size_t)(end - p);
	} else {
		*next = nl + 1;
		n = (size_t)(nl - p);
	}
	if (n > 0 && p[n - 1] == '\r')
		n--;
	return n;
}

/* 1 if the line at p is exactly fence (trailing blanks allowed). */
static int
is_fence(const char *p, size_t n, const char *fence)
{
	size_t f = strlen(fence);

	if (n < f || memcmp(p, fence, f) != 0)
		return 0;
	for (; f < n; f++)
		if (p[f] != ' ' && p[f] != '\t')
			return 0;
	return 1;
}

enum err
fm_split(const char *text, size_t len, enum fm_kind *kind, struct str *fm,
    struct str *body, char why[PORT_WHY])
{
	const char *p = text, *end = text + len, *next, *line;
	const char *open, *close = NULL;
	size_t n;

	why[0] = '\0';
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	*kind = FM_NONE;
	fm->p = p;
	fm->len = 0;
	body->p = p;
	body->len = (size_t)(end - p);
	n = line_len(p, end, &next);
	if (is_fence(p, n, "---")) {
		*kind = FM_YAML;
		open = "---";
	} else if (is_fence(p, n, "+++")) {
		*kind = FM_TOML;
		open = "+++";
	} else if (is_fence(p, n, "{")) {
		*kind = FM_JSON;
		open = "}";
	} else
		return ERR_OK;
	fm->p = *kind == FM_JSON ? p : next;
	for (line = next; line < end; line = next) {
		n = line_len(line, end, &next);
		if (is_fence(line, n, open) || (*kind == FM_YAML &&
		    is_fence(line, n, "..."))) {
			close = line;
			break;
		}
	}
	if (close == NULL) {
		snprintf(why, PORT_WHY, "front matter opened with '%s' "
		    "never closes", *kind == FM_JSON ? "{" : open);
		return ERR_PARSE;
	}
	fm->len = (size_t)((*kind == FM_JSON ? next : close) - fm->p);
	body->p = next;
	body->len = (size_t)(end - next);
	return ERR_OK;
}

/* A plain YAML scalar typed as YAML 1.2's core schema would. */
static json_t *
yaml_plain(const char *s, size_t n)
{
	long long v;
	char *end, tmp[32];

	if (n == 0 || (n == 1 && s[0] == '~') || (n == 4 &&
	    (memcmp(s, "null", 4) == 0 || memcmp(s, "Null", 4) == 0 ||
	    memcmp(s, "NULL", 4) == 0)))
		return json_null();
	if ((n == 4 && (memcmp(s, "true", 4) == 0 || memcmp(s, "True",
	    4) == 0 || memcmp(s, "TRUE", 4) == 0)))
		return json_true();
	if ((n == 5 && (memcmp(s, "false", 5) == 0 || memcmp(s, "False",
	    5) == 0 || memcmp(s, "FALSE", 5) == 0)))
		return json_false();
	if (n < sizeof(tmp) && ((s[0] >= '0' && s[0] <= '9') ||
	    ((s[0] == '-' || s[0] == '+') && n > 1))) {
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		errno = 0;
		v = strtoll(tmp, &end, 10);
		if (*end == '\0' && errno == 0)
			return json_integer(v);
	}
	return json_stringn(s, n);
}

struct yframe {
	json_t		*v;
	json_t		*key;	/* a mapping's key awaiting its value */
};

/* Put v into the frame on top (an array, or a mapping's key or value). */
static int
yaml_put(struct yframe *top, json_t *v, char why[PORT_WHY])
{
	if (json_is_array(top->v)) {
		json_array_append_new(top->v, v);
		return 1;
	}
	if (top->key == NULL) {
		if (!json_is_string(v)) {
			snprintf(why, PORT_WHY, "a key that is not a "
			    "string");
			json_decref(v);
			return 0;
		}
		top->key = v;
		return 1;
	}
	json_object_set_new(top->v, json_string_value(top->key), v);
	json_decref(top->key);
	top->key = NULL;
	return 1;
}

static enum err
yaml_json(const char *text, size_t len, json_t **out, char why[PORT_WHY])
{
	struct yframe st[PORT_DEPTH + 1];
	yaml_parser_t p;
	yaml_event_t ev;
	json_t *v;
	int depth = 0, done = 0, ok = 1, i;
	const char *s;
	size_t n;

	memset(st, 0, sizeof(st));
	if (!yaml_parser_initialize(&p)) {
		snprintf(why, PORT_WHY, "out of memory");
		return ERR_PARSE;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (ok && !done) {
		if (!yaml_parser_parse(&p, &ev)) {
			snprintf(why, PORT_WHY, "line %zu: %s",
			    p.problem_mark.line + 1, p.problem != NULL ?
			    p.problem : "malformed YAML");
			ok = 0;
			break;
		}
		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			s = (const char *)ev.data.scalar.value;
			n = ev.data.scalar.length;
			v = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ?
			    yaml_plain(s, n) : json_stringn(s, n);
			if (v == NULL) {
				snprintf(why, PORT_WHY, "line %zu: a value "
				    "that is not UTF-8",
				    ev.start_mark.line + 1);
				ok = 0;
			} else if (depth == 0) {
				json_decref(v);
				snprintf(why, PORT_WHY, "front matter that "
				    "is not a mapping");
				ok = 0;
			} else
				ok = yaml_put(&st[depth], v, why);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (depth == PORT_DEPTH) {
				snprintf(why, PORT_WHY, "line %zu: nested "
				    "deeper than %d", ev.start_mark.line + 1,
				    PORT_DEPTH);
				ok = 0;
				break;
			}
			if (depth == 0 && ev.type != YAML_MAPPING_START_EVENT) {
				snprintf(why, PORT_WHY, "front matter that "
				    "is not a mapping");
				ok = 0;
				break;
			}
			depth++;
			st[depth].v = ev.type == YAML_MAPPING_START_EVENT ?
			    json_object() : json_array();
			st[depth].key = NULL;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			v = st[depth].v;
			st[depth].v = NULL;
			depth--;
			if (depth == 0) {
				*out = v;
				done = 1;
			} else
				ok = yaml_put(&st[depth], v, why);
			break;
		case YAML_ALIAS_EVENT:
			snprintf(why, PORT_WHY, "line %zu: YAML aliases are "
			    "not read", ev.start_mark.line + 1);
			ok = 0;
			break;
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT:
			if (*out == NULL)
				*out = json_object();	/* empty: "---\n---" */
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	for (i = depth; i > 0; i--) {
		json_decref(st[i].v);
		json_decref(st[i].key);
	}
	yaml_parser_delete(&p);
	if (!ok) {
		json_decref(*out);
		*out = NULL;
		return ERR_PARSE;
	}
	return ERR_OK;
}

enum err
fm_parse(enum fm_kind kind, const char *text, size_t len, json_t **out,
    char why[PORT_WHY])
{
	json_error_t jerr;

	*out = NULL;
	why[0] = '\0';
	if (!utf8_valid(text, len)) {
		snprintf(why, PORT_WHY, "front matter that is not UTF-8");
		return ERR_PARSE;
	}
	switch (kind) {
	case FM_YAML:
		return yaml_json(text, len, out, why);
	case FM_TOML:
		return toml_parse(text, len, out, why);
	case FM_JSON:
		if ((*out = json_loadb(text, len, JSON_REJECT_DUPLICATES,
		    &jerr)) == NULL || !json_is_object(*out)) {
			snprintf(why, PORT_WHY, "line %d: %.120s", jerr.line,
			    *out == NULL ? jerr.text : "not an object");
			json_decref(*out);
			*out = NULL;
			return ERR_PARSE;
		}
		return ERR_OK;
	default:
		*out = json_object();
		return ERR_OK;
	}
}
