/*
 * oai: /oai, the Open Archives Initiative Protocol for Metadata
 * Harvesting, version 2.0, with Dublin Core (oai_dc) records of the
 * published articles; sets are the sections.  oai_args.c checks the
 * arguments and keeps the lists' state in the resumption tokens, so
 * nothing is kept here between requests and a token outlives a restart.
 *
 * Records are identified as oai:<host of base_url>:<article id>; their
 * datestamp is the later of the article's publication and its last
 * change, in seconds (granularity YYYY-MM-DDThh:mm:ssZ).  deletedRecord
 * is "persistent": an article unpublished or deleted stays a record
 * whose header says status="deleted", with the withdrawal's time as
 * its datestamp and no metadata (the store keeps it: oai_deleted), so
 * an incremental harvest learns of every withdrawal.  Errors
 * are answered as the protocol says: 200 with an <error> element (every
 * code but noMetadataFormats, which oai_dc for every record rules out,
 * and noSetHierarchy only when the journal has no section).  Without a
 * base_url nothing absolute can be said: 404, as the feeds do.
 *
 * The XML is written here with esc_xml (protocol, not presentation), a
 * list at most OAI_PAGE records long; answers are not cached
 * (responseDate is the clock's).
 */
#include <string.h>

#include "web.h"

#define OAI_PAGE	100		/* records or headers an answer */
#define OAI_TOKEN_TTL	(24 * 3600)	/* a resumption token's life */
#define OAI_MAX		(16 * 1024 * 1024)	/* an answer's bytes */

static const char *const codes[OAI_ERROR__MAX] = {
	[OAI_BAD_VERB] = "badVerb",
	[OAI_BAD_ARGUMENT] = "badArgument",
	[OAI_BAD_RESUMPTION_TOKEN] = "badResumptionToken",
	[OAI_CANNOT_DISSEMINATE_FORMAT] = "cannotDisseminateFormat",
	[OAI_ID_DOES_NOT_EXIST] = "idDoesNotExist",
	[OAI_NO_RECORDS_MATCH] = "noRecordsMatch",
};
static const char *const messages[OAI_ERROR__MAX] = {
	[OAI_BAD_RESUMPTION_TOKEN] = "The resumption token is not one of "
	    "this repository's, or it has expired.",
	[OAI_CANNOT_DISSEMINATE_FORMAT] = "The only metadata format is "
	    "oai_dc.",
	[OAI_ID_DOES_NOT_EXIST] = "No published article has this "
	    "identifier.",
	[OAI_NO_RECORDS_MATCH] = "No published article matches.",
};

#define NO_SETS	"noSetHierarchy"

/* What one answer needs. */
struct oai {
	struct ctx	*ctx;
	struct req	*r;
	struct buf	*b;
	json_t		*site;		/* the chrome's site object */
	const char	*base;		/* base_url */
	const char	*host;		/* its host, for identifiers */
	int64_t		 now;
	struct oai_request q;
};

static void
xml(struct buf *b, const char *s)
{
	if (s != NULL)
		esc_xml(b, s, strlen(s));
}

/* <name>text</name>, unless text is empty. */
static void
elem(struct buf *b, const char *name, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	buf_printf(b, "<%s>", name);
	xml(b, text);
	buf_printf(b, "</%s>", name);
}

/* The host of an absolute URL, without user or port, in the arena. */
static const char *
url_host(struct arena *a, const char *url)
{
	const char *h = strstr(url, "://"), *e;

	if (h == NULL)
		return "";
	h += 3;
	if ((e = strchr(h, '@')) != NULL && e < h + strcspn(h, "/"))
		h = e + 1;
	if (*h == '[')
		e = strchr(h, ']') != NULL ? strchr(h, ']') + 1 : h +
		    strlen(h);
	else
		e = h + strcspn(h, ":/?#");
	return arena_strndup(a, h, (size_t)(e - h));
}

