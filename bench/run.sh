#!/bin/sh
# bench/run.sh: Octavo's cached article page (and home page) against nginx
# serving the same bytes as a static file, on loopback, with wrk.
# Run from `make bench`, or `sh bench/run.sh` once `make octavo` has built
# build/rel/octavo.  See bench/README.md.
#
#   BENCH_ARTICLES  articles in the demo journal          (default 600)
#   BENCH_CONNS     wrk connections                       (default 32)
#   BENCH_SECONDS   seconds per wrk round                 (default 10)
#   BENCH_ROUNDS    article rounds per server (median)    (default 3)
#   BENCH_SENDFILE  nginx's sendfile, on or off            (default on)
#
# The servers run on CPU 0, wrk on CPU 1.  Everything lives in a temporary
# directory that is removed at exit; both servers are stopped at exit.
set -eu

cd "$(dirname "$0")/.."
ARTICLES=${BENCH_ARTICLES:-600}
CONNS=${BENCH_CONNS:-32}
SECS=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
SENDFILE=${BENCH_SENDFILE:-on}
case $SENDFILE in on|off) ;; *) echo "bench: BENCH_SENDFILE is on or off" >&2; exit 2 ;; esac
UA="Mozilla/5.0 (X11; Linux x86_64) bench"
SRV_CPU=0
WRK_CPU=1

say() { printf 'bench: %s\n' "$*" >&2; }
warn() { printf 'bench: WARNING: %s\n' "$*" >&2; WARNINGS=$((WARNINGS + 1)); }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
WARNINGS=0

for c in wrk nginx curl taskset timeout awk; do
	command -v "$c" >/dev/null 2>&1 ||
		die "'$c' is missing (sh scripts/install-deps.sh bench)"
done
# ./octavo is the last build of any kind (make SAN=1 copies its sanitizer
# build there too), so take the release build and snapshot it: a build
# running elsewhere cannot then swap the binary under the benchmark.
bin=build/rel/octavo
[ -x "$bin" ] || bin=./octavo
[ -x "$bin" ] || die "octavo is not built (make octavo)"
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
if [ "$ncpu" -lt 2 ]; then
	warn "only $ncpu CPU: wrk shares CPU 0 with the servers"
	WRK_CPU=0
fi
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/octavo-bench.XXXXXX")
cp "$bin" "$tmp/octavo"
OCTAVO=$tmp/octavo
if grep -q -a -e __asan_init -e __ubsan_handle "$OCTAVO"; then
	rm -rf "$tmp"
	die "$bin is a sanitizer build (SAN=1): its numbers mean nothing; run make octavo"
fi
OPID=""
NPID=""
# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
	for p in $OPID $NPID; do
		kill "$p" 2>/dev/null || true
	done
	for p in $OPID $NPID; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ "$i" -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$p" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A loopback port nobody listens on (curl exit 7: connection refused).
free_port() {
	p=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 20000 + 20000 ))
	n=0
	while [ $n -lt 200 ]; do
		rc=0
		curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/" || rc=$?
		if [ $rc -eq 7 ] && [ "$p" != "${OPORT:-}" ]; then
			echo "$p"
			return 0
		fi
		p=$((p + 1))
		n=$((n + 1))
	done
	die "no free loopback port found"
}

# show_logs FILE...: what a server said, for a failure's message.
show_logs() {
	for f in "$@"; do
		[ -s "$f" ] || { say "$(basename "$f"): empty"; continue; }
		say "$(basename "$f") (last 40 lines):"
		tail -n 40 "$f" | sed 's/^/    /' >&2
	done
}

# wait_up URL PID NAME LOG...: until URL answers 200, PID alive, at most
# 15 s; if not, the logs show why.
wait_up() {
	url=$1 pid=$2 name=$3
	shift 3
	i=0
	while [ $i -lt 150 ]; do
		if ! kill -0 "$pid" 2>/dev/null; then
			st=0
			wait "$pid" 2>/dev/null || st=$?
			show_logs "$@"
			die "$name exited at start (status $st)"
		fi
		if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 \
		    -A "$UA" "$url" || true)" = 200 ]; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	show_logs "$@"
	die "$name did not answer $url within 15 s"
}

