/*
 * k2_parse: what the K2 importer reads that no database checked: the
 * operator's mysql:// address and table prefix, and the old site's own
 * texts: extra fields' JSON, author aliases, menu links, dates and
 * the intro as plain text.  Each function is pure (no database, no
 * global state) and bounded by its caller's buffers, so fuzz_k2 drives
 * them all.
 */
#include <string.h>

#include "import.h"

/* Decode n bytes of s into out (size max + 1): no control character. */
static enum err
part_decode(const char *s, size_t n, char *out, size_t max)
{
	char tmp[LIMIT_URL + 1];
	size_t len, i;

	if (n > LIMIT_URL || url_decode(s, n, tmp, &len, 0) != ERR_OK ||
	    len > max)
		return ERR_PARSE;
	for (i = 0; i < len; i++)
		if ((unsigned char)tmp[i] < 0x20 || tmp[i] == 0x7f)
			return ERR_PARSE;
	memcpy(out, tmp, len + 1);
	return ERR_OK;
}

enum err
k2_dsn_parse(const char *s, struct k2_dsn *d, const char **why)
{
	const char *auth, *slash, *at, *hp, *hend, *q;
	long long port;
	char num[8];
	size_t n;

	memset(d, 0, sizeof(*d));
	*why = NULL;
	if (strncmp(s, "mysql://", 8) == 0)
		auth = s + 8;
	else if (strncmp(s, "mariadb://", 10) == 0)
		auth = s + 10;
	else {
		*why = "the address must begin with mysql://";
		return ERR_PARSE;
	}
	if ((slash = strchr(auth, '/')) == NULL) {
		*why = "the address names no database (mysql://USER@HOST/DB)";
		return ERR_PARSE;
	}
	/* The user is before the last '@' of the authority. */
	at = NULL;
	for (hp = auth; hp < slash; hp++)
		if (*hp == '@')
			at = hp;
	if (at == NULL || at == auth) {
		*why = "the address names no user (mysql://USER@HOST/DB)";
		return ERR_PARSE;
	}
	if (memchr(auth, ':', (size_t)(at - auth)) != NULL) {
		*why = "a password is never part of the address: give it "
		    "with --password-file, or type it when asked";
		return ERR_PARSE;
	}
	if (part_decode(auth, (size_t)(at - auth), d->user, K2_USER_MAX) !=
	    ERR_OK) {
		*why = "the user name is malformed or too long";
		return ERR_PARSE;
	}
	hp = at + 1;
	if (*hp == '[') {
		if ((hend = memchr(hp, ']', (size_t)(slash - hp))) == NULL) {
			*why = "an IPv6 address lacks its ']'";
			return ERR_PARSE;
		}
		n = (size_t)(hend - hp - 1);
		if (n == 0 || n > K2_HOST_MAX || strspn(hp + 1,
		    "0123456789abcdefABCDEF:.") < n) {
			*why = "the IPv6 address is malformed";
			return ERR_PARSE;
		}
		memcpy(d->host, hp + 1, n);
		d->host[n] = '\0';
		hend++;
	} else {
		hend = hp;
		while (hend < slash && *hend != ':')
			hend++;
		if (hend == hp || part_decode(hp, (size_t)(hend - hp),
		    d->host, K2_HOST_MAX) != ERR_OK || strpbrk(d->host,
		    " /?#@[]") != NULL) {
			*why = "the host is missing or malformed";
			return ERR_PARSE;
		}
	}
	if (hend < slash) {
		if (*hend != ':' || (n = (size_t)(slash - hend - 1)) == 0 ||
		    n >= sizeof(num) || strspn(hend + 1, "0123456789") < n) {
			*why = "the port is not a number";
			return ERR_PARSE;
		}
		memcpy(num, hend + 1, n);
		num[n] = '\0';
		if (str_to_ll(num, 1, 65535, &port) != ERR_OK) {
			*why = "the port is not between 1 and 65535";
			return ERR_PARSE;
		}
		d->port = (unsigned)port;
	}
	q = slash + 1 + strcspn(slash + 1, "?");
	if (q == slash + 1 || memchr(slash + 1, '/', (size_t)(q - slash -
	    1)) != NULL || part_decode(slash + 1, (size_t)(q - slash - 1),
	    d->db, K2_DB_MAX) != ERR_OK) {
		*why = "the database name is missing or malformed";
		return ERR_PARSE;
	}
	if (*q == '?') {
		if (strncmp(q + 1, "socket=", 7) != 0 || q[8] == '\0' ||
		    strchr(q + 8, '&') != NULL || part_decode(q + 8,
		    strlen(q + 8), d->socket, K2_SOCKET_MAX) != ERR_OK ||
		    d->socket[0] != '/') {
			*why = "the only option is ?socket=/absolute/path";
			return ERR_PARSE;
		}
	}
	return ERR_OK;
}