/* An identifier's article id; 0 if it is not one of ours. */
static int64_t
oai_id(const struct oai *o, const char *ident)
{
	size_t n = strlen(o->host);
	long long id;

	if (strncmp(ident, "oai:", 4) != 0 || strncmp(ident + 4, o->host,
	    n) != 0 || ident[4 + n] != ':' || ident[5 + n] == '0' ||
	    str_to_ll(ident + 5 + n, 1, INT64_MAX, &id) != ERR_OK)
		return 0;
	return id;
}

/* Whether rec is a deleted record (an article withdrawn). */
static int
deleted(json_t *rec)
{
	return json_integer_value(json_object_get(rec, "deleted")) != 0;
}

static void
header(struct oai *o, json_t *rec)
{
	struct buf *b = o->b;

	buf_puts(b, deleted(rec) ? "<header status=\"deleted\">" :
	    "<header>");
	buf_puts(b, "<identifier>");
	buf_printf(b, "oai:");
	xml(b, o->host);
	buf_printf(b, ":%lld</identifier>", (long long)json_integer_value(
	    json_object_get(rec, "id")));
	elem(b, "datestamp", view_str(rec, "stamp"));
	elem(b, "setSpec", view_str(json_object_get(rec, "section"),
	    "slug"));
	buf_puts(b, "</header>");
}

static void
record(struct oai *o, json_t *rec)
{
	struct buf *b = o->b;
	json_t *a, *issue = json_object_get(rec, "issue"), *u;
	char day[11];
	size_t i;

