/*
 * typo: smart punctuation.  Straight quotes become curly ones by what
 * precedes them: after a letter or digit, ' is an apostrophe or a
 * closing quote (’: "it’s", "the 1990s’"); after a space, the start or an
 * opening bracket, dash or quote it opens (‘), unless a digit follows
 * ("’90s"); " opens (“) in the same places and closes (”) elsewhere.
 * Nothing else changes, so mapping the curly quotes back to straight
 * ones gives the input again (fuzz/fuzz_typo.c checks it).
 *
 * typo_text does it to plain text (a title); typo_html to the HTML
 * markdown.c gets from md4c, to its text nodes only: never inside a tag
 * (attributes: alt, title, href), never inside <code> or <pre>, and
 * not in a link's text that is a URL (an autolink).  md4c writes '"' in
 * text as &quot;, which is taken as the quote it stands for, and every
 * '<' it writes opens a tag (it escapes '<' in text).  Block tags start
 * afresh, as if after a space; inline ones (em, a...) do not, so that
 * "<em>word</em>'s" gets its apostrophe.
 */
#include <string.h>

#include "util.h"

#define LSQUO	"\xe2\x80\x98"	/* ‘ */
#define RSQUO	"\xe2\x80\x99"	/* ’ */
#define LDQUO	"\xe2\x80\x9c"	/* “ */
#define RDQUO	"\xe2\x80\x9d"	/* ” */

/* What came before a quote decides which way it turns. */
enum typo_prev {
	TYPO_OPEN,	/* start, space, opening bracket, dash, open quote */
	TYPO_WORD,	/* a letter or digit (any non-ASCII byte counts) */
	TYPO_OTHER	/* other punctuation, a closing quote */
};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The class of the character at s[0], n > 0 bytes left. */
static enum typo_prev
class_of(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];

	if (c >= 0x80) {
		/* An opening quote, a dash or a no-break space opens. */
		if (n >= 3 && c == 0xe2 && (unsigned char)s[1] == 0x80 &&
		    ((unsigned char)s[2] == 0x98 ||
		    (unsigned char)s[2] == 0x9c ||
		    (unsigned char)s[2] == 0x93 ||
		    (unsigned char)s[2] == 0x94))
			return TYPO_OPEN;
		if (n >= 2 && c == 0xc2 && (unsigned char)s[1] == 0xa0)
			return TYPO_OPEN;
		return TYPO_WORD;
	}
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c))
		return TYPO_WORD;
	if (c <= ' ' || strchr("([{-/=", c) != NULL)
		return TYPO_OPEN;
	return TYPO_OTHER;
}

/*
 * One quote q (' or ") with prev before it and next (n bytes) after:
 * appended curly; *prev gets what it leaves.
 */
static enum err
quote(struct buf *out, char q, const char *next, size_t n, int *prev)
{
	int opens = *prev == TYPO_OPEN;

	if (q == '\'' && opens && n > 0 && is_digit(next[0]))
		opens = 0;	/* '90s: an apostrophe */
	*prev = opens ? TYPO_OPEN : TYPO_OTHER;
	if (q == '\'')
		return buf_puts(out, opens ? LSQUO : RSQUO);
	return buf_puts(out, opens ? LDQUO : RDQUO);
}

/*
 * Text s (n bytes) with its quotes made curly, appended to out; *prev
 * is the class before s, and after it on return.  With html set, s is
 * HTML text: &quot; is a double quote and &#39; (esc_html's) a single
 * one, other references are copied.
 */
static enum err
typo_run(struct buf *out, const char *s, size_t n, int *prev, int html)
{
	size_t i, from = 0;
	enum err rc = ERR_OK;

	for (i = 0; i < n && rc == ERR_OK; i++) {
		if (s[i] == '\'' || (s[i] == '"' && !html) ||
		    (html && n - i >= 6 && memcmp(s + i, "&quot;", 6) == 0) ||
		    (html && n - i >= 5 && memcmp(s + i, "&#39;", 5) == 0)) {
			if ((rc = buf_add(out, s + from, i - from)) != ERR_OK)
				break;
			if (s[i] == '&' && s[i + 1] == 'q') {
				rc = quote(out, '"', s + i + 6, n - i - 6,
				    prev);
				i += 5;
			} else if (s[i] == '&') {
				rc = quote(out, '\'', s + i + 5, n - i - 5,
				    prev);
				i += 4;
			} else
				rc = quote(out, s[i], s + i + 1, n - i - 1,
				    prev);
			from = i + 1;
			continue;
		}
		if (html && s[i] == '&') {
			*prev = TYPO_OTHER;
			continue;
		}
		/* A character's class is its first byte's. */
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			*prev = class_of(s + i, n - i);
	}
	if (rc == ERR_OK)
		rc = buf_add(out, s + from, n - from);
	return rc;
}

