/*
 * home: the front page.  From the top: the lead article (the home_lead
 * setting's article when it names a published one, else the newest
 * article of the current issue, else the newest article), the current
 * issue's contents, the most read of the last HOME_READ_DAYS days (from
 * the read counter's daily rows) and the latest articles of each
 * section.
 *
 * Invariant: no article is shown twice.  Each list is filled in that
 * order, skipping the ids already on the page, and holds enough rows
 * that the skipped ones cannot leave it short: a section's query leaves
 * out the issue's articles itself and asks for HOME_PER_SECTION plus
 * the lead and most read of that section; the most-read list holds
 * HOME_MOST_READ_KEPT, more than an issue's contents and the lead skip
 * (an issue of hundreds of articles may leave it short, never wrong).
 *
 * The most read cost what the window's daily rows cost to sum: 44 ms
 * for 90,000 rows (3,000 articles read every day), too much for a page.
 * So the tick thread sums them (web_part's hooks: at start, then every
 * HOME_MOST_READ_EVERY seconds) and the page takes the list it keeps;
 * without the part started (octavo render) the page sums them itself.
 * The other queries are short index ranges (test_store_plans), and the
 * page is then served from the page cache until the content changes,
 * so its most-read list is as old as the page.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

#define HOME_READ_DAYS		30	/* most read: today, 29 days before */
#define HOME_MOST_READ		5
#define HOME_MOST_READ_KEPT	60	/* rows the tick keeps */
#define HOME_MOST_READ_EVERY	600	/* seconds between sums */
#define HOME_PER_SECTION	2

/* The public site's state: the most read, summed on the tick thread. */
struct web {
	pthread_mutex_t	 lock;
	json_t		*most_read;	/* store rows, never changed once
					   kept: readers copy what they use */
	int64_t		 at;		/* when they were summed */
};

/*
 * The articles already on the page: their ids (a few hundred with an
 * issue's contents; each list's candidates are checked against them,
 * a scan of a flat array) and, for those not in the issue, their
 * sections.  In the request's arena.
 */
struct shown {
	struct arena	 *arena;
	int64_t		 *ids;
	const char	**outside;	/* section slug; NULL: in the issue */
	size_t		  n, cap;
};

static int64_t
row_id(json_t *row)
{
	return json_integer_value(json_object_get(row, "id"));
}

static int
shown_has(struct shown *sh, json_t *row)
{
	int64_t id = row_id(row);
	size_t i;

	for (i = 0; i < sh->n; i++)
		if (sh->ids[i] == id)
			return 1;
	return 0;
}

/* Row shown; outside: it is not one of the issue's contents. */
static void
shown_add(struct shown *sh, json_t *row, int outside)
{
	int64_t *ids;
	const char **sec;

	if (sh->n == sh->cap) {
		sh->cap = sh->cap > 0 ? 2 * sh->cap : 64;
		ids = arena_alloc(sh->arena, sh->cap * sizeof(*ids));
		sec = arena_alloc(sh->arena, sh->cap * sizeof(*sec));
		if (sh->n > 0) {
			memcpy(ids, sh->ids, sh->n * sizeof(*ids));
			memcpy(sec, sh->outside, sh->n * sizeof(*sec));
		}
		sh->ids = ids;
		sh->outside = sec;
	}
	sh->ids[sh->n] = row_id(row);
	sh->outside[sh->n++] = outside ? arena_strdup(sh->arena, view_str(
	    json_object_get(row, "section"), "slug")) : NULL;
}

/* How many shown articles outside the issue are of section slug. */
static long
shown_outside(struct shown *sh, const char *slug)
{
	size_t i;
	long n = 0;

	for (i = 0; i < sh->n; i++)
		if (sh->outside[i] != NULL && strcmp(sh->outside[i], slug) == 0)
			n++;
	return n;
}

/*
 * Rows without the shown ones, at most max (0: all), each then shown;
 * outside as shown_add's.  With copy set, copies (rows are the kept
 * most-read list, shared: the view is made in place).
 */
