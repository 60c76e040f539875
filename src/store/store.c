/*
 * store: the backend-neutral front of the store.  It picks a backend from
 * the DSN and forwards each call through the ops table, so that pages and
 * commands never know which database they talk to.  It also checks what
 * no backend should have to: every URL a record carries to a page must
 * pass url_safe before it is stored (and pages check again when they
 * render, for what an older version or a sqlite3 shell left behind).
 */
#include <string.h>
#include <strings.h>

#include "store_int.h"

struct store {
	const struct store_ops	*ops;
	void			*be;
};

enum err
store_open(const char *dsn, int create, struct store **out)
{
	const struct store_ops *ops = &store_sqlite_ops;
	struct store *s;
	enum err rc;

	if (strncmp(dsn, "postgres://", 11) == 0 ||
	    strncmp(dsn, "postgresql://", 13) == 0) {
		log_warnx("%s: PostgreSQL is not supported by this build yet",
		    "store");
		return ERR_INVAL;
	}
	s = xcalloc(1, sizeof(*s));
	s->ops = ops;
	if ((rc = ops->open(dsn, create, &s->be)) != ERR_OK) {
		free(s);
		return rc;
	}
	*out = s;
	return ERR_OK;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	s->ops->close(s->be);
	free(s);
}

void
store_busy_wait(struct store *s, int ms)
{
	s->ops->busy_wait(s->be, ms);
}

void
store_cache(struct store *s, long kib)
{
	s->ops->cache(s->be, kib);
}

enum err
store_migrate(struct store *s, int *from, int *to)
{
	return s->ops->migrate(s->be, from, to);
}

enum err
store_check_schema(struct store *s)
{
	int have, want;
	enum err rc;

	if ((rc = s->ops->schema_version(s->be, &have, &want)) != ERR_OK)
		return rc;
	if (have == 0) {
		log_warnx("the database has no schema: run 'octavo init'");
		return ERR_INVAL;
	}
	if (have < want) {
		log_warnx("the database schema is version %d, this program "
		    "needs %d: run 'octavo migrate'", have, want);
		return ERR_INVAL;
	}
	if (have > want) {
		log_warnx("the database schema is version %d, newer than "
		    "this program's %d", have, want);
		return ERR_INVAL;
	}
	return ERR_OK;
}

/* Each of these only forwards to the backend. */
#define FWD(name, ...)	return s->ops->name(s->be, ##__VA_ARGS__)

enum err
store_version(struct store *s, int64_t *v)
{
	FWD(version, v);
}

enum err
store_begin(struct store *s)
{
	FWD(begin);
}

enum err
store_commit(struct store *s)
{
	FWD(commit);
}

/* The URL fields of each kind, and what to say when one is refused. */
static const struct {
	const char	*kind;
	const char	*field;
	int		 absolute;	/* must be http(s)://... */
	const char	*why;
} url_fields[] = {
	{ "link", "url", 0, "link url: must be an http, https or mailto URL "
	    "or a relative one, without control characters" },
	{ "publication", "url", 0, "publication url: must be an http, https "
	    "or mailto URL or a relative one, without control characters" },
	{ "publication", "cover", 0, "publication cover: must be an http, "
	    "https or mailto URL or a relative one, without control "
	    "characters" },
	{ "person", "photo", 0, "person photo: must be an http, https or "
	    "mailto URL or a relative one, without control characters" },
	{ "event", "url", 0, "event url: must be an http, https or mailto URL "
	    "or a relative one, without control characters" },
	{ "site", "base_url", 1, "site base_url: must be an absolute http or "
	    "https URL, such as https://journal.example.org" },
};

enum err
store_check(const char *kind, json_t *rec, const char **why)
{
	const char *v;
	json_t *j;
	size_t i, n;

	*why = NULL;
	for (i = 0; i < nitems(url_fields); i++) {
		if (strcmp(kind, url_fields[i].kind) != 0 ||
		    (j = json_object_get(rec, url_fields[i].field)) == NULL ||
		    json_is_null(j))
			continue;
		v = json_string_value(j);
		n = json_string_length(j);
		if (v == NULL || !url_safe(v, n) || (url_fields[i].absolute &&
		    n > 0 && strncasecmp(v, "http://", 7) != 0 &&
		    strncasecmp(v, "https://", 8) != 0)) {
			*why = url_fields[i].why;
			return ERR_INVAL;
		}
	}
	return ERR_OK;
}