enum err
typo_text(struct buf *out, const char *s, size_t n)
{
	size_t from = out->len;
	int prev = TYPO_OPEN;
	enum err rc;

	if ((rc = typo_run(out, s, n, &prev, 0)) != ERR_OK)
		buf_truncate(out, from);
	return rc;
}

/*
 * The tags whose text is left alone, and the inline ones (md4c's, and
 * the phrase elements html_clean keeps of an imported body).
 */
static const char *const verbatim[] = { "code", "pre", "kbd", "samp" };
static const char *const inline_tags[] = { "a", "em", "strong", "del",
    "code", "img", "span", "i", "b", "sup", "sub", "abbr", "cite", "ins",
    "mark", "q", "s", "small", "u", "kbd", "samp" };

static int
name_in(const char *name, size_t len, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(set[i]) == len && memcmp(set[i], name, len) == 0)
			return 1;
	return 0;
}

/* The end of the tag opening at s[0] ('<'): past its '>', or end. */
static const char *
tag_end(const char *s, const char *end)
{
	int quoted = 0;

	for (s++; s < end; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (*s == '>' && !quoted)
			return s + 1;
	}
	return end;
}

/* 1 if the text at s (n bytes) begins as a URL does (an autolink's). */
static int
looks_like_url(const char *s, size_t n)
{
	static const char *const starts[] = { "http://", "https://",
	    "mailto:", "www." };
	size_t i, l;

	for (i = 0; i < nitems(starts); i++) {
		l = strlen(starts[i]);
		if (n >= l && strncasecmp(s, starts[i], l) == 0)
			return 1;
	}
	return 0;
}

enum err
typo_html(struct buf *out, const char *html, size_t n)
{
	const char *p = html, *end = html + n, *t, *name;
	size_t from = out->len, len;
	int prev = TYPO_OPEN, skip = 0, in_a = 0, closing;
	enum err rc = ERR_OK;

	while (p < end && rc == ERR_OK) {
		if (*p != '<') {
			t = memchr(p, '<', (size_t)(end - p));
			if (t == NULL)
				t = end;
			if (skip > 0 || (in_a && looks_like_url(p,
			    (size_t)(t - p)))) {
				/* Copied; what it ends with still counts. */
				rc = buf_add(out, p, (size_t)(t - p));
				if (t > p)
					prev = class_of(t - 1, 1);
			} else
				rc = typo_run(out, p, (size_t)(t - p), &prev,
				    1);
			p = t;
			continue;
		}
		t = tag_end(p, end);
		closing = p + 1 < end && p[1] == '/';
		name = p + 1 + closing;
		for (len = 0; name + len < t && ((name[len] >= 'a' &&
		    name[len] <= 'z') || (name[len] >= '0' &&
		    name[len] <= '9')); len++)
			continue;
		if (name_in(name, len, verbatim, nitems(verbatim)))
			skip += closing ? (skip > 0 ? -1 : 0) : 1;
		if (len == 1 && name[0] == 'a')
			in_a = !closing;
		if (!name_in(name, len, inline_tags, nitems(inline_tags)))
			prev = TYPO_OPEN;
		rc = buf_add(out, p, (size_t)(t - p));
		p = t;
	}
	if (rc != ERR_OK)
		buf_truncate(out, from);
	return rc;
}

enum err
typo_html_tail(struct buf *b, size_t from)
{
	struct buf out;
	enum err rc;

	if (b->p == NULL || (memchr(b->p + from, '\'', b->len - from) ==
	    NULL && memmem(b->p + from, b->len - from, "&quot;", 6) == NULL &&
	    memmem(b->p + from, b->len - from, "&#39;", 5) == NULL))
		return ERR_OK;	/* no quote: nothing to do */
	buf_init(&out, b->max);
	if ((rc = typo_html(&out, b->p + from, b->len - from)) == ERR_OK) {
		b->len = from;
		rc = buf_add(b, out.p, out.len);
	}
	buf_free(&out);
	return rc;
}
