#!/bin/sh
# bench/mail.sh: the newsletter's mailer against postfix's smtp-source,
# both sending to postfix's smtp-sink on loopback (bench/mail.py says
# how); `make bench` runs it.
#   BENCH_MAIL_SUBSCRIBERS  subscribers    (default 100000)
#   BENCH_MAIL_SESSIONS     SMTP sessions  (default 8)
#   BENCH_MAIL_OCTAVO       the octavo to time (default build/rel/octavo)
set -eu
cd "$(dirname "$0")/.."
[ -x "${BENCH_MAIL_OCTAVO:-build/rel/octavo}" ] ||
    { echo "mail: make octavo first" >&2; exit 1; }
exec /usr/bin/python3 bench/mail.py
