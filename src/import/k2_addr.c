/*
 * k2_addr: the addresses a K2 site gave its pages, each kept as an old
 * address (store_redirect_put) answered with a 301.  Joomla wrote the
 * same item many ways: K2's own SEF form with and without index.php
 * ("/index.php/component/k2/item/12-alias", "/component/k2/item/12-
 * alias"), the short "/item/12-alias", the raw query
 * ("/index.php?option=com_k2&view=item&id=12:alias", with layout=item
 * and with the Itemid of a menu item), and SEF forms under a menu
 * item's path ("/index.php/energy/item/12-alias").  The menu items
 * (Itemids and paths) come from Joomla's menu table; the categories'
 * aliases stand in for menu paths too, since a menu item is usually
 * named after the category it shows.  req_target_key makes each
 * spelling its key, so the order of the query's fields does not
 * matter; an Itemid does, which is why each known one is kept.
 */
#include <string.h>

#include "http/http.h"
#include "k2.h"

#define K2_PATHS_MAX	64	/* menu and alias paths of one page */

/* What one page's addresses point at, and the keys kept for it. */
struct dest {
	int64_t		 article;
	const char	*location;
	json_t		*keys;		/* key: true; each kept once */
};

/* s percent-encoded into b, its slashes kept when keep_slash. */
static void
enc(struct buf *b, const char *s, int keep_slash)
{
	const char *p = s;
	size_t n;

	while (*p != '\0') {
		if (*p == '/') {
			buf_puts(b, keep_slash ? "/" : "%2F");
			p++;
			continue;
		}
		n = strcspn(p, "/");
		esc_url(b, p, n);
		p += n;
	}
}

/* Keep one old address (a target as a browser sends it). */
static enum err
keep(struct k2 *k, const struct dest *d, const char *target)
{
	struct store_redirect r = { 0 };
	struct arena *a = arena_new();
	const char *key;
	int changed = 0;
	enum err rc = ERR_OK;

	if (req_target_key(a, target, &key) != ERR_OK) {
		report_note(&k->rep, "old addresses", 1, "not a valid "
		    "address", target);
		goto out;
	}
	if (json_object_get(d->keys, key) != NULL)
		goto out;	/* another spelling of one kept already */
	json_object_set_new(d->keys, key, json_true());
	r.path = key;
	r.article_id = d->article;
	r.location = d->location;
	r.origin = K2_ORIGIN;
	r.at = k->now;
	if ((rc = store_redirect_put(k->st, &r, &changed)) != ERR_OK)
		goto out;
	report_count(&k->rep, "old addresses", !changed ? REPORT_UNCHANGED :
	    k->redirect_new ? REPORT_NEW : REPORT_CHANGED);
out:
	arena_free(a);
	return rc;
}

/* "/PREFIX<enc(a)>SUFFIX" kept, with and without "/index.php". */
static enum err
keep_both(struct k2 *k, const struct dest *d, const char *path)
{
	struct buf b;
	enum err rc;

	buf_init(&b, LIMIT_URL * 2);
	buf_printf(&b, "/index.php%s", path);
	if ((rc = keep(k, d, path)) == ERR_OK && b.len < LIMIT_URL)
		rc = keep(k, d, b.p);
	buf_free(&b);
	return rc;
}

/*
 * K2's own SEF forms of a page: "/index.php/component/k2/WHAT/SEG",
 * "/component/k2/WHAT/SEG" and the short "/WHAT/SEG" (seg encoded;
 * NULL: none).
 */
static enum err
keep_sef(struct k2 *k, const struct dest *d, const char *what,
    const char *seg)
{
	struct buf b;
	enum err rc = ERR_OK;

	if (seg == NULL)
		return ERR_OK;
	buf_init(&b, LIMIT_URL * 4);
	buf_printf(&b, "/component/k2/%s/", what);
	enc(&b, seg, 0);
	buf_putc(&b, '\0');
	if ((rc = keep_both(k, d, b.p)) == ERR_OK)
		rc = keep(k, d, b.p + strlen("/component/k2"));
	buf_free(&b);
	return rc;
}

