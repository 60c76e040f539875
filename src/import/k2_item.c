/*
 * k2_item: what one K2 row becomes here.  An item's row mapped to an
 * article (title, dek and body, section, authors, tags, extra fields,
 * status and date) with a digest of it all, then saved new, updated
 * (keeping the slug Octavo gave it) or left alone when the digest is
 * unchanged; its hits as the read count, its old addresses; a comment
 * kept hidden.  And the helpers k2.c shares: text made valid UTF-8,
 * digests, import ids and slugs.
 */
#include <sodium.h>
#include <string.h>

#include "k2.h"
#include "site/site.h"

#define K2_TAGS_MAX	64	/* tags kept of one item */

char *
k2_text_fix(struct arena *a, const char *s, int oneline, int *fixed)
{
	struct buf b;
	size_t n = s != NULL ? strlen(s) : 0, i, used;
	uint32_t c;
	char *out;

	buf_init(&b, 4 * n + 8);
	for (i = 0; i < n; i += used) {
		c = utf8_decode(s + i, n - i, &used);
		if (c == UTF8_BAD) {
			buf_puts(&b, "\xef\xbf\xbd");
			*fixed = 1;
			used = used > 0 ? used : 1;
			continue;
		}
		if (oneline && (c < 0x20 || c == 0x7f || c == ' ')) {
			if (b.len > 0 && b.p[b.len - 1] != ' ')
				buf_putc(&b, ' ');
			continue;
		}
		buf_add(&b, s + i, used);
	}
	while (oneline && b.len > 0 && b.p[b.len - 1] == ' ')
		b.len--;
	out = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

/* A digest of text, hex, into out (33 bytes). */
void
k2_digest(const char *text, char out[33])
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), (const unsigned char *)text,
	    strlen(text), NULL, 0);
	sodium_bin2hex(out, 33, h, sizeof(h));
}

/* {local_id, digest} of a source record, or NULL when never imported. */
enum err
k2_seen_get(struct k2 *k, const char *kind, const char *id, json_t **row)
{
	struct store_import_id key = { K2_ORIGIN, kind, id, 0, NULL, 0 };
	enum err rc;

	*row = NULL;
	rc = store_import_id_get(k->st, &key, row);
	return rc == ERR_NOTFOUND ? ERR_OK : rc;
}

enum err
k2_seen_put(struct k2 *k, const char *kind, const char *id, int64_t local,
    const char *digest)
{
	struct store_import_id key = { K2_ORIGIN, kind, id, local, digest,
	    k->now };

	return store_import_id_put(k->st, &key);
}

/* A unique slug made from text (or fallback) into the arena. */
enum err
k2_slug_new(struct k2 *k, struct arena *a, enum store_slugged kind,
    const char *text, const char *fallback, const char **out)
{
	struct buf b;
	enum err rc;

	buf_init(&b, LIMIT_SLUG + 1);
	if (text == NULL || *text == '\0')
		text = fallback;
	if ((rc = slug_make(&b, text, strlen(text))) == ERR_OK)
		rc = store_slug_unique(k->st, kind, 0, &b);
	if (rc == ERR_OK)
		*out = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return rc;
}

/* The person named name (made when new); *id gets its id. */
static enum err
person_get(struct k2 *k, struct arena *a, const char *name, int64_t *id,
    const char **slug)
{
	struct store_person p = { 0 };
	json_t *seen = NULL, *old = NULL, *have;
	enum err rc;

	if ((have = json_object_get(k->people, name)) != NULL) {
		*id = json_integer_value(json_array_get(have, 0));
		*slug = json_string_value(json_array_get(have, 1));
		return ERR_OK;
	}
	if ((rc = k2_seen_get(k, "person", name, &seen)) != ERR_OK)
		return rc;
	p.id = seen != NULL ? json_integer_value(json_object_get(seen,
	    "local_id")) : 0;
	json_decref(seen);
	if (p.id != 0 && store_person_by_id(k->st, p.id, &old) == ERR_OK) {
		json_object_set_new(k->people, name, json_pack("[I,O]",
		    (json_int_t)p.id, json_object_get(old, "slug")));
		json_decref(old);
		report_count(&k->rep, "people", REPORT_UNCHANGED);
		return person_get(k, a, name, id, slug);
	}
	p.id = 0;
	p.name = name;
	p.bio = p.photo = p.affiliation = p.role = "";
	if ((rc = k2_slug_new(k, a, STORE_SLUG_PERSON, name, "author",
	    &p.slug)) != ERR_OK ||
	    (rc = store_person_save(k->st, &p, &p.id)) != ERR_OK ||
	    (rc = k2_seen_put(k, "person", name, p.id, "")) != ERR_OK)
		return rc;
	json_object_set_new(k->people, name, json_pack("[I,s]",
	    (json_int_t)p.id, p.slug));
	report_count(&k->rep, "people", REPORT_NEW);
	return person_get(k, a, name, id, slug);
}

