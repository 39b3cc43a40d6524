# smtpgen - see README.md. `make deps all` sets up and generates, `make check`
# runs every test and validator.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
DOCDIR ?= $(DATADIR)/doc/smtpgen
LIBDIR ?= $(PREFIX)/lib
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
CMAKEDIR ?= $(LIBDIR)/cmake/smtpgen

CC ?= cc
CFLAGS ?= -O2 -g
CFLAGS += -std=c99 -Wall -Wextra -pedantic -MMD -MP
CPPFLAGS += -D_XOPEN_SOURCE=700
LDLIBS += -lcsv -ljansson -lnettle

VERSION := $(shell sed -n 's/^\#define SMTPGEN_VERSION "\(.*\)"/\1/p' gen/version.h)

LIB_SRC := gen/artifacts.c gen/buf.c gen/canon.c gen/compat.c gen/csv_read.c gen/depfile.c gen/doc.c \
           gen/error.c gen/escape.c gen/model.c gen/names.c gen/render.c gen/sha256.c gen/utf8.c gen/value.c \
           gen/write.c
LIB_OBJ := $(LIB_SRC:.c=.o)
GEN := gen/smtpgen
SMTPCODE := gen/smtpcode

TEST_NAMES := test_artifacts test_render test_buf test_canon test_sha256 test_csv_read test_model test_doc test_escape test_write test_value test_names
TESTS := $(addprefix tests/,$(TEST_NAMES))

# The template tree is the output tree (see gen/artifacts.h): every file
# under templates/ is installed, keeping its folder.
TEMPLATES := $(shell find templates -type f ! -name '.*' | LC_ALL=C sort)
DATA := data/smtp-replies.csv data/smtp-reasons.csv data/smtp-enhanced.csv \
        data/smtp-enhanced-subcodes.csv

# The official Mustache spec tests, vendored with their licence.
SPEC_DIR ?= tests/mustache-spec

all: $(GEN) generate $(SMTPCODE)

$(GEN): $(LIB_OBJ) gen/main.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Always run: the generator takes milliseconds and rewrites only files whose
# content changed. out/ is the repository's copy, so it is made without a
# SOURCE_DATE_EPOCH from the environment.
generate: $(GEN)
	env -u SOURCE_DATE_EPOCH $(GEN) --out out

# smtpcode is built on the header just generated, so it is relinked after
# every generation (a second): it says what the header says.
$(SMTPCODE): gen/smtpcode.c gen/explain.c gen/explain.h gen/utf8.c gen/utf8.h gen/version.h generate
	$(CC) $(CPPFLAGS) $(CFLAGS) -Igen -Iout/include $(LDFLAGS) -o $@ gen/smtpcode.c \
	    gen/explain.c gen/utf8.c -ljansson

tests/%: tests/%.c $(LIB_OBJ)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Igen $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS) -lcmocka

CUSTOM := tests/cases/custom-table
# The smtp-codes.json of the last release, which --compat compares the
# tables with (README: "When a release is made").
COMPAT_RELEASE := tests/compat/release-0.2.0.json

# Every program make check runs has a time limit, so that a hang (a probe
# loop that never ends, a server that never answers) fails the check within
# minutes instead of stalling it: LIMIT is the limit of each step, well
# above what it takes (the longest, the adversarial tables and valgrind,
# take about two minutes here). The scripts limit the programs they run
# in turn, more tightly.
CHECK_LIMIT ?= 900
LIMIT = timeout -k 10 $(CHECK_LIMIT)

check: all $(TESTS)
	@for t in $(TESTS); do echo "== $$t"; timeout -k 10 120 ./$$t $(SPEC_DIR) || exit 1; done
	$(LIMIT) ./tests/run_cases.sh $(GEN)
	$(LIMIT) ./tests/header/check.sh out/include $(DATA)
	$(LIMIT) ./tests/header/check.sh $(CUSTOM)/expected/include $(CUSTOM)/replies.csv \
	    $(CUSTOM)/reasons.csv $(CUSTOM)/enhanced.csv $(CUSTOM)/subcodes.csv
	$(LIMIT) ./tests/header/deprecated.sh
	$(LIMIT) ./tests/header/key_lengths.sh $(GEN)
	$(LIMIT) python3 tests/check_seed.py
	$(LIMIT) python3 tests/check_enhanced.py
	$(LIMIT) python3 tests/check_json.py out/smtp-codes.json $(DATA)
	$(LIMIT) python3 tests/check_json.py $(CUSTOM)/expected/smtp-codes.json $(CUSTOM)/replies.csv \
	    $(CUSTOM)/reasons.csv $(CUSTOM)/enhanced.csv $(CUSTOM)/subcodes.csv
	$(LIMIT) ./tests/validate_json.sh out/smtp-codes.json out/smtp-codes.schema.json
	$(LIMIT) ./tests/validate_json.sh $(CUSTOM)/expected/smtp-codes.json out/smtp-codes.schema.json
	$(LIMIT) ./tests/check_man.sh $(GEN)
	$(LIMIT) python3 tests/check_markdown.py out/smtp-codes.md $(DATA)
	$(LIMIT) python3 tests/check_markdown.py $(CUSTOM)/expected/smtp-codes.md $(CUSTOM)/replies.csv \
	    $(CUSTOM)/reasons.csv $(CUSTOM)/enhanced.csv $(CUSTOM)/subcodes.csv
	$(LIMIT) ./tests/escapers/run.sh
	$(LIMIT) ./tests/check_tree.sh $(GEN)
	$(LIMIT) ./tests/check_html.sh
	$(LIMIT) node tests/browser_test.mjs
	COMPAT_RELEASE=$(COMPAT_RELEASE) $(LIMIT) ./tests/check_cli.sh $(GEN)
	$(LIMIT) ./tests/check_line_endings.sh $(GEN)
	$(LIMIT) ./tests/check_smtpcode.sh $(SMTPCODE)
	$(LIMIT) python3 tests/check_corpus.py $(SMTPCODE)
	$(LIMIT) ./tests/corpus/sanitized.sh
	SMTPCODE=$(SMTPCODE) $(LIMIT) ./tests/check_html_explain.sh tests/corpus/replies.jsonl
	$(LIMIT) ./tests/e2e/run.sh $(SMTPCODE)
	$(LIMIT) ./tests/check_write_faults.sh $(GEN)
	$(LIMIT) ./tests/adversarial/run.sh $(GEN)
	$(LIMIT) ./tests/sanitize.sh
	$(LIMIT) ./tests/valgrind.sh $(GEN)
	$(LIMIT) ./tests/fuzz/run.sh 30
	$(LIMIT) ./tests/consumers/run.sh
	$(LIMIT) $(GEN) --format --check $(DATA)
	$(LIMIT) env -u SOURCE_DATE_EPOCH $(GEN) --check --out out
	$(LIMIT) env -u SOURCE_DATE_EPOCH $(GEN) --compat $(COMPAT_RELEASE) --check --out out
	@echo "check: every test and validator passed"

