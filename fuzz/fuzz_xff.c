/*
 * fuzz_xff: libFuzzer target for req_client_addr, which reads the
 * X-Forwarded-For header a client may forge.  Invariants: the answer is
 * always an address that parses (the peer's or one from the header), and
 * from an untrusted peer it is the peer's, whatever the header says.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ipaddr trusted[2], ip;
	struct arena *a = arena_new();
	char *xff = xstrndup((const char *)data, size);
	const char *got;

	if (ip_parse("127.0.0.1", 9, &trusted[0]) != ERR_OK ||
	    ip_parse("::1", 3, &trusted[1]) != ERR_OK)
		abort();
	got = req_client_addr(a, "127.0.0.1", xff, trusted, 2);
	if (ip_parse(got, strlen(got), &ip) != ERR_OK)
		abort();
	got = req_client_addr(a, "192.0.2.1", xff, trusted, 2);
	if (strcmp(got, "192.0.2.1") != 0)
		abort();
	arena_free(a);
	free(xff);
	return 0;
}
