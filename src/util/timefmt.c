/*
 * timefmt: the dates readers see ("Wednesday, 08 February 2006") and the
 * dates the database keeps ("2006-02-08", ISO 8601 UTC).  English names are
 * tables here, not the C locale, so output never depends on the machine.
 */
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
	int y, m, d, i;
	time_t t;

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
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = 12;
	t = timegm(tm);
	gmtime_r(&t, tm);
	if (tm->tm_mday != d)	/* 31 February and friends */
		return ERR_PARSE;
	return ERR_OK;
}

enum err
time_fmt_long(struct buf *b, const char *iso)
{
	struct tm tm;
	enum err rc;

	if ((rc = time_parse_date(iso, &tm)) != ERR_OK)
		return rc;
	return buf_printf(b, "%s, %02d %s %d", days[tm.tm_wday], tm.tm_mday,
	    months[tm.tm_mon], tm.tm_year + 1900);
}

enum err
time_fmt_medium(struct buf *b, const char *iso)
{
	struct tm tm;
	enum err rc;

	if ((rc = time_parse_date(iso, &tm)) != ERR_OK)
		return rc;
	return buf_printf(b, "%02d %s %d", tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900);
}

int64_t
time_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec;
}

void
time_day(int64_t t, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
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
