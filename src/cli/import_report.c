/*
 * import_report: what every importer shows its operator.  A progress
 * line while it runs (redrawn in place on a terminal, at most ten times
 * a second; plain lines at each tenth otherwise, for logs), and a final
 * report: for each kind of thing read, how many were new, changed,
 * unchanged and skipped, then each reason for a skip or a note ("a
 * shortcode not converted") with its count and a first example, so
 * that nothing is lost without a word.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define BAR_WIDTH	30

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
progress_begin(struct progress *p, FILE *f, const char *what, int64_t total)
{
	memset(p, 0, sizeof(*p));
	p->f = f;
	p->what = what;
	p->total = total;
	p->tty = isatty(fileno(f));
	p->last_tenth = -1;
}

static void
progress_draw(struct progress *p)
{
	char a[STR_GROUPED_LEN], b[STR_GROUPED_LEN];
	int filled, i, pct;

	if (p->total <= 0) {
		fprintf(p->f, "%s%s: %s", p->tty ? "\r" : "", p->what,
		    str_grouped(p->done, a));
		return;
	}
	pct = (int)(p->done * 100 / p->total);
	if (!p->tty) {
		fprintf(p->f, "%s: %s of %s (%d%%)", p->what,
		    str_grouped(p->done, a), str_grouped(p->total, b), pct);
		return;
	}
	filled = (int)(p->done * BAR_WIDTH / p->total);
	fprintf(p->f, "\r%s [", p->what);
	for (i = 0; i < BAR_WIDTH; i++)
		fputc(i < filled ? '#' : '.', p->f);
	fprintf(p->f, "] %3d%% %s/%s", pct, str_grouped(p->done, a),
	    str_grouped(p->total, b));
}

void
progress_set(struct progress *p, int64_t done)
{
	int64_t t;
	int tenth;

	p->done = done;
	if (p->tty) {
		if ((t = now_ms()) - p->last_ms < 100)
			return;
		p->last_ms = t;
		progress_draw(p);
		fflush(p->f);
		return;
	}
	/* Plain lines: each tenth of a known total, else each 10,000. */
	tenth = p->total > 0 ? (int)(done * 10 / p->total) : (int)(done /
	    10000);
	if (tenth == p->last_tenth || (p->total > 0 && tenth >= 10))
		return;
	p->last_tenth = tenth;
	progress_draw(p);
	fputc('\n', p->f);
}

void
progress_end(struct progress *p)
{
	if (p->total > 0 && p->done > p->total)
		p->total = p->done;
	progress_draw(p);
	fputc('\n', p->f);
	fflush(p->f);
}

/* The row of kind, made when new. */
static struct report_kind *
kind_get(struct report *r, const char *kind)
{
	size_t i;

	for (i = 0; i < r->nkinds; i++)
		if (strcmp(r->kinds[i].name, kind) == 0)
			return &r->kinds[i];
	r->kinds = xrealloc(r->kinds, (r->nkinds + 1) * sizeof(*r->kinds));
	memset(&r->kinds[r->nkinds], 0, sizeof(*r->kinds));
	r->kinds[r->nkinds].name = xstrdup(kind);
	return &r->kinds[r->nkinds++];
}

void
report_count(struct report *r, const char *kind, enum report_outcome o)
{
	kind_get(r, kind)->n[o]++;
}

void
report_note(struct report *r, const char *kind, int skipped,
    const char *reason, const char *example)
{
	struct report_reason *x;
	size_t i;

	if (skipped)
		kind_get(r, kind)->n[REPORT_SKIPPED]++;
	for (i = 0; i < r->nreasons; i++) {
		x = &r->reasons[i];
		if (strcmp(x->kind, kind) == 0 && strcmp(x->reason,
		    reason) == 0 && x->skipped == skipped) {
			x->count++;
			return;
		}
	}
	r->reasons = xrealloc(r->reasons, (r->nreasons + 1) *
	    sizeof(*r->reasons));
	x = &r->reasons[r->nreasons++];
	x->kind = xstrdup(kind);
	x->reason = xstrdup(reason);
	x->example = example != NULL ? xstrdup(example) : NULL;
	x->skipped = skipped;
	x->count = 1;
}

int64_t
report_total(const struct report *r, enum report_outcome o)
{
	int64_t n = 0;
	size_t i;

	for (i = 0; i < r->nkinds; i++)
		n += r->kinds[i].n[o];
	return n;
}

enum err
report_suggest(struct report *r, struct store *st, int64_t id,
    const struct store_article_edit *e)
{
	size_t n = 0;
	enum err rc;

	rc = store_article_suggest(st, id, e->title, e->dek, e->body,
	    e->countries, e->ncountries, &n);
	if (rc == ERR_OK && n > 0) {
		r->suggested++;
		r->suggestions += (int64_t)n;
	}
	return rc;
}

static void
reasons_print(const struct report *r, FILE *f, int skipped,
    const char *title)
{
	const struct report_reason *x;
	char a[STR_GROUPED_LEN];
	size_t i;
	int first = 1;

	for (i = 0; i < r->nreasons; i++) {
		x = &r->reasons[i];
		if (x->skipped != skipped)
			continue;
		if (first)
			fprintf(f, "\n%s:\n", title);
		first = 0;
		fprintf(f, "  %s: %s %s", x->kind, str_grouped(x->count, a),
		    x->reason);
		if (x->example != NULL)
			fprintf(f, " (%s%s)", x->count > 1 ? "first: " : "",
			    x->example);
		fputc('\n', f);
	}
}

void
report_print(const struct report *r, FILE *f, const char *title)
{
	static const char *const heads[] = { "new", "changed", "unchanged",
	    "skipped" };
	char a[STR_GROUPED_LEN], b[STR_GROUPED_LEN];
	size_t i;
	int o;

	fprintf(f, "%s\n", title);
	if (r->nkinds == 0) {
		fprintf(f, "  nothing was found to import\n");
		return;
	}
	fprintf(f, "  %-16s", "");
	for (o = 0; o < REPORT__MAX; o++)
		fprintf(f, " %10s", heads[o]);
	fputc('\n', f);
	for (i = 0; i < r->nkinds; i++) {
		fprintf(f, "  %-16s", r->kinds[i].name);
		for (o = 0; o < REPORT__MAX; o++)
			fprintf(f, " %10s", str_grouped(r->kinds[i].n[o], a));
		fputc('\n', f);
	}
	reasons_print(r, f, 1, "Skipped");
	reasons_print(r, f, 0, "Notes");
	if (r->suggested > 0)
		fprintf(f, "\ncountries suggested: %s article%s, %s "
		    "suggestion%s (an editor confirms them at "
		    "/admin/countries/review)\n", str_grouped(r->suggested, a),
		    r->suggested == 1 ? "" : "s", str_grouped(r->suggestions,
		    b), r->suggestions == 1 ? "" : "s");
}

void
report_free(struct report *r)
{
	size_t i;

	for (i = 0; i < r->nkinds; i++)
		free((char *)r->kinds[i].name);
	for (i = 0; i < r->nreasons; i++) {
		free((char *)r->reasons[i].kind);
		free((char *)r->reasons[i].reason);
		free((char *)r->reasons[i].example);
	}
	free(r->kinds);
	free(r->reasons);
	memset(r, 0, sizeof(*r));
}
