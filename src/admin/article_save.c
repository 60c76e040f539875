/*
 * article_save: the one way an article is written from the back office,
 * whoever calls (the editor's forms; the API's write endpoints later).
 * The caller hands a typed struct (numbers parsed, lists split), never a
 * form; this file decides what the user's role allows, checks every
 * value against the rules and the database, and saves the article with
 * its revision and audit entries in one transaction: either all of it is
 * stored or nothing.  Problems come back per field, worded for the
 * person who typed them.
 *
 * The scheduler lives here too: each second the tick publishes the
 * scheduled articles whose time has come, with nobody signed in.
 */
#include <string.h>

#include "admin.h"

const char *const article_status_names[ARTICLE__MAX] = {
	"draft", "scheduled", "published"
};

enum err
article_status_parse(const char *s, enum article_status *st)
{
	int i;

	for (i = 0; s != NULL && i < ARTICLE__MAX; i++)
		if (strcmp(s, article_status_names[i]) == 0) {
			*st = (enum article_status)i;
			return ERR_OK;
		}
	return ERR_INVAL;
}

void
article_problem(struct article_problems *p, const char *field,
    const char *why)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->p[i].field, field) == 0)
			return;		/* one message a field */
	if (p->n < nitems(p->p)) {
		p->p[p->n].field = field;
		p->p[p->n].why = why;
		p->n++;
	}
}

/* 1 if s is a slug as slug_make writes them: a-z 0-9, single hyphens. */
static int
slug_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > LIMIT_SLUG || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9'))
			continue;
		if (s[i] != '-' || s[i + 1] == '-')
			return 0;
	}
	return 1;
}

/* A one-line text: valid UTF-8, no control characters, at most max. */
static const char *
line_problem(const char *s, size_t max, int required)
{
	size_t i, n = strlen(s);

	if (required && n == 0)
		return "required";
	if (n > max)
		return "too long";
	if (!utf8_valid(s, n))
		return "not valid text";
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return "on one line";
	return NULL;
}

/* The correction note: a kind we know, a real day, text of a size. */
static void
correction_check(const struct article_input *in, struct article_problems *p)
{
	const char *k = in->correction_kind, *d = in->correction_date;
	const char *t = in->correction;
	char iso[TIME_ISO_LEN + 16];
	int64_t when;

	if (k != NULL && *k != '\0' && strcmp(k, "correction") != 0 &&
	    strcmp(k, "update") != 0)
		article_problem(p, "correction_kind", "Choose correction or "
		    "update.");
	snprintf(iso, sizeof(iso), "%sT00:00:00Z", d != NULL ? d : "");
	if (d != NULL && *d != '\0' && (strlen(d) != 10 ||
	    time_parse_iso(iso, &when) != ERR_OK))
		article_problem(p, "correction_date", "Enter a day such as "
		    "2026-12-03.");
	if (t != NULL && (strlen(t) > ARTICLE_CORRECTION_MAX ||
	    !utf8_valid(t, strlen(t))))
		article_problem(p, "correction", "The note must be text of at "
		    "most 4,000 bytes.");
}

/*
 * The values checked against the rules and the database (in the
 * transaction): problems into p; the slug to store into *slug.
 */
