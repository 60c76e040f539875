/*
 * dsn: delivery status notifications (RFC 3464), as a relay sends them
 * back to mail_from.  GMime parses the message and finds the
 * message/delivery-status part however deeply it sits (a
 * multipart/report, possibly inside another multipart) and decodes its
 * transfer encoding; the fields of that part are read here: groups of
 * header-like lines, the first about the message, each further one
 * about a recipient (Final-Recipient, Action, Status), lines folded as
 * in RFC 5322.  Everything read is untrusted and bounded: at most
 * DSN_RECIPIENTS recipients, fields cut at LIMIT_EMAIL.  Fuzzed by
 * fuzz_dsn.
 */
#include <gmime/gmime.h>
#include <string.h>
#include <strings.h>

#include "mail.h"

/* One field's value, unfolded and trimmed, into out (cut to size). */
static void
field_value(const char *p, const char *end, char *out, size_t size)
{
	size_t n = 0;

	for (; p < end && n + 1 < size; p++) {
		if (*p == '\r' || *p == '\n')
			continue;
		if ((*p == ' ' || *p == '\t') && (n == 0 || out[n - 1] == ' '))
			continue;
		out[n++] = *p == '\t' ? ' ' : *p;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/* "rfc822; Name@Example.org" -> "Name@Example.org" (or "" if not). */
static void
recipient(const char *v, char *out, size_t size)
{
	const char *semi = strchr(v, ';'), *a;
	size_t n;

	out[0] = '\0';
	if (semi == NULL || (size_t)(semi - v) != 6 ||
	    strncasecmp(v, "rfc822", 6) != 0)
		return;
	a = semi + 1 + strspn(semi + 1, " <");
	n = strcspn(a, " >");
	if (n == 0 || n >= size)
		return;
	memcpy(out, a, n);
	out[n] = '\0';
	if (!email_valid(out))
		out[0] = '\0';
}

static void
group_end(struct dsn_recipient *r, size_t *n, size_t max)
{
	if (r->address[0] != '\0' && *n < max)
		(*n)++;
}

size_t
mail_dsn_fields(const char *text, size_t len, struct dsn_recipient *out,
    size_t max)
{
	const char *p = text, *end, *eol, *colon, *vend;
	struct dsn_recipient *r;
	char name[32], value[LIMIT_EMAIL + 16];
	size_t n = 0, k;

	/* Nothing to read (a part with no body may come as NULL, 0). */
	if (max == 0 || text == NULL || len == 0)
		return 0;
	end = text + len;
	r = &out[0];
	memset(r, 0, sizeof(*r));
	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		eol = eol != NULL ? eol + 1 : end;
		if (p[0] == '\r' || p[0] == '\n') {	/* a group ends */
			group_end(r, &n, max);
			if (n == max)
				break;
			r = &out[n];
			memset(r, 0, sizeof(*r));
			p = eol;
			continue;
		}
		colon = memchr(p, ':', (size_t)(eol - p));
		if (colon == NULL || p[0] == ' ' || p[0] == '\t' ||
		    (size_t)(colon - p) >= sizeof(name)) {
			p = eol;	/* not a field: passed over */
			continue;
		}
		k = (size_t)(colon - p);
		memcpy(name, p, k);
		name[k] = '\0';
		/* The value runs on over folded lines. */
		vend = eol;
		while (vend < end && (*vend == ' ' || *vend == '\t')) {
			const char *nl = memchr(vend, '\n',
			    (size_t)(end - vend));

			vend = nl != NULL ? nl + 1 : end;
		}
		field_value(colon + 1, vend, value, sizeof(value));
		/* Action and Status are cut to their fields' sizes. */
		if (strcasecmp(name, "Final-Recipient") == 0)
			recipient(value, r->address, sizeof(r->address));
		else if (strcasecmp(name, "Original-Recipient") == 0 &&
		    r->address[0] == '\0')
			recipient(value, r->address, sizeof(r->address));
		else if (strcasecmp(name, "Action") == 0)
			field_value(colon + 1, vend, r->action,
			    sizeof(r->action));
		else if (strcasecmp(name, "Status") == 0)
			field_value(colon + 1, vend, r->status,
			    sizeof(r->status));
		p = vend;
	}
	if (n < max)
		group_end(r, &n, max);
	return n;
}

int
mail_dsn_hard(const struct dsn_recipient *r)
{
	return strcasecmp(r->action, "failed") == 0 && r->status[0] == '5' &&
	    r->status[1] == '.';
}

/* The first message/delivery-status part under o, or NULL. */
static GMimeObject *
find_status(GMimeObject *o)
{
	GMimeContentType *ct;
	GMimeObject *hit;
	int i, n;

	if (o == NULL)
		return NULL;
	ct = g_mime_object_get_content_type(o);
	if (ct != NULL && g_mime_content_type_is_type(ct, "message",
	    "delivery-status"))
		return o;
	if (GMIME_IS_MULTIPART(o)) {
		n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
		for (i = 0; i < n; i++)
			if ((hit = find_status(g_mime_multipart_get_part(
			    GMIME_MULTIPART(o), i))) != NULL)
				return hit;
	}
	return NULL;
}

enum err
mail_dsn_read(const char *msg, size_t len, struct dsn_recipient *out,
    size_t max, size_t *n)
{
	GMimeStream *in, *mem = NULL;
	GMimeParser *parser;
	GMimeMessage *m;
	GMimeObject *part;
	GMimeDataWrapper *w;
	GByteArray *ba;
	enum err rc = ERR_PARSE;

	*n = 0;
	in = g_mime_stream_mem_new_with_buffer(msg, len);
	parser = g_mime_parser_new_with_stream(in);
	m = g_mime_parser_construct_message(parser, NULL);
	if (m == NULL)
		goto out;
	part = find_status(g_mime_message_get_mime_part(m));
	if (part == NULL || !GMIME_IS_PART(part) ||
	    (w = g_mime_part_get_content(GMIME_PART(part))) == NULL)
		goto out;
	mem = g_mime_stream_mem_new();
	if (g_mime_data_wrapper_write_to_stream(w, mem) < 0)
		goto out;
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	*n = mail_dsn_fields((const char *)ba->data, ba->len, out, max);
	rc = ERR_OK;
out:
	if (mem != NULL)
		g_object_unref(mem);
	if (m != NULL)
		g_object_unref(m);
	g_object_unref(parser);
	g_object_unref(in);
	return rc;
}
