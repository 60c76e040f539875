"""OAI-PMH 2.0 at /oai, checked by xmllint against the protocol's schema
and oai_dc's (tests/data/oai-pmh) and by a real harvester.

- every answer below is valid against OAI-PMH.xsd with its oai_dc
  records against oai_dc.xsd;
- Identify, ListMetadataFormats, ListSets (the sections) and GetRecord
  say what the database says;
- ListIdentifiers and ListRecords walk every published article exactly
  once through resumption tokens (pages of 100, an empty token ending a
  resumed list), also by POST; selective harvesting by set, by from and
  until (days and seconds), the datestamp moving with an edit; an
  unpublished or deleted article stays as a deleted record (a header
  with status="deleted", the withdrawal's datestamp, no metadata, in its
  set and in from/until harvests), and is a record again once published;
- a token survives a restart of the server; a damaged, foreign or
  expired one is badResumptionToken;
- every error code: badVerb, badArgument (with the request element
  bare), badResumptionToken, cannotDisseminateFormat, idDoesNotExist,
  noRecordsMatch;
- a full harvest by Debian's libhttp-oai-perl (HTTP::OAI::Harvester,
  tests/http/oai_harvest.pl) returns every published article exactly
  once, titles and creators as stored, and every withdrawn one as
  deleted;
- no base_url: 404.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import check, check_eq, check_in  # noqa: E402

DATA = os.path.join(harness.ROOT, "tests", "data", "oai-pmh")
O = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
ARTICLES = 250
PAGE = 100
HANG_GUARD = 600	# a guard against a hung process, not a check


class Client:
    def __init__(self, srv, base):
        self.srv = srv
        self.base = base
        self.answers = 0
        self.invalid = []

    def ask(self, args, post=False):
        """The parsed answer to args (a list of pairs), validated."""
        q = urllib.parse.urlencode(args)
        if post:
            st, h, body = self.srv.request(
                "POST", "/oai", body=q.encode(), headers={
                    "Content-Type": "application/x-www-form-urlencoded"})
        else:
            st, h, body = self.srv.get("/oai?" + q)
        self.answers += 1
        if st != 200 or not h.get("content-type", "").startswith(
                "text/xml"):
            self.invalid.append((args, st, h.get("content-type")))
            return ET.Element("none")
        env = dict(os.environ, XML_CATALOG_FILES=os.path.join(
            DATA, "catalog.xml"))
        with tempfile.NamedTemporaryFile(suffix=".xml") as f:
            f.write(body)
            f.flush()
            p = subprocess.run(["xmllint", "--nonet", "--noout", "--schema",
                                os.path.join(DATA, "all.xsd"), f.name],
                               capture_output=True, text=True, env=env,
                               timeout=HANG_GUARD)
        if p.returncode != 0:
            self.invalid.append((args, p.stderr[-300:]))
        return ET.fromstring(body)

    def error(self, args):
        root = self.ask(args)
        e = root.find(O + "error")
        return e.get("code") if e is not None else None, root

    def walk(self, verb, args, post=False):
        """Every header of a list, following tokens: ([(id, stamp,
        sets)], pages, last token element, tokens)."""
        out, pages, tokens = [], 0, []
        a = [("verb", verb)] + args
        last = None
        while True:
            root = self.ask(a, post)
            lst = root.find(O + verb)
            if lst is None:
                e = root.find(O + "error")
                return out, pages, ("error", e.get("code") if e is not None
                                    else None), tokens
            pages += 1
            for h in lst.iter(O + "header"):
                out.append((h.find(O + "identifier").text,
                            h.find(O + "datestamp").text,
                            [s.text for s in h.findall(O + "setSpec")]))
            last = lst.find(O + "resumptionToken")
            if last is None or not (last.text or ""):
                return out, pages, last, tokens
            tokens.append(last)
            a = [("verb", verb), ("resumptionToken", last.text)]


def ident(host, aid):
    return "oai:%s:%d" % (host, aid)


def stamps(srv, where="", args=()):
    """{article id: datestamp} of published articles, from the database."""
    return dict(srv.sql(
        "SELECT a.id, max(a.published_at, a.updated_at) FROM articles a"
        " JOIN sections s ON s.id = a.section_id WHERE a.status ="
        " 'published'" + where, args))


def forge(tok, **change):
    """tok with fields changed and its check made again."""
    f = tok.split(".")
    for k, v in change.items():
        f[{"expiry": 1, "after": 2, "set": 5}[k]] = v
    head = ".".join(f[:6]) + "."
    return head + hashlib.blake2b(head.encode(), digest_size=8).hexdigest()


def check_lists(c, srv, host):
    want = stamps(srv)
    for verb, post in (("ListIdentifiers", False), ("ListRecords", False),
                       ("ListRecords", True)):
        label = verb + (" by POST" if post else "")
        hs, pages, last, tokens = c.walk(verb, [("metadataPrefix",
                                                 "oai_dc")], post)
        ids = [h[0] for h in hs]
        check_eq("%s: every published article once" % label,
                 sorted(ids), sorted(ident(host, i) for i in want))
        check_eq("%s: datestamps as stored" % label,
                 sorted((h[0], h[1]) for h in hs),
                 sorted((ident(host, i), s) for i, s in want.items()))
        check_eq("%s: pages of %d" % (label, PAGE), pages,
                 (len(want) + PAGE - 1) // PAGE)
        check("%s: the resumed list ends with an empty token" % label,
              last is not None and not (last.text or ""), last)
        check("%s: tokens carry an expiry" % label, tokens and all(
            t.get("expirationDate", "").endswith("Z") for t in tokens),
            [t.attrib for t in tokens])
    rec = c.ask([("verb", "ListRecords"), ("metadataPrefix", "oai_dc")])
    n = len(rec.findall(".//" + O + "record"))
    check_eq("ListRecords: %d records a page" % PAGE, n, PAGE)

    # Selective harvesting.
    for (slug,) in srv.sql("SELECT slug FROM sections"):
        hs, _, _, _ = c.walk("ListIdentifiers", [("metadataPrefix",
                                                  "oai_dc"), ("set", slug)])
        w = stamps(srv, " AND s.slug = ?", (slug,))
        check_eq("set %s: its articles" % slug, sorted(h[0] for h in hs),
                 sorted(ident(host, i) for i in w))
        check("set %s: setSpec of each" % slug, all(h[2] == [slug]
                                                    for h in hs), hs[:2])
    days = sorted({s[:10] for s in want.values()})
    lo, hi = days[len(days) // 3], days[2 * len(days) // 3]
    hs, _, _, _ = c.walk("ListIdentifiers", [("metadataPrefix", "oai_dc"),
                                             ("from", lo), ("until", hi)])
    w = [i for i, s in want.items() if lo <= s[:10] <= hi]
    check_eq("from %s until %s (days): the articles of those days" %
             (lo, hi), sorted(h[0] for h in hs),
             sorted(ident(host, i) for i in w))
    mid = sorted(want.values())[len(want) // 2]
    hs, _, _, _ = c.walk("ListIdentifiers", [("metadataPrefix", "oai_dc"),
                                             ("from", mid)])
    check_eq("from %s (seconds): the articles since" % mid,
             sorted(h[0] for h in hs),
             sorted(ident(host, i) for i, s in want.items() if s >= mid))
    hs, _, _, _ = c.walk("ListRecords", [("metadataPrefix", "oai_dc"),
                                         ("until", mid)])
    check_eq("until %s (seconds): the articles before" % mid,
             sorted(h[0] for h in hs),
             sorted(ident(host, i) for i, s in want.items() if s <= mid))


def check_records(c, srv, host):
    site = dict(srv.sql("SELECT key, value FROM settings"))
    rows = srv.sql("SELECT a.id, a.slug, a.title, a.dek, a.published_at,"
                   " s.slug, s.name FROM articles a JOIN sections s ON"
                   " s.id = a.section_id WHERE a.status = 'published'"
                   " ORDER BY a.id LIMIT 5")
    for aid, slug, title, dek, pub, sslug, sname in rows:
        root = c.ask([("verb", "GetRecord"), ("metadataPrefix", "oai_dc"),
                      ("identifier", ident(host, aid))])
        dc = root.find(".//{http://www.openarchives.org/OAI/2.0/oai_dc/}dc")
        if not check("GetRecord %d: a record" % aid, dc is not None, ""):
            continue
        authors = [n for (n,) in srv.sql(
            "SELECT p.name FROM article_authors l JOIN people p ON p.id ="
            " l.person_id WHERE l.article_id = ? ORDER BY l.position",
            (aid,))]
        have = {k: [e.text for e in dc.findall(DC + k)] for k in
                ("title", "creator", "subject", "description", "date",
                 "identifier", "publisher")}
        check_eq("GetRecord %d: Dublin Core as stored" % aid, have, {
            "title": [title], "creator": authors, "subject": [sname],
            "description": [dek] if dek else [], "date": [pub[:10]],
            "identifier": [c.base + "/articles/" + slug],
            "publisher": [site["name"]]})
        req = root.find(O + "request")
        check_eq("GetRecord %d: the request echoed" % aid,
                 (req.get("verb"), req.get("identifier"), req.text),
                 ("GetRecord", ident(host, aid), c.base + "/oai"))


def check_errors(c, srv, host):
    aid = srv.sql("SELECT max(id) FROM articles")[0][0]
    cases = [
        ("no verb", [], "badVerb"),
        ("unknown verb", [("verb", "ListEverything")], "badVerb"),
        ("verb twice", [("verb", "Identify"), ("verb", "Identify")],
         "badVerb"),
        ("Identify with an argument", [("verb", "Identify"),
                                       ("set", "x")], "badArgument"),
        ("unknown argument", [("verb", "ListRecords"),
                              ("metadataPrefix", "oai_dc"), ("foo", "1")],
         "badArgument"),
        ("argument twice", [("verb", "ListRecords"),
                            ("metadataPrefix", "oai_dc"),
                            ("metadataPrefix", "oai_dc")], "badArgument"),
        ("no metadataPrefix", [("verb", "ListIdentifiers")], "badArgument"),
        ("GetRecord without identifier", [("verb", "GetRecord"),
                                          ("metadataPrefix", "oai_dc")],
         "badArgument"),
        ("a bad date", [("verb", "ListRecords"),
                        ("metadataPrefix", "oai_dc"),
                        ("from", "2026-02-30")], "badArgument"),
        ("granularities mixed", [("verb", "ListRecords"),
                                 ("metadataPrefix", "oai_dc"),
                                 ("from", "2026-01-01"),
                                 ("until", "2026-12-01T00:00:00Z")],
         "badArgument"),
        ("from after until", [("verb", "ListRecords"),
                              ("metadataPrefix", "oai_dc"),
                              ("from", "2026-05-01"),
                              ("until", "2026-04-01")], "badArgument"),
        ("token with another argument", [("verb", "ListRecords"),
                                         ("metadataPrefix", "oai_dc"),
                                         ("resumptionToken", "x")],
         "badArgument"),
        ("a token not ours", [("verb", "ListRecords"),
                              ("resumptionToken", "abc")],
         "badResumptionToken"),
        ("ListSets with a token", [("verb", "ListSets"),
                                   ("resumptionToken", "abc")],
         "badResumptionToken"),
        ("another format", [("verb", "ListRecords"),
                            ("metadataPrefix", "marc21")],
         "cannotDisseminateFormat"),
        ("GetRecord in another format", [
            ("verb", "GetRecord"), ("metadataPrefix", "mods"),
            ("identifier", ident(host, 1))], "cannotDisseminateFormat"),
        ("unknown identifier", [("verb", "GetRecord"),
                                ("metadataPrefix", "oai_dc"),
                                ("identifier", ident(host, aid + 1))],
         "idDoesNotExist"),
        ("another host's identifier", [("verb", "GetRecord"),
                                       ("metadataPrefix", "oai_dc"),
                                       ("identifier", "oai:example.org:1")],
         "idDoesNotExist"),
        ("formats of an unknown identifier", [
            ("verb", "ListMetadataFormats"),
            ("identifier", "oai:%s:0x1" % host)], "idDoesNotExist"),
        ("nothing in the range", [("verb", "ListRecords"),
                                  ("metadataPrefix", "oai_dc"),
                                  ("from", "2100-01-01")], "noRecordsMatch"),
        ("an unknown set", [("verb", "ListIdentifiers"),
                            ("metadataPrefix", "oai_dc"),
                            ("set", "no-such-section")], "noRecordsMatch"),
    ]
    for label, args, want in cases:
        code, root = c.error(args)
        check_eq("error: %s: %s" % (label, want), code, want)
        if want in ("badVerb", "badArgument"):
            req = root.find(O + "request")
            check_eq("error: %s: the request element is bare" % label,
                     (dict(req.attrib), req.text), ({}, c.base + "/oai"))
        else:
            req = root.find(O + "request")
            check_eq("error: %s: the request echoed" % label,
                     req.get("verb"), dict(args).get("verb"))


def deleted_records(c, srv, host, aid):
    """Article aid was just unpublished: a deleted record, everywhere a
    record is; deleting another published article leaves one too; one
    published again is a record again."""
    root = c.ask([("verb", "GetRecord"), ("metadataPrefix", "oai_dc"),
                  ("identifier", ident(host, aid))])
    h = root.find(".//" + O + "header")
    check_eq("unpublished: GetRecord gives a deleted header",
             h.get("status") if h is not None else None, "deleted")
    check("unpublished: no metadata", root.find(".//" + O + "metadata")
          is None)
    stamp, sec = srv.sql("SELECT stamp, section FROM oai_deleted WHERE id"
                         " = ?", (aid,))[0]
    check_eq("unpublished: its datestamp the withdrawal's, its set",
             (h.findtext(O + "datestamp"), h.findtext(O + "setSpec")),
             (stamp, sec))
    hs, _, _, _ = c.walk("ListIdentifiers", [("metadataPrefix", "oai_dc"),
                                             ("from", stamp[:10])])
    check_in("unpublished: in a harvest from that day", (ident(host, aid),
                                                         stamp),
             [(x[0], x[1]) for x in hs])
    hs, _, _, _ = c.walk("ListIdentifiers", [("metadataPrefix", "oai_dc"),
                                             ("set", sec)])
    check_in("unpublished: in its set's harvest", ident(host, aid),
             [x[0] for x in hs])
    other = srv.sql("SELECT max(id) FROM articles WHERE status ="
                    " 'published'")[0][0]
    srv.sql_write("DELETE FROM articles WHERE id = ?", (other,))
    root = c.ask([("verb", "GetRecord"), ("metadataPrefix", "oai_dc"),
                  ("identifier", ident(host, other))])
    h = root.find(".//" + O + "header")
    check_eq("deleted: GetRecord gives a deleted header",
             h.get("status") if h is not None else None, "deleted")
    root = c.ask([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"),
                  ("from", stamp[:10])])
    dels = [r for r in root.iter(O + "record")
            if r.find(O + "header").get("status") == "deleted"]
    check_eq("ListRecords: the deleted records, headers alone",
             sorted((r.find(O + "header").findtext(O + "identifier"),
                     r.find(O + "metadata") is None) for r in dels),
             sorted([(ident(host, aid), True), (ident(host, other), True)]))
    srv.sql_write("UPDATE articles SET status = 'published' WHERE id = ?",
                  (aid,))
    root = c.ask([("verb", "GetRecord"), ("metadataPrefix", "oai_dc"),
                  ("identifier", ident(host, aid))])
    check("published again: a record with metadata",
          root.find(".//" + O + "metadata") is not None and
          root.find(".//" + O + "header").get("status") is None)
    srv.sql_write("UPDATE articles SET status = 'draft' WHERE id = ?",
                  (aid,))


def main():
    tmp = tempfile.mkdtemp(prefix="octavo-oai-")
    db = os.path.join(tmp, "oai.db")
    harness.make_demo(db, ARTICLES)
    try:
        run(db)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    harness.done()


def run(db):
    with harness.Server(db=db) as srv:
        base = harness.set_base_url(srv, "/about")
        host = "127.0.0.1"
        c = Client(srv, base)
        root = c.ask([("verb", "Identify")])
        idf = root.find(O + "Identify")
        site = dict(srv.sql("SELECT key, value FROM settings"))
        earliest = srv.sql("SELECT min(published_at) FROM articles WHERE"
                           " status = 'published'")[0][0]
        check_eq("Identify: as the database says", (
            idf.findtext(O + "repositoryName"), idf.findtext(O + "baseURL"),
            idf.findtext(O + "protocolVersion"),
            idf.findtext(O + "deletedRecord"),
            idf.findtext(O + "granularity"),
            idf.findtext(O + "earliestDatestamp")),
            (site["name"], base + "/oai", "2.0", "persistent",
             "YYYY-MM-DDThh:mm:ssZ", earliest))
        check("Identify: earliestDatestamp is a lower bound",
              earliest <= min(stamps(srv).values()), earliest)
        fmts = c.ask([("verb", "ListMetadataFormats"),
                      ("identifier", ident(host, 1))])
        check_eq("ListMetadataFormats: oai_dc", [
            e.text for e in fmts.iter(O + "metadataPrefix")], ["oai_dc"])
        sets = c.ask([("verb", "ListSets")])
        check_eq("ListSets: the sections", sorted(
            (s.findtext(O + "setSpec"), s.findtext(O + "setName"))
            for s in sets.iter(O + "set")),
            sorted(srv.sql("SELECT slug, name FROM sections")))
        check_records(c, srv, host)
        check_lists(c, srv, host)
        check_errors(c, srv, host)

        # Tokens: damaged, expired; one kept for after the restart.
        root = c.ask([("verb", "ListIdentifiers"),
                      ("metadataPrefix", "oai_dc")])
        tok = root.find(".//" + O + "resumptionToken").text
        code, _ = c.error([("verb", "ListIdentifiers"),
                           ("resumptionToken", tok[:-1] + (
                               "0" if tok[-1] != "0" else "1"))])
        check_eq("token: damaged is badResumptionToken", code,
                 "badResumptionToken")
        code, _ = c.error([("verb", "ListIdentifiers"),
                           ("resumptionToken", forge(tok, expiry="1000"))])
        check_eq("token: expired is badResumptionToken", code,
                 "badResumptionToken")
        code, _ = c.error([("verb", "ListIdentifiers"), (
            "resumptionToken", forge(tok, set="no/such"))])
        check_eq("token: a set that no slug is is badResumptionToken",
                 code, "badResumptionToken")
        first = [h.findtext(O + "identifier")
                 for h in c.ask([("verb", "ListIdentifiers"),
                                 ("resumptionToken", tok)]).iter(
                                     O + "header")]

        # Changes: an edit moves a datestamp, an unpublished article goes.
        aid = srv.sql("SELECT min(id) FROM articles WHERE status ="
                      " 'published'")[0][0]
        srv.sql_write("UPDATE articles SET updated_at ="
                      " '2099-01-01T00:00:00Z' WHERE id = ?", (aid,))
        hs, _, _, _ = c.walk("ListIdentifiers", [
            ("metadataPrefix", "oai_dc"), ("from", "2099-01-01")])
        check_eq("an edit: the article's new datestamp harvested",
                 [(h[0], h[1]) for h in hs],
                 [(ident(host, aid), "2099-01-01T00:00:00Z")])
        srv.sql_write("UPDATE articles SET status = 'draft' WHERE id = ?",
                      (aid,))
        deleted_records(c, srv, host, aid)
        check_eq("every answer valid against the schemas (%d answers)" %
                 c.answers, c.invalid[:3], [])

        # The real harvester, after every change above.
        p = subprocess.run(["perl", os.path.join(
            harness.ROOT, "tests", "http", "oai_harvest.pl"),
            base + "/oai"], capture_output=True, text=True,
            timeout=HANG_GUARD)
        check_eq("HTTP::OAI::Harvester: exit status", (p.returncode,
                                                       p.stderr[-300:]),
                 (0, ""))
        lines = [ln.split("\t") for ln in p.stdout.splitlines()]
        recs = [ln for ln in lines if ln[0].startswith("oai:")]
        gone = sorted(ln[1] for ln in lines if ln[0] == "deleted")
        check_eq("HTTP::OAI::Harvester: every withdrawn article as deleted",
                 gone, sorted(ident(host, i) for (i,) in srv.sql(
                     "SELECT id FROM oai_deleted")))
        want = {}
        for i, title in srv.sql("SELECT id, title FROM articles WHERE"
                                " status = 'published'"):
            names = [n for (n,) in srv.sql(
                "SELECT p.name FROM article_authors l JOIN people p ON"
                " p.id = l.person_id WHERE l.article_id = ? ORDER BY"
                " l.position", (i,))]
            want[ident(host, i)] = (title, " | ".join(names))
        check_eq("HTTP::OAI::Harvester: every published article once "
                 "(%d)" % len(want), sorted(r[0] for r in recs),
                 sorted(want))
        check_eq("HTTP::OAI::Harvester: titles and creators as stored",
                 {r[0]: (r[3], r[4]) for r in recs}, want)
        check("HTTP::OAI::Harvester: read Identify",
              lines and lines[-1] == ["repository", site["name"],
                                      "YYYY-MM-DDThh:mm:ssZ",
                                      "persistent"],
              lines[-1:])

        srv.sql_write("DELETE FROM settings WHERE key = 'base_url'")
        for _ in range(50):
            st = srv.get("/oai?verb=Identify")[0]
            if st == 404:
                break
            srv.pause(0.1)
        check_eq("no base_url: /oai is a 404", st, 404)
        srv.sql_write("INSERT INTO settings VALUES ('base_url', ?)", (base,))

    # A new process takes the token the old one gave.
    with harness.Server(db=db) as srv2:
        base2 = harness.set_base_url(srv2, "/about")
        c2 = Client(srv2, base2)
        again = [h.findtext(O + "identifier")
                 for h in c2.ask([("verb", "ListIdentifiers"),
                                  ("resumptionToken", tok)]).iter(
                                      O + "header")]
        check_eq("token: survives a restart (the same page again)",
                 again, first)
        check_eq("token: that page is the second", len(first), PAGE)


if __name__ == "__main__":
    main()