# The unit tests alone, built (tests/mutants/run.py builds them per mutant).
unit-tests: $(TESTS)

# Mutation testing (not part of check; about five minutes): each mutant of
# tests/mutants/mutants.txt breaks one line in a copy of the tree, and one
# of its checks must fail. Prints killed/survived; exits 1 on a survivor.
# MUTANTS=text runs only the mutants whose names hold it.
mutants: all
	python3 tests/mutants/run.py $(MUTANTS)

deps:
	./tests/deps.sh

# The generator's sources other than main.c, for the test scripts that
# build it their own way (sanitizers, fuzzing).
print-lib-src:
	@echo $(LIB_SRC)

print-version:
	@echo $(VERSION)

# Benchmarks (not part of check): generation time and peak RSS for the
# shipped table and synthetic 1k/100k/1M-reason tables against a libcsv
# lower bound, and the header's lookups against a strcmp scan and gperf.
# Takes about five minutes; see README.md, "Performance".
bench: all
	python3 tests/bench/bench.py --generator $(GEN) --smtpcode $(SMTPCODE) --include out/include \
	    --build tests/build/bench --cc "$(CC)"

# A long fuzzing run (check runs a 30-second smoke run), and the sanitizer
# and valgrind passes on their own.
FUZZ_SECONDS ?= 600
fuzz:
	./tests/fuzz/run.sh $(FUZZ_SECONDS)

sanitize:
	./tests/sanitize.sh

valgrind: $(GEN)
	./tests/valgrind.sh $(GEN)

# The installed smtpgen finds its templates and data in $(DATADIR)/smtpgen
# relative to its own place (bin/../share/smtpgen), so the tree can be
# staged with DESTDIR or moved as a whole.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(DATADIR)/smtpgen/templates $(DESTDIR)$(DATADIR)/smtpgen/data \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(CMAKEDIR)
	install -m 755 $(GEN) $(DESTDIR)$(BINDIR)/smtpgen
	install -m 755 $(SMTPCODE) $(DESTDIR)$(BINDIR)/smtpcode
	install -m 644 gen/smtpcode.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 gen/smtpcode.schema.json $(DESTDIR)$(DOCDIR)/
	for f in $(TEMPLATES); do \
	    install -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/smtpgen/$$f" || exit 1; \
	done
	install -m 644 $(DATA) $(DESTDIR)$(DATADIR)/smtpgen/data/
	install -m 644 out/include/smtp_codes.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 644 gen/smtpgen.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 out/man/smtp-codes.7 $(DESTDIR)$(MANDIR)/man7/
	install -m 644 out/smtp-codes.json out/smtp-codes.schema.json \
	    out/html/smtp-codes.html out/smtp-codes.md $(DESTDIR)$(DOCDIR)/
	sed 's|@PREFIX@|$(PREFIX)|; s|@VERSION@|$(VERSION)|' gen/smtpgen.pc.in \
	    > $(DESTDIR)$(PKGCONFIGDIR)/smtpgen.pc
	install -m 644 gen/cmake/smtpgenConfig.cmake $(DESTDIR)$(CMAKEDIR)/
	sed 's|@VERSION@|$(VERSION)|' gen/cmake/smtpgenConfigVersion.cmake.in \
	    > $(DESTDIR)$(CMAKEDIR)/smtpgenConfigVersion.cmake

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/smtpgen $(DESTDIR)$(INCLUDEDIR)/smtp_codes.h \
	    $(DESTDIR)$(BINDIR)/smtpcode $(DESTDIR)$(MANDIR)/man1/smtpcode.1 \
	    $(DESTDIR)$(MANDIR)/man1/smtpgen.1 $(DESTDIR)$(MANDIR)/man7/smtp-codes.7 \
	    $(DESTDIR)$(PKGCONFIGDIR)/smtpgen.pc
	rm -rf $(DESTDIR)$(DATADIR)/smtpgen $(DESTDIR)$(DOCDIR) $(DESTDIR)$(CMAKEDIR)

clean:
	rm -f gen/*.o gen/*.d $(GEN) $(SMTPCODE) $(TESTS) tests/*.d
	rm -rf tests/build

.PHONY: all generate check unit-tests mutants deps print-lib-src print-version bench fuzz sanitize valgrind install uninstall clean
-include gen/*.d tests/*.d
