"""The media library and the dashboard, through the real server and
database: an upload of each type (JPEG, PNG, GIF, WebP, PDF) stored under
a random name with its size and dimensions and served at /media/NAME as
its sniffed type with nosniff, a policy that runs nothing, a long cache,
an ETag and Last-Modified (a PDF inline under its own name); a renamed
non-image, an HTML file named .pdf and a damaged image refused (415) and
a file over upload_max_mb refused (413) with nothing stored, neither
file nor row; the original name escaped; where a file is used; alt
text; deletion (after a confirmation that warns of uses) removing the
row and then the file; roles and CSRF.  The dashboard: drafts,
scheduled articles, the month's most read and the chart's bars from
rows put in reads_daily.
"""
import datetime
import os
import re
import sys
import zlib
import struct

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402
from test_admin_auth import Client, user_add, PW, EMAIL  # noqa: E402

LIMIT_MB = 1


def png(w, h):
    """A real PNG of w x h grey pixels."""
    def chunk(t, data):
        return (struct.pack(">I", len(data)) + t + data +
                struct.pack(">I", zlib.crc32(t + data) & 0xffffffff))
    raw = b"".join(b"\0" + b"\x80" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def jpeg(w, h):
    """A JPEG's head: SOI, a JFIF APP0, then the frame header (SOF0)."""
    app0 = b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    sof = struct.pack(">BHHB", 8, h, w, 1) + b"\x01\x11\x00"
    return (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", len(app0) + 2) +
            app0 + b"\xff\xc0" + struct.pack(">H", len(sof) + 2) + sof +
            b"\xff\xd9")


def gif(w, h):
    return (b"GIF89a" + struct.pack("<HH", w, h) + b"\x80\0\0" +
            b"\0\0\0\xff\xff\xff" + b",\0\0\0\0\x01\0\x01\0\0\x02\x02D\x01\0;")


def webp(w, h):
    """A lossless WebP's head: the VP8L signature and its packed size."""
    bits = (w - 1) | (h - 1) << 14
    data = b"\x2f" + struct.pack("<I", bits) + b"\0" * 8
    body = b"WEBP" + b"VP8L" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")


def multipart(fields, files):
    """A multipart/form-data body: (content type, bytes)."""
    b = "----octavo-test-boundary-7MA4YWxkTrZu0gW"
    out = []
    for k, v in fields.items():
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\""
                    "\r\n\r\n%s\r\n" % (b, k, v)).encode())
    for field, name, ctype, data in files:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\";"
                    " filename=\"%s\"\r\nContent-Type: %s\r\n\r\n" %
                    (b, field, name, ctype)).encode() + data + b"\r\n")
    out.append(("--%s--\r\n" % b).encode())
    return "multipart/form-data; boundary=" + b, b"".join(out)


def upload(c, filename, ctype, data, alt="", csrf=None):
    if csrf is None:
        csrf = c.csrf("/admin/media")
    fields = {"alt": alt}
    if csrf != "":
        fields["csrf"] = csrf
    ct, body = multipart(fields, [("file", filename, ctype, data)])
    return c.request("POST", "/admin/media", raw=body,
                     headers={"Content-Type": ct})


def media_rows(srv):
    return srv.sql("SELECT id, name, filename, type, size, width, height,"
                   " alt FROM media ORDER BY id")


def media_files(srv):
    d = os.path.join(srv.dir, "media")
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def loc(h):
    return h.get("location", [""])[0]


