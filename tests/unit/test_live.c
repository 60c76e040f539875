/*
 * test_live: the polling thread's table of live sessions, with an
 * injected clock.  A session is live by its cookie (never by the stored
 * hash, nor by a malformed cookie) until SESSION_IDLE without use or
 * SESSION_ABSOLUTE after sign-in, whichever comes first; a touch moves
 * the idle limit only; dropping a session, or a user's, ends them; the
 * table refuses past its maximum; a reload makes the table the store's
 * rows but keeps a session put while the rows were read.
 */
#include <sodium.h>

#include "admin/admin.h"
#include "test.h"

#define T0	1717200000

int
main(void)
{
	struct live *l = live_new(3);
	char tok[3][TOKEN_HEX], hash[3][TOKEN_HEX], other[TOKEN_HEX];
	json_t *rows;
	uint64_t gen;
	int i;

	if (sodium_init() < 0)
		return 1;
	for (i = 0; i < 3; i++) {
		token_new(tok[i]);
		token_hash(tok[i], hash[i]);
	}
	token_new(other);
	T_INTEQ("put a session", live_put(l, hash[0], 1, T0, T0), ERR_OK);
	T_TRUE("its cookie is live", live_has(l, tok[0], T0));
	T_TRUE("the stored hash is not a cookie", !live_has(l, hash[0], T0));
	T_TRUE("another token is not live", !live_has(l, other, T0));
	T_TRUE("a malformed cookie is not live", !live_has(l, "x", T0));
	T_TRUE("an empty cookie is not live", !live_has(l, "", T0));
	T_TRUE("live one second before the idle limit",
	    live_has(l, tok[0], T0 + SESSION_IDLE - 1));
	T_TRUE("not at the idle limit",
	    !live_has(l, tok[0], T0 + SESSION_IDLE));
	live_put(l, hash[0], 1, T0, T0 + SESSION_IDLE - 1);
	T_TRUE("a touch moves the idle limit",
	    live_has(l, tok[0], T0 + SESSION_IDLE));
	live_put(l, hash[0], 1, T0, T0 + SESSION_ABSOLUTE - 1);
	T_TRUE("live one second before the absolute limit",
	    live_has(l, tok[0], T0 + SESSION_ABSOLUTE - 1));
	T_TRUE("not at the absolute limit, however recently used",
	    !live_has(l, tok[0], T0 + SESSION_ABSOLUTE));
	T_INTEQ("a malformed hash is refused", live_put(l, "ABC", 1, T0, T0),
	    ERR_PARSE);
	T_INTEQ("an uppercase hash is refused (not token_hash's)",
	    live_put(l, "ABCDEF0123456789ABCDEF0123456789"
	    "ABCDEF0123456789ABCDEF0123456789", 1, T0, T0), ERR_PARSE);

	live_put(l, hash[1], 2, T0, T0);
	live_put(l, hash[2], 2, T0, T0);
	T_INTEQ("three sessions", live_count(l), 3);
	T_INTEQ("a fourth is refused", live_put(l, "00000000000000000000"
	    "000000000000000000000000000000000000000000aa", 3, T0, T0),
	    ERR_LIMIT);
	live_drop(l, hash[0]);
	T_TRUE("a dropped session is not live", !live_has(l, tok[0], T0));
	live_drop_user(l, 2, hash[2]);
	T_TRUE("dropping a user but one session ends the others",
	    !live_has(l, tok[1], T0));
	T_TRUE("and keeps that one", live_has(l, tok[2], T0));
	live_drop_user(l, 2, NULL);
	T_TRUE("dropping a user ends all their sessions",
	    !live_has(l, tok[2], T0));
	T_INTEQ("the table is empty", live_count(l), 0);

	/* The store has sessions 0 and 1; 2 is put while it is read. */
	live_put(l, hash[2], 9, T0, T0);	/* ended elsewhere since */
	gen = live_generation(l);
	rows = json_pack("[{s:s, s:i, s:i, s:i}, {s:s, s:i, s:i, s:i}]",
	    "hash", hash[0], "user_id", 1, "created_at", T0, "seen_at", T0,
	    "hash", hash[1], "user_id", 2, "created_at", T0, "seen_at",
	    T0 + 100);
	live_drop(l, hash[2]);
	live_put(l, hash[2], 3, T0, T0);	/* signed in meanwhile */
	live_reload(l, rows, gen);
	T_TRUE("reload: a stored session is live", live_has(l, tok[0], T0));
	T_TRUE("reload: takes the stored last use",
	    live_has(l, tok[1], T0 + SESSION_IDLE + 99));
	T_TRUE("reload: keeps a session put while it read",
	    live_has(l, tok[2], T0));
	json_decref(rows);
	gen = live_generation(l);
	rows = json_pack("[{s:s, s:i, s:i, s:i}]", "hash", hash[1],
	    "user_id", 2, "created_at", T0, "seen_at", T0);
	live_reload(l, rows, gen);
	T_TRUE("reload: drops what the store no longer has",
	    !live_has(l, tok[0], T0) && !live_has(l, tok[2], T0));
	T_INTEQ("reload: one left", live_count(l), 1);
	json_decref(rows);
	rows = json_pack("[{s:s}, {s:i}]", "hash", "junk", "user_id", 1);
	live_reload(l, rows, live_generation(l));
	T_INTEQ("reload: malformed rows are skipped", live_count(l), 0);
	json_decref(rows);
	live_free(l);
	live_free(NULL);
	T_DONE();
}