# keepalive URL NAME: two requests on one connection must reuse it.
keepalive() {
	out=$(curl -sv -A "$UA" -o /dev/null -o /dev/null "$1" "$1" 2>&1 || true)
	if echo "$out" | grep -qi 're-using existing connection'; then
		say "$2: keep-alive works (2 requests, 1 connection)"
	else
		warn "$2: curl did not reuse the connection: keep-alive is broken"
		echo "$out" | grep -i 'connection\|^< HTTP' | sed 's/^/    /' >&2
	fi
}

# cpu_ticks PID: user + system clock ticks of the process, all threads.
cpu_ticks() {
	sed 's/.*) //' "/proc/$1/stat" 2>/dev/null |
	    awk '{ print $12 + $13 }' || echo 0
}

# cpu_stat N: "busy total" clock ticks of CPU N since boot.
cpu_stat() {
	awk -v c="cpu$1" '$1 == c { t = 0; for (i = 2; i <= 9; i++) t += $i;
	    print t - $5 - $6, t }' /proc/stat
}

# busy_now: percent of the machine's CPUs busy over 1 s (before a run).
busy_now() {
	a=$(awk '$1 == "cpu" { t = 0; for (i = 2; i <= 9; i++) t += $i;
	    print t - $5 - $6, t }' /proc/stat)
	sleep 1
	b=$(awk '$1 == "cpu" { t = 0; for (i = 2; i <= 9; i++) t += $i;
	    print t - $5 - $6, t }' /proc/stat)
	echo "$a $b" | awk '{ d = $4 - $2; printf "%.0f", (d > 0 ? 100 * ($3 - $1) / d : 0) }'
}

# hwm PID: peak resident set (VmHWM) in KiB.
hwm() {
	awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# The read count shown on the article page, for a request that is not
# counted itself (an empty User-Agent is never counted).
shown_reads() {
	curl -s -H 'User-Agent:' "http://127.0.0.1:$OPORT$APATH" |
	    sed -n 's/.*class="reads">[^0-9]*\([0-9][0-9]*\).*/\1/p' | head -n 1
}

# parse FILE: "req/s p99_ms bytes_per_request socket_errors non2xx requests"
parse() {
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /m$/) return v * 60000
		if (v ~ /s$/) return v * 1000
		return v + 0
	}
	function bytes(v, n) {
		n = v + 0
		if (v ~ /KB$/) n *= 1024
		else if (v ~ /MB$/) n *= 1024 * 1024
		else if (v ~ /GB$/) n *= 1024 * 1024 * 1024
		else if (v ~ /TB$/) n *= 1024 * 1024 * 1024 * 1024
		return n
	}
	BEGIN { rps = 0; p99 = 0; reqs = 0; rd = 0; se = 0; n2 = 0 }
	$1 == "99%" { p99 = ms($2) }
	/ requests in / { reqs = $1; rd = bytes($5) }
	/Socket errors:/ { gsub(",", ""); se = $4 + $6 + $8 + $10 }
	/Non-2xx or 3xx responses:/ { n2 = $NF }
	$1 == "Requests/sec:" { rps = $2 }
	END { printf "%.0f %.3f %.0f %d %d %d\n", rps, p99,
	    (reqs > 0 ? rd / reqs : 0), se, n2, reqs }' "$1"
}

