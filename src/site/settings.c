/*
 * settings: the site's settings an operator or an editor may change (the
 * journal's title, its base URL...), each with the check its value must
 * pass.  `octavo site get|set` and the back office both go through this
 * table, so a value one refuses the other refuses too.  Values are
 * stored in the store's "site" record under the table's store key.
 */
#include <ctype.h>
#include <string.h>

#include "site.h"

static const char *
check_text(struct arena *a, const char *v, const char **why)
{
	(void)a;
	if ((*why = utf8_line_problem(v)) != NULL)
		return NULL;
	return v;
}

static const char *
check_markdown(struct arena *a, const char *v, const char **why)
{
	(void)a;
	if (!utf8_valid(v, strlen(v))) {
		*why = "is not valid UTF-8";
		return NULL;
	}
	return v;
}

/*
 * An absolute http or https URL with a host, no query or fragment; the
 * trailing slash is dropped, since pages' paths are appended to it.
 */
static const char *
check_base_url(struct arena *a, const char *v, const char **why)
{
	const char *host, *p;
	size_t n = strlen(v);

	*why = "must be an absolute http or https URL, such as "
	    "https://journal.example.org";
	if (strncasecmp(v, "https://", 8) == 0)
		host = v + 8;
	else if (strncasecmp(v, "http://", 7) == 0)
		host = v + 7;
	else
		return NULL;
	for (p = host; *p != '\0' && *p != '/'; p++)
		if (!isalnum((unsigned char)*p) && strchr(".-:[]", *p) == NULL)
			return NULL;
	if (p == host || *host == '.' || *host == '-' || *host == ':')
		return NULL;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f ||
		    strchr("?#\"<>\\^`{|}", *p) != NULL)
			return NULL;
	while (n > 0 && v[n - 1] == '/')
		n--;
	if ((size_t)(p - v) > LIMIT_URL / 2)
		return NULL;
	*why = NULL;
	return arena_strndup(a, v, n);
}

/* A BCP 47 language tag, in its simple form: "en", "fr-CA", "sr-Latn". */
static const char *
check_language(struct arena *a, const char *v, const char **why)
{
	size_t i, run = 0;

	(void)a;
	*why = "must be a language tag such as en, fr or pt-BR";
	for (i = 0; v[i] != '\0'; i++) {
		if (v[i] == '-') {
			if (run == 0)
				return NULL;
			run = 0;
		} else if (isalnum((unsigned char)v[i]) && run < 8 &&
		    (i >= 2 || isalpha((unsigned char)v[i])))
			run++;
		else
			return NULL;
	}
	if (i < 2 || run == 0)
		return NULL;
	*why = NULL;
	return v;
}

/* An ISSN: NNNN-NNNC with its check digit (ISO 3297). */
static const char *
check_issn(struct arena *a, const char *v, const char **why)
{
	int i, sum = 0, c;

	(void)a;
	*why = "must be an ISSN such as 0317-8471, with its check digit";
	if (*v == '\0') {
		*why = NULL;
		return v;
	}
	if (strlen(v) != 9 || v[4] != '-')
		return NULL;
	for (i = 0; i < 9; i++) {
		if (i == 4)
			continue;
		c = v[i];
		if (i == 8 && (c == 'X' || c == 'x'))
			c = 10;
		else if (isdigit(c))
			c -= '0';
		else
			return NULL;
		sum += c * (8 - (i < 4 ? i : i - 1));
	}
	if (sum % 11 != 0)
		return NULL;
	*why = NULL;
	return arena_printf(a, "%.8s%c", v, toupper((unsigned char)v[8]));
}

/* Lines of text (robots.txt): UTF-8, no control character but tab. */
static const char *
check_lines(struct arena *a, const char *v, const char **why)
{
	size_t i;

	(void)a;
	for (i = 0; v[i] != '\0'; i++)
		if (((unsigned char)v[i] < 0x20 && v[i] != '\n' &&
		    v[i] != '\r' && v[i] != '\t') || v[i] == 0x7f) {
			*why = "must be lines of text, without control "
			    "characters";
			return NULL;
		}
	if (!utf8_valid(v, i)) {
		*why = "is not valid UTF-8";
		return NULL;
	}
	return v;
}

/* An email address to write to, or nothing. */
static const char *
check_email(struct arena *a, const char *v, const char **why)
{
	(void)a;
	if (*v != '\0' && !email_valid(v)) {
		*why = "must be an email address such as editors@example.org";
		return NULL;
	}
	return v;
}

/*
 * A link the footer shows: a path on the site ("/about#staff") or an
 * http, https or mailto URL, one line, nothing url_safe refuses.
 */
static const char *
check_link(struct arena *a, const char *v, const char **why)
{
	(void)a;
	*why = "must be a path on the site such as /about or an http, "
	    "https or mailto URL";
	if (*v == '\0') {
		*why = NULL;
		return v;
	}
	if (utf8_line_problem(v) != NULL || strlen(v) > LIMIT_URL ||
	    !url_safe(v, strlen(v)) || strchr(v, ' ') != NULL)
		return NULL;
	if ((v[0] != '/' || v[1] == '/' || v[1] == '\\') &&
	    strncasecmp(v, "https://", 8) != 0 &&
	    strncasecmp(v, "http://", 7) != 0 &&
	    strncasecmp(v, "mailto:", 7) != 0)
		return NULL;
	*why = NULL;
	return v;
}

