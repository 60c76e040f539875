#!/usr/bin/env python3
"""Write a WordPress export (WXR 1.2) of N posts for the streaming test.

usage: gen_wxr.py N OUT.xml

Deterministic: post i is dated from i, in one of 12 categories (three
top-level ones with three children each), with two tags, a body of a
few classic-editor paragraphs (about 1.5 KB), and a comment every tenth
post (a reply to it every twentieth).  Every 50th item is a page and
every 100th a draft.  Prints the counts it wrote as JSON, for the test
to compare with the import's report and the database.
"""
import json
import sys

WORDS = ("harbour tide river letter essay policy market winter spring "
         "island coast bridge archive review ledger signal meadow").split()


def para(i, k):
    w = [WORDS[(i * 7 + k * 3 + j) % len(WORDS)] for j in range(60)]
    return " ".join(w).capitalize() + "."


def main():
    n = int(sys.argv[1])
    out = open(sys.argv[2], "w", encoding="utf-8")
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8" ?>\n'
      '<rss version="2.0" '
      'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
      '<title>Generated</title><link>https://gen.example.org</link>\n'
      '<wp:wxr_version>1.2</wp:wxr_version>\n')
    for a in range(5):
        w('<wp:author><wp:author_id>%d</wp:author_id><wp:author_login>'
          'writer%d</wp:author_login><wp:author_display_name><![CDATA['
          'Writer %d]]></wp:author_display_name></wp:author>\n'
          % (a + 1, a, a))
    cats = []
    for t in range(3):
        cats.append(("top%d" % t, ""))
        for c in range(3):
            cats.append(("top%d-child%d" % (t, c), "top%d" % t))
    for nice, parent in cats:
        w('<wp:category><wp:category_nicename>%s</wp:category_nicename>'
          '<wp:category_parent>%s</wp:category_parent><wp:cat_name>'
          '<![CDATA[%s]]></wp:cat_name></wp:category>\n'
          % (nice, parent, nice.replace("-", " ").title()))
    counts = {"posts": 0, "pages": 0, "drafts": 0, "comments": 0}
    for i in range(1, n + 1):
        page = i % 50 == 0
        draft = not page and i % 100 == 1
        status = "draft" if draft else "publish"
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        year = 2000 + (i // 336) % 25
        date = "%04d-%02d-%02d 10:%02d:%02d" % (year, month, day,
                                                (i // 60) % 60, i % 60)
        body = "\n\n".join(para(i, k) for k in range(4))
        cat = cats[i % len(cats)][0]
        w('<item><title><![CDATA[Post number %d]]></title>'
          '<link>https://gen.example.org/%04d/%02d/%02d/post-%d/</link>'
          '<dc:creator><![CDATA[writer%d]]></dc:creator>'
          '<content:encoded><![CDATA[%s]]></content:encoded>'
          '<excerpt:encoded><![CDATA[]]></excerpt:encoded>'
          '<wp:post_id>%d</wp:post_id>'
          '<wp:post_date>%s</wp:post_date>'
          '<wp:post_date_gmt>%s</wp:post_date_gmt>'
          '<wp:post_name>post-%d</wp:post_name>'
          '<wp:status>%s</wp:status><wp:post_type>%s</wp:post_type>'
          '<wp:post_password></wp:post_password>'
          % (i, year, month, day, i, i % 5, body, i, date, date, i,
             status, "page" if page else "post"))
        if not page:
            w('<category domain="category" nicename="%s"><![CDATA[%s]]>'
              '</category>' % (cat, cat))
            w('<category domain="post_tag" nicename="tag%d"><![CDATA['
              'Tag %d]]></category>' % (i % 200, i % 200))
            w('<category domain="post_tag" nicename="tag%d"><![CDATA['
              'Tag %d]]></category>' % (200 + i % 7, 200 + i % 7))
        if i % 10 == 0:
            w('<wp:comment><wp:comment_id>%d</wp:comment_id>'
              '<wp:comment_author>Reader</wp:comment_author>'
              '<wp:comment_date_gmt>%s</wp:comment_date_gmt>'
              '<wp:comment_content>Thanks for post %d.'
              '</wp:comment_content><wp:comment_approved>1'
              '</wp:comment_approved><wp:comment_parent>0'
              '</wp:comment_parent></wp:comment>' % (2 * i, date, i))
            counts["comments"] += 1
            if i % 20 == 0:
                w('<wp:comment><wp:comment_id>%d</wp:comment_id>'
                  '<wp:comment_author>Writer</wp:comment_author>'
                  '<wp:comment_date_gmt>%s</wp:comment_date_gmt>'
                  '<wp:comment_content>A reply.</wp:comment_content>'
                  '<wp:comment_approved>1</wp:comment_approved>'
                  '<wp:comment_parent>%d</wp:comment_parent>'
                  '</wp:comment>' % (2 * i + 1, date, 2 * i))
                counts["comments"] += 1
        w('</item>\n')
        counts["pages" if page else "posts"] += 1
        if draft:
            counts["drafts"] += 1
    w('</channel>\n</rss>\n')
    out.close()
    json.dump(counts, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