def test_types(srv, ed):
    cases = [("cover.jpg", "image/jpeg", jpeg(640, 480), "image/jpeg",
              640, 480),
             ("Plan of the city.png", "image/png", png(30, 20),
              "image/png", 30, 20),
             ("anim.gif", "image/gif", gif(1, 1), "image/gif", 1, 1),
             ("photo.webp", "image/webp", webp(300, 200), "image/webp",
              300, 200),
             ("Report 2026 — final.pdf", "application/pdf", PDF,
              "application/pdf", 0, 0),
             # The client's claim and the name do not matter.
             ("noext", "application/octet-stream", png(5, 7),
              "image/png", 5, 7)]
    names = {}
    for fname, ctype, data, want, w, h in cases:
        before = len(media_rows(srv))
        st, hd, body = upload(ed, fname, ctype, data, alt="Alt of " + fname)
        check_eq("upload %s: 303" % fname, st, 303)
        check("upload %s: to the file's page" % fname, re.match(
            r"^/admin/media/\d+\?done=uploaded$", loc(hd)), loc(hd))
        rows = media_rows(srv)
        check_eq("upload %s: one row more" % fname, len(rows), before + 1)
        mid, name, filename, typ, size, width, height, alt = rows[-1]
        check("upload %s: a random name of the sniffed type" % fname,
              re.match(r"^[0-9a-f]{32}\.(jpg|png|gif|webp|pdf)$", name),
              name)
        check_eq("upload %s: the row" % fname,
                 (filename, typ, size, width, height, alt),
                 (fname, want, len(data), w, h, "Alt of " + fname))
        check_in("upload %s: the file is in the media folder" % fname,
                 name, media_files(srv))
        with open(os.path.join(srv.dir, "media", name), "rb") as f:
            check("upload %s: its bytes" % fname, f.read() == data)
        st, hh, got = srv.get("/media/" + name)
        check_eq("serve %s: 200" % fname, st, 200)
        check_eq("serve %s: its sniffed type" % fname,
                 hh.get("content-type"), want)
        check("serve %s: the same bytes" % fname, got == data,
              "%d bytes" % len(got))
        check_eq("serve %s: nosniff" % fname,
                 hh.get("x-content-type-options"), "nosniff")
        csp = hh.get("content-security-policy", "")
        check("serve %s: a policy under which nothing runs" % fname,
              "default-src 'none'" in csp and "sandbox" in csp and
              "script-src 'self'" not in csp, csp)
        check("serve %s: cached long" % fname, "max-age=31536000" in
              hh.get("cache-control", ""), hh.get("cache-control"))
        check("serve %s: ETag and Last-Modified" % fname,
              hh.get("etag") == '"%s"' % name[:32] and
              hh.get("last-modified", "").endswith("GMT"), hh)
        if want == "application/pdf":
            cd = hh.get("content-disposition", "")
            check("serve %s: inline under its name (RFC 6266)" % fname,
                  cd.startswith("inline;") and "filename*=UTF-8''" in cd
                  and "Report%202026%20%E2%80%94%20final.pdf" in cd, cd)
        else:
            check("serve %s: no disposition for an image" % fname,
                  "content-disposition" not in hh, hh)
        st, hh, got = srv.get("/media/" + name,
                              headers={"If-None-Match": '"%s"' % name[:32]})
        check_eq("serve %s: If-None-Match gives 304" % fname, (st, got),
                 (304, b""))
        names[fname] = (mid, name)
    st, hh, got = srv.request("HEAD", "/media/" + names["cover.jpg"][1])
    check_eq("HEAD: 200 and no body", (st, got), (200, b""))
    check_eq("HEAD: the length", hh.get("content-length"),
             str(len(jpeg(640, 480))))
    return names