/*
 * An uploaded image (/admin/media), by its stored name or its address
 * as the media page shows it, kept as that address ("/media/NAME"), so
 * that the media page's "where used" finds it; or nothing.
 */
static const char *
check_media(struct arena *a, const char *v, const char **why)
{
	if (strncmp(v, "/media/", 7) == 0)
		v += 7;
	if (*v == '\0')
		return v;
	if (!media_name_valid(v) || strcmp(strrchr(v, '.'), ".pdf") == 0) {
		*why = "must be the address of an image uploaded in Media, "
		    "such as /media/0123456789abcdef0123456789abcdef.png";
		return NULL;
	}
	return arena_printf(a, "/media/%s", v);
}

static const struct site_setting settings[] = {
	{ "title", "name", "the journal's name", check_text, "Title", 0, NULL },
	{ "tagline", "tagline", "a line under the name", check_text,
	    "Tagline", 0, NULL },
	{ "description", "description", "one paragraph for search engines "
	    "and link previews", check_text, "Description", 0, NULL },
	{ "about", "about", "the about text (Markdown)", check_markdown,
	    "About", 1, NULL },
	{ "base_url", "base_url", "the public address, e.g. "
	    "https://journal.example.org", check_base_url, "Base URL", 0,
	    NULL },
	{ "language", "language", "the language of the pages (en, fr...)",
	    check_language, "Language", 0, NULL },
	{ "frequency", "frequency", "how often issues appear (biweekly...)",
	    check_text, "Frequency", 0, NULL },
	{ "issn", "issn", "the journal's ISSN", check_issn, "ISSN", 0, NULL },
	{ "robots_txt", "robots_txt", "the text of /robots.txt (empty: "
	    "allow all, name the sitemaps)", check_lines, "robots.txt", 1,
	    NULL },
	{ "contact", "contact", "the address readers write to, shown on the "
	    "about page and in the footer", check_email, "Contact email", 0,
	    NULL },
	{ "footer_text", "footer_text", "a line at the foot of every page "
	    "(empty: none)", check_text, "Footer text", 0, NULL },
	{ "home_lead", "home_lead", "the address name (slug) of the article "
	    "to lead the home page (empty, or not a published article: the "
	    "newest of the current issue)", check_text, "Home page lead", 0,
	    NULL },
	{ "about_blurb", "about_blurb", "a few sentences about the journal "
	    "for the sidebar (Markdown; empty: no about block)",
	    check_markdown, "About blurb", 1, NULL },
	{ "masthead_url", "masthead_url", "the page naming the editors and "
	    "staff, linked from the footer (a path such as /about or a URL; "
	    "empty: no link)", check_link, "Masthead link", 0, NULL },
	{ "submissions_url", "submissions_url", "the submission guidelines, "
	    "linked from the footer (a path or a URL; empty: no link)",
	    check_link, "Submission guidelines link", 0, NULL },
	{ "privacy_url", "privacy_url", "the privacy notice, linked from the "
	    "footer (a path or a URL; empty: no link)", check_link,
	    "Privacy notice link", 0, NULL },
	{ "logo", "logo", "the journal's logo: the address of an image "
	    "uploaded in Media (/media/...), shown in the masthead and to "
	    "link previews (empty: the name alone)", check_media, "Logo", 0,
	    NULL },
	{ "favicon", "favicon", "the browser tab's icon: the address of a "
	    "square PNG uploaded in Media (/media/...; empty: the theme's)",
	    check_media, "Favicon", 0, NULL },
	{ "heading_links", "heading_links", "the sidebar's heading over the "
	    "partner links", check_text, "Partner links heading", 0,
	    "Visit also" },
	{ "heading_publications", "heading_publications", "the sidebar's "
	    "heading over the staff's publications", check_text,
	    "Publications heading", 0, "Staff Publications" },
	{ "heading_about", "heading_about", "the sidebar's heading over the "
	    "about text", check_text, "About heading", 0, "About" },
	{ "heading_newsletter", "heading_newsletter", "the sidebar's heading "
	    "over the newsletter form", check_text, "Newsletter heading", 0,
	    "Newsletter" },
};

const struct site_setting *
site_setting_find(const char *key)
{
	size_t i;

	for (i = 0; i < nitems(settings); i++)
		if (strcmp(settings[i].key, key) == 0)
			return &settings[i];
	if (strcmp(key, "name") == 0)	/* the store's word for title */
		return &settings[0];
	return NULL;
}

const struct site_setting *
site_settings(size_t *n)
{
	*n = nitems(settings);
	return settings;
}

const char *
site_setting_value(json_t *rec, const char *key)
{
	const struct site_setting *s = site_setting_find(key);
	const char *v = view_str(rec, s != NULL ? s->store_key : key);

	if (*v == '\0' && s != NULL && s->def != NULL)
		return s->def;
	return v;
}

enum err
site_setting_check(struct arena *a, const struct site_setting *s,
    const char *value, const char **out, const char **why)
{
	*why = NULL;
	if (strlen(value) > LIMIT_SETTING) {
		*why = "is too long";
		return ERR_LIMIT;
	}
	if ((*out = s->check(a, value, why)) == NULL) {
		if (*why == NULL)
			*why = "is not valid";
		return ERR_INVAL;
	}
	return ERR_OK;
}
