/*
 * tmpl: Octavo's Mustache template engine.  A theme's templates are
 * compiled once into a set; every page is then rendered from the set
 * against a jansson view model.  Supported: the Mustache specification's
 * interpolation, sections, inverted sections, comments, partials, set
 * delimiters and template inheritance (parents and blocks); not lambdas
 * and not dynamic names.
 *
 * Invariant: a compiled set is never changed by rendering, so one set may
 * be rendered from many threads at once; and rendering is bounded in
 * output (the buffer's maximum), nesting (LIMIT_TMPL_DEPTH) and work, so
 * no template and no data can crash it or make it run away.
 */
#ifndef OCTAVO_TMPL_H
#define OCTAVO_TMPL_H

#include <stddef.h>

#include <jansson.h>

#include "util/util.h"

/* A compiled set of named templates; partials resolve by name within it. */
struct tmpl_set;

/* tmpl.c */

/* A new, empty set; never NULL.  The caller frees it with tmpl_set_free. */
struct tmpl_set	*tmpl_set_new(void);

/* Free a set and every template in it; NULL is a no-op. */
void		 tmpl_set_free(struct tmpl_set *);

/*
 * Compile len bytes of src as the template called name and add it to the
 * set; src and name are copied, so both may be freed after the call.
 * Returns ERR_PARSE for a malformed template (unclosed tag or section,
 * mismatched close, bad delimiter, nesting deeper than LIMIT_TMPL_DEPTH,
 * source larger than LIMIT_TEMPLATE) and ERR_CONFLICT if the set already
 * holds name; the set is then unchanged.  On failure, errmsg (if not NULL)
 * gets "line N: why", truncated to errlen bytes and NUL-terminated.
 */
enum err	 tmpl_set_add(struct tmpl_set *, const char *name,
		    const char *src, size_t len, char *errmsg, size_t errlen);

/* 1 if the set holds a template called name, else 0. */
int		 tmpl_set_has(const struct tmpl_set *, const char *name);

/*
 * Render the template called name against data (borrowed; NULL renders
 * as an empty context) and append the output to out.  {{x}} is HTML
 * escaped; {{{x}}} and {{&x}} are raw.  A partial or parent missing from
 * the set renders as the empty string.  Returns ERR_NOTFOUND if the set
 * has no template called name, ERR_LIMIT if the output would pass out's
 * maximum or rendering nests deeper than LIMIT_TMPL_DEPTH (self-recursive
 * partials) or takes too many steps.  On failure out is left as it was
 * before the call.
 */
enum err	 tmpl_render(const struct tmpl_set *, const char *name,
		    json_t *data, struct buf *out);

#endif