int
k2_prefix_ok(const char *p)
{
	size_t n = strlen(p);

	return n <= K2_PREFIX_MAX && strspn(p, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == n;
}

void
k2_fields_add(struct k2_fields *f, long id, const char *name,
    const char *type, const char *value)
{
	struct k2_field *x;
	json_t *opt;

	f->v = xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
	x = &f->v[f->n++];
	x->id = id;
	x->name = xstrdup(name != NULL ? name : "");
	x->type = xstrdup(type != NULL ? type : "");
	opt = value != NULL ? json_loads(value, JSON_DECODE_ANY |
	    JSON_ALLOW_NUL, NULL) : NULL;
	if (opt != NULL && !json_is_array(opt)) {
		json_decref(opt);
		opt = NULL;
	}
	x->options = opt;
}

void
k2_fields_free(struct k2_fields *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].name);
		free(f->v[i].type);
		json_decref(f->v[i].options);
	}
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

/* A JSON scalar as K2 compares it (PHP's loose ==): as text. */
static const char *
scalar_text(json_t *v, char *tmp, size_t size)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(tmp, size, "%lld", (long long)json_integer_value(v));
		return tmp;
	}
	if (json_is_real(v)) {
		snprintf(tmp, size, "%g", json_real_value(v));
		return tmp;
	}
	if (json_is_true(v))
		return "1";
	return NULL;
}

/* The name of the option of f whose value is v, or NULL. */
static json_t *
option_name(const struct k2_field *f, json_t *v)
{
	char a[32], b[32];
	const char *want, *have;
	json_t *o;
	size_t i;

	if (f->options == NULL || (want = scalar_text(v, a, sizeof(a))) ==
	    NULL)
		return NULL;
	json_array_foreach(f->options, i, o) {
		have = scalar_text(json_object_get(o, "value"), b, sizeof(b));
		if (have != NULL && strcmp(have, want) == 0 &&
		    json_is_string(json_object_get(o, "name")))
			return json_incref(json_object_get(o, "name"));
	}
	return NULL;
}

/* A string with leading and trailing white space gone, or NULL if "". */
static json_t *
trimmed(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' ||
	    *s == '\r')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n > 0 ? json_stringn(s, n) : NULL;
}

/* What one value of field f becomes, or NULL for nothing. */
static json_t *
extra_value(const struct k2_field *f, json_t *v)
{
	json_t *out = NULL, *x, *url, *text, *row;
	const char *s, *c;
	size_t i, j;

	if (strcmp(f->type, "header") == 0)
		return NULL;
	if (strcmp(f->type, "select") == 0 || strcmp(f->type, "radio") == 0)
		return option_name(f, v);
	if (strcmp(f->type, "multipleSelect") == 0) {
		out = json_array();
		if (json_is_array(v)) {
			json_array_foreach(v, i, x)
				if ((x = option_name(f, x)) != NULL)
					json_array_append_new(out, x);
		} else if ((x = option_name(f, v)) != NULL)
			json_array_append_new(out, x);
	} else if (strcmp(f->type, "labels") == 0 && json_is_string(v)) {
		out = json_array();
		s = json_string_value(v);
		for (;;) {
			c = strchr(s, ',');
			j = c != NULL ? (size_t)(c - s) : strlen(s);
			if ((x = trimmed(s, j)) != NULL)
				json_array_append_new(out, x);
			if (c == NULL)
				break;
			s = c + 1;
		}
	} else if (strcmp(f->type, "link") == 0 && json_is_array(v)) {
		text = json_array_get(v, 0);
		url = json_array_get(v, 1);
		s = json_string_value(url);
		if (s == NULL || (x = trimmed(s, strlen(s))) == NULL)
			return NULL;
		if (strcmp(json_string_value(x), "http://") == 0 ||
		    strcmp(json_string_value(x), "https://") == 0) {
			json_decref(x);
			return NULL;
		}
		out = json_object();
		s = json_string_value(text);
		json_object_set_new(out, "text", s != NULL && (text =
		    trimmed(s, strlen(s))) != NULL ? text : json_incref(x));
		json_object_set_new(out, "url", x);
		return out;
	} else if (strcmp(f->type, "csv") == 0 && json_is_array(v)) {
		out = json_array();
		json_array_foreach(v, i, row) {
			if (!json_is_array(row))
				continue;
			x = json_array();
			json_array_foreach(row, j, text)
				json_array_append_new(x, json_is_string(text) ?
				    json_incref(text) : json_string(""));
			json_array_append_new(out, x);
		}
	} else if (json_is_string(v)) {
		s = json_string_value(v);
		return trimmed(s, json_string_length(v));
	} else if (json_is_number(v))
		return json_incref(v);
	if (out != NULL && json_array_size(out) == 0) {
		json_decref(out);
		out = NULL;
	}
	return out;
}

