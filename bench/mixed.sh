#!/bin/sh
# bench/mixed.sh: do pages that wait on the database stall pages served
# from memory?  Octavo serves a cached article page to one wrk while a
# second wrk asks for pages that miss the cache (random section, author
# and issue pages of a large journal).  It runs twice: with the default
# worker threads (database pages on workers, the polling thread free) and
# with workers 0 (database pages on the polling thread), and prints the
# cached page's rate and p99 in both, with the uncached pages' rate.
# `make bench` runs it after bench/run.sh; alone: sh bench/mixed.sh.
#
#   BENCH_MIXED_ARTICLES  articles in the journal   (default 100000)
#   BENCH_SECONDS         seconds per run           (default 10)
#
# Octavo runs on CPU 0, both wrk on CPU 1; loopback only; everything is
# stopped and removed at exit.
set -eu

cd "$(dirname "$0")/.."
ARTICLES=${BENCH_MIXED_ARTICLES:-100000}
SECS=${BENCH_SECONDS:-10}
UA="Mozilla/5.0 (X11; Linux x86_64) bench"
say() { printf 'mixed: %s\n' "$*" >&2; }
die() { printf 'mixed: %s\n' "$*" >&2; exit 1; }

for c in wrk curl taskset sqlite3 timeout awk; do
	command -v "$c" >/dev/null 2>&1 || die "'$c' is missing"
done
bin=build/rel/octavo
[ -x "$bin" ] || die "octavo is not built (make octavo)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/octavo-mixed.XXXXXX")
cp "$bin" "$tmp/octavo"
PID=""
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

say "building a demo journal of $ARTICLES articles"
"$tmp/octavo" demo --db "$tmp/m.db" --articles "$ARTICLES" >/dev/null
slug=$(sqlite3 "$tmp/m.db" "SELECT slug FROM articles ORDER BY id LIMIT 1")
BENCH_SECTIONS=$(sqlite3 "$tmp/m.db" "SELECT slug FROM sections" | tr '\n' ' ')
BENCH_ISSUES=$(sqlite3 "$tmp/m.db" "SELECT max(number) FROM issues")
# The smallest section's and author's page counts: every URL exists.
BENCH_PAGES=$(sqlite3 "$tmp/m.db" "SELECT max(1, min(c) / 20) FROM (SELECT count(*) c FROM articles GROUP BY section_id)")
BENCH_AUTHOR_PAGES=$(sqlite3 "$tmp/m.db" "SELECT max(1, min(c) / 20) FROM (SELECT count(*) c FROM article_authors GROUP BY person_id)")
BENCH_AUTHORS=$(sqlite3 "$tmp/m.db" "SELECT p.slug FROM people p WHERE EXISTS (SELECT 1 FROM article_authors a WHERE a.person_id = p.id)" | tr '\n' ' ')
export BENCH_SECTIONS BENCH_AUTHORS BENCH_ISSUES BENCH_PAGES BENCH_AUTHOR_PAGES
printf 'access_log off\n' >"$tmp/octavo.conf"

# wrk_stats FILE: "req/s p99_ms" from wrk --latency output.
wrk_stats() {
	awk '
	/Requests\/sec:/ { rps = $2 }
	/^ +99%/ { v = $2; u = v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u)
		if (u == "us") v /= 1000; else if (u == "s") v *= 1000
		p99 = v }
	/Socket errors|Non-2xx/ { err = 1 }
	END { printf "%d %.3f %d\n", rps, p99, err }' "$1"
}

run() {	# workers
	port=$(free_port)
	taskset -c 0 "$tmp/octavo" serve --db "$tmp/m.db" \
	    --listen "127.0.0.1:$port" --config "$tmp/octavo.conf" \
	    --workers "$1" 2>"$tmp/err-$1.log" &
	PID=$!
	i=0
	until curl -s -o /dev/null "http://127.0.0.1:$port/"; do
		i=$((i + 1))
		if [ $i -ge 100 ] || ! kill -0 "$PID" 2>/dev/null; then
			sed 's/^/    /' "$tmp/err-$1.log" >&2
			die "octavo did not start; its log is above"
		fi
		sleep 0.1
	done
	url="http://127.0.0.1:$port/articles/$slug"
	curl -s -o /dev/null -A "$UA" "$url"	# into the cache
	taskset -c 1 wrk -t1 -c4 -d"${SECS}s" --latency -H "User-Agent: $UA" \
	    -s bench/uncached.lua "http://127.0.0.1:$port" \
	    >"$tmp/db-$1.txt" 2>&1 &
	dbw=$!
	timeout $((SECS + 30)) taskset -c 1 wrk -t1 -c16 -d"${SECS}s" \
	    --latency -H "User-Agent: $UA" "$url" >"$tmp/mem-$1.txt" 2>&1
	wait "$dbw"
	kill "$PID"
	wait "$PID" 2>/dev/null || true
	PID=""
	set -- "$1" $(wrk_stats "$tmp/mem-$1.txt") $(wrk_stats "$tmp/db-$1.txt")
	[ "$4" -eq 0 ] && [ "$7" -eq 0 ] ||
		say "WARNING: socket errors or non-2xx answers with workers $1"
	printf '%-22s %10s %10s %12s %10s\n' "workers $1" "$2" "$3" "$5" "$6"
}

say "2 runs x ${SECS} s: a cached article page (wrk -c16) while uncached pages load the database (wrk -c4)"
printf '\n%-22s %10s %10s %12s %10s\n' "mode" "cached/s" "p99 ms" "database/s" "p99 ms"
run 2
run 0
echo "(cached: the article page from the page cache; database: random"
echo " section, author and issue pages, mostly cache misses)"
