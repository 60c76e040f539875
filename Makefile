# Octavo.  `make` builds ./octavo; `make test` runs every test; `make run`
# installs what is missing, builds, creates the demo journal and serves it;
# `make valgrind` runs the HTTP tests against a server under valgrind.
# SAN=1 builds with AddressSanitizer and UndefinedBehaviorSanitizer;
# WERROR=1 (set by CI) turns warnings into errors.

CC	?= cc
PKGS	 = libmicrohttpd sqlite3 md4c-html jansson libsodium libpcre2-8 libgit2 \
	   gmime-3.0 libcurl libical libxml-2.0 libmariadb yaml-0.1 zlib \
	   libbrotlienc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS	?= -O2 -g
CFLAGS	+= -std=c17 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 \
	   -Wstrict-prototypes -Wmissing-prototypes -Wshadow \
	   -Isrc $(PKG_CFLAGS)
LDLIBS	+= $(PKG_LIBS) -lpthread -lm
ifeq ($(WERROR),1)
CFLAGS	+= -Werror
endif
ifeq ($(SAN),1)
CFLAGS	+= -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined -O1
LDFLAGS	+= -fsanitize=address,undefined
BUILD	 = build/san
else
BUILD	 = build/rel
endif

SRCS	 = $(filter-out src/main.c,$(wildcard src/*/*.c))
OBJS	 = $(SRCS:%.c=$(BUILD)/%.o)
UNITS	 = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
FUZZ	 = $(wildcard fuzz/fuzz_*.c)

all: octavo

octavo: $(BUILD)/octavo
	cp -f $< $@

$(BUILD)/octavo: $(BUILD)/src/main.o $(BUILD)/liboctavo.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/liboctavo.a: $(OBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

# The OpenAPI document is built into the program (.incbin in openapi.c).
$(BUILD)/src/api/openapi.o: src/api/openapi.json
# So is the gazetteer (.incbin in gazetteer.c; scripts/gazetteer.py).
$(BUILD)/src/util/gazetteer.o: data/gazetteer.tsv

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(BUILD)/liboctavo.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

units: $(UNITS)

# What each search costs the store, for bench/pages.py (bench/search_store.c).
$(BUILD)/search_store: $(BUILD)/bench/search_store.o $(BUILD)/liboctavo.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

test:
	@sh scripts/install-deps.sh test
	$(MAKE) octavo units
	@sh tests/run.sh $(BUILD)

run:
	@sh scripts/install-deps.sh build
	$(MAKE) octavo
	@test -f octavo.db || ./octavo demo --db octavo.db
	@echo "Back office: http://127.0.0.1:8080/admin.  The first administrator,"
	@echo "from another terminal here (it asks for the password):"
	@echo "    ./octavo user add you@example.org --role admin"
	./octavo serve --db octavo.db --listen 127.0.0.1:8080

bench:
	@sh scripts/install-deps.sh bench
	$(MAKE) octavo
	@sh bench/run.sh
	@sh bench/mixed.sh
	$(MAKE) $(BUILD)/search_store
	@python3 bench/pages.py
	@python3 bench/compression.py
	@sh bench/mail.sh

fuzz:
	@sh scripts/install-deps.sh fuzz
	@sh fuzz/run.sh

# The HTTP tests against the release build run under valgrind (memcheck):
# an error, or a block definitely or indirectly lost, makes the server
# exit 99, which fails the test that started it.  Slow; not part of test.
VALGRIND	 = valgrind --quiet --error-exitcode=99 --leak-check=full \
		   --errors-for-leak-kinds=definite,indirect \
		   --show-leak-kinds=definite,indirect
valgrind:
	@sh scripts/install-deps.sh valgrind
	$(MAKE) octavo
	@OCTAVO_WRAP="$(VALGRIND)" sh tests/run.sh build/rel http

check-style:
	@sh scripts/check-style.sh

clean:
	rm -rf build octavo

.PHONY: all octavo units test run bench fuzz valgrind check-style clean

-include $(OBJS:.o=.d) $(BUILD)/src/main.d
