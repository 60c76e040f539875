/*
 * cite: an article's citation as files for reference managers, from its
 * record (store_article_get's shape) and the site's chrome: BibTeX, RIS
 * and CSL-JSON.  Each format has its own escaping rule, kept here:
 *
 * - BibTeX: a field is {braced}; BibTeX counts braces whatever precedes
 *   them, so a brace in the text is written as a command with balanced
 *   braces (\textbraceleft{}), never as \{; LaTeX's specials (& % $ # _
 *   ~ ^ \) become commands; a name holding a comma or " and " is braced
 *   so that it stays one name.  UTF-8 is kept (biblatex and every
 *   manager read it).
 * - RIS: one "TG  - value" line a field, CRLF, TY first and ER last; a
 *   value is one line (control characters become spaces) of at most
 *   255 bytes (the abstract 2,000), cut at a character.
 * - CSL-JSON: built with jansson, so every string is JSON-escaped.
 *
 * The date cited is the issue's, else the article's day of publication.
 * Names are "given family" as typed: RIS and CSL-JSON split them at the
 * last space (a single word, or a name with a comma, is kept whole, a
 * CSL literal); BibTeX reads "First von Last" itself.
 */
#include <stdlib.h>
#include <string.h>

#include "web.h"

/* The date cited, "YYYY-MM-DD" (or shorter when the record has less). */
static const char *
cite_date(struct arena *a, json_t *row)
{
	json_t *issue = json_object_get(row, "issue");
	const char *d = view_str(issue, "date");

	if (*d == '\0')
		d = view_str(row, "published_at");
	return arena_strndup(a, d, strlen(d) < 10 ? strlen(d) : 10);
}

/* The number of the date's part at off (len digits), or 0. */
static long
date_part(const char *d, size_t off, size_t len)
{
	long n = 0;
	size_t i;

	if (strlen(d) < off + len)
		return 0;
	for (i = off; i < off + len; i++) {
		if (d[i] < '0' || d[i] > '9')
			return 0;
		n = n * 10 + (d[i] - '0');
	}
	return n;
}

/* Text into a BibTeX braced field, escaped by the rule above. */
static enum err
bib_text(struct buf *b, const char *s)
{
	enum err rc = ERR_OK;

	for (; *s != '\0' && rc == ERR_OK; s++) {
		switch (*s) {
		case '{':
			rc = buf_puts(b, "\\textbraceleft{}");
			break;
		case '}':
			rc = buf_puts(b, "\\textbraceright{}");
			break;
		case '\\':
			rc = buf_puts(b, "\\textbackslash{}");
			break;
		case '~':
			rc = buf_puts(b, "\\textasciitilde{}");
			break;
		case '^':
			rc = buf_puts(b, "\\textasciicircum{}");
			break;
		case '&': case '%': case '$': case '#': case '_':
			if ((rc = buf_putc(b, '\\')) == ERR_OK)
				rc = buf_putc(b, *s);
			break;
		default:
			rc = buf_putc(b, (unsigned char)*s < 0x20 ? ' ' : *s);
			break;
		}
	}
	return rc;
}

/* "  key = {value},\n", value escaped; nothing for an empty value. */
static enum err
bib_field(struct buf *b, const char *key, const char *value, int braced)
{
	enum err rc;

	if (*value == '\0')
		return ERR_OK;
	if ((rc = buf_printf(b, "  %s = {%s", key, braced ? "{" : "")) !=
	    ERR_OK || (rc = bib_text(b, value)) != ERR_OK)
		return rc;
	return buf_printf(b, "%s},\n", braced ? "}" : "");
}