enum err
k2_extra_map(const struct k2_fields *f, const char *json, size_t len,
    json_t **outp, size_t *undefined)
{
	json_t *in, *out, *it, *v;
	const struct k2_field *def;
	char key[LIMIT_NAME + 32], idt[32];
	const char *ids;
	size_t i, k;
	long long id;

	*undefined = 0;
	*outp = out = json_object();
	in = json_loadb(json, len, JSON_DECODE_ANY, NULL);
	if (in == NULL || !json_is_array(in)) {
		json_decref(in);
		return ERR_PARSE;
	}
	json_array_foreach(in, i, it) {
		ids = scalar_text(json_object_get(it, "id"), idt, sizeof(idt));
		def = NULL;
		if (ids != NULL && str_to_ll(ids, 0, INT32_MAX, &id) ==
		    ERR_OK)
			for (k = 0; k < f->n && def == NULL; k++)
				if (f->v[k].id == (long)id)
					def = &f->v[k];
		if (def == NULL) {
			(*undefined)++;
			continue;
		}
		if ((v = extra_value(def, json_object_get(it, "value"))) ==
		    NULL)
			continue;
		snprintf(key, sizeof(key), "%s", def->name[0] != '\0' ?
		    def->name : "field");
		if (json_object_get(out, key) != NULL)
			snprintf(key, sizeof(key), "%.*s (id %ld)",
			    LIMIT_NAME, def->name, def->id);
		json_object_set_new(out, key, v);
	}
	json_decref(in);
	return ERR_OK;
}

/* One name of n bytes, spaces tidied, into out; 1 if anything is left. */
static int
name_put(const char *s, size_t n, char *out)
{
	size_t o = 0, i, cut = 0;
	int space = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= 0x20 || c == 0x7f) {
			space = o > 0;
			continue;
		}
		if (o + (space ? 2 : 1) > LIMIT_NAME) {
			cut = 1;
			break;
		}
		if (space)
			out[o++] = ' ';
		space = 0;
		out[o++] = (char)c;
	}
	/* A name cut at LIMIT_NAME must not end inside a character. */
	while (cut && o > 0 && ((unsigned char)out[o - 1] & 0xc0) == 0x80)
		o--;
	if (cut && o > 0 && (unsigned char)out[o - 1] >= 0xc0)
		o--;
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return o > 0;
}

/* Where the next separator of s is (and its length), or NULL. */
static const char *
name_sep(const char *s, int commas, size_t *len)
{
	static const char *const seps[] = { ";", " & ", " and ", "," };
	const char *best = NULL, *p;
	size_t i;

	for (i = 0; i < nitems(seps); i++) {
		if (!commas && strcmp(seps[i], ",") == 0)
			continue;
		if ((p = strstr(s, seps[i])) != NULL && (best == NULL ||
		    p < best)) {
			best = p;
			*len = strlen(seps[i]);
		}
	}
	return best;
}

size_t
k2_names_split(const char *alias, char names[][LIMIT_NAME + 1], size_t max)
{
	const char *s, *p, *c;
	size_t n = 0, len = 0;
	int commas = 1;

	/* "Smith, J." is one name: commas split only names with spaces. */
	for (s = alias; commas && (c = strchr(s, ',')) != NULL; s = c + 1) {
		while (*s == ' ')
			s++;
		p = memchr(s, ' ', (size_t)(c - s));
		if (p == NULL || p == s)
			commas = 0;
	}
	if (commas && strchr(alias, ',') != NULL) {
		while (*s == ' ')
			s++;
		if (strchr(s, ' ') == NULL)
			commas = 0;
	}
	for (s = alias; *s != '\0' && n < max; ) {
		p = name_sep(s, commas, &len);
		if (name_put(s, p != NULL ? (size_t)(p - s) : strlen(s),
		    names[n]))
			n++;
		if (p == NULL)
			break;
		s = p + len;
	}
	return n;
}

/* Entities esc_html writes, and what they stand for. */
static const struct {
	const char	*ent;
	char		 c;
} ents[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
    { "&quot;", '"' }, { "&#39;", '\'' } };

/* Elements an intro may hold and still be a dek. */
static const char *const plain[] = { "p", "br", "em", "strong", "b", "i",
    "u", "s", "small", "sub", "sup", "abbr", "cite", "q", "mark", "del",
    "ins", "code" };

/* Elements that do not separate words. */
static const char *const inline_tags[] = { "a", "em", "strong", "b", "i",
    "u", "s", "small", "sub", "sup", "abbr", "cite", "q", "mark", "del",
    "ins", "code", "span" };

