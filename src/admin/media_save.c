/*
 * media_save: an upload stored and a file deleted, for the media
 * library's pages (media.c) and the JSON API alike: one way each, with
 * the same checks (media_check: the content decides, not the name), the
 * same transaction and the same audit entry.
 *
 * Invariant: a refused or failed upload leaves neither file nor row (the
 * file placed is removed when the row's transaction fails), and a
 * deleted row's file goes only once the deletion committed.
 */
#include <string.h>

#include "admin.h"

enum err
media_upload(struct ctx *ctx, struct req *r, const struct admin_user *by,
    const struct upload *up, const char *alt, int64_t *id)
{
	struct media_info mi;
	struct store_media m;
	const char *name;
	enum err rc;

	if ((rc = media_check(ctx->site, up, &mi)) != ERR_OK)
		return rc;
	name = media_name_new(r->arena, mi.type);
	if ((rc = media_place(ctx->site, r->arena, up, name)) != ERR_OK)
		return rc;
	memset(&m, 0, sizeof(m));
	m.name = name;
	m.filename = up->filename;
	m.type = media_mimes[mi.type];
	m.size = (int64_t)up->size;
	m.width = mi.width;
	m.height = mi.height;
	m.alt = alt;
	m.user_id = by->id;
	m.at = site_now(ctx->site);
	if ((rc = store_begin(ctx->store)) != ERR_OK)
		goto fail;
	if ((rc = store_media_add(ctx->store, &m, id)) != ERR_OK ||
	    (rc = admin_audit(ctx, r, by, NULL, "media uploaded",
	    arena_printf(r->arena, "%s (%s)", name, up->filename))) !=
	    ERR_OK || (rc = store_commit(ctx->store)) != ERR_OK) {
		store_rollback(ctx->store);
		goto fail;
	}
	return ERR_OK;
fail:
	media_remove(ctx->site, r->arena, name);
	return rc;
}

enum err
media_delete(struct ctx *ctx, struct req *r, const struct admin_user *by,
    json_t *row)
{
	const char *name = arena_strdup(r->arena, view_str(row, "name"));
	enum err rc;

	if ((rc = store_begin(ctx->store)) != ERR_OK)
		return rc;
	if ((rc = store_media_delete(ctx->store, json_integer_value(
	    json_object_get(row, "id")))) != ERR_OK ||
	    (rc = admin_audit(ctx, r, by, NULL, "media deleted",
	    arena_printf(r->arena, "%s (%s)", name, view_str(row,
	    "filename")))) != ERR_OK ||
	    (rc = store_commit(ctx->store)) != ERR_OK) {
		store_rollback(ctx->store);
		return rc;
	}
	/* Only now: a failed commit leaves the row and its file. */
	media_remove(ctx->site, r->arena, name);
	return ERR_OK;
}
