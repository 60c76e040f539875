/*
 * test_mail_campaign: a campaign's message made from its template
 * (campaign.c: built once, a recipient's fields and footer lines spliced
 * in) is the message mail_compose builds for the same recipient, byte
 * for byte once the two random parts (Message-Id and the MIME boundary)
 * are made the same: for ASCII and for non-ASCII journal names,
 * subjects, addresses and links, for links long enough to fold
 * List-Unsubscribe and wrap the footers' quoted-printable lines, for
 * several recipients of one template.  And what the template refuses.
 */
#include <string.h>

#include "mail/mail_int.h"
#include "store/store.h"
#include "test.h"

#define LONG_LINE \
	"A line of text that goes on. A line of text that goes on. " \
	"A line of text that goes on. A line of text that goes on. " \
	"A line of text that goes on. A line of text that goes on. " \
	"A line of text that goes on. A line of text that goes on. " \
	"A line of text that goes on. A line of text that goes on. " \
	"A line of text that goes on. A line of text that goes on. " \
	"A line of text that goes on. A line of text that goes on. " \
	"A line of text that goes on. A line of text that goes on. " \
	"A line of text that goes on. A line of text that goes on. "

static const struct {
	const char	*name;
	const char	*journal;
	const char	*base_url;
	const char	*from_name;	/* NULL: the journal's */
	const char	*from_addr;
	const char	*list_id;	/* NULL: no List-Id */
	const char	*to[2];
	const char	*subject;
	const char	*text;
	const char	*html;		/* NULL: none */
} cases[] = {
	{ "ASCII", "The Journal", "https://journal.example.org", NULL,
	    "news@example.org", "news.example.org",
	    { "reader@example.net", "other.reader@example.com" },
	    "Issue 12: the sea", "The new issue is out.\n\n" LONG_LINE "\n",
	    "<h1>The new issue</h1>\n<p>" LONG_LINE "</p>\n" },
	{ "non-ASCII name, subject, address and links",
	    "Revue d'\xc3\xa9tudes \xe2\x80\x94 \xe6\xb5\xb7",
	    "https://revue.example.org/num\xc3\xa9ro",
	    "R\xc3\xa9" "daction", "news@example.org", "revue.example.org",
	    { "zo\xc3\xab@example.net", "\xc3\xa5sa@example.se" },
	    "Num\xc3\xa9ro 12 : \xc2\xab la mer \xc2\xbb \xf0\x9f\x8c\x8a",
	    "Caf\xc3\xa9 cr\xc3\xa8me.  \nTrailing blanks\t\n.\nFrom here\n"
	    LONG_LINE "\xc3\xa9t\xc3\xa9\n",
	    "<p>Caf\xc3\xa9 <b>cr\xc3\xa8me</b> = 1</p><p>" LONG_LINE
	    "</p>" },
	{ "long links: List-Unsubscribe folds, footers wrap",
	    "J", "https://a-very-long-host-name-for-a-journal.example.org/"
	    "with/a/deep/path/under/which/the/journal/lives/and/more",
	    NULL, "news@example.org", NULL,
	    { "a@example.net", "a-much-longer-local-part.with.dots.that."
	    "goes.on@a-long-subdomain.of.a-long-domain.example.net" },
	    "S", "T", NULL },
	{ "text in CRLF, no final newline, empty HTML", "J",
	    "https://j.example.org", NULL, "news@example.org", "j.example.org",
	    { "r@example.net", "s@example.net" },
	    "S", "one\r\ntwo\r\nthree", "" },
};

/* Replace each want in b's content by with (same maximum). */
static void
replace_all(struct buf *b, const char *want, const char *with)
{
	struct buf o;
	const char *p = b->p, *q;
	size_t n = strlen(want);

	buf_init(&o, 1 << 22);
	while ((q = strstr(p, want)) != NULL) {
		buf_add(&o, p, (size_t)(q - p));
		buf_puts(&o, with);
		p = q + n;
	}
	buf_puts(&o, p);
	buf_reset(b);
	buf_add(b, o.p, o.len);
	buf_free(&o);
}

/* What follows key in msg up to one of the stop bytes, into out. */
static void
value_after(const char *msg, const char *key, const char *stop, char *out,
    size_t len)
{
	const char *p = strstr(msg, key);
	size_t n;

	out[0] = '\0';
	if (p == NULL)
		return;
	p += strlen(key);
	n = strcspn(p, stop);
	snprintf(out, len, "%.*s", (int)n, p);
}

/* Where a and b first differ, as "offset: ...a... | ...b...". */
static const char *
diff_at(const struct buf *a, const struct buf *b, char *out, size_t len)
{
	size_t i = 0, from;

	while (i < a->len && i < b->len && a->p[i] == b->p[i])
		i++;
	if (i == a->len && i == b->len)
		return "same";
	from = i > 40 ? i - 40 : 0;
	snprintf(out, len, "%zu: %.80s | %.80s", i, a->p + from,
	    b->p + from);
	return out;
}

static void
check_lines(const char *name, const struct buf *b)
{
	size_t i, line = 0, longest = 0, bare = 0;

	for (i = 0; i < b->len; i++) {
		if (b->p[i] != '\n') {
			line++;
			continue;
		}
		if (i == 0 || b->p[i - 1] != '\r')
			bare++;
		if (line > longest)
			longest = line;
		line = 0;
	}
	T_INTEQ(nm(name, "no bare LF"), bare, 0);
	T_TRUE(nm(name, "no line over 998 octets"), longest <= 998 + 1);
}

