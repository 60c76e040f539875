/*
 * about: /about, the journal's about text, its sections and its staff.
 */
#include "web.h"

enum err
page_about(struct ctx *ctx, struct req *r, struct resp *resp)
{
	json_t *v = NULL, *people = NULL, *staff, *it, *o;
	size_t i;
	enum err rc;

	if ((rc = view_new(ctx, r, "About", &v)) != ERR_OK)
		return rc;
	if ((rc = store_people_list(ctx->store, 1, &people)) != ERR_OK)
		goto out;
	/* The sidebar's blurb would repeat this page's text. */
	json_object_set_new(json_object_get(v, "page"), "no_about",
	    json_true());
	json_object_set(v, "sections", json_object_get(v, "nav"));
	staff = json_array();
	json_array_foreach(people, i, it) {
		o = json_object();
		view_copy(o, "name", it, "name");
		json_object_set_new(o, "url", view_url("/authors/",
		    view_str(it, "slug")));
		view_copy(o, "affiliation", it, "affiliation");
		json_array_append_new(staff, o);
	}
	json_object_set_new(v, "staff", staff);
	rc = site_render(ctx, r, resp, "about", v, 0, 0);
	v = NULL;
out:
	json_decref(v);
	json_decref(people);
	return rc;
}
