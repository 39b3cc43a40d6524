#!/bin/sh
# Builds the generator and every unit test with AddressSanitizer (leaks
# included) and UndefinedBehaviorSanitizer into tests/build/asan/ (so the
# normal objects stay as they are), then runs the unit tests, the
# data-driven cases, the CLI checks, the write faults and the adversarial
# tables with them. Any sanitizer report fails the run: a report changes the
# exit status (86) and writes to standard error, and every runner compares
# both.
# usage: tests/sanitize.sh   (from the repository root; CC defaults to clang)
set -eu
cc=${SANITIZE_CC:-clang}
build=tests/build/asan
mkdir -p "$build"
flags="-std=c99 -D_XOPEN_SOURCE=700 -g -O1 -fno-omit-frame-pointer -Wall -Wextra -pedantic
-Werror -fsanitize=address,undefined -fno-sanitize-recover=all -Igen"
lib=$(make -s --no-print-directory print-lib-src)
# Errors stop the program with status 86; leaks are errors too.
ASAN_OPTIONS=detect_leaks=1:exitcode=86:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86
export ASAN_OPTIONS UBSAN_OPTIONS

echo "sanitize: building with $cc -fsanitize=address,undefined into $build"
# smtpgen finds the shipped tables and templates beside the folder it is in
# (gen/../data), so the sanitized one gets the same layout.
mkdir -p "$build/gen"
ln -sfn ../../../data "$build/data"
ln -sfn ../../../templates "$build/templates"
mkdir -p "$build/obj"
objects=""
for src in $lib; do
    obj=$build/obj/$(basename "$src" .c).o
    # shellcheck disable=SC2086 # word lists on purpose
    $cc $flags -c -o "$obj" "$src"
    objects="$objects $obj"
done
# shellcheck disable=SC2086
$cc $flags -o "$build/gen/smtpgen" gen/main.c $objects -lcsv -ljansson -lnettle
tests=""
for t in tests/test_*.c; do
    name=$(basename "$t" .c)
    # shellcheck disable=SC2086
    $cc $flags -o "$build/$name" "$t" $objects -lcsv -ljansson -lnettle -lcmocka
    tests="$tests $name"
done

# The sanitizers must be able to fail here: a leak and an overflow.
printf '#include <stdlib.h>\nvoid *volatile kept;\nint main(void) { kept = malloc(8); kept = 0; return 0; }\n' \
    > "$build/leak.c"
printf '#include <stdlib.h>\nint main(int c, char **v) { char *p = malloc(4); (void)v; p[c + 3] = 1; free(p); return 0; }\n' \
    > "$build/overflow.c"
for probe in leak overflow; do
    # shellcheck disable=SC2086
    $cc $flags -Wno-unused-but-set-variable -o "$build/$probe" "$build/$probe.c"
    if "$build/$probe" 2>/dev/null; then
        echo "sanitize: the $probe probe was not caught; the sanitizers do not work here"
        exit 1
    fi
done

for name in $tests; do
    echo "== $name (sanitized)"
    "$build/$name" tests/mustache-spec
done
./tests/run_cases.sh "$build/gen/smtpgen"
./tests/check_cli.sh "$build/gen/smtpgen"
./tests/check_write_faults.sh "$build/gen/smtpgen"
./tests/adversarial/run.sh "$build/gen/smtpgen"
echo "sanitize: unit tests, cases, CLI, write faults and adversarial tables clean under ASan and UBSan"
