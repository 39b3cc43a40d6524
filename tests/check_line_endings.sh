#!/bin/sh
# Tables as Excel, LibreOffice, IANA and a Windows checkout
# (core.autocrlf=true) write them: CRLF line ends, a UTF-8 BOM, both, and
# a mix of LF and CRLF lines. Each variant of the shipped tables must give
# the very artifacts of the LF tables, byte for byte (the source digests
# cover the canonical bytes), pass --check against the committed out/, and
# still be reported by --format --check and rewritten by --format into the
# shipped bytes.
# usage: tests/check_line_endings.sh GENERATOR   (from the repository root)
set -eu
root=$(pwd)
gen="$root/$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
fail() { echo "line endings: FAILED: $*"; exit 1; }
run() { env -u SOURCE_DATE_EPOCH timeout 60 "$gen" "$@"; }
tables="smtp-replies.csv smtp-reasons.csv smtp-enhanced.csv smtp-enhanced-subcodes.csv"

# variant NAME: $tmp/NAME/ holds the shipped tables written that way.
variant() {
    mkdir -p "$tmp/$1"
    for t in $tables; do
        case $1 in
        crlf) sed 's/$/\r/' "data/$t" ;;
        bom) printf '\357\273\277'; cat "data/$t" ;;
        bom-crlf) printf '\357\273\277'; sed 's/$/\r/' "data/$t" ;;
        mixed) awk 'NR % 2 { printf "%s\r\n", $0; next } { print }' "data/$t" ;;
        esac > "$tmp/$1/$t"
        if cmp -s "data/$t" "$tmp/$1/$t"; then fail "$1: $t was not changed"; fi
    done
}

for v in crlf bom bom-crlf mixed; do
    variant "$v"
    set -- --replies "$tmp/$v/smtp-replies.csv" --reasons "$tmp/$v/smtp-reasons.csv" \
        --enhanced "$tmp/$v/smtp-enhanced.csv" --subcodes "$tmp/$v/smtp-enhanced-subcodes.csv"
    run "$@" --out "$tmp/$v.out" 2> "$tmp/$v.err" || fail "$v: $(cat "$tmp/$v.err")"
    # The same warnings as the LF tables draw, naming the files as given.
    sed "s|^$tmp/$v/|data/|" "$tmp/$v.err" > "$tmp/$v.err.lf"
    run --out "$tmp/lf.out" 2> "$tmp/lf.err" || fail "the shipped tables"
    cmp -s "$tmp/lf.err" "$tmp/$v.err.lf" || fail "$v: other messages: $(cat "$tmp/$v.err")"
    diff -r out "$tmp/$v.out" > "$tmp/$v.diff" || fail "$v: artifacts differ: $(head -5 "$tmp/$v.diff")"
    run "$@" --check --out out 2>/dev/null || fail "$v: --check against out/ failed"
    passed=$((passed + 1))

    # --format --check names every file, changes none; --format mends them.
    if run --format --check "$tmp/$v"/*.csv 2> "$tmp/$v.fmt"; then
        fail "$v: --format --check passed"
    fi
    [ "$(grep -c ' is not in canonical form$' "$tmp/$v.fmt")" = 4 ] \
        || fail "$v: --format --check: $(cat "$tmp/$v.fmt")"
    cp -a "$tmp/$v" "$tmp/$v.copy"
    diff -r "$tmp/$v.copy" "$tmp/$v" > /dev/null || fail "$v: --format --check changed a file"
    run --format "$tmp/$v"/*.csv > /dev/null || fail "$v: --format failed"
    for t in $tables; do
        cmp -s "data/$t" "$tmp/$v/$t" || fail "$v: --format did not give the shipped $t"
    done
    passed=$((passed + 1))
done
echo "line endings: $passed passed, 0 failed (CRLF, BOM, BOM and CRLF, mixed: the LF" \
     "tables' artifacts, byte for byte; --format mends each)"
