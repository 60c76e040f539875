/*
 * test_media_sniff: what media_sniff makes of a file's first bytes: each
 * known type with its width and height (JPEG after APP segments and fill
 * bytes, PNG, GIF 87a and 89a, WebP lossy, lossless and extended, PDF),
 * and the refusals: text, HTML (also named like a PDF), a PDF signature
 * not at byte 0, a signature with no readable header (cut short, a
 * zero or oversized side, a JPEG whose scan starts before any frame
 * header); media_name_valid on names and paths.
 */
#include <stdio.h>
#include <string.h>

#include "site/site.h"
#include "test.h"

#define S(lit)	(const unsigned char *)(lit), sizeof(lit) - 1

static const unsigned char jpeg_app[] = {
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x06, 'J', 'F', 'I', 'F',
	0xff, 0xff, 0xe1, 0x00, 0x04, 0x00, 0x00,	/* fill, APP1 */
	0xff, 0xdb, 0x00, 0x03, 0x00,			/* DQT */
	0xff, 0xc2, 0x00, 0x0b, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x01,
	0x01, 0x11, 0x00,				/* SOF2 480x640 */
};
static const unsigned char jpeg_sos_first[] = {
	0xff, 0xd8, 0xff, 0xda, 0x00, 0x04, 0x00, 0x00, 0xff, 0xd9,
};
static const unsigned char jpeg_cut[] = {
	0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01,
};

