/*
 * timefmt: the dates readers see ("Wednesday, 08 February 2006") and the
 * dates the database keeps ("2006-02-08", "2006-02-08T15:04:05Z": ISO 8601
 * UTC, written only by time_iso).  English names are tables here, not the
 * C locale, and calendar arithmetic is Hinnant's days-from-civil, not the
 * C library's, so output never depends on the machine or its time zone.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util.h"

static const char *const days[7] = { "Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const months[12] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };

enum err
time_parse_date(const char *s, struct tm *tm)
{
	static const char shape[] = "dddd-dd-dd";
	int64_t n;
	int y, m, d, i;

	if (s == NULL)
		return ERR_PARSE;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) :
		    s[i] != shape[i])
			return ERR_PARSE;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
		return ERR_PARSE;
	/* 31 February and friends: no more days than the month has. */
	n = time_days(y, m, d);
	if (d > (m == 12 ? time_days(y + 1, 1, 1) : time_days(y, m + 1, 1)) -
	    time_days(y, m, 1))
		return ERR_PARSE;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = 12;
	tm->tm_wday = (int)((n % 7 + 11) % 7);	/* 1970-01-01: Thursday */
	tm->tm_yday = (int)(n - time_days(y, 1, 1));
	return ERR_OK;
}

/*
 * "[Weekday, ]08 February 2006" of a parsed date, written without printf:
 * a list page formats hundreds of dates, and printf was most of their
 * cost (callgrind).
 */
static enum err
put_date(struct buf *b, const struct tm *tm, int weekday)
{
	char o[64];
	size_t n = 0, l;
	int y = tm->tm_year + 1900, div;

	if (weekday) {
		l = strlen(days[tm->tm_wday]);
		memcpy(o, days[tm->tm_wday], l);
		n = l;
		o[n++] = ',';
		o[n++] = ' ';
	}
	o[n++] = (char)('0' + tm->tm_mday / 10);
	o[n++] = (char)('0' + tm->tm_mday % 10);
	o[n++] = ' ';
	l = strlen(months[tm->tm_mon]);
	memcpy(o + n, months[tm->tm_mon], l);
	n += l;
	o[n++] = ' ';
	for (div = 1000; div > 1 && y / div == 0; div /= 10)
		;
	for (; div > 0; div /= 10)
		o[n++] = (char)('0' + y / div % 10);
	return buf_add(b, o, n);
}

enum err
time_fmt_long(struct buf *b, const char *iso)
{
	struct tm tm;
	enum err rc;

	if ((rc = time_parse_date(iso, &tm)) != ERR_OK)
		return rc;
	return put_date(b, &tm, 1);
}

enum err
time_fmt_medium(struct buf *b, const char *iso)
{
	struct tm tm;
	enum err rc;

	if ((rc = time_parse_date(iso, &tm)) != ERR_OK)
		return rc;
	return put_date(b, &tm, 0);
}

int64_t
time_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

