/*
 * suggest: the one way an article's suggested countries are made,
 * whoever saved it (the importers, an author's or a token's save).  The
 * gazetteer (util/gazetteer.c) reads the title, dek and body as one
 * text; each country it names that the article does not list becomes a
 * pending suggestion with the words that named it, replacing the
 * article's earlier ones.  An editor confirms or dismisses them
 * (admin/suggestions.c); an editor's own save of the article clears them.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "store_int.h"

/* 1 if code is one of have[0..n). */
static int
listed(const char *const *have, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (have[i] != NULL && strcasecmp(have[i], code) == 0)
			return 1;
	return 0;
}

enum err
store_article_suggest(struct store *st, int64_t article, const char *title,
    const char *dek, const char *body, const char *const *have, size_t nhave,
    size_t *n)
{
	struct store_suggestion s[GAZ_CODES_MAX];
	struct gaz_hit *hits = NULL;
	struct buf text;
	size_t i, m, k = 0;
	enum err rc;

	if (n != NULL)
		*n = 0;
	buf_init(&text, SIZE_MAX / 2);	/* the texts are in memory already */
	if ((rc = buf_printf(&text, "%s\n%s\n", title != NULL ? title : "",
	    dek != NULL ? dek : "")) != ERR_OK ||
	    (rc = buf_puts(&text, body != NULL ? body : "")) != ERR_OK)
		goto out;
	hits = xcalloc(GAZ_CODES_MAX, sizeof(*hits));
	m = gazetteer_hits(text.p, text.len, hits, GAZ_CODES_MAX);
	for (i = 0; i < m; i++) {
		if (listed(have, nhave, hits[i].code))
			continue;
		s[k].code = hits[i].code;
		s[k].words = hits[i].words;
		k++;
	}
	if ((rc = store_suggestions_put(st, article, s, k)) == ERR_OK &&
	    n != NULL)
		*n = k;
out:
	free(hits);
	buf_free(&text);
	return rc;
}
