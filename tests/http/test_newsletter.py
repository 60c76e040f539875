"""The newsletter sign-up: POST /newsletter (a form).  A valid address
makes one pending subscriber with a random token, once per address
whatever its case; a bad one gets the form back (422) with what was typed,
why, and the field marked invalid, and adds nothing.  Each answer shows
one message.  The form's `return` (the page it was on) becomes a link
back after a sign-up when it is a path on this site; anything else (an
absolute URL, //host, /\\host, a control character) is dropped: never
a link or a redirect elsewhere.
"""
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in, parse_html  # noqa: E402

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# 300 characters, each part within its own limit (local part 64, labels
# 63): too long only as a whole (RFC 5321: 254).
_HEAD = "a" * 60 + "@" + ".".join(["b" * 60] * 3) + "."
LONG = _HEAD + "c" * (300 - len(_HEAD) - 4) + ".org"


def post(srv, email, back=None):
    form = {"email": email}
    if back is not None:
        form["return"] = back
    return srv.request("POST", "/newsletter",
                       body=urllib.parse.urlencode(form), headers=FORM)


def messages(doc):
    """The texts of the page's messages: notices and field errors."""
    return [n.text() for n in doc.find_all(cls="notice") +
            doc.find_all(cls="field-error")]


def form_of(doc):
    """The sign-up form's input and error paragraph (the first form, which
    the newsletter page moves to the top of the sidebar)."""
    f = doc.find("form", "newsletter-form")
    if f is None:
        return None, None
    return (f.find("input", attrs={"name": "email"}),
            f.find(attrs={"id": "newsletter-error"}))


def subscribers(srv):
    return srv.sql("SELECT email, status, token FROM subscribers")


