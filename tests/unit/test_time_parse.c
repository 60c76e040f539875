/*
 * test_time_parse: the dates feeds and conditional GET read and write.
 * time_parse_iso takes what the store keeps (RFC 3339 times and dates);
 * time_parse_http the three forms of HTTP-date RFC 9110 5.6.7 requires a
 * recipient to accept (its own example, 784111777, in each); both refuse
 * what is malformed or a day that does not exist.
 */
#include "test.h"
#include "util/util.h"

static const struct {
	const char	*in;
	long long	 want;	/* -1: ERR_PARSE */
} iso[] = {
	{ "1994-11-06T08:49:37Z", 784111777 },
	{ "1994-11-06t08:49:37z", 784111777 },
	{ "1994-11-06 08:49:37Z", 784111777 },
	{ "1994-11-06T08:49:37.123456Z", 784111777 },
	{ "1994-11-06T09:49:37+01:00", 784111777 },
	{ "1994-11-06T03:19:37-05:30", 784111777 },
	{ "1994-11-06", 784080000 },
	{ "2024-02-29T00:00:00Z", 1709164800 },
	{ "2023-02-29T00:00:00Z", -1 },
	{ "1994-11-31", -1 },
	{ "1994-13-06", -1 },
	{ "1994-11-06T24:00:00Z", -1 },
	{ "1994-11-06T08:49:37", -1 },
	{ "1994-11-06T08:49Z", -1 },
	{ "1994-11-06T08:49:37.Z", -1 },
	{ "1994-11-06T08:49:37+0100", -1 },
	{ "1994-11-06T08:49:37Zjunk", -1 },
	{ "94-11-06", -1 },
	{ "1994/11/06", -1 },
	{ "", -1 },
};

static const struct {
	const char	*in;
	long long	 want;
} http[] = {
	{ "Sun, 06 Nov 1994 08:49:37 GMT", 784111777 },
	{ "Sunday, 06-Nov-94 08:49:37 GMT", 784111777 },
	{ "Sun Nov  6 08:49:37 1994", 784111777 },
	{ "Thu, 01 Jan 1970 00:00:00 GMT", 0 },
	{ "Wed, 25 Nov 2026 09:00:00 GMT", 1795597200 },
	{ "Sun, 06 Nov 1994 08:49:37 UTC", -1 },
	{ "Sun, 6 Nov 1994 08:49:37 GMT", -1 },
	{ "Sun, 31 Nov 1994 08:49:37 GMT", -1 },
	{ "Sun, 06 Foo 1994 08:49:37 GMT", -1 },
	{ "Sun, 06 Nov 1994 8:49:37 GMT", -1 },
	{ "Sun, 06 Nov 1994 08:49:37 GMT ", -1 },
	{ "Funday, 06-Nov-94 08:49:37 GMT", -1 },
	{ "Sun Nov 6 08:49:37 1994", -1 },
	{ "", -1 },
};

int
main(void)
{
	char out[30];
	int64_t t;
	size_t i;

	for (i = 0; i < nitems(iso); i++) {
		t = -1;
		if (time_parse_iso(iso[i].in, &t) != ERR_OK)
			t = -1;
		T_INTEQ(nm("iso", iso[i].in), t, iso[i].want);
	}
	for (i = 0; i < nitems(http); i++) {
		t = -1;
		if (time_parse_http(http[i].in, &t) != ERR_OK)
			t = -1;
		T_INTEQ(nm("http", http[i].in), t, http[i].want);
	}
	time_fmt_iso(784111777, out);
	T_STREQ("time_fmt_iso", out, "1994-11-06T08:49:37Z");
	time_fmt_http(784111777, out);
	T_INTEQ("time_fmt_http round trip", time_parse_http(out, &t) ==
	    ERR_OK ? t : -1, 784111777);
	T_INTEQ("NULL is ERR_PARSE", time_parse_iso(NULL, &t), ERR_PARSE);
	return test_failed;
}
