/*
 * test_wxr_body: a WordPress body made into HTML for html_clean (the
 * wpautop rule, <pre> left alone, Gutenberg's bodies without it, the
 * common shortcodes converted and the others counted, upload addresses
 * rewritten) and the plain text of titles and names (wxr_text); the
 * WXR reader on small inputs (fields, namespaces, a document type
 * declaration refused, an error with its line).
 */
#include <string.h>

#include "test.h"
#include "import/wxr.h"

static const struct {
	const char	*name;
	const char	*in;
	const char	*want;
} bodies[] = {
	{ "one paragraph", "Hello.", "<p>Hello.</p>\n" },
	{ "two paragraphs and a break", "a\nb\n\nc",
	    "<p>a<br>\nb</p>\n<p>c</p>\n" },
	{ "CRLF as LF", "a\r\nb\r\n\r\nc", "<p>a<br>\nb</p>\n<p>c</p>\n" },
	{ "blank lines with spaces", "a\n  \t\nb", "<p>a</p>\n<p>b</p>\n" },
	{ "pre untouched", "x\n<pre>\n1\n\n2\n</pre>\ny",
	    "<p>x</p>\n<pre>\n1\n\n2\n</pre>\n<p>y</p>\n" },
	{ "block lines stand alone", "Intro:\n<ul>\n<li>a</li>\n</ul>",
	    "<p>Intro:</p>\n<ul>\n<li>a</li>\n</ul>\n" },
	{ "Gutenberg: no paragraphs added",
	    "<!-- wp:paragraph -->\n<p>g</p>\n<!-- /wp:paragraph -->",
	    "<!-- wp:paragraph -->\n<p>g</p>\n<!-- /wp:paragraph -->" },
	{ "caption", "[caption id=\"x\" width=\"3\"]<img src=\"a.png\" /> "
	    "Cap[/caption]", "<figure><img src=\"a.png\" /><figcaption>Cap"
	    "</figcaption></figure>\n" },
	{ "caption with a link", "[caption]<a href=\"b\"><img src=\"a\">"
	    "</a>C[/caption]", "<figure><a href=\"b\"><img src=\"a\"></a>"
	    "<figcaption>C</figcaption></figure>\n" },
	{ "caption attribute", "[caption caption=\"Old\"]<img src=\"a\">"
	    "[/caption]", "<figure><img src=\"a\"><figcaption>Old"
	    "</figcaption></figure>\n" },
	{ "unclosed caption: text", "[caption]<img src=\"a\">",
	    "<p>[caption]<img src=\"a\"></p>\n" },
	{ "gallery by ids", "[gallery ids=\"7,9\"]",
	    "<figure><img src=\"/media/7.png\" alt=\"alt 7\"><figcaption>"
	    "cap 7</figcaption></figure><figure><img src=\"/media/9.png\" "
	    "alt=\"alt 9\"><figcaption>cap 9</figcaption></figure>\n" },
	{ "gallery of the post", "[gallery]",
	    "<figure><img src=\"/media/5.png\" alt=\"alt 5\"><figcaption>"
	    "cap 5</figcaption></figure>\n" },
	{ "gallery of an unknown id", "[gallery ids=\"404\"]", "" },
	{ "embed", "[embed]https://v.example/1?a=1&b=2[/embed]",
	    "<p><a href=\"https://v.example/1?a=1&amp;b=2\">"
	    "https://v.example/1?a=1&amp;b=2</a></p>\n" },
	{ "a URL alone on its line", "see\n\nhttps://v.example/2\n\nend",
	    "<p>see</p>\n<p><a href=\"https://v.example/2\">https://v.example"
	    "/2</a></p>\n<p>end</p>\n" },
	{ "a URL in a sentence stays", "go to https://v.example/3 now",
	    "<p>go to https://v.example/3 now</p>\n" },
	{ "other shortcodes left", "[audio src=\"a.mp3\"] [x]y[/x] [sic]",
	    "<p>[audio src=\"a.mp3\"] [x]y[/x] [sic]</p>\n" },
	{ "an upload rewritten, its size too",
	    "<img src=\"https://o.example/wp-content/uploads/2019/a-300x200"
	    ".png?v=1\">", "<p><img src=\"/media/A.png\"></p>\n" },
	{ "an upload not copied stays",
	    "<img src=\"https://o.example/wp-content/uploads/b.png\">",
	    "<p><img src=\"https://o.example/wp-content/uploads/b.png\"></p>\n"
	    },
	{ "empty", "", "" },
};