static enum err
article_check(struct ctx *ctx, struct req *r, const struct article_input *in,
    int64_t now, struct article_problems *p, const char **slug)
{
	json_t *rows = NULL;
	const char *why;
	struct buf b;
	int64_t owner = 0;
	size_t i;
	int taken = 0;
	enum err rc = ERR_OK;

	if ((why = line_problem(in->title, ARTICLE_TITLE_MAX, 1)) != NULL)
		article_problem(p, "title", strcmp(why, "required") == 0 ?
		    "Enter a title." : arena_printf(r->arena, "The title must "
		    "be %s (at most %d bytes).", why, ARTICLE_TITLE_MAX));
	if ((why = line_problem(in->dek, ARTICLE_DEK_MAX, 0)) != NULL)
		article_problem(p, "dek", arena_printf(r->arena, "The dek "
		    "must be %s (at most %d bytes).", why, ARTICLE_DEK_MAX));
	if (strlen(in->body) > LIMIT_BODY_MD ||
	    !utf8_valid(in->body, strlen(in->body)))
		article_problem(p, "body", "The text must be valid UTF-8 of "
		    "at most 1 MiB.");
	correction_check(in, p);
	if (in->status == ARTICLE_SCHEDULED && in->publish_at == 0)
		article_problem(p, "publish_at", "Choose when to publish it.");
	else if (in->status == ARTICLE_SCHEDULED && in->publish_at <= now)
		article_problem(p, "publish_at", "Choose a time in the "
		    "future, or publish it now.");

	/*
	 * The slug: as typed, or made from the title and made unique.  One
	 * the article has already is kept as it is (an importer's: a
	 * WordPress slug in UTF-8).
	 */
	*slug = in->slug;
	if (*in->slug != '\0' && !slug_ok(in->slug) && (in->id == 0 ||
	    store_article_slug_owner(ctx->store, in->slug, &owner) !=
	    ERR_OK || owner != in->id))
		article_problem(p, "slug", "Use lowercase letters, digits and "
		    "single hyphens only, such as a-day-in-the-life.");
	else if (*in->slug != '\0') {
		if ((rc = store_slug_taken(ctx->store, STORE_SLUG_ARTICLE,
		    in->slug, in->id, &taken)) == ERR_OK && taken)
			article_problem(p, "slug", "Another article has this "
			    "address (now or before a rename): choose "
			    "another.");
	} else if (*in->title != '\0') {
		buf_init(&b, LIMIT_SLUG + 1);
		if (slug_make(&b, in->title, strlen(in->title)) != ERR_OK)
			article_problem(p, "slug", "Choose an address for it.");
		else if ((rc = store_slug_unique(ctx->store,
		    STORE_SLUG_ARTICLE, in->id, &b)) == ERR_OK)
			*slug = arena_strndup(r->arena, b.p, b.len);
		else if (rc == ERR_CONFLICT || rc == ERR_LIMIT) {
			article_problem(p, "slug", "Choose an address for it.");
			rc = ERR_OK;
		}
		buf_free(&b);
	}
	if (rc != ERR_OK)
		return rc;

	if ((rc = store_sections_list(ctx->store, &rows)) != ERR_OK)
		return rc;
	if (article_ref(rows, in->section_id) == NULL)
		article_problem(p, "section", "Choose a section.");
	json_decref(rows);
	if (in->issue_id != 0) {
		json_t *issue;

		if ((rc = store_issues_all(ctx->store, &rows)) != ERR_OK)
			return rc;
		issue = article_ref(rows, in->issue_id);
		if (issue == NULL)
			article_problem(p, "issue", "Choose an issue from the "
			    "list.");
		/* A published article is never in an unpublished issue. */
		else if (in->status != ARTICLE_DRAFT &&
		    strcmp(view_str(issue, "status"), "published") != 0)
			article_problem(p, "issue", "This issue is not "
			    "published yet: keep the article a draft "
			    "(publishing the issue publishes it), or choose "
			    "another issue.");
		json_decref(rows);
	}
	if ((rc = store_people_list(ctx->store, 0, &rows)) != ERR_OK)
		return rc;
	for (i = 0; i < in->nauthors; i++)
		if (article_ref(rows, in->authors[i]) == NULL)
			article_problem(p, "author1", "Choose authors from "
			    "the list.");
	json_decref(rows);
	if (in->nauthors > ARTICLE_AUTHORS_MAX)
		article_problem(p, "author1", "At most 8 authors.");
	if (in->ntags > ARTICLE_TAGS_MAX)
		article_problem(p, "tags", "At most 20 tags.");
	for (i = 0; i < in->ntags; i++)
		if (line_problem(in->tags[i], ARTICLE_TAG_MAX, 1) != NULL)
			article_problem(p, "tags", "Each tag is a few words "
			    "(at most 60 bytes), separated by commas.");
	if (in->ncountries > ARTICLE_COUNTRIES_MAX)
		article_problem(p, "countries", "At most 20 countries.");
	if (in->ncountries > 0) {
		if ((rc = store_countries_list(ctx->store, &rows)) != ERR_OK)
			return rc;
		for (i = 0; i < in->ncountries; i++) {
			json_t *it;
			size_t j;
			int found = 0;

			json_array_foreach(rows, j, it)
				found |= strcmp(view_str(it, "code"),
				    in->countries[i]) == 0;
			if (!found)
				article_problem(p, "countries", arena_printf(
				    r->arena, "%s is not an ISO 3166 country "
				    "code (such as FR, DE, BR).",
				    in->countries[i]));
		}
		json_decref(rows);
	}
	return ERR_OK;
}

