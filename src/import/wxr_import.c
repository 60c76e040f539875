/*
 * wxr_import: a WordPress export file brought into the store.
 *
 * Two passes over the file, each streaming (wxr_read.c), so memory
 * holds one item and small maps (authors, categories, tags, and each
 * attachment's address and stored name), never the content:
 *   1. attachments: each file found under --uploads is checked and
 *      stored as /admin/media stores an upload (media_check,
 *      media_name_new, media_place, store_media_add), so bodies read
 *      in pass 2 can point at /media/NAME; the items are counted for
 *      the progress bar.
 *   2. authors (people), categories (sections or tags), tags, then
 *      posts and pages (articles, through store_article_save like the
 *      editor), their comments (store_comment_put, threaded) and old
 *      addresses (store_redirect_put).
 * Every record goes through import_ids with a digest of what it became:
 * read again unchanged, it is counted unchanged and nothing is written.
 *
 * Categories with --categories sections: a post's first category's
 * top-level ancestor is its section, and every category below a top
 * level (and any other category it is in) becomes a tag, so nothing of
 * the tree is lost.  With --categories tags every category is a tag and
 * posts go to the section "Articles".  Pages go to the section "Pages".
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "admin/admin.h"
#include "cli/cli.h"
#include "http/http.h"
#include "site/site.h"
#include "store/store.h"
#include "wxr.h"

#define ORIGIN		"wordpress"
#define BATCH		200		/* items a transaction */
#define DIGEST_HEX	(2 * 16 + 1)

/* A name in one of the maps (authors, categories, tags, attachments). */
struct entry {
	struct hnode	 node;
	char		*key;
	char		*name;		/* a category's or tag's name */
	char		*parent;	/* a category's parent's key */
	char		*slug;		/* a person's, a section's */
	char		*src;		/* an attachment's /media/ or URL */
	char		*caption, *alt;
	char		*term;		/* a category's wp:term_id, or NULL */
	int64_t		 id;		/* person, section; 0: none */
	int		 declared;
};

struct map {
	struct htab	 t;
};

struct imp {
	struct store		*st;
	const struct wxr_options *o;
	struct report		*rep;
	struct tz		*tz;
	struct site		 site;		/* for media_check/place */
	struct map		 people, cats, tags, atts, files, kids;
	int64_t			 sec_articles, sec_pages;
	long			 sec_position;
	long			 items, done;
	int			 in_tx;
	char			 now_iso[TIME_ISO_LEN];
	char			 base[256];	/* the blog's path: "/blog" */
};

static int
entry_eq(const struct hnode *n, const void *key)
{
	return strcmp(((const struct entry *)(const void *)n)->key,
	    key) == 0;
}

static struct entry *
map_find(struct map *m, const char *key)
{
	return (struct entry *)(void *)htab_find(&m->t,
	    hash_bytes(key, strlen(key)), entry_eq, key);
}

/* The entry of key, made (zeroed) when new. */
static struct entry *
map_get(struct map *m, const char *key, int *made)
{
	struct entry *e;

	if ((e = map_find(m, key)) != NULL) {
		if (made != NULL)
			*made = 0;
		return e;
	}
	e = xcalloc(1, sizeof(*e));
	e->key = xstrdup(key);
	htab_insert(&m->t, &e->node, hash_bytes(key, strlen(key)));
	if (made != NULL)
		*made = 1;
	return e;
}

static int
entry_free(struct hnode *n, void *arg)
{
	struct entry *e = (struct entry *)(void *)n;

	(void)arg;
	free(e->key);
	free(e->name);
	free(e->parent);
	free(e->slug);
	free(e->src);
	free(e->caption);
	free(e->alt);
	free(e->term);
	free(e);
	return 1;
}

static void
map_init(struct map *m)
{
	htab_init(&m->t, 64, (size_t)1 << 22, 0);
}

static void
map_free(struct map *m)
{
	htab_walk(&m->t, entry_free, NULL);
	htab_free(&m->t);
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s != NULL ? xstrdup(s) : NULL;
}

/* The hex BLAKE2b digest of the NUL-separated strings, into out. */
static void
digest_of(char out[DIGEST_HEX], const char *const *v, size_t n)
{
	crypto_generichash_state s;
	unsigned char h[16];
	size_t i;

	crypto_generichash_init(&s, NULL, 0, sizeof(h));
	for (i = 0; i < n; i++)
		crypto_generichash_update(&s, (const unsigned char *)(v[i] !=
		    NULL ? v[i] : ""), strlen(v[i] != NULL ? v[i] : "") + 1);
	crypto_generichash_final(&s, h, sizeof(h));
	sodium_bin2hex(out, DIGEST_HEX, h, sizeof(h));
}

/*
 * What was made of (kind, source) before: *id and whether its digest is
 * digest (*same).  *id 0 when never imported.
 */
static enum err
seen(struct imp *im, const char *kind, const char *source,
    const char *digest, int64_t *id, int *same)
{
	struct store_import_id k = { ORIGIN, kind, source, 0, NULL, 0 };
	json_t *row = NULL;
	enum err rc;

	*id = 0;
	*same = 0;
	rc = store_import_id_get(im->st, &k, &row);
	if (rc == ERR_NOTFOUND)
		return ERR_OK;
	if (rc != ERR_OK)
		return rc;
	*id = json_integer_value(json_object_get(row, "local_id"));
	*same = digest != NULL && strcmp(json_string_value(json_object_get(
	    row, "digest")) != NULL ? json_string_value(json_object_get(row,
	    "digest")) : "", digest) == 0;
	json_decref(row);
	return ERR_OK;
}

static enum err
remember(struct imp *im, const char *kind, const char *source, int64_t id,
    const char *digest)
{
	struct store_import_id k = { ORIGIN, kind, source, id, digest,
	    im->o->now };

	return store_import_id_put(im->st, &k);
}

/* Keep an old address; counted as a redirect new or unchanged. */
static enum err
redirect(struct imp *im, struct arena *a, const char *target,
    int64_t article, const char *location)
{
	struct store_redirect r = { 0 };
	const char *key;
	int changed = 0;
	enum err rc;

	/* Under the blog's own path, when it had one. */
	target = arena_printf(a, "%s%s", im->base, target);
	if (req_target_key(a, target, &key) != ERR_OK) {
		report_note(im->rep, "redirects", 1, "old address not "
		    "readable", target);
		return ERR_OK;
	}
	r.path = key;
	r.article_id = article;
	r.location = location;
	r.origin = ORIGIN;
	r.at = im->o->now;
	if ((rc = store_redirect_put(im->st, &r, &changed)) != ERR_OK)
		return rc;
	report_count(im->rep, "redirects", changed ? REPORT_NEW :
	    REPORT_UNCHANGED);
	return ERR_OK;
}

/* The path and query of an absolute URL ("/2019/05/03/slug/"), or NULL. */
static const char *
url_path(const char *url)
{
	const char *p;

	if ((p = strstr(url, "://")) == NULL)
		return *url == '/' ? url : NULL;
	p += 3;
	p += strcspn(p, "/?#");
	if (*p == '\0')
		return NULL;
	return p;
}

/* The blog's path from its address (the channel's link), kept. */
static void
base_set(struct imp *im, const char *link)
{
	const char *p = url_path(link);
	size_t n;

	im->base[0] = '\0';
	if (p == NULL || *p != '/')
		return;
	n = strcspn(p, "?#");
	while (n > 0 && p[n - 1] == '/')
		n--;
	if (n < sizeof(im->base)) {
		memcpy(im->base, p, n);
		im->base[n] = '\0';
	}
}