# round NAME URL PID TAG [CODING]: one wrk run, asking for CODING (gzip,
# br) when given; appends a result line to $tmp/results.
round() {
	name=$1 url=$2 pid=$3 tag=$4 coding=${5:-identity}
	f="$tmp/wrk-$tag.txt"
	t0=$(cpu_ticks "$pid")
	c0=$(cpu_stat "$SRV_CPU")
	w0=$(cpu_stat "$WRK_CPU")
	timeout $((SECS + 30)) taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" \
	    -d"${SECS}s" --latency -H "User-Agent: $UA" \
	    -H "Accept-Encoding: $coding" "$url" >"$f" 2>&1 ||
		{ cat "$f" >&2; die "wrk failed against $name ($url)"; }
	t1=$(cpu_ticks "$pid")
	c1=$(cpu_stat "$SRV_CPU")
	w1=$(cpu_stat "$WRK_CPU")
	# Shares of the rounds' CPU time: the server's own, CPU 0 busy, and
	# CPU 1 (wrk's) busy.  A server under 80% of CPU 0 was not the
	# bottleneck: other work took CPU 0, or wrk could not keep up.
	shares=$(echo "$((t1 - t0)) $c0 $c1 $w0 $w1" | awk '{
	    d0 = $5 - $3; d1 = $9 - $7
	    printf "%.0f %.0f %.0f", (d0 > 0 ? 100 * $1 / d0 : 0),
		(d0 > 0 ? 100 * ($4 - $2) / d0 : 0),
		(d1 > 0 ? 100 * ($8 - $6) / d1 : 0) }')
	# shellcheck disable=SC2046,SC2086  # split into fields on purpose
	set -- $(parse "$f") $shares
	cpu_us=$(awk -v t="$((t1 - t0))" -v hz="$HZ" -v n="$6" \
	    'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')
	say "$(printf '%-8s %-6s %7s req/s  p99 %7.3f ms  %6s B/req  %5s us CPU/req  server %3s%% of CPU%s (busy %3s%%), CPU%s busy %3s%%' \
	    "$tag" "$name" "$1" "$2" "$3" "$cpu_us" "$7" "$SRV_CPU" "$8" \
	    "$WRK_CPU" "$9")"
	[ "$7" -ge 80 ] || [ "$SRV_CPU" = "$WRK_CPU" ] ||
		warn "$name ($tag): the server used only $7% of CPU $SRV_CPU: it was not the bottleneck (another process on CPU $SRV_CPU, or wrk starved on CPU $WRK_CPU)"
	[ "$6" -gt 0 ] || die "$name: wrk made no request; see $f"
	[ "$4" -eq 0 ] || { warn "$name ($tag): $4 socket errors:"; \
	    grep 'Socket errors' "$f" | sed 's/^/    /' >&2; }
	[ "$5" -eq 0 ] || warn "$name ($tag): $5 responses were not 2xx/3xx"
	echo "$tag $name $1 $2 $3 $cpu_us" >>"$tmp/results"
}

