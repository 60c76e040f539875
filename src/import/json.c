/*
 * json: "octavo export json FILE" and "octavo import json FILE", the
 * whole journal in one file (docs/export-format.md).  The export writes
 * store_dump's lists one record a line, as it reads them, so that a
 * journal of any size costs the memory of one record; the file is made
 * beside FILE and renamed over it only when complete.  The import reads
 * the same layout back a line at a time (a record is at most
 * LIMIT_IMPORT_LINE bytes) into an empty database, in one transaction:
 * a bad line leaves the database as it was.  Exporting what was
 * imported gives the same file, byte for byte.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "import/port.h"
#include "util/limits.h"

#define EXPORT_FORMAT	1

struct json_out {
	FILE		*f;
	int		 lists;		/* lists begun */
	int		 first;		/* no record yet in this list */
	int64_t		 records;
	struct progress	 prog;
};

static enum err
export_record(void *arg, const char *list, json_t *rec)
{
	struct json_out *o = arg;

	if (rec == NULL) {
		fprintf(o->f, "%s\"%s\":[", o->lists > 0 ? "\n],\n" : "",
		    list);
		o->lists++;
		o->first = 1;
		return ferror(o->f) ? ERR_IO : ERR_OK;
	}
	fputs(o->first ? "\n" : ",\n", o->f);
	o->first = 0;
	if (json_dumpf(rec, o->f, JSON_COMPACT) != 0)
		return ERR_IO;
	progress_set(&o->prog, ++o->records);
	return ferror(o->f) ? ERR_IO : ERR_OK;
}