enum err
store_put(struct store *s, const char *kind, json_t *rec)
{
	struct store_value *v;
	enum store_kind k;
	const char *why;
	size_t n;
	enum err rc;

	if (store_check(kind, rec, &why) != ERR_OK) {
		log_warnx("%s", why);
		return ERR_INVAL;
	}
	if ((rc = store_values_new(kind, rec, &k, &v, &n)) != ERR_OK)
		return rc;
	rc = s->ops->put(s->be, k, v, n);
	store_values_free(v, n);
	return rc;
}

enum err
store_site_get(struct store *s, json_t **o)
{
	FWD(site_get, o);
}

enum err
store_sections_list(struct store *s, json_t **o)
{
	FWD(sections_list, o);
}

enum err
store_issues_list(struct store *s, json_t **o)
{
	FWD(issues_list, o);
}

enum err
store_sitemap_pages(struct store *s, json_t **o)
{
	FWD(sitemap_pages, o);
}

enum err
store_article_stamps(struct store *s, long limit, long offset, json_t **o,
    long *total)
{
	FWD(article_stamps, limit, offset, o, total);
}

enum err
store_issue_get(struct store *s, long n, json_t **o)
{
	FWD(issue_get, n, o);
}

enum err
store_issue_latest(struct store *s, json_t **o)
{
	FWD(issue_latest, o);
}

enum err
store_article_get(struct store *s, const char *slug, json_t **o)
{
	FWD(article_get, slug, o);
}

enum err
store_person_get(struct store *s, const char *slug, json_t **o)
{
	FWD(person_get, slug, o);
}

enum err
store_people_list(struct store *s, int staff, json_t **o)
{
	FWD(people_list, staff, o);
}

enum err
store_pub_types_list(struct store *s, json_t **o)
{
	FWD(pub_types_list, o);
}

enum err
store_links_list(struct store *s, json_t **o)
{
	FWD(links_list, o);
}

enum err
store_articles_list(struct store *s, const struct store_query *q,
    json_t **o, long *total)
{
	FWD(articles_list, q, o, total);
}

enum err
store_publications_list(struct store *s, const struct store_query *q,
    json_t **o, long *total)
{
	FWD(publications_list, q, o, total);
}

enum err
store_events_list(struct store *s, int upcoming, int64_t now, json_t **o)
{
	FWD(events_list, upcoming, now, o);
}

enum err
store_oai_records(struct store *s, const struct store_oai_query *q,
    json_t **o)
{
	FWD(oai_records, q, o);
}

enum err
store_oai_earliest(struct store *s, json_t **o)
{
	FWD(oai_earliest, o);
}

enum err
store_subscriber_add(struct store *s, const char *email, const char *token,
    int *created)
{
	FWD(subscriber_add, email, token, created);
}

enum err
store_reads_add(struct store *s, const struct store_reads *r, size_t n,
    const char *day)
{
	FWD(reads_add, r, n, day);
}

enum err
store_user_add(struct store *s, const char *email, const char *role,
    const char *password, int64_t now, int64_t *id)
{
	FWD(user_add, email, role, password, now, id);
}

enum err
store_user_get(struct store *s, int64_t id, json_t **o)
{
	FWD(user_get, id, o);
}

enum err
store_user_find(struct store *s, const char *email, json_t **o)
{
	FWD(user_find, email, o);
}

enum err
store_users_list(struct store *s, json_t **o)
{
	FWD(users_list, o);
}

enum err
store_user_set(struct store *s, int64_t id, enum store_user_field f,
    const char *text, int64_t num)
{
	if ((unsigned)f >= STORE_USER__MAX)
		return ERR_INVAL;
	FWD(user_set, id, f, text, num);
}

enum err
store_session_add(struct store *s, const char *hash, int64_t user,
    int64_t now, const char *addr, const char *ua)
{
	FWD(session_add, hash, user, now, addr, ua);
}

enum err
store_session_get(struct store *s, const char *hash, json_t **o)
{
	FWD(session_get, hash, o);
}

enum err
store_session_touch(struct store *s, const char *hash, int64_t now)
{
	FWD(session_touch, hash, now);
}

enum err
store_session_delete(struct store *s, const char *hash)
{
	FWD(session_delete, hash);
}

enum err
store_sessions_end(struct store *s, int64_t user, const char *keep,
    long *n)
{
	FWD(sessions_end, user, keep, n);
}

