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

void
time_fmt_http(int64_t t, char out[30])
{
	time_t tt = (time_t)t;
	char tmp[80];
	struct tm tm;

	gmtime_r(&tt, &tm);
	/* Years past 9999 do not fit the format: they are cut. */
	snprintf(tmp, sizeof(tmp), "%.3s, %02d %.3s %04d %02d:%02d:%02d GMT",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	memcpy(out, tmp, 29);
	out[29] = '\0';
}
