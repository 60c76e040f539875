/*
 * k2.h: what the K2 importer's files share (k2_cli.c connects, k2.c
 * reads the site, k2_item.c writes its items and comments, k2_addr.c
 * spells the old addresses).  Not used outside src/import.
 */
#ifndef OCTAVO_K2_H
#define OCTAVO_K2_H

#include <mysql.h>

#include "cli/cli.h"
#include "import.h"

#define K2_ORIGIN	"k2"	/* import ids' and redirects' origin */
#define K2_TAG_SEP	"\x1f"	/* between an item's tags, as joined */

/* What an item's row holds, by column (the order of k2.c's query). */
enum k2_item_col {
	I_ID, I_TITLE, I_ALIAS, I_CATID, I_PUBLISHED, I_TRASH, I_INTRO,
	I_FULL, I_EXTRA, I_CREATED, I_CREATED_BY, I_ALIAS_BY, I_UP, I_DOWN,
	I_HITS, I_ACCESS, I_TAGS, I__MAX
};

/* A K2 category, read whole before the items. */
struct k2_cat {
	long		 id, parent, ordering;
	char		*name, *alias;
	int		 published, trash;
	int64_t		 section_id;	/* 0: not imported */
	char		*slug;		/* its section's */
};

/* A Joomla menu item that shows a K2 item or category. */
struct k2_menu_entry {
	long		 id;		/* the Itemid */
	char		*path;		/* "policy/energy" */
	enum k2_menu	 kind;
	long		 target;	/* the item's or category's id */
};

struct k2 {
	MYSQL			*db;
	struct store		*st;
	const char		*prefix;
	int64_t			 now;
	char			 now_iso[TIME_ISO_LEN];
	struct report		 rep;
	struct k2_cat		*cats;
	size_t			 ncats;
	struct k2_menu_entry	*menus;
	size_t			 nmenus;
	struct k2_fields	 fields;
	json_t			*users;		/* "id": name */
	json_t			*people;	/* name: person id */
	json_t			*user_seen;	/* "id": 1, addresses kept */
	json_t			*gone;		/* items whose article was
						   deleted here: "id": true */
	int			 redirect_new;	/* counts as new, not changed */
};

/* k2.c */
/*
 * Import everything from the connected database k->db into k->st,
 * reporting into k->rep.  Says why on standard error and returns
 * ERR_NOTFOUND for a missing table, ERR_IO for the server, ERR_DB for
 * the store.
 */
enum err	 k2_import(struct k2 *);
/* The category of id, or NULL. */
struct k2_cat	*k2_cat_get(struct k2 *, long id);
/* A column's number (0 for NULL or not a number). */
long		 k2_num(const char *);

/* k2_item.c */
/* One item's row (its columns in enum k2_item_col's order). */
enum err	 k2_item_import(struct k2 *, MYSQL_ROW);
/* One comment's row: id, itemID, userID, userName, commentDate,
 * commentText, commentEmail, commentURL, published. */
enum err	 k2_comment_import(struct k2 *, MYSQL_ROW);
/*
 * Text from the old site as valid UTF-8 (bytes that are not become
 * U+FFFD and set *fixed), on one line when oneline (controls become
 * spaces, runs of space one, trimmed); from the arena.  NULL is "".
 */
char		*k2_text_fix(struct arena *, const char *, int oneline,
		    int *fixed);
/* BLAKE2b-128 of text, hex, into out. */
void		 k2_digest(const char *text, char out[33]);
/* {local_id, digest} of a source record, *row NULL when never seen. */
enum err	 k2_seen_get(struct k2 *, const char *kind, const char *id,
		    json_t **row);
enum err	 k2_seen_put(struct k2 *, const char *kind, const char *id,
		    int64_t local, const char *digest);
/* A slug unique among its kind's, from text (else fallback). */
enum err	 k2_slug_new(struct k2 *, struct arena *, enum store_slugged,
		    const char *text, const char *fallback, const char **out);

/* k2_addr.c: the old addresses, each kept through store_redirect_put. */
/* An item's, to article; a category's, a tag's and a user's pages. */
enum err	 k2_addr_item(struct k2 *, int64_t article, long id,
		    const char *alias, long catid);
enum err	 k2_addr_category(struct k2 *, const struct k2_cat *);
enum err	 k2_addr_tag(struct k2 *, const char *name);
enum err	 k2_addr_user(struct k2 *, long id, const char *name,
		    const char *person_slug);

#endif
