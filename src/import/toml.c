/*
 * toml: the subset of TOML v1.0 that Hugo's "+++" front matter uses,
 * into a jansson object.  Debian 12 packages no C TOML library, so this
 * is ours (docs/design.md says why); fuzz/fuzz_toml.c runs it.  One
 * pass over the bytes with a cursor; every value is built as it is
 * read, tables are JSON objects and arrays of tables arrays of them.
 * Nesting is capped at PORT_DEPTH; a key defined twice, a table named
 * twice and anything outside the subset are errors with a line number.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "import/port.h"
#include "util/limits.h"

struct toml {
	const char	*p, *end, *start;
	char		*why;
	int		 failed;
};

static void
bad(struct toml *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
bad(struct toml *t, const char *fmt, ...)
{
	const char *q;
	va_list ap;
	int line = 1, n;

	if (t->failed)
		return;
	t->failed = 1;
	for (q = t->start; q < t->p && q < t->end; q++)
		line += *q == '\n';
	n = snprintf(t->why, PORT_WHY, "line %d: ", line);
	if (n < 0 || n >= PORT_WHY)
		return;
	va_start(ap, fmt);
	vsnprintf(t->why + n, PORT_WHY - (size_t)n, fmt, ap);
	va_end(ap);
}

static int
at_end(struct toml *t)
{
	return t->p >= t->end;
}

static void
skip_ws(struct toml *t)
{
	while (!at_end(t) && (*t->p == ' ' || *t->p == '\t'))
		t->p++;
}

static void
skip_comment(struct toml *t)
{
	if (!at_end(t) && *t->p == '#')
		while (!at_end(t) && *t->p != '\n')
			t->p++;
}

/* Blanks, comments and newlines (inside arrays). */
static void
skip_space(struct toml *t)
{
	for (;;) {
		skip_ws(t);
		skip_comment(t);
		if (!at_end(t) && (*t->p == '\n' || *t->p == '\r'))
			t->p++;
		else
			return;
	}
}

/* The end of a line: blanks, a comment, then a newline or the end. */
static int
line_end(struct toml *t)
{
	skip_ws(t);
	skip_comment(t);
	if (!at_end(t) && *t->p == '\r')
		t->p++;
	if (at_end(t))
		return 1;
	if (*t->p == '\n') {
		t->p++;
		return 1;
	}
	bad(t, "unexpected '%c' after a value", *t->p);
	return 0;
}

static void
put_utf8(struct buf *b, uint32_t c)
{
	char u[4];

	if (c < 0x80) {
		u[0] = (char)c;
		buf_add(b, u, 1);
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		buf_add(b, u, 4);
	}
}

/* A backslash escape of a basic string, after the backslash. */
static int
escape(struct toml *t, struct buf *b)
{
	uint32_t c = 0;
	int i, n;
	char e;

	if (at_end(t)) {
		bad(t, "a string ends in a backslash");
		return 0;
	}
	e = *t->p++;
	switch (e) {
	case 'b': buf_putc(b, '\b'); return 1;
	case 't': buf_putc(b, '\t'); return 1;
	case 'n': buf_putc(b, '\n'); return 1;
	case 'f': buf_putc(b, '\f'); return 1;
	case 'r': buf_putc(b, '\r'); return 1;
	case '"': buf_putc(b, '"'); return 1;
	case '\\': buf_putc(b, '\\'); return 1;
	case 'u': n = 4; break;
	case 'U': n = 8; break;
	default:
		bad(t, "unknown escape '\\%c'", e);
		return 0;
	}
	for (i = 0; i < n; i++, t->p++) {
		if (at_end(t)) {
			bad(t, "a short \\%c escape", e);
			return 0;
		}
		c <<= 4;
		if (*t->p >= '0' && *t->p <= '9')
			c |= (uint32_t)(*t->p - '0');
		else if (*t->p >= 'a' && *t->p <= 'f')
			c |= (uint32_t)(*t->p - 'a' + 10);
		else if (*t->p >= 'A' && *t->p <= 'F')
			c |= (uint32_t)(*t->p - 'A' + 10);
		else {
			bad(t, "a bad \\%c escape", e);
			return 0;
		}
	}
	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) || c == 0) {
		bad(t, "an escape that is no character");
		return 0;
	}
	put_utf8(b, c);
	return 1;
}

