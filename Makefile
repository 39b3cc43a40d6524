# smtpgen - see README.md. `make deps all` sets up and generates, `make check`
# runs every test and validator.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share

CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=c99 -Wall -Wextra -pedantic -MMD -MP
CPPFLAGS += -D_XOPEN_SOURCE=700
LDLIBS += -lcsv -ljansson

VERSION := $(shell sed -n 's/^\#define SMTPGEN_VERSION "\(.*\)"/\1/p' gen/version.h)

LIB_SRC := gen/buf.c gen/csv_read.c gen/doc.c gen/error.c gen/escape.c \
           gen/model.c gen/render.c gen/sha256.c gen/write.c
LIB_OBJ := $(LIB_SRC:.c=.o)
GEN := gen/smtpgen

TEST_NAMES := test_render
TESTS := $(addprefix tests/,$(TEST_NAMES))

ARTIFACTS := out/include/smtp_codes.h out/man/smtp-codes.7 \
             out/html/smtp-codes.html out/smtp-codes.json out/smtp-codes.schema.json
TEMPLATES := $(wildcard templates/*.mustache) templates/smtp-codes.schema.json
DATA := data/smtp-replies.csv data/smtp-reasons.csv

# The official Mustache spec tests, vendored with their licence.
SPEC_DIR ?= tests/mustache-spec

all: $(GEN) generate

$(GEN): $(LIB_OBJ) gen/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Always run: the generator takes milliseconds and rewrites only files whose
# content changed. out/ is the repository's copy, so it is made without a
# SOURCE_DATE_EPOCH from the environment.
generate: $(GEN)
	env -u SOURCE_DATE_EPOCH $(GEN) --out out

tests/%: tests/%.c $(LIB_OBJ)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Igen $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS) -lcmocka

CUSTOM := tests/cases/custom-table

check: all $(TESTS)
	@for t in $(TESTS); do echo "== $$t"; ./$$t $(SPEC_DIR) || exit 1; done
	./tests/run_cases.sh $(GEN)
	./tests/header/check.sh out/include $(DATA)
	./tests/header/check.sh $(CUSTOM)/expected/include $(CUSTOM)/replies.csv $(CUSTOM)/reasons.csv
	python3 tests/check_seed.py
	python3 tests/check_json.py out/smtp-codes.json $(DATA)
	python3 tests/check_json.py $(CUSTOM)/expected/smtp-codes.json $(CUSTOM)/replies.csv $(CUSTOM)/reasons.csv
	./tests/validate_json.sh out/smtp-codes.json out/smtp-codes.schema.json
	./tests/validate_json.sh $(CUSTOM)/expected/smtp-codes.json out/smtp-codes.schema.json
	env -u SOURCE_DATE_EPOCH $(GEN) --check --out out
	@echo "check: every test and validator passed"

deps:
	./tests/deps.sh

clean:
	rm -f gen/*.o gen/*.d $(GEN) $(TESTS) tests/*.d
	rm -rf tests/build

.PHONY: all generate check deps clean
-include gen/*.d tests/*.d