/*
 * The query forms: "/index.php?option=com_k2&view=VIEW&..." with the
 * fields given (NULL-terminated name, value pairs; a NULL value skips
 * the pair), alone and with each Itemid in items.
 */
static enum err
keep_query(struct k2 *k, const struct dest *d, const long *items,
    size_t nitems_, const char *const *f)
{
	struct buf b;
	size_t i, j, base;
	enum err rc = ERR_OK;

	buf_init(&b, LIMIT_URL * 2);
	buf_puts(&b, "/index.php?option=com_k2");
	for (j = 0; f[j] != NULL; j += 2) {
		if (f[j + 1] == NULL)
			continue;
		buf_printf(&b, "&%s=", f[j]);
		enc(&b, f[j + 1], 0);
	}
	base = b.len;
	for (i = 0; i <= nitems_ && rc == ERR_OK; i++) {
		b.len = base;
		if (i > 0)
			buf_printf(&b, "&Itemid=%ld", items[i - 1]);
		buf_putc(&b, '\0');
		if (b.len <= LIMIT_URL)
			rc = keep(k, d, b.p);
	}
	buf_free(&b);
	return rc;
}

/*
 * The menu items that show category c or one of its parents (kind
 * K2_MENU_CATEGORY) or item (K2_MENU_ITEM, target item): their Itemids
 * into ids and their paths into paths (borrowed), with the categories'
 * aliases ("parent/child", and each alone) as paths too.
 */
static void
menus_of(struct k2 *k, const struct k2_cat *c, long item, long *ids,
    size_t *nids, const char **paths, size_t *npaths, struct arena *a)
{
	const struct k2_cat *x;
	const char *chain = NULL;
	size_t i, depth;

	*nids = *npaths = 0;
	for (i = 0; i < k->nmenus && *nids < K2_PATHS_MAX; i++) {
		if (k->menus[i].kind == K2_MENU_ITEM && k->menus[i].target ==
		    item && item != 0) {
			ids[(*nids)++] = k->menus[i].id;
			continue;
		}
		if (k->menus[i].kind != K2_MENU_CATEGORY)
			continue;
		for (x = c, depth = 0; x != NULL && depth < 32; depth++,
		    x = x->parent != x->id ? k2_cat_get(k, x->parent) : NULL)
			if (k->menus[i].target == x->id) {
				ids[(*nids)++] = k->menus[i].id;
				paths[(*npaths)++] = k->menus[i].path;
				break;
			}
	}
	for (x = c, depth = 0; x != NULL && depth < 32 && *npaths + 2 <
	    K2_PATHS_MAX; depth++, x = x->parent != x->id ?
	    k2_cat_get(k, x->parent) : NULL) {
		if (*x->alias == '\0' || strchr(x->alias, '/') != NULL)
			continue;
		paths[(*npaths)++] = x->alias;
		chain = chain == NULL ? x->alias : arena_printf(a, "%s/%s",
		    x->alias, chain);
	}
	if (chain != NULL && strchr(chain, '/') != NULL)
		paths[(*npaths)++] = chain;
}

