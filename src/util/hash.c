/*
 * hash: the two hash functions of Octavo, one for each kind of key.
 *
 * hash_bytes is FNV-1a (64 bits): fast, and the same in every run and on
 * every machine, so it may decide output (the demo's generator relies on
 * nothing else).  Anyone can compute keys that collide under it, so it is
 * only for keys no client chooses: template names, the demo's slugs.
 *
 * hash_keyed is SipHash-2-4 (libsodium's crypto_shorthash) under a key
 * drawn at random once per process.  Every table whose keys a client
 * chooses (page-cache URLs, user agents) hashes with it: without the key
 * a client cannot tell which of its keys share a bucket.
 */
#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "util.h"

static unsigned char	process_key[crypto_shorthash_KEYBYTES];
static pthread_once_t	process_once = PTHREAD_ONCE_INIT;

static void
process_key_init(void)
{
	if (sodium_init() < 0)
		fatalx("libsodium cannot start");
	crypto_shorthash_keygen(process_key);
}

uint64_t
hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

uint64_t
hash_siphash(const unsigned char key[HASH_KEY_LEN], const void *p, size_t n)
{
	unsigned char out[crypto_shorthash_BYTES];
	uint64_t h;

	_Static_assert(HASH_KEY_LEN == crypto_shorthash_KEYBYTES,
	    "HASH_KEY_LEN is SipHash's key size");
	_Static_assert(sizeof(h) == crypto_shorthash_BYTES,
	    "SipHash gives 64 bits");
	crypto_shorthash(out, p, n, key);
	memcpy(&h, out, sizeof(h));
	return h;
}

uint64_t
hash_keyed(const void *p, size_t n)
{
	pthread_once(&process_once, process_key_init);
	return hash_siphash(process_key, p, n);
}
