"""Bodies an importer brought as HTML (article_bodies.format = 'html'):
the article page, its feed entry and the API serve them through the
allowlist (html_clean), never as the raw text: a script or an event
attribute put into the database is not served, a javascript: link is
neutralised, and the feed's links are absolute.  A Markdown body beside
it is rendered as before.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402

RAW = ("<!-- wp:paragraph --><p onclick=\"x()\">Imported <em>text</em> "
       "with <a href=\"/wp/old\">a link</a> and "
       "<a href=\"javascript:alert(1)\">a trap</a>.</p>"
       "<!-- /wp:paragraph --><script>alert(2)</script>"
       "<figure><img src=\"/media/a.png\" alt=\"A map\">"
       "<figcaption>The map</figcaption></figure>")


def main():
    with harness.Server() as srv:
        aid, slug = srv.sql("SELECT id, slug FROM articles WHERE status ="
                            " 'published' ORDER BY published_at DESC, id"
                            " DESC LIMIT 1")[0]
        srv.sql_write("UPDATE article_bodies SET body = ?, format = 'html'"
                      " WHERE article_id = ?", (RAW, aid))
        srv.sql_write("UPDATE content_version SET version = version + 1")
        st, h, body = srv.get("/articles/" + slug)
        check_eq("the article page: 200", st, 200)
        page = body.decode()
        check_in("the page: the imported text", "Imported <em>text</em>",
                 page)
        check_in("the page: the figure", "<figcaption>The map</figcaption>",
                 page)
        check("the page: no script from the body", "alert(2)" not in page)
        check("the page: no event attribute", "onclick" not in page)
        check("the page: no javascript: link",
              "javascript:alert(1)" not in page)
        check("the page: no block comments", "wp:paragraph" not in page)

        st, h, body = srv.get("/feed.atom")
        feed = body.decode()
        check_in("the feed: the imported text, escaped as XML",
                 "Imported &lt;em&gt;text&lt;/em&gt;", feed)
        check("the feed: the link made absolute",
              "href=&quot;http://" in feed and "/wp/old" in feed)
        check("the feed: no script", "alert(2)" not in feed)

        st, h, body = srv.get("/api/v1/articles/" + slug,
                              headers={"Accept": "application/json"})
        check_eq("the API: 200", st, 200)
        a = json.loads(body)
        check_eq("the API: the body's format", a["body"]["format"], "html")
        check("the API: the HTML cleaned", "<script" not in
              a["body"]["html"] and "Imported <em>text</em>" in
              a["body"]["html"])
        other = srv.sql("SELECT slug FROM articles WHERE status ="
                        " 'published' AND id <> ? LIMIT 1", (aid,))[0][0]
        st, h, body = srv.get("/api/v1/articles/" + other,
                              headers={"Accept": "application/json"})
        check_eq("the API: a Markdown body says so",
                 json.loads(body)["body"]["format"], "markdown")
    harness.done()


if __name__ == "__main__":
    main()