enum err
store_sessions_live(struct store *s, int64_t seen_after,
    int64_t created_after, json_t **o)
{
	FWD(sessions_live, seen_after, created_after, o);
}

enum err
store_sessions_purge(struct store *s, int64_t seen_before,
    int64_t created_before)
{
	FWD(sessions_purge, seen_before, created_before);
}

enum err
store_auth_version(struct store *s, int64_t *v)
{
	FWD(auth_version, v);
}

enum err
store_audit_add(struct store *s, const struct store_audit *e)
{
	FWD(audit_add, e);
}

enum err
store_audit_list(struct store *s, long limit, long offset, json_t **o,
    long *total)
{
	FWD(audit_list, limit, offset, o, total);
}

enum err
store_counts(struct store *s, json_t **o)
{
	FWD(counts, o);
}

enum err
store_token_add(struct store *s, const struct store_token *t, int64_t *id)
{
	FWD(token_add, t, id);
}

enum err
store_token_find(struct store *s, const char *hash, json_t **o)
{
	FWD(token_find, hash, o);
}

enum err
store_tokens_list(struct store *s, json_t **o)
{
	FWD(tokens_list, o);
}

enum err
store_token_revoke(struct store *s, int64_t id, int64_t now)
{
	FWD(token_revoke, id, now);
}

enum err
store_token_touch(struct store *s, int64_t id, int64_t now)
{
	FWD(token_touch, id, now);
}

enum err
store_media_add(struct store *s, const struct store_media *m, int64_t *id)
{
	FWD(media_add, m, id);
}

enum err
store_media_get(struct store *s, int64_t id, const char *name, json_t **o)
{
	FWD(media_get, id, name, o);
}

enum err
store_media_list(struct store *s, long limit, long offset, json_t **o,
    long *total)
{
	FWD(media_list, limit, offset, o, total);
}

enum err
store_media_alt_set(struct store *s, int64_t id, const char *alt)
{
	FWD(media_alt_set, id, alt);
}

enum err
store_media_delete(struct store *s, int64_t id)
{
	FWD(media_delete, id);
}

enum err
store_media_usage(struct store *s, json_t *names, json_t **o)
{
	FWD(media_usage, names, o);
}

enum err
store_dashboard(struct store *s, const struct store_dashboard *q, json_t **o)
{
	FWD(dashboard, q, o);
}

enum err
store_issues_page(struct store *s, long limit, long offset, json_t **o,
    long *total)
{
	FWD(issues_page, limit, offset, o, total);
}

enum err
store_issue_by_id(struct store *s, int64_t id, json_t **o)
{
	FWD(issue_by_id, id, o);
}

enum err
store_issue_save(struct store *s, const struct store_issue *i, int64_t *id)
{
	FWD(issue_save, i, id);
}

enum err
store_issue_delete(struct store *s, int64_t id)
{
	FWD(issue_delete, id);
}

enum err
store_issue_articles(struct store *s, int64_t id, json_t **o)
{
	FWD(issue_articles, id, o);
}

enum err
store_articles_unassigned(struct store *s, const char *search, long limit,
    json_t **o)
{
	FWD(articles_unassigned, search, limit, o);
}

enum err
store_issue_article_add(struct store *s, int64_t issue, int64_t article)
{
	FWD(issue_article_add, issue, article);
}

enum err
store_issue_article_remove(struct store *s, int64_t issue, int64_t article)
{
	FWD(issue_article_remove, issue, article);
}

enum err
store_issue_order(struct store *s, int64_t issue, const int64_t *articles,
    size_t n)
{
	FWD(issue_order, issue, articles, n);
}

enum err
store_issue_publish(struct store *s, int64_t id, int publish,
    const char *now, long *n)
{
	FWD(issue_publish, id, publish, now, n);
}

enum err
store_sections_page(struct store *s, json_t **o)
{
	FWD(sections_page, o);
}

enum err
store_section_by_id(struct store *s, int64_t id, json_t **o)
{
	FWD(section_by_id, id, o);
}

enum err
store_section_save(struct store *s, const struct store_section *sec,
    int64_t *id)
{
	FWD(section_save, sec, id);
}

enum err
store_section_delete(struct store *s, int64_t id)
{
	FWD(section_delete, id);
}

enum err
store_sections_order(struct store *s, const int64_t *ids, size_t n)
{
	FWD(sections_order, ids, n);
}