/*
 * A login as a key: cleaned of stray characters (*dirty says if any
 * were), ASCII letters lowercased, as WordPress compares logins; in a.
 */
static const char *
login_key(struct arena *a, const char *raw, int *dirty)
{
	char *k;
	size_t i;

	k = arena_strdup(a, wxr_text(a, raw, strlen(raw), dirty));
	for (i = 0; k[i] != '\0'; i++)
		if (k[i] >= 'A' && k[i] <= 'Z')
			k[i] = (char)(k[i] - 'A' + 'a');
	return k;
}

/* A slug WordPress made, percent-decoded; NULL when not usable. */
static const char *
slug_decoded(struct arena *a, const char *s)
{
	char *d;
	size_t n, i;

	n = strlen(s);
	if (n == 0 || n > LIMIT_SLUG * 3)
		return NULL;
	d = arena_alloc(a, n + 1);
	if (url_decode(s, n, d, &n, 0) != ERR_OK || n == 0 ||
	    n > LIMIT_SLUG || utf8_line_problem(d) != NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (strchr("/?#%\\ \"'<>", d[i]) != NULL || (d[i] >= 'A' &&
		    d[i] <= 'Z'))
			return NULL;
	return d;
}

/* slug_make of a name, in a. */
static const char *
slug_of(struct arena *a, const char *name)
{
	struct buf b;
	const char *s;

	buf_init(&b, SLUG_MAX + 1);
	if (slug_make(&b, name, strlen(name)) != ERR_OK)
		s = "x";
	else
		s = arena_strndup(a, b.p, b.len);
	buf_free(&b);
	return s;
}

/*
 * A "YYYY-MM-DD HH:MM:SS" time, read as UTC (utc) or as the site's
 * wall clock: seconds since the epoch, or -1 when it is no time
 * ("0000-00-00 00:00:00", garbage, a day that does not exist).
 */
static int64_t
wp_time(struct imp *im, const char *s, int utc)
{
	int y, mo, d, h, mi, se, n = 0;
	int64_t days, t, out;
	int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi,
	    &se, &n) != 6 || s[n] != '\0' || y < 1 || mo < 1 || mo > 12 ||
	    d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || se > 60)
		return -1;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return -1;
	days = time_days(y, mo, d);
	t = days * 86400 + h * 3600 + mi * 60 + se;
	if (utc || im->tz == NULL)
		return t;
	if (tz_to_utc(im->tz, t, &out) != ERR_OK)
		return t;
	return out;
}

/* RSS's pubDate ("Fri, 03 May 2019 09:00:00 +0000"), or -1. */
static int64_t
rss_time(const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char mon[4], zone[8];
	int d, y, h, mi, se, m;
	const char *p;
	int64_t t;

	if ((p = strchr(s, ',')) != NULL)
		s = p + 1;
	if (sscanf(s, "%2d %3s %4d %2d:%2d:%2d %7s", &d, mon, &y, &h, &mi,
	    &se, zone) != 7 || (p = strstr(months, mon)) == NULL ||
	    strlen(mon) != 3 || (p - months) % 3 != 0 || d < 1 || d > 31 ||
	    y < 1 || h > 23 || mi > 59 || se > 60)
		return -1;
	m = (int)(p - months) / 3 + 1;
	t = time_days(y, m, d) * 86400 + h * 3600 + mi * 60 + se;
	if ((zone[0] == '+' || zone[0] == '-') && strlen(zone) == 5) {
		int off = ((zone[1] - '0') * 10 + (zone[2] - '0')) * 3600 +
		    ((zone[3] - '0') * 10 + (zone[4] - '0')) * 60;

		t += zone[0] == '+' ? -off : off;
	}
	return t;
}

static const char *
iso(struct arena *a, int64_t t)
{
	char buf[TIME_ISO_LEN];

	time_iso(t, TIME_ISO_SECONDS, buf);
	return arena_strdup(a, buf);
}

/*
 * s cut to at most max bytes at a space (else a character's start),
 * with an ellipsis, so that the editor takes it; s when it fits.
 */
static const char *
cut(struct arena *a, const char *s, size_t max)
{
	size_t n = strlen(s), k;

	if (n <= max)
		return s;
	k = max - 3;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	n = k;
	while (n > max / 2 && s[n] != ' ')
		n--;
	if (s[n] != ' ')
		n = k;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return arena_printf(a, "%.*s\xe2\x80\xa6", (int)n, s);
}

static enum err
tx_begin(struct imp *im)
{
	enum err rc;

	if (im->in_tx)
		return ERR_OK;
	if ((rc = store_begin(im->st)) == ERR_OK)
		im->in_tx = 1;
	return rc;
}

static enum err
tx_commit(struct imp *im)
{
	if (!im->in_tx)
		return ERR_OK;
	im->in_tx = 0;
	return store_commit(im->st);
}

/* ----- People ----- */

/* A slug of the kind free of others than except, made from base. */
static enum err
slug_free(struct imp *im, struct arena *a, enum store_slugged kind,
    const char *base, int64_t except, const char **out)
{
	struct buf b;
	enum err rc;

	buf_init(&b, LIMIT_SLUG + 1);
	if ((rc = buf_puts(&b, base)) == ERR_OK)
		rc = store_slug_unique(im->st, kind, except, &b);
	*out = arena_strndup(a, b.p != NULL ? b.p : base, b.len);
	buf_free(&b);
	return rc;
}

/*
 * The person of login (made or updated from the author's fields; when
 * name is NULL, a dc:creator not declared as an author).
 */
static enum err
person(struct imp *im, struct arena *a, const char *raw_login,
    const char *raw_name, const char *author_id, struct entry **out)
{
	struct store_person p = { 0 };
	struct entry *e;
	const char *login, *name, *slug, *v[2], *shown;
	char digest[DIGEST_HEX];
	int64_t id;
	int dirty, same, made;
	enum err rc;

	*out = NULL;
	shown = wxr_text(a, raw_login, strlen(raw_login), NULL);
	login = login_key(a, raw_login, &dirty);
	if (*login == '\0') {
		report_note(im->rep, "people", 1, "author without a login",
		    NULL);
		return ERR_OK;
	}
	if (dirty)
		report_note(im->rep, "people", 0, "login cleaned of stray "
		    "characters", shown);
	e = map_find(&im->people, login);
	if (e != NULL && (raw_name == NULL || e->declared))
		goto done;
	name = shown;
	if (raw_name != NULL && *raw_name != '\0') {
		name = wxr_text(a, raw_name, strlen(raw_name), &dirty);
		if (dirty)
			report_note(im->rep, "people", 0, "name cleaned of "
			    "stray characters (HTML, control characters, "
			    "blanks)", name);
		if (*name == '\0')
			name = shown;
	} else if (raw_name == NULL)
		report_note(im->rep, "people", 0, "author not declared in "
		    "the file, made from dc:creator", shown);
	v[0] = login;
	v[1] = name;
	digest_of(digest, v, 2);
	if ((rc = seen(im, "person", login, digest, &id, &same)) != ERR_OK)
		return rc;
	if (id != 0 && same) {
		report_count(im->rep, "people", REPORT_UNCHANGED);
	} else {
		if ((rc = slug_free(im, a, STORE_SLUG_PERSON, slug_of(a,
		    login), id, &slug)) != ERR_OK)
			return rc;
		p.id = id;
		p.slug = slug;
		p.name = name;
		p.bio = p.photo = p.affiliation = p.role = "";
		if (id != 0) {
			json_t *row = NULL;

			/* Keep what an editor wrote since. */
			if ((rc = store_person_by_id(im->st, id, &row)) ==
			    ERR_OK) {
				p.slug = arena_strdup(a, json_string_value(
				    json_object_get(row, "slug")));
				p.bio = arena_strdup(a, json_string_value(
				    json_object_get(row, "bio")));
				p.photo = arena_strdup(a, json_string_value(
				    json_object_get(row, "photo")));
				p.affiliation = arena_strdup(a,
				    json_string_value(json_object_get(row,
				    "affiliation")));
				p.role = arena_strdup(a, json_string_value(
				    json_object_get(row, "role")));
				p.staff = json_is_true(json_object_get(row,
				    "staff"));
				json_decref(row);
			} else if (rc == ERR_NOTFOUND)
				p.id = 0;	/* deleted since: again */
			else
				return rc;
		}
		if ((rc = store_person_save(im->st, &p, &id)) != ERR_OK ||
		    (rc = remember(im, "person", login, id, digest)) !=
		    ERR_OK)
			return rc;
		report_count(im->rep, "people", p.id != 0 ? REPORT_CHANGED :
		    REPORT_NEW);
	}
	if (id == 0)
		return ERR_OK;
	e = map_get(&im->people, login, &made);
	e->id = id;
	e->declared = raw_name != NULL;
	{
		json_t *row = NULL;

		if ((rc = store_person_by_id(im->st, id, &row)) != ERR_OK)
			return rc;
		set_str(&e->slug, json_string_value(json_object_get(row,
		    "slug")));
		json_decref(row);
	}
	/* /author/<login>/ and /?author=ID: the author's page. */
	if ((rc = redirect(im, a, arena_printf(a, "/author/%s/",
	    slug_of(a, login)), 0, arena_printf(a, "/authors/%s",
	    e->slug))) != ERR_OK)
		return rc;
	if (*author_id != '\0' && (rc = redirect(im, a, arena_printf(a,
	    "/?author=%s", author_id), 0, arena_printf(a, "/authors/%s",
	    e->slug))) != ERR_OK)
		return rc;
done:
	*out = e;
	return ERR_OK;
}

