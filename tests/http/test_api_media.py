"""The API's media library, through the real server, database and media
folder, with tokens acting as an editor and as an author: POST
/api/v1/media (multipart/form-data) of a PNG, a JPEG and a PDF (201, the
file served at its url byte for byte, a row and an audit entry, the size
and pixels read from the content), refusals with nothing stored (a
renamed text file or an HTML file named .pdf: 415; past upload_max_mb:
413; no file or a bad alt text: 422; JSON instead of a form: 415), GET
the list (paginated, newest first), DELETE (editors: 204, the row and
the file gone; an author: 403; a missing id: 404), and 401 without a
token.  Every answer is checked against the OpenAPI document."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402
import test_api  # noqa: E402
from test_admin_media import (PDF, jpeg, media_files, media_rows,  # noqa
                              multipart, png)
from test_api_write import send, tokens_add  # noqa: E402

API = "/api/v1/media"
LIMIT_MB = 1


def put(srv, role, filename, ctype, data, alt=None):
    fields = {} if alt is None else {"alt": alt}
    ct, body = multipart(fields, [("file", filename, ctype, data)])
    return send(srv, "POST", API, role, raw=body, ctype=ct)


def test_upload(srv):
    made = []
    for role, name, ctype, data, kind, px in [
            ("editor", "map.png", "image/png", png(640, 480), "image/png",
             (640, 480)),
            ("author", "photo.jpg", "image/jpeg", jpeg(300, 200),
             "image/jpeg", (300, 200)),
            ("editor", "report.pdf", "application/pdf", PDF,
             "application/pdf", (None, None))]:
        st, h, doc = put(srv, role, name, ctype, data, alt="A " + name)
        check_eq("upload %s as %s: 201" % (name, role), st, 201)
        if st != 201:
            continue
        check_eq("upload %s: what the content says" % name,
                 (doc["type"], doc["size"], doc["width"], doc["height"],
                  doc["filename"], doc["alt"]),
                 (kind, len(data), px[0], px[1], name, "A " + name))
        check_eq("upload %s: Location is its url" % name,
                 h.get("location"), doc["url"])
        path = doc["url"][doc["url"].index("/media/"):]
        st, mh, got = srv.get(path)
        check_eq("upload %s: served byte for byte" % name, (st, got),
                 (200, data))
        made.append(doc)
    check_eq("uploads: three rows", len(media_rows(srv)), 3)
    check_eq("uploads: three files", len(media_files(srv)), 3)
    check_eq("uploads: audited", srv.sql(
        "SELECT count(*) FROM audit WHERE action = 'media uploaded'")[0][0],
             3)
    check_eq("upload as the author: the author's row", srv.sql(
        "SELECT u.email FROM media m JOIN users u ON u.id = m.user_id"
        " WHERE m.filename = 'photo.jpg'"), [("author@example.org",)])
    return made


def test_refused(srv):
    rows, files = media_rows(srv), media_files(srv)
    for label, args, want in [
            ("a text file named .png", ("notes.png", "image/png",
                                        b"just some words\n" * 20), 415),
            ("an HTML file named .pdf", ("page.pdf", "application/pdf",
                                         b"<!doctype html><script>alert(1)"
                                         b"</script>"), 415),
            ("a PNG header that cannot be read",
             ("broken.png", "image/png", png(10, 10)[:20]), 415),
            ("a file past upload_max_mb", ("big.pdf", "application/pdf",
                                           PDF + b"%" * (LIMIT_MB << 20)),
             413)]:
        st, _, doc = put(srv, "editor", *args)
        check_eq("refused %s: %d" % (label, want), st, want)
        check("refused %s: a problem for the file field" % label,
              doc is not None and doc.get("status") == want, doc)
    st, _, doc = put(srv, "editor", "x.png", "image/png", png(8, 8),
                     alt="two\nlines")
    check_eq("refused a two-line alt text: 422", st, 422)
    ct, body = multipart({"alt": "no file"}, [])
    st, _, _ = send(srv, "POST", API, "editor", raw=body, ctype=ct)
    check_eq("refused a form without a file: 422", st, 422)
    st, _, _ = send(srv, "POST", API, "editor", {"file": "x"})
    check_eq("refused JSON instead of a form: 415", st, 415)
    ct, body = multipart({}, [("file", "a.png", "image/png", png(4, 4))])
    st, h, _ = send(srv, "POST", API, None, raw=body, ctype=ct)
    check_eq("upload without a token: 401", (st, (h.get(
        "www-authenticate") or "")[:6]), (401, "Bearer"))
    check_eq("refusals: no row stored", media_rows(srv), rows)
    check_eq("refusals: no file left", media_files(srv), files)


def test_list(srv, made):
    st, h, doc = send(srv, "GET", API, "author")
    check_eq("list: 200", st, 200)
    check_eq("list: newest first", doc and [m["id"] for m in
                                            doc["items"]],
             [m["id"] for m in reversed(made)])
    check_eq("list: never stored", h.get("cache-control"), "no-store")
    st, h, doc = send(srv, "GET", API + "?per_page=2&page=2", "author")
    check_eq("list page 2 of 2", doc and (doc["page"], doc["pages"],
                                          doc["total"],
                                          len(doc["items"])), (2, 2, 3, 1))
    check_in("list: Link to the first page", 'rel="first"',
             h.get("link") or "")
    st, _, _ = send(srv, "GET", API + "?page=9", "author")
    check_eq("list past the last page: 404", st, 404)
    st, _, _ = send(srv, "GET", API, None)
    check_eq("list without a token: 401", st, 401)


def test_delete(srv, made):
    one = made[0]
    st, _, _ = send(srv, "DELETE", "%s/%d" % (API, one["id"]), "author")
    check_eq("DELETE as an author: 403", st, 403)
    check_eq("  kept", len(media_rows(srv)), 3)
    st, _, body = send(srv, "DELETE", "%s/%d" % (API, one["id"]), "editor")
    check_eq("DELETE as an editor: 204", (st, body), (204, None))
    check_eq("  the row gone", [r[0] for r in media_rows(srv)
                                if r[0] == one["id"]], [])
    check_eq("  the file gone", len(media_files(srv)), 2)
    path = one["url"][one["url"].index("/media/"):]
    check_eq("  no longer served", srv.get(path)[0], 404)
    check_eq("  audited", srv.sql(
        "SELECT count(*) FROM audit WHERE action = 'media deleted'")[0][0],
             1)
    for p in ("/%d" % one["id"], "/99999", "/x", "/0"):
        st, _, _ = send(srv, "DELETE", API + p, "editor")
        check_eq("DELETE %s: 404" % p, st, 404)


def main():
    with harness.Server(articles=6, config="upload_max_mb %d\n" %
                        LIMIT_MB) as srv:
        tokens_add(srv)
        made = test_upload(srv)
        test_refused(srv)
        test_list(srv, made)
        test_delete(srv, made)
    test_api.validate("api media")


if __name__ == "__main__":
    main()
    harness.done()
