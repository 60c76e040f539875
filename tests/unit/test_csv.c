/*
 * test_csv: the CSV reader of the subscriber import (util/csv.c): RFC
 * 4180 quoting (separators, doubled quotes and line breaks inside
 * quotes), CRLF and LF, a byte order mark, semicolons; and the
 * refusals: a quote inside a bare field, text after a closing quote, a
 * quote never closed, a field or a record too large.
 */
#include <string.h>

#include "util/util.h"
#include "test.h"

static const struct {
	const char	*name;
	const char	*in;
	char		 sep;
	enum err	 rc;		/* of the first record */
	const char	*want;		/* its fields joined by '|' */
	size_t		 records;	/* read before the end or an error */
} cases[] = {
	{ "plain", "a,b,c\r\n", ',', ERR_OK, "a|b|c", 1 },
	{ "LF and no final break", "a,b\nc,d", ',', ERR_OK, "a|b", 2 },
	{ "empty fields", ",,\n", ',', ERR_OK, "||", 1 },
	{ "quoted separator", "\"a,b\",c\n", ',', ERR_OK, "a,b|c", 1 },
	{ "doubled quote", "\"say \"\"hi\"\"\"\n", ',', ERR_OK, "say \"hi\"",
	    1 },
	{ "line break in quotes", "\"a\r\nb\",c\r\nd\r\n", ',', ERR_OK,
	    "a\r\nb|c", 2 },
	{ "byte order mark", "\xef\xbb\xbf" "email\n", ',', ERR_OK, "email",
	    1 },
	{ "semicolons", "a;\"b;c\";d,e\n", ';', ERR_OK, "a|b;c|d,e", 1 },
	{ "quote inside a bare field", "ab\"c\n", ',', ERR_PARSE, NULL, 0 },
	{ "text after the closing quote", "\"a\"b,c\n", ',', ERR_PARSE, NULL,
	    0 },
	{ "quote never closed", "\"abc\n", ',', ERR_PARSE, NULL, 0 },
	{ "five fields, four allowed", "a,b,c,d,e\n", ',', ERR_LIMIT, NULL,
	    0 },
	{ "empty input", "", ',', ERR_NOTFOUND, NULL, 0 },
};

int
main(void)
{
	char f[4][CSV_FIELD], joined[2048], big[CSV_FIELD + 8];
	struct csv c;
	size_t i, k, n, recs;
	enum err rc;

	for (i = 0; i < nitems(cases); i++) {
		csv_init(&c, cases[i].in, strlen(cases[i].in), cases[i].sep);
		rc = csv_next(&c, f, nitems(f), &n);
		T_STREQ(nm(cases[i].name, "first record"), err_str(rc),
		    err_str(cases[i].rc));
		if (rc == ERR_OK && cases[i].want != NULL) {
			size_t len = 0;

			joined[0] = '\0';
			for (k = 0; k < n; k++)
				len += (size_t)snprintf(joined + len,
				    sizeof(joined) - len, "%s%s", k > 0 ?
				    "|" : "", f[k]);
			T_STREQ(nm(cases[i].name, "fields"), joined,
			    cases[i].want);
		}
		for (recs = rc == ERR_OK; rc == ERR_OK; )
			if ((rc = csv_next(&c, f, nitems(f), &n)) == ERR_OK)
				recs++;
		T_INTEQ(nm(cases[i].name, "records"), recs, cases[i].records);
	}
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	csv_init(&c, big, strlen(big), ',');
	T_STREQ("a field over CSV_FIELD - 1 bytes", err_str(csv_next(&c, f,
	    nitems(f), &n)), err_str(ERR_LIMIT));
	return test_failed;
}