def main():
    with harness.Server() as srv:
        check_eq("no subscriber before", subscribers(srv), [])

        st, h, body = post(srv, "reader@example.org")
        check_eq("valid address: 200", st, 200)
        doc = parse_html(body)
        main_ = doc.find("main")
        text = main_.text() if main_ else ""
        check("valid address: page says the subscription is pending",
              "Almost done" in text or "pending" in text.lower() or
              "waiting for confirmation" in text, text[:300])
        check_in("valid address: page names the address",
                 "reader@example.org", text)
        check_eq("valid address: one message", len(messages(doc)), 1)
        inp, err = form_of(doc)
        check("valid address: no form asking again", inp is None,
              repr(inp and inp.attrs))
        rows = subscribers(srv)
        check_eq("valid address: one subscriber row", len(rows), 1)
        if rows:
            email, status, token = rows[0]
            check_eq("valid address: stored address", email,
                     "reader@example.org")
            check_eq("valid address: status pending", status, "pending")
            check("valid address: 64 hex-digit token",
                  re.fullmatch(r"[0-9a-f]{64}", token or "") is not None,
                  repr(token))
        token0 = rows[0][2] if rows else None

        for again in ("reader@example.org", "Reader@Example.ORG"):
            st, h, body = post(srv, again)
            check_eq("again as %s: 200" % again, st, 200)
            check_in("again as %s: same answer" % again, "Almost done",
                     parse_html(body).find("main").text())
            rows = subscribers(srv)
            check_eq("again as %s: still one row" % again, len(rows), 1)
            check_eq("again as %s: token unchanged" % again,
                     rows[0][2] if rows else None, token0)

        st, h, body = post(srv, "other@example.org")
        check_eq("second address: 200", st, 200)
        check_eq("second address: two rows", len(subscribers(srv)), 2)
        tokens = [r[2] for r in subscribers(srv)]
        check("tokens differ", len(set(tokens)) == 2, repr(tokens))

        bad = [
            ("empty", "", "Please enter your email address."),
            ("no at sign", "no-at-sign", "does not look like an email"),
            ("no dot in domain", "a@b", "does not look like an email"),
            ("space", "a b@example.org", "does not look like an email"),
            ("hyphen-edged label", "x@-bad-.org",
             "does not look like an email"),
            ("300 characters", LONG, "too long"),
            ("markup", '<script>alert("x")</script>@example.org',
             "does not look like an email"),
            ("two at signs", "a@b@example.org", "does not look like an email"),
            ("quote", 'a"b@example.org', "does not look like an email"),
        ]
        n = len(subscribers(srv))
        for name, value, why in bad:
            if name == "300 characters":
                check_eq("the long address is 300 characters", len(value),
                         300)
            st, h, body = post(srv, value)
            check_eq("%s: 422" % name, st, 422)
            doc = parse_html(body)
            inp, err = form_of(doc)
            have = inp.attrs.get("value") if inp else None
            check("%s: the form shows what was typed" % name, have == value,
                  "value attribute %r, want the %d characters typed"
                  % (have if have is None or len(have) < 40 else
                     have[:40] + "...", len(value)))
            check("%s: the field is marked invalid" % name, inp is not None
                  and inp.attrs.get("aria-invalid") == "true" and
                  "newsletter-error" in
                  inp.attrs.get("aria-describedby", "").split(),
                  repr(inp and inp.attrs))
            check_in("%s: error message next to the field" % name, why,
                     err.text() if err else "")
            check_in("%s: error explained in the page" % name, why,
                     doc.find("main").text())
            check_eq("%s: one message" % name, len(messages(doc)), 1)
            check("%s: the form is not also in the sidebar" % name,
                  doc.find("aside").find("form") is None, "a second form")
            check_eq("%s: no row added" % name, len(subscribers(srv)), n)

        # The typed value comes back escaped, never as markup.
        st, h, body = post(srv, '<script>alert("x")</script>@example.org')
        check("markup: no <script> element in the answer",
              b"<script>" not in body and
              parse_html(body).find("script") is None, "script found")
        check_in("markup: value is HTML-escaped",
                 b'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
                 b'@example.org"', body)

        # No email field at all.
        st, h, body = srv.request("POST", "/newsletter", body="name=x",
                                  headers=FORM)
        check_eq("no email field: 422", st, 422)
        check_eq("no email field: no row added", len(subscribers(srv)), n)

        # Back where the reader was: a local path becomes the link back.
        for back in ("/articles/on-x", "/sections/policy?page=2", "/"):
            st, h, body = post(srv, "back@example.org", back)
            doc = parse_html(body)
            a = doc.find(cls="back-link")
            a = a.find("a") if a else None
            check_eq("return %s: 200, not a redirect" % back, st, 200)
            check_eq("return %s: the link back" % back,
                     a.attrs.get("href") if a else None, back)
            check_eq("return %s: one message" % back, len(messages(doc)),
                     1)
        # Never elsewhere: no link back, no Location.
        for back in ("//evil.example/x", "/\\evil.example/x",
                     "https://evil.example/", "http:/evil.example",
                     "javascript:alert(1)", "evil.example/x",
                     "/x\r\nLocation: https://evil.example/",
                     "/x\"><script>", "/newsletter", "",
                     "/" + "a" * 600):
            st, h, body = post(srv, "back@example.org", back)
            doc = parse_html(body)
            check_eq("return %r: 200" % back[:40], st, 200)
            check("return %r: no Location" % back[:40],
                  "location" not in {k.lower() for k in h}, repr(h))
            check("return %r: no link back" % back[:40],
                  doc.find(cls="back-link") is None, "a link back")
            check("return %r: no link to it anywhere" % back[:40],
                  back in ("", "/newsletter") or all(
                      a.attrs.get("href") != back
                                  for a in doc.find_all("a")), back)
        # A bad address keeps the return path for the next try.
        st, h, body = post(srv, "bad", "/articles/on-x")
        ret = parse_html(body).find("input", attrs={"name": "return"})
        check_eq("bad address: the form keeps the return path",
                 ret.attrs.get("value") if ret else None, "/articles/on-x")

        # The error is the form's own: the next GET shows a clean form.
        st, h, body = srv.get("/newsletter")
        inp, err = form_of(parse_html(body))
        check("GET after an error: clean form", st == 200 and
              inp is not None and inp.attrs.get("value") == "" and
              "aria-invalid" not in inp.attrs and err is None,
              "status %r, input %r" % (st, inp and inp.attrs))


if __name__ == "__main__":
    main()
    harness.done()
