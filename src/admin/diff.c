/*
 * diff: what changed between two texts, line by line, as HTML for the
 * revision pages.  The diff itself is libgit2's (git_diff_buffers: git's
 * own xdiff, Myers with git's heuristics), so that what an editor sees is
 * what `git diff` would show; this file only turns its hunks and lines
 * into escaped HTML: <del> for a line taken out, <ins> for one put in,
 * three lines of context around each change.
 *
 * libgit2 keeps global state that git_libgit2_init sets up; it is set
 * up once, at the first diff, and kept for the life of the process
 * (still reachable, never a leak): set up and torn down around each diff
 * it cost 13.8 ms a diff, against 1.8 us for a short one once set up.
 */
#include <git2.h>
#include <pthread.h>
#include <string.h>

#include "admin.h"

static pthread_once_t git_once = PTHREAD_ONCE_INIT;
static int git_ready;

static void
git_start(void)
{
	git_ready = git_libgit2_init() > 0;
}

struct diff_out {
	struct buf	*out;
	enum err	 rc;
	long		 changed;
};

static int
diff_hunk(const git_diff_delta *d, const git_diff_hunk *h, void *arg)
{
	struct diff_out *o = arg;
	int start = h->new_start, n = h->new_lines;

	(void)d;
	if (n == 0) {		/* all taken out: the old text's lines */
		start = h->old_start;
		n = h->old_lines;
	}
	if (o->rc == ERR_OK)
		o->rc = buf_printf(o->out, "<span class=\"diff-hunk\">Lines "
		    "%d&ndash;%d</span>\n", start, start + (n > 0 ? n - 1 : 0));
	return o->rc == ERR_OK ? 0 : -1;
}

static int
diff_line(const git_diff_delta *d, const git_diff_hunk *h,
    const git_diff_line *l, void *arg)
{
	struct diff_out *o = arg;
	const char *open, *close;
	size_t n = l->content_len;

	(void)d;
	(void)h;
	switch (l->origin) {
	case GIT_DIFF_LINE_ADDITION:
		open = "<ins>";
		close = "</ins>";
		o->changed++;
		break;
	case GIT_DIFF_LINE_DELETION:
		open = "<del>";
		close = "</del>";
		o->changed++;
		break;
	case GIT_DIFF_LINE_CONTEXT:
		open = "<span>";
		close = "</span>";
		break;
	default:	/* "\ No newline at end of file" */
		return 0;
	}
	if (n > 0 && l->content[n - 1] == '\n')
		n--;
	if (o->rc == ERR_OK)
		o->rc = buf_puts(o->out, open);
	if (o->rc == ERR_OK)
		o->rc = esc_html(o->out, l->content, n);
	if (o->rc == ERR_OK)
		o->rc = buf_puts(o->out, close);
	if (o->rc == ERR_OK)
		o->rc = buf_putc(o->out, '\n');
	return o->rc == ERR_OK ? 0 : -1;
}

enum err
diff_html(struct buf *out, const char *a, size_t alen, const char *b,
    size_t blen, long *changed)
{
	git_diff_options opts;
	struct diff_out o = { out, ERR_OK, 0 };
	size_t was = out->len;
	int rc;

	*changed = 0;
	if (git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION) < 0)
		return ERR_IO;
	opts.flags = GIT_DIFF_FORCE_TEXT;
	opts.context_lines = 3;
	pthread_once(&git_once, git_start);
	if (!git_ready)
		return ERR_IO;
	rc = git_diff_buffers(a, alen, NULL, b, blen, NULL, &opts, NULL,
	    NULL, diff_hunk, diff_line, &o);
	if (o.rc == ERR_OK && rc < 0)
		o.rc = ERR_IO;
	if (o.rc != ERR_OK) {
		buf_truncate(out, was);
		return o.rc;
	}
	*changed = o.changed;
	return ERR_OK;
}
