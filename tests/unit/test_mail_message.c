/*
 * test_mail_message: the messages the mailer builds.  Each is read back
 * by Python's email parser (policy=default), which must find no defect
 * and decode the subject, names and bodies to what went in; and each is
 * checked here for what the parser forgives: CRLF line ends only, no
 * line over 998 octets (RFC 5322 2.1.1), only ASCII in the headers.
 * Bad input (an address that is not one, a control character in a
 * header's text) is refused before anything is built.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mail/mail.h"
#include "test.h"

/* Reads a message on stdin; prints defects, then fields, one a line. */
static const char py[] =
	"import sys, email, email.policy\n"
	"m = email.message_from_bytes(sys.stdin.buffer.read(),"
	" policy=email.policy.default)\n"
	"d = list(m.defects)\n"
	"for p in m.walk(): d += p.defects\n"
	"for h in m.keys(): d += getattr(m[h], 'defects', ())\n"
	"print(len(d))\n"
	"print(str(m['subject']))\n"
	"f = m['from'].addresses[0]; print(f.display_name); print(f.addr_spec)\n"
	"t = m['to'].addresses[0]; print(t.display_name); print(t.addr_spec)\n"
	"print(m.get_content_type())\n"
	"b = m.get_body(('plain',)).get_content()\n"
	"print(b.replace('\\r\\n', '|'))\n"
	"h = m.get_body(('html',))\n"
	"print(h.get_content().replace('\\r\\n', '|') if h else '-')\n"
	"print(m['list-id'] or '-')\n"
	"print(m['list-unsubscribe'] or '-')\n"
	"print(m['list-unsubscribe-post'] or '-')\n"
	"print('yes' if m['message-id'] and m['date'] else 'no')\n";

#define NFIELDS	13

static const char long_line[] =
	"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
	"eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut "
	"enim ad minim veniam, quis nostrud exercitation ullamco laboris "
	"nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in "
	"reprehenderit in voluptate velit esse cillum dolore eu fugiat "
	"nulla pariatur. Excepteur sint occaecat cupidatat non proident, "
	"sunt in culpa qui officia deserunt mollit anim id est laborum. "
	"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
	"eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut "
	"enim ad minim veniam, quis nostrud exercitation ullamco laboris "
	"nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in "
	"reprehenderit in voluptate velit esse cillum dolore eu fugiat "
	"nulla pariatur. Excepteur sint occaecat cupidatat non proident, "
	"sunt in culpa qui officia deserunt mollit anim id est laborum. "
	"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do "
	"eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut "
	"enim ad minim veniam, quis nostrud exercitation ullamco laboris.";

static const struct {
	const char	*name;
	struct mail_msg	 m;
	const char	*want[NFIELDS];	/* NULL: not compared */
} cases[] = {
	{ "plain ASCII, text only",
	    { NULL, "news@example.org", NULL, "reader@example.net",
	    "The new issue", "Hello.\nBye.\n", NULL, NULL, NULL, NULL, NULL,
	    1700000000 },
	    { "0", "The new issue", "", "news@example.org", "",
	    "reader@example.net", "text/plain", "Hello.|Bye.|", "-", "-",
	    "-", "-", "yes" } },
	{ "UTF-8 names and subject, text and HTML",
	    { "Revue d'\xc3\xa9tudes", "news@example.org",
	    "Zo\xc3\xab \xc3\x85str\xc3\xb6m", "zoe@example.net",
	    "Num\xc3\xa9ro 12 : \xc2\xab la mer \xc2\xbb \xe2\x80\x94 "
	    "\xe6\xb5\xb7 \xf0\x9f\x8c\x8a",
	    "Caf\xc3\xa9 cr\xc3\xa8me\n",
	    "<p>Caf\xc3\xa9 <b>cr\xc3\xa8me</b></p>\n",
	    "news.example.org", "Revue d'\xc3\xa9tudes",
	    "https://example.org/newsletter/unsubscribe/u1.0.abc",
	    "mailto:news@example.org?subject=unsubscribe", 1700000000 },
	    { "0", "Num\xc3\xa9ro 12 : \xc2\xab la mer \xc2\xbb \xe2\x80\x94 "
	    "\xe6\xb5\xb7 \xf0\x9f\x8c\x8a", "Revue d'\xc3\xa9tudes",
	    "news@example.org", "Zo\xc3\xab \xc3\x85str\xc3\xb6m",
	    "zoe@example.net", "multipart/alternative",
	    "Caf\xc3\xa9 cr\xc3\xa8me|",
	    "<p>Caf\xc3\xa9 <b>cr\xc3\xa8me</b></p>|",
	    "Revue d'\xc3\xa9tudes <news.example.org>",
	    "<https://example.org/newsletter/unsubscribe/u1.0.abc>, "
	    "<mailto:news@example.org?subject=unsubscribe>",
	    "List-Unsubscribe=One-Click", "yes" } },
	{ "a 1,100-character line and a long subject",
	    { "A \"quoted\" name, with a comma", "news@example.org", NULL,
	    "reader@example.net", long_line, long_line, long_line, NULL,
	    NULL, NULL, "mailto:u@example.org", 1700000000 },
	    { "0", long_line, "A \"quoted\" name, with a comma",
	    "news@example.org", "", "reader@example.net",
	    "multipart/alternative", NULL, NULL, "-",
	    "<mailto:u@example.org>", "-", "yes" } },
	{ "a body line that begins with a dot and From",
	    { NULL, "news@example.org", NULL, "reader@example.net",
	    "Dots", ".\n..\nFrom here\n", NULL, NULL, NULL, NULL, NULL, 0 },
	    { "0", "Dots", "", "news@example.org", "", "reader@example.net",
	    "text/plain", ".|..|From here|", "-", "-", "-", "-", "yes" } },
};

