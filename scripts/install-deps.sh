#!/bin/sh
# Install what Octavo needs from Debian 12, and only what is missing.
#   scripts/install-deps.sh build   libraries and tools to build (make run)
#   scripts/install-deps.sh test    build + what the tests use (make test)
#   scripts/install-deps.sh bench   build + nginx, wrk and postfix's
#                                   smtp-sink and smtp-source (make bench)
#   scripts/install-deps.sh fuzz    build + clang and libFuzzer (make fuzz)
#   scripts/install-deps.sh valgrind  test + valgrind (make valgrind)
# apt-get update runs once, before the first install, and only if needed.
set -eu
mode=${1:-build}
build_pkgs="gcc make pkg-config libc6-dev libmicrohttpd-dev libsqlite3-dev
	libmd4c-dev libmd4c-html0-dev libjansson-dev libsodium-dev libpcre2-dev
	libgit2-dev libgmime-3.0-dev libcurl4-openssl-dev libical-dev libxml2-dev
	libmariadb-dev libyaml-dev zlib1g-dev libbrotli-dev"
# The tests: Python 3 (standard library, feedparser for the feeds and
# icalendar for the calendars), Perl's HTTP::OAI for an OAI-PMH harvest,
# xmllint (sitemaps against the sitemaps.org schemas), Java 17 for the Nu
# HTML Checker, Chromium for axe-core, and a font for Chromium to lay
# pages out with (fontconfig depends on one already; named so that the
# colour-contrast checks never run on a machine without), and aiosmtpd,
# the SMTP server the newsletter's tests start; bibtexparser and pybtex
# read the article pages' BibTeX downloads; MariaDB's server, which the
# K2 importer's test starts with a K2-shaped database; Hugo, which
# builds the Markdown export (octavo export markdown) to count its pages;
# brotli decompresses what the server compressed.
test_pkgs="python3 python3-feedparser python3-icalendar libhttp-oai-perl
	libxml2-utils default-jre-headless chromium fonts-dejavu-core
	python3-aiosmtpd python3-bibtexparser python3-pybtex mariadb-server hugo
	python3-brotli"
bench_pkgs="nginx-light wrk util-linux postfix time python3-aiosmtpd
	python3-brotli"
fuzz_pkgs="clang libclang-rt-dev"
valgrind_pkgs="valgrind"

case $mode in
build) want=$build_pkgs ;;
test) want="$build_pkgs $test_pkgs" ;;
bench) want="$build_pkgs $bench_pkgs" ;;
fuzz) want="$build_pkgs $fuzz_pkgs" ;;
valgrind) want="$build_pkgs $test_pkgs $valgrind_pkgs" ;;
*) echo "usage: $0 build|test|bench|fuzz|valgrind" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
# Node.js and npm may come from elsewhere than Debian: look for the commands.
# Debian 12's own (nodejs 18, npm 9) will do: tests/package.json pins
# versions that support Node 18.
if [ "$mode" = test ] || [ "$mode" = valgrind ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
# nginx: any flavour will do for the benchmark.
if [ "$mode" = bench ] && command -v nginx >/dev/null 2>&1; then
	missing=$(echo "$missing" | sed 's/nginx-light//')
fi
missing=$(echo $missing)

if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "install-deps: missing Debian packages: $missing" >&2
		echo "install-deps: run as root, or: sudo apt-get install $missing" >&2
		exit 1
	fi
	echo "install-deps: installing $missing"
	export DEBIAN_FRONTEND=noninteractive
	# postfix only for its smtp-sink and smtp-source (make bench): no
	# mail system configured, none started.
	case " $missing " in *" postfix "*)
		echo "postfix postfix/main_mailer_type select No configuration" |
		    debconf-set-selections ;;
	esac
	apt-get update -q
	apt-get install -y -q --no-install-recommends $missing
fi

# The Nu HTML Checker, axe-core with playwright-core, Redocly's OpenAPI
# linter and Ajv, from npm, pinned in tests/package.json (the browser is
# Debian's chromium, never a download).
if [ "$mode" = test ] || [ "$mode" = valgrind ]; then
	# Installed again whenever the lock changes (a stamp of it is kept
	# beside the modules), so a pin moved by a pull takes effect.
	want_stamp=$(cksum < tests/package-lock.json)
	have_stamp=$(cat tests/node_modules/.octavo-lock 2>/dev/null || true)
	if [ "$want_stamp" != "$have_stamp" ]; then
		echo "install-deps: installing the validators from npm"
		(cd tests && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
		    npm ci --no-audit --no-fund --loglevel=error)
		echo "$want_stamp" > tests/node_modules/.octavo-lock
	fi
fi
exit 0
