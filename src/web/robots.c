/*
 * robots: is this user agent a robot's?  The patterns are Project
 * COUNTER's list (regular expressions in PCRE syntax, matched without
 * regard to case).  They are joined into one alternation (a branch-reset
 * group) compiled once with PCRE2's JIT; verdicts for recent user
 * agents are remembered in a small direct-mapped table, since a site sees
 * the same few agents again and again.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

#define ROBOTS_MEMO	4096

struct memo {
	char	*ua;
	int	 bot;
};

struct robots {
	pcre2_code		*re;
	pcre2_match_data	*md;	/* under lock */
	size_t			 count;
	pthread_mutex_t		 lock;
	struct memo		 memo[ROBOTS_MEMO];
};

/*
 * Append one pattern as "(?:p\E)" after checking it compiles alone.  The
 * whole is a branch-reset group "(?|...|...)", so that each pattern's
 * groups are numbered from 1 as when alone (its backreferences still
 * mean what they meant), and "\E" ends a "\Q" the pattern left open.
 */
static enum err
add_pattern(struct buf *all, const char *p, size_t len, const char *path,
    size_t line)
{
	pcre2_code *re;
	int ec;
	PCRE2_SIZE off;

	re = pcre2_compile((PCRE2_SPTR)p, len, PCRE2_CASELESS | PCRE2_UTF,
	    &ec, &off, NULL);
	if (re == NULL) {
		log_warnx("%s:%zu: not a valid pattern", path, line);
		return ERR_PARSE;
	}
	pcre2_code_free(re);
	if (buf_puts(all, all->len > 0 ? "|(?:" : "(?|(?:") != ERR_OK ||
	    buf_add(all, p, len) != ERR_OK || buf_puts(all, "\\E)") != ERR_OK)
		return ERR_LIMIT;
	return ERR_OK;
}

static enum err
load_json(const char *path, const char *text, size_t len, struct buf *all,
    size_t *count)
{
	json_error_t je;
	json_t *arr, *it, *pat;
	size_t i;
	enum err rc = ERR_OK;

	if ((arr = json_loadb(text, len, 0, &je)) == NULL ||
	    !json_is_array(arr)) {
		log_warnx("%s:%d: %s", path, je.line, arr == NULL ? je.text :
		    "not a JSON array");
		json_decref(arr);
		return ERR_PARSE;
	}
	json_array_foreach(arr, i, it) {
		pat = json_object_get(it, "pattern");
		if (!json_is_string(pat)) {
			log_warnx("%s: entry %zu has no \"pattern\"", path, i);
			rc = ERR_PARSE;
			break;
		}
		if ((rc = add_pattern(all, json_string_value(pat),
		    json_string_length(pat), path, i + 1)) != ERR_OK)
			break;
		if (++*count > LIMIT_ROBOTS) {
			rc = ERR_LIMIT;
			break;
		}
	}
	json_decref(arr);
	return rc;
}

static enum err
load_text(const char *path, const char *text, struct buf *all,
    size_t *count)
{
	const char *p = text, *nl;
	size_t line = 0, len;
	enum err rc;

	while (*p != '\0') {
		line++;
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (len > 0 && p[0] != '#') {
			if ((rc = add_pattern(all, p, len, path, line)) !=
			    ERR_OK)
				return rc;
			if (++*count > LIMIT_ROBOTS)
				return ERR_LIMIT;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return ERR_OK;
}

enum err
robots_load(const char *path, struct robots **out)
{
	struct robots *r = NULL;
	struct buf all;
	char *text = NULL;
	size_t len, i, count = 0;
	const char *s;
	int ec;
	PCRE2_SIZE off;
	enum err rc;

	buf_init(&all, LIMIT_ROBOTS_FILE * 2);
	if ((rc = file_read(path, LIMIT_ROBOTS_FILE, &text, &len)) != ERR_OK) {
		log_warnx("%s: cannot read the robots list (%s)", path,
		    err_str(rc));
		goto out;
	}
	for (s = text; *s == ' ' || *s == '\n' || *s == '\t'; s++)
		;
	if (*s == '[')
		rc = load_json(path, text, len, &all, &count);
	else
		rc = load_text(path, text, &all, &count);
	if (rc == ERR_OK && count == 0) {
		log_warnx("%s: no patterns", path);
		rc = ERR_PARSE;
	}
	if (rc != ERR_OK)
		goto out;
	if ((rc = buf_putc(&all, ')')) != ERR_OK)
		goto out;
	r = xcalloc(1, sizeof(*r));
	r->count = count;
	r->re = pcre2_compile((PCRE2_SPTR)all.p, all.len, PCRE2_CASELESS |
	    PCRE2_UTF, &ec, &off, NULL);
	if (r->re == NULL) {
		log_warnx("%s: the patterns do not compile together", path);
		free(r);
		r = NULL;
		rc = ERR_PARSE;
		goto out;
	}
	pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
	r->md = pcre2_match_data_create_from_pattern(r->re, NULL);
	pthread_mutex_init(&r->lock, NULL);
	for (i = 0; i < ROBOTS_MEMO; i++)
		r->memo[i].bot = -1;
	*out = r;
out:
	free(text);
	buf_free(&all);
	return rc;
}

void
robots_free(struct robots *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < ROBOTS_MEMO; i++)
		free(r->memo[i].ua);
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->re);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

size_t
robots_count(const struct robots *r)
{
	return r->count;
}

int
robots_match(struct robots *r, const char *ua)
{
	unsigned h = 2166136261u;
	const char *s;
	struct memo *m;
	int bot;

	for (s = ua; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	m = &r->memo[h % ROBOTS_MEMO];
	pthread_mutex_lock(&r->lock);
	if (m->ua != NULL && strcmp(m->ua, ua) == 0) {
		bot = m->bot;
		pthread_mutex_unlock(&r->lock);
		return bot;
	}
	/* Invalid UTF-8 is no browser's: PCRE2 reports it as an error. */
	bot = pcre2_match(r->re, (PCRE2_SPTR)ua, strlen(ua), 0, 0, r->md,
	    NULL) != PCRE2_ERROR_NOMATCH;
	free(m->ua);
	m->ua = xstrdup(ua);
	m->bot = bot;
	pthread_mutex_unlock(&r->lock);
	return bot;
}
