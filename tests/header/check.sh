#!/bin/sh
# Compiles tests/header/header_test.c against a generated smtp_codes.h with
# every compiler and language mode the header promises, runs each build and
# compares its output with what the CSVs say (tests/header/expected.py);
# last, once more with clang under AddressSanitizer and UBSan, which catch
# a read past the length given to smtp_enhanced_parse() or
# smtp_reply_parse(). tests/header/reply_test.c checks the reply parser and
# the reason matching against tests/header/reply_expected.py.
# usage: tests/header/check.sh [HEADER_DIR REPLIES_CSV REASONS_CSV
#                               [ENHANCED_CSV SUBCODES_CSV]]
# (the last two default to data/smtp-enhanced.csv and
# data/smtp-enhanced-subcodes.csv; HEADER_BUILD_DIR: where to build, default
# tests/build/header)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
include=${1:-out/include}
replies=${2:-data/smtp-replies.csv}
reasons=${3:-data/smtp-reasons.csv}
enhanced=${4:-data/smtp-enhanced.csv}
subcodes=${5:-data/smtp-enhanced-subcodes.csv}
build=${HEADER_BUILD_DIR:-tests/build/header}
mkdir -p "$build"
version=$(sed -n 's/^#define SMTPGEN_VERSION "\(.*\)"/\1/p' "$here/../../gen/version.h")
python3 "$here/expected.py" "$replies" "$reasons" "$version" "$enhanced" "$subcodes" \
    > "$build/header_test-expected.txt"
python3 "$here/reply_expected.py" "$reasons" > "$build/reply_test-expected.txt"

# HEADER_EXTRA_CFLAGS is added after these: tests/adversarial/run.sh passes
# -Wno-overlength-strings for its table of 64 KiB descriptions, since C99 only
# promises string literals of 4095 characters.
strict="-Wall -Wextra -pedantic -Werror ${HEADER_EXTRA_CFLAGS:-}"
failed=0
# program LABEL NAME OTHER COMPILER...: builds tests/header/NAME.c (and
# OTHER, a second source, when not empty) with the compiler and the strict
# flags, runs it with a time limit and compares its output with
# $build/NAME-expected.txt; 1 when any of that fails.
program() {
    label=$1 name=$2 other=$3
    shift 3
    exe="$build/$name-$label"
    got="$build/$name-got-$label.txt"
    # shellcheck disable=SC2086 # $strict is a word list on purpose
    if ! "$@" $strict -I"$include" -o "$exe" "$here/$name.c" ${other:+"$here/$other"}; then
        echo "header: $label: $name: compile failed"; return 1
    fi
    status=0
    if ! timeout 120 "$exe" > "$got"; then
        echo "header: $label: $name reported failures:"
        grep '^FAIL' "$got" | head -20
        status=1
    fi
    if ! cmp -s "$build/$name-expected.txt" "$got"; then
        echo "header: $label: $name output differs from what the CSVs say:"
        diff "$build/$name-expected.txt" "$got" | head -20
        return 1
    fi
    [ "$status" = 0 ] && echo "header: $label: $name ok ($(wc -l < "$got") lines match)"
    return "$status"
}
# run LABEL COMPILER...: the lookups (header_test), then the reply parser
# and the reason matching (reply_test).
run() {
    label=$1
    shift
    program "$label" header_test header_test_other.c "$@" || { failed=1; return; }
    program "$label" reply_test "" "$@" || failed=1
}
run gcc-c99 gcc -std=c99
run gcc-c11 gcc -std=c11
run clang-c99 clang -std=c99
run clang-c11 clang -std=c11
run gxx-c++11 g++ -std=c++11 -x c++
run clangxx-c++11 clang++ -std=c++11 -x c++
run clang-asan-ubsan clang -std=c99 -g -O1 -fsanitize=address,undefined \
    -fno-sanitize-recover=all -fno-omit-frame-pointer
exit $failed
