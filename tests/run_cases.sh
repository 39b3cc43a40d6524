#!/bin/sh
# Runs every data-driven case under tests/cases/NAME/. A case holds:
#   replies.csv, reasons.csv, enhanced.csv, subcodes.csv
#                             the input (any may be left out: the shipped
#                             table is used instead)
#   args                      extra arguments, one line (optional)
#   env                       VAR=VALUE words set for the run (optional)
#   templates/                a template folder to use instead of ours
#   status                    the expected exit status (default 1)
#   stderr                    the exact expected standard error
#   expected/                 files that must be in the output folder, byte
#                             for byte (for cases that succeed)
#   generate.sh               makes inputs too big to keep in git (a line of
#                             several MiB); run with sh in the case's copy,
#                             with CASES naming tests/cases, where the
#                             helpers that several cases share live
#                             (long_enhanced.py)
# smtpgen runs inside a copy of the case folder, so messages name files as
# given there. Before each run the output folder holds a full, valid tree; a
# case that fails must leave that tree byte-identical, with no file added,
# and add no file to its own folder either (no temporary file, no depfile).
# No run may leave a temporary file (.NAME.XXXXXX) under the output folder.
# usage: tests/run_cases.sh GENERATOR [CASE...]; UPDATE=1 rewrites stderr and
# expected/ from what the generator does (review the diff before committing).
set -u
root=$(pwd)
gen=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
env -u SOURCE_DATE_EPOCH "$gen" --out "$tmp/golden" 2>/dev/null || { echo "cases: cannot make the golden tree"; exit 1; }

if [ $# -eq 0 ]; then set -- "$root"/tests/cases/*/; fi
passed=0
failed=0
for dir in "$@"; do
    dir=${dir%/}
    name=$(basename "$dir")
    problems=""
    rm -rf "$tmp/out" "$tmp/case"
    cp -a "$tmp/golden" "$tmp/out"
    cp -a "$dir" "$tmp/case"
    if [ -f "$dir/generate.sh" ]; then
        (cd "$tmp/case" && CASES="$root/tests/cases" sh ./generate.sh) \
            || problems="$problems generate.sh failed;"
    fi
    (cd "$tmp/case" && find . -print | sort) > "$tmp/case.before"
    replies="$root/data/smtp-replies.csv"
    reasons="$root/data/smtp-reasons.csv"
    enhanced="$root/data/smtp-enhanced.csv"
    subcodes="$root/data/smtp-enhanced-subcodes.csv"
    templates="$root/templates"
    [ -f "$tmp/case/replies.csv" ] && replies=replies.csv
    [ -f "$tmp/case/reasons.csv" ] && reasons=reasons.csv
    [ -f "$tmp/case/enhanced.csv" ] && enhanced=enhanced.csv
    [ -f "$tmp/case/subcodes.csv" ] && subcodes=subcodes.csv
    [ -d "$tmp/case/templates" ] && templates=templates
    args=""
    [ -f "$dir/args" ] && args=$(cat "$dir/args")
    vars=""
    [ -f "$dir/env" ] && vars=$(cat "$dir/env")
    want_status=1
    [ -f "$dir/status" ] && want_status=$(cat "$dir/status")
    # shellcheck disable=SC2086 # args and vars are word lists on purpose
    (cd "$tmp/case" && env -u SOURCE_DATE_EPOCH $vars "$gen" --replies "$replies" --reasons "$reasons" \
        --enhanced "$enhanced" --subcodes "$subcodes" --templates "$templates" --out "$tmp/out" $args) > "$tmp/stdout" 2> "$tmp/stderr"
    status=$?
    if [ "${UPDATE:-}" = 1 ]; then
        cp "$tmp/stderr" "$dir/stderr"
        [ -d "$dir/expected" ] && (cd "$dir/expected" && find . -type f) | while read -r f; do
            cp "$tmp/out/$f" "$dir/expected/$f"; done
    fi
    [ "$status" = "$want_status" ] || problems="$problems exit status $status, expected $want_status;"
    if [ -f "$dir/stderr" ]; then
        cmp -s "$dir/stderr" "$tmp/stderr" || problems="$problems stderr differs:
$(diff "$dir/stderr" "$tmp/stderr" | head -10);"
    else
        problems="$problems no stderr file;"
    fi
    if [ -d "$dir/expected" ]; then
        for f in $(cd "$dir/expected" && find . -type f | sort); do
            cmp -s "$dir/expected/$f" "$tmp/out/$f" || problems="$problems $f differs from expected/;"
        done
    elif [ "$want_status" != 0 ]; then
        diff -r "$tmp/golden" "$tmp/out" > "$tmp/tree.diff" 2>&1 \
            || problems="$problems the output tree changed: $(head -3 "$tmp/tree.diff");"
    fi
    leftover=$(find "$tmp/out" -name '.*' | head -3)
    [ -z "$leftover" ] || problems="$problems a temporary file was left: $leftover;"
    if [ "$want_status" != 0 ]; then
        (cd "$tmp/case" && find . -print | sort) > "$tmp/case.after"
        cmp -s "$tmp/case.before" "$tmp/case.after" || problems="$problems files appeared in the \
case folder: $(diff "$tmp/case.before" "$tmp/case.after" | grep '^>' | head -3);"
    fi
    if [ -n "$problems" ]; then
        echo "case $name: FAILED:$problems"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
done
echo "cases: $passed passed, $failed failed"
[ "$failed" = 0 ]
