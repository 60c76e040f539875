/*
 * campaign: a campaign's message built once, and per recipient only
 * what differs.  GMime builds the message once, for a stand-in
 * recipient whose footers are a marker line each (mail_message_build:
 * the same code as for any message); the bytes are then cut into what
 * every recipient shares and the slots where they differ: the To, Date,
 * Message-Id and List-Unsubscribe fields, and the two footers' lines.
 * Per recipient, the slots are filled with GMime's own encoders, as
 * mail_message_build would: the address list and the unstructured
 * field folded by GMime (RFC 2047 for any non-ASCII), the footers'
 * lines quoted-printable by GMime's encoder, LF made CRLF.
 *
 * The cut holds because quoted-printable is a line-by-line encoding (a
 * hard line break resets GMime's encoder), the footers are whole lines
 * (mail_campaign_init's heads end a line), and the parts' charset is
 * utf-8 whatever they hold (message.c).  The boundary is the
 * template's, shared by the campaign's messages; it begins with "=-",
 * which quoted-printable never writes.  test_mail_campaign holds the
 * bytes made here to those of mail_compose for the same recipient.
 */
#include <gmime/gmime.h>
#include <sodium.h>
#include <string.h>

#include "mail_int.h"

enum slot {
	SLOT_BYTES,		/* shared: the template's bytes */
	SLOT_TO,
	SLOT_DATE,
	SLOT_MSGID,
	SLOT_UNSUB,		/* List-Unsubscribe */
	SLOT_TEXT,		/* the text footer's lines */
	SLOT_HTML,		/* the HTML footer's lines */
	SLOT__MAX
};

/* The fields that differ, as GMime writes their names. */
static const char *const slot_field[SLOT__MAX] = {
	NULL, "To", "Date", "Message-Id", "List-Unsubscribe", NULL, NULL
};

#define TMPL_SEGS	32	/* a message's fields and parts, at most */
#define FOLD_LEN	78	/* GMime's (GMIME_FOLD_LEN, private) */
#define MARKER_LEN	48

struct seg {
	enum slot	 slot;
	size_t		 off;		/* SLOT_BYTES: in proto */
	size_t		 len;
};

struct mail_tmpl {
	const struct mail_site *ms;
	struct buf	 proto;		/* the stand-in's message */
	struct seg	 seg[TMPL_SEGS];
	size_t		 nseg;
	struct arena	*arena;
	const char	*mailto;	/* List-Unsubscribe's mailto: */
	const char	*domain;	/* Message-Id's */
	unsigned char	 key[SIGNED_KEY_LEN];	/* the links' */
	int64_t		 date_at;	/* the second date says */
	char		 date[64];
	struct buf	 line;		/* a footer or field, unencoded */
	struct buf	 enc;		/* ... and encoded */
};

