/*
 * oai_args: an OAI-PMH request's arguments, checked as the protocol says
 * (section 3.1 and the verbs' argument lists), and the resumption
 * tokens.  Everything here reads untrusted bytes and has a fuzz target
 * (fuzz/fuzz_oai.c).
 *
 * A resumption token carries the whole state of a list, so the server
 * keeps none and a token survives a restart:
 *
 *	1.<expiry>.<after id>.<from>.<until>.<set>.<check>
 *
 * expiry in seconds since the epoch, the last id sent, the request's
 * bounds as datestamps (empty when open) and set (empty when none), and
 * check, 16 hex digits of BLAKE2b over what precedes it.  The check
 * finds a damaged token; it is not a signature, and need not be: a
 * token only narrows a list of what anyone may harvest, so a forged one
 * (a later expiry, another cursor) gains nothing that a request could
 * not ask.  A token past its expiry is refused (badResumptionToken).
 */
#include <sodium.h>
#include <string.h>

#include "web.h"

static const char *const verbs[OAI_VERB__MAX] = {
	[OAI_IDENTIFY] = "Identify",
	[OAI_LIST_METADATA_FORMATS] = "ListMetadataFormats",
	[OAI_LIST_SETS] = "ListSets",
	[OAI_GET_RECORD] = "GetRecord",
	[OAI_LIST_IDENTIFIERS] = "ListIdentifiers",
	[OAI_LIST_RECORDS] = "ListRecords",
};

/* The arguments each verb allows, beside "verb". */
#define A_ID	0x01
#define A_PREFIX 0x02
#define A_FROM	0x04
#define A_UNTIL	0x08
#define A_SET	0x10
#define A_TOKEN	0x20
static const char *const arg_names[] = { "identifier", "metadataPrefix",
    "from", "until", "set", "resumptionToken" };
static const unsigned allowed[OAI_VERB__MAX] = {
	[OAI_IDENTIFY] = 0,
	[OAI_LIST_METADATA_FORMATS] = A_ID,
	[OAI_LIST_SETS] = A_TOKEN,
	[OAI_GET_RECORD] = A_ID | A_PREFIX,
	[OAI_LIST_IDENTIFIERS] = A_PREFIX | A_FROM | A_UNTIL | A_SET |
	    A_TOKEN,
	[OAI_LIST_RECORDS] = A_PREFIX | A_FROM | A_UNTIL | A_SET | A_TOKEN,
};

const char *
oai_verb_name(enum oai_verb v)
{
	return v >= 0 && v < OAI_VERB__MAX ? verbs[v] : "";
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/*
 * A datestamp argument, "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ssZ", as a
 * full stamp into out (the day's first second for from, its last for
 * until); *fine gets 1 for the second form.  0 if it is neither.
 */
int
oai_date_parse(const char *s, int until, char out[OAI_STAMP_LEN],
    int *fine)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	size_t n = strlen(s);
	int m, d;

	if ((n != 10 && n != 20) || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return 0;
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (n == 20 && (s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' ||
	    !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2) ||
	    s[19] != 'Z' || num(s + 11, 2) > 23 || num(s + 14, 2) > 59 ||
	    num(s + 17, 2) > 59))
		return 0;
	*fine = n == 20;
	if (n == 20)
		memcpy(out, s, 21);
	else
		snprintf(out, OAI_STAMP_LEN, "%.10sT%s", s, until ?
		    "23:59:59Z" : "00:00:00Z");
	return 1;
}

/* The check of a token's first n bytes, as 16 hex digits and a NUL. */
static void
token_check(const char *t, size_t n, char hex[17])
{
	unsigned char h[8];

	crypto_generichash(h, sizeof(h), (const unsigned char *)t, n, NULL,
	    0);
	sodium_bin2hex(hex, 17, h, sizeof(h));
}

enum err
oai_token_encode(struct buf *b, const struct oai_request *q, int64_t after,
    int64_t expires)
{
	size_t start = b->len;
	char hex[17];
	enum err rc;

	if ((rc = buf_printf(b, "1.%lld.%lld.%s.%s.%s.",
	    (long long)expires, (long long)after, q->from, q->until,
	    q->set != NULL ? q->set : "")) != ERR_OK)
		return rc;
	token_check(b->p + start, b->len - start, hex);
	return buf_puts(b, hex);
}

/* The next field of a token, up to '.', into out (cap bytes). */
static int
field(const char **p, char *out, size_t cap)
{
	const char *e = strchr(*p, '.');
	size_t n;

	if (e == NULL)
		return 0;
	n = (size_t)(e - *p);
	if (n >= cap)
		return 0;
	memcpy(out, *p, n);
	out[n] = '\0';
	*p = e + 1;
	return 1;
}

static int
set_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > LIMIT_SLUG)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/*
 * A full stamp as a token carries it ("" or "YYYY-MM-DDThh:mm:ssZ"),
 * checked.
 */
static int
stamp_ok(const char *s)
{
	char tmp[OAI_STAMP_LEN];
	int fine;

	return *s == '\0' || (oai_date_parse(s, 0, tmp, &fine) && fine);
}

enum oai_error
oai_token_decode(struct arena *a, const char *tok, int64_t now,
    struct oai_request *q)
{
	char ver[4], exp[24], after[24], set[LIMIT_SLUG + 1], hex[17];
	const char *p = tok;
	long long e, id;