/*
 * What u's role allows: an author writes their own drafts only (makes
 * them, edits them while they are drafts, never publishes).
 */
static int
article_allowed(const struct admin_user *u, json_t *old,
    const struct article_input *in)
{
	if (u->role >= ROLE_EDITOR)
		return 1;
	if (in->status != ARTICLE_DRAFT)
		return 0;
	return old == NULL || (json_integer_value(json_object_get(old,
	    "created_by")) == u->id && strcmp(view_str(old, "status"),
	    "draft") == 0);
}

int
article_may_edit(const struct admin_user *u, json_t *old)
{
	struct article_input in = { .status = ARTICLE_DRAFT };

	return article_allowed(u, old, &in);
}

/* The audit's word for a change of status, or NULL for none. */
static const char *
status_action(const char *was, enum article_status now)
{
	if (was != NULL && strcmp(was, article_status_names[now]) == 0)
		return NULL;
	switch (now) {
	case ARTICLE_PUBLISHED:
		return "article published";
	case ARTICLE_SCHEDULED:
		return "article scheduled";
	default:
		return was != NULL && strcmp(was, "draft") != 0 ?
		    "article unpublished" : NULL;
	}
}

enum err
article_save(struct ctx *ctx, struct req *r, const struct admin_user *u,
    const struct article_input *in, const char *note, int64_t now,
    struct article_problems *p, int64_t *id, int64_t *version)
{
	struct store_article_edit e = { 0 };
	json_t *old = NULL;
	const char *slug = NULL, *action, *was = NULL;
	char iso[TIME_ISO_LEN], at[TIME_ISO_LEN];
	int64_t was_at;
	enum err rc;

	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if (in->id != 0 && (rc = store_article_edit_get(ctx->store, in->id,
	    &old)) != ERR_OK)
		goto fail;
	if (!article_allowed(u, old, in)) {
		rc = ERR_AUTH;
		goto fail;
	}
	if ((rc = article_check(ctx, r, in, now, p, &slug)) != ERR_OK)
		goto fail;
	if (p->n > 0) {
		rc = ERR_INVAL;
		goto fail;
	}
	time_iso(now, TIME_ISO_SECONDS, iso);
	/*
	 * The time readers see: the one given; a published article keeps
	 * its own; one published now, now.
	 */
	if (old != NULL)
		was = view_str(old, "status");
	if (in->publish_at != 0 && old != NULL &&
	    time_parse_iso(view_str(old, "published_at"), &was_at) == ERR_OK &&
	    was_at / 60 == in->publish_at / 60)
		/* The form shows minutes: the same minute keeps its seconds. */
		snprintf(at, sizeof(at), "%s", view_str(old, "published_at"));
	else if (in->publish_at != 0)
		time_iso(in->publish_at, TIME_ISO_SECONDS, at);
	else if (old != NULL && (strcmp(was, "published") == 0 ||
	    in->status == ARTICLE_DRAFT))
		snprintf(at, sizeof(at), "%s", view_str(old, "published_at"));
	else
		snprintf(at, sizeof(at), "%s", iso);
	e.id = in->id;
	e.version = in->version;
	e.slug = slug;
	e.title = in->title;
	e.dek = in->dek;
	e.body = in->body;
	e.section_id = in->section_id;
	e.issue_id = in->issue_id;
	e.authors = in->authors;
	e.nauthors = in->nauthors;
	e.tags = in->tags;
	e.ntags = in->ntags;
	e.countries = in->countries;
	e.ncountries = in->ncountries;
	e.status = article_status_names[in->status];
	e.published_at = at;
	e.now = iso;
	e.user_id = u->id;
	e.who = u->email;
	e.note = note != NULL ? note : "";
	e.correction = in->correction != NULL ? in->correction : "";
	e.correction_kind = in->correction_kind;
	/* A note without its day is today's. */
	e.correction_date = in->correction_date != NULL ?
	    in->correction_date : "";
	if (*e.correction != '\0' && *e.correction_date == '\0')
		e.correction_date = arena_strndup(r->arena, iso, 10);
	if (*e.correction == '\0')
		e.correction_date = "";
	if ((rc = store_article_save(ctx->store, &e, id, version)) != ERR_OK)
		goto fail;
	/* Suggested countries: an editor has seen them; else, kept. */
	if (in->reviewed && u->role >= ROLE_EDITOR)
		rc = store_suggestions_put(ctx->store, *id, NULL, 0);
	else
		rc = store_article_suggest(ctx->store, *id, in->title, in->dek,
		    in->body, in->countries, in->ncountries, NULL);
	if (rc != ERR_OK)
		goto fail;
	action = status_action(was, in->status);
	if (action != NULL && (rc = admin_audit(ctx, r, u, NULL, action,
	    arena_printf(r->arena, "%s (%s%s%s)", in->title, slug,
	    in->status == ARTICLE_SCHEDULED ? ", at " : "",
	    in->status == ARTICLE_SCHEDULED ? at : ""))) != ERR_OK)
		goto fail;
	if (note != NULL && *note != '\0' && (rc = admin_audit(ctx, r, u,
	    NULL, "article restored", arena_printf(r->arena, "%s: %s",
	    slug, note))) != ERR_OK)
		goto fail;
	if ((rc = store_commit(ctx->store)) != ERR_OK)
		goto fail;
	json_decref(old);
	return ERR_OK;
fail:
	store_rollback(ctx->store);
	json_decref(old);
	return rc;
}

