/*
 * k2.h: what the K2 importer's files share (k2_cli.c connects, k2.c
 * reads and writes, k2_addr.c spells the old addresses).  Not used
 * outside src/import.
 */
#ifndef OCTAVO_K2_H
#define OCTAVO_K2_H

#include <mysql.h>

#include "cli/cli.h"
#include "import.h"

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

/* k2_addr.c: the old addresses, each kept through store_redirect_put. */
/* An item's, to article; a category's, a tag's and a user's pages. */
enum err	 k2_addr_item(struct k2 *, int64_t article, long id,
		    const char *alias, long catid);
enum err	 k2_addr_category(struct k2 *, const struct k2_cat *);
enum err	 k2_addr_tag(struct k2 *, const char *name);
enum err	 k2_addr_user(struct k2 *, long id, const char *name,
		    const char *person_slug);

#endif
