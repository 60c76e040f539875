/*
 * slug: the URL names of articles, people and anything else with a
 * title, made from any UTF-8 the title holds, and made unique.
 *
 * A slug is lowercase ASCII letters, digits and single hyphens, because
 * that is what survives every mail client, shell and citation manager
 * unescaped.  Latin letters lose their diacritics by the fold tables
 * below, generated from Unicode's decompositions (NFD's first letter, or
 * the letter a "LATIN ... LETTER X WITH ..." name gives), with eth, kra,
 * eng and long s folded by hand and ligatures spelt out in letters.
 * Other scripts are not transliterated (any choice would be wrong for
 * some language): their letters are separators, and a title left with
 * nothing gets a stable id from its bytes, which an editor can replace.
 *
 * Invariant: slug_make's output is a pure function of the input bytes,
 * never empty, at most SLUG_MAX bytes; slug_claim's fits LIMIT_SLUG.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define SLUG_SOFT	72	/* past it, stop at the next separator */

/*
 * U+00C0..U+024F and U+1E00..U+1EFF folded: a letter, '-' for a
 * separator, '*' for a ligature spelt out in fold_multi.
 */
static const char fold_latin[] =
    "aaaaaa*ceeeeiiiidnooooo-ouuuuy**aaaaaa*ceeeeiiiidnooooo-ouuuuy*y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkklllllll"
    "lllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"
    "bbbb---cc-ddd----ffg---ikkl--nnooo--pp-----ttttuu-vyyzz---------"
    "----*********aaiioouuuuuuuuuu-aaaa**ggggkkoooo--j***gg--nnaa**oo"
    "aaaaeeeeiiiioooorrrruuuusstt--hhnd**zzaaeeooooooooyylntj--acclts"
    "z--bu-eejj-qrryy";
static const char fold_latin_more[] =
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
    "wwwwwwwwwwxxxxyyzzzzzzhtwya---*-aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy----yy";

_Static_assert(sizeof(fold_latin) == 0x250 - 0xc0 + 1,
    "fold_latin covers U+00C0..U+024F");
_Static_assert(sizeof(fold_latin_more) == 0x1f00 - 0x1e00 + 1,
    "fold_latin_more covers U+1E00..U+1EFF");

static const struct {
	uint32_t	 cp;
	const char	*s;
} fold_multi[] = {
	{ 0x00c6, "ae" }, { 0x00de, "th" }, { 0x00df, "ss" },
	{ 0x00e6, "ae" }, { 0x00fe, "th" }, { 0x0132, "ij" },
	{ 0x0133, "ij" }, { 0x0152, "oe" }, { 0x0153, "oe" },
	{ 0x01c4, "dz" }, { 0x01c5, "dz" }, { 0x01c6, "dz" },
	{ 0x01c7, "lj" }, { 0x01c8, "lj" }, { 0x01c9, "lj" },
	{ 0x01ca, "nj" }, { 0x01cb, "nj" }, { 0x01cc, "nj" },
	{ 0x01e2, "ae" }, { 0x01e3, "ae" }, { 0x01f1, "dz" },
	{ 0x01f2, "dz" }, { 0x01f3, "dz" }, { 0x01fc, "ae" },
	{ 0x01fd, "ae" }, { 0x0222, "ou" }, { 0x0223, "ou" },
	{ 0x1e9e, "ss" },
};

/*
 * What cp becomes: "" (dropped: apostrophes, combining marks, the
 * Catalan middle dot), "-" (a separator) or letters; one[2] holds a
 * single letter.
 */
static const char *
slug_fold(uint32_t cp, char one[2])
{
	size_t i;
	char c = '-';

	if (cp == '\'' || cp == 0x2019 || cp == 0x00b7 ||
	    (cp >= 0x0300 && cp <= 0x036f))
		return "";
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
		c = (char)cp;
	else if (cp >= 'A' && cp <= 'Z')
		c = (char)(cp - 'A' + 'a');
	else if (cp >= 0xc0 && cp <= 0x24f)
		c = fold_latin[cp - 0xc0];
	else if (cp >= 0x1e00 && cp <= 0x1eff)
		c = fold_latin_more[cp - 0x1e00];
	if (c == '*') {
		for (i = 0; i < nitems(fold_multi); i++)
			if (fold_multi[i].cp == cp)
				return fold_multi[i].s;
		c = '-';
	}
	one[0] = c;
	one[1] = '\0';
	return one;
}

enum err
slug_make(struct buf *b, const char *s, size_t n)
{
	const char *f;
	char one[2];
	size_t i = 0, used;
	int pend = 0;
	enum err rc = ERR_OK;

	buf_reset(b);
	while (i < n && b->len < SLUG_MAX && rc == ERR_OK) {
		f = slug_fold(utf8_decode(s + i, n - i, &used), one);
		i += used;
		if (*f == '\0')
			continue;
		if (*f == '-') {
			pend = b->len > 0;
			continue;
		}
		if (pend) {
			if (b->len >= SLUG_SOFT)
				break;
			rc = buf_putc(b, '-');
			pend = 0;
		}
		for (; *f != '\0' && b->len < SLUG_MAX && rc == ERR_OK; f++)
			rc = buf_putc(b, *f);
	}
	if (rc == ERR_OK && b->len == 0)
		rc = buf_printf(b, "id-%08x", (unsigned)(hash_bytes(s, n) >>
		    32));
	if (rc != ERR_OK)
		buf_reset(b);
	return rc;
}

enum err
slug_claim(struct buf *b, unsigned long *next,
    int (*taken)(void *, const char *, size_t), void *arg)
{
	unsigned long k = next != NULL && *next >= 2 ? *next : 2, tries;
	char sfx[24], *base = NULL;
	size_t baselen = b->len, cut;
	int len;
	enum err rc = ERR_OK;

	if (!taken(arg, b->len > 0 ? b->p : "", b->len))
		goto out;
	base = xstrndup(b->len > 0 ? b->p : "", b->len);
	rc = ERR_CONFLICT;
	for (tries = 0; tries < SLUG_CLAIM_TRIES; tries++, k++) {
		len = snprintf(sfx, sizeof(sfx), "-%lu", k);
		cut = baselen;
		if (cut + (size_t)len > LIMIT_SLUG)
			cut = LIMIT_SLUG - (size_t)len;
		while (cut > 0 && base[cut - 1] == '-')
			cut--;
		buf_reset(b);
		if ((rc = buf_add(b, base, cut)) != ERR_OK ||
		    (rc = buf_add(b, sfx, (size_t)len)) != ERR_OK)
			break;
		if (!taken(arg, b->p, b->len)) {
			if (next != NULL)
				*next = k + 1;
			goto out;
		}
		rc = ERR_CONFLICT;
	}
	/* Failure leaves b as it was. */
	buf_reset(b);
	buf_add(b, base, baselen);
out:
	free(base);
	return rc;
}