enum err
k2_addr_item(struct k2 *k, int64_t article, long id, const char *alias,
    long catid)
{
	struct dest d = { article, NULL, json_object() };
	struct arena *a = arena_new();
	const struct k2_cat *c = k2_cat_get(k, catid);
	const char *paths[K2_PATHS_MAX], *idal, *ida, *ids;
	long items[K2_PATHS_MAX];
	size_t nitems_, npaths, i, j;
	struct buf b;
	enum err rc = ERR_OK;

	if (!utf8_valid(alias, strlen(alias)))
		alias = "";
	ids = arena_printf(a, "%ld", id);
	ida = *alias != '\0' ? arena_printf(a, "%ld-%s", id, alias) : NULL;
	idal = *alias != '\0' ? arena_printf(a, "%ld:%s", id, alias) : NULL;
	menus_of(k, c, id, items, &nitems_, paths, &npaths, a);
	buf_init(&b, LIMIT_URL * 4);
	/* K2's SEF forms and the short one, with the alias and without. */
	for (j = 0; j < 2 && rc == ERR_OK; j++) {
		const char *seg = j == 0 ? ida : ids;

		if (seg == NULL)
			continue;
		rc = keep_sef(k, &d, "item", seg);
		for (i = 0; i < npaths && rc == ERR_OK; i++) {
			buf_reset(&b);
			buf_putc(&b, '/');
			enc(&b, paths[i], 1);
			buf_puts(&b, "/item/");
			enc(&b, seg, 0);
			buf_putc(&b, '\0');
			rc = keep_both(k, &d, b.p);
		}
	}
	/* The query forms, with and without layout=item and the alias. */
	for (j = 0; j < 4 && rc == ERR_OK; j++) {
		const char *f[] = { "view", "item", "layout", j & 1 ? "item" :
		    NULL, "id", j & 2 ? idal : ids, NULL };

		if (f[5] != NULL)
			rc = keep_query(k, &d, items, nitems_, f);
	}
	/* A menu item that showed the item itself. */
	for (i = 0; i < k->nmenus && rc == ERR_OK; i++)
		if (k->menus[i].kind == K2_MENU_ITEM && k->menus[i].target ==
		    id) {
			buf_reset(&b);
			buf_putc(&b, '/');
			enc(&b, k->menus[i].path, 1);
			buf_putc(&b, '\0');
			rc = keep_both(k, &d, b.p);
		}
	buf_free(&b);
	arena_free(a);
	json_decref(d.keys);
	return rc;
}

/* Whether path is alias, or ends in "/alias". */
static int
ends_with(const char *path, const char *alias)
{
	size_t n = strlen(path), m = strlen(alias);

	return m > 0 && (strcmp(path, alias) == 0 || (n > m &&
	    strcmp(path + n - m, alias) == 0 && path[n - m - 1] == '/'));
}

enum err
k2_addr_category(struct k2 *k, const struct k2_cat *c)
{
	struct arena *a = arena_new();
	struct dest d = { 0, NULL, json_object() };
	const char *paths[K2_PATHS_MAX], *ida, *ids, *idal;
	long items[K2_PATHS_MAX];
	size_t nitems_, npaths, i, j;
	struct buf b;
	enum err rc = ERR_OK;
	int alias = *c->alias != '\0' && utf8_valid(c->alias,
	    strlen(c->alias));

	buf_init(&b, LIMIT_URL * 4);
	buf_puts(&b, "/sections/");
	esc_url(&b, c->slug, strlen(c->slug));
	buf_putc(&b, '\0');
	d.location = arena_strdup(a, b.p);
	k->redirect_new = 1;
	ids = arena_printf(a, "%ld", c->id);
	ida = alias ? arena_printf(a, "%ld-%s", c->id, c->alias) : NULL;
	idal = alias ? arena_printf(a, "%ld:%s", c->id, c->alias) : NULL;
	menus_of(k, c, 0, items, &nitems_, paths, &npaths, a);
	if ((rc = keep_sef(k, &d, "itemlist/category", ida)) == ERR_OK)
		rc = keep_sef(k, &d, "itemlist/category", ids);
	/* Menu items showing it (not its parents'): their own paths. */
	for (i = 0; i < k->nmenus && rc == ERR_OK; i++)
		if (k->menus[i].kind == K2_MENU_CATEGORY &&
		    k->menus[i].target == c->id) {
			buf_reset(&b);
			buf_putc(&b, '/');
			enc(&b, k->menus[i].path, 1);
			buf_putc(&b, '\0');
			if ((rc = keep_both(k, &d, b.p)) == ERR_OK)
				rc = keep(k, &d, arena_printf(a,
				    "/index.php?Itemid=%ld", k->menus[i].id));
		}
	/* Its alias alone and under its parents', as SEF menus named it. */
	for (j = 0; j < npaths && rc == ERR_OK; j++) {
		if (!ends_with(paths[j], c->alias))
			continue;
		buf_reset(&b);
		buf_putc(&b, '/');
		enc(&b, paths[j], 1);
		buf_putc(&b, '\0');
		rc = keep_both(k, &d, b.p);
	}
	for (j = 0; j < 4 && rc == ERR_OK; j++) {
		const char *f[] = { "view", "itemlist", "layout", j & 1 ?
		    "category" : NULL, "task", "category", "id", j & 2 ? idal :
		    ids, NULL };

		if (f[7] != NULL)
			rc = keep_query(k, &d, items, nitems_, f);
	}
	buf_free(&b);
	arena_free(a);
	json_decref(d.keys);
	return rc;
}

