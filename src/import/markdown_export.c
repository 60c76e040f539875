/*
 * markdown_export: "octavo export markdown DIR", the journal as a Hugo
 * site's content: DIR/content/articles/SLUG.md for each article, YAML
 * front matter (title, description, date, lastmod, slug, section,
 * issue, authors, tags, countries, draft, aliases, and "markup: html"
 * for an imported HTML body, which Hugo then renders as it is) and the
 * body as stored; and DIR/hugo.toml naming the site and the taxonomies.
 * "octavo import markdown DIR" reads it back; Hugo builds it with any
 * theme (docs/design.md).  Two passes over store_dump: the names every
 * article points at first (sections, people, tags, issues, old
 * addresses), then the articles a record at a time.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "import/port.h"

struct md_out {
	const char	*dir;
	json_t		*names;		/* list -> {id -> name} */
	json_t		*aliases;	/* article id -> [path] */
	json_t		*settings;	/* key -> value */
	int		 pass;
	int64_t		 articles;
	int64_t		 skipped;
	struct progress	 prog;
};

static const char *
name_of(struct md_out *o, const char *list, json_t *id)
{
	char key[32];

	if (!json_is_integer(id))
		return NULL;
	snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(id));
	return json_string_value(json_object_get(json_object_get(o->names,
	    list), key));
}

static void
yaml_list(FILE *f, const char *field, json_t *arr, struct md_out *o,
    const char *list)
{
	const char *s;
	json_t *v;
	size_t i, n = 0;

	if (json_array_size(arr) == 0)
		return;
	fprintf(f, "%s: [", field);
	json_array_foreach(arr, i, v) {
		s = list != NULL ? name_of(o, list, v) : json_string_value(v);
		if (s == NULL)
			continue;
		fputs(n++ > 0 ? ", " : "", f);
		port_quote(f, s);
	}
	fputs("]\n", f);
}

/* 1 if slug is safe as a file name as it is. */
static int
file_safe(const char *s)
{
	size_t i;

	if (*s == '\0' || *s == '.' || strlen(s) > 200)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '_' || s[i] == '.' || s[i] == '%'))
			return 0;
	return 1;
}

static enum err
write_article(struct md_out *o, json_t *a)
{
	const char *slug = json_string_value(json_object_get(a, "slug"));
	const char *status = json_string_value(json_object_get(a, "status"));
	const char *fmt, *body, *dek, *sec;
	char path[4096], key[32];
	json_t *v, *al, *old;
	size_t i;
	FILE *f;
	int n;

	if (slug == NULL || status == NULL)
		return ERR_INVAL;
	if (file_safe(slug))
		n = snprintf(path, sizeof(path), "%s/content/articles/%s.md",
		    o->dir, slug);
	else
		n = snprintf(path, sizeof(path), "%s/content/articles/"
		    "id-%lld.md", o->dir,
		    (long long)json_integer_value(json_object_get(a, "id")));
	if (n < 0 || (size_t)n >= sizeof(path))
		return ERR_LIMIT;
	if ((f = fopen(path, "wx")) == NULL) {
		fprintf(stderr, "octavo export markdown: %s: %s\n", path,
		    strerror(errno));
		return ERR_IO;
	}
	fputs("---\ntitle: ", f);
	port_quote(f, json_string_value(json_object_get(a, "title")));
	dek = json_string_value(json_object_get(a, "dek"));
	if (dek != NULL && *dek != '\0') {
		fputs("\ndescription: ", f);
		port_quote(f, dek);
	}
	fprintf(f, "\ndate: %s\nlastmod: %s\nslug: ",
	    json_string_value(json_object_get(a, "published_at")),
	    json_string_value(json_object_get(a, "updated_at")));
	port_quote(f, slug);
	fputc('\n', f);
	if ((sec = name_of(o, "sections", json_object_get(a,
	    "section_id"))) != NULL) {
		fputs("section: ", f);
		port_quote(f, sec);
		fputc('\n', f);
	}
	if ((v = json_object_get(a, "issue_id")) != NULL &&
	    name_of(o, "issues", v) != NULL)
		fprintf(f, "issue: %s\n", name_of(o, "issues", v));
	yaml_list(f, "authors", json_object_get(a, "authors"), o, "people");
	yaml_list(f, "tags", json_object_get(a, "tags"), o, "tags");
	yaml_list(f, "countries", json_object_get(a, "countries"), o, NULL);
	fprintf(f, "draft: %s\n", strcmp(status, "draft") == 0 ? "true" :
	    "false");
	snprintf(key, sizeof(key), "%lld",
	    (long long)json_integer_value(json_object_get(a, "id")));
	al = json_object_get(o->aliases, key);
	if (json_array_size(json_object_get(a, "old_slugs")) > 0 ||
	    json_array_size(al) > 0) {
		fputs("aliases: [", f);
		n = 0;
		json_array_foreach(json_object_get(a, "old_slugs"), i, v) {
			fputs(n++ > 0 ? ", " : "", f);
			old = json_sprintf("/articles/%s/",
			    json_string_value(v));
			port_quote(f, json_string_value(old));
			json_decref(old);
		}
		json_array_foreach(al, i, v) {
			fputs(n++ > 0 ? ", " : "", f);
			port_quote(f, json_string_value(v));
		}
		fputs("]\n", f);
	}
	fmt = json_string_value(json_object_get(a, "body_format"));
	if (fmt != NULL && strcmp(fmt, "html") == 0)
		fputs("markup: html\n", f);
	fputs("---\n", f);
	if ((body = json_string_value(json_object_get(a, "body"))) != NULL)
		fputs(body, f);
	if (fclose(f) != 0) {
		fprintf(stderr, "octavo export markdown: %s: %s\n", path,
		    strerror(errno));
		return ERR_IO;
	}
	return ERR_OK;
}