static int
att(void *arg, const char *id, struct wxr_attachment *at)
{
	static char src[32], cap[32], alt[32];

	(void)arg;
	if (strcmp(id, "404") == 0)
		return 0;
	snprintf(src, sizeof(src), "/media/%s.png", id);
	snprintf(cap, sizeof(cap), "cap %s", id);
	snprintf(alt, sizeof(alt), "alt %s", id);
	at->src = src;
	at->caption = cap;
	at->alt = alt;
	return 1;
}

static size_t
kids(void *arg, const char *post, struct arena *a, const char ***ids)
{
	(void)arg;
	(void)post;
	*ids = arena_alloc(a, sizeof(**ids));
	(*ids)[0] = "5";
	return 1;
}

static const char *
upload(void *arg, const char *path, size_t n)
{
	(void)arg;
	if (n == 18 && memcmp(path, "2019/a-300x200.png", 18) == 0)
		return "/media/A.png";
	return NULL;
}

static const struct {
	const char	*name;
	const char	*in;
	const char	*want;
	int		 dirty;
} texts[] = {
	{ "plain", "Plain title", "Plain title", 0 },
	{ "HTML dropped", "<em>Breaking</em>: news", "Breaking: news", 1 },
	{ "entities decoded", "Q&amp;A &#8212; &#x41;", "Q&A \xe2\x80\x94 A",
	    0 },
	{ "blanks trimmed and joined", "  Bob   Stone ", "Bob Stone", 1 },
	{ "a control character", "Bob\xc2\x9c", "Bob", 1 },
	{ "a control entity", "Bob&#x9c;", "Bob", 1 },
	{ "a control entity before a blank", "A &#x1F; ", "A", 1 },
	{ "blank entities are blanks", "&nbsp;x&#160; &#32;y", "x y", 1 },
	{ "a block's edge is a space", "<p>a</p><p>b</p>", "a b", 1 },
	{ "a lone < stays", "1 < 2", "1 < 2", 0 },
	{ "unknown entity stays", "&bogus;", "&bogus;", 0 },
	{ "not UTF-8", "a\xff" "b", "a b", 1 },
};