/* ----- Sections ----- */

/*
 * The section of (slug, name): the one imported before under key, else
 * the journal's own of that slug, else a new one.
 */
static enum err
section(struct imp *im, struct arena *a, const char *key, const char *slug,
    const char *name, const char *desc, int64_t *out)
{
	struct store_section s = { 0 };
	const char *v[3];
	char digest[DIGEST_HEX];
	json_t *row = NULL;
	int64_t id;
	int same, taken = 0;
	enum err rc;

	v[0] = slug;
	v[1] = name;
	v[2] = desc;
	digest_of(digest, v, 3);
	if ((rc = seen(im, "category", key, digest, &id, &same)) != ERR_OK)
		return rc;
	if (id != 0 && same) {
		report_count(im->rep, "sections", REPORT_UNCHANGED);
		*out = id;
		return ERR_OK;
	}
	if (id != 0) {
		if ((rc = store_section_by_id(im->st, id, &row)) == ERR_OK) {
			s.position = (long)json_integer_value(json_object_get(
			    row, "position"));
			s.slug = arena_strdup(a, json_string_value(
			    json_object_get(row, "slug")));
			json_decref(row);
		} else if (rc == ERR_NOTFOUND)
			id = 0;
		else
			return rc;
	}
	if (id == 0) {
		if ((rc = store_slug_taken(im->st, STORE_SLUG_SECTION, slug, 0,
		    &taken)) != ERR_OK)
			return rc;
		if (taken) {
			/* The journal's own section of that slug: joined. */
			if ((rc = store_sections_page(im->st, &row)) !=
			    ERR_OK)
				return rc;
			{
				size_t i;
				json_t *it;

				json_array_foreach(row, i, it)
					if (strcmp(json_string_value(
					    json_object_get(it, "slug")),
					    slug) == 0)
						id = json_integer_value(
						    json_object_get(it, "id"));
			}
			json_decref(row);
			report_note(im->rep, "sections", 0, "category joined "
			    "the journal's section of the same address",
			    slug);
			report_count(im->rep, "sections", REPORT_UNCHANGED);
			*out = id;
			return remember(im, "category", key, id, digest);
		}
		s.slug = slug;
		s.position = ++im->sec_position;
	}
	s.id = id;
	s.name = name;
	s.description = desc;
	if ((rc = store_section_save(im->st, &s, &id)) != ERR_OK ||
	    (rc = remember(im, "category", key, id, digest)) != ERR_OK)
		return rc;
	report_count(im->rep, "sections", s.id != 0 ? REPORT_CHANGED :
	    REPORT_NEW);
	*out = id;
	return ERR_OK;
}

/* ----- Categories and tags ----- */

/* A category as the file declares it, or met in an item. */
static struct entry *
category(struct imp *im, struct arena *a, const char *nicename,
    const char *name, const char *parent, const char *term, int declared)
{
	struct entry *e;
	int made;

	if (*nicename == '\0')
		nicename = slug_of(a, name);
	e = map_get(&im->cats, nicename, &made);
	if (made || declared) {
		set_str(&e->name, cut(a, *name != '\0' ? wxr_text(a, name,
		    strlen(name), NULL) : nicename, LIMIT_NAME));
		set_str(&e->parent, parent);
		set_str(&e->term, *term != '\0' ? term : NULL);
		e->declared = declared;
		if (!declared)
			report_note(im->rep, "categories", 0, "category not "
			    "declared in the file, made", e->name);
	}
	return e;
}

/* The top-level ancestor of c (cycles cut). */
static struct entry *
category_root(struct imp *im, struct entry *c)
{
	struct entry *p;
	int hops;

	for (hops = 0; hops < 64 && c->parent != NULL && *c->parent != '\0';
	    hops++) {
		if ((p = map_find(&im->cats, c->parent)) == NULL)
			break;
		c = p;
	}
	return c;
}

/* The section a top-level category is (made when first needed). */
static enum err
category_section(struct imp *im, struct arena *a, struct entry *root,
    int64_t *id)
{
	const char *slug, *dec;
	enum err rc;

	if (root->id != 0) {
		*id = root->id;
		return ERR_OK;
	}
	dec = slug_decoded(a, root->key);
	slug = slug_of(a, dec != NULL ? dec : root->name);
	if ((rc = section(im, a, root->key, slug, root->name, "", id)) !=
	    ERR_OK)
		return rc;
	root->id = *id;
	set_str(&root->slug, slug);
	return ERR_OK;
}

/* The old address of a category (/category/parent/child/). */
static const char *
category_path(struct imp *im, struct arena *a, struct entry *c)
{
	const char *path = c->key;
	struct entry *p = c;
	int hops;

	for (hops = 0; hops < 64 && p->parent != NULL && *p->parent != '\0';
	    hops++) {
		if ((p = map_find(&im->cats, p->parent)) == NULL)
			break;
		path = arena_printf(a, "%s/%s", p->key, path);
	}
	return arena_printf(a, "/category/%s/", path);
}

/* ----- Attachments (pass 1) ----- */

/* The meta value of key in rec, or "". */
static const char *
meta(const struct wxr_record *rec, const char *key)
{
	size_t i;

	for (i = 0; i < rec->nmeta; i++)
		if (strcmp(rec->meta[i].key, key) == 0)
			return rec->meta[i].value;
	return "";
}

/* The part of an uploads URL after /uploads/, or NULL. */
static const char *
after_uploads(const char *url)
{
	const char *p;

	if ((p = strstr(url, "/uploads/")) == NULL)
		return NULL;
	return p + 9;
}

