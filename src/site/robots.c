/*
 * robots: is this user agent a robot's?  The patterns are Project
 * COUNTER's list (regular expressions in PCRE syntax, matched without
 * regard to case).  They are joined into one alternation (a branch-reset
 * group) compiled once with PCRE2's JIT; a list whose patterns cannot
 * be joined ((?x) comments, clashing group names) is matched pattern by
 * pattern instead.  Verdicts for recent user agents are remembered in a
 * small table, since a site sees the same few agents again and again; a
 * client chooses its user agent, so the memo hashes with hash_keyed and
 * bounds each bucket (the oldest verdict of a full bucket goes).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "site.h"

#define ROBOTS_MEMO_BUCKETS	2048
#define ROBOTS_MEMO_CHAIN	2	/* so at most 4096 verdicts */

struct memo {
	struct hnode	 node;
	int		 bot;
	char		 ua[];
};

struct robots {
	pcre2_code		*re;	/* all patterns joined, or NULL */
	pcre2_code		**each;	/* else each pattern alone */
	pcre2_match_data	*md;	/* under lock */
	size_t			 count;
	pthread_mutex_t		 lock;
	struct htab		 memo;	/* of struct memo, under lock */
};

/*
 * Append one pattern as "(?:p\E)" after checking it compiles alone.  The
 * whole is a branch-reset group "(?|...|...)", so that each pattern's
 * groups are numbered from 1 as when alone (its backreferences still
 * mean what they meant), and "\E" ends a "\Q" the pattern left open.
 */
static enum err
add_pattern(struct robots *r, struct buf *all, const char *p, size_t len,
    const char *path, size_t line)
{
	pcre2_code *re;
	int ec;
	PCRE2_SIZE off;

	if (r->count == LIMIT_ROBOTS)
		return ERR_LIMIT;
	re = pcre2_compile((PCRE2_SPTR)p, len, PCRE2_CASELESS | PCRE2_UTF,
	    &ec, &off, NULL);
	if (re == NULL) {
		log_warnx("%s:%zu: not a valid pattern", path, line);
		return ERR_PARSE;
	}
	r->each = xrealloc(r->each, (r->count + 1) * sizeof(*r->each));
	r->each[r->count++] = re;
	if (buf_puts(all, all->len > 0 ? "|(?:" : "(?|(?:") != ERR_OK ||
	    buf_add(all, p, len) != ERR_OK || buf_puts(all, "\\E)") != ERR_OK)
		return ERR_LIMIT;
	return ERR_OK;
}

static enum err
load_json(struct robots *r, const char *path, const char *text, size_t len,
    struct buf *all)
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
		if ((rc = add_pattern(r, all, json_string_value(pat),
		    json_string_length(pat), path, i + 1)) != ERR_OK)
			break;
	}
	json_decref(arr);
	return rc;
}

static enum err
load_text(struct robots *r, const char *path, const char *text,
    struct buf *all)
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
		if (len > 0 && p[0] != '#' &&
		    (rc = add_pattern(r, all, p, len, path, line)) != ERR_OK)
			return rc;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return ERR_OK;
}

/* For htab_walk: free every verdict. */
static int
memo_drop(struct hnode *n, void *arg)
{
	(void)arg;
	free(container_of(n, struct memo, node));
	return 1;
}

void
robots_free(struct robots *r)
{
	size_t i;

	if (r == NULL)
		return;
	htab_walk(&r->memo, memo_drop, NULL);
	htab_free(&r->memo);
	for (i = 0; r->each != NULL && i < r->count; i++)
		pcre2_code_free(r->each[i]);
	free(r->each);
	pcre2_match_data_free(r->md);
	pcre2_code_free(r->re);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

enum err
robots_load(const char *path, struct robots **out)
{
	struct robots *r;
	struct buf all;
	char *text = NULL;
	size_t len, i;
	const char *s;
	int ec;
	PCRE2_SIZE off;
	enum err rc;

	r = xcalloc(1, sizeof(*r));
	pthread_mutex_init(&r->lock, NULL);
	htab_init(&r->memo, ROBOTS_MEMO_BUCKETS, ROBOTS_MEMO_BUCKETS,
	    ROBOTS_MEMO_CHAIN);
	buf_init(&all, LIMIT_ROBOTS_FILE * 2);
	if ((rc = file_read(path, LIMIT_ROBOTS_FILE, &text, &len)) != ERR_OK) {
		log_warnx("%s: cannot read the robots list (%s)", path,
		    err_str(rc));
		goto out;
	}
	for (s = text; *s == ' ' || *s == '\n' || *s == '\t'; s++)
		;
	if (*s == '[')
		rc = load_json(r, path, text, len, &all);
	else
		rc = load_text(r, path, text, &all);
	if (rc == ERR_LIMIT)
		log_warnx("%s: more than %d patterns", path, LIMIT_ROBOTS);
	if (rc == ERR_OK && r->count == 0) {
		log_warnx("%s: no patterns", path);
		rc = ERR_PARSE;
	}
	if (rc != ERR_OK || (rc = buf_putc(&all, ')')) != ERR_OK)
		goto out;
	r->re = pcre2_compile((PCRE2_SPTR)all.p, all.len, PCRE2_CASELESS |
	    PCRE2_UTF, &ec, &off, NULL);
	if (r->re != NULL) {
		pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
		for (i = 0; i < r->count; i++)
			pcre2_code_free(r->each[i]);
		free(r->each);
		r->each = NULL;
		r->md = pcre2_match_data_create_from_pattern(r->re, NULL);
	} else {
		log_info("%s: patterns matched one by one", path);
		for (i = 0; i < r->count; i++)
			pcre2_jit_compile(r->each[i], PCRE2_JIT_COMPLETE);
		r->md = pcre2_match_data_create(1, NULL);
	}
	*out = r;
	r = NULL;
out:
	robots_free(r);
	free(text);
	buf_free(&all);
	return rc;
}

size_t
robots_count(const struct robots *r)
{
	return r->count;
}

static int
memo_eq(const struct hnode *n, const void *ua)
{
	return strcmp(container_of(n, struct memo, node)->ua, ua) == 0;
}

int
robots_match(struct robots *r, const char *ua)
{
	size_t len = strlen(ua), i;
	uint64_t h = hash_keyed(ua, len);
	struct hnode *n;
	struct memo *m;
	int bot;

	pthread_mutex_lock(&r->lock);
	if ((n = htab_find(&r->memo, h, memo_eq, ua)) != NULL) {
		bot = container_of(n, struct memo, node)->bot;
		pthread_mutex_unlock(&r->lock);
		return bot;
	}
	/* Invalid UTF-8 is no browser's: PCRE2 reports it as an error. */
	if (r->re != NULL)
		bot = pcre2_match(r->re, (PCRE2_SPTR)ua, len, 0, 0, r->md,
		    NULL) != PCRE2_ERROR_NOMATCH;
	else
		for (bot = 0, i = 0; !bot && i < r->count; i++)
			bot = pcre2_match(r->each[i], (PCRE2_SPTR)ua, len, 0,
			    0, r->md, NULL) != PCRE2_ERROR_NOMATCH;
	m = xmalloc(sizeof(*m) + len + 1);
	memcpy(m->ua, ua, len + 1);
	m->bot = bot;
	if ((n = htab_insert(&r->memo, &m->node, h)) != NULL)
		free(container_of(n, struct memo, node));
	pthread_mutex_unlock(&r->lock);
	return bot;
}