	buf_puts(b, "<record>");
	header(o, rec);
	if (deleted(rec)) {	/* a header alone, as the protocol says */
		buf_puts(b, "</record>");
		return;
	}
	buf_puts(b, "<metadata><oai_dc:dc"
	    " xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\""
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
	    " xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/"
	    " http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">");
	elem(b, "dc:title", view_str(rec, "title"));
	json_array_foreach(json_object_get(rec, "authors"), i, a)
		elem(b, "dc:creator", view_str(a, "name"));
	elem(b, "dc:subject", view_str(json_object_get(rec, "section"),
	    "name"));
	elem(b, "dc:description", view_str(rec, "dek"));
	elem(b, "dc:publisher", view_str(o->site, "name"));
	snprintf(day, sizeof(day), "%s", view_str(rec, "published_at"));
	elem(b, "dc:date", day);
	elem(b, "dc:type", "Text");
	elem(b, "dc:format", "text/html");
	u = view_url("/articles/", view_str(rec, "slug"));
	elem(b, "dc:identifier", arena_printf(o->r->arena, "%s%s", o->base,
	    json_string_value(u)));
	json_decref(u);
	if (json_is_integer(json_object_get(issue, "number")))
		elem(b, "dc:source", arena_printf(o->r->arena,
		    "%s, vol. %lld, no. %lld", view_str(o->site, "name"),
		    (long long)json_integer_value(json_object_get(issue,
		    "volume")), (long long)json_integer_value(
		    json_object_get(issue, "number"))));
	elem(b, "dc:language", view_str(o->site, "language"));
	buf_puts(b, "</oai_dc:dc></metadata></record>");
}

static enum oai_error
identify(struct oai *o)
{
	struct buf *b = o->b;
	json_t *row = NULL;
	const char *contact = view_str(o->site, "contact");
	char earliest[OAI_STAMP_LEN] = "1970-01-01T00:00:00Z";

	if (store_oai_earliest(o->ctx->store, &row) == ERR_OK)
		snprintf(earliest, sizeof(earliest), "%s", view_str(row,
		    "published_at"));
	json_decref(row);
	buf_puts(b, "<Identify>");
	elem(b, "repositoryName", view_str(o->site, "name"));
	elem(b, "baseURL", arena_printf(o->r->arena, "%s/oai", o->base));
	elem(b, "protocolVersion", "2.0");
	/* One address is required; RFC 5321 makes postmaster a sure one. */
	elem(b, "adminEmail", *contact != '\0' ? contact :
	    arena_printf(o->r->arena, "postmaster@%s", o->host));
	elem(b, "earliestDatestamp", earliest);
	elem(b, "deletedRecord", "persistent");
	elem(b, "granularity", "YYYY-MM-DDThh:mm:ssZ");
	buf_puts(b, "</Identify>");
	return OAI_OK;
}

/* The one record of an identifier, or why not. */
static enum oai_error
fetch_one(struct oai *o, json_t **rows)
{
	struct store_oai_query sq = { 0 };

	*rows = NULL;
	if ((sq.id = oai_id(o, o->q.identifier)) == 0)
		return OAI_ID_DOES_NOT_EXIST;
	if (store_oai_records(o->ctx->store, &sq, rows) != ERR_OK)
		return OAI_ERROR__MAX;
	if (json_array_size(*rows) == 0)
		return OAI_ID_DOES_NOT_EXIST;
	return OAI_OK;
}

static enum oai_error
list_formats(struct oai *o)
{
	json_t *rows = NULL;
	enum oai_error e;

	if (o->q.identifier != NULL) {
		e = fetch_one(o, &rows);
		json_decref(rows);
		if (e != OAI_OK)
			return e;
	}
	buf_puts(o->b, "<ListMetadataFormats><metadataFormat>"
	    "<metadataPrefix>oai_dc</metadataPrefix>"
	    "<schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>"
	    "<metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/"
	    "</metadataNamespace></metadataFormat></ListMetadataFormats>");
	return OAI_OK;
}

static enum oai_error
list_sets(struct oai *o, int *nosets)
{
	json_t *secs = NULL, *s;
	size_t i;

	if (store_sections_list(o->ctx->store, &secs) != ERR_OK)
		return OAI_ERROR__MAX;
	if (json_array_size(secs) == 0) {
		json_decref(secs);
		*nosets = 1;
		return OAI_OK;
	}
	buf_puts(o->b, "<ListSets>");
	json_array_foreach(secs, i, s) {
		buf_puts(o->b, "<set>");
		elem(o->b, "setSpec", view_str(s, "slug"));
		elem(o->b, "setName", view_str(s, "name"));
		buf_puts(o->b, "</set>");
	}
	buf_puts(o->b, "</ListSets>");
	json_decref(secs);
	return OAI_OK;
}

static enum oai_error
get_record(struct oai *o)
{
	json_t *rows = NULL;
	enum oai_error e;

	if ((e = fetch_one(o, &rows)) == OAI_OK) {
		buf_puts(o->b, "<GetRecord>");
		record(o, json_array_get(rows, 0));
		buf_puts(o->b, "</GetRecord>");
	}
	json_decref(rows);
	return e;
}

/* ListIdentifiers (records 0) and ListRecords (records 1). */
static enum oai_error
list(struct oai *o, int records)
{
	struct store_oai_query sq = { 0 };
	const char *el = records ? "ListRecords" : "ListIdentifiers";
	json_t *rows = NULL, *rec;
	char exp[TIME_ISO_LEN];
	size_t i, n;

	sq.from = *o->q.from != '\0' ? o->q.from : NULL;
	sq.until = *o->q.until != '\0' ? o->q.until : NULL;
	sq.set = o->q.set;
	sq.after_id = o->q.after;
	sq.limit = OAI_PAGE + 1;
	if (store_oai_records(o->ctx->store, &sq, &rows) != ERR_OK)
		return OAI_ERROR__MAX;
	if ((n = json_array_size(rows)) == 0) {
		json_decref(rows);
		return OAI_NO_RECORDS_MATCH;
	}
	buf_printf(o->b, "<%s>", el);
	for (i = 0; i < n && i < OAI_PAGE; i++) {
		rec = json_array_get(rows, i);
		if (records)
			record(o, rec);
		else
			header(o, rec);
	}
	if (n > OAI_PAGE) {
		time_iso(o->now + OAI_TOKEN_TTL, TIME_ISO_SECONDS, exp);
		buf_printf(o->b, "<resumptionToken expirationDate=\"%s\">",
		    exp);
		oai_token_encode(o->b, &o->q, json_integer_value(
		    json_object_get(json_array_get(rows, OAI_PAGE - 1),
		    "id")), o->now + OAI_TOKEN_TTL);
		buf_puts(o->b, "</resumptionToken>");
	} else if (o->q.token != NULL)
		buf_puts(o->b, "<resumptionToken/>");	/* the list's end */
	buf_printf(o->b, "</%s>", el);
	json_decref(rows);
	return OAI_OK;
}

/*
 * The request element: its arguments unless they were at fault (then
 * their names may be anything).
 */
static void
request_elem(struct buf *b, const char *base, const struct param *ps,
    size_t n, enum oai_error e)
{
	size_t i;

	buf_puts(b, "<request");
	if (e != OAI_BAD_VERB && e != OAI_BAD_ARGUMENT)
		for (i = 0; i < n; i++) {
			buf_printf(b, " %s=\"", ps[i].name);
			xml(b, ps[i].value);
			buf_puts(b, "\"");
		}
	buf_puts(b, ">");
	xml(b, base);
	buf_puts(b, "/oai</request>");
}

static void
error_elem(struct buf *b, const char *code, const char *why)
{
	buf_printf(b, "<error code=\"%s\">", code);
	xml(b, why);
	buf_puts(b, "</error>");
}

enum err
page_oai(struct ctx *ctx, struct req *r, struct resp *resp)
{
	const struct param *ps = r->method == HTTP_POST ? r->form : r->query;
	size_t n = r->method == HTTP_POST ? r->nform : r->nquery, len;
	json_t *chrome = NULL;
	struct buf b, vb;
	struct oai o;
	char now[TIME_ISO_LEN], *body;
	const char *why;
	enum oai_error e;
	enum err rc;
	int nosets = 0;

	if ((rc = site_chrome(ctx->site, ctx->store, &chrome)) != ERR_OK)
		return rc;
	memset(&o, 0, sizeof(o));
	o.ctx = ctx;
	o.r = r;
	o.b = &vb;
	o.site = json_object_get(chrome, "site");
	o.base = view_str(o.site, "base_url");
	if (*o.base == '\0') {
		log_warnx("oai: no base_url set: /oai is a 404");
		json_decref(chrome);
		return ERR_NOTFOUND;
	}
	o.host = url_host(r->arena, o.base);
	o.now = site_now(ctx->site);
	e = oai_request_parse(r->arena, ps, n, o.now, &o.q, &why);
	buf_init(&b, OAI_MAX);
	buf_init(&vb, OAI_MAX);
	time_iso(o.now, TIME_ISO_SECONDS, now);
	buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\""
	    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
	    " xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/"
	    " http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">\n"
	    "<responseDate>%s</responseDate>\n", now);
	request_elem(&b, o.base, ps, n, e);
	buf_puts(&b, "\n");
	if (e == OAI_OK) {
		switch (o.q.verb) {
		case OAI_IDENTIFY:
			e = identify(&o);
			break;
		case OAI_LIST_METADATA_FORMATS:
			e = list_formats(&o);
			break;
		case OAI_LIST_SETS:
			e = list_sets(&o, &nosets);
			break;
		case OAI_GET_RECORD:
			e = get_record(&o);
			break;
		case OAI_LIST_IDENTIFIERS:
		case OAI_LIST_RECORDS:
			e = list(&o, o.q.verb == OAI_LIST_RECORDS);
			break;
		default:
			e = OAI_BAD_VERB;
			break;
		}
	}
	json_decref(chrome);
	if (e == OAI_ERROR__MAX)	/* the store failed */
		rc = ERR_DB;
	else if (e != OAI_OK)
		error_elem(&b, codes[e], messages[e] != NULL ? messages[e] :
		    why);
	else if (nosets)
		error_elem(&b, NO_SETS, "The journal has no sections.");
	else
		rc = buf_add(&b, vb.p, vb.len);
	buf_free(&vb);
	if (rc == ERR_OK)
		rc = buf_puts(&b, "\n</OAI-PMH>\n");
	if (rc != ERR_OK) {
		buf_free(&b);
		return rc;
	}
	body = buf_take(&b, &len);
	return site_send_body(ctx, r, resp, body, len,
	    "text/xml; charset=utf-8");
}