static json_t *
campaign_new(size_t i)
{
	json_t *c = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)1,
	    "subject", cases[i].subject, "body_text", cases[i].text);

	if (cases[i].html != NULL)
		json_object_set_new(c, "body_html",
		    json_string(cases[i].html));
	return c;
}

static json_t *
row_new(size_t i, size_t k)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:I, s:{s:I, s:s, s:s}}",
	    "id", (json_int_t)(10 + k), "kind", "campaign", "address",
	    cases[i].to[k], "attempts", (json_int_t)0, "campaign_id",
	    (json_int_t)1, "subscriber", "id", (json_int_t)(100 + k),
	    "token", k == 0 ? "9f86d081884c7d659a2feaa0c55ad015" :
	    "60303ae22b998861bce3b28f33eec1be", "status", "confirmed");
}

static void
one_case(struct store *st, size_t i)
{
	struct mail_site ms;
	struct mail_tmpl *t = NULL;
	struct buf slow, fast;
	json_t *c = campaign_new(i), *row;
	char name[300], a[200], b[200], d[400];
	size_t k;
	enum err rc;

	memset(&ms, 0, sizeof(ms));
	ms.arena = arena_new();
	ms.name = cases[i].journal;
	ms.base_url = cases[i].base_url;
	ms.from_name = cases[i].from_name;
	ms.from_addr = cases[i].from_addr;
	ms.list_id = cases[i].list_id;
	buf_init(&slow, LIMIT_MAIL_MESSAGE);
	buf_init(&fast, LIMIT_MAIL_MESSAGE);
	rc = mail_tmpl_new(st, &ms, c, &t);
	T_STREQ(nm(cases[i].name, "template"), err_str(rc), err_str(ERR_OK));
	for (k = 0; t != NULL && k < nitems(cases[i].to); k++) {
		snprintf(name, sizeof(name), "%s, recipient %zu",
		    cases[i].name, k + 1);
		row = row_new(i, k);
		buf_reset(&slow);
		buf_reset(&fast);
		rc = mail_compose(st, &ms, row, c, 1700000000 + (int64_t)k,
		    &slow);
		T_STREQ(nm(name, "built the general way"), err_str(rc),
		    err_str(ERR_OK));
		rc = mail_tmpl_render(t, st, json_object_get(row,
		    "subscriber"), cases[i].to[k], 1700000000 + (int64_t)k,
		    &fast);
		T_STREQ(nm(name, "built from the template"), err_str(rc),
		    err_str(ERR_OK));
		check_lines(name, &fast);
		/* The random parts made the same, then every byte. */
		value_after(slow.p, "\r\nMessage-Id: ", "\r", a, sizeof(a));
		value_after(fast.p, "\r\nMessage-Id: ", "\r", b, sizeof(b));
		T_TRUE(nm(name, "Message-Ids differ"), a[0] != '\0' &&
		    strcmp(a, b) != 0);
		replace_all(&fast, b, a);
		value_after(slow.p, "boundary=\"", "\"", a, sizeof(a));
		value_after(fast.p, "boundary=\"", "\"", b, sizeof(b));
		if (a[0] != '\0')
			replace_all(&fast, b, a);
		T_STREQ(nm(name, "the same message"), diff_at(&slow, &fast, d,
		    sizeof(d)), "same");
		json_decref(row);
	}
	/* An address that is not one: refused, the output as it was. */
	row = row_new(i, 0);
	buf_reset(&fast);
	buf_puts(&fast, "kept");
	rc = t == NULL ? ERR_OK : mail_tmpl_render(t, st, json_object_get(row,
	    "subscriber"), "not an address", 1700000000, &fast);
	T_STREQ(nm(cases[i].name, "a bad address refused"), err_str(rc),
	    err_str(ERR_INVAL));
	T_STREQ(nm(cases[i].name, "a bad address: output as it was"), fast.p,
	    "kept");
	/* Past the buffer's maximum: ERR_LIMIT, the output as it was. */
	buf_free(&fast);
	buf_init(&fast, 600);
	buf_puts(&fast, "kept");
	rc = t == NULL ? ERR_OK : mail_tmpl_render(t, st, json_object_get(row,
	    "subscriber"), cases[i].to[0], 1700000000, &fast);
	T_STREQ(nm(cases[i].name, "over the maximum"), err_str(rc),
	    err_str(ERR_LIMIT));
	T_STREQ(nm(cases[i].name, "over the maximum: output as it was"),
	    fast.p, "kept");
	json_decref(row);
	mail_tmpl_free(t);
	buf_free(&slow);
	buf_free(&fast);
	json_decref(c);
	arena_free(ms.arena);
}

int
main(void)
{
	struct mail_site ms;
	struct mail_tmpl *t = (struct mail_tmpl *)&ms;
	struct store *st;
	char dir[256], dsn[300];
	json_t *c;
	size_t i;

	mail_lib_init();
	if ((st = test_store_new("mail-campaign", dir, dsn)) == NULL)
		return 1;
	for (i = 0; i < nitems(cases); i++)
		one_case(st, i);
	/* A campaign without a subject makes no template. */
	memset(&ms, 0, sizeof(ms));
	ms.name = "J";
	ms.base_url = "https://j.example.org";
	ms.from_addr = "news@example.org";
	c = json_pack("{s:I, s:s}", "id", (json_int_t)1, "body_text", "T");
	T_STREQ("no subject: no template", err_str(mail_tmpl_new(st, &ms, c,
	    &t)), err_str(ERR_INVAL));
	T_TRUE("no subject: NULL", t == NULL);
	json_decref(c);
	test_store_free(st, dir, dsn);
	mail_lib_shutdown();
	T_DONE();
}