enum err
cite_bibtex(struct buf *b, struct arena *a, json_t *row, json_t *site,
    const char *url)
{
	static const char *const months[] = { "jan", "feb", "mar", "apr",
	    "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
	json_t *issue = json_object_get(row, "issue"), *it;
	const char *date = cite_date(a, row), *name;
	int whole;
	long month = date_part(date, 5, 2);
	size_t i;
	enum err rc;

	if ((rc = buf_printf(b, "@article{%s,\n", view_str(row, "slug"))) !=
	    ERR_OK)
		return rc;
	if (json_array_size(json_object_get(row, "authors")) > 0 &&
	    (rc = buf_puts(b, "  author = {")) != ERR_OK)
		return rc;
	json_array_foreach(json_object_get(row, "authors"), i, it) {
		name = view_str(it, "name");
		/* A comma or " and " would make it two names, or a Last. */
		whole = strchr(name, ',') != NULL ||
		    strstr(name, " and ") != NULL;

		if ((i > 0 && (rc = buf_puts(b, " and ")) != ERR_OK) ||
		    (whole && (rc = buf_putc(b, '{')) != ERR_OK) ||
		    (rc = bib_text(b, name)) != ERR_OK ||
		    (whole && (rc = buf_putc(b, '}')) != ERR_OK))
			return rc;
	}
	if (i > 0 && (rc = buf_puts(b, "},\n")) != ERR_OK)
		return rc;
	if ((rc = bib_field(b, "title", view_str(row, "title"), 1)) !=
	    ERR_OK ||
	    (rc = bib_field(b, "journal", view_str(site, "name"), 0)) !=
	    ERR_OK ||
	    (rc = bib_field(b, "date", date, 0)) != ERR_OK ||
	    (rc = buf_printf(b, "  year = {%ld},\n", date_part(date, 0, 4))) !=
	    ERR_OK)
		return rc;
	if (month >= 1 && month <= 12 &&
	    (rc = buf_printf(b, "  month = %s,\n", months[month - 1])) !=
	    ERR_OK)
		return rc;
	if (json_is_integer(json_object_get(issue, "volume")) &&
	    (rc = buf_printf(b, "  volume = {%lld},\n", (long long)
	    json_integer_value(json_object_get(issue, "volume")))) != ERR_OK)
		return rc;
	if (json_is_integer(json_object_get(issue, "number")) &&
	    (rc = buf_printf(b, "  number = {%lld},\n", (long long)
	    json_integer_value(json_object_get(issue, "number")))) != ERR_OK)
		return rc;
	if ((rc = bib_field(b, "issn", view_str(site, "issn"), 0)) !=
	    ERR_OK ||
	    (rc = bib_field(b, "abstract", view_str(row, "dek"), 0)) !=
	    ERR_OK ||
	    (rc = bib_field(b, "url", url, 0)) != ERR_OK)
		return rc;
	return buf_puts(b, "}\n");
}

/* One RIS line: tag, value on one line, cut at max bytes. */
static enum err
ris_line(struct buf *b, const char *tag, const char *value, size_t max)
{
	size_t n = strlen(value), i;
	enum err rc;

	if (*value == '\0')
		return ERR_OK;
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)value[n] & 0xc0) == 0x80)
			n--;	/* at a character */
	}
	if ((rc = buf_printf(b, "%s  - ", tag)) != ERR_OK)
		return rc;
	for (i = 0; i < n && rc == ERR_OK; i++)
		rc = buf_putc(b, (unsigned char)value[i] < 0x20 ||
		    value[i] == 0x7f ? ' ' : value[i]);
	if (rc == ERR_OK)
		rc = buf_puts(b, "\r\n");
	return rc;
}

/*
 * "given family" as *family and *given; given NULL for a name to keep
 * whole (one word, or one with a comma: "Smith, Jones and Co").
 */
static void
name_split(struct arena *a, const char *name, const char **family,
    const char **given)
{
	const char *sp = strrchr(name, ' ');

	if (sp == NULL || sp == name || sp[1] == '\0' ||
	    strchr(name, ',') != NULL) {
		*family = name;
		*given = NULL;
		return;
	}
	*family = sp + 1;
	*given = arena_strndup(a, name, (size_t)(sp - name));
}