static enum err
md_record(void *arg, const char *list, json_t *rec)
{
	struct md_out *o = arg;
	const char *path;
	json_t *m, *id, *arr;
	char key[32];

	if (rec == NULL) {
		if (o->pass == 1)
			return strcmp(list, "articles") == 0 ? ERR_OK :
			    ERR_NOTFOUND;
		if (strcmp(list, "sections") == 0 || strcmp(list, "people") ==
		    0 || strcmp(list, "tags") == 0 || strcmp(list,
		    "issues") == 0) {
			json_object_set_new(o->names, list, json_object());
			return ERR_OK;
		}
		return strcmp(list, "redirects") == 0 || strcmp(list,
		    "settings") == 0 ? ERR_OK : ERR_NOTFOUND;
	}
	if (o->pass == 1) {
		progress_set(&o->prog, ++o->articles);
		return write_article(o, rec);
	}
	if (strcmp(list, "settings") == 0) {
		json_object_set(o->settings, json_string_value(
		    json_object_get(rec, "key")), json_object_get(rec,
		    "value"));
		return ERR_OK;
	}
	if (strcmp(list, "redirects") == 0) {
		path = json_string_value(json_object_get(rec, "path"));
		id = json_object_get(rec, "article_id");
		/* Hugo makes a page of an alias: no query there. */
		if (!json_is_integer(id) || path == NULL ||
		    strchr(path, '?') != NULL) {
			o->skipped++;
			return ERR_OK;
		}
		snprintf(key, sizeof(key), "%lld",
		    (long long)json_integer_value(id));
		if ((arr = json_object_get(o->aliases, key)) == NULL) {
			arr = json_array();
			json_object_set_new(o->aliases, key, arr);
		}
		json_array_append_new(arr, json_sprintf("%s%s", path,
		    strrchr(path, '.') > strrchr(path, '/') ? "" : "/"));
		return ERR_OK;
	}
	m = json_object_get(o->names, list);
	snprintf(key, sizeof(key), "%lld",
	    (long long)json_integer_value(json_object_get(rec, "id")));
	if (strcmp(list, "issues") == 0)
		json_object_set_new(m, key, json_sprintf("%lld", (long long)
		    json_integer_value(json_object_get(rec, "number"))));
	else
		json_object_set(m, key, json_object_get(rec, "name"));
	return ERR_OK;
}

static enum err
write_config(struct md_out *o)
{
	const char *base = json_string_value(json_object_get(o->settings,
	    "base_url"));
	const char *name = json_string_value(json_object_get(o->settings,
	    "name"));
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/hugo.toml", o->dir);
	if ((f = fopen(path, "wx")) == NULL)
		return ERR_IO;
	fputs("# Written by octavo export markdown (docs/design.md).\n", f);
	fputs("baseURL = ", f);
	port_quote(f, base != NULL && *base != '\0' ? base :
	    "https://example.org/");
	fputs("\ntitle = ", f);
	port_quote(f, name != NULL ? name : "Journal");
	/*
	 * Goldmark's unsafe stays off: raw HTML in Markdown is omitted
	 * there as it is shown as text here; HTML bodies are markup: html.
	 */
	fputs("\n\n[taxonomies]\nauthor = \"authors\"\ntag = \"tags\"\n"
	    "country = \"countries\"\n", f);
	return fclose(f) == 0 ? ERR_OK : ERR_IO;
}

int
cli_export_markdown(int argc, char **argv)
{
	static const char usage[] =
	    "usage: octavo export markdown [--db PATH] DIR\n"
	    "Write the journal as a Hugo site's content into DIR (new or\n"
	    "empty): content/articles/SLUG.md with YAML front matter for each\n"
	    "article, and hugo.toml.  'octavo import markdown DIR' reads it\n"
	    "back.\n";
	struct md_out o;
	struct store *st = NULL;
	const char *db;
	char path[4096];
	enum err rc;
	int status;

	memset(&o, 0, sizeof(o));
	if ((status = port_args(argc, argv, "export markdown", usage, &db, NULL,
	    &o.dir)) != -1)
		return status;
	status = 1;
	if (port_dir_fresh(o.dir) != ERR_OK) {
		fprintf(stderr, "octavo export markdown: %s: not a new or "
		    "empty folder\n", o.dir);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/content/articles", o.dir);
	if (port_mkdirs(path) != ERR_OK) {
		fprintf(stderr, "octavo export markdown: %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	if (cli_db_current("export markdown", db, &st) != ERR_OK)
		return 1;
	o.names = json_object();
	o.aliases = json_object();
	o.settings = json_object();
	if ((rc = store_dump(st, md_record, &o)) == ERR_OK) {
		o.pass = 1;
		progress_begin(&o.prog, stderr, "articles", 0);
		rc = store_dump(st, md_record, &o);
		progress_end(&o.prog);
	}
	if (rc == ERR_OK && (rc = write_config(&o)) != ERR_OK)
		fprintf(stderr, "octavo export markdown: %s/hugo.toml: %s\n",
		    o.dir, strerror(errno));
	if (rc != ERR_OK) {
		fprintf(stderr, "octavo export markdown: %s: export failed "
		    "(%s)\n", o.dir, err_str(rc));
		goto out;
	}
	printf("%s: %lld articles", o.dir, (long long)o.articles);
	if (o.skipped > 0)
		printf(" (%lld old addresses with a query left out: Hugo "
		    "cannot serve them)", (long long)o.skipped);
	printf("\n");
	status = 0;
out:
	json_decref(o.names);
	json_decref(o.aliases);
	json_decref(o.settings);
	store_close(st);
	return status;
}
