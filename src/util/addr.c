/*
 * addr: what counts as one client when an address is all a server knows.
 * An IPv4 address is one machine (or one NAT); an IPv6 address is not: a
 * host gets a whole /64 and may use any address in it, so the /64 is the
 * client.  The read counter and the sign-in rate limits both key on this.
 */
#include <arpa/inet.h>
#include <string.h>

#include "util.h"

size_t
addr_group(const char *addr, unsigned char out[ADDR_GROUP_LEN])
{
	unsigned char a6[16];
	size_t n;

	if (inet_pton(AF_INET, addr, out + 1) == 1) {
		out[0] = 4;
		return 1 + 4;
	}
	if (inet_pton(AF_INET6, addr, a6) == 1) {
		if (memcmp(a6, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
			out[0] = 4;
			memcpy(out + 1, a6 + 12, 4);
			return 1 + 4;
		}
		out[0] = 6;
		memcpy(out + 1, a6, 8);
		return 1 + 8;
	}
	out[0] = 0;
	n = strnlen(addr, ADDR_GROUP_LEN - 1);
	memcpy(out + 1, addr, n);
	return 1 + n;
}
