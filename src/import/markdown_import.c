/*
 * markdown_import: "octavo import markdown DIR", a Hugo or Jekyll site's
 * posts as articles.  The folder decides the layout: _posts (and
 * _drafts) for Jekyll, content/ for Hugo, else DIR itself holds the
 * files.  Each .md, .markdown or .html file with front matter (YAML,
 * TOML or JSON: frontmatter.c) becomes one article; its fields map as
 * docs/design.md lists (title, date, lastmod, draft, slug, section or
 * categories, author or authors, tags, countries, issue, description or
 * summary, aliases, markup), its aliases become old addresses answered
 * with a 301.  import_ids keys each file by its path under DIR with a
 * digest of its bytes: a run over the same folder changes nothing, a
 * changed file updates its article.  Files are read in sorted order
 * and each capped at LIMIT_IMPORT_FILE; a file that cannot be read as
 * an article is skipped with its reason in the report.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "http/http.h"
#include "import/port.h"
#include "site/site.h"
#include "util/limits.h"

#define MD_ORIGIN	"markdown"
#define MD_KIND		"file"
#define MD_WHO		"octavo import markdown"

struct md_in {
	struct store	*st;
	struct report	 rep;
	json_t		*sections;	/* "n:" name or "s:" slug -> id */
	json_t		*people;	/* name -> id */
	json_t		*issues;	/* number -> id */
	json_t		*countries;	/* code -> true */
	int64_t		 now;
	char		 now_iso[21];
};

/* ---- the files ---- */

static int
md_ext(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot != NULL && (strcmp(dot, ".md") == 0 || strcmp(dot,
	    ".markdown") == 0 || strcmp(dot, ".mdown") == 0 || strcmp(dot,
	    ".html") == 0);
}

/* Every content file under base/rel, as paths relative to base. */
static void
walk(const char *base, const char *rel, int depth, json_t *out)
{
	char path[4096], sub[2048];
	struct dirent *de;
	struct stat sb;
	DIR *d;

	if (depth > PORT_DEPTH)
		return;
	snprintf(path, sizeof(path), "%s/%s", base, rel);
	if ((d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s%s%s", rel,
		    *rel != '\0' ? "/" : "", de->d_name) >= sizeof(sub))
			continue;
		snprintf(path, sizeof(path), "%s/%s", base, sub);
		if (lstat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode))
			walk(base, sub, depth + 1, out);
		else if (S_ISREG(sb.st_mode) && md_ext(de->d_name))
			json_array_append_new(out, json_string(sub));
	}
	closedir(d);
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(json_string_value(*(json_t *const *)a),
	    json_string_value(*(json_t *const *)b));
}