/* The item's authors: its alias's names, else its user's name. */
static enum err
authors_get(struct k2 *k, struct arena *a, MYSQL_ROW row, int64_t *ids,
    size_t *n, json_t *names)
{
	char split[K2_NAMES_MAX][LIMIT_NAME + 1];
	const char *user, *slug;
	size_t i, m;
	int fixed = 0;
	enum err rc = ERR_OK;

	*n = 0;
	m = k2_names_split(k2_text_fix(a, row[I_ALIAS_BY], 1, &fixed), split,
	    K2_NAMES_MAX);
	if (m == 0) {
		user = json_string_value(json_object_get(k->users,
		    row[I_CREATED_BY] != NULL ? row[I_CREATED_BY] : ""));
		if (user == NULL || *user == '\0') {
			report_note(&k->rep, "items", 0, "no author (its "
			    "Joomla user is gone)", row[I_ID]);
			return ERR_OK;
		}
		if ((rc = person_get(k, a, user, &ids[0], &slug)) != ERR_OK)
			return rc;
		json_array_append_new(names, json_string(user));
		*n = 1;
		if (json_object_get(k->user_seen, row[I_CREATED_BY]) ==
		    NULL) {
			json_object_set_new(k->user_seen, row[I_CREATED_BY],
			    json_true());
			rc = k2_addr_user(k, k2_num(row[I_CREATED_BY]), user,
			    slug);
		}
		return rc;
	}
	for (i = 0; i < m && rc == ERR_OK; i++) {
		if ((rc = person_get(k, a, split[i], &ids[*n], &slug)) !=
		    ERR_OK)
			break;
		json_array_append_new(names, json_string(split[i]));
		(*n)++;
	}
	return rc;
}

/* Notes for what html_clean dropped from an item's body. */
static void
dropped_note(struct k2 *k, const struct html_clean_report *r,
    const char *id)
{
	char why[64];
	size_t i;

	for (i = 0; i < r->nnames; i++) {
		snprintf(why, sizeof(why), "<%s> dropped from a body",
		    r->names[i]);
		report_note(&k->rep, "items", 0, why, id);
	}
}

/* Clean HTML into b (NUL-terminated); notes for what was dropped. */
static enum err
clean(struct k2 *k, struct buf *b, const char *html, const char *id)
{
	struct html_clean_report r;
	enum err rc;

	buf_reset(b);
	if ((rc = html_clean(b, html, strlen(html), NULL, &r)) == ERR_OK)
		rc = buf_putc(b, '\0');
	if (rc == ERR_OK)
		dropped_note(k, &r, id);
	return rc;
}

/* A tag of Joomla's plugins ({loadposition x}, {gallery}...) in s? */
static int
plugin_tag(const char *s)
{
	const char *p, *e;

	for (p = s; (p = strchr(p, '{')) != NULL; p++) {
		e = p + 1 + strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_");
		if (e > p + 2 && (*e == '}' || *e == ' '))
			return 1;
	}
	return 0;
}

/*
 * The status of an item, its time and a note for the report: published
 * items whose publish_down has passed are drafts; a publish_up to come
 * makes them scheduled.
 */