/* Append s (n bytes, LF line ends) to out with CRLF line ends. */
static enum err
put_crlf(struct buf *out, const char *s, size_t n)
{
	const char *nl;
	enum err rc = ERR_OK;

	while (rc == ERR_OK && (nl = memchr(s, '\n', n)) != NULL) {
		if ((rc = buf_add(out, s, (size_t)(nl - s))) == ERR_OK)
			rc = buf_add(out, "\r\n", 2);
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	return rc == ERR_OK ? buf_add(out, s, n) : rc;
}

static enum err
seg_add(struct mail_tmpl *t, enum slot slot, size_t off, size_t len)
{
	struct seg *s;

	if (slot == SLOT_BYTES && len == 0)
		return ERR_OK;
	if (slot == SLOT_BYTES && t->nseg > 0 &&
	    t->seg[t->nseg - 1].slot == SLOT_BYTES) {
		t->seg[t->nseg - 1].len += len;	/* adjacent shared bytes */
		return ERR_OK;
	}
	if (t->nseg == TMPL_SEGS)
		return ERR_LIMIT;
	s = &t->seg[t->nseg++];
	s->slot = slot;
	s->off = off;
	s->len = len;
	return ERR_OK;
}

/* Which slot the header field at p (n bytes) is, or SLOT_BYTES. */
static enum slot
field_slot(const char *p, size_t n)
{
	const char *colon = memchr(p, ':', n);
	size_t len;
	int i;

	if (colon == NULL)
		return SLOT_BYTES;
	len = (size_t)(colon - p);
	for (i = 0; i < SLOT__MAX; i++)
		if (slot_field[i] != NULL && strlen(slot_field[i]) == len &&
		    strncasecmp(slot_field[i], p, len) == 0)
			return (enum slot)i;
	return SLOT_BYTES;
}

/*
 * Cut the stand-in's message: its header fields (a field runs to the
 * CRLF not followed by a blank), then the body around the two marker
 * lines.  ERR_INVAL unless each slot is found exactly once.
 */
static enum err
tmpl_cut(struct mail_tmpl *t, const char *mark_text, const char *mark_html)
{
	const char *p = t->proto.p, *end, *nl, *m[2];
	size_t at = 0, k, n;
	int seen[SLOT__MAX] = { 0 }, i;
	enum slot slot;
	enum err rc = ERR_OK;

	if ((end = strstr(p, "\r\n\r\n")) == NULL)
		return ERR_INVAL;
	while (rc == ERR_OK && p + at < end + 2) {
		for (k = at;; k = (size_t)(nl - p) + 2) {
			nl = strstr(p + k, "\r\n");
			if (nl[2] != ' ' && nl[2] != '\t')
				break;
		}
		n = (size_t)(nl - p) + 2 - at;
		slot = field_slot(p + at, n);
		seen[slot]++;
		rc = seg_add(t, slot, at, n);
		at += n;
	}
	/* The body: shared bytes around each footer's marker line. */
	m[0] = strstr(end, mark_text);
	m[1] = strstr(end, mark_html);
	for (i = 0; rc == ERR_OK && i < 2; i++) {
		if (m[i] == NULL || m[i][-1] != '\n' ||
		    strncmp(m[i] + MARKER_LEN, "\r\n", 2) != 0 ||
		    strstr(m[i] + 1, i == 0 ? mark_text : mark_html) != NULL ||
		    (size_t)(m[i] - p) < at)
			return ERR_INVAL;
		rc = seg_add(t, SLOT_BYTES, at, (size_t)(m[i] - p) - at);
		if (rc == ERR_OK)
			rc = seg_add(t, i == 0 ? SLOT_TEXT : SLOT_HTML, 0, 0);
		seen[i == 0 ? SLOT_TEXT : SLOT_HTML]++;
		at = (size_t)(m[i] - p) + MARKER_LEN + 2;
	}
	if (rc == ERR_OK)
		rc = seg_add(t, SLOT_BYTES, at, t->proto.len - at);
	for (i = SLOT_TO; rc == ERR_OK && i < SLOT__MAX; i++)
		if (seen[i] != 1)
			rc = ERR_INVAL;
	return rc;
}

enum err
mail_tmpl_new(struct store *s, const struct mail_site *ms, const json_t *c,
    struct mail_tmpl **out)
{
	struct mail_tmpl *t;
	struct mail_campaign mc;
	struct mail_msg *m = &mc.msg;
	char hex[MAIL_RANDOM_LEN], mark[2][MARKER_LEN + 1];
	enum err rc;
	int i;

	*out = NULL;
	t = xcalloc(1, sizeof(*t));
	t->ms = ms;
	t->arena = arena_new();
	buf_init(&t->proto, LIMIT_MAIL_MESSAGE);
	buf_init(&t->line, LIMIT_MAIL_MESSAGE);
	buf_init(&t->enc, LIMIT_MAIL_MESSAGE);
	t->date_at = -1;
	/* Markers no campaign can hold: quoted-printable keeps them. */
	mail_random(hex);
	for (i = 0; i < 2; i++)
		snprintf(mark[i], sizeof(mark[i]), "octavo-footer-%s-%c", hex,
		    i == 0 ? 't' : 'h');
	if ((rc = site_link_key(s, t->key)) != ERR_OK ||
	    (rc = mail_campaign_init(ms, t->arena, c, "to@footer.invalid",
	    0, &mc)) != ERR_OK)
		goto out;
	m->unsub_https = "https://footer.invalid/";
	m->text = arena_printf(t->arena, "%s%s\n", mc.text_head, mark[0]);
	m->html = arena_printf(t->arena, "%s%s\n%s", mc.html_head, mark[1],
	    mc.html_tail);
	t->mailto = m->unsub_mailto;
	t->domain = strrchr(ms->from_addr, '@') + 1;
	if ((rc = mail_message_build(m, &t->proto)) != ERR_OK)
		goto out;
	rc = tmpl_cut(t, mark[0], mark[1]);
out:
	if (rc != ERR_OK) {
		mail_tmpl_free(t);
		return rc;
	}
	*out = t;
	return ERR_OK;
}

void
mail_tmpl_free(struct mail_tmpl *t)
{
	if (t == NULL)
		return;
	sodium_memzero(t->key, sizeof(t->key));
	buf_free(&t->proto);
	buf_free(&t->line);
	buf_free(&t->enc);
	arena_free(t->arena);
	free(t);
}

/* The lines in t->line, quoted-printable as GMime encodes a part, to out. */
static enum err
put_qp(struct mail_tmpl *t, struct buf *out)
{
	int state = -1;
	guint32 save = 0;
	size_t n;
	enum err rc;

	buf_reset(&t->enc);
	if ((rc = buf_reserve(&t->enc, t->line.len * 4 + 8)) != ERR_OK)
		return rc;
	n = g_mime_encoding_quoted_encode_close((const unsigned char *)
	    t->line.p, t->line.len, (unsigned char *)t->enc.p, &state, &save);
	return put_crlf(out, t->enc.p, n);
}

/*
 * To: as GMime writes a message's address list (sync in gmime-message.c):
 * an ASCII address that fits the line as it is, written here; any other
 * (IDN domain, folded) by GMime.
 */
static enum err
put_to(const char *to, struct buf *out)
{
	InternetAddressList *l;
	InternetAddress *ia;
	GString *g;
	const char *p;
	enum err rc;

	for (p = to; *p != '\0' && (unsigned char)*p < 0x80; p++)
		continue;
	if (*p == '\0' && strlen("To: ") + (size_t)(p - to) <=
	    FOLD_LEN)
		return buf_printf(out, "To: %s\r\n", to);
	l = internet_address_list_new();
	ia = internet_address_mailbox_new(NULL, to);
	g = g_string_new("To: ");
	internet_address_list_add(l, ia);
	internet_address_list_encode(l, NULL, g);
	rc = put_crlf(out, g->str, g->len);
	g_string_free(g, TRUE);
	g_object_unref(ia);
	g_object_unref(l);
	return rc;
}

/* An unstructured field as GMime's default formatter writes it. */
static enum err
put_unstructured(struct mail_tmpl *t, const char *name, const char *value,
    struct buf *out)
{
	char *enc, *folded;
	enum err rc;

	enc = g_mime_utils_header_encode_text(NULL, value, NULL);
	buf_reset(&t->line);
	buf_printf(&t->line, "%s: %s", name, enc);
	folded = g_mime_utils_unstructured_header_fold(NULL, NULL,
	    t->line.p);
	rc = put_crlf(out, folded, strlen(folded));
	g_free(folded);
	g_free(enc);
	return rc;
}

static enum err
put_date(struct mail_tmpl *t, int64_t now, struct buf *out)
{
	GDateTime *dt;
	char *d;

	if (now != t->date_at) {
		dt = g_date_time_new_from_unix_utc(now);
		d = g_mime_utils_header_format_date(dt);
		snprintf(t->date, sizeof(t->date), "Date: %s\r\n", d);
		g_free(d);
		g_date_time_unref(dt);
		t->date_at = now;
	}
	return buf_puts(out, t->date);
}

static enum err
put_msgid(struct mail_tmpl *t, struct buf *out)
{
	char hex[MAIL_RANDOM_LEN];

	mail_random(hex);
	return buf_printf(out, "Message-Id: <%s@%s>\r\n", hex, t->domain);
}

enum err
mail_tmpl_render(struct mail_tmpl *t, struct store *s, const json_t *sub,
    const char *to, int64_t now, struct buf *out)
{
	struct arena *a = arena_new();
	const char *prefs, *unsub;
	const struct seg *g;
	size_t before = out->len, i;
	enum err rc;

	if ((rc = mail_campaign_links(s, t->key, t->ms, a, sub, now, &prefs,
	    &unsub)) != ERR_OK)
		goto out;
	if (!email_valid(to) || !mail_text_ok(prefs, 0) ||
	    !mail_text_ok(unsub, 0)) {
		rc = ERR_INVAL;
		goto out;
	}
	for (i = 0; rc == ERR_OK && i < t->nseg; i++) {
		g = &t->seg[i];
		switch (g->slot) {
		case SLOT_BYTES:
			rc = buf_add(out, t->proto.p + g->off, g->len);
			break;
		case SLOT_TO:
			rc = put_to(to, out);
			break;
		case SLOT_DATE:
			rc = put_date(t, now, out);
			break;
		case SLOT_MSGID:
			rc = put_msgid(t, out);
			break;
		case SLOT_UNSUB:
			rc = put_unstructured(t, "List-Unsubscribe",
			    arena_printf(a, "<%s>, <%s>", unsub, t->mailto),
			    out);
			break;
		case SLOT_TEXT:
			buf_reset(&t->line);
			mail_campaign_footer_text(&t->line, prefs, unsub);
			rc = put_qp(t, out);
			break;
		case SLOT_HTML:
			buf_reset(&t->line);
			mail_campaign_footer_html(&t->line, t->ms, prefs,
			    unsub);
			rc = put_qp(t, out);
			break;
		case SLOT__MAX:
			break;
		}
	}
out:
	if (rc != ERR_OK)
		buf_truncate(out, before);
	arena_free(a);
	return rc;
}
