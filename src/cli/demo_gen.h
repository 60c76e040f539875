/*
 * demo_gen: the made-up journal behind "octavo demo", the tests and the
 * benchmarks.  It invents a site, its sections, publication types, people,
 * biweekly issues, articles, staff publications, links and events, and
 * hands each record to a callback as a jansson object, in an order a store
 * can insert them in: every record comes after the records it names.
 *
 * Invariant: the records are a pure function of (articles, seed, today),
 * byte for byte; nothing is read from the clock or the environment.
 */
#ifndef OCTAVO_DEMO_GEN_H
#define OCTAVO_DEMO_GEN_H

#include <jansson.h>

#include "util/util.h"

#define DEMO_ARTICLES_MAX	1000000	/* --articles */
#define DEMO_YEAR_MIN		1900	/* range of the anchor date */
#define DEMO_YEAR_MAX		9000

struct demo_opts {
	long		 articles;	/* 1 .. DEMO_ARTICLES_MAX */
	unsigned long	 seed;
	const char	*today;		/* "YYYY-MM-DD": anchor date */
};

/* demo_gen.c */
/*
 * Generate the journal, calling emit(ctx, kind, rec) for each record, in
 * this order: "site", "section", "pub_type", "person", "issue", "article"
 * (oldest issue first), "publication", "link", "event".  rec is borrowed:
 * it is released when emit returns, so emit copies what it keeps.  A
 * return other than ERR_OK from emit stops the generation and is returned.
 * ERR_INVAL if articles is out of range or today's year is outside
 * [DEMO_YEAR_MIN, DEMO_YEAR_MAX]; ERR_PARSE if today is not a valid date
 * written exactly as YYYY-MM-DD.
 */
enum err	demo_generate(const struct demo_opts *,
		    enum err (*emit)(void *, const char *, json_t *), void *);

#endif