def test_refused(srv, ed):
    before_rows, before_files = media_rows(srv), media_files(srv)
    cases = [("text named .jpg", "notes.jpg", "image/jpeg",
              b"Just some words, not a picture.\n", 415, "not a JPEG"),
             ("HTML named .pdf", "invoice.pdf", "application/pdf",
              b"<!DOCTYPE html><html><body><script>alert(1)</script>"
              b"</body></html>", 415, "not a JPEG"),
             ("HTML behind a space", "x.pdf", "application/pdf",
              b"   %PDF-1.4 <script>alert(1)</script>", 415,
              "not a JPEG"),
             ("a PNG signature and nothing more", "broken.png",
              "image/png", b"\x89PNG\r\n\x1a\n" + b"<script>", 415,
              "cannot be read"),
             ("a JPEG with no frame header", "broken.jpg", "image/jpeg",
              b"\xff\xd8\xff\xe0\x00\x04ab\xff\xd9", 415,
              "cannot be read"),
             ("an empty file", "empty.png", "image/png", b"", 415,
              "not a JPEG"),
             ("over the limit", "huge.png", "image/png",
              png(4, 4)[:33] + b"\0" * (LIMIT_MB * 1024 * 1024 + 10), 413,
              None)]
    for label, fname, ctype, data, want, says in cases:
        st, hd, body = upload(ed, fname, ctype, data)
        check_eq("refused, %s: status" % label, st, want)
        if says is not None:
            doc = parse_html(body)
            err = doc.find("p", attrs={"id": "f-file-error"})
            check("refused, %s: said beside the field" % label,
                  err is not None and says in err.text(),
                  err.text() if err else body[:300])
        else:
            check("refused, %s: says the limit" % label,
                  "upload limit" in body or "limit of" in body, body[:300])
        check_eq("refused, %s: no row" % label, media_rows(srv),
                 before_rows)
        check_eq("refused, %s: no file" % label, media_files(srv),
                 before_files)
    # No file at all.
    ct, body = multipart({"csrf": ed.csrf("/admin/media"), "alt": ""},
                         [])
    st, hd, body = ed.request("POST", "/admin/media", raw=body,
                              headers={"Content-Type": ct})
    check_eq("no file chosen: 422", st, 422)
    check_in("no file chosen: said", "Choose a file", body)
    # Paths that are not a stored file's name.
    for p in ("/media/../t.db", "/media/t.db", "/media/%2e%2e%2ft.db",
              "/media/" + "0" * 32 + ".png", "/media/" + "A" * 32 + ".png",
              "/media/" + "0" * 32 + ".html", "/media/"):
        st, hh, got = srv.get(p)
        check("unknown %s: 404" % p, st in (404, 400), st)


def test_library(srv, ed, names):
    st, h, body = ed.get("/admin/media")
    check_eq("library: 200", st, 200)
    doc = parse_html(body)
    cards = doc.find_all("li", cls="media-card")
    check_eq("library: every upload", len(cards), len(media_rows(srv)))
    ids = [int(c.attrs["id"].split("-")[1]) for c in cards]
    check_eq("library: newest first", ids, sorted(ids, reverse=True))
    cover = names["cover.jpg"][1]
    urls = [i.attrs.get("value") for i in doc.find_all(
        "input", cls="media-url")]
    check_in("library: the address to copy", "/media/" + cover, urls)
    imgs = [i.attrs.get("src") for i in doc.find_all("img")]
    check_in("library: a thumbnail", "/media/" + cover, imgs)
    check("library: no thumbnail for a PDF", "/media/" +
          names["Report 2026 — final.pdf"][1] not in imgs, imgs)
    # The original name is shown, escaped.
    st, h, _ = upload(ed, "<img src=x onerror=alert(1)>.png", "image/png",
                      png(2, 2))
    check_eq("a file with markup in its name: uploaded", st, 303)
    st, h, body = ed.get("/admin/media")
    check("its name is escaped", "<img src=x onerror" not in body and
          "&lt;img src=x onerror=alert(1)&gt;.png" in body)
    # Pagination: 20 a page.
    for i in range(16):
        upload(ed, "p%d.gif" % i, "image/gif", gif(1, 1))
    total = len(media_rows(srv))
    st, h, body = ed.get("/admin/media?page=2")
    check_eq("library page 2: the rest", len(parse_html(body).find_all(
        "li", cls="media-card")), total - 20)
    check_eq("library past the end: 404", ed.get("/admin/media?page=9")[0],
             404)