/* 1 if rel is a plain relative path (no "..", not absolute). */
static int
rel_ok(const char *rel)
{
	const char *p;

	if (*rel == '\0' || *rel == '/' || strlen(rel) > 1024)
		return 0;
	for (p = rel; *p != '\0'; p += strcspn(p, "/"), p += *p == '/')
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0'))
			return 0;
	return strchr(rel, '\\') == NULL;
}

/* BLAKE2b of a file's bytes, into out; ERR_IO. */
static enum err
file_digest(int fd, char out[DIGEST_HEX])
{
	crypto_generichash_state s;
	unsigned char h[16], buf[64 * 1024];
	ssize_t n;
	off_t off = 0;

	crypto_generichash_init(&s, NULL, 0, sizeof(h));
	while ((n = pread(fd, buf, sizeof(buf), off)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return ERR_IO;
		crypto_generichash_update(&s, buf, (size_t)n);
		off += n;
	}
	crypto_generichash_final(&s, h, sizeof(h));
	sodium_bin2hex(out, DIGEST_HEX, h, sizeof(h));
	return ERR_OK;
}

/*
 * The file of an attachment copied into the media folder and recorded,
 * as /admin/media does an upload: *name its stored name, or NULL with
 * the reason noted.
 */
static enum err
attachment_file(struct imp *im, struct arena *a, const char *id,
    const char *rel, const char *title, const char *alt, const char **name)
{
	struct upload u = { 0 };
	struct media_info mi;
	struct store_media m = { 0 };
	struct stat sb;
	const char *path, *v[4];
	char fdig[DIGEST_HEX], digest[DIGEST_HEX];
	json_t *row = NULL;
	int64_t mid, was;
	int same;
	enum err rc = ERR_OK;

	*name = NULL;
	if (im->o->uploads == NULL) {
		report_note(im->rep, "attachments", 1, "file not copied (no "
		    "--uploads folder given)", rel);
		return ERR_OK;
	}
	if (!rel_ok(rel)) {
		report_note(im->rep, "attachments", 1, "file path refused "
		    "(absolute, or with ..)", rel);
		return ERR_OK;
	}
	path = arena_printf(a, "%s/%s", im->o->uploads, rel);
	u.path = path;
	u.fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (u.fd == -1 || fstat(u.fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		report_note(im->rep, "attachments", 1, "file not found in "
		    "the uploads folder", rel);
		goto out;
	}
	u.size = (uint64_t)sb.st_size;
	if ((rc = file_digest(u.fd, fdig)) != ERR_OK)
		goto out;
	v[0] = rel;
	v[1] = title;
	v[2] = alt;
	v[3] = fdig;
	digest_of(digest, v, 4);
	if ((rc = seen(im, "attachment", id, digest, &mid, &same)) != ERR_OK)
		goto out;
	if (mid != 0 && same && store_media_get(im->st, mid, NULL, &row) ==
	    ERR_OK) {
		*name = arena_strdup(a, json_string_value(json_object_get(row,
		    "name")));
		json_decref(row);
		report_count(im->rep, "attachments", REPORT_UNCHANGED);
		goto out;
	}
	switch ((rc = media_check(&im->site, &u, &mi))) {
	case ERR_OK:
		break;
	case ERR_LIMIT:
		report_note(im->rep, "attachments", 1, "file larger than "
		    "the uploads limit", rel);
		rc = ERR_OK;
		goto out;
	default:
		report_note(im->rep, "attachments", 1, "file not an image "
		    "or PDF Octavo keeps", rel);
		rc = ERR_OK;
		goto out;
	}
	m.name = media_name_new(a, mi.type);
	if ((rc = media_place(&im->site, a, &u, m.name)) != ERR_OK)
		goto out;
	m.filename = arena_strdup(a, strrchr(rel, '/') != NULL ?
	    strrchr(rel, '/') + 1 : rel);
	m.type = media_mimes[mi.type];
	m.size = (int64_t)u.size;
	m.width = mi.width;
	m.height = mi.height;
	m.alt = alt;
	m.at = im->o->now;
	was = mid;
	if ((rc = store_media_add(im->st, &m, &mid)) != ERR_OK ||
	    (rc = remember(im, "attachment", id, mid, digest)) != ERR_OK) {
		media_remove(&im->site, a, m.name);
		goto out;
	}
	report_count(im->rep, "attachments", was != 0 ? REPORT_CHANGED :
	    REPORT_NEW);
	*name = m.name;
out:
	if (u.fd > 0)
		close(u.fd);
	return rc;
}

/* Pass 1's work on one item: an attachment remembered (and copied). */
static enum err
attachment(struct imp *im, struct arena *a, const struct wxr_record *rec)
{
	struct entry *e, *f, *k;
	const char *rel, *name, *alt, *key;
	enum err rc;

	rel = meta(rec, "_wp_attached_file");
	if (*rel == '\0' && (rel = after_uploads(rec->attachment_url)) ==
	    NULL)
		rel = "";
	alt = wxr_text(a, meta(rec, "_wp_attachment_image_alt"),
	    strlen(meta(rec, "_wp_attachment_image_alt")), NULL);
	if (*rec->post_id == '\0') {
		report_note(im->rep, "attachments", 1, "no wp:post_id", NULL);
		return ERR_OK;
	}
	if (*rel == '\0') {
		report_note(im->rep, "attachments", 1, "no file named",
		    rec->post_id);
		name = NULL;
	} else if ((rc = attachment_file(im, a, rec->post_id, rel,
	    rec->title, alt, &name)) != ERR_OK)
		return rc;
	e = map_get(&im->atts, rec->post_id, NULL);
	set_str(&e->src, name != NULL ? arena_printf(a, "/media/%s", name) :
	    rec->attachment_url);
	set_str(&e->caption, wxr_text(a, rec->excerpt, strlen(rec->excerpt),
	    NULL));
	set_str(&e->alt, alt);
	if (name != NULL) {
		f = map_get(&im->files, rel, NULL);
		set_str(&f->src, e->src);
	}
	if (*rec->post_parent != '\0' && strcmp(rec->post_parent, "0") !=
	    0) {
		key = arena_printf(a, "%s:%s", rec->post_parent, rec->post_id);
		k = map_get(&im->kids, key, NULL);
		set_str(&k->name, rec->post_id);
		set_str(&k->parent, rec->post_parent);
	}
	return ERR_OK;
}

/* ----- wxr_body's questions ----- */

static int
resolve_attachment(void *arg, const char *id, struct wxr_attachment *at)
{
	struct imp *im = arg;
	struct entry *e;

	if ((e = map_find(&im->atts, id)) == NULL || e->src == NULL)
		return 0;
	at->src = e->src;
	at->caption = e->caption != NULL ? e->caption : "";
	at->alt = e->alt != NULL ? e->alt : "";
	return 1;
}

struct kids_walk {
	const char	*post;
	struct arena	*a;
	const char	**ids;
	size_t		 n, cap;
};

/* htab_walk's visit: the ids of the post's attachments (none unlinked). */
static int
kid_visit(struct hnode *n, void *arg)
{
	struct entry *e = (struct entry *)(void *)n;
	struct kids_walk *w = arg;
	const char **grown;

	if (strcmp(e->parent, w->post) != 0 || w->n == 256)
		return 0;
	if (w->n == w->cap) {
		w->cap = w->cap == 0 ? 16 : w->cap * 2;
		grown = arena_alloc(w->a, w->cap * sizeof(*grown));
		if (w->n > 0)
			memcpy(grown, w->ids, w->n * sizeof(*grown));
		w->ids = grown;
	}
	w->ids[w->n++] = e->name;
	return 0;
}

/* A WordPress id's number, 0 when it is none. */
static long long
wp_id(const char *s)
{
	long long n = 0;

	if (str_to_ll(s, 0, INT64_MAX, &n) != ERR_OK)
		return 0;
	return n;
}

static int
id_cmp(const void *x, const void *y)
{
	long long a = wp_id(*(const char *const *)x), b = wp_id(
	    *(const char *const *)y);

	return (a > b) - (a < b);
}

static size_t
resolve_children(void *arg, const char *post, struct arena *a,
    const char ***ids)
{
	struct imp *im = arg;
	struct kids_walk w = { post, a, NULL, 0, 0 };

	htab_walk(&im->kids.t, kid_visit, &w);
	if (w.n > 1)
		qsort(w.ids, w.n, sizeof(*w.ids), id_cmp);
	*ids = w.ids;
	return w.n;
}

static const char *
resolve_upload(void *arg, const char *path, size_t n)
{
	struct imp *im = arg;
	struct entry *e;
	char key[1024];
	const char *dot, *x;
	size_t k;

	if (n >= sizeof(key))
		return NULL;
	memcpy(key, path, n);
	key[n] = '\0';
	if ((e = map_find(&im->files, key)) != NULL)
		return e->src;
	/* A size WordPress made of it: name-300x200.jpg. */
	if ((dot = strrchr(key, '.')) == NULL)
		return NULL;
	for (x = dot - 1; x > key && *x >= '0' && *x <= '9'; x--)
		;
	if (x == dot - 1 || *x != 'x')
		return NULL;
	for (x--; x > key && *x >= '0' && *x <= '9'; x--)
		;
	if (*x != '-' || x + 1 == strchr(x, 'x'))
		return NULL;
	k = (size_t)(x - key);
	memmove(key + k, dot, strlen(dot) + 1);
	if ((e = map_find(&im->files, key)) != NULL)
		return e->src;
	return NULL;
}

/* ----- Posts and pages ----- */


static const char *
comment_status(const char *approved)
{
	if (strcmp(approved, "1") == 0 || strcmp(approved, "approve") == 0)
		return "approved";
	if (strcmp(approved, "0") == 0 || strcmp(approved, "hold") == 0)
		return "pending";
	if (strcmp(approved, "spam") == 0)
		return "spam";
	return "trash";
}

static int
comment_cmp(const void *x, const void *y)
{
	const struct wxr_comment *a = x, *b = y;
	long long i = wp_id(a->id), j = wp_id(b->id);

	return (i > j) - (i < j);
}

/*
 * A comment's plain text: each paragraph (blank lines apart) through
 * wxr_text, the paragraphs kept apart by a blank line; in a.
 */
static const char *
comment_text(struct arena *a, const char *s)
{
	const char *p, *end, *t, *out;
	struct buf b;

	buf_init(&b, strlen(s) + 1);
	for (p = s; *p != '\0'; p = end) {
		if ((end = strstr(p, "\n\n")) == NULL)
			end = p + strlen(p);
		t = wxr_text(a, p, (size_t)(end - p), NULL);
		if (*t != '\0' && b.len > 0)
			buf_puts(&b, "\n\n");
		buf_puts(&b, t);
		while (*end == '\n')
			end++;
	}
	out = arena_strndup(a, b.p != NULL ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

/* The item's comments, kept hidden, replies pointing at their parent. */
static enum err
comments(struct imp *im, struct arena *a, struct wxr_record *rec,
    int64_t article)
{
	struct store_comment c;
	struct wxr_comment *w;
	int64_t *local, id, t, parent;
	const char *v[10], *text;
	char digest[DIGEST_HEX];
	size_t i, j;
	int same, was;
	enum err rc;

	if (rec->ncomments == 0)
		return ERR_OK;
	qsort(rec->comments, rec->ncomments, sizeof(*rec->comments),
	    comment_cmp);
	local = arena_alloc(a, rec->ncomments * sizeof(*local));
	for (i = 0; i < rec->ncomments; i++) {
		w = &rec->comments[i];
		if (*w->id == '\0') {
			report_note(im->rep, "comments", 1, "no "
			    "wp:comment_id", NULL);
			continue;
		}
		parent = 0;
		if (*w->parent != '\0' && strcmp(w->parent, "0") != 0) {
			for (j = 0; j < i; j++)
				if (strcmp(rec->comments[j].id, w->parent) ==
				    0)
					parent = local[j];
			if (parent == 0)
				report_note(im->rep, "comments", 0, "reply to "
				    "a comment not in its post, kept as a "
				    "comment", w->id);
		}
		if ((t = wp_time(im, w->date_gmt, 1)) < 0 &&
		    (t = wp_time(im, w->date, 0)) < 0) {
			report_note(im->rep, "comments", 0, "bad date, "
			    "dated as its post", w->id);
			t = 0;
		}
		text = comment_text(a, w->content);
		memset(&c, 0, sizeof(c));
		c.article_id = article;
		c.parent_id = parent;
		c.author_name = wxr_text(a, w->author, strlen(w->author),
		    NULL);
		c.author_email = w->email;
		c.author_url = w->url;
		c.body = text;
		c.created_at = t != 0 ? iso(a, t) : im->now_iso;
		c.status = comment_status(w->approved);
		c.origin = ORIGIN;
		v[0] = c.author_name;
		v[1] = c.author_email;
		v[2] = c.author_url;
		v[3] = c.body;
		v[4] = c.created_at;
		v[5] = c.status;
		v[6] = arena_printf(a, "%lld %lld", (long long)article,
		    (long long)parent);
		digest_of(digest, v, 7);
		if ((rc = seen(im, "comment", w->id, digest, &id, &same)) !=
		    ERR_OK)
			return rc;
		if (id != 0 && same) {
			report_count(im->rep, "comments", REPORT_UNCHANGED);
			local[i] = id;
			continue;
		}
		was = id != 0;
		if ((rc = store_comment_put(im->st, &c, &id)) != ERR_OK ||
		    (rc = remember(im, "comment", w->id, id, digest)) !=
		    ERR_OK)
			return rc;
		report_count(im->rep, "comments", was ? REPORT_CHANGED :
		    REPORT_NEW);
		local[i] = id;
	}
	return ERR_OK;
}

/* What html_clean dropped, noted by name. */
static void
clean_notes(struct imp *im, struct arena *a, const char *kind,
    const char *id, const struct html_clean_report *cr)
{
	size_t i;

	for (i = 0; i < cr->nnames; i++)
		report_note(im->rep, kind, 0, strcmp(cr->names[i],
		    "attribute") == 0 ? "event attribute dropped from a "
		    "body" : arena_printf(a, "<%s> dropped from a body",
		    cr->names[i]), id);
}

struct article_in {
	const char	*kind;		/* "posts", "pages" */
	const char	*title, *slug, *dek, *body, *status;
	const char	*published_at;
	int		 dated;		/* published_at read from the file */
	int64_t		 section;
	int64_t		 author;
	const char	**tags;
	size_t		 ntags;
	json_t		*extra;
};

/* Add name to the item's tags (no duplicate). */
static void
tag_add(struct arena *a, struct article_in *in, const char *name)
{
	const char **grown;
	size_t i;

	if (*name == '\0' || in->ntags >= 256)
		return;
	for (i = 0; i < in->ntags; i++)
		if (strcmp(in->tags[i], name) == 0)
			return;
	grown = arena_alloc(a, (in->ntags + 1) * sizeof(*grown));
	if (in->ntags > 0)
		memcpy(grown, in->tags, in->ntags * sizeof(*grown));
	grown[in->ntags++] = name;
	in->tags = grown;
}

/* The section and tags an item's categories and tags give. */
static enum err
terms(struct imp *im, struct arena *a, const struct wxr_record *rec,
    struct article_in *in)
{
	struct entry *c, *root, *p, *t, *first = NULL;
	const struct wxr_term *w;
	size_t i;
	int made, hops;
	enum err rc;

	for (i = 0; i < rec->nterms; i++) {
		w = &rec->terms[i];
		if (strcmp(w->domain, "post_tag") == 0 || strcmp(w->domain,
		    "tag") == 0) {
			const char *name = cut(a, wxr_text(a, w->name,
			    strlen(w->name), NULL), LIMIT_NAME);
			const char *key = *w->nicename != '\0' ? w->nicename :
			    slug_of(a, name);

			t = map_get(&im->tags, key, &made);
			if (made) {
				set_str(&t->name, name);
				report_note(im->rep, "tags", 0, "tag not "
				    "declared in the file, made", name);
			}
			tag_add(a, in, t->name);
			continue;
		}
		if (strcmp(w->domain, "category") != 0 || *w->name == '\0')
			continue;
		if (strcmp(rec->post_type, "page") == 0)
			continue;
		c = map_find(&im->cats, *w->nicename != '\0' ? w->nicename :
		    slug_of(a, w->name));
		if (c == NULL)
			c = category(im, a, w->nicename, w->name, "", "", 0);
		if (im->o->categories == WXR_CAT_TAGS) {
			tag_add(a, in, c->name);
			continue;
		}
		root = category_root(im, c);
		if (first == NULL) {
			first = root;
			if ((rc = category_section(im, a, root,
			    &in->section)) != ERR_OK)
				return rc;
		} else if (root != first)
			tag_add(a, in, root->name);
		/* Every level below the top: a tag. */
		for (p = c, hops = 0; p != root && p != NULL && hops < 64;
		    hops++) {
			tag_add(a, in, p->name);
			p = p->parent != NULL ? map_find(&im->cats, p->parent) :
			    NULL;
		}
	}
	return ERR_OK;
}


/* The article's slug: WordPress's, numbered if another has it. */
static enum err
article_slug(struct imp *im, struct arena *a, const struct wxr_record *rec,
    const char *title, int64_t id, const char **out)
{
	const char *s;
	struct buf b;
	int taken = 0;
	enum err rc;

	if ((s = slug_decoded(a, rec->post_name)) == NULL) {
		if (*rec->post_name != '\0')
			report_note(im->rep, "posts", 0, "slug not usable, "
			    "made from the title", rec->post_name);
		s = slug_of(a, title);
	}
	if ((rc = store_slug_taken(im->st, STORE_SLUG_ARTICLE, s, id,
	    &taken)) != ERR_OK || !taken) {
		*out = s;
		return rc;
	}
	buf_init(&b, LIMIT_SLUG + 1);
	if ((rc = buf_puts(&b, s)) == ERR_OK)
		rc = store_slug_unique(im->st, STORE_SLUG_ARTICLE, id, &b);
	if (rc == ERR_OK) {
		report_note(im->rep, "posts", 0, "slug taken by another "
		    "article, numbered", arena_printf(a, "%s -> %s", s, b.p));
		*out = arena_strndup(a, b.p, b.len);
	}
	buf_free(&b);
	return rc;
}

/* The article saved: new, or an update of id. */
static enum err
article_store(struct imp *im, struct arena *a, struct article_in *in,
    int64_t *id, int64_t person)
{
	struct store_article_edit e = { 0 };
	json_t *row = NULL;
	int64_t version = 0;
	char *extra;
	enum err rc;

	if (*id != 0) {
		rc = store_article_edit_get(im->st, *id, &row);
		if (rc == ERR_NOTFOUND)
			*id = 0;	/* deleted here since: again */
		else if (rc != ERR_OK)
			return rc;
		else {
			e.version = json_integer_value(json_object_get(row,
			    "version"));
			if (!in->dated)
				in->published_at = arena_strdup(a,
				    json_string_value(json_object_get(row,
				    "published_at")));
			json_decref(row);
		}
	}
	e.id = *id;
	e.slug = in->slug;
	e.title = in->title;
	e.dek = in->dek;
	e.body = in->body;
	e.body_format = "html";
	e.section_id = in->section;
	e.authors = person != 0 ? &person : NULL;
	e.nauthors = person != 0;
	e.tags = in->tags;
	e.ntags = in->ntags;
	e.status = in->status;
	e.published_at = in->published_at;
	e.now = im->now_iso;
	e.who = "import wordpress";
	e.note = "imported from WordPress";
	if ((rc = store_article_save(im->st, &e, id, &version)) != ERR_OK ||
	    (rc = report_suggest(im->rep, im->st, *id, &e)) != ERR_OK)
		return rc;
	extra = json_dumps(in->extra, JSON_COMPACT | JSON_SORT_KEYS);
	rc = store_article_extra_set(im->st, *id, extra, NULL);
	free(extra);
	return rc;
}

/* One post or page. */
static enum err
post(struct imp *im, struct arena *a, struct wxr_record *rec)
{
	struct article_in in = { 0 };
	struct html_clean_report cr;
	struct wxr_body_report br = { 0 };
	struct wxr_resolve res = { im, resolve_attachment, resolve_children,
	    resolve_upload };
	struct entry *author = NULL;
	struct buf body, clean, tb;
	const char *v[12], *more, *path, *login;
	char digest[DIGEST_HEX], *tags;
	int64_t id, t;
	int dirty, same, page;
	size_t i;
	json_t *wp;
	enum err rc;

	page = strcmp(rec->post_type, "page") == 0;
	in.kind = page ? "pages" : "posts";
	if (*rec->post_id == '\0') {
		report_note(im->rep, in.kind, 1, "no wp:post_id", rec->title);
		return ERR_OK;
	}
	if (rec->too_long) {
		report_note(im->rep, in.kind, 1, "a field or list past the "
		    "reader's limits", rec->post_id);
		return ERR_OK;
	}
	wp = json_object();
	in.extra = json_pack("{s:o}", "wordpress", wp);
	json_object_set_new(wp, "id", json_integer(wp_id(rec->post_id)));
	if (page)
		json_object_set_new(wp, "type", json_string("page"));
	/* Status. */
	if (strcmp(rec->status, "publish") == 0)
		in.status = "published";
	else if (strcmp(rec->status, "future") == 0)
		in.status = "scheduled";
	else if (strcmp(rec->status, "draft") == 0 || strcmp(rec->status,
	    "pending") == 0)
		in.status = "draft";
	else if (strcmp(rec->status, "private") == 0) {
		in.status = "draft";
		json_object_set_new(wp, "private", json_true());
	} else {
		report_note(im->rep, in.kind, 1, *rec->status == '\0' ?
		    "no status" : arena_printf(a, "status %s not imported",
		    rec->status), rec->post_id);
		rc = ERR_OK;
		goto out;
	}
	if (*rec->password != '\0') {
		/* Never published openly; the password is not kept. */
		in.status = "draft";
		json_object_set_new(wp, "password_protected", json_true());
		report_note(im->rep, in.kind, 0, "password-protected, "
		    "imported as a draft", rec->post_id);
	}
	if (strcmp(rec->is_sticky, "1") == 0 || strcmp(meta(rec, "_sticky"),
	    "1") == 0)
		json_object_set_new(wp, "sticky", json_true());
	if (strcmp(rec->status, "pending") == 0)
		json_object_set_new(wp, "pending", json_true());
	/* Title. */
	in.title = wxr_text(a, rec->title, strlen(rec->title), &dirty);
	if (dirty)
		report_note(im->rep, in.kind, 0, "title cleaned of HTML or "
		    "stray characters", in.title);
	if (strlen(in.title) > ARTICLE_TITLE_MAX) {
		in.title = cut(a, in.title, ARTICLE_TITLE_MAX);
		report_note(im->rep, in.kind, 0, "title cut to the editor's "
		    "300 bytes", rec->post_id);
	}
	if (*in.title == '\0') {
		in.title = "(untitled)";
		report_note(im->rep, in.kind, 0, "empty title, imported as "
		    "\"(untitled)\"", rec->post_id);
	}
	/* Date. */
	in.dated = 1;
	if ((t = wp_time(im, rec->post_date_gmt, 1)) < 0 &&
	    (t = wp_time(im, rec->post_date, 0)) < 0 &&
	    (t = rss_time(rec->pub_date)) < 0) {
		if (strcmp(in.status, "draft") != 0) {
			report_note(im->rep, in.kind, 1, "no valid date",
			    rec->post_id);
			rc = ERR_OK;
			goto out;
		}
		in.dated = 0;
		t = im->o->now;
	} else if (wp_time(im, rec->post_date_gmt, 1) < 0 &&
	    *rec->post_date_gmt != '\0' && strncmp(rec->post_date_gmt,
	    "0000-00-00", 10) != 0)
		report_note(im->rep, in.kind, 0, "bad wp:post_date_gmt, "
		    "another date used", rec->post_date_gmt);
	in.published_at = iso(a, t);
	/* Author. */
	if (*rec->creator != '\0') {
		login = login_key(a, rec->creator, NULL);
		if ((author = map_find(&im->people, login)) == NULL &&
		    (rc = person(im, a, rec->creator, NULL, "", &author)) !=
		    ERR_OK)
			goto out;
	}
	/* Section and tags. */
	if (page && im->sec_pages == 0 && (rc = section(im, a, "(pages)",
	    "pages", "Pages", "", &im->sec_pages)) != ERR_OK)
		goto out;
	in.section = page ? im->sec_pages : im->sec_articles;
	if ((rc = terms(im, a, rec, &in)) != ERR_OK)
		goto out;
	if (in.section == 0) {
		if ((rc = section(im, a, "(articles)", "articles",
		    "Articles", "", &im->sec_articles)) != ERR_OK)
			goto out;
		in.section = im->sec_articles;
	}
	/* Body. */
	buf_init(&body, LIMIT_BODY_MD * 4);
	buf_init(&clean, LIMIT_BODY_MD * 4);
	memset(&cr, 0, sizeof(cr));
	if ((rc = wxr_body(&body, rec->content, strlen(rec->content),
	    rec->post_id, &res, &br)) == ERR_OK)
		rc = html_clean(&clean, body.p != NULL ? body.p : "", body.len,
		    NULL, &cr);
	buf_free(&body);
	if (rc != ERR_OK) {
		buf_free(&clean);
		report_note(im->rep, in.kind, 1, rc == ERR_LIMIT ? "body too "
		    "long" : "body not UTF-8", rec->post_id);
		rc = ERR_OK;
		goto out;
	}
	in.body = arena_strndup(a, clean.p != NULL ? clean.p : "",
	    clean.len);
	buf_free(&clean);
	clean_notes(im, a, in.kind, rec->post_id, &cr);
	for (i = 0; i < br.nleft; i++)
		while (br.left[i].count-- > 0)
			report_note(im->rep, "shortcodes", 0, arena_printf(a,
			    "[%s] not converted, left as text",
			    br.left[i].name), rec->post_id);
	while (br.captions-- > 0)
		report_note(im->rep, "shortcodes", 0, "[caption] made a "
		    "figure", NULL);
	while (br.galleries-- > 0)
		report_note(im->rep, "shortcodes", 0, "[gallery] made "
		    "figures", NULL);
	while (br.embeds-- > 0)
		report_note(im->rep, "shortcodes", 0, "[embed] or a URL on "
		    "its own line made a link", NULL);
	/* Dek: the excerpt, else what comes before <!--more-->. */
	in.dek = wxr_text(a, rec->excerpt, strlen(rec->excerpt), NULL);
	if (*in.dek == '\0' && (more = wxr_more(a, rec->content)) != NULL)
		in.dek = wxr_text(a, more, strlen(more), NULL);
	if (strlen(in.dek) > ARTICLE_DEK_MAX) {
		in.dek = cut(a, in.dek, ARTICLE_DEK_MAX);
		report_note(im->rep, in.kind, 0, "dek cut to the editor's "
		    "1,000 bytes", rec->post_id);
	}
	/* What it was before, and its digest now. */
	if ((rc = seen(im, in.kind, rec->post_id, NULL, &id, &same)) !=
	    ERR_OK || (rc = article_slug(im, a, rec, in.title, id,
	    &in.slug)) != ERR_OK)
		goto out;
	buf_init(&tb, (size_t)-1 / 2);
	for (i = 0; i < in.ntags; i++) {
		buf_puts(&tb, in.tags[i]);
		buf_putc(&tb, '\n');
	}
	tags = arena_strndup(a, tb.p != NULL ? tb.p : "", tb.len);
	buf_free(&tb);
	v[0] = in.title;
	v[1] = in.slug;
	v[2] = in.dek;
	v[3] = in.body;
	v[4] = in.status;
	v[5] = in.dated ? in.published_at : "";
	v[6] = arena_printf(a, "%lld %lld", (long long)in.section,
	    (long long)(author != NULL ? author->id : 0));
	v[7] = tags;
	{
		char *x = json_dumps(in.extra, JSON_COMPACT | JSON_SORT_KEYS);

		v[8] = arena_strdup(a, x);
		free(x);
	}
	digest_of(digest, v, 9);
	if ((rc = seen(im, in.kind, rec->post_id, digest, &id, &same)) !=
	    ERR_OK)
		goto out;
	if (id != 0 && same)
		report_count(im->rep, in.kind, REPORT_UNCHANGED);
	else {
		int was = id != 0;

		if ((rc = article_store(im, a, &in, &id, author != NULL ?
		    author->id : 0)) != ERR_OK || (rc = remember(im, in.kind,
		    rec->post_id, id, digest)) != ERR_OK)
			goto out;
		report_count(im->rep, in.kind, was ? REPORT_CHANGED :
		    REPORT_NEW);
	}
	/* Old addresses. */
	if ((rc = redirect(im, a, arena_printf(a, "/?p=%s", rec->post_id),
	    id, NULL)) != ERR_OK)
		goto out;
	if (page && (rc = redirect(im, a, arena_printf(a, "/?page_id=%s",
	    rec->post_id), id, NULL)) != ERR_OK)
		goto out;
	/* The permalink (under the blog's path), unless one of those. */
	if ((path = url_path(rec->link)) != NULL && *im->base != '\0' &&
	    strncmp(path, im->base, strlen(im->base)) == 0)
		path += strlen(im->base);
	if (path != NULL && *path != '\0' && strcmp(path, "/") != 0 &&
	    strcmp(path, arena_printf(a, "/?p=%s", rec->post_id)) != 0 &&
	    strcmp(path, arena_printf(a, "/?page_id=%s", rec->post_id)) !=
	    0 && (rc = redirect(im, a, path, id, NULL)) != ERR_OK)
		goto out;
	rc = comments(im, a, rec, id);
out:
	json_decref(in.extra);
	return rc;
}

/* ----- The passes ----- */

static enum err
open_failed(struct wxr_reader *r, enum err rc, const char **why,
    struct arena *a, const char *path)
{
	(void)r;
	*why = arena_printf(a, "%s: %s", path, rc == ERR_IO ? "cannot be "
	    "read" : "not a WordPress export");
	return rc;
}

/* Pass 1: attachments, and how many items there are. */
static enum err
pass_attachments(struct imp *im, struct arena *top, const char **why)
{
	struct wxr_reader *r = NULL;
	struct wxr_record rec;
	struct arena *a;
	enum err rc;

	if ((rc = wxr_open_file(im->o->path, &r)) != ERR_OK)
		return open_failed(r, rc, why, top, im->o->path);
	a = arena_new();
	while ((rc = wxr_next(r, a, &rec)) == ERR_OK) {
		if (rec.kind == WXR_ITEM) {
			im->items++;
			if (strcmp(rec.post_type, "attachment") == 0) {
				if ((rc = tx_begin(im)) != ERR_OK ||
				    (rc = attachment(im, a, &rec)) != ERR_OK)
					break;
				if (im->items % BATCH == 0 &&
				    (rc = tx_commit(im)) != ERR_OK)
					break;
			}
		}
		arena_free(a);
		a = arena_new();
	}
	if (rc == ERR_PARSE)
		*why = arena_printf(top, "%s: %s", im->o->path, wxr_error(r));
	if (rc == ERR_NOTFOUND)
		rc = tx_commit(im);
	arena_free(a);
	wxr_close(r);
	return rc;
}

/* The redirects of every category, once all are known. */
static enum err
category_redirects(struct imp *im, struct arena *a)
{
	struct hnode *n;
	struct entry *c, *root;
	const char *loc, *slug;
	size_t b;
	enum err rc;

	for (b = 0; b < im->cats.t.nbucket; b++)
		for (n = im->cats.t.bucket[b]; n != NULL; n = n->next) {
			c = (struct entry *)(void *)n;
			root = category_root(im, c);
			if (im->o->categories == WXR_CAT_SECTIONS &&
			    root == c) {
				if (c->id == 0 && (rc = category_section(im, a,
				    c, &c->id)) != ERR_OK)
					return rc;
				loc = arena_printf(a, "/sections/%s", c->slug);
			} else {
				slug = slug_of(a, c->name);
				loc = arena_printf(a, "/tags/%s", slug);
			}
			if ((rc = redirect(im, a, category_path(im, a, c), 0,
			    loc)) != ERR_OK || (c->term != NULL &&
			    (rc = redirect(im, a, arena_printf(a, "/?cat=%s",
			    c->term), 0, loc)) != ERR_OK))
				return rc;
		}
	for (b = 0; b < im->tags.t.nbucket; b++)
		for (n = im->tags.t.bucket[b]; n != NULL; n = n->next) {
			c = (struct entry *)(void *)n;
			loc = arena_printf(a, "/tags/%s", slug_of(a, c->name));
			if ((rc = redirect(im, a, arena_printf(a, "/tag/%s/",
			    c->key), 0, loc)) != ERR_OK || (rc = redirect(im, a,
			    arena_printf(a, "/?tag=%s", c->key), 0, loc)) !=
			    ERR_OK)
				return rc;
		}
	return ERR_OK;
}

/* Pass 2: everything else. */
static enum err
pass_content(struct imp *im, struct arena *top, const char **why)
{
	struct wxr_reader *r = NULL;
	struct wxr_record rec;
	struct progress pr;
	struct arena *a;
	struct entry *e, *ignored;
	enum err rc;

	if ((rc = wxr_open_file(im->o->path, &r)) != ERR_OK)
		return open_failed(r, rc, why, top, im->o->path);
	if (im->o->progress != NULL)
		progress_begin(&pr, im->o->progress, "items", im->items);
	a = arena_new();
	while ((rc = wxr_next(r, a, &rec)) == ERR_OK) {
		if ((rc = tx_begin(im)) != ERR_OK)
			break;
		switch (rec.kind) {
		case WXR_SITE:
			base_set(im, rec.link);
			report_note(im->rep, "file", 0, arena_printf(a,
			    "WXR %s", *rec.version != '\0' ? rec.version :
			    *wxr_version(r) != '\0' ? wxr_version(r) :
			    "(no version)"), *rec.title != '\0' ? rec.title :
			    NULL);
			break;
		case WXR_AUTHOR:
			rc = person(im, a, rec.login, *rec.display_name !=
			    '\0' || (*rec.first_name == '\0' &&
			    *rec.last_name == '\0') ? rec.display_name :
			    arena_printf(a, "%s %s", rec.first_name,
			    rec.last_name), rec.author_id, &ignored);
			break;
		case WXR_CATEGORY:
			category(im, a, rec.nicename, rec.name, rec.parent,
			    rec.term_id, 1);
			break;
		case WXR_TAG:
			e = map_get(&im->tags, *rec.nicename != '\0' ?
			    rec.nicename : slug_of(a, rec.name), NULL);
			set_str(&e->name, cut(a, wxr_text(a, rec.name,
			    strlen(rec.name), NULL), LIMIT_NAME));
			e->declared = 1;
			break;
		case WXR_ITEM:
			im->done++;
			if (strcmp(rec.post_type, "post") == 0 ||
			    strcmp(rec.post_type, "page") == 0)
				rc = post(im, a, &rec);
			else if (strcmp(rec.post_type, "attachment") != 0)
				report_note(im->rep, "other items", 1,
				    arena_printf(a, "post type %s not "
				    "imported", *rec.post_type != '\0' ?
				    rec.post_type : "(none)"), rec.post_id);
			if (im->o->progress != NULL)
				progress_set(&pr, im->done);
			if (rc == ERR_OK && im->done % BATCH == 0)
				rc = tx_commit(im);
			break;
		default:
			break;
		}
		arena_free(a);
		a = arena_new();
		if (rc != ERR_OK)
			break;
	}
	if (rc == ERR_PARSE)
		*why = arena_printf(top, "%s: %s", im->o->path, wxr_error(r));
	if (rc == ERR_NOTFOUND && (rc = tx_begin(im)) == ERR_OK &&
	    (rc = category_redirects(im, a)) == ERR_OK)
		rc = tx_commit(im);
	if (im->o->progress != NULL)
		progress_end(&pr);
	arena_free(a);
	wxr_close(r);
	return rc;
}

enum err
wxr_import(struct store *st, const struct wxr_options *o, struct report *rep,
    struct arena *a, const char **why)
{
	struct imp im;
	json_t *secs = NULL;
	enum err rc;

	*why = NULL;
	memset(&im, 0, sizeof(im));
	im.st = st;
	im.o = o;
	im.rep = rep;
	im.site.media_dir = (char *)o->media_dir;
	im.site.upload_max = MEDIA_UPLOAD_DEFAULT * 10;
	time_iso(o->now, TIME_ISO_SECONDS, im.now_iso);
	map_init(&im.people);
	map_init(&im.cats);
	map_init(&im.tags);
	map_init(&im.atts);
	map_init(&im.files);
	map_init(&im.kids);
	if (o->timezone != NULL && (rc = tz_open(o->timezone, &im.tz)) !=
	    ERR_OK) {
		*why = arena_printf(a, "unknown time zone %s", o->timezone);
		rc = ERR_INVAL;
		goto out;
	}
	if ((rc = store_sections_page(st, &secs)) != ERR_OK)
		goto out;
	im.sec_position = (long)json_array_size(secs);
	json_decref(secs);
	if ((rc = pass_attachments(&im, a, why)) == ERR_OK)
		rc = pass_content(&im, a, why);
out:
	if (im.in_tx)
		store_rollback(st);
	map_free(&im.people);
	map_free(&im.cats);
	map_free(&im.tags);
	map_free(&im.atts);
	map_free(&im.files);
	map_free(&im.kids);
	tz_free(im.tz);
	return rc;
}