static const char *
item_status(struct k2 *k, MYSQL_ROW row, const struct k2_cat *c,
    char at[TIME_ISO_LEN], const char **note)
{
	char up[TIME_ISO_LEN], down[TIME_ISO_LEN];
	int64_t t = 0;
	long access = k2_num(row[I_ACCESS]);

	*note = NULL;
	if (!k2_datetime(row[I_UP], up))
		up[0] = '\0';
	if (!k2_datetime(row[I_CREATED], at))
		snprintf(at, TIME_ISO_LEN, "%s", up[0] != '\0' ? up :
		    k->now_iso);
	if (up[0] != '\0')
		snprintf(at, TIME_ISO_LEN, "%s", up);
	if (k2_num(row[I_PUBLISHED]) != 1)
		return "draft";
	if (!c->published) {
		*note = "in an unpublished K2 category: kept as a draft";
		return "draft";
	}
	if (access != 1 && access != 5) {
		*note = "not public in Joomla (an access level): kept as a "
		    "draft";
		return "draft";
	}
	if (k2_datetime(row[I_DOWN], down) && time_parse_iso(down, &t) ==
	    ERR_OK && t <= k->now) {
		*note = "its publish_down has passed: kept as a draft";
		return "draft";
	}
	if (up[0] != '\0' && time_parse_iso(up, &t) == ERR_OK && t >
	    k->now)
		return "scheduled";
	return "published";
}

/* Everything one item becomes, and its digest. */
struct item {
	struct store_article_edit	 e;
	int64_t				 authors[K2_NAMES_MAX];
	const char			*tags[K2_TAGS_MAX];
	char				 at[TIME_ISO_LEN];
	char				*extra;		/* JSON, or NULL */
	char				 digest[33];
	const char			*note;
};

/* Map one item's row into it (from the arena a and the buffers). */
static enum err
item_map(struct k2 *k, struct arena *a, MYSQL_ROW row,
    const struct k2_cat *c, struct item *it, struct buf *body,
    struct buf *tmp)
{
	json_t *extra = NULL, *rec, *names = json_array(), *tags;
	const char *id = row[I_ID], *t, *title, *intro, *full;
	size_t undefined, n;
	int fixed = 0, simple;
	char *text;
	enum err rc;

	title = k2_text_fix(a, row[I_TITLE], 1, &fixed);
	if (*title == '\0') {
		title = arena_printf(a, "K2 item %s", id);
		report_note(&k->rep, "items", 0, "no title: named K2 item N",
		    id);
	}
	n = strlen(title);
	if (n > 300) {	/* ARTICLE_TITLE_MAX: the editor's limit */
		n = 300;
		while (n > 0 && !utf8_valid(title, n))
			n--;
		title = arena_strndup(a, title, n);
		report_note(&k->rep, "items", 0, "title cut to 300 bytes",
		    id);
	}
	intro = k2_text_fix(a, row[I_INTRO], 0, &fixed);
	full = k2_text_fix(a, row[I_FULL], 0, &fixed);
	if (plugin_tag(intro) || plugin_tag(full))
		report_note(&k->rep, "items", 0, "Joomla plugin tag ({...}) "
		    "left as text", id);
	/*
	 * K2 shows the intro, then the full text.  A short intro of plain
	 * text becomes the dek; else the two are the body.
	 */
	it->e.dek = "";
	if (*full != '\0') {
		if ((rc = clean(k, body, intro, id)) != ERR_OK)
			goto out;
		buf_reset(tmp);
		if ((rc = k2_html_text(tmp, body->p, body->len - 1,
		    &simple)) != ERR_OK)
			goto out;
		if (simple && tmp->len > 0 && tmp->len <= K2_DEK_MAX) {
			it->e.dek = arena_strndup(a, tmp->p, tmp->len);
			intro = "";
		}
	}
	if ((rc = clean(k, body, arena_printf(a, "%s%s%s", intro,
	    *intro != '\0' && *full != '\0' ? "\n" : "", full), id)) !=
	    ERR_OK)
		goto out;
	it->e.title = title;
	it->e.body = body->p;
	it->e.body_format = "html";
	it->e.section_id = c->section_id;
	if ((rc = authors_get(k, a, row, it->authors, &it->e.nauthors,
	    names)) != ERR_OK)
		goto out;
	it->e.authors = it->authors;
	/* Tags, as GROUP_CONCAT joined them; each once. */
	tags = json_array();
	t = k2_text_fix(a, row[I_TAGS], 0, &fixed);
	while (*t != '\0' && it->e.ntags < K2_TAGS_MAX) {
		size_t len = strcspn(t, K2_TAG_SEP), i;
		char *name = k2_text_fix(a, arena_strndup(a, t, len), 1,
		    &fixed);

		for (i = 0; i < it->e.ntags; i++)
			if (strcmp(it->tags[i], name) == 0)
				break;
		if (*name != '\0' && i == it->e.ntags) {
			it->tags[it->e.ntags++] = name;
			json_array_append_new(tags, json_string(name));
		}
		t += len + (t[len] != '\0');
	}
	it->e.tags = it->tags;
	/* Extra fields. */
	it->extra = NULL;
	if (row[I_EXTRA] != NULL && *row[I_EXTRA] != '\0' &&
	    strcmp(row[I_EXTRA], "[]") != 0) {
		if (k2_extra_map(&k->fields, row[I_EXTRA],
		    strlen(row[I_EXTRA]), &extra, &undefined) != ERR_OK)
			report_note(&k->rep, "items", 0, "extra fields not "
			    "readable (not JSON): left out", id);
		if (undefined > 0)
			report_note(&k->rep, "items", 0, "extra field value "
			    "without a definition: left out", id);
		if (json_object_size(extra) > 0)
			it->extra = arena_strdup(a, (text = json_dumps(extra,
			    JSON_COMPACT | JSON_PRESERVE_ORDER)));
		else
			text = NULL;
		free(text);
	}
	it->e.status = item_status(k, row, c, it->at, &it->note);
	it->e.published_at = it->at;
	if (fixed)
		report_note(&k->rep, "items", 0, "bytes that were not UTF-8 "
		    "replaced", id);
	rec = json_pack("{s:s, s:s, s:s, s:I, s:o, s:o, s:s?, s:s, s:s}",
	    "title", title, "dek", it->e.dek, "body", it->e.body, "section",
	    (json_int_t)c->section_id, "authors", names, "tags", tags,
	    "extra", it->extra, "status", it->e.status, "at", it->at);
	names = NULL;
	text = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
	k2_digest(text != NULL ? text : "", it->digest);
	free(text);
	json_decref(rec);
out:
	json_decref(names);
	json_decref(extra);
	return rc;
}