# median PAGE SERVER COLUMN (3 req/s, 4 p99, 5 bytes, 6 cpu)
median() {
	awk -v p="$1" -v s="$2" -v c="$3" '$1 ~ "^" p && $2 == s { print $c }' \
	    "$tmp/results" | sort -g |
	    awk '{ v[NR] = $1 } END { if (NR == 0) print 0;
		else if (NR % 2) print v[(NR + 1) / 2];
		else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

busy=$(busy_now)
[ "$busy" -le 10 ] ||
	warn "the machine was ${busy}% busy before the run: other processes will skew the results"

# --- 1. the demo journal and one article ---------------------------------
say "building a demo journal of $ARTICLES articles in $tmp"
"$OCTAVO" demo --db "$tmp/bench.db" --articles "$ARTICLES" >/dev/null
HAVE_SQLITE=0
command -v sqlite3 >/dev/null 2>&1 && HAVE_SQLITE=1
SLUG=""
AID=""
if [ $HAVE_SQLITE = 1 ]; then
	# The newest published article in a published issue (or none).
	row=$(sqlite3 -separator ' ' "$tmp/bench.db" "SELECT a.id, a.slug
	    FROM articles a LEFT JOIN issues i ON i.id = a.issue_id
	    WHERE a.status = 'published' AND (a.issue_id IS NULL OR
	    i.status = 'published') ORDER BY a.published_at DESC LIMIT 1")
	AID=${row%% *}
	SLUG=${row#* }
	READS0=$(sqlite3 "$tmp/bench.db" "SELECT coalesce((SELECT reads
	    FROM article_reads WHERE article_id = $AID), 0)")
	DAILY0=$(sqlite3 "$tmp/bench.db" "SELECT coalesce(sum(reads), 0)
	    FROM reads_daily WHERE article_id = $AID")
fi

# --- 2. Octavo on CPU 0, access log off, read counter live --------------
OPORT=$(free_port)
cat >"$tmp/octavo.conf" <<EOF
# written by bench/run.sh
access_log off
log_level warn
EOF
say "starting octavo on 127.0.0.1:$OPORT (CPU $SRV_CPU)"
taskset -c "$SRV_CPU" "$OCTAVO" serve --db "$tmp/bench.db" \
    --listen "127.0.0.1:$OPORT" --config "$tmp/octavo.conf" \
    --robots data/COUNTER_Robots_list.json >"$tmp/octavo.out" 2>&1 &
OPID=$!
wait_up "http://127.0.0.1:$OPORT/" "$OPID" octavo "$tmp/octavo.out"
if [ -z "$SLUG" ]; then
	SLUG=$(curl -s -A "$UA" "http://127.0.0.1:$OPORT/" |
	    grep -o 'href="/articles/[^"]*"' | head -n 1 |
	    sed 's|href="/articles/||; s|"$||')
	[ -n "$SLUG" ] || die "no article link on the home page"
fi
APATH="/articles/$SLUG"
say "article: $APATH"
SHOWN0=$(shown_reads)

# --- 3. the same bytes as static files for nginx ------------------------
mkdir -p "$tmp/www" "$tmp/nginx"
code=$(curl -s -A "$UA" -o "$tmp/www/article.html" -w '%{http_code}' \
    "http://127.0.0.1:$OPORT$APATH")
[ "$code" = 200 ] || die "octavo answered $code for $APATH"
code=$(curl -s -A "$UA" -o "$tmp/www/home.html" -w '%{http_code}' \
    "http://127.0.0.1:$OPORT/")
[ "$code" = 200 ] || die "octavo answered $code for /"
keepalive "http://127.0.0.1:$OPORT$APATH" octavo

NPORT=$(free_port)
temps=""
for t in client_body proxy fastcgi uwsgi scgi; do
	nginx -V 2>&1 | grep -q -- "--http-$(echo $t | tr _ -)-temp-path" &&
		temps="$temps    ${t}_temp_path $tmp/nginx/$t;
"
done
write_nginx_conf() {
	cat >"$tmp/nginx.conf" <<EOF
# written by bench/run.sh
daemon off;
master_process on;
worker_processes 1;
worker_cpu_affinity 1;
$( [ "$(id -u)" = 0 ] && echo 'user root;' )
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 1024; }
http {
    types { text/html html; }
    default_type text/html;
    charset utf-8;
    access_log off;
    sendfile $SENDFILE;
    tcp_nopush off;
    tcp_nodelay on;
    keepalive_requests 100000000;
    keepalive_timeout 65;
    open_file_cache max=64 inactive=60s;
    open_file_cache_valid 60s;
    server_tokens off;
    # Compression as a site would set it (requests asking for gzip only):
    # per request, at Octavo's level for cached pages.
    gzip on;
    gzip_comp_level 6;
    gzip_min_length 1024;
    gzip_vary on;
$1
    server {
        listen 127.0.0.1:$NPORT;
        root $tmp/www;
    }
}
EOF
}
write_nginx_conf "$temps"
if ! nginx -t -q -p "$tmp/nginx/" -e "$tmp/nginx-error.log" \
    -c "$tmp/nginx.conf" 2>"$tmp/nginx-t.err"; then
	# Some flavours lack a module whose temp path we set: drop them all.
	write_nginx_conf ""
	nginx -t -q -p "$tmp/nginx/" -e "$tmp/nginx-error.log" \
	    -c "$tmp/nginx.conf" 2>"$tmp/nginx-t.err" ||
		{ cat "$tmp/nginx-t.err" >&2; die "nginx rejects $tmp/nginx.conf"; }
fi
say "starting nginx on 127.0.0.1:$NPORT (CPU $SRV_CPU)"
taskset -c "$SRV_CPU" nginx -p "$tmp/nginx/" -e "$tmp/nginx-error.log" \
    -c "$tmp/nginx.conf" >"$tmp/nginx.out" 2>&1 &
NPID=$!
wait_up "http://127.0.0.1:$NPORT/article.html" "$NPID" nginx \
    "$tmp/nginx.out" "$tmp/nginx-error.log"
NWORKER=$(awk '{ print $1 }' "/proc/$NPID/task/$NPID/children" 2>/dev/null || true)
[ -n "$NWORKER" ] || NWORKER=$(pgrep -P "$NPID" | head -n 1 || true)
[ -n "$NWORKER" ] || { warn "nginx worker not found; using the master"; NWORKER=$NPID; }
curl -s -A "$UA" -o "$tmp/check.html" "http://127.0.0.1:$NPORT/article.html"
cmp -s "$tmp/check.html" "$tmp/www/article.html" ||
	warn "nginx does not serve the saved article byte for byte"
keepalive "http://127.0.0.1:$NPORT/article.html" nginx

# --- 4-5. wrk rounds ----------------------------------------------------
OURL="http://127.0.0.1:$OPORT"
NURL="http://127.0.0.1:$NPORT"
say "warming up (1 s each)"
for u in "$OURL$APATH" "$NURL/article.html"; do
	taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" -d1s -H "User-Agent: $UA" \
	    "$u" >/dev/null 2>&1 || true
done
: >"$tmp/results"
say "$ROUNDS rounds x 2 servers x ${SECS} s on the article page, then 1 x 2 on the home page; wrk -t1 -c$CONNS on CPU $WRK_CPU"
r=1
while [ $r -le "$ROUNDS" ]; do
	round octavo "$OURL$APATH" "$OPID" "article$r"
	round nginx "$NURL/article.html" "$NWORKER" "article$r"
	r=$((r + 1))
done
round octavo "$OURL/" "$OPID" home1
round nginx "$NURL/home.html" "$NWORKER" home1
# Compressed: Octavo's gzip made once per cached page (the article's in
# two parts around its read count) against nginx's gzip on, per request;
# brotli for Octavo alone (nginx-light has no brotli module).
say "compressed: 1 x 2 rounds each of the article and the home page in gzip, then the home page in brotli (octavo)"
round octavo "$OURL$APATH" "$OPID" gzart1 gzip
round nginx "$NURL/article.html" "$NWORKER" gzart1 gzip
round octavo "$OURL/" "$OPID" gzhome1 gzip
round nginx "$NURL/home.html" "$NWORKER" gzhome1 gzip
round octavo "$OURL/" "$OPID" brhome1 br

# --- 6. results ---------------------------------------------------------
OHWM=$(hwm "$OPID")
NHWM=$(hwm "$NWORKER")
NMHWM=$(hwm "$NPID")
SHOWN1=$(shown_reads)

# Stop Octavo with SIGTERM so that it flushes the read counter, then read
# the database.
kill "$OPID" 2>/dev/null || true
i=0
while kill -0 "$OPID" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if kill -0 "$OPID" 2>/dev/null; then
	warn "octavo did not stop within 10 s of SIGTERM"
else
	wait "$OPID" 2>/dev/null || warn "octavo exited with status $?"
	OPID=""
fi

echo
echo "Octavo vs nginx (sendfile $SENDFILE), same bytes, loopback; servers on CPU $SRV_CPU, wrk -t1 -c$CONNS -d${SECS}s on CPU $WRK_CPU"
echo "(req/s, p99, bytes and CPU per request are medians over the rounds; the"
echo " ratios are octavo/nginx: req/s above 1 and cpu below 1 favour octavo)"
echo
printf '%-13s %-7s %6s %10s %10s %9s %11s %11s %9s\n' page server rounds \
    'req/s' 'p99 ms' 'B/req' 'cpu us/req' 'req/s ratio' 'cpu ratio'
for page in article home gzart gzhome; do
	n=$(awk -v p="$page" '$1 ~ "^" p && $2 == "octavo"' "$tmp/results" | wc -l)
	orps=$(median $page octavo 3)
	nrps=$(median $page nginx 3)
	ratio=$(awk -v a="$orps" -v b="$nrps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	cratio=$(awk -v a="$(median $page octavo 6)" -v b="$(median $page nginx 6)" \
	    'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	for s in octavo nginx; do
		rt="" ct=""
		[ $s = octavo ] && rt=$ratio ct=$cratio
		printf '%-13s %-7s %6s %10s %10s %9s %11s %11s %9s\n' "$page page" $s \
		    "$n" "$(median $page $s 3)" "$(median $page $s 4)" \
		    "$(median $page $s 5)" "$(median $page $s 6)" "$rt" "$ct"
	done
	ob=$(median $page octavo 5)
	nb=$(median $page nginx 5)
	awk -v a="$ob" -v b="$nb" 'BEGIN { d = a - b; if (d < 0) d = -d;
	    exit !(b > 0 && d / b > 0.10) }' &&
		warn "$page page: bytes per request differ by more than 10% (octavo $ob, nginx $nb)"
done
printf '%-13s %-7s %6s %10s %10s %9s %11s\n' "brhome page" octavo 1 \
    "$(median brhome octavo 3)" "$(median brhome octavo 4)" \
    "$(median brhome octavo 5)" "$(median brhome octavo 6)"
echo "(gzart, gzhome: the pages in gzip, Octavo's made once, nginx's per request"
echo " at gzip_comp_level 6; brhome: the home page in brotli, Octavo only)"
echo
for page in article home gzart gzhome; do
	printf '%s page: octavo %s req/s p99 %sms | nginx %s req/s p99 %sms | ratio %s\n' \
	    "$page" "$(median $page octavo 3)" "$(median $page octavo 4)" \
	    "$(median $page nginx 3)" "$(median $page nginx 4)" \
	    "$(awk -v a="$(median $page octavo 3)" -v b="$(median $page nginx 3)" \
	    'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
done
echo
printf 'memory (VmHWM): octavo %s KiB (%s MiB) | nginx worker %s KiB + master %s KiB\n' \
    "$OHWM" "$(awk -v k="$OHWM" 'BEGIN { printf "%.1f", k / 1024 }')" \
    "$NHWM" "$NMHWM"
printf 'page sizes: article %s bytes, home %s bytes (as served to a browser)\n' \
    "$(wc -c <"$tmp/www/article.html" | tr -d ' ')" \
    "$(wc -c <"$tmp/www/home.html" | tr -d ' ')"
if [ $HAVE_SQLITE = 1 ] && [ -z "$OPID" ]; then
	READS1=$(sqlite3 "$tmp/bench.db" "SELECT coalesce((SELECT reads
	    FROM article_reads WHERE article_id = $AID), 0)")
	DAILY1=$(sqlite3 "$tmp/bench.db" "SELECT coalesce(sum(reads), 0)
	    FROM reads_daily WHERE article_id = $AID")
	printf 'reads counted for %s: %s in article_reads (%s -> %s), %s in reads_daily\n' \
	    "$APATH" "$((READS1 - READS0))" "$READS0" "$READS1" \
	    "$((DAILY1 - DAILY0))"
	[ $((READS1 - READS0)) -gt 0 ] ||
		warn "no read was counted: the read counter was not live"
else
	printf 'reads shown on %s: %s before the run, %s after (sqlite3 %s)\n' \
	    "$APATH" "${SHOWN0:-?}" "${SHOWN1:-?}" \
	    "$( [ $HAVE_SQLITE = 1 ] && echo 'present; octavo did not stop' || echo 'absent')"
fi
echo "(one client, one User-Agent: the same article counts once per 30 s)"
[ "$WARNINGS" -eq 0 ] || echo "bench: $WARNINGS warning(s), see above"
exit 0