static int
is_dir(const char *dir, const char *sub)
{
	char path[4096];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The site's files, sorted; *kind says which layout was found. */
static json_t *
site_files(const char *dir, const char **kind)
{
	json_t *all = json_array(), *sorted = json_array(), *v;
	json_t **tmp;
	size_t i, n;

	if (is_dir(dir, "_posts")) {
		*kind = "Jekyll";
		walk(dir, "_posts", 0, all);
		if (is_dir(dir, "_drafts"))
			walk(dir, "_drafts", 0, all);
	} else if (is_dir(dir, "content")) {
		*kind = "Hugo";
		walk(dir, "content", 0, all);
	} else {
		*kind = "content folder";
		walk(dir, "", 0, all);
	}
	n = json_array_size(all);
	tmp = xcalloc(n + 1, sizeof(*tmp));
	json_array_foreach(all, i, v)
		tmp[i] = v;
	qsort(tmp, n, sizeof(*tmp), path_cmp);
	for (i = 0; i < n; i++)
		json_array_append(sorted, tmp[i]);
	free(tmp);
	json_decref(all);
	return sorted;
}

/* ---- the journal's names ---- */

static enum err
names_record(void *arg, const char *list, json_t *rec)
{
	struct md_in *m = arg;
	json_t *id;
	char key[32];

	if (rec == NULL)
		return strcmp(list, "sections") == 0 || strcmp(list,
		    "people") == 0 || strcmp(list, "issues") == 0 ||
		    strcmp(list, "countries") == 0 ? ERR_OK : ERR_NOTFOUND;
	id = json_object_get(rec, "id");
	if (strcmp(list, "countries") == 0) {
		json_object_set_new(m->countries, json_string_value(
		    json_object_get(rec, "code")), json_true());
	} else if (strcmp(list, "issues") == 0) {
		snprintf(key, sizeof(key), "%lld", (long long)
		    json_integer_value(json_object_get(rec, "number")));
		json_object_set(m->issues, key, id);
	} else if (strcmp(list, "people") == 0) {
		json_object_set(m->people, json_string_value(
		    json_object_get(rec, "name")), id);
	} else {
		json_object_set(m->sections, json_string_value(json_object_get(
		    rec, "name")), id);
		json_object_set(m->sections, json_string_value(json_object_get(
		    rec, "slug")), id);
	}
	return ERR_OK;
}

/* A slug for text in b, free among the kind's rows but except's. */
static enum err
claim(struct buf *b, const char *text, enum store_slugged kind,
    int64_t except, struct md_in *m)
{
	char *copy = xstrdup(text);	/* text may be b's own */
	enum err rc;

	if ((rc = slug_make(b, copy, strlen(copy))) == ERR_OK)
		rc = store_slug_unique(m->st, kind, except, b);
	free(copy);
	return rc;
}

static enum err
person_id(struct md_in *m, const char *name, int64_t *id)
{
	struct store_person p;
	struct buf b;
	json_t *v;
	enum err rc;

	if ((v = json_object_get(m->people, name)) != NULL) {
		*id = json_integer_value(v);
		return ERR_OK;
	}
	buf_init(&b, LIMIT_SLUG);
	memset(&p, 0, sizeof(p));
	if ((rc = claim(&b, name, STORE_SLUG_PERSON, 0, m)) == ERR_OK) {
		p.slug = b.p;
		p.name = name;
		p.bio = p.photo = p.affiliation = p.role = "";
		if ((rc = store_person_save(m->st, &p, id)) == ERR_OK) {
			json_object_set_new(m->people, name,
			    json_integer(*id));
			report_count(&m->rep, "people", REPORT_NEW);
		}
	}
	buf_free(&b);
	return rc;
}

static enum err
section_id(struct md_in *m, const char *name, int64_t *id)
{
	struct store_section s;
	struct buf b;
	json_t *v;
	enum err rc;

	if ((v = json_object_get(m->sections, name)) != NULL) {
		*id = json_integer_value(v);
		return ERR_OK;
	}
	buf_init(&b, LIMIT_SLUG);
	memset(&s, 0, sizeof(s));
	if ((rc = slug_make(&b, name, strlen(name))) == ERR_OK &&
	    (v = json_object_get(m->sections, b.p)) != NULL) {
		*id = json_integer_value(v);
		buf_free(&b);
		return ERR_OK;
	}
	if (rc == ERR_OK && (rc = store_slug_unique(m->st, STORE_SLUG_SECTION,
	    0, &b)) == ERR_OK) {
		s.slug = b.p;
		s.name = name;
		s.description = "";
		if ((rc = store_section_save(m->st, &s, id)) == ERR_OK) {
			json_object_set_new(m->sections, name,
			    json_integer(*id));
			json_object_set_new(m->sections, b.p,
			    json_integer(*id));
			report_count(&m->rep, "sections", REPORT_NEW);
		}
	}
	buf_free(&b);
	return rc;
}

/* ---- front matter's fields ---- */

/* A field as a list of strings: an array's strings, or one string. */
static json_t *
strings(json_t *v, int split_spaces)
{
	json_t *out = json_array(), *x;
	const char *s, *e;
	size_t i;

	if (json_is_string(v)) {
		s = json_string_value(v);
		if (!split_spaces) {
			if (*s != '\0')
				json_array_append(out, v);
			return out;
		}
		/* Jekyll's "categories: a b" is a list by spaces. */
		while (*s != '\0') {
			while (*s == ' ' || *s == ',')
				s++;
			for (e = s; *e != '\0' && *e != ' ' && *e != ','; e++)
				;
			if (e > s)
				json_array_append_new(out, json_stringn(s,
				    (size_t)(e - s)));
			s = e;
		}
		return out;
	}
	json_array_foreach(v, i, x) {
		if (json_is_string(x) && json_string_length(x) > 0)
			json_array_append(out, x);
		else if (json_is_object(x) && json_is_string(json_object_get(x,
		    "name")))
			json_array_append(out, json_object_get(x, "name"));
	}
	return out;
}

static const char *
field_str(json_t *fm, const char *a, const char *b)
{
	json_t *v = json_object_get(fm, a);

	if (!json_is_string(v) && b != NULL)
		v = json_object_get(fm, b);
	return json_string_value(v);
}

/*
 * A front matter date ("2024-03-01", "2024-03-01T10:00:00+01:00",
 * Jekyll's "2024-03-01 10:00:00 +0100"; no zone: UTC) as RFC 3339 UTC.
 */
static enum err
md_date(const char *s, char out[21])
{
	char t[48];
	size_t n = strlen(s), i, o = 0;
	int64_t secs;

	if (n >= 40)
		return ERR_PARSE;
	for (i = 0; i < n; i++) {
		if (s[i] == ' ' && i == 10) {
			t[o++] = 'T';
		} else if (s[i] == ' ' && i + 5 <= n && (s[i + 1] == '+' ||
		    s[i + 1] == '-')) {
			continue;
		} else if ((s[i] == '+' || s[i] == '-') && i > 10 &&
		    n - i == 5) {
			/* +0100 -> +01:00 */
			t[o++] = s[i];
			t[o++] = s[i + 1];
			t[o++] = s[i + 2];
			t[o++] = ':';
			t[o++] = s[i + 3];
			t[o++] = s[i + 4];
			break;
		} else if (s[i] == ' ' && strcmp(s + i, " UTC") == 0) {
			t[o++] = 'Z';
			break;
		} else
			t[o++] = s[i];
	}
	t[o] = '\0';
	if (o == 19 || (o > 19 && t[19] == '.' && strpbrk(t + 19, "Z+-") ==
	    NULL)) {
		if (o + 1 >= sizeof(t))
			return ERR_PARSE;
		t[o++] = 'Z';
		t[o] = '\0';
	}
	if (time_parse_iso(t, &secs) != ERR_OK)
		return ERR_PARSE;
	time_fmt_iso(secs, out);
	return ERR_OK;
}

/*
 * The slug and date a file's name gives: Jekyll's
 * "YYYY-MM-DD-slug.md", Hugo's bundle "slug/index.md", else the name.
 */
static void
name_parts(const char *rel, struct buf *slug, char date[11])
{
	const char *base = strrchr(rel, '/'), *dot;
	size_t n;

	base = base != NULL ? base + 1 : rel;
	date[0] = '\0';
	if (strncmp(base, "index.", 6) == 0 || strncmp(base, "_index.", 7) ==
	    0) {
		/* A bundle: the folder's name. */
		n = (size_t)(base - rel);
		if (n > 1) {
			const char *p = rel + n - 1, *q = p;

			while (q > rel && q[-1] != '/')
				q--;
			buf_add(slug, q, (size_t)(p - q));
		}
		buf_putc(slug, '\0');
		slug->len--;
		return;
	}
	dot = strrchr(base, '.');
	n = dot != NULL ? (size_t)(dot - base) : strlen(base);
	if (n > 11 && base[4] == '-' && base[7] == '-' && base[10] == '-' &&
	    strspn(base, "0123456789") == 4) {
		memcpy(date, base, 10);
		date[10] = '\0';
		base += 11;
		n -= 11;
	}
	buf_add(slug, base, n);
	buf_putc(slug, '\0');
	slug->len--;
}

/* The section a Hugo file's folder names ("content/posts/x.md"). */
static const char *
folder_section(const char *rel, char *out, size_t size)
{
	const char *p = rel, *slash;

	if (strncmp(p, "content/", 8) == 0)
		p += 8;
	if ((slash = strchr(p, '/')) == NULL || (size_t)(slash - p) >= size)
		return NULL;
	memcpy(out, p, (size_t)(slash - p));
	out[slash - p] = '\0';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcmp(s + n - t, tail) == 0;
}

static void
note_skip(struct md_in *m, const char *reason, const char *rel)
{
	report_note(&m->rep, "files", 1, reason, rel);
}

/*
 * The address the old site gave the file when front matter named none:
 * Jekyll's "/:categories/:year/:month/:day/:title.html", Hugo's
 * "/SECTION/SLUG/" (not under "articles", Octavo's own), as a string
 * (caller decrefs), or NULL.
 */
static json_t *
default_url(json_t *fm, const char *rel)
{
	struct buf name, path;
	json_t *cats, *v, *out = NULL;
	const char *slug, *slash;
	char date[11];
	size_t i, j;

	buf_init(&name, LIMIT_SLUG);
	buf_init(&path, LIMIT_URL);
	name_parts(rel, &name, date);
	if (strncmp(rel, "_posts/", 7) == 0 && date[0] != '\0' &&
	    json_object_get(fm, "permalink") == NULL) {
		cats = strings(json_object_get(fm, "categories"), 1);
		json_array_foreach(cats, i, v) {
			buf_putc(&path, '/');
			for (j = 0; j < json_string_length(v); j++) {
				char c = json_string_value(v)[j];

				buf_putc(&path, c >= 'A' && c <= 'Z' ?
				    (char)(c - 'A' + 'a') : c);
			}
		}
		json_decref(cats);
		buf_printf(&path, "/%.4s/%.2s/%.2s/%s.html", date, date + 5,
		    date + 8, name.p);
	} else if (strncmp(rel, "content/", 8) == 0 &&
	    (slash = strchr(rel + 8, '/')) != NULL &&
	    strncmp(rel + 8, "articles/", 9) != 0 &&
	    json_object_get(fm, "url") == NULL) {
		slug = json_string_value(json_object_get(fm, "slug"));
		buf_printf(&path, "/%.*s/%s/", (int)(slash - rel - 8), rel + 8,
		    slug != NULL && *slug != '\0' ? slug : name.p);
	}
	if (path.len > 0 && path.len < path.max)
		out = json_stringn(path.p, path.len);
	buf_free(&name);
	buf_free(&path);
	return out;
}

/*
 * The old addresses of article id: those front matter names (aliases,
 * Jekyll's redirect_from and permalink, Hugo's url) and default_url's.
 */
static void
keep_aliases(struct md_in *m, json_t *fm, int64_t id, const char *rel)
{
	static const char *const fields[] = { "aliases", "redirect_from",
	    "permalink", "url" };
	struct store_redirect r;
	struct arena *a = arena_new();
	const char *key, *s, *art;
	json_t *all = json_array(), *list, *v;
	size_t f, i;

	for (f = 0; f < nitems(fields); f++) {
		list = strings(json_object_get(fm, fields[f]), 0);
		json_array_extend(all, list);
		json_decref(list);
	}
	if ((v = default_url(fm, rel)) != NULL)
		json_array_append_new(all, v);
	json_array_foreach(all, i, v) {
		s = json_string_value(v);
		if (*s != '/' || req_target_key(a, s, &key) != ERR_OK) {
			report_note(&m->rep, "aliases", 1,
			    "not a path on the site", rel);
			continue;
		}
		/* An old slug under /articles/ is an article's. */
		art = strncmp(key, "/articles/", 10) == 0 &&
		    strchr(key + 10, '/') == NULL ? key + 10 : NULL;
		if (art != NULL && *art != '\0') {
			if (store_article_slug_keep(m->st, id, art) == ERR_OK)
				report_count(&m->rep, "aliases", REPORT_NEW);
			continue;
		}
		memset(&r, 0, sizeof(r));
		r.path = key;
		r.article_id = id;
		r.origin = MD_ORIGIN;
		r.at = m->now;
		if (store_redirect_put(m->st, &r, NULL) == ERR_OK)
			report_count(&m->rep, "aliases", REPORT_NEW);
	}
	json_decref(all);
	arena_free(a);
}

/* ---- one file ---- */

struct md_article {
	struct buf	 slug;
	struct buf	 body;
	int64_t		*authors;
	const char	**tags;
	const char	**countries;
	json_t		*lists[3];
};

static void
article_free(struct md_article *a)
{
	size_t i;

	buf_free(&a->slug);
	buf_free(&a->body);
	free(a->authors);
	free(a->tags);
	free(a->countries);
	for (i = 0; i < nitems(a->lists); i++)
		json_decref(a->lists[i]);
}

static void
import_file(struct md_in *m, const char *dir, const char *rel)
{
	struct store_article_edit e;
	struct store_import_id k;
	struct md_article a;
	struct html_clean_report hr;
	struct str fmv, body;
	enum fm_kind kind;
	json_t *fm = NULL, *prev = NULL, *old = NULL, *v, *list;
	char path[4096], why[PORT_WHY], digest[17], date[11], pub[21];
	char mod[21], sec[64], key[32], *text = NULL;
	const char *s, *title, *section, *fmt;
	size_t len, i, n;
	int64_t id = 0, version = 0, sid, secs;
	int draft, html;
	enum err rc;

	memset(&a, 0, sizeof(a));
	buf_init(&a.slug, LIMIT_SLUG);
	buf_init(&a.body, LIMIT_IMPORT_FILE * 2);
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if ((rc = file_read(path, LIMIT_IMPORT_FILE, &text, &len)) != ERR_OK) {
		note_skip(m, rc == ERR_LIMIT ? "larger than the limit" :
		    "cannot be read", rel);
		goto out;
	}
	snprintf(digest, sizeof(digest), "%016llx",
	    (unsigned long long)hash_bytes(text, len));
	memset(&k, 0, sizeof(k));
	k.origin = MD_ORIGIN;
	k.kind = MD_KIND;
	k.source_id = rel;
	if (store_import_id_get(m->st, &k, &prev) == ERR_OK) {
		id = json_integer_value(json_object_get(prev, "local_id"));
		s = json_string_value(json_object_get(prev, "digest"));
		if (s != NULL && strcmp(s, digest) == 0) {
			report_count(&m->rep, "files", REPORT_UNCHANGED);
			goto out;
		}
		if (store_article_edit_get(m->st, id, &old) == ERR_OK)
			version = json_integer_value(json_object_get(old,
			    "version"));
		else
			id = 0;	/* deleted here since: made again */
	}
	if (ends_with(rel, "/_index.md") || strcmp(rel, "_index.md") == 0) {
		note_skip(m, "a section's list page (_index.md)", rel);
		goto out;
	}
	if (!utf8_valid(text, len) || memchr(text, '\0', len) != NULL) {
		note_skip(m, "not UTF-8 text", rel);
		goto out;
	}
	if (fm_split(text, len, &kind, &fmv, &body, why) != ERR_OK) {
		report_note(&m->rep, "files", 1, why, rel);
		goto out;
	}
	if (kind == FM_NONE) {
		note_skip(m, "no front matter", rel);
		goto out;
	}
	if (fm_parse(kind, fmv.p, fmv.len, &fm, why) != ERR_OK) {
		fprintf(stderr, "octavo import markdown: %s: front matter, "
		    "%s\n", rel, why);
		note_skip(m, kind == FM_TOML ? "malformed TOML front matter" :
		    kind == FM_YAML ? "malformed YAML front matter" :
		    "malformed JSON front matter", rel);
		goto out;
	}
	title = field_str(fm, "title", NULL);
	if (title == NULL || *title == '\0') {
		note_skip(m, "no title", rel);
		goto out;
	}
	name_parts(rel, &a.slug, date);
	if ((s = field_str(fm, "slug", NULL)) != NULL && *s != '\0') {
		buf_reset(&a.slug);
		buf_puts(&a.slug, s);
	}
	if (a.slug.len == 0)
		buf_puts(&a.slug, title);
	if (claim(&a.slug, a.slug.p, STORE_SLUG_ARTICLE, id, m) != ERR_OK) {
		note_skip(m, "no slug could be made", rel);
		goto out;
	}
	s = field_str(fm, "date", "publishDate");
	if (s == NULL && date[0] != '\0')
		s = date;
	if (s == NULL && strncmp(rel, "_drafts/", 8) == 0)
		s = m->now_iso;		/* Jekyll's drafts have none */
	if (s == NULL) {
		note_skip(m, "no date", rel);
		goto out;
	}
	if (md_date(s, pub) != ERR_OK) {
		note_skip(m, "a date that is not one", rel);
		goto out;
	}
	s = field_str(fm, "lastmod", "last_modified_at");
	if (s == NULL || md_date(s, mod) != ERR_OK)
		memcpy(mod, pub, sizeof(mod));
	v = json_object_get(fm, "draft");
	draft = json_is_true(v) || (json_is_string(v) &&
	    strcmp(json_string_value(v), "true") == 0) ||
	    strncmp(rel, "_drafts/", 8) == 0 || (json_is_false(
	    json_object_get(fm, "published")));
	/* Section: named, a category, the folder, or "Articles". */
	section = field_str(fm, "section", NULL);
	if (section != NULL && *section == '\0')
		section = NULL;
	if (section == NULL) {
		a.lists[0] = strings(json_object_get(fm, "categories"), 1);
		if (json_array_size(a.lists[0]) == 0) {
			json_decref(a.lists[0]);
			a.lists[0] = strings(json_object_get(fm, "category"),
			    0);
		}
		section = json_string_value(json_array_get(a.lists[0], 0));
	}
	if (section == NULL && strncmp(rel, "content/", 8) == 0)
		section = folder_section(rel, sec, sizeof(sec));
	if (section == NULL)
		section = "Articles";
	if (section_id(m, section, &sid) != ERR_OK) {
		note_skip(m, "its section could not be made", rel);
		goto out;
	}
	/* Authors, by name. */
	list = json_object_get(fm, "authors");
	a.lists[1] = strings(list != NULL ? list : json_object_get(fm,
	    "author"), 0);
	if (json_is_object(json_object_get(fm, "author")) &&
	    json_is_string(json_object_get(json_object_get(fm, "author"),
	    "name")))
		json_array_append(a.lists[1], json_object_get(
		    json_object_get(fm, "author"), "name"));
	n = json_array_size(a.lists[1]);
	a.authors = xcalloc(n + 1, sizeof(*a.authors));
	json_array_foreach(a.lists[1], i, v)
		if (person_id(m, json_string_value(v), &a.authors[i]) !=
		    ERR_OK) {
			note_skip(m, "an author could not be made", rel);
			goto out;
		}
	memset(&e, 0, sizeof(e));
	e.authors = a.authors;
	e.nauthors = n;
	a.lists[2] = strings(json_object_get(fm, "tags"), 0);
	if (json_is_string(json_object_get(fm, "tags"))) {
		json_decref(a.lists[2]);
		a.lists[2] = strings(json_object_get(fm, "tags"), 1);
	}
	e.ntags = json_array_size(a.lists[2]);
	a.tags = xcalloc(e.ntags + 1, sizeof(*a.tags));
	json_array_foreach(a.lists[2], i, v)
		a.tags[i] = json_string_value(v);
	e.tags = a.tags;
	list = json_object_get(fm, "countries");
	a.countries = xcalloc(json_array_size(list) + 1,
	    sizeof(*a.countries));
	json_array_foreach(list, i, v) {
		if (json_object_get(m->countries, json_string_value(v)) ==
		    NULL) {
			report_note(&m->rep, "files", 0, "a country that is "
			    "no ISO 3166 code, left out", rel);
			continue;
		}
		a.countries[e.ncountries++] = json_string_value(v);
	}
	e.countries = a.countries;
	if ((v = json_object_get(fm, "issue")) != NULL) {
		snprintf(key, sizeof(key), "%lld", json_is_integer(v) ?
		    (long long)json_integer_value(v) : -1LL);
		if (json_object_get(m->issues, key) != NULL)
			e.issue_id = json_integer_value(json_object_get(
			    m->issues, key));
		else
			report_note(&m->rep, "files", 0, "an issue this "
			    "journal does not have, left out", rel);
	}
	/* The body: Markdown as it is, HTML through html_clean. */
	fmt = field_str(fm, "markup", "format");
	html = (fmt != NULL && strcmp(fmt, "html") == 0) ||
	    ends_with(rel, ".html");
	if (html) {
		memset(&hr, 0, sizeof(hr));
		if (html_clean(&a.body, body.p, body.len, NULL, &hr) !=
		    ERR_OK) {
			note_skip(m, "an HTML body that cannot be read", rel);
			goto out;
		}
		for (i = 0; i < hr.nnames; i++)
			report_note(&m->rep, "files", 0, "HTML dropped from "
			    "a body", hr.names[i]);
	} else if (buf_add(&a.body, body.p, body.len) != ERR_OK) {
		note_skip(m, "larger than the limit", rel);
		goto out;
	}
	buf_putc(&a.body, '\0');
	a.body.len--;
	if (time_parse_iso(pub, &secs) != ERR_OK)
		secs = m->now;
	e.id = id;
	e.version = version;
	e.slug = a.slug.p;
	e.title = title;
	e.dek = field_str(fm, "description", "summary");
	if (e.dek == NULL)
		e.dek = field_str(fm, "excerpt", NULL);
	if (e.dek == NULL)
		e.dek = "";
	e.body = a.body.p;
	e.body_format = html ? "html" : "markdown";
	e.section_id = sid;
	e.status = draft ? "draft" : secs > m->now ? "scheduled" :
	    "published";
	e.published_at = pub;
	e.now = mod;
	e.who = MD_WHO;
	e.note = "imported";
	if ((rc = store_article_save(m->st, &e, &id, &version)) != ERR_OK) {
		fprintf(stderr, "octavo import markdown: %s: not saved (%s)\n",
		    rel, err_str(rc));
		note_skip(m, "the journal refused the article", rel);
		goto out;
	}
	if (report_suggest(&m->rep, m->st, id, &e) != ERR_OK) {
		note_skip(m, "its suggested countries could not be kept", rel);
		goto out;
	}
	keep_aliases(m, fm, id, rel);
	k.local_id = id;
	k.digest = digest;
	k.at = m->now;
	if (store_import_id_put(m->st, &k) != ERR_OK) {
		note_skip(m, "its import record could not be kept", rel);
		goto out;
	}
	report_count(&m->rep, "files", prev != NULL ? REPORT_CHANGED :
	    REPORT_NEW);
out:
	article_free(&a);
	json_decref(fm);
	json_decref(prev);
	json_decref(old);
	free(text);
}

int
cli_import_markdown(int argc, char **argv)
{
	static const char usage[] =
	    "usage: octavo import markdown [--db PATH] [--now TIME] DIR\n"
	    "Import a Hugo or Jekyll site's posts: DIR/_posts and _drafts\n"
	    "(Jekyll), DIR/content (Hugo), or the Markdown files under DIR,\n"
	    "each with YAML, TOML or JSON front matter.  Aliases become old\n"
	    "addresses answered with a 301.  Running it again changes only\n"
	    "what changed.  --now (RFC 3339) dates the run, for tests.\n";
	struct md_in m;
	struct progress prog;
	const char *db, *dir, *kind, *now = NULL;
	json_t *files = NULL, *v;
	struct stat sb;
	size_t i;
	enum err rc;
	int status;

	memset(&m, 0, sizeof(m));
	if ((status = port_args(argc, argv, "import markdown", usage, &db,
	    &now, &dir)) != -1)
		return status;
	status = 1;
	m.now = time(NULL);
	if (now != NULL && time_parse_iso(now, &m.now) != ERR_OK) {
		fprintf(stderr, "octavo import markdown: --now: not an RFC "
		    "3339 time: %s\n", now);
		return EXIT_USAGE;
	}
	time_fmt_iso(m.now, m.now_iso);
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		fprintf(stderr, "octavo import markdown: %s: %s\n", dir,
		    stat(dir, &sb) != 0 ? strerror(errno) : "not a folder");
		return 1;
	}
	if (cli_db_open(db, 1, &m.st) != ERR_OK)
		return 1;
	m.sections = json_object();
	m.people = json_object();
	m.issues = json_object();
	m.countries = json_object();
	if ((rc = store_dump(m.st, names_record, &m)) != ERR_OK) {
		fprintf(stderr, "octavo import markdown: %s: %s\n", db,
		    err_str(rc));
		goto out;
	}
	files = site_files(dir, &kind);
	printf("%s: a %s, %zu files\n", dir, kind, json_array_size(files));
	if ((rc = store_begin(m.st)) != ERR_OK) {
		fprintf(stderr, "octavo import markdown: %s: %s\n", db,
		    err_str(rc));
		goto out;
	}
	progress_begin(&prog, stderr, "files", (int64_t)json_array_size(files));
	json_array_foreach(files, i, v) {
		import_file(&m, dir, json_string_value(v));
		progress_set(&prog, (int64_t)i + 1);
	}
	progress_end(&prog);
	if ((rc = store_commit(m.st)) != ERR_OK) {
		fprintf(stderr, "octavo import markdown: %s: the import was "
		    "not kept (%s)\n", db, err_str(rc));
		goto out;
	}
	report_print(&m.rep, stdout, dir);
	status = 0;
out:
	json_decref(files);
	json_decref(m.sections);
	json_decref(m.people);
	json_decref(m.issues);
	json_decref(m.countries);
	report_free(&m.rep);
	store_close(m.st);
	return status;
}