static void
reader_check(void)
{
	static const char doc[] = "<?xml version=\"1.0\"?>\n"
	    "<rss xmlns:wp=\"http://wordpress.org/export/1.1/\" "
	    "xmlns:excerpt=\"http://wordpress.org/export/1.1/excerpt/\">"
	    "<channel><title>S</title><link>https://s.example/b</link>"
	    "<wp:author><wp:author_login>al</wp:author_login></wp:author>"
	    "<item><title>T</title><excerpt:encoded>E</excerpt:encoded>"
	    "<wp:post_id>4</wp:post_id><category domain=\"post_tag\" "
	    "nicename=\"n\">N</category><unknown><deep>x</deep></unknown>"
	    "</item></channel></rss>";
	static const char dtd[] = "<?xml version=\"1.0\"?><!-- c -->\n"
	    "<!DOCTYPE rss [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
	    "<rss><channel><item><title>&e;</title></item></channel></rss>";
	static const char cut[] = "<rss><channel><item><title>x</ti";
	struct wxr_reader *r;
	struct wxr_record rec;
	struct arena *a = arena_new();

	wxr_open_memory(doc, sizeof(doc) - 1, &r);
	T_INTEQ("wxr_next: the site first", wxr_next(r, a, &rec), ERR_OK);
	T_INTEQ("wxr_next: the site's kind", rec.kind, WXR_SITE);
	T_STREQ("wxr_next: the site's link", rec.link, "https://s.example/b");
	T_INTEQ("wxr_next: an author", wxr_next(r, a, &rec), ERR_OK);
	T_STREQ("wxr_next: the author's login", rec.login, "al");
	T_INTEQ("wxr_next: an item", wxr_next(r, a, &rec), ERR_OK);
	T_INTEQ("wxr_next: the item's kind", rec.kind, WXR_ITEM);
	T_STREQ("wxr_next: the item's title", rec.title, "T");
	T_STREQ("wxr_next: the excerpt by namespace", rec.excerpt, "E");
	T_STREQ("wxr_next: a missing field is empty", rec.post_type, "");
	T_INTEQ("wxr_next: one term", (long long)rec.nterms, 1);
	T_STREQ("wxr_next: the term's nicename", rec.terms[0].nicename, "n");
	T_STREQ("wxr_next: the version", wxr_version(r), "1.1");
	T_INTEQ("wxr_next: the end", wxr_next(r, a, &rec), ERR_NOTFOUND);
	wxr_close(r);
	wxr_open_memory(dtd, sizeof(dtd) - 1, &r);
	T_INTEQ("wxr_next: a DOCTYPE refused", wxr_next(r, a, &rec),
	    ERR_PARSE);
	T_TRUE("wxr_next: said why", strstr(wxr_error(r),
	    "document type declaration") != NULL);
	wxr_close(r);
	wxr_open_memory("\xef\xbb\xbf<?pi?><!--c--> <!DOCTYPE x><x/>", 34,
	    &r);
	wxr_next(r, a, &rec);
	T_TRUE("wxr_next: a DOCTYPE after a BOM, a PI and a comment",
	    strstr(wxr_error(r), "document type declaration") != NULL);
	wxr_close(r);
	wxr_open_memory("<?x?>", 5, &r);
	T_INTEQ("wxr_next: a PI alone", wxr_next(r, a, &rec), ERR_PARSE);
	wxr_close(r);
	wxr_open_memory(cut, sizeof(cut) - 1, &r);
	T_INTEQ("wxr_next: a cut file: its site", wxr_next(r, a, &rec),
	    ERR_OK);
	T_INTEQ("wxr_next: a cut file", wxr_next(r, a, &rec), ERR_PARSE);
	T_TRUE("wxr_next: the line", strncmp(wxr_error(r), "line 1: ", 8) ==
	    0);
	wxr_close(r);
	arena_free(a);
}

int
main(void)
{
	struct wxr_resolve res = { NULL, att, kids, upload };
	struct wxr_body_report rep;
	struct arena *a;
	struct buf b;
	const char *t;
	size_t i;
	int dirty;

	for (i = 0; i < nitems(bodies); i++) {
		buf_init(&b, 1 << 20);
		memset(&rep, 0, sizeof(rep));
		T_INTEQ(nm("wxr_body rc", bodies[i].name), wxr_body(&b,
		    bodies[i].in, strlen(bodies[i].in), "1", &res, &rep),
		    ERR_OK);
		T_STREQ(nm("wxr_body", bodies[i].name), b.p != NULL ? b.p : "",
		    bodies[i].want);
		buf_free(&b);
	}
	buf_init(&b, 1 << 20);
	memset(&rep, 0, sizeof(rep));
	wxr_body(&b, "[audio a=1] [x]y[/x] [x/] [sic]", 31, "1", NULL, &rep);
	T_INTEQ("wxr_body: shortcodes left, by name", (long long)rep.nleft,
	    2);
	T_STREQ("wxr_body: the first left", rep.left[0].name, "audio");
	T_INTEQ("wxr_body: [x] twice", rep.left[1].count, 2);
	buf_free(&b);
	buf_init(&b, 8);
	T_INTEQ("wxr_body: past out's maximum", wxr_body(&b, "a long body",
	    11, "1", NULL, NULL), ERR_LIMIT);
	buf_free(&b);

	a = arena_new();
	for (i = 0; i < nitems(texts); i++) {
		t = wxr_text(a, texts[i].in, strlen(texts[i].in), &dirty);
		T_STREQ(nm("wxr_text", texts[i].name), t, texts[i].want);
		T_INTEQ(nm("wxr_text cleaned", texts[i].name), dirty,
		    texts[i].dirty);
	}
	T_STREQ("wxr_more: before <!--more-->", wxr_more(a,
	    "a b<!--more Read on-->c"), "a b");
	T_TRUE("wxr_more: none", wxr_more(a, "abc") == NULL);
	arena_free(a);
	reader_check();
	T_DONE();
}
