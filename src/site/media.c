/*
 * media: uploaded files in the media folder ("media" beside the database
 * unless media_dir says otherwise).  A stored file's name is random
 * (MEDIA_NAME_HEX hex digits) with the extension of the type its content
 * was recognised as; nothing the uploader chose is in a path.  The
 * database row (store_media_*) says what the file is; the folder holds
 * only the bytes.
 *
 * Invariant: a file appears under its name whole or not at all: it is
 * written and synced under another name first, then linked or renamed
 * into place, and every failure removes what was made.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "site.h"

char *
media_dir_of(const struct site_config *cfg)
{
	const char *slash;
	char *dir;
	size_t len;

	if (cfg->media_dir != NULL && *cfg->media_dir != '\0')
		return xstrdup(cfg->media_dir);
	if (cfg->db == NULL || strncmp(cfg->db, "postgres", 8) == 0 ||
	    (slash = strrchr(cfg->db, '/')) == NULL)
		return xstrdup("media");
	len = (size_t)(slash - cfg->db);
	dir = xmalloc(len + sizeof("/media"));
	memcpy(dir, cfg->db, len);
	memcpy(dir + len, "/media", sizeof("/media"));
	return dir;
}

int
media_name_valid(const char *name)
{
	size_t i;

	for (i = 0; i < MEDIA_NAME_HEX; i++)
		if (!((name[i] >= '0' && name[i] <= '9') ||
		    (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	if (name[i] != '.')
		return 0;
	for (i = 0; i < MEDIA__MAX; i++)
		if (strcmp(name + MEDIA_NAME_HEX + 1, media_exts[i]) == 0)
			return 1;
	return 0;
}

const char *
media_name_new(struct arena *a, enum media_type t)
{
	unsigned char rnd[MEDIA_NAME_HEX / 2];
	char hex[MEDIA_NAME_HEX + 1];

	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	return arena_printf(a, "%s.%s", hex, media_exts[t]);
}

enum err
media_check(struct site *site, const struct upload *u, struct media_info *mi)
{
	unsigned char *p;
	size_t want;
	ssize_t n;
	enum err rc;

	if (u->size > site->upload_max)
		return ERR_LIMIT;
	if (u->size == 0)
		return ERR_MEDIA;
	want = u->size < MEDIA_SNIFF_LEN ? (size_t)u->size : MEDIA_SNIFF_LEN;
	p = xmalloc(want);
	do
		n = pread(u->fd, p, want, 0);
	while (n == -1 && errno == EINTR);
	if (n == -1) {
		log_warn("upload: %s", u->path);
		rc = ERR_IO;
	} else
		rc = media_sniff(p, (size_t)n, mi);
	free(p);
	return rc;
}

/* Copy the upload's bytes into a new, synced file of the folder: *tmp. */
static enum err
media_copy(const char *dir, struct arena *a, const struct upload *u,
    const char **tmp)
{
	char buf[64 * 1024], *path;
	uint64_t off = 0;
	ssize_t n, w, done;
	int fd;

	path = arena_printf(a, "%s/.upload-XXXXXX", dir);
	if ((fd = mkstemp(path)) == -1) {
		log_warn("media: %s", path);
		return ERR_IO;
	}
	while (off < u->size) {
		n = pread(u->fd, buf, sizeof(buf), (off_t)off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		for (done = 0; done < n; done += w)
			if ((w = write(fd, buf + done, (size_t)(n - done))) ==
			    -1) {
				if (errno != EINTR)
					goto fail;
				w = 0;
			}
		off += (uint64_t)n;
	}
	if (fsync(fd) == -1)
		goto fail;
	close(fd);
	*tmp = path;
	return ERR_OK;
fail:
	log_warn("media: %s", path);
	close(fd);
	unlink(path);
	return ERR_IO;
}

/* Sync the folder, so that a new name in it survives a power cut. */
static void
media_dir_sync(const char *dir)
{
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	if (fsync(fd) == -1)
		log_warn("media: %s", dir);
	close(fd);
}

enum err
media_place(struct site *site, struct arena *a, const struct upload *u,
    const char *name)
{
	const char *dir = site->media_dir, *final, *tmp = NULL;
	enum err rc;

	if (!media_name_valid(name))
		return ERR_INVAL;
	if (mkdir(dir, 0750) == -1 && errno != EEXIST) {
		log_warn("media: %s", dir);
		return ERR_IO;
	}
	final = arena_printf(a, "%s/%s", dir, name);
	if (fsync(u->fd) == -1) {
		log_warn("upload: %s", u->path);
		return ERR_IO;
	}
	/*
	 * The upload's own file, linked (not renamed: its name stays the
	 * body's to remove, and no other request's file can take it).
	 */
	if (link(u->path, final) == 0) {
		media_dir_sync(dir);
		return ERR_OK;
	}
	if (errno != EXDEV && errno != EPERM) {
		log_warn("media: %s", final);
		return ERR_IO;
	}
	if ((rc = media_copy(dir, a, u, &tmp)) != ERR_OK)
		return rc;
	if (rename(tmp, final) == -1) {
		log_warn("media: %s", final);
		unlink(tmp);
		return ERR_IO;
	}
	media_dir_sync(dir);
	return ERR_OK;
}

void
media_remove(struct site *site, struct arena *a, const char *name)
{
	const char *path;

	if (!media_name_valid(name))
		return;
	path = arena_printf(a, "%s/%s", site->media_dir, name);
	if (unlink(path) == -1 && errno != ENOENT)
		log_warn("media: %s", path);
}

enum err
media_open(struct site *site, struct arena *a, const char *name, int *fd,
    uint64_t *size)
{
	struct stat sb;
	const char *path;

	if (!media_name_valid(name))
		return ERR_NOTFOUND;
	path = arena_printf(a, "%s/%s", site->media_dir, name);
	if ((*fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		if (errno == ENOENT)
			return ERR_NOTFOUND;
		log_warn("media: %s", path);
		return ERR_IO;
	}
	if (fstat(*fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(*fd);
		return ERR_NOTFOUND;
	}
	*size = (uint64_t)sb.st_size;
	return ERR_OK;
}
