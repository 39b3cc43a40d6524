#!/bin/sh
# Checks each escaper with the tool its format's users run: every test
# value of emit.c, escaped into a C, Python, JavaScript, Go, Rust or Java
# string literal, must come back byte for byte when the program is compiled
# (or interpreted) and run; into JSON, read by Python and by Node; into a
# CSV field, read by Python's csv module; into Markdown, rendered by
# cmark-gfm as a paragraph and as a table cell (a control character as a
# blank). A missing tool fails the check (tests/deps.sh installs them all);
# ESCAPERS_ALLOW_SKIP=1 reports it as SKIP instead. Everything that runs has
# a time limit. Exits 1 on any difference, naming the format.
#
# usage: tests/escapers/run.sh   (from the top folder, after make)
set -eu
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CC=${CC:-cc}
# rustup puts rustc under ~/.cargo/bin, which a non-login shell may not have.
[ -d "${HOME:-/nonexistent}/.cargo/bin" ] && PATH="$PATH:$HOME/.cargo/bin"
t() { timeout 120 "$@"; }

$CC -std=c99 -Wall -Wextra -pedantic -Werror -D_XOPEN_SOURCE=700 -Igen \
    $(pkg-config --cflags jansson) -o "$tmp/emit" "$here/emit.c" gen/escape.c gen/buf.c

failed=0
passed=0
# compare FORMAT: the program's output against what emit expects.
compare() {
    t "$tmp/emit" expect "$1" >"$tmp/$1.expected"
    if cmp -s "$tmp/$1.expected" "$tmp/$1.got"; then
        echo "escapers: $1: $(wc -l <"$tmp/$1.got") values ok"
        passed=$((passed + 1))
    else
        echo "escapers: $1: FAIL: a value did not come back as it was (line: expected, got):"
        diff "$tmp/$1.expected" "$tmp/$1.got" | head -10
        failed=1
    fi
}
# check FORMAT COMMAND...: runs the program that reads the values back, then
# compares; a program that fails fails.
check() {
    format=$1
    shift
    if t "$@" >"$tmp/$format.got" 2>"$tmp/$format.err"; then
        compare "$format"
    else
        echo "escapers: $format: FAIL: $1 failed:"
        head -20 "$tmp/$format.err"
        failed=1
    fi
}
# build FORMAT COMMAND...: compiles; a literal that does not compile fails.
build() {
    format=$1
    shift
    t "$@" >"$tmp/$format.err" 2>&1 && return 0
    echo "escapers: $format: FAIL: $1 refused the literals:"
    head -20 "$tmp/$format.err"
    failed=1
    return 1
}
have() {
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "${ESCAPERS_ALLOW_SKIP:-0}" = 1 ]; then
        echo "escapers: $2: SKIP ($1 not installed)"
    else
        echo "escapers: $2: FAIL: $1 is not installed (tests/deps.sh installs it)"
        failed=1
    fi
    return 1
}
emit() { t "$tmp/emit" "$1" >"$2"; }

emit c "$tmp/v.c"
for cc in gcc clang; do
    if have $cc "c ($cc)"; then
        build c $cc -std=c99 -Wall -Wextra -pedantic -Werror -Wtrigraphs -o "$tmp/vc" "$tmp/v.c" \
            && check c "$tmp/vc"
    fi
done
if have python3 py; then
    emit py "$tmp/v.py"
    check py python3 -W error "$tmp/v.py"
    emit py-single "$tmp/v1.py"
    check py-single python3 -W error "$tmp/v1.py"
fi
if have node js; then
    emit js "$tmp/v.js"
    check js node "$tmp/v.js"
    cp "$tmp/v.js" "$tmp/v.mjs"
    check js node "$tmp/v.mjs"
    for form in js-single js-template; do
        emit $form "$tmp/$form.js"
        check $form node "$tmp/$form.js"
    done
fi
if have go go; then
    mkdir "$tmp/go"
    emit go "$tmp/go/main.go"
    check go env GOCACHE="$tmp/gocache" GOPATH="$tmp/gopath" GO111MODULE=off GOFLAGS= \
        go run "$tmp/go/main.go"
fi
if have rustc rust; then
    emit rust "$tmp/v.rs"
    build rust rustc -D warnings -o "$tmp/vrs" "$tmp/v.rs" && check rust "$tmp/vrs"
fi
if have javac java && have java java; then
    mkdir "$tmp/java"
    emit java "$tmp/java/Values.java"
    build java javac -Xlint:all -Werror -d "$tmp/java" "$tmp/java/Values.java" \
        && check java java -cp "$tmp/java" Values
fi
emit json "$tmp/v.json"
# No '<' in a literal: "</script" would end an HTML <script> block that
# holds the JSON or the script, and "<!--" would change where it ends.
emit js "$tmp/v2.js"
for f in "$tmp/v.json" "$tmp/v2.js"; do
    if grep -q '<' "$f"; then
        echo "escapers: $(basename "$f"): FAIL: holds '<', which can end a <script> block"
        failed=1
    fi
done
if have python3 json; then
    check json python3 "$here/decode.py" json "$tmp/v.json"
fi
if have node json; then
    check json node -e 'for (const s of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")))
        console.log(Buffer.from(s, "utf8").toString("hex"))' "$tmp/v.json"
fi
if have python3 csv; then
    emit csv "$tmp/v.csv"
    check csv python3 "$here/decode.py" csv "$tmp/v.csv"
fi
if have cmark-gfm markdown; then
    emit markdown "$tmp/v.md"
    check markdown python3 "$here/decode.py" markdown "$tmp/v.md"
fi
[ "$failed" = 0 ] || exit 1
[ "$passed" -gt 0 ] || { echo "escapers: no format could be checked" >&2; exit 1; }
echo "escapers: $passed checks passed"