def test_usage(srv, ed, names):
    mid, name = names["cover.jpg"]
    art = srv.sql("SELECT id, title FROM articles ORDER BY id LIMIT 1")[0]
    person = srv.sql("SELECT id, name FROM people ORDER BY id LIMIT 1")[0]
    srv.sql_write("UPDATE article_bodies SET body = body || ?"
                  " WHERE article_id = ?",
                  ("\n\n![The cover](/media/%s)\n" % name, art[0]))
    srv.sql_write("UPDATE people SET photo = ? WHERE id = ?",
                  ("https://journal.example/media/" + name, person[0]))
    st, h, body = ed.get("/admin/media/%d" % mid)
    check_eq("file page: 200", st, 200)
    doc = parse_html(body)
    links = {a.attrs.get("href"): a.text() for a in doc.find_all("a")}
    check_eq("file page: used in the article",
             links.get("/admin/articles/%d" % art[0]), art[1])
    check_eq("file page: used as a photo",
             links.get("/admin/people/%d" % person[0]), person[1])
    # The first uploads are on the library's second page by now.
    st, h, body = ed.get("/admin/media?page=2")
    card = parse_html(body).find("li", attrs={"id": "media-%d" % mid})
    check_in("library: used in 2 places", "Used in 2 places",
             card.text() if card else "")
    other = names["anim.gif"][0]
    card = parse_html(body).find("li", attrs={"id": "media-%d" % other})
    check_in("library: an unused file says so", "Not used yet",
             card.text() if card else "")
    st, h, body = ed.get("/admin/media/%d/delete" % mid)
    check_eq("delete asks first", st, 200)
    check_in("and warns of the uses", "still used in 2 places", body)
    st, h, body = ed.get("/admin/media/%d/delete" % other)
    check_in("an unused file's question says so", "not used anywhere",
             body)


def test_alt(srv, ed, au, names):
    mid = names["photo.webp"][0]
    tok = ed.csrf("/admin/media/%d" % mid)
    st, h, _ = ed.post("/admin/media/%d" % mid,
                       {"csrf": tok, "alt": "Boats in the harbour"})
    check_eq("alt text: saved (303)", (st, loc(h)),
             (303, "/admin/media/%d?done=alt" % mid))
    check_eq("alt text: in the row", srv.sql(
        "SELECT alt FROM media WHERE id = ?", (mid,))[0][0],
        "Boats in the harbour")
    st, h, body = ed.post("/admin/media/%d" % mid,
                          {"csrf": tok, "alt": "x" * 501})
    check_eq("alt text too long: 422", st, 422)
    check_eq("alt text too long: unchanged", srv.sql(
        "SELECT alt FROM media WHERE id = ?", (mid,))[0][0],
        "Boats in the harbour")
    # An author: uploads, edits their own file's alt text, not others'.
    st, h, _ = upload(au, "mine.png", "image/png", png(3, 3))
    check_eq("author uploads", st, 303)
    own = int(loc(h).split("/")[3].split("?")[0])
    tok = au.csrf("/admin/media/%d" % own)
    check_eq("author edits their own alt text", au.post(
        "/admin/media/%d" % own, {"csrf": tok, "alt": "Mine"})[0], 303)
    check_eq("author: not another's", au.post(
        "/admin/media/%d" % mid, {"csrf": tok, "alt": "Theirs"})[0], 403)
    check_eq("author: the other's alt unchanged", srv.sql(
        "SELECT alt FROM media WHERE id = ?", (mid,))[0][0],
        "Boats in the harbour")
    check_eq("author: no delete question", au.get(
        "/admin/media/%d/delete" % own)[0], 403)
    check_eq("author: no delete", au.post(
        "/admin/media/%d/delete" % own, {"csrf": tok})[0], 403)
    check_eq("author: the file stays", srv.sql(
        "SELECT count(*) FROM media WHERE id = ?", (own,))[0][0], 1)