/* Whether the tag name at s (n bytes at most) is one of list. */
static int
tag_in(const char *s, size_t n, const char *const *list, size_t nlist)
{
	size_t i, len = strcspn(s, " >/");

	if (len > n)
		len = n;
	for (i = 0; i < nlist; i++)
		if (strlen(list[i]) == len && strncmp(s, list[i], len) == 0)
			return 1;
	return 0;
}

enum err
k2_html_text(struct buf *out, const char *html, size_t len, int *simple)
{
	size_t i, k, paras = 0, start = out->len;
	const char *gt;
	int space = 0;
	enum err rc = ERR_OK;

	*simple = 1;
	for (i = 0; i < len && rc == ERR_OK; ) {
		char c = html[i];

		if (c == '<') {
			gt = memchr(html + i, '>', len - i);
			k = i + 1;
			if (k < len && html[k] == '/')
				k++;
			if (!tag_in(html + k, len - k, plain, nitems(plain)))
				*simple = 0;
			if (k == i + 1 && k + 1 < len && html[k] == 'p' &&
			    (html[k + 1] == '>' || html[k + 1] == ' '))
				paras++;
			if (!tag_in(html + k, len - k, inline_tags,
			    nitems(inline_tags)))
				space = out->len > start;
			i = gt != NULL ? (size_t)(gt - html) + 1 : len;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    (c == '\xc2' && i + 1 < len && html[i + 1] == '\xa0')) {
			space = out->len > start;
			i += c == '\xc2' ? 2 : 1;
			continue;
		}
		if (space)
			rc = buf_putc(out, ' ');
		space = 0;
		for (k = 0; c == '&' && k < nitems(ents); k++)
			if (len - i >= strlen(ents[k].ent) && memcmp(html + i,
			    ents[k].ent, strlen(ents[k].ent)) == 0)
				break;
		if (c == '&' && k < nitems(ents)) {
			if (rc == ERR_OK)
				rc = buf_putc(out, ents[k].c);
			i += strlen(ents[k].ent);
			continue;
		}
		if (rc == ERR_OK)
			rc = buf_putc(out, c);
		i++;
	}
	if (paras > 1)
		*simple = 0;
	if (rc == ERR_OK)
		rc = buf_reserve(out, 1);
	if (rc == ERR_OK)
		out->p[out->len] = '\0';
	return rc;
}

int
k2_datetime(const char *s, char out[TIME_ISO_LEN])
{
	int64_t t;
	char iso[TIME_ISO_LEN];

	out[0] = '\0';
	if (s == NULL || strlen(s) < 19 || strncmp(s, "0000", 4) == 0 ||
	    s[10] != ' ')
		return 0;
	snprintf(iso, sizeof(iso), "%.10sT%.8sZ", s, s + 11);
	if (time_parse_iso(iso, &t) != ERR_OK || t <= 0)
		return 0;
	time_iso(t, TIME_ISO_SECONDS, out);
	return 1;
}

/* The value of field name in the query q (after '?'), into v. */
static int
query_get(const char *q, const char *name, char *v, size_t size)
{
	size_t n = strlen(name), len;
	const char *p;

	for (p = q; p != NULL && *p != '\0'; p = strchr(p, '&'),
	    p = p != NULL ? p + 1 : NULL) {
		if (strncmp(p, name, n) != 0 || p[n] != '=')
			continue;
		len = strcspn(p + n + 1, "&");
		if (len >= size)
			return 0;
		memcpy(v, p + n + 1, len);
		v[len] = '\0';
		return 1;
	}
	return 0;
}

enum k2_menu
k2_menu_link(const char *link, long *id)
{
	char v[32], num[32];
	const char *q;
	long long n;

	*id = 0;
	if (link == NULL || (q = strchr(link, '?')) == NULL)
		return K2_MENU_OTHER;
	q++;
	if (!query_get(q, "option", v, sizeof(v)) || strcmp(v, "com_k2") != 0)
		return K2_MENU_OTHER;
	if (!query_get(q, "id", num, sizeof(num)))
		return K2_MENU_OTHER;
	num[strcspn(num, ":")] = '\0';
	if (str_to_ll(num, 1, INT32_MAX, &n) != ERR_OK)
		return K2_MENU_OTHER;
	*id = (long)n;
	if (query_get(q, "view", v, sizeof(v)) && strcmp(v, "item") == 0)
		return K2_MENU_ITEM;
	if (query_get(q, "task", v, sizeof(v)) && strcmp(v, "category") == 0)
		return K2_MENU_CATEGORY;
	if (query_get(q, "layout", v, sizeof(v)) && strcmp(v, "category") ==
	    0)
		return K2_MENU_CATEGORY;
	return K2_MENU_OTHER;
}