static const struct {
	const char		*name;
	const unsigned char	*p;
	size_t			 n;
	enum err		 rc;
	enum media_type		 type;
	uint32_t		 w, h;
} cases[] = {
	{ "JPEG after APP segments and fill bytes", jpeg_app,
	    sizeof(jpeg_app), ERR_OK, MEDIA_JPEG, 640, 480 },
	{ "JPEG scan before a frame header", jpeg_sos_first,
	    sizeof(jpeg_sos_first), ERR_PARSE, MEDIA_JPEG, 0, 0 },
	{ "JPEG cut in its frame header", jpeg_cut, sizeof(jpeg_cut),
	    ERR_PARSE, MEDIA_JPEG, 0, 0 },
	{ "PNG", S("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x01\x2c\0\0\0\xc8"),
	    ERR_OK, MEDIA_PNG, 300, 200 },
	{ "PNG whose first chunk is not IHDR",
	    S("\x89PNG\r\n\x1a\n\0\0\0\x0dtEXt\0\0\x01\x2c\0\0\0\xc8"),
	    ERR_PARSE, MEDIA_PNG, 0, 0 },
	{ "PNG signature alone", S("\x89PNG\r\n\x1a\n"), ERR_PARSE,
	    MEDIA_PNG, 0, 0 },
	{ "PNG of zero width",
	    S("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\0\0\0\0\xc8"),
	    ERR_PARSE, MEDIA_PNG, 0, 0 },
	{ "PNG wider than MEDIA_MAX_SIDE",
	    S("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\x7f\0\0\0\0\0\0\xc8"),
	    ERR_PARSE, MEDIA_PNG, 0, 0 },
	{ "GIF89a", S("GIF89a\x10\x00\x20\x00\x80"), ERR_OK, MEDIA_GIF,
	    16, 32 },
	{ "GIF87a", S("GIF87a\x01\x01\x02\x00"), ERR_OK, MEDIA_GIF, 257,
	    2 },
	{ "GIF cut short", S("GIF89a\x10"), ERR_PARSE, MEDIA_GIF, 0, 0 },
	{ "WebP lossy", S("RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0\x30\x01\0"
	    "\x9d\x01\x2a\x80\x02\xe0\x01"), ERR_OK, MEDIA_WEBP, 640, 480 },
	{ "WebP lossy without its start code", S("RIFF\x24\0\0\0WEBPVP8 "
	    "\x18\0\0\0\x30\x01\0\x9d\x01\x2b\x80\x02\xe0\x01"), ERR_PARSE,
	    MEDIA_WEBP, 0, 0 },
	{ "WebP lossless", S("RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\x2b\xc0"
	    "\x31\0\0\0\0\0"), ERR_OK, MEDIA_WEBP, 44, 200 },
	{ "WebP extended", S("RIFF\x1a\0\0\0WEBPVP8X\x0a\0\0\0\x10\0\0\0"
	    "\x7f\x07\0\x37\x04\0"), ERR_OK, MEDIA_WEBP, 1920, 1080 },
	{ "WebP lossless, its size cut", S("RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0"
	    "\x2f\x2b\xc0"), ERR_PARSE, MEDIA_WEBP, 0, 0 },
	{ "WebP with an unknown chunk", S("RIFF\x1a\0\0\0WEBPABCD\x0a\0\0\0"
	    "\x10\0\0\0\x7f\x07\0\x37\x04\0"), ERR_PARSE, MEDIA_WEBP, 0, 0 },
	{ "RIFF that is not WebP", S("RIFF\x1a\0\0\0WAVEfmt \x10\0\0\0"),
	    ERR_MEDIA, MEDIA_JPEG, 0, 0 },
	{ "PDF", S("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), ERR_OK, MEDIA_PDF, 0,
	    0 },
	{ "PDF 2.0", S("%PDF-2.0\n"), ERR_OK, MEDIA_PDF, 0, 0 },
	{ "PDF signature after a space", S(" %PDF-1.4\n"), ERR_MEDIA,
	    MEDIA_JPEG, 0, 0 },
	{ "PDF signature without a version", S("%PDF-x.4\n"), ERR_MEDIA,
	    MEDIA_JPEG, 0, 0 },
	{ "HTML", S("<!DOCTYPE html><script>alert(1)</script>"), ERR_MEDIA,
	    MEDIA_JPEG, 0, 0 },
	{ "text", S("Some notes about the cover.\n"), ERR_MEDIA,
	    MEDIA_JPEG, 0, 0 },
	{ "SVG", S("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
	    ERR_MEDIA, MEDIA_JPEG, 0, 0 },
	{ "nothing", S(""), ERR_MEDIA, MEDIA_JPEG, 0, 0 },
};

static const struct {
	const char	*name;
	int		 want;
} names[] = {
	{ "0123456789abcdef0123456789abcdef.png", 1 },
	{ "0123456789abcdef0123456789abcdef.pdf", 1 },
	{ "0123456789abcdef0123456789abcdef.webp", 1 },
	{ "0123456789ABCDEF0123456789abcdef.png", 0 },
	{ "0123456789abcdef0123456789abcde.png", 0 },
	{ "0123456789abcdef0123456789abcdef.html", 0 },
	{ "0123456789abcdef0123456789abcdef.png/", 0 },
	{ "0123456789abcdef0123456789abcdef", 0 },
	{ "../../octavo.db", 0 },
	{ ".upload-abc123", 0 },
	{ "", 0 },
};

int
main(void)
{
	struct media_info mi;
	char name[160];
	size_t i;
	enum err rc;

	for (i = 0; i < nitems(cases); i++) {
		rc = media_sniff(cases[i].p, cases[i].n, &mi);
		snprintf(name, sizeof(name), "sniff %s: result",
		    cases[i].name);
		T_STREQ(name, err_str(rc), err_str(cases[i].rc));
		if (rc != ERR_OK)
			continue;
		snprintf(name, sizeof(name), "sniff %s: type", cases[i].name);
		T_STREQ(name, media_mimes[mi.type],
		    media_mimes[cases[i].type]);
		snprintf(name, sizeof(name), "sniff %s: width", cases[i].name);
		T_INTEQ(name, mi.width, cases[i].w);
		snprintf(name, sizeof(name), "sniff %s: height",
		    cases[i].name);
		T_INTEQ(name, mi.height, cases[i].h);
	}
	for (i = 0; i < nitems(names); i++)
		T_INTEQ(nm("media_name_valid", names[i].name),
		    media_name_valid(names[i].name), names[i].want);
	return test_failed;
}
