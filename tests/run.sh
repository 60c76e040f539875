#!/bin/sh
# Run every test and end with one line "N passed, N failed".
#   tests/run.sh BUILD_DIR [http]   (build/rel or build/san; make test
#                                   calls it; http: the HTTP tests only)
# Unit tests and HTTP tests print one line per check, "PASS name" or
# "FAIL name: ..."; a test program that dies without saying FAIL counts as
# one failure.  Each program's output is kept in $BUILD/test-logs/.
set -u
build=${1:-build/rel}
root=$(cd "$(dirname "$0")/.." && pwd)
export OCTAVO_ROOT="$root" OCTAVO_BIN="$root/$build/octavo"
[ -x "$OCTAVO_BIN" ] || OCTAVO_BIN="$root/octavo"
# Sanitizer builds: fail on the first report, leaks included.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
logs="$root/$build/test-logs"
mkdir -p "$logs"
passed=0
failed=0

run() {	# name command...
	name=$1
	shift
	log="$logs/$name.log"
	"$@" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	grep '^FAIL \|^mustache spec:' "$log"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL $name: exited with status $rc (see $log)"
		tail -n 20 "$log" | sed 's/^/    /'
		f=1
	fi
	printf '%-28s %4d passed, %d failed\n' "$name" "$p" "$f"
	passed=$((passed + p))
	failed=$((failed + f))
}

for t in "$root/$build"/tests/test_*; do
	[ "${2:-}" = http ] && break
	[ -x "$t" ] || continue
	n=$(basename "$t")
	run "$n" "$t"
done
for t in "$root"/tests/http/test_*.py; do
	[ -f "$t" ] || continue
	run "http_$(basename "$t" .py)" /usr/bin/python3 "$t"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
