#!/usr/bin/python3
"""Write data/gazetteer.tsv, the gazetteer built into Octavo
(src/util/gazetteer.c), from two sources:

- the names of ISO 3166-1 in Debian's iso-codes package
  (/usr/share/iso-codes/json/iso_3166-1.json: name, common_name and
  official_name; LGPL-2.1+), without the inverted forms ("Congo, The
  Democratic Republic of the") and with a parenthesis dropped
  ("Falkland Islands (Malvinas)" gives "Falkland Islands");
- data/gazetteer-forms.tsv, written for Octavo: short names, demonyms,
  adjectives and the phrases that block a false hit.

Output lines: FORM TAB CODE TAB KIND (name, people, block), sorted,
after comment lines naming the sources.  Run from the repository's top:
    python3 scripts/gazetteer.py > data/gazetteer.tsv
"""
import json
import sys

ISO = "/usr/share/iso-codes/json/iso_3166-1.json"


def main():
    forms = {}

    def add(form, code, kind):
        form = form.strip()
        if not form or "\t" in form:
            return
        old = forms.get(form)
        if old is not None and old != (code, kind):
            # A form said twice keeps its first meaning (the ISO name).
            return
        forms[form] = (code, kind)

    with open(ISO, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    for c in iso:
        for key in ("name", "common_name", "official_name"):
            n = c.get(key)
            if n is None or ", " in n:
                continue
            if " (" in n:
                n = n[:n.index(" (")]
            add(n, c["alpha_2"], "name")
    with open("data/gazetteer-forms.tsv", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            code, kind, alts = line.split("\t")
            for form in alts.split("|"):
                add(form, "-" if kind == "block" else code, kind)
    out = sys.stdout
    out.write("# The gazetteer of src/util/gazetteer.c, written by "
              "scripts/gazetteer.py\n# from Debian's iso-codes "
              "(ISO 3166-1 names, LGPL-2.1+) and\n# data/gazetteer-forms.tsv"
              " (demonyms, adjectives, short names, blocks).\n"
              "# FORM TAB CODE TAB KIND; CODE - is a phrase naming no "
              "country.\n")
    for form in sorted(forms):
        code, kind = forms[form]
        out.write("%s\t%s\t%s\n" % (form, code, kind))
    codes = {c["alpha_2"] for c in iso}
    missing = codes - {c for c, k in forms.values()}
    if missing:
        sys.stderr.write("no form for %s\n" % " ".join(sorted(missing)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
