#!/bin/sh
# Installs smtpgen into a temporary prefix and builds the two consumer
# projects against it, the way other projects use smtpgen:
#   make/   a Makefile build step with --depfile, its own table
#   cmake/  find_package(smtpgen) and smtpgen_generate(), its own table,
#           with the Ninja and the Makefile generators
# Each program's output is compared with what its CSVs say; a second build
# with nothing changed must run no generation step; touching a template or
# changing the table must rerun it. Also checks make install/uninstall with
# DESTDIR, pkg-config, and that the installed smtpgen finds its templates
# from any folder.
# usage: tests/consumers/run.sh  (from the repository root)
set -eu
root=$(pwd)
here="$root/tests/consumers"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "consumers: FAILED: $*"; exit 1; }
passed=0
ok() { passed=$((passed + 1)); }

prefix="$tmp/prefix"
make -s install PREFIX="$prefix" > "$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "make install"; }

# The installed generator, run from an unrelated folder, finds its own
# templates and data and makes exactly the committed out/.
(cd / && env -u SOURCE_DATE_EPOCH "$prefix/bin/smtpgen" --out "$tmp/from-root" 2>/dev/null) \
    || fail "installed smtpgen run from / failed"
diff -r "$root/out" "$tmp/from-root" > /dev/null || fail "installed smtpgen output differs from out/"
ok

# pkg-config points at the installed header, which compiles.
cflags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags smtpgen | sed "s/ *$//")
[ "$cflags" = "-I$prefix/include" ] || fail "pkg-config --cflags gave '$cflags'"
[ "$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --modversion smtpgen)" = \
  "$(sed -n 's/^#define SMTPGEN_VERSION "\(.*\)"/\1/p' "$root/gen/version.h")" ] \
    || fail "pkg-config --modversion"
printf '#include <smtp_codes.h>\nint main(void) { return smtp_reply_description(554) == 0; }\n' > "$tmp/pc.c"
# shellcheck disable=SC2086 # cflags is a word list
cc -std=c99 -Wall -Wextra -pedantic -Werror $cflags -o "$tmp/pc" "$tmp/pc.c" && "$tmp/pc" \
    || fail "a program built with pkg-config's flags"
ok

# Whether a build ran a generation step is read from a log the installed
# smtpgen keeps, not from what make or CMake echo: under make -s (MAKEFLAGS
# is inherited) nothing is echoed. The installed program is moved beside a
# wrapper that logs each generating call (not --list-artifacts) and runs it;
# it still finds its templates from its own place, bin/../share/smtpgen.
calls="$tmp/generation.log"
: > "$calls"
mv "$prefix/bin/smtpgen" "$prefix/bin/smtpgen.real"
printf '#!/bin/sh\ncase " $* " in *" --list-artifacts "*) ;; *) echo "$*" >> "%s" ;; esac\nexec "%s" "$@"\n' \
    "$calls" "$prefix/bin/smtpgen.real" > "$prefix/bin/smtpgen"
chmod +x "$prefix/bin/smtpgen"
generations() { wc -l < "$calls"; }
# ran_since COUNT: a generation step ran since generations gave COUNT.
ran_since() { [ "$(generations)" -gt "$1" ]; }

# make consumer: its Makefile asks smtpgen --list-artifacts for the targets.
cp -R "$here/make" "$tmp/make"
cd "$tmp/make"
before=$(generations)
make SMTPGEN="$prefix/bin/smtpgen" > build1.log 2>&1 || { cat build1.log; fail "make consumer: first build"; }
ran_since "$before" || fail "make consumer: the first build ran no generation step"
grep -q -- "--depfile" "$calls" || fail "make consumer: smtpgen ran without --depfile: $(cat "$calls")"
timeout 30 ./bounce > got.txt
python3 "$here/expected.py" bounce table/replies.csv table/reasons.csv > want.txt
cmp -s want.txt got.txt || { diff want.txt got.txt; fail "make consumer: output differs from its CSVs"; }
ok
before=$(generations)
touch marker
make SMTPGEN="$prefix/bin/smtpgen" > build2.log 2>&1
if ran_since "$before" || [ -n "$(find bounce -newer marker)" ]; then
    cat build2.log; fail "make consumer: a second build with nothing changed did work"