int64_t
time_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
time_civil(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

void
time_iso(int64_t secs, enum time_iso form, char out[TIME_ISO_LEN])
{
	int64_t day = secs / 86400, rem = secs % 86400, y;
	int m, d, n;

	if (rem < 0) {
		rem += 86400;
		day--;
	}
	time_civil(day, &y, &m, &d);
	if (form == TIME_ISO_DATE)
		n = snprintf(out, TIME_ISO_LEN, "%04lld-%02d-%02d",
		    (long long)y, m, d);
	else
		n = snprintf(out, TIME_ISO_LEN, "%04lld-%02d-%02dT%02d:%02d:"
		    "%02dZ", (long long)y, m, d, (int)(rem / 3600),
		    (int)(rem / 60 % 60), (int)(rem % 60));
	assert(n > 0 && n < TIME_ISO_LEN);
}

/*
 * t in UTC into out (n bytes) as IMF-fixdate or, iso set, RFC 3339;
 * years past 9999 do not fit either format: they are cut.
 */
static void
utc_fmt(int64_t t, char *out, size_t n, int iso)
{
	time_t tt = (time_t)t;
	char tmp[80];
	struct tm tm;

	gmtime_r(&tt, &tm);
	if (iso)
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
	else
		snprintf(tmp, sizeof(tmp), "%.3s, %02d %.3s %04d "
		    "%02d:%02d:%02d GMT", days[tm.tm_wday], tm.tm_mday,
		    months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
	memcpy(out, tmp, n - 1);
	out[n - 1] = '\0';
}

void
time_fmt_http(int64_t t, char out[30])
{
	utc_fmt(t, out, 30, 0);
}

/* n digits at s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * Seconds since the epoch of a UTC civil time, or ERR_PARSE when a field
 * is out of range or the day does not exist (31 February).
 */
static enum err
civil_time(int y, int mon, int d, int h, int min, int sec, int64_t *out)
{
	struct tm tm;
	time_t t;

	if (y < 1 || mon < 1 || mon > 12 || d < 1 || d > 31 || h < 0 ||
	    h > 23 || min < 0 || min > 59 || sec < 0 || sec > 60)
		return ERR_PARSE;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = min;
	tm.tm_sec = sec == 60 ? 59 : sec;	/* a leap second */
	t = timegm(&tm);
	if (tm.tm_mday != d || tm.tm_mon != mon - 1)
		return ERR_PARSE;
	*out = (int64_t)t;
	return ERR_OK;
}

enum err
time_parse_iso(const char *s, int64_t *out)
{
	int y, mon, d, h = 0, min = 0, sec = 0, sign, oh, om;
	int64_t t;
	enum err rc;
	size_t i;

	if (s == NULL || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return ERR_PARSE;
	y = digits(s, 4);
	mon = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || mon < 0 || d < 0)
		return ERR_PARSE;
	s += 10;
	if (*s == '\0')
		return civil_time(y, mon, d, 0, 0, 0, out);
	if ((*s != 'T' && *s != 't' && *s != ' ') || strlen(s) < 9 ||
	    s[3] != ':' || s[6] != ':')
		return ERR_PARSE;
	h = digits(s + 1, 2);
	min = digits(s + 4, 2);
	sec = digits(s + 7, 2);
	if (h < 0 || min < 0 || sec < 0)
		return ERR_PARSE;
	s += 9;
	if (*s == '.') {	/* fractions of a second are dropped */
		for (i = 1; isdigit((unsigned char)s[i]); i++)
			continue;
		if (i == 1)
			return ERR_PARSE;
		s += i;
	}
	if ((rc = civil_time(y, mon, d, h, min, sec, &t)) != ERR_OK)
		return rc;
	if ((*s == 'Z' || *s == 'z') && s[1] == '\0') {
		*out = t;
		return ERR_OK;
	}
	if ((*s != '+' && *s != '-') || strlen(s) != 6 || s[3] != ':')
		return ERR_PARSE;
	sign = *s == '-' ? -1 : 1;
	oh = digits(s + 1, 2);
	om = digits(s + 4, 2);
	if (oh < 0 || om < 0 || oh > 23 || om > 59)
		return ERR_PARSE;
	*out = t - sign * (int64_t)(oh * 3600 + om * 60);
	return ERR_OK;
}

void
time_fmt_iso(int64_t t, char out[21])
{
	utc_fmt(t, out, 21, 1);
}

/* The month of a three-letter English abbreviation (0-11), or -1. */
static int
month_abbr(const char *s)
{
	int i;

	for (i = 0; i < 12; i++)
		if (strncmp(s, months[i], 3) == 0)
			return i;
	return -1;
}

/* The weekday of an abbreviation, or of a full name when full is set. */
static int
weekday_len(const char *s, int full)
{
	size_t n;
	int i;

	for (i = 0; i < 7; i++) {
		n = full ? strlen(days[i]) : 3;
		if (strncmp(s, days[i], n) == 0)
			return (int)n;
	}
	return -1;
}

/* "08:49:37 GMT" or "08:49:37" (asctime) into h, m, s. */
static int
clock_parse(const char *s, int *h, int *m, int *sec)
{
	if (s[2] != ':' || s[5] != ':')
		return -1;
	*h = digits(s, 2);
	*m = digits(s + 3, 2);
	*sec = digits(s + 6, 2);
	return *h < 0 || *m < 0 || *sec < 0 ? -1 : 0;
}

enum err
time_parse_http(const char *s, int64_t *out)
{
	int n, y, mon, d, h, min, sec;
	size_t len;

	if (s == NULL)
		return ERR_PARSE;
	len = strlen(s);
	/* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" */
	if (len == 29 && weekday_len(s, 0) == 3 && s[3] == ',' &&
	    s[4] == ' ' && s[7] == ' ' && s[11] == ' ' && s[16] == ' ' &&
	    strcmp(s + 25, " GMT") == 0) {
		d = digits(s + 5, 2);
		mon = month_abbr(s + 8);
		y = digits(s + 12, 4);
		if (d < 0 || mon < 0 || y < 0 ||
		    clock_parse(s + 17, &h, &min, &sec) != 0)
			return ERR_PARSE;
		return civil_time(y, mon + 1, d, h, min, sec, out);
	}
	/* asctime: "Sun Nov  6 08:49:37 1994" */
	if (len == 24 && weekday_len(s, 0) == 3 && s[3] == ' ' &&
	    s[7] == ' ' && s[10] == ' ' && s[19] == ' ') {
		mon = month_abbr(s + 4);
		d = s[8] == ' ' ? digits(s + 9, 1) : digits(s + 8, 2);
		y = digits(s + 20, 4);
		if (d < 0 || mon < 0 || y < 0 ||
		    clock_parse(s + 11, &h, &min, &sec) != 0)
			return ERR_PARSE;
		return civil_time(y, mon + 1, d, h, min, sec, out);
	}
	/* RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT" */
	if ((n = weekday_len(s, 1)) < 0 || len != (size_t)n + 24 ||
	    s[n] != ',' || s[n + 1] != ' ' || s[n + 4] != '-' ||
	    s[n + 8] != '-' || s[n + 11] != ' ' ||
	    strcmp(s + n + 20, " GMT") != 0)
		return ERR_PARSE;
	d = digits(s + n + 2, 2);
	mon = month_abbr(s + n + 5);
	y = digits(s + n + 9, 2);
	if (d < 0 || mon < 0 || y < 0 ||
	    clock_parse(s + n + 12, &h, &min, &sec) != 0)
		return ERR_PARSE;
	/* Two-digit years: RFC 9110 5.6.7 says 50 years ahead is the past. */
	y += y < 70 ? 2000 : 1900;
	return civil_time(y, mon + 1, d, h, min, sec, out);
}