int
cli_export_json(int argc, char **argv)
{
	static const char usage[] =
	    "usage: octavo export json [--db PATH] FILE\n"
	    "Write the whole journal to FILE (docs/export-format.md):\n"
	    "settings, sections, issues, people, users (email and role,\n"
	    "no password), articles with their bodies, authors, tags,\n"
	    "countries and reads, publications, links, events, media\n"
	    "records, subscribers with their consent, campaigns, comments\n"
	    "and old addresses.  'octavo import json FILE' reads it back\n"
	    "into an empty database.\n";
	struct json_out o;
	struct store *st = NULL;
	char why[160];
	const char *db, *path;
	char *tmp = NULL;
	enum err rc;
	int status;

	memset(&o, 0, sizeof(o));
	if ((status = port_args(argc, argv, "export json", usage, &db, NULL,
	    &path)) != -1)
		return status;
	status = 1;
	if (cli_db_current("export json", db, &st) != ERR_OK)
		return 1;
	if (store_dump_check(st, why, sizeof(why)) != ERR_OK)
		fprintf(stderr, "octavo export json: warning: %s: this "
		    "program's export does not carry it\n", why);
	tmp = xmalloc(strlen(path) + 5);
	memcpy(tmp, path, strlen(path));
	memcpy(tmp + strlen(path), ".tmp", 5);
	if ((o.f = fopen(tmp, "w")) == NULL) {
		fprintf(stderr, "octavo export json: %s: %s\n", tmp,
		    strerror(errno));
		goto out;
	}
	progress_begin(&o.prog, stderr, "records", 0);
	fprintf(o.f, "{\n\"octavo\":{\"format\":%d},\n", EXPORT_FORMAT);
	rc = store_dump(st, export_record, &o);
	progress_end(&o.prog);
	if (rc == ERR_OK) {
		fputs(o.lists > 0 ? "\n]\n}\n" : "}\n", o.f);
		if (fflush(o.f) != 0 || ferror(o.f))
			rc = ERR_IO;
	}
	if (fclose(o.f) != 0 && rc == ERR_OK)
		rc = ERR_IO;
	if (rc == ERR_OK && rename(tmp, path) != 0) {
		fprintf(stderr, "octavo export json: %s: %s\n", path,
		    strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rc != ERR_OK) {
		fprintf(stderr, "octavo export json: %s: export failed (%s)\n",
		    path, err_str(rc));
		unlink(tmp);
		goto out;
	}
	printf("%s: %lld records\n", path, (long long)o.records);
	status = 0;
out:
	free(tmp);
	store_close(st);
	return status;
}

/*
 * The name of a line that opens a list, '"name":[', into name (at most
 * size bytes); 0 when the line is not one.
 */
static int
list_opener(const char *line, size_t len, char *name, size_t size)
{
	size_t i;

	if (len < 5 || line[0] != '"' || strcmp(line + len - 3, "\":[") != 0)
		return 0;
	for (i = 1; i < len - 3; i++)
		if (!(line[i] >= 'a' && line[i] <= 'z') && line[i] != '_')
			return 0;
	if (len - 4 >= size)
		return 0;
	memcpy(name, line + 1, len - 4);
	name[len - 4] = '\0';
	return 1;
}

static int
list_known(const char *name)
{
	const char *l;
	int i;

	for (i = 0; (l = store_dump_list(i)) != NULL; i++)
		if (strcmp(l, name) == 0)
			return 1;
	return 0;
}

/*
 * An export without the list of suggested countries (an older program's,
 * or another system's file): its articles' suggestions made here, as
 * every importer makes them.
 */
static enum err
suggest_all(struct store *st, struct report *rep, const int64_t *ids,
    size_t n)
{
	struct store_article_edit e;
	const char *codes[GAZ_CODES_MAX];
	json_t *art = NULL, *it;
	size_t i, k;
	enum err rc = ERR_OK;

	for (i = 0; i < n && rc == ERR_OK; i++) {
		if ((rc = store_article_edit_get(st, ids[i], &art)) != ERR_OK)
			break;
		memset(&e, 0, sizeof(e));
		e.title = json_string_value(json_object_get(art, "title"));
		e.dek = json_string_value(json_object_get(art, "dek"));
		e.body = json_string_value(json_object_get(art, "body"));
		json_array_foreach(json_object_get(art, "countries"), k, it)
			if (e.ncountries < GAZ_CODES_MAX)
				codes[e.ncountries++] = json_string_value(
				    json_object_get(it, "code"));
		e.countries = codes;
		rc = report_suggest(rep, st, ids[i], &e);
		json_decref(art);
		art = NULL;
	}
	return rc;
}

/* Read FILE's lines into the store; a message for the first bad one. */
static int
import_lines(FILE *f, const char *path, struct store *st,
    struct report *rep)
{
	struct progress prog;
	json_error_t jerr;
	json_t *rec, *fmt;
	char *line = NULL, list[32] = "", pat[40], seen[1024] = ",";
	const char *why = NULL;
	size_t cap = 0, len, nids = 0;
	int64_t *ids = NULL;
	ssize_t got;
	long lineno = 0;
	int64_t n = 0;
	int state = 0;	/* 0 "{", 1 header, 2 between lists, 3 in, 4 end */
	enum err rc;

	progress_begin(&prog, stderr, "records", 0);
	while ((got = getline(&line, &cap, f)) != -1) {
		lineno++;
		len = (size_t)got;
		if (len > LIMIT_IMPORT_LINE) {
			why = "a line longer than the limit";
			break;
		}
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (strlen(line) != len) {
			why = "a NUL byte";
			break;
		}
		if (state == 0) {
			if (strcmp(line, "{") != 0) {
				why = "not an Octavo export (no '{' line "
				    "first)";
				break;
			}
			state = 1;
		} else if (state == 1) {
			if (strncmp(line, "\"octavo\":", 9) != 0 ||
			    len < 10 || line[len - 1] != ',' ||
			    (rec = json_loadb(line + 9, len - 10, 0,
			    NULL)) == NULL) {
				why = "not an Octavo export (no "
				    "\"octavo\":{...} line second)";
				break;
			}
			fmt = json_object_get(rec, "format");
			if (!json_is_integer(fmt) ||
			    json_integer_value(fmt) != EXPORT_FORMAT)
				why = "an export format this program does "
				    "not read";
			json_decref(rec);
			if (why != NULL)
				break;
			state = 2;
		} else if (state == 2) {
			if (strcmp(line, "}") == 0) {
				state = 4;
				continue;
			}
			if (!list_opener(line, len, list, sizeof(list))) {
				why = "expected a list, '\"name\":['";
				break;
			}
			if (!list_known(list)) {
				why = "a list this program does not know";
				break;
			}
			snprintf(pat, sizeof(pat), ",%s,", list);
			if (strstr(seen, pat) != NULL) {
				why = "a list named twice";
				break;
			}
			snprintf(seen + strlen(seen), sizeof(seen) -
			    strlen(seen), "%s,", list);
			state = 3;
		} else if (state == 3) {
			if (strcmp(line, "]") == 0 || strcmp(line, "],") ==
			    0) {
				state = 2;
				continue;
			}
			if (len > 0 && line[len - 1] == ',')
				line[--len] = '\0';
			if ((rec = json_loadb(line, len, 0, &jerr)) == NULL) {
				why = "not a record on one line (the layout "
				    "'octavo export json' writes)";
				break;
			}
			rc = store_load(st, list, rec);
			if (rc == ERR_OK && strcmp(list, "articles") == 0) {
				ids = xrealloc(ids, (nids + 1) * sizeof(*ids));
				ids[nids++] = json_integer_value(
				    json_object_get(rec, "id"));
			}
			json_decref(rec);
			if (rc != ERR_OK) {
				why = "a record that cannot be loaded (the "
				    "line above says why)";
				break;
			}
			report_count(rep, list, REPORT_NEW);
			progress_set(&prog, ++n);
		} else {
			why = "something after the closing '}'";
			break;
		}
	}
	progress_end(&prog);
	free(line);
	if (why == NULL && ferror(f))
		why = strerror(errno);
	if (why == NULL && state != 4) {
		why = "the file ends early (no closing '}')";
		lineno++;
	}
	if (why == NULL && strstr(seen, ",country_suggestions,") == NULL &&
	    suggest_all(st, rep, ids, nids) != ERR_OK)
		why = "its articles' suggested countries could not be kept";
	free(ids);
	if (why != NULL) {
		fprintf(stderr, "octavo import json: %s:%ld: %s%s%s\n", path,
		    lineno, why, state == 3 ? " in " : "",
		    state == 3 ? list : "");
		return 1;
	}
	return 0;
}

int
cli_import_json(int argc, char **argv)
{
	static const char usage[] =
	    "usage: octavo import json [--db PATH] FILE\n"
	    "Read a file 'octavo export json' wrote into an empty database\n"
	    "(created when missing), with the same ids.  Users come without\n"
	    "passwords: set one with 'octavo user passwd'.\n";
	struct report rep;
	struct store *st = NULL;
	const char *db, *path, *nonempty;
	FILE *f = NULL;
	enum err rc;
	int status;

	memset(&rep, 0, sizeof(rep));
	if ((status = port_args(argc, argv, "import json", usage, &db, NULL,
	    &path)) != -1)
		return status;
	status = 1;
	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "octavo import json: %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	if (cli_db_open(db, 1, &st) != ERR_OK)
		goto out;
	if ((rc = store_dump_empty(st, &nonempty)) != ERR_OK) {
		if (rc == ERR_CONFLICT)
			fprintf(stderr, "octavo import json: %s: the database "
			    "is not empty (it has %s); import into a new one\n",
			    db, nonempty);
		else
			fprintf(stderr, "octavo import json: %s: %s\n", db,
			    err_str(rc));
		goto out;
	}
	if ((rc = store_begin(st)) != ERR_OK) {
		fprintf(stderr, "octavo import json: %s: %s\n", db,
		    err_str(rc));
		goto out;
	}
	if (import_lines(f, path, st, &rep) != 0) {
		store_rollback(st);
		goto out;
	}
	if ((rc = store_commit(st)) != ERR_OK) {
		fprintf(stderr, "octavo import json: %s: the import was not "
		    "kept (%s)\n", db, err_str(rc));
		goto out;
	}
	report_print(&rep, stdout, path);
	status = 0;
out:
	report_free(&rep);
	if (f != NULL)
		fclose(f);
	store_close(st);
	return status;
}
