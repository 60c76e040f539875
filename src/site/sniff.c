/*
 * sniff: what an uploaded file is, from its first bytes alone, never
 * from its name or the Content-Type its sender claimed.  Five types are
 * known: JPEG, PNG, GIF and WebP images, whose headers must also give
 * the picture's width and height (a signature followed by no readable
 * header is refused, so a few magic bytes in front of something else
 * are not enough), and PDF documents ("%PDF-" and a version at byte 0,
 * as PDF readers and browsers require of a document served as one).
 *
 * Invariant: no byte past n is read; every multi-byte field is checked
 * against n before it is read (fuzz/fuzz_sniff.c).
 */
#include <string.h>

#include "site.h"

const char *const media_mimes[MEDIA__MAX] = {
	[MEDIA_JPEG] = "image/jpeg",
	[MEDIA_PNG] = "image/png",
	[MEDIA_GIF] = "image/gif",
	[MEDIA_WEBP] = "image/webp",
	[MEDIA_PDF] = "application/pdf",
};

const char *const media_exts[MEDIA__MAX] = {
	[MEDIA_JPEG] = "jpg",
	[MEDIA_PNG] = "png",
	[MEDIA_GIF] = "gif",
	[MEDIA_WEBP] = "webp",
	[MEDIA_PDF] = "pdf",
};

static uint32_t
be16(const unsigned char *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t
le16(const unsigned char *p)
{
	return (uint32_t)p[1] << 8 | p[0];
}

static uint32_t
le24(const unsigned char *p)
{
	return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * JPEG: SOI, then marker segments up to the first frame header (SOFn),
 * which holds the height and width.  Scan data or the end of the image
 * before a frame header is malformed.
 */
static enum err
sniff_jpeg(const unsigned char *p, size_t n, struct media_info *mi)
{
	size_t i = 2, len;
	unsigned m;

	while (i < n) {
		if (p[i] != 0xff)
			return ERR_PARSE;
		while (i < n && p[i] == 0xff)	/* fill bytes */
			i++;
		if (i >= n)
			break;
		m = p[i++];
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd8))
			continue;		/* no length */
		if (m == 0xd9 || m == 0xda || m == 0x00)
			return ERR_PARSE;
		if (n - i < 2)
			break;
		if ((len = be16(p + i)) < 2)
			return ERR_PARSE;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (len < 7 || n - i < 7)
				return ERR_PARSE;
			mi->height = be16(p + i + 3);
			mi->width = be16(p + i + 5);
			return ERR_OK;
		}
		if (n - i < len)
			break;
		i += len;
	}
	return ERR_PARSE;	/* no frame header in the bytes read */
}

/* WebP: a RIFF container whose first chunk is the picture's. */
static enum err
sniff_webp(const unsigned char *p, size_t n, struct media_info *mi)
{
	uint32_t bits;

	if (n < 25)
		return ERR_PARSE;
	if (memcmp(p + 12, "VP8 ", 4) == 0) {	/* lossy: a key frame */
		if (n < 30 || memcmp(p + 23, "\x9d\x01\x2a", 3) != 0)
			return ERR_PARSE;
		mi->width = le16(p + 26) & 0x3fff;
		mi->height = le16(p + 28) & 0x3fff;
	} else if (memcmp(p + 12, "VP8L", 4) == 0) {	/* lossless */
		if (p[20] != 0x2f)
			return ERR_PARSE;
		bits = le16(p + 21) | le16(p + 23) << 16;
		mi->width = (bits & 0x3fff) + 1;
		mi->height = (bits >> 14 & 0x3fff) + 1;
	} else if (memcmp(p + 12, "VP8X", 4) == 0) {	/* extended */
		if (n < 30)
			return ERR_PARSE;
		mi->width = le24(p + 24) + 1;
		mi->height = le24(p + 27) + 1;
	} else
		return ERR_PARSE;
	return ERR_OK;
}

enum err
media_sniff(const unsigned char *p, size_t n, struct media_info *mi)
{
	enum err rc;

	memset(mi, 0, sizeof(*mi));
	if (n >= 3 && memcmp(p, "\xff\xd8\xff", 3) == 0) {
		mi->type = MEDIA_JPEG;
		rc = sniff_jpeg(p, n, mi);
	} else if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) {
		mi->type = MEDIA_PNG;
		/* The first chunk is IHDR, 13 bytes long. */
		if (n < 24 || be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4)
		    != 0)
			return ERR_PARSE;
		mi->width = be32(p + 16);
		mi->height = be32(p + 20);
		rc = ERR_OK;
	} else if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 ||
	    memcmp(p, "GIF89a", 6) == 0)) {
		mi->type = MEDIA_GIF;
		if (n < 10)
			return ERR_PARSE;
		mi->width = le16(p + 6);
		mi->height = le16(p + 8);
		rc = ERR_OK;
	} else if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0) {
		mi->type = MEDIA_WEBP;
		rc = sniff_webp(p, n, mi);
	} else if (n >= 8 && memcmp(p, "%PDF-", 5) == 0 && p[5] >= '1' &&
	    p[5] <= '9' && p[6] == '.' && p[7] >= '0' && p[7] <= '9') {
		mi->type = MEDIA_PDF;
		return ERR_OK;
	} else
		return ERR_MEDIA;
	if (rc != ERR_OK)
		return rc;
	/* PNG's fields are 31 bits; nobody's picture is wider than this. */
	if (mi->width == 0 || mi->height == 0 ||
	    mi->width > MEDIA_MAX_SIDE || mi->height > MEDIA_MAX_SIDE)
		return ERR_PARSE;
	return ERR_OK;
}
