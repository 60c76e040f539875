"""The old addresses an importer keeps (the redirects table): each
answers with a 301 to where its page is now, whatever way the old
system wrote it (percent-encoding, a trailing slash, the order of query
fields); an article renamed since lands in one hop; one not published
answers 404; an address no route knows and no row names is still a 404
page, and the home page still answers with any other query.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402


def keep(srv, path, article=None, location=None, origin="wordpress"):
    srv.sql_write("INSERT INTO redirects (path, article_id, location,"
                  " origin) VALUES (?, ?, ?, ?)",
                  (path, article, location, origin))


def location(srv, target):
    st, h, body = srv.get(target)
    return st, h.get("location", "")


def main():
    with harness.Server() as srv:
        aid, slug = srv.sql("SELECT id, slug FROM articles WHERE status ="
                            " 'published' ORDER BY id LIMIT 1")[0]
        keep(srv, "/?p=12", article=aid)
        keep(srv, "/2019/05/03/\u043f\u0440\u0438\u0432\u0435\u0442",
             article=aid)
        keep(srv, "/index.php?id=7&option=com_k2&view=item", article=aid,
             origin="k2")
        keep(srv, "/category/field-reports", location="/sections/x")
        want = "/articles/" + slug
        for target in ("/?p=12", "/?p=12&", "/?p=12#c",
                       "/2019/05/03/%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82/",
                       "/2019/05/03/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82",
                       "/index.php?option=com_k2&view=item&id=7",
                       "/index.php?view=item&id=7&option=com_k2"):
            st, loc = location(srv, target)
            check_eq("%s: 301" % target, st, 301)
            check("%s: to the article (%s)" % (target, loc),
                  loc.endswith(want))
        st, loc = location(srv, "/category/field-reports/")
        check_eq("a fixed location: 301", st, 301)
        check("a fixed location: kept as it is", loc.endswith("/sections/x"))
        st, loc = location(srv, "/category/field-reports?utm_source=x")
        check_eq("an unknown query on an old address: the path's 301", st,
                 301)
        st, h, body = srv.request("HEAD", "/?p=12")
        check_eq("HEAD of an old address: 301", st, 301)

        srv.sql_write("UPDATE articles SET slug = 'renamed-since' WHERE id"
                      " = ?", (aid,))
        st, loc = location(srv, "/?p=12")
        check("a renamed article: one hop to its slug now",
              st == 301 and loc.endswith("/articles/renamed-since"))
        srv.sql_write("UPDATE articles SET status = 'draft' WHERE id = ?",
                      (aid,))
        st, loc = location(srv, "/?p=12")
        check_eq("an article no longer published: the home page, no 301",
                 st, 200)
        st, loc = location(srv, "/2019/05/03/%d0%bf%d1%80%d0%b8%d0%b2"
                           "%d0%b5%d1%82/")
        check_eq("an article no longer published: 404", st, 404)

        st, h, body = srv.get("/no/such/page")
        check_eq("an unknown address: 404", st, 404)
        check_in("an unknown address: the theme's page", b"<html", body)
        st, h, body = srv.get("/?utm_source=newsletter")
        check_eq("the home page with another query: 200", st, 200)
        st, h, body2 = srv.get("/")
        check_eq("the home page with another query: the home page",
                 harness.text_of(body), harness.text_of(body2))
        st, loc = location(srv, "/issues/")
        check("a trailing slash on a route: still its 301",
              st == 301 and loc.endswith("/issues"))
        st, h, body = srv.request("POST", "/no/such/page", body=b"")
        check("POST to an unknown address: not a redirect", st in (404,
              405))
        for bad in ("/a%zz", "/a%00", "/?p=%"):
            st, loc = location(srv, bad)
            check_eq("a malformed address %s: 400" % bad, st, 400)
        check("the server is alive", srv.alive())
    harness.done()


if __name__ == "__main__":
    main()