enum err
store_slug_taken(struct store *s, enum store_slugged k, const char *slug,
    int64_t except, int *taken)
{
	int64_t owner = 0;
	enum err rc;

	if ((unsigned)k >= STORE_SLUG__MAX)
		return ERR_INVAL;
	if (k == STORE_SLUG_ARTICLE) {
		rc = store_article_slug_owner(s, slug, &owner);
		*taken = owner != 0 && owner != except;
		return rc;
	}
	FWD(slug_taken, k, slug, except, taken);
}

struct slug_probe {
	struct store		*s;
	enum store_slugged	 k;
	int64_t			 except;
	enum err		 rc;
};

static int
slug_probe_taken(void *arg, const char *slug, size_t n)
{
	struct slug_probe *p = arg;
	char tmp[LIMIT_SLUG + 1];
	int taken = 1;

	if (p->rc != ERR_OK || n >= sizeof(tmp))
		return 1;
	memcpy(tmp, slug, n);
	tmp[n] = '\0';
	p->rc = store_slug_taken(p->s, p->k, tmp, p->except, &taken);
	return p->rc != ERR_OK || taken;
}

enum err
store_slug_unique(struct store *s, enum store_slugged k, int64_t except,
    struct buf *b)
{
	struct slug_probe p = { s, k, except, ERR_OK };
	enum err rc;

	rc = slug_claim(b, NULL, slug_probe_taken, &p);
	return p.rc != ERR_OK ? p.rc : rc;
}

enum err
store_people_page(struct store *s, const struct store_find *q, json_t **o,
    long *total)
{
	FWD(people_page, q, o, total);
}

enum err
store_person_by_id(struct store *s, int64_t id, json_t **o)
{
	FWD(person_by_id, id, o);
}

enum err
store_person_save(struct store *s, const struct store_person *p,
    int64_t *id)
{
	FWD(person_save, p, id);
}

enum err
store_person_delete(struct store *s, int64_t id)
{
	FWD(person_delete, id);
}

enum err
store_person_uses(struct store *s, int64_t id, json_t **o)
{
	FWD(person_uses, id, o);
}

enum err
store_article_edit_get(struct store *s, int64_t id, json_t **o)
{
	FWD(article_edit_get, id, o);
}

enum err
store_articles_admin(struct store *s, const struct store_article_filter *f,
    json_t **o, long *total)
{
	FWD(articles_admin, f, o, total);
}

enum err
store_article_save(struct store *s, const struct store_article_edit *e,
    int64_t *id, int64_t *version)
{
	FWD(article_save, e, id, version);
}

enum err
store_article_delete(struct store *s, int64_t id)
{
	FWD(article_delete, id);
}

enum err
store_article_slug_owner(struct store *s, const char *slug, int64_t *id)
{
	FWD(article_slug_owner, slug, id);
}

enum err
store_article_moved(struct store *s, const char *slug, json_t **o)
{
	FWD(article_moved, slug, o);
}

enum err
store_revisions_list(struct store *s, int64_t article, json_t **o)
{
	FWD(revisions_list, article, o);
}

enum err
store_revision_get(struct store *s, int64_t article, int64_t id,
    int64_t version, json_t **o)
{
	FWD(revision_get, article, id, version, o);
}

enum err
store_articles_publish_due(struct store *s, const char *now, int apply,
    json_t **o)
{
	FWD(articles_publish_due, now, apply, o);
}

enum err
store_issues_all(struct store *s, json_t **o)
{
	FWD(issues_all, o);
}

enum err
store_countries_list(struct store *s, json_t **o)
{
	FWD(countries_list, o);
}

enum err
store_article_around(struct store *s, int64_t id, json_t **o)
{
	FWD(article_around, id, o);
}

enum err
store_article_related(struct store *s, int64_t id, json_t *exclude,
    long limit, json_t **o)
{
	FWD(article_related, id, exclude, limit, o);
}

enum err
store_search(struct store *s, struct store_search *q, json_t **rows,
    long *total, int *more)
{
	FWD(search, q, rows, total, more);
}

enum err
store_articles_similar(struct store *s, int64_t id, long limit,
    json_t **rows)
{
	FWD(articles_similar, id, limit, rows);
}

enum err
store_search_hold(struct store *s, int hold)
{
	FWD(search_hold, hold);
}

enum err
store_search_choices(struct store *s, json_t **out)
{
	FWD(search_choices, out);
}

void
store_rollback(struct store *s)
{
	s->ops->rollback(s->be);
}

