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
    > "$build/expected.txt"
python3 "$here/reply_expected.py" "$reasons" > "$build/reply-expected.txt"

# HEADER_EXTRA_CFLAGS is added after these: tests/adversarial/run.sh passes
# -Wno-overlength-strings for its table of 64 KiB descriptions, since C99 only
# promises string literals of 4095 characters.
strict="-Wall -Wextra -pedantic -Werror ${HEADER_EXTRA_CFLAGS:-}"
failed=0
run() {
    label=$1; shift
    exe="$build/header_test-$label"
    if ! "$@" $strict -I"$include" -o "$exe" "$here/header_test.c" "$here/header_test_other.c"; then
        echo "header: $label: compile failed"; failed=1; return
    fi
    if ! timeout 120 "$exe" > "$build/got-$label.txt"; then
        echo "header: $label: the test program reported failures:"
        grep '^FAIL' "$build/got-$label.txt" | head -20
        failed=1
    fi
    if ! cmp -s "$build/expected.txt" "$build/got-$label.txt"; then
        echo "header: $label: output differs from the CSVs:"
        diff "$build/expected.txt" "$build/got-$label.txt" | head -20
        failed=1
        return
    fi
    echo "header: $label: ok ($(wc -l < "$build/got-$label.txt") lines match)"
    # The reply parser and the reason matching (tests/header/reply_test.c).
    exe="$build/reply_test-$label"
    if ! "$@" $strict -I"$include" -o "$exe" "$here/reply_test.c"; then
        echo "header: $label: reply_test: compile failed"; failed=1; return
    fi
    if ! timeout 120 "$exe" > "$build/reply-got-$label.txt"; then
        echo "header: $label: reply_test reported failures:"
        grep '^FAIL' "$build/reply-got-$label.txt" | head -20
        failed=1
    fi
    if ! cmp -s "$build/reply-expected.txt" "$build/reply-got-$label.txt"; then
        echo "header: $label: reply_test output differs from reply_expected.py:"
        diff "$build/reply-expected.txt" "$build/reply-got-$label.txt" | head -20
        failed=1
        return
    fi
    echo "header: $label: reply_test ok ($(wc -l < "$build/reply-got-$label.txt") lines match)"
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