fi
ok
sleep 1
before=$(generations)
touch "$prefix/share/smtpgen/templates/include/{{prefix}}_codes.h.mustache"
make SMTPGEN="$prefix/bin/smtpgen" > build3.log 2>&1
ran_since "$before" || fail "make consumer: touching a template (via the depfile) did not rerun smtpgen"
ok
printf 'LATE,5XX_LATE,550,Appended row.\n' >> table/reasons.csv
make SMTPGEN="$prefix/bin/smtpgen" > build4.log 2>&1
timeout 30 ./bounce > got.txt
python3 "$here/expected.py" bounce table/replies.csv table/reasons.csv > want.txt
cmp -s want.txt got.txt || fail "make consumer: an appended row did not reach the program"
ok

# CMake consumer, with both generators.
for generator in Ninja "Unix Makefiles"; do
    src="$tmp/cmake-src"
    rm -rf "$src" "$tmp/cmake-build"
    cp -R "$here/cmake" "$src"
    build="$tmp/cmake-build"
    cmake -S "$src" -B "$build" -G "$generator" -DCMAKE_PREFIX_PATH="$prefix" \
        > "$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; fail "cmake ($generator): configure"; }
    before=$(generations)
    cmake --build "$build" > "$tmp/b1.log" 2>&1 || { cat "$tmp/b1.log"; fail "cmake ($generator): build"; }
    ran_since "$before" || fail "cmake ($generator): no generation step ran"
    timeout 30 "$build/relay" > "$tmp/got.txt"
    python3 "$here/expected.py" relay "$src/table/replies.csv" "$src/table/reasons.csv" > "$tmp/want.txt"
    cmp -s "$tmp/want.txt" "$tmp/got.txt" || { diff "$tmp/want.txt" "$tmp/got.txt"; fail "cmake ($generator): output differs"; }
    # Two tables in one program: the project's and the shipped one under
    # PREFIX acme, each answering from its own CSV.
    timeout 30 "$build/acme" > "$tmp/got.txt"
    python3 - "$src/table/replies.csv" "$root/data/smtp-replies.csv" > "$tmp/want.txt" <<'PY'
import csv, sys
for path in sys.argv[1:]:
    print(next(r["description"] for r in csv.DictReader(open(path, encoding="utf-8")) if r["code"] == "554"))
PY
    cmp -s "$tmp/want.txt" "$tmp/got.txt" || { diff "$tmp/want.txt" "$tmp/got.txt"; fail "cmake ($generator): PREFIX acme beside the project's table"; }
    [ -f "$build/shipped_codes/include/acme_codes.h" ] || fail "cmake ($generator): no acme_codes.h"
    ok
    before=$(generations)
    touch "$tmp/marker"
    cmake --build "$build" > "$tmp/b2.log" 2>&1
    if ran_since "$before" || [ -n "$(find "$build/relay" "$build/acme" -newer "$tmp/marker")" ]; then
        cat "$tmp/b2.log"; fail "cmake ($generator): a second build with nothing changed did work"
    fi
    ok
    sleep 1
    printf 'RELAY_DENIED,5XX_RELAY,554,Relaying denied.\n' >> "$src/table/reasons.csv"
    cmake --build "$build" > "$tmp/b3.log" 2>&1
    timeout 30 "$build/relay" > "$tmp/got.txt"
    python3 "$here/expected.py" relay "$src/table/replies.csv" "$src/table/reasons.csv" > "$tmp/want.txt"
    cmp -s "$tmp/want.txt" "$tmp/got.txt" || fail "cmake ($generator): an appended row did not reach the program"
    ok
done

# make install with DESTDIR puts every file under the staging folder, and
# make uninstall removes every one of them.
cd "$root"
stage="$tmp/stage"
make -s install DESTDIR="$stage" PREFIX=/opt/smtpgen > /dev/null 2>&1 || fail "make install DESTDIR"
for f in bin/smtpgen include/smtp_codes.h share/man/man1/smtpgen.1 share/man/man7/smtp-codes.7 \
         share/doc/smtpgen/smtp-codes.json share/doc/smtpgen/smtp-codes.html \
         share/smtpgen/templates/include/{{prefix}}_codes.h.mustache share/smtpgen/data/smtp-reasons.csv \
         lib/pkgconfig/smtpgen.pc lib/cmake/smtpgen/smtpgenConfig.cmake; do
    [ -f "$stage/opt/smtpgen/$f" ] || fail "make install DESTDIR: $f missing"
done
grep -q '^prefix=/opt/smtpgen$' "$stage/opt/smtpgen/lib/pkgconfig/smtpgen.pc" || fail "smtpgen.pc prefix"
ok
make -s uninstall DESTDIR="$stage" PREFIX=/opt/smtpgen > /dev/null 2>&1 || fail "make uninstall"
left=$(find "$stage" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"
ok
echo "consumers: $passed passed, 0 failed"