/* The kinds store_item_* take, by name. */
static enum err
item_kind(const char *kind, enum store_kind *k)
{
	static const struct {
		const char	*name;
		enum store_kind	 kind;
	} items[] = {
		{ "publication", STORE_PUBLICATION },
		{ "pub_type", STORE_PUB_TYPE },
		{ "link", STORE_LINK },
		{ "event", STORE_EVENT },
	};
	size_t i;

	for (i = 0; i < nitems(items); i++)
		if (strcmp(kind, items[i].name) == 0) {
			*k = items[i].kind;
			return ERR_OK;
		}
	return ERR_INVAL;
}

enum err
store_item_list(struct store *s, const char *kind,
    const struct store_item_query *q, json_t **o, long *total)
{
	enum store_kind k;

	if (item_kind(kind, &k) != ERR_OK)
		return ERR_INVAL;
	FWD(item_list, k, q, o, total);
}

enum err
store_item_get(struct store *s, const char *kind, int64_t id, json_t **o)
{
	enum store_kind k;

	if (item_kind(kind, &k) != ERR_OK)
		return ERR_INVAL;
	FWD(item_get, k, id, o);
}

enum err
store_item_save(struct store *s, const char *kind, int64_t id, json_t *rec,
    int64_t *out)
{
	struct store_value *v;
	enum store_kind k;
	const char *why;
	size_t n;
	enum err rc;

	if (item_kind(kind, &k) != ERR_OK)
		return ERR_INVAL;
	if (store_check(kind, rec, &why) != ERR_OK) {
		log_warnx("%s", why);
		return ERR_INVAL;
	}
	if ((rc = store_values_new(kind, rec, &k, &v, &n)) != ERR_OK)
		return rc;
	rc = s->ops->item_save(s->be, k, id, v, n, out);
	store_values_free(v, n);
	return rc;
}

enum err
store_item_delete(struct store *s, const char *kind, int64_t id)
{
	enum store_kind k;

	if (item_kind(kind, &k) != ERR_OK)
		return ERR_INVAL;
	FWD(item_delete, k, id);
}

enum err
store_item_move(struct store *s, const char *kind, int64_t id, long to)
{
	enum store_kind k;

	if (item_kind(kind, &k) != ERR_OK)
		return ERR_INVAL;
	FWD(item_move, k, id, to);
}

enum err
store_secret_get(struct store *s, const char *name, char *hex, size_t len)
{
	FWD(secret_get, name, hex, len);
}

enum err
store_signup(struct store *s, const struct store_signup *u, int *queued)
{
	FWD(signup, u, queued);
}

enum err
store_subscriber_get(struct store *s, int64_t id, json_t **o)
{
	FWD(subscriber_get, id, o);
}

enum err
store_subscriber_set(struct store *s, int64_t id, const char *status,
    const char *topics, int64_t now)
{
	FWD(subscriber_set, id, status, topics, now);
}

enum err
store_deliveries_claim(struct store *s, int64_t now, int64_t lease, long max,
    json_t **o)
{
	FWD(deliveries_claim, now, lease, max, o);
}

enum err
store_deliveries_done(struct store *s, const struct store_delivery_result *r,
    size_t n, int64_t now)
{
	FWD(deliveries_done, r, n, now);
}

enum err
store_delivery_add(struct store *s, const char *kind, const char *address,
    int64_t subscriber, int64_t campaign, int64_t now)
{
	FWD(delivery_add, kind, address, subscriber, campaign, now);
}

enum err
store_mail_sent_since(struct store *s, int64_t since, long *n)
{
	FWD(mail_sent_since, since, n);
}

enum err
store_mail_pending(struct store *s, long *n)
{
	FWD(mail_pending, n);
}

enum err
store_subscriber_bounce(struct store *s, const char *address, int64_t now,
    int *found)
{
	FWD(subscriber_bounce, address, now, found);
}

enum err
store_campaign_get(struct store *s, int64_t id, json_t **o)
{
	FWD(campaign_get, id, o);
}

enum err
store_campaign_queue(struct store *s, int64_t id, int64_t now, long *n)
{
	FWD(campaign_queue, id, now, n);
}

enum err
store_campaigns_list(struct store *s, json_t **o)
{
	FWD(campaigns_list, o);
}

enum err
store_campaign_save(struct store *s, const struct store_campaign *c,
    int64_t *id)
{
	FWD(campaign_save, c, id);
}

enum err
store_campaign_schedule(struct store *s, int64_t id, int64_t at)
{
	FWD(campaign_schedule, id, at);
}