/* One item's row: skipped, or new, changed or unchanged. */
enum err
k2_item_import(struct k2 *k, MYSQL_ROW row)
{
	struct arena *a = arena_new();
	struct item it;
	struct buf body, tmp;
	struct k2_cat *c;
	json_t *seen = NULL, *old = NULL;
	const char *id = row[I_ID] != NULL ? row[I_ID] : "";
	int64_t art = 0, version = 0, reads = 0;
	int fixed = 0, unchanged = 0;
	long long hits = 0;
	enum err rc = ERR_OK;

	memset(&it, 0, sizeof(it));
	buf_init(&body, LIMIT_BODY_MD * 4);
	buf_init(&tmp, LIMIT_BODY_MD * 4);
	if (k2_num(row[I_TRASH]) != 0) {
		report_note(&k->rep, "items", 1, "in K2's trash",
		    k2_text_fix(a, row[I_TITLE], 1, &fixed));
		goto out;
	}
	if ((c = k2_cat_get(k, k2_num(row[I_CATID]))) == NULL ||
	    c->section_id == 0) {
		report_note(&k->rep, "items", 1, c == NULL ? "its K2 category "
		    "does not exist" : "its K2 category is in the trash",
		    k2_text_fix(a, row[I_TITLE], 1, &fixed));
		goto out;
	}
	if ((rc = item_map(k, a, row, c, &it, &body, &tmp)) != ERR_OK ||
	    (rc = k2_seen_get(k, "item", id, &seen)) != ERR_OK)
		goto out;
	if (seen != NULL) {
		art = json_integer_value(json_object_get(seen, "local_id"));
		if (store_article_edit_get(k->st, art, &old) != ERR_OK) {
			report_note(&k->rep, "items", 1, "deleted here since "
			    "it was imported", it.e.title);
			json_object_set_new(k->gone, id, json_true());
			goto out;
		}
		unchanged = strcmp(json_string_value(json_object_get(seen,
		    "digest")), it.digest) == 0;
		version = json_integer_value(json_object_get(old,
		    "version"));
		reads = json_integer_value(json_object_get(old, "reads"));
	}
	if (!unchanged) {
		it.e.id = art;
		it.e.version = version;
		if (old != NULL)
			it.e.slug = json_string_value(json_object_get(old,
			    "slug"));
		else if ((rc = k2_slug_new(k, a, STORE_SLUG_ARTICLE,
		    row[I_ALIAS] != NULL && utf8_valid(row[I_ALIAS],
		    strlen(row[I_ALIAS])) ? row[I_ALIAS] : "", it.e.title,
		    &it.e.slug)) != ERR_OK)
			goto out;
		it.e.now = k->now_iso;
		it.e.who = "octavo import k2";
		it.e.note = "imported from K2";
		if ((rc = store_article_save(k->st, &it.e, &art, &version)) !=
		    ERR_OK || (rc = report_suggest(&k->rep, k->st, art,
		    &it.e)) != ERR_OK || (rc = store_article_extra_set(k->st,
		    art, it.extra, NULL)) != ERR_OK || (rc = k2_seen_put(k,
		    "item", id, art, it.digest)) != ERR_OK)
			goto out;
		if (it.note != NULL)
			report_note(&k->rep, "items", 0, it.note, it.e.title);
	}
	report_count(&k->rep, "items", unchanged ? REPORT_UNCHANGED : old !=
	    NULL ? REPORT_CHANGED : REPORT_NEW);
	/* K2's hits: the read count, never lowered by a second run. */
	if (row[I_HITS] != NULL && str_to_ll(row[I_HITS], 0, INT64_MAX,
	    &hits) == ERR_OK && hits > reads && (rc =
	    store_article_reads_set(k->st, art, hits)) != ERR_OK)
		goto out;
	k->redirect_new = old == NULL;
	rc = k2_addr_item(k, art, k2_num(row[I_ID]), row[I_ALIAS] != NULL ?
	    row[I_ALIAS] : "", c->id);
out:
	if (rc != ERR_OK)
		fprintf(stderr, "octavo import k2: item %s: %s\n", id,
		    err_str(rc));
	json_decref(seen);
	json_decref(old);
	buf_free(&body);
	buf_free(&tmp);
	arena_free(a);
	return rc;
}