enum err
article_delete(struct ctx *ctx, struct req *r, const struct admin_user *u,
    int64_t id)
{
	json_t *old = NULL;
	enum err rc;

	if (u->role < ROLE_EDITOR)
		return ERR_AUTH;
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if ((rc = store_article_edit_get(ctx->store, id, &old)) == ERR_OK &&
	    (rc = store_article_delete(ctx->store, id)) == ERR_OK &&
	    (rc = admin_audit(ctx, r, u, NULL, "article deleted",
	    arena_printf(r->arena, "%s (%s)", view_str(old, "title"),
	    view_str(old, "slug")))) == ERR_OK)
		rc = store_commit(ctx->store);
	if (rc != ERR_OK)
		store_rollback(ctx->store);
	json_decref(old);
	return rc;
}

void
article_publish_due(struct store *st, int64_t now)
{
	struct store_audit a = { 0 };
	json_t *due = NULL, *it;
	char iso[TIME_ISO_LEN];
	size_t i;
	enum err rc;

	time_iso(now, TIME_ISO_SECONDS, iso);
	/* Most seconds nothing is due: a read, and no write lock taken. */
	if (store_articles_publish_due(st, iso, 0, &due) != ERR_OK ||
	    json_array_size(due) == 0) {
		json_decref(due);
		return;
	}
	json_decref(due);
	due = NULL;
	if (store_begin(st) != ERR_OK)
		return;
	if ((rc = store_articles_publish_due(st, iso, 1, &due)) != ERR_OK)
		goto fail;
	a.at = now;
	a.who = "scheduler";
	a.action = "article published";
	a.address = "";
	json_array_foreach(due, i, it) {
		char obj[LIMIT_AUDIT_FIELD];

		size_t n;

		n = (size_t)snprintf(obj, sizeof(obj), "%s (%s, as scheduled)",
		    view_str(it, "title"), view_str(it, "slug"));
		/* Cut at a character, not inside one. */
		if (n >= sizeof(obj)) {
			n = sizeof(obj) - 1;
			while (n > 0 && ((unsigned char)obj[n] & 0xc0) == 0x80)
				n--;
			obj[n] = '\0';
		}
		a.object = obj;
		if ((rc = store_audit_add(st, &a)) != ERR_OK)
			goto fail;
	}
	if ((rc = store_commit(st)) != ERR_OK)
		goto fail;
	if (json_array_size(due) > 0)
		log_info("scheduler: published %zu article(s)",
		    json_array_size(due));
	json_decref(due);
	return;
fail:
	store_rollback(st);
	json_decref(due);
	log_warnx("scheduler: cannot publish (%s)", err_str(rc));
}