enum err
k2_addr_tag(struct k2 *k, const char *name)
{
	struct dest d = { 0, NULL, json_object() };
	struct buf b, path;
	char *plus, *p;
	size_t i;
	enum err rc = ERR_OK;

	if (*name == '\0')
		return ERR_OK;
	buf_init(&b, LIMIT_URL * 2);
	buf_init(&path, LIMIT_URL * 4);
	if (slug_make(&b, name, strlen(name)) != ERR_OK ||
	    buf_putc(&b, '\0') != ERR_OK)
		goto out;
	buf_puts(&path, "/tags/");
	buf_puts(&path, b.p);
	buf_putc(&path, '\0');
	d.location = path.p;
	/* K2 wrote a tag's spaces as %20 or as '+'. */
	plus = xstrdup(name);
	for (p = plus; *p != '\0'; p++)
		if (*p == ' ')
			*p = '+';
	if ((rc = keep_sef(k, &d, "itemlist/tag", name)) == ERR_OK &&
	    strcmp(plus, name) != 0)
		rc = keep_sef(k, &d, "itemlist/tag", plus);
	free(plus);
	for (i = 0; i < 2 && rc == ERR_OK; i++) {
		const char *f[] = { "view", "itemlist", "layout", i ? "tag" :
		    NULL, "task", "tag", "tag", name, NULL };

		rc = keep_query(k, &d, NULL, 0, f);
	}
out:
	buf_free(&b);
	buf_free(&path);
	json_decref(d.keys);
	return rc;
}

enum err
k2_addr_user(struct k2 *k, long id, const char *name, const char *slug)
{
	struct dest d = { 0, NULL, json_object() };
	struct buf b, loc, seg;
	char ids[32];
	enum err rc = ERR_OK;

	buf_init(&b, LIMIT_URL * 2);
	buf_init(&loc, LIMIT_URL * 2);
	buf_init(&seg, LIMIT_URL);
	buf_puts(&loc, "/authors/");
	esc_url(&loc, slug, strlen(slug));
	buf_putc(&loc, '\0');
	d.location = loc.p;
	k->redirect_new = 1;
	/* K2 wrote "ID-name", its name as a slug. */
	if (slug_make(&seg, name, strlen(name)) != ERR_OK)
		goto out;
	buf_putc(&seg, '\0');
	snprintf(ids, sizeof(ids), "%ld", id);
	buf_printf(&b, "%s-%s", ids, seg.p);
	buf_putc(&b, '\0');
	if ((rc = keep_sef(k, &d, "itemlist/user", b.p)) == ERR_OK)
		rc = keep_sef(k, &d, "itemlist/user", ids);
	if (rc == ERR_OK) {
		const char *f[] = { "view", "itemlist", "task", "user", "id",
		    ids, NULL };

		rc = keep_query(k, &d, NULL, 0, f);
	}
out:
	buf_free(&b);
	buf_free(&loc);
	buf_free(&seg);
	json_decref(d.keys);
	return rc;
}
