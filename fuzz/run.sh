#!/bin/sh
# Build every fuzz/fuzz_*.c with libFuzzer, ASan and UBSan into fuzz/bin/,
# then run each for FUZZ_SECONDS (default 20) on its seed corpus
# fuzz/corpus/<target>/ (fuzz_X.c -> fuzz/corpus/X/).
#   FUZZ_SECONDS=30 sh fuzz/run.sh [target ...]
# FUZZ_RUNS=N runs N inputs per target instead, and FUZZ_SEED=S fixes
# libFuzzer's seed: together they make a run repeatable (CI uses both, so
# that a submission's CI result does not depend on luck).
# The program's sources (src/*/*.c but src/main.c) are compiled once into
# an archive each target links against.  New inputs go to fuzz/bin/corpus/<target>/,
# never into the committed seeds; a crash, leak or timeout leaves
# fuzz/bin/crash-<target>-{crash,leak,timeout}-<sha1> and makes this script
# exit non-zero.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
CC=${FUZZ_CC:-clang}
secs=${FUZZ_SECONDS:-20}
if [ -n "${FUZZ_RUNS:-}" ]; then
	limit="-runs=$FUZZ_RUNS"
else
	limit="-max_total_time=$secs"
fi
seed=${FUZZ_SEED:-0}	# 0: libFuzzer picks one
bin=fuzz/bin
obj=$bin/obj
export OCTAVO_ROOT="$root"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pkgs="jansson libsodium libpcre2-8 sqlite3 md4c-html libmicrohttpd libgit2
    gmime-3.0 libcurl libical libxml-2.0 libmariadb yaml-0.1 zlib
    libbrotlienc"
if ! pkgflags=$(pkg-config --cflags $pkgs) ||
    ! pkglibs=$(pkg-config --libs $pkgs); then
	echo "fuzz: pkg-config cannot find: $pkgs" >&2
	exit 2
fi
cflags="-g -O1 -std=c17 -D_GNU_SOURCE -fno-omit-frame-pointer \
    -fsanitize=address,undefined -fno-sanitize-recover=undefined \
    -Isrc $pkgflags"

# The library: instrumented for coverage, without libFuzzer's main.
rm -rf "$obj"
mkdir -p "$obj"
for src in src/*/*.c; do
	[ "$src" = src/main.c ] && continue
	o="$obj/$(echo "$src" | sed 's|^src/||; s|/|_|g; s|\.c$|.o|')"
	if ! $CC $cflags -fsanitize=fuzzer-no-link -c -o "$o" "$src"; then
		echo "fuzz: cannot compile $src" >&2
		exit 2
	fi
done
rm -f "$bin/liboctavo-fuzz.a"
ar rcs "$bin/liboctavo-fuzz.a" "$obj"/*.o || exit 2

if [ $# -gt 0 ]; then
	targets=$(for t in "$@"; do echo "fuzz/fuzz_${t#fuzz_}.c"; done)
else
	targets=$(ls fuzz/fuzz_*.c)
fi
failed=""
for t in $targets; do
	name=$(basename "$t" .c)
	short=${name#fuzz_}
	if ! $CC $cflags -fsanitize=fuzzer -o "$bin/$name" "$t" \
	    "$bin/liboctavo-fuzz.a" $pkglibs -lpthread -lm; then
		echo "FAIL $name: does not build"
		failed="$failed $name"
		continue
	fi
	mkdir -p "fuzz/corpus/$short" "$bin/corpus/$short"
	rm -f "$bin"/crash-"$short"-*	# this run's findings only
	log="$bin/$name.log"
	"$bin/$name" "$limit" -seed="$seed" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$bin/crash-$short-" \
	    "$bin/corpus/$short" "fuzz/corpus/$short" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $name: exit $rc after ${runs:-?} runs (see $log)"
		grep -m 3 'ERROR:\|SUMMARY:\|runtime error' "$log" |
		    sed 's/^/    /'
		ls "$bin"/crash-"$short"-* 2>/dev/null | sed 's/^/    /'
		failed="$failed $name"
	else
		echo "PASS $name: ${runs:-?} runs, $cov"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: findings in:$failed"
	exit 1
fi
echo "fuzz: no findings"