enum err
store_campaigns_due(struct store *s, int64_t now, long *n)
{
	FWD(campaigns_due, now, n);
}

enum err
store_campaign_last(struct store *s, int64_t *at)
{
	FWD(campaign_last, at);
}

enum err
store_subscribers_list(struct store *s, const char *q, const char *status,
    long limit, long offset, json_t **o, long *total)
{
	FWD(subscribers_list, q, status, limit, offset, o, total);
}

enum err
store_subscriber_erase(struct store *s, int64_t id)
{
	FWD(subscriber_erase, id);
}

enum err
store_subscriber_import(struct store *s, const char *email, const char *salt,
    const char *consent, int64_t now, int *added)
{
	FWD(subscriber_import, email, salt, consent, now, added);
}

enum err
store_redirect_put(struct store *s, const struct store_redirect *r,
    int *changed)
{
	FWD(redirect_put, r, changed);
}

enum err
store_redirect_find(struct store *s, const char *path, json_t **o)
{
	FWD(redirect_find, path, o);
}

enum err
store_redirects_count(struct store *s, const char *origin, long *n)
{
	FWD(redirects_count, origin, n);
}

enum err
store_import_id_get(struct store *s, const struct store_import_id *k,
    json_t **o)
{
	FWD(import_id_get, k, o);
}

enum err
store_import_id_put(struct store *s, const struct store_import_id *k)
{
	FWD(import_id_put, k);
}

enum err
store_comment_put(struct store *s, const struct store_comment *c,
    int64_t *id)
{
	FWD(comment_put, c, id);
}

enum err
store_article_reads_set(struct store *s, int64_t article, int64_t reads)
{
	FWD(article_reads_set, article, reads);
}

enum err
store_article_extra_set(struct store *s, int64_t article, const char *json,
    int *changed)
{
	FWD(article_extra_set, article, json, changed);
}

enum err
store_articles_most_read(struct store *s, const char *since, long limit,
    json_t **o)
{
	FWD(articles_most_read, since, limit, o);
}

enum err
store_articles_section_outside(struct store *s, const char *section,
    long issue, long limit, json_t **o)
{
	FWD(articles_section_outside, section, issue, limit, o);
}

enum err
store_dump(struct store *s, enum err (*fn)(void *, const char *, json_t *),
    void *arg)
{
	FWD(dump, fn, arg);
}

/* The lists are the same for every backend: the SQLite one names them. */
const char *
store_dump_list(int i)
{
	return sqlite_dump_list(i);
}

enum err
store_dump_empty(struct store *s, const char **nonempty)
{
	FWD(dump_empty, nonempty);
}

enum err
store_load(struct store *s, const char *list, json_t *rec)
{
	FWD(load, list, rec);
}

enum err
store_dump_check(struct store *s, char *why, size_t len)
{
	FWD(dump_check, why, len);
}

enum err
store_article_slug_keep(struct store *s, int64_t id, const char *slug)
{
	FWD(article_slug_keep, id, slug);
}

enum err
store_authors_index(struct store *s, json_t **o)
{
	FWD(authors_index, o);
}

enum err
store_tag_get(struct store *s, const char *slug, json_t **o)
{
	FWD(tag_get, slug, o);
}

enum err
store_country_get(struct store *s, const char *code, json_t **o)
{
	FWD(country_get, code, o);
}

enum err
store_terms_list(struct store *s, int countries, json_t **o)
{
	FWD(terms_list, countries, o);
}

enum err
store_article_terms(struct store *s, int64_t id, json_t **o)
{
	FWD(article_terms, id, o);
}

enum err
store_issues_archive(struct store *s, json_t **o)
{
	FWD(issues_archive, o);
}

enum err
store_events_past(struct store *s, int64_t now, long limit, long offset,
    json_t **o, long *total)
{
	FWD(events_past, now, limit, offset, o, total);
}

enum err
store_sync_set(struct store *s, int full)
{
	FWD(sync_set, full);
}

enum err
store_suggestions_put(struct store *s, int64_t article,
    const struct store_suggestion *sg, size_t n)
{
	FWD(suggestions_put, article, sg, n);
}

enum err
store_suggestions_list(struct store *s, int64_t article, long limit,
    long offset, json_t **o)
{
	FWD(suggestions_list, article, limit, offset, o);
}

enum err
store_suggestions_count(struct store *s, long *articles, long *n)
{
	FWD(suggestions_count, articles, n);
}
