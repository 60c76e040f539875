/*
 * search_store: what each search costs the store itself, in one process,
 * apart from HTTP, the page and the other programs on the machine: each
 * query of a list run through store_search (a page of twenty, as
 * /search asks) N times, and the best and the median CPU time of the
 * calling thread printed, then the best wall-clock time.  The CPU time
 * does not count the waits of a busy machine (its caches still do), and
 * a best-of figure is what the code costs: a shared machine only ever
 * adds to it.  bench/pages.py feeds it the search rows' queries:
 *
 *	search_store DB [N] < queries
 *
 * one query a line, its fields separated by tabs: the bench row's name,
 * q, section slug, author slug, year, country code, sort ("date" or
 * empty).  Prints a line a query: row, best and median CPU ms, the
 * matches ranked (+: there were more), q, best wall-clock ms.  Exits 1
 * when the database cannot be opened or a search fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store.h"

#define FIELDS	7
#define RUNS	10

static double
now_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Split line at tabs into f[FIELDS] (empty: NULL); 0 if too few. */
static int
fields(char *line, char **f)
{
	int i;

	line[strcspn(line, "\n")] = '\0';
	for (i = 0; i < FIELDS; i++) {
		f[i] = line;
		line += strcspn(line, "\t");
		if (*line == '\t')
			*line++ = '\0';
		else if (i < FIELDS - 1)
			return 0;
		if (*f[i] == '\0')
			f[i] = NULL;
	}
	return 1;
}

int
main(int argc, char **argv)
{
	struct store *st = NULL;
	struct store_search q;
	json_t *rows;
	char line[1024], *f[FIELDS];
	double t[RUNS * 10], wall, best;
	long total = 0, runs = argc > 2 ? strtol(argv[2], NULL, 10) : RUNS, i;
	int more, rc = 1;

	if (argc < 2) {
		fprintf(stderr, "usage: search_store DB [N] < queries\n");
		return 2;
	}
	if (runs < 1 || runs > (long)nitems(t))
		runs = RUNS;
	if (store_open(argv[1], 0, &st) != ERR_OK) {
		fprintf(stderr, "search_store: cannot open %s\n", argv[1]);
		return 1;
	}
	/* As a server's worker keeps it (site.c). */
	store_cache(st, LIMIT_READER_CACHE_KIB);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		if (!fields(line, f) || f[1] == NULL)
			continue;
		memset(&q, 0, sizeof(q));
		q.q = f[1];
		q.qlen = strlen(f[1]);
		q.section = f[2];
		q.author = f[3];
		q.year = f[4] != NULL ? strtol(f[4], NULL, 10) : 0;
		q.country = f[5];
		q.by_date = f[6] != NULL && strcmp(f[6], "date") == 0;
		q.limit = 20;
		for (best = 1e9, i = 0; i < runs; i++) {
			rows = NULL;
			wall = now_ms(CLOCK_MONOTONIC);
			t[i] = now_ms(CLOCK_THREAD_CPUTIME_ID);
			if (store_search(st, &q, &rows, &total, &more) !=
			    ERR_OK) {
				fprintf(stderr, "search_store: %s: fails\n",
				    f[1]);
				goto out;
			}
			t[i] = now_ms(CLOCK_THREAD_CPUTIME_ID) - t[i];
			wall = now_ms(CLOCK_MONOTONIC) - wall;
			best = wall < best ? wall : best;
			json_decref(rows);
		}
		qsort(t, (size_t)runs, sizeof(t[0]), by_value);
		printf("%s\t%.3f\t%.3f\t%ld%s\t%s\t%.3f\n", f[0] != NULL ?
		    f[0] : "", t[0], t[runs / 2], total, more ? "+" : "", f[1],
		    best);
		fflush(stdout);
	}
	rc = 0;
out:
	store_close(st);
	return rc;
}
