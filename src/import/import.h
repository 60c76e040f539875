/*
 * import: the importers of other systems' journals.  They sit beside
 * src/cli (each is an "octavo import KIND" and shares its progress line
 * and report), and write through the store like the back office does.
 * What is here is what their tests and fuzz targets reach: the parsers
 * of untrusted input, free of any database.
 */
#ifndef OCTAVO_IMPORT_H
#define OCTAVO_IMPORT_H

#include <jansson.h>

#include "util/util.h"

/* k2_parse.c: what the K2 importer reads from its operator and source. */
#define K2_USER_MAX	128	/* bytes of a MariaDB user name */
#define K2_HOST_MAX	255
#define K2_DB_MAX	192	/* 64 characters of utf8 */
#define K2_SOCKET_MAX	107	/* sun_path less its NUL */
#define K2_PREFIX_MAX	32
#define K2_DEK_MAX	500	/* an intro longer than this stays body */
#define K2_NAMES_MAX	8	/* authors in one created_by_alias */

/* A mysql://USER@HOST[:PORT]/DB[?socket=PATH] address, decoded. */
struct k2_dsn {
	char		 user[K2_USER_MAX + 1];
	char		 host[K2_HOST_MAX + 1];
	char		 db[K2_DB_MAX + 1];
	char		 socket[K2_SOCKET_MAX + 1];	/* "" for none */
	unsigned	 port;				/* 0: the default */
};
/*
 * Parse s (NUL-terminated) into *d: "mysql://" or "mariadb://", a user
 * (required), a host name, IPv4 or [IPv6] address, an optional port,
 * one database name and at most the query "socket=PATH"; each part
 * percent-decoded, with no control character.  A password in the
 * address (USER:PASS@) is refused: it would show in the process list.
 * ERR_PARSE with *why a sentence for the operator (static).
 */
enum err	 k2_dsn_parse(const char *s, struct k2_dsn *d,
		    const char **why);
/* A table prefix is [A-Za-z0-9_]{0,K2_PREFIX_MAX} ("jos_"); 1 if so. */
int		 k2_prefix_ok(const char *);

/*
 * An extra field's definition (#__k2_extra_fields): its id, name, type
 * ("textfield", "select", "link"...) and, for the choice types, its
 * options as K2 keeps them in the value column ([{name, value}]).
 */
struct k2_field {
	long		 id;
	char		*name;
	char		*type;
	json_t		*options;	/* an array, or NULL */
};
struct k2_fields {
	struct k2_field	*v;
	size_t		 n;
};
/* Add a definition; value is the column's text (JSON, may be bad). */
void		 k2_fields_add(struct k2_fields *, long id, const char *name,
		    const char *type, const char *value);
void		 k2_fields_free(struct k2_fields *);
/*
 * An item's extra_fields column (JSON: [{id, value}]) as an object
 * {field name: value} in *out (caller decrefs): text, textarea, date
 * and image as strings; select and radio as the chosen option's name;
 * multipleSelect an array of names; labels an array of labels; link
 * {text, url}; csv an array of rows; headers and empty values left
 * out; a field whose name repeats gets " (id N)" after it.  *undefined
 * counts values whose field has no definition (left out).  ERR_PARSE
 * when the column is not a JSON array (*out then an empty object).
 */
enum err	 k2_extra_map(const struct k2_fields *, const char *json,
		    size_t len, json_t **out, size_t *undefined);

/*
 * The authors a created_by_alias names ("A. Writer and B. Other",
 * "A; B", "A, B & C"): each trimmed, inner runs of space one space, at
 * most K2_NAMES_MAX, into names (each LIMIT_NAME + 1 bytes).  A comma
 * separates names only when every part holds a space ("Smith, J." is
 * one name).  Returns how many; 0 for an empty alias.
 */
size_t		 k2_names_split(const char *alias,
		    char names[][LIMIT_NAME + 1], size_t max);

/*
 * The plain text of HTML cleaned by html_clean (its output form: known
 * tags, the five entities esc_html writes) into out, runs of white
 * space one space, trimmed.  *simple is set when it is one paragraph of
 * text at most, with no link, image, list, table, quote or heading: an
 * intro that can be a dek without losing anything.
 */
enum err	 k2_html_text(struct buf *out, const char *html, size_t len,
		    int *simple);

/*
 * A MySQL DATETIME ("2019-05-03 10:20:00") as ISO 8601 UTC into out;
 * 0 for none (NULL, "0000-00-00 00:00:00", or not a date).
 */
int		 k2_datetime(const char *s, char out[TIME_ISO_LEN]);

/*
 * A Joomla menu item's link ("index.php?option=com_k2&view=itemlist&
 * layout=category&task=category&id=3"): what it shows, K2_MENU_ITEM or
 * K2_MENU_CATEGORY with *id, else K2_MENU_OTHER.
 */
enum k2_menu { K2_MENU_OTHER, K2_MENU_ITEM, K2_MENU_CATEGORY };
enum k2_menu	 k2_menu_link(const char *link, long *id);

#endif