/* A string of any of the four kinds, at its opening quote. */
static json_t *
string(struct toml *t)
{
	char q = *t->p;
	int multi = 0, literal = q == '\'';
	const char *s;
	struct buf b;
	json_t *v = NULL;

	buf_init(&b, LIMIT_IMPORT_FILE);
	if (t->end - t->p >= 3 && t->p[1] == q && t->p[2] == q) {
		multi = 1;
		t->p += 3;
		/* A newline right after the opening quotes is dropped. */
		if (!at_end(t) && *t->p == '\n')
			t->p++;
		else if (t->end - t->p >= 2 && t->p[0] == '\r' &&
		    t->p[1] == '\n')
			t->p += 2;
	} else
		t->p++;
	for (;;) {
		if (at_end(t)) {
			bad(t, "a string never closed");
			goto out;
		}
		if (*t->p == q) {
			if (!multi) {
				t->p++;
				break;
			}
			if (t->end - t->p >= 3 && t->p[1] == q &&
			    t->p[2] == q) {
				/* Up to two quotes may end the content. */
				t->p += 3;
				while (!at_end(t) && *t->p == q &&
				    b.len < b.max) {
					buf_putc(&b, q);
					t->p++;
				}
				break;
			}
		}
		if (!multi && (*t->p == '\n' || *t->p == '\r')) {
			bad(t, "a newline in a one-line string");
			goto out;
		}
		if (!literal && *t->p == '\\') {
			t->p++;
			if (multi) {
				/* A line-ending backslash eats the blanks. */
				s = t->p;
				while (s < t->end && (*s == ' ' || *s == '\t'))
					s++;
				if (s < t->end && (*s == '\n' || *s == '\r')) {
					t->p = s;
					while (!at_end(t) && (*t->p == ' ' ||
					    *t->p == '\t' || *t->p == '\n' ||
					    *t->p == '\r'))
						t->p++;
					continue;
				}
			}
			if (!escape(t, &b))
				goto out;
			continue;
		}
		if ((unsigned char)*t->p < 0x20 && *t->p != '\t' &&
		    *t->p != '\n' && *t->p != '\r') {
			bad(t, "a control character in a string");
			goto out;
		}
		buf_putc(&b, *t->p++);
	}
	if ((v = json_stringn(b.len > 0 ? b.p : "", b.len)) == NULL)
		bad(t, "a string that is not UTF-8");
out:
	buf_free(&b);
	return v;
}

static int
bare_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* One part of a key (bare or quoted) as a JSON string. */
static json_t *
key_part(struct toml *t)
{
	const char *s = t->p;

	skip_ws(t);
	if (at_end(t)) {
		bad(t, "a key expected");
		return NULL;
	}
	if (*t->p == '"' || *t->p == '\'') {
		if (t->end - t->p >= 3 && t->p[1] == *t->p &&
		    t->p[2] == *t->p) {
			bad(t, "a multi-line string as a key");
			return NULL;
		}
		return string(t);
	}
	s = t->p;
	while (!at_end(t) && bare_char(*t->p))
		t->p++;
	if (t->p == s) {
		bad(t, "a key expected, not '%c'", *t->p);
		return NULL;
	}
	return json_stringn(s, (size_t)(t->p - s));
}

/*
 * A dotted key: *parts gets its parts (caller decrefs).  Stops before
 * what follows (a '=', a ']').
 */
static json_t *
key(struct toml *t)
{
	json_t *parts = json_array(), *k;

	for (;;) {
		if ((k = key_part(t)) == NULL) {
			json_decref(parts);
			return NULL;
		}
		json_array_append_new(parts, k);
		skip_ws(t);
		if (at_end(t) || *t->p != '.')
			return parts;
		t->p++;
	}
}

