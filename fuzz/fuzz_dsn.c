/*
 * fuzz_dsn: libFuzzer target for the bounces `octavo mail bounce` reads
 * (mail/dsn.c): the message through GMime, and the delivery-status
 * fields read directly.  Invariants: nothing is read past the input,
 * never more recipients than asked for, and every recipient returned
 * has an address that passes email_valid.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mail.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(const struct dsn_recipient *r, size_t n, size_t max)
{
	size_t i;

	if (n > max)
		abort();
	for (i = 0; i < n; i++)
		if (!email_valid(r[i].address) ||
		    strlen(r[i].action) >= sizeof(r[i].action) ||
		    strlen(r[i].status) >= sizeof(r[i].status))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct dsn_recipient r[4];
	char *copy;
	size_t n;

	if (!ready) {
		mail_lib_init();
		ready = 1;
	}
	copy = xmalloc(size + 1);	/* the fields' reader on exact bytes */
	memcpy(copy, data, size);
	n = mail_dsn_fields(copy, size, r, nitems(r));
	check(r, n, nitems(r));
	if (mail_dsn_read(copy, size, r, nitems(r), &n) == ERR_OK)
		check(r, n, nitems(r));
	free(copy);
	return 0;
}