def test_csrf_and_anonymous(srv, ed, names):
    before_rows, before_files = media_rows(srv), media_files(srv)
    st, h, _ = upload(ed, "nocsrf.png", "image/png", png(2, 2), csrf="")
    check_eq("upload without a CSRF token: 403", st, 403)
    st, h, _ = upload(ed, "badcsrf.png", "image/png", png(2, 2),
                      csrf="0" * 64)
    check_eq("upload with a wrong CSRF token: 403", st, 403)
    anon = Client(srv, "127.0.0.51")
    st, h, _ = upload(anon, "anon.png", "image/png", png(2, 2), csrf="")
    check("anonymous upload: sent to sign in", st == 303 and
          loc(h).startswith("/admin/login"), (st, loc(h)))
    check_eq("refused uploads: no row", media_rows(srv), before_rows)
    check_eq("refused uploads: no file", media_files(srv), before_files)
    st, h, _ = anon.get("/admin/media")
    check("anonymous library: sent to sign in", st == 303 and
          loc(h).startswith("/admin/login"), (st, loc(h)))
    mid = names["anim.gif"][0]
    st, h, _ = ed.post("/admin/media/%d/delete" % mid, {})
    check_eq("delete without a CSRF token: 403", st, 403)
    check_eq("and the row stays", srv.sql(
        "SELECT count(*) FROM media WHERE id = ?", (mid,))[0][0], 1)
    # Anonymous readers see public files, though.
    st, h, _ = anon.get("/media/" + names["anim.gif"][1])
    check_eq("a file is public", st, 200)


def test_delete(srv, ed, names):
    mid, name = names["cover.jpg"]
    tok = ed.csrf("/admin/media/%d/delete" % mid)
    st, h, _ = ed.post("/admin/media/%d/delete" % mid, {"csrf": tok})
    check_eq("delete: 303 to the library", (st, loc(h)),
             (303, "/admin/media?done=deleted"))
    check_eq("delete: the row is gone", srv.sql(
        "SELECT count(*) FROM media WHERE id = ?", (mid,))[0][0], 0)
    check("delete: the file is gone", name not in media_files(srv))
    check_eq("delete: /media/NAME is 404", srv.get("/media/" + name)[0],
             404)
    check_eq("delete: twice is 404", ed.post(
        "/admin/media/%d/delete" % mid, {"csrf": tok})[0], 404)
    acts = [r[0] for r in srv.sql("SELECT action FROM audit")]
    check("audit: uploads and the deletion", "media uploaded" in acts and
          "media deleted" in acts and "media alt text" in acts, acts)