/* A number, date, time or boolean: the run of characters it spans. */
static json_t *
scalar(struct toml *t)
{
	const char *s = t->p, *q;
	char tmp[64], *end;
	size_t n, i, o;
	long long ll;
	double d;
	int base = 10, digits = 0, dashes = 0, colons = 0;

	while (!at_end(t) && (bare_char(*t->p) || *t->p == '.' ||
	    *t->p == ':' || *t->p == '+' || (*t->p == ' ' && t->p - s == 10 &&
	    t->end - t->p > 1 && t->p[1] >= '0' && t->p[1] <= '9' &&
	    dashes == 2)))
		if (*t->p++ == '-' && t->p - s <= 8)
			dashes++;
	n = (size_t)(t->p - s);
	if (n == 0) {
		bad(t, "a value expected, not '%c'", at_end(t) ? ' ' : *s);
		return NULL;
	}
	if (n == 4 && memcmp(s, "true", 4) == 0)
		return json_true();
	if (n == 5 && memcmp(s, "false", 5) == 0)
		return json_false();
	for (q = s; q < t->p; q++) {
		digits += *q >= '0' && *q <= '9';
		colons += *q == ':';
	}
	/* A date (1979-05-27...) or a time (07:32:00): kept as written. */
	if ((n >= 10 && s[4] == '-' && s[7] == '-' && digits >= 8) ||
	    (n >= 8 && s[2] == ':' && colons >= 2)) {
		if (n >= sizeof(tmp)) {
			bad(t, "a date too long");
			return NULL;
		}
		for (i = 0; i < n; i++) {
			if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
			    s[i] == ':' || s[i] == '.' || s[i] == '+' ||
			    s[i] == 'T' || s[i] == 't' || s[i] == 'Z' ||
			    s[i] == 'z' || s[i] == ' ')) {
				bad(t, "a malformed date or time");
				return NULL;
			}
			tmp[i] = s[i] == ' ' || s[i] == 't' ? 'T' :
			    s[i] == 'z' ? 'Z' : s[i];
		}
		return json_stringn(tmp, n);
	}
	if (n >= sizeof(tmp)) {
		bad(t, "a number too long");
		return NULL;
	}
	/* Underscores only between digits; the prefix picks the base. */
	for (i = 0, o = 0; i < n; i++) {
		if (s[i] == '_') {
			if (i == 0 || i + 1 == n || !bare_char(s[i - 1]) ||
			    s[i - 1] == '_' || s[i + 1] == '_') {
				bad(t, "a misplaced '_' in a number");
				return NULL;
			}
			continue;
		}
		tmp[o++] = s[i];
	}
	tmp[o] = '\0';
	if (o > 2 && tmp[0] == '0' && (tmp[1] == 'x' || tmp[1] == 'o' ||
	    tmp[1] == 'b'))
		base = tmp[1] == 'x' ? 16 : tmp[1] == 'o' ? 8 : 2;
	if (strcmp(tmp, "inf") == 0 || strcmp(tmp, "+inf") == 0 ||
	    strcmp(tmp, "-inf") == 0 || strstr(tmp, "nan") != NULL) {
		bad(t, "inf and nan have no JSON form");
		return NULL;
	}
	errno = 0;
	ll = strtoll(base == 10 ? tmp : tmp + 2, &end, base);
	if (*end == '\0' && errno == 0 && (base == 10 || (tmp[2] != '+' &&
	    tmp[2] != '-'))) {
		if (base == 10 && ((tmp[0] == '0' && o > 1) || ((tmp[0] ==
		    '+' || tmp[0] == '-') && tmp[1] == '0' && o > 2))) {
			bad(t, "a leading zero in a number");
			return NULL;
		}
		return json_integer(ll);
	}
	if (base == 10 && strpbrk(tmp, ".eE") != NULL && tmp[0] != '.' &&
	    tmp[o - 1] != '.') {
		errno = 0;
		d = strtod(tmp, &end);
		if (*end == '\0' && errno == 0)
			return json_real(d);
	}
	bad(t, "a malformed value '%s'", tmp);
	return NULL;
}

static json_t *value(struct toml *, int depth);

static json_t *
array(struct toml *t, int depth)
{
	json_t *a = json_array(), *v;

	t->p++;
	for (;;) {
		skip_space(t);
		if (at_end(t)) {
			bad(t, "an array never closed");
			break;
		}
		if (*t->p == ']') {
			t->p++;
			return a;
		}
		if ((v = value(t, depth + 1)) == NULL)
			break;
		json_array_append_new(a, v);
		skip_space(t);
		if (!at_end(t) && *t->p == ',')
			t->p++;
		else if (!at_end(t) && *t->p != ']') {
			bad(t, "',' or ']' expected in an array");
			break;
		}
	}
	json_decref(a);
	return NULL;
}

static int assign(struct toml *, json_t *table, int depth);

static json_t *
inline_table(struct toml *t, int depth)
{
	json_t *o = json_object();

	t->p++;
	skip_ws(t);
	if (!at_end(t) && *t->p == '}') {
		t->p++;
		return o;
	}
	for (;;) {
		if (!assign(t, o, depth + 1))
			break;
		skip_ws(t);
		if (!at_end(t) && *t->p == '}') {
			t->p++;
			return o;
		}
		if (at_end(t) || *t->p != ',') {
			bad(t, "',' or '}' expected in an inline table");
			break;
		}
		t->p++;
	}
	json_decref(o);
	return NULL;
}

static json_t *
value(struct toml *t, int depth)
{
	if (depth > PORT_DEPTH) {
		bad(t, "nested deeper than %d", PORT_DEPTH);
		return NULL;
	}
	skip_ws(t);
	if (at_end(t)) {
		bad(t, "a value expected");
		return NULL;
	}
	switch (*t->p) {
	case '"':
	case '\'':
		return string(t);
	case '[':
		return array(t, depth);
	case '{':
		return inline_table(t, depth);
	default:
		return scalar(t);
	}
}