static json_t *
unshown(struct shown *sh, json_t *rows, size_t max, int outside, int copy)
{
	json_t *out = json_array(), *row;
	size_t i;

	json_array_foreach(rows, i, row) {
		if (max > 0 && json_array_size(out) >= max)
			break;
		if (shown_has(sh, row))
			continue;
		json_array_append_new(out, copy ? json_deep_copy(row) :
		    json_incref(row));
	}
	json_array_foreach(out, i, row)
		shown_add(sh, row, outside);
	return out;
}

/* The newest of rows (published_at, then id), or NULL; borrowed. */
static json_t *
newest(json_t *rows)
{
	json_t *best = NULL, *row;
	const char *a, *b;
	size_t i;

	json_array_foreach(rows, i, row) {
		if (best == NULL) {
			best = row;
			continue;
		}
		a = view_str(row, "published_at");
		b = view_str(best, "published_at");
		if (strcmp(a, b) > 0 || (strcmp(a, b) == 0 &&
		    json_integer_value(json_object_get(row, "id")) >
		    json_integer_value(json_object_get(best, "id"))))
			best = row;
	}
	return best;
}

/*
 * The lead's row (a new reference) into *lead, or NULL when there is
 * no article at all: the setting's article, else the issue's newest,
 * else the journal's newest.
 */
static enum err
home_lead(struct ctx *ctx, json_t *site, json_t *issue_rows, json_t **lead)
{
	struct store_query q = { .limit = 1 };
	const char *slug = view_str(site, "home_lead");
	json_t *rows = NULL;
	enum err rc;

	*lead = NULL;
	if (*slug != '\0') {
		rc = store_article_get(ctx->store, slug, lead);
		if (rc != ERR_NOTFOUND)
			return rc;
	}
	if ((*lead = newest(issue_rows)) != NULL) {
		json_incref(*lead);
		return ERR_OK;
	}
	if ((rc = store_articles_list(ctx->store, &q, &rows, NULL)) !=
	    ERR_OK)
		return rc;
	if ((*lead = json_array_get(rows, 0)) != NULL)
		json_incref(*lead);
	json_decref(rows);
	return ERR_OK;
}

/* The most read of the HOME_READ_DAYS to now, HOME_MOST_READ_KEPT. */
static enum err
most_read_sum(struct store *st, int64_t now, json_t **rows)
{
	char since[TIME_ISO_LEN];

	time_iso(now - (HOME_READ_DAYS - 1) * 86400, TIME_ISO_DATE, since);
	return store_articles_most_read(st, since, HOME_MOST_READ_KEPT, rows);
}

/* The most read that are not shown yet. */
static enum err
home_most_read(struct ctx *ctx, struct shown *sh, json_t **out)
{
	struct web *w = ctx->site->web;
	json_t *rows = NULL;
	enum err rc;

	if (w != NULL) {
		pthread_mutex_lock(&w->lock);
		rows = json_incref(w->most_read);
		pthread_mutex_unlock(&w->lock);
	}
	if (rows == NULL && (rc = most_read_sum(ctx->store,
	    site_now(ctx->site), &rows)) != ERR_OK)
		return rc;
	*out = view_article_sums(unshown(sh, rows, HOME_MOST_READ, 1, 1));
	json_decref(*out);	/* view_article_sums' added reference */
	json_decref(rows);
	return ERR_OK;
}

/*
 * [{name, url, articles}] for the sections that have unshown articles,
 * those of issue (a number, 0: none) left out by the query.
 */
static enum err
home_sections(struct ctx *ctx, json_t *nav, long issue, struct shown *sh,
    json_t **out)
{
	json_t *list = json_array(), *sec, *rows, *arts, *o;
	const char *slug;
	size_t i;
	enum err rc = ERR_OK;

	json_array_foreach(nav, i, sec) {
		slug = view_str(sec, "slug");
		rows = NULL;
		if ((rc = store_articles_section_outside(ctx->store, slug,
		    issue, HOME_PER_SECTION + shown_outside(sh, slug),
		    &rows)) != ERR_OK)
			break;
		arts = unshown(sh, rows, HOME_PER_SECTION, 1, 0);
		json_decref(rows);
		if (json_array_size(arts) == 0) {
			json_decref(arts);
			continue;
		}
		o = json_object();
		view_copy(o, "name", sec, "name");
		view_copy(o, "url", sec, "url");
		json_object_set_new(o, "articles", view_article_sums(arts));
		json_decref(arts);
		json_array_append_new(list, o);
	}
	if (rc != ERR_OK) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return ERR_OK;
}