def test_dashboard(srv, ed):
    st, h, body = ed.get("/admin")
    check_eq("dashboard: 200", st, 200)
    doc = parse_html(body)
    bars = doc.find_all("rect", cls="chart-bar")
    check_eq("dashboard: 30 bars", len(bars), 30)
    last = bars[-1].attrs["data-day"]
    today = datetime.date.fromisoformat(last)
    check("dashboard: the last bar is today (UTC)", abs(
        (today - datetime.datetime.now(datetime.timezone.utc).date()).days)
        <= 1, last)
    arts = srv.sql("SELECT id, title FROM articles WHERE status ="
                   " 'published' ORDER BY id LIMIT 4")
    srv.sql_write("DELETE FROM reads_daily")
    rows = [(arts[0][0], today, 120), (arts[1][0], today, 30),
            (arts[0][0], today - datetime.timedelta(days=1), 7),
            (arts[2][0], today - datetime.timedelta(days=29), 11),
            (arts[3][0], today - datetime.timedelta(days=30), 999),
            (arts[3][0], today - datetime.timedelta(days=45), 999)]
    for aid, day, n in rows:
        srv.sql_write("INSERT INTO reads_daily (article_id, day, reads)"
                      " VALUES (?, ?, ?)", (aid, day.isoformat(), n))
    srv.sql_write("UPDATE articles SET status = 'draft',"
                  " updated_at = '2026-11-29T10:00:00Z' WHERE id = ?",
                  (arts[3][0],))
    srv.sql_write("UPDATE articles SET status = 'scheduled',"
                  " published_at = '2030-01-02T09:30:00Z' WHERE id = ?",
                  (arts[2][0],))
    st, h, body = ed.get("/admin")
    doc = parse_html(body)
    if doc.find_all("rect", cls="chart-bar")[-1].attrs["data-day"] != last:
        st, h, body = ed.get("/admin")	# midnight passed: once more
        doc = parse_html(body)
    bars = doc.find_all("rect", cls="chart-bar")
    got = {b.attrs["data-day"]: int(b.attrs["data-reads"]) for b in bars}
    want = {(today - datetime.timedelta(days=k)).isoformat(): 0
            for k in range(30)}
    want[today.isoformat()] = 150
    want[(today - datetime.timedelta(days=1)).isoformat()] = 7
    want[(today - datetime.timedelta(days=29)).isoformat()] = 11
    check_eq("chart: reads of each of the 30 days, none before", got, want)
    heights = {b.attrs["data-day"]: float(b.attrs["height"]) for b in bars}
    check("chart: bars as tall as their reads",
          heights[today.isoformat()] > 0 and abs(
              heights[(today - datetime.timedelta(days=1)).isoformat()] /
              heights[today.isoformat()] - 7 / 150) < 0.01 and
          heights[(today - datetime.timedelta(days=2)).isoformat()] == 0,
          heights)
    svg = doc.find("svg", cls="chart-svg")
    title = svg.find("title") if svg else None
    desc = svg.find("desc") if svg else None
    check("chart: an image with a title and a description",
          svg is not None and svg.attrs.get("role") == "img" and
          title is not None and desc is not None and
          "168 reads" in desc.text(), desc.text() if desc else body[:200])
    cells = [td.text() for td in doc.find("details", cls="chart-data")
             .find_all("td")]
    check_eq("chart: the numbers as a table", sum(int(c) for c in cells),
             168)
    top = doc.find("ol", cls="dash-top")
    items = top.find_all("li") if top else []
    month_start = today.replace(day=1)
    expect = {arts[0][0]: 120 + (7 if today.day > 1 else 0),
              arts[1][0]: 30}
    if (today - datetime.timedelta(days=29)) >= month_start:
        expect[arts[2][0]] = 11
    order = sorted(expect.items(), key=lambda kv: (-kv[1], kv[0]))
    check_eq("top of the month: in order, with their reads",
             [(i.find("a").attrs["href"], i.find("span").text())
              for i in items],
             [("/admin/articles/%d" % a, "%d reads" % n) for a, n in order])
    drafts = doc.find("section", attrs={"aria-labelledby": "drafts-h"})
    check_in("drafts: the new draft, linked to its editor",
             "/admin/articles/%d" % arts[3][0],
             [a.attrs.get("href") for a in drafts.find_all("a")])
    sched = doc.find("section", attrs={"aria-labelledby": "scheduled-h"})
    check_in("scheduled: the article and its time", "2 Jan 2030, 09:30",
             sched.text())
    check_in("scheduled: linked", "/admin/articles/%d" % arts[2][0],
             [a.attrs.get("href") for a in sched.find_all("a")])


def main():
    with harness.Server(articles=30, config="upload_max_mb %d\n" %
                        LIMIT_MB) as srv:
        for r in ("editor", "author"):
            check_eq("octavo user add %s" % r, user_add(
                srv.db, EMAIL[r], r, PW[r]).returncode, 0)
        srv.pause(1.5)
        ed = Client(srv, "127.0.0.41")
        check_eq("editor signs in", ed.login(EMAIL["editor"],
                                             PW["editor"])[0], 303)
        au = Client(srv, "127.0.0.42")
        check_eq("author signs in", au.login(EMAIL["author"],
                                             PW["author"])[0], 303)
        check_eq("no media folder before the first upload",
                 media_files(srv), [])
        names = test_types(srv, ed)
        test_refused(srv, ed)
        test_library(srv, ed, names)
        test_usage(srv, ed, names)
        test_alt(srv, ed, au, names)
        test_csrf_and_anonymous(srv, ed, names)
        test_delete(srv, ed, names)
        test_dashboard(srv, ed)


if __name__ == "__main__":
    main()
    harness.done()