/*
 * The table that the parts of key name under root, made as needed (the
 * last element of an array of tables); NULL (why set) when one of them
 * is not a table.  With last == 0, all parts; else all but the last.
 */
static json_t *
walk(struct toml *t, json_t *root, json_t *parts, int last)
{
	json_t *cur = root, *next;
	size_t i, n = json_array_size(parts) - (last ? 1 : 0);
	const char *k;

	for (i = 0; i < n; i++) {
		k = json_string_value(json_array_get(parts, i));
		next = json_object_get(cur, k);
		if (next == NULL) {
			next = json_object();
			json_object_set_new(cur, k, next);
		} else if (json_is_array(next) && json_array_size(next) > 0 &&
		    json_is_object(json_array_get(next, json_array_size(next) -
		    1)))
			next = json_array_get(next, json_array_size(next) - 1);
		if (!json_is_object(next)) {
			bad(t, "'%s' is not a table", k);
			return NULL;
		}
		cur = next;
	}
	return cur;
}

/* key = value into table. */
static int
assign(struct toml *t, json_t *table, int depth)
{
	json_t *parts, *into, *v;
	const char *k;
	int ok = 0;

	if ((parts = key(t)) == NULL)
		return 0;
	skip_ws(t);
	if (at_end(t) || *t->p != '=') {
		bad(t, "'=' expected after a key");
		goto out;
	}
	t->p++;
	if ((into = walk(t, table, parts, 1)) == NULL)
		goto out;
	k = json_string_value(json_array_get(parts,
	    json_array_size(parts) - 1));
	if (json_object_get(into, k) != NULL) {
		bad(t, "'%s' defined twice", k);
		goto out;
	}
	if ((v = value(t, depth)) == NULL)
		goto out;
	json_object_set_new(into, k, v);
	ok = 1;
out:
	json_decref(parts);
	return ok;
}

/* A [table] or [[array of tables]] header; *cur gets the table. */
static int
header(struct toml *t, json_t *root, json_t *named, json_t **cur)
{
	int arr = t->end - t->p >= 2 && t->p[1] == '[';
	json_t *parts, *into, *v;
	const char *k;
	char *dotted;
	int ok = 0;

	t->p += arr ? 2 : 1;
	if ((parts = key(t)) == NULL)
		return 0;
	skip_ws(t);
	if (at_end(t) || *t->p != ']' || (arr && (t->end - t->p < 2 ||
	    t->p[1] != ']'))) {
		bad(t, "'%s' expected after a table's name", arr ? "]]" : "]");
		goto out;
	}
	t->p += arr ? 2 : 1;
	if ((into = walk(t, root, parts, 1)) == NULL)
		goto out;
	k = json_string_value(json_array_get(parts,
	    json_array_size(parts) - 1));
	v = json_object_get(into, k);
	if (arr) {
		if (v == NULL) {
			v = json_array();
			json_object_set_new(into, k, v);
		} else if (!json_is_array(v)) {
			bad(t, "'%s' is not an array of tables", k);
			goto out;
		}
		*cur = json_object();
		json_array_append_new(v, *cur);
		ok = line_end(t);
		goto out;
	}
	dotted = json_dumps(parts, JSON_COMPACT);
	if (json_object_get(named, dotted) != NULL) {
		bad(t, "table '%s' defined twice", k);
		free(dotted);
		goto out;
	}
	json_object_set_new(named, dotted, json_true());
	free(dotted);
	if (v == NULL) {
		v = json_object();
		json_object_set_new(into, k, v);
	}
	if (!json_is_object(v)) {
		bad(t, "'%s' is not a table", k);
		goto out;
	}
	*cur = v;
	ok = line_end(t);
out:
	json_decref(parts);
	return ok;
}

enum err
toml_parse(const char *text, size_t len, json_t **out, char why[PORT_WHY])
{
	struct toml t = { text, text + len, text, why, 0 };
	json_t *root, *named, *cur;

	*out = NULL;
	why[0] = '\0';
	if (!utf8_valid(text, len)) {
		snprintf(why, PORT_WHY, "not UTF-8");
		return ERR_PARSE;
	}
	if (memchr(text, '\0', len) != NULL) {
		snprintf(why, PORT_WHY, "a NUL byte");
		return ERR_PARSE;
	}
	root = json_object();
	named = json_object();
	cur = root;
	while (!t.failed) {
		skip_space(&t);
		if (at_end(&t))
			break;
		if (*t.p == '[') {
			header(&t, root, named, &cur);
			continue;
		}
		if (assign(&t, cur, 0))
			line_end(&t);
	}
	json_decref(named);
	if (t.failed) {
		json_decref(root);
		return ERR_PARSE;
	}
	*out = root;
	return ERR_OK;
}