	if (strlen(tok) > OAI_TOKEN_MAX || !field(&p, ver, sizeof(ver)) ||
	    strcmp(ver, "1") != 0 || !field(&p, exp, sizeof(exp)) ||
	    !field(&p, after, sizeof(after)) ||
	    !field(&p, q->from, OAI_STAMP_LEN) ||
	    !field(&p, q->until, OAI_STAMP_LEN) ||
	    !field(&p, set, sizeof(set)) || strlen(p) != 16)
		return OAI_BAD_RESUMPTION_TOKEN;
	token_check(tok, (size_t)(p - tok), hex);
	if (sodium_memcmp(hex, p, 16) != 0 ||
	    str_to_ll(exp, 0, INT64_MAX, &e) != ERR_OK ||
	    str_to_ll(after, 0, INT64_MAX, &id) != ERR_OK ||
	    !stamp_ok(q->from) || !stamp_ok(q->until) ||
	    (*set != '\0' && !set_ok(set)))
		return OAI_BAD_RESUMPTION_TOKEN;
	if (e < now)
		return OAI_BAD_RESUMPTION_TOKEN;
	q->after = id;
	q->set = *set != '\0' ? arena_strdup(a, set) : NULL;
	q->prefix = "oai_dc";
	return OAI_OK;
}

/* Which of arg_names name is, as its A_ bit; 0 if none. */
static unsigned
arg_bit(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(arg_names); i++)
		if (strcmp(name, arg_names[i]) == 0)
			return 1u << i;
	return 0;
}

enum oai_error
oai_request_parse(struct arena *a, const struct param *ps, size_t n,
    int64_t now, struct oai_request *q, const char **why)
{
	const char *verb = NULL, *vals[nitems(arg_names)] = { 0 };
	unsigned seen = 0, bit;
	int ffine = 0, ufine = 0;
	size_t i, k;

	memset(q, 0, sizeof(*q));
	q->verb = OAI_VERB__MAX;
	*why = "";
	for (i = 0; i < n; i++) {
		if (strcmp(ps[i].name, "verb") == 0) {
			if (verb != NULL) {
				*why = "the verb is given more than once";
				return OAI_BAD_VERB;
			}
			verb = ps[i].value;
		}
	}
	if (verb == NULL) {
		*why = "no verb";
		return OAI_BAD_VERB;
	}
	for (k = 0; k < OAI_VERB__MAX; k++)
		if (strcmp(verb, verbs[k]) == 0)
			q->verb = (enum oai_verb)k;
	if (q->verb == OAI_VERB__MAX) {
		*why = "not an OAI-PMH verb";
		return OAI_BAD_VERB;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(ps[i].name, "verb") == 0)
			continue;
		bit = arg_bit(ps[i].name);
		if (bit == 0 || (allowed[q->verb] & bit) == 0) {
			*why = arena_printf(a, "%s takes no argument %s",
			    verbs[q->verb], ps[i].name);
			return OAI_BAD_ARGUMENT;
		}
		if (seen & bit) {
			*why = arena_printf(a, "%s is given more than once",
			    ps[i].name);
			return OAI_BAD_ARGUMENT;
		}
		seen |= bit;
		for (k = 0; (1u << k) != bit; k++)
			continue;
		vals[k] = ps[i].value;
	}
	q->identifier = vals[0];
	q->prefix = vals[1];
	q->set = vals[4];
	q->token = vals[5];
	if (q->token != NULL) {
		if (seen != A_TOKEN) {
			*why = "resumptionToken is an exclusive argument";
			return OAI_BAD_ARGUMENT;
		}
		if (q->verb == OAI_LIST_SETS)
			return OAI_BAD_RESUMPTION_TOKEN; /* none is issued */
		return oai_token_decode(a, q->token, now, q);
	}
	if (q->verb == OAI_GET_RECORD && (q->identifier == NULL ||
	    q->prefix == NULL)) {
		*why = "GetRecord needs identifier and metadataPrefix";
		return OAI_BAD_ARGUMENT;
	}
	if ((q->verb == OAI_LIST_IDENTIFIERS ||
	    q->verb == OAI_LIST_RECORDS) && q->prefix == NULL) {
		*why = arena_printf(a, "%s needs metadataPrefix",
		    verbs[q->verb]);
		return OAI_BAD_ARGUMENT;
	}
	if (vals[2] != NULL && !oai_date_parse(vals[2], 0, q->from, &ffine)) {
		*why = "from is not a date (YYYY-MM-DD or "
		    "YYYY-MM-DDThh:mm:ssZ)";
		return OAI_BAD_ARGUMENT;
	}
	if (vals[3] != NULL && !oai_date_parse(vals[3], 1, q->until,
	    &ufine)) {
		*why = "until is not a date (YYYY-MM-DD or "
		    "YYYY-MM-DDThh:mm:ssZ)";
		return OAI_BAD_ARGUMENT;
	}
	if (vals[2] != NULL && vals[3] != NULL) {
		if (ffine != ufine) {
			*why = "from and until have different granularities";
			return OAI_BAD_ARGUMENT;
		}
		if (strcmp(q->from, q->until) > 0) {
			*why = "from is later than until";
			return OAI_BAD_ARGUMENT;
		}
	}
	if (q->set != NULL && !set_ok(q->set))
		return OAI_NO_RECORDS_MATCH;	/* no such set */
	if (q->prefix != NULL && strcmp(q->prefix, "oai_dc") != 0)
		return OAI_CANNOT_DISSEMINATE_FORMAT;
	return OAI_OK;
}
