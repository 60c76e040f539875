/*
 * role: the three roles and their names, as stored and as typed.
 */
#include <string.h>

#include "admin.h"

const char *const role_names[ROLE__MAX] = {
	[ROLE_AUTHOR] = "author",
	[ROLE_EDITOR] = "editor",
	[ROLE_ADMIN] = "admin",
};

enum err
role_parse(const char *s, enum role *out)
{
	int i;

	for (i = 0; s != NULL && i < ROLE__MAX; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum role)i;
			return ERR_OK;
		}
	return ERR_INVAL;
}