/* The current issue's row and its articles, or false and []. */
static enum err
home_issue(struct ctx *ctx, json_t **row, json_t **rows)
{
	struct store_query q = { 0 };
	enum err rc;

	*rows = NULL;
	rc = store_issue_latest(ctx->store, row);
	if (rc == ERR_NOTFOUND) {
		*row = NULL;
		*rows = json_array();
		return ERR_OK;
	}
	if (rc != ERR_OK)
		return rc;
	q.issue = (long)json_integer_value(json_object_get(*row, "number"));
	return store_articles_list(ctx->store, &q, rows, NULL);
}

enum err
page_home(struct ctx *ctx, struct req *r, struct resp *resp)
{
	struct shown sh = { r->arena, NULL, NULL, 0, 0 };
	json_t *v = NULL, *row = NULL, *rows = NULL, *lead = NULL;
	json_t *issue = json_false(), *contents = NULL, *list;
	enum err rc;

	if ((rc = view_new(ctx, r, NULL, &v)) != ERR_OK)
		return rc;
	if ((rc = home_issue(ctx, &row, &rows)) != ERR_OK ||
	    (rc = home_lead(ctx, json_object_get(v, "site"), rows,
	    &lead)) != ERR_OK)
		goto out;
	if (lead != NULL) {
		shown_add(&sh, lead, 1);
		json_object_set_new(v, "lead", view_article_sum(lead));
	}
	if (row != NULL) {
		issue = view_issue_ref(r->arena, row);
		contents = unshown(&sh, rows, 0, 0, 0);
		json_object_set_new(issue, "has_contents", json_boolean(
		    json_array_size(contents) > 0));
		json_object_set_new(issue, "sections", issue_toc(contents));
		json_decref(contents);
	}
	json_object_set_new(v, "issue", issue);
	if ((rc = home_most_read(ctx, &sh, &list)) != ERR_OK)
		goto out;
	json_object_set_new(v, "has_most_read", json_boolean(
	    json_array_size(list) > 0));
	json_object_set_new(v, "most_read", list);
	if ((rc = home_sections(ctx, json_object_get(v, "nav"), row != NULL ?
	    (long)json_integer_value(json_object_get(row, "number")) : 0, &sh,
	    &list)) != ERR_OK)
		goto out;
	json_object_set_new(v, "has_latest", json_boolean(
	    json_array_size(list) > 0));
	json_object_set_new(v, "latest", list);
	meta_home(r, v);
	rc = site_render(ctx, r, resp, "home", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(row);
	json_decref(rows);
	json_decref(lead);
	return rc;
}

/* Sum the most read again, keeping the last list on failure. */
static void
web_sum(struct web *w, struct store *st, int64_t now)
{
	json_t *rows = NULL, *old;
	enum err rc;

	if ((rc = most_read_sum(st, now, &rows)) != ERR_OK) {
		log_warnx("home: cannot sum the most read (%s)", err_str(rc));
		return;
	}
	pthread_mutex_lock(&w->lock);
	old = w->most_read;
	w->most_read = rows;
	w->at = now;
	pthread_mutex_unlock(&w->lock);
	json_decref(old);
}

enum err
home_start(struct site *site, struct store *st)
{
	struct web *w = xcalloc(1, sizeof(*w));

	pthread_mutex_init(&w->lock, NULL);
	web_sum(w, st, site_now(site));
	site->web = w;
	return ERR_OK;
}

void
home_tick(struct site *site, struct store *st, int64_t now)
{
	struct web *w = site->web;

	if (w != NULL && now - w->at >= HOME_MOST_READ_EVERY)
		web_sum(w, st, now);
}

void
home_stop(struct site *site)
{
	struct web *w = site->web;

	if (w == NULL)
		return;
	site->web = NULL;
	json_decref(w->most_read);
	pthread_mutex_destroy(&w->lock);
	free(w);
}
