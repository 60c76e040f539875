/*
 * message: one mail as RFC 5322 and MIME want it, built by GMime, which
 * knows the rules that are easy to get almost right by hand: RFC 2047
 * encoded words for names and subjects (never split inside a UTF-8
 * character), quoted-printable bodies (lines of at most 76 octets, so
 * no line of the message comes near 998), header folding, and MIME
 * boundaries that cannot occur in the parts.  Lines end in CRLF, as
 * SMTP's DATA wants them.  The message is written to a buffer, never to
 * a file: its size is bounded by the buffer's maximum.
 */
#include <gmime/gmime.h>
#include <sodium.h>
#include <string.h>

#include "mail_int.h"

void
mail_lib_init(void)
{
	g_mime_init();
}

void
mail_lib_shutdown(void)
{
	g_mime_shutdown();
}

enum err
mail_address_split(struct arena *a, const char *s, const char **name,
    const char **addr)
{
	const char *lt, *gt;
	size_t n;

	*name = NULL;
	*addr = NULL;
	if ((lt = strrchr(s, '<')) == NULL) {
		if (!email_valid(s))
			return ERR_PARSE;
		*addr = s;
		return ERR_OK;
	}
	if ((gt = strchr(lt, '>')) == NULL || gt[1] != '\0')
		return ERR_PARSE;
	*addr = arena_strndup(a, lt + 1, (size_t)(gt - lt - 1));
	if (!email_valid(*addr))
		return ERR_PARSE;
	n = (size_t)(lt - s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s++;
		n -= 2;
	}
	*name = n > 0 ? arena_strndup(a, s, n) : NULL;
	return ERR_OK;
}

/*
 * A text part of UTF-8 text, quoted-printable.  Always charset=utf-8,
 * never what g_mime_text_part_set_text would guess (us-ascii, or
 * iso-8859-1 with the text converted): the same bytes whatever a part
 * holds, so that campaign.c can encode a recipient's lines apart.
 */
static GMimeObject *
text_part(const char *subtype, const char *text)
{
	GMimeTextPart *p = g_mime_text_part_new_with_subtype(subtype);
	GMimeStream *st;
	GMimeDataWrapper *w;

	st = g_mime_stream_mem_new_with_buffer(text, strlen(text));
	w = g_mime_data_wrapper_new_with_stream(st,
	    GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_text_part_set_charset(p, "utf-8");
	g_mime_part_set_content(GMIME_PART(p), w);
	g_object_unref(w);
	g_object_unref(st);
	g_mime_part_set_content_encoding(GMIME_PART(p),
	    GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	return GMIME_OBJECT(p);
}

void
mail_random(char out[MAIL_RANDOM_LEN])
{
	unsigned char rnd[(MAIL_RANDOM_LEN - 1) / 2];

	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(out, MAIL_RANDOM_LEN, rnd, sizeof(rnd));
}

int
mail_text_ok(const char *s, int nl)
{
	const unsigned char *p;

	if (s == NULL)
		return 1;
	if (!utf8_valid(s, strlen(s)))
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < ' ' && *p != '\t' && (!nl || (*p != '\n' &&
		    *p != '\r'))) || *p == 0x7f)
			return 0;
	return 1;
}

enum err
mail_message_build(const struct mail_msg *m, struct buf *out)
{
	GMimeMessage *msg = NULL;
	GMimeMultipart *alt = NULL;
	GMimeObject *body;
	GMimeFormatOptions *fo = NULL;
	GMimeStream *mem = NULL;
	GByteArray *ba;
	GDateTime *dt;
	GString *lu;
	char hex[MAIL_RANDOM_LEN], *id = NULL, *v = NULL;
	const char *dom;
	size_t before = out->len;
	enum err rc = ERR_INVAL;

	if (!email_valid(m->from_addr) || !email_valid(m->to_addr) ||
	    !mail_text_ok(m->from_name, 0) || !mail_text_ok(m->to_name, 0) ||
	    !mail_text_ok(m->subject, 0) || !mail_text_ok(m->list_id, 0) ||
	    !mail_text_ok(m->list_name, 0) ||
	    !mail_text_ok(m->unsub_https, 0) ||
	    !mail_text_ok(m->unsub_mailto, 0) || !mail_text_ok(m->text, 1) ||
	    !mail_text_ok(m->html, 1) || m->text == NULL || m->subject == NULL)
		goto out;
	msg = g_mime_message_new(TRUE);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM,
	    m->from_name, m->from_addr);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, m->to_name,
	    m->to_addr);
	g_mime_message_set_subject(msg, m->subject, "utf-8");
	dt = g_date_time_new_from_unix_utc(m->date);
	g_mime_message_set_date(msg, dt);
	g_date_time_unref(dt);
	mail_random(hex);
	dom = strrchr(m->from_addr, '@') + 1;
	id = g_strdup_printf("%s@%s", hex, dom);
	g_mime_message_set_message_id(msg, id);
	if (m->list_id != NULL) {
		if (m->list_name != NULL)
			v = g_mime_utils_header_encode_phrase(NULL,
			    m->list_name, "utf-8");
		g_free(id);
		id = g_strdup_printf("%s%s<%s>", v != NULL ? v : "",
		    v != NULL ? " " : "", m->list_id);
		g_mime_object_set_header(GMIME_OBJECT(msg), "List-Id", id,
		    NULL);
		g_free(v);
		v = NULL;
	}
	if (m->unsub_https != NULL || m->unsub_mailto != NULL) {
		lu = g_string_new(NULL);
		if (m->unsub_https != NULL)
			g_string_append_printf(lu, "<%s>", m->unsub_https);
		if (m->unsub_mailto != NULL)
			g_string_append_printf(lu, "%s<%s>", lu->len > 0 ?
			    ", " : "", m->unsub_mailto);
		g_mime_object_set_header(GMIME_OBJECT(msg),
		    "List-Unsubscribe", lu->str, NULL);
		g_string_free(lu, TRUE);
		/* RFC 8058: only with an https URI to POST to. */
		if (m->unsub_https != NULL)
			g_mime_object_set_header(GMIME_OBJECT(msg),
			    "List-Unsubscribe-Post",
			    "List-Unsubscribe=One-Click", NULL);
	}
	if (m->html != NULL) {
		alt = g_mime_multipart_new_with_subtype("alternative");
		body = text_part("plain", m->text);
		g_mime_multipart_add(alt, body);
		g_object_unref(body);
		body = text_part("html", m->html);
		g_mime_multipart_add(alt, body);
		g_object_unref(body);
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(alt));
	} else {
		body = text_part("plain", m->text);
		g_mime_message_set_mime_part(msg, body);
		g_object_unref(body);
	}
	fo = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(fo,
	    GMIME_NEWLINE_FORMAT_DOS);
	mem = g_mime_stream_mem_new();
	if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), fo, mem) < 0) {
		rc = ERR_IO;
		goto out;
	}
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	if ((rc = buf_add(out, ba->data, ba->len)) != ERR_OK)
		out->len = before;
out:
	g_free(id);
	g_free(v);
	if (mem != NULL)
		g_object_unref(mem);
	if (fo != NULL)
		g_mime_format_options_free(fo);
	if (alt != NULL)
		g_object_unref(alt);
	if (msg != NULL)
		g_object_unref(msg);
	return rc;
}