enum err
cite_ris(struct buf *b, struct arena *a, json_t *row, json_t *site,
    const char *url)
{
	json_t *issue = json_object_get(row, "issue"), *it;
	const char *date = cite_date(a, row), *family, *given;
	char da[16];
	size_t i;
	enum err rc;

	if ((rc = ris_line(b, "TY", "JOUR", 255)) != ERR_OK)
		return rc;
	json_array_foreach(json_object_get(row, "authors"), i, it) {
		name_split(a, view_str(it, "name"), &family, &given);
		if ((rc = ris_line(b, "AU", given == NULL ? family :
		    arena_printf(a, "%s, %s", family, given), 255)) != ERR_OK)
			return rc;
	}
	snprintf(da, sizeof(da), "%.4s/%.2s/%.2s/", date, strlen(date) >= 7 ?
	    date + 5 : "", strlen(date) >= 10 ? date + 8 : "");
	if ((rc = ris_line(b, "TI", view_str(row, "title"), 255)) != ERR_OK ||
	    (rc = ris_line(b, "T2", view_str(site, "name"), 255)) != ERR_OK ||
	    (rc = ris_line(b, "JO", view_str(site, "name"), 255)) != ERR_OK ||
	    (rc = ris_line(b, "PY", arena_strndup(a, date, 4), 255)) !=
	    ERR_OK ||
	    (rc = ris_line(b, "DA", da, 255)) != ERR_OK)
		return rc;
	if (json_is_integer(json_object_get(issue, "volume")) &&
	    (rc = ris_line(b, "VL", arena_printf(a, "%lld", (long long)
	    json_integer_value(json_object_get(issue, "volume"))), 255)) !=
	    ERR_OK)
		return rc;
	if (json_is_integer(json_object_get(issue, "number")) &&
	    (rc = ris_line(b, "IS", arena_printf(a, "%lld", (long long)
	    json_integer_value(json_object_get(issue, "number"))), 255)) !=
	    ERR_OK)
		return rc;
	if ((rc = ris_line(b, "SN", view_str(site, "issn"), 255)) != ERR_OK ||
	    (rc = ris_line(b, "AB", view_str(row, "dek"), 2000)) != ERR_OK ||
	    (rc = ris_line(b, "LA", view_str(site, "language"), 255)) !=
	    ERR_OK ||
	    (rc = ris_line(b, "UR", url, 2000)) != ERR_OK)
		return rc;
	return buf_puts(b, "ER  - \r\n");
}

/* Set key to s unless s is empty. */
static void
set_text(json_t *o, const char *key, const char *s)
{
	if (*s != '\0')
		json_object_set_new(o, key, json_string(s));
}

enum err
cite_csl(struct buf *b, struct arena *a, json_t *row, json_t *site,
    const char *url)
{
	json_t *o, *authors, *issue = json_object_get(row, "issue"), *it;
	json_t *parts, *list;
	const char *date = cite_date(a, row), *family, *given;
	char *s;
	size_t i;
	enum err rc;

	o = json_object();
	set_text(o, "id", view_str(row, "slug"));
	json_object_set_new(o, "type", json_string("article-journal"));
	set_text(o, "title", view_str(row, "title"));
	set_text(o, "container-title", view_str(site, "name"));
	authors = json_array();
	json_array_foreach(json_object_get(row, "authors"), i, it) {
		name_split(a, view_str(it, "name"), &family, &given);
		json_array_append_new(authors, given == NULL ?
		    json_pack("{s:s}", "literal", family) :
		    json_pack("{s:s, s:s}", "family", family, "given", given));
	}
	json_object_set_new(o, "author", authors);
	parts = json_array();
	for (i = 0; i < 3 && date_part(date, i == 0 ? 0 : 2 + 3 * i,
	    i == 0 ? 4 : 2) > 0; i++)
		json_array_append_new(parts, json_integer(date_part(date,
		    i == 0 ? 0 : 2 + 3 * i, i == 0 ? 4 : 2)));
	json_object_set_new(o, "issued", json_pack("{s:[o]}", "date-parts",
	    parts));
	if (json_is_integer(json_object_get(issue, "volume")))
		json_object_set_new(o, "volume", json_string(arena_printf(a,
		    "%lld", (long long)json_integer_value(json_object_get(
		    issue, "volume")))));
	if (json_is_integer(json_object_get(issue, "number")))
		json_object_set_new(o, "issue", json_string(arena_printf(a,
		    "%lld", (long long)json_integer_value(json_object_get(
		    issue, "number")))));
	set_text(o, "ISSN", view_str(site, "issn"));
	set_text(o, "abstract", view_str(row, "dek"));
	set_text(o, "language", view_str(site, "language"));
	set_text(o, "URL", url);
	list = json_pack("[o]", o);
	s = json_dumps(list, JSON_INDENT(2));
	json_decref(list);
	rc = s != NULL ? buf_puts(b, s) : ERR_LIMIT;
	if (rc == ERR_OK)
		rc = buf_putc(b, '\n');
	free(s);
	return rc;
}
