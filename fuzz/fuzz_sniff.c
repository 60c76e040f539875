/*
 * fuzz_sniff: libFuzzer target for media_sniff, which reads the first
 * bytes of every uploaded file (anyone signed in may upload).
 * Invariants: the result is ERR_OK, ERR_MEDIA or ERR_PARSE; on ERR_OK
 * the type is known and its signature is at byte 0 (so nothing else is
 * ever served as an image or a PDF), an image has both sides from 1 to
 * MEDIA_MAX_SIDE and a PDF none.  The input is copied to exactly its
 * size on the heap, so a read past it is an ASan report.  The same bytes
 * as a string go to media_name_valid, which judges /media/NAME: an
 * accepted name is MEDIA_NAME_HEX lowercase hex digits, a dot and a
 * known extension, never a path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "site/site.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct {
	enum media_type	 type;
	const char	*sig;
	size_t		 len;
} sigs[] = {
	{ MEDIA_JPEG, "\xff\xd8\xff", 3 },
	{ MEDIA_PNG, "\x89PNG\r\n\x1a\n", 8 },
	{ MEDIA_GIF, "GIF8", 4 },
	{ MEDIA_WEBP, "RIFF", 4 },
	{ MEDIA_PDF, "%PDF-", 5 },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *p = malloc(size > 0 ? size : 1);
	char *name = malloc(size + 1);
	struct media_info mi;
	enum err rc;
	size_t i, n;

	memcpy(name, data, size);
	name[size] = '\0';
	if (media_name_valid(name)) {
		n = strlen(name);
		if (n < MEDIA_NAME_HEX + 4 || n > MEDIA_NAME_HEX + 5 ||
		    name[MEDIA_NAME_HEX] != '.' || strchr(name, '/') != NULL)
			abort();
		for (i = 0; i < MEDIA_NAME_HEX; i++)
			if (strchr("0123456789abcdef", name[i]) == NULL)
				abort();
	}
	free(name);
	memcpy(p, data, size);
	rc = media_sniff(p, size, &mi);
	if (rc != ERR_OK && rc != ERR_MEDIA && rc != ERR_PARSE)
		abort();
	if (rc == ERR_OK) {
		if (mi.type >= MEDIA__MAX)
			abort();
		for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			if (sigs[i].type == mi.type && (size < sigs[i].len ||
			    memcmp(p, sigs[i].sig, sigs[i].len) != 0))
				abort();
		if (mi.type == MEDIA_WEBP && (size < 12 ||
		    memcmp(p + 8, "WEBP", 4) != 0))
			abort();
		if (mi.type == MEDIA_PDF ? mi.width != 0 || mi.height != 0 :
		    mi.width < 1 || mi.height < 1 ||
		    mi.width > MEDIA_MAX_SIDE || mi.height > MEDIA_MAX_SIDE)
			abort();
	}
	free(p);
	return 0;
}