/* One comment: kept hidden, or skipped when its item was not imported. */
enum err
k2_comment_import(struct k2 *k, MYSQL_ROW row)
{
	struct store_comment c = { 0 };
	struct arena *a = arena_new();
	json_t *seen = NULL, *item = NULL, *rec;
	char at[TIME_ISO_LEN], dg[33], *text;
	int64_t id = 0;
	int fixed = 0;
	enum err rc;

	if ((rc = k2_seen_get(k, "item", row[1] != NULL ? row[1] : "",
	    &item)) != ERR_OK)
		goto out;
	if (item == NULL || json_object_get(k->gone, row[1]) != NULL) {
		report_note(&k->rep, "comments", 1, item == NULL ? "its item "
		    "was not imported" : "its article was deleted here",
		    row[0]);
		goto out;
	}
	c.article_id = json_integer_value(json_object_get(item, "local_id"));
	c.author_name = k2_text_fix(a, row[3], 1, &fixed);
	c.author_email = k2_text_fix(a, row[6], 1, &fixed);
	c.author_url = k2_text_fix(a, row[7], 1, &fixed);
	c.body = k2_text_fix(a, row[5], 0, &fixed);
	if (!k2_datetime(row[4], at))
		snprintf(at, sizeof(at), "%s", k->now_iso);
	c.created_at = at;
	c.status = k2_num(row[8]) == 1 ? "approved" : "pending";
	c.origin = K2_ORIGIN;
	rec = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "article",
	    (json_int_t)c.article_id, "name", c.author_name, "email",
	    c.author_email, "url", c.author_url, "body", c.body, "at", at,
	    "status", c.status);
	text = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
	k2_digest(text, dg);
	free(text);
	json_decref(rec);
	if ((rc = k2_seen_get(k, "comment", row[0], &seen)) != ERR_OK)
		goto out;
	if (seen != NULL && strcmp(json_string_value(json_object_get(seen,
	    "digest")), dg) == 0) {
		report_count(&k->rep, "comments", REPORT_UNCHANGED);
		goto out;
	}
	id = seen != NULL ? json_integer_value(json_object_get(seen,
	    "local_id")) : 0;
	if ((rc = store_comment_put(k->st, &c, &id)) != ERR_OK ||
	    (rc = k2_seen_put(k, "comment", row[0], id, dg)) != ERR_OK)
		goto out;
	report_count(&k->rep, "comments", seen != NULL ? REPORT_CHANGED :
	    REPORT_NEW);
out:
	json_decref(seen);
	json_decref(item);
	arena_free(a);
	return rc;
}