static const struct {
	const char	*name;
	struct mail_msg	 m;
} bad[] = {
	{ "recipient is not an address",
	    { NULL, "news@example.org", NULL, "reader", "S", "T", NULL, NULL,
	    NULL, NULL, NULL, 0 } },
	{ "sender is not an address",
	    { NULL, "news@", NULL, "r@example.org", "S", "T", NULL, NULL,
	    NULL, NULL, NULL, 0 } },
	{ "newline in the subject",
	    { NULL, "news@example.org", NULL, "r@example.org",
	    "S\r\nBcc: x@example.org", "T", NULL, NULL, NULL, NULL, NULL,
	    0 } },
	{ "newline in a name",
	    { NULL, "news@example.org", "N\nBcc: x@example.org",
	    "r@example.org", "S", "T", NULL, NULL, NULL, NULL, NULL, 0 } },
	{ "invalid UTF-8 in the body",
	    { NULL, "news@example.org", NULL, "r@example.org", "S",
	    "\xff\xfe", NULL, NULL, NULL, NULL, NULL, 0 } },
	{ "no subject",
	    { NULL, "news@example.org", NULL, "r@example.org", NULL, "T",
	    NULL, NULL, NULL, NULL, NULL, 0 } },
};

/* Run the parser on msg; fields[] get its lines (caller frees *text). */
static int
py_parse(const char *msg, size_t len, char **text, char *fields[NFIELDS])
{
	char in[] = "/tmp/octavo-mail-XXXXXX", cmd[512];
	size_t n = 0, cap = 1 << 16;
	FILE *f, *p;
	int fd, i;
	char *s;

	if ((fd = mkstemp(in)) < 0 || (f = fdopen(fd, "wb")) == NULL)
		return -1;
	fwrite(msg, 1, len, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 -c \"$OCTAVO_PY\" < %s",
	    in);
	setenv("OCTAVO_PY", py, 1);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	*text = xmalloc(cap);
	n = fread(*text, 1, cap - 1, p);
	(*text)[n] = '\0';
	pclose(p);
	unlink(in);
	s = *text;
	for (i = 0; i < NFIELDS; i++) {
		fields[i] = s;
		if (s != NULL && (s = strchr(s, '\n')) != NULL)
			*s++ = '\0';
	}
	return 0;
}

static void
check_lines(const char *name, const char *msg, size_t len)
{
	size_t i, line = 0, longest = 0, bare = 0, high = 0;
	int in_head = 1;

	for (i = 0; i < len; i++) {
		if (msg[i] == '\n') {
			if (i == 0 || msg[i - 1] != '\r')
				bare++;
			if (line > longest)
				longest = line;
			if (line == 1)	/* "\r" alone: the blank line */
				in_head = 0;
			line = 0;
			continue;
		}
		if (in_head && (unsigned char)msg[i] >= 0x80)
			high++;
		line++;
	}
	T_INTEQ(nm(name, "no bare LF"), bare, 0);
	T_TRUE(nm(name, "no line over 998 octets"), longest <= 998 + 1);
	T_INTEQ(nm(name, "headers are ASCII"), high, 0);
	T_TRUE(nm(name, "ends with CRLF"), len >= 2 &&
	    memcmp(msg + len - 2, "\r\n", 2) == 0);
}

static const char *const field_names[NFIELDS] = {
	"defects", "subject", "from name", "from address", "to name",
	"to address", "content type", "text body", "HTML body", "List-Id",
	"List-Unsubscribe", "List-Unsubscribe-Post", "Message-ID and Date",
};

int
main(void)
{
	struct buf b;
	char *text, *f[NFIELDS], name[300];
	size_t i, j, before;
	enum err rc;

	mail_lib_init();
	buf_init(&b, 1 << 20);
	for (i = 0; i < nitems(cases); i++) {
		buf_reset(&b);
		rc = mail_message_build(&cases[i].m, &b);
		T_STREQ(nm(cases[i].name, "built"), err_str(rc),
		    err_str(ERR_OK));
		if (rc != ERR_OK)
			continue;
		check_lines(cases[i].name, b.p, b.len);
		T_TRUE(nm(cases[i].name, "bodies quoted-printable"),
		    strstr(b.p, "Content-Transfer-Encoding: quoted-printable"
		    "\r\n") != NULL);
		if (py_parse(b.p, b.len, &text, f) != 0) {
			T_TRUE(nm(cases[i].name, "python runs"), 0);
			continue;
		}
		for (j = 0; j < NFIELDS; j++) {
			if (cases[i].want[j] == NULL)
				continue;
			snprintf(name, sizeof(name), "%s: %s", cases[i].name,
			    field_names[j]);
			T_STREQ(name, f[j], cases[i].want[j]);
		}
		free(text);
	}
	for (i = 0; i < nitems(bad); i++) {
		buf_reset(&b);
		buf_puts(&b, "kept");
		before = b.len;
		rc = mail_message_build(&bad[i].m, &b);
		T_STREQ(nm(bad[i].name, "refused"), err_str(rc),
		    err_str(ERR_INVAL));
		T_INTEQ(nm(bad[i].name, "output untouched"), b.len, before);
	}
	/* Past the buffer's maximum: ERR_LIMIT, the buffer as it was. */
	buf_free(&b);
	buf_init(&b, 100);
	buf_puts(&b, "kept");
	rc = mail_message_build(&cases[1].m, &b);
	T_STREQ("over the buffer's maximum: ERR_LIMIT", err_str(rc),
	    err_str(ERR_LIMIT));
	T_INTEQ("over the buffer's maximum: untouched", b.len, 4);
	buf_free(&b);
	mail_lib_shutdown();
	return test_failed;
}
